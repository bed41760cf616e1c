package org.dartboard.core;

/**
 * A stand-in loop for the kernel races: the scalar kernel's counts at a chosen fraction of its speed, since
 * it counts the points that many times. Its name says which kind of loop it stands in for; 8 lanes make it
 * look like a vector loop to the rules that ask.
 */
class RepeatedScalarLoop implements CountingLoop {

    private final int times;
    private final String name;
    private final String variant;

    RepeatedScalarLoop(int times, String name, String variant) {
        this.times = times;
        this.name = name;
        this.variant = variant;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String variant() {
        return variant;
    }

    @Override
    public int lanes() {
        return 8;
    }

    @Override
    public long countInside(long seed, long first, long count) {
        long inside = 0;
        for (int time = 0; time < times; time++) {
            inside = new ScalarKernel().countInside(seed, first, count);
        }
        return inside;
    }

    @Override
    public long countLatticeInside(long shift, long first, long count) {
        return new ScalarKernel().countLatticeInside(shift, first, count);
    }
}
