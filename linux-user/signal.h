/*
 * linux-user/signal.h - host signals that become guest signals.
 */
#ifndef EMU_LINUX_USER_SIGNAL_H
#define EMU_LINUX_USER_SIGNAL_H

#include <setjmp.h>
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
/* Delivers queued asynchronous signals, if any, before guest code runs. */
void sig_process_pending(A64State *env);
/* Signals this thread has taken from the host but not yet delivered
 * (bit sig-1): blocked SIG_EMU_RESERVED ones wait here, not in the host
 * kernel, so rt_sigpending must add them. */
uint64_t sig_pending_mask(void);

#endif
