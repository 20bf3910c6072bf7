/*
 * tcg/x86-region.c - conditional regions (IF_FLAGS .. ENDIF, tcg/ir.h) in
 * the x86-64 back end.
 *
 * The IF becomes one `jcc` (the inverted condition, from host EFLAGS)
 * over the region's code to the join point after the ENDIF.  The two
 * paths meet there, so the lowering state must be one state on both:
 *
 *  - guest-register cache: the IF writes back only the dirty registers
 *    the region may write (its SETREGs; all of them if it has a call or a
 *    register env access); at the ENDIF the taken path writes back what
 *    the region dirtied, entries the region changed are forgotten and the
 *    dirty set is the IF's again.  sim_cache (x86-ra.c) models exactly
 *    this, so GETREG aliases agree with the code;
 *  - NZCV: the IF brings the flags into EFLAGS (it tests them anyway);
 *    the skip path keeps them there, so the taken path puts its flags in
 *    EFLAGS too, in the same sense (cmc), at the ENDIF.  If the region
 *    cannot write NZCV the flags are still the IF's producer's, which may
 *    be re-emitted later (FL_LAZY); else they are nobody's (fl_src 0).
 *    Except when NZCV is in env at the IF and the condition tests one
 *    flag: then the IF is `test byte [env], bit` and the join has NZCV in
 *    env (the taken path stores it if the region wrote it);
 *  - registers: every value live after the ENDIF sits where it was at
 *    the IF.  The region's code may have evicted some (spill writes their
 *    slot, on the taken path only), so the ENDIF reloads those from their
 *    slot - loads only, which keep EFLAGS - and slot ownership goes back
 *    to the IF's.  The skip path changed nothing.  Values that died in the
 *    region simply free their registers;
 *  - CHKALIGN knowledge (amask) learned inside the region is dropped;
 *  - the xmm copies of vector registers: entries that differ from the
 *    IF's are dropped (env is current on both paths: write-through).
 * A block breaking the region contract (nesting, a final exit inside, a
 * value defined inside used after the ENDIF) is not compiled: it runs in
 * the interpreter.
 */
#include <stdlib.h>

#include "tcg/x86-lower.h"

bool xrg_check(IRBlock *b)
{
    bool open = false;
    for (uint32_t i = 1; i < b->n; i++) {
        const IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        switch (in->op) {
        case IR_IF_FLAGS:
            if (open || (in->imm2 & 0xe) == 0xe)
                return false;
            open = true;
            break;
        case IR_ENDIF:
            if (!open)
                return false;
            open = false;
            break;
        case IR_GOTO: case IR_GOTO_IND: case IR_EXIT:
            if (open)
                return false;
            break;
        }
    }
    return !open;
}

/* The region opened at if_i: returns its ENDIF's index; *gmask gets the
 * guest registers it may write (SETREG, or all for a call or a register
 * env access), *wflags whether it may write NZCV. */
uint32_t xrg_scan(JitCtx *J, uint32_t if_i, uint64_t *gmask, bool *wflags)
{
    IRBlock *b = J->b;
    uint32_t nzcv = J->gi->env_nzcv;
    *gmask = 0;
    *wflags = false;
    for (uint32_t j = if_i + 1; j < b->n; j++) {
        const IRInst *in = &b->ins[j];
        if (in->dead)
            continue;
        switch (in->op) {
        case IR_ENDIF:
            return j;
        case IR_SETREG:
            *gmask |= 1ull << (in->imm & 63);
            break;
        case IR_CALL:
            if (!(in->flags & (IR_CALL_PURE | IR_CALL_NOGPR)))
                *gmask = ~0ull, *wflags = true;
            break;
        case IR_LDENV: case IR_STENV:
            if (in->imm < 8ull * J->gi->num_regs)
                *gmask = ~0ull;
            if (in->op == IR_STENV && in->imm < nzcv + 4 &&
                in->imm + in->size > nzcv)
                *wflags = true;
            break;
        case IR_ADDS: case IR_SUBS: case IR_ADCS: case IR_SBCS:
        case IR_LOGICS: case IR_SETNZCV: case IR_SETNZ: case IR_SETNZC:
        case IR_VOP: /* FCMP */
            *wflags = true;
            break;
        }
    }
    return b->n; /* unreachable after xrg_check */
}

void xrg_if(JitCtx *J, IRInst *in, uint32_t i)
{
    uint64_t gmask;
    bool wflags;
    uint32_t end = xrg_scan(J, i, &gmask, &wflags);
    if (J->rg.if_i || end >= J->b->n || J->flags == FL_DEAD) {
        J->fail = true;
        return;
    }
    xg_writeback_mask(J, gmask);
    unsigned cond = (unsigned)in->imm2;
    X86Cond skip;
    if (J->flags == FL_ENV && (cond >> 1) <= 3) {
        /* one flag (EQ NE CS CC MI PL VS VC) and NZCV in env: test its
         * bit there (byte 3 holds bits 31:24); the join keeps FL_ENV */
        static const uint8_t bit[4] = {0x40, 0x20, 0x80, 0x10}; /* Z C N V */
        x86_test_mi(&J->e, 1, x86_mem(X86_RBX, (int32_t)J->gi->env_nzcv + 3),
                    bit[cond >> 1]);
        skip = cond & 1 ? X86_CC_NE : X86_CC_E;
    } else {
        xfl_need_host(J);
        skip = (X86Cond)(xfl_cond(J, cond) ^ 1);
    }
    J->rg.if_i = i;
    J->rg.endif_i = end;
    J->rg.gmask = gmask;
    J->rg.wflags = wflags;
    J->rg.flags = J->flags;
    J->rg.fl_src = J->fl_src;
    J->rg.gdirty = J->gdirty;
    memcpy(J->rg.gval, J->gval, sizeof(J->gval));
    memcpy(J->rg.reg_val, J->reg_val, sizeof(J->reg_val));
    memcpy(J->rg.vc_reg, J->vc_reg, sizeof(J->vc_reg));
    memcpy(J->rg.vc_bytes, J->vc_bytes, sizeof(J->vc_bytes));
    memcpy(J->rg.vc_part, J->vc_part, sizeof(J->vc_part));
    for (uint32_t r = 1; r < i; r++) {
        J->v[r].rg_slot = J->v[r].slot;
        J->v[r].rg_amask = J->v[r].amask;
    }
    J->rg.jcc = x86_jcc32(&J->e, skip);
}

/* NZCV at the join: in EFLAGS in the IF's sense (see the header), or in
 * env when the IF tested it there. */
static void join_flags(JitCtx *J, uint32_t i)
{
    if (!J->flive[i]) {
        J->flags = FL_DEAD;
        J->fl_src = 0;
        return;
    }
    if (J->rg.flags == FL_ENV) {
        if (J->flags == FL_DEAD) {
            J->fail = true;
            return;
        }
        /* host flags of a region that wrote none equal env already */
        if (J->flags != FL_ENV && J->rg.wflags)
            xfl_materialize(J);
        J->flags = FL_ENV;
        J->fl_src = 0;
        return;
    }
    if (J->flags == FL_LAZY)
        xfl_reemit(J);
    else if (J->flags == FL_ENV)
        xfl_need_host(J);
    if (J->flags != FL_ADD && J->flags != FL_SUB) {
        J->fail = true;
        return;
    }
    if (J->flags != J->rg.flags)
        x86_cmc(&J->e);
    J->flags = J->rg.flags;
    J->fl_src = J->rg.wflags ? 0 : J->rg.fl_src;
}

/* Registers and slots at the join: as at the IF, for the live values. */
static void join_regs(JitCtx *J, uint32_t i)
{
    XE *e = &J->e;
    uint32_t if_i = J->rg.if_i;
    int target[16];
    for (int R = 0; R < 16; R++) {
        IRRef t = (IRRef)J->rg.reg_val[R];
        target[R] = t && J->v[t].last > i ? (int)t : 0;
    }
    for (int R = 0; R < 16; R++) {
        IRRef r = (IRRef)J->reg_val[R];
        if (r && target[R] != (int)r) {
            if (J->v[r].reg == R)
                J->v[r].reg = -1;
            J->reg_val[R] = 0;
        }
    }
    for (int R = 0; R < 16; R++) {
        IRRef t = (IRRef)target[R];
        if (!t || J->reg_val[R] == (int)t)
            continue;
        XVal *x = &J->v[t];
        if (x->is_const)
            x86_mov_ri(e, R, x->k); /* mov: EFLAGS kept */
        else if (x->slot >= 0)  /* evicted inside: spill wrote the slot */
            x86_load(e, 8, R, xra_slot_mem(x->slot));
        else
            J->fail = true;
        J->reg_val[R] = (int)t;
        x->reg = (int8_t)R;
    }
    memset(J->slot_used, 0, sizeof(J->slot_used));
    for (uint32_t r = 1; r < i; r++) {
        XVal *x = &J->v[r];
        if (x->last <= i) { /* dead here (or at the ENDIF itself) */
            if (x->reg >= 0 && J->reg_val[x->reg] == (int)r)
                J->reg_val[x->reg] = 0;
            x->reg = -1;
            x->slot = -1;
            continue;
        }
        if (r > if_i) { /* defined inside, used after: contract broken */
            if (!x->is_const && J->alias[r] == r && !x->fold &&
                ir_op_info[J->b->ins[r].op].has_result && !J->b->ins[r].dead)
                J->fail = true;
            x->reg = -1;
            x->slot = -1;
            continue;
        }
        x->slot = x->rg_slot;
        x->amask = x->rg_amask;
        if (x->slot >= 0)
            J->slot_used[x->slot] = 1;
    }
}

void xrg_endif(JitCtx *J, uint32_t i)
{
    if (!J->rg.if_i || J->rg.endif_i != i) {
        J->fail = true;
        return;
    }
    /* guest registers: what the region dirtied goes to env */
    xg_writeback_mask(J, J->rg.gmask);
    for (int g = 0; g < X86_MAXG; g++)
        if (J->gval[g] != J->rg.gval[g])
            J->gval[g] = 0;
    J->gdirty = J->rg.gdirty;
    join_flags(J, i); /* before join_regs: may read values' registers */
    join_regs(J, i);
    for (int x = 0; x < 16; x++)
        if (J->vc_reg[x] != J->rg.vc_reg[x] ||
            J->vc_bytes[x] != J->rg.vc_bytes[x] ||
            J->vc_part[x] != J->rg.vc_part[x])
            J->vc_reg[x] = 0;
    x86_set_rel32(J->rg.jcc, J->e.p);
    J->rg.if_i = 0;
}
