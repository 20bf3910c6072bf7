/*
 * cpu/aarch64/simd-3same.c - AdvSIMD three same and AdvSIMD scalar three
 * same, integer forms (the FP forms are in simd-fp.c).
 *
 * The lane arithmetic is one C helper per instruction, shared by the
 * vector and scalar rows (simd_bytes() picks the operation width from
 * bit 28).  The hot rows (add/sub, bitwise, compares, min/max, multiply,
 * pairwise) emit IR_VOP naming that helper: the back end inlines them
 * with host vector instructions and the helper stays the exact meaning.  Saturating forms set FPSR.QC.
 * Reserved sizes (Arm ARM: size=11 with Q=0, or no 64-bit form) make the
 * translator return false, so the decoder raises SIGILL.
 */
#include "cpu/aarch64/simd-internal.h"
#include "cpu/aarch64/simd-vop.h"

/* ---- bitwise ---- */
enum { L_AND, L_BIC, L_ORR, L_ORN, L_EOR, L_BSL, L_BIT, L_BIF };

/* The bitwise ops are lane-size agnostic: the helpers run at the
 * encoded "size" (part of the opcode here), which changes nothing. */
SIMD_HELPER_3P(h_and, a & b)
SIMD_HELPER_3P(h_bic, a & ~b)
SIMD_HELPER_3P(h_orr, a | b)
SIMD_HELPER_3P(h_orn, a | ~b)
SIMD_HELPER_3P(h_eor, a ^ b)
SIMD_HELPER_3P(h_bsl, b ^ ((a ^ b) & d))
SIMD_HELPER_3P(h_bit, d ^ ((d ^ a) & b))
SIMD_HELPER_3P(h_bif, d ^ ((d ^ a) & ~b))

static bool logic(A64Ctx *s, const A64Fields *f, int op)
{
    static const IRVKind k[8] = {IR_V_AND, IR_V_BIC, IR_V_ORR, IR_V_ORN,
                                 IR_V_EOR, IR_V_BSL, IR_V_BIT, IR_V_BIF};
    static void *const fn[8] = {(void *)h_and, (void *)h_bic, (void *)h_orr,
                                (void *)h_orn, (void *)h_eor, (void *)h_bsl,
                                (void *)h_bit, (void *)h_bif};
    (void)f;
    a64_vop3(s, k[op], 0, fn[op]);
    return true;
}

bool a64_trans_AND_v(A64Ctx *s, const A64Fields *f) { return logic(s, f, L_AND); }
bool a64_trans_BIC_v(A64Ctx *s, const A64Fields *f) { return logic(s, f, L_BIC); }
bool a64_trans_ORR_v(A64Ctx *s, const A64Fields *f) { return logic(s, f, L_ORR); }
bool a64_trans_ORN_v(A64Ctx *s, const A64Fields *f) { return logic(s, f, L_ORN); }
bool a64_trans_EOR_v(A64Ctx *s, const A64Fields *f) { return logic(s, f, L_EOR); }
bool a64_trans_BSL_v(A64Ctx *s, const A64Fields *f) { return logic(s, f, L_BSL); }
bool a64_trans_BIT_v(A64Ctx *s, const A64Fields *f) { return logic(s, f, L_BIT); }
bool a64_trans_BIF_v(A64Ctx *s, const A64Fields *f) { return logic(s, f, L_BIF); }

/* ---- ADD/SUB ---- */
SIMD_HELPER_3P(h_add, a + b)
SIMD_HELPER_3P(h_sub, a - b)

static bool addsub(A64Ctx *s, const A64Fields *f, bool sub, bool scalar)
{
    int size = F('s'), q = scalar ? 0 : F('Q');
    if (scalar ? size != 3 : (size == 3 && !q))
        return false;
    a64_vop3(s, sub ? IR_V_SUB : IR_V_ADD, size, sub ? (void *)h_sub : (void *)h_add);
    return true;
}

bool a64_trans_ADD_v(A64Ctx *s, const A64Fields *f) { return addsub(s, f, false, false); }
bool a64_trans_SUB_v(A64Ctx *s, const A64Fields *f) { return addsub(s, f, true, false); }
bool a64_trans_ADD_vs(A64Ctx *s, const A64Fields *f) { return addsub(s, f, false, true); }
bool a64_trans_SUB_vs(A64Ctx *s, const A64Fields *f) { return addsub(s, f, true, true); }

/* ---- lane arithmetic ---- */
static inline uint64_t absdiff_s(int64_t x, int64_t y)
{
    return x > y ? (uint64_t)x - (uint64_t)y : (uint64_t)y - (uint64_t)x;
}

static inline uint64_t absdiff_u(uint64_t x, uint64_t y)
{
    return x > y ? x - y : y - x;
}

/* Polynomial (carry-less) multiply of two bytes, low 8 bits (PMUL). */
static inline uint8_t pmul8(uint8_t x, uint8_t y)
{
    unsigned r = 0;
    for (int i = 0; i < 8; i++)
        if (y >> i & 1)
            r ^= (unsigned)x << i;
    return (uint8_t)r;
}

SIMD_HELPER_3P(h_shadd, ((int64_t)sa + sb) >> 1)
SIMD_HELPER_3P(h_uhadd, ((uint64_t)a + b) >> 1)
SIMD_HELPER_3P(h_srhadd, ((int64_t)sa + sb + 1) >> 1)
SIMD_HELPER_3P(h_urhadd, ((uint64_t)a + b + 1) >> 1)
SIMD_HELPER_3P(h_shsub, ((int64_t)sa - sb) >> 1)
SIMD_HELPER_3P(h_uhsub, ((int64_t)a - (int64_t)b) >> 1)
SIMD_HELPER_3(h_sqadd, simd_sat_s(env, (__int128)sa + sb, EB))
SIMD_HELPER_3(h_uqadd, simd_sat_u(env, (__int128)a + b, EB))
SIMD_HELPER_3(h_sqsub, simd_sat_s(env, (__int128)sa - sb, EB))
SIMD_HELPER_3(h_uqsub, simd_sat_u(env, (__int128)a - b, EB))
SIMD_HELPER_3P(h_cmgt, SIMD_MASK(sa > sb))
SIMD_HELPER_3P(h_cmge, SIMD_MASK(sa >= sb))
SIMD_HELPER_3P(h_cmhi, SIMD_MASK(a > b))
SIMD_HELPER_3P(h_cmhs, SIMD_MASK(a >= b))
SIMD_HELPER_3P(h_cmeq, SIMD_MASK(a == b))
SIMD_HELPER_3P(h_cmtst, SIMD_MASK((a & b) != 0))
/* Shift amounts are the signed low byte of each Vm element. */
SIMD_HELPER_3P(h_sshl, simd_shift(sa, (int8_t)b, false, EB))
SIMD_HELPER_3P(h_ushl, simd_shift(a, (int8_t)b, false, EB))
SIMD_HELPER_3P(h_srshl, simd_shift(sa, (int8_t)b, true, EB))
SIMD_HELPER_3P(h_urshl, simd_shift(a, (int8_t)b, true, EB))
SIMD_HELPER_3(h_sqshl, simd_sat_s(env, simd_shift(sa, (int8_t)b, false, EB), EB))
SIMD_HELPER_3(h_uqshl, simd_sat_u(env, simd_shift(a, (int8_t)b, false, EB), EB))
SIMD_HELPER_3(h_sqrshl, simd_sat_s(env, simd_shift(sa, (int8_t)b, true, EB), EB))
SIMD_HELPER_3(h_uqrshl, simd_sat_u(env, simd_shift(a, (int8_t)b, true, EB), EB))
SIMD_HELPER_3P(h_smax, sa > sb ? sa : sb)
SIMD_HELPER_3P(h_smin, sa < sb ? sa : sb)
SIMD_HELPER_3P(h_umax, a > b ? a : b)
SIMD_HELPER_3P(h_umin, a < b ? a : b)
SIMD_HELPER_3P(h_sabd, absdiff_s(sa, sb))
SIMD_HELPER_3P(h_uabd, absdiff_u(a, b))
SIMD_HELPER_3P(h_saba, d + absdiff_s(sa, sb))
SIMD_HELPER_3P(h_uaba, d + absdiff_u(a, b))
SIMD_HELPER_3P(h_mul, (uint64_t)a * b)
SIMD_HELPER_3P(h_mla, d + (uint64_t)a * b)
SIMD_HELPER_3P(h_mls, d - (uint64_t)a * b)
SIMD_HELPER_3P(h_pmul, pmul8((uint8_t)a, (uint8_t)b))
SIMD_HELPER_3(h_sqdmulh, simd_sat_s(env, ((__int128)sa * sb * 2) >> EB, EB))
SIMD_HELPER_3(h_sqrdmulh,
              simd_sat_s(env, ((__int128)sa * sb * 2 + ((__int128)1 << (EB - 1))) >> EB, EB))

/* Pairwise: element i of the result combines elements 2i and 2i+1 of
 * the concatenation Vm:Vn (Vn supplies the low half). */
#define SIMD_PAIR(UT, ST, EXPR)                                               \
    do {                                                                      \
        const int n_ = bytes / (int)sizeof(UT);                               \
        UT cat[32 / sizeof(UT)];                                              \
        memcpy(cat, vn.b, (size_t)bytes);                                     \
        memcpy((uint8_t *)cat + bytes, vm.b, (size_t)bytes);                  \
        for (int i = 0; i < n_; i++) {                                        \
            UT a = cat[2 * i], b = cat[2 * i + 1];                            \
            ST sa = (ST)a, sb = (ST)b;                                        \
            (void)sa; (void)sb;                                               \
            ((UT *)r.b)[i] = (UT)(EXPR);                                      \
        }                                                                     \
    } while (0)

#define SIMD_HELPER_PAIR(name, EXPR)                                          \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        SIMD_PROLOGUE;                                                        \
        SIMD_FOR_SIZE(size, SIMD_PAIR, EXPR);                                 \
        simd_set(env, SIMD_RD(insn), &r, bytes);                              \
        return 0;                                                             \
    }

SIMD_HELPER_PAIR(h_addp, (uint64_t)a + b)
SIMD_HELPER_PAIR(h_smaxp, sa > sb ? sa : sb)
SIMD_HELPER_PAIR(h_sminp, sa < sb ? sa : sb)
SIMD_HELPER_PAIR(h_umaxp, a > b ? a : b)
SIMD_HELPER_PAIR(h_uminp, a < b ? a : b)

/* ---- rows ---- */
SIMD_ROW(SHADD_v, h_shadd, V_NO64)
SIMD_ROW(UHADD_v, h_uhadd, V_NO64)
SIMD_ROW(SRHADD_v, h_srhadd, V_NO64)
SIMD_ROW(URHADD_v, h_urhadd, V_NO64)
SIMD_ROW(SHSUB_v, h_shsub, V_NO64)
SIMD_ROW(UHSUB_v, h_uhsub, V_NO64)
SIMD_ROW(SQADD_v, h_sqadd, V_ANY)
SIMD_ROW(UQADD_v, h_uqadd, V_ANY)
SIMD_ROW(SQSUB_v, h_sqsub, V_ANY)
SIMD_ROW(UQSUB_v, h_uqsub, V_ANY)
SIMD_VROW(CMGT_v, h_cmgt, V_ANY, IR_V_CMGT)
SIMD_VROW(CMGE_v, h_cmge, V_ANY, IR_V_CMGE)
SIMD_VROW(CMHI_v, h_cmhi, V_ANY, IR_V_CMHI)
SIMD_VROW(CMHS_v, h_cmhs, V_ANY, IR_V_CMHS)
SIMD_VROW(CMEQ_v, h_cmeq, V_ANY, IR_V_CMEQ)
SIMD_VROW(CMTST_v, h_cmtst, V_ANY, IR_V_CMTST)
SIMD_ROW(SSHL_v, h_sshl, V_ANY)
SIMD_ROW(USHL_v, h_ushl, V_ANY)
SIMD_ROW(SRSHL_v, h_srshl, V_ANY)
SIMD_ROW(URSHL_v, h_urshl, V_ANY)
SIMD_ROW(SQSHL_v, h_sqshl, V_ANY)
SIMD_ROW(UQSHL_v, h_uqshl, V_ANY)
SIMD_ROW(SQRSHL_v, h_sqrshl, V_ANY)
SIMD_ROW(UQRSHL_v, h_uqrshl, V_ANY)
SIMD_VROW(SMAX_v, h_smax, V_NO64, IR_V_SMAX)
SIMD_VROW(SMIN_v, h_smin, V_NO64, IR_V_SMIN)
SIMD_VROW(UMAX_v, h_umax, V_NO64, IR_V_UMAX)
SIMD_VROW(UMIN_v, h_umin, V_NO64, IR_V_UMIN)
SIMD_ROW(SABD_v, h_sabd, V_NO64)
SIMD_ROW(UABD_v, h_uabd, V_NO64)
SIMD_ROW(SABA_v, h_saba, V_NO64)
SIMD_ROW(UABA_v, h_uaba, V_NO64)
SIMD_VROW(MUL_v, h_mul, V_NO64, IR_V_MUL)
SIMD_VROW(MLA_v, h_mla, V_NO64, IR_V_MLA)
SIMD_VROW(MLS_v, h_mls, V_NO64, IR_V_MLS)
SIMD_ROW(PMUL_v, h_pmul, F('s') == 0)
SIMD_ROW(SQDMULH_v, h_sqdmulh, V_HS)
SIMD_ROW(SQRDMULH_v, h_sqrdmulh, V_HS)
SIMD_VROW(ADDP_v, h_addp, V_ANY, IR_V_ADDP)
SIMD_VROW(SMAXP_v, h_smaxp, V_NO64, IR_V_SMAXP)
SIMD_VROW(SMINP_v, h_sminp, V_NO64, IR_V_SMINP)
SIMD_VROW(UMAXP_v, h_umaxp, V_NO64, IR_V_UMAXP)
SIMD_VROW(UMINP_v, h_uminp, V_NO64, IR_V_UMINP)

SIMD_ROW(SQADD_vs, h_sqadd, true)
SIMD_ROW(UQADD_vs, h_uqadd, true)
SIMD_ROW(SQSUB_vs, h_sqsub, true)
SIMD_ROW(UQSUB_vs, h_uqsub, true)
SIMD_VROW(CMGT_vs, h_cmgt, S_D, IR_V_CMGT)
SIMD_VROW(CMGE_vs, h_cmge, S_D, IR_V_CMGE)
SIMD_VROW(CMHI_vs, h_cmhi, S_D, IR_V_CMHI)
SIMD_VROW(CMHS_vs, h_cmhs, S_D, IR_V_CMHS)
SIMD_VROW(CMEQ_vs, h_cmeq, S_D, IR_V_CMEQ)
SIMD_VROW(CMTST_vs, h_cmtst, S_D, IR_V_CMTST)
SIMD_ROW(SSHL_vs, h_sshl, S_D)
SIMD_ROW(USHL_vs, h_ushl, S_D)
SIMD_ROW(SRSHL_vs, h_srshl, S_D)
SIMD_ROW(URSHL_vs, h_urshl, S_D)
SIMD_ROW(SQSHL_vs, h_sqshl, true)
SIMD_ROW(UQSHL_vs, h_uqshl, true)
SIMD_ROW(SQRSHL_vs, h_sqrshl, true)
SIMD_ROW(UQRSHL_vs, h_uqrshl, true)
SIMD_ROW(SQDMULH_vs, h_sqdmulh, V_HS)
SIMD_ROW(SQRDMULH_vs, h_sqrdmulh, V_HS)
