/*
 * syscall/sys-internal.h - what every syscall handler file sees.
 *
 * One syscall layer serves every guest ABI (AArch64 and ARM EABI).  Each
 * ABI has a table (syscall/a64-table.def, syscall/arm-table.def) with one
 * row per guest syscall, indexed by the guest's number:
 *     SYS(nr, name, ret, kinds...)   handler int64_t sys_name(SysCall *c)
 *     PASS(nr, name, ret, kinds...)  host syscall SYS_name, scalar args only
 *     NOSYS(nr, name)                known to exist, not implemented
 * The argument kinds drive the -strace printer; handlers check and convert
 * their own pointer arguments with the helpers below.
 *
 * ---- Guest addresses (the one rule) ----
 * A guest address a lives at host address g2h(a) = guest_base + a
 * (common/guest-mem.h): guest_base is 0 for AArch64, and for ARM the start
 * of emu-arm's 4 GiB reservation, which is nonzero under -B or when the
 * low 4 GiB are taken.  So:
 *   - c->a[] always hold guest values: a pointer argument is a guest
 *     address, checked and printed (-strace) as the guest passed it;
 *   - a host pointer for the host kernel comes only from the helpers
 *     below and in syscall/uaccess.h (sys_ptr, sys_hptr, sys_fix*,
 *     sys_str, sys_path, sys_upath, arm_iov): they return g2h(addr) for a
 *     good range, NULL for NULL, and a faulting host address for a bad
 *     one.  A raw c->a[i] never goes to the host as a pointer;
 *   - emu reads and writes guest memory itself only through g2h() of a
 *     checked address (arm_get/arm_put, or g2h after sys_ok);
 *   - what the host hands back that the guest will see as an address
 *     (mmap, mremap, shmat, brk results, fault addresses) goes through
 *     h2g() or is already a guest address (common/guest-map.c);
 *   - pointers inside guest structures (iovec bases, msghdr fields,
 *     sigevent values, futex uaddr2, the robust list) are guest addresses
 *     and are translated the same way when the host must follow them;
 *     code addresses the host never follows (a sigaction handler, clone's
 *     new stack) stay guest addresses.
 * Every pointer is checked against the guest memory map (guest_range_ok)
 * before the host touches it: a bad pointer is -EFAULT, never a host fault
 * and never a write into the emulator's own memory.
 *
 * ---- The ABI contract (SysCall, SysAbi) ----
 * The ABI's entry (sys_syscall) fetches the number and the arguments from
 * the guest registers into a SysCall, runs the row, and writes the result
 * back:
 *   AArch64: nr = x8, a[0..5] = x0..x5 (64-bit), result to x0.
 *   EABI:    nr = r7, a[0..6] = r0..r6, each ZERO-extended from 32 bits,
 *            result to r0 (its low 32 bits: -errno and addresses above
 *            2 GiB both come out right).  Numbers 0xf0001..0xf0006 are the
 *            ARM-private calls (breakpoint, cacheflush, usr26, usr32,
 *            set_tls, get_tls), served by the ABI's `private_call` hook
 *            (linux-user/arm/), not by the table.
 * So a handler written for AArch64 serves EABI unchanged when every
 * argument is an unsigned value, an int, or a pointer to a structure whose
 * layout is the same on both (char buffers, int arrays, struct timespec64
 * ...): reuse it by naming it in arm-table.def, e.g.
 *     SYS(3, read, R_INT, A_INT, A_BUF, A_LONG)        -> sys_read
 * A compat handler for EABI is named sys_arm_NAME and its row is
 *     SYS(195, arm_stat64, R_INT, A_STR, A_PTR)        -> sys_arm_stat64
 * (-strace prints the name without the "arm_" prefix.)  Inside a handler:
 *   - a signed 32-bit argument (int, pid_t, a 32-bit long/off_t on EABI):
 *         sys_sarg(c, i)      sign-extends the ABI's register width
 *                             (AArch64: the full 64-bit register; EABI:
 *                             (int32_t)a[i]); (int)c->a[i] is fine for
 *                             int-typed arguments on both;
 *   - an unsigned long / size_t / pointer:  c->a[i]  (already zero-
 *                             extended on EABI);
 *   - a 64-bit value in a register pair (EABI loff_t: the pair starts at
 *     an even register, low word first; the row's kinds say which):
 *         sys_arg64(c, i)     = a[i] | a[i+1] << 32 on EABI, a[i] on
 *                             AArch64 (where it is one register);
 *   - sys_abi32(c)            true on a 32-bit ABI (layouts differ).
 * The handler returns the result as int64_t (negative errno on failure).
 * PASS rows hand the zero-extended registers to the host: right for int,
 * unsigned and pointer arguments (the host kernel reads an int from the
 * low 32 bits), wrong for a signed long (a negative 32-bit off_t would
 * become a large positive one): those need a SYS row using sys_sarg().
 * Shared handlers whose guest structures differ between the ABIs test
 * sys_abi32(c) themselves (rt_sigaction, sigaltstack, rt_sigtimedwait,
 * waitid/wait4, set_robust_list: syscall/sys-signal.c, sys-proc.c).
 */
#ifndef EMU_SYSCALL_SYS_INTERNAL_H
#define EMU_SYSCALL_SYS_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

#include "common/guest-arch.h"
#include "common/guest-mem.h"

/* Argument kinds (for -strace). */
enum {
    A_NONE = 0, /* no more arguments */
    A_INT,      /* signed decimal (int-sized) */
    A_LONG,     /* signed decimal (64-bit) */
    A_HEX,      /* flags, masks, sizes worth seeing in hex */
    A_PTR,      /* pointer, printed as 0x... or NULL */
    A_STR,      /* NUL-terminated input string */
    A_DIRFD,    /* dirfd: AT_FDCWD or a number */
    A_OCT,      /* mode */
    A_BUF,      /* input buffer, its length is the next argument */
    A_SIG,      /* signal number */
};
/* Return kinds. */
enum {
    R_INT = 0, /* signed decimal, errno when negative */
    R_HEX,     /* address (mmap, brk) */
    R_NORET,   /* exit, exit_group, execve on success: printed before */
};

typedef struct SysAbi SysAbi;

typedef struct SysCall {
    void *env;          /* the calling thread's CPU state: A64State * or
                           ArmState * (guest_arch->... knows which) */
    const SysAbi *abi;  /* the ABI the call came in by */
    uint64_t a[7];      /* arguments as the ABI fetched them (above) */
    int nr;             /* guest syscall number; -1 for an impossible one */
} SysCall;

typedef int64_t SysHandler(SysCall *c);

/* Handler prototypes of every SYS row of every table. */
#define SYS(nr, name, ret, ...) int64_t sys_##name(SysCall *c);
#define PASS(nr, name, ret, ...)
#define NOSYS(nr, name)
#include "syscall/a64-table.def"
#if __has_include("syscall/arm-table.def")
#include "syscall/arm-table.def"
#endif
#undef SYS
#undef PASS
#undef NOSYS

#define SYS_PATH_MAX 4096
#define GUEST_PAGE 4096ull

/* Host result to guest result: -1/errno becomes -errno. */
static inline int64_t sys_ret(long r)
{
    return r == -1 ? -(int64_t)errno : (int64_t)r;
}

/* Is [addr, addr+len) guest memory with at least prot?  len 0 is always
 * fine (the kernel does not touch a zero-length buffer). */
bool sys_ok(uint64_t addr, uint64_t len, int prot);
#define SYS_CHECK(addr, len, prot)                                          \
    do {                                                                    \
        if (!sys_ok((addr), (len), (prot)))                                 \
            return -EFAULT;                                                 \
    } while (0)
/* Optional pointer: NULL is allowed. */
#define SYS_CHECK_OPT(addr, len, prot)                                      \
    do {                                                                    \
        if ((addr) && !sys_ok((addr), (len), (prot)))                       \
            return -EFAULT;                                                 \
    } while (0)

/* An address no host mapping can have (the kernel half on x86-64): a host
 * syscall given it fails with EFAULT where it would touch the buffer. */
#define SYS_FAULT_ADDR 0x8000000000000000ull
/* The guest buffer for a host syscall: g2h(addr) when [addr, addr+len) is
 * guest memory with prot (NULL for NULL, which means to the host what it
 * means to the arm64 kernel), else an address that faults as the guest's would
 * (sys_fault_ptr: SYS_FAULT_ADDR above the arm64 user VA, else a PROT_NONE
 * page of emu's).  The host kernel then makes every check it makes before
 * touching the buffer (EBADF, EINVAL, EPERM, ...) in its own order, and
 * EFAULT comes where the kernel's would.  syscall/uaccess.h has the forms
 * for partly good buffers and nested pointers (iovec, msghdr). */
uint64_t sys_fault_ptr(uint64_t addr, uint64_t len);
/* The host address of guest address addr for a host call: g2h(addr), and
 * NULL for NULL (which means to the host what it means to the guest's
 * kernel).  Only for a range already checked (or one the host may fault
 * on exactly as the guest's kernel would: guest memory of any prot). */
static inline uint64_t sys_hptr(uint64_t addr)
{
    return addr ? (uint64_t)(uintptr_t)g2h(addr) : 0;
}
static inline uint64_t sys_ptr(uint64_t addr, uint64_t len, int prot)
{
    return !addr || sys_ok(addr, len, prot) ? sys_hptr(addr)
                                            : sys_fault_ptr(addr, len);
}

/* Guest C string at addr: 0 and *out = the string (its host address), or
 * -EFAULT. */
int64_t sys_str(uint64_t addr, const char **out);
/* Guest path at addr through the -L prefix (path_guest): 0 and *out (either
 * the guest string or buf), -EFAULT, or -ENAMETOOLONG. */
int64_t sys_path(uint64_t addr, char *buf, size_t n, const char **out);

/* Calls that wait under a temporary signal mask (rt_sigsuspend, ppoll,
 * pselect6, epoll_pwait): begin installs tmp in the guest's books and
 * returns the mask to restore; end applies the kernel's saved-sigmask rule
 * to the host result r (syscall/sys-signal.c). */
uint64_t sys_tmpmask_begin(uint64_t tmp);
int64_t sys_tmpmask_end(SysCall *c, uint64_t old, int64_t r);

/* The syscall return path (syscall/sys-signal.c): stores the result r of
 * c in x0, or, for a call a signal interrupted, restarts it or makes it
 * fail with EINTR as the guest kernel would, delivering the signals. */
void sys_syscall_finish(SysCall *c, int64_t r);

/* execve's ETXTBSY rule (syscall/sys-file.c): -ETXTBSY when some process
 * has the file at host_path open for writing, 0 when none has or when that
 * cannot be known (the check needs a read lease: the file's owner or
 * CAP_LEASE). */
int sys_exec_busy(const char *host_path);

/* A table, indexed by guest syscall number (syscall/dispatch.c). */
#define SYS_NR_MAX 512
typedef struct SysEntry {
    const char *name;   /* NULL: no such syscall */
    SysHandler *fn;     /* SYS rows */
    int host_nr;        /* PASS rows, else -1 */
    uint8_t ret;        /* R_* */
    uint8_t kinds[7];   /* A_*, A_NONE-terminated */
} SysEntry;
/* The tables are built in the guests' libraries (a64-table.def in
 * linux-user/aarch64/guest-aarch64.c, arm-table.def in
 * linux-user/arm/guest-arm.c), so that rows naming handlers still being
 * written for one guest never break the other's link. */
extern const SysEntry sys_arm_table[SYS_NR_MAX];

/* A guest syscall ABI (see the contract at the top). */
struct SysAbi {
    const char *name;        /* "aarch64", "eabi" */
    const SysEntry *table;   /* SYS_NR_MAX rows */
    bool abi32;              /* 32-bit registers: arguments zero-extended,
                                result truncated, 32-bit layouts */
    /* Fills c->nr and c->a[] from env. */
    void (*fetch)(SysCall *c);
    /* Writes result r to the guest's result register. */
    void (*set_result)(void *env, int64_t r);
    /* The result register as the ABI reads it back (sign-extended). */
    int64_t (*get_result)(const void *env);
    /* Numbers outside the table (EABI's 0xf0000 + n): the handler, or
     * NULL (-ENOSYS).  NULL hook: none. */
    SysHandler *(*private_call)(int nr);
    const char *(*private_name)(int nr);
};

static inline bool sys_abi32(const SysCall *c)
{
    return c->abi && c->abi->abi32;
}
/* Signed argument i (see the contract at the top). */
static inline int64_t sys_sarg(const SysCall *c, int i)
{
    return sys_abi32(c) ? (int64_t)(int32_t)c->a[i] : (int64_t)c->a[i];
}
/* 64-bit argument in the register pair starting at i (EABI), or register
 * i (AArch64). */
static inline uint64_t sys_arg64(const SysCall *c, int i)
{
    return sys_abi32(c) ? (c->a[i] & 0xffffffffu) | c->a[i + 1] << 32
                        : c->a[i];
}

/* Performs the syscall of the ABI `abi` that env's registers describe and
 * writes the result (or -errno); exit/exit_group do not return. */
void sys_syscall(const SysAbi *abi, void *env);
/* Runs one syscall (no -strace); returns the guest result. */
int64_t sys_dispatch(SysCall *c);
/* The call's name for messages and -strace ("?" if unknown); the row name
 * without an "arm_" prefix. */
const char *sys_call_name(const SysCall *c);
/* The row's R_* kind (R_INT for calls outside the table). */
int sys_ret_kind(const SysCall *c);

/* -strace printer (syscall/strace.c), driven by the table's kinds. */
void strace_enter(const SysCall *c, char *buf, size_t n);
void strace_print(const SysCall *c, const char *args, int64_t ret,
                  bool before);

/* What the Linux layer provides: signal delivery, threads, /proc
 * emulation (linux-user/, declared in syscall/sys-os.h). */
#include "syscall/sys-os.h"
/* sys_host_call(): syscall(2) for host calls that can block, so that a
 * guest signal interrupts them (syscall/safe-syscall.c). */
#include "syscall/safe-syscall.h"

#endif
