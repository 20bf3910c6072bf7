/* armmaps: /proc/self/maps as a 32-bit ARM process sees it.  Every range
 * is a guest address (below 4 GiB, whatever host address emu-arm's guest
 * space has: -B), the program's own stack, code, heap and a fixed mmap
 * lie inside ranges with the right permissions, the kuser page is
 * [vectors] at 0xffff0000, smaps lists the same guest ranges, and
 * nothing of the emulator's (its executable,
 * its reservation of the 4 GiB) is listed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>


#define MAXR 512
static struct {
    unsigned long long lo, hi;
    char perm[5];
    char name[256];
} r[MAXR];
static int n;

static void load(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    n = 0;
    if (!f)
        return;
    while (n < MAXR && fgets(line, sizeof line, f)) {
        unsigned long long off;
        char dev[16];
        unsigned long ino;
        int pos = 0;
        if (sscanf(line, "%llx-%llx %4s %llx %15s %lu %n", &r[n].lo, &r[n].hi,
                   r[n].perm, &off, dev, &ino, &pos) < 6)
            continue;
        snprintf(r[n].name, sizeof r[n].name, "%s", line + pos);
        r[n].name[strcspn(r[n].name, "\n")] = 0;
        n++;
    }
    fclose(f);
}

/* the index of the range holding a, -1 if none */
static int find(uintptr_t a)
{
    for (int i = 0; i < n; i++)
        if (a >= r[i].lo && a < r[i].hi)
            return i;
    return -1;
}

int main(void)
{
    int local = 1;
    void *heap = malloc(64);
    void *fixed = mmap((void *)0x40000000, 8192, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    load();
    printf("lines > 5: %d\n", n > 5);

    int below = 1, sorted = 1, emu = 0;
    for (int i = 0; i < n; i++) {
        if (r[i].hi > 0x100000000ull || r[i].lo >= r[i].hi)
            below = 0;
        if (i && r[i].lo < r[i - 1].hi)
            sorted = 0;
        if (strstr(r[i].name, "emu-arm") || strstr(r[i].name, "qemu"))
            emu = 1;
    }
    printf("all ranges guest addresses below 4 GiB: %d\n", below);
    printf("sorted, disjoint: %d\n", sorted);
    printf("no emulator mapping: %d\n", !emu);

    int i = find((uintptr_t)&local);
    printf("stack: %s %s\n", i < 0 ? "none" : r[i].perm,
           i < 0 ? "" : r[i].name);
    i = find((uintptr_t)&main);
    printf("code: %s\n", i < 0 ? "none" : r[i].perm);
    i = find((uintptr_t)heap);
    printf("heap: %s\n", i < 0 ? "none" : r[i].perm);
    i = find(0x40000000);
    printf("fixed mmap: %d %s %s\n", fixed == (void *)0x40000000,
           i < 0 ? "none" : r[i].perm,
           i >= 0 && r[i].lo == 0x40000000 && r[i].hi == 0x40002000
               ? "40000000-40002000"
               : "wrong range");
    i = find(0xffff0000u);
    printf("vectors: %s %s %s\n", i < 0 ? "none" : r[i].perm,
           i >= 0 && r[i].lo == 0xffff0000u ? "at ffff0000" : "elsewhere",
           i < 0 ? "" : r[i].name);

    /* smaps: the same guest ranges, each followed by its counters */
    FILE *sm = fopen("/proc/self/smaps", "r");
    char line[512];
    int in_fixed = 0, fixed_size = 0, smaps_below = 1;
    while (sm && fgets(line, sizeof line, sm)) {
        unsigned long long lo, hi;
        char c;
        if (sscanf(line, "%llx-%llx %c", &lo, &hi, &c) == 3) {
            in_fixed = lo == 0x40000000 && hi == 0x40002000;
            if (hi > 0x100000000ull)
                smaps_below = 0;
        } else if (in_fixed && !strncmp(line, "Size:", 5)) {
            fixed_size = atoi(line + 5);
        }
    }
    if (sm)
        fclose(sm);
    printf("smaps: below 4 GiB %d, fixed mmap Size %d kB\n", smaps_below,
           fixed_size);

    munmap(fixed, 8192);
    load();
    printf("after munmap: %s\n", find(0x40000000) < 0 ? "gone" : "still there");
    free(heap);
    return 0;
}
