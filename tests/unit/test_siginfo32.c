/*
 * tests/unit/test_siginfo32.c - the 32-bit (EABI) siginfo converters of
 * syscall/signal-state.c: the union member the kernel's siginfo_layout()
 * picks for each signal and code, at the offsets a 32-bit glibc reads
 * (si_pid/si_addr at byte 12, si_uid 16, si_status/si_value 20, si_utime
 * 24, si_stime 28).
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "syscall/signal-state.h"

static uint32_t word_at(const GuestSiginfo32 *g, size_t off)
{
    uint32_t v;
    memcpy(&v, (const char *)g + off, 4);
    return v;
}

Test(siginfo32, fault_address_at_12)
{
    siginfo_t h;
    memset(&h, 0, sizeof(h));
    h.si_signo = SIGSEGV;
    h.si_code = SEGV_MAPERR;
    h.si_addr = (void *)0xdeadbeefUL;
    GuestSiginfo32 g;
    sig_siginfo_to32(&h, &g);
    cr_expect_eq(g.si_signo, SIGSEGV);
    cr_expect_eq(g.si_code, SEGV_MAPERR);
    cr_expect_eq(word_at(&g, 12), 0xdeadbeefu);
    cr_expect_eq(word_at(&g, 16), 0); /* nothing else of the host's */
}

Test(siginfo32, sigchld_fields)
{
    siginfo_t h;
    memset(&h, 0, sizeof(h));
    h.si_signo = SIGCHLD;
    h.si_code = CLD_EXITED;
    h.si_pid = 4321;
    h.si_uid = 1000;
    h.si_status = 7;
    h.si_utime = 11;
    h.si_stime = 22;
    GuestSiginfo32 g;
    sig_siginfo_to32(&h, &g);
    cr_expect_eq(word_at(&g, 12), 4321);
    cr_expect_eq(word_at(&g, 16), 1000);
    cr_expect_eq(word_at(&g, 20), 7);
    cr_expect_eq(word_at(&g, 24), 11);
    cr_expect_eq(word_at(&g, 28), 22);
    siginfo_t back;
    sig_siginfo_from32(&g, &back);
    cr_expect_eq(back.si_pid, 4321);
    cr_expect_eq(back.si_status, 7);
    cr_expect_eq(back.si_stime, 22);
}

Test(siginfo32, queued_value_and_sender)
{
    /* sigqueue(): SI_QUEUE, the sender and the 32-bit sigval */
    siginfo_t h;
    memset(&h, 0, sizeof(h));
    h.si_signo = SIGRTMIN + 1;
    h.si_code = SI_QUEUE;
    h.si_pid = 99;
    h.si_uid = 5;
    h.si_value.sival_int = 0x1234567;
    GuestSiginfo32 g;
    sig_siginfo_to32(&h, &g);
    cr_expect_eq(word_at(&g, 12), 99);
    cr_expect_eq(word_at(&g, 16), 5);
    cr_expect_eq(word_at(&g, 20), 0x1234567);
    siginfo_t back;
    sig_siginfo_from32(&g, &back);
    cr_expect_eq(back.si_value.sival_int, 0x1234567);
    cr_expect_eq(back.si_pid, 99);
}

Test(siginfo32, kill_has_no_value)
{
    /* SI_USER (kill): pid and uid only, whatever the host left after */
    siginfo_t h;
    memset(&h, 0xff, sizeof(h));
    h.si_signo = SIGTERM;
    h.si_errno = 0;
    h.si_code = SI_USER;
    h.si_pid = 1;
    h.si_uid = 2;
    GuestSiginfo32 g;
    sig_siginfo_to32(&h, &g);
    cr_expect_eq(word_at(&g, 12), 1);
    cr_expect_eq(word_at(&g, 16), 2);
    cr_expect_eq(word_at(&g, 20), 0);
}

Test(siginfo32, timer_and_poll)
{
    siginfo_t h;
    memset(&h, 0, sizeof(h));
    h.si_signo = SIGALRM;
    h.si_code = SI_TIMER;
    h.si_timerid = 3;
    h.si_overrun = 4;
    h.si_value.sival_int = 5;
    GuestSiginfo32 g;
    sig_siginfo_to32(&h, &g);
    cr_expect_eq(word_at(&g, 12), 3);
    cr_expect_eq(word_at(&g, 16), 4);
    cr_expect_eq(word_at(&g, 20), 5);

    memset(&h, 0, sizeof(h));
    h.si_signo = SIGIO;
    h.si_code = POLL_IN;
    h.si_band = 0x41;
    h.si_fd = 9;
    sig_siginfo_to32(&h, &g);
    cr_expect_eq(word_at(&g, 12), 0x41);
    cr_expect_eq(word_at(&g, 16), 9);
}
