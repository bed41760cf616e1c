package org.dartboard.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.configuration.ClientConfiguration;

/**
 * A thin client that is not dartboard's, with the cluster's secret: it asks a node to run tasks other than
 * dartboard's (a made-up one, and Ignite's own) and to use the cluster in other ways, and prints one line
 * per attempt, {@code REFUSED what: why} or {@code ALLOWED what}. Run as its own process by
 * {@link SecureClusterIT}, with {@code java -cp dartboard.jar:test-classes}.
 *
 * <p>Arguments: the node's {@code host:port} and the secret file. It proves the secret as dartboard's
 * documented protocol says (user {@code dartboard-client}, password the hex HMAC-SHA-256 of
 * {@code dartboard client} keyed with the secret), computed here on its own, as a foreign program would.
 */
public final class ForeignClient {

    private static final List<String> TASKS = List.of("com.example.RunAnything",
            "org.apache.ignite.internal.visor.shutdown.VisorShutdownTask",
            "org.apache.ignite.internal.processors.cache.verify.VerifyBackupPartitionsTask");

    private ForeignClient() {
    }

    public static void main(String[] args) throws Exception {
        String secret = Files.readString(Path.of(args[1])).strip();
        ClientConfiguration configuration = new ClientConfiguration().setAddresses(args[0])
                .setSslMode(SslMode.DISABLED).setUserName("dartboard-client").setUserPassword(clientToken(secret));
        try (IgniteClient client = Ignition.startClient(configuration)) {
            for (String task : TASKS) {
                attempt("task " + task, () -> client.compute().execute(task, null));
            }
            attempt("cache", () -> client.getOrCreateCache("loot").put(1, 1));
            attempt("deactivation", () -> client.cluster().state(org.apache.ignite.cluster.ClusterState.INACTIVE));
        }
    }

    private static String clientToken(String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal("dartboard client".getBytes(StandardCharsets.UTF_8)));
    }

    private static void attempt(String what, Attempt attempt) {
        try {
            attempt.run();
            System.out.println("ALLOWED " + what);
        } catch (Exception refused) {
            System.out.println("REFUSED " + what + ": " + String.valueOf(refused.getMessage()).lines().findFirst()
                    .orElse(""));
        }
    }

    private interface Attempt {
        void run() throws Exception;
    }
}
