/*
 * tests/unit/test_ir.c - IR builders (folding), passes and the reference
 * interpreter's semantics for the flag ops, plus the decoder table check.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "cpu/aarch64/cpu.h"
#include "cpu/aarch64/decode.h"
#include "tcg/ir.h"

static A64State st;

static void run(IRBlock *b)
{
    ir_interp(b, &st);
}

Test(ir, folding_produces_constants)
{
    IRBlock b;
    ir_block_init(&b, &a64_guest_info, 0x1000);
    IRRef r = ir_add(&b, 4, ir_const(&b, 0xffffffff), ir_const(&b, 2));
    uint64_t v;
    cr_assert(ir_is_const(&b, r, &v));
    cr_assert_eq(v, 1); /* 32-bit wrap, zero-extended */
    r = ir_binop(&b, IR_SDIV, 8, ir_const(&b, (uint64_t)INT64_MIN),
                 ir_const(&b, (uint64_t)-1));
    cr_assert(ir_is_const(&b, r, &v));
    cr_assert_eq(v, (uint64_t)INT64_MIN);
    r = ir_binop(&b, IR_UDIV, 4, ir_const(&b, 7), ir_const(&b, 0));
    cr_assert(ir_is_const(&b, r, &v));
    cr_assert_eq(v, 0);
    ir_block_free(&b);
}

static uint32_t flags_of(IROp op, int size, uint64_t x, uint64_t y,
                         uint32_t nzcv_in, uint64_t *res)
{
    IRBlock b;
    memset(&st, 0, sizeof(st));
    st.nzcv = nzcv_in;
    st.x[0] = x;
    st.x[1] = y;
    ir_block_init(&b, &a64_guest_info, 0x1000);
    IRRef r = ir_flags_op(&b, op, size, ir_getreg(&b, 0), ir_getreg(&b, 1));
    ir_setreg(&b, 2, r);
    ir_goto(&b, 0x2000);
    run(&b);
    ir_block_free(&b);
    *res = st.x[2];
    cr_assert_eq(st.pc, 0x2000);
    return st.nzcv >> 28;
}

Test(ir, add_with_carry_flags)
{
    uint64_t r;
    /* 0x7fffffff + 1: N and V set (signed overflow), 32-bit */
    cr_assert_eq(flags_of(IR_ADDS, 4, 0x7fffffff, 1, 0, &r), 0x9);
    cr_assert_eq(r, 0x80000000);
    /* 0 - 1: borrow means C clear, N set */
    cr_assert_eq(flags_of(IR_SUBS, 8, 0, 1, 0, &r), 0x8);
    cr_assert_eq(r, ~0ull);
    /* x - x: Z and C set */
    cr_assert_eq(flags_of(IR_SUBS, 8, 5, 5, 0, &r), 0x6);
    /* ADCS with C=1: 0xffffffff + 0 + 1 = 0 carry out */
    cr_assert_eq(flags_of(IR_ADCS, 4, 0xffffffff, 0, 0x20000000, &r), 0x6);
    cr_assert_eq(r, 0);
    /* SBCS with C=0: 5 - 5 - 1 = -1, borrow */
    cr_assert_eq(flags_of(IR_SBCS, 8, 5, 5, 0, &r), 0x8);
    /* upper bits of 32-bit operands are ignored */
    cr_assert_eq(flags_of(IR_SUBS, 4, 0x100000005ull, 5, 0, &r), 0x6);
}

Test(ir, dead_flags_become_plain_ops)
{
    IRBlock b;
    ir_block_init(&b, &a64_guest_info, 0x1000);
    IRRef x = ir_getreg(&b, 0);
    IRRef a = ir_flags_op(&b, IR_ADDS, 8, x, x);
    IRRef s = ir_flags_op(&b, IR_SUBS, 8, a, x);
    ir_setreg(&b, 1, s);
    ir_goto(&b, 0x2000);
    ir_optimize(&b);
    cr_assert_eq(b.ins[a].op, IR_ADD);
    cr_assert_eq(b.ins[s].op, IR_SUBS); /* live out of the block */
    ir_block_free(&b);
}

Test(ir, dead_code_removed)
{
    IRBlock b;
    ir_block_init(&b, &a64_guest_info, 0x1000);
    IRRef x = ir_getreg(&b, 0);
    IRRef unused = ir_binop(&b, IR_MUL, 8, x, x);
    ir_goto(&b, 0x2000);
    ir_optimize(&b);
    cr_assert(b.ins[unused].dead);
    cr_assert(b.ins[x].dead);
    ir_block_free(&b);
}

Test(ir, conditions)
{
    /* EQ, NE, CS, CC, MI, PL, VS, VC, HI, LS, GE, LT, GT, LE, AL, NV */
    uint32_t z = 0x40000000, c = 0x20000000, n = 0x80000000, v = 0x10000000;
    cr_assert(ir_cond_holds(z, 0));
    cr_assert(!ir_cond_holds(z, 1));
    cr_assert(ir_cond_holds(c, 8));       /* HI: C && !Z */
    cr_assert(!ir_cond_holds(c | z, 8));
    cr_assert(ir_cond_holds(n | v, 10));  /* GE: N == V */
    cr_assert(ir_cond_holds(n, 11));      /* LT */
    cr_assert(!ir_cond_holds(z, 12));     /* GT needs !Z */
    cr_assert(ir_cond_holds(0, 14) && ir_cond_holds(0, 15));
}

Test(decoder, no_ambiguous_rows)
{
    cr_assert(a64_decoder_rows() > 0);
    cr_assert_eq(a64_decoder_check(stderr), 0);
}
