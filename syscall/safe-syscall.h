/*
 * syscall/safe-syscall.h - host system calls that a guest signal may
 * interrupt without being lost (syscall/safe-syscall.c).
 */
#ifndef EMU_SYSCALL_SAFE_SYSCALL_H
#define EMU_SYSCALL_SAFE_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>

/* The kernel's "not started, restart it" code (include/linux/errno.h):
 * the host never returns it to user space, so it cannot be mistaken for
 * a real result.  sys_host_call() fails with it (errno ERESTARTNOINTR)
 * when a signal for the guest was already waiting. */
#define EMU_ERESTARTNOINTR 513

/* The calling thread's "signal waiting" word (its env->exit_request). */
void safe_syscall_set_flag(const volatile uint32_t *flag);

/* syscall(2) for calls that can block: the host call is made only while
 * the thread's flag is clear, and a host signal handler that sets the
 * flag just before the syscall instruction makes it fail with
 * ERESTARTNOINTR instead of blocking.  Returns like syscall(2). */
long sys_host_call(long nr, ...);

/* For the host signal handlers, after they raised the flag: if the
 * interrupted thread was between its flag check and the syscall
 * instruction (ucontext's rip), make it return ERESTARTNOINTR. */
void safe_syscall_fixup(void *ucontext);

#endif
