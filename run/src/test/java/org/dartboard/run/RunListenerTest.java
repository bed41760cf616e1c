package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.RecordingListener.Counted;
import org.dartboard.run.RecordingListener.Event;
import org.dartboard.run.RecordingListener.Finished;
import org.dartboard.run.RecordingListener.Retried;
import org.dartboard.run.RecordingListener.Started;
import org.dartboard.run.ScriptedFarm.Fate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The events reports are built on: one start, one finish, a running count that only grows, one event
 * at a time although answers come from many threads, and a broken listener that cannot break the run.
 */
class RunListenerTest {

    private static final Duration NO_HANG = Duration.ofSeconds(20);
    private static final JobPlan PLAN = JobPlan.of(2_000, 300, 11);
    private static final int WINDOW = 16;

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private ScriptedFarm answeringFarm() {
        return new ScriptedFarm(pool, ScriptedFarm.ALWAYS_ANSWER);
    }

    @Test
    void startsOnceBeforeTheFirstCountAndFinishesOnceWithTheOutcome() {
        RecordingListener listener = new RecordingListener();

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG,
                Runs.of(PLAN, answeringFarm(), WINDOW, List.of(listener))::execute);

        List<Event> events = listener.events();
        assertThat(events).hasSize((int) PLAN.jobs() + 2);
        assertThat(events.get(0)).isEqualTo(new Started(PLAN, "scripted", WINDOW));
        assertThat(events.get(events.size() - 1)).isInstanceOf(Finished.class);
        assertThat(((Finished) events.get(events.size() - 1)).outcome()).isSameAs(outcome);
        assertThat(listener.events(Started.class)).hasSize(1);
        assertThat(listener.events(Finished.class)).hasSize(1);
        assertThat(listener.countedIds()).hasSize((int) PLAN.jobs()).doesNotHaveDuplicates();
    }

    @Test
    void reportsARunningCountThatGrowsOneJobAtATime() {
        RecordingListener listener = new RecordingListener();

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG,
                Runs.of(PLAN, answeringFarm(), WINDOW, List.of(listener))::execute);

        List<Counted> counted = listener.events(Counted.class);
        Count previous = Count.NONE;
        for (Counted event : counted) {
            Count count = event.count();
            assertThat(count.jobs()).isEqualTo(previous.jobs() + 1);
            JobResult result = event.result();
            assertThat(count.points()).isEqualTo(previous.points().add(BigInteger.valueOf(result.points())));
            assertThat(count.inside()).isEqualTo(previous.inside().add(BigInteger.valueOf(result.inside())));
            previous = count;
        }
        assertThat(previous).isEqualTo(outcome.count());
    }

    /** The retry of a lost job is announced before the job's result is counted. */
    @Test
    void announcesARetryBeforeCountingTheJob() {
        ScriptedFarm farm = new ScriptedFarm(pool,
                (job, attempt) -> job.id() % 10 == 0 && attempt == 1 ? Fate.LOSE : Fate.ANSWER);
        RecordingListener listener = new RecordingListener();

        assertTimeoutPreemptively(NO_HANG, Runs.of(PLAN, farm, WINDOW, List.of(listener))::execute);

        List<Event> events = listener.events();
        List<Retried> retries = listener.events(Retried.class);
        assertThat(retries).hasSize(30);
        for (Retried retried : retries) {
            long id = retried.job().id();
            int countedAt = indexOfCounted(events, id);
            assertThat(events.indexOf(retried)).as("retry of job %d before its count", id).isLessThan(countedAt);
        }
    }

    /** Answers come from three threads; a listener must still be told one event at a time. */
    @Test
    void tellsListenersOneEventAtATime() {
        OverlapDetector detector = new OverlapDetector();
        ScriptedFarm farm = new ScriptedFarm(pool,
                (job, attempt) -> job.id() % 5 == 0 && attempt == 1 ? Fate.LOSE : Fate.ANSWER);

        assertTimeoutPreemptively(NO_HANG, Runs.of(PLAN, farm, WINDOW, List.of(detector))::execute);

        assertThat(detector.events.get()).isEqualTo((int) PLAN.jobs() + 60 + 2);
        assertThat(detector.overlaps.get()).as("events that overlapped another").isZero();
    }

    @Test
    void carriesOnWhenAListenerThrows() {
        RecordingListener after = new RecordingListener();
        RunListener broken = new RunListener() {
            @Override
            public void started(Start start) {
                throw new IllegalStateException("broken listener: started");
            }

            @Override
            public void jobCounted(JobResult result, Count count) {
                throw new IllegalStateException("broken listener: counted");
            }

            @Override
            public void jobRetried(JobSpec job, int attempt, String reason) {
                throw new IllegalStateException("broken listener: retried");
            }

            @Override
            public void finished(RunOutcome outcome) {
                throw new IllegalStateException("broken listener: finished");
            }
        };
        ScriptedFarm farm = new ScriptedFarm(pool,
                (job, attempt) -> job.id() == 7 && attempt == 1 ? Fate.LOSE : Fate.ANSWER);

        RunOutcome outcome = assertTimeoutPreemptively(NO_HANG,
                Runs.of(PLAN, farm, WINDOW, List.of(broken, after))::execute);

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.COMPLETE);
        assertThat(outcome.count().jobs()).isEqualTo(PLAN.jobs());
        assertThat(after.events()).as("events for the listener after the broken one").hasSize((int) PLAN.jobs() + 3);
    }

    /**
     * A listener that throws an Error, such as a test's own AssertionError or a StackOverflowError in a
     * report, must not leave the run waiting forever for a slot that is never given back.
     */
    @Test
    void endsWhenAListenerThrowsAnError() {
        RunListener failingAssertion = new RunListener() {
            @Override
            public void jobCounted(JobResult result, Count count) {
                if (result.jobId() == 20) {
                    throw new AssertionError("listener's own assertion failed");
                }
            }
        };

        RunOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(5),
                Runs.of(PLAN, answeringFarm(), WINDOW, List.of(failingAssertion))::execute);

        assertThat(outcome.ending()).isIn(RunOutcome.Ending.COMPLETE, RunOutcome.Ending.FAILED);
    }

    private static int indexOfCounted(List<Event> events, long jobId) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Counted counted && counted.result().jobId() == jobId) {
                return i;
            }
        }
        throw new AssertionError("job " + jobId + " was never counted");
    }

    /** Counts events, and those that began while another was still being handled. */
    private static final class OverlapDetector implements RunListener {
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger overlaps = new AtomicInteger();
        private final AtomicInteger events = new AtomicInteger();

        private void event() {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            events.incrementAndGet();
            // Linger a moment so that an overlapping call, if the run allowed one, would be caught.
            Thread.onSpinWait();
            Thread.yield();
            inside.decrementAndGet();
        }

        @Override
        public void started(Start start) {
            event();
        }

        @Override
        public void jobCounted(JobResult result, Count count) {
            event();
        }

        @Override
        public void jobRetried(JobSpec job, int attempt, String reason) {
            event();
        }

        @Override
        public void finished(RunOutcome outcome) {
            event();
        }
    }
}
