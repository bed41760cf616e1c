package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run's stream is SplitMix64 of a counter: checked against the JDK's {@code SplittableRandom} and
 * against Commons RNG, whose {@code SplitMix64} is in turn checked against the authors' C code.
 */
class PointStreamTest {

    static LongStream seeds() {
        return LongStream.of(0, 1, -1, 12345, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0x1A2B3C4D5E6F7531L,
                PointStream.GAMMA);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void wordIsTheKthNextLongOfSplittableRandom(long seed) {
        SplittableRandom oracle = new SplittableRandom(seed);
        for (long k = 0; k < 10_000; k++) {
            assertThat(PointStream.word(seed, k)).as("seed %d, point %d", seed, k).isEqualTo(oracle.nextLong());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void wordIsTheKthOutputOfCommonsRngSplitMix64(long seed) {
        SplitMix64 reference = new SplitMix64(seed);
        for (long k = 0; k < 10_000; k++) {
            assertThat(PointStream.word(seed, k)).as("seed %d, point %d", seed, k).isEqualTo(reference.nextLong());
        }
    }

    /** The first outputs of Vigna's splitmix64.c for this seed, as held by Commons RNG's own tests. */
    @Test
    void matchesTheOutputsOfTheReferenceCImplementation() {
        long seed = 0x1A2B3C4D5E6F7531L;
        long[] expected = {
            0x4141302768C9E9D0L, 0x64DF48C4EAB51B1AL, 0x4E723B53DBD901B3L, 0xEAD8394409DD6454L,
            0x3EF60E485B412A0AL, 0xB2A23AEE63AECF38L, 0x6CC3B8933C4FA332L, 0x9C9E75E031E6FCCBL,
        };
        for (int k = 0; k < expected.length; k++) {
            assertThat(PointStream.word(seed, k)).as("point %d", k).isEqualTo(expected[k]);
        }
    }

    /** A generator started k steps later (state seed + k·γ) continues exactly where random access points. */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomAccessAtLargeIndicesEqualsStepping(long seed) {
        long[] starts = {1_000_000L, 1L << 32, 1L << 62, Long.MAX_VALUE - 3, Long.MIN_VALUE, -5L};
        for (long start : starts) {
            SplitMix64 stepping = new SplitMix64(seed + start * PointStream.GAMMA);
            for (long i = 0; i < 100; i++) {
                // Indices past 2^64 - 1 wrap to 0, as the generator's state does.
                assertThat(PointStream.word(seed, start + i)).as("seed %d, point %d", seed, start + i)
                        .isEqualTo(stepping.nextLong());
            }
        }
    }

    @Test
    void steppingTheJdkGeneratorAMillionTimesReachesTheSameWord() {
        long seed = 987_654_321L;
        SplittableRandom oracle = new SplittableRandom(seed);
        for (int k = 0; k < 1_000_000; k++) {
            oracle.nextLong();
        }
        assertThat(PointStream.word(seed, 1_000_000)).isEqualTo(oracle.nextLong());
    }

    /** Index 2<sup>64</sup> − 1 is the last one before the counter comes back to the seed itself. */
    @ParameterizedTest
    @MethodSource("seeds")
    void theLastIndexMixesTheSeedItself(long seed) {
        assertThat(PointStream.word(seed, -1L)).isEqualTo(PointStream.mix64(seed));
    }
}
