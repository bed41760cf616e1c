package org.dartboard.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Tally;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one plan through a farm: the drip-feed.
 *
 * <p>Jobs are submitted in id order, never more than {@code window} at once, so the memory of a run does
 * not grow with its number of jobs (the original client kept every job object). A job lost with its
 * worker is submitted again, up to a limit; every result goes to the {@link Tally}, which counts each
 * job once. {@link #stop()} ends the run early: no new jobs, jobs in flight cancelled, the count so far
 * kept. One {@code Run} runs once.
 *
 * <p>A run can resume an earlier one: given a tally of the jobs counted before (read back from a
 * {@link Journal}), it submits only the others, so finished work is never done again, and its count ends
 * equal to the count of an uninterrupted run.
 */
public final class Run {

    /** How often a job may be lost before the run gives up on it. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    private static final long POLL_MILLIS = 50;

    private final JobPlan plan;
    private final Farm farm;
    private final int window;
    private final int maxAttempts;
    private final List<RunListener> listeners;

    private final Tally tally;
    private final Count countedBefore;
    private final Semaphore freeSlots;
    private final Map<Long, CompletableFuture<JobResult>> inFlight = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong retried = new AtomicLong();
    private final Object events = new Object();
    private volatile boolean stopRequested;

    /**
     * @param window the most jobs in flight at once, at least 1
     * @param listeners told of every event, in order
     */
    public Run(JobPlan plan, Farm farm, int window, List<RunListener> listeners) {
        this(plan, farm, window, DEFAULT_MAX_ATTEMPTS, listeners);
    }

    public Run(JobPlan plan, Farm farm, int window, int maxAttempts, List<RunListener> listeners) {
        this(plan, farm, window, maxAttempts, new Tally(), listeners);
    }

    /**
     * A run that resumes where an earlier one of the same plan stopped.
     *
     * @param countedBefore the jobs of this plan counted already; they are skipped, and the run adds to
     *     this tally (it becomes the run's own)
     */
    public Run(JobPlan plan, Farm farm, int window, int maxAttempts, Tally countedBefore,
            List<RunListener> listeners) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
        this.plan = plan;
        this.farm = farm;
        this.window = window;
        this.maxAttempts = maxAttempts;
        this.listeners = List.copyOf(listeners);
        this.freeSlots = new Semaphore(window);
        this.tally = countedBefore;
        this.countedBefore = countedBefore.count();
        if (this.countedBefore.jobs() > plan.jobs()) {
            throw new IllegalArgumentException("the tally holds " + this.countedBefore.jobs()
                    + " jobs, more than the plan's " + plan.jobs());
        }
    }

    /** Runs the plan to the end, or until stopped or failed; returns what was counted. */
    public RunOutcome execute() {
        publish(listener -> listener.started(plan, farm, window));
        if (countedBefore.jobs() > 0) {
            // Nothing is in flight yet, so the tally holds exactly the jobs counted before.
            publish(listener -> listener.resumed(countedBefore, tally::isCounted));
        }
        farm.listen(new FarmListener() {
            @Override
            public void workerJoined(Worker worker) {
                publish(listener -> listener.workerJoined(worker));
            }

            @Override
            public void workerLost(Worker worker, long jobsRerun) {
                retried.addAndGet(jobsRerun);
                publish(listener -> listener.workerLost(worker, jobsRerun));
            }

            @Override
            public void jobRunAgain(JobSpec job) {
                publish(listener -> listener.jobRunAgainByFarm(job));
            }
        });
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
                submit(plan.job(id), 1);
            }
            awaitInFlight();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stop();
        }
        Duration wallTime = Duration.ofNanos(System.nanoTime() - started);
        RunOutcome outcome = outcome(wallTime);
        publish(listener -> listener.finished(outcome));
        return outcome;
    }

    /**
     * Asks the run to end early: nothing new is submitted and jobs in flight are cancelled. Safe from
     * any thread, including a signal handler; {@link #execute()} returns soon after.
     */
    public void stop() {
        stopRequested = true;
        inFlight.values().forEach(job -> job.cancel(false));
    }

    /** The exact count so far; safe from any thread while the run goes on. */
    public Count count() {
        return tally.count();
    }

    /** How many jobs are in flight now; never more than the window. */
    public int jobsInFlight() {
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
                inFlight.values().forEach(job -> job.cancel(false));
            }
        }
        freeSlots.release(window);
    }

    private void submit(JobSpec job, int attempt) {
        CompletableFuture<JobResult> future;
        try {
            future = farm.submit(job);
        } catch (RuntimeException refused) {
            fail(refused);
            freeSlots.release();
            return;
        }
        inFlight.put(job.id(), future);
        if (stopRequested) {
            future.cancel(false);
        }
        future.whenComplete((result, error) -> settle(job, attempt, future, result, error));
    }

    /** Where a job's answer goes: the tally, a retry, or the run's failure. Always frees or passes on the slot. */
    private void settle(JobSpec job, int attempt, CompletableFuture<JobResult> future, JobResult result,
            Throwable error) {
        inFlight.remove(job.id(), future);
        boolean slotPassedToRetry = false;
        try {
            if (error == null) {
                count(job, result);
            } else {
                slotPassedToRetry = handleError(job, attempt, error);
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
    private boolean handleError(JobSpec job, int attempt, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (stopRequested || cause instanceof CancellationException) {
            return false;
        }
        if (!(cause instanceof JobLostException lost)) {
            fail(cause);
            return false;
        }
        if (attempt >= maxAttempts) {
            fail(new IllegalStateException("job " + job.id() + " was lost " + attempt + " times; giving up", lost));
            return false;
        }
        retried.incrementAndGet();
        // Debug only: a farm that loses a node says so once, in its own words, rather than once per job.
        LOG.debug("Job {} was lost with {}; running it again (attempt {} of {})", job.id(), lost.worker(),
                attempt + 1, maxAttempts);
        publish(listener -> listener.jobRetried(job, attempt + 1, lost));
        submit(job, attempt + 1);
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
        return new RunOutcome(plan, count, ending, Optional.ofNullable(failure.get()), wallTime, retried.get(),
                farm.description(), farm.kernelName(), farm.workers(), window, farm.workersSeen(), countedBefore);
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
                LOG.warn("A run listener failed and was skipped: {}", broken.toString());
            }
        }
    }
}
