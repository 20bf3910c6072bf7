/*
 * cpu/arm/neon-internal.h - shared plumbing of the Advanced SIMD (NEON)
 * files cpu/arm/neon*.c.  Not a contract header: only those files and
 * tests/unit/test_arm_neon.c include it.
 *
 * Model: every NEON data-processing and element/structure load/store
 * instruction is executed by a C function over the whole encoding
 * (neon_exec_*), called from generated code (arm_call_insn_v) except for
 * the forms neon-trans.c turns into IR (VLD1/VST1, the logical and
 * immediate forms, VEXT, VDUP) or IR_VOPs.  Each exec function also
 * has a "dry" mode (env == NULL) in which it only decodes and answers
 * whether the encoding is allocated, so the translator raises SIGILL for
 * exactly the encodings the executor would reject: decode is written once.
 *
 * Encodings are handled in their A32 form: a T32 data-processing word
 * 111U 1111 xxxx... is the A32 word 1111 001U xxxx... and a T32
 * load/store word 1111 1001 xxx0... is A32 1111 0100 xxx0... (the low 24
 * bits agree), see neon_a32().
 *
 * Register file: D(n) is bytes [8n, 8n+8) of env->v (cpu/arm/cpu.h), so a
 * Q register and any run of consecutive D registers are contiguous bytes;
 * the helpers copy their operands out before writing (Vd may alias Vn/Vm)
 * and write results back as whole D registers.  Host and guest are
 * little-endian, so lane i of a D register is bytes [i*es, i*es+es).
 *
 * FP lanes use the Arm-exact element functions of the FP core with the
 * "standard FPSCR" that Advanced SIMD always uses (Arm ARM
 * StandardFPSCRValue: DN=1, FZ=1, round to nearest, AHP from FPSCR);
 * cumulative exception flags go to env->fpsr.  QC (saturation) is
 * env->fpsr bit 27 (SIMD_FPSR_QC).  The element helpers both front ends
 * need (saturation, shifts, lane access) are in cpu/simd-elem.h.
 */
#ifndef EMU_CPU_ARM_NEON_INTERNAL_H
#define EMU_CPU_ARM_NEON_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cpu/arm/cpu.h"
#include "cpu/fp-ops.h"
#include "cpu/simd-elem.h"

/* The A32 form of a NEON encoding (see above). */
static inline uint32_t neon_a32(uint32_t insn)
{
    if ((insn & 0xef000000u) == 0xef000000u) /* T32 111U 1111: DP */
        return 0xf2000000u | ((insn >> 4) & 0x01000000u) | (insn & 0x00ffffffu);
    if ((insn & 0xff000000u) == 0xf9000000u) /* T32 1111 1001: ld/st */
        return 0xf4000000u | (insn & 0x00ffffffu);
    return insn;
}

/* Register numbers of the usual D:Vd, N:Vn, M:Vm fields. */
#define NEON_VD(i) ((int)((((i) >> 18) & 0x10) | (((i) >> 12) & 0xf)))
#define NEON_VN(i) ((int)((((i) >> 3) & 0x10) | (((i) >> 16) & 0xf)))
#define NEON_VM(i) ((int)((((i) >> 1) & 0x10) | ((i) & 0xf)))
#define NEON_Q(i) ((int)(((i) >> 6) & 1))
#define NEON_U(i) ((int)(((i) >> 24) & 1))
#define NEON_SIZE(i) ((int)(((i) >> 20) & 3))

static inline uint8_t *neon_dreg(ArmState *env, int n)
{
    return (uint8_t *)env->v + 8 * n;
}

/* Copy `nregs` D registers starting at n out of / into the file. */
static inline void neon_read(ArmState *env, int n, int nregs, uint8_t *buf)
{
    /* registers past D31 read as zero (callers that need them reject the
     * encoding; this only keeps a fixed-size read inside the file) */
    int have = n + nregs > 32 ? 32 - n : nregs;
    memcpy(buf, neon_dreg(env, n), (size_t)(8 * have));
    if (have < nregs)
        memset(buf + 8 * have, 0, (size_t)(8 * (nregs - have)));
}
static inline void neon_write(ArmState *env, int n, int nregs,
                              const uint8_t *buf)
{
    memcpy(neon_dreg(env, n), buf, (size_t)(8 * nregs));
}

/* Sign-extension of the low `bits` bits, and the lane read as a signed or
 * unsigned integer of infinite precision. */
static inline int64_t neon_sext(uint64_t v, int bits)
{
    if (bits >= 64)
        return (int64_t)v;
    uint64_t m = 1ull << (bits - 1);
    v &= (m << 1) - 1;
    return (int64_t)((v ^ m) - m);
}
static inline __int128 neon_int(uint64_t v, int bits, bool is_unsigned)
{
    if (is_unsigned)
        return (__int128)(bits >= 64 ? v : v & ((1ull << bits) - 1));
    return (__int128)neon_sext(v, bits);
}

/* SignedSatQ / UnsignedSatQ to `bits` (cpu/simd-elem.h), QC in
 * env->fpsr. */
static inline uint64_t neon_sat(ArmState *env, __int128 v, int bits,
                                bool is_unsigned)
{
    return simd_sat(&env->fpsr, v, bits, is_unsigned);
}

/* Low `bits` bits set. */
static inline uint64_t neon_ones(int bits)
{
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

/* FP lanes: the standard FPSCR (see above); flags accumulate in
 * env->fpsr. */
static inline FPStatus neon_fpst(ArmState *env)
{
    FPStatus fs = {FPCR_DN | FPCR_FZ | (env->fpcr & FPCR_AHP), &env->fpsr};
    return fs;
}

/*
 * Executors.  Each takes the A32 form of the encoding; env == NULL is the
 * dry run (returns whether the encoding is allocated, touches nothing).
 * Otherwise it performs the instruction and returns true.
 */
bool neon_exec_3same(ArmState *env, uint32_t insn);   /* neon-3same.c */
bool neon_exec_3same_fp(ArmState *env, uint32_t insn);
bool neon_exec_shift(ArmState *env, uint32_t insn);   /* neon-2reg.c */
bool neon_exec_imm(ArmState *env, uint32_t insn);
bool neon_exec_2misc(ArmState *env, uint32_t insn);
bool neon_exec_perm(ArmState *env, uint32_t insn);    /* VEXT VTBL VDUP */
bool neon_exec_3diff(ArmState *env, uint32_t insn);   /* neon-3diff.c */
bool neon_exec_scalar(ArmState *env, uint32_t insn);
bool neon_exec_crypto(ArmState *env, uint32_t insn);  /* neon-crypto.c */
/* The crypto operation of an encoding of the crypto space (the 3-same
 * opc 1100 B=0 rows and the 2-misc AES/SHA rows): 0..3 SHA1C SHA1P SHA1M
 * SHA1SU0, 4..6 SHA256H SHA256H2 SHA256SU1, 8..11 AESE AESD AESMC
 * AESIMC, 12 SHA1H, 13 SHA1SU1, 14 SHA256SU0; -1 when unallocated. */
int neon_crypto_op(uint32_t insn);
/* AdvSIMDExpandImm: the 64-bit constant of the modified-immediate forms
 * (op, cmode, imm8 as encoded); false for a reserved combination. */
bool neon_expand_imm(int op, int cmode, uint8_t imm8, uint64_t *out);
/* VDUP (ARM core register): value is Rt. */
bool neon_exec_vdup_core(ArmState *env, uint32_t insn, uint32_t value);
/* A decoded element/structure load/store (neon-ldst.c). */
typedef struct NeonLdst {
    int kind;    /* 0 multiple, 1 single lane, 2 all lanes */
    int load;
    int nelem;   /* structure size: VLD1..VLD4 = 1..4 */
    int esz;     /* log2 element bytes */
    int regs;    /* multiple: registers per structure member;
                    all lanes: registers written per member (1 or 2) */
    int inc;     /* register spacing of structure members */
    int index;   /* single lane */
    int align;   /* bytes, 1 = no requirement */
    int rd;
} NeonLdst;
bool neon_ldst_decode(uint32_t insn, NeonLdst *d);
/* Element/structure load/store at guest address addr (neon-ldst.c);
 * neon_ldst_info gives the transfer size and the alignment the
 * encoding requires (1 = none) or returns false (UNDEF). */
bool neon_ldst_info(uint32_t insn, int *bytes, int *align);
void neon_exec_ldst(ArmState *env, uint32_t insn, uint32_t addr);

/* The whole data-processing space 1111 001x (A32 form): dispatches to
 * the executors above. */
bool neon_exec_dp(ArmState *env, uint32_t insn);

#endif
