package org.dartboard.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeJobResultPolicy;
import org.apache.ignite.compute.ComputeTaskSplitAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.dartboard.core.JobResult;
import org.dartboard.core.JobSpec;
import org.dartboard.run.DartboardVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only task a dartboard node runs: a batch of jobs from a client, split into groups spread over the
 * cluster's cpus. Runs on the node the client is connected to, which hands the groups out and gathers
 * the answers. A group whose node dies is run again on another node (Ignite's failover), and the answer
 * says which node was lost and which jobs were run again.
 */
final class CountTask extends ComputeTaskSplitAdapter<Object, Object[]> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CountTask.class);

    private final List<String> lostNodes = new ArrayList<>();
    private final List<Long> jobsRerun = new ArrayList<>();
    private final List<Long> rerunJobIds = new ArrayList<>();

    @IgniteInstanceResource
    private transient Ignite ignite;

    @Override
    protected Collection<? extends ComputeJob> split(int gridSize, Object argument) {
        WireFormat.Request request = WireFormat.decodeRequest(argument);
        String nodeVersion = DartboardVersion.current();
        if (!request.clientVersion().equals(nodeVersion)) {
            String message = WireFormat.VERSION_MISMATCH + ": the client runs dartboard " + request.clientVersion()
                    + " and node " + ignite.name() + " runs " + nodeVersion + "; run the same version everywhere";
            LOG.warn("Refused a client: {}", message);
            throw new IgniteException(message);
        }
        int groups = Math.min(request.jobs().size(), Math.max(1, NodeAttributes.cpus(ignite.cluster().forServers().nodes())));
        List<List<JobSpec>> grouped = new ArrayList<>(groups);
        for (int group = 0; group < groups; group++) {
            grouped.add(new ArrayList<>());
        }
        for (int index = 0; index < request.jobs().size(); index++) {
            grouped.get(index % groups).add(request.jobs().get(index));
        }
        return grouped.stream().map(CountJob::new).toList();
    }

    @Override
    public ComputeJobResultPolicy result(ComputeJobResult result, List<ComputeJobResult> received) {
        IgniteException failure = result.getException();
        if (failure != null && (failure instanceof ClusterTopologyException
                || failure.hasCause(ClusterTopologyException.class))) {
            String lost = String.valueOf(result.getNode().consistentId());
            CountJob group = (CountJob) result.getJob();
            int jobs = group.jobCount();
            synchronized (this) {
                lostNodes.add(lost);
                jobsRerun.add((long) jobs);
                for (long id : group.jobIds()) {
                    rerunJobIds.add(id);
                }
            }
            LOG.warn("Node {} was lost with {} jobs; running them on another node", lost, jobs);
            return ComputeJobResultPolicy.FAILOVER;
        }
        return super.result(result, received);
    }

    @Override
    public synchronized Object[] reduce(List<ComputeJobResult> results) {
        List<JobResult> all = new ArrayList<>();
        for (ComputeJobResult result : results) {
            String worker = String.valueOf(result.getNode().consistentId());
            all.addAll(WireFormat.results((long[]) result.getData(), worker));
        }
        return WireFormat.answer(all, lostNodes, jobsRerun, rerunJobIds);
    }
}
