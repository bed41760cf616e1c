package org.dartboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.dartboard.core.Count;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;

/**
 * The report for programs: one JSON object on standard output when the run ends. Field names are part
 * of the public interface (documented in docs/json.md): add fields, never rename or remove them.
 */
final class JsonReport implements Report {

    private final PrintWriter out;
    private final Report.Context context;
    private final ObjectMapper mapper;

    JsonReport(PrintWriter out, Report.Context context) {
        this(out, context, false);
    }

    /**
     * @param asciiOnly whether standard output's charset lacks the symbols of the texts (a kernel's reason
     *     says "1.25× as fast"): they are then written as JSON's escapes of four hex digits, which every
     *     reader turns back into the same text, rather than as question marks
     */
    JsonReport(PrintWriter out, Report.Context context, boolean asciiOnly) {
        this.out = out;
        this.context = context;
        this.mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .configure(JsonWriteFeature.ESCAPE_NON_ASCII, asciiOnly).build();
    }

    @Override
    public void started(RunListener.Start start) {
        // Nothing until the end: standard output holds exactly one JSON object.
    }

    @Override
    public void finished(RunOutcome outcome, int digits, boolean interrupted) {
        JobPlan plan = outcome.plan();
        Count count = outcome.count();
        String status = interrupted ? "interrupted" : outcome.ending().name().toLowerCase(Locale.ROOT);
        RunOutcome.JournalInfo journal = outcome.journal().orElse(null);
        Document document = new Document(
                context.version(),
                status,
                outcome.isComplete(),
                new PlanFields(new BigInteger(SeedParser.format(plan.seed())),
                        journal != null && journal.resumed() ? "journal" : context.seedGiven() ? "given" : "random",
                        plan.pointsPerJob(), plan.jobs(), plan.totalPoints()),
                new FarmFields(outcome.farm(), outcome.cpus(), outcome.window()),
                outcome.kernel(),
                outcome.kernelReason(),
                new CountFields(count.jobs(), count.points(), count.inside()),
                outcome.estimate().map(estimate -> estimateFields(estimate, digits)).orElse(null),
                new TimingFields(outcome.wallTime().toNanos() / 1e9, outcome.pointsPerSecond()),
                outcome.retriedJobs(),
                outcome.lostWorkers(),
                outcome.workers().stream().map(JsonReport::workerFields).toList(),
                outcome.failure().map(failure -> failure.getMessage() != null ? failure.getMessage()
                        : failure.toString()).orElse(null),
                context.settingsFile(),
                journal == null ? null : new JournalFields(journal.file().toString(), journal.resumed(),
                        outcome.countedBefore().jobs(), outcome.journalKept(),
                        outcome.isComplete() ? null : context.resumeCommand().apply(journal.file())),
                plan.darts().toString(),
                plan.darts() == JobPlan.Darts.LATTICE ? plan.replicas() : null);
        try {
            out.println(mapper.writeValueAsString(document));
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
        out.flush();
    }

    private static EstimateFields estimateFields(Estimate estimate, int digits) {
        return new EstimateFields(estimate.pi(), estimate.standardError(), 0.95, estimate.ciLow(),
                estimate.ciHigh(), estimate.meaningfulDecimals(), estimate.meaningfulValue().toPlainString(),
                digits, estimate.exactDigits(digits).toPlainString(), estimate.isExactWithin(digits),
                estimate.zScore(), estimate.errorBar().toString(),
                estimate.errorBar() == Estimate.ErrorBar.REPLICAS ? estimate.degreesOfFreedom() : null);
    }

    private static WorkerFields workerFields(RunOutcome.WorkerRow row) {
        return new WorkerFields(row.worker().name(), row.worker().address(), row.worker().cpus(),
                row.worker().lost() ? "lost" : "up", row.jobs(), row.points(), row.busyNanos() / 1e9,
                row.pointsPerSecond());
    }

    record Document(String version, String status, boolean complete, PlanFields plan, FarmFields farm,
            String kernel, String kernelReason, CountFields counts, EstimateFields estimate, TimingFields timing,
            long retriedJobs, List<String> lostWorkers, List<WorkerFields> workers, String error,
            String settingsFile, JournalFields journal, String darts, Integer replicas) {
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
            double zScore, String errorBar, Integer degreesOfFreedom) {
    }

    record TimingFields(double wallSeconds, double pointsPerSecond) {
    }
}
