/*
 * cpu/arm/ldst-multi.c - A32/T32/T16 load/store multiple (Arm ARM A8.8
 * LDM/LDMIA/LDMDA/LDMDB/LDMIB, STM.., PUSH, POP, in every encoding).  Rows
 * are in cpu/arm/ldst.def; every encoding reaches ldstm_emit().
 *
 * Invariants:
 *  - The lowest-numbered register goes to the lowest address, whatever
 *    the direction (IA, IB, DA, DB); the writeback value is Rn +/- 4 * n.
 *  - All loads are done before any register is written, and the base
 *    writeback is written before the loaded registers, then pc last: a
 *    fault anywhere leaves the guest registers as they were (precise).
 *    (T16 LDM with the base in the list has no writeback: the loaded value
 *    is the result, as the Arm ARM says.)  A store reads every register before
 *    its first store, so a base in the list of a writeback STM stores the
 *    original base (the Arm ARM's rule when it is the lowest register; a
 *    CONSTRAINED UNPREDICTABLE choice otherwise).
 *  - pc in a load list is LoadWritePC (interworking, ends the block),
 *    predicted as a return when the base is SP (POP {.., pc}); pc in an A32
 *    store list stores PC (the instruction's address + 8).
 *  - No alignment check: the arm kernel fixes misaligned LDM/STM up for
 *    user space, and x86 has no such fault.
 *  - UNDEFINED here: an empty list, Rn = pc, a writeback LDM with the base
 *    in the list (A32 and T32; qemu-arm UNDEFs it too), and the T32 lists
 *    the Arm ARM calls UNPREDICTABLE (SP in the list, pc in a store list,
 *    pc and lr both in a load list, base in a writeback store list); the
 *    A32 user mode ^ forms have no row.  A one-register T32 list, and an
 *    A32 writeback STM with the base in the list, are executed.
 */
#include "cpu/arm/translate.h"

/* addr + imm; guest registers and addresses are zero-extended 4-byte
 * values, so + 0 is the value itself (the IR builder cannot know that). */
static IRRef add4(IRBlock *b, IRRef addr, uint32_t imm)
{
    return imm ? ir_addi(b, 4, addr, imm) : addr;
}

/* LDM/STM body: inc = increment (IA/IB), before = IB/DB. */
static void ldstm_emit(ArmCtx *s, bool load, int rn, uint32_t list, bool inc,
                       bool before, bool wback)
{
    IRBlock *b = s->b;
    uint32_t n = (uint32_t)__builtin_popcount(list);
    IRRef base = arm_reg(s, rn);
    uint32_t first = inc ? (before ? 4 : 0) : (before ? -4 * n : 4 - 4 * n);
    IRRef start = add4(b, base, first);
    IRRef nbase = ir_addi(b, 4, base, inc ? 4 * n : -4 * n);
    IRRef val[16] = {0};
    uint32_t off = 0;
    if (load) {
        for (int r = 0; r < 16; r++)
            if (list & (1u << r)) {
                val[r] = ir_ld(b, 4, false, add4(b, start, off));
                off += 4;
            }
        if (wback)
            arm_set_reg(s, rn, nbase);
        for (int r = 0; r < 15; r++)
            if (list & (1u << r))
                arm_set_reg(s, r, val[r]);
        if (list & (1u << ARM_REG_PC))
            arm_load_write_pc(s, val[ARM_REG_PC], rn == ARM_REG_SP
                                                      ? IR_HINT_RET
                                                      : IR_HINT_NONE);
        return;
    }
    for (int r = 0; r < 16; r++)
        if (list & (1u << r))
            val[r] = arm_reg(s, r);
    for (int r = 0; r < 16; r++)
        if (list & (1u << r)) {
            ir_st(b, 4, add4(b, start, off), val[r]);
            off += 4;
        }
    if (wback)
        arm_set_reg(s, rn, nbase);
}

/* A32 LDM/STM (all four directions), PUSH/POP A1: P = before, U = inc. */
static bool a32_ldstm(ArmCtx *s, const ArmFields *f, bool load)
{
    int rn = (int)F('n');
    uint32_t list = F('r');
    if (!list || rn == ARM_REG_PC)
        return false;
    if (load && F('W') && (list & (1u << rn)))
        return false;
    ldstm_emit(s, load, rn, list, F('U'), F('P'), F('W'));
    return true;
}

bool arm_trans_A32_LDM(ArmCtx *s, const ArmFields *f)
{
    return a32_ldstm(s, f, true);
}

bool arm_trans_A32_STM(ArmCtx *s, const ArmFields *f)
{
    return a32_ldstm(s, f, false);
}

/* T32 LDM/LDMDB/STM/STMDB, PUSH/POP T2 (see the header for UNDEF). */
static bool t32_ldstm(ArmCtx *s, const ArmFields *f, bool load, bool inc)
{
    int rn = (int)F('n');
    uint32_t list = F('r');
    bool wback = F('W');
    if (!list || rn == ARM_REG_PC || (list & (1u << ARM_REG_SP)))
        return false;
    if (wback && (list & (1u << rn)))
        return false;
    if (load ? (list & 0xc000u) == 0xc000u : (list & 0x8000u) != 0)
        return false;
    ldstm_emit(s, load, rn, list, inc, !inc, wback);
    return true;
}

bool arm_trans_T32_LDMIA(ArmCtx *s, const ArmFields *f)
{
    return t32_ldstm(s, f, true, true);
}

bool arm_trans_T32_LDMDB(ArmCtx *s, const ArmFields *f)
{
    return t32_ldstm(s, f, true, false);
}

bool arm_trans_T32_STMIA(ArmCtx *s, const ArmFields *f)
{
    return t32_ldstm(s, f, false, true);
}

bool arm_trans_T32_STMDB(ArmCtx *s, const ArmFields *f)
{
    return t32_ldstm(s, f, false, false);
}

/* PUSH T1: STMDB SP!, {r0-r7, lr}. */
bool arm_trans_T16_PUSH(ArmCtx *s, const ArmFields *f)
{
    uint32_t list = F('r') | F('M') << ARM_REG_LR;
    if (!list)
        return false;
    ldstm_emit(s, false, ARM_REG_SP, list, false, true, true);
    return true;
}

/* POP T1: LDMIA SP!, {r0-r7, pc}. */
bool arm_trans_T16_POP(ArmCtx *s, const ArmFields *f)
{
    uint32_t list = F('r') | F('P') << ARM_REG_PC;
    if (!list)
        return false;
    ldstm_emit(s, true, ARM_REG_SP, list, true, false, true);
    return true;
}

/* STM T1: STMIA Rn!, always writeback. */
bool arm_trans_T16_STM(ArmCtx *s, const ArmFields *f)
{
    uint32_t list = F('r');
    if (!list)
        return false;
    ldstm_emit(s, false, (int)F('n'), list, true, false, true);
    return true;
}

/* LDM T1: writeback unless Rn is in the list (then the loaded value). */
bool arm_trans_T16_LDM(ArmCtx *s, const ArmFields *f)
{
    int rn = (int)F('n');
    uint32_t list = F('r');
    if (!list)
        return false;
    ldstm_emit(s, true, rn, list, true, false, !(list & (1u << rn)));
    return true;
}
