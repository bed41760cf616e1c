package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code dartboard} launcher script runs the packaged jar. Only checked when the jar is newer than
 * every source, so the launcher does not start a Maven build inside the test.
 */
class LauncherIT {

    @Test
    void launcherRunsTheJar() throws Exception {
        Path jar = DartboardProcess.jar();
        // cli/target/dartboard.jar: the project's root holds the launcher.
        Path root = jar.toAbsolutePath().getParent().getParent().getParent();
        Path launcher = root.resolve("dartboard");
        assumeTrue(Files.isExecutable(launcher), "no executable launcher at " + launcher);
        assumeTrue(!anySourceNewerThan(root, Files.getLastModifiedTime(jar)),
                "sources changed after the jar was built: the launcher would rebuild it");

        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--version");
        // The launcher runs $JAVA_HOME/bin/java: the same JDK as the tests.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try (DartboardProcess dartboard = DartboardProcess.start(builder)) {
            assertThat(dartboard.awaitExit(Duration.ofSeconds(30))).as(dartboard.transcript()).isZero();
            assertThat(dartboard.stdout()).containsPattern("^dartboard \\d+\\.\\d+\\.\\d+");
            assertThat(dartboard.stderr()).doesNotContain("building");
        }
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
