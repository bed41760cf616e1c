package org.dartboard.core;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernel: the SplitMix64 counter stream and the exact integer test of {@link QuarterCircle}, on
 * all the 64-bit lanes of the widest vector the CPU has (8 with AVX-512), with the Java Vector API.
 *
 * <p>It counts exactly the same points as {@link ScalarKernel} for every seed and range, random darts and
 * lattice darts alike; only the order of the additions differs, and counts are integers. Four independent
 * vectors per loop turn hide the latency of the 64-bit multiplies, as the C AVX-512 reference kernel does.
 *
 * <p>Each kind of darts has three loops, one for each {@link LaneCounting}: the same arithmetic up to the
 * squares, then a compare into a mask and the mask's count, or the carry bits of x² + y² added up in a
 * vector, or the top bits of the half sums added up the same way. Which is fastest depends on the JIT (JDK
 * 17 turns every mask into a vector and back, about seven instructions a vector; JDK 25 keeps it in a mask
 * register) and on the CPU (the carry's logic is one instruction with AVX-512, six with AVX2), so
 * {@link Kernel} races them.
 *
 * <p>Needs the incubating module {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}).
 * Never referred to by name: {@link Kernel} loads it reflectively, so that a JVM without the module runs
 * the scalar kernel instead of failing with {@code NoClassDefFoundError}. Its speed depends on the JDK far
 * more than on the code; {@link Kernel#auto()} measures it before using it.
 *
 * <p>The module's types are written out in full rather than imported: core imports nothing outside
 * {@code java.*} (CoreDependsOnNothingTest), and this incubating part of the JDK is the one exception.
 *
 * <p>Each hot loop is one method on purpose, with no helper: a Vector API helper that the JIT does not
 * inline makes every vector a heap object and the loop 10-100× slower (check with
 * {@code -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining}). That is why the loops repeat each other.
 */
abstract class VectorKernel implements CountingLoop {

    private static final VectorSpecies<Long> SPECIES =
            LongVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Points per loop turn: four vectors. */
    private static final int STEP_POINTS = 4 * LANES;
    private static final long STEP = STEP_POINTS * PointStream.GAMMA;
    /**
     * How far a lattice lane's coordinates move in one loop turn. Modulo 2<sup>64</sup>, not 2<sup>32</sup>:
     * the lanes keep the whole sums and only their low 32 bits are the coordinates (see the loop).
     */
    private static final long LATTICE_STEP_X = STEP_POINTS * Lattice.A1;
    private static final long LATTICE_STEP_Y = STEP_POINTS * Lattice.A2;
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
    private static final VectorOperators.Binary OR = VectorOperators.OR;
    private static final VectorOperators.Binary AND_NOT = VectorOperators.AND_NOT;
    private static final VectorOperators.Associative ADD = VectorOperators.ADD;

    private static final ScalarKernel TAIL = new ScalarKernel();

    private final LaneCounting counting;

    private VectorKernel(LaneCounting counting) {
        this.counting = counting;
    }

    /** Called by name only, from {@link Kernel}: a JVM without the module must never link this class. */
    static CountingLoop of(LaneCounting counting) {
        return switch (counting) {
            case MASKS -> new WithMasks();
            case CARRY_BITS -> new WithCarryBits();
            case HALF_SUMS -> new WithHalfSums();
        };
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

    /** How it counts the lanes inside: {@code masks} or {@code carry bits}. */
    @Override
    public String variant() {
        return counting.words();
    }

    /**
     * The loops that count with masks. A class of its own, like {@link WithCarryBits}, rather than a branch
     * in one method: the JIT compiles a branch that a race never took as a trap, and the race of the other
     * loop would then send the first back to the interpreter for a while, which a calibration would measure.
     */
    private static final class WithMasks extends VectorKernel {

        WithMasks() {
            super(LaneCounting.MASKS);
        }

        @Override
        public long countInside(long seed, long first, long count) {
            return countInsideWithMasks(seed, first, count);
        }

        @Override
        public long countLatticeInside(long shift, long first, long count) {
            return countLatticeInsideWithMasks(shift, first, count);
        }
    }

    /** The loops that add up carry bits. */
    private static final class WithCarryBits extends VectorKernel {

        WithCarryBits() {
            super(LaneCounting.CARRY_BITS);
        }

        @Override
        public long countInside(long seed, long first, long count) {
            return countInsideWithCarryBits(seed, first, count);
        }

        @Override
        public long countLatticeInside(long shift, long first, long count) {
            return countLatticeInsideWithCarryBits(shift, first, count);
        }
    }

    /** The loops that add up the top bits of half sums. */
    private static final class WithHalfSums extends VectorKernel {

        WithHalfSums() {
            super(LaneCounting.HALF_SUMS);
        }

        @Override
        public long countInside(long seed, long first, long count) {
            return countInsideWithHalfSums(seed, first, count);
        }

        @Override
        public long countLatticeInside(long shift, long first, long count) {
            return countLatticeInsideWithHalfSums(shift, first, count);
        }
    }

    private static long countInsideWithMasks(long seed, long first, long count) {
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
        return inside + TAIL.countInside(seed, first + done, count - done);
    }

    /**
     * {@link #countInsideWithMasks} without masks: the carry out of bit 63 of x² + y² is, bit by bit, "both
     * top bits set, or either of them and not the sum's" (one {@code vpternlogq}); shifted down to 0 or 1, it
     * is added to a vector of counts of the darts outside, summed once at the end.
     */
    private static long countInsideWithCarryBits(long seed, long first, long count) {
        long turns = count / STEP_POINTS;
        long[] start = new long[STEP_POINTS];
        for (int lane = 0; lane < STEP_POINTS; lane++) {
            start[lane] = seed + (first + lane + 1) * PointStream.GAMMA;
        }
        var s0 = LongVector.fromArray(SPECIES, start, 0);
        var s1 = LongVector.fromArray(SPECIES, start, LANES);
        var s2 = LongVector.fromArray(SPECIES, start, 2 * LANES);
        var s3 = LongVector.fromArray(SPECIES, start, 3 * LANES);
        var outside = LongVector.zero(SPECIES);
        for (long turn = 0; turn < turns; turn++) {
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
            var yy0 = y0.mul(y0);
            var yy1 = y1.mul(y1);
            var yy2 = y2.mul(y2);
            var yy3 = y3.mul(y3);
            var carry0 = xx0.lanewise(AND, yy0).lanewise(OR, xx0.lanewise(OR, yy0).lanewise(AND_NOT, xx0.add(yy0)));
            var carry1 = xx1.lanewise(AND, yy1).lanewise(OR, xx1.lanewise(OR, yy1).lanewise(AND_NOT, xx1.add(yy1)));
            var carry2 = xx2.lanewise(AND, yy2).lanewise(OR, xx2.lanewise(OR, yy2).lanewise(AND_NOT, xx2.add(yy2)));
            var carry3 = xx3.lanewise(AND, yy3).lanewise(OR, xx3.lanewise(OR, yy3).lanewise(AND_NOT, xx3.add(yy3)));
            outside = outside.add(carry0.lanewise(LSHR, 63)).add(carry1.lanewise(LSHR, 63))
                    .add(carry2.lanewise(LSHR, 63)).add(carry3.lanewise(LSHR, 63));
            s0 = s0.add(STEP);
            s1 = s1.add(STEP);
            s2 = s2.add(STEP);
            s3 = s3.add(STEP);
        }
        long done = turns * STEP_POINTS;
        return done - outside.reduceLanes(ADD) + TAIL.countInside(seed, first + done, count - done);
    }

    /**
     * {@link #countInsideWithCarryBits} with the exact test of {@link ScalarKernel}: the top bit of
     * ⌊x²/2⌋ + ⌊y²/2⌋, which is set exactly when x² + y² carries. Two shifts and an add instead of the
     * carry's logic, which without AVX-512's three-input {@code vpternlogq} is six instructions a vector:
     * with AVX2 and JDK 25 this loop was 17–29% faster than the carry bits' (docs/performance.md).
     */
    private static long countInsideWithHalfSums(long seed, long first, long count) {
        long turns = count / STEP_POINTS;
        long[] start = new long[STEP_POINTS];
        for (int lane = 0; lane < STEP_POINTS; lane++) {
            start[lane] = seed + (first + lane + 1) * PointStream.GAMMA;
        }
        var s0 = LongVector.fromArray(SPECIES, start, 0);
        var s1 = LongVector.fromArray(SPECIES, start, LANES);
        var s2 = LongVector.fromArray(SPECIES, start, 2 * LANES);
        var s3 = LongVector.fromArray(SPECIES, start, 3 * LANES);
        var outside = LongVector.zero(SPECIES);
        for (long turn = 0; turn < turns; turn++) {
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
            var yy0 = y0.mul(y0);
            var yy1 = y1.mul(y1);
            var yy2 = y2.mul(y2);
            var yy3 = y3.mul(y3);
            var half0 = xx0.lanewise(LSHR, 1).add(yy0.lanewise(LSHR, 1));
            var half1 = xx1.lanewise(LSHR, 1).add(yy1.lanewise(LSHR, 1));
            var half2 = xx2.lanewise(LSHR, 1).add(yy2.lanewise(LSHR, 1));
            var half3 = xx3.lanewise(LSHR, 1).add(yy3.lanewise(LSHR, 1));
            outside = outside.add(half0.lanewise(LSHR, 63)).add(half1.lanewise(LSHR, 63))
                    .add(half2.lanewise(LSHR, 63)).add(half3.lanewise(LSHR, 63));
            s0 = s0.add(STEP);
            s1 = s1.add(STEP);
            s2 = s2.add(STEP);
            s3 = s3.add(STEP);
        }
        long done = turns * STEP_POINTS;
        return done - outside.reduceLanes(ADD) + TAIL.countInside(seed, first + done, count - done);
    }

    /**
     * The lattice needs no mixing: each lane's coordinates only advance by a constant, and the inside test
     * is the random darts' one. So a turn is two adds, two ANDs and two 32 × 32-bit squares per vector.
     *
     * <p>The lanes hold the coordinates' whole sums modulo 2<sup>64</sup>, whose low 32 bits are the
     * coordinates, and mask them just before squaring rather than after each add: the same number of
     * operations, but the JIT of JDK 24 and later sees that both factors of the multiply are below
     * 2<sup>32</sup> only when the AND is its direct input, and then emits one {@code vpmuludq} instead of
     * a full 64-bit multiply ({@code vpmullq} with AVX-512DQ, several instructions without). JDK 17 emits
     * the full multiply whatever the form. The start vectors are loaded here, not made by a helper: on JDK
     * 17 a loop-carried vector from a call that is not inlined is boxed on every turn, 10× slower.
     */
    private static long countLatticeInsideWithMasks(long shift, long first, long count) {
        long turns = count / STEP_POINTS;
        long[] startX = new long[STEP_POINTS];
        long[] startY = new long[STEP_POINTS];
        for (int lane = 0; lane < STEP_POINTS; lane++) {
            // Lattice.word without its masks, which the loop applies.
            startX[lane] = (shift & LOW_32_BITS) + (first + lane) * Lattice.A1;
            startY[lane] = (shift >>> 32) + (first + lane) * Lattice.A2;
        }
        var x0 = LongVector.fromArray(SPECIES, startX, 0);
        var x1 = LongVector.fromArray(SPECIES, startX, LANES);
        var x2 = LongVector.fromArray(SPECIES, startX, 2 * LANES);
        var x3 = LongVector.fromArray(SPECIES, startX, 3 * LANES);
        var y0 = LongVector.fromArray(SPECIES, startY, 0);
        var y1 = LongVector.fromArray(SPECIES, startY, LANES);
        var y2 = LongVector.fromArray(SPECIES, startY, 2 * LANES);
        var y3 = LongVector.fromArray(SPECIES, startY, 3 * LANES);
        long inside = 0;
        for (long turn = 0; turn < turns; turn++) {
            var u0 = x0.lanewise(AND, LOW_32_BITS);
            var u1 = x1.lanewise(AND, LOW_32_BITS);
            var u2 = x2.lanewise(AND, LOW_32_BITS);
            var u3 = x3.lanewise(AND, LOW_32_BITS);
            var v0 = y0.lanewise(AND, LOW_32_BITS);
            var v1 = y1.lanewise(AND, LOW_32_BITS);
            var v2 = y2.lanewise(AND, LOW_32_BITS);
            var v3 = y3.lanewise(AND, LOW_32_BITS);
            var xx0 = u0.mul(u0);
            var xx1 = u1.mul(u1);
            var xx2 = u2.mul(u2);
            var xx3 = u3.mul(u3);
            // The same exact test as countInside: x² + y² does not carry out of 64 bits.
            inside += xx0.add(v0.mul(v0)).compare(UNSIGNED_GE, xx0).trueCount();
            inside += xx1.add(v1.mul(v1)).compare(UNSIGNED_GE, xx1).trueCount();
            inside += xx2.add(v2.mul(v2)).compare(UNSIGNED_GE, xx2).trueCount();
            inside += xx3.add(v3.mul(v3)).compare(UNSIGNED_GE, xx3).trueCount();
            x0 = x0.add(LATTICE_STEP_X);
            x1 = x1.add(LATTICE_STEP_X);
            x2 = x2.add(LATTICE_STEP_X);
            x3 = x3.add(LATTICE_STEP_X);
            y0 = y0.add(LATTICE_STEP_Y);
            y1 = y1.add(LATTICE_STEP_Y);
            y2 = y2.add(LATTICE_STEP_Y);
            y3 = y3.add(LATTICE_STEP_Y);
        }
        long done = turns * STEP_POINTS;
        return inside + TAIL.countLatticeInside(shift, first + done, count - done);
    }

    /** {@link #countLatticeInsideWithMasks} with the carry bits of {@link #countInsideWithCarryBits}. */
    private static long countLatticeInsideWithCarryBits(long shift, long first, long count) {
        long turns = count / STEP_POINTS;
        long[] startX = new long[STEP_POINTS];
        long[] startY = new long[STEP_POINTS];
        for (int lane = 0; lane < STEP_POINTS; lane++) {
            // Lattice.word without its masks, which the loop applies.
            startX[lane] = (shift & LOW_32_BITS) + (first + lane) * Lattice.A1;
            startY[lane] = (shift >>> 32) + (first + lane) * Lattice.A2;
        }
        var x0 = LongVector.fromArray(SPECIES, startX, 0);
        var x1 = LongVector.fromArray(SPECIES, startX, LANES);
        var x2 = LongVector.fromArray(SPECIES, startX, 2 * LANES);
        var x3 = LongVector.fromArray(SPECIES, startX, 3 * LANES);
        var y0 = LongVector.fromArray(SPECIES, startY, 0);
        var y1 = LongVector.fromArray(SPECIES, startY, LANES);
        var y2 = LongVector.fromArray(SPECIES, startY, 2 * LANES);
        var y3 = LongVector.fromArray(SPECIES, startY, 3 * LANES);
        var outside = LongVector.zero(SPECIES);
        for (long turn = 0; turn < turns; turn++) {
            var u0 = x0.lanewise(AND, LOW_32_BITS);
            var u1 = x1.lanewise(AND, LOW_32_BITS);
            var u2 = x2.lanewise(AND, LOW_32_BITS);
            var u3 = x3.lanewise(AND, LOW_32_BITS);
            var v0 = y0.lanewise(AND, LOW_32_BITS);
            var v1 = y1.lanewise(AND, LOW_32_BITS);
            var v2 = y2.lanewise(AND, LOW_32_BITS);
            var v3 = y3.lanewise(AND, LOW_32_BITS);
            var xx0 = u0.mul(u0);
            var xx1 = u1.mul(u1);
            var xx2 = u2.mul(u2);
            var xx3 = u3.mul(u3);
            var yy0 = v0.mul(v0);
            var yy1 = v1.mul(v1);
            var yy2 = v2.mul(v2);
            var yy3 = v3.mul(v3);
            // The carry bits of countInsideWithCarryBits.
            var carry0 = xx0.lanewise(AND, yy0).lanewise(OR, xx0.lanewise(OR, yy0).lanewise(AND_NOT, xx0.add(yy0)));
            var carry1 = xx1.lanewise(AND, yy1).lanewise(OR, xx1.lanewise(OR, yy1).lanewise(AND_NOT, xx1.add(yy1)));
            var carry2 = xx2.lanewise(AND, yy2).lanewise(OR, xx2.lanewise(OR, yy2).lanewise(AND_NOT, xx2.add(yy2)));
            var carry3 = xx3.lanewise(AND, yy3).lanewise(OR, xx3.lanewise(OR, yy3).lanewise(AND_NOT, xx3.add(yy3)));
            outside = outside.add(carry0.lanewise(LSHR, 63)).add(carry1.lanewise(LSHR, 63))
                    .add(carry2.lanewise(LSHR, 63)).add(carry3.lanewise(LSHR, 63));
            x0 = x0.add(LATTICE_STEP_X);
            x1 = x1.add(LATTICE_STEP_X);
            x2 = x2.add(LATTICE_STEP_X);
            x3 = x3.add(LATTICE_STEP_X);
            y0 = y0.add(LATTICE_STEP_Y);
            y1 = y1.add(LATTICE_STEP_Y);
            y2 = y2.add(LATTICE_STEP_Y);
            y3 = y3.add(LATTICE_STEP_Y);
        }
        long done = turns * STEP_POINTS;
        return done - outside.reduceLanes(ADD) + TAIL.countLatticeInside(shift, first + done, count - done);
    }

    /** {@link #countLatticeInsideWithMasks} with the half sums of {@link #countInsideWithHalfSums}. */
    private static long countLatticeInsideWithHalfSums(long shift, long first, long count) {
        long turns = count / STEP_POINTS;
        long[] startX = new long[STEP_POINTS];
        long[] startY = new long[STEP_POINTS];
        for (int lane = 0; lane < STEP_POINTS; lane++) {
            // Lattice.word without its masks, which the loop applies.
            startX[lane] = (shift & LOW_32_BITS) + (first + lane) * Lattice.A1;
            startY[lane] = (shift >>> 32) + (first + lane) * Lattice.A2;
        }
        var x0 = LongVector.fromArray(SPECIES, startX, 0);
        var x1 = LongVector.fromArray(SPECIES, startX, LANES);
        var x2 = LongVector.fromArray(SPECIES, startX, 2 * LANES);
        var x3 = LongVector.fromArray(SPECIES, startX, 3 * LANES);
        var y0 = LongVector.fromArray(SPECIES, startY, 0);
        var y1 = LongVector.fromArray(SPECIES, startY, LANES);
        var y2 = LongVector.fromArray(SPECIES, startY, 2 * LANES);
        var y3 = LongVector.fromArray(SPECIES, startY, 3 * LANES);
        var outside = LongVector.zero(SPECIES);
        for (long turn = 0; turn < turns; turn++) {
            var u0 = x0.lanewise(AND, LOW_32_BITS);
            var u1 = x1.lanewise(AND, LOW_32_BITS);
            var u2 = x2.lanewise(AND, LOW_32_BITS);
            var u3 = x3.lanewise(AND, LOW_32_BITS);
            var v0 = y0.lanewise(AND, LOW_32_BITS);
            var v1 = y1.lanewise(AND, LOW_32_BITS);
            var v2 = y2.lanewise(AND, LOW_32_BITS);
            var v3 = y3.lanewise(AND, LOW_32_BITS);
            var xx0 = u0.mul(u0);
            var xx1 = u1.mul(u1);
            var xx2 = u2.mul(u2);
            var xx3 = u3.mul(u3);
            var yy0 = v0.mul(v0);
            var yy1 = v1.mul(v1);
            var yy2 = v2.mul(v2);
            var yy3 = v3.mul(v3);
            // The half sums of countInsideWithHalfSums.
            var half0 = xx0.lanewise(LSHR, 1).add(yy0.lanewise(LSHR, 1));
            var half1 = xx1.lanewise(LSHR, 1).add(yy1.lanewise(LSHR, 1));
            var half2 = xx2.lanewise(LSHR, 1).add(yy2.lanewise(LSHR, 1));
            var half3 = xx3.lanewise(LSHR, 1).add(yy3.lanewise(LSHR, 1));
            outside = outside.add(half0.lanewise(LSHR, 63)).add(half1.lanewise(LSHR, 63))
                    .add(half2.lanewise(LSHR, 63)).add(half3.lanewise(LSHR, 63));
            x0 = x0.add(LATTICE_STEP_X);
            x1 = x1.add(LATTICE_STEP_X);
            x2 = x2.add(LATTICE_STEP_X);
            x3 = x3.add(LATTICE_STEP_X);
            y0 = y0.add(LATTICE_STEP_Y);
            y1 = y1.add(LATTICE_STEP_Y);
            y2 = y2.add(LATTICE_STEP_Y);
            y3 = y3.add(LATTICE_STEP_Y);
        }
        long done = turns * STEP_POINTS;
        return done - outside.reduceLanes(ADD) + TAIL.countLatticeInside(shift, first + done, count - done);
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
