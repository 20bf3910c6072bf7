/*
 * tcg/ir-opt.c - IR passes run on every block before code generation.
 *
 *  - dead flags, tracked per flag (N Z C V): a flag-setting op (ADDS,
 *    SUBS, ADCS, SBCS, LOGICS) whose NZCV is overwritten by a later flag
 *    setter before anything reads it becomes its plain form; a partial
 *    writer (SETNZ, SETNZC) nobody reads is dropped, and one whose kept
 *    flags (C, V) are dead becomes LOGICS (a host `test`: C = V = 0,
 *    which nobody sees).  A condition reads only its flags (EQ: Z, HI:
 *    C and Z, ...), ADC(S)/SBC(S) read C; readers of all four are
 *    GETNZCV, non-pure CALLs and every exit (flags are live out of a
 *    block), the CHKALIGN side exit included (the SIGBUS handler sees the
 *    exact NZCV).  Faulting loads/stores are not treated as readers: along the
 *    straight-line path the flags are rewritten before being read, so a
 *    guest resuming after a fault sees the right values again.
 *  - dead code: ops without side effects whose results are unused.
 *  - adjacent conditional regions on one condition (ARM "subhi; subhi")
 *    become one when the first cannot change NZCV: the second's test
 *    would give the same answer;
 *  - empty conditional regions: IF_FLAGS/ENDIF with nothing live between.
 * Conditional regions (IF_FLAGS .. ENDIF): the IF reads its condition's
 * flags, and what is live after the ENDIF is live before the IF (the
 * skipped path), so a write inside a region never kills an earlier one;
 * a write inside can only be killed by a later write on the same straight
 * path (inside it, or after the ENDIF, which both paths reach); uses
 * inside a region count like any other; SETREG/STENV are never removed.
 * Constant folding happens earlier, in the builders (tcg/ir.c).
 */
#include "tcg/ir.h"

#include <stdlib.h>
#include <string.h>

static bool reads_flags(const IRInst *in)
{
    switch (in->op) {
    case IR_COND: case IR_CSEL: case IR_ADC: case IR_SBC: case IR_ADCS:
    case IR_SBCS: case IR_GETNZCV: case IR_BR_FLAGS: case IR_BR_NZ:
    case IR_BR_Z: case IR_GOTO: case IR_GOTO_IND: case IR_EXIT:
    case IR_CHKALIGN: case IR_IF_FLAGS: case IR_SETNZ: case IR_SETNZC:
        return true;
    case IR_CALL:
        return !(in->flags & (IR_CALL_PURE | IR_CALL_NOGPR));
    default:
        return false;
    }
}

static bool writes_flags(const IRInst *in)
{
    switch (in->op) {
    case IR_ADDS: case IR_SUBS: case IR_ADCS: case IR_SBCS: case IR_LOGICS:
    case IR_SETNZCV: case IR_SETNZ: case IR_SETNZC:
        return true;
    case IR_CALL:
        return !(in->flags & (IR_CALL_PURE | IR_CALL_NOGPR));
    default:
        return false;
    }
}

/* Per-flag liveness: bits N Z C V = 8 4 2 1. */
enum { FN = 8, FZ = 4, FC = 2, FV = 1, FALL = 15 };

/* The flags an A64/ARM condition reads. */
static unsigned cond_reads(unsigned cond)
{
    static const uint8_t m[8] = {FZ, FC, FN, FV, FC | FZ, FN | FV,
                                 FN | FZ | FV, 0};
    return m[(cond >> 1) & 7];
}

static unsigned flag_reads(const IRInst *in)
{
    switch (in->op) {
    case IR_COND: case IR_CSEL: return cond_reads((unsigned)in->imm);
    case IR_IF_FLAGS: return cond_reads((unsigned)in->imm2);
    case IR_ADC: case IR_SBC: case IR_ADCS: case IR_SBCS: return FC;
    case IR_SETNZ: case IR_SETNZC: return 0; /* they keep the rest */
    default: return reads_flags(in) ? FALL : 0;
    }
}

static unsigned flag_writes(const IRInst *in)
{
    switch (in->op) {
    case IR_SETNZ: return FN | FZ;
    case IR_SETNZC: return FN | FZ | FC;
    default: return writes_flags(in) ? FALL : 0;
    }
}

/* Backwards over the block, per flag.  The skipped path of a region
 * carries the flags from before its IF to after its ENDIF, so at an IF
 * what is live after the ENDIF is live too. */
static void dead_flags(IRBlock *b)
{
    unsigned live = FALL; /* live out of the block */
    unsigned after_endif = 0;
    for (uint32_t i = b->n - 1; i >= 1; i--) {
        IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        if (in->op == IR_ENDIF)
            after_endif = live;
        if (in->op == IR_IF_FLAGS)
            live |= after_endif;
        unsigned w = flag_writes(in), r = flag_reads(in);
        if (w && !(live & w) && w != FALL) {
            in->dead = 1; /* SETNZ/SETNZC: a partial write nobody reads */
            continue;
        }
        if (w && w != FALL && !(live & (FC | FV))) {
            in->op = IR_LOGICS; /* C, V dead: ARM TST is a host test */
            w = FALL;
        }
        if (w == FALL && !(live & w) && in->op != IR_CALL &&
            in->op != IR_SETNZCV) {
            switch (in->op) {
            case IR_ADDS: in->op = IR_ADD; break;
            case IR_SUBS: in->op = IR_SUB; break;
            case IR_ADCS: in->op = IR_ADC; break;
            case IR_SBCS: in->op = IR_SBC; break;
            case IR_LOGICS:
                in->op = IR_ZEXT;
                in->imm = in->size;
                in->size = 8;
                break;
            }
        }
        live = (live & ~w) | r;
    }
}

static bool removable(const IRInst *in)
{
    if (ir_op_info[in->op].pure)
        return true;
    switch (in->op) {
    case IR_GETREG: case IR_LDENV: case IR_COND: case IR_GETNZCV:
    case IR_CSEL: case IR_ADC: case IR_SBC:
        return true;
    default:
        return false;
    }
}

static void dead_code(IRBlock *b)
{
    /* use counts; a per-thread buffer reused across blocks */
    static __thread uint32_t *uses;
    static __thread uint32_t cap;
    if (b->n > cap) {
        free(uses);
        cap = b->n * 2;
        uses = malloc(cap * sizeof(uint32_t));
        if (!uses) {
            cap = 0;
            return;
        }
    }
    memset(uses, 0, b->n * sizeof(uint32_t));
    for (uint32_t i = 1; i < b->n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        int na = ir_op_info[in->op].nargs;
        if (na > 0) uses[in->a]++;
        if (na > 1) uses[in->b]++;
        if (na > 2) uses[in->c]++;
        if (na > 3) uses[in->d]++;
    }
    for (uint32_t i = b->n - 1; i >= 1; i--) {
        IRInst *in = &b->ins[i];
        if (in->dead || uses[i] || !removable(in))
            continue;
        in->dead = 1;
        int na = ir_op_info[in->op].nargs;
        if (na > 0) uses[in->a]--;
        if (na > 1) uses[in->b]--;
        if (na > 2) uses[in->c]--;
        if (na > 3) uses[in->d]--;
    }
}

/* May in change the guest NZCV?  (Also through env: STENV of the NZCV
 * word, a VOP's helper.) */
static bool may_write_nzcv(const IRBlock *b, const IRInst *in)
{
    uint32_t nz = b->gi->env_nzcv;
    if (in->op == IR_STENV)
        return in->imm < nz + 4 && in->imm + in->size > nz;
    return writes_flags(in) || in->op == IR_VOP;
}

/* ENDIF, then IF_FLAGS of the same condition (constants may sit between):
 * drop both when the first region cannot write NZCV. */
static void merge_regions(IRBlock *b)
{
    uint32_t open = 0;      /* IF of the current region */
    bool wrote = false;     /* ... which may write NZCV */
    uint32_t endif = 0;     /* ENDIF of the previous region, if adjacent */
    for (uint32_t i = 1; i < b->n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead || in->op == IR_CONST)
            continue;
        if (in->op == IR_IF_FLAGS) {
            if (endif && !wrote && b->ins[open].imm2 == in->imm2) {
                b->ins[endif].dead = in->dead = 1; /* one region */
            } else {
                open = i;
                wrote = false;
            }
            endif = 0;
            continue;
        }
        if (in->op == IR_ENDIF) {
            endif = i;
            continue;
        }
        endif = 0;
        if (open && may_write_nzcv(b, in))
            wrote = true;
    }
}

/* An IF_FLAGS whose region became empty is dropped with its ENDIF. */
static void empty_regions(IRBlock *b)
{
    uint32_t open = 0;
    bool body = false;
    for (uint32_t i = 1; i < b->n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        if (in->op == IR_IF_FLAGS) {
            open = i, body = false;
        } else if (in->op == IR_ENDIF) {
            if (open && !body)
                b->ins[open].dead = in->dead = 1;
            open = 0;
        } else if (in->op != IR_CONST) {
            body = true;
        }
    }
}

void ir_optimize(IRBlock *b)
{
    merge_regions(b);
    dead_flags(b);
    dead_code(b);
    merge_regions(b); /* dead code between two regions is gone now */
    empty_regions(b);
}
