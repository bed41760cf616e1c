package org.dartboard.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;

/**
 * A farm whose every submission meets a fate chosen by the test: answered with the job's exact count,
 * lost with its worker, failed, refused, or left hanging until the run cancels it. It records what the
 * {@link Run} asked of it (ids in submission order, attempts per job, the most jobs held at once), so
 * tests can check the run's side of the {@link Farm} contract without real workers.
 *
 * <p>Fates are carried out on the executor the test gives: {@code Runnable::run} answers inside
 * {@code submit} (the run then settles on its own thread, deterministically), a pool or a
 * {@link CompletableFuture#delayedExecutor} answers later from other threads, like a real farm.
 */
final class ScriptedFarm implements Farm {

    /** What happens to one submission of a job. */
    enum Fate {
        /** Completes with the job's exact count. */
        ANSWER,
        /** Completes with {@link Farm.JobLostException}: the run may submit the job again. */
        LOSE,
        /** Completes with a failure that running again would not cure. */
        FAIL,
        /** {@code submit} itself throws, as a farm that is shutting down might. */
        REFUSE,
        /** Never completes by itself; only cancellation ends it. */
        HANG
    }

    /** Chooses the fate of a submission; {@code attempt} counts from 1 for each job. */
    @FunctionalInterface
    interface Script {
        Fate fate(JobSpec job, int attempt);
    }

    static final Script ALWAYS_ANSWER = (job, attempt) -> Fate.ANSWER;

    private final Executor executor;
    private final Script script;
    private final Kernel kernel = Kernel.scalar();
    private final List<Long> submittedIds = new ArrayList<>();
    private final Map<Long, Integer> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger mostHeld = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int submissionsBeforeFirstFailure = -1;

    ScriptedFarm(Executor executor, Script script) {
        this.executor = executor;
        this.script = script;
    }

    @Override
    public String description() {
        return "scripted";
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
        int attempt = attempts.merge(job.id(), 1, Integer::sum);
        Fate fate = script.fate(job, attempt);
        if (fate == Fate.REFUSE) {
            throw new RejectedExecutionException("scripted farm refuses job " + job.id());
        }
        synchronized (submittedIds) {
            submittedIds.add(job.id());
        }
        mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
        CompletableFuture<JobResult> future = new CompletableFuture<>();
        if (fate == Fate.HANG) {
            future.whenComplete((result, error) -> held.decrementAndGet());
        } else {
            executor.execute(() -> carryOut(job, fate, future));
        }
        return future;
    }

    private void carryOut(JobSpec job, Fate fate, CompletableFuture<JobResult> future) {
        // Let go of the job before completing it: completing runs the Run's callback, which may submit
        // the next job at once, and that one must not be counted as held together with this one.
        held.decrementAndGet();
        switch (fate) {
            case ANSWER -> future.complete(exactResult(job));
            case LOSE -> future.completeExceptionally(
                    new Farm.JobLostException("node-" + job.id() % 3, "scripted loss of job " + job.id()));
            case FAIL -> {
                if (failures.getAndIncrement() == 0) {
                    submissionsBeforeFirstFailure = submissions();
                }
                future.completeExceptionally(new ArithmeticException("scripted failure of job " + job.id()));
            }
            default -> throw new AssertionError("not carried out on the executor: " + fate);
        }
    }

    /** The result an honest worker reports for this job. */
    JobResult exactResult(JobSpec job) {
        return new JobResult(job.id(), job.points(), kernel.countInside(job), "scripted", 0, 0);
    }

    /** Job ids in the order they were submitted, retries included. */
    List<Long> submittedIds() {
        synchronized (submittedIds) {
            return List.copyOf(submittedIds);
        }
    }

    /** How many submissions were accepted so far, retries included. */
    int submissions() {
        synchronized (submittedIds) {
            return submittedIds.size();
        }
    }

    /** How many times this job was submitted (refusals included). */
    int attemptsOf(long jobId) {
        return attempts.getOrDefault(jobId, 0);
    }

    /** Accepted submissions not yet completed, by an answer or by cancellation. */
    int held() {
        return held.get();
    }

    /** The most submissions that were accepted and not yet completed at the same moment. */
    int mostHeld() {
        return mostHeld.get();
    }

    /** Accepted submissions before the first {@link Fate#FAIL} was delivered, or -1 when none was. */
    int submissionsBeforeFirstFailure() {
        return submissionsBeforeFirstFailure;
    }

    @Override
    public void close() {
        // The executor belongs to the test.
    }
}
