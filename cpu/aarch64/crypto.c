/*
 * cpu/aarch64/crypto.c - the A64 crypto extension: AESE/AESD/AESMC/AESIMC
 * and SHA1C/P/M/H/SU0/SU1, SHA256H/H2/SU0/SU1 (PMULL is in simd-3diff.c).
 *
 * Plain C transcriptions of the Arm ARM pseudocode (AESShiftRows,
 * AESSubBytes, AESMixColumns, SHA1/SHA256 hash and schedule functions).
 * The 128-bit AES state has byte i at row i%4, column i/4, the order of
 * FIPS-197, so the tables below are the standard ones.  The S-boxes are
 * computed once at load time from their GF(2^8) definition.
 * AES-NI/SHA-NI versions are a later optimisation.
 */
#include "cpu/aarch64/simd-internal.h"

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

/* The AES S-box from its definition: the GF(2^8) inverse (x^254, by
 * square-and-multiply) followed by the affine map. */
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

SIMD_HELPER(h_aes)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    bool decrypt = (insn >> 12) & 1;
    A64Vreg st = env->v[SIMD_RD(insn)], r;
    st.q ^= env->v[SIMD_RN(insn)].q;
    for (int c = 0; c < 4; c++)
        for (int row = 0; row < 4; row++) {
            /* (Inv)ShiftRows moves row `row` by `row` columns. */
            int src = decrypt ? (c - row + 4) % 4 : (c + row) % 4;
            uint8_t x = st.b[row + 4 * src];
            r.b[row + 4 * c] = decrypt ? aes_inv_sbox[x] : aes_sbox[x];
        }
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

SIMD_HELPER(h_aesmc)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    bool inv = (insn >> 12) & 1;
    static const uint8_t fwd[4] = {2, 3, 1, 1}, bwd[4] = {14, 11, 13, 9};
    const uint8_t *k = inv ? bwd : fwd;
    A64Vreg in = env->v[SIMD_RN(insn)], r;
    for (int c = 0; c < 4; c++)
        for (int row = 0; row < 4; row++) {
            uint8_t x = 0;
            for (int j = 0; j < 4; j++)
                x ^= gf_mul(in.b[4 * c + (row + j) % 4], k[j]);
            r.b[4 * c + row] = x;
        }
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

SIMD_ROW(AESE, h_aes, true)
SIMD_ROW(AESD, h_aes, true)
SIMD_ROW(AESMC, h_aesmc, true)
SIMD_ROW(AESIMC, h_aesmc, true)

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

/* SHA1C/SHA1P/SHA1M: four rounds on Qd (abcd) and Sn (e); opcode bits
 * 13:12 pick choose/parity/majority. */
SIMD_HELPER(h_sha1_hash)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int op = (insn >> 12) & 3;
    A64Vreg x = env->v[SIMD_RD(insn)], w = env->v[SIMD_RM(insn)];
    uint32_t y = env->v[SIMD_RN(insn)].s[0];
    for (int e = 0; e < 4; e++) {
        uint32_t t = op == 0   ? sha_choose(x.s[1], x.s[2], x.s[3])
                     : op == 1 ? sha_parity(x.s[1], x.s[2], x.s[3])
                               : sha_majority(x.s[1], x.s[2], x.s[3]);
        y += rol32(x.s[0], 5) + t + w.s[e];
        x.s[1] = rol32(x.s[1], 30);
        /* <Y, X> = ROL(Y:X, 32) over 160 bits. */
        uint32_t top = x.s[3];
        x.s[3] = x.s[2];
        x.s[2] = x.s[1];
        x.s[1] = x.s[0];
        x.s[0] = y;
        y = top;
    }
    env->v[SIMD_RD(insn)] = x;
    return 0;
}

SIMD_HELPER(h_sha1h)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg r = {.q = 0};
    r.s[0] = rol32(env->v[SIMD_RN(insn)].s[0], 30);
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

SIMD_HELPER(h_sha1su0)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg d = env->v[SIMD_RD(insn)], r;
    r.d[0] = d.d[1];
    r.d[1] = env->v[SIMD_RN(insn)].d[0];
    r.q ^= d.q ^ env->v[SIMD_RM(insn)].q;
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

SIMD_HELPER(h_sha1su1)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg t, r;
    t.q = env->v[SIMD_RD(insn)].q ^ (env->v[SIMD_RN(insn)].q >> 32);
    for (int e = 0; e < 4; e++)
        r.s[e] = rol32(t.s[e], 1);
    r.s[3] ^= rol32(t.s[0], 2);
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

/* SHA256hash(X, Y, W, part1) of the Arm ARM. */
static A64Vreg sha256_hash(A64Vreg x, A64Vreg y, const A64Vreg *w, bool part1)
{
    for (int e = 0; e < 4; e++) {
        uint32_t chs = sha_choose(y.s[0], y.s[1], y.s[2]);
        uint32_t maj = sha_majority(x.s[0], x.s[1], x.s[2]);
        uint32_t s1 = ror32(y.s[0], 6) ^ ror32(y.s[0], 11) ^ ror32(y.s[0], 25);
        uint32_t s0 = ror32(x.s[0], 2) ^ ror32(x.s[0], 13) ^ ror32(x.s[0], 22);
        uint32_t t = y.s[3] + s1 + chs + w->s[e];
        x.s[3] += t;
        y.s[3] = t + s0 + maj;
        /* <Y, X> = ROL(Y:X, 32) over 256 bits. */
        uint32_t xt = x.s[3], yt = y.s[3];
        x.q <<= 32;
        x.s[0] = yt;
        y.q <<= 32;
        y.s[0] = xt;
    }
    return part1 ? x : y;
}

SIMD_HELPER(h_sha256h)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    const A64Vreg w = env->v[SIMD_RM(insn)];
    A64Vreg d = env->v[SIMD_RD(insn)], n = env->v[SIMD_RN(insn)];
    bool h2 = (insn >> 12) & 1;
    env->v[SIMD_RD(insn)] = h2 ? sha256_hash(n, d, &w, false)
                               : sha256_hash(d, n, &w, true);
    return 0;
}

SIMD_HELPER(h_sha256su0)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg d = env->v[SIMD_RD(insn)], t, r;
    t.q = d.q >> 32;
    t.s[3] = env->v[SIMD_RN(insn)].s[0];
    for (int e = 0; e < 4; e++) {
        uint32_t x = t.s[e];
        r.s[e] = (ror32(x, 7) ^ ror32(x, 18) ^ (x >> 3)) + d.s[e];
    }
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

SIMD_HELPER(h_sha256su1)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg d = env->v[SIMD_RD(insn)], n = env->v[SIMD_RN(insn)];
    A64Vreg m = env->v[SIMD_RM(insn)], t0, r;
    t0.q = n.q >> 32;
    t0.s[3] = m.s[0];
    uint32_t t1[4] = {m.s[2], m.s[3], 0, 0};
    for (int e = 0; e < 4; e++) {
        uint32_t x = e < 2 ? t1[e] : r.s[e - 2];
        x = ror32(x, 17) ^ ror32(x, 19) ^ (x >> 10);
        r.s[e] = x + d.s[e] + t0.s[e];
    }
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

SIMD_ROW(SHA1C, h_sha1_hash, true)
SIMD_ROW(SHA1P, h_sha1_hash, true)
SIMD_ROW(SHA1M, h_sha1_hash, true)
SIMD_ROW(SHA1H, h_sha1h, true)
SIMD_ROW(SHA1SU0, h_sha1su0, true)
SIMD_ROW(SHA1SU1, h_sha1su1, true)
SIMD_ROW(SHA256H, h_sha256h, true)
SIMD_ROW(SHA256H2, h_sha256h, true)
SIMD_ROW(SHA256SU0, h_sha256su0, true)
SIMD_ROW(SHA256SU1, h_sha256su1, true)
