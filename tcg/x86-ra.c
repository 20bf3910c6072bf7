/*
 * tcg/x86-ra.c - block analysis and register allocation for the x86-64
 * back end, plus the guest-register cache, NZCV state tracking and fault
 * recovery sites.
 *
 * Analysis (xra_analyze) runs before any code is emitted:
 *  - simulates the guest-register cache: a GETREG of a register whose
 *    value is cached (read or written earlier in the block, no call or env
 *    access in between) is an alias of that value and emits nothing; a
 *    SETREG only updates the cache and marks it dirty.  A dirty value must
 *    stay available until it is written back (exits, calls) or superseded,
 *    so its live range is extended to that point - which is also what
 *    makes it recoverable at every faulting point in between;
 *  - folds ADD(base, const32) used only as addresses into [base + disp]
 *    (fold 1) and ADD(base, SHL(index, 1..3)) into [base + index*scale]
 *    (fold 2; the SHL is absorbed, fold 3, when that is its only use);
 *  - drops ZEXT of values whose upper bits are already zero;
 *  - computes each value's last use (the allocator frees values there) and
 *    whether NZCV is read again after each instruction (flive[]).
 * The lowering (x86-lower.c) replays the same cache decisions in the same
 * order, so the two always agree.
 *
 * Allocation is a single forward pass: values get a register when defined
 * or first reloaded; when none is free, the value whose last use is
 * farthest is evicted (constants first: they are rematerialised, never
 * stored).  A spilled value keeps its slot until it dies.
 *
 * NZCV state: FL_ENV (env word current), FL_ADD / FL_SUB (host EFLAGS hold
 * it; after a subtraction x86 CF is the inverted A64 C), FL_DEAD (nobody
 * reads the current flags before the next write), FL_LAZY (EFLAGS were
 * clobbered but the producer - SUBS, ADDS, LOGICS - can be re-emitted as
 * cmp/add/test from its operands, whose live ranges the analysis extended
 * to the last point that needs the flags; cheaper than lahf/seto/pext to
 * env and sahf back).
 */
#include <stdlib.h>

#include "tcg/x86-lower.h"

static const int order_plain[] = {X86_RSI, X86_RDI, X86_R8,  X86_R9,
                                  X86_R10, X86_R11, X86_RBP, X86_R12,
                                  X86_R13, X86_R14, X86_R15, -1};
static const int order_call[] = {X86_RBP, X86_R12, X86_R13, X86_R14,
                                 X86_R15, X86_RSI, X86_RDI, X86_R8,
                                 X86_R9,  X86_R10, X86_R11, -1};
/* the same without r15, which holds guest_base (X86_GB_REG) in blocks of
 * a 32-bit guest with a nonzero one */
static const int order_plain_gb[] = {X86_RSI, X86_RDI, X86_R8,  X86_R9,
                                     X86_R10, X86_R11, X86_RBP, X86_R12,
                                     X86_R13, X86_R14, -1};
static const int order_call_gb[] = {X86_RBP, X86_R12, X86_R13, X86_R14,
                                    X86_RSI, X86_RDI, X86_R8,  X86_R9,
                                    X86_R10, X86_R11, -1};
_Static_assert(X86_GB_REG == X86_R15, "the _gb orders leave out r15");
static const int caller_saved[] = {X86_RSI, X86_RDI, X86_R8,
                                   X86_R9,  X86_R10, X86_R11};

static bool is_mem_op(int op)
{
    return op == IR_LD || op == IR_ST || op == IR_VLD || op == IR_VST ||
           op == IR_CAS || op == IR_ATOMIC;
}

static bool env_regs(JitCtx *J, const IRInst *in)
{
    return (in->op == IR_LDENV || in->op == IR_STENV) &&
           in->imm < 8ull * J->gi->num_regs;
}

static bool env_nzcv(JitCtx *J, const IRInst *in)
{
    return (in->op == IR_LDENV || in->op == IR_STENV) &&
           in->imm < J->gi->env_nzcv + 4 && in->imm + in->size > J->gi->env_nzcv;
}

IRRef xra_res(JitCtx *J, IRRef r) { return J->alias[r]; }

static IRRef *ops_of(IRInst *in, int *n)
{
    *n = ir_op_info[in->op].nargs;
    return &in->a;
}

/* The cache at the IF of the region being simulated (x86-region.c). */
typedef struct XRegSim {
    uint64_t mask, gd;
    IRRef gv[X86_MAXG];
} XRegSim;

/* One pass of the cache simulation; `ext` extends dirty live ranges. */
_Static_assert(X86_MAXG == 64, "sim_cache keeps dirty registers in a uint64_t");

static void sim_cache(JitCtx *J, uint32_t i, IRInst *in, IRRef *gv,
                      uint64_t *gd, bool ext, XRegSim *rs)
{
    /* gd: bit g set = guest register g is dirty (X86_MAXG == 64) */
#define EXTEND(r)                                                        \
    do {                                                                 \
        if (ext && J->v[r].last < i)                                     \
            J->v[r].last = i;                                            \
    } while (0)
#define EXTEND_DIRTY()                                                   \
    do {                                                                 \
        if (ext)                                                         \
            for (uint64_t m = *gd; m; m &= m - 1)                        \
                EXTEND(gv[__builtin_ctzll(m)]);                          \
    } while (0)
    switch (in->op) {
    case IR_GETREG:
        if (gv[in->imm])
            J->alias[i] = gv[in->imm];
        else
            gv[in->imm] = i, *gd &= ~(1ull << in->imm);
        break;
    case IR_SETREG: {
        IRRef nv = J->alias[in->a];
        if ((*gd >> in->imm & 1) && gv[in->imm] != nv)
            EXTEND(gv[in->imm]);
        gv[in->imm] = nv;
        *gd |= 1ull << in->imm;
        break;
    }
    case IR_CALL:
        if (in->flags & IR_CALL_PURE)
            break;
        if (in->flags & IR_CALL_NOGPR) { /* written back, still cached */
            EXTEND_DIRTY();
            *gd = 0;
            break;
        }
        /* fallthrough */
    case IR_LDENV:
    case IR_STENV:
        if (in->op != IR_CALL && !env_regs(J, in))
            break;
        EXTEND_DIRTY();
        memset(gv, 0, X86_MAXG * sizeof(IRRef));
        *gd = 0;
        break;
    case IR_GOTO: case IR_GOTO_IND: case IR_EXIT:
    case IR_BR_FLAGS: case IR_BR_NZ: case IR_BR_Z: case IR_CHKALIGN:
        EXTEND_DIRTY();
        break;
    case IR_IF_FLAGS: { /* xrg_if: write back what the region may write */
        bool wf;
        xrg_scan(J, i, &rs->mask, &wf);
        for (uint64_t m = *gd & rs->mask; m; m &= m - 1)
            EXTEND(gv[__builtin_ctzll(m)]);
        *gd &= ~rs->mask;
        rs->gd = *gd;
        memcpy(rs->gv, gv, sizeof(rs->gv));
        break;
    }
    case IR_ENDIF: /* xrg_endif: the join keeps what both paths agree on */
        for (uint64_t m = *gd & rs->mask; m; m &= m - 1)
            EXTEND(gv[__builtin_ctzll(m)]);
        for (int g = 0; g < X86_MAXG; g++)
            if (gv[g] != rs->gv[g])
                gv[g] = 0;
        *gd = rs->gd;
        break;
    }
#undef EXTEND_DIRTY
#undef EXTEND
}

static bool reads_flags(JitCtx *J, const IRInst *in)
{
    switch (in->op) {
    case IR_COND: case IR_CSEL: case IR_ADC: case IR_SBC: case IR_ADCS:
    case IR_SBCS: case IR_GETNZCV: case IR_BR_FLAGS: case IR_BR_NZ:
    case IR_BR_Z: case IR_GOTO: case IR_GOTO_IND: case IR_EXIT:
    case IR_CHKALIGN: case IR_IF_FLAGS: case IR_SETNZ: case IR_SETNZC:
        return true;
    case IR_CALL: return !(in->flags & (IR_CALL_PURE | IR_CALL_NOGPR));
    case IR_LDENV: case IR_STENV: return env_nzcv(J, in);
    default: return false;
    }
}

static bool writes_flags(JitCtx *J, const IRInst *in)
{
    switch (in->op) {
    case IR_ADDS: case IR_SUBS: case IR_ADCS: case IR_SBCS: case IR_LOGICS:
    case IR_SETNZCV: case IR_SETNZ: case IR_SETNZC:
        return true;
    case IR_CALL: return !(in->flags & (IR_CALL_PURE | IR_CALL_NOGPR));
    default: return false;
    }
}

/* Ops whose lowering never clobbers EFLAGS (a conservative list). */
static bool keeps_host_flags(int op)
{
    switch (op) {
    case IR_CONST: case IR_GETREG: case IR_SETREG: case IR_LD: case IR_ST:
    case IR_VLD: case IR_VST: case IR_ZEXT: case IR_SEXT: case IR_NOT:
    case IR_BR_FLAGS: case IR_COND: case IR_CSEL: case IR_GOTO:
        return true;
    default:
        return false;
    }
}

/* A flag producer whose host flags the lowering can recompute from its
 * operands (cmp/add/test) after something clobbered EFLAGS, instead of
 * storing NZCV to env and reloading it.  Its operands must then live as
 * long as the flags may be needed: until the last reader, faulting access
 * or call before the next flag write.  Done only when something that may
 * clobber EFLAGS sits in that range.  A region's ENDIF may re-emit them
 * (xrg_endif); a producer inside a region is never re-emitted after its
 * ENDIF (the join forgets it), so its range ends there.  A write inside a
 * region ends the scan too: the skip path's flags come from the IF. */
static void extend_flag_sources(JitCtx *J)
{
    IRBlock *b = J->b;
    bool in_region = false;
    for (uint32_t p = 1; p < b->n; p++) {
        IRInst *in = &b->ins[p];
        if (!in->dead && in->op == IR_IF_FLAGS)
            in_region = true;
        else if (!in->dead && in->op == IR_ENDIF)
            in_region = false;
        if (in->dead || !J->flive[p] ||
            (in->op != IR_SUBS && in->op != IR_ADDS && in->op != IR_LOGICS))
            continue;
        uint32_t need = 0;
        bool clob = false;
        for (uint32_t j = p + 1; j < b->n; j++) {
            IRInst *x = &b->ins[j];
            if (x->dead)
                continue;
            if (reads_flags(J, x) || is_mem_op(x->op) || x->op == IR_CALL ||
                x->op == IR_BR_NZ || x->op == IR_BR_Z || x->op == IR_ENDIF)
                need = j;
            if (!keeps_host_flags(x->op))
                clob = true;
            if (writes_flags(J, x) || x->op == IR_SETNZCV ||
                (in_region && x->op == IR_ENDIF))
                break;
        }
        if (!clob || !need)
            continue;
        J->fext[p] = 1;
        int na = in->op == IR_LOGICS ? 1 : 2;
        IRRef ops[2] = {in->a, in->b};
        for (int k = 0; k < na; k++) {
            IRRef r = J->alias[ops[k]];
            if (!J->v[r].is_const && J->v[r].last < need)
                J->v[r].last = need;
        }
    }
}

/* Marks operands that in's semantics read beyond their low 32 bits. */
static void mark_wide_uses(const IRInst *in, uint8_t *wide)
{
    int na = ir_op_info[in->op].nargs;
    const IRRef ops[4] = {in->a, in->b, in->c, in->d};
    for (int k = 0; k < na; k++) {
        bool narrow;
        switch (in->op) {
        case IR_ADD: case IR_SUB: case IR_MUL: case IR_UDIV: case IR_SDIV:
        case IR_AND: case IR_OR: case IR_XOR: case IR_ANDN: case IR_SHL:
        case IR_SHR: case IR_SAR: case IR_ROR: case IR_NEG: case IR_NOT:
        case IR_CLZ: case IR_RBIT: case IR_BSWAP: case IR_SETCC:
        case IR_EXTR: case IR_ADDS: case IR_SUBS: case IR_ADCS: case IR_SBCS:
        case IR_LOGICS: case IR_ADC: case IR_SBC: case IR_CSEL:
            narrow = in->size <= 4;
            break;
        case IR_SEXT: case IR_ZEXT:
            narrow = in->imm <= 4;
            break;
        case IR_SETNZCV:
            narrow = true;
            break;
        case IR_SETNZ: case IR_SETNZC: /* b: bit 0 only */
            narrow = k == 1 || in->size <= 4;
            break;
        case IR_ST: case IR_STENV:
            narrow = (k == 1 || in->op == IR_STENV) && in->size <= 4;
            break;
        case IR_CAS: case IR_ATOMIC:
            narrow = k > 0 && in->size <= 4;
            break;
        default:
            narrow = false;
        }
        if (!narrow)
            wide[ops[k]] = 1;
    }
}

/* Are the bits of value r above `from` bytes known to be zero?  (4-byte
 * ops: the IR contract, and each lowering writes a 32-bit register.) */
static bool upper_zero(IRBlock *b, IRRef r, uint64_t from)
{
    const IRInst *d = &b->ins[r];
    if (r == 0 || d->dead)
        return false;
    switch (d->op) {
    case IR_LD:
        return !(d->imm & IR_LD_SIGNED) && d->size <= from;
    case IR_ZEXT:
        return d->imm <= from;
    case IR_SETCC: case IR_COND:
        return true;
    case IR_ADD: case IR_SUB: case IR_MUL: case IR_UDIV: case IR_SDIV:
    case IR_AND: case IR_OR: case IR_XOR: case IR_ANDN: case IR_SHL:
    case IR_SHR: case IR_SAR: case IR_ROR: case IR_NEG: case IR_NOT:
    case IR_CLZ: case IR_RBIT: case IR_EXTR: case IR_ADDS: case IR_SUBS:
    case IR_ADCS: case IR_SBCS: case IR_ADC: case IR_SBC: case IR_CSEL:
    case IR_LOGICS: case IR_SEXT:
        return d->size == 4 && from == 4;
    default:
        return false;
    }
}

bool xra_upper_zero32(JitCtx *J, IRRef r)
{
    return upper_zero(J->b, J->alias[r], 4);
}

/* The parts of a fold-2 address ADD(base, SHL(index, sh)). */
void xra_scaled_parts(JitCtx *J, IRRef r, IRRef *base, IRRef *idx, int *sh)
{
    IRInst *ad = &J->b->ins[r];
    IRRef x = J->alias[ad->a], y = J->alias[ad->b];
    if (J->v[r].k == 0) /* fold_scaled: which operand is the SHL */
        x = y, y = J->alias[ad->a];
    IRInst *s = &J->b->ins[y];
    *base = x;
    *idx = J->alias[s->a];
    *sh = (int)J->v[J->alias[s->b]].k;
}

static bool is_scale_shl(JitCtx *J, IRRef r)
{
    IRInst *s = &J->b->ins[r];
    if (s->op != IR_SHL || (s->size != 8 && !J->gi->addr32) || J->alias[r] != r ||
        J->v[r].is_const || J->v[r].fold)
        return false;
    XVal *k = &J->v[J->alias[s->b]];
    IRRef idx = J->alias[s->a];
    return k->is_const && k->k >= 1 && k->k <= 3 && !J->v[idx].is_const &&
           !J->v[idx].fold;
}

static void fold_scaled(JitCtx *J, const uint32_t *naddr, const uint32_t *nother)
{
    IRBlock *b = J->b;
    for (uint32_t i = 1; i < b->n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead || in->op != IR_ADD || (in->size != 8 && !J->gi->addr32) ||
            !naddr[i] || nother[i] || J->alias[i] != i || J->v[i].fold ||
            J->v[i].is_const)
            continue;
        IRRef x = J->alias[in->a], y = J->alias[in->b];
        uint64_t which = 1; /* operand b is the SHL */
        if (!is_scale_shl(J, y)) {
            IRRef t = x;
            x = y, y = t;
            which = 0;
        }
        if (!is_scale_shl(J, y) || J->v[x].is_const || J->v[x].fold)
            continue;
        J->v[i].fold = 2;
        J->v[i].k = which;
        if (nother[y] == 1 && !naddr[y])
            J->v[y].fold = 3; /* only this address uses it */
    }
}

/* Per-instruction analysis arrays, reused from block to block (a malloc
 * per array per block was a large part of start-up time).  x86_compile
 * is serialized by its callers (tb_lock), so one set is enough. */
static struct {
    uint32_t cap;
    XVal *v;
    IRRef *alias;
    uint32_t *die_head, *naddr, *nother;
    uint8_t *flive, *fext, *wide;
} xs;

static bool scratch_reserve(uint32_t n)
{
    if (n <= xs.cap)
        return true;
    uint32_t cap = xs.cap ? xs.cap : 256;
    while (cap < n)
        cap *= 2;
    free(xs.v), free(xs.alias), free(xs.die_head), free(xs.naddr);
    free(xs.nother), free(xs.flive), free(xs.fext), free(xs.wide);
    xs.v = malloc(cap * sizeof(XVal));
    xs.alias = malloc(cap * sizeof(IRRef));
    xs.die_head = malloc(cap * sizeof(uint32_t));
    xs.naddr = malloc(cap * sizeof(uint32_t));
    xs.nother = malloc(cap * sizeof(uint32_t));
    xs.flive = malloc(cap);
    xs.fext = malloc(cap);
    xs.wide = malloc(cap);
    xs.cap = cap;
    if (!xs.v || !xs.alias || !xs.die_head || !xs.naddr || !xs.nother ||
        !xs.flive || !xs.fext || !xs.wide) {
        free(xs.v), free(xs.alias), free(xs.die_head), free(xs.naddr);
        free(xs.nother), free(xs.flive), free(xs.fext), free(xs.wide);
        memset(&xs, 0, sizeof(xs));
        return false;
    }
    return true;
}

bool xra_analyze(JitCtx *J)
{
    IRBlock *b = J->b;
    uint32_t n = b->n;
    if (!scratch_reserve(n) || !xrg_check(b))
        return false;
    J->v = xs.v;
    J->alias = xs.alias;
    J->die_head = xs.die_head;
    J->flive = xs.flive;
    J->fext = xs.fext;
    uint32_t *naddr = xs.naddr, *nother = xs.nother;
    uint8_t *wide = xs.wide; /* value is read at more than 32 bits */
    memset(J->die_head, 0, n * sizeof(uint32_t));
    memset(J->flive, 0, n);
    memset(J->fext, 0, n);
    memset(naddr, 0, n * sizeof(uint32_t));
    memset(nother, 0, n * sizeof(uint32_t));
    memset(wide, 0, n);
    bool has_call = false;
    const XVal v0 = {.reg = -1, .slot = -1, .rg_slot = -1};
    for (uint32_t i = 0; i < n; i++) {
        J->alias[i] = i;
        J->v[i] = v0;
        /* operands precede their users: wide[] of i is final before
         * pass 1 reaches i */
        if (i && !b->ins[i].dead)
            mark_wide_uses(&b->ins[i], wide);
    }
    J->v[0].is_const = 1;
    IRRef gv[X86_MAXG] = {0};
    uint64_t gd = 0; /* dirty guest registers, a bit each */
    XRegSim rs;
    /* pass 1: constants, aliases, use counts */
    for (uint32_t i = 1; i < n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        if ((in->op == IR_GETREG || in->op == IR_SETREG) && in->imm >= X86_MAXG)
            return false;
        if (in->op == IR_CONST) {
            J->v[i].is_const = 1;
            J->v[i].k = in->imm;
        }
        if (in->op == IR_CALL)
            has_call = true;
        int na;
        IRRef *ops = ops_of(in, &na);
        if (in->op != IR_CONST && ir_op_info[in->op].pure &&
            ir_op_info[in->op].has_result) {
            /* constant propagation through cached registers */
            bool all = true;
            uint64_t k[3] = {0, 0, 0};
            for (int j = 0; j < na && j < 3; j++) {
                XVal *x = &J->v[J->alias[ops[j]]];
                all = all && x->is_const;
                k[j] = x->k;
            }
            if (all && na <= 3) {
                J->v[i].is_const = 1;
                J->v[i].k = ir_eval_pure((IROp)in->op, in->size, k[0], k[1],
                                         k[2], in->imm);
            }
        }
        for (int k = 0; k < na; k++) {
            IRRef r = J->alias[ops[k]];
            if (k == 0 && is_mem_op(in->op))
                naddr[r]++;
            else
                nother[r]++;
        }
        sim_cache(J, i, in, gv, &gd, false, &rs);
        /* ZEXT from 32 bits whose users all read 32 bits is a no-op */
        if (in->op == IR_ZEXT && in->imm == 4 && !wide[i])
            J->alias[i] = J->alias[in->a];
        else if (in->op == IR_ZEXT && upper_zero(b, J->alias[in->a], in->imm))
            J->alias[i] = J->alias[in->a];
    }
    /* address folding: ADD(base, s32 const) used only as an address.  A
     * 32-bit guest's address is the low 32 bits (tcg/x86-lower.c,
     * addr_mem), so there a 4-byte ADD folds too and any constant does
     * (as a 32-bit displacement, modulo 2^32); so do scaled indexes */
    for (uint32_t i = 1; i < n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead || in->op != IR_ADD || (in->size != 8 && !J->gi->addr32) ||
            !naddr[i] || nother[i] || J->alias[i] != i)
            continue;
        IRRef x = J->alias[in->a], y = J->alias[in->b];
        if (J->v[x].is_const) {
            IRRef t = x;
            x = y, y = t;
        }
        if (J->v[x].is_const || J->v[x].fold || !J->v[y].is_const ||
            ((int64_t)J->v[y].k != (int32_t)J->v[y].k && !J->gi->addr32))
            continue;
        J->v[i].fold = 1;
    }
    fold_scaled(J, naddr, nother);
    /* NZCV liveness, backwards; live out of the block */
    bool live = true;
    for (uint32_t i = n - 1; i >= 1; i--) {
        IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        J->flive[i] = live;
        if (writes_flags(J, in))
            live = false;
        if (reads_flags(J, in))
            live = true;
    }
    J->flags_live_in = live;
    /* pass 2: live ranges */
    memset(gv, 0, sizeof(gv));
    gd = 0;
    for (uint32_t i = 1; i < n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        int na;
        IRRef *ops = ops_of(in, &na);
        for (int k = 0; k < na; k++) {
            IRRef r = J->alias[ops[k]];
            if (J->v[r].fold == 2) {
                IRRef base, idx;
                int sh;
                xra_scaled_parts(J, r, &base, &idx, &sh);
                if (J->v[idx].last < i)
                    J->v[idx].last = i;
                r = base;
            } else if (J->v[r].fold) {
                IRInst *ad = &b->ins[r];
                IRRef x = J->alias[ad->a];
                r = J->v[x].is_const ? J->alias[ad->b] : x;
            }
            if (J->v[r].last < i)
                J->v[r].last = i;
        }
        sim_cache(J, i, in, gv, &gd, true, &rs);
    }
    extend_flag_sources(J);
    for (uint32_t i = 1; i < n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead || !ir_op_info[in->op].has_result || J->alias[i] != i ||
            J->v[i].fold)
            continue;
        XVal *x = &J->v[i];
        if (x->last < i)
            x->last = i;
        x->die_next = J->die_head[x->last];
        J->die_head[x->last] = i;
    }
    if (J->gi->addr32 && J->gi->guest_base)
        J->order = has_call ? order_call_gb : order_plain_gb;
    else
        J->order = has_call ? order_call : order_plain;
    return true;
}

X86Mem xra_slot_mem(int slot) { return x86_mem(X86_RSP, 8 * slot); }

static int new_slot(JitCtx *J)
{
    for (int s = 0; s < X86_NSLOTS; s++)
        if (!J->slot_used[s]) {
            J->slot_used[s] = 1;
            return s;
        }
    J->fail = true;
    return 0;
}

static void spill(JitCtx *J, int reg)
{
    IRRef r = (IRRef)J->reg_val[reg];
    XVal *x = &J->v[r];
    if (!x->is_const && x->slot < 0) {
        x->slot = (int16_t)new_slot(J);
        x86_store(&J->e, 8, xra_slot_mem(x->slot), reg);
    }
    x->reg = -1;
    J->reg_val[reg] = 0;
}

int xra_alloc(JitCtx *J)
{
    for (const int *o = J->order; *o >= 0; o++)
        if (!J->reg_val[*o] && !(J->locked >> *o & 1))
            return *o;
    int best = -1;
    uint64_t best_score = 0;
    for (const int *o = J->order; *o >= 0; o++) {
        if (J->locked >> *o & 1)
            continue;
        XVal *x = &J->v[J->reg_val[*o]];
        uint64_t score = x->is_const ? UINT64_MAX : x->last;
        if (best < 0 || score > best_score)
            best = *o, best_score = score;
    }
    if (best < 0) { /* everything pinned: cannot happen with <= 5 operands */
        J->fail = true;
        return J->order[0];
    }
    spill(J, best);
    return best;
}

void xra_bind(JitCtx *J, IRRef r, int reg)
{
    J->reg_val[reg] = (int)r;
    J->v[r].reg = (int8_t)reg;
    J->locked |= (uint16_t)(1u << reg);
}

/* Loads value r into a scratch register (rax/rcx/rdx), whatever its home. */
void xra_load_to(JitCtx *J, int reg, IRRef r)
{
    r = J->alias[r];
    XVal *x = &J->v[r];
    if (x->reg >= 0)
        x86_mov_rr(&J->e, 8, reg, x->reg);
    else if (x->is_const)
        x86_mov_ri(&J->e, reg, x->k);
    else if (x->slot >= 0)
        x86_load(&J->e, 8, reg, xra_slot_mem(x->slot));
    else
        J->fail = true;
}

int xra_use(JitCtx *J, IRRef r)
{
    r = J->alias[r];
    XVal *x = &J->v[r];
    if (x->reg >= 0) {
        J->locked |= (uint16_t)(1u << x->reg);
        return x->reg;
    }
    int reg = xra_alloc(J);
    xra_load_to(J, reg, r);
    xra_bind(J, r, reg);
    return reg;
}

bool xra_const_s32(JitCtx *J, IRRef r, int w, int32_t *imm)
{
    XVal *x = &J->v[J->alias[r]];
    if (!x->is_const)
        return false;
    if (w == 4 || (int64_t)x->k == (int32_t)x->k) {
        *imm = (int32_t)x->k;
        return true;
    }
    return false;
}

/* A register for a result that starts as a copy of a (then modified in
 * place): a's own register when a dies here, else a fresh one. */
int xra_dst_from(JitCtx *J, IRRef a, int w)
{
    a = J->alias[a];
    XVal *x = &J->v[a];
    if (x->reg >= 0 && x->last == J->cur) {
        int reg = x->reg;
        x->reg = -1;
        J->reg_val[reg] = 0;
        J->locked |= (uint16_t)(1u << reg);
        return reg;
    }
    int reg = xra_alloc(J);
    J->locked |= (uint16_t)(1u << reg);
    if (x->reg >= 0)
        x86_mov_rr(&J->e, w == 8 ? 8 : 4, reg, x->reg);
    else
        xra_load_to(J, reg, a);
    return reg;
}

/* A register for a result written after a and b (in registers) are read. */
int xra_dst_reuse(JitCtx *J, IRRef a, IRRef b)
{
    IRRef c[2] = {J->alias[a], J->alias[b]};
    for (int k = 0; k < 2; k++) {
        XVal *x = &J->v[c[k]];
        if (c[k] && x->reg >= 0 && x->last == J->cur) {
            int reg = x->reg;
            x->reg = -1;
            J->reg_val[reg] = 0;
            return reg;
        }
    }
    int reg = xra_alloc(J);
    J->locked |= (uint16_t)(1u << reg);
    return reg;
}

/* Before a helper call: no IR value may stay in a caller-saved register. */
void xra_spill_caller_saved(JitCtx *J)
{
    for (unsigned k = 0; k < sizeof(caller_saved) / sizeof(int); k++)
        if (J->reg_val[caller_saved[k]])
            spill(J, caller_saved[k]);
}

void xra_end_insn(JitCtx *J, uint32_t i)
{
    for (IRRef r = J->die_head[i]; r; r = J->v[r].die_next) {
        XVal *x = &J->v[r];
        if (x->reg >= 0 && J->reg_val[x->reg] == (int)r)
            J->reg_val[x->reg] = 0;
        x->reg = -1;
        if (x->slot >= 0)
            J->slot_used[x->slot] = 0;
        x->slot = -1;
    }
    J->locked = 0;
}

bool xra_room(JitCtx *J, size_t n)
{
    if (J->e.p + n > J->limit) {
        J->fail = true;
        return false;
    }
    return true;
}

/* ---- guest register cache ---- */

void xg_getreg(JitCtx *J, uint32_t i, int g)
{
    if (J->alias[i] != i)
        return;
    int reg = xra_alloc(J);
    x86_load(&J->e, 8, reg, x86_mem(X86_RBX, 8 * g));
    xra_bind(J, i, reg);
    J->gval[g] = i;
    J->gdirty &= ~(1ull << g);
}

void xg_setreg(JitCtx *J, int g, IRRef v)
{
    J->gval[g] = J->alias[v];
    J->gdirty |= 1ull << g;
}

void xg_writeback(JitCtx *J, bool clean)
{
    for (uint64_t d = J->gdirty; d; d &= d - 1) {
        int g = __builtin_ctzll(d);
        XVal *x = &J->v[J->gval[g]];
        X86Mem m = x86_mem(X86_RBX, 8 * g);
        if (x->reg >= 0)
            x86_store(&J->e, 8, m, x->reg);
        else if (x->is_const && (int64_t)x->k == (int32_t)x->k)
            x86_store_imm(&J->e, 8, m, (int32_t)x->k);
        else {
            xra_load_to(J, X86_RAX, J->gval[g]);
            x86_store(&J->e, 8, m, X86_RAX);
        }
    }
    if (clean)
        J->gdirty = 0;
}

void xg_writeback_mask(JitCtx *J, uint64_t mask)
{
    uint64_t d = J->gdirty;
    J->gdirty &= mask;
    xg_writeback(J, true);
    J->gdirty = d & ~mask;
}

void xg_forget(JitCtx *J)
{
    memset(J->gval, 0, sizeof(J->gval));
    J->gdirty = 0;
}

/* ---- NZCV ---- */

/* Reads value r without touching the allocator: its own register, or a
 * copy in `scratch` (also used inside out-of-line exit code). */
static int peek_reg(JitCtx *J, IRRef r, int scratch)
{
    r = J->alias[r];
    if (J->v[r].reg >= 0)
        return J->v[r].reg;
    xra_load_to(J, scratch, r);
    return scratch;
}

/* FL_LAZY -> host flags: recompute the producer's EFLAGS (cmp for SUBS,
 * add into rax for ADDS, test for LOGICS; x86 sets SF/ZF/CF/OF exactly
 * as the original instruction did).  Uses rax/rcx only. */
void xfl_reemit(JitCtx *J)
{
    if (J->flags != FL_LAZY)
        return;
    XE *e = &J->e;
    IRInst *p = &J->b->ins[J->fl_src];
    int w = p->size == 8 ? 8 : 4;
    int ra = peek_reg(J, p->a, X86_RAX);
    if (p->op == IR_LOGICS) {
        x86_test_rr(e, w, ra, ra);
        J->flags = FL_ADD;
        return;
    }
    int32_t imm = 0;
    int rb = -1;
    bool isimm = xra_const_s32(J, p->b, w, &imm);
    if (!isimm)
        rb = peek_reg(J, p->b, X86_RCX);
    X86Alu op = X86_CMP;
    if (p->op == IR_ADDS) {
        if (ra != X86_RAX)
            x86_mov_rr(e, 8, X86_RAX, ra);
        ra = X86_RAX;
        op = X86_ADD;
    }
    if (isimm)
        x86_alu_ri(e, op, w, ra, imm);
    else
        x86_alu_rr(e, op, w, ra, rb);
    J->flags = p->op == IR_SUBS ? FL_SUB : FL_ADD;
}

/* host EFLAGS -> env word (A64 layout, bits 31:28).  lahf puts SF,ZF,CF in
 * AH bits 7,6,0 and seto gives OF; pext with 0xC101 gathers V,C,Z,N into
 * bits 0..3. */
void xfl_materialize(JitCtx *J)
{
    XE *e = &J->e;
    xfl_reemit(J);
    if (J->flags != FL_ADD && J->flags != FL_SUB)
        return;
    if (J->flags == FL_SUB)
        x86_cmc(e);
    x86_lahf(e);
    x86_setcc(e, X86_CC_O, X86_RAX);
    if (x86_has_bmi2) {
        x86_mov_ri(e, X86_RCX, 0xc101);
        x86_pext(e, 4, X86_RAX, X86_RAX, X86_RCX);
        x86_shift_ri(e, X86_SHL, 4, X86_RAX, 28);
    } else {
        x86_movzx_rr(e, 1, X86_RCX, X86_RAX);   /* V */
        x86_shift_ri(e, X86_SHL, 4, X86_RCX, 28);
        x86_mov_rr(e, 4, X86_RDX, X86_RAX);     /* C: bit 8 -> 29 */
        x86_alu_ri(e, X86_AND, 4, X86_RDX, 0x100);
        x86_shift_ri(e, X86_SHL, 4, X86_RDX, 21);
        x86_alu_rr(e, X86_OR, 4, X86_RCX, X86_RDX);
        x86_alu_ri(e, X86_AND, 4, X86_RAX, 0xc000); /* N,Z: 15,14 -> 31,30 */
        x86_shift_ri(e, X86_SHL, 4, X86_RAX, 16);
        x86_alu_rr(e, X86_OR, 4, X86_RAX, X86_RCX);
    }
    x86_store(e, 4, x86_mem(X86_RBX, (int32_t)J->gi->env_nzcv), X86_RAX);
    J->flags = FL_ENV;
}

/* env word -> host EFLAGS (CF = C): OF via `add al, 0x7f` on the V bit,
 * then sahf for SF, ZF, CF (sahf leaves OF alone). */
void xfl_need_host(JitCtx *J)
{
    XE *e = &J->e;
    if (J->flags == FL_LAZY)
        xfl_reemit(J);
    if (J->flags == FL_ADD || J->flags == FL_SUB)
        return;
    x86_load(e, 4, X86_RAX, x86_mem(X86_RBX, (int32_t)J->gi->env_nzcv));
    x86_shift_ri(e, X86_SHR, 4, X86_RAX, 28);
    if (x86_has_bmi2) {
        x86_mov_ri(e, X86_RCX, 0xc101);
        x86_pdep(e, 4, X86_RAX, X86_RAX, X86_RCX);
    } else {
        x86_mov_rr(e, 4, X86_RCX, X86_RAX);     /* N,Z: 3,2 -> 15,14 */
        x86_alu_ri(e, X86_AND, 4, X86_RCX, 0xc);
        x86_shift_ri(e, X86_SHL, 4, X86_RCX, 12);
        x86_mov_rr(e, 4, X86_RDX, X86_RAX);     /* C: 1 -> 8 */
        x86_alu_ri(e, X86_AND, 4, X86_RDX, 2);
        x86_shift_ri(e, X86_SHL, 4, X86_RDX, 7);
        x86_alu_rr(e, X86_OR, 4, X86_RCX, X86_RDX);
        x86_alu_ri(e, X86_AND, 4, X86_RAX, 1);
        x86_alu_rr(e, X86_OR, 4, X86_RAX, X86_RCX);
    }
    x86_alu_ri(e, X86_ADD, 1, X86_RAX, 0x7f);
    x86_sahf(e);
    J->flags = FL_ADD;
    J->fl_src = 0;
}

/* Before a host instruction that trashes EFLAGS: live flags become
 * FL_LAZY when their producer can be re-emitted (its operands were kept
 * alive by extend_flag_sources), else they go to env. */
void xfl_clobber(JitCtx *J)
{
    if (J->flags != FL_ADD && J->flags != FL_SUB)
        return;
    if (!J->flive[J->cur])
        J->flags = FL_DEAD;
    else if (J->fl_src && J->fext[J->fl_src])
        J->flags = FL_LAZY;
    else
        xfl_materialize(J);
}

/* Like xfl_clobber, but never leaves FL_LAZY (for code with internal
 * loops or several faulting points). */
void xfl_spill(JitCtx *J)
{
    if (J->flags != FL_ADD && J->flags != FL_SUB && J->flags != FL_LAZY)
        return;
    if (J->flive[J->cur])
        xfl_materialize(J);
    else
        J->flags = FL_DEAD;
}

void xfl_sync(JitCtx *J) { xfl_materialize(J); }

X86Cond xfl_cond(JitCtx *J, unsigned cond)
{
    static const X86Cond base_add[7] = {X86_CC_E, X86_CC_B,  X86_CC_S, X86_CC_O,
                                        X86_CC_A, X86_CC_GE, X86_CC_G};
    unsigned k = (cond >> 1) & 7;
    if (k == 4 && J->flags == FL_ADD) { /* HI/LS need the borrow sense */
        x86_cmc(&J->e);
        J->flags = FL_SUB;
    }
    X86Cond c = base_add[k];
    if (k == 1 && J->flags == FL_SUB)
        c = X86_CC_AE;
    return (X86Cond)(c ^ (cond & 1));
}

/* ---- fault sites ---- */

void xsite(JitCtx *J)
{
    if (J->nsites == J->capsites) {
        uint32_t cap = J->capsites ? 2 * J->capsites : 16;
        TBSite *ns = realloc(J->sites, cap * sizeof(TBSite));
        if (!ns) {
            J->fail = true;
            return;
        }
        J->sites = ns, J->capsites = cap;
    }
    if (J->flags == FL_LAZY && J->flive[J->cur])
        J->fail = true; /* lower_mem re-emits first; never reached */
    TBSite *s = &J->sites[J->nsites++];
    s->host_off = (uint32_t)(J->e.p - J->tb->code);
    s->pc_off = J->b->ins[J->cur].pc_off;
    s->loc_first = J->nlocs;
    s->flags = (uint8_t)(J->flags == FL_LAZY ? FL_DEAD : J->flags);
    s->nloc = 0;
    for (uint64_t d = J->gdirty; d; d &= d - 1) {
        int g = __builtin_ctzll(d);
        if (J->nlocs == J->caplocs) {
            uint32_t cap = J->caplocs ? 2 * J->caplocs : 64;
            TBLoc *nl = realloc(J->locs, cap * sizeof(TBLoc));
            if (!nl) {
                J->fail = true;
                return;
            }
            J->locs = nl, J->caplocs = cap;
        }
        XVal *x = &J->v[J->gval[g]];
        TBLoc *l = &J->locs[J->nlocs++];
        memset(l, 0, sizeof(*l));
        l->greg = (uint8_t)g;
        if (x->reg >= 0)
            l->kind = LOC_REG, l->hreg = (uint8_t)x->reg;
        else if (x->is_const)
            l->kind = LOC_CONST, l->imm = x->k;
        else if (x->slot >= 0)
            l->kind = LOC_SLOT, l->slot = (uint32_t)x->slot;
        else
            J->fail = true;
        s->nloc++;
    }
}
