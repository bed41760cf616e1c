package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.dartboard.core.Count;
import org.dartboard.core.Dart;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.run.RunOutcome;
import org.junit.jupiter.api.Test;

/**
 * The darts of the pictures are the run's own darts, spread over the whole run, each shown once its job
 * is counted, whatever order jobs finish in, up to the last index of the 2<sup>64</sup> stream.
 */
class DartSampleTest {

    @Test
    void aSmallRunShowsEveryDartAndItsInsideCountIsTheRunsCount() {
        JobPlan plan = JobPlan.of(100, 15, 7);
        DartSample sample = new DartSample(2_000);
        RunOutcome outcome;
        outcome = TestRuns.run(plan, 2, 4, sample);

        assertThat(sample.plannedSize()).isEqualTo(1_500);
        assertThat(sample.darts()).hasSize(1_500);
        long inside = sample.darts().stream().filter(Dart::inside).count();
        assertThat(BigInteger.valueOf(inside)).isEqualTo(outcome.count().inside());
    }

    /** A resumed run's picture holds the darts of its journal's jobs at once, and ends as complete as any. */
    @Test
    void aResumedRunShowsTheDartsOfTheJournalsJobsAtOnce() {
        JobPlan plan = JobPlan.of(100, 15, 7);
        DartSample sample = new DartSample(2_000);
        sample.started(plan);
        sample.resumed(Count.NONE, id -> id < 4 || id == 9);

        assertThat(sample.darts()).hasSize(500);
        for (long id = 0; id < plan.jobs(); id++) {
            if (!(id < 4 || id == 9)) {
                sample.jobCounted(result(plan, id), Count.NONE);
            }
        }
        assertThat(sample.darts()).hasSize(1_500).doesNotHaveDuplicates();
    }

    @Test
    void aLargeRunShowsTheSampleSizeOfEvenlySpreadDartsInAnyJobOrder() {
        JobPlan plan = JobPlan.of(7, 100_003, 42);
        DartSample sample = new DartSample(500);
        sample.started(plan);
        List<Long> order = new ArrayList<>();
        for (long id = 0; id < plan.jobs(); id++) {
            order.add(id);
        }
        Collections.shuffle(order, new Random(1));
        for (long id : order) {
            sample.jobCounted(result(plan, id), Count.NONE);
        }

        long total = plan.totalPoints().longValueExact();
        List<Dart> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            expected.add(plan.dart(i * total / 500));
        }
        assertThat(sample.darts()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void dartsAppearOnlyWithTheirJob() {
        JobPlan plan = JobPlan.of(1_000, 10, 3);
        DartSample sample = new DartSample(100);
        sample.started(plan);

        sample.jobCounted(result(plan, 4), Count.NONE);

        // Darts i·10_000/100 = 100·i: job 4 owns points 4000..4999, so darts 40..49.
        List<Dart> expected = new ArrayList<>();
        for (int i = 40; i < 50; i++) {
            expected.add(plan.dart(100L * i));
        }
        assertThat(sample.darts()).containsExactlyElementsOf(expected);
        assertThat(sample.dartsFrom(8)).containsExactlyElementsOf(expected.subList(8, 10));
        assertThat(sample.dartsFrom(10)).isEmpty();
    }

    @Test
    void indicesAbove2To63AreFoundInTheirJobs() {
        // Four jobs of 2^62 points: the whole stream; the last jobs' indices are negative as signed longs.
        JobPlan plan = new JobPlan(9, JobPlan.MAX_TOTAL_POINTS, 1L << 62);
        DartSample sample = new DartSample(8);
        sample.started(plan);

        sample.jobCounted(new JobResult(3, 1L << 62, 0, "w", 0, 0), Count.NONE);
        sample.jobCounted(new JobResult(2, 1L << 62, 0, "w", 0, 0), Count.NONE);

        assertThat(sample.darts()).containsExactly(
                plan.dart(6L << 61), plan.dart(7L << 61),
                plan.dart(4L << 61), plan.dart(5L << 61));
    }

    @Test
    void aDartIsInsideWhenItsCoordinatesAreInsideTheQuarterCircle() {
        JobPlan plan = JobPlan.of(1_000_000, 1, 5);
        DartSample sample = new DartSample(2_000);
        sample.started(plan);
        sample.jobCounted(result(plan, 0), Count.NONE);

        assertThat(sample.darts()).hasSize(2_000).allSatisfy(dart -> {
            assertThat(dart.x()).isBetween(0.0, 1.0);
            assertThat(dart.y()).isBetween(0.0, 1.0);
            double radiusSquared = dart.x() * dart.x() + dart.y() * dart.y();
            if (Math.abs(radiusSquared - 1) > 1e-6) {
                assertThat(dart.inside()).isEqualTo(radiusSquared < 1);
            }
        });
    }

    private static JobResult result(JobPlan plan, long id) {
        return new JobResult(id, plan.job(id).points(), 0, "w", 0, 0);
    }
}
