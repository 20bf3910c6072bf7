/*
 * cpu/arm/arm-internal.h - shared between the files of the A32/T32
 * integer front end (translate.c, decode.c, dp*.c, branch.c, misc*.c):
 * the decoder entry, the engine hooks the IT and pc-writing handlers use,
 * and the operand helpers (shifter, flags) every data-processing form
 * shares.  Not part of the contract other groups code against
 * (cpu/arm/translate.h is).
 */
#ifndef EMU_CPU_ARM_ARM_INTERNAL_H
#define EMU_CPU_ARM_ARM_INTERNAL_H

#include <stdio.h>
#include "cpu/arm/translate.h"

/* Is a Thumb halfword the first half of a 32-bit encoding (bits 15:11
 * 11101, 11110 or 11111)? */
static inline bool arm_t16_is_32bit(uint16_t hw)
{
    return (hw >> 11) >= 0x1d;
}

/* Decodes s->insn (s->len, s->thumb set) into IR; false: no row. */
bool arm_decode(ArmCtx *s);
/* Reports decoder table bugs; returns their count (unit tests). */
int arm_decoder_check(FILE *out);

/* IT: sets the ITSTATE the next instruction starts with (the engine
 * otherwise advances it). */
void arm_set_next_itstate(ArmCtx *s, unsigned it);
/* The key of the instruction after this one (ITSTATE advanced). */
uint64_t arm_next_key(const ArmCtx *s);

/* -d in_asm of the guest code [start, end) (cpu/arm/disas.c). */
void arm_log_in_asm(uint32_t start, uint32_t end, bool thumb);

/* Shift types of the shifter (Arm ARM DecodeImmShift / DecodeRegShift). */
enum { ARM_LSL, ARM_LSR, ARM_ASR, ARM_ROR, ARM_RRX };

/* A shifter result: the value and, when asked for, its carry out (0/1
 * value; 0 = "C unchanged", i.e. the current C flag). */
typedef struct ArmOp2 {
    IRRef v;
    IRRef carry; /* 0: carry out = the C flag */
} ArmOp2;

/* Immediate-shifted register (imm5 as encoded: 0 means 32 for LSR/ASR
 * and RRX for ROR). */
ArmOp2 arm_shift_imm(ArmCtx *s, IRRef x, unsigned type, unsigned imm5,
                     bool want_carry);
/* Register-shifted register: amount = bits 7:0 of amt. */
ArmOp2 arm_shift_reg(ArmCtx *s, IRRef x, unsigned type, IRRef amt,
                     bool want_carry);
/* A32 modified immediate (rotate:imm8) and T32 ThumbExpandImm. */
ArmOp2 arm_expand_imm_a32(ArmCtx *s, uint32_t imm12, bool want_carry);
/* Returns false for an UNPREDICTABLE/reserved immediate. */
bool arm_expand_imm_t32(ArmCtx *s, uint32_t imm12, bool want_carry,
                        ArmOp2 *out);

/* N and Z from a 32-bit result, C from carry (0 = unchanged), V
 * unchanged: the flag rule of the logical ops, MUL(S), MOV(S). */
void arm_set_nz_c(ArmCtx *s, IRRef res, IRRef carry);
/* N and Z from a 64-bit result (UMULLS..), C and V unchanged. */
void arm_set_nz64(ArmCtx *s, IRRef res);

/* Data-processing operations (the A32 opcode numbering). */
enum {
    ARM_DP_AND, ARM_DP_EOR, ARM_DP_SUB, ARM_DP_RSB, ARM_DP_ADD, ARM_DP_ADC,
    ARM_DP_SBC, ARM_DP_RSC, ARM_DP_TST, ARM_DP_TEQ, ARM_DP_CMP, ARM_DP_CMN,
    ARM_DP_ORR, ARM_DP_MOV, ARM_DP_BIC, ARM_DP_MVN,
    ARM_DP_ORN = 16 /* T32 only */
};
/* The shared data-processing operation: rd = rn OP op2 (rd < 0: compare
 * forms, no result), flags when setflags.  rd 15 writes pc with
 * ALUWritePC.  Returns false for an UNPREDICTABLE form. */
bool arm_dp(ArmCtx *s, int op, bool setflags, int rd, IRRef rn, ArmOp2 op2);

#endif
