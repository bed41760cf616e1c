package org.dartboard.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.dartboard.cluster.DartboardNode;
import org.dartboard.run.Farms;
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
                    + " (wrong or missing secret, TLS on one side only), or it stopped after a failure it could not"
                    + " recover from (one line says which)",
            "  2    bad usage: unknown option, bad value",
            "  130  stopped by Ctrl-C after a clean shutdown (143 for SIGTERM)"
        })
final class NodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

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
    private int port = DartboardNode.DEFAULT_CLIENT_PORT;

    @Option(names = "--discovery-port", paramLabel = "PORT",
            description = "The port nodes find each other on. Default: ${DEFAULT-VALUE}.")
    private int discoveryPort = DartboardNode.DEFAULT_DISCOVERY_PORT;

    @Option(names = "--communication-port", paramLabel = "PORT",
            description = "The port nodes talk to each other on. Default: ${DEFAULT-VALUE}.")
    private int communicationPort = DartboardNode.DEFAULT_COMMUNICATION_PORT;

    @Option(names = {"-c", "--cpus"}, paramLabel = "CPUS", converter = CountConverter.class,
            description = "Jobs run at once, from 1 to " + DartboardNode.MAX_CPUS + ". Default: all cores.")
    private BigInteger cpus = BigInteger.valueOf(Runtime.getRuntime().availableProcessors());

    @Option(names = {"-n", "--name"}, paramLabel = "NAME",
            description = "The node's name in logs and tables, unique in the cluster, 1 to "
                    + DartboardNode.MAX_NAME_LENGTH + " characters. Default: ADDRESS:PORT.")
    private String name;

    @Option(names = "--peers", paramLabel = "PATTERN",
            description = "The other nodes to join, at their discovery port: a pattern like 192.168.1.*,"
                    + " 192.168.1.10-17 or a list of hosts. Default: every address of the bind address's /24,"
                    + " e.g. 192.168.1.* for 192.168.1.12.")
    private String peers;

    @Option(names = "--failure-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long another node may stay silent before it is counted lost and its jobs run"
                    + " elsewhere; also how long this node may be cut off from all others before it leaves the"
                    + " cluster, to join again when one answers. The same on every node, from " + Farms.FAILURE_TIMEOUT_RANGE
                    + ". Default: " + Farms.DEFAULT_FAILURE_TIMEOUT_SECONDS + "s.")
    private Duration failureTimeout = Farms.DEFAULT_FAILURE_TIMEOUT;

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
        DartboardNode node = Settings.checked(spec, this::node);
        String listenProblem = listenProblem();
        if (listenProblem != null) {
            spec.commandLine().getErr().println("dartboard node: could not start: " + listenProblem);
            return ExitCodes.FAILED;
        }
        try {
            node.start();
        } catch (RuntimeException failed) {
            spec.commandLine().getErr().println("dartboard node: could not start on " + bind + ": " + failed.getMessage());
            return ExitCodes.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.stop();
            stopped.countDown();
        }, "dartboard-node-stop"));
        try {
            node.runUntilStopped();
        } catch (RuntimeException failed) {
            // Stopped by a failure, or refused when it tried to join again (the cluster's secret changed).
            spec.commandLine().getErr().println("dartboard node: " + rootMessage(failed));
            return ExitCodes.FAILED;
        }
        // Stopped by a signal: wait for the hook, which ends the JVM with the signal's exit code.
        stopped.await();
        return ExitCodes.OK;
    }

    /** The options as a node, checked: a bad setting is bad usage naming its option. */
    private DartboardNode node() {
        if (cpus.signum() <= 0 || cpus.compareTo(BigInteger.valueOf(DartboardNode.MAX_CPUS)) > 0) {
            throw usage("Invalid value for option '--cpus': " + cpus + " is out of range (allowed: 1 to "
                    + DartboardNode.MAX_CPUS + ")");
        }
        DartboardNode.Builder node = DartboardNode.builder().bind(bind).port(port).discoveryPort(discoveryPort)
                .communicationPort(communicationPort).cpus(cpus.intValueExact()).failureTimeout(failureTimeout);
        if (name != null) {
            node.name(name);
        }
        if (peers != null) {
            node.peers(peers);
        }
        if (metricsPort != null) {
            node.metricsPort(metricsPort);
        }
        String secret = security.secret(spec.commandLine());
        if (secret != null) {
            node.secret(secret);
        }
        if (security.tlsKeyStore() != null) {
            node.tls(security.tlsKeyStore());
        }
        return node.build();
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
