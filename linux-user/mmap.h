/*
 * linux-user/mmap.h - the guest memory map.
 *
 * Guest addresses are host addresses (guest_base 0 for AArch64).  This
 * module keeps the map of what the guest owns (address, length, prot) as
 * the source of truth for mmap/munmap/mprotect/brk, for EFAULT checks on
 * syscall pointers and for /proc/self/maps.  Every change that can remove
 * or re-protect code calls tb_invalidate_range().
 */
#ifndef EMU_LINUX_USER_MMAP_H
#define EMU_LINUX_USER_MMAP_H

#include <stdbool.h>
#include <stdint.h>

/* All return a guest address or a negative errno, like the syscalls. */
int64_t guest_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd,
                   uint64_t off);
int64_t guest_munmap(uint64_t addr, uint64_t len);
int64_t guest_mprotect(uint64_t addr, uint64_t len, int prot);
int64_t guest_mremap(uint64_t old, uint64_t oldlen, uint64_t newlen, int flags,
                     uint64_t newaddr);
/* brk: guest_brk_init() once from the loader, then guest_brk(0) returns
 * the current break and guest_brk(x) moves it (kernel semantics: returns
 * the old break when it cannot move). */
void guest_brk_init(uint64_t start);
uint64_t guest_brk(uint64_t newbrk);
/* Is [addr, addr+len) mapped in the guest with at least `prot`? */
bool guest_range_ok(uint64_t addr, uint64_t len, int prot);
/* The length of the longest prefix of [addr, addr+len) that is mapped in
 * the guest with at least `prot` (0 when addr itself is not). */
uint64_t guest_range_prefix(uint64_t addr, uint64_t len, int prot);
/* Records a mapping made by someone else (the loader's segments). */
void guest_map_note(uint64_t addr, uint64_t len, int prot, const char *name);
/* The same for a shared mapping ('s' in /proc/self/maps: SysV shm). */
void guest_map_note_ex(uint64_t addr, uint64_t len, int prot, bool shared,
                       const char *name);
/* Writes /proc/self/maps as the guest should see it into fd. */
void guest_map_dump(int fd);

#endif
