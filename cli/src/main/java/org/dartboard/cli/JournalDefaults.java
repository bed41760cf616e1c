package org.dartboard.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.dartboard.core.JobPlan;

/**
 * When a run keeps a journal without being asked, and where: runs of at least {@code fromPoints} points
 * (long enough that losing them hurts), in {@code directory}, the XDG state directory
 * ({@code $XDG_STATE_HOME/dartboard/journals}, else {@code ~/.local/state/dartboard/journals}), so that no
 * file appears in the working directory unexpectedly. Such a journal is deleted once its run completes.
 *
 * @param directory where default journals go
 * @param fromPoints the smallest plan, in points, that gets a journal by default
 */
record JournalDefaults(Path directory, BigInteger fromPoints) {

    /** 10^11 points: about 100 s on two cores with the scalar kernel, many minutes on a Raspberry Pi. */
    static final BigInteger DEFAULT_FROM_POINTS = BigInteger.TEN.pow(11);

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The defaults for this user: from the environment's {@code XDG_STATE_HOME}, or the home directory. */
    static JournalDefaults of(Map<String, String> environment, Path home) {
        String stateHome = environment.get("XDG_STATE_HOME");
        // The XDG specification says to ignore a relative path there.
        Path state = stateHome != null && !stateHome.isBlank() && Path.of(stateHome).isAbsolute()
                ? Path.of(stateHome) : home.resolve(".local").resolve("state");
        return new JournalDefaults(state.resolve("dartboard").resolve("journals"), DEFAULT_FROM_POINTS);
    }

    /** The defaults for the environment and home of these places (the settings file's, which know $HOME). */
    static JournalDefaults of(ConfigLocations places) {
        return of(places.environment(), places.userHome());
    }

    /** Whether a run of this plan keeps a journal when neither --journal nor --no-journal is given. */
    boolean keepsJournal(JobPlan plan) {
        return plan.totalPoints().compareTo(fromPoints) >= 0;
    }

    /** Whether this file is one of the default journals, deleted once its run completes. */
    boolean holds(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null && parent.equals(directory.toAbsolutePath().normalize());
    }

    /**
     * A new, unused file name for a run's journal, such as {@code run-20250601T093005Z-seed-42.journal},
     * creating the directory when needed. The caller creates the file.
     */
    Path newFile(JobPlan plan, Instant now) throws IOException {
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException notADirectory) {
            throw new IOException(directory + " exists and is not a directory", notADirectory);
        }
        String stem = "run-" + STAMP.format(now) + "-seed-" + SeedParser.format(plan.seed());
        Path file = directory.resolve(stem + ".journal");
        for (int second = 2; Files.exists(file); second++) {
            file = directory.resolve(stem + "-" + second + ".journal");
        }
        return file;
    }
}
