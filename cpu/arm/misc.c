/*
 * cpu/arm/misc.c - system and control instructions of A32, T32 and T16:
 * SVC, BKPT, UDF, the hint space, DMB/DSB/ISB, MRS/MSR of the APSR,
 * MRC/MCR p15 (user TLS registers and the CP15 barrier operations),
 * SETEND and IT.
 *
 * Kernel and architecture facts used here:
 *  - SVC leaves with IR_EXIT_SYSCALL and the key of the next instruction;
 *    its immediate goes to env->exc_info (EABI passes the number in r7,
 *    the immediate is 0; an OABI-style immediate is the Linux layer's to
 *    judge).
 *  - Linux arm installs undefined-instruction hooks for its ptrace
 *    breakpoints (arch/arm/kernel/ptrace.c): A32 0x07f001f0 (any cond),
 *    T16 0xde01 and T32 0xf7f0a000 raise SIGTRAP, so they are
 *    IR_EXIT_BRK like BKPT; every other UDF is SIGILL.
 *  - TPIDRURO (c13,c0,3) is the TLS pointer set by the set_tls syscall,
 *    read-only from user mode; TPIDRURW (c13,c0,2) is user read/write.
 *    MCR c7,c10,5 / c7,c10,4 / c7,c5,4 are the ARMv6 CP15 DMB/DSB/ISB,
 *    still enabled for user mode by Linux (CP15BEN).
 *  - MRS of CPSR in user mode reads the APSR (N Z C V Q GE) and the mode
 *    bits (USR = 0x10); the execution state bits (T, IT, J, E) read as 0.
 *    MSR writes only NZCVQ (mask bit 3) and GE (mask bit 2) in user mode.
 */
#include "cpu/arm/arm-internal.h"

static void leave(ArmCtx *s, IRExit kind, uint64_t key, uint32_t info)
{
    ir_stenv(s->b, 4, ARM_ENV_OFF(exc_info), ir_const(s->b, info));
    ir_exit(s->b, kind, key);
    s->end = true;
}

static bool svc(ArmCtx *s, uint32_t imm)
{
    leave(s, IR_EXIT_SYSCALL, arm_next_key(s), imm);
    return true;
}

static bool bkpt(ArmCtx *s, uint32_t imm)
{
    leave(s, IR_EXIT_BRK, arm_make_key(s->pc, s->thumb, s->itstate), imm);
    return true;
}

bool arm_trans_SVC_A32(ArmCtx *s, const ArmFields *f)
{
    return svc(s, F('i'));
}
bool arm_trans_SVC_T16(ArmCtx *s, const ArmFields *f)
{
    return svc(s, F('i'));
}
bool arm_trans_BKPT_A32(ArmCtx *s, const ArmFields *f)
{
    return bkpt(s, F('i'));
}
bool arm_trans_BKPT_T16(ArmCtx *s, const ArmFields *f)
{
    return bkpt(s, F('i'));
}

bool arm_trans_UDF_A32(ArmCtx *s, const ArmFields *f)
{
    if ((s->insn & 0x0fffffffu) == 0x07f001f0u)
        return bkpt(s, 0);
    return arm_undef(s, false);
}
bool arm_trans_UDF_T32(ArmCtx *s, const ArmFields *f)
{
    if (s->insn == 0xf7f0a000u)
        return bkpt(s, 0);
    return arm_undef(s, false);
}
bool arm_trans_UDF_T16(ArmCtx *s, const ArmFields *f)
{
    if (s->insn == 0xde01u)
        return bkpt(s, 0);
    return arm_undef(s, false);
}

/* The hint space: NOP, YIELD, WFE, WFI, SEV, SEVL, CSDB, DBG and the
 * unallocated hints (which execute as NOP). */
static bool hint(ArmCtx *s, unsigned op)
{
    switch (op) {
    case 1: /* YIELD */
    case 2: /* WFE: nothing wakes us but time; let others run */
    case 3: /* WFI */
        ir_exit(s->b, IR_EXIT_YIELD, arm_next_key(s));
        s->end = true;
        break;
    default:
        break;
    }
    return true;
}

bool arm_trans_HINT_A32(ArmCtx *s, const ArmFields *f)
{
    return hint(s, F('o'));
}
bool arm_trans_HINT_T32(ArmCtx *s, const ArmFields *f)
{
    return hint(s, F('o'));
}
bool arm_trans_HINT_T16(ArmCtx *s, const ArmFields *f)
{
    return hint(s, F('o'));
}

static bool barrier(ArmCtx *s)
{
    ir_fence(s->b);
    return true;
}

bool arm_trans_DSB_A32(ArmCtx *s, const ArmFields *f) { return barrier(s); }
bool arm_trans_DMB_A32(ArmCtx *s, const ArmFields *f) { return barrier(s); }
bool arm_trans_DSB_T32(ArmCtx *s, const ArmFields *f) { return barrier(s); }
bool arm_trans_DMB_T32(ArmCtx *s, const ArmFields *f) { return barrier(s); }

/* ISB: code written by this thread and made coherent (cacheflush) is
 * seen by the next fetch: end the block. */
static bool isb(ArmCtx *s)
{
    arm_branch_to(s, s->pc + s->len, s->thumb);
    return true;
}
bool arm_trans_ISB_A32(ArmCtx *s, const ArmFields *f) { return isb(s); }
bool arm_trans_ISB_T32(ArmCtx *s, const ArmFields *f) { return isb(s); }

/* Prefetch hints have no architectural effect (and never fault). */
bool arm_trans_PLD_IMM_A32(ArmCtx *s, const ArmFields *f) { return true; }
bool arm_trans_PLI_IMM_A32(ArmCtx *s, const ArmFields *f) { return true; }
bool arm_trans_PLD_REG_A32(ArmCtx *s, const ArmFields *f) { return true; }
bool arm_trans_PLI_REG_A32(ArmCtx *s, const ArmFields *f) { return true; }

static bool mrs(ArmCtx *s, unsigned rd, bool spsr)
{
    if (spsr || rd == 15)
        return false; /* no SPSR in user mode */
    IRBlock *b = s->b;
    IRRef nzcv = ir_andi(b, 4, ir_getnzcv(b), 0xf0000000u);
    IRRef q = ir_shli(b, 4, ir_setcc(b, IR_NE, 4,
                                     ir_ldenv(b, 4, ARM_ENV_OFF(q)),
                                     ir_const(b, 0)), 27);
    IRRef ge = ir_andi(b, 4, ir_ldenv(b, 4, ARM_ENV_OFF(ge)), 0x000f0000u);
    arm_set_reg(s, rd, ir_or(b, 4, ir_or(b, 4, nzcv, q),
                             ir_or(b, 4, ge, ir_const(b, 0x10))));
    return true;
}

static bool msr(ArmCtx *s, unsigned mask, bool spsr, IRRef v)
{
    IRBlock *b = s->b;
    if (spsr)
        return false;
    if (mask & 8) {
        ir_setnzcv(b, ir_andi(b, 4, v, 0xf0000000u));
        ir_stenv(b, 4, ARM_ENV_OFF(q), ir_andi(b, 4, v, 1u << 27));
    }
    if (mask & 4)
        ir_stenv(b, 4, ARM_ENV_OFF(ge), ir_andi(b, 4, v, 0x000f0000u));
    return true;
}

bool arm_trans_MRS_A32(ArmCtx *s, const ArmFields *f)
{
    return mrs(s, F('d'), F('r'));
}
bool arm_trans_MRS_T32(ArmCtx *s, const ArmFields *f)
{
    return mrs(s, F('d'), F('r'));
}
bool arm_trans_MSR_REG_A32(ArmCtx *s, const ArmFields *f)
{
    if (F('n') == 15)
        return false;
    return msr(s, F('k'), F('r'), arm_reg(s, F('n')));
}
bool arm_trans_MSR_T32(ArmCtx *s, const ArmFields *f)
{
    if (F('n') == 15)
        return false;
    return msr(s, F('k'), F('r'), arm_reg(s, F('n')));
}
bool arm_trans_MSR_IMM_A32(ArmCtx *s, const ArmFields *f)
{
    return msr(s, F('k'), F('r'), arm_expand_imm_a32(s, F('i'), false).v);
}

/* MRC/MCR p15 (coproc field fixed to 1111 by the rows). */
static bool cp15(ArmCtx *s, const ArmFields *f)
{
    IRBlock *b = s->b;
    unsigned opc1 = F('o'), crn = F('n'), crm = F('m'), opc2 = F('p');
    unsigned rt = F('t');
    bool read = F('l');
    if (opc1 == 0 && crn == 13 && crm == 0 && (opc2 == 2 || opc2 == 3)) {
        uint32_t off = opc2 == 3 ? ARM_ENV_OFF(tpidruro)
                                 : ARM_ENV_OFF(tpidrurw);
        if (rt == 15)
            return false;
        if (read) {
            arm_set_reg(s, rt, ir_ldenv(b, 4, off));
            return true;
        }
        if (opc2 == 3)
            return false; /* TPIDRURO is read-only at PL0 */
        ir_stenv(b, 4, off, arm_reg(s, rt));
        return true;
    }
    if (!read && opc1 == 0 && crn == 7 &&
        ((crm == 10 && (opc2 == 5 || opc2 == 4)) || (crm == 5 && opc2 == 4))) {
        if (crm == 5)
            return isb(s);
        return barrier(s);
    }
    return arm_undef(s, true);
}

bool arm_trans_MCR_A32(ArmCtx *s, const ArmFields *f)
{
    return cp15(s, f);
}
bool arm_trans_MCR_T32(ArmCtx *s, const ArmFields *f)
{
    return cp15(s, f);
}

static bool setend(ArmCtx *s, bool big)
{
    if (big) /* big-endian data: not supported */
        return arm_undef(s, true);
    return true;
}

bool arm_trans_SETEND_A32(ArmCtx *s, const ArmFields *f)
{
    return setend(s, F('e'));
}
bool arm_trans_SETEND_T16(ArmCtx *s, const ArmFields *f)
{
    return setend(s, F('e'));
}

bool arm_trans_IT_T16(ArmCtx *s, const ArmFields *f)
{
    unsigned c = F('c'), mask = F('k');
    /* IT inside an IT block, firstcond 1111, or AL with a mask that has
     * an "else" slot are UNPREDICTABLE */
    if (s->in_it || c == 15 || (c == 14 && __builtin_popcount(mask) != 1))
        return false;
    arm_set_next_itstate(s, c << 4 | mask);
    return true;
}
