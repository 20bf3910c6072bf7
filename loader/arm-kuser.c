/*
 * loader/arm-kuser.c - the 32-bit ARM "kuser helpers" page at guest
 * 0xffff0000, "[vectors]" in /proc/self/maps.
 *
 * An arm kernel built with CONFIG_KUSER_HELPERS (Debian's is) maps its
 * vectors page read+exec into every process, and the top of that page holds
 * small user-callable routines at fixed addresses
 * (Documentation/arm/kernel_user_helpers.rst).  Old glibc, libgcc's
 * __sync_* fallbacks for pre-v6 targets (armel: -march=armv5te), Android's
 * bionic and some static binaries (Go, busybox built for armv5) call them
 * with `blx`/`mov lr, pc; sub pc, rX, #N`:
 *
 *   0xffff0ffc  __kuser_helper_version  word: number of 32-byte helper
 *               slots below 0xffff1000 (5 here: the four helpers below)
 *   0xffff0fe0  __kuser_get_tls         r0 = TLS value (TPIDRURO)
 *   0xffff0fc0  __kuser_cmpxchg         (r0 old, r1 new, r2 ptr) -> r0 == 0
 *               and C set iff *ptr was old and is now new; clobbers r3, ip
 *   0xffff0fa0  __kuser_memory_barrier  a full barrier (DMB ISH)
 *   0xffff0f60  __kuser_cmpxchg64       (r0 &old, r1 &new, r2 ptr) -> the
 *               same for 64 bits
 *
 * The routines are real A32 code (the kernel's ARMv6K+ SMP versions:
 * LDREX/STREX loops bracketed by DMB, MRC p15 TPIDRURO, BX LR), so the front
 * end translates them like any guest code and their atomicity is that of
 * the guest's own exclusives.  Each lives in its 32-byte slot (64 for
 * cmpxchg64) with the unused words filled, as the kernel fills the whole
 * page, with 0xe7fddef1: undefined in both ARM and Thumb state, so a stray
 * jump into the page raises SIGILL.  The kernel's exception vectors in the
 * first words are branches into kernel-only stubs; a user jump there
 * faults either way, so they are left as that filler too.
 *
 * The host page is read-only: the guest sees r-x and cannot write it.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "common/guest-mem.h"
#include "linux-user/mmap.h"
#include "loader/loader-int.h"

#define KUSER_POISON 0xe7fddef1u /* undefined in ARM and Thumb state */

/* Offsets in the page and the helpers' A32 code. */
#define KUSER_CMPXCHG64 0xf60
#define KUSER_MEMBAR 0xfa0
#define KUSER_CMPXCHG 0xfc0
#define KUSER_GET_TLS 0xfe0
#define KUSER_TLS_WORD 0xff0    /* the software-TLS value (unused: TPIDRURO) */
#define KUSER_VERSION 0xffc

static const uint32_t kuser_cmpxchg64[] = {
    0xe92d00f0, /*     push    {r4, r5, r6, r7}                             */
    0xe1c040d0, /*     ldrd    r4, r5, [r0]        @ old value              */
    0xe1c160d0, /*     ldrd    r6, r7, [r1]        @ new value              */
    0xf57ff05b, /*     dmb     ish                                          */
    0xe1b20f9f, /* 1:  ldrexd  r0, r1, [r2]        @ current value          */
    0xe0303004, /*     eors    r3, r0, r4                                   */
    0x00313005, /*     eorseq  r3, r1, r5                                   */
    0x01a23f96, /*     strexdeq r3, r6, r7, [r2]   @ store if equal         */
    0x03330001, /*     teqeq   r3, #1              @ store failed?          */
    0x0afffff9, /*     beq     1b                  @ then retry             */
    0xf57ff05b, /*     dmb     ish                                          */
    0xe2730000, /*     rsbs    r0, r3, #0          @ 0 and C=1 iff stored   */
    0xe8bd00f0, /*     pop     {r4, r5, r6, r7}                             */
    0xe12fff1e, /*     bx      lr                                           */
};

static const uint32_t kuser_membar[] = {
    0xf57ff05b, /*     dmb     ish                                          */
    0xe12fff1e, /*     bx      lr                                           */
};

static const uint32_t kuser_cmpxchg[] = {
    0xf57ff05b, /*     dmb     ish                                          */
    0xe1923f9f, /* 1:  ldrex   r3, [r2]                                     */
    0xe0533000, /*     subs    r3, r3, r0          @ r3 = 0 iff *ptr == old */
    0x01823f91, /*     strexeq r3, r1, [r2]                                 */
    0x03330001, /*     teqeq   r3, #1              @ store failed?          */
    0x0afffffa, /*     beq     1b                                           */
    0xe2730000, /*     rsbs    r0, r3, #0          @ 0 and C=1 iff stored   */
    0xeaffffef, /*     b       __kuser_memory_barrier  (dmb; bx lr)         */
};

static const uint32_t kuser_get_tls[] = {
    0xee1d0f70, /*     mrc     p15, 0, r0, c13, c0, 3   @ TPIDRURO          */
    0xe12fff1e, /*     bx      lr                                           */
    /* The kernel keeps the hardware-TLS instruction here too (it copies it
     * over the first word at boot when the CPU has TPIDRURO). */
    0xee1d0f70, /*     mrc     p15, 0, r0, c13, c0, 3                       */
};

/* Each helper fits its slot (the kernel's "8 instructions max" rule). */
_Static_assert(sizeof kuser_cmpxchg64 <= KUSER_MEMBAR - KUSER_CMPXCHG64, "slot");
_Static_assert(sizeof kuser_membar <= KUSER_CMPXCHG - KUSER_MEMBAR, "slot");
_Static_assert(sizeof kuser_cmpxchg <= KUSER_GET_TLS - KUSER_CMPXCHG, "slot");
_Static_assert(sizeof kuser_get_tls <= KUSER_TLS_WORD - KUSER_GET_TLS, "slot");

static void put(uint8_t *page, unsigned off, const uint32_t *code, size_t bytes)
{
    memcpy(page + off, code, bytes);
}

bool loader_arm_kuser_build(char *err, size_t errlen)
{
    uint64_t g = LOADER_ARM_KUSER_PAGE;
    uint8_t *page = g2h(g);
    if (mmap(page, LOADER_PAGE_SIZE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
        return loader_fail(err, errlen, "cannot map the kuser helper page at "
                           "0xffff0000: %s", strerror(errno));
    uint32_t *w = (uint32_t *)page;
    for (size_t i = 0; i < LOADER_PAGE_SIZE / 4; i++)
        w[i] = KUSER_POISON;
    put(page, KUSER_CMPXCHG64, kuser_cmpxchg64, sizeof kuser_cmpxchg64);
    put(page, KUSER_MEMBAR, kuser_membar, sizeof kuser_membar);
    put(page, KUSER_CMPXCHG, kuser_cmpxchg, sizeof kuser_cmpxchg);
    put(page, KUSER_GET_TLS, kuser_get_tls, sizeof kuser_get_tls);
    w[KUSER_TLS_WORD / 4] = 0;
    w[KUSER_VERSION / 4] = (0x1000 - KUSER_CMPXCHG64) >> 5;
    if (mprotect(page, LOADER_PAGE_SIZE, PROT_READ) != 0) {
        int e = errno;
        loader_vm_release(true, g, LOADER_PAGE_SIZE);
        return loader_fail(err, errlen, "cannot protect the kuser helper page: %s",
                           strerror(e));
    }
    return true;
}

void loader_arm_kuser_note(void)
{
    guest_map_note(LOADER_ARM_KUSER_PAGE, LOADER_PAGE_SIZE, PROT_READ | PROT_EXEC,
                   "[vectors]");
}

bool loader_arm_kuser_map(char *err, size_t errlen)
{
    if (!loader_arm_kuser_build(err, errlen))
        return false;
    loader_arm_kuser_note();
    return true;
}
