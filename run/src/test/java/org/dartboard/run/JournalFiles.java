package org.dartboard.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.Kernel;

/**
 * Journal files for the tests of other modules (the command line's resume tests), which must make journals
 * of given jobs and look into them, while the journal itself is the run module's own business. Shipped in
 * this module's test jar only: a test fixture, not an API.
 */
public final class JournalFiles {

    private JournalFiles() {
    }

    /** What a journal file holds, read back and verified. */
    public record Contents(JobPlan plan, long jobs, BigInteger inside, boolean complete, long droppedBytes,
            String writtenBy) {
    }

    /** Reads and verifies a journal without writing to it. */
    public static Contents read(Path file) {
        try {
            JournalContents contents = JournalReader.read(file);
            var count = contents.tally().count();
            return new Contents(contents.plan(), count.jobs(), count.inside(), contents.isComplete(),
                    contents.droppedBytes(), contents.writtenBy());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** A new journal of the plan, begun by {@code version}, holding the exact counts of these jobs. */
    public static Path write(Path file, JobPlan plan, String version, LongStream jobIds) {
        Kernel kernel = Kernel.scalar();
        try (JournalWriter journal = JournalWriter.create(file, plan, version)) {
            jobIds.forEach(id -> journal.jobCounted(new JobResult(id, plan.job(id).points(),
                    kernel.countInside(plan.job(id)), "test", 0, 0), null));
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
        return file;
    }

    /** Opens the journal as a resuming run does, holding its lock until closed. */
    public static AutoCloseable holdOpen(Path file) {
        try {
            JournalWriter journal = JournalWriter.resume(file).journal();
            return journal::close;
        } catch (IOException unusable) {
            throw new UncheckedIOException(unusable);
        }
    }
}
