package org.dartboard.watch;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open pages' event streams, each on a thread of its own, and how many there may be: at most
 * {@code maxStreams}, and {@code maxPerAddress} from one client address. A new page is never turned away:
 * it takes the place of the oldest stream of its own address when that address has its share, else, when
 * all are taken, of the oldest stream of the address that holds the most. So pages held open by one client
 * (or by many) cannot lock out a person who opens the dashboard; the page that gave way reconnects by
 * itself, as pages do after any lost connection.
 *
 * <p>A thread each, not one thread writing to every page: a write blocks while the page's connection is full,
 * and a page that does not read would stall all the others. A stream that gives way is interrupted, which
 * ends its wait or closes its connection under a blocked write. Thread-safe.
 */
final class EventStreams {

    /** What a stream sends, until the page goes, the dashboard stops, or the thread is interrupted. */
    interface Feed {
        void serve(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);

    private final int maxStreams;
    private final int maxPerAddress;
    private final Feed feed;
    /** Every stream whose thread is running, oldest first, including those told to give way. */
    private final List<Stream> streams = new ArrayList<>();

    EventStreams(int maxStreams, int maxPerAddress, Feed feed) {
        this.maxStreams = maxStreams;
        this.maxPerAddress = maxPerAddress;
        this.feed = feed;
    }

    /** Starts serving a page's stream on a thread of its own, after making room for it. */
    synchronized void open(HttpExchange exchange) {
        InetAddress from = exchange.getRemoteAddress().getAddress();
        List<Stream> staying = staying();
        int leaving = toGiveWay(staying.stream().map(Stream::address).toList(), from, maxStreams, maxPerAddress);
        if (leaving >= 0) {
            Stream oldest = staying.get(leaving);
            LOG.debug("A dashboard page from {} takes the place of the oldest from {}", from, oldest.address());
            oldest.giveWay();
        }
        Stream stream = new Stream(from, exchange);
        streams.add(stream);
        stream.start();
    }

    /** Waits until every stream has ended, or {@code deadlineNanos} (of {@link System#nanoTime}) has passed. */
    synchronized boolean awaitEnd(long deadlineNanos) throws InterruptedException {
        long left;
        while (!streams.isEmpty() && (left = deadlineNanos - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return streams.isEmpty();
    }

    /** Ends every stream now. */
    synchronized void stop() {
        streams.forEach(Stream::giveWay);
    }

    /**
     * Which of the open streams (their addresses, oldest first) gives way to a new one from {@code from}:
     * the oldest of {@code from}'s own when it has {@code maxPerAddress}; else, when there are
     * {@code maxStreams}, the oldest of the address with the most; else none (-1).
     */
    static int toGiveWay(List<InetAddress> open, InetAddress from, int maxStreams, int maxPerAddress) {
        Map<InetAddress, Integer> perAddress = new HashMap<>();
        open.forEach(address -> perAddress.merge(address, 1, Integer::sum));
        if (perAddress.getOrDefault(from, 0) >= maxPerAddress) {
            return open.indexOf(from);
        }
        if (open.size() < maxStreams) {
            return -1;
        }
        int most = perAddress.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (int i = 0; i < open.size(); i++) {
            if (perAddress.get(open.get(i)) == most) {
                return i;
            }
        }
        throw new IllegalStateException("no address holds the most streams");
    }

    private List<Stream> staying() {
        return streams.stream().filter(stream -> !stream.givingWay()).toList();
    }

    private synchronized void ended(Stream stream) {
        streams.remove(stream);
        notifyAll();
    }

    /** One page's stream and its thread. */
    private final class Stream {

        private final InetAddress address;
        private final HttpExchange exchange;
        private final Thread thread;
        private volatile boolean givingWay;

        Stream(InetAddress address, HttpExchange exchange) {
            this.address = address;
            this.exchange = exchange;
            this.thread = new Thread(this::run, "dartboard-dashboard-stream");
            thread.setDaemon(true);
        }

        InetAddress address() {
            return address;
        }

        boolean givingWay() {
            return givingWay;
        }

        void start() {
            thread.start();
        }

        void giveWay() {
            givingWay = true;
            thread.interrupt();
        }

        private void run() {
            try {
                feed.serve(exchange);
            } catch (InterruptedException toldToEnd) {
                // Kept set, so that closing below drops the connection rather than wait to write its last bytes
                // to a page that may not be reading.
                Thread.currentThread().interrupt();
            } catch (IOException pageGone) {
                LOG.debug("A dashboard page went away: {}", pageGone.toString());
            } finally {
                exchange.close();
                ended(this);
            }
        }
    }
}
