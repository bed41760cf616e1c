package org.dartboard.cluster;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.ignite.Ignite;
import org.apache.ignite.failure.FailureContext;
import org.apache.ignite.failure.StopNodeFailureHandler;

/**
 * What Ignite does with a failure it cannot recover from: it stops the node (and only the node) and keeps
 * what the failure was, so that the node can say in one line why it stopped.
 *
 * <p>Ignite's default handler halts the whole JVM with exit code 130, the code of Ctrl-C, after logging
 * pages of thread dumps: an operator could not tell a failure from being stopped.
 */
final class NodeFailures extends StopNodeFailureHandler {

    private final AtomicReference<String> first = new AtomicReference<>();

    @Override
    public boolean handle(Ignite ignite, FailureContext failure) {
        first.compareAndSet(null, describe(failure));
        return super.handle(ignite, failure);
    }

    /** The first failure, such as {@code SEGMENTATION: ...}, or null when there was none. */
    String firstFailure() {
        return first.get();
    }

    static String describe(FailureContext failure) {
        // Ignite's failure type and its error's first line; never a Java class name, which says nothing to an operator.
        Throwable error = failure.error();
        String message = error != null ? error.getMessage() : null;
        if (message == null || message.isBlank()) {
            return failure.type().toString();
        }
        return failure.type() + ": " + message.lines().findFirst().orElse(message);
    }
}
