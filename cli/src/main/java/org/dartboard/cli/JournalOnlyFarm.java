package org.dartboard.cli;

import java.util.concurrent.CompletableFuture;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.Farm;

/**
 * The farm of a run whose journal already holds every job: nothing is left to count, so no thread is
 * started and no node is contacted, and the report comes from the journal alone.
 */
final class JournalOnlyFarm implements Farm {

    static final String KERNEL_REASON = "nothing left to count: every job is in the journal";

    @Override
    public String description() {
        return "none (every job is in the journal)";
    }

    @Override
    public int workers() {
        return 0;
    }

    @Override
    public String kernelName() {
        return "none";
    }

    @Override
    public CompletableFuture<JobResult> submit(JobSpec job) {
        return CompletableFuture.failedFuture(new IllegalStateException(
                "job " + job.id() + " was submitted although the journal holds every job"));
    }

    @Override
    public void close() {
        // Nothing was started.
    }
}
