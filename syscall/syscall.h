/*
 * syscall/syscall.h - entry from the cpu loop into the syscall layer.
 */
#ifndef EMU_SYSCALL_SYSCALL_H
#define EMU_SYSCALL_SYSCALL_H

struct SysAbi;

/* Performs the syscall of ABI abi (guest_arch->abi) that env's registers
 * describe and writes the result (or -errno) to the result register.
 * exit/exit_group do not return.  The ABIs are the guests'
 * (linux-user/aarch64/, linux-user/arm/). */
void sys_syscall(const struct SysAbi *abi, void *env);

#endif
