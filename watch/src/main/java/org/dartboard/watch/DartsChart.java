package org.dartboard.watch;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.dartboard.core.Dart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A sample of the run's darts on the unit square: inside the quarter circle in one colour, outside in another. */
final class DartsChart {

    static final Color INSIDE = new Color(0x1f77b4);
    static final Color OUTSIDE = new Color(0xff7f0e);
    private static final double DOT = 3;
    /**
     * How far the axes reach past the unit square, in its units: about 3 pixels of the plot's 480 × 548 frame,
     * more than a dot's radius, so that a dart at an edge is drawn whole, inside the frame, not across it.
     */
    static final double MARGIN = 0.006;
    private static final int ARC_SEGMENTS = 90;

    private DartsChart() {
    }

    static JFreeChart of(List<Dart> darts) {
        XYSeries inside = new XYSeries("inside", false, true);
        XYSeries outside = new XYSeries("outside", false, true);
        for (Dart dart : darts) {
            (dart.inside() ? inside : outside).add(dart.x(), dart.y(), false);
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(inside);
        dataset.addSeries(outside);

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        Ellipse2D dot = new Ellipse2D.Double(-DOT / 2, -DOT / 2, DOT, DOT);
        renderer.setSeriesShape(0, dot);
        renderer.setSeriesShape(1, dot);
        renderer.setSeriesPaint(0, INSIDE);
        renderer.setSeriesPaint(1, OUTSIDE);

        NumberAxis x = squareAxis("x");
        NumberAxis y = squareAxis("y");
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        // The quarter circle x² + y² = 1, as short segments in data coordinates.
        BasicStroke edge = new BasicStroke(1.5f);
        for (int i = 0; i < ARC_SEGMENTS; i++) {
            double from = Math.PI / 2 * i / ARC_SEGMENTS;
            double to = Math.PI / 2 * (i + 1) / ARC_SEGMENTS;
            plot.addAnnotation(new XYLineAnnotation(Math.cos(from), Math.sin(from), Math.cos(to), Math.sin(to), edge,
                    Color.DARK_GRAY));
        }

        JFreeChart chart = new JFreeChart(darts.size() + " darts of the run", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** 0 to 1, labelled every 0.1 on both axes, with the margin that keeps dots at the edges whole. */
    private static NumberAxis squareAxis(String name) {
        NumberAxis axis = new NumberAxis(name);
        axis.setRange(-MARGIN, 1 + MARGIN);
        axis.setTickUnit(new NumberTickUnit(0.1, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        return axis;
    }
}
