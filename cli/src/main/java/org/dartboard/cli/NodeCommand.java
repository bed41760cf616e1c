package org.dartboard.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.dartboard.cluster.NodePattern;
import org.dartboard.cluster.NodeRefusedException;
import org.dartboard.cluster.NodeSettings;
import org.dartboard.cluster.NodeSupervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dartboard node}: a server node that runs jobs for clients until it is stopped. */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        headerHeading = "%n",
        header = "Start a server node that runs dartboard jobs for clients.",
        description = {
            "",
            "Run one on each machine of the cluster; clients find nodes with 'dartboard run --nodes PATTERN'."
                    + " The node joins the other nodes named by --peers, logs when it is ready and when nodes"
                    + " join or leave, and runs until Ctrl-C or SIGTERM.",
            ""
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  1    the node could not start (address or port in use, no such address), or the cluster refused it"
                    + " (wrong or missing secret, TLS on one side only)",
            "  2    bad usage: unknown option, bad value",
            "  130  stopped by Ctrl-C after a clean shutdown (143 for SIGTERM)"
        })
final class NodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);
    private static final int MAX_CPUS = 4096;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Option(names = {"-b", "--bind"}, paramLabel = "ADDRESS",
            description = "The address to listen on, e.g. 192.168.1.12. Default: ${DEFAULT-VALUE}, which serves"
                    + " this machine only.")
    private String bind = "127.0.0.1";

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "The port clients connect to. Default: ${DEFAULT-VALUE}.")
    private int port = NodeSettings.DEFAULT_CLIENT_PORT;

    @Option(names = "--discovery-port", paramLabel = "PORT",
            description = "The port nodes find each other on. Default: ${DEFAULT-VALUE}.")
    private int discoveryPort = NodeSettings.DEFAULT_DISCOVERY_PORT;

    @Option(names = "--communication-port", paramLabel = "PORT",
            description = "The port nodes talk to each other on. Default: ${DEFAULT-VALUE}.")
    private int communicationPort = NodeSettings.DEFAULT_COMMUNICATION_PORT;

    @Option(names = {"-c", "--cpus"}, paramLabel = "CPUS", converter = CountConverter.class,
            description = "Jobs run at once, from 1 to " + MAX_CPUS + ". Default: all cores.")
    private BigInteger cpus = BigInteger.valueOf(Runtime.getRuntime().availableProcessors());

    @Option(names = {"-n", "--name"}, paramLabel = "NAME",
            description = "The node's name in logs and tables, unique in the cluster. Default: ADDRESS:PORT.")
    private String name;

    @Option(names = "--peers", paramLabel = "PATTERN",
            description = "The other nodes to join, at their discovery port: a pattern like 192.168.1.*,"
                    + " 192.168.1.10-17 or a list of hosts. Default: every address of the bind address's /24,"
                    + " e.g. 192.168.1.* for 192.168.1.12.")
    private String peers;

    @Option(names = "--failure-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long another node may stay silent before it is counted lost and its jobs run"
                    + " elsewhere; also how long this node may be cut off from all others before it leaves the"
                    + " cluster, to join again when one answers. The same on every node. Default: 10s.")
    private Duration failureTimeout = NodeSettings.DEFAULT_FAILURE_TIMEOUT;

    @Option(names = "--metrics", paramLabel = "PORT",
            description = "Serve Prometheus metrics (jobs, points, busy time) at http://ADDRESS:PORT/metrics."
                    + " Default: none.")
    private Integer metricsPort;

    @Mixin
    private SecurityOptions security;

    private final ConfigDefaults settingsFile;

    NodeCommand(ConfigDefaults settingsFile) {
        this.settingsFile = settingsFile;
    }

    @Override
    public Integer call() throws InterruptedException {
        // A service's operator reads the log, not the command line: say where the settings came from.
        settingsFile.fileFor(spec).ifPresent(file -> LOG.info("Settings from {}", file));
        NodeSettings settings = settings();
        String listenProblem = listenProblem();
        if (listenProblem != null) {
            spec.commandLine().getErr().println("dartboard node: could not start: " + listenProblem);
            return ExitCodes.FAILED;
        }
        NodeSupervisor node;
        try {
            node = new NodeSupervisor(settings);
        } catch (NodeRefusedException refused) {
            spec.commandLine().getErr().println("dartboard node: could not start on " + bind + ": "
                    + refused.getMessage());
            return ExitCodes.FAILED;
        } catch (RuntimeException failed) {
            spec.commandLine().getErr().println("dartboard node: could not start on " + bind + ": "
                    + rootMessage(failed));
            return ExitCodes.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.stop();
            stopped.countDown();
        }, "dartboard-node-stop"));
        try {
            node.superviseUntilStopped();
        } catch (RuntimeException failed) {
            // Stopped by a failure, or refused when it tried to join again (the cluster's secret changed).
            spec.commandLine().getErr().println("dartboard node: " + rootMessage(failed));
            return ExitCodes.FAILED;
        }
        // Stopped by a signal: wait for the hook, which ends the JVM with the signal's exit code.
        stopped.await();
        return ExitCodes.OK;
    }

    private NodeSettings settings() {
        requirePort("--port", port);
        requirePort("--discovery-port", discoveryPort);
        requirePort("--communication-port", communicationPort);
        if (metricsPort != null) {
            requirePort("--metrics", metricsPort);
        }
        if (cpus.signum() <= 0 || cpus.compareTo(BigInteger.valueOf(MAX_CPUS)) > 0) {
            throw usage("Invalid value for option '--cpus': " + cpus + " is out of range (allowed: 1 to " + MAX_CPUS + ")");
        }
        if (name != null && (name.isBlank() || name.length() > 100)) {
            throw usage("Invalid value for option '--name': '" + name + "' (allowed: 1 to 100 characters)");
        }
        if (FailureTimeouts.problemWith(failureTimeout) != null) {
            throw usage(FailureTimeouts.problemWith(failureTimeout));
        }
        // The bind address first: the default --peers is made from it.
        try {
            NodePattern.parse(bind, port);
        } catch (IllegalArgumentException malformed) {
            throw usage("Invalid value for option '--bind': " + malformed.getMessage());
        }
        String peersPattern = peers != null ? peers : defaultPeers(bind);
        NodePattern peerPattern;
        try {
            peerPattern = NodePattern.parse(peersPattern, discoveryPort);
        } catch (IllegalArgumentException malformed) {
            throw usage("Invalid value for option '--peers': " + malformed.getMessage());
        }
        String nodeName = name != null ? name : bind + ":" + port;
        return new NodeSettings(nodeName, bind, port, discoveryPort, communicationPort, cpus.intValueExact(),
                peerPattern.endpoints(), metricsPort != null ? metricsPort : 0, failureTimeout,
                security.resolve(spec.commandLine()));
    }

    /**
     * Why this machine will not let the node listen where it is told, naming the option; null when it will.
     * Not bad usage (exit 2) but a failure to start (exit 1): an address that DHCP has not given yet, or a
     * port an old node still holds, can be fine a moment later, and the systemd unit retries exit 1 only.
     */
    private String listenProblem() {
        String addressProblem = ListenCheck.addressProblem(bind);
        if (addressProblem != null) {
            return "--bind " + addressProblem;
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--port", port);
        ports.put("--discovery-port", discoveryPort);
        ports.put("--communication-port", communicationPort);
        if (metricsPort != null) {
            ports.put("--metrics", metricsPort);
        }
        for (Map.Entry<String, Integer> option : ports.entrySet()) {
            String portProblem = ListenCheck.portProblem(bind, option.getValue());
            if (portProblem != null) {
                return option.getKey() + " " + option.getValue() + ": " + portProblem;
            }
        }
        return null;
    }

    /** The /24 of an IPv4 address (192.168.1.12 → 192.168.1.*), else the address itself. */
    static String defaultPeers(String bind) {
        if (bind.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return bind.substring(0, bind.lastIndexOf('.')) + ".*";
        }
        return bind;
    }

    private void requirePort(String option, int value) {
        if (value < 1 || value > 65_535) {
            throw usage("Invalid value for option '" + option + "': " + value + " is out of range (allowed: 1 to 65535)");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.toString();
        return message.lines().findFirst().orElse(message);
    }
}
