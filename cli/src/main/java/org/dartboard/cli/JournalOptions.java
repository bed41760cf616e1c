package org.dartboard.cli;

import java.nio.file.Path;
import java.util.List;
import org.dartboard.run.Estimation;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --journal}, {@code --no-journal} and {@code --resume}: which journal a run keeps, or which journal's
 * run it finishes. What a journal is and when a run keeps one unasked is the library's policy; this only maps
 * the options onto it.
 */
final class JournalOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Record every counted job in FILE, a new file, so that a run that is killed (kill -9"
                    + " included), stopped or failed can be finished with --resume FILE. Default: runs of "
                    + JournalDefaults.THRESHOLD_TEXT + " points or more keep a journal in"
                    + " $XDG_STATE_HOME/dartboard/journals (else ~/.local/state/dartboard/journals), deleted once the"
                    + " run completes; the report names it.")
    private Path journalFile;

    @Option(names = "--no-journal", description = "Keep no journal, even for a run of " + JournalDefaults.THRESHOLD_TEXT
            + " points or more.")
    private boolean noJournal;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Finish the run whose journal is FILE: the plan (seed, sizes) comes from the journal, the"
                    + " jobs it holds are not run again, and this run appends to it, so it can be resumed again. The"
                    + " count equals an uninterrupted run's. Other options (--nodes, --threads, --format, ...) may be"
                    + " given anew. A journal that holds every job just prints its result.")
    private Path resumeFile;

    /** The new journal of --journal, or null; once {@link #validate()}d, null also when resuming. */
    Path newJournalFile() {
        return journalFile;
    }

    /** The journal to resume, or null for a new run. */
    Path resumeFile() {
        return resumeFile;
    }

    /**
     * Checks the options, from the command line or the settings file. When resuming, the journal holds the plan
     * and is the journal: the settings file's journal choice does not apply.
     */
    void validate() {
        if (resumeFile != null) {
            for (String option : List.of("--journal", "--no-journal")) {
                if (typed(option)) {
                    throw usage("--resume FILE carries on writing the journal FILE: " + option
                            + " cannot be combined with it");
                }
            }
            journalFile = null;
            noJournal = false;
        } else if (journalFile != null && noJournal) {
            // As for the sizes: the command line replaces the settings file.
            if (typed("--journal") && !typed("--no-journal")) {
                noJournal = false;
            } else if (typed("--no-journal") && !typed("--journal")) {
                journalFile = null;
            } else {
                throw usage("--journal and --no-journal cannot be combined: give one of them, or neither for the"
                        + " default");
            }
        }
    }

    /** Gives the estimation its journal: the one of --journal, or the default ones unless --no-journal. */
    void applyTo(Estimation.Builder estimation, JournalDefaults defaults) {
        if (journalFile != null) {
            estimation.journal(journalFile);
        } else if (!noJournal) {
            estimation.defaultJournals(defaults.directory(), defaults.fromPoints());
        }
    }

    private boolean typed(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
