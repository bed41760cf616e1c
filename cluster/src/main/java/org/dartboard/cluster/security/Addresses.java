package org.dartboard.cluster.security;

import java.net.InetSocketAddress;

/** Addresses as operators write them: {@code 192.168.1.12:10800}, no host-name lookups, no leading slash. */
final class Addresses {

    private Addresses() {
    }

    static String text(InetSocketAddress address) {
        if (address == null) {
            return "an unknown address";
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }
}
