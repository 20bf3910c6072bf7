/*
 * cpu/aarch64/fp-env.h - the FP status (cpu/fp-ops.h) of an A64
 * instruction: the thread's FPCR as control, its FPSR for the flags.
 * A64 has no other FP environment (AArch32 NEON's "standard FPSCR" has no
 * A64 counterpart), so every A64 call into the FP core passes this.
 */
#ifndef EMU_CPU_AARCH64_FP_ENV_H
#define EMU_CPU_AARCH64_FP_ENV_H

#include "cpu/aarch64/cpu.h"
#include "cpu/fp-ops.h"

/* A pointer to a temporary FPStatus for env (a compound literal: it lives
 * until the end of the enclosing block, and once the FP core is inlined
 * the compiler keeps both fields in registers). */
#define A64_FPST(env) (&(FPStatus){(env)->fpcr, &(env)->fpsr})

#endif
