package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dartboard.core.JobPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The page's error chart in a real browser (headless Chromium), fed by real runs: for lattice darts it
 * draws their standard error, the random darts' yardstick and the actual error, the lattice's line well
 * below the yardstick; for random darts it draws one standard error line, never a duplicate. The chart's
 * pixels are read from its canvas, inside its plot area. Screenshots go to {@code watch/target/screenshots}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The lines' colours on the page, as ErrorChart draws them in the plot file. */
    private static final Map<String, List<Integer>> COLOURS = Map.of(
            "runError", rgb(ErrorChart.RUN_ERROR.getRGB()),
            "yardstick", rgb(ErrorChart.YARDSTICK.getRGB()),
            "actualError", rgb(ErrorChart.ACTUAL_ERROR.getRGB()));
    /**
     * Per colour, the opaque pixels of the error chart's plot area close to it: how many, and where they lie
     * on average in the rightmost tenth (0 at the top, 1 at the bottom); null before the chart is made.
     */
    private static final String PIXELS = String.join("\n",
            "const canvas = document.querySelector('#errors canvas');",
            "const over = document.querySelector('#errors .u-over');",
            "if (!canvas || !over) { return null; }",
            "const c = canvas.getBoundingClientRect(), o = over.getBoundingClientRect();",
            "const scale = canvas.width / c.width;",
            "const width = Math.round(o.width * scale), height = Math.round(o.height * scale);",
            "const data = canvas.getContext('2d').getImageData(Math.round((o.left - c.left) * scale),",
            "    Math.round((o.top - c.top) * scale), width, height).data;",
            "const found = {};",
            "for (const name of Object.keys(arguments[0])) { found[name] = { count: 0, right: 0, rightY: 0 }; }",
            "for (let i = 0; i < data.length; i += 4) {",
            "  if (data[i + 3] < 160) { continue; }",
            "  const x = (i / 4) % width, y = Math.floor(i / 4 / width);",
            "  for (const [name, [r, g, b]] of Object.entries(arguments[0])) {",
            "    if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40) {",
            "      found[name].count++;",
            "      if (x >= 0.9 * width) { found[name].right++; found[name].rightY += y / height; }",
            "    }",
            "  }",
            "}",
            "for (const entry of Object.values(found)) { entry.rightY = entry.right ? entry.rightY / entry.right : -1; }",
            "return found;");

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

    /** The page is open before the run: its charts fill in from the updates as the jobs are counted. */
    @Test
    void aLatticeRunsErrorChartDrawsItsStandardErrorWellBelowTheRandomYardstick() throws Exception {
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            page.get(dashboard.url());
            browser.await(WAIT, "the page to connect", driver -> text(driver, "status").equals("starting"));

            TestRuns.run(JobPlan.of(100_000, 64, 9).lattice(16), 2, 1, history, darts, feed);
            String samples = String.valueOf(history.samples().size());
            browser.await(WAIT, "every sample on the error chart", driver -> text(driver, "status").equals("complete")
                    && samples.equals(driver.findElement(By.id("errors")).getAttribute("data-samples")));

            assertThat(page.findElement(By.id("errors")).getAttribute("data-darts")).isEqualTo("lattice");
            assertThat(text(page, "plan")).contains("lattice darts, 16 replicas");
            assertThat(text(page, "interval")).contains("standard error from the replicas' spread");
            assertThat(text(page, "chart-caption")).contains("lattice darts, 16 replicas", "replicas' spread");
            assertThat(text(page, "errors-caption")).contains("16 replicas", "n^-1/2");
            assertThat(legend(browser)).containsExactly(
                    "lattice darts' standard error (spread of the 16 replicas)", DartsKind.YARDSTICK_LABEL,
                    DartsKind.ACTUAL_ERROR_LABEL);

            Map<String, Map<String, Number>> drawn = browser.await(WAIT, "the error chart's three series drawn",
                    driver -> {
                        Map<String, Map<String, Number>> pixels = pixels(browser);
                        return pixels != null && count(pixels, "runError") > 150 && count(pixels, "yardstick") > 150
                                && count(pixels, "actualError") > 30 ? pixels : null;
                    });
            double latticeAtTheEnd = drawn.get("runError").get("rightY").doubleValue();
            double yardstickAtTheEnd = drawn.get("yardstick").get("rightY").doubleValue();
            assertThat(latticeAtTheEnd).as("the lattice's line lies well below the yardstick at the end (%s)", drawn)
                    .isGreaterThan(yardstickAtTheEnd + 0.15);
            browser.screenshot("dashboard-lattice-errors");
        }
    }

    /** The page is opened after the run: it gets the whole history at once, random darts' one line. */
    @Test
    void aRandomRunsErrorChartDrawsItsStandardErrorOnce() throws Exception {
        TestRuns.run(JobPlan.of(10_000, 200, 4), 2, 16, history, darts, feed);
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            page.get(dashboard.url());
            String samples = String.valueOf(history.samples().size());
            browser.await(WAIT, "every sample on the error chart",
                    driver -> samples.equals(driver.findElement(By.id("errors")).getAttribute("data-samples")));

            assertThat(page.findElement(By.id("errors")).getAttribute("data-darts")).isEqualTo("random");
            assertThat(text(page, "plan")).contains("random darts");
            assertThat(text(page, "chart-caption")).contains("random darts", "1/√n");
            assertThat(legend(browser)).containsExactly("random darts' standard error (n^-1/2)",
                    DartsKind.ACTUAL_ERROR_LABEL);
            Map<String, Map<String, Number>> drawn = browser.await(WAIT, "the error chart's two series drawn",
                    driver -> {
                        Map<String, Map<String, Number>> pixels = pixels(browser);
                        return pixels != null && count(pixels, "runError") > 150 && count(pixels, "actualError") > 30
                                ? pixels : null;
                    });
            assertThat(count(drawn, "yardstick")).as("no second, dashed line of the same errors").isZero();
            browser.screenshot("dashboard-random-errors");
        }
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @SuppressWarnings("unchecked")
    private static List<String> legend(Browser browser) {
        return (List<String>) browser.script("return [...document.querySelectorAll('#errors .u-legend .u-series')]"
                + ".map(row => row.textContent.trim());");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Number>> pixels(Browser browser) {
        return (Map<String, Map<String, Number>>) browser.script(PIXELS, COLOURS);
    }

    private static long count(Map<String, Map<String, Number>> pixels, String colour) {
        return pixels.get(colour).get("count").longValue();
    }

    private static List<Integer> rgb(int rgb) {
        return List.of(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }
}
