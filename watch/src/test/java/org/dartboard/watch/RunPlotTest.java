package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Dart;
import org.dartboard.watch.ConvergenceHistory.Sample;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The plot files of real runs: the right size, the three charts drawn (the error chart with the lattice's
 * line below the random darts' yardstick, or random darts' one line), both dart colours present, valid SVG.
 */
class RunPlotTest {

    private static RunPlot plot;
    private static int insideDarts;
    private static List<Sample> randomSamples;
    private static RunPlot latticePlot;
    private static List<Sample> latticeSamples;
    private static final DartsKind LATTICE = new DartsKind(JobPlan.Darts.LATTICE, 16);

    @TempDir
    Path folder;

    @BeforeAll
    static void runASmallPlan() {
        ConvergenceHistory history = new ConvergenceHistory();
        DartSample darts = new DartSample();
        TestRuns.run(JobPlan.of(10_000, 2_000, 42), 2, 64, history, darts);
        insideDarts = (int) darts.darts().stream().filter(Dart::inside).count();
        randomSamples = history.samples();
        plot = new RunPlot("π ≈ 3.1416 ± 0.0004 · 20,000,000 points · random darts · seed 42", DartsKind.RANDOM,
                randomSamples, darts.darts());

        ConvergenceHistory latticeHistory = new ConvergenceHistory();
        DartSample latticeDarts = new DartSample();
        JobPlan lattice = JobPlan.of(100_000, 64, 42).lattice(16);
        TestRuns.run(lattice, 2, 1, latticeHistory, latticeDarts);
        assertThat(DartsKind.of(lattice)).isEqualTo(LATTICE);
        latticeSamples = latticeHistory.samples();
        latticePlot = new RunPlot("π ≈ 3.14159 ± 0.00002 · 6,400,000 points · lattice darts, 16 replicas · seed 42",
                LATTICE, latticeSamples, latticeDarts.darts());
    }

    @Test
    void pngHasItsSizeAndShowsTheBandAndBothKindsOfDarts() throws IOException {
        Path file = folder.resolve("run.png");
        plot.write(file);

        BufferedImage image = ImageIO.read(file.toFile());
        // Kept in the test output to look at.
        Files.copy(file, Path.of("target", "run-plot-test.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(image.getWidth()).isEqualTo(RunPlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(RunPlot.HEIGHT);
        int darts = RunPlot.DARTS_LEFT;
        int errors = RunPlot.ERROR_CHART_LEFT;
        assertThat(pixelsOf(image, DartsChart.INSIDE, darts, RunPlot.WIDTH)).as("inside darts").isGreaterThan(insideDarts);
        assertThat(pixelsOf(image, DartsChart.OUTSIDE, darts, RunPlot.WIDTH)).as("outside darts").isGreaterThan(100);
        // 194 to 224 pixels of the line's own colour in six runs, by where the samples fall (the jobs' order varies them).
        assertThat(pixelsOf(image, ConvergenceChart.ESTIMATE, 0, errors)).as("the estimate's line").isGreaterThan(150);
        assertThat(pixelsOf(image, ErrorChart.RUN_ERROR, errors, darts)).as("the standard error's line")
                .isGreaterThan(300);
        assertThat(pixelsOf(image, ErrorChart.ACTUAL_ERROR, errors, darts)).as("the actual error's dots")
                .isGreaterThan(200);
        assertThat(distinctColours(image)).as("not blank").isGreaterThan(20);
    }

    /** A lattice run's picture: the error chart has the random darts' yardstick too, dashed, above its line. */
    @Test
    void aLatticeRunsPngShowsItsErrorBelowTheRandomYardstick() throws IOException {
        Path file = folder.resolve("lattice.png");
        latticePlot.write(file);
        Path kept = Path.of("target", "run-plot-lattice-test.png");
        Files.copy(file, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Lattice run's plot: " + kept.toAbsolutePath());

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(RunPlot.WIDTH);
        int errors = RunPlot.ERROR_CHART_LEFT;
        int darts = RunPlot.DARTS_LEFT;
        assertThat(pixelsOf(image, ErrorChart.RUN_ERROR, errors, darts)).as("the lattice's line").isGreaterThan(200);
        assertThat(pixelsOf(image, ErrorChart.ACTUAL_ERROR, errors, darts)).as("the actual error's dots")
                .isGreaterThan(100);
        BufferedImage random = ImageIO.read(writtenPng(plot, "random.png").toFile());
        assertThat(pixelsOf(image, ErrorChart.YARDSTICK, errors, darts))
                .as("the yardstick's dashes, which a random run's chart has not")
                .isGreaterThan(pixelsOf(random, ErrorChart.YARDSTICK, errors, darts) + 150);
        assertThat(pixelsOf(image, DartsChart.INSIDE, darts, RunPlot.WIDTH)).as("inside darts").isGreaterThan(1_000);
    }

    /**
     * What the error chart draws, read from the chart itself: for lattice darts, their standard error from
     * the first sample with two replicas on, far below and falling faster than the yardstick; for random
     * darts one standard error line, never a duplicate; nothing at or below 0 on either logarithmic axis.
     */
    @Test
    void theErrorChartsSeriesAreTheRunsErrorsAndTheYardstickOnlyForLatticeDarts() {
        XYDataset lattice = ErrorChart.of(LATTICE, latticeSamples).getXYPlot().getDataset();
        assertThat(seriesKeys(lattice)).containsExactly("lattice darts' standard error (spread of the 16 replicas)",
                DartsKind.YARDSTICK_LABEL, DartsKind.ACTUAL_ERROR_LABEL);
        assertThat(lattice.getItemCount(1)).as("the yardstick at every sample").isEqualTo(latticeSamples.size());
        assertThat(lattice.getItemCount(0)).as("no lattice error before two replicas have points")
                .isEqualTo(latticeSamples.size() - 1);
        assertThat(lattice.getXValue(0, 0)).isEqualTo(200_000.0);
        int last = lattice.getItemCount(0) - 1;
        double latticeError = lattice.getYValue(0, last);
        double yardstick = lattice.getYValue(1, lattice.getItemCount(1) - 1);
        assertThat(latticeError).isEqualTo(latticeSamples.get(latticeSamples.size() - 1).standardError())
                .isLessThan(yardstick / 5);
        // From 1.6M to 6.4M points every replica grows fourfold: the yardstick falls by 2, the lattice by more.
        double latticeDrop = valueAt(lattice, 0, 1.6e6) / latticeError;
        double yardstickDrop = valueAt(lattice, 1, 1.6e6) / yardstick;
        assertThat(yardstickDrop).isCloseTo(2.0, within(0.01));
        assertThat(latticeDrop).as("a steeper fall than n^-1/2").isGreaterThan(2.3);
        assertPositive(lattice);

        XYDataset random = ErrorChart.of(DartsKind.RANDOM, randomSamples).getXYPlot().getDataset();
        assertThat(seriesKeys(random)).containsExactly("random darts' standard error (n^-1/2)",
                DartsKind.ACTUAL_ERROR_LABEL);
        assertThat(random.getItemCount(0)).isEqualTo(randomSamples.size());
        assertPositive(random);
    }

    @Test
    void aLatticeRunsSvgNamesItsDartsAndEveryLineOfTheErrorChart() throws Exception {
        Path file = folder.resolve("lattice.svg");
        latticePlot.write(file);

        String text = Files.readString(file);
        assertThat(text).contains("Convergence: lattice darts, 16 replicas", "Error: lattice darts, 16 replicas",
                "standard error (spread of the 16 replicas)", "standard error at as many points (n^-1/2)",
                "actual error |estimate − π|", "replicas' spread, Student", "lattice darts, 16 replicas · seed 42");
        assertThat(text.split("stroke:rgb\\(127,127,127\\)", -1).length).as("the yardstick drawn in its colour")
                .isGreaterThan(1);
        assertThat(text.split("fill:rgb\\(214,39,40\\)", -1).length).as("the actual error's dots")
                .isGreaterThan(latticeSamples.size() / 2);
    }

    @Test
    void svgIsAnSvgDocumentOfTheSameSize() throws Exception {
        Path file = folder.resolve("run.SVG");
        plot.write(file);

        DocumentBuilderFactory parser = DocumentBuilderFactory.newInstance();
        // Batik names the SVG 1.1 DTD at w3.org: never fetch it (tests stay on this machine).
        parser.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = parser.newDocumentBuilder().parse(file.toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getAttribute("width")).isEqualTo(String.valueOf(RunPlot.WIDTH));
        String text = Files.readString(file);
        assertThat(text).contains("Convergence: random darts", "Error: random darts",
                "random darts' standard error (n^-1/2)", "darts of the run", "π ≈ 3.1416");
        assertThat(text).as("a random run's standard error is the yardstick: drawn once")
                .doesNotContain("at as many points");
        assertThat(text.split("fill:rgb\\(31,119,180\\)", -1).length).as("inside darts drawn in their colour")
                .isGreaterThan(insideDarts / 10);
    }

    /** The estimate axis's labels have the decimals their step needs, however narrow the axis. */
    @Test
    void theEstimateAxisIsLabelledWithTheDecimalsItsTicksNeed() {
        assertThat(ConvergenceChart.estimateTicks(0.04).getSize()).isCloseTo(0.01, within(1e-15));
        assertThat(ConvergenceChart.estimateTicks(0.04).valueToString(3.13)).isEqualTo("3.13");
        assertThat(ConvergenceChart.estimateTicks(2.3e-4).getSize()).isCloseTo(1e-4, within(1e-18));
        assertThat(ConvergenceChart.estimateTicks(2.3e-4).valueToString(3.1417)).isEqualTo("3.1417");
        assertThat(ConvergenceChart.estimateTicks(1e-4).getSize()).isCloseTo(2.5e-5, within(1e-18));
        assertThat(ConvergenceChart.estimateTicks(1e-4).valueToString(3.141575)).isEqualTo("3.141575");
        assertThat(ConvergenceChart.estimateTicks(1.0).getSize()).isCloseTo(0.25, within(1e-15));
        assertThat(ConvergenceChart.estimateTicks(1.0).valueToString(3.25)).isEqualTo("3.25");
    }

    /**
     * The labels a reader sees on the estimate axis, as JFreeChart lays them out on the plot's axis, for every
     * width of axis from a lattice run's millionths to the widest: four to nine plain decimals (never 3.1421E0),
     * each different from its neighbours, all inside the axis.
     */
    @Test
    void theEstimateAxisHasAFewPlainLabelsAtAnyWidth() {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            for (double halfWidth = 1e-9; halfWidth <= 1; halfWidth *= 1.07) {
                NumberAxis axis = ConvergenceChart.estimateAxis(halfWidth);
                List<String> labels = ((List<?>) axis.refreshTicks(graphics, new AxisState(),
                        new Rectangle2D.Double(80, 40, 540, 480), RectangleEdge.LEFT)).stream()
                        .map(tick -> ((Tick) tick).getText())
                        .toList();
                assertThat(labels).as("half-width %s", halfWidth).hasSizeBetween(4, ConvergenceChart.MAX_ESTIMATE_TICKS)
                        .allMatch(label -> label.matches("[0-4](\\.\\d+)?"), "plain decimals")
                        .doesNotHaveDuplicates();
            }
        } finally {
            graphics.dispose();
        }
    }

    /** What the files show: the estimate axes of a random and a lattice run's SVG, read from their text. */
    @Test
    void theSvgsEstimateAxisHasAFewPlainLabels() throws IOException {
        for (RunPlot picture : List.of(plot, latticePlot)) {
            Path file = folder.resolve("axis.svg");
            picture.write(file);
            // Only the estimate axis has numbers above 2: the darts' axes run from 0 to 1, the errors are powers.
            List<String> labels = java.util.regex.Pattern.compile(">\\s*([0-9][0-9.E-]*)\\s*<").matcher(Files.readString(file))
                    .results()
                    .map(match -> match.group(1))
                    .filter(label -> !label.matches("[01](\\.\\d+)?") && !label.startsWith("10"))
                    .toList();
            assertThat(labels).hasSizeBetween(4, ConvergenceChart.MAX_ESTIMATE_TICKS)
                    .allMatch(label -> label.matches("3\\.\\d+"), "plain decimals around π");
        }
    }

    /**
     * Every dart drawn whole inside the frame of the darts chart, including those at its edges: no pixel of
     * either dart colour outside the plot's data area.
     */
    @Test
    void everyDartIsDrawnInsideTheFrame() {
        DartSample all = new DartSample();
        TestRuns.run(JobPlan.of(1_000_000, 8, 3), 2, 8, all);
        List<Dart> darts = all.darts();
        double edge = 2 * DartsChart.MARGIN;
        assertThat(darts.stream().filter(dart -> Math.min(Math.min(dart.x(), dart.y()),
                Math.min(1 - dart.x(), 1 - dart.y())) < edge / 4))
                .as("darts at the edges, to be drawn whole").hasSizeGreaterThan(5);

        BufferedImage image = new BufferedImage(RunPlot.WIDTH - RunPlot.DARTS_LEFT, RunPlot.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            DartsChart.of(darts).draw(graphics, new Rectangle2D.Double(0, 0, image.getWidth(), image.getHeight()), info);
        } finally {
            graphics.dispose();
        }
        Rectangle2D frame = info.getPlotInfo().getDataArea();
        long inside = 0;
        long outside = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (!isDartColour(image.getRGB(x, y))) {
                    continue;
                }
                // A pixel is inside when it lies within the frame's outline, which is drawn on its edge.
                if (x >= frame.getMinX() && x + 1 <= frame.getMaxX() && y >= frame.getMinY() && y + 1 <= frame.getMaxY()) {
                    inside++;
                } else if (y < frame.getMaxY() + 4) {
                    outside++;
                }
            }
        }
        assertThat(inside).as("the darts drawn").isGreaterThan(darts.size());
        assertThat(outside).as("dart pixels outside the frame %s", frame).isZero();
    }

    /** A pixel of a dart, or of its antialiased rim: near a dart colour, and not grey like the frame and text. */
    private static boolean isDartColour(int rgb) {
        int red = rgb >> 16 & 0xFF;
        int green = rgb >> 8 & 0xFF;
        int blue = rgb & 0xFF;
        if (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)) < 40) {
            return false;
        }
        for (Color colour : List.of(DartsChart.INSIDE, DartsChart.OUTSIDE)) {
            int distance = Math.abs(red - colour.getRed()) + Math.abs(green - colour.getGreen())
                    + Math.abs(blue - colour.getBlue());
            if (distance < 200) {
                return true;
            }
        }
        return false;
    }

    @Test
    void otherExtensionsAreRefused() {
        assertThatThrownBy(() -> plot.write(folder.resolve("run.jpg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".png or .svg");
        assertThat(PlotFormat.of(Path.of("a.Png"))).contains(PlotFormat.PNG);
        assertThat(PlotFormat.of(Path.of("svg"))).isEmpty();
    }

    private Path writtenPng(RunPlot picture, String name) throws IOException {
        Path file = folder.resolve(name);
        picture.write(file);
        return file;
    }

    private static List<Comparable<?>> seriesKeys(XYDataset dataset) {
        List<Comparable<?>> keys = new java.util.ArrayList<>();
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            keys.add(dataset.getSeriesKey(series));
        }
        return keys;
    }

    /** The series' value at the first of its points at or past {@code points}. */
    private static double valueAt(XYDataset dataset, int series, double points) {
        for (int item = 0; item < dataset.getItemCount(series); item++) {
            if (dataset.getXValue(series, item) >= points) {
                return dataset.getYValue(series, item);
            }
        }
        throw new AssertionError("no point at or past " + points);
    }

    private static void assertPositive(XYDataset dataset) {
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            for (int item = 0; item < dataset.getItemCount(series); item++) {
                assertThat(dataset.getXValue(series, item)).isPositive();
                assertThat(dataset.getYValue(series, item)).as(dataset.getSeriesKey(series) + " at item " + item)
                        .isPositive().isFinite();
            }
        }
    }

    private static long pixelsOf(BufferedImage image, Color colour, int fromX, int toX) {
        long count = 0;
        for (int x = fromX; x < toX; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static long distinctColours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()))
                .distinct()
                .count();
    }
}
