/*
 * cpu/aarch64/simd-perm.c - AdvSIMD permute (ZIP1/2, UZP1/2, TRN1/2),
 * extract (EXT) and table lookup (TBL, TBX).
 *
 * Helpers work on copies of the sources, so Vd may alias any source
 * (including a TBL table register).  EXT with only a 64-bit operation
 * (Q=0) reads bytes of Vm:Vn taken as 8-byte vectors.
 */
#include "cpu/aarch64/simd-internal.h"
#include "cpu/aarch64/simd-vop.h"

/* One loop per element type (SIMD_FOR_SIZE): no element-size switch per
 * lane.  n is the number of elements of the operation. */
#define ZIP_LANES(UT, ST, X)                                                  \
    do {                                                                      \
        const UT *pn = (const UT *)vn.b, *pm = (const UT *)vm.b;              \
        UT *pr = (UT *)r.b;                                                   \
        int n = bytes / (int)sizeof(UT), base = part * n / 2;                 \
        for (int i = 0; i < n / 2; i++) {                                     \
            pr[2 * i] = pn[base + i];                                         \
            pr[2 * i + 1] = pm[base + i];                                     \
        }                                                                     \
    } while (0)

/* Even (UZP1) or odd (UZP2) elements of the concatenation Vm:Vn. */
#define UZP_LANES(UT, ST, X)                                                  \
    do {                                                                      \
        const UT *pn = (const UT *)vn.b, *pm = (const UT *)vm.b;              \
        UT *pr = (UT *)r.b;                                                   \
        int n = bytes / (int)sizeof(UT);                                      \
        for (int i = 0; i < n / 2; i++) {                                     \
            pr[i] = pn[2 * i + part];                                         \
            pr[n / 2 + i] = pm[2 * i + part];                                 \
        }                                                                     \
    } while (0)

#define TRN_LANES(UT, ST, X)                                                  \
    do {                                                                      \
        const UT *pn = (const UT *)vn.b, *pm = (const UT *)vm.b;              \
        UT *pr = (UT *)r.b;                                                   \
        int n = bytes / (int)sizeof(UT);                                      \
        for (int i = 0; i < n / 2; i++) {                                     \
            pr[2 * i] = pn[2 * i + part];                                     \
            pr[2 * i + 1] = pm[2 * i + part];                                 \
        }                                                                     \
    } while (0)

#define PERM_HELPER(name, LANES)                                              \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        SIMD_PROLOGUE;                                                        \
        int part = (insn >> 14) & 1;                                          \
        SIMD_FOR_SIZE(size, LANES, 0);                                        \
        simd_set(env, SIMD_RD(insn), &r, bytes);                              \
        return 0;                                                             \
    }

PERM_HELPER(h_zip, ZIP_LANES)
PERM_HELPER(h_uzp, UZP_LANES)
PERM_HELPER(h_trn, TRN_LANES)

/* size=11 (1D) exists only with Q=1. */
#define PERM_VALID (F('s') != 3 || F('Q'))
SIMD_ROW(ZIP1_v, h_zip, PERM_VALID)
SIMD_ROW(ZIP2_v, h_zip, PERM_VALID)
SIMD_VROW(UZP1_v, h_uzp, PERM_VALID, IR_V_UZP1)
SIMD_VROW(UZP2_v, h_uzp, PERM_VALID, IR_V_UZP2)
SIMD_ROW(TRN1_v, h_trn, PERM_VALID)
SIMD_ROW(TRN2_v, h_trn, PERM_VALID)

SIMD_HELPER(h_ext)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int bytes = SIMD_Q(insn) ? 16 : 8, pos = (insn >> 11) & 15;
    uint8_t cat[32];
    A64Vreg r = {.q = 0};
    memcpy(cat, env->v[SIMD_RN(insn)].b, (size_t)bytes);
    memcpy(cat + bytes, env->v[SIMD_RM(insn)].b, (size_t)bytes);
    memcpy(r.b, cat + pos, (size_t)bytes);
    simd_set(env, SIMD_RD(insn), &r, bytes);
    return 0;
}

SIMD_ROW(EXT_v, h_ext, F('Q') || F('j') < 8)

/* TBL/TBX: the table is len+1 consecutive registers starting at Vn
 * (wrapping from V31 to V0); out-of-range indices give 0 (TBL) or leave
 * the destination byte unchanged (TBX). */
SIMD_HELPER(h_tbl)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int bytes = SIMD_Q(insn) ? 16 : 8, len = ((insn >> 13) & 3) + 1;
    bool tbx = (insn >> 12) & 1;
    uint8_t table[64];
    for (int i = 0; i < len; i++)
        memcpy(table + 16 * i, env->v[(SIMD_RN(insn) + i) & 31].b, 16);
    A64Vreg idx = env->v[SIMD_RM(insn)], r = env->v[SIMD_RD(insn)];
    for (int i = 0; i < bytes; i++) {
        unsigned k = idx.b[i];
        if (k < 16u * (unsigned)len)
            r.b[i] = table[k];
        else if (!tbx)
            r.b[i] = 0;
    }
    simd_set(env, SIMD_RD(insn), &r, bytes);
    return 0;
}

SIMD_ROW(TBL_v, h_tbl, true)
SIMD_ROW(TBX_v, h_tbl, true)
