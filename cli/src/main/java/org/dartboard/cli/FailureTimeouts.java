package org.dartboard.cli;

import java.time.Duration;

/**
 * The range allowed for {@code --failure-timeout}, the same for nodes and clients: under a second, a busy
 * machine's pause would count a healthy node lost; over an hour, a dead node would hold jobs for an hour.
 */
final class FailureTimeouts {

    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofHours(1);
    static final String RANGE = "1s to 1h";

    private FailureTimeouts() {
    }

    /** The bad-usage message for a timeout out of range, or null when it is allowed. */
    static String problemWith(Duration timeout) {
        if (timeout.compareTo(MIN) >= 0 && timeout.compareTo(MAX) <= 0) {
            return null;
        }
        return "Invalid value for option '--failure-timeout': " + timeout.toMillis() + " ms is out of range (allowed: "
                + RANGE + ")";
    }
}
