/*
 * tests/unit/test_arm_oracle.c - A32 and Thumb data-processing, multiply,
 * saturating, parallel, extend, bitfield, APSR, CRC32 and conditional/IT snippets with
 * r0..r12 and APSR inputs; the expected r0..r12, NZCV, Q and GE
 * were recorded from qemu-arm 7.2 running the same encodings.  Each
 * case runs through the front end raw, optimized and JIT-compiled
 * (tests/unit/arm-run.h).  The cases are in arm-oracle-cases.def, written
 * by tests/unit/arm-oracle-gen.py.
 */
#include "arm-run.h"

typedef struct OracleCase {
    const char *text;
    bool arm;
    uint8_t n;
    uint32_t code[8];
    uint32_t in[13], in_apsr;
    uint32_t out[13], out_apsr;
} OracleCase;

static const OracleCase cases[] = {
#include "arm-oracle-cases.def"
};

static void run_case(const OracleCase *c)
{
    ArmState st;
    memset(&st, 0, sizeof(st));
    for (int i = 0; i < 13; i++)
        st.r[i] = c->in[i];
    st.r[13] = 0x00300800u;
    st.nzcv = c->in_apsr & 0xf0000000u;
    st.q = c->in_apsr >> 27 & 1;
    st.ge = c->in_apsr & 0x000f0000u;
    int r;
    if (c->arm) {
        r = arm_test_run(&st, c->code, 4u * c->n, false);
    } else {
        uint16_t hw[8];
        for (int i = 0; i < c->n; i++)
            hw[i] = (uint16_t)c->code[i];
        r = arm_test_run(&st, hw, 2u * c->n, true);
    }
    cr_assert_eq(r, IR_EXIT_LOOKUP, "%s: exit %d", c->text, r);
    for (int i = 0; i < 13; i++)
        cr_expect_eq(st.r[i], c->out[i], "%s (%s): r%d = %#llx, want %#x",
                     c->text, c->arm ? "A32" : "Thumb", i,
                     (unsigned long long)st.r[i], c->out[i]);
    cr_expect_eq(st.nzcv & 0xf0000000u, c->out_apsr & 0xf0000000u,
                 "%s (%s): NZCV %#x, want %#x", c->text,
                 c->arm ? "A32" : "Thumb", st.nzcv,
                 c->out_apsr & 0xf0000000u);
    cr_expect_eq(!!st.q, c->out_apsr >> 27 & 1, "%s: Q", c->text);
    cr_expect_eq(st.ge, c->out_apsr & 0x000f0000u, "%s: GE %#x want %#x",
                 c->text, st.ge, c->out_apsr & 0x000f0000u);
}

Test(arm_oracle, all_cases)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        run_case(&cases[i]);
}
