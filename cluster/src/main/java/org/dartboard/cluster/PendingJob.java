package org.dartboard.cluster;

import java.util.concurrent.CompletableFuture;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;

/** A job submitted to the cluster farm, with the future the run waits on for its result. */
record PendingJob(JobSpec job, CompletableFuture<JobResult> result) {
}
