package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
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
    void makesASecretACaAndAKeyStorePerMachineThenAddsMoreWithTheSameCa() throws Exception {
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
        char[] secret = Files.readString(out.resolve("secret")).strip().toCharArray();
        assertThat(first.out()).doesNotContain(Files.readString(out.resolve("secret")).strip());
        String pi1 = describe(out.resolve("pi1.p12"), secret);
        assertThat(pi1).startsWith("TLS as CN=pi1 ");
        assertThat(describe(out.resolve("client.p12"), secret)).startsWith("TLS as CN=client ");

        Invocation again = Invocation.of("certs", "--out", out.toString(), "--nodes", "pi1,pi2");

        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(again.out()).containsPattern("secret +kept").containsPattern("ca.p12 +kept")
                .containsPattern("pi1.p12 +kept").containsPattern("pi2.p12 +new").containsPattern("client.p12 +kept");
        String pi2 = describe(out.resolve("pi2.p12"), secret);
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

    /**
     * The key store's machine and CA, read with the JDK's KeyStore API rather than dartboard's own TLS code:
     * {@code TLS as CN=pi1 (CA CN=..., until 2036-...)}.
     */
    private static String describe(Path keyStore, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
                return "TLS as " + certificate.getSubjectX500Principal().getName() + " (CA "
                        + certificate.getIssuerX500Principal().getName() + ", until " + certificate.getNotAfter() + ")";
            }
        }
        throw new AssertionError(keyStore + " holds no key");
    }

    private static String caOf(String description) {
        return description.substring(description.indexOf("(CA "), description.indexOf(", until"));
    }
}
