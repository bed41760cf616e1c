package org.dartboard.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the journal of a run: one record per counted job, appended as results arrive, so that a run killed in
 * any way (kill -9 included) can be resumed without doing its finished jobs again.
 *
 * <p>Records go through a buffer that is handed to the operating system at least every
 * {@value #FLUSH_MILLIS} ms and at the end: a killed client loses at most the last moment's results, and
 * those jobs simply run again. What was handed over is synced to the disk every {@value #SYNC_MILLIS} ms,
 * so that a power cut (a Raspberry Pi unplugged) loses no more than that. The file is locked while a run
 * writes it, so two runs cannot append to the same journal. {@link JournalReader} reads and verifies it.
 *
 * <p>A journal that cannot be written (a full disk) does not stop the run: it says so once, stops
 * writing, and what it holds stays a valid journal of fewer jobs.
 */
final class JournalWriter implements RunListener, AutoCloseable {

    /** Longest time a counted job's record waits in memory before it goes to the operating system. */
    static final long FLUSH_MILLIS = 100;
    /** Longest time a written record waits before it is synced to the disk. */
    static final long SYNC_MILLIS = 1000;
    /** Records buffered between writes: 80 KB, a whole number of records so that a write never splits one. */
    static final int BUFFER_RECORDS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    /** How long close waits for a write or sync under way, which only a dying disk makes slow. */
    private static final Duration CLOSE_PATIENCE = Duration.ofMinutes(1);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final int headerChecksum;
    private final JournalTimer timer;
    private final ByteBuffer buffer = ByteBuffer.allocate(JournalFormat.RECORD_BYTES * BUFFER_RECORDS);
    private final CRC32C crc = new CRC32C();
    private boolean broken;
    private boolean closed;
    /** Records were written since the last sync. */
    private boolean unsynced;
    private final AtomicLong syncs = new AtomicLong();

    private JournalWriter(Path file, FileChannel channel, FileLock lock, int headerChecksum, JournalTimer timer) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.headerChecksum = headerChecksum;
        this.timer = timer;
    }

    /**
     * Starts the journal of a new run in a file that must not exist yet (an existing journal is resumed,
     * never overwritten).
     *
     * @param version the dartboard version, written for information
     */
    static JournalWriter create(Path file, JobPlan plan, String version) throws IOException {
        return create(file, plan, version, JournalTimer.background());
    }

    /**
     * As {@link #create(Path, JobPlan, String)}, flushing and syncing by {@code timer}: given its tasks once the
     * file is open, and stopped at close.
     */
    static JournalWriter create(Path file, JobPlan plan, String version, JournalTimer timer) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException exists) {
            throw new JournalException("'" + file + "' exists already; a journal is never overwritten", exists);
        } catch (NoSuchFileException noFolder) {
            throw new JournalException("cannot create '" + file + "': no such folder", noFolder);
        } catch (IOException cannot) {
            throw new JournalException("cannot create '" + file + "' (" + JournalChannels.describe(cannot) + ")",
                    cannot);
        }
        try {
            FileLock lock = JournalChannels.lock(channel, file);
            byte[] header = JournalFormat.header(plan, version);
            JournalChannels.writeFully(channel, ByteBuffer.wrap(header));
            // The header decides whether the file is a journal at all: make it last.
            channel.force(true);
            return new JournalWriter(file, channel, lock, JournalFormat.headerChecksum(header), timer).started();
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
        return resume(file, JournalTimer.background());
    }

    /** As {@link #resume(Path)}, flushing and syncing by {@code timer}: given its tasks once the file is open. */
    static ResumedJournal resume(Path file, JournalTimer timer) throws IOException {
        FileChannel channel = JournalChannels.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = JournalChannels.lock(channel, file);
            JournalReader.Verified verified = JournalReader.verify(channel, file);
            channel.truncate(verified.intactLength());
            channel.position(verified.intactLength());
            JournalWriter journal = new JournalWriter(file, channel, lock, verified.headerChecksum(), timer).started();
            return new ResumedJournal(journal, verified.contents());
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
    }

    /** Begins the flushes and syncs; apart from the constructor, so that no timer sees a half-made writer. */
    private JournalWriter started() {
        timer.every(FLUSH_MILLIS, this::flush);
        timer.every(SYNC_MILLIS, this::sync);
        return this;
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
            JournalChannels.writeFully(channel, buffer);
            unsynced = true;
        } catch (IOException failed) {
            broken = true;
            LOG.warn("The journal {} cannot be written ({}): the run goes on, and a resume will run the jobs"
                    + " it misses again", file, JournalChannels.describe(failed));
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
            LOG.debug("The journal {} could not be synced to disk now ({})", file, JournalChannels.describe(failed));
        }
    }

    /** How many times records were synced to disk while the run went on; for tests. */
    long syncs() {
        return syncs.get();
    }

    /** Writes what is buffered, makes it durable, and releases the file. */
    @Override
    public void close() {
        // Let a write or sync under way finish first: the sync runs outside the lock, on the channel closed below.
        try {
            if (!timer.stop(CLOSE_PATIENCE)) {
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
                LOG.warn("The journal {} could not be synced to disk ({})", file, JournalChannels.describe(failed));
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
}
