package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secured cluster, for real: {@code dartboard certs} makes the secret and key stores, two nodes on
 * 127.0.0.21 and .22 use both (TLS everywhere, the secret checked), and a third on 127.0.0.23 uses the
 * secret without TLS. Clients with the secret count what the local cores count; a client without it, with
 * a wrong one, or with TLS on one side only is refused within its connect timeout with one line, and the
 * node says so in its log; a node with a wrong secret is refused and stops; and a foreign thin client that
 * has the secret still runs nothing but dartboard's task. The nodes serve the whole class.
 */
@TestMethodOrder(OrderAnnotation.class)
class SecureClusterIT {

    private static final int CLIENT_PORT = 12800;
    private static final String TLS_FIRST = "127.0.0.21";
    private static final String TLS_SECOND = "127.0.0.22";
    private static final String SECRET_ONLY = "127.0.0.23";
    private static final String INTRUDER = "127.0.0.24";
    private static final NodeCluster TLS_CLUSTER = new NodeCluster("127.0.0.21-22", CLIENT_PORT, 49500, 49100);
    private static final NodeCluster SECRET_CLUSTER = new NodeCluster("127.0.0.23-24", CLIENT_PORT, 49500, 49100);

    private static final long POINTS = 10_000_000;
    private static final long JOBS = 32;
    private static final long SEED = 2024;
    /** A refusal takes a JVM start and a handshake; a node's, a join attempt too. Bounds, not expectations. */
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final String REFUSED_CLIENT = "refused this client: wrong or missing secret; give the cluster's"
            + " secret with --secret-file or DARTBOARD_SECRET";

    @TempDir
    static Path directory;
    private static Path certs;
    private static Path secretFile;
    private static String secret;

    @BeforeAll
    static void makeCertificatesAndStartNodes() throws Exception {
        certs = directory.resolve("certs");
        try (DartboardProcess make = DartboardProcess.start("certs", "--out", certs.toString(),
                "--nodes", TLS_FIRST + "," + TLS_SECOND)) {
            assertThat(make.awaitExit(Duration.ofSeconds(180))).as(make.transcript()).isZero();
            assertThat(make.stdout()).contains("127.0.0.21.p12", "127.0.0.22.p12", "client.p12", "ca.p12");
        }
        secretFile = certs.resolve("secret");
        secret = Files.readString(secretFile).strip();
        for (String address : List.of(TLS_FIRST, TLS_SECOND)) {
            TLS_CLUSTER.start(address, List.of("--secret-file", secretFile.toString(),
                    "--tls", certs.resolve(address + ".p12").toString()));
        }
        SECRET_CLUSTER.start(SECRET_ONLY, List.of("--secret-file", secretFile.toString()));
        for (String address : List.of(TLS_FIRST, TLS_SECOND)) {
            TLS_CLUSTER.awaitReady(address);
        }
        SECRET_CLUSTER.awaitReady(SECRET_ONLY);
        for (String address : List.of(TLS_FIRST, TLS_SECOND)) {
            TLS_CLUSTER.awaitClusterSize(address, 2);
        }
    }

    @AfterAll
    static void stopEveryNode() throws InterruptedException {
        try {
            TLS_CLUSTER.close();
        } finally {
            SECRET_CLUSTER.close();
        }
    }

    @Test
    @Order(1)
    void aTlsClusterCountsWhatTheLocalCoresCount() throws Exception {
        assertThat(TLS_CLUSTER.node(TLS_FIRST).stderr()).contains("secret, TLS as CN=" + TLS_FIRST + " (CA CN=");

        try (DartboardProcess client = run(Map.of(), TLS_CLUSTER.pattern("127.0.0.21-22"),
                "--secret-file", secretFile.toString(), "--tls", certs.resolve("client.p12").toString())) {
            JsonNode report = finish(client);

            assertThat(report.at("/counts/inside").bigIntegerValue()).isEqualTo(ReferenceEstimate.inside(SEED,
                    POINTS * JOBS));
            assertThat(report.get("workers")).hasSize(2);
            report.get("workers").forEach(worker -> assertThat(worker.get("jobs").asLong()).as("%s", worker).isPositive());
        }
    }

    @Test
    @Order(2)
    void theSecretFromTheEnvironmentServesAsWell() throws Exception {
        try (DartboardProcess client = run(Map.of("DARTBOARD_SECRET", secret),
                SECRET_CLUSTER.pattern(SECRET_ONLY))) {
            JsonNode report = finish(client);

            assertThat(report.at("/counts/inside").bigIntegerValue()).isEqualTo(ReferenceEstimate.inside(SEED,
                    POINTS * JOBS));
        }
    }

    @Test
    @Order(3)
    void aClientWithoutTheSecretIsRefusedAndTheNodeSaysSo() throws Exception {
        String line = refusedOneLine(run(Map.of(), SECRET_CLUSTER.pattern(SECRET_ONLY)));

        assertThat(line).isEqualTo("dartboard run: error: the nodes at 127.0.0.23:12800 (1 address) " + REFUSED_CLIENT);
        awaitNodeLog(SECRET_CLUSTER.node(SECRET_ONLY), 1,
                "WARN Refused a client at 127\\.0\\.0\\.\\d+:\\d+: wrong or missing secret");
    }

    @Test
    @Order(4)
    void aClientWithAWrongSecretIsRefusedAndTheNodeSaysSo() throws Exception {
        String line = refusedOneLine(run(Map.of("DARTBOARD_SECRET", "not the cluster's secret"),
                SECRET_CLUSTER.pattern(SECRET_ONLY)));

        assertThat(line).endsWith(REFUSED_CLIENT);
        awaitNodeLog(SECRET_CLUSTER.node(SECRET_ONLY), 2,
                "WARN Refused a client at 127\\.0\\.0\\.\\d+:\\d+: wrong or missing secret");
    }

    @Test
    @Order(5)
    void aClientWithoutTlsIsToldThatTheNodesUseIt() throws Exception {
        long started = System.nanoTime();
        String line = refusedOneLine(run(Map.of(), TLS_CLUSTER.pattern(TLS_FIRST),
                "--secret-file", secretFile.toString(), "--connect-timeout", "5s"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("SecureClusterIT: a client without TLS to a TLS node was refused after %.1f s%n",
                took.toMillis() / 1000.0);

        assertThat(line).contains("127.0.0.21:12800", "--tls");
    }

    @Test
    @Order(6)
    void aClientWithTlsIsToldWhenTheNodeHasNone() throws Exception {
        long started = System.nanoTime();
        String line = refusedOneLine(run(Map.of(), SECRET_CLUSTER.pattern(SECRET_ONLY),
                "--secret-file", secretFile.toString(), "--tls", certs.resolve("client.p12").toString(),
                "--connect-timeout", "5s"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("SecureClusterIT: a TLS client to a node without TLS was refused after %.1f s%n",
                took.toMillis() / 1000.0);

        assertThat(line).contains("127.0.0.23:12800", "TLS handshake", "without --tls");
        awaitNodeLog(SECRET_CLUSTER.node(SECRET_ONLY), 1, "WARN Refused a connection from 127\\.0\\.0\\.\\d+:\\d+:"
                + " it did not begin with a dartboard client's handshake");
    }

    @Test
    @Order(7)
    void aForeignClientWithTheSecretRunsNothingButDartboardsTask() throws Exception {
        List<String> command = new ArrayList<>(List.of(DartboardProcess.java()));
        command.addAll(addOpensOfTheJar());
        command.addAll(List.of("-cp", DartboardProcess.jar() + java.io.File.pathSeparator + testClasses(),
                ForeignClient.class.getName(), SECRET_CLUSTER.pattern(SECRET_ONLY), secretFile.toString()));
        try (DartboardProcess foreign = DartboardProcess.start(new ProcessBuilder(command))) {
            assertThat(foreign.awaitExit(GIVE_UP)).as(foreign.transcript()).isZero();
            List<String> attempts = foreign.stdout().lines().toList();

            assertThat(attempts).as(foreign.transcript()).hasSize(5).allSatisfy(attempt -> assertThat(attempt)
                    .startsWith("REFUSED ").contains("a dartboard node runs only dartboard's count task"));
        }
        awaitNodeLog(SECRET_CLUSTER.node(SECRET_ONLY), 1,
                "WARN Refused client at 127\\.0\\.0\\.\\d+:\\d+: it asked for TASK_EXECUTE on com\\.example\\.RunAnything");
        awaitNodeLog(SECRET_CLUSTER.node(SECRET_ONLY), 1, "it asked for CACHE_CREATE on loot");
    }

    @Test
    @Order(8)
    void aNodeWithAWrongSecretIsRefusedAndStops() throws Exception {
        Path wrong = Files.writeString(directory.resolve("wrong-secret"), "not the cluster's secret\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        DartboardProcess intruder = SECRET_CLUSTER.start(INTRUDER, List.of("--secret-file", wrong.toString()));

        int exitCode = intruder.awaitExit(GIVE_UP);

        assertThat(exitCode).as(intruder.transcript()).isEqualTo(ExitCodes.FAILED);
        List<String> lines = intruder.stderr().lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("dartboard node: could not start on 127.0.0.24: the cluster"
                + " (its node at 127.0.0.23) refused this node: wrong or missing secret; give it the cluster's secret"
                + " with --secret-file or DARTBOARD_SECRET");
        assertThat(intruder.stderr()).as("no stack trace").doesNotContain("\tat ");
        awaitNodeLog(SECRET_CLUSTER.node(SECRET_ONLY), 1,
                "WARN Refused node 127\\.0\\.0\\.24:12800 at 127\\.0\\.0\\.24: wrong or missing secret");
        assertThat(SECRET_CLUSTER.node(SECRET_ONLY).stderr()).doesNotContain("cluster has 2 nodes");
    }

    @Test
    @Order(9)
    void theSecretIsInNoLog() {
        for (DartboardProcess node : List.of(TLS_CLUSTER.node(TLS_FIRST), TLS_CLUSTER.node(TLS_SECOND),
                SECRET_CLUSTER.node(SECRET_ONLY))) {
            assertThat(node.stderr()).doesNotContain(secret);
            assertThat(node.stdout()).doesNotContain(secret);
        }
    }

    // ---- helpers ----

    private static DartboardProcess run(Map<String, String> environment, String nodes, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--nodes", nodes, "--points", String.valueOf(POINTS),
                "--jobs", String.valueOf(JOBS), "--seed", String.valueOf(SEED), "--format", "json"));
        args.addAll(List.of(options));
        return DartboardProcess.start(environment, List.of(), args.toArray(String[]::new));
    }

    private static JsonNode finish(DartboardProcess client) throws Exception {
        try (client) {
            int exitCode = client.awaitExit(RUN);
            assertThat(exitCode).as(client.transcript()).isZero();
            assertThat(client.stderr()).as("no stack trace").doesNotContain("\tat ").doesNotContain(secret);
            JsonNode report = Invocation.STRICT_JSON.readTree(client.stdout());
            assertThat(report.get("status").asText()).as("error: %s", report.get("error")).isEqualTo("complete");
            assertThat(report.at("/counts/points").bigIntegerValue()).isEqualTo(BigInteger.valueOf(POINTS * JOBS));
            return report;
        }
    }

    /** The client exits 1 within the bound, with one line on stderr and no secret: returns the line. */
    private static String refusedOneLine(DartboardProcess client) throws Exception {
        try (client) {
            int exitCode = client.awaitExit(GIVE_UP);
            assertThat(exitCode).as(client.transcript()).isEqualTo(ExitCodes.FAILED);
            assertThat(client.stderr().lines().toList()).as(client.transcript()).hasSize(1);
            String line = client.stderr().lines().findFirst().orElseThrow();
            assertThat(line).doesNotContain("Exception", "\tat ", secret);
            return line;
        }
    }

    /** Waits until the node's log has {@code count} lines matching {@code pattern}. */
    private static void awaitNodeLog(DartboardProcess node, int count, String pattern) throws InterruptedException {
        Pattern wanted = Pattern.compile(pattern);
        node.awaitStderr(count + " log line(s) matching '" + pattern + "'",
                log -> log.lines().filter(line -> wanted.matcher(line).find()).count() >= count, GIVE_UP);
    }

    /** The jar's Add-Opens, which {@code java -jar} reads and {@code java -cp} does not, as options. */
    private static List<String> addOpensOfTheJar() throws IOException {
        try (JarFile jar = new JarFile(DartboardProcess.jar().toFile())) {
            String opens = jar.getManifest().getMainAttributes().getValue("Add-Opens");
            return List.of(opens.trim().split("\\s+")).stream().map(open -> "--add-opens=" + open + "=ALL-UNNAMED")
                    .toList();
        }
    }

    private static String testClasses() throws Exception {
        return Path.of(ForeignClient.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
