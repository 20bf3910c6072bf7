/*
 * syscall/arm-sys.h - what the EABI compat handlers (syscall/arm-*.c)
 * share: reusing a shared handler with rearranged arguments, copying
 * converted structures to and from guest memory, the directory cookie map.
 *
 * Argument conventions are those of syscall/sys-internal.h (sys_sarg,
 * sys_arg64).  A shared handler is reused through a copy of the SysCall
 * whose a[] holds the values the way the host takes them (a 64-bit offset
 * in one slot, signed values sign-extended), never by writing the guest's
 * registers.
 */
#ifndef EMU_SYSCALL_ARM_SYS_H
#define EMU_SYSCALL_ARM_SYS_H

#include <string.h>

#include "syscall/arm-compat.h"
#include "syscall/sys-internal.h"

/* AT_FDCWD as a 64-bit argument slot (the shared handlers take (int)). */
#define ARM_AT_FDCWD ((uint64_t)(int64_t)-100)
/* asm/fcntl.h on arm: O_LARGEFILE is 0400000 (as on arm64). */
#define ARM_O_LARGEFILE 0400000
/* MAX_NON_LFS: the largest size/offset a non-LFS call may see. */
#define ARM_MAX_NON_LFS 0x7fffffffll

/* fn(c') where c' is c with a[0..5] = a0..a5. */
static inline int64_t arm_reuse(SysCall *c, SysHandler *fn, uint64_t a0,
                                uint64_t a1, uint64_t a2, uint64_t a3,
                                uint64_t a4, uint64_t a5)
{
    SysCall t = *c;
    t.a[0] = a0;
    t.a[1] = a1;
    t.a[2] = a2;
    t.a[3] = a3;
    t.a[4] = a4;
    t.a[5] = a5;
    t.a[6] = 0;
    return fn(&t);
}

/* Copies a converted structure out to / in from guest memory: 0 or
 * -EFAULT (the kernel's copy_to_user / copy_from_user failing). */
static inline int64_t arm_put(uint64_t g, const void *src, size_t n)
{
    if (!g || !sys_ok(g, n, PROT_WRITE))
        return -EFAULT;
    memcpy(g2h(g), src, n);
    return 0;
}

static inline int64_t arm_get(void *dst, uint64_t g, size_t n)
{
    if (!g || !sys_ok(g, n, PROT_READ))
        return -EFAULT;
    memcpy(dst, g2h(g), n);
    return 0;
}

/* Copies n guest timespecs at g in (ArmTimespec64 when t64, the
 * time64 calls; else old_timespec32): 0, or -EFAULT as the kernel's
 * get_timespec64 / get_old_timespec32 (syscall/arm-time.c). */
struct timespec;
int64_t arm_ts_get(struct timespec *h, uint64_t g, int n, bool t64);

/* fstatat into a host struct stat with newfstatat's path rules (-L
 * prefix, /proc/self/exe): 0 or -errno (syscall/sys-fs.c). */
struct stat;
int64_t sys_fstatat_host(int dirfd, uint64_t gpath, int flags,
                         struct stat *st);

/* A compat iovec array (cnt entries at giov, buffers accessed with prot)
 * for the host: *h (free() it after sys_fix_done) filled and returned, or
 * what makes the host fail as the kernel's import_iovec would (syscall/
 * arm-file.c). */
struct iovec;
typedef struct SysFix SysFix;
uint64_t arm_iov(SysFix *f, uint64_t giov, uint64_t cnt, int prot,
                 struct iovec **h);

/* ---- directory offsets (syscall/arm-dir.c) ----
 * A 64-bit process gets 64-bit ext4 hash cookies as directory offsets; a
 * native 32-bit one gets 31-bit ones (ext4 is_32bit_api(): the major hash
 * >> 1, with 0x7fffffff for end of directory).  Per open directory the
 * host's cookies above 31 bits are mapped to the 32-bit ones a native
 * process would see, and back in lseek/_llseek. */
/* The guest's offset for host offset off in directory fd (getdents:
 * makes the map). */
uint64_t arm_dir_off_out(int fd, uint64_t off);
/* The same for a position lseek returned on fd, which may be any file:
 * only a directory that has a map is translated. */
uint64_t arm_dir_seek_out(int fd, uint64_t off);
/* The host's offset for guest offset off (SEEK_SET) in fd. */
uint64_t arm_dir_off_in(int fd, uint64_t off);

#endif
