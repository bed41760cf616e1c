package org.dartboard.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What bench/darts-bench was asked for.
 *
 * @param quick the smoke test: small runs only
 * @param maxPoints the largest run of the convergence table: its sizes are the powers of ten from
 *     {@value #MIN_POINTS} up to this
 * @param seeds S, the seeds of each size up to {@value #FULL_SEEDS_UP_TO} points (fewer above, see
 *     {@link #seedsAt})
 * @param budgetSeconds the longest a run timed for the time to an accuracy may be expected to take: longer
 *     ones are extrapolated from the measured rate instead
 * @param help whether only the usage was asked for
 */
record DartsBenchOptions(boolean quick, long maxPoints, int seeds, double budgetSeconds, boolean help) {

    /** The replicas of every lattice run: the library's default. */
    static final int REPLICAS = 16;
    /** The smallest size of the convergence table. */
    static final long MIN_POINTS = 1_000_000L;
    /** The smallest --max-points: two sizes, the fewest a power law is fitted to. */
    static final long MIN_MAX_POINTS = 10 * MIN_POINTS;
    /** The largest size that 16 replicas of 2<sup>32</sup> points allow. */
    static final long MAX_POINTS = Accuracy.maxLatticePoints(REPLICAS);
    /** Sizes up to this many points get all S seeds; larger ones half as many, so the default run stays short. */
    static final long FULL_SEEDS_UP_TO = 1_000_000_000L;
    /** The fewest seeds of any size, however large. */
    static final int MIN_SEEDS_PER_SIZE = 4;
    /** Random darts' RMS is measured at the sizes up to this many points (beyond, only their formula). */
    static final long RANDOM_MEASURED_UP_TO = 1_000_000_000L;

    static final long DEFAULT_MAX_POINTS = 10_000_000_000L;
    static final int DEFAULT_SEEDS = 32;
    static final double DEFAULT_BUDGET_SECONDS = 180;
    static final long QUICK_MAX_POINTS = 100_000_000L;
    static final int QUICK_SEEDS = 8;
    static final double QUICK_BUDGET_SECONDS = 20;

    static final String USAGE = """
            Usage: bench/darts-bench [--quick] [--max-points N] [--seeds S] [--budget SECONDS] [--help]
              --quick         smoke test: sizes up to 1e8, 8 seeds, 20 s budget (under a minute)
              --max-points N  largest size of the convergence table (default 1e10; from 1e7 to 16 x 2^32)
              --seeds S       seeds per size up to 1e9 points (default 32; half of S above, at least 4)
              --budget T      longest single timed run, in seconds (or 90s, 3m, 1h; default 180): a method
                              whose run to an accuracy would take longer is EXTRAPOLATED from its measured rate
            """;

    private static final Pattern COUNT = Pattern.compile("(\\d+(?:\\.\\d+)?(?:e\\d+)?)([kmgt]?)");
    private static final Pattern POWER = Pattern.compile("(\\d+)\\^(\\d+)");
    private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?)([smh]?)");

    /**
     * The options of these arguments; explicit ones win over what {@code --quick} implies, in any order.
     *
     * @throws IllegalArgumentException naming the argument, for an unknown one, a missing or bad value
     */
    static DartsBenchOptions parse(String... args) {
        boolean quick = false;
        boolean help = false;
        Long maxPoints = null;
        Integer seeds = null;
        Double budget = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "-h", "--help" -> help = true;
                case "--max-points" -> maxPoints = points(value(args, i++));
                case "--seeds" -> seeds = seeds(value(args, i++));
                case "--budget" -> budget = seconds(value(args, i++));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new DartsBenchOptions(quick,
                maxPoints != null ? maxPoints : quick ? QUICK_MAX_POINTS : DEFAULT_MAX_POINTS,
                seeds != null ? seeds : quick ? QUICK_SEEDS : DEFAULT_SEEDS,
                budget != null ? budget : quick ? QUICK_BUDGET_SECONDS : DEFAULT_BUDGET_SECONDS, help);
    }

    /**
     * The sizes of the convergence table: 10<sup>6</sup>, 10<sup>7</sup>, ... up to the largest power of ten
     * within {@link #maxPoints}.
     */
    List<Long> sizes() {
        List<Long> sizes = new ArrayList<>();
        for (long n = MIN_POINTS; n <= maxPoints; n *= 10) {
            sizes.add(n);
            if (n > Long.MAX_VALUE / 10) {
                break;
            }
        }
        return sizes;
    }

    /**
     * The seeds run at n points: S up to {@value #FULL_SEEDS_UP_TO} points, half of S above (the
     * largest runs cost the most and need the fewest seeds to show their trend), never fewer than
     * {@value #MIN_SEEDS_PER_SIZE} nor more than S.
     */
    int seedsAt(long points) {
        return points <= FULL_SEEDS_UP_TO ? seeds : Math.min(seeds, Math.max(MIN_SEEDS_PER_SIZE, seeds / 2));
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    /** A count written 10000000000, 10_000_000_000, 1e10, 10^10 or 10G (k, M, G, T: powers of 1000). */
    static long points(String text) {
        String compact = text.strip().replace("_", "").toLowerCase(Locale.ROOT);
        BigInteger value;
        Matcher power = POWER.matcher(compact);
        Matcher count = COUNT.matcher(compact);
        try {
            if (power.matches()) {
                int exponent = Integer.parseInt(power.group(2));
                if (exponent > 64) {
                    throw new IllegalArgumentException("--max-points " + text + " is far too large");
                }
                value = new BigInteger(power.group(1)).pow(exponent);
            } else if (count.matches()) {
                BigDecimal decimal = new BigDecimal(count.group(1));
                String suffix = count.group(2);
                int thousands = suffix.isEmpty() ? 0 : "kmgt".indexOf(suffix) + 1;
                value = decimal.scaleByPowerOfTen(3 * thousands).toBigIntegerExact();
            } else {
                throw new IllegalArgumentException("--max-points " + text + " is not a count such as 1e10, 10^10"
                        + " or 10G");
            }
        } catch (ArithmeticException | NumberFormatException notWhole) {
            throw new IllegalArgumentException("--max-points " + text + " is not a whole number of points");
        }
        if (value.compareTo(BigInteger.valueOf(MIN_MAX_POINTS)) < 0
                || value.compareTo(BigInteger.valueOf(MAX_POINTS)) > 0) {
            throw new IllegalArgumentException("--max-points " + text + " is out of range (allowed: 1e7, for"
                    + " two sizes to fit a law to, to " + MAX_POINTS + ", " + REPLICAS + " replicas of 2^32 points)");
        }
        return value.longValueExact();
    }

    private static int seeds(String text) {
        int seeds;
        try {
            seeds = Integer.parseInt(text.strip());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("--seeds " + text + " is not a whole number");
        }
        if (seeds < 2 || seeds > 100_000) {
            throw new IllegalArgumentException("--seeds " + text + " is out of range (allowed: 2 to 100000; an"
                    + " RMS needs two errors at least)");
        }
        return seeds;
    }

    /** Seconds written 180, 180s, 2.5m or 1h. */
    static double seconds(String text) {
        Matcher matcher = SECONDS.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--budget " + text + " is not a time such as 180, 90s, 3m or 1h");
        }
        double unit = switch (matcher.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            default -> 1;
        };
        double seconds = Double.parseDouble(matcher.group(1)) * unit;
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--budget " + text + " is out of range (allowed: more than 0 s)");
        }
        return seconds;
    }
}
