package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Lattice darts are the points their definition says: the R2 generators rounded to odd numbers, a shift per
 * replica from the seed, and the scalar loop that counts them equal to the definition, point by point.
 */
class LatticeTest {

    private static final BigInteger TWO_TO_32 = BigInteger.ONE.shiftLeft(32);

    @Test
    void theGeneratorsAreTheOddNumbersNearest2To32OverThePlasticNumberAndItsSquare() {
        double rho = 1.3;
        for (int step = 0; step < 60; step++) {
            rho -= (rho * rho * rho - rho - 1) / (3 * rho * rho - 1);
        }
        assertThat(rho * rho * rho).isCloseTo(rho + 1, within(1e-12));
        assertThat(Lattice.A1).isOdd().isEqualTo(nearestOdd(0x1p32 / rho));
        assertThat(Lattice.A2).isOdd().isEqualTo(nearestOdd(0x1p32 / (rho * rho)));
    }

    @Test
    void aPointIsItsShiftPlusItsIndexTimesTheGeneratorsModulo2To32() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 1_000; trial++) {
            long shift = random.nextLong();
            long index = random.nextLong(1L << 32);
            BigInteger x = BigInteger.valueOf(shift & 0xFFFF_FFFFL)
                    .add(BigInteger.valueOf(index).multiply(BigInteger.valueOf(Lattice.A1))).mod(TWO_TO_32);
            BigInteger y = BigInteger.valueOf(shift >>> 32)
                    .add(BigInteger.valueOf(index).multiply(BigInteger.valueOf(Lattice.A2))).mod(TWO_TO_32);
            long word = Lattice.word(shift, index);

            assertThat(word & 0xFFFF_FFFFL).isEqualTo(x.longValueExact());
            assertThat(word >>> 32).isEqualTo(y.longValueExact());
        }
    }

    @Test
    void aReplicasPointsAreAllDifferentAndEachReplicaHasItsOwnShift() {
        long shift = Lattice.shift(42, 0);
        Set<Long> seen = new HashSet<>();
        for (long index = 0; index < 100_000; index++) {
            assertThat(seen.add(Lattice.word(shift, index))).as("point %d", index).isTrue();
        }
        Set<Long> shifts = new HashSet<>();
        for (int replica = 0; replica < JobPlan.MAX_REPLICAS; replica++) {
            shifts.add(Lattice.shift(42, replica));
        }
        assertThat(shifts).hasSize(JobPlan.MAX_REPLICAS);
        assertThat(Lattice.shift(43, 0)).isNotEqualTo(Lattice.shift(42, 0));
    }

    @Test
    void theScalarLoopCountsWhatTheDefinitionCounts() {
        CountingLoop scalar = new ScalarKernel();
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            long shift = random.nextLong();
            long first = trial % 3 == 0 ? (1L << 32) - random.nextLong(1, 100) : random.nextLong(1L << 32);
            long count = random.nextLong(0, 2_000);
            long expected = 0;
            for (long i = 0; i < count; i++) {
                expected += QuarterCircle.contains(Lattice.word(shift, first + i)) ? 1 : 0;
            }
            assertThat(scalar.countLatticeInside(shift, first, count))
                    .as("shift %x, points [%d, +%d)", shift, first, count).isEqualTo(expected);
        }
    }

    @Test
    void latticeJobsAreCountedOnTheirReplicasLatticeInChunks() {
        JobPlan plan = JobPlan.of(3 * Kernel.CHUNK_POINTS / 2, 4, 9).lattice(2);
        for (long id = 0; id < plan.jobs(); id++) {
            JobSpec job = plan.job(id);
            long expected = new ScalarKernel().countLatticeInside(Lattice.shift(9, job.replica()), job.firstPoint(),
                    job.points());

            assertThat(Kernel.scalar().count(job, "test", () -> false).inside()).as("job %d", id).isEqualTo(expected);
            assertThat(Kernel.scalar().countInside(job)).isEqualTo(expected);
        }
    }

    private static long nearestOdd(double value) {
        long rounded = Math.round(value);
        if (rounded % 2 != 0) {
            return rounded;
        }
        return value > rounded ? rounded + 1 : rounded - 1;
    }
}
