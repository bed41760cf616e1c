package org.dartboard.core;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernel: the SplitMix64 counter stream and the exact integer test of {@link ScalarKernel}, on
 * all the 64-bit lanes of the widest vector the CPU has (8 with AVX-512), with the Java Vector API.
 *
 * <p>It counts exactly the same points as {@link ScalarKernel} for every seed and range; only the order of
 * the additions differs, and counts are integers. Four independent vectors per loop turn hide the latency
 * of the 64-bit multiplies, as the C AVX-512 reference kernel does.
 *
 * <p>Needs the incubating module {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}).
 * Never referred to by name: {@link Kernel} loads it reflectively, so that a JVM without the module runs
 * the scalar kernel instead of failing with {@code NoClassDefFoundError}. Its speed depends on the JDK far
 * more than on the code; {@link Kernel#auto()} measures it before using it.
 *
 * <p>The module's types are written out in full rather than imported: core imports nothing outside
 * {@code java.*} (CoreDependsOnNothingTest), and this incubating part of the JDK is the one exception.
 *
 * <p>The hot loop is one method on purpose, with no helper: a Vector API helper that the JIT does not
 * inline makes every vector a heap object and the loop 10-100× slower (check with
 * {@code -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining}).
 */
final class VectorKernel implements CountingLoop {

    private static final VectorSpecies<Long> SPECIES =
            LongVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Points per loop turn: four vectors. */
    private static final int STEP_POINTS = 4 * LANES;
    private static final long STEP = STEP_POINTS * PointStream.GAMMA;
    private static final long LOW_32_BITS = 0xFFFF_FFFFL;
    private static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX_2 = 0x94D049BB133111EBL;
    /**
     * Unsigned {@code >=}. JDK 17 calls it {@code UNSIGNED_GE} and later JDKs {@code UGE}: looked up by
     * name so that one class file runs on both. A static final, so the JIT still sees a constant.
     */
    private static final VectorOperators.Comparison UNSIGNED_GE = unsignedGreaterOrEqual();
    // Operators as constants of this class, so the loop below reads as arithmetic.
    private static final VectorOperators.Binary XOR = VectorOperators.XOR;
    private static final VectorOperators.Binary AND = VectorOperators.AND;
    private static final VectorOperators.Binary LSHR = VectorOperators.LSHR;

    private final ScalarKernel tail = new ScalarKernel();

    /** Called by name only, from {@link Kernel}: a JVM without the module must never link this class. */
    VectorKernel() {
    }

    @Override
    public String name() {
        return "vector";
    }

    /** How many points one vector holds: 8 with AVX-512, 4 with AVX2, 2 with NEON. */
    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public long countInside(long seed, long first, long count) {
        long turns = count / STEP_POINTS;
        long[] start = new long[STEP_POINTS];
        for (int lane = 0; lane < STEP_POINTS; lane++) {
            start[lane] = seed + (first + lane + 1) * PointStream.GAMMA;
        }
        var s0 = LongVector.fromArray(SPECIES, start, 0);
        var s1 = LongVector.fromArray(SPECIES, start, LANES);
        var s2 = LongVector.fromArray(SPECIES, start, 2 * LANES);
        var s3 = LongVector.fromArray(SPECIES, start, 3 * LANES);
        long inside = 0;
        for (long turn = 0; turn < turns; turn++) {
            // mix64, as in PointStream, on four vectors of states.
            var z0 = s0.lanewise(XOR, s0.lanewise(LSHR, 30)).mul(MIX_1);
            var z1 = s1.lanewise(XOR, s1.lanewise(LSHR, 30)).mul(MIX_1);
            var z2 = s2.lanewise(XOR, s2.lanewise(LSHR, 30)).mul(MIX_1);
            var z3 = s3.lanewise(XOR, s3.lanewise(LSHR, 30)).mul(MIX_1);
            z0 = z0.lanewise(XOR, z0.lanewise(LSHR, 27)).mul(MIX_2);
            z1 = z1.lanewise(XOR, z1.lanewise(LSHR, 27)).mul(MIX_2);
            z2 = z2.lanewise(XOR, z2.lanewise(LSHR, 27)).mul(MIX_2);
            z3 = z3.lanewise(XOR, z3.lanewise(LSHR, 27)).mul(MIX_2);
            z0 = z0.lanewise(XOR, z0.lanewise(LSHR, 31));
            z1 = z1.lanewise(XOR, z1.lanewise(LSHR, 31));
            z2 = z2.lanewise(XOR, z2.lanewise(LSHR, 31));
            z3 = z3.lanewise(XOR, z3.lanewise(LSHR, 31));
            // QuarterCircle: x = low 32 bits, y = high 32 bits; inside when x² + y² does not carry out of
            // 64 bits, i.e. when the wrapped sum is still >= x² (unsigned).
            var x0 = z0.lanewise(AND, LOW_32_BITS);
            var x1 = z1.lanewise(AND, LOW_32_BITS);
            var x2 = z2.lanewise(AND, LOW_32_BITS);
            var x3 = z3.lanewise(AND, LOW_32_BITS);
            var y0 = z0.lanewise(LSHR, 32);
            var y1 = z1.lanewise(LSHR, 32);
            var y2 = z2.lanewise(LSHR, 32);
            var y3 = z3.lanewise(LSHR, 32);
            var xx0 = x0.mul(x0);
            var xx1 = x1.mul(x1);
            var xx2 = x2.mul(x2);
            var xx3 = x3.mul(x3);
            inside += xx0.add(y0.mul(y0)).compare(UNSIGNED_GE, xx0).trueCount();
            inside += xx1.add(y1.mul(y1)).compare(UNSIGNED_GE, xx1).trueCount();
            inside += xx2.add(y2.mul(y2)).compare(UNSIGNED_GE, xx2).trueCount();
            inside += xx3.add(y3.mul(y3)).compare(UNSIGNED_GE, xx3).trueCount();
            s0 = s0.add(STEP);
            s1 = s1.add(STEP);
            s2 = s2.add(STEP);
            s3 = s3.add(STEP);
        }
        long done = turns * STEP_POINTS;
        return inside + tail.countInside(seed, first + done, count - done);
    }

    /** For now the scalar loop: the lattice's own vector loop is yet to be written. */
    @Override
    public long countLatticeInside(long shift, long first, long count) {
        return tail.countLatticeInside(shift, first, count);
    }

    private static VectorOperators.Comparison unsignedGreaterOrEqual() {
        for (String name : new String[] {"UGE", "UNSIGNED_GE"}) {
            try {
                return (VectorOperators.Comparison)
                        VectorOperators.class.getField(name).get(null);
            } catch (NoSuchFieldException | IllegalAccessException absent) {
                // Try the other name.
            }
        }
        throw new IllegalStateException("this JDK's jdk.incubator.vector has no unsigned >= comparison");
    }
}
