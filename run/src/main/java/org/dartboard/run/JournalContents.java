package org.dartboard.run;

import java.nio.file.Path;
import org.dartboard.core.JobPlan;

/**
 * What a journal file holds, read back and verified.
 *
 * @param file where it was read from
 * @param plan the plan of its run
 * @param writtenBy the dartboard version that began it, for information
 * @param tally the jobs it records as counted, ready to be handed to a resuming {@link Run}
 * @param droppedBytes bytes of a cut-off last record (or records) that were left out: their jobs run again
 */
record JournalContents(Path file, JobPlan plan, String writtenBy, Tally tally, long droppedBytes) {

    /** Whether every job of the plan is in the journal. */
    boolean isComplete() {
        return tally.count().jobs() == plan.jobs();
    }
}
