package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dartboard.cluster.security.ClusterSecret;
import org.dartboard.cluster.security.ClusterTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dartboard certs} writes a secret, a CA and key stores that open with that secret; run again with
 * more names, it keeps what exists and signs the new stores with the same CA.
 */
class CertsCommandTest {

    @TempDir
    Path directory;

    @Test
    void makesASecretACaAndAKeyStorePerMachineThenAddsMoreWithTheSameCa() throws IOException {
        Path out = directory.resolve("certs");

        Invocation first = Invocation.of("certs", "--out", out.toString(), "--nodes", "pi1");

        assertThat(first.exitCode()).as(first.transcript()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(first.out()).contains("secret ", "ca.p12 ", "ca.crt ", "pi1.p12 ", "client.p12 ",
                "--secret-file secret --tls pi1.p12", "--tls client.p12");
        for (String file : new String[] {"secret", "ca.p12", "pi1.p12", "client.p12"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        ClusterSecret secret = ClusterSecret.of(Files.readString(out.resolve("secret")));
        assertThat(first.out()).doesNotContain(Files.readString(out.resolve("secret")).strip());
        String pi1 = ClusterTls.load(out.resolve("pi1.p12"), secret).description();
        assertThat(pi1).startsWith("TLS as CN=pi1 ");
        assertThat(ClusterTls.load(out.resolve("client.p12"), secret).description()).startsWith("TLS as CN=client ");

        Invocation again = Invocation.of("certs", "--out", out.toString(), "--nodes", "pi1,pi2");

        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(again.out()).containsPattern("secret +kept").containsPattern("ca.p12 +kept")
                .containsPattern("pi1.p12 +kept").containsPattern("pi2.p12 +new").containsPattern("client.p12 +kept");
        String pi2 = ClusterTls.load(out.resolve("pi2.p12"), secret).description();
        assertThat(caOf(pi2)).as("signed by the same CA").isEqualTo(caOf(pi1));
    }

    @Test
    void badNamesAreBadUsage() {
        String out = directory.resolve("certs").toString();
        for (String[] args : new String[][] {
                {"certs", "--out", out, "--nodes", "pi 1"},
                {"certs", "--out", out, "--nodes", "../pi1"},
                {"certs", "--out", out, "--nodes", "pi1,PI1"},
                {"certs", "--out", out, "--nodes", "pi1", "--clients", "pi1"},
                {"certs", "--out", out, "--nodes", "ca"},
                {"certs", "--out", out},
                {"certs", "--nodes", "pi1"}}) {
            Invocation run = Invocation.of(args);

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errLines()).as(run.transcript()).singleElement().asString().startsWith("dartboard certs: ")
                    .containsPattern("--nodes|--clients|--out").doesNotContain("\tat ");
        }
        assertThat(Files.exists(directory.resolve("certs").resolve("ca.p12"))).as("nothing made").isFalse();
    }

    @Test
    void helpSaysWhatItMakesAndHowToUseIt() {
        Invocation help = Invocation.of("certs", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: dartboard certs", "--out=DIR", "--nodes=NAME", "--clients=NAME",
                "--secret-file=FILE", "ca.p12", "keytool", "Exit codes");
        assertThat(Invocation.of("--help").out()).contains("certs");
    }

    private static String caOf(String description) {
        return description.substring(description.indexOf("(CA "), description.indexOf(", until"));
    }
}
