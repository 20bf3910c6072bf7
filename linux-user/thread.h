/*
 * linux-user/thread.h - guest threads are host threads.
 */
#ifndef EMU_LINUX_USER_THREAD_H
#define EMU_LINUX_USER_THREAD_H

#include <stdint.h>
#include "cpu/aarch64/cpu.h"

/* clone() with CLONE_VM: starts a host thread running a copy of env with
 * x0 = 0, sp = newsp (if nonzero), tpidr = tls (if CLONE_SETTLS), and the
 * tid bookkeeping of CLONE_PARENT_SETTID / CLONE_CHILD_SETTID /
 * CLONE_CHILD_CLEARTID.  Returns the new tid or -errno. */
int64_t thread_clone(A64State *env, uint64_t flags, uint64_t newsp,
                     uint64_t ptid, uint64_t tls, uint64_t ctid);

/* Guest thread exit: honours CLONE_CHILD_CLEARTID (store 0, futex wake).
 * The syscall layer calls it before ending the host thread. */
void thread_exit_cleartid(void);
/* set_tid_address(): the calling guest thread's clear-tid word. */
void thread_set_cleartid(uint64_t addr);

/* Runs the cpu loop for env forever (linux-user/cpu-loop.c). */
_Noreturn void cpu_loop(A64State *env);

#endif
