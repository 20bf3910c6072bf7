/*
 * tcg/x86-vec.c - lowering of IR_VOP: guest vector/FP instructions done
 * inline with AVX (VEX.128) on the vector registers in env, with the
 * instruction's exact C helper as the fallback.
 *
 * Invariants:
 *  - xmm0..xmm4 are scratch inside one VOP; no IR value lives in an xmm
 *    register.  Guest vector registers live in env; xmm5..xmm15 cache
 *    copies of some of them within one block, write-through: every
 *    write (VOP result, VLD, STENV) stores env too, so env is always
 *    current (exits, faults, helpers and LDENV need nothing) and a cached
 *    copy only saves the reload and the store-forwarding stall.  A cached
 *    register holds the full 128 bits (a partial entry, vc_part, only
 *    bits 63:0 until the second STENV of a pair); vc_bytes says how many
 *    low bytes may be nonzero.  Anything else
 *    that writes a vector register in env (STENV, CALL, a helper, a VLD
 *    not done here) or clobbers xmm (every host call: SysV makes all
 *    xmm caller-saved) forgets the affected entries; the inline VOP's
 *    slow path reloads every entry from env after its helper, so both
 *    paths meet with the same cache state.
 *  - A VOP is: read operands (cache or env), compute, store Vd (zeroing
 *    bits above the operation's width, the Arm ARM rule for 64-bit and
 *    scalar writes) to env and its cache register.  Nothing is stored
 *    before every check has passed, so the fallback always starts from
 *    the original operands.
 *  - The fallback is the helper the interpreter runs (ir_interp is the
 *    reference): a call with the caller-saved registers that hold IR
 *    values pushed around it.  The helper touches only vector registers
 *    and FPSR (no guest memory, so no fault site and no write-back of
 *    cached guest registers is needed).  Without AVX (or FMA for the
 *    fused kinds) every VOP is that call.
 *  - Integer kinds are exact by construction.  FP kinds run inline only
 *    where the host result is the Arm result and no FPSR flag can change
 *    (cpu/fp-fast.h derives the same conditions): FPCR.AHP, DN,
 *    FZ and RMode all 0 (round to nearest, the host MXCSR default), and
 *    for arithmetic FPSR.IXC already set, and every result lane a normal
 *    number of magnitude >= 2 * the smallest normal.  Such a result
 *    cannot come from a NaN or infinite operand, cannot have overflowed,
 *    and cannot be tiny under either architecture's rule, so IOC, DZC,
 *    OFC, UFC cannot be raised and IXC is already set; denormal operands
 *    (with FZ = 0) compute the same on both.  Compares (FCMEQ.., and
 *    FCMP/FCMPE into NZCV) run inline when FZ = 0 and no lane is a NaN
 *    (then no flag is possible).  FSQRT is FDIV-like: both architectures
 *    round the square root correctly, and a result in the normal range
 *    above comes from a positive finite operand.
 *  - Sub-register VOPs (IR_VS_SUB, AArch32 VFP S/D registers) load their
 *    operands from env and store only the 4 or 8 bytes of Vd, forgetting
 *    the cached copy of the Q register that holds it.  Integer D-register
 *    VOPs (IR_VS_DREG) read D(n) from the cached Q register when there is
 *    one (its low half in place, the high half moved down), else with an
 *    8-byte load from env; lanes above bit 63 of their scratch values are
 *    garbage that the 8-byte store drops.  Their result is stored to env
 *    and merged into the cached Q register (created from the other half
 *    in env if it was not cached).
 *  - Constants (range masks, shuffles) are addressed rip-relative when
 *    the code buffer is within 2 GB of them, else through rax.
 *  - Every path clobbers EFLAGS (test/ptest/jcc), so the NZCV state goes
 *    through xfl_clobber first.
 */
#include <stdlib.h>
#include <string.h>

#include "tcg/x86-lower.h"

enum { X0, X1, X2, X3, X4 };

/* FPCR bits that must be 0 for the inline FP paths (Arm ARM FPCR). */
#define FPCR_MODE_MASK 0x07c00000u /* AHP 26, DN 25, FZ 24, RMode 23:22 */
#define FPCR_FZ_BIT 0x01000000u
#define FPSR_IXC_BIT 0x10u

static X86Mem vmem(JitCtx *J, uint32_t reg, int off)
{
    return x86_mem(X86_RBX, (int32_t)(J->gi->env_vregs + 16 * reg + (uint32_t)off));
}

/* ---- the vector register cache (xmm5..xmm15, write-through) ---- */

enum { VC_FIRST = 5 };

/* The xmm caching all of V[reg], or -1 (a partial entry is dropped). */
static int vc_find(JitCtx *J, uint32_t reg)
{
    for (int x = VC_FIRST; x < 16; x++)
        if (J->vc_reg[x] == reg + 1) {
            if (J->vc_part[x]) {
                J->vc_reg[x] = 0;
                return -1;
            }
            J->vc_age[x] = ++J->vc_clock;
            return x;
        }
    return -1;
}

/* An xmm for V[reg] (its entry, a free one or the least recently used;
 * dropping an entry needs no code, env is current); the caller fills it
 * with the register's value, of which the low `bytes` may be nonzero. */
static int vc_assign(JitCtx *J, uint32_t reg, int bytes)
{
    int x = vc_find(J, reg);
    if (x < 0) {
        x = VC_FIRST;
        for (int k = VC_FIRST; k < 16; k++) {
            if (!J->vc_reg[k]) {
                x = k;
                break;
            }
            if (J->vc_age[k] < J->vc_age[x])
                x = k;
        }
        J->vc_reg[x] = (uint8_t)(reg + 1);
        J->vc_age[x] = ++J->vc_clock;
    }
    J->vc_bytes[x] = (uint8_t)bytes;
    J->vc_part[x] = 0;
    return x;
}

/* An STENV to env offset off has been emitted (value in rv, or the
 * sign-extended imm if rv < 0).  A 64-bit store to half of a vector
 * register updates its cached copy, so the pairs of 64-bit stores that
 * LD1R, MVN, DUP/INS from a GPR and FMOV produce leave the register in
 * xmm: re-reading the two stores with one 16-byte load would miss the
 * host's store forwarding.  A low-half store to an uncached register
 * starts a partial entry (bits 127:64 unknown) that only the high-half
 * store completes; any other use drops it (vc_find).  Other sizes just
 * forget the overlapped copies. */
void xvec_stenv(JitCtx *J, uint64_t off, int size, int rv, int32_t imm)
{
    XE *e = &J->e;
    uint64_t lo = J->gi->env_vregs;
    if (off + (uint64_t)size <= lo || off >= lo + 32 * 16)
        return;
    if (!x86_has_avx || size != 8 || (off - lo) % 8) {
        xvec_forget_env(J, off, size);
        return;
    }
    uint32_t reg = (uint32_t)(off - lo) / 16;
    bool hi = (off - lo) & 8;
    int c = -1;
    for (int x = VC_FIRST; x < 16; x++)
        if (J->vc_reg[x] == reg + 1)
            c = x;
    if (c < 0 && hi)
        return;
    if (rv < 0) {
        rv = X86_RAX;
        x86_mov_ri(e, X86_RAX, (uint64_t)(int64_t)imm);
    }
    if (c < 0 || (!hi && J->vc_part[c])) { /* new partial entry */
        if (c < 0)
            c = vc_assign(J, reg, 16);
        x86_v_rrr(e, X86V_MOVQ_FROM_GPR, c, 0, rv);
        J->vc_part[c] = 1;
        return;
    }
    x86_v_rrr(e, X86V_PINSRQ, c, c, rv);
    x86_b(e, hi ? 1 : 0);
    J->vc_part[c] = 0;
    J->vc_age[c] = ++J->vc_clock;
    if (hi)
        J->vc_bytes[c] = 16;
    else if (J->vc_bytes[c] < 8)
        J->vc_bytes[c] = 8;
}

void xvec_forget(JitCtx *J)
{
    memset(J->vc_reg, 0, sizeof(J->vc_reg));
}

void xvec_forget_env(JitCtx *J, uint64_t off, int size)
{
    uint64_t lo = J->gi->env_vregs;
    if (off + (uint64_t)size <= lo || off >= lo + 32 * 16)
        return;
    for (int x = VC_FIRST; x < 16; x++) {
        uint64_t r = lo + 16u * (J->vc_reg[x] - 1u);
        if (J->vc_reg[x] && off < r + 16 && off + (uint64_t)size > r)
            J->vc_reg[x] = 0;
    }
}

/* After a helper call: xmm are clobbered, env is current. */
static void vc_reload(JitCtx *J)
{
    for (int x = VC_FIRST; x < 16; x++)
        if (J->vc_reg[x])
            x86_v_rrm(&J->e, X86V_MOVDQU_LD, x, 0, vmem(J, J->vc_reg[x] - 1u, 0));
}

/* VLD of 4, 8 or 16 bytes straight into the cache (and env). */
bool xvec_vld(JitCtx *J, IRInst *in, X86Mem m)
{
    int sz = in->size;
    if (!x86_has_avx || (sz != 4 && sz != 8 && sz != 16))
        return false;
    int c = vc_assign(J, (uint32_t)in->imm, sz);
    xsite(J);
    x86_v_rrm(&J->e, sz == 16 ? X86V_MOVDQU_LD : sz == 8 ? X86V_MOVQ_LD : X86V_MOVD_LD,
              c, 0, m);
    x86_v_rrm(&J->e, X86V_MOVDQU_ST, c, 0, vmem(J, (uint32_t)in->imm, 0));
    return true;
}

/* VST of 4, 8 or 16 bytes from a cached register. */
bool xvec_vst(JitCtx *J, IRInst *in, X86Mem m)
{
    int sz = in->size;
    if (!x86_has_avx || (sz != 4 && sz != 8 && sz != 16))
        return false;
    int c = vc_find(J, (uint32_t)in->imm);
    if (c < 0)
        return false;
    xsite(J);
    x86_v_rrm(&J->e, sz == 16 ? X86V_MOVDQU_ST : sz == 8 ? X86V_MOVQ_ST : X86V_MOVD_ST,
              c, 0, m);
    return true;
}

/* Loads the low `bytes` (4, 8, 16) of V[reg] into xmm x, zeroing the
 * rest, from its cache register (filled from env on a miss). */
static void vld(JitCtx *J, int x, uint32_t reg, int bytes)
{
    XE *e = &J->e;
    int c = vc_find(J, reg);
    if (c < 0) {
        c = vc_assign(J, reg, 16);
        x86_v_rrm(e, X86V_MOVDQU_LD, c, 0, vmem(J, reg, 0));
    }
    if (bytes >= J->vc_bytes[c]) {
        x86_v_rrr(e, X86V_MOVDQU_LD, x, 0, c);
    } else if (bytes == 8) {
        x86_v_rrr(e, X86V_MOVQ_LD, x, 0, c);
    } else { /* element 0 of c, elements 1..3 zeroed */
        x86_v_rrr(e, X86V_INSERTPS, x, c, c);
        x86_b(e, 0x0e);
    }
}

/* An xmm holding the low `bytes` of V[reg] with the rest zero, for
 * reading only: its cache register when that has nothing above `bytes`,
 * else scratch x loaded by vld.  (The register stays valid until the
 * next vc_assign of an uncached vreg, which evicts the least recently
 * used entry, never this just-used one.) */
static int vsrc(JitCtx *J, int x, uint32_t reg, int bytes)
{
    int c = vc_find(J, reg);
    if (c >= 0 && bytes >= J->vc_bytes[c])
        return c;
    vld(J, x, reg, bytes);
    return x;
}

/* IR_VS_SUB operands (the AArch32 VFP file): S(n) at byte 4n, D(n) at
 * byte 8n of the vector registers. */
static X86Mem submem(JitCtx *J, uint32_t n, int bytes)
{
    return x86_mem(X86_RBX, (int32_t)(J->gi->env_vregs + (uint32_t)bytes * n));
}

/* An FP operand: vsrc of V[reg], or with sub the sub-register loaded
 * into x from env (current: the cache is write-through), rest zeroed. */
static int fsrc(JitCtx *J, int x, uint32_t reg, int bytes, bool sub)
{
    if (!sub)
        return vsrc(J, x, reg, bytes);
    x86_v_rrm(&J->e, bytes == 8 ? X86V_MOVQ_LD : X86V_MOVD_LD, x, 0,
              submem(J, reg, bytes));
    return x;
}

static void fld(JitCtx *J, int x, uint32_t reg, int bytes, bool sub)
{
    if (sub)
        fsrc(J, x, reg, bytes, true);
    else
        vld(J, x, reg, bytes);
}

/* An xmm whose bits 63:0 are D(n) (bits 127:64 unspecified), for
 * reading only: the cached Q register itself for an even n, else scratch
 * x (the high half of the cached copy moved down, or an 8-byte load from
 * env).  No cache entry is assigned, so nothing is evicted. */
static int dsrc(JitCtx *J, int x, uint32_t n)
{
    int c = vc_find(J, n >> 1);
    if (c >= 0 && !(n & 1))
        return c;
    if (c >= 0)
        x86_v_rrr(&J->e, X86V_PUNPCKHQDQ, x, c, c);
    else
        x86_v_rrm(&J->e, X86V_MOVQ_LD, x, 0, submem(J, n, 8));
    return x;
}

/* An integer operand: D(reg) with sub (IR_VS_DREG), else vsrc. */
static int isrc(JitCtx *J, int x, uint32_t reg, int bytes, bool sub)
{
    return sub ? dsrc(J, x, reg) : vsrc(J, x, reg, bytes);
}

/* Loads a constant block (16-byte aligned static data) address into rax. */
static void kaddr(JitCtx *J, const void *p)
{
    x86_mov_ri(&J->e, X86_RAX, (uint64_t)(uintptr_t)p);
}

static X86Mem kmem(int off) { return x86_mem(X86_RAX, off); }

/* dst = op(src1, [p]) for a constant p: rip-relative when within reach
 * of the code buffer (no movabs), else through rax. */
static void kop(JitCtx *J, int op, int dst, int src1, const void *p)
{
    XE *e = &J->e;
    int64_t d = (int64_t)(intptr_t)p - (int64_t)(intptr_t)e->p;
    if (d > -0x7fff0000ll && d < 0x7fff0000ll) {
        x86_v_rrm(e, op, dst, src1, x86_mem(X86_RIP, 0));
        int32_t rel = (int32_t)((intptr_t)p - (intptr_t)e->p);
        memcpy(e->p - 4, &rel, 4); /* disp32 is the last field */
        return;
    }
    kaddr(J, p);
    x86_v_rrm(e, op, dst, src1, kmem(0));
}

static void ones(JitCtx *J, int x) { x86_v_rrr(&J->e, X86V_PCMPEQD, x, x, x); }

static void vnot(JitCtx *J, int x)
{
    ones(J, X3);
    x86_v_rrr(&J->e, X86V_PXOR, x, x, X3);
}

/* dst = op(src1, src2), ib */
static void rrri(JitCtx *J, int op, int dst, int src1, int src2, int ib)
{
    x86_v_rrr(&J->e, op, dst, src1, src2);
    x86_b(&J->e, (uint8_t)ib);
}

/* ---- the fallback: call the exact helper ---- */

static void call_helper(JitCtx *J, IRInst *in)
{
    static const int saved_regs[] = {X86_RSI, X86_RDI, X86_R8,
                                     X86_R9,  X86_R10, X86_R11};
    XE *e = &J->e;
    int saved[6], n = 0;
    for (int k = 0; k < 6; k++)
        if (J->reg_val[saved_regs[k]])
            x86_push(e, saved[n++] = saved_regs[k]);
    if (n & 1) /* the call needs rsp 16-byte aligned, as at block level */
        x86_alu_ri(e, X86_SUB, 8, X86_RSP, 8);
    x86_mov_rr(e, 8, X86_RDI, X86_RBX);
    x86_mov_ri(e, X86_RSI, (uint32_t)in->imm2);
    x86_mov_ri(e, X86_RDX, 0);
    x86_mov_ri(e, X86_RCX, 0);
    x86_mov_ri(e, X86_R8, 0);
    int64_t d = (int64_t)in->imm - (int64_t)(uintptr_t)(e->p + 5);
    if (d == (int32_t)d) {
        x86_set_rel32(x86_call32(e), (const uint8_t *)(uintptr_t)in->imm);
    } else {
        x86_mov_ri(e, X86_RAX, in->imm);
        x86_call_r(e, X86_RAX);
    }
    if (n & 1)
        x86_alu_ri(e, X86_ADD, 8, X86_RSP, 8);
    while (n > 0)
        x86_pop(e, saved[--n]);
}

/* ---- integer kinds ---- */

static const int op_add[4] = {X86V_PADDB, X86V_PADDW, X86V_PADDD, X86V_PADDQ};
static const int op_sub[4] = {X86V_PSUBB, X86V_PSUBW, X86V_PSUBD, X86V_PSUBQ};
static const int op_cmpeq[4] = {X86V_PCMPEQB, X86V_PCMPEQW, X86V_PCMPEQD, X86V_PCMPEQQ};
static const int op_cmpgt[4] = {X86V_PCMPGTB, X86V_PCMPGTW, X86V_PCMPGTD, X86V_PCMPGTQ};
static const int op_maxu[3] = {X86V_PMAXUB, X86V_PMAXUW, X86V_PMAXUD};
static const int op_minu[3] = {X86V_PMINUB, X86V_PMINUW, X86V_PMINUD};
static const int op_maxs[3] = {X86V_PMAXSB, X86V_PMAXSW, X86V_PMAXSD};
static const int op_mins[3] = {X86V_PMINSB, X86V_PMINSW, X86V_PMINSD};
static const int op_zx[3] = {X86V_PMOVZXBW, X86V_PMOVZXWD, X86V_PMOVZXDQ};
static const int op_sx[3] = {X86V_PMOVSXBW, X86V_PMOVSXWD, X86V_PMOVSXDQ};

/* pshufb masks putting the even elements of a register in its low half
 * and the odd ones in its high half, per element size (B, H, S). */
static const uint8_t deint_mask[3][16] __attribute__((aligned(16))) = {
    {0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15},
    {0, 1, 4, 5, 8, 9, 12, 13, 2, 3, 6, 7, 10, 11, 14, 15},
    {0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15},
};

/* pshufb masks of REV: [0] 16-bit groups of bytes, [1] 32-bit groups of
 * bytes, [2] of halfwords, [3] 64-bit groups of bytes, [4] of
 * halfwords, [5] of words (rev_mask_index). */
static const uint8_t rev_mask[6][16] __attribute__((aligned(16))) = {
    {1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14},
    {3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12},
    {2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13},
    {7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8},
    {6, 7, 4, 5, 2, 3, 0, 1, 14, 15, 12, 13, 10, 11, 8, 9},
    {4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11},
};
/* es = log2 lane bytes, lg = log2 group bytes (1..3, > es) */
static int rev_mask_index(int es, int lg)
{
    return lg == 1 ? 0 : lg == 2 ? 1 + es : 3 + es;
}

/* pshufb masks of DUP: lane i of esize 1, 2, 4 everywhere (14 masks:
 * bytes 0..7, halfwords 0..3, words 0..1 of a D register). */
static uint8_t dup_mask[14][16] __attribute__((aligned(16)));
__attribute__((constructor)) static void dup_mask_init(void)
{
    int m = 0;
    for (int es = 1; es <= 4; es <<= 1)
        for (int i = 0; i < 8 / es; i++, m++)
            for (int j = 0; j < 16; j++)
                dup_mask[m][j] = (uint8_t)(i * es + j % es);
}
static int dup_mask_index(int esz, int lane)
{
    return (esz == 0 ? 0 : esz == 1 ? 8 : 12) + lane;
}

/* The largest narrow unsigned lane, in the wide lanes (UQXTN). */
static const uint32_t umax_narrow[2][4] __attribute__((aligned(16))) = {
    {0x00ff00ffu, 0x00ff00ffu, 0x00ff00ffu, 0x00ff00ffu},
    {0x0000ffffu, 0x0000ffffu, 0x0000ffffu, 0x0000ffffu},
};

/* ADDLP constants: bytes of 1, words of 1, words of 0x8000, dwords of
 * 0x10000. */
static const uint32_t addlp_k[4][4] __attribute__((aligned(16))) = {
    {0x01010101u, 0x01010101u, 0x01010101u, 0x01010101u},
    {0x00010001u, 0x00010001u, 0x00010001u, 0x00010001u},
    {0x80008000u, 0x80008000u, 0x80008000u, 0x80008000u},
    {0x00010000u, 0x00010000u, 0x00010000u, 0x00010000u},
};

/* Is the kind inlined for this shape?  (Else the helper is called.) */
static bool int_supported(int k, int es, bool q, bool sub)
{
    if (sub && !((k >= IR_V_ADD && k <= IR_V_SMIN) ||
                 (k >= IR_V_ADDP && k <= IR_V_SMINP) ||
                 (k >= IR_V_SHL && k <= IR_V_XTN) || k == IR_V_REV ||
                 k == IR_V_DUP || (k >= IR_V_SQXTN && k <= IR_V_ZIP)))
        return false;
    switch (k) {
    case IR_V_UMULL: case IR_V_SMULL: case IR_V_REV: case IR_V_DUP:
        return es < 3;
    case IR_V_SQXTN: case IR_V_UQXTN: case IR_V_SQXTUN:
        return sub && es < 2;
    case IR_V_UADDLP: case IR_V_SADDLP: case IR_V_UADALP: case IR_V_SADALP:
        return es < 3;
    case IR_V_TRN: case IR_V_UZP: case IR_V_ZIP:
        return es < 3;
    case IR_V_MUL: case IR_V_MLA: case IR_V_MLS:
        return es == 1 || es == 2;
    case IR_V_UMAX: case IR_V_UMIN: case IR_V_SMAX: case IR_V_SMIN:
    case IR_V_UMAXP: case IR_V_UMINP: case IR_V_SMAXP: case IR_V_SMINP:
        return es < 3;
    case IR_V_ADDP: case IR_V_UZP1: case IR_V_UZP2:
        return es < 3 || q;
    case IR_V_UADDL: case IR_V_SADDL: case IR_V_USUBL: case IR_V_SSUBL:
    case IR_V_UADDW: case IR_V_SADDW: case IR_V_USUBW: case IR_V_SSUBW:
    case IR_V_USHLL: case IR_V_SSHLL:
        return es < 3;
    case IR_V_SHL: case IR_V_USHR: case IR_V_USRA: /* no byte shifts */
        return es > 0;
    case IR_V_SSHR: case IR_V_SSRA: /* nor 64-bit arithmetic ones */
        return es == 1 || es == 2;
    case IR_V_MVN:
        return true;
    case IR_V_XTN:
        return sub && es < 3;
    default:
        return (k >= IR_V_ADD && k <= IR_V_SSHLL) || (k >= IR_V_SHL && k <= IR_V_SSRA);
    }
}

/* Pairwise and unzip: xmm0 = even elements, xmm1 = odd elements of the
 * concatenation Vm:Vn (Vn in the low part), of the operation's width. */
static void deinterleave(JitCtx *J, IRInst *in, int es, bool q, bool sub)
{
    XE *e = &J->e;
    if (q) {
        vld(J, X0, in->b, 16);
        vld(J, X1, in->c, 16);
        if (es < 3) {
            kop(J, X86V_PSHUFB, X0, X0, deint_mask[es]);
            kop(J, X86V_PSHUFB, X1, X1, deint_mask[es]);
        }
        x86_v_rrr(e, X86V_PUNPCKLQDQ, X2, X0, X1);
        x86_v_rrr(e, X86V_PUNPCKHQDQ, X1, X0, X1);
        x86_v_rrr(e, X86V_POR, X0, X2, X2); /* copy */
        return;
    }
    if (sub) {
        int n = dsrc(J, X0, in->b), m = dsrc(J, X1, in->c);
        x86_v_rrr(e, X86V_PUNPCKLQDQ, X0, n, m); /* Dm : Dn */
    } else {
        vld(J, X0, in->b, 8);
        vld(J, X1, in->c, 8);
        x86_v_rrr(e, X86V_PUNPCKLQDQ, X0, X0, X1); /* Vm.lo : Vn.lo */
    }
    kop(J, X86V_PSHUFB, X0, X0, deint_mask[es]);
    x86_v_shift_ri(e, 0x73, 3, X1, X0, 8);      /* odd half down */
}

static void widen(JitCtx *J, int x, uint32_t reg, int es, bool upper, bool sgn)
{
    x86_v_rrm(&J->e, (sgn ? op_sx : op_zx)[es], x, 0, vmem(J, reg, upper ? 8 : 0));
}

/* Computes an integer kind into xmm0; returns the bytes of Vd written
 * (16, or 8 with bits 127:64 zeroed). */
static int lower_int(JitCtx *J, IRInst *in, int k, int es, bool q, bool sub)
{
    XE *e = &J->e;
    int bytes = q ? 16 : 8;
    if (k >= IR_V_UADDL && k <= IR_V_SSHLL) {
        bool sgn = k == IR_V_SADDL || k == IR_V_SSUBL || k == IR_V_SADDW ||
                   k == IR_V_SSUBW || k == IR_V_SSHLL;
        bool sub = k == IR_V_USUBL || k == IR_V_SSUBL || k == IR_V_USUBW ||
                   k == IR_V_SSUBW;
        if (k == IR_V_USHLL || k == IR_V_SSHLL) {
            widen(J, X0, in->b, es, q, sgn);
            if (in->d) /* psllw / pslld / psllq */
                x86_v_shift_ri(e, 0x71 + es, 6, X0, X0, (int)in->d);
            return 16;
        }
        if (k >= IR_V_UADDW)
            vld(J, X0, in->b, 16);
        else
            widen(J, X0, in->b, es, q, sgn);
        widen(J, X1, in->c, es, q, sgn);
        x86_v_rrr(e, (sub ? op_sub : op_add)[es + 1], X0, X0, X1);
        return 16;
    }
    if (k >= IR_V_ADDP && k <= IR_V_UZP2) {
        deinterleave(J, in, es, q, sub);
        switch (k) {
        case IR_V_ADDP: x86_v_rrr(e, op_add[es], X0, X0, X1); break;
        case IR_V_UMAXP: x86_v_rrr(e, op_maxu[es], X0, X0, X1); break;
        case IR_V_UMINP: x86_v_rrr(e, op_minu[es], X0, X0, X1); break;
        case IR_V_SMAXP: x86_v_rrr(e, op_maxs[es], X0, X0, X1); break;
        case IR_V_SMINP: x86_v_rrr(e, op_mins[es], X0, X0, X1); break;
        case IR_V_UZP2: x86_v_rrr(e, X86V_POR, X0, X1, X1); break;
        default: break; /* UZP1: the even elements */
        }
        return bytes;
    }
    /* sources read only: cache registers or xmm0..xmm2; xmm0 result,
     * xmm1..xmm3 temporaries written only after their source is read */
    if (k >= IR_V_SHL && k <= IR_V_SSRA) { /* psll/psrl/psra w, d, q */
        int src = isrc(J, X1, in->b, bytes, sub);
        int ext = k == IR_V_SHL ? 6 : (k == IR_V_SSHR || k == IR_V_SSRA) ? 4 : 2;
        x86_v_shift_ri(e, 0x70 + es, ext, X0, src, (int)in->d);
        if (k == IR_V_USRA || k == IR_V_SSRA)
            x86_v_rrr(e, op_add[es], X0, isrc(J, X1, in->a, bytes, sub), X0);
        return bytes;
    }
    if (k == IR_V_MVN) {
        ones(J, X3);
        x86_v_rrr(e, X86V_PXOR, X0, isrc(J, X1, in->b, bytes, sub), X3);
        return bytes;
    }
    if (k == IR_V_UMULL || k == IR_V_SMULL) {
        /* exact products of zero/sign-extended lanes, low halves kept;
         * 32 x 32 -> 64 from the low dwords of the extended qwords */
        static const int mul[2][3] = {{X86V_PMULLW, X86V_PMULLD, X86V_PMULUDQ},
                                      {X86V_PMULLW, X86V_PMULLD, X86V_PMULDQ}};
        bool sgn = k == IR_V_SMULL;
        widen(J, X0, in->b, es, q, sgn);
        widen(J, X1, in->c, es, q, sgn);
        x86_v_rrr(e, mul[sgn][es], X0, X0, X1);
        return 16;
    }
    if (k == IR_V_REV) {
        int src = isrc(J, X1, in->b, bytes, sub);
        kop(J, X86V_PSHUFB, X0, src, rev_mask[rev_mask_index(es, (int)in->d)]);
        return bytes;
    }
    if (k == IR_V_DUP) {
        int src = dsrc(J, X1, in->b);
        kop(J, X86V_PSHUFB, X0, src, dup_mask[dup_mask_index(es, (int)in->d)]);
        return bytes;
    }
    if (k >= IR_V_SQXTN && k <= IR_V_SQXTUN) {
        /* x86 packs saturate signed lanes to signed or unsigned ones; an
         * unsigned source is first clamped with pminu.  QC: a lane
         * saturated iff widening the result back differs from it */
        static const int pack[2][2] = {{X86V_PACKSSWB, X86V_PACKUSWB},
                                       {X86V_PACKSSDW, X86V_PACKUSDW}};
        int src = vsrc(J, X1, in->b, 16);
        bool usrc = k == IR_V_UQXTN, udst = k != IR_V_SQXTN;
        if (usrc) {
            kop(J, es ? X86V_PMINUD : X86V_PMINUW, X2, src, umax_narrow[es]);
            x86_v_rrr(e, pack[es][1], X0, X2, X2);
        } else {
            x86_v_rrr(e, pack[es][udst], X0, src, src);
        }
        x86_v_rrr(e, (udst ? op_zx : op_sx)[es], X3, 0, X0);
        x86_v_rrr(e, op_cmpeq[es + 1], X3, X3, src);
        ones(J, X4);
        x86_v_rrr(e, X86V_PTEST, X3, 0, X4); /* CF: every lane equal */
        uint8_t *ok = x86_jcc8(e, X86_CC_B);
        x86_alu_mi(e, X86_OR, 4, x86_mem(X86_RBX, (int32_t)(in->imm2 >> 48)),
                   0x08000000); /* FPSR.QC */
        x86_set_rel8(ok, e->p);
        return 8;
    }
    if (k >= IR_V_UADDLP && k <= IR_V_SADALP) {
        bool sgn = k == IR_V_SADDLP || k == IR_V_SADALP;
        int src = isrc(J, X1, in->b, bytes, sub);
        if (es == 0) { /* pmaddubsw: first operand unsigned, second signed */
            kaddr(J, addlp_k[0]);
            x86_v_rrm(e, X86V_MOVDQU_LD, X2, 0, kmem(0));
            if (sgn)
                x86_v_rrr(e, X86V_PMADDUBSW, X0, X2, src);
            else
                x86_v_rrr(e, X86V_PMADDUBSW, X0, src, X2);
        } else if (es == 1 && sgn) {
            kop(J, X86V_PMADDWD, X0, src, addlp_k[1]);
        } else if (es == 1) { /* (u0 - 2^15) + (u1 - 2^15) + 2^16 */
            kop(J, X86V_PXOR, X0, src, addlp_k[2]);
            kop(J, X86V_PMADDWD, X0, X0, addlp_k[1]);
            kop(J, X86V_PADDD, X0, X0, addlp_k[3]);
        } else { /* words: even and odd ones widened, then added */
            rrri(J, X86V_PSHUFD, X2, 0, src, 0x08);
            rrri(J, X86V_PSHUFD, X3, 0, src, 0x0d);
            x86_v_rrr(e, (sgn ? op_sx : op_zx)[2], X2, 0, X2);
            x86_v_rrr(e, (sgn ? op_sx : op_zx)[2], X3, 0, X3);
            x86_v_rrr(e, X86V_PADDQ, X0, X2, X3);
        }
        if (k == IR_V_UADALP || k == IR_V_SADALP)
            x86_v_rrr(e, op_add[es + 1], X0, X0, isrc(J, X1, in->a, bytes, sub));
        return bytes;
    }
    if (k == IR_V_XTN) { /* the even lanes of esize: the low halves */
        kop(J, X86V_PSHUFB, X0, vsrc(J, X1, in->b, 16), deint_mask[es]);
        return 8;
    }
    int sb = isrc(J, X0, in->b, bytes, sub), sc = isrc(J, X1, in->c, bytes, sub);
    int sa = X2;
    if (k == IR_V_MLA || k == IR_V_MLS || (k >= IR_V_BSL && k <= IR_V_BIF))
        sa = isrc(J, X2, in->a, bytes, sub);
    switch (k) {
    case IR_V_ADD: x86_v_rrr(e, op_add[es], X0, sb, sc); break;
    case IR_V_SUB: x86_v_rrr(e, op_sub[es], X0, sb, sc); break;
    case IR_V_MUL:
    case IR_V_MLA:
    case IR_V_MLS:
        x86_v_rrr(e, es == 1 ? X86V_PMULLW : X86V_PMULLD, X0, sb, sc);
        if (k == IR_V_MLA)
            x86_v_rrr(e, op_add[es], X0, sa, X0);
        else if (k == IR_V_MLS)
            x86_v_rrr(e, op_sub[es], X0, sa, X0);
        break;
    case IR_V_AND: x86_v_rrr(e, X86V_PAND, X0, sb, sc); break;
    case IR_V_BIC: x86_v_rrr(e, X86V_PANDN, X0, sc, sb); break; /* ~m & n */
    case IR_V_ORR: x86_v_rrr(e, X86V_POR, X0, sb, sc); break;
    case IR_V_ORN:
        ones(J, X3);
        x86_v_rrr(e, X86V_PXOR, X1, sc, X3);
        x86_v_rrr(e, X86V_POR, X0, sb, X1);
        break;
    case IR_V_EOR: x86_v_rrr(e, X86V_PXOR, X0, sb, sc); break;
    case IR_V_BSL: /* m ^ ((n ^ m) & d) */
        x86_v_rrr(e, X86V_PXOR, X0, sb, sc);
        x86_v_rrr(e, X86V_PAND, X0, X0, sa);
        x86_v_rrr(e, X86V_PXOR, X0, X0, sc);
        break;
    case IR_V_BIT: /* d ^ ((d ^ n) & m) */
    case IR_V_BIF: /* d ^ ((d ^ n) & ~m) */
        x86_v_rrr(e, X86V_PXOR, X0, sb, sa);
        if (k == IR_V_BIT)
            x86_v_rrr(e, X86V_PAND, X0, X0, sc);
        else
            x86_v_rrr(e, X86V_PANDN, X0, sc, X0);
        x86_v_rrr(e, X86V_PXOR, X0, X0, sa);
        break;
    case IR_V_CMEQ: x86_v_rrr(e, op_cmpeq[es], X0, sb, sc); break;
    case IR_V_CMGT: x86_v_rrr(e, op_cmpgt[es], X0, sb, sc); break;
    case IR_V_CMGE: /* !(m > n) */
        x86_v_rrr(e, op_cmpgt[es], X0, sc, sb);
        vnot(J, X0);
        break;
    case IR_V_CMHI:
    case IR_V_CMHS:
        if (es < 3) { /* n >= m  <=>  maxu(n, m) == n */
            x86_v_rrr(e, op_maxu[es], X2, sb, sc);
            if (k == IR_V_CMHS) {
                x86_v_rrr(e, op_cmpeq[es], X0, X2, sb);
            } else { /* n > m  <=>  !(m >= n) */
                x86_v_rrr(e, op_cmpeq[es], X0, X2, sc);
                vnot(J, X0);
            }
            break;
        }
        /* 64-bit: flip the sign bits and compare signed */
        ones(J, X2);
        x86_v_shift_ri(e, 0x73, 6, X2, X2, 63);
        x86_v_rrr(e, X86V_PXOR, X0, sb, X2);
        x86_v_rrr(e, X86V_PXOR, X1, sc, X2);
        if (k == IR_V_CMHI) {
            x86_v_rrr(e, X86V_PCMPGTQ, X0, X0, X1);
        } else {
            x86_v_rrr(e, X86V_PCMPGTQ, X0, X1, X0);
            vnot(J, X0);
        }
        break;
    case IR_V_CMTST:
        x86_v_rrr(e, X86V_PAND, X0, sb, sc);
        x86_v_rrr(e, X86V_PXOR, X1, X1, X1);
        x86_v_rrr(e, op_cmpeq[es], X0, X0, X1);
        vnot(J, X0);
        break;
    case IR_V_UMAX: x86_v_rrr(e, op_maxu[es], X0, sb, sc); break;
    case IR_V_UMIN: x86_v_rrr(e, op_minu[es], X0, sb, sc); break;
    case IR_V_SMAX: x86_v_rrr(e, op_maxs[es], X0, sb, sc); break;
    case IR_V_SMIN: x86_v_rrr(e, op_mins[es], X0, sb, sc); break;
    }
    return bytes;
}

/* ---- the cryptographic extension (AES-NI, SHA-NI, PCLMULQDQ) ---- */

static bool crypto_supported(int k)
{
    switch (k) {
    case IR_V_AESE: case IR_V_AESD: case IR_V_AESMC: case IR_V_AESIMC:
        return x86_has_aes;
    case IR_V_PMULL64:
        return x86_has_pclmul;
    case IR_V_SHA1H: case IR_V_SHA1SU0: /* shifts and xors */
        return true;
    default:
        return x86_has_sha;
    }
}

/* SHA1RNDS4 adds the round constant K of its function; SHA1C/P/M do not
 * (Arm software adds K to W itself), so W gets -K first. */
static const uint32_t sha1_negk[3][4] __attribute__((aligned(16))) = {
    {0xa57d8667u, 0xa57d8667u, 0xa57d8667u, 0xa57d8667u}, /* -0x5a827999 */
    {0x9126145fu, 0x9126145fu, 0x9126145fu, 0x9126145fu}, /* -0x6ed9eba1 */
    {0x70e44324u, 0x70e44324u, 0x70e44324u, 0x70e44324u}, /* -0x8f1bbcdc */
};

/*
 * Computes a crypto kind into xmm0 (16 bytes).  Arm and x86 number the
 * AES state bytes alike (byte i = row i % 4, column i / 4), so:
 * AESE = AESENCLAST(Vd ^ Vn, 0), AESD = AESDECLAST(Vd ^ Vn, 0), AESIMC =
 * AESIMC, and AESMC = AESENC(AESDECLAST(Vn, 0), 0) (the inverse and
 * forward SubBytes/ShiftRows cancel, leaving MixColumns).  The x86 SHA
 * instructions keep words in the opposite lane order (a in bits
 * 127:96): SHA256RNDS2 takes {A,B,E,F} and {C,D,G,H} (packed from Arm's
 * X = {a,b,c,d}, Y = {e,f,g,h} with shufps) and two WK words in xmm0;
 * SHA256MSG1 is SHA256SU0 and SHA256MSG2(Vd + {Vn.s[1..3], Vm.s[0]}, Vm)
 * is SHA256SU1 as they stand; SHA1RNDS4 and SHA1MSG2 work on
 * dword-reversed operands.
 */
static int lower_crypto(JitCtx *J, IRInst *in, int k)
{
    XE *e = &J->e;
    switch (k) {
    case IR_V_AESE: case IR_V_AESD: {
        int d = vsrc(J, X0, in->a, 16), n = vsrc(J, X1, in->b, 16);
        x86_v_rrr(e, X86V_PXOR, X0, d, n);
        x86_v_rrr(e, X86V_PXOR, X1, X1, X1);
        x86_v_rrr(e, k == IR_V_AESE ? X86V_AESENCLAST : X86V_AESDECLAST, X0, X0, X1);
        return 16;
    }
    case IR_V_AESMC: {
        int n = vsrc(J, X0, in->b, 16);
        x86_v_rrr(e, X86V_PXOR, X1, X1, X1);
        x86_v_rrr(e, X86V_AESDECLAST, X0, n, X1);
        x86_v_rrr(e, X86V_AESENC, X0, X0, X1);
        return 16;
    }
    case IR_V_AESIMC:
        x86_v_rrr(e, X86V_AESIMC, X0, 0, vsrc(J, X0, in->b, 16));
        return 16;
    case IR_V_PMULL64: {
        int n = vsrc(J, X0, in->b, 16), m = vsrc(J, X1, in->c, 16);
        rrri(J, X86V_PCLMULQDQ, X0, n, m, (int)in->d & 0x11);
        return 16;
    }
    case IR_V_SHA1H: { /* ROL(s[0], 30), lanes 1..3 zeroed */
        int n = vsrc(J, X0, in->b, 16);
        x86_v_shift_ri(e, 0x72, 6, X1, n, 30);
        x86_v_shift_ri(e, 0x72, 2, X0, n, 2);
        x86_v_rrr(e, X86V_POR, X0, X0, X1);
        rrri(J, X86V_INSERTPS, X0, X0, X0, 0x0e);
        return 16;
    }
    case IR_V_SHA1SU0: { /* {d2, d3, n0, n1} ^ Vd ^ Vm */
        int d = vsrc(J, X1, in->a, 16), n = vsrc(J, X2, in->b, 16);
        rrri(J, X86V_PALIGNR, X0, n, d, 8);
        x86_v_rrr(e, X86V_PXOR, X0, X0, d);
        x86_v_rrr(e, X86V_PXOR, X0, X0, vsrc(J, X1, in->c, 16));
        return 16;
    }
    case IR_V_SHA1SU1:
        rrri(J, X86V_PSHUFD, X0, 0, vsrc(J, X0, in->a, 16), 0x1b);
        rrri(J, X86V_PSHUFD, X1, 0, vsrc(J, X1, in->b, 16), 0x1b);
        x86_sha_rr(e, X86_SHA1MSG2, X0, X1);
        rrri(J, X86V_PSHUFD, X0, 0, X0, 0x1b);
        return 16;
    case IR_V_SHA1C: case IR_V_SHA1P: case IR_V_SHA1M: {
        int f = k - IR_V_SHA1C; /* Choose, Parity, Majority = 0, 1, 2 */
        rrri(J, X86V_PSHUFD, X1, 0, vsrc(J, X1, in->c, 16), 0x1b);
        kop(J, X86V_PADDD, X1, X1, sha1_negk[f]);
        x86_v_shift_ri(e, 0x73, 7, X2, vsrc(J, X2, in->b, 16), 12); /* e on top */
        x86_v_rrr(e, X86V_PADDD, X1, X1, X2);
        rrri(J, X86V_PSHUFD, X0, 0, vsrc(J, X0, in->a, 16), 0x1b);
        x86_sha1rnds4(e, X0, X1, f);
        rrri(J, X86V_PSHUFD, X0, 0, X0, 0x1b);
        return 16;
    }
    case IR_V_SHA256H: case IR_V_SHA256H2: {
        bool h2 = k == IR_V_SHA256H2;
        int x = vsrc(J, X1, h2 ? in->b : in->a, 16);
        int y = vsrc(J, X2, h2 ? in->a : in->b, 16);
        rrri(J, X86V_SHUFPS, X3, y, x, 0x11); /* {F, E, B, A} */
        rrri(J, X86V_SHUFPS, X4, y, x, 0xbb); /* {H, G, D, C} */
        int w = vsrc(J, X0, in->c, 16);
        if (w != X0)
            x86_v_rrr(e, X86V_MOVDQU_LD, X0, 0, w);
        x86_sha_rr(e, X86_SHA256RNDS2, X4, X3); /* X4 = ABEF, X3 = CDGH */
        rrri(J, X86V_PSHUFD, X0, 0, X0, 0x0e);
        x86_sha_rr(e, X86_SHA256RNDS2, X3, X4); /* X3 = ABEF, X4 = CDGH */
        rrri(J, X86V_SHUFPS, X0, X3, X4, h2 ? 0x11 : 0xbb);
        return 16;
    }
    case IR_V_SHA256SU0:
        vld(J, X0, in->a, 16);
        x86_sha_rr(e, X86_SHA256MSG1, X0, vsrc(J, X1, in->b, 16));
        return 16;
    default: { /* SHA256SU1 */
        int n = vsrc(J, X2, in->b, 16), m = vsrc(J, X3, in->c, 16);
        rrri(J, X86V_PALIGNR, X1, m, n, 4); /* {n1, n2, n3, m0} */
        x86_v_rrr(e, X86V_PADDD, X0, vsrc(J, X4, in->a, 16), X1);
        x86_sha_rr(e, X86_SHA256MSG2, X0, m);
        return 16;
    }
    }
}

/* ---- floating-point kinds ---- */

/* Result check constants (see the header comment): per 32-bit word,
 * and-mask, addend and threshold - 1; a lane is good when (lane & mask) +
 * addend > threshold - 1 as signed 32-bit integers (for a double, its
 * high word decides).  Words not checked use mask 0, addend 0 and
 * threshold - 1 = -1 (always good).  The strict variant (IXC clear,
 * FMUL) asks for a larger magnitude, so the product's error term
 * computed by FMA cannot underflow: |p| >= 2^-100 (single) or 2^-960
 * (double) makes the factors' exponents sum >= -103 / -970, and the
 * error, a multiple of ulp(a)*ulp(b), is then exactly representable. */
typedef struct FChk {
    uint32_t mask[4], add[4], thr[4];
} FChk;
/* [strict][double][lanes]: strict biased exponent >= 27 (single) or
 * >= 63 (double), else >= 2. */
static const FChk fchk[2][2][5] __attribute__((aligned(16))) = {
{{
    {{0}},
    {{0x7fffffffu, 0, 0, 0},
     {0x00800000u, 0, 0, 0},
     {0x017fffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {{0x7fffffffu, 0x7fffffffu, 0, 0},
     {0x00800000u, 0x00800000u, 0, 0},
     {0x017fffffu, 0x017fffffu, 0xffffffffu, 0xffffffffu}},
    {{0}},
    {{0x7fffffffu, 0x7fffffffu, 0x7fffffffu, 0x7fffffffu},
     {0x00800000u, 0x00800000u, 0x00800000u, 0x00800000u},
     {0x017fffffu, 0x017fffffu, 0x017fffffu, 0x017fffffu}},
}, {
    {{0}},
    {{0, 0x7fffffffu, 0, 0},
     {0, 0x00100000u, 0, 0},
     {0xffffffffu, 0x002fffffu, 0xffffffffu, 0xffffffffu}},
    {{0, 0x7fffffffu, 0, 0x7fffffffu},
     {0, 0x00100000u, 0, 0x00100000u},
     {0xffffffffu, 0x002fffffu, 0xffffffffu, 0x002fffffu}},
    {{0}},
    {{0}},
}},
{{
    {{0}},
    {{0x7fffffffu, 0, 0, 0},
     {0x00800000u, 0, 0, 0},
     {0x0dffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
    {{0x7fffffffu, 0x7fffffffu, 0, 0},
     {0x00800000u, 0x00800000u, 0, 0},
     {0x0dffffffu, 0x0dffffffu, 0xffffffffu, 0xffffffffu}},
    {{0}},
    {{0x7fffffffu, 0x7fffffffu, 0x7fffffffu, 0x7fffffffu},
     {0x00800000u, 0x00800000u, 0x00800000u, 0x00800000u},
     {0x0dffffffu, 0x0dffffffu, 0x0dffffffu, 0x0dffffffu}},
}, {
    {{0}},
    {{0, 0x7fffffffu, 0, 0},
     {0, 0x00100000u, 0, 0},
     {0xffffffffu, 0x03ffffffu, 0xffffffffu, 0xffffffffu}},
    {{0, 0x7fffffffu, 0, 0x7fffffffu},
     {0, 0x00100000u, 0, 0x00100000u},
     {0xffffffffu, 0x03ffffffu, 0xffffffffu, 0x03ffffffu}},
    {{0}},
    {{0}},
}},
};

/* Sign bit of element 0 (single, double), for negation. */
static const uint32_t ksign[2][4] __attribute__((aligned(16))) = {
    {0x80000000u, 0, 0, 0},
    {0, 0x80000000u, 0, 0},
};

/* Absolute-value masks (single, double) and all ones, for vptest. */
static const uint32_t kabs[3][4] __attribute__((aligned(16))) = {
    {0x7fffffffu, 0x7fffffffu, 0x7fffffffu, 0x7fffffffu},
    {0xffffffffu, 0x7fffffffu, 0xffffffffu, 0x7fffffffu},
    {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
};

static bool fp_supported(int k, int es, bool sub, bool sc, bool std)
{
    if (std) /* the AArch32 Advanced SIMD forms (see std_guard) */
        return es == 2 && !sc &&
               (k == IR_V_FADD || k == IR_V_FSUB || k == IR_V_FMUL ||
                k == IR_V_VMLA || k == IR_V_VMLS ||
                (k >= IR_V_FCMEQ && k <= IR_V_FCMGT) ||
                ((k == IR_V_FMLA || k == IR_V_FMLS) && x86_has_fma));
    if (es != 2 && es != 3)
        return false;
    if (sub && !((k >= IR_V_FADD && k <= IR_V_FDIV) || k == IR_V_FSQRT ||
                 (k >= IR_V_FMADD && k <= IR_V_FNMSUB) || k >= IR_V_VMLA))
        return false;
    if (k >= IR_V_VMLA)
        return sub;
    if (k == IR_V_FCMP || k == IR_V_FSQRT)
        return true;
    if (k == IR_V_FMLA || k == IR_V_FMLS || (k >= IR_V_FMADD && k <= IR_V_FNMSUB))
        return x86_has_fma;
    return k >= IR_V_FADD && k <= IR_V_FCMGT;
}

/* jnz/jz to the slow path, collected for patching. */
typedef struct Slow {
    uint8_t *j[8];
    int n;
} Slow;

static void to_slow(JitCtx *J, Slow *sl, X86Cond cc)
{
    sl->j[sl->n++] = x86_jcc32(&J->e, cc);
}

/* Bad lanes of xmm0 (see FChk) go to the slow path; uses xmm3. */
static void range_check(JitCtx *J, const FChk *c, Slow *sl)
{
    kop(J, X86V_PAND, X3, X0, c->mask);
    kop(J, X86V_PADDD, X3, X3, c->add);
    kop(J, X86V_PCMPGTD, X3, X3, c->thr);
    kop(J, X86V_PTEST, X3, 0, kabs[2]); /* CF: all lanes good */
    to_slow(J, sl, X86_CC_AE);
}

/* Single-precision lanes: exponent field 0 with a nonzero fraction
 * (a denormal) is bad; zero, normal, infinite and NaN lanes are fine. */
static const uint32_t kfrac_max[4] __attribute__((aligned(16))) = {
    0x007fffffu, 0x007fffffu, 0x007fffffu, 0x007fffffu};

/* The guard of the standard-FPSCR forms (IR_VS_STD): FZ = 1 flushes
 * denormal operands to zero and raises IDC, which the host does not
 * do, so every operand lane must be zero or not denormal (then the
 * operation sees the same operands on both; the result check that
 * follows keeps the result away from where FZ and DN act: a normal
 * result >= 2 * the smallest normal is not flushed, not a NaN).  The
 * mode needs no check: it is fixed.  Uses xmm1..xmm4. */
static void std_guard(JitCtx *J, IRInst *in, int k, int bytes, bool sub, Slow *sl)
{
    XE *e = &J->e;
    uint32_t regs[3] = {in->b, in->c, in->a};
    int n = (k == IR_V_FMLA || k == IR_V_FMLS || k == IR_V_VMLA || k == IR_V_VMLS) ? 3 : 2;
    x86_v_rrr(e, X86V_PXOR, X4, X4, X4);
    for (int i = 0; i < n; i++) {
        int r = fsrc(J, X1, regs[i], bytes, sub);
        kop(J, X86V_PAND, X2, r, kabs[0]);
        kop(J, X86V_PCMPGTD, X3, X2, kfrac_max); /* exponent != 0 */
        x86_v_rrr(e, X86V_PCMPEQD, X2, X2, X4);  /* zero */
        x86_v_rrr(e, X86V_POR, X2, X2, X3);
        if (i)
            x86_v_rrr(e, X86V_PAND, X0, X0, X2);
        else
            x86_v_rrr(e, X86V_POR, X0, X2, X2);
    }
    kop(J, X86V_PTEST, X0, 0, kabs[2]); /* CF: every lane good */
    to_slow(J, sl, X86_CC_AE);
}

/* FCMP/FCMPE: NZCV to env (not to Vd).  Inline when FPCR.FZ = 0 (no
 * input flushing, so no IDC) and the operands are ordered: then neither
 * form raises a flag and NZCV is N = less, Z = equal, C = !less, V = 0
 * (Arm ARM FPCompare), from ucomis' CF and ZF.  NaN operands (IOC rules
 * differ between FCMP and FCMPE) take the helper. */
static void lower_fcmp(JitCtx *J, IRInst *in, bool dbl, bool sub, Slow *sl)
{
    XE *e = &J->e;
    uint32_t fpcr = (uint32_t)(in->imm2 >> 32) & 0xffff;
    /* IR_V_VCMP: zero flag in d bit 0, the NZCV word at d >> 1 */
    bool zero = sub ? (in->d & 1) : in->d != 0;
    uint32_t dst = sub ? (uint32_t)in->d >> 1 : J->gi->env_nzcv;
    x86_test_mi(e, 4, x86_mem(X86_RBX, (int32_t)fpcr), (int32_t)FPCR_FZ_BIT);
    to_slow(J, sl, X86_CC_NE);
    int n1 = fsrc(J, X0, in->b, dbl ? 8 : 4, sub), n2 = X1;
    if (zero)
        x86_v_rrr(e, X86V_PXOR, X1, X1, X1);
    else
        n2 = fsrc(J, X1, in->c, dbl ? 8 : 4, sub);
    x86_alu_rr(e, X86_XOR, 4, X86_RAX, X86_RAX);
    x86_alu_rr(e, X86_XOR, 4, X86_RCX, X86_RCX);
    x86_v_rrr(e, dbl ? X86V_UCOMISD : X86V_UCOMISS, n1, 0, n2);
    to_slow(J, sl, X86_CC_P); /* unordered */
    x86_setcc(e, X86_CC_B, X86_RAX);
    x86_setcc(e, X86_CC_E, X86_RCX);
    /* index 2*less + equal selects nibble 2 (0010 greater), 6 (0110
     * equal) or 8 (1000 less) of 0x862 */
    x86_lea(e, 4, X86_RCX, x86_mem_idx(X86_RCX, X86_RAX, 2, 0));
    x86_shift_ri(e, X86_SHL, 4, X86_RCX, 2);
    x86_mov_ri(e, X86_RAX, 0x862);
    x86_shift_cl(e, X86_SHR, 4, X86_RAX);
    x86_shift_ri(e, X86_SHL, 4, X86_RAX, 28);
    x86_store(e, 4, x86_mem(X86_RBX, (int32_t)dst), X86_RAX);
}

/* Computes an FP kind into xmm0 with its checks; returns bytes of Vd. */
static int lower_fp(JitCtx *J, IRInst *in, int k, int es, bool q, bool sc, bool sub,
                    Slow *sl)
{
    XE *e = &J->e;
    bool dbl = es == 3;
    int bytes = sc ? (dbl ? 8 : 4) : q ? 16 : 8;
    int lanes = sc ? 1 : bytes >> es;
    uint32_t fpcr = (uint32_t)(in->imm2 >> 32) & 0xffff;
    uint32_t fpsr = (uint32_t)(in->imm2 >> 48);
    bool cmp = k >= IR_V_FCMEQ && k <= IR_V_FCMGT;
    if (IR_VS_ISSTD(in->size)) {
        std_guard(J, in, k, bytes, sub, sl);
    } else {
        x86_test_mi(e, 4, x86_mem(X86_RBX, (int32_t)fpcr),
                    (int32_t)(cmp ? FPCR_FZ_BIT : FPCR_MODE_MASK));
        to_slow(J, sl, X86_CC_NE);
    }
    if (cmp) {
        fld(J, X0, in->b, bytes, sub);
        fld(J, X1, in->c, bytes, sub);
        int cop = dbl ? X86V_CMPPD : X86V_CMPPS;
        x86_v_rrr(e, cop, X2, X0, X1);
        x86_b(e, 3); /* UNORD_Q: a NaN in some lane */
        x86_v_rrr(e, X86V_PTEST, X2, 0, X2);
        to_slow(J, sl, X86_CC_NE);
        x86_v_rrr(e, cop, X0, X0, X1);
        x86_b(e, k == IR_V_FCMEQ ? 0x00 : k == IR_V_FCMGE ? 0x0d : 0x0e);
        return bytes; /* EQ_OQ, GE_OS, GT_OS: no NaN here, no flag */
    }
    static const int arith[4][2][2] = { /* [op][double][scalar] */
        {{X86V_ADDPS, X86V_ADDSS}, {X86V_ADDPD, X86V_ADDSD}},
        {{X86V_SUBPS, X86V_SUBSS}, {X86V_SUBPD, X86V_SUBSD}},
        {{X86V_MULPS, X86V_MULSS}, {X86V_MULPD, X86V_MULSD}},
        {{X86V_DIVPS, X86V_DIVSS}, {X86V_DIVPD, X86V_DIVSD}},
    };
    /* operands in n1, n2 (xmm1, xmm2 or cache registers, read only; the
     * accumulator in xmm0); result xmm0 */
    int n1 = X1, n2 = X2;
    switch (k) {
    case IR_V_FADD: case IR_V_FSUB: case IR_V_FMUL: case IR_V_FDIV:
        n1 = fsrc(J, X1, in->b, bytes, sub);
        n2 = fsrc(J, X2, in->c, bytes, sub);
        x86_v_rrr(e, arith[k - IR_V_FADD][dbl][sc], X0, n1, n2);
        break;
    case IR_V_FSQRT: /* correctly rounded on both; a normal result >= 2 *
                        min normal has a positive, finite operand */
        n1 = fsrc(J, X1, in->b, bytes, sub);
        x86_v_rrr(e, dbl ? X86V_SQRTSD : X86V_SQRTSS, X0, n1, n1);
        break;
    case IR_V_FMLA: case IR_V_FMLS: /* Vd = Vd +- Vn * Vm, one rounding */
        fld(J, X0, in->a, bytes, sub);
        n1 = fsrc(J, X1, in->b, bytes, sub);
        n2 = fsrc(J, X2, in->c, bytes, sub);
        x86_v_rrr(e, k == IR_V_FMLA ? (dbl ? X86V_VFMADD231PD : X86V_VFMADD231PS)
                                    : (dbl ? X86V_VFNMADD231PD : X86V_VFNMADD231PS),
                  X0, n1, n2);
        break;
    case IR_V_VMLA: case IR_V_VMLS: case IR_V_VNMLA: case IR_V_VNMLS:
        /* P = n*m must itself be a safe normal (then it raised at most
         * IXC, and IXC is required set below); Vd loads over n's copy */
        n1 = fsrc(J, X1, in->b, bytes, sub);
        n2 = fsrc(J, X2, in->c, bytes, sub);
        x86_v_rrr(e, arith[2][dbl][sc], X0, n1, n2);
        range_check(J, &fchk[0][dbl][lanes], sl);
        fld(J, X1, in->a, bytes, sub);
        if (k == IR_V_VMLA || k == IR_V_VNMLA)
            x86_v_rrr(e, arith[0][dbl][sc], X0, X1, X0);
        else if (k == IR_V_VMLS)
            x86_v_rrr(e, arith[1][dbl][sc], X0, X1, X0);
        else
            x86_v_rrr(e, arith[1][dbl][sc], X0, X0, X1);
        /* -Vd - P = -(Vd + P) exactly (RN is symmetric) unless the sum
         * is zero, which the range check below sends to the helper */
        if (k == IR_V_VNMLA)
            kop(J, X86V_PXOR, X0, X0, ksign[dbl]);
        break;
    default: { /* FMADD Va + n*m, FMSUB Va - n*m, FNMADD -Va - n*m,
                  FNMSUB -Va + n*m: the 231 forms with Va as accumulator */
        static const int fma[4][2] = {
            {X86V_VFMADD231SS, X86V_VFMADD231SD},
            {X86V_VFNMADD231SS, X86V_VFNMADD231SD},
            {X86V_VFNMSUB231SS, X86V_VFNMSUB231SD},
            {X86V_VFMSUB231SS, X86V_VFMSUB231SD},
        };
        fld(J, X0, in->d, bytes, sub);
        n1 = fsrc(J, X1, in->b, bytes, sub);
        n2 = fsrc(J, X2, in->c, bytes, sub);
        x86_v_rrr(e, fma[k - IR_V_FMADD][dbl], X0, n1, n2);
        break;
    }
    }
    /* every written lane normal and >= 2 * min normal */
    range_check(J, &fchk[0][dbl][lanes], sl);
    X86Mem ixc = x86_mem(X86_RBX, (int32_t)fpsr);
    if (k != IR_V_FADD && k != IR_V_FSUB && (k != IR_V_FMUL || !x86_has_fma)) {
        x86_test_mi(e, 1, ixc, FPSR_IXC_BIT); /* IXC clear: the helper */
        to_slow(J, sl, X86_CC_E);
        return bytes;
    }
    /* IXC clear: commit only an exact result (unused lanes hold zeros
     * and give a zero error) */
    x86_test_mi(e, 1, ixc, FPSR_IXC_BIT);
    uint8_t *known = x86_jcc32(e, X86_CC_NE);
    if (k == IR_V_FMUL) { /* error a*b - p by FMA, exact in the strict range */
        range_check(J, &fchk[1][dbl][lanes], sl);
        x86_v_rrr(e, X86V_POR, X3, X0, X0);
        x86_v_rrr(e, dbl ? X86V_VFMSUB231PD : X86V_VFMSUB231PS, X3, n1, n2);
    } else { /* TwoSum: s = a + y; bv = s - a; av = s - bv;
                err = (a - av) + (y - bv), with y = -b for FSUB */
        int add = dbl ? X86V_ADDPD : X86V_ADDPS, sub = dbl ? X86V_SUBPD : X86V_SUBPS;
        x86_v_rrr(e, sub, X3, X0, n1);
        x86_v_rrr(e, sub, X4, X0, X3);
        x86_v_rrr(e, sub, X4, n1, X4);
        if (k == IR_V_FADD) {
            x86_v_rrr(e, sub, X3, n2, X3);
            x86_v_rrr(e, add, X3, X4, X3);
        } else {
            x86_v_rrr(e, add, X3, n2, X3);
            x86_v_rrr(e, sub, X3, X4, X3);
        }
    }
    kop(J, X86V_PTEST, X3, 0, kabs[dbl]); /* any nonzero error */
    to_slow(J, sl, X86_CC_NE);
    x86_set_rel32(known, e->p);
    return bytes;
}

/* ---- VTRN / VUZP / VZIP: two results ---- */

/* TRN: per 2-lane pair, the low-lane mask (B: words of 0x00ff, H: dwords
 * of 0xffff, S: qwords of 2^32 - 1). */
static const uint32_t trn_low[3][4] __attribute__((aligned(16))) = {
    {0x00ff00ffu, 0x00ff00ffu, 0x00ff00ffu, 0x00ff00ffu},
    {0x0000ffffu, 0x0000ffffu, 0x0000ffffu, 0x0000ffffu},
    {0xffffffffu, 0, 0xffffffffu, 0},
};

/* New Vd to xmm0 and new Vm to xmm1, from Vd and Vm (D registers: the
 * operation in bits 63:0, garbage above).  TRN: Vd' = the even lanes of
 * Vd with Vm's even lanes above them, Vm' = the odd lanes of Vd below
 * Vm's odd ones, by shifts within lane pairs.  ZIP (interleave): Q from
 * punpckl/h; a D pair is punpckl's 16 bytes.  UZP: even and odd lanes
 * of the concatenation Vm:Vd, as UZP1/UZP2. */
static void lower_perm2(JitCtx *J, IRInst *in, int k, int es, bool sub)
{
    static const int lo[3] = {X86V_PUNPCKLBW, X86V_PUNPCKLWD, X86V_PUNPCKLDQ};
    static const int hi[3] = {X86V_PUNPCKHBW, X86V_PUNPCKHWD, X86V_PUNPCKHDQ};
    XE *e = &J->e;
    int bytes = sub ? 8 : 16;
    int d = isrc(J, X2, in->a, bytes, sub), m = isrc(J, X3, in->b, bytes, sub);
    if (k == IR_V_TRN) {
        int grp = 0x71 + es, eb = 8 << es; /* psll/psrl w, d, q by esize */
        x86_v_shift_ri(e, grp, 6, X4, m, eb);
        kop(J, X86V_PAND, X0, d, trn_low[es]);
        x86_v_rrr(e, X86V_POR, X0, X0, X4);      /* d.even | m.even << eb */
        kop(J, X86V_PAND, X1, m, trn_low[es]);
        x86_v_rrr(e, X86V_PXOR, X1, X1, m);      /* m.odd in place */
        x86_v_shift_ri(e, grp, 2, X4, d, eb);
        x86_v_rrr(e, X86V_POR, X1, X1, X4);      /* d.odd >> eb | m.odd */
    } else if (k == IR_V_ZIP) {
        if (sub) {
            x86_v_rrr(e, lo[es], X0, d, m);
            x86_v_rrr(e, X86V_PUNPCKHQDQ, X1, X0, X0);
        } else {
            x86_v_rrr(e, hi[es], X1, d, m);
            x86_v_rrr(e, lo[es], X0, d, m);
        }
    } else if (sub) { /* UZP of D registers: one 16-byte deinterleave */
        x86_v_rrr(e, X86V_PUNPCKLQDQ, X0, d, m);
        kop(J, X86V_PSHUFB, X0, X0, deint_mask[es]);
        x86_v_rrr(e, X86V_PUNPCKHQDQ, X1, X0, X0);
    } else {
        kop(J, X86V_PSHUFB, X0, d, deint_mask[es]);
        kop(J, X86V_PSHUFB, X4, m, deint_mask[es]);
        x86_v_rrr(e, X86V_PUNPCKHQDQ, X1, X0, X4);
        x86_v_rrr(e, X86V_PUNPCKLQDQ, X0, X0, X4);
    }
    /* both results to env; the cache keeps Q results, forgets D ones */
    if (sub) {
        x86_v_rrm(e, X86V_MOVQ_ST, X0, 0, submem(J, in->a, 8));
        x86_v_rrm(e, X86V_MOVQ_ST, X1, 0, submem(J, in->b, 8));
        xvec_forget_env(J, J->gi->env_vregs + 8 * (uint64_t)in->a, 8);
        xvec_forget_env(J, J->gi->env_vregs + 8 * (uint64_t)in->b, 8);
        return;
    }
    x86_v_rrm(e, X86V_MOVDQU_ST, X0, 0, vmem(J, in->a, 0));
    x86_v_rrm(e, X86V_MOVDQU_ST, X1, 0, vmem(J, in->b, 0));
    x86_v_rrr(e, X86V_MOVDQU_LD, vc_assign(J, in->a, 16), 0, X0);
    x86_v_rrr(e, X86V_MOVDQU_LD, vc_assign(J, in->b, 16), 0, X1);
}

void xvec_lower(JitCtx *J, IRInst *in)
{
    XE *e = &J->e;
    int k = in->flags, es = IR_VS_ESZ(in->size);
    bool q = IR_VS_Q(in->size), sc = IR_VS_SCALAR(in->size), sub = IR_VS_SUB(in->size);
    xfl_clobber(J);
    bool fp = k >= IR_V_FADD && k <= IR_V_VCMP;
    bool cr = k >= IR_V_AESE && k <= IR_V_PMULL64;
    if (!x86_has_avx ||
        (cr ? !crypto_supported(k)
         : fp ? !fp_supported(k, es, sub, sc, IR_VS_ISSTD(in->size))
              : sc || !int_supported(k, es, q, sub))) {
        call_helper(J, in);
        xvec_forget(J);
        if (k == IR_V_FCMP)
            J->flags = FL_ENV;
        return;
    }
    Slow sl = {.n = 0};
    if (k >= IR_V_TRN && k <= IR_V_ZIP) {
        lower_perm2(J, in, k, es, sub);
        return;
    }
    if (k == IR_V_FCMP || k == IR_V_VCMP) {
        lower_fcmp(J, in, es == 3, sub, &sl);
        uint8_t *done = x86_jmp32(e);
        for (int i = 0; i < sl.n; i++)
            x86_set_rel32(sl.j[i], e->p);
        call_helper(J, in);
        vc_reload(J);
        x86_set_rel32(done, e->p);
        if (k == IR_V_FCMP)
            J->flags = FL_ENV; /* NZCV written to env on both paths */
        return;
    }
    int bytes = cr   ? lower_crypto(J, in, k)
                : fp ? lower_fp(J, in, k, es, q, sc, sub, &sl)
                     : lower_int(J, in, k, es, q, sub);
    if (sub && !sc) {
        /* one D register: its Q register stays cached, the new half
         * merged in (or the other half loaded from env), so a following
         * 16-byte read needs no reload of a just-stored half */
        uint32_t qn = (uint32_t)in->a >> 1;
        bool hi = in->a & 1;
        x86_v_rrm(e, X86V_MOVQ_ST, X0, 0, submem(J, in->a, 8));
        int c = vc_find(J, qn);
        if (c >= 0) {
            if (hi) {
                x86_v_rrr(e, X86V_PUNPCKLQDQ, c, c, X0);
            } else {
                x86_v_rrr(e, X86V_PUNPCKHQDQ, X1, c, c);
                x86_v_rrr(e, X86V_PUNPCKLQDQ, c, X0, X1);
            }
        } else {
            x86_v_rrm(e, X86V_MOVQ_LD, X1, 0, submem(J, (uint32_t)in->a ^ 1, 8));
            c = vc_assign(J, qn, 16);
            if (hi)
                x86_v_rrr(e, X86V_PUNPCKLQDQ, c, X1, X0);
            else
                x86_v_rrr(e, X86V_PUNPCKLQDQ, c, X0, X1);
        }
        J->vc_bytes[c] = 16;
    } else if (sub) { /* only the sub-register: cached copies of its Q are stale */
        x86_v_rrm(e, bytes == 8 ? X86V_MOVQ_ST : X86V_MOVD_ST, X0, 0,
                  submem(J, in->a, bytes));
        xvec_forget_env(J, J->gi->env_vregs + (uint64_t)bytes * in->a, bytes);
    } else {
        if (bytes == 8 && !sc)
            x86_v_rrr(e, X86V_MOVQ_LD, X0, 0, X0); /* zero bits 127:64 */
        /* scalar results: the loads zeroed the upper lanes and the scalar
         * ops keep them from the first source */
        x86_v_rrm(e, X86V_MOVDQU_ST, X0, 0, vmem(J, in->a, 0));
        x86_v_rrr(e, X86V_MOVDQU_LD, vc_assign(J, in->a, bytes), 0, X0);
    }
    if (!sl.n)
        return;
    uint8_t *done = x86_jmp32(e);
    for (int i = 0; i < sl.n; i++)
        x86_set_rel32(sl.j[i], e->p);
    call_helper(J, in);
    vc_reload(J);
    x86_set_rel32(done, e->p);
}
