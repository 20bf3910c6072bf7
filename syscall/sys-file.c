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
#include <linux/openat2.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/emu.h"
#include "syscall/conv.h"
#include "syscall/sys-internal.h"
#include "syscall/uaccess.h"

#define RW (PROT_READ | PROT_WRITE)

/* Before linux-user/proc.c serves a /proc file in place of the host's, the
 * checks the kernel's open makes on the way to it, which proc_open() does
 * not repeat: the flags (EINVAL; the host judges them, given a path that
 * faults: EFAULT means they passed), the walk under openat2's RESOLVE_*
 * rules (the host walks the same /proc path of the same process: /proc/self
 * is a symlink, exe a magic link, so RESOLVE_NO_SYMLINKS and
 * RESOLVE_NO_MAGICLINKS give ELOOP, RESOLVE_NO_XDEV EXDEV, ...), a
 * trailing symlink with O_NOFOLLOW (ELOOP unless O_PATH), O_CREAT|O_EXCL
 * (EEXIST) and the running executable opened for writing (ETXTBSY).
 * A plain read-only openat() needs none of it. */
static int64_t proc_open_precheck(int dirfd, const char *gp, const char *hp,
                                  const struct open_how *how, bool v2)
{
    const uint64_t odd = O_NOFOLLOW | O_DIRECTORY | O_CREAT | O_TMPFILE |
                         O_PATH | O_TRUNC | O_ACCMODE;
    if (strncmp(gp, "/proc/", 6) ||
        (!v2 && !(how->flags & odd))) /* openat2 is strict about more */
        return 0;
    long r = v2 ? syscall(SYS_openat2, dirfd, SYS_FAULT_ADDR, how,
                          sizeof(*how))
                : syscall(SYS_openat, dirfd, SYS_FAULT_ADDR, (int)how->flags,
                          (unsigned)how->mode);
    if (r >= 0)
        close((int)r);
    if (r >= 0 || errno != EFAULT)
        return r >= 0 ? -EFAULT : -errno;
    struct open_how walk = {
        .flags = O_PATH | O_CLOEXEC | (how->flags & (O_NOFOLLOW | O_DIRECTORY)),
        .resolve = how->resolve};
    int fd = v2 ? (int)syscall(SYS_openat2, dirfd, hp, &walk, sizeof(walk))
                : openat(dirfd, hp, (int)walk.flags);
    if (fd < 0)
        return errno == ENOENT ? 0 : -errno; /* proc_open says ENOENT */
    struct stat st;
    int64_t err = 0;
    size_t n = strlen(gp);
    if (fstat(fd, &st))
        err = -errno;
    else if (S_ISLNK(st.st_mode) && !(how->flags & O_PATH))
        err = -ELOOP;
    else if ((how->flags & O_CREAT) && (how->flags & O_EXCL))
        err = -EEXIST;
    else if (n >= 4 && !strcmp(gp + n - 4, "/exe") &&
             !(how->flags & O_PATH) &&
             ((how->flags & O_ACCMODE) != O_RDONLY || (how->flags & O_TRUNC)))
        err = -ETXTBSY;
    close(fd);
    return err;
}

int64_t sys_openat(SysCall *c)
{
    int dirfd = (int)c->a[0];
    struct open_how how = {.flags = (uint32_t)conv_oflags_to_host((int)c->a[2]),
                           .mode = (unsigned)c->a[3]};
    const char *hp;
    char buf[SYS_PATH_MAX];
    if (!sys_upath(c->a[1], buf, sizeof(buf), &hp)) {
        const char *gp = (const char *)g2h(c->a[1]);
        int64_t r = proc_open_precheck(dirfd, gp, hp, &how, false);
        if (!r)
            r = proc_open(gp, (int)how.flags);
        if (r != PROC_NOT_MINE)
            return r;
    }
    return sys_ret(sys_host_call(SYS_openat, dirfd, hp, (int)how.flags,
                                 (unsigned)how.mode));
}

int64_t sys_openat2(SysCall *c)
{
    /* fs/open.c openat2 + copy_struct_from_user: a size below the first
     * version is EINVAL and one above a page E2BIG; then the bytes past
     * the version the kernel knows must read as zero (EFAULT, E2BIG), and
     * only then is the known part copied (EFAULT).  Flags, mode and
     * resolve are judged next, the path is read last. */
    enum { HOW_V0 = 24 };
    uint64_t size = c->a[3], ghow = c->a[2];
    if (size < HOW_V0)
        return -EINVAL;
    if (size > GUEST_PAGE)
        return -E2BIG;
    if (size > HOW_V0) {
        if (!sys_ok(ghow + HOW_V0, size - HOW_V0, PROT_READ))
            return -EFAULT;
        const uint8_t *tail = (const uint8_t *)g2h(ghow + HOW_V0);
        for (uint64_t i = 0; i < size - HOW_V0; i++)
            if (tail[i])
                return -E2BIG;
    }
    SYS_CHECK(ghow, HOW_V0, PROT_READ);
    struct open_how how;
    memcpy(&how, g2h(ghow), sizeof(how));
    if (how.flags >> 32)
        return -EINVAL;
    how.flags = (uint32_t)conv_oflags_to_host((int)how.flags);

    int dirfd = (int)c->a[0];
    const char *hp;
    char buf[SYS_PATH_MAX];
    if (!sys_upath(c->a[1], buf, sizeof(buf), &hp)) {
        const char *gp = (const char *)g2h(c->a[1]);
        /* RESOLVE_BENEATH/RESOLVE_IN_ROOT walk from dirfd, never into the
         * real /proc through an absolute path: the host decides. */
        int64_t r = PROC_NOT_MINE;
        if (!(how.resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT))) {
            r = proc_open_precheck(dirfd, gp, hp, &how, true);
            if (!r)
                r = proc_open(gp, (int)how.flags);
        }
        if (r != PROC_NOT_MINE)
            return r;
    }
    return sys_ret(sys_host_call(SYS_openat2, dirfd, hp, &how, sizeof(how)));
}

/* read/write/pread64/pwrite64: fs/read_write.c checks the descriptor
 * (EBADF), its mode (EBADF/EINVAL), access_ok (EFAULT), the position
 * (EINVAL, ESPIPE) before it touches the buffer, and a buffer that is good
 * only at its start gets the bytes that fit: sys_fix gives the host the
 * same buffer. */
static int64_t rw_call(SysCall *c, long host_nr, int prot)
{
    SysFix f = {0};
    uint64_t buf = sys_fix(&f, c->a[1], c->a[2], prot);
    int64_t r = sys_ret(sys_host_call(host_nr, (int)c->a[0], buf, c->a[2],
                                      c->a[3]));
    return sys_fix_done(&f, r);
}

int64_t sys_read(SysCall *c) { return rw_call(c, SYS_read, PROT_WRITE); }
int64_t sys_write(SysCall *c) { return rw_call(c, SYS_write, PROT_READ); }
int64_t sys_pread64(SysCall *c) { return rw_call(c, SYS_pread64, PROT_WRITE); }
int64_t sys_pwrite64(SysCall *c) { return rw_call(c, SYS_pwrite64, PROT_READ); }

/* readv/writev/preadv/pwritev/preadv2/pwritev2 share one shape: the host
 * numbers take the same (fd, iov, cnt, pos_l, pos_h, flags) arguments.
 * The kernel looks at the descriptor first (EBADF), then at the array
 * (cnt > UIO_MAXIOV: EINVAL; EFAULT; a negative iov_len: EINVAL), the
 * flags and position, and touches the buffers last. */
static int64_t sys_vec(SysCall *c, long host_nr, int prot)
{
    SysFix f = {0};
    uint64_t iov = sys_fix_iov(&f, c->a[1], c->a[2], prot);
    int64_t r = sys_ret(sys_host_call(host_nr, (int)c->a[0], iov, c->a[2],
                                      c->a[3], c->a[4], c->a[5]));
    return sys_fix_done(&f, r);
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

/* sendfile, splice, copy_file_range: the loff_t positions are read and
 * written back by the kernel at its own points (sendfile before the
 * descriptors, the others after them). */
int64_t sys_sendfile(SysCall *c)
{
    SysFix f = {0};
    uint64_t off = sys_fix(&f, c->a[2], 8, RW);
    int64_t r = sys_ret(sys_host_call(SYS_sendfile, (int)c->a[0],
                                      (int)c->a[1], off, c->a[3]));
    return sys_fix_done(&f, r);
}

/* splice and copy_file_range: (fd_in, off_in, fd_out, off_out, len,
 * flags), each offset an optional loff_t the kernel reads and updates. */
static int64_t two_offsets(SysCall *c, long host_nr)
{
    SysFix f = {0};
    uint64_t off_in = sys_fix(&f, c->a[1], 8, RW);
    uint64_t off_out = sys_fix(&f, c->a[3], 8, RW);
    int64_t r = sys_ret(sys_host_call(host_nr, (int)c->a[0], off_in,
                                      (int)c->a[2], off_out, c->a[4],
                                      (unsigned)c->a[5]));
    return sys_fix_done(&f, r);
}

int64_t sys_splice(SysCall *c) { return two_offsets(c, SYS_splice); }

int64_t sys_copy_file_range(SysCall *c)
{
    return two_offsets(c, SYS_copy_file_range);
}

int64_t sys_vmsplice(SysCall *c)
{
    /* Into a pipe the buffers are read, out of one (a read end) they are
     * written: both, for a bounce. */
    SysFix f = {0};
    uint64_t iov = sys_fix_iov(&f, c->a[1], c->a[2], RW);
    int64_t r = sys_ret(sys_host_call(SYS_vmsplice, (int)c->a[0], iov,
                                      c->a[2], (unsigned)c->a[3]));
    return sys_fix_done(&f, r);
}

int64_t sys_pipe2(SysCall *c)
{
    /* fs/pipe.c do_pipe2: the flags (EINVAL), the pipe, then the two
     * descriptors to user memory (EFAULT, the pipe closed again). */
    return sys_ret(syscall(SYS_pipe2, sys_ptr(c->a[0], 8, PROT_WRITE),
                           conv_oflags_to_host((int)c->a[1])));
}

int64_t sys_getdents64(SysCall *c)
{
    /* count is an unsigned int; entries go out one by one, so a buffer
     * that is good at its start gets the entries that fit. */
    SysFix f = {0};
    unsigned count = (unsigned)c->a[2];
    uint64_t buf = sys_fix(&f, c->a[1], count, PROT_WRITE);
    int64_t r = sys_ret(syscall(SYS_getdents64, (int)c->a[0], buf, count));
    return sys_fix_done(&f, r);
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
        arg = sys_ptr(arg, sizeof(struct flock), RW);
        break;
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        arg = sys_ptr(arg, sizeof(struct flock), PROT_READ);
        break;
    case F_GETOWN_EX:
        arg = sys_ptr(arg, sizeof(struct f_owner_ex), PROT_WRITE);
        break;
    case F_SETOWN_EX:
        arg = sys_ptr(arg, sizeof(struct f_owner_ex), PROT_READ);
        break;
    case F_GET_RW_HINT:
    case F_GET_FILE_RW_HINT:
        arg = sys_ptr(arg, 8, PROT_WRITE);
        break;
    case F_SET_RW_HINT:
    case F_SET_FILE_RW_HINT:
        arg = sys_ptr(arg, 8, PROT_READ);
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
    case 1027: /* F_DUPFD_QUERY (Linux 6.10) */
    case 1028: /* F_CREATED_QUERY (Linux 6.12) */
        break;
    default:
        /* fs/fcntl.c: the descriptor is looked up first (EBADF; an O_PATH
         * one allows only a few commands, EBADF for the rest), an unknown
         * command is EINVAL after that. */
        if (emu_opts.dbg & DBG_UNIMP)
            emu_log("unimplemented fcntl command %d\n", cmd);
        return sys_fd_check(fd) ? -EBADF : -EINVAL;
    }
    return sys_ret(sys_host_call(SYS_fcntl, fd, cmd, arg)); /* F_SETLKW */
}

int64_t sys_memfd_create(SysCall *c)
{
    /* mm/memfd.c: the flags first (EINVAL), then at most 250 bytes of the
     * name (EFAULT; longer is EINVAL). */
    return sys_ret(syscall(SYS_memfd_create, sys_fix_str(c->a[0], 250),
                           (unsigned)c->a[1]));
}

/* Is the file at host_path open for writing anywhere (execve would fail
 * with ETXTBSY)?  A read lease is refused with EAGAIN exactly when the
 * inode has writers (fs/locks.c check_conflicting_open: i_writecount > 0,
 * the count deny_write_access() tests), so take one on a read-only
 * descriptor and drop it at once.  Leases need the file's owner (or
 * CAP_LEASE), a regular file and leases enabled; where they cannot be
 * had (EACCES, EINVAL, ...) the answer is "not known": 0. */
int sys_exec_busy(const char *host_path)
{
    int fd = open(host_path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return 0;
    int busy = 0;
    if (fcntl(fd, F_SETLEASE, F_RDLCK) == 0)
        fcntl(fd, F_SETLEASE, F_UNLCK);
    else if (errno == EAGAIN)
        busy = -ETXTBSY;
    close(fd);
    return busy;
}

/* ---- extended attributes: (path|fd, name, value, size[, flags]) ----
 * fs/xattr.c reads the name (at most XATTR_NAME_MAX + 1 bytes: EFAULT,
 * ERANGE) and, for set, the value (E2BIG, EFAULT) before it looks the path
 * up; get/list fill the value after the lookup.  The host does it all in
 * that order given fixed pointers. */
#define XATTR_NAME_READ 256

static int64_t xattr_path(SysCall *c, long host_nr, int value_prot)
{
    char buf[SYS_PATH_MAX];
    const char *hp;
    SysFix f = {0};
    sys_upath(c->a[0], buf, sizeof(buf), &hp);
    uint64_t name = sys_fix_str(c->a[1], XATTR_NAME_READ);
    uint64_t val = value_prot ? sys_fix(&f, c->a[2], c->a[3], value_prot)
                              : c->a[2];
    int64_t r = sys_ret(syscall(host_nr, hp, name, val, c->a[3], c->a[4]));
    return sys_fix_done(&f, r);
}

static int64_t xattr_fd(SysCall *c, long host_nr, int value_prot)
{
    SysFix f = {0};
    uint64_t name = sys_fix_str(c->a[1], XATTR_NAME_READ);
    uint64_t val = value_prot ? sys_fix(&f, c->a[2], c->a[3], value_prot)
                              : c->a[2];
    int64_t r = sys_ret(syscall(host_nr, (int)c->a[0], name, val, c->a[3],
                                c->a[4]));
    return sys_fix_done(&f, r);
}

static int64_t xattr_list(SysCall *c, long host_nr, bool fd)
{
    char buf[SYS_PATH_MAX];
    const char *hp;
    SysFix f = {0};
    uint64_t list = sys_fix(&f, c->a[1], c->a[2], PROT_WRITE);
    int64_t r;
    if (fd) {
        r = sys_ret(syscall(host_nr, (int)c->a[0], list, c->a[2]));
    } else {
        sys_upath(c->a[0], buf, sizeof(buf), &hp);
        r = sys_ret(syscall(host_nr, hp, list, c->a[2]));
    }
    return sys_fix_done(&f, r);
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
