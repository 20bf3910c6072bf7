/*
 * cpu/aarch64/simd-copy.c - AdvSIMD copy (DUP, INS, UMOV, SMOV and their
 * MOV aliases) and AdvSIMD modified immediate (MOVI, MVNI, ORR, BIC,
 * FMOV vector immediate).
 *
 * These are hot in compiled code (vector set-up, lane extraction in
 * string functions) and trivial, so they are translated to inline IR on
 * the 64-bit halves of the registers (LDENV/STENV at VREG_OFF) instead of
 * helper calls.  Invariant kept everywhere: a write with Q=0 (or a scalar
 * write) zeroes bits 127:64 of the destination.
 */
#include "cpu/fp-ops.h"
#include "cpu/aarch64/simd-internal.h"

/* imm5 of the copy group: the lowest set bit gives the element size,
 * the bits above it the index (Arm ARM C7 DUP/INS/UMOV "imm5" tables).
 * Returns log2(esize) or -1 for the reserved x0000 forms. */
static int copy_size(unsigned imm5, int *index)
{
    int size = __builtin_ctz(imm5 | 0x20);
    if (size > 3)
        return -1;
    *index = (int)(imm5 >> (size + 1));
    return size;
}

/* Replicates the low (1 << size) bytes of v (zero above) over 64 bits. */
static IRRef replicate(A64Ctx *s, int size, IRRef v)
{
    static const uint64_t k[3] = {0x0101010101010101ull, 0x0001000100010001ull,
                                  0x0000000100000001ull};
    if (size == 3)
        return v;
    return ir_binop(s->b, IR_MUL, 8, v, ir_const(s->b, k[size]));
}

static IRRef load_elt(A64Ctx *s, int reg, int size, int index)
{
    return ir_ldenv(s->b, 1 << size, VREG_OFF(reg) + ((uint32_t)index << size));
}

bool a64_trans_DUP_elt_v(A64Ctx *s, const A64Fields *f)
{
    int index, size = copy_size(F('i'), &index);
    if (size < 0 || (size == 3 && !F('Q')))
        return false;
    IRRef v = replicate(s, size, load_elt(s, F('n'), size, index));
    simd_ir_set(s, F('d'), F('Q'), v, v);
    return true;
}

/* DUP (element), scalar form: MOV Bd/Hd/Sd/Dd, Vn.T[i]. */
bool a64_trans_DUP_elt_vs(A64Ctx *s, const A64Fields *f)
{
    int index, size = copy_size(F('i'), &index);
    if (size < 0)
        return false;
    simd_ir_set(s, F('d'), false, load_elt(s, F('n'), size, index), 0);
    return true;
}

bool a64_trans_DUP_gen_v(A64Ctx *s, const A64Fields *f)
{
    int index, size = copy_size(F('i'), &index);
    if (size < 0 || (size == 3 && !F('Q')))
        return false;
    IRRef v = a64_reg(s, F('n'), size == 3);
    if (size < 2)
        v = ir_zext(s->b, 1 << size, v);
    v = replicate(s, size, v);
    simd_ir_set(s, F('d'), F('Q'), v, v);
    return true;
}

bool a64_trans_INS_gen_v(A64Ctx *s, const A64Fields *f)
{
    int index, size = copy_size(F('i'), &index);
    if (size < 0 || !F('Q'))
        return false;
    IRRef v = a64_reg(s, F('n'), size == 3);
    ir_stenv(s->b, 1 << size, VREG_OFF(F('d')) + ((uint32_t)index << size), v);
    return true;
}

bool a64_trans_INS_elt_v(A64Ctx *s, const A64Fields *f)
{
    int index, size = copy_size(F('i'), &index);
    if (size < 0 || !F('Q'))
        return false;
    int src = (int)(F('j') >> size);
    IRRef v = load_elt(s, F('n'), size, src);
    ir_stenv(s->b, 1 << size, VREG_OFF(F('d')) + ((uint32_t)index << size), v);
    return true;
}

bool a64_trans_UMOV_v(A64Ctx *s, const A64Fields *f)
{
    int index, size = copy_size(F('i'), &index);
    /* 32-bit destination for B/H/S (Q=0), 64-bit only for D (Q=1). */
    if (size < 0 || (size == 3) != (F('Q') == 1))
        return false;
    a64_set_reg(s, F('d'), size == 3, load_elt(s, F('n'), size, index));
    return true;
}

bool a64_trans_SMOV_v(A64Ctx *s, const A64Fields *f)
{
    int index, size = copy_size(F('i'), &index);
    int q = F('Q');
    /* Q=0: Wd from B/H; Q=1: Xd from B/H/S. */
    if (size < 0 || size == 3 || (size == 2 && !q))
        return false;
    IRRef v = load_elt(s, F('n'), size, index);
    v = ir_sext(s->b, q ? 8 : 4, 1 << size, v);
    a64_set_reg(s, F('d'), q, v);
    return true;
}

/* AdvSIMDExpandImm(op, cmode, imm8) of the Arm ARM (the reserved FMOV
 * double with Q=0 is rejected by the caller). */
static uint64_t expand_imm(int op, int cmode, uint64_t imm8)
{
    switch (cmode >> 1) {
    case 0: return imm8 * 0x0000000100000001ull;
    case 1: return (imm8 << 8) * 0x0000000100000001ull;
    case 2: return (imm8 << 16) * 0x0000000100000001ull;
    case 3: return (imm8 << 24) * 0x0000000100000001ull;
    case 4: return imm8 * 0x0001000100010001ull;
    case 5: return (imm8 << 8) * 0x0001000100010001ull;
    case 6:
        /* MSL: shifting ones in. */
        if (cmode & 1)
            return ((imm8 << 16) | 0xffff) * 0x0000000100000001ull;
        return ((imm8 << 8) | 0xff) * 0x0000000100000001ull;
    default:
        break;
    }
    if (!(cmode & 1)) {
        if (!op)
            return imm8 * 0x0101010101010101ull;
        uint64_t r = 0;
        for (int i = 0; i < 8; i++)
            if (imm8 >> i & 1)
                r |= 0xffull << (8 * i);
        return r;
    }
    uint64_t a = imm8 >> 7 & 1, b = imm8 >> 6 & 1, lo = imm8 & 0x3f;
    if (!op) {
        /* VFPExpandImm for single precision, in both 32-bit lanes. */
        uint64_t s32 = a << 31 | (b ^ 1) << 30 | (b ? 0x1full << 25 : 0) |
                       lo << 19;
        return s32 * 0x0000000100000001ull;
    }
    return a << 63 | (b ^ 1) << 62 | (b ? 0xffull << 54 : 0) | lo << 48;
}

/* All modified-immediate rows: op (bit 29) and cmode (bits 15:12) are
 * read from the encoding; the rows only split the Arm ARM encodings. */
static bool modimm(A64Ctx *s, const A64Fields *f)
{
    uint32_t insn = s->insn;
    int op = (insn >> 29) & 1, cmode = (insn >> 12) & 15, q = F('Q'), rd = F('d');
    if (cmode == 15 && op && !q)
        return false; /* FMOV Vd.1D is unallocated */
    uint64_t imm = expand_imm(op, cmode, F('i'));
    /* ORR/BIC: 32-bit (cmode 0xx1) and 16-bit (cmode 10x1) shifted forms. */
    bool orr_bic = (cmode & 1) && cmode < 12;
    if (!orr_bic) {
        /* MVNI is op=1 for cmode 0xx0, 10x0 and 110x; op=1 with 1110 is
         * MOVI (64-bit) and with 1111 FMOV (double). */
        if (op && cmode < 14)
            imm = ~imm;
        IRRef v = ir_const(s->b, imm);
        simd_ir_set(s, rd, q, v, v);
        return true;
    }
    IRRef lo = simd_ir_ld64(s, rd, 0), hi = q ? simd_ir_ld64(s, rd, 1) : 0;
    IRRef k = ir_const(s->b, op ? ~imm : imm);
    IROp o = op ? IR_AND : IR_OR;
    lo = ir_binop(s->b, o, 8, lo, k);
    if (q)
        hi = ir_binop(s->b, o, 8, hi, k);
    simd_ir_set(s, rd, q, lo, hi);
    return true;
}

bool a64_trans_MOVI_8_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_MOVI_16_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_MOVI_32_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_MOVI_MSL_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_MOVI_64_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_MVNI_16_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_MVNI_32_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_MVNI_MSL_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_ORR_16_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_ORR_32_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_BIC_16_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_BIC_32_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_FMOV_S_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }
bool a64_trans_FMOV_D_v(A64Ctx *s, const A64Fields *f) { return modimm(s, f); }

/* FMOV Vd.4H/8H, #imm (FEAT_FP16 encoding, o2=1).  FEAT_FP16 is not
 * advertised (cpu/aarch64/features.h), so the encoding is unallocated. */
#define A64_FEAT_FP16_SIMD 0
bool a64_trans_FMOV_H_v(A64Ctx *s, const A64Fields *f)
{
    if (!A64_FEAT_FP16_SIMD)
        return false;
    uint64_t imm = fp_expand_imm(16, (uint8_t)F('i')) * 0x0001000100010001ull;
    IRRef v = ir_const(s->b, imm);
    simd_ir_set(s, F('d'), F('Q'), v, v);
    return true;
}
