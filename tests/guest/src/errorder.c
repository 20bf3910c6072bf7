/*
 * errorder.c - which error a syscall gives when several of its arguments
 * are wrong, and what it does with a buffer that is bad or only partly
 * good.  The kernel checks descriptors, flags and lengths before it
 * touches user memory, and faults only where it touches it: EBADF and
 * EINVAL come before EFAULT, a read at end of file into an unmapped buffer
 * returns 0, a read into a buffer whose tail is unmapped returns the bytes
 * that fit.  The LTP error tests (readv02, writev01, preadv02, recvfrom01,
 * sendto01, recvmsg01, sendmsg01, timerfd_gettime01, timerfd_settime01,
 * sched_getparam03, sched_setparam04, mlock02, mlock202, munmap04, ...)
 * rely on these orders.  Plus the smaller rules: mlock/munlock round an
 * unaligned start down, munmap that would split a mapping at
 * vm.max_map_count fails with ENOMEM, and openat2's RESOLVE_NO_SYMLINKS
 * and RESOLVE_NO_MAGICLINKS see /proc/self (a symlink) and
 * /proc/self/exe (a magic link).
 *
 * Everything printed is architecture independent: built natively and run
 * on the host, the program shows the kernel's answers, which the expected
 * output holds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/openat2.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define PG 4096
#define KBAD ((void *)-1)   /* fails access_ok: EFAULT at the first check */

static char *page;  /* one read-write page, the page after it unmapped */
static char *hole;  /* that unmapped page */
static int nonsock; /* an open file that is not a socket */

static void show(const char *what, long r, int err)
{
    if (r < 0)
        printf("%-44s %s\n", what, strerrorname_np(err));
    else
        printf("%-44s ok\n", what);
}

static void showv(const char *what, long r, int err)
{
    if (r < 0)
        printf("%-44s %s\n", what, strerrorname_np(err));
    else
        printf("%-44s = %ld\n", what, r);
}

/* T: error name or "ok"; V: error name or the value. */
#define T(what, expr)                                                        \
    do {                                                                     \
        errno = 0;                                                           \
        long r_ = (long)(expr);                                              \
        show(what, r_, errno);                                               \
    } while (0)
#define V(what, expr)                                                        \
    do {                                                                     \
        errno = 0;                                                           \
        long r_ = (long)(expr);                                              \
        showv(what, r_, errno);                                              \
    } while (0)

static pid_t unused_pid(void)
{
    for (pid_t p = 4000000; p > 1000; p--)
        if (kill(p, 0) && errno == ESRCH)
            return p;
    return 4000000;
}

static int data_file(const char *name, size_t n)
{
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
    char buf[256];
    memset(buf, 'd', sizeof(buf));
    while (n) {
        size_t k = n < sizeof(buf) ? n : sizeof(buf);
        if (write(fd, buf, k) != (ssize_t)k)
            break;
        n -= k;
    }
    lseek(fd, 0, SEEK_SET);
    return fd;
}

static void rw_vectors(void)
{
    int fd = data_file("data", 50);
    int rdonly = open("data", O_RDONLY);
    int dir = open(".", O_RDONLY);
    int eof = open("empty", O_RDWR | O_CREAT, 0644);
    char buf[64];
    struct iovec ok = {buf, sizeof(buf)};
    struct iovec neg = {buf, (size_t)-1};
    struct iovec unm = {hole, 10};
    struct iovec kbad = {KBAD, 10};
    struct iovec tail = {page + PG - 8, 100};

    T("readv negative iov_len", readv(fd, &neg, 1));
    T("readv iovcnt -1", readv(fd, &ok, -1));
    T("readv iovcnt 1025", readv(fd, &ok, 1025));
    T("readv directory", readv(dir, &ok, 1));
    T("readv bad fd", readv(999, &ok, 1));
    T("readv bad fd, bad iov array", readv(999, KBAD, 1));
    T("readv bad fd, negative iov_len", readv(999, &neg, 1));
    T("readv bad fd, iovcnt 1025", readv(999, &ok, 1025));
    T("readv iov array unmapped", readv(fd, (struct iovec *)hole, 1));
    T("readv buffer unmapped", readv(fd, &unm, 1));
    V("readv at EOF, buffer unmapped", readv(eof, &unm, 1));
    T("readv at EOF, kernel address", readv(eof, &kbad, 1));
    lseek(fd, 0, SEEK_SET);
    V("readv buffer tail unmapped", readv(fd, &tail, 1));
    T("writev read-only fd, bad buffer", writev(rdonly, &unm, 1));
    T("writev bad fd, bad buffer", writev(999, &unm, 1));
    V("writev iovcnt 0", writev(fd, &ok, 0));
    lseek(fd, 0, SEEK_SET);
    T("preadv offset -1", preadv(fd, &ok, 1, -1));
    T("preadv bad fd, offset -1", preadv(999, &ok, 1, -1));
    T("preadv2 flags -1", preadv2(fd, &ok, 1, 0, -1));
    T("preadv2 bad fd, flags -1", preadv2(999, &ok, 1, 0, -1));
    T("pwritev2 pipe", ({
          int p[2];
          pipe(p);
          long r = pwritev2(p[1], &ok, 1, 0, 0);
          int e = errno;
          close(p[0]);
          close(p[1]);
          errno = e;
          r;
      }));

    T("read bad fd, NULL", read(999, NULL, 10));
    T("read NULL", read(fd, NULL, 10));
    V("read at EOF, unmapped", read(eof, hole, 10));
    T("read at EOF, kernel address", read(eof, KBAD, 10));
    lseek(fd, 0, SEEK_SET);
    V("read buffer tail unmapped", read(fd, page + PG - 8, 100));
    T("write read-only fd, NULL", write(rdonly, NULL, 10));
    T("pread64 offset -1, NULL", pread(fd, NULL, 10, -1));
    V("write buffer tail unmapped", pwrite(eof, page + PG - 8, 100, 0));
    close(fd);
    close(rdonly);
    close(dir);
    close(eof);
}

static void sockets(void)
{
    char buf[64] = "hello";
    int dg[2], st[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
    socketpair(AF_UNIX, SOCK_STREAM, 0, st);
    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in lo = {.sin_family = AF_INET,
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t lolen = sizeof(lo);
    bind(udp, (struct sockaddr *)&lo, sizeof(lo));
    getsockname(udp, (struct sockaddr *)&lo, &lolen);
    struct sockaddr_in from;
    socklen_t flen = sizeof(from);
    int neg = -1;

    T("recvfrom bad fd", recvfrom(999, buf, 10, 0, (void *)&from, &flen));
    T("recvfrom not a socket", recvfrom(nonsock, buf, 10, 0, NULL, NULL));
    T("recvfrom bad fd, kernel address", recvfrom(999, KBAD, 10, 0, NULL, NULL));
    T("recvfrom bad fd, unmapped", recvfrom(999, hole, 10, 0, NULL, NULL));
    T("recvfrom no data, unmapped", recvfrom(dg[0], hole, 10, MSG_DONTWAIT,
                                             NULL, NULL));
    send(dg[1], "x", 1, 0);
    T("recvfrom addrlen -1", recvfrom(dg[0], buf, 10, 0, (void *)&from,
                                      (socklen_t *)&neg));
    send(st[1], "y", 1, 0);
    V("recvfrom stream, from=-1", recvfrom(st[0], buf, 10, 0, KBAD, &flen));
    sendto(udp, "z", 1, 0, (struct sockaddr *)&lo, sizeof(lo));
    flen = sizeof(from);
    T("recvfrom udp, from=-1", recvfrom(udp, buf, 10, 0, KBAD, &flen));
    send(st[1], "y", 1, 0);
    T("recvfrom MSG_OOB on unix", recv(st[0], buf, 10, MSG_OOB));
    recv(st[0], buf, 10, MSG_DONTWAIT);
    T("recvfrom MSG_ERRQUEUE", recv(udp, buf, 10, MSG_ERRQUEUE));

    T("sendto bad fd, unmapped", sendto(999, hole, 10, 0, NULL, 0));
    T("sendto bad fd, kernel address", sendto(999, KBAD, 10, 0, NULL, 0));
    T("sendto not a socket", sendto(nonsock, buf, 10, 0, NULL, 0));
    T("sendto addrlen 1", sendto(udp, buf, 1, 0, (struct sockaddr *)&lo, 1));
    T("sendto bad address", sendto(udp, buf, 1, 0, KBAD, sizeof(lo)));
    T("sendto unmapped buffer", sendto(udp, hole, 1, 0, (void *)&lo,
                                       sizeof(lo)));
    T("sendto MSG_OOB on unix dgram", sendto(dg[1], buf, 1, MSG_OOB, NULL, 0));

    struct iovec iov = {buf, sizeof(buf)};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
    T("recvmsg bad fd, NULL msg", recvmsg(999, NULL, 0));
    T("recvmsg not a socket, NULL msg", recvmsg(nonsock, NULL, 0));
    T("recvmsg NULL msg", recvmsg(dg[0], NULL, MSG_DONTWAIT));
    struct msghdr big = m;
    big.msg_iovlen = 2000;
    T("recvmsg iovlen 2000", recvmsg(dg[0], &big, MSG_DONTWAIT));
    struct msghdr badname = m;
    badname.msg_name = &from;
    badname.msg_namelen = (socklen_t)-1;
    send(dg[1], "x", 1, 0);
    T("recvmsg namelen -1", recvmsg(dg[0], &badname, MSG_DONTWAIT));
    struct iovec uiov = {hole, 10};
    struct msghdr um = {.msg_iov = &uiov, .msg_iovlen = 1};
    T("recvmsg no data, unmapped iov", recvmsg(dg[0], &um, MSG_DONTWAIT));
    send(dg[1], "x", 1, 0);
    T("recvmsg data, unmapped iov", recvmsg(dg[0], &um, MSG_DONTWAIT));
    struct iovec piov[2] = {{buf, 1}, {hole, 10}};
    struct msghdr pm = {.msg_iov = piov, .msg_iovlen = 2};
    send(st[1], "abc", 3, 0);
    V("recvmsg stream, 2nd iov unmapped", recvmsg(st[0], &pm, MSG_DONTWAIT));
    recv(st[0], buf, sizeof(buf), MSG_DONTWAIT);
    T("sendmsg bad fd, NULL msg", sendmsg(999, NULL, 0));
    T("sendmsg NULL msg", sendmsg(dg[1], NULL, 0));
    struct msghdr niov = {.msg_iov = NULL, .msg_iovlen = 1};
    T("sendmsg NULL iov", sendmsg(dg[1], &niov, 0));
    struct msghdr bctl = m;
    bctl.msg_iov[0].iov_len = 1;
    bctl.msg_control = hole;
    bctl.msg_controllen = 100;
    T("sendmsg control unmapped", sendmsg(dg[1], &bctl, 0));

    struct mmsghdr mm = {.msg_hdr = m};
    T("sendmmsg bad fd", sendmmsg(999, NULL, 1, 0));
    T("recvmmsg NULL vector", recvmmsg(dg[0], NULL, 1, MSG_DONTWAIT, NULL));
    T("recvmmsg bad fd, bad timeout", recvmmsg(999, &mm, 1, 0,
                                               (struct timespec *)hole));

    int v = 0;
    socklen_t vl = sizeof(v), vneg = (socklen_t)-1;
    T("getsockopt bad fd, NULL optlen", getsockopt(999, SOL_SOCKET, SO_TYPE,
                                                   &v, NULL));
    T("getsockopt NULL optlen", getsockopt(udp, SOL_SOCKET, SO_TYPE, &v, NULL));
    T("getsockopt optlen -1", getsockopt(udp, SOL_SOCKET, SO_TYPE, &v, &vneg));
    vl = sizeof(v);
    T("getsockopt unmapped optval", getsockopt(udp, SOL_SOCKET, SO_TYPE, hole,
                                               &vl));
    T("setsockopt bad fd, NULL", setsockopt(999, SOL_SOCKET, SO_RCVBUF, NULL, 4));
    T("setsockopt NULL optval", setsockopt(udp, SOL_SOCKET, SO_RCVBUF, NULL, 4));
    T("setsockopt optlen -1", setsockopt(udp, SOL_SOCKET, SO_RCVBUF, &v, -1));
    T("getsockname bad fd", getsockname(999, NULL, NULL));
    T("getsockname NULL addrlen", getsockname(udp, (void *)&from, NULL));
    T("getsockname addrlen -1", getsockname(udp, (void *)&from,
                                            (socklen_t *)&neg));
    T("accept4 bad flags", accept4(999, NULL, NULL, -1));
    T("bind bad fd, NULL", bind(999, NULL, sizeof(lo)));
    T("bind addrlen -1", bind(udp, (void *)&lo, -1));
    T("bind unmapped address", bind(socket(AF_INET, SOCK_DGRAM, 0), (void *)hole,
                                    sizeof(lo)));
    T("socketpair bad flags, NULL", socketpair(AF_UNIX, SOCK_STREAM | 0x40000000,
                                               0, NULL));
    T("socketpair NULL", socketpair(AF_UNIX, SOCK_STREAM, 0, NULL));
}

static void timers_sched(void)
{
    struct itimerspec its = {{0, 0}, {100, 0}}, out;
    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    T("timerfd_gettime bad fd, bad buffer", timerfd_gettime(999, (void *)hole));
    T("timerfd_gettime not a timerfd", timerfd_gettime(nonsock, &out));
    T("timerfd_gettime bad buffer", timerfd_gettime(tfd, (void *)hole));
    T("timerfd_settime bad fd, bad old", timerfd_settime(999, 0, &its,
                                                         (void *)hole));
    T("timerfd_settime bad fd, bad new", timerfd_settime(999, 0, (void *)hole,
                                                         NULL));
    T("timerfd_settime bad fd, bad flags", timerfd_settime(999, -1, &its, NULL));
    T("timerfd_settime not a timerfd", timerfd_settime(nonsock, 0, &its, NULL));
    T("timerfd_settime bad old", timerfd_settime(tfd, 0, &its, (void *)hole));
    close(tfd);

    struct sched_param sp = {0};
    pid_t none = unused_pid();
    T("sched_getparam pid -1", syscall(SYS_sched_getparam, -1, &sp));
    T("sched_getparam NULL", syscall(SYS_sched_getparam, 0, NULL));
    T("sched_getparam no such pid", syscall(SYS_sched_getparam, none, &sp));
    T("sched_getparam bad buffer", syscall(SYS_sched_getparam, 0, hole));
    T("sched_getparam no such pid, bad buf", syscall(SYS_sched_getparam, none,
                                                     hole));
    T("sched_setparam pid -1", syscall(SYS_sched_setparam, -1, &sp));
    T("sched_setparam NULL", syscall(SYS_sched_setparam, 0, NULL));
    T("sched_setparam no such pid", syscall(SYS_sched_setparam, none, &sp));
    T("sched_setparam no such pid, bad buf", syscall(SYS_sched_setparam, none,
                                                     hole));
    T("sched_setscheduler policy -1, NULL", syscall(SYS_sched_setscheduler, 0,
                                                    -1, NULL));
    T("sched_getaffinity len 1", syscall(SYS_sched_getaffinity, 0, 1, page));
    T("sched_getaffinity no such pid, NULL", syscall(SYS_sched_getaffinity,
                                                     none, 128, NULL));
    T("sched_rr_get_interval bad pid, NULL", syscall(SYS_sched_rr_get_interval,
                                                     none, NULL));

    struct timespec bad_ts = {0, -1};
    T("nanosleep NULL", syscall(SYS_nanosleep, NULL, NULL));
    T("nanosleep nsec -1", syscall(SYS_nanosleep, &bad_ts, NULL));
    T("clock_nanosleep bad clock, NULL", syscall(SYS_clock_nanosleep, 999, 0,
                                                 NULL, NULL));
    T("clock_gettime bad clock, NULL", syscall(SYS_clock_gettime, 999, NULL));
    T("clock_gettime NULL", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, NULL));
    T("clock_getres NULL", syscall(SYS_clock_getres, CLOCK_MONOTONIC, NULL));
    T("getitimer bad timer, NULL", syscall(SYS_getitimer, 999, NULL));
    T("setitimer bad timer, bad new", syscall(SYS_setitimer, 999, hole, NULL));
    timer_t tid;
    timer_create(CLOCK_MONOTONIC, NULL, &tid);
    T("timer_settime NULL new", syscall(SYS_timer_settime, tid, 0, NULL, NULL));
    T("timer_gettime bad timer, NULL", syscall(SYS_timer_gettime, 12345, NULL));
    timer_delete(tid);
    T("timer_create bad clock, NULL id", syscall(SYS_timer_create, 999, NULL,
                                                 NULL));

    T("getrlimit bad resource, NULL", syscall(SYS_getrlimit, 999, NULL));
    T("getrlimit NULL", syscall(SYS_getrlimit, RLIMIT_NOFILE, NULL));
    T("prlimit no such pid", syscall(SYS_prlimit64, none, RLIMIT_NOFILE, NULL,
                                     page));
    T("getrusage bad who, NULL", syscall(SYS_getrusage, 999, NULL));
    T("getrandom bad flags, NULL", syscall(SYS_getrandom, NULL, 10, 0x100));
    V("getrandom buffer tail unmapped", syscall(SYS_getrandom, page + PG - 8,
                                                100, 0));
    T("wait4 bad options, bad status", syscall(SYS_wait4, -1, hole, 0x12345678,
                                               NULL));
    T("wait4 no child, bad status", syscall(SYS_wait4, -1, hole, 0, NULL));
    T("prctl PR_SET_NAME at a page end", ({
          strcpy(page + PG - 4, "abc");
          prctl(PR_SET_NAME, page + PG - 4);
      }));
    prctl(PR_SET_NAME, "errorder");
}

static void memory(void)
{
    T("mlock unaligned start", mlock(page + 100, 100));
    T("munlock unaligned start", munlock(page + 100, 100));
    T("mlock2 unaligned start", syscall(SYS_mlock2, page + 1, 10, 0));
    munlock(page, PG);
    T("mlock2 bad flags", syscall(SYS_mlock2, page, 10, -1));
    T("mlock2 bad flags, unmapped", syscall(SYS_mlock2, hole, 10, -1));
    T("mlock unmapped", mlock(hole, PG));
    T("mlock into unmapped", mlock(page, 2 * PG));
    T("munlock unaligned, unmapped", munlock(hole + 1, 10));
    T("mlock length 0, unmapped", mlock(hole, 0));
    T("madvise bad advice, unmapped", madvise(hole, PG, 999));
    T("madvise unaligned", madvise(page + 1, PG, MADV_NORMAL));
    T("madvise unmapped", madvise(hole, PG, MADV_NORMAL));
    T("madvise length 0, unmapped", madvise(hole, 0, MADV_NORMAL));
    T("msync bad flags, unaligned", msync(page + 1, PG, MS_SYNC | MS_ASYNC));
    T("msync unmapped", msync(hole, PG, MS_SYNC));
    T("msync length -1 (rounds to 0)", msync(page, (size_t)-1, MS_ASYNC));
    unsigned char vec[2];
    T("mincore unaligned", mincore(page + 1, PG, vec));
    T("mincore unmapped", mincore(hole, PG, vec));
    T("mincore NULL vector", mincore(page, PG, NULL));
    T("mincore kernel address vector", mincore(page, PG, KBAD));
    T("mincore into unmapped", mincore(page, 2 * PG, vec));
    T("mmap bad fd, length 0", mmap(NULL, 0, PROT_READ, MAP_SHARED, 999, 0)
                                   == MAP_FAILED ? -1 : 0);
    T("mmap bad fd, unaligned offset", mmap(NULL, PG, PROT_READ, MAP_SHARED,
                                            999, 1) == MAP_FAILED ? -1 : 0);
    T("munmap outside the address space", munmap((void *)-4096, PG));
    T("munmap length 0", munmap(page, 0));
    T("munmap unaligned", munmap(page + 1, PG));
    T("munmap unmapped", munmap(hole, PG));
}

/* munmap04: a split needs one more vma; at vm.max_map_count there is none
 * (ENOMEM), and nothing changes. */
static void map_count(void)
{
    const size_t sz = 3 * PG;
    size_t cap = 70000, n = 0;
    char **maps = malloc(cap * sizeof(*maps));
    uintptr_t addr = 0x100000000ul;
    fflush(stdout);
    while (n < cap) {
        void *p = mmap((void *)addr, sz, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1,
                       0);
        addr += 2 * sz;
        if (p == MAP_FAILED && errno == EEXIST)
            continue;
        if (p == MAP_FAILED)
            break;
        maps[n++] = p;
    }
    int err = errno;
    errno = 0;
    int r = n > 3 ? munmap(maps[2] + PG, PG) : 0;
    int err2 = errno;
    /* the mapping is whole still: its middle page can be protected */
    int whole = n > 3 ? mprotect(maps[2], sz, PROT_READ) : -1;
    for (size_t i = n; i-- > 0;)
        munmap(maps[i], sz);
    free(maps);
    printf("%-44s %s\n", "mmap until the map count is full",
           n > 3 && n < cap ? strerrorname_np(err) : "not reached");
    show("munmap that splits a mapping", r, err2);
    printf("%-44s %s\n", "the mapping after it", whole ? "changed" : "whole");
}

static void files(void)
{
    char buf[128];
    T("fstat bad fd, NULL", syscall(SYS_fstat, 999, NULL));
    T("fstat NULL", syscall(SYS_fstat, 0, NULL));
    T("newfstatat no such file, NULL", syscall(SYS_newfstatat, AT_FDCWD,
                                               "/nonexistent", NULL, 0));
    T("newfstatat bad flags, NULL path", syscall(SYS_newfstatat, AT_FDCWD, NULL,
                                                 page, 0x12345));
    T("newfstatat /proc/self/exe, NULL", syscall(SYS_newfstatat, AT_FDCWD,
                                                 "/proc/self/exe", NULL, 0));
    T("statx no such file, NULL", syscall(SYS_statx, AT_FDCWD, "/nonexistent",
                                          0, STATX_BASIC_STATS, NULL));
    T("statx reserved mask, NULL", syscall(SYS_statx, AT_FDCWD, NULL, 0,
                                           0x80000000u, NULL));
    T("readlinkat size 0, NULL path", syscall(SYS_readlinkat, AT_FDCWD, NULL,
                                              buf, 0));
    T("readlinkat no such file, NULL buf", syscall(SYS_readlinkat, AT_FDCWD,
                                                   "/nonexistent", NULL, 10));
    T("readlinkat /proc/self/exe, NULL buf", syscall(SYS_readlinkat, AT_FDCWD,
                                                     "/proc/self/exe", NULL, 10));
    T("getcwd size 1", syscall(SYS_getcwd, buf, 1));
    T("getcwd NULL", syscall(SYS_getcwd, NULL, sizeof(buf)));
    T("unlinkat bad flags, NULL", syscall(SYS_unlinkat, AT_FDCWD, NULL, 0x1234));
    T("unlinkat NULL", syscall(SYS_unlinkat, AT_FDCWD, NULL, 0));
    T("faccessat bad mode, NULL", syscall(SYS_faccessat, AT_FDCWD, NULL, 0777));
    T("faccessat2 bad flags, NULL", syscall(SYS_faccessat2, AT_FDCWD, NULL, 0,
                                            0x1000000));
    struct timespec omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
    T("utimensat bad times, no such file", syscall(SYS_utimensat, AT_FDCWD,
                                                   "/nonexistent", hole, 0));
    T("utimensat all omitted, bad fd", syscall(SYS_utimensat, 999, NULL, omit,
                                               0));
    T("utimensat bad flags, NULL path", syscall(SYS_utimensat, AT_FDCWD, NULL,
                                                NULL, 0x1234));
    T("statfs no such file, NULL", syscall(SYS_statfs, "/nonexistent", NULL));
    T("statfs NULL", syscall(SYS_statfs, "/", NULL));
    T("fstatfs bad fd, NULL", syscall(SYS_fstatfs, 999, NULL));
    T("linkat bad flags, NULL paths", syscall(SYS_linkat, AT_FDCWD, NULL,
                                              AT_FDCWD, NULL, 0x4000000));
    T("renameat2 bad flags, NULL paths", syscall(SYS_renameat2, AT_FDCWD, NULL,
                                                 AT_FDCWD, NULL, 0x4000000));
    T("fchownat bad flags, NULL path", syscall(SYS_fchownat, AT_FDCWD, NULL, 0,
                                               0, 0x4000000));

    T("pipe2 bad flags, NULL", syscall(SYS_pipe2, NULL, 0x1234567));
    T("pipe2 NULL", syscall(SYS_pipe2, NULL, 0));
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    T("getdents64 bad fd, NULL", syscall(SYS_getdents64, 999, NULL, 100));
    T("getdents64 not a dir, NULL", syscall(SYS_getdents64, nonsock, NULL, 100));
    T("getdents64 NULL", syscall(SYS_getdents64, dir, NULL, 100));
    T("getdents64 size 1", syscall(SYS_getdents64, dir, buf, 1));
    close(dir);
    T("fcntl bad fd, bad command", fcntl(999, 9999));
    T("fcntl bad command", fcntl(nonsock, 9999));
    T("fcntl bad fd, F_GETLK NULL", fcntl(999, F_GETLK, NULL));
    T("fcntl F_GETLK NULL", fcntl(nonsock, F_GETLK, NULL));
    T("ioctl bad fd, TCGETS NULL", ioctl(999, TCGETS, NULL));
    T("ioctl file, TCGETS NULL", ioctl(nonsock, TCGETS, NULL));
    T("ioctl bad fd, FIONREAD NULL", ioctl(999, FIONREAD, NULL));
    T("memfd_create bad flags, NULL", syscall(SYS_memfd_create, NULL, 0x1000));
    T("memfd_create NULL", syscall(SYS_memfd_create, NULL, 0));
    T("setxattr bad flags, NULL path", syscall(SYS_setxattr, NULL, "user.x",
                                               "v", 1, 0x99));
    T("setxattr NULL name, no such file", syscall(SYS_setxattr, "/nonexistent",
                                                  NULL, "v", 1, 0));
    T("setxattr no such file", syscall(SYS_setxattr, "/nonexistent", "user.x",
                                       "v", 1, 0));
    T("getxattr NULL path", syscall(SYS_getxattr, NULL, "user.x", NULL, 0));
    T("sendfile bad fds, bad offset", syscall(SYS_sendfile, 999, 999, hole, 10));
    T("copy_file_range bad fds, bad offsets", syscall(SYS_copy_file_range, 999,
                                                      hole, 999, hole, 10, 0));
    T("splice bad fds, bad offsets", syscall(SYS_splice, 999, hole, 999, hole,
                                             10, 0));
}

static void waiting(void)
{
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN};
    sigset_t mask;
    sigemptyset(&mask);
    int p[2];
    pipe(p);
    T("epoll_ctl DEL ignores the event", epoll_ctl(ep, EPOLL_CTL_DEL, p[0],
                                                   KBAD));
    T("epoll_ctl bad fd, NULL event", epoll_ctl(999, EPOLL_CTL_ADD, p[0], NULL));
    T("epoll_ctl bad op, NULL event", epoll_ctl(ep, 99, p[0], NULL));
    T("epoll_ctl bad op", epoll_ctl(ep, 99, p[0], &ev));
    T("epoll_wait maxevents 0", epoll_wait(ep, &ev, 0, 0));
    T("epoll_wait bad fd", epoll_wait(999, &ev, 1, 0));
    V("epoll_wait nothing ready, unmapped", epoll_wait(ep, (void *)hole, 1, 0));
    T("epoll_wait kernel address", epoll_wait(ep, KBAD, 1, 0));
    T("epoll_wait bad fd, unmapped", epoll_wait(999, (void *)hole, 1, 0));
    T("epoll_pwait bad sigsetsize", syscall(SYS_epoll_pwait, ep, &ev, 1, 0,
                                            &mask, 7));
    T("epoll_pwait bad fd, bad sigmask", syscall(SYS_epoll_pwait, 999, &ev, 1, 0,
                                                 hole, 8));
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    write(p[1], "x", 1);
    T("epoll_wait event ready, unmapped", epoll_wait(ep, (void *)hole, 1, 0));
    V("epoll_wait event ready, tail unmapped",
      epoll_wait(ep, (void *)(page + PG - 16), 4, 0));
    close(ep);

    struct timespec ts0 = {0, 0}, bad_ts = {0, -1};
    struct pollfd pfd = {.fd = p[0], .events = POLLIN};
    T("ppoll NULL fds", syscall(SYS_ppoll, NULL, 1, &ts0, NULL, 8));
    T("ppoll NULL fds, bad timeout", syscall(SYS_ppoll, NULL, 1, &bad_ts, NULL,
                                             8));
    T("ppoll bad sigsetsize", syscall(SYS_ppoll, &pfd, 1, &ts0, &mask, 7));
    V("ppoll nfds 0, NULL", syscall(SYS_ppoll, NULL, 0, &ts0, NULL, 8));
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    T("pselect6 n -1", syscall(SYS_pselect6, -1, NULL, NULL, NULL, &ts0, NULL));
    T("pselect6 bad set, bad timeout", syscall(SYS_pselect6, 1, hole, NULL, NULL,
                                               &bad_ts, NULL));
    T("pselect6 unmapped set", syscall(SYS_pselect6, 1, hole, NULL, NULL, &ts0,
                                       NULL));
    T("pselect6 n -1, bad 6th argument", syscall(SYS_pselect6, -1, NULL, NULL,
                                                 NULL, &ts0, hole));
    close(p[0]);
    close(p[1]);

    int in = inotify_init1(0);
    T("inotify_add_watch bad fd, NULL", inotify_add_watch(999, NULL,
                                                          IN_ALL_EVENTS));
    T("inotify_add_watch mask 0, NULL", inotify_add_watch(in, NULL, 0));
    T("inotify_add_watch NULL", inotify_add_watch(in, NULL, IN_ALL_EVENTS));
    close(in);

    uint32_t *fw = (uint32_t *)hole;
    T("futex wake, unmapped word", syscall(SYS_futex, fw, FUTEX_WAKE_PRIVATE, 1,
                                           NULL, NULL, 0));
    T("futex wake, misaligned word", syscall(SYS_futex, hole + 1,
                                             FUTEX_WAKE_PRIVATE, 1, NULL, NULL,
                                             0));
    T("futex wait, unmapped word", syscall(SYS_futex, fw, FUTEX_WAIT_PRIVATE, 0,
                                           NULL, NULL, 0));
    T("futex wake, kernel address", syscall(SYS_futex, (void *)-8,
                                            FUTEX_WAKE_PRIVATE, 1, NULL, NULL,
                                            0));
    T("futex wait, bad timeout", syscall(SYS_futex, page, FUTEX_WAIT_PRIVATE,
                                         0, hole, NULL, 0));
    void *head;
    size_t hlen;
    syscall(SYS_get_robust_list, 0, &head, &hlen);
    T("set_robust_list bad length", syscall(SYS_set_robust_list, head, 23));
    T("set_robust_list unmapped head", syscall(SYS_set_robust_list, hole, 24));
    syscall(SYS_set_robust_list, head, hlen);
    T("get_robust_list NULL", syscall(SYS_get_robust_list, 0, NULL, &hlen));
    pid_t c = syscall(SYS_clone, CLONE_PARENT_SETTID | SIGCHLD, 0, hole, 0, 0);
    if (c == 0)
        _exit(0);
    int status;
    T("clone CLONE_PARENT_SETTID, unmapped", c > 0 && waitpid(c, &status, 0) == c
                                                 ? 0
                                                 : -1);
}

static void procfs(void)
{
    struct open_how h = {.flags = O_RDONLY};
    const char *names[] = {"/proc/self/exe", "/proc/self/maps",
                           "/proc/self/fd/0"};
    const uint64_t res[] = {RESOLVE_NO_MAGICLINKS, RESOLVE_NO_SYMLINKS,
                            RESOLVE_NO_XDEV};
    const char *rn[] = {"NO_MAGICLINKS", "NO_SYMLINKS", "NO_XDEV"};
    char what[64];
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
            h.resolve = res[j];
            snprintf(what, sizeof(what), "openat2 %s %s", names[i] + 6, rn[j]);
            long fd = syscall(SYS_openat2, AT_FDCWD, names[i], &h, sizeof(h));
            show(what, fd, errno);
            if (fd >= 0)
                close((int)fd);
        }
    }
    h.resolve = RESOLVE_NO_MAGICLINKS;
    h.flags = O_PATH | O_NOFOLLOW;
    long fd = syscall(SYS_openat2, AT_FDCWD, "/proc/self/exe", &h, sizeof(h));
    show("openat2 self/exe O_PATH|O_NOFOLLOW NO_MAGIC", fd, errno);
    if (fd >= 0)
        close((int)fd);
    h = (struct open_how){.flags = O_RDONLY, .mode = 0644};
    T("openat2 mode without O_CREAT, NULL", syscall(SYS_openat2, AT_FDCWD, NULL,
                                                    &h, sizeof(h)));
    T("openat2 mode without O_CREAT, maps", syscall(SYS_openat2, AT_FDCWD,
                                                    "/proc/self/maps", &h,
                                                    sizeof(h)));
    h.mode = 0;
    T("openat2 NULL path", syscall(SYS_openat2, AT_FDCWD, NULL, &h, sizeof(h)));
    T("open self/exe O_NOFOLLOW", open("/proc/self/exe", O_RDONLY | O_NOFOLLOW));
    T("open self/exe O_WRONLY", open("/proc/self/exe", O_WRONLY));
    T("open self/maps O_DIRECTORY", open("/proc/self/maps", O_RDONLY |
                                                            O_DIRECTORY));
    T("open self/maps O_CREAT|O_EXCL", open("/proc/self/maps", O_RDONLY |
                                                               O_CREAT |
                                                               O_EXCL, 0644));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    page = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    hole = page + PG;
    munmap(hole, PG);
    nonsock = open("plain", O_RDWR | O_CREAT, 0644);
    rw_vectors();
    sockets();
    timers_sched();
    memory();
    files();
    waiting();
    procfs();
    map_count();
    return 0;
}
