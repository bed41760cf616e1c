package org.dartboard.run;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;

/**
 * Receives the events of a run: progress bars, node tables, journals and web views listen here. A listener
 * sees the run through read-only values; it cannot reach the farm.
 *
 * <p>Methods are called from the farm's threads, one event at a time in the order they happened for a
 * given run; they must return quickly and must not throw (a listener that throws is skipped, with a
 * warning, and the run goes on).
 */
public interface RunListener {

    /** The run is about to submit its first job. */
    default void started(Start start) {
    }

    /**
     * The run resumes an earlier one: these jobs were counted before it started and will not run again.
     * Told right after {@link #started}, and only when there are some.
     *
     * @param countedBefore their exact totals
     * @param countedBeforeJob whether the job with a given id is one of them; valid during this call only
     */
    default void resumed(Count countedBefore, LongPredicate countedBeforeJob) {
    }

    /** A job's result was counted; {@code count} is the tally including it. */
    default void jobCounted(JobResult result, Count count) {
    }

    /**
     * A job is being run again: sent again by the run after its worker was lost, or run again by the farm
     * itself (a cluster's failover). Told before its result is counted, once for each time.
     *
     * @param attempt which time it now runs: 2 for the first time again
     * @param reason why, in a few words
     */
    default void jobRetried(JobSpec job, int attempt, String reason) {
    }

    /** A worker joined the farm during the run. */
    default void workerJoined(Worker worker) {
    }

    /** A worker left or was lost during the run. */
    default void workerLost(Worker worker) {
    }

    /** The run is over, complete or not. */
    default void finished(RunOutcome outcome) {
    }

    /** What a run is about to do, where and how; and, while it runs, its per-worker totals. */
    final class Start {

        private final JobPlan plan;
        private final String farm;
        private final List<Worker> workers;
        private final int cpus;
        private final int window;
        private final String kernel;
        private final String kernelReason;
        private final Optional<RunOutcome.JournalInfo> journal;
        private final Count countedBefore;
        private final Supplier<List<RunOutcome.WorkerRow>> workerRows;

        Start(JobPlan plan, String farm, List<Worker> workers, int cpus, int window, String kernel, String kernelReason,
                Optional<RunOutcome.JournalInfo> journal, Count countedBefore,
                Supplier<List<RunOutcome.WorkerRow>> workerRows) {
            this.plan = Objects.requireNonNull(plan, "plan");
            this.farm = Objects.requireNonNull(farm, "farm");
            this.workers = List.copyOf(workers);
            this.cpus = cpus;
            this.window = window;
            this.kernel = Objects.requireNonNull(kernel, "kernel");
            this.kernelReason = Objects.requireNonNull(kernelReason, "kernelReason");
            this.journal = Objects.requireNonNull(journal, "journal");
            this.countedBefore = Objects.requireNonNull(countedBefore, "countedBefore");
            this.workerRows = Objects.requireNonNull(workerRows, "workerRows");
        }

        /** The plan being run. */
        public JobPlan plan() {
            return plan;
        }

        /** Where the jobs run, in a few words, e.g. {@code local, 8 threads}. */
        public String farm() {
            return farm;
        }

        /** The farm's workers when the run starts. */
        public List<Worker> workers() {
            return workers;
        }

        /** How many jobs the farm runs at once when the run starts. */
        public int cpus() {
            return cpus;
        }

        /** The most jobs in flight at once. */
        public int window() {
            return window;
        }

        /** The kernel that counts the points, such as {@code vector}, or {@code per node} on a cluster. */
        public String kernel() {
            return kernel;
        }

        /** Why that kernel, one line. */
        public String kernelReason() {
            return kernelReason;
        }

        /** The run's journal, when it keeps one. */
        public Optional<RunOutcome.JournalInfo> journal() {
            return journal;
        }

        /** What a resumed run's journal held when it began: {@link Count#NONE} for a fresh run. */
        public Count countedBefore() {
            return countedBefore;
        }

        /** What each worker has done so far, as it is when asked: a live, read-only view for watchers. */
        public List<RunOutcome.WorkerRow> workerRows() {
            return workerRows.get();
        }
    }
}
