package org.dartboard.cluster.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.ignite.plugin.security.SecurityPermission;
import org.junit.jupiter.api.Test;

/**
 * The guard's two decisions, alone: whose proof is accepted, and what a client may do. (The guard inside a
 * real node, with real clients and nodes knocking, is tested by the cluster integration tests.)
 */
class ClusterGuardTest {

    private static final String TOKEN = ClusterSecret.of("the cluster's secret").clientToken();
    private static final String COUNT_TASK = "org.dartboard.cluster.CountTask";

    @Test
    void withASecretOnlyItsTokenIsAccepted() {
        assertThat(ClusterGuard.refusal(TOKEN, TOKEN)).isNull();
        assertThat(ClusterGuard.refusal(TOKEN, ClusterSecret.of("a guess").clientToken()))
                .isEqualTo(ClusterGuard.WRONG_SECRET);
        assertThat(ClusterGuard.refusal(TOKEN, null)).isEqualTo(ClusterGuard.WRONG_SECRET);
        assertThat(ClusterGuard.refusal(TOKEN, "")).isEqualTo(ClusterGuard.WRONG_SECRET);
        assertThat(ClusterGuard.refusal(TOKEN, 42)).isEqualTo(ClusterGuard.WRONG_SECRET);
    }

    @Test
    void withoutASecretOnlyNoProofIsAccepted() {
        assertThat(ClusterGuard.refusal(null, null)).isNull();
        assertThat(ClusterGuard.refusal(null, "")).isNull();
        assertThat(ClusterGuard.refusal(null, TOKEN)).isEqualTo(ClusterGuard.NODE_HAS_NO_SECRET);
    }

    @Test
    void clientsMayRunAndCancelTheCountTaskAndNothingElse() {
        Set<String> tasks = Set.of(COUNT_TASK);

        assertThat(ClusterGuard.clientMay(tasks, COUNT_TASK, SecurityPermission.TASK_EXECUTE)).isTrue();
        assertThat(ClusterGuard.clientMay(tasks, COUNT_TASK, SecurityPermission.TASK_CANCEL)).isTrue();
        assertThat(ClusterGuard.clientMay(tasks, "com.example.Evil", SecurityPermission.TASK_EXECUTE)).isFalse();
        assertThat(ClusterGuard.clientMay(tasks, "org.apache.ignite.internal.visor.shutdown.VisorShutdownTask",
                SecurityPermission.TASK_EXECUTE)).isFalse();
        assertThat(ClusterGuard.clientMay(tasks, null, SecurityPermission.TASK_EXECUTE)).isFalse();
        for (SecurityPermission permission : SecurityPermission.values()) {
            if (permission != SecurityPermission.TASK_EXECUTE && permission != SecurityPermission.TASK_CANCEL) {
                assertThat(ClusterGuard.clientMay(tasks, COUNT_TASK, permission)).as("%s", permission).isFalse();
            }
        }
    }
}
