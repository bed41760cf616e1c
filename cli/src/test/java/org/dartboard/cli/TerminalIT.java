package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a newcomer sees in a terminal (issue 14), with the real launcher and JVM: on a pseudo-terminal of 80
 * or 60 columns the progress bar redraws in place, every line it draws shorter than the terminal, and the
 * plan's and the figures' long lines break between words; without a locale ({@code env -i}) the report is
 * ASCII and says {@code pi ~ 3.14166 +/- 0.00041}, and the JSON report stays valid, its texts the same.
 */
class TerminalIT {

    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static final Duration LIMIT = Duration.ofMinutes(2);
    /** About 4 s on one scalar thread: long enough for the bar, which waits a second before it shows. */
    private static final String LONG_RUN = "run --total-points 2G --kernel scalar --threads 1 --seed 3";
    private static final String[] SMALL_RUN = {"run", "--points", "1000000", "--jobs", "16", "--seed", "42",
        "--threads", "1"};

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 60})
    void everyRedrawnLineFitsTheTerminalAndLongLinesBreakBetweenWords(int columns) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "util-linux's script is needed to make a terminal");
        String screen = onTerminal(columns, LONG_RUN);

        List<String> lines = Arrays.asList(screen.split("\r?\n"));
        // Each redraw starts with a carriage return: what follows one, up to the next, is what it drew.
        List<String> redrawn = lines.stream().flatMap(line -> Arrays.stream(line.split("\r")).skip(1))
                .filter(part -> part.startsWith("[")).toList();
        assertThat(redrawn).as(screen).hasSizeGreaterThan(2)
                .allSatisfy(bar -> assertThat(bar.length()).as(bar).isLessThan(columns))
                .allSatisfy(bar -> assertThat(bar).contains(" jobs · ", "π ≈ 3.14"))
                .anySatisfy(bar -> assertThat(bar).contains(" left"));
        assertThat(screen).as("redrawn in place: no bar starts a line of its own").doesNotContainPattern("\n\\[#");

        // The plan (before the bar), the figures and the workers' table (after the estimate's line), but the
        // exact number, which is never broken.
        int bar = indexOfFirst(lines, line -> line.contains("\r"));
        int estimate = indexOfFirst(lines, line -> line.contains("π ≈ 3.14") && line.contains("standard error"));
        List<String> report = Stream.concat(lines.subList(0, bar).stream(),
                lines.subList(estimate + 1, lines.size()).stream()).filter(line -> !line.contains("exact 4·inside"))
                .toList();
        assertThat(report).as(screen).anySatisfy(line -> assertThat(line).contains("worker", "address"))
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(columns));
        String plan = lines.subList(0, bar).stream().map(String::strip).collect(Collectors.joining(" "));
        assertThat(plan).as("broken between words, whole words on each line")
                .contains("kernel scalar (requested)", "2,000,000,000 points");
        assertThat(screen).as("the launcher drops the warning").doesNotContain("WARNING");
    }

    /** With no locale at all, Java 17 writes ASCII: each symbol is spelled, none is a question mark. */
    @Test
    void withoutALocaleTheReportIsAscii() throws Exception {
        try (DartboardProcess run = DartboardProcess.start(withoutLocale(SMALL_RUN))) {
            assertThat(run.awaitExit(LIMIT)).as(run.transcript()).isZero();
            String report = run.stdout();

            assertThat(report).contains("pi ~ 3.14166 +/- 0.00041 (one standard error)",
                    "16 jobs x 1,000,000 points", "  exact 4*inside/total     3.141659", "distance to true pi  ");
            assertThat(report.chars()).as(report).allMatch(c -> c < 128).doesNotContain((int) '?');
        }
        try (DartboardProcess help = DartboardProcess.start(withoutLocale("run", "--help"))) {
            assertThat(help.awaitExit(LIMIT)).as(help.transcript()).isZero();
            assertThat(help.stdout()).contains("Estimate pi by throwing");
            assertThat(help.stdout().chars()).allMatch(c -> c < 128).doesNotContain((int) '?');
        }
    }

    /** JSON without a locale: ASCII, with the texts' symbols escaped, so it reads as the UTF-8 run's JSON. */
    @Test
    void withoutALocaleTheJsonReportIsTheSame() throws Exception {
        String[] json = Stream.concat(Arrays.stream(SMALL_RUN), Stream.of("--format", "json")).toArray(String[]::new);
        JsonNode plain;
        try (DartboardProcess run = DartboardProcess.start(Map.of("LANG", "C.UTF-8"), List.of(), json)) {
            assertThat(run.awaitExit(LIMIT)).as(run.transcript()).isZero();
            plain = Invocation.STRICT_JSON.readTree(run.stdout());
        }
        try (DartboardProcess run = DartboardProcess.start(withoutLocale(json))) {
            assertThat(run.awaitExit(LIMIT)).as(run.transcript()).isZero();
            assertThat(run.stdout().chars()).allMatch(c -> c < 128);
            JsonNode ascii = Invocation.STRICT_JSON.readTree(run.stdout());
            for (String field : List.of("/estimate", "/counts", "/plan", "/kernelReason", "/farm/description")) {
                assertThat(ascii.at(field)).as(field).isEqualTo(plain.at(field));
            }
        }
    }

    /** {@code env -i java -jar dartboard.jar ...}: no variable at all, but the two that keep tests apart. */
    private static ProcessBuilder withoutLocale(String... args) {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(DartboardProcess.java(), "-jar",
                DartboardProcess.jar().toString()), Arrays.stream(args)).toList());
        builder.environment().clear();
        return builder;
    }

    /**
     * Everything a terminal of so many columns showed, standard output and error together: the launcher of
     * the archive's layout (bin/dartboard beside lib/dartboard.jar, which it never builds) run by script(1).
     */
    private String onTerminal(int columns, String args) throws Exception {
        Path bin = Files.createDirectories(folder.resolve("dartboard/bin"));
        Path lib = Files.createDirectories(folder.resolve("dartboard/lib"));
        Path project = DartboardProcess.jar().toAbsolutePath().getParent().getParent().getParent();
        Files.copy(project.resolve("dartboard"), bin.resolve("dartboard"));
        Files.createSymbolicLink(lib.resolve("dartboard.jar"), DartboardProcess.jar().toAbsolutePath());
        String command = "stty cols " + columns + "; " + bin.resolve("dartboard") + " " + args;
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "-qefc", command, "/dev/null");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("XDG_CACHE_HOME", folder.resolve("cache").toString());
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().remove("DARTBOARD_JAVA_OPTS");
        try (DartboardProcess terminal = DartboardProcess.start(builder)) {
            assertThat(terminal.awaitExit(LIMIT)).as(terminal.transcript()).isZero();
            return terminal.stdout();
        }
    }

    private static int indexOfFirst(List<String> lines, java.util.function.Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in:\n" + String.join("\n", lines));
    }
}
