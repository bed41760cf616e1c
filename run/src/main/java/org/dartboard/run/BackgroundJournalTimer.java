package org.dartboard.run;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@link JournalTimer} of real runs: a single daemon thread, so that a journal never keeps the JVM
 * alive and its flush and sync never run at the same time as each other.
 */
final class BackgroundJournalTimer implements JournalTimer {

    /** Made by the first task, so that a journal whose file cannot be opened leaves no thread behind. */
    private ScheduledExecutorService executor;

    @Override
    public synchronized void every(long millis, Runnable task) {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "dartboard-journal");
                thread.setDaemon(true);
                return thread;
            });
        }
        // Fixed delay: a slow sync (an SD card) is not followed at once by a backlog of more.
        executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean stop(Duration patience) throws InterruptedException {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
        }
        if (running == null) {
            return true;
        }
        // shutdown, not shutdownNow: interrupting a write would close the journal's channel under it.
        running.shutdown();
        return running.awaitTermination(patience.toNanos(), TimeUnit.NANOSECONDS);
    }
}
