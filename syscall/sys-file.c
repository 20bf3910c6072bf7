/*
 * syscall/sys-file.c - file descriptor I/O: open, read/write and their
 * vector/positional forms, fcntl, pipes, splice family, getdents64,
 * memfd, extended attributes.
 *
 * Layouts are shared with x86-64 (iovec, flock, f_owner_ex, dirent64);
 * what differs is the O_* encoding (conv_oflags_*), converted on open,
 * pipe2 and fcntl(F_GETFL/F_SETFL).  Opening the few /proc files that must
 * describe the guest goes to linux-user/proc.c.  openat2's struct open_how
 * (u64 flags, mode, resolve) has one layout everywhere; only its O_* flags
 * are converted.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux-user/emu.h"
#include "syscall/conv.h"
#include "syscall/sys-internal.h"

#define RW (PROT_READ | PROT_WRITE)

int64_t sys_openat(SysCall *c)
{
    const char *gp, *hp;
    char buf[SYS_PATH_MAX];
    int64_t r = sys_str(c->a[1], &gp);
    if (r)
        return r;
    int hflags = conv_oflags_to_host((int)c->a[2]);
    r = proc_open(gp, hflags);
    if (r != PROC_NOT_MINE)
        return r;
    if ((r = sys_path(c->a[1], buf, sizeof(buf), &hp)))
        return r;
    return sys_ret(syscall(SYS_openat, (int)c->a[0], hp, hflags,
                           (unsigned)c->a[3]));
}

int64_t sys_openat2(SysCall *c)
{
    /* struct open_how grows by versions: a bigger one from a newer libc is
     * accepted when the bytes we do not know are zero, a smaller one than
     * the first version is -EINVAL (copy_struct_from_user). */
    enum { HOW_V0 = 24 };
    uint64_t size = c->a[3];
    if (size < HOW_V0)
        return -EINVAL;
    if (size > GUEST_PAGE)
        return -E2BIG;
    SYS_CHECK(c->a[2], size, PROT_READ);
    const uint8_t *g = (const uint8_t *)(uintptr_t)c->a[2];
    for (uint64_t i = HOW_V0; i < size; i++)
        if (g[i])
            return -E2BIG;
    struct {
        uint64_t flags, mode, resolve;
    } how;
    memcpy(&how, g, sizeof(how));
    if (how.flags >> 32)
        return -EINVAL;
    how.flags = (uint32_t)conv_oflags_to_host((int)how.flags);

    const char *gp, *hp;
    char buf[SYS_PATH_MAX];
    int64_t r = sys_str(c->a[1], &gp);
    if (r)
        return r;
    r = proc_open(gp, (int)how.flags);
    if (r != PROC_NOT_MINE)
        return r;
    if ((r = sys_path(c->a[1], buf, sizeof(buf), &hp)))
        return r;
    return sys_ret(syscall(SYS_openat2, (int)c->a[0], hp, &how, sizeof(how)));
}

int64_t sys_read(SysCall *c)
{
    SYS_CHECK(c->a[1], c->a[2], PROT_WRITE);
    return sys_ret(syscall(SYS_read, (int)c->a[0], c->a[1], c->a[2]));
}

int64_t sys_write(SysCall *c)
{
    SYS_CHECK(c->a[1], c->a[2], PROT_READ);
    return sys_ret(syscall(SYS_write, (int)c->a[0], c->a[1], c->a[2]));
}

int64_t sys_pread64(SysCall *c)
{
    SYS_CHECK(c->a[1], c->a[2], PROT_WRITE);
    return sys_ret(syscall(SYS_pread64, (int)c->a[0], c->a[1], c->a[2],
                           c->a[3]));
}

int64_t sys_pwrite64(SysCall *c)
{
    SYS_CHECK(c->a[1], c->a[2], PROT_READ);
    return sys_ret(syscall(SYS_pwrite64, (int)c->a[0], c->a[1], c->a[2],
                           c->a[3]));
}

/* readv/writev/preadv/pwritev/preadv2/pwritev2 share one shape: the host
 * numbers take the same (fd, iov, cnt, pos_l, pos_h, flags) arguments. */
static int64_t sys_vec(SysCall *c, long host_nr, int prot)
{
    int64_t r = sys_check_iov(c->a[1], c->a[2], prot);
    if (r)
        return r;
    return sys_ret(syscall(host_nr, (int)c->a[0], c->a[1], c->a[2], c->a[3],
                           c->a[4], c->a[5]));
}

int64_t sys_readv(SysCall *c) { return sys_vec(c, SYS_readv, PROT_WRITE); }
int64_t sys_writev(SysCall *c) { return sys_vec(c, SYS_writev, PROT_READ); }
int64_t sys_preadv(SysCall *c) { return sys_vec(c, SYS_preadv, PROT_WRITE); }
int64_t sys_pwritev(SysCall *c) { return sys_vec(c, SYS_pwritev, PROT_READ); }
int64_t sys_preadv2(SysCall *c) { return sys_vec(c, SYS_preadv2, PROT_WRITE); }
int64_t sys_pwritev2(SysCall *c)
{
    return sys_vec(c, SYS_pwritev2, PROT_READ);
}

int64_t sys_sendfile(SysCall *c)
{
    SYS_CHECK_OPT(c->a[2], 8, RW);
    return sys_ret(syscall(SYS_sendfile, (int)c->a[0], (int)c->a[1], c->a[2],
                           c->a[3]));
}

int64_t sys_splice(SysCall *c)
{
    SYS_CHECK_OPT(c->a[1], 8, RW);
    SYS_CHECK_OPT(c->a[3], 8, RW);
    return sys_ret(syscall(SYS_splice, (int)c->a[0], c->a[1], (int)c->a[2],
                           c->a[3], c->a[4], (unsigned)c->a[5]));
}

int64_t sys_copy_file_range(SysCall *c)
{
    SYS_CHECK_OPT(c->a[1], 8, RW);
    SYS_CHECK_OPT(c->a[3], 8, RW);
    return sys_ret(syscall(SYS_copy_file_range, (int)c->a[0], c->a[1],
                           (int)c->a[2], c->a[3], c->a[4], (unsigned)c->a[5]));
}

int64_t sys_vmsplice(SysCall *c)
{
    /* SPLICE_F_GIFT aside, vmsplice reads the buffers into a pipe. */
    int64_t r = sys_check_iov(c->a[1], c->a[2], PROT_READ);
    if (r)
        return r;
    return sys_ret(syscall(SYS_vmsplice, (int)c->a[0], c->a[1], c->a[2],
                           (unsigned)c->a[3]));
}

int64_t sys_pipe2(SysCall *c)
{
    SYS_CHECK(c->a[0], 2 * sizeof(int), PROT_WRITE);
    return sys_ret(syscall(SYS_pipe2, c->a[0],
                           conv_oflags_to_host((int)c->a[1])));
}

int64_t sys_getdents64(SysCall *c)
{
    SYS_CHECK(c->a[1], c->a[2], PROT_WRITE);
    return sys_ret(syscall(SYS_getdents64, (int)c->a[0], c->a[1], c->a[2]));
}

int64_t sys_fcntl(SysCall *c)
{
    int fd = (int)c->a[0], cmd = (int)c->a[1];
    uint64_t arg = c->a[2];
    switch (cmd) {
    case F_GETFL: {
        int64_t r = sys_ret(syscall(SYS_fcntl, fd, cmd, 0));
        return r < 0 ? r : conv_oflags_to_a64((int)r);
    }
    case F_SETFL:
        return sys_ret(syscall(SYS_fcntl, fd, cmd,
                               conv_oflags_to_host((int)arg)));
    /* struct flock is the same on both LP64 ABIs (32 bytes). */
    case F_GETLK:
    case F_OFD_GETLK:
        SYS_CHECK(arg, sizeof(struct flock), RW);
        break;
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        SYS_CHECK(arg, sizeof(struct flock), PROT_READ);
        break;
    case F_GETOWN_EX:
        SYS_CHECK(arg, sizeof(struct f_owner_ex), PROT_WRITE);
        break;
    case F_SETOWN_EX:
        SYS_CHECK(arg, sizeof(struct f_owner_ex), PROT_READ);
        break;
    case F_GET_RW_HINT:
    case F_GET_FILE_RW_HINT:
        SYS_CHECK(arg, 8, PROT_WRITE);
        break;
    case F_SET_RW_HINT:
    case F_SET_FILE_RW_HINT:
        SYS_CHECK(arg, 8, PROT_READ);
        break;
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_GETOWN:
    case F_SETOWN:
    case F_GETSIG:
    case F_SETSIG:
    case F_GETLEASE:
    case F_SETLEASE:
    case F_NOTIFY:
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
        break;
    default:
        if (emu_opts.dbg & DBG_UNIMP)
            emu_log("unimplemented fcntl command %d\n", cmd);
        return -EINVAL;
    }
    return sys_ret(syscall(SYS_fcntl, fd, cmd, arg));
}

int64_t sys_memfd_create(SysCall *c)
{
    const char *name;
    int64_t r = sys_str(c->a[0], &name);
    if (r)
        return r;
    return sys_ret(syscall(SYS_memfd_create, name, (unsigned)c->a[1]));
}

/* ---- extended attributes: (path|fd, name, value, size[, flags]) ---- */

static int64_t xattr_path(SysCall *c, long host_nr, int value_prot)
{
    char buf[SYS_PATH_MAX];
    const char *hp, *name;
    int64_t r;
    if ((r = sys_path(c->a[0], buf, sizeof(buf), &hp)))
        return r;
    if ((r = sys_str(c->a[1], &name)))
        return r;
    if (value_prot)
        SYS_CHECK(c->a[2], c->a[3], value_prot);
    return sys_ret(syscall(host_nr, hp, name, c->a[2], c->a[3], c->a[4]));
}

static int64_t xattr_fd(SysCall *c, long host_nr, int value_prot)
{
    const char *name;
    int64_t r;
    if ((r = sys_str(c->a[1], &name)))
        return r;
    if (value_prot)
        SYS_CHECK(c->a[2], c->a[3], value_prot);
    return sys_ret(syscall(host_nr, (int)c->a[0], name, c->a[2], c->a[3],
                           c->a[4]));
}

static int64_t xattr_list(SysCall *c, long host_nr, bool fd)
{
    char buf[SYS_PATH_MAX];
    const char *hp;
    int64_t r;
    SYS_CHECK(c->a[1], c->a[2], PROT_WRITE);
    if (fd)
        return sys_ret(syscall(host_nr, (int)c->a[0], c->a[1], c->a[2]));
    if ((r = sys_path(c->a[0], buf, sizeof(buf), &hp)))
        return r;
    return sys_ret(syscall(host_nr, hp, c->a[1], c->a[2]));
}

int64_t sys_setxattr(SysCall *c) { return xattr_path(c, SYS_setxattr, PROT_READ); }
int64_t sys_lsetxattr(SysCall *c) { return xattr_path(c, SYS_lsetxattr, PROT_READ); }
int64_t sys_fsetxattr(SysCall *c) { return xattr_fd(c, SYS_fsetxattr, PROT_READ); }
int64_t sys_getxattr(SysCall *c) { return xattr_path(c, SYS_getxattr, PROT_WRITE); }
int64_t sys_lgetxattr(SysCall *c) { return xattr_path(c, SYS_lgetxattr, PROT_WRITE); }
int64_t sys_fgetxattr(SysCall *c) { return xattr_fd(c, SYS_fgetxattr, PROT_WRITE); }
int64_t sys_listxattr(SysCall *c) { return xattr_list(c, SYS_listxattr, false); }
int64_t sys_llistxattr(SysCall *c) { return xattr_list(c, SYS_llistxattr, false); }
int64_t sys_flistxattr(SysCall *c) { return xattr_list(c, SYS_flistxattr, true); }
int64_t sys_removexattr(SysCall *c) { return xattr_path(c, SYS_removexattr, 0); }
int64_t sys_lremovexattr(SysCall *c) { return xattr_path(c, SYS_lremovexattr, 0); }
int64_t sys_fremovexattr(SysCall *c) { return xattr_fd(c, SYS_fremovexattr, 0); }
