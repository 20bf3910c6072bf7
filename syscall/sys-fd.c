/*
 * syscall/sys-fd.c - close, close_range and dup3, kept off emu's own
 * descriptors.
 *
 * The guest shares the descriptor table with the emulator, which keeps a
 * few descriptors of its own (its executable for re-executing itself on
 * execve, the -D log: emu_fd_private()).  The guest never opened them, so
 * to the guest they do not exist: close() of one is EBADF, close_range()
 * skips them, and dup3() onto one first moves emu's copy elsewhere.
 * Programs that close every descriptor before exec (daemons, Python's
 * subprocess, closefrom()) therefore cannot break emu's execve.
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/emu.h"
#include "syscall/sys-internal.h"

#ifndef CLOSE_RANGE_UNSHARE
#define CLOSE_RANGE_UNSHARE (1u << 1)
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1u << 2)
#endif

int64_t sys_close(SysCall *c)
{
    int fd = (int)c->a[0];
    if (emu_fd_private(fd))
        return -EBADF;
    return sys_ret(close(fd));
}

/* Gets emu's descriptor fd (if it is one) out of the way of a guest
 * dup3() onto it: moved to a higher number, or, where none is free below
 * the limit (a guest filling its whole table), given up, so the guest
 * still gets every descriptor the kernel would give it.  Without its
 * executable's descriptor emu re-executes itself through /proc or
 * binfmt_misc (sys-exec.c); without the log file it logs to stderr. */
static void fd_evict(int fd)
{
    if (!emu_fd_private(fd))
        return;
    int nfd = fcntl(fd, F_DUPFD_CLOEXEC, fd + 1);
    if (fd == emu_opts.self_fd) {
        emu_opts.self_fd = nfd; /* -1 when it could not move */
        close(fd);
        return;
    }
    /* the log: its FILE keeps the number, so make the number the copy's */
    FILE *f = nfd >= 0 ? fdopen(nfd, "a") : NULL;
    if (!f && nfd >= 0)
        close(nfd);
    fflush(emu_opts.log);
    FILE *old = emu_opts.log;
    emu_opts.log = f; /* NULL: stderr */
    fclose(old);
}

int64_t sys_dup3(SysCall *c)
{
    int oldfd = (int)c->a[0], newfd = (int)c->a[1];
    int flags = (int)c->a[2];
    /* dup3's own checks come first (fs/file.c ksys_dup3) */
    if ((flags & ~O_CLOEXEC) || oldfd == newfd)
        return -EINVAL;
    if (emu_fd_private(oldfd) || fcntl(oldfd, F_GETFD) < 0)
        return -EBADF;
    if (newfd >= 0)
        fd_evict(newfd);
    return sys_ret(syscall(SYS_dup3, oldfd, newfd, flags));
}

int64_t sys_close_range(SysCall *c)
{
    unsigned first = (unsigned)c->a[0], last = (unsigned)c->a[1];
    unsigned flags = (unsigned)c->a[2];
    if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) || first > last)
        return -EINVAL;
    /* The pieces of [first, last] between emu's descriptors, in order. */
    int priv[2] = {emu_opts.self_fd,
                   emu_opts.log && emu_opts.log != stderr ? fileno(emu_opts.log) : -1};
    if (priv[0] > priv[1]) {
        int t = priv[0];
        priv[0] = priv[1], priv[1] = t;
    }
    unsigned lo = first;
    for (int i = 0; i < 2; i++) {
        if (priv[i] < 0 || (unsigned)priv[i] < lo || (unsigned)priv[i] > last)
            continue;
        if ((unsigned)priv[i] > lo &&
            syscall(SYS_close_range, lo, (unsigned)priv[i] - 1, flags) < 0)
            return -errno;
        if ((unsigned)priv[i] == UINT_MAX)
            return 0;
        lo = (unsigned)priv[i] + 1;
    }
    if (lo > last)
        return 0;
    return sys_ret(syscall(SYS_close_range, lo, last, flags));
}
