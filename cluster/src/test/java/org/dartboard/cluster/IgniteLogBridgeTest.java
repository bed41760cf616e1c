package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IgniteLogBridgeTest {

    /** Ignite's own words, as a woken node's log got them: the details name Java classes. */
    @Test
    void aMessageKeepsItsWordsAndLosesItsDetails() {
        assertThat(IgniteLogBridge.firstSentence("Failed to connect to node due to unrecoverable exception (is node"
                + " still alive?). Make sure that each ComputeTask and cache Transaction has a timeout set [nodeId=4d,"
                + " addrs=[/127.0.0.22:48180], err= class org.apache.ignite.IgniteCheckedException: Remote node does"
                + " not observe current node in topology : 4d]"))
                .isEqualTo("Failed to connect to node due to unrecoverable exception (is node still alive?)");
        assertThat(IgniteLogBridge.firstSentence("Failed to send message (node may have left the grid or TCP connection"
                + " cannot be established due to firewall issues) [node=TcpDiscoveryNode [id=4d, consistentId=127.0.0.22:"
                + "11880], topic=TOPIC_TASK]\n\tat org.apache.ignite.internal.managers.communication.GridIoManager.send"))
                .isEqualTo("Failed to send message (node may have left the grid or TCP connection cannot be established"
                        + " due to firewall issues)");
        assertThat(IgniteLogBridge.firstSentence("Failed to send message (node left topology): TcpDiscoveryNode [id=ab,"
                + " consistentId=127.0.0.22:11880]")).isEqualTo("Failed to send message (node left topology)");
        assertThat(IgniteLogBridge.firstSentence("Broken pipe")).isEqualTo("Broken pipe");
        assertThat(IgniteLogBridge.firstSentence("Connection reset.")).isEqualTo("Connection reset");
    }
}
