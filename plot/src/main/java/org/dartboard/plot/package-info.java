/**
 * The picture of a finished run that {@code dartboard run --plot FILE} writes: the convergence of the
 * estimate with its confidence band, and a sample of the run's darts on the quarter circle, as PNG or
 * SVG. Drawn with JFreeChart; SVG through Apache Batik's SVG canvas.
 */
package org.dartboard.plot;
