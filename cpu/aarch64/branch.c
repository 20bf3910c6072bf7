/*
 * cpu/aarch64/branch.c - A64 branches: B, BL, B.cond, CBZ/CBNZ,
 * TBZ/TBNZ, BR, BLR, RET (Arm ARM C4.1.87; rows in branch.def).
 *
 * Every branch ends the block (s->end = true).  A conditional branch is a
 * side exit to the target followed by the final GOTO to pc + 4, so both
 * successors are constant and chainable.  Indirect branches carry a hint
 * for the back end's return-address prediction: BLR is a call, RET a
 * return.  BL is a call too: its final GOTO carries IR_HINT_CALL in imm2
 * (GOTO otherwise ignores imm2) so a back end may push the return address.
 *
 * BR/BLR/RET to a target that is not a multiple of 4 complete normally
 * (BLR still writes x30): the PC alignment fault is taken when the target
 * is fetched, with the pc (and si_addr) at the target, so the check lives
 * at the start of block translation (translate.c), not here, and costs
 * the jump-cache probe nothing: no TB at an aligned pc ever matches.
 */
#include "cpu/aarch64/translate.h"

static uint64_t target(A64Ctx *s, uint32_t imm, unsigned bits)
{
    int64_t off = (int64_t)((uint64_t)imm << (64 - bits)) >> (64 - bits);
    return s->pc + (uint64_t)(off * 4);
}

bool a64_trans_B(A64Ctx *s, const A64Fields *f)
{
    ir_goto(s->b, target(s, F('i'), 26));
    s->end = true;
    return true;
}

bool a64_trans_BL(A64Ctx *s, const A64Fields *f)
{
    a64_set_reg(s, 30, 1, ir_const(s->b, s->pc + 4));
    ir_goto(s->b, target(s, F('i'), 26));
    s->b->ins[s->b->n - 1].imm2 = IR_HINT_CALL;
    s->end = true;
    return true;
}

bool a64_trans_B_cond(A64Ctx *s, const A64Fields *f)
{
    uint64_t dest = target(s, F('i'), 19);
    unsigned cond = F('c');
    if ((cond & 0xe) == 0xe) {
        ir_goto(s->b, dest); /* AL and NV both mean always */
    } else {
        ir_br_flags(s->b, cond, dest);
        ir_goto(s->b, s->pc + 4);
    }
    s->end = true;
    return true;
}

/* CBZ/CBNZ/TBZ/TBNZ: side exit when v is (non)zero, else fall through. */
static bool branch_on_value(A64Ctx *s, IRRef v, uint64_t dest, bool nz)
{
    if (nz)
        ir_br_nz(s->b, v, dest);
    else
        ir_br_z(s->b, v, dest);
    ir_goto(s->b, s->pc + 4);
    s->end = true;
    return true;
}

static bool cbz(A64Ctx *s, const A64Fields *f, bool nz)
{
    return branch_on_value(s, a64_reg(s, F('t'), F('z')), target(s, F('i'), 19),
                           nz);
}

bool a64_trans_CBZ(A64Ctx *s, const A64Fields *f)
{
    return cbz(s, f, false);
}
bool a64_trans_CBNZ(A64Ctx *s, const A64Fields *f)
{
    return cbz(s, f, true);
}

static bool tbz(A64Ctx *s, const A64Fields *f, bool nz)
{
    unsigned bit = F('h') << 5 | F('l');
    IRRef v = ir_andi(s->b, 8, a64_reg(s, F('t'), 1), 1ull << bit);
    return branch_on_value(s, v, target(s, F('i'), 14), nz);
}

bool a64_trans_TBZ(A64Ctx *s, const A64Fields *f)
{
    return tbz(s, f, false);
}
bool a64_trans_TBNZ(A64Ctx *s, const A64Fields *f)
{
    return tbz(s, f, true);
}

bool a64_trans_BR(A64Ctx *s, const A64Fields *f)
{
    ir_goto_ind(s->b, a64_reg(s, F('n'), 1), IR_HINT_NONE);
    s->end = true;
    return true;
}

/* The target is read before x30 is written: BLR x30 jumps to the old x30. */
bool a64_trans_BLR(A64Ctx *s, const A64Fields *f)
{
    IRRef dest = a64_reg(s, F('n'), 1);
    a64_set_reg(s, 30, 1, ir_const(s->b, s->pc + 4));
    ir_goto_ind(s->b, dest, IR_HINT_CALL);
    s->end = true;
    return true;
}

bool a64_trans_RET(A64Ctx *s, const A64Fields *f)
{
    ir_goto_ind(s->b, a64_reg(s, F('n'), 1), IR_HINT_RET);
    s->end = true;
    return true;
}
