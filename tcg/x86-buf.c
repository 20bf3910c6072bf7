/*
 * tcg/x86-buf.c - the code buffer, the C <-> generated code boundary, the
 * indirect-branch jump cache, jump patching and host disassembly.
 *
 * The buffer is one RWX mapping (X86_BUF_SIZE), placed within +-2 GiB of
 * the emulator's own text when possible so helper calls are `call rel32`.
 * Its head holds, in order: the prologue (x86_jit_enter), the epilogue,
 * the jump-cache miss path and the jump cache itself (X86_JC_SIZE entry
 * pointers, reached RIP-relative from every block).  Blocks are appended
 * after that; when the buffer is full tb.c flushes everything (all TBs
 * die at once).  A flush is only safe while no thread executes generated
 * code: true for single-threaded guests; multi-threaded guests will need
 * the other threads parked first.
 *
 * Register contract of generated code: rbx = env for the whole run;
 * r15 = guest_base on entry (X86_GB_REG: kept by blocks of a 32-bit guest
 * with a nonzero one, a free register for the others);
 * rsp points at the spill frame (X86_NSLOTS 8-byte slots, 16-byte aligned
 * so helper calls need no adjustment); it returns {rax = IRExit kind,
 * rdx = TBExit * or NULL} by jumping to the epilogue.
 *
 * The jump cache maps guest pc -> block entry.  An entry is a single
 * pointer (atomic to update); the block's guest pc sits in the 8 bytes
 * before its entry point, so the inline lookup is: load entry, compare
 * [entry-8] with the pc, jump.  Empty entries point at the miss stub,
 * whose "pc" (1) is never a valid A64 pc and which exits anyway.
 *
 * The metadata of the blocks in the buffer (TBExit, TBSite, TBLoc arrays)
 * comes from an arena (x86_meta_alloc) that dies with the code at a flush.
 */
#include "tcg/x86-jit.h"

#include <capstone/capstone.h>
#include <cpuid.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "common/emu.h"
#include "tcg/arena.h"
#include "tcg/x86-emit.h"

#define X86_BUF_SIZE (256u << 20)
#define X86_FRAME (8 * X86_NSLOTS + 8) /* 6 pushes + ret: rsp 16-aligned */
#define X86_GB_OFF 56        /* the guest_base word the prologue loads */
#define X86_EPILOGUE_OFF 64
#define X86_MISS_OFF 128  /* the miss stub's "pc", then its code */
#define X86_JC_OFF 256

bool x86_has_bmi1, x86_has_bmi2, x86_has_lzcnt;
bool x86_has_avx, x86_has_fma;
bool x86_has_aes, x86_has_pclmul, x86_has_sha;

static uint8_t *buf_start, *buf_end, *buf_cur, *buf_first_tb;
static uint8_t *epilogue, *jc_miss;
static uint8_t **jc;
static Arena meta; /* exits, sites, locs of the blocks in the buffer */

void x86_probe_features(void)
{
    unsigned a, b, c, d;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        x86_has_bmi1 = (b >> 3) & 1;
        x86_has_bmi2 = (b >> 8) & 1;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d))
        x86_has_lzcnt = (c >> 5) & 1;
    /* AVX needs the CPU bit and the OS saving YMM state (OSXSAVE, then
     * XCR0 bits 1-2).  EMU_JIT_VEC=0 keeps every vector/FP instruction
     * on its C helper (to compare the two paths). */
    const char *ev = getenv("EMU_JIT_VEC");
    if (__get_cpuid(1, &a, &b, &c, &d) && (c >> 27 & 1) && (c >> 28 & 1) &&
        !(ev && ev[0] == '0')) {
        unsigned lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        x86_has_avx = (lo & 6) == 6;
        x86_has_fma = x86_has_avx && (c >> 12 & 1);
        /* AES-NI (CPUID.1:ECX.25), PCLMULQDQ (ECX.1), SHA (CPUID.7:EBX.29)
         * back the Arm crypto instructions; only with AVX (the inline
         * code is VEX) */
        x86_has_aes = x86_has_avx && (c >> 25 & 1);
        x86_has_pclmul = x86_has_avx && (c >> 1 & 1);
        if (x86_has_avx && __get_cpuid_count(7, 0, &a, &b, &c, &d))
            x86_has_sha = (b >> 29) & 1;
    }
}

static uint8_t *buf_map(void)
{
    /* Try below the emulator's text first, so rel32 calls reach helpers. */
    uintptr_t text = (uintptr_t)&x86_probe_features;
    for (uintptr_t back = 1u << 30; back >= (64u << 20); back >>= 1) {
        if (text < back + X86_BUF_SIZE)
            continue;
        void *hint = (void *)((text - back - X86_BUF_SIZE) & ~(uintptr_t)0xfffff);
        void *p = mmap(hint, X86_BUF_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
                           MAP_FIXED_NOREPLACE,
                       -1, 0);
        if (p != MAP_FAILED)
            return p;
    }
    void *p = mmap(NULL, X86_BUF_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static const int callee_saved[6] = {X86_RBP, X86_RBX, X86_R12,
                                    X86_R13, X86_R14, X86_R15};

bool x86_jit_init(const IRGuestInfo *gi)
{
    if (gi->guest_base && !gi->addr32) {
        /* [guest_base + 64-bit addr] is not lowered: no guest needs it */
        emu_log("emu: JIT does not support a guest_base for 64-bit guests; "
                "using the IR interpreter\n");
        return false;
    }
    if (buf_start) { /* already set up (unit tests call this again) */
        *(uint64_t *)(void *)(buf_start + X86_GB_OFF) = gi->guest_base;
        return true;
    }
    x86_probe_features();
    buf_start = buf_map();
    if (!buf_start) {
        emu_log("emu: cannot map the JIT code buffer; using the IR "
                "interpreter\n");
        return false;
    }
    buf_end = buf_start + X86_BUF_SIZE;
    XE e = {buf_start};
    for (int i = 0; i < 6; i++)
        x86_push(&e, callee_saved[i]);
    x86_alu_ri(&e, X86_SUB, 8, X86_RSP, X86_FRAME);
    x86_mov_rr(&e, 8, X86_RBX, X86_RDI);
    /* r15 = guest_base (X86_GB_REG; blocks that do not need it may use
     * r15 freely) */
    X86Mem gbw = {X86_RIP, X86_NOREG, 1, 0, 0};
    x86_load(&e, 8, X86_GB_REG, gbw);
    x86_set_rel32(e.p - 4, buf_start + X86_GB_OFF);
    x86_jmp_r(&e, X86_RSI);
    if (e.p > buf_start + X86_GB_OFF)
        emu_fatal("JIT prologue overflows its space");
    *(uint64_t *)(void *)(buf_start + X86_GB_OFF) = gi->guest_base;

    e.p = buf_start + X86_EPILOGUE_OFF;
    epilogue = e.p;
    x86_alu_ri(&e, X86_ADD, 8, X86_RSP, X86_FRAME);
    for (int i = 5; i >= 0; i--)
        x86_pop(&e, callee_saved[i]);
    x86_ret(&e);

    e.p = buf_start + X86_MISS_OFF;
    x86_d64(&e, 1); /* the miss stub's never-matching "guest pc" */
    jc_miss = e.p;
    x86_mov_ri(&e, X86_RAX, IR_EXIT_LOOKUP);
    x86_mov_ri(&e, X86_RDX, 0);
    x86_set_rel32(x86_jmp32(&e), epilogue);

    jc = (uint8_t **)(buf_start + X86_JC_OFF);
    x86_jc_clear();
    buf_first_tb = buf_cur = (uint8_t *)(jc + X86_JC_SIZE);
    return true;
}

JitRet x86_jit_enter(void *env, const uint8_t *code)
{
    JitRet (*fn)(void *, const uint8_t *) =
        (JitRet(*)(void *, const uint8_t *))(void *)buf_start;
    return fn(env, code);
}

uint8_t *x86_buf_begin(size_t max)
{
    uint8_t *p = (uint8_t *)(((uintptr_t)buf_cur + 15) & ~(uintptr_t)15);
    return (size_t)(buf_end - p) < max ? NULL : p;
}

void x86_buf_commit(uint8_t *end) { buf_cur = end; }

bool x86_buf_contains(const void *p)
{
    return (const uint8_t *)p >= buf_start && (const uint8_t *)p < buf_end;
}

void x86_buf_flush(void)
{
    buf_cur = buf_first_tb;
    arena_reset(&meta);
}

void *x86_meta_alloc(size_t size) { return arena_alloc(&meta, size); }

uint8_t *x86_epilogue_addr(void) { return epilogue; }
uint8_t *x86_jc_miss_addr(void) { return jc_miss; }
void *x86_jc_table(void) { return jc; }

static inline uint32_t jc_hash(uint64_t pc)
{
    return (uint32_t)(pc >> 2) & (X86_JC_SIZE - 1);
}

void x86_jc_set(uint64_t pc, const uint8_t *code)
{
    __atomic_store_n(&jc[jc_hash(pc)], (uint8_t *)code, __ATOMIC_RELEASE);
}

void x86_jc_clear(void)
{
    for (uint32_t i = 0; i < X86_JC_SIZE; i++)
        __atomic_store_n(&jc[i], jc_miss, __ATOMIC_RELAXED);
}

/* The rel32 is 4-byte aligned (x86-lower.c pads), so one aligned store
 * updates it atomically for threads executing the jump concurrently. */
void x86_patch_jump(uint8_t *rel32_at, const uint8_t *target)
{
    int32_t d = (int32_t)(target - (rel32_at + 4));
    __atomic_store_n((int32_t *)(void *)rel32_at, d, __ATOMIC_RELEASE);
}

void x86_chain(TBExit *x, TB *dest)
{
    uint8_t *c = x->tb->code;
    if (x->jmp2_off && !(x->bypass && dest->flags_dead_in))
        x86_patch_jump(c + x->jmp2_off, dest->code);
    else
        x86_patch_jump(c + x->jmp_off, dest->code);
}

void x86_unchain(TBExit *x)
{
    uint8_t *c = x->tb->code;
    if (x->jmp2_off) {
        x86_patch_jump(c + x->jmp_off, c + x->m_off);
        x86_patch_jump(c + x->jmp2_off, c + x->stub_off);
    } else {
        x86_patch_jump(c + x->jmp_off, c + x->stub_off);
    }
}

void x86_disas(FILE *f, const uint8_t *code, size_t len)
{
    csh h;
    cs_insn *insn;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK)
        return;
    size_t n = cs_disasm(h, code, len, (uint64_t)(uintptr_t)code, 0, &insn);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "  0x%012llx:  %-8s %s\n", (unsigned long long)insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
    if (n)
        cs_free(insn, n);
    cs_close(&h);
}
