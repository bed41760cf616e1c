package org.dartboard.cluster;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets one log line through now and then for events that can come by the thousand (a program opening
 * connections to a node, say), and counts the ones held back, so the line that goes through can say how
 * many it stands for. The first event always goes through.
 */
final class LogThrottle {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long events;
    private long lastLine;
    private boolean lineGiven;

    LogThrottle(Duration interval) {
        this(interval, System::nanoTime);
    }

    LogThrottle(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Counts one event.
     *
     * @return 0 when its line is held back; else how many events the line stands for, this one included
     */
    long event() {
        return events(1);
    }

    /**
     * Counts {@code count} events that happened together, such as the connections closed in one sweep.
     *
     * @return 0 when their line is held back; else how many events the line stands for, these included
     */
    synchronized long events(long count) {
        events += count;
        long now = nanoClock.getAsLong();
        if (lineGiven && now - lastLine < intervalNanos) {
            return 0;
        }
        lineGiven = true;
        lastLine = now;
        long standsFor = events;
        events = 0;
        return standsFor;
    }
}
