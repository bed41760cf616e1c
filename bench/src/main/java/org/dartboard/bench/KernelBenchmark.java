package org.dartboard.bench;

import java.util.concurrent.TimeUnit;
import org.dartboard.core.Kernel;
import org.dartboard.core.ScalarKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Points per second of a kernel on one thread: the figure DESIGN.md quotes for the scalar kernel.
 *
 * <p>One invocation counts {@value #POINTS} points, four of a farm's chunks, and JMH divides by
 * that, so the ops/s it prints are points/s. Seed and first index are read from non-final state fields
 * and the count is returned, so the JIT can neither fold the loop into a constant nor drop it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelBenchmark {

    /** 2^24 points: about 30 ms of scalar work, so the call itself costs nothing measurable. */
    static final int POINTS = 1 << 24;

    private Kernel scalar;
    private long seed;
    private long first;

    @Setup
    public void setUp() {
        scalar = new ScalarKernel();
        seed = 12345;
        first = 0;
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long scalar() {
        return scalar.countInside(seed, first, POINTS);
    }
}
