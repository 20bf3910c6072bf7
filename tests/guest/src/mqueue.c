/*
 * mqueue.c - POSIX message queues: mq_open with attributes, priority
 * order, timeouts, O_NONBLOCK through mq_setattr, notification by signal
 * (SIGEV_SIGNAL, si_code SI_MESGQ) and by thread (glibc's SIGEV_THREAD:
 * a netlink socket the kernel writes a cookie to, read by a helper
 * thread), and the kernel's errors in the kernel's order (EBADF before a
 * bad buffer is touched).  Prints no names, descriptors or times.
 *
 * Built twice: mqueue (checked against qemu-aarch64 too) and, with
 * KERNEL_EDGES, mqueue_kernel, adding what qemu 7.2 does not do: it has
 * no mq_notify (ENOSYS), and it ignores a bad priority pointer of
 * mq_timedreceive and bad mq_getsetattr buffers, where ipc/mqueue.c
 * faults (put_user of the priority after the message is taken, copy of
 * the attributes) - the same kernel code as on x86-64, where this file
 * built natively prints the same.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "result.h"

static void show(mqd_t q)
{
    struct mq_attr a;
    memset(&a, 0xa5, sizeof(a));
    mq_getattr(q, &a);
    printf("  flags %s maxmsg %ld msgsize %ld curmsgs %ld\n",
           a.mq_flags & O_NONBLOCK ? "O_NONBLOCK" : "0", a.mq_maxmsg,
           a.mq_msgsize, a.mq_curmsgs);
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int notified;

static void on_notify(union sigval v)
{
    pthread_mutex_lock(&lock);
    notified = v.sival_int;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    char name[64];
    snprintf(name, sizeof(name), "/emu-mqueue-test-%d", getpid());
    struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 64};
    mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    if (q == (mqd_t)-1) {
        perror("mq_open");
        return 1;
    }
    printf("mq_open O_CREAT|O_EXCL: ok\n");
    show(q);
    res("mq_open O_EXCL again", mq_open(name, O_CREAT | O_EXCL | O_RDWR,
                                        0600, &attr));

    res("mq_send low prio 1", mq_send(q, "low", 4, 1));
    res("mq_send high prio 5", mq_send(q, "high", 5, 5));
    res("mq_send mid prio 3", mq_send(q, "mid", 4, 3));
    show(q);
    char buf[64];
    unsigned prio;
    for (int i = 0; i < 3; i++) {
        long n = mq_receive(q, buf, sizeof(buf), &prio);
        printf("mq_receive: %ld \"%s\" prio %u\n", n, n > 0 ? buf : "", prio);
    }
    res("mq_receive buffer below msgsize", mq_receive(q, buf, 10, &prio));
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    res("mq_timedreceive empty, 50 ms", mq_timedreceive(q, buf, sizeof(buf),
                                                        NULL, &ts));
    struct timespec badts = {0, 2000000000};
    res("mq_timedreceive bad timeout", mq_timedreceive(q, buf, sizeof(buf),
                                                       NULL, &badts));

    struct mq_attr nb = {.mq_flags = O_NONBLOCK}, old;
    res("mq_setattr O_NONBLOCK", mq_setattr(q, &nb, &old));
    printf("  old flags %s\n", old.mq_flags & O_NONBLOCK ? "O_NONBLOCK" : "0");
    show(q);
    res("mq_receive empty, non-blocking", mq_receive(q, buf, sizeof(buf),
                                                     NULL));
    for (int i = 0; i < 4; i++)
        mq_send(q, "x", 1, 0);
    res("mq_send full, non-blocking", mq_send(q, "x", 1, 0));
    show(q);
    res("mq_send above msgsize", mq_send(q, buf, 65, 0));
    res("mq_send prio MQ_PRIO_MAX", mq_send(q, "x", 1, 32768));
    while (mq_receive(q, buf, sizeof(buf), NULL) >= 0)
        ;
    nb.mq_flags = 0;
    mq_setattr(q, &nb, NULL);

#ifdef KERNEL_EDGES
    /* notification by signal */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL,
                          .sigev_signo = SIGUSR1,
                          .sigev_value.sival_int = 42};
    res("mq_notify SIGEV_SIGNAL", mq_notify(q, &ev));
    res("mq_notify again", mq_notify(q, &ev));
    mq_send(q, "ping", 5, 0);
    siginfo_t si;
    struct timespec two = {2, 0};
    int sig = sigtimedwait(&set, &si, &two);
    printf("  signal %s si_code SI_MESGQ %d value %d pid-ok %d\n",
           sig == SIGUSR1 ? "SIGUSR1" : "none", si.si_code == SI_MESGQ,
           si.si_value.sival_int, si.si_pid == getpid());
    res("mq_notify after it fired", mq_notify(q, &ev));
    res("mq_notify NULL (unregister)", mq_notify(q, NULL));
    mq_receive(q, buf, sizeof(buf), NULL);

    /* notification by thread */
    ev = (struct sigevent){.sigev_notify = SIGEV_THREAD,
                           .sigev_notify_function = on_notify,
                           .sigev_value.sival_int = 7};
    res("mq_notify SIGEV_THREAD", mq_notify(q, &ev));
    mq_send(q, "pong", 5, 0);
    pthread_mutex_lock(&lock);
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 5;
    while (!notified &&
           pthread_cond_timedwait(&cond, &lock, &ts) != ETIMEDOUT)
        ;
    pthread_mutex_unlock(&lock);
    printf("  thread ran with value %d\n", notified);
    mq_receive(q, buf, sizeof(buf), NULL);

#endif

    /* errors, in the kernel's order */
    int p[2];
    pipe(p);
    res("mq_timedsend not a queue, bad buffer",
        syscall(SYS_mq_timedsend, p[0], BAD, 1, 0, NULL));
    res("mq_timedsend bad buffer", syscall(SYS_mq_timedsend, q, BAD, 1, 0,
                                           NULL));
    res("mq_timedsend bad timeout", syscall(SYS_mq_timedsend, q, "x", 1, 0,
                                            BAD));
#ifdef KERNEL_EDGES
    mq_send(q, "y", 1, 0);
    res("mq_timedreceive bad prio pointer",
        syscall(SYS_mq_timedreceive, q, buf, sizeof(buf), BAD, NULL));
    nb.mq_flags = O_NONBLOCK;
    mq_setattr(q, &nb, NULL);
    res("  the message was consumed", mq_receive(q, buf, sizeof(buf), NULL));
    res("mq_getsetattr bad new", syscall(SYS_mq_getsetattr, q, BAD, NULL));
    res("mq_getsetattr bad old", syscall(SYS_mq_getsetattr, q, NULL, BAD));
    res("mq_notify bad sigevent", syscall(SYS_mq_notify, q, BAD));
#endif
    res("mq_open bad name", syscall(SYS_mq_open, BAD, O_RDONLY, 0, NULL));
    res("mq_open bad attr", syscall(SYS_mq_open, name + 1, O_RDONLY, 0, BAD));
    struct mq_attr zero = {.mq_maxmsg = 0, .mq_msgsize = 64};
    res("mq_open O_CREAT maxmsg 0", mq_open("/emu-mqueue-never", O_CREAT |
                                            O_RDWR, 0600, &zero));

    res("mq_close", mq_close(q));
    res("mq_unlink", mq_unlink(name));
    res("mq_unlink again", mq_unlink(name));
    res("mq_open removed", mq_open(name, O_RDWR));
    return 0;
}
