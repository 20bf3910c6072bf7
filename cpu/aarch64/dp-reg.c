/*
 * cpu/aarch64/dp-reg.c - A64 "Data Processing -- Register" (Arm ARM
 * C4.1.95): logical and add/sub with shifted or extended register,
 * add/sub with carry, conditional compare and select, 1-, 2- and
 * 3-source data processing (incl. CRC32/CRC32C, done in a C helper).
 *
 * Rows are in dp-reg.def.  Every op runs at the operation width (IR size
 * 4 for W forms, whose results the IR zero-extends); register 31 is XZR
 * except where the Arm ARM says SP (Rd/Rn of the extended-register
 * ADD/SUB, Rn of ADDS/SUBS extended).  Flags come only from the IR flag
 * ops (ADDS/SUBS/ADCS/SBCS/LOGICS) so the back end can map them to EFLAGS.
 */
#include "cpu/aarch64/translate.h"

static int opsize(int sf)
{
    return sf ? 8 : 4;
}

/* ShiftReg(m, shift_type, amount) at the operation width. */
static IRRef shift_reg(A64Ctx *s, int sf, unsigned rm, unsigned type,
                       unsigned amount)
{
    int size = opsize(sf);
    IRRef v = a64_reg(s, (int)rm, sf);
    if (amount == 0)
        return v;
    static const IROp ops[4] = {IR_SHL, IR_SHR, IR_SAR, IR_ROR};
    return ir_binop(s->b, ops[type & 3], size, v, ir_const(s->b, amount));
}

/* ---- Logical (shifted register) ------------------------------------ */

enum { LOG_AND, LOG_OR, LOG_XOR };

static bool logic_reg(A64Ctx *s, const A64Fields *f, int kind, bool invert,
                      bool setflags)
{
    int sf = F('z'), size = opsize(sf);
    if (!sf && (F('i') & 0x20))
        return false;
    IRBlock *b = s->b;
    IRRef m = shift_reg(s, sf, F('m'), F('h'), F('i'));
    IRRef r;
    if (kind == LOG_OR && F('n') == 31) {
        /* MOV (register) / MVN: the common aliases, no OR with zero. */
        r = invert ? ir_unop(b, IR_NOT, size, m) : m;
    } else {
        IRRef n = a64_reg(s, F('n'), sf);
        if (kind == LOG_AND) {
            r = ir_binop(b, invert ? IR_ANDN : IR_AND, size, n, m);
        } else {
            if (invert)
                m = ir_unop(b, IR_NOT, size, m);
            r = ir_binop(b, kind == LOG_OR ? IR_OR : IR_XOR, size, n, m);
        }
    }
    if (setflags)
        r = ir_logics(b, size, r);
    a64_set_reg(s, F('d'), sf, r);
    return true;
}

bool a64_trans_AND_r(A64Ctx *s, const A64Fields *f)
{
    return logic_reg(s, f, LOG_AND, false, false);
}
bool a64_trans_BIC_r(A64Ctx *s, const A64Fields *f)
{
    return logic_reg(s, f, LOG_AND, true, false);
}
bool a64_trans_ORR_r(A64Ctx *s, const A64Fields *f)
{
    return logic_reg(s, f, LOG_OR, false, false);
}
bool a64_trans_ORN_r(A64Ctx *s, const A64Fields *f)
{
    return logic_reg(s, f, LOG_OR, true, false);
}
bool a64_trans_EOR_r(A64Ctx *s, const A64Fields *f)
{
    return logic_reg(s, f, LOG_XOR, false, false);
}
bool a64_trans_EON_r(A64Ctx *s, const A64Fields *f)
{
    return logic_reg(s, f, LOG_XOR, true, false);
}
bool a64_trans_ANDS_r(A64Ctx *s, const A64Fields *f)
{
    return logic_reg(s, f, LOG_AND, false, true);
}
bool a64_trans_BICS_r(A64Ctx *s, const A64Fields *f)
{
    return logic_reg(s, f, LOG_AND, true, true);
}

/* ---- Add/subtract (shifted and extended register) ------------------ */

static IRRef addsub(A64Ctx *s, int size, bool sub, bool setflags, IRRef n,
                    IRRef m)
{
    if (setflags)
        return ir_flags_op(s->b, sub ? IR_SUBS : IR_ADDS, size, n, m);
    return ir_binop(s->b, sub ? IR_SUB : IR_ADD, size, n, m);
}

static bool addsub_shifted(A64Ctx *s, const A64Fields *f, bool sub,
                           bool setflags)
{
    int sf = F('z'), size = opsize(sf);
    if (F('h') == 3 || (!sf && (F('i') & 0x20)))
        return false; /* ROR is reserved here */
    IRRef m = shift_reg(s, sf, F('m'), F('h'), F('i'));
    IRRef r;
    if (sub && !setflags && F('n') == 31)
        r = ir_unop(s->b, IR_NEG, size, m); /* NEG alias */
    else
        r = addsub(s, size, sub, setflags, a64_reg(s, F('n'), sf), m);
    a64_set_reg(s, F('d'), sf, r);
    return true;
}

bool a64_trans_ADD_sr(A64Ctx *s, const A64Fields *f)
{
    return addsub_shifted(s, f, false, false);
}
bool a64_trans_ADDS_sr(A64Ctx *s, const A64Fields *f)
{
    return addsub_shifted(s, f, false, true);
}
bool a64_trans_SUB_sr(A64Ctx *s, const A64Fields *f)
{
    return addsub_shifted(s, f, true, false);
}
bool a64_trans_SUBS_sr(A64Ctx *s, const A64Fields *f)
{
    return addsub_shifted(s, f, true, true);
}

/* ExtendReg(m, option, shift): UXTB/H/W/X (0-3), SXTB/H/W/X (4-7), then
 * LSL by 0..4, at the operation width. */
static bool addsub_ext(A64Ctx *s, const A64Fields *f, bool sub, bool setflags)
{
    int sf = F('z'), size = opsize(sf);
    unsigned opt = F('o'), sh = F('i');
    if (sh > 4)
        return false;
    IRBlock *b = s->b;
    IRRef m = a64_reg(s, F('m'), sf);
    int len = 1 << (opt & 3); /* bytes: 1, 2, 4, 8 */
    if (len < size)
        m = (opt & 4) ? ir_sext(b, size, len, m) : ir_zext(b, len, m);
    if (sh)
        m = ir_shli(b, size, m, sh);
    IRRef r = addsub(s, size, sub, setflags, a64_reg_sp(s, F('n'), sf), m);
    if (setflags)
        a64_set_reg(s, F('d'), sf, r);
    else
        a64_set_reg_sp(s, F('d'), sf, r);
    return true;
}

bool a64_trans_ADD_er(A64Ctx *s, const A64Fields *f)
{
    return addsub_ext(s, f, false, false);
}
bool a64_trans_ADDS_er(A64Ctx *s, const A64Fields *f)
{
    return addsub_ext(s, f, false, true);
}
bool a64_trans_SUB_er(A64Ctx *s, const A64Fields *f)
{
    return addsub_ext(s, f, true, false);
}
bool a64_trans_SUBS_er(A64Ctx *s, const A64Fields *f)
{
    return addsub_ext(s, f, true, true);
}

/* Rd = Rn op Rm at the instruction's width.  UDIV/SDIV (x/0 = 0,
 * INT_MIN/-1 = INT_MIN) and the variable shifts (amount mod width) are
 * exactly the IR ops' contracts; the carry ops read (and ADCS/SBCS
 * write) NZCV, so they are emitted as they are instead of folded. */
static bool binary(A64Ctx *s, const A64Fields *f, IROp op)
{
    int sf = F('z');
    IRRef n = a64_reg(s, F('n'), sf), m = a64_reg(s, F('m'), sf);
    IRRef r = ir_op_info[op].pure ? ir_binop(s->b, op, opsize(sf), n, m)
                                  : ir_flags_op(s->b, op, opsize(sf), n, m);
    a64_set_reg(s, F('d'), sf, r);
    return true;
}

/* ---- Add/subtract with carry --------------------------------------- */

bool a64_trans_ADC(A64Ctx *s, const A64Fields *f)
{
    return binary(s, f, IR_ADC);
}
bool a64_trans_ADCS(A64Ctx *s, const A64Fields *f)
{
    return binary(s, f, IR_ADCS);
}
bool a64_trans_SBC(A64Ctx *s, const A64Fields *f)
{
    return binary(s, f, IR_SBC);
}
bool a64_trans_SBCS(A64Ctx *s, const A64Fields *f)
{
    return binary(s, f, IR_SBCS);
}

/* ---- Conditional compare ------------------------------------------- */

/* CCMP/CCMN: the condition is evaluated on the flags before the compare;
 * if it holds NZCV = flags of the compare, else NZCV = #nzcv. */
static bool ccmp(A64Ctx *s, const A64Fields *f, bool sub, IRRef m)
{
    int sf = F('z');
    IRBlock *b = s->b;
    IRRef c = ir_cond(b, F('c'));
    ir_flags_op(b, sub ? IR_SUBS : IR_ADDS, opsize(sf), a64_reg(s, F('n'), sf),
                m);
    if (ir_is_const(b, c, NULL))
        return true; /* AL/NV: always the compare */
    IRRef nz = ir_sel(b, c, ir_getnzcv(b), ir_const(b, (uint64_t)F('f') << 28));
    ir_setnzcv(b, nz);
    return true;
}

bool a64_trans_CCMN_r(A64Ctx *s, const A64Fields *f)
{
    return ccmp(s, f, false, a64_reg(s, F('m'), F('z')));
}
bool a64_trans_CCMP_r(A64Ctx *s, const A64Fields *f)
{
    return ccmp(s, f, true, a64_reg(s, F('m'), F('z')));
}
bool a64_trans_CCMN_i(A64Ctx *s, const A64Fields *f)
{
    return ccmp(s, f, false, ir_const(s->b, F('i')));
}
bool a64_trans_CCMP_i(A64Ctx *s, const A64Fields *f)
{
    return ccmp(s, f, true, ir_const(s->b, F('i')));
}

/* ---- Conditional select -------------------------------------------- */

enum { CS_SEL, CS_INC, CS_INV, CS_NEG };

static bool csel(A64Ctx *s, const A64Fields *f, int kind)
{
    int sf = F('z'), size = opsize(sf);
    unsigned cond = F('c');
    IRBlock *b = s->b;
    IRRef r;
    if (F('n') == 31 && F('m') == 31 && cond < 14 &&
        (kind == CS_INC || kind == CS_INV)) {
        /* CSET / CSETM: cond ? 0 : 1 (or ~0) is the inverted condition. */
        r = ir_cond(b, cond ^ 1);
        if (kind == CS_INV)
            r = ir_unop(b, IR_NEG, size, r);
    } else {
        IRRef n = a64_reg(s, F('n'), sf), m = a64_reg(s, F('m'), sf);
        if (kind == CS_INC)
            m = ir_addi(b, size, m, 1);
        else if (kind == CS_INV)
            m = ir_unop(b, IR_NOT, size, m);
        else if (kind == CS_NEG)
            m = ir_unop(b, IR_NEG, size, m);
        r = ir_csel(b, cond, size, n, m);
    }
    a64_set_reg(s, F('d'), sf, r);
    return true;
}

bool a64_trans_CSEL(A64Ctx *s, const A64Fields *f)
{
    return csel(s, f, CS_SEL);
}
bool a64_trans_CSINC(A64Ctx *s, const A64Fields *f)
{
    return csel(s, f, CS_INC);
}
bool a64_trans_CSINV(A64Ctx *s, const A64Fields *f)
{
    return csel(s, f, CS_INV);
}
bool a64_trans_CSNEG(A64Ctx *s, const A64Fields *f)
{
    return csel(s, f, CS_NEG);
}

/* ---- Data-processing (1 source) ------------------------------------ */

static bool unary(A64Ctx *s, const A64Fields *f, IROp op)
{
    int sf = F('z');
    a64_set_reg(s, F('d'), sf,
                ir_unop(s->b, op, opsize(sf), a64_reg(s, F('n'), sf)));
    return true;
}

bool a64_trans_RBIT(A64Ctx *s, const A64Fields *f)
{
    return unary(s, f, IR_RBIT);
}
bool a64_trans_CLZ(A64Ctx *s, const A64Fields *f)
{
    return unary(s, f, IR_CLZ);
}

/* REV16: swap the bytes of every halfword. */
bool a64_trans_REV16(A64Ctx *s, const A64Fields *f)
{
    int sf = F('z'), size = opsize(sf);
    IRBlock *b = s->b;
    uint64_t lo = sf ? 0x00ff00ff00ff00ffull : 0x00ff00ffull;
    IRRef x = a64_reg(s, F('n'), sf);
    IRRef hi_part = ir_andi(b, size, ir_shri(b, size, x, 8), lo);
    IRRef lo_part = ir_shli(b, size, ir_andi(b, size, x, lo), 8);
    a64_set_reg(s, F('d'), sf, ir_binop(b, IR_OR, size, hi_part, lo_part));
    return true;
}

/* REV32 Xd reverses the bytes of each word; with sf = 0 this encoding is
 * REV Wd, a plain 32-bit byte swap. */
bool a64_trans_REV32(A64Ctx *s, const A64Fields *f)
{
    int sf = F('z');
    IRBlock *b = s->b;
    IRRef x = a64_reg(s, F('n'), sf);
    IRRef r;
    if (sf)
        r = ir_binop(b, IR_ROR, 8, ir_unop(b, IR_BSWAP, 8, x), ir_const(b, 32));
    else
        r = ir_unop(b, IR_BSWAP, 4, x);
    a64_set_reg(s, F('d'), sf, r);
    return true;
}

bool a64_trans_REV64(A64Ctx *s, const A64Fields *f)
{
    if (!F('z'))
        return false;
    return unary(s, f, IR_BSWAP);
}

/* CLS(x) = CLZ(x ^ (x >> 1 arithmetic)) - 1: the xor clears the sign bit
 * and marks the first bit that differs from it. */
bool a64_trans_CLS(A64Ctx *s, const A64Fields *f)
{
    int sf = F('z'), size = opsize(sf);
    IRBlock *b = s->b;
    IRRef x = a64_reg(s, F('n'), sf);
    IRRef t = ir_binop(b, IR_XOR, size, x, ir_sari(b, size, x, 1));
    IRRef r = ir_addi(b, size, ir_unop(b, IR_CLZ, size, t), (uint64_t)-1);
    a64_set_reg(s, F('d'), sf, r);
    return true;
}

/* ---- Data-processing (2 source) ------------------------------------ */

bool a64_trans_UDIV(A64Ctx *s, const A64Fields *f)
{
    return binary(s, f, IR_UDIV);
}
bool a64_trans_SDIV(A64Ctx *s, const A64Fields *f)
{
    return binary(s, f, IR_SDIV);
}
bool a64_trans_LSLV(A64Ctx *s, const A64Fields *f)
{
    return binary(s, f, IR_SHL);
}
bool a64_trans_LSRV(A64Ctx *s, const A64Fields *f)
{
    return binary(s, f, IR_SHR);
}
bool a64_trans_ASRV(A64Ctx *s, const A64Fields *f)
{
    return binary(s, f, IR_SAR);
}
bool a64_trans_RORV(A64Ctx *s, const A64Fields *f)
{
    return binary(s, f, IR_ROR);
}

/* Reflected CRC tables: CRC32 uses 0x04C11DB7, CRC32C 0x1EDC6F41 (bit-
 * reversed below).  The Arm instructions do no pre/post inversion. */
static uint32_t crc_tab[2][256];

__attribute__((constructor)) static void crc_init(void)
{
    static const uint32_t poly[2] = {0xedb88320u, 0x82f63b78u};
    for (int k = 0; k < 2; k++)
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int j = 0; j < 8; j++)
                c = (c >> 1) ^ ((c & 1) ? poly[k] : 0);
            crc_tab[k][i] = c;
        }
}

/* a = accumulator (Wn), b = value (Rm), c = bytes (1/2/4/8), d = 1 for
 * CRC32C.  Bytes are consumed from the least significant end. */
uint64_t a64_helper_crc32(void *env, uint64_t a, uint64_t b, uint64_t c,
                          uint64_t d)
{
    const uint32_t *t = crc_tab[d & 1];
    uint32_t crc = (uint32_t)a;
    for (uint64_t i = 0; i < c; i++, b >>= 8)
        crc = t[(crc ^ (uint32_t)b) & 0xff] ^ (crc >> 8);
    return crc;
}

/* CRC32X/CRC32CX need sf = 1; the B/H/W forms need sf = 0. */
static bool crc32(A64Ctx *s, const A64Fields *f, bool castagnoli)
{
    unsigned sz = F('s');
    if ((sz == 3) != (F('z') == 1))
        return false;
    IRBlock *b = s->b;
    IRRef r = ir_call(b, (void *)a64_helper_crc32, IR_CALL_PURE, 4,
                      a64_reg(s, F('n'), 0), a64_reg(s, F('m'), sz == 3),
                      ir_const(b, 1u << sz), ir_const(b, castagnoli));
    a64_set_reg(s, F('d'), 0, r);
    return true;
}

bool a64_trans_CRC32(A64Ctx *s, const A64Fields *f)
{
    return crc32(s, f, false);
}
bool a64_trans_CRC32C(A64Ctx *s, const A64Fields *f)
{
    return crc32(s, f, true);
}

/* ---- Data-processing (3 source) ------------------------------------ */

static bool madd(A64Ctx *s, const A64Fields *f, bool sub)
{
    int sf = F('z'), size = opsize(sf);
    IRBlock *b = s->b;
    IRRef p = ir_binop(b, IR_MUL, size, a64_reg(s, F('n'), sf),
                       a64_reg(s, F('m'), sf));
    IRRef r;
    if (F('a') == 31)
        r = sub ? ir_unop(b, IR_NEG, size, p) : p; /* MUL / MNEG */
    else
        r = ir_binop(b, sub ? IR_SUB : IR_ADD, size, a64_reg(s, F('a'), sf), p);
    a64_set_reg(s, F('d'), sf, r);
    return true;
}

bool a64_trans_MADD(A64Ctx *s, const A64Fields *f)
{
    return madd(s, f, false);
}
bool a64_trans_MSUB(A64Ctx *s, const A64Fields *f)
{
    return madd(s, f, true);
}

/* 32x32->64 multiply-accumulate: the W operands are extended first. */
static bool maddl(A64Ctx *s, const A64Fields *f, bool sign, bool sub)
{
    IRBlock *b = s->b;
    IRRef n = a64_reg(s, F('n'), 0), m = a64_reg(s, F('m'), 0);
    if (sign) {
        n = ir_sext(b, 8, 4, n);
        m = ir_sext(b, 8, 4, m);
    }
    IRRef p = ir_binop(b, IR_MUL, 8, n, m);
    IRRef r;
    if (F('a') == 31)
        r = sub ? ir_unop(b, IR_NEG, 8, p) : p; /* SMULL/UMULL/..NEGL */
    else
        r = ir_binop(b, sub ? IR_SUB : IR_ADD, 8, a64_reg(s, F('a'), 1), p);
    a64_set_reg(s, F('d'), 1, r);
    return true;
}

bool a64_trans_SMADDL(A64Ctx *s, const A64Fields *f)
{
    return maddl(s, f, true, false);
}
bool a64_trans_SMSUBL(A64Ctx *s, const A64Fields *f)
{
    return maddl(s, f, true, true);
}
bool a64_trans_UMADDL(A64Ctx *s, const A64Fields *f)
{
    return maddl(s, f, false, false);
}
bool a64_trans_UMSUBL(A64Ctx *s, const A64Fields *f)
{
    return maddl(s, f, false, true);
}

bool a64_trans_SMULH(A64Ctx *s, const A64Fields *f)
{
    IRRef r = ir_binop(s->b, IR_MULHS, 8, a64_reg(s, F('n'), 1),
                       a64_reg(s, F('m'), 1));
    a64_set_reg(s, F('d'), 1, r);
    return true;
}

bool a64_trans_UMULH(A64Ctx *s, const A64Fields *f)
{
    IRRef r = ir_binop(s->b, IR_MULHU, 8, a64_reg(s, F('n'), 1),
                       a64_reg(s, F('m'), 1));
    a64_set_reg(s, F('d'), 1, r);
    return true;
}
