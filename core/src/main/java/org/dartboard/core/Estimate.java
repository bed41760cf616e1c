package org.dartboard.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * π estimated from an exact count, with honest error bars.
 *
 * <p>Random darts: each dart lands inside with probability p = π/4, so 4·inside/points estimates π with
 * standard error 4·√(p(1−p)/n). The p used there is (inside + 2)/(n + 4) (Agresti–Coull): the same as
 * inside/n for any run worth the name, and never 0 for a handful of points, where inside/n would claim no
 * error at all. The 95% interval is ±1.96 standard errors.
 *
 * <p>Lattice darts: the points of one replica are not independent, so that formula does not apply; but the
 * replicas are (each has its own random shift), and each is an unbiased estimate of π. The standard error is
 * the standard deviation of the replicas' estimates over √R, and the 95% interval comes from Student's t with
 * R − 1 degrees of freedom. Until two replicas have points, or when every replica gives exactly the same
 * estimate (a handful of points), the binomial error bar stands in: for lattice darts it is larger than
 * the true one.
 *
 * @param count the exact totals the estimate is made from; not empty
 * @param pi 4·inside/points, rounded to a double
 * @param standardError one standard error of {@code pi}
 * @param errorBar how the standard error was made
 * @param degreesOfFreedom of the replicas' spread: R − 1; 0 for the binomial error bar
 */
public record Estimate(Count count, double pi, double standardError, ErrorBar errorBar, int degreesOfFreedom) {

    /** How an estimate's standard error was made. */
    public enum ErrorBar {
        /** From the binomial variance of independent random darts. */
        BINOMIAL,
        /** From the spread of independent replicas (lattice darts), with Student's t for the interval. */
        REPLICAS;

        /** The name the reports print: {@code binomial}, {@code replicas}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Two-sided 95% quantile of the standard normal distribution. */
    public static final double Z_95 = 1.959963984540054;

    /** Creates the estimate of a count; the count must not be empty. */
    public static Estimate of(Count count) {
        if (count.isEmpty()) {
            throw new IllegalArgumentException("no points counted yet: nothing to estimate");
        }
        // 34 digits: enough for the nearest double (17 would do; DECIMAL64's 16 would not).
        double pi = exactRatio(count, MathContext.DECIMAL128).doubleValue();
        Count.Replicas replicas = count.replicas();
        int used = 0;
        double sum = 0;
        for (int r = 0; r < replicas.size(); r++) {
            if (replicas.points(r) > 0) {
                used++;
                sum += 4.0 * replicas.inside(r) / replicas.points(r);
            }
        }
        if (used >= 2) {
            double mean = sum / used;
            double squares = 0;
            for (int r = 0; r < replicas.size(); r++) {
                if (replicas.points(r) > 0) {
                    double deviation = 4.0 * replicas.inside(r) / replicas.points(r) - mean;
                    squares += deviation * deviation;
                }
            }
            double standardError = Math.sqrt(squares / (used - 1) / used);
            if (standardError > 0) {
                return new Estimate(count, pi, standardError, ErrorBar.REPLICAS, used - 1);
            }
        }
        return new Estimate(count, pi, binomialStandardError(count), ErrorBar.BINOMIAL, 0);
    }

    /**
     * The standard error random darts have at this count: 4·√(p(1−p)/n) with p = (inside + 2)/(n + 4). For
     * a count of lattice darts, what random darts would have given with as many points: the yardstick the
     * pictures draw beside the lattice's own error bar.
     */
    public static double binomialStandardError(Count count) {
        double n = count.points().doubleValue();
        double p = (count.inside().doubleValue() + 2) / (n + 4);
        return 4 * Math.sqrt(p * (1 - p) / n);
    }

    /**
     * How many standard errors the 95% interval reaches on each side: 1.96 for the binomial error bar,
     * Student's t quantile for R − 1 degrees of freedom for replicas (2.13 for 16 replicas).
     */
    public double criticalValue() {
        return errorBar == ErrorBar.BINOMIAL ? Z_95 : StudentT.quantile975(degreesOfFreedom);
    }

    /** Lower end of the 95% confidence interval, never below 0. */
    public double ciLow() {
        return Math.max(0, pi - criticalValue() * standardError);
    }

    /** Upper end of the 95% confidence interval, never above 4. */
    public double ciHigh() {
        return Math.min(4, pi + criticalValue() * standardError);
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
