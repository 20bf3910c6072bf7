/*
 * cpu/fp-internal.h - plumbing shared by fp-ops.c and fp-cvt.c
 * (not a contract header; users of FP go through fp-ops.h).
 *
 * The generic helpers take the format width N (16, 32 or 64) as an
 * argument and carry raw bits in a uint64_t; they are static inline so a
 * constant N folds away in each per-width wrapper.
 */
#ifndef EMU_CPU_FP_INTERNAL_H
#define EMU_CPU_FP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "cpu/fp-ops.h"

#define FPG_FBITS(N) ((N) == 16 ? 10 : (N) == 32 ? 23 : 52)
#define FPG_EBITS(N) ((N) == 16 ? 5 : (N) == 32 ? 8 : 11)
#define FPG_BIAS(N) ((1 << (FPG_EBITS(N) - 1)) - 1)

static inline uint64_t fpg_sign(int N) { return 1ull << (N - 1); }
static inline uint64_t fpg_expmask(int N)
{
    return ((1ull << FPG_EBITS(N)) - 1) << FPG_FBITS(N);
}
static inline uint64_t fpg_fracmask(int N) { return (1ull << FPG_FBITS(N)) - 1; }
static inline uint64_t fpg_qbit(int N) { return 1ull << (FPG_FBITS(N) - 1); }
static inline uint64_t fpg_mag(int N, uint64_t x) { return x & (fpg_sign(N) - 1); }
static inline bool fpg_is_nan(int N, uint64_t x) { return fpg_mag(N, x) > fpg_expmask(N); }
static inline bool fpg_is_snan(int N, uint64_t x)
{
    return fpg_is_nan(N, x) && !(x & fpg_qbit(N));
}
static inline bool fpg_is_qnan(int N, uint64_t x)
{
    return fpg_is_nan(N, x) && (x & fpg_qbit(N));
}
static inline bool fpg_is_inf(int N, uint64_t x) { return fpg_mag(N, x) == fpg_expmask(N); }
static inline bool fpg_is_zero(int N, uint64_t x) { return fpg_mag(N, x) == 0; }
static inline uint64_t fpg_default_nan(int N) { return fpg_expmask(N) | fpg_qbit(N); }
static inline uint64_t fpg_inf(int N, bool neg)
{
    return fpg_expmask(N) | (neg ? fpg_sign(N) : 0);
}

/* Does FPCR flush this width's denormals (FZ16 for half, FZ otherwise)? */
static inline bool fpg_fz(const FPStatus *fs, int N)
{
    return (fs->fpcr & (N == 16 ? FPCR_FZ16 : FPCR_FZ)) != 0;
}

/* FPUnpack's flush-to-zero of a denormal input: IDC for single/double
 * only (the Arm ARM raises no Input Denormal for half). */
static inline uint64_t fpg_flush(const FPStatus *fs, int N, uint64_t x)
{
    if ((x & fpg_expmask(N)) == 0 && (x & fpg_fracmask(N)) != 0 && fpg_fz(fs, N)) {
        if (N != 16)
            *fs->fpsr |= FPSR_IDC;
        return x & fpg_sign(N);
    }
    return x;
}

/* FPProcessNaN: SNaN raises IOC; DN gives the default NaN; else quiet. */
static inline uint64_t fpg_process_nan(const FPStatus *fs, int N, uint64_t a)
{
    if (fpg_is_snan(N, a))
        *fs->fpsr |= FPSR_IOC;
    if (fs->fpcr & FPCR_DN)
        return fpg_default_nan(N);
    return a | fpg_qbit(N);
}

/* FPProcessNaNs: true (and *res) when a or b is a NaN. */
static inline bool fpg_process_nans(const FPStatus *fs, int N, uint64_t a, uint64_t b,
                                    uint64_t *res)
{
    if (!fpg_is_nan(N, a) && !fpg_is_nan(N, b))
        return false;
    if (fpg_is_snan(N, a))
        *res = fpg_process_nan(fs, N, a);
    else if (fpg_is_snan(N, b))
        *res = fpg_process_nan(fs, N, b);
    else if (fpg_is_nan(N, a))
        *res = fpg_process_nan(fs, N, a);
    else
        *res = fpg_process_nan(fs, N, b);
    return true;
}

static inline double fpg_d(uint64_t x) { double d; memcpy(&d, &x, 8); return d; }
static inline uint64_t fpg_dbits(double d) { uint64_t x; memcpy(&x, &d, 8); return x; }
static inline float fpg_f(uint32_t x) { float f; memcpy(&f, &x, 4); return f; }
static inline uint32_t fpg_fbits(float f) { uint32_t x; memcpy(&x, &f, 4); return x; }

/* IEEE half -> double bits, exact (NaN payloads kept, not quietened). */
uint64_t fpg_h2d(uint64_t h);

/* The value of a non-NaN operand as a double (exact). */
static inline double fpg_to_double(int N, uint64_t x)
{
    if (N == 64)
        return fpg_d(x);
    if (N == 32)
        return (double)fpg_f((uint32_t)x);
    return fpg_d(fpg_h2d(x));
}

/*
 * FPRoundBase: rounds the nonzero value (-1)^sign * mant * 2^exp to width
 * N in `rnd`, with tininess detected before rounding (the Arm rule; x86
 * detects it after), flush-to-zero of tiny results when fz, and AHP
 * overflow rules when ahp.  Raises UFC/OFC/IXC/IOC into *fs->fpsr.
 */
uint64_t fpg_round(const FPStatus *fs, int N, bool sign, int exp, uint64_t mant,
                   FPRounding rnd, bool fz, bool ahp);

/* fpg_round of a finite nonzero double given by its bits. */
uint64_t fpg_round_double(const FPStatus *fs, int N, uint64_t d, FPRounding rnd,
                          bool fz, bool ahp);

/* Round a finite double to an integral double (FPRoundInt's core); sets
 * *inexact.  Zero results keep the sign of x. */
double fpg_round_int(double x, FPRounding rnd, bool *inexact);

#endif
