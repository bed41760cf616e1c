package org.dartboard.cluster;

/**
 * No usable cluster: no node answered, every node was lost for too long, or the nodes run another
 * version. The message says what was tried and what to do; the run cannot go on.
 */
class ClusterUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ClusterUnavailableException(String message) {
        super(message);
    }
}
