/*
 * cpu/aarch64/ldst-simd.c - AdvSIMD load/store structure translators
 * (Arm ARM C4.1.67/C4.1.68): LD1-LD4/ST1-ST4 multiple structures, LD1-LD4/
 * ST1-ST4 single structure (one lane), LD1R-LD4R, each with the
 * post-index forms (Rm = 31: immediate = bytes transferred; else Xm).
 * Rows are in cpu/aarch64/ldst.def.
 *
 * Strategy: the common forms become inline IR - LD1/ST1 of whole
 * registers are VLD/VST of 8 or 16 bytes (VLD zeroes bits 127:64 for the
 * 64-bit arrangements, as the architecture requires), a one-lane LD1/ST1
 * is LD + STENV / LDENV + ST on the lane's bytes in env->v[], LD1R is a
 * load, a multiply by 0x01..01 to replicate it into 64 bits and two STENVs.
 * The interleaving forms (LD2-4, ST2-4, all variants) are C helpers that
 * access guest memory directly; the CALL stores the guest pc first, so a
 * fault inside them is reported at this instruction.
 *
 * Invariants: register numbers wrap modulo 32 (Vt+1 of V31 is V0); host
 * and guest are little-endian, so lane i of a vreg is bytes [i*es, i*es+es)
 * of A64Vreg and element order in memory equals lane order; a helper load
 * reads all of memory before it writes any register.
 */
#include <string.h>
#include "cpu/aarch64/translate.h"

/* Decoded multiple-structures encoding. */
typedef struct SimdMult {
    int q, load, esize, selem, rpt, rt;
} SimdMult;

/* opcode -> (rpt, selem) per the Arm ARM decode of LD1..LD4 (multiple). */
static bool simd_mult_decode(uint32_t insn, SimdMult *d)
{
    unsigned opcode = (insn >> 12) & 15, size = (insn >> 10) & 3;
    d->q = (insn >> 30) & 1;
    d->load = (insn >> 22) & 1;
    d->rt = insn & 31;
    d->esize = 1 << size;
    switch (opcode) {
    case 0: d->rpt = 1; d->selem = 4; break;  /* LD4/ST4 */
    case 2: d->rpt = 4; d->selem = 1; break;  /* LD1/ST1, 4 regs */
    case 4: d->rpt = 1; d->selem = 3; break;  /* LD3/ST3 */
    case 6: d->rpt = 3; d->selem = 1; break;  /* LD1/ST1, 3 regs */
    case 7: d->rpt = 1; d->selem = 1; break;  /* LD1/ST1, 1 reg */
    case 8: d->rpt = 1; d->selem = 2; break;  /* LD2/ST2 */
    case 10: d->rpt = 2; d->selem = 1; break; /* LD1/ST1, 2 regs */
    default: return false;
    }
    /* The .1D arrangement exists only for LD1/ST1. */
    if (size == 3 && !d->q && d->selem != 1)
        return false;
    return true;
}

/* LD2-LD4/ST2-ST4 (multiple): element e of structure member j lives in
 * lane e of V(t+j). */
static void helper_mult(void *envp, uint64_t insn, uint64_t addr,
                        uint64_t unused1, uint64_t unused2)
{
    A64State *env = envp;
    SimdMult d;
    simd_mult_decode(insn, &d);
    int es = d.esize, nelem = (d.q ? 16 : 8) / es;
    uint8_t *mem = (uint8_t *)addr;
    if (d.load) {
        A64Vreg tmp[4];
        memset(tmp, 0, sizeof(tmp));
        for (int e = 0; e < nelem; e++)
            for (int j = 0; j < d.selem; j++, mem += es)
                memcpy(&tmp[j].b[e * es], mem, es);
        for (int j = 0; j < d.selem; j++)
            env->v[(d.rt + j) & 31] = tmp[j];
    } else {
        for (int e = 0; e < nelem; e++)
            for (int j = 0; j < d.selem; j++, mem += es)
                memcpy(mem, &env->v[(d.rt + j) & 31].b[e * es], es);
    }
}

/* Post-index writeback: Rm = 31 adds the transfer size, else Xm. */
static void simd_writeback(A64Ctx *s, int rn, int rm, IRRef base, int bytes)
{
    IRRef off = rm == 31 ? ir_const(s->b, bytes) : a64_reg(s, rm, 1);
    a64_set_reg_sp(s, rn, 1, ir_add(s->b, 8, base, off));
}

static bool simd_mult(A64Ctx *s, const A64Fields *f, bool post)
{
    SimdMult d;
    if (!simd_mult_decode(s->insn, &d))
        return false;
    int rn = F('n'), regbytes = d.q ? 16 : 8;
    int nregs = d.rpt * d.selem;
    IRBlock *b = s->b;
    IRRef base = a64_reg_sp(s, rn, 1);
    if (d.selem == 1) {
        for (int r = 0; r < d.rpt; r++) {
            IRRef a = ir_addi(b, 8, base, (uint64_t)(r * regbytes));
            if (d.load)
                ir_vld(b, regbytes, (d.rt + r) & 31, a);
            else
                ir_vst(b, regbytes, (d.rt + r) & 31, a);
        }
    } else {
        a64_call_insn(s, (void *)helper_mult, base, 0, 0);
    }
    if (post)
        simd_writeback(s, rn, F('m'), base, nregs * regbytes);
    return true;
}

bool a64_trans_SIMD_LDST_MULT(A64Ctx *s, const A64Fields *f)
{
    return simd_mult(s, f, false);
}

bool a64_trans_SIMD_LDST_MULT_POST(A64Ctx *s, const A64Fields *f)
{
    return simd_mult(s, f, true);
}

/* Decoded single-structure encoding. */
typedef struct SimdSingle {
    int q, load, esize, selem, index, rt;
    bool replicate;
} SimdSingle;

/* Arm ARM C4.1.68 decode: scale = opcode<2:1>, selem = opcode<0>:R + 1. */
static bool simd_single_decode(uint32_t insn, SimdSingle *d)
{
    unsigned opcode = (insn >> 13) & 7, S = (insn >> 12) & 1;
    unsigned size = (insn >> 10) & 3, R = (insn >> 21) & 1;
    unsigned q = (insn >> 30) & 1, scale = opcode >> 1;
    d->q = q;
    d->load = (insn >> 22) & 1;
    d->rt = insn & 31;
    d->selem = ((opcode & 1) << 1 | R) + 1;
    d->replicate = false;
    d->index = 0;
    switch (scale) {
    case 3: /* LDnR */
        if (!d->load || S)
            return false;
        scale = size;
        d->replicate = true;
        break;
    case 0:
        d->index = q << 3 | S << 2 | size;
        break;
    case 1:
        if (size & 1)
            return false;
        d->index = q << 2 | S << 1 | size >> 1;
        break;
    case 2:
        if (size & 2)
            return false;
        if (!(size & 1)) {
            d->index = q << 1 | S;
        } else {
            if (S)
                return false;
            d->index = q;
            scale = 3;
        }
        break;
    }
    d->esize = 1 << scale;
    return true;
}

/* LD2-4/ST2-4 single structure and LD2R-LD4R. */
static void helper_single(void *envp, uint64_t insn, uint64_t addr,
                          uint64_t unused1, uint64_t unused2)
{
    A64State *env = envp;
    SimdSingle d;
    simd_single_decode(insn, &d);
    int es = d.esize;
    uint8_t *mem = (uint8_t *)addr;
    if (d.replicate) {
        A64Vreg tmp[4];
        memset(tmp, 0, sizeof(tmp));
        int n = (d.q ? 16 : 8) / es;
        for (int j = 0; j < d.selem; j++, mem += es)
            for (int e = 0; e < n; e++)
                memcpy(&tmp[j].b[e * es], mem, es);
        for (int j = 0; j < d.selem; j++)
            env->v[(d.rt + j) & 31] = tmp[j];
    } else if (d.load) {
        uint8_t tmp[32];
        memcpy(tmp, mem, (size_t)(d.selem * es)); /* all reads first */
        for (int j = 0; j < d.selem; j++)
            memcpy(&env->v[(d.rt + j) & 31].b[d.index * es], tmp + j * es,
                   es);
    } else {
        for (int j = 0; j < d.selem; j++, mem += es)
            memcpy(mem, &env->v[(d.rt + j) & 31].b[d.index * es], es);
    }
}

/* Bytes of esize copies of 1 in a 64-bit word: x * this replicates x. */
static uint64_t rep_mult(int esize)
{
    switch (esize) {
    case 1: return 0x0101010101010101ull;
    case 2: return 0x0001000100010001ull;
    case 4: return 0x0000000100000001ull;
    default: return 1;
    }
}

static bool simd_single(A64Ctx *s, const A64Fields *f, bool post)
{
    SimdSingle d;
    if (!simd_single_decode(s->insn, &d))
        return false;
    int rn = F('n'), es = d.esize;
    IRBlock *b = s->b;
    IRRef base = a64_reg_sp(s, rn, 1);
    uint32_t voff = VREG_OFF(d.rt);
    if (d.selem > 1) {
        a64_call_insn(s, (void *)helper_single, base, 0, 0);
    } else if (d.replicate) {
        IRRef v = ir_ld(b, es, false, base);
        v = ir_binop(b, IR_MUL, 8, v, ir_const(b, rep_mult(es)));
        ir_stenv(b, 8, voff, v);
        ir_stenv(b, 8, voff + 8, d.q ? v : ir_const(b, 0));
    } else if (d.load) {
        ir_stenv(b, es, voff + d.index * es, ir_ld(b, es, false, base));
    } else {
        ir_st(b, es, base, ir_ldenv(b, es, voff + d.index * es));
    }
    if (post)
        simd_writeback(s, rn, F('m'), base, d.selem * es);
    return true;
}

bool a64_trans_SIMD_LDST_SINGLE(A64Ctx *s, const A64Fields *f)
{
    return simd_single(s, f, false);
}

bool a64_trans_SIMD_LDST_SINGLE_POST(A64Ctx *s, const A64Fields *f)
{
    return simd_single(s, f, true);
}
