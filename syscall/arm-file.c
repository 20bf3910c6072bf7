/*
 * syscall/arm-file.c - EABI file calls: the legacy path calls (open,
 * unlink, mkdir, ... as their *at forms from AT_FDCWD), the 32-bit off_t
 * calls (lseek, truncate, sendfile), the 64-bit offsets in register pairs
 * (pread64, _llseek, truncate64, arm_fadvise64_64, sync_file_range2,
 * fallocate, readahead), compat iovec arrays, dup2/pipe, fcntl/fcntl64,
 * and the O_LARGEFILE that F_GETFL shows.
 *
 * O_LARGEFILE: arm's O_DIRECTORY/O_NOFOLLOW/O_DIRECT/O_LARGEFILE are
 * arm64's values, so conv_oflags_* convert both guests' flags.  A 64-bit
 * host forces O_LARGEFILE into every open (force_o_largefile), a native
 * 32-bit kernel keeps only what the program passed (glibc's open64 and
 * LFS builds pass it, a non-LFS open() does not), and F_GETFL shows it.
 * So emu remembers, per descriptor, the file (st_dev, st_ino) that an
 * open/openat/creat/openat2 opened without O_LARGEFILE; dup, dup2, dup3
 * and F_DUPFD carry the mark, a new open through these calls replaces it,
 * and F_GETFL clears O_LARGEFILE only where the mark still names the
 * descriptor's file (a number reused by socket() or pipe() never
 * matches).  F_SETFL cannot change O_LARGEFILE (SETFL_MASK).
 *
 * EABI register pairs (arch/arm/kernel/sys_arm.c, calls.S): a loff_t
 * starts at an even register, so pread64/pwrite64 have a padding r3,
 * truncate64/ftruncate64 and readahead a padding r1, and ARM reorders
 * fadvise64_64 and sync_file_range (the _arm/_2 variants) to put the
 * int argument first.  preadv/pwritev(2) pass the position as explicit
 * low and high words (no alignment).  Values an arm kernel holds in a
 * 32-bit long (off_t) are sign-extended; results that do not fit one are
 * EOVERFLOW, as the non-LFS calls give them.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-mem.h"
#include "syscall/arm-sys.h"
#include "syscall/conv.h"
#include "syscall/uaccess.h"

#define RW (PROT_READ | PROT_WRITE)
#ifndef UIO_MAXIOV
#define UIO_MAXIOV 1024
#endif

/* ---- open and the legacy path calls ---- */

/* ---- descriptors opened without O_LARGEFILE (see the header) ---- */

#define ARM_LFS_MAX_FD 65536

typedef struct NonLfs {
    uint64_t dev, ino; /* ino 0: no mark */
} NonLfs;

static NonLfs *nonlfs; /* ARM_LFS_MAX_FD entries, made at the first mark */
static pthread_mutex_t nonlfs_lock = PTHREAD_MUTEX_INITIALIZER;

/* Before the first mark there is nothing to clear or copy: the common
 * case (every open of an LFS program) takes no lock. */
static bool lfs_none(void)
{
    return !__atomic_load_n(&nonlfs, __ATOMIC_ACQUIRE);
}

static void lfs_mark(int fd, const struct stat *st)
{
    if (fd < 0 || fd >= ARM_LFS_MAX_FD || (!st && lfs_none()))
        return;
    pthread_mutex_lock(&nonlfs_lock);
    if (!nonlfs && st)
        __atomic_store_n(&nonlfs, calloc(ARM_LFS_MAX_FD, sizeof(*nonlfs)),
                         __ATOMIC_RELEASE);
    if (nonlfs)
        nonlfs[fd] = st ? (NonLfs){st->st_dev, st->st_ino} : (NonLfs){0, 0};
    pthread_mutex_unlock(&nonlfs_lock);
}

/* newfd is a duplicate of oldfd (r: the call's result) */
static int64_t lfs_dup(int oldfd, int64_t r)
{
    if (r < 0 || oldfd < 0 || oldfd >= ARM_LFS_MAX_FD ||
        r >= ARM_LFS_MAX_FD || lfs_none())
        return r;
    pthread_mutex_lock(&nonlfs_lock);
    if (nonlfs)
        nonlfs[r] = nonlfs[oldfd];
    pthread_mutex_unlock(&nonlfs_lock);
    return r;
}

static bool lfs_marked(int fd)
{
    struct stat st;
    if (fd < 0 || fd >= ARM_LFS_MAX_FD || lfs_none() || fstat(fd, &st))
        return false;
    pthread_mutex_lock(&nonlfs_lock);
    bool m = nonlfs && nonlfs[fd].ino && nonlfs[fd].ino == st.st_ino &&
             nonlfs[fd].dev == st.st_dev;
    pthread_mutex_unlock(&nonlfs_lock);
    return m;
}

/* generic_file_open() on a 32-bit kernel: a regular file larger than
 * MAX_NON_LFS opened without O_LARGEFILE is EOVERFLOW (a 64-bit kernel
 * forces O_LARGEFILE, so the host never says it).  Marks fd for F_GETFL. */
static int64_t open_non_lfs(int64_t fd, uint64_t flags)
{
    struct stat st;
    if (fd < 0)
        return fd;
    if ((flags & ARM_O_LARGEFILE) || fstat((int)fd, &st)) {
        lfs_mark((int)fd, NULL);
        return fd;
    }
    if (!(flags & O_PATH) && S_ISREG(st.st_mode) &&
        st.st_size > ARM_MAX_NON_LFS) {
        close((int)fd);
        return -EOVERFLOW;
    }
    lfs_mark((int)fd, &st);
    return fd;
}

int64_t sys_arm_openat2(SysCall *c)
{
    /* struct open_how's flags are its first u64; openat2 is too new for
     * EOVERFLOW (build_open_flags: a 32-bit kernel's openat2 gets no
     * O_LARGEFILE unless given, and F_GETFL shows what was given) */
    int64_t fd = sys_openat2(c);
    uint64_t flags = 0;
    if (fd >= 0)
        memcpy(&flags, g2h(c->a[2]), sizeof(flags));
    struct stat st;
    if (fd >= 0)
        lfs_mark((int)fd, !(flags & ARM_O_LARGEFILE) && !fstat((int)fd, &st)
                              ? &st
                              : NULL);
    return fd;
}

int64_t sys_arm_dup(SysCall *c)
{
    return lfs_dup((int)c->a[0], sys_ret(syscall(SYS_dup, (int)c->a[0])));
}

int64_t sys_arm_dup3(SysCall *c)
{
    return lfs_dup((int)c->a[0], sys_dup3(c));
}

int64_t sys_arm_openat(SysCall *c)
{
    return open_non_lfs(sys_openat(c), c->a[2]);
}

int64_t sys_arm_open(SysCall *c)
{
    return open_non_lfs(arm_reuse(c, sys_openat, ARM_AT_FDCWD, c->a[0],
                                  c->a[1], c->a[2], 0, 0),
                        c->a[1]);
}

int64_t sys_arm_creat(SysCall *c)
{
    int flags = O_CREAT | O_WRONLY | O_TRUNC;
    return open_non_lfs(arm_reuse(c, sys_openat, ARM_AT_FDCWD, c->a[0],
                                  (uint64_t)flags, c->a[1], 0, 0),
                        (uint64_t)flags);
}

int64_t sys_arm_link(SysCall *c)
{
    return arm_reuse(c, sys_linkat, ARM_AT_FDCWD, c->a[0], ARM_AT_FDCWD,
                     c->a[1], 0, 0);
}

int64_t sys_arm_unlink(SysCall *c)
{
    return arm_reuse(c, sys_unlinkat, ARM_AT_FDCWD, c->a[0], 0, 0, 0, 0);
}

int64_t sys_arm_rmdir(SysCall *c)
{
    return arm_reuse(c, sys_unlinkat, ARM_AT_FDCWD, c->a[0], AT_REMOVEDIR,
                     0, 0, 0);
}

int64_t sys_arm_mknod(SysCall *c)
{
    return arm_reuse(c, sys_mknodat, ARM_AT_FDCWD, c->a[0], c->a[1],
                     c->a[2], 0, 0);
}

int64_t sys_arm_chmod(SysCall *c)
{
    return arm_reuse(c, sys_fchmodat, ARM_AT_FDCWD, c->a[0], c->a[1], 0, 0,
                     0);
}

int64_t sys_arm_access(SysCall *c)
{
    return arm_reuse(c, sys_faccessat, ARM_AT_FDCWD, c->a[0], c->a[1], 0, 0,
                     0);
}

int64_t sys_arm_rename(SysCall *c)
{
    return arm_reuse(c, sys_renameat, ARM_AT_FDCWD, c->a[0], ARM_AT_FDCWD,
                     c->a[1], 0, 0);
}

int64_t sys_arm_mkdir(SysCall *c)
{
    return arm_reuse(c, sys_mkdirat, ARM_AT_FDCWD, c->a[0], c->a[1], 0, 0,
                     0);
}

int64_t sys_arm_symlink(SysCall *c)
{
    return arm_reuse(c, sys_symlinkat, c->a[0], ARM_AT_FDCWD, c->a[1], 0, 0,
                     0);
}

int64_t sys_arm_readlink(SysCall *c)
{
    return arm_reuse(c, sys_readlinkat, ARM_AT_FDCWD, c->a[0], c->a[1],
                     c->a[2], 0, 0);
}

int64_t sys_arm_chown32(SysCall *c)
{
    return arm_reuse(c, sys_fchownat, ARM_AT_FDCWD, c->a[0], c->a[1],
                     c->a[2], 0, 0);
}

int64_t sys_arm_lchown32(SysCall *c)
{
    return arm_reuse(c, sys_fchownat, ARM_AT_FDCWD, c->a[0], c->a[1],
                     c->a[2], AT_SYMLINK_NOFOLLOW, 0);
}

/* The 16-bit uid calls (CONFIG_UID16): old_uid_t is an unsigned short and
 * 0xffff means -1 ("unchanged"), linux/highuid.h low2highuid. */
static uint64_t high_id(uint64_t v)
{
    v &= 0xffff;
    return v == 0xffff ? (uint64_t)(uint32_t)-1 : v;
}

int64_t sys_arm_chown(SysCall *c)
{
    return arm_reuse(c, sys_fchownat, ARM_AT_FDCWD, c->a[0],
                     high_id(c->a[1]), high_id(c->a[2]), 0, 0);
}

int64_t sys_arm_lchown(SysCall *c)
{
    return arm_reuse(c, sys_fchownat, ARM_AT_FDCWD, c->a[0],
                     high_id(c->a[1]), high_id(c->a[2]), AT_SYMLINK_NOFOLLOW,
                     0);
}

int64_t sys_arm_fchown(SysCall *c)
{
    return sys_ret(syscall(SYS_fchown, (int)c->a[0],
                           (unsigned)high_id(c->a[1]),
                           (unsigned)high_id(c->a[2])));
}

int64_t sys_arm_pipe(SysCall *c)
{
    return arm_reuse(c, sys_pipe2, c->a[0], 0, 0, 0, 0, 0);
}

int64_t sys_arm_dup2(SysCall *c)
{
    /* fs/file.c dup2: oldfd == newfd returns newfd once oldfd is known
     * to be open (EBADF otherwise); dup3 would say EINVAL. */
    int oldfd = (int)c->a[0], newfd = (int)c->a[1];
    if (oldfd == newfd) {
        if (emu_fd_private(oldfd) || fcntl(oldfd, F_GETFD) < 0)
            return -EBADF;
        return newfd;
    }
    return lfs_dup(oldfd, arm_reuse(c, sys_dup3, c->a[0], c->a[1], 0, 0, 0, 0));
}

/* ---- positions ---- */

int64_t sys_arm_lseek(SysCall *c)
{
    /* ksys_lseek: off_t is a signed 32-bit long; a resulting position
     * that does not fit one is EOVERFLOW (the position has moved). */
    int fd = (int)c->a[0], whence = (int)c->a[2];
    int64_t off = sys_sarg(c, 1);
    if (whence == SEEK_SET)
        off = (int64_t)arm_dir_off_in(fd, (uint64_t)off);
    int64_t r = sys_ret(lseek(fd, off, whence));
    if (r < 0)
        return r;
    r = (int64_t)arm_dir_seek_out(fd, (uint64_t)r);
    return r > ARM_MAX_NON_LFS ? -EOVERFLOW : r;
}

int64_t sys_arm__llseek(SysCall *c)
{
    /* (fd, offset_high, offset_low, loff_t *result, whence): the result
     * is written after the seek (EFAULT then, the position moved). */
    int fd = (int)c->a[0], whence = (int)c->a[4];
    uint64_t off = c->a[1] << 32 | (c->a[2] & 0xffffffffu);
    if (whence == SEEK_SET)
        off = arm_dir_off_in(fd, off);
    int64_t r = sys_ret(lseek(fd, (off_t)off, whence));
    if (r < 0)
        return r;
    uint64_t res = arm_dir_seek_out(fd, (uint64_t)r);
    return arm_put(c->a[3], &res, 8);
}

int64_t sys_arm_pread64(SysCall *c)
{
    return arm_reuse(c, sys_pread64, c->a[0], c->a[1], c->a[2],
                     sys_arg64(c, 4), 0, 0);
}

int64_t sys_arm_pwrite64(SysCall *c)
{
    return arm_reuse(c, sys_pwrite64, c->a[0], c->a[1], c->a[2],
                     sys_arg64(c, 4), 0, 0);
}

int64_t sys_arm_truncate(SysCall *c)
{
    return arm_reuse(c, sys_truncate, c->a[0], (uint64_t)sys_sarg(c, 1), 0,
                     0, 0, 0);
}

int64_t sys_arm_ftruncate(SysCall *c)
{
    return sys_ret(syscall(SYS_ftruncate, (int)c->a[0], sys_sarg(c, 1)));
}

int64_t sys_arm_truncate64(SysCall *c)
{
    return arm_reuse(c, sys_truncate, c->a[0], sys_arg64(c, 2), 0, 0, 0, 0);
}

int64_t sys_arm_ftruncate64(SysCall *c)
{
    return sys_ret(syscall(SYS_ftruncate, (int)c->a[0], sys_arg64(c, 2)));
}

int64_t sys_arm_arm_fadvise64_64(SysCall *c)
{
    /* (fd, advice, offset, len) */
    return sys_ret(syscall(SYS_fadvise64, (int)c->a[0], sys_arg64(c, 2),
                           sys_arg64(c, 4), (int)c->a[1]));
}

int64_t sys_arm_arm_sync_file_range(SysCall *c)
{
    /* sync_file_range2(fd, flags, offset, nbytes) */
    return sys_ret(sys_host_call(SYS_sync_file_range, (int)c->a[0],
                                 sys_arg64(c, 2), sys_arg64(c, 4),
                                 (unsigned)c->a[1]));
}

int64_t sys_arm_fallocate(SysCall *c)
{
    return sys_ret(sys_host_call(SYS_fallocate, (int)c->a[0], (int)c->a[1],
                                 sys_arg64(c, 2), sys_arg64(c, 4)));
}

int64_t sys_arm_readahead(SysCall *c)
{
    /* (fd, pad, offset, count) */
    return sys_ret(syscall(SYS_readahead, (int)c->a[0], sys_arg64(c, 2),
                           (size_t)c->a[4]));
}

int64_t sys_arm_sendfile(SysCall *c)
{
    /* The 32-bit sendfile: off_t *offset, and positions capped at
     * MAX_NON_LFS (do_sendfile max: past it EOVERFLOW, up to it the
     * count is cut). */
    int out = (int)c->a[0], in = (int)c->a[1];
    uint64_t count = c->a[3];
    if (!c->a[2])
        return sys_ret(sys_host_call(SYS_sendfile, out, in, 0, count));
    int32_t g;
    if (arm_get(&g, c->a[2], 4))
        return -EFAULT;
    if (sys_fd_check(in) || sys_fd_check(out))
        return -EBADF;
    off_t pos = g;
    if (pos >= 0 && pos + (int64_t)count > ARM_MAX_NON_LFS) {
        if (pos >= ARM_MAX_NON_LFS)
            return -EOVERFLOW;
        count = (uint64_t)(ARM_MAX_NON_LFS - pos);
    }
    int64_t r = sys_ret(sys_host_call(SYS_sendfile, out, in, &pos, count));
    g = (int32_t)pos;
    if (arm_put(c->a[2], &g, 4))
        return -EFAULT;
    return r;
}

/* sendfile64 takes a loff_t *, the host's sendfile. */
int64_t sys_arm_sendfile64(SysCall *c) { return sys_sendfile(c); }

/* ---- compat iovec arrays ---- */

/* The host iovec array for cnt guest compat_iovecs at giov, each buffer
 * accessed with prot: *h (allocated, free after sys_fix_done) filled and
 * returned; the guest address itself when cnt is out of range (the host's
 * EINVAL, after its EBADF), a fault pointer when the array is unreadable
 * (EFAULT after EBADF), as the kernel's import_iovec orders them.  A
 * negative 32-bit length stays negative (EINVAL). */
uint64_t arm_iov(SysFix *f, uint64_t giov, uint64_t cnt, int prot,
                 struct iovec **h)
{
    *h = NULL;
    if (cnt > UIO_MAXIOV || !cnt)
        return sys_hptr(giov); /* not read: EINVAL, or nothing to do */
    if (!sys_ok(giov, cnt * sizeof(ArmIovec), PROT_READ))
        return sys_fault_ptr(giov, cnt * sizeof(ArmIovec));
    struct iovec *v = calloc(cnt, sizeof(*v));
    if (!v)
        return sys_fault_ptr(giov, 1);
    const ArmIovec *g = (const ArmIovec *)g2h(giov);
    for (uint64_t i = 0; i < cnt; i++) {
        int32_t len = (int32_t)g[i].len;
        v[i].iov_len = (size_t)(int64_t)len;
        v[i].iov_base = len < 0 ? (void *)(uintptr_t)sys_fault_ptr(g[i].base, 0)
                                : (void *)(uintptr_t)sys_fix(
                                      f, g[i].base, (uint64_t)len, prot);
    }
    *h = v;
    return (uint64_t)(uintptr_t)v;
}

/* readv/writev/preadv/pwritev/preadv2/pwritev2 on the host: (fd, iov,
 * cnt, pos, 0, flags); pos_l/pos_h in the guest's a[3], a[4]. */
static int64_t arm_vec(SysCall *c, long host_nr, int prot, bool pos,
                       bool flags)
{
    SysFix f = {0};
    struct iovec *h;
    uint64_t iov = arm_iov(&f, c->a[1], c->a[2], prot, &h);
    uint64_t p = pos ? (c->a[3] & 0xffffffffu) | c->a[4] << 32 : 0;
    int64_t r = sys_ret(sys_host_call(host_nr, (int)c->a[0], iov, c->a[2],
                                      p, 0, flags ? (int)c->a[5] : 0));
    r = sys_fix_done(&f, r);
    free(h);
    return r;
}

int64_t sys_arm_readv(SysCall *c)
{
    return arm_vec(c, SYS_readv, PROT_WRITE, false, false);
}

int64_t sys_arm_writev(SysCall *c)
{
    return arm_vec(c, SYS_writev, PROT_READ, false, false);
}

int64_t sys_arm_preadv(SysCall *c)
{
    return arm_vec(c, SYS_preadv, PROT_WRITE, true, false);
}

int64_t sys_arm_pwritev(SysCall *c)
{
    return arm_vec(c, SYS_pwritev, PROT_READ, true, false);
}

int64_t sys_arm_preadv2(SysCall *c)
{
    return arm_vec(c, SYS_preadv2, PROT_WRITE, true, true);
}

int64_t sys_arm_pwritev2(SysCall *c)
{
    return arm_vec(c, SYS_pwritev2, PROT_READ, true, true);
}

int64_t sys_arm_vmsplice(SysCall *c)
{
    /* Into a pipe the buffers are read, out of one they are written. */
    SysFix f = {0};
    struct iovec *h;
    uint64_t iov = arm_iov(&f, c->a[1], c->a[2], RW, &h);
    int64_t r = sys_ret(sys_host_call(SYS_vmsplice, (int)c->a[0], iov,
                                      c->a[2], (unsigned)c->a[3]));
    r = sys_fix_done(&f, r);
    free(h);
    return r;
}

/* ---- fcntl ---- */

/* F_GETLK/F_SETLK/F_SETLKW (and, in plain fcntl, F_OFD_*) with the
 * 32-bit struct flock.  fs/fcntl.c: the descriptor first (EBADF), the
 * structure read (EFAULT); a conflicting lock that does not fit 32-bit
 * offsets is EOVERFLOW (posix_lock_to_flock, BITS_PER_LONG == 32). */
static int64_t fcntl_flock32(SysCall *c, int cmd)
{
    int fd = (int)c->a[0];
    if (sys_fd_check(fd))
        return -EBADF;
    ArmFlock g;
    if (arm_get(&g, c->a[2], sizeof(g)))
        return -EFAULT;
    struct flock h = {.l_type = g.l_type, .l_whence = g.l_whence,
                      .l_start = g.l_start, .l_len = g.l_len,
                      .l_pid = g.l_pid};
    int64_t r = sys_ret(sys_host_call(SYS_fcntl, fd, cmd, &h));
    if (r < 0 || (cmd != F_GETLK && cmd != F_OFD_GETLK))
        return r;
    if (h.l_type != F_UNLCK) {
        int64_t end = h.l_len ? h.l_start + h.l_len - 1 : 0;
        if (h.l_start > ARM_MAX_NON_LFS || end > ARM_MAX_NON_LFS)
            return -EOVERFLOW;
    }
    g.l_type = h.l_type;
    g.l_whence = h.l_whence;
    g.l_start = (int32_t)h.l_start;
    g.l_len = (int32_t)h.l_len;
    g.l_pid = h.l_pid;
    return arm_put(c->a[2], &g, sizeof(g)) ? -EFAULT : r;
}

/* F_GETFL without the O_LARGEFILE the host forced; F_DUPFD carries the
 * mark. */
static int64_t fcntl_lfs(SysCall *c, int cmd)
{
    int fd = (int)c->a[0];
    int64_t r = sys_fcntl(c);
    if (cmd != F_GETFL)
        return lfs_dup(fd, r);
    if (r >= 0 && lfs_marked(fd))
        r &= ~(int64_t)ARM_O_LARGEFILE;
    return r;
}

/* fcntl64's F_GETLK64/F_SETLK64/F_SETLKW64 (asm-generic/fcntl.h, 32-bit
 * only): struct flock64 is the host's struct flock. */
#define ARM_F_GETLK64 12
#define ARM_F_SETLK64 13
#define ARM_F_SETLKW64 14

int64_t sys_arm_fcntl64(SysCall *c)
{
    int cmd = (int)c->a[1];
    switch (cmd) {
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
        return fcntl_flock32(c, cmd);
    case ARM_F_GETLK64:
        return arm_reuse(c, sys_fcntl, c->a[0], F_GETLK, c->a[2], 0, 0, 0);
    case ARM_F_SETLK64:
        return arm_reuse(c, sys_fcntl, c->a[0], F_SETLK, c->a[2], 0, 0, 0);
    case ARM_F_SETLKW64:
        return arm_reuse(c, sys_fcntl, c->a[0], F_SETLKW, c->a[2], 0, 0, 0);
    case F_GETFL:
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        return fcntl_lfs(c, cmd);
    default:
        return sys_fcntl(c); /* F_OFD_* take flock64: the host's */
    }
}

int64_t sys_arm_fcntl(SysCall *c)
{
    int cmd = (int)c->a[1];
    switch (cmd) {
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        return fcntl_flock32(c, cmd);
    case F_GETFL:
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        return fcntl_lfs(c, cmd);
    default:
        return sys_fcntl(c); /* 12..14 are unknown here: EINVAL */
    }
}

/* ---- process_vm_readv/writev: two compat iovec arrays ---- */

static int64_t arm_process_vm(SysCall *c, long nr, int local_prot)
{
    /* The remote iovecs describe the other process's memory: converted,
     * never checked against ours (mm/process_vm_access.c: too many is
     * EINVAL, an unreadable array EFAULT, after the flags).  Their bases
     * are that process's guest addresses, translated with our guest_base:
     * right for the processes an emulated program talks to (its own
     * forks, and emu-arm processes with the same -B). */
    SysFix f = {0};
    struct iovec *l, *rv = NULL;
    uint64_t liov = arm_iov(&f, c->a[1], c->a[2], local_prot, &l);
    uint64_t riov = sys_hptr(c->a[3]), rcnt = c->a[4];
    if (rcnt && rcnt <= UIO_MAXIOV) {
        riov = c->a[3];
        if (!sys_ok(riov, rcnt * sizeof(ArmIovec), PROT_READ)) {
            riov = sys_fault_ptr(riov, rcnt * sizeof(ArmIovec));
        } else if ((rv = calloc(rcnt, sizeof(*rv)))) {
            const ArmIovec *g = (const ArmIovec *)g2h(riov);
            for (uint64_t i = 0; i < rcnt; i++) {
                rv[i].iov_base = g2h(g[i].base);
                rv[i].iov_len = (size_t)(int64_t)(int32_t)g[i].len;
            }
            riov = (uint64_t)(uintptr_t)rv;
        }
    }
    int64_t r = sys_ret(syscall(nr, (int)c->a[0], liov, c->a[2], riov, rcnt,
                                c->a[5]));
    r = sys_fix_done(&f, r);
    free(l);
    free(rv);
    return r;
}

int64_t sys_arm_process_vm_readv(SysCall *c)
{
    return arm_process_vm(c, SYS_process_vm_readv, PROT_WRITE);
}

int64_t sys_arm_process_vm_writev(SysCall *c)
{
    return arm_process_vm(c, SYS_process_vm_writev, PROT_READ);
}

/* ---- fanotify: event_f_flags are O_* flags, the mark's mask a pair ---- */

int64_t sys_arm_fanotify_init(SysCall *c)
{
    return sys_ret(syscall(SYS_fanotify_init, (unsigned)c->a[0],
                           (unsigned)conv_oflags_to_host((int)c->a[1])));
}

int64_t sys_arm_fanotify_mark(SysCall *c)
{
    /* (fd, flags, mask_lo, mask_hi, dirfd, path) */
    char b[SYS_PATH_MAX];
    const char *p = NULL;
    if (c->a[5])
        sys_upath(c->a[5], b, sizeof(b), &p);
    return sys_ret(syscall(SYS_fanotify_mark, (int)c->a[0],
                           (unsigned)c->a[1], sys_arg64(c, 2), (int)c->a[4],
                           p));
}
