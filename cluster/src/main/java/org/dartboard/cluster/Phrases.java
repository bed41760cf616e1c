package org.dartboard.cluster;

import java.time.Duration;

/** Words the client's log lines and errors share, so that every message names things the same way. */
final class Phrases {

    private Phrases() {
    }

    /** A pattern with the number of addresses it names, e.g. {@code 192.168.1.* (254 addresses)}. */
    static String addresses(NodePattern nodes) {
        int count = nodes.endpoints().size();
        return nodes.text() + " (" + count + (count == 1 ? " address)" : " addresses)");
    }

    /** Whole seconds when the duration has no fraction of one, e.g. {@code 3 s} or {@code 1500 ms}. */
    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
