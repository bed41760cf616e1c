package org.dartboard.cluster.security;

import java.io.Serializable;
import java.util.Set;
import java.util.UUID;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.security.GridSecurityProcessor;
import org.apache.ignite.plugin.CachePluginContext;
import org.apache.ignite.plugin.CachePluginProvider;
import org.apache.ignite.plugin.ExtensionRegistry;
import org.apache.ignite.plugin.IgnitePlugin;
import org.apache.ignite.plugin.PluginConfiguration;
import org.apache.ignite.plugin.PluginContext;
import org.apache.ignite.plugin.PluginProvider;
import org.dartboard.run.DartboardVersion;

/** How {@link ClusterGuard} gets into Ignite: a plugin whose only part is the security processor. */
final class ClusterGuardPlugin implements PluginProvider<PluginConfiguration> {

    private final ClusterSecret secret;
    private final Set<String> clientTasks;

    ClusterGuardPlugin(ClusterSecret secret, Set<String> clientTasks) {
        this.secret = secret;
        this.clientTasks = Set.copyOf(clientTasks);
    }

    @Override
    public String name() {
        return "dartboard-guard";
    }

    @Override
    public String version() {
        return DartboardVersion.current();
    }

    @Override
    public String copyright() {
        return "";
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IgnitePlugin> T plugin() {
        return (T) new IgnitePlugin() {
        };
    }

    @Override
    public void initExtensions(PluginContext context, ExtensionRegistry registry) {
        // No extensions: the guard is a processor.
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T createComponent(PluginContext context, Class<T> type) {
        if (type == GridSecurityProcessor.class) {
            return (T) new ClusterGuard(((IgniteEx) context.grid()).context(), secret, clientTasks);
        }
        return null;
    }

    @Override
    public CachePluginProvider createCacheProvider(CachePluginContext context) {
        return null;
    }

    @Override
    public void start(PluginContext context) {
        // The guard starts as Ignite's security processor.
    }

    @Override
    public void stop(boolean cancel) {
        // Nothing to stop.
    }

    @Override
    public void onIgniteStart() {
        // Nothing to do.
    }

    @Override
    public void onIgniteStop(boolean cancel) {
        // Nothing to do.
    }

    @Override
    public Serializable provideDiscoveryData(UUID nodeId) {
        return null;
    }

    @Override
    public void receiveDiscoveryData(UUID nodeId, Serializable data) {
        // Nodes exchange nothing: each checks against its own secret.
    }

    @Override
    @Deprecated
    public void validateNewNode(ClusterNode node) {
        // Nodes are checked by the guard's authentication.
    }
}
