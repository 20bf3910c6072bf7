/*
 * cpu/crypto.c - the Arm Cryptographic Extension (cpu/crypto.h): plain C
 * transcriptions of the Arm ARM pseudocode (AESShiftRows, AESSubBytes,
 * AESMixColumns, SHA1/SHA256 hash and schedule functions).
 *
 * The S-boxes are computed once at load time from their GF(2^8)
 * definition (inverse, x^254, then the affine map), so that no table of
 * constants is transcribed and the helpers never compute x^254 per byte.
 */
#include "cpu/crypto.h"

#include <string.h>

static uint8_t aes_sbox[256], aes_inv_sbox[256];

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1)
            r ^= a;
        a = (uint8_t)((a << 1) ^ (a & 0x80 ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

static inline uint8_t rol8(uint8_t x, int n)
{
    return (uint8_t)(x << n | x >> (8 - n));
}

__attribute__((constructor)) static void aes_tables_init(void)
{
    for (int i = 0; i < 256; i++) {
        uint8_t inv = 1, sq = (uint8_t)i;
        for (int e = 254; e; e >>= 1) {
            if (e & 1)
                inv = gf_mul(inv, sq);
            sq = gf_mul(sq, sq);
        }
        if (!i)
            inv = 0;
        uint8_t s = inv ^ rol8(inv, 1) ^ rol8(inv, 2) ^ rol8(inv, 3) ^
                    rol8(inv, 4) ^ 0x63;
        aes_sbox[i] = s;
        aes_inv_sbox[s] = (uint8_t)i;
    }
}

void crypto_aes(uint8_t d[16], const uint8_t n[16], bool decrypt)
{
    uint8_t st[16];
    for (int i = 0; i < 16; i++)
        st[i] = d[i] ^ n[i];
    for (int c = 0; c < 4; c++)
        for (int row = 0; row < 4; row++) {
            /* (Inv)ShiftRows moves row `row` by `row` columns. */
            int src = decrypt ? (c - row + 4) % 4 : (c + row) % 4;
            uint8_t x = st[row + 4 * src];
            d[row + 4 * c] = decrypt ? aes_inv_sbox[x] : aes_sbox[x];
        }
}

void crypto_aes_mix(uint8_t d[16], const uint8_t n[16], bool inv)
{
    static const uint8_t fwd[4] = {2, 3, 1, 1}, bwd[4] = {14, 11, 13, 9};
    const uint8_t *k = inv ? bwd : fwd;
    uint8_t in[16];
    memcpy(in, n, 16);
    for (int c = 0; c < 4; c++)
        for (int row = 0; row < 4; row++) {
            uint8_t x = 0;
            for (int j = 0; j < 4; j++)
                x ^= gf_mul(in[4 * c + (row + j) % 4], k[j]);
            d[4 * c + row] = x;
        }
}

static inline uint32_t rol32(uint32_t x, int n)
{
    return x << n | x >> (32 - n);
}

static inline uint32_t ror32(uint32_t x, int n)
{
    return x >> n | x << (32 - n);
}

static inline uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z)
{
    return ((y ^ z) & x) ^ z;
}

static inline uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z)
{
    return x ^ y ^ z;
}

static inline uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}

void crypto_sha1_hash(uint32_t x[4], uint32_t y, const uint32_t w[4], int op)
{
    for (int e = 0; e < 4; e++) {
        uint32_t t = op == 0   ? sha_choose(x[1], x[2], x[3])
                     : op == 1 ? sha_parity(x[1], x[2], x[3])
                               : sha_majority(x[1], x[2], x[3]);
        y += rol32(x[0], 5) + t + w[e];
        x[1] = rol32(x[1], 30);
        /* <Y, X> = ROL(Y:X, 32) over 160 bits. */
        uint32_t top = x[3];
        x[3] = x[2];
        x[2] = x[1];
        x[1] = x[0];
        x[0] = y;
        y = top;
    }
}

void crypto_sha1su0(uint32_t d[4], const uint32_t n[4], const uint32_t m[4])
{
    /* (d.d[1] : n.d[0]) ^ d ^ m, as 64-bit halves */
    uint32_t r[4] = {d[2], d[3], n[0], n[1]};
    for (int e = 0; e < 4; e++)
        d[e] = r[e] ^ d[e] ^ m[e];
}

void crypto_sha1su1(uint32_t d[4], const uint32_t n[4])
{
    uint32_t t[4] = {d[0] ^ n[1], d[1] ^ n[2], d[2] ^ n[3], d[3]};
    for (int e = 0; e < 4; e++)
        d[e] = rol32(t[e], 1);
    d[3] ^= rol32(t[0], 2);
}

void crypto_sha256_hash(uint32_t x[4], uint32_t y[4], const uint32_t w[4])
{
    for (int e = 0; e < 4; e++) {
        uint32_t chs = sha_choose(y[0], y[1], y[2]);
        uint32_t maj = sha_majority(x[0], x[1], x[2]);
        uint32_t s1 = ror32(y[0], 6) ^ ror32(y[0], 11) ^ ror32(y[0], 25);
        uint32_t s0 = ror32(x[0], 2) ^ ror32(x[0], 13) ^ ror32(x[0], 22);
        uint32_t t = y[3] + s1 + chs + w[e];
        x[3] += t;
        y[3] = t + s0 + maj;
        /* <Y, X> = ROL(Y:X, 32) over 256 bits. */
        uint32_t xt = x[3], yt = y[3];
        memmove(x + 1, x, 12);
        memmove(y + 1, y, 12);
        x[0] = yt;
        y[0] = xt;
    }
}

void crypto_sha256su0(uint32_t d[4], const uint32_t n[4])
{
    uint32_t t[4] = {d[1], d[2], d[3], n[0]};
    for (int e = 0; e < 4; e++)
        d[e] += ror32(t[e], 7) ^ ror32(t[e], 18) ^ (t[e] >> 3);
}

void crypto_sha256su1(uint32_t d[4], const uint32_t n[4], const uint32_t m[4])
{
    uint32_t t0[4] = {n[1], n[2], n[3], m[0]};
    uint32_t r[4];
    for (int e = 0; e < 4; e++) {
        uint32_t x = e < 2 ? m[e + 2] : r[e - 2];
        x = ror32(x, 17) ^ ror32(x, 19) ^ (x >> 10);
        r[e] = x + d[e] + t0[e];
    }
    memcpy(d, r, 16);
}
