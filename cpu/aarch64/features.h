/*
 * cpu/aarch64/features.h - the AArch64 features emu implements, as the
 * guest sees them: AT_HWCAP/AT_HWCAP2 for the loader, and the ID
 * registers that MRS returns at EL0 (Linux emulates those for user space).
 * Only features that are really implemented are advertised.
 *
 * This is the one place that says what the emulated CPU is.  The values
 * are what an arm64 Linux kernel shows to EL0 on a CPU with exactly these
 * features (arch/arm64/kernel/cpufeature.c: hidden ID fields read as their
 * "safe" value, MIDR is passed through, MPIDR reads as bit 31 only).
 * /proc/cpuinfo and the vDSO must use these constants too.
 *
 * Advertised: FP, ASIMD (no FP16), AES+PMULL, SHA1, SHA256, CRC32,
 * LSE atomics, and CPUID (MRS of the ID registers works, see system.c).
 * Not advertised: EVTSTRM, PAC, BTI, SVE, FlagM, RNDR, SB, SSBS, DIT, ...
 */
#ifndef EMU_CPU_AARCH64_FEATURES_H
#define EMU_CPU_AARCH64_FEATURES_H

#include <stdbool.h>
#include <stdint.h>

/* AT_HWCAP bits (Linux uapi asm/hwcap.h). */
#define A64_HWCAP_FP (1ull << 0)
#define A64_HWCAP_ASIMD (1ull << 1)
#define A64_HWCAP_AES (1ull << 3)
#define A64_HWCAP_PMULL (1ull << 4)
#define A64_HWCAP_SHA1 (1ull << 5)
#define A64_HWCAP_SHA2 (1ull << 6)
#define A64_HWCAP_CRC32 (1ull << 7)
#define A64_HWCAP_ATOMICS (1ull << 8)
#define A64_HWCAP_CPUID (1ull << 11) /* EL0 MRS of ID_* registers works */

/* Cortex-A72 r0p3: an Armv8.0 core glibc has no special tuning for, so
 * ifunc selection goes by HWCAP alone. */
#define A64_MIDR_VALUE 0x410fd083ull
#define A64_MPIDR_VALUE 0x80000000ull /* Linux's SYS_MPIDR_SAFE_VAL */
#define A64_REVIDR_VALUE 0ull

/* CTR_EL0: RES1 bit 31, CWG = ERG = DminLine = IminLine = 4 (64-byte
 * lines), L1Ip = PIPT, IDC = DIC = 0.  DIC must stay 0: it makes the guest
 * issue IC IVAU after writing code, which is what invalidates our
 * translations (DESIGN.md "Code invalidation"). */
#define A64_CTR_VALUE 0x8444c004ull
#define A64_CACHE_LINE 64u
/* DCZID_EL0: BS = 4 (DC ZVA zeroes 4 << 4 = 64 bytes), DZP = 0. */
#define A64_DCZID_VALUE 4ull
#define A64_DCZVA_BYTES 64u
/* CNTFRQ_EL0: 1 GHz, the frequency Armv8.6 and later mandate; CNTVCT_EL0
 * is then CLOCK_MONOTONIC in nanoseconds, no scaling. */
#define A64_CNTFRQ_VALUE 1000000000ull

/* ID registers as EL0 sees them (Linux's user view). */
#define A64_ID_AA64PFR0_VALUE                                                  \
    0x11ull /* EL0, EL1 = AArch64 only; FP, AdvSIMD = 0 (no FP16) */
#define A64_ID_AA64PFR1_VALUE 0ull /* no BTI, SSBS, MTE */
#define A64_ID_AA64DFR0_VALUE 6ull /* DebugVer = Armv8 (hidden, safe value) */
/* ISAR0: AES = 2 (AES+PMULL), SHA1 = 1, SHA2 = 1 (SHA256 only),
 * CRC32 = 1, Atomic = 2 (LSE); RDM, SHA3, SM3/4, DP, FHM, TS, RNDR = 0. */
#define A64_ID_AA64ISAR0_VALUE 0x211120ull
#define A64_ID_AA64ISAR1_VALUE 0ull /* no DPB, PAC, JSCVT, FCMA, LRCPC, ... */
#define A64_ID_AA64ISAR2_VALUE 0ull

/* FPCR bits that exist here: AHP, DN, FZ, RMode (no FP16 so no FZ16; FP
 * traps are not implemented so their enables are RAZ/WI). */
#define A64_FPCR_MASK 0x07c00000u
/* FPSR: QC and the cumulative IDC, IXC, UFC, OFC, DZC, IOC flags. */
#define A64_FPSR_MASK 0x0800009fu

uint64_t a64_hwcap(void);
uint64_t a64_hwcap2(void);

/* MRS of a register in the ID space Linux emulates for EL0 (op0 = 3,
 * op1 = 0, CRn = 0, CRm = 0 or 2..7).  key = op0:op1:CRn:CRm:op2 packed as
 * A64_SYSREG() does.  Returns false where Linux would raise SIGILL. */
#define A64_SYSREG(op0, op1, crn, crm, op2)                                    \
    ((unsigned)(op0) << 14 | (unsigned)(op1) << 11 | (unsigned)(crn) << 7 |    \
     (unsigned)(crm) << 3 | (unsigned)(op2))
bool a64_id_reg_read(unsigned key, uint64_t *val);

#endif
