package org.dartboard.run;

/**
 * A journal opened to carry on its run: what it holds, and the journal itself, ready to append this
 * run's records after the last intact one.
 *
 * @param journal the open journal, a listener of the resuming run
 * @param contents its plan and the jobs counted so far
 */
record ResumedJournal(JournalWriter journal, JournalContents contents) {
}
