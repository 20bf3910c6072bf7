/*
 * cpu/crypto.h - the Arm Cryptographic Extension's semantics, shared by
 * the A64 (AESE, SHA256H, PMULL, ...) and AArch32 (the same names on Q
 * registers, VMULL.P64) front ends: the C definitions that are the exact
 * meaning of the instructions, and the back end's fallback when the host
 * has no AES-NI/SHA-NI/PCLMULQDQ (or EMU_JIT_VEC=0, or the interpreter).
 *
 * Values are 128-bit registers as 16 bytes / 4 words, lane 0 least
 * significant.  The AES state has byte i at row i%4, column i/4, the
 * order of FIPS-197 and of the Arm ARM's AESShiftRows.
 */
#ifndef EMU_CPU_CRYPTO_H
#define EMU_CPU_CRYPTO_H

#include <stdbool.h>
#include <stdint.h>

/* AESE / AESD: d = SubBytes(ShiftRows(d ^ n)), or the inverses. */
void crypto_aes(uint8_t d[16], const uint8_t n[16], bool decrypt);
/* AESMC / AESIMC: d = MixColumns(n), or InvMixColumns. */
void crypto_aes_mix(uint8_t d[16], const uint8_t n[16], bool inv);

/* SHA1C / SHA1P / SHA1M (op 0, 1, 2: choose, parity, majority): four
 * rounds on x (abcd) with e and the schedule words w. */
void crypto_sha1_hash(uint32_t x[4], uint32_t e, const uint32_t w[4], int op);
/* SHA1H: Vd.s[0] = ROL(n, 30), the other words 0. */
static inline uint32_t crypto_sha1h(uint32_t n)
{
    return n << 30 | n >> 2;
}
/* SHA1SU0 / SHA1SU1: the schedule updates of d. */
void crypto_sha1su0(uint32_t d[4], const uint32_t n[4], const uint32_t m[4]);
void crypto_sha1su1(uint32_t d[4], const uint32_t n[4]);

/* SHA256hash(X, Y, W) of the Arm ARM, four rounds: both halves of the
 * state are updated; SHA256H's result is x, SHA256H2's is y. */
void crypto_sha256_hash(uint32_t x[4], uint32_t y[4], const uint32_t w[4]);
/* SHA256SU0 / SHA256SU1: the schedule updates of d. */
void crypto_sha256su0(uint32_t d[4], const uint32_t n[4]);
void crypto_sha256su1(uint32_t d[4], const uint32_t n[4], const uint32_t m[4]);

/* Carry-less multiply (PMULL, VMULL.P8/P64): the 128-bit product. */
static inline unsigned __int128 crypto_clmul64(uint64_t x, uint64_t y)
{
    unsigned __int128 r = 0;
    for (int i = 0; i < 64; i++)
        if (y >> i & 1)
            r ^= (unsigned __int128)x << i;
    return r;
}

#endif
