package org.dartboard.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one plan through a farm: the drip-feed.
 *
 * <p>Jobs are submitted in id order, never more than the window at once, so the memory of a run does not
 * grow with its number of jobs (the original client kept every job object). A job lost with its worker is
 * submitted again, up to a limit; every result goes to the {@link Tally}, which counts each job once.
 * {@link #stop()} ends the run early: no new jobs, jobs in flight cancelled, the count so far kept. One
 * {@code Run} runs once.
 *
 * <p>A run can resume an earlier one: given a tally of the jobs counted before (read back from a journal),
 * it submits only the others, so finished work is never done again, and its count ends equal to the count
 * of an uninterrupted run. When the tally holds every job there is nothing left to count, and the run
 * needs no farm at all.
 *
 * <p>Longer than most classes here (about 340 lines, half of them comments), on purpose: the window's
 * slots, the map of jobs in flight, the retries and the order of events are one protocol with one lock
 * ({@code events}) and one rule (every answer frees or passes on its slot exactly once); split over
 * classes, each would have to know the others' invariants.
 */
final class Run {

    /** How often a job may be run before the run gives up on it. */
    static final int DEFAULT_MAX_ATTEMPTS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    private static final long POLL_MILLIS = 50;

    private final RunListener.Start start;
    private final JobPlan plan;
    private final Farm farm;
    private final int window;
    private final int maxAttempts;
    private final WorkerStatistics statistics;
    private final List<RunListener> listeners;

    private final Tally tally;
    private final Count countedBefore;
    private final Semaphore freeSlots;
    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong retried = new AtomicLong();
    private final Object events = new Object();
    private volatile boolean stopRequested;

    /**
     * A job in flight: how many times it has run (the run's retries and the farm's re-runs alike), and its
     * current submission. Registered before the farm hears of the job, so that a farm's news about it can
     * never arrive first.
     */
    private static final class InFlight {
        final AtomicInteger attempts = new AtomicInteger(1);
        volatile CompletableFuture<JobResult> future;

        void cancel() {
            CompletableFuture<JobResult> current = future;
            if (current != null) {
                current.cancel(false);
            }
        }
    }

    /**
     * @param start what the listeners are told first; its plan is run and its window kept
     * @param farm where the jobs run; null only when {@code countedBefore} holds every job of the plan
     * @param countedBefore the jobs of this plan counted already (a resumed run's journal), which are
     *     skipped; the run adds to this tally, which becomes its own
     * @param statistics the per-worker totals the outcome is made from, told every event first
     * @param listeners told of every event, in order
     */
    Run(RunListener.Start start, Farm farm, Tally countedBefore, int maxAttempts, WorkerStatistics statistics,
            List<RunListener> listeners) {
        if (start.window() < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + start.window());
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
        this.start = start;
        this.plan = start.plan();
        this.farm = farm;
        this.window = start.window();
        this.maxAttempts = maxAttempts;
        this.statistics = statistics;
        List<RunListener> all = new ArrayList<>();
        all.add(statistics);
        all.addAll(listeners);
        this.listeners = List.copyOf(all);
        this.freeSlots = new Semaphore(window);
        this.tally = countedBefore;
        this.countedBefore = countedBefore.count();
        if (this.countedBefore.jobs() > plan.jobs()) {
            throw new IllegalArgumentException("the tally holds " + this.countedBefore.jobs()
                    + " jobs, more than the plan's " + plan.jobs());
        }
        if (farm == null && this.countedBefore.jobs() < plan.jobs()) {
            throw new IllegalArgumentException("a run with jobs left to count needs a farm");
        }
    }

    /** Runs the plan to the end, or until stopped or failed; returns what was counted. */
    RunOutcome execute() {
        publish(listener -> listener.started(start));
        if (countedBefore.jobs() > 0) {
            // Nothing is in flight yet, so the tally holds exactly the jobs counted before.
            publish(listener -> listener.resumed(countedBefore, tally::isCounted));
        }
        if (farm != null) {
            farm.listen(new FarmEvents());
        }
        long started = System.nanoTime();
        try {
            // A fresh run asks the tally nothing: its lock is the farm threads' too, and the drip-feed is fast.
            boolean resuming = countedBefore.jobs() > 0;
            for (long id = 0; id < plan.jobs(); id++) {
                if (resuming && tally.isCounted(id)) {
                    continue;
                }
                if (!takeSlot()) {
                    break;
                }
                submit(plan.job(id), new InFlight());
            }
            awaitInFlight();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stop();
        }
        RunOutcome outcome = outcome(Duration.ofNanos(System.nanoTime() - started));
        publish(listener -> listener.finished(outcome));
        return outcome;
    }

    /**
     * Asks the run to end early: nothing new is submitted and jobs in flight are cancelled. Safe from
     * any thread, including a signal handler; {@link #execute()} returns soon after.
     */
    void stop() {
        stopRequested = true;
        inFlight.values().forEach(InFlight::cancel);
    }

    /** The exact count so far; safe from any thread while the run goes on. */
    Count count() {
        return tally.count();
    }

    /** How many jobs are in flight now; never more than the window. */
    int jobsInFlight() {
        return window - freeSlots.availablePermits();
    }

    private boolean takeSlot() throws InterruptedException {
        while (!stopRequested) {
            if (freeSlots.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (stopRequested) {
                    // The slot may have been freed by the stop or failure itself: it carries no new job.
                    freeSlots.release();
                    return false;
                }
                return true;
            }
        }
        return false;
    }

    private void awaitInFlight() throws InterruptedException {
        while (!freeSlots.tryAcquire(window, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (stopRequested) {
                // Cancel again: a retry may have been submitted after the first sweep.
                inFlight.values().forEach(InFlight::cancel);
            }
        }
        freeSlots.release(window);
    }

    private void submit(JobSpec job, InFlight flight) {
        flight.future = null;
        inFlight.put(job.id(), flight);
        CompletableFuture<JobResult> future;
        try {
            future = farm.submit(job);
        } catch (RuntimeException refused) {
            inFlight.remove(job.id(), flight);
            fail(refused);
            freeSlots.release();
            return;
        }
        flight.future = future;
        if (stopRequested) {
            future.cancel(false);
        }
        future.whenComplete((result, error) -> settle(job, flight, future, result, error));
    }

    /** Where a job's answer goes: the tally, a retry, or the run's failure. Always frees or passes on the slot. */
    private void settle(JobSpec job, InFlight flight, CompletableFuture<JobResult> future, JobResult result,
            Throwable error) {
        // This submission's entry only: a job sent again is registered anew, with its new future.
        if (flight.future == future) {
            inFlight.remove(job.id(), flight);
        }
        boolean slotPassedToRetry = false;
        try {
            if (error == null) {
                count(job, result);
            } else {
                slotPassedToRetry = handleError(job, flight, error);
            }
        } catch (RuntimeException | Error unexpected) {
            // Whatever went wrong here (a listener throwing an Error), the run must end, not wait forever.
            fail(unexpected);
        } finally {
            if (!slotPassedToRetry) {
                freeSlots.release();
            }
        }
    }

    private void count(JobSpec job, JobResult result) {
        if (result.jobId() != job.id() || result.points() != job.points()) {
            fail(new IllegalStateException("the farm answered job " + job.id() + " (" + job.points()
                    + " points) with a result for job " + result.jobId() + " (" + result.points() + " points)"));
            return;
        }
        synchronized (events) {
            if (tally.add(result)) {
                Count count = tally.count();
                forEachListener(listener -> listener.jobCounted(result, count));
            }
        }
    }

    /** Returns true when the job was submitted again, which keeps its slot. */
    private boolean handleError(JobSpec job, InFlight flight, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (stopRequested || cause instanceof CancellationException) {
            return false;
        }
        if (!(cause instanceof Farm.JobLostException lost)) {
            fail(cause);
            return false;
        }
        int lostAttempt = flight.attempts.get();
        if (lostAttempt >= maxAttempts) {
            fail(new IllegalStateException("job " + job.id() + " was lost " + lostAttempt + " times; giving up", lost));
            return false;
        }
        int attempt = flight.attempts.incrementAndGet();
        retried.incrementAndGet();
        // Debug only: a farm that loses a node says so once, in its own words, rather than once per job.
        LOG.debug("Job {} was lost with {}; running it again (attempt {} of {})", job.id(), lost.worker(), attempt,
                maxAttempts);
        String reason = "its worker " + lost.worker() + " was lost";
        publish(listener -> listener.jobRetried(job, attempt, reason));
        submit(job, flight);
        return true;
    }

    private void fail(Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            LOG.error("The run stops: {}", cause.getMessage() != null ? cause.getMessage() : cause.toString());
        }
        stop();
    }

    private RunOutcome outcome(Duration wallTime) {
        Count count = tally.count();
        RunOutcome.Ending ending;
        if (failure.get() != null) {
            ending = RunOutcome.Ending.FAILED;
        } else if (count.jobs() == plan.jobs()) {
            ending = RunOutcome.Ending.COMPLETE;
        } else {
            ending = RunOutcome.Ending.STOPPED;
        }
        List<Worker> workers = farm != null ? farm.workers() : start.workers();
        return new RunOutcome(start, count, ending, Optional.ofNullable(failure.get()), wallTime, retried.get(),
                statistics.rows(workers), statistics.lostWorkers(workers));
    }

    private void publish(Consumer<RunListener> event) {
        synchronized (events) {
            forEachListener(event);
        }
    }

    private void forEachListener(Consumer<RunListener> event) {
        for (RunListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException broken) {
                LOG.warn("A run listener failed and was skipped: {}",
                        broken.getMessage() != null ? broken.getMessage() : broken.toString());
            }
        }
    }

    /** The farm's news, passed on to the listeners as the run's own events. */
    private final class FarmEvents implements Farm.Events {

        @Override
        public void workerJoined(Worker worker) {
            publish(listener -> listener.workerJoined(worker));
        }

        @Override
        public void workerLost(Worker worker) {
            publish(listener -> listener.workerLost(worker));
        }

        @Override
        public void jobRunAgain(JobSpec job, String why) {
            InFlight flight = inFlight.get(job.id());
            int attempt = flight != null ? flight.attempts.incrementAndGet() : 2;
            retried.incrementAndGet();
            publish(listener -> listener.jobRetried(job, attempt, why));
        }
    }
}
