/*
 * linux-user/arm/arm-guest.h - what the files of emu-arm's guest
 * description share (linux-user/arm/).
 */
#ifndef EMU_LINUX_USER_ARM_ARM_GUEST_H
#define EMU_LINUX_USER_ARM_ARM_GUEST_H

#include <signal.h>
#include <stdint.h>

#include "common/guest-arch.h"
#include "syscall/signal-state.h"

extern const GuestArch arm_guest_arch;
extern const struct SysAbi sys_abi_eabi;

/* Signal frames (signal-arm.c): the GuestArch hooks, and the sigpage
 * set-up (arm_init). */
void arm_sig_init(void);
uint64_t arm_setup_frame(void *env, int sig, const siginfo_t *info,
                         const GuestSigaction *ka, uint64_t sp, uint64_t mask,
                         uint64_t ss_sp, uint64_t ss_size, int ss_flags);
int64_t arm_rt_sigreturn(void *env);
int64_t arm_sigreturn(void *env);

#endif
