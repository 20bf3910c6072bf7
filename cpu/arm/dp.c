/*
 * cpu/arm/dp.c - integer data processing of A32, T32 and T16: the
 * shifter (immediate and register shifts with their carry out), the
 * modified immediates, the shared arm_dp() operation with ARM's flag
 * rules, MOVW/MOVT, ADR and ADDW/SUBW.
 *
 * Flag rules (Arm ARM): arithmetic ops set NZCV from AddWithCarry, which
 * is what the IR's ADDS/SUBS/ADCS/SBCS give at size 4 (C = NOT borrow);
 * logical ops set N and Z from the result, C from the shifter's carry out
 * (unchanged when the operand was not shifted or rotated) and leave V.
 * T16 data-processing forms set flags only outside an IT block (CMP, CMN
 * and TST always do).
 */
#include "cpu/arm/arm-internal.h"

static IRRef c_flag(IRBlock *b)
{
    return ir_andi(b, 4, ir_shri(b, 4, ir_getnzcv(b), 29), 1);
}

static IRRef bit_of(IRBlock *b, IRRef x, unsigned n)
{
    return ir_andi(b, 4, n ? ir_shri(b, 4, x, n) : x, 1);
}

ArmOp2 arm_shift_imm(ArmCtx *s, IRRef x, unsigned type, unsigned imm5,
                     bool want_carry)
{
    IRBlock *b = s->b;
    ArmOp2 r = {x, 0};
    unsigned n = imm5 ? imm5 : 32;
    switch (type) {
    case ARM_LSL:
        if (imm5) {
            r.v = ir_shli(b, 4, x, imm5);
            if (want_carry)
                r.carry = bit_of(b, x, 32 - imm5);
        }
        break;
    case ARM_LSR:
        r.v = n == 32 ? ir_const(b, 0) : ir_shri(b, 4, x, n);
        if (want_carry)
            r.carry = bit_of(b, x, n - 1);
        break;
    case ARM_ASR:
        r.v = ir_sari(b, 4, x, n == 32 ? 31 : n);
        if (want_carry)
            r.carry = bit_of(b, x, n - 1);
        break;
    default: /* ROR, RRX */
        if (!imm5) {
            IRRef c = c_flag(b);
            if (want_carry)
                r.carry = bit_of(b, x, 0);
            r.v = ir_or(b, 4, ir_shri(b, 4, x, 1), ir_shli(b, 4, c, 31));
        } else {
            r.v = ir_binop(b, IR_ROR, 4, x, ir_const(b, imm5));
            if (want_carry)
                r.carry = bit_of(b, r.v, 31);
        }
        break;
    }
    return r;
}

static IRRef umin_const(IRBlock *b, IRRef x, uint64_t lim)
{
    IRRef l = ir_const(b, lim);
    return ir_sel(b, ir_setcc(b, IR_LTU, 4, x, l), x, l);
}

ArmOp2 arm_shift_reg(ArmCtx *s, IRRef x, unsigned type, IRRef amt,
                     bool want_carry)
{
    /* amounts 0..255: done at 64 bits with the amount clamped, so "32 or
     * more" falls out of the wider shift (the IR takes amounts mod width) */
    IRBlock *b = s->b;
    ArmOp2 r = {x, 0};
    IRRef a = ir_andi(b, 4, amt, 0xff), c = 0;
    IRRef zx = ir_zext(b, 4, x);
    switch (type) {
    case ARM_LSL: {
        IRRef y = ir_shl(b, 8, zx, umin_const(b, a, 40));
        r.v = ir_trunc32(b, y);
        if (want_carry)
            c = ir_andi(b, 8, ir_shri(b, 8, y, 32), 1);
        break;
    }
    case ARM_LSR: {
        IRRef m = umin_const(b, a, 40);
        r.v = ir_shr(b, 8, zx, m);
        if (want_carry)
            c = ir_andi(b, 8, ir_shr(b, 8, ir_shli(b, 8, zx, 1), m), 1);
        break;
    }
    case ARM_ASR: {
        IRRef m = umin_const(b, a, 32);
        IRRef sx = ir_sext(b, 8, 4, x);
        r.v = ir_trunc32(b, ir_sar(b, 8, sx, m));
        if (want_carry)
            c = ir_andi(b, 8, ir_sar(b, 8, ir_shli(b, 8, sx, 1), m), 1);
        break;
    }
    default:
        r.v = ir_binop(b, IR_ROR, 4, x, ir_andi(b, 4, a, 31));
        if (want_carry)
            c = ir_shri(b, 4, r.v, 31);
        break;
    }
    if (want_carry) /* amount 0: C unchanged */
        r.carry = ir_sel(b, ir_setcc(b, IR_EQ, 4, a, ir_const(b, 0)),
                         c_flag(b), c);
    return r;
}

ArmOp2 arm_expand_imm_a32(ArmCtx *s, uint32_t imm12, bool want_carry)
{
    unsigned rot = (imm12 >> 8) * 2;
    uint32_t v = imm12 & 0xff;
    if (rot)
        v = v >> rot | v << (32 - rot);
    ArmOp2 r = {ir_const(s->b, v), 0};
    if (rot && want_carry)
        r.carry = ir_const(s->b, v >> 31);
    return r;
}

bool arm_expand_imm_t32(ArmCtx *s, uint32_t imm12, bool want_carry,
                        ArmOp2 *out)
{
    uint32_t x = imm12 & 0xff, v;
    out->carry = 0;
    if (!(imm12 >> 10)) {
        switch ((imm12 >> 8) & 3) {
        case 0: v = x; break;
        case 1: v = x << 16 | x; break;
        case 2: v = x << 24 | x << 8; break;
        default: v = x * 0x01010101u; break;
        }
        if (((imm12 >> 8) & 3) && !x)
            return false; /* UNPREDICTABLE */
    } else {
        unsigned rot = imm12 >> 7;
        x = 0x80 | (imm12 & 0x7f);
        v = x >> rot | x << (32 - rot);
        if (want_carry)
            out->carry = ir_const(s->b, v >> 31);
    }
    out->v = ir_const(s->b, v);
    return true;
}

/* SETNZ/SETNZC keep the other flags in the back end (host EFLAGS), and
 * the dead-flags pass drops them when a later op rewrites N and Z, which
 * a GETNZCV/SETNZCV merge would prevent.  Every carry here is 0 or 1. */
void arm_set_nz_c(ArmCtx *s, IRRef res, IRRef carry)
{
    if (carry)
        ir_setnzc(s->b, 4, res, carry);
    else
        ir_setnz(s->b, 4, res);
}

void arm_set_nz64(ArmCtx *s, IRRef res)
{
    ir_setnz(s->b, 8, res);
}

static bool dp_logical(int op)
{
    return op <= ARM_DP_EOR || op == ARM_DP_TST || op == ARM_DP_TEQ ||
           op >= ARM_DP_ORR;
}

bool arm_dp(ArmCtx *s, int op, bool setflags, int rd, IRRef rn, ArmOp2 op2)
{
    IRBlock *b = s->b;
    IRRef y = op2.v, r;
    bool S = setflags;
    switch (op) {
    case ARM_DP_AND: case ARM_DP_TST: r = ir_and(b, 4, rn, y); break;
    case ARM_DP_EOR: case ARM_DP_TEQ: r = ir_xor(b, 4, rn, y); break;
    case ARM_DP_ORR: r = ir_or(b, 4, rn, y); break;
    case ARM_DP_ORN: r = ir_or(b, 4, rn, ir_unop(b, IR_NOT, 4, y)); break;
    case ARM_DP_MOV: r = ir_trunc32(b, y); break;
    case ARM_DP_BIC: r = ir_binop(b, IR_ANDN, 4, rn, y); break;
    case ARM_DP_MVN: r = ir_unop(b, IR_NOT, 4, y); break;
    case ARM_DP_SUB: case ARM_DP_CMP:
        r = S ? ir_flags_op(b, IR_SUBS, 4, rn, y) : ir_sub(b, 4, rn, y);
        break;
    case ARM_DP_RSB:
        r = S ? ir_flags_op(b, IR_SUBS, 4, y, rn) : ir_sub(b, 4, y, rn);
        break;
    case ARM_DP_ADD: case ARM_DP_CMN:
        r = S ? ir_flags_op(b, IR_ADDS, 4, rn, y) : ir_add(b, 4, rn, y);
        break;
    /* ADC/SBC read C: never through ir_binop's constant folding */
    case ARM_DP_ADC:
        r = S ? ir_flags_op(b, IR_ADCS, 4, rn, y)
              : ir_flags_op(b, IR_ADC, 4, rn, y);
        break;
    case ARM_DP_SBC:
        r = S ? ir_flags_op(b, IR_SBCS, 4, rn, y)
              : ir_flags_op(b, IR_SBC, 4, rn, y);
        break;
    case ARM_DP_RSC:
        r = S ? ir_flags_op(b, IR_SBCS, 4, y, rn)
              : ir_flags_op(b, IR_SBC, 4, y, rn);
        break;
    default:
        return false;
    }
    if (S && dp_logical(op))
        arm_set_nz_c(s, r, op2.carry);
    if (rd < 0)
        return true;
    if (rd == ARM_REG_PC) {
        if (S) /* SUBS pc, lr etc.: exception return, not in user mode */
            return false;
        arm_alu_write_pc(s, r);
        return true;
    }
    arm_set_reg(s, rd, r);
    return true;
}

/* ---- A32 ---- */

static bool is_cmp(int op)
{
    return op >= ARM_DP_TST && op <= ARM_DP_CMN;
}

static bool a32_dp(ArmCtx *s, const ArmFields *f, int op, bool S,
                   ArmOp2 op2)
{
    int rd = is_cmp(op) ? -1 : (int)F('d');
    IRRef rn = op == ARM_DP_MOV || op == ARM_DP_MVN ? 0 : arm_reg(s, F('n'));
    return arm_dp(s, op, S, rd, rn, op2);
}

static bool a32_immsh(ArmCtx *s, const ArmFields *f, int op, bool S)
{
    ArmOp2 o = arm_shift_imm(s, arm_reg(s, F('m')), F('t'), F('i'),
                             S && dp_logical(op));
    return a32_dp(s, f, op, S, o);
}

static bool a32_regsh(ArmCtx *s, const ArmFields *f, int op, bool S)
{
    if (F('m') == 15 || F('r') == 15 || (!is_cmp(op) && F('d') == 15) ||
        (op != ARM_DP_MOV && op != ARM_DP_MVN && F('n') == 15))
        return false; /* UNPREDICTABLE */
    ArmOp2 o = arm_shift_reg(s, arm_reg(s, F('m')), F('t'),
                             arm_reg(s, F('r')), S && dp_logical(op));
    return a32_dp(s, f, op, S, o);
}

static bool a32_imm(ArmCtx *s, const ArmFields *f, int op, bool S)
{
    return a32_dp(s, f, op, S,
                  arm_expand_imm_a32(s, F('i'), S && dp_logical(op)));
}

bool arm_trans_DPA_IMMSH(ArmCtx *s, const ArmFields *f)
{
    return a32_immsh(s, f, (int)F('o'), F('s'));
}
bool arm_trans_DPB_IMMSH(ArmCtx *s, const ArmFields *f)
{
    return a32_immsh(s, f, 12 + (int)F('o'), F('s'));
}
bool arm_trans_DPC_IMMSH(ArmCtx *s, const ArmFields *f)
{
    return a32_immsh(s, f, 8 + (int)F('o'), true);
}
bool arm_trans_DPA_REGSH(ArmCtx *s, const ArmFields *f)
{
    return a32_regsh(s, f, (int)F('o'), F('s'));
}
bool arm_trans_DPB_REGSH(ArmCtx *s, const ArmFields *f)
{
    return a32_regsh(s, f, 12 + (int)F('o'), F('s'));
}
bool arm_trans_DPC_REGSH(ArmCtx *s, const ArmFields *f)
{
    return a32_regsh(s, f, 8 + (int)F('o'), true);
}
bool arm_trans_DPA_IMM(ArmCtx *s, const ArmFields *f)
{
    return a32_imm(s, f, (int)F('o'), F('s'));
}
bool arm_trans_DPB_IMM(ArmCtx *s, const ArmFields *f)
{
    return a32_imm(s, f, 12 + (int)F('o'), F('s'));
}
bool arm_trans_DPC_IMM(ArmCtx *s, const ArmFields *f)
{
    return a32_imm(s, f, 8 + (int)F('o'), true);
}

static bool movw(ArmCtx *s, unsigned rd, uint32_t imm16)
{
    if (rd == ARM_REG_PC)
        return false;
    arm_set_reg(s, rd, ir_const(s->b, imm16));
    return true;
}

static bool movt(ArmCtx *s, unsigned rd, uint32_t imm16)
{
    if (rd == ARM_REG_PC)
        return false;
    IRBlock *b = s->b;
    arm_set_reg(s, rd, ir_or(b, 4, ir_andi(b, 4, arm_reg(s, rd), 0xffff),
                             ir_const(b, imm16 << 16)));
    return true;
}

bool arm_trans_MOVW_A32(ArmCtx *s, const ArmFields *f)
{
    return movw(s, F('d'), F('k') << 12 | F('i'));
}
bool arm_trans_MOVT_A32(ArmCtx *s, const ArmFields *f)
{
    return movt(s, F('d'), F('k') << 12 | F('i'));
}

/* ---- T32 ---- */

/* T32 opcode (bits 24:21) -> operation; -1 unallocated. */
static const int8_t t32_ops[16] = {
    ARM_DP_AND, ARM_DP_BIC, ARM_DP_ORR, ARM_DP_ORN, ARM_DP_EOR, -1, -1, -1,
    ARM_DP_ADD, -1, ARM_DP_ADC, ARM_DP_SBC, -1, ARM_DP_SUB, ARM_DP_RSB, -1,
};

/* The T32 aliases: TST/TEQ/CMN/CMP are AND/EOR/ADD/SUB with S and Rd
 * pc; MOV/MVN are ORR/ORN with Rn pc. */
static bool t32_dp(ArmCtx *s, unsigned opc, bool S, unsigned rd, unsigned rn,
                   ArmOp2 op2)
{
    int op = t32_ops[opc & 15];
    if (op < 0)
        return false;
    if (rd == 15 && S) {
        switch (op) {
        case ARM_DP_AND: op = ARM_DP_TST; break;
        case ARM_DP_EOR: op = ARM_DP_TEQ; break;
        case ARM_DP_ADD: op = ARM_DP_CMN; break;
        case ARM_DP_SUB: op = ARM_DP_CMP; break;
        default: return false;
        }
        return arm_dp(s, op, true, -1, arm_reg(s, rn), op2);
    }
    if (rn == 15 && (op == ARM_DP_ORR || op == ARM_DP_ORN))
        return rd != 15 && arm_dp(s, op == ARM_DP_ORR ? ARM_DP_MOV : ARM_DP_MVN,
                                  S, (int)rd, 0, op2);
    if (rd == 15 || rn == 15)
        return false;
    return arm_dp(s, op, S, (int)rd, arm_reg(s, rn), op2);
}

static bool t32_wants_carry(unsigned opc, bool S)
{
    int op = t32_ops[opc & 15];
    return S && op >= 0 && dp_logical(op);
}

bool arm_trans_DP_SHREG_T32(ArmCtx *s, const ArmFields *f)
{
    if (F('m') == 15)
        return false;
    ArmOp2 o = arm_shift_imm(s, arm_reg(s, F('m')), F('t'), F('i'),
                             t32_wants_carry(F('o'), F('s')));
    return t32_dp(s, F('o'), F('s'), F('d'), F('n'), o);
}

bool arm_trans_DP_MODIMM_T32(ArmCtx *s, const ArmFields *f)
{
    ArmOp2 o;
    if (!arm_expand_imm_t32(s, F('i'), t32_wants_carry(F('o'), F('s')), &o))
        return false;
    return t32_dp(s, F('o'), F('s'), F('d'), F('n'), o);
}

static bool addw(ArmCtx *s, const ArmFields *f, bool sub)
{
    unsigned rd = F('d'), rn = F('n');
    if (rd == 15)
        return false;
    /* Rn = pc is ADR: Align(PC, 4) */
    IRRef base = rn == 15 ? ir_const(s->b, arm_pc_align4(s)) : arm_reg(s, rn);
    IRRef imm = ir_const(s->b, F('i'));
    arm_set_reg(s, rd, sub ? ir_sub(s->b, 4, base, imm)
                           : ir_add(s->b, 4, base, imm));
    return true;
}

bool arm_trans_ADDW_T32(ArmCtx *s, const ArmFields *f)
{
    return addw(s, f, false);
}
bool arm_trans_SUBW_T32(ArmCtx *s, const ArmFields *f)
{
    return addw(s, f, true);
}
bool arm_trans_MOVW_T32(ArmCtx *s, const ArmFields *f)
{
    return movw(s, F('d'), F('k') << 12 | F('i'));
}
bool arm_trans_MOVT_T32(ArmCtx *s, const ArmFields *f)
{
    return movt(s, F('d'), F('k') << 12 | F('i'));
}

bool arm_trans_SHIFT_REG_T32(ArmCtx *s, const ArmFields *f)
{
    if (F('d') == 15 || F('n') == 15 || F('m') == 15)
        return false;
    ArmOp2 o = arm_shift_reg(s, arm_reg(s, F('n')), F('t'),
                             arm_reg(s, F('m')), F('s'));
    return arm_dp(s, ARM_DP_MOV, F('s'), F('d'), 0, o);
}

/* ---- T16 ---- */

bool arm_trans_SHIFT_IMM_T16(ArmCtx *s, const ArmFields *f)
{
    bool S = !s->in_it;
    if (F('t') == 3)
        return false;
    ArmOp2 o = arm_shift_imm(s, arm_reg(s, F('m')), F('t'), F('i'), S);
    return arm_dp(s, ARM_DP_MOV, S, F('d'), 0, o);
}

bool arm_trans_ADDSUB_REG_T16(ArmCtx *s, const ArmFields *f)
{
    ArmOp2 o = {arm_reg(s, F('m')), 0};
    return arm_dp(s, F('o') ? ARM_DP_SUB : ARM_DP_ADD, !s->in_it, F('d'),
                  arm_reg(s, F('n')), o);
}

bool arm_trans_ADDSUB_IMM3_T16(ArmCtx *s, const ArmFields *f)
{
    ArmOp2 o = {ir_const(s->b, F('i')), 0};
    return arm_dp(s, F('o') ? ARM_DP_SUB : ARM_DP_ADD, !s->in_it, F('d'),
                  arm_reg(s, F('n')), o);
}

bool arm_trans_IMM8_T16(ArmCtx *s, const ArmFields *f)
{
    static const int ops[4] = {ARM_DP_MOV, ARM_DP_CMP, ARM_DP_ADD, ARM_DP_SUB};
    int op = ops[F('o')], rd = (int)F('d');
    ArmOp2 o = {ir_const(s->b, F('i')), 0};
    if (op == ARM_DP_CMP)
        return arm_dp(s, op, true, -1, arm_reg(s, rd), o);
    return arm_dp(s, op, !s->in_it, rd, op == ARM_DP_MOV ? 0 : arm_reg(s, rd),
                  o);
}

bool arm_trans_DPREG_T16(ArmCtx *s, const ArmFields *f)
{
    static const int8_t ops[16] = {
        ARM_DP_AND, ARM_DP_EOR, -1, -1, -1, ARM_DP_ADC, ARM_DP_SBC, -1,
        ARM_DP_TST, -1, ARM_DP_CMP, ARM_DP_CMN, ARM_DP_ORR, -1, ARM_DP_BIC,
        ARM_DP_MVN,
    };
    static const uint8_t shifts[8] = {0, 0, ARM_LSL, ARM_LSR, ARM_ASR, 0, 0,
                                      ARM_ROR};
    IRBlock *b = s->b;
    unsigned opc = F('o'), rd = F('d'), rm = F('m');
    bool S = !s->in_it;
    IRRef x = arm_reg(s, rd), y = arm_reg(s, rm);
    switch (opc) {
    case 2: case 3: case 4: case 7:
        return arm_dp(s, ARM_DP_MOV, S, (int)rd, 0,
                      arm_shift_reg(s, x, shifts[opc], y, S));
    case 9: /* RSB Rd, Rn, #0 (NEG) */
        return arm_dp(s, ARM_DP_RSB, S, (int)rd, y,
                      (ArmOp2){ir_const(b, 0), 0});
    case 13: { /* MUL Rdm, Rn, Rdm */
        IRRef r = ir_binop(b, IR_MUL, 4, y, x);
        if (S)
            arm_set_nz_c(s, r, 0);
        arm_set_reg(s, rd, r);
        return true;
    }
    default: {
        int op = ops[opc];
        ArmOp2 o = {y, 0};
        if (is_cmp(op))
            return arm_dp(s, op, true, -1, x, o);
        return arm_dp(s, op, S, (int)rd, op == ARM_DP_MVN ? 0 : x, o);
    }
    }
}

bool arm_trans_ADD_HI_T16(ArmCtx *s, const ArmFields *f)
{
    unsigned rd = F('d'), rm = F('m');
    if (rd == 15 && rm == 15)
        return false;
    IRRef r = ir_add(s->b, 4, arm_reg(s, rd), arm_reg(s, rm));
    if (rd == 15)
        arm_alu_write_pc(s, r);
    else
        arm_set_reg(s, rd, r);
    return true;
}

bool arm_trans_CMP_HI_T16(ArmCtx *s, const ArmFields *f)
{
    if (F('n') == 15 || F('m') == 15)
        return false;
    return arm_dp(s, ARM_DP_CMP, true, -1, arm_reg(s, F('n')),
                  (ArmOp2){arm_reg(s, F('m')), 0});
}

bool arm_trans_MOV_HI_T16(ArmCtx *s, const ArmFields *f)
{
    unsigned rd = F('d');
    IRRef v = arm_reg(s, F('m'));
    if (rd == 15)
        arm_alu_write_pc(s, v);
    else
        arm_set_reg(s, rd, v);
    return true;
}

bool arm_trans_ADR_T16(ArmCtx *s, const ArmFields *f)
{
    arm_set_reg(s, F('d'), ir_const(s->b, arm_pc_align4(s) + F('i') * 4));
    return true;
}

bool arm_trans_ADD_SPI_T16(ArmCtx *s, const ArmFields *f)
{
    arm_set_reg(s, F('d'), ir_addi(s->b, 4, arm_reg(s, ARM_REG_SP),
                                   F('i') * 4));
    return true;
}

bool arm_trans_ADDSUB_SP_T16(ArmCtx *s, const ArmFields *f)
{
    uint32_t imm = F('i') * 4;
    arm_set_reg(s, ARM_REG_SP, ir_addi(s->b, 4, arm_reg(s, ARM_REG_SP),
                                       F('o') ? (uint32_t)-imm : imm));
    return true;
}
