/*
 * tcg/x86-emit.h - the x86-64 assembler: the ONLY code in emu that writes
 * host machine-code bytes.  Small named encoders in the LuaJIT style; each
 * one is checked against capstone in tests/unit/test_x86_emit.c.
 *
 * Conventions:
 *  - registers are numbered as in the encoding (RAX=0 .. R15=15);
 *  - `w` selects the operand size in bytes (1, 2, 4, 8) where an encoder
 *    takes one; 4-byte forms zero-extend into the 64-bit register, which
 *    is what the IR's 4-byte ops need;
 *  - a memory operand is X86Mem {base, index, scale, disp}; base X86_NOREG
 *    with index X86_NOREG is an absolute [disp32], base X86_RIP is
 *    RIP-relative (disp is then relative to the end of the instruction and
 *    is patched by the caller if needed); a32 set adds the address-size
 *    override (0x67): the address is computed in 32 bits and zero-extended
 *    (32-bit guests: wraparound at 2^32; [disp32] is then zero-extended);
 *  - encoders never check for buffer overflow: the caller reserves room
 *    (X86_MAX_INSN bytes per instruction) before emitting.
 */
#ifndef EMU_TCG_X86_EMIT_H
#define EMU_TCG_X86_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NOREG = -1, X86_RIP = -2,
};

#define X86_MAX_INSN 16

/* Condition codes (the low nibble of Jcc/SETcc/CMOVcc). */
typedef enum X86Cond {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE, X86_CC_BE,
    X86_CC_A, X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP, X86_CC_L, X86_CC_GE,
    X86_CC_LE, X86_CC_G,
} X86Cond;

/* Group-1 ALU ops: the /digit of 0x81 and the opcode base of the rr form. */
typedef enum X86Alu {
    X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR, X86_CMP
} X86Alu;

/* Group-2 shifts: the /digit of 0xC1/0xD3. */
typedef enum X86Shift {
    X86_ROL, X86_ROR, X86_RCL, X86_RCR, X86_SHL, X86_SHR, X86_SAL, X86_SAR
} X86Shift;

/* Group-3 unary ops: the /digit of 0xF7. */
typedef enum X86Unary {
    X86_NOT = 2, X86_NEG, X86_MUL, X86_IMUL1, X86_DIV, X86_IDIV
} X86Unary;

typedef struct X86Mem {
    int8_t base, index;
    uint8_t scale; /* 1, 2, 4, 8 */
    int32_t disp;
    uint8_t a32;   /* 0x67: 32-bit address arithmetic, zero-extended */
} X86Mem;

typedef struct XE {
    uint8_t *p;
} XE;

static inline X86Mem x86_mem(int base, int32_t disp)
{
    return (X86Mem){(int8_t)base, X86_NOREG, 1, disp};
}
static inline X86Mem x86_mem_idx(int base, int index, int scale, int32_t disp)
{
    return (X86Mem){(int8_t)base, (int8_t)index, (uint8_t)scale, disp};
}

static inline void x86_b(XE *e, uint8_t v) { *e->p++ = v; }
static inline void x86_d32(XE *e, uint32_t v) { memcpy(e->p, &v, 4); e->p += 4; }
static inline void x86_d64(XE *e, uint64_t v) { memcpy(e->p, &v, 8); e->p += 8; }
static inline bool x86_is_s8(int64_t v) { return v >= -128 && v <= 127; }
static inline bool x86_is_s32(int64_t v) { return v == (int32_t)v; }

/* Legacy prefix (0x66 for 16-bit) and REX.  `breg` marks registers used as
 * 8-bit operands: SPL/BPL/SIL/DIL need an (empty) REX to not mean AH..BH. */
static inline void x86_pfx(XE *e, int w, int r, int x, int b, bool byte_rm,
                              bool byte_reg)
{
    if (w == 2)
        x86_b(e, 0x66);
    uint8_t rex = (uint8_t)((w == 8 ? 8 : 0) | ((r >> 3) & 1) << 2 |
                            ((x >> 3) & 1) << 1 | ((b >> 3) & 1));
    bool need = rex || (byte_rm && b >= 4 && b < 8) ||
                (byte_reg && r >= 4 && r < 8);
    if (need)
        x86_b(e, 0x40 | rex);
}

static inline void x86_opc(XE *e, uint32_t opc)
{
    if (opc > 0xffff)
        x86_b(e, (uint8_t)(opc >> 16));
    if (opc > 0xff)
        x86_b(e, (uint8_t)(opc >> 8));
    x86_b(e, (uint8_t)opc);
}

/* ModRM (+SIB +disp) for a memory operand; `r` is the reg field. */
static inline void x86_modrm_mem(XE *e, int r, X86Mem m)
{
    r &= 7;
    if (m.base == X86_RIP) {
        x86_b(e, (uint8_t)(r << 3 | 5));
        x86_d32(e, (uint32_t)m.disp);
        return;
    }
    int ss = m.scale == 8 ? 3 : m.scale == 4 ? 2 : m.scale == 2 ? 1 : 0;
    if (m.base == X86_NOREG) {
        /* [index*scale + disp32] or absolute [disp32] via SIB base=101 */
        x86_b(e, (uint8_t)(r << 3 | 4));
        int idx = m.index == X86_NOREG ? 4 : (m.index & 7);
        x86_b(e, (uint8_t)(ss << 6 | idx << 3 | 5));
        x86_d32(e, (uint32_t)m.disp);
        return;
    }
    int mod = m.disp == 0 && (m.base & 7) != 5 ? 0 : x86_is_s8(m.disp) ? 1 : 2;
    if (m.index != X86_NOREG || (m.base & 7) == 4) {
        int idx = m.index == X86_NOREG ? 4 : (m.index & 7);
        x86_b(e, (uint8_t)(mod << 6 | r << 3 | 4));
        x86_b(e, (uint8_t)(ss << 6 | idx << 3 | (m.base & 7)));
    } else {
        x86_b(e, (uint8_t)(mod << 6 | r << 3 | (m.base & 7)));
    }
    if (mod == 1)
        x86_b(e, (uint8_t)m.disp);
    else if (mod == 2)
        x86_d32(e, (uint32_t)m.disp);
}

static inline int x86_mem_x(X86Mem m) { return m.index == X86_NOREG ? 0 : m.index; }
static inline int x86_mem_b(X86Mem m) { return m.base < 0 ? 0 : m.base; }

/* Generic forms: opcode with reg field r and register rm / memory rm. */
static inline void x86_op_rr(XE *e, uint32_t opc, int w, int r, int rm)
{
    x86_pfx(e, w, r, 0, rm, w == 1, w == 1);
    x86_opc(e, opc);
    x86_b(e, (uint8_t)(0xc0 | (r & 7) << 3 | (rm & 7)));
}
static inline void x86_op_rm(XE *e, uint32_t opc, int w, int r, X86Mem m)
{
    if (m.a32) /* legacy prefixes go in any order before REX */
        x86_b(e, 0x67);
    x86_pfx(e, w, r, x86_mem_x(m), x86_mem_b(m), false, w == 1);
    x86_opc(e, opc);
    x86_modrm_mem(e, r, m);
}

/* ---- moves ---- */
static inline void x86_mov_rr(XE *e, int w, int dst, int src)
{
    x86_op_rr(e, 0x89, w == 8 ? 8 : 4, src, dst);
}
/* Load w bytes (1/2 zero-extend to 32 -> 64 bits; 4 zero-extends). */
static inline void x86_load(XE *e, int w, int dst, X86Mem m)
{
    if (w == 1)
        x86_op_rm(e, 0x0fb6, 4, dst, m);
    else if (w == 2)
        x86_op_rm(e, 0x0fb7, 4, dst, m);
    else
        x86_op_rm(e, 0x8b, w, dst, m);
}
/* Sign-extending load of w bytes to `to` (4 or 8) bytes. */
static inline void x86_loads(XE *e, int w, int to, int dst, X86Mem m)
{
    if (w == 1)
        x86_op_rm(e, 0x0fbe, to, dst, m);
    else if (w == 2)
        x86_op_rm(e, 0x0fbf, to, dst, m);
    else if (w == 4 && to == 8)
        x86_op_rm(e, 0x63, 8, dst, m);
    else
        x86_op_rm(e, 0x8b, w, dst, m);
}
static inline void x86_store(XE *e, int w, X86Mem m, int src)
{
    x86_op_rm(e, w == 1 ? 0x88 : 0x89, w, src, m);
}
/* mov [m], simm32 (w = 1/2/4/8; 8 sign-extends imm). */
static inline void x86_store_imm(XE *e, int w, X86Mem m, int32_t imm)
{
    x86_op_rm(e, w == 1 ? 0xc6 : 0xc7, w, 0, m);
    if (w == 1)
        x86_b(e, (uint8_t)imm);
    else if (w == 2) {
        x86_b(e, (uint8_t)imm);
        x86_b(e, (uint8_t)(imm >> 8));
    } else
        x86_d32(e, (uint32_t)imm);
}
/* Loads a 64-bit constant with the shortest encoding (no flags touched). */
static inline void x86_mov_ri(XE *e, int dst, uint64_t v)
{
    if (v <= 0xffffffffull) {           /* mov r32, imm32 (zero-extends) */
        x86_pfx(e, 4, 0, 0, dst, false, false);
        x86_b(e, (uint8_t)(0xb8 + (dst & 7)));
        x86_d32(e, (uint32_t)v);
    } else if (x86_is_s32((int64_t)v)) { /* mov r64, simm32 */
        x86_op_rr(e, 0xc7, 8, 0, dst);
        x86_d32(e, (uint32_t)v);
    } else {                            /* movabs */
        x86_pfx(e, 8, 0, 0, dst, false, false);
        x86_b(e, (uint8_t)(0xb8 + (dst & 7)));
        x86_d64(e, v);
    }
}
static inline void x86_movzx_rr(XE *e, int from, int dst, int src)
{
    if (from == 4)
        x86_op_rr(e, 0x89, 4, src, dst);
    else {
        x86_pfx(e, 4, dst, 0, src, true, false);
        x86_opc(e, from == 1 ? 0x0fb6 : 0x0fb7);
        x86_b(e, (uint8_t)(0xc0 | (dst & 7) << 3 | (src & 7)));
    }
}
/* Sign-extend the low `from` bytes of src into `to` (4/8) bytes of dst. */
static inline void x86_movsx_rr(XE *e, int from, int to, int dst, int src)
{
    if (from == 4) {
        if (to == 8)
            x86_op_rr(e, 0x63, 8, dst, src);
        else
            x86_op_rr(e, 0x89, 4, src, dst);
        return;
    }
    x86_pfx(e, to, dst, 0, src, true, false);
    x86_opc(e, from == 1 ? 0x0fbe : 0x0fbf);
    x86_b(e, (uint8_t)(0xc0 | (dst & 7) << 3 | (src & 7)));
}
static inline void x86_lea(XE *e, int w, int dst, X86Mem m)
{
    x86_op_rm(e, 0x8d, w, dst, m);
}

/* ---- ALU ---- */
static inline void x86_alu_rr(XE *e, X86Alu op, int w, int dst, int src)
{
    x86_op_rr(e, (uint32_t)(op << 3 | (w == 1 ? 0 : 1)), w, src, dst);
}
static inline void x86_alu_rm(XE *e, X86Alu op, int w, int dst, X86Mem m)
{
    x86_op_rm(e, (uint32_t)(op << 3 | (w == 1 ? 2 : 3)), w, dst, m);
}
static inline void x86_alu_mr(XE *e, X86Alu op, int w, X86Mem m, int src)
{
    x86_op_rm(e, (uint32_t)(op << 3 | (w == 1 ? 0 : 1)), w, src, m);
}
static inline void x86_alu_ri(XE *e, X86Alu op, int w, int dst, int32_t imm)
{
    if (w == 1) {
        x86_op_rr(e, 0x80, 1, op, dst);
        x86_b(e, (uint8_t)imm);
    } else if (x86_is_s8(imm)) {
        x86_op_rr(e, 0x83, w, op, dst);
        x86_b(e, (uint8_t)imm);
    } else {
        x86_op_rr(e, 0x81, w, op, dst);
        x86_d32(e, (uint32_t)imm);
    }
}
static inline void x86_alu_mi(XE *e, X86Alu op, int w, X86Mem m, int32_t imm)
{
    if (x86_is_s8(imm) && w != 1) {
        x86_op_rm(e, 0x83, w, op, m);
        x86_b(e, (uint8_t)imm);
    } else {
        x86_op_rm(e, w == 1 ? 0x80 : 0x81, w, op, m);
        if (w == 1)
            x86_b(e, (uint8_t)imm);
        else
            x86_d32(e, (uint32_t)imm);
    }
}
static inline void x86_test_rr(XE *e, int w, int a, int b)
{
    x86_op_rr(e, w == 1 ? 0x84 : 0x85, w, b, a);
}
static inline void x86_test_ri(XE *e, int w, int a, int32_t imm)
{
    x86_op_rr(e, w == 1 ? 0xf6 : 0xf7, w, 0, a);
    if (w == 1)
        x86_b(e, (uint8_t)imm);
    else
        x86_d32(e, (uint32_t)imm);
}
/* test [m], imm (w = 1 or 4) */
static inline void x86_test_mi(XE *e, int w, X86Mem m, int32_t imm)
{
    x86_op_rm(e, w == 1 ? 0xf6 : 0xf7, w, 0, m);
    if (w == 1)
        x86_b(e, (uint8_t)imm);
    else
        x86_d32(e, (uint32_t)imm);
}
static inline void x86_unary(XE *e, X86Unary op, int w, int r)
{
    x86_op_rr(e, w == 1 ? 0xf6 : 0xf7, w, op, r);
}
static inline void x86_imul_rr(XE *e, int w, int dst, int src)
{
    x86_op_rr(e, 0x0faf, w, dst, src);
}
static inline void x86_imul_rri(XE *e, int w, int dst, int src, int32_t imm)
{
    if (x86_is_s8(imm)) {
        x86_op_rr(e, 0x6b, w, dst, src);
        x86_b(e, (uint8_t)imm);
    } else {
        x86_op_rr(e, 0x69, w, dst, src);
        x86_d32(e, (uint32_t)imm);
    }
}
static inline void x86_shift_ri(XE *e, X86Shift op, int w, int r, int n)
{
    if (n == 1)
        x86_op_rr(e, w == 1 ? 0xd0 : 0xd1, w, op, r);
    else {
        x86_op_rr(e, w == 1 ? 0xc0 : 0xc1, w, op, r);
        x86_b(e, (uint8_t)n);
    }
}
static inline void x86_shift_cl(XE *e, X86Shift op, int w, int r)
{
    x86_op_rr(e, w == 1 ? 0xd2 : 0xd3, w, op, r);
}
/* shrd dst, src, n: dst = low bits of (src:dst) >> n */
static inline void x86_shrd_ri(XE *e, int w, int dst, int src, int n)
{
    x86_op_rr(e, 0x0fac, w, src, dst);
    x86_b(e, (uint8_t)n);
}
static inline void x86_bswap(XE *e, int w, int r)
{
    x86_pfx(e, w, 0, 0, r, false, false);
    x86_b(e, 0x0f);
    x86_b(e, (uint8_t)(0xc8 + (r & 7)));
}
static inline void x86_lzcnt(XE *e, int w, int dst, int src)
{
    x86_b(e, 0xf3);
    x86_op_rr(e, 0x0fbd, w, dst, src);
}
static inline void x86_bsr(XE *e, int w, int dst, int src)
{
    x86_op_rr(e, 0x0fbd, w, dst, src);
}
static inline void x86_setcc(XE *e, X86Cond cc, int r)
{
    x86_pfx(e, 4, 0, 0, r, true, false);
    x86_b(e, 0x0f);
    x86_b(e, (uint8_t)(0x90 | cc));
    x86_b(e, (uint8_t)(0xc0 | (r & 7)));
}
static inline void x86_cmov(XE *e, X86Cond cc, int w, int dst, int src)
{
    x86_op_rr(e, 0x0f40u | cc, w, dst, src);
}

/* ---- VEX (BMI1/BMI2) ---- */
/* 3-byte VEX: map 2 = 0F38, 3 = 0F3A; pp 0=none 1=66 2=F3 3=F2. */
static inline void x86_vex_rr(XE *e, int map, int pp, int w, int r, int v,
                              int rm, uint8_t opc)
{
    x86_b(e, 0xc4);
    x86_b(e, (uint8_t)((~r & 8) << 4 | 0x40 | (~rm & 8) << 2 | map));
    x86_b(e, (uint8_t)((w == 8 ? 0x80 : 0) | (~v & 15) << 3 | pp));
    x86_b(e, opc);
    x86_b(e, (uint8_t)(0xc0 | (r & 7) << 3 | (rm & 7)));
}
/* andn dst, a, b: dst = ~a & b */
static inline void x86_andn(XE *e, int w, int dst, int a, int b)
{
    x86_vex_rr(e, 2, 0, w, dst, a, b, 0xf2);
}
static inline void x86_shlx(XE *e, int w, int dst, int src, int cnt)
{
    x86_vex_rr(e, 2, 1, w, dst, cnt, src, 0xf7);
}
static inline void x86_sarx(XE *e, int w, int dst, int src, int cnt)
{
    x86_vex_rr(e, 2, 2, w, dst, cnt, src, 0xf7);
}
static inline void x86_shrx(XE *e, int w, int dst, int src, int cnt)
{
    x86_vex_rr(e, 2, 3, w, dst, cnt, src, 0xf7);
}
static inline void x86_rorx(XE *e, int w, int dst, int src, int n)
{
    x86_vex_rr(e, 3, 3, w, dst, 0, src, 0xf0);
    x86_b(e, (uint8_t)n);
}
/* pext dst, src, mask / pdep dst, src, mask */
static inline void x86_pext(XE *e, int w, int dst, int src, int mask)
{
    x86_vex_rr(e, 2, 2, w, dst, src, mask, 0xf5);
}
static inline void x86_pdep(XE *e, int w, int dst, int src, int mask)
{
    x86_vex_rr(e, 2, 3, w, dst, src, mask, 0xf5);
}

/* ---- atomics ---- */
static inline void x86_lock(XE *e) { x86_b(e, 0xf0); }
/* lock xadd [m], r / xchg [m], r / lock cmpxchg [m], r (w = 1/2/4/8) */
static inline void x86_xadd_mr(XE *e, int w, X86Mem m, int r)
{
    x86_lock(e);
    x86_op_rm(e, w == 1 ? 0x0fc0 : 0x0fc1, w, r, m);
}
static inline void x86_xchg_mr(XE *e, int w, X86Mem m, int r)
{
    x86_op_rm(e, w == 1 ? 0x86 : 0x87, w, r, m);
}
static inline void x86_cmpxchg_mr(XE *e, int w, X86Mem m, int r)
{
    x86_lock(e);
    x86_op_rm(e, w == 1 ? 0x0fb0 : 0x0fb1, w, r, m);
}
static inline void x86_mfence(XE *e)
{
    x86_b(e, 0x0f); x86_b(e, 0xae); x86_b(e, 0xf0);
}

/* ---- SSE moves for 16-byte vector loads/stores ---- */
static inline void x86_movdqu_load(XE *e, int xmm, X86Mem m)
{
    x86_b(e, 0xf3);
    x86_op_rm(e, 0x0f6f, 4, xmm, m);
}
static inline void x86_movdqu_store(XE *e, X86Mem m, int xmm)
{
    x86_b(e, 0xf3);
    x86_op_rm(e, 0x0f7f, 4, xmm, m);
}

/* ---- AVX (VEX.128) vector ops: the inline AdvSIMD/FP lowering ----
 * An op is packed as X86V(map, pp, W, opcode): map 1 = 0F, 2 = 0F38,
 * 3 = 0F3A; pp 0 = none, 1 = 66, 2 = F3, 3 = F2.  Forms: dst = op(src1,
 * src2) with src1 in VEX.vvvv and src2 in ModRM.rm (register or memory;
 * VEX memory operands need no alignment).  L = 0: 128-bit, so the upper
 * YMM halves stay clean (no SSE/AVX transition penalty with the C
 * helpers' legacy SSE code). */
#define X86V(map, pp, w, opc) ((map) << 12 | (pp) << 10 | (w) << 9 | (opc))
enum {
    X86V_MOVDQU_LD = X86V(1, 2, 0, 0x6f), X86V_MOVDQU_ST = X86V(1, 2, 0, 0x7f),
    X86V_MOVQ_LD = X86V(1, 2, 0, 0x7e),   /* xmm <- xmm/m64, zero upper */
    X86V_MOVQ_ST = X86V(1, 1, 0, 0xd6),   /* m64 <- xmm */
    X86V_MOVD_LD = X86V(1, 1, 0, 0x6e),   /* xmm <- m32, zero upper */
    X86V_MOVD_ST = X86V(1, 1, 0, 0x7e),   /* m32 <- xmm */
    X86V_PADDB = X86V(1, 1, 0, 0xfc), X86V_PADDW = X86V(1, 1, 0, 0xfd),
    X86V_PADDD = X86V(1, 1, 0, 0xfe), X86V_PADDQ = X86V(1, 1, 0, 0xd4),
    X86V_PSUBB = X86V(1, 1, 0, 0xf8), X86V_PSUBW = X86V(1, 1, 0, 0xf9),
    X86V_PSUBD = X86V(1, 1, 0, 0xfa), X86V_PSUBQ = X86V(1, 1, 0, 0xfb),
    X86V_PMULLW = X86V(1, 1, 0, 0xd5), X86V_PMULLD = X86V(2, 1, 0, 0x40),
    X86V_PMULUDQ = X86V(1, 1, 0, 0xf4), X86V_PMULDQ = X86V(2, 1, 0, 0x28),
    /* multiply and add pairs: unsigned bytes of src1 x signed bytes of
     * src2 -> saturated words; words -> dwords */
    X86V_PMADDUBSW = X86V(2, 1, 0, 0x04), X86V_PMADDWD = X86V(1, 1, 0, 0xf5),
    /* saturating packs: dst = sat(src1 lanes) : sat(src2 lanes) */
    X86V_PACKSSWB = X86V(1, 1, 0, 0x63), X86V_PACKSSDW = X86V(1, 1, 0, 0x6b),
    X86V_PACKUSWB = X86V(1, 1, 0, 0x67), X86V_PACKUSDW = X86V(2, 1, 0, 0x2b),
    X86V_PAND = X86V(1, 1, 0, 0xdb), X86V_PANDN = X86V(1, 1, 0, 0xdf),
    X86V_POR = X86V(1, 1, 0, 0xeb), X86V_PXOR = X86V(1, 1, 0, 0xef),
    X86V_PCMPEQB = X86V(1, 1, 0, 0x74), X86V_PCMPEQW = X86V(1, 1, 0, 0x75),
    X86V_PCMPEQD = X86V(1, 1, 0, 0x76), X86V_PCMPEQQ = X86V(2, 1, 0, 0x29),
    X86V_PCMPGTB = X86V(1, 1, 0, 0x64), X86V_PCMPGTW = X86V(1, 1, 0, 0x65),
    X86V_PCMPGTD = X86V(1, 1, 0, 0x66), X86V_PCMPGTQ = X86V(2, 1, 0, 0x37),
    X86V_PMAXUB = X86V(1, 1, 0, 0xde), X86V_PMAXUW = X86V(2, 1, 0, 0x3e),
    X86V_PMAXUD = X86V(2, 1, 0, 0x3f), X86V_PMINUB = X86V(1, 1, 0, 0xda),
    X86V_PMINUW = X86V(2, 1, 0, 0x3a), X86V_PMINUD = X86V(2, 1, 0, 0x3b),
    X86V_PMAXSB = X86V(2, 1, 0, 0x3c), X86V_PMAXSW = X86V(1, 1, 0, 0xee),
    X86V_PMAXSD = X86V(2, 1, 0, 0x3d), X86V_PMINSB = X86V(2, 1, 0, 0x38),
    X86V_PMINSW = X86V(1, 1, 0, 0xea), X86V_PMINSD = X86V(2, 1, 0, 0x39),
    X86V_PMOVZXBW = X86V(2, 1, 0, 0x30), X86V_PMOVZXWD = X86V(2, 1, 0, 0x33),
    X86V_PMOVZXDQ = X86V(2, 1, 0, 0x35), X86V_PMOVSXBW = X86V(2, 1, 0, 0x20),
    X86V_PMOVSXWD = X86V(2, 1, 0, 0x23), X86V_PMOVSXDQ = X86V(2, 1, 0, 0x25),
    X86V_PSHUFB = X86V(2, 1, 0, 0x00), X86V_PTEST = X86V(2, 1, 0, 0x17),
    X86V_PUNPCKLQDQ = X86V(1, 1, 0, 0x6c), X86V_PUNPCKHQDQ = X86V(1, 1, 0, 0x6d),
    X86V_PUNPCKLBW = X86V(1, 1, 0, 0x60), X86V_PUNPCKLWD = X86V(1, 1, 0, 0x61),
    X86V_PUNPCKLDQ = X86V(1, 1, 0, 0x62), X86V_PUNPCKHBW = X86V(1, 1, 0, 0x68),
    X86V_PUNPCKHWD = X86V(1, 1, 0, 0x69), X86V_PUNPCKHDQ = X86V(1, 1, 0, 0x6a),
    X86V_PMOVMSKB = X86V(1, 1, 0, 0xd7),
    X86V_INSERTPS = X86V(3, 1, 0, 0x21), /* + ib: count_s 7:6, count_d 5:4, zero mask 3:0 */
    X86V_UCOMISS = X86V(1, 0, 0, 0x2e), X86V_UCOMISD = X86V(1, 1, 0, 0x2e), /* src1 = 0 */
    X86V_SQRTSS = X86V(1, 2, 0, 0x51), X86V_SQRTSD = X86V(1, 3, 0, 0x51),
    X86V_PINSRQ = X86V(3, 1, 1, 0x22),   /* + ib: qword ib of dst = r64 (rm) */
    X86V_MOVQ_FROM_GPR = X86V(1, 1, 1, 0x6e), /* xmm <- r64, zero upper */
    X86V_ADDPS = X86V(1, 0, 0, 0x58), X86V_ADDPD = X86V(1, 1, 0, 0x58),
    X86V_ADDSS = X86V(1, 2, 0, 0x58), X86V_ADDSD = X86V(1, 3, 0, 0x58),
    X86V_MULPS = X86V(1, 0, 0, 0x59), X86V_MULPD = X86V(1, 1, 0, 0x59),
    X86V_MULSS = X86V(1, 2, 0, 0x59), X86V_MULSD = X86V(1, 3, 0, 0x59),
    X86V_SUBPS = X86V(1, 0, 0, 0x5c), X86V_SUBPD = X86V(1, 1, 0, 0x5c),
    X86V_SUBSS = X86V(1, 2, 0, 0x5c), X86V_SUBSD = X86V(1, 3, 0, 0x5c),
    X86V_DIVPS = X86V(1, 0, 0, 0x5e), X86V_DIVPD = X86V(1, 1, 0, 0x5e),
    X86V_DIVSS = X86V(1, 2, 0, 0x5e), X86V_DIVSD = X86V(1, 3, 0, 0x5e),
    X86V_CMPPS = X86V(1, 0, 0, 0xc2), X86V_CMPPD = X86V(1, 1, 0, 0xc2), /* + ib */
    /* FMA3, 231 forms: dst = +-(src1 * src2) +- dst */
    X86V_VFMADD231PS = X86V(2, 1, 0, 0xb8), X86V_VFMADD231PD = X86V(2, 1, 1, 0xb8),
    X86V_VFMADD231SS = X86V(2, 1, 0, 0xb9), X86V_VFMADD231SD = X86V(2, 1, 1, 0xb9),
    X86V_VFMSUB231PS = X86V(2, 1, 0, 0xba), X86V_VFMSUB231PD = X86V(2, 1, 1, 0xba),
    X86V_VFMSUB231SS = X86V(2, 1, 0, 0xbb), X86V_VFMSUB231SD = X86V(2, 1, 1, 0xbb),
    X86V_VFNMADD231PS = X86V(2, 1, 0, 0xbc), X86V_VFNMADD231PD = X86V(2, 1, 1, 0xbc),
    X86V_VFNMADD231SS = X86V(2, 1, 0, 0xbd), X86V_VFNMADD231SD = X86V(2, 1, 1, 0xbd),
    X86V_VFNMSUB231SS = X86V(2, 1, 0, 0xbf), X86V_VFNMSUB231SD = X86V(2, 1, 1, 0xbf),
    /* shuffles; + ib */
    X86V_PSHUFD = X86V(1, 1, 0, 0x70),   /* src1 = 0: dword i = src[ib bits 2i+1:2i] */
    X86V_SHUFPS = X86V(1, 0, 0, 0xc6),   /* dwords 0-1 from src1, 2-3 from src2 */
    X86V_PALIGNR = X86V(3, 1, 0, 0x0f),  /* (src1:src2) >> 8 * ib */
    /* AES-NI and PCLMULQDQ (VEX forms need AVX as well) */
    X86V_AESENC = X86V(2, 1, 0, 0xdc), X86V_AESENCLAST = X86V(2, 1, 0, 0xdd),
    X86V_AESDEC = X86V(2, 1, 0, 0xde), X86V_AESDECLAST = X86V(2, 1, 0, 0xdf),
    X86V_AESIMC = X86V(2, 1, 0, 0xdb),   /* src1 = 0 */
    X86V_PCLMULQDQ = X86V(3, 1, 0, 0x44), /* + ib: qword bit 0 of src1, bit 4 of src2 */
};

/* VEX prefix (2-byte C5 form when it can express the op). */
static inline void x86_vex(XE *e, int op, int r, int x, int b, int v)
{
    int map = op >> 12 & 3, pp = op >> 10 & 3, w = op >> 9 & 1;
    if (map == 1 && !w && !(x & 8) && !(b & 8)) {
        x86_b(e, 0xc5);
        x86_b(e, (uint8_t)((~r & 8) << 4 | (~v & 15) << 3 | pp));
        return;
    }
    x86_b(e, 0xc4);
    x86_b(e, (uint8_t)((~r & 8) << 4 | (~x & 8) << 3 | (~b & 8) << 2 | map));
    x86_b(e, (uint8_t)(w << 7 | (~v & 15) << 3 | pp));
}
/* dst = op(src1, src2), all xmm (or general registers where the op says). */
static inline void x86_v_rrr(XE *e, int op, int dst, int src1, int src2)
{
    x86_vex(e, op, dst, 0, src2, src1);
    x86_b(e, (uint8_t)op);
    x86_b(e, (uint8_t)(0xc0 | (dst & 7) << 3 | (src2 & 7)));
}
/* dst = op(src1, [m]); for stores (MOVDQU_ST, MOVQ_ST, MOVD_ST) dst is
 * the source register and src1 must be 0. */
static inline void x86_v_rrm(XE *e, int op, int dst, int src1, X86Mem m)
{
    if (m.a32) /* allowed before VEX */
        x86_b(e, 0x67);
    x86_vex(e, op, dst, x86_mem_x(m), x86_mem_b(m), src1);
    x86_b(e, (uint8_t)op);
    x86_modrm_mem(e, dst, m);
}
/* Immediate-count shifts by bytes/bits: dst = src >> or << n.  grp is the
 * opcode (0x71 words, 0x72 dwords, 0x73 qwords/bytes), sub the /digit:
 * 2 logical right, 4 arithmetic right, 6 left, 3 / 7 whole-register
 * byte shift right / left (0x73 only). */
static inline void x86_v_shift_ri(XE *e, int grp, int sub, int dst, int src, int n)
{
    x86_vex(e, X86V(1, 1, 0, grp), sub, 0, src, dst);
    x86_b(e, (uint8_t)grp);
    x86_b(e, (uint8_t)(0xc0 | sub << 3 | (src & 7)));
    x86_b(e, (uint8_t)n);
}

/* ---- SHA-NI: legacy SSE encodings only (there is no VEX form); dst is
 * also the first source.  Mixing them with the VEX.128 code above costs
 * nothing: neither touches the upper YMM halves. ---- */
enum {
    X86_SHA1NEXTE = 0x0f38c8, X86_SHA1MSG1 = 0x0f38c9, X86_SHA1MSG2 = 0x0f38ca,
    X86_SHA256RNDS2 = 0x0f38cb, /* the third source, WK, is always xmm0 */
    X86_SHA256MSG1 = 0x0f38cc, X86_SHA256MSG2 = 0x0f38cd,
};
static inline void x86_sha_rr(XE *e, int op, int dst, int src)
{
    x86_op_rr(e, (uint32_t)op, 4, dst, src);
}
/* sha1rnds4 dst, src, f: four rounds with function and constant f 0..3 */
static inline void x86_sha1rnds4(XE *e, int dst, int src, int f)
{
    x86_op_rr(e, 0x0f3acc, 4, dst, src);
    x86_b(e, (uint8_t)f);
}

/* ---- control flow ---- */
/* Branches return the address of their rel32 field for later patching. */
static inline uint8_t *x86_jmp32(XE *e)
{
    x86_b(e, 0xe9);
    uint8_t *at = e->p;
    x86_d32(e, 0);
    return at;
}
static inline uint8_t *x86_jcc32(XE *e, X86Cond cc)
{
    x86_b(e, 0x0f);
    x86_b(e, (uint8_t)(0x80 | cc));
    uint8_t *at = e->p;
    x86_d32(e, 0);
    return at;
}
static inline uint8_t *x86_jcc8(XE *e, X86Cond cc)
{
    x86_b(e, (uint8_t)(0x70 | cc));
    uint8_t *at = e->p;
    x86_b(e, 0);
    return at;
}
static inline uint8_t *x86_jmp8(XE *e)
{
    x86_b(e, 0xeb);
    uint8_t *at = e->p;
    x86_b(e, 0);
    return at;
}
static inline uint8_t *x86_call32(XE *e)
{
    x86_b(e, 0xe8);
    uint8_t *at = e->p;
    x86_d32(e, 0);
    return at;
}
/* Points a rel32 (at) or rel8 field at target. */
static inline void x86_set_rel32(uint8_t *at, const uint8_t *target)
{
    int32_t d = (int32_t)(target - (at + 4));
    memcpy(at, &d, 4);
}
static inline void x86_set_rel8(uint8_t *at, const uint8_t *target)
{
    *at = (uint8_t)(int8_t)(target - (at + 1));
}
static inline void x86_jmp_r(XE *e, int r)
{
    x86_pfx(e, 4, 0, 0, r, false, false);
    x86_b(e, 0xff);
    x86_b(e, (uint8_t)(0xe0 | (r & 7)));
}
static inline void x86_call_r(XE *e, int r)
{
    x86_pfx(e, 4, 0, 0, r, false, false);
    x86_b(e, 0xff);
    x86_b(e, (uint8_t)(0xd0 | (r & 7)));
}
static inline void x86_push(XE *e, int r)
{
    x86_pfx(e, 4, 0, 0, r, false, false);
    x86_b(e, (uint8_t)(0x50 + (r & 7)));
}
static inline void x86_pop(XE *e, int r)
{
    x86_pfx(e, 4, 0, 0, r, false, false);
    x86_b(e, (uint8_t)(0x58 + (r & 7)));
}
static inline void x86_ret(XE *e) { x86_b(e, 0xc3); }
static inline void x86_cqo(XE *e) { x86_b(e, 0x48); x86_b(e, 0x99); }
static inline void x86_cdq(XE *e) { x86_b(e, 0x99); }
static inline void x86_lahf(XE *e) { x86_b(e, 0x9f); }
static inline void x86_sahf(XE *e) { x86_b(e, 0x9e); }
static inline void x86_cmc(XE *e) { x86_b(e, 0xf5); }
static inline void x86_int3(XE *e) { x86_b(e, 0xcc); }
/* Multi-byte NOPs (Intel-recommended forms) to pad n bytes. */
static inline void x86_nops(XE *e, int n)
{
    static const uint8_t nop[9][9] = {
        {0}, {0x90}, {0x66, 0x90}, {0x0f, 0x1f, 0x00}, {0x0f, 0x1f, 0x40, 0},
        {0x0f, 0x1f, 0x44, 0, 0}, {0x66, 0x0f, 0x1f, 0x44, 0, 0},
        {0x0f, 0x1f, 0x80, 0, 0, 0, 0}, {0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0},
    };
    while (n > 0) {
        int k = n > 8 ? 8 : n;
        memcpy(e->p, nop[k], (size_t)k);
        e->p += k;
        n -= k;
    }
}

#endif
