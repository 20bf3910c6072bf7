/*
 * syscall/sys-fs.c - path-based file system calls: stat family, links,
 * directories, permissions, times, statfs, cwd.
 *
 * Every guest path goes through sys_upath() (the -L prefix, path_guest;
 * a bad path reaches the host as one that fails the same way, so errors
 * come in the kernel's order: syscall/uaccess.h).
 * struct stat differs between arm64 (asm-generic, 128 bytes) and x86-64
 * (144 bytes) and is converted; statx and statfs are the same on both.
 * /proc/self/exe resolves to the guest program (linux-user/proc.c).
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/emu.h"
#include "syscall/conv.h"
#include "syscall/sys-internal.h"
#include "syscall/uaccess.h"

/* One path argument at index i into buf.  A bad or too long path is not
 * answered here: the host gets what fails the same way (sys_upath), so
 * that the flag checks the kernel makes before it reads the path (unlinkat,
 * linkat, renameat2, faccessat2, fchownat, utimensat...) come first. */
#define GET_PATH(i, var, buf)                                               \
    char buf[SYS_PATH_MAX];                                                 \
    const char *var;                                                        \
    __attribute__((unused)) int64_t var##_bad =                             \
        sys_upath(c->a[i], buf, sizeof(buf), &var)

int64_t sys_getcwd(SysCall *c)
{
    /* fs/d_path.c: ERANGE when the name does not fit, then EFAULT. */
    SysFix f = {0};
    uint64_t buf = sys_fix(&f, c->a[0], c->a[1], PROT_WRITE);
    return sys_fix_done(&f, sys_ret(syscall(SYS_getcwd, buf, c->a[1])));
}

int64_t sys_chdir(SysCall *c)
{
    GET_PATH(0, p, b);
    return sys_ret(syscall(SYS_chdir, p));
}

int64_t sys_chroot(SysCall *c)
{
    GET_PATH(0, p, b);
    return sys_ret(syscall(SYS_chroot, p));
}

int64_t sys_mknodat(SysCall *c)
{
    GET_PATH(1, p, b);
    return sys_ret(syscall(SYS_mknodat, (int)c->a[0], p, (unsigned)c->a[2],
                           (unsigned)c->a[3]));
}

int64_t sys_mkdirat(SysCall *c)
{
    GET_PATH(1, p, b);
    return sys_ret(syscall(SYS_mkdirat, (int)c->a[0], p, (unsigned)c->a[2]));
}

int64_t sys_unlinkat(SysCall *c)
{
    GET_PATH(1, p, b);
    return sys_ret(syscall(SYS_unlinkat, (int)c->a[0], p, (int)c->a[2]));
}

int64_t sys_symlinkat(SysCall *c)
{
    /* The link's content is stored as the guest wrote it. */
    uint64_t target = sys_fix_str(c->a[0], SYS_PATH_MAX);
    GET_PATH(2, p, b);
    return sys_ret(syscall(SYS_symlinkat, target, (int)c->a[1], p));
}

int64_t sys_linkat(SysCall *c)
{
    GET_PATH(1, p1, b1);
    GET_PATH(3, p2, b2);
    return sys_ret(syscall(SYS_linkat, (int)c->a[0], p1, (int)c->a[2], p2,
                           (int)c->a[4]));
}

int64_t sys_renameat(SysCall *c)
{
    GET_PATH(1, p1, b1);
    GET_PATH(3, p2, b2);
    return sys_ret(syscall(SYS_renameat, (int)c->a[0], p1, (int)c->a[2], p2));
}

int64_t sys_renameat2(SysCall *c)
{
    GET_PATH(1, p1, b1);
    GET_PATH(3, p2, b2);
    return sys_ret(syscall(SYS_renameat2, (int)c->a[0], p1, (int)c->a[2], p2,
                           (unsigned)c->a[4]));
}

int64_t sys_statfs(SysCall *c)
{
    /* struct statfs: asm-generic with 64-bit words on both (120 bytes),
     * written after the lookup. */
    GET_PATH(0, p, b);
    return sys_ret(syscall(SYS_statfs, p,
                           sys_ptr(c->a[1], sizeof(struct statfs), PROT_WRITE)));
}

int64_t sys_fstatfs(SysCall *c)
{
    return sys_ret(syscall(SYS_fstatfs, (int)c->a[0],
                           sys_ptr(c->a[1], sizeof(struct statfs), PROT_WRITE)));
}

int64_t sys_truncate(SysCall *c)
{
    GET_PATH(0, p, b);
    return sys_ret(syscall(SYS_truncate, p, c->a[1]));
}

int64_t sys_faccessat(SysCall *c)
{
    GET_PATH(1, p, b);
    return sys_ret(syscall(SYS_faccessat, (int)c->a[0], p, (int)c->a[2]));
}

int64_t sys_faccessat2(SysCall *c)
{
    GET_PATH(1, p, b);
    return sys_ret(syscall(SYS_faccessat2, (int)c->a[0], p, (int)c->a[2],
                           (int)c->a[3]));
}

int64_t sys_fchmodat(SysCall *c)
{
    GET_PATH(1, p, b);
    return sys_ret(syscall(SYS_fchmodat, (int)c->a[0], p, (unsigned)c->a[2]));
}

int64_t sys_fchownat(SysCall *c)
{
    GET_PATH(1, p, b);
    return sys_ret(syscall(SYS_fchownat, (int)c->a[0], p, (unsigned)c->a[2],
                           (unsigned)c->a[3], (int)c->a[4]));
}

int64_t sys_utimensat(SysCall *c)
{
    /* fs/utimes.c: the times first (EFAULT; both UTIME_OMIT: 0 without
     * looking at the path), then their values and the flags (EINVAL), the
     * path last; a NULL path means the descriptor itself. */
    GET_PATH(1, p, b);
    return sys_ret(syscall(SYS_utimensat, (int)c->a[0], p,
                           sys_ptr(c->a[2], 2 * sizeof(struct timespec),
                                   PROT_READ),
                           (int)c->a[3]));
}

int64_t sys_readlinkat(SysCall *c)
{
    /* fs/stat.c do_readlinkat: bufsiz (an int) <= 0 is EINVAL before the
     * path is read; the link text is copied out after the lookup, EFAULT
     * unless it all fits. */
    int bufsiz = (int)c->a[3];
    if (bufsiz <= 0)
        return -EINVAL;
    GET_PATH(1, p, b);
    if (!p_bad) {
        char link[SYS_PATH_MAX];
        int64_t r = proc_readlink((const char *)g2h(c->a[1]), link,
                                  (size_t)bufsiz < sizeof(link) ? (size_t)bufsiz
                                                                : sizeof(link));
        if (r >= 0) {
            SYS_CHECK(c->a[2], (uint64_t)r, PROT_WRITE);
            memcpy(g2h(c->a[2]), link, (size_t)r);
        }
        if (r != PROC_NOT_MINE)
            return r;
    }
    SysFix f = {0};
    uint64_t buf = sys_fix(&f, c->a[2], (uint64_t)bufsiz, PROT_WRITE);
    int64_t r = sys_ret(syscall(SYS_readlinkat, (int)c->a[0], p, buf, bufsiz));
    return sys_fix_done(&f, r);
}

/* The host's struct stat goes to `local` when the guest's buffer can take
 * the converted one, else to an address that faults as the guest's would:
 * the kernel writes the buffer last, after every lookup error. */
static void *stat_dest(uint64_t gaddr, struct stat *local)
{
    if (sys_ok(gaddr, sizeof(A64Stat), PROT_WRITE) && gaddr)
        return local;
    return (void *)(uintptr_t)sys_fault_ptr(gaddr, sizeof(A64Stat));
}

static int64_t stat_out(uint64_t gaddr, long r, const struct stat *st,
                        const void *dest)
{
    if (r == -1)
        return -errno;
    if (dest == st)
        conv_stat_to_a64((A64Stat *)g2h(gaddr), st);
    return 0;
}

/* stat("/proc/self/exe") describes the guest program, not emu: 1 when path
 * is that link (and is followed), a negative errno when /proc is missing,
 * 0 otherwise. */
static int64_t proc_exe_link(uint64_t gpath, bool bad, int flags)
{
    char link[8];
    if ((flags & AT_SYMLINK_NOFOLLOW) || bad)
        return 0; /* not a good path: the host says why */
    int64_t pr = proc_readlink((const char *)g2h(gpath), link,
                               sizeof(link));
    return pr >= 0 ? 1 : pr == PROC_NOT_MINE ? 0 : pr;
}

int64_t sys_newfstatat(SysCall *c)
{
    struct stat st;
    int dirfd = (int)c->a[0], flags = (int)c->a[3];
    void *dest = stat_dest(c->a[2], &st);
    GET_PATH(1, p, b);
    int64_t pr = proc_exe_link(c->a[1], p_bad, flags);
    if (pr < 0)
        return pr; /* no /proc here */
    if (pr) {
        dirfd = AT_FDCWD;
        p = emu_opts.real_exe;
    }
    return stat_out(c->a[2], syscall(SYS_newfstatat, dirfd, p, dest, flags),
                    &st, dest);
}

/* fstatat into a host struct stat, for the other ABIs' stat layouts
 * (syscall/arm-stat.c): the path as newfstatat takes it (-L prefix,
 * /proc/self/exe); 0 or -errno.  The caller writes the guest buffer. */
int64_t sys_fstatat_host(int dirfd, uint64_t gpath, int flags,
                         struct stat *st)
{
    char b[SYS_PATH_MAX];
    const char *p;
    int64_t bad = sys_upath(gpath, b, sizeof(b), &p);
    int64_t pr = proc_exe_link(gpath, bad, flags);
    if (pr < 0)
        return pr;
    if (pr) {
        dirfd = AT_FDCWD;
        p = emu_opts.real_exe;
    }
    return sys_ret(syscall(SYS_newfstatat, dirfd, p, st, flags));
}

int64_t sys_fstat(SysCall *c)
{
    struct stat st;
    void *dest = stat_dest(c->a[1], &st);
    return stat_out(c->a[1], syscall(SYS_fstat, (int)c->a[0], dest), &st,
                    dest);
}

int64_t sys_statx(SysCall *c)
{
    /* struct statx is architecture independent (256 bytes); fs/stat.c
     * checks flags and mask (EINVAL) before the path and writes the
     * buffer last. */
    int dirfd = (int)c->a[0], flags = (int)c->a[2];
    GET_PATH(1, p, b);
    int64_t pr = proc_exe_link(c->a[1], p_bad, flags);
    if (pr < 0)
        return pr;
    if (pr) {
        dirfd = AT_FDCWD;
        p = emu_opts.real_exe;
    }
    return sys_ret(syscall(SYS_statx, dirfd, p, flags, (unsigned)c->a[3],
                           sys_ptr(c->a[4], 256, PROT_WRITE)));
}
