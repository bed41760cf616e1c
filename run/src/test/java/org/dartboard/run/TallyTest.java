package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dartboard.core.Count;
import org.dartboard.core.JobResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every job is counted exactly once, in exact integers, holding one bit per finished id above the oldest
 * unfinished job.
 */
class TallyTest {

    private final Tally tally = new Tally();

    private static JobResult result(long id, long points, long inside) {
        return new JobResult(id, points, inside, "test", 0, 0);
    }

    @Test
    void startsEmpty() {
        assertThat(tally.count()).isEqualTo(Count.NONE);
        assertThat(tally.count().isEmpty()).isTrue();
        assertThat(tally.heldIds()).isZero();
    }

    @Test
    void ignoresAJobReportedTwice() {
        assertThat(tally.add(result(0, 100, 78))).isTrue();
        Count once = tally.count();
        assertThat(tally.add(result(0, 100, 78))).isFalse();
        assertThat(tally.count()).isEqualTo(once).isEqualTo(new Count(1, BigInteger.valueOf(100), BigInteger.valueOf(78)));
    }

    /** A duplicate is ignored both above the watermark (held id) and below it (forgotten id). */
    @Test
    void ignoresDuplicatesWhetherHeldOrBelowTheWatermark() {
        assertThat(tally.add(result(2, 10, 7))).isTrue();
        assertThat(tally.heldIds()).isEqualTo(1);
        assertThat(tally.add(result(2, 10, 7))).isFalse();
        assertThat(tally.isCounted(1)).isFalse();
        assertThat(tally.add(result(0, 10, 8))).isTrue();
        assertThat(tally.add(result(1, 10, 9))).isTrue();
        assertThat(tally.heldIds()).as("0..2 are now below the watermark").isZero();
        for (long id = 0; id <= 2; id++) {
            assertThat(tally.isCounted(id)).isTrue();
            assertThat(tally.add(result(id, 10, 1))).isFalse();
        }
        assertThat(tally.isCounted(3)).isFalse();
        assertThat(tally.count()).isEqualTo(new Count(3, BigInteger.valueOf(30), BigInteger.valueOf(24)));
    }

    @Test
    void sumsExactlyPastTwoToThe64() {
        BigInteger points = BigInteger.ZERO;
        BigInteger inside = BigInteger.ZERO;
        for (long id = 0; id < 5; id++) {
            long jobPoints = Long.MAX_VALUE - id;
            long jobInside = Long.MAX_VALUE - 2 * id;
            tally.add(result(id, jobPoints, Math.min(jobPoints, jobInside)));
            points = points.add(BigInteger.valueOf(jobPoints));
            inside = inside.add(BigInteger.valueOf(Math.min(jobPoints, jobInside)));
        }
        assertThat(points).isGreaterThan(BigInteger.ONE.shiftLeft(65));
        assertThat(tally.count()).isEqualTo(new Count(5, points, inside));
    }

    @Test
    void sumsExactlyForRandomResults() {
        SplittableRandom random = new SplittableRandom(5);
        BigInteger points = BigInteger.ZERO;
        BigInteger inside = BigInteger.ZERO;
        for (long id = 0; id < 10_000; id++) {
            long jobPoints = 1 + random.nextLong(Long.MAX_VALUE);
            long jobInside = random.nextLong(jobPoints) + (random.nextBoolean() ? 1 : 0);
            assertThat(tally.add(result(id, jobPoints, jobInside))).isTrue();
            points = points.add(BigInteger.valueOf(jobPoints));
            inside = inside.add(BigInteger.valueOf(jobInside));
        }
        assertThat(tally.count()).isEqualTo(new Count(10_000, points, inside));
    }

    /**
     * Jobs handed out in id order, never more than W ids past the oldest unfinished one, finish in any
     * order within that window: the tally keeps fewer than W ids, however many jobs the run has.
     */
    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {1, 2, 64, 1000})
    void heldIdsStayWithinTheWindow(int window) {
        long jobs = 1_000_000;
        SplittableRandom random = new SplittableRandom(window);
        List<Long> inFlight = new ArrayList<>();
        long next = 0;
        long oldestUnfinished = 0;
        int mostHeld = 0;
        for (long counted = 0; counted < jobs; counted++) {
            while (tally.isCounted(oldestUnfinished)) {
                oldestUnfinished++;
            }
            while (next < jobs && next < oldestUnfinished + window) {
                inFlight.add(next++);
            }
            // Any job in the window may finish next; swapping with the last keeps removal O(1).
            int pick = random.nextInt(inFlight.size());
            long id = inFlight.get(pick);
            inFlight.set(pick, inFlight.get(inFlight.size() - 1));
            inFlight.remove(inFlight.size() - 1);
            assertThat(tally.add(result(id, 1, 1))).isTrue();
            mostHeld = Math.max(mostHeld, tally.heldIds());
        }
        assertThat(mostHeld).isLessThan(window);
        assertThat(tally.heldIds()).isZero();
        assertThat(tally.count()).isEqualTo(new Count(jobs, BigInteger.valueOf(jobs), BigInteger.valueOf(jobs)));
    }

    /**
     * The bound above needs the window to limit the spread of ids, not just how many are in flight: one
     * slow job keeps every id finished after it, however few are in flight at a time.
     */
    @Test
    void oneSlowJobHoldsEveryIdFinishedAfterIt() {
        for (long id = 1; id <= 10_000; id++) {
            tally.add(result(id, 1, 1));
        }
        assertThat(tally.heldIds()).isEqualTo(10_000);
        tally.add(result(0, 1, 1));
        assertThat(tally.heldIds()).isZero();
    }

    /** Farms report from many threads, and a re-run job may report at the same time as the original. */
    @Test
    void countsEachJobOnceWhenReportedTwiceFromManyThreads() throws Exception {
        int jobs = 100_000;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> accepted = new ArrayList<>();
            for (int copy = 0; copy < 4; copy++) {
                accepted.add(threads.submit(() -> {
                    long mine = 0;
                    for (long id = 0; id < jobs; id++) {
                        mine += tally.add(result(id, 3, 2)) ? 1 : 0;
                    }
                    return mine;
                }));
            }
            long total = 0;
            for (Future<Long> copy : accepted) {
                total += copy.get();
            }
            assertThat(total).isEqualTo(jobs);
        } finally {
            threads.shutdown();
        }
        assertThat(tally.count()).isEqualTo(new Count(jobs, BigInteger.valueOf(3L * jobs), BigInteger.valueOf(2L * jobs)));
        assertThat(tally.heldIds()).isZero();
    }
}
