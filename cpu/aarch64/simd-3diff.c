/*
 * cpu/aarch64/simd-3diff.c - AdvSIMD three different (long, wide and
 * high-narrow forms, PMULL) and the integer AdvSIMD (scalar) x indexed
 * element group (MUL/MLA/MLS, the long multiplies, SQDMULH/SQRDMULH
 * by element).
 *
 * `size` is the narrow element size.  Vector long forms read the low
 * half of their narrow sources, or the high half for the "2" variants
 * (Q=1); scalar forms (bit 28) read element 0.  Products and sums are
 * computed in 128 bits so the saturating doubling forms (SQDMULL,
 * SQDMLAL, SQDMLSL) can saturate exactly as SignedSatQ does: first the
 * doubled product, then the accumulation.
 */
#include "cpu/aarch64/simd-internal.h"
#include "cpu/aarch64/simd-vop.h"
#include "cpu/crypto.h"

enum {
    LO_ADD, LO_SUB, LO_ADDW, LO_SUBW, LO_ABA, LO_ABD, LO_MLA, LO_MLS, LO_MUL,
    LO_SQDMLAL, LO_SQDMLSL, LO_SQDMULL
};

static inline __attribute__((always_inline)) __int128 get_narrow(const A64Vreg *v, uint32_t insn, int i, int esize,
                           bool sign)
{
    if (SIMD_SCALAR(insn))
        return sign ? simd_selt(v, 0, esize) : (__int128)simd_elt(v, 0, esize);
    return sign ? simd_half_selt(v, insn, i, esize)
                : (__int128)simd_half_elt(v, insn, i, esize);
}

/* by_elem: the Vm operand is one element of Vm (the indexed forms).
 * Inlined into each helper with constant op/sign/by_elem and, through
 * long_op's size switch, a constant element size, so the lane loop has
 * no switch left in it. */
static inline __attribute__((always_inline)) uint64_t
long_op_sz(A64State *env, uint32_t insn, int op, bool sign, bool by_elem, int size)
{
    int esize = 1 << size, web = 16 * esize;
    int n = SIMD_SCALAR(insn) ? 1 : 8 / esize;
    const A64Vreg vn = env->v[SIMD_RN(insn)], vd = env->v[SIMD_RD(insn)];
    const A64Vreg vm = env->v[by_elem ? simd_elt_rm(insn, size) : SIMD_RM(insn)];
    __int128 elem = 0;
    if (by_elem) {
        int idx = simd_elt_index(insn, size);
        elem = sign ? simd_selt(&vm, idx, esize) : (__int128)simd_elt(&vm, idx, esize);
    }
    A64Vreg r = {.q = 0};
    bool sat = op >= LO_SQDMLAL;
    for (int i = 0; i < n; i++) {
        __int128 x = get_narrow(&vn, insn, i, esize, sign);
        __int128 y = by_elem ? elem : get_narrow(&vm, insn, i, esize, sign);
        if (!sat) {
            /* modulo 2^(2*esize) <= 2^64: 64-bit arithmetic is exact */
            uint64_t x64 = (uint64_t)x, y64 = (uint64_t)y, res;
            uint64_t d = simd_elt(&vd, i, 2 * esize);
            uint64_t ad = x > y ? x64 - y64 : y64 - x64;
            switch (op) {
            case LO_ADD: res = x64 + y64; break;
            case LO_SUB: res = x64 - y64; break;
            case LO_ADDW: res = simd_elt(&vn, i, 2 * esize) + y64; break;
            case LO_SUBW: res = simd_elt(&vn, i, 2 * esize) - y64; break;
            case LO_ABA: res = d + ad; break;
            case LO_ABD: res = ad; break;
            case LO_MLA: res = d + x64 * y64; break;
            case LO_MLS: res = d - x64 * y64; break;
            default: res = x64 * y64; break; /* LO_MUL */
            }
            simd_set_elt(&r, i, 2 * esize, res);
            continue;
        }
        __int128 d = simd_selt(&vd, i, 2 * esize);
        __int128 res;
        switch (op) {
        case LO_SQDMULL: res = simd_sat_s(env, 2 * x * y, web); break;
        case LO_SQDMLAL:
            res = simd_sat_s(env, d + simd_sat_s(env, 2 * x * y, web), web);
            break;
        default: /* LO_SQDMLSL */
            res = simd_sat_s(env, d - simd_sat_s(env, 2 * x * y, web), web);
            break;
        }
        simd_set_elt(&r, i, 2 * esize, (uint64_t)res);
    }
    simd_set(env, SIMD_RD(insn), &r, SIMD_SCALAR(insn) ? 2 * esize : 16);
    return 0;
}

static inline __attribute__((always_inline)) uint64_t
long_op(A64State *env, uint32_t insn, int op, bool sign, bool by_elem)
{
    switch (SIMD_SIZE(insn)) {
    case 0: return long_op_sz(env, insn, op, sign, by_elem, 0);
    case 1: return long_op_sz(env, insn, op, sign, by_elem, 1);
    default: return long_op_sz(env, insn, op, sign, by_elem, 2);
    }
}

#define LONG_HELPER(name, OP, SIGN, ELEM)                                     \
    SIMD_HELPER(name) { return long_op(env_, (uint32_t)insn_, OP, SIGN, ELEM); }

LONG_HELPER(h_saddl, LO_ADD, true, false)
LONG_HELPER(h_uaddl, LO_ADD, false, false)
LONG_HELPER(h_ssubl, LO_SUB, true, false)
LONG_HELPER(h_usubl, LO_SUB, false, false)
LONG_HELPER(h_saddw, LO_ADDW, true, false)
LONG_HELPER(h_uaddw, LO_ADDW, false, false)
LONG_HELPER(h_ssubw, LO_SUBW, true, false)
LONG_HELPER(h_usubw, LO_SUBW, false, false)
LONG_HELPER(h_sabal, LO_ABA, true, false)
LONG_HELPER(h_uabal, LO_ABA, false, false)
LONG_HELPER(h_sabdl, LO_ABD, true, false)
LONG_HELPER(h_uabdl, LO_ABD, false, false)
LONG_HELPER(h_smlal, LO_MLA, true, false)
LONG_HELPER(h_umlal, LO_MLA, false, false)
LONG_HELPER(h_smlsl, LO_MLS, true, false)
LONG_HELPER(h_umlsl, LO_MLS, false, false)
LONG_HELPER(h_smull, LO_MUL, true, false)
LONG_HELPER(h_umull, LO_MUL, false, false)
LONG_HELPER(h_sqdmlal, LO_SQDMLAL, true, false)
LONG_HELPER(h_sqdmlsl, LO_SQDMLSL, true, false)
LONG_HELPER(h_sqdmull, LO_SQDMULL, true, false)
LONG_HELPER(h_smlal_e, LO_MLA, true, true)
LONG_HELPER(h_umlal_e, LO_MLA, false, true)
LONG_HELPER(h_smlsl_e, LO_MLS, true, true)
LONG_HELPER(h_umlsl_e, LO_MLS, false, true)
LONG_HELPER(h_smull_e, LO_MUL, true, true)
LONG_HELPER(h_umull_e, LO_MUL, false, true)
LONG_HELPER(h_sqdmlal_e, LO_SQDMLAL, true, true)
LONG_HELPER(h_sqdmlsl_e, LO_SQDMLSL, true, true)
LONG_HELPER(h_sqdmull_e, LO_SQDMULL, true, true)

/* ADDHN/SUBHN/RADDHN/RSUBHN: the high half of each wide sum/difference;
 * bit 13 selects subtraction, U (bit 29) rounding. */
SIMD_HELPER(h_addhn)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int esize = 1 << SIMD_SIZE(insn), eb = 8 * esize, n = 8 / esize;
    bool sub = (insn >> 13) & 1, round = SIMD_U(insn);
    const A64Vreg vn = env->v[SIMD_RN(insn)], vm = env->v[SIMD_RM(insn)];
    uint64_t res[8];
    for (int i = 0; i < n; i++) {
        uint64_t x = simd_elt(&vn, i, 2 * esize), y = simd_elt(&vm, i, 2 * esize);
        uint64_t s = sub ? x - y : x + y;
        if (round)
            s += (uint64_t)1 << (eb - 1);
        res[i] = s >> eb;
    }
    simd_write_narrow(env, insn, res, esize, n);
    return 0;
}

/* PMULL/PMULL2: 8 x (8x8->16) for size 00, 1 x (64x64->128) for 11. */
SIMD_HELPER(h_pmull)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int half = SIMD_Q(insn);
    const A64Vreg vn = env->v[SIMD_RN(insn)], vm = env->v[SIMD_RM(insn)];
    A64Vreg r;
    if (SIMD_SIZE(insn) == 3) {
        r.q = crypto_clmul64(vn.d[half], vm.d[half]);
    } else {
        for (int i = 0; i < 8; i++)
            r.h[i] = (uint16_t)crypto_clmul64(vn.b[8 * half + i], vm.b[8 * half + i]);
    }
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

/* Same-size by element: MUL/MLA/MLS, SQDMULH/SQRDMULH (vector, scalar). */
enum { E_MUL, E_MLA, E_MLS, E_SQDMULH, E_SQRDMULH };

static uint64_t elem_op(A64State *env, uint32_t insn, int op)
{
    int size = SIMD_SIZE(insn), esize = 1 << size, eb = 8 * esize;
    int bytes = simd_bytes(insn, size);
    const A64Vreg vn = env->v[SIMD_RN(insn)], vd = env->v[SIMD_RD(insn)];
    const A64Vreg vm = env->v[simd_elt_rm(insn, size)];
    int idx = simd_elt_index(insn, size);
    int64_t se = simd_selt(&vm, idx, esize);
    uint64_t ue = simd_elt(&vm, idx, esize);
    A64Vreg r = {.q = 0};
    for (int i = 0; i < bytes / esize; i++) {
        uint64_t x = simd_elt(&vn, i, esize), d = simd_elt(&vd, i, esize);
        __int128 sx = simd_selt(&vn, i, esize), res;
        switch (op) {
        case E_MUL: res = x * ue; break;
        case E_MLA: res = d + x * ue; break;
        case E_MLS: res = d - x * ue; break;
        case E_SQDMULH: res = simd_sat_s(env, (2 * sx * se) >> eb, eb); break;
        default:
            res = simd_sat_s(env, (2 * sx * se + ((__int128)1 << (eb - 1))) >> eb, eb);
            break;
        }
        simd_set_elt(&r, i, esize, (uint64_t)res);
    }
    simd_set(env, SIMD_RD(insn), &r, bytes);
    return 0;
}

#define ELEM_HELPER(name, OP)                                                 \
    SIMD_HELPER(name) { return elem_op(env_, (uint32_t)insn_, OP); }
ELEM_HELPER(h_mul_e, E_MUL)
ELEM_HELPER(h_mla_e, E_MLA)
ELEM_HELPER(h_mls_e, E_MLS)
ELEM_HELPER(h_sqdmulh_e, E_SQDMULH)
ELEM_HELPER(h_sqrdmulh_e, E_SQRDMULH)


SIMD_VROW(SADDL_v, h_saddl, V_NO64, IR_V_SADDL)
SIMD_VROW(UADDL_v, h_uaddl, V_NO64, IR_V_UADDL)
SIMD_VROW(SSUBL_v, h_ssubl, V_NO64, IR_V_SSUBL)
SIMD_VROW(USUBL_v, h_usubl, V_NO64, IR_V_USUBL)
SIMD_VROW(SADDW_v, h_saddw, V_NO64, IR_V_SADDW)
SIMD_VROW(UADDW_v, h_uaddw, V_NO64, IR_V_UADDW)
SIMD_VROW(SSUBW_v, h_ssubw, V_NO64, IR_V_SSUBW)
SIMD_VROW(USUBW_v, h_usubw, V_NO64, IR_V_USUBW)
SIMD_ROW(ADDHN_v, h_addhn, V_NO64)
SIMD_ROW(SUBHN_v, h_addhn, V_NO64)
SIMD_ROW(RADDHN_v, h_addhn, V_NO64)
SIMD_ROW(RSUBHN_v, h_addhn, V_NO64)
SIMD_ROW(SABAL_v, h_sabal, V_NO64)
SIMD_ROW(UABAL_v, h_uabal, V_NO64)
SIMD_ROW(SABDL_v, h_sabdl, V_NO64)
SIMD_ROW(UABDL_v, h_uabdl, V_NO64)
SIMD_ROW(SMLAL_v, h_smlal, V_NO64)
SIMD_ROW(UMLAL_v, h_umlal, V_NO64)
SIMD_ROW(SMLSL_v, h_smlsl, V_NO64)
SIMD_ROW(UMLSL_v, h_umlsl, V_NO64)
SIMD_ROW(SMULL_v, h_smull, V_NO64)
SIMD_ROW(UMULL_v, h_umull, V_NO64)
SIMD_ROW(SQDMLAL_v, h_sqdmlal, V_HS)
SIMD_ROW(SQDMLSL_v, h_sqdmlsl, V_HS)
SIMD_ROW(SQDMULL_v, h_sqdmull, V_HS)
/* PMULL: the 64-bit form is one VOP (PCLMULQDQ where the host has it),
 * the 8-bit form the helper. */
bool a64_trans_PMULL_v(A64Ctx *s, const A64Fields *f)
{
    uint32_t i = s->insn;
    if (F('s') == 3)
        a64_vop(s, IR_V_PMULL64, 3, true, false, (int)(i & 31),
                (int)((i >> 5) & 31), (int)((i >> 16) & 31),
                (i >> 30) & 1 ? 0x11 : 0, (void *)h_pmull);
    else if (F('s') == 0)
        a64_call_insn_v(s, (void *)h_pmull, 0, 0, 0);
    else
        return false;
    return true;
}
SIMD_ROW(SQDMLAL_vs, h_sqdmlal, V_HS)
SIMD_ROW(SQDMLSL_vs, h_sqdmlsl, V_HS)
SIMD_ROW(SQDMULL_vs, h_sqdmull, V_HS)

SIMD_ROW(MUL_ve, h_mul_e, V_HS)
SIMD_ROW(MLA_ve, h_mla_e, V_HS)
SIMD_ROW(MLS_ve, h_mls_e, V_HS)
SIMD_ROW(SQDMULH_ve, h_sqdmulh_e, V_HS)
SIMD_ROW(SQRDMULH_ve, h_sqrdmulh_e, V_HS)
SIMD_ROW(SQDMULH_vse, h_sqdmulh_e, V_HS)
SIMD_ROW(SQRDMULH_vse, h_sqrdmulh_e, V_HS)
SIMD_ROW(SMLAL_ve, h_smlal_e, V_HS)
SIMD_ROW(UMLAL_ve, h_umlal_e, V_HS)
SIMD_ROW(SMLSL_ve, h_smlsl_e, V_HS)
SIMD_ROW(UMLSL_ve, h_umlsl_e, V_HS)
SIMD_ROW(SMULL_ve, h_smull_e, V_HS)
SIMD_ROW(UMULL_ve, h_umull_e, V_HS)
SIMD_ROW(SQDMLAL_ve, h_sqdmlal_e, V_HS)
SIMD_ROW(SQDMLSL_ve, h_sqdmlsl_e, V_HS)
SIMD_ROW(SQDMULL_ve, h_sqdmull_e, V_HS)
SIMD_ROW(SQDMLAL_vse, h_sqdmlal_e, V_HS)
SIMD_ROW(SQDMLSL_vse, h_sqdmlsl_e, V_HS)
SIMD_ROW(SQDMULL_vse, h_sqdmull_e, V_HS)
