/*
 * sigorder.c - several signals pending at once, then unblocked together.
 *
 * The kernel (do_signal/get_signal, run until no deliverable signal is
 * left before returning to user space) sets up one frame per deliverable
 * signal, lowest number dequeued first, each new frame on top of the
 * previous one, so the last one set up runs first; a frame's handler
 * mask (the signal itself, plus sa_mask) decides what can still be
 * delivered on top of it.  Real-time signals queue: every sigqueue() is
 * delivered once, with its own value, in order.  Standard signals merge.
 *
 * The handlers do a slow read-modify-write of a shared log with an empty
 * sa_mask: if a handler were interrupted by a signal that was already
 * pending when it started, an entry would be lost and "nested" would be
 * nonzero.  The order the log shows is the kernel's.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAXLOG 64
static volatile int log_len, depth, nested;
static int log_sig[MAXLOG], log_val[MAXLOG];

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (depth)
        nested++;
    depth++;
    int n = log_len;
    for (volatile int i = 0; i < 20000; i++)
        ;
    if (n < MAXLOG) {
        log_sig[n] = sig;
        log_val[n] = si->si_code == SI_QUEUE ? si->si_value.sival_int : -1;
    }
    log_len = n + 1;
    depth--;
}

static const char *name(int sig)
{
    static char b[16];
    if (sig == SIGUSR1)
        return "USR1";
    if (sig == SIGUSR2)
        return "USR2";
    snprintf(b, sizeof(b), "RTMIN+%d", sig - SIGRTMIN);
    return b;
}

static void run(const char *title, int mask_all)
{
    int sigs[] = {SIGUSR1, SIGUSR2, SIGRTMIN, SIGRTMIN + 1, SIGRTMIN + 2};
    sigset_t m;
    sigemptyset(&m);
    for (int i = 0; i < 5; i++)
        sigaddset(&m, sigs[i]);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    if (mask_all)
        sigfillset(&sa.sa_mask);
    else
        sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 5; i++)
        sigaction(sigs[i], &sa, NULL);

    sigprocmask(SIG_BLOCK, &m, NULL);
    log_len = nested = 0;
    pid_t me = getpid();
    for (int i = 1; i <= 3; i++)
        sigqueue(me, SIGRTMIN + 1, (union sigval){.sival_int = i});
    for (int i = 11; i <= 13; i++)
        sigqueue(me, SIGRTMIN, (union sigval){.sival_int = i});
    for (int i = 21; i <= 22; i++)
        sigqueue(me, SIGRTMIN + 2, (union sigval){.sival_int = i});
    sigqueue(me, SIGUSR1, (union sigval){.sival_int = 31});
    sigqueue(me, SIGUSR1, (union sigval){.sival_int = 32}); /* merges */
    raise(SIGUSR2);
    sigprocmask(SIG_UNBLOCK, &m, NULL);

    printf("%s: %d handler runs, nested %d\n", title, log_len, nested);
    for (int i = 0; i < log_len && i < MAXLOG; i++)
        printf("  %-8s %d\n", name(log_sig[i]), log_val[i]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    run("empty sa_mask", 0);
    run("sa_mask all", 1);
    return 0;
}
