/*
 * vector.c - loops GCC auto-vectorizes at -O3 into AdvSIMD: integer
 * add/mul/min/max/abs/shift/widen/narrow, byte histogram-free reductions,
 * float add/mul/fma/div/sqrt elementwise, and conversions.  Array lengths
 * are not multiples of the vector width so the scalar tails run too.
 * Results are printed as exact hashes / %a values.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define N 1003
static int32_t ia[N], ib[N], ic[N];
static int16_t sa[N], sb[N];
static uint8_t ua[N], ub[N];
static int64_t la[N];
static float fa[N], fb[N], fc[N];
static double da[N], db[N];

static uint64_t h = 1469598103934665603ull;
static void mixin(const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) { h ^= c[i]; h *= 1099511628211ull; }
}

__attribute__((noinline)) static void int_loops(void)
{
    for (int i = 0; i < N; i++) ic[i] = ia[i] + ib[i] * 3;
    mixin(ic, sizeof ic);
    for (int i = 0; i < N; i++) ic[i] = ia[i] > ib[i] ? ia[i] : ib[i];
    mixin(ic, sizeof ic);
    for (int i = 0; i < N; i++) ic[i] = abs(ia[i]) - (ib[i] >> 3) + (int32_t)((uint32_t)ia[i] >> 7);
    mixin(ic, sizeof ic);
    for (int i = 0; i < N; i++) ic[i] = ia[i] * ib[i];
    mixin(ic, sizeof ic);
    for (int i = 0; i < N; i++) la[i] = (int64_t)ia[i] * ib[i];
    mixin(la, sizeof la);
    for (int i = 0; i < N; i++) sa[i] = (int16_t)(sb[i] + (int16_t)ia[i]);
    mixin(sa, sizeof sa);
    for (int i = 0; i < N; i++) ua[i] = (uint8_t)((ua[i] + ub[i] + 1) >> 1);
    mixin(ua, sizeof ua);
    for (int i = 0; i < N; i++) ua[i] = ua[i] > 200 ? 200 : ua[i] < 20 ? 20 : ua[i];
    mixin(ua, sizeof ua);
    for (int i = 0; i < N; i++) ub[i] = ua[i] ^ (uint8_t)(ub[i] << 1);
    mixin(ub, sizeof ub);
    uint32_t sum = 0;
    int32_t mx = INT32_MIN;
    int64_t lsum = 0;
    uint32_t usum = 0;
    for (int i = 0; i < N; i++) { sum += (uint32_t)ia[i]; if (ib[i] > mx) mx = ib[i]; lsum += ia[i]; usum += ua[i]; }
    printf("int reductions: sum %u max %d lsum %lld usum %u\n", sum, mx, (long long)lsum, usum);
    int16_t smin = INT16_MAX;
    for (int i = 0; i < N; i++) if (sa[i] < smin) smin = sa[i];
    printf("short min %d\n", smin);
}

__attribute__((noinline)) static void float_loops(void)
{
    for (int i = 0; i < N; i++) fc[i] = fa[i] * fb[i] + fc[i];
    mixin(fc, sizeof fc);
    for (int i = 0; i < N; i++) fc[i] = fa[i] / (fb[i] + 2.0f);
    mixin(fc, sizeof fc);
    for (int i = 0; i < N; i++) fc[i] = sqrtf(fabsf(fa[i])) - fb[i];
    mixin(fc, sizeof fc);
    for (int i = 0; i < N; i++) fc[i] = fa[i] < fb[i] ? fa[i] : fb[i];
    mixin(fc, sizeof fc);
    for (int i = 0; i < N; i++) ic[i] = (int32_t)(fa[i] * 1000.0f);
    mixin(ic, sizeof ic);
    for (int i = 0; i < N; i++) fc[i] = (float)ia[i] * 0.5f;
    mixin(fc, sizeof fc);
    for (int i = 0; i < N; i++) da[i] = da[i] * 1.000001 + db[i];
    mixin(da, sizeof da);
    for (int i = 0; i < N; i++) db[i] = (double)fa[i] + da[i];
    mixin(db, sizeof db);
    for (int i = 0; i < N; i++) fb[i] = (float)db[i];
    mixin(fb, sizeof fb);
    float fs = 0;
    double ds = 0;
    for (int i = 0; i < N; i++) { fs += fa[i]; ds += db[i] * db[i]; } /* in order: not vectorized without -ffast-math */
    printf("float sums %a %a\n", (double)fs, ds);
}

int main(void)
{
    uint32_t s = 2463534242u;
    for (int i = 0; i < N; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        ia[i] = (int32_t)s;
        ib[i] = (int32_t)(s * 2654435761u) >> (i & 15);
        sb[i] = (int16_t)(s >> 7);
        ua[i] = (uint8_t)(s >> 3);
        ub[i] = (uint8_t)(s >> 19);
        fa[i] = (float)((int32_t)s % 100000) / 997.0f;
        fb[i] = (float)i / 13.0f - 30.0f;
        fc[i] = 1.0f / (float)(i + 1);
        da[i] = (double)s / 3.0;
        db[i] = -(double)i * 0.25;
    }
    int_loops();
    printf("hash after int loops %016llx\n", (unsigned long long)h);
    float_loops();
    printf("hash after float loops %016llx\n", (unsigned long long)h);
    return 0;
}
