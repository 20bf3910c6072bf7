/*
 * libm.c - glibc's libm and the FP instructions it is built on (FMADD,
 * FRINT*, FCVT*, FSQRT, FMAXNM...), printed with %a so every bit counts.
 * glibc's double routines are correctly rounded or deterministic for a
 * given instruction sequence, so results are exact across emulators that
 * implement the instructions right.  Float->int conversions use FCVTZS/
 * FCVTZU/FCVTNS/FCVTAS/FCVTMS/FCVTPS directly (inline asm) to test the
 * A64 saturation rules (out of range -> INT_MIN/INT_MAX, NaN -> 0), which C
 * leaves undefined.  FPSR exception flags are read through fenv.h.
 */
#define _GNU_SOURCE
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static const double xs[] = {0.0, -0.0, 0.5, 1.0, -1.0, 1.5, 2.5, -2.5, 3.0, 0.1, 1e-5, 10.0, 100.0,
                            -7.75, 1e10, 700.0, -745.0, 1e-310, M_PI, M_PI / 4, 1e22, INFINITY, -INFINITY, NAN};
#define NX (sizeof xs / sizeof xs[0])

typedef double (*fn1)(double);
typedef float (*fn1f)(float);

#define CVT(name, insn, itype, reg, ftype, freg)                             \
    static itype name(ftype x)                                               \
    {                                                                        \
        itype r;                                                             \
        __asm__(insn " %" reg "0, %" freg "1" : "=r"(r) : "w"(x));           \
        return r;                                                            \
    }
CVT(cvt_zs_d_w, "fcvtzs", int32_t, "w", double, "d")
CVT(cvt_zs_d_x, "fcvtzs", int64_t, "x", double, "d")
CVT(cvt_zu_d_w, "fcvtzu", uint32_t, "w", double, "d")
CVT(cvt_zu_d_x, "fcvtzu", uint64_t, "x", double, "d")
CVT(cvt_ns_d_x, "fcvtns", int64_t, "x", double, "d")
CVT(cvt_as_d_x, "fcvtas", int64_t, "x", double, "d")
CVT(cvt_ms_d_x, "fcvtms", int64_t, "x", double, "d")
CVT(cvt_ps_d_x, "fcvtps", int64_t, "x", double, "d")
CVT(cvt_zs_s_w, "fcvtzs", int32_t, "w", float, "s")
CVT(cvt_zu_s_w, "fcvtzu", uint32_t, "w", float, "s")

static void one_arg(void)
{
    struct { const char *n; fn1 f; } fns[] = {
        {"sin", sin}, {"cos", cos}, {"tan", tan}, {"exp", exp}, {"exp2", exp2}, {"log", log},
        {"log2", log2}, {"log10", log10}, {"sqrt", sqrt}, {"cbrt", cbrt}, {"floor", floor},
        {"ceil", ceil}, {"trunc", trunc}, {"round", round}, {"rint", rint}, {"nearbyint", nearbyint},
        {"atan", atan}, {"asin", asin}, {"acos", acos}, {"sinh", sinh}, {"cosh", cosh},
        {"tanh", tanh}, {"expm1", expm1}, {"log1p", log1p}, {"erf", erf}, {"tgamma", tgamma},
        {"lgamma", lgamma}, {"fabs", fabs}, {"logb", logb},
    };
    for (unsigned i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        printf("%-9s", fns[i].n);
        for (unsigned j = 0; j < NX; j++)
            printf(" %a", fns[i].f(xs[j]));
        printf("\n");
    }
    struct { const char *n; fn1f f; } ffns[] = {
        {"sinf", sinf}, {"cosf", cosf}, {"expf", expf}, {"logf", logf}, {"sqrtf", sqrtf},
        {"floorf", floorf}, {"rintf", rintf}, {"roundf", roundf}, {"tanhf", tanhf}, {"log2f", log2f},
    };
    for (unsigned i = 0; i < sizeof ffns / sizeof ffns[0]; i++) {
        printf("%-9s", ffns[i].n);
        for (unsigned j = 0; j < NX; j++)
            printf(" %a", (double)ffns[i].f((float)xs[j]));
        printf("\n");
    }
}

static void two_arg(void)
{
    static const double ys[] = {0.0, -0.0, 0.5, 2.0, -3.0, 0.1, 1e300, INFINITY, NAN};
    for (unsigned i = 0; i < NX; i += 2)
        for (unsigned j = 0; j < sizeof ys / sizeof ys[0]; j++) {
            double x = xs[i], y = ys[j];
            printf("x=%a y=%a pow %a atan2 %a hypot %a fmod %a rem %a fmin %a fmax %a fdim %a copysign %a nextafter %a\n",
                   x, y, pow(x, y), atan2(x, y), hypot(x, y), fmod(x, y), remainder(x, y), fmin(x, y),
                   fmax(x, y), fdim(x, y), copysign(x, y), nextafter(x, y));
        }
    printf("fma(0.1,10,-1)=%a fma(1+2^-52,1-2^-52,-1)=%a fmaf=%a\n", fma(0.1, 10.0, -1.0),
           fma(1.0 + 0x1p-52, 1.0 - 0x1p-52, -1.0), (double)fmaf(0.1f, 10.0f, -1.0f));
    printf("0.1*10-1 (no fma, -ffp-contract=off semantics) = %a\n", (volatile double){0.1} * 10.0 - 1.0);
    int e;
    double m = frexp(1234.5, &e);
    printf("frexp(1234.5)=%a,%d ldexp(0.75,-1074)=%a scalbn(1,1023)=%a ilogb(1e-310)=%d\n", m, e,
           ldexp(0.75, -1074), scalbn(1.0, 1023), ilogb(1e-310));
    double ip;
    double frac = modf(-3.75, &ip);
    printf("modf(-3.75)=%a,%a\n", frac, ip);
    double s, c;
    sincos(1.0, &s, &c);
    printf("sincos(1)=%a,%a\n", s, c);
}

static void conversions(void)
{
    static const double cv[] = {0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, -1.0, 2147483647.0, 2147483648.0,
                                -2147483649.0, 4294967295.0, 4294967296.0, 9.3e18, -9.3e18, 1.9e19,
                                1e300, -1e300, INFINITY, -INFINITY, NAN, -NAN, 1e-320};
    for (unsigned i = 0; i < sizeof cv / sizeof cv[0]; i++) {
        double d = cv[i];
        printf("cvt %a: zs.w %d zs.x %lld zu.w %u zu.x %llu ns %lld as %lld ms %lld ps %lld | f zs %d zu %u | lrint %ld llround %lld\n",
               d, cvt_zs_d_w(d), (long long)cvt_zs_d_x(d), cvt_zu_d_w(d), (unsigned long long)cvt_zu_d_x(d),
               (long long)cvt_ns_d_x(d), (long long)cvt_as_d_x(d), (long long)cvt_ms_d_x(d),
               (long long)cvt_ps_d_x(d), cvt_zs_s_w((float)d), cvt_zu_s_w((float)d),
               (isfinite(d) && fabs(d) < 9e18) ? lrint(d) : 0L, (isfinite(d) && fabs(d) < 9e18) ? llround(d) : 0LL);
    }
    static const int64_t iv[] = {0, 1, -1, 16777217, 9007199254740993LL, INT64_MAX, INT64_MIN};
    for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++)
        printf("i2f %lld: d %a f %a ud %a uf %a\n", (long long)iv[i], (double)iv[i], (double)(float)iv[i],
               (double)(uint64_t)iv[i], (double)(float)(uint64_t)iv[i]);
    printf("double->float: %a %a %a %a\n", (double)(float)0.1, (double)(float)1e40, (double)(float)1e-46,
           (double)(float)(1.0 + 0x1p-24 + 0x1p-52));
}

static void rounding_and_flags(void)
{
    static const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    static const char *mname[] = {"nearest", "upward", "downward", "towardzero"};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double a = 1.0, b = 3.0, two = 2.0;
        printf("%-10s 1/3=%a -1/3=%a rint(2.5)=%a rint(-2.5)=%a lrint(-1.5)=%ld sqrt(2)=%a (float)0.1=%a\n",
               mname[m], a / b, -a / b, rint(2.5), rint(-2.5), lrint(-1.5), sqrt(two),
               (double)(float)(volatile double){0.1});
    }
    fesetround(FE_TONEAREST);
    volatile double r;
    volatile double z = 0.0, one = 1.0, big = DBL_MAX, tiny = DBL_MIN;
    feclearexcept(FE_ALL_EXCEPT);
    r = one / z;
    printf("flags after 1/0: divbyzero=%d inexact=%d\n", !!fetestexcept(FE_DIVBYZERO), !!fetestexcept(FE_INEXACT));
    feclearexcept(FE_ALL_EXCEPT);
    r = big * 2.0;
    printf("flags after DBL_MAX*2: overflow=%d inexact=%d\n", !!fetestexcept(FE_OVERFLOW), !!fetestexcept(FE_INEXACT));
    feclearexcept(FE_ALL_EXCEPT);
    r = tiny / 3.0;
    printf("flags after DBL_MIN/3: underflow=%d inexact=%d\n", !!fetestexcept(FE_UNDERFLOW), !!fetestexcept(FE_INEXACT));
    feclearexcept(FE_ALL_EXCEPT);
    r = z / z;
    printf("flags after 0/0: invalid=%d result=%a\n", !!fetestexcept(FE_INVALID), r);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double exact = one + one;
    printf("flags after 1+1: any=%d (%a)\n", !!fetestexcept(FE_ALL_EXCEPT), exact);
}

int main(void)
{
    one_arg();
    two_arg();
    conversions();
    rounding_and_flags();
    return 0;
}
