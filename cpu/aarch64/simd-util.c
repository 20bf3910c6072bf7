/*
 * cpu/aarch64/simd-util.c - helpers shared by several AdvSIMD groups:
 * narrowing with the Arm ARM saturation rules (SignedSatQ /
 * UnsignedSatQ, which set FPSR.QC) and the write-back rule of narrowing
 * instructions (the "2" variants fill the upper half and keep the low).
 */
#include "cpu/aarch64/simd-internal.h"

uint64_t simd_narrow(A64State *env, __int128 x, int kind, int eb)
{
    uint64_t mask = eb == 64 ? ~(uint64_t)0 : ((uint64_t)1 << eb) - 1;
    switch (kind) {
    case SIMD_NARROW_SS:
        return (uint64_t)simd_sat_s(env, x, eb) & mask;
    case SIMD_NARROW_UU:
    case SIMD_NARROW_SU:
        return simd_sat_u(env, x, eb);
    default:
        return (uint64_t)x & mask;
    }
}

void simd_write_narrow(A64State *env, uint32_t insn, const uint64_t *res,
                       int esize, int n)
{
    int rd = SIMD_RD(insn);
    if (SIMD_SCALAR(insn)) {
        A64Vreg r = {.q = 0};
        simd_set_elt(&r, 0, esize, res[0]);
        env->v[rd] = r;
        return;
    }
    A64Vreg r = env->v[rd];
    int base = SIMD_Q(insn) ? 8 / esize : 0;
    if (!SIMD_Q(insn))
        r.d[1] = 0;
    for (int i = 0; i < n; i++)
        simd_set_elt(&r, base + i, esize, res[i]);
    env->v[rd] = r;
}
