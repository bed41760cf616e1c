package org.dartboard.cli;

/** The exit codes of every dartboard command, as documented in the README and the help. */
final class ExitCodes {

    /** The run completed. */
    static final int OK = 0;
    /** The run failed, or stopped without finishing for a reason other than a signal. */
    static final int FAILED = 1;
    /** Bad input: unknown option, malformed or out-of-range value, conflicting options. */
    static final int USAGE = 2;
    /** Stopped by Ctrl-C (SIGINT); the partial estimate was printed. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
