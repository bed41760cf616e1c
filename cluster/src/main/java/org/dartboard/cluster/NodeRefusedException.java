package org.dartboard.cluster;

/**
 * The other nodes would not let this node join: a wrong or missing secret, or TLS on one side only. The
 * message says which and what to do; the node cannot start.
 */
class NodeRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NodeRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
