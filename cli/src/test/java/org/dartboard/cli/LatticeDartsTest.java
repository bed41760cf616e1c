package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --darts lattice}: the report and the JSON say which darts ran and how the error bar was made,
 * the count is the library's for the same plan, and a lattice journal is resumed as lattice darts only.
 */
class LatticeDartsTest {

    @TempDir
    Path folder;

    /** The inside count of a plan, job by job with the scalar kernel: what any run of it must count. */
    private static BigInteger inside(JobPlan plan) {
        long inside = 0;
        for (long id = 0; id < plan.jobs(); id++) {
            inside += Kernel.scalar().countInside(plan.job(id));
        }
        return BigInteger.valueOf(inside);
    }

    @Test
    void theReportSaysWhichDartsRanAndHowTheErrorBarWasMade() {
        Invocation run = Invocation.of("run", "--points", "10000", "--jobs", "32", "--seed", "5", "--darts", "lattice");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.out()).contains("darts lattice: 16 replicas of 20,000 points, each a randomly shifted lattice")
                .contains("(one standard error, from the spread of 16 replicas)")
                .contains("(Student's t, 15 degrees of freedom: ± 2.13 standard errors)")
                .contains(TextReport.grouped(inside(JobPlan.of(10_000, 32, 5).lattice(16))) + " / 320,000");
    }

    @Test
    void twoReplicasGiveOneDegreeOfFreedomAndAWideInterval() {
        Invocation run = Invocation.of("run", "-n", "1000", "-m", "4", "--seed", "3", "--darts", "lattice",
                "--replicas", "2");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.out()).contains("(Student's t, 1 degree of freedom: ± 12.7 standard errors)");
    }

    @Test
    void theJsonHasTheDartsTheReplicasAndTheErrorBar() {
        Invocation run = Invocation.of("run", "--total-points", "64000", "--seed", "6", "--darts", "lattice",
                "--replicas", "8", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("darts").asText()).isEqualTo("lattice");
        assertThat(json.get("replicas").asInt()).isEqualTo(8);
        assertThat(json.at("/estimate/errorBar").asText()).isEqualTo("replicas");
        assertThat(json.at("/estimate/degreesOfFreedom").asInt()).isEqualTo(7);
        assertThat(json.at("/counts/inside").bigIntegerValue())
                .isEqualTo(inside(JobPlan.splitting(BigInteger.valueOf(64_000), 6).lattice(8)));
    }

    @Test
    void randomDartsSaySoToo() {
        JsonNode json = Invocation.of("run", "-n", "1000", "-m", "4", "--seed", "1", "--format", "json").json();

        assertThat(json.get("darts").asText()).isEqualTo("random");
        assertThat(json.get("replicas").isNull()).isTrue();
        assertThat(json.at("/estimate/errorBar").asText()).isEqualTo("binomial");
        assertThat(json.at("/estimate/degreesOfFreedom").isNull()).isTrue();
    }

    @Test
    void aLatticeJournalResumesAsLatticeDartsOnly() {
        Path file = folder.resolve("lattice.journal");
        Invocation first = Invocation.of("run", "-n", "1000", "-m", "16", "--seed", "3", "--darts", "lattice",
                "--journal", file.toString(), "--format", "json");
        assertThat(first.exitCode()).as(first.transcript()).isZero();

        Invocation asRandom = Invocation.of("run", "--resume", file.toString(), "--darts", "random");
        Invocation otherReplicas = Invocation.of("run", "--resume", file.toString(), "--replicas", "8");
        Invocation again = Invocation.of("run", "--resume", file.toString(), "--format", "json");

        assertThat(asRandom.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(asRandom.err()).contains("--darts", "random contradicts the journal", "lattice darts");
        assertThat(otherReplicas.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(otherReplicas.err()).contains("--replicas", "8 contradicts the journal", "16 replicas");
        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(again.json().get("darts").asText()).isEqualTo("lattice");
        assertThat(again.json().at("/counts/inside")).isEqualTo(first.json().at("/counts/inside"));
    }

    @Test
    void latticeOptionsThatCannotWorkAreBadUsageInOneLine() {
        for (String[] args : new String[][] {
                {"run", "-n", "1000", "-m", "10", "--darts", "lattice", "--replicas", "3"},
                {"run", "-n", "1000", "-m", "10", "--darts", "lattice", "--replicas", "1"},
                {"run", "-n", "1000", "-m", "16", "--replicas", "8"},
                {"run", "--total-points", "2^40", "--darts", "lattice"},
                {"run", "-n", "10", "-m", "10", "--darts", "grid"}}) {
            Invocation run = Invocation.of(args);
            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errLines()).as(run.transcript()).hasSize(1);
            assertThat(run.out()).isEmpty();
        }
    }
}
