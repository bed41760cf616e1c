package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.dartboard.core.Count;
import org.dartboard.core.JobResult;
import org.junit.jupiter.api.Test;

/** The per-worker table and the list of workers lost during a run, even those that came back. */
class WorkerStatisticsTest {

    @Test
    void aWorkerLostAndBackIsUpInTheTableAndStillListedAsLost() {
        WorkerStatistics statistics = new WorkerStatistics();
        Worker node = new Worker("pi2", "192.0.2.2:10800", 4, false);
        statistics.jobCounted(new JobResult(0, 100, 80, "pi2", 0, 1_000), Count.NONE);
        statistics.workerLost(node.asLost());
        statistics.workerJoined(node);
        statistics.workerLost(node.asLost());
        statistics.jobCounted(new JobResult(1, 100, 75, "pi2", 0, 1_000), Count.NONE);

        assertThat(statistics.lostWorkers(List.of(node))).containsExactly("pi2");
        List<RunOutcome.WorkerRow> rows = statistics.rows(List.of(node));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.worker().lost()).isFalse();
            assertThat(row.lostDuringRun()).isTrue();
            assertThat(row.jobs()).isEqualTo(2);
            assertThat(row.points()).isEqualTo(BigInteger.valueOf(200));
        });
    }

    @Test
    void noLossNoNames() {
        assertThat(new WorkerStatistics().lostWorkers(List.of(new Worker("pi3", "192.0.2.3:10800", 4, false))))
                .isEmpty();
    }

    @Test
    void aWorkerTheFarmListsAsLostIsListedEvenIfNobodySaidSo() {
        Worker gone = new Worker("pi4", "192.0.2.4:10800", 4, true);

        assertThat(new WorkerStatistics().lostWorkers(List.of(gone))).containsExactly("pi4");
    }
}
