/*
 * cpu/arm/vfp.c - VFP data processing (rows in cpu/arm/vfp.def):
 * VFPv3/VFPv4 arithmetic, VMOV (immediate, register), VABS/VNEG/VSQRT,
 * VCMP/VCMPE, every VCVT, and the ARMv8 AArch32 additions (VSEL,
 * VMAXNM/VMINNM, VRINT*, VCVT{A,N,P,M}).
 *
 * Each instruction is a call to a C helper (IR_CALL_NOGPR: it touches only
 * the register file, fpcr/fpsr and fpscr_nzcv) that decodes the registers
 * from the encoding and runs the Arm-exact element operation of the FP
 * core (cpu/fp-ops.h, with the inline fast paths of cpu/fp-fast.h) under
 * FPSCR (ARM_FPST); VMOV (register, immediate), VABS and VNEG are plain
 * IR.  The hot three-register operations have one helper per operation
 * and precision, so they do no run-time decoding beyond the register
 * numbers; VADD/VSUB/VMUL/VDIV/VSQRT, VMLA/VMLS/VNMLA/VNMLS, the fused
 * multiply-adds and VCMP are VOPs on S/D registers (IR_VS_SUBREG), which
 * the x86 back end inlines for the common case (the cpu/fp-fast.h
 * conditions, see tcg/x86-vec.c) with the helper as fallback.
 *
 * Semantics follow the Arm ARM pseudocode, in particular:
 *  - VMLA/VMLS/VNMLA/VNMLS round twice: FPAdd(+-Vd, +-FPMul(Vn, Vm)), with
 *    FPNeg applied to the product (so a NaN product has its sign flipped
 *    before FPAdd sees it);
 *  - VFMA/VFMS/VFNMA/VFNMS are FPMulAdd with Vd and/or Vn negated first;
 *  - VCVT to integer saturates (IOC), NaN gives 0 (IOC); VCVT (not VCVTR)
 *    rounds toward zero; fixed-point to FP rounds to nearest and FP to
 *    fixed-point toward zero, whatever FPSCR.RMode says;
 *  - VCVTB/VCVTT write only their half of Sd and obey FPSCR.AHP.
 * Short vectors (FPSCR.Len/Stride) are not supported: see
 * cpu/arm/vfp-internal.h.
 */
#include "cpu/arm/translate.h"

#include "cpu/arm/vfp-internal.h"
#include "cpu/fp-fast.h"
#include "tcg/ir.h"

#define VFP_HELPER(name)                                                      \
    static uint64_t name(void *env_, uint64_t insn_, uint64_t a_, uint64_t b_, \
                         uint64_t c_)

/* ---- three-register operations, one helper per op and precision ---- */

#define E_VMLA(W) fpf##W##_add(fs, d, fpf##W##_mul(fs, n, m))
#define E_VMLS(W) fpf##W##_add(fs, d, fp##W##_neg(fpf##W##_mul(fs, n, m)))
#define E_VNMLS(W) fpf##W##_add(fs, fp##W##_neg(d), fpf##W##_mul(fs, n, m))
#define E_VNMLA(W) \
    fpf##W##_add(fs, fp##W##_neg(d), fp##W##_neg(fpf##W##_mul(fs, n, m)))
#define E_VMUL(W) fpf##W##_mul(fs, n, m)
#define E_VNMUL(W) fp##W##_neg(fpf##W##_mul(fs, n, m))
#define E_VADD(W) fpf##W##_add(fs, n, m)
#define E_VSUB(W) fpf##W##_sub(fs, n, m)
#define E_VDIV(W) fpf##W##_div(fs, n, m)
#define E_VFNMS(W) fpf##W##_muladd(fs, fp##W##_neg(d), n, m)
#define E_VFNMA(W) fpf##W##_muladd(fs, fp##W##_neg(d), fp##W##_neg(n), m)
#define E_VFMA(W) fpf##W##_muladd(fs, d, n, m)
#define E_VFMS(W) fpf##W##_muladd(fs, d, fp##W##_neg(n), m)
#define E_VMAXNM(W) fp##W##_maxnm(fs, n, m)
#define E_VMINNM(W) fp##W##_minnm(fs, n, m)

#define VFP3_HELPERS(OP)                                                      \
    VFP_HELPER(h_##OP##_s)                                                    \
    {                                                                         \
        ArmState *env = env_;                                                 \
        uint32_t i = (uint32_t)insn_;                                         \
        const FPStatus *fs = ARM_FPST(env);                                   \
        uint32_t d = VFP_S(env, VFP_VD_S(i)), n = VFP_S(env, VFP_VN_S(i));    \
        uint32_t m = VFP_S(env, VFP_VM_S(i));                                 \
        (void)d;                                                              \
        VFP_S(env, VFP_VD_S(i)) = E_##OP(32);                                 \
        return 0;                                                             \
    }                                                                         \
    VFP_HELPER(h_##OP##_d)                                                    \
    {                                                                         \
        ArmState *env = env_;                                                 \
        uint32_t i = (uint32_t)insn_;                                         \
        const FPStatus *fs = ARM_FPST(env);                                   \
        uint64_t d = VFP_D(env, VFP_VD_D(i)), n = VFP_D(env, VFP_VN_D(i));    \
        uint64_t m = VFP_D(env, VFP_VM_D(i));                                 \
        (void)d;                                                              \
        VFP_D(env, VFP_VD_D(i)) = E_##OP(64);                                 \
        return 0;                                                             \
    }

VFP3_HELPERS(VMLA)
VFP3_HELPERS(VMLS)
VFP3_HELPERS(VNMLS)
VFP3_HELPERS(VNMLA)
VFP3_HELPERS(VMUL)
VFP3_HELPERS(VNMUL)
VFP3_HELPERS(VADD)
VFP3_HELPERS(VSUB)
VFP3_HELPERS(VDIV)
VFP3_HELPERS(VFNMS)
VFP3_HELPERS(VFNMA)
VFP3_HELPERS(VFMA)
VFP3_HELPERS(VFMS)
VFP3_HELPERS(VMAXNM)
VFP3_HELPERS(VMINNM)

typedef uint64_t (*VfpHelper)(void *, uint64_t, uint64_t, uint64_t, uint64_t);

static bool call_helper(ArmCtx *s, VfpHelper fn)
{
    arm_call_insn_v(s, (void *)fn, 0, 0, 0);
    return true;
}

/* By opc1 bits 23,21,20 and bit 6, single/double; NULL: unallocated. */
static const VfpHelper vfp3_table[8][2][2] = {
    {{h_VMLA_s, h_VMLA_d}, {h_VMLS_s, h_VMLS_d}},     /* 0D00 */
    {{h_VNMLS_s, h_VNMLS_d}, {h_VNMLA_s, h_VNMLA_d}}, /* 0D01 */
    {{h_VMUL_s, h_VMUL_d}, {h_VNMUL_s, h_VNMUL_d}},   /* 0D10 */
    {{h_VADD_s, h_VADD_d}, {h_VSUB_s, h_VSUB_d}},     /* 0D11 */
    {{h_VDIV_s, h_VDIV_d}, {NULL, NULL}},             /* 1D00 */
    {{h_VFNMS_s, h_VFNMS_d}, {h_VFNMA_s, h_VFNMA_d}}, /* 1D01 */
    {{h_VFMA_s, h_VFMA_d}, {h_VFMS_s, h_VFMS_d}},     /* 1D10 */
    {{NULL, NULL}, {NULL, NULL}},                     /* 1D11: other rows */
};

/* The operations the back end may inline (VOP kinds on S/D registers,
 * IR_VS_SUBREG): the fused ones map to the FMADD family with Va = Vd
 * (VFMA d+n*m, VFMS d-n*m, VFNMA -d-n*m, VFNMS -d+n*m), the two-rounding
 * VMLA family to its own kinds; VNMUL stays a helper call. */
static const IRVKind vfp3_vop[8][2] = {
    [0] = {IR_V_VMLA, IR_V_VMLS},
    [1] = {IR_V_VNMLS, IR_V_VNMLA},
    [2] = {IR_V_FMUL, IR_V_NONE},
    [3] = {IR_V_FADD, IR_V_FSUB},
    [4] = {IR_V_FDIV, IR_V_NONE},
    [5] = {IR_V_FNMSUB, IR_V_FNMADD},
    [6] = {IR_V_FMADD, IR_V_FMSUB},
};

/* A VOP of kind k on Vd, Vn, Vm (Va = Vd) in the instruction's precision,
 * with fn as its exact semantics. */
static bool vfp_vop(ArmCtx *s, IRVKind k, int vn, VfpHelper fn)
{
    uint32_t i = s->insn;
    bool dp = VFP_DP(i);
    int vd = dp ? VFP_VD_D(i) : VFP_VD_S(i), vm = dp ? VFP_VM_D(i) : VFP_VM_S(i);
    ir_vop(s->b, k, IR_VS_SUBREG(dp ? 3 : 2), vd, vn, vm, vd, (void *)fn, i,
           ARM_ENV_OFF(fpcr), ARM_ENV_OFF(fpsr));
    return true;
}

bool arm_trans_VFP_3R(ArmCtx *s, const ArmFields *f)
{
    unsigned o = F('o'), p = F('p');
    uint32_t i = s->insn;
    VfpHelper fn = vfp3_table[o][p][VFP_DP(i)];
    if (!fn)
        return false;
    if (vfp3_vop[o][p] != IR_V_NONE)
        return vfp_vop(s, vfp3_vop[o][p], VFP_DP(i) ? VFP_VN_D(i) : VFP_VN_S(i), fn);
    return call_helper(s, fn);
}

bool arm_trans_VFP_MAXMIN(ArmCtx *s, const ArmFields *f)
{
    static const VfpHelper t[2][2] = {{h_VMAXNM_s, h_VMAXNM_d},
                                      {h_VMINNM_s, h_VMINNM_d}};
    return call_helper(s, t[F('p')][VFP_DP(s->insn)]);
}

/* VSEL: Vd = cond(NZCV) ? Vn : Vm; a_ is the IR's NZCV.  cc selects EQ,
 * VS, GE, GT: cond = cc:(cc<1> EOR cc<0>):'0'. */
VFP_HELPER(h_vsel)
{
    ArmState *env = env_;
    uint32_t i = (uint32_t)insn_, cc = (i >> 20) & 3;
    unsigned cond = cc << 2 | (((cc >> 1) ^ cc) & 1) << 1;
    bool take = ir_cond_holds((uint32_t)a_, cond);
    if (VFP_DP(i))
        VFP_D(env, VFP_VD_D(i)) = VFP_D(env, take ? VFP_VN_D(i) : VFP_VM_D(i));
    else
        VFP_S(env, VFP_VD_S(i)) = VFP_S(env, take ? VFP_VN_S(i) : VFP_VM_S(i));
    return 0;
}

bool arm_trans_VFP_VSEL(ArmCtx *s, const ArmFields *f)
{
    arm_call_insn_v(s, (void *)h_vsel, ir_getnzcv(s->b), 0, 0);
    return true;
}

/* ---- VMOV (immediate): VFPExpandImm(imm4H:imm4L) ---- */

/* The offset in env of Vd / Vm in the instruction's precision. */
static uint32_t vd_off(uint32_t i)
{
    return VFP_DP(i) ? ARM_DREG_OFF(VFP_VD_D(i)) : ARM_SREG_OFF(VFP_VD_S(i));
}
static uint32_t vm_off(uint32_t i)
{
    return VFP_DP(i) ? ARM_DREG_OFF(VFP_VM_D(i)) : ARM_SREG_OFF(VFP_VM_S(i));
}

/* VMOV (immediate) is a constant store. */
bool arm_trans_VFP_VMOV_IMM(ArmCtx *s, const ArmFields *f)
{
    uint32_t i = s->insn;
    uint8_t imm8 = (uint8_t)(((i >> 12) & 0xf0) | (i & 0xf));
    int size = VFP_DP(i) ? 8 : 4;
    ir_stenv(s->b, size, vd_off(i), ir_const(s->b, fp_expand_imm(8 * size, imm8)));
    return true;
}

/* ---- two-register forms (opc1 1D11, bit 6 set) ----
 * One helper for the group; the cases by opc2 (bits 19:16) and bit 7. */

/* Integer results of VCVT to an S register. */
static uint32_t to_int(const FPStatus *fs, bool dp, uint64_t a, bool uns,
                       FPRounding rnd)
{
    return (uint32_t)(dp ? fpf64_to_fixed(fs, a, 0, uns, rnd, 32)
                         : fpf32_to_fixed(fs, (uint32_t)a, 0, uns, rnd, 32));
}

/* VCVT between FP and fixed point, in place on Vd: bit 18 to fixed, bit
 * 16 unsigned, bit 7 sx (32-bit fixed, else 16), fbits = size - imm4:i. */
static void vcvt_fixed(ArmState *env, const FPStatus *fs, uint32_t i)
{
    bool dp = VFP_DP(i), to_fixed = (i >> 18) & 1, uns = (i >> 16) & 1;
    int size = (i >> 7) & 1 ? 32 : 16;
    int fbits = size - (int)(((i & 0xf) << 1) | ((i >> 5) & 1));
    int rd = dp ? VFP_VD_D(i) : VFP_VD_S(i);
    uint64_t v = dp ? VFP_D(env, rd) : VFP_S(env, rd);
    if (to_fixed) {
        uint64_t r = dp ? fpf64_to_fixed(fs, v, fbits, uns, FPR_ZERO, size)
                        : fpf32_to_fixed(fs, (uint32_t)v, fbits, uns, FPR_ZERO, size);
        if (size == 16 && !uns) /* Extend(result, 32/64, unsigned) */
            r = (uint64_t)(int64_t)(int16_t)r;
        else if (!uns)
            r = (uint64_t)(int64_t)(int32_t)r;
        if (dp)
            VFP_D(env, rd) = r;
        else
            VFP_S(env, rd) = (uint32_t)r;
    } else if (dp) {
        VFP_D(env, rd) = fpf64_from_fixed(fs, v, fbits, uns, FPR_TIEEVEN, size);
    } else {
        VFP_S(env, rd) = fpf32_from_fixed(fs, v, fbits, uns, FPR_TIEEVEN, size);
    }
}

/* VCVTB/VCVTT: bit 16 op (1: to half), bit 7 T (top half), sz: the other
 * operand is a D register (ARMv8). */
static void vcvt_half(ArmState *env, const FPStatus *fs, uint32_t i)
{
    bool dp = VFP_DP(i), to_half = (i >> 16) & 1;
    int sh = (i >> 7) & 1 ? 16 : 0;
    if (to_half) {
        uint16_t h = dp ? fp64_to_fp16(fs, VFP_D(env, VFP_VM_D(i)))
                        : fp32_to_fp16(fs, VFP_S(env, VFP_VM_S(i)));
        uint32_t *d = &VFP_S(env, VFP_VD_S(i));
        *d = (*d & ~(0xffffu << sh)) | (uint32_t)h << sh;
    } else {
        uint16_t h = (uint16_t)(VFP_S(env, VFP_VM_S(i)) >> sh);
        if (dp)
            VFP_D(env, VFP_VD_D(i)) = fp16_to_fp64(fs, h);
        else
            VFP_S(env, VFP_VD_S(i)) = fp16_to_fp32(fs, h);
    }
}

/* Everything of the group that reads Vm (by sz) and writes Vd (by sz). */
static uint64_t unop(const FPStatus *fs, bool dp, unsigned op, uint64_t a)
{
    FPRounding rm = fp_rmode(fs);
    switch (op) {
    case 0x00: return a;                                        /* VMOV */
    case 0x01: return dp ? fp64_abs(a) : fp32_abs((uint32_t)a); /* VABS */
    case 0x02: return dp ? fp64_neg(a) : fp32_neg((uint32_t)a); /* VNEG */
    case 0x03: return dp ? fpf64_sqrt(fs, a) : fpf32_sqrt(fs, (uint32_t)a);
    case 0x0c: /* VRINTR */
        return dp ? fp64_roundint(fs, a, rm, false)
                  : fp32_roundint(fs, (uint32_t)a, rm, false);
    case 0x0d: /* VRINTZ */
        return dp ? fp64_roundint(fs, a, FPR_ZERO, false)
                  : fp32_roundint(fs, (uint32_t)a, FPR_ZERO, false);
    default: /* 0x0e VRINTX */
        return dp ? fp64_roundint(fs, a, rm, true)
                  : fp32_roundint(fs, (uint32_t)a, rm, true);
    }
}

VFP_HELPER(h_vfp_2r)
{
    ArmState *env = env_;
    uint32_t i = (uint32_t)insn_;
    const FPStatus *fs = ARM_FPST(env);
    bool dp = VFP_DP(i);
    unsigned opc2 = (i >> 16) & 0xf, op = opc2 << 1 | ((i >> 7) & 1);
    uint64_t m = dp ? VFP_D(env, VFP_VM_D(i)) : VFP_S(env, VFP_VM_S(i));
    switch (opc2) {
    case 0x2: case 0x3:
        vcvt_half(env, fs, i);
        return 0;
    case 0x4: case 0x5: { /* VCMP{E}, with #0.0 for opc2 0101 */
        uint64_t d = dp ? VFP_D(env, VFP_VD_D(i)) : VFP_S(env, VFP_VD_S(i));
        bool e = (i >> 7) & 1;
        if (opc2 == 5)
            m = 0;
        unsigned nzcv = dp ? fpf64_cmp(fs, d, m, e)
                           : fpf32_cmp(fs, (uint32_t)d, (uint32_t)m, e);
        env->fpscr_nzcv = nzcv << 28;
        return 0;
    }
    case 0x7:
        if (op & 1) { /* VCVT f64 <-> f32: the destination is the other size */
            if (dp)
                VFP_S(env, VFP_VD_S(i)) = fpf64_to_fp32(fs, m);
            else
                VFP_D(env, VFP_VD_D(i)) = fpf32_to_fp64(fs, (uint32_t)m);
            return 0;
        }
        break;
    case 0x8: { /* VCVT int -> FP: Vm is always an S register */
        bool uns = !((i >> 7) & 1);
        uint32_t x = VFP_S(env, VFP_VM_S(i));
        if (dp)
            VFP_D(env, VFP_VD_D(i)) = fpf64_from_fixed(fs, x, 0, uns, fp_rmode(fs), 32);
        else
            VFP_S(env, VFP_VD_S(i)) = fpf32_from_fixed(fs, x, 0, uns, fp_rmode(fs), 32);
        return 0;
    }
    case 0xa: case 0xb: case 0xe: case 0xf:
        vcvt_fixed(env, fs, i);
        return 0;
    case 0xc: case 0xd: { /* VCVT{R} FP -> int: Vd is always an S register */
        FPRounding rnd = (i >> 7) & 1 ? FPR_ZERO : fp_rmode(fs);
        VFP_S(env, VFP_VD_S(i)) = to_int(fs, dp, m, opc2 == 0xc, rnd);
        return 0;
    }
    default:
        break;
    }
    uint64_t r = unop(fs, dp, op, m);
    if (dp)
        VFP_D(env, VFP_VD_D(i)) = r;
    else
        VFP_S(env, VFP_VD_S(i)) = (uint32_t)r;
    return 0;
}

bool arm_trans_VFP_2R(ArmCtx *s, const ArmFields *f)
{
    uint32_t i = s->insn;
    unsigned opc2 = F('o');
    if (opc2 == 0x9) /* VJCVT: FEAT_JSCVT, not on the CPU we model */
        return false;
    if (opc2 == 0x5 && (i & 0x2f)) /* VCMP #0.0: bits 5, 3:0 are (0) */
        return false;
    if ((opc2 & 0xa) == 0xa) { /* fixed point: fbits < 0 is UNPREDICTABLE */
        unsigned size = (i >> 7) & 1 ? 32 : 16;
        if ((((i & 0xf) << 1) | ((i >> 5) & 1)) > size)
            return false;
    }
    if (opc2 == 0x0 || (opc2 == 0x1 && !((i >> 7) & 1))) {
        /* VMOV, VABS, VNEG: bit copies on the sign (no NaN processing, no
         * flags: FPAbs/FPNeg), so plain IR */
        int size = VFP_DP(i) ? 8 : 4;
        uint64_t sign = 1ull << (8 * size - 1);
        IRRef v = ir_ldenv(s->b, size, vm_off(i));
        if (opc2 == 0x1)
            v = ir_xor(s->b, size, v, ir_const(s->b, sign));
        else if ((i >> 7) & 1)
            v = ir_andi(s->b, size, v, sign - 1);
        ir_stenv(s->b, size, vd_off(i), v);
        return true;
    }
    if (opc2 == 0x4 || opc2 == 0x5) { /* VCMP{E} Vd, Vm / #0.0: a VOP */
        bool dp = VFP_DP(i);
        int vd = dp ? VFP_VD_D(i) : VFP_VD_S(i), vm = dp ? VFP_VM_D(i) : VFP_VM_S(i);
        int d = (opc2 == 0x5) | (int)ARM_ENV_OFF(fpscr_nzcv) << 1;
        ir_vop(s->b, IR_V_VCMP, IR_VS_SUBREG(dp ? 3 : 2), vd, vd, vm, d,
               (void *)h_vfp_2r, i, ARM_ENV_OFF(fpcr), ARM_ENV_OFF(fpsr));
        return true;
    }
    if (opc2 == 0x1) /* VSQRT: Vd = sqrt(Vm) */
        return vfp_vop(s, IR_V_FSQRT, VFP_DP(i) ? VFP_VM_D(i) : VFP_VM_S(i), h_vfp_2r);
    return call_helper(s, h_vfp_2r);
}

/* ---- ARMv8: VRINT{A,N,P,M}, VCVT{A,N,P,M} (rm = bits 17:16) ---- */
static const FPRounding rm_mode[4] = {FPR_TIEAWAY, FPR_TIEEVEN, FPR_POSINF,
                                      FPR_NEGINF};

VFP_HELPER(h_vrint8)
{
    ArmState *env = env_;
    uint32_t i = (uint32_t)insn_;
    const FPStatus *fs = ARM_FPST(env);
    FPRounding rnd = rm_mode[(i >> 16) & 3];
    if (VFP_DP(i))
        VFP_D(env, VFP_VD_D(i)) = fp64_roundint(fs, VFP_D(env, VFP_VM_D(i)), rnd, false);
    else
        VFP_S(env, VFP_VD_S(i)) = fp32_roundint(fs, VFP_S(env, VFP_VM_S(i)), rnd, false);
    return 0;
}

VFP_HELPER(h_vcvt8)
{
    ArmState *env = env_;
    uint32_t i = (uint32_t)insn_;
    const FPStatus *fs = ARM_FPST(env);
    FPRounding rnd = rm_mode[(i >> 16) & 3];
    bool dp = VFP_DP(i), uns = !((i >> 7) & 1);
    uint64_t m = dp ? VFP_D(env, VFP_VM_D(i)) : VFP_S(env, VFP_VM_S(i));
    VFP_S(env, VFP_VD_S(i)) = to_int(fs, dp, m, uns, rnd);
    return 0;
}

bool arm_trans_VFP_VRINT8(ArmCtx *s, const ArmFields *f)
{
    return call_helper(s, h_vrint8);
}

bool arm_trans_VFP_VCVT8(ArmCtx *s, const ArmFields *f)
{
    return call_helper(s, h_vcvt8);
}
