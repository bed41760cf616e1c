package org.dartboard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where dartboard looks for its settings file, in order: {@code --config FILE}, else the file named by
 * {@code DARTBOARD_CONFIG}, else {@code ./dartboard.properties}, else
 * {@code $XDG_CONFIG_HOME/dartboard/dartboard.properties} (by default {@code ~/.config/...}), else
 * {@code /etc/dartboard/dartboard.properties}. The first two must exist when given; the others are used
 * when they exist. Naming {@code /dev/null} reads no settings at all; any other file that is not a regular
 * file (a named pipe, a device) is refused rather than waited on or read without end. The places are values,
 * so tests can point them at a temporary folder. This is the only place that knows the order: the {@code dartboard} launcher reads no settings file.
 */
record ConfigLocations(Map<String, String> environment, Path workingDirectory, Path userHome, Path systemFile) {

    static final String FILE_NAME = "dartboard.properties";
    static final String ENVIRONMENT_VARIABLE = "DARTBOARD_CONFIG";
    static final Path SYSTEM_FILE = Path.of("/etc/dartboard", FILE_NAME);
    private static final Path NULL_DEVICE = Path.of("/dev/null");

    /** A settings file that was found, and how: shown in the run's report and the node's log. */
    record Found(Path path, String foundBy) {
        @Override
        public String toString() {
            return path + " (" + foundBy + ")";
        }
    }

    /**
     * The places of this process: its environment, working directory and home. The home is $HOME, as for the
     * launcher and the XDG rules (Java's user.home is the password database's, whatever $HOME says).
     */
    static ConfigLocations ofThisProcess() {
        String home = System.getenv("HOME");
        Path userHome = home != null && Path.of(home).isAbsolute() ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return new ConfigLocations(System.getenv(), Path.of("").toAbsolutePath(), userHome, SYSTEM_FILE);
    }

    /**
     * The settings file to use, if any.
     *
     * @param explicit the {@code --config} value, or null
     * @throws IllegalArgumentException naming the missing file, when {@code --config} or the environment
     *     variable names a file that does not exist
     */
    Optional<Found> find(Path explicit) {
        if (explicit != null) {
            String given = "Invalid value for option '--config': " + explicit;
            requireFile(explicit, given);
            return settingsIn(explicit.toAbsolutePath().normalize(), "--config", given);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            Path named = workingDirectory.resolve(fromEnvironment);
            String given = ENVIRONMENT_VARIABLE + "=" + fromEnvironment;
            requireFile(named, given);
            return settingsIn(named.normalize(), ENVIRONMENT_VARIABLE, given);
        }
        for (Found candidate : searched()) {
            if (Files.exists(candidate.path())) {
                requireReadable(candidate.path(), "settings file " + candidate);
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The places looked at when neither --config nor the environment variable names a file. */
    List<Found> searched() {
        List<Found> places = new ArrayList<>();
        places.add(new Found(workingDirectory.resolve(FILE_NAME), "working directory"));
        places.add(new Found(configHome().resolve("dartboard").resolve(FILE_NAME), "user settings"));
        places.add(new Found(systemFile, "system settings"));
        return places;
    }

    /** {@code $XDG_CONFIG_HOME} when set to an absolute path (as the XDG specification asks), else ~/.config. */
    private Path configHome() {
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return userHome.resolve(".config");
    }

    /** /dev/null is the way to say "no settings"; any other file that is not a regular one is refused. */
    private static Optional<Found> settingsIn(Path path, String foundBy, String given) {
        if (isNullDevice(path)) {
            return Optional.empty();
        }
        requireReadable(path, given);
        return Optional.of(new Found(path, foundBy));
    }

    /**
     * A settings file is read whole before the command starts: a named pipe would wait for a writer forever,
     * and a device such as /dev/zero would never end, so neither is opened.
     */
    private static void requireReadable(Path path, String given) {
        FileKind kind = FileKind.of(path);
        if (kind != FileKind.REGULAR && !isNullDevice(path)) {
            throw new IllegalArgumentException(given + ": is " + kind.words() + ", not a settings file (give a regular"
                    + " file, or /dev/null for no settings)");
        }
    }

    private static boolean isNullDevice(Path path) {
        try {
            return Files.isSameFile(path, NULL_DEVICE);
        } catch (IOException | SecurityException notThere) {
            return false;
        }
    }

    private static void requireFile(Path path, String given) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(given + ": no such settings file");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(given + ": is a folder, not a settings file");
        }
    }
}
