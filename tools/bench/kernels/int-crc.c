/* int-crc.c - integer kernel: CRC-32 (table driven, the zlib polynomial)
 * and a bitwise CRC-32C over a pseudo-random 64 KiB buffer, repeated.
 * Exercises byte loads, shifts, xor, table lookups and short
 * data-dependent branches (the bitwise loop).
 */
#include "bench.h"

#define BUF_SIZE 65536

static uint32_t crc_table[256];
static uint8_t buf[BUF_SIZE];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32_table(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

/* CRC-32C (Castagnoli) one bit at a time: a branchy inner loop. */
static uint32_t crc32c_bitwise(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0x82f63b78u & -(crc & 1));
    }
    return ~crc;
}

int main(int argc, char **argv)
{
    long scale = bench_scale(argc, argv);
    long reps = bench_iters(3600, scale);
    uint64_t seed = 0x1234567887654321ull, sum = 0;

    crc_init();
    for (size_t i = 0; i < BUF_SIZE; i++)
        buf[i] = (uint8_t)bench_rand(&seed);
    uint32_t a = 0, b = 0;
    for (long r = 0; r < reps; r++) {
        buf[r % BUF_SIZE] ^= (uint8_t)r; /* every pass sees new data */
        a = crc32_table(a, buf, BUF_SIZE);
        if (r % 8 == 0)
            b = crc32c_bitwise(b, buf, BUF_SIZE);
        sum = bench_mix(sum, (uint64_t)a << 32 | b);
    }
    bench_report("int-crc", scale, sum);
    return 0;
}
