package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.dartboard.run.InvalidSettingException;
import org.junit.jupiter.api.Test;

/** A node's settings, checked when it is built, before Ignite starts, naming the setting. */
class DartboardNodeTest {

    @Test
    void defaultsServeThisMachineOnlyWithTheDefaultPorts() {
        DartboardNode node = DartboardNode.builder().build();

        assertThat(node.bind()).isEqualTo("127.0.0.1");
        assertThat(node.name()).isEqualTo("127.0.0.1:" + DartboardNode.DEFAULT_CLIENT_PORT);
    }

    @Test
    void theDefaultPeersAreTheBindAddressesNetwork() {
        assertThat(DartboardNode.Builder.defaultPeers("192.168.1.12")).isEqualTo("192.168.1.*");
        assertThat(DartboardNode.Builder.defaultPeers("pi1.local")).isEqualTo("pi1.local");
    }

    @Test
    void badSettingsAreNamed() {
        assertInvalid(() -> DartboardNode.builder().port(0), "port", "1 to 65535");
        assertInvalid(() -> DartboardNode.builder().discoveryPort(65_536), "discovery-port", "1 to 65535");
        assertInvalid(() -> DartboardNode.builder().metricsPort(0), "metrics", "1 to 65535");
        assertInvalid(() -> DartboardNode.builder().discoveryPort(DartboardNode.DEFAULT_CLIENT_PORT), "discovery-port",
                "already the --port");
        assertInvalid(() -> DartboardNode.builder().communicationPort(DartboardNode.DEFAULT_DISCOVERY_PORT),
                "communication-port", "already the --discovery-port");
        assertInvalid(() -> DartboardNode.builder().metricsPort(DartboardNode.DEFAULT_COMMUNICATION_PORT), "metrics",
                "already the --communication-port");
        assertInvalid(() -> DartboardNode.builder().cpus(0), "cpus", "1 to 4096");
        assertInvalid(() -> DartboardNode.builder().name(" "), "name", "1 to 100 characters");
        assertInvalid(() -> DartboardNode.builder().failureTimeout(Duration.ofHours(2)), "failure-timeout", "1s to 1h");
        assertInvalid(() -> DartboardNode.builder().bind("300.1.1.1"), "bind", "0 to 255");
        assertInvalid(() -> DartboardNode.builder().peers("10.0.*.1"), "peers", "last part only");
        assertInvalid(() -> DartboardNode.builder().secret(" "), "secret", "empty");
        assertInvalid(() -> DartboardNode.builder().tls(Path.of("/no/such.p12")), "tls",
                "needs the cluster's secret");
    }

    @Test
    void aNodeNotStartedCannotRunAndStopsQuietly() {
        DartboardNode node = DartboardNode.builder().build();

        assertThatThrownBy(node::runUntilStopped).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        node.stop();
    }

    private static void assertInvalid(Supplier<DartboardNode.Builder> settings, String setting, String allowed) {
        assertThatThrownBy(() -> settings.get().build()).isInstanceOfSatisfying(InvalidSettingException.class,
                invalid -> {
                    assertThat(invalid.setting()).isEqualTo(setting);
                    assertThat(invalid.problem()).contains(allowed);
                });
    }
}
