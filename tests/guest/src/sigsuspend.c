/*
 * sigsuspend.c - waiting under a temporary signal mask (rt_sigsuspend,
 * ppoll, pselect6, epoll_pwait): the signal that ends the wait is one the
 * caller's normal mask blocks, so it must be delivered while the temporary
 * mask is in force, and the caller's mask must come back afterwards (the
 * kernel's saved-sigmask rule).  This is how timeout(1), shells and event
 * loops wait for SIGALRM/SIGCHLD.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;
static volatile sig_atomic_t alrm_blocked_in_handler, usr1_blocked_in_handler;

static void on_alarm(int sig)
{
    sigset_t cur;
    (void)sig;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    alrm_blocked_in_handler = sigismember(&cur, SIGALRM);
    usr1_blocked_in_handler = sigismember(&cur, SIGUSR1);
    hits++;
}

static void arm(void)
{
    struct itimerval it = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void report(const char *what, int r, int err, sigset_t *blocked)
{
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("%s: r=%d eintr=%d hits=%d in-handler alrm=%d usr1=%d after: "
           "alrm blocked=%d usr2 blocked=%d\n",
           what, r, r < 0 && err == EINTR, (int)hits,
           (int)alrm_blocked_in_handler, (int)usr1_blocked_in_handler,
           sigismember(&cur, SIGALRM), sigismember(&cur, SIGUSR2));
    hits = 0;
    *blocked = cur;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);

    sigset_t block, wait_mask, cur;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, NULL);
    /* the temporary mask unblocks SIGALRM, blocks SIGUSR1 */
    sigemptyset(&wait_mask);
    sigaddset(&wait_mask, SIGUSR1);

    arm();
    int r = sigsuspend(&wait_mask);
    report("sigsuspend", r, errno, &cur);

    arm();
    struct pollfd pfd = {.fd = 0, .events = 0};
    struct timespec ts = {5, 0};
    r = ppoll(&pfd, 1, &ts, &wait_mask);
    report("ppoll", r, errno, &cur);

    arm();
    r = pselect(0, NULL, NULL, NULL, &ts, &wait_mask);
    report("pselect", r, errno, &cur);

    int ep = epoll_create1(0);
    struct epoll_event ev;
    arm();
    r = epoll_pwait(ep, &ev, 1, 5000, &wait_mask);
    report("epoll_pwait", r, errno, &cur);

    /* a timeout, not a signal: the mask comes back, nothing delivered */
    ts.tv_sec = 0;
    ts.tv_nsec = 1000000;
    r = ppoll(&pfd, 1, &ts, &wait_mask);
    report("ppoll timeout", r, errno, &cur);

    /* a signal still blocked by the temporary mask stays pending */
    raise(SIGUSR2);
    sigset_t pend;
    sigpending(&pend);
    printf("usr2 pending=%d\n", sigismember(&pend, SIGUSR2));
    return 0;
}
