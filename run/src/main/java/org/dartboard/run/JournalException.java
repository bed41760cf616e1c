package org.dartboard.run;

import java.io.IOException;

/**
 * A journal that cannot be used: missing, unreadable, not a journal, damaged in the middle, or in use by
 * another run. The message is one sentence for the user and names the file.
 */
final class JournalException extends IOException {

    private static final long serialVersionUID = 1L;

    JournalException(String message) {
        super(message);
    }

    JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
