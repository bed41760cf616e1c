package org.dartboard.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.dartboard.core.JobPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which journal a session keeps, and what becomes of it: the one it resumes, the new one it was given (never
 * over an existing file), or a default one for a long run, deleted once the run completes. The rules of
 * {@link Session} that are about journals only.
 */
final class JournalPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(JournalPolicy.class);

    private final Path given;
    private final DefaultJournals defaults;
    private final ResumedJournal resumed;

    /**
     * @param given the new journal the run was given, or null
     * @param defaults where long runs keep a journal unasked, or null for never
     * @param resumed the journal the run carries on, or null for a new run
     */
    JournalPolicy(Path given, DefaultJournals defaults, ResumedJournal resumed) {
        this.given = given;
        this.defaults = defaults;
        this.resumed = resumed;
    }

    /** Opens a journal to resume; one that cannot be resumed is an invalid setting, saying why. */
    static ResumedJournal resume(Path file) {
        try {
            return JournalWriter.resume(file);
        } catch (IOException cannot) {
            throw new InvalidSettingException("resume", cannot.getMessage());
        }
    }

    /** A new journal never overwrites a file, and a journal of this very plan is pointed out. */
    static void checkNew(Path file, JobPlan plan) {
        if (Files.exists(file)) {
            JobPlan journalled;
            try {
                journalled = JournalReader.read(file).plan();
            } catch (IOException notAJournal) {
                throw new InvalidSettingException("journal", "'" + file + "' exists, and a journal never overwrites"
                        + " a file: give a new one");
            }
            if (journalled.equals(plan)) {
                // The option only, not a command: the library cannot know what started it (./dartboard,
                // bin/dartboard, java -jar, a program of the user's), and a wrong command fails when pasted.
                throw new InvalidSettingException("journal", "'" + file + "' is already the journal of this plan:"
                        + " carry it on with --resume " + file + ", or give a new file");
            }
            throw new InvalidSettingException("journal", "'" + file + "' is the journal of another plan ("
                    + describe(journalled) + "), and a journal never overwrites a file: give a new one");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidSettingException("journal", "cannot create '" + file + "': no such folder");
        }
    }

    /**
     * The journal of the run: the resumed one, the one it was given, or a default one for a long run; null
     * for none. A default journal that cannot be created is not worth stopping the run for.
     *
     * @throws UncheckedIOException when the given journal cannot be created after all (the disk filled up
     *     since the settings were checked)
     */
    JournalWriter open(JobPlan plan) {
        if (resumed != null) {
            return resumed.journal();
        }
        if (given != null) {
            try {
                return JournalWriter.create(given, plan, DartboardVersion.current());
            } catch (IOException cannot) {
                throw new UncheckedIOException(cannot.getMessage(), cannot);
            }
        }
        if (defaults == null || !defaults.keepsJournal(plan)) {
            return null;
        }
        try {
            return JournalWriter.create(defaults.newFile(plan, Instant.now()), plan, DartboardVersion.current());
        } catch (IOException cannot) {
            LOG.warn("This run keeps no journal: {}", cannot.getMessage());
            return null;
        }
    }

    /** What the reports say of a journal this policy opened. */
    RunOutcome.JournalInfo info(JournalWriter journal) {
        if (resumed != null) {
            JournalContents contents = resumed.contents();
            return new RunOutcome.JournalInfo(journal.file(), true, isDefault(journal.file()), contents.writtenBy(),
                    contents.droppedBytes());
        }
        return new RunOutcome.JournalInfo(journal.file(), false, given == null, DartboardVersion.current(), 0);
    }

    /** Makes the journal durable, and deletes a default journal once its run is complete: it served its purpose. */
    void finish(JournalWriter journal, RunOutcome outcome) {
        // Durable before anyone is told how to resume from it.
        journal.close();
        if (outcome.isComplete() && info(journal).deletedWhenComplete()) {
            delete(journal.file());
        }
    }

    private boolean isDefault(Path file) {
        return defaults != null && defaults.holds(file);
    }

    private static void delete(Path completeJournal) {
        try {
            Files.deleteIfExists(completeJournal);
        } catch (IOException cannot) {
            LOG.warn("Cannot delete the complete journal {}: {}", completeJournal, cannot.getMessage());
        }
    }

    private static String describe(JobPlan plan) {
        return "seed " + Long.toUnsignedString(plan.seed()) + ", " + plan.jobs() + " jobs of "
                + (plan.isUniform() ? "" : "up to ") + plan.pointsPerJob() + " points, " + plan.totalPoints()
                + " points in all";
    }
}
