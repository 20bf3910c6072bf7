/*
 * tests/unit/test_a64_ldst.c - A64 load/store translators
 * (cpu/aarch64/ldst*.c): each test decodes one encoding (assembled with
 * aarch64-linux-gnu-as; the assembly is next to each hex word), runs the
 * IR with the reference interpreter on an A64State whose guest memory is
 * a host buffer (guest address = host address) and checks registers,
 * memory, writeback, sign extension, the exclusive monitor and the old
 * values returned by atomics.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "cpu/aarch64/decode.h"
#include "cpu/aarch64/translate.h"

static A64State env;
static uint8_t mem[1024] __attribute__((aligned(16)));
#define M ((uint64_t)(uintptr_t)mem)
#define PC0 0x10000ull

static void reset(void)
{
    memset(&env, 0, sizeof(env));
    for (int i = 0; i < (int)sizeof(mem); i++)
        mem[i] = (uint8_t)i;
    env.x[2] = M;
}

/* Translates insn at pc as a one-instruction block and interprets it. */
static int run_at(uint64_t pc, uint32_t insn)
{
    IRBlock b;
    ir_block_init(&b, &a64_guest_info, pc);
    ir_set_pc(&b, pc);
    A64Ctx s = {.b = &b, .pc = pc, .insn = insn};
    if (!a64_decode(&s, insn))
        a64_undef(&s, true);
    b.guest_insns = 1;
    if (!s.end) {
        ir_set_pc(&b, pc + 4);
        ir_goto(&b, pc + 4);
    }
    b.end_pc = pc + 4;
    ir_optimize(&b);
    env.pc = pc;
    int r = ir_interp(&b, &env);
    ir_block_free(&b);
    return r;
}

static int run(uint32_t insn) { return run_at(PC0, insn); }

static uint64_t rd64(int off)
{
    uint64_t v;
    memcpy(&v, mem + off, 8);
    return v;
}

static void wr64(int off, uint64_t v) { memcpy(mem + off, &v, 8); }

static const struct {
    uint32_t insn;
    const char *row;
} rows[] = {
    {0xf9400841, "LDST_UIMM"}, /* ldr x1, [x2, #16] */
    {0x39400c41, "LDST_UIMM"}, /* ldrb w1, [x2, #3] */
    {0x39800441, "LDST_UIMM"}, /* ldrsb x1, [x2, #1] */
    {0x39c00441, "LDST_UIMM"}, /* ldrsb w1, [x2, #1] */
    {0x79c00441, "LDST_UIMM"}, /* ldrsh w1, [x2, #2] */
    {0xb9800441, "LDST_UIMM"}, /* ldrsw x1, [x2, #4] */
    {0xb9000841, "LDST_UIMM"}, /* str w1, [x2, #8] */
    {0x79000441, "LDST_UIMM"}, /* strh w1, [x2, #2] */
    {0xf85f8041, "LDST_UNSCALED"}, /* ldur x1, [x2, #-8] */
    {0xf85f8c41, "LDST_PRE"}, /* ldr x1, [x2, #-8]! */
    {0xf8408441, "LDST_POST"}, /* ldr x1, [x2], #8 */
    {0xf81f0fe1, "LDST_PRE"}, /* str x1, [sp, #-16]! */
    {0xf8408841, "LDST_UNPRIV"}, /* ldtr x1, [x2, #8] */
    {0x38001841, "LDST_UNPRIV"}, /* sttrb w1, [x2, #1] */
    {0xf8637841, "LDST_REG"}, /* ldr x1, [x2, x3, lsl #3] */
    {0xb863d841, "LDST_REG"}, /* ldr w1, [x2, w3, sxtw #2] */
    {0x38634841, "LDST_REG"}, /* ldrb w1, [x2, w3, uxtw] */
    {0x78a3f841, "LDST_REG"}, /* ldrsh x1, [x2, x3, sxtx #1] */
    {0xf9802040, "LDST_UIMM"}, /* prfm pldl1keep, [x2, #64] */
    {0xf8a36840, "LDST_REG"}, /* prfm pldl1keep, [x2, x3] */
    {0x58000041, "LDR_LIT"}, /* ldr x1, .+8 */
    {0x98000041, "LDR_LIT"}, /* ldrsw x1, .+8 */
    {0x9c000081, "LDR_LIT"}, /* ldr q1, .+16 */
    {0xd8000040, "LDR_LIT"}, /* prfm pldl1keep, .+8 */
    {0xa9410c41, "LDSTP_OFF"}, /* ldp x1, x3, [x2, #16] */
    {0x29ff0c41, "LDSTP_PRE"}, /* ldp w1, w3, [x2, #-8]! */
    {0xa9bf0fe1, "LDSTP_PRE"}, /* stp x1, x3, [sp, #-16]! */
    {0xa8c10c41, "LDSTP_POST"}, /* ldp x1, x3, [x2], #16 */
    {0x69410c41, "LDSTP_OFF"}, /* ldpsw x1, x3, [x2, #8] */
    {0xa8400c41, "LDSTP_NA"}, /* ldnp x1, x3, [x2] */
    {0x28008c41, "LDSTP_NA"}, /* stnp w1, w3, [x2, #4] */
    {0x3dc00841, "LDST_UIMM"}, /* ldr q1, [x2, #32] */
    {0x3d400441, "LDST_UIMM"}, /* ldr b1, [x2, #1] */
    {0x7d400441, "LDST_UIMM"}, /* ldr h1, [x2, #2] */
    {0xbd400441, "LDST_UIMM"}, /* ldr s1, [x2, #4] */
    {0xfd400441, "LDST_UIMM"}, /* ldr d1, [x2, #8] */
    {0x3d800441, "LDST_UIMM"}, /* str q1, [x2, #16] */
    {0xbc004441, "LDST_POST"}, /* str s1, [x2], #4 */
    {0xfc5ff041, "LDST_UNSCALED"}, /* ldur d1, [x2, #-1] */
    {0x3ce37841, "LDST_REG"}, /* ldr q1, [x2, x3, lsl #4] */
    {0xad410841, "LDSTP_OFF"}, /* ldp q1, q2, [x2, #32] */
    {0x6dbf0841, "LDSTP_PRE"}, /* stp d1, d2, [x2, #-16]! */
    {0x2cc10841, "LDSTP_POST"}, /* ldp s1, s2, [x2], #8 */
    {0xc85f7c41, "LDSTX"}, /* ldxr x1, [x2] */
    {0x085ffc41, "LDSTX"}, /* ldaxrb w1, [x2] */
    {0xc8047c41, "LDSTX"}, /* stxr w4, x1, [x2] */
    {0x4804fc41, "LDSTX"}, /* stlxrh w4, w1, [x2] */
    {0xc87f0c41, "LDSTXP"}, /* ldxp x1, x3, [x2] */
    {0xc8240c41, "LDSTXP"}, /* stxp w4, x1, x3, [x2] */
    {0x887f8c41, "LDSTXP"}, /* ldaxp w1, w3, [x2] */
    {0x88248c41, "LDSTXP"}, /* stlxp w4, w1, w3, [x2] */
    {0xc8dffc41, "LDSTLR"}, /* ldar x1, [x2] */
    {0x889ffc41, "LDSTLR"}, /* stlr w1, [x2] */
    {0x08dffc41, "LDSTLR"}, /* ldarb w1, [x2] */
    {0xc8df7c41, "LDSTLR"}, /* ldlar x1, [x2] */
    {0xc89f7c41, "LDSTLR"}, /* stllr x1, [x2] */
    {0xf8bfc041, "LDAPR"}, /* ldapr x1, [x2] */
    {0x38bfc041, "LDAPR"}, /* ldaprb w1, [x2] */
    {0xc8a17c43, "CAS"}, /* cas x1, x3, [x2] */
    {0x08e17c43, "CAS"}, /* casab w1, w3, [x2] */
    {0x48e1fc43, "CAS"}, /* casalh w1, w3, [x2] */
    {0x48247c46, "CASP"}, /* casp x4, x5, x6, x7, [x2] */
    {0x08247c46, "CASP"}, /* casp w4, w5, w6, w7, [x2] */
    {0xf8218043, "ATOMIC"}, /* swp x1, x3, [x2] */
    {0x38e18043, "ATOMIC"}, /* swpalb w1, w3, [x2] */
    {0xf8210043, "ATOMIC"}, /* ldadd x1, x3, [x2] */
    {0xb8e11043, "ATOMIC"}, /* ldclral w1, w3, [x2] */
    {0xf8212043, "ATOMIC"}, /* ldeor x1, x3, [x2] */
    {0xf8213043, "ATOMIC"}, /* ldset x1, x3, [x2] */
    {0x38214043, "ATOMIC"}, /* ldsmaxb w1, w3, [x2] */
    {0x78215043, "ATOMIC"}, /* ldsminh w1, w3, [x2] */
    {0xb8216043, "ATOMIC"}, /* ldumax w1, w3, [x2] */
    {0xf8217043, "ATOMIC"}, /* ldumin x1, x3, [x2] */
    {0xf821005f, "ATOMIC"}, /* stadd x1, [x2] */
    {0xd95f8041, "LDAPUR"}, /* ldapur x1, [x2, #-8] */
    {0x19801041, "LDAPUR"}, /* ldapursb x1, [x2, #1] */
    {0x99004041, "LDAPUR"}, /* stlur w1, [x2, #4] */
    {0x4c407041, "SIMD_LDST_MULT"}, /* ld1 {v1.16b}, [x2] */
    {0x0cdfa041, "SIMD_LDST_MULT_POST"}, /* ld1 {v1.8b, v2.8b}, [x2], #16 */
    {0x4cc32841, "SIMD_LDST_MULT_POST"}, /* ld1 {v1.4s-v4.4s}, [x2], x3 */
    {0x4c006c41, "SIMD_LDST_MULT"}, /* st1 {v1.2d-v3.2d}, [x2] */
    {0x4c408841, "SIMD_LDST_MULT"}, /* ld2 {v1.4s, v2.4s}, [x2] */
    {0x0cdf4041, "SIMD_LDST_MULT_POST"}, /* ld3 {v1.8b-v3.8b}, [x2], #24 */
    {0x4c400441, "SIMD_LDST_MULT"}, /* ld4 {v1.8h-v4.8h}, [x2] */
    {0x4c9f8041, "SIMD_LDST_MULT_POST"}, /* st2 {v1.16b, v2.16b}, [x2], #32 */
    {0x0c000841, "SIMD_LDST_MULT"}, /* st4 {v1.2s-v4.2s}, [x2] */
    {0x0d409041, "SIMD_LDST_SINGLE"}, /* ld1 {v1.s}[1], [x2] */
    {0x4ddf1c41, "SIMD_LDST_SINGLE_POST"}, /* ld1 {v1.b}[15], [x2], #1 */
    {0x4d008441, "SIMD_LDST_SINGLE"}, /* st1 {v1.d}[1], [x2] */
    {0x0d835841, "SIMD_LDST_SINGLE_POST"}, /* st1 {v1.h}[3], [x2], x3 */
    {0x4d40c841, "SIMD_LDST_SINGLE"}, /* ld1r {v1.4s}, [x2] */
    {0x0ddfc041, "SIMD_LDST_SINGLE_POST"}, /* ld1r {v1.8b}, [x2], #1 */
    {0x4d60cc41, "SIMD_LDST_SINGLE"}, /* ld2r {v1.2d, v2.2d}, [x2] */
    {0x4d406841, "SIMD_LDST_SINGLE"}, /* ld3 {v1.h-v3.h}[5], [x2] */
    {0x4dbfa041, "SIMD_LDST_SINGLE_POST"}, /* st4 {v1.s-v4.s}[2], [x2], #16 */
    {0x0d60e45e, "SIMD_LDST_SINGLE"}, /* ld4r {v30.4h, v31.4h, v0.4h, v1.4h}, [x2] */
    {0x4c408c5f, "SIMD_LDST_MULT"}, /* ld2 {v31.2d, v0.2d}, [x2] */
};

Test(a64_ldst, rows_decode)
{
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const char *n = a64_decode_name(rows[i].insn);
        cr_expect(n && !strcmp(n, rows[i].row), "%08x: %s, want %s",
                  rows[i].insn, n ? n : "(none)", rows[i].row);
    }
}

/* Little-endian value of mem[off..off+n) as reset() fills it. */
static uint64_t le(int off, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | (uint8_t)(off + i);
    return v;
}

Test(a64_ldst, ldr_str_imm)
{
    reset();
    run(0xf9400841); /* ldr x1, [x2, #16] */
    cr_expect_eq(env.x[1], le(16, 8));
    mem[3] = 0x80;
    env.x[1] = ~0ull;
    run(0x39400c41); /* ldrb w1, [x2, #3] */
    cr_expect_eq(env.x[1], 0x80);
    mem[1] = 0x85;
    run(0x39800441); /* ldrsb x1, [x2, #1] */
    cr_expect_eq(env.x[1], 0xffffffffffffff85ull);
    run(0x39c00441); /* ldrsb w1, [x2, #1] */
    cr_expect_eq(env.x[1], 0xffffff85ull);
    mem[3] = 0xf0;
    run(0x79c00441); /* ldrsh w1, [x2, #2] */
    cr_expect_eq(env.x[1], 0xfffff002ull);
    mem[7] = 0x90;
    run(0xb9800441); /* ldrsw x1, [x2, #4] */
    cr_expect_eq(env.x[1], 0xffffffff90060504ull);
    env.x[1] = 0xaabbccdd11223344ull;
    run(0xb9000841); /* str w1, [x2, #8] */
    cr_expect_eq(rd64(8), 0x0f0e0d0c11223344ull);
    run(0x79000441); /* strh w1, [x2, #2] */
    cr_expect_eq(mem[2], 0x44);
    cr_expect_eq(mem[3], 0x33);
    cr_expect_eq(mem[4], 4);
    cr_expect_eq(env.x[2], M);
}

Test(a64_ldst, unscaled_pre_post_unpriv)
{
    reset();
    env.x[2] = M + 64;
    run(0xf85f8041); /* ldur x1, [x2, #-8] */
    cr_expect_eq(env.x[1], le(56, 8));
    cr_expect_eq(env.x[2], M + 64);
    run(0xf85f8c41); /* ldr x1, [x2, #-8]! */
    cr_expect_eq(env.x[1], le(56, 8));
    cr_expect_eq(env.x[2], M + 56);
    run(0xf8408441); /* ldr x1, [x2], #8 */
    cr_expect_eq(env.x[1], le(56, 8));
    cr_expect_eq(env.x[2], M + 64);
    env.x[31] = M + 128; /* SP */
    env.x[1] = 0x0123456789abcdefull;
    run(0xf81f0fe1); /* str x1, [sp, #-16]! */
    cr_expect_eq(env.x[31], M + 112);
    cr_expect_eq(rd64(112), 0x0123456789abcdefull);
    run(0xf8408841); /* ldtr x1, [x2, #8] */
    cr_expect_eq(env.x[1], le(72, 8));
    run(0x38001841); /* sttrb w1, [x2, #1] */
    cr_expect_eq(mem[65], (uint8_t)le(72, 1));
}

Test(a64_ldst, register_offset)
{
    reset();
    env.x[3] = 2;
    run(0xf8637841); /* ldr x1, [x2, x3, lsl #3] */
    cr_expect_eq(env.x[1], le(16, 8));
    env.x[2] = M + 64;
    env.x[3] = 0x12345678ffffffffull; /* w3 = -1 */
    run(0xb863d841); /* ldr w1, [x2, w3, sxtw #2] */
    cr_expect_eq(env.x[1], le(60, 4));
    env.x[3] = 0xffffffff00000005ull;
    run(0x38634841); /* ldrb w1, [x2, w3, uxtw] */
    cr_expect_eq(env.x[1], 69);
    env.x[3] = ~0ull;
    mem[63] = 0x80;
    run(0x78a3f841); /* ldrsh x1, [x2, x3, sxtx #1] */
    cr_expect_eq(env.x[1], 0xffffffffffff803eull);
}

Test(a64_ldst, prfm_is_nop)
{
    reset();
    env.x[2] = 0; /* a prefetch never faults */
    env.x[3] = 0;
    cr_expect_eq(run(0xf9802040), IR_EXIT_LOOKUP); /* prfm pldl1keep, [x2, #64] */
    cr_expect_eq(run(0xf8a36840), IR_EXIT_LOOKUP); /* prfm pldl1keep, [x2, x3] */
    cr_expect_eq(run(0xd8000040), IR_EXIT_LOOKUP); /* prfm pldl1keep, .+8 */
    cr_expect_eq(env.pc, PC0 + 4);
}

Test(a64_ldst, literal)
{
    reset();
    mem[0x10b] = 0x99;
    run_at(M + 0x100, 0x58000041); /* ldr x1, .+8 */
    cr_expect_eq(env.x[1], (le(0x108, 8) & ~0xff000000ull) | 0x99000000ull);
    run_at(M + 0x100, 0x98000041); /* ldrsw x1, .+8 */
    cr_expect_eq(env.x[1], 0xffffffff990a0908ull);
    memset(&env.v[1], 0xee, 16);
    run_at(M + 0x100, 0x9c000081); /* ldr q1, .+16 */
    cr_expect_eq(env.v[1].d[0], le(0x110, 8));
    cr_expect_eq(env.v[1].d[1], le(0x118, 8));
}

Test(a64_ldst, pairs)
{
    reset();
    run(0xa9410c41); /* ldp x1, x3, [x2, #16] */
    cr_expect_eq(env.x[1], le(16, 8));
    cr_expect_eq(env.x[3], le(24, 8));
    env.x[2] = M + 64;
    run(0x29ff0c41); /* ldp w1, w3, [x2, #-8]! */
    cr_expect_eq(env.x[1], le(56, 4));
    cr_expect_eq(env.x[3], le(60, 4));
    cr_expect_eq(env.x[2], M + 56);
    run(0xa8c10c41); /* ldp x1, x3, [x2], #16 */
    cr_expect_eq(env.x[1], le(56, 8));
    cr_expect_eq(env.x[3], le(64, 8));
    cr_expect_eq(env.x[2], M + 72);
    env.x[31] = M + 256;
    env.x[1] = 0x1111111111111111ull;
    env.x[3] = 0x3333333333333333ull;
    run(0xa9bf0fe1); /* stp x1, x3, [sp, #-16]! */
    cr_expect_eq(env.x[31], M + 240);
    cr_expect_eq(rd64(240), 0x1111111111111111ull);
    cr_expect_eq(rd64(248), 0x3333333333333333ull);
    env.x[2] = M;
    mem[11] = 0x80;
    run(0x69410c41); /* ldpsw x1, x3, [x2, #8] */
    cr_expect_eq(env.x[1], 0xffffffff800a0908ull);
    cr_expect_eq(env.x[3], le(12, 4));
    run(0xa8400c41); /* ldnp x1, x3, [x2] */
    cr_expect_eq(env.x[1], le(0, 8));
    cr_expect_eq(env.x[3], (le(8, 8) & ~0xff000000ull) | 0x80000000ull);
    env.x[1] = 0xaaaaaaaa01020304ull;
    env.x[3] = 0xbbbbbbbb05060708ull;
    run(0x28008c41); /* stnp w1, w3, [x2, #4] */
    cr_expect_eq(rd64(4), 0x0506070801020304ull);
    cr_expect_eq(env.x[2], M);
}

Test(a64_ldst, simd_single_register)
{
    reset();
    memset(env.v, 0xee, sizeof(env.v));
    run(0x3dc00841); /* ldr q1, [x2, #32] */
    cr_expect_eq(env.v[1].d[0], le(32, 8));
    cr_expect_eq(env.v[1].d[1], le(40, 8));
    run(0x3d400441); /* ldr b1, [x2, #1] */
    cr_expect_eq(env.v[1].d[0], 1);
    cr_expect_eq(env.v[1].d[1], 0);
    run(0x7d400441); /* ldr h1, [x2, #2] */
    cr_expect_eq(env.v[1].d[0], 0x0302);
    run(0xbd400441); /* ldr s1, [x2, #4] */
    cr_expect_eq(env.v[1].d[0], le(4, 4));
    run(0xfd400441); /* ldr d1, [x2, #8] */
    cr_expect_eq(env.v[1].d[0], le(8, 8));
    cr_expect_eq(env.v[1].d[1], 0);
    env.v[1].d[0] = 0x1122334455667788ull;
    env.v[1].d[1] = 0x99aabbccddeeff00ull;
    run(0x3d800441); /* str q1, [x2, #16] */
    cr_expect_eq(rd64(16), 0x1122334455667788ull);
    cr_expect_eq(rd64(24), 0x99aabbccddeeff00ull);
    run(0xbc004441); /* str s1, [x2], #4 */
    cr_expect_eq(rd64(0), 0x0706050455667788ull);
    cr_expect_eq(env.x[2], M + 4);
    run(0xfc5ff041); /* ldur d1, [x2, #-1] */
    cr_expect_eq(env.v[1].d[0], 0x0a09080706050455ull);
    env.x[2] = M;
    env.x[3] = 3;
    run(0x3ce37841); /* ldr q1, [x2, x3, lsl #4] */
    cr_expect_eq(env.v[1].d[0], le(48, 8));
    cr_expect_eq(env.v[1].d[1], le(56, 8));
    run(0xad410841); /* ldp q1, q2, [x2, #32] */
    cr_expect_eq(env.v[1].d[1], le(40, 8));
    cr_expect_eq(env.v[2].d[0], le(48, 8));
    env.x[2] = M + 128;
    run(0x6dbf0841); /* stp d1, d2, [x2, #-16]! */
    cr_expect_eq(env.x[2], M + 112);
    cr_expect_eq(rd64(112), le(32, 8));
    cr_expect_eq(rd64(120), le(48, 8));
    env.x[2] = M + 200;
    run(0x2cc10841); /* ldp s1, s2, [x2], #8 */
    cr_expect_eq(env.v[1].d[0], le(200, 4));
    cr_expect_eq(env.v[2].d[0], le(204, 4));
    cr_expect_eq(env.v[2].d[1], 0);
    cr_expect_eq(env.x[2], M + 208);
}

Test(a64_ldst, exclusive_success)
{
    reset();
    run(0xc85f7c41); /* ldxr x1, [x2] */
    cr_expect_eq(env.x[1], le(0, 8));
    cr_expect_eq(env.excl_size, 8);
    cr_expect_eq(env.excl_addr, M);
    env.x[1] = 0xfeedfacecafebeefull;
    env.x[4] = 77;
    cr_expect_eq(run(0xc8047c41), IR_EXIT_LOOKUP); /* stxr w4, x1, [x2] */
    cr_expect_eq(env.x[4], 0);
    cr_expect_eq(rd64(0), 0xfeedfacecafebeefull);
    cr_expect_eq(env.excl_size, 0);
    cr_expect_eq(env.pc, PC0 + 4);
    /* a second store without a new load fails and leaves memory alone */
    env.x[1] = 5;
    run(0xc8047c41); /* stxr w4, x1, [x2] */
    cr_expect_eq(env.x[4], 1);
    cr_expect_eq(rd64(0), 0xfeedfacecafebeefull);
    cr_expect_eq(env.pc, PC0 + 4);
}

Test(a64_ldst, exclusive_failure)
{
    reset();
    run(0x085ffc41); /* ldaxrb w1, [x2] */
    cr_expect_eq(env.x[1], 0);
    cr_expect_eq(env.excl_size, 1);
    mem[0] = 9; /* another agent wrote in between */
    env.x[1] = 0x42;
    run(0xc8047c41 & ~0x40000000u); /* stxr w4, w1, [x2] (size W: mismatch) */
    cr_expect_eq(env.x[4], 1);
    cr_expect_eq(mem[0], 9);
    run(0x085ffc41); /* ldaxrb w1, [x2] */
    mem[0] = 10;
    run(0x0804fc41); /* stlxrb w4, w1, [x2] */
    cr_expect_eq(env.x[4], 1);
    cr_expect_eq(mem[0], 10);
    cr_expect_eq(env.excl_size, 0);
    /* halfword, other address */
    run(0x485ffc41); /* ldaxrh w1, [x2] */
    env.x[2] = M + 2;
    run(0x4804fc41); /* stlxrh w4, w1, [x2] */
    cr_expect_eq(env.x[4], 1);
    cr_expect_eq(mem[2], 2);
    env.x[2] = M;
    run(0x485ffc41); /* ldaxrh w1, [x2] */
    env.x[1] = 0xabcd1234;
    run(0x4804fc41); /* stlxrh w4, w1, [x2] */
    cr_expect_eq(env.x[4], 0);
    cr_expect_eq(mem[0], 0x34);
    cr_expect_eq(mem[1], 0x12);
    cr_expect_eq(mem[2], 2);
}

Test(a64_ldst, exclusive_pairs)
{
    reset();
    run(0xc87f0c41); /* ldxp x1, x3, [x2] */
    cr_expect_eq(env.x[1], le(0, 8));
    cr_expect_eq(env.x[3], le(8, 8));
    cr_expect_eq(env.excl_size, 16);
    env.x[1] = 0x1111;
    env.x[3] = 0x3333;
    run(0xc8240c41); /* stxp w4, x1, x3, [x2] */
    cr_expect_eq(env.x[4], 0);
    cr_expect_eq(rd64(0), 0x1111);
    cr_expect_eq(rd64(8), 0x3333);
    run(0xc87f0c41); /* ldxp x1, x3, [x2] */
    mem[9] = 1;
    run(0xc8240c41); /* stxp w4, x1, x3, [x2] */
    cr_expect_eq(env.x[4], 1);
    cr_expect_eq(rd64(8), 0x0133);
    cr_expect_eq(env.excl_size, 0);

    env.x[2] = M + 32;
    run(0x887f8c41); /* ldaxp w1, w3, [x2] */
    cr_expect_eq(env.x[1], le(32, 4));
    cr_expect_eq(env.x[3], le(36, 4));
    env.x[1] = 0xffffffff00000001ull;
    env.x[3] = 0x2;
    run(0x88248c41); /* stlxp w4, w1, w3, [x2] */
    cr_expect_eq(env.x[4], 0);
    cr_expect_eq(rd64(32), 0x0000000200000001ull);
    run(0x88248c41); /* stlxp w4, w1, w3, [x2] (no reservation) */
    cr_expect_eq(env.x[4], 1);
}

Test(a64_ldst, acquire_release)
{
    reset();
    run(0xc8dffc41); /* ldar x1, [x2] */
    cr_expect_eq(env.x[1], le(0, 8));
    env.x[1] = 0x5555555577777777ull;
    run(0x889ffc41); /* stlr w1, [x2] */
    cr_expect_eq(rd64(0), 0x0706050477777777ull);
    run(0x08dffc41); /* ldarb w1, [x2] */
    cr_expect_eq(env.x[1], 0x77);
    run(0xc8df7c41); /* ldlar x1, [x2] */
    cr_expect_eq(env.x[1], 0x0706050477777777ull);
    env.x[1] = 42;
    run(0xc89f7c41); /* stllr x1, [x2] */
    cr_expect_eq(rd64(0), 42);
    env.x[2] = M + 8;
    run(0xf8bfc041); /* ldapr x1, [x2] */
    cr_expect_eq(env.x[1], le(8, 8));
    run(0x38bfc041); /* ldaprb w1, [x2] */
    cr_expect_eq(env.x[1], 8);
    env.x[2] = M + 16;
    run(0xd95f8041); /* ldapur x1, [x2, #-8] */
    cr_expect_eq(env.x[1], le(8, 8));
    mem[17] = 0xc0;
    run(0x19801041); /* ldapursb x1, [x2, #1] */
    cr_expect_eq(env.x[1], 0xffffffffffffffc0ull);
    env.x[1] = 0xdeadbeef;
    run(0x99004041); /* stlur w1, [x2, #4] */
    cr_expect_eq(rd64(16), 0xdeadbeef1312c010ull);
}

Test(a64_ldst, cas)
{
    reset();
    env.x[1] = le(0, 8);
    env.x[3] = 0x1234;
    run(0xc8a17c43); /* cas x1, x3, [x2] */
    cr_expect_eq(rd64(0), 0x1234);
    cr_expect_eq(env.x[1], le(0, 8));
    env.x[1] = 7;
    run(0xc8a17c43); /* cas x1, x3, [x2] (fails) */
    cr_expect_eq(rd64(0), 0x1234);
    cr_expect_eq(env.x[1], 0x1234);
    env.x[1] = 0xffffff34; /* compared at byte size */
    env.x[3] = 0x99;
    run(0x08e17c43); /* casab w1, w3, [x2] */
    cr_expect_eq(mem[0], 0x99);
    cr_expect_eq(env.x[1], 0x34);
    env.x[1] = 0x1299;
    env.x[3] = 0xffffabcd;
    run(0x48e1fc43); /* casalh w1, w3, [x2] */
    cr_expect_eq(mem[0], 0xcd);
    cr_expect_eq(mem[1], 0xab);
    cr_expect_eq(mem[2], 0);
    cr_expect_eq(env.x[1], 0x1299);
}

Test(a64_ldst, casp)
{
    reset();
    env.x[4] = le(0, 8);
    env.x[5] = le(8, 8);
    env.x[6] = 0x66;
    env.x[7] = 0x77;
    run(0x48247c46); /* casp x4, x5, x6, x7, [x2] */
    cr_expect_eq(rd64(0), 0x66);
    cr_expect_eq(rd64(8), 0x77);
    cr_expect_eq(env.x[4], le(0, 8));
    cr_expect_eq(env.x[5], le(8, 8));
    env.x[4] = 0x66;
    env.x[5] = 0x78;
    run(0x48247c46); /* casp: fails */
    cr_expect_eq(rd64(8), 0x77);
    cr_expect_eq(env.x[4], 0x66);
    cr_expect_eq(env.x[5], 0x77);
    env.x[2] = M + 16;
    env.x[4] = le(16, 4);
    env.x[5] = le(20, 4);
    env.x[6] = 0xa;
    env.x[7] = 0xb;
    run(0x08247c46); /* casp w4, w5, w6, w7, [x2] */
    cr_expect_eq(rd64(16), 0x0000000b0000000aull);
    cr_expect_eq(env.x[4], le(16, 4));
    cr_expect_eq(env.x[5], le(20, 4));
    cr_expect_eq(run(0x48257c46), IR_EXIT_UNDEF); /* casp with odd Rs */
}

Test(a64_ldst, lse_atomics)
{
    reset();
    wr64(0, 100);
    env.x[1] = 5;
    run(0xf8218043); /* swp x1, x3, [x2] */
    cr_expect_eq(env.x[3], 100);
    cr_expect_eq(rd64(0), 5);
    env.x[1] = 0x1ff;
    run(0x38e18043); /* swpalb w1, w3, [x2] */
    cr_expect_eq(env.x[3], 5);
    cr_expect_eq(rd64(0), 0xff);
    env.x[1] = 1;
    run(0xf8210043); /* ldadd x1, x3, [x2] */
    cr_expect_eq(env.x[3], 0xff);
    cr_expect_eq(rd64(0), 0x100);
    wr64(0, 0xffffffffffffffffull);
    env.x[1] = 0xf0;
    run(0xb8e11043); /* ldclral w1, w3, [x2] */
    cr_expect_eq(env.x[3], 0xffffffffull);
    cr_expect_eq(rd64(0), 0xffffffffffffff0full);
    env.x[1] = 0xff;
    run(0xf8212043); /* ldeor x1, x3, [x2] */
    cr_expect_eq(rd64(0), 0xfffffffffffffff0ull);
    env.x[1] = 0x0f;
    run(0xf8213043); /* ldset x1, x3, [x2] */
    cr_expect_eq(env.x[3], 0xfffffffffffffff0ull);
    cr_expect_eq(rd64(0), ~0ull);
    wr64(0, 0x80); /* byte -128 */
    env.x[1] = 0x7f;
    run(0x38214043); /* ldsmaxb w1, w3, [x2] */
    cr_expect_eq(env.x[3], 0x80);
    cr_expect_eq(rd64(0), 0x7f);
    wr64(0, 0x0001);
    env.x[1] = 0x8000; /* halfword -32768 */
    run(0x78215043); /* ldsminh w1, w3, [x2] */
    cr_expect_eq(env.x[3], 1);
    cr_expect_eq(rd64(0), 0x8000);
    env.x[1] = 0xffff0000;
    run(0xb8216043); /* ldumax w1, w3, [x2] */
    cr_expect_eq(rd64(0), 0xffff0000);
    env.x[1] = 3;
    run(0xf8217043); /* ldumin x1, x3, [x2] */
    cr_expect_eq(env.x[3], 0xffff0000);
    cr_expect_eq(rd64(0), 3);
    env.x[1] = 4;
    run(0xf821005f); /* stadd x1, [x2] */
    cr_expect_eq(rd64(0), 7);
}

/*
 * Armv8.0 without FEAT_LSE2: exclusives, acquire/release and LSE atomics
 * to an address that is not a multiple of the access size (of the whole
 * pair for LDXP/STXP/CASP) leave with IR_EXIT_ALIGN at the instruction,
 * the address in fault_addr, and no other effect: no register, memory or
 * exclusive-monitor change (a misaligned STXR faults before its monitor
 * check).  Byte forms never fault.
 */
Test(a64_ldst, misaligned_faults)
{
    static const struct {
        uint32_t insn;
        int off;      /* x2 = M + 32 + off */
        int64_t disp; /* fault address - x2 */
    } mis[] = {
        {0xc85f7c41, 4, 0},  /* ldxr x1, [x2] */
        {0x485ffc41, 1, 0},  /* ldaxrh w1, [x2] */
        {0xc8047c41, 1, 0},  /* stxr w4, x1, [x2] */
        {0x8804fc41, 2, 0},  /* stlxr w4, w1, [x2] */
        {0xc87f0c41, 8, 0},  /* ldxp x1, x3, [x2]: 16-byte pair */
        {0x887f8c41, 4, 0},  /* ldaxp w1, w3, [x2]: 8-byte pair */
        {0xc8240c41, 8, 0},  /* stxp w4, x1, x3, [x2] */
        {0x88248c41, 4, 0},  /* stlxp w4, w1, w3, [x2] */
        {0xc8dffc41, 4, 0},  /* ldar x1, [x2] */
        {0x48dffc41, 1, 0},  /* ldarh w1, [x2] */
        {0x889ffc41, 2, 0},  /* stlr w1, [x2] */
        {0xc8df7c41, 4, 0},  /* ldlar x1, [x2] */
        {0x489f7c41, 1, 0},  /* stllrh w1, [x2] */
        {0xb8bfc041, 2, 0},  /* ldapr w1, [x2] */
        {0xd95f8041, 4, -8}, /* ldapur x1, [x2, #-8] */
        {0x99004041, 1, 4},  /* stlur w1, [x2, #4] */
        {0xc8a17c43, 4, 0},  /* cas x1, x3, [x2] */
        {0x48e1fc43, 1, 0},  /* casalh w1, w3, [x2] */
        {0x48247c46, 8, 0},  /* casp x4, x5, x6, x7, [x2] */
        {0x08247c46, 4, 0},  /* casp w4, w5, w6, w7, [x2] */
        {0xf8210043, 4, 0},  /* ldadd x1, x3, [x2] */
        {0x78e13043, 1, 0},  /* ldsetalh w1, w3, [x2] */
        {0xb8218043, 2, 0},  /* swp w1, w3, [x2] */
        {0xf821005f, 6, 0},  /* stadd x1, [x2] */
    };
    for (size_t i = 0; i < sizeof(mis) / sizeof(mis[0]); i++) {
        reset();
        uint64_t a = M + 32 + (uint64_t)mis[i].off;
        env.x[2] = a;
        for (int r = 1; r < 8; r++)
            if (r != 2)
                env.x[r] = 0x1000 + (uint64_t)r;
        /* a reservation on the address: STXR would pass its monitor check */
        env.excl_addr = a;
        env.excl_size = 8;
        uint8_t before[sizeof(mem)];
        memcpy(before, mem, sizeof(mem));
        cr_expect_eq(run(mis[i].insn), IR_EXIT_ALIGN, "%08x", mis[i].insn);
        cr_expect_eq(env.pc, PC0, "%08x", mis[i].insn);
        cr_expect_eq(env.fault_addr, a + (uint64_t)mis[i].disp, "%08x",
                     mis[i].insn);
        for (int r = 1; r < 8; r++)
            if (r != 2)
                cr_expect_eq(env.x[r], 0x1000 + (uint64_t)r, "%08x x%d",
                             mis[i].insn, r);
        cr_expect_eq(env.excl_size, 8, "%08x", mis[i].insn);
        cr_expect(!memcmp(before, mem, sizeof(mem)), "%08x wrote memory",
                  mis[i].insn);
    }
    /* byte accesses, and pairs aligned to the pair */
    static const uint32_t ok[] = {
        0x085f7c41, /* ldxrb w1, [x2] */
        0x08dffc41, /* ldarb w1, [x2] */
        0x38210043, /* ldaddb w1, w3, [x2] */
        0x38218043, /* swpb w1, w3, [x2] */
        0x08a17c43, /* casb w1, w3, [x2] */
        0x08047c41, /* stxrb w4, w1, [x2] */
    };
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        reset();
        env.x[2] = M + 33;
        cr_expect_eq(run(ok[i]), IR_EXIT_LOOKUP, "%08x", ok[i]);
        cr_expect_eq(env.pc, PC0 + 4, "%08x", ok[i]);
    }
    reset();
    env.x[2] = M + 40;
    cr_expect_eq(run(0x887f8c41), IR_EXIT_LOOKUP); /* ldaxp w1, w3 at 8 */
    cr_expect_eq(env.x[1], le(40, 4));
    /* SP as the base must be 16-aligned (Linux sets SCTLR_EL1.SA0), even
     * for an access that is aligned itself, byte accesses included */
    static const uint32_t sp_forms[] = {
        0xc85f7fe1, /* ldxr x1, [sp] */
        0xb82103e3, /* ldadd w1, w3, [sp] */
        0x08dfffe1, /* ldarb w1, [sp] */
    };
    for (size_t i = 0; i < sizeof(sp_forms) / sizeof(sp_forms[0]); i++) {
        reset();
        env.x[31] = M + 40;
        env.x[1] = 0x77;
        cr_expect_eq(run(sp_forms[i]), IR_EXIT_ALIGN, "%08x", sp_forms[i]);
        cr_expect_eq(env.fault_addr, M + 40, "%08x", sp_forms[i]);
        cr_expect_eq(env.x[1], 0x77, "%08x", sp_forms[i]);
        env.x[31] = M + 48;
        cr_expect_eq(run(sp_forms[i]), IR_EXIT_LOOKUP, "%08x", sp_forms[i]);
    }
}

static void fill_vregs(void)
{
    for (int r = 0; r < 32; r++)
        for (int i = 0; i < 16; i++)
            env.v[r].b[i] = (uint8_t)(0xa0 + r + 16 * i);
}

Test(a64_ldst, simd_multiple)
{
    reset();
    fill_vregs();
    run(0x4c407041); /* ld1 {v1.16b}, [x2] */
    for (int i = 0; i < 16; i++)
        cr_expect_eq(env.v[1].b[i], i);
    run(0x0cdfa041); /* ld1 {v1.8b, v2.8b}, [x2], #16 */
    cr_expect_eq(env.v[2].d[0], le(8, 8));
    cr_expect_eq(env.v[2].d[1], 0);
    cr_expect_eq(env.x[2], M + 16);
    env.x[3] = 100;
    run(0x4cc32841); /* ld1 {v1.4s-v4.4s}, [x2], x3 */
    cr_expect_eq(env.v[4].d[1], le(72, 8));
    cr_expect_eq(env.x[2], M + 116);
    env.x[2] = M + 512;
    run(0x4c006c41); /* st1 {v1.2d-v3.2d}, [x2] */
    cr_expect_eq(memcmp(mem + 512, &env.v[1], 48), 0);
    env.x[2] = M;
    run(0x4c408841); /* ld2 {v1.4s, v2.4s}, [x2] */
    for (int e = 0; e < 4; e++) {
        cr_expect_eq(env.v[1].s[e], le(8 * e, 4));
        cr_expect_eq(env.v[2].s[e], le(8 * e + 4, 4));
    }
    run(0x0cdf4041); /* ld3 {v1.8b-v3.8b}, [x2], #24 */
    for (int e = 0; e < 8; e++)
        for (int j = 0; j < 3; j++)
            cr_expect_eq(env.v[1 + j].b[e], 3 * e + j);
    cr_expect_eq(env.v[3].d[1], 0);
    cr_expect_eq(env.x[2], M + 24);
    env.x[2] = M;
    run(0x4c400441); /* ld4 {v1.8h-v4.8h}, [x2] */
    for (int e = 0; e < 8; e++)
        for (int j = 0; j < 4; j++)
            cr_expect_eq(env.v[1 + j].h[e], le(8 * e + 2 * j, 2));
    env.x[2] = M + 512;
    run(0x4c9f8041); /* st2 {v1.16b, v2.16b}, [x2], #32 */
    for (int e = 0; e < 16; e++) {
        cr_expect_eq(mem[512 + 2 * e], env.v[1].b[e]);
        cr_expect_eq(mem[512 + 2 * e + 1], env.v[2].b[e]);
    }
    cr_expect_eq(env.x[2], M + 544);
    fill_vregs();
    env.x[2] = M + 600;
    run(0x0c000841); /* st4 {v1.2s-v4.2s}, [x2] */
    for (int e = 0; e < 2; e++)
        for (int j = 0; j < 4; j++)
            cr_expect_eq(memcmp(mem + 600 + 16 * e + 4 * j,
                                &env.v[1 + j].s[e], 4), 0);
    cr_expect_eq(mem[632], (uint8_t)632);
    env.x[2] = M;
    run(0x4c408c5f); /* ld2 {v31.2d, v0.2d}, [x2] */
    cr_expect_eq(env.v[31].d[0], le(0, 8));
    cr_expect_eq(env.v[0].d[0], le(8, 8));
    cr_expect_eq(env.v[31].d[1], le(16, 8));
    cr_expect_eq(env.v[0].d[1], le(24, 8));
}

Test(a64_ldst, simd_lanes)
{
    reset();
    fill_vregs();
    A64Vreg old = env.v[1];
    run(0x0d409041); /* ld1 {v1.s}[1], [x2] */
    cr_expect_eq(env.v[1].s[1], le(0, 4));
    cr_expect_eq(env.v[1].s[0], old.s[0]);
    cr_expect_eq(env.v[1].d[1], old.d[1]);
    env.x[2] = M + 7;
    run(0x4ddf1c41); /* ld1 {v1.b}[15], [x2], #1 */
    cr_expect_eq(env.v[1].b[15], 7);
    cr_expect_eq(env.v[1].b[14], old.b[14]);
    cr_expect_eq(env.x[2], M + 8);
    env.x[2] = M + 512;
    run(0x4d008441); /* st1 {v1.d}[1], [x2] */
    cr_expect_eq(memcmp(mem + 512, &env.v[1].d[1], 8), 0);
    cr_expect_eq(mem[520], 8);
    env.x[3] = -2;
    run(0x0d835841); /* st1 {v1.h}[3], [x2], x3 */
    cr_expect_eq(memcmp(mem + 512, &env.v[1].h[3], 2), 0);
    cr_expect_eq(env.x[2], M + 510);
    env.x[2] = M + 4;
    run(0x4d40c841); /* ld1r {v1.4s}, [x2] */
    for (int e = 0; e < 4; e++)
        cr_expect_eq(env.v[1].s[e], le(4, 4));
    run(0x0ddfc041); /* ld1r {v1.8b}, [x2], #1 */
    cr_expect_eq(env.v[1].d[0], 0x0404040404040404ull);
    cr_expect_eq(env.v[1].d[1], 0);
    cr_expect_eq(env.x[2], M + 5);
    env.x[2] = M;
    run(0x4d60cc41); /* ld2r {v1.2d, v2.2d}, [x2] */
    cr_expect_eq(env.v[1].d[0], le(0, 8));
    cr_expect_eq(env.v[1].d[1], le(0, 8));
    cr_expect_eq(env.v[2].d[1], le(8, 8));
    fill_vregs();
    old = env.v[3];
    run(0x4d406841); /* ld3 {v1.h-v3.h}[5], [x2] */
    for (int j = 0; j < 3; j++)
        cr_expect_eq(env.v[1 + j].h[5], le(2 * j, 2));
    cr_expect_eq(env.v[3].h[4], old.h[4]);
    cr_expect_eq(env.v[3].h[6], old.h[6]);
    env.x[2] = M + 512;
    run(0x4dbfa041); /* st4 {v1.s-v4.s}[2], [x2], #16 */
    for (int j = 0; j < 4; j++)
        cr_expect_eq(memcmp(mem + 512 + 4 * j, &env.v[1 + j].s[2], 4), 0);
    cr_expect_eq(env.x[2], M + 528);
    env.x[2] = M;
    run(0x0d60e45e); /* ld4r {v30.4h, v31.4h, v0.4h, v1.4h}, [x2] */
    cr_expect_eq(env.v[30].d[0], 0x0100010001000100ull);
    cr_expect_eq(env.v[31].d[0], 0x0302030203020302ull);
    cr_expect_eq(env.v[0].d[0], 0x0504050405040504ull);
    cr_expect_eq(env.v[1].d[0], 0x0706070607060706ull);
    cr_expect_eq(env.v[1].d[1], 0);
}

Test(a64_ldst, unallocated)
{
    reset();
    cr_expect_eq(run(0xb9c00441), IR_EXIT_UNDEF); /* ldrsw to W (size=10 opc=11) */
    cr_expect_eq(run(0x69010c41), IR_EXIT_UNDEF); /* stgp (MTE, not implemented) */
    cr_expect_eq(run(0xdc000041), IR_EXIT_UNDEF); /* ldr literal V=1 opc=11 */
    cr_expect_eq(run(0x7dc00441), IR_EXIT_UNDEF); /* ldr (SIMD) size=01 opc=11 */
    cr_expect_eq(run(0x4c401041), IR_EXIT_UNDEF); /* ld multiple opcode 0001 */
    cr_expect_eq(run(0x0c408c41), IR_EXIT_UNDEF); /* ld2 {.1d} */
    cr_expect_eq(run(0x3c408841), IR_EXIT_UNDEF); /* sttr/ldtr with V=1 */
    cr_expect_eq(run(0xf8a32841), IR_EXIT_UNDEF); /* ldr register option=001 */
    cr_expect_eq(run(0x0d40d441), IR_EXIT_UNDEF); /* ld1r with S=1 */
    cr_expect_eq(run(0x0d000441 | 0xc000), IR_EXIT_UNDEF); /* st1r (L=0) */
    cr_expect_eq(env.x[2], M);
}
