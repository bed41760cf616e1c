package org.dartboard.core;

import java.util.HashSet;
import java.util.Set;

/**
 * Which job ids have been counted, in memory that does not grow with the number of jobs.
 *
 * <p>Jobs are handed out in id order through a bounded window, so the finished ids are a prefix
 * {@code [0, watermark)} plus a few ids above it, at most the window's size. Only those few are kept.
 * Not thread-safe: {@link Tally} guards it.
 */
final class FinishedJobs {

    private long watermark;
    private final Set<Long> aboveWatermark = new HashSet<>();

    /** Marks a job finished; false when it already was. */
    boolean add(long id) {
        if (id < watermark || aboveWatermark.contains(id)) {
            return false;
        }
        if (id != watermark) {
            aboveWatermark.add(id);
            return true;
        }
        watermark++;
        while (!aboveWatermark.isEmpty() && aboveWatermark.remove(watermark)) {
            watermark++;
        }
        return true;
    }

    boolean contains(long id) {
        return id < watermark || aboveWatermark.contains(id);
    }

    /** Every job below this id is finished. */
    long watermark() {
        return watermark;
    }

    /** How many ids above the watermark are kept: bounded by the window, whatever the plan's size. */
    int heldAboveWatermark() {
        return aboveWatermark.size();
    }
}
