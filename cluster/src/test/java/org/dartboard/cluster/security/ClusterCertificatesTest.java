package org.dartboard.cluster.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.dartboard.cluster.security.ClusterCertificates.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key stores made with the JDK's keytool: each opens with the cluster's secret, holds one key signed by the
 * cluster's CA and the CA to trust, and lets two machines of the same cluster complete a mutual TLS
 * handshake, while a machine of another cluster is refused. Two clusters are made once for the class
 * (keytool takes about half a second per key).
 */
class ClusterCertificatesTest {

    /** The handshakes run on this test's own loopback address and port, away from every other test's. */
    private static final String ADDRESS = "127.0.0.29";
    private static final int PORT = 12990;

    private static final ClusterSecret SECRET = ClusterSecret.of("the cluster's secret");
    private static final ClusterSecret OTHER_SECRET = ClusterSecret.of("another cluster's secret");

    @TempDir
    static Path directory;
    private static ClusterCertificates cluster;
    private static ClusterCertificates otherCluster;

    @BeforeAll
    static void makeTwoClusters() throws IOException {
        cluster = new ClusterCertificates(ClusterCertificates.keytoolOfThisJava(),
                Files.createDirectory(directory.resolve("cluster")), "the cluster's secret");
        cluster.createAuthority();
        cluster.createKeyStore("pi1", Role.NODE);
        cluster.createKeyStore("192.168.1.12", Role.NODE);
        cluster.createKeyStore("client", Role.CLIENT);
        otherCluster = new ClusterCertificates(ClusterCertificates.keytoolOfThisJava(),
                Files.createDirectory(directory.resolve("other")), "another cluster's secret");
        otherCluster.createAuthority();
        otherCluster.createKeyStore("intruder", Role.CLIENT);
    }

    @Test
    void eachKeyStoreOpensWithTheSecretAndNamesItsMachineAndCa() throws IOException {
        for (String name : new String[] {"pi1", "192.168.1.12", "client"}) {
            ClusterTls tls = ClusterTls.load(cluster.keyStore(name), SECRET);

            assertThat(tls.description()).startsWith("TLS as CN=" + name + " (CA CN=dartboard cluster CA ")
                    .contains(cluster.authorityCertificate().getSubjectX500Principal().getName());
        }
        assertThat(cluster.authorityCertificate().getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);
        assertThat(Files.readString(cluster.authority().resolveSibling(ClusterCertificates.AUTHORITY_CERTIFICATE_FILE)))
                .startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void keysAndCaAreReadableByTheirOwnerOnly() throws IOException {
        for (Path file : new Path[] {cluster.authority(), cluster.keyStore("pi1"), cluster.keyStore("client")}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("%s", file)
                    .isEqualTo("rw-------");
        }
        try (var files = Files.list(cluster.authority().getParent())) {
            assertThat(files.map(file -> file.getFileName().toString())).as("no work files left behind")
                    .containsExactlyInAnyOrder("ca.p12", "ca.crt", "pi1.p12", "192.168.1.12.p12", "client.p12");
        }
    }

    @Test
    void anotherSecretDoesNotOpenAKeyStore() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClusterTls.load(cluster.keyStore("pi1"), OTHER_SECRET))
                .withMessageContaining("secret does not open it");
    }

    @Test
    void aFileThatIsNoKeyStoreIsRefusedPlainly() throws IOException {
        Path text = Files.writeString(directory.resolve("not-a-key-store.p12"), "hello\n");

        assertThatIllegalArgumentException().isThrownBy(() -> ClusterTls.load(text, SECRET))
                .withMessageContaining("not a PKCS12 key store");
    }

    @Test
    void aKeyFromAnotherClusterBesideThisCaIsRefusedAtLoad() throws Exception {
        KeyStore intruder = open(otherCluster.keyStore("intruder"), OTHER_SECRET);
        KeyStore mixed = KeyStore.getInstance("PKCS12");
        mixed.load(null, null);
        mixed.setKeyEntry("intruder", intruder.getKey("intruder", OTHER_SECRET.keyStorePassword()),
                SECRET.keyStorePassword(), intruder.getCertificateChain("intruder"));
        mixed.setCertificateEntry("cluster-ca", cluster.authorityCertificate());
        Path file = directory.resolve("mixed.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            mixed.store(out, SECRET.keyStorePassword());
        }

        assertThatIllegalArgumentException().isThrownBy(() -> ClusterTls.load(file, SECRET))
                .withMessageContaining("was not signed by the CA it trusts");
    }

    @Test
    void twoMachinesOfTheClusterShakeHandsBothShowingCertificates() throws Exception {
        ClusterTls node = ClusterTls.load(cluster.keyStore("pi1"), SECRET);
        ClusterTls client = ClusterTls.load(cluster.keyStore("client"), SECRET);

        String peerSeenByNode = handshake(node, client);

        assertThat(peerSeenByNode).isEqualTo("CN=client");
    }

    @Test
    void aMachineOfAnotherClusterIsRefusedByTheHandshake() throws Exception {
        ClusterTls node = ClusterTls.load(cluster.keyStore("pi1"), SECRET);
        ClusterTls intruder = ClusterTls.load(otherCluster.keyStore("intruder"), OTHER_SECRET);

        assertThatThrownBy(() -> handshake(node, intruder)).isInstanceOf(IOException.class);
    }

    @Test
    void namesAreHostNamesOrAddresses() {
        ClusterCertificates.requireValidName("pi1");
        ClusterCertificates.requireValidName("node-7.lan");
        ClusterCertificates.requireValidName("192.168.1.12");
        for (String bad : new String[] {"", "a b", "../etc", "-x", "x/y", "a".repeat(64), "CA", "ca"}) {
            assertThatIllegalArgumentException().as("'%s'", bad).isThrownBy(() -> ClusterCertificates.requireValidName(bad));
        }
    }

    @Test
    void anExistingKeyStoreIsNeverReplaced() throws IOException {
        byte[] before = Files.readAllBytes(cluster.keyStore("pi1"));

        assertThatIllegalStateException().isThrownBy(() -> cluster.createKeyStore("pi1", Role.NODE))
                .withMessageContaining("already exists");
        assertThat(Files.readAllBytes(cluster.keyStore("pi1"))).isEqualTo(before);
    }

    /** A TLS server with one identity and a client with the other; the subject the server saw, or a failure. */
    private static String handshake(ClusterTls server, ClusterTls client) throws Exception {
        InetAddress loopback = InetAddress.getByName(ADDRESS);
        try (SSLServerSocket listening = (SSLServerSocket) server.contextFactory().create().getServerSocketFactory()
                .createServerSocket(PORT, 1, loopback)) {
            listening.setNeedClientAuth(true);
            listening.setSoTimeout(10_000);
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                    accepted.startHandshake();
                    return accepted.getSession().getPeerPrincipal().getName();
                } catch (IOException failed) {
                    throw new IllegalStateException(failed);
                }
            });
            try (SSLSocket connecting = (SSLSocket) client.contextFactory().create().getSocketFactory().createSocket()) {
                connecting.connect(new InetSocketAddress(loopback, PORT), 10_000);
                connecting.setSoTimeout(10_000);
                connecting.startHandshake();
                // TLS 1.3 tells a client of a refused certificate only when it next reads.
                connecting.getOutputStream().write(1);
                connecting.getOutputStream().flush();
                return seen.get(10, TimeUnit.SECONDS);
            } finally {
                seen.cancel(true);
            }
        }
    }

    private static KeyStore open(Path file, ClusterSecret secret) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret.keyStorePassword());
            return store;
        }
    }
}
