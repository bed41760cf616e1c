package org.dartboard.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;

/**
 * Reads a journal back and verifies it (see {@link JournalFormat}): the header must be ours and intact;
 * records are checked one by one, and a bad record followed only by bad ones is a cut-off end, dropped and
 * reported in {@link JournalContents#droppedBytes}, while a bad record followed by a good one is damage in
 * the middle and refuses the whole file. Used to look into a journal and, by {@link JournalWriter#resume},
 * to carry one on.
 */
final class JournalReader {

    private static final int READ_RECORDS = 4096;
    private static final int HEADER_READ_BYTES = 1024;

    private JournalReader() {
    }

    /** Where verification leaves a journal: its contents, where the intact part ends, and the header's checksum. */
    record Verified(JournalContents contents, long intactLength, int headerChecksum) {
    }

    /** Reads and verifies a journal without writing to it. */
    static JournalContents read(Path file) throws IOException {
        try (FileChannel channel = JournalChannels.open(file, StandardOpenOption.READ)) {
            return verify(channel, file).contents();
        }
    }

    /** Verifies the whole of an open journal; {@code file} names it in the messages. */
    static Verified verify(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size == 0) {
            throw new JournalException("'" + file + "' is not a dartboard journal: it is empty");
        }
        JournalFormat.Header header = readHeader(channel, file, size);
        JobPlan plan = header.plan();
        Tally tally = new Tally(plan);
        CRC32C crc = new CRC32C();
        byte[] chunk = new byte[JournalFormat.RECORD_BYTES * READ_RECORDS];
        long firstBad = -1;
        long position = header.length();
        while (size - position >= JournalFormat.RECORD_BYTES) {
            int records = (int) Math.min(READ_RECORDS, (size - position) / JournalFormat.RECORD_BYTES);
            ByteBuffer into = ByteBuffer.wrap(chunk, 0, records * JournalFormat.RECORD_BYTES);
            JournalChannels.readFully(channel, into, position);
            for (int offset = 0; offset < into.position(); offset += JournalFormat.RECORD_BYTES) {
                boolean intact = JournalFormat.recordIntact(chunk, offset, header.checksum(), crc)
                        && countAndCheck(plan, tally, chunk, offset);
                if (!intact && firstBad < 0) {
                    firstBad = position + offset;
                } else if (intact && firstBad >= 0) {
                    throw new JournalException("'" + file + "' is damaged at byte " + firstBad + " (record "
                            + ((firstBad - header.length()) / JournalFormat.RECORD_BYTES + 1) + "), and intact"
                            + " records follow, so it is not just cut off at the end; it cannot be resumed safely");
                }
            }
            position += into.position();
        }
        long intactLength = firstBad >= 0 ? firstBad : position;
        JournalContents contents = new JournalContents(file, plan, header.writtenBy(), tally, size - intactLength);
        return new Verified(contents, intactLength, header.checksum());
    }

    private static JournalFormat.Header readHeader(FileChannel channel, Path file, long size) throws IOException {
        ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, HEADER_READ_BYTES));
        JournalChannels.readFully(channel, start, 0);
        start.flip();
        try {
            return JournalFormat.readHeader(start);
        } catch (JournalFormat.BadHeader bad) {
            throw new JournalException("'" + file + "' is not a dartboard journal: " + bad.getMessage());
        }
    }

    /**
     * Counts a record whose checksum is right, unless it cannot belong to the plan: then it is treated as
     * damaged. A second record of the same job is harmless (both hold the job's one true count).
     */
    private static boolean countAndCheck(JobPlan plan, Tally tally, byte[] chunk, int offset) {
        long jobId = JournalFormat.recordJobId(chunk, offset);
        long inside = JournalFormat.recordInside(chunk, offset);
        if (jobId < 0 || jobId >= plan.jobs()) {
            return false;
        }
        long points = plan.job(jobId).points();
        if (inside < 0 || inside > points) {
            return false;
        }
        tally.add(new JobResult(jobId, points, inside, "journal", 0, 0));
        return true;
    }
}
