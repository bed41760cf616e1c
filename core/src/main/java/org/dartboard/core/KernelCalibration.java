package org.dartboard.core;

import java.time.Duration;
import java.util.Arrays;

/**
 * A short race of a candidate kernel against the scalar one on the same rounds of points: which is faster
 * on this JVM and CPU, as measured, not as guessed from versions. The JDK decides the Vector API's speed
 * far more than the code does (docs/performance.md), and a kernel the JIT has not compiled yet runs 100×
 * slower than it will, so the race goes on until the candidate has been clearly faster for several rounds
 * in a row, until it has lost at a surely compiled loop's speed for {@link #SETTLED_LOSS}, or until the time
 * limit.
 *
 * <p>Both kernels count every round, so the race is also a check that they agree: the first round
 * crosses the 2<sup>64</sup> wrap-around of the point index, no round is a whole number of vectors, and
 * the first round is counted on a lattice too.
 */
final class KernelCalibration {

    /** Points per round: about 20 µs of vector work, and a tail that is not a whole vector. */
    static final long ROUND_POINTS = (1 << 16) + 7;
    /** Rounds in a row the candidate must win by {@link #MIN_SPEEDUP} to be called faster. */
    static final int WINNING_ROUNDS = 5;
    /** How much faster the candidate must be: the scalar kernel is the reference and wins a draw. */
    static final double MIN_SPEEDUP = 1.25;
    /**
     * Below this fraction of the reference's speed a candidate's figure is not the speed of a compiled loop:
     * a vector loop that the JIT has not compiled yet runs hundreds to thousands of times slower than it will
     * (as when a busy machine leaves the JIT's threads no time), and so does one whose vectors the JIT cannot
     * keep in registers (JDK 17 on NEON). Such a loss says the race was run too soon, or never can be won.
     */
    static final double IMPLAUSIBLY_SLOW = 0.1;
    /**
     * At this fraction of the reference's speed or more a losing candidate is surely compiled, and only not
     * faster. A Vector API loop that is interpreted, or compiled by C1, makes an object of every vector and
     * runs at a hundredth to a thousandth of its compiled speed (a busy node's first race: 0.02 of the scalar
     * speed). One that C2 has compiled, even without one of its intrinsics, runs at a fifth of the scalar
     * speed or more and will not get faster: JDK 17's mask loops on AVX2, without their unsigned compare, at
     * 0.07–0.10 against 0.33–0.36 G points/s (0.21–0.30), were waited for until the limit, 2 of the 3.8 s of
     * such a JVM's calibration. {@link #IMPLAUSIBLY_SLOW} is the other bound; between the two the race waits.
     */
    static final double SURELY_COMPILED = 0.15;
    /**
     * How long a candidate may lose at a {@link #SURELY_COMPILED} speed before the race gives it up: a
     * compiled loop that is faster wins its rounds within milliseconds, and one that is not would otherwise
     * hold the start of a run for the whole limit (three loops about as fast as scalar, as with JDK 17 on
     * AVX2, made 6 s of calibration).
     */
    static final Duration SETTLED_LOSS = Duration.ofMillis(250);

    /**
     * Points per round of a {@link #speedRatio} duel between two loops already compiled: about 0.2 ms of
     * vector work, long enough that a timer's granularity and a call's cost do not count.
     */
    static final long DUEL_POINTS = 1 << 20;
    /** Rounds of a duel, each loop timed once a round, in turn. */
    static final int DUEL_ROUNDS = 15;

    private static final long SEED = 0x5DEECE66DL;

    private KernelCalibration() {
    }

    /**
     * What a race found.
     *
     * @param candidateRate points/s of the candidate, the best of the last rounds
     * @param referenceRate points/s of the reference, the best of the last rounds
     * @param faster whether the candidate won {@link #WINNING_ROUNDS} rounds in a row by {@link #MIN_SPEEDUP}
     * @param disagreement empty, or how the two counts of one round differed
     * @param took how long the race ran
     */
    record Result(double candidateRate, double referenceRate, boolean faster, String disagreement, Duration took) {

        boolean agreed() {
            return disagreement.isEmpty();
        }

        /**
         * Whether the candidate lost at under {@link #IMPLAUSIBLY_SLOW} of the reference's speed: a loss
         * that the same race, run once the JIT has had time, may turn into a win.
         */
        boolean implausiblySlow() {
            return agreed() && !faster && candidateRate < IMPLAUSIBLY_SLOW * referenceRate;
        }
    }

    /** Races {@code candidate} against {@code reference} for at most about {@code limit}. */
    static Result race(CountingLoop candidate, CountingLoop reference, Duration limit) {
        double[] candidateRates = new double[WINNING_ROUNDS];
        double[] referenceRates = new double[WINNING_ROUNDS];
        long started = System.nanoTime();
        long first = -ROUND_POINTS / 2;
        int wins = 0;
        long compiledSince = -1;   // when the current run of rounds at a surely compiled loop's speed began
        for (int round = 0; ; round++) {
            long t0 = System.nanoTime();
            long counted = candidate.countInside(SEED, first, ROUND_POINTS);
            long t1 = System.nanoTime();
            long expected = reference.countInside(SEED, first, ROUND_POINTS);
            long t2 = System.nanoTime();
            if (counted != expected) {
                return new Result(0, 0, false, candidate.name() + " counted " + counted + " and " + reference.name()
                        + " " + expected + " of the points [" + Long.toUnsignedString(first) + ", +" + ROUND_POINTS
                        + ") of seed " + SEED, Duration.ofNanos(t2 - started));
            }
            if (round == 0) {
                // The lattice loops too, once: they are chosen together with the random darts' loops.
                long shift = Lattice.shift(SEED, 0);
                long lattice = candidate.countLatticeInside(shift, first, ROUND_POINTS);
                long latticeExpected = reference.countLatticeInside(shift, first, ROUND_POINTS);
                if (lattice != latticeExpected) {
                    return new Result(0, 0, false, candidate.name() + " counted " + lattice + " and "
                            + reference.name() + " " + latticeExpected + " of the lattice points ["
                            + Long.toUnsignedString(first) + ", +" + ROUND_POINTS + ") of seed " + SEED,
                            Duration.ofNanos(System.nanoTime() - started));
                }
            }
            double candidateRate = ROUND_POINTS * 1e9 / Math.max(1, t1 - t0);
            double referenceRate = ROUND_POINTS * 1e9 / Math.max(1, t2 - t1);
            candidateRates[round % WINNING_ROUNDS] = candidateRate;
            referenceRates[round % WINNING_ROUNDS] = referenceRate;
            wins = candidateRate >= MIN_SPEEDUP * referenceRate ? wins + 1 : 0;
            int recent = Math.min(round + 1, WINNING_ROUNDS);
            // The best of the recent rounds, as in the result.
            if (best(candidateRates, recent) < SURELY_COMPILED * best(referenceRates, recent)) {
                compiledSince = -1;
            } else if (compiledSince < 0) {
                compiledSince = t0;
            }
            first += ROUND_POINTS;
            boolean faster = wins >= WINNING_ROUNDS;
            boolean settledLoss = compiledSince >= 0 && t2 - compiledSince >= SETTLED_LOSS.toNanos();
            if (faster || settledLoss || t2 - started >= limit.toNanos()) {
                // The best round, not the median: a busy machine only ever slows a round down.
                return new Result(best(candidateRates, recent), best(referenceRates, recent), faster, "",
                        Duration.ofNanos(t2 - started));
            }
        }
    }

    /**
     * How many times as fast {@code a} is as {@code b}: the median, over {@value #DUEL_ROUNDS} rounds, of the
     * ratio of their times on the same points within a round, so that a slow moment of a busy machine weighs
     * on one round only. For loops that a {@link #race} has compiled already: about 10 ms of vector work.
     */
    static double speedRatio(CountingLoop a, CountingLoop b) {
        double[] ratios = new double[DUEL_ROUNDS];
        long first = 0;
        for (int round = 0; round < DUEL_ROUNDS; round++) {
            long t0 = System.nanoTime();
            long countedByA = a.countInside(SEED, first, DUEL_POINTS);
            long t1 = System.nanoTime();
            long countedByB = b.countInside(SEED, first, DUEL_POINTS);
            long t2 = System.nanoTime();
            if (countedByA != countedByB) {
                // race() has compared both with the reference already; a difference here is a bug.
                throw new IllegalStateException(a.name() + " (" + a.variant() + ") counted " + countedByA + " and "
                        + b.name() + " (" + b.variant() + ") " + countedByB + " of the same points");
            }
            ratios[round] = (double) Math.max(1, t2 - t1) / Math.max(1, t1 - t0);
            first += DUEL_POINTS;
        }
        return median(ratios, DUEL_ROUNDS);
    }

    private static double best(double[] values, int count) {
        return Arrays.stream(values, 0, count).max().orElseThrow();
    }

    private static double median(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[count / 2];
    }
}
