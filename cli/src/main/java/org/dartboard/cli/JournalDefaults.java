package org.dartboard.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.dartboard.run.Estimation;

/**
 * Where this user's default journals go: the XDG state directory ({@code $XDG_STATE_HOME/dartboard/journals},
 * else {@code ~/.local/state/dartboard/journals}), so that no file appears in the working directory
 * unexpectedly; and from how many points a run keeps one ({@link Estimation#DEFAULT_JOURNAL_FROM_POINTS}).
 * The library decides the rest.
 *
 * @param directory where default journals go
 * @param fromPoints the smallest plan, in points, that gets a journal by default
 */
record JournalDefaults(Path directory, BigInteger fromPoints) {

    /** The default threshold as the help and the report write it: {@code 10^11}. */
    static final String THRESHOLD_TEXT = "10^" + Estimation.DEFAULT_JOURNAL_FROM_POWER_OF_TEN;

    /** The defaults for this user: from the environment's {@code XDG_STATE_HOME}, or the home directory. */
    static JournalDefaults of(Map<String, String> environment, Path home) {
        String stateHome = environment.get("XDG_STATE_HOME");
        // The XDG specification says to ignore a relative path there.
        Path state = stateHome != null && !stateHome.isBlank() && Path.of(stateHome).isAbsolute()
                ? Path.of(stateHome) : home.resolve(".local").resolve("state");
        return new JournalDefaults(state.resolve("dartboard").resolve("journals"),
                Estimation.DEFAULT_JOURNAL_FROM_POINTS);
    }

    /** The defaults for the environment and home of these places (the settings file's, which know $HOME). */
    static JournalDefaults of(ConfigLocations places) {
        return of(places.environment(), places.userHome());
    }
}
