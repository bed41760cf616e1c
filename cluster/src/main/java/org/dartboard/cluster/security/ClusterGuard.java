package org.dartboard.cluster.security;

import static org.apache.ignite.plugin.security.SecuritySubjectType.REMOTE_CLIENT;
import static org.apache.ignite.plugin.security.SecuritySubjectType.REMOTE_NODE;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.GridKernalContext;
import org.apache.ignite.internal.IgniteNodeAttributes;
import org.apache.ignite.internal.processors.GridProcessorAdapter;
import org.apache.ignite.internal.processors.authentication.IgniteAccessControlException;
import org.apache.ignite.internal.processors.security.GridSecurityProcessor;
import org.apache.ignite.internal.processors.security.SecurityContext;
import org.apache.ignite.plugin.security.AuthenticationContext;
import org.apache.ignite.plugin.security.SecurityCredentials;
import org.apache.ignite.plugin.security.SecurityException;
import org.apache.ignite.plugin.security.SecurityPermission;
import org.apache.ignite.plugin.security.SecuritySubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gatekeeper of a dartboard node, plugged into Ignite as its security processor: it lets in only
 * nodes and clients that have the cluster's secret, and lets clients run nothing but the dartboard task.
 *
 * <p>Why this and not something else: Ignite's own authentication keeps its users in persistent storage,
 * which a node must not have; a node-validation hook sees nodes but not thin clients; and thin-client
 * user attributes are not checked by anything. A security processor is the one place Ignite asks about
 * both: nodes as they join (the coordinator checks the credentials a node carries in its join request,
 * and Ignite strips them from the node's attributes afterwards) and thin clients at their handshake (user
 * name and password). It is also asked before every operation, which is how clients are held to the one
 * task: without it, a thin client may run any task class a node happens to have, Ignite's own included.
 *
 * <p>Without a secret, the gate is open to nodes and clients that have none either, and still closed to
 * every task but dartboard's.
 */
final class ClusterGuard extends GridProcessorAdapter implements GridSecurityProcessor {

    /** Words a refused client receives; the client recognises them to explain the refusal in its own words. */
    static final String WRONG_SECRET = "wrong or missing secret";
    /** Words a client that gives a secret receives from a node that has none. */
    static final String NODE_HAS_NO_SECRET = "this node has no secret";
    /** Words a client asking for anything but the dartboard task receives. */
    static final String ONLY_DARTBOARD_TASKS = "a dartboard node runs only dartboard's count task for clients";

    /**
     * Every client has the same rights, so they share one subject id that every node knows: a node that runs
     * part of a client's task for another node finds the client's context by this id alone.
     */
    static final UUID CLIENT_SUBJECT_ID = UUID.nameUUIDFromBytes("dartboard client".getBytes(StandardCharsets.UTF_8));

    private static final Logger LOG = LoggerFactory.getLogger(ClusterGuard.class);
    private static final String NODE_LOGIN = "dartboard-node";
    private static final String CLIENT_LOGIN = "dartboard-client";

    private final String nodeToken;
    private final String clientToken;
    private final Set<String> clientTasks;

    /**
     * @param secret the cluster's secret, null for a cluster without one
     * @param clientTasks class names of the only tasks clients may run
     */
    ClusterGuard(GridKernalContext context, ClusterSecret secret, Set<String> clientTasks) {
        super(context);
        this.nodeToken = secret != null ? secret.nodeToken() : null;
        this.clientToken = secret != null ? secret.clientToken() : null;
        this.clientTasks = Set.copyOf(clientTasks);
    }

    /** This node's own proof, which discovery sends with its join request. */
    @Override
    public void start() throws IgniteCheckedException {
        super.start();
        ctx.addNodeAttribute(IgniteNodeAttributes.ATTR_SECURITY_CREDENTIALS,
                new SecurityCredentials(NODE_LOGIN, nodeToken));
    }

    @Override
    public SecurityContext authenticateNode(ClusterNode node, SecurityCredentials credentials) {
        String refusal = refusal(nodeToken, credentials != null ? credentials.getPassword() : null);
        if (refusal != null) {
            LOG.warn("Refused node {} at {}: {}", node.consistentId(), String.join(", ", node.addresses()),
                    refusal.equals(NODE_HAS_NO_SECRET) ? "it has a secret and this node has none" : WRONG_SECRET);
            return null;
        }
        return new Admitted(node.id(), REMOTE_NODE, String.valueOf(node.consistentId()), null);
    }

    /** Only the coordinator checks a joining node: one check, one log line, the same answer everywhere. */
    @Override
    public boolean isGlobalNodeAuthentication() {
        return false;
    }

    /** A thin client's handshake. */
    @Override
    public SecurityContext authenticate(AuthenticationContext context) throws IgniteCheckedException {
        InetSocketAddress from = context.address();
        if (context.subjectType() != REMOTE_CLIENT) {
            LOG.warn("Refused a {} connection from {}: a dartboard node serves thin clients only",
                    context.subjectType(), Addresses.text(from));
            throw new IgniteAccessControlException("a dartboard node serves dartboard clients only");
        }
        SecurityCredentials credentials = context.credentials();
        String refusal = refusal(clientToken, credentials != null ? credentials.getPassword() : null);
        if (refusal != null) {
            LOG.warn("Refused a client at {}: {}", Addresses.text(from),
                    refusal.equals(NODE_HAS_NO_SECRET) ? "it gave a secret and this node has none" : WRONG_SECRET);
            throw new IgniteAccessControlException("dartboard: " + refusal);
        }
        return new Admitted(CLIENT_SUBJECT_ID, REMOTE_CLIENT, CLIENT_LOGIN, from);
    }

    /**
     * Nodes may do anything (they were admitted with the secret and run this same code); clients may run and
     * cancel the dartboard task and nothing else: no other task, no cache, no cluster administration.
     */
    @Override
    public void authorize(String name, SecurityPermission permission, SecurityContext context) {
        if (context == null || context.subject().type() == REMOTE_NODE) {
            return;
        }
        if (!clientMay(clientTasks, name, permission)) {
            LOG.warn("Refused {}: it asked for {}{}; {}", context.subject(), permission,
                    name != null ? " on " + name : "", ONLY_DARTBOARD_TASKS);
            throw new SecurityException(ONLY_DARTBOARD_TASKS + "; refused " + permission
                    + (name != null ? " on " + name : ""));
        }
    }

    /** Clients' context on any node; null for anything else, which Ignite then looks up among the nodes. */
    @Override
    public SecurityContext securityContext(UUID subjectId) {
        return CLIENT_SUBJECT_ID.equals(subjectId) ? new Admitted(CLIENT_SUBJECT_ID, REMOTE_CLIENT, CLIENT_LOGIN, null)
                : null;
    }

    @Override
    public Collection<SecuritySubject> authenticatedSubjects() {
        return List.of();
    }

    @Override
    public SecuritySubject authenticatedSubject(UUID subjectId) {
        SecurityContext context = securityContext(subjectId);
        return context != null ? context.subject() : null;
    }

    @Override
    public void onSessionExpired(UUID subjectId) {
        // Nothing is kept per client session.
    }

    /** Always on: without a secret the gate still holds clients to the dartboard task. */
    @Override
    @Deprecated
    public boolean enabled() {
        return true;
    }

    /** Whether a client may do this: run or cancel one of the tasks allowed to clients, and nothing else. */
    static boolean clientMay(Set<String> clientTasks, String name, SecurityPermission permission) {
        return (permission == SecurityPermission.TASK_EXECUTE || permission == SecurityPermission.TASK_CANCEL)
                && name != null && clientTasks.contains(name);
    }

    /** Why a proof is refused, or null when it is the expected one (no proof where none is expected). */
    static String refusal(String expected, Object given) {
        String proof = given instanceof String text && !text.isEmpty() ? text : null;
        if (expected == null) {
            return proof == null ? null : NODE_HAS_NO_SECRET;
        }
        return proof != null && ClusterSecret.sameToken(expected, proof) ? null : WRONG_SECRET;
    }
}
