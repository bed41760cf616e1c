package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.dartboard.run.DartboardVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --format json} is for programs: one JSON object on stdout with the documented fields, whose
 * numbers agree with the reference kernel and with exact integer arithmetic.
 */
class JsonOutputTest {

    private static final List<String> TOP_FIELDS = List.of("version", "status", "complete", "plan", "farm", "kernel",
            "counts", "estimate", "timing", "retriedJobs", "error", "journal");
    private static final List<String> PLAN_FIELDS = List.of("seed", "seedSource", "pointsPerJob", "jobs",
            "totalPoints");
    private static final List<String> FARM_FIELDS = List.of("description", "workers", "window");
    private static final List<String> COUNT_FIELDS = List.of("jobs", "points", "inside");
    private static final List<String> ESTIMATE_FIELDS = List.of("pi", "standardError", "confidenceLevel", "ciLow",
            "ciHigh", "meaningfulDecimals", "meaningfulValue", "digits", "exact", "exactIsWhole", "zScore");
    private static final List<String> TIMING_FIELDS = List.of("wallSeconds", "pointsPerSecond");

    @Test
    void stdoutIsOneObjectWithTheDocumentedFields() {
        Invocation run = Invocation.of("run", "--points", "12345", "--jobs", "17", "--seed", "2026", "--threads", "3",
                "--window", "5", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().strip()).startsWith("{").endsWith("}");
        JsonNode json = run.json();
        // Fields may be added, never renamed or removed (JsonReport's contract), so check presence only.
        assertThat(fieldNames(json)).containsAll(TOP_FIELDS);
        assertThat(fieldNames(json.get("plan"))).containsAll(PLAN_FIELDS);
        assertThat(fieldNames(json.get("farm"))).containsAll(FARM_FIELDS);
        assertThat(fieldNames(json.get("counts"))).containsAll(COUNT_FIELDS);
        assertThat(fieldNames(json.get("estimate"))).containsAll(ESTIMATE_FIELDS);
        assertThat(fieldNames(json.get("timing"))).containsAll(TIMING_FIELDS);

        assertThat(json.get("version").asText()).isEqualTo(DartboardVersion.current()).isNotBlank();
        assertThat(json.get("status").asText()).isEqualTo("complete");
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("error").isNull()).isTrue();
        assertThat(json.get("retriedJobs").asLong()).isZero();
        assertThat(json.get("kernel").asText()).isNotBlank();
        assertThat(json.at("/plan/seedSource").asText()).isEqualTo("given");
        assertThat(json.at("/plan/pointsPerJob").asLong()).isEqualTo(12345);
        assertThat(json.at("/plan/jobs").asLong()).isEqualTo(17);
        assertThat(json.at("/plan/totalPoints").bigIntegerValue()).isEqualTo(BigInteger.valueOf(12345 * 17));
        assertThat(json.at("/farm/workers").asInt()).isEqualTo(3);
        assertThat(json.at("/farm/window").asInt()).isEqualTo(5);
        assertThat(json.at("/farm/description").asText()).isNotBlank();
        assertThat(json.at("/counts/jobs").asLong()).isEqualTo(17);
        assertThat(json.at("/timing/wallSeconds").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(json.at("/timing/pointsPerSecond").asDouble()).isGreaterThanOrEqualTo(0);
    }

    @ParameterizedTest(name = "--points {0} --jobs {1} --seed {2} --digits {3}")
    @CsvSource(delimiter = '|', textBlock = """
            12345  | 17  | 2026                 | 100
            1000   | 3   | 7                    | 1000
            1000   | 16  | 42                   | 100
            4096   | 64  | 0                    | 1
            99991  | 5   | 18446744073709551615 | 37
            """)
    void numbersAgreeWithTheReferenceKernelAndExactArithmetic(long pointsPerJob, long jobs, String seed, int digits) {
        long total = pointsPerJob * jobs;
        long seedWord = SeedParser.parse(seed);
        Invocation run = Invocation.of("run", "--points", String.valueOf(pointsPerJob), "--jobs", String.valueOf(jobs),
                "--seed", seed, "--digits", String.valueOf(digits), "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        JsonNode json = run.json();
        BigInteger inside = ReferenceEstimate.inside(seedWord, total);
        BigInteger points = BigInteger.valueOf(total);
        assertThat(json.at("/plan/seed").asText()).as("seed printed unsigned, as given").isEqualTo(seed);
        assertThat(json.at("/counts/points").bigIntegerValue()).isEqualTo(points);
        assertThat(json.at("/counts/inside").bigIntegerValue()).isEqualTo(inside);

        JsonNode estimate = json.get("estimate");
        double pi = new BigDecimal(inside.shiftLeft(2)).divide(new BigDecimal(points), MathContext.DECIMAL128)
                .doubleValue();
        assertThat(estimate.get("pi").asDouble()).as("4·inside/points").isEqualTo(pi);

        BigDecimal exact = new BigDecimal(estimate.get("exact").asText());
        assertThat(exact).as("exact value cut to %d significant digits", digits)
                .isEqualByComparingTo(ReferenceEstimate.cutDigits(inside, points, digits));
        assertThat(exact.stripTrailingZeros().precision()).isLessThanOrEqualTo(digits);
        boolean whole = ReferenceEstimate.terminatesWithin(inside, points, digits);
        assertThat(estimate.get("exactIsWhole").asBoolean()).isEqualTo(whole);
        if (!whole) {
            assertThat(exact.precision()).as("all %d digits shown when the expansion goes on", digits)
                    .isEqualTo(digits);
        }
        assertThat(estimate.get("digits").asInt()).isEqualTo(digits);
    }

    @Test
    void errorBarsAreConsistentWithTheCount() {
        long total = 200_000;
        Invocation run = Invocation.of("run", "--total-points", String.valueOf(total), "--seed", "31",
                "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        JsonNode estimate = run.json().get("estimate");
        double pi = estimate.get("pi").asDouble();
        double standardError = estimate.get("standardError").asDouble();
        double p = pi / 4;
        // 4·√(p(1−p)/n); the command may use a slightly adjusted p, which moves it by far less than 1%.
        assertThat(standardError).isCloseTo(4 * Math.sqrt(p * (1 - p) / total), within(standardError / 100));
        assertThat(estimate.get("confidenceLevel").asDouble()).isEqualTo(0.95);
        assertThat(estimate.get("ciLow").asDouble()).isCloseTo(pi - 1.96 * standardError, within(1e-3 * standardError));
        assertThat(estimate.get("ciHigh").asDouble()).isCloseTo(pi + 1.96 * standardError, within(1e-3 * standardError));
        assertThat(estimate.get("zScore").asDouble()).isCloseTo((pi - Math.PI) / standardError, within(1e-9));

        // The meaningful decimals are those not drowned by one standard error: 10^-d >= SE > 10^-(d+1).
        int decimals = estimate.get("meaningfulDecimals").asInt();
        assertThat(Math.pow(10, -decimals)).isGreaterThanOrEqualTo(standardError);
        assertThat(Math.pow(10, -(decimals + 1))).isLessThan(standardError);
        BigDecimal meaningful = new BigDecimal(estimate.get("meaningfulValue").asText());
        assertThat(meaningful.scale()).isEqualTo(decimals);
        assertThat(meaningful.subtract(BigDecimal.valueOf(pi)).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.5").movePointLeft(decimals));
    }

    @ParameterizedTest(name = "--seed {0} is printed as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            42                   | 42
            0x2A                 | 42
            -1                   | 18446744073709551615
            9223372036854775808  | 9223372036854775808
            """)
    void theSeedPrintedIsTheOneGiven(String given, String printed) {
        Invocation run = Invocation.of("run", "-n", "10", "-m", "2", "--seed", given, "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.json().at("/plan/seed").asText()).isEqualTo(printed);
        assertThat(run.json().at("/plan/seedSource").asText()).isEqualTo("given");
    }

    @Test
    void aRandomSeedIsPrintedAndRepeatsTheRun() {
        Invocation first = Invocation.of("run", "--total-points", "100k", "--format", "json");

        assertThat(first.exitCode()).as(first.transcript()).isZero();
        assertThat(first.json().at("/plan/seedSource").asText()).isEqualTo("random");
        String seed = first.json().at("/plan/seed").asText();
        Invocation again = Invocation.of("run", "--total-points", "100k", "--seed", seed, "--format", "json");
        assertThat(again.json().at("/counts/inside")).isEqualTo(first.json().at("/counts/inside"));
        assertThat(again.json().at("/counts/inside").bigIntegerValue())
                .isEqualTo(ReferenceEstimate.inside(SeedParser.parse(seed), 100_000));
    }

    private static List<String> fieldNames(JsonNode node) {
        assertThat(node).isNotNull();
        Iterator<String> names = node.fieldNames();
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
