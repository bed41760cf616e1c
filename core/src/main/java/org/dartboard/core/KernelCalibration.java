package org.dartboard.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A short race of candidate kernels against the scalar one on the same rounds of points: which are faster
 * on this JVM and CPU, as measured, not as guessed from versions. The JDK decides the Vector API's speed
 * far more than the code does (docs/performance.md), and a kernel the JIT has not compiled yet runs 100×
 * slower than it will, so a candidate's race goes on until it has been clearly faster for several rounds
 * in a row, until it has lost at a surely compiled loop's speed for {@link #SETTLED_LOSS}, or until the time
 * limit. The candidates race side by side, round by round, so that they wait for the JIT together.
 *
 * <p>Every kernel counts every round, so the race is also a check that they agree: the first round
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
        return race(List.of(candidate), reference, limit).get(0);
    }

    /**
     * Races every candidate against {@code reference} at once, round by round, for at most about {@code limit}
     * in all: each round, each candidate still racing counts the round's points, then the reference does,
     * and a candidate that has just won a round goes on alone against the reference until it loses one or
     * has won.
     * Raced one after another, the loops would reach the JIT one after another, and each race would wait
     * for its own compilation and then for its own {@link #SETTLED_LOSS}; raced together, they all become hot
     * in the first rounds and the JIT compiles them back to back.
     *
     * <p>A candidate's race ends as a one-candidate race would: won, settled as lost, or at the limit. A
     * disagreement ends the whole race at once; the candidates still racing then get their standing so far,
     * as not faster.
     *
     * @return one result per candidate, in the candidates' order
     */
    static List<Result> race(List<CountingLoop> candidates, CountingLoop reference, Duration limit) {
        List<Contestant> contestants = candidates.stream().map(Contestant::new).toList();
        long started = System.nanoTime();
        long first = -ROUND_POINTS / 2;
        for (int round = 0; ; round++) {
            List<Contestant> racing = contestants.stream().filter(Contestant::racing).toList();
            if (racing.isEmpty()) {
                return contestants.stream().map(contestant -> contestant.result).toList();
            }
            for (Contestant contestant : racing) {
                contestant.countRound(first);
            }
            long t0 = System.nanoTime();
            long expected = reference.countInside(SEED, first, ROUND_POINTS);
            long t1 = System.nanoTime();
            for (Contestant contestant : racing) {
                if (contestant.counted != expected) {
                    return stopped(contestants, contestant,
                            disagreement(contestant, reference, expected, "points", first), started);
                }
            }
            if (round == 0) {
                // The lattice loops too, once: they are chosen together with the random darts' loops.
                long shift = Lattice.shift(SEED, 0);
                long latticeExpected = reference.countLatticeInside(shift, first, ROUND_POINTS);
                for (Contestant contestant : racing) {
                    contestant.counted = contestant.loop.countLatticeInside(shift, first, ROUND_POINTS);
                    if (contestant.counted != latticeExpected) {
                        return stopped(contestants, contestant,
                                disagreement(contestant, reference, latticeExpected, "lattice points", first),
                                started);
                    }
                }
            }
            double referenceRate = ROUND_POINTS * 1e9 / Math.max(1, t1 - t0);
            boolean overTime = t1 - started >= limit.toNanos();
            for (Contestant contestant : racing) {
                contestant.record(referenceRate, t1, overTime, started);
                // A loop that has just won a round races its next ones at once, alone with the reference, until
                // it has won or lost one: compiled, its streak takes a millisecond, where the rounds of loops
                // still interpreted take a tenth of a second each on a busy machine, too long for it to win
                // WINNING_ROUNDS of them in a recheck's time.
                while (contestant.racing() && contestant.wins > 0) {
                    contestant.countRound(first);
                    long s0 = System.nanoTime();
                    long again = reference.countInside(SEED, first, ROUND_POINTS);
                    long s1 = System.nanoTime();
                    if (contestant.counted != again) {
                        return stopped(contestants, contestant,
                                disagreement(contestant, reference, again, "points", first), started);
                    }
                    contestant.record(ROUND_POINTS * 1e9 / Math.max(1, s1 - s0), s1,
                            s1 - started >= limit.toNanos(), started);
                }
            }
            first += ROUND_POINTS;
        }
    }

    private static String disagreement(Contestant contestant, CountingLoop reference, long expected, String what,
            long first) {
        return contestant.loop.name() + " counted " + contestant.counted + " and " + reference.name() + " "
                + expected + " of the " + what + " " + range(first) + " of seed " + SEED;
    }

    /** The race ended by {@code wrong}'s disagreement: its result says so, and the others' say how they stood. */
    private static List<Result> stopped(List<Contestant> contestants, Contestant wrong, String disagreement,
            long started) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<Result> results = new ArrayList<>();
        for (Contestant contestant : contestants) {
            results.add(contestant == wrong ? new Result(0, 0, false, disagreement, took)
                    : contestant.racing() ? contestant.standing(false, took) : contestant.result);
        }
        return results;
    }

    private static String range(long first) {
        return "[" + Long.toUnsignedString(first) + ", +" + ROUND_POINTS + ")";
    }

    /** One candidate's side of a race: its last rounds, its wins in a row, and its result once it has ended. */
    private static final class Contestant {

        final CountingLoop loop;
        private final double[] rates = new double[WINNING_ROUNDS];
        private final double[] referenceRates = new double[WINNING_ROUNDS];
        private int rounds;
        int wins;
        /** When the current run of rounds at a surely compiled loop's speed began, else -1. */
        private long compiledSince = -1;
        /** The last count (of a round, or of the first round's lattice), and when the last round started and took. */
        long counted;
        private long roundStarted;
        private long roundNanos;
        /** Null while the candidate is racing. */
        Result result;

        Contestant(CountingLoop loop) {
            this.loop = loop;
        }

        boolean racing() {
            return result == null;
        }

        void countRound(long first) {
            roundStarted = System.nanoTime();
            counted = loop.countInside(SEED, first, ROUND_POINTS);
            roundNanos = System.nanoTime() - roundStarted;
        }

        /** Takes in the round just counted against the reference's rate, and ends the race if it is decided. */
        void record(double referenceRate, long now, boolean overTime, long raceStarted) {
            double rate = ROUND_POINTS * 1e9 / Math.max(1, roundNanos);
            rates[rounds % WINNING_ROUNDS] = rate;
            referenceRates[rounds % WINNING_ROUNDS] = referenceRate;
            rounds++;
            wins = rate >= MIN_SPEEDUP * referenceRate ? wins + 1 : 0;
            // The best of the recent rounds, as in the result.
            if (best(rates, recent()) < SURELY_COMPILED * best(referenceRates, recent())) {
                compiledSince = -1;
            } else if (compiledSince < 0) {
                compiledSince = roundStarted;
            }
            boolean faster = wins >= WINNING_ROUNDS;
            boolean settledLoss = compiledSince >= 0 && now - compiledSince >= SETTLED_LOSS.toNanos();
            if (faster || settledLoss || overTime) {
                result = standing(faster, Duration.ofNanos(now - raceStarted));
            }
        }

        /** The best round, not the median: a busy machine only ever slows a round down. */
        Result standing(boolean faster, Duration took) {
            return rounds == 0 ? new Result(0, 0, false, "", took)
                    : new Result(best(rates, recent()), best(referenceRates, recent()), faster, "", took);
        }

        private int recent() {
            return Math.min(rounds, WINNING_ROUNDS);
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
