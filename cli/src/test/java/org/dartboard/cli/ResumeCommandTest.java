package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Kernel;
import org.dartboard.run.JournalFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code run --journal}, {@code --no-journal} and {@code --resume} in process: what the journal holds,
 * what a resumed run reports, and one clear line (exit 2) for every journal that cannot be used.
 */
class ResumeCommandTest {

    private static final long POINTS = 10_000;
    private static final long JOBS = 40;
    private static final long SEED = 4242;
    private static final JobPlan PLAN = JobPlan.of(POINTS, JOBS, SEED);

    private final Kernel kernel = Kernel.scalar();

    @TempDir
    Path folder;

    @Test
    void aRunWritesEveryCountedJobToItsJournalAndKeepsIt() throws IOException {
        Path file = folder.resolve("run.journal");

        Invocation run = Invocation.of("run", "-n", "10000", "-m", "40", "--seed", "4242", "--journal", file.toString(),
                "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        JsonNode json = run.json();
        assertThat(json.at("/journal/file").asText()).isEqualTo(file.toString());
        assertThat(json.at("/journal/resumed").asBoolean()).isFalse();
        assertThat(json.at("/journal/jobsFromJournal").asLong()).isZero();
        assertThat(json.at("/journal/kept").asBoolean()).isTrue();
        assertThat(json.at("/journal/resumeCommand").isNull()).as("a complete run needs no resuming").isTrue();
        JournalFiles.Contents contents = JournalFiles.read(file);
        assertThat(contents.plan()).isEqualTo(PLAN);
        assertThat(contents.complete()).isTrue();
        assertThat(contents.inside()).isEqualTo(uninterruptedInside());
    }

    @Test
    void aResumedRunRunsOnlyTheMissingJobsAndCountsLikeAnUninterruptedOne() throws IOException {
        Path file = journalOfJobs(LongStream.range(0, 13));

        Invocation resumed = Invocation.of("run", "--resume", file.toString(), "--threads", "2", "--format", "json");

        assertThat(resumed.exitCode()).as(resumed.transcript()).isZero();
        JsonNode json = resumed.json();
        assertThat(json.get("status").asText()).isEqualTo("complete");
        assertThat(json.at("/counts/jobs").asLong()).isEqualTo(JOBS);
        assertThat(json.at("/counts/points").bigIntegerValue()).isEqualTo(BigInteger.valueOf(POINTS * JOBS));
        assertThat(json.at("/counts/inside").bigIntegerValue()).isEqualTo(uninterruptedInside());
        assertThat(json.at("/plan/seed").asLong()).isEqualTo(SEED);
        assertThat(json.at("/plan/seedSource").asText()).isEqualTo("journal");
        assertThat(json.at("/journal/resumed").asBoolean()).isTrue();
        assertThat(json.at("/journal/jobsFromJournal").asLong()).isEqualTo(13);
        assertThat(json.at("/journal/kept").asBoolean()).as("a journal the user named is kept").isTrue();
        assertThat(jobsRunByWorkers(json)).isEqualTo(JOBS - 13);
        assertThat(JournalFiles.read(file).complete()).as("the resumed run appended its jobs").isTrue();
    }

    @Test
    void theTextReportSaysWhereTheJobsCameFrom() throws IOException {
        Path file = journalOfJobs(LongStream.of(0, 1, 2, 3, 5, 8));

        Invocation resumed = Invocation.of("run", "--resume", file.toString());

        assertThat(resumed.exitCode()).as(resumed.transcript()).isZero();
        assertThat(resumed.out())
                .contains("seed 4242 (from the journal)")
                .contains("resuming " + file + ": 6 of 40 jobs counted before")
                .containsPattern("jobs from the journal +6 of 40; this run counted 34")
                .doesNotContain("Resume with");
    }

    /** Resuming a finished journal prints its result again: no worker is started, nothing is counted. */
    @Test
    void aCompleteJournalJustReportsItsResult() throws IOException {
        Path file = journalOfJobs(LongStream.range(0, JOBS));

        Invocation resumed = Invocation.of("run", "--resume", file.toString(), "--format", "json");

        assertThat(resumed.exitCode()).as(resumed.transcript()).isZero();
        JsonNode json = resumed.json();
        assertThat(json.get("status").asText()).isEqualTo("complete");
        assertThat(json.at("/counts/inside").bigIntegerValue()).isEqualTo(uninterruptedInside());
        assertThat(json.at("/journal/jobsFromJournal").asLong()).isEqualTo(JOBS);
        assertThat(json.at("/farm/workers").asInt()).isZero();
        assertThat(json.get("kernelReason").asText()).contains("every job is in the journal");
        assertThat(jobsRunByWorkers(json)).isZero();
    }

    /** Plan options given again must agree with the journal; agreeing ones are harmless. */
    @Test
    void planOptionsThatAgreeWithTheJournalAreAccepted() throws IOException {
        Path file = journalOfJobs(LongStream.range(0, 5));

        Invocation resumed = Invocation.of("run", "--resume", file.toString(), "--seed", "4242", "--points", "1e4",
                "--jobs", "40", "--format", "json");

        assertThat(resumed.exitCode()).as(resumed.transcript()).isZero();
        assertThat(resumed.json().at("/counts/inside").bigIntegerValue()).isEqualTo(uninterruptedInside());
    }

    static Stream<Arguments> contradictions() {
        return Stream.of(
                Arguments.of("--seed", "7", "4242"),
                Arguments.of("--points", "1000", "10000"),
                Arguments.of("--jobs", "41", "40"),
                Arguments.of("--total-points", "400001", "400000"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("contradictions")
    void aPlanOptionThatContradictsTheJournalIsBadUsageNamingBoth(String option, String value, String journalled)
            throws IOException {
        Path file = journalOfJobs(LongStream.range(0, 5));

        Invocation resumed = Invocation.of("run", "--resume", file.toString(), option, value);

        assertOneUsageLine(resumed, option, value, journalled, file.toString());
        assertThat(JournalFiles.read(file).jobs()).as("the journal is untouched").isEqualTo(5);
        assertThat(Invocation.of("run", "--resume", file.toString()).exitCode()).as("and not left locked").isZero();
    }

    @Test
    void journalsThatCannotBeResumedAreOneLineEach() throws IOException {
        Path text = Files.writeString(folder.resolve("notes.txt"), "π is about 3\n");
        Path empty = Files.createFile(folder.resolve("empty.journal"));
        Path damaged = journalOfJobs(LongStream.range(0, 10));
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length - 5 * 20 + 3] ^= 0x40;
        Files.write(damaged, bytes);

        assertOneUsageLine(Invocation.of("run", "--resume", text.toString()), "--resume", text.toString(),
                "not a dartboard journal");
        assertOneUsageLine(Invocation.of("run", "--resume", empty.toString()), "--resume", empty.toString(), "empty");
        assertOneUsageLine(Invocation.of("run", "--resume", damaged.toString()), "--resume", damaged.toString(),
                "damaged at byte", "cannot be resumed");
        assertOneUsageLine(Invocation.of("run", "--resume", folder.resolve("gone.journal").toString()), "--resume",
                "gone.journal", "no such file");
        assertOneUsageLine(Invocation.of("run", "--resume", folder.toString()), "--resume", folder.toString());
    }

    @Test
    void aJournalInUseByAnotherRunIsRefused() throws Exception {
        Path file = journalOfJobs(LongStream.range(0, 3));
        try (AutoCloseable busy = JournalFiles.holdOpen(file)) {
            assertOneUsageLine(Invocation.of("run", "--resume", file.toString()), "--resume", file.toString(),
                    "in use by another dartboard run");
        }
    }

    /** A cut-off end (a kill during a write) is dropped, said, and its jobs run again. */
    @Test
    void aCutOffEndIsDroppedAndItsJobsRunAgain() throws IOException {
        Path file = journalOfJobs(LongStream.range(0, 10));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));

        Invocation resumed = Invocation.of("run", "--resume", file.toString());

        assertThat(resumed.exitCode()).as(resumed.transcript()).isZero();
        assertThat(resumed.out()).contains("9 of 40 jobs counted before; a cut-off end of 13 bytes was dropped");
        assertThat(JournalFiles.read(file).complete()).isTrue();
        assertThat(JournalFiles.read(file).droppedBytes()).isZero();
    }

    @Test
    void journalNeverOverwritesAFile() throws IOException {
        Path samePlan = journalOfJobs(LongStream.range(0, 3));
        Path precious = Files.writeString(folder.resolve("precious.txt"), "keep me");

        assertOneUsageLine(Invocation.of("run", "-n", "10000", "-m", "40", "--seed", "4242", "--journal",
                samePlan.toString()), "--journal", samePlan.toString(), "already the journal of this plan",
                "carry it on with --resume " + samePlan + ", or");
        assertOneUsageLine(Invocation.of("run", "-n", "10000", "-m", "40", "--seed", "1", "--journal",
                samePlan.toString()), "--journal", samePlan.toString(), "another plan", "seed 4242");
        assertOneUsageLine(Invocation.of("run", "-n", "1", "-m", "1", "--journal", precious.toString()), "--journal",
                precious.toString(), "never overwrites");
        assertThat(Files.readString(precious)).isEqualTo("keep me");
        assertThat(JournalFiles.read(samePlan).jobs()).isEqualTo(3);
    }

    @Test
    void longRunsKeepADefaultJournalThatIsDeletedOnceComplete() {
        JournalDefaults defaults = new JournalDefaults(folder.resolve("state"), BigInteger.valueOf(POINTS * JOBS));

        Invocation run = Invocation.withJournals(defaults, "run", "-n", "10000", "-m", "40", "--seed", "4242",
                "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        Path file = Path.of(run.json().at("/journal/file").asText());
        assertThat(file.getParent()).isEqualTo(folder.resolve("state"));
        assertThat(file.getFileName().toString()).matches("run-\\d{8}T\\d{6}Z-seed-4242\\.journal");
        assertThat(run.json().at("/journal/kept").asBoolean()).isFalse();
        assertThat(file).doesNotExist();
    }

    @Test
    void theDefaultJournalIsNamedInTheHeaderLine() {
        JournalDefaults defaults = new JournalDefaults(folder.resolve("state"), BigInteger.ONE);

        Invocation run = Invocation.withJournals(defaults, "run", "-n", "1000", "-m", "4", "--seed", "1");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.outLines().get(2)).startsWith("  journal " + folder.resolve("state"))
                .contains("deleted once complete", "--no-journal");
    }

    @Test
    void shortRunsAndNoJournalKeepNone() throws IOException {
        JournalDefaults defaults = new JournalDefaults(folder.resolve("state"), BigInteger.valueOf(POINTS * JOBS));

        Invocation shortRun = Invocation.withJournals(defaults, "run", "-n", "10000", "-m", "39", "--format", "json");
        Invocation noJournal = Invocation.withJournals(defaults, "run", "-n", "10000", "-m", "40", "--no-journal",
                "--format", "json");

        assertThat(shortRun.exitCode()).as(shortRun.transcript()).isZero();
        assertThat(shortRun.json().get("journal").isNull()).isTrue();
        assertThat(noJournal.exitCode()).as(noJournal.transcript()).isZero();
        assertThat(noJournal.json().get("journal").isNull()).isTrue();
        assertThat(folder.resolve("state")).doesNotExist();
    }

    /** The settings file's sizes, seed and journal choice belong to new runs: a resumed run takes the journal's. */
    @Test
    void aResumedRunIgnoresThePlanAndJournalSettingsOfTheSettingsFile() throws IOException {
        Path file = journalOfJobs(LongStream.range(0, 7));
        Path settingsFolder = Files.createDirectory(folder.resolve("settings"));
        Files.writeString(settingsFolder.resolve(ConfigLocations.FILE_NAME),
                "run.points = 5\nrun.jobs = 3\nrun.seed = 1\nrun.no-journal = true\nrun.format = json\n");
        ConfigLocations settings = new ConfigLocations(Map.of(), settingsFolder, folder.resolve("home"),
                folder.resolve("no-system-file"));

        Invocation resumed = Invocation.withSettings(settings, "run", "--resume", file.toString());

        assertThat(resumed.exitCode()).as(resumed.transcript()).isZero();
        JsonNode json = resumed.json();
        assertThat(json.at("/plan/jobs").asLong()).isEqualTo(JOBS);
        assertThat(json.at("/counts/inside").bigIntegerValue()).isEqualTo(uninterruptedInside());
        assertThat(json.at("/journal/jobsFromJournal").asLong()).isEqualTo(7);
        assertThat(JournalFiles.read(file).complete()).as("written to, whatever no-journal says in the file").isTrue();
    }

    @Test
    void noJournalOnTheCommandLineWinsOverAJournalInTheSettingsFile() throws IOException {
        Path settingsFolder = Files.createDirectory(folder.resolve("settings"));
        Files.writeString(settingsFolder.resolve(ConfigLocations.FILE_NAME), "run.journal = run.journal\n");
        ConfigLocations settings = new ConfigLocations(Map.of(), settingsFolder, folder.resolve("home"),
                folder.resolve("no-system-file"));

        Invocation run = Invocation.withSettings(settings, "run", "-n", "1000", "-m", "4", "--no-journal",
                "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.json().get("journal").isNull()).isTrue();
        assertThat(settingsFolder.resolve("run.journal")).doesNotExist();
    }

    @Test
    void defaultsFollowXdgStateHome() {
        Path home = Path.of("/home/pi");

        assertThat(JournalDefaults.of(Map.of("XDG_STATE_HOME", "/var/state"), home).directory())
                .isEqualTo(Path.of("/var/state/dartboard/journals"));
        assertThat(JournalDefaults.of(Map.of(), home).directory())
                .isEqualTo(Path.of("/home/pi/.local/state/dartboard/journals"));
        assertThat(JournalDefaults.of(Map.of("XDG_STATE_HOME", "relative/state"), home).directory())
                .as("the XDG specification ignores relative paths").isEqualTo(Path.of("/home/pi/.local/state/dartboard/journals"));
        assertThat(JournalDefaults.of(Map.of(), home).fromPoints()).isEqualTo(BigInteger.TEN.pow(11));
    }

    /** The command to paste starts as dartboard was started: 'dartboard run' does not exist in the source tree. */
    @Test
    void theResumeCommandStartsWithTheLauncherThatWasUsed() {
        picocli.CommandLine.ParseResult given = Dartboard.commandTreeForDocs()
                .parseArgs("run", "--points", "10", "--jobs", "4", "--threads", "1", "--journal", "a.journal")
                .subcommand();
        Path journal = folder.resolve("a.journal");

        assertThat(ResumeCommand.of(LauncherCommand.of(Map.of(LauncherCommand.VARIABLE, "./dartboard")), given, journal))
                .isEqualTo("./dartboard run --resume " + journal.toAbsolutePath() + " --threads 1");
        assertThat(ResumeCommand.of(LauncherCommand.of(Map.of(LauncherCommand.VARIABLE, "/opt/my tools/bin/dartboard")),
                given, journal)).startsWith("'/opt/my tools/bin/dartboard' run --resume ");
        // Not started by the launcher, nor from a jar (these tests run the build's classes): the command's name.
        assertThat(ResumeCommand.of(LauncherCommand.of(Map.of()), given, journal)).startsWith("dartboard run --resume ");
    }

    @Test
    void shellWordsAreQuotedOnlyWhenNeeded() {
        assertThat(ShellWords.quote("/tmp/run-1.journal")).isEqualTo("/tmp/run-1.journal");
        assertThat(ShellWords.quote("192.168.1.*")).isEqualTo("'192.168.1.*'");
        assertThat(ShellWords.quote("my run's.journal")).isEqualTo("'my run'\\''s.journal'");
    }

    private Path journalOfJobs(LongStream ids) throws IOException {
        Path file = Files.createTempFile(folder, "partial-", ".journal");
        Files.delete(file);
        return JournalFiles.write(file, PLAN, "0.0.1", ids);
    }

    private BigInteger uninterruptedInside() {
        return BigInteger.valueOf(kernel.countInside(SEED, 0, POINTS * JOBS));
    }

    private static long jobsRunByWorkers(JsonNode json) {
        return StreamSupport.stream(json.get("workers").spliterator(), false).mapToLong(w -> w.get("jobs").asLong())
                .sum();
    }

    private static void assertOneUsageLine(Invocation run, String... mentions) {
        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).as(run.transcript()).isEmpty();
        assertThat(run.errLines()).as(run.transcript()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("dartboard run: ").contains(mentions)
                .doesNotContain("Exception:", "\tat ");
    }
}
