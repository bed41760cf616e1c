/*
 * scalar_sm: one point per loop turn in plain C, the counterpart of core's ScalarKernel. The Makefile
 * compiles this file with -fno-tree-vectorize, so that it stays one point per turn whatever -march says.
 */
#include "kernels.h"

uint64_t count_scalar_sm(uint64_t seed, uint64_t first, uint64_t count) {
    uint64_t state = seed + first * GAMMA;
    uint64_t inside = 0;
    for (uint64_t i = 0; i < count; i++) {
        state += GAMMA;
        inside += (uint64_t)point_inside(mix64(state));
    }
    return inside;
}
