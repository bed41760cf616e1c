package org.dartboard.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dartboard.core.Count;
import org.dartboard.core.JobResult;

/**
 * Adds up what each worker did during a run, like the original's {@code print_status}: jobs, points and
 * busy time per thread or node, and which workers were lost. Listens to a {@link Run}; memory grows with
 * the workers, not the jobs. Thread-safe: the run's events and a watcher's questions come from different
 * threads.
 */
final class WorkerStatistics implements RunListener {

    private final Map<String, Totals> byWorker = new LinkedHashMap<>();
    private final Set<String> lostDuringRun = new LinkedHashSet<>();

    @Override
    public synchronized void jobCounted(JobResult result, Count count) {
        byWorker.computeIfAbsent(result.worker(), name -> new Totals()).add(result);
    }

    @Override
    public synchronized void workerLost(Worker worker) {
        lostDuringRun.add(worker.name());
    }

    /**
     * Names of the workers lost during the run, in the order they were lost, including any that came back
     * later (a node restarted in mid-run is up at the end, but it was lost), then any the farm lists as lost
     * without having said so.
     */
    synchronized List<String> lostWorkers(List<Worker> workersSeen) {
        Set<String> lost = new LinkedHashSet<>(lostDuringRun);
        workersSeen.stream().filter(Worker::lost).map(Worker::name).forEach(lost::add);
        return List.copyOf(lost);
    }

    /**
     * The table: one row per worker the farm knows, in its order, then any other worker that reported.
     *
     * @param workersSeen the farm's workers now
     */
    synchronized List<RunOutcome.WorkerRow> rows(List<Worker> workersSeen) {
        List<RunOutcome.WorkerRow> rows = new ArrayList<>();
        Map<String, Totals> unlisted = new LinkedHashMap<>(byWorker);
        for (Worker worker : workersSeen) {
            Totals totals = unlisted.remove(worker.name());
            rows.add((totals == null ? new Totals() : totals).row(worker, lostDuringRun.contains(worker.name())));
        }
        unlisted.forEach((name, totals) -> rows.add(totals.row(new Worker(name, "?", 1, false),
                lostDuringRun.contains(name))));
        return rows;
    }

    private static final class Totals {
        private final ExactSum points = new ExactSum();
        private long jobs;
        private long busyNanos;

        void add(JobResult result) {
            jobs++;
            points.add(result.points());
            busyNanos += result.busyNanos();
        }

        RunOutcome.WorkerRow row(Worker worker, boolean lostDuringRun) {
            return new RunOutcome.WorkerRow(worker, jobs, points.value(), busyNanos, lostDuringRun);
        }
    }
}
