/*
 * linux-user/signal.h - host signals that become guest signals.
 */
#ifndef EMU_LINUX_USER_SIGNAL_H
#define EMU_LINUX_USER_SIGNAL_H

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include "cpu/aarch64/cpu.h"

/* Process-wide set up of the host handlers the emulator needs. */
void sig_init(void);
/* Per thread: records env as the thread's current guest CPU. */
void sig_thread_init(A64State *env);
/* A synchronous guest exception (SIGILL, SIGTRAP, SIGSEGV, ...) at env's
 * pc with si_code and fault address. */
void sig_raise_sync(A64State *env, int sig, int code, uint64_t addr);
/* The cpu loop's jump buffer: a guest fault caught in a host signal
 * handler resumes there after the guest frame is set up. */
void sig_set_jmp(sigjmp_buf *jb);
/* rt_sigaction changed sig's disposition: (un)install the host handler
 * that forwards it to the guest. */
void sig_action_changed(int sig);
/* rt_sigreturn: restores env from the frame at sp; returns the new x0. */
int64_t sig_rt_sigreturn(A64State *env);
/* Delivers queued asynchronous signals, if any, before guest code runs:
 * every deliverable one gets its frame now (the kernel's do_signal loop). */
void sig_process_pending(A64State *env);

/* How a syscall that a signal interrupted goes on: the kernel's -ERESTART*
 * codes (include/linux/errno.h) as arm64's do_signal applies them. */
enum {
    SIG_SYSCALL_DONE = 0,   /* the result stands */
    SIG_SYSCALL_RESTARTSYS, /* restart after a SA_RESTART handler, else EINTR */
    SIG_SYSCALL_NOHAND,     /* EINTR if a handler runs, else restart */
    SIG_SYSCALL_NOINTR,     /* restart whatever runs (call not made yet) */
};
/* The syscall whose svc is at env->pc - 4 returned r; orig_x0 is its first
 * argument.  Sets x0 (and for a restart pc and x0) and delivers what is
 * pending, the first handler deciding between EINTR and restart. */
void sig_syscall_return(A64State *env, int64_t r, uint64_t orig_x0, int how);
/* Host signal mask = the guest's mask plus the signals this thread holds
 * in its pending set (their next instances stay queued on the host),
 * minus the ones emu needs for guest faults. */
void sig_host_mask_sync(void);
/* Signals this thread has taken from the host but not yet delivered
 * (bit sig-1): blocked SIG_EMU_RESERVED ones wait here, not in the host
 * kernel, so rt_sigpending must add them. */
uint64_t sig_pending_mask(void);
/* sigtimedwait's share of them: takes the lowest-numbered one in set out
 * of the pending set; 0 if none is there. */
int sig_take_pending(uint64_t set, siginfo_t *si);

#endif
