/*
 * common/guest-arch.h - the description of the guest architecture this
 * executable emulates: data and hooks that the guest-neutral Linux layer
 * (linux-user/, syscall/, loader/) calls instead of knowing a CPU state.
 *
 * emu-aarch64 and emu-arm link the same main.c and core; each links its
 * own guest library (emua64: cpu/aarch64 + linux-user/aarch64; emuarm:
 * cpu/arm + linux-user/arm), whose description main() points guest_arch
 * at before anything else runs.  The core names no guest: guest_arch is
 * NULL until then (the unit tests set it, tests/unit/guest-default.c).
 *
 * `env` below is the guest CPU state of one thread (A64State, ArmState):
 * env_size bytes, env_align aligned, owned by its thread.
 */
#ifndef EMU_COMMON_GUEST_ARCH_H
#define EMU_COMMON_GUEST_ARCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/ir.h"

struct SysAbi;
struct GuestSigaction;
struct GuestImage;

typedef struct GuestArch {
    const char *name;          /* "aarch64", "arm" */
    const char *prog;          /* emu_prog: "emu-aarch64", "emu-arm" */
    const char *uname_machine; /* uname -m: "aarch64", "armv7l" */
    uint16_t elf_machine;      /* EM_AARCH64, EM_ARM */
    uint8_t elf_class;         /* ELFCLASS64, ELFCLASS32 */
    bool addr32;               /* 32-bit guest in a 4 GiB reservation */
    uint64_t task_size;        /* top of the guest's user address space */
    size_t env_size, env_align;
    const IRGuestInfo *ir_info;
    void (*translate)(IRBlock *b, uint64_t key); /* tb front end */
    const struct SysAbi *abi;
    uint32_t minsigstksz;      /* sigaltstack's MINSIGSTKSZ */
    /* -cpu: the accepted model names (NULL-terminated; all name the one
     * CPU emu implements) and the line -cpu help prints above them. */
    const char *const *cpu_names;
    const char *cpu_help;

    /* Start-up, after the guest memory map exists and before loading
     * (the front end's guest_base, signal-return pages...).  May be NULL. */
    void (*init)(void);
    /* The first thread's registers from the loaded image. */
    void (*start)(void *env, const struct GuestImage *img);
    /* Guest pc of the current instruction (no state bits) and sp. */
    uint64_t (*get_pc)(const void *env);
    uint64_t (*get_sp)(const void *env);
    /* clone: the child's registers from a copy of the parent's: result
     * register 0, sp = newsp when nonzero, TLS = tls when settls. */
    void (*clone_child)(void *env, uint64_t newsp, bool settls, uint64_t tls);
    /* A cpu-loop exit other than IR_EXIT_SYSCALL/YIELD/LOOKUP: raise the
     * guest exception it stands for (sig_raise_sync). */
    void (*cpu_exit)(void *env, int ir_exit);

    /* Signal frames (arch/<arch>/kernel/signal.c).  setup_frame builds the
     * frame for sig below sp (already switched to the alternate stack if
     * needed), with uc_sigmask = mask and the stack_t of *ss, and points
     * env at the handler; returns the guest address of the frame's
     * uc_sigmask, or 0 when the frame does not fit (SIGSEGV). */
    uint64_t (*setup_frame)(void *env, int sig, const siginfo_t *info,
                            const struct GuestSigaction *ka, uint64_t sp,
                            uint64_t mask, uint64_t ss_sp, uint64_t ss_size,
                            int ss_flags);
    /* rt_sigreturn / sigreturn (NULL: none): restores env and the mask
     * from the frame at sp; returns the restored result register, or
     * calls sig_bad_frame(). */
    int64_t (*rt_sigreturn)(void *env);
    int64_t (*sigreturn)(void *env);
    /* A syscall a signal interrupted: rewind to re-execute the svc with
     * the result register = orig_a0; unrewind undoes that and stores r. */
    void (*syscall_rewind)(void *env, uint64_t orig_a0);
    void (*syscall_unrewind)(void *env, int64_t r);

    /* /proc and auxv. */
    uint64_t (*hwcap)(void);
    uint64_t (*hwcap2)(void);
    void (*cpuinfo)(FILE *f);
} GuestArch;

extern const GuestArch *guest_arch;

#endif
