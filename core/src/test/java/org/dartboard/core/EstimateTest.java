package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact digits from the integers, and error bars that say how many of them mean something. */
class EstimateTest {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private static Count count(BigInteger inside, BigInteger points) {
        return new Count(1, points, inside);
    }

    private static Count count(long inside, long points) {
        return count(BigInteger.valueOf(inside), BigInteger.valueOf(points));
    }

    static Stream<Count> counts() {
        return Stream.of(
                count(785_398, 1_000_000),
                count(7_855_063, 10_000_038),
                count(785_415_742, 1_000_000_000),
                count(1, 3),
                count(2, 3),
                count(0, 5),
                count(5, 5),
                count(1, 1),
                count(new BigInteger("14488038026393417123"), TWO_TO_64),
                count(new BigInteger("14488038026393417123"), TWO_TO_64.subtract(BigInteger.valueOf(7))),
                count(new BigInteger("123456789012345678901234567"), new BigInteger("157190000000000000000000001")));
    }

    static Stream<Arguments> countsAndDigits() {
        return counts().flatMap(c -> Stream.of(1, 10, 100, 1000).map(d -> Arguments.of(c, d)));
    }

    @ParameterizedTest(name = "{0}, {1} digits")
    @MethodSource("countsAndDigits")
    void exactDigitsAreTheRationalCutToDDigits(Count count, int digits) {
        BigDecimal expected = new BigDecimal(count.inside().multiply(BigInteger.valueOf(4)))
                .divide(new BigDecimal(count.points()), new MathContext(digits, RoundingMode.DOWN));
        assertThat(Estimate.of(count).exactDigits(digits)).isEqualTo(expected);
    }

    @Test
    void exactDigitsAreCutNotRounded() {
        // 4·2/3 = 2.666…: rounding would give 2.67, cutting gives 2.66.
        assertThat(Estimate.of(count(2, 3)).exactDigits(3)).isEqualTo(new BigDecimal("2.66"));
        assertThat(Estimate.of(count(2, 3)).exactDigits(1000).toPlainString()).matches("2\\.6{999}");
    }

    @ParameterizedTest(name = "{0}/{1} within {2} digits: {3}")
    @CsvSource({
        "785398, 1000000, 7, true",
        "785398, 1000000, 6, false",
        "785398, 1000000, 1000, true",
        "1, 3, 1000, false",
        "2, 3, 10, false",
        "0, 5, 1, true",
        "5, 5, 1, true",
        "1, 8, 1, true",
        "1, 16, 2, true",
        "1, 16, 1, false",
        "7855063, 10000038, 1000, false"
    })
    void isExactWithinTellsTerminatingFromNonTerminatingExpansions(long inside, long points, int digits,
            boolean exact) {
        assertThat(Estimate.of(count(inside, points)).isExactWithin(digits)).isEqualTo(exact);
    }

    private static double correctlyRounded(Count count) {
        // 34 digits, then one rounding to binary: the nearest double but for astronomically rare ties.
        return new BigDecimal(count.inside().shiftLeft(2))
                .divide(new BigDecimal(count.points()), MathContext.DECIMAL128).doubleValue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void piIsTheRatioToSixteenDigits(Count count) {
        double exact = correctlyRounded(count);
        assertThat(Estimate.of(count).pi()).isCloseTo(exact, within(exact * 1e-15));
    }

    /**
     * {@code Estimate.of} goes through a 16-digit decimal, one digit short of a double: 4/3 comes out as
     * 1.333333333333333, 1.35 units in the last place from the nearest double. Enable with the fix in the
     * report.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void piIsTheNearestDoubleToTheRatio(Count count) {
        assertThat(Estimate.of(count).pi()).isEqualTo(correctlyRounded(count));
    }

    /** Agresti–Coull: p = (inside + 2)/(n + 4), standard error 4·√(p(1 − p)/n). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void standardErrorFollowsTheBinomialFormula(Count count) {
        double n = count.points().doubleValue();
        double p = (count.inside().doubleValue() + 2) / (n + 4);
        double expected = 4 * Math.sqrt(p * (1 - p) / n);
        assertThat(Estimate.of(count).standardError()).isCloseTo(expected, within(expected * 1e-12));
    }

    @Test
    void standardErrorIsThePlainBinomialOneForLargeRuns() {
        Estimate estimate = Estimate.of(count(785_398_163, 1_000_000_000));
        double p = 0.785_398_163;
        assertThat(estimate.standardError()).isCloseTo(4 * Math.sqrt(p * (1 - p) / 1e9), within(1e-12));
    }

    @Test
    void aFewPointsAllInsideStillHaveAnError() {
        assertThat(Estimate.of(count(1, 1)).standardError()).isPositive();
        assertThat(Estimate.of(count(0, 1)).standardError()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void confidenceIntervalSurroundsTheEstimateWithinZeroToFour(Count count) {
        Estimate estimate = Estimate.of(count);
        assertThat(estimate.ciLow()).isBetween(0.0, estimate.pi());
        assertThat(estimate.ciHigh()).isBetween(estimate.pi(), 4.0);
        double halfWidth = Estimate.Z_95 * estimate.standardError();
        if (estimate.pi() - halfWidth >= 0 && estimate.pi() + halfWidth <= 4) {
            assertThat(estimate.ciLow()).isCloseTo(estimate.pi() - halfWidth, within(1e-15));
            assertThat(estimate.ciHigh()).isCloseTo(estimate.pi() + halfWidth, within(1e-15));
        }
    }

    @Test
    void confidenceIntervalIsClampedToZeroAndFour() {
        Estimate allInside = Estimate.of(count(3, 3));
        assertThat(allInside.pi()).isEqualTo(4.0);
        assertThat(allInside.ciHigh()).isEqualTo(4.0);
        Estimate noneInside = Estimate.of(count(0, 3));
        assertThat(noneInside.pi()).isZero();
        assertThat(noneInside.ciLow()).isZero();
        Estimate half = Estimate.of(count(1, 2));
        assertThat(half.ciLow()).isZero();
        assertThat(half.ciHigh()).isEqualTo(4.0);
    }

    @ParameterizedTest(name = "standard error {0}: {1} decimals")
    @CsvSource({
        "4.1e-4, 3",
        "1e-3, 3",
        "9.99e-4, 3",
        "1.01e-3, 2",
        "0.05, 1",
        "0.1, 1",
        "0.5, 0",
        "1.0, 0",
        "3.0, 0",
        "1.6e-9, 8"
    })
    void meaningfulDecimalsAreThoseNotSmallerThanOneStandardError(double standardError, int decimals) {
        Estimate estimate = binomial(3.141592, standardError);
        assertThat(estimate.meaningfulDecimals()).isEqualTo(decimals);
        assertThat(estimate.meaningfulValue().scale()).isEqualTo(decimals);
    }

    @Test
    void meaningfulValueIsTheEstimateRoundedToThem() {
        Estimate estimate = binomial(3.141592, 4.1e-4);
        assertThat(estimate.meaningfulValue()).isEqualTo(new BigDecimal("3.142"));
    }

    @Test
    void zScoreIsTheDistanceFromPiInStandardErrors() {
        Estimate estimate = binomial(Math.PI + 0.002, 0.001);
        assertThat(estimate.zScore()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void anEmptyCountIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Estimate.of(Count.NONE));
    }

    /** An estimate of 785,398 inside of a million with this value and standard error. */
    private static Estimate binomial(double pi, double standardError) {
        return new Estimate(count(785_398, 1_000_000), pi, standardError, Estimate.ErrorBar.BINOMIAL, 0);
    }
}
