package org.dartboard.cli;

import java.nio.file.Path;
import java.util.function.Function;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;

/** What the run command prints: the plan when the run starts, the result when it ends. */
interface Report {

    /** The run is about to start: its plan, farm, kernel and journal are known. */
    void started(RunListener.Start start);

    /**
     * @param digits significant digits of the exact value
     * @param interrupted whether a signal stopped the run
     */
    void finished(RunOutcome outcome, int digits, boolean interrupted);

    /**
     * What every report says besides the run's own figures.
     *
     * @param version this dartboard's version
     * @param settingsFile the settings file read and how it was found; null for none
     * @param seedGiven whether the seed was given (a resumed run's comes from its journal)
     * @param resumeCommand the command that carries on the run of a journal
     */
    record Context(String version, String settingsFile, boolean seedGiven, Function<Path, String> resumeCommand) {
    }
}
