/*
 * cpu/aarch64/features.h - the AArch64 features emu implements, as the
 * guest sees them: AT_HWCAP/AT_HWCAP2 for the loader, and the ID
 * registers that MRS returns at EL0 (Linux emulates those for user space).
 * Only features that are really implemented are advertised.
 */
#ifndef EMU_CPU_AARCH64_FEATURES_H
#define EMU_CPU_AARCH64_FEATURES_H

#include <stdint.h>

uint64_t a64_hwcap(void);
uint64_t a64_hwcap2(void);

#endif
