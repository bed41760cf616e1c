package org.dartboard.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Why a file could not be read or written, in the operating system's words ("No space left on device",
 * "permission denied"), never a Java exception's name, which means nothing to someone at a terminal.
 */
final class IoProblem {

    private IoProblem() {
    }

    static String words(IOException failure) {
        if (failure instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return failure.getMessage() != null ? failure.getMessage() : "an input or output error";
    }
}
