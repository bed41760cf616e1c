package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node that this machine will not let listen where it is told stops before Ignite starts, with one line
 * naming the option and the port, where Ignite alone says only "Address already in use". Exit code 1, not
 * 2: the address may come with DHCP a moment later, the port may be freed, and the systemd unit retries
 * exit 1 only.
 */
class NodeStartTest {

    private static final List<String> PORT_OPTIONS =
            List.of("--port", "--discovery-port", "--communication-port", "--metrics");

    @ParameterizedTest(name = "node with a busy {0}")
    @ValueSource(strings = {"--port", "--discovery-port", "--communication-port", "--metrics"})
    void aBusyPortIsNamedWithItsOption(String busyOption) throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int taken = busy.getLocalPort();
            List<String> args = new ArrayList<>(List.of("node", "--bind", "127.0.0.1", "--peers", "127.0.0.1"));
            for (String option : PORT_OPTIONS) {
                args.add(option);
                args.add(String.valueOf(option.equals(busyOption) ? taken : freePort()));
            }

            Invocation node = Invocation.of(args.toArray(String[]::new));

            assertThat(node.exitCode()).as(node.transcript()).isEqualTo(ExitCodes.FAILED);
            assertThat(node.out()).isEmpty();
            assertThat(node.errLines()).as(node.transcript()).singleElement().asString()
                    .startsWith("dartboard node: could not start: " + busyOption + " " + taken + ": ")
                    .contains("cannot listen on 127.0.0.1:" + taken, "choose another port")
                    .doesNotContain("Exception", "\tat ");
        }
    }

    /** 198.18.0.1 is set aside for network tests and is on no interface here; nothing is sent to it. */
    @ParameterizedTest(name = "node bound to {0}")
    @ValueSource(strings = "198.18.0.1")
    void anAddressOfAnotherMachineIsNamed(String foreign) {
        Invocation node = Invocation.of("node", "--bind", foreign, "--peers", "127.0.0.1");

        assertThat(node.exitCode()).as(node.transcript()).isEqualTo(ExitCodes.FAILED);
        assertThat(node.errLines()).as(node.transcript()).singleElement().asString()
                .startsWith("dartboard node: could not start: --bind " + foreign + " is not an address of this"
                        + " machine")
                .contains("ip address", "0.0.0.0")
                .doesNotContain("Exception", "\tat ");
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
