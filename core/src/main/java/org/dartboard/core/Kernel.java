package org.dartboard.core;

import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The loop that counts the points of jobs in this JVM, and why it was chosen, in words for the report and
 * the JSON output: for example {@code JDK 25.0.3, 8 lanes, calibrated in 0.42 s: 3.3 vs 0.42 G points/s}.
 *
 * <p>There are two loops, and they count exactly the same points for every seed and range: a plain scalar
 * one that runs anywhere, and a Vector API one that needs the JDK module {@value #VECTOR_MODULE}. The
 * vector loop is loaded by name, never referred to, so a JVM without the module gets the scalar loop and
 * the reason, not a {@code NoClassDefFoundError}.
 *
 * <p>{@link #auto()} decides once per JVM and remembers it: a node runs many jobs, and its choice costs up
 * to {@link #CALIBRATION_LIMIT} (about half a second where the vector loop is fast: the time the JIT takes
 * to compile it). That one remembered answer is the only state here, and it never changes.
 *
 * <p>Every farm counts its jobs through {@link #count}, in chunks of {@value #CHUNK_POINTS} points, so
 * that a cancelled job stops within a few milliseconds. Public for dartboard's farms, nodes and benchmarks;
 * a user of the library chooses a kernel with {@link Choice}.
 */
public final class Kernel {

    /** Which kernel to use, as a user asks for it. */
    public enum Choice {
        /** The faster one on this JVM: scalar for small runs, else measured. */
        AUTO,
        /** The plain loop, whatever the JVM. */
        SCALAR,
        /** The Vector API loop; refused where the JVM cannot run it. */
        VECTOR
    }

    /** The incubating JDK module the vector kernel needs. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * Below this many points per thread, {@link #auto(long)} takes the scalar kernel without calibrating:
     * about one second of scalar work, when calibrating takes about half of one.
     */
    public static final long AUTO_MIN_POINTS_PER_THREAD = 1L << 29;

    /**
     * Points counted between two checks for cancellation: 2.6 ms for the vector kernel at 3.2 G points/s,
     * 17 ms for the scalar one at 0.5 G points/s. The kernels' speed is the same from 2^16 to 2^24 points
     * per call, so this only weighs how soon a job stops against nothing measurable.
     */
    public static final long CHUNK_POINTS = 1L << 23;

    /** The longest a calibration runs: long enough for the JIT to compile the vector kernel on a busy machine. */
    static final Duration CALIBRATION_LIMIT = Duration.ofSeconds(2);

    private static final String VECTOR_LOOP = "org.dartboard.core.VectorKernel";

    private final CountingLoop loop;
    private final String reason;

    Kernel(CountingLoop loop, String reason) {
        this.loop = Objects.requireNonNull(loop, "loop");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a kernel choice says why it was made");
        }
        this.reason = reason;
    }

    /** The scalar kernel, because it was asked for. */
    public static Kernel scalar() {
        return new Kernel(new ScalarKernel(), "requested");
    }

    /**
     * The vector kernel, because it was asked for: loaded, compiled by the JIT and checked against the
     * scalar kernel before it is returned, so that the first jobs do not run in the interpreter. The
     * reason gives both kernels' measured speeds, whichever is faster.
     *
     * @throws IllegalStateException when this JVM cannot run it; the message says why
     */
    public static Kernel vector() {
        CountingLoop vector = loadVector();
        KernelCalibration.Result race = KernelCalibration.race(vector, new ScalarKernel(), CALIBRATION_LIMIT);
        if (!race.agreed()) {
            throw new IllegalStateException(disagreement(race));
        }
        return new Kernel(vector, "requested; " + jdk() + ", " + vector.lanes() + " lanes, calibrated in "
                + seconds(race) + ": " + rate(race.candidateRate()) + " vs scalar " + rate(race.referenceRate())
                + " G points/s");
    }

    /**
     * The faster kernel of this JVM, decided the first time it is asked for and the same ever after: the
     * scalar kernel when the vector one cannot be loaded, else the winner of a short calibration.
     */
    public static Kernel auto() {
        return Automatic.CHOICE;
    }

    /**
     * {@link #auto()} for a run of about {@code pointsPerThread} points on each thread; a run too small to
     * repay the calibration takes the scalar kernel at once.
     */
    public static Kernel auto(long pointsPerThread) {
        if (pointsPerThread < AUTO_MIN_POINTS_PER_THREAD) {
            return new Kernel(new ScalarKernel(), String.format(Locale.ROOT,
                    "a small run: %,d points per thread, under the %,d from which the vector kernel is calibrated",
                    pointsPerThread, AUTO_MIN_POINTS_PER_THREAD));
        }
        return auto();
    }

    /**
     * The kernel a user's choice gives for a run of about {@code pointsPerThread} points on each thread.
     *
     * @throws IllegalStateException for {@link Choice#VECTOR} where this JVM cannot run it; the message says why
     */
    public static Kernel of(Choice choice, long pointsPerThread) {
        return switch (choice) {
            case SCALAR -> scalar();
            case VECTOR -> vector();
            case AUTO -> auto(pointsPerThread);
        };
    }

    /** The kernel's short name, such as {@code vector}. */
    public String name() {
        return loop.name();
    }

    /** Why this kernel, one line. */
    public String reason() {
        return reason;
    }

    /**
     * Counts the points {@code first, first + 1, ..., first + count - 1} (indices modulo 2<sup>64</sup>)
     * of the stream of {@code seed} that land inside the quarter circle, in one call: for benchmarks and
     * checks. Farms use {@link #count}.
     *
     * @param count how many points, at least 0
     */
    public long countInside(long seed, long first, long count) {
        return loop.countInside(seed, first, count);
    }

    /** The points of the job that land inside, in one call. */
    public long countInside(JobSpec job) {
        return countRange(job, job.firstPoint(), job.points());
    }

    /**
     * Counts a job on the calling thread, checking {@code cancelled} before each chunk of
     * {@value #CHUNK_POINTS} points.
     *
     * @param worker the name recorded in the result (a thread or a node)
     * @return the result, or null when cancelled before the end
     */
    public JobResult count(JobSpec job, String worker, BooleanSupplier cancelled) {
        long startedAt = System.currentTimeMillis();
        long started = System.nanoTime();
        long inside = 0;
        for (long done = 0; done < job.points(); done += CHUNK_POINTS) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            long chunk = Math.min(CHUNK_POINTS, job.points() - done);
            inside += countRange(job, job.firstPoint() + done, chunk);
        }
        return new JobResult(job.id(), job.points(), inside, worker, startedAt, System.nanoTime() - started);
    }

    @Override
    public String toString() {
        return name() + " (" + reason + ")";
    }

    /** Part of a job: its darts' loop, on its stream or its replica's lattice. */
    private long countRange(JobSpec job, long first, long count) {
        return job.darts() == JobPlan.Darts.RANDOM ? loop.countInside(job.seed(), first, count)
                : loop.countLatticeInside(Lattice.shift(job.seed(), job.replica()), first, count);
    }

    /** Decided when first used: the class initialisation is the JVM's own once-only, thread-safe latch. */
    private static final class Automatic {
        static final Kernel CHOICE = choose();
    }

    private static Kernel choose() {
        CountingLoop scalar = new ScalarKernel();
        CountingLoop vector;
        try {
            vector = loadVector();
        } catch (IllegalStateException unavailable) {
            return new Kernel(scalar, unavailable.getMessage());
        }
        KernelCalibration.Result race = KernelCalibration.race(vector, scalar, CALIBRATION_LIMIT);
        if (!race.agreed()) {
            return new Kernel(scalar, disagreement(race));
        }
        String measured = rate(race.candidateRate()) + " vs " + rate(race.referenceRate()) + " G points/s";
        if (race.faster()) {
            return new Kernel(vector, jdk() + ", " + vector.lanes() + " lanes, calibrated in " + seconds(race)
                    + ": " + measured);
        }
        return new Kernel(scalar, jdk() + ": the vector kernel was not " + KernelCalibration.MIN_SPEEDUP
                + "× as fast in " + seconds(race) + " of calibration: " + measured);
    }

    /**
     * The vector loop, loaded by name.
     *
     * @throws IllegalStateException when this JVM cannot run it; the message says why
     */
    static CountingLoop loadVector() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            throw new IllegalStateException(ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent()
                    ? jdk() + " was started without --add-modules " + VECTOR_MODULE
                    : jdk() + " has no " + VECTOR_MODULE + " module");
        }
        try {
            return (CountingLoop) Class.forName(VECTOR_LOOP).getDeclaredConstructor().newInstance();
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
