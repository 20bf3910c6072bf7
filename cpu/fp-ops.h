/*
 * cpu/fp-ops.h - element-level floating-point operations with exact Arm
 * semantics (Arm ARM shared/functions/float: FPAdd, FPMulAdd, FPMax,
 * FPToFixed, FPRecipEstimate, ...), shared by both guests: the A64
 * scalar and AdvSIMD translators (cpu/aarch64) and AArch32 VFP and NEON
 * (cpu/arm).
 *
 * Every operation takes an FPStatus: the control bits it obeys and where
 * its cumulative exception flags go.  The control word is in AArch64 FPCR
 * layout (AArch32's FPSCR has the same bits in the same places), the flags
 * are ORed into *fpsr in FPSR layout.  A64 passes {env->fpcr, &env->fpsr};
 * VFP passes the same from ArmState; NEON passes its "standard FPSCR"
 * {FPCR_DN | FPCR_FZ (RMode RN), &env->fpsr} (Arm ARM StandardFPSCRValue:
 * AHP keeps the FPSCR's value), so flags still accumulate in FPSCR.
 *
 * Contract of every function here:
 *   - operands and results are raw IEEE bit patterns (uint16_t half,
 *     uint32_t single, uint64_t double);
 *   - fs->fpcr is read for RMode, FZ, FZ16, DN and AHP (FEAT_AFP's AH/FIZ
 *     and FEAT_EBF16 are not implemented: they read as 0);
 *   - *fs->fpsr cumulative flags (IOC DZC OFC UFC IXC IDC) are ORed in,
 *     never cleared;
 *   - NaN rules are FPProcessNaNs: a signalling NaN operand wins over a
 *     quiet one, the first operand before the second, the result is
 *     quieted; FPCR.DN gives the default NaN (positive sign, unlike x86);
 *   - half precision follows FZ16 (flushing a half input sets no IDC);
 *     conversions to/from half ignore FZ16 (FPUnpackCV/FPRoundCV).
 * Functions never trap: FP exception trapping (FPCR.IOE..IDE) is not
 * supported by Linux on the cores we model, so the enables read as 0.
 */
#ifndef EMU_CPU_FP_OPS_H
#define EMU_CPU_FP_OPS_H

#include <stdbool.h>
#include <stdint.h>

/* The FP environment of one operation (see above).  Callers build it on
 * the stack around their calls; fpsr must stay valid for the call. */
typedef struct FPStatus {
    uint32_t fpcr;  /* control: AHP DN FZ RMode FZ16, FPCR layout */
    uint32_t *fpsr; /* cumulative flags are ORed in here, FPSR layout */
} FPStatus;

/* FPCR fields */
#define FPCR_AHP (1u << 26)
#define FPCR_DN (1u << 25)
#define FPCR_FZ (1u << 24)
#define FPCR_RMODE_SHIFT 22
#define FPCR_FZ16 (1u << 19)
/* Bits an A64 MSR FPCR may set (everything else is RES0 for us). */
#define FPCR_WRITABLE_MASK 0x07c80000u /* AHP DN FZ RMode FZ16 */
#define FPCR_RMODE_MASK (3u << FPCR_RMODE_SHIFT)

/* FPSR cumulative flags */
#define FPSR_IOC (1u << 0)
#define FPSR_DZC (1u << 1)
#define FPSR_OFC (1u << 2)
#define FPSR_UFC (1u << 3)
#define FPSR_IXC (1u << 4)
#define FPSR_IDC (1u << 7)
#define FPSR_QC (1u << 27) /* AdvSIMD saturation, not touched here */

/* Rounding modes in the Arm ARM's FPRounding order; 0..3 equal
 * FPCR.RMode. */
typedef enum FPRounding {
    FPR_TIEEVEN = 0, /* RN */
    FPR_POSINF = 1,  /* RP */
    FPR_NEGINF = 2,  /* RM */
    FPR_ZERO = 3,    /* RZ */
    FPR_TIEAWAY = 4, /* FRINTA / FCVTA* */
    FPR_ODD = 5,     /* FCVTXN */
} FPRounding;

/* The rounding mode FPCR selects. */
static inline FPRounding fp_rmode(const FPStatus *fs)
{
    return (FPRounding)((fs->fpcr >> FPCR_RMODE_SHIFT) & 3);
}

/*
 * Arithmetic.  muladd(a, n, m) is FPMulAdd(addend=a, n, m): a + n*m with
 * one rounding (FMADD, FMLA); callers negate operands first with
 * fpN_neg for FMSUB/FNMADD/FNMSUB/FMLS, as the Arm ARM does (so a NaN
 * operand comes out with its sign flipped).  mulx is FMULX (inf*0 = 2).
 * min/max: -0 < +0; minnm/maxnm: one quiet NaN operand yields the number.
 */
#define FP_DECL_ARITH(N, T)                                              \
    T fp##N##_add(const FPStatus *fs, T a, T b);                              \
    T fp##N##_sub(const FPStatus *fs, T a, T b);                              \
    T fp##N##_mul(const FPStatus *fs, T a, T b);                              \
    T fp##N##_div(const FPStatus *fs, T a, T b);                              \
    T fp##N##_mulx(const FPStatus *fs, T a, T b);                             \
    T fp##N##_min(const FPStatus *fs, T a, T b);                              \
    T fp##N##_max(const FPStatus *fs, T a, T b);                              \
    T fp##N##_minnm(const FPStatus *fs, T a, T b);                            \
    T fp##N##_maxnm(const FPStatus *fs, T a, T b);                            \
    T fp##N##_sqrt(const FPStatus *fs, T a);                                  \
    T fp##N##_muladd(const FPStatus *fs, T a, T n, T m);                      \
    /* FRECPE, FRSQRTE (estimates), FRECPS (2 - a*b), FRSQRTS           \
     * ((3 - a*b) / 2), FRECPX */                                        \
    T fp##N##_recpe(const FPStatus *fs, T a);                                 \
    T fp##N##_rsqrte(const FPStatus *fs, T a);                                \
    T fp##N##_recps(const FPStatus *fs, T a, T b);                            \
    T fp##N##_rsqrts(const FPStatus *fs, T a, T b);                           \
    T fp##N##_recpx(const FPStatus *fs, T a);                                 \
    /* FRINT<r>: round to integral in `rounding`; exact=true (FRINTX)   \
     * raises IXC when the result differs */                             \
    T fp##N##_roundint(const FPStatus *fs, T a, FPRounding rounding, bool exact); \
    /* FRINT32/FRINT64 (FEAT_FRINTTS): int_bits 32 or 64; out of range   \
     * or NaN/inf gives the most negative integer, IOC.  FPRoundIntN     \
     * raises IXC whenever inexact: `exact` is ignored (kept for the     \
     * callers' symmetry with roundint). */                              \
    T fp##N##_roundint_n(const FPStatus *fs, T a, FPRounding rounding,        \
                         int int_bits, bool exact);                      \
    /* Compares.  nzcv: FCMP's flags as a 4-bit value (N=8 Z=4 C=2 V=1): \
     * unordered 0011, equal 0110, less 1000, greater 0010; signal=true  \
     * (FCMPE) raises IOC for quiet NaNs too.  cmeq (quiet) / cmge /     \
     * cmgt (signalling) return an all-ones or zero mask (FCMEQ..). */   \
    unsigned fp##N##_cmp(const FPStatus *fs, T a, T b, bool signal);          \
    T fp##N##_cmeq(const FPStatus *fs, T a, T b);                             \
    T fp##N##_cmge(const FPStatus *fs, T a, T b);                             \
    T fp##N##_cmgt(const FPStatus *fs, T a, T b);                             \
    /* FPToFixed: float -> int_bits (16, 32 or 64) integer with fbits    \
     * fraction bits, saturating (IOC), NaN -> 0 (IOC), IXC if inexact;  \
     * the result is zero-extended from int_bits. */                     \
    uint64_t fp##N##_to_fixed(const FPStatus *fs, T a, int fbits, bool is_unsigned, \
                              FPRounding rounding, int int_bits);        \
    /* FixedToFP: the low int_bits (16, 32 or 64) of x as a signed or    \
     * unsigned fixed-point number with fbits fraction bits, rounded in  \
     * `rounding` (SCVTF/UCVTF pass fp_rmode(fs)). */                   \
    T fp##N##_from_fixed(const FPStatus *fs, uint64_t x, int fbits, bool is_unsigned, \
                         FPRounding rounding, int int_bits);

FP_DECL_ARITH(16, uint16_t)
FP_DECL_ARITH(32, uint32_t)
FP_DECL_ARITH(64, uint64_t)
#undef FP_DECL_ARITH

/* FABS / FNEG: sign-bit operations, no NaN processing, no flags. */
static inline uint16_t fp16_abs(uint16_t a) { return a & 0x7fff; }
static inline uint32_t fp32_abs(uint32_t a) { return a & 0x7fffffffu; }
static inline uint64_t fp64_abs(uint64_t a) { return a & 0x7fffffffffffffffull; }
static inline uint16_t fp16_neg(uint16_t a) { return a ^ 0x8000; }
static inline uint32_t fp32_neg(uint32_t a) { return a ^ 0x80000000u; }
static inline uint64_t fp64_neg(uint64_t a) { return a ^ 0x8000000000000000ull; }

/* Default NaNs (FPDefaultNaN: sign 0, quiet bit set). */
#define FP16_DEFAULT_NAN ((uint16_t)0x7e00)
#define FP32_DEFAULT_NAN 0x7fc00000u
#define FP64_DEFAULT_NAN 0x7ff8000000000000ull

/*
 * Precision conversions (FCVT, FCVTL/FCVTN): FPConvert, rounding in
 * FPCR.RMode; half honours FPCR.AHP (alternative half precision).
 * fp64_to_fp32_rnd takes an explicit rounding (FPR_ODD for FCVTXN).
 */
uint32_t fp16_to_fp32(const FPStatus *fs, uint16_t a);
uint64_t fp16_to_fp64(const FPStatus *fs, uint16_t a);
uint16_t fp32_to_fp16(const FPStatus *fs, uint32_t a);
uint64_t fp32_to_fp64(const FPStatus *fs, uint32_t a);
uint16_t fp64_to_fp16(const FPStatus *fs, uint64_t a);
uint32_t fp64_to_fp32(const FPStatus *fs, uint64_t a);
uint32_t fp64_to_fp32_rnd(const FPStatus *fs, uint64_t a, FPRounding rounding);

/* FJCVTZS: double -> int32 modulo 2^32 toward zero; *z_flag is set when
 * the conversion was exact and in range (NZCV = 0Z00). */
uint32_t fp64_jcvtzs(const FPStatus *fs, uint64_t a, bool *z_flag);

/* URECPE / URSQRTE on one 32-bit lane (UnsignedRecipEstimate,
 * UnsignedRSqrtEstimate). */
uint32_t fp_urecpe32(uint32_t a);
uint32_t fp_ursqrte32(uint32_t a);

/* VFPExpandImm: the FMOV (immediate) constant for size 16/32/64. */
uint64_t fp_expand_imm(int size, uint8_t imm8);

#endif
