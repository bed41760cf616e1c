package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.Farm;
import org.dartboard.run.Worker;
import org.junit.jupiter.api.Test;

/** What each job of a batch becomes once its task is answered or fails, and what the run is told. */
class BatchSettlerTest {

    private static final String NODES = "192.168.1.10-12";

    private final ClusterMembers members = new ClusterMembers();
    private final BatchSettler settler = new BatchSettler(NODES, members);
    private final List<PendingJob> batch = List.of(pending(0), pending(1), pending(2));

    @Test
    void eachJobGetsItsOwnResultWhateverTheOrderOfTheAnswer() {
        settler.answered(batch, answer(List.of(result(2, "node-b"), result(0, "node-a"), result(1, "node-a")),
                List.of(), List.of(), List.of()));

        for (PendingJob pending : batch) {
            assertThat(pending.result()).isCompletedWithValue(result(pending.job().id(),
                    pending.job().id() == 2 ? "node-b" : "node-a"));
        }
    }

    @Test
    void jobsTheClusterRanAgainAreToldBeforeTheirResultsAndTheirNodeIsLost() {
        Recorder recorder = new Recorder();
        settler.listen(recorder);
        members.listen(recorder);

        settler.answered(batch, answer(List.of(result(0, "node-a"), result(1, "node-a"), result(2, "node-a")),
                List.of("node-c"), List.of(2L), List.of(0L, 2L)));

        assertThat(recorder.events).containsExactly("job 0 run again, not counted yet",
                "job 2 run again, not counted yet", "node-c lost");
        assertThat(members.seen()).containsExactly(new Worker("node-c", "?", 1, true));
        assertThat(batch).allSatisfy(pending -> assertThat(pending.result()).isCompleted());
    }

    @Test
    void aJobMissingFromTheAnswerIsLostSoThatTheRunSendsItAgain() {
        settler.answered(batch, answer(List.of(result(0, "node-a"), result(2, "node-a")),
                List.of(), List.of(), List.of()));

        assertThat(batch.get(0).result()).isCompleted();
        assertThat(batch.get(2).result()).isCompleted();
        assertThat(failure(batch.get(1))).isInstanceOfSatisfying(Farm.JobLostException.class, lost -> {
            assertThat(lost.worker()).isEqualTo(NODES);
            assertThat(lost).hasMessage("the cluster answered without job 1");
        });
    }

    @Test
    void anAnswerThatIsNoDartboardResultFailsTheWholeBatch() {
        settler.answered(batch, new Object[] {"hello"});

        assertThat(batch).allSatisfy(pending -> assertThat(pending.result()).isCompletedExceptionally());
        assertThat(failure(batch.get(0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a dartboard result");
    }

    @Test
    void aNodeOfAnotherVersionEndsTheRunWithItsReason() {
        settler.failed(batch, new RuntimeException("Task failed: " + WireFormat.VERSION_MISMATCH
                + ": the client runs dartboard 1.0 and node n1 runs 9.9.9; run the same version everywhere"));

        assertThat(batch).allSatisfy(pending -> assertThat(failure(pending))
                .isInstanceOf(ClusterUnavailableException.class)
                .hasMessage(WireFormat.VERSION_MISMATCH
                        + ": the client runs dartboard 1.0 and node n1 runs 9.9.9; run the same version everywhere"));
    }

    @Test
    void anyOtherFailureLosesTheBatchSoThatTheRunSendsItAgain() {
        Throwable cause = BatchSettler.causeOf(new CompletionException(new IOException("connection reset")));

        settler.failed(batch, cause);

        assertThat(batch).allSatisfy(pending -> assertThat(failure(pending))
                .isInstanceOfSatisfying(Farm.JobLostException.class, lost -> {
                    assertThat(lost.worker()).isEqualTo(NODES);
                    assertThat(lost).hasMessage("java.io.IOException: connection reset");
                }));
    }

    private static Throwable failure(PendingJob pending) {
        return pending.result().handle((result, failure) -> failure).join();
    }

    private static PendingJob pending(long id) {
        return new PendingJob(new JobSpec(id, 7, id * 100, 100), new CompletableFuture<>());
    }

    private static JobResult result(long id, String worker) {
        return new JobResult(id, 100, 78 + id, worker, 1_700_000_000_000L, 5_000);
    }

    private static Object[] answer(List<JobResult> results, List<String> lostNodes, List<Long> jobsRerun,
            List<Long> rerunJobIds) {
        return WireFormat.answer(results, lostNodes, jobsRerun, rerunJobIds);
    }

    /** Writes down what the run is told, and whether a re-run job was already counted when told. */
    private final class Recorder implements Farm.Events {

        private final List<String> events = new ArrayList<>();

        @Override
        public void workerJoined(Worker worker) {
            events.add(worker.name() + " joined");
        }

        @Override
        public void workerLost(Worker worker) {
            events.add(worker.name() + " lost");
        }

        @Override
        public void jobRunAgain(JobSpec job, String why) {
            boolean counted = batch.get((int) job.id()).result().isDone();
            events.add("job " + job.id() + " run again, " + (counted ? "counted already" : "not counted yet"));
        }
    }
}
