package org.dartboard.cluster.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ignite.IgniteAuthenticationException;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.client.ClientAuthenticationException;
import org.apache.ignite.client.ClientConnectionException;
import org.apache.ignite.spi.IgniteSpiException;
import org.junit.jupiter.api.Test;

/** Ignite's failures, as a client or node meets them, become one line that says what to do. */
class ClusterSecurityTest {

    private static final String NODES = "127.0.0.21:12800 (1 address)";
    private static final ClusterSecurity SECRET_ONLY = new ClusterSecurity(ClusterSecret.of("s"), null);

    @Test
    void aRefusedSecretTellsTheClientWhereToGiveIt() {
        String line = SECRET_ONLY.explainConnectFailure(new ClientAuthenticationException(
                "dartboard: " + ClusterGuard.WRONG_SECRET), NODES);

        assertThat(line).isEqualTo("the nodes at 127.0.0.21:12800 (1 address) refused this client: wrong or missing"
                + " secret; give the cluster's secret with --secret-file or DARTBOARD_SECRET");
    }

    @Test
    void aSecretGivenToANodeWithoutOneIsToldApart() {
        String line = SECRET_ONLY.explainConnectFailure(new ClientAuthenticationException(
                "dartboard: " + ClusterGuard.NODE_HAS_NO_SECRET), NODES);

        assertThat(line).contains("they have no secret and this client gives one");
    }

    @Test
    void aPlainClientThatATlsNodeHangsUpOnIsToldAboutTls() {
        String line = ClusterSecurity.NONE.explainConnectFailure(
                new ClientConnectionException("Channel is closed [remoteAddress=/127.0.0.21:12800]"), NODES);

        assertThat(line).contains(NODES, "--tls");
        assertThat(SECRET_ONLY.explainConnectFailure(new ClientConnectionException("Connection refused"), NODES))
                .as("other connection failures are not about TLS").isNull();
    }

    @Test
    void aRefusedNodeIsToldWhoRefusedItAndWhy() {
        IgniteException failed = new IgniteException(new IgniteCheckedException("Failed to start manager",
                new IgniteSpiException(new IgniteAuthenticationException(
                        "Authentication failed [nodeId=bd480068-9ba1-45c2-9dab-b65a05c38166, addr=127.0.0.23]"))));

        assertThat(SECRET_ONLY.explainJoinFailure(failed)).isEqualTo("the cluster (its node at 127.0.0.23) refused"
                + " this node: wrong or missing secret; give it the cluster's secret with --secret-file or"
                + " DARTBOARD_SECRET");
    }

    @Test
    void tlsOnOneSideOnlyIsNamedForTheNode() {
        IgniteException failed = new IgniteException("Unable to establish secure connection. Was remote cluster"
                + " configured with SSL? [rmtAddr=/127.0.0.21:49500, errMsg=\"invalid stream header: 15030300\"]");

        assertThat(SECRET_ONLY.explainJoinFailure(failed)).isEqualTo("could not join the nodes at 127.0.0.21:49500:"
                + " they run with --tls; give this node --tls too");
        assertThat(SECRET_ONLY.explainJoinFailure(new IgniteException("Address already in use"))).isNull();
    }
}
