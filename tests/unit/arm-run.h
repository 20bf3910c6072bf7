/*
 * tests/unit/arm-run.h - shared by the emu-arm front-end unit tests: put
 * A32 or Thumb code into executable memory below 4 GiB (guest_base 0, so
 * a guest address is the host address), then run it block by block
 * through the real engine (arm_translate_block from env->key) and the
 * reference interpreter - raw, after ir_optimize, and compiled by the
 * x86-64 JIT - until control reaches the end of the code or leaves to the
 * cpu loop (SVC, UDF, BKPT, ...).  The three runs must agree on every
 * register, NZCV, Q, GE and the final key.
 *
 * Thumb code is written as halfwords in memory order (a 32-bit T32
 * encoding as its two halfwords, first one first).
 */
#ifndef EMU_TESTS_UNIT_ARM_RUN_H
#define EMU_TESTS_UNIT_ARM_RUN_H

#include <criterion/criterion.h>
#include <string.h>
#include <sys/mman.h>

#include "common/guest-mem.h"
#include "cpu/arm/translate.h"
#include "linux-user/mmap.h"
#include "tcg/ir.h"
#include "tcg/tb.h"
#include "tcg/x86-jit.h"

#define ARM_CODE0 0x00200000u /* guest address of the code */
#define ARM_CODE_MAX 0x1000u
#define ARM_DATA0 0x00300000u /* a read/write page for loads and stores */

#define ARM_NF (1u << 31)
#define ARM_ZF (1u << 30)
#define ARM_CF (1u << 29)
#define ARM_VF (1u << 28)

enum { ARM_RUN_RAW, ARM_RUN_OPT, ARM_RUN_JIT };

static inline void arm_test_map(void)
{
    static bool done;
    if (done)
        return;
    void *p = mmap((void *)(uintptr_t)ARM_CODE0, ARM_CODE_MAX,
                   PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    cr_assert(p == (void *)(uintptr_t)ARM_CODE0, "cannot map the test code");
    p = mmap((void *)(uintptr_t)ARM_DATA0, 0x1000, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    cr_assert(p == (void *)(uintptr_t)ARM_DATA0, "cannot map the test data");
    guest_map_note(ARM_CODE0, ARM_CODE_MAX, PROT_READ | PROT_EXEC, "test");
    guest_map_note(ARM_DATA0, 0x1000, PROT_READ | PROT_WRITE, "data");
    guest_base = 0;
    arm_frontend_init();
    cr_assert(x86_jit_init(&arm_guest_info), "JIT init failed");
    done = true;
}

/* Runs one block from env->key; returns the exit kind. */
static inline int arm_test_block(ArmState *env, int how)
{
    IRBlock b;
    ir_block_init(&b, &arm_guest_info, env->key);
    arm_translate_block(&b, env->key);
    if (how != ARM_RUN_RAW)
        ir_optimize(&b);
    int r;
    if (how == ARM_RUN_JIT) {
        TB tb;
        memset(&tb, 0, sizeof(tb));
        tb.pc = env->key;
        bool full = false;
        if (!x86_compile(&b, &tb, &full)) {
            cr_assert(full, "block at %#llx failed to compile",
                      (unsigned long long)env->key);
            x86_buf_flush();
            cr_assert(x86_compile(&b, &tb, &full), "compile after flush");
        }
        r = (int)x86_jit_enter(env, tb.code).kind;
    } else {
        r = ir_interp(&b, env);
    }
    ir_block_free(&b);
    return r;
}

/* Runs from the code's start until pc = end (returns IR_EXIT_LOOKUP) or
 * another exit; at most 1000 blocks. */
static inline int arm_test_exec(ArmState *env, bool thumb, uint32_t end,
                                int how)
{
    env->key = arm_make_key(ARM_CODE0, thumb, 0);
    for (int n = 0; n < 1000; n++) {
        int r = arm_test_block(env, how);
        if (r != IR_EXIT_LOOKUP)
            return r;
        if (env->key == arm_make_key(end, thumb, 0))
            return r;
    }
    cr_assert_fail("guest code did not finish");
    return -1;
}

static inline void arm_test_same(const ArmState *a, const ArmState *b,
                                 const char *what)
{
    for (int i = 0; i < 15; i++)
        cr_assert_eq(a->r[i], b->r[i], "%s: r%d %#llx vs %#llx", what, i,
                     (unsigned long long)a->r[i],
                     (unsigned long long)b->r[i]);
    cr_assert_eq(a->nzcv & 0xf0000000u, b->nzcv & 0xf0000000u,
                 "%s: NZCV %#x vs %#x", what, a->nzcv, b->nzcv);
    cr_assert_eq(!!a->q, !!b->q, "%s: Q", what);
    cr_assert_eq(a->ge, b->ge, "%s: GE", what);
    cr_assert_eq(a->key, b->key, "%s: key", what);
}

/* Copies the code in and runs it the three ways; env gets the result of
 * the interpreter run, the others must agree.  bytes = code size. */
static inline int arm_test_run(ArmState *env, const void *code,
                               size_t bytes, bool thumb)
{
    arm_test_map();
    cr_assert(bytes <= ARM_CODE_MAX);
    /* after the code: "b ." so the last block ends at the end address */
    for (uint32_t a = ARM_CODE0; a < ARM_CODE0 + ARM_CODE_MAX; a += 4)
        *(uint32_t *)(uintptr_t)a = thumb ? 0xe7fee7feu : 0xeafffffeu;
    memcpy((void *)(uintptr_t)ARM_CODE0, code, bytes);
    ArmState opt = *env, jit = *env;
    uint32_t end = ARM_CODE0 + (uint32_t)bytes;
    int r = arm_test_exec(env, thumb, end, ARM_RUN_RAW);
    int r2 = arm_test_exec(&opt, thumb, end, ARM_RUN_OPT);
    int r3 = arm_test_exec(&jit, thumb, end, ARM_RUN_JIT);
    cr_assert_eq(r, r2, "exit kind differs after ir_optimize");
    cr_assert_eq(r, r3, "exit kind differs in the JIT");
    arm_test_same(env, &opt, "ir_optimize");
    arm_test_same(env, &jit, "JIT");
    return r;
}

#define A32_RUN(env, ...)                                                     \
    arm_test_run(env, (const uint32_t[]){__VA_ARGS__},                        \
                 sizeof((const uint32_t[]){__VA_ARGS__}), false)
#define T_RUN(env, ...)                                                       \
    arm_test_run(env, (const uint16_t[]){__VA_ARGS__},                        \
                 sizeof((const uint16_t[]){__VA_ARGS__}), true)

#endif
