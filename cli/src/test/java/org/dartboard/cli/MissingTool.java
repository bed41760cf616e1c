package org.dartboard.cli;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a tool it needs is not on this machine (a browser, iproute2, systemd): it is
 * skipped with a message saying what to install, so that {@code mvn verify} runs on a machine with only
 * Java and Maven; unless the environment variable that CI sets requires the tool, and then it fails.
 */
final class MissingTool {

    private MissingTool() {
    }

    /**
     * Skips the test, or fails it when {@code requiredBy} is set to 1.
     *
     * @param requiredBy the variable CI sets, e.g. {@code DARTBOARD_REQUIRE_BROWSER}
     * @param what what is missing and how to install it
     */
    static void skipUnlessRequired(String requiredBy, String what) {
        if ("1".equals(System.getenv(requiredBy))) {
            throw new AssertionError(requiredBy + "=1, but " + what);
        }
        Assumptions.abort(what + "; the test is skipped");
    }
}
