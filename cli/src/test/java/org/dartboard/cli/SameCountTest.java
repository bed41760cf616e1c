package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The promise printed in the help: the same seed and the same total number of points give the same count,
 * whatever the number of threads, the window or the split into jobs; and a run without a seed prints the
 * one it chose so that it can be repeated.
 */
class SameCountTest {

    private static final long SEED = 0x5EEDL;

    @ParameterizedTest(name = "dartboard run {0}")
    @CsvSource(delimiter = '|', textBlock = """
            --points 120000 --jobs 1 --threads 1              | 120000
            --points 1000 --jobs 120 --threads 1 --window 1   | 120000
            --points 1000 --jobs 120 --threads 7 --window 2   | 120000
            --points 120 --jobs 1000 --threads 2              | 120000
            --points 1 --jobs 120000 --threads 3              | 120000
            --total-points 120000                             | 120000
            --total-points 120k --threads 1                   | 120000
            --total-points 1.2e5 --threads 5 --window 3       | 120000
            --total-points 120001 --threads 2                 | 120001
            --points 7 --jobs 17143 --threads 3               | 120001
            """)
    void sameSeedAndTotalGiveTheSameCountForAnyThreadsAndSplit(String sizes, long total) {
        // 120001 does not divide into equal jobs: the split's last job is shorter, the count must not care.
        assertThat(countFor(sizes)).isEqualTo(ReferenceEstimate.inside(SEED, total));
    }

    @Test
    void aRandomSeedIsPrintedAndReusable() {
        Invocation first = Invocation.of("run", "--points", "5000", "--jobs", "8");
        assertThat(first.exitCode()).as(first.transcript()).isZero();
        Matcher chosen = Pattern.compile("repeat with --seed (\\d+)").matcher(first.out());
        assertThat(chosen.find()).as("the chosen seed is printed:%n%s", first.out()).isTrue();
        String seed = chosen.group(1);

        Invocation again = Invocation.of("run", "--points", "5000", "--jobs", "8", "--seed", seed);

        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(insideOf(again)).isEqualTo(insideOf(first))
                .isEqualTo(ReferenceEstimate.inside(Long.parseUnsignedLong(seed), 40_000));
        assertThat(again.out()).contains("seed " + seed + " (given)");
    }

    @Test
    void runsWithoutASeedChooseDifferentSeeds() {
        Pattern seedLine = Pattern.compile("repeat with --seed (\\d+)");
        Matcher first = seedLine.matcher(Invocation.of("run", "-n", "10", "-m", "1").out());
        Matcher second = seedLine.matcher(Invocation.of("run", "-n", "10", "-m", "1").out());
        assertThat(first.find() && second.find()).isTrue();
        // Two equal 64-bit random seeds would happen once in 2^64 runs: equal means not random.
        assertThat(first.group(1)).isNotEqualTo(second.group(1));
    }

    private static BigInteger countFor(String sizes) {
        Invocation run = Invocation.ofLine("run " + sizes + " --seed " + SEED + " --format json");
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        return run.json().at("/counts/inside").bigIntegerValue();
    }

    private static BigInteger insideOf(Invocation textRun) {
        Matcher line = Pattern.compile("inside / total\\s+([\\d,]+) /").matcher(textRun.out());
        assertThat(line.find()).as("inside / total line:%n%s", textRun.out()).isTrue();
        return new BigInteger(line.group(1).replace(",", ""));
    }
}
