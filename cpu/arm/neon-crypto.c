/*
 * cpu/arm/neon-crypto.c - the ARMv8 AArch32 Cryptographic Extension on Q
 * registers: AESE AESD AESMC AESIMC and SHA1H SHA1SU1 SHA256SU0 (in the
 * two-misc space), SHA1C SHA1P SHA1M SHA1SU0 SHA256H SHA256H2 SHA256SU1
 * (in the three-same space, opc 1100 B=0).  VMULL.P64 is in neon-3diff.c.
 *
 * The semantics are cpu/crypto.c's, shared with the A64 forms: words are
 * the 32-bit lanes of the Q registers, lane 0 least significant.  All
 * forms need even register numbers (Q operands).
 */
#include "cpu/arm/neon-internal.h"
#include "cpu/crypto.h"

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
        crypto_sha1_hash(r, n[0], m, op);
        break;
    case 3: /* SHA1SU0 */
        crypto_sha1su0(r, n, m);
        break;
    case 4: /* SHA256H: X = Qd, Y = Qn, result X */
        crypto_sha256_hash(r, n, m);
        break;
    case 5: /* SHA256H2: X = Qn, Y = Qd, result Y */
        crypto_sha256_hash(n, r, m);
        break;
    case 6: /* SHA256SU1 */
        crypto_sha256su1(r, n, m);
        break;
    case 8: case 9: /* AESE AESD */
        crypto_aes((uint8_t *)r, (const uint8_t *)m, op == 9);
        break;
    case 10: case 11: /* AESMC AESIMC */
        crypto_aes_mix((uint8_t *)r, (const uint8_t *)m, op == 11);
        break;
    case 12: /* SHA1H */
        r[0] = crypto_sha1h(m[0]);
        r[1] = r[2] = r[3] = 0;
        break;
    case 13: /* SHA1SU1 */
        crypto_sha1su1(r, m);
        break;
    default: /* SHA256SU0 */
        crypto_sha256su0(r, m);
        break;
    }
    neon_write(env, rd, 2, (uint8_t *)r);
    return true;
}
