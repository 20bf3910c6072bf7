/*
 * common/guest-map.h - the guest memory map.
 *
 * It records guest addresses; the host address of guest address a is
 * g2h(a) (common/guest-mem.h: guest_base 0 for AArch64, the start of the
 * 4 GiB reservation for ARM, 0 when that is the low 4 GiB).  This
 * module keeps the map of what the guest owns (address, length, prot) as
 * the source of truth for mmap/munmap/mprotect/brk, for EFAULT checks on
 * syscall pointers and for /proc/self/maps.  It is shared by the loader,
 * the syscall layer and linux-user (common/: it uses nothing above it).
 * Every change that can remove or re-protect code calls the invalidation
 * hook (guest_map_set_invalidate: tb_invalidate_range, set by main).
 */
#ifndef EMU_COMMON_GUEST_MAP_H
#define EMU_COMMON_GUEST_MAP_H

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
/* The 32-bit guest's address space (emu-arm): reserves guest [mmap_min_addr,
 * 4 GiB + a guard) and sets guest_base, or exits with one message naming
 * why it cannot.  how:
 *   GUEST_BASE_AUTO  the low 4 GiB (guest_base 0) when it is free, else
 *                    4 GiB anywhere (guest_base its start, 64 KiB aligned);
 *   GUEST_BASE_FIXED guest_base = base exactly (-B / EMU_GUEST_BASE: a
 *                    multiple of 64 KiB whose 4 GiB are free; base 0 is
 *                    the low 4 GiB), fatal otherwise.
 * With a nonzero guest_base the reservation starts at guest address 0,
 * so a guest NULL access faults.  From then on every guest_* call here
 * allocates inside it: mappings without MAP_FIXED are placed top-down from below the stack
 * (guest_space_set_mmap_top; default 0xb7000000, a 3G/1G kernel's
 * mmap_base), and what the guest unmaps is reserved again.  Code that maps
 * guest memory itself (the loader) must stay inside it too:
 *   guest_space_find(hint, len): a free guest range (hint if free), 0 if
 *                                none (also 0 without a 32-bit space);
 *   guest_space_free(addr, len): nothing of the guest's overlaps it;
 *   then mmap(g2h(a), len, ..., MAP_FIXED, ...) and guest_map_note();
 *   guest_space_release(addr, len): instead of munmap (re-reserves).
 * MAP_FIXED_NOREPLACE can never succeed inside the reservation. */
enum { GUEST_BASE_AUTO, GUEST_BASE_FIXED };
void guest_space_init32(int how, uint64_t base);
bool guest_space32(void);
/* Was guest_base given by the user (GUEST_BASE_FIXED)?  execve passes it
 * on to the new emulator. */
bool guest_space_fixed_base(void);
void guest_space_set_mmap_top(uint64_t top);
uint64_t guest_space_find(uint64_t hint, uint64_t len);
bool guest_space_free(uint64_t addr, uint64_t len);
void guest_space_release(uint64_t addr, uint64_t len);
/* The personality's READ_IMPLIES_EXEC (a 32-bit ARM program without a
 * non-executable PT_GNU_STACK): mmap and mprotect add PROT_EXEC to
 * PROT_READ from then on. */
void guest_space_set_read_implies_exec(bool on);
/* The translation cache's invalidation (tb_invalidate_range), called after
 * every change that can remove or re-protect guest code; none until set. */
void guest_map_set_invalidate(void (*fn)(uint64_t start, uint64_t len));
/* Writes /proc/self/maps as the guest should see it into fd. */
void guest_map_dump(int fd);
/* The same for /proc/self/smaps of a 32-bit guest (guest_space32()):
 * the host's counters of the guest's vmas under guest maps lines. */
void guest_map_smaps(int fd);

#endif
