/*
 * cpu/arm/translate.c - the emu-arm front end's engine: turns a run of
 * A32 or Thumb instructions starting at a key (cpu/arm/cpu.h) into one IR
 * block, and the register, pc-write and condition conventions every
 * translator uses (cpu/arm/translate.h).
 *
 * Invariants:
 *  - A block is in one instruction set (the key's T bit).  It ends at an
 *    instruction that writes pc or leaves to the cpu loop (s->end), at an
 *    undefined one, before code that is not executable, at a 4 KiB page
 *    boundary, or after ARM_MAX_BLOCK_INSNS instructions.  A short loop
 *    (a conditional branch back to the block's start) is translated twice
 *    in a row (unroll_self_loop); [code_lo, code_hi) is one pass.
 *  - Conditional execution: handlers are written as if they always
 *    execute.  An instruction whose condition is not AL (A32 cond field, or
 *    the IT state in Thumb) is translated inside an IR conditional region
 *    (IF_FLAGS cond .. ENDIF) and the block goes on after it.  A region
 *    may not hold a final exit, so when the handler ended the block (pc
 *    write, SVC, UDF, YIELD...) the attempt is rolled back (the IR is
 *    truncated; handlers have no other side effects) and the instruction
 *    is translated again behind a side exit to the next instruction taken
 *    when the condition fails.  A handler that tests the condition itself
 *    (arm_take_cond, before emitting anything) dissolves the region.
 *  - ITSTATE is part of the key, but IR pc offsets are 32-bit: the pc the
 *    back end stores at a fault or a helper call (block start + offset)
 *    carries the ITSTATE of the block's start.  So an instruction whose
 *    ITSTATE differs from the start's may be in the block only if it
 *    cannot fault or call (no LD/ST/CALL/VOP.. in its IR); otherwise its
 *    translation is rolled back and it starts the next block (where it is
 *    first, and the stored pc is its exact key).  Side exits and final
 *    exits always store explicit keys.
 *  - pc writers only record the target (a 4-byte key: pc | T); the engine
 *    emits the final GOTO/GOTO_IND after the handler, so a handler may
 *    still write registers after writing pc (LDM writeback).
 */
#include "cpu/arm/arm-internal.h"

#include <stddef.h>
#include <string.h>

#include "common/emu.h"
#include "common/guest-mem.h"

#define ARM_MAX_BLOCK_INSNS 128

/* Not const: guest_base is only known once linux-user reserved the 4 GiB
 * guest space (arm_frontend_init). */
IRGuestInfo arm_guest_info = {
    .env_pc = offsetof(ArmState, key),
    .env_nzcv = offsetof(ArmState, nzcv),
    .env_vregs = offsetof(ArmState, v),
    .env_exit_request = offsetof(ArmState, exit_request),
    .env_fault_addr = offsetof(ArmState, fault_addr),
    .num_regs = 15,
    .guest_base = 0,
    .addr32 = true,
};

/* The engine's per-instruction state around the handlers' ArmCtx. */
typedef struct ArmEngine {
    ArmCtx c;
    IRRef pc_target;   /* key to jump to after the handler (0: none) */
    int pc_hint;
    int next_it;       /* -1: advance ITSTATE normally */
    int32_t side_exit; /* index of the condition-failed BR_FLAGS or of
                          the IF_FLAGS of an open region, or -1 */
    bool region;       /* the instruction is inside IF_FLAGS..ENDIF */
    bool quiet;        /* no -d unimp logging (an attempt that may be
                          rolled back) */
} ArmEngine;

static ArmEngine *eng(ArmCtx *s)
{
    return (ArmEngine *)s; /* every ArmCtx is the head of an ArmEngine */
}

void arm_frontend_init(void)
{
    arm_guest_info.guest_base = guest_base;
}

uint32_t arm_pc_value(const ArmCtx *s)
{
    return s->pc + (s->thumb ? 4 : 8);
}

IRRef arm_reg(ArmCtx *s, int r)
{
    if (r == ARM_REG_PC)
        return ir_const(s->b, arm_pc_value(s));
    return ir_getreg(s->b, r);
}

void arm_set_reg(ArmCtx *s, int r, IRRef v)
{
    if (r >= 15)
        emu_fatal("internal error: arm_set_reg(%d) at %#x", r, s->pc);
    ir_setreg(s->b, r, ir_trunc32(s->b, v));
}

static void set_target(ArmCtx *s, IRRef key, int hint)
{
    eng(s)->pc_target = key;
    eng(s)->pc_hint = hint;
    s->end = true;
}

void arm_bx_write_pc(ArmCtx *s, IRRef v, int hint)
{
    /* bit 0 is the T bit of the key; an ARM target with bit 1 set is
     * UNPREDICTABLE and faults at the fetch (PC alignment) */
    set_target(s, ir_trunc32(s->b, v), hint);
}

void arm_load_write_pc(ArmCtx *s, IRRef v, int hint)
{
    arm_bx_write_pc(s, v, hint);
}

void arm_branch_write_pc(ArmCtx *s, IRRef v)
{
    IRBlock *b = s->b;
    IRRef k = s->thumb ? ir_or(b, 4, v, ir_const(b, 1))
                       : ir_andi(b, 4, v, ~3u);
    set_target(s, k, IR_HINT_NONE);
}

void arm_alu_write_pc(ArmCtx *s, IRRef v)
{
    if (s->thumb)
        arm_branch_write_pc(s, v);
    else
        arm_bx_write_pc(s, v, IR_HINT_NONE);
}

void arm_branch_to(ArmCtx *s, uint32_t target, bool thumb)
{
    set_target(s, ir_const(s->b, arm_make_key(target, thumb, 0)),
               IR_HINT_NONE);
}

unsigned arm_take_cond(ArmCtx *s)
{
    ArmEngine *e = eng(s);
    s->cond_taken = true;
    if (e->side_exit >= 0) {
        /* the handler tests the condition itself: the engine's
         * condition-failed exit or region start becomes a dead constant */
        IRInst *in = &s->b->ins[e->side_exit];
        in->op = IR_CONST;
        in->size = 8;
        in->imm = in->imm2 = 0;
        e->side_exit = -1;
        if (e->region) {
            s->b->in_region = 0;
            e->region = false;
        }
    }
    return s->cond;
}

void arm_set_next_itstate(ArmCtx *s, unsigned it)
{
    eng(s)->next_it = (int)(it & 0xff);
}

static unsigned it_advance(unsigned it)
{
    return (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
}

uint64_t arm_next_key(const ArmCtx *s)
{
    const ArmEngine *e = (const ArmEngine *)s;
    unsigned it = e->next_it >= 0 ? (unsigned)e->next_it
                                  : it_advance(s->itstate);
    return arm_make_key(s->pc + s->len, s->thumb, it);
}

static uint64_t this_key(const ArmCtx *s)
{
    return arm_make_key(s->pc, s->thumb, s->itstate);
}

bool arm_undef(ArmCtx *s, bool unimp)
{
    if ((emu_opts.dbg & DBG_UNIMP) && !eng(s)->quiet) {
        const char *name = arm_decode_name(s->insn, s->thumb);
        const char *set = !s->thumb ? "A32" : s->len == 2 ? "T16" : "T32";
        emu_log("emu: %s %s instruction %0*x at %#x%s%s\n",
                unimp ? "unimplemented" : "undefined", set,
                s->len == 2 ? 4 : 8, s->insn, s->pc, name ? " row " : "",
                name ? name : "");
    }
    /* the encoding, for the Linux layer (undefined-instruction hooks) */
    ir_stenv(s->b, 4, ARM_ENV_OFF(exc_info), ir_const(s->b, s->insn));
    ir_exit(s->b, IR_EXIT_UNDEF, this_key(s));
    eng(s)->pc_target = 0;
    s->end = true;
    return true;
}

IRRef arm_call_insn(ArmCtx *s, void *fn, IRRef a, IRRef b, IRRef c)
{
    return ir_call(s->b, fn, 0, 4, ir_const(s->b, s->insn), a, b, c);
}

IRRef arm_call_insn_v(ArmCtx *s, void *fn, IRRef a, IRRef b, IRRef c)
{
    return ir_call(s->b, fn, IR_CALL_NOGPR, 4, ir_const(s->b, s->insn), a, b,
                   c);
}

/* Fetches the instruction at s->pc into s->insn/len; false when it is not
 * executable. */
static bool fetch(ArmCtx *s)
{
    if (!s->thumb) {
        if (!guest_exec_ok(s->pc, 4))
            return false;
        s->insn = *(const uint32_t *)g2h(s->pc);
        s->len = 4;
        return true;
    }
    if (!guest_exec_ok(s->pc, 2))
        return false;
    uint16_t hw = *(const uint16_t *)g2h(s->pc);
    if (!arm_t16_is_32bit(hw)) {
        s->insn = hw;
        s->len = 2;
        return true;
    }
    if (!guest_exec_ok(s->pc + 2, 2))
        return false;
    s->insn = (uint32_t)hw << 16 | *(const uint16_t *)g2h(s->pc + 2);
    s->len = 4;
    return true;
}

static void reset_insn(ArmEngine *e)
{
    ArmCtx *s = &e->c;
    s->end = false;
    s->cond_taken = false;
    s->pc_written = false;
    e->pc_target = 0;
    e->next_it = -1;
    e->side_exit = -1;
    e->region = false;
    e->quiet = false;
}

/* Emits the block's final jump when the handler recorded a pc write. */
static void finish_end(ArmEngine *e)
{
    IRBlock *b = e->c.b;
    uint64_t k;
    if (!e->pc_target)
        return;
    if (ir_is_const(b, e->pc_target, &k))
        ir_goto(b, k);
    else
        ir_goto_ind(b, e->pc_target, e->pc_hint);
}

/* A conditional instruction in a region; false (IR rolled back) when it
 * ended the block or did not decode. */
static bool try_region(ArmEngine *e)
{
    ArmCtx *s = &e->c;
    IRBlock *b = s->b;
    uint32_t n0 = b->n;
    e->side_exit = (int32_t)n0;
    e->region = true;
    e->quiet = true;
    ir_if_flags(b, s->cond);
    bool ok = arm_decode(s);
    if (ok && !s->end) {
        if (e->region)
            ir_endif(b);
        e->quiet = false;
        return true;
    }
    if (ok && s->cond_taken) { /* the handler branched on the condition */
        finish_end(e);
        e->quiet = false;
        return true;
    }
    b->n = n0;
    b->in_region = 0;
    reset_insn(e);
    return false;
}

/* Translates the instruction at s->pc (fetched); returns true when it
 * ended the block. */
static bool translate_one(ArmEngine *e)
{
    ArmCtx *s = &e->c;
    IRBlock *b = s->b;
    reset_insn(e);
    if (!s->thumb) {
        unsigned c = s->insn >> 28;
        s->cond = c == 15 ? ARM_COND_AL : (uint8_t)c;
    } else {
        s->cond = s->itstate ? (uint8_t)(s->itstate >> 4) : ARM_COND_AL;
    }
    s->in_it = s->itstate != 0;
    if (s->cond < ARM_COND_AL) {
        if (try_region(e))
            return s->end;
        e->side_exit = (int32_t)b->n;
        ir_br_flags(b, s->cond ^ 1u, arm_next_key(s));
    }
    if (!arm_decode(s))
        arm_undef(s, true);
    if (s->end)
        finish_end(e);
    return s->end;
}

/* Does the IR from index `from` on hold an op where the back end stores
 * the pc from the block start + offset (a possible fault or a call)? */
static bool may_fault(IRBlock *b, uint32_t from)
{
    for (uint32_t i = from; i < b->n; i++) {
        switch (b->ins[i].op) {
        case IR_LD: case IR_ST: case IR_VLD: case IR_VST: case IR_CAS:
        case IR_ATOMIC: case IR_CALL: case IR_VOP: case IR_CHKALIGN:
            return true;
        default:
            break;
        }
    }
    return false;
}

/* Loop unrolling: a block that ends in "B<cond> <its own start>" (a tight
 * loop) is translated a second time behind its own exit, so one pass
 * through the host code runs two iterations.  The back end keeps guest
 * registers in host registers within a block but goes through env at
 * every exit, and in a loop that store-to-load round trip is on the
 * loop-carried dependency; the copy halves it.  Only short bodies with no
 * ITSTATE at the start (the copy must see the same state as the first
 * pass) are unrolled, once.  The copy's instructions carry the same pc
 * offsets as the first pass, which is what fault sites and helper calls
 * need; the block's code range stays that of one pass. */
#define ARM_UNROLL_MAX_INSNS 24

/* If the block's IR ends "BR_FLAGS cond -> key; [CONSTs]; GOTO next", the
 * BR_FLAGS is turned into "BR_FLAGS !cond -> next" and the GOTO dropped,
 * so translation can go on at the start; false when it does not end so. */
static bool unroll_self_loop(IRBlock *b, uint64_t key)
{
    if (b->n < 2 || b->ins[b->n - 1].op != IR_GOTO || b->in_region)
        return false;
    uint64_t next = b->ins[b->n - 1].imm;
    uint32_t i = b->n - 2;
    while (i > 0 && b->ins[i].op == IR_CONST)
        i--;
    IRInst *br = &b->ins[i];
    if (br->op != IR_BR_FLAGS || br->imm != key || br->imm2 >= ARM_COND_AL)
        return false;
    br->imm = next;
    br->imm2 ^= 1u;
    b->n--; /* the GOTO */
    return true;
}

static void translate_insns(IRBlock *b, uint64_t key)
{
    ArmEngine e;
    memset(&e, 0, sizeof(e));
    ArmCtx *s = &e.c;
    s->b = b;
    s->thumb = arm_key_thumb(key);
    s->itstate = (uint8_t)arm_key_it(key);
    uint32_t start = arm_key_pc(key), pc = start;
    unsigned start_it = s->itstate;
    b->end_pc = key; /* fixed below */
    if (!s->thumb && (pc & 3)) {
        /* BX to an ARM address with bit 1 set completed; the fetch takes
         * the PC alignment fault (SIGBUS BUS_ADRALN) */
        ir_set_pc(b, key);
        ir_exit(b, IR_EXIT_PC_ALIGN, key);
        b->end_pc = key + 4;
        return;
    }
    uint32_t pass_end = 0; /* end of the first pass once unrolled */
    for (int n = 0;; n++) {
        ir_set_pc(b, b->start_pc + (pc - start));
        s->pc = pc;
        if (n == ARM_MAX_BLOCK_INSNS || (n && ((pc ^ start) & ~0xfffu))) {
            ir_goto(b, arm_make_key(pc, s->thumb, s->itstate));
            break;
        }
        if (!fetch(s)) {
            ir_exit(b, IR_EXIT_FETCH_FAULT, arm_make_key(pc, s->thumb,
                                                         s->itstate));
            break;
        }
        uint32_t n0 = b->n;
        bool ended = translate_one(&e);
        if (n && s->itstate != start_it && may_fault(b, n0)) {
            /* its faults would report the wrong ITSTATE (see top) */
            b->n = n0;
            b->in_region = 0;
            ir_goto(b, arm_make_key(pc, s->thumb, s->itstate));
            break;
        }
        b->guest_insns++;
        uint64_t next = arm_next_key(s);
        pc += s->len;
        if (ended) {
            if (pass_end || start_it || n >= ARM_UNROLL_MAX_INSNS ||
                !unroll_self_loop(b, key))
                break;
            pass_end = pc;
            pc = start;
            s->itstate = (uint8_t)start_it;
            continue;
        }
        s->itstate = (uint8_t)arm_key_it(next);
    }
    if (pass_end)
        pc = pass_end;
    /* tb.c orders blocks by [start, end): keep end above the key; the
     * guest code range is [code_lo, code_hi) */
    b->end_pc = b->start_pc + (pc - start);
    b->code_lo = start;
    b->code_hi = pc > start ? pc : start + 2;
}

void arm_translate_block(IRBlock *b, uint64_t key)
{
    translate_insns(b, key);
    if (emu_opts.dbg & DBG_IN_ASM)
        arm_log_in_asm(arm_key_pc(key),
                   arm_key_pc(key) + (uint32_t)(b->end_pc - b->start_pc),
                   arm_key_thumb(key));
    if (emu_opts.dbg & DBG_OP)
        ir_dump(b, emu_opts.log ? emu_opts.log : stderr);
}
