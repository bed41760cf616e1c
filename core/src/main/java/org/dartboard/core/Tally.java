package org.dartboard.core;

import java.math.BigInteger;

/**
 * Adds job results by job id, exactly once.
 *
 * <p>A job can report twice: a job thought lost is run again while its first result is still on the way.
 * Both results are the same (the stream is deterministic), and only the first is counted. Thread-safe:
 * farms report from many threads.
 */
public final class Tally {

    private final FinishedJobs finished = new FinishedJobs();
    private long jobs;
    private long pointsLow;
    private long insideLow;
    private long pointsCarries;
    private long insideCarries;

    /**
     * Counts a result unless its job was counted already.
     *
     * @return true when counted, false for a duplicate
     */
    public synchronized boolean add(JobResult result) {
        if (!finished.add(result.jobId())) {
            return false;
        }
        jobs++;
        // Unsigned 64-bit sums with their carries: exact past 2^64 without a BigInteger per job.
        long points = pointsLow + result.points();
        if (Long.compareUnsigned(points, pointsLow) < 0) {
            pointsCarries++;
        }
        pointsLow = points;
        long inside = insideLow + result.inside();
        if (Long.compareUnsigned(inside, insideLow) < 0) {
            insideCarries++;
        }
        insideLow = inside;
        return true;
    }

    /** Whether the job with this id has been counted. */
    public synchronized boolean isCounted(long jobId) {
        return finished.contains(jobId);
    }

    /** The exact totals so far. */
    public synchronized Count count() {
        return new Count(jobs, exact(pointsCarries, pointsLow), exact(insideCarries, insideLow));
    }

    /** How many finished ids the tally holds beyond its watermark (one bit each): a few windows normally. */
    public synchronized int heldIds() {
        return finished.heldAboveWatermark();
    }

    private static BigInteger exact(long carries, long unsignedLow) {
        if (carries == 0 && unsignedLow >= 0) {
            return BigInteger.valueOf(unsignedLow);
        }
        BigInteger low = new BigInteger(Long.toUnsignedString(unsignedLow));
        return BigInteger.valueOf(carries).shiftLeft(64).add(low);
    }
}
