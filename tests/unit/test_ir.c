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

/* IF_FLAGS runs its region only when the condition holds on NZCV at the
 * IF (ARM conditional execution): x - y, then "addeq x2, x0, #1" and
 * "movne x3, #7" as two regions. */
static void region_case(uint64_t x, uint64_t y)
{
    IRBlock b;
    memset(&st, 0, sizeof(st));
    st.x[0] = x;
    st.x[1] = y;
    st.x[2] = st.x[3] = 100;
    ir_block_init(&b, &a64_guest_info, 0x1000);
    ir_flags_op(&b, IR_SUBS, 8, ir_getreg(&b, 0), ir_getreg(&b, 1));
    ir_if_flags(&b, 0); /* EQ */
    ir_setreg(&b, 2, ir_addi(&b, 8, ir_getreg(&b, 0), 1));
    ir_flags_op(&b, IR_ADDS, 8, ir_getreg(&b, 0), ir_getreg(&b, 0));
    ir_endif(&b);
    ir_if_flags(&b, 1); /* NE: sees the ADDS of the first region if it ran */
    ir_setreg(&b, 3, ir_const(&b, 7));
    ir_endif(&b);
    ir_goto(&b, 0x2000);
    ir_optimize(&b);
    run(&b);
    ir_block_free(&b);
    cr_assert_eq(st.pc, 0x2000);
}

Test(ir, conditional_regions)
{
    region_case(5, 6); /* NE: first region skipped, second runs */
    cr_assert_eq(st.x[2], 100);
    cr_assert_eq(st.x[3], 7);
    cr_assert_eq(st.nzcv >> 28, 0x8); /* the SUBS's flags */
    region_case(5, 5); /* EQ: 5+5 = 10 sets NZCV 0, so NE holds too */
    cr_assert_eq(st.x[2], 6);
    cr_assert_eq(st.x[3], 7);
    cr_assert_eq(st.nzcv >> 28, 0x0);
    region_case(0, 0); /* EQ: 0+0 keeps Z, so the second is skipped */
    cr_assert_eq(st.x[2], 1);
    cr_assert_eq(st.x[3], 100);
    cr_assert_eq(st.nzcv >> 28, 0x4); /* ADDS 0+0: Z only */
}

/* Dead-flag elimination across a region: a flag write before the IF is
 * read by it; one inside is not killed by the skipped path; an AL region
 * emits no IF; an empty region disappears. */
Test(ir, regions_and_passes)
{
    IRBlock b;
    ir_block_init(&b, &a64_guest_info, 0x1000);
    IRRef x = ir_getreg(&b, 0);
    IRRef f0 = ir_flags_op(&b, IR_SUBS, 8, x, x);
    ir_if_flags(&b, 1);
    IRRef f1 = ir_flags_op(&b, IR_ADDS, 8, x, x); /* live: read after */
    ir_setreg(&b, 1, f1);
    ir_endif(&b);
    uint32_t al = b.n;
    ir_if_flags(&b, 14);
    ir_setreg(&b, 2, x);
    ir_endif(&b);
    cr_assert_eq(b.n, al + 1, "AL: only the SETREG");
    uint32_t empty = b.n;
    ir_if_flags(&b, 3);
    ir_binop(&b, IR_MUL, 8, x, x); /* dead */
    ir_endif(&b);
    ir_setreg(&b, 3, ir_cond(&b, 0));
    ir_goto(&b, 0x2000);
    ir_optimize(&b);
    cr_assert_eq(b.ins[f0].op, IR_SUBS);
    cr_assert_eq(b.ins[f1].op, IR_ADDS);
    cr_assert_eq(b.ins[empty].op, IR_IF_FLAGS);
    cr_assert(b.ins[empty].dead, "empty region dropped");
    cr_assert(b.ins[empty + 2].dead);
    char buf[4096];
    FILE *f = fmemopen(buf, sizeof(buf), "w");
    ir_dump(&b, f);
    fclose(f);
    cr_assert(strstr(buf, "IF_FLAGS.8 cond 1"), "%s", buf);
    cr_assert(strstr(buf, "ENDIF"));
    ir_block_free(&b);
}

/* SETNZ / SETNZC (ARM flag-setting logical ops): N and Z from the value
 * at its width, C kept or from bit 0 of the second operand, V kept. */
static uint32_t setnz_case(int op, int size, uint64_t v, uint64_t c,
                           uint32_t nzcv_in)
{
    IRBlock b;
    memset(&st, 0, sizeof(st));
    st.nzcv = nzcv_in;
    st.x[0] = v;
    st.x[1] = c;
    ir_block_init(&b, &a64_guest_info, 0x1000);
    if (op)
        ir_setnzc(&b, size, ir_getreg(&b, 0), ir_getreg(&b, 1));
    else
        ir_setnz(&b, size, ir_getreg(&b, 0));
    ir_goto(&b, 0x2000);
    ir_optimize(&b); /* live out: kept */
    run(&b);
    ir_block_free(&b);
    return st.nzcv >> 28;
}

Test(ir, setnz_keeps_c_and_v)
{
    cr_assert_eq(setnz_case(0, 4, 0, 0, 0x30000000), 0x7);   /* Z, C V kept */
    cr_assert_eq(setnz_case(0, 4, 0x180000000ull, 0, 0xc0000000), 0x8);
    cr_assert_eq(setnz_case(0, 8, 0x100000000ull, 0, 0x40000000), 0x0);
    cr_assert_eq(setnz_case(0, 4, 0x100000000ull, 0, 0x10000000), 0x5);
    cr_assert_eq(setnz_case(1, 4, 5, 2, 0x30000000), 0x1);   /* C = 0 */
    cr_assert_eq(setnz_case(1, 4, 5, 3, 0x00000000), 0x2);   /* C = 1 */
    /* dead (overwritten before any read): dropped */
    IRBlock b;
    ir_block_init(&b, &a64_guest_info, 0x1000);
    ir_setnz(&b, 4, ir_getreg(&b, 0));
    uint32_t k = b.n - 1;
    ir_setnzcv(&b, ir_const(&b, 0));
    ir_goto(&b, 0x2000);
    ir_optimize(&b);
    cr_assert(b.ins[k].dead);
    ir_block_free(&b);
}

/* ARM "tst r2, #1; addne r1, r0, r2; cmp r1, r6": C and V of the TST are
 * never read, so it becomes a LOGICS (host test); with a reader of C
 * after the region (the skipped path sees the TST's C) it stays. */
Test(ir, setnz_dead_cv_is_logics)
{
    for (int readc = 0; readc < 2; readc++) {
        IRBlock b;
        ir_block_init(&b, &a64_guest_info, 0x1000);
        IRRef t = ir_andi(&b, 4, ir_getreg(&b, 2), 1);
        uint32_t k = b.n;
        ir_setnz(&b, 4, t);
        ir_if_flags(&b, 1);
        ir_setreg(&b, 1, ir_add(&b, 4, ir_getreg(&b, 0), ir_getreg(&b, 2)));
        if (readc) /* ADDS inside: on the taken path C is rewritten */
            ir_flags_op(&b, IR_ADDS, 4, ir_getreg(&b, 1), ir_getreg(&b, 1));
        ir_endif(&b);
        if (readc)
            ir_setreg(&b, 3, ir_cond(&b, 2)); /* CS */
        ir_flags_op(&b, IR_SUBS, 4, ir_getreg(&b, 1), ir_getreg(&b, 6));
        ir_goto(&b, 0x2000);
        ir_optimize(&b);
        cr_assert_eq(b.ins[k].op, readc ? IR_SETNZ : IR_LOGICS, "readc %d", readc);
        ir_block_free(&b);
    }
}

/* "subhi r0, r1, #996; subhi r0, r0, #3" is one region; not so when the
 * first region writes NZCV ("subshi"), and the result is the same. */
static int live_ifs(IRBlock *b)
{
    int n = 0;
    for (uint32_t i = 1; i < b->n; i++)
        n += !b->ins[i].dead && b->ins[i].op == IR_IF_FLAGS;
    return n;
}

Test(ir, adjacent_regions_merge)
{
    for (int sets = 0; sets < 2; sets++)
        for (uint64_t x = 0; x < 3; x++) {
            IRBlock b;
            memset(&st, 0, sizeof(st));
            st.x[1] = 1000 + x * 5000;
            st.x[0] = 7;
            ir_block_init(&b, &a64_guest_info, 0x1000);
            ir_flags_op(&b, IR_SUBS, 4, ir_getreg(&b, 1), ir_const(&b, 5000));
            ir_if_flags(&b, 8); /* HI */
            IRRef r1 = ir_getreg(&b, 1), k = ir_const(&b, 996);
            ir_setreg(&b, 0, sets ? ir_flags_op(&b, IR_SUBS, 4, r1, k)
                                  : ir_sub(&b, 4, r1, k));
            ir_endif(&b);
            ir_const(&b, 3); /* constants between do not matter */
            ir_if_flags(&b, 8);
            ir_setreg(&b, 0, ir_sub(&b, 4, ir_getreg(&b, 0), ir_const(&b, 3)));
            ir_endif(&b);
            ir_goto(&b, 0x2000);
            ir_optimize(&b);
            cr_assert_eq(live_ifs(&b), sets ? 2 : 1);
            run(&b);
            uint64_t want = x == 0 ? 7 : st.x[1] - 999;
            if (sets && x) /* the SUBS result is positive and > 0: HI holds */
                want = st.x[1] - 999;
            cr_assert_eq(st.x[0], want, "x %d sets %d", (int)x, sets);
            ir_block_free(&b);
        }
}

/* The interpreter's 32-bit guest addressing: guest_base + the low 32 bits
 * of the address (the sum wraps at 2^32). */
Test(ir, addr32_interp)
{
    static uint8_t gm[64];
    IRGuestInfo gi = a64_guest_info;
    gi.addr32 = true;
    gi.guest_base = (uint64_t)(uintptr_t)gm - 0x100;
    IRBlock b;
    memset(&st, 0, sizeof(st));
    memset(gm, 0, sizeof(gm));
    gm[8] = 0x5a;
    st.x[0] = 0xffffff08ull | 0x3300000000ull; /* + 0x200: 0x108 */
    ir_block_init(&b, &gi, 0x1000);
    IRRef a = ir_addi(&b, 8, ir_getreg(&b, 0), 0x200);
    ir_setreg(&b, 1, ir_ld(&b, 1, false, a));
    ir_st(&b, 1, ir_const(&b, 0x110), ir_const(&b, 0xa5));
    ir_goto(&b, 0x2000);
    run(&b);
    ir_block_free(&b);
    cr_assert_eq(st.x[1], 0x5a);
    cr_assert_eq(gm[0x10], 0xa5);
}

Test(decoder, no_ambiguous_rows)
{
    cr_assert(a64_decoder_rows() > 0);
    cr_assert_eq(a64_decoder_check(stderr), 0);
}
