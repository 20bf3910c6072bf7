/*
 * cpu/arm/vfp-internal.h - shared by the VFP translator files
 * (cpu/arm/vfp.c, vfp-mem.c) and their unit test: register-number
 * decoding and the FP status of a VFP instruction.  Not a contract
 * header.
 */
#ifndef EMU_CPU_ARM_VFP_INTERNAL_H
#define EMU_CPU_ARM_VFP_INTERNAL_H

#include <stdint.h>
#include "cpu/arm/cpu.h"
#include "cpu/fp-ops.h"

/* Register numbers: single precision is Vx:bit (S = 2*V + bit), double
 * precision is bit:Vx (D = 16*bit + V), with the bit D (22), N (7) or
 * M (5).  Encodings are in A32 layout (cpu/arm/vfp.def). */
#define VFP_VD_S(i) ((int)((((i) >> 11) & 0x1e) | (((i) >> 22) & 1)))
#define VFP_VN_S(i) ((int)((((i) >> 15) & 0x1e) | (((i) >> 7) & 1)))
#define VFP_VM_S(i) ((int)((((i) << 1) & 0x1e) | (((i) >> 5) & 1)))
#define VFP_VD_D(i) ((int)((((i) >> 18) & 0x10) | (((i) >> 12) & 0xf)))
#define VFP_VN_D(i) ((int)((((i) >> 3) & 0x10) | (((i) >> 16) & 0xf)))
#define VFP_VM_D(i) ((int)((((i) >> 1) & 0x10) | ((i) & 0xf)))
#define VFP_DP(i) (((i) >> 8) & 1) /* sz: double precision */

/* S(n) and D(n) of the register file (cpu/arm/cpu.h: S(n) is word n&3 of
 * Q(n>>2), D(n) half n&1 of Q(n>>1)). */
#define VFP_S(env, n) ((env)->v[(n) >> 2].s[(n) & 3])
#define VFP_D(env, n) ((env)->v[(n) >> 1].d[(n) & 1])

/* The FP status of a VFP instruction: FPSCR's control bits (kept in
 * FPCR layout in env->fpcr) and its cumulative flags (env->fpsr).  A
 * compound literal: valid to the end of the enclosing block. */
#define ARM_FPST(env) (&(FPStatus){(env)->fpcr, &(env)->fpsr})

/* FPSCR bits VMSR writes (everything else reads as zero): N Z C V, QC,
 * AHP DN FZ RMode, and the cumulative flags IDC IXC UFC OFC DZC IOC.
 * Len and Stride (short vectors) are not supported and are ignored:
 * Linux user code never sets them (the kernel's VFP support code would
 * have to emulate them).  The trap enables are RAZ/WI: no trapping. */
#define VFP_FPSCR_NZCV 0xf0000000u
#define VFP_FPSCR_CTRL (FPCR_AHP | FPCR_DN | FPCR_FZ | FPCR_RMODE_MASK)
#define VFP_FPSCR_FLAGS (FPSR_QC | FPSR_IDC | FPSR_IXC | FPSR_UFC | FPSR_OFC | \
                         FPSR_DZC | FPSR_IOC)

#endif
