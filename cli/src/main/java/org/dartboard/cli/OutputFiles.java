package org.dartboard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files a run writes (the journal, the jobs log, the plot) and those it reads, checked together before
 * any of them is opened and before any node is contacted: a run refused for one of them, or for anything
 * else, then leaves every file as it was. Each output must be a file that can be created or written in a
 * folder that exists, a character device such as /dev/null, or a pipe already open (/dev/stdout piped); no
 * two may be the same file, and none may be a file the run reads.
 *
 * <p>A named pipe is refused: opening it to write waits until something opens it to read, which could be
 * never, and Java cannot open it without waiting. A regular file followed with {@code tail -f} does the
 * same job, and so does a pipe the shell made (/dev/stdout piped, {@code >(...)}), which never waits.
 */
final class OutputFiles {

    /** A file of the run, named by the option (or the setting) it came from; an appended one exists already. */
    private record Named(String option, Path file, boolean appended) {
    }

    private final List<Named> outputs = new ArrayList<>();
    private final List<Named> inputs = new ArrayList<>();

    /** A file the run creates or replaces; null (not asked for) is skipped. */
    OutputFiles output(String option, Path file) {
        if (file != null) {
            outputs.add(new Named(option, file, false));
        }
        return this;
    }

    /**
     * A file the run reads and appends to (a resumed journal); null is skipped. Whether it exists and what it
     * holds is its reader's to say; here it must only be a regular file, and no other output's.
     */
    OutputFiles appended(String option, Path file) {
        if (file != null) {
            outputs.add(new Named(option, file, true));
        }
        return this;
    }

    /** A file the run reads, which no output may replace; null is skipped. */
    OutputFiles input(String description, Path file) {
        if (file != null) {
            inputs.add(new Named(description, file, false));
        }
        return this;
    }

    /**
     * The first problem, as the option it is about and what is wrong (completing "'FILE' ..."), or empty
     * when every file can be used. Opens nothing.
     */
    Optional<Problem> problem() {
        for (int i = 0; i < outputs.size(); i++) {
            Named output = outputs.get(i);
            String unusable = output.appended() ? notAppendable(output.file()) : unusable(output.file());
            if (unusable != null) {
                return Optional.of(new Problem(output.option(), unusable));
            }
            for (Named earlier : outputs.subList(0, i)) {
                if (sameFile(earlier.file(), output.file())) {
                    return Optional.of(new Problem(output.option(), "'" + output.file() + "' is also the "
                            + earlier.option() + " file; give each output a file of its own"));
                }
            }
            for (Named input : inputs) {
                if (sameFile(input.file(), output.file())) {
                    return Optional.of(new Problem(output.option(), "'" + output.file() + "' is the " + input.option()
                            + ", which this run reads; give the output a file of its own"));
                }
            }
        }
        return Optional.empty();
    }

    /** What is wrong with an output, in words. */
    record Problem(String option, String words) {
    }

    /** Why the run could not write {@code file}, or null when it can. */
    private static String unusable(Path file) {
        FileKind kind = FileKind.of(file);
        switch (kind) {
            case REGULAR, CHARACTER_DEVICE, INHERITED_PIPE -> {
                return Files.isWritable(file) ? null : "'" + file + "' cannot be written (permission denied)";
            }
            case MISSING -> {
                Path folder = file.toAbsolutePath().getParent();
                if (folder == null || !Files.isDirectory(folder)) {
                    return "cannot create '" + file + "': no such folder '" + folder + "' (give a file in a writable"
                            + " folder)";
                }
                return Files.isWritable(folder) ? null : "cannot create '" + file + "': the folder '" + folder
                        + "' is not writable (give a file in a writable folder)";
            }
            case FOLDER -> {
                return "'" + file + "' is a folder; give a file (in it, or elsewhere)";
            }
            case NAMED_PIPE -> {
                return "'" + file + "' is a named pipe (FIFO), which would hold the run until something reads it:"
                        + " give a regular file, or /dev/null";
            }
            default -> {
                return "'" + file + "' is " + kind.words() + ": give a regular file, or /dev/null";
            }
        }
    }

    /** Why the run could not append to {@code file}, or null when it may try: a missing file is its reader's news. */
    private static String notAppendable(Path file) {
        FileKind kind = FileKind.of(file);
        if (kind == FileKind.REGULAR || kind == FileKind.MISSING) {
            return null;
        }
        return "'" + file + "' is " + kind.words() + ", not a journal: give the journal file of the run to finish";
    }

    /**
     * Whether two paths name one file: by the file system for files that exist, by their folder's real path
     * and their name for files still to be made. A device is no file's: /dev/null may take two outputs.
     */
    private static boolean sameFile(Path one, Path other) {
        FileKind oneKind = FileKind.of(one);
        FileKind otherKind = FileKind.of(other);
        if (isStream(oneKind) || isStream(otherKind)) {
            return false;
        }
        try {
            if (oneKind != FileKind.MISSING && otherKind != FileKind.MISSING) {
                return Files.isSameFile(one, other);
            }
            return where(one).equals(where(other));
        } catch (IOException cannotTell) {
            // Both were checked usable a moment ago; a file that vanished since is no one else's.
            return false;
        }
    }

    private static boolean isStream(FileKind kind) {
        return kind == FileKind.CHARACTER_DEVICE || kind == FileKind.INHERITED_PIPE;
    }

    /** The real path of a file that exists, or of the file to be made: its folder's real path and its name. */
    private static Path where(Path file) throws IOException {
        if (Files.exists(file)) {
            return file.toRealPath();
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        return folder == null ? absolute : folder.toRealPath().resolve(absolute.getFileName());
    }
}
