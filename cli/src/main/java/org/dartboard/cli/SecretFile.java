package org.dartboard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;
import org.dartboard.cluster.security.ClusterSecurity;
import org.dartboard.run.Farms;
import org.dartboard.run.InvalidSettingException;

/**
 * Reads the cluster's secret from a file, checked as ssh checks a private key: it must exist, be readable,
 * hold one line, and should be readable by its owner only. Problems are {@link IllegalArgumentException}s
 * whose message completes "'FILE' ..."; a file others can read is only a warning.
 */
final class SecretFile {

    /** A secret is one line; anything much larger is the wrong file, and is not read whole. */
    private static final long MAX_BYTES = 4L * Farms.MAX_SECRET_LENGTH + 2;
    private static final Set<PosixFilePermission> OTHERS_MAY_READ = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private SecretFile() {
    }

    /**
     * The secret's text in {@code file}, checked; {@code warnings} hears of a file that others may read.
     *
     * @throws IllegalArgumentException saying what is wrong with the file
     */
    static String read(Path file, Consumer<String> warnings) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("'" + file + "' does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("'" + file + "' is a directory, not a file");
        }
        FileKind kind = FileKind.of(file);
        if (kind != FileKind.REGULAR && kind != FileKind.INHERITED_PIPE) {
            // Opening a named pipe waits for a writer forever, and /dev/zero never ends: neither is read at all.
            // A shell's <(...) is a pipe already open, read like a file up to a secret's length.
            throw new IllegalArgumentException("'" + file + "' is " + kind.words() + ", not a regular file; a secret"
                    + " file is a regular file of one line");
        }
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(file, String.valueOf(size));
            }
            text = readAtMost(file, MAX_BYTES);
        } catch (AccessDeniedException denied) {
            throw new IllegalArgumentException("'" + file + "' cannot be read (permission denied)");
        } catch (CharacterCodingException notText) {
            throw new IllegalArgumentException("'" + file + "' is not UTF-8 text; a secret is one line of text");
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("'" + file + "' cannot be read (" + IoProblem.words(unreadable) + ")");
        }
        try {
            ClusterSecurity.of(text, null);
        } catch (InvalidSettingException unusable) {
            String hint = text.isBlank() ? "; write the cluster's secret in it, or make one with 'dartboard certs'" : "";
            throw new IllegalArgumentException("'" + file + "' cannot be used: " + unusable.problem() + hint);
        }
        if (text.strip().lines().count() > 1) {
            throw new IllegalArgumentException("'" + file + "' has more than one line; a secret is one line");
        }
        warnIfOthersMayRead(file, warnings);
        return text;
    }

    /** The file's text, never more than {@code limit} bytes of it: it may have grown since its size was read. */
    private static String readAtMost(Path file, long limit) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) limit + 1);
        }
        if (bytes.length > limit) {
            throw tooLarge(file, "more than " + limit);
        }
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static IllegalArgumentException tooLarge(Path file, String bytes) {
        return new IllegalArgumentException("'" + file + "' has " + bytes + " bytes; a secret is one line of at most "
                + Farms.MAX_SECRET_LENGTH + " characters");
    }

    private static void warnIfOthersMayRead(Path file, Consumer<String> warnings) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS_MAY_READ::contains)) {
                warnings.accept("the secret file '" + file + "' can be read by other users ("
                        + PosixFilePermissions.toString(permissions) + "); make it private: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException | IOException notPosix) {
            // A file system without POSIX permissions (Windows): nothing to check.
        }
    }
}
