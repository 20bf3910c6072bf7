/*
 * cpu/arm/neon-crypto.c - the ARMv8 AArch32 Cryptographic Extension on Q
 * registers: AESE AESD AESMC AESIMC and SHA1H SHA1SU1 SHA256SU0 (in the
 * two-misc space), SHA1C SHA1P SHA1M SHA1SU0 SHA256H SHA256H2 SHA256SU1
 * (in the three-same space, opc 1100 B=0).  VMULL.P64 is in neon-3diff.c.
 *
 * Semantics are the Arm ARM pseudocode (AESSubBytes, SHA256hash, ...),
 * written plainly: words are the 32-bit lanes of the Q registers, lane 0
 * least significant.  All forms need even register numbers (Q operands).
 */
#include "cpu/arm/neon-internal.h"

static uint8_t aes_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1)
            r ^= a;
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

/* The AES S-box: affine map of the GF(2^8) inverse (x^254). */
static uint8_t aes_sbox(uint8_t x)
{
    uint8_t inv = 1, p = x;
    for (int e = 254; e; e >>= 1) {
        if (e & 1)
            inv = aes_mul(inv, p);
        p = aes_mul(p, p);
    }
    uint8_t s = inv;
    for (int i = 1; i < 5; i++)
        s ^= (uint8_t)((inv << i) | (inv >> (8 - i)));
    return s ^ 0x63;
}

static uint8_t aes_inv_sbox(uint8_t x)
{
    /* the inverse affine map, then the GF inverse */
    uint8_t y = (uint8_t)(((x << 1) | (x >> 7)) ^ ((x << 3) | (x >> 5)) ^
                          ((x << 6) | (x >> 2)) ^ 0x05);
    uint8_t inv = 1, p = y;
    for (int e = 254; e; e >>= 1) {
        if (e & 1)
            inv = aes_mul(inv, p);
        p = aes_mul(p, p);
    }
    return inv;
}

/* The S-boxes as tables, built once: the helpers are the fallback of the
 * inline AES-NI code (hosts without it, EMU_JIT_VEC=0, the interpreter)
 * and must not recompute x^254 per byte. */
static uint8_t sbox_tab[256], inv_sbox_tab[256];
__attribute__((constructor)) static void neon_aes_tables(void)
{
    for (int i = 0; i < 256; i++) {
        sbox_tab[i] = aes_sbox((uint8_t)i);
        inv_sbox_tab[i] = aes_inv_sbox((uint8_t)i);
    }
}

static void aes_mix(uint8_t *s, bool inv)
{
    static const uint8_t fw[4] = {2, 3, 1, 1}, bw[4] = {14, 11, 13, 9};
    const uint8_t *c = inv ? bw : fw;
    for (int col = 0; col < 4; col++) {
        uint8_t in[4], *o = s + 4 * col;
        memcpy(in, o, 4);
        for (int r = 0; r < 4; r++)
            o[r] = aes_mul(in[0], c[(4 - r) & 3]) ^ aes_mul(in[1], c[(5 - r) & 3]) ^
                   aes_mul(in[2], c[(6 - r) & 3]) ^ aes_mul(in[3], c[(7 - r) & 3]);
    }
}

static void neon_aes(int op, uint8_t *d, const uint8_t *m)
{
    uint8_t t[16];
    if (op >= 2) { /* AESMC / AESIMC */
        memcpy(d, m, 16);
        aes_mix(d, op == 3);
        return;
    }
    for (int i = 0; i < 16; i++)
        t[i] = d[i] ^ m[i];
    for (int i = 0; i < 16; i++) {
        /* byte i = row i%4, column i/4; ShiftRows moves row r left by r */
        int r = i & 3, c = i >> 2;
        if (op == 0) /* AESE: ShiftRows then SubBytes */
            d[i] = sbox_tab[t[r + 4 * ((c + r) & 3)]];
        else         /* AESD: InvShiftRows then InvSubBytes */
            d[i] = inv_sbox_tab[t[r + 4 * ((c - r) & 3)]];
    }
}

static uint32_t rol32(uint32_t x, int n)
{
    return (x << n) | (x >> ((32 - n) & 31));
}
static uint32_t ror32(uint32_t x, int n)
{
    return (x >> n) | (x << ((32 - n) & 31));
}

static void sha1_op(int op, uint32_t *x, uint32_t y, const uint32_t *w)
{
    for (int e = 0; e < 4; e++) {
        uint32_t t;
        if (op == 0)
            t = (x[1] & x[2]) | (~x[1] & x[3]);
        else if (op == 1)
            t = x[1] ^ x[2] ^ x[3];
        else
            t = (x[1] & x[2]) | (x[1] & x[3]) | (x[2] & x[3]);
        y = y + rol32(x[0], 5) + t + w[e];
        x[1] = rol32(x[1], 30);
        uint32_t top = x[3];
        x[3] = x[2];
        x[2] = x[1];
        x[1] = x[0];
        x[0] = y;
        y = top;
    }
}

static void sha256_hash(uint32_t *x, uint32_t *y, const uint32_t *w)
{
    for (int e = 0; e < 4; e++) {
        uint32_t chs = (y[0] & y[1]) | (~y[0] & y[2]);
        uint32_t maj = (x[0] & x[1]) | (x[0] & x[2]) | (x[1] & x[2]);
        uint32_t s1 = ror32(y[0], 6) ^ ror32(y[0], 11) ^ ror32(y[0], 25);
        uint32_t s0 = ror32(x[0], 2) ^ ror32(x[0], 13) ^ ror32(x[0], 22);
        uint32_t t1 = y[3] + s1 + chs + w[e];
        x[3] = t1 + x[3];
        y[3] = t1 + s0 + maj;
        /* ROL(Y:X, 32) */
        uint32_t xt = x[3], yt = y[3];
        memmove(x + 1, x, 12);
        memmove(y + 1, y, 12);
        x[0] = yt;
        y[0] = xt;
    }
}

int neon_crypto_op(uint32_t insn)
{
    int rd = NEON_VD(insn), rn = NEON_VN(insn), rm = NEON_VM(insn);
    bool three = !(insn & (1u << 23));
    int op;
    if (three) {
        op = NEON_SIZE(insn) | (NEON_U(insn) << 2); /* 0..3 SHA1, 4..6 SHA256 */
        if (op == 7 || !NEON_Q(insn) || ((rd | rn | rm) & 1))
            return -1;
    } else {
        int a = (insn >> 16) & 3, size = (insn >> 18) & 3, bq = (insn >> 6) & 31;
        if (a == 0) {
            op = 8 + (bq & 3); /* AESE AESD AESMC AESIMC */
            if (size != 0)
                return -1;
        } else {
            op = a == 1 ? 12 : 13 + (bq & 1); /* SHA1H, SHA1SU1, SHA256SU0 */
            if (size != 2)
                return -1;
        }
        if ((rd | rm) & 1)
            return -1;
    }
    return op;
}

bool neon_exec_crypto(ArmState *env, uint32_t insn)
{
    int rd = NEON_VD(insn), rn = NEON_VN(insn), rm = NEON_VM(insn);
    int op = neon_crypto_op(insn);
    if (op < 0)
        return false;
    if (!env)
        return true;
    uint32_t d[4], n[4], m[4], r[4];
    neon_read(env, rd, 2, (uint8_t *)d);
    neon_read(env, rn, 2, (uint8_t *)n);
    neon_read(env, rm, 2, (uint8_t *)m);
    memcpy(r, d, 16);
    switch (op) {
    case 0: case 1: case 2: /* SHA1C SHA1P SHA1M */
        sha1_op(op, r, n[0], m);
        break;
    case 3: /* SHA1SU0 */
        r[0] = d[2] ^ d[0] ^ m[0];
        r[1] = d[3] ^ d[1] ^ m[1];
        r[2] = n[0] ^ d[2] ^ m[2];
        r[3] = n[1] ^ d[3] ^ m[3];
        break;
    case 4: case 5: { /* SHA256H (result X) / SHA256H2 (result Y) */
        uint32_t x[4], y[4];
        memcpy(x, op == 4 ? d : n, 16);
        memcpy(y, op == 4 ? n : d, 16);
        sha256_hash(x, y, m);
        memcpy(r, op == 4 ? x : y, 16);
        break;
    }
    case 6: { /* SHA256SU1 */
        uint32_t t0[4] = {n[1], n[2], n[3], m[0]};
        for (int e = 0; e < 4; e++) {
            uint32_t elt = e < 2 ? m[e + 2] : r[e - 2];
            elt = ror32(elt, 17) ^ ror32(elt, 19) ^ (elt >> 10);
            r[e] = elt + d[e] + t0[e];
        }
        break;
    }
    case 8: case 9: case 10: case 11:
        neon_aes(op - 8, (uint8_t *)r, (const uint8_t *)m);
        break;
    case 12: /* SHA1H */
        r[0] = rol32(m[0], 30);
        r[1] = r[2] = r[3] = 0;
        break;
    case 13: { /* SHA1SU1 */
        uint32_t t[4] = {d[0] ^ m[1], d[1] ^ m[2], d[2] ^ m[3], d[3]};
        r[0] = rol32(t[0], 1);
        r[1] = rol32(t[1], 1);
        r[2] = rol32(t[2], 1);
        r[3] = rol32(t[3], 1) ^ rol32(t[0], 2);
        break;
    }
    default: { /* SHA256SU0 */
        uint32_t t[4] = {d[1], d[2], d[3], m[0]};
        for (int e = 0; e < 4; e++) {
            uint32_t elt = t[e];
            r[e] = (ror32(elt, 7) ^ ror32(elt, 18) ^ (elt >> 3)) + d[e];
        }
        break;
    }
    }
    neon_write(env, rd, 2, (uint8_t *)r);
    return true;
}
