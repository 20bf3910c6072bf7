/*
 * sigfork.c - a signal sent to a child right after fork() is delivered to
 * it, whatever the child is doing when it arrives (still inside fork's
 * return path, or already waiting in pause()); and a child does not
 * inherit its parent's pending signals (fork(2)).
 *
 * Each round forks a child that pauses and kills it at once: with the
 * default action the child dies by that signal, with the inherited
 * handler it exits with the signal number.  A lost signal would leave the
 * child paused for ever; an alarm() in each child turns that into a
 * SIGALRM death, which the output shows.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void exit_with_sig(int sig)
{
    _exit(sig);
}

static int parent_ran;
static void count(int sig)
{
    (void)sig;
    parent_ran++;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int dfl[] = {SIGHUP, SIGINT,  SIGQUIT, SIGILL,  SIGTRAP, SIGABRT,
                 SIGFPE, SIGSEGV, SIGBUS,  SIGUSR2, SIGTERM};
    int ndfl = sizeof(dfl) / sizeof(dfl[0]);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = exit_with_sig;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN + 1, &sa, NULL);

    int bad = 0, rounds = 20;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < ndfl + 2; i++) {
            int sig = i < ndfl ? dfl[i] : i == ndfl ? SIGUSR1 : SIGRTMIN + 1;
            pid_t p = fork();
            if (p == 0) {
                alarm(2);
                for (;;)
                    pause();
            }
            kill(p, sig);
            int st;
            waitpid(p, &st, 0);
            int ok = i < ndfl ? WIFSIGNALED(st) && WTERMSIG(st) == sig
                              : WIFEXITED(st) && WEXITSTATUS(st) == sig;
            if (!ok) {
                bad++;
                printf("signal %d: child %s %d\n", sig,
                       WIFSIGNALED(st) ? "killed by" : "exited",
                       WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
            }
        }
    }
    printf("%d rounds of %d signals, %d wrong\n", rounds, ndfl + 2, bad);

    /* pending in the parent at fork: the child must not run its handler */
    sa.sa_handler = count;
    sigaction(SIGUSR2, &sa, NULL);
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigprocmask(SIG_BLOCK, &m, NULL);
    raise(SIGUSR2);
    pid_t p = fork();
    if (p == 0) {
        sigset_t pend;
        sigpending(&pend);
        sigprocmask(SIG_UNBLOCK, &m, NULL);
        _exit(sigismember(&pend, SIGUSR2) * 10 + parent_ran);
    }
    int st;
    waitpid(p, &st, 0);
    printf("child: pending SIGUSR2 %d, handler ran %d\n", WEXITSTATUS(st) / 10,
           WEXITSTATUS(st) % 10);
    sigprocmask(SIG_UNBLOCK, &m, NULL);
    printf("parent: handler ran %d\n", parent_ran);
    return 0;
}
