/**
 * JMH benchmarks of the kernels, built into {@code bench/target/benchmarks.jar} and run by hand, so that
 * every speed claimed for a kernel comes with the benchmark that measured it; and {@link DartsBench}
 * ({@code bench/darts-bench}), which measures lattice darts against random darts through the library's
 * public API: how their errors fall with the points, and how long each takes to an accuracy.
 */
package org.dartboard.bench;
