package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dartboard} launcher script runs the packaged jar, with the real JVM: its version, and its
 * class-data archive made, used, and ignored when it is broken or cannot be written. Only checked when the
 * jar is newer than every source, so the launcher does not start a Maven build inside the test.
 */
class LauncherIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path cache;

    @Test
    void launcherRunsTheJar() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start(launch(Map.of(), "--version"))) {
            assertThat(dartboard.awaitExit(Duration.ofSeconds(30))).as(dartboard.transcript()).isZero();
            assertThat(dartboard.stdout()).containsPattern("^dartboard \\d+\\.\\d+\\.\\d+");
            assertThat(dartboard.stderr()).doesNotContain("building");
        }
    }

    @Test
    void aFirstRunMakesTheArchiveThatTheJvmMapsOnTheNextAndNeitherSaysAWord() throws Exception {
        BigInteger inside = inside(run(Map.of()));
        Path archive = awaitTheArchive();

        assertThat(inside(run(Map.of()))).as("the same count from the archive").isEqualTo(inside);
        // -Xshare:on: the JVM stops rather than run without the archive; the launcher adds nothing of its own
        // then, but the same module options, which the archive must match.
        try (DartboardProcess mapped = DartboardProcess.start(launch(Map.of("DARTBOARD_JAVA_OPTS",
                "-Xshare:on -XX:SharedArchiveFile=" + archive + " -Xlog:class+load=info"), "--version"))) {
            assertThat(mapped.awaitExit(LIMIT)).as(mapped.transcript()).isZero();
            assertThat(mapped.stdout()).as("dartboard's own classes, from the archive")
                    .contains("org.dartboard.cli.Dartboard source: shared objects file");
        }
    }

    @Test
    void aBrokenArchiveIsIgnoredWithoutAWord() throws Exception {
        inside(run(Map.of()));
        Path archive = awaitTheArchive();
        Files.delete(archive);
        Files.write(archive, new byte[100_000]);   // newer than the jar: the launcher hands it to the JVM

        inside(run(Map.of()));
    }

    @Test
    void aCacheThatCannotBeWrittenIsNoObstacle() throws Exception {
        Path notAFolder = Files.writeString(cache.resolve("a-file"), "");
        inside(run(Map.of("XDG_CACHE_HOME", notAFolder.toString())));
    }

    /** A small run through the launcher, with the archives in {@link #cache} unless {@code extra} says otherwise. */
    private DartboardProcess run(Map<String, String> extra) throws Exception {
        DartboardProcess dartboard = DartboardProcess.start(launch(extra, "run", "--points", "1000", "--jobs", "4",
                "--seed", "42", "--format", "json"));
        assertThat(dartboard.awaitExit(LIMIT)).as(dartboard.transcript()).isZero();
        return dartboard;
    }

    /**
     * The count of a run whose standard output is its JSON report alone and whose stderr says nothing, not
     * even the JVM's incubator warning, which the launcher drops.
     */
    private static BigInteger inside(DartboardProcess run) throws Exception {
        assertThat(run.stderr()).as(run.transcript()).isEmpty();
        return Invocation.STRICT_JSON.readTree(run.stdout()).get("counts").get("inside").bigIntegerValue();
    }

    /** The one archive in the cache, once the launcher has made it in the background. */
    private Path awaitTheArchive() throws Exception {
        Path folder = cache.resolve("dartboard/cds");
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            List<Path> files;
            try (Stream<Path> listed = Files.list(folder)) {
                files = listed.toList();
            }
            if (files.size() == 1 && files.get(0).toString().endsWith(".jsa")) {
                return files.get(0);
            }
            assertThat(System.nanoTime()).as("waiting for one archive in %s, and nothing else: %s", folder, files)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The launcher of this tree, run with the tests' JDK and the archives in {@link #cache}. */
    private ProcessBuilder launch(Map<String, String> extra, String... args) throws IOException {
        Path jar = DartboardProcess.jar();
        // cli/target/dartboard.jar: the project's root holds the launcher.
        Path root = jar.toAbsolutePath().getParent().getParent().getParent();
        Path launcher = root.resolve("dartboard");
        assumeTrue(Files.isExecutable(launcher), "no executable launcher at " + launcher);
        assumeTrue(!anySourceNewerThan(root, Files.getLastModifiedTime(jar)),
                "sources changed after the jar was built: the launcher would rebuild it");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // The launcher runs $JAVA_HOME/bin/java: the same JDK as the tests.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().remove("DARTBOARD_CDS");
        builder.environment().remove("DARTBOARD_JAVA_OPTS");
        builder.environment().putAll(extra);
        return builder;
    }

    private static boolean anySourceNewerThan(Path root, FileTime built) throws IOException {
        for (Path module : List.of(root.resolve("pom.xml"), root.resolve("core"), root.resolve("run"),
                root.resolve("cli"))) {
            try (Stream<Path> files = Files.walk(module)) {
                boolean newer = files
                        .filter(file -> !file.toString().contains("/target/") && !file.toString().contains("/src/test/"))
                        .filter(Files::isRegularFile)
                        .anyMatch(file -> modified(file).compareTo(built) > 0);
                if (newer) {
                    return true;
                }
            }
        }
        return false;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }
}
