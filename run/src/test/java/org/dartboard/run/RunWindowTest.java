package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drip-feed: never more than the window in flight, the window actually used, jobs handed out in id
 * order, and every job counted. The original client queued all M jobs at once; this is what keeps a run's
 * memory flat however many jobs it has.
 */
class RunWindowTest {

    private static final long SEED = 42;
    private static final long POINTS_PER_JOB = 1_000;
    private static final Duration NO_HANG = Duration.ofSeconds(20);

    private ExecutorService workers;

    @BeforeEach
    void startWorkers() {
        workers = Executors.newFixedThreadPool(3);
    }

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {1, 3, 64})
    void keepsAtMostTheWindowInFlightAndCountsEveryJobInIdOrder(int window) {
        // Answers arrive a little later, from several threads, and in no particular order: like nodes.
        ScriptedFarm farm = new ScriptedFarm(
                CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS, workers), ScriptedFarm.ALWAYS_ANSWER);
        JobPlan plan = JobPlan.of(POINTS_PER_JOB, 200, SEED);
        AtomicReference<Run> running = new AtomicReference<>();
        AtomicInteger mostInFlightSeen = new AtomicInteger();
        RunListener inFlightWatcher = new RunListener() {
            @Override
            public void jobCounted(JobResult result, Count count) {
                mostInFlightSeen.accumulateAndGet(running.get().jobsInFlight(), Math::max);
            }
        };
        Run run = Runs.of(plan, farm, window, List.of(inFlightWatcher));
        running.set(run);

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, run::execute);

        assertThat(farm.mostHeld()).as("jobs the farm held at once").isBetween(1, window);
        assertThat(mostInFlightSeen.get()).as("Run.jobsInFlight() seen by a listener").isBetween(1, window);
        assertThat(farm.submittedIds()).as("submission order")
                .containsExactlyElementsOf(LongStream.range(0, plan.jobs()).boxed().toList());
        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.COMPLETE);
        assertThat(outcome.window()).isEqualTo(window);
        assertThat(outcome.count()).isEqualTo(exactCount(plan));
        assertThat(run.jobsInFlight()).as("in flight after the run").isZero();
    }

    /**
     * A farm that answers nothing until it holds a full window proves the run fills its window: were the
     * run to keep fewer jobs in flight, this farm would never answer and the run would never end.
     */
    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {1, 3, 64})
    void fillsItsWindowBeforeWaiting(int window) {
        JobPlan plan = JobPlan.of(POINTS_PER_JOB, 150, SEED);
        FullWindowFarm farm = new FullWindowFarm(window, plan.jobs());

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, Runs.of(plan, farm, window, List.of())::execute);

        assertThat(farm.mostHeld()).isEqualTo(window);
        assertThat(outcome.count()).isEqualTo(exactCount(plan));
    }

    /** A window wider than the plan is no error: every job goes out at once. */
    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {5, 1_000})
    void acceptsAWindowWiderThanThePlan(int window) {
        JobPlan plan = JobPlan.of(POINTS_PER_JOB, 5, SEED);
        FullWindowFarm farm = new FullWindowFarm(window, plan.jobs());

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG, Runs.of(plan, farm, window, List.of())::execute);

        assertThat(farm.mostHeld()).isEqualTo(5);
        assertThat(outcome.count()).isEqualTo(exactCount(plan));
    }

    private static Count exactCount(JobPlan plan) {
        BigInteger total = plan.totalPoints();
        return new Count(plan.jobs(), total,
                BigInteger.valueOf(Kernel.scalar().countInside(plan.seed(), 0, total.longValueExact())));
    }

    /**
     * Holds every job until it holds {@code batch} of them, or the plan has no more to give, then answers
     * all it holds at once, on the submitting thread.
     */
    private static final class FullWindowFarm implements Farm {
        private final int batch;
        private final long planJobs;
        private final Kernel kernel = Kernel.scalar();
        private final List<CompletableFuture<JobResult>> heldFutures = new ArrayList<>();
        private final List<JobSpec> heldJobs = new ArrayList<>();
        private long submitted;
        private int mostHeld;

        FullWindowFarm(int batch, long planJobs) {
            this.batch = batch;
            this.planJobs = planJobs;
        }

        @Override
        public String description() {
            return "answers a full window at a time";
        }

        @Override
        public int cpus() {
            return 1;
        }

        @Override
        public List<Worker> workers() {
            return List.of(new Worker("scripted", "here", cpus(), false));
        }


        @Override
        public CompletableFuture<JobResult> submit(JobSpec job) {
            CompletableFuture<JobResult> future = new CompletableFuture<>();
            List<CompletableFuture<JobResult>> answerNow = List.of();
            List<JobSpec> jobsNow = List.of();
            synchronized (this) {
                heldFutures.add(future);
                heldJobs.add(job);
                submitted++;
                mostHeld = Math.max(mostHeld, heldJobs.size());
                if (heldJobs.size() == batch || submitted == planJobs) {
                    answerNow = List.copyOf(heldFutures);
                    jobsNow = List.copyOf(heldJobs);
                    heldFutures.clear();
                    heldJobs.clear();
                }
            }
            // Answered outside the lock: completing calls back into the run.
            for (int i = 0; i < jobsNow.size(); i++) {
                JobSpec held = jobsNow.get(i);
                answerNow.get(i).complete(new JobResult(held.id(), held.points(), kernel.countInside(held),
                        "batch", 0, 0));
            }
            return future;
        }

        synchronized int mostHeld() {
            return mostHeld;
        }

        @Override
        public void close() {
        }
    }
}
