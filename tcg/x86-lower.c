/*
 * tcg/x86-lower.c - lowers one optimized IR block to x86-64 code in the
 * code buffer (x86_compile) and builds its exits and fault sites.
 *
 * Block layout:
 *     [guest pc, 8 bytes]  entry: cmp dword [env+exit_request], 0
 *                                 jne yield_stub
 *     body (one IR op after another; a side exit is one jcc)
 *     cold: yield stub; per chainable exit its M code (write-back, NZCV)
 *           and its unchained stub; per CHKALIGN its fault exit (store
 *           the address, write-back, NZCV, leave with IR_EXIT_ALIGN)
 * A chainable exit is a `jmp`/`jcc rel32` with the rel32 4-byte aligned
 * (see TBExit in x86-jit.h): it starts out pointing at its M code (or
 * straight at its stub: store pc, return IR_EXIT_LOOKUP with the TBExit
 * in rdx) and tb.c patches it to the target block once that exists.
 *
 * Every exit writes the dirty cached guest registers and NZCV back to
 * env before reaching the cpu loop or another block; a side exit does
 * that out of line, so the fall-through keeps its cached state and pays
 * one jcc.  NZCV is skipped when the destination block overwrites it
 * before reading it (TB.flags_dead_in): a loop's back edge is a bare jcc.
 * This leaves env's NZCV stale only where no instruction can observe it
 * before it is rewritten, as FL_DEAD fault sites already do (a signal
 * handler's ucontext may show the older flags there).
 * Instructions that may fault on guest memory get a TBSite recorded at
 * their exact host address.
 * Anything the lowering cannot handle makes x86_compile fail, and the
 * block runs in the IR interpreter instead: never wrong code.
 * The block's exits, sites and locs live in the code buffer's metadata
 * arena (x86_meta_alloc) and die with the code at a flush; working
 * buffers are reused across blocks, so compiling a block does no malloc.
 */
#include <stdlib.h>

#include "common/emu.h"
#include "tcg/x86-lower.h"

#define W(in) ((in)->size == 8 ? 8 : 4)

typedef struct XStub {
    uint32_t exit;    /* index into tb->exits (chainable exits only) */
    uint8_t *rel32;   /* jump site (A) */
    uint32_t moff;    /* out-of-line code before leaving (M): offset in */
    uint32_t mlen;    /* xl.mbuf, mlen bytes (0: none) */
    bool bypass;      /* M only materialises NZCV */
    uint8_t kind;     /* IR_EXIT_LOOKUP: a chainable exit; else a fault
                         exit (CHKALIGN) leaving with this IRExit kind */
    uint64_t pc;      /* fault exit: guest pc of the faulting instruction */
} XStub;

/* Largest M: a write-back of every cached register plus NZCV. */
#define X86_MCODE_MAX (20 * X86_MAXG + 96)

typedef struct XLow {
    JitCtx J;
    XStub *stubs;
    uint32_t nstubs;
} XLow;

/* Buffers reused from block to block (no malloc per block): stubs, the
 * M code of exits, fault sites and their locations (copied to the
 * block's metadata arena at the end).  x86_compile is serialized by its
 * callers (tb_lock). */
static struct {
    XStub *stubs;
    uint32_t capstubs;
    uint8_t *mbuf;
    size_t mcap, mlen;
    TBSite *sites;
    uint32_t capsites;
    TBLoc *locs;
    uint32_t caplocs;
} xl;

static void bind_new(JitCtx *J, int reg) { xra_bind(J, J->cur, reg); }

/* Operand b as an immediate (returns true) or a pinned register. */
static bool opnd(JitCtx *J, IRRef r, int w, int32_t *imm, int *reg)
{
    if (xra_const_s32(J, r, w, imm))
        return true;
    *reg = xra_use(J, r);
    return false;
}

/* The host memory operand of guest address a (64-bit guest: the address
 * itself, possibly folded to [base + disp] or [base + index*scale]). */
static X86Mem addr_mem64(JitCtx *J, IRRef a)
{
    a = xra_res(J, a);
    XVal *x = &J->v[a];
    if (x->fold == 2) {
        IRRef base, idx;
        int sh;
        xra_scaled_parts(J, a, &base, &idx, &sh);
        int rb = xra_use(J, base), ri = xra_use(J, idx);
        return x86_mem_idx(rb, ri, 1 << sh, 0);
    }
    if (x->fold) {
        IRInst *ad = &J->b->ins[a];
        IRRef base = xra_res(J, ad->a), k = xra_res(J, ad->b);
        if (J->v[base].is_const) {
            IRRef t = base;
            base = k, k = t;
        }
        return x86_mem(xra_use(J, base), (int32_t)J->v[k].k);
    }
    if (x->is_const && (int64_t)x->k == (int32_t)x->k)
        return x86_mem(X86_NOREG, (int32_t)x->k);
    return x86_mem(xra_use(J, a), 0);
}

/*
 * 32-bit guests: host address = guest_base + zero-extended low 32 bits of
 * a (also of a folded base + disp: address arithmetic wraps at 2^32).
 * guest_base 0: the same operand with the address-size override, one
 * instruction.  Else [r15 + t] with t the 32-bit address in a register:
 * a itself when its upper half is known zero, else a 32-bit mov/lea into
 * a temporary (pinned for this instruction, not bound to a value).
 */
static X86Mem addr_mem(JitCtx *J, IRRef a)
{
    if (!J->gi->addr32)
        return addr_mem64(J, a);
    XVal *x = &J->v[xra_res(J, a)];
    X86Mem m;
    if (x->is_const && !x->fold)
        m = x86_mem(X86_NOREG, (int32_t)(uint32_t)x->k);
    else
        m = addr_mem64(J, a);
    if (!J->gi->guest_base) {
        m.a32 = 1;
        return m;
    }
    if (!x->fold && m.index == X86_NOREG && m.base >= 0 && m.disp == 0 &&
        xra_upper_zero32(J, a)) /* m.base holds a itself */
        return x86_mem_idx(X86_GB_REG, m.base, 1, 0);
    int t = xra_alloc(J);
    J->locked |= (uint16_t)(1u << t);
    if (m.base == X86_NOREG && m.index == X86_NOREG)
        x86_mov_ri(&J->e, t, (uint32_t)m.disp);
    else if (m.index == X86_NOREG && m.disp == 0)
        x86_mov_rr(&J->e, 4, t, m.base);
    else
        x86_lea(&J->e, 4, t, m); /* low 32 bits of the sum */
    return x86_mem_idx(X86_GB_REG, t, 1, 0);
}

/* ---- exits ---- */

static XStub *new_stub(XLow *L, uint64_t target)
{
    JitCtx *J = &L->J;
    XStub *st = &L->stubs[L->nstubs++];
    memset(st, 0, sizeof(*st));
    st->exit = J->nexit;
    TBExit *x = &J->tb->exits[J->nexit++];
    x->tb = J->tb;
    x->target = target;
    return st;
}

/* Emits a jmp (cc < 0) or jcc with its rel32 4-byte aligned (patchable
 * atomically); returns the rel32. */
static uint8_t *aligned_jump(XE *e, int cc)
{
    int oplen = cc < 0 ? 1 : 2;
    x86_nops(e, (int)((4 - (((uintptr_t)e->p + oplen) & 3)) & 3));
    return cc < 0 ? x86_jmp32(e) : x86_jcc32(e, (X86Cond)cc);
}

/* Keeps an exit's out-of-line code (M) until emit_stubs places it. */
static void stash_mcode(JitCtx *J, XStub *st, const uint8_t *code,
                        size_t mlen)
{
    if (xl.mlen + mlen > xl.mcap) {
        size_t cap = xl.mcap ? 2 * xl.mcap : 8192;
        while (cap < xl.mlen + mlen)
            cap *= 2;
        uint8_t *nb = realloc(xl.mbuf, cap);
        if (!nb) {
            J->fail = true;
            return;
        }
        xl.mbuf = nb, xl.mcap = cap;
    }
    st->moff = (uint32_t)xl.mlen;
    memcpy(xl.mbuf + xl.mlen, code, mlen);
    xl.mlen += mlen;
    st->mlen = (uint32_t)mlen;
}

/* A chainable exit here (see TBExit): what must happen before leaving -
 * the write-back of dirty registers when `wb`, NZCV to env - is generated
 * now, with the register state of this point, but placed out of line
 * (M), so a side exit costs the fall-through path just its jcc. */
static void chain_exit(XLow *L, int cc, uint64_t target, bool wb)
{
    JitCtx *J = &L->J;
    uint8_t tmp[X86_MCODE_MAX];
    XE saved = J->e;
    int fl = J->flags;
    J->e.p = tmp;
    if (wb)
        xg_writeback(J, false);
    size_t wlen = (size_t)(J->e.p - tmp);
    xfl_materialize(J);
    size_t mlen = (size_t)(J->e.p - tmp);
    J->e = saved;
    J->flags = fl;
    XStub *st = new_stub(L, target);
    st->rel32 = aligned_jump(&J->e, cc);
    J->tb->exits[st->exit].jmp_off = (uint32_t)(st->rel32 - J->tb->code);
    if (mlen) {
        stash_mcode(J, st, tmp, mlen);
        st->bypass = wlen == 0;
    }
}

/*
 * A fault exit (CHKALIGN): `jcc` to out-of-line code that stores the
 * faulting address (host register areg) to env, writes back the guest
 * state of this point (as a fault site would recover it) and leaves for
 * the cpu loop with `kind`.  It is never chained, so it has no TBExit;
 * the fall-through pays the test and the jcc only.
 */
static void fault_exit(XLow *L, X86Cond cc, int areg, int kind)
{
    JitCtx *J = &L->J;
    uint8_t tmp[X86_MCODE_MAX + 16];
    XE saved = J->e;
    int fl = J->flags;
    J->e.p = tmp;
    x86_store(&J->e, 8, x86_mem(X86_RBX, (int32_t)J->gi->env_fault_addr),
              areg);
    xg_writeback(J, false);
    xfl_materialize(J);
    size_t mlen = (size_t)(J->e.p - tmp);
    J->e = saved;
    J->flags = fl;
    XStub *st = &L->stubs[L->nstubs++];
    memset(st, 0, sizeof(*st));
    st->kind = (uint8_t)kind;
    st->pc = J->b->start_pc + J->b->ins[J->cur].pc_off;
    st->rel32 = x86_jcc32(&J->e, cc);
    stash_mcode(J, st, tmp, mlen);
}

static void exit_sync(JitCtx *J, bool clean)
{
    xg_writeback(J, clean);
    xfl_sync(J);
}

static void lower_goto(XLow *L, IRInst *in)
{
    JitCtx *J = &L->J;
    xg_writeback(J, true);
    chain_exit(L, -1, in->imm, false);
}

static void lower_exit(JitCtx *J, IRInst *in)
{
    XE *e = &J->e;
    exit_sync(J, true);
    x86_mov_ri(e, X86_RAX, in->imm);
    x86_store(e, 8, x86_mem(X86_RBX, (int32_t)J->gi->env_pc), X86_RAX);
    x86_mov_ri(e, X86_RAX, in->imm2);
    x86_mov_ri(e, X86_RDX, 0);
    x86_set_rel32(x86_jmp32(e), x86_epilogue_addr());
}

/* Indirect: store pc, then probe the jump cache inline.  (A software
 * return-address stack, {return pc, continuation} pushed at BL and
 * checked at RET, measured no faster than this probe on call-fib: the
 * final indirect jmp mispredicts either way; only host call/ret pairs
 * would use the host's return predictor.) */
static void lower_goto_ind(JitCtx *J, IRInst *in)
{
    XE *e = &J->e;
    int t = xra_use(J, in->a);
    exit_sync(J, true);
    x86_store(e, 8, x86_mem(X86_RBX, (int32_t)J->gi->env_pc), t);
    x86_mov_rr(e, 4, X86_RAX, t);
    x86_shift_ri(e, X86_SHR, 4, X86_RAX, 2);
    x86_alu_ri(e, X86_AND, 4, X86_RAX, X86_JC_SIZE - 1);
    X86Mem rip = {X86_RIP, X86_NOREG, 1, 0};
    x86_lea(e, 8, X86_RDX, rip);
    x86_set_rel32(e->p - 4, (uint8_t *)x86_jc_table());
    x86_load(e, 8, X86_RDX, x86_mem_idx(X86_RDX, X86_RAX, 8, 0));
    x86_alu_rm(e, X86_CMP, 8, t, x86_mem(X86_RDX, -8));
    x86_set_rel32(x86_jcc32(e, X86_CC_NE), x86_jc_miss_addr());
    x86_jmp_r(e, X86_RDX);
}

/* A `test` is about to trash EFLAGS while an exit still needs NZCV
 * (flive[] is the state after the instruction, so xfl_clobber does not
 * apply): host flags become FL_LAZY (the exit code and later readers
 * recompute them from the producer's operands) or go to env first. */
static void xfl_before_test(JitCtx *J)
{
    if (J->flags == FL_ADD || J->flags == FL_SUB) {
        if (J->fl_src && J->fext[J->fl_src])
            J->flags = FL_LAZY;
        else
            xfl_materialize(J);
    }
}

/* Is the next live instruction the block's final GOTO?  Then the dirty
 * registers are written back once, before the branch, for both paths. */
static bool goto_follows(JitCtx *J)
{
    for (uint32_t i = J->cur + 1; i < J->b->n; i++) {
        IRInst *in = &J->b->ins[i];
        if (in->dead || in->op == IR_CONST)
            continue;
        return in->op == IR_GOTO;
    }
    return false;
}

static void lower_br(XLow *L, IRInst *in)
{
    JitCtx *J = &L->J;
    if (goto_follows(J))
        xg_writeback(J, true); /* plain stores: EFLAGS survive */
    if (in->op == IR_BR_FLAGS) {
        unsigned cond = (unsigned)in->imm2;
        if ((cond >> 1) == 7) {
            chain_exit(L, -1, in->imm, true);
            return;
        }
        xfl_need_host(J);
        X86Cond cc = xfl_cond(J, cond);
        chain_exit(L, cc, in->imm, true);
        return;
    }
    int r = xra_use(J, in->a);
    xfl_before_test(J);
    x86_test_rr(&J->e, 8, r, r);
    chain_exit(L, in->op == IR_BR_NZ ? X86_CC_NE : X86_CC_E, in->imm, true);
}

/* CHKALIGN: `test addr, mask; jnz fault_exit`.  It reads NZCV (an exit),
 * and test trashes EFLAGS: as in lower_br, host flags become FL_LAZY
 * (the exit code and later readers recompute them) or go to env first.
 * Nothing is emitted for an address known to be aligned: a constant, or a
 * value an earlier check of this block already passed (the block is
 * straight-line code, so LDXR ... STXR on one register tests once). */
static void lower_chkalign(XLow *L, IRInst *in)
{
    JitCtx *J = &L->J;
    XVal *x = &J->v[xra_res(J, in->a)];
    if ((x->is_const && !(x->k & in->imm)) || !(in->imm & ~(uint64_t)x->amask))
        return;
    if (in->imm <= 0xff)
        x->amask |= (uint8_t)in->imm; /* from here on (fall-through) */
    int r = xra_use(J, in->a);
    xfl_before_test(J);
    x86_test_ri(&J->e, in->imm <= 0x7f ? 1 : 4, r, (int32_t)in->imm);
    fault_exit(L, X86_CC_NE, r, (int)in->imm2);
}

/* ---- calls ---- */

static void lower_call(JitCtx *J, IRInst *in, uint32_t i)
{
    XE *e = &J->e;
    bool pure = in->flags & IR_CALL_PURE;
    bool nogpr = !pure && (in->flags & IR_CALL_NOGPR);
    if (pure) {
        xfl_clobber(J);
    } else if (nogpr) {
        /* The helper reads no guest GPR or NZCV, but may fault: env
         * must then hold the exact state, so dirty registers and live
         * NZCV are stored (the cache keeps them in host registers). */
        xg_writeback(J, true);
        xfl_spill(J);
        x86_mov_ri(e, X86_RAX, J->b->start_pc + in->pc_off);
        x86_store(e, 8, x86_mem(X86_RBX, (int32_t)J->gi->env_pc), X86_RAX);
    } else {
        exit_sync(J, true);
        xg_forget(J);
        x86_mov_ri(e, X86_RAX, J->b->start_pc + in->pc_off);
        x86_store(e, 8, x86_mem(X86_RBX, (int32_t)J->gi->env_pc), X86_RAX);
    }
    xra_spill_caller_saved(J);
    static const int argr[4] = {X86_RSI, X86_RDX, X86_RCX, X86_R8};
    IRRef args[4] = {in->a, in->b, in->c, in->d};
    for (int k = 0; k < 4; k++) /* unused refs are 0: pass 0 like ir_interp */
        xra_load_to(J, argr[k], args[k]);
    x86_mov_rr(e, 8, X86_RDI, X86_RBX);
    int64_t d = (int64_t)in->imm - (int64_t)(uintptr_t)(e->p + 5);
    if (d == (int32_t)d) {
        x86_set_rel32(x86_call32(e), (const uint8_t *)(uintptr_t)in->imm);
    } else {
        x86_mov_ri(e, X86_RAX, in->imm);
        x86_call_r(e, X86_RAX);
    }
    xvec_forget(J); /* xmm clobbered; the helper may write vregs */
    if (!pure && !nogpr)
        J->flags = FL_ENV;
    if (J->v[i].last > i) {
        int rd = xra_alloc(J);
        x86_mov_rr(e, 8, rd, X86_RAX);
        bind_new(J, rd);
    }
}

/* ---- arithmetic ---- */

static bool commutative(int op)
{
    return op == IR_ADD || op == IR_AND || op == IR_OR || op == IR_XOR ||
           op == IR_MUL || op == IR_ADDS;
}

static bool dies_in_reg(JitCtx *J, IRRef r)
{
    XVal *x = &J->v[xra_res(J, r)];
    return x->reg >= 0 && x->last == J->cur;
}

/* ADD/SUB/AND/OR/XOR/MUL/ANDN and the flag-setting ADDS/SUBS/LOGICS. */
static void lower_alu(JitCtx *J, IRInst *in, uint32_t i)
{
    XE *e = &J->e;
    int w = W(in), op = in->op;
    IRRef a = in->a, b = in->b;
    if (commutative(op) &&
        (J->v[xra_res(J, a)].is_const || (!dies_in_reg(J, a) && dies_in_reg(J, b)))) {
        IRRef t = a;
        a = b, b = t;
    }
    bool flags_out = op == IR_ADDS || op == IR_SUBS;
    bool keep_flags = !flags_out && (J->flags == FL_ADD || J->flags == FL_SUB) &&
                      J->flive[i];
    int32_t imm = 0;
    int rb = -1;
    bool isimm = opnd(J, b, w, &imm, &rb);
    if ((keep_flags || !dies_in_reg(J, a)) &&
        (op == IR_ADD || (op == IR_SUB && isimm)) &&
        !J->v[xra_res(J, a)].is_const) {
        /* lea leaves EFLAGS alone (keeps a pending cmp for its reader)
         * and, when a lives on, saves the copy of a */
        int ra = xra_use(J, a);
        int rd = xra_dst_reuse(J, a, b);
        X86Mem m = isimm ? x86_mem(ra, op == IR_SUB ? -imm : imm)
                         : x86_mem_idx(ra, rb, 1, 0);
        if (op == IR_SUB && imm == INT32_MIN) {
            xfl_clobber(J);
            x86_mov_rr(e, w, rd, ra);
            x86_alu_ri(e, X86_SUB, w, rd, imm);
        } else
            x86_lea(e, w, rd, m);
        bind_new(J, rd);
        return;
    }
    if (!flags_out)
        xfl_clobber(J);
    if (op == IR_SUBS && J->v[i].last == i) { /* cmp */
        int ra = xra_use(J, a);
        if (isimm)
            x86_alu_ri(e, X86_CMP, w, ra, imm);
        else
            x86_alu_rr(e, X86_CMP, w, ra, rb);
        J->flags = FL_SUB;
        J->fl_src = i;
        return;
    }
    if (op == IR_ANDN) {
        int ra = xra_use(J, a);
        if (isimm)
            rb = xra_use(J, b);
        int rd = xra_dst_reuse(J, a, b);
        if (x86_has_bmi1)
            x86_andn(e, w, rd, rb, ra);
        else {
            x86_mov_rr(e, 8, X86_RAX, rb);
            x86_unary(e, X86_NOT, 8, X86_RAX);
            x86_mov_rr(e, w, rd, ra);
            x86_alu_rr(e, X86_AND, w, rd, X86_RAX);
        }
        bind_new(J, rd);
        return;
    }
    int rd = xra_dst_from(J, a, w);
    if (op == IR_MUL) {
        if (isimm)
            x86_imul_rri(e, w, rd, rd, imm);
        else
            x86_imul_rr(e, w, rd, rb);
    } else {
        static const X86Alu aop[IR_NUM_OPS] = {
            [IR_ADD] = X86_ADD, [IR_SUB] = X86_SUB, [IR_AND] = X86_AND,
            [IR_OR] = X86_OR, [IR_XOR] = X86_XOR, [IR_ADDS] = X86_ADD,
            [IR_SUBS] = X86_SUB};
        if (isimm)
            x86_alu_ri(e, aop[op], w, rd, imm);
        else
            x86_alu_rr(e, aop[op], w, rd, rb);
    }
    if (flags_out) {
        J->flags = op == IR_SUBS ? FL_SUB : FL_ADD;
        J->fl_src = i;
    }
    bind_new(J, rd);
}

static void lower_logics(JitCtx *J, IRInst *in, uint32_t i)
{
    int w = W(in);
    if (J->v[i].last == i) {
        int ra = xra_use(J, in->a);
        x86_test_rr(&J->e, w, ra, ra);
    } else {
        int rd = xra_dst_from(J, in->a, w);
        if (w == 4)
            x86_mov_rr(&J->e, 4, rd, rd);
        x86_test_rr(&J->e, w, rd, rd);
        bind_new(J, rd);
    }
    J->flags = FL_ADD; /* test: CF = OF = 0, i.e. C = V = 0 */
    J->fl_src = i;
}

/* SETNZ/SETNZC: new N, Z from a, C kept or bit 0 of b, V kept - all in
 * EFLAGS: seto saves OF, test gives SF/ZF, lahf/or merge the C bit into
 * AH, `add dl, 0x7f` restores OF and sahf writes SF ZF CF (not OF).  The
 * flags stay in the host in their sense (after a subtraction CF = !C). */
static void lower_setnz(JitCtx *J, IRInst *in)
{
    XE *e = &J->e;
    int w = W(in);
    int ra = xra_use(J, in->a);
    xfl_need_host(J); /* rax, rcx */
    bool sub = J->flags == FL_SUB;
    x86_setcc(e, X86_CC_O, X86_RDX);
    if (in->op == IR_SETNZ) {
        x86_lahf(e);
        x86_mov_rr(e, 4, X86_RCX, X86_RAX);
        x86_alu_ri(e, X86_AND, 4, X86_RCX, 0x100); /* CF, as it is */
    } else {
        xra_load_to(J, X86_RCX, in->b);
        x86_alu_ri(e, X86_AND, 4, X86_RCX, 1);
        x86_shift_ri(e, X86_SHL, 4, X86_RCX, 8);
        if (sub)
            x86_alu_ri(e, X86_XOR, 4, X86_RCX, 0x100);
    }
    x86_test_rr(e, w, ra, ra);
    x86_lahf(e);
    x86_alu_ri(e, X86_AND, 4, X86_RAX, 0xc000); /* SF, ZF */
    x86_alu_rr(e, X86_OR, 4, X86_RAX, X86_RCX);
    x86_alu_ri(e, X86_ADD, 1, X86_RDX, 0x7f);   /* OF = V */
    x86_sahf(e);
    J->fl_src = 0; /* not re-emittable: they are nobody's flags */
}

/* ADC/SBC/ADCS/SBCS: x86 adc wants CF = C, sbb wants CF = borrow = !C. */
static void lower_carry(JitCtx *J, IRInst *in, uint32_t i)
{
    XE *e = &J->e;
    int w = W(in), op = in->op;
    bool sub = op == IR_SBC || op == IR_SBCS;
    bool sets = op == IR_ADCS || op == IR_SBCS;
    bool keep = !sets && J->flive[i];
    if (keep)
        xfl_materialize(J);
    xfl_need_host(J);
    if ((J->flags == FL_SUB) != sub) {
        x86_cmc(e);
        J->flags = sub ? FL_SUB : FL_ADD;
    }
    int32_t imm;
    int rb = -1;
    bool isimm = opnd(J, in->b, w, &imm, &rb);
    int rd = xra_dst_from(J, in->a, w);
    X86Alu aop = sub ? X86_SBB : X86_ADC;
    if (isimm)
        x86_alu_ri(e, aop, w, rd, imm);
    else
        x86_alu_rr(e, aop, w, rd, rb);
    bind_new(J, rd);
    J->fl_src = 0;
    if (sets)
        J->flags = sub ? FL_SUB : FL_ADD;
    else
        J->flags = keep ? FL_ENV : FL_DEAD;
}

static void lower_shift(JitCtx *J, IRInst *in)
{
    XE *e = &J->e;
    int w = W(in), op = in->op;
    static const X86Shift sop[IR_NUM_OPS] = {
        [IR_SHL] = X86_SHL, [IR_SHR] = X86_SHR, [IR_SAR] = X86_SAR,
        [IR_ROR] = X86_ROR};
    bool live = (J->flags == FL_ADD || J->flags == FL_SUB) && J->flive[J->cur];
    int32_t imm;
    if (xra_const_s32(J, in->b, 4, &imm)) {
        int n = imm & (w * 8 - 1);
        int rd = xra_dst_from(J, in->a, w);
        if (n == 0) {
            if (w == 4)
                x86_mov_rr(e, 4, rd, rd);
        } else if (op == IR_ROR && x86_has_bmi2) {
            x86_rorx(e, w, rd, rd, n);
        } else if (live && x86_has_bmi2) {
            x86_mov_ri(e, X86_RCX, (uint64_t)n);
            if (op == IR_SHL)
                x86_shlx(e, w, rd, rd, X86_RCX);
            else if (op == IR_SHR)
                x86_shrx(e, w, rd, rd, X86_RCX);
            else
                x86_sarx(e, w, rd, rd, X86_RCX);
        } else {
            xfl_clobber(J);
            x86_shift_ri(e, sop[op], w, rd, n);
        }
        bind_new(J, rd);
        return;
    }
    if (x86_has_bmi2 && op != IR_ROR) {
        /* shlx/shrx/sarx mask the count to the width, as A64 LSLV does */
        int ra = xra_use(J, in->a), rb = xra_use(J, in->b);
        int rd = xra_dst_reuse(J, in->a, in->b);
        if (op == IR_SHL)
            x86_shlx(e, w, rd, ra, rb);
        else if (op == IR_SHR)
            x86_shrx(e, w, rd, ra, rb);
        else
            x86_sarx(e, w, rd, ra, rb);
        bind_new(J, rd);
        return;
    }
    xfl_clobber(J);
    xra_load_to(J, X86_RCX, in->b);
    int rd = xra_dst_from(J, in->a, w);
    x86_shift_cl(e, sop[op], w, rd); /* x86 masks cl to 5/6 bits too */
    bind_new(J, rd);
}

static void lower_muldiv(JitCtx *J, IRInst *in)
{
    XE *e = &J->e;
    int w = W(in), op = in->op;
    xfl_clobber(J);
    int rb = xra_use(J, in->b);
    xra_load_to(J, X86_RAX, in->a);
    if (op == IR_MULHU || op == IR_MULHS) {
        x86_unary(e, op == IR_MULHU ? X86_MUL : X86_IMUL1, 8, rb);
        int rd = xra_dst_reuse(J, in->a, in->b);
        x86_mov_rr(e, 8, rd, X86_RDX);
        bind_new(J, rd);
        return;
    }
    /* A64: x/0 = 0; INT_MIN/-1 = INT_MIN (x86 would raise #DE for both) */
    x86_test_rr(e, w, rb, rb);
    uint8_t *jz = x86_jcc8(e, X86_CC_E);
    uint8_t *jm1 = NULL, *jdone1 = NULL;
    if (op == IR_SDIV) {
        x86_alu_ri(e, X86_CMP, w, rb, -1);
        uint8_t *jne = x86_jcc8(e, X86_CC_NE);
        x86_unary(e, X86_NEG, w, X86_RAX);
        jm1 = x86_jmp8(e);
        x86_set_rel8(jne, e->p);
        if (w == 8)
            x86_cqo(e);
        else
            x86_cdq(e);
        x86_unary(e, X86_IDIV, w, rb);
    } else {
        x86_mov_ri(e, X86_RDX, 0);
        x86_unary(e, X86_DIV, w, rb);
    }
    jdone1 = x86_jmp8(e);
    x86_set_rel8(jz, e->p);
    x86_mov_ri(e, X86_RAX, 0);
    x86_set_rel8(jdone1, e->p);
    if (jm1)
        x86_set_rel8(jm1, e->p);
    int rd = xra_dst_reuse(J, in->a, in->b);
    x86_mov_rr(e, w, rd, X86_RAX);
    bind_new(J, rd);
}

static void lower_unary(JitCtx *J, IRInst *in)
{
    XE *e = &J->e;
    int w = W(in), op = in->op;
    switch (op) {
    case IR_NOT: {
        int rd = xra_dst_from(J, in->a, w);
        x86_unary(e, X86_NOT, w, rd);
        bind_new(J, rd);
        return;
    }
    case IR_NEG: {
        xfl_clobber(J);
        int rd = xra_dst_from(J, in->a, w);
        x86_unary(e, X86_NEG, w, rd);
        bind_new(J, rd);
        return;
    }
    case IR_CLZ: {
        xfl_clobber(J);
        int ra = xra_use(J, in->a);
        int rd = xra_dst_reuse(J, in->a, 0);
        if (x86_has_lzcnt)
            x86_lzcnt(e, w, rd, ra);
        else { /* bsr: index of the top bit; ZF=1 for 0 */
            x86_mov_ri(e, X86_RDX, (uint64_t)(2 * w * 8 - 1));
            x86_bsr(e, w, X86_RAX, ra);
            x86_cmov(e, X86_CC_E, 8, X86_RAX, X86_RDX);
            x86_alu_ri(e, X86_XOR, 4, X86_RAX, w * 8 - 1);
            x86_mov_rr(e, 4, rd, X86_RAX);
        }
        bind_new(J, rd);
        return;
    }
    case IR_BSWAP: {
        int sz = in->size;
        if (sz == 2)
            xfl_clobber(J);
        int rd = xra_dst_from(J, in->a, sz == 8 ? 8 : 4);
        x86_bswap(e, sz == 8 ? 8 : 4, rd);
        if (sz == 2)
            x86_shift_ri(e, X86_SHR, 4, rd, 16);
        bind_new(J, rd);
        return;
    }
    case IR_RBIT: {
        static const uint64_t mask[3] = {0x0f0f0f0f0f0f0f0full,
                                         0x3333333333333333ull,
                                         0x5555555555555555ull};
        xfl_clobber(J);
        xra_load_to(J, X86_RAX, in->a);
        x86_bswap(e, w, X86_RAX);
        for (int k = 0; k < 3; k++) {
            int sh = 4 >> k;
            x86_mov_ri(e, X86_RDX, w == 8 ? mask[k] : (uint32_t)mask[k]);
            x86_mov_rr(e, w, X86_RCX, X86_RAX);
            x86_shift_ri(e, X86_SHR, w, X86_RCX, sh);
            x86_alu_rr(e, X86_AND, w, X86_RCX, X86_RDX);
            x86_alu_rr(e, X86_AND, w, X86_RAX, X86_RDX);
            x86_shift_ri(e, X86_SHL, w, X86_RAX, sh);
            x86_alu_rr(e, X86_OR, w, X86_RAX, X86_RCX);
        }
        int rd = xra_dst_reuse(J, in->a, 0);
        x86_mov_rr(e, w, rd, X86_RAX);
        bind_new(J, rd);
        return;
    }
    case IR_SEXT:
    case IR_ZEXT: {
        int from = (int)in->imm;
        int ra = xra_use(J, in->a);
        int rd = xra_dst_reuse(J, in->a, 0);
        if (op == IR_ZEXT) {
            if (from >= 8)
                x86_mov_rr(e, 8, rd, ra);
            else
                x86_movzx_rr(e, from, rd, ra);
        } else if (from >= w)
            x86_mov_rr(e, w, rd, ra);
        else
            x86_movsx_rr(e, from, w, rd, ra);
        bind_new(J, rd);
        return;
    }
    }
    J->fail = true;
}

static const X86Cond setcc_map[10] = {
    [IR_EQ] = X86_CC_E,  [IR_NE] = X86_CC_NE, [IR_LTU] = X86_CC_B,
    [IR_GEU] = X86_CC_AE, [IR_GTU] = X86_CC_A, [IR_LEU] = X86_CC_BE,
    [IR_LT] = X86_CC_L,  [IR_GE] = X86_CC_GE, [IR_GT] = X86_CC_G,
    [IR_LE] = X86_CC_LE};

static void lower_select(JitCtx *J, IRInst *in, uint32_t i)
{
    XE *e = &J->e;
    int w = W(in);
    switch (in->op) {
    case IR_SETCC: {
        if (in->imm > IR_LE) {
            J->fail = true;
            return;
        }
        xfl_clobber(J);
        int ra = xra_use(J, in->a), rb = -1;
        int32_t imm;
        bool isimm = opnd(J, in->b, w, &imm, &rb);
        if (isimm)
            x86_alu_ri(e, X86_CMP, w, ra, imm);
        else
            x86_alu_rr(e, X86_CMP, w, ra, rb);
        int rd = xra_dst_reuse(J, in->a, in->b);
        x86_setcc(e, setcc_map[in->imm], rd);
        x86_movzx_rr(e, 1, rd, rd);
        bind_new(J, rd);
        return;
    }
    case IR_SEL: {
        xfl_clobber(J);
        int ra = xra_use(J, in->a), rb = xra_use(J, in->b);
        x86_test_rr(e, 8, ra, ra);
        int rd = xra_dst_from(J, in->c, 8);
        x86_cmov(e, X86_CC_NE, 8, rd, rb);
        bind_new(J, rd);
        return;
    }
    case IR_EXTR: {
        int n = (int)in->imm & (w * 8 - 1);
        int ra = xra_use(J, in->a);
        if (n)
            xfl_clobber(J);
        int rd = xra_dst_from(J, in->b, w);
        if (n)
            x86_shrd_ri(e, w, rd, ra, n);
        else if (w == 4)
            x86_mov_rr(e, 4, rd, rd);
        bind_new(J, rd);
        return;
    }
    case IR_COND: {
        unsigned cond = (unsigned)in->imm;
        int rd;
        if ((cond >> 1) == 7) {
            rd = xra_alloc(J);
            x86_mov_ri(e, rd, 1);
        } else {
            xfl_need_host(J);
            X86Cond cc = xfl_cond(J, cond);
            rd = xra_alloc(J);
            x86_setcc(e, cc, rd);
            x86_movzx_rr(e, 1, rd, rd);
        }
        bind_new(J, rd);
        return;
    }
    case IR_CSEL: {
        unsigned cond = (unsigned)in->imm;
        if ((cond >> 1) == 7) {
            int rd = xra_dst_from(J, in->a, w);
            if (w == 4)
                x86_mov_rr(e, 4, rd, rd);
            bind_new(J, rd);
            return;
        }
        xfl_need_host(J);
        X86Cond cc = xfl_cond(J, cond);
        int ra = xra_use(J, in->a);
        int rd = xra_dst_from(J, in->b, w);
        x86_cmov(e, cc, w, rd, ra); /* 32-bit cmov zero-extends either way */
        bind_new(J, rd);
        return;
    }
    }
    (void)i;
    J->fail = true;
}

/* ---- env and guest memory ---- */

static void lower_env(JitCtx *J, IRInst *in, uint32_t i)
{
    XE *e = &J->e;
    int sz = in->size;
    X86Mem m = x86_mem(X86_RBX, (int32_t)in->imm);
    bool nz = in->imm < J->gi->env_nzcv + 4 && in->imm + sz > J->gi->env_nzcv;
    if (in->imm < 8ull * J->gi->num_regs) {
        xg_writeback(J, true);
        xg_forget(J);
    }
    if (nz)
        xfl_materialize(J);
    if (in->op == IR_LDENV) {
        int rd = xra_alloc(J);
        x86_load(e, sz, rd, m);
        bind_new(J, rd);
        return;
    }
    int32_t imm;
    int rv = -1;
    if (xra_const_s32(J, in->a, sz == 8 ? 8 : 4, &imm))
        x86_store_imm(e, sz, m, imm);
    else
        x86_store(e, sz, m, rv = xra_use(J, in->a));
    xvec_stenv(J, in->imm, sz, rv, imm); /* keep a cached vreg copy exact */
    if (nz)
        J->flags = FL_ENV;
    (void)i;
}

static void lower_mem(JitCtx *J, IRInst *in)
{
    XE *e = &J->e;
    int sz = in->size;
    if (J->flags == FL_LAZY && J->flive[J->cur])
        xfl_reemit(J); /* a fault here must see the exact NZCV */
    switch (in->op) {
    case IR_LD: {
        X86Mem m = addr_mem(J, in->a);
        int rd = xra_alloc(J);
        xsite(J);
        if (in->imm & IR_LD_SIGNED)
            x86_loads(e, sz, 8, rd, m);
        else
            x86_load(e, sz, rd, m);
        bind_new(J, rd);
        return;
    }
    case IR_ST: {
        X86Mem m = addr_mem(J, in->a);
        int32_t imm;
        if (xra_const_s32(J, in->b, sz == 8 ? 8 : 4, &imm)) {
            xsite(J);
            x86_store_imm(e, sz, m, imm);
        } else {
            int rv = xra_use(J, in->b);
            xsite(J);
            x86_store(e, sz, m, rv);
        }
        return;
    }
    case IR_VLD:
    case IR_VST: {
        X86Mem m = addr_mem(J, in->a);
        int32_t off = (int32_t)(J->gi->env_vregs + 16 * in->imm);
        X86Mem v = x86_mem(X86_RBX, off), v8 = x86_mem(X86_RBX, off + 8);
        if (sz != 1 && sz != 2 && sz != 4 && sz != 8 && sz != 16) {
            J->fail = true;
            return;
        }
        if (in->op == IR_VLD) {
            if (xvec_vld(J, in, m))
                return;
            xvec_forget_env(J, (uint64_t)off, 16);
            xsite(J);
            if (sz == 16) {
                x86_movdqu_load(e, 0, m);
                x86_movdqu_store(e, v, 0);
                return;
            }
            x86_load(e, sz, X86_RAX, m);
            x86_store(e, 8, v, X86_RAX);
            x86_store_imm(e, 8, v8, 0);
        } else if (xvec_vst(J, in, m)) {
            return;
        } else if (sz == 16) {
            x86_movdqu_load(e, 0, v);
            xsite(J);
            x86_movdqu_store(e, m, 0);
        } else {
            x86_load(e, sz, X86_RAX, v);
            xsite(J);
            x86_store(e, sz, m, X86_RAX);
        }
        return;
    }
    }
}

static void lower_atomic(JitCtx *J, IRInst *in)
{
    XE *e = &J->e;
    int sz = in->size;
    xfl_spill(J); /* a retry loop and two faulting points follow */
    X86Mem m = addr_mem(J, in->a);
    if (in->op == IR_CAS) {
        int rn = xra_use(J, in->c);
        xra_load_to(J, X86_RAX, in->b);
        xsite(J);
        x86_cmpxchg_mr(e, sz, m, rn);
    } else {
        int rv = xra_use(J, in->b);
        int at = (int)in->imm;
        if (at == IR_AT_ADD || at == IR_AT_SWP) {
            x86_mov_rr(e, 8, X86_RAX, rv);
            xsite(J);
            if (at == IR_AT_ADD)
                x86_xadd_mr(e, sz, m, X86_RAX);
            else
                x86_xchg_mr(e, sz, m, X86_RAX);
        } else {
            xsite(J);
            x86_load(e, sz, X86_RAX, m);
            uint8_t *loop = e->p;
            int cw = sz == 8 ? 8 : 4;
            switch (at) {
            case IR_AT_CLR:
                x86_mov_rr(e, 8, X86_RCX, rv);
                x86_unary(e, X86_NOT, 8, X86_RCX);
                x86_alu_rr(e, X86_AND, 8, X86_RCX, X86_RAX);
                break;
            case IR_AT_EOR:
            case IR_AT_SET:
                x86_mov_rr(e, 8, X86_RCX, X86_RAX);
                x86_alu_rr(e, at == IR_AT_EOR ? X86_XOR : X86_OR, 8, X86_RCX, rv);
                break;
            default: { /* min/max: compare at the access width */
                bool sgn = at == IR_AT_SMAX || at == IR_AT_SMIN;
                if (sz < 4 && sgn) {
                    x86_movsx_rr(e, sz, 4, X86_RCX, X86_RAX);
                    x86_movsx_rr(e, sz, 4, X86_RDX, rv);
                } else if (sz < 4) {
                    x86_movzx_rr(e, sz, X86_RCX, X86_RAX);
                    x86_movzx_rr(e, sz, X86_RDX, rv);
                } else {
                    x86_mov_rr(e, cw, X86_RCX, X86_RAX);
                    x86_mov_rr(e, cw, X86_RDX, rv);
                }
                x86_alu_rr(e, X86_CMP, cw, X86_RDX, X86_RCX);
                X86Cond cc = at == IR_AT_SMAX ? X86_CC_G
                             : at == IR_AT_SMIN ? X86_CC_L
                             : at == IR_AT_UMAX ? X86_CC_A : X86_CC_B;
                x86_cmov(e, cc, cw, X86_RCX, X86_RDX);
                break;
            }
            }
            xsite(J);
            x86_cmpxchg_mr(e, sz, m, X86_RCX);
            x86_set_rel32(x86_jcc32(e, X86_CC_NE), loop);
        }
    }
    int rd = xra_alloc(J);
    if (sz == 8)
        x86_mov_rr(e, 8, rd, X86_RAX);
    else
        x86_movzx_rr(e, sz, rd, X86_RAX);
    bind_new(J, rd);
}

/* ---- driver ---- */

static void lower_insn(XLow *L, IRInst *in, uint32_t i)
{
    JitCtx *J = &L->J;
    XE *e = &J->e;
    switch ((IROp)in->op) {
    case IR_CONST: return;
    case IR_GETREG: xg_getreg(J, i, (int)in->imm); return;
    case IR_SETREG: xg_setreg(J, (int)in->imm, in->a); return;
    case IR_LDENV: case IR_STENV: lower_env(J, in, i); return;
    case IR_ADD: case IR_SUB: case IR_MUL: case IR_AND: case IR_OR:
    case IR_XOR: case IR_ANDN: case IR_ADDS: case IR_SUBS:
        lower_alu(J, in, i);
        return;
    case IR_MULHU: case IR_MULHS: case IR_UDIV: case IR_SDIV:
        lower_muldiv(J, in);
        return;
    case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROR:
        lower_shift(J, in);
        return;
    case IR_NEG: case IR_NOT: case IR_CLZ: case IR_RBIT: case IR_BSWAP:
    case IR_SEXT: case IR_ZEXT:
        lower_unary(J, in);
        return;
    case IR_SETCC: case IR_SEL: case IR_EXTR: case IR_COND: case IR_CSEL:
        lower_select(J, in, i);
        return;
    case IR_LOGICS: lower_logics(J, in, i); return;
    case IR_ADCS: case IR_SBCS: case IR_ADC: case IR_SBC:
        lower_carry(J, in, i);
        return;
    case IR_GETNZCV: {
        xfl_materialize(J);
        int rd = xra_alloc(J);
        x86_load(e, 4, rd, x86_mem(X86_RBX, (int32_t)J->gi->env_nzcv));
        x86_alu_ri(e, X86_AND, 4, rd, (int32_t)0xf0000000u);
        bind_new(J, rd);
        return;
    }
    case IR_SETNZ: case IR_SETNZC: lower_setnz(J, in); return;
    case IR_SETNZCV:
        xra_load_to(J, X86_RAX, in->a);
        x86_alu_ri(e, X86_AND, 4, X86_RAX, (int32_t)0xf0000000u);
        x86_store(e, 4, x86_mem(X86_RBX, (int32_t)J->gi->env_nzcv), X86_RAX);
        J->flags = FL_ENV;
        return;
    case IR_LD: case IR_ST: case IR_VLD: case IR_VST:
        lower_mem(J, in);
        return;
    case IR_CAS: case IR_ATOMIC: lower_atomic(J, in); return;
    case IR_FENCE: x86_mfence(e); return;
    case IR_CALL: lower_call(J, in, i); return;
    case IR_VOP: xvec_lower(J, in); return;
    case IR_BR_FLAGS: case IR_BR_NZ: case IR_BR_Z: lower_br(L, in); return;
    case IR_GOTO: lower_goto(L, in); return;
    case IR_GOTO_IND: lower_goto_ind(J, in); return;
    case IR_EXIT: lower_exit(J, in); return;
    case IR_CHKALIGN: lower_chkalign(L, in); return;
    case IR_IF_FLAGS: xrg_if(J, in, i); return;
    case IR_ENDIF: xrg_endif(J, i); return;
    case IR_NUM_OPS: break;
    }
    J->fail = true;
}

static bool is_final(int op)
{
    return op == IR_GOTO || op == IR_GOTO_IND || op == IR_EXIT;
}

static void emit_stubs(XLow *L)
{
    JitCtx *J = &L->J;
    XE *e = &J->e;
    const IRGuestInfo *gi = J->gi;
    /* exit_request at block entry: leave with the block's own pc */
    x86_set_rel32(J->yield_jcc, e->p);
    x86_mov_ri(e, X86_RAX, J->b->start_pc);
    x86_store(e, 8, x86_mem(X86_RBX, (int32_t)gi->env_pc), X86_RAX);
    x86_mov_ri(e, X86_RAX, IR_EXIT_YIELD);
    x86_mov_ri(e, X86_RDX, 0);
    x86_set_rel32(x86_jmp32(e), x86_epilogue_addr());
    uint8_t *code = J->tb->code;
    for (uint32_t k = 0; k < L->nstubs; k++) {
        XStub *st = &L->stubs[k];
        if (!xra_room(J, 128 + st->mlen))
            return;
        if (st->kind != IR_EXIT_LOOKUP) { /* fault exit: M, then leave */
            x86_set_rel32(st->rel32, e->p);
            memcpy(e->p, xl.mbuf + st->moff, st->mlen);
            e->p += st->mlen;
            x86_mov_ri(e, X86_RAX, st->pc);
            x86_store(e, 8, x86_mem(X86_RBX, (int32_t)gi->env_pc), X86_RAX);
            x86_mov_ri(e, X86_RAX, st->kind);
            x86_mov_ri(e, X86_RDX, 0);
            x86_set_rel32(x86_jmp32(e), x86_epilogue_addr());
            continue;
        }
        TBExit *x = &J->tb->exits[st->exit];
        uint8_t *b2 = NULL;
        if (st->mlen) {
            x->m_off = (uint32_t)(e->p - code);
            memcpy(e->p, xl.mbuf + st->moff, st->mlen);
            e->p += st->mlen;
            b2 = aligned_jump(e, -1);
            x->jmp2_off = (uint32_t)(b2 - code);
            x->bypass = st->bypass;
            x86_set_rel32(st->rel32, code + x->m_off);
        }
        x->stub_off = (uint32_t)(e->p - code);
        x86_set_rel32(b2 ? b2 : st->rel32, e->p);
        x86_mov_ri(e, X86_RAX, x->target);
        x86_store(e, 8, x86_mem(X86_RBX, (int32_t)gi->env_pc), X86_RAX);
        x86_mov_ri(e, X86_RAX, IR_EXIT_LOOKUP);
        x86_mov_ri(e, X86_RDX, (uint64_t)(uintptr_t)x);
        x86_set_rel32(x86_jmp32(e), x86_epilogue_addr());
    }
}

/* Gives the growable buffers back to xl for the next block. */
static void ctx_free(XLow *L)
{
    xl.sites = L->J.sites, xl.capsites = L->J.capsites;
    xl.locs = L->J.locs, xl.caplocs = L->J.caplocs;
}

/* Copies n elements of size sz into the metadata arena (NULL if n = 0). */
static void *meta_copy(const void *src, size_t n, size_t sz, bool *ok)
{
    if (!n)
        return NULL;
    void *p = x86_meta_alloc(n * sz);
    if (!p) {
        *ok = false;
        return NULL;
    }
    memcpy(p, src, n * sz);
    return p;
}

static bool compile_body(XLow *L)
{
    JitCtx *J = &L->J;
    IRBlock *b = J->b;
    bool ended = false;
    for (uint32_t i = 1; i < b->n && !J->fail; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead || J->v[i].fold || J->v[i].is_const ||
            (J->alias[i] != i && in->op != IR_GETREG))
            continue;
        if (ended) /* dead code after the final exit */
            break;
        if (!xra_room(J, 2048))
            break;
        J->cur = i;
        lower_insn(L, in, i);
        xra_end_insn(J, i);
        ended = is_final(in->op);
    }
    return ended && !J->fail;
}

bool x86_compile(IRBlock *b, TB *tb, bool *full)
{
    XLow L;
    memset(&L, 0, sizeof(L));
    JitCtx *J = &L.J;
    *full = false;
    uint32_t nexits = 0, nfault = 0, nvop = 0, nif = 0;
    for (uint32_t i = 1; i < b->n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        if (in->op == IR_GOTO || in->op == IR_BR_FLAGS ||
            in->op == IR_BR_NZ || in->op == IR_BR_Z)
            nexits++;
        nfault += in->op == IR_CHKALIGN;
        nvop += in->op == IR_VOP;
        nif += in->op == IR_IF_FLAGS;
    }
    /* a VOP is up to ~350 bytes: inline code with its guards, then the
     * helper call and the reload of the vector register cache */
    /* a region's IF and ENDIF: write-backs, flags, 16 register reloads */
    size_t est = 4096 + (size_t)b->n * 96 + (size_t)nvop * 384 +
                 (size_t)nif * (40 * (size_t)b->gi->num_regs + 256) +
                 (size_t)(nexits + nfault) * (X86_MCODE_MAX + 160);
    uint8_t *start = x86_buf_begin(est);
    if (!start) {
        *full = true;
        return false;
    }
    J->b = b;
    J->gi = b->gi;
    J->tb = tb;
    J->start = start;
    J->limit = start + est;
    J->flags = FL_ENV;
    J->sites = xl.sites, J->capsites = xl.capsites;
    J->locs = xl.locs, J->caplocs = xl.caplocs;
    xl.mlen = 0;
    if (nexits + nfault > xl.capstubs) {
        XStub *ns = realloc(xl.stubs, (nexits + nfault) * sizeof(XStub));
        if (!ns)
            return false;
        xl.stubs = ns, xl.capstubs = nexits + nfault;
    }
    L.stubs = xl.stubs;
    /* The exits' addresses are baked into the code (stubs pass them in
     * rdx), so they are allocated in place now. */
    tb->exits = x86_meta_alloc((nexits ? nexits : 1) * sizeof(TBExit));
    if (!tb->exits || !xra_analyze(J)) {
        ctx_free(&L);
        tb->exits = NULL;
        return false;
    }
    XE *e = &J->e;
    e->p = start;
    x86_d64(e, b->start_pc);
    tb->code = e->p;
    x86_alu_mi(e, X86_CMP, 4, x86_mem(X86_RBX, (int32_t)J->gi->env_exit_request), 0);
    J->yield_jcc = x86_jcc32(e, X86_CC_NE);
    bool ok = compile_body(&L);
    if (ok)
        emit_stubs(&L);
    ok = ok && !J->fail;
    if (ok) {
        tb->sites = meta_copy(J->sites, J->nsites, sizeof(TBSite), &ok);
        tb->locs = meta_copy(J->locs, J->nlocs, sizeof(TBLoc), &ok);
    }
    ctx_free(&L);
    if (!ok) {
        if (emu_opts.dbg & DBG_UNIMP)
            emu_log("emu: JIT could not compile block %#llx; interpreting it\n",
                    (unsigned long long)b->start_pc);
        tb->code = NULL;
        tb->exits = NULL; /* the arena memory is reclaimed at the flush */
        tb->sites = NULL;
        tb->locs = NULL;
        return false;
    }
    tb->code_size = (uint32_t)(e->p - tb->code);
    tb->flags_dead_in = !J->flags_live_in;
    tb->nexits = J->nexit;
    tb->nsites = J->nsites;
    tb->nlocs = J->nlocs;
    x86_buf_commit(e->p);
    return true;
}
