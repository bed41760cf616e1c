package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The drip-feed keeps memory flat however many jobs a plan has: ten million jobs of one point, the
 * shape that loses results in Dispy, finish in a 64 MB heap because only a window of them is in flight.
 */
class DripFeedMemoryIT {

    private static final long JOBS = 10_000_000;

    @Test
    void tenMillionOnePointJobsFinishIn64Megabytes() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start(List.of("-Xmx64m"),
                "run", "--points", "1", "--jobs", "10M", "--seed", "1", "--format", "json")) {
            int exitCode = dartboard.awaitExit(Duration.ofSeconds(60));

            assertThat(exitCode).as(dartboard.transcript()).isZero();
            assertThat(dartboard.stderr()).doesNotContain("OutOfMemoryError");
            JsonNode json = Invocation.STRICT_JSON.readTree(dartboard.stdout());
            assertThat(json.get("status").asText()).isEqualTo("complete");
            assertThat(json.at("/counts/jobs").asLong()).isEqualTo(JOBS);
            assertThat(json.at("/counts/points").asLong()).isEqualTo(JOBS);
            assertThat(json.at("/counts/inside").bigIntegerValue()).isEqualTo(ReferenceEstimate.inside(1, JOBS));
            assertThat(json.at("/retriedJobs").asLong()).isZero();
        }
    }
}
