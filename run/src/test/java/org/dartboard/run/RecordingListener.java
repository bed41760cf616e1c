package org.dartboard.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;

/**
 * Writes down every event of a run, in the order it was told them, for assertions after the run.
 *
 * <p>It never asserts inside a callback: callbacks run on the farm's threads, and a listener must not
 * throw there. What a test wants to check is recorded, and checked once {@code execute()} has returned.
 */
class RecordingListener implements RunListener {

    /** One event as it arrived. */
    sealed interface Event permits Started, Counted, Retried, Finished {
    }

    record Started(JobPlan plan, String farm, int window) implements Event {
    }

    record Counted(JobResult result, Count count) implements Event {
    }

    record Retried(JobSpec job, int attempt, String reason) implements Event {
    }

    record Finished(RunOutcome outcome) implements Event {
    }

    private final List<Event> events = new ArrayList<>();
    private final CountDownLatch firstCount = new CountDownLatch(1);

    @Override
    public void started(Start start) {
        record(new Started(start.plan(), start.farm(), start.window()));
    }

    @Override
    public void jobCounted(JobResult result, Count count) {
        record(new Counted(result, count));
        firstCount.countDown();
    }

    @Override
    public void jobRetried(JobSpec job, int attempt, String reason) {
        record(new Retried(job, attempt, reason));
    }

    @Override
    public void finished(RunOutcome outcome) {
        record(new Finished(outcome));
    }

    private void record(Event event) {
        synchronized (events) {
            events.add(event);
        }
    }

    /** Every event so far, in arrival order. */
    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The events of one kind, in arrival order. */
    <E extends Event> List<E> events(Class<E> kind) {
        return events().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Ids of the jobs counted, in the order they were counted. */
    List<Long> countedIds() {
        return events(Counted.class).stream().map(counted -> counted.result().jobId()).toList();
    }

    /** Waits, within a bound, until some job has been counted. */
    boolean awaitFirstCount(long timeout, TimeUnit unit) throws InterruptedException {
        return firstCount.await(timeout, unit);
    }
}
