package org.dartboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dartboard.cluster.security.ClusterCertificates;
import org.dartboard.cluster.security.ClusterCertificates.Role;
import org.dartboard.cluster.security.ClusterSecurity;
import org.dartboard.run.InvalidSettingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dartboard certs}: a cluster's secret, CA and key stores, for {@code --secret-file} and {@code --tls}. */
@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        headerHeading = "%n",
        header = "Make a cluster's secret, CA and TLS key stores (one per node and per client).",
        description = {
            "",
            "Writes to DIR: 'secret' (unless a secret is given), the CA's key store 'ca.p12' and certificate"
                    + " 'ca.crt', and NAME.p12 for each node and client. Copy 'secret' and its own NAME.p12 to each"
                    + " machine; keep ca.p12 here. Files that exist are kept, so running it again with new names adds"
                    + " key stores for them, signed by the same CA. Uses the keytool of this Java runtime; no OpenSSL.",
            ""
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    the files were made",
            "  1    keytool failed, or a file could not be written",
            "  2    bad usage: unknown option, bad name, unreadable secret"
        })
final class CertsCommand implements Callable<Integer> {

    private static final String SECRET_FILE = "secret";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "The directory to write to; made if missing.")
    private Path out;

    @Option(names = "--nodes", paramLabel = "NAME", split = ",", required = true,
            description = "The nodes' names, comma-separated: their host names or addresses, e.g. pi1,pi2 or"
                    + " 192.168.1.11,192.168.1.12.")
    private List<String> nodes;

    @Option(names = "--clients", paramLabel = "NAME", split = ",",
            description = "The clients' names, comma-separated. Default: client.")
    private List<String> clients = new ArrayList<>(List.of("client"));

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "Protect the key stores with this existing secret. Default: the environment variable "
                    + SecurityOptions.ENVIRONMENT_VARIABLE + ", else DIR/secret, made with a new random secret if"
                    + " missing.")
    private Path secretFile;

    private final Map<String, String> environment;

    CertsCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Role> machines = machines();
        makeDirectory();
        PrintWriter report = spec.commandLine().getOut();
        Map<String, String> made = new LinkedHashMap<>();
        String secret = secret(made);
        ClusterCertificates certificates = new ClusterCertificates(ClusterCertificates.keytoolOfThisJava(), out, secret);
        if (certificates.hasAuthority()) {
            made.put(ClusterCertificates.AUTHORITY_FILE, "kept: the cluster's CA, which signs the new key stores");
        } else {
            certificates.createAuthority();
            made.put(ClusterCertificates.AUTHORITY_FILE, "new: the cluster's CA; keep it here, off the nodes");
            made.put(ClusterCertificates.AUTHORITY_CERTIFICATE_FILE, "new: the CA's certificate");
        }
        Map<String, Future<?>> creating = new LinkedHashMap<>();
        ExecutorService keytools = Executors.newFixedThreadPool(
                Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), machines.size())));
        try {
            machines.forEach((name, role) -> {
                if (Files.exists(certificates.keyStore(name))) {
                    made.put(name + ".p12", "kept: " + describe(name, role));
                } else {
                    creating.put(name, keytools.submit(() -> certificates.createKeyStore(name, role)));
                    made.put(name + ".p12", "new: " + describe(name, role));
                }
            });
            for (Future<?> keyStore : creating.values()) {
                keyStore.get();
            }
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(failed);
        } finally {
            keytools.shutdownNow();
        }
        X509Certificate authority = certificates.authorityCertificate();
        report.println("dartboard certs: in " + out + " (CA " + authority.getSubjectX500Principal().getName()
                + ", valid until " + LocalDate.ofInstant(authority.getNotAfter().toInstant(), ZoneOffset.UTC) + ")");
        made.forEach((file, what) -> report.printf("  %-20s %s%n", file, what));
        String node = nodes.get(0);
        String secretHint = made.containsKey(SECRET_FILE) ? "secret" : "SECRET_FILE";
        report.println("Give every node and client the secret and its own key store (keep both private: chmod 600),"
                + " then start:");
        report.println("  dartboard node --bind ADDRESS --secret-file " + secretHint + " --tls " + node + ".p12");
        report.println("  dartboard run --nodes PATTERN --secret-file " + secretHint + " --tls " + clients.get(0)
                + ".p12 --points 1000000 --jobs 100");
        return ExitCodes.OK;
    }

    /** Every name once, checked, with its role. */
    private Map<String, Role> machines() {
        Map<String, Role> machines = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String option : List.of("--nodes", "--clients")) {
            for (String name : option.equals("--nodes") ? nodes : clients) {
                try {
                    ClusterCertificates.requireValidName(name);
                } catch (IllegalArgumentException bad) {
                    throw usage("Invalid value for option '" + option + "': " + bad.getMessage());
                }
                if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                    throw usage("Invalid value for option '" + option + "': '" + name + "' is named twice (allowed:"
                            + " each name once, among --nodes and --clients)");
                }
                machines.put(name, option.equals("--nodes") ? Role.NODE : Role.CLIENT);
            }
        }
        return machines;
    }

    private void makeDirectory() {
        try {
            if (!Files.isDirectory(out)) {
                Files.createDirectories(out);
            }
        } catch (IOException cannot) {
            throw usage("Invalid value for option '--out': cannot make directory '" + out + "' (" + cannot + ")");
        }
        if (!Files.isWritable(out)) {
            throw usage("Invalid value for option '--out': '" + out + "' is not writable");
        }
    }

    /** --secret-file, else the environment, else DIR/secret, else a new DIR/secret. */
    private String secret(Map<String, String> made) {
        Path inDirectory = out.resolve(SECRET_FILE);
        Path file = secretFile != null ? secretFile : Files.exists(inDirectory) ? inDirectory : null;
        String fromEnvironment = environment.get(SecurityOptions.ENVIRONMENT_VARIABLE);
        if (file == null && fromEnvironment != null) {
            try {
                ClusterSecurity.of(fromEnvironment, null);
                return fromEnvironment;
            } catch (InvalidSettingException unusable) {
                throw usage("Invalid value of the environment variable " + SecurityOptions.ENVIRONMENT_VARIABLE + ": "
                        + unusable.problem());
            }
        }
        if (file != null) {
            try {
                String secret = SecretFile.read(file, warning -> spec.commandLine().getErr().println(
                        "dartboard certs: warning: " + warning));
                if (file.equals(inDirectory)) {
                    made.put(SECRET_FILE, "kept: the cluster's secret");
                }
                return secret;
            } catch (IllegalArgumentException unusable) {
                throw usage("Invalid value for option '--secret-file': " + unusable.getMessage());
            }
        }
        String secret = ClusterCertificates.newSecret();
        try {
            Files.writeString(Files.createFile(inDirectory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), secret + "\n");
        } catch (UnsupportedOperationException notPosix) {
            writeQuietlyPrivate(inDirectory, secret);
        } catch (IOException cannot) {
            throw new IllegalStateException("cannot write " + inDirectory + ": " + cannot.getMessage(), cannot);
        }
        made.put(SECRET_FILE, "new: the cluster's secret");
        return secret;
    }

    /** Where permissions cannot be set as the file is made (not POSIX): write it, and say nothing of modes. */
    private static void writeQuietlyPrivate(Path file, String secret) {
        try {
            Files.writeString(file, secret + "\n");
        } catch (IOException cannot) {
            throw new IllegalStateException("cannot write " + file + ": " + cannot.getMessage(), cannot);
        }
    }

    private static String describe(String name, Role role) {
        return (role == Role.NODE ? "node" : "client") + " key store (CN=" + name + ")";
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
