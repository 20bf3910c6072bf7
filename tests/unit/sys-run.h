/*
 * tests/unit/sys-run.h - runs one guest syscall through the real entry
 * point (sys_a64_syscall: table, handler, result in x0), for the syscall
 * unit tests.  SC(nr, args...): missing arguments are zero.
 */
#ifndef EMU_TESTS_UNIT_SYS_RUN_H
#define EMU_TESTS_UNIT_SYS_RUN_H

#include <stdint.h>
#include <string.h>

#include "linux-user/aarch64/a64-guest.h"
#include "syscall/syscall.h"

static inline int64_t sc(int nr, const uint64_t *a)
{
    static A64State env;
    memset(&env, 0, sizeof(env));
    env.x[8] = (uint64_t)nr;
    memcpy(env.x, a, 6 * sizeof(uint64_t));
    sys_a64_syscall(&env);
    return (int64_t)env.x[0];
}
#define SC(nr, ...) sc(nr, (const uint64_t[6]){__VA_ARGS__})
#define SC0(nr) sc(nr, (const uint64_t[6]){0})

#endif
