package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.dartboard.core.JobPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 15: what clients that hold the dashboard's connections cost it, and that a person who opens the page
 * meanwhile still sees the run. Clients are raw sockets on loopback, some from other loopback source
 * addresses, as other machines would be; the threads counted are the dashboard's own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardLimitsTest {

    /** The dashboard's threads: those reading requests, the watchdog, and the streams'. */
    private static final String THREADS = "dartboard-dashboard";
    /** Far more than the dashboard needs on a loaded machine; far less than a held connection's for ever. */
    private static final Duration PROMPTLY = Duration.ofSeconds(15);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConvergenceHistory history = new ConvergenceHistory();
    private final DartSample darts = new DartSample(300);
    private final DashboardFeed feed = new DashboardFeed(history, darts, System::nanoTime);
    private final List<Socket> held = new ArrayList<>();
    private Dashboard dashboard;

    @BeforeEach
    void start() throws InterruptedException {
        await("the threads of earlier tests' dashboards to end", () -> dashboardThreads() == 0);
        dashboard = Dashboard.start("127.0.0.1", 0, feed);
        TestRuns.run(JobPlan.of(1_000, 100, 4), 2, 16, history, darts, feed);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
        dashboard.close();
    }

    /**
     * Slowloris: 40 requests that send half their headers and wait. They hold no more than the few request
     * threads, each is cut off within seconds, and a page opened meanwhile loads.
     */
    @Test
    void halfSentRequestsHoldFewThreadsAreCutOffAndAPageStillLoads() throws Exception {
        int before = dashboardThreads();
        for (int i = 0; i < 40; i++) {
            Socket slow = connect("127.0.0." + (2 + i % 4));
            send(slow, "GET /state HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        }
        Thread.sleep(500);
        int during = dashboardThreads();
        System.out.printf("DashboardLimitsTest: dashboard threads %d before, %d with 40 half-sent requests%n",
                before, during);
        assertThat(during).as("the request threads and the watchdog, however many clients wait")
                .isLessThanOrEqualTo(Dashboard.REQUEST_THREADS + 1);

        long asked = System.nanoTime();
        HttpResponse<String> page = get("/");
        double seconds = (System.nanoTime() - asked) / 1e9;
        System.out.printf("DashboardLimitsTest: the page behind 40 half-sent requests loaded in %.2f s%n", seconds);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"status\":\"complete\"");
        assertThat(seconds).as("the page waits for the slow ones' deadlines, no longer")
                .isLessThan(PROMPTLY.toSeconds());

        for (Socket slow : held) {
            assertThat(endsWithin(slow, PROMPTLY)).as("the server closes a half-sent request").isTrue();
        }
    }

    /**
     * 100 pages' streams held open by four addresses, never read: at most {@link Dashboard#MAX_STREAMS}
     * threads for them, and a new page, from another address or from one of theirs, gets its stream and its
     * events.
     */
    @Test
    void heldStreamsGiveWayToANewPage() throws Exception {
        for (int i = 0; i < 100; i++) {
            Socket stream = connect("127.0.0." + (2 + i % 4));
            send(stream, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        }
        int bound = Dashboard.MAX_STREAMS + Dashboard.REQUEST_THREADS + 1;
        await("the held streams to be served", () -> dashboardThreads() >= Dashboard.MAX_STREAMS);
        await("the streams that gave way to end", () -> dashboardThreads() <= bound);
        System.out.printf("DashboardLimitsTest: dashboard threads %d with 100 held streams%n", dashboardThreads());

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"status\":\"complete\"");
        assertThat(firstEvent(http).get("status").asText()).as("a page from a fifth address").isEqualTo("complete");

        // A page from one of the addresses that hold their share takes the place of that address's oldest.
        try (Socket fresh = connect("127.0.0.3")) {
            fresh.setSoTimeout((int) PROMPTLY.toMillis());
            send(fresh, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            String answer = readUntil(fresh.getInputStream(), "data: ");
            assertThat(answer).startsWith("HTTP/1.1 200").contains("text/event-stream");
        }
        assertThat(streamThreads()).isLessThanOrEqualTo(Dashboard.MAX_STREAMS + 1);
    }

    @Test
    void aNewStreamTakesThePlaceOfTheOldestOfItsAddressOrOfTheAddressWithTheMost() throws Exception {
        InetAddress a = InetAddress.getByName("127.0.0.2");
        InetAddress b = InetAddress.getByName("127.0.0.3");
        InetAddress c = InetAddress.getByName("127.0.0.4");
        assertThat(EventStreams.toGiveWay(List.of(a, b, a), c, 4, 2)).as("room for it").isEqualTo(-1);
        assertThat(EventStreams.toGiveWay(List.of(b, a, b, a), a, 8, 2)).as("its own address's oldest").isEqualTo(1);
        assertThat(EventStreams.toGiveWay(List.of(a, b, b, c), c, 4, 3)).as("the oldest of the address with the most")
                .isEqualTo(1);
        assertThat(EventStreams.toGiveWay(List.of(a, b, c), a, 3, 3)).as("equal shares: the oldest").isEqualTo(0);
        assertThat(EventStreams.toGiveWay(List.of(), a, 3, 3)).isEqualTo(-1);
    }

    private Socket connect(String from) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), dashboard.port(), InetAddress.getByName(from), 0);
        held.add(socket);
        return socket;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path.substring(1))).timeout(PROMPTLY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode firstEvent(HttpClient client) throws Exception {
        HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "events"))
                .timeout(PROMPTLY).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        try (Stream<String> body = response.body()) {
            Iterator<String> lines = body.iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ")) {
                    return json.readTree(line.substring("data: ".length()));
                }
            }
        }
        throw new AssertionError("the event stream ended before its first event");
    }

    /** Whether the server closes the connection within {@code timeout}, reading whatever it sends first. */
    private static boolean endsWithin(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // What a cut-off request may be sent: nothing, as it happens.
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String readUntil(InputStream in, String wanted) throws IOException {
        StringBuilder read = new StringBuilder();
        int c;
        while (read.indexOf(wanted) < 0 && (c = in.read()) >= 0) {
            read.append((char) c);
        }
        return read.toString();
    }

    private static int dashboardThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(THREADS)).count();
    }

    private static int streamThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(THREADS + "-stream")).count();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still waiting after " + PROMPTLY + " for " + what + " (dashboard threads: "
                        + dashboardThreads() + ")");
            }
            Thread.sleep(20);
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
