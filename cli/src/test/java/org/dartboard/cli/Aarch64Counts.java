package org.dartboard.cli;

import org.dartboard.core.JobPlan;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;

/**
 * A tiny program that {@link Aarch64IT} runs on the emulated arm64 JVM: it prints the JVM's architecture,
 * then the scalar kernel's count of each range it is given, one a line, for the test to compare with the
 * counts of this machine's JVM.
 *
 * <p>A range is {@code random:SEED:FIRST:COUNT} (points of the seed's stream) or
 * {@code lattice:SEED:REPLICA:FIRST:COUNT} (points of one replica's shifted lattice); numbers are signed
 * 64-bit decimals, so a first point of -3000 is 3,000 points before the 2<sup>64</sup> wrap-around.
 */
public final class Aarch64Counts {

    private Aarch64Counts() {
    }

    public static void main(String[] ranges) {
        System.out.println(System.getProperty("os.arch"));
        for (String range : ranges) {
            System.out.println(count(range));
        }
    }

    /** The scalar kernel's count of one range, written as above. */
    static long count(String range) {
        String[] parts = range.split(":");
        JobSpec job = switch (parts[0]) {
            case "random" -> new JobSpec(0, Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]));
            case "lattice" -> new JobSpec(0, Long.parseLong(parts[1]), Long.parseLong(parts[3]),
                    Long.parseLong(parts[4]), JobPlan.Darts.LATTICE, Integer.parseInt(parts[2]));
            default -> throw new IllegalArgumentException("not a range: " + range);
        };
        return Kernel.scalar().countInside(job);
    }
}
