package org.dartboard.core;

/**
 * One job of a plan: count the points {@code [firstPoint, firstPoint + points)} of the stream of
 * {@code seed}. A job is fully described by these numbers, so any worker can run it, and a job that is
 * run again gives the same count.
 *
 * <p>Public for dartboard's farms (the local one and the cluster's), which receive jobs as these; a user of
 * the library makes plans, not jobs.
 *
 * @param id the job's number in its plan, from 0
 * @param seed the run's master seed
 * @param firstPoint index of the job's first point in the run's stream (modulo 2<sup>64</sup>)
 * @param points how many points the job counts, at least 1
 */
public record JobSpec(long id, long seed, long firstPoint, long points) {

    public JobSpec {
        if (id < 0) {
            throw new IllegalArgumentException("job id must be >= 0, got " + id);
        }
        if (points < 1) {
            throw new IllegalArgumentException("a job counts at least 1 point, got " + points);
        }
    }
}
