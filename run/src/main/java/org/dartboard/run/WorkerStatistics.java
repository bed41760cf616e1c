package org.dartboard.run;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dartboard.core.Count;
import org.dartboard.core.ExactSum;
import org.dartboard.core.JobResult;

/**
 * Adds up what each worker did during a run, like the original's {@code print_status}: jobs, points and
 * busy time per thread or node, and which workers were lost. Listens to a {@link Run}; memory grows with the workers, not the jobs.
 */
public final class WorkerStatistics implements RunListener {

    private final Map<String, Totals> byWorker = new LinkedHashMap<>();
    private final Set<String> lostDuringRun = new LinkedHashSet<>();

    /**
     * One worker's share of a run.
     *
     * @param worker the worker, as the farm describes it
     * @param jobs jobs it counted (first results only: a duplicate is not its work twice)
     * @param points points of those jobs
     * @param busyNanos time it spent counting them
     */
    public record Row(Worker worker, long jobs, BigInteger points, long busyNanos) {

        /** Mean seconds per job, 0 without jobs. */
        public double secondsPerJob() {
            return jobs == 0 ? 0 : busyNanos / 1e9 / jobs;
        }

        /** Points per second of busy time, 0 when never busy. */
        public double pointsPerSecond() {
            return busyNanos == 0 ? 0 : points.doubleValue() / (busyNanos / 1e9);
        }
    }

    @Override
    public synchronized void jobCounted(JobResult result, Count count) {
        byWorker.computeIfAbsent(result.worker(), name -> new Totals()).add(result);
    }

    @Override
    public synchronized void workerLost(Worker worker, long jobsRerun) {
        lostDuringRun.add(worker.name());
    }

    /**
     * Names of the workers lost during the run, in the order they were lost, including any that came back
     * later (a node restarted in mid-run is up at the end, but it was lost).
     */
    public synchronized List<String> lostWorkers() {
        return List.copyOf(lostDuringRun);
    }

    /**
     * The table: one row per worker the farm knows, in its order, then any other worker that reported.
     *
     * @param workersSeen the farm's workers at the end of the run
     */
    public synchronized List<Row> rows(List<Worker> workersSeen) {
        List<Row> rows = new ArrayList<>();
        Map<String, Totals> unlisted = new LinkedHashMap<>(byWorker);
        for (Worker worker : workersSeen) {
            Totals totals = unlisted.remove(worker.name());
            rows.add(totals == null ? new Row(worker, 0, BigInteger.ZERO, 0) : totals.row(worker));
        }
        unlisted.forEach((name, totals) -> rows.add(totals.row(new Worker(name, "?", 1, false))));
        return rows;
    }

    /** Total busy time of all workers, in nanoseconds: divided by the wall time, the run's speedup. */
    public synchronized long busyNanos() {
        return byWorker.values().stream().mapToLong(totals -> totals.busyNanos).sum();
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

        Row row(Worker worker) {
            return new Row(worker, jobs, points.value(), busyNanos);
        }
    }
}
