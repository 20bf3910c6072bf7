/*
 * syscall/sys-signal.c - signal syscalls.  For now these keep the books
 * (syscall/signal-state.c) that linux-user/signal.c delivers from; guest
 * handlers are not installed on the host here.  What does reach the host:
 *  - SIG_IGN (and undoing it): an ignored SIGPIPE/SIGCHLD/SIGHUP must be
 *    ignored by the host kernel for pipes, children and exec to behave;
 *  - the signal mask, minus the signals the emulator needs for guest
 *    faults (SIG_EMU_RESERVED), so blocked signals stay pending.
 * arm64 and x86-64 share the signal numbers, SA_* flags, the 64-bit
 * kernel sigset, siginfo_t and stack_t layouts.
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
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

static void host_set_mask(uint64_t guest)
{
    uint64_t h = guest & ~SIG_EMU_RESERVED;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &h, NULL, 8);
}

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
        host_set_mask(nm);
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
        sig_state_set_mask(old);
        host_set_mask(old);
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
    int64_t r = sys_ret(syscall(SYS_rt_sigsuspend, &h, 8));
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
    return sys_ret(syscall(SYS_rt_sigtimedwait, c->a[0], c->a[1], c->a[2], 8));
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
