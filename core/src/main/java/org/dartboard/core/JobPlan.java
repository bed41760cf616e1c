package org.dartboard.core;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;

/**
 * What a run counts and how it splits the points into jobs.
 *
 * <p>With random darts (the original exercise), job {@code j} owns the points {@code [j·N, (j+1)·N)} of the
 * run's one stream, and the last job may be shorter when the total is not a multiple of N. With lattice
 * darts, the points are split evenly into R replicas, each a randomly shifted lattice of T/R points; each
 * replica's points are split into jobs of at most N points, and job {@code j} belongs to replica
 * {@code j mod R}, so that all replicas advance together and an estimate is possible from the first jobs on.
 *
 * <p>Because the points of a run do not depend on the split, neither does the count: the same seed, total
 * (and number of replicas) give the same answer for any N, any number of workers and any order of jobs.
 *
 * <p>A value: two plans are equal when seed, total, N, darts and replicas are.
 */
public final class JobPlan {

    /** Which points a run throws. */
    public enum Darts {
        /** Random points, SplitMix64 of a counter: the original's Monte Carlo. */
        RANDOM,
        /** A randomly shifted rank-1 lattice per replica: quasi-Monte Carlo, far fewer points for an accuracy. */
        LATTICE;

        /** The name users type and reports print: {@code random}, {@code lattice}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The largest total: every index of the 64-bit stream once. */
    public static final BigInteger MAX_TOTAL_POINTS = BigInteger.ONE.shiftLeft(64);

    /** Largest job made by {@link #splitting}: about a tenth of a second on one core. */
    public static final long SPLIT_MAX_JOB_POINTS = 100_000_000L;

    /** Jobs that {@link #splitting} aims for at least, so that many workers have work. */
    public static final long SPLIT_MIN_JOBS = 64;

    /** The fewest replicas of lattice darts: two give a first spread, sixteen a good one. */
    public static final int MIN_REPLICAS = 2;

    /** The most replicas of lattice darts; a count keeps each one's totals. */
    public static final int MAX_REPLICAS = 1024;

    /** The most points of one replica: its lattice repeats after 2<sup>32</sup> points. */
    public static final long MAX_POINTS_PER_REPLICA = Lattice.MAX_POINTS_PER_REPLICA;

    private final long seed;
    private final BigInteger totalPoints;
    private final long pointsPerJob;
    private final Darts darts;
    private final int replicas;
    /** For lattice darts: the points of each replica, and how many jobs each has. */
    private final long pointsPerReplica;
    private final long jobsPerReplica;
    private final long jobs;
    /** The last job's points: of the run for random darts, of each replica for lattice darts. */
    private final long lastJobPoints;

    /**
     * A plan of random darts.
     *
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
        BigInteger jobCount = ceilingDivision(totalPoints, pointsPerJob);
        if (jobCount.bitLength() > 63) {
            throw new IllegalArgumentException("more than " + Long.MAX_VALUE + " jobs");
        }
        this.seed = seed;
        this.totalPoints = totalPoints;
        this.pointsPerJob = pointsPerJob;
        this.darts = Darts.RANDOM;
        this.replicas = 1;
        this.pointsPerReplica = 0;
        this.jobsPerReplica = 0;
        this.jobs = jobCount.longValueExact();
        BigInteger beforeLast = BigInteger.valueOf(jobs - 1).multiply(BigInteger.valueOf(pointsPerJob));
        this.lastJobPoints = totalPoints.subtract(beforeLast).longValueExact();
    }

    private JobPlan(long seed, BigInteger totalPoints, long pointsPerJob, int replicas) {
        if (replicas < MIN_REPLICAS || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("lattice darts have from " + MIN_REPLICAS + " to " + MAX_REPLICAS
                    + " replicas, got " + replicas);
        }
        BigInteger[] split = totalPoints.divideAndRemainder(BigInteger.valueOf(replicas));
        if (split[1].signum() != 0) {
            throw new IllegalArgumentException("lattice darts split the points evenly into " + replicas
                    + " replicas, and " + totalPoints + " is not a multiple of " + replicas);
        }
        if (split[0].compareTo(BigInteger.valueOf(MAX_POINTS_PER_REPLICA)) > 0) {
            throw new IllegalArgumentException("a replica of lattice darts has at most 2^32 points (its lattice"
                    + " repeats after that), and " + totalPoints + " points in " + replicas + " replicas are "
                    + split[0] + " each: give at least "
                    + ceilingDivision(totalPoints, MAX_POINTS_PER_REPLICA) + " replicas, or fewer points");
        }
        this.seed = seed;
        this.totalPoints = totalPoints;
        this.darts = Darts.LATTICE;
        this.replicas = replicas;
        this.pointsPerReplica = split[0].longValueExact();
        this.pointsPerJob = Math.min(pointsPerJob, pointsPerReplica);
        this.jobsPerReplica = ceilingDivision(BigInteger.valueOf(pointsPerReplica), this.pointsPerJob).longValueExact();
        this.jobs = jobsPerReplica * replicas;
        this.lastJobPoints = pointsPerReplica - (jobsPerReplica - 1) * this.pointsPerJob;
    }

    /** The original's plan: M jobs of N points each, random darts. */
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

    /**
     * The same total, seed and N as lattice darts in {@code replicas} replicas: T/R points each (N is capped
     * at that), every replica with its own random shift drawn from the seed.
     *
     * @throws IllegalArgumentException when the replicas are fewer than {@value #MIN_REPLICAS} or more than
     *     {@value #MAX_REPLICAS}, when the total is not a multiple of them, or when a replica would have more
     *     than 2<sup>32</sup> points
     */
    public JobPlan lattice(int replicas) {
        return new JobPlan(seed, totalPoints, pointsPerJob, replicas);
    }

    /** The master seed of the run's stream (random darts) or of its replicas' shifts (lattice darts). */
    public long seed() {
        return seed;
    }

    /** All points of the run, from 1 to 2<sup>64</sup>. */
    public BigInteger totalPoints() {
        return totalPoints;
    }

    /** N, the points of every job but possibly the last (of each replica, for lattice darts). */
    public long pointsPerJob() {
        return pointsPerJob;
    }

    /** How many jobs the plan has. */
    public long jobs() {
        return jobs;
    }

    /** Which points the run throws. */
    public Darts darts() {
        return darts;
    }

    /** How many replicas of lattice darts; 1 for random darts, which have none. */
    public int replicas() {
        return replicas;
    }

    /** The replica a job's points belong to: 0 for random darts. */
    public int replicaOf(long jobId) {
        return darts == Darts.RANDOM ? 0 : (int) (jobId % replicas);
    }

    /** The job with this id, {@code 0 <= id < jobs()}. */
    public JobSpec job(long id) {
        if (id < 0 || id >= jobs) {
            throw new IllegalArgumentException("job id " + id + " is outside the plan's 0.." + (jobs - 1));
        }
        if (darts == Darts.RANDOM) {
            long points = id == jobs - 1 ? lastJobPoints : pointsPerJob;
            // Wraps modulo 2^64 for the highest indices, like the stream's own counter.
            return new JobSpec(id, seed, id * pointsPerJob, points);
        }
        long ofReplica = id / replicas;
        long points = ofReplica == jobsPerReplica - 1 ? lastJobPoints : pointsPerJob;
        return new JobSpec(id, seed, ofReplica * pointsPerJob, points, darts, (int) (id % replicas));
    }

    /**
     * The index of a job's first point among the run's points, read as an unsigned number: for lattice darts,
     * replica r's points come after those of replicas 0 to r−1.
     */
    public long firstIndex(long jobId) {
        JobSpec job = job(jobId);
        return darts == Darts.RANDOM ? job.firstPoint() : job.replica() * pointsPerReplica + job.firstPoint();
    }

    /** The job that owns point {@code index} of the run, read as an unsigned number below the total. */
    public long jobOf(long index) {
        if (darts == Darts.RANDOM) {
            return Long.divideUnsigned(index, pointsPerJob);
        }
        long replica = index / pointsPerReplica;
        return (index % pointsPerReplica) / pointsPerJob * replicas + replica;
    }

    /**
     * Point {@code index} of the run as a dart, {@code 0 <= index < totalPoints()} read as an unsigned
     * number: the client draws a run's darts from the plan alone, since a point depends on the seed and its
     * index only.
     */
    public Dart dart(long index) {
        if (darts == Darts.RANDOM) {
            return Dart.of(PointStream.word(seed, index));
        }
        int replica = (int) (index / pointsPerReplica);
        return Dart.of(Lattice.word(Lattice.shift(seed, replica), index % pointsPerReplica));
    }

    /** Whether every job has exactly N points, as in the original's M × N. */
    public boolean isUniform() {
        return lastJobPoints == pointsPerJob;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobPlan plan && plan.seed == seed && plan.pointsPerJob == pointsPerJob
                && plan.totalPoints.equals(totalPoints) && plan.darts == darts && plan.replicas == replicas;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, totalPoints, pointsPerJob, darts, replicas);
    }

    @Override
    public String toString() {
        return "JobPlan[seed=" + seed + ", totalPoints=" + totalPoints + ", pointsPerJob=" + pointsPerJob
                + ", jobs=" + jobs + (darts == Darts.LATTICE ? ", lattice darts, replicas=" + replicas : "") + "]";
    }

    private static BigInteger ceilingDivision(BigInteger total, long divisor) {
        BigInteger[] division = total.divideAndRemainder(BigInteger.valueOf(divisor));
        return division[1].signum() == 0 ? division[0] : division[0].add(BigInteger.ONE);
    }
}
