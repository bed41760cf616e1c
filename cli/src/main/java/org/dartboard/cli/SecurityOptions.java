package org.dartboard.cli;

import java.nio.file.Path;
import java.util.Map;
import org.dartboard.cluster.security.ClusterSecurity;
import org.dartboard.run.InvalidSettingException;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --secret-file} and {@code --tls}, the same for {@code run --nodes} and {@code node}. The secret
 * comes from a file or from the environment, never from an option's value, which every user of the
 * machine can read in the process list. The key store is checked by the library, with the secret, when the
 * run or the node is built.
 */
final class SecurityOptions {

    /** The environment variable the secret comes from when no file is given. */
    static final String ENVIRONMENT_VARIABLE = ClusterSecurity.SECRET_ENVIRONMENT_VARIABLE;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The cluster's shared secret: a file of one line that only you can read. Nodes and"
                    + " clients must have the same secret (or none); a node refuses a client or node that does not."
                    + " Default: the environment variable " + ENVIRONMENT_VARIABLE
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

    /** The TLS key store of --tls, or null. */
    Path tlsKeyStore() {
        return tlsKeyStore;
    }

    /**
     * The secret's text from --secret-file or the environment, checked; null for none.
     *
     * @throws ParameterException naming the option or the variable, the value and what is wrong
     */
    String secret(CommandLine commandLine) {
        String text = null;
        if (secretFile != null) {
            try {
                text = SecretFile.read(secretFile, warning -> commandLine.getErr().println(
                        commandLine.getCommandSpec().qualifiedName() + ": warning: " + warning));
            } catch (IllegalArgumentException unusable) {
                throw new ParameterException(commandLine, "Invalid value for option '--secret-file': "
                        + unusable.getMessage());
            }
        } else if (environment.containsKey(ENVIRONMENT_VARIABLE)) {
            text = environment.get(ENVIRONMENT_VARIABLE);
            try {
                ClusterSecurity.of(text, null);
            } catch (InvalidSettingException unusable) {
                throw new ParameterException(commandLine, "Invalid value of the environment variable "
                        + ENVIRONMENT_VARIABLE + ": " + unusable.problem() + " (unset it for no secret, or give the"
                        + " cluster's secret)");
            }
        }
        FileKind keyStoreKind = tlsKeyStore != null ? FileKind.of(tlsKeyStore) : FileKind.MISSING;
        if (keyStoreKind != FileKind.REGULAR && keyStoreKind != FileKind.MISSING) {
            // Reading a named pipe would wait for a writer forever; a missing file is the key store's reader's news.
            throw new ParameterException(commandLine, "Invalid value for option '--tls': '" + tlsKeyStore + "' is "
                    + keyStoreKind.words() + ", not a key store file (a PKCS12 file made by 'dartboard certs')");
        }
        if (tlsKeyStore != null && text == null) {
            throw new ParameterException(commandLine, "--tls needs the cluster's secret, which opens the key store:"
                    + " give --secret-file FILE or set " + ENVIRONMENT_VARIABLE);
        }
        return text;
    }
}
