/*
 * sigrestart.c - a signal handler runs while a blocking syscall is
 * interrupted, and the syscall then restarts or fails with EINTR as the
 * kernel decides (signal(7), arch/arm64/kernel/signal.c do_signal):
 *  - SA_RESTART: read on a pipe and wait4 restart after the handler, so
 *    the read returns data the handler (or a child it woke) wrote;
 *  - no SA_RESTART: they fail with EINTR;
 *  - poll, select and nanosleep never restart, SA_RESTART or not
 *    (nanosleep reports the time left);
 *  - an ignored, a default-ignored or a blocked signal does not interrupt
 *    anything;
 *  - a signal arriving at any moment around the call is never lost (a
 *    loop of short timers: a lost one would leave the read blocked).
 * The interrupting signal comes from a child once the parent is asleep in
 * the kernel (state S in /proc/PID/stat), so the result does not depend
 * on timing.  Every wait has a watchdog child that writes 'W' after a few
 * seconds, so an emulator that gets this wrong prints the wrong thing
 * rather than hanging.  With the argument "faultsigs" it also checks
 * SIGTRAP and SIGFPE sent by kill() (ignored, blocked).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int pfd[2];  /* the pipe the parent reads */
static int gofd[2]; /* the handler tells a child to go on */
static volatile sig_atomic_t handled;

/* The handler: counts, and writes 'H' to the pipe and to gofd. */
static void on_sig(int sig)
{
    (void)sig;
    handled++;
    (void)!write(pfd[1], "H", 1);
    (void)!write(gofd[1], "g", 1);
}

static void on_sig_go(int sig)
{
    (void)sig;
    handled++;
    (void)!write(gofd[1], "g", 1);
}

static void on_sig_flag(int sig)
{
    (void)sig;
    handled++;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void msleep(int ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Waits (at most ~5 s) until process pid sleeps in the kernel. */
static void wait_asleep(pid_t pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    for (int i = 0; i < 5000; i++) {
        int fd = open(path, O_RDONLY);
        ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
        if (fd >= 0)
            close(fd);
        if (n > 0) {
            buf[n] = 0;
            char *p = strrchr(buf, ')');
            if (p && p[1] == ' ' && p[2] == 'S')
                return;
        }
        msleep(1);
    }
}

/* A child that sends sig to the parent once the parent is asleep. */
static pid_t signal_when_asleep(int sig)
{
    pid_t parent = getpid();
    pid_t p = fork();
    if (p == 0) {
        wait_asleep(parent);
        kill(parent, sig);
        _exit(0);
    }
    return p;
}

/* A child that writes c to the pipe after ms milliseconds. */
static pid_t writer(int ms, char c)
{
    pid_t p = fork();
    if (p == 0) {
        msleep(ms);
        (void)!write(pfd[1], &c, 1);
        _exit(0);
    }
    return p;
}

static void reap(pid_t p)
{
    kill(p, SIGKILL);
    waitpid(p, NULL, 0);
}

static void new_pipes(void)
{
    if (pfd[0] > 0) {
        close(pfd[0]);
        close(pfd[1]);
        close(gofd[0]);
        close(gofd[1]);
    }
    if (pipe(pfd) != 0 || pipe(gofd) != 0)
        exit(1);
}

static void show_read(const char *what)
{
    char c = '?';
    errno = 0;
    ssize_t n = read(pfd[0], &c, 1);
    int e = errno;
    /* data 'H': the handler wrote it, 'C': the child it woke, 'D': a
     * child meant to end the read, 'W': the watchdog (wrong) */
    if (n == 1)
        printf("%s: read 1, data '%c', handled %d\n", what, c, (int)handled);
    else
        printf("%s: read %zd, errno %s, handled %d\n", what, n,
               e == EINTR ? "EINTR" : strerror(e), (int)handled);
}

static void test_read(void)
{
    /* The handler writes the pipe: only a read restarted after it
     * (while the watchdog is still asleep) sees 'H'. */
    new_pipes();
    handled = 0;
    set_handler(SIGALRM, on_sig, SA_RESTART);
    pid_t w = writer(10000, 'W');
    pid_t s = signal_when_asleep(SIGALRM);
    show_read("SA_RESTART, handler writes");
    reap(s);
    reap(w);

    /* The handler only wakes a child, which writes after the handler has
     * returned: the data is there only for the restarted read. */
    new_pipes();
    handled = 0;
    set_handler(SIGALRM, on_sig_go, SA_RESTART);
    pid_t c = fork();
    if (c == 0) {
        char g = 'W';
        struct pollfd p = {gofd[0], POLLIN, 0};
        if (poll(&p, 1, 10000) == 1)
            g = 'C';
        msleep(100);
        (void)!write(pfd[1], &g, 1);
        _exit(0);
    }
    s = signal_when_asleep(SIGALRM);
    show_read("SA_RESTART, handler wakes a child");
    reap(s);
    reap(c);

    new_pipes();
    handled = 0;
    set_handler(SIGALRM, on_sig_flag, 0);
    w = writer(10000, 'W');
    s = signal_when_asleep(SIGALRM);
    show_read("no SA_RESTART");
    reap(s);
    reap(w);
}

static void test_wait(void)
{
    for (int restart = 1; restart >= 0; restart--) {
        new_pipes();
        handled = 0;
        set_handler(SIGALRM, on_sig, restart ? SA_RESTART : 0);
        pid_t c = fork();
        if (c == 0) { /* exits once the parent's handler ran */
            char g;
            struct pollfd p = {gofd[0], POLLIN, 0};
            _exit(poll(&p, 1, 10000) == 1 && read(gofd[0], &g, 1) == 1 ? 7 : 9);
        }
        pid_t s = signal_when_asleep(SIGALRM);
        int st = 0;
        pid_t r = waitpid(c, &st, 0);
        int e = errno;
        const char *what = restart ? "SA_RESTART" : "no SA_RESTART";
        if (r == c)
            printf("waitpid %s: child exit %d, handled %d\n", what,
                   WEXITSTATUS(st), (int)handled);
        else
            printf("waitpid %s: %s, handled %d\n", what,
                   e == EINTR ? "EINTR" : strerror(e), (int)handled);
        if (r != c)
            waitpid(c, &st, 0);
        reap(s);
    }
}

static void test_never_restarted(void)
{
    set_handler(SIGALRM, on_sig_flag, SA_RESTART);
    new_pipes();
    pid_t w = writer(10000, 'W');

    handled = 0;
    struct pollfd p = {pfd[0], POLLIN, 0};
    pid_t s = signal_when_asleep(SIGALRM);
    int r = poll(&p, 1, 10000);
    printf("poll with SA_RESTART: %d %s handled %d\n", r,
           r < 0 && errno == EINTR ? "EINTR" : "", (int)handled);
    reap(s);

    handled = 0;
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(pfd[0], &rs);
    struct timeval tv = {10, 0};
    s = signal_when_asleep(SIGALRM);
    r = select(pfd[0] + 1, &rs, NULL, NULL, &tv);
    printf("select with SA_RESTART: %d %s handled %d\n", r,
           r < 0 && errno == EINTR ? "EINTR" : "", (int)handled);
    reap(s);

    handled = 0;
    struct timespec req = {5, 0}, rem = {0, 0};
    s = signal_when_asleep(SIGALRM);
    r = nanosleep(&req, &rem);
    int e = errno;
    long left = rem.tv_sec * 1000 + rem.tv_nsec / 1000000;
    if (left > 0 && left <= 5000)
        printf("nanosleep with SA_RESTART: %d %s handled %d, "
               "time left in (0, 5 s]\n",
               r, r < 0 && e == EINTR ? "EINTR" : "", (int)handled);
    else
        printf("nanosleep with SA_RESTART: %d %s handled %d, time left "
               "wrong: %ld ms\n",
               r, r < 0 && e == EINTR ? "EINTR" : "", (int)handled, left);
    reap(s);
    reap(w);
}

static void test_not_interrupted(void)
{
    /* ignored */
    new_pipes();
    handled = 0;
    signal(SIGUSR1, SIG_IGN);
    pid_t k = fork();
    if (k == 0) {
        msleep(50);
        kill(getppid(), SIGUSR1);
        msleep(100);
        (void)!write(pfd[1], "D", 1);
        _exit(0);
    }
    show_read("SIG_IGN SIGUSR1 during read");
    reap(k);

    /* default-ignored after a handler was installed and removed */
    new_pipes();
    set_handler(SIGCHLD, on_sig_flag, 0);
    signal(SIGCHLD, SIG_DFL);
    pid_t quick = fork();
    if (quick == 0) {
        msleep(50);
        _exit(0);
    }
    pid_t w = writer(200, 'D');
    show_read("SIG_DFL SIGCHLD during read");
    waitpid(quick, NULL, 0);
    reap(w);

    /* blocked: stays pending, the handler runs at the unblock */
    new_pipes();
    handled = 0;
    set_handler(SIGUSR2, on_sig_flag, 0);
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigprocmask(SIG_BLOCK, &m, NULL);
    k = fork();
    if (k == 0) {
        msleep(50);
        kill(getppid(), SIGUSR2);
        msleep(100);
        (void)!write(pfd[1], "D", 1);
        _exit(0);
    }
    show_read("blocked SIGUSR2 during read");
    sigprocmask(SIG_UNBLOCK, &m, NULL);
    printf("after unblock: handled %d\n", (int)handled);
    reap(k);
}

/* SIGTRAP and SIGFPE sent by kill(), which emulators keep catching for
 * guest faults whatever the guest's disposition: ignored is ignored and
 * blocked stays pending, as for any other signal. */
static void test_fault_signals(void)
{
    new_pipes();
    handled = 0;
    signal(SIGTRAP, SIG_IGN);
    set_handler(SIGFPE, on_sig_flag, 0);
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGFPE);
    sigprocmask(SIG_BLOCK, &m, NULL);
    pid_t k = fork();
    if (k == 0) {
        msleep(50);
        kill(getppid(), SIGTRAP);
        msleep(50);
        kill(getppid(), SIGFPE);
        msleep(100);
        (void)!write(pfd[1], "D", 1);
        _exit(0);
    }
    show_read("SIG_IGN SIGTRAP, blocked SIGFPE during read");
    sigprocmask(SIG_UNBLOCK, &m, NULL);
    printf("after unblock: handled %d\n", (int)handled);
    reap(k);
}

static void test_no_lost_signal(void)
{
    new_pipes();
    set_handler(SIGALRM, on_sig, SA_RESTART);
    pid_t w = writer(20000, 'W');
    int got = 0, rounds = 300;
    for (int i = 0; i < rounds; i++) {
        long us = 1 + (i % 37) * 13;
        struct itimerval it = {{0, 0}, {0, us}};
        setitimer(ITIMER_REAL, &it, NULL);
        char c;
        if (read(pfd[0], &c, 1) == 1 && c == 'H')
            got++;
    }
    printf("short timers: %d of %d reads got the handler's byte\n", got,
           rounds);
    reap(w);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_read();
    test_wait();
    test_never_restarted();
    test_not_interrupted();
    if (argc > 1 && strcmp(argv[1], "faultsigs") == 0)
        test_fault_signals();
    test_no_lost_signal();
    return 0;
}
