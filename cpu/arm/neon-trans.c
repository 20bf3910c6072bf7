/*
 * cpu/arm/neon-trans.c - translators of the Advanced SIMD rows
 * (cpu/arm/neon.def).
 *
 * Each row checks the encoding with the executor's dry run (so exactly
 * the encodings the executor handles are accepted; the rest are SIGILL)
 * and emits one IR_CALL_NOGPR call of the executor: NEON instructions
 * touch only the vector file, FPSCR and memory, so general registers stay
 * in host registers across them.  The exceptions, done in IR:
 *   - VLD1/VST1 of whole D registers (multiple structures, 1-4 registers)
 *     are 8-byte guest loads/stores and env stores/loads, since memcpy-
 *     style code is made of them;
 *   - the alignment qualifier of a load/store is a CHKALIGN (SIGBUS,
 *     BUS_ADRALN, before any access), and the post-index writeback of Rn
 *     (Rm = 13: the transfer size, Rm != 15: Rm) is IR after the access;
 *   - VDUP from a core register, VLD1/VST1 of one lane and VLD1 to all
 *     lanes are a few integer IR operations on the D registers in env;
 *   - the logical ops, VMOV/VMVN/VORR/VBIC (immediate) and VEXT are 64-bit
 *     integer IR on the D registers; the integer ops that A64 has with the
 *     same lane semantics (VADD, VSUB, VMUL, VMLA, VMLS, compares, VTST,
 *     VMAX/VMIN, the logical ops, VMOVL/VSHLL, VADDL/VADDW/VSUBL/VSUBW,
 *     VSHR/VSRA/VSHL by immediate) on whole Q registers, and most of them
 *     and VPADD/VPMAX/VPMIN on one D register (IR_VS_DREG), and the
 *     F32 VADD/VSUB/VMUL/VMLA/VMLS/VFMA/VFMS/VCEQ/VCGE/VCGT under the
 *     standard FPSCR
 *     (IR_VS_STD, Q or D), VMULL (integer), VREV16/32/64, VDUP
 *     (scalar), VQMOVN/VQMOVUN (QC set inline), VPADDL/VPADAL,
 *     VTRN/VUZP/VZIP (two results), and the crypto instructions and
 *     VMULL.P64 (AES-NI, SHA-NI, PCLMULQDQ) are IR_VOPs the back end
 *     inlines, with the executor as their exact fallback (outside IT
 *     blocks only).
 */
#include "cpu/arm/neon-internal.h"
#include "cpu/arm/translate.h"

static uint64_t neon_helper_dp(void *env, uint64_t insn, uint64_t a,
                               uint64_t b, uint64_t c)
{
    neon_exec_dp(env, neon_a32((uint32_t)insn));
    return 0;
}

static uint64_t neon_helper_ldst(void *env, uint64_t insn, uint64_t addr,
                                 uint64_t b, uint64_t c)
{
    neon_exec_ldst(env, neon_a32((uint32_t)insn), (uint32_t)addr);
    return 0;
}

static IRRef neon_ld_d(ArmCtx *s, int d)
{
    return ir_ldenv(s->b, 8, ARM_DREG_OFF(d));
}

static void neon_st_d(ArmCtx *s, int d, IRRef v)
{
    ir_stenv(s->b, 8, ARM_DREG_OFF(d), v);
}

/* The logical 3-same ops (opc 0001 B=1; op = U:size) on 64-bit chunks. */
static void neon_logic_inline(ArmCtx *s, uint32_t insn)
{
    IRBlock *b = s->b;
    int op = NEON_U(insn) << 2 | NEON_SIZE(insn), regs = NEON_Q(insn) ? 2 : 1;
    int rd = NEON_VD(insn), rn = NEON_VN(insn), rm = NEON_VM(insn);
    IRRef n[2], m[2], d[2] = {0, 0}, r[2];
    for (int i = 0; i < regs; i++) {
        n[i] = neon_ld_d(s, rn + i);
        m[i] = neon_ld_d(s, rm + i);
        if (op >= 5)
            d[i] = neon_ld_d(s, rd + i);
    }
    for (int i = 0; i < regs; i++) {
        switch (op) {
        case 0: r[i] = ir_and(b, 8, n[i], m[i]); break;
        case 1: r[i] = ir_binop(b, IR_ANDN, 8, n[i], m[i]); break;
        case 2: r[i] = rn == rm ? n[i] : ir_or(b, 8, n[i], m[i]); break;
        case 3: r[i] = ir_or(b, 8, n[i], ir_unop(b, IR_NOT, 8, m[i])); break;
        case 4: r[i] = ir_xor(b, 8, n[i], m[i]); break;
        /* VBSL: d = m ^ ((n ^ m) & d); VBIT: d ^ ((n ^ d) & m);
         * VBIF: d ^ ((n ^ d) & ~m) */
        case 5:
            r[i] = ir_xor(b, 8, m[i], ir_and(b, 8, ir_xor(b, 8, n[i], m[i]), d[i]));
            break;
        case 6:
            r[i] = ir_xor(b, 8, d[i], ir_and(b, 8, ir_xor(b, 8, n[i], d[i]), m[i]));
            break;
        default:
            r[i] = ir_xor(b, 8, d[i], ir_binop(b, IR_ANDN, 8,
                                                ir_xor(b, 8, n[i], d[i]), m[i]));
            break;
        }
    }
    for (int i = 0; i < regs; i++)
        neon_st_d(s, rd + i, r[i]);
}

/* The integer 3-same ops the back end can inline on whole Q registers
 * (IR_VOP; A64 has the same lane semantics), or IR_V_NONE. */
static IRVKind neon_vop_kind(uint32_t insn)
{
    int key = ((insn >> 8) & 15) << 1 | ((insn >> 4) & 1);
    bool u = NEON_U(insn);
    int size = NEON_SIZE(insn);
    if (key == 0x3) {
        static const IRVKind lk[8] = {IR_V_AND, IR_V_BIC, IR_V_ORR, IR_V_ORN,
                                      IR_V_EOR, IR_V_BSL, IR_V_BIT, IR_V_BIF};
        return lk[u << 2 | size];
    }
    if (size == 3)
        return key == 0x10 ? (u ? IR_V_SUB : IR_V_ADD) : IR_V_NONE;
    switch (key) {
    case 0x6: return u ? IR_V_CMHI : IR_V_CMGT;
    case 0x7: return u ? IR_V_CMHS : IR_V_CMGE;
    case 0xc: return u ? IR_V_UMAX : IR_V_SMAX;
    case 0xd: return u ? IR_V_UMIN : IR_V_SMIN;
    case 0x10: return u ? IR_V_SUB : IR_V_ADD;
    case 0x11: return u ? IR_V_CMEQ : IR_V_CMTST;
    case 0x12: return u ? IR_V_MLS : IR_V_MLA;
    case 0x13: return u ? IR_V_NONE : IR_V_MUL;
    /* pairwise (D registers only): VPMAX VPMIN VPADD */
    case 0x14: return u ? IR_V_UMAXP : IR_V_SMAXP;
    case 0x15: return u ? IR_V_UMINP : IR_V_SMINP;
    case 0x17: return u ? IR_V_NONE : IR_V_ADDP;
    default: return IR_V_NONE;
    }
}

/* The single-precision 3-same FP ops the back end can inline under the
 * standard FPSCR (IR_VS_STD), or IR_V_NONE: VADD, VSUB, VMUL, VMLA, VMLS
 * (product rounded first, as IR_V_VMLA/VMLS), VFMA, VFMS (fused, Vn
 * negated first: FMLA/FMLS), VCEQ/VCGE/VCGT (FCMEQ/FCMGE/FCMGT). */
static IRVKind neon_fp_vop_kind(uint32_t insn)
{
    int key = ((insn >> 8) & 15) << 1 | ((insn >> 4) & 1);
    int op = (insn >> 21) & 1;
    bool u = NEON_U(insn);
    if ((insn >> 20) & 1)
        return IR_V_NONE; /* half precision */
    switch (key) {
    case 0x19: return u ? IR_V_NONE : op ? IR_V_FMLS : IR_V_FMLA;
    case 0x1a: return u ? IR_V_NONE : op ? IR_V_FSUB : IR_V_FADD;
    case 0x1b: return u ? (op ? IR_V_NONE : IR_V_FMUL) : op ? IR_V_VMLS : IR_V_VMLA;
    /* VCEQ; U: VCGE (op 0), VCGT (op 1): Vn against Vm */
    case 0x1c: return !u ? (op ? IR_V_NONE : IR_V_FCMEQ) : op ? IR_V_FCMGT : IR_V_FCMGE;
    default: return IR_V_NONE;
    }
}

/* VSHR, VSRA (immediate, U = unsigned) and VSHL (immediate) as IR_VOPs
 * on Q registers or on one D register (IR_VS_DREG); false for the other
 * shift forms.  The encoding has passed the executor's dry run. */
static bool neon_shift_vop(ArmCtx *s, uint32_t insn)
{
    int opc = (insn >> 8) & 15, q = NEON_Q(insn), esz;
    bool u = NEON_U(insn);
    unsigned imm = ((insn >> 16) & 63) | ((insn >> 1) & 64); /* L:imm6 */
    if (imm & 64)
        esz = 3;
    else if (imm & 32)
        esz = 2;
    else if (imm & 16)
        esz = 1;
    else if (imm & 8)
        esz = 0;
    else
        return false; /* modified immediate */
    int eb = 8 << esz;
    /* Arm ARM: right shift = 2 * esize - imm, left = imm - esize
     * (esize 64: 64 - imm6 and imm6) */
    int rsh = esz == 3 ? 64 - (int)(imm & 63) : 2 * eb - (int)imm;
    int lsh = esz == 3 ? (int)(imm & 63) : (int)imm - eb;
    IRVKind k;
    int sh = rsh;
    if (opc == 0)
        k = u ? IR_V_USHR : IR_V_SSHR;
    else if (opc == 1)
        k = u ? IR_V_USRA : IR_V_SSRA;
    else if (opc == 5 && !u)
        k = IR_V_SHL, sh = lsh;
    else
        return false;
    int rd = NEON_VD(insn), rm = NEON_VM(insn);
    if (q)
        ir_vop(s->b, k, IR_VS(esz, 1, 0), rd >> 1, rm >> 1, 0, sh,
               (void *)neon_helper_dp, s->insn, 0, 0);
    else
        ir_vop(s->b, k, IR_VS_DREG(esz), rd, rm, 0, sh,
               (void *)neon_helper_dp, s->insn, 0, 0);
    return true;
}

/* VMOV/VMVN/VORR/VBIC (immediate). */
static void neon_imm_inline(ArmCtx *s, uint32_t insn)
{
    IRBlock *b = s->b;
    int cmode = (insn >> 8) & 15, op = (insn >> 5) & 1;
    int rd = NEON_VD(insn), regs = NEON_Q(insn) ? 2 : 1;
    uint8_t imm8 = (uint8_t)(((insn >> 17) & 0x80) | ((insn >> 12) & 0x70) |
                             (insn & 0xf));
    uint64_t imm = 0;
    neon_expand_imm(op, cmode, imm8, &imm);
    bool logical = (cmode & 1) && cmode < 12;
    for (int i = 0; i < regs; i++) {
        IRRef v;
        if (!logical)
            v = ir_const(b, (op && cmode != 14) ? ~imm : imm);
        else if (op)
            v = ir_andi(b, 8, neon_ld_d(s, rd + i), ~imm);
        else
            v = ir_or(b, 8, neon_ld_d(s, rd + i), ir_const(b, imm));
        neon_st_d(s, rd + i, v);
    }
}

/* VEXT: bytes imm4.. of Vm:Vn. */
static void neon_vext_inline(ArmCtx *s, uint32_t insn)
{
    IRBlock *b = s->b;
    int rd = NEON_VD(insn), rn = NEON_VN(insn), rm = NEON_VM(insn);
    int regs = NEON_Q(insn) ? 2 : 1, k = (insn >> 8) & 15;
    IRRef w[4], r[2];
    for (int i = 0; i < regs; i++) {
        w[i] = neon_ld_d(s, rn + i);
        w[regs + i] = neon_ld_d(s, rm + i);
    }
    for (int j = 0; j < regs; j++) {
        int at = k + 8 * j, q = at >> 3, sh = at & 7;
        r[j] = sh ? ir_extr(b, 8, w[q + 1], w[q], (unsigned)(8 * sh)) : w[q];
    }
    for (int j = 0; j < regs; j++)
        neon_st_d(s, rd + j, r[j]);
}

/* The crypto instructions (neon_crypto_op numbering) and VMULL.P64 as
 * IR_VOPs on Q registers, which the back end does with AES-NI, SHA-NI
 * and PCLMULQDQ; false for other encodings.  The encoding has passed the
 * executor's dry run. */
static bool neon_crypto_vop(ArmCtx *s, uint32_t insn)
{
    static const IRVKind kinds[15] = {
        IR_V_SHA1C, IR_V_SHA1P, IR_V_SHA1M, IR_V_SHA1SU0, IR_V_SHA256H,
        IR_V_SHA256H2, IR_V_SHA256SU1, IR_V_NONE, IR_V_AESE, IR_V_AESD,
        IR_V_AESMC, IR_V_AESIMC, IR_V_SHA1H, IR_V_SHA1SU1, IR_V_SHA256SU0};
    int rd = NEON_VD(insn), rn = NEON_VN(insn), rm = NEON_VM(insn);
    int key = ((insn >> 8) & 15) << 1 | ((insn >> 4) & 1);
    int a = (insn >> 16) & 3, bq = (insn >> 6) & 31;
    bool three = !(insn & (1u << 23)) && key == 0x18;
    bool two = (insn & 0x01b00810u) == 0x01b00000u &&
               ((a == 0 && (bq >> 2) == 3) || (a == 1 && bq == 11) ||
                (a == 2 && (bq == 14 || bq == 15)));
    if ((insn & 0x01b00f50u) == 0x00a00e00u) { /* VMULL.P64 Qd, Dn, Dm */
        ir_vop(s->b, IR_V_PMULL64, IR_VS(3, 1, 0), rd >> 1, rn >> 1, rm >> 1,
               (rn & 1) | (rm & 1) << 4, (void *)neon_helper_dp, s->insn, 0, 0);
        return true;
    }
    if (!three && !two)
        return false;
    int op = neon_crypto_op(insn);
    if (op < 0 || kinds[op] == IR_V_NONE)
        return false;
    /* two-register forms: Vn of the A64 form is Qm */
    ir_vop(s->b, kinds[op], IR_VS(2, 1, 0), rd >> 1, (three ? rn : rm) >> 1,
           rm >> 1, 0, (void *)neon_helper_dp, s->insn, 0, 0);
    return true;
}

/* VMULL (integer), VREV16/32/64 and VDUP (scalar) as IR_VOPs; false
 * for other encodings.  The encoding has passed the executor's dry run
 * (Q registers even, VREV's group larger than its lanes). */
static bool neon_perm_vop(ArmCtx *s, uint32_t insn)
{
    int q = NEON_Q(insn), rd = NEON_VD(insn), rn = NEON_VN(insn),
        rm = NEON_VM(insn), size = NEON_SIZE(insn);
    void *fn = (void *)neon_helper_dp;
    if ((insn & 0x00800f50u) == 0x00800c00u && size != 3) {
        /* VMULL.S/U Qd, Dn, Dm: the A64 SMULL/UMULL(2) shape needs both
         * D operands in the same half of their Q registers */
        if ((rn & 1) != (rm & 1))
            return false;
        ir_vop(s->b, NEON_U(insn) ? IR_V_UMULL : IR_V_SMULL,
               IR_VS(size, rm & 1, 0), rd >> 1, rn >> 1, rm >> 1, 0, fn,
               s->insn, 0, 0);
        return true;
    }
    if ((insn & 0x01b30e10u) == 0x01b00000u && ((insn >> 7) & 3) != 3) {
        /* VREV64/32/16 (2-misc A = 00, B = 000x/0010): size = the lanes */
        int esz = (insn >> 18) & 3, g = 3 - (int)((insn >> 7) & 3);
        if (q)
            ir_vop(s->b, IR_V_REV, IR_VS(esz, 1, 0), rd >> 1, rm >> 1, 0, g,
                   fn, s->insn, 0, 0);
        else
            ir_vop(s->b, IR_V_REV, IR_VS_DREG(esz), rd, rm, 0, g, fn,
                   s->insn, 0, 0);
        return true;
    }
    if ((insn & 0x01b00f90u) == 0x01b00c00u) { /* VDUP Dd/Qd, Dm[x] */
        unsigned imm4 = (insn >> 16) & 15;
        int esz = imm4 & 1 ? 0 : imm4 & 2 ? 1 : 2;
        int lane = (int)(imm4 >> (esz + 1));
        ir_vop(s->b, IR_V_DUP, q ? IR_VS(esz, 1, 0) : IR_VS_DREG(esz),
               q ? rd >> 1 : rd, rm, 0, lane, fn, s->insn, 0, 0);
        return true;
    }
    return false;
}

/* Inline forms of valid data-processing encodings; false = use the
 * executor.  VOPs only outside conditional regions (a Thumb IT block):
 * they keep host copies of vector registers. */
static bool neon_dp_inline(ArmCtx *s, uint32_t insn)
{
    int q = NEON_Q(insn);
    int rd = NEON_VD(insn), rn = NEON_VN(insn), rm = NEON_VM(insn);
    if (s->cond == ARM_COND_AL &&
        (neon_crypto_vop(s, insn) || neon_perm_vop(s, insn)))
        return true;
    if (!(insn & (1u << 23))) {
        int key = ((insn >> 8) & 15) << 1 | ((insn >> 4) & 1);
        if (key == 0x3 && !q) {
            neon_logic_inline(s, insn);
            return true;
        }
        IRVKind fk = s->cond == ARM_COND_AL ? neon_fp_vop_kind(insn) : IR_V_NONE;
        if (fk != IR_V_NONE) {
            uint8_t shape = (q ? IR_VS(2, 1, 0) : IR_VS_DREG(2)) | IR_VS_STD;
            int sh = q ? 1 : 0;
            ir_vop(s->b, fk, shape, rd >> sh, rn >> sh, rm >> sh, 0,
                   (void *)neon_helper_dp, s->insn, ARM_ENV_OFF(fpcr),
                   ARM_ENV_OFF(fpsr));
            return true;
        }
        IRVKind k = s->cond == ARM_COND_AL ? neon_vop_kind(insn) : IR_V_NONE;
        bool pairwise = k >= IR_V_ADDP && k <= IR_V_SMINP;
        if (k != IR_V_NONE && q && !pairwise) {
            /* the logical ops' size field is the op, not a lane size */
            int esz = key == 0x3 ? 0 : NEON_SIZE(insn);
            ir_vop(s->b, k, IR_VS(esz, 1, 0), rd >> 1, rn >> 1,
                   rm >> 1, 0, (void *)neon_helper_dp, s->insn, 0, 0);
            return true;
        }
        if (k != IR_V_NONE && !q && key != 0x3) { /* one D register */
            ir_vop(s->b, k, IR_VS_DREG(NEON_SIZE(insn)), rd, rn, rm, 0,
                   (void *)neon_helper_dp, s->insn, 0, 0);
            return true;
        }
        if (key == 0x3) {
            neon_logic_inline(s, insn);
            return true;
        }
        return false;
    }
    if ((insn & 0x00800fd0u) == 0x00800a10u && (insn & 0x00380000u) &&
        s->cond == ARM_COND_AL) {
        /* VSHLL/VMOVL: USHLL/SSHLL of the D register's half of its Q */
        unsigned imm6 = (insn >> 16) & 63;
        int esz = imm6 & 32 ? 2 : imm6 & 16 ? 1 : 0;
        ir_vop(s->b, NEON_U(insn) ? IR_V_USHLL : IR_V_SSHLL,
               IR_VS(esz, rm & 1, 0), rd >> 1, rm >> 1, 0,
               (int)(imm6 - (8u << esz)), (void *)neon_helper_dp, s->insn, 0, 0);
        return true;
    }
    if ((insn & 0x00800050u) == 0x00800000u && NEON_SIZE(insn) != 3 &&
        ((insn >> 8) & 15) < 4 && s->cond == ARM_COND_AL) {
        /* VADDL/VADDW/VSUBL/VSUBW: the A64 long/wide ops when both narrow
         * operands are the same half of their Q registers */
        int opc = (insn >> 8) & 15;
        bool wide = opc & 1, u = NEON_U(insn);
        if (wide || (rn & 1) == (rm & 1)) {
            static const IRVKind k[2][4] = {
                {IR_V_SADDL, IR_V_SADDW, IR_V_SSUBL, IR_V_SSUBW},
                {IR_V_UADDL, IR_V_UADDW, IR_V_USUBL, IR_V_USUBW}};
            ir_vop(s->b, k[u][opc], IR_VS(NEON_SIZE(insn), rm & 1, 0), rd >> 1,
                   rn >> 1, rm >> 1, 0, (void *)neon_helper_dp, s->insn, 0, 0);
            return true;
        }
    }
    if ((insn & 0x00800010u) == 0x00800010u && s->cond == ARM_COND_AL &&
        neon_shift_vop(s, insn))
        return true;
    if ((insn & 0x01b00810u) == 0x01b00000u && s->cond == ARM_COND_AL) {
        /* 2-misc: VMVN (A = 0, B = 1011), VMOVN (A = 2, B = 0100, Q = 0;
         * Qm -> Dd), VQMOVUN/VQMOVN (A = 2, B = 0100 Q = 1, B = 0101) */
        int a = (insn >> 16) & 3, bb = (insn >> 7) & 15, size = (insn >> 18) & 3;
        if (a == 0 && (bb == 4 || bb == 5 || bb == 12 || bb == 13)) {
            /* VPADDL (B = 010U), VPADAL (110U) */
            static const IRVKind k[2][2] = {{IR_V_SADDLP, IR_V_UADDLP},
                                            {IR_V_SADALP, IR_V_UADALP}};
            IRVKind kk = k[bb >> 3][bb & 1];
            if (q)
                ir_vop(s->b, kk, IR_VS(size, 1, 0), rd >> 1, rm >> 1, 0, 0,
                       (void *)neon_helper_dp, s->insn, 0, 0);
            else
                ir_vop(s->b, kk, IR_VS_DREG(size), rd, rm, 0, 0,
                       (void *)neon_helper_dp, s->insn, 0, 0);
            return true;
        }
        if (a == 0 && bb == 11) {
            if (q)
                ir_vop(s->b, IR_V_MVN, IR_VS(0, 1, 0), rd >> 1, rm >> 1, 0, 0,
                       (void *)neon_helper_dp, s->insn, 0, 0);
            else
                ir_vop(s->b, IR_V_MVN, IR_VS_DREG(0), rd, rm, 0, 0,
                       (void *)neon_helper_dp, s->insn, 0, 0);
            return true;
        }
        if (a == 2 && bb == 4 && !q) {
            ir_vop(s->b, IR_V_XTN, IR_VS_DREG(size), rd, rm >> 1, 0, 0,
                   (void *)neon_helper_dp, s->insn, 0, 0);
            return true;
        }
        if (a == 2 && bb >= 1 && bb <= 3 && rd != rm) {
            /* VTRN, VUZP, VZIP (B = 0001, 0010, 0011); Vd = Vm is
             * UNPREDICTABLE and stays with the executor */
            static const IRVKind k[4] = {IR_V_NONE, IR_V_TRN, IR_V_UZP, IR_V_ZIP};
            if (q)
                ir_vop(s->b, k[bb], IR_VS(size, 1, 0), rd >> 1, rm >> 1, 0, 0,
                       (void *)neon_helper_dp, s->insn, 0, 0);
            else
                ir_vop(s->b, k[bb], IR_VS_DREG(size), rd, rm, 0, 0,
                       (void *)neon_helper_dp, s->insn, 0, 0);
            return true;
        }
        if (a == 2 && (bb == 4 || bb == 5)) {
            /* VQMOVUN (B = 01001), VQMOVN.S/U (0101 op): QC in fpsr */
            IRVKind k = bb == 4 ? IR_V_SQXTUN : q ? IR_V_UQXTN : IR_V_SQXTN;
            ir_vop(s->b, k, IR_VS_DREG(size), rd, rm >> 1, 0, 0,
                   (void *)neon_helper_dp, s->insn, ARM_ENV_OFF(fpcr),
                   ARM_ENV_OFF(fpsr));
            return true;
        }
    }
    if ((insn & 0x00b80090u) == 0x00800010u) { /* modified immediate */
        neon_imm_inline(s, insn);
        return true;
    }
    if ((insn & 0x01b00010u) == 0x00b00000u) { /* VEXT */
        neon_vext_inline(s, insn);
        return true;
    }
    return false;
}

static bool neon_dp(ArmCtx *s)
{
    uint32_t insn = neon_a32(s->insn);
    if (!neon_exec_dp(NULL, insn))
        return false;
    if (!neon_dp_inline(s, insn))
        arm_call_insn_v(s, (void *)neon_helper_dp, 0, 0, 0);
    return true;
}

bool arm_trans_NEON_DP(ArmCtx *s, const ArmFields *f)
{
    (void)f;
    return neon_dp(s);
}

bool arm_trans_NEON_DP_T(ArmCtx *s, const ArmFields *f)
{
    (void)f;
    return neon_dp(s);
}

/* VLD1/VST1 (multiple structures) of 1-4 whole D registers, inline. */
static void neon_vld1_inline(ArmCtx *s, uint32_t insn, IRRef base, int regs)
{
    IRBlock *b = s->b;
    int rd = NEON_VD(insn);
    bool load = (insn >> 21) & 1;
    IRRef v[4];
    for (int r = 0; r < regs; r++) {
        IRRef a = r ? ir_addi(b, 4, base, (uint64_t)(8 * r)) : base;
        if (load)
            v[r] = ir_ld(b, 8, false, a);
        else
            ir_st(b, 8, a, ir_ldenv(b, 8, ARM_DREG_OFF(rd + r)));
    }
    /* all loads before any register write: a fault changes nothing */
    if (load)
        for (int r = 0; r < regs; r++)
            ir_stenv(b, 8, ARM_DREG_OFF(rd + r), v[r]);
}

/* The value x (the low 1 << esz bytes matter) replicated into 64 bits. */
static IRRef neon_replicate(IRBlock *b, IRRef x, int esz)
{
    static const uint64_t rep[3] = {0x0101010101010101ull, 0x0001000100010001ull,
                                    0x0000000100000001ull};
    if (esz == 3)
        return x;
    x = ir_andi(b, 8, ir_zext(b, 4, x), (1ull << (8 << esz)) - 1);
    return ir_binop(b, IR_MUL, 8, x, ir_const(b, rep[esz]));
}

/* VLD1/VST1 of one lane and VLD1 to all lanes, inline; false for the
 * other structure forms. */
static bool neon_lane_inline(ArmCtx *s, uint32_t insn, IRRef base)
{
    IRBlock *b = s->b;
    NeonLdst d;
    if (!neon_ldst_decode(insn, &d) || d.kind == 0 || d.nelem != 1)
        return false;
    int eb = 1 << d.esz;
    if (d.kind == 1) {
        uint32_t off = ARM_DREG_OFF(d.rd) + (uint32_t)(d.index * eb);
        if (d.load)
            ir_stenv(b, eb, off, ir_ld(b, eb, false, base));
        else
            ir_st(b, eb, base, ir_ldenv(b, eb, off));
        return true;
    }
    IRRef v = neon_replicate(b, ir_ld(b, eb, false, base), d.esz);
    for (int r = 0; r < d.regs; r++)
        neon_st_d(s, d.rd + r, v);
    return true;
}

static bool neon_ldst(ArmCtx *s, const ArmFields *f)
{
    uint32_t insn = neon_a32(s->insn);
    int bytes, align, rn = (int)F('n'), rm = (int)F('m');
    if (!neon_ldst_info(insn, &bytes, &align) || rn == 15)
        return false;
    IRBlock *b = s->b;
    IRRef base = arm_reg(s, rn);
    if (align > 1)
        ir_chkalign(b, base, (unsigned)align);
    int type = (insn >> 8) & 15;
    bool vld1 = !(insn & (1u << 23)) &&
                (type == 7 || type == 10 || type == 6 || type == 2);
    if (vld1)
        neon_vld1_inline(s, insn, base, bytes / 8);
    else if (!neon_lane_inline(s, insn, base))
        arm_call_insn_v(s, (void *)neon_helper_ldst, base, 0, 0);
    if (rm != 15) {
        IRRef off = rm == 13 ? ir_const(b, (uint64_t)bytes) : arm_reg(s, rm);
        arm_set_reg(s, rn, ir_add(b, 4, base, off));
    }
    return true;
}

bool arm_trans_NEON_LDST(ArmCtx *s, const ArmFields *f)
{
    return neon_ldst(s, f);
}

bool arm_trans_NEON_LDST_T(ArmCtx *s, const ArmFields *f)
{
    return neon_ldst(s, f);
}

static bool neon_vdup(ArmCtx *s, const ArmFields *f)
{
    /* the A32 and T32 words agree in bits 23:0 */
    uint32_t insn = s->insn & 0x00ffffffu;
    int rt = (int)F('t');
    if (rt == 15)
        return false; /* UNPREDICTABLE (so is Thumb's Rt = 13, which is
                         simply read as a register here) */
    if (!neon_exec_vdup_core(NULL, insn, 0))
        return false;
    /* inline: Rt's low element replicated into each D register */
    int be = (int)(((insn >> 21) & 2) | ((insn >> 5) & 1));
    int esz = be == 0 ? 2 : be == 1 ? 1 : 0;
    int rd = (int)(((insn >> 16) & 0xf) | ((insn >> 3) & 0x10));
    IRRef v = neon_replicate(s->b, arm_reg(s, rt), esz);
    for (int r = 0; r < ((insn >> 21) & 1 ? 2 : 1); r++)
        neon_st_d(s, rd + r, v);
    return true;
}

bool arm_trans_NEON_VDUP(ArmCtx *s, const ArmFields *f)
{
    return neon_vdup(s, f);
}

bool arm_trans_NEON_VDUP_T(ArmCtx *s, const ArmFields *f)
{
    return neon_vdup(s, f);
}
