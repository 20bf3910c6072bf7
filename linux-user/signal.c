/*
 * linux-user/signal.c - host signals that become guest signals.
 *
 * Guest faults arrive as host SIGSEGV/SIGBUS in generated code or in a
 * helper it called.  tb_recover_state() rebuilds the precise guest state
 * (registers, flags, pc of the faulting instruction) from the host
 * context; then the guest signal is delivered.  Until guest signal frames
 * exist, delivery means the default action, which for these signals is to
 * terminate the process by that signal, exactly as the kernel does when
 * the program has no handler.
 *
 * A host fault that tb_recover_state() does not claim is an emulator bug:
 * it is reported as such on stderr before the process dies.
 */
#include "linux-user/signal.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/emu.h"
#include "tcg/tb.h"

static __thread A64State *cur_env;

/* Terminates the whole process with signal sig, as the kernel's default
 * action would.  Core dumps of the emulator itself are suppressed: they
 * would describe the host process, not the guest. */
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

static void host_fault(int sig, siginfo_t *si, void *ucv)
{
    A64State *env = cur_env;
    if (env && tb_recover_state(env, (ucontext_t *)ucv)) {
        if (emu_opts.dbg & DBG_SIGNAL)
            emu_log("emu: guest signal %d at pc %#llx addr %p\n", sig,
                    (unsigned long long)env->pc, si->si_addr);
        sig_raise_sync(env, sig, si->si_code, (uint64_t)si->si_addr);
        return;
    }
    char msg[160];
    ucontext_t *uc = ucv;
    int n = snprintf(msg, sizeof(msg),
                     "emu-aarch64: internal error: host signal %d at host pc "
                     "%#llx, address %p\n",
                     sig, (unsigned long long)uc->uc_mcontext.gregs[REG_RIP],
                     si->si_addr);
    if (write(2, msg, n) < 0) {
        /* nothing more to do */
    }
    die_by_signal(sig);
}

void sig_init(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

void sig_thread_init(A64State *env)
{
    cur_env = env;
}

void sig_raise_sync(A64State *env, int sig, int code, uint64_t addr)
{
    (void)code;
    (void)addr;
    if (emu_opts.dbg & DBG_SIGNAL)
        emu_log("emu: synchronous guest signal %d at pc %#llx\n", sig,
                (unsigned long long)env->pc);
    die_by_signal(sig);
}

void sig_process_pending(A64State *env)
{
    (void)env;
}
