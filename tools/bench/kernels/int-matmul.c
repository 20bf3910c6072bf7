/* int-matmul.c - integer kernel: 32-bit integer matrix multiply (wrapping
 * arithmetic), C = A * B then A = C ^ B, repeated.  Exercises multiply-
 * accumulate, strided loads and 2-D index arithmetic.
 */
#include "bench.h"

#define N 160

static uint32_t ma[N][N], mb[N][N], mc[N][N];

static void matmul(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            uint32_t acc = 0;
            for (int k = 0; k < N; k++)
                acc += ma[i][k] * mb[k][j];
            mc[i][j] = acc;
        }
}

int main(int argc, char **argv)
{
    long scale = bench_scale(argc, argv);
    long reps = bench_iters(1200, scale);
    uint64_t seed = 0x9876543210fedcbaull, sum = 0;

    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            ma[i][j] = (uint32_t)bench_rand(&seed);
            mb[i][j] = (uint32_t)bench_rand(&seed);
        }
    for (long r = 0; r < reps; r++) {
        matmul();
        uint64_t h = 0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                h += mc[i][j];
                ma[i][j] = mc[i][j] ^ mb[i][j] ^ (uint32_t)r;
            }
        sum = bench_mix(sum, h);
    }
    bench_report("int-matmul", scale, sum);
    return 0;
}
