/*
 * syscall/sys-fs.c - path-based file system calls: stat family, links,
 * directories, permissions, times, statfs, cwd.
 *
 * Every guest path goes through sys_path() (the -L prefix, path_guest).
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

#include "linux-user/emu.h"
#include "syscall/conv.h"
#include "syscall/sys-internal.h"

/* One path argument at index i into buf. */
#define GET_PATH(i, var, buf)                                               \
    char buf[SYS_PATH_MAX];                                                 \
    const char *var;                                                        \
    do {                                                                    \
        int64_t r_ = sys_path(c->a[i], buf, sizeof(buf), &var);            \
        if (r_)                                                             \
            return r_;                                                      \
    } while (0)

int64_t sys_getcwd(SysCall *c)
{
    SYS_CHECK(c->a[0], c->a[1], PROT_WRITE);
    return sys_ret(syscall(SYS_getcwd, c->a[0], c->a[1]));
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
    const char *target;
    int64_t r = sys_str(c->a[0], &target);
    if (r)
        return r;
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
    /* struct statfs: asm-generic with 64-bit words on both (120 bytes). */
    SYS_CHECK(c->a[1], sizeof(struct statfs), PROT_WRITE);
    GET_PATH(0, p, b);
    return sys_ret(syscall(SYS_statfs, p, c->a[1]));
}

int64_t sys_fstatfs(SysCall *c)
{
    SYS_CHECK(c->a[1], sizeof(struct statfs), PROT_WRITE);
    return sys_ret(syscall(SYS_fstatfs, (int)c->a[0], c->a[1]));
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
    /* path NULL: futimens() on dirfd itself. */
    char b[SYS_PATH_MAX];
    const char *p = NULL;
    if (c->a[1]) {
        int64_t r = sys_path(c->a[1], b, sizeof(b), &p);
        if (r)
            return r;
    }
    SYS_CHECK_OPT(c->a[2], 2 * sizeof(struct timespec), PROT_READ);
    return sys_ret(syscall(SYS_utimensat, (int)c->a[0], p, c->a[2],
                           (int)c->a[3]));
}

int64_t sys_readlinkat(SysCall *c)
{
    const char *gp;
    int64_t r = sys_str(c->a[1], &gp);
    if (r)
        return r;
    if ((int64_t)c->a[3] <= 0)
        return -EINVAL;
    SYS_CHECK(c->a[2], c->a[3], PROT_WRITE);
    r = proc_readlink(gp, (char *)(uintptr_t)c->a[2], c->a[3]);
    if (r != PROC_NOT_MINE)
        return r;
    GET_PATH(1, p, b);
    return sys_ret(syscall(SYS_readlinkat, (int)c->a[0], p, c->a[2], c->a[3]));
}

static int64_t stat_out(uint64_t gaddr, long r, const struct stat *st)
{
    if (r == -1)
        return -errno;
    conv_stat_to_a64((A64Stat *)(uintptr_t)gaddr, st);
    return 0;
}

int64_t sys_newfstatat(SysCall *c)
{
    struct stat st;
    const char *gp;
    int64_t r = sys_str(c->a[1], &gp);
    if (r)
        return r;
    SYS_CHECK(c->a[2], sizeof(A64Stat), PROT_WRITE);
    int flags = (int)c->a[3];
    /* stat("/proc/self/exe") describes the guest program, not emu. */
    char link[8];
    int64_t pr = flags & AT_SYMLINK_NOFOLLOW ? PROC_NOT_MINE
                                             : proc_readlink(gp, link, sizeof(link));
    if (pr >= 0)
        return stat_out(c->a[2], stat(emu_opts.real_exe, &st), &st);
    if (pr != PROC_NOT_MINE)
        return pr; /* no /proc here */
    GET_PATH(1, p, b);
    return stat_out(c->a[2],
                    syscall(SYS_newfstatat, (int)c->a[0], p, &st, flags), &st);
}

int64_t sys_fstat(SysCall *c)
{
    struct stat st;
    SYS_CHECK(c->a[1], sizeof(A64Stat), PROT_WRITE);
    return stat_out(c->a[1], syscall(SYS_fstat, (int)c->a[0], &st), &st);
}

int64_t sys_statx(SysCall *c)
{
    /* struct statx is architecture independent (256 bytes). */
    SYS_CHECK(c->a[4], 256, PROT_WRITE);
    GET_PATH(1, p, b);
    return sys_ret(syscall(SYS_statx, (int)c->a[0], p, (int)c->a[2],
                           (unsigned)c->a[3], c->a[4]));
}
