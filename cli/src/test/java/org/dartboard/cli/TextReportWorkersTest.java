package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.dartboard.run.RunOutcome.WorkerRow;
import org.dartboard.run.Worker;
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
        List<WorkerRow> rows = List.of(row(STEADY, false), row(RESTARTED, true), row(GONE, true));

        String report = report(rows);

        assertThat(stateOf(report, STEADY)).isEqualTo("up");
        assertThat(stateOf(report, RESTARTED)).isEqualTo("up (lost during the run, then back)");
        assertThat(stateOf(report, GONE)).isEqualTo("lost");
        assertThat(report).contains("busy 0.00 s");
    }

    private static WorkerRow row(Worker worker, boolean lostDuringRun) {
        return new WorkerRow(worker, 1, BigInteger.valueOf(1000), 1_000_000, lostDuringRun);
    }

    private static String report(List<WorkerRow> rows) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        new TextReport(out, new Report.Context("test", null, true, file -> "")).printWorkers(rows,
                Duration.ofMillis(5));
        out.flush();
        return text.toString();
    }

    /** The last column of the worker's line in the table: columns are parted by two spaces or more. */
    private static String stateOf(String report, Worker worker) {
        String line = report.lines().filter(l -> l.startsWith("  " + worker.name() + " ")).findFirst().orElseThrow();
        String[] columns = line.trim().split(" {2,}");
        return columns[columns.length - 1];
    }
}
