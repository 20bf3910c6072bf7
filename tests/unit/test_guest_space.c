/*
 * tests/unit/test_guest_space.c - emu-arm's 4 GiB guest space
 * (guest_space_init32, common/guest-map.c) at a nonzero guest_base: -B's
 * fixed base, its refusals (one fatal line, exit status 1), the fallback
 * anywhere when the low 4 GiB are taken, and the map keeping guest
 * addresses (mmap results, /proc/self/maps) while the host mappings lie
 * at g2h().  Criterion runs each test in its own process, so each may
 * reserve its own space.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/guest-map.h"
#include "common/guest-mem.h"

#define GIB4 (1ull << 32)
#define SPAN (GIB4 + (64ull << 10))

/* A free 64 KiB-aligned host range for the space (found, then freed). */
static uint64_t free_base(void)
{
    void *p = mmap(NULL, SPAN + (1ull << 20), PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    cr_assert(p != MAP_FAILED);
    munmap(p, SPAN + (1ull << 20));
    return ((uint64_t)(uintptr_t)p + 0xffff) & ~0xffffull;
}

/* Is the host page at h mapped (by anything)? */
static bool host_mapped(uint64_t h)
{
    unsigned char v;
    return mincore((void *)(uintptr_t)(h & ~4095ull), 4096, &v) == 0;
}

/* The map's view: an anonymous mapping's guest address, written and read
 * back through g2h(), and its /proc/self/maps line. */
static void check_map_is_guest(void)
{
    int64_t a = guest_mmap(0, 8192, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(a > 0 && (uint64_t)a < GIB4, "mmap result %#llx is a guest "
              "address", (unsigned long long)a);
    cr_assert(guest_range_ok((uint64_t)a, 8192, PROT_WRITE));
    memcpy(g2h((uint64_t)a + 4096), "guest", 6);
    cr_assert_str_eq((const char *)g2h((uint64_t)a + 4096), "guest");
    cr_assert_eq(h2g(g2h((uint64_t)a)), (uint64_t)a);

    char path[] = "/tmp/emu-test-guest-space-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    unlink(path);
    guest_map_dump(fd);
    char buf[8192] = {0}, want[40];
    cr_assert(pread(fd, buf, sizeof buf - 1, 0) > 0);
    close(fd);
    snprintf(want, sizeof want, "%08llx-%08llx rw-p",
             (unsigned long long)a, (unsigned long long)a + 8192);
    cr_assert(strstr(buf, want), "maps has %s:\n%s", want, buf);
    /* every line is a guest range below 4 GiB */
    for (char *l = buf; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : "") {
        unsigned long long lo, hi;
        cr_assert_eq(sscanf(l, "%llx-%llx", &lo, &hi), 2);
        cr_assert(hi <= GIB4, "line %.40s", l);
    }
    cr_assert_eq(guest_munmap((uint64_t)a, 8192), 0);
    cr_assert_not(guest_range_ok((uint64_t)a, 4096, 0));
}

Test(guest_space, fixed_base)
{
    uint64_t b = free_base();
    guest_space_init32(GUEST_BASE_FIXED, b);
    cr_assert_eq(guest_base, b);
    cr_assert(guest_space32());
    cr_assert(guest_space_fixed_base());
    /* the reservation starts at guest 0 (a guest NULL access faults in
     * emu's PROT_NONE, never in host memory) and covers the top guard */
    cr_assert(host_mapped(b));
    cr_assert(host_mapped(b + GIB4 - 4096));
    cr_assert(host_mapped(b + GIB4));
    check_map_is_guest();
}

Test(guest_space, fallback_when_low_4gib_taken)
{
    /* something of the host's in the low 4 GiB */
    void *p = mmap((void *)0x20000000, 4096, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    cr_assert(p != MAP_FAILED || host_mapped(0x20000000));
    guest_space_init32(GUEST_BASE_AUTO, 0);
    cr_assert_neq(guest_base, 0);
    cr_assert_eq(guest_base & 0xffff, 0, "64 KiB aligned");
    cr_assert_not(guest_space_fixed_base());
    check_map_is_guest();
}

Test(guest_space, misaligned_base_is_fatal, .exit_code = 1)
{
    guest_space_init32(GUEST_BASE_FIXED, free_base() + 4096);
}

Test(guest_space, occupied_base_is_fatal, .exit_code = 1)
{
    uint64_t b = free_base();
    void *p = mmap((void *)(uintptr_t)(b + (1ull << 31)), 4096, PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    cr_assert(p != MAP_FAILED);
    guest_space_init32(GUEST_BASE_FIXED, b);
}
