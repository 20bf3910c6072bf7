/*
 * cpu/arm/ldst.c - A32/T32/T16 load/store single register and dual
 * (Arm ARM A8.8 LDR*, STR*, LDRD, STRD in all their encodings: immediate,
 * register with shift, pre-/post-indexed with writeback, unprivileged T
 * forms, literal).  Rows are in cpu/arm/ldst.def; every encoding decodes
 * into an LdstOp and goes through the one shared body, ldst_emit().
 *
 * Invariants:
 *  - Guest memory is host memory at guest_base: one IR LD/ST per access,
 *    addresses are 4-byte IR values (32-bit wraparound by construction).
 *    No alignment checks: user mode runs with SCTLR.U = 1 (unaligned
 *    LDR/STR/LDRH/STRH are architecturally allowed) and the arm kernel's
 *    alignment handler silently fixes up LDRD/STRD (and LDM/STM) for user
 *    space (the default for ARMv6+, arch/arm/mm/alignment.c), so a guest
 *    never sees SIGBUS from these.  (qemu-arm 7.2 raises SIGBUS for a
 *    word-misaligned LDRD/LDM: the kernel's behaviour is the reference.)
 *  - Handlers validate the encoding before emitting any IR, so a false
 *    return (SIGILL) leaves nothing half translated.
 *  - The load happens before any register is written, the offset is
 *    computed from the registers as they were, and base writeback is
 *    written before the loaded register(s): for the UNPREDICTABLE "load
 *    with writeback and Rt (or Rt2) == Rn" the loaded value wins (what
 *    qemu-arm does for LDR; its LDRD lets the writeback win), one of the
 *    Arm ARM's CONSTRAINED UNPREDICTABLE choices.  A store reads Rt before
 *    the writeback, so "store with writeback and Rt == Rn" stores the old
 *    base (as qemu-arm).
 *  - UNPREDICTABLE encodings that cannot mean anything useful (pc as Rm,
 *    pc as base with writeback, LDRB/LDRH into pc, LDRD with an odd or
 *    pc Rt) are UNDEFINED here (SIGILL), a CONSTRAINED UNPREDICTABLE
 *    choice an ARMv8 core may make.
 *  - LDR into pc is LoadWritePC (interworking, ends the block); through
 *    SP (POP {pc}, LDR pc, [sp], #4) it is predicted as a return.
 *  - LDRT/STRT and friends are the plain access: in user mode the
 *    unprivileged access is the normal one.
 *  - LDRD/STRD are one 8-byte access (little-endian: Rt at the lower
 *    address), which is also single-copy atomic when 8-aligned, as LPAE
 *    cores make an aligned LDRD/STRD.
 *  - T32 byte/halfword loads into pc are the memory hints (PLD, PLDW,
 *    PLI and the unallocated hints): no access, no fault.
 */
#include "cpu/arm/arm-internal.h"

/* One decoded single or dual load/store. */
typedef struct LdstOp {
    int bytes;       /* 1, 2, 4; 8 = dual (Rt, Rt2) */
    bool load, sign;
    int rt, rt2, rn;
    bool add;        /* U: offset added (else subtracted) */
    bool index;      /* P: access at the offset address (else at Rn) */
    bool wback;      /* Rn = offset address */
    int rm;          /* register offset, or -1: immediate */
    uint32_t imm;    /* immediate offset, or shift amount (imm5) for rm */
    unsigned stype;  /* shift type of rm (ARM_LSL..ARM_ROR) */
} LdstOp;

/* The Arm ARM's shared body of every single and dual load/store. */
static void ldst_emit(ArmCtx *s, const LdstOp *op)
{
    IRBlock *b = s->b;
    /* Rn = pc: the literal forms, Align(PC, 4) (the same as PC in A32,
     * where STR/STRB with base pc also read PC) */
    IRRef base = op->rn == ARM_REG_PC ? ir_const(b, arm_pc_align4(s))
                                      : arm_reg(s, op->rn);
    IRRef oa = base; /* [Rn, #0]: registers are kept zero-extended, so
                        no 4-byte add is needed (the builder cannot know) */
    if (op->rm >= 0 || op->imm) {
        IRRef off = op->rm < 0 ? ir_const(b, op->imm)
                               : arm_shift_imm(s, arm_reg(s, op->rm),
                                               op->stype, op->imm, false).v;
        oa = op->add ? ir_add(b, 4, base, off) : ir_sub(b, 4, base, off);
    }
    IRRef addr = op->index ? oa : base;
    if (op->load) {
        IRRef v = ir_ld(b, op->bytes, op->sign, addr);
        if (op->wback)
            arm_set_reg(s, op->rn, oa);
        if (op->bytes == 8) {
            arm_set_reg(s, op->rt, v);
            arm_set_reg(s, op->rt2, ir_shri(b, 8, v, 32));
        } else if (op->rt == ARM_REG_PC) {
            arm_load_write_pc(s, v, op->rn == ARM_REG_SP ? IR_HINT_RET
                                                         : IR_HINT_NONE);
        } else {
            arm_set_reg(s, op->rt, v);
        }
        return;
    }
    IRRef v = arm_reg(s, op->rt);
    if (op->bytes == 8)
        v = ir_or(b, 8, v, ir_shli(b, 8, arm_reg(s, op->rt2), 32));
    ir_st(b, op->bytes, addr, v);
    if (op->wback)
        arm_set_reg(s, op->rn, oa);
}

/*
 * Checks common to all forms: pc as base with writeback, pc as Rm and (for
 * the byte/halfword/dual forms) pc as Rt are UNPREDICTABLE -> UNDEFINED.
 * A dual op has Rt2 = Rt + 1 in A32 (Rt even) and any Rt2 in T32.
 */
static bool ldst_ok(const LdstOp *op)
{
    if (op->wback && op->rn == ARM_REG_PC)
        return false;
    if (op->rm == ARM_REG_PC)
        return false;
    if (op->rt == ARM_REG_PC && op->bytes != 4)
        return false;
    if (op->bytes == 8 && op->rt2 == ARM_REG_PC)
        return false;
    return true;
}

static bool ldst_run(ArmCtx *s, const LdstOp *op)
{
    if (!ldst_ok(op))
        return false;
    ldst_emit(s, op);
    return true;
}

/* ---- A32 ---- */

/* The P/U/W/n/t fields of every A32 row.  P = 0 with W = 1 is the T form
 * (LDRT...), which in A32 is post-indexed: the same as P = 0, W = 0. */
static LdstOp a32_op(const ArmFields *f, int bytes, bool load, bool sign)
{
    return (LdstOp){
        .bytes = bytes, .load = load, .sign = sign,
        .rt = (int)F('t'), .rt2 = (int)F('t') + 1, .rn = (int)F('n'),
        .add = F('U'), .index = F('P'), .wback = !F('P') || F('W'),
        .rm = -1,
    };
}

/* LDR/STR/LDRB/STRB (immediate, literal), LDRT/STRT/LDRBT/STRBT (A1). */
bool arm_trans_A32_LDST_I(ArmCtx *s, const ArmFields *f)
{
    LdstOp op = a32_op(f, F('B') ? 1 : 4, F('L'), false);
    op.imm = F('i');
    return ldst_run(s, &op);
}

/* LDR/STR/LDRB/STRB (register), T forms (A1): Rm shifted by imm5. */
bool arm_trans_A32_LDST_R(ArmCtx *s, const ArmFields *f)
{
    LdstOp op = a32_op(f, F('B') ? 1 : 4, F('L'), false);
    op.rm = (int)F('m');
    op.imm = F('i');
    op.stype = F('y');
    return ldst_run(s, &op);
}

/* The extra load/store forms: imm8 = imm4H:imm4L, or a plain Rm. */
static bool a32_extra(ArmCtx *s, const ArmFields *f, int bytes, bool load,
                      bool sign, bool reg)
{
    LdstOp op = a32_op(f, bytes, load, sign);
    if (reg)
        op.rm = (int)F('m');
    else
        op.imm = F('i');
    if (bytes == 8) {
        /* Rt even, not lr (Rt2 = pc); no T form of LDRD/STRD */
        if ((op.rt & 1) || op.rt == ARM_REG_LR || (!F('P') && F('W')))
            return false;
    }
    return ldst_run(s, &op);
}

/* LDRH/STRH (immediate, literal, register) and LDRHT/STRHT. */
bool arm_trans_A32_LDSTH_I(ArmCtx *s, const ArmFields *f)
{
    return a32_extra(s, f, 2, F('L'), false, false);
}

bool arm_trans_A32_LDSTH_R(ArmCtx *s, const ArmFields *f)
{
    return a32_extra(s, f, 2, F('L'), false, true);
}

/* LDRSB/LDRSH and their T forms. */
bool arm_trans_A32_LDRSB_I(ArmCtx *s, const ArmFields *f)
{
    return a32_extra(s, f, 1, true, true, false);
}

bool arm_trans_A32_LDRSB_R(ArmCtx *s, const ArmFields *f)
{
    return a32_extra(s, f, 1, true, true, true);
}

bool arm_trans_A32_LDRSH_I(ArmCtx *s, const ArmFields *f)
{
    return a32_extra(s, f, 2, true, true, false);
}

bool arm_trans_A32_LDRSH_R(ArmCtx *s, const ArmFields *f)
{
    return a32_extra(s, f, 2, true, true, true);
}

/* LDRD/STRD (immediate, literal, register). */
bool arm_trans_A32_LDRD_I(ArmCtx *s, const ArmFields *f)
{
    return a32_extra(s, f, 8, true, false, false);
}

bool arm_trans_A32_LDRD_R(ArmCtx *s, const ArmFields *f)
{
    return a32_extra(s, f, 8, true, false, true);
}

bool arm_trans_A32_STRD_I(ArmCtx *s, const ArmFields *f)
{
    return a32_extra(s, f, 8, false, false, false);
}

bool arm_trans_A32_STRD_R(ArmCtx *s, const ArmFields *f)
{
    return a32_extra(s, f, 8, false, false, true);
}

/* ---- T32 ---- */

/* Access size of a T32 single row: z 00/01/10 = byte/half/word; 11 and
 * signed words are unallocated (0). */
static int t32_bytes(const ArmFields *f, bool sign)
{
    unsigned z = F('z');
    if (z == 3 || (sign && z == 2))
        return 0;
    return 1 << z;
}

/*
 * LDR/LDRB/LDRH/LDRSB/LDRSH (literal) T1/T2: Align(PC, 4) +/- imm12.
 * Also reached from the imm8 and register rows when Rn = 1111: there the
 * hw1 bit the literal form uses as U is the imm12/imm8 selector (0), and
 * the second halfword is the imm12.
 */
static bool t32_literal(ArmCtx *s, const ArmFields *f, bool add)
{
    int bytes = t32_bytes(f, F('S'));
    if (!bytes)
        return false;
    if (F('t') == ARM_REG_PC && bytes < 4)
        return true; /* PLD/PLI (literal): a hint */
    LdstOp op = {.bytes = bytes, .load = true, .sign = F('S'),
                 .rt = (int)F('t'), .rn = ARM_REG_PC, .add = add,
                 .index = true, .rm = -1, .imm = s->insn & 0xfff};
    return ldst_run(s, &op);
}

bool arm_trans_T32_LDR_LIT(ArmCtx *s, const ArmFields *f)
{
    return t32_literal(s, f, F('U'));
}

/* The imm8 forms' P/U/W (second halfword bits 10:8): P = 0 with W = 0 is
 * UNDEFINED; P = 1, U = 1, W = 0 is the T form (LDRT...), an offset
 * access here. */
static bool t32_imm8(LdstOp *op, const ArmFields *f)
{
    if (!F('P') && !F('W'))
        return false;
    op->add = F('U');
    op->index = F('P');
    op->wback = F('W');
    op->imm = F('i');
    return true;
}

bool arm_trans_T32_LDR_I12(ArmCtx *s, const ArmFields *f)
{
    if (F('n') == ARM_REG_PC)
        return t32_literal(s, f, true);
    int bytes = t32_bytes(f, F('S'));
    if (!bytes)
        return false;
    if (F('t') == ARM_REG_PC && bytes < 4)
        return true; /* PLD/PLDW/PLI (immediate) */
    LdstOp op = {.bytes = bytes, .load = true, .sign = F('S'),
                 .rt = (int)F('t'), .rn = (int)F('n'), .add = true,
                 .index = true, .rm = -1, .imm = F('i')};
    return ldst_run(s, &op);
}

bool arm_trans_T32_LDR_I8(ArmCtx *s, const ArmFields *f)
{
    if (F('n') == ARM_REG_PC)
        return t32_literal(s, f, false);
    int bytes = t32_bytes(f, F('S'));
    LdstOp op = {.bytes = bytes, .load = true, .sign = F('S'),
                 .rt = (int)F('t'), .rn = (int)F('n'), .rm = -1};
    if (!bytes || !t32_imm8(&op, f))
        return false;
    if (op.rt == ARM_REG_PC && bytes < 4)
        /* PLD [Rn, #-imm8] and friends; with writeback UNPREDICTABLE */
        return op.index && !op.add && !op.wback;
    return ldst_run(s, &op);
}

bool arm_trans_T32_LDR_R(ArmCtx *s, const ArmFields *f)
{
    if (F('n') == ARM_REG_PC)
        return t32_literal(s, f, false);
    int bytes = t32_bytes(f, F('S'));
    if (!bytes)
        return false;
    if (F('t') == ARM_REG_PC && bytes < 4)
        return F('m') != ARM_REG_PC; /* PLD/PLI (register) */
    LdstOp op = {.bytes = bytes, .load = true, .sign = F('S'),
                 .rt = (int)F('t'), .rn = (int)F('n'), .add = true,
                 .index = true, .rm = (int)F('m'), .imm = F('i'),
                 .stype = ARM_LSL};
    return ldst_run(s, &op);
}

/* T32 stores: Rn = pc is UNDEFINED, Rt = pc UNPREDICTABLE (UNDEFINED). */
static bool t32_store_ok(const ArmFields *f)
{
    return F('z') != 3 && F('n') != ARM_REG_PC && F('t') != ARM_REG_PC;
}

bool arm_trans_T32_STR_I12(ArmCtx *s, const ArmFields *f)
{
    if (!t32_store_ok(f))
        return false;
    LdstOp op = {.bytes = 1 << F('z'), .rt = (int)F('t'), .rn = (int)F('n'),
                 .add = true, .index = true, .rm = -1, .imm = F('i')};
    return ldst_run(s, &op);
}

bool arm_trans_T32_STR_I8(ArmCtx *s, const ArmFields *f)
{
    LdstOp op = {.bytes = 1 << F('z'), .rt = (int)F('t'), .rn = (int)F('n'),
                 .rm = -1};
    if (!t32_store_ok(f) || !t32_imm8(&op, f))
        return false;
    return ldst_run(s, &op);
}

bool arm_trans_T32_STR_R(ArmCtx *s, const ArmFields *f)
{
    if (!t32_store_ok(f))
        return false;
    LdstOp op = {.bytes = 1 << F('z'), .rt = (int)F('t'), .rn = (int)F('n'),
                 .add = true, .index = true, .rm = (int)F('m'),
                 .imm = F('i'), .stype = ARM_LSL};
    return ldst_run(s, &op);
}

/*
 * LDRD/STRD T1 (immediate imm8 * 4, literal): any Rt, Rt2 (not pc).
 * LDRD with Rt == Rt2 is UNPREDICTABLE: Rt2 (the higher word) wins.
 */
static bool t32_dual(ArmCtx *s, const ArmFields *f, bool load, bool pre)
{
    LdstOp op = {.bytes = 8, .load = load, .rt = (int)F('t'),
                 .rt2 = (int)F('u'), .rn = (int)F('n'), .add = F('U'),
                 .index = pre, .wback = !pre || F('W'), .rm = -1,
                 .imm = F('i') * 4};
    if (op.rt == ARM_REG_PC || (!load && op.rn == ARM_REG_PC))
        return false;
    return ldst_run(s, &op);
}

bool arm_trans_T32_LDRD_PRE(ArmCtx *s, const ArmFields *f)
{
    return t32_dual(s, f, true, true);
}

bool arm_trans_T32_LDRD_POST(ArmCtx *s, const ArmFields *f)
{
    return t32_dual(s, f, true, false);
}

bool arm_trans_T32_STRD_PRE(ArmCtx *s, const ArmFields *f)
{
    return t32_dual(s, f, false, true);
}

bool arm_trans_T32_STRD_POST(ArmCtx *s, const ArmFields *f)
{
    return t32_dual(s, f, false, false);
}

/* ---- T16 ---- */

/* LDR (literal) T1: Align(PC, 4) + imm8 * 4. */
bool arm_trans_T16_LDR_LIT(ArmCtx *s, const ArmFields *f)
{
    LdstOp op = {.bytes = 4, .load = true, .rt = (int)F('t'),
                 .rn = ARM_REG_PC, .add = true, .index = true, .rm = -1,
                 .imm = F('i') * 4};
    return ldst_run(s, &op);
}

/* Load/store (register) T1: opB selects STR STRH STRB LDRSB LDR LDRH
 * LDRB LDRSH. */
bool arm_trans_T16_LDST_R(ArmCtx *s, const ArmFields *f)
{
    static const struct { uint8_t bytes, load, sign; } k[8] = {
        {4, 0, 0}, {2, 0, 0}, {1, 0, 0}, {1, 1, 1},
        {4, 1, 0}, {2, 1, 0}, {1, 1, 0}, {2, 1, 1},
    };
    unsigned o = F('o');
    LdstOp op = {.bytes = k[o].bytes, .load = k[o].load, .sign = k[o].sign,
                 .rt = (int)F('t'), .rn = (int)F('n'), .add = true,
                 .index = true, .rm = (int)F('m'), .stype = ARM_LSL};
    return ldst_run(s, &op);
}

/* Load/store (immediate) T1: imm5 scaled by the access size. */
static bool t16_imm5(ArmCtx *s, const ArmFields *f, int bytes)
{
    LdstOp op = {.bytes = bytes, .load = F('L'), .rt = (int)F('t'),
                 .rn = (int)F('n'), .add = true, .index = true, .rm = -1,
                 .imm = F('i') * (uint32_t)bytes};
    return ldst_run(s, &op);
}

bool arm_trans_T16_LDST_W(ArmCtx *s, const ArmFields *f)
{
    return t16_imm5(s, f, 4);
}

bool arm_trans_T16_LDST_B(ArmCtx *s, const ArmFields *f)
{
    return t16_imm5(s, f, 1);
}

bool arm_trans_T16_LDST_H(ArmCtx *s, const ArmFields *f)
{
    return t16_imm5(s, f, 2);
}

/* LDR/STR (SP-relative) T2: SP + imm8 * 4. */
bool arm_trans_T16_LDST_SP(ArmCtx *s, const ArmFields *f)
{
    LdstOp op = {.bytes = 4, .load = F('L'), .rt = (int)F('t'),
                 .rn = ARM_REG_SP, .add = true, .index = true, .rm = -1,
                 .imm = F('i') * 4};
    return ldst_run(s, &op);
}
