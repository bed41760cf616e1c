package org.dartboard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.run.Estimation;
import org.dartboard.run.Farms;
import org.dartboard.run.RunOutcome;

/**
 * Lattice darts against random darts, through the library's front door ({@link Estimation} on
 * {@link Farms#local()}: all cores, the auto kernel), as bench/darts-bench prints it:
 *
 * <ol>
 *   <li>each kind's throughput on this machine, from a real run;
 *   <li>convergence: for n = 10<sup>6</sup>, 10<sup>7</sup>, ... points, the lattice's observed error (RMS
 *       over S seeds), its mean reported standard error and how often its 95% interval holds π, beside random
 *       darts' standard error (the binomial formula, and measured over seeds up to 10<sup>9</sup>), with the
 *       fitted exponents of the errors against n;
 *   <li>time to accuracy: the points and wall time each kind needs for a standard error of 10<sup>−6</sup> and
 *       10<sup>−7</sup>, MEASURED by a real run when that run fits the time budget, else EXTRAPOLATED from
 *       the measured rate, and the speed-up of lattice darts against the target of 1000× to 10<sup>−7</sup>.
 * </ol>
 *
 * <p>Wall times are {@link RunOutcome#wallTime()}: from the first job submitted to the last result, without
 * the JVM's start or the kernel's one-off calibration, which a warm-up run pays before anything is timed.
 *
 * <p>Over 300 lines on purpose: it is one report, written in the order it prints, so that a reader checks a
 * figure against the code that made it in one place; its arithmetic ({@link Accuracy}, {@link PowerLaw})
 * and options ({@link DartsBenchOptions}) are apart and tested.
 */
public final class DartsBench {

    /** The standard errors whose cost is measured. */
    static final double[] TARGETS = {1e-6, 1e-7};
    /** The speed-up lattice darts must reach to the last target. */
    static final double TARGET_SPEEDUP = 1000;
    /** Lattice runs made at the points the fit predicts for a target, to check it. */
    static final int CHECK_SEEDS = 4;
    /** How far above the target the check's mean standard error may be before the points are corrected. */
    static final double CHECK_TOLERANCE = 0.1;

    private static final int REPLICAS = DartsBenchOptions.REPLICAS;
    /** Seeds of different runs never meet: the convergence table's are 1000·log10(n) + s. */
    private static final long RANDOM_SEEDS_FROM = 500;
    private static final long CHECK_SEEDS_FROM = 1_000_000;
    private static final long THROUGHPUT_SEED = 1;

    private final DartsBenchOptions options;
    private final PrintStream out;

    private DartsBench(DartsBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        DartsBenchOptions options;
        try {
            options = DartsBenchOptions.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println("darts-bench: " + bad.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DartsBenchOptions.USAGE);
            return;
        }
        new DartsBench(options, System.out).run();
    }

    /** One run's figures: its error against the true π, its own standard error and interval, its time. */
    record Sample(double error, double standardError, boolean covered, double seconds, String kernel) {

        static Sample of(RunOutcome outcome) {
            Estimate estimate = outcome.estimate().orElseThrow();
            return new Sample(estimate.pi() - Math.PI, estimate.standardError(),
                    estimate.ciLow() <= Math.PI && Math.PI <= estimate.ciHigh(), outcome.wallTime().toNanos() / 1e9,
                    outcome.kernel());
        }
    }

    /** The samples of one size over several seeds. */
    record Series(List<Sample> samples) {

        double rms() {
            return Accuracy.rms(samples.stream().mapToDouble(Sample::error).toArray());
        }

        double meanStandardError() {
            return samples.stream().mapToDouble(Sample::standardError).average().orElseThrow();
        }

        double meanSeconds() {
            return samples.stream().mapToDouble(Sample::seconds).average().orElseThrow();
        }

        long covered() {
            return samples.stream().filter(Sample::covered).count();
        }

        String coverage() {
            return covered() + "/" + samples.size();
        }

        /** The kernels that ran, once each. */
        String kernels() {
            return String.join("+", samples.stream().map(Sample::kernel).distinct().toList());
        }
    }

    /** A row of the convergence table; {@code random} is null where random darts were not run. */
    record Row(long points, Series lattice, Series random) {
    }

    /** A kind of darts' measured rate, and the kernel the auto choice gave it. */
    record Rate(double pointsPerSecond, long points, double seconds, String kernel, String reason) {
    }

    private void run() {
        long started = System.nanoTime();
        header();
        // Warm-up: the JIT and the auto kernel's calibration (once per JVM) are paid here, not in a timed run. The
        // runs are large enough for the auto kernel to take the vector kernel where it is faster, as it would for
        // the long runs extrapolated from these rates.
        long throughputPoints = options.quick() ? 1L << 32 : 1L << 33;
        estimate(random(throughputPoints / 8, THROUGHPUT_SEED));
        estimate(lattice(throughputPoints / 8, THROUGHPUT_SEED));
        Rate randomRate = rate(random(throughputPoints, THROUGHPUT_SEED));
        Rate latticeRate = rate(lattice(throughputPoints, THROUGHPUT_SEED));
        out.println("throughput (one run of " + sci(throughputPoints) + " points each, after a warm-up run):");
        printRate("random ", randomRate);
        printRate("lattice", latticeRate);
        out.printf(Locale.ROOT, "  lattice darts count at %.2f x the rate of random darts here%n",
                latticeRate.pointsPerSecond() / randomRate.pointsPerSecond());
        out.println();

        List<Row> rows = convergence();
        out.println();
        Fits fits = fits(rows);
        out.println();
        timeToAccuracy(fits.latticeSe(), randomRate, latticeRate);
        out.println();
        out.printf(Locale.ROOT, "darts-bench: done in %s%n", duration((System.nanoTime() - started) / 1e9));
    }

    private void header() {
        out.printf(Locale.ROOT, "darts-bench: lattice darts (%d replicas) against random darts; %s, %d cpus, JDK %s%n",
                REPLICAS, cpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.printf(Locale.ROOT, "  Estimation on Farms.local() (all cores, auto kernel); sizes %s to %s, %d seeds"
                + " per size up to 1e9 (%d above), budget %s per timed run%s%n", sci(DartsBenchOptions.MIN_POINTS),
                sci(options.maxPoints()), options.seeds(), options.seedsAt(Long.MAX_VALUE),
                duration(options.budgetSeconds()), options.quick() ? " (--quick)" : "");
        out.println();
    }

    private void printRate(String name, Rate rate) {
        out.printf(Locale.ROOT, "  %s %s points/s (%s in %s), kernel %s (%s)%n", name, sci(rate.pointsPerSecond()),
                sci(rate.points()), duration(rate.seconds()), rate.kernel(), rate.reason());
    }

    // --- convergence ------------------------------------------------------------------------------------

    private List<Row> convergence() {
        out.println("convergence: error = estimate - pi over S seeds per size; an RMS over S seeds is itself uncertain"
                + " by about 1/sqrt(2S)");
        out.printf(Locale.ROOT, "%14s %6s | %10s %6s %10s %8s | %10s %10s %8s | %10s%n", "", "",
                "lattice:", "", "", "", "random:", "", "", "random SE /");
        out.printf(Locale.ROOT, "%14s %6s | %10s %6s %10s %8s | %10s %10s %8s | %10s%n", "points", "seeds",
                "RMS error", "+-", "mean SE", "95% CI", "SE", "RMS error", "95% CI", "lattice RMS");
        List<Row> rows = new ArrayList<>();
        for (long n : options.sizes()) {
            int seeds = options.seedsAt(n);
            int decade = (int) Math.round(Math.log10(n));
            Series lattice = series(seeds, s -> lattice(n, 1000L * decade + s));
            Series random = n <= measuredRandomUpTo()
                    ? series(seeds, s -> random(n, 1000L * decade + RANDOM_SEEDS_FROM + s)) : null;
            Row row = new Row(n, lattice, random);
            rows.add(row);
            double formula = Accuracy.randomStandardError(n);
            out.printf(Locale.ROOT, "%14s %6d | %10s %5.0f%% %10s %8s | %10s %10s %8s | %10.0f%n", sci(n), seeds,
                    sci(lattice.rms()), 100 * Accuracy.rmsRelativeUncertainty(seeds), sci(lattice.meanStandardError()),
                    lattice.coverage(), sci(formula), random == null ? "-" : sci(random.rms()),
                    random == null ? "-" : random.coverage(), formula / lattice.rms());
        }
        out.println("  random SE: the binomial formula 4 sqrt(p(1-p)/n), p = pi/4; its RMS error is measured up to "
                + sci(measuredRandomUpTo()) + " points, with as many seeds");
        out.println("  95% CI: the seeds whose interval (Student's t for lattice darts, normal for random) holds pi");
        return rows;
    }

    private long measuredRandomUpTo() {
        return Math.min(options.maxPoints(), DartsBenchOptions.RANDOM_MEASURED_UP_TO);
    }

    private Series series(int seeds, LongFunction<JobPlan> plan) {
        List<Sample> samples = new ArrayList<>();
        for (long s = 0; s < seeds; s++) {
            samples.add(Sample.of(estimate(plan.apply(s))));
        }
        return new Series(samples);
    }

    /**
     * The fitted laws of the errors. The law of the lattice's mean reported standard error decides its points
     * for a target standard error: that is the figure a run reports, and a mean over S seeds of errors that
     * each come from 16 replicas is far less noisy than an RMS over S seeds; the table shows it tracks the RMS.
     */
    record Fits(PowerLaw latticeRms, PowerLaw latticeSe, PowerLaw randomRms) {
    }

    private Fits fits(List<Row> rows) {
        double[] n = rows.stream().mapToDouble(Row::points).toArray();
        PowerLaw latticeRms = PowerLaw.fit(n, rows.stream().mapToDouble(row -> row.lattice().rms()).toArray());
        PowerLaw latticeSe = PowerLaw.fit(n,
                rows.stream().mapToDouble(row -> row.lattice().meanStandardError()).toArray());
        List<Row> measured = rows.stream().filter(row -> row.random() != null).toList();
        PowerLaw randomRms = measured.size() >= 2 ? PowerLaw.fit(measured.stream().mapToDouble(Row::points).toArray(),
                measured.stream().mapToDouble(row -> row.random().rms()).toArray()) : null;
        String all = sci(n[0]) + " to " + sci(n[n.length - 1]);
        out.println("fitted exponents: least squares of log(error) against log(n), +- the slope's standard error");
        out.printf(Locale.ROOT, "  %-22s n^%s   over %s (%d sizes)   expected near n^-0.75%n", "lattice RMS error",
                exponent(latticeRms), all, latticeRms.fittedPoints());
        out.printf(Locale.ROOT, "  %-22s n^%s   over %s (%d sizes)%n", "lattice mean SE", exponent(latticeSe), all,
                latticeSe.fittedPoints());
        if (randomRms != null) {
            out.printf(Locale.ROOT, "  %-22s n^%s   over %s to %s (%d sizes)   expected n^-0.5%n", "random RMS error",
                    exponent(randomRms), sci(measured.get(0).points()), sci(measured.get(measured.size() - 1).points()),
                    randomRms.fittedPoints());
        }
        out.printf(Locale.ROOT, "  %-22s n^-0.5 exactly, by construction%n", "random SE (formula)");
        return new Fits(latticeRms, latticeSe, randomRms);
    }

    // --- time to accuracy -------------------------------------------------------------------------------

    /** How long a kind of darts takes to a target: measured by a run, or extrapolated from its rate. */
    record Cost(long points, double seconds, boolean measured, String check) {
    }

    private void timeToAccuracy(PowerLaw latticeLaw, Rate randomRate, Rate latticeRate) {
        out.printf(Locale.ROOT, "time to accuracy: MEASURED = a real run of that size (wall time of Estimation.run());"
                + " EXTRAPOLATED = points / measured rate, when the run would take over the %s budget%n",
                duration(options.budgetSeconds()));
        out.println("  random darts' points from the binomial formula; lattice darts' from the fitted law of their mean"
                + " reported SE, checked by " + CHECK_SEEDS + " runs of that size");
        out.printf(Locale.ROOT, "  %-9s %-8s %10s %12s %-13s %s%n", "target SE", "darts", "points", "wall time", "",
                "check");
        Cost[] random = new Cost[TARGETS.length];
        Cost[] lattice = new Cost[TARGETS.length];
        for (int t = 0; t < TARGETS.length; t++) {
            random[t] = randomCost(TARGETS[t], randomRate);
            printCost(TARGETS[t], "random", random[t]);
            lattice[t] = latticeCost(t, latticeLaw, latticeRate);
            printCost(TARGETS[t], "lattice", lattice[t]);
        }
        out.println("  speed-up of lattice darts over random darts:");
        double last = Double.NaN;
        for (int t = 0; t < TARGETS.length; t++) {
            last = random[t].seconds() / lattice[t].seconds();
            out.printf(Locale.ROOT, "    to SE %-5s %9s x in wall time (random %s, lattice %s); %s x fewer points%n",
                    sci(TARGETS[t]), sci(last), how(random[t]), how(lattice[t]),
                    sci((double) random[t].points() / lattice[t].points()));
        }
        out.printf(Locale.ROOT, "  target >= %.0fx to SE %s: %s%n", TARGET_SPEEDUP, sci(TARGETS[TARGETS.length - 1]),
                last >= TARGET_SPEEDUP ? "met" : "NOT met");
    }

    private static String how(Cost cost) {
        return Double.isNaN(cost.seconds()) ? "not possible" : cost.measured() ? "measured" : "extrapolated";
    }

    private Cost randomCost(double target, Rate rate) {
        long points = Accuracy.randomPointsFor(target);
        double predicted = points / rate.pointsPerSecond();
        if (predicted > options.budgetSeconds()) {
            return extrapolated(points, rate, "");
        }
        Sample run = Sample.of(estimate(random(points, CHECK_SEEDS_FROM + RANDOM_SEEDS_FROM)));
        return new Cost(points, run.seconds(), true, String.format(Locale.ROOT, "reported SE %s, error %s, kernel %s",
                sci(run.standardError()), sci(run.error()), run.kernel()));
    }

    /**
     * Lattice darts' cost to a target: the points the fitted law gives, checked by {@value #CHECK_SEEDS} runs of
     * that size. When their mean reported standard error misses the target by more than
     * {@value #CHECK_TOLERANCE} (a law fitted to few sizes, or used beyond them), the points are corrected once
     * from that miss with the law's exponent, and the check run again: the time printed is then the second's.
     */
    private Cost latticeCost(int targetIndex, PowerLaw law, Rate rate) {
        double target = TARGETS[targetIndex];
        long points;
        try {
            points = Accuracy.latticePointsFor(law, target, REPLICAS);
        } catch (IllegalArgumentException tooMany) {
            return new Cost(0, Double.NaN, false, tooMany.getMessage());
        }
        String fitted = points > options.maxPoints()
                ? "; the law extrapolated beyond the table's " + sci(options.maxPoints()) : "";
        if (points / rate.pointsPerSecond() > options.budgetSeconds()) {
            return extrapolated(points, rate, fitted);
        }
        long seedsFrom = CHECK_SEEDS_FROM + 1000L * targetIndex;
        Series runs = check(points, seedsFrom);
        String first = "";
        if (runs.meanStandardError() > (1 + CHECK_TOLERANCE) * target) {
            long corrected;
            try {
                corrected = Accuracy.correctedLatticePoints(points, runs.meanStandardError(), target, law.exponent(),
                        REPLICAS);
            } catch (IllegalArgumentException tooMany) {
                return new Cost(points, runs.meanSeconds(), true,
                        checked(runs, target) + fitted + "; " + tooMany.getMessage());
            }
            first = String.format(Locale.ROOT, "; corrected from %s points, where the check gave SE %s", sci(points),
                    sci(runs.meanStandardError()));
            points = corrected;
            if (points / rate.pointsPerSecond() > options.budgetSeconds()) {
                return extrapolated(points, rate, fitted + first);
            }
            runs = check(points, seedsFrom + 100);
        }
        return new Cost(points, runs.meanSeconds(), true, checked(runs, target) + fitted + first);
    }

    private Series check(long points, long seedsFrom) {
        return series(CHECK_SEEDS, s -> lattice(points, seedsFrom + s));
    }

    private static String checked(Series runs, double target) {
        double reached = runs.meanStandardError();
        String verdict = reached <= target ? "at or below the target"
                : String.format(Locale.ROOT, "%.0f%% above the target", 100 * (reached / target - 1));
        return String.format(Locale.ROOT, "mean of %d runs: reported SE %s (%s), RMS error %s, kernel %s",
                runs.samples().size(), sci(reached), verdict, sci(runs.rms()), runs.kernels());
    }

    private static Cost extrapolated(long points, Rate rate, String note) {
        return new Cost(points, points / rate.pointsPerSecond(), false, String.format(Locale.ROOT,
                "%s points / %s points/s, over the budget%s", sci(points), sci(rate.pointsPerSecond()), note));
    }

    private void printCost(double target, String darts, Cost cost) {
        if (Double.isNaN(cost.seconds())) {
            out.printf(Locale.ROOT, "  %-9s %-8s %10s %12s %-13s %s%n", sci(target), darts, "-", "-", "", cost.check());
            return;
        }
        out.printf(Locale.ROOT, "  %-9s %-8s %10s %12s %-13s %s%n", sci(target), darts, sci(cost.points()),
                duration(cost.seconds()), cost.measured() ? "MEASURED" : "EXTRAPOLATED", cost.check());
    }

    // --- runs -------------------------------------------------------------------------------------------

    private static JobPlan random(long points, long seed) {
        return JobPlan.splitting(BigInteger.valueOf(points), seed);
    }

    private static JobPlan lattice(long points, long seed) {
        return random(points, seed).lattice(REPLICAS);
    }

    private static RunOutcome estimate(JobPlan plan) {
        RunOutcome outcome = Estimation.of(plan).on(Farms.local()).build().run();
        if (!outcome.isComplete()) {
            throw new IllegalStateException("the run of " + plan + " ended " + outcome.ending()
                    + outcome.failure().map(failure -> ": " + failure).orElse(""));
        }
        return outcome;
    }

    private static Rate rate(JobPlan plan) {
        RunOutcome outcome = estimate(plan);
        return new Rate(outcome.pointsPerSecond(), plan.totalPoints().longValueExact(),
                outcome.wallTime().toNanos() / 1e9, outcome.kernel(), outcome.kernelReason());
    }

    // --- printing ---------------------------------------------------------------------------------------

    /** 1e6, 2.7e12, 5.4e-5: three significant digits, exponent without padding. */
    static String sci(double value) {
        if (value == 0) {
            return "0";
        }
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        String text = String.format(Locale.ROOT, "%.2e", value);
        int e = text.indexOf('e');
        String mantissa = text.substring(0, e).replaceAll("\\.?0+$", "");
        int exponent = Integer.parseInt(text.substring(e + 1));
        return exponent == 0 ? mantissa : mantissa + "e" + exponent;
    }

    private static String exponent(PowerLaw law) {
        return String.format(Locale.ROOT, "%.3f", law.exponent())
                + (Double.isNaN(law.exponentError()) ? " (two sizes: no error)"
                        : String.format(Locale.ROOT, " +- %.3f", law.exponentError()));
    }

    /** 0.061 s, 42 s, 9.0 min, 15 h, 3.1 days. */
    static String duration(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.3f s", seconds);
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        if (seconds < 3 * 86400) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.1f days", seconds / 86400);
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.replaceFirst(".*?:\\s*", ""))
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException unreadable) {
            return System.getProperty("os.arch");
        }
    }
}
