/*
 * tests/unit/test_arm_branch.c - the emu-arm engine and its control-flow
 * and system translators (cpu/arm/translate.c, branch.c, misc.c): calls
 * and returns, interworking, pc-relative values, CBZ/TBB/TBH, IT blocks
 * whose instructions change the flags, conditional branches, SVC/UDF/BKPT
 * exits and their keys, the CP15 TLS registers, and the decoder tables.
 *
 * Encodings were assembled with arm-linux-gnueabihf-as (the assembly is
 * next to each word); Thumb code is listed as halfwords in memory order.
 * Each program runs through the interpreter raw, optimized and JIT-
 * compiled (tests/unit/arm-run.h); the expected values follow from the
 * Arm ARM's pc and link rules (pc reads as the address + 8 in A32, + 4 in
 * Thumb; a Thumb link value has bit 0 set).
 */
#include "arm-run.h"

#include <stdlib.h>

#include "cpu/arm/arm-internal.h"

static ArmState st;

static ArmState *fresh(void)
{
    memset(&st, 0, sizeof(st));
    for (int i = 0; i < 13; i++)
        st.r[i] = 0xdead0000u + (uint32_t)i;
    st.r[13] = ARM_DATA0 + 0x800;
    return &st;
}

Test(arm_decoder, tables_are_consistent)
{
    cr_assert_eq(arm_decoder_check(stderr), 0);
    cr_assert_str_eq(arm_decode_name(0xe0910002, false), "DPA_IMMSH");
    cr_assert_str_eq(arm_decode_name(0xe3a00001, false), "DPB_IMM");
    cr_assert_str_eq(arm_decode_name(0xe3001234, false), "MOVW_A32");
    cr_assert_str_eq(arm_decode_name(0xe0000291, false), "MUL_A32");
    cr_assert_str_eq(arm_decode_name(0x4770, true), "BX_T16");
    cr_assert_str_eq(arm_decode_name(0xf2411234u, true), "MOVW_T32");
    /* cond 1111 is not a conditional row: 0xf0910002 is unallocated */
    cr_assert_null(arm_decode_name(0xf0910002u, false));
}

Test(arm_branch, a32_call_return_and_adr)
{
    ArmState *e = fresh();
    int r = A32_RUN(e, 0xe3a00001,  /* 0:  mov r0, #1 */
                    0xeb000001,     /* 4:  bl 0x10 */
                    0xe2800064,     /* 8:  add r0, r0, #100 */
                    0xea000001,     /* c:  b 0x18 */
                    0xe280000a,     /* 10: add r0, r0, #10 */
                    0xe12fff1e,     /* 14: bx lr */
                    0xe24f1020);    /* 18: sub r1, pc, #32 (adr r1, 0) */
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(e->r[0], 111);
    cr_assert_eq(e->r[14], ARM_CODE0 + 8, "link = next instruction");
    cr_assert_eq(e->r[1], ARM_CODE0, "pc reads as . + 8");
}

Test(arm_branch, a32_blx_to_thumb_and_back)
{
    ArmState *e = fresh();
    int r = A32_RUN(e, 0xfa000000,  /* 0: blx 8 (Thumb) */
                    0xea000000,     /* 4: b 0xc */
                    0x47702007,     /* 8: movs r0, #7; a: bx lr */
                    0xe320f000);    /* c: nop */
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(e->r[0], 7);
    cr_assert_eq(e->r[14], ARM_CODE0 + 4, "ARM link value: bit 0 clear");
    cr_assert_eq(e->key, arm_make_key(ARM_CODE0 + 0x10, false, 0));
}

Test(arm_branch, a32_conditional_branch)
{
    for (uint32_t v = 4; v <= 6; v++) {
        ArmState *e = fresh();
        e->r[0] = v;
        A32_RUN(e, 0xe3500005,      /* cmp r0, #5 */
                0xca000000,         /* bgt x */
                0xe3a01001,         /* mov r1, #1 */
                0xe320f000);        /* x: nop */
        cr_assert_eq(e->r[1], v > 5 ? 0xdead0001u : 1u, "r0 = %u", v);
    }
}

Test(arm_branch, thumb_call_cbz_beq)
{
    ArmState *e = fresh();
    int r = T_RUN(e, 0x2001,        /* 0:  movs r0, #1 */
                  0xf000, 0xf806,   /* 2:  bl 0x12 */
                  0x3064,           /* 6:  adds r0, #100 */
                  0xf000, 0xb805,   /* 8:  b.w 0x16 */
                  0xbf00, 0xbf00, 0xbf00, /* c: nops */
                  0x300a,           /* 12: adds r0, #10 */
                  0x4770,           /* 14: bx lr */
                  0xf20f, 0x0104,   /* 16: addw r1, pc, #4 (adr) */
                  0xb100,           /* 1a: cbz r0, 0x1e */
                  0x2205,           /* 1c: movs r2, #5 */
                  0x286f,           /* 1e: cmp r0, #111 */
                  0xd000,           /* 20: beq 0x24 */
                  0x2309,           /* 22: movs r3, #9 */
                  0xbf00);          /* 24: nop */
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(e->r[0], 111);
    cr_assert_eq(e->r[14], (ARM_CODE0 + 6) | 1, "Thumb link has bit 0");
    cr_assert_eq(e->r[1], ARM_CODE0 + 0x1c, "Align(pc, 4) + 4");
    cr_assert_eq(e->r[2], 5, "cbz not taken for r0 != 0");
    cr_assert_eq(e->r[3], 0xdead0003u, "beq taken");
}

Test(arm_branch, thumb_cbnz_b_bl)
{
    for (uint32_t v = 0; v < 2; v++) {
        ArmState *e = fresh();
        e->r[0] = v;
        T_RUN(e, 0xb900,            /* 0: cbnz r0, 4 */
              0x2101,               /* 2: movs r1, #1 */
              0xe000,               /* 4: b 8 */
              0x2201,               /* 6: movs r2, #1 */
              0xf000, 0xf802,       /* 8: bl 0x10 */
              0xf000, 0xb801,       /* c: b.w 0x12 */
              0x4770,               /* 10: bx lr */
              0xbf00);              /* 12: nop */
        cr_assert_eq(e->r[1], v ? 0xdead0001u : 1u);
        cr_assert_eq(e->r[2], 0xdead0002u);
        cr_assert_eq(e->r[14], (ARM_CODE0 + 0xc) | 1);
    }
}

Test(arm_branch, thumb_tbb_tbh)
{
    for (uint32_t i = 0; i < 4; i++) {
        ArmState *e = fresh();
        e->r[0] = i;
        e->r[1] = 0;
        T_RUN(e, 0xe8df, 0xf000,    /* 0: tbb [pc, r0] */
              0x0302, 0x0504,       /* 4: .byte 2, 3, 4, 5 */
              0x3101, 0x3101, 0x3101, 0x3101); /* 8..e: adds r1, #1 */
        cr_assert_eq(e->r[1], 4 - i, "tbb entry %u", i);
    }
    for (uint32_t i = 0; i < 2; i++) {
        ArmState *e = fresh();
        e->r[0] = i;
        e->r[2] = 0;
        T_RUN(e, 0xe8df, 0xf010,    /* 0: tbh [pc, r0, lsl #1] */
              0x0002, 0x0003,       /* 4: .hword 2, 3 */
              0x3201, 0x3201);      /* 8, a: adds r2, #1 */
        cr_assert_eq(e->r[2], 2 - i, "tbh entry %u", i);
    }
    /* Rm = LR is valid (only SP and PC are UNPREDICTABLE); Debian armhf
     * lua, perl and openssl switch tables use it. */
    for (uint32_t i = 0; i < 4; i++) {
        ArmState *e = fresh();
        e->r[14] = i;
        e->r[1] = 0;
        T_RUN(e, 0xe8df, 0xf00e,    /* 0: tbb [pc, lr] */
              0x0302, 0x0504,       /* 4: .byte 2, 3, 4, 5 */
              0x3101, 0x3101, 0x3101, 0x3101); /* 8..e: adds r1, #1 */
        cr_assert_eq(e->r[1], 4 - i, "tbb [pc, lr] entry %u", i);
    }
}

/* An IT block whose first instruction changes the flags the later ones
 * test, then IT + branch as the last instruction of the block. */
Test(arm_it, flags_change_inside_block)
{
    static const struct { uint32_t r0, r1, r2, r3; } want[] = {
        {0, 1, 1, 1},          /* eq: cmpeq eq, moveq; bhi not taken */
        {0, 2, 2, 0xdead0003}, /* cmpeq -> ne: movne; hi taken */
        {5, 2, 2, 0xdead0003}, /* cmpeq skipped, ne: movne; hi taken */
    };
    for (int i = 0; i < 3; i++) {
        ArmState *e = fresh();
        e->r[0] = want[i].r0;
        e->r[1] = want[i].r1;
        T_RUN(e, 0x2800,            /* 0: cmp r0, #0 */
              0xbf06,               /* 2: itte eq */
              0x2901,               /* 4: cmpeq r1, #1 */
              0x2201,               /* 6: moveq r2, #1 */
              0x2202,               /* 8: movne r2, #2 */
              0xbf88,               /* a: it hi */
              0xe000,               /* c: bhi 0x10 */
              0x2301,               /* e: movs r3, #1 */
              0xbf00);              /* 10: nop */
        cr_assert_eq(e->r[2], want[i].r2, "case %d r2", i);
        cr_assert_eq(e->r[3], want[i].r3, "case %d r3", i);
    }
}

/* An IT-block instruction that calls a helper (QADD) cannot share a block
 * with instructions of another ITSTATE: the first block stops before it
 * and the next key carries the advanced ITSTATE. */
Test(arm_it, it_state_is_in_the_key)
{
    static const uint16_t code[] = {
        0x2800,         /* 0: cmp r0, #0 */
        0xbf06,         /* 2: itte eq (ITSTATE 0x06) */
        0x2101,         /* 4: moveq r1, #1 */
        0xfa82, 0xf081, /* 6: qaddeq r0, r1, r2 (ITSTATE 0x0c) */
        0x2102,         /* a: movne r1, #2 (ITSTATE 0x18) */
    };
    ArmState *e = fresh();
    e->r[0] = 0;
    e->r[2] = 0x7fffffff;
    arm_test_run(e, code, sizeof(code), true);
    cr_assert_eq(e->r[1], 1);
    cr_assert_eq(e->r[0], 0x7fffffff, "saturated");
    cr_assert(e->q, "QADD saturation sets Q");
    e = fresh();
    e->r[0] = 0;
    e->key = arm_make_key(ARM_CODE0, true, 0);
    cr_assert_eq(arm_test_block(e, ARM_RUN_RAW), IR_EXIT_LOOKUP);
    cr_assert_eq(arm_key_pc(e->key), ARM_CODE0 + 6);
    cr_assert(arm_key_thumb(e->key));
    cr_assert_eq(arm_key_it(e->key), 0x0c, "ITSTATE advanced twice");
    e->r[0] = 5; /* ne from here on: QADD skipped, MOVNE runs */
    e->nzcv = 0;
    cr_assert_eq(arm_test_block(e, ARM_RUN_RAW), IR_EXIT_LOOKUP);
    cr_assert_eq(e->r[1], 2);
    cr_assert_eq(e->r[0], 5);
    cr_assert_eq(e->key, arm_make_key(ARM_CODE0 + 0xc, true, 0));
}

Test(arm_misc, svc_exits_with_next_key)
{
    ArmState *e = fresh();
    cr_assert_eq(A32_RUN(e, 0xef000123), IR_EXIT_SYSCALL);  /* svc 0x123 */
    cr_assert_eq(e->key, arm_make_key(ARM_CODE0 + 4, false, 0));
    cr_assert_eq(e->exc_info, 0x123);
    e = fresh();
    cr_assert_eq(T_RUN(e, 0x2001, 0xdf05), IR_EXIT_SYSCALL); /* svc 5 */
    cr_assert_eq(e->key, arm_make_key(ARM_CODE0 + 4, true, 0));
    cr_assert_eq(e->exc_info, 5);
    cr_assert_eq(e->r[0], 1);
}

Test(arm_misc, udf_bkpt_and_breakpoint_hooks)
{
    ArmState *e = fresh();
    cr_assert_eq(A32_RUN(e, 0xe3a00001, 0xe7f000f5), IR_EXIT_UNDEF);
    cr_assert_eq(e->key, arm_make_key(ARM_CODE0 + 4, false, 0));
    cr_assert_eq(e->r[0], 1);
    cr_assert_eq(e->exc_info, 0xe7f000f5, "the encoding");
    e = fresh();
    cr_assert_eq(A32_RUN(e, 0xe7f001f0), IR_EXIT_BRK, "ptrace break hook");
    e = fresh();
    cr_assert_eq(A32_RUN(e, 0xe1200172), IR_EXIT_BRK);     /* bkpt 0x12 */
    cr_assert_eq(e->exc_info, 0x12);
    e = fresh();
    cr_assert_eq(T_RUN(e, 0xde02), IR_EXIT_UNDEF);         /* udf #2 */
    cr_assert_eq(e->key, arm_make_key(ARM_CODE0, true, 0));
    e = fresh();
    cr_assert_eq(T_RUN(e, 0xde01), IR_EXIT_BRK);
    e = fresh();
    cr_assert_eq(T_RUN(e, 0xbe03), IR_EXIT_BRK);           /* bkpt 3 */
    cr_assert_eq(e->exc_info, 3);
    /* cond 1111 data processing: unallocated */
    e = fresh();
    cr_assert_eq(A32_RUN(e, 0xf0910002), IR_EXIT_UNDEF);
}

/* Kept as SIGILL on purpose: SETEND BE (big-endian data is not
 * supported); SETEND LE is a no-op.  (SWP/SWPB: test_arm_ldst.c.) */
Test(arm_misc, setend_be_is_undefined)
{
    ArmState *e = fresh();
    cr_assert_eq(A32_RUN(e, 0xf1010200), IR_EXIT_UNDEF); /* setend be */
    e = fresh();
    cr_assert_eq(T_RUN(e, 0xb658), IR_EXIT_UNDEF);       /* setend be */
    e = fresh();
    cr_assert_eq(A32_RUN(e, 0xf1010000), IR_EXIT_LOOKUP); /* setend le */
}

Test(arm_misc, cp15_tls_registers)
{
    ArmState *e = fresh();
    e->tpidruro = 0xabc000;
    e->r[1] = 0x5555;
    int r = A32_RUN(e, 0xee1d0f70,   /* mrc p15, 0, r0, c13, c0, 3 */
                    0xee0d1f50,      /* mcr p15, 0, r1, c13, c0, 2 */
                    0xee1d2f50,      /* mrc p15, 0, r2, c13, c0, 2 */
                    0xee070fba);     /* mcr p15, 0, r0, c7, c10, 5 (dmb) */
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(e->r[0], 0xabc000);
    cr_assert_eq(e->tpidrurw, 0x5555);
    cr_assert_eq(e->r[2], 0x5555);
    e = fresh();
    cr_assert_eq(A32_RUN(e, 0xee0d1f70), IR_EXIT_UNDEF,
                 "TPIDRURO is read-only in user mode");
    e = fresh();
    e->tpidruro = 0x1234;
    cr_assert_eq(T_RUN(e, 0xee1d, 0x0f70, 0xf3bf, 0x8f5b), IR_EXIT_LOOKUP);
    cr_assert_eq(e->r[0], 0x1234);
}

Test(arm_misc, conditional_svc_not_taken)
{
    ArmState *e = fresh();
    e->nzcv = ARM_ZF;
    /* svcne 0: Z set, so it does not execute */
    cr_assert_eq(A32_RUN(e, 0x1f000000, 0xe3a00009), IR_EXIT_LOOKUP);
    cr_assert_eq(e->r[0], 9);
}

/* gcc's A32 switch: "addls pc, pc, rN, lsl #2" into a table of branches
 * (ALUWritePC in ARM state, under a condition) */
Test(arm_branch, a32_add_pc_jump_table)
{
    static const uint32_t want[4] = {10, 20, 30, 0xdead0001u};
    for (uint32_t i = 0; i < 4; i++) {
        ArmState *e = fresh();
        e->r[0] = i;
        A32_RUN(e, 0xe3500002,      /* 0:  cmp r0, #2 */
                0x908ff100,         /* 4:  addls pc, pc, r0, lsl #2 */
                0xea000007,         /* 8:  b 0x2c */
                0xea000001,         /* c:  b 0x18 */
                0xea000002,         /* 10: b 0x20 */
                0xea000003,         /* 14: b 0x28 */
                0xe3a0100a,         /* 18: mov r1, #10 */
                0xea000002,         /* 1c: b 0x2c */
                0xe3a01014,         /* 20: mov r1, #20 */
                0xea000000,         /* 24: b 0x2c */
                0xe3a0101e,         /* 28: mov r1, #30 */
                0xe320f000);        /* 2c: nop */
        cr_assert_eq(e->r[1], want[i], "r0 = %u", i);
    }
}

/* Block-ending instructions under an IT condition (BX, SVC) and a T16
 * "add pc, rm" (BranchWritePC: stays in Thumb). */
Test(arm_it, conditional_bx_svc_and_add_pc)
{
    static const uint16_t code[] = {
        0x2801,     /* 0:  cmp r0, #1 */
        0xbf08,     /* 2:  it eq */
        0x4720,     /* 4:  bxeq r4 */
        0x2103,     /* 6:  movs r1, #3 */
        0xbf18,     /* 8:  it ne */
        0xdf07,     /* a:  svcne 7 */
        0x2204,     /* c:  movs r2, #4 */
        0x44af,     /* e:  add pc, r5 */
        0xbf00,     /* 10: nop */
        0xbf00,     /* 12: nop */
        0x2301,     /* 14: movs r3, #1 */
    };
    ArmState *e = fresh();
    e->r[0] = 0;
    cr_assert_eq(arm_test_run(e, code, sizeof(code), true), IR_EXIT_SYSCALL);
    cr_assert_eq(e->r[1], 3, "bxeq not taken");
    cr_assert_eq(e->exc_info, 7);
    cr_assert_eq(e->key, arm_make_key(ARM_CODE0 + 0xc, true, 0));
    e = fresh();
    e->r[0] = 1;
    e->r[4] = (ARM_CODE0 + 0xe) | 1; /* bxeq to "add pc, r5" */
    e->r[5] = 2;                     /* pc (0x12) + 2 = movs r3, #1 */
    cr_assert_eq(arm_test_run(e, code, sizeof(code), true), IR_EXIT_LOOKUP);
    cr_assert_eq(e->r[1], 0xdead0001u);
    cr_assert_eq(e->r[2], 0xdead0002u);
    cr_assert_eq(e->r[3], 1);
}

/* pc and sp as operands: A32 pc = . + 8; Thumb pc = . + 4, and ADR uses
 * Align(pc, 4) while MOV rd, pc does not. */
Test(arm_branch, pc_and_sp_operands)
{
    ArmState *e = fresh();
    uint32_t sp = (uint32_t)e->r[13];
    e->r[1] = 0x100;
    A32_RUN(e, 0xe08f0001,          /* 0: add r0, pc, r1 */
            0xe1a0200f,             /* 4: mov r2, pc */
            0xe28f3004);            /* 8: add r3, pc, #4 */
    cr_assert_eq(e->r[0], ARM_CODE0 + 8 + 0x100);
    cr_assert_eq(e->r[2], ARM_CODE0 + 0xc);
    cr_assert_eq(e->r[3], ARM_CODE0 + 0x14);
    e = fresh();
    T_RUN(e, 0xbf00,                /* 0: nop */
          0xa003,                   /* 2: adr r0, 0x10 */
          0xa902,                   /* 4: add r1, sp, #8 */
          0xb084,                   /* 6: sub sp, #16 */
          0xb001,                   /* 8: add sp, #4 */
          0x467a,                   /* a: mov r2, pc */
          0xbf00);                  /* c: nop */
    cr_assert_eq(e->r[0], ARM_CODE0 + 0x10);
    cr_assert_eq(e->r[1], sp + 8);
    cr_assert_eq(e->r[13], sp - 12);
    cr_assert_eq(e->r[2], ARM_CODE0 + 0xe);
}

/* Arbitrary words must translate (to something, SIGILL at worst) and
 * compile without an emulator abort: a guest can execute any bytes.
 * ARM_FUZZ_ROUNDS=n runs more rounds. */
Test(arm_decoder, random_words_translate)
{
    arm_test_map();
    uint32_t x = 0x2545f491u;
    const char *env = getenv("ARM_FUZZ_ROUNDS");
    int rounds = env ? atoi(env) : 200;
    bool dbg = getenv("ARM_FUZZ_DBG") != NULL;
    for (int round = 0; round < rounds; round++) {
        uint32_t *code = (uint32_t *)(uintptr_t)ARM_CODE0;
        for (uint32_t i = 0; i < ARM_CODE_MAX / 4; i++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            code[i] = x;
        }
        for (int k = 0; k < 16; k++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            bool thumb = x & 1;
            uint32_t off = (x >> 4) % (ARM_CODE_MAX - 64);
            off &= thumb ? ~1u : ~3u;
            unsigned it = thumb && (x & 2) ? (x >> 24) & 0xff : 0;
            if ((it & 0xf) == 0 || (it >> 4) >= 14)
                it = 0; /* only valid ITSTATEs (mask != 0, cond < AL) */
            uint64_t key = arm_make_key(ARM_CODE0 + off, thumb, it);
            IRBlock b;
            ir_block_init(&b, &arm_guest_info, key);
            if (dbg) /* ARM_FUZZ_DBG=1: find the word that crashed */
                fprintf(stderr, "key %llx: %08x %08x %08x\n",
                        (unsigned long long)key, code[off / 4],
                        code[off / 4 + 1], code[off / 4 + 2]);
            arm_translate_block(&b, key);
            ir_optimize(&b);
            TB tb;
            memset(&tb, 0, sizeof(tb));
            tb.pc = key;
            bool full = false;
            bool ok = x86_compile(&b, &tb, &full);
            if (!ok && full) {
                x86_buf_flush();
                ok = x86_compile(&b, &tb, &full);
            }
            /* the blocks keep the IR contract (regions...), else the
             * back end would refuse them and they would run interpreted */
            cr_assert(ok, "block at key %#llx not compiled",
                      (unsigned long long)key);
            ir_block_free(&b);
        }
    }
}

/* A block that branches back to its own start is translated twice in a
 * row (cpu/arm/translate.c): the first pass leaves by the inverted branch
 * when the loop ends after an odd number of iterations, the second by the
 * original one.  Every count must give the same registers, and one block
 * must run two iterations and stop at the right key. */
static void loop_case(bool thumb, uint32_t count)
{
    uint32_t *data = (uint32_t *)(uintptr_t)ARM_DATA0;
    ArmState *e = fresh();
    arm_test_map();
    for (uint32_t i = 0; i < 8; i++)
        data[i] = 1u << i;
    e->r[0] = count;
    e->r[1] = 0;
    e->r[3] = ARM_DATA0;
    if (!thumb)
        A32_RUN(e, 0xe4932004,      /* 0: ldr r2, [r3], #4 */
                0xe0811002,         /* 4: add r1, r1, r2 */
                0xe2500001,         /* 8: subs r0, r0, #1 */
                0x1afffffb);        /* c: bne 0 */
    else
        T_RUN(e, 0xf853, 0x2b04,    /* 0: ldr.w r2, [r3], #4 */
              0x1889,               /* 4: adds r1, r1, r2 */
              0x3801,               /* 6: subs r0, #1 */
              0xd1fa);              /* 8: bne.n 0 */
    cr_assert_eq(e->r[0], 0);
    cr_assert_eq(e->r[1], (1u << count) - 1, "%u iterations", count);
    cr_assert_eq(e->r[3], ARM_DATA0 + 4 * count);
    cr_assert_eq(e->r[2], 1u << (count - 1));
}

Test(arm_branch, self_loop_unrolled)
{
    for (uint32_t n = 1; n <= 6; n++) {
        loop_case(false, n);
        loop_case(true, n);
    }
    /* one block = two iterations: from 3 left, it stops at its start
     * with 1 left; from 2 left, at the fall-through */
    for (int how = ARM_RUN_RAW; how <= ARM_RUN_JIT; how++) {
        ArmState *e = fresh();
        e->r[0] = 3;
        e->r[1] = 0;
        e->r[3] = ARM_DATA0;
        e->key = arm_make_key(ARM_CODE0, true, 0); /* the Thumb loop */
        cr_assert_eq(arm_test_block(e, how), IR_EXIT_LOOKUP);
        cr_assert_eq(e->r[0], 1);
        cr_assert_eq(e->key, arm_make_key(ARM_CODE0, true, 0));
        cr_assert_eq(arm_test_block(e, how), IR_EXIT_LOOKUP);
        cr_assert_eq(e->r[0], 0, "the first pass left by the inverted bne");
        cr_assert_eq(e->key, arm_make_key(ARM_CODE0 + 0xa, true, 0));
        cr_assert_eq(e->r[1], 7);
    }
}
