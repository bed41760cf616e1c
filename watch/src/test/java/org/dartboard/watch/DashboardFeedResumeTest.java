package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard of a resumed run shows the journal's jobs as done, but its speed and time left are its own. */
class DashboardFeedResumeTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aResumedRunsSpeedAndTimeLeftComeFromItsOwnJobs() {
        AtomicLong now = new AtomicLong();
        DashboardFeed feed = new DashboardFeed(new ConvergenceHistory(), new DartSample(10), now::get);
        feed.started(JobPlan.of(1_000, 100, 3), "local, 1 thread", "scalar", 8, List::of);
        feed.resumed(count(40), id -> id < 40);
        assertThat(feed.update(0, 0).progress().jobsDone()).as("the journal's jobs are done").isEqualTo(40);

        now.set(10 * SECOND);
        feed.jobCounted(new JobResult(40, 1_000, 785, "local-1", 0, 1), count(50));
        DashboardFeed.Progress progress = feed.update(0, 0).progress();

        assertThat(progress.jobsDone()).isEqualTo(50);
        assertThat(progress.fraction()).isEqualTo(0.5);
        assertThat(progress.pointsPerSecond()).as("10 jobs of 1,000 points in 10 s").isEqualTo(1_000.0);
        assertThat(progress.secondsLeft()).as("50 jobs left at 1 job/s").isEqualTo(50.0);
    }

    private static Count count(long jobs) {
        return new Count(jobs, BigInteger.valueOf(1_000 * jobs), BigInteger.valueOf(785 * jobs));
    }
}
