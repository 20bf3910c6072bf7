/*
 * syscall/signal-state.c - storage behind syscall/signal-state.h.
 *
 * Dispositions are one process-wide table under a mutex (rt_sigaction from
 * several threads, reads from delivery).  Masks and altstacks are thread
 * local.  Everything starts as the kernel starts a process after execve:
 * SIG_DFL (or SIG_IGN where inherited), the inherited mask, SS_DISABLE.
 */
#include "syscall/signal-state.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static GuestSigaction sig_actions[GUEST_NSIG];
static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread uint64_t sig_mask;
static __thread GuestAltStack sig_altstack = {.flags = SS_DISABLE};

/* A disposition of SIG_IGN survives execve (the kernel keeps it), so a
 * program started ignoring e.g. SIGHUP (nohup) sees SIG_IGN.  So does
 * the signal mask: the guest starts with the blocked set emu was started
 * with (linux-user/signal.c then keeps the host mask equal to it). */
__attribute__((constructor)) static void sig_state_inherit(void)
{
    for (int sig = 1; sig < 32; sig++) {
        struct sigaction sa;
        if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
            sig_actions[sig - 1].handler = 1;
    }
    uint64_t m = 0;
    if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8) == 0)
        sig_mask = m & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
}

bool sig_state_get(int sig, GuestSigaction *out)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return false;
    pthread_mutex_lock(&sig_lock);
    *out = sig_actions[sig - 1];
    pthread_mutex_unlock(&sig_lock);
    return true;
}

bool sig_state_set(int sig, const GuestSigaction *in)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return false;
    pthread_mutex_lock(&sig_lock);
    sig_actions[sig - 1] = *in;
    pthread_mutex_unlock(&sig_lock);
    return true;
}

uint64_t sig_state_mask(void) { return sig_mask; }
void sig_state_set_mask(uint64_t mask) { sig_mask = mask; }

void sig_state_altstack(GuestAltStack *out) { *out = sig_altstack; }

/* on_sig_stack(): with SS_AUTODISARM armed the thread counts as off the
 * stack ("by construction" the stack is disarmed while a handler runs on
 * it), so a signal can still be delivered when sp is corrupt. */
static bool on_altstack(uint64_t sp)
{
    const GuestAltStack *t = &sig_altstack;
    if (t->flags & SS_AUTODISARM)
        return false;
    return sp > t->sp && sp - t->sp <= t->size;
}

int sig_state_altstack_mode(uint64_t sp)
{
    if (!sig_altstack.size)
        return SS_DISABLE;
    return on_altstack(sp) ? SS_ONSTACK : 0;
}

void sig_state_disarm_altstack(void)
{
    sig_altstack = (GuestAltStack){.flags = SS_DISABLE};
}

int sig_state_do_altstack(const GuestAltStack *ss, GuestAltStack *oss,
                          uint64_t sp, uint64_t min_size)
{
    if (oss) {
        oss->sp = sig_altstack.sp;
        oss->size = sig_altstack.size;
        oss->flags = sig_state_altstack_mode(sp) |
                     (int32_t)(sig_altstack.flags & SS_AUTODISARM);
    }
    if (!ss)
        return 0;
    if (on_altstack(sp))
        return -EPERM;
    int32_t mode = ss->flags & ~(int32_t)SS_AUTODISARM;
    if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
        return -EINVAL;
    GuestAltStack n = *ss; /* flags as given: uc_stack shows them so */
    if (mode == SS_DISABLE) {
        n.sp = 0;
        n.size = 0;
    } else if (n.size < min_size) {
        return -ENOMEM;
    }
    sig_altstack = n;
    return 0;
}

/* The kernel's siginfo_layout() (kernel/signal.c): which union member a
 * siginfo carries, from its signal and code. */
enum { SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_CHLD, SIL_RT, SIL_SYS };

static int siginfo_layout(int sig, int code)
{
    if (code > 0 && code != SI_KERNEL) {
        switch (sig) {
        case SIGILL: case SIGFPE: case SIGSEGV: case SIGBUS: case SIGTRAP:
            return SIL_FAULT;
        case SIGCHLD:
            return SIL_CHLD;
        case SIGPOLL:
            return SIL_POLL;
        case SIGSYS:
            return SIL_SYS;
        default:
            /* any other signal with a POLL_* code is a poll siginfo: the
             * F_SETSIG signal of dnotify and F_SETOWN (send_sigio) */
            return code <= 6 /* NSIGPOLL */ ? SIL_POLL : SIL_KILL;
        }
    }
    if (code == SI_TIMER)
        return SIL_TIMER;
    if (code == SI_SIGIO)
        return SIL_POLL;
    if (code < 0)
        return SIL_RT;
    return SIL_KILL;
}

void sig_siginfo_to32(const siginfo_t *h, GuestSiginfo32 *g)
{
    memset(g, 0, sizeof(*g));
    g->si_signo = h->si_signo;
    g->si_errno = h->si_errno;
    g->si_code = h->si_code;
    uint32_t *u = g->u;
    switch (siginfo_layout(h->si_signo, h->si_code)) {
    case SIL_KILL:
        u[0] = (uint32_t)h->si_pid;
        u[1] = (uint32_t)h->si_uid;
        break;
    case SIL_TIMER:
        u[0] = (uint32_t)h->si_timerid;
        u[1] = (uint32_t)h->si_overrun;
        u[2] = (uint32_t)(uintptr_t)h->si_ptr;
        break;
    case SIL_RT:
        u[0] = (uint32_t)h->si_pid;
        u[1] = (uint32_t)h->si_uid;
        u[2] = (uint32_t)(uintptr_t)h->si_ptr;
        break;
    case SIL_CHLD:
        /* clock_t is 32-bit on arm: the low word, as compat_siginfo */
        u[0] = (uint32_t)h->si_pid;
        u[1] = (uint32_t)h->si_uid;
        u[2] = (uint32_t)h->si_status;
        u[3] = (uint32_t)h->si_utime;
        u[4] = (uint32_t)h->si_stime;
        break;
    case SIL_FAULT:
        u[0] = (uint32_t)(uintptr_t)h->si_addr;
        break;
    case SIL_POLL:
        u[0] = (uint32_t)h->si_band;
        u[1] = (uint32_t)h->si_fd;
        break;
    case SIL_SYS:
        u[0] = (uint32_t)(uintptr_t)h->si_call_addr;
        u[1] = (uint32_t)h->si_syscall;
        u[2] = h->si_arch;
        break;
    }
}

void sig_siginfo_from32(const GuestSiginfo32 *g, siginfo_t *h)
{
    memset(h, 0, sizeof(*h));
    h->si_signo = g->si_signo;
    h->si_errno = g->si_errno;
    h->si_code = g->si_code;
    const uint32_t *u = g->u;
    switch (siginfo_layout(g->si_signo, g->si_code)) {
    case SIL_KILL:
        h->si_pid = (pid_t)u[0];
        h->si_uid = u[1];
        break;
    case SIL_TIMER:
        h->si_timerid = (int)u[0];
        h->si_overrun = (int)u[1];
        h->si_ptr = (void *)(uintptr_t)u[2];
        break;
    case SIL_RT:
        h->si_pid = (pid_t)u[0];
        h->si_uid = u[1];
        h->si_ptr = (void *)(uintptr_t)u[2];
        break;
    case SIL_CHLD:
        h->si_pid = (pid_t)u[0];
        h->si_uid = u[1];
        h->si_status = (int)u[2];
        h->si_utime = (int32_t)u[3];
        h->si_stime = (int32_t)u[4];
        break;
    case SIL_FAULT:
        h->si_addr = (void *)(uintptr_t)u[0];
        break;
    case SIL_POLL:
        h->si_band = (int32_t)u[0];
        h->si_fd = (int)u[1];
        break;
    case SIL_SYS:
        h->si_call_addr = (void *)(uintptr_t)u[0];
        h->si_syscall = (int)u[1];
        h->si_arch = u[2];
        break;
    }
}
