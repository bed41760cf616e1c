package org.dartboard.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * π estimated from an exact count, with honest error bars.
 *
 * <p>Each dart lands inside with probability p = π/4, so 4·inside/points estimates π with standard error
 * 4·√(p(1−p)/n). The p used there is (inside + 2)/(n + 4) (Agresti–Coull): the same as inside/n for any
 * run worth the name, and never 0 for a handful of points, where inside/n would claim no error at all.
 *
 * @param count the exact totals the estimate is made from; not empty
 * @param pi 4·inside/points, rounded to a double
 * @param standardError one standard error of {@code pi}
 */
public record Estimate(Count count, double pi, double standardError) {

    /** Two-sided 95% quantile of the standard normal distribution. */
    public static final double Z_95 = 1.959963984540054;

    /** Creates the estimate of a count; the count must not be empty. */
    public static Estimate of(Count count) {
        if (count.isEmpty()) {
            throw new IllegalArgumentException("no points counted yet: nothing to estimate");
        }
        double n = count.points().doubleValue();
        // 34 digits: enough for the nearest double (17 would do; DECIMAL64's 16 would not).
        double pi = exactRatio(count, MathContext.DECIMAL128).doubleValue();
        double p = (count.inside().doubleValue() + 2) / (n + 4);
        double standardError = 4 * Math.sqrt(p * (1 - p) / n);
        return new Estimate(count, pi, standardError);
    }

    /** Lower end of the 95% confidence interval, never below 0. */
    public double ciLow() {
        return Math.max(0, pi - Z_95 * standardError);
    }

    /** Upper end of the 95% confidence interval, never above 4. */
    public double ciHigh() {
        return Math.min(4, pi + Z_95 * standardError);
    }

    /**
     * How many decimals of the estimate mean something: the largest d with 10<sup>−d</sup> ≥ one
     * standard error, so the last meaningful decimal is uncertain by about one unit. 0 when even the
     * units are uncertain.
     */
    public int meaningfulDecimals() {
        return Math.max(0, (int) Math.floor(-Math.log10(standardError)));
    }

    /** The estimate rounded to its meaningful decimals: the digits a careful person would quote. */
    public BigDecimal meaningfulValue() {
        return BigDecimal.valueOf(pi).setScale(meaningfulDecimals(), RoundingMode.HALF_EVEN);
    }

    /** How many standard errors the estimate lies from the true π. */
    public double zScore() {
        return (pi - Math.PI) / standardError;
    }

    /**
     * 4·inside/points computed exactly from the integers and cut (not rounded) to {@code digits}
     * significant digits, so every digit shown is a digit of the exact rational. Fewer digits come back
     * when the decimal expansion ends sooner.
     */
    public BigDecimal exactDigits(int digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("digits must be at least 1, got " + digits);
        }
        return exactRatio(count, new MathContext(digits, RoundingMode.DOWN));
    }

    /** Whether the exact rational 4·inside/points has a finite decimal expansion of at most that many digits. */
    public boolean isExactWithin(int digits) {
        BigDecimal cut = exactDigits(digits);
        return cut.multiply(new BigDecimal(count.points())).compareTo(new BigDecimal(fourTimesInside(count))) == 0;
    }

    private static BigDecimal exactRatio(Count count, MathContext context) {
        return new BigDecimal(fourTimesInside(count)).divide(new BigDecimal(count.points()), context);
    }

    private static BigInteger fourTimesInside(Count count) {
        return count.inside().shiftLeft(2);
    }
}
