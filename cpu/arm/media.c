/*
 * cpu/arm/media.c - extends (SXTB/SXTH/UXTB/UXTH, with add, the B16 forms),
 * bitfields (BFC/BFI/SBFX/UBFX), REV/REV16/REVSH/RBIT/CLZ, PKHBT/PKHTB,
 * saturation (SSAT/USAT(16), QADD/QSUB/QDADD/QDSUB: set APSR.Q), the
 * parallel add/subtract family (sets APSR.GE for the S and U forms), SEL
 * (reads GE) and CRC32/CRC32C, for A32, T32 and T16.
 *
 * The common ones are inline IR.  Saturating, parallel, B16 and CRC forms
 * go through one C helper (arm_helper_media); it touches only env->q and
 * env->ge besides its result, so it is an IR_CALL_NOGPR call.
 */
#include "cpu/arm/arm-internal.h"

enum {
    MED_SSAT, MED_USAT, MED_SSAT16, MED_USAT16, /* imm = saturate width */
    MED_QADD, MED_QSUB, MED_QDADD, MED_QDSUB,
    MED_SXTB16, MED_UXTB16, /* a + extend(b), per halfword */
    MED_SEL,
    MED_CRC32, MED_CRC32C,  /* imm = bytes */
    MED_PAR,                /* imm = kind << 4 | op (see par_op) */
};
#define MED(op, imm) ((uint64_t)(op) | (uint64_t)(imm) << 8)

/* Parallel kinds and operations. */
enum { PK_S, PK_Q, PK_SH, PK_U, PK_UQ, PK_UH };
enum { PO_ADD16, PO_ASX, PO_SAX, PO_SUB16, PO_ADD8, PO_SUB8 };

static int64_t ssat(ArmState *env, int64_t v, unsigned bits)
{
    int64_t max = ((int64_t)1 << (bits - 1)) - 1, min = -max - 1;
    if (v > max || v < min) {
        env->q = 1;
        return v > max ? max : min;
    }
    return v;
}

static int64_t usat(ArmState *env, int64_t v, unsigned bits)
{
    int64_t max = ((int64_t)1 << bits) - 1;
    if (v > max || v < 0) {
        env->q = 1;
        return v > max ? max : 0;
    }
    return v;
}

static uint32_t crc32_update(uint32_t crc, uint32_t v, unsigned bytes,
                             uint32_t poly)
{
    for (unsigned i = 0; i < bytes; i++) {
        crc ^= (v >> (8 * i)) & 0xff;
        for (int k = 0; k < 8; k++)
            crc = crc & 1 ? (crc >> 1) ^ poly : crc >> 1;
    }
    return crc;
}

static uint32_t lanes_ge(uint32_t ge_bits, int lane, int per, bool set)
{
    uint32_t m = (per == 2 ? 3u : 1u) << (16 + lane * per);
    return set ? ge_bits | m : ge_bits & ~m;
}

/* One lane of a parallel op: a op b for lane values already extended. */
static int32_t par_lane(int kind, int32_t a, int32_t b, bool sub, int bits,
                        bool *ge)
{
    int32_t r = sub ? a - b : a + b;
    switch (kind) {
    case PK_S: *ge = r >= 0; return r;
    case PK_U: *ge = sub ? r >= 0 : r >= (1 << bits); return r;
    case PK_SH: case PK_UH: return r >> 1;
    case PK_Q: {
        int32_t max = (1 << (bits - 1)) - 1, min = -max - 1;
        return r > max ? max : r < min ? min : r;
    }
    default: { /* UQ */
        int32_t max = (1 << bits) - 1;
        return r > max ? max : r < 0 ? 0 : r;
    }
    }
}

static uint32_t par(ArmState *env, unsigned kind, unsigned op, uint32_t a,
                    uint32_t b)
{
    bool sgn = kind <= PK_SH, ge_ok = kind == PK_S || kind == PK_U;
    uint32_t r = 0, ge = 0;
    bool g;
    if (op == PO_ADD8 || op == PO_SUB8) {
        for (int i = 0; i < 4; i++) {
            uint32_t x = a >> (8 * i) & 0xff, y = b >> (8 * i) & 0xff;
            int32_t xa = sgn ? (int8_t)x : (int32_t)x;
            int32_t yb = sgn ? (int8_t)y : (int32_t)y;
            int32_t v = par_lane((int)kind, xa, yb, op == PO_SUB8, 8, &g);
            r |= ((uint32_t)v & 0xff) << (8 * i);
            ge = lanes_ge(ge, i, 1, g);
        }
    } else {
        /* lane 0 = low halfword; ASX: low = a.lo - b.hi, high = a.hi +
         * b.lo; SAX: low = a.lo + b.hi, high = a.hi - b.lo */
        for (int i = 0; i < 2; i++) {
            uint32_t x = a >> (16 * i) & 0xffff;
            bool cross = op == PO_ASX || op == PO_SAX;
            uint32_t y = b >> (16 * (cross ? 1 - i : i)) & 0xffff;
            bool sub = op == PO_SUB16 || (op == PO_ASX && i == 0) ||
                       (op == PO_SAX && i == 1);
            int32_t xa = sgn ? (int16_t)x : (int32_t)x;
            int32_t yb = sgn ? (int16_t)y : (int32_t)y;
            int32_t v = par_lane((int)kind, xa, yb, sub, 16, &g);
            r |= ((uint32_t)v & 0xffff) << (16 * i);
            ge = lanes_ge(ge, i, 2, g);
        }
    }
    if (ge_ok)
        env->ge = ge;
    return r;
}

uint64_t arm_helper_media(void *envp, uint64_t opi, uint64_t a, uint64_t b,
                          uint64_t c)
{
    ArmState *env = envp;
    unsigned op = opi & 0xff, imm = (unsigned)(opi >> 8);
    uint32_t x = (uint32_t)a, y = (uint32_t)b;
    switch (op) {
    case MED_SSAT: return (uint32_t)ssat(env, (int32_t)x, imm);
    case MED_USAT: return (uint32_t)usat(env, (int32_t)x, imm);
    case MED_SSAT16: case MED_USAT16: {
        uint32_t r = 0;
        for (int i = 0; i < 2; i++) {
            int64_t v = (int16_t)(x >> (16 * i));
            v = op == MED_SSAT16 ? ssat(env, v, imm) : usat(env, v, imm);
            r |= ((uint32_t)v & 0xffff) << (16 * i);
        }
        return r;
    }
    /* QADD Rd, Rm, Rn: x = Rm, y = Rn */
    case MED_QADD:
        return (uint32_t)ssat(env, (int64_t)(int32_t)x + (int32_t)y, 32);
    case MED_QSUB:
        return (uint32_t)ssat(env, (int64_t)(int32_t)x - (int32_t)y, 32);
    case MED_QDADD: case MED_QDSUB: {
        int64_t d = ssat(env, 2 * (int64_t)(int32_t)y, 32);
        return (uint32_t)ssat(env, op == MED_QDADD ? (int32_t)x + d
                                                   : (int32_t)x - d, 32);
    }
    case MED_SXTB16: case MED_UXTB16: {
        uint32_t r = 0;
        for (int i = 0; i < 2; i++) {
            uint32_t e = y >> (16 * i) & 0xff;
            if (op == MED_SXTB16)
                e = (uint32_t)(int32_t)(int8_t)e;
            r |= (((x >> (16 * i)) + e) & 0xffff) << (16 * i);
        }
        return r;
    }
    case MED_SEL: {
        uint32_t r = 0;
        for (int i = 0; i < 4; i++) {
            uint32_t m = 0xffu << (8 * i);
            r |= (env->ge >> (16 + i) & 1 ? x : y) & m;
        }
        return r;
    }
    case MED_CRC32: return crc32_update(x, y, imm, 0xedb88320u);
    case MED_CRC32C: return crc32_update(x, y, imm, 0x82f63b78u);
    case MED_PAR: return par(env, imm >> 4, imm & 15, x, y);
    }
    return 0;
}

static IRRef med(ArmCtx *s, uint64_t op, IRRef a, IRRef b)
{
    return ir_call(s->b, (void *)arm_helper_media, IR_CALL_NOGPR, 4,
                   ir_const(s->b, op), a, b, ir_const(s->b, 0));
}

static bool bad3(unsigned d, unsigned n, unsigned m)
{
    return d == 15 || n == 15 || m == 15;
}

/* ---- extends ---- */

enum { X_SB, X_SH, X_UB, X_UH, X_SB16, X_UB16 };

static bool extend(ArmCtx *s, int kind, unsigned rd, unsigned rn,
                   unsigned rm, unsigned rot)
{
    IRBlock *b = s->b;
    if (rd == 15 || rm == 15)
        return false;
    IRRef v = arm_reg(s, rm);
    if (rot)
        v = ir_binop(b, IR_ROR, 4, v, ir_const(b, rot * 8));
    if (kind == X_SB16 || kind == X_UB16) {
        IRRef a = rn == 15 ? ir_const(b, 0) : arm_reg(s, rn);
        arm_set_reg(s, rd, med(s, kind == X_SB16 ? MED_SXTB16 : MED_UXTB16,
                               a, v));
        return true;
    }
    switch (kind) {
    case X_SB: v = ir_sext(b, 4, 1, v); break;
    case X_SH: v = ir_sext(b, 4, 2, v); break;
    case X_UB: v = ir_andi(b, 4, v, 0xff); break;
    default: v = ir_andi(b, 4, v, 0xffff); break;
    }
    if (rn != 15)
        v = ir_add(b, 4, arm_reg(s, rn), v);
    arm_set_reg(s, rd, v);
    return true;
}

bool arm_trans_EXT_A32(ArmCtx *s, const ArmFields *f)
{
    static const int8_t k[8] = {X_SB16, -1, X_SB, X_SH, X_UB16, -1, X_UB,
                                X_UH};
    int kind = k[F('o')];
    return kind >= 0 && extend(s, kind, F('d'), F('n'), F('m'), F('r'));
}

bool arm_trans_EXT_T32(ArmCtx *s, const ArmFields *f)
{
    static const int8_t k[8] = {X_SH, X_UH, X_SB16, X_UB16, X_SB, X_UB, -1,
                                -1};
    int kind = k[F('o')];
    return kind >= 0 && extend(s, kind, F('d'), F('n'), F('m'), F('r'));
}

bool arm_trans_EXT_T16(ArmCtx *s, const ArmFields *f)
{
    static const int8_t k[4] = {X_SH, X_SB, X_UH, X_UB};
    return extend(s, k[F('o')], F('d'), 15, F('m'), 0);
}

/* ---- byte and bit reversal, CLZ ---- */

enum { R_REV, R_REV16, R_RBIT, R_REVSH, R_CLZ };

static bool reverse(ArmCtx *s, int kind, unsigned rd, unsigned rm)
{
    IRBlock *b = s->b;
    if (rd == 15 || rm == 15)
        return false;
    IRRef v = arm_reg(s, rm);
    switch (kind) {
    case R_REV: v = ir_unop(b, IR_BSWAP, 4, v); break;
    case R_REV16:
        v = ir_binop(b, IR_ROR, 4, ir_unop(b, IR_BSWAP, 4, v),
                     ir_const(b, 16));
        break;
    case R_RBIT: v = ir_unop(b, IR_RBIT, 4, v); break;
    case R_REVSH: v = ir_sext(b, 4, 2, ir_unop(b, IR_BSWAP, 2, v)); break;
    default: v = ir_unop(b, IR_CLZ, 4, v); break;
    }
    arm_set_reg(s, rd, v);
    return true;
}

bool arm_trans_REV_A32(ArmCtx *s, const ArmFields *f)
{
    return reverse(s, R_REV, F('d'), F('m'));
}
bool arm_trans_REV16_A32(ArmCtx *s, const ArmFields *f)
{
    return reverse(s, R_REV16, F('d'), F('m'));
}
bool arm_trans_RBIT_A32(ArmCtx *s, const ArmFields *f)
{
    return reverse(s, R_RBIT, F('d'), F('m'));
}
bool arm_trans_REVSH_A32(ArmCtx *s, const ArmFields *f)
{
    return reverse(s, R_REVSH, F('d'), F('m'));
}
bool arm_trans_CLZ_A32(ArmCtx *s, const ArmFields *f)
{
    return reverse(s, R_CLZ, F('d'), F('m'));
}
bool arm_trans_REV_T32(ArmCtx *s, const ArmFields *f)
{
    static const int k[4] = {R_REV, R_REV16, R_RBIT, R_REVSH};
    if (F('n') != F('m'))
        return false; /* the two copies of Rm must agree */
    return reverse(s, k[F('o')], F('d'), F('m'));
}
bool arm_trans_CLZ_T32(ArmCtx *s, const ArmFields *f)
{
    if (F('n') != F('m'))
        return false;
    return reverse(s, R_CLZ, F('d'), F('m'));
}
bool arm_trans_REV_T16(ArmCtx *s, const ArmFields *f)
{
    static const int k[4] = {R_REV, R_REV16, -1, R_REVSH};
    int kind = k[F('o')];
    return kind >= 0 && reverse(s, kind, F('d'), F('m'));
}

/* ---- bitfields ---- */

static bool bfx(ArmCtx *s, unsigned rd, unsigned rn, unsigned lsb,
                unsigned widthm1, bool sgn)
{
    IRBlock *b = s->b;
    if (rd == 15 || rn == 15 || lsb + widthm1 > 31)
        return false;
    IRRef v = arm_reg(s, rn);
    unsigned w = widthm1 + 1;
    if (sgn)
        v = ir_sari(b, 4, ir_shli(b, 4, v, 32 - lsb - w), 32 - w);
    else
        v = ir_andi(b, 4, ir_shri(b, 4, v, lsb),
                    w == 32 ? 0xffffffffu : (1u << w) - 1);
    arm_set_reg(s, rd, v);
    return true;
}

static bool bfi(ArmCtx *s, unsigned rd, unsigned rn, unsigned lsb,
                unsigned msb)
{
    IRBlock *b = s->b;
    if (rd == 15 || msb < lsb)
        return false;
    uint32_t w = msb - lsb + 1;
    uint32_t mask = (w == 32 ? 0xffffffffu : (1u << w) - 1) << lsb;
    IRRef v = ir_andi(b, 4, arm_reg(s, rd), ~mask);
    if (rn != 15) /* Rn = pc is BFC */
        v = ir_or(b, 4, v, ir_andi(b, 4, ir_shli(b, 4, arm_reg(s, rn), lsb),
                                   mask));
    arm_set_reg(s, rd, v);
    return true;
}

bool arm_trans_SBFX_A32(ArmCtx *s, const ArmFields *f)
{
    return bfx(s, F('d'), F('n'), F('l'), F('w'), true);
}
bool arm_trans_UBFX_A32(ArmCtx *s, const ArmFields *f)
{
    return bfx(s, F('d'), F('n'), F('l'), F('w'), false);
}
bool arm_trans_BFI_A32(ArmCtx *s, const ArmFields *f)
{
    return bfi(s, F('d'), F('n'), F('l'), F('k'));
}
bool arm_trans_SBFX_T32(ArmCtx *s, const ArmFields *f)
{
    return bfx(s, F('d'), F('n'), F('l'), F('w'), true);
}
bool arm_trans_UBFX_T32(ArmCtx *s, const ArmFields *f)
{
    return bfx(s, F('d'), F('n'), F('l'), F('w'), false);
}
bool arm_trans_BFI_T32(ArmCtx *s, const ArmFields *f)
{
    return bfi(s, F('d'), F('n'), F('l'), F('k'));
}

/* ---- PKH ---- */

static bool pkh(ArmCtx *s, unsigned rd, unsigned rn, unsigned rm, bool tb,
                unsigned imm5)
{
    IRBlock *b = s->b;
    if (bad3(rd, rn, rm))
        return false;
    /* PKHBT: low from Rn, high from Rm LSL; PKHTB: high from Rn, low from
     * Rm ASR (imm 0 = 32) */
    IRRef m = arm_shift_imm(s, arm_reg(s, rm), tb ? ARM_ASR : ARM_LSL, imm5,
                            false).v;
    IRRef n = arm_reg(s, rn);
    IRRef v = tb ? ir_or(b, 4, ir_andi(b, 4, n, 0xffff0000u),
                         ir_andi(b, 4, m, 0xffff))
                 : ir_or(b, 4, ir_andi(b, 4, n, 0xffff),
                         ir_andi(b, 4, m, 0xffff0000u));
    arm_set_reg(s, rd, v);
    return true;
}

bool arm_trans_PKH_A32(ArmCtx *s, const ArmFields *f)
{
    return pkh(s, F('d'), F('n'), F('m'), F('t'), F('i'));
}
bool arm_trans_PKH_T32(ArmCtx *s, const ArmFields *f)
{
    return pkh(s, F('d'), F('n'), F('m'), F('t'), F('i'));
}

/* ---- saturation ---- */

static bool sat(ArmCtx *s, bool u, unsigned rd, unsigned rn, unsigned satimm,
                bool sh, unsigned imm5)
{
    if (rd == 15 || rn == 15)
        return false;
    IRRef v = arm_shift_imm(s, arm_reg(s, rn), sh ? ARM_ASR : ARM_LSL, imm5,
                            false).v;
    unsigned bits = u ? satimm : satimm + 1; /* USAT #0: 0..0 */
    arm_set_reg(s, rd, med(s, MED(u ? MED_USAT : MED_SSAT, bits), v,
                           ir_const(s->b, 0)));
    return true;
}

static bool sat16(ArmCtx *s, bool u, unsigned rd, unsigned rn,
                  unsigned satimm)
{
    if (rd == 15 || rn == 15)
        return false;
    arm_set_reg(s, rd, med(s, MED(u ? MED_USAT16 : MED_SSAT16,
                                  u ? satimm : satimm + 1),
                           arm_reg(s, rn), ir_const(s->b, 0)));
    return true;
}

bool arm_trans_SSAT_A32(ArmCtx *s, const ArmFields *f)
{
    return sat(s, false, F('d'), F('n'), F('c'), F('h'), F('i'));
}
bool arm_trans_USAT_A32(ArmCtx *s, const ArmFields *f)
{
    return sat(s, true, F('d'), F('n'), F('c'), F('h'), F('i'));
}
bool arm_trans_SSAT16_A32(ArmCtx *s, const ArmFields *f)
{
    return sat16(s, false, F('d'), F('n'), F('c'));
}
bool arm_trans_USAT16_A32(ArmCtx *s, const ArmFields *f)
{
    return sat16(s, true, F('d'), F('n'), F('c'));
}
bool arm_trans_SSAT_T32(ArmCtx *s, const ArmFields *f)
{
    if (F('h') && !F('i'))
        return F('c') < 16 && sat16(s, false, F('d'), F('n'), F('c'));
    return sat(s, false, F('d'), F('n'), F('c'), F('h'), F('i'));
}
bool arm_trans_USAT_T32(ArmCtx *s, const ArmFields *f)
{
    if (F('h') && !F('i'))
        return F('c') < 16 && sat16(s, true, F('d'), F('n'), F('c'));
    return sat(s, true, F('d'), F('n'), F('c'), F('h'), F('i'));
}

/* QADD Rd, Rm, Rn and friends */
static bool qadd(ArmCtx *s, unsigned op, unsigned rd, unsigned rm,
                 unsigned rn)
{
    static const uint8_t ops[4] = {MED_QADD, MED_QSUB, MED_QDADD, MED_QDSUB};
    if (bad3(rd, rn, rm))
        return false;
    arm_set_reg(s, rd, med(s, ops[op], arm_reg(s, rm), arm_reg(s, rn)));
    return true;
}

bool arm_trans_QADD_A32(ArmCtx *s, const ArmFields *f)
{
    /* A32 op (bits 22:21): 00 QADD, 01 QSUB, 10 QDADD, 11 QDSUB */
    return qadd(s, F('o'), F('d'), F('m'), F('n'));
}
bool arm_trans_QADD_T32(ArmCtx *s, const ArmFields *f)
{
    /* T32 op (bits 5:4): 00 QADD, 01 QDADD, 10 QSUB, 11 QDSUB */
    static const uint8_t map[4] = {0, 2, 1, 3};
    return qadd(s, map[F('o')], F('d'), F('m'), F('n'));
}

/* ---- parallel add/subtract, SEL ---- */

static bool parallel(ArmCtx *s, int kind, int op, unsigned rd, unsigned rn,
                     unsigned rm)
{
    if (kind < 0 || op < 0 || bad3(rd, rn, rm))
        return false;
    arm_set_reg(s, rd, med(s, MED(MED_PAR, kind << 4 | op), arm_reg(s, rn),
                           arm_reg(s, rm)));
    return true;
}

bool arm_trans_PAR_A32(ArmCtx *s, const ArmFields *f)
{
    static const int8_t kinds[2][4] = {{-1, PK_S, PK_Q, PK_SH},
                                       {-1, PK_U, PK_UQ, PK_UH}};
    static const int8_t ops[8] = {PO_ADD16, PO_ASX, PO_SAX, PO_SUB16,
                                  PO_ADD8, -1, -1, PO_SUB8};
    return parallel(s, kinds[F('u')][F('p')], ops[F('o')], F('d'), F('n'),
                    F('m'));
}

bool arm_trans_PAR_T32(ArmCtx *s, const ArmFields *f)
{
    static const int8_t kinds[2][4] = {{PK_S, PK_Q, PK_SH, -1},
                                       {PK_U, PK_UQ, PK_UH, -1}};
    static const int8_t ops[8] = {PO_ADD8, PO_ADD16, PO_ASX, -1,
                                  PO_SUB8, PO_SUB16, PO_SAX, -1};
    return parallel(s, kinds[F('u')][F('p')], ops[F('o')], F('d'), F('n'),
                    F('m'));
}

static bool sel(ArmCtx *s, unsigned rd, unsigned rn, unsigned rm)
{
    if (bad3(rd, rn, rm))
        return false;
    arm_set_reg(s, rd, med(s, MED_SEL, arm_reg(s, rn), arm_reg(s, rm)));
    return true;
}

bool arm_trans_SEL_A32(ArmCtx *s, const ArmFields *f)
{
    return sel(s, F('d'), F('n'), F('m'));
}
bool arm_trans_SEL_T32(ArmCtx *s, const ArmFields *f)
{
    return sel(s, F('d'), F('n'), F('m'));
}

/* ---- CRC32 ---- */

static bool crc32(ArmCtx *s, bool c, unsigned sz, unsigned rd, unsigned rn,
                  unsigned rm)
{
    if (sz == 3 || bad3(rd, rn, rm))
        return false;
    IRRef v = arm_reg(s, rm);
    arm_set_reg(s, rd, med(s, MED(c ? MED_CRC32C : MED_CRC32, 1u << sz),
                           arm_reg(s, rn), v));
    return true;
}

bool arm_trans_CRC32_A32(ArmCtx *s, const ArmFields *f)
{
    return crc32(s, F('c'), F('z'), F('d'), F('n'), F('m'));
}
bool arm_trans_CRC32_T32(ArmCtx *s, const ArmFields *f)
{
    return crc32(s, F('c'), F('z'), F('d'), F('n'), F('m'));
}
