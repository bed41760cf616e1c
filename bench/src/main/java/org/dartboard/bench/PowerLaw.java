package org.dartboard.bench;

/**
 * A power law y = c·n<sup>exponent</sup>, fitted by ordinary least squares to log y against log n: how an
 * error shrinks with the points of a run.
 *
 * @param exponent the fitted slope of log y against log n
 * @param exponentError the standard error of that slope from the residuals; NaN for a fit of two points,
 *     which passes through both and says nothing of its own uncertainty
 * @param coefficient c, y at n = 1
 * @param fittedPoints how many (n, y) pairs the fit was made from
 */
record PowerLaw(double exponent, double exponentError, double coefficient, int fittedPoints) {

    /**
     * The least-squares power law through these pairs.
     *
     * @throws IllegalArgumentException for fewer than two pairs, arrays of different lengths, a value that
     *     is not positive and finite, or fewer than two different n
     */
    static PowerLaw fit(double[] n, double[] y) {
        if (n.length != y.length) {
            throw new IllegalArgumentException(n.length + " values of n but " + y.length + " of y");
        }
        if (n.length < 2) {
            throw new IllegalArgumentException("a power law needs at least two points, got " + n.length);
        }
        int k = n.length;
        double[] logN = new double[k];
        double[] logY = new double[k];
        for (int i = 0; i < k; i++) {
            if (!(n[i] > 0 && y[i] > 0 && Double.isFinite(n[i]) && Double.isFinite(y[i]))) {
                throw new IllegalArgumentException("a power law is fitted to positive values, got n = " + n[i]
                        + ", y = " + y[i]);
            }
            logN[i] = Math.log(n[i]);
            logY[i] = Math.log(y[i]);
        }
        double meanX = mean(logN);
        double meanY = mean(logY);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < k; i++) {
            sxx += (logN[i] - meanX) * (logN[i] - meanX);
            sxy += (logN[i] - meanX) * (logY[i] - meanY);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a power law needs at least two different n");
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double slopeError = Double.NaN;
        if (k > 2) {
            double squares = 0;
            for (int i = 0; i < k; i++) {
                double residual = logY[i] - (intercept + slope * logN[i]);
                squares += residual * residual;
            }
            slopeError = Math.sqrt(squares / (k - 2) / sxx);
        }
        return new PowerLaw(slope, slopeError, Math.exp(intercept), k);
    }

    /** The law's value at n. */
    double at(double n) {
        return coefficient * Math.pow(n, exponent);
    }

    /**
     * The n at which the law reaches y: where a falling error comes down to a target.
     *
     * @throws IllegalStateException when the law does not fall with n, so no n reaches a smaller y
     */
    double pointsFor(double y) {
        if (!(exponent < 0)) {
            throw new IllegalStateException("the fitted exponent " + exponent + " does not fall with n");
        }
        return Math.pow(y / coefficient, 1 / exponent);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
