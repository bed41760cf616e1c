package org.dartboard.core;

/**
 * One job of a plan: count the points {@code [firstPoint, firstPoint + points)} of the stream of
 * {@code seed} (random darts), or of one replica's shifted lattice (lattice darts). A job is fully described
 * by these numbers, so any worker can run it, and a job that is run again gives the same count.
 *
 * <p>Public for dartboard's farms (the local one and the cluster's), which receive jobs as these; a user of
 * the library makes plans, not jobs.
 *
 * @param id the job's number in its plan, from 0
 * @param seed the run's master seed
 * @param firstPoint index of the job's first point in the run's stream (modulo 2<sup>64</sup>), or in its
 *     replica
 * @param points how many points the job counts, at least 1
 * @param darts which kind of points
 * @param replica the lattice replica the job's points belong to; 0 for random darts
 */
public record JobSpec(long id, long seed, long firstPoint, long points, JobPlan.Darts darts, int replica) {

    /** A job of random darts. */
    public JobSpec(long id, long seed, long firstPoint, long points) {
        this(id, seed, firstPoint, points, JobPlan.Darts.RANDOM, 0);
    }

    public JobSpec {
        if (darts == null) {
            throw new IllegalArgumentException("a job says which darts it counts");
        }
        if (replica < 0 || darts == JobPlan.Darts.RANDOM && replica != 0) {
            throw new IllegalArgumentException("job " + id + " of " + darts + " darts cannot be of replica " + replica);
        }
        if (id < 0) {
            throw new IllegalArgumentException("job id must be >= 0, got " + id);
        }
        if (points < 1) {
            throw new IllegalArgumentException("a job counts at least 1 point, got " + points);
        }
    }
}
