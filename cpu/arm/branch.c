/*
 * cpu/arm/branch.c - branches of A32, T32 and T16.
 *
 * Targets are keys (pc | T): B/BL keep the instruction set, BLX
 * immediate switches it (A32 -> Thumb with H as bit 1; T32 -> ARM from
 * Align(PC, 4)), BX/BLX register take it from bit 0 of the register.  The
 * link value is the next instruction's address, with bit 0 set in Thumb
 * (so a BX LR returns to Thumb).  Branches inside an IT block other than
 * the last instruction are UNPREDICTABLE; B<cond>, CBZ/CBNZ there are
 * rejected (SIGILL), the rest follow the IT condition like any other
 * instruction.
 */
#include "cpu/arm/arm-internal.h"

static uint32_t sext(uint32_t v, int bits)
{
    return (uint32_t)((int32_t)(v << (32 - bits)) >> (32 - bits));
}

static uint32_t link_value(const ArmCtx *s)
{
    return (s->pc + s->len) | (s->thumb ? 1u : 0u);
}

/* B/B<cond> to a constant target: a conditional branch leaves through a
 * side exit when the condition holds and falls to the next instruction. */
static void branch_cond(ArmCtx *s, unsigned cond, uint32_t target)
{
    if (cond < ARM_COND_AL) {
        ir_br_flags(s->b, cond, arm_make_key(target, s->thumb, 0));
        uint64_t next = arm_next_key(s);
        arm_branch_to(s, arm_key_pc(next), s->thumb);
    } else {
        arm_branch_to(s, target, s->thumb);
    }
}

bool arm_trans_B_A32(ArmCtx *s, const ArmFields *f)
{
    unsigned cond = arm_take_cond(s);
    branch_cond(s, cond, arm_pc_value(s) + (sext(F('i'), 24) << 2));
    return true;
}

bool arm_trans_BL_A32(ArmCtx *s, const ArmFields *f)
{
    arm_set_reg(s, ARM_REG_LR, ir_const(s->b, link_value(s)));
    arm_branch_to(s, arm_pc_value(s) + (sext(F('i'), 24) << 2), false);
    return true;
}

bool arm_trans_BLX_IMM_A32(ArmCtx *s, const ArmFields *f)
{
    arm_set_reg(s, ARM_REG_LR, ir_const(s->b, link_value(s)));
    arm_branch_to(s, arm_pc_value(s) + (sext(F('i'), 24) << 2) + F('h') * 2,
                  true);
    return true;
}

static bool bx(ArmCtx *s, unsigned rm)
{
    arm_bx_write_pc(s, arm_reg(s, rm),
                    rm == ARM_REG_LR ? IR_HINT_RET : IR_HINT_NONE);
    return true;
}

static bool blx_reg(ArmCtx *s, unsigned rm)
{
    if (rm == 15)
        return false;
    IRRef t = arm_reg(s, rm); /* read before LR is written (BLX LR) */
    arm_set_reg(s, ARM_REG_LR, ir_const(s->b, link_value(s)));
    arm_bx_write_pc(s, t, IR_HINT_CALL);
    return true;
}

bool arm_trans_BX_A32(ArmCtx *s, const ArmFields *f)
{
    return bx(s, F('m'));
}
/* BXJ: with the trivial Jazelle extension (no Jazelle state) it is BX. */
bool arm_trans_BXJ_A32(ArmCtx *s, const ArmFields *f)
{
    return bx(s, F('m'));
}
bool arm_trans_BLX_REG_A32(ArmCtx *s, const ArmFields *f)
{
    return blx_reg(s, F('m'));
}
bool arm_trans_BX_T16(ArmCtx *s, const ArmFields *f)
{
    return bx(s, F('m'));
}
bool arm_trans_BLX_REG_T16(ArmCtx *s, const ArmFields *f)
{
    return blx_reg(s, F('m'));
}

/* T32 B/BL/BLX offset: S:I1:I2:imm10:imm11:'0', I = NOT(J XOR S). */
static uint32_t t32_offset(const ArmFields *f)
{
    uint32_t S = F('s'), i1 = !(F('a') ^ S), i2 = !(F('b') ^ S);
    return sext(S << 24 | i1 << 23 | i2 << 22 | F('i') << 12 | F('l') << 1,
                25);
}

bool arm_trans_B_COND_T32(ArmCtx *s, const ArmFields *f)
{
    unsigned c = F('c');
    if (c >= 14 || s->in_it)
        return false;
    uint32_t S = F('s');
    uint32_t off = sext(S << 20 | F('b') << 19 | F('a') << 18 | F('i') << 12 |
                        F('l') << 1, 21);
    branch_cond(s, c, arm_pc_value(s) + off);
    return true;
}

bool arm_trans_B_T32(ArmCtx *s, const ArmFields *f)
{
    arm_branch_to(s, arm_pc_value(s) + t32_offset(f), true);
    return true;
}

bool arm_trans_BL_T32(ArmCtx *s, const ArmFields *f)
{
    arm_set_reg(s, ARM_REG_LR, ir_const(s->b, link_value(s)));
    arm_branch_to(s, arm_pc_value(s) + t32_offset(f), true);
    return true;
}

bool arm_trans_BLX_IMM_T32(ArmCtx *s, const ArmFields *f)
{
    if (F('l') & 1)
        return false; /* H = 1: UNDEFINED */
    arm_set_reg(s, ARM_REG_LR, ir_const(s->b, link_value(s)));
    arm_branch_to(s, arm_pc_align4(s) + t32_offset(f), false);
    return true;
}

bool arm_trans_TBB_T32(ArmCtx *s, const ArmFields *f)
{
    IRBlock *b = s->b;
    unsigned rm = F('m');
    /* Only Rm = SP or PC is UNPREDICTABLE; LR is a valid index (compilers
     * use it for big switch tables). */
    if (rm == 13 || rm == 15)
        return false;
    IRRef idx = arm_reg(s, rm);
    if (F('h'))
        idx = ir_shli(b, 4, idx, 1);
    IRRef addr = ir_add(b, 4, arm_reg(s, F('n')), idx);
    IRRef ent = ir_ld(b, F('h') ? 2 : 1, false, addr);
    arm_branch_write_pc(s, ir_add(b, 4, ir_const(b, arm_pc_value(s)),
                                  ir_shli(b, 4, ent, 1)));
    return true;
}

bool arm_trans_B_COND_T16(ArmCtx *s, const ArmFields *f)
{
    unsigned c = F('c');
    if (c >= 14 || s->in_it)
        return false; /* 1110 UDF, 1111 SVC have their own rows */
    branch_cond(s, c, arm_pc_value(s) + (sext(F('i'), 8) << 1));
    return true;
}

bool arm_trans_B_T16(ArmCtx *s, const ArmFields *f)
{
    arm_branch_to(s, arm_pc_value(s) + (sext(F('i'), 11) << 1), true);
    return true;
}

bool arm_trans_CBZ_T16(ArmCtx *s, const ArmFields *f)
{
    if (s->in_it)
        return false;
    uint64_t target = arm_make_key(arm_pc_value(s) + F('i') * 2, true, 0);
    IRRef v = arm_reg(s, F('n'));
    if (F('o'))
        ir_br_nz(s->b, v, target);
    else
        ir_br_z(s->b, v, target);
    arm_branch_to(s, arm_key_pc(arm_next_key(s)), true);
    return true;
}
