/*
 * syscall/syscall.h - entry from the cpu loop into the syscall layer.
 */
#ifndef EMU_SYSCALL_SYSCALL_H
#define EMU_SYSCALL_SYSCALL_H

#include "cpu/aarch64/cpu.h"

struct SysAbi;

/* Performs the syscall of ABI abi (guest_arch->abi) that env's registers
 * describe and writes the result (or -errno) to the result register.
 * exit/exit_group do not return. */
void sys_syscall(const struct SysAbi *abi, void *env);

/* The AArch64 one: number in x8, arguments in x0..x5, result to x0. */
void sys_a64_syscall(A64State *env);

#endif
