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

    /** A node's name is an identity; which machine it is, the address says. */
    @Test
    void eachWorkerShowsItsAddressUnderTheAddressHeading() {
        String report = report(List.of(row(STEADY, false), row(GONE, true)));

        List<String> lines = report.lines().filter(line -> !line.isBlank()).toList();
        int column = lines.get(0).indexOf("address");
        assertThat(column).as(report).isPositive();
        assertThat(lines.get(1).substring(column)).startsWith("127.0.0.2 ");
        assertThat(lines.get(2).substring(column)).startsWith("127.0.0.4 ");
    }

    /** A table of local threads, the most common one, fits an 80-column terminal. */
    @Test
    void theTableOfLocalThreadsFitsEightyColumns() {
        Worker thread = new Worker("local-1", "local", 1, false);
        String report = report(List.of(new WorkerRow(thread, 123_456_789, BigInteger.TEN.pow(12), 98_765_432_100_000L,
                false)));

        assertThat(report.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    /** Too narrow a terminal loses the columns the others imply: seconds per job, then the busy time. */
    @Test
    void aNarrowTerminalGetsTheTableWithoutTheColumnsTheOthersImply() {
        List<WorkerRow> rows = List.of(row(new Worker("local-1", "local", 1, false), false),
                row(new Worker("local-2", "local", 1, false), false));

        String wide = report(rows, new Screen(80, false));
        assertThat(wide).contains("s/job", "busy s", "points/s");
        String narrow = report(rows, new Screen(60, false));
        assertThat(narrow).doesNotContain("s/job").contains("busy s", "points/s", "address");
        assertThat(narrow.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(60));
        assertThat(stateOf(narrow, rows.get(0).worker())).isEqualTo("up");
        assertThat(report(rows, Screen.PLAIN)).as("a pipe: the whole table").isEqualTo(report(rows));
    }

    private static WorkerRow row(Worker worker, boolean lostDuringRun) {
        return new WorkerRow(worker, 1, BigInteger.valueOf(1000), 1_000_000, lostDuringRun);
    }

    private static String report(List<WorkerRow> rows) {
        return report(rows, new Screen(0, false));
    }

    private static String report(List<WorkerRow> rows, Screen screen) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        new TextReport(out, new Report.Context("test", null, true, file -> ""), screen).printWorkers(rows,
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
