/*
 * tcg/x86-lower.h - state shared by the IR -> x86-64 lowering files
 * (x86-ra.c: analysis, register allocation, guest-register cache, flags,
 * recovery sites; x86-lower.c: per-op code).  Private to tcg/.
 *
 * Host register roles in generated code:
 *   rbx        env (fixed for the whole run)
 *   rsp        spill frame
 *   rax rcx rdx  scratch inside the lowering of one IR op (never hold IR
 *              values across ops; shifts, div, lahf, cmpxchg need them)
 *   xmm0       scratch for 16-byte VLD/VST
 *   xmm0-xmm4  scratch inside one VOP (x86-vec.c)
 *   xmm5-xmm15 write-through cache of guest vector registers (x86-vec.c):
 *              env always holds the current value, an xmm a copy; any
 *              host call clobbers them all (SysV), so calls forget it.
 *   the other 11 (rbp rsi rdi r8-r15) hold IR values; r15 not in blocks
 *              of a 32-bit guest with a nonzero guest_base, where it
 *              holds guest_base (X86_GB_REG, x86-jit.h)
 */
#ifndef EMU_TCG_X86_LOWER_H
#define EMU_TCG_X86_LOWER_H

#include "tcg/x86-emit.h"
#include "tcg/x86-jit.h"

#define X86_MAXG 64 /* guest registers the cache can track */

typedef struct XVal {
    int8_t reg;      /* host register holding the value, or -1 */
    int16_t slot;    /* spill slot with a valid copy, or -1 */
    uint8_t is_const, fold; /* fold: address arithmetic folded into
                               memory operands (1 disp, 2 index, 3 the
                               absorbed SHL of a fold 2) */
    uint8_t amask;   /* low bits a passed CHKALIGN showed to be zero */
    uint8_t rg_amask; /* amask at the IF of the region being lowered */
    int16_t rg_slot;  /* slot at that IF (x86-region.c) */
    uint32_t last;   /* index of the last instruction that needs it */
    uint32_t die_next; /* next value in the same die bucket */
    uint64_t k;      /* constant value; fold 2: 1 if operand b is the SHL */
} XVal;

typedef struct XSnap { /* a dirty guest register at a side exit */
    uint8_t greg;
    IRRef val;
} XSnap;

typedef struct JitCtx {
    IRBlock *b;
    const IRGuestInfo *gi;
    TB *tb;
    XE e;
    uint8_t *start, *limit;
    XVal *v;
    IRRef *alias;        /* GETREG forwarded to the cached value */
    uint32_t *die_head;  /* per instruction: values whose last use it is */
    uint8_t *flive;      /* per instruction: NZCV read later (before a write) */
    uint8_t *fext;       /* per flag producer: operands kept for re-emission */
    int reg_val[16];     /* IR value in each host register, 0 = free */
    uint16_t locked;     /* registers pinned for the current instruction */
    uint8_t slot_used[X86_NSLOTS];
    IRRef gval[X86_MAXG];
    uint64_t gdirty;     /* bit g: gval[g] not yet written to env */
    int flags;           /* FL_ENV, FL_ADD, FL_SUB, FL_DEAD, FL_LAZY */
    IRRef fl_src;        /* SUBS/ADDS/LOGICS whose flags are in the host
                            flags (or recomputable, FL_LAZY); 0 = none */
    bool flags_live_in;  /* NZCV read before written on some path */
    const int *order;    /* allocation order */
    uint32_t cur;        /* instruction being lowered */
    bool fail;
    uint32_t nexit;
    TBSite *sites;
    uint32_t nsites, capsites;
    TBLoc *locs;
    uint32_t nlocs, caplocs;
    uint8_t *yield_jcc;  /* entry check's jne, patched to the yield stub */
    /* vector register cache, indexed by xmm number (5..15): guest vreg
     * + 1 (0 = free), bytes known nonzero (4, 8, 16: the rest is zero),
     * last use for LRU replacement */
    uint8_t vc_reg[16], vc_bytes[16];
    uint8_t vc_part[16]; /* only the low 8 bytes valid (an STENV pair's first half) */
    uint32_t vc_age[16], vc_clock;
    /* the conditional region being lowered (x86-region.c): the state at
     * its IF, which the taken path restores at the ENDIF (the join) */
    struct {
        uint32_t if_i, endif_i; /* 0: not in a region */
        uint64_t gmask;      /* guest registers the region may write */
        bool wflags;         /* the region may write NZCV */
        uint8_t *jcc;        /* the IF's jcc rel32 (skips to the join) */
        int flags;           /* J->flags, J->fl_src after the IF's jcc */
        IRRef fl_src;
        uint64_t gdirty;
        IRRef gval[X86_MAXG];
        int reg_val[16];
        uint8_t vc_reg[16], vc_bytes[16], vc_part[16];
    } rg;
} JitCtx;

/* x86-ra.c */
bool xra_analyze(JitCtx *J);
IRRef xra_res(JitCtx *J, IRRef r);
void xra_scaled_parts(JitCtx *J, IRRef r, IRRef *base, IRRef *idx, int *sh);
int xra_alloc(JitCtx *J);
int xra_use(JitCtx *J, IRRef r);
void xra_bind(JitCtx *J, IRRef r, int reg);
int xra_dst_from(JitCtx *J, IRRef a, int w);
int xra_dst_reuse(JitCtx *J, IRRef a, IRRef b);
void xra_spill_caller_saved(JitCtx *J);
void xra_end_insn(JitCtx *J, uint32_t i);
bool xra_const_s32(JitCtx *J, IRRef r, int w, int32_t *imm);
X86Mem xra_slot_mem(int slot);
void xra_load_to(JitCtx *J, int reg, IRRef r); /* into a scratch reg */
bool xra_upper_zero32(JitCtx *J, IRRef r); /* bits 63:32 known zero */

/* guest register cache */
void xg_getreg(JitCtx *J, uint32_t i, int g);
void xg_setreg(JitCtx *J, int g, IRRef v);
void xg_writeback(JitCtx *J, bool clean);
void xg_forget(JitCtx *J);
void xg_writeback_mask(JitCtx *J, uint64_t mask); /* and mark them clean */

/* conditional regions (x86-region.c) */
bool xrg_check(IRBlock *b);      /* the contract of tcg/ir.h holds */
uint32_t xrg_scan(JitCtx *J, uint32_t if_i, uint64_t *gmask, bool *wflags);
void xrg_if(JitCtx *J, IRInst *in, uint32_t i);
void xrg_endif(JitCtx *J, uint32_t i);

/* NZCV */
void xfl_materialize(JitCtx *J);  /* host flags -> env, state FL_ENV */
void xfl_need_host(JitCtx *J);    /* env -> host flags if needed */
void xfl_clobber(JitCtx *J);      /* before an instruction that trashes flags */
void xfl_spill(JitCtx *J);        /* same, but never FL_LAZY */
void xfl_sync(JitCtx *J);         /* make env current (exits, calls) */
void xfl_reemit(JitCtx *J);       /* FL_LAZY -> host flags */
X86Cond xfl_cond(JitCtx *J, unsigned cond); /* may emit cmc */

/* x86-vec.c: IR_VOP (inline vector/FP with its helper as fallback) */
void xvec_lower(JitCtx *J, IRInst *in);
void xvec_forget(JitCtx *J);                 /* after any host call */
void xvec_forget_env(JitCtx *J, uint64_t off, int size); /* STENV */
/* after an STENV of value register rv (or constant imm if rv < 0) */
void xvec_stenv(JitCtx *J, uint64_t off, int size, int rv, int32_t imm);
bool xvec_vld(JitCtx *J, IRInst *in, X86Mem m);  /* VLD into the cache */
bool xvec_vst(JitCtx *J, IRInst *in, X86Mem m);  /* VST from the cache */

/* fault sites */
void xsite(JitCtx *J);

bool xra_room(JitCtx *J, size_t n);

#endif
