package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Kernel;
import org.dartboard.run.ScriptedFarm.Fate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job that fails for a reason a re-run would not cure ends the run: FAILED, with the cause, promptly,
 * with no more jobs handed out and the jobs already counted kept. Never a hang.
 */
class RunFailureTest {

    private static final Duration NO_HANG = Duration.ofSeconds(20);
    private static final int WINDOW = 4;
    private static final JobPlan PLAN = JobPlan.of(1_000, 10_000, 99);

    private ExecutorService oneWorker;

    @BeforeEach
    void startWorker() {
        oneWorker = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopWorker() {
        oneWorker.shutdownNow();
    }

    /** Answered on the submitting thread, the failure is known before the next job could go out. */
    @Test
    void submitsNothingAfterAFailureSeenWhileSubmitting() {
        ScriptedFarm farm = new ScriptedFarm(Runnable::run, (job, attempt) -> job.id() == 10 ? Fate.FAIL : Fate.ANSWER);

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, Runs.of(PLAN, farm, WINDOW, List.of())::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.FAILED);
        assertThat(outcome.failure()).get(THROWABLE).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("job 10");
        assertThat(farm.submittedIds()).containsExactlyElementsOf(LongStream.rangeClosed(0, 10).boxed().toList());
        assertThat(outcome.count().jobs()).as("the jobs counted before the failure are kept").isEqualTo(10);
        assertThat(outcome.count().points()).isEqualTo(BigInteger.valueOf(10 * PLAN.pointsPerJob()));
    }

    /**
     * Answered by a worker thread, the run may already hold free slots when the failure arrives, so a few
     * more jobs may go out: never more than the window, and nothing like the rest of the plan.
     */
    @Test
    void stopsSubmittingSoonAfterAFailureFromAWorker() {
        ScriptedFarm farm = new ScriptedFarm(oneWorker, (job, attempt) -> job.id() == 10 ? Fate.FAIL : Fate.ANSWER);

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, Runs.of(PLAN, farm, WINDOW, List.of())::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.FAILED);
        assertThat(outcome.failure()).get(THROWABLE).isInstanceOf(ArithmeticException.class);
        assertThat(farm.submissionsBeforeFirstFailure()).isBetween(11, 10 + WINDOW);
        assertThat(farm.submissions() - farm.submissionsBeforeFirstFailure())
                .as("submissions after the failure").isLessThanOrEqualTo(WINDOW);
        assertThat(outcome.count().jobs()).isLessThan(PLAN.jobs());
    }

    /** The jobs still running when another fails are cancelled, not waited for: they might never end. */
    @Test
    void cancelsTheJobsInFlightWhenOneFails() {
        ScriptedFarm farm = new ScriptedFarm(oneWorker, (job, attempt) -> job.id() == 3 ? Fate.FAIL : Fate.HANG);
        Run run = Runs.of(PLAN, farm, WINDOW, List.of());

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, run::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.FAILED);
        assertThat(outcome.count().jobs()).isZero();
        assertThat(outcome.estimate()).isEmpty();
        assertThat(farm.held()).as("hanging jobs left behind").isZero();
        assertThat(run.jobsInFlight()).isZero();
    }

    /**
     * The slot a failed job frees must not carry one more job out: the run has failed, and on a cluster
     * that job would be sent to a node only to be cancelled. Here the window is full of jobs that never
     * answer, so the slots that come free are those of the failed job and of the jobs the failure cancels.
     * The failure comes a little late, when the run is surely waiting for a slot.
     */
    @Test
    void handsOutNoJobOnceFailed() {
        ScriptedFarm farm = new ScriptedFarm(CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS, oneWorker),
                (job, attempt) -> job.id() == 3 ? Fate.FAIL : Fate.HANG);

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, Runs.of(PLAN, farm, WINDOW, List.of())::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.FAILED);
        assertThat(farm.submittedIds()).as("jobs handed out").containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void failsWhenTheFarmRefusesAJob() {
        ScriptedFarm farm = new ScriptedFarm(oneWorker, (job, attempt) -> job.id() == 2 ? Fate.REFUSE : Fate.ANSWER);
        Run run = Runs.of(PLAN, farm, WINDOW, List.of());

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, run::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.FAILED);
        assertThat(outcome.failure()).get(THROWABLE).isInstanceOf(RejectedExecutionException.class);
        assertThat(farm.submittedIds()).as("accepted submissions").containsExactly(0L, 1L);
        assertThat(run.jobsInFlight()).as("the refused job's slot is given back").isZero();
    }

    /** The retry of a lost job is refused: the slot the retry kept must still be given back. */
    @Test
    void failsWhenTheFarmRefusesTheRetryOfALostJob() {
        ScriptedFarm farm = new ScriptedFarm(oneWorker, (job, attempt) -> job.id() != 4 ? Fate.ANSWER
                : attempt == 1 ? Fate.LOSE : Fate.REFUSE);
        Run run = Runs.of(PLAN, farm, WINDOW, List.of());

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, run::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.FAILED);
        assertThat(outcome.failure()).get(THROWABLE).isInstanceOf(RejectedExecutionException.class);
        assertThat(outcome.retriedJobs()).isEqualTo(1);
        assertThat(run.jobsInFlight()).isZero();
    }

    /** The same through the real local farm: a kernel that breaks on one job. */
    @Test
    void failsWhenAKernelThrowsOnTheLocalFarm() {
        JobPlan plan = JobPlan.of(10_000, 1_000, 3);
        long brokenJobStart = 5 * plan.pointsPerJob();
        Kernel scalar = Kernel.scalar();
        LocalFarm.Counting brokenOnJob5 = (job, worker, cancelled) -> {
            if (job.firstPoint() == brokenJobStart) {
                throw new IllegalStateException("broken kernel at point " + job.firstPoint());
            }
            return scalar.count(job, worker, cancelled);
        };
        RunOutcome outcome;
        try (LocalFarm farm = new LocalFarm(2, brokenOnJob5)) {
            outcome = assertTimeoutPreemptively(NO_HANG, Runs.of(plan, farm, 8, List.of())::execute);
        }

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.FAILED);
        assertThat(outcome.failure()).get(THROWABLE).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("point " + brokenJobStart);
        assertThat(outcome.count().jobs()).isLessThan(plan.jobs());
    }
}
