/*
 * cpu/aarch64/dp-imm.c - A64 "Data Processing -- Immediate" (Arm ARM
 * C4.1.86): ADR/ADRP, ADD/SUB(S) immediate, logical immediate, move wide,
 * bitfield (SBFM/BFM/UBFM and so all their aliases) and EXTR.
 *
 * Rows are in dp-imm.def.  Every result is computed at the operation
 * width (IR size 4 or 8); the IR contract makes 4-byte results
 * zero-extended, and a64_set_reg(.., sf=0, ..) zero-extends as well, so W
 * destinations always get bits 63:32 cleared.  Register 31 is SP only
 * where the Arm ARM says so (Rn/Rd of ADD/SUB imm, Rd of AND/ORR/EOR imm).
 * Also owns a64_decode_bitmask (DecodeBitMasks of the Arm ARM).
 */
#include "cpu/aarch64/translate.h"

/* Ones(n) for 0 <= n <= 64. */
static uint64_t ones(unsigned n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

static uint64_t ror_w(uint64_t x, unsigned r, unsigned esize)
{
    uint64_t m = ones(esize);
    x &= m;
    r %= esize;
    return r ? ((x >> r) | (x << (esize - r))) & m : x;
}

/* DecodeBitMasks(immN, imms, immr, immediate) from the Arm ARM (shared
 * pseudocode): returns false where the pseudocode says UNDEFINED. */
bool a64_decode_bitmask(int sf, unsigned n, unsigned imms, unsigned immr,
                        bool logical, uint64_t *wmask, uint64_t *tmask)
{
    unsigned datasize = sf ? 64 : 32;
    unsigned v = (n & 1) << 6 | (~imms & 0x3f);
    if (v == 0)
        return false;
    unsigned len = 31 - (unsigned)__builtin_clz(v); /* HighestSetBit */
    if (len < 1 || (1u << len) > datasize)
        return false;
    unsigned levels = (unsigned)ones(len);
    if (logical && (imms & levels) == levels)
        return false; /* all-ones element is reserved */
    unsigned s = imms & levels, r = immr & levels;
    unsigned d = (s - r) & levels; /* diff<len-1:0> */
    unsigned esize = 1u << len;
    uint64_t welem = ror_w(ones(s + 1), r, esize);
    uint64_t telem = ones(d + 1);
    uint64_t w = 0, t = 0;
    for (unsigned i = 0; i < datasize; i += esize) {
        w |= welem << i;
        t |= telem << i;
    }
    *wmask = w;
    *tmask = t;
    return true;
}

static int opsize(int sf)
{
    return sf ? 8 : 4;
}

/* ---- PC-relative addressing ---------------------------------------- */

static int64_t adr_imm(const A64Fields *f)
{
    uint64_t imm = (uint64_t)F('h') << 2 | F('l');
    return (int64_t)(imm << 43) >> 43; /* SignExtend(immhi:immlo, 64) */
}

bool a64_trans_ADR(A64Ctx *s, const A64Fields *f)
{
    a64_set_reg(s, F('d'), 1, ir_const(s->b, s->pc + (uint64_t)adr_imm(f)));
    return true;
}

bool a64_trans_ADRP(A64Ctx *s, const A64Fields *f)
{
    uint64_t base = s->pc & ~0xfffull;
    a64_set_reg(s, F('d'), 1,
                ir_const(s->b, base + ((uint64_t)adr_imm(f) << 12)));
    return true;
}

/* ---- Add/subtract (immediate) -------------------------------------- */

static bool addsub_imm(A64Ctx *s, const A64Fields *f, bool sub, bool setflags)
{
    int sf = F('z'), size = opsize(sf);
    uint64_t imm = (uint64_t)F('i') << (F('h') ? 12 : 0);
    IRRef n = a64_reg_sp(s, F('n'), sf);
    IRRef k = ir_const(s->b, imm);
    IRRef r;
    if (setflags) {
        r = ir_flags_op(s->b, sub ? IR_SUBS : IR_ADDS, size, n, k);
        a64_set_reg(s, F('d'), sf, r); /* CMP/CMN: Rd = 31 is ZR */
    } else {
        r = ir_binop(s->b, sub ? IR_SUB : IR_ADD, size, n, k);
        a64_set_reg_sp(s, F('d'), sf, r); /* MOV to/from SP */
    }
    return true;
}

bool a64_trans_ADD_i(A64Ctx *s, const A64Fields *f)
{
    return addsub_imm(s, f, false, false);
}
bool a64_trans_ADDS_i(A64Ctx *s, const A64Fields *f)
{
    return addsub_imm(s, f, false, true);
}
bool a64_trans_SUB_i(A64Ctx *s, const A64Fields *f)
{
    return addsub_imm(s, f, true, false);
}
bool a64_trans_SUBS_i(A64Ctx *s, const A64Fields *f)
{
    return addsub_imm(s, f, true, true);
}

/* ---- Logical (immediate) ------------------------------------------- */

static bool logic_imm(A64Ctx *s, const A64Fields *f, IROp op, bool setflags)
{
    int sf = F('z'), size = opsize(sf);
    uint64_t wmask, tmask;
    if (!sf && F('N'))
        return false;
    if (!a64_decode_bitmask(sf, F('N'), F('s'), F('r'), true, &wmask, &tmask))
        return false;
    IRRef n = a64_reg(s, F('n'), sf);
    IRRef r = ir_binop(s->b, op, size, n, ir_const(s->b, wmask));
    if (setflags) {
        r = ir_logics(s->b, size, r);
        a64_set_reg(s, F('d'), sf, r);
    } else {
        a64_set_reg_sp(s, F('d'), sf, r);
    }
    return true;
}

bool a64_trans_AND_i(A64Ctx *s, const A64Fields *f)
{
    return logic_imm(s, f, IR_AND, false);
}
bool a64_trans_ORR_i(A64Ctx *s, const A64Fields *f)
{
    return logic_imm(s, f, IR_OR, false);
}
bool a64_trans_EOR_i(A64Ctx *s, const A64Fields *f)
{
    return logic_imm(s, f, IR_XOR, false);
}
bool a64_trans_ANDS_i(A64Ctx *s, const A64Fields *f)
{
    return logic_imm(s, f, IR_AND, true);
}

/* ---- Move wide (immediate) ----------------------------------------- */

/* hw selects the 16-bit slot; a W destination has only slots 0 and 1. */
static bool movewide_pos(const A64Fields *f, unsigned *pos)
{
    if (!F('z') && (F('h') & 2))
        return false;
    *pos = F('h') * 16;
    return true;
}

bool a64_trans_MOVN(A64Ctx *s, const A64Fields *f)
{
    unsigned pos;
    if (!movewide_pos(f, &pos))
        return false;
    uint64_t v = ~((uint64_t)F('i') << pos);
    if (!F('z'))
        v &= 0xffffffffull;
    a64_set_reg(s, F('d'), 1, ir_const(s->b, v));
    return true;
}

bool a64_trans_MOVZ(A64Ctx *s, const A64Fields *f)
{
    unsigned pos;
    if (!movewide_pos(f, &pos))
        return false;
    a64_set_reg(s, F('d'), 1, ir_const(s->b, (uint64_t)F('i') << pos));
    return true;
}

bool a64_trans_MOVK(A64Ctx *s, const A64Fields *f)
{
    unsigned pos;
    int sf = F('z'), size = opsize(sf);
    if (!movewide_pos(f, &pos))
        return false;
    IRRef old = a64_reg(s, F('d'), sf);
    IRRef kept = ir_andi(s->b, size, old, ~(0xffffull << pos));
    IRRef r = ir_binop(s->b, IR_OR, size, kept,
                       ir_const(s->b, (uint64_t)F('i') << pos));
    a64_set_reg(s, F('d'), sf, r);
    return true;
}

/* ---- Bitfield ------------------------------------------------------- */

/* Common checks of SBFM/BFM/UBFM: N must equal sf, and the W forms only
 * have 5-bit immr/imms (Arm ARM: otherwise UNDEFINED). */
static bool bitfield_ok(const A64Fields *f)
{
    if (F('N') != F('z'))
        return false;
    return F('z') || ((F('r') | F('s')) & 0x20) == 0;
}

/* SBFM: imms >= immr extracts bits imms:immr sign-extended (SBFX, ASR,
 * SXTB/H/W); imms < immr inserts bits imms:0 sign-extended at
 * datasize-immr (SBFIZ).  Both are shifts at the operation width. */
bool a64_trans_SBFM(A64Ctx *s, const A64Fields *f)
{
    if (!bitfield_ok(f))
        return false;
    int sf = F('z'), size = opsize(sf);
    unsigned D = sf ? 64 : 32, r = F('r'), sm = F('s');
    IRBlock *b = s->b;
    IRRef x = a64_reg(s, F('n'), sf), v;
    if (sm >= r) {
        unsigned width = sm - r + 1;
        if (r == 0 && (width == 8 || width == 16 || (width == 32 && sf)))
            v = ir_sext(b, size, (int)width / 8, x);
        else if (sm == D - 1)
            v = ir_sari(b, size, x, r);
        else
            v = ir_sari(b, size, ir_shli(b, size, x, D - 1 - sm), D - width);
    } else {
        unsigned width = sm + 1;
        v = ir_shli(b, size, x, D - width);
        if (r != width)
            v = ir_sari(b, size, v, r - width);
    }
    a64_set_reg(s, F('d'), sf, v);
    return true;
}

/* UBFM: imms >= immr is UBFX/LSR/UXTB/UXTH, imms < immr is UBFIZ/LSL. */
bool a64_trans_UBFM(A64Ctx *s, const A64Fields *f)
{
    if (!bitfield_ok(f))
        return false;
    int sf = F('z'), size = opsize(sf);
    unsigned D = sf ? 64 : 32, r = F('r'), sm = F('s');
    IRBlock *b = s->b;
    IRRef x = a64_reg(s, F('n'), sf), v;
    if (sm >= r) {
        unsigned width = sm - r + 1;
        if (r == 0 && (width == 8 || width == 16 || (width == 32 && sf)))
            v = ir_zext(b, (int)width / 8, x);
        else {
            v = ir_shri(b, size, x, r);
            if (sm != D - 1)
                v = ir_andi(b, size, v, ones(width));
        }
    } else {
        unsigned width = sm + 1;
        v = x;
        if (width != r) /* LSL (width == immr) needs no mask */
            v = ir_andi(b, size, v, ones(width));
        v = ir_shli(b, size, v, D - r);
    }
    a64_set_reg(s, F('d'), sf, v);
    return true;
}

/* BFM: copies a field of Rn into Rd, keeping Rd's other bits (BFXIL when
 * imms >= immr, BFI otherwise). */
bool a64_trans_BFM(A64Ctx *s, const A64Fields *f)
{
    if (!bitfield_ok(f))
        return false;
    int sf = F('z'), size = opsize(sf);
    unsigned D = sf ? 64 : 32, r = F('r'), sm = F('s'), width, pos;
    IRBlock *b = s->b;
    IRRef src = a64_reg(s, F('n'), sf), field;
    if (sm >= r) {
        width = sm - r + 1;
        pos = 0;
        field = ir_andi(b, size, ir_shri(b, size, src, r), ones(width));
    } else {
        width = sm + 1;
        pos = D - r;
        field = ir_shli(b, size, ir_andi(b, size, src, ones(width)), pos);
    }
    IRRef v = field;
    if (width < D) {
        IRRef dst = a64_reg(s, F('d'), sf);
        IRRef kept = ir_andi(b, size, dst, ~(ones(width) << pos));
        v = ir_binop(b, IR_OR, size, kept, field);
    }
    a64_set_reg(s, F('d'), sf, v);
    return true;
}

/* ---- Extract ------------------------------------------------------- */

/* EXTR: (Rn:Rm) >> lsb at the operation width; ROR (immediate) when
 * Rn == Rm.  N must equal sf and a W form's lsb is below 32. */
bool a64_trans_EXTR(A64Ctx *s, const A64Fields *f)
{
    int sf = F('z'), size = opsize(sf);
    unsigned lsb = F('s');
    if (F('N') != (unsigned)sf || (!sf && lsb >= 32))
        return false;
    IRRef hi = a64_reg(s, F('n'), sf);
    IRRef v;
    if (lsb == 0) {
        v = a64_reg(s, F('m'), sf);
    } else if (F('n') == F('m')) {
        v = ir_binop(s->b, IR_ROR, size, hi, ir_const(s->b, lsb));
    } else {
        v = ir_extr(s->b, size, hi, a64_reg(s, F('m'), sf), lsb);
    }
    a64_set_reg(s, F('d'), sf, v);
    return true;
}
