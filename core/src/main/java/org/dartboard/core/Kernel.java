package org.dartboard.core;

import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The loop that counts the points of jobs in this JVM, and why it was chosen, in words for the report and
 * the JSON output: for example {@code JDK 25.0.3, 8 lanes, calibrated in 1.06 s: 5.9 (masks; carry bits
 * 5.2) vs 0.66 G points/s}.
 *
 * <p>The loops count exactly the same points for every seed and range: a plain scalar one that runs
 * anywhere, and Vector API ones that need the JDK module {@value #VECTOR_MODULE}, one for each way of
 * counting the lanes inside ({@code LaneCounting}), since which is fastest depends on the JIT and the CPU.
 * A vector loop is taken only if it beat the scalar one in a race and then again in a duel. The vector
 * loops are loaded by name, never referred to, so a JVM without the module gets the scalar loop and the
 * reason, not a {@code NoClassDefFoundError}.
 *
 * <p>{@link #auto()} decides once per JVM and remembers it: a node runs many jobs, and its choice costs up
 * to {@link #CALIBRATION_LIMIT} a vector loop: they race the scalar one together, so that the JIT compiles
 * them back to back (about a second in all where they are fast, most of it the JIT's time). That one
 * remembered answer is the only state here, and it never changes. A choice of the scalar kernel made while
 * the JIT had not compiled the vector loops yet says so ({@link #unsettled()}), and {@link #recheck()} races
 * them again; {@link RecheckedKernel} does that for a node, later in its life.
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
     * about 1.3 s of scalar work (at 0.8 G points/s), when calibrating both vector loops takes about one.
     */
    public static final long AUTO_MIN_POINTS_PER_THREAD = 1L << 30;

    /**
     * Points counted between two checks for cancellation: 1.5 ms for the vector kernel at 5.5 G points/s,
     * 10 ms for the scalar one at 0.8 G points/s. The kernels' speed is the same from 2^16 to 2^24 points
     * per call, so this only weighs how soon a job stops against nothing measurable.
     */
    public static final long CHUNK_POINTS = 1L << 23;

    /**
     * The longest a calibration's race runs, per vector loop in it: long enough for the JIT to compile them,
     * one after another on the one C2 thread of a small machine, when that machine is busy. The loops race
     * together but at most as long in all as they did one after another (6 s for three), because a busy
     * machine's JIT needs as long to compile them either way: with 3 s in all, a JVM whose 2 cores 4 other
     * threads kept busy lost the first race that it won in 4.7 s of a 6 s limit (KernelUnderLoadTest).
     */
    static final Duration CALIBRATION_LIMIT = Duration.ofSeconds(2);

    /**
     * The longest the race of a {@link #recheck()} runs, per vector loop in it: loops that the JIT has
     * compiled since the first race win theirs in a millisecond, and loops that are still slow (not compiled
     * yet, or never fast here) lose as surely in a quarter of a second as in two.
     */
    static final Duration RECHECK_LIMIT = Duration.ofMillis(250);

    private static final String VECTOR_LOOP = "org.dartboard.core.VectorKernel";

    private final CountingLoop loop;
    private final String reason;
    /** The candidates that lost to {@link #loop} too slowly to be believed, to race again; else empty. */
    private final List<CountingLoop> unsettledCandidates;

    Kernel(CountingLoop loop, String reason) {
        this(loop, reason, List.of());
    }

    private Kernel(CountingLoop loop, String reason, List<CountingLoop> unsettledCandidates) {
        this.loop = Objects.requireNonNull(loop, "loop");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a kernel choice says why it was made");
        }
        this.reason = reason;
        this.unsettledCandidates = List.copyOf(unsettledCandidates);
    }

    /** The scalar kernel, because it was asked for. */
    public static Kernel scalar() {
        return new Kernel(new ScalarKernel(), "requested");
    }

    /**
     * The vector kernel, because it was asked for: loaded, compiled by the JIT and checked against the
     * scalar kernel before it is returned, so that the first jobs do not run in the interpreter. Of its two
     * ways of counting lanes ({@code LaneCounting}) it is the faster one here; the reason gives the measured
     * speeds, whichever kernel is faster.
     *
     * @throws IllegalStateException when this JVM cannot run it; the message says why
     */
    public static Kernel vector() {
        Calibration calibration = Calibration.of(loadVectors(), new ScalarKernel(), CALIBRATION_LIMIT);
        if (!calibration.agreed()) {
            throw new IllegalStateException(calibration.disagreement());
        }
        return new Kernel(calibration.fastest(), "requested; " + calibration.measured(" vs scalar "));
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

    /**
     * Whether this is an automatic choice of the scalar kernel that a vector loop lost at under a tenth of
     * the scalar kernel's speed: the figure of a loop the JIT has not compiled yet (a race run while the
     * machine was busy, issue 14), or of a Vector API without this CPU's instructions (JDK 17 on NEON).
     * {@link #recheck()} tells them apart once the JIT has had time.
     */
    boolean unsettled() {
        return !unsettledCandidates.isEmpty();
    }

    /**
     * For an {@link #unsettled()} choice, the race run again, for at most {@link #RECHECK_LIMIT} a loop: the
     * vector kernel if it is now clearly faster, else the scalar kernel, unsettled again if the vector loops
     * are still implausibly slow. A settled choice is returned as it is.
     */
    Kernel recheck() {
        return unsettled() ? choose(unsettledCandidates, loop, RECHECK_LIMIT) : this;
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
        List<CountingLoop> vectors;
        try {
            vectors = loadVectors();
        } catch (IllegalStateException unavailable) {
            return new Kernel(scalar, unavailable.getMessage());
        }
        return choose(vectors, scalar, CALIBRATION_LIMIT);
    }

    /**
     * {@link #auto()}'s choice once the candidates are loaded: the fastest candidate that beat the scalar
     * loop in its race, else the scalar loop. A candidate slower than scalar, or only a little faster (such
     * as two NEON lanes, or a JDK whose Vector API is slow), never wins: the scalar loop wins a draw.
     */
    static Kernel choose(List<CountingLoop> candidates, CountingLoop scalar, Duration limit) {
        Calibration calibration = Calibration.of(candidates, scalar, limit);
        if (!calibration.agreed()) {
            return new Kernel(scalar, calibration.disagreement());
        }
        String notFaster = jdk() + ": the vector kernel was not " + KernelCalibration.MIN_SPEEDUP
                + "× as fast in " + calibration.seconds() + " of calibration: " + calibration.rates(" vs ")
                + " G points/s";
        if (calibration.fastestBeatScalar()) {
            // The race's short rounds can be won while the scalar loop is still being compiled: a winner
            // only as fast as scalar once both are (JDK 17 on AVX2) must not be taken. A duel confirms it.
            double confirmed = KernelCalibration.speedRatio(calibration.fastest(), scalar);
            if (confirmed >= KernelCalibration.MIN_SPEEDUP) {
                return new Kernel(calibration.fastest(), calibration.measured(" vs "));
            }
            String duel = notFaster + String.format(Locale.ROOT,
                    "; it won the race, but was %.2f× as fast in a duel after it", confirmed);
            if (confirmed < 1 / KernelCalibration.MIN_SPEEDUP) {
                // Clearly slower just after it won: the JIT changed its code in between (deoptimised it, as a
                // busy machine's JIT does while it has not finished: 0.11× and 0.56× under load, where the
                // quiet JVM took it), so the choice is not settled and a node checks again later.
                return new Kernel(scalar, duel + ": its code was still changing (a busy machine?)", candidates);
            }
            return new Kernel(scalar, duel);
        }
        if (calibration.implausiblySlow()) {
            return new Kernel(scalar, notFaster + ", under a tenth of the scalar speed: not compiled yet (a busy"
                    + " machine?) or without vector instructions here", candidates);
        }
        return new Kernel(scalar, notFaster);
    }

    /**
     * Every candidate raced against the scalar loop, all in one race of at most the given limit a candidate,
     * and the fastest of them.
     *
     * @param races one per candidate, in the candidates' order
     * @param winner the index of the first candidate that disagreed with scalar, else of the fastest among
     *     those that beat scalar, else of the fastest one
     */
    private record Calibration(List<KernelCalibration.Result> races, List<CountingLoop> candidates,
            int winner, Duration took) {

        static Calibration of(List<CountingLoop> candidates, CountingLoop scalar, Duration limit) {
            long started = System.nanoTime();
            List<KernelCalibration.Result> races =
                    KernelCalibration.race(candidates, scalar, limit.multipliedBy(candidates.size()));
            for (int i = 0; i < races.size(); i++) {
                if (!races.get(i).agreed()) {
                    return new Calibration(races, candidates, i, Duration.ofNanos(System.nanoTime() - started));
                }
            }
            int fastest = 0;
            for (int i = 1; i < races.size(); i++) {
                fastest = faster(i, fastest, races, candidates) ? i : fastest;
            }
            return new Calibration(races, candidates, fastest, Duration.ofNanos(System.nanoTime() - started));
        }

        /**
         * Whether candidate {@code i} is to be preferred to candidate {@code j}: beating scalar comes first;
         * between two that did, a duel on larger rounds than the race's decides, since their rates differ
         * by far less than their lead over scalar.
         */
        private static boolean faster(int i, int j, List<KernelCalibration.Result> races, List<CountingLoop> candidates) {
            if (races.get(i).faster() != races.get(j).faster()) {
                return races.get(i).faster();
            }
            if (!races.get(i).faster()) {
                return races.get(i).candidateRate() > races.get(j).candidateRate();
            }
            return KernelCalibration.speedRatio(candidates.get(i), candidates.get(j)) > 1;
        }

        boolean agreed() {
            return races.get(winner).agreed();
        }

        boolean fastestBeatScalar() {
            return races.get(winner).faster();
        }

        /** Whether no candidate beat scalar and one lost at a speed no compiled loop has. */
        boolean implausiblySlow() {
            return !fastestBeatScalar() && races.stream().anyMatch(KernelCalibration.Result::implausiblySlow);
        }

        CountingLoop fastest() {
            return candidates.get(winner);
        }

        String disagreement() {
            return Kernel.disagreement(races.get(winner));
        }

        String seconds() {
            double seconds = took.toNanos() / 1e9;
            // Already compiled by the JIT (a second choice in the same JVM): milliseconds.
            return seconds >= 0.1 ? String.format(Locale.ROOT, "%.2f s", seconds)
                    : String.format(Locale.ROOT, "%.1f ms", seconds * 1e3);
        }

        /**
         * The fastest candidate's speed, how it counts and the others' speeds, then the scalar loop's; for
         * example {@code 5.4 (carry bits; masks 4.2) vs 0.65}.
         */
        String rates(String versus) {
            CountingLoop chosen = fastest();
            StringBuilder rates = new StringBuilder(rate(races.get(winner).candidateRate()));
            if (!chosen.variant().isEmpty()) {
                rates.append(" (").append(chosen.variant());
                for (int i = 0; i < races.size(); i++) {
                    if (i != winner) {
                        rates.append("; ").append(candidates.get(i).variant()).append(' ')
                                .append(rate(races.get(i).candidateRate()));
                    }
                }
                rates.append(')');
            }
            return rates.append(versus).append(rate(races.get(winner).referenceRate())).toString();
        }

        /** For example {@code JDK 17.0.15, 8 lanes, calibrated in 0.95 s: 5.4 (carry bits; masks 4.2) vs 0.65 G points/s}. */
        String measured(String versus) {
            return jdk() + ", " + fastest().lanes() + " lanes, calibrated in " + seconds() + ": " + rates(versus)
                    + " G points/s";
        }
    }

    /**
     * The vector loop that counts its lanes the given way, loaded by name.
     *
     * @throws IllegalStateException when this JVM cannot run it; the message says why
     */
    static CountingLoop loadVector(LaneCounting counting) {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            throw new IllegalStateException(ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent()
                    ? jdk() + " was started without --add-modules " + VECTOR_MODULE
                    : jdk() + " has no " + VECTOR_MODULE + " module");
        }
        try {
            return (CountingLoop) Class.forName(VECTOR_LOOP).getDeclaredMethod("of", LaneCounting.class)
                    .invoke(null, counting);
        } catch (InvocationTargetException failed) {
            throw cannotRun(failed.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException failed) {
            // LinkageError: classes of another JDK's Vector API, an initialiser that failed on this platform.
            throw cannotRun(failed);
        }
    }

    /** The vector loops, one for each way of counting lanes, in the order of {@link LaneCounting}. */
    static List<CountingLoop> loadVectors() {
        List<CountingLoop> loops = new ArrayList<>();
        for (LaneCounting counting : LaneCounting.values()) {
            loops.add(loadVector(counting));
        }
        return loops;
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

    private static String rate(double pointsPerSecond) {
        return String.format(Locale.ROOT, "%.2g", pointsPerSecond / 1e9);
    }
}
