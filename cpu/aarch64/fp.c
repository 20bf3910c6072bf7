/*
 * cpu/aarch64/fp.c - translators of the A64 scalar floating-point groups
 * (rows in cpu/aarch64/fp.def).
 *
 * Moves, FABS/FNEG, FMOV immediate and FCSEL are plain IR on the vector
 * register file in env (VLD/VST are the only other users of those bytes,
 * so env is their home and no write-back is needed).  Everything that
 * rounds or raises FPSR flags calls a C helper through a64_call_insn_v
 * (IR_CALL_NOGPR: helpers touch only vector registers and FPCR/FPSR);
 * the helper re-decodes its operands from the encoding and calls the
 * element operations (the fast paths of fp-fast.h, falling back to
 * fp-ops.h).  Integer results and NZCV (FCMP, FCCMP, FJCVTZS) come back
 * as the helper's return value and are written by IR, so a64_set_reg
 * handles XZR and W zero-extension; FCCMP gets the old NZCV as an
 * argument.
 *
 * Arm ARM rule kept everywhere: a scalar write of H/S/D zeroes bits
 * 127:esize of the destination (FMOV Vd.D[1], Xn is the one exception:
 * it writes the top half only).  Sources are read before Vd is written,
 * since Vd may alias Vn/Vm/Va.
 */
#include "cpu/fp-fast.h"
#include "cpu/aarch64/fp-env.h"
#include "cpu/aarch64/translate.h"
#include "cpu/aarch64/simd-vop.h"

#define FP_RD(i) ((int)((i) & 31))
#define FP_RN(i) ((int)(((i) >> 5) & 31))
#define FP_RM(i) ((int)(((i) >> 16) & 31))
#define FP_RA(i) ((int)(((i) >> 10) & 31))
#define FP_TYPE(i) ((unsigned)(((i) >> 22) & 3))

/* Element width in bits of an ftype, 0 if unallocated (10). */
static inline int fp_width(unsigned ftype)
{
    static const int w[4] = {32, 64, 0, 16};
    return w[ftype & 3];
}

/* Width of an instruction's ftype at translation time.  Half-precision
 * data processing needs FEAT_FP16, which emu does not advertise (see
 * cpu/aarch64/features.h): on a CPU without it those encodings are
 * unallocated, so they decode as SIGILL.  FCVT to and from half is base
 * ARMv8.0 and uses fp_width() directly. */
#define A64_FEAT_FP16 0
static inline int fp_insn_width(unsigned ftype)
{
    return (ftype & 3) == 3 && !A64_FEAT_FP16 ? 0 : fp_width(ftype);
}

static inline uint64_t fp_get(const A64State *env, int r, int N)
{
    return N == 64 ? env->v[r].d[0] : N == 32 ? env->v[r].s[0] : env->v[r].h[0];
}

/* A scalar write: the value (zero-extended) and zeroes above it. */
static inline void fp_put(A64State *env, int r, uint64_t v)
{
    env->v[r].d[0] = v;
    env->v[r].d[1] = 0;
}

/* ---- IR-only translators ---- */

static void ir_vset(A64Ctx *s, int d, IRRef v)
{
    ir_stenv(s->b, 8, VREG_OFF(d), v);
    ir_stenv(s->b, 8, VREG_OFF(d) + 8, ir_const(s->b, 0));
}

static IRRef ir_vget(A64Ctx *s, int n, int N)
{
    return ir_ldenv(s->b, N / 8, VREG_OFF(n));
}

bool a64_trans_FP_FMOV_r(A64Ctx *s, const A64Fields *f)
{
    int N = fp_insn_width(F('t'));
    if (!N)
        return false;
    ir_vset(s, F('d'), ir_vget(s, F('n'), N));
    return true;
}

static bool sign_op(A64Ctx *s, const A64Fields *f, bool neg)
{
    int N = fp_insn_width(F('t'));
    if (!N)
        return false;
    IRRef v = ir_vget(s, F('n'), N), sign = ir_const(s->b, 1ull << (N - 1));
    ir_vset(s, F('d'), neg ? ir_xor(s->b, 8, v, sign)
                           : ir_and(s->b, 8, v, ir_const(s->b, (1ull << (N - 1)) - 1)));
    return true;
}

bool a64_trans_FP_FABS(A64Ctx *s, const A64Fields *f) { return sign_op(s, f, false); }
bool a64_trans_FP_FNEG(A64Ctx *s, const A64Fields *f) { return sign_op(s, f, true); }

bool a64_trans_FP_FMOV_i(A64Ctx *s, const A64Fields *f)
{
    int N = fp_insn_width(F('t'));
    if (!N)
        return false;
    ir_vset(s, F('d'), ir_const(s->b, fp_expand_imm(N, (uint8_t)F('i'))));
    return true;
}

bool a64_trans_FP_FCSEL(A64Ctx *s, const A64Fields *f)
{
    int N = fp_insn_width(F('t'));
    if (!N)
        return false;
    IRRef n = ir_vget(s, F('n'), N), m = ir_vget(s, F('m'), N);
    ir_vset(s, F('d'), ir_csel(s->b, F('c'), 8, n, m));
    return true;
}

bool a64_trans_FP_FMOV_g(A64Ctx *s, const A64Fields *f)
{
    unsigned sf = F('s'), t = F('t'), top = F('r'), to_fp = F('o');
    int d = F('d'), n = F('n');
    if (top) { /* FMOV Xd, Vn.D[1] / FMOV Vd.D[1], Xn */
        if (!sf || t != 2)
            return false;
        if (to_fp)
            ir_stenv(s->b, 8, VREG_OFF(d) + 8, a64_reg(s, n, 1));
        else
            a64_set_reg(s, d, 1, ir_ldenv(s->b, 8, VREG_OFF(n) + 8));
        return true;
    }
    int N;
    if (t == 3 && A64_FEAT_FP16)
        N = 16; /* W/X <-> H (FEAT_FP16) */
    else if (t == 0 && !sf)
        N = 32;
    else if (t == 1 && sf)
        N = 64;
    else
        return false;
    if (to_fp) {
        IRRef v = a64_reg(s, n, sf);
        if (N == 16)
            v = ir_andi(s->b, 8, v, 0xffff);
        ir_vset(s, d, v);
    } else {
        a64_set_reg(s, d, sf, ir_vget(s, n, N));
    }
    return true;
}

/* ---- helpers ---- */

#define FP_HELPER(name)                                                        \
    static uint64_t name(void *env_, uint64_t insn_, uint64_t a_, uint64_t b_, \
                         uint64_t c_)

/* FSQRT, FCVT (precision), FRINT*, FRINT32/64 */
FP_HELPER(h_fp_1src)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    unsigned op = (insn >> 15) & 0x3f;
    int N = fp_width(FP_TYPE(insn));
    uint64_t a = fp_get(env, FP_RN(insn), N), r;
    static const FPRounding frint_mode[8] = {FPR_TIEEVEN, FPR_POSINF, FPR_NEGINF,
                                             FPR_ZERO, FPR_TIEAWAY, 0, 0, 0};
    if (op == 3) {
        r = N == 64 ? fpf64_sqrt(A64_FPST(env), a) : N == 32 ? fpf32_sqrt(A64_FPST(env), (uint32_t)a) : fp16_sqrt(A64_FPST(env), (uint16_t)a);
    } else if ((op & 0x3c) == 0x04) { /* FCVT: source N, target by opc */
        int M = fp_width(op & 3);
        if (N == 32)
            r = M == 64 ? fpf32_to_fp64(A64_FPST(env), (uint32_t)a) : fp32_to_fp16(A64_FPST(env), (uint32_t)a);
        else if (N == 64)
            r = M == 32 ? fpf64_to_fp32(A64_FPST(env), a) : fp64_to_fp16(A64_FPST(env), a);
        else
            r = M == 32 ? fp16_to_fp32(A64_FPST(env), (uint16_t)a) : fp16_to_fp64(A64_FPST(env), (uint16_t)a);
    } else if ((op & 0x38) == 0x08) { /* FRINT<r>; X and I use FPCR.RMode */
        unsigned rr = op & 7;
        FPRounding rnd = rr >= 6 ? fp_rmode(A64_FPST(env)) : frint_mode[rr];
        bool exact = rr == 6;
        r = N == 64 ? fp64_roundint(A64_FPST(env), a, rnd, exact)
          : N == 32 ? fp32_roundint(A64_FPST(env), (uint32_t)a, rnd, exact)
                    : fp16_roundint(A64_FPST(env), (uint16_t)a, rnd, exact);
    } else { /* FRINT32Z/32X/64Z/64X */
        int ib = (op & 2) ? 64 : 32;
        bool x = op & 1;
        FPRounding rnd = x ? fp_rmode(A64_FPST(env)) : FPR_ZERO;
        r = N == 64 ? fp64_roundint_n(A64_FPST(env), a, rnd, ib, x)
                    : fp32_roundint_n(A64_FPST(env), (uint32_t)a, rnd, ib, x);
    }
    fp_put(env, FP_RD(insn), r);
    return 0;
}

/* Every helper here touches only vector registers and FPCR/FPSR; NZCV
 * and general registers travel as arguments and return values, so all
 * calls are IR_CALL_NOGPR. */
static bool call1(A64Ctx *s, void *fn)
{
    a64_call_insn_v(s, fn, 0, 0, 0);
    return true;
}

bool a64_trans_FP_FSQRT(A64Ctx *s, const A64Fields *f)
{
    unsigned t = F('t');
    if (!fp_insn_width(t))
        return false;
    if (t < 2) { /* single, double: a VOP the back end may inline */
        a64_vop(s, IR_V_FSQRT, 2 + (int)t, false, true, FP_RD(s->insn),
                FP_RN(s->insn), FP_RN(s->insn), 0, (void *)h_fp_1src);
        return true;
    }
    return call1(s, (void *)h_fp_1src);
}

bool a64_trans_FP_FCVT(A64Ctx *s, const A64Fields *f)
{
    unsigned t = F('t'), o = F('o');
    if (t == 1 && o == 2)
        return a64_undef(s, true); /* BFCVT (FEAT_BF16) */
    if (t == 2 || o == 2 || t == o)
        return false;
    return call1(s, (void *)h_fp_1src);
}

bool a64_trans_FP_FRINT(A64Ctx *s, const A64Fields *f)
{
    if (!fp_insn_width(F('t')) || F('r') == 5)
        return false;
    return call1(s, (void *)h_fp_1src);
}

/* FRINT32/64 need FEAT_FRINTTS (Armv8.5), which emu does not advertise:
 * unallocated here, like on the Armv8.0 CPU the guest is told it has.  The
 * helper implements them (h_fp_1src) for when the feature is advertised. */
#define A64_FEAT_FRINTTS 0
bool a64_trans_FP_FRINTTS(A64Ctx *s, const A64Fields *f)
{
    if (F('t') > 1 || !A64_FEAT_FRINTTS)
        return false;
    return call1(s, (void *)h_fp_1src);
}

/* FMUL FDIV FADD FSUB FMAX FMIN FMAXNM FMINNM FNMUL */
FP_HELPER(h_fp_2src)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int N = fp_width(FP_TYPE(insn));
    uint64_t a = fp_get(env, FP_RN(insn), N), b = fp_get(env, FP_RM(insn), N), r;
    unsigned op = (insn >> 12) & 15;
#define FP_2SRC_CASES(W, T)                                                     \
    switch (op) {                                                               \
    case 0: r = fp##W##_mul(A64_FPST(env), (T)a, (T)b); break;                            \
    case 1: r = fp##W##_div(A64_FPST(env), (T)a, (T)b); break;                            \
    case 2: r = fp##W##_add(A64_FPST(env), (T)a, (T)b); break;                            \
    case 3: r = fp##W##_sub(A64_FPST(env), (T)a, (T)b); break;                            \
    case 4: r = fp##W##_max(A64_FPST(env), (T)a, (T)b); break;                            \
    case 5: r = fp##W##_min(A64_FPST(env), (T)a, (T)b); break;                            \
    case 6: r = fp##W##_maxnm(A64_FPST(env), (T)a, (T)b); break;                          \
    case 7: r = fp##W##_minnm(A64_FPST(env), (T)a, (T)b); break;                          \
    default: /* FNMUL: FPNeg(FPMul()), so a NaN result flips sign too */        \
        r = fp##W##_neg(fp##W##_mul(A64_FPST(env), (T)a, (T)b)); break;                   \
    }
    if (N == 64) {
        FP_2SRC_CASES(64, uint64_t)
    } else if (N == 32) {
        FP_2SRC_CASES(32, uint32_t)
    } else {
        FP_2SRC_CASES(16, uint16_t)
    }
#undef FP_2SRC_CASES
    fp_put(env, FP_RD(insn), r);
    return 0;
}

/* The hot 2-source and 3-source operations get one helper per operation
 * and width: no decoding beyond the register numbers, the fast path of
 * fp-fast.h inlined. */
#define FP_BIN_HELPERS(OP, EXPR)                                               \
    FP_HELPER(h_##OP##_d)                                                      \
    {                                                                          \
        A64State *env = env_;                                                  \
        uint32_t insn = (uint32_t)insn_;                                       \
        uint64_t a = env->v[FP_RN(insn)].d[0], b = env->v[FP_RM(insn)].d[0];   \
        fp_put(env, FP_RD(insn), EXPR(64, a, b));                              \
        return 0;                                                              \
    }                                                                          \
    FP_HELPER(h_##OP##_s)                                                      \
    {                                                                          \
        A64State *env = env_;                                                  \
        uint32_t insn = (uint32_t)insn_;                                       \
        uint32_t a = env->v[FP_RN(insn)].s[0], b = env->v[FP_RM(insn)].s[0];   \
        fp_put(env, FP_RD(insn), EXPR(32, a, b));                              \
        return 0;                                                              \
    }

#define E_ADD(W, a, b) fpf##W##_add(A64_FPST(env), a, b)
#define E_SUB(W, a, b) fpf##W##_sub(A64_FPST(env), a, b)
#define E_MUL(W, a, b) fpf##W##_mul(A64_FPST(env), a, b)
#define E_DIV(W, a, b) fpf##W##_div(A64_FPST(env), a, b)
#define E_NMUL(W, a, b) fp##W##_neg(fpf##W##_mul(A64_FPST(env), a, b))
FP_BIN_HELPERS(fadd, E_ADD)
FP_BIN_HELPERS(fsub, E_SUB)
FP_BIN_HELPERS(fmul, E_MUL)
FP_BIN_HELPERS(fdiv, E_DIV)
FP_BIN_HELPERS(fnmul, E_NMUL)

bool a64_trans_FP_2SRC(A64Ctx *s, const A64Fields *f)
{
    /* by opcode (bits 15:12): FMUL FDIV FADD FSUB, FNMUL = 8 */
    static void *const fast[9][2] = {
        [0] = {(void *)h_fmul_s, (void *)h_fmul_d},
        [1] = {(void *)h_fdiv_s, (void *)h_fdiv_d},
        [2] = {(void *)h_fadd_s, (void *)h_fadd_d},
        [3] = {(void *)h_fsub_s, (void *)h_fsub_d},
        [8] = {(void *)h_fnmul_s, (void *)h_fnmul_d},
    };
    unsigned t = F('t'), o = F('o');
    if (!fp_insn_width(t) || o > 8)
        return false;
    if (t < 2 && o < 4) { /* FMUL FDIV FADD FSUB: inline-able (IR_VOP) */
        static const IRVKind k[4] = {IR_V_FMUL, IR_V_FDIV, IR_V_FADD, IR_V_FSUB};
        a64_vop(s, k[o], 2 + (int)t, false, true, FP_RD(s->insn), FP_RN(s->insn),
                FP_RM(s->insn), 0, fast[o][t]);
        return true;
    }
    if (t < 2 && fast[o][t])
        return call1(s, fast[o][t]);
    return call1(s, (void *)h_fp_2src);
}

/* FMADD FMSUB FNMADD FNMSUB: FPMulAdd with the Arm ARM's operand
 * negations (opa_neg = o1, op1_neg = o0 != o1) done before the call. */
FP_HELPER(h_fp_3src)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int N = fp_width(FP_TYPE(insn));
    bool o1 = (insn >> 21) & 1, o0 = (insn >> 15) & 1;
    uint64_t sign = 1ull << (N - 1);
    uint64_t a = fp_get(env, FP_RA(insn), N), n = fp_get(env, FP_RN(insn), N);
    uint64_t m = fp_get(env, FP_RM(insn), N), r;
    if (o1)
        a ^= sign;
    if (o0 != o1)
        n ^= sign;
    if (N == 64)
        r = fpf64_muladd(A64_FPST(env), a, n, m);
    else if (N == 32)
        r = fpf32_muladd(A64_FPST(env), (uint32_t)a, (uint32_t)n, (uint32_t)m);
    else
        r = fp16_muladd(A64_FPST(env), (uint16_t)a, (uint16_t)n, (uint16_t)m);
    fp_put(env, FP_RD(insn), r);
    return 0;
}

bool a64_trans_FP_3SRC(A64Ctx *s, const A64Fields *f)
{
    unsigned t = F('t');
    if (!fp_insn_width(t))
        return false;
    if (t < 2) { /* by o1:o0: FMADD FMSUB FNMADD FNMSUB, inline-able */
        static const IRVKind k[4] = {IR_V_FMADD, IR_V_FMSUB, IR_V_FNMADD, IR_V_FNMSUB};
        uint32_t i = s->insn;
        a64_vop(s, k[(i >> 20 & 2) | (i >> 15 & 1)], 2 + (int)t, false, true,
                FP_RD(i), FP_RN(i), FP_RM(i), FP_RA(i), (void *)h_fp_3src);
        return true;
    }
    return call1(s, (void *)h_fp_3src);
}

static unsigned fp_cmp_any(A64State *env, int N, uint64_t a, uint64_t b, bool e)
{
    return N == 64 ? fpf64_cmp(A64_FPST(env), a, b, e)
         : N == 32 ? fpf32_cmp(A64_FPST(env), (uint32_t)a, (uint32_t)b, e)
                   : fp16_cmp(A64_FPST(env), (uint16_t)a, (uint16_t)b, e);
}

/* FCMP/FCMPE: returns NZCV in bits 31:28 (set by IR) */
FP_HELPER(h_fp_cmp)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int N = fp_width(FP_TYPE(insn));
    uint64_t a = fp_get(env, FP_RN(insn), N);
    uint64_t b = (insn & 8) ? 0 : fp_get(env, FP_RM(insn), N);
    return (uint64_t)fp_cmp_any(env, N, a, b, (insn >> 4) & 1) << 28;
}

/* The same as an IR_V_FCMP VOP: NZCV to its env home. */
FP_HELPER(h_fp_cmp_env)
{
    A64State *env = env_;
    env->nzcv = (uint32_t)h_fp_cmp(env_, insn_, a_, b_, c_);
    return 0;
}

bool a64_trans_FP_FCMP(A64Ctx *s, const A64Fields *f)
{
    unsigned t = F('t');
    if (!fp_insn_width(t))
        return false;
    if (t < 2) { /* single, double: a VOP the back end may inline */
        uint32_t i = s->insn;
        a64_vop(s, IR_V_FCMP, 2 + (int)t, false, true, 0, FP_RN(i), FP_RM(i),
                (i >> 3) & 1, (void *)h_fp_cmp_env);
        ir_setnzcv(s->b, ir_ldenv(s->b, 4, ENV_OFF(nzcv)));
        return true;
    }
    ir_setnzcv(s->b, a64_call_insn_v(s, (void *)h_fp_cmp, 0, 0, 0));
    return true;
}

/* FCCMP/FCCMPE: compare if cond holds on the old NZCV (argument a),
 * else NZCV = #nzcv; returns the new NZCV */
FP_HELPER(h_fp_ccmp)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int N = fp_width(FP_TYPE(insn));
    if (ir_cond_holds((uint32_t)a_, (insn >> 12) & 15)) {
        uint64_t a = fp_get(env, FP_RN(insn), N), b = fp_get(env, FP_RM(insn), N);
        return (uint64_t)fp_cmp_any(env, N, a, b, (insn >> 4) & 1) << 28;
    }
    return (uint64_t)(insn & 15) << 28;
}

bool a64_trans_FP_FCCMP(A64Ctx *s, const A64Fields *f)
{
    if (!fp_insn_width(F('t')))
        return false;
    IRRef nzcv = ir_getnzcv(s->b);
    ir_setnzcv(s->b, a64_call_insn_v(s, (void *)h_fp_ccmp, nzcv, 0, 0));
    return true;
}

/*
 * FP <-> integer and fixed point.  insn bits: 31 sf, 20:19 rmode, 18:16
 * opcode, 21 = 0 for the fixed-point forms with fbits = 64 - scale.
 * a_ is the general source register for SCVTF/UCVTF.
 */
FP_HELPER(h_fp_cvt)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    int N = fp_width(FP_TYPE(insn)), ib = (insn >> 31) ? 64 : 32;
    unsigned rmode = (insn >> 19) & 3, opc = (insn >> 16) & 7;
    int fbits = (insn >> 21) & 1 ? 0 : 64 - (int)((insn >> 10) & 63);
    bool uns = opc & 1;
    if ((opc & 6) == 2) { /* SCVTF / UCVTF */
        FPRounding rnd = fp_rmode(A64_FPST(env));
        uint64_t r = N == 64 ? fpf64_from_fixed(A64_FPST(env), a_, fbits, uns, rnd, ib)
                   : N == 32 ? fpf32_from_fixed(A64_FPST(env), a_, fbits, uns, rnd, ib)
                             : fp16_from_fixed(A64_FPST(env), a_, fbits, uns, rnd, ib);
        fp_put(env, FP_RD(insn), r);
        return 0;
    }
    /* rmode 00 with opcode 10x is FCVTA* (ties away), else RMode order */
    FPRounding rnd = (opc & 4) ? FPR_TIEAWAY : (FPRounding)rmode;
    uint64_t a = fp_get(env, FP_RN(insn), N);
    return N == 64 ? fpf64_to_fixed(A64_FPST(env), a, fbits, uns, rnd, ib)
         : N == 32 ? fpf32_to_fixed(A64_FPST(env), (uint32_t)a, fbits, uns, rnd, ib)
                   : fp16_to_fixed(A64_FPST(env), (uint16_t)a, fbits, uns, rnd, ib);
}

static bool to_int(A64Ctx *s, const A64Fields *f)
{
    if (!fp_insn_width(F('t')))
        return false;
    a64_set_reg(s, F('d'), F('s'), a64_call_insn_v(s, (void *)h_fp_cvt, 0, 0, 0));
    return true;
}

static bool to_fp(A64Ctx *s, const A64Fields *f)
{
    if (!fp_insn_width(F('t')))
        return false;
    a64_call_insn_v(s, (void *)h_fp_cvt, a64_reg(s, F('n'), F('s')), 0, 0);
    return true;
}

bool a64_trans_FP_FCVT_int(A64Ctx *s, const A64Fields *f) { return to_int(s, f); }
bool a64_trans_FP_FCVTA_int(A64Ctx *s, const A64Fields *f) { return to_int(s, f); }
bool a64_trans_FP_CVTF_int(A64Ctx *s, const A64Fields *f) { return to_fp(s, f); }

/* Fixed point: a W form with scale < 32 (fbits > 32) is unallocated. */
bool a64_trans_FP_FCVTZ_fix(A64Ctx *s, const A64Fields *f)
{
    if (!F('s') && F('k') < 32)
        return false;
    return to_int(s, f);
}

bool a64_trans_FP_CVTF_fix(A64Ctx *s, const A64Fields *f)
{
    if (!F('s') && F('k') < 32)
        return false;
    return to_fp(s, f);
}

/* FJCVTZS: NZCV = 0Z00; the helper returns the result in bits 31:0 and
 * Z in bit 32. */
FP_HELPER(h_fp_jcvt)
{
    A64State *env = env_;
    uint32_t insn = (uint32_t)insn_;
    bool z;
    uint32_t r = fp64_jcvtzs(A64_FPST(env), env->v[FP_RN(insn)].d[0], &z);
    return (uint64_t)z << 32 | r;
}

/* FJCVTZS needs FEAT_JSCVT (Armv8.3), not advertised (HWCAP_JSCVT clear,
 * ID_AA64ISAR1_EL1.JSCVT = 0): unallocated on the CPU the guest sees. */
#define A64_FEAT_JSCVT 0
bool a64_trans_FP_FJCVTZS(A64Ctx *s, const A64Fields *f)
{
    IRBlock *b = s->b;
    if (!A64_FEAT_JSCVT)
        return false;
    IRRef res = a64_call_insn_v(s, (void *)h_fp_jcvt, 0, 0, 0);
    ir_setnzcv(b, ir_shli(b, 8, ir_shri(b, 8, res, 32), 30));
    a64_set_reg(s, F('d'), 0, ir_trunc32(b, res));
    return true;
}
