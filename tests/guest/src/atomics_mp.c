/*
 * atomics_mp.c - atomics under contention between processes (fork) on a
 * MAP_SHARED page, where each guest process is a separate emulator process
 * and the host's atomic instructions are the only synchronisation:
 * fetch_add on 64 bits, a spin lock (exchange acquire / store release)
 * protecting a plain counter, a 128-bit CAS loop (LDXP/STXP or CASP), and
 * 8/16-bit fetch_add/fetch_sub.  Built for LL/SC and for LSE; both print the
 * exact totals (any lost update changes them).  threads.c covers threads.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define NPROC 4
#define ITERS 50000

struct shared {
    _Atomic long counter;
    _Atomic int lock;
    long plain;
    __int128 wide;
    _Atomic unsigned char b;
    _Atomic short h;
};

static void work(struct shared *s)
{
    for (int i = 0; i < ITERS; i++) {
        atomic_fetch_add(&s->counter, 1);
        while (atomic_exchange_explicit(&s->lock, 1, memory_order_acquire))
            ;
        s->plain++;
        atomic_store_explicit(&s->lock, 0, memory_order_release);
        __int128 o = s->wide, p;
        while ((p = __sync_val_compare_and_swap(&s->wide, o, o + 1)) != o)
            o = p;
        atomic_fetch_add(&s->b, 1);
        atomic_fetch_sub(&s->h, 3);
    }
}

int main(void)
{
    struct shared *s = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (s == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (int k = 0; k < NPROC; k++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            work(s);
            _exit(0);
        }
    }
    int bad = 0;
    for (int k = 0; k < NPROC; k++) {
        int st;
        if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            bad++;
    }
    printf("children failed: %d\n", bad);
    printf("counter %ld plain %ld wide %lld byte %d short %d\n", (long)s->counter, s->plain,
           (long long)s->wide, s->b, s->h);
    return 0;
}
