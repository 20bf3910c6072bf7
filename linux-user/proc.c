/*
 * linux-user/proc.c - /proc emulation for the guest.
 *
 * The host's /proc/self describes the emulator; a few files must describe
 * the guest instead (DESIGN.md "The guest sees a Linux of its own
 * architecture"):
 *   /proc/self/exe      -> the guest program (emu_opts.real_exe)
 *   /proc/self/maps     -> the guest memory map (guest_map_dump)
 *   /proc/self/smaps    -> emu-arm: the host counters of the guest space
 *                          under guest maps lines (guest_map_smaps)
 *   /proc/self/auxv     -> the guest's auxv (loader_auxv)
 *   /proc/cpuinfo       -> the guest CPU's listing (guest_arch->cpuinfo)
 * "self" also matches /proc/<our pid> and /proc/thread-self.  Generated
 * content is served from a memfd, so reads, seeks and fstat just work.
 * Everything else under /proc passes through to the host.
 */
#include "linux-user/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-arch.h"
#include "common/guest-mem.h"
#include "common/guest-map.h"
#include "loader/loader.h"

/* Returns the part after "/proc/self/" (or /proc/<pid>/, /proc/thread-self/)
 * or NULL. */
static const char *proc_self_rest(const char *path)
{
    static const char pre[] = "/proc/";
    if (strncmp(path, pre, sizeof(pre) - 1))
        return NULL;
    const char *p = path + sizeof(pre) - 1;
    if (!strncmp(p, "self/", 5))
        return p + 5;
    if (!strncmp(p, "thread-self/", 12))
        return p + 12;
    char *end;
    long pid = strtol(p, &end, 10);
    if (end != p && *end == '/' && pid == (long)getpid())
        return end + 1;
    return NULL;
}

static int64_t proc_memfd(const char *name, int host_flags)
{
    int fd = memfd_create(name, (host_flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    return fd < 0 ? -errno : fd;
}

static void write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

static uint64_t arg_lo, arg_hi, env_lo, env_hi;

void proc_set_args(uint64_t arg_start, uint64_t arg_end, uint64_t env_start,
                   uint64_t env_end)
{
    arg_lo = arg_start, arg_hi = arg_end;
    env_lo = env_start, env_hi = env_end;
}

/* The files are only there where the kernel's are: in a chroot without
 * /proc, or whose /proc is a symlink loop (debootstrap --foreign), the
 * guest gets the host's error, as a native program would. */
static int64_t proc_host_missing(const char *path)
{
    return faccessat(AT_FDCWD, path, F_OK, AT_SYMLINK_NOFOLLOW) ? -errno : 0;
}

int64_t proc_open(const char *path, int host_flags)
{
    const char *rest = proc_self_rest(path);
    bool cpuinfo = !strcmp(path, "/proc/cpuinfo");
    if (!cpuinfo &&
        (!rest || (strcmp(rest, "maps") && strcmp(rest, "auxv") &&
                   (strcmp(rest, "smaps") || !guest_space32()) &&
                   strcmp(rest, "exe") && strcmp(rest, "cmdline") &&
                   strcmp(rest, "environ"))))
        return PROC_NOT_MINE;
    int64_t miss = proc_host_missing(path);
    if (miss)
        return miss;
    if (rest && !strcmp(rest, "exe")) {
        if (!emu_opts.real_exe)
            return PROC_NOT_MINE;
        int fd = open(emu_opts.real_exe, host_flags, 0);
        return fd < 0 ? -errno : fd;
    }
    if ((host_flags & O_ACCMODE) != O_RDONLY)
        return -EACCES;
    int64_t fd = proc_memfd(cpuinfo ? "cpuinfo" : rest, host_flags);
    if (fd < 0)
        return fd;
    if (cpuinfo) {
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);
        if (f) {
            guest_arch->cpuinfo(f);
            fclose(f);
            write_all((int)fd, buf, size);
            free(buf);
        }
    } else if (!strcmp(rest, "maps")) {
        guest_map_dump((int)fd);
    } else if (!strcmp(rest, "smaps")) {
        guest_map_smaps((int)fd);
    } else if (!strcmp(rest, "cmdline")) {
        if (arg_hi > arg_lo)
            write_all((int)fd, g2h(arg_lo), arg_hi - arg_lo);
    } else if (!strcmp(rest, "environ")) {
        if (env_hi > env_lo)
            write_all((int)fd, g2h(env_lo), env_hi - env_lo);
    } else {
        size_t len = 0;
        const uint64_t *auxv = loader_auxv(&len);
        if (auxv)
            write_all((int)fd, auxv, len);
    }
    lseek((int)fd, 0, SEEK_SET);
    return fd;
}

int64_t proc_readlink(const char *path, char *buf, size_t n)
{
    const char *rest = proc_self_rest(path);
    if (!rest || strcmp(rest, "exe") || !emu_opts.real_exe)
        return PROC_NOT_MINE;
    int64_t miss = proc_host_missing(path);
    if (miss)
        return miss;
    size_t len = strlen(emu_opts.real_exe);
    if (len > n)
        len = n;
    memcpy(buf, emu_opts.real_exe, len);
    return (int64_t)len;
}
