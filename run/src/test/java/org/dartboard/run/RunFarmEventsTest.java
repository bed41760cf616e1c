package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.junit.jupiter.api.Test;

/**
 * What a farm tells the run about itself reaches the listeners as the run's own events: workers joining and
 * lost, and jobs the farm ran again by itself, which count as attempts like the run's own retries.
 */
class RunFarmEventsTest {

    private static final JobPlan PLAN = JobPlan.of(100, 30, 5);

    @Test
    void aJobTheFarmRunsAgainIsARetryWithItsAttemptAndCountsOnce() {
        EventfulFarm farm = new EventfulFarm();
        RecordingListener listener = new RecordingListener();
        List<String> workers = new ArrayList<>();
        RunListener watcher = new RunListener() {
            @Override
            public void workerJoined(Worker worker) {
                workers.add("joined " + worker.name());
            }

            @Override
            public void workerLost(Worker worker) {
                workers.add("lost " + worker.name());
            }
        };

        RunOutcome outcome = Runs.of(PLAN, farm, 4, List.of(listener, watcher)).execute();

        assertThat(outcome.isComplete()).isTrue();
        assertThat(outcome.retriedJobs()).as("jobs 0, 10 and 20, twice each").isEqualTo(6);
        assertThat(listener.events(RecordingListener.Retried.class))
                .extracting(retried -> retried.job().id() + ":" + retried.attempt() + ":" + retried.reason())
                .containsExactly("0:2:failover", "0:3:failover", "10:2:failover", "10:3:failover", "20:2:failover",
                        "20:3:failover");
        assertThat(listener.countedIds()).hasSize(30).doesNotHaveDuplicates();
        assertThat(workers).containsExactly("joined node-b", "lost node-a");
        assertThat(outcome.lostWorkers()).containsExactly("node-a");
        assertThat(outcome.workers()).extracting(row -> row.worker().name() + " " + row.lostDuringRun())
                .containsExactly("node-a true", "node-b false");
    }

    /** Answers at once; runs every tenth job twice more by itself, and has a node join and another leave. */
    private static final class EventfulFarm implements Farm {
        private final ScriptedFarm honest = new ScriptedFarm(Runnable::run, ScriptedFarm.ALWAYS_ANSWER);
        private Events events;

        @Override
        public String description() {
            return "eventful";
        }

        @Override
        public int cpus() {
            return 2;
        }

        @Override
        public CompletableFuture<JobResult> submit(JobSpec job) {
            if (job.id() == 15) {
                events.workerJoined(new Worker("node-b", "here", 1, false));
                events.workerLost(new Worker("node-a", "here", 1, true));
            }
            if (job.id() % 10 == 0) {
                events.jobRunAgain(job, "failover");
                events.jobRunAgain(job, "failover");
            }
            JobResult exact = honest.exactResult(job);
            return CompletableFuture.completedFuture(
                    new JobResult(exact.jobId(), exact.points(), exact.inside(), "node-b", 0, 1));
        }

        @Override
        public List<Worker> workers() {
            return List.of(new Worker("node-a", "here", 1, true), new Worker("node-b", "here", 1, false));
        }

        @Override
        public void listen(Events listener) {
            this.events = listener;
        }

        @Override
        public void close() {
        }
    }
}
