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

/** The 64-bit test agrees with exact arithmetic, x² + y² ≤ 2<sup>64</sup>, above all on the boundary. */
class QuarterCircleTest {

    private static final long MAX = 0xFFFF_FFFFL;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /** The definition, with numbers that cannot overflow. */
    private static boolean insideExactly(long x, long y) {
        BigInteger bx = BigInteger.valueOf(x);
        BigInteger by = BigInteger.valueOf(y);
        return bx.multiply(bx).add(by.multiply(by)).compareTo(TWO_TO_64) <= 0;
    }

    private static long word(long x, long y) {
        return (y << 32) | x;
    }

    /** Largest y with x² + y² ≤ 2^64, which may be 2^32 itself (only for x = 0). */
    private static long boundaryY(long x) {
        BigInteger bx = BigInteger.valueOf(x);
        return TWO_TO_64.subtract(bx.multiply(bx)).sqrt().longValueExact();
    }

    static LongStream boundaryEdges() {
        return LongStream.of(0, 1, 2, 3, 1L << 16, (1L << 31) - 1, 1L << 31, (1L << 31) + 1,
                // Around 2^32/√2, where x and y meet on the boundary.
                3_037_000_498L, 3_037_000_499L, 3_037_000_500L, MAX - 2, MAX - 1, MAX);
    }

    @ParameterizedTest(name = "x = {0}")
    @MethodSource("boundaryEdges")
    void agreesWithExactArithmeticOnTheBoundaryAtItsEdges(long x) {
        checkBoundary(x);
    }

    @Test
    void agreesWithExactArithmeticOnTheBoundaryForManyX() {
        SplittableRandom random = new SplittableRandom(2024);
        LongStream small = LongStream.range(0, 1000);
        LongStream large = LongStream.range(MAX - 1000, MAX + 1);
        LongStream randomXs = LongStream.generate(() -> random.nextLong(MAX + 1)).limit(20_000);
        LongStream.concat(small, LongStream.concat(large, randomXs)).forEach(QuarterCircleTest::checkBoundary);
    }

    /** Checks y − 1, y and y + 1 against the exact test, where y is the boundary's height at x. */
    private static void checkBoundary(long x) {
        long y = boundaryY(x);
        for (long candidate : new long[] {y - 1, y, y + 1}) {
            if (candidate < 0 || candidate > MAX) {
                continue;
            }
            assertThat(QuarterCircle.contains(word(x, candidate))).as("(%d, %d)", x, candidate)
                    .isEqualTo(insideExactly(x, candidate));
            // The quarter circle is symmetric: swapping x and y changes nothing.
            assertThat(QuarterCircle.contains(word(candidate, x))).as("(%d, %d)", candidate, x)
                    .isEqualTo(insideExactly(candidate, x));
        }
        if (y <= MAX) {
            assertThat(QuarterCircle.contains(word(x, y))).as("(%d, %d) on the boundary", x, y).isTrue();
        }
        if (y + 1 <= MAX) {
            assertThat(QuarterCircle.contains(word(x, y + 1))).as("(%d, %d) just outside", x, y + 1).isFalse();
        }
    }

    static Stream<Arguments> corners() {
        return Stream.of(
                Arguments.of(0L, 0L, true),
                Arguments.of(MAX, MAX, false),
                Arguments.of(0L, MAX, true),
                Arguments.of(MAX, 0L, true));
    }

    @ParameterizedTest(name = "({0}, {1}) inside: {2}")
    @MethodSource("corners")
    void corners(long x, long y, boolean inside) {
        assertThat(insideExactly(x, y)).isEqualTo(inside);
        assertThat(QuarterCircle.contains(word(x, y))).isEqualTo(inside);
    }

    @Test
    void agreesWithExactArithmeticOnRandomWords() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long w = random.nextLong();
            assertThat(QuarterCircle.contains(w)).as("word %016x", w)
                    .isEqualTo(insideExactly(w & MAX, w >>> 32));
        }
    }
}
