/*
 * tests/unit/test_arm_mul.c - the 64-bit-result multiplies of A32 and T32
 * (cpu/arm/mul.c) with RdLo == RdHi.  The Arm ARM calls that UNPREDICTABLE,
 * but Cortex-A cores and qemu-arm execute it with the high half written
 * last, and compiled code in the wild (hand-written bignum loops) relies on
 * it not trapping, so emu-arm must give the high half, not SIGILL.
 *
 * Encodings from arm-linux-gnueabihf-as (which warns about them); the
 * expected values are the high words of the 64-bit results with
 * r0 = 0x12345678, r1 = 0x9abcdef0 and rN = 0xdead000N beforehand.
 */
#include "arm-run.h"

#include "cpu/arm/arm-internal.h"

static ArmState st;

static ArmState *fresh(void)
{
    memset(&st, 0, sizeof(st));
    for (int i = 0; i < 13; i++)
        st.r[i] = 0xdead0000u + (uint32_t)i;
    st.r[0] = 0x12345678u;
    st.r[1] = 0x9abcdef0u;
    st.r[13] = ARM_DATA0 + 0x800;
    return &st;
}

Test(arm_mul, a32_long_multiplies_with_rdlo_eq_rdhi)
{
    ArmState *e = fresh();
    int r = A32_RUN(e, 0xe0822190,  /* umull r2, r2, r0, r1 */
                    0xe0c33190,     /* smull r3, r3, r0, r1 */
                    0xe0a44190,     /* umlal r4, r4, r0, r1 */
                    0xe0455190,     /* umaal r5, r5, r0, r1 */
                    0xe1466180,     /* smlalbb r6, r6, r0, r1 */
                    0xe7477110,     /* smlald r7, r7, r0, r1 */
                    0xe3a08000,     /* mov r8, #0 */
                    0xe0988190);    /* umulls r8, r8, r0, r1 */
    cr_assert_eq(r, IR_EXIT_LOOKUP, "executed, not SIGILL");
    cr_assert_eq(e->r[2], 0x0b00ea4eu);
    cr_assert_eq(e->r[3], 0xf8cc93d6u);
    cr_assert_eq(e->r[4], 0xe9adea53u);
    cr_assert_eq(e->r[5], 0x0b00ea4fu);
    cr_assert_eq(e->r[6], 0xdead0006u);
    cr_assert_eq(e->r[7], 0xdead0007u);
    cr_assert_eq(e->r[8], 0x0b00ea4eu);
    cr_assert_eq(e->nzcv & (ARM_NF | ARM_ZF), 0, "N, Z of the 64-bit value");
}

Test(arm_mul, t32_long_multiplies_with_rdlo_eq_rdhi)
{
    ArmState *e = fresh();
    int r = T_RUN(e, 0xfba0, 0x2201,    /* umull r2, r2, r0, r1 */
                  0xfbc0, 0x3301);      /* smlal r3, r3, r0, r1 */
    cr_assert_eq(r, IR_EXIT_LOOKUP, "executed, not SIGILL");
    cr_assert_eq(e->r[2], 0x0b00ea4eu);
    cr_assert_eq(e->r[3], 0xd77993dau);
}
