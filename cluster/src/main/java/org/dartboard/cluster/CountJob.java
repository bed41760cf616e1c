package org.dartboard.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;
import org.dartboard.core.RecheckedKernel;
import org.slf4j.LoggerFactory;

/**
 * A group of dartboard jobs run one after the other on one thread of one node. Grouping keeps Ignite's
 * cost per job small when jobs are tiny; a group lost with its node is run again elsewhere whole.
 */
final class CountJob extends ComputeJobAdapter {

    private static final long serialVersionUID = 1L;

    private final long[] specs;

    @IgniteInstanceResource
    private transient Ignite ignite;

    CountJob(List<JobSpec> jobs) {
        this.specs = WireFormat.specs(jobs);
    }

    /** How many dartboard jobs the group holds. */
    int jobCount() {
        return WireFormat.jobCount(specs);
    }

    /** The ids of the dartboard jobs the group holds. */
    long[] jobIds() {
        return WireFormat.jobs(specs).stream().mapToLong(JobSpec::id).toArray();
    }

    /** Returns the results as {@link WireFormat#results} longs. */
    @Override
    public Object execute() {
        NodeMetrics metrics = (NodeMetrics) ignite.cluster().nodeLocalMap().get(NodeMetrics.NODE_LOCAL_KEY);
        List<JobResult> results = new ArrayList<>(jobCount());
        for (JobSpec job : WireFormat.jobs(specs)) {
            // Asked for each job: a check of the kernel that falls due runs on this thread, between two jobs.
            JobResult result = NodeKernel.CHOICE.current().count(job,
                    String.valueOf(ignite.cluster().localNode().consistentId()), this::isCancelled);
            if (result == null) {
                throw new IgniteException("cancelled");
            }
            results.add(result);
            if (metrics != null) {
                metrics.record(result);
            }
        }
        // Plain longs between nodes too: the master node rebuilds the results with this node's name.
        return WireFormat.results(results);
    }

    /**
     * This node's kernel: {@link Kernel#auto()}, chosen when the first job arrives (a calibration of up to
     * a second or two) and kept for the life of the node's JVM, unless that choice was made while the JIT had
     * not compiled the vector loops yet: then it is checked again a few times as jobs come
     * ({@link RecheckedKernel}). Each choice and check is logged.
     */
    private static final class NodeKernel {
        static final RecheckedKernel CHOICE = RecheckedKernel.auto(LoggerFactory.getLogger(CountJob.class)::info);
    }
}
