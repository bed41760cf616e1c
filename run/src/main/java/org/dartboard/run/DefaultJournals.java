package org.dartboard.run;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.dartboard.core.JobPlan;

/**
 * When a run keeps a journal without being given one, and where: runs of at least {@code fromPoints}
 * points (long enough that losing them hurts) get one in {@code directory}, named after the time and the
 * seed. Such a journal is deleted once its run completes.
 *
 * @param directory where default journals go
 * @param fromPoints the smallest plan, in points, that gets a journal by default
 */
record DefaultJournals(Path directory, BigInteger fromPoints) {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Whether a run of this plan keeps a default journal. */
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
        String stem = "run-" + STAMP.format(now) + "-seed-" + Long.toUnsignedString(plan.seed());
        Path file = directory.resolve(stem + ".journal");
        for (int second = 2; Files.exists(file); second++) {
            file = directory.resolve(stem + "-" + second + ".journal");
        }
        return file;
    }
}
