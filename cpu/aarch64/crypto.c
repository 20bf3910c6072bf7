/*
 * cpu/aarch64/crypto.c - the A64 crypto extension: AESE/AESD/AESMC/AESIMC
 * and SHA1C/P/M/H/SU0/SU1, SHA256H/H2/SU0/SU1 (PMULL is in simd-3diff.c).
 *
 * Each is one IR_VOP on whole Q registers, which the back end inlines
 * with AES-NI/SHA-NI where the host has them; the helpers below are its
 * exact meaning (cpu/crypto.c, shared with the AArch32 forms).
 */
#include "cpu/aarch64/simd-internal.h"
#include "cpu/aarch64/simd-vop.h"
#include "cpu/crypto.h"

SIMD_HELPER(h_aes)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    crypto_aes(env->v[SIMD_RD(insn)].b, env->v[SIMD_RN(insn)].b,
               (insn >> 12) & 1);
    return 0;
}

SIMD_HELPER(h_aesmc)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    crypto_aes_mix(env->v[SIMD_RD(insn)].b, env->v[SIMD_RN(insn)].b,
                   (insn >> 12) & 1);
    return 0;
}

/* SHA1C/SHA1P/SHA1M: opcode bits 13:12 pick choose/parity/majority. */
SIMD_HELPER(h_sha1_hash)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg x = env->v[SIMD_RD(insn)];
    crypto_sha1_hash(x.s, env->v[SIMD_RN(insn)].s[0],
                     env->v[SIMD_RM(insn)].s, (insn >> 12) & 3);
    env->v[SIMD_RD(insn)] = x;
    return 0;
}

SIMD_HELPER(h_sha1h)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg r = {.q = 0};
    r.s[0] = crypto_sha1h(env->v[SIMD_RN(insn)].s[0]);
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

SIMD_HELPER(h_sha1su0)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg d = env->v[SIMD_RD(insn)];
    crypto_sha1su0(d.s, env->v[SIMD_RN(insn)].s, env->v[SIMD_RM(insn)].s);
    env->v[SIMD_RD(insn)] = d;
    return 0;
}

SIMD_HELPER(h_sha1su1)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg d = env->v[SIMD_RD(insn)];
    crypto_sha1su1(d.s, env->v[SIMD_RN(insn)].s);
    env->v[SIMD_RD(insn)] = d;
    return 0;
}

/* SHA256H: X = Qd, Y = Qn, result X; SHA256H2: X = Qn, Y = Qd, result Y. */
SIMD_HELPER(h_sha256h)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg d = env->v[SIMD_RD(insn)], n = env->v[SIMD_RN(insn)];
    const A64Vreg w = env->v[SIMD_RM(insn)];
    if ((insn >> 12) & 1)
        crypto_sha256_hash(n.s, d.s, w.s);
    else
        crypto_sha256_hash(d.s, n.s, w.s);
    env->v[SIMD_RD(insn)] = d;
    return 0;
}

SIMD_HELPER(h_sha256su0)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg d = env->v[SIMD_RD(insn)];
    crypto_sha256su0(d.s, env->v[SIMD_RN(insn)].s);
    env->v[SIMD_RD(insn)] = d;
    return 0;
}

SIMD_HELPER(h_sha256su1)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    A64Vreg d = env->v[SIMD_RD(insn)];
    crypto_sha256su1(d.s, env->v[SIMD_RN(insn)].s, env->v[SIMD_RM(insn)].s);
    env->v[SIMD_RD(insn)] = d;
    return 0;
}

/* A crypto row: VOP kind K on whole Q registers Rd, Rn, Rm (the IR_V_AESE
 * .. IR_V_SHA256SU1 contract of tcg/ir.h is written in these operands),
 * FN its exact meaning.  Every encoding of these rows is allocated. */
#define CRYPTO_VROW(NAME, FN, K)                                              \
    bool a64_trans_##NAME(A64Ctx *s, const A64Fields *f)                      \
    {                                                                         \
        (void)f;                                                              \
        uint32_t i = s->insn;                                                 \
        a64_vop(s, K, 2, true, false, (int)(i & 31), (int)((i >> 5) & 31),    \
                (int)((i >> 16) & 31), 0, (void *)(FN));                      \
        return true;                                                          \
    }

CRYPTO_VROW(AESE, h_aes, IR_V_AESE)
CRYPTO_VROW(AESD, h_aes, IR_V_AESD)
CRYPTO_VROW(AESMC, h_aesmc, IR_V_AESMC)
CRYPTO_VROW(AESIMC, h_aesmc, IR_V_AESIMC)
CRYPTO_VROW(SHA1C, h_sha1_hash, IR_V_SHA1C)
CRYPTO_VROW(SHA1P, h_sha1_hash, IR_V_SHA1P)
CRYPTO_VROW(SHA1M, h_sha1_hash, IR_V_SHA1M)
CRYPTO_VROW(SHA1H, h_sha1h, IR_V_SHA1H)
CRYPTO_VROW(SHA1SU0, h_sha1su0, IR_V_SHA1SU0)
CRYPTO_VROW(SHA1SU1, h_sha1su1, IR_V_SHA1SU1)
CRYPTO_VROW(SHA256H, h_sha256h, IR_V_SHA256H)
CRYPTO_VROW(SHA256H2, h_sha256h, IR_V_SHA256H2)
CRYPTO_VROW(SHA256SU0, h_sha256su0, IR_V_SHA256SU0)
CRYPTO_VROW(SHA256SU1, h_sha256su1, IR_V_SHA256SU1)
