package org.dartboard.run;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;

/**
 * The embedded default: runs jobs on a fixed pool of threads of this JVM, no setup needed.
 *
 * <p>Jobs are counted by the {@link Kernel}, in chunks, so a cancelled job stops soon and a stop request
 * is answered within one chunk.
 */
final class LocalFarm implements Farm {

    private final int threads;
    private final Counting counting;
    private final ExecutorService executor;

    /** How one job is counted on a worker thread: {@link Kernel#count}, or a test's stand-in. */
    @FunctionalInterface
    interface Counting {
        /** The job's result, or null when {@code cancelled} said so before the end. */
        JobResult count(JobSpec job, String worker, BooleanSupplier cancelled);
    }

    /**
     * @param threads how many jobs run at once, at least 1
     * @param kernel what counts the points
     */
    LocalFarm(int threads, Kernel kernel) {
        this(threads, kernel::count);
    }

    LocalFarm(int threads, Counting counting) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.counting = counting;
        this.executor = Executors.newFixedThreadPool(threads, new WorkerThreads());
    }

    @Override
    public String description() {
        return "local, " + threads + (threads == 1 ? " thread" : " threads");
    }

    @Override
    public int cpus() {
        return threads;
    }

    @Override
    public List<Worker> workers() {
        return IntStream.rangeClosed(1, threads)
                .mapToObj(number -> new Worker(WorkerThreads.PREFIX + number, "local", 1, false))
                .toList();
    }

    @Override
    public CompletableFuture<JobResult> submit(JobSpec job) {
        CompletableFuture<JobResult> result = new CompletableFuture<>();
        try {
            executor.execute(() -> count(job, result));
        } catch (RejectedExecutionException closed) {
            result.completeExceptionally(new IllegalStateException("the local farm is closed", closed));
        }
        return result;
    }

    private void count(JobSpec job, CompletableFuture<JobResult> result) {
        try {
            JobResult counted = counting.count(job, Thread.currentThread().getName(), result::isDone);
            if (counted != null) {
                result.complete(counted);
            }
        } catch (RuntimeException | Error failure) {
            result.completeExceptionally(failure);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            // Workers notice cancellation within one chunk; do not wait longer than a few of those.
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads named local-1, local-2, ...: the names appear in per-worker statistics. */
    private static final class WorkerThreads implements ThreadFactory {
        static final String PREFIX = "local-";
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, PREFIX + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
