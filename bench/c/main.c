/*
 * dartboard-c: the C kernels of dartboard, the speed to compare the Java kernels with (bench/kernel-bench).
 *
 *   dartboard-c list                                  kernel names this CPU runs, widest vector first
 *   dartboard-c KERNEL N THREADS REPS SEED [FIRST]    count points FIRST (default 0) to FIRST + N - 1 of the
 *                                                     stream of SEED, split into THREADS disjoint ranges on
 *                                                     as many threads, REPS times; a line per repetition,
 *                                                     then a RESULT line with the median points/s
 *   dartboard-c count KERNEL                          for each line "SEED FIRST N" of standard input, print
 *                                                     the count of those points (for tests)
 *   dartboard-c check                                 the known counts, and every kernel against the
 *                                                     definition and each other; exit 1 on any mismatch
 *
 * Numbers are decimal, or hexadecimal after 0x; SEED and FIRST may be negative (Java's signed longs) and
 * are taken modulo 2^64, like the stream's own arithmetic. The count of a range does not depend on THREADS.
 * Exit status: 0 done, 1 a check failed, 2 bad usage.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kernels.h"

struct kernel {
    const char *name;
    count_fn count;
    int (*available)(void);
};

static int always(void) {
    return 1;
}

/* Widest first: what `list` prints and `check` tests. */
static const struct kernel KERNELS[] = {
#if defined(__x86_64__)
    {"avx512_sm", count_avx512_sm, cpu_has_avx512},
    {"avx2_sm", count_avx2_sm, cpu_has_avx2},
#endif
    {"scalar_sm", count_scalar_sm, always},
};
#define KERNEL_COUNT (sizeof KERNELS / sizeof KERNELS[0])

static const struct kernel *find_kernel(const char *name) {
    for (size_t i = 0; i < KERNEL_COUNT; i++) {
        if (strcmp(KERNELS[i].name, name) == 0) {
            return &KERNELS[i];
        }
    }
    return NULL;
}

/* --- numbers ------------------------------------------------------------------------------------------ */

/* Decimal or 0x hexadecimal, optionally negative (then modulo 2^64). 0 when `text` is not a number. */
static int parse_u64(const char *text, uint64_t *value) {
    int negative = text[0] == '-';
    const char *digits = negative ? text + 1 : text;
    int base = (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) ? 16 : 10;
    if (base == 16) {
        digits += 2;
    }
    if (digits[0] == '\0' || digits[0] == '-' || digits[0] == '+' || digits[0] == ' ') {
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long long parsed = strtoull(digits, &end, base);
    if (errno != 0 || *end != '\0') {
        return 0;
    }
    *value = negative ? (uint64_t)0 - (uint64_t)parsed : (uint64_t)parsed;
    return 1;
}

/* --- counting on threads ------------------------------------------------------------------------------ */

struct range {
    count_fn count;
    uint64_t seed, first, n, inside;
};

static void *count_range(void *argument) {
    struct range *range = argument;
    range->inside = range->count(range->seed, range->first, range->n);
    return NULL;
}

/* Points first .. first + n - 1, in `threads` consecutive disjoint ranges (the first n % threads one longer). */
static uint64_t count_on_threads(count_fn count, uint64_t seed, uint64_t first, uint64_t n, unsigned threads) {
    struct range *ranges = calloc(threads, sizeof *ranges);
    pthread_t *ids = calloc(threads, sizeof *ids);
    if (ranges == NULL || ids == NULL) {
        fprintf(stderr, "dartboard-c: out of memory\n");
        exit(1);
    }
    uint64_t next = first;
    for (unsigned t = 0; t < threads; t++) {
        uint64_t length = n / threads + (t < n % threads ? 1 : 0);
        ranges[t] = (struct range){count, seed, next, length, 0};
        next += length;
        if (t > 0 && pthread_create(&ids[t], NULL, count_range, &ranges[t]) != 0) {
            fprintf(stderr, "dartboard-c: cannot start thread %u\n", t);
            exit(1);
        }
    }
    count_range(&ranges[0]);   /* the calling thread counts the first range */
    uint64_t inside = ranges[0].inside;
    for (unsigned t = 1; t < threads; t++) {
        pthread_join(ids[t], NULL);
        inside += ranges[t].inside;
    }
    free(ranges);
    free(ids);
    return inside;
}

static double now_seconds(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + (double)time.tv_nsec * 1e-9;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run_benchmark(const struct kernel *kernel, uint64_t n, unsigned threads, unsigned reps, uint64_t seed,
                         uint64_t first) {
    double *rates = calloc(reps, sizeof *rates);
    if (rates == NULL) {
        fprintf(stderr, "dartboard-c: out of memory\n");
        return 1;
    }
    printf("%s: %llu points from index %llu of seed %llu, %u thread(s), %u repetition(s)\n", kernel->name,
           (unsigned long long)n, (unsigned long long)first, (unsigned long long)seed, threads, reps);
    uint64_t inside = 0;
    for (unsigned rep = 0; rep < reps; rep++) {
        double started = now_seconds();
        uint64_t counted = count_on_threads(kernel->count, seed, first, n, threads);
        double seconds = now_seconds() - started;
        if (rep > 0 && counted != inside) {
            fprintf(stderr, "dartboard-c: repetition %u counted %llu, not %llu\n", rep + 1,
                    (unsigned long long)counted, (unsigned long long)inside);
            free(rates);
            return 1;
        }
        inside = counted;
        rates[rep] = seconds > 0 ? (double)n / seconds : INFINITY;
        printf("  rep %u: %.4f s  %.4e points/s  count=%llu\n", rep + 1, seconds, rates[rep],
               (unsigned long long)inside);
        fflush(stdout);
    }
    qsort(rates, reps, sizeof *rates, compare_doubles);
    double median = reps % 2 ? rates[reps / 2] : (rates[reps / 2 - 1] + rates[reps / 2]) / 2;
    printf("RESULT kernel=%s threads=%u n=%llu first=%llu seed=%llu reps=%u count=%llu pi=%.9f median_pps=%.4e"
           " min_pps=%.4e max_pps=%.4e\n",
           kernel->name, threads, (unsigned long long)n, (unsigned long long)first, (unsigned long long)seed, reps,
           (unsigned long long)inside, n ? 4.0 * (double)inside / (double)n : 0.0, median, rates[0],
           rates[reps - 1]);
    free(rates);
    return 0;
}

static int run_count(const struct kernel *kernel) {
    char line[256];
    unsigned long number = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        number++;
        char *words[4];
        int n = 0;
        for (char *word = strtok(line, " \t\r\n"); word != NULL && n < 4; word = strtok(NULL, " \t\r\n")) {
            words[n++] = word;
        }
        if (n == 0) {
            continue;
        }
        uint64_t seed, first, count;
        if (n != 3 || !parse_u64(words[0], &seed) || !parse_u64(words[1], &first) || !parse_u64(words[2], &count)) {
            fprintf(stderr, "dartboard-c: line %lu of standard input is not SEED FIRST N\n", number);
            return 2;
        }
        printf("%llu\n", (unsigned long long)kernel->count(seed, first, count));
    }
    return 0;
}

/* --- check -------------------------------------------------------------------------------------------- */

static unsigned failures;

static void verdict(int ok, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    printf("  %s ", ok ? "ok  " : "FAIL");
    vprintf(format, arguments);
    printf("\n");
    fflush(stdout);
    va_end(arguments);
    failures += !ok;
}

typedef unsigned __int128 u128;

/* The inside test written the long way: x^2 + y^2 <= 2^64 in 128-bit arithmetic. */
static int inside_exactly(uint64_t word) {
    u128 x = word & UINT64_C(0xFFFFFFFF), y = word >> 32;
    return x * x + y * y <= (u128)1 << 64;
}

/* The definition, point by point, with the 128-bit test: what every kernel must agree with. */
static uint64_t count_by_definition(uint64_t seed, uint64_t first, uint64_t n) {
    uint64_t inside = 0;
    for (uint64_t i = 0; i < n; i++) {
        inside += (uint64_t)inside_exactly(point_word(seed, first + i));
    }
    return inside;
}

/* The inverse of z ^= z >> shift (shift > 0). */
static uint64_t unxorshift(uint64_t z, int shift) {
    uint64_t x = z;
    for (int known = shift; known < 64; known += shift) {
        x = z ^ (x >> shift);
    }
    return x;
}

/* The inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct low bits). */
static uint64_t inverse(uint64_t odd) {
    uint64_t x = odd;   /* right modulo 8 */
    for (int i = 0; i < 5; i++) {
        x *= 2 - odd * x;
    }
    return x;
}

/* The index at which the stream of `seed` yields `word`: mix64 and the counter are both bijections. */
static uint64_t index_of_word(uint64_t seed, uint64_t word) {
    uint64_t z = unxorshift(word, 31) * inverse(MIX_2);
    z = unxorshift(z, 27) * inverse(MIX_1);
    z = unxorshift(z, 30);
    return (z - seed) * inverse(GAMMA) - 1;
}

/* The largest y with x^2 + y^2 <= 2^64. */
static uint64_t boundary_y(uint64_t x) {
    u128 limit = ((u128)1 << 64) - (u128)x * x;
    uint64_t y = (uint64_t)sqrt((double)limit);
    while ((u128)y * y > limit) {
        y--;
    }
    while ((u128)(y + 1) * (y + 1) <= limit) {
        y++;
    }
    return y;
}

static uint64_t random_state = 20251203;

static uint64_t random_u64(void) {
    random_state += GAMMA;
    return mix64(random_state);
}

static unsigned cpu_count(void) {
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > 64 ? 64 : (unsigned)cpus;
}

static int run_check(void) {
    const struct kernel *kernels[KERNEL_COUNT];
    size_t count = 0;
    printf("check: kernels");
    for (size_t i = 0; i < KERNEL_COUNT; i++) {
        if (KERNELS[i].available()) {
            kernels[count++] = &KERNELS[i];
            printf(" %s", KERNELS[i].name);
        }
    }
    printf(" (randomised parts from seed %llu)\n", (unsigned long long)random_state);

    /* The stream: the first words of new SplittableRandom(seed).nextLong(), from the JDK. */
    static const uint64_t jdk_words[][4] = {
        {0, UINT64_C(16294208416658607535), UINT64_C(7960286522194355700), UINT64_C(487617019471545679)},
        {42, UINT64_C(13679457532755275413), UINT64_C(2949826092126892291), UINT64_C(5139283748462763858)},
        {12345, UINT64_C(2454886589211414944), UINT64_C(3778200017661327597), UINT64_C(2205171434679333405)},
        {UINT64_MAX, UINT64_C(16490336266968443936), UINT64_C(16834447057089888969), UINT64_C(4048727598324417001)},
    };
    int words_ok = 1;
    for (size_t s = 0; s < sizeof jdk_words / sizeof jdk_words[0]; s++) {
        for (uint64_t k = 0; k < 3; k++) {
            words_ok &= point_word(jdk_words[s][0], k) == jdk_words[s][k + 1];
            words_ok &= index_of_word(jdk_words[s][0], jdk_words[s][k + 1]) == k;
        }
    }
    verdict(words_ok, "stream: the first 3 words of SplittableRandom for 4 seeds, and back to their indices");

    /* The test at the circle: the last inside and first outside y of random x (and x = 0, 1, 2^32 - 1). */
    enum { BOUNDARY_POINTS = 4096 };
    static uint64_t boundary[2 * BOUNDARY_POINTS];
    size_t boundary_count = 0;
    int test_ok = 1;
    for (uint64_t i = 0; i < 1000000; i++) {
        uint64_t x = i == 0 ? 0 : i == 1 ? 1 : i == 2 ? UINT64_C(0xFFFFFFFF) : random_u64() >> 32;
        uint64_t y = boundary_y(x);
        for (uint64_t yy = y; yy <= y + 1; yy++) {
            if (yy > UINT64_C(0xFFFFFFFF)) {
                continue;
            }
            uint64_t word = yy << 32 | x;
            test_ok &= inside_exactly(word) == (yy == y);
            test_ok &= point_inside(word) == (yy == y);
            if (boundary_count < 2 * BOUNDARY_POINTS && i % 256 == 0) {
                boundary[boundary_count++] = word;
            }
        }
    }
    verdict(test_ok, "inside test: both sides of the circle at 10^6 x, against 128-bit arithmetic");

    for (size_t k = 0; k < count; k++) {
        const struct kernel *kernel = kernels[k];
        uint64_t short_count = count_on_threads(kernel->count, 12345, 0, 10000038, 1);
        uint64_t short_split = count_on_threads(kernel->count, 12345, 0, 10000038, 3);
        verdict(short_count == 7855063 && short_split == 7855063,
                "%-10s seed 12345, 10000038 points: %llu on 1 thread, %llu on 3 (known: 7855063)", kernel->name,
                (unsigned long long)short_count, (unsigned long long)short_split);
        unsigned threads = cpu_count() < 2 ? 2 : cpu_count();
        double started = now_seconds();
        uint64_t long_count = count_on_threads(kernel->count, 12345, 0, 1000000000, threads);
        verdict(long_count == 785415742,
                "%-10s seed 12345, 10^9 points: %llu on %u threads in %.2f s (known: 785415742)", kernel->name,
                (unsigned long long)long_count, threads, now_seconds() - started);

        /* Points at the circle, placed in the stream by inverting it, in every lane and tail position. */
        unsigned wrong = 0;
        for (size_t b = 0; b < boundary_count; b++) {
            uint64_t seed = random_u64();
            uint64_t before = random_u64() % 70, after = random_u64() % 70;
            uint64_t first = index_of_word(seed, boundary[b]) - before;
            wrong += kernel->count(seed, first, before + 1 + after)
                != count_by_definition(seed, first, before + 1 + after);
        }
        verdict(wrong == 0, "%-10s %zu ranges around a point at the circle: %u differ from the definition",
                kernel->name, boundary_count, wrong);

        /* Short random ranges, a quarter of them across the wrap of the index at 2^64. */
        wrong = 0;
        for (int i = 0; i < 20000; i++) {
            uint64_t seed = random_u64(), n = random_u64() % 300;
            uint64_t first = i % 4 == 0 ? (uint64_t)0 - random_u64() % (n + 1) : random_u64();
            wrong += kernel->count(seed, first, n) != count_by_definition(seed, first, n);
        }
        verdict(wrong == 0, "%-10s 20000 random ranges of 0 to 299 points: %u differ from the definition",
                kernel->name, wrong);

        /* Long random ranges: the scalar kernel against the definition, the others against the scalar one. */
        wrong = 0;
        for (int i = 0; i < 40; i++) {
            uint64_t seed = random_u64(), n = random_u64() % (1 << 20);
            uint64_t first = i % 4 == 0 ? (uint64_t)0 - random_u64() % (n + 1) : random_u64();
            uint64_t expected = strcmp(kernel->name, "scalar_sm") == 0 ? count_by_definition(seed, first, n)
                                                                      : count_scalar_sm(seed, first, n);
            wrong += kernel->count(seed, first, n) != expected;
        }
        verdict(wrong == 0, "%-10s 40 random ranges of up to 2^20 points: %u differ from %s", kernel->name, wrong,
                strcmp(kernel->name, "scalar_sm") == 0 ? "the definition" : "scalar_sm");
    }
    printf("check: %s\n", failures ? "FAILED" : "all ok");
    return failures ? 1 : 0;
}

/* --- main --------------------------------------------------------------------------------------------- */

static int usage(void) {
    fprintf(stderr,
            "usage: dartboard-c list\n"
            "       dartboard-c KERNEL N THREADS REPS SEED [FIRST]\n"
            "       dartboard-c count KERNEL   (lines \"SEED FIRST N\" on standard input)\n"
            "       dartboard-c check\n");
    return 2;
}

static const struct kernel *available_kernel(const char *name) {
    const struct kernel *kernel = find_kernel(name);
    if (kernel == NULL) {
        fprintf(stderr, "dartboard-c: no kernel %s (see dartboard-c list)\n", name);
    } else if (!kernel->available()) {
        fprintf(stderr, "dartboard-c: this CPU cannot run %s (see dartboard-c list)\n", name);
        kernel = NULL;
    }
    return kernel;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        for (size_t i = 0; i < KERNEL_COUNT; i++) {
            if (KERNELS[i].available()) {
                printf("%s\n", KERNELS[i].name);
            }
        }
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "check") == 0) {
        return run_check();
    }
    if (argc == 3 && strcmp(argv[1], "count") == 0) {
        const struct kernel *kernel = available_kernel(argv[2]);
        return kernel == NULL ? 2 : run_count(kernel);
    }
    if (argc == 6 || argc == 7) {
        uint64_t n, threads, reps, seed, first = 0;
        if (!parse_u64(argv[2], &n) || !parse_u64(argv[3], &threads) || !parse_u64(argv[4], &reps)
            || !parse_u64(argv[5], &seed) || (argc == 7 && !parse_u64(argv[6], &first)) || argv[3][0] == '-'
            || argv[4][0] == '-' || argv[2][0] == '-' || threads < 1 || threads > 1024 || reps < 1
            || reps > 1000) {
            fprintf(stderr, "dartboard-c: N is a count, THREADS 1 to 1024, REPS 1 to 1000; SEED and FIRST numbers\n");
            return usage();
        }
        const struct kernel *kernel = available_kernel(argv[1]);
        return kernel == NULL ? 2 : run_benchmark(kernel, n, (unsigned)threads, (unsigned)reps, seed, first);
    }
    return usage();
}
