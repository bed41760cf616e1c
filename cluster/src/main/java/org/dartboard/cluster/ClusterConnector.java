package org.dartboard.cluster;

import org.dartboard.cluster.security.ClusterSecurity;
import org.dartboard.run.Farm;
import org.dartboard.run.Farms;
import org.dartboard.run.InvalidSettingException;

/**
 * How {@code Farms.cluster(...)} becomes a running farm: the node pattern and the security are checked, the
 * nodes found and connected to. Found by {@link java.util.ServiceLoader} through this module's
 * {@code META-INF/services} entry, which is why it is public; nothing else should call it.
 */
public final class ClusterConnector implements Farm.Connector {

    /** For the service loader. */
    public ClusterConnector() {
    }

    @Override
    public void validate(Farms.Cluster cluster) {
        settings(cluster);
    }

    @Override
    public Farm connect(Farms.Cluster cluster) {
        return ClusterFarm.connect(settings(cluster));
    }

    private static ClusterSettings settings(Farms.Cluster cluster) {
        NodePattern nodes;
        try {
            nodes = NodePattern.parse(cluster.nodes(), DartboardNode.DEFAULT_CLIENT_PORT);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidSettingException("nodes", malformed.getMessage());
        }
        ClusterSecurity security = ClusterSecurity.of(cluster.secret().orElse(null), cluster.tls().orElse(null));
        return new ClusterSettings(nodes, cluster.connectTimeout(), cluster.nodeWait(), Farms.TASK_TIMEOUT,
                cluster.failureTimeout(), security);
    }
}
