package org.dartboard.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code --nodes} value: which addresses a client looks for dartboard nodes at.
 *
 * <p>A pattern is a comma-separated list of items. An item is an IPv4 address whose last part may be a
 * wildcard ({@code 192.168.1.*}, meaning .1 to .254) or a range ({@code 192.168.1.10-17}), a host name, or
 * an IPv6 literal in brackets ({@code [::1]}); each may end in {@code :PORT}, else the default port
 * applies. Ignite's discovery takes port ranges but no address wildcards, so the expansion is ours.
 *
 * <p>Parsing never looks anything up: host names stay names until someone connects. A bad pattern is
 * refused with one line that quotes the offending item and says what is allowed, because it comes
 * straight from the command line.
 */
final class NodePattern {

    /** 256 full /24 ranges: more than any cluster we aim at, few enough to probe in reasonable time. */
    static final int MAX_ENDPOINTS = 65_536;

    private static final String EXAMPLES = "as in 192.168.1.*, 192.168.1.10-17, node1:10800 or [::1]";
    private static final String WILDCARD_RULE =
            "a wildcard or range is allowed in the last part only, as in 192.168.1.* or 192.168.1.10-17";
    private static final String OCTET_RULE = "each part of an IPv4 address is a number from 0 to 255";
    private static final String PORT_RULE = "the port is a number from 1 to 65535, as in node1:10800";
    private static final String HOST_NAME_RULE =
            "a host name has only letters, digits, dots and hyphens, as in node1 or pi-3.local";
    private static final String LABEL_RULE = "each dot-separated part of a host name has 1 to 63 letters,"
            + " digits or hyphens and neither begins nor ends with a hyphen, as in pi-3.local";
    private static final String IPV6_RULE = "an IPv6 address goes in brackets, as in [::1] or [fe80::1]:10800";

    /** Only digits, dots, stars and hyphens: meant as an IPv4 address, so judged as one. */
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.*-]+");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]+");
    /** Hex digits, colons and dots with at least one colon, so InetAddress treats it as a literal. */
    private static final Pattern IPV6_LIKE = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final int MAX_QUOTED = 80;

    private final String text;
    private final List<NodeEndpoint> endpoints;

    private NodePattern(String text, List<NodeEndpoint> endpoints) {
        this.text = text;
        this.endpoints = endpoints;
    }

    /**
     * Parses a pattern.
     *
     * @param text the pattern as the user wrote it
     * @param defaultPort the port of items that name none, from 1 to 65535
     * @throws IllegalArgumentException with a one-line message saying what is wrong and what is allowed
     */
    static NodePattern parse(String text, int defaultPort) {
        if (defaultPort < NodeEndpoint.MIN_PORT || defaultPort > NodeEndpoint.MAX_PORT) {
            throw new IllegalArgumentException("the default node port must be from " + NodeEndpoint.MIN_PORT
                    + " to " + NodeEndpoint.MAX_PORT + ", got " + defaultPort);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "no node address given: name one or more, separated by commas, " + EXAMPLES);
        }
        Set<NodeEndpoint> found = new LinkedHashSet<>();
        for (String raw : text.split(",", -1)) {
            String item = raw.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException(quote(text)
                        + " has an empty item: separate node addresses by single commas, " + EXAMPLES);
            }
            new Item(item, defaultPort, found).parse();
        }
        return new NodePattern(text, List.copyOf(found));
    }

    /** Every address the pattern names, in the order written, without duplicates; nothing is resolved. */
    List<NodeEndpoint> endpoints() {
        return endpoints;
    }

    /** The text as given, for messages. */
    String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Quotes user text for a one-line message: control characters (a pasted newline) would break the line,
     * and a huge paste would bury the rest of the message.
     */
    static String quote(String userText) {
        StringBuilder quoted = new StringBuilder("'");
        int shown = Math.min(userText.length(), MAX_QUOTED);
        for (int i = 0; i < shown; i++) {
            char c = userText.charAt(i);
            quoted.append(Character.isISOControl(c) ? '?' : c);
        }
        return quoted.append(userText.length() > shown ? "...'" : "'").toString();
    }

    /** One comma-separated item, expanded into the shared, ordered set of endpoints. */
    private static final class Item {

        private final String item;
        private final int defaultPort;
        private final Set<NodeEndpoint> found;

        Item(String item, int defaultPort, Set<NodeEndpoint> found) {
            this.item = item;
            this.defaultPort = defaultPort;
            this.found = found;
        }

        void parse() {
            if (item.startsWith("[")) {
                parseBracketed();
                return;
            }
            int colon = item.indexOf(':');
            if (colon >= 0 && item.indexOf(':', colon + 1) >= 0) {
                throw refusal(IPV6_RULE);
            }
            String host = colon < 0 ? item : item.substring(0, colon);
            int port = colon < 0 ? defaultPort : port(item.substring(colon + 1));
            if (host.isEmpty()) {
                throw refusal("an address comes before the port, " + EXAMPLES);
            }
            if (IPV4_LIKE.matcher(host).matches()) {
                addIpv4(host, port);
            } else if (host.indexOf('*') >= 0) {
                throw refusal(WILDCARD_RULE);
            } else {
                add(new NodeEndpoint(hostName(host), port));
            }
        }

        private void parseBracketed() {
            int close = item.indexOf(']');
            if (close < 0) {
                throw refusal("an IPv6 address in brackets needs its closing ], as in [::1]:10800");
            }
            String host = item.substring(1, close);
            String rest = item.substring(close + 1);
            int port;
            if (rest.isEmpty()) {
                port = defaultPort;
            } else if (rest.startsWith(":")) {
                port = port(rest.substring(1));
            } else {
                throw refusal("only :PORT may follow an IPv6 address in brackets, as in [::1]:10800");
            }
            add(new NodeEndpoint(ipv6(host), port));
        }

        private void addIpv4(String host, int port) {
            String[] parts = host.split("\\.", -1);
            if (parts.length != 4) {
                throw refusal("an IPv4 address has four parts separated by dots, as in 192.168.1.10");
            }
            for (int i = 0; i < 3; i++) {
                if (parts[i].indexOf('*') >= 0 || parts[i].indexOf('-') >= 0) {
                    throw refusal(WILDCARD_RULE);
                }
            }
            String prefix = octet(parts[0]) + "." + octet(parts[1]) + "." + octet(parts[2]) + ".";
            String last = parts[3];
            int low;
            int high;
            if (last.equals("*")) {
                // .0 and .255 are a /24's network and broadcast addresses: no node listens there.
                low = 1;
                high = 254;
            } else if (last.indexOf('*') >= 0) {
                throw refusal("a wildcard stands alone in the last part, as in 192.168.1.*");
            } else if (last.indexOf('-') >= 0) {
                String[] bounds = last.split("-", -1);
                if (bounds.length != 2 || !isOctet(bounds[0]) || !isOctet(bounds[1])) {
                    throw refusal("a range is two numbers from 0 to 255 joined by a hyphen, as in 192.168.1.10-17");
                }
                low = Integer.parseInt(bounds[0]);
                high = Integer.parseInt(bounds[1]);
                if (low > high) {
                    throw refusal("a range goes from low to high, as in 192.168.1.10-17");
                }
            } else {
                low = octet(last);
                high = low;
            }
            for (int d = low; d <= high; d++) {
                add(new NodeEndpoint(prefix + d, port));
            }
        }

        /** Leading zeros are read as decimal and dropped, so 192.168.001.010 is 192.168.1.10. */
        private int octet(String part) {
            if (!isOctet(part)) {
                throw refusal(OCTET_RULE);
            }
            return Integer.parseInt(part);
        }

        private static boolean isOctet(String part) {
            return part.length() >= 1 && part.length() <= 3 && DIGITS.matcher(part).matches()
                    && Integer.parseInt(part) <= 255;
        }

        private int port(String digits) {
            if (digits.length() > 5 || !DIGITS.matcher(digits).matches()) {
                throw refusal(PORT_RULE);
            }
            int port = Integer.parseInt(digits);
            if (port < NodeEndpoint.MIN_PORT || port > NodeEndpoint.MAX_PORT) {
                throw refusal(PORT_RULE);
            }
            return port;
        }

        /** Names are case-insensitive; lower case lets Node1 and node1 count as one endpoint. */
        private String hostName(String host) {
            if (!HOST_NAME.matcher(host).matches()) {
                throw refusal(HOST_NAME_RULE);
            }
            if (host.length() > 253) {
                throw refusal("a host name has at most 253 characters");
            }
            for (String label : host.split("\\.", -1)) {
                if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                    throw refusal(LABEL_RULE);
                }
            }
            return host.toLowerCase(Locale.ROOT);
        }

        private String ipv6(String host) {
            if (!IPV6_LIKE.matcher(host).matches()) {
                throw refusal("brackets hold an IPv6 address such as ::1 or fe80::1, of hex digits and colons");
            }
            try {
                // Bracketed, only hex digits, colons and dots, at least one colon: InetAddress only checks
                // the literal's format and never asks DNS.
                InetAddress.getByName("[" + host + "]");
            } catch (UnknownHostException notAnAddress) {
                throw refusal("brackets hold an IPv6 address such as ::1 or fe80::1, of hex digits and colons");
            }
            return host.toLowerCase(Locale.ROOT);
        }

        private void add(NodeEndpoint endpoint) {
            found.add(endpoint);
            if (found.size() > MAX_ENDPOINTS) {
                throw new IllegalArgumentException(quote(item) + " is one item too many: a pattern may name at most "
                        + String.format(Locale.ROOT, "%,d", MAX_ENDPOINTS)
                        + " addresses, as 256 ranges like 10.0.0.0-255 do");
            }
        }

        private IllegalArgumentException refusal(String rule) {
            return new IllegalArgumentException(quote(item) + " is not a node address: " + rule);
        }
    }
}
