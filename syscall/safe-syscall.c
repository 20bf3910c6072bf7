/*
 * syscall/safe-syscall.c - host system calls that can block, made so
 * that a guest signal arriving at any moment interrupts them.
 *
 * Guest handlers are installed on the host without SA_RESTART, so a host
 * call blocked in the kernel returns EINTR when one runs, and the syscall
 * layer then applies the guest's own restart rules (sig_syscall_return).
 * That leaves the classic race: the host handler only raises the thread's
 * flag (env->exit_request); a signal landing after the emulator last
 * looked at the flag but before the `syscall` instruction would be noted,
 * and the call would then block with the guest's handler still waiting
 * (for ever, if the handler is what would end the wait).
 *
 * So the flag is tested by emu_safe_syscall itself, immediately before
 * its `syscall` instruction, and the host handlers call
 * safe_syscall_fixup() after raising it: when the interrupted rip lies in
 * [emu_safe_syscall_check, emu_safe_syscall_done) -- the test, the branch,
 * or the syscall instruction not yet executed (also where the host kernel
 * puts rip when it restarts a call by itself, ERESTARTNOINTR) -- rip is
 * moved to emu_safe_syscall_intr, which returns -ERESTARTNOINTR: "not
 * made, make it again after the signal".  Once rip is past the syscall
 * instruction the call ran and its result (EINTR included) stands.
 *
 * Invariant: the flag is read only inside the window, and nothing between
 * the test and the syscall instruction has side effects.
 */
#include "syscall/safe-syscall.h"

#include <errno.h>
#include <stdarg.h>
#include <ucontext.h>

/* long emu_safe_syscall(const volatile uint32_t *flag, long nr,
 *                       long a0, long a1, long a2, long a3, long a4,
 *                       long a5)
 * returns the raw kernel result (-errno on failure).  The SysV arguments
 * arrive in rdi, rsi, rdx, rcx, r8, r9 and on the stack; the kernel wants
 * rax = nr and rdi, rsi, rdx, r10, r8, r9.  r11 holds the flag pointer:
 * the syscall instruction clobbers it (and rcx), but only after the test. */
long emu_safe_syscall(const volatile uint32_t *flag, long nr, long a0, long a1,
                      long a2, long a3, long a4, long a5);
extern const char emu_safe_syscall_check[], emu_safe_syscall_done[],
    emu_safe_syscall_intr[];

__asm__(".text\n"
        ".globl emu_safe_syscall\n"
        ".type emu_safe_syscall,@function\n"
        "emu_safe_syscall:\n"
        "\t.cfi_startproc\n"
        "\tmovq %rdi, %r11\n"
        "\tmovq %rsi, %rax\n"
        "\tmovq %rdx, %rdi\n"
        "\tmovq %rcx, %rsi\n"
        "\tmovq %r8, %rdx\n"
        "\tmovq %r9, %r10\n"
        "\tmovq 8(%rsp), %r8\n"
        "\tmovq 16(%rsp), %r9\n"
        ".globl emu_safe_syscall_check\n"
        "emu_safe_syscall_check:\n"
        "\tcmpl $0, (%r11)\n"
        "\tjne emu_safe_syscall_intr\n"
        "\tsyscall\n"
        ".globl emu_safe_syscall_done\n"
        "emu_safe_syscall_done:\n"
        "\tret\n"
        ".globl emu_safe_syscall_intr\n"
        "emu_safe_syscall_intr:\n"
        "\tmovq $-513, %rax\n" /* -ERESTARTNOINTR */
        "\tret\n"
        "\t.cfi_endproc\n"
        ".size emu_safe_syscall, .-emu_safe_syscall\n");

_Static_assert(EMU_ERESTARTNOINTR == 513, "the stub's return value");

static const volatile uint32_t no_flag; /* threads without a guest CPU */
static __thread const volatile uint32_t *safe_flag;

void safe_syscall_set_flag(const volatile uint32_t *flag)
{
    safe_flag = flag;
}

long sys_host_call(long nr, ...)
{
    /* Like syscall(2): six arguments are always taken, the kernel ignores
     * the ones the call does not have. */
    va_list ap;
    long a[6];
    va_start(ap, nr);
    for (int i = 0; i < 6; i++)
        a[i] = va_arg(ap, long);
    va_end(ap);
    long r = emu_safe_syscall(safe_flag ? safe_flag : &no_flag, nr, a[0], a[1],
                              a[2], a[3], a[4], a[5]);
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

void safe_syscall_fixup(void *ucontext)
{
    greg_t *rip = &((ucontext_t *)ucontext)->uc_mcontext.gregs[REG_RIP];
    uintptr_t pc = (uintptr_t)*rip;
    if (pc >= (uintptr_t)emu_safe_syscall_check &&
        pc < (uintptr_t)emu_safe_syscall_done)
        *rip = (greg_t)(uintptr_t)emu_safe_syscall_intr;
}
