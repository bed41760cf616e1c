package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dartboard.watch.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The live dashboard in a real browser during real runs: headless Chromium opens the page that
 * {@code dartboard run --monitor} serves, and sees the workers, the progress and the estimate appear and
 * change, the darts and the charts fill in, a run of lattice darts draw its error beside the random darts'
 * yardstick, and a node killed mid-run turn "lost". Screenshots go to {@code cli/target/screenshots}.
 */
class DashboardIT {

    private static final Pattern DASHBOARD_URL = Pattern.compile("live dashboard at (http://\\S+)");
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration CHANGE = Duration.ofSeconds(20);

    /** Nodes of this test only: their own addresses and ports, away from the other cluster tests. */
    private static final String FIRST_NODE = "127.0.0.10";
    private static final String VICTIM_NODE = "127.0.0.11";

    @Test
    void aLocalRunShowsItsProgressEstimateWorkersAndDartsAsTheyChange() throws Exception {
        Path plot = Path.of("target", "dashboard-it-plot.png");
        Files.deleteIfExists(plot);
        // One scalar thread for about 10 s: time to watch it move.
        try (Browser browser = Browser.start();
                DartboardProcess client = DartboardProcess.start("run", "--total-points", "5G", "--kernel", "scalar",
                        "--threads", "1", "--seed", "5", "--monitor", "0", "--monitor-keep", "--plot", plot.toString())) {
            WebDriver page = browser.driver();
            // Opened the moment the address is printed, before the run has started: the plan and the state
            // are on the page within a second.
            page.get(dashboardUrl(client));
            long opened = System.nanoTime();
            browser.await(Duration.ofSeconds(1), "the plan and the state within a second of opening the page",
                    driver -> text(driver, "plan").startsWith("64 jobs × 78,125,000 points = 5,000,000,000 points")
                            && List.of("starting", "running").contains(text(driver, "status")));
            System.out.printf("DashboardIT: the plan and the state on the page %.0f ms after it was opened (%s)%n",
                    (System.nanoTime() - opened) / 1e6, text(page, "status"));

            String firstEstimate = browser.await(START, "an estimate on the page", driver -> {
                String text = text(driver, "estimate");
                return text.matches("π ≈ 3\\.\\d+ ± .+") ? text : null;
            });
            String firstJobs = text(page, "jobs-done");
            assertThat(text(page, "status")).isEqualTo("running");
            assertThat(text(page, "plan")).contains("seed 5", "local, 1 thread");
            List<String> rows = workerRows(page);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).startsWith("local-1 local 1").endsWith("up");

            browser.await(CHANGE, "the jobs done and the estimate to change",
                    driver -> !text(driver, "jobs-done").equals(firstJobs)
                            && !text(driver, "estimate").equals(firstEstimate));
            assertThat(Integer.parseInt(page.findElement(By.id("darts")).getAttribute("data-darts"))).isPositive();
            assertThat(Integer.parseInt(page.findElement(By.id("chart")).getAttribute("data-samples"))).isPositive();
            assertThat(page.findElements(By.cssSelector("#chart canvas"))).as("the chart is drawn").isNotEmpty();
            assertThat(page.findElements(By.cssSelector("#errors canvas"))).as("the error chart is drawn").isNotEmpty();
            assertThat(errorLegend(page)).as("random darts' standard error once, no yardstick beside it")
                    .containsExactly("random darts' standard error (n^-1/2)", "actual error |estimate − π|");
            assertThat(text(page, "eta")).endsWith("left");
            browser.screenshot("dashboard-local-running");

            // --monitor-keep: the page stays up after the run, and shows its end.
            browser.await(Duration.ofSeconds(120), "the run to complete", driver -> text(driver, "status").equals("complete"));
            assertThat(text(page, "jobs-done")).isEqualTo(text(page, "jobs-total")).isEqualTo("64");
            assertThat(page.findElement(By.id("darts")).getAttribute("data-darts")).isEqualTo("2000");
            assertThat(page.findElement(By.id("progress-fill")).getAttribute("style")).contains("width: 100");
            for (String chart : List.of("chart", "errors")) {
                String[] points = page.findElement(By.id(chart)).getAttribute("data-x-range").split(",");
                assertThat(Double.parseDouble(points[1])).as(chart + ": the points axis ends near the run's 5G points")
                        .isBetween(5e9, 5.5e9 * 1.0001);
            }
            browser.screenshot("dashboard-local-complete");
            client.awaitStderr("the dashboard staying up", log -> log.contains("until Ctrl-C"), CHANGE);
            assertThat(client.isAlive()).as("still serving the dashboard after the run").isTrue();

            // The run is over: Ctrl-C only closes the dashboard, and the exit code is the completed run's.
            client.interrupt();
            assertThat(client.awaitExit(CHANGE)).as(client.transcript()).isEqualTo(ExitCodes.OK);
            assertThat(client.stdout()).contains("π ≈ 3.14").doesNotContain("PARTIAL");
            BufferedImage image = ImageIO.read(plot.toFile());
            assertThat(image.getWidth()).isEqualTo(1800);
            assertThat(image.getHeight()).isEqualTo(640);
        }
    }

    /**
     * A run of lattice darts named on the page, with the error chart's three series: the lattice's
     * standard error, the random darts' yardstick and the actual error.
     */
    @Test
    void aLatticeRunShowsItsErrorBesideTheRandomDartsYardstick() throws Exception {
        try (Browser browser = Browser.start();
                DartboardProcess client = DartboardProcess.start("run", "--total-points", "640M", "--darts", "lattice",
                        "--replicas", "16", "--kernel", "scalar", "--threads", "1", "--seed", "6", "--monitor", "0",
                        "--monitor-keep")) {
            WebDriver page = browser.driver();
            page.get(dashboardUrl(client));

            browser.await(Duration.ofSeconds(120), "the run to complete", driver -> text(driver, "status").equals("complete")
                    && !"0".equals(driver.findElement(By.id("errors")).getAttribute("data-samples")));
            assertThat(text(page, "plan")).contains("lattice darts, 16 replicas", "seed 6");
            assertThat(text(page, "interval")).contains("standard error from the replicas' spread");
            assertThat(page.findElement(By.id("errors")).getAttribute("data-darts")).isEqualTo("lattice");
            assertThat(page.findElements(By.cssSelector("#errors canvas"))).as("the error chart is drawn").isNotEmpty();
            assertThat(errorLegend(page)).containsExactly("lattice darts' standard error (spread of the 16 replicas)",
                    "random darts' standard error at as many points (n^-1/2)", "actual error |estimate − π|");
            browser.screenshot("dashboard-lattice-complete");

            client.interrupt();
            assertThat(client.awaitExit(CHANGE)).as(client.transcript()).isEqualTo(ExitCodes.OK);
        }
    }

    /**
     * Issue 14: told to listen on another loopback address, the dashboard prints that address and answers
     * it; after the run, Ctrl-C (or SIGTERM) only closes the dashboard kept open, and the program exits with
     * the completed run's 0.
     */
    @Test
    void aKeptDashboardOnAnotherLoopbackAddressAnswersItsAddressAndCtrlCEndsTheProgramWell() throws Exception {
        for (boolean ctrlC : new boolean[] {true, false}) {
            try (DartboardProcess client = DartboardProcess.start("run", "--total-points", "10M", "--seed", "3",
                    "--monitor", "0", "--monitor-bind", "127.0.0.50", "--monitor-keep")) {
                String url = dashboardUrl(client);
                assertThat(url).matches("http://127\\.0\\.0\\.50:\\d+/");
                client.awaitStderr("the dashboard staying up", log -> log.contains("until Ctrl-C"), START);
                HttpResponse<String> state = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(url + "state")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
                assertThat(state.body()).contains("\"status\":\"complete\"");

                if (ctrlC) {
                    client.interrupt();
                } else {
                    client.terminate();
                }
                assertThat(client.awaitExit(CHANGE)).as(client.transcript()).isEqualTo(ExitCodes.OK);
                assertThat(client.stdout()).contains("π ≈ 3.14").doesNotContain("PARTIAL");
            }
        }
    }

    @Test
    void aNodeKilledDuringTheRunTurnsLostOnThePage() throws Exception {
        try (Browser browser = Browser.start();
                NodeCluster cluster = new NodeCluster("127.0.0.10-11", 11830, 48530, 48130)) {
            cluster.startAndAwaitReady(FIRST_NODE, VICTIM_NODE);
            cluster.awaitClusterSize(FIRST_NODE, 2);
            // Far more work than the test waits for: it is stopped with Ctrl-C once the page shows the loss.
            try (DartboardProcess client = DartboardProcess.start("run", "--nodes", cluster.pattern("127.0.0.10-11"),
                    "--points", "2G", "--jobs", "64", "--seed", "8", "--monitor", "0")) {
                WebDriver page = browser.driver();
                page.get(dashboardUrl(client));
                String victim = cluster.name(VICTIM_NODE);
                browser.await(START, "both nodes up with jobs done", driver -> stateOf(driver, victim).equals("up")
                        && stateOf(driver, cluster.name(FIRST_NODE)).equals("up")
                        && !text(driver, "jobs-done").equals("0"));
                browser.screenshot("dashboard-cluster-two-nodes");

                cluster.kill(VICTIM_NODE);
                browser.await(NodeCluster.MEMBERSHIP_CHANGE, victim + " shown as lost",
                        driver -> stateOf(driver, victim).equals("lost"));
                assertThat(stateOf(page, cluster.name(FIRST_NODE))).isEqualTo("up");
                browser.screenshot("dashboard-cluster-node-lost");

                client.interrupt();
                assertThat(client.awaitExit(CHANGE)).as(client.transcript()).isEqualTo(ExitCodes.INTERRUPTED);
            }
        }
    }

    private static String dashboardUrl(DartboardProcess client) throws InterruptedException {
        client.awaitStderr("the dashboard's address", log -> DASHBOARD_URL.matcher(log).find(), START);
        Matcher url = DASHBOARD_URL.matcher(client.stderr());
        assertThat(url.find()).isTrue();
        return url.group(1);
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The error chart's legend, one entry per series drawn. */
    @SuppressWarnings("unchecked")
    private static List<String> errorLegend(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("return [...document.querySelectorAll("
                + "'#errors .u-legend .u-series')].map(row => row.textContent.trim());");
    }

    /**
     * The text of each worker row, its cells joined by spaces, read in one script call: the page rebuilds
     * its table with every update, so a row element found a moment ago may already be gone.
     */
    @SuppressWarnings("unchecked")
    private static List<String> workerRows(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("return [...document.querySelectorAll("
                + "'#nodes tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()).join(' '));");
    }

    /**
     * The state column of a worker's row, or "" while it has none; read in one script call, since the
     * page rebuilds its table with every update and an element found a moment ago may be gone.
     */
    private static String stateOf(WebDriver driver, String worker) {
        Object state = ((JavascriptExecutor) driver).executeScript("const row = [...document.querySelectorAll("
                + "'#nodes tbody tr')].find(r => r.dataset.name === arguments[0]);"
                + " return row ? row.lastElementChild.textContent : '';", worker);
        return String.valueOf(state);
    }
}
