package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The calibration race: it finds the faster kernel, lets the reference win a draw, gives up a compiled loser
 * early (as fast as the reference, or a third as fast) but waits for a loop too slow to be compiled, and
 * catches a wrong count; several candidates race side by side, each to its own result.
 */
class KernelCalibrationTest {

    private static final Duration LIMIT = Duration.ofMillis(300);

    @Test
    void aDrawGoesToTheReferenceWithinTheLimit() {
        KernelCalibration.Result race = KernelCalibration.race(new ScalarKernel(), new ScalarKernel(), LIMIT);

        assertThat(race.agreed()).isTrue();
        assertThat(race.faster()).isFalse();
        // A draw of compiled loops ends at the limit or, if that comes first, once the loss is settled.
        Duration end = LIMIT.compareTo(KernelCalibration.SETTLED_LOSS) < 0 ? LIMIT : KernelCalibration.SETTLED_LOSS;
        assertThat(race.took()).isGreaterThanOrEqualTo(end).isLessThan(LIMIT.plusSeconds(1));
        assertThat(race.candidateRate()).isPositive();
        assertThat(race.referenceRate()).isPositive();
    }

    @Test
    void aClearlyFasterCandidateWinsEarly() {
        KernelCalibration.Result race = KernelCalibration.race(new ScalarKernel(), new Slowed(new ScalarKernel()),
                Duration.ofSeconds(10));

        assertThat(race.agreed()).isTrue();
        assertThat(race.faster()).isTrue();
        assertThat(race.candidateRate()).isGreaterThan(KernelCalibration.MIN_SPEEDUP * race.referenceRate());
        assertThat(race.took()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aCompiledLoopThatIsNotFasterIsGivenUpLongBeforeTheLimit() {
        KernelCalibration.Result race = KernelCalibration.race(new ScalarKernel(), new ScalarKernel(),
                Duration.ofSeconds(30));

        assertThat(race.agreed()).isTrue();
        assertThat(race.faster()).isFalse();
        assertThat(race.implausiblySlow()).isFalse();
        assertThat(race.took()).isGreaterThanOrEqualTo(KernelCalibration.SETTLED_LOSS)
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aLoopTooSlowToBeSurelyCompiledIsWaitedForUntilTheLimit() {
        Duration limit = Duration.ofSeconds(1);

        KernelCalibration.Result notCompiledYet =
                KernelCalibration.race(new RepeatedScalarLoop(40, "uncompiled", ""), new ScalarKernel(), limit);

        assertThat(notCompiledYet.implausiblySlow()).isTrue();
        assertThat(notCompiledYet.took()).isGreaterThanOrEqualTo(limit);
    }

    /** As JDK 17's mask loops on AVX2: compiled, a third to a fifth of the scalar speed, and no faster later. */
    @Test
    void aCompiledLoopAtAThirdOfTheSpeedIsGivenUpBeforeTheLimit() {
        Duration limit = Duration.ofSeconds(30);

        KernelCalibration.Result aThirdAsFast =
                KernelCalibration.race(new Slowed(new ScalarKernel()), new ScalarKernel(), limit);

        assertThat(aThirdAsFast.agreed()).isTrue();
        assertThat(aThirdAsFast.faster()).isFalse();
        assertThat(aThirdAsFast.implausiblySlow()).isFalse();
        assertThat(aThirdAsFast.took()).isGreaterThanOrEqualTo(KernelCalibration.SETTLED_LOSS)
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aWrongCountIsReportedWhateverTheSpeed() {
        KernelCalibration.Result race = KernelCalibration.race(new OffByOne(), new ScalarKernel(), LIMIT);

        assertThat(race.agreed()).isFalse();
        assertThat(race.faster()).isFalse();
        assertThat(race.disagreement()).contains("wrong counted").contains("scalar");
    }

    @Test
    void candidatesRacedTogetherEachGetTheirOwnResult() {
        List<KernelCalibration.Result> races = KernelCalibration.race(
                List.of(new ScalarKernel(), new Slowed(new ScalarKernel()), new ScalarKernel()),
                new Slowed(new ScalarKernel()), Duration.ofSeconds(30));

        assertThat(races).hasSize(3);
        assertThat(races).allSatisfy(race -> assertThat(race.agreed()).isTrue());
        assertThat(races).extracting(KernelCalibration.Result::faster).containsExactly(true, false, true);
        assertThat(races.get(1).took()).isGreaterThanOrEqualTo(KernelCalibration.SETTLED_LOSS)
                .isLessThan(Duration.ofSeconds(10));
    }

    /** Raced one after another, three settled losses would take three times {@link KernelCalibration#SETTLED_LOSS}. */
    @Test
    void losersRacedTogetherSettleTogether() {
        long started = System.nanoTime();
        List<KernelCalibration.Result> races = KernelCalibration.race(
                List.of(new ScalarKernel(), new ScalarKernel(), new ScalarKernel()), new ScalarKernel(),
                Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(races).allSatisfy(race -> {
            assertThat(race.faster()).isFalse();
            assertThat(race.took()).isGreaterThanOrEqualTo(KernelCalibration.SETTLED_LOSS);
        });
        assertThat(took).isLessThan(KernelCalibration.SETTLED_LOSS.multipliedBy(3));
    }

    /** As a compiled vector loop racing two still interpreted ones on a busy machine: it does not wait for them. */
    @Test
    void aWinnerDoesNotWaitForTheRoundsOfASlowLoop() {
        Duration slowRound = Duration.ofMillis(100);

        List<KernelCalibration.Result> races = KernelCalibration.race(
                List.of(new Sleepy(slowRound), new ScalarKernel()), new Slowed(new ScalarKernel()),
                Duration.ofSeconds(2));

        assertThat(races.get(0).faster()).isFalse();
        assertThat(races.get(1).faster()).isTrue();
        // Its five winning rounds, one in each of the slow loop's rounds, would take five of those.
        assertThat(races.get(1).took()).isLessThan(slowRound.multipliedBy(3));
    }

    @Test
    void oneCandidatesWrongCountEndsTheRaceAndIsReportedAsItsOwn() {
        List<KernelCalibration.Result> races = KernelCalibration.race(
                List.of(new ScalarKernel(), new OffByOne(), new ScalarKernel()), new ScalarKernel(),
                Duration.ofSeconds(30));

        assertThat(races.get(1).agreed()).isFalse();
        assertThat(races.get(1).disagreement()).contains("wrong counted").contains("scalar");
        assertThat(List.of(races.get(0), races.get(2))).allSatisfy(race -> {
            assertThat(race.agreed()).isTrue();
            assertThat(race.faster()).isFalse();
        });
        // The first round shows the wrong count: nobody waits for a settled loss.
        assertThat(races.get(1).took()).isLessThan(KernelCalibration.SETTLED_LOSS);
    }

    /** The same counts, three times as slow, so that a candidate is clearly faster. */
    private record Slowed(CountingLoop kernel) implements CountingLoop {

        @Override
        public String name() {
            return "slowed";
        }

        @Override
        public long countInside(long seed, long first, long count) {
            kernel.countInside(seed, first, count);
            kernel.countInside(seed, first, count);
            return kernel.countInside(seed, first, count);
        }

        @Override
        public long countLatticeInside(long shift, long first, long count) {
            return kernel.countLatticeInside(shift, first, count);
        }
    }

    /** One point more than the scalar kernel counts, on random darts only. */
    private static final class OffByOne implements CountingLoop {

        private final ScalarKernel scalar = new ScalarKernel();

        @Override
        public String name() {
            return "wrong";
        }

        @Override
        public long countInside(long seed, long first, long count) {
            return scalar.countInside(seed, first, count) + 1;
        }

        @Override
        public long countLatticeInside(long shift, long first, long count) {
            return scalar.countLatticeInside(shift, first, count);
        }
    }

    /** The scalar kernel's counts, each after a sleep: a loop whose every round takes a long time. */
    private record Sleepy(Duration round) implements CountingLoop {

        @Override
        public String name() {
            return "sleepy";
        }

        @Override
        public long countInside(long seed, long first, long count) {
            try {
                Thread.sleep(round.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ScalarKernel().countInside(seed, first, count);
        }

        @Override
        public long countLatticeInside(long shift, long first, long count) {
            return new ScalarKernel().countLatticeInside(shift, first, count);
        }
    }
}
