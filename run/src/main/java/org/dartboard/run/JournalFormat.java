package org.dartboard.run;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.dartboard.core.JobPlan;

/**
 * The bytes of a journal file, big-endian throughout.
 *
 * <pre>
 * header   "dartboard journal\n"           18 bytes, so that {@code head -c 18} says what the file is
 *          format version                  2 bytes (1 for random darts, 2 for lattice darts)
 *          seed                            8 bytes
 *          total points, high and low      8 + 8 bytes (the total may be 2^64)
 *          points per job                  8 bytes
 *          replicas (format 2 only)        4 bytes: the lattice's replicas
 *          dartboard version               2 bytes length + UTF-8, for information only
 *          CRC-32C of the header so far    4 bytes
 * record   job id                          8 bytes
 *          points inside                   8 bytes
 *          CRC-32C of those 16 bytes XOR the header's CRC-32C     4 bytes
 * </pre>
 *
 * <p>A journal of random darts is written in format 1, byte for byte as before lattice darts existed;
 * format 2 adds the replicas of lattice darts, which decide which points a job counts. A record's points
 * follow from the plan, so they are not written. Mixing the header's checksum into
 * every record's means a record verifies only in the journal it was written for. Records have a fixed
 * size, so after a damaged one the next still starts at a known offset: that is how a cut-off end (no
 * good record after the first bad one) is told apart from damage in the middle.
 */
final class JournalFormat {

    static final byte[] MAGIC = "dartboard journal\n".getBytes(StandardCharsets.US_ASCII);
    /** The format of journals of random darts. */
    static final int RANDOM_DARTS_FORMAT = 1;
    /** The format of journals of lattice darts: the header adds the replicas. */
    static final int LATTICE_DARTS_FORMAT = 2;
    static final int RECORD_BYTES = 20;
    private static final int RECORD_PAYLOAD_BYTES = 16;
    private static final int MAX_VERSION_BYTES = 256;

    private JournalFormat() {
    }

    /** A header read back: the plan, who wrote it, and its size and checksum for the records that follow. */
    record Header(JobPlan plan, String writtenBy, int length, int checksum) {
    }

    /** Thrown for a header that is not ours or cannot be trusted; the message says which. */
    static final class BadHeader extends Exception {
        private static final long serialVersionUID = 1L;

        BadHeader(String message) {
            super(message);
        }
    }

    static byte[] header(JobPlan plan, String version) {
        byte[] versionBytes = version.getBytes(StandardCharsets.UTF_8);
        if (versionBytes.length > MAX_VERSION_BYTES) {
            versionBytes = "unknown".getBytes(StandardCharsets.UTF_8);
        }
        boolean lattice = plan.darts() == JobPlan.Darts.LATTICE;
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 2 + 8 + 16 + 8 + (lattice ? 4 : 0) + 2
                + versionBytes.length + 4);
        header.put(MAGIC);
        header.putShort((short) (lattice ? LATTICE_DARTS_FORMAT : RANDOM_DARTS_FORMAT));
        header.putLong(plan.seed());
        header.putLong(plan.totalPoints().shiftRight(64).longValue());
        header.putLong(plan.totalPoints().longValue());
        header.putLong(plan.pointsPerJob());
        if (lattice) {
            header.putInt(plan.replicas());
        }
        header.putShort((short) versionBytes.length);
        header.put(versionBytes);
        header.putInt(checksum(header.array(), 0, header.position()));
        return header.array();
    }

    /** The checksum that ends a header made by {@link #header}. */
    static int headerChecksum(byte[] header) {
        return ByteBuffer.wrap(header, header.length - 4, 4).getInt();
    }

    /**
     * Reads a header from the start of {@code bytes}, which holds at least the whole header when the file
     * is long enough.
     */
    static Header readHeader(ByteBuffer bytes) throws BadHeader {
        int start = bytes.position();
        for (byte expected : MAGIC) {
            if (!bytes.hasRemaining() || bytes.get() != expected) {
                throw new BadHeader("it does not start with 'dartboard journal'");
            }
        }
        if (bytes.remaining() < 2) {
            throw new BadHeader("its header is cut short");
        }
        int format = Short.toUnsignedInt(bytes.getShort());
        if (format != RANDOM_DARTS_FORMAT && format != LATTICE_DARTS_FORMAT) {
            throw new BadHeader("it is a journal of format " + format + ", and this dartboard reads formats "
                    + RANDOM_DARTS_FORMAT + " and " + LATTICE_DARTS_FORMAT + " only");
        }
        boolean lattice = format == LATTICE_DARTS_FORMAT;
        if (bytes.remaining() < 8 + 16 + 8 + (lattice ? 4 : 0) + 2) {
            throw new BadHeader("its header is cut short");
        }
        long seed = bytes.getLong();
        long totalHigh = bytes.getLong();
        long totalLow = bytes.getLong();
        long pointsPerJob = bytes.getLong();
        int replicas = lattice ? bytes.getInt() : 1;
        int versionLength = Short.toUnsignedInt(bytes.getShort());
        if (versionLength > MAX_VERSION_BYTES || bytes.remaining() < versionLength + 4) {
            throw new BadHeader("its header is cut short or damaged");
        }
        byte[] versionBytes = new byte[versionLength];
        bytes.get(versionBytes);
        int length = bytes.position() - start;
        int expected = checksum(bytes.array(), bytes.arrayOffset() + start, length);
        int checksum = bytes.getInt();
        if (checksum != expected) {
            throw new BadHeader("its header is damaged (checksum mismatch)");
        }
        BigInteger total = BigInteger.valueOf(totalHigh).shiftLeft(64)
                .add(new BigInteger(Long.toUnsignedString(totalLow)));
        JobPlan plan;
        try {
            plan = new JobPlan(seed, total, pointsPerJob);
            plan = lattice ? plan.lattice(replicas) : plan;
        } catch (IllegalArgumentException impossible) {
            throw new BadHeader("its header holds an impossible plan (" + impossible.getMessage() + ")");
        }
        return new Header(plan, new String(versionBytes, StandardCharsets.UTF_8), length + 4, checksum);
    }

    /** Writes one record at the buffer's position; {@code crc} is reused, reset here. */
    static void putRecord(ByteBuffer out, long jobId, long inside, int headerChecksum, CRC32C crc) {
        int start = out.position();
        out.putLong(jobId);
        out.putLong(inside);
        crc.reset();
        crc.update(out.array(), out.arrayOffset() + start, RECORD_PAYLOAD_BYTES);
        out.putInt((int) crc.getValue() ^ headerChecksum);
    }

    /** Whether the record at {@code offset} of {@code bytes} carries its checksum. */
    static boolean recordIntact(byte[] bytes, int offset, int headerChecksum, CRC32C crc) {
        crc.reset();
        crc.update(bytes, offset, RECORD_PAYLOAD_BYTES);
        return ((int) crc.getValue() ^ headerChecksum) == ByteBuffer.wrap(bytes, offset + RECORD_PAYLOAD_BYTES, 4).getInt();
    }

    static long recordJobId(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset, 8).getLong();
    }

    static long recordInside(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset + 8, 8).getLong();
    }

    private static int checksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
