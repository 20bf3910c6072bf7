/*
 * cpu/fp-cvt.c - FP conversions and rounding with exact Arm
 * semantics: FPRoundBase in software (fpg_round), precision conversions
 * (FPConvert, incl. half and alternative half precision), round to
 * integral (FPRoundInt, FPRoundIntN), float <-> fixed point (FPToFixed,
 * FixedToFP), FJCVTZS and VFPExpandImm.  Contract in fp-ops.h.
 *
 * Every conversion decomposes its input into an exact (sign, mant, exp)
 * triple and rounds once with fpg_round, so rounding mode, tininess
 * before rounding, flush-to-zero and the cumulative flags follow the Arm
 * ARM pseudocode directly instead of depending on x86 conversion
 * instructions.  Integral rounding works on doubles, where every
 * single/half value and every step used is exact.
 */
#include <math.h>
#include "cpu/fp-fast.h"
#include "cpu/fp-internal.h"

uint64_t fpg_h2d(uint64_t h)
{
    uint64_t sign = (h & 0x8000) << 48;
    unsigned e = (h >> 10) & 31, f = h & 0x3ff;
    if (e == 31)
        return sign | 0x7ff0000000000000ull | (uint64_t)f << 42;
    if (e == 0) {
        if (f == 0)
            return sign;
        int p = 31 - __builtin_clz(f); /* top set bit: value = f * 2^-24 */
        return sign | (uint64_t)(p - 24 + 1023) << 52 |
               ((uint64_t)(f ^ (1u << p)) << (52 - p));
    }
    return sign | (uint64_t)(e - 15 + 1023) << 52 | (uint64_t)f << 42;
}

uint64_t fpg_round(const FPStatus *fs, int N, bool sign, int exp, uint64_t mant,
                   FPRounding rnd, bool fz, bool ahp)
{
    const int F = FPG_FBITS(N), E = FPG_EBITS(N), bias = FPG_BIAS(N);
    const int min_exp = 1 - bias;
    uint64_t s = sign ? fpg_sign(N) : 0;
    int lz = __builtin_clzll(mant);
    mant <<= lz;
    exp -= lz;
    int e = exp + 63; /* value in [2^e, 2^(e+1)) */
    bool tiny = e < min_exp;
    if (tiny && fz) { /* flush: UFC only, no IXC */
        *fs->fpsr |= FPSR_UFC;
        return s;
    }
    int sh = (tiny ? min_exp : e) - F - exp; /* bits below the lsb */
    uint64_t im;
    bool half, sticky;
    if (sh > 64) {
        im = 0, half = false, sticky = true;
    } else if (sh == 64) {
        im = 0, half = mant >> 63, sticky = (mant << 1) != 0;
    } else {
        uint64_t rem = mant << (64 - sh);
        im = mant >> sh, half = rem >> 63, sticky = (rem << 1) != 0;
    }
    bool inexact = half || sticky, up = false;
    uint32_t fl = 0;
    if (tiny && inexact)
        fl |= FPSR_UFC;
    switch (rnd) {
    case FPR_TIEEVEN: up = half && (sticky || (im & 1)); break;
    case FPR_POSINF: up = inexact && !sign; break;
    case FPR_NEGINF: up = inexact && sign; break;
    case FPR_ZERO: break;
    case FPR_TIEAWAY: up = half; break;
    case FPR_ODD: im |= inexact; break;
    }
    im += up;
    /* (biased exponent - 1) << F plus a mantissa that carries the
     * implicit bit: a carry out of the mantissa (or out of a subnormal
     * into the minimum normal) bumps the exponent by itself. */
    uint64_t enc = tiny ? im : ((uint64_t)(e + bias - 1) << F) + im;
    uint64_t bexp = enc >> F;
    if (ahp) {
        if (bexp >= (1ull << E)) { /* no infinity: saturate, Invalid */
            *fs->fpsr |= FPSR_IOC;
            return s | (fpg_sign(N) - 1);
        }
    } else if (bexp >= (1ull << E) - 1) {
        bool to_inf = rnd == FPR_TIEEVEN || rnd == FPR_TIEAWAY ||
                      (rnd == FPR_POSINF && !sign) || (rnd == FPR_NEGINF && sign);
        *fs->fpsr |= fl | FPSR_OFC | FPSR_IXC;
        return s | (to_inf ? fpg_expmask(N) : fpg_expmask(N) - 1);
    }
    if (inexact)
        fl |= FPSR_IXC;
    *fs->fpsr |= fl;
    return s | enc;
}

uint64_t fpg_round_double(const FPStatus *fs, int N, uint64_t d, FPRounding rnd,
                          bool fz, bool ahp)
{
    int e = (int)((d >> 52) & 0x7ff);
    uint64_t f = d & ((1ull << 52) - 1);
    bool sign = d >> 63;
    if (e == 0)
        return fpg_round(fs, N, sign, -1074, f, rnd, fz, ahp);
    return fpg_round(fs, N, sign, e - 1075, f | 1ull << 52, rnd, fz, ahp);
}

double fpg_round_int(double x, FPRounding rnd, bool *inexact)
{
    if (!(fabs(x) < 0x1p52)) {
        *inexact = false;
        return x;
    }
    int64_t t = (int64_t)x, r = t;
    double frac = x - (double)t, af = fabs(frac);
    bool neg = signbit(x);
    switch (rnd) {
    case FPR_TIEEVEN:
        if (af > 0.5 || (af == 0.5 && (t & 1)))
            r += neg ? -1 : 1;
        break;
    case FPR_TIEAWAY:
        if (af >= 0.5)
            r += neg ? -1 : 1;
        break;
    case FPR_POSINF:
        if (frac > 0)
            r++;
        break;
    case FPR_NEGINF:
        if (frac < 0)
            r--;
        break;
    default:
        break;
    }
    *inexact = frac != 0;
    if (r == 0) /* FPRoundInt: a zero result has the operand's sign */
        return neg ? -0.0 : 0.0;
    return (double)r;
}

/* An exactly representable double value in width N. */
static uint64_t from_double_exact(const FPStatus *fs, int N, double d)
{
    if (N == 64)
        return fpg_dbits(d);
    if (N == 32)
        return fpg_fbits((float)d);
    if (d == 0)
        return signbit(d) ? 0x8000 : 0;
    return fpg_round_double(fs, 16, fpg_dbits(d), FPR_ZERO, false, false);
}

/* FPConvert from width N to width M. */
static uint64_t g_convert(const FPStatus *fs, int M, int N, uint64_t a, FPRounding rnd)
{
    bool ahp = (fs->fpcr & FPCR_AHP) != 0;
    bool in_alt = N == 16 && ahp, out_alt = M == 16 && ahp;
    if (N != 16) /* FPUnpackCV: FZ16 does not apply to conversions */
        a = fpg_flush(fs, N, a);
    bool sign = (a >> (N - 1)) & 1;
    uint64_t ms = sign ? fpg_sign(M) : 0;
    if (!in_alt && fpg_is_nan(N, a)) {
        if (out_alt) {
            *fs->fpsr |= FPSR_IOC;
            return ms;
        }
        if (fpg_is_snan(N, a))
            *fs->fpsr |= FPSR_IOC;
        if (fs->fpcr & FPCR_DN)
            return fpg_default_nan(M);
        /* FPConvertNaN: keep the top of the payload, quieted */
        uint64_t frac = a & (fpg_fracmask(N) >> 1);
        int fm = FPG_FBITS(M), fn = FPG_FBITS(N);
        frac = fm > fn ? frac << (fm - fn) : frac >> (fn - fm);
        return ms | fpg_expmask(M) | fpg_qbit(M) | frac;
    }
    if (!in_alt && fpg_is_inf(N, a)) {
        if (out_alt) {
            *fs->fpsr |= FPSR_IOC;
            return ms | (fpg_sign(M) - 1);
        }
        return ms | fpg_expmask(M);
    }
    if (fpg_is_zero(N, a))
        return ms;
    const int F = FPG_FBITS(N);
    int e = (int)((a & fpg_expmask(N)) >> F);
    uint64_t mant = a & fpg_fracmask(N);
    if (e)
        mant |= 1ull << F;
    int exp = (e ? e : 1) - FPG_BIAS(N) - F;
    bool fz = M != 16 && (fs->fpcr & FPCR_FZ); /* FPRoundCV: FZ16 off */
    return fpg_round(fs, M, sign, exp, mant, rnd, fz, out_alt);
}

uint32_t fp16_to_fp32(const FPStatus *fs, uint16_t a) { return (uint32_t)g_convert(fs, 32, 16, a, fp_rmode(fs)); }
uint64_t fp16_to_fp64(const FPStatus *fs, uint16_t a) { return g_convert(fs, 64, 16, a, fp_rmode(fs)); }
uint16_t fp32_to_fp16(const FPStatus *fs, uint32_t a) { return (uint16_t)g_convert(fs, 16, 32, a, fp_rmode(fs)); }
uint64_t fp32_to_fp64_slow(const FPStatus *fs, uint32_t a) { return g_convert(fs, 64, 32, a, fp_rmode(fs)); }
uint64_t fp32_to_fp64(const FPStatus *fs, uint32_t a) { return fpf32_to_fp64(fs, a); }
uint16_t fp64_to_fp16(const FPStatus *fs, uint64_t a) { return (uint16_t)g_convert(fs, 16, 64, a, fp_rmode(fs)); }
uint32_t fp64_to_fp32_slow(const FPStatus *fs, uint64_t a) { return (uint32_t)g_convert(fs, 32, 64, a, fp_rmode(fs)); }
uint32_t fp64_to_fp32(const FPStatus *fs, uint64_t a) { return fpf64_to_fp32(fs, a); }
uint32_t fp64_to_fp32_rnd(const FPStatus *fs, uint64_t a, FPRounding rounding)
{
    return (uint32_t)g_convert(fs, 32, 64, a, rounding);
}

static uint64_t g_roundint(const FPStatus *fs, int N, uint64_t a, FPRounding rnd, bool exact)
{
    a = fpg_flush(fs, N, a);
    if (fpg_is_nan(N, a))
        return fpg_process_nan(fs, N, a);
    if (fpg_is_inf(N, a) || fpg_is_zero(N, a))
        return a;
    bool inexact;
    double r = fpg_round_int(fpg_to_double(N, a), rnd, &inexact);
    if (exact && inexact)
        *fs->fpsr |= FPSR_IXC;
    return from_double_exact(fs, N, r);
}

/* FPRoundIntN (FRINT32*, FRINT64*) */
static uint64_t g_roundint_n(const FPStatus *fs, int N, uint64_t a, FPRounding rnd,
                             int ib, bool exact)
{
    /* -2^(ib-1): what NaN, infinity and out-of-range operands give */
    uint64_t most_neg = fpg_sign(N) | (uint64_t)(FPG_BIAS(N) + ib - 1) << FPG_FBITS(N);
    a = fpg_flush(fs, N, a);
    if (fpg_is_nan(N, a) || fpg_is_inf(N, a)) {
        *fs->fpsr |= FPSR_IOC;
        return most_neg;
    }
    if (fpg_is_zero(N, a))
        return a;
    bool inexact;
    double r = fpg_round_int(fpg_to_double(N, a), rnd, &inexact);
    double lim = fpg_d((uint64_t)(1023 + (ib - 1)) << 52);
    if (r >= lim || r < -lim) {
        *fs->fpsr |= FPSR_IOC;
        return most_neg;
    }
    if (inexact) /* FPRoundIntN signals Inexact in the Z forms too */
        *fs->fpsr |= FPSR_IXC;
    return from_double_exact(fs, N, r);
}

static uint64_t g_to_fixed(const FPStatus *fs, int N, uint64_t a, int fbits, bool uns,
                           FPRounding rnd, int ib)
{
    uint64_t mask = ib == 64 ? ~0ull : (1ull << ib) - 1;
    a = fpg_flush(fs, N, a);
    if (fpg_is_nan(N, a)) {
        *fs->fpsr |= FPSR_IOC;
        return 0;
    }
    /* scaling by 2^fbits is exact (or overflows to inf, which saturates) */
    double x = fpg_to_double(N, a) * fpg_d((uint64_t)(1023 + fbits) << 52);
    bool inexact = false;
    double r = isinf(x) ? x : fpg_round_int(x, rnd, &inexact);
    double lim = fpg_d((uint64_t)(1023 + (uns ? ib : ib - 1)) << 52);
    uint64_t res;
    if (uns) {
        if (r >= lim || r < 0) {
            *fs->fpsr |= FPSR_IOC;
            return r < 0 ? 0 : mask;
        }
        res = r >= 0x1p63 ? ((uint64_t)(r - 0x1p63) | 1ull << 63) : (uint64_t)(int64_t)r;
    } else {
        if (r >= lim || r < -lim) {
            *fs->fpsr |= FPSR_IOC;
            return (r < 0 ? 1ull << (ib - 1) : (1ull << (ib - 1)) - 1) & mask;
        }
        res = (uint64_t)(int64_t)r & mask;
    }
    if (inexact)
        *fs->fpsr |= FPSR_IXC;
    return res;
}

static uint64_t g_from_fixed(const FPStatus *fs, int N, uint64_t x, int fbits, bool uns,
                             FPRounding rnd, int ib)
{
    uint64_t v = ib == 64 ? x : x & ((1ull << ib) - 1);
    bool neg = false;
    if (!uns && ((v >> (ib - 1)) & 1)) {
        neg = true;
        v = (ib == 64 ? 0 : 1ull << ib) - v; /* magnitude, modulo 2^64 */
    }
    if (v == 0)
        return 0; /* FixedToFP: +0 */
    return fpg_round(fs, N, neg, -fbits, v, rnd, fpg_fz(fs, N), false);
}

/* to_fixed/from_fixed: SFX is _slow for single and double, whose
 * exported versions are the fast paths of fp-fast.h. */
#define FP_DEF_CVT(N, T, SFX)                                                     \
    T fp##N##_roundint(const FPStatus *fs, T a, FPRounding rounding, bool exact)       \
    {                                                                             \
        return (T)g_roundint(fs, N, a, rounding, exact);                         \
    }                                                                             \
    T fp##N##_roundint_n(const FPStatus *fs, T a, FPRounding rounding, int int_bits,   \
                         bool exact)                                              \
    {                                                                             \
        return (T)g_roundint_n(fs, N, a, rounding, int_bits, exact);             \
    }                                                                             \
    uint64_t fp##N##_to_fixed##SFX(const FPStatus *fs, T a, int fbits, bool is_unsigned, \
                                   FPRounding rounding, int int_bits)             \
    {                                                                             \
        return g_to_fixed(fs, N, a, fbits, is_unsigned, rounding, int_bits);     \
    }                                                                             \
    T fp##N##_from_fixed##SFX(const FPStatus *fs, uint64_t x, int fbits, bool is_unsigned, \
                              FPRounding rounding, int int_bits)                  \
    {                                                                             \
        return (T)g_from_fixed(fs, N, x, fbits, is_unsigned, rounding, int_bits); \
    }

FP_DEF_CVT(16, uint16_t, )
FP_DEF_CVT(32, uint32_t, _slow)
FP_DEF_CVT(64, uint64_t, _slow)

#define FP_DEF_CVT_FAST(N, T)                                                     \
    uint64_t fp##N##_to_fixed(const FPStatus *fs, T a, int fbits, bool is_unsigned,    \
                              FPRounding rounding, int int_bits)                  \
    {                                                                             \
        return fpf##N##_to_fixed(fs, a, fbits, is_unsigned, rounding, int_bits); \
    }                                                                             \
    T fp##N##_from_fixed(const FPStatus *fs, uint64_t x, int fbits, bool is_unsigned,  \
                         FPRounding rounding, int int_bits)                       \
    {                                                                             \
        return fpf##N##_from_fixed(fs, x, fbits, is_unsigned, rounding, int_bits); \
    }

FP_DEF_CVT_FAST(32, uint32_t)
FP_DEF_CVT_FAST(64, uint64_t)

/* FPToFixedJS: toward zero, modulo 2^32; Z only for an exact in-range
 * result that is not -0. */
uint32_t fp64_jcvtzs(const FPStatus *fs, uint64_t a, bool *z_flag)
{
    a = fpg_flush(fs, 64, a);
    *z_flag = false;
    if (fpg_is_nan(64, a) || fpg_is_inf(64, a)) {
        *fs->fpsr |= FPSR_IOC;
        return 0;
    }
    bool neg = a >> 63;
    int e = (int)((a >> 52) & 0x7ff);
    if (e == 0) { /* zero or denormal */
        if (fpg_mag(64, a)) {
            *fs->fpsr |= FPSR_IXC;
            return 0;
        }
        *z_flag = !neg;
        return 0;
    }
    uint64_t mant = (a & ((1ull << 52) - 1)) | 1ull << 52;
    int ue = e - 1023; /* value = mant * 2^(ue - 52) */
    uint64_t ip; /* integer part modulo 2^64 */
    bool inexact;
    if (ue < 0) {
        ip = 0, inexact = true;
    } else if (ue <= 52) {
        ip = mant >> (52 - ue), inexact = ue < 52 && (mant << (12 + ue)) != 0;
    } else {
        ip = ue - 52 >= 64 ? 0 : mant << (ue - 52), inexact = false;
    }
    /* |value| < 2^31, or exactly -2^31 */
    bool in_range = ue < 31 || (neg && ue == 31 && ip == 1ull << 31 && !inexact);
    uint32_t res = (uint32_t)(neg ? -ip : ip);
    if (!in_range)
        *fs->fpsr |= FPSR_IOC;
    else if (inexact)
        *fs->fpsr |= FPSR_IXC;
    *z_flag = in_range && !inexact;
    return res;
}

uint64_t fp_expand_imm(int size, uint8_t imm8)
{
    int E = size == 16 ? 5 : size == 32 ? 8 : 11, F = size - E - 1;
    uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1;
    /* exp = NOT(b6) : Replicate(b6, E-3) : imm8<5:4> */
    uint64_t exp = (b6 ^ 1) << (E - 1) | (b6 ? ((1ull << (E - 3)) - 1) << 2 : 0) |
                   ((imm8 >> 4) & 3);
    uint64_t frac = (uint64_t)(imm8 & 15) << (F - 4);
    return sign << (size - 1) | exp << F | frac;
}
