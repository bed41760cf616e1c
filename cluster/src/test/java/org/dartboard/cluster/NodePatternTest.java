package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code --nodes} syntax: every accepted form with its expansion and ports, and every refusal with a
 * one-line message that quotes the item and says what is allowed. Nothing here touches the network.
 */
class NodePatternTest {

    private static final int DEFAULT_PORT = 10_800;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1                   | 127.0.0.1:10800
            192.168.1.10:10900          | 192.168.1.10:10900
            192.168.001.010             | 192.168.1.10:10800
            0.0.0.0:1                   | 0.0.0.0:1
            255.255.255.255:65535       | 255.255.255.255:65535
            192.168.1.10-12             | 192.168.1.10:10800 192.168.1.11:10800 192.168.1.12:10800
            192.168.1.7-7               | 192.168.1.7:10800
            10.0.0.254-255:9            | 10.0.0.254:9 10.0.0.255:9
            node1                       | node1:10800
            node1:10900,node2           | node1:10900 node2:10800
            Node-1.Example.org          | node-1.example.org:10800
            pi-3.local:10801            | pi-3.local:10801
            localhost:1                 | localhost:1
            '  node1 ,  node2  '        | node1:10800 node2:10800
            [::1]                       | [::1]:10800
            [::1]:10801                 | [::1]:10801
            [2001:DB8::7]:9             | [2001:db8::7]:9
            [::ffff:127.0.0.1]          | [::ffff:127.0.0.1]:10800
            'node1,node1,NODE1:10800'   | node1:10800
            'node1:1,node1:2'           | node1:1 node1:2
            '10.0.0.5,10.0.0.3-6'       | 10.0.0.5:10800 10.0.0.3:10800 10.0.0.4:10800 10.0.0.6:10800
            '[::1],127.0.0.1,localhost' | [::1]:10800 127.0.0.1:10800 localhost:10800
            """)
    void expandsEveryFormInOrderWithoutDuplicates(String text, String expected) {
        NodePattern pattern = NodePattern.parse(text, DEFAULT_PORT);

        assertThat(pattern.endpoints()).map(NodeEndpoint::toString)
                .containsExactlyElementsOf(Arrays.asList(expected.split(" ")));
        assertThat(pattern.text()).isEqualTo(text);
        assertThat(pattern).hasToString(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.*                | 254 | 10.0.0.1:10800    | 10.0.0.254:10800
            127.0.0.*:10801         | 254 | 127.0.0.1:10801   | 127.0.0.254:10801
            192.168.1.0-255         | 256 | 192.168.1.0:10800 | 192.168.1.255:10800
            '10.0.0.*, 10.0.1.1-10' | 264 | 10.0.0.1:10800    | 10.0.1.10:10800
            '10.0.0.*,10.0.0.0-255' | 256 | 10.0.0.1:10800    | 10.0.0.255:10800
            """)
    void expandsWildcardsAndRanges(String text, int count, String first, String last) {
        List<NodeEndpoint> endpoints = NodePattern.parse(text, DEFAULT_PORT).endpoints();

        assertThat(endpoints).hasSize(count).doesNotHaveDuplicates();
        assertThat(endpoints.get(0)).hasToString(first);
        assertThat(endpoints.get(count - 1)).hasToString(last);
    }

    @Test
    void wildcardSkipsTheNetworkAndBroadcastAddresses() {
        assertThat(NodePattern.parse("10.0.0.*", DEFAULT_PORT).endpoints()).map(NodeEndpoint::host)
                .doesNotContain("10.0.0.0", "10.0.0.255")
                .contains("10.0.0.1", "10.0.0.128", "10.0.0.254");
    }

    @ParameterizedTest(name = "default port {0}")
    @ValueSource(ints = {1, 10_800, 65_535})
    void itemsWithoutAPortTakeTheDefault(int defaultPort) {
        List<NodeEndpoint> endpoints = NodePattern.parse("node1,node2:7,[::1]", defaultPort).endpoints();

        assertThat(endpoints).extracting(NodeEndpoint::port).containsExactly(defaultPort, 7, defaultPort);
    }

    @ParameterizedTest(name = "default port {0}")
    @ValueSource(ints = {-1, 0, 65_536})
    void refusesABadDefaultPort(int defaultPort) {
        assertThatIllegalArgumentException().isThrownBy(() -> NodePattern.parse("node1", defaultPort))
                .withMessageContaining("default node port")
                .withMessageContaining(String.valueOf(defaultPort));
    }

    @Test
    void acceptsExactlyTheLargestPattern() {
        assertThat(NodePattern.parse(fullRanges(256), DEFAULT_PORT).endpoints()).hasSize(65_536);
    }

    @Test
    void refusesMoreThanTheLargestPattern() {
        String tooMany = fullRanges(256) + ",10.1.0.1";

        assertThatIllegalArgumentException().isThrownBy(() -> NodePattern.parse(tooMany, DEFAULT_PORT))
                .withMessageStartingWith("'10.1.0.1'")
                .withMessageContaining("at most 65,536 addresses");
    }

    @Test
    void countsTheLimitAfterRemovingDuplicates() {
        String twice = fullRanges(256) + "," + fullRanges(256);

        assertThat(NodePattern.parse(twice, DEFAULT_PORT).endpoints()).hasSize(65_536);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void refusesAnEmptyPattern(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> NodePattern.parse(text, DEFAULT_PORT))
                .withMessageStartingWith("no node address given")
                .withMessageContaining("192.168.1.*");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'node1,,node2' | empty item
            'node1,'       | empty item
            ',node1'       | empty item
            ' , '          | empty item
            """)
    void refusesAnEmptyItemQuotingThePattern(String text, String rule) {
        assertThatIllegalArgumentException().isThrownBy(() -> NodePattern.parse(text, DEFAULT_PORT))
                .withMessageStartingWith("'" + text + "'")
                .withMessageContaining(rule);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            'node1, 192.168.*.1' | 192.168.*.1         | last part only, as in 192.168.1.* or 192.168.1.10-17
            *.1.2.3              | *.1.2.3             | last part only
            192.*.*.*            | 192.*.*.*           | last part only
            192.168.1-2.3        | 192.168.1-2.3       | last part only
            192.168.1.*:10801-3  | 192.168.1.*:10801-3 | port is a number from 1 to 65535
            node*                | node*               | last part only
            *                    | *                   | four parts
            192.168.1.1*         | 192.168.1.1*        | wildcard stands alone
            192.168.1.300        | 192.168.1.300       | number from 0 to 255
            300.1.1.1            | 300.1.1.1           | number from 0 to 255
            192.168.1.0010       | 192.168.1.0010      | number from 0 to 255
            1..2.3               | 1..2.3              | number from 0 to 255
            192.168.1.256-300    | 192.168.1.256-300   | two numbers from 0 to 255
            192.168.1.-5         | 192.168.1.-5        | two numbers from 0 to 255
            192.168.1.5-         | 192.168.1.5-        | two numbers from 0 to 255
            192.168.1.1-2-3      | 192.168.1.1-2-3     | two numbers from 0 to 255
            192.168.1.17-10      | 192.168.1.17-10     | from low to high
            192.168.1            | 192.168.1           | four parts
            1.2.3.4.5            | 1.2.3.4.5           | four parts
            10-17                | 10-17               | four parts
            node1:0              | node1:0             | port is a number from 1 to 65535
            node1:65536          | node1:65536         | port is a number from 1 to 65535
            node1:123456789012   | node1:123456789012  | port is a number from 1 to 65535
            node1:               | node1:              | port is a number from 1 to 65535
            node1:http           | node1:http          | port is a number from 1 to 65535
            node1:-1             | node1:-1            | port is a number from 1 to 65535
            node1:+80            | node1:+80           | port is a number from 1 to 65535
            [::1]:99999          | [::1]:99999         | port is a number from 1 to 65535
            :10800               | :10800              | address comes before the port
            no de                | no de               | only letters, digits, dots and hyphens
            node_1               | node_1              | only letters, digits, dots and hyphens
            node$                | node$               | only letters, digits, dots and hyphens
            nöde                 | nöde                | only letters, digits, dots and hyphens
            -node                | -node               | neither begins nor ends with a hyphen
            node-.local          | node-.local         | neither begins nor ends with a hyphen
            a..b                 | a..b                | 1 to 63 letters
            node1.               | node1.              | 1 to 63 letters
            ::1                  | ::1                 | IPv6 address goes in brackets
            fe80::1:10800        | fe80::1:10800       | IPv6 address goes in brackets
            [::1                 | [::1                | closing ]
            [::1]x               | [::1]x              | only :PORT may follow
            []                   | []                  | brackets hold an IPv6 address
            [zz::1]              | [zz::1]             | brackets hold an IPv6 address
            [1.2.3.4]            | [1.2.3.4]           | brackets hold an IPv6 address
            [1:2:3:4:5:6:7:8:9]  | [1:2:3:4:5:6:7:8:9] | brackets hold an IPv6 address
            [fe80::*]            | [fe80::*]           | brackets hold an IPv6 address
            [fe80::1%eth0]       | [fe80::1%eth0]      | brackets hold an IPv6 address
            """)
    void refusesABadItemQuotingItAndSayingWhatIsAllowed(String text, String item, String rule) {
        assertThatIllegalArgumentException().isThrownBy(() -> NodePattern.parse(text, DEFAULT_PORT))
                .withMessageStartingWith("'" + item + "' is not a node address: ")
                .withMessageContaining(rule)
                .withMessageNotContaining("\n");
    }

    @Test
    void refusesAnOverlongHostName() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, label); // 255 characters

        assertThatIllegalArgumentException().isThrownBy(() -> NodePattern.parse(name, DEFAULT_PORT))
                .withMessageContaining("at most 253 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> NodePattern.parse("a".repeat(64), DEFAULT_PORT))
                .withMessageContaining("1 to 63 letters");
    }

    @Test
    void keepsAMessageOnOneLineAndShortWhateverWasPasted() {
        String pasted = "node1\nnode2" + "x".repeat(500);

        assertThatIllegalArgumentException().isThrownBy(() -> NodePattern.parse(pasted, DEFAULT_PORT))
                .withMessageStartingWith("'node1?node2xxx")
                .withMessageContaining("...' is not a node address")
                .withMessageNotContaining("\n")
                .satisfies(refusal -> assertThat(refusal.getMessage()).hasSizeLessThan(300));
    }

    @ParameterizedTest(name = "{0} port {1}")
    @CsvSource(delimiter = '|', textBlock = """
            node1    | 10800 | node1:10800
            10.0.0.1 | 1     | 10.0.0.1:1
            ::1      | 65535 | [::1]:65535
            fe80::1  | 80    | [fe80::1]:80
            """)
    void writesAnEndpointAsHostColonPortWithIpv6InBrackets(String host, int port, String written) {
        assertThat(new NodeEndpoint(host, port)).hasToString(written);
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {-1, 0, 65_536})
    void refusesAnEndpointWithABadPort(int port) {
        assertThatIllegalArgumentException().isThrownBy(() -> new NodeEndpoint("node1", port))
                .withMessageContaining("from 1 to 65535");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " "})
    void refusesAnEndpointWithoutAHost(String host) {
        assertThatIllegalArgumentException().isThrownBy(() -> new NodeEndpoint(host, 1));
    }

    /** {@code 10.0.N.0-255} for N below {@code count}: 256 addresses each. */
    private static String fullRanges(int count) {
        return IntStream.range(0, count).mapToObj(n -> "10.0." + n + ".0-255").collect(Collectors.joining(","));
    }
}
