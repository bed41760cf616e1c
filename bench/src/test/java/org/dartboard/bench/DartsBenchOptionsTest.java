package org.dartboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What bench/darts-bench's arguments mean, and the clear errors for the wrong ones. */
class DartsBenchOptionsTest {

    @Test
    void defaultsRunTheSizesUpTo1e10() {
        DartsBenchOptions options = DartsBenchOptions.parse();

        assertThat(options.quick()).isFalse();
        assertThat(options.help()).isFalse();
        assertThat(options.sizes()).containsExactly(1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
                10_000_000_000L);
        assertThat(options.seeds()).isEqualTo(32);
        assertThat(options.seedsAt(1_000_000_000L)).isEqualTo(32);
        assertThat(options.seedsAt(10_000_000_000L)).isEqualTo(16);
        assertThat(options.budgetSeconds()).isEqualTo(180);
    }

    @Test
    void quickIsSmallAndExplicitOptionsWinInAnyOrder() {
        DartsBenchOptions quick = DartsBenchOptions.parse("--quick");
        assertThat(quick.sizes()).containsExactly(1_000_000L, 10_000_000L, 100_000_000L);
        assertThat(quick.seeds()).isEqualTo(8);
        assertThat(quick.budgetSeconds()).isEqualTo(20);

        DartsBenchOptions before = DartsBenchOptions.parse("--seeds", "12", "--quick", "--budget", "2m");
        assertThat(before.seeds()).isEqualTo(12);
        assertThat(before.budgetSeconds()).isEqualTo(120);
        assertThat(before.maxPoints()).isEqualTo(100_000_000L);
    }

    @Test
    void fewSeedsStayFewAtTheLargestSizes() {
        assertThat(DartsBenchOptions.parse("--seeds", "6").seedsAt(10_000_000_000L)).isEqualTo(4);
        assertThat(DartsBenchOptions.parse("--seeds", "3").seedsAt(10_000_000_000L)).isEqualTo(3);
    }

    @Test
    void pointsAreWrittenAsPeopleWriteThem() {
        for (String text : new String[] {"10000000000", "10_000_000_000", "1e10", "10^10", "10G", "10g"}) {
            assertThat(DartsBenchOptions.points(text)).as(text).isEqualTo(10_000_000_000L);
        }
        // A size between powers of ten: the table stops at the last power within it.
        assertThat(DartsBenchOptions.parse("--max-points", "5e9").sizes()).last().isEqualTo(1_000_000_000L);
        assertThat(DartsBenchOptions.parse("--max-points", "2.5e7").sizes()).containsExactly(1_000_000L, 10_000_000L);
    }

    @Test
    void pointsOutsideTheRangeAreRefusedSayingWhy() {
        assertThatThrownBy(() -> DartsBenchOptions.points("1e11")).hasMessageContaining("out of range")
                .hasMessageContaining(String.valueOf(16L << 32) + ", 16 replicas of 2^32 points");
        // Two sizes at least: a power law is fitted to them.
        assertThatThrownBy(() -> DartsBenchOptions.points("9999999")).hasMessageContaining("out of range")
                .hasMessageContaining("two sizes");
        assertThatThrownBy(() -> DartsBenchOptions.points("1.5")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> DartsBenchOptions.points("lots")).hasMessageContaining("not a count");
        assertThatThrownBy(() -> DartsBenchOptions.points("10^99")).hasMessageContaining("far too large");
    }

    @Test
    void budgetsAreSecondsMinutesOrHours() {
        assertThat(DartsBenchOptions.seconds("180")).isEqualTo(180);
        assertThat(DartsBenchOptions.seconds("90s")).isEqualTo(90);
        assertThat(DartsBenchOptions.seconds("1.5h")).isEqualTo(5400);
        assertThatThrownBy(() -> DartsBenchOptions.seconds("0")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> DartsBenchOptions.seconds("soon")).hasMessageContaining("not a time");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> DartsBenchOptions.parse("--fast")).hasMessage("unknown argument '--fast'");
        assertThatThrownBy(() -> DartsBenchOptions.parse("--seeds")).hasMessage("--seeds needs a value");
        assertThatThrownBy(() -> DartsBenchOptions.parse("--seeds", "1")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> DartsBenchOptions.parse("--seeds", "many")).hasMessageContaining("not a whole number");
        assertThat(DartsBenchOptions.parse("--help").help()).isTrue();
    }
}
