/* vec-bytes.c - vectorisable kernel, built with -O3: byte-array
 * reductions over 64 KiB (sum of bytes widened to 32 bits, count of a
 * byte value, min and max) and a byte-wise transform (add with
 * saturation via compare/select).  Exercises 16B/8H/4S widening
 * (UADDL/UADDW-style), CMEQ, UMIN/UMAX and their reductions.
 */
#include "bench.h"

#define LEN 65536

static uint8_t data[LEN];

struct stats {
    uint32_t sum, count, min, max;
};

__attribute__((noinline)) static struct stats scan(const uint8_t *restrict p, int n, uint8_t key)
{
    uint32_t sum = 0, count = 0;
    uint8_t mn = 255, mx = 0;
    for (int i = 0; i < n; i++) {
        sum += p[i];
        count += p[i] == key;
        mn = p[i] < mn ? p[i] : mn;
        mx = p[i] > mx ? p[i] : mx;
    }
    return (struct stats){ sum, count, mn, mx };
}

__attribute__((noinline)) static void brighten(uint8_t *restrict p, int n, uint8_t add)
{
    for (int i = 0; i < n; i++) {
        unsigned v = p[i] + add;
        p[i] = (uint8_t)(v > 255 ? 255 - (v & 31) : v);
    }
}

int main(int argc, char **argv)
{
    long scale = bench_scale(argc, argv);
    long reps = bench_iters(50000, scale);
    uint64_t seed = 0xabcdef0123456789ull, sum = 0;

    for (int i = 0; i < LEN; i++)
        data[i] = (uint8_t)(bench_rand(&seed) >> 24);
    for (long r = 0; r < reps; r++) {
        struct stats s = scan(data, LEN, (uint8_t)r);
        sum = bench_mix(sum, (uint64_t)s.sum << 32 | s.count << 16 | s.min << 8 | s.max);
        brighten(data, LEN, (uint8_t)(r * 7 + 1));
    }
    bench_report("vec-bytes", scale, sum);
    return 0;
}
