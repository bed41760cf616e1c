package org.dartboard.cluster.security;

import java.io.Serial;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.apache.ignite.internal.processors.security.SecurityContext;
import org.apache.ignite.plugin.security.SecuritySubject;
import org.apache.ignite.plugin.security.SecuritySubjectType;

/**
 * A node or client that {@link ClusterGuard} let in: who it is for Ignite (its security subject) and what
 * Ignite carries with its operations (its security context). Ignite copies a node's context to the other
 * nodes with Java serialization, so this is a small serializable value.
 */
final class Admitted implements SecurityContext, SecuritySubject, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final SecuritySubjectType type;
    private final String login;
    private final InetSocketAddress address;

    Admitted(UUID id, SecuritySubjectType type, String login, InetSocketAddress address) {
        this.id = id;
        this.type = type;
        this.login = login;
        this.address = address;
    }

    @Override
    public SecuritySubject subject() {
        return this;
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public SecuritySubjectType type() {
        return type;
    }

    @Override
    public Object login() {
        return login;
    }

    /** Where the client connected from; null for a node, and for a client admitted by another node. */
    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String toString() {
        return type == SecuritySubjectType.REMOTE_NODE ? "node " + login
                : "client" + (address != null ? " at " + Addresses.text(address) : "");
    }
}
