/*
 * cpu/aarch64/sys-features.c - AT_HWCAP/AT_HWCAP2 and the ID registers
 * EL0 reads through Linux's MRS emulation.
 *
 * Invariant: every bit advertised here is an instruction set the front
 * end implements, and the ID register values agree with the HWCAP bits
 * (glibc and others read either).  The constants live in features.h.
 */
#include "cpu/aarch64/features.h"

uint64_t a64_hwcap(void)
{
    return A64_HWCAP_FP | A64_HWCAP_ASIMD | A64_HWCAP_AES | A64_HWCAP_PMULL |
           A64_HWCAP_SHA1 | A64_HWCAP_SHA2 | A64_HWCAP_CRC32 |
           A64_HWCAP_ATOMICS | A64_HWCAP_CPUID;
}

uint64_t a64_hwcap2(void)
{
    return 0;
}

/* Mirrors Linux emulate_sys_reg(): the ID space is op0 = 3, op1 = 0,
 * CRn = 0, CRm = 0 or 2..7.  In CRm = 0 only MIDR, MPIDR and REVIDR are
 * emulated (others SIGILL); elsewhere unknown or untracked registers read
 * as zero (IMPLEMENTATION DEFINED or reserved, RAZ). */
bool a64_id_reg_read(unsigned key, uint64_t *val)
{
    unsigned op0 = key >> 14 & 3, op1 = key >> 11 & 7, crn = key >> 7 & 15,
             crm = key >> 3 & 15;
    if (op0 != 3 || op1 != 0 || crn != 0 || crm == 1 || crm > 7)
        return false;
    switch (key) {
    case A64_SYSREG(3, 0, 0, 0, 0):
        *val = A64_MIDR_VALUE;
        return true;
    case A64_SYSREG(3, 0, 0, 0, 5):
        *val = A64_MPIDR_VALUE;
        return true;
    case A64_SYSREG(3, 0, 0, 0, 6):
        *val = A64_REVIDR_VALUE;
        return true;
    case A64_SYSREG(3, 0, 0, 4, 0):
        *val = A64_ID_AA64PFR0_VALUE;
        return true;
    case A64_SYSREG(3, 0, 0, 4, 1):
        *val = A64_ID_AA64PFR1_VALUE;
        return true;
    case A64_SYSREG(3, 0, 0, 5, 0):
        *val = A64_ID_AA64DFR0_VALUE;
        return true;
    case A64_SYSREG(3, 0, 0, 6, 0):
        *val = A64_ID_AA64ISAR0_VALUE;
        return true;
    case A64_SYSREG(3, 0, 0, 6, 1):
        *val = A64_ID_AA64ISAR1_VALUE;
        return true;
    case A64_SYSREG(3, 0, 0, 6, 2):
        *val = A64_ID_AA64ISAR2_VALUE;
        return true;
    default:
        if (crm == 0)
            return false;
        *val = 0; /* MMFR*, ZFR0, SMFR0, AArch32 ID regs, reserved */
        return true;
    }
}
