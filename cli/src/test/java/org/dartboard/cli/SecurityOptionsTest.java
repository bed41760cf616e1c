package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --secret-file}, {@code DARTBOARD_SECRET} and {@code --tls} are checked before anything starts: a
 * bad file or value is bad usage (exit 2, one line naming the option, the value and what is wrong), and
 * the secret itself is never printed, whatever happens.
 */
class SecurityOptionsTest {

    private static final String SECRET = "s3cret-that-must-never-be-printed";
    /** Nothing listens here: a cluster run that gets past its options fails at once (this test's own address). */
    private static final String NOBODY = "127.0.0.29:12999";

    @TempDir
    Path directory;

    @Test
    void aMissingSecretFileIsBadUsage() {
        Path missing = directory.resolve("no-such-secret");

        assertBadUsage(Invocation.of(clusterRun("--secret-file", missing.toString())), "--secret-file",
                missing.toString(), "does not exist");
        assertBadUsage(Invocation.of("node", "--bind", "127.0.0.29", "--secret-file", missing.toString()),
                "--secret-file", missing.toString(), "does not exist");
    }

    @Test
    void anEmptyFileADirectoryOrSeveralLinesAreNoSecret() throws IOException {
        Path empty = privateFile("empty", "\n");
        Path lines = privateFile("lines", "one\ntwo\n");

        assertBadUsage(Invocation.of(clusterRun("--secret-file", empty.toString())), "--secret-file",
                empty.toString(), "empty.*dartboard certs");
        assertBadUsage(Invocation.of(clusterRun("--secret-file", directory.toString())), "--secret-file",
                directory.toString(), "directory");
        assertBadUsage(Invocation.of(clusterRun("--secret-file", lines.toString())), "--secret-file",
                lines.toString(), "more than one line");
    }

    @Test
    void anEmptySecretInTheEnvironmentIsBadUsage() {
        Invocation run = Invocation.withEnvironment(Map.of("DARTBOARD_SECRET", "  "), clusterRun());

        assertBadUsage(run, "DARTBOARD_SECRET", null, "empty");
    }

    @Test
    void tlsNeedsASecretAndAKeyStore() throws IOException {
        Path secret = privateFile("secret", SECRET + "\n");
        Path missing = directory.resolve("missing.p12");
        Path notAStore = privateFile("not-a-store.p12", "hello\n");

        assertBadUsage(Invocation.of(clusterRun("--tls", notAStore.toString())), "--tls", null,
                "needs the cluster's secret");
        assertBadUsage(Invocation.of(clusterRun("--secret-file", secret.toString(), "--tls", missing.toString())),
                "--tls", missing.toString(), "does not exist");
        assertBadUsage(Invocation.of(clusterRun("--secret-file", secret.toString(), "--tls", notAStore.toString())),
                "--tls", notAStore.toString(), "cannot be used");
        assertBadUsage(Invocation.withEnvironment(Map.of("DARTBOARD_SECRET", SECRET),
                clusterRun("--tls", notAStore.toString())), "--tls", notAStore.toString(), "cannot be used");
    }

    @Test
    void aLocalRunRefusesSecurityOptions() throws IOException {
        Path secret = privateFile("secret", SECRET + "\n");

        assertBadUsage(Invocation.of("run", "-n", "1", "-m", "1", "--secret-file", secret.toString()),
                "--secret-file", null, "cluster runs only");
        // The environment's secret is for cluster runs; a local run does not mind it.
        assertThat(Invocation.withEnvironment(Map.of("DARTBOARD_SECRET", SECRET), "run", "-n", "1", "-m", "1")
                .exitCode()).isZero();
    }

    @Test
    void aSecretFileOthersCanReadIsUsedWithAWarning() throws IOException {
        Path secret = privateFile("secret", SECRET + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

        Invocation run = Invocation.of(clusterRun("--secret-file", secret.toString()));

        assertThat(run.errLines()).as(run.transcript()).first().asString()
                .isEqualTo("dartboard run: warning: the secret file '" + secret + "' can be read by other users"
                        + " (rw-r--r--); make it private: chmod 600 " + secret);
        // The options were accepted: the run went on to look for nodes, and found none.
        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains(NOBODY).doesNotContain(SECRET);
    }

    @Test
    void aPrivateSecretFileOrTheEnvironmentIsTakenSilently() throws IOException {
        Path secret = privateFile("secret", SECRET + "\n");

        for (Invocation run : List.of(Invocation.of(clusterRun("--secret-file", secret.toString())),
                Invocation.withEnvironment(Map.of("DARTBOARD_SECRET", SECRET), clusterRun()))) {
            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.errLines()).as(run.transcript()).singleElement().asString().contains(NOBODY)
                    .doesNotContain("warning", SECRET);
        }
    }

    @Test
    void bothCommandsDocumentTheOptions() {
        for (String command : List.of("run", "node")) {
            Invocation help = Invocation.of(command, "--help");

            assertThat(help.out()).contains("--secret-file=FILE", "--tls=KEYSTORE", "DARTBOARD_SECRET",
                    "dartboard certs");
        }
    }

    private Path privateFile(String name, String text) throws IOException {
        Path file = Files.writeString(directory.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** A cluster run on an address where nothing listens, after a 1 s look, plus these options. */
    private static String[] clusterRun(String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--nodes", NOBODY, "--connect-timeout", "1s",
                "--points", "1", "--jobs", "1"));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    private static void assertBadUsage(Invocation run, String option, String value, String problem) {
        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).as(run.transcript()).isEmpty();
        assertThat(run.errLines()).as(run.transcript()).hasSize(1);
        String line = run.errLines().get(0);
        assertThat(line).startsWith("dartboard").contains(option).containsPattern(problem)
                .doesNotContain(SECRET, "Exception", "\tat ");
        if (value != null) {
            assertThat(line).contains(value);
        }
    }
}
