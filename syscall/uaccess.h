/*
 * syscall/uaccess.h - guest pointers handed to the host kernel, so that
 * every error comes in the order the arm64 kernel gives it.
 *
 * The kernel checks descriptors, flags and lengths before it touches a
 * user buffer, and it faults only where it touches one: read() at end of
 * file returns 0 even for an unmapped buffer, sendto() on a bad descriptor
 * is EBADF whatever the buffer, a read whose buffer runs into unmapped
 * memory returns the bytes that fit.  So emu does not reject bad pointers
 * itself: it hands the host kernel, for each guest buffer,
 *   - g2h() of the guest address when the whole range is guest memory
 *     (the host page protections are the guest's, exec aside, so the host
 *     faults exactly where the guest's kernel would);
 *   - else a host address that faults the same way and that no emulator
 *     data lives at: SYS_FAULT_ADDR when the range fails the arm64
 *     kernel's access_ok() (above the 48-bit user VA), else a page of a
 *     PROT_NONE reservation (sys_fault_ptr);
 *   - else, for a range whose start is good, a bounce buffer: a host copy
 *     of the good prefix followed by PROT_NONE pages, copied back after
 *     the call (sys_fix), so short counts are the kernel's too.
 * Nested pointers (iovec arrays, msghdr, mmsghdr) are rewritten into host
 * copies the same way when any part of them is bad, or always when
 * guest_base is not 0 (the pointers inside are guest addresses); with
 * guest_base 0 and everything good the guest's own structures go to the
 * host unchanged (no copies on the fast path).  NULL stays NULL: it means
 * to the host what it means to the arm64 kernel.  Every helper here
 * returns a host address.
 */
#ifndef EMU_SYSCALL_UACCESS_H
#define EMU_SYSCALL_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* arm64 access_ok(): the range lies below TASK_SIZE_MAX (48-bit VA, no
 * tagged-address ABI: a non-zero top byte fails). */
bool sys_a64_access_ok(uint64_t addr, uint64_t len);

/* A host address for a guest range the host must not touch: it fails
 * access_ok() on the host when the range fails it on arm64, else it lies
 * in a PROT_NONE reservation (same offset in its page).  NULL stays NULL. */
uint64_t sys_fault_ptr(uint64_t addr, uint64_t len);

/* Work areas made for one syscall: bounce buffers and host copies of
 * nested structures.  Zero-initialise; after the host call, which
 * returned r, sys_fix_done() copies what the host wrote back to the guest
 * and frees everything.  It returns r, or -EFAULT where the kernel would
 * have failed writing a result back (recvmsg's msghdr in read-only
 * memory). */
typedef struct SysFixRec SysFixRec;
typedef struct SysFix {
    SysFixRec *recs;
} SysFix;
int64_t sys_fix_done(SysFix *f, int64_t r);

/* The host address for the guest buffer [addr, addr+len) that the kernel
 * accesses with prot (PROT_READ: it reads, PROT_WRITE: it writes). */
uint64_t sys_fix(SysFix *f, uint64_t addr, uint64_t len, int prot);

/* A NUL-terminated guest string the kernel reads at most max bytes of:
 * addr when that read stays in guest memory, else a fault pointer. */
uint64_t sys_fix_str(uint64_t addr, uint64_t max);

/* An iovec array of cnt entries whose buffers the kernel accesses with
 * prot. */
uint64_t sys_fix_iov(SysFix *f, uint64_t iov, uint64_t cnt, int prot);

/* A struct msghdr (recv: recvmsg, which also writes msg_namelen,
 * msg_controllen and msg_flags back). */
uint64_t sys_fix_msghdr(SysFix *f, uint64_t msg, bool recv);

/* An array of n struct mmsghdr (sendmmsg/recvmmsg, which write msg_len
 * back). */
uint64_t sys_fix_mmsg(SysFix *f, uint64_t vec, uint64_t n, bool recv);

/* A guest path for the host: 0 with *out the path through the -L prefix
 * (sys_path); or sys_path's error with *out what the host must be given
 * instead so that it fails at the point, and with the error, the kernel
 * would (the guest string itself when it is too long, else a fault
 * pointer).  Callers that emulate a path themselves do so only on 0. */
int64_t sys_upath(uint64_t addr, char *buf, size_t n, const char **out);

/* Would the kernel's fdget() find fd?  0, or -EBADF (also for O_PATH
 * descriptors, which fdget() does not return). */
int64_t sys_fd_check(int fd);

#endif
