/*
 * linux-user/proc.h - the guest's view of the /proc files that would
 * otherwise describe the emulator: /proc/self/{maps,exe,auxv} and
 * /proc/cpuinfo.  Called by the syscall layer on open and readlink.
 */
#ifndef EMU_LINUX_USER_PROC_H
#define EMU_LINUX_USER_PROC_H

#include <stddef.h>
#include <stdint.h>

#include "syscall/sys-os.h" /* proc_open, proc_readlink */

/* The guest's argument and environment strings (the kernel's
 * mm->arg_start..arg_end, env_start..env_end) for /proc/self/cmdline and
 * /proc/self/environ; main() sets them after loading. */
void proc_set_args(uint64_t arg_start, uint64_t arg_end, uint64_t env_start,
                   uint64_t env_end);

#endif
