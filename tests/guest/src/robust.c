/*
 * robust.c - robust futexes (set_robust_list): a thread or process that
 * ends while it holds a PTHREAD_MUTEX_ROBUST mutex hands the next locker
 * EOWNERDEAD (the kernel's exit_robust_list/handle_futex_death set
 * FUTEX_OWNER_DIED in the word and wake a waiter), and after
 * pthread_mutex_consistent the mutex works again.  Cases: a thread that
 * returns, a thread that dies while another thread waits, a process-shared
 * mutex whose child process _exit()s, is killed by SIGSEGV or by a
 * SIGTERM from its parent (default action), or leaves
 * through exit() from its main thread while a second thread holds it, and
 * a parent already waiting when the child dies.  The output is also what
 * the source prints built for x86-64 and run natively.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *ename(int e)
{
    return e ? strerrorname_np(e) : "0";
}

static void init_robust(pthread_mutex_t *m, int pshared)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    int e = pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    if (!e && pshared)
        e = pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    if (!e)
        e = pthread_mutex_init(m, &a);
    if (e) {
        printf("robust mutex init: %s\n", ename(e));
        exit(1);
    }
    pthread_mutexattr_destroy(&a);
}

/* Locks m (expecting the previous owner dead), makes it consistent,
 * unlocks, and locks it once more. */
static void take_over(const char *what, pthread_mutex_t *m)
{
    int e = pthread_mutex_lock(m);
    printf("%s: lock %s", what, ename(e));
    if (e == EOWNERDEAD) {
        printf(", consistent %s", ename(pthread_mutex_consistent(m)));
        printf(", unlock %s", ename(pthread_mutex_unlock(m)));
        printf(", relock %s", ename(pthread_mutex_lock(m)));
    }
    printf(", unlock %s\n", ename(pthread_mutex_unlock(m)));
}

static pthread_mutex_t tm;
static pthread_barrier_t bar;

static void *hold_and_return(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&tm);
    return NULL;
}

static void *hold_until_barrier(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&tm);
    pthread_barrier_wait(&bar);
    pthread_barrier_wait(&bar);
    pthread_exit(NULL);
}

static void *waiter(void *arg)
{
    (void)arg;
    take_over("waiting thread", &tm);
    return NULL;
}

static void thread_cases(void)
{
    pthread_t t, w;
    init_robust(&tm, 0);
    pthread_create(&t, NULL, hold_and_return, NULL);
    pthread_join(t, NULL);
    take_over("thread returned", &tm);

    /* a second thread waits (or comes late) while the owner exits */
    pthread_barrier_init(&bar, NULL, 2);
    pthread_create(&t, NULL, hold_until_barrier, NULL);
    pthread_barrier_wait(&bar);
    pthread_create(&w, NULL, waiter, NULL);
    pthread_barrier_wait(&bar);
    pthread_join(t, NULL);
    pthread_join(w, NULL);
    pthread_barrier_destroy(&bar);

    /* the robust list head the kernel records: three pointer-sized words */
    void *head;
    size_t len;
    long r = syscall(SYS_get_robust_list, 0, &head, &len);
    printf("get_robust_list: %ld, len %s\n", r,
           len == 3 * sizeof(void *) ? "3 words" : "wrong");
}

static pthread_mutex_t *sm; /* in a MAP_SHARED page */

static void *child_holder(void *arg)
{
    int *fd = arg;
    pthread_mutex_lock(sm);
    char c = 1;
    write(fd[1], &c, 1);
    for (;;)
        pause();
}

static void child_case(int how)
{
    int go[2], held[2];
    pipe(go);
    pipe(held);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        if (how == 3) {
            /* a second thread holds it; main calls exit() */
            pthread_t t;
            pthread_create(&t, NULL, child_holder, held);
            read(go[0], &c, 1);
            exit(0);
        }
        pthread_mutex_lock(sm);
        write(held[1], &c, 1);
        read(go[0], &c, 1);
        if (how == 1)
            _exit(0);
        if (how == 2)
            *(volatile int *)8 = 1; /* SIGSEGV */
        _exit(0);
    }
    char c;
    read(held[0], &c, 1);
    const char *names[] = {"", "child _exit", "child SIGSEGV", "child thread",
                           "waiting parent", "child SIGTERM"};
    if (how == 5)
        kill(pid, SIGTERM);
    if (how == 4) {
        /* the parent waits in the lock when the child goes */
        write(go[1], &c, 1);
        take_over(names[how], sm);
        waitpid(pid, NULL, 0);
    } else {
        write(go[1], &c, 1);
        int st;
        waitpid(pid, &st, 0);
        if (WIFSIGNALED(st))
            printf("%s: killed by %s\n", names[how], sigabbrev_np(WTERMSIG(st)));
        else
            printf("%s: exit %d\n", names[how], WEXITSTATUS(st));
        take_over(names[how], sm);
    }
    close(go[0]), close(go[1]), close(held[0]), close(held[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    thread_cases();
    sm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
              -1, 0);
    init_robust(sm, 1);
    for (int how = 1; how <= 5; how++)
        child_case(how);
    /* a mutex nobody died holding is not marked */
    int e = pthread_mutex_lock(sm);
    printf("unowned: lock %s, unlock %s\n", ename(e),
           ename(pthread_mutex_unlock(sm)));
    return 0;
}
