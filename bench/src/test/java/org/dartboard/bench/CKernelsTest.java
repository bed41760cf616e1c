package org.dartboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The C kernels of {@code bench/c}, which {@code bench/kernel-bench} times the Java kernels against, count
 * exactly what the Java scalar kernel ({@link Kernel#scalar()}) counts: built with gcc into
 * {@code target/c-kernels}, they must pass their own {@code dartboard-c check} and give the Java kernel's
 * counts for random seeds and ranges, across the wrap of the index at 2<sup>64</sup> too. A few seconds in all.
 *
 * <p>Skipped, saying so, where gcc or make is missing; unless {@code DARTBOARD_REQUIRE_GCC=1} (CI), then it
 * fails.
 */
class CKernelsTest {

    /** Surefire runs the tests in the module's folder. */
    private static final Path SOURCES = Path.of("c");
    private static final Path BUILD = Path.of("target", "c-kernels").toAbsolutePath();
    private static final Path PROGRAM = BUILD.resolve("dartboard-c");

    private final Kernel java = Kernel.scalar();

    /** Whether make has run, and what it said when it failed: built once, by the first test that needs it. */
    private static boolean built;
    private static String buildFailure;

    /**
     * The program, built on first use. A missing gcc or make skips the calling test with a message (so each
     * test says why it did not run); a build that fails fails it.
     */
    private static synchronized Path program() throws IOException, InterruptedException {
        if (!onPath("gcc") || !onPath("make")) {
            String missing = "gcc and make are needed to build the C kernels of bench/c"
                    + " (Debian: apt-get install gcc make libc6-dev)";
            if ("1".equals(System.getenv("DARTBOARD_REQUIRE_GCC"))) {
                throw new AssertionError("DARTBOARD_REQUIRE_GCC=1, but " + missing);
            }
            Assumptions.abort(missing + "; the test is skipped");
        }
        if (!built) {
            Result make = run(null, "make", "-s", "-C", SOURCES.toString(), "BUILD=" + BUILD);
            built = true;
            buildFailure = make.exit() == 0 ? null : "make -C bench/c said:\n" + make.output();
        }
        assertThat(buildFailure).as("the build of bench/c").isNull();
        return PROGRAM;
    }

    @Test
    void passesItsOwnCheck() throws IOException, InterruptedException {
        Result check = run(null, program().toString(), "check");
        assertThat(check.exit()).as("dartboard-c check said:%n%s", check.output()).isZero();
        assertThat(check.output()).contains("check: all ok").doesNotContain("FAIL");
    }

    @Test
    void offersTheVectorKernelsThisCpuCanRun() throws IOException, InterruptedException {
        List<String> kernels = kernels();
        assertThat(kernels).contains("scalar_sm");
        String flags = cpuFlags();
        if (flags.contains(" avx512f ") && flags.contains(" avx512dq ")) {
            assertThat(kernels).contains("avx512_sm");
        }
        if (flags.contains(" avx2 ")) {
            assertThat(kernels).contains("avx2_sm");
        }
    }

    /** What bench/kernel-bench reads: the RESULT line, with the count and the median rate. */
    @Test
    void benchmarkRunPrintsTheResultLineTheScriptReads() throws IOException, InterruptedException {
        Result bench = run(null, program().toString(), "scalar_sm", "10000038", "3", "2", "12345");
        assertThat(bench.exit()).as(bench.output()).isZero();
        assertThat(bench.output()).containsPattern("(?m)^RESULT kernel=scalar_sm threads=3 n=10000038 .*"
                + "count=7855063 .*median_pps=[0-9.]+e\\+[0-9]+ ");
    }

    @TestFactory
    Stream<DynamicTest> everyKernelCountsLikeTheJavaScalarKernel() throws IOException, InterruptedException {
        List<long[]> ranges = ranges();
        StringBuilder input = new StringBuilder();
        for (long[] range : ranges) {
            input.append(range[0]).append(' ').append(range[1]).append(' ').append(range[2]).append('\n');
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String kernel : kernels()) {
            tests.add(DynamicTest.dynamicTest(kernel, () -> {
                Result counted = run(input.toString(), program().toString(), "count", kernel);
                assertThat(counted.exit()).as(counted.output()).isZero();
                List<String> lines = counted.output().lines().toList();
                assertThat(lines).hasSameSizeAs(ranges);
                for (int i = 0; i < ranges.size(); i++) {
                    long[] range = ranges.get(i);
                    assertThat(Long.parseUnsignedLong(lines.get(i)))
                            .as("%s: seed %d, %d points from index %d", kernel, range[0], range[2], range[1])
                            .isEqualTo(java.countInside(range[0], range[1], range[2]));
                }
            }));
        }
        return tests.stream();
    }

    /** Seed, first index and count: chosen edges, then random ranges, some across the wrap at 2^64. */
    private static List<long[]> ranges() {
        List<long[]> ranges = new ArrayList<>(List.of(
                new long[] {12345, 0, 10_000_038},
                new long[] {0, 0, 0},
                new long[] {42, -1, 1},
                new long[] {-1, -100, 1000},
                new long[] {7, Long.MAX_VALUE - 50, 100},
                new long[] {Long.MIN_VALUE, 3, 77}));
        for (int count = 1; count <= 40; count++) {
            ranges.add(new long[] {count * 1_000_003L, count, count});
        }
        SplittableRandom random = new SplittableRandom(20251203);
        for (int i = 0; i < 60; i++) {
            long count = random.nextLong(200_000);
            long first = i % 3 == 0 ? -random.nextLong(count + 1) : random.nextLong();
            ranges.add(new long[] {random.nextLong(), first, count});
        }
        return ranges;
    }

    private static List<String> kernels() throws IOException, InterruptedException {
        Result list = run(null, program().toString(), "list");
        assertThat(list.exit()).as(list.output()).isZero();
        return list.output().lines().toList();
    }

    private static String cpuFlags() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "";
        }
        return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("flags"))
                .findFirst().map(line -> line + " ").orElse("");
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, tool)));
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command with this input (or none), standard output and error together, for two minutes at most. */
    private static Result run(String input, String... command) throws IOException, InterruptedException {
        Files.createDirectories(BUILD);
        Path output = Files.createTempFile(BUILD, "output", ".txt");
        Path in = Files.createTempFile(BUILD, "input", ".txt");
        try {
            Files.writeString(in, input == null ? "" : input, StandardCharsets.US_ASCII);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(in.toFile()).redirectOutput(output.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took more than two minutes");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(in);
        }
    }
}
