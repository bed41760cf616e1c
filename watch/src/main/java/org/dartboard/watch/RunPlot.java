package org.dartboard.watch;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGraphics2D;
import org.dartboard.core.Dart;
import org.dartboard.watch.ConvergenceHistory.Sample;
import org.w3c.dom.Document;

/**
 * The picture of a run that {@code --plot FILE} writes at its end, under one title line: the estimate
 * against the points on the left, its error against the points (log-log) in the middle, the sample of
 * darts on the right. PNG or SVG, by the file's extension.
 */
final class RunPlot {

    static final int WIDTH = 1800;
    static final int HEIGHT = 640;
    private static final int TITLE_HEIGHT = 40;
    /** Where the error chart begins: the estimate chart is left of it. */
    static final int ERROR_CHART_LEFT = 640;
    /** Where the darts begin: the error chart is left of them. */
    static final int DARTS_LEFT = 1260;
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private final String title;
    private final DartsKind kind;
    private final List<Sample> samples;
    private final List<Dart> darts;

    /**
     * @param title one line above the charts, e.g. the estimate and the plan
     * @param kind which darts the run threw, for the charts' titles and legends
     * @param samples the estimate as the run went on
     * @param darts the sample of darts to draw
     */
    RunPlot(String title, DartsKind kind, List<Sample> samples, List<Dart> darts) {
        this.title = title;
        this.kind = kind;
        this.samples = List.copyOf(samples);
        this.darts = List.copyOf(darts);
    }

    /**
     * Writes the picture to {@code file}, created or replaced.
     *
     * @throws IllegalArgumentException when the extension is neither .png nor .svg
     * @throws IOException when the file cannot be written
     */
    void write(Path file) throws IOException {
        PlotFormat format = PlotFormat.of(file).orElseThrow(() -> new IllegalArgumentException(
                "a plot file must end in .png or .svg, got " + file));
        switch (format) {
            case PNG -> writePng(file);
            case SVG -> writeSvg(file);
        }
    }

    private void writePng(Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            draw(graphics);
        } finally {
            graphics.dispose();
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("this Java runtime has no PNG writer");
            }
        }
    }

    private void writeSvg(Path file) throws IOException {
        Document document = GenericDOMImplementation.getDOMImplementation().createDocument(SVG_NAMESPACE, "svg", null);
        SVGGraphics2D graphics = new SVGGraphics2D(document);
        graphics.setSVGCanvasSize(new Dimension(WIDTH, HEIGHT));
        draw(graphics);
        try (Writer out = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
            graphics.stream(out, true);
        }
    }

    private void draw(Graphics2D graphics) {
        graphics.setPaint(Color.WHITE);
        graphics.fillRect(0, 0, WIDTH, HEIGHT);
        graphics.setPaint(Color.BLACK);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        graphics.drawString(title, 16, 27);
        int chartsHeight = HEIGHT - TITLE_HEIGHT;
        ConvergenceChart.of(kind, samples).draw(graphics,
                new Rectangle2D.Double(0, TITLE_HEIGHT, ERROR_CHART_LEFT, chartsHeight));
        ErrorChart.of(kind, samples).draw(graphics,
                new Rectangle2D.Double(ERROR_CHART_LEFT, TITLE_HEIGHT, DARTS_LEFT - ERROR_CHART_LEFT, chartsHeight));
        DartsChart.of(darts).draw(graphics,
                new Rectangle2D.Double(DARTS_LEFT, TITLE_HEIGHT, WIDTH - DARTS_LEFT, chartsHeight));
    }
}
