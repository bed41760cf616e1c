package org.dartboard.core;

/**
 * The plain, portable kernel: the stream and the inside test written out so that the JIT keeps everything
 * in registers, two points per loop turn for random darts, one for lattice darts.
 *
 * <p>It is the reference the other kernels are checked against, and what runs where nothing faster does.
 * The loop repeats {@link PointStream} and {@link QuarterCircle} by hand on purpose: the hot loop must
 * stay one small method (a helper the JIT does not inline costs far more than the loop); the tests prove
 * it equals them.
 *
 * <p>The inside test is the exact one of {@link QuarterCircle} in a form without a compare, which both JDK
 * 17 and 25 compile to shifts and adds: with h = ⌊x²/2⌋ + ⌊y²/2⌋ (which cannot overflow), the dart is
 * outside exactly when h ≥ 2<sup>63</sup>, that is when h's top bit is set. For x² + y² = 2h + (x² mod 2)
 * + (y² mod 2): if h ≥ 2<sup>63</sup> the sum is at least 2<sup>64</sup>; if h ≤ 2<sup>63</sup> − 2 it is
 * below; and h = 2<sup>63</sup> − 1 makes it 2<sup>64</sup> − 2, 2<sup>64</sup> − 1 or 2<sup>64</sup>,
 * and 2<sup>64</sup> is impossible (x² + y² = 2<sup>64</sup> has no solution with x, y &lt; 2<sup>32</sup>).
 * That form, and the second run of points of {@link #countInside}, are what made this loop faster than
 * the compare it replaced (docs/performance.md has the figures).
 */
final class ScalarKernel implements CountingLoop {

    private static final long LOW_32_BITS = 0xFFFF_FFFFL;
    private static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX_2 = 0x94D049BB133111EBL;

    @Override
    public String name() {
        return "scalar";
    }

    /**
     * Two runs of points side by side, the first and the second half of the range: two independent chains
     * of multiplies per loop turn, which the CPU overlaps better than one. An odd last point is counted
     * on its own.
     */
    @Override
    public long countInside(long seed, long first, long count) {
        long half = count / 2;
        long front = seed + first * PointStream.GAMMA;
        long back = front + half * PointStream.GAMMA;
        long outside = 0;
        for (long i = 0; i < half; i++) {
            front += PointStream.GAMMA;
            back += PointStream.GAMMA;
            long z = front;
            long w = back;
            z = (z ^ (z >>> 30)) * MIX_1;
            w = (w ^ (w >>> 30)) * MIX_1;
            z = (z ^ (z >>> 27)) * MIX_2;
            w = (w ^ (w >>> 27)) * MIX_2;
            z = z ^ (z >>> 31);
            w = w ^ (w >>> 31);
            long zx = z & LOW_32_BITS;
            long zy = z >>> 32;
            long wx = w & LOW_32_BITS;
            long wy = w >>> 32;
            outside += ((zx * zx >>> 1) + (zy * zy >>> 1)) >>> 63;
            outside += ((wx * wx >>> 1) + (wy * wy >>> 1)) >>> 63;
        }
        if (count % 2 != 0) {
            outside += QuarterCircle.contains(PointStream.word(seed, first + count - 1)) ? 0 : 1;
        }
        return count - outside;
    }

    @Override
    public long countLatticeInside(long shift, long first, long count) {
        // Lattice.word, step by step: each coordinate advances by its generator, modulo 2^32.
        long x = ((shift & LOW_32_BITS) + first * Lattice.A1) & LOW_32_BITS;
        long y = ((shift >>> 32) + first * Lattice.A2) & LOW_32_BITS;
        long outside = 0;
        for (long i = 0; i < count; i++) {
            // The test of countInside.
            outside += ((x * x >>> 1) + (y * y >>> 1)) >>> 63;
            x = (x + Lattice.A1) & LOW_32_BITS;
            y = (y + Lattice.A2) & LOW_32_BITS;
        }
        return count - outside;
    }
}
