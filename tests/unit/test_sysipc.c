/*
 * tests/unit/test_sysipc.c - what a guest program cannot see of the SysV
 * IPC handlers (syscall/sys-ipc.c), driven through the dispatcher as the
 * cpu loop drives it: shmat(SHM_REMAP) never replaces emulator memory,
 * SHM_REMAP over guest pages and free space takes both into the guest
 * map, shmdt takes out only the pages the segment still held (a guest
 * MAP_FIXED over part of it stays; a part the guest unmapped is no
 * problem) and leaves no reservation behind, and
 * semctl(IPC_STAT) writes exactly the 88-byte arm64 semid64_ds.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "syscall/syscall.h"

#define PG 4096ull
#define NR_SEMCTL 191
#define NR_SHMAT 196
#define NR_SHMDT 197

#include "sys-run.h"

/* Is the page at a free on the host (nothing mapped there)? */
static bool host_free(uint64_t a)
{
    void *p = mmap((void *)(uintptr_t)a, PG, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED)
        return false;
    munmap(p, PG);
    return p == (void *)(uintptr_t)a;
}

static int seg(size_t size)
{
    int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
    cr_assert(id >= 0);
    return id;
}

Test(sysipc, shm_remap_never_replaces_emulator_memory)
{
    int id = seg(2 * PG);
    /* host memory the guest map does not have: emu's */
    char *host = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(host != MAP_FAILED);
    strcpy(host, "emulator data");
    cr_expect_eq(SC(NR_SHMAT, id, (uint64_t)host, SHM_REMAP), -EINVAL);
    cr_expect_str_eq(host, "emulator data");
    cr_expect(!guest_range_ok((uint64_t)host, PG, 0));
    /* half guest memory, half emu's: refused as well, the guest's half
     * kept as it was */
    munmap(host, 2 * PG);
    int64_t g = guest_mmap((uint64_t)host, PG, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                           -1, 0);
    cr_assert_eq(g, (int64_t)(uintptr_t)host);
    char *emu = mmap(host + PG, PG, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    cr_assert(emu == host + PG);
    strcpy(emu, "emu page");
    strcpy(host, "guest page");
    cr_expect_eq(SC(NR_SHMAT, id, (uint64_t)host, SHM_REMAP), -EINVAL);
    cr_expect_str_eq(host, "guest page");
    cr_expect_str_eq(emu, "emu page");
    munmap(emu, PG);
    guest_munmap((uint64_t)host, PG);
    shmctl(id, IPC_RMID, NULL);
}

Test(sysipc, shm_remap_over_guest_and_free_pages)
{
    int id = seg(3 * PG);
    int64_t g = guest_mmap(0, 3 * PG, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(g > 0);
    guest_munmap(g + 2 * PG, PG); /* the last page is free address space */
    int64_t r = SC(NR_SHMAT, id, g, SHM_REMAP);
    cr_assert_eq(r, g);
    cr_expect(guest_range_ok(g, 3 * PG, PROT_READ | PROT_WRITE));
    memset((void *)(uintptr_t)g, 7, 3 * PG);
    cr_expect_eq(SC(NR_SHMDT, g), 0);
    for (uint64_t p = g; p < g + 3 * PG; p += PG) {
        cr_expect(!guest_range_ok(p, PG, 0));
        cr_expect(host_free(p), "page %#lx still mapped", (unsigned long)p);
    }
    cr_expect_eq(SC(NR_SHMDT, g), -EINVAL);
    shmctl(id, IPC_RMID, NULL);
}

Test(sysipc, shmdt_keeps_a_guest_mapping_made_over_the_segment)
{
    int id = seg(3 * PG);
    int64_t a = SC(NR_SHMAT, id, 0, 0);
    cr_assert(a > 0);
    /* the guest maps over the middle page of its attach */
    int64_t m = guest_mmap(a + PG, PG, PROT_READ,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    cr_assert_eq(m, a + PG);
    cr_expect_eq(SC(NR_SHMDT, a), 0);
    cr_expect(!guest_range_ok(a, PG, 0));
    cr_expect(guest_range_ok(a + PG, PG, PROT_READ));
    cr_expect(!guest_range_ok(a + 2 * PG, PG, 0));
    cr_expect(host_free(a) && host_free(a + 2 * PG));
    cr_expect(!host_free(a + PG));
    guest_munmap(a + PG, PG);
    shmctl(id, IPC_RMID, NULL);
}

Test(sysipc, shmdt_after_the_guest_unmapped_part_of_it)
{
    int id = seg(3 * PG);
    int64_t a = SC(NR_SHMAT, id, 0, 0);
    cr_assert(a > 0);
    cr_assert_eq(guest_munmap(a + PG, PG), 0);
    cr_expect_eq(SC(NR_SHMDT, a), 0);
    for (uint64_t p = a; p < a + 3 * PG; p += PG) {
        cr_expect(!guest_range_ok(p, PG, 0));
        cr_expect(host_free(p), "page %#lx still mapped", (unsigned long)p);
    }
    shmctl(id, IPC_RMID, NULL);
}

Test(sysipc, semctl_ipc_stat_is_the_arm64_layout)
{
    int id = semget(IPC_PRIVATE, 5, IPC_CREAT | 0640);
    cr_assert(id >= 0);
    int64_t g = guest_mmap(0, PG, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char *b = (unsigned char *)(uintptr_t)g;
    memset(b, 0xa5, PG);
    cr_expect_eq(SC(NR_SEMCTL, id, 0, IPC_STAT, g), 0);
    uint64_t nsems, ctime;
    memcpy(&nsems, b + 64, 8); /* asm-generic: perm(48), otime, ctime */
    memcpy(&ctime, b + 56, 8);
    cr_expect_eq(nsems, 5);
    cr_expect(ctime != 0);
    cr_expect_eq(*(uint32_t *)(b + 20) & 0777, 0640); /* ipc64_perm.mode */
    cr_expect_eq(b[88], 0xa5, "wrote past the 88-byte arm64 semid64_ds");
    /* IPC_SET reads the same layout */
    *(uint32_t *)(b + 20) = 0600;
    cr_expect_eq(SC(NR_SEMCTL, id, 0, IPC_SET, g), 0);
    struct semid_ds hs;
    semctl(id, 0, IPC_STAT, &hs);
    cr_expect_eq(hs.sem_perm.mode & 0777, 0600);
    /* a buffer one byte short of it is EFAULT, after the lookup */
    cr_expect_eq(SC(NR_SEMCTL, id, 0, IPC_STAT, g + PG - 87), -EFAULT);
    cr_expect_eq(SC(NR_SEMCTL, (uint64_t)-1, 0, IPC_STAT, g + PG - 87),
                 -EINVAL);
    semctl(id, 0, IPC_RMID);
    guest_munmap(g, PG);
}
