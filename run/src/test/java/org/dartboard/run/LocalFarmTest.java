package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded farm: exact counts across its chunks, cancellation within a chunk, a clean refusal once
 * closed, and the few words it says about itself in reports.
 */
class LocalFarmTest {

    private static final long BOUND_SECONDS = 20;
    /** A job that would take about an hour: only cancellation ends it within a test. */
    private static final long ENDLESS_POINTS = 1L << 41;

    private final Kernel reference = Kernel.scalar();

    @ParameterizedTest(name = "first point {0}")
    @ValueSource(longs = {0, 12_345, -5})
    void countsAJobOfSeveralChunksExactly(long firstPoint) throws Exception {
        // Two whole chunks and a ragged tail; from -5 the job's range wraps around the end of the stream.
        JobSpec job = new JobSpec(3, 0xC0FFEE, firstPoint, 2 * Kernel.CHUNK_POINTS + 3);
        JobResult result;
        try (LocalFarm farm = new LocalFarm(1, Kernel.scalar())) {
            result = farm.submit(job).get(BOUND_SECONDS, TimeUnit.SECONDS);
        }

        assertThat(result.jobId()).isEqualTo(3);
        assertThat(result.points()).isEqualTo(job.points());
        assertThat(result.inside()).isEqualTo(reference.countInside(job.seed(), firstPoint, job.points()));
        assertThat(result.worker()).isEqualTo("local-1");
        assertThat(result.busyNanos()).isNotNegative();
        assertThat(result.startedAtMillis()).isPositive();
    }

    @Test
    void stopsACancelledJobWithinAChunkAndRunsTheNextJob() throws Exception {
        ChunkCounter kernel = new ChunkCounter();
        try (LocalFarm farm = new LocalFarm(1, kernel)) {
            CompletableFuture<JobResult> endless = farm.submit(new JobSpec(0, 1, 0, ENDLESS_POINTS));
            assertThat(kernel.firstChunk.await(BOUND_SECONDS, TimeUnit.SECONDS)).as("endless job started").isTrue();

            assertThat(endless.cancel(true)).isTrue();
            long chunksAtCancel = kernel.chunks(1);
            // One worker: the next job can only run once the endless one has let go of it.
            JobSpec next = new JobSpec(1, 2, 0, 1_000);
            JobResult result = farm.submit(next).get(BOUND_SECONDS, TimeUnit.SECONDS);

            assertThat(result.inside()).isEqualTo(reference.countInside(2, 0, 1_000));
            assertThat(kernel.chunks(1)).as("chunks of the cancelled job").isLessThanOrEqualTo(chunksAtCancel + 1);
            assertThat(endless).isCancelled();
        }
    }

    @Test
    void neverStartsAJobCancelledWhileQueued() throws Exception {
        ChunkCounter kernel = new ChunkCounter();
        try (LocalFarm farm = new LocalFarm(1, kernel)) {
            CompletableFuture<JobResult> endless = farm.submit(new JobSpec(0, 1, 0, ENDLESS_POINTS));
            assertThat(kernel.firstChunk.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<JobResult> queued = farm.submit(new JobSpec(1, 2, 0, 1_000));

            queued.cancel(false);
            endless.cancel(false);
            JobResult last = farm.submit(new JobSpec(2, 3, 0, 1_000)).get(BOUND_SECONDS, TimeUnit.SECONDS);

            assertThat(last.jobId()).isEqualTo(2);
            assertThat(kernel.chunks(2)).as("chunks of the job cancelled in the queue").isZero();
        }
    }

    @Test
    void reportsAKernelFailureThroughTheFuture() {
        LocalFarm.Counting broken = (job, worker, cancelled) -> {
            throw new ArithmeticException("broken kernel");
        };
        Throwable thrown;
        try (LocalFarm farm = new LocalFarm(1, broken)) {
            thrown = catchThrowable(() -> farm.submit(new JobSpec(0, 1, 0, 10)).get(BOUND_SECONDS, TimeUnit.SECONDS));
        }

        assertThat(thrown).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(ArithmeticException.class).hasMessage("broken kernel");
    }

    /** A closed farm answers a submission with a failed future: submit must never throw (see Farm). */
    @Test
    void failsTheFutureOfAJobSubmittedAfterClose() {
        LocalFarm farm = new LocalFarm(2, Kernel.scalar());
        farm.close();

        CompletableFuture<JobResult> future = farm.submit(new JobSpec(0, 1, 0, 10));

        assertThat(future).isCompletedExceptionally();
        assertThat(catchThrowable(future::join)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @ParameterizedTest(name = "{0} threads")
    @CsvSource({
        "1, 'local, 1 thread'",
        "3, 'local, 3 threads'",
        "8, 'local, 8 threads'"
    })
    void describesItselfForReports(int threads, String description) {
        try (LocalFarm farm = new LocalFarm(threads, Kernel.scalar())) {
            assertThat(farm.description()).isEqualTo(description);
            assertThat(farm.cpus()).isEqualTo(threads);
            assertThat(farm.workers()).hasSize(threads).allSatisfy(worker -> {
                assertThat(worker.name()).startsWith("local-");
                assertThat(worker.cpus()).isEqualTo(1);
                assertThat(worker.lost()).isFalse();
            });
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesFewerThanOneThread(int threads) {
        assertThatIllegalArgumentException().isThrownBy(() -> new LocalFarm(threads, Kernel.scalar()))
                .withMessageContaining("threads").withMessageContaining(String.valueOf(threads));
    }

    /** Runs on daemon threads: a farm someone forgot to close must not keep the JVM alive. */
    @Test
    void runsJobsOnDaemonThreads() throws Exception {
        CompletableFuture<Boolean> daemon = new CompletableFuture<>();
        LocalFarm.Counting probe = (job, worker, cancelled) -> {
            daemon.complete(Thread.currentThread().isDaemon());
            return Kernel.scalar().count(job, worker, cancelled);
        };
        try (LocalFarm farm = new LocalFarm(1, probe)) {
            farm.submit(new JobSpec(0, 1, 0, 1)).get(BOUND_SECONDS, TimeUnit.SECONDS);
        }

        assertThat(daemon.getNow(false)).isTrue();
    }

    /**
     * The scalar kernel, counting per seed (each test job has its own seed) the chunks it starts: the kernel
     * asks whether the job is cancelled before each chunk, and the count goes on only when it is not.
     */
    private static final class ChunkCounter implements LocalFarm.Counting {
        private final Kernel scalar = Kernel.scalar();
        private final Map<Long, AtomicLong> chunks = new ConcurrentHashMap<>();
        private final CountDownLatch firstChunk = new CountDownLatch(1);

        @Override
        public JobResult count(JobSpec job, String worker, BooleanSupplier cancelled) {
            return scalar.count(job, worker, () -> {
                if (cancelled.getAsBoolean()) {
                    return true;
                }
                chunks.computeIfAbsent(job.seed(), unused -> new AtomicLong()).incrementAndGet();
                firstChunk.countDown();
                return false;
            });
        }

        long chunks(long seed) {
            AtomicLong counted = chunks.get(seed);
            return counted == null ? 0 : counted.get();
        }
    }
}
