package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code --window} against the heap: in a client of 32 MB, the widest window the help allows (a million jobs
 * in flight, about 330 MB of them) ended in an OutOfMemoryError from a worker thread; it is refused in one
 * line that says the widest window that fits, and that window runs.
 */
class WindowMemoryIT {

    private static final List<String> SMALL_HEAP = List.of("-Xmx32m");
    private static final Pattern WIDEST = Pattern.compile("the widest window that fits is (\\d+)");

    @Test
    void aWindowTheHeapCannotHoldIsRefusedAndTheWidestThatFitsRuns() throws Exception {
        int widest;
        try (DartboardProcess refused = DartboardProcess.start(SMALL_HEAP, "run", "--points", "1", "--jobs", "1",
                "--window", "1000000")) {
            assertThat(refused.awaitExit(Duration.ofSeconds(30))).as(refused.transcript()).isEqualTo(ExitCodes.USAGE);
            List<String> stderr = refused.stderr().lines().toList();
            assertThat(stderr).as(refused.transcript()).hasSize(1).first().asString()
                    .contains("--window", "1000000", "-Xmx").doesNotContain("Exception", "Error");
            Matcher said = WIDEST.matcher(stderr.get(0));
            assertThat(said.find()).as(stderr.get(0)).isTrue();
            widest = Integer.parseInt(said.group(1));
            System.out.printf("WindowMemoryIT: -Xmx32m, --window 1000000 -> %s%n", stderr.get(0));
        }
        assertThat(widest).isBetween(1024, 20_000);

        // Jobs of 10^7 points on one thread take milliseconds each, so the window is full within a second.
        try (DartboardProcess running = DartboardProcess.start(SMALL_HEAP, "run", "--points", "10M", "--jobs",
                String.valueOf(100L * widest), "--threads", "1", "--window", String.valueOf(widest), "--seed", "1",
                "--no-journal")) {
            running.awaitStdoutLine(line -> line.contains("window " + widest), Duration.ofSeconds(30));
            Thread.sleep(5_000);
            running.interrupt();

            assertThat(running.awaitExit(Duration.ofSeconds(30))).as(running.transcript())
                    .isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(running.stderr()).doesNotContain("OutOfMemoryError", "Exception");
            assertThat(running.stdout()).contains("PARTIAL: interrupted");
        }
    }
}
