package org.dartboard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test host of its own: a Linux network namespace joined to this machine by a veth pair, made and
 * removed by the test that uses it. Processes started with {@link #prefix()} run inside it, on its own
 * address; {@link #cut()} takes its link down (the host is still there, but nothing reaches it) and
 * {@link #restore()} brings it back.
 *
 * <p>Addresses come from 198.18.0.0/15, the range set aside for network tests (RFC 2544), so they can
 * meet no real network. Needs root and iproute2's {@code ip}: without them the test is skipped with a
 * message, unless {@code DARTBOARD_REQUIRE_NETNS=1} (set by CI) makes that a failure.
 */
final class NetworkNamespace implements AutoCloseable {

    private static final Path IP = Path.of("/usr/sbin/ip");
    private static final String REQUIRED_BY = "DARTBOARD_REQUIRE_NETNS";

    private final String name;
    private final String hostLink;
    private final String insideLink;
    private final String insideAddress;

    private NetworkNamespace(String name, String hostLink, String insideLink, String insideAddress) {
        this.name = name;
        this.hostLink = hostLink;
        this.insideLink = insideLink;
        this.insideAddress = insideAddress;
    }

    /**
     * Makes a namespace reached at {@code insideAddress}, with {@code hostAddresses} on this machine's end
     * of the link (all in one /24).
     */
    static NetworkNamespace create(String insideAddress, String... hostAddresses) throws IOException, InterruptedException {
        String missing = "network namespaces need root and " + IP + " (Debian: apt-get install iproute2)";
        boolean possible = Files.isExecutable(IP) && "root".equals(System.getProperty("user.name"));
        if (!possible) {
            MissingTool.skipUnlessRequired(REQUIRED_BY, missing);
        }
        String tag = Long.toString(ProcessHandle.current().pid() % 100_000);
        NetworkNamespace namespace = new NetworkNamespace("dbfault" + tag, "dbfh" + tag, "dbfn" + tag, insideAddress);
        namespace.close();
        try {
            ip("netns", "add", namespace.name);
        } catch (IllegalStateException notAllowed) {
            // Root, yet no namespaces: a container without CAP_NET_ADMIN, say.
            MissingTool.skipUnlessRequired(REQUIRED_BY, "no network namespace can be made here ("
                    + notAllowed.getMessage() + ")");
        }
        try {
            ip("link", "add", namespace.hostLink, "type", "veth", "peer", "name", namespace.insideLink);
            ip("link", "set", namespace.insideLink, "netns", namespace.name);
            for (String hostAddress : hostAddresses) {
                ip("addr", "add", hostAddress + "/24", "dev", namespace.hostLink);
            }
            ip("link", "set", namespace.hostLink, "up");
            namespace.inside("ip", "addr", "add", insideAddress + "/24", "dev", namespace.insideLink);
            namespace.inside("ip", "link", "set", namespace.insideLink, "up");
            namespace.inside("ip", "link", "set", "lo", "up");
        } catch (IOException | RuntimeException | InterruptedException failed) {
            namespace.close();
            throw failed;
        }
        return namespace;
    }

    /** The command prefix that runs a program inside the namespace. */
    List<String> prefix() {
        return List.of(IP.toString(), "netns", "exec", name);
    }

    String insideAddress() {
        return insideAddress;
    }

    /** Takes the namespace's link down: its processes go on, but no packet reaches them or leaves them. */
    void cut() throws IOException, InterruptedException {
        inside("ip", "link", "set", insideLink, "down");
    }

    /** Brings the link up again. */
    void restore() throws IOException, InterruptedException {
        inside("ip", "link", "set", insideLink, "up");
    }

    /** Removes the namespace and its link; processes still inside lose their network. */
    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of(IP.toString(), "netns", "del", name), false);
        run(List.of(IP.toString(), "link", "del", hostLink), false);
    }

    private void inside(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(prefix());
        full.addAll(List.of(command));
        run(full, true);
    }

    private static void ip(String... arguments) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(IP.toString()));
        full.addAll(List.of(arguments));
        run(full, true);
    }

    private static void run(List<String> command, boolean mustSucceed) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after 30 s: " + command);
        }
        if (mustSucceed && process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with " + process.exitValue() + ": "
                    + output.strip());
        }
    }
}
