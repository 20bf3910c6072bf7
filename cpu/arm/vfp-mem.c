/*
 * cpu/arm/vfp-mem.c - VFP register transfers and memory (rows in
 * cpu/arm/vfp.def): VMOV between core registers and S/D registers or
 * scalars, VMRS/VMSR, VLDR/VSTR, VLDM/VSTM (VPUSH/VPOP).  All of it is
 * plain IR (LDENV/STENV on the register file, LD/ST on guest memory): no
 * helper call.
 *
 * Rules from the Arm ARM that matter here:
 *  - only FPSCR is accessible from user mode (PL0): VMRS/VMSR of FPSID,
 *    MVFR*, FPEXC are UNDEFINED; VMRS APSR_nzcv, FPSCR (Rt = 15) copies
 *    FPSCR.NZCV to APSR;
 *  - VMSR ignores FPSCR.Len/Stride and the trap enables (see
 *    cpu/arm/vfp-internal.h), so they read back as zero;
 *  - VLDR/VSTR/VLDM/VSTM are MemA accesses: a word-unaligned address is
 *    an alignment fault whatever SCTLR.A says (SIGBUS BUS_ADRALN; Linux's
 *    alignment fixup does not emulate coprocessor transfers);
 *  - VLDR literal uses Align(PC, 4); the FLDMX/FSTMX form (double
 *    registers, odd imm8) moves imm8/2 registers but advances the address
 *    by imm8 words;
 *  - UNPREDICTABLE forms (Rt = pc for moves, bad register lists, pc as a
 *    written-back base) are treated as UNDEFINED (SIGILL).
 */
#include "cpu/arm/translate.h"

#include "cpu/arm/vfp-internal.h"
#include "tcg/ir.h"

/* ---- VMOV core <-> S (l: to core) ---- */
bool arm_trans_VFP_VMOV_CS(ArmCtx *s, const ArmFields *f)
{
    int t = (int)F('t'), n = VFP_VN_S(s->insn);
    if (t == 15 || (s->thumb && t == 13))
        return false;
    if (F('l'))
        arm_set_reg(s, t, ir_ldenv(s->b, 4, ARM_SREG_OFF(n)));
    else
        ir_stenv(s->b, 4, ARM_SREG_OFF(n), arm_reg(s, t));
    return true;
}

/* ---- VMRS / VMSR (reg 0001 = FPSCR) ---- */
bool arm_trans_VFP_VMRS(ArmCtx *s, const ArmFields *f)
{
    IRBlock *b = s->b;
    int t = (int)F('t');
    if (F('r') != 1 || (s->thumb && t == 13))
        return false;
    IRRef nzcv = ir_ldenv(b, 4, ARM_ENV_OFF(fpscr_nzcv));
    if (t == 15) { /* VMRS APSR_nzcv, FPSCR */
        ir_setnzcv(b, nzcv);
        return true;
    }
    IRRef v = ir_or(b, 4, nzcv, ir_ldenv(b, 4, ARM_ENV_OFF(fpcr)));
    arm_set_reg(s, t, ir_or(b, 4, v, ir_ldenv(b, 4, ARM_ENV_OFF(fpsr))));
    return true;
}

bool arm_trans_VFP_VMSR(ArmCtx *s, const ArmFields *f)
{
    IRBlock *b = s->b;
    int t = (int)F('t');
    if (F('r') != 1 || t == 15 || (s->thumb && t == 13))
        return false;
    IRRef v = arm_reg(s, t);
    ir_stenv(b, 4, ARM_ENV_OFF(fpscr_nzcv), ir_andi(b, 4, v, VFP_FPSCR_NZCV));
    ir_stenv(b, 4, ARM_ENV_OFF(fpcr), ir_andi(b, 4, v, VFP_FPSCR_CTRL));
    ir_stenv(b, 4, ARM_ENV_OFF(fpsr), ir_andi(b, 4, v, VFP_FPSCR_FLAGS));
    return true;
}

/* ---- VMOV core <-> scalar Dn[x] ----
 * o = opc1:opc2 (bits 22,21,6,5): 1xxx byte x = o<2:0>; 0xx1 halfword
 * x = o<2:1>; 0x00 word x = o<2>; 0x10 UNDEFINED.  Returns the byte
 * offset of the element in env, its size in *esize, or 0. */
static uint32_t scalar_off(uint32_t insn, unsigned o, int *esize)
{
    int dreg = VFP_VN_D(insn); /* N:Vn and D:Vd sit in the same bits */
    unsigned index;
    if (o & 8) {
        *esize = 1, index = o & 7;
    } else if (o & 1) {
        *esize = 2, index = (o >> 1) & 3;
    } else if (!(o & 2)) {
        *esize = 4, index = (o >> 2) & 1;
    } else {
        return 0;
    }
    return ARM_DREG_OFF(dreg) + index * (unsigned)*esize;
}

bool arm_trans_VFP_VMOV_TOSC(ArmCtx *s, const ArmFields *f)
{
    int t = (int)F('t'), esize;
    uint32_t off = scalar_off(s->insn, F('o'), &esize);
    if (!off || t == 15 || (s->thumb && t == 13))
        return false;
    ir_stenv(s->b, esize, off, arm_reg(s, t));
    return true;
}

bool arm_trans_VFP_VMOV_FRSC(ArmCtx *s, const ArmFields *f)
{
    int t = (int)F('t'), esize;
    uint32_t off = scalar_off(s->insn, F('o'), &esize);
    bool uns = F('u');
    if (!off || t == 15 || (s->thumb && t == 13) || (uns && esize == 4))
        return false;
    IRRef v = ir_ldenv(s->b, esize, off);
    v = uns ? ir_zext(s->b, esize, v) : ir_sext(s->b, 4, esize, v);
    arm_set_reg(s, t, v);
    return true;
}

/* ---- VMOV two core registers <-> two S (Sm, Sm+1) / one D ---- */
static bool vmov_2c(ArmCtx *s, const ArmFields *f, uint32_t off, bool bad)
{
    int t = (int)F('t'), t2 = (int)F('u');
    bool to_core = F('l');
    if (bad || t == 15 || t2 == 15 || (to_core && t == t2) ||
        (s->thumb && (t == 13 || t2 == 13)))
        return false;
    if (to_core) {
        IRRef lo = ir_ldenv(s->b, 4, off), hi = ir_ldenv(s->b, 4, off + 4);
        arm_set_reg(s, t, lo);
        arm_set_reg(s, t2, hi);
    } else {
        ir_stenv(s->b, 4, off, arm_reg(s, t));
        ir_stenv(s->b, 4, off + 4, arm_reg(s, t2));
    }
    return true;
}

bool arm_trans_VFP_VMOV_2CS(ArmCtx *s, const ArmFields *f)
{
    int m = VFP_VM_S(s->insn);
    return vmov_2c(s, f, ARM_SREG_OFF(m), m == 31);
}

bool arm_trans_VFP_VMOV_2CD(ArmCtx *s, const ArmFields *f)
{
    return vmov_2c(s, f, ARM_DREG_OFF(VFP_VM_D(s->insn)), false);
}

/* ---- loads and stores ---- */

/* Moves register n (S or D by dp) from/to guest address addr. */
static void xfer(ArmCtx *s, bool load, bool dp, int reg, IRRef addr)
{
    int size = dp ? 8 : 4;
    uint32_t off = dp ? ARM_DREG_OFF(reg) : ARM_SREG_OFF(reg);
    if (load)
        ir_stenv(s->b, size, off, ir_ld(s->b, size, false, addr));
    else
        ir_st(s->b, size, addr, ir_ldenv(s->b, size, off));
}

bool arm_trans_VFP_VLDR(ArmCtx *s, const ArmFields *f)
{
    IRBlock *b = s->b;
    int n = (int)F('n');
    bool dp = F('s');
    uint32_t imm = F('i') << 2;
    IRRef base = n == 15 ? ir_const(b, arm_pc_align4(s)) : arm_reg(s, n);
    IRRef addr = ir_addi(b, 4, base, F('u') ? imm : (uint32_t)-imm);
    ir_chkalign(b, addr, 4);
    xfer(s, F('l'), dp, dp ? VFP_VD_D(s->insn) : VFP_VD_S(s->insn), addr);
    return true;
}

bool arm_trans_VFP_VLDM(ArmCtx *s, const ArmFields *f)
{
    IRBlock *b = s->b;
    unsigned puw = F('p') << 2 | F('u') << 1 | F('w');
    int n = (int)F('n');
    bool dp = F('s'), wback = puw & 1, load = F('l');
    uint32_t imm8 = F('i'), imm = imm8 << 2;
    int d = dp ? VFP_VD_D(s->insn) : VFP_VD_S(s->insn);
    int regs = dp ? (int)imm8 / 2 : (int)imm8;
    /* IA, IA!, DB! only (P=1 W=0 is VLDR, P=0 U=0 W=0 the 64-bit moves) */
    if (puw != 2 && puw != 3 && puw != 5)
        return false;
    if (regs == 0 || d + regs > 32 || (dp && regs > 16))
        return false;
    if (n == 15 && (wback || s->thumb))
        return false;
    IRRef base = arm_reg(s, n);
    IRRef addr = puw == 5 ? ir_addi(b, 4, base, (uint32_t)-imm) : base;
    ir_chkalign(b, addr, 4);
    for (int k = 0; k < regs; k++)
        xfer(s, load, dp, d + k,
             k ? ir_addi(b, 4, addr, (uint32_t)(k * (dp ? 8 : 4))) : addr);
    if (wback)
        arm_set_reg(s, n, puw == 5 ? addr : ir_addi(b, 4, base, imm));
    return true;
}
