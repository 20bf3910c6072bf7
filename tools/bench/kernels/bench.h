/* bench.h - helpers shared by the benchmark kernels (tools/bench/kernels).
 *
 * Every kernel is one C file compiled three ways (x86-64 native, aarch64
 * static under emu-aarch64, the same aarch64 binary under qemu-aarch64),
 * so everything here must give bit-identical output on both hosts: fixed
 * width integer types only (plain `char` is signed on x86-64 and unsigned
 * on AArch64), no libm transcendental functions (glibc's x86-64 and
 * AArch64 variants may round differently), and floating-point results are
 * printed as their bit pattern.  The runner compares the whole stdout of
 * the three runs; a kernel's timing is only recorded when they agree.
 *
 * argv[1] is the scale in percent of the full workload (default 100; the
 * runner's quick mode passes a small value).  Reading it at run time also
 * keeps the compiler from folding the work away.
 */
#ifndef BENCH_H
#define BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Scale in percent from argv[1]; exits with a clear message when bad. */
static inline long bench_scale(int argc, char **argv)
{
    if (argc < 2)
        return 100;
    char *end;
    long s = strtol(argv[1], &end, 10);
    if (*end || s < 1 || s > 100000) {
        fprintf(stderr, "%s: scale must be an integer 1..100000 (percent), got '%s'\n",
                argv[0], argv[1]);
        exit(2);
    }
    return s;
}

/* base * scale / 100, at least 1. */
static inline long bench_iters(long base, long scale)
{
    long n = base * scale / 100;
    return n < 1 ? 1 : n;
}

/* Order-dependent 64-bit mixing (splitmix64 finaliser) for checksums. */
static inline uint64_t bench_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h;
}

/* Deterministic xorshift64 generator for input data. */
static inline uint64_t bench_rand(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

static inline uint64_t bench_double_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* The one line the runner compares across native, qemu and emu. */
static inline void bench_report(const char *name, long scale, uint64_t sum)
{
    printf("%s scale=%ld checksum=%016" PRIx64 "\n", name, scale, sum);
}

#endif
