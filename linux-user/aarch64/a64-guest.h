/*
 * linux-user/aarch64/a64-guest.h - what emu-aarch64's guest description
 * (linux-user/aarch64/) offers outside itself: the GuestArch and the
 * AArch64 syscall ABI, for main() and the unit tests.
 */
#ifndef EMU_LINUX_USER_AARCH64_A64_GUEST_H
#define EMU_LINUX_USER_AARCH64_A64_GUEST_H

#include "common/guest-arch.h"
#include "cpu/aarch64/cpu.h"

extern const GuestArch a64_guest_arch;
extern const struct SysAbi sys_abi_a64;

/* The AArch64 syscall ABI: number in x8, arguments in x0..x5, result to
 * x0 (arch/arm64/kernel/syscall.c). */
void sys_a64_syscall(A64State *env);

#endif
