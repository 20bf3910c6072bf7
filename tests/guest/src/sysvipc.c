/*
 * sysvipc.c - System V message queues, semaphores and shared memory as
 * fakeroot (semaphores + a message queue between faked and libfakeroot)
 * and other package tools use them: the arm64 struct layouts (semid_ds
 * has no padding words after the times on arm64), the *_INFO structures,
 * blocking calls that a signal or IPC_RMID ends, shmat'ed segments being
 * guest memory (syscall buffers, /proc/self/maps), and the kernel's
 * errors in the kernel's order.  Prints no ids, addresses or times.
 *
 * Built twice: sysvipc (checked against qemu-aarch64 too) and, with
 * KERNEL_EDGES, sysvipc_kernel, which adds what qemu 7.2 gets wrong and
 * the kernel decides (ipc/msg.c, sem.c, shm.c, the same code on arm64 and
 * x86-64; its expected output is also what this file prints when built
 * for the x86-64 host and run natively):
 *  - msgrcv takes the message off the queue before it copies it out, so
 *    a fault loses it (qemu: EFAULT first, message kept), and only the
 *    bytes of the message must be writable (qemu: the whole buffer);
 *  - a negative id is EINVAL before the buffer is touched (qemu: EFAULT),
 *    ENOMSG comes before the copy-out (qemu: EFAULT);
 *  - MSG_STAT_ANY, SEM_STAT_ANY, SHM_STAT_ANY (Linux 4.17; qemu: EINVAL);
 *  - the arm64 kernel parses IPC_64 only for compat tasks, so a native
 *    IPC_STAT|IPC_64 is EINVAL (qemu strips it);
 *  - SHM_REMAP without an address is EINVAL (ipc/shm.c do_shmat);
 *  - a segment is gone once removed and detached (qemu: IPC_STAT 0);
 *  - msgsnd larger than msgmax is EINVAL (qemu 7.2 aborts).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "result.h"

static void on_usr1(int sig) { (void)sig; }

/* ---- message queues ---- */

struct msg {
    long mtype;
    char text[64];
};

static void test_msg(void)
{
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (id < 0) {
        perror("msgget");
        exit(1);
    }
    struct msg m = {2, "second"};
    res("msgsnd type 2", msgsnd(id, &m, 7, 0));
    m.mtype = 1;
    strcpy(m.text, "first");
    res("msgsnd type 1", msgsnd(id, &m, 6, 0));

    struct msqid_ds ds;
    memset(&ds, 0xa5, sizeof(ds));
    res("msgctl IPC_STAT", msgctl(id, IPC_STAT, &ds));
    printf("  qnum %lu cbytes %lu mode %o uid-ok %d lspid-ok %d lrpid %d "
           "stime-set %d rtime %ld qbytes-set %d\n",
           (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes,
           ds.msg_perm.mode & 0777, ds.msg_perm.uid == geteuid(),
           ds.msg_lspid == getpid(), ds.msg_lrpid, ds.msg_stime != 0,
           (long)ds.msg_rtime, ds.msg_qbytes > 0);

    struct msg r;
    memset(&r, 0, sizeof(r));
    res("msgrcv type 1", msgrcv(id, &r, sizeof(r.text), 1, 0));
    printf("  mtype %ld text %s\n", r.mtype, r.text);
    res("msgrcv into 3 bytes", msgrcv(id, &r, 3, 0, IPC_NOWAIT));
    memset(&r, 0, sizeof(r));
    res("msgrcv MSG_NOERROR", msgrcv(id, &r, 3, 0, IPC_NOWAIT | MSG_NOERROR));
    printf("  mtype %ld text %s\n", r.mtype, r.text);
    res("msgrcv empty", msgrcv(id, &r, sizeof(r.text), 0, IPC_NOWAIT));

#ifdef KERNEL_EDGES
    /* a receive buffer that is not all guest memory: the message is taken
     * off the queue, then the copy faults */
    m.mtype = 3;
    msgsnd(id, &m, 6, 0);
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page + 4096, 4096);
    res("msgrcv over unmapped end", msgrcv(id, page + 4096 - 10, 64, 0,
                                           IPC_NOWAIT));
    res("msgrcv after fault", msgrcv(id, &r, 64, 0, IPC_NOWAIT));
    /* a message that fits what is mapped */
    msgsnd(id, &m, 2, 0);
    res("msgrcv small into short buffer",
        msgrcv(id, page + 4096 - 10, 64, 0, IPC_NOWAIT));
    munmap(page, 4096);
#endif

    struct msginfo mi;
    memset(&mi, 0, sizeof(mi));
    long maxidx = msgctl(0, IPC_INFO, (struct msqid_ds *)&mi);
    printf("msgctl IPC_INFO: %s msgmax-set %d msgmnb-set %d msgssz %d "
           "msgseg %u\n", maxidx >= 0 ? "ok" : "failed", mi.msgmax > 0,
           mi.msgmnb > 0, mi.msgssz, (unsigned)mi.msgseg);
    memset(&mi, 0, sizeof(mi));
    printf("msgctl MSG_INFO: %s\n",
           msgctl(0, MSG_INFO, (struct msqid_ds *)&mi) >= 0 ? "ok" : "failed");
#ifdef KERNEL_EDGES
    int found = 0;
    for (long i = 0; i <= maxidx; i++)
        if (msgctl((int)i, MSG_STAT_ANY, &ds) == id)
            found = 1;
    printf("msgctl MSG_STAT_ANY finds the queue: %d\n", found);
#endif

    /* errors, in the kernel's order */
    m.mtype = 0;
    res("msgsnd mtype 0", msgsnd(id, &m, 1, 0));
    res("msgsnd bad msgp", msgsnd(id, BAD, 1, 0));
    res("msgsnd bad id, bad msgp", msgsnd(-1, BAD, 1, 0));
    m.mtype = 1;
    res("msgsnd negative id", msgsnd(-1, &m, 1, 0));
#ifdef KERNEL_EDGES
    res("msgsnd too long", msgsnd(id, &m, 1 << 30, 0));
#endif
    res("msgctl IPC_STAT bad buf", msgctl(id, IPC_STAT, BAD));
#ifdef KERNEL_EDGES
    res("msgctl IPC_STAT bad id, bad buf", msgctl(-1, IPC_STAT, BAD));
#endif
    res("msgctl IPC_SET bad buf", msgctl(id, IPC_SET, BAD));
    res("msgctl bad cmd", msgctl(id, 99, &ds));
#ifdef KERNEL_EDGES
    res("msgrcv bad buf, empty", msgrcv(id, BAD, 64, 0, IPC_NOWAIT));
#endif

    ds.msg_perm.mode = 0640;
    res("msgctl IPC_SET", msgctl(id, IPC_SET, &ds));
    msgctl(id, IPC_STAT, &ds);
    printf("  mode now %o\n", ds.msg_perm.mode & 0777);
    res("msgctl IPC_RMID", msgctl(id, IPC_RMID, NULL));
    res("msgsnd removed", msgsnd(id, &m, 1, 0));
}

/* ---- semaphores ---- */

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *info;
};

/* until n processes wait for semaphore 1 to increase */
static void wait_ncnt(int id, int n)
{
    for (int i = 0; i < 10000 && semctl(id, 1, GETNCNT) < n; i++)
        usleep(1000);
}

static void test_sem(void)
{
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0640);
    if (id < 0) {
        perror("semget");
        exit(1);
    }
    struct semid_ds ds;
    memset(&ds, 0xa5, sizeof(ds));
    res("semctl IPC_STAT", semctl(id, 0, IPC_STAT, (union semun){.buf = &ds}));
    printf("  nsems %lu mode %o uid-ok %d cuid-ok %d otime %ld ctime-set %d\n",
           (unsigned long)ds.sem_nsems, ds.sem_perm.mode & 0777,
           ds.sem_perm.uid == geteuid(), ds.sem_perm.cuid == geteuid(),
           (long)ds.sem_otime, ds.sem_ctime != 0);

    unsigned short v[3] = {1, 2, 3};
    res("semctl SETALL", semctl(id, 0, SETALL, (union semun){.array = v}));
    memset(v, 0, sizeof(v));
    res("semctl GETALL", semctl(id, 0, GETALL, (union semun){.array = v}));
    printf("  %u %u %u\n", v[0], v[1], v[2]);
    res("semctl GETVAL 1", semctl(id, 1, GETVAL));
    res("semctl SETVAL 0 = 5", semctl(id, 0, SETVAL, (union semun){.val = 5}));
    semctl(id, 0, GETALL, (union semun){.array = v});
    printf("  %u %u %u\n", v[0], v[1], v[2]);

    struct sembuf op = {0, -1, 0};
    res("semop 0 -= 1", semop(id, &op, 1));
    res("semctl GETVAL 0", semctl(id, 0, GETVAL));
    res("semctl GETPID is us", semctl(id, 0, GETPID) == getpid());
    res("semctl GETNCNT", semctl(id, 0, GETNCNT));
    res("semctl GETZCNT", semctl(id, 0, GETZCNT));
    semctl(id, 0, IPC_STAT, (union semun){.buf = &ds});
    printf("  otime set after semop: %d\n", ds.sem_otime != 0);

    struct sembuf two[2] = {{1, -1, SEM_UNDO}, {2, 1, 0}};
    res("semop two ops", semop(id, two, 2));
    semctl(id, 0, GETALL, (union semun){.array = v});
    printf("  %u %u %u\n", v[0], v[1], v[2]);

    struct sembuf wait3 = {1, -3, 0};
    struct timespec ts = {0, 50 * 1000 * 1000};
    res("semtimedop would block, 50 ms", semtimedop(id, &wait3, 1, &ts));
    wait3.sem_flg = IPC_NOWAIT;
    res("semop IPC_NOWAIT would block", semop(id, &wait3, 1));
    struct sembuf zero = {1, 0, IPC_NOWAIT};
    res("semop wait-for-zero, not zero", semop(id, &zero, 1));

    struct seminfo si;
    memset(&si, 0, sizeof(si));
    long maxidx = semctl(0, 0, IPC_INFO, (union semun){.info = &si});
    printf("semctl IPC_INFO: %s semmsl-set %d semopm-set %d semvmx %d "
           "semaem %d\n", maxidx >= 0 ? "ok" : "failed", si.semmsl > 0,
           si.semopm > 0, si.semvmx, si.semaem);
    printf("semctl SEM_INFO: %s\n",
           semctl(0, 0, SEM_INFO, (union semun){.info = &si}) >= 0 ? "ok"
                                                                   : "failed");
#ifdef KERNEL_EDGES
    int found = 0;
    for (long i = 0; i <= maxidx; i++)
        if (semctl((int)i, 0, SEM_STAT_ANY, (union semun){.buf = &ds}) == id)
            found = ds.sem_nsems == 3;
    printf("semctl SEM_STAT_ANY finds the set: %d\n", found);
#endif

    /* errors, in the kernel's order */
    res("semctl IPC_STAT bad buf", semctl(id, 0, IPC_STAT, BAD));
#ifdef KERNEL_EDGES
    res("semctl IPC_STAT bad id, bad buf", semctl(-1, 0, IPC_STAT, BAD));
    res("semctl IPC_STAT|IPC_64 (not for arm64)",
        syscall(SYS_semctl, id, 0, IPC_STAT | 0x100, &ds));
#endif
    res("semctl IPC_SET bad buf", semctl(id, 0, IPC_SET, BAD));
    res("semctl GETALL bad array", semctl(id, 0, GETALL, BAD));
    res("semctl SETALL bad array", semctl(id, 0, SETALL, BAD));
    unsigned short big[3] = {1, 40000, 1};
    res("semctl SETALL above SEMVMX", semctl(id, 0, SETALL, big));
    res("semctl GETVAL semnum 3", semctl(id, 3, GETVAL));
    res("semop nsops 0", semop(id, &op, 0));
    res("semop bad sops", semop(id, BAD, 1));
    res("semop too many ops, bad sops", semop(id, BAD, 100000));
    res("semop negative id, bad sops", semop(-1, BAD, 1));
    res("semtimedop bad timeout", semtimedop(id, &op, 1, BAD));
    res("semop semnum 3", semop(id, &(struct sembuf){3, 1, 0}, 1));

    ds.sem_perm.mode = 0600;
    res("semctl IPC_SET", semctl(id, 0, IPC_SET, (union semun){.buf = &ds}));
    semctl(id, 0, IPC_STAT, (union semun){.buf = &ds});
    printf("  mode now %o nsems %lu\n", ds.sem_perm.mode & 0777,
           (unsigned long)ds.sem_nsems);

    /* a blocked semop ends with EINTR when a handler runs (even with
     * SA_RESTART: semop is never restarted), and with EIDRM when the set
     * is removed under it */
    fflush(stdout);
    semctl(id, 1, SETVAL, (union semun){.val = 0});
    int sync[2];
    pipe(sync);
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction sa = {.sa_handler = on_usr1, .sa_flags = SA_RESTART};
        sigaction(SIGUSR1, &sa, NULL);
        struct sembuf w = {1, -1, 0};
        int r1 = semop(id, &w, 1), e1 = errno;
        write(sync[1], "x", 1);
        int r2 = semop(id, &w, 1), e2 = errno;
        _exit((r1 == -1 && e1 == EINTR ? 1 : 0) |
              (r2 == -1 && e2 == EIDRM ? 2 : 0));
    }
    wait_ncnt(id, 1);
    kill(pid, SIGUSR1);
    /* the child says when its first semop returned (if it stays blocked,
     * the IPC_RMID below ends it) */
    struct pollfd pfd = {.fd = sync[0], .events = POLLIN};
    char x;
    if (poll(&pfd, 1, 5000) == 1 && read(sync[0], &x, 1) == 1)
        wait_ncnt(id, 1); /* blocked in the second semop */
    res("semctl IPC_RMID", semctl(id, 0, IPC_RMID));
    int st;
    waitpid(pid, &st, 0);
    printf("blocked semop: EINTR by a signal %d, EIDRM by IPC_RMID %d\n",
           WEXITSTATUS(st) & 1, (WEXITSTATUS(st) >> 1) & 1);
    res("semop removed set", semop(id, &op, 1));
}

/* ---- shared memory ---- */

static int maps_line(void *addr, char *name, size_t n)
{
    char line[512], want[32];
    snprintf(want, sizeof(want), "%lx-", (unsigned long)addr);
    FILE *f = fopen("/proc/self/maps", "r");
    int found = 0;
    while (f && fgets(line, sizeof(line), f)) {
        if (strncmp(line, want, strlen(want)))
            continue;
        unsigned long s, e;
        char perms[8] = "";
        sscanf(line, "%lx-%lx %7s", &s, &e, perms);
        found = (int)((e - s) / 4096);
        char *p = strchr(line, '/');
        snprintf(name, n, "%s %s", perms, p ? p : ""); /* rw-s: shared */
        name[strcspn(name, "\n")] = 0;
    }
    if (f)
        fclose(f);
    return found;
}

static int child_write_dies(volatile char *p)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        p[0] = 1;
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

static void test_shm(void)
{
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    if (id < 0) {
        perror("shmget");
        exit(1);
    }
    char *p = shmat(id, NULL, 0);
    if (p == (void *)-1) {
        perror("shmat");
        exit(1);
    }
    for (int i = 0; i < 10000; i++)
        p[i] = (char)(i * 7);
    struct shmid_ds ds;
    res("shmctl IPC_STAT", shmctl(id, IPC_STAT, &ds));
    printf("  segsz %zu nattch %lu mode %o cpid-ok %d lpid-ok %d atime-set %d "
           "dtime %ld\n", ds.shm_segsz, (unsigned long)ds.shm_nattch,
           ds.shm_perm.mode & 0777, ds.shm_cpid == getpid(),
           ds.shm_lpid == getpid(), ds.shm_atime != 0, (long)ds.shm_dtime);
    char name[128] = "";
    int pages = maps_line(p, name, sizeof(name));
    printf("  /proc/self/maps: %d pages, %s\n", pages, name);

    /* the segment is guest memory for syscalls */
    int fds[2];
    pipe(fds);
    res("write from the segment", write(fds[1], p + 100, 50));
    char *q = shmat(id, NULL, SHM_RDONLY);
    printf("second attach read-only: %s, sees the data %d\n",
           q == (void *)-1 ? "failed" : "ok", q[100] == (char)700 &&
           q[9999] == (char)(9999 * 7));
    shmctl(id, IPC_STAT, &ds);
    printf("  nattch %lu\n", (unsigned long)ds.shm_nattch);
    res("read into the read-only attach", read(fds[0], q, 50));
    res("read into the writable attach", read(fds[0], p, 50));
    printf("  child writing the read-only attach dies by signal %d\n",
           child_write_dies(q));
    printf("  child writing the writable attach dies by signal %d\n",
           child_write_dies(p));

    res("shmdt read-only attach", shmdt(q));
    res("shmdt not an attach address", shmdt(p + 4096));
    res("shmdt unaligned", shmdt(p + 1));
    res("shmdt", shmdt(p));
    res("shmdt again", shmdt(p));
    shmctl(id, IPC_STAT, &ds);
    printf("  nattch %lu dtime-set %d\n", (unsigned long)ds.shm_nattch,
           ds.shm_dtime != 0);
    printf("  /proc/self/maps: %d pages\n", maps_line(p, name, sizeof(name)));
    res("write from the detached address", write(fds[1], p, 10));

    /* at a chosen address: SHM_RND rounds down */
    char *r = shmat(id, p + 5, SHM_RND);
    printf("shmat SHM_RND at p+5: %s, data %d\n", r == p ? "at p" : "elsewhere",
           r[100] == (char)700);
    res("shmat over it without SHM_REMAP", (long)shmat(id, p, 0));
    res("shmdt", shmdt(r));

    /* SHM_REMAP replaces a mapping of the guest's */
    char *a = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    a[0] = 42;
    r = shmat(id, a, SHM_REMAP);
    printf("shmat SHM_REMAP over an anonymous mapping: %s, data %d\n",
           r == a ? "at it" : "elsewhere", r[100] == (char)700);
    pages = maps_line(a, name, sizeof(name));
    printf("  /proc/self/maps: %d pages, %s\n", pages, name);
    res("shmdt", shmdt(a));
    res("write from the detached address", write(fds[1], a, 10));
#ifdef KERNEL_EDGES
    res("shmat SHM_REMAP at 0", (long)shmat(id, NULL, SHM_REMAP));
#endif

    struct shminfo si;
    memset(&si, 0, sizeof(si));
    long maxidx = shmctl(0, IPC_INFO, (struct shmid_ds *)&si);
    printf("shmctl IPC_INFO: %s shmmax-set %d shmmin %lu shmmni-set %d\n",
           maxidx >= 0 ? "ok" : "failed", si.shmmax > 0,
           (unsigned long)si.shmmin, si.shmmni > 0);
    struct shm_info sh;
    printf("shmctl SHM_INFO: %s\n",
           shmctl(0, SHM_INFO, (struct shmid_ds *)&sh) >= 0 ? "ok" : "failed");
#ifdef KERNEL_EDGES
    int found = 0;
    for (long i = 0; i <= maxidx; i++)
        if (shmctl((int)i, SHM_STAT_ANY, &ds) == id)
            found = ds.shm_segsz == 10000;
    printf("shmctl SHM_STAT_ANY finds the segment: %d\n", found);
#endif

    res("shmctl IPC_STAT bad buf", shmctl(id, IPC_STAT, BAD));
#ifdef KERNEL_EDGES
    res("shmctl IPC_STAT bad id, bad buf", shmctl(-1, IPC_STAT, BAD));
#endif
    res("shmctl IPC_SET bad buf", shmctl(id, IPC_SET, BAD));
    res("shmctl IPC_INFO bad buf", shmctl(0, IPC_INFO, BAD));
    res("shmat bad id", (long)shmat(-1, NULL, 0));
    res("shmat unaligned", (long)shmat(id, p + 5, 0));

    /* IPC_RMID while attached: usable until the last detach */
    p = shmat(id, NULL, 0);
    res("shmctl IPC_RMID while attached", shmctl(id, IPC_RMID, NULL));
    shmctl(id, IPC_STAT, &ds);
    printf("  data %d dest-flag %d key %d\n", p[100] == (char)700,
           (ds.shm_perm.mode & SHM_DEST) != 0, (int)ds.shm_perm.__key);
    res("shmdt", shmdt(p));
#ifdef KERNEL_EDGES
    res("shmctl IPC_STAT after the last detach", shmctl(id, IPC_STAT, &ds));
#endif
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_msg();
    test_sem();
    test_shm();
    return 0;
}
