/*
 * linux-user/signal.h - host signals that become guest signals.  What the
 * syscall layer calls is declared in syscall/sys-os.h (included).
 */
#ifndef EMU_LINUX_USER_SIGNAL_H
#define EMU_LINUX_USER_SIGNAL_H

#include <setjmp.h>
#include <stdbool.h>
#include <signal.h>
#include <stdint.h>

#include "syscall/sys-os.h"

/* Process-wide set up of the host handlers the emulator needs. */
void sig_init(void);
/* env below is the thread's guest CPU state (common/guest-arch.h). */
/* Per thread: records env as the thread's current guest CPU. */
void sig_thread_init(void *env);
/* A synchronous guest exception (SIGILL, SIGTRAP, SIGSEGV, ...) at env's
 * pc with si_code and fault address. */
void sig_raise_sync(void *env, int sig, int code, uint64_t addr);
/* The cpu loop's jump buffer: a guest fault caught in a host signal
 * handler resumes there after the guest frame is set up. */
void sig_set_jmp(sigjmp_buf *jb);
/* For the architectures' sigreturn: the mask saved in the frame becomes
 * the thread's (books and host). */
void sig_restore_mask(uint64_t mask);
/* For rt_sigreturn, once env's registers are restored: the frame's
 * uc_stack becomes the alternate stack again (kernel/signal.c
 * restore_altstack: do_sigaltstack at the restored sp, errors ignored). */
void sig_restore_altstack(void *env, uint64_t ss_sp, int32_t ss_flags,
                          uint64_t ss_size);
/* Terminates the process by sig as its default action does (a bad
 * sigreturn frame: the kernel's force_sig(SIGSEGV)). */
_Noreturn void sig_die(int sig);

#endif
