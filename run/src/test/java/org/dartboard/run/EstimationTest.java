package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's front door: a plan on a farm, with its settings checked once at build time, naming the
 * setting, and the run's policy (window, kernel, journals, resuming, nothing left to count) applied.
 */
class EstimationTest {

    private static final JobPlan PLAN = JobPlan.of(10_000, 40, 4242);

    @TempDir
    Path folder;

    private static BigInteger referenceInside(JobPlan plan) {
        return BigInteger.valueOf(Kernel.scalar().countInside(plan.seed(), 0, plan.totalPoints().longValueExact()));
    }

    @Test
    void aLocalRunCountsWhatTheReferenceKernelCounts() {
        RunOutcome outcome = Estimation.of(PLAN).on(Farms.local().threads(2)).build().run();

        assertThat(outcome.isComplete()).isTrue();
        assertThat(outcome.count()).isEqualTo(new Count(40, PLAN.totalPoints(), referenceInside(PLAN)));
        assertThat(outcome.farm()).isEqualTo("local, 2 threads");
        assertThat(outcome.cpus()).isEqualTo(2);
        assertThat(outcome.window()).as("16 per cpu, at least 64").isEqualTo(Farms.LOCAL_MIN_WINDOW);
        assertThat(outcome.kernel()).isEqualTo("scalar");
        assertThat(outcome.kernelReason()).startsWith("a small run");
        assertThat(outcome.workers()).hasSize(2)
                .allSatisfy(row -> assertThat(row.worker().name()).startsWith("local-"));
        assertThat(outcome.workers().stream().mapToLong(RunOutcome.WorkerRow::jobs).sum()).isEqualTo(40);
        assertThat(outcome.journal()).isEmpty();
        assertThat(outcome.estimate()).isPresent();
    }

    @Test
    void manyThreadsGetAWiderDefaultWindowAndAGivenWindowIsKept() {
        assertThat(Estimation.of(PLAN).on(Farms.local().threads(8)).build().run().window()).isEqualTo(128);
        assertThat(Estimation.of(PLAN).window(3).build().run().window()).isEqualTo(3);
    }

    @Test
    void listenersHearTheRunInOrderAndSeeLiveWorkerTotals() {
        List<String> events = new ArrayList<>();
        List<Supplier<List<RunOutcome.WorkerRow>>> rows = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void started(Start start) {
                events.add("started " + start.plan().jobs() + " on " + start.farm() + " with " + start.kernel());
                rows.add(start::workerRows);
            }

            @Override
            public void jobCounted(JobResult result, Count count) {
                events.add("counted");
            }

            @Override
            public void finished(RunOutcome outcome) {
                events.add("finished " + outcome.ending());
            }
        };

        Estimation.of(PLAN).on(Farms.local().threads(1)).kernel(Kernel.Choice.SCALAR).listener(listener).build().run();

        assertThat(events).first().isEqualTo("started 40 on local, 1 thread with scalar");
        assertThat(events).last().isEqualTo("finished COMPLETE");
        assertThat(events).filteredOn("counted"::equals).hasSize(40);
        assertThat(rows.get(0).get()).singleElement().satisfies(row -> assertThat(row.jobs()).isEqualTo(40));
    }

    @Test
    void settingsAreCheckedAtBuildNamingTheSettingAndWhatIsAllowed() {
        assertInvalid(() -> Estimation.of(PLAN).on(Farms.local().threads(0)), "threads", "1 to 4096");
        assertInvalid(() -> Estimation.of(PLAN).on(Farms.local().threads(5000)), "threads", "5000");
        assertInvalid(() -> Estimation.of(PLAN).window(0), "window", "1 to 1000000");
        assertInvalid(() -> Estimation.of(PLAN).on(Farms.cluster("127.0.0.1")).kernel(Kernel.Choice.VECTOR),
                "kernel", "local runs only");
        assertInvalid(() -> Estimation.of(PLAN).on(Farms.cluster("127.0.0.1").failureTimeout(Duration.ofMillis(500))),
                "failure-timeout", "1s to 1h");
        assertInvalid(() -> Estimation.of(PLAN).on(Farms.cluster("127.0.0.1").connectTimeout(Duration.ZERO)),
                "connect-timeout", "1s to 1h");
        assertInvalid(() -> Estimation.of(PLAN).on(Farms.cluster("127.0.0.1").connectTimeout(Duration.ofHours(2))),
                "connect-timeout", "1s to 1h");
    }

    @Test
    void theWindowIsAtMostWhatHalfTheHeapHoldsAtOneKibibyteAJob() {
        assertThat(Estimation.maxWindowFor(64L << 20)).isEqualTo(32_768);
        assertThat(Estimation.maxWindowFor(2L << 30)).isEqualTo(Estimation.MAX_WINDOW);
        assertThat(Estimation.maxWindowFor(1024)).isEqualTo(1);
        assertThat(Estimation.maxWindow()).isEqualTo(Estimation.maxWindowFor(Runtime.getRuntime().maxMemory()));
    }

    /** Wider windows are refused; that is WindowMemoryIT's, in a JVM whose heap it chooses. */
    @Test
    void theWidestWindowThatFitsIsAllowed() {
        Estimation.of(PLAN).window(Estimation.maxWindow()).build().close();
    }

    /** This module's tests have no cluster module on their class path, as a program that runs locally. */
    @Test
    void aClusterWithoutTheClusterModuleSaysWhichModuleIsMissing() {
        assertInvalid(() -> Estimation.of(PLAN).on(Farms.cluster("127.0.0.1")), "nodes", "dartboard-cluster");
    }

    @Test
    void aNewJournalNeverOverwritesAFile() throws IOException {
        Path samePlan = JournalFiles.write(folder.resolve("same.journal"), PLAN, "0.0.1", LongStream.range(0, 3));
        Path precious = Files.writeString(folder.resolve("precious.txt"), "keep me");

        assertInvalid(() -> Estimation.of(PLAN).journal(samePlan), "journal", "already the journal of this plan");
        assertInvalid(() -> Estimation.of(JobPlan.of(10, 10, 1)).journal(samePlan), "journal", "another plan");
        assertInvalid(() -> Estimation.of(PLAN).journal(precious), "journal", "never overwrites");
        assertInvalid(() -> Estimation.of(PLAN).journal(folder.resolve("no/such/folder/a.journal")), "journal",
                "no such folder");
        assertThat(Files.readString(precious)).isEqualTo("keep me");
        assertThat(JournalFiles.read(samePlan).jobs()).isEqualTo(3);
    }

    @Test
    void aResumedRunCountsOnlyWhatTheJournalLacksAndEndsWithTheWholeCount() {
        Path file = JournalFiles.write(folder.resolve("half.journal"), PLAN, "0.0.1", LongStream.range(0, 20));

        RunOutcome outcome;
        try (Estimation estimation = Estimation.resume(file).on(Farms.local().threads(2)).build()) {
            assertThat(estimation.plan()).isEqualTo(PLAN);
            outcome = estimation.run();
        }

        assertThat(outcome.count()).isEqualTo(new Count(40, PLAN.totalPoints(), referenceInside(PLAN)));
        assertThat(outcome.countedBefore().jobs()).isEqualTo(20);
        assertThat(outcome.jobsCountedNow()).isEqualTo(20);
        assertThat(outcome.journal()).get().satisfies(journal -> {
            assertThat(journal.resumed()).isTrue();
            assertThat(journal.writtenBy()).isEqualTo("0.0.1");
        });
        assertThat(outcome.journalKept()).isTrue();
        assertThat(JournalFiles.read(file).complete()).isTrue();
    }

    @Test
    void aJournalThatHoldsEveryJobNeedsNoFarm() {
        Path file = JournalFiles.write(folder.resolve("whole.journal"), PLAN, "0.0.1", LongStream.range(0, 40));

        RunOutcome outcome = Estimation.resume(file).build().run();

        assertThat(outcome.isComplete()).isTrue();
        assertThat(outcome.count().inside()).isEqualTo(referenceInside(PLAN));
        assertThat(outcome.farm()).isEqualTo("none (every job is in the journal)");
        assertThat(outcome.kernel()).isEqualTo("none");
        assertThat(outcome.kernelReason()).contains("every job is in the journal");
        assertThat(outcome.workers()).isEmpty();
        assertThat(outcome.jobsCountedNow()).isZero();
    }

    @Test
    void aJournalThatCannotBeResumedIsAnInvalidSetting() throws IOException {
        Path notes = Files.writeString(folder.resolve("notes.txt"), "pi is about 3\n");

        assertInvalid(() -> Estimation.resume(folder.resolve("gone.journal")), "resume", "no such file");
        assertInvalid(() -> Estimation.resume(notes), "resume", "not a dartboard journal");
        assertInvalid(() -> Estimation.resume(notes).journal(folder.resolve("other.journal")), "journal",
                "carries on writing the journal it resumes");
    }

    @Test
    void aLongRunKeepsADefaultJournalDeletedOnceComplete() {
        Path state = folder.resolve("state");

        RunOutcome outcome = Estimation.of(PLAN).defaultJournals(state, PLAN.totalPoints()).build().run();

        assertThat(outcome.journal()).get().satisfies(journal -> {
            assertThat(journal.file().getParent()).isEqualTo(state);
            assertThat(journal.file().getFileName().toString()).matches("run-\\d{8}T\\d{6}Z-seed-4242\\.journal");
            assertThat(journal.deletedWhenComplete()).isTrue();
            assertThat(journal.file()).doesNotExist();
        });
        assertThat(outcome.journalKept()).isFalse();
        assertThat(Estimation.of(PLAN).defaultJournals(state, PLAN.totalPoints().add(BigInteger.ONE)).build().run()
                .journal()).as("a shorter run keeps none").isEmpty();
    }

    @Test
    void aRunStoppedBeforeItStartsCountsNothingAndAnEstimationRunsOnce() {
        Estimation estimation = Estimation.of(PLAN).build();
        estimation.stop();

        RunOutcome outcome = estimation.run();

        assertThat(outcome.ending()).isEqualTo(RunOutcome.Ending.STOPPED);
        assertThat(outcome.count()).isEqualTo(Count.NONE);
        assertThat(outcome.estimate()).isEmpty();
        assertThatThrownBy(estimation::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
    }

    private static void assertInvalid(Supplier<Estimation.Builder> settings, String setting, String allowed) {
        assertThatThrownBy(() -> settings.get().build())
                .isInstanceOfSatisfying(InvalidSettingException.class, invalid -> {
                    assertThat(invalid.setting()).isEqualTo(setting);
                    assertThat(invalid.problem()).contains(allowed);
                    assertThat(invalid.getMessage()).startsWith("Invalid value for setting '" + setting + "': ");
                });
    }
}
