package org.dartboard.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;

/**
 * What the command must print, worked out without the command: the count from the reference kernel over
 * the run's whole stream, and the digits of 4·inside/points by schoolbook long division on integers, so
 * that a mistake in the command's own BigDecimal arithmetic cannot hide behind the same mistake here.
 */
final class ReferenceEstimate {

    /** Slices of a long stream counted side by side: a slice may start anywhere, and they add up to the whole. */
    private static final int SLICES = 64;

    /**
     * Two threads (the machine's cores) for the counts a test starts while its nodes are idle: a cluster's
     * start, a frozen node's sleep, a rejoin. Daemons, so that a failed test leaves no JVM waiting for them.
     */
    private static final ExecutorService BACKGROUND = Executors.newFixedThreadPool(2, work -> {
        Thread thread = new Thread(work, "reference-count");
        thread.setDaemon(true);
        return thread;
    });

    private ReferenceEstimate() {
    }

    /** Points inside for seed and total: the count does not depend on the split, so one job of all points. */
    static BigInteger inside(long seed, long totalPoints) {
        return BigInteger.valueOf(Kernel.scalar().countInside(seed, 0, totalPoints));
    }

    /** As {@link #inside(long, long)}, counted on two background threads: for a stream of billions of points. */
    static CompletableFuture<BigInteger> insideInBackground(long seed, long totalPoints) {
        List<CompletableFuture<Long>> parts = new ArrayList<>();
        for (int slice = 0; slice < SLICES; slice++) {
            long first = totalPoints / SLICES * slice;
            long count = slice == SLICES - 1 ? totalPoints - first : totalPoints / SLICES;
            parts.add(CompletableFuture.supplyAsync(() -> Kernel.scalar().countInside(seed, first, count), BACKGROUND));
        }
        return sum(parts);
    }

    /** Points inside for every job of a plan (random or lattice darts), counted on two background threads. */
    static CompletableFuture<BigInteger> insideInBackground(JobPlan plan) {
        List<CompletableFuture<Long>> jobs = new ArrayList<>();
        for (long id = 0; id < plan.jobs(); id++) {
            JobSpec job = plan.job(id);
            jobs.add(CompletableFuture.supplyAsync(() -> Kernel.scalar().countInside(job), BACKGROUND));
        }
        return sum(jobs);
    }

    private static CompletableFuture<BigInteger> sum(List<CompletableFuture<Long>> parts) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> parts.stream().map(CompletableFuture::join).map(BigInteger::valueOf)
                        .reduce(BigInteger.ZERO, BigInteger::add));
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
