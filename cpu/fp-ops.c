/*
 * cpu/fp-ops.c - FP arithmetic, min/max, compares and reciprocal
 * estimates with exact Arm semantics (see fp-ops.h for the contract).
 *
 * The exported single/double add, sub, mul, div, sqrt and muladd first
 * try the inline fast path of fp-fast.h (plain host arithmetic under the
 * host's default MXCSR, IXC computed in software); what it cannot decide
 * exactly comes here (fpN_op_slow).
 *
 * The slow path runs single and double arithmetic on the host's SSE unit
 * under an MXCSR set for the operation: exceptions masked, no DAZ/FTZ,
 * the rounding control from FPCR.RMode, flags cleared; afterwards the
 * MXCSR flags are read and the caller's MXCSR restored (its sticky flags
 * cleared: nothing outside this window reads them).  Fix-ups where
 * x86 and Arm differ:
 *   - NaNs: operands are checked first (Arm picks SNaN before QNaN, x86
 *     picks the first operand); a NaN produced from non-NaN operands is
 *     replaced by Arm's default NaN (x86's has the sign bit set);
 *   - flush-to-zero is done in software (FPCR.FZ flushes denormal inputs
 *     with IDC and tiny results with UFC only);
 *   - tininess: Arm detects underflow before rounding, x86 after; they
 *     differ only when the result rounds to +-min-normal, so that case is
 *     recomputed rounding toward zero to see whether the exact value was
 *     below min-normal.
 * Half precision arithmetic runs in double, rounding toward zero with the
 * inexact bit ORed into the lsb ("round to odd", exact enough because
 * 53 >= 11 + 2), then fpg_round() rounds to half in the FPCR mode; that
 * gives correct results, tininess and flags.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "cpu/fp-fast.h"
#include "cpu/fp-internal.h"

/* MXCSR: flags IE DE ZE OE UE PE in bits 5:0, masks 12:7, RC 14:13. */
#define MX_IE 0x01
#define MX_ZE 0x04
#define MX_OE 0x08
#define MX_PE 0x20
#define MX_FLAGS 0x3f
#define MX_BASE 0x1f80u /* all exceptions masked, nearest, no DAZ/FTZ */
#define MX_RC_ZERO 3u

/* Arm RMode (RN, RP, RM, RZ) -> x86 RC (nearest, down, up, zero). */
static const unsigned mx_rc_of_rmode[4] = {0, 2, 1, 3};

#define FP_BARRIER(x) __asm__ volatile("" : "+x"(x))

static inline unsigned mx_enter(unsigned rc)
{
    unsigned m, want = MX_BASE | rc << 13;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    if (m != want)
        __asm__ volatile("ldmxcsr %0" : : "m"(want));
    return m;
}

static inline unsigned mx_leave(unsigned m)
{
    unsigned now, restore = m & ~MX_FLAGS;
    __asm__ volatile("stmxcsr %0" : "=m"(now));
    if (now != restore)
        __asm__ volatile("ldmxcsr %0" : : "m"(restore));
    return now & MX_FLAGS;
}

/* Fused multiply-add: the host's FMA3 unit (every x86-64 since 2013),
 * else libm's correctly rounded fma() when it is linked in.  Kept in tiny
 * functions so target("fma") cannot contract any other expression. */
extern double fma(double, double, double) __attribute__((weak));
extern float fmaf(float, float, float) __attribute__((weak));

__attribute__((target("fma"))) static double hw_fma(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}

__attribute__((target("fma"))) static float hw_fmaf(float a, float b, float c)
{
    return __builtin_fmaf(a, b, c);
}

static bool host_has_fma(void)
{
    static int has = -1;
    if (has < 0) {
        __builtin_cpu_init();
        has = __builtin_cpu_supports("fma") != 0;
        if (!has && (!fma || !fmaf)) {
            fprintf(stderr, "emu: the host CPU has no FMA3 and libm's fma() "
                            "is not linked: cannot emulate fused multiply-add\n");
            exit(1);
        }
    }
    return has;
}

static double host_fma(double a, double b, double c)
{
    return host_has_fma() ? hw_fma(a, b, c) : fma(a, b, c);
}

static float host_fmaf(float a, float b, float c)
{
    return host_has_fma() ? hw_fmaf(a, b, c) : fmaf(a, b, c);
}

typedef enum HostOp {
    HOP_ADD, HOP_SUB, HOP_MUL, HOP_DIV, HOP_SQRT,
    HOP_FMA,      /* a * b + c */
    HOP_FMA_HALF, /* (a * b + c) / 2, FRSQRTS when the product is tiny */
} HostOp;

typedef struct HostCall {
    HostOp op;
    int N; /* 32 or 64 */
    uint64_t a, b, c;
} HostCall;

/* Runs one host operation with rounding control rc; *mxf gets the MXCSR
 * flags it raised.  The barriers pin the arithmetic between the MXCSR
 * accesses (volatile asms are not reordered among themselves). */
static uint64_t host_run(const HostCall *h, unsigned rc, unsigned *mxf)
{
    uint64_t res;
    if (h->N == 64) {
        double a = fpg_d(h->a), b = fpg_d(h->b), c = fpg_d(h->c), r;
        unsigned m = mx_enter(rc);
        FP_BARRIER(a);
        FP_BARRIER(b);
        FP_BARRIER(c);
        switch (h->op) {
        case HOP_ADD: r = a + b; break;
        case HOP_SUB: r = a - b; break;
        case HOP_MUL: r = a * b; break;
        case HOP_DIV: r = a / b; break;
        case HOP_SQRT: __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(a)); break;
        case HOP_FMA: r = host_fma(a, b, c); break;
        default: r = host_fma(a, b, c) * 0.5; break;
        }
        FP_BARRIER(r);
        *mxf = mx_leave(m);
        res = fpg_dbits(r);
    } else {
        float a = fpg_f((uint32_t)h->a), b = fpg_f((uint32_t)h->b);
        float c = fpg_f((uint32_t)h->c), r;
        unsigned m = mx_enter(rc);
        FP_BARRIER(a);
        FP_BARRIER(b);
        FP_BARRIER(c);
        switch (h->op) {
        case HOP_ADD: r = a + b; break;
        case HOP_SUB: r = a - b; break;
        case HOP_MUL: r = a * b; break;
        case HOP_DIV: r = a / b; break;
        case HOP_SQRT: __asm__("sqrtss %1, %0" : "=x"(r) : "x"(a)); break;
        case HOP_FMA: r = host_fmaf(a, b, c); break;
        default: r = host_fmaf(a, b, c) * 0.5f; break;
        }
        FP_BARRIER(r);
        *mxf = mx_leave(m);
        res = fpg_fbits(r);
    }
    return res;
}

/* Arm flags and fix-ups of a single/double host result (see header). */
static uint64_t host_finish(const FPStatus *fs, const HostCall *h, uint64_t r,
                            unsigned mxf)
{
    int N = h->N;
    uint64_t sign = fpg_sign(N), mag = fpg_mag(N, r), minn = 1ull << FPG_FBITS(N);
    if (fpg_is_nan(N, r)) { /* invalid operation on non-NaN operands */
        *fs->fpsr |= FPSR_IOC;
        return fpg_default_nan(N);
    }
    uint32_t fl = 0;
    if (mxf & MX_ZE)
        fl |= FPSR_DZC;
    if (mxf & MX_OE)
        fl |= FPSR_OFC;
    bool inexact = (mxf & MX_PE) != 0, tiny = false;
    if (mag < minn) {
        tiny = mag != 0 || inexact;
    } else if (mag == minn && inexact) {
        unsigned f2;
        tiny = fpg_mag(N, host_run(h, MX_RC_ZERO, &f2)) < minn;
    }
    if (tiny && fpg_fz(fs, N)) {
        *fs->fpsr |= fl | FPSR_UFC; /* flushed: UFC, never IXC */
        return r & sign;
    }
    if (tiny && inexact)
        fl |= FPSR_UFC;
    if (inexact)
        fl |= FPSR_IXC;
    *fs->fpsr |= fl;
    return r;
}

/* Half arithmetic through double (round to odd, then fpg_round). */
static uint64_t half_via_double(const FPStatus *fs, HostOp op, uint64_t a, uint64_t b,
                                uint64_t c)
{
    HostCall d = {op, 64, fpg_h2d(a), fpg_h2d(b), fpg_h2d(c)};
    unsigned mxf;
    uint64_t r = host_run(&d, MX_RC_ZERO, &mxf);
    if (fpg_is_nan(64, r)) {
        *fs->fpsr |= FPSR_IOC;
        return fpg_default_nan(16);
    }
    if (mxf & MX_ZE)
        *fs->fpsr |= FPSR_DZC;
    if (fpg_is_inf(64, r))
        return fpg_inf(16, r >> 63);
    if (fpg_is_zero(64, r)) {
        /* exact zero (products of halves never underflow a double); an
         * exact zero sum is -0 in round-down, which RZ did not give */
        if (fp_rmode(fs) == FPR_NEGINF)
            r = host_run(&d, mx_rc_of_rmode[FPR_NEGINF], &mxf);
        return (r >> 63) ? 0x8000 : 0;
    }
    if (mxf & MX_PE)
        r |= 1;
    return fpg_round_double(fs, 16, r, fp_rmode(fs), fpg_fz(fs, 16), false);
}

/* One arithmetic operation on flushed, non-NaN operands. */
static uint64_t arith(const FPStatus *fs, int N, HostOp op, uint64_t a, uint64_t b,
                      uint64_t c)
{
    if (N == 16)
        return half_via_double(fs, op, a, b, c);
    HostCall h = {op, N, a, b, c};
    unsigned mxf;
    uint64_t r = host_run(&h, mx_rc_of_rmode[fp_rmode(fs)], &mxf);
    return host_finish(fs, &h, r, mxf);
}

static inline uint64_t binop(const FPStatus *fs, int N, HostOp op, uint64_t a, uint64_t b)
{
    uint64_t res;
    a = fpg_flush(fs, N, a);
    b = fpg_flush(fs, N, b);
    if (fpg_process_nans(fs, N, a, b, &res))
        return res;
    return arith(fs, N, op, a, b, 0);
}

static inline uint64_t g_sqrt(const FPStatus *fs, int N, uint64_t a)
{
    a = fpg_flush(fs, N, a);
    if (fpg_is_nan(N, a))
        return fpg_process_nan(fs, N, a);
    return arith(fs, N, HOP_SQRT, a, 0, 0);
}

/* 2.0 or 1.5 in width N with sign */
static inline uint64_t const_val(int N, double v, bool neg)
{
    uint64_t d = fpg_dbits(v);
    int F = FPG_FBITS(N);
    uint64_t e = ((d >> 52) & 0x7ff) - 1023 + FPG_BIAS(N);
    uint64_t frac = (d & ((1ull << 52) - 1)) >> (52 - F);
    return (neg ? fpg_sign(N) : 0) | e << F | frac;
}

static inline bool inf_times_zero(int N, uint64_t a, uint64_t b)
{
    return (fpg_is_inf(N, a) && fpg_is_zero(N, b)) ||
           (fpg_is_zero(N, a) && fpg_is_inf(N, b));
}

static inline uint64_t g_mulx(const FPStatus *fs, int N, uint64_t a, uint64_t b)
{
    uint64_t res;
    a = fpg_flush(fs, N, a);
    b = fpg_flush(fs, N, b);
    if (fpg_process_nans(fs, N, a, b, &res))
        return res;
    if (inf_times_zero(N, a, b))
        return const_val(N, 2.0, ((a ^ b) & fpg_sign(N)) != 0);
    return arith(fs, N, HOP_MUL, a, b, 0);
}

/* FPMulAdd(addend a, n, m) */
static inline uint64_t g_muladd(const FPStatus *fs, int N, uint64_t a, uint64_t n,
                                uint64_t m)
{
    a = fpg_flush(fs, N, a);
    n = fpg_flush(fs, N, n);
    m = fpg_flush(fs, N, m);
    /* a quiet-NaN addend does not hide the invalid inf*0 product */
    if (fpg_is_qnan(N, a) && inf_times_zero(N, n, m)) {
        *fs->fpsr |= FPSR_IOC;
        return fpg_default_nan(N);
    }
    if (fpg_is_snan(N, a))
        return fpg_process_nan(fs, N, a);
    if (fpg_is_snan(N, n))
        return fpg_process_nan(fs, N, n);
    if (fpg_is_snan(N, m))
        return fpg_process_nan(fs, N, m);
    if (fpg_is_nan(N, a))
        return fpg_process_nan(fs, N, a);
    if (fpg_is_nan(N, n))
        return fpg_process_nan(fs, N, n);
    if (fpg_is_nan(N, m))
        return fpg_process_nan(fs, N, m);
    return arith(fs, N, HOP_FMA, n, m, a);
}

/* FPRecipStepFused (rsqrt=false: 2 - a*b) and FPRSqrtStepFused
 * ((3 - a*b) / 2).  The Arm ARM negates op1 before NaN processing. */
static uint64_t g_step(const FPStatus *fs, int N, uint64_t a, uint64_t b, bool rsqrt)
{
    uint64_t res, sign = fpg_sign(N);
    a = fpg_flush(fs, N, a ^ sign);
    b = fpg_flush(fs, N, b);
    if (fpg_process_nans(fs, N, a, b, &res))
        return res;
    if (inf_times_zero(N, a, b))
        return const_val(N, rsqrt ? 1.5 : 2.0, false);
    if (fpg_is_inf(N, a) || fpg_is_inf(N, b))
        return fpg_inf(N, ((a ^ b) & sign) != 0);
    if (!rsqrt)
        return arith(fs, N, HOP_FMA, a, b, const_val(N, 2.0, false));
    if (N == 16)
        return arith(fs, N, HOP_FMA_HALF, a, b, const_val(N, 3.0, false));
    /* (3 + a*b)/2 = 1.5 + (a/2)*b: halving an operand is exact when its
     * exponent is above the minimum, and avoids a spurious overflow of
     * 3 + a*b; with both operands tiny the product cannot matter for
     * overflow and the final halving of ~3 is exact. */
    int F = FPG_FBITS(N);
    uint64_t one_half = 1ull << F; /* exponent field 1 */
    uint64_t c15 = const_val(N, 1.5, false);
    if ((a & fpg_expmask(N)) > one_half)
        return arith(fs, N, HOP_FMA, a - one_half, b, c15);
    if ((b & fpg_expmask(N)) > one_half)
        return arith(fs, N, HOP_FMA, a, b - one_half, c15);
    return arith(fs, N, HOP_FMA_HALF, a, b, const_val(N, 3.0, false));
}

/* FPMax/FPMin (is_max) with FPMaxNum/FPMinNum's quiet-NaN rule (num). */
static uint64_t g_minmax(const FPStatus *fs, int N, uint64_t a, uint64_t b, bool is_max,
                         bool num)
{
    uint64_t res;
    a = fpg_flush(fs, N, a);
    b = fpg_flush(fs, N, b);
    if (num) {
        bool qa = fpg_is_qnan(N, a), qb = fpg_is_qnan(N, b);
        if (qa && !fpg_is_nan(N, b))
            return b;
        if (qb && !fpg_is_nan(N, a))
            return a;
    }
    if (fpg_process_nans(fs, N, a, b, &res))
        return res;
    if (fpg_is_zero(N, a) && fpg_is_zero(N, b)) /* -0 < +0 */
        return is_max ? (a & b) : (a | b);
    double x = fpg_to_double(N, a), y = fpg_to_double(N, b);
    return (is_max ? x > y : x < y) ? a : b;
}

static inline unsigned g_cmp(const FPStatus *fs, int N, uint64_t a, uint64_t b, bool signal)
{
    a = fpg_flush(fs, N, a);
    b = fpg_flush(fs, N, b);
    if (fpg_is_nan(N, a) || fpg_is_nan(N, b)) {
        if (signal || fpg_is_snan(N, a) || fpg_is_snan(N, b))
            *fs->fpsr |= FPSR_IOC;
        return 0x3;
    }
    double x = fpg_to_double(N, a), y = fpg_to_double(N, b);
    return x == y ? 0x6 : x < y ? 0x8 : 0x2;
}

/* FCMEQ (quiet), FCMGE/FCMGT (signalling): 1 when the relation holds. */
static inline bool g_cmpop(const FPStatus *fs, int N, uint64_t a, uint64_t b, int rel)
{
    a = fpg_flush(fs, N, a);
    b = fpg_flush(fs, N, b);
    if (fpg_is_nan(N, a) || fpg_is_nan(N, b)) {
        if (rel != 0 || fpg_is_snan(N, a) || fpg_is_snan(N, b))
            *fs->fpsr |= FPSR_IOC;
        return false;
    }
    double x = fpg_to_double(N, a), y = fpg_to_double(N, b);
    return rel == 0 ? x == y : rel == 1 ? x >= y : x > y;
}

/* RecipEstimate / RecipSqrtEstimate (Arm ARM shared/functions/float),
 * tabulated once: index is the 9-bit scaled operand. */
static uint16_t recip_tab[512], rsqrt_tab[512];

__attribute__((constructor)) static void fp_tables_init(void)
{
    for (int a = 256; a < 512; a++) {
        int x = a * 2 + 1, b = (1 << 19) / x;
        recip_tab[a] = (uint16_t)((b + 1) / 2);
    }
    for (int a = 128; a < 512; a++) {
        int64_t x = a < 256 ? a * 2 + 1 : ((a >> 1) << 1) * 2 + 2;
        /* b = the smallest b >= 512 with x * (b + 1)^2 >= 2^28, found
         * from the square root and corrected (a plain b++ search from 512
         * cost ~0.2 ms at every emulator start). */
        int64_t t = (int64_t)sqrt((double)(1 << 28) / (double)x);
        while (x * t * t < (1 << 28))
            t++;
        while (t > 513 && x * (t - 1) * (t - 1) >= (1 << 28))
            t--;
        int64_t b = (t < 513 ? 513 : t) - 1;
        rsqrt_tab[a] = (uint16_t)((b + 1) / 2);
    }
}

uint32_t fp_urecpe32(uint32_t a)
{
    if (!(a >> 31))
        return 0xffffffffu;
    return (uint32_t)recip_tab[a >> 23] << 23;
}

uint32_t fp_ursqrte32(uint32_t a)
{
    if (!(a >> 30))
        return 0xffffffffu;
    return (uint32_t)rsqrt_tab[a >> 23] << 23;
}

#define M52 ((1ull << 52) - 1)

static uint64_t g_recpe(const FPStatus *fs, int N, uint64_t a)
{
    const int F = FPG_FBITS(N), E = FPG_EBITS(N);
    a = fpg_flush(fs, N, a);
    uint64_t sign = a & fpg_sign(N), mag = fpg_mag(N, a);
    if (fpg_is_nan(N, a))
        return fpg_process_nan(fs, N, a);
    if (fpg_is_inf(N, a))
        return sign;
    if (mag == 0) {
        *fs->fpsr |= FPSR_DZC;
        return sign | fpg_expmask(N);
    }
    if (mag < 1ull << (F - 2)) { /* 1/x overflows */
        FPRounding r = fp_rmode(fs);
        bool to_inf = r == FPR_TIEEVEN || (r == FPR_POSINF && !sign) ||
                      (r == FPR_NEGINF && sign);
        *fs->fpsr |= FPSR_OFC | FPSR_IXC;
        return sign | (to_inf ? fpg_expmask(N) : fpg_expmask(N) - 1);
    }
    if (fpg_fz(fs, N) && mag >= ((1ull << E) - 3) << F) {
        *fs->fpsr |= FPSR_UFC;
        return sign;
    }
    int exp = (int)(mag >> F);
    uint64_t frac = (mag & fpg_fracmask(N)) << (52 - F);
    if (exp == 0) {
        if (!(frac >> 51)) {
            exp = -1;
            frac = (frac << 2) & M52;
        } else {
            frac = (frac << 1) & M52;
        }
    }
    int rexp = 2 * FPG_BIAS(N) - 1 - exp;
    uint64_t est = recip_tab[256 | (frac >> 44)];
    frac = (est & 0xff) << 44;
    if (rexp == 0) {
        frac = (1ull << 51) | (frac >> 1);
    } else if (rexp == -1) {
        frac = (1ull << 50) | (frac >> 2);
        rexp = 0;
    }
    return sign | (uint64_t)rexp << F | frac >> (52 - F);
}

static uint64_t g_rsqrte(const FPStatus *fs, int N, uint64_t a)
{
    const int F = FPG_FBITS(N);
    a = fpg_flush(fs, N, a);
    uint64_t sign = a & fpg_sign(N), mag = fpg_mag(N, a);
    if (fpg_is_nan(N, a))
        return fpg_process_nan(fs, N, a);
    if (mag == 0) {
        *fs->fpsr |= FPSR_DZC;
        return sign | fpg_expmask(N);
    }
    if (sign) {
        *fs->fpsr |= FPSR_IOC;
        return fpg_default_nan(N);
    }
    if (fpg_is_inf(N, a))
        return 0;
    int exp = (int)(mag >> F);
    uint64_t frac = (mag & fpg_fracmask(N)) << (52 - F);
    if (exp == 0) {
        while (!(frac >> 51)) {
            frac = (frac << 1) & M52;
            exp--;
        }
        frac = (frac << 1) & M52;
    }
    /* even exponent: 0.5 <= x < 1 ('1':frac); odd: 0.25 <= x < 0.5 */
    unsigned scaled = (exp & 1) ? (unsigned)(0x80 | frac >> 45)
                                : (unsigned)(0x100 | frac >> 44);
    int rexp = (3 * FPG_BIAS(N) - 1 - exp) / 2;
    uint64_t est = rsqrt_tab[scaled];
    return (uint64_t)rexp << F | (est & 0xff) << (F - 8);
}

/* FPRecpX: exponent inversion; zero/denormal give the max exponent - 1. */
static uint64_t g_recpx(const FPStatus *fs, int N, uint64_t a)
{
    const int F = FPG_FBITS(N), E = FPG_EBITS(N);
    a = fpg_flush(fs, N, a);
    if (fpg_is_nan(N, a))
        return fpg_process_nan(fs, N, a);
    uint64_t sign = a & fpg_sign(N), exp = (a & fpg_expmask(N)) >> F;
    uint64_t emax = (1ull << E) - 1;
    if (exp == 0)
        return sign | (emax - 1) << F;
    return sign | (~exp & emax) << F;
}

/* Operations with an inline fast path (fp-fast.h) for single and
 * double: the general path is fpN_op_slow, the exported fpN_op is the
 * fast path falling back to it.  Half precision has no fast path. */
#define FP_DEF_FASTABLE(N, T, SFX)                                              \
    T fp##N##_add##SFX(const FPStatus *fs, T a, T b) { return (T)binop(fs, N, HOP_ADD, a, b); } \
    T fp##N##_sub##SFX(const FPStatus *fs, T a, T b) { return (T)binop(fs, N, HOP_SUB, a, b); } \
    T fp##N##_mul##SFX(const FPStatus *fs, T a, T b) { return (T)binop(fs, N, HOP_MUL, a, b); } \
    T fp##N##_div##SFX(const FPStatus *fs, T a, T b) { return (T)binop(fs, N, HOP_DIV, a, b); } \
    T fp##N##_sqrt##SFX(const FPStatus *fs, T a) { return (T)g_sqrt(fs, N, a); }             \
    T fp##N##_muladd##SFX(const FPStatus *fs, T a, T n, T m) { return (T)g_muladd(fs, N, a, n, m); }

FP_DEF_FASTABLE(16, uint16_t, )
FP_DEF_FASTABLE(32, uint32_t, _slow)
FP_DEF_FASTABLE(64, uint64_t, _slow)

#define FP_DEF_FAST(N, T)                                                       \
    T fp##N##_add(const FPStatus *fs, T a, T b) { return fpf##N##_add(fs, a, b); }  \
    T fp##N##_sub(const FPStatus *fs, T a, T b) { return fpf##N##_sub(fs, a, b); }  \
    T fp##N##_mul(const FPStatus *fs, T a, T b) { return fpf##N##_mul(fs, a, b); }  \
    T fp##N##_div(const FPStatus *fs, T a, T b) { return fpf##N##_div(fs, a, b); }  \
    T fp##N##_sqrt(const FPStatus *fs, T a) { return fpf##N##_sqrt(fs, a); }        \
    T fp##N##_muladd(const FPStatus *fs, T a, T n, T m) { return fpf##N##_muladd(fs, a, n, m); }

FP_DEF_FAST(32, uint32_t)
FP_DEF_FAST(64, uint64_t)

double fpf_host_fma(double a, double b, double c) { return host_fma(a, b, c); }
float fpf_host_fmaf(float a, float b, float c) { return host_fmaf(a, b, c); }

#define FP_DEF_ARITH(N, T)                                                      \
    T fp##N##_mulx(const FPStatus *fs, T a, T b) { return (T)g_mulx(fs, N, a, b); }       \
    T fp##N##_min(const FPStatus *fs, T a, T b) { return (T)g_minmax(fs, N, a, b, false, false); } \
    T fp##N##_max(const FPStatus *fs, T a, T b) { return (T)g_minmax(fs, N, a, b, true, false); } \
    T fp##N##_minnm(const FPStatus *fs, T a, T b) { return (T)g_minmax(fs, N, a, b, false, true); } \
    T fp##N##_maxnm(const FPStatus *fs, T a, T b) { return (T)g_minmax(fs, N, a, b, true, true); } \
    T fp##N##_recpe(const FPStatus *fs, T a) { return (T)g_recpe(fs, N, a); }           \
    T fp##N##_rsqrte(const FPStatus *fs, T a) { return (T)g_rsqrte(fs, N, a); }         \
    T fp##N##_recps(const FPStatus *fs, T a, T b) { return (T)g_step(fs, N, a, b, false); } \
    T fp##N##_rsqrts(const FPStatus *fs, T a, T b) { return (T)g_step(fs, N, a, b, true); } \
    T fp##N##_recpx(const FPStatus *fs, T a) { return (T)g_recpx(fs, N, a); }           \
    unsigned fp##N##_cmp(const FPStatus *fs, T a, T b, bool signal)                      \
    {                                                                               \
        return g_cmp(fs, N, a, b, signal);                                         \
    }                                                                               \
    T fp##N##_cmeq(const FPStatus *fs, T a, T b) { return g_cmpop(fs, N, a, b, 0) ? (T)~(T)0 : 0; } \
    T fp##N##_cmge(const FPStatus *fs, T a, T b) { return g_cmpop(fs, N, a, b, 1) ? (T)~(T)0 : 0; } \
    T fp##N##_cmgt(const FPStatus *fs, T a, T b) { return g_cmpop(fs, N, a, b, 2) ? (T)~(T)0 : 0; }

FP_DEF_ARITH(16, uint16_t)
FP_DEF_ARITH(32, uint32_t)
FP_DEF_ARITH(64, uint64_t)
