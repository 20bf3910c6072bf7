/*
 * common/guest-map.c - the guest memory map (implements common/guest-map.h).
 *
 * The map holds guest addresses (host address = g2h(guest address)); every
 * host call here goes through g2h()/h2g().  It is a sorted array of
 * disjoint page-aligned ranges [start, end) with the guest's prot, flags
 * and name; it is the source of truth for what the guest owns:
 *  - guest_range_ok() answers EFAULT checks from it (fast path: a per-thread
 *    cache of the last range hit, valid while the map's generation counter
 *    is unchanged);
 *  - munmap/mprotect only ever touch host pages the guest owns, so a wild
 *    guest munmap cannot take the emulator's own memory away;
 *  - MAP_FIXED over addresses the guest does not own first reserves them
 *    with MAP_FIXED_NOREPLACE, so it fails with ENOMEM instead of replacing
 *    emulator memory;
 *  - brk grows by MAP_FIXED_NOREPLACE anonymous pages, never into other
 *    mappings (the kernel's rule too: brk fails rather than clobber).
 * Host prot differs from the guest's only in PROT_EXEC (the JIT reads
 * guest code, it never runs it: exec becomes read) and in the arm64-only
 * PROT_BTI bit, which is recorded nowhere and dropped.
 *
 * Every change that can remove or re-protect translated code calls the
 * invalidation hook (tb_invalidate_range), after map_lock is released (the
 * translator may call guest_range_ok() while holding its own lock).
 */
#include "common/guest-map.h"
#include "common/guest-mem.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-arch.h"

static void (*invalidate_hook)(uint64_t, uint64_t);

void guest_map_set_invalidate(void (*fn)(uint64_t start, uint64_t len))
{
    invalidate_hook = fn;
}

static void tb_invalidate_range(uint64_t start, uint64_t len)
{
    if (invalidate_hook)
        invalidate_hook(start, len);
}

#define PAGE 4096ull
#define PAGE_ALIGN(x) (((x) + PAGE - 1) & ~(PAGE - 1))
#define A64_PROT_BTI 0x10
#define A64_PROT_MTE 0x20
#define GUEST_PROT (PROT_READ | PROT_WRITE | PROT_EXEC)

/* A 32-bit guest lives in a reservation of [space_lo, space_hi) (set up by
 * guest_space_init32; space_hi 0 when there is none, the 64-bit guest's
 * case).  Every page of it that the guest does not own is a PROT_NONE
 * MAP_NORESERVE mapping of ours, so the host never puts anything there:
 * guest mappings replace reservation pages with MAP_FIXED, and whatever
 * the guest gives up (munmap, a shrinking brk or mremap) is reserved
 * again instead of unmapped.  Addresses for mappings without MAP_FIXED
 * are chosen here, top-down from below the stack as the arm kernel's
 * legacy-free layout does (mm/util.c mmap_base: TASK_SIZE minus a gap of
 * at least 128 MiB below the stack). */
static uint64_t space_lo, space_hi;
static uint64_t mmap_top = 0xb7000000ull; /* 0xbf000000 - 128 MiB */
#define SPACE_GUARD (64ull << 10) /* past 4 GiB: accesses that straddle it */
#define GUEST_SPACE_ALIGN (64ull << 10)

typedef struct MapEnt {
    uint64_t start, end;
    int prot;      /* guest PROT_* */
    int shared;    /* MAP_SHARED: 's' in /proc/self/maps */
    uint64_t off;  /* file offset of start */
    uint64_t dev, ino;
    char *name;    /* NULL for anonymous */
} MapEnt;

static MapEnt *ents;
static size_t nents, cap_ents;
static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t map_gen = 1;
static uint64_t brk_start, brk_cur, brk_top;

static __thread struct {
    uint64_t gen, start, end;
    int prot;
} map_hit;

static void map_lock_child(void)
{
    pthread_mutex_init(&map_lock, NULL);
}
static void map_lock_take(void) { pthread_mutex_lock(&map_lock); }
static void map_lock_drop(void) { pthread_mutex_unlock(&map_lock); }

/* The guest's mappings are host vmas, so a guest that maps until
 * vm.max_map_count (ENOMEM) leaves none for the emulator, and at the limit
 * the kernel refuses even to grow the heap (brk).  Translating the code
 * the guest runs next needs memory, so emu's malloc keeps slack at the top
 * of its heap (untouched address space, no memory) and can allocate there
 * without a new vma or a brk. */
__attribute__((constructor)) static void map_heap_slack(void)
{
    mallopt(M_TOP_PAD, 32 << 20);
}

/* fork() while another thread holds map_lock must not leave the child's
 * copy locked forever. */
__attribute__((constructor)) static void map_atfork(void)
{
    pthread_atfork(map_lock_take, map_lock_drop, map_lock_child);
}

static void map_changed(void)
{
    __atomic_add_fetch(&map_gen, 1, __ATOMIC_RELEASE);
}

static int host_prot(int prot)
{
    int h = prot & (PROT_READ | PROT_WRITE);
    if (prot & PROT_EXEC)
        h |= PROT_READ;
    return h;
}

/* Index of the first entry with end > addr. */
static size_t map_find(uint64_t addr)
{
    size_t lo = 0, hi = nents;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ents[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void map_insert_at(size_t i, const MapEnt *e)
{
    if (nents == cap_ents) {
        cap_ents = cap_ents ? cap_ents * 2 : 64;
        ents = realloc(ents, cap_ents * sizeof(*ents));
        if (!ents)
            emu_fatal("out of memory (guest memory map)");
    }
    memmove(&ents[i + 1], &ents[i], (nents - i) * sizeof(*ents));
    ents[i] = *e;
    nents++;
}

static void map_delete_at(size_t i, size_t n)
{
    for (size_t k = i; k < i + n; k++)
        free(ents[k].name);
    memmove(&ents[i], &ents[i + n], (nents - i - n) * sizeof(*ents));
    nents -= n;
}

/* Splits the entry that strictly contains addr, if any. */
static void map_split(uint64_t addr)
{
    size_t i = map_find(addr);
    if (i == nents || ents[i].start >= addr)
        return;
    MapEnt hi = ents[i];
    hi.start = addr;
    if (hi.name)
        hi.name = strdup(hi.name);
    if (hi.name || hi.ino)
        hi.off += addr - ents[i].start;
    ents[i].end = addr;
    map_insert_at(i + 1, &hi);
}

/* Removes [start, end) from the map; returns true if anything was there. */
static bool map_remove(uint64_t start, uint64_t end)
{
    map_split(start);
    map_split(end);
    size_t i = map_find(start), j = i;
    while (j < nents && ents[j].start < end)
        j++;
    map_delete_at(i, j - i);
    return j > i;
}

static bool map_can_merge(const MapEnt *a, const MapEnt *b)
{
    if (a->end != b->start || a->prot != b->prot || a->shared != b->shared)
        return false;
    if (!a->name || !b->name)
        return !a->name && !b->name;
    return !strcmp(a->name, b->name) && a->dev == b->dev &&
           a->ino == b->ino && b->off == a->off + (a->end - a->start);
}

/* Merges neighbours that nothing distinguishes, from the entry left of
 * start up to the first entry after end. */
static void map_merge_range(uint64_t start, uint64_t end)
{
    size_t k = map_find(start);
    if (k > 0)
        k--;
    while (k + 1 < nents && ents[k].start <= end) {
        if (map_can_merge(&ents[k], &ents[k + 1])) {
            ents[k].end = ents[k + 1].end;
            map_delete_at(k + 1, 1);
        } else {
            k++;
        }
    }
}

/* Inserts e (taking ownership of e->name), replacing what was there;
 * returns true if it replaced something. */
static bool map_add(const MapEnt *e)
{
    bool had = map_remove(e->start, e->end);
    size_t i = map_find(e->start);
    map_insert_at(i, e);
    map_merge_range(e->start, e->end);
    map_changed();
    return had;
}

/* Is [start, end) entirely covered by guest entries? */
static bool map_covered(uint64_t start, uint64_t end, int prot)
{
    size_t i = map_find(start);
    uint64_t cur = start;
    while (cur < end) {
        if (i == nents || ents[i].start > cur || (prot & ~ents[i].prot))
            return false;
        cur = ents[i].end;
        i++;
    }
    return true;
}

bool guest_range_ok(uint64_t addr, uint64_t len, int prot)
{
    uint64_t end = addr + len;
    if (end < addr)
        return false;
    if (map_hit.gen == __atomic_load_n(&map_gen, __ATOMIC_ACQUIRE) &&
        addr >= map_hit.start && end <= map_hit.end &&
        !(prot & ~map_hit.prot))
        return true;
    pthread_mutex_lock(&map_lock);
    bool ok = map_covered(addr, end, prot);
    size_t i = map_find(addr);
    if (ok && i < nents && end <= ents[i].end) {
        map_hit.gen = map_gen;
        map_hit.start = ents[i].start;
        map_hit.end = ents[i].end;
        map_hit.prot = ents[i].prot;
    }
    pthread_mutex_unlock(&map_lock);
    return ok;
}

bool guest_exec_ok(uint64_t addr, uint64_t len)
{
    return guest_range_ok(addr, len, PROT_EXEC);
}

uint64_t guest_range_prefix(uint64_t addr, uint64_t len, int prot)
{
    uint64_t end = addr + len < addr ? UINT64_MAX : addr + len;
    pthread_mutex_lock(&map_lock);
    size_t i = map_find(addr);
    uint64_t cur = addr;
    while (cur < end && i < nents && ents[i].start <= cur &&
           !(prot & ~ents[i].prot))
        cur = ents[i++].end;
    pthread_mutex_unlock(&map_lock);
    return (cur < end ? cur : end) - addr;
}

void guest_map_note(uint64_t addr, uint64_t len, int prot, const char *name)
{
    guest_map_note_ex(addr, len, prot, false, name);
}

void guest_map_note_ex(uint64_t addr, uint64_t len, int prot, bool shared,
                       const char *name)
{
    MapEnt e = {.start = addr & ~(PAGE - 1),
                .end = PAGE_ALIGN(addr + len),
                .prot = prot & GUEST_PROT,
                .shared = shared,
                .name = name && *name ? strdup(name) : NULL};
    if (e.name && e.name[0] == '/') {
        struct stat st;
        if (stat(e.name, &st) == 0) {
            e.dev = st.st_dev;
            e.ino = st.st_ino;
        }
    }
    if (e.end <= e.start)
        return;
    pthread_mutex_lock(&map_lock);
    map_add(&e);
    pthread_mutex_unlock(&map_lock);
    if (emu_opts.dbg & DBG_PAGE)
        emu_log("map note %#llx-%#llx prot %d %s\n",
                (unsigned long long)e.start, (unsigned long long)e.end, prot,
                name ? name : "");
}

/* Calls fn on every part of [start, end) no entry covers, in order;
 * returns where fn said stop, or end. */
static uint64_t map_gaps(uint64_t start, uint64_t end,
                         bool (*fn)(uint64_t, uint64_t))
{
    size_t i = map_find(start);
    uint64_t cur = start;
    while (cur < end) {
        uint64_t next = (i < nents && ents[i].start < end) ? ents[i].start
                                                            : end;
        if (next > cur && !fn(cur, next))
            return cur;
        if (next >= end)
            break;
        cur = ents[i++].end;
    }
    return end;
}

/* Reserves [s, e) of the 32-bit space again (PROT_NONE, no memory). */
static bool space_rereserve(uint64_t s, uint64_t e)
{
    return mmap(g2h(s), e - s, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1,
                0) != MAP_FAILED;
}

static bool gap_reserve(uint64_t s, uint64_t e)
{
    if (space_hi)
        return true; /* the reservation is there already */
    void *p = mmap(g2h(s), e - s, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == g2h(s))
        return true;
    /* pre-4.17 kernels treat NOREPLACE as a hint: a different address */
    if (p != MAP_FAILED)
        munmap(p, e - s);
    return false;
}

static bool gap_release(uint64_t s, uint64_t e)
{
    if (space_hi)
        return true;
    munmap(g2h(s), e - s);
    return true;
}

/* Reserves every part of [start, end) the guest does not own, so that a
 * following MAP_FIXED can only replace guest memory or free address
 * space.  Returns false, with nothing left reserved, when host (emulator)
 * memory is in the way. */
static bool map_reserve_gaps(uint64_t start, uint64_t end)
{
    uint64_t stop = map_gaps(start, end, gap_reserve);
    if (stop == end)
        return true;
    map_gaps(start, stop, gap_release);
    return false;
}

/* Does no guest entry overlap [start, end)? */
static bool map_free(uint64_t start, uint64_t end)
{
    size_t i = map_find(start);
    return i == nents || ents[i].start >= end;
}

/* 32-bit space: the highest free [a, a+len) with a+len <= top, a >= lo,
 * 0 if none.  Under map_lock. */
static uint64_t space_find_below(uint64_t len, uint64_t lo, uint64_t top)
{
    /* the gaps between entries, from top down: entries before i end at or
     * below top */
    size_t i = map_find(top);
    uint64_t hi = i < nents && ents[i].start < top ? ents[i].start : top;
    for (;;) {
        uint64_t floor = i > 0 ? ents[i - 1].end : 0;
        if (floor < lo)
            floor = lo;
        if (hi > floor && hi - floor >= len)
            return hi - len;
        if (i == 0)
            return 0;
        hi = ents[i - 1].start;
        i--;
        if (hi <= lo)
            return 0;
    }
}

static uint64_t space_pick(uint64_t hint, uint64_t len)
{
    /* a hint is rounded up to its page and taken if free (the kernel's
     * arch_get_unmapped_area_topdown) */
    uint64_t task = guest_arch->task_size;
    hint = PAGE_ALIGN(hint);
    if (hint && hint >= space_lo && hint + len > hint && hint + len <= task &&
        map_free(hint, hint + len))
        return hint;
    uint64_t a = space_find_below(len, space_lo, mmap_top);
    if (!a)
        a = space_find_below(len, mmap_top, task);
    return a;
}

static bool read_implies_exec;

void guest_space_set_read_implies_exec(bool on)
{
    read_implies_exec = on;
}

/* Reserves [h, h + len) PROT_NONE at exactly h: true, or false with errno. */
static bool space_reserve_at(uint64_t h, uint64_t len)
{
    void *p = mmap((void *)(uintptr_t)h, len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
                       MAP_FIXED_NOREPLACE, -1, 0);
    if (p == (void *)(uintptr_t)h)
        return true;
    /* pre-4.17 kernels treat NOREPLACE as a hint: a different address */
    if (p != MAP_FAILED) {
        munmap(p, len);
        errno = EEXIST;
    }
    return false;
}

/* Anywhere: len bytes PROT_NONE at a GUEST_SPACE_ALIGN-aligned host
 * address (0 if the host has no such room). */
static uint64_t space_reserve_any(uint64_t len)
{
    uint64_t over = len + GUEST_SPACE_ALIGN;
    void *p = mmap(NULL, over, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    uint64_t h = (uint64_t)(uintptr_t)p;
    uint64_t a = (h + GUEST_SPACE_ALIGN - 1) & ~(GUEST_SPACE_ALIGN - 1);
    if (a > h)
        munmap(p, a - h);
    if (h + over > a + len)
        munmap((void *)(uintptr_t)(a + len), h + over - (a + len));
    return a;
}

static bool space_fixed_base;

void guest_space_init32(int how, uint64_t base)
{
    uint64_t lo = 0x10000; /* the usual vm.mmap_min_addr */
    FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");
    if (f) {
        unsigned long long v;
        if (fscanf(f, "%llu", &v) == 1)
            lo = v;
        fclose(f);
    }
    lo = PAGE_ALIGN(lo ? lo : PAGE);
    uint64_t hi = (1ull << 32) + SPACE_GUARD;
    /* The guest's mmap_min_addr stays the host's (space_lo), so that what
     * a guest may map does not depend on where it lives.  At guest_base 0
     * the host owns nothing below lo; elsewhere the reservation starts at
     * guest address 0, so that a guest NULL access faults instead of
     * reaching whatever the host has at guest_base. */
    if (how != GUEST_BASE_AUTO) {
        if (base & (GUEST_SPACE_ALIGN - 1))
            emu_fatal("guest base %#llx (-B, EMU_GUEST_BASE): not a "
                      "multiple of 64 KiB",
                      (unsigned long long)base);
        if (base > (1ull << 47) - hi)
            emu_fatal("guest base %#llx (-B, EMU_GUEST_BASE): the 4 GiB "
                      "guest space must end below the host's 47-bit user "
                      "address space",
                      (unsigned long long)base);
        uint64_t start = base ? base : lo;
        if (!space_reserve_at(start, base + hi - start))
            emu_fatal("guest base %#llx (-B, EMU_GUEST_BASE): cannot "
                      "reserve the 32-bit guest address space at host "
                      "%#llx-%#llx: %s (choose another base, or leave -B "
                      "out)",
                      (unsigned long long)base, (unsigned long long)start,
                      (unsigned long long)(base + hi), strerror(errno));
        space_fixed_base = true;
    } else if (space_reserve_at(lo, hi - lo)) {
        base = 0; /* the low 4 GiB: guest address = host address */
    } else {
        /* Something of the host's is in the low 4 GiB (or the kernel
         * refuses it): the guest can live anywhere at a nonzero base. */
        int e = errno;
        base = space_reserve_any(hi);
        if (!base)
            emu_fatal("cannot reserve the 32-bit guest address space "
                      "(4 GiB of address space, low: %s; anywhere: %s): is "
                      "vm.overcommit_memory 2 or ulimit -v set?",
                      strerror(e), strerror(errno));
    }
    guest_base = base;
    space_lo = lo;
    space_hi = hi;
    if (emu_opts.dbg & DBG_PAGE)
        emu_log("guest space: guest_base %#llx, guest %#llx-%#llx\n",
                (unsigned long long)base, (unsigned long long)lo,
                (unsigned long long)hi);
}

bool guest_space_fixed_base(void)
{
    return space_fixed_base;
}

bool guest_space32(void)
{
    return space_hi != 0;
}

void guest_space_set_mmap_top(uint64_t top)
{
    pthread_mutex_lock(&map_lock);
    mmap_top = top & ~(PAGE - 1);
    pthread_mutex_unlock(&map_lock);
}

uint64_t guest_space_find(uint64_t hint, uint64_t len)
{
    if (!space_hi)
        return 0;
    pthread_mutex_lock(&map_lock);
    uint64_t a = space_pick(hint, PAGE_ALIGN(len));
    pthread_mutex_unlock(&map_lock);
    return a;
}

bool guest_space_free(uint64_t addr, uint64_t len)
{
    pthread_mutex_lock(&map_lock);
    bool ok = map_free(addr, addr + PAGE_ALIGN(len));
    pthread_mutex_unlock(&map_lock);
    return ok;
}

void guest_space_release(uint64_t addr, uint64_t len)
{
    uint64_t s = addr & ~(PAGE - 1), e = PAGE_ALIGN(addr + len);
    if (space_hi && e > s)
        space_rereserve(s, e);
    else if (e > s)
        munmap(g2h(s), e - s);
}

static void map_name_fd(MapEnt *e, int fd)
{
    char link[64], path[4096];
    struct stat st;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof(path) - 1);
    if (n > 0) {
        path[n] = 0;
        e->name = strdup(path);
    }
    if (fstat(fd, &st) == 0) {
        e->dev = st.st_dev;
        e->ino = st.st_ino;
    }
}

int64_t guest_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd,
                   uint64_t off)
{
    uint64_t alen = PAGE_ALIGN(len);
    if (len == 0 || (off & (PAGE - 1)))
        return -EINVAL;
    if (alen < len)
        return -ENOMEM;
    if (prot & ~(GUEST_PROT | A64_PROT_BTI))
        return -EINVAL; /* PROT_MTE: no MTE on this CPU */
    if (read_implies_exec && (prot & PROT_READ))
        prot |= PROT_EXEC;
    int type = flags & MAP_TYPE;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    /* 0x40 is MAP_32BIT on x86-64 and means nothing on arm64. */
    int hflags = flags & ~0x40;
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    bool noreplace = flags & MAP_FIXED_NOREPLACE;
    if (fixed && ((addr & (PAGE - 1)) || addr + alen < addr))
        return -EINVAL;

    MapEnt e = {.prot = prot & GUEST_PROT,
                .shared = type != MAP_PRIVATE,
                .off = off};
    if (!(flags & MAP_ANONYMOUS))
        map_name_fd(&e, fd);
    else if (e.shared)
        e.name = strdup("/dev/zero (deleted)");

    pthread_mutex_lock(&map_lock);
    if (space_hi) {
        /* 32-bit guest: the address is ours to choose or check, and the
         * host mapping always replaces reservation pages (MAP_FIXED). */
        if (!fixed)
            addr = space_pick(addr, alen);
        else if (noreplace && !map_free(addr, addr + alen))
            addr = 0, errno = EEXIST;
        else if (addr < space_lo || addr + alen > guest_arch->task_size) {
            /* below mmap_min_addr EPERM, past TASK_SIZE ENOMEM (judged
             * before addr is cleared) */
            errno = addr < space_lo ? EPERM : ENOMEM;
            addr = 0;
        }
        if (!addr) {
            int err = fixed ? errno : ENOMEM;
            pthread_mutex_unlock(&map_lock);
            free(e.name);
            return -err;
        }
        hflags = (hflags & ~MAP_FIXED_NOREPLACE) | MAP_FIXED;
    }
    if (fixed && !noreplace && !map_reserve_gaps(addr, addr + alen)) {
        pthread_mutex_unlock(&map_lock);
        free(e.name);
        return -ENOMEM;
    }
    void *p = mmap(g2h(addr), alen, host_prot(prot), hflags, fd, (off_t)off);
    if (p == MAP_FAILED) {
        int err = errno;
        if (fixed && !noreplace)
            map_gaps(addr, addr + alen, gap_release);
        /* a failed MAP_FIXED may have taken the pages it was to replace */
        if (space_hi)
            map_gaps(addr, addr + alen, space_rereserve);
        pthread_mutex_unlock(&map_lock);
        free(e.name);
        return -err;
    }
    e.start = h2g(p);
    e.end = e.start + alen;
    bool replaced = map_add(&e);
    pthread_mutex_unlock(&map_lock);
    if (replaced)
        tb_invalidate_range(e.start, alen);
    if (emu_opts.dbg & DBG_PAGE)
        emu_log("mmap %#llx-%#llx prot %d flags %#x\n",
                (unsigned long long)e.start, (unsigned long long)e.end, prot,
                flags);
    return (int64_t)e.start;
}

int64_t guest_munmap(uint64_t addr, uint64_t len)
{
    uint64_t alen = PAGE_ALIGN(len);
    /* mm/mmap.c do_vmi_munmap: the range must lie below the guest's
     * TASK_SIZE before anything else is looked at. */
    uint64_t task = guest_arch->task_size;
    if ((addr & (PAGE - 1)) || addr > task || len > task - addr || alen == 0)
        return -EINVAL;
    uint64_t end = addr + alen;
    pthread_mutex_lock(&map_lock);
    for (size_t i = map_find(addr); i < nents && ents[i].start < end; i++) {
        uint64_t s = ents[i].start > addr ? ents[i].start : addr;
        uint64_t e = ents[i].end < end ? ents[i].end : end;
        /* Unmapping the middle of a vma splits it; at vm.max_map_count the
         * host refuses with ENOMEM and changes nothing, as the guest's
         * kernel would (the guest's mappings are host vmas, so it reaches
         * the limit the host counts).  Only a range inside one vma can
         * need a split that adds one, so this is the first piece. */
        if (space_hi ? !space_rereserve(s, e) : munmap(g2h(s), e - s) != 0) {
            int err = errno;
            bool gone = map_remove(addr, s);
            if (gone)
                map_changed();
            pthread_mutex_unlock(&map_lock);
            if (gone)
                tb_invalidate_range(addr, s - addr);
            return -err;
        }
    }
    bool had = map_remove(addr, end);
    if (had)
        map_changed();
    pthread_mutex_unlock(&map_lock);
    if (had)
        tb_invalidate_range(addr, alen);
    return 0;
}

int64_t guest_mprotect(uint64_t addr, uint64_t len, int prot)
{
    uint64_t alen = PAGE_ALIGN(len);
    /* PROT_GROWSDOWN extends the change down to the start of a grows-down
     * vma (mprotect(2)).  The one such vma we have is the main stack, and
     * the caller that matters is glibc's _dl_make_stack_executable(): it
     * makes the whole stack executable by mprotect()ing the single page
     * at __libc_stack_end with PROT_GROWSDOWN when dlopen() meets a library
     * whose PT_GNU_STACK asks for PF_X.  Elsewhere (we do not track
     * MAP_GROWSDOWN) the flag selects the given range only. */
    bool down = prot & PROT_GROWSDOWN;
    prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP | A64_PROT_BTI);
    if ((addr & (PAGE - 1)) || (prot & ~GUEST_PROT) || alen < len)
        return -EINVAL;
    if (read_implies_exec && (prot & PROT_READ))
        prot |= PROT_EXEC;
    if (len == 0)
        return 0;
    uint64_t end = addr + alen;
    pthread_mutex_lock(&map_lock);
    if (down) {
        size_t i = map_find(addr);
        if (i < nents && ents[i].start <= addr && ents[i].name &&
            !strcmp(ents[i].name, "[stack]")) {
            /* mprotect may have split the stack: walk to its lowest part */
            while (i > 0 && ents[i - 1].end == ents[i].start && ents[i - 1].name &&
                   !strcmp(ents[i - 1].name, "[stack]"))
                i--;
            addr = ents[i].start;
            alen = end - addr;
        }
    }
    if (!map_covered(addr, end, 0)) {
        pthread_mutex_unlock(&map_lock);
        return -ENOMEM;
    }
    if (mprotect(g2h(addr), alen, host_prot(prot))) {
        int err = errno;
        pthread_mutex_unlock(&map_lock);
        return -err;
    }
    map_split(addr);
    map_split(end);
    for (size_t i = map_find(addr); i < nents && ents[i].start < end; i++)
        ents[i].prot = prot;
    map_merge_range(addr, end);
    map_changed();
    pthread_mutex_unlock(&map_lock);
    tb_invalidate_range(addr, alen);
    return 0;
}

/* mremap inside the 32-bit space (under map_lock): the host's mremap
 * must neither grow into nor move out of the reservation, so the target
 * is chosen here and given as MREMAP_FIXED (which replaces the
 * reservation pages there), growth in place first releases the free pages
 * after the mapping, and the pages the mapping leaves are reserved again. */
static void *space_mremap(uint64_t old, uint64_t oldlen, uint64_t aold,
                          uint64_t newlen, uint64_t anew, int flags,
                          uint64_t newaddr)
{
    void *p;
    uint64_t task = guest_arch->task_size;
    if (flags & MREMAP_FIXED) {
        if (newaddr < space_lo || newaddr + anew > task) {
            errno = EINVAL;
            return MAP_FAILED;
        }
        p = mremap(g2h(old), oldlen, newlen, flags, g2h(newaddr));
    } else if (anew <= aold) {
        p = mremap(g2h(old), oldlen, newlen, flags & ~MREMAP_MAYMOVE);
        if (p != MAP_FAILED && anew < aold)
            space_rereserve(old + anew, old + aold);
        return p;
    } else if (old + anew <= task && map_free(old + aold, old + anew)) {
        munmap(g2h(old + aold), anew - aold);
        p = mremap(g2h(old), oldlen, newlen, 0);
        if (p == MAP_FAILED) {
            int err = errno;
            space_rereserve(old + aold, old + anew);
            errno = err;
        }
        return p;
    } else if (flags & MREMAP_MAYMOVE) {
        uint64_t to = space_pick(0, anew);
        if (!to) {
            errno = ENOMEM;
            return MAP_FAILED;
        }
        p = mremap(g2h(old), oldlen, newlen, flags | MREMAP_FIXED, g2h(to));
    } else {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    if (p != MAP_FAILED && !(flags & MREMAP_DONTUNMAP) && aold)
        space_rereserve(old, old + aold);
    return p;
}

int64_t guest_mremap(uint64_t old, uint64_t oldlen, uint64_t newlen, int flags,
                     uint64_t newaddr)
{
    uint64_t aold = PAGE_ALIGN(oldlen), anew = PAGE_ALIGN(newlen);
    if ((old & (PAGE - 1)) || newlen == 0 || anew < newlen || aold < oldlen ||
        (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)))
        return -EINVAL;
    bool fixed = flags & MREMAP_FIXED;
    if (fixed && ((newaddr & (PAGE - 1)) || !(flags & MREMAP_MAYMOVE)))
        return -EINVAL;
    pthread_mutex_lock(&map_lock);
    size_t i = map_find(old);
    if (i == nents || ents[i].start > old ||
        ents[i].end < old + (aold ? aold : PAGE)) {
        pthread_mutex_unlock(&map_lock);
        return -EFAULT;
    }
    MapEnt e = ents[i];
    e.off += old - ents[i].start;
    e.name = e.name ? strdup(e.name) : NULL;
    if (fixed && !map_reserve_gaps(newaddr, newaddr + anew)) {
        pthread_mutex_unlock(&map_lock);
        free(e.name);
        return -ENOMEM;
    }
    void *p;
    if (space_hi)
        p = space_mremap(old, oldlen, aold, newlen, anew, flags, newaddr);
    else
        p = mremap(g2h(old), oldlen, newlen, flags, g2h(newaddr));
    if (p == MAP_FAILED) {
        int err = errno;
        pthread_mutex_unlock(&map_lock);
        free(e.name);
        return -err;
    }
    if (!(flags & MREMAP_DONTUNMAP))
        map_remove(old, old + aold);
    e.start = h2g(p);
    e.end = e.start + anew;
    map_add(&e);
    pthread_mutex_unlock(&map_lock);
    tb_invalidate_range(old, aold);
    tb_invalidate_range(e.start, anew);
    return (int64_t)e.start;
}

void guest_brk_init(uint64_t start)
{
    pthread_mutex_lock(&map_lock);
    brk_start = brk_cur = start;
    brk_top = PAGE_ALIGN(start);
    pthread_mutex_unlock(&map_lock);
}

uint64_t guest_brk(uint64_t newbrk)
{
    pthread_mutex_lock(&map_lock);
    uint64_t r = brk_cur;
    if (newbrk < brk_start || !brk_start)
        goto out;
    uint64_t newtop = PAGE_ALIGN(newbrk);
    if (newtop < newbrk)
        goto out;
    if (newtop > brk_top) {
        /* 32-bit: the pages must be free in the guest map and below
         * TASK_SIZE, then replace the reservation */
        if (space_hi && (!map_free(brk_top, newtop) ||
                         newtop > guest_arch->task_size))
            goto out;
        void *p = mmap(g2h(brk_top), newtop - brk_top, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS |
                           (space_hi ? MAP_FIXED : MAP_FIXED_NOREPLACE),
                       -1, 0);
        if (p != g2h(brk_top)) {
            if (p != MAP_FAILED)
                munmap(p, newtop - brk_top);
            goto out;
        }
        MapEnt e = {.start = brk_top, .end = newtop,
                    .prot = PROT_READ | PROT_WRITE, .name = strdup("[heap]")};
        map_add(&e);
    } else if (newtop < brk_top) {
        if (space_hi)
            space_rereserve(newtop, brk_top);
        else
            munmap(g2h(newtop), brk_top - newtop);
        map_remove(newtop, brk_top);
        map_changed();
    }
    brk_top = newtop;
    brk_cur = r = newbrk;
out:
    pthread_mutex_unlock(&map_lock);
    return r;
}

/* One /proc/self/maps line for [start, end) of entry e. */
static void map_line(FILE *f, const MapEnt *e, uint64_t start, uint64_t end)
{
    uint64_t off = e->off + (e->name || e->ino ? start - e->start : 0);
    int n = fprintf(f, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
                    (unsigned long long)start, (unsigned long long)end,
                    e->prot & PROT_READ ? 'r' : '-',
                    e->prot & PROT_WRITE ? 'w' : '-',
                    e->prot & PROT_EXEC ? 'x' : '-', e->shared ? 's' : 'p',
                    (unsigned long long)off, major(e->dev), minor(e->dev),
                    (unsigned long long)e->ino);
    /* the kernel pads the name to column 73 */
    if (e->name)
        fprintf(f, "%*s%s", n < 73 ? 73 - n : 0, "", e->name);
    fputc('\n', f);
}

static void write_out(int fd, const char *buf, size_t size)
{
    for (size_t done = 0; done < size;) {
        ssize_t w = write(fd, buf + done, size - done);
        if (w <= 0)
            break;
        done += (size_t)w;
    }
}

void guest_map_dump(int fd)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (!f)
        return;
    pthread_mutex_lock(&map_lock);
    for (size_t i = 0; i < nents; i++)
        map_line(f, &ents[i], ents[i].start, ents[i].end);
    pthread_mutex_unlock(&map_lock);
    fclose(f);
    write_out(fd, buf, size);
    free(buf);
}

/* /proc/self/smaps of a 32-bit guest: the host's, for the vmas in the
 * guest space, with each header rewritten as the guest's maps line of
 * the guest entries it holds (guest addresses, prot and names; a host vma
 * that spans several entries repeats its counters under each), and
 * nothing of the emulator's or of the reservation's free pages. */
void guest_map_smaps(int fd)
{
    FILE *h = fopen("/proc/self/smaps", "r");
    char *buf = NULL, *line = NULL;
    size_t size = 0, cap = 0;
    FILE *f = h ? open_memstream(&buf, &size) : NULL;
    if (!f) {
        if (h)
            fclose(h);
        return;
    }
    char *body = NULL;
    size_t bsize = 0;
    FILE *b = NULL;
    uint64_t hs = 0, he = 0;
    bool more = true;
    while (more) {
        ssize_t n = getline(&line, &cap, h);
        unsigned long long lo, hi;
        char c;
        bool header = n > 0 && sscanf(line, "%llx-%llx %c", &lo, &hi, &c) == 3;
        more = n > 0;
        if (more && !header) {
            if (b)
                fputs(line, b);
            continue;
        }
        if (b) { /* the block of [hs, he) is complete */
            fclose(b);
            b = NULL;
            uint64_t top = guest_base + space_hi;
            if (hs >= guest_base + space_lo && he <= top) {
                uint64_t gs = hs - guest_base, ge = he - guest_base;
                pthread_mutex_lock(&map_lock);
                for (size_t i = map_find(gs); i < nents && ents[i].start < ge;
                     i++) {
                    const MapEnt *e = &ents[i];
                    map_line(f, e, e->start > gs ? e->start : gs,
                             e->end < ge ? e->end : ge);
                    fwrite(body, 1, bsize, f);
                }
                pthread_mutex_unlock(&map_lock);
            }
            free(body);
            body = NULL;
        }
        if (header) {
            hs = lo, he = hi;
            b = open_memstream(&body, &bsize);
        }
    }
    free(line);
    fclose(h);
    fclose(f);
    write_out(fd, buf, size);
    free(buf);
}
