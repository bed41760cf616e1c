package org.dartboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How darts-bench writes its numbers. */
class DartsBenchTest {

    @Test
    void numbersInShortScientificNotation() {
        assertThat(DartsBench.sci(1e6)).isEqualTo("1e6");
        assertThat(DartsBench.sci(5.4e-5)).isEqualTo("5.4e-5");
        assertThat(DartsBench.sci(2.6968e12)).isEqualTo("2.7e12");
        assertThat(DartsBench.sci(1.642184e-3)).isEqualTo("1.64e-3");
        assertThat(DartsBench.sci(-3.5e-7)).isEqualTo("-3.5e-7");
        assertThat(DartsBench.sci(3)).isEqualTo("3");
        assertThat(DartsBench.sci(0)).isEqualTo("0");
    }

    @Test
    void durationsInTheirNaturalUnit() {
        assertThat(DartsBench.duration(0.0614)).isEqualTo("0.061 s");
        assertThat(DartsBench.duration(42)).isEqualTo("42.0 s");
        assertThat(DartsBench.duration(540)).isEqualTo("9.0 min");
        assertThat(DartsBench.duration(2.7e14 / 3e9)).isEqualTo("25.0 h");
        assertThat(DartsBench.duration(1e6)).isEqualTo("11.6 days");
    }
}
