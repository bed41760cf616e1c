package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ignite.failure.FailureContext;
import org.apache.ignite.failure.FailureType;
import org.junit.jupiter.api.Test;

/** The words a node stopped by a failure says about it: Ignite's failure type and its error's first line. */
class NodeFailuresTest {

    @Test
    void aFailureIsItsTypeAndTheFirstLineOfItsError() {
        FailureContext failure = new FailureContext(FailureType.SYSTEM_WORKER_TERMINATION,
                new IllegalStateException("Thread tcp-disco-msg-worker is terminated unexpectedly\nmore detail"));

        assertThat(NodeFailures.describe(failure))
                .isEqualTo("SYSTEM_WORKER_TERMINATION: Thread tcp-disco-msg-worker is terminated unexpectedly");
    }

    @Test
    void aFailureWithoutWordsIsItsTypeAlone() {
        assertThat(NodeFailures.describe(new FailureContext(FailureType.SEGMENTATION, null))).isEqualTo("SEGMENTATION");
        assertThat(NodeFailures.describe(new FailureContext(FailureType.CRITICAL_ERROR, new OutOfMemoryError())))
                .as("no class name").isEqualTo("CRITICAL_ERROR");
    }

    @Test
    void aNodeThatDidNotFailHasNoFailureToTell() {
        NodeFailures failures = new NodeFailures();

        assertThat(failures.firstFailure()).isNull();
    }
}
