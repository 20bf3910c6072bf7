/*
 * sort.c - qsort and bsearch (callbacks through function pointers, BLR and
 * RET heavy) on ints, strings and structs, with checks that the result is
 * sorted and a permutation of the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;
static uint32_t rnd(void) { seed = seed * 1664525u + 1013904223u; return seed >> 8; }

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

struct rec { int key; double weight; char name[12]; };
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->weight != y->weight) return x->weight < y->weight ? -1 : 1;
    return x->key - y->key;
}

static void ints(int n)
{
    int *v = malloc(n * sizeof *v);
    long long sum = 0, sum2 = 0;
    for (int i = 0; i < n; i++) {
        v[i] = (int)(rnd() % 100000) - 50000;
        sum += v[i];
    }
    qsort(v, n, sizeof *v, cmp_int);
    int sorted = 1;
    for (int i = 0; i < n; i++) {
        sum2 += v[i];
        if (i && v[i - 1] > v[i]) sorted = 0;
    }
    int found = 0;
    for (int i = 0; i < n; i += 7) {
        int *p = bsearch(&v[i], v, n, sizeof *v, cmp_int);
        if (p && *p == v[i]) found++;
    }
    int missing = 100001;
    printf("ints n=%d sorted=%d sum_ok=%d min=%d max=%d median=%d found=%d absent=%s\n", n, sorted,
           sum == sum2, n ? v[0] : 0, n ? v[n - 1] : 0, n ? v[n / 2] : 0, found,
           bsearch(&missing, v, n, sizeof *v, cmp_int) ? "found?!" : "ok");
    free(v);
}

static void strings(void)
{
    enum { N = 2000 };
    static char store[N][16];
    static char *p[N];
    for (int i = 0; i < N; i++) {
        int len = 1 + rnd() % 14;
        for (int j = 0; j < len; j++) store[i][j] = (char)('a' + rnd() % 26);
        store[i][len] = 0;
        p[i] = store[i];
    }
    qsort(p, N, sizeof *p, cmp_str);
    int sorted = 1;
    for (int i = 1; i < N; i++)
        if (strcmp(p[i - 1], p[i]) > 0) sorted = 0;
    printf("strings sorted=%d first=%s last=%s mid=%s\n", sorted, p[0], p[N - 1], p[N / 2]);
}

static void records(void)
{
    enum { N = 1000 };
    static struct rec r[N];
    for (int i = 0; i < N; i++) {
        r[i].key = i;
        r[i].weight = (double)(rnd() % 50) / 4.0;
        snprintf(r[i].name, sizeof r[i].name, "r%d", i);
    }
    qsort(r, N, sizeof *r, cmp_rec);
    int ok = 1;
    for (int i = 1; i < N; i++)
        if (cmp_rec(&r[i - 1], &r[i]) >= 0) ok = 0;
    printf("records sorted=%d first=%s(%g) last=%s(%g)\n", ok, r[0].name, r[0].weight, r[N - 1].name, r[N - 1].weight);
}

int main(void)
{
    int sizes[] = {0, 1, 2, 3, 10, 100, 1000, 100000};
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        ints(sizes[i]);
    strings();
    records();
    return 0;
}
