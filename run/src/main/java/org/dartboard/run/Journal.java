package org.dartboard.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of a run: one record per counted job, appended as results arrive, so that a run killed in
 * any way (kill -9 included) can be resumed without doing its finished jobs again.
 *
 * <p>Records go through a buffer that is handed to the operating system at least every
 * {@value #FLUSH_MILLIS} ms and at the end: a killed client loses at most the last moment's results, and
 * those jobs simply run again. What was handed over is synced to the disk every {@value #SYNC_MILLIS} ms,
 * so that a power cut (a Raspberry Pi unplugged) loses no more than that. Every record carries a checksum
 * (see {@link JournalFormat}), so a cut-off end is recognised and dropped, while damage in the middle is
 * refused. The file is locked while a run writes it, so two runs cannot append to the same journal.
 *
 * <p>A journal that cannot be written (a full disk) does not stop the run: it says so once, stops
 * writing, and what it holds stays a valid journal of fewer jobs.
 */
final class Journal implements RunListener, AutoCloseable {

    /** Longest time a counted job's record waits in memory before it goes to the operating system. */
    static final long FLUSH_MILLIS = 100;
    /** Longest time a written record waits before it is synced to the disk. */
    static final long SYNC_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    /** Records buffered between writes: 80 KB, a whole number of records so that a write never splits one. */
    private static final int BUFFER_RECORDS = 4096;
    private static final int READ_RECORDS = 4096;
    private static final int HEADER_READ_BYTES = 1024;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final int headerChecksum;
    private final ByteBuffer buffer = ByteBuffer.allocate(JournalFormat.RECORD_BYTES * BUFFER_RECORDS);
    private final CRC32C crc = new CRC32C();
    private final ScheduledExecutorService flusher;
    private boolean broken;
    private boolean closed;
    /** Records were written since the last sync. */
    private boolean unsynced;
    private final AtomicLong syncs = new AtomicLong();

    private Journal(Path file, FileChannel channel, FileLock lock, int headerChecksum) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.headerChecksum = headerChecksum;
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dartboard-journal");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        flusher.scheduleWithFixedDelay(this::sync, SYNC_MILLIS, SYNC_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the journal of a new run in a file that must not exist yet (an existing journal is resumed,
     * never overwritten).
     *
     * @param version the dartboard version, written for information
     */
    static Journal create(Path file, JobPlan plan, String version) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException exists) {
            throw new JournalException("'" + file + "' exists already; a journal is never overwritten", exists);
        } catch (NoSuchFileException noFolder) {
            throw new JournalException("cannot create '" + file + "': no such folder", noFolder);
        } catch (IOException cannot) {
            throw new JournalException("cannot create '" + file + "' (" + describe(cannot) + ")", cannot);
        }
        try {
            FileLock lock = lock(channel, file);
            byte[] header = JournalFormat.header(plan, version);
            writeFully(channel, ByteBuffer.wrap(header));
            // The header decides whether the file is a journal at all: make it last.
            channel.force(true);
            return new Journal(file, channel, lock, JournalFormat.headerChecksum(header));
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
    }

    /**
     * Opens a journal to carry on its run: reads and verifies it, drops a cut-off end, and positions the
     * file so that this run's records follow the last intact one.
     */
    static ResumedJournal resume(Path file) throws IOException {
        FileChannel channel = open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = lock(channel, file);
            Verified verified = verify(channel, file);
            channel.truncate(verified.intactLength());
            channel.position(verified.intactLength());
            Journal journal = new Journal(file, channel, lock, verified.headerChecksum());
            return new ResumedJournal(journal, verified.contents());
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
    }

    /** Reads and verifies a journal without writing to it. */
    static JournalContents read(Path file) throws IOException {
        try (FileChannel channel = open(file, StandardOpenOption.READ)) {
            return verify(channel, file).contents();
        }
    }

    /** The file this journal writes. */
    Path file() {
        return file;
    }

    @Override
    public void jobCounted(JobResult result, Count count) {
        append(result.jobId(), result.inside());
    }

    @Override
    public void finished(RunOutcome outcome) {
        flush();
    }

    synchronized void append(long jobId, long inside) {
        if (broken || closed) {
            return;
        }
        JournalFormat.putRecord(buffer, jobId, inside, headerChecksum, crc);
        if (!buffer.hasRemaining()) {
            flush();
        }
    }

    /** Hands the buffered records to the operating system; a killed JVM cannot lose them after this. */
    synchronized void flush() {
        if (broken || closed || buffer.position() == 0) {
            return;
        }
        buffer.flip();
        try {
            writeFully(channel, buffer);
            unsynced = true;
        } catch (IOException failed) {
            broken = true;
            LOG.warn("The journal {} cannot be written ({}): the run goes on, and a resume will run the jobs"
                    + " it misses again", file, describe(failed));
        } finally {
            buffer.clear();
        }
    }

    /**
     * Makes what was written durable. Outside the lock, so a slow disk (an SD card) never holds up the
     * run's threads appending records meanwhile.
     */
    private void sync() {
        synchronized (this) {
            if (broken || closed || !unsynced) {
                return;
            }
            unsynced = false;
        }
        try {
            channel.force(false);
            syncs.incrementAndGet();
        } catch (IOException failed) {
            // Written records still reach the disk in the operating system's own time, and close syncs again.
            LOG.debug("The journal {} could not be synced to disk now ({})", file, describe(failed));
        }
    }

    /** How many times records were synced to disk while the run went on; for tests. */
    long syncs() {
        return syncs.get();
    }

    /** Writes what is buffered, makes it durable, and releases the file. */
    @Override
    public void close() {
        // Let a write or sync under way finish: interrupting one would close the channel under it.
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("The journal {} is still being written after a minute; closing it anyway", file);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            flush();
            closed = true;
            try {
                if (!broken) {
                    channel.force(false);
                }
            } catch (IOException failed) {
                LOG.warn("The journal {} could not be synced to disk ({})", file, describe(failed));
            } finally {
                try {
                    lock.release();
                    channel.close();
                } catch (IOException ignored) {
                    // Closing releases the lock anyway; nothing is left to write.
                }
            }
        }
    }

    /** Where verification leaves a journal: its contents, and where the intact part ends. */
    private record Verified(JournalContents contents, long intactLength, int headerChecksum) {
    }

    private static Verified verify(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size == 0) {
            throw new JournalException("'" + file + "' is not a dartboard journal: it is empty");
        }
        ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, HEADER_READ_BYTES));
        readFully(channel, start, 0);
        start.flip();
        JournalFormat.Header header;
        try {
            header = JournalFormat.readHeader(start);
        } catch (JournalFormat.BadHeader bad) {
            throw new JournalException("'" + file + "' is not a dartboard journal: " + bad.getMessage());
        }
        JobPlan plan = header.plan();
        Tally tally = new Tally();
        CRC32C crc = new CRC32C();
        byte[] chunk = new byte[JournalFormat.RECORD_BYTES * READ_RECORDS];
        long firstBad = -1;
        long position = header.length();
        while (size - position >= JournalFormat.RECORD_BYTES) {
            int records = (int) Math.min(READ_RECORDS, (size - position) / JournalFormat.RECORD_BYTES);
            ByteBuffer into = ByteBuffer.wrap(chunk, 0, records * JournalFormat.RECORD_BYTES);
            readFully(channel, into, position);
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

    private static FileChannel open(Path file, OpenOption... options) throws JournalException {
        try {
            return FileChannel.open(file, options);
        } catch (NoSuchFileException missing) {
            throw new JournalException("no such file '" + file + "'", missing);
        } catch (AccessDeniedException denied) {
            throw new JournalException("cannot open '" + file + "': permission denied", denied);
        } catch (IOException cannot) {
            throw new JournalException("cannot open '" + file + "' (" + describe(cannot) + ")", cannot);
        }
    }

    private static FileLock lock(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            lock = null;
        }
        if (lock == null) {
            throw new JournalException("'" + file + "' is in use by another dartboard run");
        }
        return lock;
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Fills {@code into} from the file, starting at {@code position} of the file. */
    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        int first = into.position();
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position() - first) < 0) {
                throw new JournalException("the journal shrank while it was read");
            }
        }
    }

    /** The reason in plain words, as the operating system gave it ("Is a directory", "No space left on device"). */
    private static String describe(IOException failure) {
        if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
