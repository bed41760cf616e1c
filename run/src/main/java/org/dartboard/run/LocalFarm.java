package org.dartboard.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;

/**
 * The embedded default: runs jobs on a fixed pool of threads of this JVM, no setup needed.
 *
 * <p>A job is counted in chunks of {@value #CHUNK_POINTS} points, a few milliseconds each, so a cancelled
 * job stops soon and a stop request is answered within one chunk.
 */
public final class LocalFarm implements Farm {

    /** Points counted between two checks for cancellation. */
    public static final long CHUNK_POINTS = 1L << 22;

    private final int threads;
    private final Kernel kernel;
    private final ExecutorService executor;

    /**
     * @param threads how many jobs run at once, at least 1
     * @param kernel what counts the points
     */
    public LocalFarm(int threads, Kernel kernel) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.kernel = kernel;
        this.executor = Executors.newFixedThreadPool(threads, new WorkerThreads());
    }

    @Override
    public String description() {
        return "local, " + threads + (threads == 1 ? " thread" : " threads");
    }

    @Override
    public int workers() {
        return threads;
    }

    @Override
    public String kernelName() {
        return kernel.name();
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
        if (result.isDone()) {
            return;
        }
        try {
            long startedAt = System.currentTimeMillis();
            long started = System.nanoTime();
            long inside = 0;
            for (long done = 0; done < job.points(); done += CHUNK_POINTS) {
                if (result.isDone()) {
                    return;
                }
                long chunk = Math.min(CHUNK_POINTS, job.points() - done);
                inside += kernel.countInside(job.seed(), job.firstPoint() + done, chunk);
            }
            long busy = System.nanoTime() - started;
            result.complete(new JobResult(job.id(), job.points(), inside, Thread.currentThread().getName(),
                    startedAt, busy));
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
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "local-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
