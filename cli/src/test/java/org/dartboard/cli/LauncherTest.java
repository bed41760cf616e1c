package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code dartboard} launcher script on its own, with no real build and no real JVM: a copy of it in a
 * temporary folder laid out like the source tree (or the archive), a fake {@code mvn} that records its calls
 * and writes the jar, and a fake Java (a JAVA_HOME with a {@code release} file and a {@code bin/java} that
 * prints the arguments it was given), on a PATH of only the tools the launcher uses.
 */
class LauncherTest {

    /** The launcher at the project's root; the tests run in the cli module's folder. */
    private static final Path LAUNCHER = Path.of("../dartboard");
    /** What the launcher and the fakes call: flock is added by {@link #tools(boolean)} unless a test drops it. */
    private static final List<String> TOOLS =
            List.of("bash", "readlink", "find", "cat", "mkdir", "mv", "sleep", "cksum", "rm", "touch", "wc", "stty");
    private static final String RELEASE_17 = """
            IMPLEMENTOR="Eclipse Adoptium"
            JAVA_VERSION="17.0.15"
            MODULES="java.base java.logging jdk.incubator.vector jdk.unsupported"
            OS_NAME="Linux"
            """;
    private static final List<String> NODE_CAPS =
            List.of("-Xmx256m", "-XX:MaxDirectMemorySize=256m", "-XX:+ExitOnOutOfMemoryError");
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    private Path root;
    private Path jdk;
    private Path work;
    /** The modules of the project's own pom.xml. */
    private static final List<String> MODULES = modulesOfThisProject();

    private Path home;
    private Path mvnCalls;
    private Path javaCalls;

    @BeforeEach
    void sourceTreeAndJava17() throws IOException {
        root = Files.createDirectories(folder.resolve("tree"));
        Files.copy(LAUNCHER, root.resolve("dartboard"));
        executable(root.resolve("dartboard"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        // The real project's modules, so that the layout cannot drift from the tree the launcher serves.
        for (String module : MODULES) {
            Path source = root.resolve(module).resolve("src/main/java/Example.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "class Example {}\n");
            Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>\n");
        }
        // Sources an hour old, so that a jar written now is newer than all of them.
        try (Stream<Path> files = Files.walk(root)) {
            FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, hourAgo);
            }
        }
        work = Files.createDirectories(folder.resolve("work"));
        home = Files.createDirectories(folder.resolve("home"));
        mvnCalls = folder.resolve("mvn-calls");
        javaCalls = folder.resolve("java-calls");
        fakeMaven();
        jdk = fakeJava("jdk", RELEASE_17);
        // A jar newer than every source, as after a first run: most tests are not about building.
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/dartboard.jar"), "the jar built before");
    }

    // ---- the lock around the build

    @Test
    void twoFirstRunsAtOnceMakeOneBuildAndBothRunTheJar() throws Exception {
        noJarYet();
        Path tools = tools(true);
        Launch first = start(tools, Map.of(), "--version");
        Launch second = start(tools, Map.of(), "--version");

        for (Launch launch : List.of(first, second)) {
            assertThat(launch.awaitExit()).as(launch.transcript()).isZero();
            assertThat(launch.stdout()).as(launch.transcript()).contains("ran the jar of build 1");
        }
        assertThat(Files.readAllLines(mvnCalls)).as("Maven's calls").hasSize(1);
        assertThat(first.stderr() + second.stderr()).containsOnlyOnce("building the jar");
    }

    @Test
    void aRunThatFindsABuildUnderWaySaysItWaitsAndRunsThatBuildsJar() throws Exception {
        noJarYet();
        Path tools = tools(true);
        Files.writeString(root.resolve("hold"), "");   // the fake Maven waits for a file 'go' before it writes
        Launch builder = start(tools, Map.of(), "--version");
        awaitFile(mvnCalls, builder);
        Launch waiter = start(tools, Map.of(), "--version");
        awaitStderr(waiter, text -> text.contains("waiting"));
        Files.writeString(root.resolve("go"), "");

        assertThat(builder.awaitExit()).as(builder.transcript()).isZero();
        assertThat(waiter.awaitExit()).as(waiter.transcript()).isZero();
        assertThat(waiter.stderr()).as("one line, and no build of its own")
                .isEqualTo("dartboard: waiting for the build that another dartboard started in " + root + "...\n");
        assertThat(waiter.stdout()).contains("ran the jar of build 1", "lock free");
        assertThat(Files.readAllLines(mvnCalls)).hasSize(1);
    }

    @Test
    void aSourceNewerThanTheJarIsBuiltAgainAndAnUpToDateJarIsNot() throws Exception {
        noJarYet();
        Path tools = tools(true);
        // The JVM does not hold the build's lock: a node runs for days, and the next build must not wait for it.
        assertThat(run(tools, Map.of(), "--version").stdout()).contains("ran the jar of build 1", "lock free");
        assertThat(run(tools, Map.of(), "--version").stdout()).contains("ran the jar of build 1");
        assertThat(Files.readAllLines(mvnCalls)).hasSize(1);

        Files.setLastModifiedTime(root.resolve("run/src/main/java/Example.java"),
                FileTime.from(Instant.now().plusSeconds(60)));
        Result rebuilt = run(tools, Map.of(), "--version");
        assertThat(rebuilt.stdout()).contains("ran the jar of build 2");
        assertThat(rebuilt.stderr()).contains("building the jar");
        assertThat(Files.readAllLines(mvnCalls)).hasSize(2)
                .allMatch(call -> call.contains("-f " + root.resolve("pom.xml") + " -pl cli -am"));
    }

    @Test
    void withoutFlockTheLauncherStillBuildsOnceAndRuns() throws Exception {
        noJarYet();
        Path tools = tools(false);
        Result result = run(tools, Map.of(), "--version");

        assertThat(result.exitCode()).as(result.transcript()).isZero();
        assertThat(result.stdout()).contains("ran the jar of build 1");
        assertThat(result.stderr()).isEqualTo("dartboard: building the jar (first run or changed sources; takes a minute)...\n");
        assertThat(root.resolve(".dartboard-build.lock")).doesNotExist();
    }

    /** The launcher finds the modules by their pom.xml: each one's sources count, the benchmarks' do not. */
    @Test
    void aNewerSourceInAnyModuleButTheBenchmarksRebuildsTheJar() throws Exception {
        Path tools = tools(true);
        Result fresh = run(tools, Map.of(), "--version");
        assertThat(fresh.stderr()).as("a fresh jar: nothing to build, nothing to say").isEmpty();
        Path bench = Files.createDirectories(root.resolve("bench/src/main/java"));
        Files.writeString(root.resolve("bench/pom.xml"), "<project/>\n");
        Files.setLastModifiedTime(Files.writeString(bench.resolve("Bench.java"), "class Bench {}\n"),
                FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(run(tools, Map.of(), "--version").stderr()).as("the benchmarks are not in the jar").isEmpty();

        int builds = 0;
        for (String module : MODULES) {
            if (module.equals("bench")) {
                continue;
            }
            Files.setLastModifiedTime(root.resolve(module).resolve("src/main/java/Example.java"),
                    FileTime.from(Instant.now().plusSeconds(120 + builds)));
            Result rebuilt = run(tools, Map.of(), "--version");
            builds++;
            assertThat(rebuilt.stderr()).as(module).contains("building the jar");
            assertThat(Files.readAllLines(mvnCalls)).as(module).hasSize(builds);
        }
    }

    @Test
    void theArchivesLayoutRunsLibJarAndNeverBuilds() throws Exception {
        Path unpacked = Files.createDirectories(folder.resolve("dartboard-0.1.0"));
        Files.createDirectories(unpacked.resolve("bin"));
        Files.copy(LAUNCHER, unpacked.resolve("bin/dartboard"));
        executable(unpacked.resolve("bin/dartboard"));
        Path tools = tools(true);

        Result missing = run(unpacked.resolve("bin/dartboard"), tools, Map.of(), "--version");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("dartboard: " + unpacked.resolve("lib/dartboard.jar")
                + " is missing: unpack the whole archive again\n");

        Files.createDirectories(unpacked.resolve("lib"));
        Files.writeString(unpacked.resolve("lib/dartboard.jar"), "the archive's jar");
        Result result = run(unpacked.resolve("bin/dartboard"), tools, Map.of(), "--version");
        assertThat(result.exitCode()).as(result.transcript()).isZero();
        assertThat(result.stdout()).contains("ran the archive's jar");
        assertThat(result.stderr()).isEmpty();
        assertThat(mvnCalls).doesNotExist();
    }

    // ---- the Java version

    @ParameterizedTest(name = "JAVA_VERSION=\"{0}\" in the release file")
    @CsvSource({"1.8.0_392, false", "11.0.2, false", "16.0.2, false", "17, true", "17.0.15, true", "21.0.4, true",
            "25, true"})
    void theReleaseFileSaysWhichJavaItIsWithoutAJvmStart(String version, boolean accepted) throws Exception {
        if (!accepted) {
            noJarYet();   // so that the test sees no build started for a Java that cannot run the jar
        }
        Path java = fakeJava("jdk-" + version, "JAVA_VERSION=\"" + version + "\"\nMODULES=\"java.base\"\n");
        Result result = run(tools(true), Map.of("JAVA_HOME", java.toString()), "--version");

        if (accepted) {
            assertThat(result.exitCode()).as(result.transcript()).isZero();
            assertThat(Files.readAllLines(javaCalls)).as("the only JVM start runs the jar")
                    .singleElement().asString().startsWith("-jar ");
        } else {
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("dartboard: needs Java 17 or newer, and " + java.resolve("bin/java")
                    + " is Java " + version + ": install Java 17 or newer (on Debian or Raspberry Pi OS: sudo apt"
                    + " install openjdk-17-jre-headless) or set JAVA_HOME to one\n");
            assertThat(javaCalls).as("no JVM started").doesNotExist();
            assertThat(mvnCalls).as("no build for a Java that cannot run it").doesNotExist();
        }
    }

    @Test
    void withoutAReleaseFileJavaIsAskedForItsVersion() throws Exception {
        Path java8 = fakeJava("jre8", null);
        Files.writeString(java8.resolve("version-says"), """
                Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8
                java version "1.8.0_392"
                Java(TM) SE Runtime Environment (build 1.8.0_392-b08)
                """);
        Result old = run(tools(true), Map.of("JAVA_HOME", java8.toString()), "--version");
        assertThat(old.exitCode()).isEqualTo(1);
        assertThat(old.stderr()).hasLineCount(1).startsWith("dartboard: needs Java 17 or newer, and "
                + java8.resolve("bin/java") + " is Java 1.8.0_392: install Java 17 or newer");
        assertThat(Files.readAllLines(javaCalls)).containsExactly("-version");

        Path java25 = fakeJava("jre25", null);
        Files.writeString(java25.resolve("version-says"), "openjdk version \"25\" 2025-09-16\n");
        Result recent = run(tools(true), Map.of("JAVA_HOME", java25.toString()), "--version");
        assertThat(recent.exitCode()).as(recent.transcript()).isZero();
        assertThat(recent.stdout()).contains("ran the jar built before");
    }

    @Test
    void aJavaHomeWithoutJavaIsOneLine() throws Exception {
        Path empty = Files.createDirectories(folder.resolve("no-java"));
        Result result = run(tools(true), Map.of("JAVA_HOME", empty.toString()), "--version");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).hasLineCount(1).contains("found no '" + empty + "/bin/java'", "set JAVA_HOME");
    }

    // ---- the node's memory caps, unless the user chose

    @Test
    void aNodeGetsTheDefaultCapsAndARunNone() throws Exception {
        assertThat(jvmOptions(run(tools(true), Map.of(), "node"))).containsAll(NODE_CAPS);
        assertThat(jvmOptions(run(tools(true), Map.of(), "run"))).doesNotContainAnyElementsOf(NODE_CAPS);
    }

    @ParameterizedTest(name = "DARTBOARD_JAVA_OPTS={0}")
    @ValueSource(strings = {"-XX:MaxRAMPercentage=50", "-Xmx1g", "-Xms512m", "-XX:MaxHeapSize=300m",
            "-XX:InitialHeapSize=300m", "-XX:MaxRAM=2g", "-XX:MaxRAMFraction=2", "-XX:MinRAMPercentage=60",
            "-XX:MinRAMFraction=2"})
    void aNodeWhoseUserSizedTheHeapGetsNoHeapCap(String heap) throws Exception {
        List<String> options = jvmOptions(run(tools(true), Map.of("DARTBOARD_JAVA_OPTS", heap), "node"));

        assertThat(options).doesNotContain("-Xmx256m").contains(heap)
                .contains("-XX:MaxDirectMemorySize=256m", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void anInitialRamShareIsNoHeapChoice() throws Exception {
        // The JVM lowers an initial share above the cap to the cap by itself: the cap stays.
        List<String> options = jvmOptions(run(tools(true),
                Map.of("DARTBOARD_JAVA_OPTS", "-XX:InitialRAMPercentage=50"), "node"));

        assertThat(options).containsAll(NODE_CAPS).contains("-XX:InitialRAMPercentage=50");
    }

    @ParameterizedTest(name = "DARTBOARD_JAVA_OPTS={0}")
    @ValueSource(strings = {"-XX:+CrashOnOutOfMemoryError", "-XX:-ExitOnOutOfMemoryError",
            "-XX:OnOutOfMemoryError=/bin/true", "-XX:+ExitOnOutOfMemoryError"})
    void aNodeWhoseUserChoseWhatHappensOnExhaustionGetsNoOtherChoice(String oom) throws Exception {
        List<String> options = jvmOptions(run(tools(true), Map.of("DARTBOARD_JAVA_OPTS", oom), "node"));

        assertThat(options).containsOnlyOnce(oom).contains("-Xmx256m", "-XX:MaxDirectMemorySize=256m");
        assertThat(options.stream().filter(option -> option.contains("OutOfMemoryError"))).containsExactly(oom);
    }

    @Test
    void aNodeWhoseUserSizedDirectMemoryKeepsThatSize() throws Exception {
        List<String> options = jvmOptions(run(tools(true),
                Map.of("DARTBOARD_JAVA_OPTS", "-XX:MaxDirectMemorySize=64m"), "node"));

        assertThat(options).contains("-Xmx256m", "-XX:+ExitOnOutOfMemoryError")
                .filteredOn(option -> option.contains("MaxDirectMemorySize")).containsExactly("-XX:MaxDirectMemorySize=64m");
    }

    @Test
    void aHeapChosenInTheJvmsOwnVariablesCountsToo() throws Exception {
        // The JVM reads these before its command line: a cap put there by the launcher would override them.
        for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
            List<String> options = jvmOptions(run(tools(true), Map.of(variable, "-Dx=1 -XX:MaxRAMPercentage=75"), "node"));
            assertThat(options).as(variable).doesNotContain("-Xmx256m").contains("-XX:MaxDirectMemorySize=256m");
        }
    }

    @Test
    void theUsersOptionsArePassedAsTheyAreAfterTheDefaults() throws Exception {
        // A '*' is not a file pattern here (this file would match it), and any run of spaces, tabs or
        // newlines separates options.
        Files.writeString(work.resolve("-Dpattern=a-file"), "");
        List<String> options = jvmOptions(run(tools(true),
                Map.of("DARTBOARD_JAVA_OPTS", " -Dpattern=*  -Xss2m\t-Dlast=1\n"), "node"));

        assertThat(options).containsSubsequence("-Xmx256m", "-Dpattern=*", "-Xss2m", "-Dlast=1");
        assertThat(options.subList(options.size() - 3, options.size())).containsExactly("-Dpattern=*", "-Xss2m", "-Dlast=1");
    }

    // ---- the vector module

    @Test
    void theVectorModuleIsAddedForRunAndNodeWhenTheReleaseFileListsIt() throws Exception {
        Path tools = tools(true);
        assertThat(jvmOptions(run(tools, Map.of(), "run"))).containsSubsequence("--add-modules", "jdk.incubator.vector");
        assertThat(jvmOptions(run(tools, Map.of(), "node"))).containsSubsequence("--add-modules", "jdk.incubator.vector");
        assertThat(jvmOptions(run(tools, Map.of(), "--version"))).doesNotContain("--add-modules");

        Path withoutVector = fakeJava("jdk-no-vector", "JAVA_VERSION=\"17.0.15\"\nMODULES=\"java.base jdk.incubator.vectorx\"\n");
        assertThat(jvmOptions(run(tools, Map.of("JAVA_HOME", withoutVector.toString()), "run")))
                .doesNotContain("--add-modules");
        assertThat(Files.readAllLines(javaCalls)).as("the release file answered: no other JVM start").hasSize(4)
                .allMatch(call -> call.contains(" -jar ") || call.startsWith("-jar "));
    }

    @Test
    void withoutAModuleListTheJvmIsAskedForItsModules() throws Exception {
        Path trimmed = fakeJava("jdk-trimmed", "JAVA_VERSION=\"17.0.15\"\n");
        Files.writeString(trimmed.resolve("modules-listed"), "java.base@17.0.15\njdk.incubator.vector@17.0.15\n");

        assertThat(jvmOptions(run(tools(true), Map.of("JAVA_HOME", trimmed.toString()), "run")))
                .containsSubsequence("--add-modules", "jdk.incubator.vector");
        assertThat(Files.readAllLines(javaCalls)).first().isEqualTo("--list-modules");
    }

    @Test
    void theUsersOwnVectorModuleOptionIsNotRepeated() throws Exception {
        List<String> options = jvmOptions(run(tools(true),
                Map.of("DARTBOARD_JAVA_OPTS", "--add-modules=jdk.incubator.vector"), "run"));

        assertThat(options).containsExactly("--add-modules=jdk.incubator.vector");
    }

    /**
     * A run's incubator warning is dropped wherever its stderr goes (a pipe, a file, a terminal), and the
     * launcher ends only once the filter has passed on the JVM's last line; a node's, only on a terminal,
     * so that a service's node stays the process its manager started.
     */
    @Test
    void theIncubatorWarningIsDroppedFromARunWhereverItsStderrGoesAndFromANodeOnATerminal() throws Exception {
        Path script = Path.of("/usr/bin/script");
        Assumptions.assumeTrue(Files.isExecutable(script), "util-linux's script is needed to make a terminal");
        Path tools = tools(true);
        Files.writeString(jdk.resolve("warn"), "");   // the fake JVM warns as the real one does with the module

        Result piped = run(tools, Map.of(), "run");
        assertThat(piped.exitCode()).as(piped.transcript()).isZero();
        assertThat(piped.stderr()).isEqualTo("the JVM's own error line\n");
        Result pipedNode = run(tools, Map.of(), "node");
        assertThat(pipedNode.stderr()).startsWith("WARNING: Using incubator modules: jdk.incubator.vector\n")
                .contains("the JVM's own error line");

        for (String command : List.of("run", "node")) {
            ProcessBuilder terminal = new ProcessBuilder(script.toString(), "-qefc",
                    root.resolve("dartboard") + " " + command, "/dev/null");
            Result shown = run(terminal, tools, Map.of("SHELL", whereIs("bash").toString()));
            assertThat(shown.exitCode()).as(shown.transcript()).isZero();
            assertThat(shown.stdout()).doesNotContain("WARNING").contains("the JVM's own error line", "ran the jar");
        }
    }

    /** The filtered run is the launcher's child: its exit code, its standard input and the signals reach it. */
    @Test
    void aFilteredRunGetsTheStandardInputTheSignalsAndGivesItsExitCode() throws Exception {
        Path tools = tools(true);
        Files.writeString(jdk.resolve("warn"), "");
        Files.writeString(jdk.resolve("exit-code"), "3");
        Result failed = run(tools, Map.of(), "run");
        assertThat(failed.exitCode()).as(failed.transcript()).isEqualTo(3);
        assertThat(failed.stderr()).doesNotContain("WARNING");
        Files.delete(jdk.resolve("exit-code"));

        Files.writeString(jdk.resolve("read-a-line"), "");
        Launch asked = start(tools, Map.of("DARTBOARD_CDS", "off"), "run");
        asked.process().getOutputStream().write("42\n".getBytes(StandardCharsets.UTF_8));
        asked.process().getOutputStream().close();
        assertThat(asked.awaitExit()).as(asked.transcript()).isZero();
        assertThat(asked.stdout()).contains("read 42");
        Files.delete(jdk.resolve("read-a-line"));

        Files.writeString(jdk.resolve("wait-for-term"), "");
        for (String signal : List.of("TERM", "INT")) {
            Launch stopped = start(tools, Map.of("DARTBOARD_CDS", "off"), "run");
            awaitStdout(stopped, text -> text.contains("waiting for a signal"));
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(stopped.process().pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(stopped.awaitExit()).as(stopped.transcript()).isEqualTo(signal.equals("TERM") ? 143 : 130);
            assertThat(stopped.stdout()).contains("the JVM got SIG" + signal);
            assertThat(stopped.stderr()).doesNotContain("WARNING");
        }
    }

    // ---- what the JVM is told: the terminal's width, the launcher

    /** Java cannot ask a terminal its width: the launcher gives it for each stream that is a terminal, only. */
    @Test
    void eachStreamThatIsATerminalGetsItsWidthAndAPipeNone() throws Exception {
        Path script = Path.of("/usr/bin/script");
        Assumptions.assumeTrue(Files.isExecutable(script), "util-linux's script is needed to make a terminal");
        Path tools = tools(true);
        // A width left in the environment by a parent on a terminal says nothing of this run's pipes.
        Result piped = run(tools, Map.of("DARTBOARD_STDOUT_COLUMNS", "100", "DARTBOARD_STDERR_COLUMNS", "100"),
                "--version");
        assertThat(piped.stdout()).doesNotContain("COLUMNS");

        Map<String, String> shell = Map.of("SHELL", whereIs("bash").toString());
        Result both = run(new ProcessBuilder(script.toString(), "-qefc",
                "stty cols 60; " + root.resolve("dartboard") + " --version", "/dev/null"), tools, shell);
        assertThat(both.stdout()).as(both.transcript())
                .contains("env DARTBOARD_STDOUT_COLUMNS=60", "env DARTBOARD_STDERR_COLUMNS=60");

        Result stdoutPiped = run(new ProcessBuilder(script.toString(), "-qefc",
                "stty cols 80; " + root.resolve("dartboard") + " --version | cat", "/dev/null"), tools, shell);
        assertThat(stdoutPiped.stdout()).as(stdoutPiped.transcript())
                .contains("env DARTBOARD_STDERR_COLUMNS=80").doesNotContain("DARTBOARD_STDOUT_COLUMNS");
    }

    /** The commands dartboard prints (the resume command) start as the user started it. */
    @Test
    void theLauncherSaysHowItWasTyped() throws Exception {
        Path tools = tools(true);
        Launch relative = start(new ProcessBuilder("../tree/dartboard", "--version"), tools, Map.of());
        assertThat(relative.awaitExit()).as(relative.transcript()).isZero();
        assertThat(relative.stdout()).contains("env DARTBOARD_LAUNCHER=../tree/dartboard\n");

        // Found on the PATH (through a link, as an installation makes one): its name is enough.
        Path installed = Files.createDirectories(folder.resolve("installed"));
        Files.createSymbolicLink(installed.resolve("dartboard"), root.resolve("dartboard"));
        Result onPath = run(new ProcessBuilder(installed.resolve("dartboard").toString(), "--version"), tools,
                Map.of("PATH", installed + ":" + folder.resolve("bin") + ":" + tools));
        assertThat(onPath.stdout()).as(onPath.transcript()).contains("env DARTBOARD_LAUNCHER=dartboard\n");
    }

    // ---- the quick compiler for a cluster client

    @Test
    void aRunWithNodesOnItsCommandLineGetsTheQuickCompilerAndNoOtherCommandDoes() throws Exception {
        Path tools = tools(true);
        assertThat(jvmOptions(run(tools, Map.of(), "run", "--nodes", "127.0.0.1:10800")))
                .containsOnlyOnce("-XX:TieredStopAtLevel=1");
        assertThat(jvmOptions(run(tools, Map.of(), "run", "--points", "10", "--nodes=127.0.0.1:10800")))
                .containsOnlyOnce("-XX:TieredStopAtLevel=1");
        assertThat(jvmOptions(run(tools, Map.of(), "run", "--points", "10"))).doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(jvmOptions(run(tools, Map.of(), "node", "--peers", "127.0.0.1")))
                .doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @ParameterizedTest(name = "DARTBOARD_JAVA_OPTS={0}")
    @ValueSource(strings = {"-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-Xint"})
    void aClientWhoseUserChoseTheCompilerKeepsThatChoice(String compiler) throws Exception {
        List<String> options = jvmOptions(run(tools(true), Map.of("DARTBOARD_JAVA_OPTS", compiler),
                "run", "--nodes", "127.0.0.1:10800"));

        assertThat(options).containsOnlyOnce(compiler).doesNotContain("-XX:TieredStopAtLevel=1");
    }

    // ---- no settings file read by the launcher

    @Test
    void settingsFilesThatNameNodesChangeNothingTheLauncherDoes() throws Exception {
        Path tools = tools(true);
        List<String> plain = jvmOptions(run(tools, Map.of(), "run"));

        String nodes = "run.nodes = 127.0.0.1:10800\nnodes = 127.0.0.1:10800\n";
        Files.writeString(work.resolve("dartboard.properties"), nodes);
        Files.createDirectories(home.resolve(".config/dartboard"));
        Files.writeString(home.resolve(".config/dartboard/dartboard.properties"), nodes);
        Path named = Files.writeString(folder.resolve("named.properties"), nodes);

        assertThat(jvmOptions(run(tools, Map.of(), "run"))).isEqualTo(plain);
        assertThat(jvmOptions(run(tools, Map.of("DARTBOARD_CONFIG", named.toString()), "run"))).isEqualTo(plain);
        assertThat(jvmOptions(run(tools, Map.of(), "run", "--config", named.toString()))).isEqualTo(plain);
        assertThat(plain).noneMatch(option -> option.contains("TieredStopAtLevel"));

        // Who names the nodes in a settings file asks for the quick compiler this way.
        assertThat(jvmOptions(run(tools, Map.of("DARTBOARD_JAVA_OPTS", "-XX:TieredStopAtLevel=1"), "run")))
                .containsOnlyOnce("-XX:TieredStopAtLevel=1");
    }

    // ---- the class-data archive

    @Test
    void aFirstRunListsItsClassesAndTheNextStartsFromTheArchiveMadeFromThem() throws Exception {
        sharingJava();
        Path tools = tools(true);
        Result first = run(tools, Map.of(), "run", "--points", "1");
        assertThat(first.exitCode()).as(first.transcript()).isZero();
        assertThat(first.stderr()).as("nothing to say about it").isEmpty();
        Path list = Path.of(option(first, "-XX:DumpLoadedClassList="));
        assertThat(list.getParent()).isEqualTo(home.resolve(".cache/dartboard/cds"));
        Path archive = awaitArchive(list);
        assertThat(archive.getFileName().toString()).startsWith("run-").endsWith(".jsa");
        assertThat(archive).hasContent("an archive of: the classes that JVM " + javaPid(first) + " loaded");
        assertThat(list).as("the list, once used").doesNotExist();

        Result second = run(tools, Map.of(), "run", "--points", "1");
        assertThat(second.stderr()).isEmpty();
        assertThat(jvmOptions(second)).contains("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off")
                .noneMatch(option -> option.startsWith("-XX:DumpLoadedClassList"));
        assertThat(Files.readAllLines(javaCalls)).as("two runs and one dump").hasSize(3)
                .filteredOn(call -> call.contains("-Xshare:dump")).singleElement().asString()
                .contains("-XX:SharedClassListFile=" + list, "-cp " + root.resolve("cli/target/dartboard.jar"));
    }

    @Test
    void aNewBuildOfTheJarGetsANewArchiveInThePlaceOfTheOld() throws Exception {
        sharingJava();
        Path tools = tools(true);
        Path jar = root.resolve("cli/target/dartboard.jar");
        Path archive = awaitArchive(Path.of(option(run(tools, Map.of(), "run"), "-XX:DumpLoadedClassList=")));
        assertThat(archive.getFileName().toString()).endsWith("-" + Files.size(jar) + ".jsa");
        // A build of another size, then one of the same size: the time tells.
        for (String build : List.of("the jar of build number 2", "the jar of build number 3")) {
            Files.writeString(jar, build);

            Result rebuilt = run(tools, Map.of(), "run");
            assertThat(rebuilt.stderr()).isEmpty();
            assertThat(jvmOptions(rebuilt)).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
            Path remade = awaitArchive(Path.of(option(rebuilt, "-XX:DumpLoadedClassList=")));
            assertThat(remade).hasContent("an archive of: the classes that JVM " + javaPid(rebuilt) + " loaded");
            assertThat(names(archive.getParent())).as("the old build's archive is gone")
                    .containsExactly(remade.getFileName().toString());
            assertThat(jvmOptions(run(tools, Map.of(), "run"))).contains("-XX:SharedArchiveFile=" + remade);
        }
    }

    @Test
    void aJarFromTheFutureIsNotListedAgainOnEveryRun() throws Exception {
        sharingJava();
        Path tools = tools(true);
        // A clock set wrong where the jar was made: the archive, made now, would be older than the jar for ever.
        Files.setLastModifiedTime(root.resolve("cli/target/dartboard.jar"), FileTime.from(Instant.now().plusSeconds(3600)));
        Path archive = awaitArchive(Path.of(option(run(tools, Map.of(), "run"), "-XX:DumpLoadedClassList=")));

        assertThat(jvmOptions(run(tools, Map.of(), "run"))).contains("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void aLocalRunAClusterClientAnotherJavaAndOtherOptionsEachHaveAnArchive() throws Exception {
        sharingJava();
        Path tools = tools(true);
        Path other = fakeJava("jdk-other", RELEASE_17.replace("17.0.15", "17.0.16"));
        Files.createDirectories(other.resolve("lib/server"));
        Files.writeString(other.resolve("lib/server/classes.jsa"), "the JDK's own archive");
        List<Path> archives = new ArrayList<>();
        for (Result listing : List.of(run(tools, Map.of(), "run"),
                run(tools, Map.of(), "run", "--nodes", "127.0.0.1:10800"),
                run(tools, Map.of("JAVA_HOME", other.toString()), "run"),
                run(tools, Map.of("DARTBOARD_JAVA_OPTS", "-Xmx1g"), "run"))) {
            archives.add(awaitArchive(Path.of(option(listing, "-XX:DumpLoadedClassList="))));
        }

        assertThat(archives).doesNotHaveDuplicates();
        assertThat(archives.get(1).getFileName().toString()).startsWith("client-");
        assertThat(jvmOptions(run(tools, Map.of(), "run", "--nodes", "127.0.0.1:10800")))
                .contains("-XX:SharedArchiveFile=" + archives.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a node | | node",
            "DARTBOARD_CDS=off | DARTBOARD_CDS=off | run",
            "the user's -Xshare:off | DARTBOARD_JAVA_OPTS=-Xshare:off | run",
            "the user's own archive | DARTBOARD_JAVA_OPTS=-XX:SharedArchiveFile=/tmp/mine.jsa | run",
            "the user's own archive, in JAVA_TOOL_OPTIONS | JAVA_TOOL_OPTIONS=-XX:SharedArchiveFile=/tmp/mine.jsa | run",
            "certs | | certs"})
    void noArchiveWhenNotWantedOrOfNoUse(String why, String variable, String command) throws Exception {
        sharingJava();
        Map<String, String> environment = variable == null ? Map.of()
                : Map.of(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        Result result = run(tools(true), environment, command);

        assertThat(jvmOptions(result)).noneMatch(option -> option.startsWith("-XX:DumpLoadedClassList")
                || option.equals("-Xlog:cds=off"));
        assertThat(home.resolve(".cache")).doesNotExist();
    }

    @Test
    void aJavaWithoutItsOwnArchiveOrAToolMissingMeansNoArchive() throws Exception {
        // The fake JDK of the other tests has no lib/server/classes.jsa: a JVM that may not know the options.
        assertThat(jvmOptions(run(tools(true), Map.of(), "run"))).noneMatch(option -> option.contains("cds"));
        sharingJava();
        Path withoutCksum = Files.createDirectories(folder.resolve("tools-without-cksum"));
        for (String tool : TOOLS) {
            if (!tool.equals("cksum")) {
                Files.createSymbolicLink(withoutCksum.resolve(tool), whereIs(tool));
            }
        }
        assertThat(jvmOptions(run(withoutCksum, Map.of(), "run"))).noneMatch(option -> option.contains("cds"));
        assertThat(home.resolve(".cache")).doesNotExist();
    }

    @Test
    void theHelpOrTheVersionOfRunMakesNoArchiveButUsesOne() throws Exception {
        sharingJava();
        Path tools = tools(true);
        for (String asked : List.of("--help", "-h", "--version", "-V")) {
            assertThat(jvmOptions(run(tools, Map.of(), "run", asked))).as(asked)
                    .noneMatch(option -> option.startsWith("-XX:DumpLoadedClassList"));
        }
        Path archive = awaitArchive(Path.of(option(run(tools, Map.of(), "run"), "-XX:DumpLoadedClassList=")));
        assertThat(jvmOptions(run(tools, Map.of(), "run", "--help"))).contains("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void aListingRunThatFailsLeavesNothingAndTheNextRunListsAgain() throws Exception {
        sharingJava();
        Path tools = tools(true);
        Files.writeString(jdk.resolve("exit-code"), "2");
        Result refused = run(tools, Map.of(), "run", "--points", "-1");
        assertThat(refused.exitCode()).as("the JVM's exit code").isEqualTo(2);
        assertThat(refused.stderr()).isEmpty();
        assertThat(home.resolve(".cache/dartboard/cds")).isEmptyDirectory();

        Files.delete(jdk.resolve("exit-code"));
        awaitArchive(Path.of(option(run(tools, Map.of(), "run"), "-XX:DumpLoadedClassList=")));
    }

    @Test
    void aDumpThatFailsLeavesNoArchiveAndSaysNothing() throws Exception {
        sharingJava();
        Files.writeString(jdk.resolve("dump-fails"), "");
        Result listing = run(tools(true), Map.of(), "run");
        assertThat(listing.exitCode()).isZero();
        assertThat(listing.stderr()).isEmpty();
        Path list = Path.of(option(listing, "-XX:DumpLoadedClassList="));
        awaitGone(list.resolveSibling(list.getFileName().toString().replaceFirst("\\.\\d+\\.classlist$", ".making")));
        assertThat(list.getParent()).isEmptyDirectory();
    }

    @Test
    void aCacheThatCannotBeWrittenIsNoObstacle() throws Exception {
        sharingJava();
        // A file where the cache folder would be: not writable even by root, whom permissions do not stop.
        Path notAFolder = Files.writeString(folder.resolve("cache-is-a-file"), "");
        Result result = run(tools(true), Map.of("XDG_CACHE_HOME", notAFolder.toString()), "run");

        assertThat(result.exitCode()).as(result.transcript()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(jvmOptions(result)).noneMatch(option -> option.contains("cds"));
    }

    @Test
    void xdgCacheHomeSaysWhereTheArchivesGoWhenItIsAnAbsolutePath() throws Exception {
        sharingJava();
        Path cache = folder.resolve("xdg-cache");
        Path list = Path.of(option(run(tools(true), Map.of("XDG_CACHE_HOME", cache.toString()), "run"),
                "-XX:DumpLoadedClassList="));
        assertThat(list.getParent()).isEqualTo(cache.resolve("dartboard/cds"));
        awaitArchive(list);
        // A relative one is to be ignored (the XDG base directory specification): the home's .cache it is.
        Path relative = Path.of(option(run(tools(true), Map.of("XDG_CACHE_HOME", "relative/cache",
                "DARTBOARD_JAVA_OPTS", "-Dother=1"), "run"), "-XX:DumpLoadedClassList="));
        assertThat(relative.getParent()).isEqualTo(home.resolve(".cache/dartboard/cds"));
        awaitArchive(relative);
    }

    @Test
    void aRunWhileAnotherMakesTheArchiveRunsWithoutOneAndAClaimLeftByAKilledRunIsTakenOver() throws Exception {
        sharingJava();
        Path tools = tools(true);
        Path archive = awaitArchive(Path.of(option(run(tools, Map.of(), "run"), "-XX:DumpLoadedClassList=")));
        Files.delete(archive);
        Path claim = archive.resolveSibling(archive.getFileName() + ".making");

        Files.writeString(claim, ProcessHandle.current().pid() + "\n");   // a process that is alive
        assertThat(jvmOptions(run(tools, Map.of(), "run"))).noneMatch(option -> option.contains("cds"));
        assertThat(claim).hasContent(ProcessHandle.current().pid() + "\n");

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(claim, gone.pid() + "\n");
        Files.writeString(archive.resolveSibling(archive.getFileName() + ".1.classlist"), "left by a killed run");
        Result takenOver = run(tools, Map.of(), "run");
        assertThat(awaitArchive(Path.of(option(takenOver, "-XX:DumpLoadedClassList=")))).isEqualTo(archive);
        try (Stream<Path> files = Files.list(archive.getParent())) {
            assertThat(files).containsExactly(archive);
        }
    }

    @Test
    void twoFirstRunsAtOnceBothRunAndOneArchiveIsMade() throws Exception {
        sharingJava();
        Path tools = tools(true);
        Launch first = start(tools, Map.of(), "run");
        Launch second = start(tools, Map.of(), "run");
        for (Launch launch : List.of(first, second)) {
            assertThat(launch.awaitExit()).as(launch.transcript()).isZero();
            assertThat(launch.stderr()).isEmpty();
        }
        Path cds = home.resolve(".cache/dartboard/cds");
        await(() -> {
            List<String> names = names(cds);
            return names.size() == 1 && names.get(0).endsWith(".jsa");
        }, first, "one archive and nothing else in " + cds);
    }

    @Test
    void theListingRunGetsTheStandardInputAndTheSignalsSentToTheLauncher() throws Exception {
        sharingJava();
        Path tools = tools(true);
        Files.writeString(jdk.resolve("read-a-line"), "");
        Launch asked = start(tools, Map.of(), "run");
        asked.process().getOutputStream().write("42\n".getBytes(StandardCharsets.UTF_8));
        asked.process().getOutputStream().close();
        assertThat(asked.awaitExit()).as(asked.transcript()).isZero();
        assertThat(asked.stdout()).contains("arg -XX:DumpLoadedClassList=", "read 42");
        awaitArchive(Path.of(option(new Result(0, asked.stdout(), asked.stderr()), "-XX:DumpLoadedClassList=")));

        Files.delete(jdk.resolve("read-a-line"));
        Files.writeString(jdk.resolve("wait-for-term"), "");
        for (String signal : List.of("TERM", "INT")) {
            Launch stopped = start(tools, Map.of(), "run", "--nodes", "127.0.0.1:10800");
            awaitStdout(stopped, text -> text.contains("waiting for a signal"));
            assertThat(stopped.stdout()).contains("arg -XX:DumpLoadedClassList=");
            // To the launcher only, as a service manager or a script would send it.
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(stopped.process().pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(stopped.awaitExit()).as(stopped.transcript()).isEqualTo(signal.equals("TERM") ? 143 : 130);
            assertThat(stopped.stdout()).contains("the JVM got SIG" + signal);
            Path list = Path.of(option(new Result(0, stopped.stdout(), stopped.stderr()), "-XX:DumpLoadedClassList="));
            assertThat(list).doesNotExist();
            assertThat(list.resolveSibling(list.getFileName().toString().replaceFirst("\\.\\d+\\.classlist$", ".making")))
                    .doesNotExist();
        }
    }

    @Test
    void theArchivesLayoutMakesAnArchiveForLibJar() throws Exception {
        sharingJava();
        Path unpacked = Files.createDirectories(folder.resolve("dartboard-0.1.0"));
        Files.createDirectories(unpacked.resolve("bin"));
        Files.createDirectories(unpacked.resolve("lib"));
        Files.copy(LAUNCHER, unpacked.resolve("bin/dartboard"));
        executable(unpacked.resolve("bin/dartboard"));
        Files.writeString(unpacked.resolve("lib/dartboard.jar"), "the archive's jar");
        Path tools = tools(true);

        Result first = run(unpacked.resolve("bin/dartboard"), tools, Map.of(), "run");
        assertThat(first.stdout()).contains("ran the archive's jar");
        Path archive = awaitArchive(Path.of(option(first, "-XX:DumpLoadedClassList=")));
        assertThat(Files.readAllLines(javaCalls)).filteredOn(call -> call.contains("-Xshare:dump")).singleElement()
                .asString().contains("-cp " + unpacked.resolve("lib/dartboard.jar"));
        assertThat(jvmOptions(run(unpacked.resolve("bin/dartboard"), tools, Map.of(), "run")))
                .contains("-XX:SharedArchiveFile=" + archive);
    }

    // ---- the fakes and how the launcher is run

    private void noJarYet() throws IOException {
        Files.delete(root.resolve("cli/target/dartboard.jar"));
    }

    /** A fake Maven: records its arguments, waits for 'go' when 'hold' exists, then writes the jar as shade does. */
    private void fakeMaven() throws IOException {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Files.writeString(bin.resolve("mvn"), """
                #!/bin/bash
                printf '%%s\\n' "$*" >>'%1$s'
                while [ -e '%2$s/hold' ] && [ ! -e '%2$s/go' ]; do sleep 0.02; done
                sleep 0.3
                mkdir -p '%2$s/cli/target'
                calls=0
                while IFS= read -r _; do calls=$((calls + 1)); done <'%1$s'
                printf 'the jar of build %%d' "$calls" >'%2$s/cli/target/dartboard-shaded.jar'
                mv '%2$s/cli/target/dartboard-shaded.jar' '%2$s/cli/target/dartboard.jar'
                """.formatted(mvnCalls, root));
        executable(bin.resolve("mvn"));
    }

    /**
     * A fake Java home: bin/java records its arguments; asked -version or --list-modules it answers from the
     * files version-says and modules-listed; asked -Xshare:dump it writes the archive as "an archive of: "
     * and the class list (and fails when the file dump-fails exists); else it writes the class list asked
     * for with -XX:DumpLoadedClassList ("the classes that JVM PID loaded"), prints each argument on a line of
     * its own, the launcher's DARTBOARD_ variables ("env NAME=value"), what the jar holds, and whether the
     * build lock is free (no launcher holds it); when the file 'warn' exists, it also
     * prints the incubator warning and then "the JVM's own error line" on stderr. Files of the home change
     * what the run then does: read-a-line (reads standard input and prints what it read), wait-for-term
     * (waits for SIGTERM or SIGINT, then exits 143 or 130), exit-code (exits with the code it holds).
     *
     * @param release the release file, or null for none
     */
    private Path fakeJava(String name, String release) throws IOException {
        Path javaHome = Files.createDirectories(folder.resolve(name).resolve("bin")).getParent();
        if (release != null) {
            Files.writeString(javaHome.resolve("release"), release);
        }
        Files.writeString(javaHome.resolve("bin/java"), """
                #!/bin/bash
                printf '%%s\\n' "$*" >>'%1$s'
                case "$1" in
                  -version) cat '%2$s/version-says' >&2; exit 0 ;;
                  --list-modules) cat '%2$s/modules-listed'; exit 0 ;;
                esac
                dump=false
                listing=""
                for arg in "$@"; do
                  case $arg in
                    -Xshare:dump) dump=true ;;
                    -XX:SharedArchiveFile=*) archive=${arg#*=} ;;
                    -XX:SharedClassListFile=*) list=${arg#*=} ;;
                    -XX:DumpLoadedClassList=*) listing=${arg#*=} ;;
                  esac
                done
                if $dump; then
                  [ -e '%2$s/dump-fails' ] && exit 1
                  printf 'an archive of: %%s' "$(<"$list")" >"$archive"
                  exit 0
                fi
                [ -n "$listing" ] && printf 'the classes that JVM %%s loaded' "$$" >"$listing"
                for variable in DARTBOARD_LAUNCHER DARTBOARD_STDOUT_COLUMNS DARTBOARD_STDERR_COLUMNS; do
                  [ -z "${!variable+set}" ] || printf 'env %%s=%%s\n' "$variable" "${!variable}"
                done
                [ -e '%2$s/warn' ] && echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2
                jar=""
                previous=""
                for arg in "$@"; do
                  printf 'arg %%s\\n' "$arg"
                  [ "$previous" = -jar ] && jar=$arg
                  previous=$arg
                done
                printf 'ran %%s\\n' "$(<"$jar")"
                printf 'pid %%s\\n' "$$"
                if command -v flock >/dev/null && [ -e '%3$s' ]; then
                  # A shared lock, which only the launcher's exclusive one refuses: two fake JVMs checking at
                  # once must not see each other's check as the build's lock.
                  exec 8>>'%3$s'
                  if flock -s -n 8; then echo 'lock free'; else echo 'lock held'; fi
                fi
                if [ -e '%2$s/read-a-line' ]; then
                  IFS= read -r line
                  printf 'read %%s\n' "$line"
                fi
                if [ -e '%2$s/wait-for-term' ]; then
                  trap 'echo "the JVM got SIGTERM"; exit 143' TERM
                  trap 'echo "the JVM got SIGINT"; exit 130' INT
                  echo 'waiting for a signal'
                  while :; do sleep 0.02; done
                fi
                if [ -e '%2$s/exit-code' ]; then
                  exit "$(<'%2$s/exit-code')"
                fi
                if [ -e '%2$s/warn' ]; then
                  echo "the JVM's own error line" >&2
                  # A moment for the launcher's filter to pass the line on before script(1) sees this end.
                  exec 2>&-
                  sleep 0.5
                fi
                exit 0
                """.formatted(javaCalls, javaHome, root.resolve(".dartboard-build.lock")));
        executable(javaHome.resolve("bin/java"));
        return javaHome;
    }

    /** The fake JDK, made one that can share classes: it has the JDK's own archive, as a real one does. */
    private void sharingJava() throws IOException {
        Files.createDirectories(jdk.resolve("lib/server"));
        Files.writeString(jdk.resolve("lib/server/classes.jsa"), "the JDK's own archive");
    }

    /** The value of the JVM option that starts with {@code prefix}, the run having succeeded. */
    private static String option(Result result, String prefix) {
        return jvmOptions(result).stream().filter(option -> option.startsWith(prefix)).findFirst()
                .map(option -> option.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no " + prefix + " in:\n" + result.transcript()));
    }

    /** The pid of the fake JVM, which it printed. */
    private static String javaPid(Result result) {
        return result.stdout().lines().filter(line -> line.startsWith("pid ")).findFirst()
                .map(line -> line.substring("pid ".length()))
                .orElseThrow(() -> new AssertionError("no pid in:\n" + result.transcript()));
    }

    /** The archive made from a class list, once the dump in the background has renamed it into place. */
    private static Path awaitArchive(Path list) throws InterruptedException {
        String name = list.getFileName().toString().replaceFirst("\\.\\d+\\.classlist$", "");
        Path archive = list.resolveSibling(name);
        awaitGone(list.resolveSibling(name + ".making"));
        assertThat(archive).as("the archive made from " + list).isRegularFile();
        return archive;
    }

    private static void awaitGone(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (Files.exists(file)) {
            assertThat(System.nanoTime()).as("waiting for %s to go", file).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The names of the files in {@code folder}; none while it cannot be read. */
    private static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    /** A folder of links to the tools the launcher may use, with or without flock. */
    private Path tools(boolean withFlock) throws IOException {
        Path tools = folder.resolve(withFlock ? "tools" : "tools-without-flock");
        if (Files.isDirectory(tools)) {
            return tools;
        }
        Files.createDirectories(tools);
        List<String> wanted = new ArrayList<>(TOOLS);
        if (withFlock) {
            wanted.add("flock");
        }
        for (String tool : wanted) {
            Files.createSymbolicLink(tools.resolve(tool), whereIs(tool));
        }
        return tools;
    }

    private Launch start(Path tools, Map<String, String> extra, String... args) throws IOException {
        return start(root.resolve("dartboard"), tools, extra, args);
    }

    private Launch start(Path launcher, Path tools, Map<String, String> extra, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return start(new ProcessBuilder(command), tools, extra);
    }

    /** Starts with only the fakes and the tools on the PATH, a neutral environment, and {@code extra}. */
    private Launch start(ProcessBuilder builder, Path tools, Map<String, String> extra) throws IOException {
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", folder.resolve("bin") + ":" + tools);
        environment.put("HOME", home.toString());
        environment.put("LANG", "C.UTF-8");
        environment.put("JAVA_HOME", jdk.toString());
        environment.putAll(extra);
        Path output = Files.createTempFile(folder, "stdout", ".txt");
        Path errors = Files.createTempFile(folder, "stderr", ".txt");
        Process process = builder.directory(work.toFile()).redirectOutput(output.toFile())
                .redirectError(errors.toFile()).start();
        return new Launch(process, output, errors);
    }

    private Result run(Path tools, Map<String, String> extra, String... args) throws Exception {
        return run(root.resolve("dartboard"), tools, extra, args);
    }

    private Result run(Path launcher, Path tools, Map<String, String> extra, String... args) throws Exception {
        Launch launch = start(launcher, tools, extra, args);
        return new Result(launch.awaitExit(), launch.stdout(), launch.stderr());
    }

    private Result run(ProcessBuilder builder, Path tools, Map<String, String> extra) throws Exception {
        Launch launch = start(builder, tools, extra);
        return new Result(launch.awaitExit(), launch.stdout(), launch.stderr());
    }

    /** The options the fake JVM was given before {@code -jar}, the run having succeeded. */
    private static List<String> jvmOptions(Result result) {
        assertThat(result.exitCode()).as(result.transcript()).isZero();
        List<String> args = result.stdout().lines().filter(line -> line.startsWith("arg "))
                .map(line -> line.substring("arg ".length())).toList();
        assertThat(args).as(result.transcript()).contains("-jar");
        return args.subList(0, args.indexOf("-jar"));
    }

    private static void awaitFile(Path file, Launch launch) throws InterruptedException {
        await(() -> Files.exists(file), launch, file + " to appear");
    }

    private static void awaitStdout(Launch launch, Predicate<String> condition) throws InterruptedException {
        await(() -> condition.test(launch.stdout()), launch, "its stdout");
    }

    private static void awaitStderr(Launch launch, Predicate<String> condition) throws InterruptedException {
        await(() -> condition.test(launch.stderr()), launch, "its stderr");
    }

    /** Polls a condition until it holds; the limit only stops a broken test from hanging. */
    private static void await(java.util.function.BooleanSupplier condition, Launch launch, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s:%n%s", what, launch.transcript()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path whereIs(String tool) {
        for (String directory : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not on the PATH");
    }

    private record Launch(Process process, Path output, Path errors) {

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the launcher did not end:\n" + transcript());
            }
            return process.exitValue();
        }

        String stdout() {
            return read(output);
        }

        String stderr() {
            return read(errors);
        }

        String transcript() {
            return "stdout:\n" + stdout() + "stderr:\n" + stderr();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {

        String transcript() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
        }
    }

    private static List<String> modulesOfThisProject() {
        try {
            Matcher module = Pattern.compile("<module>([^<]+)</module>")
                    .matcher(Files.readString(LAUNCHER.resolveSibling("pom.xml")));
            List<String> modules = new ArrayList<>();
            while (module.find()) {
                modules.add(module.group(1));
            }
            return List.copyOf(modules);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
