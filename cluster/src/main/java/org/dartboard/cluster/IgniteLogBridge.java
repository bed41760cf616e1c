package org.dartboard.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ignite.IgniteLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Ignite's own log to SLF4J, as warnings and errors only: Ignite's information messages are many
 * and written for Ignite's developers, while dartboard logs the cluster's life in its own words.
 */
final class IgniteLogBridge implements IgniteLogger {

    /** How Ignite's messages about a failed start begin; the node command reports the failure itself. */
    private static final List<String> STARTUP_FAILURES = List.of("Got exception while starting",
            "Failed to start manager", "Failed to start SPI");
    /** Ignite's message for a client connection whose first bytes are not a thin-client handshake. */
    private static final String NOT_A_HANDSHAKE = "Handshake header check failed";
    private static final Pattern REMOTE_ADDRESS = Pattern.compile("rmtAddr=/?([^,\\]\\s]+)");
    /**
     * How discovery names the other end of a connection: {@code sock=Socket[addr=/127.0.0.1,port=38030,...]}, or
     * with TLS {@code sock=SSLSocket[hostname=127.0.0.1, port=55260, ...]}.
     */
    private static final Pattern DISCOVERY_PEER = Pattern.compile(
            "sock=(?:Socket\\[addr=[^/,]*/?|SSLSocket\\[hostname=)([^,\\]\\s]+),\\s*port=(\\d+)");
    /** How Ignite's network layer begins its messages about one connection's bad bytes or sudden end. */
    private static final List<String> CONNECTION_FAILURES = List.of("Failed to read message",
            "Failed to process selector key");
    /**
     * How discovery begins its messages about one connection that said nothing in time, or whose other end
     * went (a node frozen, then woken, finds its old connections gone).
     */
    private static final List<String> DISCOVERY_CONNECTION_FAILURES = List.of("Failed to initialize connection",
            "Failed to send receipt on message", "Failed to read message", "Failed to send message");
    private static final Duration CONNECTION_WARNING_INTERVAL = Duration.ofSeconds(10);
    /**
     * How Ignite begins its messages about a failure it cannot recover from (a node frozen and woken finds
     * itself segmented, say), which the node reports itself in one line as it stops or leaves, and about a
     * thread that did not move for a while (a node frozen and woken, or starved of CPU), which one line says;
     * they come with stack traces.
     */
    private static final List<String> CRITICAL_FAILURE = List.of("Critical system error detected",
            "Ignite node is in invalid state due to a critical failure", "Stopping local node on Ignite failure");
    private static final String BLOCKED_THREAD = "Blocked system-critical thread has been detected";
    /**
     * How Ignite begins its messages about a message it could not deliver to another node, such as a job's
     * answer to a node that counted this one lost while it was frozen (the job runs again elsewhere): one
     * line now and then, never the stack trace that comes with each.
     */
    private static final List<String> SEND_FAILED = List.of("Failed to send message to remote node",
            "Error sending reply for job", "Failed to send cancel request");
    private static final Pattern CONSISTENT_ID = Pattern.compile("consistentId=([^,\\]\\s]+)");

    /** dartboard's own words about what Ignite saw, logged whatever level Ignite's messages are given. */
    private static final Logger NODE_LOG = LoggerFactory.getLogger(IgniteLogBridge.class);

    private final Logger log;
    private final LogThrottle discoveryConnectionWarnings = new LogThrottle(CONNECTION_WARNING_INTERVAL);
    private final LogThrottle sendWarnings = new LogThrottle(CONNECTION_WARNING_INTERVAL);

    IgniteLogBridge() {
        this(LoggerFactory.getLogger("ignite"));
    }

    private IgniteLogBridge(Logger log) {
        this.log = log;
    }

    @Override
    public IgniteLogger getLogger(Object category) {
        return this;
    }

    @Override
    public void trace(String message) {
        // Ignite's tracing is not for operators.
    }

    @Override
    public void debug(String message) {
        // Ignite's debugging is not for operators.
    }

    @Override
    public void info(String message) {
        log.debug(message);
    }

    /** Warnings in one line too: a cause's stack trace is for debugging. */
    @Override
    public void warning(String message, Throwable cause) {
        if (cause == null) {
            log.warn(message);
        } else {
            log.warn("{}: {}", message, cause.getMessage() == null ? "no details" : firstSentence(cause.getMessage()));
            log.debug(message, cause);
        }
    }

    /**
     * Errors, each in one line without its stack trace, except those that dartboard tells better: a failed
     * start, which the node command reports in one line with its reason; a connection that did not begin with
     * a thin-client handshake, which is one warning line and not a page of stack trace (a client with TLS
     * meeting a node without, most often); a connection closed for bad bytes or a network error, one warning
     * line too; and messages that could not be delivered, one line now and then.
     */
    @Override
    public void error(String message, Throwable cause) {
        String text = String.valueOf(message);
        if (STARTUP_FAILURES.stream().anyMatch(text::startsWith)
                || CRITICAL_FAILURE.stream().anyMatch(text::startsWith)) {
            log.debug(message, cause);
        } else if (SEND_FAILED.stream().anyMatch(text::startsWith)) {
            String why = cause != null && cause.getMessage() != null ? cause.getMessage() : "it did not answer";
            Matcher to = CONSISTENT_ID.matcher(text + " " + why);
            String node = to.find() ? to.group(1) : "a node";
            sendWarnings.event(failed -> NODE_LOG.warn("Could not send {} message{} to other nodes (the latest to"
                    + " {}): {}", failed, failed == 1 ? "" : "s", node, firstSentence(why)));
        } else if (text.startsWith(BLOCKED_THREAD)) {
            NODE_LOG.warn("A thread of the node did not move for longer than the failure timeout (the node was"
                    + " frozen or starved of CPU): {}", text.lines().findFirst().orElse(text));
        } else if (cause != null && String.valueOf(cause.getMessage()).startsWith(NOT_A_HANDSHAKE)) {
            Matcher from = REMOTE_ADDRESS.matcher(text);
            NODE_LOG.warn("Refused a connection from {}: it did not begin with a dartboard client's handshake (a client"
                    + " with --tls, and this node without?)", from.find() ? from.group(1) : "an unknown address");
        } else if (cause instanceof IOException && CONNECTION_FAILURES.stream().anyMatch(text::startsWith)) {
            // Garbage on a port, another program's protocol, or a peer whose network went: that connection
            // is closed and the node goes on, so one line says so, not a page of stack trace.
            Matcher from = REMOTE_ADDRESS.matcher(text);
            NODE_LOG.warn("Closed a connection from {}: {}", from.find() ? from.group(1) : "an unknown address",
                    cause.getMessage());
        } else if (cause instanceof IOException && DISCOVERY_CONNECTION_FAILURES.stream().anyMatch(text::startsWith)
                && (text.contains("sock=Socket[") || text.contains("sock=SSLSocket["))) {
            // A thousand idle connections to the discovery port give a thousand of these, so one line now and
            // then stands for them.
            Matcher from = DISCOVERY_PEER.matcher(text);
            String peer = from.find() ? from.group(1) + ":" + from.group(2) : "an unknown address";
            String why = cause.getMessage();
            discoveryConnectionWarnings.event(closed -> NODE_LOG.warn("Closed {} connection{} to the discovery port"
                    + " (the latest from {}): {}", closed, closed == 1 ? "" : "s", peer, why));
        } else {
            // Anything else: one line in Ignite's words, its details and stack trace (for Ignite's developers)
            // kept for debugging, so that a node woken from a freeze, say, never prints pages of them.
            log.error("{}{}", firstSentence(text), cause == null || cause.getMessage() == null ? ""
                    : ": " + firstSentence(cause.getMessage()));
            log.debug(message, cause);
        }
    }

    /**
     * The words of an Ignite message before its details: its first line, up to its first full stop or its
     * first bracket of fields ({@code [nodeId=..., err= class ...Exception: ...]}), which are for Ignite's
     * developers and name Java classes.
     */
    static String firstSentence(String message) {
        String line = message.lines().findFirst().orElse("").strip();
        int end = line.length();
        for (String stop : List.of(". ", " [", "[")) {
            int at = line.indexOf(stop);
            if (at > 0) {
                end = Math.min(end, at);
            }
        }
        // "Failed to send message (node left topology): TcpDiscoveryNode [...]": the class before the fields too.
        String words = line.substring(0, end).strip().replaceFirst(":\\s*[A-Z][A-Za-z]+$", "");
        return words.endsWith(".") ? words.substring(0, words.length() - 1) : words;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isDebugEnabled();
    }

    /** Not quiet: in quiet mode Ignite prints its own summary straight to standard output. */
    @Override
    public boolean isQuiet() {
        return false;
    }

    @Override
    public String fileName() {
        return null;
    }
}
