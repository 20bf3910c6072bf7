/*
 * sigrt.c - signals glibc and real programs rely on beyond the classic
 * ones: pthread_cancel (glibc's SIGCANCEL is signal 32, which the host
 * glibc will not let the emulator install with sigaction()), real-time
 * signals queueing one instance per sigqueue() with its own value, and
 * the si_code of a jump into mapped but non-executable memory
 * (SEGV_ACCERR, a permission fault; SEGV_MAPERR is for unmapped).
 * setuid/setgid in a threaded program: glibc broadcasts them to every
 * thread with its SIGSETXID (signal 33), another signal the host glibc
 * keeps for itself.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int cleanup_ran;
static void cleanup(void *a)
{
    (void)a;
    cleanup_ran = 1;
}

static void *sleeper(void *a)
{
    (void)a;
    pthread_cleanup_push(cleanup, NULL);
    for (;;)
        pause();
    pthread_cleanup_pop(0);
    return NULL;
}

static volatile sig_atomic_t rt_count, rt_sum, rt_order_ok = 1;
static void on_rt(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    rt_count++;
    if (si->si_value.sival_int != rt_count)
        rt_order_ok = 0;
    rt_sum += si->si_value.sival_int;
}

static sigjmp_buf jb;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    printf("SIGSEGV si_code %d\n", si->si_code);
    siglongjmp(jb, 1);
}

static void *napper(void *a)
{
    (void)a;
    usleep(100000);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pthread_t t, nap[3];
    void *ret;
    for (int i = 0; i < 3; i++)
        pthread_create(&nap[i], NULL, napper, NULL);
    usleep(10000);
    /* same ids: allowed for any user, still broadcast to every thread */
    printf("setgid %d setuid %d\n", setgid(getgid()), setuid(getuid()));
    for (int i = 0; i < 3; i++)
        pthread_join(nap[i], NULL);

    pthread_create(&t, NULL, sleeper, NULL);
    usleep(20000);
    printf("pthread_cancel %d\n", pthread_cancel(t));
    pthread_join(t, &ret);
    printf("canceled %d cleanup %d\n", ret == PTHREAD_CANCELED, cleanup_ran);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN + 2, &sa, NULL);
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &m, NULL);
    for (int i = 1; i <= 8; i++) {
        union sigval v = {.sival_int = i};
        sigqueue(getpid(), SIGRTMIN + 2, v);
    }
    /* all queued instances are delivered before sigprocmask returns */
    sigprocmask(SIG_UNBLOCK, &m, NULL);
    printf("rt delivered %d sum %d in order %d\n", (int)rt_count,
           (int)rt_sum, (int)rt_order_ok);

    sa.sa_sigaction = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!sigsetjmp(jb, 1))
        ((void (*)(void))p)();
    munmap(p, 4096);
    if (!sigsetjmp(jb, 1))
        ((void (*)(void))p)();
    return 0;
}
