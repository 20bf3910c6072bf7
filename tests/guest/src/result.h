/*
 * result.h - what the syscall-level guest tests share: a pointer that is
 * never mapped, and one line per call result, "what: value" or
 * "what: -1 ERRNONAME", so expected files read the same for every build
 * (aarch64 under emu or qemu, x86-64 natively).
 */
#ifndef EMU_TESTS_GUEST_RESULT_H
#define EMU_TESTS_GUEST_RESULT_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define BAD ((void *)8) /* never mapped */

static inline void res(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else
        printf("%s: %ld\n", what, r);
}

#endif
