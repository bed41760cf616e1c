package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.Kernel;
import org.dartboard.run.ScriptedFarm.Fate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from the jobs counted before never submits them again, and ends with the count of a run
 * that was never interrupted.
 */
class RunResumeTest {

    private static final JobPlan PLAN = JobPlan.of(2_000, 300, 77);
    private static final long BOUND_SECONDS = 20;

    private final Kernel kernel = Kernel.scalar();

    @TempDir
    Path folder;

    @Test
    void submitsOnlyTheJobsNotCountedBefore() {
        Set<Long> before = LongStream.range(0, 120).boxed().collect(Collectors.toSet());
        before.addAll(List.of(130L, 131L, 200L, 299L));
        Tally tally = tallyOf(before);
        Count countedBefore = tally.count();
        ScriptedFarm farm = new ScriptedFarm(Runnable::run, ScriptedFarm.ALWAYS_ANSWER);
        RecordingListener listener = new RecordingListener();
        ResumedEvents resumed = new ResumedEvents();

        RunOutcome outcome = Runs.of(PLAN, farm, 16, Run.DEFAULT_MAX_ATTEMPTS, tally, List.of(listener, resumed))
                .execute();

        assertThat(farm.submittedIds()).doesNotContainAnyElementsOf(before)
                .hasSize((int) PLAN.jobs() - before.size()).doesNotHaveDuplicates();
        assertThat(listener.countedIds()).doesNotContainAnyElementsOf(before);
        assertThat(outcome.isComplete()).isTrue();
        assertThat(outcome.count()).isEqualTo(uninterruptedCount());
        assertThat(outcome.countedBefore()).isEqualTo(countedBefore);
        assertThat(outcome.jobsCountedNow()).isEqualTo(PLAN.jobs() - before.size());
        assertThat(resumed.seen).containsExactly(countedBefore);
    }

    @Test
    void aPlanCountedBeforeInFullSubmitsNothing() {
        Tally tally = tallyOf(LongStream.range(0, PLAN.jobs()).boxed().collect(Collectors.toSet()));
        ScriptedFarm farm = new ScriptedFarm(Runnable::run, ScriptedFarm.ALWAYS_ANSWER);

        RunOutcome outcome = Runs.of(PLAN, farm, 16, Run.DEFAULT_MAX_ATTEMPTS, tally, List.of()).execute();

        assertThat(farm.submissions()).isZero();
        assertThat(outcome.isComplete()).isTrue();
        assertThat(outcome.count()).isEqualTo(uninterruptedCount());
        assertThat(outcome.jobsCountedNow()).isZero();
        assertThat(outcome.pointsPerSecond()).isZero();
    }

    @Test
    void aFreshRunHasNothingCountedBeforeAndNoResumedEvent() {
        ResumedEvents resumed = new ResumedEvents();
        RunOutcome outcome = Runs.of(PLAN, new ScriptedFarm(Runnable::run, ScriptedFarm.ALWAYS_ANSWER), 16,
                List.of(resumed)).execute();

        assertThat(outcome.countedBefore()).isEqualTo(Count.NONE);
        assertThat(outcome.jobsCountedNow()).isEqualTo(PLAN.jobs());
        assertThat(resumed.seen).isEmpty();
    }

    /**
     * The whole cycle on real threads: a run with a journal is stopped part way, resumed from its journal
     * and stopped again, then resumed to the end. No job is ever counted twice across the three runs, and
     * the final count is the uninterrupted one.
     */
    @Test
    void stoppedTwiceAndResumedFromItsJournalCountsLikeAnUninterruptedRun() throws Exception {
        Path file = folder.resolve("run.journal");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // First run: jobs from 100 on never answer, so it stops with 100 jobs counted and more in flight.
            RecordingListener first = new RecordingListener();
            try (JournalWriter journal = JournalWriter.create(file, PLAN, "test")) {
                ScriptedFarm farm = new ScriptedFarm(pool, (job, attempt) -> job.id() < 100 ? Fate.ANSWER : Fate.HANG);
                stopWhenCounted(Runs.of(PLAN, farm, 8, Run.DEFAULT_MAX_ATTEMPTS, new Tally(), List.of(first, journal)),
                        first, 100);
            }

            // Second run: resumes, answers up to job 199, stops again.
            RecordingListener second = new RecordingListener();
            ResumedJournal resumed = JournalWriter.resume(file);
            assertThat(resumed.contents().tally().count().jobs()).isEqualTo(100);
            try (JournalWriter journal = resumed.journal()) {
                ScriptedFarm farm = new ScriptedFarm(pool, (job, attempt) -> job.id() < 200 ? Fate.ANSWER : Fate.HANG);
                stopWhenCounted(Runs.of(PLAN, farm, 8, Run.DEFAULT_MAX_ATTEMPTS, resumed.contents().tally(),
                        List.of(second, journal)), second, 100);
                assertThat(farm.submittedIds()).allMatch(id -> id >= 100);
            }

            // Third run: to the end.
            RecordingListener third = new RecordingListener();
            ResumedJournal again = JournalWriter.resume(file);
            RunOutcome outcome;
            try (JournalWriter journal = again.journal()) {
                ScriptedFarm farm = new ScriptedFarm(pool, ScriptedFarm.ALWAYS_ANSWER);
                outcome = Runs.of(PLAN, farm, 8, Run.DEFAULT_MAX_ATTEMPTS, again.contents().tally(),
                        List.of(third, journal)).execute();
                assertThat(farm.submittedIds()).allMatch(id -> id >= 200).hasSize(100);
            }

            assertThat(outcome.isComplete()).isTrue();
            assertThat(outcome.count()).isEqualTo(uninterruptedCount());
            assertThat(outcome.countedBefore().jobs()).isEqualTo(200);
            List<Long> everyCount = new ArrayList<>(first.countedIds());
            everyCount.addAll(second.countedIds());
            everyCount.addAll(third.countedIds());
            assertThat(everyCount).doesNotHaveDuplicates().hasSize((int) PLAN.jobs());
            assertThat(JournalReader.read(file).isComplete()).isTrue();
            assertThat(JournalReader.read(file).tally().count()).isEqualTo(uninterruptedCount());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void stopWhenCounted(Run run, RecordingListener listener, int jobs) throws Exception {
        CompletableFuture<RunOutcome> running = CompletableFuture.supplyAsync(run::execute);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (listener.countedIds().size() < jobs && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(listener.countedIds()).hasSize(jobs);
        run.stop();
        assertThat(running.get(BOUND_SECONDS, TimeUnit.SECONDS).ending()).isEqualTo(RunOutcome.Ending.STOPPED);
    }

    private Tally tallyOf(Set<Long> ids) {
        Tally tally = new Tally();
        ids.forEach(id -> tally.add(new JobResult(id, PLAN.job(id).points(), kernel.countInside(PLAN.job(id)),
                "before", 0, 0)));
        return tally;
    }

    /** The count for the seed and total alone: one pass of the reference kernel over the whole stream. */
    private Count uninterruptedCount() {
        long total = PLAN.totalPoints().longValueExact();
        return new Count(PLAN.jobs(), BigInteger.valueOf(total), BigInteger.valueOf(kernel.countInside(PLAN.seed(), 0, total)));
    }

    /** Records the {@code resumed} events, which {@link RecordingListener} does not know. */
    private static final class ResumedEvents implements RunListener {
        private final List<Count> seen = new CopyOnWriteArrayList<>();

        @Override
        public void resumed(Count countedBefore, LongPredicate countedBeforeJob) {
            seen.add(countedBefore);
        }
    }
}
