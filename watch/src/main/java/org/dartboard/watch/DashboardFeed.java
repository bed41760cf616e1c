package org.dartboard.watch;

import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;
import org.dartboard.run.Worker;
import org.dartboard.watch.ConvergenceHistory.Sample;

/**
 * What the dashboard shows, kept up to date by the run's events: the plan, progress, the estimate, the
 * workers, and the convergence history and darts shared with {@code --plot}.
 *
 * <p>Events only store the latest count and bump a version number, so a run is not slowed by its
 * watchers; the work of building an {@link Update} is done when a browser is sent one, a few times a
 * second at most. Thread-safe.
 */
final class DashboardFeed implements RunListener {

    private final ConvergenceHistory history;
    private final DartSample darts;
    private final LongSupplier nanoClock;

    private volatile long version;
    private JobPlan plan;
    private String farm;
    private String kernel;
    private int window;
    private Supplier<List<RunOutcome.WorkerRow>> workerRows = List::of;
    private boolean started;
    private long startedAt;
    private long endedAt;
    private Count count = Count.NONE;
    /** What a resumed run's journal held: not this run's work. */
    private Count countedBefore = Count.NONE;
    private long retriedJobs;
    private String status = "starting";

    /**
     * @param history the convergence history, also registered with the run
     * @param darts the dart sample, also registered with the run
     * @param nanoClock {@code System::nanoTime}, or a test's clock
     */
    DashboardFeed(ConvergenceHistory history, DartSample darts, LongSupplier nanoClock) {
        this.history = history;
        this.darts = darts;
        this.nanoClock = nanoClock;
    }

    /** A number that changes whenever there is something new to show. */
    long version() {
        return version;
    }

    /**
     * The plan of a run that has not started yet: a page opened while the run chooses its kernel or reaches
     * its nodes (seconds, at times) shows what is coming. Ignored once the run has started.
     */
    synchronized void planned(JobPlan planned) {
        if ("starting".equals(status)) {
            plan = planned;
            version++;
        }
    }

    @Override
    public void started(Start start) {
        started(start.plan(), start.farm(), start.kernel(), start.window(), start::workerRows);
    }

    /** What {@link #started(Start)} takes from the run's start: the plan, where and how it runs, its workers. */
    synchronized void started(JobPlan plan, String farm, String kernel, int window,
            Supplier<List<RunOutcome.WorkerRow>> workerRows) {
        this.plan = plan;
        this.farm = farm;
        this.kernel = kernel;
        this.window = window;
        this.workerRows = workerRows;
        started = true;
        startedAt = nanoClock.getAsLong();
        status = "running";
        version++;
    }

    /** A resumed run starts from the journal's count; its speed and time left are from its own jobs. */
    @Override
    public synchronized void resumed(Count before, LongPredicate countedBeforeJob) {
        countedBefore = before;
        count = before;
        version++;
    }

    @Override
    public synchronized void jobCounted(JobResult result, Count counted) {
        count = counted;
        version++;
    }

    @Override
    public synchronized void jobRetried(JobSpec job, int attempt, String reason) {
        retriedJobs++;
        version++;
    }

    @Override
    public synchronized void workerJoined(Worker worker) {
        version++;
    }

    @Override
    public synchronized void workerLost(Worker worker) {
        version++;
    }

    @Override
    public synchronized void finished(RunOutcome outcome) {
        count = outcome.count();
        endedAt = nanoClock.getAsLong();
        status = outcome.ending().name().toLowerCase(Locale.ROOT);
        version++;
    }

    /**
     * What a browser needs to be up to date, given what it has already been sent.
     *
     * @param samplesSent how many convergence samples it has
     * @param dartsSent how many darts it has
     */
    synchronized Update update(int samplesSent, int dartsSent) {
        DartsKind kind = dartsKind();
        List<Double[]> newSamples = history.samplesFrom(samplesSent).stream()
                .map(sample -> new Double[] {sample.points(), sample.pi(), sample.low(), sample.high(),
                    positiveOrNull(sample.runStandardError(kind)), positiveOrNull(sample.randomStandardError()),
                    positiveOrNull(sample.actualError())})
                .toList();
        List<double[]> newDarts = darts.dartsFrom(dartsSent).stream()
                .map(dart -> new double[] {rounded(dart.x()), rounded(dart.y()), dart.inside() ? 1 : 0})
                .toList();
        List<Sample> samples = history.samples();
        double chartHalfWidth = samples.isEmpty() ? ConvergenceHistory.emptyChartHalfWidth(plan)
                : ConvergenceHistory.chartHalfWidth(samples, kind);
        double[] errorAxis = samples.isEmpty() ? ConvergenceHistory.emptyErrorAxisRange(plan)
                : ConvergenceHistory.errorAxisRange(samples, kind);
        return new Update(status, planView(), progress(), estimate(), workers(), retriedJobs,
                samplesSent + newSamples.size(), newSamples, chartHalfWidth, errorAxis,
                ConvergenceHistory.pointsAxisRange(samples, plan), dartsSent + newDarts.size(), darts.plannedSize(),
                newDarts);
    }

    /** The darts of the run: random ones until the run has started and said otherwise. */
    private DartsKind dartsKind() {
        return plan == null ? DartsKind.RANDOM : DartsKind.of(plan);
    }

    /** A value a logarithmic axis can show, or null (a gap in the page's line) for one it cannot. */
    private static Double positiveOrNull(double value) {
        return value > 0 && Double.isFinite(value) ? value : null;
    }

    private PlanView planView() {
        if (plan == null) {
            return null;
        }
        DartsKind kind = DartsKind.of(plan);
        return new PlanView(Long.toUnsignedString(plan.seed()), plan.pointsPerJob(), plan.jobs(),
                plan.totalPoints().toString(), farm, kernel, window, plan.darts().toString(), plan.replicas(),
                kind.label());
    }

    private Progress progress() {
        if (plan == null) {
            return null;
        }
        double seconds = !started ? 0 : ((endedAt != 0 ? endedAt : nanoClock.getAsLong()) - startedAt) / 1e9;
        double done = (double) count.jobs() / plan.jobs();
        long jobsNow = count.jobs() - countedBefore.jobs();
        Double secondsLeft = jobsNow > 0 && done < 1 && "running".equals(status)
                ? seconds * (plan.jobs() - count.jobs()) / jobsNow : null;
        double pointsNow = count.points().subtract(countedBefore.points()).doubleValue();
        double pointsPerSecond = seconds > 0 ? pointsNow / seconds : 0;
        return new Progress(count.jobs(), plan.jobs(), count.points().toString(), count.inside().toString(), done,
                pointsPerSecond, seconds, secondsLeft);
    }

    private EstimateView estimate() {
        if (count.isEmpty()) {
            return null;
        }
        Estimate estimate = Estimate.of(count);
        return new EstimateView(estimate.pi(), estimate.standardError(), estimate.errorBar().toString(),
                estimate.ciLow(), estimate.ciHigh(), estimate.meaningfulDecimals(),
                estimate.meaningfulValue().toPlainString());
    }

    private List<WorkerView> workers() {
        return workerRows.get().stream()
                .map(row -> new WorkerView(row.worker().name(), row.worker().address(), row.worker().cpus(),
                        row.jobs(), row.points().toString(), row.pointsPerSecond(), row.worker().lost() ? "lost" : "up"))
                .toList();
    }

    /** Four decimals place a dart within a tenth of a pixel on any screen, at a third of the bytes. */
    private static double rounded(double coordinate) {
        return Math.round(coordinate * 1e4) / 1e4;
    }

    /**
     * One message to a browser. Counts that may pass 2<sup>53</sup> are strings, which JavaScript keeps exact.
     *
     * @param status {@code starting}, {@code running}, then {@code complete}, {@code stopped} or {@code failed}
     * @param samples how many convergence samples the browser has with this update
     * @param newSamples samples it lacked: points, estimate, low and high end of the 95% band, the run's
     *     standard error (null where the error chart has none: lattice darts before two replicas differ),
     *     random darts' standard error at as many points (the yardstick; the same as the run's for random
     *     darts), and the actual error |estimate − π| (null when 0)
     * @param chartHalfWidth the chart's estimate axis spans π ± this, by the rule the plot file follows too
     * @param errorAxis the error chart's axis of errors, lowest and highest, by the plot file's rule too
     * @param pointsAxis both charts' axis of points counted, lowest and highest: up to the run's total
     * @param darts how many darts the browser has with this update
     * @param plannedDarts how many darts the picture will have at the end
     * @param newDarts darts it lacked: x, y, 1 when inside
     */
    record Update(String status, PlanView plan, Progress progress, EstimateView estimate,
            List<WorkerView> workers, long retriedJobs, int samples, List<Double[]> newSamples,
            double chartHalfWidth, double[] errorAxis, double[] pointsAxis, int darts, int plannedDarts, List<double[]> newDarts) {
    }

    /**
     * The plan and where it runs.
     *
     * @param darts {@code random} or {@code lattice}
     * @param replicas how many replicas of lattice darts; 1 for random darts
     * @param dartsLabel what the charts call them: {@code random darts}, {@code lattice darts, 16 replicas}
     */
    record PlanView(String seed, long pointsPerJob, long jobs, String totalPoints, String farm, String kernel,
            int window, String darts, int replicas, String dartsLabel) {
    }

    /** How far the run is; {@code secondsLeft} is null when unknown or over. */
    record Progress(long jobsDone, long jobs, String points, String inside, double fraction,
            double pointsPerSecond, double elapsedSeconds, Double secondsLeft) {
    }

    /**
     * The estimate so far.
     *
     * @param errorBar how its standard error was made: {@code binomial} or {@code replicas}
     */
    record EstimateView(double pi, double standardError, String errorBar, double ciLow, double ciHigh,
            int meaningfulDecimals, String meaningfulValue) {
    }

    /** One row of the node table: a node, or a thread of the local farm. */
    record WorkerView(String name, String address, int cpus, long jobs, String points, double pointsPerSecond,
            String state) {
    }
}
