package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.RecordingListener.Retried;
import org.dartboard.run.ScriptedFarm.Fate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jobs lost with their worker are run again, and the run still counts each job exactly once: the count
 * equals that of a run where nothing was lost. A job lost too often fails the run instead of looping,
 * which is the opposite of Dispy's jobs that hang forever when a node dies.
 */
class RunRetryTest {

    private static final Duration NO_HANG = Duration.ofSeconds(20);
    private static final JobPlan PLAN = JobPlan.of(10_000, 100, 2024);

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static RunOutcome undisturbed() {
        return Runs.of(PLAN, new ScriptedFarm(Runnable::run, ScriptedFarm.ALWAYS_ANSWER), 8, List.of()).execute();
    }

    /** Run on the submitting thread and on a pool: retries happen inside submit or from a farm thread. */
    private Executor executor(boolean onPool) {
        return onPool ? pool : Runnable::run;
    }

    @ParameterizedTest(name = "answers from a pool: {0}")
    @ValueSource(booleans = {false, true})
    void runsLostJobsAgainAndCountsEachJobOnce(boolean onPool) {
        ScriptedFarm farm = new ScriptedFarm(executor(onPool),
                (job, attempt) -> job.id() % 7 == 0 && attempt == 1 ? Fate.LOSE : Fate.ANSWER);
        RecordingListener listener = new RecordingListener();

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, Runs.of(PLAN, farm, 8, List.of(listener))::execute);

        long losses = LongStream.range(0, PLAN.jobs()).filter(id -> id % 7 == 0).count();
        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.COMPLETE);
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.retriedJobs()).isEqualTo(losses);
        assertThat(outcome.count()).isEqualTo(undisturbed().count());
        assertThat(farm.submissions()).isEqualTo(PLAN.jobs() + losses);

        List<Retried> retries = listener.events(Retried.class);
        assertThat(retries).hasSize((int) losses);
        assertThat(retries).allSatisfy(retried -> {
            assertThat(retried.job().id() % 7).isZero();
            assertThat(retried.attempt()).as("the attempt about to be made").isEqualTo(2);
            assertThat(retried.reason()).isEqualTo("its worker node-" + retried.job().id() % 3 + " was lost");
        });
        assertThat(retries).extracting(retried -> retried.job().id()).doesNotHaveDuplicates();
        assertThat(listener.countedIds()).as("each job counted once")
                .hasSize((int) PLAN.jobs()).doesNotHaveDuplicates();
    }

    /** A job may be lost several times in a row, up to the limit, and still be counted once. */
    @Test
    void keepsRunningALostJobUpToTheLastAttempt() {
        int maxAttempts = 4;
        ScriptedFarm farm = new ScriptedFarm(pool,
                (job, attempt) -> job.id() == 13 && attempt < maxAttempts ? Fate.LOSE : Fate.ANSWER);
        RecordingListener listener = new RecordingListener();

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG,
                Runs.of(PLAN, farm, 8, maxAttempts, List.of(listener))::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.COMPLETE);
        assertThat(outcome.retriedJobs()).isEqualTo(maxAttempts - 1);
        assertThat(farm.attemptsOf(13)).isEqualTo(maxAttempts);
        assertThat(listener.events(Retried.class)).extracting(Retried::attempt).containsExactly(2, 3, 4);
        assertThat(outcome.count()).isEqualTo(undisturbed().count());
    }

    @ParameterizedTest(name = "answers from a pool: {0}")
    @ValueSource(booleans = {false, true})
    void failsTheRunWhenAJobIsLostMoreThanMaxAttemptsTimes(boolean onPool) {
        int maxAttempts = 3;
        ScriptedFarm farm = new ScriptedFarm(executor(onPool),
                (job, attempt) -> job.id() == 5 ? Fate.LOSE : Fate.ANSWER);

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG,
                Runs.of(PLAN, farm, 8, maxAttempts, List.of())::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.FAILED);
        assertThat(outcome.failure()).get().satisfies(failure -> {
            assertThat(failure).hasMessageContaining("job 5").hasMessageContaining("3 times");
            assertThat(failure.getCause()).isInstanceOf(Farm.JobLostException.class);
        });
        assertThat(farm.attemptsOf(5)).isEqualTo(maxAttempts);
        assertThat(outcome.retriedJobs()).isEqualTo(maxAttempts - 1);
        assertThat(outcome.count().jobs()).isLessThan(PLAN.jobs());
    }

    /** With one attempt allowed, the first loss is final. */
    @Test
    void failsOnTheFirstLossWhenOnlyOneAttemptIsAllowed() {
        ScriptedFarm farm = new ScriptedFarm(Runnable::run, (job, attempt) -> job.id() == 0 ? Fate.LOSE : Fate.ANSWER);

        RunOutcome outcome = Runs.of(PLAN, farm, 8, 1, List.of()).execute();

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.FAILED);
        assertThat(outcome.retriedJobs()).isZero();
        assertThat(farm.attemptsOf(0)).isEqualTo(1);
    }

    /**
     * A job thought lost may have been counted after all (a node thought dead was only slow), and its
     * re-run then gives the very same result. Here the farm computes every odd job, reports it lost
     * anyway, and hands that same result to the retry: the count must equal that of a run where nothing
     * was lost, and a tally that saw the run's results must refuse the late answers as duplicates.
     */
    @Test
    void countsTheLateAnswerOfAJobThoughtLostOnce() {
        LateAnswerFarm farm = new LateAnswerFarm(pool);
        Tally seenByListener = new Tally();
        RunListener mirror = new RunListener() {
            @Override
            public void jobCounted(JobResult result, Count count) {
                seenByListener.add(result);
            }
        };

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, Runs.of(PLAN, farm, 8, List.of(mirror))::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.COMPLETE);
        assertThat(outcome.count()).isEqualTo(undisturbed().count()).isEqualTo(seenByListener.count());
        assertThat(outcome.retriedJobs()).isEqualTo(PLAN.jobs() / 2);
        assertThat(farm.lateAnswers.values()).hasSize((int) (PLAN.jobs() / 2))
                .allSatisfy(late -> assertThat(seenByListener.add(late)).as("late answer of job " + late.jobId())
                        .isFalse());
        assertThat(seenByListener.count()).isEqualTo(outcome.count());
    }

    /**
     * Reports every odd job lost on its first attempt although it computed it, and answers the retry with
     * that first result. Built on {@link CompletableFuture#supplyAsync}, as a farm might well be, so the
     * loss arrives wrapped in a {@link java.util.concurrent.CompletionException}.
     */
    private static final class LateAnswerFarm implements Farm {
        private final Executor executor;
        private final ScriptedFarm honest = new ScriptedFarm(Runnable::run, ScriptedFarm.ALWAYS_ANSWER);
        private final Map<Long, JobResult> lateAnswers = new ConcurrentHashMap<>();

        LateAnswerFarm(Executor executor) {
            this.executor = executor;
        }

        @Override
        public String description() {
            return "late answers";
        }

        @Override
        public int cpus() {
            return 2;
        }

        @Override
        public List<Worker> workers() {
            return List.of(new Worker("scripted", "here", cpus(), false));
        }


        @Override
        public CompletableFuture<JobResult> submit(JobSpec job) {
            return CompletableFuture.supplyAsync(() -> {
                JobResult late = lateAnswers.get(job.id());
                if (late != null) {
                    return late;
                }
                JobResult result = honest.exactResult(job);
                if (job.id() % 2 == 1) {
                    lateAnswers.put(job.id(), result);
                    throw new Farm.JobLostException("node-1", "job " + job.id() + " seemed lost");
                }
                return result;
            }, executor);
        }

        @Override
        public void close() {
        }
    }
}
