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
 * the arm64 or arm kernel does (fs/exec.c + create_elf_tables()).  Reads
 * img->guest, phdr, phnum, interp_base, prog_entry, and for 32-bit ARM
 * img->stack_hi, the stack top chosen by the caller (AArch64: wherever the
 * host puts it); fills img->sp, stack_lo/hi,
 * arg/env ranges, execfn and auxv, and the copy loader_auxv() returns.
 * execfn is the AT_EXECFN string.  The stack is not yet noted in the guest
 * map (loader_stack_note() does that once everything succeeded).
 */
bool loader_build_stack(GuestImage *img, const char *execfn, int argc,
                        char **argv, char **envp, bool secure, char *err,
                        size_t errlen);
void loader_stack_note(const GuestImage *img);

/* Gives guest [addr, addr+len) back: munmap for AArch64; for a 32-bit guest
 * a PROT_NONE MAP_FIXED mapping, so the 4 GiB reservation stays whole. */
void loader_vm_release(bool g32, uint64_t addr, uint64_t len);

/* Address-space randomisation as the kernel would do it for us: off under
 * personality ADDR_NO_RANDOMIZE (setarch -R) or randomize_va_space 0.
 * loader_random32() comes from -seed when given (reproducible), else
 * getrandom(). */
bool loader_randomize(void);

/* The kuser page (arm-kuser.c): build maps and fills it (nothing noted),
 * note records it in the guest map once the whole load succeeded. */
bool loader_arm_kuser_build(char *err, size_t errlen);
void loader_arm_kuser_note(void);
uint32_t loader_random32(void);

/* snprintf into err; always returns false so callers can `return fail(...)`. */
bool loader_fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
