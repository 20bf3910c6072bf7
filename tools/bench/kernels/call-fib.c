/* call-fib.c - call-heavy kernel: naive doubly recursive Fibonacci plus
 * Ackermann-style deep recursion.  Exercises BL/RET, the return-address
 * predictor of a JIT (block chaining across returns), stack pushes and
 * pops.  noinline keeps gcc from unrolling the recursion into loops.
 */
#include "bench.h"

__attribute__((noinline)) static uint64_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* Takeuchi function: many calls with three live arguments. */
__attribute__((noinline)) static int32_t tak(int32_t x, int32_t y, int32_t z)
{
    if (y >= x)
        return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

int main(int argc, char **argv)
{
    long scale = bench_scale(argc, argv);
    long reps = bench_iters(1200, scale);
    uint64_t sum = 0;

    for (long r = 0; r < reps; r++) {
        sum = bench_mix(sum, fib(27 + (uint32_t)(r & 1)));
        sum = bench_mix(sum, (uint64_t)tak(18, 12, 6 + (int32_t)(r & 1)));
    }
    bench_report("call-fib", scale, sum);
    return 0;
}
