package org.dartboard.cluster.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dartboard.run.Farms;

/**
 * The secret a cluster's nodes and clients share. It never leaves the process: nodes and clients prove
 * they know it with a token derived from it (HMAC-SHA-256 of a fixed label), a different one for nodes and
 * for clients, and it is the password of the cluster's TLS key stores. Its text is never printed.
 */
final class ClusterSecret {

    /** The longest secret accepted, in characters: a secret is one line, not a file of any size. */
    static final int MAX_LENGTH = Farms.MAX_SECRET_LENGTH;

    private static final int GENERATED_BYTES = 32;

    private final String text;

    private ClusterSecret(String text) {
        this.text = text;
    }

    /**
     * The secret written in {@code text}, without the whitespace around it (a file's final newline).
     *
     * @throws IllegalArgumentException when nothing is left, or more than {@link #MAX_LENGTH} characters
     */
    static ClusterSecret of(String text) {
        String secret = text.strip();
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        if (secret.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("it is longer than " + MAX_LENGTH + " characters; a secret is one line");
        }
        return new ClusterSecret(secret);
    }

    /** A new random secret: 32 bytes from a strong generator, as 43 URL-safe Base64 characters. */
    static ClusterSecret generate() {
        byte[] random = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(random);
        return new ClusterSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** The text to write to a new secret file. */
    String fileText() {
        return text + "\n";
    }

    /** The password of the cluster's key stores. A new array each time, for the caller to keep or wipe. */
    char[] keyStorePassword() {
        return text.toCharArray();
    }

    /** What a node shows the cluster to prove it has the secret. */
    String nodeToken() {
        return token("dartboard node");
    }

    /** What a client shows a node to prove it has the secret. */
    String clientToken() {
        return token("dartboard client");
    }

    /** Whether {@code given} is the expected token, in a time that does not depend on where they differ. */
    static boolean sameToken(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private String token(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(text.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(label.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("this Java runtime has no HmacSHA256, which every Java runtime must have",
                    missing);
        }
    }

    /** Never the secret itself: this ends up in logs and assertion messages. */
    @Override
    public String toString() {
        return "ClusterSecret[hidden]";
    }
}
