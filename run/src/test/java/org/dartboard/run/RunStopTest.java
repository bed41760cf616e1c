package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;
import org.dartboard.run.RecordingListener.Finished;
import org.dartboard.run.ScriptedFarm.Fate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C: a stop ends the run within about one chunk of points, and what it reports is exact: a whole
 * number of jobs, each counted in full, never a job cut in the middle.
 */
class RunStopTest {

    /** Far longer than a stop takes (one chunk, milliseconds); only a hang comes near it. */
    private static final long BOUND_SECONDS = 20;

    /** A plan that would take minutes: only a stop ends it within the bound. */
    private static final JobPlan LONG_PLAN = JobPlan.of(50_000_000, 1_000, 31_337);

    private final Kernel reference = Kernel.scalar();
    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void stopsALongRunOnTheLocalFarmAndKeepsWholeJobs() throws Exception {
        RecordingListener listener = new RecordingListener();
        RunOutcome outcome;
        try (LocalFarm farm = new LocalFarm(2, Kernel.scalar())) {
            Run run = Runs.of(LONG_PLAN, farm, 8, List.of(listener));
            CompletableFuture<RunOutcome> running = executeInBackground(run);

            assertThat(listener.awaitFirstCount(BOUND_SECONDS, TimeUnit.SECONDS)).as("a first job counted").isTrue();
            run.stop();
            outcome = running.get(BOUND_SECONDS, TimeUnit.SECONDS);
        }

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.STOPPED);
        assertThat(outcome.isComplete()).isFalse();
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.estimate()).isPresent();
        assertThat(outcome.count()).isEqualTo(exactCountOf(listener.countedIds(), LONG_PLAN));
        assertThat(outcome.count().jobs()).isBetween(1L, LONG_PLAN.jobs() - 1);
    }

    /** A signal handler may stop the run while the window is full and nothing answers at all. */
    @Test
    void stopsARunWhoseJobsNeverAnswer() throws Exception {
        ScriptedFarm farm = new ScriptedFarm(pool, (job, attempt) -> Fate.HANG);
        Run run = Runs.of(LONG_PLAN, farm, 4, List.of());
        CompletableFuture<RunOutcome> running = executeInBackground(run);
        awaitSubmissions(farm, 4);

        run.stop();
        RunOutcome outcome = running.get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.STOPPED);
        assertThat(outcome.count()).isEqualTo(Count.NONE);
        assertThat(outcome.estimate()).isEmpty();
        assertThat(farm.held()).as("jobs left running on the farm").isZero();
        assertThat(run.jobsInFlight()).isZero();
    }

    /**
     * The slots the cancelled jobs give back must not carry more jobs out after a stop: on a cluster each
     * would be sent to a node only to be cancelled.
     */
    @Test
    void handsOutNoJobOnceStopped() throws Exception {
        ScriptedFarm farm = new ScriptedFarm(pool, (job, attempt) -> Fate.HANG);
        Run run = Runs.of(LONG_PLAN, farm, 4, List.of());
        CompletableFuture<RunOutcome> running = executeInBackground(run);
        awaitSubmissions(farm, 4);

        run.stop();
        running.get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(farm.submittedIds()).as("jobs handed out").containsExactly(0L, 1L, 2L, 3L);
    }

    /** A listener may stop the run, as a web view's stop button would. */
    @Test
    void stopsFromAListenerWithACountOfWholeJobs() {
        JobPlan plan = JobPlan.of(3_000, 10_000, 5);
        ScriptedFarm farm = new ScriptedFarm(pool, ScriptedFarm.ALWAYS_ANSWER);
        AtomicReference<Run> running = new AtomicReference<>();
        RecordingListener recorder = new RecordingListener();
        RunListener stopAfterTen = new RunListener() {
            @Override
            public void jobCounted(JobResult result, Count count) {
                if (count.jobs() == 10) {
                    running.get().stop();
                }
            }
        };
        Run run = Runs.of(plan, farm, 8, List.of(recorder, stopAfterTen));
        running.set(run);

        RunOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(BOUND_SECONDS), run::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.STOPPED);
        // Jobs already answering when the stop came may still be counted, and only those.
        assertThat(outcome.count().jobs()).isBetween(10L, 10L + 8);
        assertThat(outcome.count()).isEqualTo(exactCountOf(recorder.countedIds(), plan));
        assertThat(recorder.events(Finished.class)).singleElement()
                .satisfies(finished -> assertThat(finished.outcome()).isSameAs(outcome));
    }

    @Test
    void submitsNothingWhenStoppedBeforeItStarts() {
        ScriptedFarm farm = new ScriptedFarm(pool, ScriptedFarm.ALWAYS_ANSWER);
        RecordingListener listener = new RecordingListener();
        Run run = Runs.of(LONG_PLAN, farm, 8, List.of(listener));
        run.stop();

        RunOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(BOUND_SECONDS), run::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.STOPPED);
        assertThat(outcome.count()).isEqualTo(Count.NONE);
        assertThat(farm.submissions()).isZero();
        assertThat(listener.events()).hasSize(2).first().isInstanceOf(RecordingListener.Started.class);
    }

    /** Interrupting the thread that runs the plan stops the run, and the thread stays interrupted. */
    @Test
    void stopsWhenTheRunningThreadIsInterrupted() throws Exception {
        RecordingListener listener = new RecordingListener();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        RunOutcome outcome;
        try (LocalFarm farm = new LocalFarm(2, Kernel.scalar())) {
            Run run = Runs.of(LONG_PLAN, farm, 4, List.of(listener));
            CompletableFuture<RunOutcome> running = new CompletableFuture<>();
            Thread runner = new Thread(() -> {
                running.complete(run.execute());
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }, "runner");
            runner.setDaemon(true);
            runner.start();
            assertThat(listener.awaitFirstCount(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();

            runner.interrupt();
            outcome = running.get(BOUND_SECONDS, TimeUnit.SECONDS);
            runner.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        }

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.STOPPED);
        assertThat(stillInterrupted).isTrue();
        // Counted events come in tally order, so the outcome's jobs are the first ones the listener heard of.
        List<Long> countedIds = listener.countedIds();
        assertThat(outcome.count().jobs()).isPositive().isLessThanOrEqualTo(countedIds.size());
        assertThat(outcome.count())
                .isEqualTo(exactCountOf(countedIds.subList(0, (int) outcome.count().jobs()), LONG_PLAN));
    }

    /** Runs the plan on a daemon thread of its own, so that a hang fails the test instead of the build. */
    private static CompletableFuture<RunOutcome> executeInBackground(Run run) {
        CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                outcome.complete(run.execute());
            } catch (Throwable failure) {
                outcome.completeExceptionally(failure);
            }
        }, "runner");
        runner.setDaemon(true);
        runner.start();
        return outcome;
    }

    private static void awaitSubmissions(ScriptedFarm farm, int submissions) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (farm.submissions() < submissions) {
            assertThat(System.nanoTime()).as("waiting for %d submissions", submissions).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** The exact count of exactly these jobs, from the reference kernel. */
    private Count exactCountOf(List<Long> jobIds, JobPlan plan) {
        assertThat(jobIds).doesNotHaveDuplicates();
        BigInteger points = BigInteger.ZERO;
        BigInteger inside = BigInteger.ZERO;
        for (long id : jobIds) {
            JobSpec job = plan.job(id);
            points = points.add(BigInteger.valueOf(job.points()));
            long jobInside = reference.countInside(job.seed(), job.firstPoint(), job.points());
            inside = inside.add(BigInteger.valueOf(jobInside));
        }
        return new Count(jobIds.size(), points, inside);
    }
}
