package org.dartboard.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard of {@code dartboard run --monitor PORT}: a page, its script and style, the chart
 * library from the jar (no internet needed), and {@code /events}, a stream of server-sent events that
 * pushes the {@link DashboardFeed}'s news to every open page a few times a second. {@code /state} gives
 * the whole state once, as JSON, for scripts and {@code curl}.
 *
 * <p>Served by the JDK's own HTTP server. It binds where it is told, by default the loopback address;
 * a page served on loopback answers only requests that name a loopback host, so a web site opened in the
 * same browser cannot read it through a rebound DNS name.
 */
final class Dashboard implements AutoCloseable {

    /** How often an open page is sent what changed: smooth enough to watch, cheap for any run. */
    static final long PUSH_INTERVAL_MILLIS = 250;
    /** A comment line this often keeps proxies and browsers from closing a quiet stream. */
    static final long KEEPALIVE_MILLIS = 15_000;
    /** Open pages at once; each holds a thread while it is open. */
    static final int MAX_STREAMS = 32;

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final String PAGES = "/org/dartboard/watch/";
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    /** The element of the page that holds the state it is served with: none, in the file itself. */
    static final String STATE_ELEMENT = "<script type=\"application/json\" id=\"state\">null</script>";
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

    private final HttpServer server;
    private final ExecutorService threads;
    private final DashboardFeed feed;
    private final Map<String, StaticFile> files;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final boolean loopbackOnly;
    private volatile boolean closing;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Dashboard(HttpServer server, ExecutorService threads, DashboardFeed feed, boolean loopbackOnly) {
        this.server = server;
        this.threads = threads;
        this.feed = feed;
        this.loopbackOnly = loopbackOnly;
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
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "dartboard-dashboard");
            thread.setDaemon(true);
            return thread;
        });
        InetAddress bound = server.getAddress().getAddress();
        Dashboard dashboard = new Dashboard(server, threads, feed, bound.isLoopbackAddress());
        server.createContext("/", dashboard::answer);
        server.setExecutor(threads);
        server.start();
        return dashboard;
    }

    /** Where a browser finds the dashboard. */
    String url() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/";
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
        long deadline = System.nanoTime() + 4 * PUSH_INTERVAL_MILLIS * 1_000_000;
        while (openStreams.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            if (loopbackOnly && !LOOPBACK_HOSTS.contains(hostName(exchange))) {
                reply(exchange, 403, "text/plain", "This dashboard answers only to localhost.\n");
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
                        stream(exchange);
                    }
                }
                case "/state" -> reply(exchange, 200, "application/json", json.writeValueAsString(feed.update(0, 0)));
                case "/" -> servePage(exchange);
                default -> serveFile(exchange, path);
            }
        } catch (IOException browserGone) {
            LOG.debug("A dashboard page went away: {}", browserGone.toString());
        }
    }

    /** Server-sent events: everything once, then what changed, until the page closes or the dashboard stops. */
    private void stream(HttpExchange exchange) throws IOException {
        if (openStreams.incrementAndGet() > MAX_STREAMS) {
            openStreams.decrementAndGet();
            reply(exchange, 503, "text/plain", "Too many open dashboard pages; close one.\n");
            return;
        }
        try {
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
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            openStreams.decrementAndGet();
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

    /** The Host header's name without its port, lower case; empty when missing. */
    static String hostName(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            return "";
        }
        host = host.strip().toLowerCase(Locale.ROOT);
        int portColon = host.lastIndexOf(':');
        if (portColon > host.lastIndexOf(']')) {
            host = host.substring(0, portColon);
        }
        return host;
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
