/*
 * syscall/sys-os.h - what the syscall layer needs from the Linux layer
 * (linux-user/: signal delivery, guest threads, /proc emulation).
 *
 * The syscall layer is used by linux-user (the cpu loop makes syscalls),
 * so it never includes linux-user headers: it declares here what it calls,
 * and linux-user implements it (linux-user/signal.c, thread.c, proc.c,
 * whose headers include this one).  Guest CPU state is `void *env`
 * (common/guest-arch.h).
 */
#ifndef EMU_SYSCALL_SYS_OS_H
#define EMU_SYSCALL_SYS_OS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- signals (linux-user/signal.c) ---- */

/* rt_sigaction changed sig's disposition: (un)install the host handler
 * that forwards it to the guest. */
void sig_action_changed(int sig);
/* Delivers queued asynchronous signals, if any, before guest code runs:
 * every deliverable one gets its frame now (the kernel's do_signal loop). */
void sig_process_pending(void *env);
/* sig_frames_begin() forgets; sig_frames_first_mask() is then the guest
 * address of the uc_sigmask of the first frame set up since, 0 if none
 * (the saved-sigmask rule of sys_tmpmask_end). */
void sig_frames_begin(void);
uint64_t sig_frames_first_mask(void);
/* How a syscall that a signal interrupted goes on: the kernel's -ERESTART*
 * codes (include/linux/errno.h) as do_signal applies them. */
enum {
    SIG_SYSCALL_DONE = 0,   /* the result stands */
    SIG_SYSCALL_RESTARTSYS, /* restart after a SA_RESTART handler, else EINTR */
    SIG_SYSCALL_NOHAND,     /* EINTR if a handler runs, else restart */
    SIG_SYSCALL_NOINTR,     /* restart whatever runs (call not made yet) */
};
/* The syscall whose svc precedes env's pc returned r; orig_a0 is its first
 * argument.  SIG_SYSCALL_DONE (also an EINTR no signal of ours caused):
 * returns false and the caller stores r.  Otherwise rewinds the call for
 * a restart (guest_arch->syscall_rewind), delivers what is pending, the
 * first handler deciding between EINTR and restart, and returns true. */
bool sig_syscall_return(void *env, int64_t r, uint64_t orig_a0, int how);
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

/* ---- threads (linux-user/thread.c) ---- */

/* clone() with CLONE_VM: starts a host thread running a copy of env with
 * the result register 0, sp = newsp (if nonzero), the TLS register = tls
 * (if CLONE_SETTLS), and the tid bookkeeping of CLONE_PARENT_SETTID /
 * CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID.  Returns the new tid or
 * -errno. */
int64_t thread_clone(void *env, uint64_t flags, uint64_t newsp,
                     uint64_t ptid, uint64_t tls, uint64_t ctid);
/* Guest thread exit: honours CLONE_CHILD_CLEARTID (store 0, futex wake).
 * The syscall layer calls it before ending the host thread. */
void thread_exit_cleartid(void);
/* set_tid_address(): the calling guest thread's clear-tid word. */
void thread_set_cleartid(uint64_t addr);
/* A 32-bit guest's robust futex list (struct robust_list_head32 at guest
 * address head; 0: none): set_robust_list records it for the calling
 * thread, thread_robust32() reads it back.  thread_exit_robust32() walks
 * the calling thread's list as the kernel does when a thread exits
 * (FUTEX_OWNER_DIED on the futexes it holds, one waiter woken each);
 * thread_group_exit_robust32() walks every thread's list (exit_group, a
 * fatal signal); thread_fork_child_robust32() in a fork child: no list,
 * no other threads. */
void thread_set_robust32(uint32_t head);
uint32_t thread_robust32(void);
void thread_exit_robust32(void);
void thread_group_exit_robust32(void);
void thread_fork_child_robust32(void);

/* ---- /proc (linux-user/proc.c) ---- */

/* Returned when the path is not one proc.c emulates: use the host's. */
#define PROC_NOT_MINE (-100000)
/* open() of guest path `path` (before the -L prefix): a host fd, -errno,
 * or PROC_NOT_MINE.  host_flags are host O_* flags. */
int64_t proc_open(const char *path, int host_flags);
/* readlink() of guest path `path`: length written to buf (not
 * NUL-terminated, like readlink), -errno, or PROC_NOT_MINE. */
int64_t proc_readlink(const char *path, char *buf, size_t n);

#endif
