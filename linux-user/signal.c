/*
 * linux-user/signal.c - host signals that become guest signals: delivery,
 * queueing, masks and the alternate stack, for every guest.  The frame
 * layouts and sigreturn are the architecture's (guest_arch->setup_frame,
 * rt_sigreturn: linux-user/aarch64/guest-aarch64.c,
 * linux-user/arm/signal-arm.c).
 *
 * Synchronous guest faults arrive as host SIGSEGV/SIGBUS in generated code
 * or a helper it called: tb_recover_state() rebuilds the precise guest
 * state (registers, flags, pc of the faulting instruction), then the
 * guest signal is delivered and the host handler leaves through
 * siglongjmp back into the cpu loop.  SIGILL/SIGTRAP from undefined
 * instructions and BRK come from the cpu loop directly.
 *
 * Asynchronous signals for which the guest installed a handler are caught
 * on the host (sig_action_changed), recorded as pending for this thread
 * and the thread's exit_request is raised; generated code leaves at the
 * next block entry and the cpu loop delivers them.
 *
 * Pending signals, as the kernel keeps them.  The host kernel queues
 * and orders them: real-time instances each with its own siginfo, and
 * thread-directed ones dequeued before process-directed ones, each group
 * lowest number first (kernel/signal.c dequeue_signal, next_signal).  So
 * emu takes a signal out of the host queue only when it delivers it:
 * host_async records the one the host handed it in `pending` and returns
 * with every guest signal blocked on the host (the rest stay queued),
 * and the delivery loop (deliver_pending), run with every host signal
 * blocked, takes that one and then the host's next deliverable one with
 * a zero-timeout sigtimedwait, round after round, as the kernel's
 * do_signal loop dequeues and sets up one frame per deliverable signal
 * before user code runs again; each frame's handler mask limits what the
 * next rounds may take, and each frame goes on top of the previous one,
 * so it runs first.  A handler is thus never interrupted by a signal that
 * was pending when it started, and instances never merge.  A signal left
 * in `pending` (the guest blocked it before it could be delivered) stays
 * blocked on the host until delivered: host mask = guest mask | pending,
 * minus the signals emu needs for guest faults (sig_host_mask_sync).
 *
 * Interrupted syscalls: host handlers have no SA_RESTART, so a blocking
 * host call returns EINTR (or ERESTARTNOINTR from the safe-syscall stub
 * when the signal came just before it, syscall/safe-syscall.c).
 * sig_syscall_return() then does what the kernel's do_signal does with the
 * -ERESTART* codes (arm64 and arm alike): rewind pc to the svc with the
 * result register = the original first argument (guest_arch->
 * syscall_rewind), and undo that (-EINTR, pc after the svc) only if the
 * first handler to run has no SA_RESTART (or the call never restarts).
 * When no handler runs the call is made again, as the kernel restarts it.
 *
 * Delivery picks the stack (SA_ONSTACK and the alternate stack), has the
 * architecture build its frame, and sets the handler's mask; without a
 * handler the default action applies: terminate by the same signal (emu
 * suppresses its own core dump), ignore, or stop.
 *
 * A host fault that tb_recover_state() does not claim is an emulator bug:
 * it is reported as such on stderr before the process dies.
 */
#include "linux-user/signal.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-arch.h"
#include "common/guest-mem.h"
#include "common/guest-map.h"
#include "syscall/safe-syscall.h"
#include "syscall/signal-state.h"
#include "tcg/tb.h"

static __thread void *cur_env;   /* this thread's guest CPU state */
static __thread sigjmp_buf *cur_jmp;
static __thread uint64_t pending;        /* bit sig-1 */
static __thread siginfo_t pending_info[GUEST_NSIG + 1];
static __thread volatile sig_atomic_t host_mask_stale; /* see host_async */
/* A host handler ran since the last syscall returned: an EINTR is ours. */
static __thread volatile sig_atomic_t host_sig_seen;
/* sys_tmpmask_end's marker: the guest address of the uc_sigmask of the
 * first frame set up since sig_frames_begin(), 0 if none yet. */
static __thread uint64_t first_frame_mask;

_Noreturn void sig_die(int sig)
{
    struct rlimit rl = {0, 0};
    struct sigaction sa;
    sigset_t set;

    /* The process dies: every thread's robust futexes are released as the
     * kernel's do_exit of each thread would (32-bit guests; the host
     * kernel does it for an arm64 guest's list). */
    thread_group_exit_robust32();
    fflush(stdout);
    if (emu_opts.log)
        fflush(emu_opts.log);
    setrlimit(RLIMIT_CORE, &rl);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
    raise(sig);
    _exit(128 + sig);
}

/* env's exit_request word (IRGuestInfo.env_exit_request). */
static volatile uint32_t *exit_request_of(void *env)
{
    return (volatile uint32_t *)((char *)env +
                                 guest_arch->ir_info->env_exit_request);
}

static void set_exit_request(void *env)
{
    *exit_request_of(env) = 1;
}

static bool default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
           sig == SIGCONT;
}

static bool default_stops(int sig)
{
    return sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

#define UNBLOCKABLE ((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)))
#define SIGRTMIN_HOST_CANCEL 32 /* glibc's SIGCANCEL; SIGSETXID is 33 */

static void host_setmask(uint64_t h)
{
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &h, NULL, 8);
}

void sig_host_mask_sync(void)
{
    host_mask_stale = 0;
    host_setmask((sig_state_mask() | pending) & ~SIG_EMU_RESERVED);
}

static void set_guest_books(uint64_t m)
{
    sig_state_set_mask(m & ~UNBLOCKABLE);
}

static void set_guest_mask(uint64_t m)
{
    set_guest_books(m);
    sig_host_mask_sync();
}

/* Builds the frame (guest_arch->setup_frame: the layout is the
 * architecture's) and points env at the handler; false if the guest stack
 * cannot hold the frame (the kernel then forces SIGSEGV).  The stack
 * choice, the saved stack_t and the handler's mask are the kernel's
 * generic rules (kernel/signal.c sigsp, __save_altstack, signal_delivered):
 * uc_stack gets the alternate stack as the guest set it (flags included),
 * and SS_AUTODISARM disarms it once the frame is built, until the
 * handler's rt_sigreturn restores uc_stack. */
static bool setup_frame(void *env, int sig, const siginfo_t *info,
                        const GuestSigaction *ka)
{
    GuestAltStack ss;
    uint64_t sp = guest_arch->get_sp(env);
    sig_state_altstack(&ss);
    if ((ka->flags & SA_ONSTACK) && sig_state_altstack_mode(sp) == 0)
        sp = ss.sp + ss.size;
    uint64_t maskp = guest_arch->setup_frame(env, sig, info, ka, sp,
                                             sig_state_mask(), ss.sp,
                                             ss.size, ss.flags);
    if (!maskp)
        return false;
    if (!first_frame_mask)
        first_frame_mask = maskp;
    if (ss.flags & SS_AUTODISARM)
        sig_state_disarm_altstack();

    /* The handler's mask goes into the books only: the caller sets the
     * host mask once every frame is built. */
    uint64_t m = sig_state_mask() | ka->mask;
    if (!(ka->flags & SA_NODEFER))
        m |= 1ull << (sig - 1);
    set_guest_books(m);
    if (ka->flags & SA_RESETHAND) {
        /* kernel/signal.c get_signal: SA_ONESHOT sets sa_handler to
         * SIG_DFL and nothing else; the flags (SA_SIGINFO, SA_RESTART,
         * SA_RESETHAND itself) and sa_mask stay as they were. */
        GuestSigaction dfl = *ka;
        dfl.handler = (uint64_t)(uintptr_t)SIG_DFL;
        sig_state_set(sig, &dfl);
        sig_action_changed(sig);
    }
    return true;
}

void sig_frames_begin(void)
{
    first_frame_mask = 0;
}

uint64_t sig_frames_first_mask(void)
{
    return first_frame_mask;
}

void sig_restore_mask(uint64_t m)
{
    set_guest_mask(m);
}

void sig_restore_altstack(void *env, uint64_t ss_sp, int32_t ss_flags,
                          uint64_t ss_size)
{
    GuestAltStack n = {.sp = ss_sp, .flags = ss_flags, .size = ss_size};
    /* "squash all but EFAULT": the frame was readable */
    (void)sig_state_do_altstack(&n, NULL, guest_arch->get_sp(env),
                                guest_arch->minsigstksz);
}

/* Delivers sig with disposition ka to the guest now: returns when env is
 * ready to run the handler (or the signal was ignored); does not return
 * when the default action terminates the process.  The new guest mask is
 * in the books only: callers sync the host mask. */
static void deliver(void *env, int sig, const siginfo_t *info,
                    const GuestSigaction *kap, bool sync)
{
    GuestSigaction ka = *kap;
    if (emu_opts.dbg & DBG_SIGNAL)
        emu_log("emu: deliver signal %d at pc %#llx handler %#llx\n", sig,
                (unsigned long long)guest_arch->get_pc(env),
                (unsigned long long)ka.handler);
    if (ka.handler == (uint64_t)(uintptr_t)SIG_IGN && !sync)
        return;
    if (ka.handler == (uint64_t)(uintptr_t)SIG_DFL ||
        ka.handler == (uint64_t)(uintptr_t)SIG_IGN) {
        if (!sync && default_ignores(sig))
            return;
        if (!sync && default_stops(sig)) {
            raise(SIGSTOP);
            return;
        }
        sig_die(sig);
    }
    /* A synchronous fault with the signal blocked kills, as in the
     * kernel (force_sig_fault). */
    if (sync && (sig_state_mask() & (1ull << (sig - 1))))
        sig_die(sig);
    if (!setup_frame(env, sig, info, &ka))
        sig_die(SIGSEGV);
}

static void host_fault(int sig, siginfo_t *si, void *ucv)
{
    void *env = cur_env;
    if (si->si_code > 0 && env && tb_recover_state(env, (ucontext_t *)ucv)) {
        if (emu_opts.dbg & DBG_SIGNAL)
            emu_log("emu: guest fault signal %d at pc %#llx addr %p\n", sig,
                    (unsigned long long)guest_arch->get_pc(env), si->si_addr);
        GuestSigaction ka;
        sig_state_get(sig, &ka);
        /* the host's siginfo names a host address: the guest's is the
         * same minus guest_base */
        siginfo_t gsi = *si;
        gsi.si_addr = (void *)(uintptr_t)h2g(si->si_addr);
        deliver(env, sig, &gsi, &ka, true);
        sig_host_mask_sync();
        if (cur_jmp)
            siglongjmp(*cur_jmp, 1);
        sig_die(sig);
    }
    if (si->si_code <= 0) { /* sent by kill/tgkill/raise: asynchronous */
        /* These signals are never blocked on the host (SIG_EMU_RESERVED),
         * so the guest's mask and disposition are applied here: ignored
         * is dropped, otherwise it waits in `pending` until the guest's
         * mask allows it and deliver() runs the handler or the default
         * action (all five terminate).  Python's faulthandler, for one,
         * raise()s SIGFPE and SIGILL into its own handler. */
        GuestSigaction ka;
        sig_state_get(sig, &ka);
        host_sig_seen = 1; /* an EINTR it caused restarts the call */
        if (ka.handler == (uint64_t)(uintptr_t)SIG_IGN)
            return;
        if (env) {
            pending_info[sig] = *si;
            pending |= 1ull << (sig - 1);
            set_exit_request(env);
            safe_syscall_fixup(ucv);
            return;
        }
        sig_die(sig);
    }
    char msg[160];
    ucontext_t *uc = ucv;
    int n = snprintf(msg, sizeof(msg),
                     "%s: internal error: host signal %d at host pc "
                     "%#llx, address %p\n",
                     emu_prog, sig, (unsigned long long)uc->uc_mcontext.gregs[REG_RIP],
                     si->si_addr);
    if (write(2, msg, (size_t)n) < 0) {
        /* nothing more to do */
    }
    sig_die(sig);
}

static void host_async(int sig, siginfo_t *si, void *ucv)
{
    pending_info[sig] = *si;
    pending |= 1ull << (sig - 1);
    /* Leave every other signal queued in the host kernel, in the host's
     * order, until deliver_pending takes them one by one (top of file);
     * the host mask is the guest's again once they are delivered.  This
     * is the mask word the kernel restores at sigreturn (glibc's sigaddset
     * would refuse 32 and 33, which the guest's glibc uses). */
    ((ucontext_t *)ucv)->uc_sigmask.__val[0] |=
        ~(SIG_EMU_RESERVED | UNBLOCKABLE);
    host_mask_stale = 1;
    host_sig_seen = 1;
    if (cur_env) {
        set_exit_request(cur_env);
        /* after the flag: a thread about to block must see it or leave */
        safe_syscall_fixup(ucv);
    }
}

/* x86-64 rt_sigreturn trampoline for handlers installed by raw syscall. */
extern void emu_host_restore_rt(void);
__asm__(".text\n.globl emu_host_restore_rt\n.type emu_host_restore_rt,@function\n"
        "emu_host_restore_rt:\n\tmovq $15, %rax\n\tsyscall\n\thlt\n");

/* glibc's sigaction() refuses 32 and 33 (its own SIGCANCEL/SIGSETXID), but
 * the guest's glibc uses them for pthread_cancel and setxid: install the
 * forwarding handler with the raw system call. */
static int host_sigaction_raw(int sig, void (*fn)(int, siginfo_t *, void *),
                              unsigned long flags)
{
    struct {
        void *handler;
        unsigned long flags;
        void (*restorer)(void);
        uint64_t mask;
    } ka = {(void *)fn, flags | SA_SIGINFO | 0x04000000ul /* SA_RESTORER */,
            emu_host_restore_rt, ~0ull};
    return (int)syscall(SYS_rt_sigaction, sig, &ka, NULL, 8);
}

void sig_action_changed(int sig)
{
    uint64_t bit = 1ull << (sig - 1);
    GuestSigaction ka;
    if (sig < 1 || sig > GUEST_NSIG || sig == SIGKILL || sig == SIGSTOP ||
        (bit & SIG_EMU_RESERVED) || !sig_state_get(sig, &ka))
        return;
    if (ka.handler == (uint64_t)(uintptr_t)SIG_DFL &&
        (default_ignores(sig) || default_stops(sig))) {
        /* The host's default is the guest's: a default-ignored signal is
         * then discarded by the host kernel as by the guest's, and never
         * interrupts a blocking call (a SIGCHLD handler put back to
         * SIG_DFL, as system() does, must not cut a sleep short). */
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = SIG_DFL;
        sigaction(sig, &sa, NULL);
        return;
    }
    if (ka.handler == (uint64_t)(uintptr_t)SIG_IGN)
        return; /* the syscall layer mirrors it */
    /* SIG_DFL of a signal whose default kills: caught too, so that
     * deliver() ends the process through sig_die() - the robust futex
     * lists of 32-bit threads are walked and no host core of emu is
     * written - rather than the host kernel ending it.  Not 32 and 33:
     * the host glibc's own (SIGCANCEL, SIGSETXID) until the guest's glibc
     * installs its handlers there. */
    if (ka.handler == (uint64_t)(uintptr_t)SIG_DFL &&
        (sig == SIGRTMIN_HOST_CANCEL || sig == SIGRTMIN_HOST_CANCEL + 1))
        return;
    /* Never SA_RESTART on the host, whatever the guest asked: a blocking
     * host call must come back with EINTR so that the guest's handler
     * runs while the guest's syscall is interrupted; whether that syscall
     * then restarts is the guest's SA_RESTART, applied by
     * sig_syscall_return(). */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_async;
    sa.sa_flags = SA_SIGINFO;
    sigfillset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0)
        host_sigaction_raw(sig, host_async, 0);
}

static void *host_noop_thread(void *arg)
{
    return arg;
}

/* fork(2): the child starts with the parent's mask and no pending
 * signals.  Host signals stay blocked across the fork, so that one sent to
 * the new child before it has emptied the copy of `pending` it inherited
 * waits in its host queue instead of being wiped out with that copy. */
static void sig_fork_prepare(void)
{
    host_setmask(~0ull);
}

static void sig_fork_parent(void)
{
    sig_host_mask_sync();
}

static void sig_fork_child(void)
{
    pending = 0;
    sig_host_mask_sync();
}

void sig_init(void)
{
    /* The host glibc installs its own SIGSETXID (33) handler the first time
     * the process creates a thread (late_init in pthread_create).  Let that
     * happen now: done later, it would replace the forwarding handler of a
     * guest whose glibc installed one for its own setxid broadcast, and the
     * host handler crashes when no host setxid is in progress. */
    pthread_t t;
    if (pthread_create(&t, NULL, host_noop_thread, NULL) == 0)
        pthread_join(t, NULL);
    pthread_atfork(sig_fork_prepare, sig_fork_parent, sig_fork_child);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    /* Not expected from generated code (undefined instructions, BRK and
     * integer division are handled without host traps), but a guest may
     * send them to itself; host_fault() tells the two apart by si_code. */
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    /* The other default-fatal signals (sig_action_changed) */
    for (int sig = 1; sig <= GUEST_NSIG; sig++)
        sig_action_changed(sig);
}

void sig_thread_init(void *env)
{
    cur_env = env;
    safe_syscall_set_flag(exit_request_of(env));
    /* The host mask came from the creating thread, with the signals
     * pending there blocked.  One that arrived before cur_env was set is
     * delivered at the first block entry. */
    sig_host_mask_sync();
    if (pending)
        set_exit_request(env);
}

void sig_set_jmp(sigjmp_buf *jb)
{
    cur_jmp = jb;
}

void sig_raise_sync(void *env, int sig, int code, uint64_t addr)
{
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = sig;
    si.si_code = code;
    si.si_addr = (void *)(uintptr_t)addr;
    GuestSigaction ka;
    sig_state_get(sig, &ka);
    deliver(env, sig, &si, &ka, true);
    sig_host_mask_sync();
}

uint64_t sig_pending_mask(void)
{
    return pending;
}

int sig_take_pending(uint64_t set, siginfo_t *si)
{
    uint64_t d = pending & set;
    if (!d)
        return 0;
    int sig = __builtin_ctzll(d) + 1;
    pending &= ~(1ull << (sig - 1));
    *si = pending_info[sig];
    sig_host_mask_sync(); /* its next instance may come now */
    return sig;
}

/* Takes the next signal for the guest: the one in `pending`, else the
 * host kernel's next deliverable one (the host mask blocks them all while
 * this runs), in the host's dequeue order.  0 when there is none. */
static int take_next(siginfo_t *si)
{
    uint64_t d = pending & ~sig_state_mask();
    if (d) {
        int sig = __builtin_ctzll(d) + 1;
        pending &= ~(1ull << (sig - 1));
        *si = pending_info[sig];
        return sig;
    }
    uint64_t want =
        ~(sig_state_mask() | pending | SIG_EMU_RESERVED | UNBLOCKABLE);
    struct timespec zero = {0, 0};
    long s = syscall(SYS_rt_sigtimedwait, &want, si, &zero, 8);
    return s >= 1 && s <= GUEST_NSIG ? (int)s : 0;
}

/* The kernel's delivery loop (see the top of the file).  how is the
 * syscall-restart state of sig_syscall_return (SIG_SYSCALL_DONE when not
 * coming from an interrupted syscall): the first signal that gets a frame
 * decides it. */
static void deliver_pending(void *env, int how)
{
    *exit_request_of(env) = 0;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (!(pending & ~sig_state_mask()) && !host_mask_stale)
        return;
    host_setmask(~SIG_EMU_RESERVED);
    siginfo_t si;
    int sig;
    while ((sig = take_next(&si))) {
        GuestSigaction ka;
        sig_state_get(sig, &ka);
        if (how != SIG_SYSCALL_DONE && ka.handler > 1) {
            /* arm64 do_signal: the call was prepared for restart; a
             * handler turns that into EINTR unless it is ERESTARTSYS and
             * the handler has SA_RESTART. */
            if (how == SIG_SYSCALL_NOHAND ||
                (how == SIG_SYSCALL_RESTARTSYS && !(ka.flags & SA_RESTART)))
                guest_arch->syscall_unrewind(env, -EINTR);
            how = SIG_SYSCALL_DONE;
        }
        deliver(env, sig, &si, &ka, false);
    }
    sig_host_mask_sync();
}

void sig_process_pending(void *env)
{
    deliver_pending(env, SIG_SYSCALL_DONE);
}

bool sig_syscall_return(void *env, int64_t r, uint64_t orig_a0, int how)
{
    /* An EINTR that no host handler of ours caused (the host's own rules,
     * e.g. epoll_wait after SIGSTOP/SIGCONT) is the guest's answer too. */
    if (r == -EINTR && !host_sig_seen)
        how = SIG_SYSCALL_DONE;
    host_sig_seen = 0;
    if (how == SIG_SYSCALL_DONE)
        return false;
    guest_arch->syscall_rewind(env, orig_a0);
    deliver_pending(env, how);
    return true;
}
