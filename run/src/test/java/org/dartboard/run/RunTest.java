package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.List;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run's settings are checked when it is made, and its outcome says what ran where. */
class RunTest {

    private static final JobPlan PLAN = JobPlan.of(1_000, 10, 8);

    private final ScriptedFarm farm = new ScriptedFarm(Runnable::run, ScriptedFarm.ALWAYS_ANSWER);

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesAWindowOfLessThanOneJob(int window) {
        assertThatIllegalArgumentException().isThrownBy(() -> Runs.of(PLAN, farm, window, List.of()))
                .withMessageContaining("window").withMessageContaining(String.valueOf(window));
        assertThatIllegalArgumentException().isThrownBy(() -> Runs.of(PLAN, farm, window, 3, List.of()))
                .withMessageContaining("window");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesFewerThanOneAttempt(int maxAttempts) {
        assertThatIllegalArgumentException().isThrownBy(() -> Runs.of(PLAN, farm, 8, maxAttempts, List.of()))
                .withMessageContaining("attempts").withMessageContaining(String.valueOf(maxAttempts));
    }

    @Test
    void acceptsTheSmallestSettings() {
        RunOutcome outcome = Runs.of(PLAN, farm, 1, 1, List.of()).execute();

        assertThat(outcome.isComplete()).isTrue();
        assertThat(outcome.window()).isEqualTo(1);
    }

    @Test
    void describesACompleteRun() {
        RunOutcome outcome;
        try (LocalFarm local = new LocalFarm(3, Kernel.scalar())) {
            outcome = Runs.of(PLAN, local, 16, List.of()).execute();
        }
        long inside = Kernel.scalar().countInside(PLAN.seed(), 0, 10_000);

        assertThat(outcome.plan()).isEqualTo(PLAN);
        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.COMPLETE);
        assertThat(outcome.isComplete()).isTrue();
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.count()).isEqualTo(new Count(10, BigInteger.valueOf(10_000), BigInteger.valueOf(inside)));
        assertThat(outcome.estimate()).isPresent();
        assertThat(outcome.retriedJobs()).isZero();
        assertThat(outcome.farm()).isEqualTo("local, 3 threads");
        assertThat(outcome.kernel()).isEqualTo("scalar");
        assertThat(outcome.cpus()).isEqualTo(3);
        assertThat(outcome.window()).isEqualTo(16);
        assertThat(outcome.wallTime()).isPositive();
        assertThat(outcome.pointsPerSecond()).isPositive();
    }

    /** The count is readable from another thread during the run, and final once it is over. */
    @Test
    void showsItsCountAfterTheRun() {
        Run run = Runs.of(PLAN, farm, 4, List.of());
        assertThat(run.count()).isEqualTo(Count.NONE);
        assertThat(run.jobsInFlight()).isZero();

        RunOutcome outcome = run.execute();

        assertThat(run.count()).isEqualTo(outcome.count());
        assertThat(run.jobsInFlight()).isZero();
    }
}
