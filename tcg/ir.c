/*
 * tcg/ir.c - IR block storage and the builders front ends use.
 *
 * Builders fold what is trivially known at translation time (constant
 * operands, x+0, x&0, ...), so front ends can be written naively and
 * still produce small blocks.  Folding must give exactly the result the
 * op would compute at run time (see the op contract in ir-ops.def).
 */
#include "tcg/ir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const IROpInfo ir_op_info[IR_NUM_OPS] = {
#define OP(name, nargs, res, pure) {#name, nargs, res, pure},
#include "ir-ops.def"
#undef OP
};

/* Translation makes and drops one block at a time per thread: keep the
 * last instruction array for the next block instead of going through
 * malloc (which showed up at ~20% of start-up time).  ir_emit() fills
 * every field, so the array needs no zeroing. */
static __thread IRInst *spare_ins;
static __thread uint32_t spare_cap;

void ir_block_init(IRBlock *b, const IRGuestInfo *gi, uint64_t pc)
{
    memset(b, 0, sizeof(*b));
    if (spare_ins) {
        b->ins = spare_ins, b->cap = spare_cap;
        spare_ins = NULL;
    } else {
        b->cap = 256;
        b->ins = malloc(b->cap * sizeof(IRInst));
        if (!b->ins)
            abort();
    }
    memset(&b->ins[0], 0, sizeof(IRInst)); /* ref 0 = none */
    b->n = 1; /* ref 0 = none */
    b->start_pc = b->end_pc = pc;
    b->gi = gi;
}

void ir_block_free(IRBlock *b)
{
    if (!spare_ins && b->ins) {
        spare_ins = b->ins, spare_cap = b->cap;
    } else {
        free(b->ins);
    }
    b->ins = NULL;
    b->n = b->cap = 0;
}

void ir_set_pc(IRBlock *b, uint64_t pc)
{
    b->cur_pc_off = (uint32_t)(pc - b->start_pc);
}

IRRef ir_emit(IRBlock *b, IROp op, int size, IRRef a, IRRef bb, IRRef c,
              uint64_t imm)
{
    if (b->n == b->cap) {
        b->cap *= 2;
        b->ins = realloc(b->ins, b->cap * sizeof(IRInst));
        if (!b->ins)
            abort();
    }
    IRInst *in = &b->ins[b->n];
    memset(in, 0, sizeof(*in));
    in->op = op;
    in->size = (uint8_t)size;
    in->a = a;
    in->b = bb;
    in->c = c;
    in->imm = imm;
    in->pc_off = b->cur_pc_off;
    return b->n++;
}

bool ir_is_const(IRBlock *b, IRRef r, uint64_t *v)
{
    if (r == 0 || b->ins[r].op != IR_CONST)
        return false;
    if (v)
        *v = b->ins[r].imm;
    return true;
}

static uint64_t width_mask(int size)
{
    return size == 8 ? ~0ull : (1ull << (size * 8)) - 1;
}

IRRef ir_const(IRBlock *b, uint64_t v)
{
    return ir_emit(b, IR_CONST, 8, 0, 0, 0, v);
}

IRRef ir_getreg(IRBlock *b, int reg)
{
    return ir_emit(b, IR_GETREG, 8, 0, 0, 0, (uint64_t)reg);
}

void ir_setreg(IRBlock *b, int reg, IRRef v)
{
    ir_emit(b, IR_SETREG, 8, v, 0, 0, (uint64_t)reg);
}

IRRef ir_ldenv(IRBlock *b, int size, uint32_t off)
{
    return ir_emit(b, IR_LDENV, size, 0, 0, 0, off);
}

void ir_stenv(IRBlock *b, int size, uint32_t off, IRRef v)
{
    ir_emit(b, IR_STENV, size, v, 0, 0, off);
}

/* The run-time semantics of the pure integer ops, shared by constant
 * folding here and by the interpreter (tcg/ir-interp.c). */
uint64_t ir_eval_pure(IROp op, int size, uint64_t x, uint64_t y, uint64_t z,
                      uint64_t imm)
{
    uint64_t m = width_mask(size);
    unsigned bits = size * 8;
    uint64_t r;
    switch (op) {
    case IR_ADD: r = x + y; break;
    case IR_SUB: r = x - y; break;
    case IR_MUL: r = x * y; break;
    case IR_MULHU: r = (uint64_t)(((unsigned __int128)x * y) >> 64); break;
    case IR_MULHS:
        r = (uint64_t)(((__int128)(int64_t)x * (int64_t)y) >> 64);
        break;
    case IR_UDIV:
        x &= m, y &= m;
        r = y ? x / y : 0;
        break;
    case IR_SDIV:
        if (size == 4) {
            int32_t a = (int32_t)x, d = (int32_t)y;
            r = d == 0 ? 0 : (a == INT32_MIN && d == -1) ? (uint32_t)a
                                                         : (uint32_t)(a / d);
        } else {
            int64_t a = (int64_t)x, d = (int64_t)y;
            r = d == 0 ? 0 : (a == INT64_MIN && d == -1) ? (uint64_t)a
                                                         : (uint64_t)(a / d);
        }
        break;
    case IR_AND: r = x & y; break;
    case IR_OR: r = x | y; break;
    case IR_XOR: r = x ^ y; break;
    case IR_ANDN: r = x & ~y; break;
    case IR_SHL: r = (x & m) << (y % bits); break;
    case IR_SHR: r = (x & m) >> (y % bits); break;
    case IR_SAR:
        r = size == 4 ? (uint64_t)(uint32_t)((int32_t)x >> (y % 32))
                      : (uint64_t)((int64_t)x >> (y % 64));
        break;
    case IR_ROR: {
        unsigned s = y % bits;
        x &= m;
        r = s ? (x >> s) | (x << (bits - s)) : x;
        break;
    }
    case IR_NEG: r = -x; break;
    case IR_NOT: r = ~x; break;
    case IR_CLZ:
        x &= m;
        r = x ? (uint64_t)__builtin_clzll(x) - (64 - bits) : bits;
        break;
    case IR_RBIT: {
        uint64_t v = x, o = 0;
        for (unsigned i = 0; i < bits; i++)
            o |= ((v >> i) & 1) << (bits - 1 - i);
        r = o;
        break;
    }
    case IR_BSWAP:
        if (size == 2)
            r = __builtin_bswap16((uint16_t)x);
        else if (size == 4)
            r = __builtin_bswap32((uint32_t)x);
        else
            r = __builtin_bswap64(x);
        break;
    case IR_SEXT:
        if (imm == 1)
            r = (uint64_t)(int64_t)(int8_t)x;
        else if (imm == 2)
            r = (uint64_t)(int64_t)(int16_t)x;
        else
            r = (uint64_t)(int64_t)(int32_t)x;
        break;
    case IR_ZEXT:
        return x & width_mask((int)imm);
    case IR_SETCC: {
        uint64_t a = x & m, c = y & m;
        int64_t sa = size == 4 ? (int32_t)x : (int64_t)x;
        int64_t sc = size == 4 ? (int32_t)y : (int64_t)y;
        switch ((IRCmp)imm) {
        case IR_EQ: return a == c;
        case IR_NE: return a != c;
        case IR_LTU: return a < c;
        case IR_GEU: return a >= c;
        case IR_GTU: return a > c;
        case IR_LEU: return a <= c;
        case IR_LT: return sa < sc;
        case IR_GE: return sa >= sc;
        case IR_GT: return sa > sc;
        case IR_LE: return sa <= sc;
        }
        return 0;
    }
    case IR_SEL: return x ? y : z;
    case IR_EXTR: {
        unsigned s = (unsigned)imm;
        x &= m, y &= m;
        r = s ? (y >> s) | (x << (bits - s)) : y;
        break;
    }
    default:
        abort();
    }
    return r & m;
}

IRRef ir_binop(IRBlock *b, IROp op, int size, IRRef x, IRRef y)
{
    uint64_t cx, cy;
    bool kx = ir_is_const(b, x, &cx), ky = ir_is_const(b, y, &cy);
    if (kx && ky)
        return ir_const(b, ir_eval_pure(op, size, cx, cy, 0, 0));
    /* Identities that keep the value (only when width 8, or when the
     * operand is already known to fit: keep it simple and exact). */
    if (ky && size == 8) {
        if (cy == 0 && (op == IR_ADD || op == IR_SUB || op == IR_OR ||
                        op == IR_XOR || op == IR_SHL || op == IR_SHR ||
                        op == IR_SAR || op == IR_ROR || op == IR_ANDN))
            return x;
        if (cy == ~0ull && op == IR_AND)
            return x;
    }
    if (ky && cy == 0 && (op == IR_AND || op == IR_MUL))
        return ir_const(b, 0);
    if (kx && !ky && (op == IR_ADD || op == IR_AND || op == IR_OR ||
                      op == IR_XOR || op == IR_MUL))
        return ir_emit(b, op, size, y, x, 0, 0); /* constant second */
    return ir_emit(b, op, size, x, y, 0, 0);
}

IRRef ir_unop(IRBlock *b, IROp op, int size, IRRef x)
{
    uint64_t cx;
    if (ir_is_const(b, x, &cx))
        return ir_const(b, ir_eval_pure(op, size, cx, 0, 0, 0));
    return ir_emit(b, op, size, x, 0, 0, 0);
}

IRRef ir_addi(IRBlock *b, int size, IRRef x, uint64_t imm)
{
    return ir_binop(b, IR_ADD, size, x, ir_const(b, imm));
}

IRRef ir_andi(IRBlock *b, int size, IRRef x, uint64_t imm)
{
    return ir_binop(b, IR_AND, size, x, ir_const(b, imm));
}

IRRef ir_shli(IRBlock *b, int size, IRRef x, unsigned n)
{
    return ir_binop(b, IR_SHL, size, x, ir_const(b, n));
}

IRRef ir_shri(IRBlock *b, int size, IRRef x, unsigned n)
{
    return ir_binop(b, IR_SHR, size, x, ir_const(b, n));
}

IRRef ir_sari(IRBlock *b, int size, IRRef x, unsigned n)
{
    return ir_binop(b, IR_SAR, size, x, ir_const(b, n));
}

IRRef ir_zext(IRBlock *b, int from_bytes, IRRef x)
{
    uint64_t cx;
    if (from_bytes >= 8)
        return x;
    if (ir_is_const(b, x, &cx))
        return ir_const(b, cx & width_mask(from_bytes));
    /* A 4-byte op already produced a zero-extended value. */
    IRInst *in = &b->ins[x];
    if (from_bytes == 4 && in->size == 4 && ir_op_info[in->op].has_result &&
        in->op != IR_LD && in->op != IR_SEXT && in->op != IR_CALL &&
        in->op != IR_GETREG && in->op != IR_CONST)
        return x;
    return ir_emit(b, IR_ZEXT, 8, x, 0, 0, (uint64_t)from_bytes);
}

IRRef ir_sext(IRBlock *b, int size, int from_bytes, IRRef x)
{
    uint64_t cx;
    if (from_bytes >= size)
        return size == 4 ? ir_zext(b, 4, x) : x;
    if (ir_is_const(b, x, &cx))
        return ir_const(b, ir_eval_pure(IR_SEXT, size, cx, 0, 0, from_bytes) &
                               width_mask(size));
    return ir_emit(b, IR_SEXT, size, x, 0, 0, (uint64_t)from_bytes);
}

IRRef ir_trunc32(IRBlock *b, IRRef x)
{
    return ir_zext(b, 4, x);
}

IRRef ir_setcc(IRBlock *b, IRCmp c, int size, IRRef x, IRRef y)
{
    uint64_t cx, cy;
    if (ir_is_const(b, x, &cx) && ir_is_const(b, y, &cy))
        return ir_const(b, ir_eval_pure(IR_SETCC, size, cx, cy, 0, c));
    return ir_emit(b, IR_SETCC, size, x, y, 0, c);
}

IRRef ir_sel(IRBlock *b, IRRef c, IRRef x, IRRef y)
{
    uint64_t cc;
    if (ir_is_const(b, c, &cc))
        return cc ? x : y;
    if (x == y)
        return x;
    return ir_emit(b, IR_SEL, 8, c, x, y, 0);
}

IRRef ir_extr(IRBlock *b, int size, IRRef hi, IRRef lo, unsigned n)
{
    uint64_t ch, cl;
    if (ir_is_const(b, hi, &ch) && ir_is_const(b, lo, &cl))
        return ir_const(b, ir_eval_pure(IR_EXTR, size, ch, cl, 0, n));
    return ir_emit(b, IR_EXTR, size, hi, lo, 0, n);
}

IRRef ir_flags_op(IRBlock *b, IROp op, int size, IRRef x, IRRef y)
{
    return ir_emit(b, op, size, x, y, 0, 0);
}

IRRef ir_logics(IRBlock *b, int size, IRRef x)
{
    return ir_emit(b, IR_LOGICS, size, x, 0, 0, 0);
}

IRRef ir_cond(IRBlock *b, unsigned cond)
{
    if ((cond & 0xe) == 0xe)
        return ir_const(b, 1);
    return ir_emit(b, IR_COND, 8, 0, 0, 0, cond);
}

IRRef ir_csel(IRBlock *b, unsigned cond, int size, IRRef x, IRRef y)
{
    if ((cond & 0xe) == 0xe)
        return size == 4 ? ir_zext(b, 4, x) : x;
    return ir_emit(b, IR_CSEL, size, x, y, 0, cond);
}

IRRef ir_getnzcv(IRBlock *b)
{
    return ir_emit(b, IR_GETNZCV, 8, 0, 0, 0, 0);
}

void ir_setnzcv(IRBlock *b, IRRef v)
{
    ir_emit(b, IR_SETNZCV, 8, v, 0, 0, 0);
}

void ir_setnz(IRBlock *b, int size, IRRef v)
{
    ir_emit(b, IR_SETNZ, size, v, 0, 0, 0);
}

void ir_setnzc(IRBlock *b, int size, IRRef v, IRRef c)
{
    ir_emit(b, IR_SETNZC, size, v, c, 0, 0);
}

IRRef ir_ld(IRBlock *b, int size, bool sign, IRRef addr)
{
    return ir_emit(b, IR_LD, size, addr, 0, 0, sign ? IR_LD_SIGNED : 0);
}

void ir_st(IRBlock *b, int size, IRRef addr, IRRef v)
{
    ir_emit(b, IR_ST, size, addr, v, 0, 0);
}

void ir_vld(IRBlock *b, int size, int vreg, IRRef addr)
{
    ir_emit(b, IR_VLD, size, addr, 0, 0, (uint64_t)vreg);
}

void ir_vst(IRBlock *b, int size, int vreg, IRRef addr)
{
    ir_emit(b, IR_VST, size, addr, 0, 0, (uint64_t)vreg);
}

IRRef ir_cas(IRBlock *b, int size, IRRef addr, IRRef expect, IRRef nv)
{
    return ir_emit(b, IR_CAS, size, addr, expect, nv, 0);
}

IRRef ir_atomic(IRBlock *b, IRAtomic op, int size, IRRef addr, IRRef v)
{
    return ir_emit(b, IR_ATOMIC, size, addr, v, 0, op);
}

void ir_fence(IRBlock *b)
{
    ir_emit(b, IR_FENCE, 8, 0, 0, 0, 0);
}

/* Byte accesses, constant aligned addresses and a check implied by the
 * one just before it cannot fault; a constant misaligned one still needs
 * the exit. */
void ir_chkalign_exit(IRBlock *b, IRRef addr, unsigned bytes, IRExit kind)
{
    uint64_t v, mask = bytes - 1;
    if (bytes <= 1 || (ir_is_const(b, addr, &v) && !(v & mask)))
        return;
    const IRInst *p = &b->ins[b->n - 1];
    if (b->n > 1 && p->op == IR_CHKALIGN && p->a == addr &&
        !(mask & ~p->imm) && p->imm2 == (uint64_t)kind)
        return;
    IRRef r = ir_emit(b, IR_CHKALIGN, 8, addr, 0, 0, mask);
    b->ins[r].imm2 = (uint64_t)kind;
}

void ir_chkalign(IRBlock *b, IRRef addr, unsigned bytes)
{
    ir_chkalign_exit(b, addr, bytes, IR_EXIT_ALIGN);
}

IRRef ir_call(IRBlock *b, void *fn, int flags, int nargs, IRRef a, IRRef bb,
              IRRef c, IRRef d)
{
    IRRef r = ir_emit(b, IR_CALL, nargs, a, bb, c, (uint64_t)(uintptr_t)fn);
    b->ins[r].d = d;
    b->ins[r].flags = (uint8_t)flags;
    return r;
}

void ir_vop(IRBlock *b, IRVKind kind, uint8_t shape, int vd, int vn, int vm,
            int va, void *fn, uint32_t insn, uint32_t fpcr_off,
            uint32_t fpsr_off)
{
    IRRef r = ir_emit(b, IR_VOP, shape, (IRRef)vd, (IRRef)vn, (IRRef)vm,
                      (uint64_t)(uintptr_t)fn);
    IRInst *in = &b->ins[r];
    in->d = (IRRef)va;
    in->flags = (uint8_t)kind;
    in->imm2 = insn | (uint64_t)(fpcr_off & 0xffff) << 32 |
               (uint64_t)(fpsr_off & 0xffff) << 48;
}

void ir_br_flags(IRBlock *b, unsigned cond, uint64_t target)
{
    IRRef r = ir_emit(b, IR_BR_FLAGS, 8, 0, 0, 0, target);
    b->ins[r].imm2 = cond;
}

void ir_br_nz(IRBlock *b, IRRef v, uint64_t target)
{
    ir_emit(b, IR_BR_NZ, 8, v, 0, 0, target);
}

void ir_br_z(IRBlock *b, IRRef v, uint64_t target)
{
    ir_emit(b, IR_BR_Z, 8, v, 0, 0, target);
}

void ir_goto(IRBlock *b, uint64_t target)
{
    ir_emit(b, IR_GOTO, 8, 0, 0, 0, target);
}

void ir_goto_ind(IRBlock *b, IRRef v, int hint)
{
    IRRef r = ir_emit(b, IR_GOTO_IND, 8, v, 0, 0, 0);
    b->ins[r].imm2 = (uint64_t)hint;
}

void ir_exit(IRBlock *b, IRExit kind, uint64_t pc)
{
    IRRef r = ir_emit(b, IR_EXIT, 8, 0, 0, 0, pc);
    b->ins[r].imm2 = kind;
}

void ir_if_flags(IRBlock *b, unsigned cond)
{
    if (b->in_region)
        abort(); /* no nesting: a front-end bug */
    if ((cond & 0xe) == 0xe) {
        b->in_region = 2;
        return;
    }
    b->in_region = 1;
    IRRef r = ir_emit(b, IR_IF_FLAGS, 8, 0, 0, 0, 0);
    b->ins[r].imm2 = cond;
}

void ir_endif(IRBlock *b)
{
    if (!b->in_region)
        abort();
    if (b->in_region == 1)
        ir_emit(b, IR_ENDIF, 8, 0, 0, 0, 0);
    b->in_region = 0;
}

bool ir_cond_holds(uint32_t nzcv, unsigned cond)
{
    bool n = nzcv >> 31 & 1, z = nzcv >> 30 & 1, c = nzcv >> 29 & 1,
         v = nzcv >> 28 & 1;
    bool r;
    switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = n == v && !z; break;
    default: return true; /* AL, NV */
    }
    return (cond & 1) ? !r : r;
}

void ir_dump(IRBlock *b, void *file)
{
    FILE *f = file;
    fprintf(f, "IR block %#llx (%u guest insns)\n",
            (unsigned long long)b->start_pc, b->guest_insns);
    for (uint32_t i = 1; i < b->n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        const IROpInfo *oi = &ir_op_info[in->op];
        fprintf(f, "  +%-4x ", in->pc_off);
        if (oi->has_result)
            fprintf(f, "v%-4u = ", i);
        else
            fprintf(f, "        ");
        fprintf(f, "%s.%u", oi->name, in->size);
        IRRef args[4] = {in->a, in->b, in->c, in->d};
        for (int k = 0; k < oi->nargs; k++)
            if (args[k])
                fprintf(f, " v%u", args[k]);
        if (in->op == IR_IF_FLAGS) { /* the condition, even EQ (0) */
            fprintf(f, " cond %llu\n", (unsigned long long)in->imm2);
            continue;
        }
        if (in->op == IR_ENDIF) {
            fputc('\n', f);
            continue;
        }
        fprintf(f, " #%#llx", (unsigned long long)in->imm);
        if (in->imm2)
            fprintf(f, " #%#llx", (unsigned long long)in->imm2);
        fputc('\n', f);
    }
}
