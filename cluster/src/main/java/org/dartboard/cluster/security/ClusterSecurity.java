package org.dartboard.cluster.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.ignite.IgniteAuthenticationException;
import org.apache.ignite.client.ClientAuthenticationException;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.dartboard.run.InvalidSettingException;

/**
 * How a node or client protects itself: the cluster's secret (or none) and TLS (or none). Nodes and clients
 * of one cluster must agree on both. The only place that knows how these become Ignite settings. Public for
 * the cluster package and the command line, which checks a secret before it starts anything; a user of the
 * library gives the secret and key store to {@code Farms.Cluster} or {@code DartboardNode.Builder}.
 */
public final class ClusterSecurity {

    /** No secret, no TLS: anyone who reaches a node may run dartboard jobs on it, and nothing else. */
    public static final ClusterSecurity NONE = new ClusterSecurity(null, null);

    /** The environment variable a command reads the secret from when no secret file is given. */
    public static final String SECRET_ENVIRONMENT_VARIABLE = "DARTBOARD_SECRET";

    /** The thin client's words for a connection the node closed. */
    private static final String CHANNEL_CLOSED = "Channel is closed";
    /** Ignite's words when discovery met TLS on one side only. */
    private static final String TLS_MISMATCH = "Was remote cluster configured with SSL?";
    private static final Pattern REFUSED_BY = Pattern.compile("addr=/?([^\\],\\s]+)");
    private static final Pattern REMOTE_ADDRESS = Pattern.compile("rmtAddr=[^/\\s]*/([^\\],\\s]+)");

    /** The line a client prints when nodes refuse its secret: what happened and what to do. */
    static final String CLIENT_REFUSED = "refused this client: wrong or missing secret; give the cluster's secret"
            + " with --secret-file or " + SECRET_ENVIRONMENT_VARIABLE;

    private final ClusterSecret secret;
    private final ClusterTls tls;

    ClusterSecurity(ClusterSecret secret, ClusterTls tls) {
        this.secret = secret;
        this.tls = tls;
    }

    /**
     * The protection given by a secret's text and a TLS key store, each optional, checked now so that a wrong
     * file fails at start with a message and not later with a handshake error.
     *
     * @param secretText the cluster's secret, one line; null for none
     * @param tlsKeyStore this machine's PKCS12 key store made by {@code dartboard certs}, opened by the secret;
     *     null for plain connections
     * @throws InvalidSettingException naming {@code secret} or {@code tls}
     */
    public static ClusterSecurity of(String secretText, Path tlsKeyStore) {
        ClusterSecret secret = null;
        if (secretText != null) {
            try {
                secret = ClusterSecret.of(secretText);
            } catch (IllegalArgumentException unusable) {
                throw new InvalidSettingException("secret", unusable.getMessage());
            }
        }
        if (tlsKeyStore == null) {
            return new ClusterSecurity(secret, null);
        }
        if (secret == null) {
            throw new InvalidSettingException("tls", "TLS needs the cluster's secret, which opens the key store");
        }
        if (!Files.isRegularFile(tlsKeyStore) || !Files.isReadable(tlsKeyStore)) {
            throw new InvalidSettingException("tls", "'" + tlsKeyStore + "' "
                    + (Files.exists(tlsKeyStore) ? "is not a readable file" : "does not exist")
                    + " (make key stores with 'dartboard certs')");
        }
        try {
            return new ClusterSecurity(secret, ClusterTls.load(tlsKeyStore, secret));
        } catch (IllegalArgumentException unusable) {
            throw new InvalidSettingException("tls", "'" + tlsKeyStore + "' cannot be used: " + unusable.getMessage());
        }
    }

    ClusterSecret secret() {
        return secret;
    }

    ClusterTls tls() {
        return tls;
    }

    public boolean hasSecret() {
        return secret != null;
    }

    public boolean hasTls() {
        return tls != null;
    }

    /** "secret, TLS as CN=pi1 (...)" or "no secret, no TLS": how a node describes its protection. */
    public String description() {
        return (hasSecret() ? "secret" : "no secret") + ", " + (hasTls() ? tls.description() : "no TLS");
    }

    /**
     * Sets up a node: the guard that checks secrets and holds clients to {@code clientTasks}, and TLS on
     * discovery, communication and the client port, each requiring the peer's certificate.
     */
    public void configureNode(IgniteConfiguration node, ClientConnectorConfiguration clients, Set<String> clientTasks) {
        node.setPluginProviders(new ClusterGuardPlugin(secret, clientTasks));
        if (hasTls()) {
            node.setSslContextFactory(tls.contextFactory());
            clients.setSslEnabled(true)
                    .setSslClientAuth(true)
                    .setUseIgniteSslContextFactory(false)
                    .setSslContextFactory(tls.contextFactory());
        }
    }

    /** Sets up a thin client: its proof of the secret as user and password, and TLS when the nodes use it. */
    public void configureClient(ClientConfiguration client) {
        if (hasSecret()) {
            client.setUserName("dartboard-client").setUserPassword(secret.clientToken());
        }
        if (hasTls()) {
            client.setSslMode(SslMode.REQUIRED).setSslContextFactory(tls.contextFactory());
        } else {
            client.setSslMode(SslMode.DISABLED);
        }
    }

    /**
     * What to tell the user when connecting to the nodes at {@code nodes} failed this way, or null when the
     * failure has nothing to do with secrets or TLS.
     */
    public String explainConnectFailure(Throwable failure, String nodes) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof ClientAuthenticationException || message.contains(ClusterGuard.WRONG_SECRET)
                    || message.contains(ClusterGuard.NODE_HAS_NO_SECRET)) {
                if (message.contains(ClusterGuard.NODE_HAS_NO_SECRET)) {
                    return "the nodes at " + nodes + " refused this client: they have no secret and this client"
                            + " gives one; give the nodes the same --secret-file, or run the client without one";
                }
                return "the nodes at " + nodes + " " + CLIENT_REFUSED;
            }
            if (hasTls() && (cause instanceof SSLException || message.contains("SSL"))) {
                return "the TLS handshake with the nodes at " + nodes + " failed (" + firstLine(message) + "): they"
                        + " may run without --tls, or with key stores from another 'dartboard certs' run";
            }
        }
        // A node with TLS closes a plain connection at its first bytes; the thin client only sees it closed.
        if (!hasTls() && String.valueOf(failure.getMessage()).contains(CHANNEL_CLOSED)) {
            return "the nodes at " + nodes + " closed the connection at once: they may run with --tls; then give this"
                    + " client --tls KEYSTORE and the cluster's secret";
        }
        return null;
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message).replaceAll("\\s*\\[remoteAddress=[^\\]]*\\]", "");
    }

    /**
     * What to tell the user when this node could not join its cluster this way, or null when the failure has
     * nothing to do with secrets or TLS.
     */
    public String explainJoinFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof IgniteAuthenticationException) {
                Matcher refusedBy = REFUSED_BY.matcher(message);
                return "the cluster" + (refusedBy.find() ? " (its node at " + refusedBy.group(1) + ")" : "")
                        + " refused this node: wrong or missing secret; give it the cluster's secret with"
                        + " --secret-file or " + SECRET_ENVIRONMENT_VARIABLE;
            }
            if (message.contains(TLS_MISMATCH)) {
                Matcher other = REMOTE_ADDRESS.matcher(message);
                String at = other.find() ? " at " + other.group(1) : "";
                return "could not join the nodes" + at + ": " + (hasTls()
                        ? "the TLS handshake failed; they may run without --tls, or with key stores from another"
                                + " 'dartboard certs' run"
                        : "they run with --tls; give this node --tls too");
            }
        }
        return null;
    }
}
