package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
 * Reading a journal back: what is written reads back the same; a cut-off end is dropped wherever the cut
 * falls; damage in the middle or a foreign file is refused with a message naming the file.
 */
class JournalReaderTest {

    private static final JobPlan PLAN = JobPlan.of(1_000, 50, 0xDA27_B0A2DL);
    private static final int RECORDS = 12;

    private final Kernel kernel = Kernel.scalar();

    @TempDir
    Path folder;

    @Test
    void readsBackThePlanAndEveryRecord() throws IOException {
        Path file = folder.resolve("run.journal");
        List<Long> ids = List.of(3L, 0L, 1L, 2L, 7L, 4L, 49L);
        try (JournalWriter journal = JournalWriter.create(file, PLAN, "1.2.3")) {
            ids.forEach(id -> record(journal, id));
        }

        JournalContents contents = JournalReader.read(file);

        assertThat(contents.plan()).isEqualTo(PLAN);
        assertThat(contents.writtenBy()).isEqualTo("1.2.3");
        assertThat(contents.droppedBytes()).isZero();
        assertThat(contents.isComplete()).isFalse();
        assertThat(contents.tally().count()).isEqualTo(exactCount(ids));
        assertThat(LongStream.range(0, PLAN.jobs()).filter(contents.tally()::isCounted).boxed().toList())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).startsWith("dartboard journal\n");
    }

    /** The largest total (2^64 points, every index of the stream) and a shorter last job survive the trip. */
    @Test
    void keepsAPlanOfTheLargestTotalAndAShortLastJob() throws IOException {
        JobPlan largest = new JobPlan(-1, JobPlan.MAX_TOTAL_POINTS, Long.MAX_VALUE - 6);
        Path file = folder.resolve("largest.journal");
        try (JournalWriter journal = JournalWriter.create(file, largest, "x")) {
            journal.append(2, 1);
        }

        JournalContents contents = JournalReader.read(file);

        assertThat(contents.plan()).isEqualTo(largest);
        assertThat(contents.plan().jobs()).isEqualTo(3);
        assertThat(contents.tally().isCounted(2)).isTrue();
        assertThat(contents.tally().count().points()).isEqualTo(BigInteger.valueOf(largest.job(2).points()));
    }

    @Test
    void aJournalOfEveryJobIsComplete() throws IOException {
        Path file = folder.resolve("complete.journal");
        try (JournalWriter journal = JournalWriter.create(file, PLAN, "x")) {
            LongStream.range(0, PLAN.jobs()).forEach(id -> record(journal, id));
        }

        assertThat(JournalReader.read(file).isComplete()).isTrue();
        assertThat(JournalReader.read(file).tally().count())
                .isEqualTo(exactCount(LongStream.range(0, PLAN.jobs()).boxed().toList()));
    }

    /** kill -9, a full disk or a power cut may leave any prefix of the file: every one is handled. */
    @Test
    void dropsACutOffEndWhereverTheCutFalls() throws IOException {
        byte[] whole = journalOfRecords(RECORDS);
        int headerLength = whole.length - RECORDS * JournalFormat.RECORD_BYTES;

        for (int length = 0; length <= whole.length; length++) {
            Path cut = folder.resolve("cut-" + length + ".journal");
            Files.write(cut, Arrays.copyOf(whole, length));
            if (length < headerLength) {
                assertThatThrownBy(() -> JournalReader.read(cut)).as("cut at byte %d, inside the header", length)
                        .isInstanceOf(JournalException.class)
                        .hasMessageContaining(cut.toString()).hasMessageContaining("not a dartboard journal");
                continue;
            }
            int intactRecords = (length - headerLength) / JournalFormat.RECORD_BYTES;
            JournalContents contents = JournalReader.read(cut);
            assertThat(contents.tally().count()).as("cut at byte %d", length)
                    .isEqualTo(exactCount(LongStream.range(0, intactRecords).boxed().toList()));
            assertThat(contents.droppedBytes()).isEqualTo((length - headerLength) % JournalFormat.RECORD_BYTES);
        }
    }

    /** A last record whose bytes are wrong, or a tail of zeros (a file system's unwritten blocks), is a cut-off end. */
    @Test
    void dropsADamagedLastRecordAndATailOfZeros() throws IOException {
        byte[] whole = journalOfRecords(RECORDS);
        byte[] damagedLast = whole.clone();
        damagedLast[whole.length - 7] ^= 0x10;
        Path file = folder.resolve("last.journal");
        Files.write(file, damagedLast);

        assertThat(JournalReader.read(file).tally().count().jobs()).isEqualTo(RECORDS - 1);
        assertThat(JournalReader.read(file).droppedBytes()).isEqualTo(JournalFormat.RECORD_BYTES);

        Path zeros = folder.resolve("zeros.journal");
        Files.write(zeros, Arrays.copyOf(whole, whole.length + 5 * JournalFormat.RECORD_BYTES + 3));
        assertThat(JournalReader.read(zeros).tally().count().jobs()).isEqualTo(RECORDS);
        assertThat(JournalReader.read(zeros).droppedBytes()).isEqualTo(5 * JournalFormat.RECORD_BYTES + 3);
    }

    @Test
    void refusesDamageInTheMiddleAtEveryByteOfARecord() throws IOException {
        byte[] whole = journalOfRecords(RECORDS);
        int headerLength = whole.length - RECORDS * JournalFormat.RECORD_BYTES;
        int fifthRecord = headerLength + 4 * JournalFormat.RECORD_BYTES;

        for (int offset = fifthRecord; offset < fifthRecord + JournalFormat.RECORD_BYTES; offset++) {
            byte[] damaged = whole.clone();
            damaged[offset] ^= 0x01;
            Path file = folder.resolve("middle-" + offset + ".journal");
            Files.write(file, damaged);

            assertThatThrownBy(() -> JournalReader.read(file)).as("byte %d flipped", offset)
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("damaged at byte " + fifthRecord + " (record 5)")
                    .hasMessageContaining("cannot be resumed");
        }
    }

    @Test
    void refusesADamagedHeader() throws IOException {
        byte[] whole = journalOfRecords(2);
        byte[] damaged = whole.clone();
        damaged[JournalFormat.MAGIC.length + 5] ^= 0x01;
        Path file = folder.resolve("header.journal");
        Files.write(file, damaged);

        assertThatThrownBy(() -> JournalReader.read(file)).isInstanceOf(JournalException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("header is damaged");
    }

    @Test
    void refusesWhatIsNotAJournal() throws IOException {
        Path text = folder.resolve("notes.txt");
        Files.writeString(text, "job,worker,points,inside,start,end,attempts\n0,local-1,1,1,x,y,1\n");
        Path empty = Files.createFile(folder.resolve("empty.journal"));

        assertThatThrownBy(() -> JournalReader.read(text)).isInstanceOf(JournalException.class)
                .hasMessage("'" + text + "' is not a dartboard journal: it does not start with 'dartboard journal'");
        assertThatThrownBy(() -> JournalReader.read(empty)).isInstanceOf(JournalException.class)
                .hasMessage("'" + empty + "' is not a dartboard journal: it is empty");
        assertThatThrownBy(() -> JournalReader.read(folder.resolve("missing.journal")))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("no such file").hasMessageContaining("missing.journal");
        assertThatThrownBy(() -> JournalWriter.resume(folder)).isInstanceOf(JournalException.class)
                .hasMessageContaining(folder.toString());
    }

    @Test
    void refusesAnotherFormat() throws IOException {
        byte[] later = journalOfRecords(1);
        later[JournalFormat.MAGIC.length + 1] = 3;
        Path file = folder.resolve("later.journal");
        Files.write(file, later);

        assertThatThrownBy(() -> JournalReader.read(file)).isInstanceOf(JournalException.class)
                .hasMessageContaining("format 3").hasMessageContaining("formats 1 and 2 only");
    }

    /** Records carry their journal's header checksum: moved into another plan's journal, they count for nothing. */
    @Test
    void recordsOfAnotherPlanDoNotVerify() throws IOException {
        byte[] ours = journalOfRecords(3);
        JobPlan other = JobPlan.of(1_000, 50, 12345);
        Path otherFile = folder.resolve("other.journal");
        try (JournalWriter journal = JournalWriter.create(otherFile, other, "x")) {
            LongStream.range(0, RECORDS).forEach(id -> journal.append(id, 0));
        }
        byte[] theirs = Files.readAllBytes(otherFile);
        int theirHeader = theirs.length - RECORDS * JournalFormat.RECORD_BYTES;
        byte[] spliced = Arrays.copyOf(ours, ours.length + RECORDS * JournalFormat.RECORD_BYTES);
        System.arraycopy(theirs, theirHeader, spliced, ours.length, RECORDS * JournalFormat.RECORD_BYTES);
        Path file = folder.resolve("spliced.journal");
        Files.write(file, spliced);

        JournalContents contents = JournalReader.read(file);

        assertThat(contents.tally().count().jobs()).isEqualTo(3);
        assertThat(contents.droppedBytes()).isEqualTo(RECORDS * JournalFormat.RECORD_BYTES);
    }

    /** A checksum that happens to match cannot smuggle in a job the plan does not have. */
    @Test
    void refusesARecordOutsideThePlanFollowedByGoodOnes() throws IOException {
        Path file = folder.resolve("outside.journal");
        try (JournalWriter journal = JournalWriter.create(file, PLAN, "x")) {
            record(journal, 0);
            journal.append(PLAN.jobs(), 1);
            record(journal, 1);
        }

        assertThatThrownBy(() -> JournalReader.read(file)).isInstanceOf(JournalException.class)
                .hasMessageContaining("(record 2)");
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

    private Count exactCount(List<Long> ids) {
        Tally tally = new Tally();
        for (long id : ids) {
            JobSpec job = PLAN.job(id);
            tally.add(new JobResult(id, job.points(), kernel.countInside(job), "t", 0, 0));
        }
        return tally.count();
    }
}
