/*
 * cpu/aarch64/ldst.c - A64 "load/store register" and "load/store pair"
 * translators (Arm ARM C4.1.66-C4.1.94): LDR/STR in every addressing mode
 * (unsigned offset, unscaled, pre/post-index, register offset, literal,
 * unprivileged), sign-extending loads, PRFM, LDP/STP/LDPSW/LDNP/STNP, for
 * both general registers and SIMD&FP registers (V = 1).  Rows are in
 * cpu/aarch64/ldst.def.
 *
 * Invariants:
 *  - Guest memory is host memory: one IR LD/ST/VLD/VST per access, no
 *    checks; faults are recovered from the pc_off of the access.
 *  - Base register 31 is SP, index/data register 31 is XZR/WZR.
 *  - Every handler validates the encoding before it emits any IR, so a
 *    `false` return (unallocated -> SIGILL) leaves no half-translated
 *    instruction behind.
 *  - All loads of an instruction happen before any register is written,
 *    and base writeback is the last write: for the CONSTRAINED
 *    UNPREDICTABLE cases (load with writeback and Rt == Rn, LDP Rt == Rt2)
 *    we do what qemu does (writeback wins; Rt2 wins).
 *  - Alignment: A64 allows unaligned normal accesses and so does x86; the
 *    SP alignment check (SCTLR_EL1.SA0) is not emulated, as in qemu-user.
 *  - LDTR/STTR behave as LDR/STR: at EL0 the unprivileged access is the
 *    normal access.
 */
#include "cpu/aarch64/translate.h"

/* What one size/opc/V combination of the single-register classes does. */
typedef struct LdstKind {
    int bytes;    /* access size: 1, 2, 4, 8 or 16 */
    bool load;
    bool sign;    /* sign-extending integer load */
    int sf;       /* destination width of an integer load: 1 = X, 0 = W */
    bool vec;     /* SIMD&FP register */
    bool prfm;    /* prefetch: a NOP for emulation */
} LdstKind;

/* Sign-extends the low `bits` bits of v. */
static int64_t sext_bits(uint64_t v, int bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

/*
 * Decodes size:opc:V of the load/store register classes (Arm ARM C4.1.66
 * decode table).  allow_prfm: the class has a PRFM/PRFUM encoding at
 * size=11 opc=10 (unsigned offset, unscaled, register offset); elsewhere
 * that encoding is unallocated.  Returns false for unallocated.
 */
static bool ldst_kind(unsigned size, unsigned opc, unsigned v,
                      bool allow_prfm, LdstKind *k)
{
    *k = (LdstKind){.bytes = 1 << size};
    if (v) {
        k->vec = true;
        k->load = opc & 1;
        if (opc & 2) { /* 128-bit Q register: only size=00 */
            if (size != 0)
                return false;
            k->bytes = 16;
        }
        return true;
    }
    switch (opc) {
    case 0: /* STRB/STRH/STR */
        return true;
    case 1: /* LDRB/LDRH/LDR: zero-extending */
        k->load = true;
        k->sf = size == 3;
        return true;
    case 2: /* LDRSB/LDRSH/LDRSW to X, or PRFM at size=11 */
        if (size == 3) {
            k->prfm = true;
            return allow_prfm;
        }
        k->load = k->sign = true;
        k->sf = 1;
        return true;
    default: /* LDRSB/LDRSH to W */
        if (size >= 2)
            return false;
        k->load = k->sign = true;
        k->sf = 0;
        return true;
    }
}

/* Performs the access described by k at addr for register rt. */
static void ldst_access(A64Ctx *s, const LdstKind *k, int rt, IRRef addr)
{
    if (k->prfm)
        return;
    if (k->vec) {
        if (k->load)
            ir_vld(s->b, k->bytes, rt, addr);
        else
            ir_vst(s->b, k->bytes, rt, addr);
    } else if (k->load) {
        /* A W destination keeps the low 32 bits of the (sign-)extended
         * value: a64_set_reg with sf=0 zero-extends bits 63:32. */
        a64_set_reg(s, rt, k->sf, ir_ld(s->b, k->bytes, k->sign, addr));
    } else {
        ir_st(s->b, k->bytes, addr, a64_reg(s, rt, 1));
    }
}

/* Addressing modes of the imm9 classes. */
enum { AM_OFFSET, AM_POST, AM_PRE };

static bool ldst_imm9(A64Ctx *s, const A64Fields *f, int mode, bool prfm)
{
    LdstKind k;
    if (!ldst_kind(F('z'), F('o'), F('V'), prfm, &k))
        return false;
    int64_t off = sext_bits(F('i'), 9);
    int rn = F('n');
    IRRef base = a64_reg_sp(s, rn, 1);
    IRRef ea = ir_addi(s->b, 8, base, (uint64_t)off);
    ldst_access(s, &k, F('t'), mode == AM_POST ? base : ea);
    if (mode != AM_OFFSET)
        a64_set_reg_sp(s, rn, 1, ea);
    return true;
}

bool a64_trans_LDST_UNSCALED(A64Ctx *s, const A64Fields *f)
{
    return ldst_imm9(s, f, AM_OFFSET, true);
}

bool a64_trans_LDST_POST(A64Ctx *s, const A64Fields *f)
{
    return ldst_imm9(s, f, AM_POST, false);
}

bool a64_trans_LDST_PRE(A64Ctx *s, const A64Fields *f)
{
    return ldst_imm9(s, f, AM_PRE, false);
}

/* LDTR/STTR: no SIMD&FP form, no prefetch. */
bool a64_trans_LDST_UNPRIV(A64Ctx *s, const A64Fields *f)
{
    if (F('V'))
        return false;
    return ldst_imm9(s, f, AM_OFFSET, false);
}

bool a64_trans_LDST_UIMM(A64Ctx *s, const A64Fields *f)
{
    LdstKind k;
    if (!ldst_kind(F('z'), F('o'), F('V'), true, &k))
        return false;
    uint64_t off = (uint64_t)F('i') * (uint64_t)k.bytes;
    if (k.prfm)
        return true; /* PRFM: no access, no fault (prefetches never fault) */
    IRRef ea = ir_addi(s->b, 8, a64_reg_sp(s, F('n'), 1), off);
    ldst_access(s, &k, F('t'), ea);
    return true;
}

/*
 * Register offset: address = Xn|SP + (extend(Rm, option) << (S ? scale : 0)).
 * option<1> == 0 is unallocated; 011 is LSL (UXTX).
 */
bool a64_trans_LDST_REG(A64Ctx *s, const A64Fields *f)
{
    LdstKind k;
    unsigned opt = F('e');
    if (!(opt & 2))
        return false;
    if (!ldst_kind(F('z'), F('o'), F('V'), true, &k))
        return false;
    if (k.prfm)
        return true;
    IRRef idx;
    if (opt & 1) { /* UXTX/LSL, SXTX: all 64 bits */
        idx = a64_reg(s, F('m'), 1);
    } else if (opt & 4) { /* SXTW */
        idx = ir_sext(s->b, 8, 4, a64_reg(s, F('m'), 0));
    } else { /* UXTW */
        idx = a64_reg(s, F('m'), 0);
    }
    if (F('S')) {
        unsigned sh = k.bytes == 16 ? 4 : F('z');
        idx = ir_shli(s->b, 8, idx, sh);
    }
    IRRef ea = ir_add(s->b, 8, a64_reg_sp(s, F('n'), 1), idx);
    ldst_access(s, &k, F('t'), ea);
    return true;
}

/* LDR (literal): pc-relative, imm19 words. */
bool a64_trans_LDR_LIT(A64Ctx *s, const A64Fields *f)
{
    unsigned opc = F('o');
    LdstKind k = {.load = true};
    if (F('V')) {
        if (opc == 3)
            return false;
        k.vec = true;
        k.bytes = 4 << opc; /* S, D, Q */
    } else {
        switch (opc) {
        case 0: k.bytes = 4; break;                          /* LDR Wt */
        case 1: k.bytes = 8; k.sf = 1; break;                /* LDR Xt */
        case 2: k.bytes = 4; k.sign = true; k.sf = 1; break; /* LDRSW */
        default: return true;                                /* PRFM */
        }
    }
    uint64_t addr = s->pc + (uint64_t)(sext_bits(F('i'), 19) * 4);
    ldst_access(s, &k, F('t'), ir_const(s->b, addr));
    return true;
}

/*
 * Load/store pair.  opc:V:L select the register kind; imm7 is scaled by
 * the access size.  mode: AM_OFFSET (also LDNP/STNP, whose non-temporal
 * hint means nothing here), AM_POST, AM_PRE.
 */
static bool ldstp(A64Ctx *s, const A64Fields *f, int mode, bool nontemporal)
{
    unsigned opc = F('o');
    bool load = F('L'), vec = F('V'), sign = false;
    int bytes;
    if (vec) {
        if (opc == 3)
            return false;
        bytes = 4 << opc; /* S, D, Q */
    } else if (opc == 0) {
        bytes = 4;
    } else if (opc == 2) {
        bytes = 8;
    } else if (opc == 1 && load && !nontemporal) {
        bytes = 4; /* LDPSW */
        sign = true;
    } else {
        return false; /* STGP (MTE, not implemented) or unallocated */
    }
    int shift = bytes == 16 ? 4 : bytes == 8 ? 3 : 2;
    uint64_t off = (uint64_t)(sext_bits(F('i'), 7) * (1 << shift));
    int rn = F('n'), rt = F('t'), rt2 = F('u');
    IRBlock *b = s->b;
    IRRef base = a64_reg_sp(s, rn, 1);
    IRRef ea = ir_addi(b, 8, base, off);
    IRRef a1 = mode == AM_POST ? base : ea;
    IRRef a2 = ir_addi(b, 8, a1, bytes);
    if (vec) {
        if (load) {
            ir_vld(b, bytes, rt, a1);
            ir_vld(b, bytes, rt2, a2);
        } else {
            ir_vst(b, bytes, rt, a1);
            ir_vst(b, bytes, rt2, a2);
        }
    } else if (load) {
        IRRef v1 = ir_ld(b, bytes, sign, a1);
        IRRef v2 = ir_ld(b, bytes, sign, a2);
        int sf = bytes == 8 || sign;
        a64_set_reg(s, rt, sf, v1);
        a64_set_reg(s, rt2, sf, v2);
    } else {
        /* Both data registers are read before the writeback. */
        IRRef v1 = a64_reg(s, rt, 1), v2 = a64_reg(s, rt2, 1);
        ir_st(b, bytes, a1, v1);
        ir_st(b, bytes, a2, v2);
    }
    if (mode != AM_OFFSET)
        a64_set_reg_sp(s, rn, 1, ea);
    return true;
}

bool a64_trans_LDSTP_NA(A64Ctx *s, const A64Fields *f)
{
    return ldstp(s, f, AM_OFFSET, true);
}

bool a64_trans_LDSTP_POST(A64Ctx *s, const A64Fields *f)
{
    return ldstp(s, f, AM_POST, false);
}

bool a64_trans_LDSTP_OFF(A64Ctx *s, const A64Fields *f)
{
    return ldstp(s, f, AM_OFFSET, false);
}

bool a64_trans_LDSTP_PRE(A64Ctx *s, const A64Fields *f)
{
    return ldstp(s, f, AM_PRE, false);
}
