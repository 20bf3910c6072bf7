/*
 * tests/unit/test_safe_syscall.c - the safe-syscall stub
 * (linux-user/safe-syscall.c): a host call made only while the flag is
 * clear, and a host signal handler that moves a thread caught between
 * the flag test and the syscall instruction to the "not made" exit.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#include "linux-user/safe-syscall.h"

extern const char emu_safe_syscall_check[], emu_safe_syscall_done[],
    emu_safe_syscall_intr[];

static volatile uint32_t flag;
static volatile long in_window;

static void on_alarm(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    uintptr_t rip = (uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];
    if (rip >= (uintptr_t)emu_safe_syscall_check &&
        rip < (uintptr_t)emu_safe_syscall_done)
        in_window++;
    flag = 1;
    safe_syscall_fixup(uc);
}

static void handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_alarm;
    sa.sa_flags = SA_SIGINFO; /* no SA_RESTART, as emu installs them */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
}

Test(safe_syscall, like_syscall)
{
    safe_syscall_set_flag(&flag);
    flag = 0;
    cr_assert_eq(sys_host_call(SYS_getpid), getpid());
    errno = 0;
    cr_assert_eq(sys_host_call(SYS_close, -1), -1);
    cr_assert_eq(errno, EBADF);
}

Test(safe_syscall, flag_set_call_not_made)
{
    safe_syscall_set_flag(&flag);
    int efd = eventfd(0, 0);
    uint64_t one = 1, v = 0;
    flag = 1;
    errno = 0;
    cr_assert_eq(sys_host_call(SYS_write, efd, &one, 8), -1);
    cr_assert_eq(errno, EMU_ERESTARTNOINTR);
    flag = 0;
    cr_assert_eq(sys_host_call(SYS_write, efd, &one, 8), 8);
    cr_assert_eq(read(efd, &v, 8), 8);
    cr_assert_eq(v, 1, "only the second write was made");
}

Test(safe_syscall, fixup_moves_only_the_window)
{
    ucontext_t uc;
    memset(&uc, 0, sizeof(uc));
    greg_t *rip = &uc.uc_mcontext.gregs[REG_RIP];
    /* the flag test, and the syscall instruction (2 bytes) not yet run */
    uintptr_t check = (uintptr_t)emu_safe_syscall_check,
              done = (uintptr_t)emu_safe_syscall_done;
    uintptr_t inside[] = {check, done - 2};
    for (int i = 0; i < 2; i++) {
        *rip = (greg_t)inside[i];
        safe_syscall_fixup(&uc);
        cr_assert_eq((uintptr_t)*rip, (uintptr_t)emu_safe_syscall_intr);
    }
    /* after the syscall instruction: the call was made, its result stands */
    uintptr_t outside[] = {done, check - 1};
    for (int i = 0; i < 2; i++) {
        *rip = (greg_t)outside[i];
        safe_syscall_fixup(&uc);
        cr_assert_eq((uintptr_t)*rip, outside[i]);
    }
}

Test(safe_syscall, blocking_call_returns)
{
    safe_syscall_set_flag(&flag);
    handler();
    int p[2];
    cr_assert_eq(pipe(p), 0);
    for (int i = 0; i < 200; i++) {
        flag = 0;
        struct itimerval it = {{0, 0}, {0, 1 + (i % 50) * 7}};
        setitimer(ITIMER_REAL, &it, NULL);
        char c;
        errno = 0;
        long r = sys_host_call(SYS_read, p[0], &c, 1);
        cr_assert_eq(r, -1);
        cr_assert(errno == EINTR || errno == EMU_ERESTARTNOINTR,
                  "round %d: errno %d", i, errno);
    }
}

/* Signals every 20 us while the loop adds 1 to an eventfd counter: every
 * call that reports success was made once, every "not made" was not made
 * at all, wherever the signals land. */
Test(safe_syscall, signal_storm_counts_exactly, .timeout = 60)
{
    safe_syscall_set_flag(&flag);
    handler();
    int efd = eventfd(0, 0);
    struct itimerval it = {{0, 20}, {0, 20}};
    setitimer(ITIMER_REAL, &it, NULL);
    uint64_t one = 1, made = 0, not_made = 0;
    for (int i = 0; i < 300000; i++) {
        long r = sys_host_call(SYS_write, efd, &one, 8);
        if (r == 8) {
            made++;
        } else {
            cr_assert_eq(errno, EMU_ERESTARTNOINTR, "errno %d", errno);
            not_made++;
            flag = 0;
        }
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    uint64_t v = 0;
    cr_assert_eq(read(efd, &v, 8), 8);
    cr_assert_eq(v, made, "counter %llu, calls made %llu",
                 (unsigned long long)v, (unsigned long long)made);
    cr_log_info("%llu made, %llu not made, %ld signals inside the window",
                (unsigned long long)made, (unsigned long long)not_made,
                (long)in_window);
}
