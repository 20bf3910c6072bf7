/* Signals that are normally synchronous faults (SIGFPE, SIGILL, SIGSEGV,
 * SIGBUS, SIGTRAP) and SIGSYS, sent with raise/kill/tgkill: caught by the
 * handler (si_code SI_TKILL / SI_USER), ignored with SIG_IGN, held while
 * blocked (and shown by sigpending) and delivered on unblock, and the default action at the end
 * (terminate: exit status 128 + SIGFPE).  Python's faulthandler test
 * raise()s SIGFPE and SIGILL. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int hits, lastcode;
static void h(int s, siginfo_t *si, void *u)
{
    (void)s;
    (void)u;
    hits++;
    lastcode = si->si_code;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int sigs[] = {SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGTRAP, SIGSYS};
    struct sigaction sa = {.sa_sigaction = h, .sa_flags = SA_SIGINFO};
    for (unsigned i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        int sig = sigs[i];
        sigaction(sig, &sa, NULL);
        hits = 0;
        raise(sig);
        int a = hits, ca = lastcode;
        kill(getpid(), sig);
        int b = hits, cb = lastcode;
        syscall(SYS_tgkill, getpid(), gettid(), sig);
        printf("%s: raise %d (code %d) kill %d (code %d) tgkill %d\n", sigabbrev_np(sig), a,
               ca, b - a, cb, hits - b);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_BLOCK, &set, NULL);
        hits = 0;
        raise(sig);
        int blocked = hits;
        sigset_t pend;
        sigpending(&pend);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        printf("%s: while blocked %d (pending %d), after unblock %d\n", sigabbrev_np(sig),
               blocked, sigismember(&pend, sig), hits);
        signal(sig, SIG_IGN);
        raise(sig);
        printf("%s: ignored, still running\n", sigabbrev_np(sig));
    }
    signal(SIGFPE, SIG_DFL);
    raise(SIGFPE);
    printf("not reached\n");
    return 0;
}
