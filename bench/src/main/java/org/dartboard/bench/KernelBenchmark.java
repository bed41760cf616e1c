package org.dartboard.bench;

import java.util.concurrent.TimeUnit;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobSpec;
import org.dartboard.core.Kernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Points per second of each kernel, for random darts and for lattice darts: the figures docs/performance.md
 * quotes, and what {@code bench/kernel-bench} puts beside the C reference kernels.
 *
 * <p>One invocation counts {@value #POINTS} points, two of a farm's chunks, and JMH divides by that, so
 * the ops/s it prints are points/s (summed over threads with {@code -t}). Seed and first index are read
 * from non-final state fields and the count is returned, so the JIT can neither fold the loop into a
 * constant nor drop it; each thread counts its own range. The lattice benchmarks count a lattice job as
 * the farms do ({@link Kernel#countInside(JobSpec)}: the replica's shift, then the loop), on ranges inside
 * one replica's 2<sup>32</sup> points.
 *
 * <p>The forked JVM gets {@code --add-modules jdk.incubator.vector} for the vector kernel; the vector
 * benchmarks fail at set-up, saying why, on a JVM that cannot run it. Its set-up also warms the kernel up
 * (the JIT takes about half a second to compile it), on top of JMH's warm-up iterations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {

    /** 2^24 points: about 30 ms of scalar work and 5 ms of vector work, so the call itself costs nothing. */
    static final int POINTS = 1 << 24;

    private Kernel scalar;
    private Kernel vector;
    private long seed;
    private long first;
    private JobSpec latticeJob;

    @Setup
    public void setUp() {
        scalar = Kernel.scalar();
        seed = 12345;
        // Threads count different ranges, as the farm's workers do.
        first = Thread.currentThread().getId() * (1L << 40);
        // A replica has 2^32 points: the threads' ranges are different ones of the same replica.
        long latticeFirst = Thread.currentThread().getId() % 8 * (1L << 28);
        latticeJob = new JobSpec(0, seed, latticeFirst, POINTS, JobPlan.Darts.LATTICE, 0);
    }

    @Setup
    public void setUpVector(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        if (benchmark.endsWith(".vector") || benchmark.endsWith(".vectorLattice")) {
            vector = Kernel.vector();
            // Which of its loops the calibration chose, and the speeds it measured: in JMH's log.
            System.out.println("# " + vector);
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long scalar() {
        return scalar.countInside(seed, first, POINTS);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long vector() {
        return vector.countInside(seed, first, POINTS);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long scalarLattice() {
        return scalar.countInside(latticeJob);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long vectorLattice() {
        return vector.countInside(latticeJob);
    }
}
