package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The request threads' deadlines, with tasks that block on a channel as the HTTP server's reading does: a
 * pipe that nobody writes to, interruptible like the server's sockets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestThreadsTest {

    @Test
    void aRequestNotReadInTimeIsCutOffAndItsThreadServesTheNextOne() throws Exception {
        try (RequestThreads threads = new RequestThreads(1, 4, Duration.ofMillis(200), Duration.ofMillis(50),
                Duration.ofSeconds(30))) {
            CompletableFuture<String> blocked = new CompletableFuture<>();
            threads.execute(() -> blocked.complete(readNothing()));
            CompletableFuture<String> next = new CompletableFuture<>();
            threads.execute(() -> next.complete(Thread.currentThread().isInterrupted() ? "interrupted" : "fresh"));

            assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo("cut off");
            assertThat(next.get(10, TimeUnit.SECONDS)).as("the interrupt stays with the request it cut").isEqualTo("fresh");
        }
    }

    @Test
    void aRequestReadHasTheAnswersDeadlineInstead() throws Exception {
        try (RequestThreads threads = new RequestThreads(1, 4, Duration.ofMillis(100), Duration.ofMillis(50),
                Duration.ofSeconds(2))) {
            CompletableFuture<String> answering = new CompletableFuture<>();
            long started = System.nanoTime();
            threads.execute(() -> {
                threads.answering();
                answering.complete(readNothing());
            });
            assertThat(answering.get(20, TimeUnit.SECONDS)).isEqualTo("cut off");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not at the read deadline, at the answer's")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        try (RequestThreads threads = new RequestThreads(1, 1, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5))) {
            // The first goes straight to the thread, the second waits in the queue, and the third has no room.
            threads.execute(RequestThreadsTest::readNothing);
            threads.execute(() -> { });
            boolean refused = false;
            try {
                threads.execute(() -> { });
            } catch (RejectedExecutionException full) {
                refused = true;
            }
            assertThat(refused).isTrue();
        }
    }

    /** Blocks reading a pipe nobody writes to, until interrupted. */
    private static String readNothing() {
        try {
            Pipe pipe = Pipe.open();
            try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
                source.read(ByteBuffer.allocate(1));
                return "read";
            }
        } catch (ClosedByInterruptException cut) {
            return "cut off";
        } catch (Exception other) {
            return other.toString();
        }
    }
}
