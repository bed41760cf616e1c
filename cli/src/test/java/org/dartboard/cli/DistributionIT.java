package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as a user gets it: unpacked into an empty folder and run with a PATH that holds
 * java and the few tools the launcher uses, and no Maven; a node started the way its systemd unit starts it,
 * and a client run against that node. Addresses and ports of this class only: 127.0.0.40-49, client port
 * 14800, discovery 51500, communication 51100.
 */
class DistributionIT {

    private static final String NODE_ADDRESS = "127.0.0.40";
    /** An address where no node runs, for a client that must keep looking. */
    private static final String NO_NODE_ADDRESS = "127.0.0.41";
    private static final int CLIENT_PORT = 14800;
    private static final int DISCOVERY_PORT = 51500;
    private static final int COMMUNICATION_PORT = 51100;
    /**
     * What the launcher calls besides java, in the archive's layout. Without cksum, mkdir, mv, rm, touch and
     * wc it starts no class-data archive, so every run here execs the JVM; LauncherTest and LauncherIT test
     * the archive.
     */
    private static final List<String> LAUNCHER_TOOLS = List.of("bash", "readlink", "cat");

    @TempDir
    static Path folder;

    private static Path unpacked;
    private static Path toolsOnly;

    @BeforeAll
    static void unpackTheArchive() throws Exception {
        String archive = System.getProperty("dartboard.archive");
        assertThat(archive).as("system property dartboard.archive (set by failsafe in cli/pom.xml)").isNotBlank();
        assertThat(Path.of(archive)).as("the archive; 'mvn verify' packages it first").isRegularFile();
        Process tar = new ProcessBuilder("tar", "-xzf", archive, "-C", folder.toString()).inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).as("tar ends").isTrue();
        assertThat(tar.exitValue()).as("tar -xzf " + archive).isZero();
        unpacked = folder.resolve("dartboard-" + System.getProperty("dartboard.version"));

        toolsOnly = Files.createDirectories(folder.resolve("path"));
        Files.createSymbolicLink(toolsOnly.resolve("java"), Path.of(DartboardProcess.java()));
        for (String tool : LAUNCHER_TOOLS) {
            Files.createSymbolicLink(toolsOnly.resolve(tool), whereIs(tool));
        }
    }

    @Test
    void theArchiveHoldsTheLauncherTheJarTheUnitTheSampleSettingsAndTheGuide() {
        assertThat(unpacked.resolve("bin/dartboard")).isExecutable();
        assertThat(unpacked.resolve("lib/dartboard.jar")).isRegularFile();
        assertThat(unpacked.resolve("systemd/dartboard-node.service")).isRegularFile();
        assertThat(unpacked.resolve("dartboard.properties")).isRegularFile();
        assertThat(unpacked.resolve("README.md")).isRegularFile();
        assertThat(unpacked.resolve("INSTALL.md")).content().contains("systemctl enable --now dartboard-node");
    }

    @Test
    void theBashCompletionCompletesTheCommandsTheirOptionsAndTheOptionsValues() throws Exception {
        Path script = unpacked.resolve("completion/dartboard.bash");
        assertThat(script).isRegularFile();

        assertThat(complete(script, "dartboard ")).containsExactlyInAnyOrder("run", "node", "certs", "help");
        assertThat(complete(script, "dartboard run --thr")).containsExactly("--threads");
        assertThat(complete(script, "dartboard run --format ")).containsExactlyInAnyOrder("text", "json");
        assertThat(complete(script, "dartboard node --c"))
                .containsExactlyInAnyOrder("--config", "--cpus", "--communication-port");
    }

    @Test
    void theArchiveHoldsAManPageForEachPageOfTheReference() throws IOException {
        Set<String> reference = ReferencePages.read(ReferencePages.COMMITTED).keySet();
        assertThat(reference).contains("dartboard.adoc", "dartboard-run.adoc", "dartboard-node.adoc",
                "dartboard-certs.adoc");

        for (String page : reference) {
            String name = page.replaceFirst("\\.adoc$", "");
            Path file = unpacked.resolve("man/man1/" + name + ".1");
            assertThat(file).isRegularFile();
            // troff: a man page of section 1 titled with the command, then its sections.
            assertThat(Files.readString(file)).as(file.toString())
                    .contains("\n.TH \"" + name.toUpperCase(Locale.ROOT).replace("-", "\\-") + "\" \"1\" ")
                    .contains("\n.SH \"NAME\"\n" + name + " \\- ", "\n.SH \"SYNOPSIS\"\n");
        }
    }

    /** Skipped where man-db is not installed, unless {@code DARTBOARD_REQUIRE_MAN=1} (as CI sets it). */
    @Test
    void manShowsTheManPagesWithoutAWord() throws Exception {
        Path man = Path.of("/usr/bin/man");
        if (!Files.isExecutable(man)) {
            MissingTool.skipUnlessRequired("DARTBOARD_REQUIRE_MAN", "/usr/bin/man is not installed (apt-get install man-db)");
        }
        try (DirectoryStream<Path> pages = Files.newDirectoryStream(unpacked.resolve("man/man1"), "*.1")) {
            for (Path page : pages) {
                String shown = man(man, page);
                String name = page.getFileName().toString().replaceFirst("\\.1$", "");
                assertThat(shown).as("man -l %s", page)
                        .contains(name.toUpperCase(Locale.ROOT) + "(1)", "NAME", name + " - ", "SYNOPSIS", "OPTIONS");
            }
        }
        assertThat(man(man, unpacked.resolve("man/man1/dartboard-run.1")))
                .contains("dartboard run [", "--threads=THREADS", "--format=FORMAT");
    }

    /** What {@code man -l} shows of the page, as plain text; man and troff must have nothing to say. */
    private static String man(Path man, Path page) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(man.toString(), "-l", page.toString());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", System.getenv("PATH"));
        environment.put("LANG", "C.UTF-8");
        environment.put("MANWIDTH", "80");
        environment.put("MANPAGER", "cat");
        Process shown = builder.start();
        shown.getOutputStream().close();
        String out = new String(shown.getInputStream().readAllBytes());
        String err = new String(shown.getErrorStream().readAllBytes());
        assertThat(shown.waitFor(30, TimeUnit.SECONDS)).as("man ends").isTrue();
        assertThat(shown.exitValue()).as("man -l %s: %s", page, err).isZero();
        assertThat(err).as("man -l %s: standard error", page).isEmpty();
        // Bold and underlined letters, should man overstrike them: keep the letters.
        return out.replaceAll(".\b", "");
    }

    @Test
    void theLauncherNeedsJavaAndNoMaven() throws Exception {
        assertThat(toolsOnly.resolve("mvn")).doesNotExist();

        try (DartboardProcess version = launch(Map.of(), "--version")) {
            assertThat(version.awaitExit(Duration.ofSeconds(60))).as(version.transcript()).isZero();
            assertThat(version.stdout()).startsWith("dartboard " + System.getProperty("dartboard.version") + "\n");
            assertThat(version.stderr()).doesNotContain("building");
        }
    }

    @Test
    void aSmallRunCountsWhatTheReferenceCounts() throws Exception {
        try (DartboardProcess run = launch(Map.of(), "run", "--points", "1000", "--jobs", "16", "--seed", "42",
                "--format", "json")) {
            assertThat(run.awaitExit(Duration.ofSeconds(60))).as(run.transcript()).isZero();
            JsonNode report = Invocation.STRICT_JSON.readTree(run.stdout());
            assertThat(report.get("counts").get("inside").bigIntegerValue())
                    .isEqualTo(ReferenceEstimate.inside(42, 16_000));
        }
    }

    @Test
    void aNodeStartedAsItsUnitStartsItServesAClientFromASettingsFile() throws Exception {
        SystemdUnit unit = SystemdUnit.read(unpacked.resolve("systemd/dartboard-node.service"));
        // The unit's command, with the archive unpacked here instead of /opt/dartboard.
        List<String> command = List.of(unit.value("Service", "ExecStart")
                .replace("/opt/dartboard", unpacked.toString()).split(" "));
        Path nodeSettings = Files.writeString(folder.resolve("node.properties"), String.join("\n",
                "node.bind = " + NODE_ADDRESS,
                "node.port = " + CLIENT_PORT,
                "node.discovery-port = " + DISCOVERY_PORT,
                "node.communication-port = " + COMMUNICATION_PORT,
                "node.peers = " + NODE_ADDRESS,
                "node.cpus = 1", ""));
        Path clientSettings = Files.writeString(folder.resolve("client.properties"), String.join("\n",
                "run.nodes = " + NODE_ADDRESS + ":" + CLIENT_PORT,
                "run.points = 100000",
                "run.jobs = 40",
                "run.seed = 7",
                "run.format = json", ""));

        ProcessBuilder nodeStart = new ProcessBuilder(command);
        environment(nodeStart, Map.of("DARTBOARD_CONFIG", nodeSettings.toString()));
        try (DartboardProcess node = DartboardProcess.start(nodeStart)) {
            String ready = "Node " + NODE_ADDRESS + ":" + CLIENT_PORT + " ready";
            node.awaitStderr("'" + ready + "'", log -> log.contains(ready), NodeCluster.STARTUP);
            assertThat(node.stderr()).contains("Settings from " + nodeSettings + " (DARTBOARD_CONFIG)");
            assertThat(commandLine(node.pid())).as("the launcher's memory caps for a node")
                    .contains("-Xmx256m", "-XX:MaxDirectMemorySize=256m", "-XX:+ExitOnOutOfMemoryError");

            try (DartboardProcess client = launch(Map.of(), "run", "--config", clientSettings.toString())) {
                assertThat(client.awaitExit(Duration.ofSeconds(120))).as(client.transcript()).isZero();
                JsonNode report = Invocation.STRICT_JSON.readTree(client.stdout());
                assertThat(report.get("counts").get("inside").bigIntegerValue())
                        .isEqualTo(ReferenceEstimate.inside(7, 4_000_000));
                assertThat(report.get("workers").findValuesAsText("name")).containsExactly(NODE_ADDRESS + ":" + CLIENT_PORT);
                assertThat(report.get("settingsFile").asText()).isEqualTo(clientSettings + " (--config)");
            }

            // systemctl stop: SIGTERM, a clean stop, and the exit code the unit counts as success.
            node.terminate();
            assertThat(node.awaitExit(Duration.ofSeconds(60))).as(node.transcript())
                    .isEqualTo(Integer.parseInt(unit.value("Service", "SuccessExitStatus")));
            assertThat(node.stderr()).contains("Node " + NODE_ADDRESS + ":" + CLIENT_PORT + " stopped");
        }
    }

    @Test
    void aClientWhoseSettingsFileNamesNodesGetsTheQuickCompilerFromDartboardJavaOpts() throws Exception {
        // The user's settings file, found in ~/.config by dartboard (the launcher reads no settings file).
        Path home = Files.createDirectories(folder.resolve("home"));
        Files.createDirectories(home.resolve(".config/dartboard"));
        Files.writeString(home.resolve(".config/dartboard/dartboard.properties"), String.join("\n",
                "run.nodes = " + NO_NODE_ADDRESS + ":" + CLIENT_PORT,
                "run.connect-timeout = 5s",
                "points = 10",
                "jobs = 10", ""));

        // An empty DARTBOARD_CONFIG means "not set": the search goes on to ~/.config.
        try (DartboardProcess client = launch(Map.of("HOME", home.toString(), "DARTBOARD_CONFIG", "",
                "DARTBOARD_JAVA_OPTS", "-XX:TieredStopAtLevel=1"), "run")) {
            String jvm = awaitJvm(client);
            assertThat(jvm).containsOnlyOnce("-XX:TieredStopAtLevel=1");
            // dartboard read the file: it looked for the node named there, and gave up.
            assertThat(client.awaitExit(Duration.ofSeconds(60))).as(client.transcript()).isEqualTo(ExitCodes.FAILED);
            assertThat(client.stderr()).contains(NO_NODE_ADDRESS + ":" + CLIENT_PORT);
        }
    }

    @Test
    void theSystemdUnitRunsTheNodeAsAnUnprivilegedUserWithItsSettingsAndRestarts() throws Exception {
        Path file = unpacked.resolve("systemd/dartboard-node.service");
        SystemdUnit unit = SystemdUnit.read(file);

        assertThat(unit.value("Service", "ExecStart")).isEqualTo("/opt/dartboard/bin/dartboard node");
        assertThat(unit.value("Service", "User")).isEqualTo("dartboard");
        assertThat(unit.value("Service", "Environment"))
                .isEqualTo("DARTBOARD_CONFIG=/etc/dartboard/dartboard.properties");
        assertThat(unit.value("Service", "Restart")).isEqualTo("on-failure");
        assertThat(unit.value("Service", "RestartPreventExitStatus")).isEqualTo(String.valueOf(ExitCodes.USAGE));
        assertThat(unit.value("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(unit.value("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(unit.value("Service", "MemoryMax")).matches("\\d+M");
        assertThat(unit.value("Install", "WantedBy")).isEqualTo("multi-user.target");
        assertThat(unit.value("Unit", "After")).isEqualTo("network-online.target");
    }

    /** Skipped where systemd is not installed, unless {@code DARTBOARD_REQUIRE_SYSTEMD=1} (as CI sets it). */
    @Test
    void systemdFindsNothingToSayAboutTheUnit() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/systemd-analyze"));
        if (!installed) {
            MissingTool.skipUnlessRequired("DARTBOARD_REQUIRE_SYSTEMD",
                    "/usr/bin/systemd-analyze is not installed (apt-get install systemd)");
        }
        // systemd-analyze checks that ExecStart's program exists: point it at the unpacked archive.
        Path unit = Files.createDirectories(folder.resolve("unit")).resolve("dartboard-node.service");
        Files.writeString(unit, Files.readString(unpacked.resolve("systemd/dartboard-node.service"))
                .replace("/opt/dartboard", unpacked.toString()));

        Process verify = new ProcessBuilder("/usr/bin/systemd-analyze", "verify", unit.toString())
                .redirectErrorStream(true).start();
        String said = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // It warns about unknown keys and bad values but still exits 0: silence is the test.
        assertThat(verify.exitValue()).as(said).isZero();
        assertThat(said).isEmpty();
    }

    /**
     * What bash offers on Tab after {@code line}, with {@code script} sourced as a user's shell sources it:
     * the function the script registers for dartboard ({@code complete -p}), called as bash calls it, with
     * the words typed so far in COMP_WORDS, the current one's index in COMP_CWORD, the command, the current
     * word and the one before as arguments, and the answer read from COMPREPLY.
     */
    private static List<String> complete(Path script, String line) throws Exception {
        String program = String.join("\n",
                "source \"$1\" || exit 3",
                "registered=$(complete -p dartboard) || exit 4",
                "function=${registered#*-F }",
                "function=${function%% *}",
                "read -ra COMP_WORDS <<< \"$2\"",
                "[[ $2 == *' ' ]] && COMP_WORDS+=('')",
                "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))",
                "COMP_LINE=$2",
                "COMP_POINT=${#2}",
                "COMPREPLY=()",
                "\"$function\" dartboard \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"",
                "printf '%s\\n' \"${COMPREPLY[@]}\"");
        Process bash = new ProcessBuilder(whereIs("bash").toString(), "--norc", "--noprofile", "-c", program, "bash",
                script.toString(), line).start();
        bash.getOutputStream().close();
        String out = new String(bash.getInputStream().readAllBytes());
        String err = new String(bash.getErrorStream().readAllBytes());
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash ends").isTrue();
        assertThat(bash.exitValue()).as("completing '%s': %s%s", line, out, err).isZero();
        // compopt changes how bash shows the matches; outside a real Tab it only says so, harmlessly.
        assertThat(err.lines().filter(said -> !said.contains("compopt: not currently executing completion function")))
                .as("completing '%s': standard error", line).isEmpty();
        return out.lines().filter(word -> !word.isEmpty()).toList();
    }

    /** Runs the archive's launcher with only the tools' PATH, a neutral environment and {@code extra}. */
    private static DartboardProcess launch(Map<String, String> extra, String... args) {
        List<String> command = new ArrayList<>();
        command.add(unpacked.resolve("bin/dartboard").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        environment(builder, extra);
        return DartboardProcess.start(builder);
    }

    private static void environment(ProcessBuilder builder, Map<String, String> extra) {
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", toolsOnly.toString());
        environment.put("HOME", folder.toString());
        environment.put("LANG", "C.UTF-8");
        environment.putAll(extra);
    }

    /**
     * The JVM's command line once the launcher has started it: the launcher itself, when it became the JVM
     * ({@code exec java ...}), or its child, when it waits for the JVM (a run whose incubator warning it
     * filters).
     */
    private static String awaitJvm(DartboardProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Optional<String> jvm = Stream.concat(Stream.of(process.pid()), ProcessHandle.of(process.pid()).stream()
                    .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid))
                    .map(DistributionIT::commandLine).filter(commandLine -> commandLine.contains("-jar ")).findFirst();
            if (jvm.isPresent()) {
                return jvm.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the launcher did not start the JVM:\n" + process.transcript());
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
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

    /** A systemd unit file read as sections of keys, the way systemd reads it (comments and blank lines skipped). */
    record SystemdUnit(Map<String, Map<String, String>> sections) {

        static SystemdUnit read(Path file) throws IOException {
            Map<String, Map<String, String>> sections = new LinkedHashMap<>();
            Map<String, String> section = null;
            for (String line : Files.readAllLines(file)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                    continue;
                }
                if (text.startsWith("[") && text.endsWith("]")) {
                    section = sections.computeIfAbsent(text.substring(1, text.length() - 1), name -> new LinkedHashMap<>());
                    continue;
                }
                int equals = text.indexOf('=');
                assertThat(section).as("%s: a key before any [section]: %s", file, line).isNotNull();
                assertThat(equals).as("%s: not 'Key=value': %s", file, line).isPositive();
                String previous = section.put(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
                assertThat(previous).as("%s: key set twice: %s", file, line).isNull();
            }
            return new SystemdUnit(sections);
        }

        String value(String section, String key) {
            assertThat(sections).as("section [%s]", section).containsKey(section);
            assertThat(sections.get(section)).as("[%s] %s", section, key).containsKey(key);
            return sections.get(section).get(key);
        }
    }
}
