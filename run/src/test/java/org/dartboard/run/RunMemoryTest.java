package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.Test;

/**
 * Millions of tiny jobs, the case that exhausted the original client's memory: the run must finish with
 * the exact count while what it holds stays bounded by the window, not by the number of jobs. (The heap
 * limit itself is checked by the command-line integration test, in a JVM of its own.)
 */
class RunMemoryTest {

    private static final long JOBS = 2_000_000;
    private static final int WINDOW = 64;

    @Test
    void runsTwoMillionOnePointJobsWithBoundedState() {
        JobPlan plan = JobPlan.of(1, JOBS, 7);
        AtomicReference<Run> running = new AtomicReference<>();
        InFlightWatcher watcher = new InFlightWatcher(running);
        RunOutcome outcome;
        try (LocalFarm farm = new LocalFarm(2, Kernel.scalar())) {
            Run run = Runs.of(plan, farm, WINDOW, List.of(watcher));
            running.set(run);
            outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), run::execute);
        }

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.COMPLETE);
        assertThat(outcome.count()).isEqualTo(new Count(JOBS, BigInteger.valueOf(JOBS),
                BigInteger.valueOf(Kernel.scalar().countInside(plan.seed(), 0, JOBS))));
        assertThat(watcher.counted.get()).isEqualTo(JOBS);
        assertThat(watcher.mostInFlight.get()).as("jobs in flight seen by a listener").isBetween(1, WINDOW);
        // Ids finished ahead of an unfinished one are held one bit each until it finishes. Jobs leave in id
        // order, so only a worker stalled by the scheduler lets that grow past the window; the loose bound
        // says "not a growing fraction of the plan" without depending on the scheduler.
        assertThat(watcher.mostHeldIds).as("finished ids held above the watermark").isLessThan((int) (JOBS / 20));
        assertThat(watcher.mirror.heldIds()).as("held ids once every job is in").isZero();
    }

    /** Watches a run from inside: its jobs in flight, and a tally fed the same results in the same order. */
    private static final class InFlightWatcher implements RunListener {
        private final AtomicReference<Run> run;
        private final Tally mirror = new Tally();
        private final AtomicInteger mostInFlight = new AtomicInteger();
        private final AtomicInteger counted = new AtomicInteger();
        private volatile int mostHeldIds;

        InFlightWatcher(AtomicReference<Run> run) {
            this.run = run;
        }

        @Override
        public void jobCounted(JobResult result, Count count) {
            // Events come one at a time, so plain read-modify-write of the maxima is safe here.
            counted.incrementAndGet();
            mostInFlight.accumulateAndGet(run.get().jobsInFlight(), Math::max);
            mirror.add(result);
            mostHeldIds = Math.max(mostHeldIds, mirror.heldIds());
        }
    }
}
