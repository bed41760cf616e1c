package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.junit.jupiter.api.Test;

/** Jobs and results survive the trip through plain arrays exactly, and anything else is refused. */
class WireFormatTest {

    @Test
    void jobsTravelUnchanged() {
        JobPlan plan = JobPlan.of(1L << 40, 1L << 24, -7);
        List<JobSpec> jobs = List.of(plan.job(0), plan.job(12345), plan.job(plan.jobs() - 1));

        WireFormat.Request request = WireFormat.decodeRequest(WireFormat.request("1.2.3", jobs));

        assertThat(request.clientVersion()).isEqualTo("1.2.3");
        assertThat(request.jobs()).containsExactlyElementsOf(jobs);
    }

    @Test
    void resultsTravelUnchangedWithTheirWorkersAndLosses() {
        List<JobResult> results = List.of(
                new JobResult(0, 10, 7, "node-a", 1_700_000_000_000L, 123),
                new JobResult(Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE / 4 * 3, "node-b", 1, 2));

        WireFormat.Answer answer = WireFormat.decodeAnswer(
                WireFormat.answer(results, List.of("node-c", "node-d"), List.of(2L, 1L), List.of(0L, 4L, 0L)));

        assertThat(answer.results()).containsExactlyElementsOf(results);
        assertThat(answer.lostNodes()).containsExactly("node-c", "node-d");
        assertThat(answer.jobsRerun()).containsExactly(2L, 1L);
        assertThat(answer.rerunJobIds()).containsExactly(0L, 4L, 0L);
    }

    @Test
    void aGroupsLongsAreReadBackWithTheNodeName() {
        List<JobResult> results = List.of(new JobResult(5, 100, 80, "ignored", 9, 10));

        assertThat(WireFormat.results(WireFormat.results(results), "node-x"))
                .containsExactly(new JobResult(5, 100, 80, "node-x", 9, 10));
    }

    @Test
    void aNodeRefusesWhatIsNotADartboardRequest() {
        assertThatIllegalArgumentException().isThrownBy(() -> WireFormat.decodeRequest("hello"));
        assertThatIllegalArgumentException().isThrownBy(() -> WireFormat.decodeRequest(new Object[] {"1", new long[3]}));
        assertThatIllegalArgumentException().isThrownBy(() -> WireFormat.decodeRequest(new Object[] {1, new long[4]}));
    }

    @Test
    void aClientRefusesWhatIsNotADartboardAnswer() {
        assertThatIllegalStateException().isThrownBy(() -> WireFormat.decodeAnswer(null));
        assertThatIllegalStateException().isThrownBy(() -> WireFormat.decodeAnswer(
                new Object[] {new String[] {"a"}, new long[4], new String[0], new long[0], new long[0]}));
        // The re-run ids must add up to the groups' sizes.
        assertThatIllegalStateException().isThrownBy(() -> WireFormat.decodeAnswer(
                new Object[] {new String[0], new long[0], new String[] {"c"}, new long[] {2}, new long[] {1}}));
        // Names must be strings; the refusal says what came instead, for the log.
        assertThatIllegalStateException().isThrownBy(() -> WireFormat.decodeAnswer(
                new Object[] {new Object[] {7}, new long[5], new String[0], new long[0], new long[0]}))
                .withMessageEndingWith(": [[Integer], long[5], String[0], long[0], long[0]]");
    }
}
