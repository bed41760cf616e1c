package org.dartboard.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.dartboard.core.Kernel;

/**
 * What the command must print, worked out without the command: the count from the reference kernel over
 * the run's whole stream, and the digits of 4·inside/points by schoolbook long division on integers, so
 * that a mistake in the command's own BigDecimal arithmetic cannot hide behind the same mistake here.
 */
final class ReferenceEstimate {

    private ReferenceEstimate() {
    }

    /** Points inside for seed and total: the count does not depend on the split, so one job of all points. */
    static BigInteger inside(long seed, long totalPoints) {
        return BigInteger.valueOf(Kernel.scalar().countInside(seed, 0, totalPoints));
    }

    /** The first {@code digits} significant digits of 4·inside/points, cut (never rounded up). */
    static BigDecimal cutDigits(BigInteger inside, BigInteger points, int digits) {
        BigInteger numerator = inside.shiftLeft(2);
        if (numerator.signum() == 0) {
            return BigDecimal.ZERO;
        }
        // The decimal exponent of the leading digit: 10^e <= value < 10^(e+1).
        int exponent = 0;
        while (compareWithPowerOfTen(numerator, points, exponent + 1) >= 0) {
            exponent++;
        }
        while (compareWithPowerOfTen(numerator, points, exponent) < 0) {
            exponent--;
        }
        int scale = digits - 1 - exponent;
        BigInteger scaledNumerator = scale >= 0 ? numerator.multiply(BigInteger.TEN.pow(scale)) : numerator;
        BigInteger scaledPoints = scale >= 0 ? points : points.multiply(BigInteger.TEN.pow(-scale));
        return new BigDecimal(scaledNumerator.divide(scaledPoints), scale).stripTrailingZeros();
    }

    /** Whether 4·inside/points has a finite decimal expansion of at most {@code digits} significant digits. */
    static boolean terminatesWithin(BigInteger inside, BigInteger points, int digits) {
        BigDecimal cut = cutDigits(inside, points, digits);
        return cut.multiply(new BigDecimal(points)).compareTo(new BigDecimal(inside.shiftLeft(2))) == 0;
    }

    /** Sign of numerator/points − 10^exponent. */
    private static int compareWithPowerOfTen(BigInteger numerator, BigInteger points, int exponent) {
        return exponent >= 0
                ? numerator.compareTo(points.multiply(BigInteger.TEN.pow(exponent)))
                : numerator.multiply(BigInteger.TEN.pow(-exponent)).compareTo(points);
    }
}
