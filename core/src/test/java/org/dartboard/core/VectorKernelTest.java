package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector kernel counts exactly the points the scalar kernel counts, for every seed and range: random
 * (seed, start, length) triples, every length around the vector width, ranges across the 2<sup>64</sup>
 * wrap-around and the C reference's counts; and the same for lattice darts, whose ranges cross the
 * 2<sup>32</sup> wrap of the coordinates. Runs on any JDK with {@code jdk.incubator.vector} (the build adds
 * the module to the tests): exactness must hold on JDK 17 too, where the kernel may be slow. Every test
 * runs for each way of counting the lanes inside ({@link LaneCounting}), since each has loops of its own.
 */
class VectorKernelTest {

    private static final CountingLoop SCALAR = new ScalarKernel();
    private static final long LOW = 0xFFFF_FFFFL;

    @BeforeAll
    static void theVectorModuleIsThere() {
        assertThat(ModuleLayer.boot().findModule(Kernel.VECTOR_MODULE))
                .as("the tests run with --add-modules %s (surefire's argLine in the parent POM)", Kernel.VECTOR_MODULE)
                .isPresent();
    }

    @ParameterizedTest
    @EnumSource(LaneCounting.class)
    void isNamedVectorAndSaysHowItCounts(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        assertThat(vector.name()).isEqualTo("vector");
        assertThat(vector.lanes()).isPositive();
        assertThat(vector.variant()).isEqualTo(counting.words());
    }

    @Test
    void loadsOneLoopForEachWayOfCounting() {
        assertThat(Kernel.loadVectors()).extracting(CountingLoop::variant)
                .containsExactly(LaneCounting.MASKS.words(), LaneCounting.CARRY_BITS.words(),
                        LaneCounting.HALF_SUMS.words());
    }

    /** Many random ranges, most of them not a whole number of vectors long. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void countsLikeTheScalarKernelOnRandomRanges(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        SplittableRandom random = new SplittableRandom(20_260_401);
        for (int trial = 0; trial < 3000; trial++) {
            long seed = random.nextLong();
            long first = trial % 3 == 0 ? -random.nextLong(1, 20_000) : random.nextLong();
            long count = random.nextLong(trial % 10 == 0 ? 200_000 : 3_000);
            assertThat(vector.countInside(seed, first, count))
                    .as("seed %d, points [%s, +%d)", seed, Long.toUnsignedString(first), count)
                    .isEqualTo(SCALAR.countInside(seed, first, count));
        }
    }

    /** Every length up to three loop turns of four vectors, so every size of the scalar tail is used. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void countsEveryShortLengthLikeTheScalarKernel(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        int turn = 4 * vector.lanes();
        for (long count = 0; count <= 3L * turn + 1; count++) {
            for (long first : new long[] {0, 5, -count / 2, -1, Long.MAX_VALUE - 3}) {
                assertThat(vector.countInside(777, first, count)).as("points [%s, +%d)", Long.toUnsignedString(first), count)
                        .isEqualTo(SCALAR.countInside(777, first, count));
            }
        }
    }

    static Stream<Arguments> wrappingRanges() {
        return Stream.of(LaneCounting.values()).flatMap(VectorKernelTest::wrappingRangesOf);
    }

    private static Stream<Arguments> wrappingRangesOf(LaneCounting counting) {
        return Stream.of(
                Arguments.of(counting, 12345L, -1000L, 3000L),
                Arguments.of(counting, 0L, -1L, 2L),
                Arguments.of(counting, -1L, -65_536L, 100_000L),
                Arguments.of(counting, 3L, -33L, 67L),
                Arguments.of(counting, 7L, Long.MAX_VALUE - 10, 20_000L),
                Arguments.of(counting, 7L, Long.MIN_VALUE, 10_003L),
                Arguments.of(counting, Long.MIN_VALUE, -7L, 1_000_001L));
    }

    /** Ranges across index 2^64 (back to 0) and across 2^63 are counted modulo 2^64, like random access. */
    @ParameterizedTest(name = "{0}: seed {1}, points [{2}, {2} + {3}) mod 2^64")
    @MethodSource("wrappingRanges")
    void countsRangesThatWrapLikeRandomAccess(LaneCounting counting, long seed, long first, long count) {
        CountingLoop vector = Kernel.loadVector(counting);
        long inside = 0;
        for (long i = 0; i < count; i++) {
            inside += QuarterCircle.contains(PointStream.word(seed, first + i)) ? 1 : 0;
        }
        assertThat(vector.countInside(seed, first, count)).isEqualTo(inside);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void countsLikeTheJdkGenerator(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        SplittableRandom random = new SplittableRandom(42);
        long inside = 0;
        for (int i = 0; i < 100_003; i++) {
            inside += QuarterCircle.contains(random.nextLong()) ? 1 : 0;
        }
        assertThat(vector.countInside(42, 0, 100_003)).isEqualTo(inside);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void emptyRangeCountsNothing(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        assertThat(vector.countInside(12345, 0, 0)).isZero();
        assertThat(vector.countInside(12345, -1, 0)).isZero();
        assertThat(vector.countLatticeInside(12345, 0, 0)).isZero();
        assertThat(vector.countLatticeInside(12345, (1L << 32) - 1, 0)).isZero();
    }

    /** Values computed by the C reference kernel (bench/c). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void matchesTheCReferenceKernel(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        assertThat(vector.countInside(12345, 0, 10_000_038)).isEqualTo(7_855_063);
        assertThat(vector.countInside(12345, 0, 1_000_000_000L)).isEqualTo(785_415_742);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void splittingARangeDoesNotChangeItsCount(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            long seed = random.nextLong();
            long first = random.nextLong();
            long count = random.nextLong(100_000);
            long split = random.nextLong(count + 1);
            assertThat(vector.countInside(seed, first, split) + vector.countInside(seed, first + split, count - split))
                    .isEqualTo(vector.countInside(seed, first, count));
        }
    }

    /**
     * Lattice darts on many random replicas: the first point below 2^32 (where a replica's points are), just
     * below 2^32 so that the range wraps the coordinates, above 2^32 and anywhere (the loop takes any long).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void countsTheLatticeLikeTheScalarKernelOnRandomRanges(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        SplittableRandom random = new SplittableRandom(20_260_402);
        for (int trial = 0; trial < 3000; trial++) {
            long shift = random.nextLong();
            long first = switch (trial % 4) {
                case 0 -> random.nextLong(1L << 32);
                case 1 -> (1L << 32) - random.nextLong(1, 20_000);
                case 2 -> (1L << 32) + random.nextLong(1L << 40);
                default -> random.nextLong();
            };
            long count = random.nextLong(trial % 10 == 0 ? 200_000 : 3_000);
            assertThat(vector.countLatticeInside(shift, first, count))
                    .as("shift %x, points [%s, +%d)", shift, Long.toUnsignedString(first), count)
                    .isEqualTo(SCALAR.countLatticeInside(shift, first, count));
        }
    }

    /** Every lattice length up to a few hundred points, so every size of the scalar tail and of the loop. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void countsEveryShortLatticeLengthLikeTheScalarKernel(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        long[] shifts = {0, -1, Lattice.shift(777, 0), 0xFFFF_FFFFL, 0xFFFF_FFFFL << 32};
        for (long count = 0; count <= 300; count++) {
            for (long first : new long[] {0, 5, (1L << 32) - count / 2, (1L << 32) - 1, 1L << 32, 3L << 32 | 7,
                -count / 2, Long.MAX_VALUE - 3}) {
                for (long shift : shifts) {
                    assertThat(vector.countLatticeInside(shift, first, count))
                            .as("shift %x, points [%s, +%d)", shift, Long.toUnsignedString(first), count)
                            .isEqualTo(SCALAR.countLatticeInside(shift, first, count));
                }
            }
        }
    }

    /**
     * Darts on the circle's edge, and just outside it, in every lane of a loop turn: a lattice shift puts a
     * chosen point at a chosen index, so the vector loop (not its scalar tail) decides the very points where
     * an inexact test would fail, with x² or y² near 2<sup>64</sup>, or both near 2<sup>63</sup>.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void countsTheCirclesEdgeInEveryLaneLikeTheScalarKernel(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        int turn = 4 * vector.lanes();
        BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
        for (long x : new long[] {1, 2, 1L << 16, (1L << 31) + 1, 3_037_000_499L, 3_037_000_500L, LOW - 1, LOW}) {
            long edge = twoTo64.subtract(BigInteger.valueOf(x).pow(2)).sqrt().longValueExact();
            for (long[] point : new long[][] {{x, edge}, {x, edge + 1}, {edge, x}, {edge + 1, x}, {LOW, LOW}, {0, LOW}}) {
                if (point[0] > LOW || point[1] > LOW) {
                    continue;
                }
                for (int lane = 0; lane < turn; lane++) {
                    long shift = ((point[0] - lane * Lattice.A1) & LOW) | ((point[1] - lane * Lattice.A2) << 32);
                    assertThat(Lattice.word(shift, lane)).isEqualTo(point[1] << 32 | point[0]);
                    assertThat(vector.countLatticeInside(shift, 0, turn)).as("(%d, %d) at index %d", point[0], point[1], lane)
                            .isEqualTo(SCALAR.countLatticeInside(shift, 0, turn));
                }
            }
        }
    }

    /** The lattice points as their definition gives them, one by one, across the 2^32 wrap and beyond. */
    @ParameterizedTest(name = "{0}: shift {1}, points [{2}, {2} + {3})")
    @MethodSource("wrappingRanges")
    void countsTheLatticeLikeItsDefinition(LaneCounting counting, long shift, long first, long count) {
        CountingLoop vector = Kernel.loadVector(counting);
        long inside = 0;
        for (long i = 0; i < count; i++) {
            inside += QuarterCircle.contains(Lattice.word(shift, first + i)) ? 1 : 0;
        }
        long sinceWrap = (1L << 32) - count / 2;
        long insideAcrossWrap = 0;
        for (long i = 0; i < count; i++) {
            insideAcrossWrap += QuarterCircle.contains(Lattice.word(shift, sinceWrap + i)) ? 1 : 0;
        }

        assertThat(vector.countLatticeInside(shift, first, count)).isEqualTo(inside);
        assertThat(vector.countLatticeInside(shift, sinceWrap, count)).isEqualTo(insideAcrossWrap);
    }

    /** A quarter of a replica, about 2^30 points, across the replica's end: long runs of whole loop turns. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void countsALargeLatticeRangeLikeTheScalarKernel(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        assertThat(vector.countLatticeInside(LARGE_LATTICE_SHIFT, LARGE_LATTICE_FIRST, LARGE_LATTICE_COUNT))
                .isEqualTo(LargeLatticeRange.SCALAR_COUNT);
    }

    private static final long LARGE_LATTICE_SHIFT = Lattice.shift(12345, 3);
    private static final long LARGE_LATTICE_FIRST = (1L << 32) - (1L << 29);
    private static final long LARGE_LATTICE_COUNT = (1L << 30) + 13;

    /** The scalar kernel's count of the large range, worked out once for every way of counting the lanes. */
    private static final class LargeLatticeRange {
        static final long SCALAR_COUNT = SCALAR.countLatticeInside(LARGE_LATTICE_SHIFT, LARGE_LATTICE_FIRST,
                LARGE_LATTICE_COUNT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(LaneCounting.class)
    void splittingALatticeRangeDoesNotChangeItsCount(LaneCounting counting) {
        CountingLoop vector = Kernel.loadVector(counting);
        SplittableRandom random = new SplittableRandom(8);
        for (int trial = 0; trial < 200; trial++) {
            long shift = random.nextLong();
            long first = random.nextLong(1L << 33);
            long count = random.nextLong(100_000);
            long split = random.nextLong(count + 1);
            assertThat(vector.countLatticeInside(shift, first, split)
                    + vector.countLatticeInside(shift, first + split, count - split))
                    .isEqualTo(vector.countLatticeInside(shift, first, count));
        }
    }
}
