/*
 * linux-user/cpu-loop.c - the per-thread loop between generated code and
 * the rest of the emulator.
 *
 * tb_run() executes guest code until it needs something only the host side
 * can do: a syscall, an exception that becomes a guest signal, or a
 * yield.  Syscalls go to the guest's ABI (guest_arch->abi); the other
 * exits mean different things per architecture (what pc a fault reports,
 * which breakpoint encodings exist), so guest_arch->cpu_exit turns them
 * into guest signals.  Everything here runs on the guest thread's own
 * host thread.
 */
#include <setjmp.h>
#include <signal.h>

#include "common/emu.h"
#include "common/guest-arch.h"
#include "linux-user/signal.h"
#include "linux-user/thread.h"
#include "syscall/syscall.h"
#include "tcg/tb.h"

_Noreturn void cpu_loop(void *env)
{
    sigjmp_buf jb;
    const GuestArch *ga = guest_arch;
    sig_thread_init(env);
    sig_set_jmp(&jb);
    /* A guest fault delivered from the host SIGSEGV handler lands here
     * with env already pointing at the guest's handler. */
    sigsetjmp(jb, 0);
    for (;;) {
        int r = tb_run(env);
        switch (r) {
        case IR_EXIT_SYSCALL:
            sys_syscall(ga->abi, env);
            break;
        case IR_EXIT_YIELD:
        case IR_EXIT_LOOKUP:
            break;
        default:
            ga->cpu_exit(env, r);
            break;
        }
        sig_process_pending(env);
    }
}
