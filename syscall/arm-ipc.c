/*
 * syscall/arm-ipc.c - EABI System V IPC and POSIX message queues where
 * the 32-bit layouts differ: the IPC_64 structures of asm-generic/
 * {ipcbuf,msgbuf,sembuf,shmbuf}.h with 32-bit longs and split 64-bit
 * times (the *_high words), struct msgbuf's 4-byte long mtype, shminfo64
 * and shm_info with 32-bit longs, struct mq_attr of eight 32-bit longs,
 * the compat sigevent, and old_timespec32 timeouts.  msginfo, seminfo and
 * struct sembuf have no longs and pass through.
 *
 * The arm kernel parses the version in cmd (ARCH_WANT_IPC_PARSE_VERSION):
 * glibc always sets IPC_64 (0x100).  Without it the old layouts of
 * linux/{ipc,msg,sem,shm}.h are meant (16-bit ids, modes and pids on arm,
 * 32-bit times, ushort counters): converted as ipc/{msg,sem,shm}.c's
 * IPC_OLD paths do (uids past 16 bits read as the overflow uid 65534,
 * counters saturate), with the kernel's order: a STAT checks permission
 * before it writes the buffer, a SET reads the buffer first.
 */
#include <mqueue.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <asm/msgbuf.h>
#include <asm/sembuf.h>
#include <asm/shmbuf.h>

#include "common/emu.h"
#include "syscall/arm-sys.h"
#include "syscall/uaccess.h"

#define ARM_IPC_64 0x100

typedef struct ArmIpc64Perm {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint16_t mode;
    uint8_t pad1[2];
    uint16_t seq;
    uint16_t pad2;
    uint32_t unused1, unused2;
} ArmIpc64Perm;
ARM_ASSERT_SIZE(ArmIpc64Perm, 36);

typedef struct ArmMsqid64 {
    ArmIpc64Perm perm;
    uint32_t stime, stime_high, rtime, rtime_high, ctime, ctime_high;
    uint32_t cbytes, qnum, qbytes;
    int32_t lspid, lrpid;
    uint32_t unused4, unused5;
} ArmMsqid64;
ARM_ASSERT_SIZE(ArmMsqid64, 88);

typedef struct ArmSemid64 {
    ArmIpc64Perm perm;
    uint32_t otime, otime_high, ctime, ctime_high;
    uint32_t nsems;
    uint32_t unused3, unused4;
} ArmSemid64;
ARM_ASSERT_SIZE(ArmSemid64, 64);

typedef struct ArmShmid64 {
    ArmIpc64Perm perm;
    uint32_t segsz;
    uint32_t atime, atime_high, dtime, dtime_high, ctime, ctime_high;
    int32_t cpid, lpid;
    uint32_t nattch;
    uint32_t unused4, unused5;
} ArmShmid64;
ARM_ASSERT_SIZE(ArmShmid64, 84);

typedef struct ArmMqAttr {
    int32_t flags, maxmsg, msgsize, curmsgs, reserved[4];
} ArmMqAttr;
ARM_ASSERT_SIZE(ArmMqAttr, 32);

/* The old (non-IPC_64) layouts; arm's __kernel_uid_t, __kernel_mode_t and
 * __kernel_ipc_pid_t are unsigned short. */
typedef struct ArmIpcPermOld {
    int32_t key;
    uint16_t uid, gid, cuid, cgid, mode, seq;
} ArmIpcPermOld;
ARM_ASSERT_SIZE(ArmIpcPermOld, 16);

typedef struct ArmMsqidOld {
    ArmIpcPermOld perm;
    uint32_t first, last; /* kernel pointers, 0 */
    int32_t stime, rtime, ctime;
    uint32_t lcbytes, lqbytes;
    uint16_t cbytes, qnum, qbytes, lspid, lrpid;
} ArmMsqidOld;
ARM_ASSERT_SIZE(ArmMsqidOld, 56);

typedef struct ArmSemidOld {
    ArmIpcPermOld perm;
    int32_t otime, ctime;
    uint32_t base, pending, pending_last, undo; /* kernel pointers, 0 */
    uint16_t nsems;
} ArmSemidOld;
ARM_ASSERT_SIZE(ArmSemidOld, 44);

typedef struct ArmShmidOld {
    ArmIpcPermOld perm;
    int32_t segsz;
    int32_t atime, dtime, ctime;
    uint16_t cpid, lpid, nattch, unused;
    uint32_t unused2, unused3;
} ArmShmidOld;
ARM_ASSERT_SIZE(ArmShmidOld, 48);

/* include/linux/highuid.h: an id past 16 bits reads as overflowuid. */
static uint16_t id16(uint32_t id)
{
    return id > 0xffffu ? 65534 : (uint16_t)id;
}

static uint16_t us16(uint64_t v)
{
    return v > 0xffffu ? 0xffffu : (uint16_t)v;
}

static void perm_old_out(ArmIpcPermOld *g, const struct ipc64_perm *h)
{
    g->key = h->key;
    g->uid = id16(h->uid);
    g->gid = id16(h->gid);
    g->cuid = id16(h->cuid);
    g->cgid = id16(h->cgid);
    g->mode = (uint16_t)h->mode;
    g->seq = h->seq;
}

/* IPC_SET takes uid, gid and mode only. */
static void perm_old_in(struct ipc64_perm *h, const ArmIpcPermOld *g)
{
    memset(h, 0, sizeof(*h));
    h->uid = g->uid;
    h->gid = g->gid;
    h->mode = g->mode;
}

/* A long the host has, as the 32-bit kernel's unsigned long (values past
 * 32 bits, which that kernel cannot hold, saturate). */
static uint32_t ul32(uint64_t v)
{
    return v > 0xffffffffu ? 0xffffffffu : (uint32_t)v;
}

static void perm_out(ArmIpc64Perm *g, const struct ipc64_perm *h)
{
    memset(g, 0, sizeof(*g));
    g->key = h->key;
    g->uid = h->uid;
    g->gid = h->gid;
    g->cuid = h->cuid;
    g->cgid = h->cgid;
    g->mode = (uint16_t)h->mode;
    g->seq = h->seq;
}

static void perm_in(struct ipc64_perm *h, const ArmIpc64Perm *g)
{
    memset(h, 0, sizeof(*h));
    h->key = g->key;
    h->uid = g->uid;
    h->gid = g->gid;
    h->mode = g->mode;
}

static void time_out(uint32_t *lo, uint32_t *hi, int64_t t)
{
    *lo = (uint32_t)t;
    *hi = (uint32_t)((uint64_t)t >> 32);
}

/* cmd without IPC_64 */
static int ipc_cmd(int cmd)
{
    return cmd & ~ARM_IPC_64;
}

static bool ipc_old(int cmd)
{
    return !(cmd & ARM_IPC_64);
}

/* ---- old layouts ---- */

static int64_t msgctl_old(SysCall *c, int id, int cmd)
{
    struct msqid64_ds h;
    memset(&h, 0, sizeof(h));
    if (cmd == IPC_SET) {
        ArmMsqidOld g;
        if (arm_get(&g, c->a[2], sizeof(g)))
            return -EFAULT;
        perm_old_in(&h.msg_perm, &g.perm);
        /* ipc/msg.c: a zero 16-bit qbytes means the long one */
        h.msg_qbytes = g.qbytes ? g.qbytes : g.lqbytes;
        return sys_ret(syscall(SYS_msgctl, id, cmd, &h));
    }
    int64_t r = sys_ret(syscall(SYS_msgctl, id, cmd, &h));
    if (r < 0)
        return r;
    ArmMsqidOld g;
    memset(&g, 0, sizeof(g));
    perm_old_out(&g.perm, &h.msg_perm);
    g.stime = (int32_t)h.msg_stime;
    g.rtime = (int32_t)h.msg_rtime;
    g.ctime = (int32_t)h.msg_ctime;
    g.lcbytes = ul32(h.msg_cbytes);
    g.lqbytes = ul32(h.msg_qbytes);
    g.cbytes = us16(h.msg_cbytes);
    g.qnum = us16(h.msg_qnum);
    g.qbytes = us16(h.msg_qbytes);
    g.lspid = (uint16_t)h.msg_lspid;
    g.lrpid = (uint16_t)h.msg_lrpid;
    return arm_put(c->a[2], &g, sizeof(g)) ? -EFAULT : r;
}

static int64_t semctl_old(SysCall *c, int id, int num, int cmd)
{
    struct semid64_ds h;
    memset(&h, 0, sizeof(h));
    if (cmd == IPC_SET) {
        ArmSemidOld g;
        if (arm_get(&g, c->a[3], sizeof(g)))
            return -EFAULT;
        perm_old_in(&h.sem_perm, &g.perm);
        return sys_ret(syscall(SYS_semctl, id, num, cmd, &h));
    }
    int64_t r = sys_ret(syscall(SYS_semctl, id, num, cmd, &h));
    if (r < 0)
        return r;
    ArmSemidOld g;
    memset(&g, 0, sizeof(g));
    perm_old_out(&g.perm, &h.sem_perm);
    g.otime = (int32_t)h.sem_otime;
    g.ctime = (int32_t)h.sem_ctime;
    g.nsems = us16(h.sem_nsems);
    return arm_put(c->a[3], &g, sizeof(g)) ? -EFAULT : r;
}

static int64_t shmctl_old(SysCall *c, int id, int cmd)
{
    if (cmd == IPC_SET) {
        ArmShmidOld g;
        if (arm_get(&g, c->a[2], sizeof(g)))
            return -EFAULT;
        struct shmid64_ds h;
        memset(&h, 0, sizeof(h));
        perm_old_in(&h.shm_perm, &g.perm);
        return sys_ret(syscall(SYS_shmctl, id, cmd, &h));
    }
    if (cmd == IPC_INFO) { /* struct shminfo: five ints, shmmax capped */
        struct shminfo64 h;
        int64_t r = sys_ret(syscall(SYS_shmctl, id, cmd, &h));
        if (r < 0)
            return r;
        int32_t g[5] = {h.shmmax > INT32_MAX ? INT32_MAX : (int32_t)h.shmmax,
                        (int32_t)h.shmmin, (int32_t)h.shmmni,
                        (int32_t)h.shmseg, (int32_t)h.shmall};
        return arm_put(c->a[2], g, sizeof(g)) ? -EFAULT : r;
    }
    struct shmid64_ds h;
    int64_t r = sys_ret(syscall(SYS_shmctl, id, cmd, &h));
    if (r < 0)
        return r;
    ArmShmidOld g;
    memset(&g, 0, sizeof(g));
    perm_old_out(&g.perm, &h.shm_perm);
    g.segsz = (int32_t)h.shm_segsz;
    g.atime = (int32_t)h.shm_atime;
    g.dtime = (int32_t)h.shm_dtime;
    g.ctime = (int32_t)h.shm_ctime;
    g.cpid = (uint16_t)h.shm_cpid;
    g.lpid = (uint16_t)h.shm_lpid;
    g.nattch = us16(h.shm_nattch);
    return arm_put(c->a[2], &g, sizeof(g)) ? -EFAULT : r;
}

/* ---- message queues ---- */

int64_t sys_arm_msgctl(SysCall *c)
{
    int id = (int)c->a[0], raw = (int)c->a[1];
    int base = raw & ~ARM_IPC_64;
    bool st = base == IPC_STAT || base == MSG_STAT || base == MSG_STAT_ANY ||
              base == IPC_SET;
    int cmd = ipc_cmd(raw);
    if (st && ipc_old(raw))
        return msgctl_old(c, id, cmd);
    struct msqid64_ds h;
    if (cmd == IPC_SET) {
        ArmMsqid64 g;
        if (arm_get(&g, c->a[2], sizeof(g)))
            return -EFAULT;
        memset(&h, 0, sizeof(h));
        perm_in(&h.msg_perm, &g.perm);
        h.msg_qbytes = g.qbytes;
        return sys_ret(syscall(SYS_msgctl, id, cmd, &h));
    }
    if (!st) /* IPC_RMID; IPC_INFO/MSG_INFO: struct msginfo, all ints */
        return arm_reuse(c, sys_msgctl, c->a[0], (uint64_t)cmd, c->a[2], 0,
                         0, 0);
    int64_t r = sys_ret(syscall(SYS_msgctl, id, cmd, &h));
    if (r < 0)
        return r;
    ArmMsqid64 g = {0};
    perm_out(&g.perm, &h.msg_perm);
    time_out(&g.stime, &g.stime_high, h.msg_stime);
    time_out(&g.rtime, &g.rtime_high, h.msg_rtime);
    time_out(&g.ctime, &g.ctime_high, h.msg_ctime);
    g.cbytes = ul32(h.msg_cbytes);
    g.qnum = ul32(h.msg_qnum);
    g.qbytes = ul32(h.msg_qbytes);
    g.lspid = h.msg_lspid;
    g.lrpid = h.msg_lrpid;
    return arm_put(c->a[2], &g, sizeof(g)) ? -EFAULT : r;
}

/* msgmax can be raised to INT_MAX; past this no real queue takes a
 * message, and the host says EINVAL given the size. */
#define ARM_MSG_CAP (16u << 20)

int64_t sys_arm_msgsnd(SysCall *c)
{
    /* ipc/msg.c: mtype is read first (EFAULT), sizes, id and mtype are
     * judged, the text copied. */
    uint64_t sz = c->a[2];
    int32_t mtype;
    if (arm_get(&mtype, c->a[1], 4))
        return -EFAULT;
    size_t n = sz < ARM_MSG_CAP ? sz : 0;
    if (n && !sys_ok(c->a[1] + 4, n, PROT_READ))
        return -EFAULT;
    long *h = malloc(sizeof(long) + n + 1);
    if (!h)
        return -ENOMEM;
    h[0] = mtype;
    memcpy(h + 1, g2h(c->a[1] + 4), n);
    int64_t r = sys_ret(sys_host_call(SYS_msgsnd, (int)c->a[0], h, sz,
                                      (int)c->a[3]));
    free(h);
    return r;
}

int64_t sys_arm_msgrcv(SysCall *c)
{
    /* msgtyp is a signed long; the message is taken off the queue, then
     * mtype and the text copied out (a fault loses it, as natively).
     * do_msgrcv() first refuses a size that is negative as the 32-bit
     * kernel's long (EINVAL, like a negative id). */
    if ((int32_t)c->a[2] < 0)
        return -EINVAL;
    uint64_t sz = c->a[2];
    size_t n = sz < ARM_MSG_CAP ? sz : ARM_MSG_CAP;
    long *h = malloc(sizeof(long) + n + 1);
    if (!h)
        return -ENOMEM;
    int64_t r = sys_ret(sys_host_call(SYS_msgrcv, (int)c->a[0], h, n,
                                      (long)sys_sarg(c, 3), (int)c->a[4]));
    if (r >= 0) {
        int32_t mtype = (int32_t)h[0];
        if (arm_put(c->a[1], &mtype, 4) ||
            (r && arm_put(c->a[1] + 4, h + 1, (size_t)r)))
            r = -EFAULT;
    }
    free(h);
    return r;
}

/* ---- semaphores ---- */

int64_t sys_arm_semctl(SysCall *c)
{
    int id = (int)c->a[0], num = (int)c->a[1], raw = (int)c->a[2];
    int base = raw & ~ARM_IPC_64;
    bool st = base == IPC_STAT || base == SEM_STAT || base == SEM_STAT_ANY ||
              base == IPC_SET;
    int cmd = ipc_cmd(raw);
    if (!st) /* GETALL/SETALL (u16 arrays), seminfo, values: shared */
        return arm_reuse(c, sys_semctl, c->a[0], c->a[1], (uint64_t)cmd,
                         c->a[3], 0, 0);
    if (id < 0)
        return -EINVAL;
    if (ipc_old(raw))
        return semctl_old(c, id, num, cmd);
    struct semid64_ds h;
    if (cmd == IPC_SET) {
        ArmSemid64 g;
        if (arm_get(&g, c->a[3], sizeof(g)))
            return -EFAULT;
        memset(&h, 0, sizeof(h));
        perm_in(&h.sem_perm, &g.perm);
        return sys_ret(syscall(SYS_semctl, id, num, cmd, &h));
    }
    int64_t r = sys_ret(syscall(SYS_semctl, id, num, cmd, &h));
    if (r < 0)
        return r;
    ArmSemid64 g = {0};
    perm_out(&g.perm, &h.sem_perm);
    time_out(&g.otime, &g.otime_high, h.sem_otime);
    time_out(&g.ctime, &g.ctime_high, h.sem_ctime);
    g.nsems = ul32(h.sem_nsems);
    return arm_put(c->a[3], &g, sizeof(g)) ? -EFAULT : r;
}

/* semtimedop with a 32-bit (t64 false) or 64-bit time timeout: the
 * timeout is read first (EFAULT); struct sembuf is 6 bytes on both. */
static int64_t semtimedop_as(SysCall *c, bool t64)
{
    struct timespec ts, *tsp = NULL;
    if (c->a[3]) {
        if (arm_ts_get(&ts, c->a[3], 1, t64))
            return -EFAULT;
        tsp = &ts;
    }
    unsigned nsops = (unsigned)c->a[2];
    return sys_ret(sys_host_call(SYS_semtimedop, (int)c->a[0],
                                 sys_ptr(c->a[1], (uint64_t)nsops * 6,
                                         PROT_READ),
                                 nsops, tsp));
}

int64_t sys_arm_semtimedop(SysCall *c)
{
    return semtimedop_as(c, false);
}

int64_t sys_arm_semtimedop_time64(SysCall *c)
{
    return semtimedop_as(c, true);
}

/* ---- shared memory ---- */

int64_t sys_arm_shmctl(SysCall *c)
{
    int id = (int)c->a[0], raw = (int)c->a[1];
    int base = raw & ~ARM_IPC_64;
    bool st = base == IPC_STAT || base == SHM_STAT || base == SHM_STAT_ANY ||
              base == IPC_SET || base == IPC_INFO || base == SHM_INFO;
    int cmd = ipc_cmd(raw);
    /* struct shm_info has no old form */
    if (st && ipc_old(raw) && cmd != SHM_INFO)
        return shmctl_old(c, id, cmd);
    if (!st) /* IPC_RMID, SHM_LOCK, SHM_UNLOCK */
        return sys_ret(syscall(SYS_shmctl, id, cmd, NULL));
    if (cmd == IPC_SET) {
        ArmShmid64 g;
        if (arm_get(&g, c->a[2], sizeof(g)))
            return -EFAULT;
        struct shmid64_ds h;
        memset(&h, 0, sizeof(h));
        perm_in(&h.shm_perm, &g.perm);
        return sys_ret(syscall(SYS_shmctl, id, cmd, &h));
    }
    if (cmd == IPC_INFO) {
        struct shminfo64 h;
        int64_t r = sys_ret(syscall(SYS_shmctl, id, cmd, &h));
        if (r < 0)
            return r;
        uint32_t g[9] = {ul32(h.shmmax), ul32(h.shmmin), ul32(h.shmmni),
                         ul32(h.shmseg), ul32(h.shmall)};
        return arm_put(c->a[2], g, sizeof(g)) ? -EFAULT : r;
    }
    if (cmd == SHM_INFO) {
        struct shm_info h;
        int64_t r = sys_ret(syscall(SYS_shmctl, id, cmd, &h));
        if (r < 0)
            return r;
        uint32_t g[6] = {(uint32_t)h.used_ids, ul32(h.shm_tot),
                         ul32(h.shm_rss), ul32(h.shm_swp),
                         ul32(h.swap_attempts), ul32(h.swap_successes)};
        return arm_put(c->a[2], g, sizeof(g)) ? -EFAULT : r;
    }
    struct shmid64_ds h;
    int64_t r = sys_ret(syscall(SYS_shmctl, id, cmd, &h));
    if (r < 0)
        return r;
    ArmShmid64 g = {0};
    perm_out(&g.perm, &h.shm_perm);
    g.segsz = ul32(h.shm_segsz);
    time_out(&g.atime, &g.atime_high, h.shm_atime);
    time_out(&g.dtime, &g.dtime_high, h.shm_dtime);
    time_out(&g.ctime, &g.ctime_high, h.shm_ctime);
    g.cpid = h.shm_cpid;
    g.lpid = h.shm_lpid;
    g.nattch = ul32(h.shm_nattch);
    return arm_put(c->a[2], &g, sizeof(g)) ? -EFAULT : r;
}

/* ---- POSIX message queues ---- */

static void mq_attr_in(struct mq_attr *h, const ArmMqAttr *g)
{
    memset(h, 0, sizeof(*h));
    h->mq_flags = g->flags;
    h->mq_maxmsg = g->maxmsg;
    h->mq_msgsize = g->msgsize;
    h->mq_curmsgs = g->curmsgs;
}

int64_t sys_arm_mq_open(SysCall *c)
{
    /* attr is copied first when given (EFAULT), then the name. */
    struct mq_attr h;
    void *attr = NULL;
    if (c->a[3]) {
        ArmMqAttr g;
        if (arm_get(&g, c->a[3], sizeof(g)))
            return -EFAULT;
        mq_attr_in(&h, &g);
        attr = &h;
    }
    return sys_ret(syscall(SYS_mq_open, sys_fix_str(c->a[0], SYS_PATH_MAX),
                           (int)c->a[1], (unsigned)c->a[2], attr));
}

int64_t sys_arm_mq_getsetattr(SysCall *c)
{
    struct mq_attr n, o;
    if (c->a[1]) {
        ArmMqAttr g;
        if (arm_get(&g, c->a[1], sizeof(g)))
            return -EFAULT;
        mq_attr_in(&n, &g);
    }
    int64_t r = sys_ret(syscall(SYS_mq_getsetattr, (int)c->a[0],
                                c->a[1] ? &n : NULL, c->a[2] ? &o : NULL));
    if (r < 0 || !c->a[2])
        return r;
    ArmMqAttr g = {(int32_t)o.mq_flags, (int32_t)o.mq_maxmsg,
                   (int32_t)o.mq_msgsize, (int32_t)o.mq_curmsgs};
    return arm_put(c->a[2], &g, sizeof(g)) ? -EFAULT : r;
}

int64_t sys_arm_mq_notify(SysCall *c)
{
    if (!c->a[1])
        return sys_ret(syscall(SYS_mq_notify, (int)c->a[0], NULL));
    ArmSigevent g;
    if (arm_get(&g, c->a[1], sizeof(g)))
        return -EFAULT;
    struct sigevent h;
    arm_conv_sigevent_in(&h, &g);
    if (h.sigev_notify == SIGEV_THREAD) /* the 32-byte netlink cookie */
        h.sigev_value.sival_ptr = (void *)(uintptr_t)sys_ptr(
            g.sigev_value, 32, PROT_READ);
    return sys_ret(syscall(SYS_mq_notify, (int)c->a[0], &h));
}

/* mq_timedsend/receive with an old_timespec32 timeout (read before the
 * queue is looked at, EFAULT); the time64 ones are the shared handlers'
 * layout except for tv_nsec's high word. */
static int64_t mq_timed(SysCall *c, bool recv, bool t64)
{
    struct timespec ts, *tsp = NULL;
    if (c->a[4]) {
        if (arm_ts_get(&ts, c->a[4], 1, t64))
            return -EFAULT;
        tsp = &ts;
    }
    uint64_t len = c->a[2];
    uint64_t cap = len < (16ull << 20) ? len : (16ull << 20);
    SysFix f = {0};
    uint64_t msg = sys_fix(&f, c->a[1], cap, recv ? PROT_WRITE : PROT_READ);
    int64_t r;
    if (recv)
        r = sys_ret(sys_host_call(SYS_mq_timedreceive, (int)c->a[0], msg,
                                  len, sys_ptr(c->a[3], 4, PROT_WRITE), tsp));
    else
        r = sys_ret(sys_host_call(SYS_mq_timedsend, (int)c->a[0], msg, len,
                                  (unsigned)c->a[3], tsp));
    return sys_fix_done(&f, r);
}

int64_t sys_arm_mq_timedsend(SysCall *c) { return mq_timed(c, false, false); }
int64_t sys_arm_mq_timedreceive(SysCall *c)
{
    return mq_timed(c, true, false);
}
int64_t sys_arm_mq_timedsend_time64(SysCall *c)
{
    return mq_timed(c, false, true);
}
int64_t sys_arm_mq_timedreceive_time64(SysCall *c)
{
    return mq_timed(c, true, true);
}
