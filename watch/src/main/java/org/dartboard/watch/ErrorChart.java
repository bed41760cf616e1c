package org.dartboard.watch;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.dartboard.watch.ConvergenceHistory.Sample;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The error against the points counted, both axes logarithmic, where a power law is a straight line: the
 * run's standard error, its actual error |estimate − π| (dots: it is noisy, and falls to almost nothing
 * each time the estimate crosses π), and for lattice darts the standard error random darts would have at
 * as many points, the yardstick of slope −1/2 that the lattice's steeper line falls below. For random
 * darts the run's standard error is that yardstick, drawn once.
 *
 * <p>A point with nothing to draw on a logarithmic axis is left out: a lattice's standard error before two
 * replicas differ (the binomial stands in for it then), and an actual error of exactly 0.
 */
final class ErrorChart {

    static final Color RUN_ERROR = ConvergenceChart.ESTIMATE;
    static final Color YARDSTICK = new Color(0x7f7f7f);
    static final Color ACTUAL_ERROR = new Color(0xd62728);
    private static final double DOT = 4;

    private ErrorChart() {
    }

    static JFreeChart of(DartsKind darts, List<Sample> samples) {
        XYSeries runError = new XYSeries(darts.standardErrorLabel(), false, true);
        XYSeries yardstick = new XYSeries(DartsKind.YARDSTICK_LABEL, false, true);
        XYSeries actualError = new XYSeries(DartsKind.ACTUAL_ERROR_LABEL, false, true);
        for (Sample sample : samples) {
            double standardError = sample.runStandardError(darts);
            if (!Double.isNaN(standardError)) {
                runError.add(sample.points(), standardError, false);
            }
            if (sample.randomStandardError() > 0) {
                yardstick.add(sample.points(), sample.randomStandardError(), false);
            }
            if (sample.actualError() > 0) {
                actualError.add(sample.points(), sample.actualError(), false);
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        dataset.addSeries(runError);
        renderer.setSeriesPaint(0, RUN_ERROR);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        if (darts.isLattice()) {
            dataset.addSeries(yardstick);
            renderer.setSeriesPaint(1, YARDSTICK);
            renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        dataset.addSeries(actualError);
        int actual = dataset.getSeriesCount() - 1;
        renderer.setSeriesPaint(actual, ACTUAL_ERROR);
        renderer.setSeriesLinesVisible(actual, false);
        renderer.setSeriesShapesVisible(actual, true);
        renderer.setSeriesShape(actual, new Ellipse2D.Double(-DOT / 2, -DOT / 2, DOT, DOT));

        LogAxis errors = new LogAxis("error");
        errors.setBase(10);
        errors.setSmallestValue(1e-300);
        errors.setTickUnit(new NumberTickUnit(1));
        double[] range = ConvergenceHistory.errorAxisRange(samples, darts);
        errors.setRange(range[0], range[1]);

        // The plot draws its last series first: the dots lie under the lines, the run's own line on top.
        XYPlot plot = new XYPlot(dataset, ConvergenceChart.pointsAxis(), errors, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        JFreeChart chart = new JFreeChart("Error: " + darts.label(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
