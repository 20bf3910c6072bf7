/*
 * cpu/arm/translate.h - what every A32/T32 translator file sees.
 *
 * Decoding is table-driven, as for A64.  Each group file has a .def table
 * (listed in cpu/arm/arm-all.def) with one row per Arm ARM encoding:
 *     A32(NAME, "pattern")    32 characters, bits 31..0 of an ARM word
 *     T32(NAME, "pattern")    32 characters: first halfword in bits 31..16,
 *                             second in 15..0 (a 32-bit Thumb-2 encoding)
 *     T16(NAME, "pattern")    16 characters: a 16-bit Thumb encoding
 * '0'/'1' are fixed bits, a letter names a field (bits with the same
 * letter concatenate, MSB first), '-' is a don't-care bit; spaces are
 * ignored.  The row's handler is
 *     bool arm_trans_NAME(ArmCtx *s, const ArmFields *f);
 * and reads fields with F('n').  It returns false for an unallocated
 * encoding of that row (the decoder then raises SIGILL).  When several rows
 * match, the one with the most fixed bits wins.  A32 and T32 rows of one
 * operation call one shared function with the decoded operands (the Arm
 * ARM's "shared decode"), so the semantics are written once.
 *
 * Conditional execution.  An A32 row leaves bits 31:28 as '-' (cond) for
 * conditional instructions; cond 1111 never matches such a row (it is the
 * unconditional space, whose rows fix 1111).  In Thumb, the IT state gives
 * each instruction its condition.  The engine (translate.c) makes every
 * handler run conditionally on s->cond: handlers are written as if the
 * instruction always executes, and the engine brackets them in an IR
 * conditional region (IF_FLAGS/ENDIF) when s->cond is not AL.  The pc
 * writers below work inside such a region.  Handlers never test s->cond
 * themselves, except B<cond>/CBZ-style branches that turn it into a side
 * exit (they call arm_take_cond()).
 *
 * Registers are 4-byte IR values (zero-extended in their 64-bit slots);
 * guest addresses are 4-byte values too, so 32-bit address arithmetic wraps
 * by construction and LD/ST see a zero-extended address.
 */
#ifndef EMU_CPU_ARM_TRANSLATE_H
#define EMU_CPU_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cpu/arm/cpu.h"
#include "tcg/ir.h"

enum { ARM_COND_AL = 14 };

typedef struct ArmCtx {
    IRBlock *b;
    uint32_t pc;       /* address of the current instruction */
    uint32_t insn;     /* A32 word; T32: first halfword << 16 | second;
                          T16: the halfword */
    uint8_t len;       /* 2 or 4 bytes */
    bool thumb;        /* T32/T16 (else A32) */
    uint8_t cond;      /* this instruction's condition; ARM_COND_AL = always */
    uint8_t itstate;   /* ITSTATE before this instruction (0: not in IT) */
    bool in_it;        /* inside an IT block: T16 data-processing forms do
                          not set flags; branches other than the last
                          instruction are UNPREDICTABLE */
    bool end;          /* set when the instruction ended the block */
    bool cond_taken;   /* the handler consumed s->cond itself */
    bool pc_written;   /* engine bookkeeping for pc writes in a region */
} ArmCtx;

typedef struct ArmFields {
    uint32_t v[128];
} ArmFields;
#define F(c) (f->v[(unsigned char)(c)])

#define ARM_ENV_OFF(field) ((uint32_t)offsetof(ArmState, field))
/* D register n (0..31) and S register n (0..31) in env. */
#define ARM_DREG_OFF(n) ((uint32_t)(offsetof(ArmState, v) + 8 * (n)))
#define ARM_SREG_OFF(n) ((uint32_t)(offsetof(ArmState, v) + 4 * (n)))

/* The value of pc as an operand: the instruction's address + 8 (A32) or
 * + 4 (Thumb).  arm_pc_align4 is Align(PC, 4) (literal loads, ADR). */
uint32_t arm_pc_value(const ArmCtx *s);
static inline uint32_t arm_pc_align4(const ArmCtx *s)
{
    return arm_pc_value(s) & ~3u;
}

/* Register read: r 0..14 from the register file, 15 the constant pc
 * value above. */
IRRef arm_reg(ArmCtx *s, int r);
/* Register write, r 0..14 (v is truncated to 32 bits).  A write to pc must
 * use one of the pc writers. */
void arm_set_reg(ArmCtx *s, int r, IRRef v);

/* Writes to pc; each ends the block (s->end) after the current
 * instruction.  The Arm ARM's pseudocode names:
 *   BXWritePC:     bit 0 selects Thumb (1) or ARM (0; bit 1 must be 0)
 *   LoadWritePC:   = BXWritePC (ARMv5T and later): LDR/LDM/POP into pc
 *   ALUWritePC:    = BXWritePC in ARM state, BranchWritePC in Thumb
 *   BranchWritePC: stays in the current state (clears bit 0 in Thumb,
 *                  bits 1:0 in ARM)
 * `hint` is IR_HINT_CALL / IR_HINT_RET / IR_HINT_NONE for the indirect
 * branch predictor.  arm_branch_to is a constant target (B, BL, BLX imm)
 * in the given state. */
void arm_bx_write_pc(ArmCtx *s, IRRef v, int hint);
void arm_load_write_pc(ArmCtx *s, IRRef v, int hint);
void arm_alu_write_pc(ArmCtx *s, IRRef v);
void arm_branch_write_pc(ArmCtx *s, IRRef v);
void arm_branch_to(ArmCtx *s, uint32_t target, bool thumb);

/* For B<cond>-like rows: returns the condition and tells the engine that
 * the handler deals with it (no conditional region is opened). */
unsigned arm_take_cond(ArmCtx *s);

/* Ends the block with SIGILL at this instruction (and logs with -d unimp
 * when `unimp` is true: a valid encoding emu does not implement).  Always
 * returns true (the row matched). */
bool arm_undef(ArmCtx *s, bool unimp);

/* Calls helper fn(env, insn, a, b, c) with the instruction's encoding (as
 * in ArmCtx.insn) as the first argument; for instructions done in C.  The
 * _v form is IR_CALL_NOGPR: the helper touches only vector registers,
 * fpcr/fpsr/fpscr_nzcv, q and memory. */
IRRef arm_call_insn(ArmCtx *s, void *fn, IRRef a, IRRef b, IRRef c);
IRRef arm_call_insn_v(ArmCtx *s, void *fn, IRRef a, IRRef b, IRRef c);

/* Translate a block whose key (cpu/arm/cpu.h) is `key` into b: the
 * tcg front end of emu-arm. */
void arm_translate_block(IRBlock *b, uint64_t key);

/* Name of the row that decodes an encoding (thumb: T16 when insn < 0x10000
 * and is a 16-bit encoding, else T32), or NULL; for -d unimp and tests. */
const char *arm_decode_name(uint32_t insn, bool thumb);

/* Declares the handlers of every table. */
#define A32(name, pat) bool arm_trans_##name(ArmCtx *s, const ArmFields *f);
#define T32(name, pat) bool arm_trans_##name(ArmCtx *s, const ArmFields *f);
#define T16(name, pat) bool arm_trans_##name(ArmCtx *s, const ArmFields *f);
#include "cpu/arm/arm-all.def"
#undef A32
#undef T32
#undef T16

#endif
