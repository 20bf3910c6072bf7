/*
 * linux-user/signal.c - host signals that become guest signals, and the
 * arm64 signal frames guest handlers run on.
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
 * Delivery follows arch/arm64/kernel/signal.c: a struct rt_sigframe
 * (siginfo + ucontext with the sigcontext and an fpsimd_context record)
 * below a 16-byte frame record, x0 = signal, x1 = &info, x2 = &uc,
 * x29 = &frame record, x30 = sa_restorer or our sigreturn trampoline.
 * Without a handler the default action applies: terminate by the same
 * signal (emu suppresses its own core dump), ignore, or stop.
 *
 * A host fault that tb_recover_state() does not claim is an emulator bug:
 * it is reported as such on stderr before the process dies.
 */
#include "linux-user/signal.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/emu.h"
#include "linux-user/mmap.h"
#include "syscall/signal-state.h"
#include "tcg/tb.h"

/* arm64 uapi (asm/sigcontext.h, asm/ucontext.h) */
#define FPSIMD_MAGIC 0x46508001u
#define A64_SIGCTX_RESERVED 4096
#define A64_SA_RESTORER 0x04000000u

typedef struct A64Sigcontext {
    uint64_t fault_address;
    uint64_t regs[31];
    uint64_t sp, pc, pstate;
    uint8_t reserved[A64_SIGCTX_RESERVED] __attribute__((aligned(16)));
} A64Sigcontext;

typedef struct A64FpsimdContext {
    uint32_t magic, size;
    uint32_t fpsr, fpcr;
    unsigned __int128 vregs[32];
} A64FpsimdContext;

typedef struct A64Ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
    uint64_t uc_sigmask;
    uint8_t unused[1024 / 8 - 8];
    A64Sigcontext uc_mcontext __attribute__((aligned(16)));
} A64Ucontext;

typedef struct A64RtSigframe {
    uint8_t info[128]; /* siginfo_t: same layout on arm64 and x86-64 */
    A64Ucontext uc;
} A64RtSigframe;

_Static_assert(sizeof(A64Ucontext) == 4560, "arm64 ucontext size");
_Static_assert(offsetof(A64Ucontext, uc_mcontext) == 176, "uc_mcontext");

static __thread A64State *cur_env;
static __thread sigjmp_buf *cur_jmp;
static __thread uint64_t pending;        /* bit sig-1 */
static __thread siginfo_t pending_info[GUEST_NSIG + 1];
static __thread volatile sig_atomic_t host_mask_stale; /* see host_async */
static uint64_t sigreturn_tramp;         /* guest address of mov x8,#139; svc 0 */

static _Noreturn void die_by_signal(int sig)
{
    struct rlimit rl = {0, 0};
    struct sigaction sa;
    sigset_t set;

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

static bool default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
           sig == SIGCONT;
}

static bool default_stops(int sig)
{
    return sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void set_guest_mask(uint64_t m)
{
    m &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    sig_state_set_mask(m);
    uint64_t h = m & ~SIG_EMU_RESERVED;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &h, NULL, 8);
}

static bool on_altstack(const GuestAltStack *ss, uint64_t sp)
{
    return !(ss->flags & SS_DISABLE) && sp > ss->sp && sp <= ss->sp + ss->size;
}

/* Builds the frame and points env at the handler; false if the guest
 * stack cannot hold the frame (the kernel then forces SIGSEGV). */
static bool setup_frame(A64State *env, int sig, const siginfo_t *info,
                        const GuestSigaction *ka)
{
    GuestAltStack ss;
    uint64_t sp = env->x[31];
    sig_state_altstack(&ss);
    if ((ka->flags & SA_ONSTACK) && !(ss.flags & SS_DISABLE) && ss.size &&
        !on_altstack(&ss, sp))
        sp = ss.sp + ss.size;

    uint64_t rec = (sp - 16) & ~15ull;
    uint64_t fa = (rec - sizeof(A64RtSigframe)) & ~15ull;
    if (!guest_range_ok(fa, rec + 16 - fa, PROT_READ | PROT_WRITE))
        return false;

    A64RtSigframe *f = (A64RtSigframe *)(uintptr_t)fa;
    memset(f, 0, sizeof(*f));
    memcpy(f->info, info, sizeof(f->info));
    A64Ucontext *uc = &f->uc;
    uc->ss_sp = ss.sp;
    uc->ss_size = ss.size;
    uc->ss_flags = (ss.flags & SS_DISABLE) ? SS_DISABLE
                   : on_altstack(&ss, env->x[31]) ? SS_ONSTACK : 0;
    uc->uc_sigmask = sig_state_mask();
    A64Sigcontext *mc = &uc->uc_mcontext;
    if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
        sig == SIGTRAP)
        mc->fault_address = (uint64_t)(uintptr_t)info->si_addr;
    memcpy(mc->regs, env->x, sizeof(mc->regs));
    mc->sp = env->x[31];
    mc->pc = env->pc;
    mc->pstate = env->nzcv & 0xf0000000u;
    A64FpsimdContext *fp = (A64FpsimdContext *)mc->reserved;
    fp->magic = FPSIMD_MAGIC;
    fp->size = sizeof(*fp);
    fp->fpsr = env->fpsr;
    fp->fpcr = env->fpcr;
    memcpy(fp->vregs, env->v, sizeof(fp->vregs));
    /* the terminator record after it is already zero */

    uint64_t *frame_record = (uint64_t *)(uintptr_t)rec;
    frame_record[0] = env->x[29];
    frame_record[1] = env->x[30];

    env->x[0] = (uint64_t)sig;
    env->x[1] = fa;
    env->x[2] = fa + offsetof(A64RtSigframe, uc);
    env->x[29] = rec;
    env->x[30] = (ka->flags & A64_SA_RESTORER) ? ka->restorer : sigreturn_tramp;
    env->x[31] = fa;
    env->pc = ka->handler;
    env->excl_size = 0; /* exception entry clears the exclusive monitor */
    /* The handler starts with PSTATE.NZCV as it was; FP state is kept. */

    uint64_t m = sig_state_mask() | ka->mask;
    if (!(ka->flags & SA_NODEFER))
        m |= 1ull << (sig - 1);
    set_guest_mask(m);
    if (ka->flags & SA_RESETHAND) {
        GuestSigaction dfl = {0};
        sig_state_set(sig, &dfl);
        sig_action_changed(sig);
    }
    return true;
}

/* Delivers sig to the guest now: returns when env is ready to run the
 * handler (or the signal was ignored); does not return when the default
 * action terminates the process. */
static void deliver(A64State *env, int sig, const siginfo_t *info, bool sync)
{
    GuestSigaction ka;
    sig_state_get(sig, &ka);
    if (emu_opts.dbg & DBG_SIGNAL)
        emu_log("emu: deliver signal %d at pc %#llx handler %#llx\n", sig,
                (unsigned long long)env->pc, (unsigned long long)ka.handler);
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
        die_by_signal(sig);
    }
    /* A synchronous fault with the signal blocked kills, as in the
     * kernel (force_sig_fault). */
    if (sync && (sig_state_mask() & (1ull << (sig - 1))))
        die_by_signal(sig);
    if (!setup_frame(env, sig, info, &ka))
        die_by_signal(SIGSEGV);
}

static void host_fault(int sig, siginfo_t *si, void *ucv)
{
    A64State *env = cur_env;
    if (si->si_code > 0 && env && tb_recover_state(env, (ucontext_t *)ucv)) {
        if (emu_opts.dbg & DBG_SIGNAL)
            emu_log("emu: guest fault signal %d at pc %#llx addr %p\n", sig,
                    (unsigned long long)env->pc, si->si_addr);
        deliver(env, sig, si, true);
        if (cur_jmp)
            siglongjmp(*cur_jmp, 1);
        die_by_signal(sig);
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
        if (ka.handler == (uint64_t)(uintptr_t)SIG_IGN)
            return;
        if (env) {
            pending_info[sig] = *si;
            pending |= 1ull << (sig - 1);
            env->exit_request = 1;
            return;
        }
        die_by_signal(sig);
    }
    char msg[160];
    ucontext_t *uc = ucv;
    int n = snprintf(msg, sizeof(msg),
                     "emu-aarch64: internal error: host signal %d at host pc "
                     "%#llx, address %p\n",
                     sig, (unsigned long long)uc->uc_mcontext.gregs[REG_RIP],
                     si->si_addr);
    if (write(2, msg, (size_t)n) < 0) {
        /* nothing more to do */
    }
    die_by_signal(sig);
}

static void host_async(int sig, siginfo_t *si, void *ucv)
{
    pending_info[sig] = *si;
    pending |= 1ull << (sig - 1);
    /* Keep further instances queued in the host kernel until the guest has
     * taken this one: real-time signals queue (each with its own siginfo),
     * and one pending slot per signal would merge them.  The host mask is
     * set from the guest's again when this one is delivered. */
    sigaddset(&((ucontext_t *)ucv)->uc_sigmask, sig);
    host_mask_stale = 1;
    if (cur_env)
        cur_env->exit_request = 1;
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
    if (ka.handler <= 1)
        return; /* SIG_DFL / SIG_IGN: the syscall layer mirrors those */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_async;
    sa.sa_flags = SA_SIGINFO | (int)(ka.flags & SA_RESTART);
    sigfillset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0)
        host_sigaction_raw(sig, host_async, ka.flags & SA_RESTART);
}

int64_t sig_rt_sigreturn(A64State *env)
{
    uint64_t fa = env->x[31];
    if (!guest_range_ok(fa, sizeof(A64RtSigframe), PROT_READ))
        die_by_signal(SIGSEGV);
    A64RtSigframe *f = (A64RtSigframe *)(uintptr_t)fa;
    A64Sigcontext *mc = &f->uc.uc_mcontext;
    memcpy(env->x, mc->regs, sizeof(mc->regs));
    env->x[31] = mc->sp;
    env->pc = mc->pc;
    env->nzcv = (uint32_t)mc->pstate & 0xf0000000u;
    /* Walk the records for the FP/SIMD state. */
    for (uint32_t off = 0; off + 8 <= A64_SIGCTX_RESERVED;) {
        A64FpsimdContext *rec = (A64FpsimdContext *)(mc->reserved + off);
        if (rec->magic == 0 || rec->size < 8 ||
            off + rec->size > A64_SIGCTX_RESERVED)
            break;
        if (rec->magic == FPSIMD_MAGIC && rec->size >= sizeof(*rec)) {
            env->fpsr = rec->fpsr;
            env->fpcr = rec->fpcr;
            memcpy(env->v, rec->vregs, sizeof(rec->vregs));
        }
        off += rec->size;
    }
    set_guest_mask(f->uc.uc_sigmask);
    env->excl_size = 0;
    return (int64_t)env->x[0];
}

static void *host_noop_thread(void *arg)
{
    return arg;
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

    /* The sigreturn trampoline guest handlers return to when they have no
     * SA_RESTORER (arm64 Linux puts it in the vDSO). */
    int64_t page = guest_mmap(0, 4096, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page < 0)
        emu_fatal("cannot map the signal trampoline page");
    uint32_t *code = (uint32_t *)(uintptr_t)page;
    code[0] = 0xd2801168; /* mov x8, #139 (rt_sigreturn) */
    code[1] = 0xd4000001; /* svc #0 */
    guest_mprotect((uint64_t)page, 4096, PROT_READ | PROT_EXEC);
    sigreturn_tramp = (uint64_t)page;
}

void sig_thread_init(A64State *env)
{
    cur_env = env;
}

void sig_set_jmp(sigjmp_buf *jb)
{
    cur_jmp = jb;
}

void sig_raise_sync(A64State *env, int sig, int code, uint64_t addr)
{
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = sig;
    si.si_code = code;
    si.si_addr = (void *)(uintptr_t)addr;
    deliver(env, sig, &si, true);
}

uint64_t sig_pending_mask(void)
{
    return pending;
}

void sig_process_pending(A64State *env)
{
    env->exit_request = 0;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    uint64_t deliverable = pending & ~sig_state_mask();
    while (deliverable) {
        int sig = __builtin_ctzll(deliverable) + 1;
        pending &= ~(1ull << (sig - 1));
        siginfo_t si = pending_info[sig];
        deliver(env, sig, &si, false);
        deliverable = pending & ~sig_state_mask();
    }
    /* host_async left the signals it queued blocked on the host */
    if (host_mask_stale) {
        host_mask_stale = 0;
        set_guest_mask(sig_state_mask());
    }
}
