/*
 * common/log.c - -d/-D logging, the one-line fatal error, and the
 * emulator's own descriptors.
 *
 * The guest shares the process's descriptor table with emu.  emu's own
 * descriptors (its executable, the -D log) sit at high numbers, so the
 * guest's open() results are what the kernel would give it, and the
 * syscall layer refuses to let the guest close or overwrite them.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-mem.h"

EmuOptions emu_opts = {.self_fd = -1};
const char *emu_prog = "emu";
uint64_t guest_base; /* common/guest-mem.h */

bool emu_fd_private(int fd)
{
    return fd >= 0 && (fd == emu_opts.self_fd ||
                       (emu_opts.log && emu_opts.log != stderr &&
                        fd == fileno(emu_opts.log)));
}

int emu_fd_hide(int fd)
{
    struct rlimit rl;
    int lo = 900;
    /* below the soft limit, which the guest inherits and may lower later
     * (that closes nothing) */
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 1024)
        lo = rl.rlim_cur > 64 ? (int)rl.rlim_cur - 32 : 3;
    if (fd >= lo)
        return fd;
    int nfd = fcntl(fd, F_DUPFD_CLOEXEC, lo);
    if (nfd < 0)
        return fd;
    close(fd);
    return nfd;
}

void emu_log(const char *fmt, ...)
{
    va_list ap;
    FILE *f = emu_opts.log ? emu_opts.log : stderr;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fflush(f);
}

void emu_fatal(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: ", emu_prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}
