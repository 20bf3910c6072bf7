/*
 * common/emu.h - process-wide options, logging and fatal errors.
 *
 * Options come from the command line or EMU_* environment variables
 * (linux-user/main.c).  Everything the user can get wrong ends in
 * emu_fatal(): one line on stderr naming the problem, exit status 1.
 */
#ifndef EMU_COMMON_EMU_H
#define EMU_COMMON_EMU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* -d categories */
enum {
    DBG_UNIMP = 1 << 0,   /* unimplemented instructions / syscalls */
    DBG_IN_ASM = 1 << 1,  /* guest code of each translated block */
    DBG_OP = 1 << 2,      /* IR of each block */
    DBG_OUT_ASM = 1 << 3, /* host code of each block */
    DBG_EXEC = 1 << 4,    /* each block executed */
    DBG_PAGE = 1 << 5,    /* guest memory map changes */
    DBG_SIGNAL = 1 << 6,
};

typedef struct EmuOptions {
    const char *ld_prefix;  /* -L / EMU_LD_PREFIX; NULL = none */
    const char *exe_path;   /* guest program as given */
    const char *real_exe;   /* absolute host path of the guest program */
    bool strace;            /* -strace / EMU_STRACE */
    unsigned dbg;           /* -d mask */
    bool no_jit;            /* EMU_JIT=0: run blocks in the IR interpreter */
    FILE *log;              /* -D file, default stderr */
    uint64_t seed;          /* -seed for AT_RANDOM; 0 = random */
    const char *argv0;      /* -0 */
    const char *cpu;        /* -cpu */
    /* A descriptor of the emulator's own executable (close-on-exec, kept
     * out of the guest's way: emu_fd_private()), used to re-execute emu
     * for a guest execve without going through /proc/self/exe, which a
     * chroot may lack or break; -1 when /proc was unusable at start-up. */
    int self_fd;
    /* The emulator runs with more privilege than its user (AT_SECURE from
     * the kernel: binfmt_misc C flag on a setuid guest; or real and
     * effective ids differ): EMU_* variables are ignored then. */
    bool privileged;
} EmuOptions;

extern EmuOptions emu_opts;
/* The emulator's name for messages ("emu-aarch64", "emu-arm"): set by
 * main() before anything can fail. */
extern const char *emu_prog;

/* Is fd one of the emulator's own descriptors (self_fd, the -D log)?  The
 * guest never opened them: close/dup3/close_range leave them alone. */
bool emu_fd_private(int fd);
/* Moves fd to a high close-on-exec number out of the guest's usual range
 * and returns the new number (fd itself if that fails). */
int emu_fd_hide(int fd);

void emu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void emu_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
