package org.dartboard.core;

import java.util.Objects;

/**
 * The kernel a JVM counts with, and why it was chosen, in words for the run report and the JSON output:
 * for example {@code JDK 25.0.3, 8 lanes: calibrated at 3.2 vs 0.51 G points/s}.
 *
 * @param kernel what counts the points
 * @param reason why this kernel, one line
 */
public record KernelChoice(Kernel kernel, String reason) {

    public KernelChoice {
        Objects.requireNonNull(kernel, "kernel");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a kernel choice says why it was made");
        }
    }

    /** The kernel's short name, such as {@code vector}. */
    public String name() {
        return kernel.name();
    }
}
