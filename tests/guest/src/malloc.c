/*
 * malloc.c - glibc malloc under stress: small bins, large sizes served by
 * mmap (>= 128 KiB by default), realloc growing/shrinking (mremap for big
 * blocks), calloc zeroing, aligned allocation, and a random alloc/free mix.
 * Every block is filled with a pattern derived from its id and checked
 * before it is freed, so a wrong brk/mmap/mremap shows up as corruption.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glibc's MALLOC_ALIGNMENT: 2 * sizeof(size_t), or long double's alignment
 * if larger: 16 on AArch64, 8 on 32-bit ARM EABI. */
#define MALLOC_ALIGN                                                           \
    (2 * sizeof(size_t) > _Alignof(long double) ? 2 * sizeof(size_t)           \
                                                : _Alignof(long double))

static uint64_t st = 0x1234567887654321ull;
static uint64_t rnd(void) { st ^= st << 13; st ^= st >> 7; st ^= st << 17; return st; }

static void pattern(unsigned char *p, size_t n, unsigned id)
{
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(id * 31 + i * 7);
}
static int check(const unsigned char *p, size_t n, unsigned id)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(id * 31 + i * 7)) return 0;
    return 1;
}

int main(void)
{
    enum { SLOTS = 512 };
    static unsigned char *ptr[SLOTS];
    static size_t len[SLOTS];
    int corrupt = 0, allocs = 0, frees = 0, reallocs = 0;
    for (int round = 0; round < 20000; round++) {
        unsigned s = (unsigned)(rnd() % SLOTS);
        if (ptr[s]) {
            if (!check(ptr[s], len[s], s)) corrupt++;
            if (rnd() % 3 == 0) {
                size_t nl = (size_t)(rnd() % (rnd() % 8 == 0 ? 300000 : 2000));
                unsigned char *q = realloc(ptr[s], nl ? nl : 1);
                if (!q) { printf("realloc failed\n"); return 1; }
                size_t keep = nl < len[s] ? nl : len[s];
                if (!check(q, keep, s)) corrupt++;
                ptr[s] = q;
                len[s] = nl;
                pattern(q, nl, s);
                reallocs++;
            } else {
                free(ptr[s]);
                ptr[s] = NULL;
                frees++;
            }
        } else {
            size_t n = (size_t)(rnd() % (rnd() % 16 == 0 ? 1 << 20 : 512));
            ptr[s] = malloc(n);
            if (!ptr[s]) { printf("malloc(%zu) failed\n", n); return 1; }
            if ((uintptr_t)ptr[s] % MALLOC_ALIGN)
                printf("malloc result not %d-aligned\n", (int)MALLOC_ALIGN);
            len[s] = n;
            pattern(ptr[s], n, s);
            allocs++;
        }
    }
    for (int s = 0; s < SLOTS; s++)
        if (ptr[s]) {
            if (!check(ptr[s], len[s], s)) corrupt++;
            free(ptr[s]);
        }
    printf("random mix: allocs=%d frees=%d reallocs=%d corrupt=%d\n", allocs, frees, reallocs, corrupt);

    /* calloc must return zeroed memory, also when it reuses freed blocks */
    int nonzero = 0;
    for (int i = 0; i < 200; i++) {
        size_t n = 1 + (size_t)i * 97;
        unsigned char *p = malloc(n);
        memset(p, 0xAB, n);
        free(p);
        p = calloc(n, 1);
        for (size_t j = 0; j < n; j++) nonzero += p[j] != 0;
        free(p);
    }
    unsigned char *big = calloc(4 << 20, 1);
    for (size_t j = 0; j < (4u << 20); j += 4096) nonzero += big[j] != 0;
    free(big);
    printf("calloc nonzero bytes: %d\n", nonzero);

    /* aligned allocations */
    int misaligned = 0;
    for (size_t al = 16; al <= 65536; al *= 2) {
        void *p = NULL;
        if (posix_memalign(&p, al, 100) != 0 || (uintptr_t)p % al) misaligned++;
        free(p);
        p = aligned_alloc(al, al * 3);
        if (!p || (uintptr_t)p % al) misaligned++;
        free(p);
        p = memalign(al, 7);
        if (!p || (uintptr_t)p % al) misaligned++;
        free(p);
    }
    printf("aligned allocations misaligned: %d\n", misaligned);

    /* one block grown step by step to 16 MiB keeps its contents */
    size_t n = 1;
    unsigned char *g = malloc(n);
    g[0] = 0x5A;
    int grow_bad = 0;
    while (n < (16u << 20)) {
        size_t nn = n * 2 + 3;
        g = realloc(g, nn);
        if (g[0] != 0x5A || (n > 1 && g[n - 1] != (unsigned char)(n - 1))) grow_bad++;
        memset(g + n, 0, nn - n);
        g[nn - 1] = (unsigned char)(nn - 1);
        n = nn;
    }
    free(g);
    printf("grow to %zu bytes: bad=%d\n", n, grow_bad);
    /* many small blocks (brk growth) */
    void **many = malloc(100000 * sizeof *many);
    for (int i = 0; i < 100000; i++) { many[i] = malloc(24 + i % 40); memset(many[i], i, 24); }
    int small_bad = 0;
    for (int i = 0; i < 100000; i++) {
        if (((unsigned char *)many[i])[23] != (unsigned char)i) small_bad++;
        free(many[i]);
    }
    free(many);
    printf("100000 small blocks: bad=%d\n", small_bad);
    return 0;
}
