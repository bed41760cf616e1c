package org.dartboard.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard of {@code dartboard run --monitor PORT}: a page, its script and style, the chart
 * library from the jar (no internet needed), and {@code /events}, a stream of server-sent events that
 * pushes the {@link DashboardFeed}'s news to every open page a few times a second. {@code /state} gives
 * the whole state once, as JSON, for scripts and {@code curl}.
 *
 * <p>Served by the JDK's own HTTP server. It binds where it is told, by default the loopback address;
 * a page served on loopback answers only requests that name the address it listens on or this machine's
 * loopback names, so a web site opened in the same browser cannot read it through a rebound DNS name
 * ({@link HostCheck}). Its threads are bounded, whatever clients do: a few read and answer requests, each
 * within a deadline ({@link RequestThreads}), and each open page's stream has one of its own, at most
 * {@link #MAX_STREAMS}, where a new page takes the place of an old one rather than be turned away
 * ({@link EventStreams}).
 */
final class Dashboard implements AutoCloseable {

    /** How often an open page is sent what changed: smooth enough to watch, cheap for any run. */
    static final long PUSH_INTERVAL_MILLIS = 250;
    /** A comment line this often keeps proxies and browsers from closing a quiet stream. */
    static final long KEEPALIVE_MILLIS = 15_000;
    /** Open pages at once; each holds a thread while it is open. */
    static final int MAX_STREAMS = 32;
    /** Open pages of one client address at once: a person's tabs, with room to spare. */
    static final int MAX_STREAMS_PER_ADDRESS = 8;
    /** Requests read and answered at once; a page and its four files take a few milliseconds each. */
    static final int REQUEST_THREADS = 4;
    /** Requests waiting for one of those threads; more connections than that are closed. */
    static final int QUEUED_REQUESTS = 256;
    /** A request must be read this soon after its first bytes: a browser sends its headers at once. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** ... or this soon after it reaches a thread, for one that waited behind slow ones. */
    static final Duration READ_GRACE = Duration.ofMillis(250);
    /** A request read must be answered this soon: time for the page, with its state, over a slow link. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final String PAGES = "/org/dartboard/watch/";
    /** The element of the page that holds the state it is served with: none, in the file itself. */
    static final String STATE_ELEMENT = "<script type=\"application/json\" id=\"state\">null</script>";
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

    private final HttpServer server;
    private final RequestThreads requests;
    private final EventStreams streams = new EventStreams(MAX_STREAMS, MAX_STREAMS_PER_ADDRESS, this::stream);
    private final DashboardFeed feed;
    private final Map<String, StaticFile> files;
    private final ObjectMapper json = new ObjectMapper();
    private final HostCheck hostCheck;
    private volatile boolean closing;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Dashboard(HttpServer server, RequestThreads requests, DashboardFeed feed, HostCheck hostCheck) {
        this.server = server;
        this.requests = requests;
        this.feed = feed;
        this.hostCheck = hostCheck;
        this.files = staticFiles();
    }

    /**
     * Starts serving {@code feed} at http://ADDRESS:PORT/.
     *
     * @param address where to listen, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)
     * @param port the port, 0 for any free one
     * @throws UncheckedIOException when the address cannot be bound (in use, not this machine's)
     */
    static Dashboard start(String address, int port, DashboardFeed feed) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (IOException unavailable) {
            throw new UncheckedIOException("cannot listen on " + address + ":" + port + ": "
                    + (unavailable.getMessage() != null ? unavailable.getMessage() : unavailable.toString()), unavailable);
        }
        RequestThreads requests = new RequestThreads(REQUEST_THREADS, QUEUED_REQUESTS, READ_TIMEOUT, READ_GRACE,
                ANSWER_TIMEOUT);
        Dashboard dashboard = new Dashboard(server, requests, feed, HostCheck.forAddress(server.getAddress().getAddress()));
        server.createContext("/", dashboard::answer);
        server.setExecutor(requests);
        server.start();
        return dashboard;
    }

    /** Where a browser finds the dashboard. */
    String url() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : HostCheck.literal(bound.getAddress());
        return "http://" + host + ":" + bound.getPort() + "/";
    }

    /** The port it listens on. */
    int port() {
        return server.getAddress().getPort();
    }

    /**
     * Sends open pages the last news, then stops: a page that saw the run end keeps showing its end. A
     * second call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        try {
            streams.awaitEnd(System.nanoTime() + 4 * PUSH_INTERVAL_MILLIS * 1_000_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        streams.stop();
        server.stop(0);
        requests.close();
    }

    private void answer(HttpExchange exchange) {
        requests.answering();
        boolean streaming = false;
        try {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            if (!hostCheck.allows(exchange.getRequestHeaders().getFirst("Host"))) {
                reply(exchange, 403, "text/plain", "This dashboard answers only to "
                        + String.join(", ", hostCheck.names()) + " as the host name: open " + url() + "\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "text/plain", "Only GET and HEAD.\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/events" -> {
                    if ("HEAD".equals(method)) {
                        // A stream has no end to measure: say what it is, and send none.
                        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                        exchange.sendResponseHeaders(200, -1);
                    } else {
                        streams.open(exchange);
                        streaming = true;
                    }
                }
                case "/state" -> reply(exchange, 200, "application/json", json.writeValueAsString(feed.update(0, 0)));
                case "/" -> servePage(exchange);
                default -> serveFile(exchange, path);
            }
        } catch (IOException browserGone) {
            LOG.debug("A dashboard page went away: {}", browserGone.toString());
        } finally {
            // A stream's own thread closes it when it ends.
            if (!streaming) {
                exchange.close();
            }
        }
    }

    /**
     * Server-sent events: everything once, then what changed, until the page closes or the dashboard stops; on
     * the stream's own thread, which an interrupt ends.
     */
    private void stream(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int samples = 0;
        int darts = 0;
        long sentVersion = -1;
        long lastWrite = System.nanoTime();
        while (true) {
            boolean last = closing;
            long version = feed.version();
            if (version != sentVersion) {
                DashboardFeed.Update update = feed.update(samples, darts);
                samples = update.samples();
                darts = update.darts();
                sentVersion = version;
                write(out, "data: " + json.writeValueAsString(update) + "\n\n");
                lastWrite = System.nanoTime();
            } else if (System.nanoTime() - lastWrite > KEEPALIVE_MILLIS * 1_000_000) {
                write(out, ": still here\n\n");
                lastWrite = System.nanoTime();
            }
            if (last) {
                return;
            }
            Thread.sleep(PUSH_INTERVAL_MILLIS);
        }
    }

    /**
     * The page with the whole state in it, as the data its script reads before it paints: a page opened at
     * any moment shows the plan, the status and the charts at once, not "connecting" until the stream's first
     * update. A {@code <} in the data is escaped (JSON allows it), so nothing in it can end the script element.
     */
    private void servePage(HttpExchange exchange) throws IOException {
        String page;
        try (InputStream in = Dashboard.class.getResourceAsStream(PAGES + "index.html")) {
            if (in == null) {
                reply(exchange, 500, "text/plain", "Missing from the jar: " + PAGES + "index.html\n");
                return;
            }
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String state = json.writeValueAsString(feed.update(0, 0)).replace("<", "\\u003c");
        byte[] body = page.replace(STATE_ELEMENT, STATE_ELEMENT.replace("null", state)).getBytes(StandardCharsets.UTF_8);
        // Never from a cache: the state in it is of this moment.
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "text/html; charset=utf-8", body);
    }

    private void serveFile(HttpExchange exchange, String path) throws IOException {
        StaticFile file = files.get(path);
        if (file == null) {
            reply(exchange, 404, "text/plain", "No such page: " + path + "\n");
            return;
        }
        byte[] body;
        try (InputStream in = Dashboard.class.getResourceAsStream(file.resource())) {
            if (in == null) {
                reply(exchange, 500, "text/plain", "Missing from the jar: " + file.resource() + "\n");
                return;
            }
            body = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, 200, file.contentType(), body);
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        send(exchange, status, contentType + "; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a whole body, or only its headers for a HEAD request. */
    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A file of the page, from the jar. */
    private record StaticFile(String resource, String contentType) {
    }

    private static Map<String, StaticFile> staticFiles() {
        String uplot = "/META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";
        return Map.of(
                "/dashboard.js", new StaticFile(PAGES + "dashboard.js", "text/javascript; charset=utf-8"),
                "/dashboard.css", new StaticFile(PAGES + "dashboard.css", "text/css; charset=utf-8"),
                "/uPlot.iife.min.js", new StaticFile(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
                "/uPlot.min.css", new StaticFile(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
    }

    private static String webjarVersion(String webjar) {
        Properties versions = new Properties();
        try (InputStream in = Dashboard.class.getResourceAsStream(PAGES + "webjars.properties")) {
            if (in == null) {
                throw new IllegalStateException("webjars.properties is missing from the jar");
            }
            versions.load(in);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return versions.getProperty(webjar + ".version");
    }
}
