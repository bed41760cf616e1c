package org.dartboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.run.Farm;
import org.dartboard.run.RunOutcome;
import org.dartboard.run.Worker;
import org.dartboard.run.WorkerStatistics;

/**
 * The report for programs: one JSON object on standard output when the run ends. Field names are part
 * of the public interface (documented in the README): add fields, never rename or remove them.
 */
final class JsonReport implements Report {

    private final PrintWriter out;
    private final String version;
    private final String kernelReason;
    private final String settingsFile;
    private final JournalNote journal;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    JsonReport(PrintWriter out, String version) {
        this(out, version, null, null, null);
    }

    /**
     * @param kernelReason why the kernel was chosen: the {@code kernelReason} field; null for none
     * @param settingsFile the settings file read and how it was found: the {@code settingsFile} field; null
     *     for none
     * @param journal the run's journal: the {@code journal} field; null for none
     */
    JsonReport(PrintWriter out, String version, String kernelReason, String settingsFile, JournalNote journal) {
        this.out = out;
        this.version = version;
        this.kernelReason = kernelReason;
        this.settingsFile = settingsFile;
        this.journal = journal;
    }

    @Override
    public void started(JobPlan plan, boolean seedGiven, Farm farm, int window) {
        // Nothing until the end: standard output holds exactly one JSON object.
    }

    @Override
    public void finished(RunOutcome outcome, boolean seedGiven, int digits, boolean interrupted,
            WorkerStatistics statistics) {
        JobPlan plan = outcome.plan();
        Count count = outcome.count();
        String status = interrupted ? "interrupted" : outcome.ending().name().toLowerCase(Locale.ROOT);
        Document document = new Document(
                version,
                status,
                outcome.isComplete(),
                new PlanFields(new BigInteger(SeedParser.format(plan.seed())),
                        journal != null && journal.resumed() ? "journal" : seedGiven ? "given" : "random",
                        plan.pointsPerJob(), plan.jobs(), plan.totalPoints()),
                new FarmFields(outcome.farmDescription(), outcome.workers(), outcome.window()),
                outcome.kernelName(),
                kernelReason,
                new CountFields(count.jobs(), count.points(), count.inside()),
                outcome.estimate().map(estimate -> estimateFields(estimate, digits)).orElse(null),
                new TimingFields(outcome.wallTime().toNanos() / 1e9, outcome.pointsPerSecond()),
                outcome.retriedJobs(),
                lostWorkers(outcome, statistics),
                statistics.rows(outcome.workersSeen()).stream().map(JsonReport::workerFields).toList(),
                outcome.failure().map(failure -> failure.getMessage() != null ? failure.getMessage()
                        : failure.toString()).orElse(null),
                settingsFile,
                journal == null ? null : new JournalFields(journal.file().toString(), journal.resumed(),
                        outcome.countedBefore().jobs(), !(outcome.isComplete() && journal.deletedWhenComplete()),
                        outcome.isComplete() ? null : journal.resumeCommand()));
        try {
            out.println(mapper.writeValueAsString(document));
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
        out.flush();
    }

    /** Lost during the run, including nodes that came back, and any the farm lists as lost at the end. */
    private static List<String> lostWorkers(RunOutcome outcome, WorkerStatistics statistics) {
        Set<String> lost = new LinkedHashSet<>(statistics.lostWorkers());
        outcome.workersSeen().stream().filter(Worker::lost).map(Worker::name).forEach(lost::add);
        return List.copyOf(lost);
    }

    private static EstimateFields estimateFields(Estimate estimate, int digits) {
        return new EstimateFields(estimate.pi(), estimate.standardError(), 0.95, estimate.ciLow(),
                estimate.ciHigh(), estimate.meaningfulDecimals(), estimate.meaningfulValue().toPlainString(),
                digits, estimate.exactDigits(digits).toPlainString(), estimate.isExactWithin(digits),
                estimate.zScore());
    }

    private static WorkerFields workerFields(WorkerStatistics.Row row) {
        return new WorkerFields(row.worker().name(), row.worker().address(), row.worker().cpus(),
                row.worker().lost() ? "lost" : "up", row.jobs(), row.points(), row.busyNanos() / 1e9,
                row.pointsPerSecond());
    }

    record Document(String version, String status, boolean complete, PlanFields plan, FarmFields farm,
            String kernel, String kernelReason, CountFields counts, EstimateFields estimate, TimingFields timing,
            long retriedJobs, List<String> lostWorkers, List<WorkerFields> workers, String error,
            String settingsFile, JournalFields journal) {
    }

    record JournalFields(String file, boolean resumed, long jobsFromJournal, boolean kept, String resumeCommand) {
    }

    record WorkerFields(String name, String address, int cpus, String state, long jobs, BigInteger points,
            double busySeconds, double pointsPerSecond) {
    }

    record PlanFields(BigInteger seed, String seedSource, long pointsPerJob, long jobs, BigInteger totalPoints) {
    }

    record FarmFields(String description, int workers, int window) {
    }

    record CountFields(long jobs, BigInteger points, BigInteger inside) {
    }

    record EstimateFields(double pi, double standardError, double confidenceLevel, double ciLow, double ciHigh,
            int meaningfulDecimals, String meaningfulValue, int digits, String exact, boolean exactIsWhole,
            double zScore) {
    }

    record TimingFields(double wallSeconds, double pointsPerSecond) {
    }
}
