/*
 * armlinux.c - what the 32-bit ARM Linux layer gives a program that a
 * 64-bit guest's does not: the arm signal frames (sigcontext registers,
 * the VFP record in uc_regspace, the handler's ARM/Thumb state, the
 * kernel's return codes when there is no SA_RESTORER, the non-RT frame),
 * sigaltstack's 32-bit stack_t, the ARM-private syscalls (cacheflush for
 * self-modifying code, get_tls, -ENOSYS above them), and a 4 GiB address
 * space laid out as a 3G/1G kernel does.  ARM-only source (asm).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <ucontext.h>
#include <unistd.h>

#define VFP_MAGIC 0x56465001u

static volatile int got;
static volatile uint32_t seen_pc, seen_cpsr, seen_magic, seen_size, seen_d8lo;
static volatile int seen_code;
static volatile uintptr_t seen_addr;

extern char udf_insn[], udf_thumb_insn[];

/* An undefined instruction (not the Linux breakpoint) with d8 set. */
__attribute__((target("arm"), noinline)) static void do_udf_arm(void)
{
    /* .fpu: armel's baseline (ARMv5TE) has no VFP, the CPU does */
    __asm__ volatile(".fpu vfpv3\n"
                     "vmov.f64 d8, #1.5\n"
                     "udf_insn: .word 0xe7f000f0\n" ::: "d8", "memory");
}

__attribute__((target("thumb"), noinline)) static void do_udf_thumb(void)
{
    __asm__ volatile("udf_thumb_insn: .short 0xde00\n" ::: "memory");
}

static void ill_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    got = sig;
    seen_code = si->si_code;
    seen_addr = (uintptr_t)si->si_addr;
    seen_pc = uc->uc_mcontext.arm_pc;
    seen_cpsr = uc->uc_mcontext.arm_cpsr;
    const uint32_t *rs = (const uint32_t *)uc->uc_regspace;
    seen_magic = rs[0];
    seen_size = rs[1];
    seen_d8lo = rs[2 + 2 * 8 + 1]; /* fpregs[8], high word of 1.5 */
    /* skip the instruction: 4 bytes in ARM, 2 in Thumb */
    uc->uc_mcontext.arm_pc += (uc->uc_mcontext.arm_cpsr & 0x20) ? 2 : 4;
}

__attribute__((target("thumb"))) static void thumb_handler(int sig)
{
    got = sig;
}

__attribute__((target("arm"))) static void arm_handler(int sig)
{
    got = sig + 100;
}

static void test_frames(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = ill_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);

    do_udf_arm();
    printf("arm udf: sig %d code %d addr ok %d pc ok %d T %d\n", got,
           seen_code, seen_addr == (uintptr_t)udf_insn,
           seen_pc == (uintptr_t)udf_insn, !!(seen_cpsr & 0x20));
    printf("vfp record: magic %#x size %u d8 %#x\n", seen_magic, seen_size,
           seen_d8lo);
    got = 0;
    do_udf_thumb();
    printf("thumb udf: sig %d code %d pc ok %d T %d\n", got, seen_code,
           (seen_pc | 1) == ((uintptr_t)udf_thumb_insn | 1),
           !!(seen_cpsr & 0x20));

    /* a non-SA_SIGINFO handler gets the non-RT frame (glibc's restorer is
     * sigreturn); Thumb and ARM handlers from the same caller */
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = thumb_handler;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = arm_handler;
    sigaction(SIGUSR2, &sa, NULL);
    got = 0;
    raise(SIGUSR1);
    printf("thumb handler: %d\n", got);
    raise(SIGUSR2);
    printf("arm handler: %d\n", got);
}

/* rt_sigaction without SA_RESTORER: the handler returns through the
 * kernel's return code (the sigpage). */
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint32_t mask[2];
};

static void plain_handler(int sig) { got = sig; }
static void info_handler(int sig, siginfo_t *si, void *uc)
{
    got = sig + si->si_signo;
}

static void test_no_restorer(void)
{
    struct ksigaction ka = {(void *)plain_handler, 0, NULL, {0, 0}};
    long r = syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8);
    got = 0;
    raise(SIGUSR1);
    printf("no restorer: r %ld got %d\n", r, got);
    ka.handler = (void *)info_handler;
    ka.flags = SA_SIGINFO;
    r = syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8);
    got = 0;
    raise(SIGUSR1);
    printf("no restorer, siginfo: r %ld got %d\n", r, got);
    struct ksigaction old;
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 8);
    printf("old: handler ok %d flags %#lx\n", old.handler == (void *)info_handler,
           old.flags);
}

static char altstack[16384] __attribute__((aligned(16)));
static volatile uintptr_t alt_sp;
static volatile int alt_flags;

static void alt_handler(int sig, siginfo_t *si, void *ucv)
{
    char here;
    ucontext_t *uc = ucv;
    alt_sp = (uintptr_t)&here;
    alt_flags = uc->uc_stack.ss_flags;
    stack_t cur;
    sigaltstack(NULL, &cur);
    alt_flags |= (cur.ss_flags == SS_ONSTACK) << 8;
}

static void test_altstack(void)
{
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0};
    printf("sigaltstack: %d\n", sigaltstack(&ss, NULL));
    ss.ss_size = 1000;
    errno = 0;
    printf("sigaltstack small: %d %s\n", sigaltstack(&ss, NULL),
           errno == ENOMEM ? "ENOMEM" : "?");
    stack_t old;
    sigaltstack(NULL, &old);
    printf("old: sp ok %d size %zu flags %d\n", old.ss_sp == altstack,
           old.ss_size, old.ss_flags);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = alt_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("on altstack: %d uc flags %d now onstack %d\n",
           alt_sp > (uintptr_t)altstack &&
               alt_sp < (uintptr_t)altstack + sizeof(altstack),
           alt_flags & 0xff, alt_flags >> 8);
}

/* Self-modifying code: cacheflush (__clear_cache) makes the new
 * instructions run. */
typedef int (*fn_t)(void);

static void test_cacheflush(void)
{
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    code[0] = 0xe3a00001; /* mov r0, #1 */
    code[1] = 0xe12fff1e; /* bx lr */
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    int a = ((fn_t)code)();
    code[0] = 0xe3a00002; /* mov r0, #2 */
    long r = syscall(0xf0002, code, code + 2, 0);
    int b = ((fn_t)code)();
    printf("cacheflush: %d %d r %ld\n", a, b, r);
    errno = 0;
    r = syscall(0xf0002, code + 2, code, 0);
    printf("cacheflush end<start: %ld %s\n", r, errno == EINVAL ? "EINVAL" : "?");
    munmap(code, 4096);
}

static void test_private(void)
{
    void *tp;
    __asm__("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
    long r = syscall(0xf0006);
    printf("get_tls matches TPIDRURO: %d\n", (void *)r == tp);
    errno = 0;
    r = syscall(0xf0007);
    printf("0xf0007: %ld %s\n", r, errno == ENOSYS ? "ENOSYS" : "?");
    errno = 0;
    r = syscall(0xf07ff);
    printf("0xf07ff: %ld %s\n", r, errno == ENOSYS ? "ENOSYS" : "?");
}

static void test_layout(void)
{
    char local;
    void *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void *brk0 = sbrk(0);
    printf("mmap below stack %d above brk %d below 3G %d\n",
           (uintptr_t)m < (uintptr_t)&local, (uintptr_t)m > (uintptr_t)brk0,
           (uintptr_t)m + (1 << 20) <= 0xc0000000u);
    void *g = mremap(m, 1 << 20, 8 << 20, MREMAP_MAYMOVE);
    printf("mremap grow: ok %d below 3G %d\n", g != MAP_FAILED,
           (uintptr_t)g + (8 << 20) <= 0xc0000000u);
    memset(g, 1, 8 << 20);
    munmap(g, 8 << 20);
    /* a fixed mapping at an address the guest does not own */
    void *f = mmap((void *)0x20000000, 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("fixed: %d\n", f == (void *)0x20000000);
    *(volatile int *)f = 1;
    munmap(f, 4096);
    /* the stack is below TASK_SIZE (3 GiB - 16 MiB) */
    printf("stack below TASK_SIZE %d\n", (uintptr_t)&local < 0xbf000000u);
    /* a SysV segment attached where the guest said nothing goes inside
     * the 32-bit space too */
    int id = shmget(IPC_PRIVATE, 65536, IPC_CREAT | 0600);
    char *sp = shmat(id, NULL, 0);
    printf("shmat: ok %d below stack %d\n", sp != (void *)-1,
           (uintptr_t)sp < (uintptr_t)&local);
    strcpy(sp, "shared");
    char *sq = shmat(id, NULL, SHM_RDONLY);
    printf("shmat again: %s\n", sq);
    printf("shmdt: %d\n", shmdt(sp) == 0 && shmdt(sq) == 0);
    shmctl(id, IPC_RMID, NULL);
    struct utsname u;
    uname(&u);
    printf("machine %s\n", u.machine);
}

/* The old one-word-sigset calls arm still has (sigprocmask 126,
 * sigpending 73, sigaction 67 with struct old_sigaction). */
static volatile int old_got;
static void old_handler(int s) { old_got = s; }
struct old_sigaction32 {
    void *handler;
    uint32_t mask, flags;
    void *restorer;
};

static void test_oldcalls(void)
{
    uint32_t set = 1u << (SIGUSR1 - 1);
    printf("old block %ld\n", syscall(126, SIG_BLOCK, &set, NULL));
    uint64_t full = 0;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &full, 8);
    printf("rt mask has it %d\n", !!(full & set));
    raise(SIGUSR1);
    uint32_t pend = 0;
    printf("old pending %ld %d\n", syscall(73, &pend), !!(pend & set));
    struct old_sigaction32 a = {(void *)old_handler, 0, 0, NULL}, o;
    printf("old sigaction %ld\n", syscall(67, SIGUSR1, &a, &o));
    printf("old unblock %ld got %d\n", syscall(126, SIG_UNBLOCK, &set, NULL),
           old_got);
    syscall(67, SIGUSR1, NULL, &o);
    printf("old handler back %d\n", o.handler == (void *)old_handler);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_frames();
    test_no_restorer();
    test_altstack();
    test_cacheflush();
    test_private();
    test_layout();
    test_oldcalls();
    return 0;
}
