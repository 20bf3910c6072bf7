/*
 * syscall/sys-internal.h - what every syscall handler file sees.
 *
 * The syscall table (syscall/a64-table.def) has one row per guest syscall:
 *     SYS(nr, name, ret, kinds...)   handler int64_t sys_name(SysCall *c)
 *     PASS(nr, name, ret, kinds...)  host syscall SYS_name, scalar args only
 *     NOSYS(nr, name)                known to exist, not implemented
 * The argument kinds drive the -strace printer; handlers check and convert
 * their own pointer arguments with the helpers below.
 *
 * Guest addresses are host addresses, so a checked guest pointer is used
 * directly.  Every pointer is checked against the guest memory map
 * (guest_range_ok) before the host touches it: a bad pointer is -EFAULT,
 * never a host fault and never a write into the emulator's own memory.
 */
#ifndef EMU_SYSCALL_SYS_INTERNAL_H
#define EMU_SYSCALL_SYS_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

#include "cpu/aarch64/cpu.h"

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

typedef struct SysCall {
    A64State *env;
    uint64_t a[6];
    int nr;
} SysCall;

typedef int64_t SysHandler(SysCall *c);

/* Handler prototypes of every SYS row. */
#define SYS(nr, name, ret, ...) int64_t sys_##name(SysCall *c);
#define PASS(nr, name, ret, ...)
#define NOSYS(nr, name)
#include "syscall/a64-table.def"
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
/* The guest buffer for a host syscall: addr when [addr, addr+len) is guest
 * memory with prot (or addr is NULL, which means to the host what it means
 * to the arm64 kernel), else an address that faults as the guest's would
 * (sys_fault_ptr: SYS_FAULT_ADDR above the arm64 user VA, else a PROT_NONE
 * page of emu's).  The host kernel then makes every check it makes before
 * touching the buffer (EBADF, EINVAL, EPERM, ...) in its own order, and
 * EFAULT comes where the kernel's would.  syscall/uaccess.h has the forms
 * for partly good buffers and nested pointers (iovec, msghdr). */
uint64_t sys_fault_ptr(uint64_t addr, uint64_t len);
static inline uint64_t sys_ptr(uint64_t addr, uint64_t len, int prot)
{
    return !addr || sys_ok(addr, len, prot) ? addr : sys_fault_ptr(addr, len);
}

/* Guest C string at addr: 0 and *out = the string, or -EFAULT. */
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

/* The table, indexed by guest syscall number (syscall/dispatch.c). */
#define SYS_NR_MAX 512
typedef struct SysEntry {
    const char *name;   /* NULL: no such syscall */
    SysHandler *fn;     /* SYS rows */
    int host_nr;        /* PASS rows, else -1 */
    uint8_t ret;        /* R_* */
    uint8_t kinds[6];   /* A_*, A_NONE-terminated */
} SysEntry;
extern const SysEntry sys_table[SYS_NR_MAX];

/* Runs one syscall (no -strace); returns the guest result. */
int64_t sys_dispatch(SysCall *c);
const char *sys_name(int nr);

/* -strace printer (syscall/strace.c), driven by the table's kinds. */
void strace_enter(const SysCall *c, char *buf, size_t n);
void strace_print(const SysCall *c, const char *args, int64_t ret,
                  bool before);

/* /proc emulation (linux-user/proc.c). */
#include "linux-user/proc.h"
/* sys_host_call(): syscall(2) for host calls that can block, so that a
 * guest signal interrupts them (linux-user/safe-syscall.c). */
#include "linux-user/safe-syscall.h"

#endif
