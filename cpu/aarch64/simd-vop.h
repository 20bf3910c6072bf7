/*
 * cpu/aarch64/simd-vop.h - emitting IR_VOP from the FP and AdvSIMD
 * translators: a hot instruction becomes one VOP naming its exact helper
 * (what ir_interp runs, and the back end's fallback) plus a description
 * the back end can inline (IRVKind, element size, Q, registers).  Not a
 * contract header: included by cpu/aarch64/simd-*.c and fp.c.
 */
#ifndef EMU_CPU_AARCH64_SIMD_VOP_H
#define EMU_CPU_AARCH64_SIMD_VOP_H

#include "cpu/aarch64/translate.h"

/* VOP with explicit shape and registers. */
static inline void a64_vop(A64Ctx *s, IRVKind k, int esz, bool q, bool scalar,
                           int vd, int vn, int vm, int va, void *fn)
{
    ir_vop(s->b, k, IR_VS(esz, q, scalar), vd, vn, vm, va, fn, s->insn,
           ENV_OFF(fpcr), ENV_OFF(fpsr));
}

/* The common AdvSIMD layout: Rd, Rn, Rm at 4:0, 9:5, 20:16, Q at 30;
 * the element size esz.  AdvSIMD scalar integer forms (bit 28) are D
 * only and are 64-bit vector operations with one lane. */
static inline void a64_vop3(A64Ctx *s, IRVKind k, int esz, void *fn)
{
    uint32_t i = s->insn;
    bool q = (i >> 30) & 1;
    if ((i >> 28) & 1)
        q = false;
    a64_vop(s, k, esz, q, false, (int)(i & 31), (int)((i >> 5) & 31),
            (int)((i >> 16) & 31), (int)(i & 31), fn);
}

/* A row that checks VALID and emits VOP kind K (element size from bits
 * 23:22) with helper FN as its exact meaning. */
#define SIMD_VROW(NAME, FN, VALID, K)                                         \
    bool a64_trans_##NAME(A64Ctx *s, const A64Fields *f)                      \
    {                                                                         \
        (void)f;                                                              \
        if (!(VALID))                                                         \
            return false;                                                     \
        a64_vop3(s, K, (int)((s->insn >> 22) & 3), (void *)(FN));             \
        return true;                                                          \
    }

#endif
