package org.dartboard.cluster;

import java.util.Objects;

/**
 * One host and port a dartboard node may listen on: what a {@link NodePattern} expands to and what a
 * {@link NodeProbe} tries.
 *
 * <p>The host is kept as text (an IPv4 address, a host name or an IPv6 literal without brackets) so that
 * making an endpoint never looks anything up; resolving happens when someone connects.
 *
 * @param host an IPv4 address, a host name or an IPv6 literal (without brackets)
 * @param port a TCP port from 1 to 65535
 */
record NodeEndpoint(String host, int port) {

    static final int MIN_PORT = 1;
    static final int MAX_PORT = 65_535;

    NodeEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("a node's host must not be empty");
        }
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException(
                    "a node's port must be from " + MIN_PORT + " to " + MAX_PORT + ", got " + port);
        }
    }

    /** {@code host:port}, with an IPv6 host in brackets so that the port stays unambiguous. */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
