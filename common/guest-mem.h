/*
 * common/guest-mem.h - guest address <-> host pointer.
 *
 * Guest memory is host memory at guest_base: guest address a lives at host
 * address guest_base + a.  guest_base is 0 for AArch64 guests (the guest
 * address is the host address).  A 32-bit ARM guest gets a 4 GiB
 * reservation of host address space and guest_base is its start (0 when
 * the low 4 GiB could be reserved).  Every C access to guest memory goes
 * through g2h(); every host pointer handed back to the guest through h2g().
 * Generated code does the same addition in its addressing mode
 * (IRGuestInfo.guest_base).
 */
#ifndef EMU_COMMON_GUEST_MEM_H
#define EMU_COMMON_GUEST_MEM_H

#include <stdbool.h>
#include <stdint.h>

extern uint64_t guest_base;

static inline void *g2h(uint64_t addr)
{
    return (void *)(uintptr_t)(guest_base + addr);
}

static inline uint64_t h2g(const void *p)
{
    return (uint64_t)(uintptr_t)p - guest_base;
}

/* Is [addr, addr+len) mapped executable guest memory?  The front ends fetch
 * code only after this says yes (the guest memory map, common/guest-map.c,
 * answers it; tests may provide their own). */
bool guest_exec_ok(uint64_t addr, uint64_t len);

#endif
