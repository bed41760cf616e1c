package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Special files given where a run reads or writes a file, in the real process, where a wait that never ends,
 * an OutOfMemoryError's trace or a warning logged once per job would show: a named pipe with no one at its
 * other end, /dev/zero as the secret, /dev/full as the jobs log.
 */
class SpecialFilesIT {

    /** Each refusal is at once; this is only the deadline that turns a hang into a failure. */
    private static final Duration QUICK = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    @Test
    void aJobsLogThatCannotBeWrittenIsSaidOnceAndTheReportIsComplete() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--points", "1", "--jobs", "100k", "--seed",
                "1", "--jobs-log", "/dev/full")) {
            int exit = dartboard.awaitExit(Duration.ofMinutes(2));

            List<String> stderr = dartboard.stderr().lines().toList();
            System.out.printf("SpecialFilesIT: 100k jobs logged to /dev/full -> exit %d, %d line(s) on stderr: %s%n",
                    exit, stderr.size(), stderr);
            assertThat(exit).as(dartboard.transcript()).isEqualTo(ExitCodes.FAILED);
            assertThat(stderr).as(dartboard.transcript()).containsExactly("dartboard run: cannot write the jobs log"
                    + " /dev/full: No space left on device; the report is complete, the jobs log is not");
            assertThat(dartboard.stdout()).contains("inside / total", "100,000");
        }
    }

    @Test
    void theNullDeviceTakesAJobsLog() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--points", "1", "--jobs", "1000", "--seed",
                "1", "--jobs-log", "/dev/null")) {
            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isZero();
            assertThat(dartboard.stderr()).as(dartboard.transcript()).isEmpty();
        }
    }

    /** /dev/stdout of a process whose output is piped is a pipe with a reader: opening it does not wait. */
    @Test
    void aPipeAlreadyOpenTakesAJobsLog() throws Exception {
        try (DartboardProcess dartboard = DartboardProcess.start("run", "--points", "1", "--jobs", "3", "--seed",
                "1", "--format", "json", "--jobs-log", "/dev/stderr")) {
            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isZero();
            assertThat(dartboard.stderr().lines().toList()).as(dartboard.transcript()).hasSize(1 + 3)
                    .first().isEqualTo(JobsLog.HEADER);
        }
    }

    /** A shell's {@code --secret-file <(pass show cluster)}: a pipe already open, read up to a secret's length. */
    @Test
    void aPipeAlreadyOpenGivesTheSecret() throws Exception {
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", "exec \"$0\" -jar \"$1\" run --points 1 --jobs 1"
                + " --nodes 127.0.0.1:1 --connect-timeout 1s --secret-file <(printf 'a secret of the cluster\\n')",
                DartboardProcess.java(), DartboardProcess.jar().toString());
        try (DartboardProcess dartboard = DartboardProcess.start(shell)) {
            assertThat(dartboard.awaitExit(QUICK)).as(dartboard.transcript()).isEqualTo(ExitCodes.FAILED);
            assertThat(dartboard.stderr()).as("read the secret, then looked for the node")
                    .contains("no dartboard node answered at 127.0.0.1:1").doesNotContain("--secret-file");
        }
    }

    @Test
    void aNamedPipeAsTheJobsLogIsRefusedAtOnce() throws Exception {
        Path pipe = BadInputTest.namedPipe(folder, "jobs.csv");
        assertRefusedInOneLine("--jobs-log", "is a named pipe (FIFO)", "run", "--points", "1", "--jobs", "1",
                "--jobs-log", pipe.toString());
    }

    @Test
    void aNamedPipeAsTheJournalIsRefusedAtOnce() throws Exception {
        Path pipe = BadInputTest.namedPipe(folder, "run.journal");
        assertRefusedInOneLine("--journal", "is a named pipe (FIFO)", "run", "--points", "1", "--jobs", "1",
                "--journal", pipe.toString());
    }

    @Test
    void aNamedPipeToResumeIsRefusedAtOnce() throws Exception {
        Path pipe = BadInputTest.namedPipe(folder, "run.journal");
        assertRefusedInOneLine("--resume", "is a named pipe (FIFO), not a journal", "run", "--resume",
                pipe.toString());
    }

    @Test
    void aNamedPipeAsTheSecretFileIsRefusedAtOnce() throws Exception {
        Path pipe = BadInputTest.namedPipe(folder, "secret");
        assertRefusedInOneLine("--secret-file", "is a named pipe (FIFO), not a regular file", "run", "--points", "1",
                "--jobs", "1", "--nodes", "127.0.0.1", "--secret-file", pipe.toString());
    }

    @Test
    void theZeroDeviceAsTheSecretFileIsRefusedWithoutReadingIt() throws Exception {
        assertRefusedInOneLine("--secret-file", "is a character device, not a regular file", "run", "--points", "1",
                "--jobs", "1", "--nodes", "127.0.0.1", "--secret-file", "/dev/zero");
    }

    @Test
    void aNamedPipeAsTheSettingsFileIsRefusedAtOnce() throws Exception {
        Path pipe = BadInputTest.namedPipe(folder, "dartboard.properties");
        assertRefusedInOneLine("--config", "is a named pipe (FIFO), not a settings file", "run", "--points", "1",
                "--jobs", "1", "--config", pipe.toString());
    }

    private static void assertRefusedInOneLine(String option, String says, String... args) throws Exception {
        long started = System.nanoTime();
        try (DartboardProcess dartboard = DartboardProcess.start(args)) {
            int exit = dartboard.awaitExit(QUICK);

            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(exit).as(dartboard.transcript()).isEqualTo(ExitCodes.USAGE);
            assertThat(dartboard.stdout()).isEmpty();
            assertThat(dartboard.stderr().lines().toList()).as(dartboard.transcript()).hasSize(1).first().asString()
                    .contains(option, says).doesNotContain("Exception", "Error", "\tat ");
            System.out.printf("SpecialFilesIT: %s %s -> exit %d after %.1f s%n", option, says, exit, seconds);
        }
    }
}
