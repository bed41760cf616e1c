/*
 * avx512_sm: the scalar kernel's stream and test on the 8 lanes of 64 bits of an AVX-512 register,
 * AVX512_VECTORS independent vectors per loop turn so that the multiplies of one overlap the others'.
 *
 * - mix64's two 64-bit multiplies: vpmullq (_mm512_mullo_epi64, AVX-512DQ).
 * - x^2 and y^2: vpmuludq (_mm512_mul_epu32), 32 x 32 -> 64 bits, which reads only the low half of each
 *   lane: x needs no masking, and y is the high half moved down by a shuffle (vpshufd), which runs beside
 *   the shifts instead of queueing with them.
 * - inside: the sum of the squares did not carry, i.e. sum >= x^2 unsigned (vpcmpuq into a mask); the four
 *   8-bit masks of a turn are joined and counted with one popcnt.
 * - a count that is not a multiple of the turn: whole vectors one at a time, then one vector under a mask.
 *
 * Compiled for any x86-64 (the functions carry their own target attribute) and called only where
 * cpu_has_avx512() says the CPU and the OS support AVX-512F and DQ; nothing here on other architectures.
 */
#include "kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#ifndef AVX512_VECTORS
#define AVX512_VECTORS 4
#endif
#if AVX512_VECTORS < 1 || AVX512_VECTORS > 4
#error "AVX512_VECTORS must be 1 to 4: the masks of a turn are counted in one 32-bit popcnt"
#endif

#define TARGET __attribute__((target("avx512f,avx512dq,popcnt")))
#define LANES 8

int cpu_has_avx512(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("popcnt");
}

TARGET static inline __m512i mix64_8(__m512i z) {
    z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)), _mm512_set1_epi64((long long)MIX_1));
    z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)), _mm512_set1_epi64((long long)MIX_2));
    return _mm512_xor_si512(z, _mm512_srli_epi64(z, 31));
}

/* The lanes of `within` whose word is inside. */
TARGET static inline __mmask8 inside_8(__mmask8 within, __m512i word) {
    __m512i xx = _mm512_mul_epu32(word, word);
    __m512i y = _mm512_shuffle_epi32(word, _MM_PERM_DDBB);   /* each lane's high 32 bits, in its low half */
    __m512i sum = _mm512_add_epi64(xx, _mm512_mul_epu32(y, y));
    return _mm512_mask_cmpge_epu64_mask(within, sum, xx);
}

TARGET uint64_t count_avx512_sm(uint64_t seed, uint64_t first, uint64_t count) {
    enum { TURN = AVX512_VECTORS * LANES };
    /* state[v] holds, lane by lane, the states of points first + v*8 + lane, before the increment. */
    __m512i state[AVX512_VECTORS];
    uint64_t lanes[LANES];
    for (int v = 0; v < AVX512_VECTORS; v++) {
        for (int lane = 0; lane < LANES; lane++) {
            lanes[lane] = seed + (first + (uint64_t)(v * LANES + lane) + 1) * GAMMA;
        }
        state[v] = _mm512_loadu_si512(lanes);
    }
    const __m512i turn_step = _mm512_set1_epi64((long long)(TURN * GAMMA));
    uint64_t inside = 0;
    uint64_t turns = count / TURN;
    for (uint64_t t = 0; t < turns; t++) {
        uint32_t masks = 0;
        for (int v = 0; v < AVX512_VECTORS; v++) {
            masks |= (uint32_t)inside_8(0xFF, mix64_8(state[v])) << (LANES * v);
            state[v] = _mm512_add_epi64(state[v], turn_step);
        }
        inside += (uint64_t)_mm_popcnt_u32(masks);
    }
    /* The rest, fewer than TURN points: state[0] holds the next 8 points. */
    uint64_t rest = count - turns * TURN;
    __m512i s = state[0];
    const __m512i vector_step = _mm512_set1_epi64((long long)(LANES * GAMMA));
    for (; rest >= LANES; rest -= LANES) {
        inside += (uint64_t)_mm_popcnt_u32(inside_8(0xFF, mix64_8(s)));
        s = _mm512_add_epi64(s, vector_step);
    }
    if (rest > 0) {
        inside += (uint64_t)_mm_popcnt_u32(inside_8((__mmask8)((1u << rest) - 1), mix64_8(s)));
    }
    return inside;
}

#endif
