package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dartboard.core.Estimate;
import org.dartboard.core.JobPlan;
import org.dartboard.run.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard's server on loopback, with a real run feeding it: the files of the page, the state as
 * JSON, the event stream that sends everything once and then only news, and its refusals.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConvergenceHistory history = new ConvergenceHistory();
    private final DartSample darts = new DartSample(300);
    private final DashboardFeed feed = new DashboardFeed(history, darts, System::nanoTime);
    private Dashboard dashboard;

    @BeforeEach
    void start() {
        dashboard = Dashboard.start("127.0.0.1", 0, feed);
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    private RunOutcome runPlan(JobPlan plan) {
        return TestRuns.run(plan, 2, 16, history, darts, feed);
    }

    @Test
    void servesThePageItsScriptsAndTheChartLibraryFromTheJar() throws Exception {
        assertThat(dashboard.url()).isEqualTo("http://127.0.0.1:" + dashboard.port() + "/");
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"dashboard.js\">", "uPlot.iife.min.js", "id=\"nodes\"");
        assertThat(get("/dashboard.js").body()).contains("new EventSource('events')");
        assertThat(get("/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(get("/uPlot.iife.min.js").body()).contains("uPlot");
        assertThat(get("/uPlot.min.css").statusCode()).isEqualTo(200);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "events"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).as("HEAD of the event stream answers at once").isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(dashboard.url())).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    @Test
    void stateIsTheWholeRunAsJson() throws Exception {
        RunOutcome outcome = runPlan(JobPlan.of(1_000, 100, 7));

        JsonNode state = json.readTree(get("/state").body());
        assertThat(state.get("status").asText()).isEqualTo("complete");
        assertThat(state.at("/plan/jobs").asLong()).isEqualTo(100);
        assertThat(state.at("/plan/seed").asText()).isEqualTo("7");
        assertThat(state.at("/progress/jobsDone").asLong()).isEqualTo(100);
        assertThat(state.at("/progress/inside").asText()).isEqualTo(outcome.count().inside().toString());
        assertThat(state.at("/progress/fraction").asDouble()).isEqualTo(1.0);
        assertThat(state.at("/estimate/pi").asDouble()).isEqualTo(outcome.estimate().orElseThrow().pi());
        assertThat(state.get("workers")).hasSize(2);
        assertThat(state.at("/workers/0/state").asText()).isEqualTo("up");
        assertThat(state.at("/workers/0/jobs").asLong() + state.at("/workers/1/jobs").asLong()).isEqualTo(100);
        assertThat(state.get("newDarts")).hasSize(300);
        assertThat(state.get("darts").asInt()).isEqualTo(300);
        assertThat(state.get("newSamples").size()).isEqualTo(history.samples().size()).isGreaterThan(10);
        assertThat(state.get("chartHalfWidth").asDouble()).as("the plot file's rule, for the page's chart")
                .isEqualTo(ConvergenceHistory.chartHalfWidth(history.samples()));
        assertThat(state.at("/plan/darts").asText()).isEqualTo("random");
        assertThat(state.at("/plan/dartsLabel").asText()).isEqualTo("random darts");
        assertThat(state.at("/estimate/errorBar").asText()).isEqualTo("binomial");
        for (JsonNode sample : state.get("newSamples")) {
            assertThat(sample).hasSize(7);
            assertThat(sample.get(4).asDouble()).as("a random run's standard error is the yardstick")
                    .isEqualTo(sample.get(5).asDouble()).isPositive();
        }
        double[] errorAxis = ConvergenceHistory.errorAxisRange(history.samples(), DartsKind.RANDOM);
        assertThat(state.at("/errorAxis/0").asDouble()).isEqualTo(errorAxis[0]);
        assertThat(state.at("/errorAxis/1").asDouble()).isEqualTo(errorAxis[1]);
    }

    /**
     * A lattice run's state: each sample carries the lattice's standard error (from the replicas' spread:
     * none while only one replica has points) and random darts' at as many points, the yardstick; at the
     * end of 64 jobs × 10^5 points the lattice's is far below it, and every error fits the error axis.
     */
    @Test
    void aLatticeRunsStateCarriesItsStandardErrorAndTheRandomYardstick() throws Exception {
        JobPlan plan = JobPlan.of(100_000, 64, 5).lattice(16);
        RunOutcome outcome = TestRuns.run(plan, 2, 1, history, darts, feed);

        JsonNode state = json.readTree(get("/state").body());
        assertThat(state.at("/plan/darts").asText()).isEqualTo("lattice");
        assertThat(state.at("/plan/replicas").asInt()).isEqualTo(16);
        assertThat(state.at("/plan/dartsLabel").asText()).isEqualTo("lattice darts, 16 replicas");
        assertThat(state.at("/estimate/errorBar").asText()).isEqualTo("replicas");
        JsonNode samples = state.get("newSamples");
        assertThat(samples.size()).isEqualTo(history.samples().size()).isGreaterThan(30);
        JsonNode first = samples.get(0);
        assertThat(first.get(0).asDouble()).as("one job, one replica").isEqualTo(100_000.0);
        assertThat(first.get(4).isNull()).as("no lattice standard error from one replica").isTrue();
        assertThat(first.get(5).asDouble()).as("but the yardstick")
                .isEqualTo(history.samples().get(0).randomStandardError()).isPositive();

        double low = state.at("/errorAxis/0").asDouble();
        double high = state.at("/errorAxis/1").asDouble();
        for (int i = 1; i < samples.size(); i++) {
            JsonNode sample = samples.get(i);
            assertThat(sample.get(4).isNumber()).as("sample %d has the replicas' standard error", i).isTrue();
            for (int value = 4; value < 7; value++) {
                assertThat(sample.get(value).asDouble()).as("sample %d, value %d on the error axis", i, value)
                        .isBetween(low, high);
            }
        }
        JsonNode last = samples.get(samples.size() - 1);
        Estimate estimate = outcome.estimate().orElseThrow();
        assertThat(last.get(0).asDouble()).isEqualTo(6_400_000.0);
        assertThat(last.get(4).asDouble()).isEqualTo(estimate.standardError());
        assertThat(last.get(5).asDouble()).isEqualTo(Estimate.binomialStandardError(outcome.count()));
        assertThat(last.get(4).asDouble()).as("the lattice's error bar, far below random darts'")
                .isLessThan(last.get(5).asDouble() / 5);
        assertThat(last.get(6).asDouble()).isEqualTo(Math.abs(estimate.pi() - Math.PI));
        assertThat(last.get(3).asDouble() - last.get(2).asDouble()).as("the band: t(15) × the replicas' error")
                .isCloseTo(2 * estimate.criticalValue() * estimate.standardError(), within(1e-12));
    }

    @Test
    void eventsSendEverythingOnceThenOnlyWhatIsNewAndEndWhenTheDashboardCloses() throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "events"))
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Iterator<String> lines = response.body().iterator();
        JsonNode first = nextEvent(lines);
        assertThat(first.get("status").asText()).isEqualTo("starting");

        runPlan(JobPlan.of(1_000, 200, 3));
        int samplesSeen = first.get("newSamples").size();
        int dartsSeen = first.get("newDarts").size();
        JsonNode event = first;
        while (!event.get("status").asText().equals("complete") || event.get("darts").asInt() < 300) {
            event = nextEvent(lines);
            assertThat(event.get("samples").asInt()).isEqualTo(samplesSeen + event.get("newSamples").size());
            assertThat(event.get("darts").asInt()).isEqualTo(dartsSeen + event.get("newDarts").size());
            samplesSeen = event.get("samples").asInt();
            dartsSeen = event.get("darts").asInt();
        }
        assertThat(samplesSeen).isEqualTo(history.samples().size());
        assertThat(dartsSeen).isEqualTo(300);

        dashboard.close();
        while (lines.hasNext()) {
            lines.next();
        }
    }

    /**
     * The page comes with the whole state in it, so that it shows the run before the stream's first update:
     * before anything, the status; once the plan is known, though the run has not started, the plan with
     * empty axes of its size around π; the start's names with any {@code <} escaped, so none ends the data.
     */
    @Test
    void thePageIsServedWithTheStateInIt() throws Exception {
        assertThat(servedState().get("status").asText()).isEqualTo("starting");
        assertThat(servedState().get("plan").isNull()).isTrue();
        assertThat(servedState().get("chartHalfWidth").asDouble()).as("π ± the band at 10^4 points")
                .isCloseTo(ConvergenceHistory.emptyChartHalfWidth(null), within(1e-12)).isBetween(0.03, 0.04);

        JobPlan plan = JobPlan.of(100_000_000, 400, 3);
        feed.planned(plan);
        JsonNode planned = servedState();
        assertThat(planned.get("status").asText()).isEqualTo("starting");
        assertThat(planned.at("/plan/totalPoints").asText()).isEqualTo("40000000000");
        assertThat(planned.at("/plan/farm").isNull()).as("where it runs is not known yet").isTrue();
        assertThat(planned.at("/progress/elapsedSeconds").asDouble()).isZero();
        assertThat(planned.get("chartHalfWidth").asDouble()).isEqualTo(ConvergenceHistory.emptyChartHalfWidth(plan));
        assertThat(planned.at("/pointsAxis/1").asDouble()).as("the points axis ends near the run's size")
                .isBetween(4e10, 4.4e10 * (1 + 1e-12));

        feed.started(plan, "<b>farm</b>", "scalar", 4, List::of);
        HttpResponse<String> page = get("/");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.body()).doesNotContain("<b>farm").contains("\\u003cb>farm");
        assertThat(servedState().at("/plan/farm").asText()).isEqualTo("<b>farm</b>");
        assertThat(servedState().get("status").asText()).isEqualTo("running");
        feed.planned(JobPlan.of(1, 1, 1));
        assertThat(servedState().at("/plan/jobs").asLong()).as("the start's plan stays").isEqualTo(400);
    }

    /** The state the page was served with, read from it as its script reads it. */
    private JsonNode servedState() throws Exception {
        String page = get("/").body();
        String start = "<script type=\"application/json\" id=\"state\">";
        int from = page.indexOf(start) + start.length();
        return json.readTree(page.substring(from, page.indexOf("</script>", from)));
    }

    /**
     * The defence against DNS rebinding: on loopback, only its own address and this machine's loopback names,
     * with or without the port; another name is refused in one line that says where the dashboard is.
     */
    @Test
    void aPageOnLoopbackAnswersOnlyToLoopbackHostNames() throws IOException {
        assertThat(statusWithHost("127.0.0.1", "localhost:" + dashboard.port())).isEqualTo(200);
        assertThat(statusWithHost("127.0.0.1", "127.0.0.1:" + dashboard.port())).isEqualTo(200);
        assertThat(statusWithHost("127.0.0.1", "LOCALHOST")).as("any case, no port").isEqualTo(200);
        assertThat(statusWithHost("127.0.0.1", "evil.example:" + dashboard.port())).isEqualTo(403);
        assertThat(statusWithHost("127.0.0.1", "127.0.0.1.evil.example")).isEqualTo(403);
        assertThat(statusWithHost("127.0.0.1", null)).as("no Host header").isEqualTo(403);
        assertThat(responseWithHost("127.0.0.1", "evil.example")).endsWith("This dashboard answers only to 127.0.0.1,"
                + " [::1], localhost as the host name: open " + dashboard.url());
    }

    /**
     * Issue 14: a dashboard told to listen on another loopback address prints that address, and answers it;
     * localhost and 127.0.0.1 name this machine's loopback too, but a rebound name is still refused.
     */
    @Test
    void aPageOnAnotherLoopbackAddressAnswersToTheAddressItPrints() throws Exception {
        try (Dashboard other = Dashboard.start("127.0.0.50", 0, feed)) {
            assertThat(other.url()).isEqualTo("http://127.0.0.50:" + other.port() + "/");
            HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create(other.url() + "state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
            assertThat(json.readTree(state.body()).get("status").asText()).isEqualTo("starting");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(other.url())).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(statusWithHost("127.0.0.50", other.port(), "127.0.0.50")).isEqualTo(200);
            assertThat(statusWithHost("127.0.0.50", other.port(), "localhost:" + other.port())).isEqualTo(200);
            assertThat(statusWithHost("127.0.0.50", other.port(), "127.0.0.51:" + other.port())).isEqualTo(403);
            assertThat(statusWithHost("127.0.0.50", other.port(), "evil.example")).isEqualTo(403);
        }
    }

    /** A dashboard put on the network on purpose is reached by whatever name the network gives the machine. */
    @Test
    void onlyALoopbackDashboardChecksTheHostName() throws Exception {
        HostCheck anyInterface = HostCheck.forAddress(InetAddress.getByName("0.0.0.0"));
        assertThat(anyInterface.allows("pi-master.local:8080")).isTrue();
        assertThat(anyInterface.allows(null)).isTrue();
        assertThat(HostCheck.forAddress(InetAddress.getByName("192.168.1.12")).allows("pi-master")).isTrue();
        HostCheck ipv6 = HostCheck.forAddress(InetAddress.getByName("::1"));
        assertThat(ipv6.allows("[::1]:8080")).isTrue();
        assertThat(ipv6.allows("[0:0:0:0:0:0:0:1]:8080")).as("the address as the dashboard prints it").isTrue();
        assertThat(ipv6.allows("[::2]:8080")).isFalse();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode nextEvent(Iterator<String> lines) throws IOException {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ")) {
                return json.readTree(line.substring("data: ".length()));
            }
        }
        throw new AssertionError("the event stream ended");
    }

    private int statusWithHost(String address, String host) throws IOException {
        return statusWithHost(address, dashboard.port(), host);
    }

    private int statusWithHost(String address, int port, String host) throws IOException {
        return Integer.parseInt(rawGet(address, port, host).split("\r\n", 2)[0].split(" ")[1]);
    }

    private String responseWithHost(String address, String host) throws IOException {
        return rawGet(address, dashboard.port(), host).strip();
    }

    /** A raw request, the whole answer: the JDK's HTTP client will not send a Host header of our choosing. */
    private static String rawGet(String address, int port, String host) throws IOException {
        try (Socket socket = new Socket(address, port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /state HTTP/1.1\r\n" + (host != null ? "Host: " + host + "\r\n" : "")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
