/*
 * intarith.c - integer arithmetic edge cases as compiled C uses them:
 * division (including the A64 rules that x/0 == 0 and INT_MIN/-1 ==
 * INT_MIN, which need inline asm because both are undefined in C),
 * overflow builtins, 128-bit integers (libgcc's __divti3/__udivti3/__multi3
 * paths), shifts, rotates and the bit-counting builtins.  Each line names
 * one operation so a wrong line points at the instruction family.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static const int64_t edge64[] = {
    0, 1, -1, 2, -2, 3, 7, -7, 10, 255, 256, 65535, 65536, INT32_MAX, INT32_MIN,
    (int64_t)UINT32_MAX, INT64_MAX, INT64_MIN, INT64_MIN + 1, 0x5555555555555555,
    (int64_t)0xAAAAAAAAAAAAAAAAull, 1000000007, -1000000007, 0x100000000ll,
};
#define NEDGE (sizeof(edge64) / sizeof(edge64[0]))

static int64_t a64_sdiv(int64_t a, int64_t b)
{
    int64_t r;
    __asm__("sdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint64_t a64_udiv(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("udiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static int32_t a64_sdiv32(int32_t a, int32_t b)
{
    int32_t r;
    __asm__("sdiv %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint32_t a64_udiv32(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__("udiv %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h;
}

static void division(void)
{
    uint64_t h1 = 0, h2 = 0, h3 = 0, h4 = 0;
    for (unsigned i = 0; i < NEDGE; i++)
        for (unsigned j = 0; j < NEDGE; j++) {
            int64_t a = edge64[i], b = edge64[j];
            h1 = mix(h1, (uint64_t)a64_sdiv(a, b));
            h2 = mix(h2, a64_udiv((uint64_t)a, (uint64_t)b));
            h3 = mix(h3, (uint32_t)a64_sdiv32((int32_t)a, (int32_t)b));
            h4 = mix(h4, a64_udiv32((uint32_t)a, (uint32_t)b));
        }
    printf("sdiv INT64_MIN/-1 = %" PRId64 "\n", a64_sdiv(INT64_MIN, -1));
    printf("sdiv 7/0 = %" PRId64 ", udiv 7/0 = %" PRIu64 "\n", a64_sdiv(7, 0),
           a64_udiv(7, 0));
    printf("sdiv32 INT32_MIN/-1 = %" PRId32 "\n", a64_sdiv32(INT32_MIN, -1));
    printf("sdiv -7/2 = %" PRId64 " (truncates toward zero)\n", a64_sdiv(-7, 2));
    printf("div edge hashes %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 "\n",
           h1, h2, h3, h4);
    /* C-level division and modulo with defined operands */
    uint64_t hc = 0;
    for (int k = 0; k < 20000; k++) {
        int64_t a = (int64_t)rnd(), b = (int64_t)(rnd() >> (rnd() & 63));
        if (b == 0 || (a == INT64_MIN && b == -1))
            continue;
        hc = mix(hc, (uint64_t)(a / b));
        hc = mix(hc, (uint64_t)(a % b));
        hc = mix(hc, (uint64_t)a / (uint64_t)b);
        hc = mix(hc, (uint64_t)a % (uint64_t)b);
        int32_t a32 = (int32_t)a, b32 = (int32_t)b;
        if (b32 != 0 && !(a32 == INT32_MIN && b32 == -1)) {
            hc = mix(hc, (uint32_t)(a32 / b32));
            hc = mix(hc, (uint32_t)(a32 % b32));
        }
        hc = mix(hc, (uint64_t)a / 10); /* multiply-high by magic constant */
        hc = mix(hc, (uint64_t)(a / 7));
    }
    printf("div random hash %016" PRIx64 "\n", hc);
}

static void overflow(void)
{
    int ovf_count = 0;
    uint64_t h = 0;
    for (unsigned i = 0; i < NEDGE; i++)
        for (unsigned j = 0; j < NEDGE; j++) {
            int64_t a = edge64[i], b = edge64[j], r;
            int32_t r32;
            uint64_t u;
            ovf_count += __builtin_add_overflow(a, b, &r); h = mix(h, (uint64_t)r);
            ovf_count += __builtin_sub_overflow(a, b, &r); h = mix(h, (uint64_t)r);
            ovf_count += __builtin_mul_overflow(a, b, &r); h = mix(h, (uint64_t)r);
            ovf_count += __builtin_mul_overflow((int32_t)a, (int32_t)b, &r32);
            h = mix(h, (uint32_t)r32);
            ovf_count += __builtin_add_overflow((uint64_t)a, (uint64_t)b, &u); h = mix(h, u);
            ovf_count += __builtin_sub_overflow((uint64_t)a, (uint64_t)b, &u); h = mix(h, u);
            ovf_count += __builtin_mul_overflow((uint64_t)a, (uint64_t)b, &u); h = mix(h, u);
        }
    printf("overflow count %d hash %016" PRIx64 "\n", ovf_count, h);
    printf("INT64_MAX+1 wraps (unsigned) to %016" PRIx64 "\n", (uint64_t)INT64_MAX + 1);
}

static void print_u128(const char *what, unsigned __int128 v)
{
    printf("%s %016" PRIx64 "%016" PRIx64 "\n", what, (uint64_t)(v >> 64), (uint64_t)v);
}

static void int128(void)
{
    unsigned __int128 a = ((unsigned __int128)0x0123456789ABCDEFull << 64) | 0xFEDCBA9876543210ull;
    unsigned __int128 b = 0xFFFFFFFFFFFFFFFFull;
    print_u128("u128 a*b", a * b);
    print_u128("u128 a/b", a / b);
    print_u128("u128 a%b", a % b);
    print_u128("u128 a/7", a / 7);
    print_u128("u128 a<<77", a << 77);
    print_u128("u128 a>>3", a >> 3);
    __int128 s = -(__int128)a;
    print_u128("s128 -a/1000", (unsigned __int128)(s / 1000));
    print_u128("s128 -a%1000", (unsigned __int128)(s % 1000));
    print_u128("s128 -a>>100", (unsigned __int128)(s >> 100));
    /* decimal printing of a 128-bit value via repeated division */
    char buf[64];
    int p = 63;
    buf[p] = 0;
    unsigned __int128 t = a * 12345;
    do {
        buf[--p] = (char)('0' + (int)(t % 10));
        t /= 10;
    } while (t);
    printf("u128 decimal %s\n", buf + p);
    uint64_t h = 0;
    for (int k = 0; k < 5000; k++) {
        unsigned __int128 x = ((unsigned __int128)rnd() << 64) | rnd();
        unsigned __int128 y = ((unsigned __int128)(rnd() >> (rnd() & 63)) << (rnd() & 64)) | (rnd() >> (rnd() & 63));
        if (y == 0)
            continue;
        unsigned __int128 q = x / y, r = x % y;
        if (q * y + r != x || r >= y)
            printf("u128 division identity FAILED at %d\n", k);
        h = mix(h, (uint64_t)q); h = mix(h, (uint64_t)(q >> 64));
        h = mix(h, (uint64_t)r); h = mix(h, (uint64_t)(r >> 64));
        unsigned __int128 m = (unsigned __int128)(uint64_t)x * (uint64_t)y;
        h = mix(h, (uint64_t)(m >> 64)); /* umulh */
        __int128 sm = (__int128)(int64_t)x * (int64_t)y;
        h = mix(h, (uint64_t)((unsigned __int128)sm >> 64)); /* smulh */
    }
    printf("u128 random hash %016" PRIx64 "\n", h);
}

static void bits(void)
{
    uint64_t hc = 0;
    for (unsigned i = 0; i < NEDGE; i++) {
        uint64_t v = (uint64_t)edge64[i];
        uint32_t w = (uint32_t)v;
        printf("bits %016" PRIx64 ": clz %d ctz %d pop %d par %d clrsb %d | w clz %d ctz %d pop %d | bswap %016" PRIx64 " %08" PRIx32 " %04x\n",
               v, v ? __builtin_clzll(v) : 64, v ? __builtin_ctzll(v) : 64,
               __builtin_popcountll(v), __builtin_parityll(v), __builtin_clrsbll((long long)v),
               w ? __builtin_clz(w) : 32, w ? __builtin_ctz(w) : 32, __builtin_popcount(w),
               __builtin_bswap64(v), __builtin_bswap32(w), __builtin_bswap16((uint16_t)v));
    }
    for (int k = 0; k < 20000; k++) {
        uint64_t v = rnd() >> (rnd() & 63);
        unsigned s = (unsigned)rnd() & 63;
        hc = mix(hc, v << s);
        hc = mix(hc, v >> s);
        hc = mix(hc, (uint64_t)((int64_t)v >> s));
        hc = mix(hc, (v >> s) | (v << ((64 - s) & 63)));
        hc = mix(hc, (uint32_t)v << (s & 31));
        hc = mix(hc, (uint64_t)((int32_t)v >> (s & 31)));
        hc = mix(hc, (uint64_t)(v ? __builtin_clzll(v) : 64));
        hc = mix(hc, (uint64_t)__builtin_popcountll(v));
        hc = mix(hc, (uint64_t)(int8_t)v + (uint64_t)(int16_t)v + (uint64_t)(int32_t)v);
        hc = mix(hc, (v & 0xFFFF0000FFFF0000ull) | ((v >> 7) & 0x1F));
        hc = mix(hc, (uint64_t)((v >> 3) & 0x7FF) << 17); /* ubfx/ubfiz */
        uint64_t bit_rev = 0;
        for (int b = 0; b < 64; b++)
            bit_rev |= ((v >> b) & 1) << (63 - b);
        hc = mix(hc, bit_rev);
        hc = mix(hc, (uint64_t)((int64_t)(v << 20) >> 40)); /* sbfx */
        hc = mix(hc, v > (uint64_t)k ? v - k : k - v);       /* csel / cneg */
        hc = mix(hc, (uint64_t)((int64_t)v < 0 ? -(int64_t)v : (int64_t)v));
    }
    printf("bits random hash %016" PRIx64 "\n", hc);
}

static void multiply(void)
{
    uint64_t h = 0;
    for (int k = 0; k < 20000; k++) {
        uint64_t a = rnd(), b = rnd(), c = rnd();
        h = mix(h, a * b + c);
        h = mix(h, c - a * b);
        h = mix(h, (uint64_t)((int64_t)(int32_t)a * (int32_t)b));
        h = mix(h, (uint64_t)(uint32_t)a * (uint32_t)b + c);
        h = mix(h, (uint32_t)a * (uint32_t)b);
        h = mix(h, (uint64_t)((int64_t)c - (int64_t)(int32_t)a * (int32_t)b));
    }
    printf("mul random hash %016" PRIx64 "\n", h);
}

int main(void)
{
    division();
    overflow();
    int128();
    bits();
    multiply();
    return 0;
}
