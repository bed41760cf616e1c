package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ServiceLoader;
import org.dartboard.run.Farm;
import org.dartboard.run.Farms;
import org.dartboard.run.InvalidSettingException;
import org.junit.jupiter.api.Test;

/** How {@code Farms.cluster(...)} finds this module, and what it checks before connecting. */
class ClusterConnectorTest {

    @Test
    void theServiceLoaderFindsTheConnector() {
        assertThat(ServiceLoader.load(Farm.Connector.class).findFirst()).get().isInstanceOf(ClusterConnector.class);
    }

    @Test
    void aGoodPatternPasses() {
        new ClusterConnector().validate(Farms.cluster("192.168.1.10-17,pi1:10900"));
    }

    @Test
    void aBadPatternSecretOrKeyStoreIsAnInvalidSetting() {
        assertInvalid(Farms.cluster("192.168.1.256"), "nodes", "0 to 255");
        assertInvalid(Farms.cluster("127.0.0.1").secret(""), "secret", "empty");
        assertInvalid(Farms.cluster("127.0.0.1").tls(Path.of("/no/such.p12")), "tls",
                "needs the cluster's secret");
        assertInvalid(Farms.cluster("127.0.0.1").secret("s").tls(Path.of("/no/such.p12")), "tls",
                "does not exist");
    }

    @Test
    void theClusterWindowIsFourFullBatches() {
        assertThat(4 * PendingJobs.MAX_BATCH_JOBS).isEqualTo(Farms.CLUSTER_MIN_WINDOW);
    }

    private static void assertInvalid(Farms.Cluster cluster, String setting, String allowed) {
        assertThatThrownBy(() -> new ClusterConnector().validate(cluster))
                .isInstanceOfSatisfying(InvalidSettingException.class, invalid -> {
                    assertThat(invalid.setting()).isEqualTo(setting);
                    assertThat(invalid.problem()).contains(allowed);
                });
    }
}
