/*
 * loader/loader-int.h - what loader/elf.c and loader/stack.c share.
 * Not for use outside loader/.
 */
#ifndef EMU_LOADER_LOADER_INT_H
#define EMU_LOADER_LOADER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include "loader/loader.h"

/*
 * Maps the guest stack and lays out argc/argv/envp/auxv and the strings as
 * the arm64 kernel does (fs/exec.c + create_elf_tables()).  Reads
 * img->phdr, phnum, interp_base, prog_entry; fills img->sp, stack_lo/hi,
 * arg/env ranges, execfn and auxv, and the copy loader_auxv() returns.
 * execfn is the AT_EXECFN string.  The stack is not yet noted in the guest
 * map (loader_stack_note() does that once everything succeeded).
 */
bool loader_build_stack(GuestImage *img, const char *execfn, int argc,
                        char **argv, char **envp, bool secure, char *err,
                        size_t errlen);
void loader_stack_note(const GuestImage *img);

/* snprintf into err; always returns false so callers can `return fail(...)`. */
bool loader_fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
