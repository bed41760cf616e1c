package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.apache.ignite.internal.util.nio.GridNioSession;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.junit.jupiter.api.Test;

/**
 * Which connections to the communication port the handshake timeout closes: accepted ones, older than the
 * timeout, still open, that Ignite has recorded no handshake for; never one this node opened.
 */
class CommunicationHandshakeTimeoutTest {

    private static final long NOW = 1_000_000_000L;
    private static final long LATE = NOW - CommunicationHandshakeTimeout.TIMEOUT.toMillis() - 1;
    private static final long RECENT = NOW - 1_000;

    @Test
    void anAcceptedConnectionWithoutAHandshakeIsClosedAfterTheTimeout() {
        assertThat(CommunicationHandshakeTimeout.unproven(session(true, LATE, 0, null), NOW)).isTrue();
    }

    @Test
    void aYoungConnectionHasTimeLeft() {
        assertThat(CommunicationHandshakeTimeout.unproven(session(true, RECENT, 0, null), NOW)).isFalse();
    }

    @Test
    void aConnectionWhoseNodeSaidWhoItIsStays() {
        assertThat(CommunicationHandshakeTimeout.unproven(session(true, LATE, 0, 0), NOW)).isFalse();
    }

    @Test
    void aConnectionThisNodeOpenedStays() {
        assertThat(CommunicationHandshakeTimeout.unproven(session(false, LATE, 0, null), NOW)).isFalse();
    }

    @Test
    void aClosedConnectionIsNotClosedAgain() {
        assertThat(CommunicationHandshakeTimeout.unproven(session(true, LATE, RECENT, null), NOW)).isFalse();
    }

    /** A session with just what the check reads; {@code connectionIndex} null until the handshake. */
    private static GridNioSession session(boolean accepted, long createTime, long closeTime, Integer connectionIndex) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("accepted", accepted);
        answers.put("createTime", createTime);
        answers.put("closeTime", closeTime);
        return (GridNioSession) Proxy.newProxyInstance(GridNioSession.class.getClassLoader(),
                new Class<?>[] {GridNioSession.class}, (proxy, method, args) -> {
                    if (method.getName().equals("meta")) {
                        return (int) args[0] == TcpCommunicationSpi.CONN_IDX_META ? connectionIndex : null;
                    }
                    if (answers.containsKey(method.getName())) {
                        return answers.get(method.getName());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
