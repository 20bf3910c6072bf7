/*
 * linux-user/cpu-loop.c - the per-thread loop between generated code and
 * the rest of the emulator.
 *
 * tb_run() executes guest code until it needs something only the host side
 * can do: a syscall, an exception that becomes a guest signal, or a
 * yield.  Everything here runs on the guest thread's own host thread.
 */
#include <setjmp.h>
#include <signal.h>

#include "common/emu.h"
#include "linux-user/mmap.h"
#include "linux-user/signal.h"
#include "linux-user/thread.h"
#include "syscall/syscall.h"
#include "tcg/tb.h"

_Noreturn void cpu_loop(A64State *env)
{
    sigjmp_buf jb;
    sig_thread_init(env);
    sig_set_jmp(&jb);
    /* A guest fault delivered from the host SIGSEGV handler lands here
     * with env already pointing at the guest's handler. */
    sigsetjmp(jb, 0);
    for (;;) {
        int r = tb_run(env);
        switch (r) {
        case IR_EXIT_SYSCALL:
            sys_a64_syscall(env);
            break;
        case IR_EXIT_UNDEF:
        case IR_EXIT_HLT:
            sig_raise_sync(env, SIGILL, ILL_ILLOPC, env->pc);
            break;
        case IR_EXIT_BRK:
            sig_raise_sync(env, SIGTRAP, TRAP_BRKPT, env->pc);
            break;
        case IR_EXIT_FETCH_FAULT:
            /* mapped but not executable is a permission fault */
            sig_raise_sync(env, SIGSEGV,
                           guest_range_ok(env->pc, 4, 0) ? SEGV_ACCERR
                                                         : SEGV_MAPERR,
                           env->pc);
            break;
        case IR_EXIT_ALIGN:
            /* misaligned exclusive, acquire/release or atomic access */
            sig_raise_sync(env, SIGBUS, BUS_ADRALN, env->fault_addr);
            break;
        case IR_EXIT_PC_ALIGN:
            sig_raise_sync(env, SIGBUS, BUS_ADRALN, env->pc);
            break;
        case IR_EXIT_YIELD:
        default:
            break;
        }
        sig_process_pending(env);
    }
}
