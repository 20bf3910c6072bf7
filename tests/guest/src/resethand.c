/*
 * resethand.c - SA_RESETHAND (SA_ONESHOT) resets only the handler.
 *
 * kernel/signal.c get_signal: `if (ka->sa.sa_flags & SA_ONESHOT)
 * ka->sa.sa_handler = SIG_DFL;` -- the flags (SA_SIGINFO, SA_RESTART,
 * SA_RESETHAND itself) and sa_mask stay as installed, and the handler
 * that runs still gets its siginfo.  The next instance takes the default
 * action (SIGUSR1: terminate).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int ran, got_info, self_blocked, other_blocked, dfl_inside;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    ran++;
    got_info = si && si->si_signo == sig && si->si_code == SI_TKILL;
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    self_blocked = sigismember(&cur, SIGUSR1);
    other_blocked = sigismember(&cur, SIGUSR2);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    dfl_inside = now.sa_handler == SIG_DFL;
}

static void show_flags(const char *what, int flags)
{
    printf("%s:%s%s%s%s%s\n", what, flags & SA_SIGINFO ? " SA_SIGINFO" : "",
           flags & SA_RESTART ? " SA_RESTART" : "",
           flags & SA_RESETHAND ? " SA_RESETHAND" : "",
           flags & SA_NODEFER ? " SA_NODEFER" : "",
           flags & SA_ONSTACK ? " SA_ONSTACK" : "");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_RESETHAND | SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR1, NULL, &old);
    show_flags("installed", old.sa_flags);

    raise(SIGUSR1);
    printf("handler ran %d, siginfo %d, SIGUSR1 blocked inside %d, "
           "sa_mask SIGUSR2 blocked inside %d, SIG_DFL already inside %d\n",
           ran, got_info, self_blocked, other_blocked, dfl_inside);

    sigaction(SIGUSR1, NULL, &old);
    printf("after delivery: handler %s\n",
           old.sa_handler == SIG_DFL ? "SIG_DFL" : "still installed");
    show_flags("after delivery", old.sa_flags);
    printf("after delivery: sa_mask has SIGUSR2 %d\n",
           sigismember(&old.sa_mask, SIGUSR2));

    /* The second one takes the default action. */
    pid_t c = fork();
    if (c == 0) {
        raise(SIGUSR1);
        _exit(0);
    }
    int st;
    waitpid(c, &st, 0);
    printf("second SIGUSR1 in a child: %s %d\n",
           WIFSIGNALED(st) ? "killed by signal" : "exited",
           WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));

    /* SA_RESETHAND with SA_NODEFER: the signal is not blocked inside. */
    ran = 0;
    sa.sa_flags = SA_RESETHAND | SA_SIGINFO | SA_NODEFER;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("with SA_NODEFER: handler ran %d, SIGUSR1 blocked inside %d\n", ran,
           self_blocked);
    sigaction(SIGUSR1, NULL, &old);
    show_flags("after delivery", old.sa_flags);
    return 0;
}
