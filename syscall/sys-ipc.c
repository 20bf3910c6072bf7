/*
 * syscall/sys-ipc.c - System V IPC (msgctl/msgsnd/msgrcv, semctl/semop/
 * semtimedop, shmctl/shmat/shmdt; the *get calls are PASS rows) and POSIX
 * message queues (mq_*).
 *
 * Layouts (asm-generic on arm64, asm/ on x86-64): ipc64_perm, msqid64_ds,
 * shmid64_ds, shminfo64, shm_info, seminfo, msginfo, sembuf, msgbuf,
 * mq_attr and sigevent are the same on both LP64 ABIs; only semid64_ds
 * differs (x86-64 keeps __unused1/__unused2 after sem_otime/sem_ctime, so
 * sem_nsems is at 80 instead of 64) and is converted.  The A64* structs
 * below carry the arm64 offsets, and the asserts tie the host's uapi
 * structs to them, so a layout slip fails the build.
 *
 * The cmd of the *ctl calls goes to the host unchanged: the arm64 kernel
 * parses IPC_64 (0x100) only for compat tasks (ARCH_WANT_COMPAT_IPC_PARSE_
 * VERSION), so a native cmd with IPC_64 set is EINVAL there, as it is on
 * x86-64; arm64 glibc and musl pass the plain command.
 *
 * Error order: buffers go to the host through sys_ptr()/sys_fix()
 * (syscall/uaccess.h), so a bad guest buffer reaches the host kernel as
 * memory that faults where the guest's would, and every check the kernel
 * makes first (EINVAL for a negative id, EIDRM, EACCES, E2BIG, ENOMSG...)
 * still comes first.  Where emu must read a buffer itself (semid64_ds for
 * IPC_SET, the sigevent of mq_notify) it does so at the point the kernel
 * copies it.
 *
 * Blocking calls (msgrcv, msgsnd, semop, semtimedop, mq_timed*) go
 * through sys_host_call(), so a guest signal interrupts them as it
 * interrupts the host call; the host kernel's restart rule is the arm64
 * one (signal(7): msgrcv, msgsnd, semop and semtimedop fail with EINTR
 * after a handler whatever SA_RESTART says, mq_timed* restart with it).
 *
 * shmat enters the segment in the guest memory map (guest_map_note), so
 * guest_range_ok() accepts it and /proc/self/maps shows it as the kernel
 * names it ("/SYSV<key> (deleted)"); shmdt takes it out again.  Attaches
 * are remembered (address, size) because shmdt gets only the address.
 * The host attaches at g2h() of the guest's address and its answer goes
 * back through h2g(); a 32-bit guest's address is always chosen here
 * (inside its reservation), a 64-bit guest's 0 is the host's choice.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <asm/msgbuf.h>
#include <asm/sembuf.h>
#include <asm/shmbuf.h>

#include "common/guest-map.h"
#include "syscall/conv.h"
#include "syscall/sys-internal.h"
#include "syscall/uaccess.h"
#include "tcg/tb.h"

#define PAGE_ROUND(x) (((x) + GUEST_PAGE - 1) & ~(GUEST_PAGE - 1))

/* ---- guest (arm64, asm-generic) layouts ---- */

typedef struct A64Ipc64Perm {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint32_t mode; /* __kernel_mode_t is 32-bit: no __pad1 */
    uint16_t seq, pad2;
    uint32_t pad_align;
    uint64_t unused1, unused2;
} A64Ipc64Perm;
_Static_assert(sizeof(A64Ipc64Perm) == 48, "arm64 ipc64_perm");
_Static_assert(offsetof(A64Ipc64Perm, mode) == 20, "ipc64_perm.mode");
_Static_assert(offsetof(A64Ipc64Perm, seq) == 24, "ipc64_perm.seq");
_Static_assert(sizeof(struct ipc64_perm) == sizeof(A64Ipc64Perm) &&
                   offsetof(struct ipc64_perm, seq) == 24,
               "x86-64 ipc64_perm is the asm-generic one");

/* asm-generic/sembuf.h, __BITS_PER_LONG == 64 */
typedef struct A64SemidDs {
    A64Ipc64Perm sem_perm;
    int64_t sem_otime;
    int64_t sem_ctime;
    uint64_t sem_nsems;
    uint64_t unused3, unused4;
} A64SemidDs;
_Static_assert(sizeof(A64SemidDs) == 88, "arm64 semid64_ds");
_Static_assert(offsetof(A64SemidDs, sem_otime) == 48 &&
                   offsetof(A64SemidDs, sem_ctime) == 56 &&
                   offsetof(A64SemidDs, sem_nsems) == 64,
               "arm64 semid64_ds fields");
/* x86-64 asm/sembuf.h: the times are followed by __unused1/__unused2 */
_Static_assert(sizeof(struct semid64_ds) == 104, "x86-64 semid64_ds");
_Static_assert(offsetof(struct semid64_ds, sem_otime) == 48 &&
                   offsetof(struct semid64_ds, sem_ctime) == 64 &&
                   offsetof(struct semid64_ds, sem_nsems) == 80,
               "x86-64 semid64_ds fields");

/* The structs both ABIs share: arm64 sizes and offsets from asm-generic,
 * checked against the host's. */
#define A64_MSQID_DS_SIZE 120  /* msqid64_ds: perm, 3 times, 3 counts, 2 pids */
#define A64_SHMID_DS_SIZE 112  /* shmid64_ds */
#define A64_SHMINFO64_SIZE 72  /* 9 unsigned longs */
#define A64_SHM_INFO_SIZE 48   /* int + 5 unsigned longs */
#define A64_SEMINFO_SIZE 40    /* 10 ints */
#define A64_MSGINFO_SIZE 32    /* 7 ints + unsigned short */
#define A64_SEMBUF_SIZE 6      /* unsigned short, short, short */
#define A64_MQ_ATTR_SIZE 64    /* 4 longs + 4 reserved */
#define A64_SIGEVENT_SIZE 64   /* sigev_value, signo, notify, 48-byte union */
#define A64_TIMESPEC_SIZE 16
_Static_assert(sizeof(struct msqid64_ds) == A64_MSQID_DS_SIZE &&
                   offsetof(struct msqid64_ds, msg_cbytes) == 72 &&
                   offsetof(struct msqid64_ds, msg_lspid) == 96,
               "msqid64_ds");
_Static_assert(sizeof(struct shmid64_ds) == A64_SHMID_DS_SIZE &&
                   offsetof(struct shmid64_ds, shm_segsz) == 48 &&
                   offsetof(struct shmid64_ds, shm_cpid) == 80 &&
                   offsetof(struct shmid64_ds, shm_nattch) == 88,
               "shmid64_ds");
_Static_assert(sizeof(struct shminfo64) == A64_SHMINFO64_SIZE, "shminfo64");
_Static_assert(sizeof(struct shm_info) == A64_SHM_INFO_SIZE &&
                   offsetof(struct shm_info, shm_tot) == 8,
               "shm_info");
_Static_assert(sizeof(struct seminfo) == A64_SEMINFO_SIZE, "seminfo");
_Static_assert(sizeof(struct msginfo) == A64_MSGINFO_SIZE &&
                   offsetof(struct msginfo, msgseg) == 28,
               "msginfo");
_Static_assert(sizeof(struct sembuf) == A64_SEMBUF_SIZE, "sembuf");
_Static_assert(sizeof(struct mq_attr) == A64_MQ_ATTR_SIZE, "mq_attr");
_Static_assert(sizeof(struct sigevent) == A64_SIGEVENT_SIZE &&
                   offsetof(struct sigevent, sigev_notify) == 12,
               "sigevent");

static void semid_to_a64(A64SemidDs *g, const struct semid64_ds *h)
{
    memset(g, 0, sizeof(*g));
    memcpy(&g->sem_perm, &h->sem_perm, sizeof(g->sem_perm));
    g->sem_otime = h->sem_otime;
    g->sem_ctime = h->sem_ctime;
    g->sem_nsems = h->sem_nsems;
}

static void semid_from_a64(struct semid64_ds *h, const A64SemidDs *g)
{
    memset(h, 0, sizeof(*h));
    memcpy(&h->sem_perm, &g->sem_perm, sizeof(h->sem_perm));
    h->sem_otime = g->sem_otime;
    h->sem_ctime = g->sem_ctime;
    h->sem_nsems = g->sem_nsems;
}

/* A guest string the kernel copies with getname()/strndup_user(). */
static uint64_t str_ptr(uint64_t addr)
{
    return sys_fix_str(addr, SYS_PATH_MAX);
}

/* Message sizes above this are EINVAL before the text is touched (msgmax
 * is an int), so no more of a guest buffer needs a host view. */
#define MSG_TEXT_CAP (1ull << 31)

/* ---- message queues ---- */

int64_t sys_msgctl(SysCall *c)
{
    int id = (int)c->a[0], cmd = (int)c->a[1];
    uint64_t buf = c->a[2];
    switch (cmd) {
    case IPC_INFO:
    case MSG_INFO:
        buf = sys_ptr(buf, A64_MSGINFO_SIZE, PROT_WRITE);
        break;
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY:
        buf = sys_ptr(buf, A64_MSQID_DS_SIZE, PROT_WRITE);
        break;
    case IPC_SET:
        buf = sys_ptr(buf, A64_MSQID_DS_SIZE, PROT_READ);
        break;
    }
    return sys_ret(syscall(SYS_msgctl, id, cmd, buf));
}

int64_t sys_msgsnd(SysCall *c)
{
    /* The kernel reads mtype, checks sizes, id and mtype (EINVAL), then
     * copies the text: a view that faults where the guest's buffer ends
     * keeps that order. */
    uint64_t sz = c->a[2], n = 8 + (sz < MSG_TEXT_CAP ? sz : MSG_TEXT_CAP);
    SysFix f = {0};
    uint64_t msgp = sys_fix(&f, c->a[1], n, PROT_READ);
    return sys_fix_done(&f, sys_ret(sys_host_call(SYS_msgsnd, (int)c->a[0],
                                                  msgp, sz, (int)c->a[3])));
}

int64_t sys_msgrcv(SysCall *c)
{
    /* The kernel takes the message off the queue, then copies mtype and
     * min(size, message) bytes out: a fault there loses the message, and
     * a message that fits the good part of a buffer is received. */
    uint64_t sz = c->a[2], n = 8 + (sz < MSG_TEXT_CAP ? sz : MSG_TEXT_CAP);
    SysFix f = {0};
    uint64_t msgp = sys_fix(&f, c->a[1], n, PROT_WRITE);
    return sys_fix_done(&f, sys_ret(sys_host_call(SYS_msgrcv, (int)c->a[0],
                                                  msgp, sz, (long)c->a[3],
                                                  (int)c->a[4])));
}

/* ---- semaphores ---- */

/* The number of semaphores in set id, or a negative errno.  IPC_STAT needs
 * read permission; SEM_STAT_ANY (by index) does not, for SETALL on a set
 * that is writable only. */
static int64_t sem_nsems(int id)
{
    struct semid64_ds ds;
    if (syscall(SYS_semctl, id, 0, IPC_STAT, &ds) == 0)
        return (int64_t)ds.sem_nsems;
    int64_t err = -errno;
    if (err != -EACCES)
        return err;
    /* the index is the id's low IPCMNI bits: 15, or 24 with ipcmni_extend */
    for (int bits = 15; bits <= 24; bits += 9) {
        long r = syscall(SYS_semctl, id & ((1 << bits) - 1), 0, SEM_STAT_ANY,
                         &ds);
        if (r == id)
            return (int64_t)ds.sem_nsems;
    }
    return err;
}

int64_t sys_semctl(SysCall *c)
{
    int id = (int)c->a[0], num = (int)c->a[1], cmd = (int)c->a[2];
    uint64_t arg = c->a[3]; /* union semun by value: a pointer or an int */
    if (id < 0)
        return -EINVAL;
    switch (cmd) {
    case IPC_INFO:
    case SEM_INFO:
        return sys_ret(syscall(SYS_semctl, id, num, cmd,
                               sys_ptr(arg, A64_SEMINFO_SIZE, PROT_WRITE)));
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY: {
        struct semid64_ds h;
        long r = syscall(SYS_semctl, id, num, cmd, &h);
        if (r < 0)
            return -errno;
        SYS_CHECK(arg, sizeof(A64SemidDs), PROT_WRITE);
        semid_to_a64((A64SemidDs *)g2h(arg), &h);
        return r;
    }
    case IPC_SET: {
        /* the kernel copies the buffer in before it looks the set up */
        struct semid64_ds h;
        SYS_CHECK(arg, sizeof(A64SemidDs), PROT_READ);
        semid_from_a64(&h, (const A64SemidDs *)g2h(arg));
        return sys_ret(syscall(SYS_semctl, id, num, cmd, &h));
    }
    case GETALL:
    case SETALL: {
        /* an array of sem_nsems unsigned shorts; if the set cannot be
         * looked up, the host says why */
        int64_t n = sem_nsems(id);
        SysFix f = {0};
        if (n >= 0)
            arg = sys_fix(&f, arg, (uint64_t)n * 2,
                          cmd == GETALL ? PROT_WRITE : PROT_READ);
        return sys_fix_done(&f, sys_ret(syscall(SYS_semctl, id, num, cmd,
                                                arg)));
    }
    default:
        /* GETVAL, SETVAL, GETPID, GETNCNT, GETZCNT, IPC_RMID take no
         * buffer; anything else is EINVAL from the host */
        return sys_ret(syscall(SYS_semctl, id, num, cmd, arg));
    }
}

static int64_t sem_op(SysCall *c, uint64_t timeout)
{
    /* Kernel order: the timeout is copied first (EFAULT), then nsops and
     * the id are checked (EINVAL, E2BIG), then the operations copied. */
    unsigned nsops = (unsigned)c->a[2];
    uint64_t sops = sys_ptr(c->a[1], (uint64_t)nsops * A64_SEMBUF_SIZE,
                            PROT_READ);
    timeout = sys_ptr(timeout, A64_TIMESPEC_SIZE, PROT_READ);
    return sys_ret(sys_host_call(SYS_semtimedop, (int)c->a[0], sops, nsops,
                                 timeout));
}

int64_t sys_semop(SysCall *c) { return sem_op(c, 0); }
int64_t sys_semtimedop(SysCall *c) { return sem_op(c, c->a[3]); }

/* ---- shared memory ---- */

int64_t sys_shmctl(SysCall *c)
{
    int id = (int)c->a[0], cmd = (int)c->a[1];
    uint64_t buf = c->a[2];
    switch (cmd) {
    case IPC_INFO:
        buf = sys_ptr(buf, A64_SHMINFO64_SIZE, PROT_WRITE);
        break;
    case SHM_INFO:
        buf = sys_ptr(buf, A64_SHM_INFO_SIZE, PROT_WRITE);
        break;
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY:
        buf = sys_ptr(buf, A64_SHMID_DS_SIZE, PROT_WRITE);
        break;
    case IPC_SET:
        buf = sys_ptr(buf, A64_SHMID_DS_SIZE, PROT_READ);
        break;
    }
    return sys_ret(syscall(SYS_shmctl, id, cmd, buf));
}

/* Attaches of this process: shmdt() gets only the address.  A forked
 * child inherits the table with the attaches; execve drops both. */
typedef struct ShmAttach {
    uint64_t addr, size;
} ShmAttach;
static ShmAttach *shm_tab;
static size_t shm_n, shm_cap;
static pthread_mutex_t shm_lock = PTHREAD_MUTEX_INITIALIZER;

static void shm_lock_take(void) { pthread_mutex_lock(&shm_lock); }
static void shm_lock_drop(void) { pthread_mutex_unlock(&shm_lock); }
static void shm_lock_child(void) { pthread_mutex_init(&shm_lock, NULL); }
__attribute__((constructor)) static void shm_atfork(void)
{
    pthread_atfork(shm_lock_take, shm_lock_drop, shm_lock_child);
}

static ShmAttach *shm_find(uint64_t addr)
{
    for (size_t i = 0; i < shm_n; i++)
        if (shm_tab[i].addr == addr)
            return &shm_tab[i];
    return NULL;
}

static bool shm_remember(uint64_t addr, uint64_t size)
{
    ShmAttach *a = shm_find(addr);
    if (!a) {
        if (shm_n == shm_cap) {
            size_t cap = shm_cap ? 2 * shm_cap : 16;
            ShmAttach *t = realloc(shm_tab, cap * sizeof(*t));
            if (!t)
                return false;
            shm_tab = t;
            shm_cap = cap;
        }
        a = &shm_tab[shm_n++];
    }
    a->addr = addr;
    a->size = size;
    return true;
}

static void shm_forget(ShmAttach *a) { *a = shm_tab[--shm_n]; }

static bool reserve(uint64_t addr, uint64_t len)
{
    void *p = mmap(g2h(addr), len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == g2h(addr))
        return true;
    if (p != MAP_FAILED) /* pre-4.17 kernels: NOREPLACE is only a hint */
        munmap(p, len);
    return false;
}

/* SHM_REMAP replaces what is mapped at [addr, addr+len).  The guest may
 * replace its own memory and free address space, never the emulator's:
 * the free parts are reserved first, so the host attach can only replace
 * guest pages and these reservations.  False (nothing left reserved) when
 * emulator memory is in the way. */
static bool shm_remap_claim(uint64_t addr, uint64_t len)
{
    if (guest_range_ok(addr, len, 0))
        return true;
    for (uint64_t p = addr; p < addr + len; p += GUEST_PAGE) {
        if (guest_range_ok(p, GUEST_PAGE, 0) || reserve(p, GUEST_PAGE))
            continue;
        for (uint64_t q = addr; q < p; q += GUEST_PAGE)
            if (!guest_range_ok(q, GUEST_PAGE, 0))
                munmap(g2h(q), GUEST_PAGE);
        return false;
    }
    return true;
}

/* Releases what shm_remap_claim() reserved (the pages the guest does not
 * own) when the attach failed. */
static void shm_remap_release(uint64_t addr, uint64_t len)
{
    for (uint64_t p = addr; p < addr + len; p += GUEST_PAGE)
        if (!guest_range_ok(p, GUEST_PAGE, 0))
            munmap(g2h(p), GUEST_PAGE);
}

/* A 32-bit guest (emu-arm): the segment must land inside the guest's
 * 4 GiB reservation, where every free page is a PROT_NONE mapping of
 * ours.  So the address is chosen here (top-down, as for mmap) when the
 * guest gives none, checked to be free when it gives one (the kernel's
 * EINVAL for an attach over a mapping without SHM_REMAP), and the host
 * attaches with SHM_REMAP over the reservation.  0 with addr and flg set,
 * or -errno. */
/* arm's SHMLBA (arch/arm/include/asm/shmparam.h): 4 pages, enforced
 * (__ARCH_FORCE_SHMLBA): SHM_RND rounds down to it and an address off it
 * without SHM_RND is EINVAL; a kernel-chosen address is colour-aligned to
 * it (arch/arm/mm/mmap.c), which glibc's SHMLBA and LTP assume. */
#define SHMLBA32 (4 * GUEST_PAGE)

static int64_t shmat_space32(int id, uint64_t *addr, int *flg)
{
    /* ipc/shm.c judges the address before the id and permission */
    uint64_t where = *addr;
    if (*flg & SHM_RND)
        where &= ~(SHMLBA32 - 1);
    else if (where & (SHMLBA32 - 1))
        return -EINVAL;
    if (!where && *addr && (*flg & SHM_REMAP))
        return -EINVAL; /* SHM_RND down to 0 with SHM_REMAP */
    struct shmid64_ds ds;
    if (syscall(SYS_shmctl, id, IPC_STAT, &ds))
        return -errno;
    uint64_t size = PAGE_ROUND(ds.shm_segsz);
    if (!where) {
        uint64_t pad = SHMLBA32 - GUEST_PAGE;
        where = guest_space_find(0, size + pad);
        if (!where)
            return -ENOMEM;
        where = (where + pad) & ~(SHMLBA32 - 1); /* the highest in range */
    } else if (!(*flg & SHM_REMAP) && !guest_space_free(where, size)) {
        return -EINVAL;
    }
    *addr = where;
    *flg = (*flg & ~SHM_RND) | SHM_REMAP;
    return 0;
}

int64_t sys_shmat(SysCall *c)
{
    int id = (int)c->a[0], flg = (int)c->a[2];
    uint64_t addr = c->a[1], claimed = 0, where = addr;
    struct shmid64_ds ds;
    if (guest_space32() && id >= 0) {
        pthread_mutex_lock(&shm_lock);
        int64_t e = shmat_space32(id, &addr, &flg);
        pthread_mutex_unlock(&shm_lock);
        if (e)
            return e;
        where = addr;
    }
    if (flg & SHM_RND)
        where &= ~(GUEST_PAGE - 1); /* SHMLBA is PAGE_SIZE on both */
    pthread_mutex_lock(&shm_lock);
    if ((flg & SHM_REMAP) && where && id >= 0 && !(where & (GUEST_PAGE - 1)) &&
        !guest_space32()) { /* 32-bit: the reservation is there already */
        /* IPC_STAT needs read permission, as every shmat does */
        if (syscall(SYS_shmctl, id, IPC_STAT, &ds)) {
            int64_t err = -errno;
            pthread_mutex_unlock(&shm_lock);
            return err;
        }
        claimed = PAGE_ROUND(ds.shm_segsz);
        if (where + claimed < where || !shm_remap_claim(where, claimed)) {
            pthread_mutex_unlock(&shm_lock);
            return -EINVAL;
        }
    }
    /* the host attaches at g2h(addr) (NULL: its choice, AArch64 only) and
     * answers a host address: the guest gets h2g of it */
    int64_t r = sys_ret(syscall(SYS_shmat, id, sys_hptr(addr), flg));
    if (r >= 0)
        r = (int64_t)h2g((void *)(uintptr_t)r);
    if (r < 0 && claimed)
        shm_remap_release(where, claimed);
    if (r >= 0 && syscall(SYS_shmctl, id, IPC_STAT, &ds)) {
        /* attached, so only a permission change since the attach gets
         * here: undo rather than keep a segment of unknown size */
        int64_t err = -errno;
        syscall(SYS_shmdt, g2h((uint64_t)r));
        r = err;
    }
    uint64_t size = r >= 0 ? PAGE_ROUND(ds.shm_segsz) : 0;
    if (r >= 0 && !shm_remember((uint64_t)r, size)) {
        syscall(SYS_shmdt, g2h((uint64_t)r));
        r = -ENOMEM;
    }
    if (r >= 0) {
        int prot = (flg & SHM_RDONLY) ? PROT_READ : PROT_READ | PROT_WRITE;
        if (flg & SHM_EXEC)
            prot |= PROT_EXEC;
        /* the kernel's name for the segment's file (ipc/shm.c newseg) */
        char name[40];
        snprintf(name, sizeof(name), "/SYSV%08x (deleted)",
                 (unsigned)ds.shm_perm.key);
        guest_map_note_ex((uint64_t)r, size, prot, true, name);
    }
    pthread_mutex_unlock(&shm_lock);
    if (r >= 0 && claimed) /* SHM_REMAP may have replaced guest code */
        tb_invalidate_range((uint64_t)r, size);
    return r;
}

/* After the host detach: take [addr, addr+size) out of the guest map.
 * What the segment occupied is free now and is reserved at once, so no
 * other thread's mapping can land there before guest_munmap() drops the
 * entries (and the reservation); pages that cannot be reserved hold
 * something else (a guest MAP_FIXED over part of the segment, or a
 * mapping made meanwhile) and keep their entries, and reserved pages the
 * map does not cover (the guest unmapped them) are simply released. */
static void shm_unmap_range(uint64_t addr, uint64_t size)
{
    bool whole = reserve(addr, size);
    if (whole && guest_range_ok(addr, size, 0)) {
        guest_munmap(addr, size);
        return;
    }
    for (uint64_t p = addr; p < addr + size; p += GUEST_PAGE) {
        if (!whole && !reserve(p, GUEST_PAGE))
            continue;
        if (guest_range_ok(p, GUEST_PAGE, 0))
            guest_munmap(p, GUEST_PAGE);
        else
            munmap(g2h(p), GUEST_PAGE);
    }
}

int64_t sys_shmdt(SysCall *c)
{
    uint64_t addr = c->a[0];
    /* The host decides whether an attach starts at addr (emu itself
     * attaches nothing, so any attach there is the guest's). */
    pthread_mutex_lock(&shm_lock);
    ShmAttach *a = shm_find(addr);
    int64_t r = sys_ret(syscall(SYS_shmdt, g2h(addr)));
    if (a) {
        uint64_t size = a->size;
        shm_forget(a);
        if (r == 0)
            shm_unmap_range(addr, size);
    }
    pthread_mutex_unlock(&shm_lock);
    return r;
}

/* ---- POSIX message queues ---- */

int64_t sys_mq_open(SysCall *c)
{
    /* The kernel copies attr (whether or not O_CREAT is set), then the
     * name.  Queue names live in the mqueue file system, not under the -L
     * prefix. */
    uint64_t attr = sys_ptr(c->a[3], A64_MQ_ATTR_SIZE, PROT_READ);
    return sys_ret(syscall(SYS_mq_open, str_ptr(c->a[0]),
                           conv_oflags_to_host((int)c->a[1]),
                           (unsigned)c->a[2], attr));
}

int64_t sys_mq_unlink(SysCall *c)
{
    return sys_ret(syscall(SYS_mq_unlink, str_ptr(c->a[0])));
}

/* Messages are at most msgsize_max (16 MiB hard limit, ipc/mqueue.c)
 * bytes: EMSGSIZE comes before the buffer is touched above that. */
#define MQ_MSG_CAP (16ull << 20)

int64_t sys_mq_timedsend(SysCall *c)
{
    uint64_t len = c->a[2];
    SysFix f = {0};
    uint64_t msg = sys_fix(&f, c->a[1], len < MQ_MSG_CAP ? len : MQ_MSG_CAP,
                           PROT_READ);
    return sys_fix_done(&f, sys_ret(sys_host_call(
        SYS_mq_timedsend, (int)c->a[0], msg, len, (unsigned)c->a[3],
        sys_ptr(c->a[4], A64_TIMESPEC_SIZE, PROT_READ))));
}

int64_t sys_mq_timedreceive(SysCall *c)
{
    /* The kernel takes the message off the queue, then copies it out and
     * stores the priority: a fault in either loses the message. */
    uint64_t len = c->a[2];
    SysFix f = {0};
    uint64_t msg = sys_fix(&f, c->a[1], len < MQ_MSG_CAP ? len : MQ_MSG_CAP,
                           PROT_WRITE);
    return sys_fix_done(&f, sys_ret(sys_host_call(
        SYS_mq_timedreceive, (int)c->a[0], msg, len,
        sys_ptr(c->a[3], 4, PROT_WRITE),
        sys_ptr(c->a[4], A64_TIMESPEC_SIZE, PROT_READ))));
}

/* NOTIFY_COOKIE_LEN (ipc/mqueue.c): the data SIGEV_THREAD sends to the
 * netlink socket in sigev_signo - glibc's mq_notify(SIGEV_THREAD) runs the
 * guest's function from a helper thread reading that socket. */
#define MQ_COOKIE_LEN 32

int64_t sys_mq_notify(SysCall *c)
{
    if (!c->a[1])
        return sys_ret(syscall(SYS_mq_notify, (int)c->a[0], NULL));
    SYS_CHECK(c->a[1], A64_SIGEVENT_SIZE, PROT_READ);
    struct sigevent ev;
    memcpy(&ev, g2h(c->a[1]), sizeof(ev));
    if (ev.sigev_notify == SIGEV_THREAD)
        ev.sigev_value.sival_ptr = (void *)(uintptr_t)sys_ptr(
            (uint64_t)(uintptr_t)ev.sigev_value.sival_ptr, MQ_COOKIE_LEN,
            PROT_READ);
    return sys_ret(syscall(SYS_mq_notify, (int)c->a[0], &ev));
}

int64_t sys_mq_getsetattr(SysCall *c)
{
    /* the new attributes are applied even if storing the old ones faults */
    return sys_ret(syscall(SYS_mq_getsetattr, (int)c->a[0],
                           sys_ptr(c->a[1], A64_MQ_ATTR_SIZE, PROT_READ),
                           sys_ptr(c->a[2], A64_MQ_ATTR_SIZE, PROT_WRITE)));
}
