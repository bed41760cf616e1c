package org.dartboard.watch;

import java.util.Objects;
import org.dartboard.core.JobPlan;

/**
 * Which darts a run throws, as the pictures name them in their titles and legends: {@code random darts}, or
 * {@code lattice darts, 16 replicas}.
 *
 * @param darts random or lattice
 * @param replicas how many replicas of lattice darts; 1 for random darts
 */
record DartsKind(JobPlan.Darts darts, int replicas) {

    /** Random darts, the original's. */
    static final DartsKind RANDOM = new DartsKind(JobPlan.Darts.RANDOM, 1);

    /** What the error chart calls the random darts' standard error beside a lattice's: the yardstick. */
    static final String YARDSTICK_LABEL = "random darts' standard error at as many points (n^-1/2)";

    /** What the error chart calls the distance of the estimate from the true π. */
    static final String ACTUAL_ERROR_LABEL = "actual error |estimate − π|";

    DartsKind {
        Objects.requireNonNull(darts, "darts");
    }

    /** The darts of a plan. */
    static DartsKind of(JobPlan plan) {
        return new DartsKind(plan.darts(), plan.replicas());
    }

    /** Whether these are lattice darts, whose error bar comes from their replicas' spread. */
    boolean isLattice() {
        return darts == JobPlan.Darts.LATTICE;
    }

    /** {@code random darts}, or {@code lattice darts, 16 replicas}. */
    String label() {
        return isLattice() ? "lattice darts, " + replicas + " replicas" : "random darts";
    }

    /** What the error chart calls the run's own standard error. */
    String standardErrorLabel() {
        return isLattice() ? "lattice darts' standard error (spread of the " + replicas + " replicas)"
                : "random darts' standard error (n^-1/2)";
    }

    /** What the estimate chart calls its line and band. */
    String bandLabel() {
        return isLattice() ? "estimate with its 95% confidence band (replicas' spread, Student's t)"
                : "estimate with its 95% confidence band";
    }
}
