package org.dartboard.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
    /** The first write that failed (a full disk, /dev/full), after which nothing more is tried. */
    private IOException failure;

    /** A log to be written to {@code file}; nothing is written before {@link #open()} or the run's start. */
    JobsLog(Path file) {
        this.file = file;
    }

    /**
     * Creates (or replaces) the log with its header line.
     *
     * @throws IOException when the file cannot be written
     */
    JobsLog open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.newLine();
        return this;
    }

    /**
     * Creates the log when the run starts: its nodes answered and its journal exists, so a run refused before
     * then leaves an earlier log as it was. The file was checked before anything started; one that cannot be
     * created now (its folder removed since) is a problem of the log, not a reason to stop the run.
     */
    @Override
    public void started(Start start) {
        if (out != null || failure != null) {
            return;
        }
        try {
            open();
        } catch (IOException unwritable) {
            failed(unwritable);
        }
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
            failed(unwritable);
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
            if (failure == null) {
                failure = unwritable;
            }
        }
        out = null;
    }

    /**
     * Why the log is incomplete, once: "cannot write the jobs log FILE: No space left on device"; empty when
     * every line was written.
     */
    Optional<String> problem() {
        return Optional.ofNullable(failure)
                .map(failed -> "cannot write the jobs log " + file + ": " + IoProblem.words(failed));
    }

    private void write(String line) {
        if (out == null) {
            return;
        }
        try {
            out.write(line);
            out.newLine();
        } catch (IOException unwritable) {
            failed(unwritable);
        }
    }

    /** Keeps the first failure and stops writing: a full disk would fail every line after it the same way. */
    private void failed(IOException unwritable) {
        if (failure == null) {
            failure = unwritable;
        }
        BufferedWriter broken = out;
        out = null;
        if (broken != null) {
            try {
                broken.close();
            } catch (IOException alsoUnwritable) {
                // The buffer's last lines cannot reach the disk either; the first failure says why.
            }
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
