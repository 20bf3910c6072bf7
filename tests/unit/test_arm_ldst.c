/*
 * tests/unit/test_arm_ldst.c - A32/T32/T16 loads and stores
 * (cpu/arm/ldst*.c): each test puts a few instructions (assembled with
 * arm-linux-gnueabihf-as; the assembly is next to each word) into a small
 * guest memory, translates and interprets them with the reference IR
 * interpreter and checks registers, memory, writeback, the pc written by
 * loads (interworking), the exclusive monitor and the SIGBUS exits of
 * misaligned exclusives.  Every program runs three ways (arm-run.h: raw
 * IR, optimised IR, JIT) from the same memory, and the three must agree on
 * registers and memory.  Expected values follow the Arm ARM pseudocode;
 * UNPREDICTABLE forms get the choices cpu/arm/ldst*.c document.
 *
 * Memory (arm-run.h, guest address = host address): code at CODE, data
 * around DATA, filled so that the byte at DATA + k is 0x80 + k for k in
 * -128..127: a word at a positive offset is "negative", one below DATA
 * positive.  Every program ends with a UDF (exit UNDEF at its address).
 */
#include "arm-run.h"

#define CODE (ARM_CODE0 + 0x100u) /* room below for negative literals */
#define DATA (ARM_DATA0 + 0x800u)
#define A32_UDF 0xe7f000f0u /* udf #0: ends every test program */
#define T16_UDF 0xde00u     /* udf #0 */

static ArmState env;

static void *gp(uint32_t a) { return (void *)(uintptr_t)a; }
static uint32_t rd32(uint32_t a) { uint32_t v; memcpy(&v, gp(a), 4); return v; }
static void wr32(uint32_t a, uint32_t v) { memcpy(gp(a), &v, 4); }
static uint8_t rd8(uint32_t a) { return *(uint8_t *)gp(a); }

static void reset(void)
{
    arm_test_map();
    memset(gp(ARM_CODE0), 0, ARM_CODE_MAX);
    memset(gp(ARM_DATA0), 0, 0x1000);
    for (int k = -128; k < 128; k++)
        *(uint8_t *)gp(DATA + k) = (uint8_t)(0x80 + k);
    memset(&env, 0, sizeof(env));
    env.r[2] = DATA;
    env.r[13] = DATA;
}

/* Runs one way (arm-run.h) from key until pc leaves [CODE, end) or the
 * code exits to the cpu loop for another reason. */
static int exec_from(ArmState *e, uint64_t key, uint32_t end, int how)
{
    e->key = key;
    for (int i = 0; i < 64; i++) {
        int r = arm_test_block(e, how);
        uint32_t pc = arm_key_pc(e->key);
        if (r != IR_EXIT_LOOKUP || pc < CODE || pc >= end)
            return r;
    }
    cr_assert_fail("program at %#x does not finish", CODE);
    return -1;
}

/*
 * Runs the program at key raw, after ir_optimize and in the JIT, each
 * from the same data memory; the three must agree on the registers, the
 * monitor, the fault address and the data page.  env and memory keep the
 * result; returns the exit kind.
 */
static int run_key(uint64_t key, uint32_t end)
{
    static uint8_t before[0x1000], after[0x1000];
    memcpy(before, gp(ARM_DATA0), sizeof(before));
    ArmState e[3] = {env, env, env};
    int r[3];
    for (int how = 0; how < 3; how++) {
        memcpy(gp(ARM_DATA0), before, sizeof(before));
        r[how] = exec_from(&e[how], key, end, how);
        if (how == 0)
            memcpy(after, gp(ARM_DATA0), sizeof(after));
        else
            cr_assert(!memcmp(after, gp(ARM_DATA0), sizeof(after)),
                      "memory differs (run %d)", how);
        cr_assert_eq(r[how], r[0], "exit kind differs (run %d)", how);
        arm_test_same(&e[0], &e[how], how == 1 ? "ir_optimize" : "JIT");
        cr_assert_eq(e[how].excl_size, e[0].excl_size, "monitor (%d)", how);
        if (r[0] == IR_EXIT_ALIGN)
            cr_assert_eq(e[how].fault_addr, e[0].fault_addr, "fault (%d)",
                         how);
    }
    env = e[0];
    return r[0];
}

/* A32 words; the program must end with A32_UDF (checked as the end). */
static int run_a32_n(const uint32_t *w, int n)
{
    memcpy(gp(CODE), w, 4 * (size_t)n);
    return run_key(arm_make_key(CODE, false, 0), CODE + 4 * (uint32_t)n);
}
#define RUN_A32(...)                                                      \
    ({                                                                    \
        const uint32_t prog_[] = {__VA_ARGS__};                           \
        run_a32_n(prog_, (int)(sizeof(prog_) / 4));                       \
    })

/* Thumb halfwords (a 32-bit encoding is two, first halfword first). */
static int run_t_n(const uint16_t *h, int n)
{
    memcpy(gp(CODE), h, 2 * (size_t)n);
    return run_key(arm_make_key(CODE, true, 0), CODE + 2 * (uint32_t)n);
}
#define RUN_T(...)                                                        \
    ({                                                                    \
        const uint16_t prog_[] = {__VA_ARGS__};                           \
        run_t_n(prog_, (int)(sizeof(prog_) / 2));                         \
    })

/* The program ran to its UDF at byte offset off from CODE. */
#define AT_UDF(r, off)                                                    \
    do {                                                                  \
        cr_assert_eq((r), IR_EXIT_UNDEF, "exit %d at %#x", (r),           \
                     arm_key_pc(env.key));                                \
        cr_assert_eq(arm_key_pc(env.key), CODE + (off), "stopped at %#x", \
                     arm_key_pc(env.key));                                \
    } while (0)

/* An instruction that must be UNDEFINED: SIGILL at CODE itself. */
#define UNDEF_AT_START(r) AT_UDF(r, 0)

/* ---- A32 single loads: one table, one instruction each ---- */

static const struct {
    uint32_t insn;
    uint32_t r3;
    bool carry;         /* C flag (RRX) */
    int rt;
    uint32_t val;       /* expected Rt */
    uint32_t r2;        /* expected base afterwards */
    const char *what;
} a32_loads[] = {
    {0xe5921004, 8, 0, 1, 0x87868584, DATA, "ldr r1, [r2, #4]"},
    {0xe5121004, 8, 0, 1, 0x7f7e7d7c, DATA, "ldr r1, [r2, #-4]"},
    {0xe5b21004, 8, 0, 1, 0x87868584, DATA + 4, "ldr r1, [r2, #4]!"},
    {0xe4121004, 8, 0, 1, 0x83828180, DATA - 4, "ldr r1, [r2], #-4"},
    {0xe5d21005, 8, 0, 1, 0x85, DATA, "ldrb r1, [r2, #5]"},
    {0xe7921103, 8, 0, 1, 0xa3a2a1a0, DATA, "ldr r1, [r2, r3, lsl #2]"},
    {0xe71210a3, 8, 0, 1, 0x7f7e7d7c, DATA, "ldr r1, [r2, -r3, lsr #1]"},
    /* asr #32 (imm5 = 0): 8 >> 32 = 0 */
    {0xe7921043, 8, 0, 1, 0x83828180, DATA, "ldr r1, [r2, r3, asr #32]"},
    {0xe7921463, 0xc00, 0, 1, 0x8f8e8d8c, DATA, "ldr r1, [r2, r3, ror #8]"},
    {0xe7921063, 8, 0, 1, 0x87868584, DATA, "ldr r1, [r2, r3, rrx] (C=0)"},
    {0xe4b21004, 8, 0, 1, 0x83828180, DATA + 4, "ldrt r1, [r2], #4"},
    {0xe6f21003, 8, 0, 1, 0x80, DATA + 8, "ldrbt r1, [r2], r3"},
    {0xe5921001, 8, 0, 1, 0x84838281, DATA, "ldr r1, [r2, #1] (unaligned)"},
    {0xe1d210b2, 8, 0, 1, 0x8382, DATA, "ldrh r1, [r2, #2]"},
    {0xe17210b6, 8, 0, 1, 0x7b7a, DATA - 6, "ldrh r1, [r2, #-6]!"},
    {0xe19210d3, 8, 0, 1, 0xffffff88, DATA, "ldrsb r1, [r2, r3]"},
    {0xe15210d1, 8, 0, 1, 0x7f, DATA, "ldrsb r1, [r2, #-1]"},
    {0xe15210f2, 8, 0, 1, 0x7f7e, DATA, "ldrsh r1, [r2, #-2]"},
    {0xe01210f3, 8, 0, 1, 0xffff8180, DATA - 8, "ldrsh r1, [r2], -r3"},
    {0xe0f210b2, 8, 0, 1, 0x8180, DATA + 2, "ldrht r1, [r2], #2"},
    /* load with writeback and Rt == Rn (UNPREDICTABLE): the loaded value
     * wins, as on qemu-arm */
    {0xe5b22004, 8, 0, 2, 0x87868584, 0x87868584, "ldr r2, [r2, #4]!"},
};

Test(arm_ldst, a32_single_loads)
{
    for (size_t i = 0; i < sizeof(a32_loads) / sizeof(a32_loads[0]); i++) {
        reset();
        env.r[3] = a32_loads[i].r3;
        env.nzcv = a32_loads[i].carry ? 0x20000000u : 0;
        int r = RUN_A32(a32_loads[i].insn, A32_UDF);
        AT_UDF(r, 4);
        cr_expect_eq((uint32_t)env.r[a32_loads[i].rt], a32_loads[i].val,
                     "%s: Rt = %#x", a32_loads[i].what,
                     (uint32_t)env.r[a32_loads[i].rt]);
        cr_expect_eq((uint32_t)env.r[2], a32_loads[i].r2, "%s: Rn = %#x",
                     a32_loads[i].what, (uint32_t)env.r[2]);
    }
}

/* RRX shifts the carry in at bit 31, and address arithmetic wraps at
 * 32 bits: (DATA + 2^31) + (2^31 + 4) = DATA + 4. */
Test(arm_ldst, a32_rrx_and_wraparound)
{
    reset();
    env.r[2] = DATA + 0x80000000u;
    env.r[3] = 8;
    env.nzcv = 0x20000000u; /* C */
    int r = RUN_A32(0xe7921063, /* ldr r1, [r2, r3, rrx] */
                    A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[1], 0x87868584u);
}

Test(arm_ldst, a32_stores)
{
    reset();
    env.r[1] = 0xdeadbeef;
    int r = RUN_A32(0xe5221008, /* str r1, [r2, #-8]! */
                    A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA - 8), 0xdeadbeefu);
    cr_assert_eq(env.r[2], DATA - 8);

    reset();
    env.r[1] = 0xdeadbeef;
    r = RUN_A32(0xe5c21001, /* strb r1, [r2, #1] */
                0xe0c210b2, /* strh r1, [r2], #2 */
                A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(rd32(DATA), 0x8382beefu); /* strh overwrote the strb */
    cr_assert_eq(rd8(DATA + 2), 0x82);
    cr_assert_eq(env.r[2], DATA + 2);

    reset();
    env.r[1] = 0x1234;
    env.r[3] = 4;
    r = RUN_A32(0xe6621003, /* strbt r1, [r2], -r3 */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA), 0x83828134u);
    cr_assert_eq(env.r[2], DATA - 4);

    /* store with writeback and Rt == Rn: the old base is stored */
    reset();
    r = RUN_A32(0xe5a22004, /* str r2, [r2, #4]! */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA + 4), DATA);
    cr_assert_eq(env.r[2], DATA + 4);

    /* str pc stores the instruction's address + 8 */
    reset();
    r = RUN_A32(0xe582f000, /* str pc, [r2] */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA), CODE + 8);
}

Test(arm_ldst, a32_dual)
{
    reset();
    int r = RUN_A32(0xe1c200d8, /* ldrd r0, r1, [r2, #8] */
                    A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0x8b8a8988u);
    cr_assert_eq(env.r[1], 0x8f8e8d8cu);
    cr_assert_eq(env.r[2], DATA);

    reset();
    env.r[3] = 8;
    r = RUN_A32(0xe12240d3, /* ldrd r4, r5, [r2, -r3]! */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[4], 0x7b7a7978u);
    cr_assert_eq(env.r[5], 0x7f7e7d7cu);
    cr_assert_eq(env.r[2], DATA - 8);

    reset();
    env.r[3] = 12;
    r = RUN_A32(0xe08200d3, /* ldrd r0, r1, [r2], r3 */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0x83828180u);
    cr_assert_eq(env.r[1], 0x87868584u);
    cr_assert_eq(env.r[2], DATA + 12);

    /* misaligned (word-aligned only) LDRD/STRD just work */
    reset();
    env.r[0] = 0x11223344;
    env.r[1] = 0x55667788;
    env.r[2] = DATA + 4;
    r = RUN_A32(0xe04200f8, /* strd r0, r1, [r2], #-8 */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA + 4), 0x11223344u);
    cr_assert_eq(rd32(DATA + 8), 0x55667788u);
    cr_assert_eq(env.r[2], DATA - 4);

    /* odd Rt is UNPREDICTABLE: UNDEFINED here */
    reset();
    r = RUN_A32(0xe1c210d0, /* ldrd r1, r2, [r2] */
                A32_UDF);
    UNDEF_AT_START(r);
    cr_assert_eq(env.r[2], DATA);
}

/* Literal loads read Align(PC, 4) +/- imm, PC = the address + 8. */
Test(arm_ldst, a32_literal)
{
    reset();
    int r = RUN_A32(0xe59f1000, /* ldr r1, [pc, #0]: CODE + 8 */
                    A32_UDF, 0x12345678);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[1], 0x12345678u);

    reset();
    r = RUN_A32(0xe1cf00d4, /* ldrd r0, r1, [pc, #4]: CODE + 12 */
                A32_UDF, 0, 0xcafe0001, 0xcafe0002);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0xcafe0001u);
    cr_assert_eq(env.r[1], 0xcafe0002u);

    reset();
    r = RUN_A32(0xe15f30b4, /* ldrh r3, [pc, #-4]: CODE + 4, the udf */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[3], A32_UDF & 0xffff);
}

/* LDR into pc is LoadWritePC: bit 0 selects Thumb. */
Test(arm_ldst, a32_load_pc_interworks)
{
    reset();
    wr32(DATA + 4, CODE + 0x101);
    int r = RUN_A32(0xe592f004, /* ldr pc, [r2, #4] */
                    A32_UDF);
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(env.key, arm_make_key(CODE + 0x100, true, 0));

    reset();
    wr32(DATA, 0x11);
    wr32(DATA + 4, CODE + 0x200);
    r = RUN_A32(0xe8bd8010, /* pop {r4, pc} */
                A32_UDF);
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(env.key, arm_make_key(CODE + 0x200, false, 0));
    cr_assert_eq(env.r[4], 0x11u);
    cr_assert_eq(env.r[13], DATA + 8);

    reset();
    wr32(DATA, CODE + 0x301);
    r = RUN_A32(0xe49df004, /* ldr pc, [sp], #4 */
                A32_UDF);
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(env.key, arm_make_key(CODE + 0x300, true, 0));
    cr_assert_eq(env.r[13], DATA + 4);

    /* LDRB into pc is UNPREDICTABLE: UNDEFINED */
    reset();
    r = RUN_A32(0xe5d2f000, /* ldrb pc, [r2] */
                A32_UDF);
    UNDEF_AT_START(r);
}

Test(arm_ldst, a32_multiple)
{
    reset();
    env.r[0] = 1, env.r[1] = 2, env.r[4] = 4, env.r[14] = 14;
    int r = RUN_A32(0xe92d4013, /* push {r0, r1, r4, lr} */
                    A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[13], DATA - 16);
    cr_assert_eq(rd32(DATA - 16), 1u);
    cr_assert_eq(rd32(DATA - 12), 2u);
    cr_assert_eq(rd32(DATA - 8), 4u);
    cr_assert_eq(rd32(DATA - 4), 14u);

    reset();
    r = RUN_A32(0xe9920003, /* ldmib r2, {r0, r1} */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0x87868584u);
    cr_assert_eq(env.r[1], 0x8b8a8988u);
    cr_assert_eq(env.r[2], DATA);

    reset();
    env.r[0] = 10, env.r[1] = 11, env.r[3] = 13;
    r = RUN_A32(0xe822000b, /* stmda r2!, {r0, r1, r3} */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA - 8), 10u);
    cr_assert_eq(rd32(DATA - 4), 11u);
    cr_assert_eq(rd32(DATA), 13u);
    cr_assert_eq(env.r[2], DATA - 12);

    reset();
    r = RUN_A32(0xe8120003, /* ldmda r2, {r0, r1} */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0x7f7e7d7cu);
    cr_assert_eq(env.r[1], 0x83828180u);

    reset();
    r = RUN_A32(0xe9320003, /* ldmdb r2!, {r0, r1} */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0x7b7a7978u);
    cr_assert_eq(env.r[1], 0x7f7e7d7cu);
    cr_assert_eq(env.r[2], DATA - 8);

    /* base in the list, no writeback: the base value is stored */
    reset();
    env.r[0] = 7;
    r = RUN_A32(0xe8820005, /* stmia r2, {r0, r2} */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA), 7u);
    cr_assert_eq(rd32(DATA + 4), DATA);

    /* base lowest in a writeback STM: the original base is stored */
    reset();
    env.r[3] = 3;
    r = RUN_A32(0xe922000c, /* stmdb r2!, {r2, r3} */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA - 8), DATA);
    cr_assert_eq(rd32(DATA - 4), 3u);
    cr_assert_eq(env.r[2], DATA - 8);

    /* base in a writeback LDM (UNPREDICTABLE): UNDEFINED, as qemu-arm */
    reset();
    r = RUN_A32(0xe8b20006, /* ldmia r2!, {r1, r2} */
                A32_UDF);
    UNDEF_AT_START(r);
    cr_assert_eq(env.r[2], DATA);

    /* pc in a store list stores the address + 8 */
    reset();
    r = RUN_A32(0xe8828001, /* stmia r2, {r0, pc} */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA + 4), CODE + 8);

    /* empty list and the user-mode ^ form: UNDEFINED */
    reset();
    r = RUN_A32(0xe8920000, /* ldm r2, {} */
                A32_UDF);
    UNDEF_AT_START(r);
    reset();
    r = RUN_A32(0xe8d20001, /* ldm r2, {r0}^ */
                A32_UDF);
    UNDEF_AT_START(r);
}

/* Word-misaligned LDRD/STRD/LDM/STM work: the arm kernel fixes them up
 * for user space (qemu-arm raises SIGBUS here; the kernel decides). */
Test(arm_ldst, a32_misaligned_dual_multiple)
{
    reset();
    env.r[2] = DATA + 2;
    int r = RUN_A32(0xe1c200d0, /* ldrd r0, r1, [r2] */
                    0xe8920030, /* ldm r2, {r4, r5} */
                    A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[0], 0x85848382u);
    cr_assert_eq(env.r[1], 0x89888786u);
    cr_assert_eq(env.r[4], 0x85848382u);
    cr_assert_eq(env.r[5], 0x89888786u);

    reset();
    env.r[0] = 0x11111111, env.r[1] = 0x22222222;
    env.r[2] = DATA + 1;
    r = RUN_A32(0xe1c200f0, /* strd r0, r1, [r2] */
                0xe9820003, /* stmib r2, {r0, r1} */
                A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(rd32(DATA + 1), 0x11111111u);
    cr_assert_eq(rd32(DATA + 5), 0x11111111u);
    cr_assert_eq(rd32(DATA + 9), 0x22222222u);
    cr_assert_eq(rd8(DATA), 0x80);
}

/* A fault in the middle of an LDM leaves every register as it was. */
Test(arm_ldst, a32_ldm_loads_before_writing)
{
    reset();
    IRBlock b;
    static const uint32_t prog[] = {0xe8b2001b, /* ldmia r2!, {r0,r1,r3,r4} */
                                    A32_UDF};
    memcpy(gp(CODE), prog, sizeof(prog));
    ir_block_init(&b, &arm_guest_info, arm_make_key(CODE, false, 0));
    arm_translate_block(&b, arm_make_key(CODE, false, 0));
    bool seen_set = false;
    for (IRRef i = 1; i < b.n; i++) {
        if (b.ins[i].op == IR_SETREG)
            seen_set = true;
        if (b.ins[i].op == IR_LD)
            cr_assert(!seen_set, "a register is written before a load");
    }
    cr_assert(seen_set);
    ir_block_free(&b);
}

/* ---- A32 exclusives and acquire/release ---- */

Test(arm_ldst, a32_ldrex_strex)
{
    reset();
    env.r[0] = 0x55;
    int r = RUN_A32(0xe1921f9f, /* ldrex r1, [r2] */
                    0xe1823f90, /* strex r3, r0, [r2] */
                    A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[1], 0x83828180u);
    cr_assert_eq(env.r[3], 0u, "strex failed");
    cr_assert_eq(rd32(DATA), 0x55u);
    cr_assert_eq(env.excl_size, 0u);

    /* a second strex without a new ldrex fails and stores nothing */
    env.r[0] = 0x66;
    r = RUN_A32(0xe1823f90, /* strex r3, r0, [r2] */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[3], 1u);
    cr_assert_eq(rd32(DATA), 0x55u);

    /* clrex between them */
    reset();
    env.r[0] = 0x55;
    r = RUN_A32(0xe1921f9f, /* ldrex r1, [r2] */
                0xf57ff01f, /* clrex */
                0xe1823f90, /* strex r3, r0, [r2] */
                A32_UDF);
    AT_UDF(r, 12);
    cr_assert_eq(env.r[3], 1u);
    cr_assert_eq(rd32(DATA), 0x83828180u);

    /* a status register that is also Rt or Rn: UNDEFINED, as qemu-arm */
    reset();
    r = RUN_A32(0xe1921f9f, /* ldrex r1, [r2] */
                0xe1823f93, /* strex r3, r3, [r2] */
                A32_UDF);
    AT_UDF(r, 4);
    reset();
    r = RUN_A32(0xe1822f90, /* strex r2, r0, [r2] */
                A32_UDF);
    UNDEF_AT_START(r);

    /* another address than the reservation's */
    reset();
    env.r[0] = 0x55;
    env.r[4] = DATA + 4;
    r = RUN_A32(0xe1921f9f, /* ldrex r1, [r2] */
                0xe1843f90, /* strex r3, r0, [r4] */
                A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[3], 1u);
    cr_assert_eq(rd32(DATA + 4), 0x87868584u);
    cr_assert_eq(rd32(DATA), 0x83828180u);
}

/* SWP/SWPB: the atomic exchange Linux's swp_emulate performs; a SWP on
 * an address not a multiple of 4 is the kernel's SIGSEGV at the pc
 * (IR_EXIT_FETCH_FAULT at the instruction, nothing written). */
Test(arm_ldst, a32_swp)
{
    reset();
    env.r[3] = 0x11223344;
    int r = RUN_A32(0xe1021093, /* swp r1, r3, [r2] */
                    A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[1], 0x83828180u);
    cr_assert_eq(rd32(DATA), 0x11223344u);

    reset();
    env.r[3] = 0x11223344;
    env.r[2] = DATA + 1;
    r = RUN_A32(0xe1421093, /* swpb r1, r3, [r2] */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[1], 0x81u, "the old byte, zero-extended");
    cr_assert_eq(rd32(DATA), 0x83824480u, "only the byte is written");

    reset();
    env.r[1] = 0xcafef00d;
    r = RUN_A32(0xe1021091, /* swp r1, r1, [r2]: Rt == Rt2 */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[1], 0x83828180u);
    cr_assert_eq(rd32(DATA), 0xcafef00du);

    reset();
    env.r[3] = 0x5a5a;
    r = RUN_A32(0xe1022093, /* swp r2, r3, [r2]: Rn == Rt, as the kernel */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[2], 0x83828180u);
    cr_assert_eq(rd32(DATA), 0x5a5au);

    /* condition false (Z set): nothing happens */
    reset();
    env.nzcv = ARM_ZF;
    env.r[1] = 7;
    r = RUN_A32(0x11021093, /* swpne r1, r3, [r2] */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[1], 7u);
    cr_assert_eq(rd32(DATA), 0x83828180u);

    /* misaligned SWP: SIGSEGV at the instruction; SWPB there is fine */
    for (uint32_t off = 1; off < 4; off++) {
        reset();
        env.r[1] = 7;
        env.r[2] = DATA + off;
        r = RUN_A32(0xe3a00001, /* mov r0, #1 */
                    0xe1021093, /* swp r1, r3, [r2] */
                    A32_UDF);
        cr_assert_eq(r, IR_EXIT_FETCH_FAULT, "offset %u: exit %d", off, r);
        cr_assert_eq(arm_key_pc(env.key), CODE + 4);
        cr_assert_eq(env.r[0], 1u, "the instruction before completed");
        cr_assert_eq(env.r[1], 7u);
        cr_assert_eq(rd32(DATA), 0x83828180u);
        cr_assert_eq(rd32(DATA + 4), 0x87868584u);
    }

    /* pc as an operand (UNPREDICTABLE): UNDEFINED */
    reset();
    r = RUN_A32(0xe102f093, A32_UDF); /* swp pc, r3, [r2] */
    UNDEF_AT_START(r);
    reset();
    r = RUN_A32(0xe102109f, A32_UDF); /* swp r1, pc, [r2] */
    UNDEF_AT_START(r);
    reset();
    r = RUN_A32(0xe10f1093, A32_UDF); /* swp r1, r3, [pc] */
    UNDEF_AT_START(r);
}

/* Another agent's store between LDREX and STREX makes STREX fail. */
Test(arm_ldst, a32_strex_sees_other_store)
{
    reset();
    int r = RUN_A32(0xe1921f9f, /* ldrex r1, [r2] */
                    A32_UDF);
    AT_UDF(r, 4);
    wr32(DATA, 0x99);
    env.r[0] = 0x55;
    r = RUN_A32(0xe1823f90, /* strex r3, r0, [r2] */
                A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[3], 1u);
    cr_assert_eq(rd32(DATA), 0x99u);
}

Test(arm_ldst, a32_exclusive_sizes)
{
    reset();
    env.r[0] = 0x1234;
    env.r[2] = DATA + 1;
    int r = RUN_A32(0xe1d21f9f, /* ldrexb r1, [r2] */
                    0xe1c23f90, /* strexb r3, r0, [r2] */
                    A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[1], 0x81u);
    cr_assert_eq(env.r[3], 0u);
    cr_assert_eq(rd32(DATA), 0x83823480u);

    reset();
    env.r[0] = 0x12345678;
    env.r[2] = DATA + 2;
    r = RUN_A32(0xe1f21f9f, /* ldrexh r1, [r2] */
                0xe1e23f90, /* strexh r3, r0, [r2] */
                A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[1], 0x8382u);
    cr_assert_eq(env.r[3], 0u);
    cr_assert_eq(rd32(DATA), 0x56788180u);

    reset();
    env.r[4] = 0xaaaa0000, env.r[5] = 0xbbbb0000;
    r = RUN_A32(0xe1b20f9f, /* ldrexd r0, r1, [r2] */
                0xe1a23f94, /* strexd r3, r4, r5, [r2] */
                A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[0], 0x83828180u);
    cr_assert_eq(env.r[1], 0x87868584u);
    cr_assert_eq(env.r[3], 0u);
    cr_assert_eq(rd32(DATA), 0xaaaa0000u);
    cr_assert_eq(rd32(DATA + 4), 0xbbbb0000u);

    /* a reservation of another size does not match (IMPLEMENTATION
     * DEFINED; qemu-arm reports failure too, but stores the byte) */
    reset();
    r = RUN_A32(0xe1921f9f, /* ldrex r1, [r2] */
                0xe1c23f90, /* strexb r3, r0, [r2] */
                A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[3], 1u);
    cr_assert_eq(rd32(DATA), 0x83828180u);
}

/* Misaligned exclusives and acquire/release: SIGBUS BUS_ADRALN at the
 * instruction, nothing else done. */
Test(arm_ldst, a32_exclusive_alignment)
{
    static const struct {
        uint32_t insn;
        uint32_t addr;
        const char *what;
    } c[] = {
        {0xe1f21f9f, DATA + 1, "ldrexh r1, [r2]"},
        {0xe1921f9f, DATA + 2, "ldrex r1, [r2]"},
        {0xe1b20f9f, DATA + 4, "ldrexd r0, r1, [r2]"},
        {0xe1823f90, DATA + 2, "strex r3, r0, [r2] (no reservation)"},
        {0xe1921c9f, DATA + 1, "lda r1, [r2]"},
        {0xe182fc90, DATA + 3, "stl r0, [r2]"},
        {0xe1e2fc90, DATA + 1, "stlh r0, [r2]"},
        {0xe1921e9f, DATA + 2, "ldaex r1, [r2]"},
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        reset();
        env.r[2] = c[i].addr;
        env.r[1] = env.r[3] = 0x77;
        int r = RUN_A32(c[i].insn, A32_UDF);
        cr_expect_eq(r, IR_EXIT_ALIGN, "%s: exit %d", c[i].what, r);
        cr_expect_eq(arm_key_pc(env.key), CODE, "%s", c[i].what);
        cr_expect_eq(env.fault_addr, c[i].addr, "%s", c[i].what);
        cr_expect_eq(env.r[1], 0x77u, "%s", c[i].what);
        cr_expect_eq(env.r[3], 0x77u, "%s", c[i].what);
    }
    /* bytes are always aligned */
    reset();
    env.r[2] = DATA + 3;
    int r = RUN_A32(0xe1d21c9f, /* ldab r1, [r2] */
                    A32_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[1], 0x83u);
}

Test(arm_ldst, a32_acquire_release)
{
    reset();
    env.r[0] = 0xfeedf00d;
    int r = RUN_A32(0xe1921c9f, /* lda r1, [r2] */
                    0xe182fc90, /* stl r0, [r2] */
                    0xe1d24c9f, /* ldab r4, [r2] */
                    A32_UDF);
    AT_UDF(r, 12);
    cr_assert_eq(env.r[1], 0x83828180u);
    cr_assert_eq(rd32(DATA), 0xfeedf00du);
    cr_assert_eq(env.r[4], 0x0du);

    reset();
    env.r[0] = 0x5a5a;
    env.r[1] = 0x6b6b;
    r = RUN_A32(0xe1b24e9f, /* ldaexd r4, r5, [r2] */
                0xe1a23e90, /* stlexd r3, r0, r1, [r2] */
                A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[4], 0x83828180u);
    cr_assert_eq(env.r[5], 0x87868584u);
    cr_assert_eq(env.r[3], 0u);
    cr_assert_eq(rd32(DATA), 0x5a5au);
    cr_assert_eq(rd32(DATA + 4), 0x6b6bu);

    /* STL is followed by a fence (STL -> LDA order on TSO) */
    IRBlock b;
    wr32(CODE, 0xe182fc90); /* stl r0, [r2] */
    wr32(CODE + 4, A32_UDF);
    ir_block_init(&b, &arm_guest_info, arm_make_key(CODE, false, 0));
    arm_translate_block(&b, arm_make_key(CODE, false, 0));
    bool fence = false;
    for (IRRef i = 1; i < b.n; i++)
        fence |= b.ins[i].op == IR_FENCE;
    cr_assert(fence);
    ir_block_free(&b);
}

/* Conditional loads and stores: nothing happens, no writeback, no pc
 * write, when the condition fails (the engine's bracket, our IR). */
Test(arm_ldst, a32_conditional)
{
    reset();
    env.nzcv = 0x40000000u; /* Z: NE fails, EQ holds */
    wr32(DATA, 0x44);
    wr32(DATA + 4, CODE + 0x80);
    env.r[0] = 0x55;
    int r = RUN_A32(0x15b21004, /* ldrne r1, [r2, #4]! */
                    0x11823f90, /* strexne r3, r0, [r2] */
                    0x08bd8010, /* popeq {r4, pc} */
                    A32_UDF);
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(env.key, arm_make_key(CODE + 0x80, false, 0));
    cr_assert_eq(env.r[1], 0u);
    cr_assert_eq(env.r[2], DATA);
    cr_assert_eq(env.r[3], 0u);
    cr_assert_eq(env.r[4], 0x44u);
    cr_assert_eq(env.r[13], DATA + 8);

    reset();
    env.nzcv = 0; /* NE holds, EQ fails */
    r = RUN_A32(0x15b21004, /* ldrne r1, [r2, #4]! */
                0x08bd8010, /* popeq {r4, pc} */
                A32_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[1], 0x87868584u);
    cr_assert_eq(env.r[2], DATA + 4);
    cr_assert_eq(env.r[4], 0u);
    cr_assert_eq(env.r[13], DATA);
}

/* ---- Thumb ---- */

static const struct {
    uint16_t h[2]; /* one T16 halfword (h[1] = 0) or a T32 pair */
    int rt;
    uint32_t val;
    uint32_t r2;
    const char *what;
} t_loads[] = {
    {{0x6851}, 1, 0x87868584, DATA, "ldr r1, [r2, #4]"},
    {{0x58d1}, 1, 0x8b8a8988, DATA, "ldr r1, [r2, r3]"},
    {{0x56d1}, 1, 0xffffff88, DATA, "ldrsb r1, [r2, r3]"},
    {{0x5ed1}, 1, 0xffff8988, DATA, "ldrsh r1, [r2, r3]"},
    {{0x8851}, 1, 0x8382, DATA, "ldrh r1, [r2, #2]"},
    {{0x7951}, 1, 0x85, DATA, "ldrb r1, [r2, #5]"},
    {{0x9902}, 1, 0x8b8a8988, DATA, "ldr r1, [sp, #8]"},
    {{0xf8d2, 0x1004}, 1, 0x87868584, DATA, "ldr.w r1, [r2, #4]"},
    {{0xf852, 0x1c04}, 1, 0x7f7e7d7c, DATA, "ldr r1, [r2, #-4]"},
    {{0xf852, 0x1f04}, 1, 0x87868584, DATA + 4, "ldr r1, [r2, #4]!"},
    {{0xf852, 0x1904}, 1, 0x83828180, DATA - 4, "ldr r1, [r2], #-4"},
    {{0xf852, 0x1e04}, 1, 0x87868584, DATA, "ldrt r1, [r2, #4]"},
    {{0xf852, 0x1023}, 1, 0xa3a2a1a0, DATA, "ldr.w r1, [r2, r3, lsl #2]"},
    {{0xf992, 0x1004}, 1, 0xffffff84, DATA, "ldrsb.w r1, [r2, #4]"},
    {{0xf932, 0x1c04}, 1, 0x7d7c, DATA, "ldrsh r1, [r2, #-4]"},
    {{0xf8b2, 0x1002}, 1, 0x8382, DATA, "ldrh.w r1, [r2, #2]"},
    {{0xf85d, 0x4b04}, 4, 0x83828180, DATA, "pop.w {r4}"},
};

Test(arm_ldst, thumb_single_loads)
{
    for (size_t i = 0; i < sizeof(t_loads) / sizeof(t_loads[0]); i++) {
        reset();
        env.r[3] = 8;
        int r;
        if (t_loads[i].h[1]) {
            r = RUN_T(t_loads[i].h[0], t_loads[i].h[1], T16_UDF);
            AT_UDF(r, 4);
        } else {
            r = RUN_T(t_loads[i].h[0], T16_UDF);
            AT_UDF(r, 2);
        }
        cr_expect_eq((uint32_t)env.r[t_loads[i].rt], t_loads[i].val,
                     "%s: Rt = %#x", t_loads[i].what,
                     (uint32_t)env.r[t_loads[i].rt]);
        if (t_loads[i].rt == 4) /* pop: the base is sp */
            cr_expect_eq((uint32_t)env.r[13], DATA + 4, "%s", t_loads[i].what);
        else
            cr_expect_eq((uint32_t)env.r[2], t_loads[i].r2, "%s: Rn = %#x",
                         t_loads[i].what, (uint32_t)env.r[2]);
    }
}

Test(arm_ldst, thumb_stores)
{
    reset();
    env.r[1] = 0xdeadbeef;
    env.r[3] = 8;
    int r = RUN_T(0x7051, /* strb r1, [r2, #1] */
                  0x8051, /* strh r1, [r2, #2] */
                  0x6051, /* str r1, [r2, #4] */
                  0x50d1, /* str r1, [r2, r3] */
                  0x9101, /* str r1, [sp, #4]: sp = DATA */
                  T16_UDF);
    AT_UDF(r, 10);
    cr_assert_eq(rd32(DATA), 0xbeefef80u);
    cr_assert_eq(rd32(DATA + 4), 0xdeadbeefu);
    cr_assert_eq(rd32(DATA + 8), 0xdeadbeefu);

    reset();
    env.r[1] = 0x44332211;
    env.r[3] = 2;
    r = RUN_T(0xf8a2, 0x1004, /* strh.w r1, [r2, #4] */
              0xf802, 0x1c04, /* strb r1, [r2, #-4] */
              0xf842, 0x1013, /* str.w r1, [r2, r3, lsl #1] */
              0xf842, 0x1d04, /* str r1, [r2, #-4]! */
              T16_UDF);
    AT_UDF(r, 16);
    cr_assert_eq(rd32(DATA + 4), 0x44332211u); /* the str.w over the strh */
    cr_assert_eq(rd32(DATA - 4), 0x44332211u);
    cr_assert_eq(env.r[2], DATA - 4);

    reset();
    r = RUN_T(0xf8a2, 0x1004, /* strh.w r1, [r2, #4] */
              T16_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA + 4), 0x87860000u | (uint16_t)env.r[1]);
}

/* Literal: Align(PC, 4) +/- imm with PC = the address + 4. */
Test(arm_ldst, thumb_literal)
{
    reset();
    /* at CODE + 2: PC = CODE + 6, aligned CODE + 4, + 4 = CODE + 8 */
    static const uint16_t p[] = {0xbf00,          /* nop */
                                 0x4901,          /* ldr r1, [pc, #4] */
                                 T16_UDF, 0, 0x5678, 0x1234};
    memcpy(gp(CODE), p, sizeof(p));
    int r = run_key(arm_make_key(CODE, true, 0), CODE + 4);
    cr_assert_eq(r, IR_EXIT_UNDEF);
    cr_assert_eq(env.r[1], 0x12345678u);

    reset();
    wr32(CODE - 4, 0xaaaa5555);  /* [pc, #-8] at CODE: CODE + 4 - 8 */
    wr32(CODE - 56, 0xbbbb6666); /* [pc, #-64] at CODE + 4 */
    wr32(CODE + 20, 0xcccc7777); /* [pc, #8] at CODE + 8 */
    *(uint8_t *)gp(CODE - 5) = 0xf1; /* [pc, #-21] at CODE + 12 */
    static const uint16_t q[] = {
        0xf85f, 0x1008, /* ldr.w r1, [pc, #-8] */
        0xf85f, 0x3040, /* ldr.w r3, [pc, #-64] */
        0xf8df, 0x4008, /* ldr.w r4, [pc, #8] */
        0xf91f, 0x5015, /* ldrsb.w r5, [pc, #-21] */
        T16_UDF};
    memcpy(gp(CODE), q, sizeof(q));
    r = run_key(arm_make_key(CODE, true, 0), CODE + 16);
    cr_assert_eq(r, IR_EXIT_UNDEF);
    cr_assert_eq(arm_key_pc(env.key), CODE + 16);
    cr_assert_eq(env.r[1], 0xaaaa5555u);
    cr_assert_eq(env.r[3], 0xbbbb6666u);
    cr_assert_eq(env.r[4], 0xcccc7777u);
    cr_assert_eq(env.r[5], 0xfffffff1u);
}

Test(arm_ldst, thumb_push_pop)
{
    reset();
    env.r[4] = 4, env.r[14] = CODE + 0x41;
    int r = RUN_T(0xb510, /* push {r4, lr} */
                  T16_UDF);
    AT_UDF(r, 2);
    cr_assert_eq(env.r[13], DATA - 8);
    cr_assert_eq(rd32(DATA - 8), 4u);
    cr_assert_eq(rd32(DATA - 4), CODE + 0x41);

    /* POP {pc} to an ARM address leaves Thumb */
    reset();
    wr32(DATA, 0x44);
    wr32(DATA + 4, CODE + 0x80);
    r = RUN_T(0xbd10, /* pop {r4, pc} */
              T16_UDF);
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(env.key, arm_make_key(CODE + 0x80, false, 0));
    cr_assert_eq(env.r[4], 0x44u);
    cr_assert_eq(env.r[13], DATA + 8);

    reset();
    env.r[4] = 4, env.r[8] = 8, env.r[14] = 14;
    r = RUN_T(0xe92d, 0x4110, /* push.w {r4, r8, lr} */
              0xf84d, 0x4d04, /* push.w {r4} */
              T16_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[13], DATA - 16);
    cr_assert_eq(rd32(DATA - 16), 4u);
    cr_assert_eq(rd32(DATA - 12), 4u);
    cr_assert_eq(rd32(DATA - 8), 8u);
    cr_assert_eq(rd32(DATA - 4), 14u);

    reset();
    wr32(DATA + 8, CODE + 0x101);
    r = RUN_T(0xe8bd, 0x8110, /* pop.w {r4, r8, pc} */
              T16_UDF);
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(env.key, arm_make_key(CODE + 0x100, true, 0));
    cr_assert_eq(env.r[4], 0x83828180u);
    cr_assert_eq(env.r[8], 0x87868584u);
    cr_assert_eq(env.r[13], DATA + 12);

    reset();
    wr32(DATA + 4, CODE + 0x201);
    r = RUN_T(0xf8d2, 0xf004, /* ldr.w pc, [r2, #4] */
              T16_UDF);
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(env.key, arm_make_key(CODE + 0x200, true, 0));
}

Test(arm_ldst, thumb_multiple)
{
    reset();
    int r = RUN_T(0xca03, /* ldmia r2!, {r0, r1} */
                  T16_UDF);
    AT_UDF(r, 2);
    cr_assert_eq(env.r[0], 0x83828180u);
    cr_assert_eq(env.r[1], 0x87868584u);
    cr_assert_eq(env.r[2], DATA + 8);

    /* T16 LDM with the base in the list: no writeback, loaded value */
    reset();
    r = RUN_T(0xca06, /* ldmia r2, {r1, r2} */
              T16_UDF);
    AT_UDF(r, 2);
    cr_assert_eq(env.r[1], 0x83828180u);
    cr_assert_eq(env.r[2], 0x87868584u);

    reset();
    env.r[0] = 1, env.r[1] = 2;
    r = RUN_T(0xc203, /* stmia r2!, {r0, r1} */
              T16_UDF);
    AT_UDF(r, 2);
    cr_assert_eq(rd32(DATA), 1u);
    cr_assert_eq(rd32(DATA + 4), 2u);
    cr_assert_eq(env.r[2], DATA + 8);

    reset();
    r = RUN_T(0xe932, 0x0003, /* ldmdb r2!, {r0, r1} */
              T16_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0x7b7a7978u);
    cr_assert_eq(env.r[1], 0x7f7e7d7cu);
    cr_assert_eq(env.r[2], DATA - 8);

    reset();
    env.r[0] = 1, env.r[1] = 2, env.r[3] = 3;
    r = RUN_T(0xe8a2, 0x000b, /* stm.w r2!, {r0, r1, r3} */
              0xe892, 0x0070, /* ldm.w r2, {r4, r5, r6} */
              T16_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(rd32(DATA), 1u);
    cr_assert_eq(rd32(DATA + 8), 3u);
    cr_assert_eq(env.r[2], DATA + 12);
    cr_assert_eq(env.r[4], 0x8f8e8d8cu);

    reset();
    env.r[0] = 1, env.r[1] = 2;
    r = RUN_T(0xe922, 0x0003, /* stmdb r2!, {r0, r1} */
              T16_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(rd32(DATA - 8), 1u);
    cr_assert_eq(rd32(DATA - 4), 2u);
    cr_assert_eq(env.r[2], DATA - 8);

    /* T32: SP in the list, base in a writeback list: UNDEFINED */
    reset();
    r = RUN_T(0xe892, 0x2003, /* ldm.w r2, {r0, r1, sp} */
              T16_UDF);
    UNDEF_AT_START(r);
    reset();
    r = RUN_T(0xe8b2, 0x0006, /* ldm.w r2!, {r1, r2} */
              T16_UDF);
    UNDEF_AT_START(r);
}

Test(arm_ldst, thumb_dual)
{
    reset();
    int r = RUN_T(0xe9d2, 0x0102, /* ldrd r0, r1, [r2, #8] */
                  T16_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0x8b8a8988u);
    cr_assert_eq(env.r[1], 0x8f8e8d8cu);
    cr_assert_eq(env.r[2], DATA);

    reset();
    r = RUN_T(0xe972, 0x0102, /* ldrd r0, r1, [r2, #-8]! */
              T16_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0x7b7a7978u);
    cr_assert_eq(env.r[2], DATA - 8);

    reset();
    r = RUN_T(0xe8f2, 0x0102, /* ldrd r0, r1, [r2], #8 */
              T16_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0x83828180u);
    cr_assert_eq(env.r[1], 0x87868584u);
    cr_assert_eq(env.r[2], DATA + 8);

    reset();
    env.r[0] = 0x10, env.r[1] = 0x11, env.r[4] = 0x14, env.r[5] = 0x15;
    r = RUN_T(0xe9c2, 0x0102, /* strd r0, r1, [r2, #8] */
              0xe862, 0x4502, /* strd r4, r5, [r2], #-8 */
              T16_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(rd32(DATA + 8), 0x10u);
    cr_assert_eq(rd32(DATA + 12), 0x11u);
    cr_assert_eq(rd32(DATA), 0x14u);
    cr_assert_eq(rd32(DATA + 4), 0x15u);
    cr_assert_eq(env.r[2], DATA - 8);

    /* literal at CODE: Align(CODE + 4) + 8 */
    reset();
    wr32(CODE + 12, 0xabcd0001);
    wr32(CODE + 16, 0xabcd0002);
    r = RUN_T(0xe9df, 0x0102, /* ldrd r0, r1, [pc, #8] */
              T16_UDF);
    AT_UDF(r, 4);
    cr_assert_eq(env.r[0], 0xabcd0001u);
    cr_assert_eq(env.r[1], 0xabcd0002u);
}

/* Memory hints do not touch memory (r2 points nowhere). */
Test(arm_ldst, thumb_hints)
{
    reset();
    env.r[2] = 0x40000000;
    int r = RUN_T(0xf892, 0xf000, /* pld [r2] */
                  0xf812, 0xfc04, /* pld [r2, #-4] */
                  0xf912, 0xf003, /* pli [r2, r3] */
                  T16_UDF);
    AT_UDF(r, 12);
}

Test(arm_ldst, thumb_exclusives)
{
    reset();
    env.r[0] = 0x55;
    int r = RUN_T(0xe852, 0x1f02, /* ldrex r1, [r2, #8] */
                  0xe842, 0x0302, /* strex r3, r0, [r2, #8] */
                  T16_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[1], 0x8b8a8988u);
    cr_assert_eq(env.r[3], 0u);
    cr_assert_eq(rd32(DATA + 8), 0x55u);

    reset();
    env.r[0] = 0x1234;
    r = RUN_T(0xe8d2, 0x1f4f, /* ldrexb r1, [r2] */
              0xe8c2, 0x0f43, /* strexb r3, r0, [r2] */
              0xe8d2, 0x1f5f, /* ldrexh r1, [r2] */
              0xe8c2, 0x0f53, /* strexh r3, r0, [r2] */
              T16_UDF);
    AT_UDF(r, 16);
    cr_assert_eq(env.r[1], 0x8134u);
    cr_assert_eq(env.r[3], 0u);
    cr_assert_eq(rd32(DATA), 0x83821234u);

    /* T32 LDREXD/STREXD take any pair */
    reset();
    env.r[0] = 0xa0, env.r[1] = 0xa1;
    r = RUN_T(0xe8d2, 0x417f, /* ldrexd r4, r1, [r2] */
              0xe8c2, 0x0173, /* strexd r3, r0, r1, [r2] */
              T16_UDF);
    AT_UDF(r, 8);
    cr_assert_eq(env.r[4], 0x83828180u);
    cr_assert_eq(env.r[3], 0u);
    cr_assert_eq(rd32(DATA), 0xa0u);
    cr_assert_eq(rd32(DATA + 4), 0x87868584u); /* r1 was reloaded */

    reset();
    env.r[0] = 0x77;
    r = RUN_T(0xe8d2, 0x1fef, /* ldaex r1, [r2] */
              0xf3bf, 0x8f2f, /* clrex */
              0xe8c2, 0x0fe3, /* stlex r3, r0, [r2] */
              T16_UDF);
    AT_UDF(r, 12);
    cr_assert_eq(env.r[3], 1u);
    cr_assert_eq(rd32(DATA), 0x83828180u);

    reset();
    env.r[0] = 0x9988;
    r = RUN_T(0xe8d2, 0x1f9f, /* ldah r1, [r2] */
              0xe8c2, 0x0f8f, /* stlb r0, [r2] */
              0xe8d2, 0x4faf, /* lda r4, [r2] */
              T16_UDF);
    AT_UDF(r, 12);
    cr_assert_eq(env.r[1], 0x8180u);
    cr_assert_eq(env.r[4], 0x83828188u);

    /* should-be-one Rt2 field of LDREXB not ones: UNDEFINED */
    reset();
    r = RUN_T(0xe8d2, 0x1e4f, /* ldrexb r1, [r2] with Rt2 = 1110 */
              T16_UDF);
    UNDEF_AT_START(r);

    /* in an IT block: POP {pc} as the last instruction */
    reset();
    wr32(DATA + 4, CODE + 0x101);
    r = RUN_T(0xbf1c, /* itt ne */
              0x6851, /* ldrne r1, [r2, #4] */
              0xbd10, /* popne {r4, pc} */
              T16_UDF);
    cr_assert_eq(r, IR_EXIT_LOOKUP);
    cr_assert_eq(env.key, arm_make_key(CODE + 0x100, true, 0));
    cr_assert_eq(env.r[1], CODE + 0x101);
    cr_assert_eq(env.r[4], 0x83828180u);
    reset();
    env.nzcv = 0x40000000u; /* Z: both skipped */
    r = RUN_T(0xbf1c, /* itt ne */
              0x6851, /* ldrne r1, [r2, #4] */
              0xbd10, /* popne {r4, pc} */
              T16_UDF);
    AT_UDF(r, 6);
    cr_assert_eq(env.r[1], 0u);
    cr_assert_eq(env.r[13], DATA);

    /* misaligned: SIGBUS at the instruction */
    reset();
    env.r[2] = DATA + 4;
    r = RUN_T(0xe8d2, 0x45ff, /* ldaexd r4, r5, [r2] */
              T16_UDF);
    cr_assert_eq(r, IR_EXIT_ALIGN);
    cr_assert_eq(env.fault_addr, DATA + 4);
    cr_assert_eq(env.key, arm_make_key(CODE, true, 0));
    reset();
    env.r[2] = DATA + 2;
    r = RUN_T(0xe842, 0x0302, /* strex r3, r0, [r2, #8] */
              T16_UDF);
    cr_assert_eq(r, IR_EXIT_ALIGN);
    cr_assert_eq(env.fault_addr, DATA + 10);
}

/* Every row decodes the encodings it is written for. */
Test(arm_ldst, rows)
{
    static const struct {
        uint32_t insn;
        bool thumb;
        const char *row;
    } c[] = {
        {0xe5921004, 0, "A32_LDST_I"},    {0xe7921103, 0, "A32_LDST_R"},
        {0xe59f1000, 0, "A32_LDST_I"},    {0xe1d210b2, 0, "A32_LDSTH_I"},
        {0xe19210b3, 0, "A32_LDSTH_R"},   {0xe15210d1, 0, "A32_LDRSB_I"},
        {0xe19210d3, 0, "A32_LDRSB_R"},   {0xe15210f2, 0, "A32_LDRSH_I"},
        {0xe01210f3, 0, "A32_LDRSH_R"},   {0xe1c200d8, 0, "A32_LDRD_I"},
        {0xe08200d3, 0, "A32_LDRD_R"},    {0xe04200f8, 0, "A32_STRD_I"},
        {0xe18200f3, 0, "A32_STRD_R"},    {0xe8bd8010, 0, "A32_LDM"},
        {0xe92d4010, 0, "A32_STM"},       {0xe1921f9f, 0, "A32_LDREX_ALL"},
        {0xe1823f90, 0, "A32_STREX_ALL"}, {0xe1921c9f, 0, "A32_LDREX_ALL"},
        {0xe182fc90, 0, "A32_STREX_ALL"}, {0xf57ff01f, 0, "A32_CLREX"},
        {0xf8d21004, 1, "T32_LDR_I12"},   {0xf8521c04, 1, "T32_LDR_I8"},
        {0xf8521023, 1, "T32_LDR_R"},     {0xf85f1040, 1, "T32_LDR_LIT"},
        {0xf8df1008, 1, "T32_LDR_LIT"},   {0xf8a21004, 1, "T32_STR_I12"},
        {0xf8021c04, 1, "T32_STR_I8"},    {0xf8421013, 1, "T32_STR_R"},
        {0xe9d20102, 1, "T32_LDRD_PRE"},  {0xe8f20102, 1, "T32_LDRD_POST"},
        {0xe9c20102, 1, "T32_STRD_PRE"},  {0xe8624502, 1, "T32_STRD_POST"},
        {0xe8bd8010, 1, "T32_LDMIA"},     {0xe9320003, 1, "T32_LDMDB"},
        {0xe8a2000b, 1, "T32_STMIA"},     {0xe92d4010, 1, "T32_STMDB"},
        {0xe8521f02, 1, "T32_LDREX"},     {0xe8420302, 1, "T32_STREX"},
        {0xe8d2417f, 1, "T32_LDREX_BHD"}, {0xe8d21faf, 1, "T32_LDA"},
        {0xe8d21fef, 1, "T32_LDAEX"},     {0xe8c20173, 1, "T32_STREX_BHD"},
        {0xe8c20faf, 1, "T32_STL"},       {0xe8c20fe3, 1, "T32_STLEX"},
        {0xf3bf8f2f, 1, "T32_CLREX"},     {0x4901, 1, "T16_LDR_LIT"},
        {0x58d1, 1, "T16_LDST_R"},        {0x6851, 1, "T16_LDST_W"},
        {0x7951, 1, "T16_LDST_B"},        {0x8851, 1, "T16_LDST_H"},
        {0x9902, 1, "T16_LDST_SP"},       {0xb510, 1, "T16_PUSH"},
        {0xbd10, 1, "T16_POP"},           {0xc203, 1, "T16_STM"},
        {0xca03, 1, "T16_LDM"},
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        const char *n = arm_decode_name(c[i].insn, c[i].thumb);
        cr_expect(n && !strcmp(n, c[i].row), "%08x: %s, not %s", c[i].insn,
                  n ? n : "(none)", c[i].row);
    }
}
