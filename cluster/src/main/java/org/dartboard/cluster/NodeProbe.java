package org.dartboard.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds which endpoints accept a TCP connection: how a client finds live nodes among the many a
 * {@link NodePattern} names, before handing only those to Ignite (which would otherwise try each dead
 * address of a {@code 192.168.1.*} pattern in turn).
 *
 * <p>A connection that is accepted is closed at once; nothing is sent. Each call uses its own pool of
 * daemon threads and shuts it down before returning, so a probe leaves nothing running behind it.
 */
final class NodeProbe {

    /** Names the probe's threads, so that a thread dump (and a test) can tell them apart. */
    static final String THREAD_NAME_PREFIX = "dartboard-probe-";

    /** Slack on top of the rounds of timeouts, for thread start-up and scheduling. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long timeoutNanos;
    private final int parallelism;

    /**
     * @param perAddressTimeout how long one endpoint may take to resolve and accept, more than zero
     * @param parallelism how many endpoints are tried at the same time, at least 1
     */
    NodeProbe(Duration perAddressTimeout, int parallelism) {
        Objects.requireNonNull(perAddressTimeout, "perAddressTimeout");
        if (perAddressTimeout.isNegative() || perAddressTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "the per-address probe timeout must be more than zero, got " + perAddressTimeout);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("the probe parallelism must be at least 1, got " + parallelism);
        }
        this.timeoutNanos = saturatedNanos(perAddressTimeout);
        this.parallelism = parallelism;
    }

    /**
     * Tries every endpoint, at most {@code parallelism} at a time, each within the per-address timeout.
     *
     * <p>Returns after about {@code perAddressTimeout × ceil(n / parallelism)} plus a second at most; an
     * endpoint not answered by then counts as unreachable. A host name that does not resolve is simply
     * unreachable. If the calling thread is interrupted, the endpoints found so far are returned and the
     * interrupt flag is kept.
     *
     * @return the endpoints that accepted a connection, in the order given
     */
    List<NodeEndpoint> reachable(List<NodeEndpoint> endpoints) {
        if (endpoints.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(parallelism, endpoints.size());
        long rounds = (endpoints.size() + threads - 1) / threads;
        long deadline = System.nanoTime() + saturatedAdd(saturatedMultiply(timeoutNanos, rounds), GRACE_NANOS);
        ExecutorService pool = Executors.newFixedThreadPool(threads, new ProbeThreads());
        List<NodeEndpoint> live = new ArrayList<>();
        try {
            List<Future<Boolean>> answers = new ArrayList<>(endpoints.size());
            for (NodeEndpoint endpoint : endpoints) {
                answers.add(pool.submit(() -> accepts(endpoint)));
            }
            for (int i = 0; i < endpoints.size(); i++) {
                if (answered(answers.get(i), deadline)) {
                    live.add(endpoints.get(i));
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            // Drops endpoints still queued after the deadline. A thread stuck in a connect or a DNS lookup
            // ignores the interrupt, but its own timeout ends it soon after, and it is a daemon meanwhile.
            pool.shutdownNow();
        }
        awaitFinish(pool, deadline);
        return List.copyOf(live);
    }

    /** Whether the endpoint accepted, waiting no later than the deadline for the answer. */
    private static boolean answered(Future<Boolean> answer, long deadline) throws InterruptedException {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException unanswered) {
            return false;
        }
    }

    /**
     * Tries each address the host resolves to ("localhost" may be ::1 first while a node listens on
     * 127.0.0.1), all within one per-address timeout.
     */
    private boolean accepts(NodeEndpoint endpoint) {
        long giveUpAt = System.nanoTime() + timeoutNanos;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(endpoint.host());
        } catch (UnknownHostException | SecurityException unknown) {
            return false;
        }
        for (InetAddress address : addresses) {
            long left = giveUpAt - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, endpoint.port()), connectMillis(left));
                return true;
            } catch (IOException | SecurityException refused) {
                // Refused, timed out or unroutable: try the host's next address, if any.
            }
        }
        return false;
    }

    /** Socket.connect takes whole milliseconds and reads 0 as "forever", so round up and keep at least 1. */
    private static int connectMillis(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(Math.min(nanos, Long.MAX_VALUE - 999_999) + 999_999);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    private static void awaitFinish(ExecutorService pool, long deadline) {
        try {
            pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Daemon threads, so that a connect outliving its call can never keep the JVM alive. */
    private static final class ProbeThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, THREAD_NAME_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
