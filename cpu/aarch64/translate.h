/*
 * cpu/aarch64/translate.h - what every A64 translator file sees.
 *
 * Decoding is table-driven (cpu/aarch64/decode.c): each group file has a
 * .def table with one row per Arm ARM encoding,
 *     A64(NAME, "pattern")
 * where the 32-character pattern lists bits 31..0: '0'/'1' are fixed bits,
 * a letter names a field (bits with the same letter concatenate, MSB
 * first) and '-' is a don't-care bit.  Spaces are ignored.  The row's
 * handler is
 *     bool a64_trans_NAME(A64Ctx *s, const A64Fields *f);
 * and reads fields with F('n').  It returns false for an unallocated
 * encoding of that row (the decoder then raises SIGILL).  When several
 * rows match, the one with the most fixed bits wins.
 */
#ifndef EMU_CPU_AARCH64_TRANSLATE_H
#define EMU_CPU_AARCH64_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cpu/aarch64/cpu.h"
#include "tcg/ir.h"

typedef struct A64Ctx {
    IRBlock *b;
    uint64_t pc;     /* address of the current instruction */
    uint32_t insn;   /* its encoding */
    bool end;        /* set when the instruction ended the block */
} A64Ctx;

typedef struct A64Fields {
    uint32_t v[128];
} A64Fields;
#define F(c) (f->v[(unsigned char)(c)])

#define ENV_OFF(field) ((uint32_t)offsetof(A64State, field))
#define VREG_OFF(n) ((uint32_t)(offsetof(A64State, v) + 16 * (n)))

/* Register access.  sf=1: X register, sf=0: W register (reads give the
 * low 32 bits zero-extended; writes zero-extend).  Register 31 is XZR in
 * the plain forms and SP in the _sp forms. */
IRRef a64_reg(A64Ctx *s, int r, int sf);
IRRef a64_reg_sp(A64Ctx *s, int r, int sf);
void a64_set_reg(A64Ctx *s, int r, int sf, IRRef v);
void a64_set_reg_sp(A64Ctx *s, int r, int sf, IRRef v);

/* Ends the block with SIGILL at this instruction (and logs with -d unimp
 * when `unimp` is true: a valid encoding emu does not implement). */
bool a64_undef(A64Ctx *s, bool unimp);

/* Calls helper fn(env, insn, a, b, c) with the instruction's encoding as
 * the first argument; for instructions done in C (FP/SIMD, system). */
IRRef a64_call_insn(A64Ctx *s, void *fn, IRRef a, IRRef b, IRRef c);
/* The same for helpers that touch only vector registers, FPCR/FPSR and
 * memory (IR_CALL_NOGPR): cheaper, guest registers stay in host ones. */
IRRef a64_call_insn_v(A64Ctx *s, void *fn, IRRef a, IRRef b, IRRef c);

/* Decode one instruction into IR; returns false when nothing matched. */
bool a64_decode(A64Ctx *s, uint32_t insn);
/* Translate a block starting at pc into b. */
void a64_translate_block(IRBlock *b, uint64_t pc);

/* Declares the handlers of every table. */
#define A64(name, pat) bool a64_trans_##name(A64Ctx *s, const A64Fields *f);
#include "cpu/aarch64/a64-all.def"
#undef A64

/* Common immediates (cpu/aarch64/dp-imm.c). */
bool a64_decode_bitmask(int sf, unsigned n, unsigned imms, unsigned immr,
                        bool logical, uint64_t *wmask, uint64_t *tmask);

#endif
