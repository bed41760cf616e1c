/**
 * JMH benchmarks of the kernels, built into {@code bench/target/benchmarks.jar} and run by hand, so that
 * every speed claimed for a kernel comes with the benchmark that measured it.
 */
package org.dartboard.bench;
