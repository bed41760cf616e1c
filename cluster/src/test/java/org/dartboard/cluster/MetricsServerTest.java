package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.dartboard.core.JobResult;
import org.junit.jupiter.api.Test;

/** A node's /metrics page: Prometheus counters of what its jobs did, on loopback only in this test. */
class MetricsServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesTheNodesCountersInPrometheusFormat() throws Exception {
        NodeMetrics metrics = new NodeMetrics("127.0.0.1:10800");
        metrics.record(new JobResult(0, 1000, 785, "ignored", 0, 1_500_000_000L));
        metrics.record(new JobResult(1, 500, 390, "ignored", 0, 500_000_000L));

        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, metrics)) {
            HttpResponse<String> page = get("http://127.0.0.1:" + server.port() + "/metrics");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(page.body()).contains(
                    "# TYPE dartboard_jobs_total counter\n",
                    "dartboard_jobs_total{node=\"127.0.0.1:10800\"} 2\n",
                    "dartboard_points_total{node=\"127.0.0.1:10800\"} 1500\n",
                    "dartboard_points_inside_total{node=\"127.0.0.1:10800\"} 1175\n",
                    "dartboard_busy_seconds_total{node=\"127.0.0.1:10800\"} 2.000\n");
        }
    }

    @Test
    void answersOtherPathsWithNotFound() throws Exception {
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, new NodeMetrics("n"))) {
            assertThat(get("http://127.0.0.1:" + server.port() + "/").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void quotesInANodeNameStayInsideTheLabel() {
        assertThat(new NodeMetrics("a\"b").prometheusText()).contains("{node=\"a\\\"b\"}");
    }

    private HttpResponse<String> get(String address) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
