package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dartboard.core.Dart;
import org.dartboard.core.JobPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * What a person sees of the page, in a real browser (headless Chromium): a page opened before the run shows
 * its state at once and the plan within a second, with empty charts whose axes lie around π; once the run is
 * over, the points axis ends near the run's size, and every dart is drawn whole inside its frame. The axes
 * are read from the charts' elements, where the page writes the ranges uPlot set; the darts from the
 * canvas's pixels.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardSightsBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How many pixels along the canvas's edges have a dart's colour: none, when every dart is inside. */
    private static final String DART_PIXELS_ON_THE_EDGE = String.join("\n",
            "const canvas = document.getElementById('darts');",
            "const size = canvas.width, data = canvas.getContext('2d').getImageData(0, 0, size, size).data;",
            "const colours = [[31, 119, 180], [255, 127, 14]];",
            "let onEdge = 0, anywhere = 0;",
            "for (let i = 0; i < data.length; i += 4) {",
            "  const [r, g, b] = [data[i], data[i + 1], data[i + 2]];",
            "  if (Math.max(r, g, b) - Math.min(r, g, b) < 40) { continue; }",
            "  if (!colours.some(([cr, cg, cb]) => Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) < 200)) {",
            "    continue;",
            "  }",
            "  anywhere++;",
            "  const x = (i / 4) % size, y = Math.floor(i / 4 / size);",
            "  if (x === 0 || y === 0 || x === size - 1 || y === size - 1) { onEdge++; }",
            "}",
            "return [onEdge, anywhere];");

    private final ConvergenceHistory history = new ConvergenceHistory();
    private final DartSample darts = new DartSample();
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

    @Test
    void aPageOpenedBeforeTheRunShowsItsStateAtOnceThenThePlanAndEndsItsAxesAtTheRunsSize() throws Exception {
        JobPlan plan = JobPlan.of(2_000_000, 40, 11);
        double total = plan.totalPoints().doubleValue();
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            page.get(dashboard.url());
            // Read at once, without waiting for the event stream: the page came with its state.
            assertThat(text(page, "status")).isEqualTo("starting");
            assertThat(text(page, "plan")).isEqualTo("Waiting for the run to start…");
            double[] waiting = range(page, "chart", "y");
            assertThat((waiting[0] + waiting[1]) / 2).as("an empty chart around π").isCloseTo(Math.PI, within(1e-9));
            assertThat((waiting[1] - waiting[0]) / 2).isCloseTo(ConvergenceHistory.emptyChartHalfWidth(null), within(1e-9));

            long planned = System.nanoTime();
            feed.planned(plan);
            browser.await(Duration.ofSeconds(1), "the plan on the page within a second",
                    driver -> text(driver, "plan").startsWith("40 jobs × 2,000,000 points = 80,000,000 points"));
            System.out.printf("DashboardSightsBrowserTest: the plan on the page %.0f ms after it was known%n",
                    (System.nanoTime() - planned) / 1e6);
            assertThat(text(page, "status")).isEqualTo("starting");
            assertThat(text(page, "jobs-total")).isEqualTo("40");
            double[] empty = range(page, "chart", "y");
            assertThat((empty[0] + empty[1]) / 2).isCloseTo(Math.PI, within(1e-9));
            assertThat((empty[1] - empty[0]) / 2).as("π ± the band of the first job")
                    .isCloseTo(ConvergenceHistory.emptyChartHalfWidth(plan), within(1e-9));
            assertThat(range(page, "chart", "x")[1]).as("the points axis of the run to come")
                    .isBetween(total, total * ConvergenceHistory.POINTS_AXIS_MARGIN * 1.0001);
            assertThat(range(page, "errors", "x")[1]).isBetween(total, total * ConvergenceHistory.POINTS_AXIS_MARGIN * 1.0001);
            browser.screenshot("dashboard-planned");

            TestRuns.run(plan, 2, 4, history, darts, feed);
            String dartsShown = String.valueOf(darts.darts().size());
            browser.await(WAIT, "the run's end and all its darts on the page", driver -> text(driver, "status")
                    .equals("complete") && dartsShown.equals(driver.findElement(By.id("darts")).getAttribute("data-darts")));
            for (String chart : List.of("chart", "errors")) {
                double[] points = range(page, chart, "x");
                assertThat(points[1]).as(chart + ": the points axis ends near the run's %s points, not the next power of ten",
                        total).isBetween(total, total * ConvergenceHistory.POINTS_AXIS_MARGIN * 1.0001);
                assertThat(points[0]).isBetween(2e6 / ConvergenceHistory.POINTS_AXIS_MARGIN / 1.0001, 2e6);
            }
            double[] estimate = range(page, "chart", "y");
            assertThat(estimate[0]).isLessThan(Math.PI);
            assertThat(estimate[1]).isGreaterThan(Math.PI);

            // Darts within two pixels of an edge of the canvas's 420: drawn across the frame before.
            double edge = 2.0 / 420;
            assertThat(darts.darts().stream().filter(dart -> nearAnEdge(dart, edge))).as("darts at the edges")
                    .hasSizeGreaterThan(5);
            List<?> pixels = (List<?>) browser.script(DART_PIXELS_ON_THE_EDGE);
            assertThat(((Number) pixels.get(1)).longValue()).as("the darts drawn").isGreaterThan(2_000);
            assertThat(((Number) pixels.get(0)).longValue()).as("dart pixels on the frame's edge").isZero();
            browser.screenshot("dashboard-sights-complete");
        }
    }

    private static boolean nearAnEdge(Dart dart, double edge) {
        return Math.min(Math.min(dart.x(), dart.y()), Math.min(1 - dart.x(), 1 - dart.y())) < edge;
    }

    /** Where a chart's axis runs, lowest and highest, as uPlot set it: the page writes it on the chart's element. */
    private static double[] range(WebDriver page, String chart, String scale) {
        String range = page.findElement(By.id(chart)).getAttribute("data-" + scale + "-range");
        assertThat(range).as(chart + "'s " + scale + " axis").isNotNull();
        String[] ends = range.split(",");
        return new double[] {Double.parseDouble(ends[0]), Double.parseDouble(ends[1])};
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }
}
