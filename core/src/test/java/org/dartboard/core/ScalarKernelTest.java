package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written loop counts exactly the points that the readable definitions say are inside. */
class ScalarKernelTest {

    private static final long LOW = 0xFFFF_FFFFL;

    private final CountingLoop kernel = new ScalarKernel();

    /**
     * The definition written plainly: walk the JDK's generator to the first point, then count. Inside means
     * the unsigned 64-bit sum x² + y² does not wrap, a different formulation from the kernel's.
     */
    private static long countWithSplittableRandom(long seed, long first, long count) {
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < first; i++) {
            random.nextLong();
        }
        long inside = 0;
        for (long i = 0; i < count; i++) {
            long word = random.nextLong();
            long xx = (word & 0xFFFF_FFFFL) * (word & 0xFFFF_FFFFL);
            long yy = (word >>> 32) * (word >>> 32);
            if (Long.compareUnsigned(xx + yy, xx) >= 0) {
                inside++;
            }
        }
        return inside;
    }

    /** Random access over the stream, for ranges the JDK's generator cannot be walked to. */
    private static long countWithPointStream(long seed, long first, long count) {
        long inside = 0;
        for (long i = 0; i < count; i++) {
            if (QuarterCircle.contains(PointStream.word(seed, first + i))) {
                inside++;
            }
        }
        return inside;
    }

    static Stream<Arguments> ranges() {
        long[] seeds = {0, 1, -1, 12345, 0x1A2B3C4D5E6F7531L};
        long[][] firstAndCount = {{0, 0}, {0, 1}, {0, 1000}, {1, 1}, {17, 1000}, {123_456, 50_000},
            {999_999, 1}, {500_000, 0}, {0, 200_000}};
        return LongStream.of(seeds).boxed()
                .flatMap(seed -> Stream.of(firstAndCount).map(range -> Arguments.of(seed, range[0], range[1])));
    }

    @ParameterizedTest(name = "seed {0}, points [{1}, {1} + {2})")
    @MethodSource("ranges")
    void countsLikeTheJdkGenerator(long seed, long first, long count) {
        assertThat(kernel.countInside(seed, first, count)).isEqualTo(countWithSplittableRandom(seed, first, count));
    }

    static Stream<Arguments> wrappingRanges() {
        return Stream.of(
                Arguments.of(12345L, -1000L, 3000L),
                Arguments.of(0L, -1L, 2L),
                Arguments.of(-1L, -65_536L, 100_000L),
                Arguments.of(7L, Long.MAX_VALUE - 10, 20_000L),
                Arguments.of(7L, Long.MIN_VALUE, 10_000L));
    }

    /** Ranges across index 2^64 (back to 0) and across 2^63 (the sign bit) are counted modulo 2^64. */
    @ParameterizedTest(name = "seed {0}, points [{1}, {1} + {2}) mod 2^64")
    @MethodSource("wrappingRanges")
    void countsRangesThatWrapLikeRandomAccess(long seed, long first, long count) {
        assertThat(kernel.countInside(seed, first, count)).isEqualTo(countWithPointStream(seed, first, count));
    }

    /** Every length up to 40 from several starts: both halves of the loop, and the odd last point on its own. */
    @Test
    void countsEveryShortLengthLikeTheDefinition() {
        for (long count = 0; count <= 40; count++) {
            for (long first : new long[] {0, 1, 7, -count / 2, -1, Long.MAX_VALUE - 3}) {
                assertThat(kernel.countInside(31, first, count)).as("points [%s, +%d)", Long.toUnsignedString(first), count)
                        .isEqualTo(countWithPointStream(31, first, count));
            }
        }
    }

    /**
     * The loop's inside test, which is not a compare, on the circle's edge and just outside it: a lattice
     * shift makes any point the first of a replica, so these are decided by the loop, against exact arithmetic.
     */
    @Test
    void decidesTheCirclesEdgeExactly() {
        BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
        SplittableRandom random = new SplittableRandom(64);
        for (int trial = 0; trial < 20_000; trial++) {
            long x = trial < 1000 ? trial : trial < 2000 ? LOW - (trial - 1000) : random.nextLong(LOW + 1);
            long edge = twoTo64.subtract(BigInteger.valueOf(x).pow(2)).sqrt().longValueExact();
            for (long y = edge - 1; y <= edge + 1; y++) {
                if (y < 0 || y > LOW) {
                    continue;
                }
                boolean inside = BigInteger.valueOf(x).pow(2).add(BigInteger.valueOf(y).pow(2)).compareTo(twoTo64) <= 0;
                assertThat(kernel.countLatticeInside(y << 32 | x, 0, 1)).as("(%d, %d)", x, y).isEqualTo(inside ? 1 : 0);
                assertThat(kernel.countLatticeInside(x << 32 | y, 0, 1)).as("(%d, %d)", y, x).isEqualTo(inside ? 1 : 0);
            }
        }
    }

    @Test
    void emptyRangeCountsNothing() {
        assertThat(kernel.countInside(12345, 0, 0)).isZero();
        assertThat(kernel.countInside(12345, -1, 0)).isZero();
        assertThat(kernel.countInside(12345, Long.MAX_VALUE, 0)).isZero();
    }

    /** Values computed by the C reference kernel. */
    @Test
    void matchesTheCReferenceKernel() {
        assertThat(kernel.countInside(12345, 0, 10_000_038)).isEqualTo(7_855_063);
    }

    /** About two seconds on one core: the count the C reference kernel gives for a billion points. */
    @Test
    void matchesTheCReferenceKernelForABillionPoints() {
        assertThat(kernel.countInside(12345, 0, 1_000_000_000L)).isEqualTo(785_415_742);
    }

    @Test
    void splittingARangeDoesNotChangeItsCount() {
        SplittableRandom random = new SplittableRandom(99);
        for (int trial = 0; trial < 200; trial++) {
            long seed = random.nextLong();
            long first = random.nextLong();
            long count = random.nextLong(100_000);
            long split = random.nextLong(count + 1);
            long whole = kernel.countInside(seed, first, count);
            long parts = kernel.countInside(seed, first, split) + kernel.countInside(seed, first + split, count - split);
            assertThat(parts).as("seed %d, first %d, %d = %d + %d", seed, first, count, split, count - split)
                    .isEqualTo(whole);
        }
    }

    @Test
    void aJobCountsItsOwnRange() {
        JobSpec job = new JobSpec(3, 12345, 30_000, 10_000);
        assertThat(Kernel.scalar().countInside(job)).isEqualTo(countWithPointStream(12345, 30_000, 10_000));
    }

    @Test
    void isNamedScalar() {
        assertThat(kernel.name()).isEqualTo("scalar");
    }
}
