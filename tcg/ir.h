/*
 * tcg/ir.h - the intermediate representation between guest front ends
 * (cpu/<guest>/) and the x86-64 back end (tcg/x86-*.c).
 *
 * A block is a linear array of IRInst.  A value is named by the index of
 * the instruction that defines it (IRRef); index 0 is a reserved "none"
 * slot, so IRRef 0 means "no value".  Blocks have one entry and no
 * internal labels: control leaves only through side exits (BR_*) and one
 * final exit (GOTO, GOTO_IND, EXIT) which is always the last instruction.
 *
 * Guest state lives in the env structure passed to generated code:
 *   - integer register i at env offset 8*i (GETREG/SETREG);
 *   - the NZCV flags are owned by the IR (ADDS.. write them, COND.. read
 *     them); their home in env is IR_ENV_NZCV as bits 31:28;
 *   - SIMD/FP register v at env offset IR_ENV_VREGS + 16*v (VLD/VST);
 *   - the guest pc at IR_ENV_PC, written by exits and before CALLs.
 * The env layout constants are set by the guest (cpu/<guest>/cpu.h) via
 * IRGuestInfo so the back end stays guest-neutral.
 *
 * Each instruction records pc_off, the offset of the guest instruction it
 * came from relative to the block start, so a fault in LD/ST/CAS/ATOMIC/
 * VLD/VST/CALL can be reported at the exact guest pc.
 *
 * Contract of CALL: the helper gets (env, a, b, c, d).  Before the call the
 * back end writes every guest register it caches and the NZCV flags to
 * env and stores the guest pc of the instruction to env->pc; after the call
 * it reloads them from env (the helper may read or write any guest state,
 * including NZCV, e.g. FCMP).  flags IR_CALL_PURE skips all that.
 *
 * Conditional regions (ARM conditional execution without leaving the
 * block): IF_FLAGS cond ... ENDIF runs the instructions between only if
 * the condition (A64/ARM code 0..13) holds on the guest NZCV at the IF.
 * Contract (the front end must follow it; the JIT refuses a block that
 * breaks it, which then runs in the interpreter, where a value used
 * against the third rule is undefined):
 *   - no nesting; every IF_FLAGS has its ENDIF before the final exit;
 *   - a region contains no final exit (GOTO, GOTO_IND, EXIT); side exits
 *     (BR_*, CHKALIGN), CALLs, VOPs, loads/stores, SETREG, STENV, flag
 *     writers (ADDS.., SETNZCV) are allowed;
 *   - a value defined inside a region is not used after its ENDIF (on the
 *     skipped path it has no value): the front end stores results to
 *     guest registers/env (SETREG, STENV) instead.  GETREG after the
 *     ENDIF sees whichever value the taken path left.
 * ir_if_flags with cond 14/15 (AL) emits nothing and so does its
 * ir_endif: the region is unconditional.
 */
#ifndef EMU_TCG_IR_H
#define EMU_TCG_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum IROp {
#define OP(name, nargs, res, pure) IR_##name,
#include "ir-ops.def"
#undef OP
    IR_NUM_OPS
} IROp;

typedef struct IROpInfo {
    const char *name;
    uint8_t nargs, has_result, pure;
} IROpInfo;
extern const IROpInfo ir_op_info[IR_NUM_OPS];

typedef uint32_t IRRef;

/* SETCC comparisons */
typedef enum IRCmp {
    IR_EQ, IR_NE, IR_LTU, IR_GEU, IR_GTU, IR_LEU, IR_LT, IR_GE, IR_GT, IR_LE
} IRCmp;

/* ATOMIC operations (A64 LSE names) */
typedef enum IRAtomic {
    IR_AT_ADD, IR_AT_CLR, IR_AT_EOR, IR_AT_SET,
    IR_AT_SMAX, IR_AT_SMIN, IR_AT_UMAX, IR_AT_UMIN, IR_AT_SWP
} IRAtomic;

/* EXIT kinds: why generated code returns to the cpu loop */
typedef enum IRExit {
    IR_EXIT_LOOKUP = 0, /* env->pc holds the next pc; look it up */
    IR_EXIT_SYSCALL,    /* env->pc = pc after SVC; syscall number in regs */
    IR_EXIT_UNDEF,      /* SIGILL at env->pc (unallocated/unimplemented) */
    IR_EXIT_BRK,        /* SIGTRAP at env->pc (BRK); imm of BRK in env->exc_info */
    IR_EXIT_YIELD,      /* env->pc = next pc; give other threads/signals a turn */
    IR_EXIT_HLT,        /* SIGILL-like debug halt */
    IR_EXIT_FETCH_FAULT, /* SIGSEGV at env->pc: it is not executable guest
                            memory, or (a CHKALIGN of this kind) the
                            instruction there faults as the guest kernel's
                            emulation of it does: SEGV_ACCERR, si_addr = pc */
    IR_EXIT_ALIGN,      /* SIGBUS BUS_ADRALN at env->pc (CHKALIGN): the
                           misaligned data address is at gi->env_fault_addr */
    IR_EXIT_PC_ALIGN,   /* SIGBUS BUS_ADRALN: env->pc itself is misaligned
                           (a branch to it completed; the fetch faults) */
} IRExit;

/* GOTO_IND hints for return-address prediction */
enum { IR_HINT_NONE = 0, IR_HINT_CALL = 1, IR_HINT_RET = 2 };

#define IR_LD_SIGNED 1
#define IR_CALL_PURE 1 /* flags: helper touches no guest state */
/* flags: helper touches no general register and not NZCV (only vector
 * registers, FPCR/FPSR, memory): the back end need not write back or
 * reload cached guest registers or flags around it; it still stores the
 * guest pc (the helper may fault on memory). */
#define IR_CALL_NOGPR 2

/*
 * VOP: one guest vector/FP instruction the back end may inline.  Its
 * semantics are those of its exact C helper (imm), called with the guest
 * encoding (imm2 bits 31:0) - that is what ir_interp does and what the
 * back end falls back to (host without AVX, or an FP operand or mode the
 * inline code does not handle).  The inline form is described by:
 *   flags  IRVKind
 *   size   IR_VS(esize_log2, q, scalar): element size B/H/S/D = 0..3,
 *          q = 128-bit operation (else 64-bit: bits 127:64 of Vd zeroed),
 *          scalar = element 0 only, rest of Vd zeroed
 *   a, b, c, d  register numbers (not values): Vd, Vn, Vm, and Va (FMADD
 *          family) or an immediate (USHLL shift)
 *   imm2   bits 47:32 env offset of the 32-bit FPCR, 63:48 of FPSR (Arm
 *          layout), used by the FP kinds' guard
 * Vector registers have no other home than env: the back end may keep
 * copies in host registers but keeps env current at every point.
 */
typedef enum IRVKind {
    IR_V_NONE,
    /* integer, lanes of esize */
    IR_V_ADD, IR_V_SUB, IR_V_MUL, IR_V_MLA, IR_V_MLS,
    IR_V_AND, IR_V_BIC, IR_V_ORR, IR_V_ORN, IR_V_EOR,
    IR_V_BSL, IR_V_BIT, IR_V_BIF,
    IR_V_CMEQ, IR_V_CMGT, IR_V_CMGE, IR_V_CMHI, IR_V_CMHS, IR_V_CMTST,
    IR_V_UMAX, IR_V_UMIN, IR_V_SMAX, IR_V_SMIN,
    IR_V_ADDP, IR_V_UMAXP, IR_V_UMINP, IR_V_SMAXP, IR_V_SMINP,
    IR_V_UZP1, IR_V_UZP2,
    /* widening, esize = the narrow element; q = the "2" form (upper half) */
    IR_V_UADDL, IR_V_SADDL, IR_V_USUBL, IR_V_SSUBL,
    IR_V_UADDW, IR_V_SADDW, IR_V_USUBW, IR_V_SSUBW,
    IR_V_USHLL, IR_V_SSHLL, /* d = shift */
    /* floating point, esize 2 (single) or 3 (double) */
    IR_V_FADD, IR_V_FSUB, IR_V_FMUL, IR_V_FDIV,
    IR_V_FMLA, IR_V_FMLS,                       /* Vd +/-= Vn * Vm, fused */
    IR_V_FMADD, IR_V_FMSUB, IR_V_FNMADD, IR_V_FNMSUB, /* scalar, Va = d */
    IR_V_FCMEQ, IR_V_FCMGE, IR_V_FCMGT,
    /* scalar FCMP/FCMPE of Vn with Vm, or with +0 if d = 1: the helper
     * writes the NZCV result to its env home (IRGuestInfo env_nzcv) and
     * the front end follows the VOP with SETNZCV(LDENV(env_nzcv)) so the
     * IR's flag tracking sees the write; a = unused */
    IR_V_FCMP,
    IR_V_FSQRT, /* scalar, Vd = sqrt(Vn) */
    /* AArch32 VMLA VMLS VNMLA VNMLS (IR_VS_SUB only): Vd = +-Vd +- P with
     * P = Vn * Vm rounded first (two roundings, not fused): VMLA Vd + P,
     * VMLS Vd - P, VNMLA -Vd - P, VNMLS -Vd + P */
    IR_V_VMLA, IR_V_VMLS, IR_V_VNMLA, IR_V_VNMLS,
    /* AArch32 VCMP/VCMPE (IR_VS_SUB only): Vn with Vm, or with +0 if bit
     * 0 of d is set; the NZCV result goes to bits 31:28 of the 32-bit
     * env word at offset d >> 1 (FPSCR.NZCV), the IR's flags untouched */
    IR_V_VCMP,
    /* AArch32 integer kinds (no A64 encoding emits them): shifts by
     * immediate d, lanes of esize: SHL by 0..esize-1, USHR and
     * SSHR by 1..esize (by esize: 0, or copies of the sign), USRA and
     * SSRA add that to Vd */
    IR_V_SHL, IR_V_USHR, IR_V_SSHR, IR_V_USRA, IR_V_SSRA,
    IR_V_MVN, /* Vd = ~Vn */
    /* IR_VS_DREG only: D(a) = the low halves of the lanes of Q register b
     * (esize = the narrow lane; AArch32 VMOVN) */
    IR_V_XTN,
    /* the Arm cryptographic extension, on whole Q registers (shape
     * IR_VS(2, 1, 0)); a = Vd (read and written), b = Vn, c = Vm as in
     * the A64 encodings (AArch32: Qd, Qn, Qm, or Qm for the two-register
     * forms).  AESE/AESD: Vd = SubBytes(ShiftRows(Vd ^ Vn)) (Inv for
     * AESD); AESMC/AESIMC: Vd = (Inv)MixColumns(Vn); SHA1C/P/M: four
     * rounds on Vd (abcd) with e = Vn.s[0] and W = Vm; SHA1H: Vd.s[0] =
     * ROL(Vn.s[0], 30), the rest 0; SHA1SU0, SHA1SU1 (Vd, Vn), SHA256H,
     * SHA256H2, SHA256SU0 (Vd, Vn), SHA256SU1: the Arm ARM's schedule and
     * hash functions.  PMULL64: Vd = the 128-bit carry-less product of
     * the 64-bit halves Vn.d[d & 1] and Vm.d[(d >> 4) & 1] */
    IR_V_AESE, IR_V_AESD, IR_V_AESMC, IR_V_AESIMC,
    IR_V_SHA1C, IR_V_SHA1P, IR_V_SHA1M, IR_V_SHA1H, IR_V_SHA1SU0,
    IR_V_SHA1SU1, IR_V_SHA256H, IR_V_SHA256H2, IR_V_SHA256SU0,
    IR_V_SHA256SU1, IR_V_PMULL64,
    /* widening multiply (like UADDL: esize = the narrow lane, q = upper
     * halves): Vd = Vn * Vm lane by lane at twice the width; B, H, S */
    IR_V_UMULL, IR_V_SMULL,
    /* AArch32 VREV16/32/64 (Q, or IR_VS_DREG): reverse the esize lanes
     * within each group of 2^d bytes (d = 1, 2, 3; esize < 2^d) */
    IR_V_REV,
    /* AArch32 VDUP (scalar) (Q, or IR_VS_DREG): every esize lane of Vd =
     * lane d of the D register b (b is a D register number in both
     * shapes) */
    IR_V_DUP,
    /* IR_VS_DREG only, like XTN (D(a) from Q register b, esize = the
     * narrow lane, B or H): saturating narrows, signed to signed, unsigned
     * to unsigned, signed to unsigned (AArch32 VQMOVN.S, VQMOVN.U,
     * VQMOVUN); a saturated lane sets QC (bit 27) of the FPSR word at
     * imm2 bits 63:48 */
    IR_V_SQXTN, IR_V_UQXTN, IR_V_SQXTUN,
    /* pairwise add long (Q, or IR_VS_DREG; esize = the narrow lane):
     * lane i of Vd = Vn[2i] + Vn[2i+1] at twice the width, zero- or
     * sign-extended; the ADALP forms add that to Vd (VPADDL, VPADAL) */
    IR_V_UADDLP, IR_V_SADDLP, IR_V_UADALP, IR_V_SADALP,
    /* AArch32 VTRN, VUZP, VZIP (Q, or IR_VS_DREG; B, H, S lanes): two
     * results, Vd (a) and Vm (b) both read and written; a != b */
    IR_V_TRN, IR_V_UZP, IR_V_ZIP,
    IR_V_NUM_KINDS
} IRVKind;
#define IR_VS(esz, q, scalar) ((uint8_t)((esz) | (q) << 2 | (scalar) << 3))
#define IR_VS_ESZ(size) ((size) & 3)
#define IR_VS_Q(size) (((size) >> 2) & 1)
#define IR_VS_SCALAR(size) (((size) >> 3) & 1)
/* Scalar FP on a sub-register (AArch32 VFP): a, b, c, d are S (esz 2) or
 * D (esz 3) register numbers, S(n) at byte 4n and D(n) at byte 8n of the
 * vector registers, and a write changes only those 4 or 8 bytes (the
 * rest of the Q register is kept, not zeroed).  Kinds FADD FSUB FMUL
 * FDIV FSQRT, the FMADD family and VMLA..VCMP only. */
#define IR_VS_SUBREG(esz) ((uint8_t)((esz) | 1 << 3 | 1 << 4))
#define IR_VS_SUB(size) (((size) >> 4) & 1)
/* Integer kinds on one AArch32 D register (IR_VS_SUB, not scalar, q = 0):
 * a, b, c are D register numbers, D(n) at byte 8n of the vector
 * registers; the operation is 64 bits wide and its write changes only
 * those 8 bytes (the other half of the Q register is kept).  The lane
 * kinds ADD..SMIN, the pairwise ones ADDP..SMINP, SHL..SSRA, MVN, XTN,
 * REV, DUP, SQXTN..SQXTUN, UADDLP..SADALP, TRN..ZIP. */
#define IR_VS_DREG(esz) ((uint8_t)((esz) | 1 << 4))
/* Or'ed into a vector (Q, or D with IR_VS_DREG) FP shape: the operation
 * runs under the Arm "standard FPSCR" (AArch32 Advanced SIMD: DN = 1,
 * FZ = 1, round to nearest) whatever FPCR holds, flags still accumulating
 * in FPSR.  Kinds FADD FSUB FMUL FMLA FMLS VMLA VMLS FCMEQ FCMGE FCMGT,
 * single precision. */
#define IR_VS_STD ((uint8_t)(1 << 5))
#define IR_VS_ISSTD(size) (((size) >> 5) & 1)

typedef struct IRInst {
    uint8_t op;      /* IROp */
    uint8_t size;    /* width in bytes, or access size; CALL: nargs */
    uint8_t flags;   /* op-specific (IR_CALL_PURE) */
    uint8_t dead;    /* set by passes: instruction removed */
    uint32_t pc_off; /* guest pc - block start pc */
    IRRef a, b, c, d;
    uint64_t imm, imm2;
} IRInst;

typedef struct IRGuestInfo {
    uint32_t env_pc;     /* offset of the 64-bit guest pc */
    uint32_t env_nzcv;   /* offset of the 32-bit NZCV word (bits 31:28) */
    uint32_t env_vregs;  /* offset of vreg 0 (16 bytes each) */
    uint32_t env_exit_request; /* 32-bit; nonzero: leave at next block entry */
    uint32_t env_fault_addr; /* 64-bit: data address of an IR_EXIT_ALIGN */
    uint32_t num_regs;   /* GETREG indices 0..num_regs-1 */
    uint64_t guest_base; /* host = guest_base + guest address */
    bool addr32;         /* guest addresses are 32-bit (zero-extend) */
} IRGuestInfo;

typedef struct IRBlock {
    IRInst *ins;
    uint32_t n, cap;
    uint64_t start_pc;
    uint64_t end_pc;        /* pc after the last guest instruction */
    uint32_t guest_insns;   /* number of guest instructions */
    uint32_t cur_pc_off;    /* pc_off stamped on new instructions */
    uint8_t in_region;      /* builders: 1 inside IF_FLAGS, 2 inside an
                               unconditional (AL) region, 0 outside */
    const IRGuestInfo *gi;
    /* Guest address range of the block's code, for invalidation; 0/0 =
     * [start_pc, end_pc).  Front ends whose block key is not a guest
     * address (ARM: pc | Thumb | ITSTATE << 32) set it. */
    uint64_t code_lo, code_hi;
} IRBlock;

void ir_block_init(IRBlock *b, const IRGuestInfo *gi, uint64_t pc);
void ir_block_free(IRBlock *b);
void ir_set_pc(IRBlock *b, uint64_t pc); /* sets cur_pc_off */

/* Raw emitter: returns the new instruction's index (its value). */
IRRef ir_emit(IRBlock *b, IROp op, int size, IRRef a, IRRef bb, IRRef c,
              uint64_t imm);
static inline IRInst *ir_at(IRBlock *b, IRRef r) { return &b->ins[r]; }

/* Builders.  They fold constants and trivial identities. */
IRRef ir_const(IRBlock *b, uint64_t v);
IRRef ir_getreg(IRBlock *b, int reg);
void ir_setreg(IRBlock *b, int reg, IRRef v);
IRRef ir_ldenv(IRBlock *b, int size, uint32_t off);
void ir_stenv(IRBlock *b, int size, uint32_t off, IRRef v);
IRRef ir_binop(IRBlock *b, IROp op, int size, IRRef x, IRRef y);
IRRef ir_unop(IRBlock *b, IROp op, int size, IRRef x);
static inline IRRef ir_add(IRBlock *b, int s, IRRef x, IRRef y) { return ir_binop(b, IR_ADD, s, x, y); }
static inline IRRef ir_sub(IRBlock *b, int s, IRRef x, IRRef y) { return ir_binop(b, IR_SUB, s, x, y); }
static inline IRRef ir_and(IRBlock *b, int s, IRRef x, IRRef y) { return ir_binop(b, IR_AND, s, x, y); }
static inline IRRef ir_or(IRBlock *b, int s, IRRef x, IRRef y) { return ir_binop(b, IR_OR, s, x, y); }
static inline IRRef ir_xor(IRBlock *b, int s, IRRef x, IRRef y) { return ir_binop(b, IR_XOR, s, x, y); }
static inline IRRef ir_shl(IRBlock *b, int s, IRRef x, IRRef y) { return ir_binop(b, IR_SHL, s, x, y); }
static inline IRRef ir_shr(IRBlock *b, int s, IRRef x, IRRef y) { return ir_binop(b, IR_SHR, s, x, y); }
static inline IRRef ir_sar(IRBlock *b, int s, IRRef x, IRRef y) { return ir_binop(b, IR_SAR, s, x, y); }
IRRef ir_addi(IRBlock *b, int size, IRRef x, uint64_t imm);
IRRef ir_andi(IRBlock *b, int size, IRRef x, uint64_t imm);
IRRef ir_shli(IRBlock *b, int size, IRRef x, unsigned n);
IRRef ir_shri(IRBlock *b, int size, IRRef x, unsigned n);
IRRef ir_sari(IRBlock *b, int size, IRRef x, unsigned n);
IRRef ir_zext(IRBlock *b, int from_bytes, IRRef x);          /* to 64 */
IRRef ir_sext(IRBlock *b, int size, int from_bytes, IRRef x); /* to size */
IRRef ir_trunc32(IRBlock *b, IRRef x); /* zero-extend low 32 bits */
IRRef ir_setcc(IRBlock *b, IRCmp c, int size, IRRef x, IRRef y);
IRRef ir_sel(IRBlock *b, IRRef c, IRRef x, IRRef y);
IRRef ir_extr(IRBlock *b, int size, IRRef hi, IRRef lo, unsigned n);
IRRef ir_flags_op(IRBlock *b, IROp op, int size, IRRef x, IRRef y); /* ADDS.. */
IRRef ir_logics(IRBlock *b, int size, IRRef x);
IRRef ir_cond(IRBlock *b, unsigned cond);
IRRef ir_csel(IRBlock *b, unsigned cond, int size, IRRef x, IRRef y);
IRRef ir_getnzcv(IRBlock *b);
void ir_setnzcv(IRBlock *b, IRRef v);
/* N, Z from v (width size); C unchanged, or bit 0 of c; V unchanged. */
void ir_setnz(IRBlock *b, int size, IRRef v);
void ir_setnzc(IRBlock *b, int size, IRRef v, IRRef c);
IRRef ir_ld(IRBlock *b, int size, bool sign, IRRef addr);
void ir_st(IRBlock *b, int size, IRRef addr, IRRef v);
void ir_vld(IRBlock *b, int size, int vreg, IRRef addr);
void ir_vst(IRBlock *b, int size, int vreg, IRRef addr);
IRRef ir_cas(IRBlock *b, int size, IRRef addr, IRRef expect, IRRef nv);
IRRef ir_atomic(IRBlock *b, IRAtomic op, int size, IRRef addr, IRRef v);
void ir_fence(IRBlock *b);
/* CHKALIGN: SIGBUS unless addr is a multiple of bytes (a power of two). */
void ir_chkalign(IRBlock *b, IRRef addr, unsigned bytes);
/* The same check leaving with another exit kind (imm2 of the CHKALIGN):
 * IR_EXIT_FETCH_FAULT for a guest kernel that answers a misaligned
 * emulated access with SIGSEGV at the instruction (ARM SWP). */
void ir_chkalign_exit(IRBlock *b, IRRef addr, unsigned bytes, IRExit kind);
typedef uint64_t (*IRHelper)(void *env, uint64_t a, uint64_t b, uint64_t c,
                             uint64_t d);
IRRef ir_call(IRBlock *b, void *fn, int flags, int nargs, IRRef a, IRRef bb,
              IRRef c, IRRef d);
/* VOP (see IRVKind): fn is the exact helper, insn its argument. */
void ir_vop(IRBlock *b, IRVKind kind, uint8_t shape, int vd, int vn, int vm,
            int va, void *fn, uint32_t insn, uint32_t fpcr_off,
            uint32_t fpsr_off);
void ir_br_flags(IRBlock *b, unsigned cond, uint64_t target);
void ir_br_nz(IRBlock *b, IRRef v, uint64_t target);
void ir_br_z(IRBlock *b, IRRef v, uint64_t target);
void ir_goto(IRBlock *b, uint64_t target);
void ir_goto_ind(IRBlock *b, IRRef v, int hint);
void ir_exit(IRBlock *b, IRExit kind, uint64_t pc);
/* Conditional region (see the contract at the top of this file). */
void ir_if_flags(IRBlock *b, unsigned cond);
void ir_endif(IRBlock *b);

/* Run-time semantics of the pure integer ops (ADD..EXTR), shared by the
 * builders' constant folding and the interpreter. */
uint64_t ir_eval_pure(IROp op, int size, uint64_t x, uint64_t y, uint64_t z,
                      uint64_t imm);

/* Is r a constant?  If so *v gets its value. */
bool ir_is_const(IRBlock *b, IRRef r, uint64_t *v);

/* Evaluate an A64 condition code against NZCV in bits 31:28. */
bool ir_cond_holds(uint32_t nzcv, unsigned cond);

/* Passes (tcg/ir-opt.c): dead code and dead flags elimination. */
void ir_optimize(IRBlock *b);

/* Debug dump (-d op). */
void ir_dump(IRBlock *b, void *file);

/* Reference interpreter (tcg/ir-interp.c): runs the block on env, returns
 * the IRExit kind (IR_EXIT_LOOKUP for GOTO/GOTO_IND/BR_* taken).  env->pc
 * (at gi->env_pc) holds the next guest pc. */
int ir_interp(IRBlock *b, void *env);

#endif
