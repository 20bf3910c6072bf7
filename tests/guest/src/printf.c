/*
 * printf.c - formatted I/O of integers, floats, doubles and long doubles
 * (binary128 on AArch64, done in software by libgcc: heavy integer code).
 * printf's %e/%f/%g conversions run glibc's multi-precision code, %a shows
 * the exact bits; the scanf/strtod side parses them back.
 */
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double dvals[] = {
    0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.0 / 3.0, 2.0 / 3.0, 123456.789, 1e10, 1e-10,
    1e100, 1e-100, 1e300, 1e-300, DBL_MAX, DBL_MIN, 4.9406564584124654e-324,
    2.2250738585072009e-308, M_PI, M_E, 1e15 + 0.3, 9007199254740993.0,
    0.000123, 65504.0, 1.5e-5, 299792458.0, -273.15,
};

static void ints(void)
{
    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42, 42);
    printf("[%d] [%u] [%x] [%X] [%o] [%#x] [%#o]\n", -1, UINT_MAX, 0xDEADBEEFu, 0xDEADBEEFu, 8u, 255u, 8u);
    printf("[%lld] [%llu] [%llx] [%lld]\n", LLONG_MIN, ULLONG_MAX, 0x0123456789ABCDEFull, LLONG_MAX);
    printf("[%hhd] [%hd] [%hhu] [%hu]\n", (signed char)-128, (short)-32768, (unsigned char)255, (unsigned short)65535);
    printf("[%zu] [%td] [%jd] [%" PRIu64 "]\n", (size_t)123456789, (ptrdiff_t)-5, (intmax_t)-9, UINT64_MAX);
    printf("[%.3d] [%8.3d] [%-8.3d|] [%*d] [%-*d|]\n", 7, 7, 7, 6, 99, 6, 99);
    printf("[%s] [%10s] [%-10s|] [%.2s] [%c] [%%]\n", "str", "right", "left", "truncate", 'Z');
    printf("[%p]\n", (void *)0x1234);
    char buf[16];
    int n = snprintf(buf, sizeof buf, "%s-%d-%s", "overflowing", 123456, "buffer");
    printf("snprintf returned %d, buf=\"%s\"\n", n, buf);
}

static void doubles(void)
{
    for (unsigned i = 0; i < sizeof dvals / sizeof dvals[0]; i++) {
        double d = dvals[i];
        printf("%a | %.17g | %e | %.3f | %g | %.0f\n", d, d, d, d, d, d);
    }
    printf("%f %f %f %e %g %a\n", INFINITY, -INFINITY, NAN, INFINITY, -NAN, INFINITY);
    printf("[%10.4f] [%-10.2e|] [%+.3g] [%#g] [%#.0f] [%010.3f]\n", M_PI, M_PI, M_PI, 1.0, 3.0, -M_PI);
    printf("%.40f\n", 0.1);
    printf("%.20e\n", 1.0 / 7.0);
    printf("%.60g\n", DBL_MIN);
    /* floats promote to double; FLT constants */
    float f = 1.1f;
    printf("float %a %.9g %g %g %g\n", f, f, FLT_MAX, FLT_MIN, FLT_EPSILON);
}

static void long_doubles(void)
{
    long double v[] = {1.0L, 0.1L, 1.0L / 3.0L, 1e4000L, 1e-4000L, LDBL_MAX, LDBL_MIN, -2.5L,
                       3.14159265358979323846264338327950288L};
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++)
        printf("ld %La | %.36Lg | %Le\n", v[i], v[i], v[i]);
    long double x = 1.0L;
    for (int i = 1; i <= 30; i++)
        x *= i;
    printf("30! as long double = %.0Lf\n", x);
    long double s = 0;
    for (int i = 1; i <= 1000; i++)
        s += 1.0L / ((long double)i * i);
    printf("sum 1/i^2 (1000 terms) = %.33Lf\n", s);
    printf("sqrtl(2) = %.34Lf\n", sqrtl(2.0L));
    printf("(double)(1/3.0L) = %a, (long double)0.1 = %La\n", (double)(1.0L / 3.0L), (long double)0.1);
    printf("(long long)1e18L = %lld, (long double)LLONG_MIN = %Lf\n", (long long)1e18L, (long double)LLONG_MIN);
}

static void scanning(void)
{
    int a, b;
    unsigned x;
    double d, e;
    float f;
    char word[16];
    int n = sscanf("  -17 0x1F ff 2.5e3 -0.125 hello 1e-2", "%d %i %x %lf %lf %15s %f", &a, &b, &x, &d, &e, word, &f);
    printf("sscanf n=%d a=%d b=%d x=%u d=%g e=%g word=%s f=%a\n", n, a, b, x, d, e, word, f);
    const char *tests[] = {"0.1", "1e308", "1e309", "-1e-320", "0x1.8p3", "inf", "-nan", "123abc",
                           "4.9406564584124654e-324", "2.2250738585072011e-308", "   +7.25", ""};
    for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        char *end;
        double v = strtod(tests[i], &end);
        printf("strtod(\"%s\") = %a, consumed %d\n", tests[i], v, (int)(end - tests[i]));
    }
    printf("strtof(\"3.4028235e38\") = %a, strtold(\"0.1\") = %La\n", strtof("3.4028235e38", NULL), strtold("0.1", NULL));
    printf("strtol: %ld %ld %lu %lld\n", strtol("-123", NULL, 10), strtol("zz", NULL, 36),
           strtoul("777", NULL, 8), strtoll("9223372036854775807", NULL, 0));
    /* round trips of many doubles through %.17g */
    unsigned long long st = 88172645463325252ull;
    int bad = 0;
    for (int i = 0; i < 3000; i++) {
        st ^= st << 13; st ^= st >> 7; st ^= st << 17;
        double v;
        memcpy(&v, &st, sizeof v);
        if (isnan(v)) continue;
        char b1[64];
        snprintf(b1, sizeof b1, "%.17g", v);
        if (strtod(b1, NULL) != v) bad++;
        snprintf(b1, sizeof b1, "%a", v);
        if (strtod(b1, NULL) != v) bad++;
    }
    printf("double round trips: %d failures\n", bad);
}

int main(void)
{
    ints();
    doubles();
    long_doubles();
    scanning();
    return 0;
}
