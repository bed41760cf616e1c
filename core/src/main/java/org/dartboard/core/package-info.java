/**
 * The mathematics of a dartboard run: the random point stream and the exact inside test, the kernels that
 * count points inside the quarter circle, the job plan, exact counts and the estimate with its error bars.
 *
 * <p>This package depends on nothing but the JDK, so that every node, the client and the benchmarks
 * share one definition of what a job counts.
 */
package org.dartboard.core;
