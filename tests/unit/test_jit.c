/*
 * tests/unit/test_jit.c - differential test of the x86-64 back end.
 *
 * Random and hand-written IR blocks are run twice from the same initial
 * state: once compiled by the JIT (x86_compile + x86_jit_enter) and once
 * by the reference interpreter (ir_interp).  Registers, NZCV, SIMD
 * registers, pc, exit kind and the guest memory buffer must match exactly.
 * Guest memory is a host buffer (guest_base 0: guest address = host
 * address); register x20 points at it.  The addr32 variants run the same
 * blocks as a 32-bit guest would: host = guest_base + zero-extended low
 * 32 bits of the address, with a nonzero guest_base (x20 = a small guest
 * address with garbage in bits 63:32) and with guest_base 0 (the buffer
 * mapped below 4 GiB).
 *
 * A failing random case prints its seed and the IR; rerun a single seed
 * with JIT_SEED=n.  JIT_ITERS=n changes the number of random blocks;
 * JIT_DUMP=1 prints every block (IR and host code) before it runs.
 */
#include <criterion/criterion.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "tcg/ir.h"
#include "tcg/tb.h"
#include "tcg/x86-jit.h"

typedef struct TEnv {
    uint64_t x[32];
    uint64_t pc;
    uint32_t nzcv;
    uint32_t exit_request;
    uint64_t pad;
    uint8_t v[32][16];
    uint64_t fault_addr; /* CHKALIGN's IR_EXIT_ALIGN */
} TEnv;

static const IRGuestInfo tgi = {
    .env_pc = offsetof(TEnv, pc),
    .env_nzcv = offsetof(TEnv, nzcv),
    .env_vregs = offsetof(TEnv, v),
    .env_exit_request = offsetof(TEnv, exit_request),
    .env_fault_addr = offsetof(TEnv, fault_addr),
    .num_regs = 32,
    .guest_base = 0,
    .addr32 = false,
};

#define MEMSZ 512
static uint8_t mem_static[MEMSZ] __attribute__((aligned(64)));
static uint8_t *mem = mem_static; /* the guest memory buffer (host) */
static uint64_t mem_x20;          /* x20's value; 0: the host address */
static const IRGuestInfo *gen_gi = &tgi; /* guest of generated blocks */
static uint8_t mem_init[MEMSZ], mem_jit[MEMSZ];
static uint64_t rng;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t rval(void)
{
    switch (rnd() % 10) {
    case 0: return 0;
    case 1: return 1;
    case 2: return ~0ull;
    case 3: return 1ull << 63;
    case 4: return 0x80000000ull;
    case 5: return 0x7fffffffull;
    case 6: return rnd() % 64;
    case 7: return 0xffffffffull;
    default: return rnd();
    }
}

/* Helpers called from blocks. */
static uint64_t h_state(void *env, uint64_t a, uint64_t b, uint64_t c,
                        uint64_t d)
{
    TEnv *t = env;
    t->x[3] ^= a;
    t->x[9] += t->pc;
    t->nzcv = (t->nzcv ^ 0x50000000u) & 0xf0000000u;
    return a + 2 * b + 3 * c + 5 * d + t->x[7];
}

/* IR_CALL_NOGPR: reads and writes only vector registers and memory. */
static uint64_t h_vec(void *env, uint64_t a, uint64_t b, uint64_t c,
                      uint64_t d)
{
    TEnv *t = env;
    uint64_t x;
    memcpy(&x, t->v[a & 31], 8);
    x = x * 3 + b - (c ^ d);
    memcpy(t->v[(a >> 5) & 31], &x, 8);
    mem[(b ^ c) % MEMSZ] ^= (uint8_t)x;
    return x ^ t->pc;
}

static uint64_t h_pure(void *env, uint64_t a, uint64_t b, uint64_t c,
                       uint64_t d)
{
    (void)env;
    return (a * b) ^ (c - d);
}

static void init_env(TEnv *t)
{
    memset(t, 0, sizeof(*t));
    for (int i = 0; i < 32; i++)
        t->x[i] = rval();
    t->x[20] = mem_x20 ? mem_x20 : (uint64_t)(uintptr_t)mem;
    t->nzcv = (uint32_t)(rnd() & 0xf0000000u);
    for (int i = 0; i < 32; i++)
        for (int j = 0; j < 16; j++)
            t->v[i][j] = (uint8_t)rnd();
    for (int i = 0; i < MEMSZ; i++)
        mem_init[i] = (uint8_t)rnd();
}

static void setup(void)
{
    cr_assert(x86_jit_init(&tgi), "JIT init failed");
}

/* Runs b both ways from *init; returns true when identical. */
static bool run_both(IRBlock *b, const TEnv *init, bool verbose)
{
    TB tb;
    memset(&tb, 0, sizeof(tb));
    bool full = false;
    if (!x86_compile(b, &tb, &full)) {
        if (full) {
            x86_buf_flush();
            cr_assert(x86_compile(b, &tb, &full), "compile after flush");
        } else {
            cr_log_error("block failed to compile");
            return false;
        }
    }
    if (getenv("JIT_DUMP")) { /* debugging: every block, IR and host code */
        ir_dump(b, stderr);
        x86_disas(stderr, tb.code, tb.code_size);
    }
    TEnv ej = *init, ei = *init;
    memcpy(mem, mem_init, MEMSZ);
    JitRet r = x86_jit_enter(&ej, tb.code);
    memcpy(mem_jit, mem, MEMSZ);
    memcpy(mem, mem_init, MEMSZ);
    int ki = ir_interp(b, &ei);
    bool ok = true;
    if ((int)r.kind != ki) {
        if (verbose)
            fprintf(stderr, "exit kind jit %d interp %d\n", (int)r.kind, ki);
        ok = false;
    }
    for (int i = 0; i < 32; i++)
        if (ej.x[i] != ei.x[i]) {
            if (verbose)
                fprintf(stderr, "x%d jit %#llx interp %#llx\n", i,
                        (unsigned long long)ej.x[i], (unsigned long long)ei.x[i]);
            ok = false;
        }
    if (ej.pc != ei.pc || ej.nzcv != ei.nzcv ||
        ej.fault_addr != ei.fault_addr) {
        if (verbose)
            fprintf(stderr,
                    "pc %#llx/%#llx nzcv %#x/%#x fault_addr %#llx/%#llx "
                    "(jit/interp)\n",
                    (unsigned long long)ej.pc, (unsigned long long)ei.pc,
                    ej.nzcv, ei.nzcv, (unsigned long long)ej.fault_addr,
                    (unsigned long long)ei.fault_addr);
        ok = false;
    }
    if (memcmp(ej.v, ei.v, sizeof(ej.v))) {
        if (verbose)
            fprintf(stderr, "vregs differ\n");
        ok = false;
    }
    for (int i = 0; i < MEMSZ; i++)
        if (mem_jit[i] != mem[i]) {
            if (verbose)
                fprintf(stderr, "mem[%d] jit %#x interp %#x\n", i, mem_jit[i],
                        mem[i]);
            ok = false;
            break;
        }
    if (!ok && verbose) {
        ir_dump(b, stderr);
        x86_disas(stderr, tb.code, tb.code_size);
    }
    /* tb.exits/sites/locs live in the JIT's metadata arena (freed at a
     * buffer flush) */
    return ok;
}

/* ---- random block generator ---- */

typedef struct Gen {
    IRBlock *b;
    IRRef pool[1024];
    int np;
    IRRef memreg;
    uint32_t k;
    bool in_region;
} Gen;

static IRRef pick(Gen *g)
{
    /* bias towards recent values, but reach far back for long ranges */
    if (rnd() % 4 == 0)
        return g->pool[rnd() % g->np];
    int back = (int)(rnd() % 8);
    return g->pool[g->np - 1 - (back < g->np ? back : 0)];
}

static void push(Gen *g, IRRef r)
{
    if (r && g->np < 1024)
        g->pool[g->np++] = r;
}

static IRRef emit(Gen *g, IROp op, int size, IRRef a, IRRef b, IRRef c,
                  uint64_t imm)
{
    return ir_emit(g->b, op, size, a, b, c, imm);
}

static IRRef gen_addr(Gen *g, int align)
{
    if (rnd() % 4 == 0) { /* [base + index << k]: scaled-index folding */
        IRRef idx = emit(g, IR_AND, 8, pick(g),
                         emit(g, IR_CONST, 8, 0, 0, 0, 0x1f), 0, 0);
        int ssz = gen_gi->addr32 && rnd() % 2 ? 4 : 8;
        IRRef sh = emit(g, IR_SHL, ssz, idx,
                        emit(g, IR_CONST, 8, 0, 0, 0, 1 + rnd() % 3), 0, 0);
        if (rnd() % 4 == 0)
            push(g, sh); /* also used as a value: not absorbed */
        bool swap = rnd() & 1;
        IRRef r = emit(g, IR_ADD, gen_gi->addr32 && rnd() % 2 ? 4 : 8,
                       swap ? sh : g->memreg, swap ? g->memreg : sh, 0, 0);
        if (align > 1) /* keep CAS/atomic addresses aligned */
            r = emit(g, IR_AND, 8, r,
                     emit(g, IR_CONST, 8, 0, 0, 0, ~(uint64_t)(align - 1)),
                     0, 0);
        return r;
    }
    uint64_t off = (rnd() % (MEMSZ - 32)) & ~(uint64_t)(align - 1);
    /* a 32-bit guest: 4-byte address arithmetic, and constants whose
     * upper half (or a wrap at 2^32) must not matter */
    int asz = gen_gi->addr32 && rnd() % 2 ? 4 : 8;
    if (gen_gi->addr32 && rnd() % 3 == 0)
        off += (rnd() & 0xffffffff00000000ull);
    if (rnd() % 8 == 0) /* non-folded form: address in a register */
        return emit(g, IR_ADD, asz, g->memreg,
                    emit(g, IR_CONST, 8, 0, 0, 0, off), 0, 0);
    IRRef k = emit(g, IR_CONST, 8, 0, 0, 0, off);
    bool swap = rnd() & 1;
    return emit(g, IR_ADD, asz, swap ? k : g->memreg, swap ? g->memreg : k,
                0, 0);
}

static int rsize(void) { return rnd() % 3 ? 8 : 4; }

static void gen_one(Gen *g);

/* A conditional region of 1..12 random instructions (ARM conditional
 * execution): nothing defined inside is used after the ENDIF (the pool
 * is cut back), as the contract in tcg/ir.h asks. */
static void gen_region(Gen *g)
{
    int np = g->np;
    unsigned cond = (unsigned)(rnd() % 14);
    if (rnd() % 3 == 0) { /* often right after its compare, as on ARM */
        IRRef x = pick(g), y = rnd() & 1 ? pick(g)
                                         : emit(g, IR_CONST, 8, 0, 0, 0, rval());
        push(g, emit(g, rnd() & 1 ? IR_SUBS : IR_ADDS, rsize(), x, y, 0, 0));
    }
    ir_if_flags(g->b, cond);
    g->in_region = true;
    int n = 1 + (int)(rnd() % (rnd() % 4 == 0 ? 12 : 3));
    for (int i = 0; i < n; i++)
        gen_one(g);
    g->in_region = false;
    ir_endif(g->b);
    g->np = np;
}

static void gen_one(Gen *g)
{
    static const IROp bin[] = {IR_ADD, IR_SUB, IR_MUL, IR_AND, IR_OR, IR_XOR,
                               IR_ANDN, IR_SHL, IR_SHR, IR_SAR, IR_ROR,
                               IR_UDIV, IR_SDIV, IR_ADDS, IR_SUBS, IR_ADCS,
                               IR_SBCS, IR_ADC, IR_SBC, IR_MULHU, IR_MULHS,
                               IR_SETCC, IR_EXTR, IR_CSEL};
    static const IROp un[] = {IR_NEG, IR_NOT, IR_CLZ, IR_RBIT, IR_BSWAP,
                              IR_SEXT, IR_ZEXT, IR_LOGICS};
    IRBlock *b = g->b;
    if (!g->in_region && rnd() % 12 == 0) {
        gen_region(g);
        return;
    }
    ir_set_pc(b, b->start_pc + 4 * g->k++);
    unsigned c = (unsigned)(rnd() % 100);
    if (c < 40) {
        IROp op = bin[rnd() % (sizeof(bin) / sizeof(bin[0]))];
        int sz = (op == IR_MULHU || op == IR_MULHS) ? 8 : rsize();
        IRRef x = pick(g), y = pick(g);
        if (rnd() % 4 == 0)
            y = emit(g, IR_CONST, 8, 0, 0, 0, rval());
        else if (rnd() % 16 == 0)
            x = emit(g, IR_CONST, 8, 0, 0, 0, rval());
        uint64_t imm = 0;
        if (op == IR_SETCC)
            imm = rnd() % 10;
        else if (op == IR_EXTR)
            imm = rnd() % (sz * 8);
        else if (op == IR_CSEL)
            imm = rnd() % 16;
        push(g, emit(g, op, sz, x, y, 0, imm));
    } else if (c < 52) {
        IROp op = un[rnd() % (sizeof(un) / sizeof(un[0]))];
        int sz = rsize();
        uint64_t imm = 0;
        if (op == IR_BSWAP)
            sz = rnd() % 3 == 0 ? 2 : sz;
        if (op == IR_SEXT)
            imm = 1u << (rnd() % 3);
        if (op == IR_ZEXT)
            sz = 8, imm = 1u << (rnd() % 3);
        push(g, emit(g, op, sz, pick(g), 0, 0, imm));
    } else if (c < 55) {
        push(g, emit(g, IR_COND, 8, 0, 0, 0, rnd() % 16));
    } else if (c < 57) {
        push(g, emit(g, IR_SEL, 8, pick(g), pick(g), pick(g), 0));
    } else if (c < 59) {
        switch (rnd() % 4) {
        case 0: push(g, emit(g, IR_GETNZCV, 8, 0, 0, 0, 0)); break;
        case 1: emit(g, IR_SETNZCV, 8, pick(g), 0, 0, 0); break;
        case 2: ir_setnz(b, rsize(), pick(g)); break; /* ARM ANDS, TST */
        default: ir_setnzc(b, rsize(), pick(g), pick(g)); break;
        }
    } else if (c < 67) {
        int sz = 1 << (rnd() % 4);
        push(g, emit(g, IR_LD, sz, gen_addr(g, 1), 0, 0,
                     rnd() & 1 ? IR_LD_SIGNED : 0));
    } else if (c < 73) {
        int sz = 1 << (rnd() % 4);
        IRRef v = rnd() % 4 ? pick(g) : emit(g, IR_CONST, 8, 0, 0, 0, rval());
        emit(g, IR_ST, sz, gen_addr(g, 1), v, 0, 0);
    } else if (c < 75) {
        static const int vs[] = {1, 2, 4, 8, 16};
        int sz = vs[rnd() % 5];
        emit(g, rnd() & 1 ? IR_VLD : IR_VST, sz, gen_addr(g, 1), 0, 0,
             rnd() % 32);
    } else if (c < 78) {
        int sz = 1 << (rnd() % 4);
        IRRef a = gen_addr(g, sz);
        IRRef expect = pick(g);
        if (rnd() & 1) {
            expect = emit(g, IR_LD, sz, a, 0, 0, 0);
            a = gen_addr(g, sz);
            /* reuse the same address most of the time */
        }
        push(g, emit(g, IR_CAS, sz, a, expect, pick(g), 0));
    } else if (c < 81) {
        int sz = 1 << (rnd() % 4);
        push(g, emit(g, IR_ATOMIC, sz, gen_addr(g, sz), pick(g), 0, rnd() % 9));
    } else if (c < 82) {
        if (rnd() & 1) {
            emit(g, IR_FENCE, 0, 0, 0, 0, 0);
        } else { /* alignment check: aligned about half of the time */
            uint64_t mask = (2u << (rnd() % 4)) - 1;
            IRRef a = rnd() % 4 ? gen_addr(g, rnd() & 1 ? 16 : 1) : pick(g);
            IRRef ck = emit(g, IR_CHKALIGN, 8, a, 0, 0, mask);
            /* the exit kind (imm2): SIGBUS, or the SIGSEGV of ARM SWP */
            g->b->ins[ck].imm2 = rnd() & 1 ? IR_EXIT_ALIGN : IR_EXIT_FETCH_FAULT;
        }
    } else if (c < 92) {
        ir_setreg(b, (int)(rnd() % 32), pick(g));
    } else if (c < 96) {
        push(g, ir_getreg(b, (int)(rnd() % 32)));
    } else if (c < 98) {
        int kind = (int)(rnd() % 3);
        static void *const fns[3] = {(void *)h_state, (void *)h_pure,
                                     (void *)h_vec};
        static const int fl[3] = {0, IR_CALL_PURE, IR_CALL_NOGPR};
        int n = (int)(rnd() % 5);
        push(g, ir_call(b, fns[kind], fl[kind], n, n > 0 ? pick(g) : 0,
                        n > 1 ? pick(g) : 0, n > 2 ? pick(g) : 0,
                        n > 3 ? pick(g) : 0));
    } else {
        uint64_t t = 0x20000 + 4 * (rnd() % 64);
        switch (rnd() % 3) {
        case 0: ir_br_flags(b, (unsigned)(rnd() % 16), t); break;
        case 1: ir_br_nz(b, pick(g), t); break;
        default: ir_br_z(b, pick(g), t); break;
        }
    }
}

static void gen_block(IRBlock *b, uint64_t seed)
{
    Gen *g = calloc(1, sizeof(Gen));
    rng = seed * 0x9e3779b97f4a7c15ull + 1;
    for (int i = 0; i < 8; i++)
        rnd();
    ir_block_init(b, gen_gi, 0x10000);
    g->b = b;
    for (int r = 0; r < 16; r++)
        push(g, ir_getreg(b, r));
    g->memreg = ir_getreg(b, 20);
    push(g, emit(g, IR_CONST, 8, 0, 0, 0, rval()));
    int n = 3 + (int)(rnd() % (rnd() % 4 == 0 ? 400 : 60));
    for (int i = 0; i < n; i++)
        gen_one(g);
    ir_set_pc(b, b->start_pc + 4 * g->k);
    switch (rnd() % 4) {
    case 0: ir_goto_ind(b, pick(g), IR_HINT_NONE); break;
    case 1: ir_exit(b, (IRExit)(rnd() % 5), 0x30000); break;
    default: ir_goto(b, 0x10000 + 4 * (rnd() % 64)); break;
    }
    b->end_pc = b->start_pc + 4 * g->k;
    free(g);
}

static int env_int(const char *name, int dflt)
{
    const char *s = getenv(name);
    return s ? atoi(s) : dflt;
}

/* The passes must not change what a block computes: the interpreter
 * gives the same state for the optimized block b and a fresh copy. */
static bool opt_keeps_meaning(IRBlock *b, uint64_t seed, const TEnv *init)
{
    IRBlock raw;
    uint64_t saved = rng;
    gen_block(&raw, seed);
    rng = saved;
    TEnv e1 = *init, e2 = *init;
    memcpy(mem, mem_init, MEMSZ);
    int k1 = ir_interp(&raw, &e1);
    memcpy(mem_jit, mem, MEMSZ);
    memcpy(mem, mem_init, MEMSZ);
    int k2 = ir_interp(b, &e2);
    ir_block_free(&raw);
    bool ok = k1 == k2 && !memcmp(&e1, &e2, sizeof(e1)) &&
              !memcmp(mem, mem_jit, MEMSZ);
    if (!ok) {
        for (int i = 0; i < 32; i++)
            if (e1.x[i] != e2.x[i])
                fprintf(stderr, "x%d raw %#llx opt %#llx\n", i,
                        (unsigned long long)e1.x[i], (unsigned long long)e2.x[i]);
        fprintf(stderr, "nzcv raw %#x opt %#x, kind %d/%d\n", e1.nzcv,
                e2.nzcv, k1, k2);
        ir_dump(b, stderr);
    }
    return ok;
}

static void random_blocks(int iters)
{
    int only = env_int("JIT_SEED", 0);
    int bad = 0;
    for (int s = only ? only : 1; s <= (only ? only : iters); s++) {
        IRBlock b;
        gen_block(&b, (uint64_t)s);
        if (s & 1)
            ir_optimize(&b);
        TEnv init;
        rng = (uint64_t)s * 77 + 5;
        init_env(&init);
        if ((s & 1) && !opt_keeps_meaning(&b, (uint64_t)s, &init)) {
            fprintf(stderr, "seed %d: ir_optimize changed the result\n", s);
            bad++;
        }
        if (!run_both(&b, &init, false)) {
            fprintf(stderr, "seed %d differs:\n", s);
            run_both(&b, &init, true);
            if (++bad > 3) {
                ir_block_free(&b);
                break;
            }
        }
        ir_block_free(&b);
    }
    cr_assert_eq(bad, 0, "%d random blocks differ", bad);
}

Test(jit, random_blocks, .init = setup)
{
    random_blocks(env_int("JIT_ITERS", 3000));
}

/* ---- 32-bit guests: guest_base and 32-bit addresses ---- */

static IRGuestInfo gi32;

/* guest_base = mem - 0x10000: guest address 0x10000 is mem[0]. */
static void setup32_base(void)
{
    gi32 = tgi;
    gi32.addr32 = true;
    gi32.guest_base = (uint64_t)(uintptr_t)mem - 0x10000;
    gen_gi = &gi32;
    mem_x20 = 0x5a5a5a5a00010000ull; /* bits 63:32 are not address */
    cr_assert(x86_jit_init(&gi32), "JIT init failed");
}

/* guest_base 0, the buffer below 4 GiB. */
static void setup32_low(void)
{
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    cr_assert(p != MAP_FAILED && (uintptr_t)p < (1ull << 32));
    mem = p;
    gi32 = tgi;
    gi32.addr32 = true;
    gen_gi = &gi32;
    mem_x20 = 0xa5a5a5a500000000ull | (uintptr_t)p;
    cr_assert(x86_jit_init(&gi32), "JIT init failed");
}

Test(jit, random_blocks_addr32_base, .init = setup32_base)
{
    random_blocks(env_int("JIT_ITERS", 3000) / 2);
}

Test(jit, random_blocks_addr32_low, .init = setup32_low)
{
    random_blocks(env_int("JIT_ITERS", 3000) / 2);
}

/* Address arithmetic wraps at 2^32: x1 + disp past 4 GiB, a 32-bit add,
 * a scaled index and a constant address all reach the guest address they
 * name modulo 2^32, for every access kind; the JIT agrees with the
 * interpreter and with the memory actually there. */
static void wrap_block(IRBlock *b, uint64_t target)
{
    IRRef x1 = ir_getreg(b, 1); /* = target + 0x100 - 2^32 (mod 2^64) */
    IRRef a8 = ir_add(b, 8, x1, ir_const(b, 0xffffff00ull)); /* wraps */
    IRRef a4 = ir_add(b, 4, x1, ir_const(b, 0xffffff08ull));
    IRRef sh = ir_shl(b, 8, ir_getreg(b, 2), ir_const(b, 3)); /* x2 = 2 */
    IRRef a2 = ir_add(b, 8, ir_add(b, 8, x1, ir_const(b, 0xfffffef0ull)), sh);
    ir_setreg(b, 3, ir_ld(b, 4, false, a8));
    ir_setreg(b, 4, ir_ld(b, 8, true, a4));
    ir_setreg(b, 5, ir_ld(b, 2, false, a2));
    ir_setreg(b, 6, ir_ld(b, 4, false, ir_const(b, target + 0x20)));
    ir_st(b, 4, ir_add(b, 8, x1, ir_const(b, 0xffffff30ull)), x1);
    ir_st(b, 8, ir_const(b, target + 0x38), ir_getreg(b, 2));
    ir_setreg(b, 7, ir_cas(b, 4, a8, ir_getreg(b, 3), ir_getreg(b, 9)));
    ir_setreg(b, 8, ir_atomic(b, IR_AT_ADD, 4, a4, ir_getreg(b, 9)));
    ir_vld(b, 16, 1, ir_add(b, 8, x1, ir_const(b, 0xffffff40ull)));
    ir_vst(b, 8, 1, ir_add(b, 8, x1, ir_const(b, 0xffffff60ull)));
    ir_goto(b, 0x2000);
}

static void check_wrap(uint64_t target)
{
    IRBlock b;
    ir_block_init(&b, &gi32, 0x1000);
    wrap_block(&b, target);
    for (int k = 0; k < 8; k++) {
        TEnv init;
        rng = 1234 + (uint64_t)k;
        init_env(&init);
        init.x[1] = (target + 0x100 - (1ull << 32)) ^ ((uint64_t)k << 40);
        init.x[2] = 2;
        cr_assert(run_both(&b, &init, true));
        uint32_t w;
        memcpy(&w, mem_init, 4);
        TEnv t = init;
        memcpy(mem, mem_init, MEMSZ);
        TB tb;
        memset(&tb, 0, sizeof(tb));
        bool full;
        cr_assert(x86_compile(&b, &tb, &full));
        x86_jit_enter(&t, tb.code);
        cr_assert_eq(t.x[3], w, "wrapped load: %#llx", (unsigned long long)t.x[3]);
        cr_assert_eq(t.x[7], w, "CAS at the wrapped address");
        uint32_t st;
        memcpy(&st, mem + 0x30, 4);
        cr_assert_eq(st, (uint32_t)init.x[1]);
    }
    ir_block_free(&b);
}

Test(jit, addr32_wraparound_base, .init = setup32_base)
{
    check_wrap(0x10000);
}

Test(jit, addr32_wraparound_low, .init = setup32_low)
{
    check_wrap((uint64_t)(uintptr_t)mem);
}

/* ---- hand-written blocks ---- */

static void check(IRBlock *b, uint64_t seed)
{
    for (int k = 0; k < 16; k++) {
        TEnv init;
        rng = seed * 1000 + (uint64_t)k + 1;
        init_env(&init);
        cr_assert(run_both(b, &init, true), "block differs (seed %d)", k);
    }
}

/* Every op at sizes 4 and 8 with register and immediate operands. */
Test(jit, all_ops_both_sizes, .init = setup)
{
    static const IROp ops[] = {IR_ADD, IR_SUB, IR_MUL, IR_AND, IR_OR, IR_XOR,
                               IR_ANDN, IR_SHL, IR_SHR, IR_SAR, IR_ROR,
                               IR_UDIV, IR_SDIV, IR_ADDS, IR_SUBS, IR_ADCS,
                               IR_SBCS, IR_ADC, IR_SBC, IR_SETCC, IR_EXTR};
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++)
        for (int sz = 4; sz <= 8; sz += 4)
            for (int form = 0; form < 3; form++) {
                IRBlock b;
                ir_block_init(&b, &tgi, 0x1000);
                IRRef x = ir_getreg(&b, 1), y = ir_getreg(&b, 2);
                if (form == 1)
                    y = ir_emit(&b, IR_CONST, 8, 0, 0, 0, 0xfffffff0ull + o);
                if (form == 2)
                    y = ir_emit(&b, IR_CONST, 8, 0, 0, 0, 3);
                uint64_t imm = ops[o] == IR_SETCC ? o % 10 : ops[o] == IR_EXTR ? 5 : 0;
                IRRef r = ir_emit(&b, ops[o], sz, x, y, 0, imm);
                ir_setreg(&b, 3, r);
                ir_setreg(&b, 4, ir_emit(&b, IR_COND, 8, 0, 0, 0, o % 16));
                ir_goto(&b, 0x2000);
                check(&b, o * 10 + (uint64_t)sz + (uint64_t)form);
                ir_block_free(&b);
            }
}

/* Division corner cases: x/0 = 0 and MIN/-1 = MIN, at both widths. */
Test(jit, division_corners, .init = setup)
{
    static const uint64_t vals[][2] = {
        {5, 0}, {1ull << 63, ~0ull}, {0x80000000, 0xffffffff},
        {~0ull, 2}, {7, ~0ull}, {0, 0}};
    for (unsigned k = 0; k < 6; k++)
        for (int sz = 4; sz <= 8; sz += 4)
            for (int op = 0; op < 2; op++) {
                IRBlock b;
                ir_block_init(&b, &tgi, 0x1000);
                IRRef x = ir_getreg(&b, 1), y = ir_getreg(&b, 2);
                ir_setreg(&b, 3, ir_emit(&b, op ? IR_SDIV : IR_UDIV, sz, x, y, 0, 0));
                ir_goto(&b, 0x2000);
                TEnv init;
                rng = 99;
                init_env(&init);
                init.x[1] = vals[k][0];
                init.x[2] = vals[k][1];
                cr_assert(run_both(&b, &init, true));
                ir_block_free(&b);
            }
}

/* cmp + b.cond for every condition, and flags live across lea-able adds. */
Test(jit, compare_branch, .init = setup)
{
    for (unsigned cond = 0; cond < 16; cond++)
        for (int sz = 4; sz <= 8; sz += 4) {
            IRBlock b;
            ir_block_init(&b, &tgi, 0x1000);
            IRRef x = ir_getreg(&b, 1), y = ir_getreg(&b, 2);
            ir_emit(&b, cond & 1 ? IR_ADDS : IR_SUBS, sz, x, y, 0, 0);
            IRRef z = ir_getreg(&b, 5);
            ir_setreg(&b, 5, ir_emit(&b, IR_ADD, 8, z,
                                     ir_emit(&b, IR_CONST, 8, 0, 0, 0, 16), 0, 0));
            ir_br_flags(&b, cond, 0x3000);
            ir_goto(&b, 0x2000);
            check(&b, cond);
            ir_block_free(&b);
        }
}

/* A flag producer, then EFLAGS-clobbering ops, loads, a NOGPR call and
 * conditional readers: the back end re-emits cmp/add/test instead of
 * storing NZCV (FL_LAZY); every reader and exit must still agree. */
Test(jit, flags_across_clobbers, .init = setup)
{
    static const IROp prod[] = {IR_SUBS, IR_ADDS, IR_LOGICS};
    for (unsigned p = 0; p < 3; p++)
        for (unsigned cond = 0; cond < 16; cond++)
            for (int sz = 4; sz <= 8; sz += 4)
                for (int form = 0; form < 4; form++) {
                    IRBlock b;
                    ir_block_init(&b, &tgi, 0x1000);
                    IRRef x = ir_getreg(&b, 1), y = ir_getreg(&b, 2);
                    if (form & 1)
                        y = ir_const(&b, 0x7fffffffull + cond);
                    IRRef f = ir_emit(&b, prod[p], sz, x, y, 0, 0);
                    if (form & 2)
                        ir_setreg(&b, 6, f);
                    ir_setreg(&b, 3, ir_emit(&b, IR_XOR, 8, x, y, 0, 0));
                    ir_setreg(&b, 7, ir_emit(&b, IR_LD, 4,
                                             ir_getreg(&b, 20), 0, 0, 0));
                    ir_setreg(&b, 4, ir_emit(&b, IR_SHL, 8, x,
                                             ir_const(&b, 3), 0, 0));
                    ir_setreg(&b, 5, ir_emit(&b, IR_CSEL, sz, x, y, 0, cond));
                    if (form & 2)
                        ir_call(&b, (void *)h_vec, IR_CALL_NOGPR, 4, x, y,
                                ir_getreg(&b, 3), 0);
                    ir_br_nz(&b, ir_getreg(&b, 8), 0x4000);
                    ir_setreg(&b, 8, ir_emit(&b, IR_MUL, 8, x, x, 0, 0));
                    ir_br_flags(&b, cond ^ 1, 0x3000);
                    ir_goto(&b, 0x2000);
                    check(&b, p * 100 + cond * 4 + (unsigned)form);
                    ir_block_free(&b);
                }
}

/* CHKALIGN between a flag producer and its reader, with dirty guest
 * registers (one spilled by pressure): taken or not, the JIT leaves with
 * the interpreter's exit kind, pc, fault address, registers and NZCV. */
Test(jit, align_check_exit, .init = setup)
{
    static const IROp prod[] = {IR_SUBS, IR_ADDS, IR_LOGICS, IR_ADCS};
    for (unsigned p = 0; p < 4; p++)
        for (int off = 0; off < 16; off += 2)
            for (int form = 0; form < 2; form++) {
                IRBlock b;
                ir_block_init(&b, &tgi, 0x1000);
                IRRef x = ir_getreg(&b, 1), y = ir_getreg(&b, 2);
                IRRef f = ir_emit(&b, prod[p], 8, x, y, 0, 0);
                ir_setreg(&b, 3, f);
                IRRef v[16];
                for (int i = 0; i < (form ? 16 : 1); i++) /* pressure */
                    v[i] = ir_emit(&b, IR_MUL, 8, ir_getreg(&b, 4 + i), x, 0,
                                   0);
                ir_set_pc(&b, 0x1004);
                IRRef a = ir_addi(&b, 8, ir_getreg(&b, 20), (uint64_t)off);
                ir_chkalign(&b, a, 8);
                ir_setreg(&b, 21, ir_emit(&b, IR_LD, 8, a, 0, 0, 0));
                for (int i = 0; i < (form ? 16 : 1); i++)
                    ir_setreg(&b, 4 + i, v[i]);
                ir_set_pc(&b, 0x1008);
                ir_setreg(&b, 22, ir_cond(&b, (unsigned)off));
                ir_goto(&b, 0x2000);
                check(&b, p * 100 + (unsigned)off * 2 + (unsigned)form);
                /* and the exit itself, through the interpreter */
                TEnv t;
                init_env(&t);
                memcpy(mem, mem_init, MEMSZ);
                int k = ir_interp(&b, &t);
                cr_expect_eq(k, off & 7 ? IR_EXIT_ALIGN : IR_EXIT_LOOKUP);
                cr_expect_eq(t.pc, off & 7 ? 0x1004 : 0x2000);
                if (off & 7)
                    cr_expect_eq(t.fault_addr, (uint64_t)(uintptr_t)mem + off);
                ir_block_free(&b);
            }
}

/* More live values than host registers, with a call in the middle. */
Test(jit, spill_pressure_and_calls, .init = setup)
{
    IRBlock b;
    ir_block_init(&b, &tgi, 0x1000);
    IRRef v[40];
    for (int i = 0; i < 40; i++)
        v[i] = ir_emit(&b, IR_ADD, 8, ir_getreg(&b, i % 20),
                       ir_getreg(&b, (i * 7 + 3) % 20), 0, 0);
    IRRef c = ir_call(&b, (void *)h_state, 0, 4, v[0], v[5], v[10], v[39]);
    IRRef p = ir_call(&b, (void *)h_pure, IR_CALL_PURE, 4, v[1], c, v[11], v[38]);
    IRRef acc = p;
    for (int i = 0; i < 40; i++)
        acc = ir_emit(&b, i & 1 ? IR_XOR : IR_SUB, 8, acc, v[i], 0, 0);
    for (int i = 0; i < 30; i++)
        ir_setreg(&b, i, ir_emit(&b, IR_ADD, 8, v[i], acc, 0, 0));
    ir_goto(&b, 0x2000);
    check(&b, 7);
    ir_block_free(&b);
}

/* ---- conditional regions (IF_FLAGS .. ENDIF) ---- */

/* Every condition after each flag producer, with a flag writer inside the
 * region or not, dirty registers across it and flag readers after it:
 * whichever path runs, registers, NZCV and exits match the interpreter. */
Test(jit, region_conditions, .init = setup)
{
    static const IROp prod[] = {IR_SUBS, IR_ADDS, IR_LOGICS};
    for (unsigned p = 0; p < 3; p++)
        for (unsigned cond = 0; cond < 14; cond++)
            for (int form = 0; form < 8; form++) {
                int sz = form & 4 ? 4 : 8;
                IRBlock b;
                ir_block_init(&b, &tgi, 0x1000);
                IRRef x = ir_getreg(&b, 1), y = ir_getreg(&b, 2);
                ir_setreg(&b, 9, ir_emit(&b, IR_MUL, 8, x, y, 0, 0));
                ir_emit(&b, prod[p], sz, x, y, 0, 0);
                ir_if_flags(&b, cond);
                IRRef t = ir_emit(&b, IR_XOR, 8, x, ir_getreg(&b, 9), 0, 0);
                ir_setreg(&b, 3, t);
                if (form & 1) /* ARM ADDSNE: the region writes NZCV */
                    ir_setreg(&b, 4, ir_emit(&b, IR_ADDS, sz, t, y, 0, 0));
                if (form & 2) /* EFLAGS clobbered inside */
                    ir_setreg(&b, 9, ir_emit(&b, IR_SHL, 8, t, y, 0, 0));
                ir_endif(&b);
                ir_setreg(&b, 5, ir_emit(&b, IR_CSEL, 8, x, ir_getreg(&b, 3),
                                         0, (cond + 3) % 14));
                ir_setreg(&b, 6, ir_emit(&b, IR_ADD, 8, ir_getreg(&b, 9),
                                         ir_getreg(&b, 4), 0, 0));
                ir_br_flags(&b, cond ^ 1, 0x3000);
                ir_goto(&b, 0x2000);
                check(&b, p * 1000 + cond * 10 + (unsigned)form);
                ir_block_free(&b);
            }
}

/* More live values than host registers across a region that allocates
 * many of its own: the taken path evicts values live after the ENDIF,
 * which must be back where the skipped path has them. */
Test(jit, region_register_pressure, .init = setup)
{
    for (unsigned cond = 0; cond < 14; cond++)
        for (int inner = 2; inner <= 24; inner += 11) {
            IRBlock b;
            ir_block_init(&b, &tgi, 0x1000);
            IRRef v[14], w[24];
            for (int i = 0; i < 14; i++)
                v[i] = ir_emit(&b, IR_ADD, 8, ir_getreg(&b, i),
                               ir_getreg(&b, (i * 5 + 3) % 16), 0, 0);
            ir_emit(&b, IR_SUBS, 4, v[0], v[1], 0, 0);
            ir_if_flags(&b, cond);
            for (int i = 0; i < inner; i++)
                w[i] = ir_emit(&b, IR_MUL, 8, v[i % 14],
                               i ? w[i - 1] : ir_getreg(&b, 17), 0, 0);
            for (int i = 0; i < inner; i++)
                ir_setreg(&b, 24 + i % 8, ir_emit(&b, IR_XOR, 8, w[i],
                                                  w[inner - 1 - i], 0, 0));
            ir_st(&b, 8, ir_addi(&b, 8, ir_getreg(&b, 20), 8), w[inner - 1]);
            ir_endif(&b);
            IRRef acc = ir_getreg(&b, 24);
            for (int i = 0; i < 14; i++)
                acc = ir_emit(&b, i & 1 ? IR_ADD : IR_XOR, 8, acc, v[i], 0, 0);
            for (int i = 0; i < 14; i++)
                ir_setreg(&b, i, ir_emit(&b, IR_SUB, 8, v[i], acc, 0, 0));
            ir_goto(&b, 0x2000);
            check(&b, cond * 3 + (unsigned)inner);
            ir_block_free(&b);
        }
}

/* The guest-register cache across a region: a dirty register the region
 * rewrites (and one it leaves alone), a register read after the ENDIF,
 * a call or an env access of a register inside; side exits inside. */
Test(jit, region_register_cache, .init = setup)
{
    for (unsigned cond = 0; cond < 14; cond++)
        for (int form = 0; form < 6; form++) {
            IRBlock b;
            ir_block_init(&b, &tgi, 0x1000);
            IRRef x = ir_getreg(&b, 1);
            ir_setreg(&b, 5, ir_addi(&b, 8, x, 7));
            ir_setreg(&b, 6, ir_addi(&b, 8, x, 9));
            IRRef z = ir_getreg(&b, 7);
            ir_emit(&b, IR_SUBS, 8, x, ir_getreg(&b, 2), 0, 0);
            ir_if_flags(&b, cond);
            ir_setreg(&b, 5, ir_emit(&b, IR_XOR, 8, ir_getreg(&b, 5), z, 0, 0));
            if (form == 1)
                ir_call(&b, (void *)h_state, 0, 2, z, x, 0, 0);
            if (form == 2)
                ir_stenv(&b, 8, 8 * 7, ir_getreg(&b, 6));
            if (form == 3)
                ir_br_nz(&b, ir_andi(&b, 8, z, 1), 0x4000);
            if (form == 4)
                ir_chkalign(&b, z, 4);
            if (form == 5)
                ir_call(&b, (void *)h_vec, IR_CALL_NOGPR, 3, z, x, z, 0);
            ir_setreg(&b, 7, ir_getreg(&b, 6));
            ir_endif(&b);
            ir_setreg(&b, 8, ir_emit(&b, IR_ADD, 8, ir_getreg(&b, 5),
                                     ir_getreg(&b, 7), 0, 0));
            ir_setreg(&b, 10, ir_emit(&b, IR_ADD, 8, ir_getreg(&b, 6), z, 0, 0));
            ir_goto(&b, 0x2000);
            check(&b, cond * 10 + (unsigned)form);
            ir_block_free(&b);
        }
}

/* Regions the back end must not compile (broken contract) are still run
 * right: by the interpreter.  Here: an AL region emits no IF at all, and
 * an empty region is dropped by the optimizer. */
Test(jit, region_trivial, .init = setup)
{
    IRBlock b;
    ir_block_init(&b, &tgi, 0x1000);
    ir_if_flags(&b, 14);
    ir_setreg(&b, 3, ir_getreg(&b, 4));
    ir_endif(&b);
    ir_emit(&b, IR_SUBS, 8, ir_getreg(&b, 1), ir_getreg(&b, 2), 0, 0);
    ir_if_flags(&b, 1);
    ir_emit(&b, IR_ADD, 8, ir_getreg(&b, 1), ir_getreg(&b, 2), 0, 0);
    ir_endif(&b);
    ir_goto(&b, 0x2000);
    ir_optimize(&b);
    for (uint32_t i = 1; i < b.n; i++)
        cr_assert(b.ins[i].dead || (b.ins[i].op != IR_IF_FLAGS &&
                                    b.ins[i].op != IR_ENDIF));
    check(&b, 5);
    ir_block_free(&b);
}

/* ---- fault recovery through tb_run ---- */

static sigjmp_buf fault_jb;
static TEnv *fault_env;

static void *fault_si_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    fault_si_addr = si->si_addr;
    if (tb_recover_state(fault_env, (ucontext_t *)uc))
        siglongjmp(fault_jb, 1);
    abort();
}

static uint64_t bad_addr;

static void fe_fault(IRBlock *b, uint64_t pc)
{
    /* x5 = x1 + 1; x6 = 42; flags = cmp x1, x2; x7 = [bad]; x8 = 1 */
    IRRef x1 = ir_getreg(b, 1);
    ir_setreg(b, 5, ir_emit(b, IR_ADD, 8, x1, ir_const(b, 1), 0, 0));
    ir_setreg(b, 6, ir_const(b, 42));
    ir_set_pc(b, pc + 4);
    ir_emit(b, IR_SUBS, 8, x1, ir_getreg(b, 2), 0, 0);
    ir_set_pc(b, pc + 8);
    ir_setreg(b, 7, ir_emit(b, IR_LD, 8, ir_const(b, bad_addr), 0, 0, 0));
    ir_set_pc(b, pc + 12);
    ir_setreg(b, 8, ir_const(b, 1));
    ir_goto(b, pc + 16);
    b->end_pc = pc + 16;
    b->guest_insns = 4;
}

Test(jit, fault_recovery)
{
    bad_addr = 16; /* never mapped */
    tb_init(fe_fault, &tgi);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    TEnv *t = calloc(1, sizeof(TEnv));
    t->x[1] = 5;
    t->x[2] = 9;
    t->pc = 0x5000;
    fault_env = t;
    if (!sigsetjmp(fault_jb, 1)) {
        tb_run(t);
        cr_assert_fail("no fault");
    }
    cr_assert_eq(t->pc, 0x5008);
    cr_assert_eq(t->x[5], 6);
    cr_assert_eq(t->x[6], 42);
    cr_assert_eq(t->x[8], 0);
    cr_assert_eq(t->nzcv, 0x80000000u); /* 5 - 9: N, borrow (C=0) */
}

/* The same fault in a 32-bit guest with a nonzero guest_base: the access
 * goes to guest_base + the guest address (a PROT_NONE page of the
 * reservation), the guest state is recovered exactly and the host fault
 * address minus guest_base is the guest address (what the SIGSEGV handler
 * reports to the guest, linux-user/signal.c). */
Test(jit, fault_recovery_guest_base)
{
    uint8_t *res = mmap(NULL, 1 << 20, PROT_NONE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    cr_assert(res != MAP_FAILED);
    cr_assert(!mprotect(res, 0x10000, PROT_READ | PROT_WRITE));
    gi32 = tgi;
    gi32.addr32 = true;
    gi32.guest_base = (uint64_t)(uintptr_t)res;
    bad_addr = 0x20000; /* in the reservation, PROT_NONE */
    tb_init(fe_fault, &gi32);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    TEnv *t = calloc(1, sizeof(TEnv));
    t->x[1] = 5;
    t->x[2] = 9;
    t->pc = 0x5000;
    fault_env = t;
    if (!sigsetjmp(fault_jb, 1)) {
        tb_run(t);
        cr_assert_fail("no fault");
    }
    cr_assert_eq(t->pc, 0x5008);
    cr_assert_eq(t->x[5], 6);
    cr_assert_eq(t->x[6], 42);
    cr_assert_eq(t->x[8], 0);
    cr_assert_eq(t->nzcv, 0x80000000u);
    cr_assert_eq((uint64_t)(uintptr_t)fault_si_addr - gi32.guest_base,
                 0x20000);
}

/* ---- invalidation by guest code range, not by block key ---- */

static int keyed_translations;

/* A block whose key is not its address (as ARM's pc | T | ITSTATE << 32):
 * it covers guest code [key & 0xfffffffe, +8) and leaves with a syscall. */
static void fe_keyed(IRBlock *b, uint64_t key)
{
    keyed_translations++;
    uint64_t pc = key & 0xfffffffeull;
    ir_setreg(b, 3, ir_addi(b, 8, ir_getreg(b, 3), 1));
    ir_exit(b, IR_EXIT_SYSCALL, key + 8);
    b->end_pc = key + 8;
    b->code_lo = pc;
    b->code_hi = pc + 8;
    b->guest_insns = 2;
}

Test(jit, invalidate_by_code_range)
{
    tb_init(fe_keyed, &tgi);
    TEnv *t = calloc(1, sizeof(TEnv));
    static const uint64_t keys[] = {0x4000, 0x4001, 0x1200004001ull};
    for (int k = 0; k < 3; k++) {
        keyed_translations = 0;
        t->pc = keys[k];
        cr_assert_eq(tb_run(t), IR_EXIT_SYSCALL);
        t->pc = keys[k];
        tb_run(t);
        cr_assert_eq(keyed_translations, 1, "cached");
        tb_invalidate_range(0x4008, 0x100); /* after the code: kept */
        tb_invalidate_range(0x3000, 0x1000); /* before it: kept */
        t->pc = keys[k];
        tb_run(t);
        cr_assert_eq(keyed_translations, 1, "unrelated range dropped it");
        tb_invalidate_range(0x4004, 2); /* its second instruction */
        t->pc = keys[k];
        tb_run(t);
        cr_assert_eq(keyed_translations, 2, "key %#llx not invalidated",
                     (unsigned long long)keys[k]);
    }
    cr_assert_eq(t->x[3], 12);
}

/* ---- IR_VOP: inline vector/FP code against its exact helper ----
 * Real A64 encodings go through the front end (a64_decode); each block is
 * run by the JIT (inline AVX code with its guards) and by ir_interp
 * (which calls the helper, the reference) on an A64State whose vector
 * registers hold a mix of ordinary and special lanes (zeros, denormals,
 * infinities, NaNs, the edges of the fast paths' ranges) and whose FPCR
 * and FPSR are random enough to take every guard both ways.  Vd, every
 * vector register, FPSR and FPCR must match bit for bit. */
#include "cpu/aarch64/translate.h"

static const uint32_t vop_base[] = {
    0x0e208400, 0x2e208400, 0x0e209c00, 0x0e209400, 0x2e209400, /* add sub mul mla mls */
    0x0e201c00, 0x0e601c00, 0x0ea01c00, 0x0ee01c00, 0x2e201c00, /* and bic orr orn eor */
    0x2e601c00, 0x2ea01c00, 0x2ee01c00,                         /* bsl bit bif */
    0x0e203400, 0x0e203c00, 0x2e203400, 0x2e203c00, 0x2e208c00, /* cmgt cmge cmhi cmhs cmeq */
    0x0e208c00, 0x0e206400, 0x0e206c00, 0x2e206400, 0x2e206c00, /* cmtst smax smin umax umin */
    0x0e20bc00, 0x0e20a400, 0x0e20ac00, 0x2e20a400, 0x2e20ac00, /* addp smaxp sminp umaxp uminp */
    0x5ee03400, 0x5ee03c00, 0x7ee03400, 0x7ee03c00, 0x7ee08c00, /* scalar cmgt cmge cmhi cmhs cmeq */
    0x5ee08c00, 0x5ee08400, 0x7ee08400,                         /* scalar cmtst add sub */
    0x0e001800, 0x0e005800,                                     /* uzp1 uzp2 */
    0x2e200000, 0x0e200000, 0x2e202000, 0x0e202000,             /* uaddl saddl usubl ssubl */
    0x2e201000, 0x0e201000, 0x2e203000, 0x0e203000,             /* uaddw saddw usubw ssubw */
    0x2f00a400, 0x0f00a400,                                     /* ushll sshll (immh:immb random) */
    0x0e20d400, 0x0ea0d400, 0x2e20dc00, 0x2e20fc00,             /* fadd fsub fmul fdiv */
    0x0e20cc00, 0x0ea0cc00, 0x0e20e400, 0x2e20e400, 0x2ea0e400, /* fmla fmls fcmeq fcmge fcmgt */
    0x1e202800, 0x1e203800, 0x1e200800, 0x1e201800,             /* scalar fadd fsub fmul fdiv */
    0x1f000000, 0x1f008000, 0x1f200000, 0x1f208000,             /* fmadd fmsub fnmadd fnmsub */
    0x1e202000, 0x1e21c000,                                     /* fcmp(e) (#0.0), fsqrt */
};

/* A lane value: random bits, small exact numbers or an FP edge. */
static uint64_t vop_lane(bool dbl)
{
    static const uint32_t s_edge[] = {
        0, 0x80000000u, 0x00000001u, 0x007fffffu, 0x00800000u, 0x00ffffffu,
        0x01000000u, 0x0d800000u, 0x7f7fffffu, 0x7f800000u, 0xff800000u,
        0x7fc00000u, 0x7f800001u, 0xffc00001u, 0x3f800000u, 0x3f000000u};
    static const uint64_t d_edge[] = {
        0, 1ull << 63, 1, 0x000fffffffffffffull, 0x0010000000000000ull,
        0x001fffffffffffffull, 0x0020000000000000ull, 0x03f0000000000000ull,
        0x7fefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
        0x7ff8000000000000ull, 0x7ff0000000000001ull, 0x3ff0000000000000ull,
        0x3fe0000000000000ull, 0xc008000000000000ull};
    switch (rnd() % 6) {
    case 0: return dbl ? d_edge[rnd() % 16] : s_edge[rnd() % 16];
    case 1: { /* a small integer or dyadic fraction: exact arithmetic */
        double x = (double)((int)(rnd() % 64) - 32) / (double)(1 << (rnd() % 4));
        float f = (float)x;
        uint64_t u = 0;
        if (dbl)
            memcpy(&u, &x, 8);
        else
            memcpy(&u, &f, 4);
        return u;
    }
    case 2: /* a tiny normal: products and quotients near underflow */
        return dbl ? (rnd() & 0x800fffffffffffffull) | (uint64_t)(1 + rnd() % 80) << 52
                   : (uint32_t)((rnd() & 0x807fffffu) | (uint32_t)(1 + rnd() % 40) << 23);
    default: /* an ordinary number of moderate magnitude */
        return dbl ? (rnd() & 0x800fffffffffffffull) | (uint64_t)(0x3c0 + rnd() % 0x80) << 52
                   : (uint32_t)((rnd() & 0x807fffffu) | (uint32_t)(0x60 + rnd() % 0x40) << 23);
    }
}

/* Guest memory for the moves (x9 loads, x10 stores), reset per run. */
static uint8_t vop_ldbuf[128] __attribute__((aligned(16)));
static uint8_t vop_stbuf[128] __attribute__((aligned(16)));

static void vop_env(A64State *st)
{
    memset(st, 0, sizeof(*st));
    for (int r = 0; r < 32; r++)
        st->x[r] = rnd();
    for (int r = 0; r < 8; r++) {
        if (rnd() % 4 == 0) {
            st->v[r].d[0] = rnd();
            st->v[r].d[1] = rnd();
            continue;
        }
        bool dbl = rnd() & 1;
        for (int l = 0; l < (dbl ? 2 : 4); l++) {
            if (dbl)
                st->v[r].d[l] = vop_lane(true);
            else
                st->v[r].s[l] = (uint32_t)vop_lane(false);
        }
    }
    st->x[9] = (uint64_t)(uintptr_t)vop_ldbuf;
    st->x[10] = (uint64_t)(uintptr_t)vop_stbuf;
    for (size_t k = 0; k < sizeof(vop_ldbuf); k += 8) {
        uint64_t u = vop_lane(rnd() & 1);
        memcpy(vop_ldbuf + k, &u, 8);
    }
    st->nzcv = (uint32_t)rnd() & 0xf0000000u;
    /* FPCR: mostly the default mode, sometimes RMode/FZ/DN/AHP */
    st->fpcr = rnd() % 3 ? 0 : (uint32_t)rnd() & 0x07c00000u;
    /* FPSR: IXC set or clear, sometimes other cumulative bits */
    st->fpsr = (rnd() & 1 ? 0x10u : 0) | (rnd() % 4 ? 0 : (uint32_t)rnd() & 0x0800009fu);
}

/* An instruction that moves vector registers through memory, general
 * registers or a helper: with VOPs around it, it exercises the back
 * end's cache of vector registers in xmm (VLD/VST into and out of it,
 * STENV pairs updating it, LDENV and helpers reading env). */
static uint32_t vop_move(void)
{
    uint32_t t = (uint32_t)(rnd() & 7), n = (uint32_t)(rnd() & 7);
    uint32_t q = (uint32_t)(rnd() & 1) << 30, imm = (uint32_t)(rnd() % 4) << 10;
    static const uint32_t imm5[] = {1, 2, 4, 8, 3, 6, 12, 24};
    uint32_t i5 = imm5[rnd() % 8] << 16;
    switch (rnd() % 16) {
    case 14: return 0x9a9f07e0u | (uint32_t)(rnd() % 14) << 12 | t; /* cset: reads NZCV */
    case 15: return 0xeb000000u | n << 16 | t << 5 | t;              /* subs: sets NZCV */
    case 0: return 0x3dc00000u | imm | 9 << 5 | t;  /* ldr q */
    case 1: return 0xfd400000u | imm | 9 << 5 | t;  /* ldr d */
    case 2: return 0xbd400000u | imm | 9 << 5 | t;  /* ldr s */
    case 3: return 0x3d800000u | imm | 10 << 5 | t; /* str q */
    case 4: return 0xfd000000u | imm | 10 << 5 | t; /* str d */
    case 5: return 0xbd000000u | imm | 10 << 5 | t; /* str s */
    case 6: return 0x0d40c000u | q | (uint32_t)(rnd() & 3) << 10 | 9 << 5 | t; /* ld1r */
    case 7: return 0x2e205800u | q | n << 5 | t;    /* mvn */
    case 8: return 0x0e000c00u | ((i5 >> 16 & 15) == 8 ? 1u << 30 : q) | i5 | n << 5 | t; /* dup from gpr */
    case 9: return 0x4e001c00u | i5 | n << 5 | t;   /* ins from gpr */
    case 10: return (rnd() & 1 ? 0x9e670000u : 0x1e270000u) | n << 5 | t; /* fmov d/s <- x/w */
    case 11: return 0x0e003c00u | ((i5 >> 16 & 15) == 8 ? 1u << 30 : 0) | i5 | n << 5 | t; /* umov */
    case 12: return 0x0e20f400u | q | (uint32_t)(rnd() & 1) << 22 | (uint32_t)(rnd() & 7) << 16 |
                    n << 5 | t;                       /* fmax: a helper */
    default: return 0x0ea01c00u | q | n << 16 | n << 5 | t; /* mov (orr) */
    }
}

/* A random instruction from vop_base with random Q, size and registers
 * (V0..V7, so operands alias), or now and then a move. */
static uint32_t vop_insn(void)
{
    if (rnd() % 4 == 0)
        return vop_move();
    uint32_t w = vop_base[rnd() % (sizeof(vop_base) / sizeof(vop_base[0]))];
    bool fp3 = (w >> 24) == 0x1f, fps = (w >> 24) == 0x1e;
    if (w == 0x1e202000u) /* fcmp: bit 4 E, bit 3 compare with zero */
        w |= (uint32_t)(rnd() & 3) << 3;
    else
        w |= (uint32_t)(rnd() & 7);
    w |= (uint32_t)(rnd() & 7) << 5;
    if (w >> 10 != 0x1e21c000u >> 10) /* fsqrt: no Rm */
        w |= (uint32_t)(rnd() & 7) << 16;
    if (fp3)
        w |= (uint32_t)(rnd() & 7) << 10;
    if (fp3 || fps) {
        w |= (uint32_t)(rnd() & 1) << 22; /* single / double */
    } else if ((w & 0xff80fc00u) == 0x0f00a400u || (w & 0xff80fc00u) == 0x2f00a400u) {
        w |= (uint32_t)(rnd() & 1) << 30 | (uint32_t)(1 + rnd() % 7) << 19 |
             (uint32_t)(rnd() & 7) << 16;
    } else {
        w |= (uint32_t)(rnd() & 1) << 30 | (uint32_t)(rnd() & 3) << 22;
    }
    return w;
}

static int vop_seen[IR_V_NUM_KINDS];

/* Builds a block of 1..6 random instructions; false if one did not
 * decode. */
static bool vop_block(IRBlock *b, uint32_t *words, int *n)
{
    static uint32_t code[8];
    uint64_t pc = (uint64_t)(uintptr_t)code;
    ir_block_init(b, &a64_guest_info, pc);
    *n = 1 + (int)(rnd() % 6);
    for (int k = 0; k < *n; k++) {
        uint32_t w = vop_insn();
        A64Ctx s = {.b = b, .pc = pc + 4u * (unsigned)k, .insn = w};
        ir_set_pc(b, s.pc);
        code[k] = words[k] = w;
        if (!a64_decode(&s, w) || s.end) {
            ir_block_free(b);
            return false;
        }
    }
    ir_set_pc(b, pc + 4u * (unsigned)*n);
    ir_goto(b, pc + 4u * (unsigned)*n);
    ir_optimize(b);
    for (uint32_t i = 1; i < b->n; i++)
        if (b->ins[i].op == IR_VOP)
            vop_seen[b->ins[i].flags]++;
    return true;
}

static bool vop_run(IRBlock *b, const A64State *init)
{
    TB tb;
    memset(&tb, 0, sizeof(tb));
    bool full = false;
    if (!x86_compile(b, &tb, &full)) {
        x86_buf_flush();
        cr_assert(x86_compile(b, &tb, &full), "VOP block failed to compile");
    }
    static A64State ej, ei;
    static uint8_t st_jit[sizeof(vop_stbuf)];
    ej = *init, ei = *init;
    memset(vop_stbuf, 0x5a, sizeof(vop_stbuf));
    x86_jit_enter(&ej, tb.code);
    memcpy(st_jit, vop_stbuf, sizeof(st_jit));
    memset(vop_stbuf, 0x5a, sizeof(vop_stbuf));
    ir_interp(b, &ei);
    /* tb.exits/sites/locs live in the JIT's metadata arena (freed at a
     * buffer flush) */
    bool ok = !memcmp(ej.v, ei.v, sizeof(ej.v)) && ej.fpsr == ei.fpsr &&
              ej.fpcr == ei.fpcr && !memcmp(ej.x, ei.x, sizeof(ej.x)) &&
              ej.nzcv == ei.nzcv && !memcmp(st_jit, vop_stbuf, sizeof(st_jit));
    if (!ok) {
        fprintf(stderr, "fpcr %#x fpsr %#x -> jit %#x interp %#x\n", init->fpcr,
                init->fpsr, ej.fpsr, ei.fpsr);
        for (int r = 0; r < 8; r++)
            fprintf(stderr, "v%d in %016llx:%016llx jit %016llx:%016llx interp %016llx:%016llx\n", r,
                    (unsigned long long)init->v[r].d[1], (unsigned long long)init->v[r].d[0],
                    (unsigned long long)ej.v[r].d[1], (unsigned long long)ej.v[r].d[0],
                    (unsigned long long)ei.v[r].d[1], (unsigned long long)ei.v[r].d[0]);
    }
    return ok;
}

Test(jit_vop, random_vector_fp_blocks)
{
    cr_assert(x86_jit_init(&a64_guest_info), "JIT init failed");
    int iters = env_int("JIT_ITERS", 3000) * 4;
    int only = env_int("JIT_SEED", 0), bad = 0, ran = 0;
    for (int sd = only ? only : 1; sd <= (only ? only : iters) && bad < 4; sd++) {
        rng = (uint64_t)sd * 7919 + 13;
        IRBlock b;
        uint32_t words[8];
        int n;
        if (!vop_block(&b, words, &n))
            continue;
        for (int k = 0; k < 4; k++) {
            A64State init;
            vop_env(&init);
            ran++;
            if (!vop_run(&b, &init)) {
                fprintf(stderr, "seed %d run %d differs; insns:", sd, k);
                for (int j = 0; j < n; j++)
                    fprintf(stderr, " %08x", words[j]);
                fprintf(stderr, "\n");
                bad++;
                break;
            }
        }
        ir_block_free(&b);
    }
    cr_assert_eq(bad, 0, "%d VOP blocks differ", bad);
    if (!only) /* every A64 kind was generated and ran (the AArch32-only
                  kinds after FSQRT have no A64 encoding) */
        for (int k = IR_V_ADD; k <= IR_V_FSQRT; k++)
            cr_expect(vop_seen[k] > 0, "VOP kind %d never generated", k);
    cr_expect(ran > 1000);
}
