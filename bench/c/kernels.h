/*
 * dartboard's C kernels: the stream and the inside test of core's PointStream and QuarterCircle, written
 * once here for every kernel of this folder.
 *
 * Point k (modulo 2^64) of the run with master seed S is the word mix64(S + (k + 1) * GAMMA), which is the
 * k-th nextLong() of new java.util.SplittableRandom(S). Its low 32 bits are x and its high 32 bits y; the
 * point is inside when x^2 + y^2 <= 2^64, that is when the 64-bit sum x^2 + y^2 does not carry
 * (x^2 + y^2 = 2^64 has no integer solution).
 */
#ifndef DARTBOARD_KERNELS_H
#define DARTBOARD_KERNELS_H

#include <stdint.h>

#define GAMMA UINT64_C(0x9E3779B97F4A7C15)
#define MIX_1 UINT64_C(0xBF58476D1CE4E5B9)
#define MIX_2 UINT64_C(0x94D049BB133111EB)

/* SplitMix64's finaliser (Stafford's Mix13), as java.util.SplittableRandom.mix64. */
static inline uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * MIX_1;
    z = (z ^ (z >> 27)) * MIX_2;
    return z ^ (z >> 31);
}

/* The word of point `index` in the stream of `seed`. */
static inline uint64_t point_word(uint64_t seed, uint64_t index) {
    return mix64(seed + (index + 1) * GAMMA);
}

/* Whether the dart of this word is inside: the 64-bit sum of the squares does not carry. */
static inline int point_inside(uint64_t word) {
    uint64_t x = word & UINT64_C(0xFFFFFFFF);
    uint64_t y = word >> 32;
    uint64_t xx = x * x;
    return xx + y * y >= xx;
}

/*
 * A kernel counts the points inside among `count` points of the stream of `seed`, from index `first` on
 * (indices wrap modulo 2^64), exactly as core's Kernel.countInside(seed, first, count).
 */
typedef uint64_t (*count_fn)(uint64_t seed, uint64_t first, uint64_t count);

uint64_t count_scalar_sm(uint64_t seed, uint64_t first, uint64_t count);

#if defined(__x86_64__)
/* Call these only where cpu_has_avx512() / cpu_has_avx2() say so. */
uint64_t count_avx512_sm(uint64_t seed, uint64_t first, uint64_t count);
uint64_t count_avx2_sm(uint64_t seed, uint64_t first, uint64_t count);
int cpu_has_avx512(void);
int cpu_has_avx2(void);
#endif

#endif
