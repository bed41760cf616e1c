package org.dartboard.core;

/**
 * Student's t distribution, as far as the error bar of lattice darts needs it: the two-sided 95% quantile
 * for ν degrees of freedom, by bisection on the distribution function, which is the regularized incomplete
 * beta function (evaluated by its continued fraction, the modified Lentz method). Tested against Commons
 * Math's {@code TDistribution}.
 */
final class StudentT {

    private static final int CACHED = JobPlan.MAX_REPLICAS;
    private static final double[] QUANTILES_975 = new double[CACHED + 1];

    private StudentT() {
    }

    /** The t with P(T ≤ t) = 0.975 for ν degrees of freedom, ν ≥ 1: the 95% interval is ±t standard errors. */
    static double quantile975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + degreesOfFreedom);
        }
        if (degreesOfFreedom > CACHED) {
            return quantile(0.975, degreesOfFreedom);
        }
        synchronized (QUANTILES_975) {
            if (QUANTILES_975[degreesOfFreedom] == 0) {
                QUANTILES_975[degreesOfFreedom] = quantile(0.975, degreesOfFreedom);
            }
            return QUANTILES_975[degreesOfFreedom];
        }
    }

    /** The t with P(T ≤ t) = p, for 0.5 ≤ p < 1. */
    static double quantile(double p, double degreesOfFreedom) {
        double low = 0;
        double high = 1;
        while (cdf(high, degreesOfFreedom) < p) {
            high *= 2;
        }
        for (int step = 0; step < 200 && high - low > 1e-15 * high; step++) {
            double middle = (low + high) / 2;
            if (cdf(middle, degreesOfFreedom) < p) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /** P(T ≤ t) for t ≥ 0: 1 − I_x(ν/2, 1/2) / 2 with x = ν / (ν + t²). */
    static double cdf(double t, double degreesOfFreedom) {
        double x = degreesOfFreedom / (degreesOfFreedom + t * t);
        return 1 - regularizedBeta(x, degreesOfFreedom / 2, 0.5) / 2;
    }

    /** I_x(a, b), the regularized incomplete beta function, for 0 ≤ x ≤ 1. */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); else use the symmetry.
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(1 - x, b, a);
        }
        double front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b)) / a;
        return front * betaContinuedFraction(x, a, b);
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double fraction = d;
        for (int m = 1; m <= 10_000; m++) {
            // The even step, then the odd step, of the continued fraction's terms.
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + even * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + even / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            fraction *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + odd * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + odd / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double change = d * c;
            fraction *= change;
            if (Math.abs(change - 1) < 1e-16) {
                break;
            }
        }
        return fraction;
    }

    private static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, nine coefficients), good to about 1e-15. */
    static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] coefficients = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        double z = x - 1;
        double sum = coefficients[0];
        for (int i = 1; i < coefficients.length; i++) {
            sum += coefficients[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
