/*
 * cpu/fp-fast.h - inline fast paths of the hottest element
 * operations (FADD/FSUB/FMUL/FDIV/FSQRT/FMADD, FCVT between single and
 * double, SCVTF/UCVTF and FCVTZS/FCVTZU without fraction bits), for
 * single and double precision.  Used by fp-ops.c/fp-cvt.c (the exported
 * fpN_* functions of fp-ops.h are these) and inlined into the scalar and
 * vector translators' helpers.  Not a contract header.
 *
 * How exactness is kept without touching the host MXCSR:
 *   - The host MXCSR is always the C default (round to nearest, all
 *     exceptions masked, no FTZ/DAZ): nothing in emu changes it except
 *     the slow path of fp-ops.c, which saves and restores it around each
 *     operation.  Its sticky flags are never read except inside that
 *     window, so the fast path may raise any of them.
 *   - The fast path runs only where the host result is the Arm result and
 *     the only Arm flag possible is IXC: FPCR.RMode = RN (or a rounding-
 *     free operation), operands zero or normal (no NaN, infinity or
 *     denormal, so FZ/DN/IDC cannot matter), and a result that is a
 *     normal number at least twice the smallest normal, or an exact zero.
 *     Such a result cannot be tiny under the Arm rule (tininess before
 *     rounding: the exact value is above the smallest normal), cannot
 *     have overflowed and is not a NaN, so x86's after-rounding
 *     tininess, its negative default NaN and its NaN operand order never
 *     come into play.  Everything else returns to the exact slow path,
 *     which recomputes from the original operands (the fast attempt has
 *     no side effects).
 *   - IXC is computed in software, and only while FPSR.IXC is still
 *     clear (it is sticky, so real programs pay for this once): the
 *     rounding error of a sum by TwoSum, of a product, quotient or square
 *     root from an exact residual (FMA for double; in double arithmetic,
 *     where it is exact, for single).  The residual is exact only when it
 *     does not underflow, so small results with IXC clear take the slow
 *     path.  FMADD with IXC clear always takes the slow path.
 * Compares (FCMEQ/FCMGE/FCMGT, FCMP) of non-NaN operands raise nothing
 * and are the host's, once FZ has had its say on denormals.
 */
#ifndef EMU_CPU_FP_FAST_H
#define EMU_CPU_FP_FAST_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "cpu/fp-ops.h"

#define FPF_LIKELY(x) __builtin_expect(!!(x), 1)

/* The exact general paths (fp-ops.c, fp-cvt.c). */
#define FPF_DECL_SLOW(N, T)                                                   \
    T fp##N##_add_slow(const FPStatus *fs, T a, T b);                              \
    T fp##N##_sub_slow(const FPStatus *fs, T a, T b);                              \
    T fp##N##_mul_slow(const FPStatus *fs, T a, T b);                              \
    T fp##N##_div_slow(const FPStatus *fs, T a, T b);                              \
    T fp##N##_sqrt_slow(const FPStatus *fs, T a);                                  \
    T fp##N##_muladd_slow(const FPStatus *fs, T a, T n, T m);                      \
    uint64_t fp##N##_to_fixed_slow(const FPStatus *fs, T a, int fbits, bool is_unsigned, \
                                   FPRounding rounding, int int_bits);        \
    T fp##N##_from_fixed_slow(const FPStatus *fs, uint64_t x, int fbits,           \
                              bool is_unsigned, FPRounding rounding, int int_bits);
FPF_DECL_SLOW(32, uint32_t)
FPF_DECL_SLOW(64, uint64_t)
#undef FPF_DECL_SLOW
uint64_t fp32_to_fp64_slow(const FPStatus *fs, uint32_t a);
uint32_t fp64_to_fp32_slow(const FPStatus *fs, uint64_t a);

/* Host fused multiply-add (FMA3, or libm's fma); fp-ops.c. */
double fpf_host_fma(double a, double b, double c);
float fpf_host_fmaf(float a, float b, float c);

static inline double fpf_d(uint64_t x) { double d; memcpy(&d, &x, 8); return d; }
static inline uint64_t fpf_db(double d) { uint64_t x; memcpy(&x, &d, 8); return x; }
static inline float fpf_f(uint32_t x) { float f; memcpy(&f, &x, 4); return f; }
static inline uint32_t fpf_fb(float f) { uint32_t x; memcpy(&x, &f, 4); return x; }

/* FPCR.RMode = RN (the fast path's rounding is the host's default). */
static inline bool fpf_rn(const FPStatus *fs)
{
    return (fs->fpcr & (3u << FPCR_RMODE_SHIFT)) == 0;
}

static inline bool fpf_ixc_known(const FPStatus *fs)
{
    return (*fs->fpsr & FPSR_IXC) != 0;
}

/* Zero or a finite normal number. */
static inline bool fpf64_in(uint64_t x)
{
    uint64_t m = x << 1;
    return m == 0 || m - (1ull << 53) < (0x7feull << 53);
}
static inline bool fpf32_in(uint32_t x)
{
    uint32_t m = x << 1;
    return m == 0 || m - (1u << 24) < (0xfeu << 24);
}
static inline bool fpf64_zero(uint64_t x) { return (x << 1) == 0; }
static inline bool fpf32_zero(uint32_t x) { return (x << 1) == 0; }
/* Biased exponent field. */
static inline unsigned fpf64_exp(uint64_t x) { return (unsigned)(x >> 52) & 0x7ff; }
static inline unsigned fpf32_exp(uint32_t x) { return (x >> 23) & 0xff; }
static inline bool fpf64_normal(uint64_t r) { return fpf64_exp(r) - 1u < 0x7feu; }
static inline bool fpf32_normal(uint32_t r) { return fpf32_exp(r) - 1u < 0xfeu; }
/* A result that needs no Arm fix-up: normal and >= 2 * min normal. */
static inline bool fpf64_safe(uint64_t r) { return fpf64_exp(r) - 2u < 0x7fdu; }
static inline bool fpf32_safe(uint32_t r) { return fpf32_exp(r) - 2u < 0xfdu; }

/* ---- sums: an exact zero, or any normal result (a nonzero sum below
 * the smallest normal is exact, but FZ would flush it: slow path) ---- */
#define FPF_DEF_SUM(N, T, FT, TOF, FROMF, NEG)                                \
    static inline T fpf##N##_sum(const FPStatus *fs, T a, T b, bool sub)           \
    {                                                                         \
        if (FPF_LIKELY(fpf_rn(fs) && fpf##N##_in(a) && fpf##N##_in(b))) {    \
            FT x = TOF(a), y = TOF(sub ? (T)(b ^ NEG) : b), s = x + y;        \
            T r = FROMF(s);                                                   \
            if (FPF_LIKELY(fpf##N##_normal(r) || fpf##N##_zero(r))) {         \
                if (!fpf_ixc_known(fs)) {                                    \
                    FT bb = s - x, err = (x - (s - bb)) + (y - bb);          \
                    if (err != 0)                                             \
                        *fs->fpsr |= FPSR_IXC;                                \
                }                                                             \
                return r;                                                     \
            }                                                                 \
        }                                                                     \
        return sub ? fp##N##_sub_slow(fs, a, b) : fp##N##_add_slow(fs, a, b); \
    }
FPF_DEF_SUM(64, uint64_t, double, fpf_d, fpf_db, 0x8000000000000000ull)
FPF_DEF_SUM(32, uint32_t, float, fpf_f, fpf_fb, 0x80000000u)
#undef FPF_DEF_SUM

static inline uint64_t fpf64_add(const FPStatus *fs, uint64_t a, uint64_t b) { return fpf64_sum(fs, a, b, false); }
static inline uint64_t fpf64_sub(const FPStatus *fs, uint64_t a, uint64_t b) { return fpf64_sum(fs, a, b, true); }
static inline uint32_t fpf32_add(const FPStatus *fs, uint32_t a, uint32_t b) { return fpf32_sum(fs, a, b, false); }
static inline uint32_t fpf32_sub(const FPStatus *fs, uint32_t a, uint32_t b) { return fpf32_sum(fs, a, b, true); }

/* ---- double products, quotients, roots ----
 * The residual (a*b - r, a - r*b, a - r*r) is a multiple of 2^(ex+ey-104)
 * (unbiased exponents of the two factors); it is exact when that is at
 * least 2^-1074, i.e. biased ex + ey >= 1023 + 52 + 1 (margin 1). */
static inline uint64_t fpf64_mul(const FPStatus *fs, uint64_t a, uint64_t b)
{
    if (FPF_LIKELY(fpf_rn(fs) && fpf64_in(a) && fpf64_in(b))) {
        double x = fpf_d(a), y = fpf_d(b), p = x * y;
        uint64_t r = fpf_db(p);
        if (fpf64_safe(r)) {
            if (fpf_ixc_known(fs))
                return r;
            if (fpf64_exp(a) + fpf64_exp(b) >= 1076) {
                if (fpf_host_fma(x, y, -p) != 0)
                    *fs->fpsr |= FPSR_IXC;
                return r;
            }
        } else if (fpf64_zero(a) || fpf64_zero(b)) {
            return r; /* exact signed zero */
        }
    }
    return fp64_mul_slow(fs, a, b);
}

static inline uint64_t fpf64_div(const FPStatus *fs, uint64_t a, uint64_t b)
{
    if (FPF_LIKELY(fpf_rn(fs) && fpf64_in(a) && fpf64_in(b) && !fpf64_zero(b))) {
        double x = fpf_d(a), y = fpf_d(b), q = x / y;
        uint64_t r = fpf_db(q);
        if (fpf64_safe(r)) {
            if (fpf_ixc_known(fs))
                return r;
            if (fpf64_exp(r) + fpf64_exp(b) >= 1076) {
                if (fpf_host_fma(-q, y, x) != 0)
                    *fs->fpsr |= FPSR_IXC;
                return r;
            }
        } else if (fpf64_zero(a)) {
            return r;
        }
    }
    return fp64_div_slow(fs, a, b);
}

static inline uint64_t fpf64_sqrt(const FPStatus *fs, uint64_t a)
{
    /* sqrt(-0) = -0; a positive normal has a normal root */
    if (FPF_LIKELY(fpf_rn(fs) && fpf64_in(a) && (!(a >> 63) || fpf64_zero(a)))) {
        double x = fpf_d(a), q;
        __asm__("sqrtsd %1, %0" : "=x"(q) : "x"(x));
        if (fpf64_zero(a) || fpf_ixc_known(fs))
            return fpf_db(q);
        if (fpf64_exp(a) >= 60) {
            if (fpf_host_fma(-q, q, x) != 0)
                *fs->fpsr |= FPSR_IXC;
            return fpf_db(q);
        }
    }
    return fp64_sqrt_slow(fs, a);
}

/* ---- single: the host's correctly rounded single operation; the
 * residual in double, where it is exact (24 + 24 bits) ---- */
static inline uint32_t fpf32_mul(const FPStatus *fs, uint32_t a, uint32_t b)
{
    if (FPF_LIKELY(fpf_rn(fs) && fpf32_in(a) && fpf32_in(b))) {
        float x = fpf_f(a), y = fpf_f(b), pf = x * y;
        uint32_t r = fpf_fb(pf);
        if (fpf32_safe(r) || fpf32_zero(a) || fpf32_zero(b)) {
            if (!fpf_ixc_known(fs) && (double)pf != (double)x * (double)y)
                *fs->fpsr |= FPSR_IXC;
            return r;
        }
    }
    return fp32_mul_slow(fs, a, b);
}

static inline uint32_t fpf32_div(const FPStatus *fs, uint32_t a, uint32_t b)
{
    if (FPF_LIKELY(fpf_rn(fs) && fpf32_in(a) && fpf32_in(b) && !fpf32_zero(b))) {
        float x = fpf_f(a), y = fpf_f(b), qf = x / y;
        uint32_t r = fpf_fb(qf);
        if (fpf32_safe(r) || fpf32_zero(a)) {
            if (!fpf_ixc_known(fs) && (double)qf * (double)y != (double)x)
                *fs->fpsr |= FPSR_IXC;
            return r;
        }
    }
    return fp32_div_slow(fs, a, b);
}

static inline uint32_t fpf32_sqrt(const FPStatus *fs, uint32_t a)
{
    if (FPF_LIKELY(fpf_rn(fs) && fpf32_in(a) && (!(a >> 31) || fpf32_zero(a)))) {
        float x = fpf_f(a), q;
        __asm__("sqrtss %1, %0" : "=x"(q) : "x"(x));
        if ((double)q * (double)q != (double)x)
            *fs->fpsr |= FPSR_IXC;
        return fpf_fb(q);
    }
    return fp32_sqrt_slow(fs, a);
}

/* ---- FPMulAdd(addend a, n, m): only once IXC is set ---- */
static inline uint64_t fpf64_muladd(const FPStatus *fs, uint64_t a, uint64_t n, uint64_t m)
{
    if (FPF_LIKELY(fpf_rn(fs) && fpf_ixc_known(fs) && fpf64_in(a) &&
                   fpf64_in(n) && fpf64_in(m))) {
        uint64_t r = fpf_db(fpf_host_fma(fpf_d(n), fpf_d(m), fpf_d(a)));
        if (fpf64_safe(r) || (fpf64_zero(a) && (fpf64_zero(n) || fpf64_zero(m))))
            return r;
    }
    return fp64_muladd_slow(fs, a, n, m);
}

static inline uint32_t fpf32_muladd(const FPStatus *fs, uint32_t a, uint32_t n, uint32_t m)
{
    if (FPF_LIKELY(fpf_rn(fs) && fpf_ixc_known(fs) && fpf32_in(a) &&
                   fpf32_in(n) && fpf32_in(m))) {
        uint32_t r = fpf_fb(fpf_host_fmaf(fpf_f(n), fpf_f(m), fpf_f(a)));
        if (fpf32_safe(r) || (fpf32_zero(a) && (fpf32_zero(n) || fpf32_zero(m))))
            return r;
    }
    return fp32_muladd_slow(fs, a, n, m);
}

/* ---- compares: rel 0 FCMEQ, 1 FCMGE, 2 FCMGT (all-ones mask) ---- */
#define FPF_DEF_CMP(N, T, TOF, EXPMASK)                                       \
    static inline bool fpf##N##_nan(T x) { return (T)(x << 1) > (T)(EXPMASK << 1); } \
    static inline bool fpf##N##_denorm(T x) { return !(x & EXPMASK) && (T)(x << 1); } \
    static inline bool fpf##N##_cmp_ok(const FPStatus *fs, T a, T b)         \
    {                                                                         \
        if (fpf##N##_nan(a) || fpf##N##_nan(b))                               \
            return false;                                                     \
        return !(fs->fpcr & FPCR_FZ) || !(fpf##N##_denorm(a) || fpf##N##_denorm(b)); \
    }                                                                         \
    static inline T fpf##N##_cmpop(const FPStatus *fs, T a, T b, int rel)          \
    {                                                                         \
        if (FPF_LIKELY(fpf##N##_cmp_ok(fs, a, b))) {                         \
            bool t = rel == 0 ? TOF(a) == TOF(b) : rel == 1 ? TOF(a) >= TOF(b) \
                                                            : TOF(a) > TOF(b); \
            return t ? (T)~(T)0 : 0;                                          \
        }                                                                     \
        return rel == 0 ? fp##N##_cmeq(fs, a, b) : rel == 1 ? fp##N##_cmge(fs, a, b) \
                                                            : fp##N##_cmgt(fs, a, b); \
    }                                                                         \
    /* FCMP's NZCV as 4 bits (fp-ops.h) */                                  \
    static inline unsigned fpf##N##_cmp(const FPStatus *fs, T a, T b, bool signal) \
    {                                                                         \
        if (FPF_LIKELY(fpf##N##_cmp_ok(fs, a, b)))                           \
            return TOF(a) == TOF(b) ? 0x6 : TOF(a) < TOF(b) ? 0x8 : 0x2;      \
        return fp##N##_cmp(fs, a, b, signal);                                \
    }                                                                         \
    static inline T fpf##N##_cmeq(const FPStatus *fs, T a, T b) { return fpf##N##_cmpop(fs, a, b, 0); } \
    static inline T fpf##N##_cmge(const FPStatus *fs, T a, T b) { return fpf##N##_cmpop(fs, a, b, 1); } \
    static inline T fpf##N##_cmgt(const FPStatus *fs, T a, T b) { return fpf##N##_cmpop(fs, a, b, 2); }
FPF_DEF_CMP(64, uint64_t, fpf_d, 0x7ff0000000000000ull)
FPF_DEF_CMP(32, uint32_t, fpf_f, 0x7f800000u)
#undef FPF_DEF_CMP

/* ---- precision conversions ---- */
static inline uint64_t fpf32_to_fp64(const FPStatus *fs, uint32_t a)
{
    if (FPF_LIKELY(fpf32_in(a))) /* exact in any rounding mode */
        return fpf_db((double)fpf_f(a));
    return fp32_to_fp64_slow(fs, a);
}

static inline uint32_t fpf64_to_fp32(const FPStatus *fs, uint64_t a)
{
    if (FPF_LIKELY(fpf_rn(fs) && fpf64_in(a))) {
        double x = fpf_d(a);
        float f = (float)x;
        uint32_t r = fpf_fb(f);
        if (fpf32_safe(r) || fpf64_zero(a)) {
            if ((double)f != x)
                *fs->fpsr |= FPSR_IXC;
            return r;
        }
    }
    return fp64_to_fp32_slow(fs, a);
}

/* ---- integer conversions without fraction bits ----
 * FCVTZ* (toward zero): an operand strictly inside the destination's
 * range truncates exactly like cvttsd2si; IXC when the value had a
 * fraction.  SCVTF/UCVTF of an integer that fits the significand is
 * exact in every rounding mode. */
static inline uint64_t fpf_trunc_d(const FPStatus *fs, double x, bool uns, int ib,
                                   bool *ok)
{
    double lo = uns ? -1.0 : (ib == 64 ? -0x1p63 : -0x1p31 - 1.0);
    double hi = uns ? (ib == 64 ? 0x1p63 : 0x1p32) : (ib == 64 ? 0x1p63 : 0x1p31);
    bool in = uns || ib == 32 ? (x > lo && x < hi) : (x >= lo && x < hi);
    if (!in) {
        *ok = false;
        return 0;
    }
    int64_t t = (int64_t)x;
    if ((double)t != x)
        *fs->fpsr |= FPSR_IXC;
    *ok = true;
    return ib == 64 ? (uint64_t)t : (uint64_t)t & 0xffffffffu;
}

static inline uint64_t fpf64_to_fixed(const FPStatus *fs, uint64_t a, int fbits, bool uns,
                                      FPRounding rnd, int ib)
{
    if (FPF_LIKELY(fbits == 0 && rnd == FPR_ZERO && ib >= 32 && fpf64_in(a))) {
        bool ok;
        uint64_t r = fpf_trunc_d(fs, fpf_d(a), uns, ib, &ok);
        if (ok)
            return r;
    }
    return fp64_to_fixed_slow(fs, a, fbits, uns, rnd, ib);
}

static inline uint64_t fpf32_to_fixed(const FPStatus *fs, uint32_t a, int fbits, bool uns,
                                      FPRounding rnd, int ib)
{
    if (FPF_LIKELY(fbits == 0 && rnd == FPR_ZERO && ib >= 32 && fpf32_in(a))) {
        bool ok;
        uint64_t r = fpf_trunc_d(fs, (double)fpf_f(a), uns, ib, &ok);
        if (ok)
            return r;
    }
    return fp32_to_fixed_slow(fs, a, fbits, uns, rnd, ib);
}

/* The integer of an SCVTF/UCVTF operand if it has at most `bits`
 * significant bits (then conversion is exact), via *v. */
static inline bool fpf_int_small(uint64_t x, bool uns, int ib, int bits, int64_t *v)
{
    int64_t s;
    if (ib == 32)
        s = uns ? (int64_t)(uint32_t)x : (int64_t)(int32_t)x;
    else if (ib != 64 || (uns && (x >> 63)))
        return false;
    else
        s = (int64_t)x;
    *v = s;
    return s >= -(1ll << bits) && s <= (1ll << bits);
}

static inline uint64_t fpf64_from_fixed(const FPStatus *fs, uint64_t x, int fbits, bool uns,
                                        FPRounding rnd, int ib)
{
    int64_t v;
    if (FPF_LIKELY(fbits == 0 && fpf_int_small(x, uns, ib, 53, &v)))
        return fpf_db((double)v);
    return fp64_from_fixed_slow(fs, x, fbits, uns, rnd, ib);
}

static inline uint32_t fpf32_from_fixed(const FPStatus *fs, uint64_t x, int fbits, bool uns,
                                        FPRounding rnd, int ib)
{
    int64_t v;
    if (FPF_LIKELY(fbits == 0 && fpf_int_small(x, uns, ib, 24, &v)))
        return fpf_fb((float)v);
    return fp32_from_fixed_slow(fs, x, fbits, uns, rnd, ib);
}

#endif
