/*
 * tcg/tb.c - the translation cache: pc -> TB lookup, translation, the run
 * loop, chaining, invalidation and fault-state recovery.
 *
 * Invariants:
 *  - The hash table is read without locks.  A TB is fully built before it
 *    is published with a release store at the head of its bucket; removal
 *    (invalidation) unlinks it under tb_lock but never frees it, so a
 *    reader walking a stale chain still sees valid memory.  TB memory is
 *    reclaimed only by a full flush (tb_flush_all), which stops the world
 *    first: every thread that runs guest code is registered (tb_world);
 *    it holds `busy` while it may touch a TB (lookup, generated code,
 *    interpreter, a TBExit returned by generated code) and drops it to
 *    take tb_lock or to leave tb_run.  The flusher raises stop, sets
 *    every thread's exit_request, waits until no other thread is busy,
 *    frees, and lowers stop; threads that want to become busy meanwhile
 *    wait (Dekker-style: busy store / stop load, both seq_cst).  A
 *    TBExit is only used by the thread that got it, and only while the
 *    flush generation it was obtained in is current.
 *  - tb_jit[] lists compiled TBs in code-buffer order, so
 *    tb_recover_state finds the TB owning a host pc by binary search
 *    without locks (async-signal-safe).
 *  - tb_in_guest (thread-local) is nonzero only while this thread runs
 *    guest code (IR interpreter, generated code, or helpers it called), so
 *    a fault inside the emulator's own C code is never taken for a guest
 *    fault.
 *  - A TB that the back end cannot compile stays an interpreter TB
 *    (tb->ir set, tb->code NULL); the two kinds mix freely.
 */
#include "tcg/tb.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "common/emu.h"
#include "tcg/arena.h"
#include "tcg/x86-jit.h"

#define TB_HASH_BITS 18 /* python3 start-up makes ~46000 TBs */
#define TB_HASH_SIZE (1u << TB_HASH_BITS)
#define TB_MAX (1u << 20) /* TBs before a forced flush */

/* TBs before a forced flush: TB_MAX, or fewer from EMU_TB_FLUSH_LIMIT
 * (a testing knob: makes flushes frequent, e.g. with threads). */
static uint32_t tb_limit = TB_MAX;

static TBFrontend tb_fe;
static const IRGuestInfo *tb_gi;
static bool tb_use_jit;
static pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;
static TB *tb_hash[TB_HASH_SIZE];
static TB **tb_all;       /* every TB, creation order */
static TB **tb_jit;       /* compiled TBs, code-buffer order */
static uint32_t tb_count, tb_njit;
static uint64_t tb_lo = UINT64_MAX, tb_hi; /* guest code range of all TBs
                                              (TB code_lo/code_hi) */
static volatile uint64_t tb_flush_gen;
static Arena tb_arena;    /* TB structs (and interpreter TBs' IRBlock),
                             under tb_lock; reset by a flush */
static __thread volatile int tb_in_guest;

/* ---- stop-the-world for flushes ---- */

typedef struct TBThread {
    volatile uint32_t *exit_req;
    volatile int busy;
    struct TBThread *next;
} TBThread;

static pthread_mutex_t tb_world_lock = PTHREAD_MUTEX_INITIALIZER;
static TBThread *tb_world;     /* registered threads, under tb_world_lock */
static volatile int tb_stop;   /* a flush is waiting for or running */
static pthread_key_t tb_world_key;
static pthread_once_t tb_world_once = PTHREAD_ONCE_INIT;
static __thread TBThread *tb_self;

static void tb_world_unregister(void *p)
{
    TBThread *t = p;
    pthread_mutex_lock(&tb_world_lock);
    for (TBThread **pp = &tb_world; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    pthread_mutex_unlock(&tb_world_lock);
    free(t);
}

/* fork(): take the locks so the child does not inherit them held; the
 * child has one thread left, so only its own registration survives. */
static void tb_fork_prepare(void)
{
    pthread_mutex_lock(&tb_lock);
    pthread_mutex_lock(&tb_world_lock);
}

static void tb_fork_parent(void)
{
    pthread_mutex_unlock(&tb_world_lock);
    pthread_mutex_unlock(&tb_lock);
}

static void tb_fork_child(void)
{
    tb_world = tb_self;
    if (tb_self)
        tb_self->next = NULL;
    tb_stop = 0;
    pthread_mutex_unlock(&tb_world_lock);
    pthread_mutex_unlock(&tb_lock);
}

static void tb_world_init(void)
{
    pthread_key_create(&tb_world_key, tb_world_unregister);
    pthread_atfork(tb_fork_prepare, tb_fork_parent, tb_fork_child);
}

static TBThread *tb_world_register(void *env)
{
    pthread_once(&tb_world_once, tb_world_init);
    TBThread *t = calloc(1, sizeof(TBThread));
    if (!t)
        emu_fatal("out of memory registering a guest thread");
    t->exit_req = (volatile uint32_t *)((char *)env + tb_gi->env_exit_request);
    pthread_mutex_lock(&tb_world_lock);
    t->next = tb_world;
    tb_world = t;
    pthread_mutex_unlock(&tb_world_lock);
    pthread_setspecific(tb_world_key, t);
    return t;
}

static void tb_busy(TBThread *t)
{
    for (;;) {
        __atomic_store_n(&t->busy, 1, __ATOMIC_SEQ_CST);
        if (!__atomic_load_n(&tb_stop, __ATOMIC_SEQ_CST))
            return;
        __atomic_store_n(&t->busy, 0, __ATOMIC_SEQ_CST);
        while (__atomic_load_n(&tb_stop, __ATOMIC_ACQUIRE))
            sched_yield();
    }
}

static void tb_idle(TBThread *t)
{
    __atomic_store_n(&t->busy, 0, __ATOMIC_RELEASE);
}

/* Caller holds tb_lock and is not busy itself. */
static void tb_stop_world(void)
{
    __atomic_store_n(&tb_stop, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_lock(&tb_world_lock);
    for (TBThread *t = tb_world; t; t = t->next)
        if (t != tb_self)
            __atomic_store_n(t->exit_req, 1, __ATOMIC_SEQ_CST);
    for (TBThread *t = tb_world; t; t = t->next)
        while (t != tb_self && __atomic_load_n(&t->busy, __ATOMIC_SEQ_CST))
            sched_yield();
    pthread_mutex_unlock(&tb_world_lock);
}

static void tb_start_world(void)
{
    __atomic_store_n(&tb_stop, 0, __ATOMIC_SEQ_CST);
}

/* Consecutive pcs map to consecutive buckets: a page of the table covers
 * 4 KiB of guest code, so a short run touches few of its pages (faulting
 * them in was a visible part of start-up); pc >> 3 because blocks rarely
 * start within 8 bytes of each other. */
static inline uint32_t tb_hash_pc(uint64_t pc)
{
    return (uint32_t)(((pc >> 3) ^ (pc >> (3 + TB_HASH_BITS))) &
                      (TB_HASH_SIZE - 1));
}

void tb_init(TBFrontend fe, const IRGuestInfo *gi)
{
    tb_fe = fe;
    tb_gi = gi;
    tb_all = mmap(NULL, TB_MAX * sizeof(TB *), PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    tb_jit = mmap(NULL, TB_MAX * sizeof(TB *), PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (tb_all == MAP_FAILED || tb_jit == MAP_FAILED)
        emu_fatal("cannot allocate the translation cache index");
    tb_use_jit = !emu_opts.no_jit && x86_jit_init(gi);
    const char *lim = getenv("EMU_TB_FLUSH_LIMIT");
    if (lim && atol(lim) >= 16 && atol(lim) < TB_MAX)
        tb_limit = (uint32_t)atol(lim);
}

static TB *tb_lookup(uint64_t pc)
{
    TB *tb = __atomic_load_n(&tb_hash[tb_hash_pc(pc)], __ATOMIC_ACQUIRE);
    for (; tb; tb = __atomic_load_n(&tb->hnext, __ATOMIC_ACQUIRE))
        if (tb->pc == pc && !tb->invalid)
            return tb;
    return NULL;
}

/* The TB itself and its exits/sites/locs are arena memory (freed all at
 * once by the flush); only an interpreter TB's instructions are not. */
static void tb_free(TB *tb)
{
    if (tb->ir)
        ir_block_free(tb->ir);
}

/* Drops every TB and all generated code.  Caller holds tb_lock and is
 * not busy; other threads are stopped first (see the header). */
static void tb_flush_all(void)
{
    tb_stop_world();
    for (uint32_t i = 0; i < tb_count; i++)
        tb_free(tb_all[i]);
    tb_count = tb_njit = 0;
    memset(tb_hash, 0, sizeof(tb_hash));
    tb_lo = UINT64_MAX;
    tb_hi = 0;
    arena_reset(&tb_arena);
    if (tb_use_jit) {
        x86_buf_flush();
        x86_jc_clear();
    }
    __atomic_add_fetch(&tb_flush_gen, 1, __ATOMIC_RELEASE);
    tb_start_world();
}

static FILE *tb_log(void) { return emu_opts.log ? emu_opts.log : stderr; }

static TB *tb_new(uint64_t pc, const IRBlock *b)
{
    TB *tb = arena_alloc(&tb_arena, sizeof(TB));
    if (!tb)
        emu_fatal("out of memory translating guest code at %#llx",
                  (unsigned long long)pc);
    tb->pc = pc;
    tb->end_pc = b->end_pc > pc ? b->end_pc : pc + 4;
    /* The key need not be a guest address (ARM: pc | Thumb | ITSTATE
     * << 32): invalidation uses the code range the front end gave. */
    if (b->code_lo || b->code_hi) {
        tb->code_lo = b->code_lo;
        tb->code_hi = b->code_hi > b->code_lo ? b->code_hi : b->code_lo + 1;
    } else {
        tb->code_lo = pc;
        tb->code_hi = tb->end_pc;
    }
    return tb;
}

/* Translates pc; caller holds tb_lock. */
static TB *tb_translate_locked(uint64_t pc)
{
    TB *tb = tb_lookup(pc); /* another thread may have won the race */
    if (tb)
        return tb;
    if (tb_count >= tb_limit)
        tb_flush_all();
    IRBlock bl, *b = &bl; /* moved to the arena if the TB keeps it */
    ir_block_init(b, tb_gi, pc);
    tb_fe(b, pc);
    if (emu_opts.dbg & DBG_OP) {
        fprintf(tb_log(), "-- IR before passes\n");
        ir_dump(b, tb_log());
    }
    ir_optimize(b);
    if (emu_opts.dbg & DBG_OP) {
        fprintf(tb_log(), "-- IR after passes\n");
        ir_dump(b, tb_log());
    }
    tb = tb_new(pc, b);
    bool ok = false;
    if (tb_use_jit) {
        bool full = false;
        ok = x86_compile(b, tb, &full);
        if (!ok && full) {
            /* Out of code space: start over with an empty buffer (which
             * also frees tb: make it again). */
            tb_flush_all();
            tb = tb_new(pc, b);
            ok = x86_compile(b, tb, &full);
        }
        if (ok) {
            ir_block_free(b);
            tb_jit[tb_njit++] = tb;
            if (emu_opts.dbg & DBG_OUT_ASM) {
                fprintf(tb_log(), "-- host code for %#llx (%u bytes)\n",
                        (unsigned long long)pc, tb->code_size);
                x86_disas(tb_log(), tb->code, tb->code_size);
            }
        } else if (emu_opts.dbg & DBG_OUT_ASM) {
            fprintf(tb_log(), "-- %#llx runs in the IR interpreter\n",
                    (unsigned long long)pc);
        }
    }
    if (!ok) {
        tb->ir = arena_alloc(&tb_arena, sizeof(IRBlock));
        if (!tb->ir)
            emu_fatal("out of memory translating guest code at %#llx",
                      (unsigned long long)pc);
        *tb->ir = bl;
    }
    if (tb->code_lo < tb_lo)
        tb_lo = tb->code_lo;
    if (tb->code_hi > tb_hi)
        tb_hi = tb->code_hi;
    tb_all[tb_count++] = tb;
    uint32_t h = tb_hash_pc(pc);
    tb->hnext = tb_hash[h];
    __atomic_store_n(&tb_hash[h], tb, __ATOMIC_RELEASE);
    return tb;
}

static TB *tb_translate(uint64_t pc)
{
    pthread_mutex_lock(&tb_lock);
    TB *tb = tb_translate_locked(pc);
    pthread_mutex_unlock(&tb_lock);
    return tb;
}

/* Patches exit e (taken by the last run) to jump straight to tb.  The
 * caller is busy, so it must not wait for tb_lock (a flusher holding it
 * waits for us): chaining is skipped when the lock is taken. */
static void tb_chain(TBExit *e, TB *tb)
{
    if (pthread_mutex_trylock(&tb_lock))
        return;
    if (!e->dest && !tb->invalid && !e->tb->invalid && tb->code &&
        e->target == tb->pc) {
        x86_chain(e, tb);
        e->dest = tb;
        e->in_next = tb->in_list;
        tb->in_list = e;
    }
    pthread_mutex_unlock(&tb_lock);
}

int tb_run(void *env)
{
    volatile uint32_t *exit_req =
        (volatile uint32_t *)((char *)env + tb_gi->env_exit_request);
    uint64_t *pcp = (uint64_t *)((char *)env + tb_gi->env_pc);
    TBThread *self = tb_self;
    if (!self)
        self = tb_self = tb_world_register(env);
    JitRet r = {IR_EXIT_LOOKUP, NULL};
    uint64_t gen = 0;
    for (;;) {
        if (*exit_req)
            return IR_EXIT_YIELD;
        tb_busy(self);
        if (gen != __atomic_load_n(&tb_flush_gen, __ATOMIC_ACQUIRE))
            r.exit = NULL; /* its TB was freed by a flush */
        gen = tb_flush_gen;
        TB *tb = tb_lookup(*pcp);
        if (!tb) {
            tb_idle(self);
            tb_translate(*pcp);
            continue; /* look it up again while busy */
        }
        if (tb->code) {
            if (r.exit)
                tb_chain(r.exit, tb);
            else
                x86_jc_set(tb->pc, tb->code);
            tb_in_guest = 2;
            r = x86_jit_enter(env, tb->code);
            tb_in_guest = 0;
            tb_idle(self);
            if (r.kind != IR_EXIT_LOOKUP)
                return (int)r.kind;
        } else {
            r.exit = NULL;
            tb_in_guest = 1;
            int k = ir_interp(tb->ir, env);
            tb_in_guest = 0;
            tb_idle(self);
            if (k != IR_EXIT_LOOKUP)
                return k;
        }
    }
}

void tb_invalidate_range(uint64_t start, uint64_t len)
{
    uint64_t end = start + len;
    if (end < start)
        end = UINT64_MAX;
    if (tb_self && tb_self->busy) {
        /* From a helper (IC IVAU): a flusher holding tb_lock waits for us
         * to leave generated code, so never block on it; a pending flush
         * drops every TB anyway. */
        while (pthread_mutex_trylock(&tb_lock)) {
            if (__atomic_load_n(&tb_stop, __ATOMIC_SEQ_CST))
                return;
            sched_yield();
        }
    } else {
        pthread_mutex_lock(&tb_lock);
    }
    if (start >= tb_hi || end <= tb_lo) {
        pthread_mutex_unlock(&tb_lock);
        return;
    }
    bool any = false;
    for (uint32_t i = 0; i < tb_count; i++) {
        TB *tb = tb_all[i];
        if (tb->invalid || tb->code_hi <= start || tb->code_lo >= end)
            continue;
        tb->invalid = 1;
        any = true;
        TB **pp = &tb_hash[tb_hash_pc(tb->pc)];
        while (*pp && *pp != tb)
            pp = &(*pp)->hnext;
        if (*pp)
            __atomic_store_n(pp, tb->hnext, __ATOMIC_RELEASE);
        /* Jumps into it go back to their exit stubs. */
        for (TBExit *e = tb->in_list; e; e = e->in_next) {
            x86_unchain(e);
            e->dest = NULL;
        }
        tb->in_list = NULL;
    }
    if (any && tb_use_jit)
        x86_jc_clear();
    pthread_mutex_unlock(&tb_lock);
}

/* ---- fault recovery ---- */

/* Host register number (x86 encoding) -> ucontext gregs index. */
static const int tb_greg_index[16] = {
    REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
    REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

static TB *tb_find_by_code(const uint8_t *p)
{
    uint32_t lo = 0, hi = tb_njit;
    while (lo < hi) { /* first JIT TB whose code starts after p */
        uint32_t mid = (lo + hi) / 2;
        if (tb_jit[mid]->code <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    TB *t = tb_jit[lo - 1];
    return p < t->code + t->code_size ? t : NULL;
}

static void tb_apply_site(TB *tb, const TBSite *s, void *env, ucontext_t *uc)
{
    greg_t *g = uc->uc_mcontext.gregs;
    for (uint32_t i = 0; i < s->nloc; i++) {
        const TBLoc *l = &tb->locs[s->loc_first + i];
        uint64_t v;
        if (l->kind == LOC_REG)
            v = (uint64_t)g[tb_greg_index[l->hreg]];
        else if (l->kind == LOC_SLOT)
            v = ((uint64_t *)g[REG_RSP])[l->slot];
        else
            v = l->imm;
        ((uint64_t *)env)[l->greg] = v;
    }
    if (s->flags == FL_ADD || s->flags == FL_SUB) {
        uint64_t ef = (uint64_t)g[REG_EFL];
        uint32_t n = (ef >> 7) & 1, z = (ef >> 6) & 1, c = ef & 1,
                 v = (ef >> 11) & 1;
        if (s->flags == FL_SUB)
            c ^= 1;
        *(uint32_t *)((char *)env + tb_gi->env_nzcv) =
            n << 31 | z << 30 | c << 29 | v << 28;
    }
    *(uint64_t *)((char *)env + tb_gi->env_pc) = tb->pc + s->pc_off;
}

bool tb_recover_state(void *env, ucontext_t *uc)
{
    if (!tb_in_guest)
        return false;
    const uint8_t *rip = (const uint8_t *)uc->uc_mcontext.gregs[REG_RIP];
    if (tb_in_guest == 2 && x86_buf_contains(rip)) {
        TB *tb = tb_find_by_code(rip);
        if (!tb)
            return false;
        uint32_t off = (uint32_t)(rip - tb->code);
        uint32_t lo = 0, hi = tb->nsites;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            if (tb->sites[mid].host_off < off)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo >= tb->nsites || tb->sites[lo].host_off != off)
            return false; /* not a guest memory access: emulator bug */
        tb_apply_site(tb, &tb->sites[lo], env, uc);
    }
    /* Interpreter and helpers: the pc was stored before the access and
     * generated code synced all guest state before the CALL. */
    tb_in_guest = 0;
    if (tb_self) /* the caller leaves tb_run by siglongjmp */
        tb_idle(tb_self);
    return true;
}
