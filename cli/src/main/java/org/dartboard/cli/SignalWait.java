package org.dartboard.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Waits for Ctrl-C (SIGINT) or SIGTERM as the end of a wait that was asked for, not as a stop: after a run
 * with {@code --monitor-keep}, the run is over and a signal only closes the dashboard, so the program then
 * exits with the run's own code (0 for a completed run) instead of the 130 or 143 of a stopped run.
 *
 * <p>A shutdown hook cannot do that: a JVM shutting down for a signal exits with 128 + its number, whatever
 * the hook does. So the wait takes the two signals over with {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}), the JDK's only way to hear a signal without the JVM shutting down, and gives them
 * back when it returns: a second Ctrl-C while the dashboard closes ends the program as usual. A JVM that will
 * not hand a signal over ({@code -Xrs}) keeps its own way, and then that signal, like SIGHUP, shuts it down;
 * a shutdown hook then does what the wait's caller would have done.
 */
final class SignalWait {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private SignalWait() {
    }

    /**
     * Returns after SIGINT or SIGTERM; if the JVM shuts down instead, runs {@code atShutdown} in its
     * shutdown hook, since the caller will not get to.
     */
    static void await(Runnable atShutdown) throws InterruptedException {
        CountDownLatch signalled = new CountDownLatch(1);
        Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                previous.put(signal, Signal.handle(signal, heard -> signalled.countDown()));
            } catch (IllegalArgumentException keptByTheJvm) {
                // -Xrs: this signal shuts the JVM down, and the hook below does the caller's part.
            }
        }
        Thread hook = new Thread(() -> {
            atShutdown.run();
            signalled.countDown();
        }, "dartboard-wait-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            signalled.await();
        } finally {
            previous.forEach(Signal::handle);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is shutting down, and the hook is running.
            }
        }
    }
}
