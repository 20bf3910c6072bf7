/*
 * cpu/aarch64/simd-shift.c - AdvSIMD (scalar) shift by immediate, integer
 * forms: SSHR/USHR, SSRA/USRA, SRSHR/URSHR, SRSRA/URSRA, SHL, SLI/SRI,
 * SQSHL/UQSHL/SQSHLU (immediate), the narrowing shifts (SHRN, RSHRN and
 * the saturating SQ/UQ[R]SHR[U]N) and SSHLL/USHLL (SXTL/UXTL).  The
 * fixed-point conversions of this group are in simd-fp.c.
 *
 * immh:immb encodes both the element size (highest set bit of immh) and
 * the shift: right shifts are 2*esize - immh:immb (1..esize), left
 * shifts immh:immb - esize (0..esize-1).  For the narrowing and widening
 * forms the size is that of the narrow elements.
 */
#include "cpu/aarch64/simd-internal.h"
#include "cpu/aarch64/simd-vop.h"

static inline int shift_size(uint32_t insn)
{
    unsigned immh = (insn >> 19) & 15;
    return 31 - __builtin_clz(immh | 1);
}

static inline int shift_imm(uint32_t insn)
{
    return (int)((insn >> 16) & 127);
}

/* Same-size forms: EXPR sees a/sa (Vn lane), d (old Vd lane), sh. */
#define SHIFT_LANES(UT, ST, EXPR)                                             \
    do {                                                                      \
        enum { EB = (int)sizeof(UT) * 8 };                                    \
        for (int i = 0; i < bytes / (int)sizeof(UT); i++) {                   \
            UT a = ((const UT *)vn.b)[i], d = ((const UT *)vd.b)[i];          \
            ST sa = (ST)a;                                                    \
            (void)a; (void)sa; (void)d;                                       \
            ((UT *)r.b)[i] = (UT)(EXPR);                                      \
        }                                                                     \
    } while (0)

#define SHIFT_HELPER(name, RIGHT, EXPR)                                       \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        A64State *env = env_;                                                 \
        uint32_t insn = (uint32_t)insn_;                                      \
        int size = shift_size(insn), esize = 8 << size;                       \
        int bytes = simd_bytes(insn, size);                                   \
        int sh = RIGHT ? 2 * esize - shift_imm(insn) : shift_imm(insn) - esize; \
        A64Vreg vn = env->v[SIMD_RN(insn)], vd = env->v[SIMD_RD(insn)];       \
        A64Vreg r = {.q = 0};                                                 \
        SIMD_FOR_SIZE(size, SHIFT_LANES, EXPR);                               \
        simd_set(env, SIMD_RD(insn), &r, bytes);                              \
        (void)env;                                                            \
        return 0;                                                             \
    }

/* Lane masks for SRI/SLI (sh may equal EB for SRI: nothing inserted). */
static inline uint64_t ones_w(int eb)
{
    return eb == 64 ? ~(uint64_t)0 : ((uint64_t)1 << eb) - 1;
}

static inline uint64_t sri(uint64_t d, uint64_t a, int sh, int eb)
{
    if (sh >= eb)
        return d;
    uint64_t m = ones_w(eb) >> sh;
    return (d & ~m) | ((a >> sh) & m);
}

static inline uint64_t sli(uint64_t d, uint64_t a, int sh, int eb)
{
    uint64_t m = (ones_w(eb) << sh) & ones_w(eb);
    return (d & ~m) | ((a << sh) & m);
}

SHIFT_HELPER(h_sshr, 1, simd_shift(sa, -sh, false, EB))
SHIFT_HELPER(h_ushr, 1, simd_shift(a, -sh, false, EB))
SHIFT_HELPER(h_srshr, 1, simd_shift(sa, -sh, true, EB))
SHIFT_HELPER(h_urshr, 1, simd_shift(a, -sh, true, EB))
SHIFT_HELPER(h_ssra, 1, d + (uint64_t)simd_shift(sa, -sh, false, EB))
SHIFT_HELPER(h_usra, 1, d + (uint64_t)simd_shift(a, -sh, false, EB))
SHIFT_HELPER(h_srsra, 1, d + (uint64_t)simd_shift(sa, -sh, true, EB))
SHIFT_HELPER(h_ursra, 1, d + (uint64_t)simd_shift(a, -sh, true, EB))
SHIFT_HELPER(h_sri, 1, sri(d, a, sh, EB))
SHIFT_HELPER(h_shl, 0, (uint64_t)a << sh)
SHIFT_HELPER(h_sli, 0, sli(d, a, sh, EB))
SHIFT_HELPER(h_sqshli, 0, simd_sat_s(env, simd_shift(sa, sh, false, EB), EB))
SHIFT_HELPER(h_uqshli, 0, simd_sat_u(env, simd_shift(a, sh, false, EB), EB))
SHIFT_HELPER(h_sqshlu, 0, simd_sat_u(env, simd_shift(sa, sh, false, EB), EB))

/* Narrowing right shifts: 2*esize-bit sources, esize-bit results. */
static uint64_t shift_narrow(A64State *env, uint32_t insn, bool sign_src,
                             bool round, int kind)
{
    int size = shift_size(insn), esize = 1 << size, eb = 8 * esize;
    int sh = 2 * eb - shift_imm(insn);
    int n = SIMD_SCALAR(insn) ? 1 : 8 / esize;
    const A64Vreg vn = env->v[SIMD_RN(insn)];
    uint64_t res[8];
    for (int i = 0; i < n; i++) {
        __int128 x = sign_src ? (__int128)simd_selt(&vn, i, 2 * esize)
                              : (__int128)simd_elt(&vn, i, 2 * esize);
        res[i] = simd_narrow(env, simd_shift(x, -sh, round, 2 * eb), kind, eb);
    }
    simd_write_narrow(env, insn, res, esize, n);
    return 0;
}

#define NARROW_HELPER(name, SIGN, ROUND, KIND)                                \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        return shift_narrow(env_, (uint32_t)insn_, SIGN, ROUND, KIND);        \
    }

NARROW_HELPER(h_shrn, false, false, SIMD_NARROW_TRUNC)
NARROW_HELPER(h_rshrn, false, true, SIMD_NARROW_TRUNC)
NARROW_HELPER(h_sqshrn, true, false, SIMD_NARROW_SS)
NARROW_HELPER(h_sqrshrn, true, true, SIMD_NARROW_SS)
NARROW_HELPER(h_uqshrn, false, false, SIMD_NARROW_UU)
NARROW_HELPER(h_uqrshrn, false, true, SIMD_NARROW_UU)
NARROW_HELPER(h_sqshrun, true, false, SIMD_NARROW_SU)
NARROW_HELPER(h_sqrshrun, true, true, SIMD_NARROW_SU)

/* SSHLL/USHLL: widen the low or (Q=1) high half, then shift left.
 * One loop per element size (constant trip count, no element switch). */
#define SHLL_LANES(NT, SNT, WT)                                               \
    do {                                                                      \
        const NT *src = (const NT *)(vn.b + (SIMD_Q(insn) ? 8 : 0));          \
        WT *dst = (WT *)r.b;                                                  \
        for (int i = 0; i < 8 / (int)sizeof(NT); i++)                         \
            dst[i] = (WT)((u ? (WT)src[i] : (WT)(SNT)src[i]) << sh);          \
    } while (0)

SIMD_HELPER(h_shll_imm)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int size = shift_size(insn), esize = 1 << size;
    int sh = shift_imm(insn) - 8 * esize;
    bool u = SIMD_U(insn);
    const A64Vreg vn = env->v[SIMD_RN(insn)];
    A64Vreg r;
    if (size == 0)
        SHLL_LANES(uint8_t, int8_t, uint16_t);
    else if (size == 1)
        SHLL_LANES(uint16_t, int16_t, uint32_t);
    else
        SHLL_LANES(uint32_t, int32_t, uint64_t);
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

/* Vector same-size forms: 64-bit elements need Q=1.  Scalar forms of
 * the plain shifts exist for D only; narrowing forms never for D.
 * immh=0000 reaches these rows only for unallocated modified-immediate
 * encodings (the allocated ones have rows with more fixed bits). */
#define V_SAME (F('h') != 0 && (F('h') < 8 || F('Q')))
#define SH_S_D (F('h') >= 8) /* scalar shifts: D only (immh 1xxx) */
#define ANY_H (F('h') != 0)
#define NARROW (F('h') != 0 && F('h') < 8)

SIMD_ROW(SSHR_v, h_sshr, V_SAME)
SIMD_ROW(USHR_v, h_ushr, V_SAME)
SIMD_ROW(SRSHR_v, h_srshr, V_SAME)
SIMD_ROW(URSHR_v, h_urshr, V_SAME)
SIMD_ROW(SSRA_v, h_ssra, V_SAME)
SIMD_ROW(USRA_v, h_usra, V_SAME)
SIMD_ROW(SRSRA_v, h_srsra, V_SAME)
SIMD_ROW(URSRA_v, h_ursra, V_SAME)
SIMD_ROW(SRI_v, h_sri, V_SAME)
SIMD_ROW(SHL_v, h_shl, V_SAME)
SIMD_ROW(SLI_v, h_sli, V_SAME)
SIMD_ROW(SQSHLI_v, h_sqshli, V_SAME)
SIMD_ROW(UQSHLI_v, h_uqshli, V_SAME)
SIMD_ROW(SQSHLU_v, h_sqshlu, V_SAME)
SIMD_ROW(SHRN_v, h_shrn, NARROW)
SIMD_ROW(RSHRN_v, h_rshrn, NARROW)
SIMD_ROW(SQSHRN_v, h_sqshrn, NARROW)
SIMD_ROW(SQRSHRN_v, h_sqrshrn, NARROW)
SIMD_ROW(UQSHRN_v, h_uqshrn, NARROW)
SIMD_ROW(UQRSHRN_v, h_uqrshrn, NARROW)
SIMD_ROW(SQSHRUN_v, h_sqshrun, NARROW)
SIMD_ROW(SQRSHRUN_v, h_sqrshrun, NARROW)
static bool shll(A64Ctx *s, const A64Fields *f)
{
    if (!NARROW)
        return false;
    uint32_t i = s->insn;
    int size = shift_size(i), sh = shift_imm(i) - (8 << size);
    a64_vop(s, SIMD_U(i) ? IR_V_USHLL : IR_V_SSHLL, size, SIMD_Q(i), false,
            SIMD_RD(i), SIMD_RN(i), 0, sh, (void *)h_shll_imm);
    return true;
}
bool a64_trans_SSHLL_v(A64Ctx *s, const A64Fields *f) { return shll(s, f); }
bool a64_trans_USHLL_v(A64Ctx *s, const A64Fields *f) { return shll(s, f); }

SIMD_ROW(SSHR_vs, h_sshr, SH_S_D)
SIMD_ROW(USHR_vs, h_ushr, SH_S_D)
SIMD_ROW(SRSHR_vs, h_srshr, SH_S_D)
SIMD_ROW(URSHR_vs, h_urshr, SH_S_D)
SIMD_ROW(SSRA_vs, h_ssra, SH_S_D)
SIMD_ROW(USRA_vs, h_usra, SH_S_D)
SIMD_ROW(SRSRA_vs, h_srsra, SH_S_D)
SIMD_ROW(URSRA_vs, h_ursra, SH_S_D)
SIMD_ROW(SRI_vs, h_sri, SH_S_D)
SIMD_ROW(SHL_vs, h_shl, SH_S_D)
SIMD_ROW(SLI_vs, h_sli, SH_S_D)
SIMD_ROW(SQSHLI_vs, h_sqshli, ANY_H)
SIMD_ROW(UQSHLI_vs, h_uqshli, ANY_H)
SIMD_ROW(SQSHLU_vs, h_sqshlu, ANY_H)
SIMD_ROW(SQSHRN_vs, h_sqshrn, NARROW)
SIMD_ROW(SQRSHRN_vs, h_sqrshrn, NARROW)
SIMD_ROW(UQSHRN_vs, h_uqshrn, NARROW)
SIMD_ROW(UQRSHRN_vs, h_uqrshrn, NARROW)
SIMD_ROW(SQSHRUN_vs, h_sqshrun, NARROW)
SIMD_ROW(SQRSHRUN_vs, h_sqrshrun, NARROW)
