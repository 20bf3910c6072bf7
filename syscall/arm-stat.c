/*
 * syscall/arm-stat.c - the EABI stat and statfs families: struct stat
 * (non-LFS, 16-bit ids, EOVERFLOW), struct stat64, the 32-bit struct
 * statfs (EOVERFLOW) and the packed 84-byte struct statfs64.
 *
 * Each call stats into a host structure and converts (syscall/
 * arm-conv.c); the guest buffer is written last, after every lookup
 * error, as fs/stat.c and fs/statfs.c do.  statx needs nothing: struct
 * statx is the same everywhere.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/arm-sys.h"
#include "syscall/uaccess.h"

static int64_t stat_out(uint64_t gbuf, int64_t r, const struct stat *st)
{
    ArmStat g;
    if (r < 0)
        return r;
    r = arm_conv_stat(&g, st);
    return r ? r : arm_put(gbuf, &g, sizeof(g));
}

static int64_t stat64_out(uint64_t gbuf, int64_t r, const struct stat *st)
{
    ArmStat64 g;
    if (r < 0)
        return r;
    arm_conv_stat64(&g, st);
    return arm_put(gbuf, &g, sizeof(g));
}

int64_t sys_arm_stat(SysCall *c)
{
    struct stat st;
    return stat_out(c->a[1], sys_fstatat_host(AT_FDCWD, c->a[0], 0, &st),
                    &st);
}

int64_t sys_arm_lstat(SysCall *c)
{
    struct stat st;
    return stat_out(c->a[1],
                    sys_fstatat_host(AT_FDCWD, c->a[0], AT_SYMLINK_NOFOLLOW,
                                     &st),
                    &st);
}

int64_t sys_arm_fstat(SysCall *c)
{
    struct stat st;
    return stat_out(c->a[1], sys_ret(fstat((int)c->a[0], &st)), &st);
}

int64_t sys_arm_stat64(SysCall *c)
{
    struct stat st;
    return stat64_out(c->a[1], sys_fstatat_host(AT_FDCWD, c->a[0], 0, &st),
                      &st);
}

int64_t sys_arm_lstat64(SysCall *c)
{
    struct stat st;
    return stat64_out(c->a[1],
                      sys_fstatat_host(AT_FDCWD, c->a[0],
                                       AT_SYMLINK_NOFOLLOW, &st),
                      &st);
}

int64_t sys_arm_fstat64(SysCall *c)
{
    struct stat st;
    return stat64_out(c->a[1], sys_ret(fstat((int)c->a[0], &st)), &st);
}

int64_t sys_arm_fstatat64(SysCall *c)
{
    struct stat st;
    return stat64_out(c->a[2],
                      sys_fstatat_host((int)c->a[0], c->a[1], (int)c->a[3],
                                       &st),
                      &st);
}

/* ---- statfs ---- */

static int64_t statfs_path(uint64_t gpath, struct statfs *st)
{
    char b[SYS_PATH_MAX];
    const char *p;
    sys_upath(gpath, b, sizeof(b), &p);
    return sys_ret(syscall(SYS_statfs, p, st));
}

static int64_t statfs_out(uint64_t gbuf, int64_t r, const struct statfs *st)
{
    ArmStatfs g;
    if (r < 0)
        return r;
    r = arm_conv_statfs(&g, st);
    return r ? r : arm_put(gbuf, &g, sizeof(g));
}

static int64_t statfs64_out(uint64_t size, uint64_t gbuf, int64_t r,
                            const struct statfs *st)
{
    ArmStatfs64 g;
    if (r < 0)
        return r;
    arm_conv_statfs64(&g, st);
    return arm_put(gbuf, &g, sizeof(g));
}

/* arch/arm/kernel/entry-common.S sys_statfs64_wrapper: a size of 88
 * (what an unpacked EABI struct statfs64 measures) is taken as 84; any
 * other size than 84 is EINVAL, before the lookup. */
static bool statfs64_size_ok(uint64_t size)
{
    return size == 84 || size == 88;
}

int64_t sys_arm_statfs(SysCall *c)
{
    struct statfs st;
    return statfs_out(c->a[1], statfs_path(c->a[0], &st), &st);
}

int64_t sys_arm_fstatfs(SysCall *c)
{
    struct statfs st;
    return statfs_out(c->a[1], sys_ret(fstatfs((int)c->a[0], &st)), &st);
}

int64_t sys_arm_statfs64(SysCall *c)
{
    struct statfs st;
    if (!statfs64_size_ok(c->a[1]))
        return -EINVAL;
    return statfs64_out(c->a[1], c->a[2], statfs_path(c->a[0], &st), &st);
}

int64_t sys_arm_fstatfs64(SysCall *c)
{
    struct statfs st;
    if (!statfs64_size_ok(c->a[1]))
        return -EINVAL;
    return statfs64_out(c->a[1], c->a[2],
                        sys_ret(fstatfs((int)c->a[0], &st)), &st);
}
