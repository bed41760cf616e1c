package org.dartboard.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Lets one log line through now and then for events that can come by the thousand (a program opening
 * connections to a node, say), and counts the ones held back, so the line that goes through can say how
 * many it stands for. The first event always goes through; events held back are said once the interval
 * is over, by the next event or, if none comes, by a timer: a burst of a thousand in one second must not be
 * logged as one.
 */
final class LogThrottle {

    /** Runs a task after a delay: a timer thread, or the test's hand. */
    interface Later {
        void after(long delayNanos, Runnable task);
    }

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Later later;
    private long held;
    private LongConsumer latestLine;
    private long lastLine;
    private boolean lineGiven;
    private boolean sayingLater;

    LogThrottle(Duration interval) {
        this(interval, System::nanoTime, Timer::after);
    }

    LogThrottle(Duration interval, LongSupplier nanoClock, Later later) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.later = later;
    }

    /**
     * Counts one event.
     *
     * @param line says the line, given how many events it stands for (this one included); the latest
     *     event's line says those held back, so it may name that event's details
     */
    void event(LongConsumer line) {
        events(1, line);
    }

    /** Counts {@code count} events that happened together, such as the connections closed in one sweep. */
    synchronized void events(long count, LongConsumer line) {
        held += count;
        latestLine = line;
        long now = nanoClock.getAsLong();
        if (!lineGiven || now - lastLine >= intervalNanos) {
            sayHeld(now);
        } else if (!sayingLater) {
            sayingLater = true;
            later.after(lastLine + intervalNanos - now, this::sayHeldNow);
        }
    }

    private synchronized void sayHeldNow() {
        sayingLater = false;
        if (held > 0) {
            sayHeld(nanoClock.getAsLong());
        }
    }

    private void sayHeld(long now) {
        lineGiven = true;
        lastLine = now;
        long standsFor = held;
        held = 0;
        latestLine.accept(standsFor);
    }

    /** One daemon thread for every throttle of the JVM, made when a line is first held back. */
    private static final class Timer {

        private static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dartboard-log-throttle");
            thread.setDaemon(true);
            return thread;
        });

        static void after(long delayNanos, Runnable task) {
            THREAD.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }
    }
}
