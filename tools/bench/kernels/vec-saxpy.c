/* vec-saxpy.c - vectorisable kernel, built with -O3 so gcc emits AdvSIMD
 * (SSE2 on the x86-64 build): single-precision y = a*x + y and an
 * elementwise clamp over 16 Ki floats, repeated, plus an int32 dot
 * product.  Exercises LDR/STR Q, FMUL/FADD/FMAX/FMIN (4S) and MUL/ADD
 * (4S) with ADDV-style reductions.  The float reduction is done in a
 * fixed scalar order at the end (gcc keeps FP reductions in order without
 * -ffast-math), so the checksum is exact on every build.
 */
#include "bench.h"

#define LEN 16384

static float xs[LEN], ys[LEN];
static int32_t ia[LEN], ib[LEN];

__attribute__((noinline)) static void saxpy(float a, const float *restrict x,
                                            float *restrict y, int n)
{
    for (int i = 0; i < n; i++) {
        float v = a * x[i] + y[i];
        v = v > 1000.0f ? 1000.0f : v;
        y[i] = v < -1000.0f ? -1000.0f : v;
    }
}

__attribute__((noinline)) static int32_t dot_i32(const int32_t *restrict a,
                                                 const int32_t *restrict b, int n)
{
    uint32_t acc = 0; /* unsigned: wrap-around is defined */
    for (int i = 0; i < n; i++)
        acc += (uint32_t)a[i] * (uint32_t)b[i];
    return (int32_t)acc;
}

int main(int argc, char **argv)
{
    long scale = bench_scale(argc, argv);
    long reps = bench_iters(100000, scale);
    uint64_t seed = 0xfeedfacecafebeefull, sum = 0;

    for (int i = 0; i < LEN; i++) {
        xs[i] = (float)((int)(bench_rand(&seed) & 0xffff) - 32768) / 4096.0f;
        ys[i] = (float)((int)(bench_rand(&seed) & 0xffff) - 32768) / 4096.0f;
        ia[i] = (int32_t)bench_rand(&seed);
        ib[i] = (int32_t)bench_rand(&seed);
    }
    for (long r = 0; r < reps; r++) {
        saxpy(r & 1 ? 0.5f : -0.25f, xs, ys, LEN);
        ia[r % LEN] += (int32_t)r;
        sum = bench_mix(sum, (uint32_t)dot_i32(ia, ib, LEN));
    }
    double t = 0;
    for (int i = 0; i < LEN; i++)
        t += ys[i];
    bench_report("vec-saxpy", scale, bench_mix(sum, bench_double_bits(t)));
    return 0;
}
