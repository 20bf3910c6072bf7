/*
 * cpu/aarch64/simd-2misc.c - AdvSIMD two-register miscellaneous and its
 * scalar group, integer forms (the FP forms are in simd-fp.c): REV*,
 * CLS/CLZ/CNT/NOT/RBIT, ABS/NEG and their saturating forms, compares
 * against zero, SUQADD/USQADD, pairwise add long, XTN and the saturating
 * narrows, SHLL.
 *
 * NOT is inline IR; everything else is one C helper per instruction
 * (shared by the vector and scalar rows).  Saturation sets FPSR.QC.
 */
#include "cpu/aarch64/simd-internal.h"

/* Leading zeros of the low eb bits of x (x has no bits above eb). */
static inline int clz_w(uint64_t x, int eb)
{
    return x ? __builtin_clzll(x) - (64 - eb) : eb;
}

/* CLS: leading bits equal to the sign bit, not counting the sign bit. */
static inline int cls_w(uint64_t x, int eb)
{
    uint64_t m = ((uint64_t)1 << (eb - 1)) - 1;
    return clz_w((x ^ (x >> 1)) & m, eb - 1);
}

static inline uint8_t rbit8(uint8_t x)
{
    x = (uint8_t)((x & 0xf0) >> 4 | (x & 0x0f) << 4);
    x = (uint8_t)((x & 0xcc) >> 2 | (x & 0x33) << 2);
    return (uint8_t)((x & 0xaa) >> 1 | (x & 0x55) << 1);
}

SIMD_HELPER_3(h_cls, cls_w(a, EB))
SIMD_HELPER_3(h_clz, clz_w(a, EB))
SIMD_HELPER_3(h_cnt, __builtin_popcount((unsigned)a))
SIMD_HELPER_3(h_abs, sa < 0 ? (uint64_t)0 - (uint64_t)sa : (uint64_t)sa)
SIMD_HELPER_3(h_neg, (uint64_t)0 - (uint64_t)a)
SIMD_HELPER_3(h_sqabs, simd_sat_s(env, sa < 0 ? -(__int128)sa : (__int128)sa, EB))
SIMD_HELPER_3(h_sqneg, simd_sat_s(env, -(__int128)sa, EB))
SIMD_HELPER_3(h_cmgt0, SIMD_MASK(sa > 0))
SIMD_HELPER_3(h_cmge0, SIMD_MASK(sa >= 0))
SIMD_HELPER_3(h_cmeq0, SIMD_MASK(a == 0))
SIMD_HELPER_3(h_cmle0, SIMD_MASK(sa <= 0))
SIMD_HELPER_3(h_cmlt0, SIMD_MASK(sa < 0))
/* SUQADD adds the unsigned Vn to the signed Vd; USQADD the reverse. */
SIMD_HELPER_3(h_suqadd, simd_sat_s(env, (__int128)sd + a, EB))
SIMD_HELPER_3(h_usqadd, simd_sat_u(env, (__int128)d + sa, EB))

/* REV16/REV32/REV64: reverse the order of elements inside each
 * container of 2/4/8 bytes; container bytes come from the opcode. */
SIMD_HELPER(h_rev)
{
    SIMD_PROLOGUE;
    int op = (insn >> 12) & 1 ? 2 : ((insn >> 29) & 1 ? 4 : 8);
    int esize = 1 << size, per = op / esize;
    for (int i = 0; i < bytes / esize; i++) {
        int base = i - i % per;
        simd_set_elt(&r, i, esize, simd_elt(&vn, base + per - 1 - i % per, esize));
    }
    simd_set(env, SIMD_RD(insn), &r, bytes);
    return 0;
}

/* RBIT is encoded with size=01 but works on bytes. */
SIMD_HELPER(h_rbit)
{
    SIMD_PROLOGUE;
    for (int i = 0; i < bytes; i++)
        r.b[i] = rbit8(vn.b[i]);
    simd_set(env, SIMD_RD(insn), &r, bytes);
    return 0;
}

bool a64_trans_NOT_v(A64Ctx *s, const A64Fields *f)
{
    int q = F('Q');
    IRRef lo = ir_unop(s->b, IR_NOT, 8, simd_ir_ld64(s, F('n'), 0));
    IRRef hi = q ? ir_unop(s->b, IR_NOT, 8, simd_ir_ld64(s, F('n'), 1)) : 0;
    simd_ir_set(s, F('d'), q, lo, hi);
    return true;
}

/* SADDLP/UADDLP/SADALP/UADALP: adjacent pairs summed into elements of
 * twice the width; bit 29 is U, bit 14 selects accumulate. */
SIMD_HELPER(h_addlp)
{
    SIMD_PROLOGUE;
    int esize = 1 << size, n = bytes / (2 * esize);
    bool u = SIMD_U(insn), acc = (insn >> 14) & 1;
    for (int i = 0; i < n; i++) {
        uint64_t x = u ? simd_elt(&vn, 2 * i, esize) + simd_elt(&vn, 2 * i + 1, esize)
                       : (uint64_t)(simd_selt(&vn, 2 * i, esize) +
                                    simd_selt(&vn, 2 * i + 1, esize));
        if (acc)
            x += simd_elt(&vd, i, 2 * esize);
        simd_set_elt(&r, i, 2 * esize, x);
    }
    simd_set(env, SIMD_RD(insn), &r, bytes);
    return 0;
}

/* XTN/SQXTN/UQXTN/SQXTUN: size is the destination element size. */
static uint64_t narrow_common(A64State *env, uint32_t insn, int kind)
{
    int size = SIMD_SIZE(insn), esize = 1 << size;
    int n = SIMD_SCALAR(insn) ? 1 : 8 / esize;
    const A64Vreg vn = env->v[SIMD_RN(insn)];
    uint64_t res[8];
    for (int i = 0; i < n; i++) {
        __int128 x = kind == SIMD_NARROW_UU ? (__int128)simd_elt(&vn, i, 2 * esize)
                                            : (__int128)simd_selt(&vn, i, 2 * esize);
        res[i] = simd_narrow(env, x, kind, 8 * esize);
    }
    simd_write_narrow(env, insn, res, esize, n);
    return 0;
}

SIMD_HELPER(h_xtn) { return narrow_common(env_, (uint32_t)insn_, SIMD_NARROW_TRUNC); }
SIMD_HELPER(h_sqxtn) { return narrow_common(env_, (uint32_t)insn_, SIMD_NARROW_SS); }
SIMD_HELPER(h_uqxtn) { return narrow_common(env_, (uint32_t)insn_, SIMD_NARROW_UU); }
SIMD_HELPER(h_sqxtun) { return narrow_common(env_, (uint32_t)insn_, SIMD_NARROW_SU); }

/* SHLL/SHLL2: widen the low/high half and shift left by the element
 * width. */
SIMD_HELPER(h_shll)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int esize = 1 << SIMD_SIZE(insn), n = 8 / esize;
    const A64Vreg vn = env->v[SIMD_RN(insn)];
    A64Vreg r = {.q = 0};
    for (int i = 0; i < n; i++)
        simd_set_elt(&r, i, 2 * esize, simd_half_elt(&vn, insn, i, esize) << (8 * esize));
    simd_set(env, SIMD_RD(insn), &r, 16);
    return 0;
}

SIMD_ROW(REV64_v, h_rev, F('s') != 3)
SIMD_ROW(REV32_v, h_rev, F('s') < 2)
SIMD_ROW(REV16_v, h_rev, F('s') == 0)
SIMD_ROW(CLS_v, h_cls, V_NO64)
SIMD_ROW(CLZ_v, h_clz, V_NO64)
SIMD_ROW(CNT_v, h_cnt, F('s') == 0)
SIMD_ROW(RBIT_v, h_rbit, true)
SIMD_ROW(ABS_v, h_abs, V_ANY)
SIMD_ROW(NEG_v, h_neg, V_ANY)
SIMD_ROW(SQABS_v, h_sqabs, V_ANY)
SIMD_ROW(SQNEG_v, h_sqneg, V_ANY)
SIMD_ROW(CMGT0_v, h_cmgt0, V_ANY)
SIMD_ROW(CMGE0_v, h_cmge0, V_ANY)
SIMD_ROW(CMEQ0_v, h_cmeq0, V_ANY)
SIMD_ROW(CMLE0_v, h_cmle0, V_ANY)
SIMD_ROW(CMLT0_v, h_cmlt0, V_ANY)
SIMD_ROW(SUQADD_v, h_suqadd, V_ANY)
SIMD_ROW(USQADD_v, h_usqadd, V_ANY)
SIMD_ROW(SADDLP_v, h_addlp, V_NO64)
SIMD_ROW(UADDLP_v, h_addlp, V_NO64)
SIMD_ROW(SADALP_v, h_addlp, V_NO64)
SIMD_ROW(UADALP_v, h_addlp, V_NO64)
SIMD_ROW(XTN_v, h_xtn, V_NO64)
SIMD_ROW(SQXTN_v, h_sqxtn, V_NO64)
SIMD_ROW(UQXTN_v, h_uqxtn, V_NO64)
SIMD_ROW(SQXTUN_v, h_sqxtun, V_NO64)
SIMD_ROW(SHLL_v, h_shll, V_NO64)

SIMD_ROW(ABS_vs, h_abs, S_D)
SIMD_ROW(NEG_vs, h_neg, S_D)
SIMD_ROW(SQABS_vs, h_sqabs, true)
SIMD_ROW(SQNEG_vs, h_sqneg, true)
SIMD_ROW(CMGT0_vs, h_cmgt0, S_D)
SIMD_ROW(CMGE0_vs, h_cmge0, S_D)
SIMD_ROW(CMEQ0_vs, h_cmeq0, S_D)
SIMD_ROW(CMLE0_vs, h_cmle0, S_D)
SIMD_ROW(CMLT0_vs, h_cmlt0, S_D)
SIMD_ROW(SUQADD_vs, h_suqadd, true)
SIMD_ROW(USQADD_vs, h_usqadd, true)
SIMD_ROW(SQXTN_vs, h_sqxtn, V_NO64)
SIMD_ROW(UQXTN_vs, h_uqxtn, V_NO64)
SIMD_ROW(SQXTUN_vs, h_sqxtun, V_NO64)
