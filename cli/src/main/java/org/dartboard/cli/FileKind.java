package org.dartboard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What kind of file a path names, in words, for messages that refuse a file that is not a regular one: a
 * named pipe given as an input or an output would block the program until someone opens its other end, and a
 * device such as /dev/zero never ends. A pipe another program holds open already (/dev/stdout piped) is
 * told apart from a named one, because opening it never waits.
 */
enum FileKind {
    MISSING("does not exist"),
    REGULAR("a regular file"),
    FOLDER("a folder"),
    NAMED_PIPE("a named pipe (FIFO)"),
    /**
     * A pipe another program already holds open, reached through /proc (/dev/stdout piped, or a shell's
     * {@code <(...)}): unlike a named pipe, opening it never waits.
     */
    INHERITED_PIPE("a pipe"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"),
    SOCKET("a socket"),
    OTHER("a special file");

    /** The file type bits of st_mode, and their values for the kinds Java's attributes do not tell apart. */
    private static final int TYPE_BITS = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER = 0020000;
    private static final int BLOCK = 0060000;
    private static final int SOCKET_TYPE = 0140000;

    /** As many links as Linux follows before it gives up (ELOOP). */
    private static final int MAX_LINKS = 40;
    private static final Pattern ANONYMOUS_PIPE = Pattern.compile("pipe:\\[\\d+]");

    private final String words;

    FileKind(String words) {
        this.words = words;
    }

    /** "a named pipe (FIFO)", "a folder": what the file is, to complete "'FILE' is ...". */
    String words() {
        return words;
    }

    /** The kind of the file at {@code path}, following symbolic links (/dev/stdout is its target's kind). */
    static FileKind of(Path path) {
        if (Files.isRegularFile(path)) {
            return REGULAR;
        }
        if (Files.isDirectory(path)) {
            return FOLDER;
        }
        if (!Files.exists(path)) {
            return MISSING;
        }
        try {
            // The "unix" view is the JDK's own on Linux and macOS; elsewhere the kind stays "a special file".
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return switch (mode & TYPE_BITS) {
                case FIFO -> isInheritedPipe(path) ? INHERITED_PIPE : NAMED_PIPE;
                case CHARACTER -> CHARACTER_DEVICE;
                case BLOCK -> BLOCK_DEVICE;
                case SOCKET_TYPE -> SOCKET;
                default -> OTHER;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException unknown) {
            return OTHER;
        }
    }

    /**
     * Whether the symbolic links from {@code path} end at a pipe of a file descriptor, which Linux shows as
     * {@code /proc/PID/fd/N -> pipe:[INODE]}: a pipe with no name in any folder.
     */
    private static boolean isInheritedPipe(Path path) {
        Path link = path;
        try {
            for (int hops = 0; hops < MAX_LINKS && Files.isSymbolicLink(link); hops++) {
                Path target = Files.readSymbolicLink(link);
                if (ANONYMOUS_PIPE.matcher(target.toString()).matches()) {
                    return true;
                }
                link = link.toAbsolutePath().resolveSibling(target);
            }
        } catch (IOException | UnsupportedOperationException cannotFollow) {
            return false;
        }
        return false;
    }
}
