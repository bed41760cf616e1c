package org.dartboard.core;

/**
 * The plain, portable kernel: one point per loop turn, with the stream and the inside test written out
 * so that the JIT keeps everything in registers.
 *
 * <p>It is the reference the other kernels are checked against, and what runs where nothing faster does.
 * The loop repeats {@link PointStream} and {@link QuarterCircle} by hand on purpose: the hot loop must
 * stay one small method (a helper the JIT does not inline costs far more than the loop); the tests prove
 * it equals them.
 */
final class ScalarKernel implements CountingLoop {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public long countInside(long seed, long first, long count) {
        long state = seed + first * PointStream.GAMMA;
        long inside = 0;
        for (long i = 0; i < count; i++) {
            state += PointStream.GAMMA;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            long x = z & 0xFFFF_FFFFL;
            long y = z >>> 32;
            long xx = x * x;
            // Unsigned y*y <= ~xx, written as a signed compare of values shifted by 2^63.
            inside += ((y * y) ^ Long.MIN_VALUE) <= (~xx ^ Long.MIN_VALUE) ? 1 : 0;
        }
        return inside;
    }

    @Override
    public long countLatticeInside(long shift, long first, long count) {
        // Lattice.word, step by step: each coordinate advances by its generator, modulo 2^32.
        long x = ((shift & 0xFFFF_FFFFL) + first * Lattice.A1) & 0xFFFF_FFFFL;
        long y = ((shift >>> 32) + first * Lattice.A2) & 0xFFFF_FFFFL;
        long inside = 0;
        for (long i = 0; i < count; i++) {
            long xx = x * x;
            inside += ((y * y) ^ Long.MIN_VALUE) <= (~xx ^ Long.MIN_VALUE) ? 1 : 0;
            x = (x + Lattice.A1) & 0xFFFF_FFFFL;
            y = (y + Lattice.A2) & 0xFFFF_FFFFL;
        }
        return inside;
    }
}
