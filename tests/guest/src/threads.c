/*
 * threads.c - POSIX threads: clone with CLONE_SETTLS/CHILD_CLEARTID,
 * futex wait/wake (mutexes, condition variables, joins), __thread
 * variables (TPIDR_EL0), contended atomics (exclusive pairs or LSE), and a
 * pthread_once / barrier.  The output is fixed: all counts are exact.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define NTHREADS 4
#define ITERS 20000

static atomic_long atomic_counter;
static long mutex_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread long tls_value = 1000;
static __thread char tls_buf[64];
static pthread_barrier_t barrier;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_fn(void) { once_runs++; }

static void *worker(void *arg)
{
    long id = (long)arg;
    tls_value += id; /* each thread has its own copy */
    tls_buf[0] = (char)('A' + id);
    pthread_once(&once, once_fn);
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < ITERS; i++) {
        atomic_fetch_add_explicit(&atomic_counter, 1, memory_order_relaxed);
        pthread_mutex_lock(&lock);
        mutex_counter += 2;
        pthread_mutex_unlock(&lock);
    }
    long ok = tls_value == 1000 + id && tls_buf[0] == (char)('A' + id);
    return (void *)ok;
}

/* producer/consumer through a condition variable */
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int queue[16], qhead, qtail, done;
static void *producer(void *arg)
{
    (void)arg;
    for (int i = 1; i <= 1000; i++) {
        pthread_mutex_lock(&lock);
        while (qtail - qhead == 16)
            pthread_cond_wait(&cv, &lock);
        queue[qtail++ % 16] = i;
        pthread_cond_broadcast(&cv);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    done = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    long tls_ok = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        tls_ok += (long)r;
    }
    printf("atomic counter %ld (want %d)\n", atomic_load(&atomic_counter), NTHREADS * ITERS);
    printf("mutex counter %ld (want %d)\n", mutex_counter, 2 * NTHREADS * ITERS);
    printf("threads with correct TLS %ld of %d, main tls_value %ld\n", tls_ok, NTHREADS, tls_value);
    printf("pthread_once ran %d time(s)\n", once_runs);

    pthread_t p;
    pthread_create(&p, NULL, producer, NULL);
    long sum = 0;
    int got = 0;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (qhead == qtail && !done)
            pthread_cond_wait(&cv, &lock);
        if (qhead == qtail && done)
            break;
        sum += queue[qhead++ % 16];
        got++;
        pthread_cond_broadcast(&cv);
    }
    pthread_mutex_unlock(&lock);
    pthread_join(p, NULL);
    printf("consumer got %d items, sum %ld\n", got, sum);

    /* a thread with a small explicit stack */
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setstacksize(&at, 256 * 1024);
    pthread_t small;
    pthread_barrier_destroy(&barrier);
    pthread_barrier_init(&barrier, NULL, 1);
    pthread_create(&small, &at, worker, (void *)(long)NTHREADS);
    void *r;
    pthread_join(small, &r);
    printf("small-stack thread ok=%ld\n", (long)r);
    return 0;
}
