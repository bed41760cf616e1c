package org.dartboard.cluster.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import javax.cache.configuration.Factory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

/**
 * This machine's TLS identity in a cluster: its key and certificate, and the cluster's CA, which is the only
 * issuer it trusts (mutual TLS: nodes and clients each show a certificate the CA signed). Loaded from one
 * PKCS12 key store made by {@code dartboard certs}, whose password is the cluster's secret, and checked
 * once, when the node or client starts, so that a wrong file fails then with a message and not later with
 * a handshake error.
 */
final class ClusterTls {

    private final Path keyStore;
    private final X509Certificate certificate;
    private final List<X509Certificate> authorities;
    private final SSLContext context;

    private ClusterTls(Path keyStore, X509Certificate certificate, List<X509Certificate> authorities,
            SSLContext context) {
        this.keyStore = keyStore;
        this.certificate = certificate;
        this.authorities = List.copyOf(authorities);
        this.context = context;
    }

    /**
     * Opens and checks a key store.
     *
     * @throws IllegalArgumentException naming what is wrong: unreadable, not opened by the secret, not one key,
     *     no CA, a certificate the CA did not sign, or one that has expired
     */
    static ClusterTls load(Path keyStore, ClusterSecret secret) {
        char[] password = secret.keyStorePassword();
        KeyStore store = open(keyStore, password);
        try {
            List<String> keys = new ArrayList<>();
            List<X509Certificate> authorities = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                } else if (store.getCertificate(alias) instanceof X509Certificate authority) {
                    authorities.add(authority);
                }
            }
            if (keys.size() != 1) {
                throw new IllegalArgumentException("it holds " + keys.size() + " keys; a dartboard key store holds"
                        + " exactly one, this machine's (make them with 'dartboard certs')");
            }
            if (authorities.isEmpty()) {
                throw new IllegalArgumentException("it holds no CA certificate to trust; make key stores with"
                        + " 'dartboard certs'");
            }
            if (!(store.getCertificate(keys.get(0)) instanceof X509Certificate certificate)) {
                throw new IllegalArgumentException("its key has no X.509 certificate");
            }
            requireValid(certificate);
            requireIssuedByOneOf(certificate, authorities);
            return new ClusterTls(keyStore, certificate, authorities, context(store, password, authorities));
        } catch (GeneralSecurityException unusable) {
            throw new IllegalArgumentException("it cannot be used: " + unusable.getMessage(), unusable);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** A factory for Ignite (discovery, communication, the client connector) and the thin client. */
    Factory<SSLContext> contextFactory() {
        return new Fixed(context);
    }

    /** "TLS as CN=pi1 (CA CN=dartboard cluster CA, until 2035-05-01)": for the log line a node starts with. */
    String description() {
        return "TLS as " + name(certificate.getSubjectX500Principal()) + " (CA " + name(authorities.get(0)
                .getSubjectX500Principal()) + ", until " + LocalDate.ofInstant(certificate.getNotAfter().toInstant(),
                ZoneOffset.UTC) + ")";
    }

    /** The key store file. */
    Path keyStore() {
        return keyStore;
    }

    private static KeyStore open(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException unreadable) {
            if (unreadable.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("the cluster's secret does not open it: it was made with another"
                        + " secret", unreadable);
            }
            throw new IllegalArgumentException("it is not a PKCS12 key store that the cluster's secret opens ("
                    + unreadable.getMessage() + ")", unreadable);
        } catch (GeneralSecurityException unusable) {
            throw new IllegalArgumentException("it cannot be read: " + unusable.getMessage(), unusable);
        }
    }

    private static void requireValid(X509Certificate certificate) {
        try {
            certificate.checkValidity(new Date());
        } catch (CertificateExpiredException expired) {
            throw new IllegalArgumentException("its certificate expired on " + certificate.getNotAfter()
                    + "; make new key stores with 'dartboard certs'", expired);
        } catch (CertificateNotYetValidException early) {
            throw new IllegalArgumentException("its certificate is valid only from " + certificate.getNotBefore()
                    + "; is this machine's clock right?", early);
        }
    }

    /** Key stores of two different 'dartboard certs' runs would fail every handshake: say so at start. */
    private static void requireIssuedByOneOf(X509Certificate certificate, List<X509Certificate> authorities) {
        for (X509Certificate authority : authorities) {
            try {
                certificate.verify(authority.getPublicKey());
                return;
            } catch (GeneralSecurityException notThisOne) {
                // Try the next authority.
            }
        }
        throw new IllegalArgumentException("its certificate (" + name(certificate.getSubjectX500Principal())
                + ") was not signed by the CA it trusts (" + name(authorities.get(0).getSubjectX500Principal())
                + "); use key stores from the same 'dartboard certs' run");
    }

    private static SSLContext context(KeyStore store, char[] password, List<X509Certificate> authorities)
            throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        // Trust the CA only, not every certificate that happens to be in the store.
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try {
            trusted.load(null, null);
        } catch (IOException impossible) {
            throw new IllegalStateException("an empty key store cannot fail to load", impossible);
        }
        for (int index = 0; index < authorities.size(); index++) {
            trusted.setCertificateEntry("ca-" + index, authorities.get(index));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static String name(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }

    /** The file only: a certificate's own text is pages long. */
    @Override
    public String toString() {
        return "ClusterTls[" + keyStore + "]";
    }

    /**
     * Ignite asks for a factory, and keeps it in its configuration, which must be serializable; the context
     * itself is built once and never travels.
     */
    private static final class Fixed implements Factory<SSLContext> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient SSLContext context;

        Fixed(SSLContext context) {
            this.context = context;
        }

        @Override
        public SSLContext create() {
            if (context == null) {
                throw new IllegalStateException("a TLS context does not travel between JVMs");
            }
            return context;
        }
    }
}
