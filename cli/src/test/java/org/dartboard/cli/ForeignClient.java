package org.dartboard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.dartboard.cluster.security.ClusterSecret;
import org.dartboard.cluster.security.ClusterSecurity;

/**
 * A thin client that is not dartboard's, with the cluster's secret: it asks a node to run tasks other than
 * dartboard's (a made-up one, and Ignite's own) and to use the cluster in other ways, and prints one line
 * per attempt, {@code REFUSED what: why} or {@code ALLOWED what}. Run as its own process by
 * {@link SecureClusterIT}, with {@code java -cp dartboard.jar:test-classes}.
 *
 * <p>Arguments: the node's {@code host:port} and the secret file.
 */
public final class ForeignClient {

    private static final List<String> TASKS = List.of("com.example.RunAnything",
            "org.apache.ignite.internal.visor.shutdown.VisorShutdownTask",
            "org.apache.ignite.internal.processors.cache.verify.VerifyBackupPartitionsTask");

    private ForeignClient() {
    }

    public static void main(String[] args) throws Exception {
        ClientConfiguration configuration = new ClientConfiguration().setAddresses(args[0]);
        new ClusterSecurity(ClusterSecret.of(Files.readString(Path.of(args[1]))), null).configureClient(configuration);
        try (IgniteClient client = Ignition.startClient(configuration)) {
            for (String task : TASKS) {
                attempt("task " + task, () -> client.compute().execute(task, null));
            }
            attempt("cache", () -> client.getOrCreateCache("loot").put(1, 1));
            attempt("deactivation", () -> client.cluster().state(org.apache.ignite.cluster.ClusterState.INACTIVE));
        }
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
