/*
 * tests/unit/test_a64_dp.c - the A64 integer data-processing, branch and
 * system translators (cpu/aarch64/dp-imm.c, dp-reg.c, branch.c,
 * system.c) run through the IR interpreter.
 *
 * Each test decodes hard-coded encodings (assembled with
 * aarch64-linux-gnu-as; the assembly is in the comment next to each word)
 * into one IR block, runs it with ir_interp on an A64State, and checks
 * registers and NZCV.  Every block is run twice, raw and after
 * ir_optimize, and both runs must agree.  Expected values are written as
 * the plain C meaning of the instruction (or a known constant), not by
 * re-running our own code.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "cpu/aarch64/decode.h"
#include "cpu/aarch64/features.h"
#include "cpu/aarch64/translate.h"

#define PC0 0x400000ull
#define NF (1u << 31)
#define ZF (1u << 30)
#define CF (1u << 29)
#define VF (1u << 28)

#include "a64-run.h"

/* Runs raw and optimized; returns the exit kind, env gets the result. */
static int run_code(A64State *env, const uint32_t *code, int n, bool cmp)
{
    static A64State copy;
    copy = *env;
    int r1 = a64_test_run_once(&copy, code, n, false);
    int r2 = a64_test_run_once(env, code, n, true);
    cr_assert_eq(r1, r2, "exit kind differs after ir_optimize");
    if (cmp) {
        for (int i = 0; i < 32; i++)
            cr_assert_eq(copy.x[i], env->x[i], "x%d differs after ir_optimize",
                         i);
        cr_assert_eq(copy.nzcv, env->nzcv, "NZCV differs after ir_optimize");
        cr_assert_eq(copy.pc, env->pc);
    }
    return r1;
}

#define CODE(...)                                                              \
    (const uint32_t[]){__VA_ARGS__},                                           \
        (int)(sizeof((const uint32_t[]){__VA_ARGS__}) / 4)
#define RUN(env, ...) run_code(env, CODE(__VA_ARGS__), true)

static A64State st;

static A64State *fresh(void)
{
    memset(&st, 0, sizeof(st));
    for (int i = 0; i < 31; i++)
        st.x[i] = 0xdead0000u + (uint64_t)i;
    st.x[31] = 0x7ff000;
    return &st;
}

/* One instruction, inputs x1/x2/x3 and NZCV; returns x0. */
static uint64_t op3(uint32_t insn, uint64_t x0, uint64_t x1, uint64_t x2,
                    uint64_t x3, uint32_t nzcv_in)
{
    A64State *e = fresh();
    e->x[0] = x0, e->x[1] = x1, e->x[2] = x2, e->x[3] = x3;
    e->nzcv = nzcv_in;
    cr_assert_eq(run_code(e, &insn, 1, true), IR_EXIT_LOOKUP);
    cr_assert_eq(e->pc, PC0 + 4);
    return e->x[0];
}
#define op(insn, x1, x2) op3(insn, 0x5a5a5a5a5a5a5a5aull, x1, x2, 0, 0)

/* ---- add/sub and flags --------------------------------------------- */

Test(a64_dp, adds_subs_flags)
{
    A64State *e = fresh();
    e->x[1] = 0x7fffffffffffffffull, e->x[2] = 1;
    RUN(e, 0xab020020); /* adds x0, x1, x2 */
    cr_assert_eq(e->x[0], 0x8000000000000000ull);
    cr_assert_eq(e->nzcv, NF | VF);

    e = fresh();
    e->x[1] = ~0ull, e->x[2] = 1;
    RUN(e, 0xab020020); /* adds x0, x1, x2 */
    cr_assert_eq(e->x[0], 0);
    cr_assert_eq(e->nzcv, ZF | CF);

    e = fresh();
    e->x[1] = 0xffffffff00000000ull, e->x[2] = 1;
    RUN(e, 0x6b020020); /* subs w0, w1, w2: 0 - 1 borrows */
    cr_assert_eq(e->x[0], 0xffffffffull);
    cr_assert_eq(e->nzcv, NF);

    e = fresh();
    e->x[1] = 0x80000000, e->x[2] = 1;
    RUN(e, 0x6b020020); /* subs w0, w1, w2: INT32_MIN - 1 overflows */
    cr_assert_eq(e->x[0], 0x7fffffffull);
    cr_assert_eq(e->nzcv, CF | VF);

    e = fresh();
    e->x[1] = 0;
    RUN(e, 0xf100003f); /* cmp x1, #0 */
    cr_assert_eq(e->nzcv, ZF | CF);
    cr_assert_eq(e->x[31], 0x7ff000, "CMP must not write SP");

    e = fresh();
    e->x[1] = 0xffffffff7fffffffull;
    RUN(e, 0x31000420); /* adds w0, w1, #1 */
    cr_assert_eq(e->x[0], 0x80000000ull);
    cr_assert_eq(e->nzcv, NF | VF);
}

Test(a64_dp, addsub_imm_sp)
{
    A64State *e = fresh();
    e->x[31] = 0x100000;
    RUN(e, 0x914043e0, /* add x0, sp, #0x10, lsl #12 */
        0xd10083ff);   /* sub sp, sp, #32 */
    cr_assert_eq(e->x[0], 0x110000);
    cr_assert_eq(e->x[31], 0x100000 - 32);
    RUN(e, 0x910003e0); /* mov x0, sp */
    cr_assert_eq(e->x[0], 0x100000 - 32);
}

Test(a64_dp, addsub_shifted_extended)
{
    cr_assert_eq(op(0xcb0107e0, 5, 0), (uint64_t)-10); /* neg x0, x1, lsl #1 */
    /* add x0, x1, w2, sxtb #1 */
    cr_assert_eq(op(0x8b228420, 1000, 0x1234ff), 1000 - 2);
    /* adds x0, x1, w2, sxtw #4 */
    cr_assert_eq(op(0xab22d020, 0, 0xfffffffffffffffeull), (uint64_t)-32);

    A64State *e = fresh();
    e->x[31] = 0x10000, e->x[1] = 0xffffffff80000003ull;
    RUN(e, 0x8b214be0); /* add x0, sp, w1, uxtw #2 */
    cr_assert_eq(e->x[0], 0x10000 + 0x20000000cull);

    e = fresh();
    e->x[31] = 0x10000, e->x[1] = 0x100;
    RUN(e, 0xcb21e3ff); /* sub sp, sp, x1, sxtx #0 */
    cr_assert_eq(e->x[31], 0xff00);

    e = fresh();
    e->x[1] = 0x5ffff, e->x[2] = 0x1ffff;
    RUN(e, 0x6b22203f); /* cmp w1, w2, uxth: 0x5ffff - 0xffff */
    cr_assert_eq(e->nzcv, CF);
    cr_assert_eq(e->x[31], 0x7ff000);
}

Test(a64_dp, carry)
{
    cr_assert_eq(op3(0x9a020020, 0, 1, 2, 0, CF), 4); /* adc x0, x1, x2 */
    cr_assert_eq(op3(0x9a020020, 0, 1, 2, 0, 0), 3);
    cr_assert_eq(op3(0xda020020, 0, 5, 2, 0, CF), 3); /* sbc x0, x1, x2 */
    cr_assert_eq(op3(0xda020020, 0, 5, 2, 0, 0), 2);

    A64State *e = fresh();
    e->x[1] = 0xffffffff, e->x[2] = 0, e->nzcv = CF;
    RUN(e, 0x3a020020); /* adcs w0, w1, w2 */
    cr_assert_eq(e->x[0], 0);
    cr_assert_eq(e->nzcv, ZF | CF);

    e = fresh();
    e->x[1] = 0, e->x[2] = 0, e->nzcv = 0;
    RUN(e, 0x7a020020); /* sbcs w0, w1, w2: 0 - 0 - 1 */
    cr_assert_eq(e->x[0], 0xffffffffull);
    cr_assert_eq(e->nzcv, NF);
}

Test(a64_dp, ccmp_both_paths)
{
    A64State *e = fresh();
    e->x[3] = 1, e->x[4] = 2, e->nzcv = ZF;
    RUN(e, 0xfa440065); /* ccmp x3, x4, #5, eq -- eq holds: compare */
    cr_assert_eq(e->nzcv, NF);

    e = fresh();
    e->x[3] = 1, e->x[4] = 2, e->nzcv = 0;
    RUN(e, 0xfa440065); /* ccmp x3, x4, #5, eq -- eq fails: #5 */
    cr_assert_eq(e->nzcv, ZF | VF);

    e = fresh();
    e->x[3] = 0xfffffff9, e->nzcv = 0;
    RUN(e, 0x3a471862); /* ccmn w3, #7, #2, ne -- -7 + 7 */
    cr_assert_eq(e->nzcv, ZF | CF);

    e = fresh();
    e->x[3] = 0xfffffff9, e->nzcv = ZF;
    RUN(e, 0x3a471862); /* ccmn w3, #7, #2, ne -- ne fails: #2 */
    cr_assert_eq(e->nzcv, CF);

    e = fresh();
    e->x[3] = 9, e->x[4] = 9, e->nzcv = NF | VF;
    RUN(e, 0xfa44e065); /* ccmp x3, x4, #5, al */
    cr_assert_eq(e->nzcv, ZF | CF);

    /* The condition reads the flags from before the CCMP even though the
     * compare itself rewrites them: cmp x1, x2; ccmp x3, x4, #0, ge. */
    e = fresh();
    e->x[1] = 3, e->x[2] = 1, e->x[3] = 0, e->x[4] = 1;
    RUN(e, 0xeb02003f, /* cmp x1, x2 */
        0xfa44a060);   /* ccmp x3, x4, #0, ge */
    cr_assert_eq(e->nzcv, NF);
}

/* ---- logical --------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int count_distinct(uint64_t *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp_u64);
    int d = 0;
    for (int i = 0; i < n; i++)
        d += i == 0 || v[i] != v[i - 1];
    return d;
}

/* DecodeBitMasks accepts exactly the well-known logical immediates: the
 * sum over element sizes e of e*(e-1) distinct values, 5334 for X and
 * 1302 for W registers (unused high immr bits give repeats). */
Test(a64_dp, bitmask_immediates)
{
    static uint64_t v64[8192], v32[8192];
    int n64 = 0, n32 = 0;
    for (unsigned enc = 0; enc < 8192; enc++) {
        uint64_t w, t;
        unsigned n = enc >> 12, immr = (enc >> 6) & 63, imms = enc & 63;
        if (a64_decode_bitmask(1, n, imms, immr, true, &w, &t))
            v64[n64++] = w;
        if (!n && a64_decode_bitmask(0, 0, imms, immr, true, &w, &t)) {
            cr_assert_eq(w >> 32, 0);
            v32[n32++] = w;
        }
    }
    cr_assert_eq(count_distinct(v64, n64), 5334);
    cr_assert_eq(count_distinct(v32, n32), 1302);
    uint64_t w, t;
    cr_assert(!a64_decode_bitmask(1, 1, 63, 0, true, &w, &t)); /* all ones */
    cr_assert(a64_decode_bitmask(1, 0, 0x38, 1, true, &w, &t));
    cr_assert_eq(w, 0x8888888888888888ull); /* 4-bit element 0001 ror 1 */
}

Test(a64_dp, logical_imm)
{
    cr_assert_eq(op(0x9200f020, ~0ull, 0),
                 0x5555555555555555ull); /* and x0, x1, #0x5555555555555555 */
    cr_assert_eq(op(0x321e1fe0, 0, 0), 0x3fc); /* orr w0, wzr, #0x3fc */
    cr_assert_eq(op(0xd2103c20, 0x123456789abcdef0ull,
                    0), /* eor x0, x1, #0xffff0000ffff0000 */
                 0x123456789abcdef0ull ^ 0xffff0000ffff0000ull);
    A64State *e = fresh();
    e->x[1] = 0x80000001;
    RUN(e, 0x72010020); /* ands w0, w1, #0x80000000 */
    cr_assert_eq(e->x[0], 0x80000000ull);
    cr_assert_eq(e->nzcv, NF);
    e = fresh();
    e->x[1] = 0x12345;
    RUN(e, 0x927cec3f); /* and sp, x1, #0xfffffffffffffff0 */
    cr_assert_eq(e->x[31], 0x12340);
}

Test(a64_dp, logical_reg)
{
    uint64_t a = 0x0123456789abcdefull, b = 0xf0f0f0f00ff00ff0ull;
    cr_assert_eq(op(0x8ac22020, a, b),
                 a & (b >> 8 | b << 56)); /* and x0, x1, x2, ror #8 */
    cr_assert_eq(op(0xaaa20820, a, b),
                 a | ~(uint64_t)((int64_t)b >> 2)); /* orn x0, x1, x2, asr #2 */
    cr_assert_eq(
        op(0x4a620420, a, b),
        (uint32_t)(a ^ ~((uint32_t)b >> 1))); /* eon w0, w1, w2, lsr #1 */
    cr_assert_eq(op(0xaa2103e0, a, b), ~a);   /* mvn x0, x1 */
    cr_assert_eq(op(0x2a0103e0, a, b), (uint32_t)a); /* mov w0, w1 */

    A64State *e = fresh();
    e->x[1] = 0xff, e->x[2] = 0x1f;
    RUN(e, 0x6a220c20); /* bics w0, w1, w2, lsl #3 */
    cr_assert_eq(e->x[0], 0x7);
    cr_assert_eq(e->nzcv, 0);
    e->x[1] = 0x80000000, e->x[2] = 0, e->nzcv = CF | VF;
    RUN(e, 0x6a220c20);
    cr_assert_eq(e->nzcv, NF, "LOGICS clears C and V");
}

/* ---- move wide, bitfield, extract ------------------------------------ */

Test(a64_dp, move_wide)
{
    A64State *e = fresh();
    RUN(e, 0xd2824680, /* mov x0, #0x1234 */
        0xf2f579a0);   /* movk x0, #0xabcd, lsl #48 */
    cr_assert_eq(e->x[0], 0xabcd000000001234ull);
    cr_assert_eq(op(0x12800000, 0, 0), 0xffffffffull); /* movn w0, #0 */
    cr_assert_eq(op(0x92a00020, 0, 0),
                 0xfffffffffffeffffull); /* movn x0, #1, lsl #16 */
    cr_assert_eq(op3(0x72b7dde0, 0xffffffff12345678ull, 0, 0, 0, 0),
                 0xbeef5678ull); /* movk w0, #0xbeef, lsl #16 */
}

Test(a64_dp, bitfield_aliases)
{
    uint64_t x = 0xfedcba98f654b29cull, d = 0x1111111111111111ull;
    cr_assert_eq(op(0xd37cec20, x, 0), x << 4); /* lsl x0, x1, #4 */
    cr_assert_eq(op(0x531f7c20, x, 0), 1);      /* lsr w0, w1, #31 */
    cr_assert_eq(op(0x937ffc20, x, 0), ~0ull);  /* asr x0, x1, #63 */
    cr_assert_eq(op(0x93401c20, x, 0), (uint64_t)(int8_t)x);  /* sxtb x0, w1 */
    cr_assert_eq(op(0x13003c20, x, 0), (uint32_t)(int16_t)x); /* sxth w0, w1 */
    cr_assert_eq(op(0x93407c20, x, 0), (uint64_t)(int32_t)x); /* sxtw x0, w1 */
    cr_assert_eq(op(0x53001c20, x, 0), (uint8_t)x);           /* uxtb w0, w1 */
    cr_assert_eq(op(0x53003c20, x, 0), (uint16_t)x);          /* uxth w0, w1 */
    cr_assert_eq(op(0xd3484c20, x, 0),
                 (x >> 8) & 0xfff); /* ubfx x0, x1, #8, #12 */
    cr_assert_eq(op(0x93442c20, x, 0),
                 (uint64_t)(int8_t)(x >> 4)); /* sbfx x0, x1, #4, #8 */
    cr_assert_eq(op(0x93780c20, x, 0),
                 (uint64_t)-4 << 8); /* sbfiz x0, x1, #8, #4 (0xc = -4) */
    cr_assert_eq(op(0x531d1020, x, 0), (x & 0x1f)
                                           << 3); /* ubfiz w0, w1, #3, #5 */
    cr_assert_eq(op3(0xb3783c20, d, x, 0, 0, 0),  /* bfi x0, x1, #8, #16 */
                 (d & ~0xffff00ull) | (x & 0xffff) << 8);
    cr_assert_eq(op3(0x33042c20, d, x, 0, 0, 0), /* bfxil w0, w1, #4, #8 */
                 (uint32_t)((d & ~0xffull) | ((x >> 4) & 0xff)));
    cr_assert_eq(op(0x13047c20, x, 0),
                 (uint32_t)((int32_t)x >> 4));         /* asr w0, w1, #4 */
    cr_assert_eq(op(0x13000020, 1, 0), 0xffffffffull); /* sbfx w0, w1, #0, #1 */
}

Test(a64_dp, extract)
{
    uint64_t a = 0xfedcba98f654b29cull, b = 0x0123456789abcdefull;
    cr_assert_eq(op(0x93c23020, a, b),
                 b >> 12 | a << 52);   /* extr x0, x1, x2, #12 */
    cr_assert_eq(op(0x13811420, a, b), /* ror w0, w1, #5 */
                 (uint32_t)((uint32_t)a >> 5 | (uint32_t)a << 27));
    cr_assert_eq(op(0x13820020, a, b), (uint32_t)b); /* extr w0, w1, w2, #0 */
}

Test(a64_dp, pc_relative)
{
    cr_assert_eq(op(0x10008000, 0, 0), PC0 + 0x1000); /* adr x0, .+0x1000 */
    cr_assert_eq(op(0x10ffffe0, 0, 0), PC0 - 4);      /* adr x0, .-4 */
    cr_assert_eq(op(0xb0091a20, 0, 0),
                 PC0 + 0x12345000); /* adrp x0, .+0x12345000 */
}

/* ---- conditional select, 1/2/3 source -------------------------------- */

Test(a64_dp, conditional_select)
{
    cr_assert_eq(op3(0x9a82b020, 0, 1, 2, 0, NF), 1); /* csel x0, x1, x2, lt */
    cr_assert_eq(op3(0x9a82b020, 0, 1, 2, 0, 0), 2);
    cr_assert_eq(op3(0x1a820420, 0, 1, ~0ull, 0, 0),
                 0); /* csinc w0, w1, w2, eq */
    cr_assert_eq(op3(0xda821020, 0, 1, 2, 0, ZF),
                 ~2ull); /* csinv x0, x1, x2, ne */
    cr_assert_eq(op3(0xda82a420, 0, 1, 2, 0, NF),
                 (uint64_t)-2);                       /* csneg x0, x1, x2, ge */
    cr_assert_eq(op3(0x1a9f97e0, 0, 0, 0, 0, CF), 1); /* cset w0, hi */
    cr_assert_eq(op3(0x1a9f97e0, 0, 0, 0, 0, CF | ZF), 0);
    cr_assert_eq(op3(0xda9f23e0, 0, 0, 0, 0, 0), ~0ull); /* csetm x0, lo */
    cr_assert_eq(op3(0xda9f23e0, 0, 0, 0, 0, CF), 0);
    cr_assert_eq(op3(0x9a82e420, 0, 7, 2, 0, 0), 7); /* csinc x0, x1, x2, al */
}

Test(a64_dp, one_source)
{
    uint64_t x = 0x0123456789abcdefull;
    cr_assert_eq(op(0xdac00020, 1, 0), 1ull << 63);    /* rbit x0, x1 */
    cr_assert_eq(op(0x5ac00020, 3, 0), 0xc0000000ull); /* rbit w0, w1 */
    cr_assert_eq(op(0xdac00420, x, 0),
                 0x23016745ab89efcdull);               /* rev16 x0, x1 */
    cr_assert_eq(op(0x5ac00420, x, 0), 0xab89efcdull); /* rev16 w0, w1 */
    cr_assert_eq(op(0xdac00820, x, 0),
                 0x67452301efcdab89ull);               /* rev32 x0, x1 */
    cr_assert_eq(op(0x5ac00820, x, 0), 0xefcdab89ull); /* rev w0, w1 */
    cr_assert_eq(op(0xdac00c20, x, 0), 0xefcdab8967452301ull); /* rev x0, x1 */
    cr_assert_eq(op(0xdac01020, 0, 0), 64);                    /* clz x0, x1 */
    cr_assert_eq(op(0xdac01020, x, 0), 7);
    cr_assert_eq(op(0x5ac01020, 0xffffffff00000000ull, 0), 32); /* clz w0, w1 */
    cr_assert_eq(op(0xdac01420, 0, 0), 63);                     /* cls x0, x1 */
    cr_assert_eq(op(0xdac01420, ~0ull, 0), 63);
    cr_assert_eq(op(0xdac01420, 1ull << 63, 0), 0);
    cr_assert_eq(op(0xdac01420, 0xf0ull << 56, 0), 3);
    cr_assert_eq(op(0x5ac01420, 0x00000000ffff0000ull, 0), 15); /* cls w0, w1 */
    cr_assert_eq(op(0x5ac01420, 0x1, 0), 30);
}

Test(a64_dp, divide_and_shift)
{
    cr_assert_eq(op(0x9ac20820, 7, 0), 0); /* udiv x0, x1, x2: /0 */
    cr_assert_eq(op(0x9ac20820, ~0ull, 2), ~0ull / 2);
    cr_assert_eq(op(0x9ac20c20, 1ull << 63, ~0ull),
                 1ull << 63); /* sdiv x0, x1, x2: MIN/-1 */
    cr_assert_eq(op(0x9ac20c20, (uint64_t)-7, 2),
                 (uint64_t)-3); /* truncates toward 0 */
    cr_assert_eq(op(0x9ac20c20, 5, 0), 0);
    cr_assert_eq(op(0x1ac20820, 0x1ffffffffull, 2),
                 0x7fffffff); /* udiv w0, w1, w2 */
    cr_assert_eq(op(0x1ac20c20, 0x80000000, 0xffffffff),
                 0x80000000); /* sdiv w0: MIN/-1 */
    cr_assert_eq(op(0x1ac20c20, 0xfffffff9, 2), 0xfffffffd); /* sdiv w0: -7/2 */
    cr_assert_eq(op(0x9ac22020, 1, 65), 2); /* lsl x0, x1, x2: mod 64 */
    cr_assert_eq(op(0x1ac22420, 0x80000000, 33),
                 0x40000000); /* lsr w0, w1, w2: mod 32 */
    cr_assert_eq(op(0x9ac22820, 1ull << 63, 63), ~0ull); /* asr x0, x1, x2 */
    cr_assert_eq(op(0x1ac22c20, 1, 1), 0x80000000);      /* ror w0, w1, w2 */
}

Test(a64_dp, crc32)
{
    /* "123456789": CRC-32 0xcbf43926, CRC-32C 0xe3069283 (with the usual
     * ~ before and after, which the instructions leave to software). */
    A64State *e = fresh();
    e->x[0] = 0xffffffff, e->x[1] = 0x3837363534333231ull, e->x[2] = '9';
    RUN(e, 0x9ac14c00, /* crc32x w0, w0, x1 */
        0x1ac24000);   /* crc32b w0, w0, w2 */
    cr_assert_eq(e->x[0] ^ 0xffffffff, 0xcbf43926);
    e->x[0] = 0xffffffff;
    RUN(e, 0x9ac15c00, /* crc32cx w0, w0, x1 */
        0x1ac25000);   /* crc32cb w0, w0, w2 */
    cr_assert_eq(e->x[0] ^ 0xffffffff, 0xe3069283);
    /* crc32h/w of "12"/"1234" chained equals the byte-wise result */
    e->x[1] = 0xffffffff, e->x[2] = 0x34333231;
    RUN(e, 0x1ac24820); /* crc32w w0, w1, w2 */
    uint64_t w = e->x[0];
    e->x[1] = 0xffffffff, e->x[2] = 0x3231;
    RUN(e, 0x1ac24420); /* crc32h w0, w1, w2 */
    e->x[1] = e->x[0], e->x[2] = 0x3433;
    RUN(e, 0x1ac24420);
    cr_assert_eq(e->x[0], w);
}

Test(a64_dp, three_source)
{
    uint64_t a = 0x123456789ull, b = 0xfedcba987ull, c = 1000;
    cr_assert_eq(op3(0x9b020c20, 0, a, b, c, 0),
                 c + a * b); /* madd x0, x1, x2, x3 */
    cr_assert_eq(op3(0x1b028c20, 0, a, b, c, 0),
                 (uint32_t)(c - a * b)); /* msub w0, w1, w2, w3 */
    cr_assert_eq(op3(0x1b027c20, 0, a, b, 0, 0),
                 (uint32_t)(a * b)); /* mul w0, w1, w2 */
    cr_assert_eq(op3(0x9b02fc20, 0, a, b, 0, 0),
                 -(a * b)); /* mneg x0, x1, x2 */
    uint64_t m = 0xffffffff80000000ull,
             n = 0x7fffffffull; /* w: INT_MIN, INT_MAX */
    cr_assert_eq(op3(0x9b220c20, 0, m, n, c, 0),
                 c + (uint64_t)(-2147483648ll * 2147483647ll)); /* smaddl */
    cr_assert_eq(op3(0x9b228c20, 0, m, n, c, 0),
                 c - (uint64_t)(-2147483648ll * 2147483647ll)); /* smsubl */
    cr_assert_eq(op3(0x9ba20c20, 0, m, n, c, 0),
                 c + 0x80000000ull * 0x7fffffffull); /* umaddl */
    cr_assert_eq(op3(0x9ba28c20, 0, m, n, c, 0),
                 c - 0x80000000ull * 0x7fffffffull); /* umsubl */
    cr_assert_eq(op3(0x9ba27c20, 0, ~0ull, ~0ull, 0, 0),
                 0xfffffffe00000001ull); /* umull */
    cr_assert_eq(op(0x9b427c20, ~0ull, ~0ull),
                 0); /* smulh x0, x1, x2: -1 * -1 */
    cr_assert_eq(op(0x9b427c20, 1ull << 63, 2), ~0ull); /* MIN * 2 */
    cr_assert_eq(op(0x9bc27c20, ~0ull, ~0ull),
                 ~0ull - 1); /* umulh x0, x1, x2 */
}

/* ---- branches -------------------------------------------------------- */

static uint64_t branch(uint32_t insn, uint64_t x1, uint32_t nzcv, int *kind)
{
    A64State *e = fresh();
    e->x[1] = x1, e->nzcv = nzcv, e->x[30] = 0x5550;
    int k = run_code(e, &insn, 1, true);
    if (kind)
        *kind = k;
    return e->pc;
}

Test(a64_branch, direct)
{
    cr_assert_eq(branch(0x14000002, 0, 0, NULL), PC0 + 8); /* b .+8 */
    A64State *e = fresh();
    RUN(e, 0x94000040); /* bl .+0x100 */
    cr_assert_eq(e->pc, PC0 + 0x100);
    cr_assert_eq(e->x[30], PC0 + 4);
    cr_assert_eq(branch(0x54000060, 0, ZF, NULL), PC0 + 12); /* b.eq .+12 */
    cr_assert_eq(branch(0x54000060, 0, 0, NULL), PC0 + 4);
    cr_assert_eq(branch(0x54ffffce, 0, 0, NULL), PC0 - 8);  /* b.al .-8 */
    cr_assert_eq(branch(0xb4000081, 0, 0, NULL), PC0 + 16); /* cbz x1, .+16 */
    cr_assert_eq(branch(0xb4000081, 1ull << 40, 0, NULL), PC0 + 4);
    cr_assert_eq(branch(0x35000081, 1ull << 40, 0, NULL),
                 PC0 + 4); /* cbnz w1 */
    cr_assert_eq(branch(0x35000081, 1, 0, NULL), PC0 + 16);
    cr_assert_eq(branch(0xb6f80101, 1ull << 63, 0, NULL),
                 PC0 + 4); /* tbz x1, #63, .+32 */
    cr_assert_eq(branch(0xb6f80101, ~(1ull << 63), 0, NULL), PC0 + 32);
    cr_assert_eq(branch(0x371fff01, 8, 0, NULL),
                 PC0 - 32); /* tbnz w1, #3, .-32 */
    cr_assert_eq(branch(0x371fff01, 7, 0, NULL), PC0 + 4);
}

Test(a64_branch, indirect)
{
    cr_assert_eq(branch(0xd61f0020, 0x1234, 0, NULL), 0x1234); /* br x1 */
    cr_assert_eq(branch(0xd65f03c0, 0, 0, NULL), 0x5550);      /* ret */
    A64State *e = fresh();
    e->x[30] = 0x8888;
    RUN(e, 0xd63f03c0); /* blr x30: jumps to the old x30 */
    cr_assert_eq(e->pc, 0x8888);
    cr_assert_eq(e->x[30], PC0 + 4);
    e = fresh();
    e->x[5] = 0x9990;
    RUN(e, 0xd65f00a0); /* ret x5 */
    cr_assert_eq(e->pc, 0x9990);
}

/* ---- system ---------------------------------------------------------- */

Test(a64_system, exceptions)
{
    int k;
    cr_assert_eq(branch(0xd4000001, 0, 0, &k), PC0 + 4); /* svc #0 */
    cr_assert_eq(k, IR_EXIT_SYSCALL);
    A64State *e = fresh();
    cr_assert_eq(RUN(e, 0xd42000a0), IR_EXIT_BRK); /* brk #5 */
    cr_assert_eq(e->pc, PC0);
    cr_assert_eq(e->exc_info, 5);
    cr_assert_eq(branch(0xd4400060, 0, 0, &k), PC0); /* hlt #3 */
    cr_assert_eq(k, IR_EXIT_UNDEF);
    cr_assert_eq(branch(0x00000001, 0, 0, &k), PC0); /* udf #1 */
    cr_assert_eq(k, IR_EXIT_UNDEF);
}

Test(a64_system, hints_barriers)
{
    A64State *e = fresh();
    e->excl_size = 8;
    RUN(e, 0xd503201f, /* nop */
        0xd503205f,    /* wfe */
        0xd503245f,    /* bti c */
        0xd503233f,    /* paciasp */
        0xd50323bf,    /* autiasp */
        0xd5033f5f,    /* clrex */
        0xd5033bbf,    /* dmb ish */
        0xd50339bf,    /* dmb ishld */
        0xd5033abf,    /* dmb ishst */
        0xd5033f9f,    /* dsb sy */
        0xd50b7b21,    /* dc cvau, x1 */
        0xd5033fdf);   /* isb: ends the block */
    cr_assert_eq(e->pc, PC0 + 12 * 4);
    cr_assert_eq(e->excl_size, 0);
    cr_assert_eq(e->x[30], 0xdead001e, "PAC hints are NOPs");
    int k;
    cr_assert_eq(branch(0xd503203f, 0, 0, &k), PC0 + 4); /* yield */
    cr_assert_eq(k, IR_EXIT_YIELD);
}

Test(a64_system, dc_zva)
{
    static uint8_t buf[256] __attribute__((aligned(64)));
    memset(buf, 0xaa, sizeof(buf));
    A64State *e = fresh();
    e->x[1] = (uint64_t)(uintptr_t)(buf + 64 + 37);
    RUN(e, 0xd50b7421); /* dc zva, x1 */
    for (int i = 0; i < 256; i++)
        cr_assert_eq(buf[i], i >= 64 && i < 128 ? 0 : 0xaa, "byte %d", i);
}

Test(a64_system, sysregs)
{
    A64State *e = fresh();
    e->x[1] = 0xfeedface12345678ull, e->tpidrro_el0 = 0x777;
    RUN(e, 0xd51bd041); /* msr tpidr_el0, x1 */
    cr_assert_eq(e->tpidr_el0, 0xfeedface12345678ull);
    RUN(e, 0xd53bd040); /* mrs x0, tpidr_el0 */
    cr_assert_eq(e->x[0], 0xfeedface12345678ull);
    RUN(e, 0xd53bd060); /* mrs x0, tpidrro_el0 */
    cr_assert_eq(e->x[0], 0x777);

    e->x[1] = 0xffffffffa5ffffffull;
    RUN(e, 0xd51b4201, /* msr nzcv, x1 */
        0xd53b4200);   /* mrs x0, nzcv */
    cr_assert_eq(e->nzcv, NF | CF);
    cr_assert_eq(e->x[0], NF | CF);

    e->x[1] = ~0ull;
    RUN(e, 0xd51b4401); /* msr fpcr, x1 (ends the block) */
    RUN(e, 0xd53b4400); /* mrs x0, fpcr */
    cr_assert_eq(e->x[0], A64_FPCR_MASK);
    RUN(e, 0xd51b4421, /* msr fpsr, x1 */
        0xd53b4420);   /* mrs x0, fpsr */
    cr_assert_eq(e->x[0], A64_FPSR_MASK);

    RUN(e, 0xd5380000); /* mrs x0, midr_el1 */
    cr_assert_eq(e->x[0], A64_MIDR_VALUE);
    RUN(e, 0xd5380600); /* mrs x0, id_aa64isar0_el1 */
    cr_assert_eq(e->x[0], 0x211120);
    RUN(e, 0xd53b00e0); /* mrs x0, dczid_el0 */
    cr_assert_eq(e->x[0], 4);
    RUN(e, 0xd53b0020); /* mrs x0, ctr_el0 */
    cr_assert_eq(e->x[0], 0x8444c004);
    RUN(e, 0xd53be000); /* mrs x0, cntfrq_el0 */
    cr_assert_eq(e->x[0], A64_CNTFRQ_VALUE);

    uint32_t cntvct = 0xd53be040; /* mrs x0, cntvct_el0 */
    run_code(e, &cntvct, 1, false);
    uint64_t t0 = e->x[0];
    run_code(e, &cntvct, 1, false);
    cr_assert_gt(e->x[0], t0);
}

Test(a64_system, undefined_at_el0)
{
    static const uint32_t bad[] = {
        0xd51bd061, /* msr tpidrro_el0, x1 */
        0xd53b4220, /* mrs x0, daif */
        0xd508751f, /* ic iallu */
        0xd5180001, /* msr midr_el1, x1 */
        0xd5287500, /* sysl x0, #0, c7, c5, #0 */
        0xd4000002, /* hvc #0 */
        0xd65f0bff, /* retaa (PAC not advertised) */
    };
    for (unsigned i = 0; i < sizeof(bad) / 4; i++) {
        A64State *e = fresh();
        e->x[1] = 1;
        IRBlock b;
        ir_block_init(&b, &a64_guest_info, PC0);
        A64Ctx s = {.b = &b, .pc = PC0, .insn = bad[i]};
        ir_set_pc(&b, PC0);
        if (!a64_decode(&s, bad[i]))
            a64_undef(&s, true);
        cr_assert(s.end, "%08x must end the block", bad[i]);
        cr_assert_eq(ir_interp(&b, e), IR_EXIT_UNDEF, "%08x", bad[i]);
        cr_assert_eq(e->x[0], 0xdead0000, "%08x wrote x0", bad[i]);
        ir_block_free(&b);
    }
}

/* Unallocated encodings inside our rows return false (SIGILL). */
Test(a64_dp, unallocated_in_rows)
{
    static const uint32_t bad[] = {
        0x8b2c7420, /* add x0, x1, x12, uxtx #5: imm3 > 4 */
        0x0a028020, /* and w0, w1, w2, lsl #32 */
        0x0bc20020, /* add w0, w1, w2, ror #0: shift 11 */
        0x12c00000, /* movn w0, #0, lsl #32 */
        0x13400000, /* sbfm w0, w0, #0, #0 with N=1 */
        0x93000000, /* sbfm x0, x0, #0, #0 with N=0 */
        0x9240fc20, /* and x0, x1, #all-ones (N=1 imms=111111) */
        0x5ac00c20, /* rev64 with sf=0 */
        0x1ac24c20, /* crc32x with sf=0 */
        0x9ac24020, /* crc32b with sf=1 */
        0x13c28020, /* extr w0, w1, w2, #32 */
    };
    for (unsigned i = 0; i < sizeof(bad) / 4; i++) {
        A64State *e = fresh();
        uint32_t insn = bad[i];
        cr_assert_eq(run_code(e, &insn, 1, true), IR_EXIT_UNDEF, "%08x", insn);
        cr_assert_eq(e->pc, PC0);
    }
}

/* ---- the tables ---------------------------------------------------- */

typedef struct Row {
    const char *name, *pat;
} Row;

static const Row my_rows[] = {
#define A64(n, p) {#n, p},
#include "cpu/aarch64/branch.def"
#include "cpu/aarch64/dp-imm.def"
#include "cpu/aarch64/dp-reg.def"
#include "cpu/aarch64/system.def"
#undef A64
};

static void row_masks(const char *pat, uint32_t *mask, uint32_t *val,
                      uint32_t *free)
{
    int bit = 31;
    *mask = *val = *free = 0;
    for (const char *p = pat; *p; p++) {
        if (*p == ' ')
            continue;
        cr_assert_geq(bit, 0, "pattern too long: %s", pat);
        if (*p == '0' || *p == '1') {
            *mask |= 1u << bit;
            *val |= (uint32_t)(*p - '0') << bit;
        } else {
            *free |= 1u << bit;
        }
        bit--;
    }
    cr_assert_eq(bit, -1, "pattern not 32 bits: %s", pat);
}

/* Every row parses to 32 bits, no two of our rows overlap, and random
 * words of each row decode to that row (no other group's row shadows it). */
Test(a64_tables, rows_consistent)
{
    size_t n = sizeof(my_rows) / sizeof(my_rows[0]);
    uint32_t m[256], v[256], fr[256];
    cr_assert_lt(n, 256);
    for (size_t i = 0; i < n; i++)
        row_masks(my_rows[i].pat, &m[i], &v[i], &fr[i]);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            cr_assert(((v[i] ^ v[j]) & m[i] & m[j]) != 0,
                      "rows %s and %s overlap", my_rows[i].name,
                      my_rows[j].name);
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < 64; k++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            uint32_t w = v[i] | ((uint32_t)(seed >> 32) & ~m[i]);
            const char *got = a64_decode_name(w);
            cr_assert(got && strcmp(got, my_rows[i].name) == 0,
                      "%08x: row %s expected, decoder chose %s", w,
                      my_rows[i].name, got ? got : "(none)");
        }
    }
}

Test(a64_tables, hwcap_consistent)
{
    uint64_t hw = a64_hwcap();
    cr_assert(hw & A64_HWCAP_FP);
    cr_assert(hw & A64_HWCAP_ASIMD);
    cr_assert(hw & A64_HWCAP_CRC32);
    cr_assert(hw & A64_HWCAP_ATOMICS);
    cr_assert_eq(hw & (1ull << 2), 0, "no EVTSTRM");
    cr_assert_eq(a64_hwcap2(), 0);
    uint64_t isar0;
    cr_assert(a64_id_reg_read(A64_SYSREG(3, 0, 0, 6, 0), &isar0));
    cr_assert_eq(isar0 >> 20 & 15, 2, "LSE");
    cr_assert_eq(isar0 >> 16 & 15, 1, "CRC32");
    cr_assert_eq(isar0 >> 4 & 15, 2, "AES+PMULL");
    uint64_t x;
    cr_assert(!a64_id_reg_read(A64_SYSREG(3, 0, 0, 0, 1), &x));
    cr_assert(a64_id_reg_read(A64_SYSREG(3, 0, 0, 7, 0), &x));
    cr_assert_eq(x, 0);
}

/* The decoder's own overlap check must name none of our rows (other
 * groups' problems are theirs to report). */
Test(a64_tables, no_equal_specificity_overlap)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    a64_decoder_check(f);
    fclose(f);
    for (size_t i = 0; i < sizeof(my_rows) / sizeof(my_rows[0]); i++) {
        char pat[64];
        snprintf(pat, sizeof(pat), " %s ", my_rows[i].name);
        /* lines read "A64 rows A and B overlap ..." */
        cr_assert(strstr(text, pat) == NULL,
                  "decoder reports an overlap with %s: %s", my_rows[i].name,
                  text);
    }
    free(text);
}
