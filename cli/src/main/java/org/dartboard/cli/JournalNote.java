package org.dartboard.cli;

import java.nio.file.Path;
import org.dartboard.core.Count;

/**
 * What the reports say about a run's journal.
 *
 * @param file the journal file, as the user named it or as dartboard chose it
 * @param deletedWhenComplete whether it is a default journal, deleted once its run completes
 * @param resumed whether this run carries on the run of an existing journal
 * @param countedBefore the jobs the journal held when this run began
 * @param writtenBy the dartboard version that began the journal
 * @param droppedBytes bytes of a cut-off end that were left out when it was read
 * @param resumeCommand the command that carries on this run if it does not complete
 */
record JournalNote(Path file, boolean deletedWhenComplete, boolean resumed, Count countedBefore, String writtenBy,
        long droppedBytes, String resumeCommand) {
}
