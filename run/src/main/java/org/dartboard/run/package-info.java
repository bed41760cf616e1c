/**
 * The library's front door and the run behind it. {@link org.dartboard.run.Estimation} takes a
 * {@link org.dartboard.core.JobPlan} and a farm from {@link org.dartboard.run.Farms}, checks every setting
 * once, and runs the plan: the drip-feed window, re-runs of lost jobs, the exactly-once tally, the journal
 * that lets a killed run be resumed, and the events that {@link org.dartboard.run.RunListener}s hear. It
 * returns a {@link org.dartboard.run.RunOutcome}.
 *
 * <p>The local farm (all cores of this machine) lives here; the cluster farm of {@code org.dartboard.cluster}
 * plugs in behind the {@link org.dartboard.run.Farm} seam, found by {@link java.util.ServiceLoader}, without
 * changing anything in this package or in core.
 */
package org.dartboard.run;
