/*
 * syscall/sys-mem.c - memory syscalls: mmap family and brk go to the guest
 * memory map (linux-user/mmap.c); the advisory ones (madvise, msync,
 * mlock, mincore) pass through for ranges the guest owns, and are -ENOMEM
 * for anything else, as the kernel answers for unmapped ranges, after the
 * checks the kernel makes first.
 * process_vm_readv/writev pass through: guest addresses are host addresses
 * in every emulated process, so another guest's iovecs mean what they say.
 */
#include <limits.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/guest-map.h"
#include "syscall/sys-internal.h"
#include "syscall/uaccess.h"

#define PAGE_ROUND(x) (((x) + GUEST_PAGE - 1) & ~(GUEST_PAGE - 1))

int64_t sys_mmap(SysCall *c)
{
    /* arch/arm64 sys_mmap checks the offset's alignment (EINVAL), then
     * ksys_mmap_pgoff() looks the descriptor up (EBADF) before do_mmap()
     * judges length, protection and flags. */
    int flags = (int)c->a[3], fd = (int)c->a[4];
    if (c->a[5] & (GUEST_PAGE - 1))
        return -EINVAL;
    if (!(flags & MAP_ANONYMOUS) && sys_fd_check(fd))
        return -EBADF;
    return guest_mmap(c->a[0], c->a[1], (int)c->a[2], flags, fd, c->a[5]);
}

/* EABI mmap2(addr, len, prot, flags, fd, pgoff): the offset in 4096-byte
 * units whatever the page size (arch/arm/kernel/entry-common.S
 * sys_mmap2), so a 32-bit guest reaches offsets past 4 GiB; the
 * descriptor is looked up (EBADF) before do_mmap judges the rest. */
int64_t sys_mmap2(SysCall *c)
{
    int flags = (int)c->a[3], fd = (int)c->a[4];
    if (!(flags & MAP_ANONYMOUS) && sys_fd_check(fd))
        return -EBADF;
    return guest_mmap(c->a[0], c->a[1], (int)c->a[2], flags, fd,
                      (uint64_t)(uint32_t)c->a[5] << 12);
}

int64_t sys_munmap(SysCall *c) { return guest_munmap(c->a[0], c->a[1]); }

int64_t sys_mprotect(SysCall *c)
{
    return guest_mprotect(c->a[0], c->a[1], (int)c->a[2]);
}

int64_t sys_mremap(SysCall *c)
{
    return guest_mremap(c->a[0], c->a[1], c->a[2], (int)c->a[3], c->a[4]);
}

int64_t sys_brk(SysCall *c) { return (int64_t)guest_brk(c->a[0]); }

/* The advisory calls act on the guest's pages only: a range that is not
 * all guest memory never reaches the host (it could hold the emulator's
 * pages), and the kernel answers ENOMEM for what is unmapped.  The checks
 * the kernel makes before it looks at the range come first; where they
 * depend on flags (or on privilege and limits) the host makes them, on a
 * zero-length range at address 0, which can have no other effect. */
static bool owned(uint64_t start, uint64_t len)
{
    return guest_range_ok(start, len, 0);
}

int64_t sys_madvise(SysCall *c)
{
    /* mm/madvise.c: the advice (EINVAL), the start's alignment (EINVAL),
     * a length that rounds up to 0 or wraps (EINVAL), empty (0); holes
     * are ENOMEM. */
    uint64_t start = c->a[0], len = c->a[1];
    int advice = (int)c->a[2];
    if (syscall(SYS_madvise, 0, 0, advice))
        return -errno;
    uint64_t alen = PAGE_ROUND(len), end = start + alen;
    if ((start & (GUEST_PAGE - 1)) || (len && !alen) || end < start)
        return -EINVAL;
    if (end == start)
        return 0;
    if (!owned(start, alen))
        return -ENOMEM;
    return sys_ret(syscall(SYS_madvise, g2h(start), len, advice));
}

int64_t sys_msync(SysCall *c)
{
    /* mm/msync.c: the flags (EINVAL, and MS_ASYNC with MS_SYNC) and the
     * start's alignment (EINVAL); a wrapping end is ENOMEM, an empty range
     * 0 (the rounding wraps as the kernel's does). */
    uint64_t start = c->a[0], len = c->a[1];
    int flags = (int)c->a[2];
    if (syscall(SYS_msync, 0, 0, flags))
        return -errno;
    if (start & (GUEST_PAGE - 1))
        return -EINVAL;
    uint64_t alen = PAGE_ROUND(len), end = start + alen;
    if (end < start)
        return -ENOMEM;
    if (end == start)
        return 0;
    if (!owned(start, alen))
        return -ENOMEM;
    return sys_ret(sys_host_call(SYS_msync, g2h(start), len, flags));
}

/* mm/mlock.c: mlock, mlock2 and munlock take any start: it is rounded
 * down to its page and the length grows by the offset (then rounds up),
 * so an unaligned range locks every page it touches.  mlock/mlock2 check
 * their flags (EINVAL) and privilege (EPERM: no RLIMIT_MEMLOCK and no
 * CAP_IPC_LOCK) and the limit (ENOMEM) before the range; an empty or
 * wrapping range (0, EINVAL) is judged before any page is looked at, so
 * the host may judge it itself. */
static int64_t lock_call(SysCall *c, long host_nr, int flags)
{
    uint64_t start = c->a[0], len = c->a[1];
    uint64_t astart = start & ~(GUEST_PAGE - 1);
    uint64_t alen = PAGE_ROUND(len + (start & (GUEST_PAGE - 1)));
    uint64_t end = astart + alen;
    if (end <= astart || owned(astart, alen))
        return sys_ret(syscall(host_nr, g2h(start), len, flags));
    if (host_nr != SYS_munlock && syscall(host_nr, 0, 0, flags))
        return -errno;
    return -ENOMEM;
}

int64_t sys_mlock(SysCall *c) { return lock_call(c, SYS_mlock, 0); }
int64_t sys_munlock(SysCall *c) { return lock_call(c, SYS_munlock, 0); }
int64_t sys_mlock2(SysCall *c)
{
    return lock_call(c, SYS_mlock2, (int)c->a[2]);
}

int64_t sys_mincore(SysCall *c)
{
    /* mm/mincore.c: the start's alignment (EINVAL), access_ok on the range
     * (ENOMEM) and on the vector (EFAULT); then vma by vma, the vector
     * written as it goes, and the first hole is ENOMEM. */
    uint64_t start = c->a[0], len = c->a[1];
    if (start & (GUEST_PAGE - 1))
        return -EINVAL;
    if (!sys_a64_access_ok(start, len))
        return -ENOMEM;
    uint64_t pages = len / GUEST_PAGE + (len % GUEST_PAGE != 0);
    if (!sys_a64_access_ok(c->a[2], pages))
        return -EFAULT;
    if (!pages)
        return 0;
    uint64_t have = guest_range_prefix(start, pages * GUEST_PAGE, 0);
    if (have) {
        SysFix f = {0};
        uint64_t n = have / GUEST_PAGE;
        uint64_t vec = sys_fix(&f, c->a[2], n, PROT_WRITE);
        int64_t r = sys_ret(syscall(SYS_mincore, g2h(start),
                                    n == pages ? len : have, vec));
        r = sys_fix_done(&f, r);
        if (r || n == pages)
            return r;
    }
    return -ENOMEM;
}

/* Is pid this process or one of its threads (same memory)? */
static bool same_mm(pid_t pid)
{
    return pid == getpid() || syscall(SYS_tgkill, getpid(), pid, 0) == 0;
}

/* mm/process_vm_access.c: flags (EINVAL), the local iovecs (as readv's),
 * nothing more when they total 0 bytes, the remote array (EINVAL, EFAULT),
 * then the process (ESRCH, EPERM).  The remote buffers are the other
 * process's business (its kernel side checks them), except when the
 * "other" process is this one, whose non-guest memory is the emulator's. */
static int64_t process_vm(SysCall *c, long nr, int local_prot)
{
    pid_t pid = (pid_t)c->a[0];
    SysFix f = {0};
    uint64_t lvec = sys_fix_iov(&f, c->a[1], c->a[2], local_prot);
    uint64_t rvec;
    if (same_mm(pid))
        rvec = sys_fix_iov(&f, c->a[3], c->a[4],
                           local_prot == PROT_WRITE ? PROT_READ : PROT_WRITE);
    else if (c->a[4] > IOV_MAX)
        rvec = sys_fault_ptr(c->a[3], 0);
    else
        rvec = sys_ptr(c->a[3], c->a[4] * sizeof(struct iovec), PROT_READ);
    int64_t r = sys_ret(syscall(nr, pid, lvec, c->a[2], rvec, c->a[4],
                                c->a[5]));
    return sys_fix_done(&f, r);
}

int64_t sys_process_vm_readv(SysCall *c)
{
    return process_vm(c, SYS_process_vm_readv, PROT_WRITE);
}

int64_t sys_process_vm_writev(SysCall *c)
{
    return process_vm(c, SYS_process_vm_writev, PROT_READ);
}
