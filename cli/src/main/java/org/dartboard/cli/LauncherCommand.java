package org.dartboard.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command that started this dartboard, as the user typed it, for the commands the reports print to be
 * pasted back: {@code ./dartboard} in the source tree, {@code bin/dartboard} in the archive (the launcher
 * says which in {@value #VARIABLE}), else {@code java -jar} with this jar.
 */
final class LauncherCommand {

    static final String VARIABLE = "DARTBOARD_LAUNCHER";

    private LauncherCommand() {
    }

    /** The words that start dartboard again, before the command's own. */
    static List<String> of(Map<String, String> environment) {
        String launcher = environment.get(VARIABLE);
        if (launcher != null && !launcher.isBlank()) {
            return List.of(launcher);
        }
        // Without the launcher: the jar this class came from, or, run from the build's classes, the name.
        return thisJar().map(jar -> List.of("java", "-jar", jar.toString())).orElse(List.of("dartboard"));
    }

    private static Optional<Path> thisJar() {
        try {
            var source = LauncherCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException unknown) {
            return Optional.empty();
        }
    }
}
