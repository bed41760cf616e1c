package org.dartboard.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.dartboard.core.Count;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.JobLostException;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;

/**
 * {@code --jobs-log FILE.csv}: one line per counted job, written as results arrive, so a long run's log
 * can be followed with {@code tail -f} and read by any spreadsheet. Memory does not grow with the jobs:
 * only the attempt numbers of jobs being re-run are kept.
 *
 * <p>Columns: {@code job,worker,points,inside,start,end,attempts}; start and end are UTC instants with
 * milliseconds, end being start plus the worker's busy time.
 */
final class JobsLog implements RunListener, AutoCloseable {

    static final String HEADER = "job,worker,points,inside,start,end,attempts";

    private final Path file;
    private final BufferedWriter out;
    private final Map<Long, Integer> attemptsOfRetried = new HashMap<>();

    private JobsLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Creates (or replaces) the log with its header line.
     *
     * @throws IOException when the file cannot be written
     */
    static JobsLog create(Path file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.newLine();
        return new JobsLog(file, out);
    }

    @Override
    public void jobRetried(JobSpec job, int attempt, JobLostException cause) {
        runAgain(job);
    }

    @Override
    public void jobRunAgainByFarm(JobSpec job) {
        runAgain(job);
    }

    /** Sent again by the run or re-run by the cluster's failover: either way one more attempt. */
    private void runAgain(JobSpec job) {
        attemptsOfRetried.merge(job.id(), 2, (attempts, first) -> attempts + 1);
    }

    @Override
    public void jobCounted(JobResult result, Count count) {
        Integer retried = attemptsOfRetried.remove(result.jobId());
        int attempts = retried == null ? 1 : retried;
        long endMillis = result.startedAtMillis() + result.busyNanos() / 1_000_000;
        write(result.jobId() + "," + quoted(result.worker()) + "," + Long.toUnsignedString(result.points()) + ","
                + Long.toUnsignedString(result.inside()) + "," + Instant.ofEpochMilli(result.startedAtMillis()) + ","
                + Instant.ofEpochMilli(endMillis) + "," + attempts);
    }

    @Override
    public void finished(RunOutcome outcome) {
        try {
            out.flush();
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write the jobs log " + file, unwritable);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot finish the jobs log " + file, unwritable);
        }
    }

    private void write(String line) {
        try {
            out.write(line);
            out.newLine();
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write the jobs log " + file, unwritable);
        }
    }

    /** Worker names are ours (threads, ADDRESS:PORT, --name), but a node's name may hold a comma or quote. */
    private static String quoted(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
