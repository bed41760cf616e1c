package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.Test;

/**
 * The Raspberry Pi check: Debian's arm64 Java 17, run here by qemu-aarch64 as a Cortex-A72 ({@link Arm64Java}),
 * counts exactly what this machine's JVM counts, with the scalar kernel, for random and lattice darts; the
 * jar run there gives the same counts and estimates; and {@code --kernel auto} there keeps the scalar kernel
 * and says why. It must: on 2-lane NEON, JDK 17's C2 cannot compile the vector kernel's 64-bit lane multiply
 * (NEON has no such instruction, and C2 prints {@code not supported ... vlen=2 etype=long}), so the Vector
 * API falls back to Java objects and the vector kernel is hundreds of times slower than the scalar one.
 *
 * <p>Skipped, saying what is missing, unless qemu-user is installed and {@code cli/src/test/arm64/prepare-sysroot}
 * has unpacked the arm64 runtime; CI does both and sets {@value Arm64Java#REQUIRED_BY}=1, which turns the skip
 * into a failure. Timings under emulation say nothing of a real Pi, so none is asserted; the lines starting
 * with {@code Aarch64IT:} print them.
 */
class Aarch64IT {

    /** One emulated JVM: the slowest measured took 15 s on a busy 2-core machine. */
    private static final Duration EMULATED = Duration.ofMinutes(3);
    private static final Pattern NOT_FASTER = Pattern.compile(
            "JDK 17[^:]*: the vector kernel was not 1\\.25× as fast in [0-9.]+ m?s of calibration: "
                    + "([0-9.eE+-]+)(?: \\([^)]*\\))? vs ([0-9.eE+-]+) G points/s"
                    // Far under a tenth of the scalar speed: the loss is marked as one to check again.
                    + "(?:, under a tenth of the scalar speed: .*)?");

    /**
     * Ranges for {@link Aarch64Counts}: odd lengths (no whole number of anything), indices across the
     * 2<sup>64</sup> wrap-around and the sign of a long, a lattice replica's last points, seeds at the ends of
     * the long range. About 13 M points, a few seconds under emulation.
     */
    private static final List<String> RANGES = List.of(
            "random:12345:0:10000038",
            "random:0:0:1",
            "random:-1:-3000:7001",
            "random:" + Long.MIN_VALUE + ":" + (Long.MAX_VALUE - 100) + ":1000",
            "random:42:" + (1L << 40) + ":1000003",
            "random:" + Long.MAX_VALUE + ":123456789:250007",
            "lattice:7:0:0:1000000",
            "lattice:7:15:" + ((1L << 32) - 5000) + ":5000",
            "lattice:-1:1023:123456789:250001",
            "lattice:12345:3:0:1");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theScalarKernelCountsWhatThisMachineCounts() throws Exception {
        Arm64Java arm64 = Arm64Java.findOrSkip();
        List<String> javaArguments = new ArrayList<>(List.of("-Xmx256m", "-cp", classPath(),
                Aarch64Counts.class.getName()));
        javaArguments.addAll(RANGES);
        long started = System.nanoTime();
        try (DartboardProcess counts = DartboardProcess.start(new ProcessBuilder(arm64.command(javaArguments)))) {
            assertThat(counts.awaitExit(EMULATED)).as(counts.transcript()).isZero();
            double seconds = (System.nanoTime() - started) / 1e9;
            List<String> lines = counts.stdout().lines().toList();
            assertThat(lines).as(counts.transcript()).hasSize(RANGES.size() + 1);
            assertThat(lines.get(0)).as("os.arch of the emulated JVM").isEqualTo("aarch64");
            List<Long> here = RANGES.stream().map(Aarch64Counts::count).toList();
            assertThat(here.get(0)).as("the C reference's count for seed 12345").isEqualTo(7_855_063L);
            for (int i = 0; i < RANGES.size(); i++) {
                assertThat(Long.parseLong(lines.get(i + 1))).as("aarch64's count of %s", RANGES.get(i))
                        .isEqualTo(here.get(i));
            }
            System.out.printf(Locale.ROOT, "Aarch64IT: %d ranges counted on aarch64 (%s, %s) as here, in %.1f s%n",
                    RANGES.size(), Arm64Java.CPU, arm64.packages(), seconds);
        }
    }

    @Test
    void aRunOfRandomDartsGivesTheReferenceCount() throws Exception {
        Arm64Java arm64 = Arm64Java.findOrSkip();
        JsonNode run = emulatedRun(arm64, List.of(), "run", "--total-points", "10000038", "--seed", "12345",
                "--kernel", "scalar", "--format", "json");
        assertThat(run.at("/counts/points").asLong()).isEqualTo(10_000_038L);
        assertThat(run.at("/counts/inside").asLong()).isEqualTo(7_855_063L);
        assertThat(run.get("kernel").asText()).isEqualTo("scalar");
    }

    @Test
    void aRunOfLatticeDartsGivesThisMachinesEstimate() throws Exception {
        Arm64Java arm64 = Arm64Java.findOrSkip();
        String[] args = {"run", "--total-points", "16M", "--darts", "lattice", "--seed", "7", "--kernel", "scalar",
                "--format", "json"};
        JsonNode there = emulatedRun(arm64, List.of(), args);
        JsonNode here;
        try (DartboardProcess local = DartboardProcess.start(args)) {
            assertThat(local.awaitExit(EMULATED)).as(local.transcript()).isZero();
            here = json.readTree(local.stdout());
        }
        assertThat(there.get("counts")).isEqualTo(here.get("counts"));
        // The replicas' counts make the error bar: the same counts, the same arithmetic, the same doubles.
        for (String field : List.of("pi", "exact", "standardError", "zScore")) {
            assertThat(there.at("/estimate/" + field)).as(field).isEqualTo(here.at("/estimate/" + field));
        }
    }

    @Test
    void autoKeepsTheScalarKernelAndSaysWhy() throws Exception {
        Arm64Java arm64 = Arm64Java.findOrSkip();
        // The smallest run for which auto considers the vector kernel at all, on one thread.
        long points = Kernel.AUTO_MIN_POINTS_PER_THREAD;
        JsonNode run = emulatedRun(arm64, List.of("--add-modules", "jdk.incubator.vector"), "run",
                "--total-points", Long.toString(points), "--threads", "1", "--seed", "5", "--format", "json");
        String reason = run.get("kernelReason").asText();
        System.out.println("Aarch64IT: --kernel auto on " + Arm64Java.CPU + ": " + run.get("kernel").asText()
                + " (" + reason + ")");
        assertThat(run.get("kernel").asText()).as(reason).isEqualTo("scalar");
        Matcher measured = NOT_FASTER.matcher(reason);
        assertThat(measured.matches()).as("the reason names the race and its speeds: %s", reason).isTrue();
        assertThat(Double.parseDouble(measured.group(1))).as("the vector kernel's speed, below the scalar one's")
                .isLessThan(Double.parseDouble(measured.group(2)));
        assertThat(run.at("/counts/inside").bigIntegerValue()).isEqualTo(ReferenceEstimate.inside(5, points));
    }

    @Test
    void theVectorKernelAskedForHasTwoLanesAndCountsTheSame() throws Exception {
        Arm64Java arm64 = Arm64Java.findOrSkip();
        JsonNode run = emulatedRun(arm64, List.of("--add-modules", "jdk.incubator.vector"), "run", "-n", "100003",
                "-m", "4", "--seed", "9", "--kernel", "vector", "--format", "json");
        String reason = run.get("kernelReason").asText();
        System.out.println("Aarch64IT: --kernel vector on " + Arm64Java.CPU + ": " + reason);
        assertThat(run.get("kernel").asText()).isEqualTo("vector");
        assertThat(reason).as("128-bit NEON holds two 64-bit lanes").contains(", 2 lanes, ");
        assertThat(run.at("/counts/inside").bigIntegerValue()).isEqualTo(ReferenceEstimate.inside(9, 400_012));
    }

    /** {@code java [jvmOptions] -Xmx256m -jar dartboard.jar args} on the emulated JVM, which must exit 0. */
    private JsonNode emulatedRun(Arm64Java arm64, List<String> jvmOptions, String... args) throws Exception {
        List<String> javaArguments = new ArrayList<>(jvmOptions);
        javaArguments.addAll(List.of("-Xmx256m", "-jar", DartboardProcess.jar().toString()));
        javaArguments.addAll(List.of(args));
        long started = System.nanoTime();
        try (DartboardProcess run = DartboardProcess.start(new ProcessBuilder(arm64.command(javaArguments)))) {
            assertThat(run.awaitExit(EMULATED)).as(run.transcript()).isZero();
            System.out.printf(Locale.ROOT, "Aarch64IT: %s took %.1f s on aarch64%n", String.join(" ", args),
                    (System.nanoTime() - started) / 1e9);
            return json.readTree(run.stdout());
        }
    }

    /** The jar (which holds core) and the test classes (which hold {@link Aarch64Counts}). */
    private static String classPath() throws Exception {
        Path testClasses = Path.of(Aarch64Counts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return DartboardProcess.jar() + File.pathSeparator + testClasses;
    }
}
