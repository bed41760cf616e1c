package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Dart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The plot files of a real run: the right size, both charts drawn, both dart colours present, valid SVG. */
class RunPlotTest {

    private static RunPlot plot;
    private static int insideDarts;

    @TempDir
    Path folder;

    @BeforeAll
    static void runASmallPlan() {
        ConvergenceHistory history = new ConvergenceHistory();
        DartSample darts = new DartSample();
        TestRuns.run(JobPlan.of(10_000, 2_000, 42), 2, 64, history, darts);
        insideDarts = (int) darts.darts().stream().filter(Dart::inside).count();
        plot = new RunPlot("π ≈ 3.1416 ± 0.0004 · 20,000,000 points · seed 42", history.samples(), darts.darts());
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
        int left = RunPlot.WIDTH * 4 / 7;
        assertThat(pixelsOf(image, DartsChart.INSIDE, left, RunPlot.WIDTH)).as("inside darts").isGreaterThan(insideDarts);
        assertThat(pixelsOf(image, DartsChart.OUTSIDE, left, RunPlot.WIDTH)).as("outside darts").isGreaterThan(100);
        assertThat(pixelsOf(image, ConvergenceChart.ESTIMATE, 0, left)).as("the estimate's line").isGreaterThan(200);
        assertThat(distinctColours(image)).as("not blank").isGreaterThan(20);
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
        assertThat(text).contains("Convergence", "darts of the run", "π ≈ 3.1416");
        assertThat(text.split("fill:rgb\\(31,119,180\\)", -1).length).as("inside darts drawn in their colour")
                .isGreaterThan(insideDarts / 10);
    }

    @Test
    void otherExtensionsAreRefused() {
        assertThatThrownBy(() -> plot.write(folder.resolve("run.jpg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".png or .svg");
        assertThat(PlotFormat.of(Path.of("a.Png"))).contains(PlotFormat.PNG);
        assertThat(PlotFormat.of(Path.of("svg"))).isEmpty();
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
