package org.dartboard.cluster.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Makes a cluster's CA and one key store per node and per client, in one directory, with the JDK's own
 * {@code keytool} (it ships with every Java runtime, so no OpenSSL is needed) and the KeyStore API.
 *
 * <p>The CA's key stays in {@code ca.p12} in that directory, where it can sign key stores for nodes added
 * later; it should not be copied to the nodes. Each {@code NAME.p12} holds one machine's key, its
 * certificate signed by the CA, and the CA's certificate as the one to trust. All stores are PKCS12 with
 * the cluster's secret as password, and are created readable by their owner only. Keys are EC P-256;
 * certificates are valid for {@value #VALIDITY_DAYS} days. keytool gets the password from its environment,
 * never from its command line. Public for the {@code dartboard certs} command.
 */
public final class ClusterCertificates {

    /** How long the CA and the machines' certificates are valid. */
    public static final int VALIDITY_DAYS = 3650;
    /** The CA's key store in the directory. */
    public static final String AUTHORITY_FILE = "ca.p12";
    /** The CA's certificate alone, PEM, for anyone who wants to look at it. */
    public static final String AUTHORITY_CERTIFICATE_FILE = "ca.crt";

    /** Names become file names and certificate names: letters, digits, dots and dashes. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String AUTHORITY_ALIAS = "cluster-ca";
    private static final String PASSWORD_VARIABLE = "DARTBOARD_KEYTOOL_PASSWORD";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 120;

    /** What a key store is for: a node is TLS server and client to the others, a client only a client. */
    public enum Role {
        NODE("serverAuth,clientAuth"),
        CLIENT("clientAuth");

        private final String extendedKeyUsage;

        Role(String extendedKeyUsage) {
            this.extendedKeyUsage = extendedKeyUsage;
        }
    }

    private final Path keytool;
    private final Path directory;
    private final ClusterSecret secret;

    /**
     * @param keytool the keytool to run, see {@link #keytoolOfThisJava()}
     * @param directory where the CA and the key stores are (it must exist)
     * @param secretText the cluster's secret, the key stores' password
     * @throws IllegalArgumentException when the secret cannot be one (empty, too long)
     */
    public ClusterCertificates(Path keytool, Path directory, String secretText) {
        this.keytool = keytool;
        this.directory = directory;
        this.secret = ClusterSecret.of(secretText);
    }

    /** A new random secret for a cluster: 32 bytes from a strong generator, as 43 URL-safe characters. */
    public static String newSecret() {
        return ClusterSecret.generate().fileText().strip();
    }

    /** The keytool next to the java running this code. */
    public static Path keytoolOfThisJava() {
        String executable = System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool";
        return Path.of(System.getProperty("java.home"), "bin", executable);
    }

    /**
     * Checks a machine's name for a key store.
     *
     * @throws IllegalArgumentException saying what a name may be
     */
    public static void requireValidName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a usable name (allowed: a host name or IPv4"
                    + " address: letters, digits, dots and dashes, at most 63 characters)");
        }
        if (name.equalsIgnoreCase("ca")) {
            throw new IllegalArgumentException("'" + name + "' is the CA's file name; choose another name");
        }
    }

    /** The key store file of the machine called {@code name}. */
    public Path keyStore(String name) {
        return directory.resolve(name + ".p12");
    }

    /** The CA's key store. */
    public Path authority() {
        return directory.resolve(AUTHORITY_FILE);
    }

    public boolean hasAuthority() {
        return Files.exists(authority());
    }

    /** Makes a new CA, named with today's date and a random tag so that two clusters' CAs differ. */
    public void createAuthority() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String tag = HexFormat.of().formatHex(random);
        String name = "CN=dartboard cluster CA " + LocalDate.now(ZoneOffset.UTC) + " " + tag;
        Path partial = directory.resolve(".ca-" + tag + ".p12");
        try {
            keytool("-genkeypair", "-alias", AUTHORITY_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", name, "-ext", "bc:c", "-ext", "KU=keyCertSign,cRLSign",
                    "-validity", String.valueOf(VALIDITY_DAYS),
                    "-keystore", partial.toString(), "-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE);
            restrictToOwner(partial);
            Files.move(partial, authority());
            writeAuthorityCertificate();
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write the CA to " + directory + ": " + failed.getMessage(), failed);
        } finally {
            deleteQuietly(partial);
        }
    }

    /**
     * Makes the key store of one machine, signed by the CA.
     *
     * @throws IllegalStateException when the CA is missing or the secret does not open it
     */
    public void createKeyStore(String name, Role role) {
        requireValidName(name);
        if (Files.exists(keyStore(name))) {
            throw new IllegalStateException(keyStore(name) + " already exists; it is not replaced");
        }
        KeyStore authority = open(authority());
        Path work = null;
        try {
            // keytool signs with a key of the same store: a private copy of the CA's store is the workbench.
            work = Files.createTempFile(directory, ".work-" + name + "-", ".p12", ownerOnly());
            Files.write(work, Files.readAllBytes(authority()));
            String subjectAlternativeName = (IPV4.matcher(name).matches() ? "ip:" : "dns:") + name;
            keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                    "-signer", AUTHORITY_ALIAS, "-ext", "SAN=" + subjectAlternativeName,
                    "-ext", "EKU=" + role.extendedKeyUsage, "-ext", "KU=digitalSignature",
                    "-validity", String.valueOf(VALIDITY_DAYS),
                    "-keystore", work.toString(), "-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE);
            KeyStore signed = open(work);
            char[] password = secret.keyStorePassword();
            try {
                Key key = signed.getKey(name, password);
                Certificate[] chain = signed.getCertificateChain(name);
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(name, (PrivateKey) key, password, chain);
                store.setCertificateEntry(AUTHORITY_ALIAS, authority.getCertificate(AUTHORITY_ALIAS));
                Path target = keyStore(name);
                try (OutputStream out = Files.newOutputStream(Files.createFile(target, ownerOnly()))) {
                    store.store(out, password);
                }
            } finally {
                Arrays.fill(password, '\0');
            }
        } catch (FileAlreadyExistsException exists) {
            throw new IllegalStateException(exists.getFile() + " already exists; it is not replaced", exists);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write the key store of " + name + ": " + failed.getMessage(),
                    failed);
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException("cannot make the key store of " + name + ": " + failed.getMessage(),
                    failed);
        } finally {
            deleteQuietly(work);
        }
    }

    /** The CA's certificate: who it is and until when, for the summary. */
    public X509Certificate authorityCertificate() {
        try {
            return (X509Certificate) open(authority()).getCertificate(AUTHORITY_ALIAS);
        } catch (GeneralSecurityException unreadable) {
            throw new IllegalStateException("cannot read the CA's certificate: " + unreadable.getMessage(), unreadable);
        }
    }

    private void writeAuthorityCertificate() throws IOException {
        try {
            Certificate certificate = open(authority()).getCertificate(AUTHORITY_ALIAS);
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Files.writeString(directory.resolve(AUTHORITY_CERTIFICATE_FILE), pem, StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException unreadable) {
            throw new IllegalStateException("cannot read the new CA's certificate: " + unreadable.getMessage(),
                    unreadable);
        }
    }

    private KeyStore open(Path file) {
        char[] password = secret.keyStorePassword();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException unusable) {
            throw new IllegalStateException(file + " does not open with the cluster's secret (" + unusable.getMessage()
                    + "); give the secret it was made with", unusable);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void keytool(String... arguments) {
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("keytool is not at " + keytool + "; it comes with every Java runtime:"
                    + " run dartboard with a complete one");
        }
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        char[] password = secret.keyStorePassword();
        builder.environment().put(PASSWORD_VARIABLE, new String(password));
        Arrays.fill(password, '\0');
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (exit " + process.exitValue() + "): "
                        + output.strip().lines().reduce((first, last) -> last).orElse("no message"));
            }
        } catch (IOException cannotRun) {
            throw new IllegalStateException("cannot run " + keytool + ": " + cannotRun.getMessage(), cannotRun);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", interrupted);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException leftBehind) {
            // A hidden work file left in the directory is harmless; the next run uses a new name.
        }
    }
}
