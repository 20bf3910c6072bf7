/*
 * tcg/ir-opt.c - IR passes run on every block before code generation.
 *
 *  - dead flags: a flag-setting op (ADDS, SUBS, ADCS, SBCS, LOGICS) whose
 *    NZCV is overwritten by a later flag setter before anything reads it
 *    becomes its plain form.  Readers are COND, CSEL, ADC(S), SBC(S),
 *    GETNZCV, non-pure CALLs and every exit (flags are live out of a
 *    block), the CHKALIGN side exit included (the SIGBUS handler sees the
 *    exact NZCV).  Faulting loads/stores are not treated as readers: along the
 *    straight-line path the flags are rewritten before being read, so a
 *    guest resuming after a fault sees the right values again.
 *  - dead code: ops without side effects whose results are unused.
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
    case IR_CHKALIGN:
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
    case IR_SETNZCV:
        return true;
    case IR_CALL:
        return !(in->flags & (IR_CALL_PURE | IR_CALL_NOGPR));
    default:
        return false;
    }
}

static void dead_flags(IRBlock *b)
{
    bool live = true; /* live out of the block */
    for (uint32_t i = b->n - 1; i >= 1; i--) {
        IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        bool w = writes_flags(in), r = reads_flags(in);
        if (w && !live && in->op != IR_CALL && in->op != IR_SETNZCV) {
            switch (in->op) {
            case IR_ADDS: in->op = IR_ADD; break;
            case IR_SUBS: in->op = IR_SUB; break;
            case IR_ADCS: in->op = IR_ADC; r = true; break;
            case IR_SBCS: in->op = IR_SBC; r = true; break;
            case IR_LOGICS:
                in->op = IR_ZEXT;
                in->imm = in->size;
                in->size = 8;
                break;
            }
        }
        if (w)
            live = false;
        if (r)
            live = true;
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

void ir_optimize(IRBlock *b)
{
    dead_flags(b);
    dead_code(b);
}
