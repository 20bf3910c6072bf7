/*
 * cpu/aarch64/simd-3same.c - AdvSIMD three same and AdvSIMD scalar three
 * same, integer forms (the FP forms are in simd-fp.c).
 *
 * The bitwise operations (AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF) are
 * inline IR on 64-bit halves; the lane arithmetic is one C helper per
 * instruction, shared by the vector and scalar rows (simd_bytes() picks
 * the operation width from bit 28).  Saturating forms set FPSR.QC.
 * Reserved sizes (Arm ARM: size=11 with Q=0, or no 64-bit form) make the
 * translator return false, so the decoder raises SIGILL.
 */
#include "cpu/aarch64/simd-internal.h"

/* ---- validity of size/Q for the rows ---- */
#define V_ANY (F('s') != 3 || F('Q'))     /* B..D, 1D reserved */
#define V_NO64 (F('s') != 3)              /* B, H, S only */
#define V_HS (F('s') == 1 || F('s') == 2) /* H, S only */
#define S_D (F('s') == 3)                 /* scalar: D only */

/* ---- bitwise, inline IR ---- */
enum { L_AND, L_BIC, L_ORR, L_ORN, L_EOR, L_BSL, L_BIT, L_BIF };

static IRRef logic_half(A64Ctx *s, int op, IRRef n, IRRef m, IRRef d)
{
    IRBlock *b = s->b;
    switch (op) {
    case L_AND: return ir_and(b, 8, n, m);
    case L_BIC: return ir_binop(b, IR_ANDN, 8, n, m);
    case L_ORR: return ir_or(b, 8, n, m);
    case L_ORN: return ir_or(b, 8, n, ir_unop(b, IR_NOT, 8, m));
    case L_EOR: return ir_xor(b, 8, n, m);
    /* BSL: bits of d select n (1) or m (0). */
    case L_BSL: return ir_xor(b, 8, m, ir_and(b, 8, ir_xor(b, 8, n, m), d));
    /* BIT: insert n where m is 1; BIF: where m is 0. */
    case L_BIT: return ir_xor(b, 8, d, ir_and(b, 8, ir_xor(b, 8, d, n), m));
    default:
        return ir_xor(b, 8, d, ir_binop(b, IR_ANDN, 8, ir_xor(b, 8, d, n), m));
    }
}

static bool logic(A64Ctx *s, const A64Fields *f, int op)
{
    int q = F('Q'), rn = F('n'), rm = F('m'), rd = F('d');
    bool need_d = op >= L_BSL;
    IRRef r[2] = {0, 0};
    for (int h = 0; h <= q; h++) {
        IRRef n = simd_ir_ld64(s, rn, h), m = simd_ir_ld64(s, rm, h);
        IRRef d = need_d ? simd_ir_ld64(s, rd, h) : 0;
        r[h] = logic_half(s, op, n, m, d);
    }
    simd_ir_set(s, rd, q, r[0], r[1]);
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

/* ---- ADD/SUB, inline IR on 64-bit halves ----
 * Lanes narrower than 64 bits without carries between them (SWAR): with
 * H the top bit of every lane, the low bits are added with the top bits
 * cleared (no carry leaves a lane) and the top bits fixed up by XOR;
 * subtraction sets the top bits of the minuend instead (no borrow leaves
 * a lane). */
static IRRef addsub_half(A64Ctx *s, bool sub, int size, IRRef n, IRRef m)
{
    static const uint64_t top[3] = {0x8080808080808080ull, 0x8000800080008000ull,
                                    0x8000000080000000ull};
    IRBlock *b = s->b;
    if (size == 3)
        return sub ? ir_sub(b, 8, n, m) : ir_add(b, 8, n, m);
    IRRef h = ir_const(b, top[size]);
    IRRef mlo = ir_binop(b, IR_ANDN, 8, m, h);
    if (sub) {
        IRRef d = ir_sub(b, 8, ir_or(b, 8, n, h), mlo);
        IRRef fix = ir_binop(b, IR_ANDN, 8, h, ir_xor(b, 8, n, m)); /* (n ^ ~m) & H */
        return ir_xor(b, 8, d, fix);
    }
    IRRef sum = ir_add(b, 8, ir_binop(b, IR_ANDN, 8, n, h), mlo);
    return ir_xor(b, 8, sum, ir_and(b, 8, ir_xor(b, 8, n, m), h));
}

static bool addsub(A64Ctx *s, const A64Fields *f, bool sub, bool scalar)
{
    int size = F('s'), q = scalar ? 0 : F('Q');
    if (scalar ? size != 3 : (size == 3 && !q))
        return false;
    IRRef r[2] = {0, 0};
    for (int h = 0; h <= q; h++)
        r[h] = addsub_half(s, sub, size, simd_ir_ld64(s, F('n'), h),
                           simd_ir_ld64(s, F('m'), h));
    simd_ir_set(s, F('d'), q, r[0], r[1]);
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
SIMD_ROW(CMGT_v, h_cmgt, V_ANY)
SIMD_ROW(CMGE_v, h_cmge, V_ANY)
SIMD_ROW(CMHI_v, h_cmhi, V_ANY)
SIMD_ROW(CMHS_v, h_cmhs, V_ANY)
SIMD_ROW(CMEQ_v, h_cmeq, V_ANY)
SIMD_ROW(CMTST_v, h_cmtst, V_ANY)
SIMD_ROW(SSHL_v, h_sshl, V_ANY)
SIMD_ROW(USHL_v, h_ushl, V_ANY)
SIMD_ROW(SRSHL_v, h_srshl, V_ANY)
SIMD_ROW(URSHL_v, h_urshl, V_ANY)
SIMD_ROW(SQSHL_v, h_sqshl, V_ANY)
SIMD_ROW(UQSHL_v, h_uqshl, V_ANY)
SIMD_ROW(SQRSHL_v, h_sqrshl, V_ANY)
SIMD_ROW(UQRSHL_v, h_uqrshl, V_ANY)
SIMD_ROW(SMAX_v, h_smax, V_NO64)
SIMD_ROW(SMIN_v, h_smin, V_NO64)
SIMD_ROW(UMAX_v, h_umax, V_NO64)
SIMD_ROW(UMIN_v, h_umin, V_NO64)
SIMD_ROW(SABD_v, h_sabd, V_NO64)
SIMD_ROW(UABD_v, h_uabd, V_NO64)
SIMD_ROW(SABA_v, h_saba, V_NO64)
SIMD_ROW(UABA_v, h_uaba, V_NO64)
SIMD_ROW(MUL_v, h_mul, V_NO64)
SIMD_ROW(MLA_v, h_mla, V_NO64)
SIMD_ROW(MLS_v, h_mls, V_NO64)
SIMD_ROW(PMUL_v, h_pmul, F('s') == 0)
SIMD_ROW(SQDMULH_v, h_sqdmulh, V_HS)
SIMD_ROW(SQRDMULH_v, h_sqrdmulh, V_HS)
SIMD_ROW(ADDP_v, h_addp, V_ANY)
SIMD_ROW(SMAXP_v, h_smaxp, V_NO64)
SIMD_ROW(SMINP_v, h_sminp, V_NO64)
SIMD_ROW(UMAXP_v, h_umaxp, V_NO64)
SIMD_ROW(UMINP_v, h_uminp, V_NO64)

SIMD_ROW(SQADD_vs, h_sqadd, true)
SIMD_ROW(UQADD_vs, h_uqadd, true)
SIMD_ROW(SQSUB_vs, h_sqsub, true)
SIMD_ROW(UQSUB_vs, h_uqsub, true)
SIMD_ROW(CMGT_vs, h_cmgt, S_D)
SIMD_ROW(CMGE_vs, h_cmge, S_D)
SIMD_ROW(CMHI_vs, h_cmhi, S_D)
SIMD_ROW(CMHS_vs, h_cmhs, S_D)
SIMD_ROW(CMEQ_vs, h_cmeq, S_D)
SIMD_ROW(CMTST_vs, h_cmtst, S_D)
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
