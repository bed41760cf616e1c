package org.dartboard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dartboard.cluster.security.ClusterSecret;
import org.dartboard.cluster.security.ClusterSecurity;
import org.dartboard.cluster.security.ClusterTls;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --secret-file} and {@code --tls}, the same for {@code run --nodes} and {@code node}. The secret
 * comes from a file or from the environment, never from an option's value, which every user of the
 * machine can read in the process list.
 */
final class SecurityOptions {

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The cluster's shared secret: a file of one line that only you can read. Nodes and"
                    + " clients must have the same secret (or none); a node refuses a client or node that does not."
                    + " Default: the environment variable " + ClusterSecret.ENVIRONMENT_VARIABLE
                    + ", else no secret. 'dartboard certs' makes one.")
    private Path secretFile;

    @Option(names = "--tls", paramLabel = "KEYSTORE",
            description = "Encrypt every connection with TLS and require the other side's certificate, using this"
                    + " machine's PKCS12 key store made by 'dartboard certs'. Its password is the cluster's secret,"
                    + " so --tls needs one. Nodes and clients must all use TLS, or none.")
    private Path tlsKeyStore;

    private final Map<String, String> environment;

    SecurityOptions(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Whether either option was given on the command line (the environment does not count). */
    boolean given() {
        return secretFile != null || tlsKeyStore != null;
    }

    /**
     * The secret and TLS identity the options and environment give, checked.
     *
     * @throws ParameterException naming the option, the value and what is wrong, for a bad file or store
     */
    ClusterSecurity resolve(CommandLine commandLine) {
        ClusterSecret secret = secret(commandLine);
        if (tlsKeyStore == null) {
            return new ClusterSecurity(secret, null);
        }
        if (secret == null) {
            throw new ParameterException(commandLine, "--tls needs the cluster's secret, which opens the key store:"
                    + " give --secret-file FILE or set " + ClusterSecret.ENVIRONMENT_VARIABLE);
        }
        if (!Files.isRegularFile(tlsKeyStore) || !Files.isReadable(tlsKeyStore)) {
            throw invalid(commandLine, "--tls", "'" + tlsKeyStore + "' "
                    + (Files.exists(tlsKeyStore) ? "is not a readable file" : "does not exist")
                    + " (make key stores with 'dartboard certs')");
        }
        try {
            return new ClusterSecurity(secret, ClusterTls.load(tlsKeyStore, secret));
        } catch (IllegalArgumentException unusable) {
            throw invalid(commandLine, "--tls", "'" + tlsKeyStore + "' cannot be used: " + unusable.getMessage());
        }
    }

    private ClusterSecret secret(CommandLine commandLine) {
        if (secretFile != null) {
            try {
                return SecretFile.read(secretFile, warning -> commandLine.getErr().println(
                        commandLine.getCommandSpec().qualifiedName() + ": warning: " + warning));
            } catch (IllegalArgumentException unusable) {
                throw invalid(commandLine, "--secret-file", unusable.getMessage());
            }
        }
        String fromEnvironment = environment.get(ClusterSecret.ENVIRONMENT_VARIABLE);
        if (fromEnvironment == null) {
            return null;
        }
        try {
            return ClusterSecret.of(fromEnvironment);
        } catch (IllegalArgumentException unusable) {
            throw new ParameterException(commandLine, "Invalid value of the environment variable "
                    + ClusterSecret.ENVIRONMENT_VARIABLE + ": " + unusable.getMessage() + " (unset it for no secret,"
                    + " or give the cluster's secret)");
        }
    }

    private static ParameterException invalid(CommandLine commandLine, String option, String problem) {
        return new ParameterException(commandLine, "Invalid value for option '" + option + "': " + problem);
    }
}
