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

#include "common/guest-mem.h"
#include "syscall/sys-os.h"
#include "syscall/signal-state.h"
#include "syscall/sys-internal.h"

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

/* EABI struct sigaction as rt_sigaction takes it (the kernel's, with
 * 32-bit pointers and unsigned long; sigset_t is two 32-bit words, so the
 * mask is only 4-byte aligned). */
typedef struct GuestSigaction32 {
    uint32_t handler, flags, restorer;
    uint32_t mask[2];
} GuestSigaction32;
_Static_assert(sizeof(GuestSigaction32) == 20, "EABI sigaction");

int64_t sys_rt_sigaction(SysCall *c)
{
    int sig = (int)c->a[0];
    bool c32 = sys_abi32(c);
    size_t sz = c32 ? sizeof(GuestSigaction32) : sizeof(GuestSigaction);
    if (c->a[3] != 8 || sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    if (c->a[1] && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    SYS_CHECK_OPT(c->a[1], sz, PROT_READ);
    SYS_CHECK_OPT(c->a[2], sz, PROT_WRITE);
    GuestSigaction old;
    sig_state_get(sig, &old);
    if (c->a[1]) {
        GuestSigaction act;
        if (c32) {
            GuestSigaction32 a;
            memcpy(&a, g2h(c->a[1]), sizeof(a));
            act = (GuestSigaction){a.handler, a.flags, a.restorer,
                                   a.mask[0] | (uint64_t)a.mask[1] << 32};
        } else {
            act = *(const GuestSigaction *)g2h(c->a[1]);
        }
        act.mask &= ~UNBLOCKABLE;
        sig_state_set(sig, &act);
        mirror_ignore(sig, act.handler);
        sig_action_changed(sig);
    }
    if (c->a[2] && c32) {
        GuestSigaction32 a = {(uint32_t)old.handler, (uint32_t)old.flags,
                              (uint32_t)old.restorer,
                              {(uint32_t)old.mask, (uint32_t)(old.mask >> 32)}};
        memcpy(g2h(c->a[2]), &a, sizeof(a));
    } else if (c->a[2]) {
        *(GuestSigaction *)g2h(c->a[2]) = old;
    }
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
        uint64_t m = *(const uint64_t *)g2h(c->a[1]), nm;
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
        *(uint64_t *)g2h(c->a[2]) = old;
    return 0;
}

int64_t sys_rt_sigpending(SysCall *c)
{
    if (c->a[1] != 8)
        return -EINVAL;
    SYS_CHECK(c->a[0], 8, PROT_WRITE);
    int64_t r = sys_ret(syscall(SYS_rt_sigpending, sys_hptr(c->a[0]), 8));
    if (r == 0)
        *(uint64_t *)g2h(c->a[0]) |= sig_pending_mask();
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
 * sig_process_pending() delivers it here, with the result register =
 * -EINTR as the value the frame saves.  Several signals may nest frames:
 * the first one set up is the one whose saved pc/sp are the syscall's own
 * return point, and it is the one whose uc_sigmask must hold the original
 * mask (signal.c records where that is: sig_frames_first_mask).
 */
uint64_t sys_tmpmask_begin(uint64_t tmp)
{
    uint64_t old = sig_state_mask();
    sig_state_set_mask(tmp & ~UNBLOCKABLE);
    return old;
}

int64_t sys_tmpmask_end(SysCall *c, uint64_t old, int64_t r)
{
    void *env = c->env;
    if (r != -EINTR || !env || !c->abi) {
        sig_state_set_mask(old);
        return r;
    }
    c->abi->set_result(env, r);
    sig_frames_begin();
    sig_process_pending(env);
    uint64_t maskp = sig_frames_first_mask();
    if (!maskp) { /* no handler entered */
        /* -EINTR still: sys_syscall_finish restarts the call (the kernel's
         * ERESTARTNOHAND) when one of our host handlers caused it. */
        sig_state_set_mask(old);
        sig_host_mask_sync();
        return r;
    }
    if (sys_ok(maskp, 8, PROT_WRITE))
        memcpy(g2h(maskp), &old, 8);
    /* The result register is now the signal number the handler gets; the
     * dispatcher stores the returned value there, so hand it back. */
    return c->abi->get_result(env);
}

int64_t sys_rt_sigsuspend(SysCall *c)
{
    if (c->a[1] != 8)
        return -EINVAL;
    SYS_CHECK(c->a[0], 8, PROT_READ);
    uint64_t m = *(const uint64_t *)g2h(c->a[0]) & ~UNBLOCKABLE;
    uint64_t h = m & ~SIG_EMU_RESERVED;
    uint64_t old = sys_tmpmask_begin(m);
    int64_t r = sys_ret(sys_host_call(SYS_rt_sigsuspend, &h, 8));
    return sys_tmpmask_end(c, old, r);
}

/* stack_t: arm64 {void *ss_sp; int ss_flags; size_t ss_size} is 24 bytes
 * (4 of padding), EABI's is three 32-bit words. */
typedef struct GuestStack32 {
    uint32_t sp;
    int32_t flags;
    uint32_t size;
} GuestStack32;
_Static_assert(sizeof(GuestStack32) == 12, "EABI stack_t");

int64_t sys_sigaltstack(SysCall *c)
{
    struct {
        uint64_t sp;
        int32_t flags, pad;
        uint64_t size;
    } ss, *g;
    bool c32 = sys_abi32(c);
    size_t sz = c32 ? sizeof(GuestStack32) : sizeof(ss);
    SYS_CHECK_OPT(c->a[0], sz, PROT_READ);
    SYS_CHECK_OPT(c->a[1], sz, PROT_WRITE);
    GuestAltStack n, old;
    if (c->a[0]) {
        if (c32) {
            GuestStack32 s32;
            memcpy(&s32, g2h(c->a[0]), sizeof(s32));
            n = (GuestAltStack){.sp = s32.sp, .flags = s32.flags,
                                .size = s32.size};
        } else {
            memcpy(&ss, g2h(c->a[0]), sizeof(ss));
            n = (GuestAltStack){.sp = ss.sp, .flags = ss.flags,
                                .size = ss.size};
        }
    }
    int r = sig_state_do_altstack(c->a[0] ? &n : NULL, &old,
                                  guest_arch->get_sp(c->env),
                                  guest_arch->minsigstksz);
    if (r)
        return r;
    if (c->a[1] && c32) {
        GuestStack32 s32 = {(uint32_t)old.sp, old.flags, (uint32_t)old.size};
        memcpy(g2h(c->a[1]), &s32, sizeof(s32));
    } else if (c->a[1]) {
        g = g2h(c->a[1]);
        g->sp = old.sp;
        g->size = old.size;
        g->flags = old.flags;
        g->pad = 0;
    }
    return 0;
}

int64_t sys_rt_sigreturn(SysCall *c)
{
    return guest_arch->rt_sigreturn(c->env);
}

/* The non-RT sigreturn of 32-bit arm (struct sigframe). */
int64_t sys_sigreturn(SysCall *c)
{
    if (!guest_arch->sigreturn)
        return -ENOSYS;
    return guest_arch->sigreturn(c->env);
}

/* ts: the timeout as the host takes it (a guest struct timespec64 or a
 * converted copy), 0 for none. */
static int64_t sigtimedwait_ts(SysCall *c, uint64_t ts)
{
    /* A signal emu already took from the host (it arrived unblocked, then
     * the guest blocked it) is pending for the guest all the same. */
    siginfo_t si;
    int sig = sig_take_pending(*(const uint64_t *)g2h(c->a[0]), &si);
    if (!sig) {
        /* EABI: the host writes its own layout into a copy (the timespec is
         * the 64-bit one of rt_sigtimedwait_time64 on both ABIs) */
        bool copy = sys_abi32(c) && c->a[1];
        uint64_t info = copy ? (uint64_t)(uintptr_t)&si : sys_hptr(c->a[1]);
        int64_t r = sys_ret(sys_host_call(SYS_rt_sigtimedwait,
                                          sys_hptr(c->a[0]), info, ts, 8));
        if (r <= 0 || !copy)
            return r;
        sig = (int)r;
    }
    if (c->a[1] && sys_abi32(c)) {
        GuestSiginfo32 g;
        sig_siginfo_to32(&si, &g);
        memcpy(g2h(c->a[1]), &g, sizeof(g));
    } else if (c->a[1]) {
        memcpy(g2h(c->a[1]), &si, sizeof(si));
    }
    return sig;
}

int64_t sys_rt_sigtimedwait(SysCall *c)
{
    if (c->a[3] != 8)
        return -EINVAL;
    SYS_CHECK(c->a[0], 8, PROT_READ);
    SYS_CHECK_OPT(c->a[1], sys_abi32(c) ? 128 : sizeof(siginfo_t), PROT_WRITE);
    SYS_CHECK_OPT(c->a[2], sizeof(struct timespec), PROT_READ);
    return sigtimedwait_ts(c, sys_hptr(c->a[2]));
}

/* EABI rt_sigtimedwait (177): the timeout is a struct old_timespec32. */
int64_t sys_rt_sigtimedwait_time32(SysCall *c)
{
    if (c->a[3] != 8)
        return -EINVAL;
    SYS_CHECK(c->a[0], 8, PROT_READ);
    SYS_CHECK_OPT(c->a[1], 128, PROT_WRITE);
    SYS_CHECK_OPT(c->a[2], 8, PROT_READ);
    struct timespec ts;
    if (c->a[2]) {
        int32_t t[2];
        memcpy(t, g2h(c->a[2]), sizeof(t));
        ts.tv_sec = t[0];
        ts.tv_nsec = t[1];
    }
    return sigtimedwait_ts(c, c->a[2] ? (uint64_t)(uintptr_t)&ts : 0);
}

/* A guest siginfo argument as the host's: the guest's own memory on
 * arm64, a converted copy in *tmp on EABI. */
static uint64_t siginfo_in(const SysCall *c, uint64_t addr, siginfo_t *tmp)
{
    if (!sys_abi32(c))
        return sys_hptr(addr);
    GuestSiginfo32 g;
    memcpy(&g, g2h(addr), sizeof(g));
    sig_siginfo_from32(&g, tmp);
    return (uint64_t)(uintptr_t)tmp;
}

int64_t sys_rt_sigqueueinfo(SysCall *c)
{
    SYS_CHECK(c->a[2], sys_abi32(c) ? 128 : sizeof(siginfo_t), PROT_READ);
    siginfo_t tmp;
    return sys_ret(syscall(SYS_rt_sigqueueinfo, (int)c->a[0], (int)c->a[1],
                           siginfo_in(c, c->a[2], &tmp)));
}

int64_t sys_pidfd_send_signal(SysCall *c)
{
    SYS_CHECK_OPT(c->a[2], sys_abi32(c) ? 128 : sizeof(siginfo_t), PROT_READ);
    siginfo_t tmp;
    return sys_ret(syscall(SYS_pidfd_send_signal, (int)c->a[0], (int)c->a[1],
                           c->a[2] ? siginfo_in(c, c->a[2], &tmp) : 0,
                           (unsigned)c->a[3]));
}

/* ---- the syscall return path ---- */

/* intr_kind() tells calls apart by their row name (sys_call_name), so
 * that one list serves every ABI's numbers; EABI's 32-bit-time and
 * *_time64 variants and its older names share the rules of the call they
 * are a form of. */
static bool name_is(const char *n, const char *const *list)
{
    for (; *list; list++) {
        size_t len = strlen(*list);
        if (!strncmp(n, *list, len) &&
            (n[len] == 0 || !strcmp(n + len, "_time64") ||
             !strcmp(n + len, "_time32")))
            return true;
    }
    return false;
}

static bool is_sigreturn(const SysCall *c)
{
    const char *n = sys_call_name(c);
    return !strcmp(n, "rt_sigreturn") || !strcmp(n, "sigreturn");
}

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
    /* signal(7): never restarted after a handler, SA_RESTART or not.
     * poll/select/sigsuspend return -ERESTARTNOHAND, nanosleep -ERESTART_
     * RESTARTBLOCK, the others -EINTR itself; all mean EINTR when a
     * handler runs. */
    static const char *const nohand[] = {
        "io_getevents", "io_pgetevents", "epoll_wait", "epoll_pwait",
        "epoll_pwait2", "pselect6", "ppoll", "poll", "select", "_newselect",
        "nanosleep", "clock_nanosleep", "rt_sigsuspend", "sigsuspend",
        "pause", "rt_sigtimedwait", "msgrcv", "msgsnd", "semtimedop",
        "semop", "ipc", NULL};
    static const char *const rcv[] = {"recvfrom", "recvmsg", "recvmmsg",
                                      "recv", "accept", "accept4", NULL};
    static const char *const snd[] = {"write", "writev", "sendto", "sendmsg",
                                      "sendmmsg", "send", "connect", NULL};
    static const char *const rd[] = {"read", "readv", NULL};
    static const char *const futex[] = {"futex", NULL};
    int fd = (int)c->a[0];
    const char *n = sys_call_name(c);
    if (is_sigreturn(c)) /* the result register is restored, not a result */
        return SIG_SYSCALL_DONE;
    if (name_is(n, nohand))
        return SIG_SYSCALL_NOHAND;
    if (name_is(n, futex)) {
        /* futex_wait: -ERESTARTSYS without a timeout, the restart block
         * (EINTR for a handler) with one. */
        int cmd = (int)c->a[1] & FUTEX_CMD_MASK;
        if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && c->a[3])
            return SIG_SYSCALL_NOHAND;
        return SIG_SYSCALL_RESTARTSYS;
    }
    if (name_is(n, rd)) {
        if (is_inotify(fd))
            return SIG_SYSCALL_NOHAND;
        return sock_timed(fd, SO_RCVTIMEO) ? SIG_SYSCALL_NOHAND
                                           : SIG_SYSCALL_RESTARTSYS;
    }
    if (name_is(n, rcv))
        return sock_timed(fd, SO_RCVTIMEO) ? SIG_SYSCALL_NOHAND
                                           : SIG_SYSCALL_RESTARTSYS;
    if (name_is(n, snd))
        return sock_timed(fd, SO_SNDTIMEO) ? SIG_SYSCALL_NOHAND
                                           : SIG_SYSCALL_RESTARTSYS;
    /* read/write of pipes and terminals, wait4/waitid, open of a FIFO,
     * flock/F_SETLKW, ...: -ERESTARTSYS */
    return SIG_SYSCALL_RESTARTSYS;
}

void sys_syscall_finish(SysCall *c, int64_t r)
{
    int how = SIG_SYSCALL_DONE;
    if (r == -EMU_ERESTARTNOINTR && !is_sigreturn(c))
        how = SIG_SYSCALL_NOINTR;
    else if (r == -EINTR)
        how = intr_kind(c);
    if (!c->abi || !c->env)
        return;
    if (!sig_syscall_return(c->env, r, c->a[0], how))
        c->abi->set_result(c->env, r);
}

/* ---- the old (non-RT) calls of 32-bit arm: a one-word sigset ---- */

/* sigaction(sig, act, oact) with struct old_sigaction {handler, 32-bit
 * mask, flags, restorer} (arm asm/signal.h); the kernel's sys_sigaction
 * sets the mask to the word given (signals 33..64 clear). */
typedef struct GuestOldSigaction32 {
    uint32_t handler, mask, flags, restorer;
} GuestOldSigaction32;
_Static_assert(sizeof(GuestOldSigaction32) == 16, "old_sigaction");

int64_t sys_sigaction(SysCall *c)
{
    int sig = (int)c->a[0];
    if (sig < 1 || sig > GUEST_NSIG || (c->a[1] && (sig == SIGKILL || sig == SIGSTOP)))
        return -EINVAL;
    SYS_CHECK_OPT(c->a[1], sizeof(GuestOldSigaction32), PROT_READ);
    SYS_CHECK_OPT(c->a[2], sizeof(GuestOldSigaction32), PROT_WRITE);
    GuestSigaction old;
    sig_state_get(sig, &old);
    if (c->a[1]) {
        GuestOldSigaction32 a;
        memcpy(&a, g2h(c->a[1]), sizeof(a));
        GuestSigaction act = {a.handler, a.flags, a.restorer,
                              a.mask & ~UNBLOCKABLE};
        sig_state_set(sig, &act);
        mirror_ignore(sig, act.handler);
        sig_action_changed(sig);
    }
    if (c->a[2]) {
        GuestOldSigaction32 a = {(uint32_t)old.handler, (uint32_t)old.mask,
                                 (uint32_t)old.flags, (uint32_t)old.restorer};
        memcpy(g2h(c->a[2]), &a, sizeof(a));
    }
    return 0;
}

/* sigprocmask(how, set, oset): the low word of the mask only (kernel
 * sys_sigprocmask: SIG_SETMASK replaces sig[0] and keeps the rest). */
int64_t sys_sigprocmask(SysCall *c)
{
    SYS_CHECK_OPT(c->a[1], 4, PROT_READ);
    SYS_CHECK_OPT(c->a[2], 4, PROT_WRITE);
    uint64_t old = sig_state_mask();
    if (c->a[1]) {
        uint32_t m;
        memcpy(&m, g2h(c->a[1]), 4);
        uint64_t nm;
        switch ((int)c->a[0]) {
        case SIG_BLOCK:
            nm = old | m;
            break;
        case SIG_UNBLOCK:
            nm = old & ~(uint64_t)m;
            break;
        case SIG_SETMASK:
            nm = (old & ~0xffffffffull) | m;
            break;
        default:
            return -EINVAL;
        }
        sig_state_set_mask(nm & ~UNBLOCKABLE);
        sig_host_mask_sync();
    }
    if (c->a[2]) {
        uint32_t o = (uint32_t)old;
        memcpy(g2h(c->a[2]), &o, 4);
    }
    return 0;
}

/* sigpending(set): the low word of what is pending. */
int64_t sys_sigpending(SysCall *c)
{
    SYS_CHECK(c->a[0], 4, PROT_WRITE);
    uint64_t p = 0;
    int64_t r = sys_ret(syscall(SYS_rt_sigpending, &p, 8));
    if (r == 0) {
        uint32_t w = (uint32_t)(p | sig_pending_mask());
        memcpy(g2h(c->a[0]), &w, 4);
    }
    return r;
}

/* arm's sigsuspend(unused, unused, mask) (CONFIG_OLD_SIGSUSPEND3): waits
 * with the mask set to that one word. */
int64_t sys_sigsuspend(SysCall *c)
{
    uint64_t m = (uint32_t)c->a[2] & ~UNBLOCKABLE;
    uint64_t h = m & ~SIG_EMU_RESERVED;
    uint64_t old = sys_tmpmask_begin(m);
    int64_t r = sys_ret(sys_host_call(SYS_rt_sigsuspend, &h, 8));
    return sys_tmpmask_end(c, old, r);
}
