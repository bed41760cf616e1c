package org.dartboard.core;

import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Locale;

/**
 * Chooses the kernel that counts the points in this JVM: the {@link VectorKernel} where it is present and
 * measured faster, the {@link ScalarKernel} otherwise, each with the reason for the report.
 *
 * <p>{@link #auto()} decides once per JVM and remembers it: a node runs many jobs, and its choice costs up
 * to {@link #CALIBRATION_LIMIT} (about half a second where the vector kernel is fast: the time the JIT
 * takes to compile it). That one remembered answer is the only state here, and it never changes.
 *
 * <p>The vector kernel is loaded by name, never referred to: a JVM started without
 * {@code --add-modules jdk.incubator.vector}, or a JDK without that module, gets the scalar kernel and the
 * reason, not a {@code NoClassDefFoundError}.
 */
public final class Kernels {

    /** The incubating JDK module the vector kernel needs. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * Below this many points per thread, {@link #auto(long)} takes the scalar kernel without calibrating:
     * about one second of scalar work, when calibrating takes about half of one.
     */
    public static final long AUTO_MIN_POINTS_PER_THREAD = 1L << 29;

    /** The longest a calibration runs: long enough for the JIT to compile the vector kernel on a busy machine. */
    static final Duration CALIBRATION_LIMIT = Duration.ofSeconds(2);

    private static final String VECTOR_KERNEL = "org.dartboard.core.VectorKernel";

    private Kernels() {
    }

    /** The scalar kernel, because it was asked for. */
    public static KernelChoice scalar() {
        return new KernelChoice(new ScalarKernel(), "requested");
    }

    /**
     * The vector kernel, because it was asked for: loaded, compiled by the JIT and checked against the
     * scalar kernel before it is returned, so that the first jobs do not run in the interpreter. The
     * reason gives both kernels' measured speeds, whichever is faster.
     *
     * @throws IllegalStateException when this JVM cannot run it; the message says why
     */
    public static KernelChoice vector() {
        Kernel vector = loadVector();
        KernelCalibration.Result race = KernelCalibration.race(vector, new ScalarKernel(), CALIBRATION_LIMIT);
        if (!race.agreed()) {
            throw new IllegalStateException(disagreement(race));
        }
        return new KernelChoice(vector, "requested; " + jdk() + ", " + lanes(vector) + " lanes, calibrated in "
                + seconds(race) + ": " + rate(race.candidateRate()) + " vs scalar " + rate(race.referenceRate())
                + " G points/s");
    }

    /**
     * The faster kernel of this JVM, decided the first time it is asked for and the same ever after: the
     * scalar kernel when the vector one cannot be loaded, else the winner of a short calibration.
     */
    public static KernelChoice auto() {
        return Automatic.CHOICE;
    }

    /**
     * {@link #auto()} for a run of about {@code pointsPerThread} points on each thread; a run too small to
     * repay the calibration takes the scalar kernel at once.
     */
    public static KernelChoice auto(long pointsPerThread) {
        if (pointsPerThread < AUTO_MIN_POINTS_PER_THREAD) {
            return new KernelChoice(new ScalarKernel(), String.format(Locale.ROOT,
                    "a small run: %,d points per thread, under the %,d from which the vector kernel is calibrated",
                    pointsPerThread, AUTO_MIN_POINTS_PER_THREAD));
        }
        return auto();
    }

    /** Decided when first used: the class initialisation is the JVM's own once-only, thread-safe latch. */
    private static final class Automatic {
        static final KernelChoice CHOICE = choose();
    }

    private static KernelChoice choose() {
        Kernel scalar = new ScalarKernel();
        Kernel vector;
        try {
            vector = loadVector();
        } catch (IllegalStateException unavailable) {
            return new KernelChoice(scalar, unavailable.getMessage());
        }
        KernelCalibration.Result race = KernelCalibration.race(vector, scalar, CALIBRATION_LIMIT);
        if (!race.agreed()) {
            return new KernelChoice(scalar, disagreement(race));
        }
        String measured = rate(race.candidateRate()) + " vs " + rate(race.referenceRate()) + " G points/s";
        if (race.faster()) {
            return new KernelChoice(vector, jdk() + ", " + lanes(vector) + " lanes, calibrated in " + seconds(race)
                    + ": " + measured);
        }
        return new KernelChoice(scalar, jdk() + ": the vector kernel was not " + KernelCalibration.MIN_SPEEDUP
                + "× as fast in " + seconds(race) + " of calibration: " + measured);
    }

    /**
     * The vector kernel, loaded by name.
     *
     * @throws IllegalStateException when this JVM cannot run it; the message says why
     */
    static Kernel loadVector() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            throw new IllegalStateException(ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent()
                    ? jdk() + " was started without --add-modules " + VECTOR_MODULE
                    : jdk() + " has no " + VECTOR_MODULE + " module");
        }
        try {
            return (Kernel) Class.forName(VECTOR_KERNEL).getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException failed) {
            throw cannotRun(failed.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException failed) {
            // LinkageError: classes of another JDK's Vector API, an initialiser that failed on this platform.
            throw cannotRun(failed);
        }
    }

    private static IllegalStateException cannotRun(Throwable cause) {
        return new IllegalStateException("the vector kernel cannot run on " + jdk() + ": " + cause, cause);
    }

    private static String disagreement(KernelCalibration.Result race) {
        return "the vector kernel disagreed with the scalar kernel on " + jdk() + " (" + race.disagreement()
                + "); please report it";
    }

    private static int lanes(Kernel vector) {
        try {
            return (int) vector.getClass().getMethod("lanes").invoke(null);
        } catch (ReflectiveOperationException impossible) {
            throw new IllegalStateException("VectorKernel.lanes() is missing", impossible);
        }
    }

    private static String jdk() {
        return "JDK " + System.getProperty("java.version");
    }

    private static String seconds(KernelCalibration.Result race) {
        double seconds = race.took().toNanos() / 1e9;
        // Already compiled by the JIT (a second choice in the same JVM): milliseconds.
        return seconds >= 0.1 ? String.format(Locale.ROOT, "%.2f s", seconds)
                : String.format(Locale.ROOT, "%.1f ms", seconds * 1e3);
    }

    private static String rate(double pointsPerSecond) {
        return String.format(Locale.ROOT, "%.2g", pointsPerSecond / 1e9);
    }
}
