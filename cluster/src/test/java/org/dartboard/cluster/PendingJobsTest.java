package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dartboard.core.JobSpec;
import org.junit.jupiter.api.Test;

/** The batching rule: how many jobs travel in one task, in which order, and which are left out. */
class PendingJobsTest {

    private final PendingJobs pending = new PendingJobs();

    @Test
    void tinyJobsTravelInBatchesOfAtMostMaxBatchJobs() throws InterruptedException {
        List<PendingJob> jobs = addJobs(PendingJobs.MAX_BATCH_JOBS * 2 + 10, 1);

        List<PendingJob> first = pending.nextBatch(0);
        List<PendingJob> second = pending.nextBatch(0);
        List<PendingJob> third = pending.nextBatch(0);

        assertThat(ids(first)).containsExactlyElementsOf(ids(jobs.subList(0, PendingJobs.MAX_BATCH_JOBS)));
        assertThat(ids(second)).containsExactlyElementsOf(ids(jobs.subList(PendingJobs.MAX_BATCH_JOBS,
                2 * PendingJobs.MAX_BATCH_JOBS)));
        assertThat(ids(third)).containsExactlyElementsOf(ids(jobs.subList(2 * PendingJobs.MAX_BATCH_JOBS,
                jobs.size())));
        assertThat(pending.nextBatch(0)).isEmpty();
    }

    @Test
    void aBatchStopsGrowingOnceItHoldsMaxBatchPoints() throws InterruptedException {
        addJobs(9, PendingJobs.MAX_BATCH_POINTS / 4);

        assertThat(pending.nextBatch(0)).hasSize(4);
        assertThat(pending.nextBatch(0)).hasSize(4);
        assertThat(pending.nextBatch(0)).hasSize(1);
    }

    @Test
    void theJobThatCrossesThePointBoundStillJoinsTheBatch() throws InterruptedException {
        addJobs(4, PendingJobs.MAX_BATCH_POINTS / 2 - 1);

        assertThat(pending.nextBatch(0)).hasSize(3);
        assertThat(pending.nextBatch(0)).hasSize(1);
    }

    @Test
    void bigJobsTravelAlone() throws InterruptedException {
        addJobs(3, PendingJobs.MAX_BATCH_POINTS);

        for (int task = 0; task < 3; task++) {
            assertThat(pending.nextBatch(0)).hasSize(1);
        }
    }

    @Test
    void jobsTheRunCancelledAreLeftOutAndCountForNothing() throws InterruptedException {
        List<PendingJob> jobs = addJobs(PendingJobs.MAX_BATCH_JOBS + 6, 1);
        jobs.subList(0, 5).forEach(job -> job.result().cancel(false));
        jobs.get(10).result().cancel(false);

        List<PendingJob> batch = pending.nextBatch(0);

        assertThat(ids(batch)).as("every job left, in one batch").hasSize(PendingJobs.MAX_BATCH_JOBS)
                .doesNotContain(0L, 4L, 10L).startsWith(5L, 6L).endsWith(PendingJobs.MAX_BATCH_JOBS + 5L);
        assertThat(pending.nextBatch(0)).isEmpty();
    }

    @Test
    void takeAllEmptiesTheQueue() throws InterruptedException {
        List<PendingJob> jobs = addJobs(PendingJobs.MAX_BATCH_JOBS + 1, 1);

        assertThat(ids(pending.takeAll())).containsExactlyElementsOf(ids(jobs));
        assertThat(pending.nextBatch(0)).isEmpty();
        assertThat(pending.takeAll()).isEmpty();
    }

    private static List<Long> ids(List<PendingJob> batch) {
        return batch.stream().map(job -> job.job().id()).toList();
    }

    private List<PendingJob> addJobs(int count, long pointsEach) {
        List<PendingJob> jobs = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            PendingJob job = new PendingJob(new JobSpec(id, 1, id * pointsEach, pointsEach), new CompletableFuture<>());
            pending.add(job);
            jobs.add(job);
        }
        return jobs;
    }
}
