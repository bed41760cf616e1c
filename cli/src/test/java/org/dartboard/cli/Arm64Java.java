package org.dartboard.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's arm64 Java 17 runtime, run on this amd64 machine by qemu-aarch64's user-mode emulation with a
 * Raspberry Pi 4's CPU (Cortex-A72: 128-bit NEON, no SVE), for {@link Aarch64IT}. The runtime and its
 * libraries are unpacked into a folder by {@code cli/src/test/arm64/prepare-sysroot}; qemu's {@code -L}
 * makes the emulated JVM read its own files (libraries, {@code /etc}) from that folder and everything else,
 * such as the jar and the test classes, from this machine.
 */
final class Arm64Java {

    /** The variable CI sets to turn a missing qemu or runtime into a failure. */
    static final String REQUIRED_BY = "DARTBOARD_REQUIRE_ARM64";
    /** The Raspberry Pi 4's core; a Pi 5's (cortex-a76) is also NEON-only, and so the same to the JVM. */
    static final String CPU = "cortex-a72";

    private static final String JAVA = "usr/lib/jvm/java-17-openjdk-arm64/bin/java";
    private static final String PREPARE = "cli/src/test/arm64/prepare-sysroot";

    private final Path qemu;
    private final Path sysroot;

    private Arm64Java(Path qemu, Path sysroot) {
        this.qemu = qemu;
        this.sysroot = sysroot;
    }

    /** The emulated runtime, or the test skipped (failed under {@value #REQUIRED_BY}=1) saying what is missing. */
    static Arm64Java findOrSkip() {
        Optional<Path> qemu = onPath("qemu-aarch64").or(() -> onPath("qemu-aarch64-static"));
        if (qemu.isEmpty()) {
            MissingTool.skipUnlessRequired(REQUIRED_BY,
                    "qemu-aarch64 is not installed (Debian: apt-get install qemu-user)");
        }
        Path sysroot = sysroot();
        if (!Files.isExecutable(sysroot.resolve(JAVA))) {
            MissingTool.skipUnlessRequired(REQUIRED_BY, "there is no arm64 Java in " + sysroot + " (run " + PREPARE
                    + ", or set DARTBOARD_ARM64_SYSROOT to a folder it made)");
        }
        return new Arm64Java(qemu.orElseThrow(), sysroot);
    }

    /** {@code qemu-aarch64 -cpu cortex-a72 -L SYSROOT SYSROOT/.../java javaArguments}. */
    List<String> command(List<String> javaArguments) {
        List<String> command = new ArrayList<>(List.of(qemu.toString(), "-cpu", CPU, "-L", sysroot.toString(),
                sysroot.resolve(JAVA).toString()));
        command.addAll(javaArguments);
        return command;
    }

    /** What {@code prepare-sysroot} says it unpacked: its first line is the Java package and version. */
    String packages() throws IOException {
        Path marker = sysroot.resolve(".dartboard-arm64-sysroot");
        return Files.isReadable(marker) ? Files.readAllLines(marker).get(0) : "(no package list in " + sysroot + ")";
    }

    /** Where prepare-sysroot puts the folder by default, by the same rule. */
    private static Path sysroot() {
        String given = System.getenv("DARTBOARD_ARM64_SYSROOT");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        if (cache == null || cache.isBlank()) {
            String home = System.getenv("HOME");
            String user = home == null || home.isBlank() ? System.getProperty("user.home") : home;
            cache = Path.of(user, ".cache").toString();
        }
        return Path.of(cache, "dartboard", "arm64-sysroot");
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
