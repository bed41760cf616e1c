package org.dartboard.watch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which names a request may give in its {@code Host} header: the defence against DNS rebinding. A web site
 * open in the same browser can make its own name resolve to a loopback address, and so reach a dashboard
 * that listens there, but its requests still carry its own name; a dashboard on loopback answers only to
 * the address it listens on (the one it prints) and to this machine's own names for loopback.
 *
 * <p>A dashboard on another address was put on the network on purpose, and is reached by whatever name
 * the network gives that machine: it answers to any name.
 */
final class HostCheck {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    /** The names allowed, in lower case, without a port; null for any name. */
    private final Set<String> names;

    private HostCheck(Set<String> names) {
        this.names = names;
    }

    /** The check for a dashboard listening on {@code bound}. */
    static HostCheck forAddress(InetAddress bound) {
        if (!bound.isLoopbackAddress()) {
            return new HostCheck(null);
        }
        Set<String> names = new TreeSet<>(LOOPBACK_NAMES);
        names.add(literal(bound));
        return new HostCheck(Set.copyOf(names));
    }

    /** Whether a request with this {@code Host} header (null when it had none) is answered. */
    boolean allows(String hostHeader) {
        return names == null || names.contains(hostName(hostHeader));
    }

    /** The names answered, for the refusal to list; empty when any is. */
    Set<String> names() {
        return names == null ? Set.of() : new TreeSet<>(names);
    }

    /** An address as a URL's host: an IPv6 address in brackets. */
    static String literal(InetAddress address) {
        String literal = address.getHostAddress().toLowerCase(Locale.ROOT);
        return address instanceof Inet6Address ? "[" + literal + "]" : literal;
    }

    /** The Host header's name without its port, lower case; empty when missing. */
    static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        int portColon = host.lastIndexOf(':');
        if (portColon > host.lastIndexOf(']')) {
            host = host.substring(0, portColon);
        }
        return host;
    }
}
