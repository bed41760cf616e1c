package org.dartboard.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opening, locking, reading and writing a journal's file, shared by {@link JournalReader} and
 * {@link JournalWriter} so that both say the same thing, in the user's words, when the file is unusable.
 */
final class JournalChannels {

    private JournalChannels() {
    }

    static FileChannel open(Path file, OpenOption... options) throws JournalException {
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

    /** Takes the file for this run alone, or says that another run has it. */
    static FileLock lock(FileChannel channel, Path file) throws IOException {
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

    static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Fills {@code into} from the file, starting at {@code position} of the file. */
    static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        int first = into.position();
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position() - first) < 0) {
                throw new JournalException("the journal shrank while it was read");
            }
        }
    }

    /** The reason in plain words, as the operating system gave it ("Is a directory", "No space left on device"). */
    static String describe(IOException failure) {
        if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
