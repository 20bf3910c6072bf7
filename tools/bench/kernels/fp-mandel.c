/* fp-mandel.c - floating-point kernel: Mandelbrot set escape counts in
 * double precision over a fixed window.  Exercises scalar FMUL/FADD/FSUB,
 * FCMP feeding a branch (the escape test), and FP<->int conversions.
 * Built with -ffp-contract=off: see fp-nbody.c.
 */
#include "bench.h"

static uint64_t mandel_row(int y, int w, int h, int max_iter)
{
    uint64_t row = 0;
    double ci = -1.25 + 2.5 * y / h;
    for (int x = 0; x < w; x++) {
        double cr = -2.0 + 3.0 * x / w;
        double zr = 0, zi = 0, zr2 = 0, zi2 = 0;
        int it = 0;
        while (it < max_iter && zr2 + zi2 <= 4.0) {
            zi = 2.0 * zr * zi + ci;
            zr = zr2 - zi2 + cr;
            zr2 = zr * zr;
            zi2 = zi * zi;
            it++;
        }
        /* Fold in the final |z|^2 too: a wrong FP result shows even when
         * the iteration count is right. */
        row = row * 31 + (uint64_t)it + (uint64_t)(int64_t)((zr2 + zi2) * 1024.0);
    }
    return row;
}

int main(int argc, char **argv)
{
    long scale = bench_scale(argc, argv);
    int h = 1000, w = 1000, max_iter = 2000;
    /* A smaller scale samples fewer rows spread over the whole window, so
     * quick runs see the same mix of fast-escaping and interior points. */
    long rows = bench_iters(h, scale);
    uint64_t sum = 0;

    for (long k = 0; k < rows; k++)
        sum = bench_mix(sum, mandel_row((int)(k * h / rows), w, h, max_iter));
    bench_report("fp-mandel", scale, sum);
    return 0;
}
