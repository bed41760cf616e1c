package org.dartboard.core;

import java.math.BigInteger;
import java.util.Objects;

/**
 * How a run splits its points into jobs: job {@code j} owns the points {@code [j·N, (j+1)·N)} of the
 * run's one stream, and the last job may be shorter when the total is not a multiple of N.
 *
 * <p>Because the points of a run do not depend on the split, neither does the count: the same seed and
 * total give the same answer for any N, any number of workers and any order of jobs.
 *
 * <p>A value: two plans are equal when seed, total and N are.
 */
public final class JobPlan {

    /** The largest total: every index of the 64-bit stream once. */
    public static final BigInteger MAX_TOTAL_POINTS = BigInteger.ONE.shiftLeft(64);

    /** Largest job made by {@link #splitting}: about a tenth of a second on one core. */
    public static final long SPLIT_MAX_JOB_POINTS = 100_000_000L;

    /** Jobs that {@link #splitting} aims for at least, so that many workers have work. */
    public static final long SPLIT_MIN_JOBS = 64;

    private final long seed;
    private final BigInteger totalPoints;
    private final long pointsPerJob;
    private final long jobs;
    private final long lastJobPoints;

    /**
     * @param seed the master seed of the run's stream
     * @param totalPoints all points of the run, from 1 to 2<sup>64</sup>
     * @param pointsPerJob N, the points of every job but possibly the last
     */
    public JobPlan(long seed, BigInteger totalPoints, long pointsPerJob) {
        Objects.requireNonNull(totalPoints, "totalPoints");
        if (totalPoints.signum() <= 0 || totalPoints.compareTo(MAX_TOTAL_POINTS) > 0) {
            throw new IllegalArgumentException("total points must be from 1 to 2^64, got " + totalPoints);
        }
        if (pointsPerJob < 1) {
            throw new IllegalArgumentException("points per job must be at least 1, got " + pointsPerJob);
        }
        BigInteger jobCount = jobCount(totalPoints, pointsPerJob);
        if (jobCount.bitLength() > 63) {
            throw new IllegalArgumentException("more than " + Long.MAX_VALUE + " jobs");
        }
        this.seed = seed;
        this.totalPoints = totalPoints;
        this.pointsPerJob = pointsPerJob;
        this.jobs = jobCount.longValueExact();
        BigInteger beforeLast = BigInteger.valueOf(jobs - 1).multiply(BigInteger.valueOf(pointsPerJob));
        this.lastJobPoints = totalPoints.subtract(beforeLast).longValueExact();
    }

    /** The original's plan: M jobs of N points each. */
    public static JobPlan of(long pointsPerJob, long jobs, long seed) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        return new JobPlan(seed, BigInteger.valueOf(pointsPerJob).multiply(BigInteger.valueOf(jobs)), pointsPerJob);
    }

    /**
     * A plan for a total chosen by the user, split here: jobs of at most {@value #SPLIT_MAX_JOB_POINTS}
     * points (a lost or cancelled job costs little and progress is smooth) and at least
     * {@value #SPLIT_MIN_JOBS} jobs when the total allows (so a cluster's cores all get work). It depends
     * on the total only, never on the machine, so a plan can be written down and resumed anywhere.
     */
    public static JobPlan splitting(BigInteger totalPoints, long seed) {
        if (totalPoints.signum() <= 0) {
            throw new IllegalArgumentException("total points must be at least 1, got " + totalPoints);
        }
        // Rounding the share down gives from 64 to 127 jobs for small totals; rounding up could give fewer.
        BigInteger share = totalPoints.divide(BigInteger.valueOf(SPLIT_MIN_JOBS));
        long pointsPerJob = share.min(BigInteger.valueOf(SPLIT_MAX_JOB_POINTS)).longValueExact();
        return new JobPlan(seed, totalPoints, Math.max(1, pointsPerJob));
    }

    /** The master seed of the run's stream. */
    public long seed() {
        return seed;
    }

    /** All points of the run, from 1 to 2<sup>64</sup>. */
    public BigInteger totalPoints() {
        return totalPoints;
    }

    /** N, the points of every job but possibly the last. */
    public long pointsPerJob() {
        return pointsPerJob;
    }

    /** How many jobs the plan has: the total divided by N, rounded up. */
    public long jobs() {
        return jobs;
    }

    /** The job with this id, {@code 0 <= id < jobs()}. */
    public JobSpec job(long id) {
        if (id < 0 || id >= jobs) {
            throw new IllegalArgumentException("job id " + id + " is outside the plan's 0.." + (jobs - 1));
        }
        long points = id == jobs - 1 ? lastJobPoints : pointsPerJob;
        // Wraps modulo 2^64 for the highest indices, like the stream's own counter.
        return new JobSpec(id, seed, id * pointsPerJob, points);
    }

    /**
     * Point {@code index} of the run's stream as a dart, {@code 0 <= index < totalPoints()} read as an
     * unsigned number: the client draws a run's darts from the plan alone, since a point depends on the seed
     * and its index only.
     */
    public Dart dart(long index) {
        return Dart.of(PointStream.word(seed, index));
    }

    /** Whether every job has exactly N points, as in the original's M × N. */
    public boolean isUniform() {
        return lastJobPoints == pointsPerJob;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobPlan plan
                && plan.seed == seed && plan.pointsPerJob == pointsPerJob && plan.totalPoints.equals(totalPoints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, totalPoints, pointsPerJob);
    }

    @Override
    public String toString() {
        return "JobPlan[seed=" + seed + ", totalPoints=" + totalPoints + ", pointsPerJob=" + pointsPerJob
                + ", jobs=" + jobs + "]";
    }

    private static BigInteger jobCount(BigInteger total, long pointsPerJob) {
        BigInteger[] division = total.divideAndRemainder(BigInteger.valueOf(pointsPerJob));
        return division[1].signum() == 0 ? division[0] : division[0].add(BigInteger.ONE);
    }
}
