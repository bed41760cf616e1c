package org.dartboard.watch;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The few threads that read the dashboard's requests and answer them, each request with a deadline: the
 * JDK's HTTP server reads a request's headers on the thread it is given, blocking, from the moment its first
 * bytes arrive, so a client that sends half a request and waits (slowloris) would hold a thread for ever, and
 * a pool that grows would grow with every such client.
 *
 * <p>A request must be read within {@code readTimeout} of its first bytes, or {@code readGrace} of reaching a
 * thread, whichever is later: a browser sends its headers at once, so the grace is plenty for a real request
 * that waited in the queue behind slow ones, and a slow one that waited there gets no more than the grace.
 * Once read, it must be answered within {@code answerTimeout}. A thread past its deadline is interrupted,
 * which closes the connection it is blocked on (the server's channels are interruptible) and frees it. Event
 * streams are handed to threads of their own ({@link EventStreams}) and hold none of these.
 *
 * <p>When every thread is busy and the queue is full, a new connection is closed at once.
 */
final class RequestThreads implements Executor, AutoCloseable {

    /** How often deadlines are checked: a small part of the shortest one. */
    private static final long CHECK_MILLIS = 50;

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watchdog;
    private final Set<Request> running = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Request> current = new ThreadLocal<>();
    private final long readTimeoutNanos;
    private final long readGraceNanos;
    private final long answerTimeoutNanos;

    /**
     * @param threads how many requests are read and answered at once
     * @param queued how many more wait for a thread
     * @param readTimeout how long after its first bytes a request must have been read
     * @param readGrace the least time a request has to be read once it reaches a thread
     * @param answerTimeout how long after it was read a request must have been answered
     */
    RequestThreads(int threads, int queued, Duration readTimeout, Duration readGrace, Duration answerTimeout) {
        this.readTimeoutNanos = readTimeout.toNanos();
        this.readGraceNanos = readGrace.toNanos();
        this.answerTimeoutNanos = answerTimeout.toNanos();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(queued), daemons("dartboard-dashboard-request"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemons("dartboard-dashboard-watchdog"));
        watchdog.scheduleWithFixedDelay(this::interruptLate, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the server's reading and answering of one request.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the queue is full (the server then closes
     *     the connection) or after {@link #close}
     */
    @Override
    public void execute(Runnable exchange) {
        pool.execute(new Request(exchange, System.nanoTime()));
    }

    /** Called by the handler, on the request's thread: the request is read, and its answer's deadline starts. */
    void answering() {
        Request request = current.get();
        if (request != null) {
            request.setDeadline(System.nanoTime() + answerTimeoutNanos);
        }
    }

    /** Stops the threads, interrupting those still at work. */
    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.shutdownNow();
    }

    private void interruptLate() {
        long now = System.nanoTime();
        for (Request request : running) {
            request.interruptIfLate(now);
        }
    }

    private static ThreadFactory daemons(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One request on its thread, with its deadline. */
    private final class Request implements Runnable {

        private final Runnable exchange;
        private final long arrived;
        private Thread thread;
        private long deadline;
        private boolean ended;
        private boolean cut;

        Request(Runnable exchange, long arrived) {
            this.exchange = exchange;
            this.arrived = arrived;
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            synchronized (this) {
                thread = Thread.currentThread();
                deadline = Math.max(arrived + readTimeoutNanos, started + readGraceNanos);
            }
            current.set(this);
            running.add(this);
            try {
                exchange.run();
            } finally {
                running.remove(this);
                current.remove();
                // No interrupt after this, so none can cut the next request on this thread (the pool clears the
                // one that cut this request before it runs another).
                synchronized (this) {
                    ended = true;
                }
            }
        }

        synchronized void setDeadline(long deadline) {
            this.deadline = deadline;
        }

        synchronized void interruptIfLate(long now) {
            if (!ended && !cut && thread != null && now - deadline > 0) {
                cut = true;
                thread.interrupt();
            }
        }
    }
}
