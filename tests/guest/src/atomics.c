/*
 * atomics.c - __atomic builtins and C11 <stdatomic.h> on 8/16/32/64/128-bit
 * objects, single-threaded (threads.c covers contention).  Built twice:
 * -march=armv8-a -mno-outline-atomics (LDXR/STXR, LDAXR/STLXR, LDXP/STXP
 * loops) and -march=armv8.1-a (LSE: LDADD, LDCLR, LDEOR, LDSET, SWP, CAS,
 * CASP).  Both must print the same: the output names the operation, the
 * old value returned and the new value in memory.
 */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define TEST_TYPE(T, fmt, init, operand)                                                          \
    do {                                                                                          \
        T v = (T)(init), o = (T)(operand), r, exp;                                                \
        unsigned long long iv = (unsigned long long)v;                                            \
        r = __atomic_fetch_add(&v, o, __ATOMIC_SEQ_CST); printf(#T " fetch_add old=" fmt " new=" fmt "\n", r, v); \
        r = __atomic_fetch_sub(&v, o, __ATOMIC_ACQUIRE); printf(#T " fetch_sub old=" fmt " new=" fmt "\n", r, v); \
        r = __atomic_fetch_and(&v, o, __ATOMIC_RELEASE); printf(#T " fetch_and old=" fmt " new=" fmt "\n", r, v); \
        r = __atomic_fetch_or(&v, o, __ATOMIC_ACQ_REL); printf(#T " fetch_or old=" fmt " new=" fmt "\n", r, v); \
        r = __atomic_fetch_xor(&v, (T)iv, __ATOMIC_RELAXED); printf(#T " fetch_xor old=" fmt " new=" fmt "\n", r, v); \
        r = __atomic_fetch_nand(&v, o, __ATOMIC_SEQ_CST); printf(#T " fetch_nand old=" fmt " new=" fmt "\n", r, v); \
        r = __atomic_add_fetch(&v, (T)7, __ATOMIC_SEQ_CST); printf(#T " add_fetch ret=" fmt "\n", r); \
        r = __atomic_exchange_n(&v, (T)iv, __ATOMIC_SEQ_CST); printf(#T " exchange old=" fmt " new=" fmt "\n", r, v); \
        exp = (T)iv;                                                                              \
        int ok = __atomic_compare_exchange_n(&v, &exp, o, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
        printf(#T " cas(expected match) ok=%d now=" fmt "\n", ok, v);                             \
        exp = (T)(o + 1);                                                                         \
        ok = __atomic_compare_exchange_n(&v, &exp, (T)0, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);  \
        printf(#T " cas(expected mismatch) ok=%d now=" fmt " expected<-" fmt "\n", ok, v, exp);   \
        exp = v;                                                                                  \
        while (!__atomic_compare_exchange_n(&v, &exp, (T)(exp * 3 + 1), 1, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) \
            ;                                                                                     \
        printf(#T " weak cas loop now=" fmt "\n", v);                                             \
        __atomic_store_n(&v, (T)iv, __ATOMIC_RELEASE);                                            \
        printf(#T " load=" fmt "\n", __atomic_load_n(&v, __ATOMIC_ACQUIRE));                      \
    } while (0)

static void builtins(void)
{
    TEST_TYPE(uint8_t, "%u", 0xF0, 0x3C);
    TEST_TYPE(int8_t, "%d", -100, 77);
    TEST_TYPE(uint16_t, "%u", 0xFFF0, 0x1234);
    TEST_TYPE(int16_t, "%d", -30000, 12345);
    TEST_TYPE(uint32_t, "%u", 0xFFFFFFF0u, 0x12345678u);
    TEST_TYPE(int32_t, "%d", INT32_MIN + 5, 0x7FFF0000);
    TEST_TYPE(uint64_t, "%" PRIx64, 0xFFFFFFFFFFFFFFF0ull, 0x0123456789ABCDEFull);
    TEST_TYPE(int64_t, "%" PRId64, INT64_MIN + 3, 0x7FFFFFFF00000000ll);
}

static void c11(void)
{
    atomic_int ai = 5;
    atomic_llong al = -1;
    atomic_flag fl = ATOMIC_FLAG_INIT;
    atomic_bool ab = 0;
    int e = 5;
    printf("c11 fetch_add %d -> %d\n", atomic_fetch_add(&ai, 10), atomic_load(&ai));
    printf("c11 fetch_sub_explicit %d -> %d\n", atomic_fetch_sub_explicit(&ai, 3, memory_order_relaxed), atomic_load(&ai));
    printf("c11 cas strong fail: %d, e=%d\n", atomic_compare_exchange_strong(&ai, &e, 100), e);
    printf("c11 cas strong ok: %d, now=%d\n", atomic_compare_exchange_strong(&ai, &e, 100), atomic_load(&ai));
    printf("c11 llong exchange %lld -> %lld\n", atomic_exchange(&al, 1LL << 40), atomic_load(&al));
    printf("c11 flag test_and_set %d %d\n", atomic_flag_test_and_set(&fl), atomic_flag_test_and_set(&fl));
    atomic_flag_clear(&fl);
    printf("c11 flag after clear %d\n", atomic_flag_test_and_set(&fl));
    atomic_store(&ab, 1);
    printf("c11 bool %d lock-free int %d llong %d\n", atomic_load(&ab), atomic_is_lock_free(&ai), atomic_is_lock_free(&al));
    atomic_thread_fence(memory_order_seq_cst);
    atomic_signal_fence(memory_order_acquire);
}

static void int128(void)
{
    /* __sync on 16 bytes is inlined (LDXP/STXP or CASP), __atomic calls libatomic */
    static unsigned __int128 q __attribute__((aligned(16)));
    q = ((unsigned __int128)0x1111111111111111ull << 64) | 0x2222222222222222ull;
    unsigned __int128 want = q, nv = ((unsigned __int128)0xAAAAAAAAAAAAAAAAull << 64) | 0xBBBBBBBBBBBBBBBBull;
    unsigned __int128 old = __sync_val_compare_and_swap(&q, want, nv);
    printf("u128 cas old %016llx%016llx new %016llx%016llx\n", (unsigned long long)(old >> 64), (unsigned long long)old,
           (unsigned long long)(q >> 64), (unsigned long long)q);
    volatile uint64_t zero = 0; /* a constant 0 here triggers a GCC 12 ICE */
    old = __sync_val_compare_and_swap(&q, want, (unsigned __int128)zero);
    printf("u128 cas mismatch old %016llx%016llx unchanged %d\n", (unsigned long long)(old >> 64), (unsigned long long)old, q == nv);
    int ok = __sync_bool_compare_and_swap(&q, nv, want);
    printf("u128 bool cas %d back %d\n", ok, q == want);
}

int main(void)
{
    builtins();
    c11();
    int128();
    return 0;
}
