/*
 * tests/unit/a64-run.h - shared by the A64 front-end unit tests: decode a
 * list of encodings into one IR block (as cpu/aarch64/translate.c would
 * from guest memory), optionally run the IR passes, and execute it with
 * the reference interpreter.  Each test file defines PC0 first.
 */
#ifndef EMU_TESTS_UNIT_A64_RUN_H
#define EMU_TESTS_UNIT_A64_RUN_H

#include <criterion/criterion.h>

#include "cpu/aarch64/translate.h"
#include "tcg/ir.h"

/* Returns the exit kind; env gets the result. */
static inline int a64_test_run_once(A64State *env, const uint32_t *code,
                                    int n, bool opt)
{
    IRBlock b;
    ir_block_init(&b, &a64_guest_info, PC0);
    A64Ctx s = {.b = &b};
    uint64_t pc = PC0;
    for (int i = 0; i < n; i++) {
        ir_set_pc(&b, pc);
        s.pc = pc;
        s.insn = code[i];
        s.end = false;
        cr_assert(a64_decode(&s, code[i]), "no row decodes %08x", code[i]);
        pc += 4;
        b.guest_insns++;
        if (s.end)
            break;
    }
    if (!s.end) {
        ir_set_pc(&b, pc);
        ir_goto(&b, pc);
    }
    if (opt)
        ir_optimize(&b);
    int r = ir_interp(&b, env);
    ir_block_free(&b);
    return r;
}

#endif
