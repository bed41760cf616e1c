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
    private final Map<Long, Integer> attemptsOfRetried = new HashMap<>();
    private BufferedWriter out;

    /** A log to be written to {@code file}; nothing is written before {@link #open()}. */
    JobsLog(Path file) {
        this.file = file;
    }

    /**
     * Creates (or replaces) the log with its header line: once every setting of the run is checked, so that a
     * run refused for another reason leaves an earlier log as it was.
     *
     * @throws IOException when the file cannot be written
     */
    JobsLog open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.newLine();
        return this;
    }

    /** Sent again by the run or re-run by the cluster's failover: either way one more attempt. */
    @Override
    public void jobRetried(JobSpec job, int attempt, String reason) {
        attemptsOfRetried.merge(job.id(), attempt, Math::max);
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
        if (out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write the jobs log " + file, unwritable);
        }
    }

    @Override
    public void close() {
        if (out == null) {
            return;
        }
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
