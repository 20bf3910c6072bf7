/*
 * armipcold.c - 32-bit ARM guest only: the EABI calls whose 32-bit rules
 * differ from the 64-bit ones (LTP msgctl04, shmctl02, semctl03,
 * msgrcv02, shmat01, mmap15, rt_tgsigqueueinfo01):
 *  - msgctl/semctl/shmctl without IPC_64 use the old linux/{msg,sem,shm}.h
 *    layouts (16-bit ids, modes, pids and counters on arm): IPC_STAT fills
 *    them, IPC_SET reads them (msg_qbytes 0 means msg_lqbytes), and a bad
 *    buffer is EFAULT for either;
 *  - msgrcv's size is a 32-bit long: (size_t)-1 is EINVAL;
 *  - shmat: arm's SHMLBA is 4 pages and enforced: SHM_RND rounds down to
 *    16 KiB, an address off 16 KiB without it is EINVAL;
 *  - mmap MAP_FIXED at 0xfffff000, past TASK_SIZE, is ENOMEM;
 *  - rt_tgsigqueueinfo delivers the caller's 32-bit siginfo.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#define OLD_IPC_STAT 2 /* no IPC_64 (0x100) */
#define OLD_IPC_SET 1

struct old_perm {
    int32_t key;
    uint16_t uid, gid, cuid, cgid, mode, seq;
};

struct old_msqid {
    struct old_perm perm;
    uint32_t first, last;
    int32_t stime, rtime, ctime;
    uint32_t lcbytes, lqbytes;
    uint16_t cbytes, qnum, qbytes, lspid, lrpid;
};

struct old_semid {
    struct old_perm perm;
    int32_t otime, ctime;
    uint32_t base, pending, pending_last, undo;
    uint16_t nsems;
};

struct old_shmid {
    struct old_perm perm;
    int32_t segsz;
    int32_t atime, dtime, ctime;
    uint16_t cpid, lpid, nattch, unused;
    uint32_t unused2, unused3;
};

static const char *err(long r)
{
    return r == -1 ? strerrorname_np(errno) : "ok";
}

static void msg_part(void)
{
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0640);
    struct { long type; char text[8]; } m = {7, "hello"};
    msgsnd(id, &m, 5, 0);
    struct old_msqid o;
    memset(&o, 0xa5, sizeof(o));
    long r = syscall(SYS_msgctl, id, OLD_IPC_STAT, &o);
    printf("msg old stat: %s size %zu mode %o qnum %u cbytes %u lcbytes %u "
           "qbytes==lqbytes %d lspid ok %d ptrs %u %u\n",
           err(r), sizeof(o), o.perm.mode & 0777, o.qnum, o.cbytes,
           o.lcbytes, o.qbytes == o.lqbytes && o.lqbytes > 0,
           o.lspid == (uint16_t)getpid(), o.first, o.last);
    o.qbytes = 0;
    o.lqbytes = 4000;
    o.perm.mode = 0600;
    r = syscall(SYS_msgctl, id, OLD_IPC_SET, &o);
    struct msqid_ds n;
    msgctl(id, IPC_STAT, &n);
    printf("msg old set: %s qbytes %lu mode %o\n", err(r),
           (unsigned long)n.msg_qbytes, n.msg_perm.mode & 0777);
    r = syscall(SYS_msgctl, id, OLD_IPC_STAT, (void *)-1);
    printf("msg old stat bad buf: %s\n", err(r));
    r = syscall(SYS_msgctl, id, OLD_IPC_SET, (void *)-1);
    printf("msg old set bad buf: %s\n", err(r));
    r = syscall(SYS_msgctl, 0x7ffffff0, OLD_IPC_STAT, (void *)-1);
    printf("msg old stat bad id: %s\n", err(r));
    char buf[64];
    r = msgrcv(id, buf, (size_t)-1, 0, IPC_NOWAIT);
    printf("msgrcv size -1: %s\n", err(r));
    r = msgrcv(id, buf, sizeof(buf) - sizeof(long), 0, IPC_NOWAIT);
    printf("msgrcv: %ld\n", r);
    msgctl(id, IPC_RMID, NULL);
}

static void sem_part(void)
{
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    struct old_semid o;
    memset(&o, 0xa5, sizeof(o));
    long r = syscall(SYS_semctl, id, 0, OLD_IPC_STAT, &o);
    printf("sem old stat: %s size %zu mode %o nsems %u ptrs %u %u\n", err(r),
           sizeof(o), o.perm.mode & 0777, o.nsems, o.base, o.undo);
    r = syscall(SYS_semctl, id, 0, OLD_IPC_STAT, (void *)-1);
    printf("sem old stat bad buf: %s\n", err(r));
    r = syscall(SYS_semctl, id, 0, OLD_IPC_SET, (void *)-1);
    printf("sem old set bad buf: %s\n", err(r));
    semctl(id, 0, IPC_RMID);
}

static void shm_part(void)
{
    int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    struct old_shmid o;
    memset(&o, 0xa5, sizeof(o));
    long r = syscall(SYS_shmctl, id, OLD_IPC_STAT, &o);
    printf("shm old stat: %s size %zu mode %o segsz %d nattch %u cpid ok %d\n",
           err(r), sizeof(o), o.perm.mode & 0777, o.segsz, o.nattch,
           o.cpid == (uint16_t)getpid());
    r = syscall(SYS_shmctl, id, OLD_IPC_STAT, (void *)-1);
    printf("shm old stat bad buf: %s\n", err(r));

    /* a free 16 KiB-aligned address */
    char *p = mmap(NULL, 1 << 16, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    uintptr_t base = ((uintptr_t)p + 0x3fff) & ~(uintptr_t)0x3fff;
    munmap(p, 1 << 16);
    void *a = shmat(id, (void *)(base + 0x3fff), SHM_RND);
    printf("shmat SHM_RND: %s\n", a == (void *)base ? "rounded to 16 KiB"
                                   : a == (void *)-1 ? strerrorname_np(errno)
                                                     : "wrong address");
    if (a != (void *)-1)
        shmdt(a);
    a = shmat(id, (void *)(base + 0x1000), 0);
    printf("shmat off 16 KiB: %s\n",
           a == (void *)-1 ? strerrorname_np(errno) : "attached");
    if (a != (void *)-1)
        shmdt(a);
    a = shmat(id, (void *)base, 0);
    printf("shmat at 16 KiB: %s\n", a == (void *)base ? "ok" : "wrong");
    if (a != (void *)-1)
        shmdt(a);
    shmctl(id, IPC_RMID, NULL);
}

static volatile int got_code, got_int, got_pid;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    got_code = si->si_code;
    got_int = si->si_value.sival_int;
    got_pid = si->si_pid;
}

static void sig_part(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = SIGUSR1;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = 0x12345678;
    long r = syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGUSR1, &si);
    printf("rt_tgsigqueueinfo: %s code %d value %#x pid ok %d\n", err(r),
           got_code, got_int, got_pid == getpid());
}

int main(void)
{
    msg_part();
    sem_part();
    shm_part();
    void *m = mmap((void *)0xfffff000, 4096, PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("mmap fixed 0xfffff000: %s\n",
           m == MAP_FAILED ? strerrorname_np(errno) : "mapped");
    sig_part();
    return 0;
}
