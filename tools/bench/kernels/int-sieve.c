/* int-sieve.c - integer kernel: sieve of Eratosthenes over a byte array,
 * repeated; checksums the prime count and a sum of the primes found.
 * Exercises byte stores with a variable stride and a compare/branch scan.
 */
#include "bench.h"

#define LIMIT 2000000

static uint8_t composite[LIMIT + 1];

static uint64_t sieve(uint32_t limit)
{
    memset(composite, 0, limit + 1);
    for (uint32_t i = 2; (uint64_t)i * i <= limit; i++)
        if (!composite[i])
            for (uint32_t j = i * i; j <= limit; j += i)
                composite[j] = 1;
    uint64_t count = 0, total = 0;
    for (uint32_t i = 2; i <= limit; i++)
        if (!composite[i]) {
            count++;
            total += i;
        }
    return count << 40 ^ total;
}

int main(int argc, char **argv)
{
    long scale = bench_scale(argc, argv);
    long reps = bench_iters(240, scale);
    uint64_t sum = 0;

    for (long r = 0; r < reps; r++)
        sum = bench_mix(sum, sieve(LIMIT - (uint32_t)(r % 7) * 1000));
    bench_report("int-sieve", scale, sum);
    return 0;
}
