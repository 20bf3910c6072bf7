/*
 * syscall/syscall.h - entry from the cpu loop into the syscall layer.
 */
#ifndef EMU_SYSCALL_SYSCALL_H
#define EMU_SYSCALL_SYSCALL_H

#include "cpu/aarch64/cpu.h"

/* Performs the AArch64 syscall described by env (number in x8, arguments
 * in x0..x5) and writes the result (or -errno) to x0.  exit/exit_group do
 * not return. */
void sys_a64_syscall(A64State *env);

#endif
