/*
 * cpu/aarch64/simd-fp.c - the floating-point forms of the AdvSIMD groups
 * (vector and AdvSIMD scalar, single and double precision): three same,
 * pairwise, two-register misc (rounding, conversions, estimates,
 * compares against zero), across lanes, fixed-point conversions by
 * immediate and the by-element multiplies.
 *
 * All lane semantics (NaN propagation, FPCR.DN/FZ/RMode, cumulative FPSR
 * flags, saturation of conversions) come from the element API of
 * cpu/fp-ops.h; this file only decides which lanes go where.
 * FPG(fn, x) picks fp32_fn or fp64_fn by the type of the lane x, so each
 * loop is written once.  sz (bit 22) selects double; vector forms with
 * sz=1 need Q=1.  Half-precision (FP16) encodings have no rows.
 */
#include "cpu/fp-fast.h"
#include "cpu/aarch64/fp-env.h"
#include "cpu/aarch64/simd-internal.h"
#include "cpu/aarch64/simd-vop.h"

#define FPG(fn, x)                                                            \
    _Generic((x), uint32_t: fp32_##fn, uint64_t: fp64_##fn)

/* FPF: the same for the operations with an inline fast path (fp-fast.h). */
#define FPF(fn, x)                                                            \
    _Generic((x), uint32_t: fpf32_##fn, uint64_t: fpf64_##fn)

#define FP_SZ(i) ((int)(((i) >> 22) & 1))

#define FP_PROLOGUE                                                           \
    A64State *env = env_;                                                     \
    uint32_t insn = (uint32_t)insn_;                                          \
    int sz = FP_SZ(insn);                                                     \
    int bytes = simd_bytes(insn, 2 + sz);                                     \
    A64Vreg vn = env->v[SIMD_RN(insn)], vm = env->v[SIMD_RM(insn)];           \
    A64Vreg vd = env->v[SIMD_RD(insn)], r = {.q = 0};                         \
    (void)a_; (void)b_; (void)c_; (void)vm; (void)vd

#define FP_LANES(T, FIELD, EXPR)                                              \
    do {                                                                      \
        enum { EB = (int)sizeof(T) * 8 };                                     \
        for (int i = 0; i < bytes / (int)sizeof(T); i++) {                    \
            T a = vn.FIELD[i], b = vm.FIELD[i], d = vd.FIELD[i];              \
            (void)a; (void)b; (void)d;                                        \
            r.FIELD[i] = (T)(EXPR);                                           \
        }                                                                     \
    } while (0)

/* A lane-wise helper: EXPR over a, b, d (lanes of Vn, Vm, old Vd). */
#define FP_HELPER(name, EXPR)                                                 \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        FP_PROLOGUE;                                                          \
        if (sz)                                                               \
            FP_LANES(uint64_t, d, EXPR);                                      \
        else                                                                  \
            FP_LANES(uint32_t, s, EXPR);                                      \
        simd_set(env, SIMD_RD(insn), &r, bytes);                              \
        return 0;                                                             \
    }

/* ---- three same ---- */
FP_HELPER(h_fadd, FPF(add, a)(A64_FPST(env), a, b))
FP_HELPER(h_fsub, FPF(sub, a)(A64_FPST(env), a, b))
FP_HELPER(h_fmul, FPF(mul, a)(A64_FPST(env), a, b))
FP_HELPER(h_fdiv, FPF(div, a)(A64_FPST(env), a, b))
FP_HELPER(h_fmulx, FPG(mulx, a)(A64_FPST(env), a, b))
FP_HELPER(h_fmax, FPG(max, a)(A64_FPST(env), a, b))
FP_HELPER(h_fmin, FPG(min, a)(A64_FPST(env), a, b))
FP_HELPER(h_fmaxnm, FPG(maxnm, a)(A64_FPST(env), a, b))
FP_HELPER(h_fminnm, FPG(minnm, a)(A64_FPST(env), a, b))
FP_HELPER(h_fmla, FPF(muladd, a)(A64_FPST(env), d, a, b))
FP_HELPER(h_fmls, FPF(muladd, a)(A64_FPST(env), d, FPG(neg, a)(a), b))
FP_HELPER(h_fabd, FPG(abs, a)(FPF(sub, a)(A64_FPST(env), a, b)))
FP_HELPER(h_fcmeq, FPF(cmeq, a)(A64_FPST(env), a, b))
FP_HELPER(h_fcmge, FPF(cmge, a)(A64_FPST(env), a, b))
FP_HELPER(h_fcmgt, FPF(cmgt, a)(A64_FPST(env), a, b))
FP_HELPER(h_facge, FPF(cmge, a)(A64_FPST(env), FPG(abs, a)(a), FPG(abs, a)(b)))
FP_HELPER(h_facgt, FPF(cmgt, a)(A64_FPST(env), FPG(abs, a)(a), FPG(abs, a)(b)))
FP_HELPER(h_frecps, FPG(recps, a)(A64_FPST(env), a, b))
FP_HELPER(h_frsqrts, FPG(rsqrts, a)(A64_FPST(env), a, b))

static inline uint32_t fp32_add_fast(const FPStatus *fs, uint32_t a, uint32_t b) { return fpf32_add(fs, a, b); }
static inline uint64_t fp64_add_fast(const FPStatus *fs, uint64_t a, uint64_t b) { return fpf64_add(fs, a, b); }

/* Pairwise: lanes 2i and 2i+1 of the concatenation Vm:Vn. */
#define FP_PAIR(T, FIELD, EXPR)                                               \
    do {                                                                      \
        T cat[32 / sizeof(T)];                                                \
        memcpy(cat, vn.b, (size_t)bytes);                                     \
        memcpy((uint8_t *)cat + bytes, vm.b, (size_t)bytes);                  \
        for (int i = 0; i < bytes / (int)sizeof(T); i++) {                    \
            T a = cat[2 * i], b = cat[2 * i + 1];                             \
            r.FIELD[i] = (EXPR);                                              \
        }                                                                     \
    } while (0)

#define FP_HELPER_PAIR(name, FN)                                              \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        FP_PROLOGUE;                                                          \
        if (sz)                                                               \
            FP_PAIR(uint64_t, d, fp64_##FN(A64_FPST(env), a, b));                       \
        else                                                                  \
            FP_PAIR(uint32_t, s, fp32_##FN(A64_FPST(env), a, b));                       \
        simd_set(env, SIMD_RD(insn), &r, bytes);                              \
        return 0;                                                             \
    }

FP_HELPER_PAIR(h_faddp, add_fast)
FP_HELPER_PAIR(h_fmaxp, max)
FP_HELPER_PAIR(h_fminp, min)
FP_HELPER_PAIR(h_fmaxnmp, maxnm)
FP_HELPER_PAIR(h_fminnmp, minnm)

/* ---- two-register misc ---- */
FP_HELPER(h_fabs, FPG(abs, a)(a))
FP_HELPER(h_fneg, FPG(neg, a)(a))
FP_HELPER(h_fsqrt, FPF(sqrt, a)(A64_FPST(env), a))
FP_HELPER(h_frintn, FPG(roundint, a)(A64_FPST(env), a, FPR_TIEEVEN, false))
FP_HELPER(h_frintm, FPG(roundint, a)(A64_FPST(env), a, FPR_NEGINF, false))
FP_HELPER(h_frintp, FPG(roundint, a)(A64_FPST(env), a, FPR_POSINF, false))
FP_HELPER(h_frintz, FPG(roundint, a)(A64_FPST(env), a, FPR_ZERO, false))
FP_HELPER(h_frinta, FPG(roundint, a)(A64_FPST(env), a, FPR_TIEAWAY, false))
FP_HELPER(h_frintx, FPG(roundint, a)(A64_FPST(env), a, fp_rmode(A64_FPST(env)), true))
FP_HELPER(h_frinti, FPG(roundint, a)(A64_FPST(env), a, fp_rmode(A64_FPST(env)), false))
FP_HELPER(h_fcvtns, FPG(to_fixed, a)(A64_FPST(env), a, 0, false, FPR_TIEEVEN, EB))
FP_HELPER(h_fcvtms, FPG(to_fixed, a)(A64_FPST(env), a, 0, false, FPR_NEGINF, EB))
FP_HELPER(h_fcvtps, FPG(to_fixed, a)(A64_FPST(env), a, 0, false, FPR_POSINF, EB))
FP_HELPER(h_fcvtzs, FPF(to_fixed, a)(A64_FPST(env), a, 0, false, FPR_ZERO, EB))
FP_HELPER(h_fcvtas, FPG(to_fixed, a)(A64_FPST(env), a, 0, false, FPR_TIEAWAY, EB))
FP_HELPER(h_fcvtnu, FPG(to_fixed, a)(A64_FPST(env), a, 0, true, FPR_TIEEVEN, EB))
FP_HELPER(h_fcvtmu, FPG(to_fixed, a)(A64_FPST(env), a, 0, true, FPR_NEGINF, EB))
FP_HELPER(h_fcvtpu, FPG(to_fixed, a)(A64_FPST(env), a, 0, true, FPR_POSINF, EB))
FP_HELPER(h_fcvtzu, FPF(to_fixed, a)(A64_FPST(env), a, 0, true, FPR_ZERO, EB))
FP_HELPER(h_fcvtau, FPG(to_fixed, a)(A64_FPST(env), a, 0, true, FPR_TIEAWAY, EB))
FP_HELPER(h_scvtf, FPF(from_fixed, a)(A64_FPST(env), a, 0, false, fp_rmode(A64_FPST(env)), EB))
FP_HELPER(h_ucvtf, FPF(from_fixed, a)(A64_FPST(env), a, 0, true, fp_rmode(A64_FPST(env)), EB))
FP_HELPER(h_frecpe, FPG(recpe, a)(A64_FPST(env), a))
FP_HELPER(h_frsqrte, FPG(rsqrte, a)(A64_FPST(env), a))
FP_HELPER(h_frecpx, FPG(recpx, a)(A64_FPST(env), a))
FP_HELPER(h_urecpe, fp_urecpe32((uint32_t)a))
FP_HELPER(h_ursqrte, fp_ursqrte32((uint32_t)a))
/* Compares against +0.0; the "less" forms swap the operands. */
FP_HELPER(h_fcmgt0, FPF(cmgt, a)(A64_FPST(env), a, 0))
FP_HELPER(h_fcmge0, FPF(cmge, a)(A64_FPST(env), a, 0))
FP_HELPER(h_fcmeq0, FPF(cmeq, a)(A64_FPST(env), a, 0))
FP_HELPER(h_fcmlt0, FPF(cmgt, a)(A64_FPST(env), 0, a))
FP_HELPER(h_fcmle0, FPF(cmge, a)(A64_FPST(env), 0, a))

/* FCVTN/FCVTN2 (single->half, double->single) and FCVTXN (double ->
 * single, round to odd): narrow into the low or (Q=1) high half. */
static uint64_t fcvt_narrow(A64State *env, uint32_t insn, bool xn)
{
    const A64Vreg vn = env->v[SIMD_RN(insn)];
    int sz = FP_SZ(insn), esize = sz ? 4 : 2;
    int n = SIMD_SCALAR(insn) ? 1 : 8 / esize;
    uint64_t res[4];
    for (int i = 0; i < n; i++) {
        if (xn)
            res[i] = fp64_to_fp32_rnd(A64_FPST(env), vn.d[i], FPR_ODD);
        else
            res[i] = sz ? fpf64_to_fp32(A64_FPST(env), vn.d[i]) : fp32_to_fp16(A64_FPST(env), vn.s[i]);
    }
    simd_write_narrow(env, insn, res, esize, n);
    return 0;
}

SIMD_HELPER(h_fcvtn) { return fcvt_narrow(env_, (uint32_t)insn_, false); }
SIMD_HELPER(h_fcvtxn) { return fcvt_narrow(env_, (uint32_t)insn_, true); }

/* FCVTL/FCVTL2: widen the low or (Q=1) high half. */
SIMD_HELPER(h_fcvtl)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    const A64Vreg vn = env->v[SIMD_RN(insn)];
    int half = SIMD_Q(insn);
    A64Vreg r;
    if (FP_SZ(insn)) {
        for (int i = 0; i < 2; i++)
            r.d[i] = fpf32_to_fp64(A64_FPST(env), vn.s[2 * half + i]);
    } else {
        for (int i = 0; i < 4; i++)
            r.s[i] = fp16_to_fp32(A64_FPST(env), vn.h[4 * half + i]);
    }
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

/* ---- across lanes (4S) and scalar pairwise ---- */

/* Reduce() of the Arm ARM: halves combined recursively, so 4 lanes are
 * op(op(e0, e1), op(e2, e3)) - which decides which NaN comes out. */
#define FP_REDUCE_HELPER(name, FN)                                            \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        A64State *env = env_;                                                 \
        uint32_t insn = (uint32_t)insn_;                                      \
        const A64Vreg vn = env->v[SIMD_RN(insn)];                             \
        A64Vreg r = {.q = 0};                                                 \
        r.s[0] = fp32_##FN(A64_FPST(env), fp32_##FN(A64_FPST(env), vn.s[0], vn.s[1]),             \
                           fp32_##FN(A64_FPST(env), vn.s[2], vn.s[3]));                 \
        env->v[SIMD_RD(insn)] = r;                                            \
        return 0;                                                             \
    }

FP_REDUCE_HELPER(h_fmaxv, max)
FP_REDUCE_HELPER(h_fminv, min)
FP_REDUCE_HELPER(h_fmaxnmv, maxnm)
FP_REDUCE_HELPER(h_fminnmv, minnm)

#define FP_SPAIR_HELPER(name, FN)                                             \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        A64State *env = env_;                                                 \
        uint32_t insn = (uint32_t)insn_;                                      \
        const A64Vreg vn = env->v[SIMD_RN(insn)];                             \
        A64Vreg r = {.q = 0};                                                 \
        if (FP_SZ(insn))                                                      \
            r.d[0] = fp64_##FN(A64_FPST(env), vn.d[0], vn.d[1]);                        \
        else                                                                  \
            r.s[0] = fp32_##FN(A64_FPST(env), vn.s[0], vn.s[1]);                        \
        env->v[SIMD_RD(insn)] = r;                                            \
        return 0;                                                             \
    }

FP_SPAIR_HELPER(h_faddp_s, add_fast)
FP_SPAIR_HELPER(h_fmaxp_s, max)
FP_SPAIR_HELPER(h_fminp_s, min)
FP_SPAIR_HELPER(h_fmaxnmp_s, maxnm)
FP_SPAIR_HELPER(h_fminnmp_s, minnm)

/* ---- fixed-point conversions (shift by immediate group) ----
 * immh 01xx: single, 1xxx: double; fbits = 2*esize - immh:immb. */
#define FIX_HELPER(name, EXPR)                                                \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        A64State *env = env_;                                                 \
        uint32_t insn = (uint32_t)insn_;                                      \
        int sz = (insn >> 22) & 1, esize = sz ? 64 : 32;                      \
        int fbits = 2 * esize - (int)((insn >> 16) & 127);                    \
        int bytes = simd_bytes(insn, 2 + sz);                                 \
        A64Vreg vn = env->v[SIMD_RN(insn)], vm = vn, vd = vn, r = {.q = 0};   \
        if (sz)                                                               \
            FP_LANES(uint64_t, d, EXPR);                                      \
        else                                                                  \
            FP_LANES(uint32_t, s, EXPR);                                      \
        simd_set(env, SIMD_RD(insn), &r, bytes);                              \
        return 0;                                                             \
    }

FIX_HELPER(h_scvtf_fix, FPG(from_fixed, a)(A64_FPST(env), a, fbits, false, fp_rmode(A64_FPST(env)), EB))
FIX_HELPER(h_ucvtf_fix, FPG(from_fixed, a)(A64_FPST(env), a, fbits, true, fp_rmode(A64_FPST(env)), EB))
FIX_HELPER(h_fcvtzs_fix, FPG(to_fixed, a)(A64_FPST(env), a, fbits, false, FPR_ZERO, EB))
FIX_HELPER(h_fcvtzu_fix, FPG(to_fixed, a)(A64_FPST(env), a, fbits, true, FPR_ZERO, EB))

/* ---- by element ---- */
#define FP_ELEM_HELPER(name, EXPR)                                            \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        FP_PROLOGUE;                                                          \
        int idx = sz ? (int)((insn >> 11) & 1) : simd_elt_index(insn, 2);           \
        uint64_t e64 = vm.d[idx & 1];                                         \
        uint32_t e32 = vm.s[idx & 3];                                         \
        if (sz)                                                               \
            FP_LANES(uint64_t, d, EXPR(e64));                                 \
        else                                                                  \
            FP_LANES(uint32_t, s, EXPR(e32));                                 \
        simd_set(env, SIMD_RD(insn), &r, bytes);                              \
        return 0;                                                             \
    }

#define E_FMLA(e) FPF(muladd, a)(A64_FPST(env), d, a, e)
#define E_FMLS(e) FPF(muladd, a)(A64_FPST(env), d, FPG(neg, a)(a), e)
#define E_FMUL(e) FPF(mul, a)(A64_FPST(env), a, e)
#define E_FMULX(e) FPG(mulx, a)(A64_FPST(env), a, e)
FP_ELEM_HELPER(h_fmla_e, E_FMLA)
FP_ELEM_HELPER(h_fmls_e, E_FMLS)
FP_ELEM_HELPER(h_fmul_e, E_FMUL)
FP_ELEM_HELPER(h_fmulx_e, E_FMULX)

/* ---- rows ---- */
/* Vector rows the back end may inline: element size S or D by sz. */
#define FP_VROW(NAME, FN, K)                                                  \
    bool a64_trans_##NAME(A64Ctx *s, const A64Fields *f)                      \
    {                                                                         \
        if (!(!F('z') || F('Q')))                                             \
            return false;                                                     \
        a64_vop3(s, K, 2 + FP_SZ(s->insn), (void *)(FN));                     \
        return true;                                                          \
    }
#define VEC (!F('z') || F('Q')) /* 2D needs Q=1 */

FP_VROW(FADD_v, h_fadd, IR_V_FADD)
FP_VROW(FSUB_v, h_fsub, IR_V_FSUB)
FP_VROW(FMUL_v, h_fmul, IR_V_FMUL)
FP_VROW(FDIV_v, h_fdiv, IR_V_FDIV)
SIMD_ROW(FMULX_v, h_fmulx, VEC)
SIMD_ROW(FMAX_v, h_fmax, VEC)
SIMD_ROW(FMIN_v, h_fmin, VEC)
SIMD_ROW(FMAXNM_v, h_fmaxnm, VEC)
SIMD_ROW(FMINNM_v, h_fminnm, VEC)
FP_VROW(FMLA_v, h_fmla, IR_V_FMLA)
FP_VROW(FMLS_v, h_fmls, IR_V_FMLS)
SIMD_ROW(FABD_v, h_fabd, VEC)
FP_VROW(FCMEQ_v, h_fcmeq, IR_V_FCMEQ)
FP_VROW(FCMGE_v, h_fcmge, IR_V_FCMGE)
FP_VROW(FCMGT_v, h_fcmgt, IR_V_FCMGT)
SIMD_ROW(FACGE_v, h_facge, VEC)
SIMD_ROW(FACGT_v, h_facgt, VEC)
SIMD_ROW(FRECPS_v, h_frecps, VEC)
SIMD_ROW(FRSQRTS_v, h_frsqrts, VEC)
SIMD_ROW(FADDP_v, h_faddp, VEC)
SIMD_ROW(FMAXP_v, h_fmaxp, VEC)
SIMD_ROW(FMINP_v, h_fminp, VEC)
SIMD_ROW(FMAXNMP_v, h_fmaxnmp, VEC)
SIMD_ROW(FMINNMP_v, h_fminnmp, VEC)

SIMD_ROW(FMULX_vs, h_fmulx, true)
SIMD_ROW(FCMEQ_vs, h_fcmeq, true)
SIMD_ROW(FCMGE_vs, h_fcmge, true)
SIMD_ROW(FCMGT_vs, h_fcmgt, true)
SIMD_ROW(FACGE_vs, h_facge, true)
SIMD_ROW(FACGT_vs, h_facgt, true)
SIMD_ROW(FABD_vs, h_fabd, true)
SIMD_ROW(FRECPS_vs, h_frecps, true)
SIMD_ROW(FRSQRTS_vs, h_frsqrts, true)

SIMD_ROW(FABS_v, h_fabs, VEC)
SIMD_ROW(FNEG_v, h_fneg, VEC)
SIMD_ROW(FSQRT_v, h_fsqrt, VEC)
SIMD_ROW(FRINTN_v, h_frintn, VEC)
SIMD_ROW(FRINTM_v, h_frintm, VEC)
SIMD_ROW(FRINTP_v, h_frintp, VEC)
SIMD_ROW(FRINTZ_v, h_frintz, VEC)
SIMD_ROW(FRINTA_v, h_frinta, VEC)
SIMD_ROW(FRINTX_v, h_frintx, VEC)
SIMD_ROW(FRINTI_v, h_frinti, VEC)
SIMD_ROW(FCVTNS_v, h_fcvtns, VEC)
SIMD_ROW(FCVTMS_v, h_fcvtms, VEC)
SIMD_ROW(FCVTPS_v, h_fcvtps, VEC)
SIMD_ROW(FCVTZS_v, h_fcvtzs, VEC)
SIMD_ROW(FCVTAS_v, h_fcvtas, VEC)
SIMD_ROW(FCVTNU_v, h_fcvtnu, VEC)
SIMD_ROW(FCVTMU_v, h_fcvtmu, VEC)
SIMD_ROW(FCVTPU_v, h_fcvtpu, VEC)
SIMD_ROW(FCVTZU_v, h_fcvtzu, VEC)
SIMD_ROW(FCVTAU_v, h_fcvtau, VEC)
SIMD_ROW(SCVTF_v, h_scvtf, VEC)
SIMD_ROW(UCVTF_v, h_ucvtf, VEC)
SIMD_ROW(FRECPE_v, h_frecpe, VEC)
SIMD_ROW(FRSQRTE_v, h_frsqrte, VEC)
SIMD_ROW(URECPE_v, h_urecpe, !F('z'))
SIMD_ROW(URSQRTE_v, h_ursqrte, !F('z'))
SIMD_ROW(FCMGT0_v, h_fcmgt0, VEC)
SIMD_ROW(FCMGE0_v, h_fcmge0, VEC)
SIMD_ROW(FCMEQ0_v, h_fcmeq0, VEC)
SIMD_ROW(FCMLT0_v, h_fcmlt0, VEC)
SIMD_ROW(FCMLE0_v, h_fcmle0, VEC)
SIMD_ROW(FCVTN_v, h_fcvtn, true)
SIMD_ROW(FCVTXN_v, h_fcvtxn, F('z'))
SIMD_ROW(FCVTL_v, h_fcvtl, true)

SIMD_ROW(FCVTNS_vs, h_fcvtns, true)
SIMD_ROW(FCVTMS_vs, h_fcvtms, true)
SIMD_ROW(FCVTPS_vs, h_fcvtps, true)
SIMD_ROW(FCVTZS_vs, h_fcvtzs, true)
SIMD_ROW(FCVTAS_vs, h_fcvtas, true)
SIMD_ROW(FCVTNU_vs, h_fcvtnu, true)
SIMD_ROW(FCVTMU_vs, h_fcvtmu, true)
SIMD_ROW(FCVTPU_vs, h_fcvtpu, true)
SIMD_ROW(FCVTZU_vs, h_fcvtzu, true)
SIMD_ROW(FCVTAU_vs, h_fcvtau, true)
SIMD_ROW(SCVTF_vs, h_scvtf, true)
SIMD_ROW(UCVTF_vs, h_ucvtf, true)
SIMD_ROW(FRECPE_vs, h_frecpe, true)
SIMD_ROW(FRSQRTE_vs, h_frsqrte, true)
SIMD_ROW(FRECPX_vs, h_frecpx, true)
SIMD_ROW(FCMGT0_vs, h_fcmgt0, true)
SIMD_ROW(FCMGE0_vs, h_fcmge0, true)
SIMD_ROW(FCMEQ0_vs, h_fcmeq0, true)
SIMD_ROW(FCMLT0_vs, h_fcmlt0, true)
SIMD_ROW(FCMLE0_vs, h_fcmle0, true)
SIMD_ROW(FCVTXN_vs, h_fcvtxn, F('z'))

#define ACROSS_4S (F('Q') && !F('z'))
SIMD_ROW(FMAXV_v, h_fmaxv, ACROSS_4S)
SIMD_ROW(FMINV_v, h_fminv, ACROSS_4S)
SIMD_ROW(FMAXNMV_v, h_fmaxnmv, ACROSS_4S)
SIMD_ROW(FMINNMV_v, h_fminnmv, ACROSS_4S)
SIMD_ROW(FADDP_vs, h_faddp_s, true)
SIMD_ROW(FMAXP_vs, h_fmaxp_s, true)
SIMD_ROW(FMINP_vs, h_fminp_s, true)
SIMD_ROW(FMAXNMP_vs, h_fmaxnmp_s, true)
SIMD_ROW(FMINNMP_vs, h_fminnmp_s, true)

/* Fixed point: immh 001x is half precision (not implemented, SIGILL
 * logged as unimplemented), 0001 and 0000 unallocated. */
static bool fix_row(A64Ctx *s, const A64Fields *f, void *fn, bool vec)
{
    unsigned h = F('h');
    if (h < 2)
        return false;
    if (h < 4)
        return a64_undef(s, true);
    if (vec && h >= 8 && !F('Q'))
        return false;
    a64_call_insn_v(s, fn, 0, 0, 0);
    return true;
}

bool a64_trans_SCVTF_fix_v(A64Ctx *s, const A64Fields *f) { return fix_row(s, f, h_scvtf_fix, true); }
bool a64_trans_UCVTF_fix_v(A64Ctx *s, const A64Fields *f) { return fix_row(s, f, h_ucvtf_fix, true); }
bool a64_trans_FCVTZS_fix_v(A64Ctx *s, const A64Fields *f) { return fix_row(s, f, h_fcvtzs_fix, true); }
bool a64_trans_FCVTZU_fix_v(A64Ctx *s, const A64Fields *f) { return fix_row(s, f, h_fcvtzu_fix, true); }
bool a64_trans_SCVTF_fix_vs(A64Ctx *s, const A64Fields *f) { return fix_row(s, f, h_scvtf_fix, false); }
bool a64_trans_UCVTF_fix_vs(A64Ctx *s, const A64Fields *f) { return fix_row(s, f, h_ucvtf_fix, false); }
bool a64_trans_FCVTZS_fix_vs(A64Ctx *s, const A64Fields *f) { return fix_row(s, f, h_fcvtzs_fix, false); }
bool a64_trans_FCVTZU_fix_vs(A64Ctx *s, const A64Fields *f) { return fix_row(s, f, h_fcvtzu_fix, false); }

/* By element: sz=1 takes the index from H alone (L must be 0). */
#define ELEM_VEC (!(F('z') && F('L')) && (!F('z') || F('Q')))
#define ELEM_SC (!(F('z') && F('L')))
SIMD_ROW(FMLA_ve, h_fmla_e, ELEM_VEC)
SIMD_ROW(FMLS_ve, h_fmls_e, ELEM_VEC)
SIMD_ROW(FMUL_ve, h_fmul_e, ELEM_VEC)
SIMD_ROW(FMULX_ve, h_fmulx_e, ELEM_VEC)
SIMD_ROW(FMLA_vse, h_fmla_e, ELEM_SC)
SIMD_ROW(FMLS_vse, h_fmls_e, ELEM_SC)
SIMD_ROW(FMUL_vse, h_fmul_e, ELEM_SC)
SIMD_ROW(FMULX_vse, h_fmulx_e, ELEM_SC)
