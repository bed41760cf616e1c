package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The progress bar draws in place, not too often, not for short runs, and leaves nothing behind. */
class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    private final StringWriter screen = new StringWriter();
    private final AtomicLong now = new AtomicLong();
    private final ProgressBar bar = new ProgressBar(new PrintWriter(screen), Screen.PLAIN, 200, now::get);
    private final JobPlan plan = JobPlan.of(1000, 10, 1);

    @Test
    void aShortRunDrawsNothing() {
        start();
        now.set(SECOND / 2);
        bar.jobCounted(result(0), count(1));
        bar.finished(null);

        assertThat(screen.toString()).isEmpty();
    }

    @Test
    void aLongRunRedrawsInPlaceAtMostFiveTimesASecondAndErasesItself() {
        start();
        now.set(2 * SECOND);
        bar.jobCounted(result(0), count(4));
        now.set(2 * SECOND + SECOND / 10);
        bar.jobCounted(result(1), count(5));
        now.set(3 * SECOND);
        bar.jobCounted(result(2), count(6));

        String drawn = screen.toString();
        assertThat(drawn.split("\r", -1)).hasSize(3);
        assertThat(drawn).contains("4/10 jobs").contains("6/10 jobs").doesNotContain("5/10 jobs")
                .doesNotContain("\n");

        bar.finished(null);
        String erased = screen.toString().substring(drawn.length());
        assertThat(erased).startsWith("\r").endsWith("\r").matches("\r *\r");
    }

    @Test
    void theLineShowsProgressSpeedEstimateAndTimeLeft() {
        start();
        String line = bar.line(count(5), 10 * SECOND);

        assertThat(line).startsWith("[############------------] 5/10 jobs")
                .contains("500.0 points/s")
                .contains("π ≈ ")
                .contains(" ± ")
                .endsWith("0:10, 0:10 left");
    }

    /** A resumed run's speed and time left are its own: the jobs from the journal took it no time. */
    @Test
    void aResumedRunCountsOnlyItsOwnJobsForSpeedAndTimeLeft() {
        start();
        bar.resumed(count(4), id -> id < 4);
        String line = bar.line(count(7), 30 * SECOND);

        assertThat(line).startsWith("[#################-------] 7/10 jobs")
                .contains("100.0 points/s")
                .endsWith("0:30, 0:30 left");
    }

    /**
     * However narrow the terminal, every line fits one column short of its edge (a line that wraps cannot
     * be redrawn in place): on 80 columns with the bar and the estimate, then with fewer fields, never cut.
     */
    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {120, 80, 60, 40, 30})
    void everyLineFitsTheTerminal(int columns) {
        for (boolean ascii : List.of(false, true)) {
            ProgressBar narrow = new ProgressBar(new PrintWriter(screen), new Screen(columns, ascii), columns - 1,
                    now::get);
            // The widest figures a run can show: a billion jobs, hours left, a long estimate.
            long jobs = 1_000_000_000L;
            narrow.started(JobPlan.of(1_000_000_000L, jobs, 1));
            for (long done : List.of(1L, 12_345_678L, jobs - 1)) {
                Count count = new Count(done, BigInteger.valueOf(1_000_000_000L).multiply(BigInteger.valueOf(done)),
                        BigInteger.valueOf(785_398_163L).multiply(BigInteger.valueOf(done)));
                String line = narrow.line(count, 3_600 * SECOND);
                assertThat(line.length()).as("%s (ascii %s)", line, ascii).isLessThan(columns);
                // At 30 columns, the longest count of jobs alone is a column too long, and is cut at the edge.
                assertThat(line).contains(TextReport.grouped(done) + "/1,000,000,000 job");
                if (columns >= 60) {
                    assertThat(line).as("an estimate, spelled as the screen shows it")
                            .contains(ascii ? "pi ~ 3.14" : "π ≈ 3.14");
                }
                if (columns >= 80) {
                    assertThat(line).startsWith("[").contains(" left");
                }
                assertThat(ascii ? line.chars().allMatch(c -> c < 128) : true).as(line).isTrue();
            }
        }
    }

    private void start() {
        bar.started(plan);
    }

    private static JobResult result(long id) {
        return new JobResult(id, 1000, 785, "local-1", 0, 1);
    }

    private static Count count(long jobs) {
        return new Count(jobs, BigInteger.valueOf(1000 * jobs), BigInteger.valueOf(785 * jobs));
    }
}
