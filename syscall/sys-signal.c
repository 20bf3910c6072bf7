/*
 * syscall/sys-signal.c - signal syscalls, and what happens to a syscall
 * that a signal interrupted.
 *
 * The signal syscalls keep the books (syscall/signal-state.c) that
 * linux-user/signal.c delivers from; guest handlers are installed on the
 * host by sig_action_changed.  What else reaches the host:
 *  - SIG_IGN (and undoing it): an ignored SIGPIPE/SIGCHLD/SIGHUP must be
 *    ignored by the host kernel for pipes, children and exec to behave;
 *  - the signal mask, minus the signals the emulator needs for guest
 *    faults (SIG_EMU_RESERVED), so blocked signals stay pending.
 * arm64 and x86-64 share the signal numbers, SA_* flags, the 64-bit
 * kernel sigset, siginfo_t and stack_t layouts.
 *
 * sys_syscall_finish() is the syscall return path: a host EINTR (or the
 * safe-syscall stub's ERESTARTNOINTR) becomes the restart code the guest
 * kernel would have had for this call (intr_kind), and
 * sig_syscall_return() applies it while delivering the signals.
 */
#include <linux/futex.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "linux-user/signal.h"
#include "syscall/signal-state.h"
#include "syscall/sys-internal.h"

#define A64_MINSIGSTKSZ 5120 /* arm64 asm/signal.h */
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1u << 31) /* linux/signal.h */
#endif
#define UNBLOCKABLE ((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)))

static uint64_t host_ignored; /* signals we set to SIG_IGN on the host */

static void mirror_ignore(int sig, uint64_t handler)
{
    uint64_t bit = 1ull << (sig - 1);
    if (bit & SIG_EMU_RESERVED)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    if (handler == (uint64_t)(uintptr_t)SIG_IGN) {
        sa.sa_handler = SIG_IGN;
        if (sigaction(sig, &sa, NULL) == 0)
            __atomic_or_fetch(&host_ignored, bit, __ATOMIC_RELAXED);
    } else if (__atomic_load_n(&host_ignored, __ATOMIC_RELAXED) & bit) {
        sa.sa_handler = SIG_DFL;
        sigaction(sig, &sa, NULL);
        __atomic_and_fetch(&host_ignored, ~bit, __ATOMIC_RELAXED);
    }
}

int64_t sys_rt_sigaction(SysCall *c)
{
    int sig = (int)c->a[0];
    if (c->a[3] != 8 || sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    if (c->a[1] && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    SYS_CHECK_OPT(c->a[1], sizeof(GuestSigaction), PROT_READ);
    SYS_CHECK_OPT(c->a[2], sizeof(GuestSigaction), PROT_WRITE);
    GuestSigaction old;
    sig_state_get(sig, &old);
    if (c->a[1]) {
        GuestSigaction act = *(const GuestSigaction *)(uintptr_t)c->a[1];
        act.mask &= ~UNBLOCKABLE;
        sig_state_set(sig, &act);
        mirror_ignore(sig, act.handler);
        sig_action_changed(sig);
    }
    if (c->a[2])
        *(GuestSigaction *)(uintptr_t)c->a[2] = old;
    return 0;
}

int64_t sys_rt_sigprocmask(SysCall *c)
{
    if (c->a[3] != 8)
        return -EINVAL;
    SYS_CHECK_OPT(c->a[1], 8, PROT_READ);
    SYS_CHECK_OPT(c->a[2], 8, PROT_WRITE);
    uint64_t old = sig_state_mask();
    if (c->a[1]) {
        uint64_t m = *(const uint64_t *)(uintptr_t)c->a[1], nm;
        switch ((int)c->a[0]) {
        case SIG_BLOCK:
            nm = old | m;
            break;
        case SIG_UNBLOCK:
            nm = old & ~m;
            break;
        case SIG_SETMASK:
            nm = m;
            break;
        default:
            return -EINVAL;
        }
        nm &= ~UNBLOCKABLE;
        sig_state_set_mask(nm);
        sig_host_mask_sync();
    }
    if (c->a[2])
        *(uint64_t *)(uintptr_t)c->a[2] = old;
    return 0;
}

int64_t sys_rt_sigpending(SysCall *c)
{
    if (c->a[1] != 8)
        return -EINVAL;
    SYS_CHECK(c->a[0], 8, PROT_WRITE);
    int64_t r = sys_ret(syscall(SYS_rt_sigpending, c->a[0], 8));
    if (r == 0)
        *(uint64_t *)(uintptr_t)c->a[0] |= sig_pending_mask();
    return r;
}

/*
 * The kernel's saved-sigmask rule (TIF_RESTORE_SIGMASK, kernel/signal.c):
 * a call that waits under a temporary mask and is interrupted (-EINTR)
 * delivers the signal that woke it while the temporary mask is still in
 * force, and the handler's frame records the *original* mask in
 * uc_sigmask, so the original comes back at rt_sigreturn.  When no handler
 * runs (any other result, or the signal was ignored), the original mask is
 * restored at once and signals it blocks stay pending.  Restoring the
 * original mask before delivery instead would leave the waking signal
 * blocked: timeout(1), for one, then never sees its SIGALRM.
 *
 * The host handler has already queued the signal (linux-user/signal.c);
 * sig_process_pending() delivers it here, with x0 = -EINTR as the value
 * the frame saves.  Several signals may nest frames: the first one set up
 * is the one whose saved pc/sp are the syscall's own return point, and it
 * is the one whose uc_sigmask must hold the original mask.
 */
#define A64_FRAME_UC 128                 /* struct rt_sigframe: siginfo, uc */
#define A64_UC_SIGMASK 40                /* uc_flags, uc_link, stack_t */
#define A64_UC_SP (176 + 8 + 31 * 8)     /* uc_mcontext.sp */
#define A64_UC_PC (A64_UC_SP + 8)        /* uc_mcontext.pc */

uint64_t sys_tmpmask_begin(uint64_t tmp)
{
    uint64_t old = sig_state_mask();
    sig_state_set_mask(tmp & ~UNBLOCKABLE);
    return old;
}

int64_t sys_tmpmask_end(SysCall *c, uint64_t old, int64_t r)
{
    A64State *env = c->env;
    if (r != -EINTR || !env) {
        sig_state_set_mask(old);
        return r;
    }
    uint64_t pc0 = env->pc, sp0 = env->x[31];
    env->x[0] = (uint64_t)r;
    sig_process_pending(env);
    if (env->pc == pc0 && env->x[31] == sp0) { /* no handler entered */
        /* -EINTR still: sys_syscall_finish restarts the call (the kernel's
         * ERESTARTNOHAND) when one of our host handlers caused it. */
        sig_state_set_mask(old);
        sig_host_mask_sync();
        return r;
    }
    uint64_t fa = env->x[31];
    for (int depth = 0; depth < GUEST_NSIG; depth++) {
        uint64_t uc = fa + A64_FRAME_UC;
        if (!sys_ok(uc, A64_UC_PC + 8, PROT_READ | PROT_WRITE))
            break;
        uint64_t sp = *(const uint64_t *)(uintptr_t)(uc + A64_UC_SP);
        uint64_t pc = *(const uint64_t *)(uintptr_t)(uc + A64_UC_PC);
        if (pc == pc0 && sp == sp0) {
            *(uint64_t *)(uintptr_t)(uc + A64_UC_SIGMASK) = old;
            break;
        }
        fa = sp; /* a nested frame was built on the previous handler's sp */
    }
    /* x0 is now the signal number the handler gets; the dispatcher stores
     * the returned value in x0, so hand it back unchanged. */
    return (int64_t)env->x[0];
}

int64_t sys_rt_sigsuspend(SysCall *c)
{
    if (c->a[1] != 8)
        return -EINVAL;
    SYS_CHECK(c->a[0], 8, PROT_READ);
    uint64_t m = *(const uint64_t *)(uintptr_t)c->a[0] & ~UNBLOCKABLE;
    uint64_t h = m & ~SIG_EMU_RESERVED;
    uint64_t old = sys_tmpmask_begin(m);
    int64_t r = sys_ret(sys_host_call(SYS_rt_sigsuspend, &h, 8));
    return sys_tmpmask_end(c, old, r);
}

int64_t sys_sigaltstack(SysCall *c)
{
    /* arm64 stack_t: ss_sp, int ss_flags (+4 padding), ss_size: 24 bytes */
    struct {
        uint64_t sp;
        int32_t flags, pad;
        uint64_t size;
    } ss, *g;
    SYS_CHECK_OPT(c->a[0], sizeof(ss), PROT_READ);
    SYS_CHECK_OPT(c->a[1], sizeof(ss), PROT_WRITE);
    GuestAltStack cur;
    sig_state_altstack(&cur);
    uint64_t sp = c->env->x[A64_REG_SP];
    bool on = !(cur.flags & SS_DISABLE) && sp > cur.sp &&
              sp - cur.sp <= cur.size;
    if (c->a[0]) {
        memcpy(&ss, (const void *)(uintptr_t)c->a[0], sizeof(ss));
        if (on)
            return -EPERM;
        int mode = ss.flags & ~SS_AUTODISARM;
        if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
            return -EINVAL;
        GuestAltStack n = {.sp = ss.sp, .flags = ss.flags, .size = ss.size};
        if (mode == SS_DISABLE) {
            n.sp = n.size = 0;
            n.flags = SS_DISABLE;
        } else {
            if (ss.size < A64_MINSIGSTKSZ)
                return -ENOMEM;
            n.flags &= SS_AUTODISARM;
        }
        sig_state_set_altstack(&n);
    }
    if (c->a[1]) {
        g = (void *)(uintptr_t)c->a[1];
        g->sp = cur.sp;
        g->size = cur.size;
        g->flags = on ? SS_ONSTACK : cur.flags;
        g->pad = 0;
    }
    return 0;
}

int64_t sys_rt_sigreturn(SysCall *c)
{
    return sig_rt_sigreturn(c->env);
}

int64_t sys_rt_sigtimedwait(SysCall *c)
{
    if (c->a[3] != 8)
        return -EINVAL;
    SYS_CHECK(c->a[0], 8, PROT_READ);
    SYS_CHECK_OPT(c->a[1], sizeof(siginfo_t), PROT_WRITE);
    SYS_CHECK_OPT(c->a[2], sizeof(struct timespec), PROT_READ);
    /* A signal emu already took from the host (it arrived unblocked, then
     * the guest blocked it) is pending for the guest all the same. */
    siginfo_t si;
    int sig = sig_take_pending(*(const uint64_t *)(uintptr_t)c->a[0], &si);
    if (sig) {
        if (c->a[1])
            memcpy((void *)(uintptr_t)c->a[1], &si, sizeof(si));
        return sig;
    }
    return sys_ret(
        sys_host_call(SYS_rt_sigtimedwait, c->a[0], c->a[1], c->a[2], 8));
}

int64_t sys_rt_sigqueueinfo(SysCall *c)
{
    SYS_CHECK(c->a[2], sizeof(siginfo_t), PROT_READ);
    return sys_ret(syscall(SYS_rt_sigqueueinfo, (int)c->a[0], (int)c->a[1],
                           c->a[2]));
}

int64_t sys_pidfd_send_signal(SysCall *c)
{
    SYS_CHECK_OPT(c->a[2], sizeof(siginfo_t), PROT_READ);
    return sys_ret(syscall(SYS_pidfd_send_signal, (int)c->a[0], (int)c->a[1],
                           c->a[2], (unsigned)c->a[3]));
}

/* ---- the syscall return path ---- */

/* Guest (asm-generic) numbers of the calls intr_kind() tells apart. */
enum {
    NR_io_getevents = 4,
    NR_epoll_pwait = 22,
    NR_read = 63,
    NR_write = 64,
    NR_readv = 65,
    NR_writev = 66,
    NR_pselect6 = 72,
    NR_ppoll = 73,
    NR_futex = 98,
    NR_nanosleep = 101,
    NR_clock_nanosleep = 115,
    NR_rt_sigsuspend = 133,
    NR_rt_sigtimedwait = 137,
    NR_rt_sigreturn = 139,
    NR_msgrcv = 188,
    NR_msgsnd = 189,
    NR_semtimedop = 192,
    NR_semop = 193,
    NR_accept = 202,
    NR_connect = 203,
    NR_sendto = 206,
    NR_recvfrom = 207,
    NR_sendmsg = 211,
    NR_recvmsg = 212,
    NR_accept4 = 242,
    NR_recvmmsg = 243,
    NR_sendmmsg = 269,
    NR_io_pgetevents = 292,
    NR_epoll_pwait2 = 441,
};

/* A socket with SO_RCVTIMEO/SO_SNDTIMEO set: its waits end in
 * sock_intr_errno(timeo), which is -EINTR rather than -ERESTARTSYS. */
static bool sock_timed(int fd, int opt)
{
    struct timeval tv = {0, 0};
    socklen_t len = sizeof(tv);
    if (getsockopt(fd, SOL_SOCKET, opt, &tv, &len) != 0)
        return false; /* not a socket */
    return tv.tv_sec || tv.tv_usec;
}

/* inotify's read returns -EINTR (fs/notify/inotify/inotify_user.c). */
static bool is_inotify(int fd)
{
    char path[40], link[32];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(path, link, sizeof(link) - 1);
    if (n < 0)
        return false;
    link[n] = 0;
    return strcmp(link, "anon_inode:inotify") == 0;
}

/* What the guest kernel would have returned from call c when a signal
 * interrupted it, given that the host answered EINTR. */
static int intr_kind(const SysCall *c)
{
    int fd = (int)c->a[0];
    switch (c->nr) {
    case NR_rt_sigreturn: /* x0 is the restored register, not a result */
        return SIG_SYSCALL_DONE;
    /* signal(7): never restarted after a handler, SA_RESTART or not.
     * poll/select/sigsuspend return -ERESTARTNOHAND, nanosleep -ERESTART_
     * RESTARTBLOCK, the others -EINTR itself; all mean EINTR when a
     * handler runs. */
    case NR_io_getevents:
    case NR_io_pgetevents:
    case NR_epoll_pwait:
    case NR_epoll_pwait2:
    case NR_pselect6:
    case NR_ppoll:
    case NR_nanosleep:
    case NR_clock_nanosleep:
    case NR_rt_sigsuspend:
    case NR_rt_sigtimedwait:
    case NR_msgrcv:
    case NR_msgsnd:
    case NR_semtimedop:
    case NR_semop:
        return SIG_SYSCALL_NOHAND;
    case NR_futex: {
        /* futex_wait: -ERESTARTSYS without a timeout, the restart block
         * (EINTR for a handler) with one. */
        int cmd = (int)c->a[1] & FUTEX_CMD_MASK;
        if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && c->a[3])
            return SIG_SYSCALL_NOHAND;
        return SIG_SYSCALL_RESTARTSYS;
    }
    case NR_read:
    case NR_readv:
        if (is_inotify(fd))
            return SIG_SYSCALL_NOHAND;
        return sock_timed(fd, SO_RCVTIMEO) ? SIG_SYSCALL_NOHAND
                                           : SIG_SYSCALL_RESTARTSYS;
    case NR_recvfrom:
    case NR_recvmsg:
    case NR_recvmmsg:
    case NR_accept:
    case NR_accept4:
        return sock_timed(fd, SO_RCVTIMEO) ? SIG_SYSCALL_NOHAND
                                           : SIG_SYSCALL_RESTARTSYS;
    case NR_write:
    case NR_writev:
    case NR_sendto:
    case NR_sendmsg:
    case NR_sendmmsg:
    case NR_connect:
        return sock_timed(fd, SO_SNDTIMEO) ? SIG_SYSCALL_NOHAND
                                           : SIG_SYSCALL_RESTARTSYS;
    default:
        /* read/write of pipes and terminals, wait4/waitid, open of a
         * FIFO, flock/F_SETLKW, ...: -ERESTARTSYS */
        return SIG_SYSCALL_RESTARTSYS;
    }
}

void sys_syscall_finish(SysCall *c, int64_t r)
{
    int how = SIG_SYSCALL_DONE;
    if (r == -EMU_ERESTARTNOINTR && c->nr != NR_rt_sigreturn)
        how = SIG_SYSCALL_NOINTR;
    else if (r == -EINTR)
        how = intr_kind(c);
    sig_syscall_return(c->env, r, c->a[0], how);
}
