package org.dartboard.core;

/**
 * One dart of a run on the unit square, as the pictures of a run draw it: the point (x, y) and whether it
 * landed inside the quarter circle by the run's exact test. Made by {@link JobPlan#dart(long)}; public for
 * dartboard's pictures (the {@code watch} module).
 *
 * @param x from 0 (inclusive) to 1 (exclusive)
 * @param y from 0 (inclusive) to 1 (exclusive)
 * @param inside whether it landed inside the quarter circle
 */
public record Dart(double x, double y, boolean inside) {

    private static final double TWO_TO_32 = 0x1p32;

    /** The dart of a stream's random word: low 32 bits x, high 32 bits y. */
    static Dart of(long word) {
        double x = (word & 0xFFFF_FFFFL) / TWO_TO_32;
        double y = (word >>> 32) / TWO_TO_32;
        return new Dart(x, y, QuarterCircle.contains(word));
    }
}
