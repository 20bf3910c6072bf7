/*
 * syscall/sys-mem.c - memory syscalls: mmap family and brk go to the guest
 * memory map (linux-user/mmap.c); the advisory ones (madvise, msync,
 * mlock, mincore) pass through for ranges the guest owns, and are -ENOMEM
 * for anything else, as the kernel answers for unmapped ranges.
 * SysV shared memory attaches are recorded in the guest map too.
 * process_vm_readv/writev pass through: guest addresses are host addresses
 * in every emulated process, so another guest's iovecs mean what they say.
 */
#include <limits.h>
#include <pthread.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "syscall/sys-internal.h"

#define PAGE_ROUND(x) (((x) + GUEST_PAGE - 1) & ~(GUEST_PAGE - 1))

int64_t sys_mmap(SysCall *c)
{
    return guest_mmap(c->a[0], c->a[1], (int)c->a[2], (int)c->a[3],
                      (int)c->a[4], c->a[5]);
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

/* The range [addr, addr+len) rounded to pages must be the guest's. */
static int64_t owned_range(uint64_t addr, uint64_t len)
{
    if (addr & (GUEST_PAGE - 1))
        return -EINVAL;
    uint64_t alen = PAGE_ROUND(len);
    if (alen < len)
        return -ENOMEM;
    if (alen && !guest_range_ok(addr, alen, 0))
        return -ENOMEM;
    return 0;
}

static int64_t range_call(SysCall *c, long host_nr)
{
    int64_t r = owned_range(c->a[0], c->a[1]);
    if (r)
        return r;
    return sys_ret(syscall(host_nr, c->a[0], c->a[1], c->a[2]));
}

int64_t sys_madvise(SysCall *c) { return range_call(c, SYS_madvise); }
int64_t sys_msync(SysCall *c) { return range_call(c, SYS_msync); }
int64_t sys_mlock(SysCall *c) { return range_call(c, SYS_mlock); }
int64_t sys_munlock(SysCall *c) { return range_call(c, SYS_munlock); }
int64_t sys_mlock2(SysCall *c) { return range_call(c, SYS_mlock2); }

int64_t sys_mincore(SysCall *c)
{
    int64_t r = owned_range(c->a[0], c->a[1]);
    if (r)
        return r;
    SYS_CHECK(c->a[2], PAGE_ROUND(c->a[1]) / GUEST_PAGE, PROT_WRITE);
    return sys_ret(syscall(SYS_mincore, c->a[0], c->a[1], c->a[2]));
}

/* ---- SysV shm: attachments are remembered to know shmdt's size ---- */

#define SHM_MAX_ATTACH 64
static struct {
    uint64_t addr, size;
} shm_attached[SHM_MAX_ATTACH];
static pthread_mutex_t shm_lock = PTHREAD_MUTEX_INITIALIZER;

int64_t sys_shmctl(SysCall *c)
{
    /* struct shmid64_ds, shminfo64 and shm_info are the same on both LP64
     * ABIs; struct shmid_ds is the largest of the three. */
    int cmd = (int)c->a[1] & ~0x100; /* IPC_64 */
    if (cmd == IPC_STAT || cmd == SHM_STAT || cmd == SHM_STAT_ANY ||
        cmd == IPC_INFO || cmd == SHM_INFO)
        SYS_CHECK(c->a[2], sizeof(struct shmid_ds), PROT_WRITE);
    else if (cmd == IPC_SET)
        SYS_CHECK(c->a[2], sizeof(struct shmid_ds), PROT_READ);
    return sys_ret(syscall(SYS_shmctl, (int)c->a[0], (int)c->a[1], c->a[2]));
}

int64_t sys_shmat(SysCall *c)
{
    int id = (int)c->a[0], flags = (int)c->a[2];
    struct shmid_ds ds;
    if (flags & SHM_REMAP)
        return -EINVAL; /* would let the guest replace emulator memory */
    if (shmctl(id, IPC_STAT, &ds))
        return -errno;
    pthread_mutex_lock(&shm_lock);
    int slot = -1;
    for (int i = 0; i < SHM_MAX_ATTACH && slot < 0; i++)
        if (!shm_attached[i].addr)
            slot = i;
    int64_t r = -ENOMEM;
    if (slot >= 0) {
        r = sys_ret(syscall(SYS_shmat, id, c->a[1], flags));
        if (r >= 0) {
            int prot = (flags & SHM_RDONLY) ? PROT_READ
                                            : PROT_READ | PROT_WRITE;
            if (flags & SHM_EXEC)
                prot |= PROT_EXEC;
            shm_attached[slot].addr = (uint64_t)r;
            shm_attached[slot].size = PAGE_ROUND(ds.shm_segsz);
            guest_map_note((uint64_t)r, ds.shm_segsz, prot, "/SYSV (shm)");
        }
    }
    pthread_mutex_unlock(&shm_lock);
    return r;
}

int64_t sys_shmdt(SysCall *c)
{
    pthread_mutex_lock(&shm_lock);
    int64_t r = -EINVAL;
    for (int i = 0; i < SHM_MAX_ATTACH; i++) {
        if (shm_attached[i].addr != c->a[0])
            continue;
        r = sys_ret(syscall(SYS_shmdt, c->a[0]));
        if (r == 0) {
            /* the pages are gone: drop them from the map (the munmap of
             * the now free range is a no-op on the host) */
            guest_munmap(c->a[0], shm_attached[i].size);
            shm_attached[i].addr = 0;
        }
        break;
    }
    pthread_mutex_unlock(&shm_lock);
    return r;
}

/* The local iovecs are checked like readv/writev's; the remote ones are the
 * other process's business (the kernel checks them there), except when the
 * "other" process is this one, whose non-guest memory is the emulator's. */
static int64_t process_vm(SysCall *c, long nr, int local_prot)
{
    if (c->a[5])
        return -EINVAL;
    int64_t r = sys_check_iov(c->a[1], c->a[2], local_prot);
    if (r)
        return r;
    if ((pid_t)c->a[0] == getpid() &&
        (r = sys_check_iov(c->a[3], c->a[4],
                           local_prot == PROT_WRITE ? PROT_READ : PROT_WRITE)))
        return r;
    if (c->a[4] > IOV_MAX)
        return -EINVAL;
    SYS_CHECK(c->a[3], c->a[4] * sizeof(struct iovec), PROT_READ);
    return sys_ret(syscall(nr, (pid_t)c->a[0], c->a[1], c->a[2], c->a[3],
                           c->a[4], 0ul));
}

int64_t sys_process_vm_readv(SysCall *c)
{
    return process_vm(c, SYS_process_vm_readv, PROT_WRITE);
}

int64_t sys_process_vm_writev(SysCall *c)
{
    return process_vm(c, SYS_process_vm_writev, PROT_READ);
}
