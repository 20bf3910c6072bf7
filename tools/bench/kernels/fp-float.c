/* fp-float.c - floating-point kernel in single precision: a 2-D Jacobi
 * heat-diffusion stencil on floats with a source term, plus a per-sweep
 * normalisation with sqrtf and a division.  Exercises S-register
 * arithmetic, float<->double conversion and FDIV/FSQRT (single).
 * Built with -ffp-contract=off: see fp-nbody.c.
 */
#include "bench.h"

#define N 256

static float grid[2][N][N];

static double sweep(int from, float k)
{
    float (*s)[N] = grid[from], (*d)[N] = grid[from ^ 1];
    float total = 0;
    for (int i = 1; i < N - 1; i++)
        for (int j = 1; j < N - 1; j++) {
            float v = s[i][j] + k * (s[i - 1][j] + s[i + 1][j] + s[i][j - 1] +
                                     s[i][j + 1] - 4.0f * s[i][j]);
            d[i][j] = v;
            total += v;
        }
    /* Renormalise so values stay in range over many sweeps. */
    float norm = __builtin_sqrtf(total / (float)((N - 2) * (N - 2)));
    if (norm > 0)
        for (int i = 1; i < N - 1; i++)
            for (int j = 1; j < N - 1; j++)
                d[i][j] = d[i][j] / norm;
    return (double)total;
}

int main(int argc, char **argv)
{
    long scale = bench_scale(argc, argv);
    long sweeps = bench_iters(10000, scale);
    uint64_t seed = 0x5eed5eed5eed5eedull, sum = 0;

    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            grid[0][i][j] = grid[1][i][j] = (float)(bench_rand(&seed) & 0xffff) / 65536.0f;
    for (long s = 0; s < sweeps; s++) {
        double t = sweep((int)(s & 1), 0.2f);
        if (s % 64 == 0)
            sum = bench_mix(sum, bench_double_bits(t));
    }
    float c = grid[sweeps & 1][N / 2][N / 2];
    printf("centre %.6f\n", (double)c);
    bench_report("fp-float", scale, bench_mix(sum, bench_double_bits((double)c)));
    return 0;
}
