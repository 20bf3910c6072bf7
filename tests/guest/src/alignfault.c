/*
 * alignfault.c - alignment faults as an Armv8.0 CPU without FEAT_LSE2
 * raises them and arm64 Linux reports them.
 *
 * Exclusives (LDXR/STXR/LDXP/STXP and the acquire/release forms),
 * load-acquire/store-release (LDAR/STLR) and the LSE atomics (LDADD, SWP,
 * CAS, CASP, ...) to an address that is not a multiple of the access size
 * (of the whole pair for LDXP/STXP/CASP) take an Alignment fault (Arm ARM
 * AArch64.CheckAlignment), whatever the memory type; a misaligned STXR
 * faults even though its monitor check would fail.  BR/BLR/RET to a target
 * that is not a multiple of 4 complete (BLR writes x30) and the fetch at
 * the target takes the PC alignment fault; so does a sigreturn to such a
 * pc.  Linux gives SIGBUS with si_code BUS_ADRALN, si_addr = the data
 * address or the target pc, the same value in sigcontext.fault_address,
 * and the ucontext pc at the faulting instruction (for the PC alignment
 * fault: the target itself) - arch/arm64/mm/fault.c do_alignment_fault,
 * do_sp_pc_abort.  Plain LDR/STR/LDP to Normal memory may be misaligned
 * (SCTLR_EL1.A = 0) and must not fault.
 *
 * Each case prints signo, si_code, si_addr - base, fault_address - base
 * and uc pc - the expected pc (all 0 offsets when right); the handler
 * recovers with siglongjmp, or by moving the ucontext pc where a case
 * says so (which also checks the sigreturn path).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code, fix_pc;
static volatile uint64_t got_addr, got_fault, got_pc, got_x30;
static uint64_t expect_pc; /* written by the asm just before the access */
static uint64_t fix_to;    /* fix_pc: resume here instead of siglongjmp */

static uint8_t buf[128] __attribute__((aligned(64)));

static void on_bus(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uint64_t)(uintptr_t)si->si_addr;
    got_fault = uc->uc_mcontext.fault_address;
    got_pc = uc->uc_mcontext.pc;
    got_x30 = uc->uc_mcontext.regs[30];
    if (fix_pc) {
        uc->uc_mcontext.pc = fix_to;
        return;
    }
    siglongjmp(jb, 1);
}

static void reset(void)
{
    got_sig = got_code = 0;
    got_addr = got_fault = got_pc = got_x30 = 0;
    expect_pc = 0;
    fix_pc = 0;
}

static void report(const char *name, uint64_t base)
{
    if (!got_sig) {
        printf("%-14s no signal\n", name);
        return;
    }
    printf("%-14s sig=%d code=%d addr=%+lld fault=%+lld pc=%+lld\n", name,
           got_sig, got_code, (long long)(got_addr - base),
           (long long)(got_fault - base), (long long)(got_pc - expect_pc));
}

/* Runs asm that stores the address of its faulting instruction in
 * expect_pc (x9 is scratch) and then faults. */
#define FAULT_CASE(name, mis, asmtext)                                       \
    do {                                                                     \
        uint64_t a_ = (uint64_t)(uintptr_t)(mis);                            \
        reset();                                                             \
        if (!sigsetjmp(jb, 1)) {                                             \
            __asm__ volatile("adr x9, 1f\n\tstr x9, [%[ep]]\n\t" asmtext    \
                             : : [ep] "r"(&expect_pc), [a] "r"(a_)          \
                             : "x9", "x10", "x11", "x12", "x13", "memory");  \
        }                                                                    \
        report(name, a_);                                                    \
    } while (0)

static void data_faults(void)
{
    uint8_t *b = buf;
    FAULT_CASE("ldxr", b + 1, "1: ldxr x10, [%[a]]");
    FAULT_CASE("ldxr w+2", b + 2, "1: ldxr w10, [%[a]]");
    FAULT_CASE("ldxrh", b + 1, "1: ldxrh w10, [%[a]]");
    FAULT_CASE("ldaxr", b + 4, "1: ldaxr x10, [%[a]]");
    /* no reservation is held: the monitor check would fail, but the
     * alignment is checked first */
    FAULT_CASE("stxr", b + 3, "clrex\n\t1: stxr w11, x10, [%[a]]");
    FAULT_CASE("stlxr w", b + 2, "1: stlxr w11, w10, [%[a]]");
    FAULT_CASE("stxrh", b + 1, "1: stxrh w11, w10, [%[a]]");
    /* pairs: aligned to the size of the pair, 16 or 8 bytes */
    FAULT_CASE("ldxp x", b + 8, "1: ldxp x10, x11, [%[a]]");
    FAULT_CASE("ldxp w", b + 4, "1: ldxp w10, w11, [%[a]]");
    FAULT_CASE("ldaxp x", b + 1, "1: ldaxp x10, x11, [%[a]]");
    FAULT_CASE("stxp x", b + 8, "1: stxp w12, x10, x11, [%[a]]");
    FAULT_CASE("stlxp w", b + 4, "1: stlxp w12, w10, w11, [%[a]]");
    FAULT_CASE("ldar", b + 4, "1: ldar x10, [%[a]]");
    FAULT_CASE("ldarh", b + 1, "1: ldarh w10, [%[a]]");
    FAULT_CASE("stlr", b + 2, "1: stlr w10, [%[a]]");
    FAULT_CASE("ldadd", b + 4, "1: ldadd x10, x11, [%[a]]");
    FAULT_CASE("ldaddh", b + 1, "1: ldaddh w10, w11, [%[a]]");
    FAULT_CASE("ldsetal w", b + 2, "1: ldsetal w10, w11, [%[a]]");
    FAULT_CASE("stumax", b + 6, "1: stumax x10, [%[a]]");
    FAULT_CASE("swp", b + 1, "1: swp x10, x11, [%[a]]");
    FAULT_CASE("swpal w", b + 2, "1: swpal w10, w11, [%[a]]");
    FAULT_CASE("cas", b + 4, "1: cas x10, x11, [%[a]]");
    FAULT_CASE("casalh", b + 1, "1: casalh w10, w11, [%[a]]");
    FAULT_CASE("casp x", b + 8, "1: casp x10, x11, x12, x13, [%[a]]");
    FAULT_CASE("caspal w", b + 4, "1: caspal w10, w11, w12, w13, [%[a]]");
    /* misaligned and unmapped: the Alignment fault comes first */
    FAULT_CASE("ldxr unmapped", (uint8_t *)0x9, "1: ldxr x10, [%[a]]");

    /* SP as the base, 8 but not 16 aligned: Linux sets SCTLR_EL1.SA0, so
     * the SP alignment fault comes first, with si_addr = sp, even though
     * the access itself is aligned (the handler's frame goes below, 16
     * aligned; siglongjmp restores sp) */
    static uint64_t sp_at;
    reset();
    if (!sigsetjmp(jb, 1)) {
        __asm__ volatile("mov x11, sp\n\t"
                         "sub x12, x11, #32\n\t"
                         "and x12, x12, #~15\n\t"
                         "add x12, x12, #8\n\t"
                         "str x12, [%[spa]]\n\t"
                         "adr x9, 1f\n\t"
                         "str x9, [%[ep]]\n\t"
                         "mov sp, x12\n\t"
                         "1: ldxr x10, [sp]\n\t"
                         "mov sp, x11"
                         :
                         : [ep] "r"(&expect_pc), [spa] "r"(&sp_at)
                         : "x9", "x10", "x11", "x12", "memory");
    }
    report("ldxr [sp]", sp_at);
}

/* A branch to target + 2: the branch completes, the fetch there faults
 * with pc = si_addr = the target.  BR and RET: the handler resumes at the
 * aligned label by rewriting the ucontext pc; BLR: siglongjmp. */
static void branch_faults(void)
{
    static const char *names[3] = {"br", "blr", "ret"};
    for (int k = 0; k < 3; k++) {
        reset();
        fix_pc = k != 1;
        if (!sigsetjmp(jb, 1)) {
            uint64_t back;
            /* x10 = label 2 (where the handler resumes), x9 = x10 + 2 */
            __asm__ volatile("adr x10, 2f\n\t"
                             "add x9, x10, #2\n\t"
                             "str x9, [%[ep]]\n\t"
                             "str x10, [%[ft]]\n\t"
                             "cmp %w[k], #1\n\t"
                             "b.eq 4f\n\t"
                             "b.hi 5f\n\t"
                             "br x9\n\t"
                             "4: blr x9\n\t"
                             "5: mov x30, x9\n\t"
                             "ret\n\t"
                             "2: mov %[back], x10\n\t"
                             : [back] "=&r"(back)
                             : [ep] "r"(&expect_pc), [ft] "r"(&fix_to),
                               [k] "r"(k)
                             : "x9", "x10", "x30", "cc", "memory");
            printf("%-14s resumed at the aligned label: %s\n", names[k],
                   back == fix_to ? "yes" : "NO");
        }
        report(names[k], expect_pc);
    }
}

/* x30 after a faulting BLR is the address of the instruction after it. */
static void blr_link(void)
{
    reset();
    uint64_t after = 0;
    if (!sigsetjmp(jb, 1)) {
        __asm__ volatile("adr x10, 3f\n\t"
                         "str x10, [%[af]]\n\t"
                         "adr x9, 3f\n\t"
                         "add x9, x9, #6\n\t"
                         "str x9, [%[ep]]\n\t"
                         "blr x9\n\t"
                         "3: nop\n\t"
                         "nop\n\t"
                         "nop\n\t"
                         :
                         : [ep] "r"(&expect_pc), [af] "r"(&after)
                         : "x9", "x10", "x30", "memory");
    }
    report("blr link", expect_pc);
    printf("%-14s x30 - pc after blr = %lld\n", "blr link",
           (long long)(got_x30 - after));
}

/* A handler that returns with a misaligned ucontext pc: the fetch after
 * sigreturn faults there. */
static void target_fn(void) { __asm__ volatile("nop\n\tnop\n\tnop"); }

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
    (void)sig, (void)si;
    ucontext_t *uc = ucv;
    uc->uc_mcontext.pc = (uint64_t)(uintptr_t)target_fn + 2;
}

static void sigreturn_fault(void)
{
    reset();
    expect_pc = (uint64_t)(uintptr_t)target_fn + 2;
    uint64_t want = expect_pc;
    if (!sigsetjmp(jb, 1))
        raise(SIGUSR1);
    expect_pc = want;
    report("sigreturn pc", want);
}

/* The aligned forms still work, and plain accesses may be misaligned. */
static void aligned_ok(void)
{
    uint64_t *p = (uint64_t *)(buf + 64);
    uint64_t v, st = 1;
    p[0] = 5;
    p[1] = 6;
    reset();
    __asm__ volatile("1: ldxr %0, [%2]\n\t"
                     "add %0, %0, #1\n\t"
                     "stxr %w1, %0, [%2]\n\t"
                     "cbnz %w1, 1b"
                     : "=&r"(v), "=&r"(st)
                     : "r"(p)
                     : "memory");
    printf("ldxr/stxr aligned: %llu\n", (unsigned long long)p[0]);
    uint64_t lo, hi;
    __asm__ volatile("1: ldaxp %0, %1, [%3]\n\t"
                     "add %0, %0, #10\n\t"
                     "add %1, %1, #20\n\t"
                     "stlxp %w2, %0, %1, [%3]\n\t"
                     "cbnz %w2, 1b"
                     : "=&r"(lo), "=&r"(hi), "=&r"(st)
                     : "r"(p)
                     : "memory");
    printf("ldaxp/stlxp aligned: %llu %llu\n", (unsigned long long)p[0],
           (unsigned long long)p[1]);
    uint64_t old;
    __asm__ volatile("ldadd %1, %0, [%2]" : "=&r"(old) : "r"(100ull), "r"(p)
                     : "memory");
    printf("ldadd aligned: old %llu new %llu\n", (unsigned long long)old,
           (unsigned long long)p[0]);
    uint64_t e0 = p[0], e1 = p[1];
    register uint64_t x0 __asm__("x4") = e0, x1 __asm__("x5") = e1;
    register uint64_t n0 __asm__("x6") = 7, n1 __asm__("x7") = 8;
    __asm__ volatile("casp x4, x5, x6, x7, [%4]"
                     : "+r"(x0), "+r"(x1)
                     : "r"(n0), "r"(n1), "r"(p)
                     : "memory");
    printf("casp aligned: old %llu %llu new %llu %llu\n",
           (unsigned long long)x0, (unsigned long long)x1,
           (unsigned long long)p[0], (unsigned long long)p[1]);
    uint32_t w;
    __asm__ volatile("stlr %w1, [%2]\n\tldar %w0, [%2]"
                     : "=&r"(w) : "r"(0x11223344u), "r"(buf + 68) : "memory");
    printf("stlr/ldar aligned: %#x\n", w);

    memcpy(buf, "0123456789abcdefghijklmnopqrstuv", 32);
    uint64_t u, q0, q1;
    __asm__ volatile("ldr %0, [%1]" : "=r"(u) : "r"(buf + 1));
    printf("ldr misaligned: %.8s\n", (char *)&u);
    __asm__ volatile("str %0, [%1]" : : "r"(0x2d2d2d2d2d2d2d2dull), "r"(buf + 3)
                     : "memory");
    __asm__ volatile("ldp %0, %1, [%2]" : "=r"(q0), "=r"(q1) : "r"(buf + 5));
    printf("str/ldp misaligned: %.8s%.8s\n", (char *)&q0, (char *)&q1);
    printf("signals for plain accesses: %d\n", got_sig);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    sa.sa_sigaction = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    setvbuf(stdout, NULL, _IONBF, 0);

    data_faults();
    branch_faults();
    blr_link();
    sigreturn_fault();
    aligned_ok();
    return 0;
}
