package org.dartboard.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) or SIGTERM during a run into a clean stop: the run is asked to stop, and the JVM
 * waits for the report of the jobs finished so far before it exits (with 130 for SIGINT, 143 for
 * SIGTERM). Uses a shutdown hook, the JDK's supported way to hear about those signals.
 *
 * <p>Active only between {@link #install} and {@link #close}; outside a run, a signal ends the program
 * at once as usual.
 */
final class StopOnSignal implements AutoCloseable {

    /** Longest wait for the report after a signal: a stop takes one chunk of points, far less. */
    private static final long REPORT_TIMEOUT_SECONDS = 10;

    private final Runnable stop;
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "dartboard-stop");
    private volatile boolean signalled;

    private StopOnSignal(Runnable stop) {
        this.stop = stop;
    }

    /** Calls {@code stop} when a signal asks the JVM to shut down, until closed. */
    static StopOnSignal install(Runnable stop) {
        StopOnSignal handler = new StopOnSignal(stop);
        Runtime.getRuntime().addShutdownHook(handler.hook);
        return handler;
    }

    /** Whether a signal arrived while installed. */
    boolean signalled() {
        return signalled;
    }

    /** The report is out: the JVM may exit now. */
    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The signal came: the hook is running and returns now that the report is out.
        }
    }

    private void onSignal() {
        signalled = true;
        stop.run();
        try {
            reported.await(REPORT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
