/*
 * cpu/aarch64/simd-internal.h - shared plumbing of the AdvSIMD translator
 * files (cpu/aarch64/simd-*.c, crypto.c).  Not a contract header: only
 * the simd files include it.
 *
 * Model: most rows translate to one call of a C helper that gets
 * (env, insn) and recomputes its operands from the encoding, so a
 * translator is one line (SIMD_ROW).  Helpers touch only vector
 * registers, FPSR and memory, so the calls are IR_CALL_NOGPR
 * (a64_call_insn_v): guest general registers stay in host registers.  Helpers copy their sources before
 * writing the destination (Vd may alias Vn/Vm) and finish with
 * simd_set(), which implements the Arm ARM rule that a write of a 64-bit
 * vector (Q=0) or of a scalar zeroes the rest of the 128-bit register.
 *
 * Element loops are written once as an expression and instantiated for
 * each element size by SIMD_FOR_SIZE; inside the expression `a`, `b`, `d`
 * are the unsigned lanes of Vn, Vm and the old Vd, `sa`, `sb`, `sd` their
 * signed views and EB the element width in bits.
 */
#ifndef EMU_CPU_AARCH64_SIMD_INTERNAL_H
#define EMU_CPU_AARCH64_SIMD_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cpu/aarch64/cpu.h"
#include "cpu/aarch64/translate.h"
#include "cpu/simd-elem.h"

#define SIMD_RD(i) ((int)((i) & 31))
#define SIMD_RN(i) ((int)(((i) >> 5) & 31))
#define SIMD_RM(i) ((int)(((i) >> 16) & 31))
#define SIMD_Q(i) ((int)(((i) >> 30) & 1))
#define SIMD_U(i) ((int)(((i) >> 29) & 1))
#define SIMD_SIZE(i) ((int)(((i) >> 22) & 3))
/* Bit 28 separates the AdvSIMD scalar groups (01x11110..., 01x11111...)
 * from the vector groups (0Qx01110..., 0Qx01111...). */
#define SIMD_SCALAR(i) ((int)(((i) >> 28) & 1))

typedef uint64_t (*SimdHelper)(void *env, uint64_t insn, uint64_t a,
                               uint64_t b, uint64_t c);

#define SIMD_HELPER(name)                                                     \
    static uint64_t name(void *env_, uint64_t insn_, uint64_t a_, uint64_t b_, \
                         uint64_t c_)

/* Element-size conditions of the rows (field 's' = size): which sizes an
 * encoding allocates.  A 64-bit element with Q=0 (1D) is reserved. */
#define V_ANY (F('s') != 3 || F('Q'))     /* B..D, 1D reserved */
#define V_NO64 (F('s') != 3)              /* B, H, S only */
#define V_HS (F('s') == 1 || F('s') == 2) /* H, S only */
#define S_D (F('s') == 3)                 /* scalar: D only */

/* A translator that checks VALID (an expression over the row's fields,
 * false = unallocated encoding) and calls FN(env, insn). */
#define SIMD_ROW(NAME, FN, VALID)                                             \
    bool a64_trans_##NAME(A64Ctx *s, const A64Fields *f)                      \
    {                                                                         \
        (void)f;                                                              \
        if (!(VALID))                                                         \
            return false;                                                     \
        a64_call_insn_v(s, (void *)(FN), 0, 0, 0);                            \
        return true;                                                          \
    }

/* A valid encoding emu does not implement: guest SIGILL, -d unimp log. */
#define SIMD_UNIMP(NAME)                                                      \
    bool a64_trans_##NAME(A64Ctx *s, const A64Fields *f)                      \
    {                                                                         \
        (void)f;                                                              \
        return a64_undef(s, true);                                            \
    }

/* Writes the low `bytes` bytes of r to V[rd] and zeroes the rest. */
static inline void simd_set(A64State *env, int rd, const A64Vreg *r, int bytes)
{
    if (bytes == 16) {
        env->v[rd] = *r;
        return;
    }
    A64Vreg t = {.q = 0};
    memcpy(t.b, r->b, (size_t)bytes);
    env->v[rd] = t;
}

/* Bytes of the operation: esize for scalar forms, 8 or 16 by Q. */
static inline int simd_bytes(uint32_t insn, int size)
{
    if (SIMD_SCALAR(insn))
        return 1 << size;
    return SIMD_Q(insn) ? 16 : 8;
}

static inline void simd_qc(A64State *env)
{
    env->fpsr |= SIMD_FPSR_QC;
}

/* SignedSatQ / UnsignedSatQ (cpu/simd-elem.h), setting FPSR.QC. */
static inline int64_t simd_sat_s(A64State *env, __int128 v, int bits)
{
    return (int64_t)simd_sat(&env->fpsr, v, bits, false);
}

static inline uint64_t simd_sat_u(A64State *env, __int128 v, int bits)
{
    return simd_sat(&env->fpsr, v, bits, true);
}

#define SIMD_FOR_SIZE(size, M, ...)                                           \
    switch (size) {                                                           \
    case 0: M(uint8_t, int8_t, __VA_ARGS__); break;                           \
    case 1: M(uint16_t, int16_t, __VA_ARGS__); break;                         \
    case 2: M(uint32_t, int32_t, __VA_ARGS__); break;                         \
    default: M(uint64_t, int64_t, __VA_ARGS__); break;                        \
    }

/* Element loop over the lanes of r with `a`/`b`/`d` from vn/vm/vd. */
#define SIMD_LANES3(UT, ST, EXPR)                                             \
    do {                                                                      \
        enum { EB = (int)sizeof(UT) * 8 };                                    \
        const int n_ = bytes / (int)sizeof(UT);                               \
        for (int i = 0; i < n_; i++) {                                        \
            UT a = ((const UT *)vn.b)[i], b = ((const UT *)vm.b)[i];          \
            UT d = ((const UT *)vd.b)[i];                                     \
            ST sa = (ST)a, sb = (ST)b, sd = (ST)d;                            \
            (void)a; (void)b; (void)d; (void)sa; (void)sb; (void)sd;          \
            ((UT *)r.b)[i] = (UT)(EXPR);                                      \
        }                                                                     \
    } while (0)

/* Prologue of a same-size helper: env, insn, size, bytes, copies of the
 * three operands and the result register r. */
#define SIMD_PROLOGUE                                                         \
    A64State *env = env_;                                                     \
    uint32_t insn = (uint32_t)insn_;                                          \
    int size = SIMD_SIZE(insn);                                               \
    int bytes = simd_bytes(insn, size);                                       \
    A64Vreg vn = env->v[SIMD_RN(insn)], vm = env->v[SIMD_RM(insn)];           \
    A64Vreg vd = env->v[SIMD_RD(insn)], r = {.q = 0};                         \
    (void)a_; (void)b_; (void)c_; (void)vm; (void)vd

/* A helper computing EXPR lane by lane at the encoded size. */
#define SIMD_HELPER_3(name, EXPR)                                             \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        SIMD_PROLOGUE;                                                        \
        SIMD_FOR_SIZE(size, SIMD_LANES3, EXPR);                               \
        simd_set(env, SIMD_RD(insn), &r, bytes);                              \
        (void)env;                                                            \
        return 0;                                                             \
    }

/* The same for an EXPR without side effects (no env, no FPSR.QC): every
 * lane of the 128-bit register is computed with a constant trip count,
 * which the compiler turns into host SIMD code, and simd_set() drops
 * the lanes beyond the operation's width. */
#define SIMD_LANES3_ALL(UT, ST, EXPR)                                         \
    do {                                                                      \
        enum { EB = (int)sizeof(UT) * 8 };                                    \
        UT *ra_ = (UT *)r.b;                                                  \
        const UT *na_ = (const UT *)vn.b, *ma_ = (const UT *)vm.b;            \
        const UT *da_ = (const UT *)vd.b;                                     \
        for (int i = 0; i < 16 / (int)sizeof(UT); i++) {                      \
            UT a = na_[i], b = ma_[i], d = da_[i];                            \
            ST sa = (ST)a, sb = (ST)b, sd = (ST)d;                            \
            (void)a; (void)b; (void)d; (void)sa; (void)sb; (void)sd;          \
            ra_[i] = (UT)(EXPR);                                              \
        }                                                                     \
    } while (0)

#define SIMD_HELPER_3P(name, EXPR)                                            \
    SIMD_HELPER(name)                                                         \
    {                                                                         \
        SIMD_PROLOGUE;                                                        \
        SIMD_FOR_SIZE(size, SIMD_LANES3_ALL, EXPR);                           \
        simd_set(env, SIMD_RD(insn), &r, bytes);                              \
        return 0;                                                             \
    }

/* All-ones mask of an element for a true comparison. */
#define SIMD_MASK(c) ((c) ? ~(uint64_t)0 : 0)

/* Element index and register number for the by-element forms:
 * 16-bit elements use H:L:M and Vm in 0..15, 32-bit H:L, 64-bit H. */
static inline int simd_elt_index(uint32_t insn, int size)
{
    int h = (insn >> 11) & 1, l = (insn >> 21) & 1, m = (insn >> 20) & 1;
    if (size == 1)
        return h << 2 | l << 1 | m;
    if (size == 2)
        return h << 1 | l;
    return h;
}

static inline int simd_elt_rm(uint32_t insn, int size)
{
    return size == 1 ? (int)((insn >> 16) & 15) : SIMD_RM(insn);
}

/* Element i of esize bytes of a register image, unsigned or signed
 * (cpu/simd-elem.h lanes). */
static inline uint64_t simd_elt(const A64Vreg *v, int i, int esize)
{
    return simd_lane_get(v->b, __builtin_ctz((unsigned)esize), i);
}

static inline int64_t simd_selt(const A64Vreg *v, int i, int esize)
{
    int sh = 64 - 8 * esize;
    return (int64_t)(simd_elt(v, i, esize) << sh) >> sh;
}

static inline void simd_set_elt(A64Vreg *v, int i, int esize, uint64_t x)
{
    simd_lane_put(v->b, __builtin_ctz((unsigned)esize), i, x);
}

/* IR access to the 64-bit halves of a vector register (hot, trivial
 * instructions are translated inline instead of through a helper). */
static inline IRRef simd_ir_ld64(A64Ctx *s, int reg, int half)
{
    return ir_ldenv(s->b, 8, VREG_OFF(reg) + 8 * (uint32_t)half);
}

static inline void simd_ir_st64(A64Ctx *s, int reg, int half, IRRef v)
{
    ir_stenv(s->b, 8, VREG_OFF(reg) + 8 * (uint32_t)half, v);
}

/* Writes lo (and hi when q) to V[reg]; a 64-bit write zeroes bits 127:64. */
static inline void simd_ir_set(A64Ctx *s, int reg, bool q, IRRef lo, IRRef hi)
{
    simd_ir_st64(s, reg, 0, lo);
    simd_ir_st64(s, reg, 1, q ? hi : ir_const(s->b, 0));
}

/* ---- shared by the narrowing and widening groups (simd-util.c) ---- */

/* Kinds of narrowing of a 2*EB-bit value x to EB bits. */
enum {
    SIMD_NARROW_TRUNC,   /* XTN, SHRN, ADDHN */
    SIMD_NARROW_SS,      /* SQXTN: signed to signed, saturating */
    SIMD_NARROW_UU,      /* UQXTN: unsigned to unsigned, saturating */
    SIMD_NARROW_SU,      /* SQXTUN: signed to unsigned, saturating */
};
uint64_t simd_narrow(A64State *env, __int128 x, int kind, int eb);

/* Writes n narrow results of esize bytes: scalar forms (bit 28) write
 * one element and zero the rest; vector forms write the low half and
 * zero the upper (Q=0) or write the upper half and keep the low (the
 * "2" variants, Q=1). */
void simd_write_narrow(A64State *env, uint32_t insn, const uint64_t *res,
                       int esize, int n);

/* Element i of the half of V[reg] a widening op reads: the low 64 bits,
 * or the upper 64 bits for the "2" variants (Q=1). */
static inline int64_t simd_half_selt(const A64Vreg *v, uint32_t insn, int i,
                                     int esize)
{
    return simd_selt(v, i + (SIMD_Q(insn) ? 8 / esize : 0), esize);
}

static inline uint64_t simd_half_elt(const A64Vreg *v, uint32_t insn, int i,
                                     int esize)
{
    return simd_elt(v, i + (SIMD_Q(insn) ? 8 / esize : 0), esize);
}

#endif
