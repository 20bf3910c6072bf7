/*
 * cpu/aarch64/cpu.h - AArch64 guest CPU state (one per guest thread).
 *
 * The layout is part of the JIT contract: x[i] sits at offset 8*i so the
 * IR's GETREG/SETREG index equals the register number (31 = SP), and the
 * offsets of pc, nzcv, vregs and exit_request are handed to the back end
 * through a64_guest_info.  Generated code and C helpers both take a
 * pointer to this structure ("env").
 */
#ifndef EMU_CPU_AARCH64_CPU_H
#define EMU_CPU_AARCH64_CPU_H

#include <stdint.h>
#include "tcg/ir.h"

typedef union A64Vreg {
    uint8_t b[16];
    uint16_t h[8];
    uint32_t s[4];
    uint64_t d[2];
    float f[4];
    double df[2];
    unsigned __int128 q;
} __attribute__((aligned(16))) A64Vreg;

typedef struct A64State {
    uint64_t x[32];          /* x[31] is SP; XZR is handled by the decoder */
    uint64_t pc;
    uint32_t nzcv;           /* bits 31:28 */
    volatile uint32_t exit_request; /* set by signals / other threads */
    uint64_t tpidr_el0;
    uint64_t tpidrro_el0;
    uint32_t fpcr, fpsr;
    /* exclusive monitor (LDXR/STXR): address, size and the value(s) seen */
    uint64_t excl_addr;
    uint64_t excl_val[2];
    uint32_t excl_size;      /* 0 = monitor open (no reservation) */
    uint32_t exc_info;       /* BRK immediate / faulting encoding */
    uint64_t fault_addr;     /* data address of an alignment fault */
    A64Vreg v[32];
    /* back-end scratch (spill area, return stack) lives after this */
    void *thread;            /* linux-user per-thread data */
} A64State;

#define A64_REG_SP 31

extern const IRGuestInfo a64_guest_info;

#endif
