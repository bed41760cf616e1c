/**
 * Drives a {@link org.dartboard.core.JobPlan} through a {@link org.dartboard.run.Farm}: the drip-feed
 * window, re-runs of lost jobs, cancellation and the events that reports listen to.
 *
 * <p>The local farm (all cores of this machine) lives here; a cluster farm plugs in behind the same
 * {@link org.dartboard.run.Farm} interface without changing anything in this package or in core.
 */
package org.dartboard.run;
