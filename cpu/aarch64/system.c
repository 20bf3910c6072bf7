/*
 * cpu/aarch64/system.c - A64 exception generation (SVC, BRK, HLT), UDF,
 * hints, barriers, CLREX, SYS (cache maintenance) and MRS/MSR of the
 * system registers EL0 may touch under Linux (rows in system.def).
 *
 * What EL0 sees is decided by an arm64 Linux kernel, not by the bare
 * architecture: the ID registers are emulated by the kernel (values in
 * features.h), CNTVCT_EL0 and CTR_EL0 are readable, DC ZVA is enabled
 * (SCTLR_EL1.DZE), DC CVAU/CVAC/CIVAC and IC IVAU are allowed
 * (SCTLR_EL1.UCI), while DAIF, SPSel, IC IALLU(IS), DC IVAC, TLBI, AT and
 * everything at EL1 or above are UNDEFINED (SIGILL).
 *
 * Memory ordering: the host is TSO, so only barriers that order earlier
 * stores before later loads need a host fence (DESIGN.md).
 */
#include <time.h>

#include "cpu/aarch64/features.h"
#include "cpu/aarch64/translate.h"
#include "tcg/tb.h"

/* ---- Exception generation ------------------------------------------ */

/* SVC #imm: the immediate is ignored by Linux; the syscall returns to the
 * next instruction. */
bool a64_trans_SVC(A64Ctx *s, const A64Fields *f)
{
    ir_exit(s->b, IR_EXIT_SYSCALL, s->pc + 4);
    s->end = true;
    return true;
}

/* BRK: SIGTRAP at the BRK itself; the immediate goes to exc_info (the
 * kernel reports it in ESR, debuggers and UBSan-style traps read it). */
bool a64_trans_BRK(A64Ctx *s, const A64Fields *f)
{
    ir_stenv(s->b, 4, ENV_OFF(exc_info), ir_const(s->b, F('i')));
    ir_exit(s->b, IR_EXIT_BRK, s->pc);
    s->end = true;
    return true;
}

/* HLT: with halting debug disabled (always at EL0 under Linux) it is
 * UNDEFINED.  UDF is permanently undefined. */
bool a64_trans_HLT(A64Ctx *s, const A64Fields *f)
{
    return a64_undef(s, false);
}
bool a64_trans_UDF(A64Ctx *s, const A64Fields *f)
{
    return a64_undef(s, false);
}

/* ---- Hints and barriers -------------------------------------------- */

/* Every HINT is a NOP except YIELD, which leaves the block so spinning
 * threads give way.  WFE/WFI/SEV/SEVL need no action (no event model;
 * WFE may wake spuriously), and BTI and the PAC hints (PACIASP, AUTIASP,
 * XPACLRI, ...) are NOPs when BTI/PAC are not implemented. */
bool a64_trans_HINT(A64Ctx *s, const A64Fields *f)
{
    if (F('m') == 0 && F('o') == 1) { /* YIELD */
        ir_exit(s->b, IR_EXIT_YIELD, s->pc + 4);
        s->end = true;
    }
    return true;
}

bool a64_trans_CLREX(A64Ctx *s, const A64Fields *f)
{
    ir_stenv(s->b, 4, ENV_OFF(excl_size), ir_const(s->b, 0));
    return true;
}

/* CRm<1:0> is the access type: 01 = loads only, 10 = stores only (both
 * already ordered on a TSO host), 11 = all and 00 = reserved, treated as
 * full: those need store->load ordering, i.e. a fence. */
static void barrier(A64Ctx *s, unsigned crm)
{
    if ((crm & 3) == 3 || (crm & 3) == 0)
        ir_fence(s->b);
}

bool a64_trans_DMB(A64Ctx *s, const A64Fields *f)
{
    barrier(s, F('m'));
    return true;
}

/* DSB with CRm 0000 is SSBB and 0100 is PSSBB: speculation barriers,
 * nothing to do in an emulator. */
bool a64_trans_DSB(A64Ctx *s, const A64Fields *f)
{
    if (F('m') != 0 && F('m') != 4)
        barrier(s, F('m'));
    return true;
}

/* ISB: instructions after it are fetched anew, so start a new block. */
bool a64_trans_ISB(A64Ctx *s, const A64Fields *f)
{
    ir_goto(s->b, s->pc + 4);
    s->end = true;
    return true;
}

/* ---- SYS: cache maintenance ---------------------------------------- */

uint64_t a64_helper_ic_ivau(void *env, uint64_t a, uint64_t b, uint64_t c,
                            uint64_t d)
{
    tb_invalidate_range(a & ~(uint64_t)(A64_CACHE_LINE - 1), A64_CACHE_LINE);
    return 0;
}

#define SYS_OP(op1, crn, crm, op2)                                             \
    ((op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

bool a64_trans_SYS(A64Ctx *s, const A64Fields *f)
{
    IRBlock *b = s->b;
    unsigned op = SYS_OP(F('o'), F('n'), F('m'), F('p'));
    switch (op) {
    case SYS_OP(3, 7, 4, 1): { /* DC ZVA: zero the aligned 64-byte block */
        IRRef base = ir_andi(b, 8, a64_reg(s, F('t'), 1),
                             ~(uint64_t)(A64_DCZVA_BYTES - 1));
        IRRef zero = ir_const(b, 0);
        for (unsigned i = 0; i < A64_DCZVA_BYTES; i += 8)
            ir_st(b, 8, ir_addi(b, 8, base, i), zero);
        return true;
    }
    case SYS_OP(3, 7, 11, 1): /* DC CVAU */
    case SYS_OP(3, 7, 10, 1): /* DC CVAC */
    case SYS_OP(3, 7, 14, 1): /* DC CIVAC */
    case SYS_OP(3, 7, 12, 1): /* DC CVAP */
    case SYS_OP(3, 7, 13, 1): /* DC CVADP */
        return true;          /* host caches are coherent */
    case SYS_OP(3, 7, 5, 1):  /* IC IVAU: drop translations of the line */
        ir_call(b, (void *)a64_helper_ic_ivau, IR_CALL_PURE, 1,
                a64_reg(s, F('t'), 1), 0, 0, 0);
        /* Leave through the cpu loop, not a chained jump: this block may
         * itself have been invalidated. */
        ir_exit(b, IR_EXIT_LOOKUP, s->pc + 4);
        s->end = true;
        return true;
    default:
        /* IC IALLU/IALLUIS, DC IVAC/ISW/..., TLBI, AT, ...: EL1 only. */
        return false;
    }
}

/* ---- System registers ---------------------------------------------- */

uint64_t a64_helper_cntvct(void *env, uint64_t a, uint64_t b, uint64_t c,
                           uint64_t d)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    /* A64_CNTFRQ_VALUE is 1 GHz: one tick per nanosecond. */
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

enum {
    REG_NZCV = A64_SYSREG(3, 3, 4, 2, 0),
    REG_FPCR = A64_SYSREG(3, 3, 4, 4, 0),
    REG_FPSR = A64_SYSREG(3, 3, 4, 4, 1),
    REG_TPIDR_EL0 = A64_SYSREG(3, 3, 13, 0, 2),
    REG_TPIDRRO_EL0 = A64_SYSREG(3, 3, 13, 0, 3),
    REG_CTR_EL0 = A64_SYSREG(3, 3, 0, 0, 1),
    REG_DCZID_EL0 = A64_SYSREG(3, 3, 0, 0, 7),
    REG_CNTFRQ_EL0 = A64_SYSREG(3, 3, 14, 0, 0),
    REG_CNTPCT_EL0 = A64_SYSREG(3, 3, 14, 0, 1),
    REG_CNTVCT_EL0 = A64_SYSREG(3, 3, 14, 0, 2),
};

static unsigned sysreg_key(const A64Fields *f)
{
    return A64_SYSREG(2 + F('q'), F('o'), F('n'), F('m'), F('p'));
}

/* Registers of the EL0 space (op0 = 3, op1 = 3) that we do not know are
 * worth a -d unimp line; the rest are EL1+ and plainly UNDEFINED. */
static bool unknown_sysreg(A64Ctx *s, unsigned key)
{
    if ((key >> 11) != (3u << 3 | 3u))
        return false;
    a64_undef(s, true);
    return true;
}

bool a64_trans_MRS(A64Ctx *s, const A64Fields *f)
{
    IRBlock *b = s->b;
    unsigned key = sysreg_key(f);
    uint64_t k;
    IRRef v;
    switch (key) {
    case REG_NZCV:
        v = ir_getnzcv(b);
        break;
    case REG_FPCR:
        v = ir_ldenv(b, 4, ENV_OFF(fpcr));
        break;
    case REG_FPSR:
        v = ir_ldenv(b, 4, ENV_OFF(fpsr));
        break;
    case REG_TPIDR_EL0:
        v = ir_ldenv(b, 8, ENV_OFF(tpidr_el0));
        break;
    case REG_TPIDRRO_EL0:
        v = ir_ldenv(b, 8, ENV_OFF(tpidrro_el0));
        break;
    case REG_CTR_EL0:
        v = ir_const(b, A64_CTR_VALUE);
        break;
    case REG_DCZID_EL0:
        v = ir_const(b, A64_DCZID_VALUE);
        break;
    case REG_CNTFRQ_EL0:
        v = ir_const(b, A64_CNTFRQ_VALUE);
        break;
    case REG_CNTPCT_EL0: /* one counter: no virtual offset in user mode */
    case REG_CNTVCT_EL0:
        v = ir_call(b, (void *)a64_helper_cntvct, IR_CALL_PURE, 0, 0, 0, 0, 0);
        break;
    default:
        if (!a64_id_reg_read(key, &k))
            return unknown_sysreg(s, key);
        v = ir_const(b, k);
        break;
    }
    a64_set_reg(s, F('t'), 1, v);
    return true;
}

bool a64_trans_MSR_r(A64Ctx *s, const A64Fields *f)
{
    IRBlock *b = s->b;
    unsigned key = sysreg_key(f);
    IRRef v = a64_reg(s, F('t'), 1);
    switch (key) {
    case REG_NZCV:
        ir_setnzcv(b, v);
        return true;
    case REG_TPIDR_EL0:
        ir_stenv(b, 8, ENV_OFF(tpidr_el0), v);
        return true;
    case REG_FPSR:
        ir_stenv(b, 4, ENV_OFF(fpsr), ir_andi(b, 8, v, A64_FPSR_MASK));
        return true;
    case REG_FPCR:
        ir_stenv(b, 4, ENV_OFF(fpcr), ir_andi(b, 8, v, A64_FPCR_MASK));
        /* A new rounding/flush mode applies from the next instruction;
         * end the block so FP translation never straddles a change. */
        ir_goto(b, s->pc + 4);
        s->end = true;
        return true;
    case REG_TPIDRRO_EL0:
    case REG_CTR_EL0:
    case REG_DCZID_EL0:
    case REG_CNTFRQ_EL0:
    case REG_CNTPCT_EL0:
    case REG_CNTVCT_EL0:
        return false; /* read-only at EL0 */
    default:
        return unknown_sysreg(s, key);
    }
}
