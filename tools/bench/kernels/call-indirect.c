/* call-indirect.c - call-heavy kernel: indirect calls through a table of
 * function pointers (BLR with a target that changes every call), small
 * out-of-line calls, and libc qsort() with a comparator callback.
 * Exercises indirect-branch lookup in the translated-code cache.
 */
#include "bench.h"

typedef uint64_t (*op_fn)(uint64_t, uint64_t);

__attribute__((noinline)) static uint64_t op_add(uint64_t a, uint64_t b) { return a + b; }
__attribute__((noinline)) static uint64_t op_sub(uint64_t a, uint64_t b) { return a - b; }
__attribute__((noinline)) static uint64_t op_xor(uint64_t a, uint64_t b) { return a ^ b; }
__attribute__((noinline)) static uint64_t op_mul(uint64_t a, uint64_t b) { return a * (b | 1); }
__attribute__((noinline)) static uint64_t op_rol(uint64_t a, uint64_t b)
{
    unsigned s = (unsigned)(b & 63);
    return s ? a << s | a >> (64 - s) : a;
}
__attribute__((noinline)) static uint64_t op_min(uint64_t a, uint64_t b) { return a < b ? a : b; }
__attribute__((noinline)) static uint64_t op_max(uint64_t a, uint64_t b) { return a > b ? a : b; }
__attribute__((noinline)) static uint64_t op_mix(uint64_t a, uint64_t b) { return bench_mix(a, b); }

static op_fn const ops[8] = { op_add, op_sub, op_xor, op_mul, op_rol, op_min, op_max, op_mix };

static int cmp_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

#define SORT_N 20000

int main(int argc, char **argv)
{
    long scale = bench_scale(argc, argv);
    long reps = bench_iters(100000000, scale);
    long sorts = bench_iters(100, scale);
    uint64_t seed = 0x0123456789abcdefull, acc = 1, sum = 0;
    static uint32_t arr[SORT_N];

    /* The op index comes from the data, so the target is unpredictable
     * for a static translator and changes on most calls. */
    for (long r = 0; r < reps; r++)
        acc = ops[(acc >> 3 ^ (uint64_t)r) & 7](acc, (uint64_t)r);
    sum = bench_mix(sum, acc);

    for (long s = 0; s < sorts; s++) {
        for (int i = 0; i < SORT_N; i++)
            arr[i] = (uint32_t)bench_rand(&seed);
        qsort(arr, SORT_N, sizeof arr[0], cmp_u32);
        for (int i = 0; i < SORT_N; i += 97)
            sum = bench_mix(sum, arr[i]);
    }
    bench_report("call-indirect", scale, sum);
    return 0;
}
