package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dartboard --help} should be enough to use the tool; every command has --help and --version. */
class HelpAndVersionTest {

    @ParameterizedTest(name = "dartboard {0}")
    @ValueSource(strings = {"--help", "-h", "help"})
    void topHelpNamesTheCommandsAndStandardOptions(String help) {
        Invocation run = Invocation.ofLine(help);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Usage: dartboard", "run", "--help", "--version");
    }

    @ParameterizedTest(name = "dartboard {0}")
    @ValueSource(strings = {"run --help", "run -h", "help run"})
    void runHelpDocumentsEveryOptionAndTheExitCodes(String help) {
        Invocation run = Invocation.ofLine(help);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Usage: dartboard run", "--points", "--jobs", "--total-points", "--seed",
                "--threads", "--window", "--digits", "--format", "--help", "--version");
        // The count syntax, and the exit codes a script can test, are part of the help.
        assertThat(run.out()).contains("1_000_000", "2^40", "Exit codes", "130");
        assertThat(run.out()).containsPattern("(?m)^\\s+2\\s+bad usage");
        assertThat(run.out()).doesNotContain("%n", "${");
    }

    @ParameterizedTest(name = "dartboard {0}")
    @ValueSource(strings = {"--version", "-V", "run --version", "run -V"})
    void versionNamesTheBuildAndTheJava(String version) {
        Invocation run = Invocation.ofLine(version);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).first().asString().matches("dartboard \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(run.out()).contains("Java " + System.getProperty("java.version"));
    }

    /** On a terminal narrower than the help's 80 columns, the help is laid out for it, not broken in words. */
    @Test
    void onANarrowTerminalTheHelpFitsIt() {
        Invocation wide = Invocation.withEnvironment(Map.of(), "run", "--help");
        Invocation narrow = Invocation.withEnvironment(Map.of(Screen.STDOUT_COLUMNS, "60"), "run", "--help");

        assertThat(wide.out().lines()).anySatisfy(line -> assertThat(line.length()).isGreaterThan(60));
        assertThat(narrow.exitCode()).isZero();
        assertThat(narrow.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(60));
        assertThat(narrow.out()).contains("--threads=THREADS", "Exit codes:");
    }
}
