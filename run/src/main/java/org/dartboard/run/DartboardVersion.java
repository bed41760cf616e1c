package org.dartboard.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this dartboard build, from the properties file Maven fills in. Shown by
 * {@code --version}, written in the JSON output, and compared between a client and its nodes, which must
 * run the same version. Public for dartboard's modules (the cluster compares versions, the command line
 * prints it).
 */
public final class DartboardVersion {

    /**
     * A system property that replaces the build's version: the one way for a test to start a node of
     * another version. Not an API: never set it in production.
     */
    static final String OVERRIDE_PROPERTY = "dartboard.version.override";

    private static final String RESOURCE = "/dartboard-version.properties";

    private DartboardVersion() {
    }

    /** This build's version, such as {@code 0.1.0}. */
    public static String current() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return override;
        }
        try (InputStream in = DartboardVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
