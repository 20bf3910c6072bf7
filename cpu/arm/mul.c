/*
 * cpu/arm/mul.c - multiplies and divides of A32 and T32: MUL/MLA/MLS,
 * the 64-bit UMULL/SMULL/UMLAL/SMLAL/UMAAL, the DSP multiplies (SMULxy,
 * SMLAxy, SMULWy, SMLAWy, SMLALxy, SMUAD/SMLAD, SMUSD/SMLSD, SMLALD/
 * SMLSLD, SMMUL/SMMLA/SMMLS, USAD8/USADA8) and SDIV/UDIV.
 *
 * The 32- and 64-bit multiplies are inline IR.  The DSP forms go through
 * one C helper (arm_helper_dsp_mul) whose only side effect is setting
 * APSR.Q on signed overflow of the accumulation (Arm ARM: SMLAxy, SMLAWy,
 * SMLAD, SMLSD, SMUAD set Q; the others never do), so it is an
 * IR_CALL_NOGPR call.  MULS/MLAS/..LS set N and Z only (C and V are
 * unchanged from ARMv6 on).  Divides: x/0 = 0 and INT_MIN/-1 = INT_MIN
 * (no divide-by-zero trap in the A and R profiles' user mode), which are
 * the IR's SDIV/UDIV rules.
 */
#include "cpu/arm/arm-internal.h"

/* DSP helper operations (bits 7:0) and their modifiers. */
enum {
    DSP_SMLA,   /* 16x16 + 32, Q */
    DSP_SMLAW,  /* (32x16) >> 16 + 32, Q */
    DSP_SMLAL,  /* 16x16 + 64 */
    DSP_SMLAD,  /* dual 16x16 sum + 32, Q */
    DSP_SMLSD,  /* dual 16x16 difference + 32, Q */
    DSP_SMLALD, /* dual 16x16 sum + 64 */
    DSP_SMLSLD, /* dual 16x16 difference + 64 */
    DSP_SMMLA,  /* (a << 32 + n*m) >> 32 */
    DSP_SMMLS,  /* (a << 32 - n*m) >> 32 */
    DSP_USADA8, /* sum of absolute byte differences + 32 */
};
#define DSP_X (1u << 8)  /* Rn top half (xy forms) / exchange Rm halves */
#define DSP_Y (1u << 9)  /* Rm top half / round (SMMxx R) */

static int32_t half(uint32_t v, bool top)
{
    return top ? (int16_t)(v >> 16) : (int16_t)v;
}

static void sat_add32(ArmState *env, int64_t sum, uint64_t *out)
{
    if (sum != (int32_t)sum)
        env->q = 1;
    *out = (uint32_t)sum;
}

uint64_t arm_helper_dsp_mul(void *envp, uint64_t op, uint64_t n, uint64_t m,
                            uint64_t a)
{
    ArmState *env = envp;
    uint32_t rn = (uint32_t)n, rm = (uint32_t)m;
    bool x = op & DSP_X, y = op & DSP_Y;
    uint64_t r = 0;
    int64_t p1, p2;
    switch (op & 0xff) {
    case DSP_SMLA:
        sat_add32(env, (int64_t)half(rn, x) * half(rm, y) + (int32_t)a, &r);
        break;
    case DSP_SMLAW:
        sat_add32(env, (((int64_t)(int32_t)rn * half(rm, y)) >> 16) +
                           (int32_t)a, &r);
        break;
    case DSP_SMLAL:
        r = a + (uint64_t)((int64_t)half(rn, x) * half(rm, y));
        break;
    case DSP_SMLAD: case DSP_SMLSD: case DSP_SMLALD: case DSP_SMLSLD:
        if (x)
            rm = rm >> 16 | rm << 16;
        p1 = (int64_t)half(rn, false) * half(rm, false);
        p2 = (int64_t)half(rn, true) * half(rm, true);
        if ((op & 0xff) == DSP_SMLAD)
            sat_add32(env, p1 + p2 + (int32_t)a, &r);
        else if ((op & 0xff) == DSP_SMLSD)
            sat_add32(env, p1 - p2 + (int32_t)a, &r);
        else
            r = a + (uint64_t)((op & 0xff) == DSP_SMLALD ? p1 + p2 : p1 - p2);
        break;
    case DSP_SMMLA: case DSP_SMMLS: {
        int64_t p = (int64_t)(int32_t)rn * (int32_t)rm;
        uint64_t acc = (uint64_t)(uint32_t)a << 32;
        uint64_t v = (op & 0xff) == DSP_SMMLA ? acc + (uint64_t)p
                                              : acc - (uint64_t)p;
        if (y)
            v += 0x80000000u;
        r = (uint32_t)(v >> 32);
        break;
    }
    case DSP_USADA8: {
        uint32_t sum = (uint32_t)a;
        for (int i = 0; i < 32; i += 8) {
            int d = (int)((rn >> i) & 0xff) - (int)((rm >> i) & 0xff);
            sum += (uint32_t)(d < 0 ? -d : d);
        }
        r = sum;
        break;
    }
    }
    return r;
}

static IRRef dsp_call(ArmCtx *s, unsigned op, IRRef n, IRRef m, IRRef a)
{
    return ir_call(s->b, (void *)arm_helper_dsp_mul, IR_CALL_NOGPR, 4,
                   ir_const(s->b, op), n, m, a);
}

static bool bad(unsigned r)
{
    return r == 15;
}

/* Rd = Rn * Rm (+ Ra, - for MLS: Ra - Rn * Rm); ra < 0: none. */
static bool mul32(ArmCtx *s, unsigned rd, unsigned rn, unsigned rm, int ra,
                  bool sub, bool S)
{
    if (bad(rd) || bad(rn) || bad(rm) || ra == 15)
        return false;
    IRBlock *b = s->b;
    IRRef p = ir_binop(b, IR_MUL, 4, arm_reg(s, rn), arm_reg(s, rm));
    if (ra >= 0)
        p = sub ? ir_sub(b, 4, arm_reg(s, ra), p)
                : ir_add(b, 4, arm_reg(s, ra), p);
    if (S)
        arm_set_nz_c(s, p, 0);
    arm_set_reg(s, rd, p);
    return true;
}

static IRRef pair64(ArmCtx *s, unsigned lo, unsigned hi)
{
    return ir_or(s->b, 8, ir_zext(s->b, 4, arm_reg(s, lo)),
                 ir_shli(s->b, 8, arm_reg(s, hi), 32));
}

/* RdLo == RdHi is UNPREDICTABLE; qemu-arm and Cortex-A cores execute it
 * with the high half written last, so it wins: the order here matters. */
static bool set_pair(ArmCtx *s, unsigned lo, unsigned hi, IRRef v)
{
    arm_set_reg(s, lo, ir_trunc32(s->b, v));
    arm_set_reg(s, hi, ir_shri(s->b, 8, v, 32));
    return true;
}

static bool mull(ArmCtx *s, unsigned lo, unsigned hi, unsigned rn,
                 unsigned rm, bool sgn, bool acc, bool S)
{
    if (bad(lo) || bad(hi) || bad(rn) || bad(rm))
        return false;
    IRBlock *b = s->b;
    IRRef x = arm_reg(s, rn), y = arm_reg(s, rm);
    x = sgn ? ir_sext(b, 8, 4, x) : ir_zext(b, 4, x);
    y = sgn ? ir_sext(b, 8, 4, y) : ir_zext(b, 4, y);
    IRRef p = ir_binop(b, IR_MUL, 8, x, y);
    if (acc)
        p = ir_add(b, 8, p, pair64(s, lo, hi));
    if (S)
        arm_set_nz64(s, p);
    return set_pair(s, lo, hi, p);
}

static bool umaal(ArmCtx *s, unsigned lo, unsigned hi, unsigned rn,
                  unsigned rm)
{
    if (bad(lo) || bad(hi) || bad(rn) || bad(rm))
        return false;
    IRBlock *b = s->b;
    IRRef p = ir_binop(b, IR_MUL, 8, ir_zext(b, 4, arm_reg(s, rn)),
                       ir_zext(b, 4, arm_reg(s, rm)));
    p = ir_add(b, 8, p, ir_zext(b, 4, arm_reg(s, lo)));
    p = ir_add(b, 8, p, ir_zext(b, 4, arm_reg(s, hi)));
    return set_pair(s, lo, hi, p);
}

/* A 32-bit-result DSP multiply; ra 15 = no accumulator. */
static bool dsp32(ArmCtx *s, unsigned op, unsigned rd, unsigned rn,
                  unsigned rm, unsigned ra)
{
    if (bad(rd) || bad(rn) || bad(rm))
        return false;
    IRRef a = ra == 15 ? ir_const(s->b, 0) : arm_reg(s, ra);
    arm_set_reg(s, rd, dsp_call(s, op, arm_reg(s, rn), arm_reg(s, rm), a));
    return true;
}

static bool dsp64(ArmCtx *s, unsigned op, unsigned lo, unsigned hi,
                  unsigned rn, unsigned rm)
{
    if (bad(lo) || bad(hi) || bad(rn) || bad(rm))
        return false;
    return set_pair(s, lo, hi, dsp_call(s, op, arm_reg(s, rn),
                                        arm_reg(s, rm), pair64(s, lo, hi)));
}

static bool divide(ArmCtx *s, unsigned rd, unsigned rn, unsigned rm,
                   bool sgn)
{
    if (bad(rd) || bad(rn) || bad(rm))
        return false;
    arm_set_reg(s, rd, ir_binop(s->b, sgn ? IR_SDIV : IR_UDIV, 4,
                                arm_reg(s, rn), arm_reg(s, rm)));
    return true;
}

#define XY(f) ((F('x') ? DSP_X : 0) | (F('y') ? DSP_Y : 0))

bool arm_trans_MUL_A32(ArmCtx *s, const ArmFields *f)
{
    return mul32(s, F('d'), F('n'), F('m'), -1, false, F('s'));
}
bool arm_trans_MLA_A32(ArmCtx *s, const ArmFields *f)
{
    return mul32(s, F('d'), F('n'), F('m'), (int)F('a'), false, F('s'));
}
bool arm_trans_MLS_A32(ArmCtx *s, const ArmFields *f)
{
    return mul32(s, F('d'), F('n'), F('m'), (int)F('a'), true, false);
}
bool arm_trans_UMAAL_A32(ArmCtx *s, const ArmFields *f)
{
    return umaal(s, F('l'), F('h'), F('n'), F('m'));
}
bool arm_trans_MULL_A32(ArmCtx *s, const ArmFields *f)
{
    return mull(s, F('l'), F('h'), F('n'), F('m'), F('g'), F('a'), F('s'));
}
bool arm_trans_SMLAXY_A32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_SMLA | XY(f), F('d'), F('n'), F('m'), F('a'));
}
bool arm_trans_SMULXY_A32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_SMLA | XY(f), F('d'), F('n'), F('m'), 15);
}
bool arm_trans_SMLAWY_A32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_SMLAW | (F('y') ? DSP_Y : 0), F('d'), F('n'), F('m'),
                 F('a'));
}
bool arm_trans_SMULWY_A32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_SMLAW | (F('y') ? DSP_Y : 0), F('d'), F('n'), F('m'),
                 15);
}
bool arm_trans_SMLALXY_A32(ArmCtx *s, const ArmFields *f)
{
    return dsp64(s, DSP_SMLAL | XY(f), F('l'), F('h'), F('n'), F('m'));
}
bool arm_trans_SMLAD_A32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, (F('o') ? DSP_SMLSD : DSP_SMLAD) | (F('x') ? DSP_X : 0),
                 F('d'), F('n'), F('m'), F('a'));
}
bool arm_trans_SMLALD_A32(ArmCtx *s, const ArmFields *f)
{
    return dsp64(s, (F('o') ? DSP_SMLSLD : DSP_SMLALD) | (F('x') ? DSP_X : 0),
                 F('l'), F('h'), F('n'), F('m'));
}
bool arm_trans_SDIV_A32(ArmCtx *s, const ArmFields *f)
{
    return divide(s, F('d'), F('n'), F('m'), true);
}
bool arm_trans_UDIV_A32(ArmCtx *s, const ArmFields *f)
{
    return divide(s, F('d'), F('n'), F('m'), false);
}
bool arm_trans_SMMLA_A32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_SMMLA | (F('r') ? DSP_Y : 0), F('d'), F('n'), F('m'),
                 F('a'));
}
bool arm_trans_SMMLS_A32(ArmCtx *s, const ArmFields *f)
{
    if (F('a') == 15)
        return false;
    return dsp32(s, DSP_SMMLS | (F('r') ? DSP_Y : 0), F('d'), F('n'), F('m'),
                 F('a'));
}
bool arm_trans_USADA8_A32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_USADA8, F('d'), F('n'), F('m'), F('a'));
}

bool arm_trans_MLA_T32(ArmCtx *s, const ArmFields *f)
{
    return mul32(s, F('d'), F('n'), F('m'), F('a') == 15 ? -1 : (int)F('a'),
                 false, false);
}
bool arm_trans_MLS_T32(ArmCtx *s, const ArmFields *f)
{
    return mul32(s, F('d'), F('n'), F('m'), (int)F('a'), true, false);
}
bool arm_trans_SMLAXY_T32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_SMLA | XY(f), F('d'), F('n'), F('m'), F('a'));
}
bool arm_trans_SMLAD_T32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_SMLAD | (F('x') ? DSP_X : 0), F('d'), F('n'), F('m'),
                 F('a'));
}
bool arm_trans_SMLSD_T32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_SMLSD | (F('x') ? DSP_X : 0), F('d'), F('n'), F('m'),
                 F('a'));
}
bool arm_trans_SMLAWY_T32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_SMLAW | (F('y') ? DSP_Y : 0), F('d'), F('n'), F('m'),
                 F('a'));
}
bool arm_trans_SMMLA_T32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_SMMLA | (F('r') ? DSP_Y : 0), F('d'), F('n'), F('m'),
                 F('a'));
}
bool arm_trans_SMMLS_T32(ArmCtx *s, const ArmFields *f)
{
    if (F('a') == 15)
        return false;
    return dsp32(s, DSP_SMMLS | (F('r') ? DSP_Y : 0), F('d'), F('n'), F('m'),
                 F('a'));
}
bool arm_trans_USADA8_T32(ArmCtx *s, const ArmFields *f)
{
    return dsp32(s, DSP_USADA8, F('d'), F('n'), F('m'), F('a'));
}
bool arm_trans_MULL_T32(ArmCtx *s, const ArmFields *f)
{
    return mull(s, F('l'), F('h'), F('n'), F('m'), !F('u'), F('a'), false);
}
bool arm_trans_SDIV_T32(ArmCtx *s, const ArmFields *f)
{
    return divide(s, F('d'), F('n'), F('m'), true);
}
bool arm_trans_UDIV_T32(ArmCtx *s, const ArmFields *f)
{
    return divide(s, F('d'), F('n'), F('m'), false);
}
bool arm_trans_SMLALXY_T32(ArmCtx *s, const ArmFields *f)
{
    return dsp64(s, DSP_SMLAL | XY(f), F('l'), F('h'), F('n'), F('m'));
}
bool arm_trans_SMLALD_T32(ArmCtx *s, const ArmFields *f)
{
    return dsp64(s, (F('o') ? DSP_SMLSLD : DSP_SMLALD) | (F('x') ? DSP_X : 0),
                 F('l'), F('h'), F('n'), F('m'));
}
bool arm_trans_UMAAL_T32(ArmCtx *s, const ArmFields *f)
{
    return umaal(s, F('l'), F('h'), F('n'), F('m'));
}
