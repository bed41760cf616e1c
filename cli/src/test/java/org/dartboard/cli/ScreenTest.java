package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A terminal's lines broken between words to its width; a pipe's never. */
class ScreenTest {

    private static final String HEADER = "  seed 42 (given) · local, 2 threads · window 64 · kernel vector (JDK 17.0.15:"
            + " calibrated 1.01 s: 2.31× as fast as scalar, 2.71 vs 1.17 G points/s)";

    @Test
    void aLongLineIsBrokenBetweenWordsAndGoesOnIndented() {
        for (int columns : List.of(80, 60, 40)) {
            List<String> lines = new Screen(columns, false).wrapped(HEADER, "    ").lines().toList();

            assertThat(lines).as("%d columns", columns).hasSizeGreaterThan(1)
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(columns));
            assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).startsWith("    ")
                    .doesNotStartWith("     "));
            assertThat(String.join(" ", lines.stream().map(String::strip).toList())).isEqualTo(HEADER.strip());
        }
    }

    @Test
    void aPipeOrAShortLineIsLeftAsItIs() {
        assertThat(Screen.PLAIN.wrapped(HEADER, "    ")).isEqualTo(HEADER);
        assertThat(new Screen(80, false).wrapped("  seed 42 (given)", "    ")).isEqualTo("  seed 42 (given)");
    }

    @Test
    void aWordLongerThanTheLineStaysWhole() {
        String path = "/home/someone/" + "deep/".repeat(20) + "run.journal";
        assertThat(new Screen(40, false).wrapped("  journal " + path, "    ").lines())
                .containsExactly("  journal", "    " + path);
    }

    @Test
    void anAsciiScreenIsMeasuredAsItIsShown() {
        String line = "π ≈ 3.14166 ± 0.00041 ".repeat(4).strip();
        List<String> lines = new Screen(30, true).wrapped(line, "").lines().toList();

        assertThat(lines).allSatisfy(shown -> assertThat(shown.length()).isLessThanOrEqualTo(30));
        assertThat(String.join(" ", lines)).isEqualTo(AsciiSpelling.spell(line));
        assertThat(lines.get(0)).startsWith("pi ~ 3.14166 +/- 0.00041");
    }

    @Test
    void theWidthComesFromTheLauncherOnlyForATerminalsStream() {
        Map<String, String> launcher = Map.of(Screen.STDOUT_COLUMNS, "60", "COLUMNS", "100");
        assertThat(Screen.standardOutput(launcher).columns()).isEqualTo(60);
        assertThat(Screen.standardError(launcher).columns()).as("stderr is no terminal: no width given").isZero();
        assertThat(Screen.standardError(Map.of(Screen.STDERR_COLUMNS, "junk")).columns()).isZero();
        // A progress bar is drawn only on a terminal: there COLUMNS, or the usual 80, is the next best guess.
        assertThat(Screen.standardError(launcher).redrawColumns(launcher)).isEqualTo(99);
        assertThat(Screen.standardError(Map.of()).redrawColumns(Map.of())).isEqualTo(79);
    }
}
