package org.dartboard.watch;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.List;
import java.util.stream.DoubleStream;
import org.dartboard.watch.ConvergenceHistory.Sample;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The estimate of π against the points counted, with its 95% confidence band, on a logarithmic axis of
 * points: the band narrows around the line of the true π, as 1/√n for random darts and faster for lattice
 * darts. The band is the run's own: binomial for random darts, the replicas' spread times Student's t for
 * lattice darts (binomial, and wider, until two replicas differ).
 */
final class ConvergenceChart {

    static final Color ESTIMATE = new Color(0x1f77b4);
    static final Color TRUE_PI = new Color(0x555555);

    private ConvergenceChart() {
    }

    static JFreeChart of(DartsKind darts, List<Sample> samples) {
        YIntervalSeries series = new YIntervalSeries(darts.bandLabel());
        for (Sample sample : samples) {
            series.add(sample.points(), sample.pi(), sample.low(), sample.high());
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        dataset.addSeries(series);

        NumberAxis estimate = estimateAxis(ConvergenceHistory.chartHalfWidth(samples, darts));

        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setSeriesPaint(0, ESTIMATE);
        renderer.setSeriesFillPaint(0, ESTIMATE);
        renderer.setSeriesStroke(0, new BasicStroke(1.5f));
        renderer.setAlpha(0.25f);

        XYPlot plot = new XYPlot(dataset, pointsAxis(), estimate, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker truePi = new ValueMarker(Math.PI, TRUE_PI, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        truePi.setLabel("π");
        truePi.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        truePi.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(truePi);

        JFreeChart chart = new JFreeChart("Convergence: " + darts.label(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** At most this many labels on the estimate axis, and at least half as many: a few a reader can take in. */
    static final int MAX_ESTIMATE_TICKS = 9;

    /**
     * The estimate axis, π ± the half-width (within 0 and 4), labelled by {@link #estimateTicks(double)}.
     */
    static NumberAxis estimateAxis(double halfWidth) {
        NumberAxis estimate = new NumberAxis("estimate of π");
        estimate.setAutoRangeIncludesZero(false);
        estimate.setRange(Math.max(0, Math.PI - halfWidth), Math.min(4, Math.PI + halfWidth));
        estimate.setTickUnit(estimateTicks(halfWidth));
        return estimate;
    }

    /**
     * Four to {@value #MAX_ESTIMATE_TICKS} ticks across π ± the half-width: the smallest step of 1, 2, 2.5 or 5
     * times a power of ten that gives no more than {@value #MAX_ESTIMATE_TICKS}, labelled with the decimals that
     * step needs. The axis's own choice would print two dozen labels such as 3.14215E0 on a narrow axis.
     */
    static NumberTickUnit estimateTicks(double halfWidth) {
        double rough = 2 * halfWidth / (MAX_ESTIMATE_TICKS - 1);
        int power = (int) Math.floor(Math.log10(rough));
        double unit = Math.pow(10, power);
        // A step a hair under the rough one, from rounding, is as good as equal to it.
        double multiple = DoubleStream.of(1, 2, 2.5, 5, 10).filter(m -> m * unit >= rough * (1 - 1e-9)).findFirst()
                .orElse(10);
        int decimals = Math.max(0, multiple == 10 ? -power - 1 : multiple == 2.5 ? -power + 1 : -power);
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return new NumberTickUnit(multiple * unit, format);
    }

    /** The logarithmic axis of points counted that both charts of the convergence share. */
    static LogAxis pointsAxis() {
        LogAxis points = new LogAxis("points counted");
        points.setBase(10);
        points.setSmallestValue(1);
        // One tick per power of ten: 10^4.2 and the like say nothing to a reader.
        points.setTickUnit(new NumberTickUnit(1));
        return points;
    }
}
