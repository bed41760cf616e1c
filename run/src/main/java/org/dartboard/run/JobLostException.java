package org.dartboard.run;

/**
 * The worker running a job went away before it answered (a node died or left). The job's result is
 * unknown, so the {@link Run} runs it again; the tally ignores the second result if the first arrives too.
 */
public class JobLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String worker;

    public JobLostException(String worker, String message) {
        super(message);
        this.worker = worker;
    }

    /** The worker that was lost. */
    public String worker() {
        return worker;
    }
}
