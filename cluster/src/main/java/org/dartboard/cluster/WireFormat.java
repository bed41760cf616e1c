package org.dartboard.cluster;

import java.util.ArrayList;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;

/**
 * How a batch of jobs and its results cross the thin-client connection: arrays of strings and longs
 * only, which Ignite's binary format carries without knowing any dartboard class, and which nodes decode
 * and check themselves. Nodes only ever run {@link CountTask}; no code travels.
 *
 * <pre>
 * request: { String clientVersion, long[] {id, seed, firstPoint, points, darts, replica} per job }
 * result:  { String[] worker per job, long[] {id, points, inside, startedAtMillis, busyNanos} per job,
 *            String[] lost node per failed-over group, long[] jobs re-run per failed-over group,
 *            long[] ids of those re-run jobs, group after group }
 * </pre>
 */
final class WireFormat {

    /** Words every version-mismatch message starts with, so a client can tell it from other failures. */
    static final String VERSION_MISMATCH = "dartboard version mismatch";

    private static final int SPEC_LONGS = 6;
    private static final JobPlan.Darts[] DARTS = JobPlan.Darts.values();
    private static final int RESULT_LONGS = 5;

    private WireFormat() {
    }

    /** A request decoded on a node. */
    record Request(String clientVersion, List<JobSpec> jobs) {
    }

    /**
     * A task's answer decoded on the client.
     *
     * @param lostNodes the node lost, for each group of jobs that Ignite's failover ran again
     * @param jobsRerun how many jobs each of those groups held
     * @param rerunJobIds the ids of the jobs of those groups, one entry for each time a job was run again
     */
    record Answer(List<JobResult> results, List<String> lostNodes, List<Long> jobsRerun, List<Long> rerunJobIds) {
    }

    static Object[] request(String clientVersion, List<JobSpec> jobs) {
        return new Object[] {clientVersion, specs(jobs)};
    }

    static Request decodeRequest(Object argument) {
        if (!(argument instanceof Object[] parts) || parts.length != 2 || !(parts[0] instanceof String version)
                || !(parts[1] instanceof long[] specs) || specs.length % SPEC_LONGS != 0) {
            throw new IllegalArgumentException("not a dartboard request: a client of another program or version");
        }
        return new Request(version, jobs(specs));
    }

    /** How many jobs a request's longs hold. */
    static int jobCount(long[] specs) {
        return specs.length / SPEC_LONGS;
    }

    static long[] specs(List<JobSpec> jobs) {
        long[] specs = new long[jobs.size() * SPEC_LONGS];
        int at = 0;
        for (JobSpec job : jobs) {
            specs[at++] = job.id();
            specs[at++] = job.seed();
            specs[at++] = job.firstPoint();
            specs[at++] = job.points();
            specs[at++] = job.darts().ordinal();
            specs[at++] = job.replica();
        }
        return specs;
    }

    static List<JobSpec> jobs(long[] specs) {
        List<JobSpec> jobs = new ArrayList<>(jobCount(specs));
        for (int at = 0; at < specs.length; at += SPEC_LONGS) {
            long darts = specs[at + 4];
            long replica = specs[at + 5];
            if (darts < 0 || darts >= DARTS.length || replica < 0 || replica > JobPlan.MAX_REPLICAS) {
                throw new IllegalArgumentException("not a dartboard job: darts " + darts + ", replica " + replica);
            }
            jobs.add(new JobSpec(specs[at], specs[at + 1], specs[at + 2], specs[at + 3], DARTS[(int) darts],
                    (int) replica));
        }
        return jobs;
    }

    static long[] results(List<JobResult> results) {
        long[] values = new long[results.size() * RESULT_LONGS];
        int at = 0;
        for (JobResult result : results) {
            values[at++] = result.jobId();
            values[at++] = result.points();
            values[at++] = result.inside();
            values[at++] = result.startedAtMillis();
            values[at++] = result.busyNanos();
        }
        return values;
    }

    static List<JobResult> results(long[] values, String worker) {
        List<JobResult> results = new ArrayList<>(values.length / RESULT_LONGS);
        for (int at = 0; at < values.length; at += RESULT_LONGS) {
            results.add(new JobResult(values[at], values[at + 1], values[at + 2], worker, values[at + 3],
                    values[at + 4]));
        }
        return results;
    }

    static Object[] answer(List<JobResult> results, List<String> lostNodes, List<Long> jobsRerun,
            List<Long> rerunJobIds) {
        String[] workers = results.stream().map(JobResult::worker).toArray(String[]::new);
        return new Object[] {workers, results(results), lostNodes.toArray(String[]::new), longs(jobsRerun),
            longs(rerunJobIds)};
    }

    static Answer decodeAnswer(Object answer) {
        if (!(answer instanceof Object[] parts) || parts.length != 5) {
            throw notAResult(answer);
        }
        if (!(parts[0] instanceof String[] workers) || !(parts[1] instanceof long[] values)
                || !(parts[2] instanceof String[] lost)
                || !(parts[3] instanceof long[] rerun) || !(parts[4] instanceof long[] rerunIds)
                || values.length != workers.length * RESULT_LONGS || lost.length != rerun.length
                || rerunIds.length != Arrays.stream(rerun).sum()) {
            throw notAResult(answer);
        }
        List<JobResult> results = new ArrayList<>(workers.length);
        for (int job = 0; job < workers.length; job++) {
            int at = job * RESULT_LONGS;
            results.add(new JobResult(values[at], values[at + 1], values[at + 2], workers[job], values[at + 3],
                    values[at + 4]));
        }
        return new Answer(results, List.of(lost), boxed(rerun), boxed(rerunIds));
    }

    private static IllegalStateException notAResult(Object answer) {
        return new IllegalStateException("a node answered with something that is not a dartboard result: "
                + shape(answer));
    }

    /** What an answer is made of, for the message that refuses it: its types and lengths, no values. */
    static String shape(Object answer) {
        if (answer != null && answer.getClass() == Object[].class) {
            return Arrays.stream((Object[]) answer).map(WireFormat::shape).collect(Collectors.joining(", ", "[", "]"));
        }
        if (answer != null && answer.getClass().isArray()) {
            return answer.getClass().getComponentType().getSimpleName() + "[" + Array.getLength(answer) + "]";
        }
        return answer == null ? "null" : answer.getClass().getSimpleName();
    }

    private static long[] longs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
