/**
 * What a person sees of a run: the live dashboard a running client serves ({@code --monitor PORT}: progress,
 * the node table, the estimate converging within its confidence band and the run's darts, pushed to the
 * browser as server-sent events) and the picture of a finished run ({@code --plot FILE}, PNG or SVG, drawn
 * with JFreeChart). Both draw the same convergence history and dart sample, with the same axis rule.
 *
 * <p>{@link org.dartboard.watch.Watching} is the one public type: it listens to a run's events and knows
 * nothing of farms or the command line.
 */
package org.dartboard.watch;
