/*
 * syscall/sys-admin.c - system administration calls: credentials and
 * capabilities (getgroups/setgroups, capget/capset), host names, mounts
 * (mount, umount2, pivot_root), process accounting, the kernel log,
 * file handles (name_to_handle_at, open_by_handle_at), sched_setattr/
 * sched_getattr, kcmp and rt_tgsigqueueinfo.
 *
 * All of them pass through to the host kernel: the structures involved
 * (__user_cap_header/data, struct file_handle, struct sched_attr,
 * kcmp_epoll_slot, siginfo) and the constants (MS_*, MNT_*, CLONE_*,
 * KCMP_*) are the same on arm64 and x86-64.  Paths go through the -L
 * prefix (path_guest), except that a mount target "/" is the host's root
 * (admin_mountpoint); the option string of mount(2) is passed as the
 * kernel copies it (up to a page), so filesystem options that name paths
 * (overlay's lowerdir=...) are the host's paths.  Without -L this is the
 * host's mount; with -L a guest mount on /proc, /sys or /dev is on the
 * host's, since those are never prefixed (linux-user/path.c).
 *
 * Error order: guest buffers reach the host through sys_ptr() and
 * sys_fix(), strings and paths through sys_fix_str() and sys_upath()
 * (syscall/uaccess.h), so a bad one faults in the host kernel at the
 * point the arm64 kernel would fault and every earlier check (EPERM,
 * EINVAL, ESRCH, ...) still comes first.
 */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/path.h"
#include "syscall/conv.h"
#include "syscall/signal-state.h"
#include "syscall/sys-internal.h"
#include "syscall/uaccess.h"

/* A guest path for the host (sys_upath: through the -L prefix, or what
 * makes the host fail where the kernel would). */
static const char *admin_path(uint64_t addr, char *buf, size_t n)
{
    const char *p;
    sys_upath(addr, buf, n, &p);
    return p;
}

/* A mount point for the host: as admin_path(), except that the root
 * itself ("/", "//", ...) is never prefixed.  Under -L the guest's root is
 * the union of the prefix and the host's root, and the only mount it can
 * mean is the host's root mount ("mount --make-rprivate /" after
 * unshare -m, "mount -o remount,ro /"): the prefix directory is not a
 * mount point, and those would fail with EINVAL there. */
static const char *admin_mountpoint(uint64_t addr, char *buf, size_t n)
{
    const char *s;
    if (!sys_str(addr, &s) && s[0] == '/' && !s[strspn(s, "/")])
        return s;
    return admin_path(addr, buf, n);
}

/* A guest string the kernel copies with strndup_user(): NULL stays NULL. */
static uint64_t str_ptr(uint64_t addr)
{
    return sys_fix_str(addr, SYS_PATH_MAX);
}

/* ---- groups and capabilities ---- */

int64_t sys_getgroups(SysCall *c)
{
    /* gid_t is 32-bit on both.  The kernel fails with EINVAL when the
     * list is too short, before writing, and writes only the groups. */
    int n = (int)c->a[0];
    uint64_t len = n <= 0 ? 0 : n < NGROUPS_MAX ? n : NGROUPS_MAX;
    SysFix f = {0};
    uint64_t list = sys_fix(&f, c->a[1], len * 4, PROT_WRITE);
    return sys_fix_done(&f, sys_ret(syscall(SYS_getgroups, n, list)));
}

int64_t sys_setgroups(SysCall *c)
{
    /* EINVAL above NGROUPS_MAX and EPERM come before the list is read */
    unsigned n = (unsigned)c->a[0];
    uint64_t len = n <= NGROUPS_MAX ? (uint64_t)n * 4 : 0;
    return sys_ret(syscall(SYS_setgroups, (int)n,
                           sys_ptr(c->a[1], len, PROT_READ)));
}

/* linux/capability.h: the header is {u32 version; int pid}; version 1 has
 * one 12-byte data struct, versions 2 and 3 two. */
#define CAP_VERSION_1 0x19980330u
#define CAP_VERSION_2 0x20071026u
#define CAP_VERSION_3 0x20080522u
#define CAP_HEADER_SIZE 8
#define CAP_DATA_SIZE 12

/* How much data the kernel copies for the header's version (none for an
 * unknown version: it answers EINVAL, or 0 with NULL data, and writes its
 * preferred version into the header). */
static uint64_t cap_data_len(uint64_t hdr)
{
    if (!sys_ok(hdr, CAP_HEADER_SIZE, PROT_READ))
        return 0;
    uint32_t v = *(const uint32_t *)g2h(hdr);
    if (v == CAP_VERSION_1)
        return CAP_DATA_SIZE;
    return v == CAP_VERSION_2 || v == CAP_VERSION_3 ? 2 * CAP_DATA_SIZE : 0;
}

int64_t sys_capget(SysCall *c)
{
    /* capget(hdr, NULL) is the version query: NULL goes through as NULL */
    uint64_t len = cap_data_len(c->a[0]);
    return sys_ret(syscall(SYS_capget,
                           sys_ptr(c->a[0], CAP_HEADER_SIZE, PROT_READ),
                           sys_ptr(c->a[1], len, PROT_WRITE)));
}

int64_t sys_capset(SysCall *c)
{
    uint64_t len = cap_data_len(c->a[0]);
    return sys_ret(syscall(SYS_capset,
                           sys_ptr(c->a[0], CAP_HEADER_SIZE, PROT_READ),
                           sys_ptr(c->a[1], len, PROT_READ)));
}

/* ---- host and domain name: EPERM, then EINVAL (len outside 0..64),
 * then the copy ---- */

static int64_t set_name(SysCall *c, long host_nr)
{
    int len = (int)c->a[1];
    return sys_ret(syscall(host_nr, sys_ptr(c->a[0], len < 0 ? 0 : len,
                                            PROT_READ), len));
}

int64_t sys_sethostname(SysCall *c) { return set_name(c, SYS_sethostname); }
int64_t sys_setdomainname(SysCall *c) { return set_name(c, SYS_setdomainname); }

/* ---- mounts ---- */

/* copy_mount_options() copies the option data up to a page, stopping
 * quietly at the first byte it cannot read (only an unreadable first byte
 * is EFAULT): a host view that faults where the guest's memory ends. */
#define MOUNT_DATA_MAX 4096

int64_t sys_mount(SysCall *c)
{
    /* The kernel copies fstype, source and data, then looks the target
     * up; NULL source, fstype and data mean "none" (bind, remount). */
    char sbuf[SYS_PATH_MAX], tbuf[SYS_PATH_MAX];
    const char *src = c->a[0] ? admin_path(c->a[0], sbuf, sizeof(sbuf))
                              : NULL;
    const char *tgt = admin_mountpoint(c->a[1], tbuf, sizeof(tbuf));
    SysFix f = {0};
    uint64_t data = sys_fix(&f, c->a[4], MOUNT_DATA_MAX, PROT_READ);
    return sys_fix_done(&f, sys_ret(syscall(SYS_mount, src, tgt,
                                            str_ptr(c->a[2]), c->a[3],
                                            data)));
}

int64_t sys_umount2(SysCall *c)
{
    char buf[SYS_PATH_MAX];
    return sys_ret(syscall(SYS_umount2,
                           admin_mountpoint(c->a[0], buf, sizeof(buf)),
                           (int)c->a[1]));
}

int64_t sys_pivot_root(SysCall *c)
{
    char nbuf[SYS_PATH_MAX], obuf[SYS_PATH_MAX];
    return sys_ret(syscall(SYS_pivot_root,
                           admin_path(c->a[0], nbuf, sizeof(nbuf)),
                           admin_path(c->a[1], obuf, sizeof(obuf))));
}

int64_t sys_acct(SysCall *c)
{
    char buf[SYS_PATH_MAX]; /* NULL turns accounting off */
    return sys_ret(syscall(SYS_acct, c->a[0] ? admin_path(c->a[0], buf,
                                                          sizeof(buf))
                                             : NULL));
}

/* syslog(2) actions that write the log into the buffer */
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_CLEAR 4

int64_t sys_syslog(SysCall *c)
{
    int type = (int)c->a[0], len = (int)c->a[2];
    uint64_t buf = sys_hptr(c->a[1]); /* not followed by other actions */
    SysFix f = {0};
    if (type >= SYSLOG_ACTION_READ && type <= SYSLOG_ACTION_READ_CLEAR)
        buf = sys_fix(&f, c->a[1], len < 0 ? 0 : len, PROT_WRITE);
    return sys_fix_done(&f, sys_ret(sys_host_call(SYS_syslog, type, buf,
                                                  len)));
}

/* ---- file handles ---- */

/* struct file_handle (linux/fcntl.h via fs/fhandle.c): header of
 * handle_bytes and handle_type, then handle_bytes opaque bytes, at most
 * MAX_HANDLE_SZ. */
#define A64_MAX_HANDLE_SZ 128
typedef struct A64FileHandle {
    uint32_t handle_bytes;
    int32_t handle_type;
    uint8_t f_handle[A64_MAX_HANDLE_SZ];
} A64FileHandle;
#define FH_HEADER 8
_Static_assert(offsetof(A64FileHandle, f_handle) == FH_HEADER, "file_handle");
_Static_assert(A64_MAX_HANDLE_SZ == MAX_HANDLE_SZ, "MAX_HANDLE_SZ");
#ifndef AT_HANDLE_MNT_ID_UNIQUE
#define AT_HANDLE_MNT_ID_UNIQUE 0x001 /* Linux 6.12: mount_id is a u64 */
#endif

/* The bytes of the guest's file_handle the kernel uses: the header, and
 * handle_bytes more when that is a size it accepts. */
static uint64_t fh_len(uint64_t uh, uint32_t min)
{
    if (!sys_ok(uh, FH_HEADER, PROT_READ))
        return FH_HEADER;
    uint32_t n = *(const uint32_t *)g2h(uh);
    return FH_HEADER + (n >= min && n <= A64_MAX_HANDLE_SZ ? n : 0);
}

int64_t sys_name_to_handle_at(SysCall *c)
{
    /* fs/fhandle.c: flags (EINVAL), the path, then the header is read and
     * the header and handle written (on EOVERFLOW the header alone, with
     * the size needed), and the mount id stored. */
    int flags = (int)c->a[4];
    char buf[SYS_PATH_MAX];
    const char *p = admin_path(c->a[1], buf, sizeof(buf));
    SysFix f = {0};
    uint64_t uh = sys_fix(&f, c->a[2], fh_len(c->a[2], 0),
                          PROT_READ | PROT_WRITE);
    uint64_t mnt = sys_fix(&f, c->a[3],
                           flags & AT_HANDLE_MNT_ID_UNIQUE ? 8 : 4, PROT_WRITE);
    return sys_fix_done(&f, sys_ret(syscall(SYS_name_to_handle_at,
                                            (int)c->a[0], p, uh, mnt, flags)));
}

int64_t sys_open_by_handle_at(SysCall *c)
{
    /* EBADF for the mount descriptor and EPERM (CAP_DAC_READ_SEARCH) come
     * before the header is read; EINVAL for a size of 0 or above
     * MAX_HANDLE_SZ before the handle bytes are. */
    SysFix f = {0};
    uint64_t uh = sys_fix(&f, c->a[1], fh_len(c->a[1], 1), PROT_READ);
    return sys_fix_done(&f, sys_ret(sys_host_call(
        SYS_open_by_handle_at, (int)c->a[0], uh,
        conv_oflags_to_host((int)c->a[2]))));
}

/* ---- sched_setattr / sched_getattr ---- */

/* struct sched_attr (linux/sched/types.h) is the same on both: 48 bytes in
 * its first version, 56 with util_min/util_max.  Its size field makes it
 * extensible: the kernel accepts sizes from 48 to a page, rejects
 * non-zero bytes it does not know, and reports its own size. */
#define SCHED_ATTR_SIZE_VER0 48
#define SCHED_ATTR_MAX 4096 /* PAGE_SIZE in kernel/sched/syscalls.c */

int64_t sys_sched_getattr(SysCall *c)
{
    /* EINVAL (size outside 48..4096, flags, pid) and ESRCH come first;
     * then min(size, the kernel's size) bytes are written (6.13+ also
     * zeroes the rest of size) and the size field says how many. */
    unsigned size = (unsigned)c->a[2];
    SysFix f = {0};
    uint64_t ua = sys_fix(&f, c->a[1], size <= SCHED_ATTR_MAX ? size : 0,
                          PROT_WRITE);
    return sys_fix_done(&f, sys_ret(syscall(SYS_sched_getattr, (int)c->a[0],
                                            ua, size, (unsigned)c->a[3])));
}

int64_t sys_sched_setattr(SysCall *c)
{
    /* EINVAL (NULL, pid, flags) first; then the size field is read, and a
     * size outside 48..4096 (0 means 48) or unknown non-zero bytes past
     * the kernel's struct are E2BIG, the kernel storing its own size in
     * the size field (put_user, a fault ignored); then the struct. */
    uint64_t ua = c->a[1], n = 4;
    if (sys_ok(ua, 4, PROT_READ)) {
        uint32_t size = *(const uint32_t *)g2h(ua);
        uint32_t want = size ? size : SCHED_ATTR_SIZE_VER0;
        if (want >= SCHED_ATTR_SIZE_VER0 && want <= SCHED_ATTR_MAX)
            n = want;
    }
    SysFix f = {0};
    uint64_t p = sys_fix(&f, ua, n, PROT_READ);
    return sys_fix_done(&f, sys_ret(syscall(SYS_sched_setattr, (int)c->a[0],
                                            p, (unsigned)c->a[2])));
}

/* ---- kcmp, rt_tgsigqueueinfo ---- */

#define KCMP_EPOLL_TFD 7 /* idx2 points to {u32 efd, tfd, toff} */

int64_t sys_kcmp(SysCall *c)
{
    int type = (int)c->a[2];
    uint64_t idx2 = type == KCMP_EPOLL_TFD ? sys_ptr(c->a[4], 12, PROT_READ)
                                           : c->a[4];
    return sys_ret(syscall(SYS_kcmp, (int)c->a[0], (int)c->a[1], type,
                           c->a[3], idx2));
}

int64_t sys_rt_tgsigqueueinfo(SysCall *c)
{
    /* siginfo_t is the same 128 bytes on arm64 and the host; an EABI
     * guest's 32-bit siginfo (4-byte pointers in sigval, si_addr, ...) is
     * converted like rt_sigqueueinfo's.  The host signal reaches the guest
     * through emu's asynchronous signal path like any other. */
    uint64_t info = sys_ptr(c->a[3], 128, PROT_READ);
    siginfo_t tmp;
    if (sys_abi32(c) && info && info == sys_hptr(c->a[3])) { /* good */
        GuestSiginfo32 g;
        memcpy(&g, g2h(c->a[3]), sizeof(g));
        sig_siginfo_from32(&g, &tmp);
        info = (uint64_t)(uintptr_t)&tmp;
    }
    return sys_ret(syscall(SYS_rt_tgsigqueueinfo, (int)c->a[0], (int)c->a[1],
                           (int)c->a[2], info));
}
