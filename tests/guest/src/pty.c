/* Pseudo-terminals: openpty() (/dev/ptmx, TIOCGPTN, TIOCSPTLCK,
 * /dev/pts/N), the line discipline (echo, ICRNL, ONLCR), raw mode, window
 * size, ttyname, FIONREAD, and a child in a new session taking the pty as
 * its controlling terminal (TIOCSCTTY).  Also run with a -L prefix that
 * has its own dev/ptmx (as a debootstrap root does): /dev must still be
 * the host's (linux-user/path.c), or openpty() fails. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* Reads what fd has: waits up to 2 s for the first byte when data is
 * expected (the tty layer hands input to the line discipline from a
 * work queue), then takes whatever follows within 100 ms. */
static void drain_wait(int fd, const char *what, int first_ms)
{
    char buf[256];
    ssize_t n = 0;
    struct pollfd p = {.fd = fd, .events = POLLIN};
    for (int wait = first_ms; n < (ssize_t)sizeof buf - 1 && poll(&p, 1, wait) == 1; wait = 100) {
        ssize_t r = read(fd, buf + n, sizeof buf - 1 - n);
        if (r <= 0)
            break;
        n += r;
    }
    if (n == 0) {
        printf("%s: nothing\n", what);
        return;
    }
    printf("%s: %zd [", what, n);
    for (ssize_t i = 0; i < n; i++)
        printf(buf[i] >= 32 && buf[i] < 127 ? "%c" : "\\%03o", (unsigned char)buf[i]);
    printf("]\n");
}

static void drain(int fd, const char *what) { drain_wait(fd, what, 2000); }
static void expect_none(int fd, const char *what) { drain_wait(fd, what, 100); }

int main(void)
{
    int m, s;
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    if (openpty(&m, &s, NULL, NULL, &ws)) {
        printf("openpty failed: %s\n", strerrorname_np(errno));
        return 1;
    }
    char *name = ttyname(s);
    printf("ttyname under /dev/pts: %d\n", name && !strncmp(name, "/dev/pts/", 9));
    printf("isatty master=%d slave=%d\n", isatty(m), isatty(s));
    struct winsize got;
    ioctl(s, TIOCGWINSZ, &got);
    printf("winsize %dx%d\n", got.ws_col, got.ws_row);
    int ptn = -1;
    printf("TIOCGPTN ok=%d matches name=%d\n", ioctl(m, TIOCGPTN, &ptn) == 0,
           name && atoi(name + 9) == ptn);
    fcntl(m, F_SETFL, O_NONBLOCK);
    fcntl(s, F_SETFL, O_NONBLOCK);
    /* canonical mode: echo back to the master, ICRNL turns \r into \n */
    write(m, "hello\r", 6);
    drain(m, "echo");
    drain(s, "slave line");
    /* slave output: OPOST|ONLCR turns \n into \r\n */
    write(s, "out\n", 4);
    drain(m, "master sees");
    /* raw mode */
    struct termios t;
    tcgetattr(s, &t);
    printf("default lflag ICANON=%d ECHO=%d oflag ONLCR=%d\n", !!(t.c_lflag & ICANON),
           !!(t.c_lflag & ECHO), !!(t.c_oflag & ONLCR));
    cfmakeraw(&t);
    printf("tcsetattr raw: %d\n", tcsetattr(s, TCSANOW, &t));
    write(m, "ab\rc", 4);
    drain(s, "raw read");
    expect_none(m, "raw echo");
    struct termios t2;
    tcgetattr(s, &t2);
    printf("raw lflag ICANON=%d speed=%d\n", !!(t2.c_lflag & ICANON), (int)cfgetospeed(&t2));
    int avail = -1;
    write(m, "xyz", 3);
    struct pollfd pf = {.fd = s, .events = POLLIN};
    poll(&pf, 1, 2000);
    ioctl(s, FIONREAD, &avail);
    printf("FIONREAD %d\n", avail);
    tcflush(s, TCIFLUSH);
    expect_none(s, "after flush");
    /* controlling terminal in a new session */
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        close(m);
        setsid();
        int r = ioctl(s, TIOCSCTTY, 0);
        pid_t fg = tcgetpgrp(s);
        printf("child: sctty=%d fg is us=%d sid ok=%d\n", r, fg == getpid(), tcgetsid(s) == getpid());
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(c, &st, 0);
    printf("child status %d\n", WEXITSTATUS(st));
    /* closing the slave: the master reads EIO */
    close(s);
    fcntl(m, F_SETFL, 0);
    char b;
    ssize_t n = read(m, &b, 1);
    printf("master after slave close: %zd %s\n", n, n < 0 ? strerrorname_np(errno) : "-");
    return 0;
}
