package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings file: where it is found, that its values become options' values, that the command line
 * wins, and that a bad value, an unknown key or a missing file is bad usage in one line naming the file.
 * Each test lays out its own working directory, home and /etc in a temporary folder.
 */
class ConfigFileTest {

    @TempDir
    Path folder;

    private Path workingDirectory;
    private Path home;
    private Path systemFile;
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void layOutPlaces() throws IOException {
        workingDirectory = Files.createDirectories(folder.resolve("work"));
        home = Files.createDirectories(folder.resolve("home"));
        systemFile = folder.resolve("etc/dartboard/dartboard.properties");
    }

    @Test
    void valuesFromTheFileAreTheOptionsValues() throws IOException {
        Path file = write(workingDirectory.resolve("dartboard.properties"), """
                # a client's settings
                points = 1000
                run.jobs = 16
                seed = 42
                format = json
                """);

        Invocation fromFile = run("run");
        Invocation typed = Invocation.of("run", "--points", "1000", "--jobs", "16", "--seed", "42", "--format", "json");

        assertThat(fromFile.exitCode()).as(fromFile.transcript()).isZero();
        assertThat(fromFile.json().get("counts")).isEqualTo(typed.json().get("counts"));
        assertThat(fromFile.json().get("settingsFile").asText()).isEqualTo(file + " (working directory)");
        assertThat(typed.json().get("settingsFile").isNull()).isTrue();
    }

    @Test
    void theTextReportSaysWhichFileWasRead() throws IOException {
        Path file = write(workingDirectory.resolve("dartboard.properties"), "points = 1000\njobs = 4\n");

        Invocation run = run("run");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.outLines()).element(2).isEqualTo("  settings from " + file + " (working directory)");
    }

    @Test
    void theCommandLineWinsOverTheFile() throws IOException {
        write(workingDirectory.resolve("dartboard.properties"), "points = 1000\njobs = 4\nseed = 1\nformat = json\n");

        JsonNode plan = run("run", "--jobs", "3", "--seed", "7").json().get("plan");

        assertThat(plan.get("jobs").asLong()).isEqualTo(3);
        assertThat(plan.get("pointsPerJob").asLong()).isEqualTo(1000);
        assertThat(plan.get("seed").asLong()).isEqualTo(7);
    }

    @Test
    void aCommandsOwnKeyWinsOverThePlainKey() throws IOException {
        write(workingDirectory.resolve("dartboard.properties"), "points = 10\njobs = 4\nrun.jobs = 5\nformat = json\n");

        assertThat(run("run").json().get("plan").get("jobs").asLong()).isEqualTo(5);
    }

    @Test
    void aSizeOnTheCommandLineReplacesTheFilesSizeInTheOtherForm() throws IOException {
        write(workingDirectory.resolve("dartboard.properties"), "total-points = 1M\nformat = json\n");
        JsonNode split = run("run", "--points", "100", "--jobs", "3").json().get("plan");
        assertThat(split.get("totalPoints").asLong()).isEqualTo(300);

        write(workingDirectory.resolve("dartboard.properties"), "points = 100\njobs = 3\nformat = json\n");
        JsonNode total = run("run", "--total-points", "1000").json().get("plan");
        assertThat(total.get("totalPoints").asLong()).isEqualTo(1000);
    }

    @Test
    void oneFileServesBothCommands() throws IOException {
        // The node's keys do not disturb a client, and a plain key of the node only is still a known key.
        write(workingDirectory.resolve("dartboard.properties"), """
                node.bind = 127.0.0.40
                cpus = 1
                peers = 127.0.0.40-41
                run.points = 100
                run.jobs = 2
                """);

        Invocation run = run("run");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
    }

    @Test
    void relativePathsAreTakenFromTheFilesFolder() throws IOException {
        Path settings = Files.createDirectories(folder.resolve("elsewhere"));
        write(settings.resolve("client.properties"), "jobs-log = jobs.csv\npoints = 10\njobs = 2\n");

        Invocation run = run("run", "--config", settings.resolve("client.properties").toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(settings.resolve("jobs.csv")).isRegularFile();
        assertThat(workingDirectory.resolve("jobs.csv")).doesNotExist();
    }

    /** The places in the order they are searched. */
    private static final List<String> PLACES = List.of("--config", "DARTBOARD_CONFIG", "working directory",
            "XDG_CONFIG_HOME", "~/.config", "/etc");

    /** Each place, with every place searched after it also holding a file: the first one wins. */
    static Stream<Arguments> searchOrder() {
        return Stream.of(
                Arguments.of("--config", "--config"),
                Arguments.of("DARTBOARD_CONFIG", "DARTBOARD_CONFIG"),
                Arguments.of("working directory", "working directory"),
                Arguments.of("XDG_CONFIG_HOME", "user settings"),
                Arguments.of("~/.config", "user settings"),
                Arguments.of("/etc", "system settings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searchOrder")
    void theFirstPlaceThatHasAFileWins(String place, String foundBy) throws IOException {
        Map<String, Path> files = new HashMap<>();
        for (String later : PLACES.subList(PLACES.indexOf(place), PLACES.size())) {
            Path file = switch (later) {
                case "--config" -> folder.resolve("explicit.properties");
                case "DARTBOARD_CONFIG" -> folder.resolve("environment.properties");
                case "working directory" -> workingDirectory.resolve("dartboard.properties");
                case "XDG_CONFIG_HOME" -> folder.resolve("xdg/dartboard/dartboard.properties");
                case "~/.config" -> home.resolve(".config/dartboard/dartboard.properties");
                default -> systemFile;
            };
            files.put(later, write(file, "seed = " + files.size() + "\n"));
        }
        if (files.containsKey("DARTBOARD_CONFIG")) {
            environment.put("DARTBOARD_CONFIG", files.get("DARTBOARD_CONFIG").toString());
        }
        if (files.containsKey("XDG_CONFIG_HOME")) {
            environment.put("XDG_CONFIG_HOME", folder.resolve("xdg").toString());
        }

        Invocation run = files.containsKey("--config")
                ? run("run", "--config", files.get("--config").toString(), "-n", "10", "-m", "2", "--format", "json")
                : run("run", "-n", "10", "-m", "2", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.json().get("settingsFile").asText()).isEqualTo(files.get(place) + " (" + foundBy + ")");
        assertThat(run.json().get("plan").get("seed").asInt()).isZero();
    }

    @Test
    void devNullReadsNoSettingsAtAll() throws IOException {
        write(workingDirectory.resolve("dartboard.properties"), "points = 0\n");

        Invocation run = run("run", "--config", "/dev/null", "-n", "10", "-m", "2");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.out()).doesNotContain("settings from");
    }

    /** The file's content; the key, value and allowed values the one-line message must name. */
    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("run", "points = abc\njobs = 2\n", "points = abc", "'--points'", "1_000_000"),
                Arguments.of("run", "points = 10\njobs = 2\nthreads = 0\n", "threads = 0", "--threads", "1 to 4096"),
                Arguments.of("run", "points = 10\njobs = 2\nrun.format = xml\n", "run.format = xml", "--format",
                        "text, json"),
                Arguments.of("run", "points = 10\njobs = 2\nseed = 1.5\n", "seed = 1.5", "--seed", "0x2A"),
                Arguments.of("run", "total-points = 1M\npoints = 2\n", "total-points = 1M", "--total-points",
                        "give either T, or N and M"),
                Arguments.of("run", "points = 10\njobs = 2\nnode-wait = soon\n", "node-wait = soon", "--node-wait", "s"),
                Arguments.of("run", "points = 10\njobs = 2\nmonitor-keep = yes\n", "monitor-keep = yes", "--monitor-keep",
                        "true, false"),
                Arguments.of("node", "node.port = 99999\n", "node.port = 99999", "--port", "1 to 65535"),
                Arguments.of("node", "cpus = many\n", "cpus = many", "--cpus", "whole number"),
                Arguments.of("node", "node.peers = 10.0.0.1-0\n", "node.peers = 10.0.0.1-0", "--peers", ""));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("badValues")
    void aBadValueIsOneLineNamingTheFileTheKeyTheValueAndWhatIsAllowed(String command, String content,
            String line, String option, String allowed) throws IOException {
        Path file = write(workingDirectory.resolve("dartboard.properties"), content);

        Invocation run = run(command);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).as(run.transcript()).isEmpty();
        assertThat(run.errLines()).as(run.transcript()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("dartboard " + command + ": settings file " + file + ": " + line + ": ")
                .contains(option, allowed).doesNotContain("Exception", "\tat ");
    }

    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                Arguments.of("pionts = 10", "'pionts'", "no command has an option --pionts"),
                Arguments.of("run.pionts = 10", "'run.pionts'", "'dartboard run' has no option --pionts"),
                Arguments.of("run.bind = 127.0.0.1", "'run.bind'", "its keys: points, jobs"),
                Arguments.of("nod.bind = 127.0.0.1", "'nod.bind'", "prefixes allowed: node., run."),
                Arguments.of("config = other.properties", "'config'", "no command has an option --config"),
                Arguments.of("help = true", "'help'", "no command has an option --help"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownKeys")
    void anUnknownKeyIsRefusedNamingTheFileAndTheKey(String line, String key, String why) throws IOException {
        Path file = write(workingDirectory.resolve("dartboard.properties"), "points = 10\njobs = 2\n" + line + "\n");

        for (String command : new String[] {"run", "node"}) {
            Invocation run = run(command);

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errLines()).as(run.transcript()).singleElement().asString()
                    .startsWith("dartboard " + command + ": settings file " + file + ": unknown key " + key)
                    .contains(why);
        }
    }

    @Test
    void aKeyGivenTwiceIsRefused() throws IOException {
        write(workingDirectory.resolve("dartboard.properties"), "points = 10\njobs = 2\npoints = 20\n");

        Invocation run = run("run");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("'points' is set more than once");
    }

    @Test
    void aFileWithABadKeyIsRefusedEvenWhenTheCommandLineGivesEveryOption() throws IOException {
        write(workingDirectory.resolve("dartboard.properties"), "pionts = 10\n");

        Invocation run = run("run", "-n", "1", "-m", "1", "-s", "1", "--threads", "1", "-w", "1", "--kernel", "auto",
                "-d", "5", "-f", "text", "--connect-timeout", "1s", "--node-wait", "1s");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown key 'pionts'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"run", "node"})
    void aMissingConfigFileIsBadUsage(String command) {
        Path missing = folder.resolve("missing.properties");

        Invocation run = run(command, "--config", missing.toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("dartboard " + command + ": Invalid value for option '--config': " + missing
                        + ": no such settings file");
    }

    @Test
    void aMissingFileNamedByTheEnvironmentIsBadUsage() {
        environment.put("DARTBOARD_CONFIG", "/nonexistent/dartboard.properties");

        Invocation run = run("run", "-n", "1", "-m", "1");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("dartboard run: DARTBOARD_CONFIG=/nonexistent/dartboard.properties: no such settings file");
    }

    @Test
    void aFolderIsNotASettingsFile() {
        Invocation run = run("run", "--config", folder.toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(folder + ": is a folder, not a settings file");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"run --help", "node --help", "run --version"})
    void helpAndVersionWorkWhateverTheFileSays(String commandLine) throws IOException {
        write(workingDirectory.resolve("dartboard.properties"), "pionts = 10\n");

        Invocation run = run(commandLine.split(" "));

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void withoutAnyFileNothingChanges() {
        Invocation run = run("run", "-n", "10", "-m", "2");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.out()).doesNotContain("settings from");
    }

    private Invocation run(String... args) {
        return Invocation.withSettings(new ConfigLocations(environment, workingDirectory, home, systemFile), args);
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
