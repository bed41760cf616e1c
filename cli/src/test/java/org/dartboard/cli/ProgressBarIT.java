package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The progress bar where people see it, and nowhere else: a run on a real terminal (a pseudo-terminal
 * made by util-linux's {@code script}) draws and erases it; the same run piped, or asked for JSON on a
 * terminal, never shows it.
 */
class ProgressBarIT {

    private static final Path SCRIPT = Path.of("/usr/bin/script");
    /** About 4 s on one scalar thread: long enough for the bar, which waits a second before it shows. */
    private static final List<String> LONG_RUN = List.of("run", "--total-points", "2G", "--kernel", "scalar",
            "--threads", "1", "--seed", "3");
    private static final String BAR = "jobs · ";

    @Test
    void aTerminalSeesTheBarDrawnInPlaceAndErased() throws Exception {
        String screen = onTerminal(LONG_RUN);

        assertThat(screen).contains("\r[", BAR, "points/s", "π ≈ ", " left");
        // Erased before the report: the report's first line starts on a clean line.
        assertThat(screen).containsPattern("\r +\rdartboard 0|dartboard 0");
        assertThat(screen).contains("π ≈ 3.14");
    }

    @Test
    void aPipeNeverSeesTheBar() throws Exception {
        try (DartboardProcess run = DartboardProcess.start(LONG_RUN.toArray(String[]::new))) {
            assertThat(run.awaitExit(Duration.ofMinutes(2))).as(run.transcript()).isZero();
            assertThat(run.stderr()).doesNotContain(BAR).doesNotContain("\r");
            assertThat(run.stdout()).doesNotContain(BAR).contains("π ≈ 3.14");
        }
    }

    @Test
    void jsonOnATerminalNeverSeesTheBar() throws Exception {
        String screen = onTerminal(Stream.concat(LONG_RUN.stream(), Stream.of("--format", "json")).toList());

        assertThat(screen).doesNotContain(BAR).contains("\"status\" : \"complete\"");
    }

    /** Everything the terminal showed, standard output and error together, as a user would see them. */
    private static String onTerminal(List<String> args) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "util-linux's script is needed to make a terminal");
        String command = Stream.concat(Stream.of(DartboardProcess.java(), "-jar", DartboardProcess.jar().toString()),
                args.stream()).map(word -> "'" + word + "'").collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "-qefc", command, "/dev/null");
        try (DartboardProcess terminal = DartboardProcess.start(builder)) {
            assertThat(terminal.awaitExit(Duration.ofMinutes(2))).as(terminal.transcript()).isZero();
            return terminal.stdout();
        }
    }
}
