package org.dartboard.run;

import java.util.BitSet;

/**
 * Which job ids have been counted, in memory that does not grow with the number of jobs.
 *
 * <p>Jobs are handed out in id order through a bounded window, so the finished ids are a prefix
 * {@code [0, watermark)} plus some ids above it. Those are kept as one bit each, relative to the
 * watermark: memory follows the spread between the oldest unfinished job and the newest finished one
 * (a few window sizes normally; one bit per later job while a slow job is outstanding), never the
 * plan's size. Not thread-safe: {@link Tally} guards it.
 */
final class FinishedJobs {

    /** Bits dropped below the watermark only in blocks this large, so compaction costs O(1) per id. */
    private static final int COMPACT_AFTER = 1 << 16;

    private long base;
    private long watermark;
    private BitSet above = new BitSet();
    private int heldAbove;

    /** Marks a job finished; false when it already was. */
    boolean add(long id) {
        if (contains(id)) {
            return false;
        }
        if (id != watermark) {
            above.set(offset(id));
            heldAbove++;
            return true;
        }
        watermark++;
        while (heldAbove > 0 && above.get(offset(watermark))) {
            above.clear(offset(watermark));
            heldAbove--;
            watermark++;
        }
        if (watermark - base >= COMPACT_AFTER) {
            above = above.get(offset(watermark), Math.max(offset(watermark), above.length()));
            base = watermark;
        }
        return true;
    }

    boolean contains(long id) {
        if (id < watermark) {
            return true;
        }
        long offset = id - base;
        return offset < Integer.MAX_VALUE && above.get((int) offset);
    }

    /** Every job below this id is finished. */
    long watermark() {
        return watermark;
    }

    /** How many finished ids above the watermark are held. */
    int heldAboveWatermark() {
        return heldAbove;
    }

    private int offset(long id) {
        long offset = id - base;
        if (offset >= Integer.MAX_VALUE) {
            throw new IllegalStateException("job " + id + " finished more than 2^31 jobs after job " + watermark
                    + ", which has not: the window cannot be that wide");
        }
        return (int) offset;
    }
}
