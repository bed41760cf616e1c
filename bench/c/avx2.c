/*
 * avx2_sm: the scalar kernel's stream and test on the 4 lanes of 64 bits of an AVX2 register, for x86-64
 * machines without AVX-512; AVX2_VECTORS independent vectors per loop turn.
 *
 * AVX2 has no 64-bit multiply, so mix64's multiplies by a constant c are built from three vpmuludq
 * (32 x 32 -> 64): lo(a)lo(c) + ((hi(a)lo(c) + lo(a)hi(c)) << 32), modulo 2^64. The squares are one
 * vpmuludq each, as in avx512_sm. AVX2 has no unsigned compare either: with both sides' top bits flipped
 * a signed compare does, and flipping x^2's top bit before the add flips the sum's as well, so the
 * test costs one xor more than a plain compare. A lane is outside when x^2 > x^2 + y^2 (the sum carried).
 *
 * Compiled for any x86-64 (the functions carry their own target attribute) and called only where
 * cpu_has_avx2() says so; nothing here on other architectures.
 */
#include "kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#ifndef AVX2_VECTORS
#define AVX2_VECTORS 4
#endif
#if AVX2_VECTORS < 1 || AVX2_VECTORS > 8
#error "AVX2_VECTORS must be 1 to 8: the masks of a turn are counted in one 32-bit popcnt"
#endif

#define TARGET __attribute__((target("avx2,popcnt")))
#define LANES 4

int cpu_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
}

/* a * c modulo 2^64 in each lane, c given as its low and high 32-bit halves. */
TARGET static inline __m256i mul_4(__m256i a, __m256i c_low, __m256i c_high) {
    __m256i low = _mm256_mul_epu32(a, c_low);
    __m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(a, 32), c_low), _mm256_mul_epu32(a, c_high));
    return _mm256_add_epi64(low, _mm256_slli_epi64(cross, 32));
}

TARGET static inline __m256i mix64_4(__m256i z) {
    const __m256i m1_low = _mm256_set1_epi64x((long long)(MIX_1 & 0xFFFFFFFF));
    const __m256i m1_high = _mm256_set1_epi64x((long long)(MIX_1 >> 32));
    const __m256i m2_low = _mm256_set1_epi64x((long long)(MIX_2 & 0xFFFFFFFF));
    const __m256i m2_high = _mm256_set1_epi64x((long long)(MIX_2 >> 32));
    z = mul_4(_mm256_xor_si256(z, _mm256_srli_epi64(z, 30)), m1_low, m1_high);
    z = mul_4(_mm256_xor_si256(z, _mm256_srli_epi64(z, 27)), m2_low, m2_high);
    return _mm256_xor_si256(z, _mm256_srli_epi64(z, 31));
}

/* One bit per lane (bit i for lane i): set when that lane's word is outside. */
TARGET static inline uint32_t outside_4(__m256i word) {
    const __m256i top = _mm256_set1_epi64x((long long)UINT64_C(0x8000000000000000));
    __m256i xx_flipped = _mm256_xor_si256(_mm256_mul_epu32(word, word), top);
    __m256i y = _mm256_shuffle_epi32(word, _MM_SHUFFLE(3, 3, 1, 1));   /* high 32 bits, in the low half */
    __m256i sum_flipped = _mm256_add_epi64(xx_flipped, _mm256_mul_epu32(y, y));
    return (uint32_t)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(xx_flipped, sum_flipped)));
}

TARGET uint64_t count_avx2_sm(uint64_t seed, uint64_t first, uint64_t count) {
    enum { TURN = AVX2_VECTORS * LANES };
    /* state[v] holds, lane by lane, the states of points first + v*4 + lane, before the increment. */
    __m256i state[AVX2_VECTORS];
    uint64_t lanes[LANES];
    for (int v = 0; v < AVX2_VECTORS; v++) {
        for (int lane = 0; lane < LANES; lane++) {
            lanes[lane] = seed + (first + (uint64_t)(v * LANES + lane) + 1) * GAMMA;
        }
        state[v] = _mm256_loadu_si256((const __m256i *)lanes);
    }
    const __m256i turn_step = _mm256_set1_epi64x((long long)(TURN * GAMMA));
    uint64_t outside = 0;
    uint64_t turns = count / TURN;
    for (uint64_t t = 0; t < turns; t++) {
        uint32_t masks = 0;
        for (int v = 0; v < AVX2_VECTORS; v++) {
            masks |= outside_4(mix64_4(state[v])) << (LANES * v);
            state[v] = _mm256_add_epi64(state[v], turn_step);
        }
        outside += (uint64_t)_mm_popcnt_u32(masks);
    }
    /* The rest, fewer than TURN points: state[0] holds the next 4 points. */
    uint64_t rest = count - turns * TURN;
    __m256i s = state[0];
    const __m256i vector_step = _mm256_set1_epi64x((long long)(LANES * GAMMA));
    for (; rest >= LANES; rest -= LANES) {
        outside += (uint64_t)_mm_popcnt_u32(outside_4(mix64_4(s)));
        s = _mm256_add_epi64(s, vector_step);
    }
    if (rest > 0) {
        outside += (uint64_t)_mm_popcnt_u32(outside_4(mix64_4(s)) & ((1u << rest) - 1));
    }
    return count - outside;
}

#endif
