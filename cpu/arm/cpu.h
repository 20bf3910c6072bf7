/*
 * cpu/arm/cpu.h - 32-bit ARM (AArch32: A32/T32, VFP, NEON) guest CPU state,
 * one per guest thread.
 *
 * The layout is part of the JIT contract, as for A64State:
 *   - r[i] sits at offset 8*i, so the IR's GETREG/SETREG index is the
 *     register number.  Only the low 32 bits are meaningful and they are
 *     always kept zero-extended (every write is a 4-byte IR value).  r[15]
 *     is not used: reads of pc are constants in the translation, and the
 *     current pc lives in `key`.
 *   - `key` is the IR's pc (IRGuestInfo.env_pc): the translation-block key,
 *     which is the guest pc plus the execution state the translation
 *     depends on:
 *         bits 31:1  pc bits 31:1
 *         bit  0     Thumb (CPSR.T): a Thumb pc is halfword aligned, an
 *                    ARM pc word aligned, so bit 0 is free
 *         bits 39:32 ITSTATE (CPSR.IT[7:0]), 0 outside an IT block
 *     Every exit of generated code stores a key; the cpu loop, signal
 *     frames and ptrace-like views turn it back into pc + CPSR.
 *   - the vector file is 16 Q registers of 16 bytes (IRGuestInfo.env_vregs):
 *     D(n) is 64-bit half n&1 of Q(n>>1), S(n) is word n&3 of Q(n>>2), i.e.
 *     byte offset 8*n (D) and 4*n (S) from the start of the file.
 *   - FPSCR is kept split, with AArch64 FPCR/FPSR bit positions (the two
 *     were cut out of FPSCR, so the bits line up): fpcr has the control
 *     bits (AHP DN FZ RMode; Len/Stride read as 0), fpsr the cumulative
 *     flags IOC..IDC and QC, fpscr_nzcv the VCMP result in bits 31:28.
 *   - APSR.N Z C V are the IR's NZCV (env home `nzcv`, bits 31:28); APSR.Q
 *     is `q` (nonzero = set), APSR.GE[3:0] is `ge` bits 19:16 (where CPSR
 *     keeps them, so MRS is an OR).
 * Generated code and C helpers both take a pointer to this structure.
 */
#ifndef EMU_CPU_ARM_CPU_H
#define EMU_CPU_ARM_CPU_H

#include <stdint.h>
#include "tcg/ir.h"

typedef union ArmVreg {
    uint8_t b[16];
    uint16_t h[8];
    uint32_t s[4];
    uint64_t d[2];
    float f[4];
    double df[2];
    unsigned __int128 q;
} __attribute__((aligned(16))) ArmVreg;

typedef struct ArmState {
    uint64_t r[16];          /* r0..r14, low 32 bits; r[15] unused */
    uint64_t key;            /* pc | Thumb | ITSTATE << 32 (see above) */
    uint32_t nzcv;           /* APSR.NZCV in bits 31:28 (IR-owned) */
    volatile uint32_t exit_request; /* set by signals / other threads */
    uint32_t q;              /* APSR.Q, sticky saturation: nonzero = set */
    uint32_t ge;             /* APSR.GE[3:0] in bits 19:16 */
    uint32_t tpidruro;       /* TPIDRURO: the TLS pointer (set_tls) */
    uint32_t tpidrurw;       /* TPIDRURW: user read/write */
    uint32_t fpcr;           /* FPSCR control bits, FPCR layout */
    uint32_t fpsr;           /* FPSCR cumulative flags + QC, FPSR layout */
    uint32_t fpscr_nzcv;     /* FPSCR.NZCV in bits 31:28 (VCMP) */
    uint32_t exc_info;       /* BKPT/SVC immediate, faulting encoding */
    /* exclusive monitor (LDREX/STREX): address, size, the value(s) seen */
    uint64_t excl_addr;
    uint64_t excl_val[2];
    uint32_t excl_size;      /* 0 = monitor open (no reservation) */
    uint32_t pad0;
    uint64_t fault_addr;     /* data address of an alignment fault */
    ArmVreg v[16];           /* Q0..Q15 = D0..D31 = S0..S31 */
    void *thread;            /* linux-user per-thread data */
} ArmState;

/* The key (env->key, a TB's pc) <-> pc and execution state. */
#define ARM_KEY_THUMB 1ull
#define ARM_KEY_IT_SHIFT 32
static inline uint32_t arm_key_pc(uint64_t key)
{
    return (uint32_t)key & ~1u;
}
static inline int arm_key_thumb(uint64_t key)
{
    return (int)(key & ARM_KEY_THUMB);
}
static inline uint32_t arm_key_it(uint64_t key)
{
    return (uint32_t)(key >> ARM_KEY_IT_SHIFT) & 0xff;
}
static inline uint64_t arm_make_key(uint32_t pc, int thumb, uint32_t it)
{
    return (uint64_t)(pc & ~1u) | (thumb ? ARM_KEY_THUMB : 0) |
           (uint64_t)(it & 0xff) << ARM_KEY_IT_SHIFT;
}

/* CPSR as user mode sees it (MRS, signal frames): N Z C V Q, IT, GE, T,
 * and mode USR (0x10). */
static inline uint32_t arm_cpsr(const ArmState *env)
{
    uint32_t it = arm_key_it(env->key);
    return (env->nzcv & 0xf0000000u) | (env->q ? 1u << 27 : 0) |
           (it & 3) << 25 | (it >> 2) << 10 | (env->ge & 0x000f0000u) |
           (arm_key_thumb(env->key) ? 1u << 5 : 0) | 0x10;
}

/* The whole FPSCR (VMRS, signal frames). */
static inline uint32_t arm_fpscr(const ArmState *env)
{
    return (env->fpscr_nzcv & 0xf0000000u) | env->fpcr | env->fpsr;
}

#define ARM_REG_SP 13
#define ARM_REG_LR 14
#define ARM_REG_PC 15

/* Not const: its guest_base is set at start-up by arm_frontend_init(),
 * which main calls once the guest address space is reserved (guest_base
 * known) and before the first translation. */
extern IRGuestInfo arm_guest_info;
void arm_frontend_init(void);

#endif
