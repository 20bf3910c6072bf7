/*
 * kuser.c - 32-bit ARM only: the kernel's user helpers at 0xffff0f60..
 * 0xffff0fff (Documentation/arm/kernel_user_helpers.rst), called the way
 * libgcc's pre-ARMv6 __sync_* fallbacks and old glibc call them: through
 * function pointers at the fixed addresses (blx from ARM or Thumb code).
 *
 * Checks what programs rely on: the helper version word, __kuser_get_tls
 * returning the thread pointer (each thread its own), __kuser_cmpxchg and
 * __kuser_cmpxchg64 returning 0 and setting C exactly when they stored,
 * leaving memory alone otherwise, and being atomic against each other from
 * four threads, and __kuser_memory_barrier returning.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

typedef int(kuser_cmpxchg_t)(int oldval, int newval, volatile int *ptr);
typedef int(kuser_cmpxchg64_t)(const int64_t *oldval, const int64_t *newval,
                               volatile int64_t *ptr);
typedef void *(kuser_get_tls_t)(void);
typedef void(kuser_memory_barrier_t)(void);
#define kuser_cmpxchg (*(kuser_cmpxchg_t *)0xffff0fc0)
#define kuser_cmpxchg64 (*(kuser_cmpxchg64_t *)0xffff0f60)
#define kuser_get_tls (*(kuser_get_tls_t *)0xffff0fe0)
#define kuser_memory_barrier (*(kuser_memory_barrier_t *)0xffff0fa0)
#define kuser_helper_version (*(volatile int32_t *)0xffff0ffc)

#define THREADS 4
#define ROUNDS 20000

static volatile int counter;
static volatile int64_t counter64;

/* __kuser_cmpxchg through blx, returning the C flag it leaves. */
static int cmpxchg_carry(int oldval, int newval, volatile int *ptr, int *ret)
{
    register int r0 __asm__("r0") = oldval;
    register int r1 __asm__("r1") = newval;
    register volatile int *r2 __asm__("r2") = ptr;
    int flags;
    __asm__ volatile("ldr r3, =0xffff0fc0\n\t"
                     "blx r3\n\t"
                     "mrs %[f], cpsr"
                     : "+r"(r0), "+r"(r1), "+r"(r2), [f] "=r"(flags)
                     :
                     : "r3", "ip", "lr", "cc", "memory");
    *ret = r0;
    return (flags >> 29) & 1;
}

static void *worker(void *arg)
{
    void **tp = arg;
    *tp = kuser_get_tls();
    for (int i = 0; i < ROUNDS; i++) {
        int old;
        do
            old = counter;
        while (kuser_cmpxchg(old, old + 1, &counter) != 0);
        int64_t o, n;
        do {
            o = counter64;
            n = o + 0x100000001ll;
        } while (kuser_cmpxchg64(&o, &n, &counter64) != 0);
    }
    kuser_memory_barrier();
    return NULL;
}

int main(void)
{
    printf("helper version >= 5: %d\n", kuser_helper_version >= 5);
    printf("get_tls is the thread pointer: %d\n",
           kuser_get_tls() == __builtin_thread_pointer());

    volatile int v = 5;
    int r, c = cmpxchg_carry(5, 7, &v, &r);
    printf("cmpxchg 5->7 on 5: ret0=%d C=%d now %d\n", r == 0, c, v);
    c = cmpxchg_carry(5, 9, &v, &r);
    printf("cmpxchg 5->9 on 7: ret0=%d C=%d now %d\n", r == 0, c, v);

    volatile int64_t w = 0x123456789abcdefll;
    int64_t o = 0x123456789abcdefll, n = -2;
    r = kuser_cmpxchg64(&o, &n, &w);
    printf("cmpxchg64 match: ret0=%d now %lld\n", r == 0, (long long)w);
    o = 0x123456789abcdefll, n = 42;
    r = kuser_cmpxchg64(&o, &n, &w);
    printf("cmpxchg64 mismatch: ret0=%d now %lld\n", r == 0, (long long)w);
    /* only the high half differs: still no store */
    w = 0x100000005ll, o = 0x200000005ll, n = 1;
    r = kuser_cmpxchg64(&o, &n, &w);
    printf("cmpxchg64 high half differs: ret0=%d now %llx\n", r == 0,
           (unsigned long long)w);

    pthread_t t[THREADS];
    void *tp[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, &tp[i]);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    int distinct = 1;
    for (int i = 0; i < THREADS; i++)
        for (int j = 0; j < i; j++)
            if (tp[i] == tp[j] || tp[i] == __builtin_thread_pointer())
                distinct = 0;
    printf("threads have their own TLS: %d\n", distinct);
    printf("counter %d (expect %d)\n", counter, THREADS * ROUNDS);
    printf("counter64 %llx (expect %llx)\n", (unsigned long long)counter64,
           (unsigned long long)(THREADS * ROUNDS * 0x100000001ll));
    kuser_memory_barrier();
    return 0;
}
