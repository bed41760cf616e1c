package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.run.RunOutcome;
import org.dartboard.run.Worker;
import org.dartboard.run.WorkerStatistics;
import org.junit.jupiter.api.Test;

/**
 * The workers' table at the end of the text report: each worker's state at the end, and a node that was
 * lost in mid-run and came back is not shown as if nothing had happened.
 */
class TextReportWorkersTest {

    private static final Worker STEADY = new Worker("node-a", "127.0.0.2", 2, false);
    private static final Worker RESTARTED = new Worker("node-b", "127.0.0.3", 2, false);
    private static final Worker GONE = new Worker("node-c", "127.0.0.4", 2, true);

    @Test
    void eachWorkerShowsWhetherItIsUpLostOrBackAfterALoss() {
        WorkerStatistics statistics = new WorkerStatistics();
        statistics.jobCounted(new JobResult(0, 1000, 785, STEADY.name(), 0, 1_000_000), Count.NONE);
        statistics.workerLost(RESTARTED.asLost(), 1);
        statistics.jobCounted(new JobResult(1, 1000, 786, RESTARTED.name(), 0, 1_000_000), Count.NONE);
        statistics.workerLost(GONE.asLost(), 0);

        String report = report(statistics, List.of(STEADY, RESTARTED, GONE));

        assertThat(stateOf(report, STEADY)).isEqualTo("up");
        assertThat(stateOf(report, RESTARTED)).isEqualTo("up (lost during the run, then back)");
        assertThat(stateOf(report, GONE)).isEqualTo("lost");
    }

    private static String report(WorkerStatistics statistics, List<Worker> workersSeen) {
        JobPlan plan = JobPlan.of(1000, 2, 7);
        Count count = new Count(2, BigInteger.valueOf(2000), BigInteger.valueOf(1571));
        RunOutcome outcome = new RunOutcome(plan, count, RunOutcome.Ending.COMPLETE, Optional.empty(),
                Duration.ofMillis(5), 1, "3 nodes", "scalar", 6, 12, workersSeen, Count.NONE);
        StringWriter text = new StringWriter();
        new TextReport(new PrintWriter(text), "test").finished(outcome, true, 10, false, statistics);
        return text.toString();
    }

    /** The last column of the worker's line in the table: columns are parted by two spaces or more. */
    private static String stateOf(String report, Worker worker) {
        String line = report.lines().filter(l -> l.startsWith("  " + worker.name() + " ")).findFirst().orElseThrow();
        String[] columns = line.trim().split(" {2,}");
        return columns[columns.length - 1];
    }
}
