package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobSpec;
import org.junit.jupiter.api.Test;

/**
 * A group knows how many jobs it holds and which: Ignite's failover reports them as run again, and the
 * client refuses an answer whose counts disagree (a group of two jobs once said three, and a node cut off
 * in mid-run stopped the run).
 */
class CountJobTest {

    @Test
    void aGroupCountsAndNamesItsJobsWhateverItsSize() {
        JobPlan plan = JobPlan.of(1000, 64, 3).lattice(4);
        for (int size = 1; size <= 9; size++) {
            List<JobSpec> jobs = LongStream.range(10, 10 + size).mapToObj(plan::job).toList();

            CountJob group = new CountJob(jobs);

            assertThat(group.jobCount()).as("jobs in a group of %d", size).isEqualTo(size);
            assertThat(group.jobIds()).containsExactly(jobs.stream().mapToLong(JobSpec::id).toArray());
        }
    }
}
