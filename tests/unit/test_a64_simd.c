/*
 * tests/unit/test_a64_simd.c - the A64 AdvSIMD and crypto translators
 * (cpu/aarch64/simd-*.c, crypto.c) run through the IR interpreter.
 *
 * Each test decodes one hard-coded encoding (assembled with
 * aarch64-linux-gnu-as; the assembly is in the comment next to each
 * word), runs it with ir_interp on an A64State whose V1..V3 hold known
 * patterns, and checks the destination lanes, the zeroing of the upper
 * half on 64-bit writes and FPSR.QC.  Expected values are the plain C
 * meaning of the instruction or published test vectors (FIPS-197 for
 * AES).  The broad check against qemu is the differential program in
 * tests/guest (simd-diff), which runs ~1800 encodings on many inputs.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/aarch64/decode.h"
#include "cpu/aarch64/translate.h"

#define PC0 0x400000ull
#define QC (1u << 27)

static A64State st;

static void run1(uint32_t insn)
{
    IRBlock b;
    ir_block_init(&b, &a64_guest_info, PC0);
    A64Ctx s = {.b = &b, .pc = PC0, .insn = insn};
    ir_set_pc(&b, PC0);
    cr_assert(a64_decode(&s, insn), "no row decodes %08x", insn);
    cr_assert(!s.end, "%08x ended the block (undefined?)", insn);
    ir_set_pc(&b, PC0 + 4);
    ir_goto(&b, PC0 + 4);
    ir_optimize(&b);
    ir_interp(&b, &st);
    ir_block_free(&b);
}

/* V1 = bytes 0..15, V2 = bytes 0x10..0x1f, V3 = bytes 0xf0..0xff,
 * V0 filled with 0xee so writes of 64 bits show their zeroing. */
static void fresh(void)
{
    memset(&st, 0, sizeof(st));
    for (int i = 0; i < 16; i++) {
        st.v[0].b[i] = 0xee;
        st.v[1].b[i] = (uint8_t)i;
        st.v[2].b[i] = (uint8_t)(0x10 + i);
        st.v[3].b[i] = (uint8_t)(0xf0 + i);
    }
}

static void expect_q(int reg, uint64_t lo, uint64_t hi)
{
    cr_expect_eq(st.v[reg].d[0], lo, "V%d.d[0] = %016llx, want %016llx", reg,
                 (unsigned long long)st.v[reg].d[0], (unsigned long long)lo);
    cr_expect_eq(st.v[reg].d[1], hi, "V%d.d[1] = %016llx, want %016llx", reg,
                 (unsigned long long)st.v[reg].d[1], (unsigned long long)hi);
}

Test(simd_decode, rows_name_encodings)
{
    static const struct { uint32_t w; const char *name; } t[] = {
        {0x4ea28420, "ADD_v"},     /* add v0.4s, v1.4s, v2.4s */
        {0x4f02e420, "MOVI_8_v"},    /* movi v0.16b, #0x41 */
        {0x0e133c22, "UMOV_v"},    /* umov w2, v1.b[9] */
        {0x4e032020, "TBL_v"},     /* tbl v0.16b, {v1.16b, v2.16b}, v3.16b */
        {0x4ea11c20, "ORR_v"},     /* mov v0.16b, v1.16b */
        {0x2e205820, "NOT_v"},     /* mvn v0.8b, v1.8b */
        {0x4f210420, "SSHR_v"},    /* sshr v0.4s, v1.4s, #31 */
        {0x6fa20020, "MLA_ve"},    /* mla v0.4s, v1.4s, v2.s[1] */
        {0x5ef1b820, "ADDP_vs"},   /* addp d0, v1.2d */
        {0x7ee23420, "CMHI_vs"},   /* cmhi d0, d1, d2 */
        {0x4f30e420, "SCVTF_fix_v"}, /* scvtf v0.4s, v1.4s, #16 */
        {0x4e284820, "AESE"},      /* aese v0.16b, v1.16b */
        {0x5e282820, "SHA256SU0"}, /* sha256su0 v0.4s, v1.4s */
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        const char *n = a64_decode_name(t[i].w);
        cr_expect(n && !strcmp(n, t[i].name), "%08x decodes as %s, want %s",
                  t[i].w, n ? n : "(none)", t[i].name);
    }
}

Test(simd_copy, movi_mvni_bic_fmov)
{
    fresh();
    run1(0x4f02e420); /* movi v0.16b, #0x41 */
    expect_q(0, 0x4141414141414141ull, 0x4141414141414141ull);
    run1(0x6f002640); /* mvni v0.4s, #0x12, lsl #8 */
    expect_q(0, 0xffffedffffffedffull, 0xffffedffffffedffull);
    st.v[0].d[0] = st.v[0].d[1] = 0x1234567812345678ull;
    run1(0x6f0797e0); /* bic v0.8h, #0xff */
    expect_q(0, 0x1200560012005600ull, 0x1200560012005600ull);
    run1(0x4f03f600); /* fmov v0.4s, #1.0 */
    expect_q(0, 0x3f8000003f800000ull, 0x3f8000003f800000ull);
}

Test(simd_copy, dup_umov_smov_ins)
{
    fresh();
    st.x[1] = 0xabcd1234;
    run1(0x4e020c20); /* dup v0.8h, w1 */
    expect_q(0, 0x1234123412341234ull, 0x1234123412341234ull);
    run1(0x4e1c0420); /* dup v0.4s, v1.s[3] */
    expect_q(0, 0x0f0e0d0c0f0e0d0cull, 0x0f0e0d0c0f0e0d0cull);
    st.x[2] = ~0ull;
    run1(0x0e133c22); /* umov w2, v1.b[9] */
    cr_expect_eq(st.x[2], 9);
    st.v[1].h[5] = 0x8001;
    run1(0x4e162c22); /* smov x2, v1.h[5] */
    cr_expect_eq(st.x[2], 0xffffffffffff8001ull);
    run1(0x4e183c22); /* mov x2, v1.d[1] */
    cr_expect_eq(st.x[2], st.v[1].d[1]);
    fresh();
    st.x[1] = 0x11223344aabbccddull;
    run1(0x4e141c20); /* mov v0.s[2], w1 */
    expect_q(0, 0xeeeeeeeeeeeeeeeeull, 0xeeeeeeeeaabbccddull);
    run1(0x6e066420); /* mov v0.h[1], v1.h[6] */
    expect_q(0, 0xeeeeeeee0d0ceeeeull, 0xeeeeeeeeaabbccddull);
}

Test(simd_perm, tbl_tbx_ext_zip_uzp_trn_rev)
{
    fresh();
    st.v[3].d[0] = 0x20001f1e11100100ull; /* indices 0 1 16 17 30 31 0 32 */
    run1(0x0e032020); /* tbl v0.8b, {v1.16b, v2.16b}, v3.8b */
    expect_q(0, 0x00001f1e11100100ull, 0);
    fresh();
    st.v[3].d[0] = 0x0f0010ff00010203ull;
    st.v[3].d[1] = 0x8080808080808080ull;
    run1(0x4e031020); /* tbx v0.16b, {v1.16b}, v3.16b */
    expect_q(0, 0x0f00eeee00010203ull, 0xeeeeeeeeeeeeeeeeull);
    fresh();
    run1(0x6e021820); /* ext v0.16b, v1.16b, v2.16b, #3 */
    expect_q(0, 0x0a09080706050403ull, 0x1211100f0e0d0c0bull);
    run1(0x0e023820); /* zip1 v0.8b, v1.8b, v2.8b */
    expect_q(0, 0x1303120211011000ull, 0);
    run1(0x4e825820); /* uzp2 v0.4s, v1.4s, v2.4s */
    expect_q(0, 0x0f0e0d0c07060504ull, 0x1f1e1d1c17161514ull);
    run1(0x4e422820); /* trn1 v0.8h, v1.8h, v2.8h */
    expect_q(0, 0x1514050411100100ull, 0x1d1c0d0c19180908ull);
    run1(0x4e200820); /* rev64 v0.16b, v1.16b */
    expect_q(0, 0x0001020304050607ull, 0x08090a0b0c0d0e0full);
}

Test(simd_3same, arith_logic_compare)
{
    fresh();
    run1(0x4ea28420); /* add v0.4s, v1.4s, v2.4s */
    for (int i = 0; i < 4; i++)
        cr_expect_eq(st.v[0].s[i], st.v[1].s[i] + st.v[2].s[i]);
    run1(0x6ee28420); /* sub v0.2d, v1.2d, v2.2d */
    cr_expect_eq(st.v[0].d[1], st.v[1].d[1] - st.v[2].d[1]);
    run1(0x4ea11c20); /* mov v0.16b, v1.16b */
    expect_q(0, st.v[1].d[0], st.v[1].d[1]);
    st.v[0].d[0] = 0xff00ff00ff00ff00ull;
    st.v[0].d[1] = 0x0f0f0f0f0f0f0f0full;
    run1(0x6e621c20); /* bsl v0.16b, v1.16b, v2.16b */
    expect_q(0, 0x0716051403120110ull, 0x1f1e1d1c1b1a1918ull);
    fresh();
    st.v[2].b[3] = 3;
    st.v[2].b[12] = 12;
    run1(0x6e228c20); /* cmeq v0.16b, v1.16b, v2.16b */
    expect_q(0, 0x00000000ff000000ull, 0x000000ff00000000ull);
    run1(0x6e22a420); /* umaxp v0.16b, v1.16b, v2.16b */
    expect_q(0, 0x0f0d0b0907050301ull, 0x1f1d1b1917151211ull);
    run1(0x2e205820); /* mvn v0.8b, v1.8b */
    expect_q(0, ~0x0706050403020100ull, 0);
}

Test(simd_3same, saturation_sets_qc)
{
    fresh();
    st.v[1].b[0] = 200;
    st.v[2].b[0] = 100;
    run1(0x7e220c20); /* uqadd b0, b1, b2 */
    expect_q(0, 255, 0);
    cr_expect(st.fpsr & QC);
    fresh();
    st.v[1].h[2] = 0x7000;
    st.v[2].h[2] = 0x7000;
    st.v[1].h[3] = 0x8000;
    st.v[2].h[3] = 0xffff;
    run1(0x4e620c20); /* sqadd v0.8h, v1.8h, v2.8h */
    cr_expect_eq(st.v[0].h[2], 0x7fff);
    cr_expect_eq(st.v[0].h[3], 0x8000);
    cr_expect_eq(st.v[0].h[0], 0x0100 + 0x1110);
    cr_expect(st.fpsr & QC);
    fresh();
    st.v[1].d[0] = 0x8000000000000001ull;
    st.v[2].d[0] = (uint64_t)-1;  /* shift right by 1, arithmetic */
    st.v[1].d[1] = 1;
    st.v[2].d[1] = 63;
    run1(0x4ee24420); /* sshl v0.2d, v1.2d, v2.2d */
    expect_q(0, 0xc000000000000000ull, 0x8000000000000000ull);
    fresh();
    st.v[1].s[0] = 0x80000000;
    st.v[2].s[0] = 0x80000000;
    run1(0x6ea2b420); /* sqrdmulh v0.4s, v1.4s, v2.4s */
    cr_expect_eq(st.v[0].s[0], 0x7fffffff);
    cr_expect(st.fpsr & QC);
}

Test(simd_misc, cnt_across_narrow)
{
    fresh();
    run1(0x0e205820); /* cnt v0.8b, v1.8b */
    expect_q(0, 0x0302020102010100ull, 0);
    run1(0x4e31b820); /* addv b0, v1.16b */
    expect_q(0, 120, 0);
    run1(0x6e71a820); /* uminv h0, v1.8h */
    expect_q(0, 0x0100, 0);
    run1(0x6e303820); /* uaddlv h0, v1.16b */
    expect_q(0, 120, 0);
    fresh();
    run1(0x4e212820); /* xtn2 v0.16b, v1.8h */
    expect_q(0, 0xeeeeeeeeeeeeeeeeull, 0x0e0c0a0806040200ull);
    st.v[1].h[0] = 0x7fff;
    st.v[1].h[1] = 0xff80;
    st.v[1].h[2] = 0x8000;
    run1(0x0e214820); /* sqxtn v0.8b, v1.8h */
    expect_q(0, 0x7f7f7f7f7f80807full, 0);
    cr_expect(st.fpsr & QC);
    run1(0x5ef1b820); /* addp d0, v1.2d */
    expect_q(0, st.v[1].d[0] + st.v[1].d[1], 0);
}

Test(simd_shift, shifts)
{
    fresh();
    st.v[1].s[0] = 0x80000000;
    st.v[1].s[1] = 5;
    run1(0x4f210420); /* sshr v0.4s, v1.4s, #31 */
    cr_expect_eq(st.v[0].s[0], 0xffffffff);
    cr_expect_eq(st.v[0].s[1], 0);
    fresh();
    st.v[0].d[0] = 10;
    st.v[0].d[1] = 20;
    st.v[1].d[0] = 0x8000000000000000ull;
    run1(0x6f411420); /* usra v0.2d, v1.2d, #63 */
    expect_q(0, 11, 20);
    fresh();
    run1(0x0f108420); /* shrn v0.4h, v1.4s, #16 */
    expect_q(0, 0x0f0e0b0a07060302ull, 0);
    st.v[1].s[1] = 0xfffffffe;
    run1(0x0f23a420); /* sshll v0.2d, v1.2s, #3 */
    expect_q(0, 0x03020100ull << 3, (uint64_t)-16);
    fresh();
    st.v[1].s[0] = 0x00018000; /* 1.5 in 16.16 */
    run1(0x4f30e420); /* scvtf v0.4s, v1.4s, #16 */
    cr_expect_eq(st.v[0].s[0], 0x3fc00000);
}

Test(simd_3diff, long_mul_pmull)
{
    fresh();
    st.v[1].h[4] = 0x8000;
    st.v[2].h[4] = 0x7fff;
    run1(0x4e62c020); /* smull2 v0.4s, v1.8h, v2.8h */
    cr_expect_eq(st.v[0].s[0], (uint32_t)(-32768 * 32767));
    cr_expect_eq(st.v[0].s[1], 0x0b0a * 0x1b1a);
    fresh();
    st.v[1].s[1] = 0xffffffff;
    st.v[2].s[1] = 0xffffffff;
    run1(0x2ea2c020); /* umull v0.2d, v1.2s, v2.2s */
    expect_q(0, 0x03020100ull * 0x13121110ull, 0xfffffffe00000001ull);
    fresh();
    st.v[1].d[0] = 0x8000000000000001ull;
    st.v[2].d[0] = 3;
    run1(0x0ee2e020); /* pmull v0.1q, v1.1d, v2.1d */
    expect_q(0, 0x8000000000000003ull, 1);
    fresh();
    st.v[0].s[0] = 1;
    run1(0x6fa20020); /* mla v0.4s, v1.4s, v2.s[1] */
    cr_expect_eq(st.v[0].s[0], 1 + 0x03020100u * 0x17161514u);
}

Test(simd_fp, lanes)
{
    fresh();
    float a[4] = {1.5f, -2.0f, 1e30f, 0.25f}, b[4] = {2.25f, 2.0f, 1e30f, -1.0f};
    memcpy(st.v[1].f, a, 16);
    memcpy(st.v[2].f, b, 16);
    run1(0x4e22d420); /* fadd v0.4s, v1.4s, v2.4s */
    for (int i = 0; i < 4; i++)
        cr_expect_eq(st.v[0].f[i], a[i] + b[i]);
    run1(0x6e22d420); /* faddp v0.4s, v1.4s, v2.4s */
    cr_expect_eq(st.v[0].f[0], a[0] + a[1]);
    cr_expect_eq(st.v[0].f[3], b[2] + b[3]);
    run1(0x6e30f820); /* fmaxv s0, v1.4s */
    cr_expect_eq(st.v[0].f[0], 1e30f);
    cr_expect_eq(st.v[0].s[1], 0);
    double d[2] = {-3.75, 1e300};
    memcpy(st.v[1].df, d, 16);
    run1(0x4ee1b820); /* fcvtzs v0.2d, v1.2d */
    expect_q(0, (uint64_t)-3, 0x7fffffffffffffffull);
}

Test(simd_crypto, aes_vectors)
{
    fresh();
    memset(&st.v[0], 0, 16);
    memset(&st.v[1], 0, 16);
    run1(0x4e284820); /* aese v0.16b, v1.16b: SubBytes(0) = 0x63 */
    expect_q(0, 0x6363636363636363ull, 0x6363636363636363ull);
    /* FIPS-197 / common MixColumns vector: db 13 53 45 -> 8e 4d a1 bc */
    for (int c = 0; c < 4; c++) {
        st.v[1].b[4 * c + 0] = 0xdb;
        st.v[1].b[4 * c + 1] = 0x13;
        st.v[1].b[4 * c + 2] = 0x53;
        st.v[1].b[4 * c + 3] = 0x45;
    }
    run1(0x4e286820); /* aesmc v0.16b, v1.16b */
    expect_q(0, 0xbca14d8ebca14d8eull, 0xbca14d8ebca14d8eull);
}

/* Names of the simd rows, to pick our rows out of the decoder check. */
static const char *const simd_rows[] = {
#define A64(name, pat) #name,
#include "cpu/aarch64/simd.def"
#undef A64
};

static bool is_simd_row(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof(simd_rows) / sizeof(simd_rows[0]); i++)
        if (strlen(simd_rows[i]) == len && !strncmp(simd_rows[i], name, len))
            return true;
    return false;
}

Test(simd_decode, no_equal_specificity_overlaps)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    a64_decoder_check(f);
    fclose(f);
    /* Lines read "A64 rows X and Y overlap with equal specificity". */
    for (char *line = text; line && *line;) {
        char *end = strchr(line, '\n');
        char x[64] = "", y[64] = "";
        if (sscanf(line, "A64 rows %63s and %63s", x, y) == 2)
            cr_expect(!is_simd_row(x, strlen(x)) && !is_simd_row(y, strlen(y)),
                      "overlap: %s / %s", x, y);
        line = end ? end + 1 : NULL;
    }
    free(text);
}

Test(simd_decode, reserved_encodings_undef)
{
    /* add v0.1d, v1.1d, v2.1d (size=11, Q=0) is unallocated. */
    IRBlock b;
    ir_block_init(&b, &a64_guest_info, PC0);
    A64Ctx s = {.b = &b, .pc = PC0, .insn = 0x0ee28420};
    cr_assert(a64_decode(&s, 0x0ee28420));
    cr_expect(s.end, "reserved ADD 1D should end the block with SIGILL");
    ir_block_free(&b);
}
