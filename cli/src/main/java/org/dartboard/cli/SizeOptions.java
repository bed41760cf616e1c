package org.dartboard.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.dartboard.core.JobPlan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The plan's options of {@code run}: {@code --points} and {@code --jobs} as in the original, or
 * {@code --total-points}, {@code --seed}, and which darts ({@code --darts}, {@code --replicas}). Without
 * sizes, the plan is asked for on standard input, as the original program did.
 */
final class SizeOptions {

    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = {"-n", "--points"}, paramLabel = "N", converter = CountConverter.class,
            description = "Points per job (N), from 1 to 2^63-1.")
    private BigInteger points;

    @Option(names = {"-m", "--jobs"}, paramLabel = "M", converter = CountConverter.class,
            description = "Number of jobs (M), from 1 to 2^63-1; N·M at most 2^64.")
    private BigInteger jobs;

    @Option(names = {"-t", "--total-points"}, paramLabel = "T", converter = CountConverter.class,
            description = {
                "Total points instead of --points and --jobs, from 1 to 2^64. The plan splits T into jobs"
                        + " itself: at most " + JobPlan.SPLIT_MAX_JOB_POINTS + " points per job (so a"
                        + " cancelled or lost job costs little and progress is smooth) and at least "
                        + JobPlan.SPLIT_MIN_JOBS + " jobs when T allows (so every core gets work). The split"
                        + " does not change the count."
            })
    private BigInteger totalPoints;

    @Option(names = {"-s", "--seed"}, paramLabel = "S", converter = SeedConverter.class,
            description = "Master seed of the run's random stream: " + SeedParser.SYNTAX
                    + ". Default: chosen at random and printed, so the run can be repeated.")
    private Long seed;

    @Option(names = "--darts", paramLabel = "DARTS",
            description = "Which points to throw: ${COMPLETION-CANDIDATES}. random: the original's Monte Carlo. lattice:"
                    + " a randomly shifted lattice in each of --replicas replicas, evenly spread points that reach"
                    + " an accuracy with far fewer of them; the error bar comes from the replicas' spread (Student's"
                    + " t). Default: ${DEFAULT-VALUE}.")
    private DartsOption darts = DartsOption.random;

    @Option(names = "--replicas", paramLabel = "R", converter = CountConverter.class,
            description = "With --darts lattice: how many independently shifted lattices the points are split into"
                    + " evenly, from " + JobPlan.MIN_REPLICAS + " to " + JobPlan.MAX_REPLICAS + "; the total must be a"
                    + " multiple of R, and a replica holds at most 2^32 points. Default: " + DEFAULT_REPLICAS + ".")
    private BigInteger replicas = BigInteger.valueOf(DEFAULT_REPLICAS);

    /** Replicas of lattice darts unless told otherwise: enough for a steady error bar (t with 15 degrees). */
    static final int DEFAULT_REPLICAS = 16;

    /** Darts; lower case because users type them. */
    enum DartsOption { random, lattice }

    /** Whether the seed was given rather than chosen at random (a resumed run's is the journal's). */
    boolean seedGiven() {
        return seed != null;
    }

    /**
     * Checks the sizes. A size typed on the command line replaces a size in the settings file, whichever form
     * each one has; when resuming, the settings file's sizes and seed do not apply at all.
     */
    void validate(boolean resuming) {
        if (resuming) {
            points = typed("--points") ? points : null;
            jobs = typed("--jobs") ? jobs : null;
            totalPoints = typed("--total-points") ? totalPoints : null;
            seed = typed("--seed") ? seed : null;
        }
        Settings.requireRange(spec, "--replicas", replicas, BigInteger.valueOf(JobPlan.MAX_REPLICAS));
        if (darts == DartsOption.random && !resuming && typed("--replicas")) {
            throw usage("--replicas applies to lattice darts only: give --darts lattice too");
        }
        if (totalPoints != null && (points != null || jobs != null)) {
            boolean totalTyped = typed("--total-points");
            boolean splitTyped = typed("--points") || typed("--jobs");
            if (splitTyped && !totalTyped) {
                totalPoints = null;
            } else if (totalTyped && !splitTyped) {
                points = null;
                jobs = null;
            } else {
                throw usage("--total-points cannot be combined with --points or --jobs: give either T, or N and M");
            }
        }
        Settings.requireRange(spec, "--points", points, MAX_LONG);
        Settings.requireRange(spec, "--jobs", jobs, MAX_LONG);
        Settings.requireRange(spec, "--total-points", totalPoints, JobPlan.MAX_TOTAL_POINTS);
        if (points != null && jobs != null && points.multiply(jobs).compareTo(JobPlan.MAX_TOTAL_POINTS) > 0) {
            throw usage("--points " + points + " times --jobs " + jobs + " is " + points.multiply(jobs)
                    + " points, more than 2^64 = " + JobPlan.MAX_TOTAL_POINTS + ", the length of the random stream");
        }
    }

    /**
     * The plan of a new run: the sizes given, or asked for on {@code input} with the questions on
     * {@code questions}; the seed given, or a random one.
     */
    JobPlan plan(InputStream input, PrintWriter questions) {
        long masterSeed = seed != null ? seed : new SecureRandom().nextLong();
        return darted(totalPoints != null ? JobPlan.splitting(totalPoints, masterSeed)
                : askedFor(masterSeed, input, questions));
    }

    /** The plan of --points and --jobs, or of the answers to the questions. */
    private JobPlan askedFor(long masterSeed, InputStream input, PrintWriter questions) {
        // Piped answers are not shown by a terminal: echo them, so the questions and answers read well.
        boolean echoAnswers = System.console() == null;
        SizePrompt prompt = new SizePrompt(
                new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)), questions, echoAnswers);
        try {
            BigInteger maxPoints = jobs == null ? MAX_LONG : JobPlan.MAX_TOTAL_POINTS.divide(jobs).min(MAX_LONG);
            long n = points != null ? points.longValueExact()
                    : prompt.ask("Number of points per job (N): ", "the number of points per job", maxPoints,
                            jobs == null ? "a job counts at most 2^63-1 points" : "N·M must be at most 2^64 points");
            BigInteger maxJobs = JobPlan.MAX_TOTAL_POINTS.divide(BigInteger.valueOf(n)).min(MAX_LONG);
            long m = jobs != null ? jobs.longValueExact()
                    : prompt.ask("Number of jobs (M): ", "the number of jobs", maxJobs, "N·M must be at most 2^64 points");
            return JobPlan.of(n, m, masterSeed);
        } catch (SizePrompt.EndOfAnswers ended) {
            throw new ParameterException(spec.commandLine(), ended.getMessage());
        }
    }

    /** The plan as the darts asked for: random darts as they are, or lattice darts in their replicas. */
    private JobPlan darted(JobPlan plan) {
        if (darts == DartsOption.random) {
            return plan;
        }
        try {
            return plan.lattice(replicas.intValueExact());
        } catch (IllegalArgumentException impossible) {
            throw usage("Invalid value for option '--replicas': " + replicas + ": " + impossible.getMessage());
        }
    }

    /**
     * A plan option given with {@code --resume} must say what the journal says: redundant then, but harmless.
     *
     * @param journal the resumed journal's file, for the message
     */
    void requireAgreementWith(JobPlan plan, Object journal) {
        requireAgreement("--seed", seed == null ? null : SeedParser.format(seed), SeedParser.format(plan.seed()),
                "seed", journal);
        requireAgreement("--points", points, BigInteger.valueOf(plan.pointsPerJob()), "points per job", journal);
        requireAgreement("--jobs", jobs, BigInteger.valueOf(plan.jobs()), "jobs", journal);
        requireAgreement("--total-points", totalPoints, plan.totalPoints(), "points in all", journal);
        requireAgreement("--darts", typed("--darts") ? darts.name() : null, plan.darts().toString(), "darts", journal);
        if (typed("--replicas")) {
            requireAgreement("--replicas", replicas, plan.darts() == JobPlan.Darts.LATTICE
                    ? BigInteger.valueOf(plan.replicas()) : "random darts, no", "replicas", journal);
        }
    }

    private void requireAgreement(String option, Object given, Object journalled, String what, Object journal) {
        if (given != null && !given.equals(journalled)) {
            throw usage("Invalid value for option '" + option + "': " + given + " contradicts the journal '" + journal
                    + "', whose run has " + journalled + " " + what + " (--resume takes the plan from the journal;"
                    + " leave " + option + " out)");
        }
    }

    private boolean typed(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }


    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
