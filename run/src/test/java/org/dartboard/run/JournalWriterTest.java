package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing a journal: a new one never overwrites a file, a resumed one carries on after its last intact
 * record, one run at a time holds it, and records reach the operating system and the disk while the run
 * goes on. Time is moved on by hand ({@link ManualJournalTimer}), never waited for.
 */
class JournalWriterTest {

    private static final JobPlan PLAN = JobPlan.of(1_000, 50, 0xDA27_B0A2DL);
    private static final int RECORDS = 12;

    private final Kernel kernel = Kernel.scalar();

    @TempDir
    Path folder;

    @Test
    void resumingDropsTheCutOffEndAndAppendsAfterTheLastIntactRecord() throws IOException {
        byte[] whole = journalOfRecords(RECORDS);
        Path file = folder.resolve("resumed.journal");
        Files.write(file, Arrays.copyOf(whole, whole.length - 9));

        ResumedJournal resumed = JournalWriter.resume(file);
        try (JournalWriter journal = resumed.journal()) {
            assertThat(resumed.contents().tally().count().jobs()).isEqualTo(RECORDS - 1);
            assertThat(resumed.contents().droppedBytes()).isEqualTo(JournalFormat.RECORD_BYTES - 9);
            LongStream.range(RECORDS - 1, PLAN.jobs()).forEach(id -> record(journal, id));
        }

        JournalContents contents = JournalReader.read(file);
        assertThat(contents.droppedBytes()).isZero();
        assertThat(contents.isComplete()).isTrue();
        assertThat(contents.tally().count()).isEqualTo(exactCount(LongStream.range(0, PLAN.jobs()).boxed().toList()));
    }

    @Test
    void oneRunAtATimeWritesAJournal() throws IOException {
        Path file = folder.resolve("busy.journal");
        try (JournalWriter journal = JournalWriter.create(file, PLAN, "x")) {
            assertThatThrownBy(() -> JournalWriter.resume(file)).isInstanceOf(JournalException.class)
                    .hasMessage("'" + file + "' is in use by another dartboard run");
        }
        JournalWriter.resume(file).journal().close();
    }

    @Test
    void neverOverwritesAFile() throws IOException {
        Path file = Files.writeString(folder.resolve("precious.txt"), "keep me");

        assertThatThrownBy(() -> JournalWriter.create(file, PLAN, "x")).isInstanceOf(JournalException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("exists already");
        assertThat(Files.readString(file)).isEqualTo("keep me");
        assertThatThrownBy(() -> JournalWriter.create(folder.resolve("no/such/folder.journal"), PLAN, "x"))
                .isInstanceOf(JournalException.class).hasMessageContaining("no such folder");
    }

    /** What a kill -9 cannot take: records handed to the operating system, by flush() or by the flush timer. */
    @Test
    void recordsReachTheFileBeforeTheJournalIsClosed() throws Exception {
        Path file = folder.resolve("open.journal");
        ManualJournalTimer timer = new ManualJournalTimer();
        try (JournalWriter journal = JournalWriter.create(file, PLAN, "x", timer)) {
            record(journal, 0);
            journal.flush();
            assertThat(jobsIn(file)).isEqualTo(1);

            record(journal, 1);
            timer.advance(JournalWriter.FLUSH_MILLIS - 1);
            assertThat(jobsIn(file)).as("in memory until the flush interval is up").isEqualTo(1);
            timer.advance(1);
            assertThat(jobsIn(file)).as("written by the flush timer alone").isEqualTo(2);
        }
    }

    /** What a power cut cannot take: written records are synced to the disk while the run goes on, not only at its end. */
    @Test
    void writtenRecordsAreSyncedToDiskWhileTheRunGoesOn() throws Exception {
        Path file = folder.resolve("synced.journal");
        ManualJournalTimer timer = new ManualJournalTimer();
        try (JournalWriter journal = JournalWriter.create(file, PLAN, "x", timer)) {
            timer.advance(JournalWriter.SYNC_MILLIS);
            assertThat(journal.syncs()).as("nothing written, nothing to sync").isZero();

            record(journal, 0);
            timer.advance(JournalWriter.SYNC_MILLIS - 1);
            assertThat(jobsIn(file)).as("flushed meanwhile").isEqualTo(1);
            assertThat(journal.syncs()).as("not synced before the sync interval is up").isZero();
            timer.advance(1);
            assertThat(journal.syncs()).as("synced by the sync timer").isEqualTo(1);

            timer.advance(JournalWriter.SYNC_MILLIS * 2);
            assertThat(journal.syncs()).as("nothing new, nothing more to sync").isEqualTo(1);

            record(journal, 1);
            timer.advance(JournalWriter.SYNC_MILLIS);
            assertThat(journal.syncs()).isEqualTo(2);
        }
    }

    /** A full buffer goes to the operating system at once, without waiting for the flush timer. */
    @Test
    void aFullBufferIsWrittenWithoutWaitingForTheTimer() throws IOException {
        JobPlan plan = JobPlan.of(1, JournalWriter.BUFFER_RECORDS + 1, 5);
        Path file = folder.resolve("full.journal");
        ManualJournalTimer timer = new ManualJournalTimer();
        try (JournalWriter journal = JournalWriter.create(file, plan, "x", timer)) {
            for (long id = 0; id < JournalWriter.BUFFER_RECORDS; id++) {
                journal.append(id, 0);
            }
            assertThat(jobsIn(file)).isEqualTo(JournalWriter.BUFFER_RECORDS);

            journal.append(JournalWriter.BUFFER_RECORDS, 1);
            assertThat(jobsIn(file)).as("a record of a new buffer waits for the timer")
                    .isEqualTo(JournalWriter.BUFFER_RECORDS);
        }
        assertThat(jobsIn(file)).as("written at close").isEqualTo(JournalWriter.BUFFER_RECORDS + 1);
    }

    /** A flush or sync still running when the run ends must finish on the open file, not on a closed one. */
    @Test
    void closeStopsTheTimerAndLetsATaskUnderWayFinishFirst() throws IOException {
        Path file = folder.resolve("closing.journal");
        ManualJournalTimer timer = new ManualJournalTimer().withTasksUnderWayAtStop();
        JournalWriter journal = JournalWriter.create(file, PLAN, "x", timer);
        record(journal, 0);
        journal.flush();

        journal.close();

        assertThat(timer.isStopped()).isTrue();
        assertThat(journal.syncs()).as("the sync under way at close reached the disk").isEqualTo(1);
        assertThat(jobsIn(file)).isEqualTo(1);
        // The lock went with the file: another run can take the journal.
        JournalWriter.resume(file, new ManualJournalTimer()).journal().close();
    }

    /** Many more records than the buffer holds, in completion order rather than id order. */
    @Test
    void keepsEveryRecordOfALongRun() throws IOException {
        JobPlan plan = JobPlan.of(1, 100_000, 5);
        Path file = folder.resolve("long.journal");
        Tally expected = new Tally();
        try (JournalWriter journal = JournalWriter.create(file, plan, "x")) {
            for (long id = 0; id < plan.jobs(); id++) {
                long shuffled = id ^ 7;
                if (shuffled < plan.jobs() && shuffled % 1000 != 999) {
                    long inside = kernel.countInside(plan.job(shuffled));
                    journal.append(shuffled, inside);
                    expected.add(new JobResult(shuffled, 1, inside, "t", 0, 0));
                }
            }
        }

        JournalContents contents = JournalReader.read(file);

        assertThat(contents.tally().count()).isEqualTo(expected.count());
        assertThat(contents.tally().isCounted(999)).isFalse();
        assertThat(contents.tally().isCounted(998)).isTrue();
    }

    private byte[] journalOfRecords(int records) throws IOException {
        Path file = folder.resolve("source-" + records + ".journal");
        try (JournalWriter journal = JournalWriter.create(file, PLAN, "0.1.0")) {
            LongStream.range(0, records).forEach(id -> record(journal, id));
        }
        return Files.readAllBytes(file);
    }

    private void record(JournalWriter journal, long id) {
        journal.append(id, kernel.countInside(PLAN.job(id)));
    }

    private static long jobsIn(Path file) throws IOException {
        return JournalReader.read(file).tally().count().jobs();
    }

    private Count exactCount(List<Long> ids) {
        Tally tally = new Tally();
        for (long id : ids) {
            JobSpec job = PLAN.job(id);
            tally.add(new JobResult(id, job.points(), kernel.countInside(job), "t", 0, 0));
        }
        return tally.count();
    }
}
