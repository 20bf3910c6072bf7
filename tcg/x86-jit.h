/*
 * tcg/x86-jit.h - the interface between the translation cache (tcg/tb.c)
 * and the x86-64 back end (tcg/x86-*.c).  Private to tcg/.
 *
 * Layout of the code buffer (tcg/x86-buf.c): one RWX mapping; the first
 * bytes hold the shared prologue (C -> generated code), epilogue and the
 * jump-cache miss path; translated blocks follow in allocation order, so
 * the TB owning a host pc is found by binary search over tb_by_code[].
 * Each block's code is preceded by its 8-byte guest pc (the jump cache
 * compares it before jumping).
 */
#ifndef EMU_TCG_X86_JIT_H
#define EMU_TCG_X86_JIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <signal.h>
#include "tcg/ir.h"
#include "tcg/tb.h"

/* A chainable exit (GOTO, BR_*): a `jmp` or
 * `jcc rel32` (A) whose displacement is 4-byte aligned so it can be
 * patched atomically while other threads run.  When the exit must first
 * write back registers or materialise NZCV, A points at that out-of-line
 * code (M, at m_off), which ends in a second patchable `jmp rel32` (B, at
 * jmp2_off).  Chaining patches B; when M only materialises NZCV
 * (`bypass`) and the destination overwrites NZCV before reading it
 * (TB.flags_dead_in), chaining patches A straight to the destination and
 * the NZCV word is never written.  Unchained, A -> M (or the stub when
 * there is no M) and B -> the stub (store pc, return to the cpu loop). */
typedef struct TBExit {
    TB *tb;                 /* owner */
    uint64_t target;        /* guest pc it goes to */
    uint32_t jmp_off;       /* offset of A's rel32 in tb->code */
    uint32_t jmp2_off;      /* offset of B's rel32, 0 when there is no M */
    uint32_t m_off;         /* offset of M */
    uint32_t stub_off;      /* offset of the unchained stub in tb->code */
    uint8_t bypass;         /* M only materialises NZCV */
    TB *dest;               /* chained to this TB, or NULL */
    struct TBExit *in_next; /* next exit chained into `dest` */
} TBExit;

/* Location of a guest value at a faulting point. */
enum { LOC_REG, LOC_SLOT, LOC_CONST };
typedef struct TBLoc {
    uint8_t greg;   /* guest register index */
    uint8_t kind;   /* LOC_* */
    uint8_t hreg;   /* host register number (LOC_REG) */
    uint8_t pad;
    uint32_t slot;  /* spill slot (LOC_SLOT) */
    uint64_t imm;   /* LOC_CONST */
} TBLoc;

/* NZCV state at a faulting point.  FL_LAZY is internal to the lowering
 * (host flags clobbered but recomputable); sites never record it. */
enum { FL_ENV, FL_ADD, FL_SUB, FL_DEAD, FL_LAZY };
typedef struct TBSite {
    uint32_t host_off;  /* offset of the faulting host instruction */
    uint32_t pc_off;    /* guest pc - tb->pc */
    uint32_t loc_first; /* index into tb->locs */
    uint16_t nloc;
    uint8_t flags;      /* FL_* */
    uint8_t pad;
} TBSite;

struct TB {
    uint64_t pc, end_pc;    /* the block key (IRBlock start_pc; for A64 the
                               guest pc) and the IRBlock's end_pc */
    uint64_t code_lo, code_hi; /* guest code covered: [code_lo, code_hi),
                               what invalidation compares (IRBlock
                               code_lo/hi, or [pc, end_pc) if unset) */
    TB *hnext;              /* hash chain */
    IRBlock *ir;            /* interpreter TB: the optimized block */
    uint8_t *code;          /* JIT TB: entry point, or NULL */
    uint32_t code_size;
    uint32_t nexits, nsites, nlocs;
    TBExit *exits;
    TBSite *sites;          /* sorted by host_off */
    TBLoc *locs;
    TBExit *in_list;        /* exits of other TBs chained to this one */
    volatile int invalid;
    bool flags_dead_in;     /* NZCV is written before it is read (or
                               needed by an exit) on every path */
};

/* What generated code returns to C (rax, rdx by the SysV ABI). */
typedef struct JitRet {
    uint64_t kind;          /* IRExit */
    TBExit *exit;           /* chainable exit taken, or NULL */
} JitRet;

/* Buffer, prologue, jump cache (tcg/x86-buf.c). */
bool x86_jit_init(const IRGuestInfo *gi);
JitRet x86_jit_enter(void *env, const uint8_t *code);
/* Reserves space for code; NULL when the buffer is full. */
uint8_t *x86_buf_begin(size_t max);
void x86_buf_commit(uint8_t *end);
bool x86_buf_contains(const void *p);
void x86_buf_flush(void);   /* also frees all x86_meta_alloc memory */
/* Zeroed memory for block metadata (exits, sites, locs), valid until the
 * next x86_buf_flush; NULL when out of memory.  Callers serialize. */
void *x86_meta_alloc(size_t size);
uint8_t *x86_epilogue_addr(void);
uint8_t *x86_jc_miss_addr(void);
void *x86_jc_table(void);   /* uint8_t *[X86_JC_SIZE], entry points */
#define X86_JC_BITS 12
#define X86_JC_SIZE (1u << X86_JC_BITS)
void x86_jc_set(uint64_t pc, const uint8_t *code);
void x86_jc_clear(void);
void x86_patch_jump(uint8_t *rel32_at, const uint8_t *target);
void x86_disas(FILE *f, const uint8_t *code, size_t len);

/* Lowering (tcg/x86-lower.c): compiles b into tb (code, exits, sites);
 * false when the block cannot be compiled (buffer full sets *full).
 * Not reentrant (reused scratch buffers): callers serialize (tb_lock). */
bool x86_compile(IRBlock *b, TB *tb, bool *full);

/* Host features probed once (cpuid). */
extern bool x86_has_bmi1, x86_has_bmi2, x86_has_lzcnt;
extern bool x86_has_avx, x86_has_fma; /* usable: CPU and OS (XCR0) */
extern bool x86_has_aes, x86_has_pclmul, x86_has_sha; /* and AVX */
void x86_probe_features(void);

/* A 32-bit guest with a nonzero guest_base: generated code keeps
 * guest_base in r15 (loaded by the prologue, from the word the last
 * x86_jit_init stored; never allocated in such blocks) and accesses
 * [r15 + zero-extended 32-bit address].  With guest_base 0 an access is
 * [address] with the address-size override (32-bit wraparound). */
#define X86_GB_REG 15

/* Frame: spill slot i at [rsp + 8*i]. */
#define X86_NSLOTS 256

/* Undoes a chained exit: back to its unchained targets. */
void x86_unchain(TBExit *x);
/* Chains exit x to dest's code. */
void x86_chain(TBExit *x, TB *dest);

#endif
