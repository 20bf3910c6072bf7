/*
 * syscall/uaccess.c - host views of guest pointers (syscall/uaccess.h).
 *
 * Invariant: no address outside the guest memory map reaches the host
 * kernel, and emu itself reads guest memory only after guest_range_ok().
 * A good guest range reaches the host as g2h(addr) (sys_hptr: NULL stays
 * NULL).  Nested guest pointers (iovec bases, msghdr fields) are guest
 * addresses too, so with a nonzero guest_base the structures holding them
 * are always rewritten into host copies; the copy-free fast path is for
 * guest_base 0 (AArch64).  What reaches the host for a bad range is one of
 *   - SYS_FAULT_ADDR (plus the page offset), in the kernel half: the
 *     host's access_ok() fails, as the arm64 kernel's does for an address
 *     above its 48-bit user VA;
 *   - a page of `fault_area`, a PROT_NONE reservation of emu's that the
 *     guest cannot map over (guest MAP_FIXED refuses emulator memory): the
 *     host passes access_ok() and faults on the first access, as arm64
 *     does on an unmapped user page.  The page offset is kept, so
 *     alignment checks (futex, O_DIRECT) see what the guest passed;
 *   - a bounce mapping: the good prefix of the guest buffer, copied, then
 *     BOUNCE_GUARD bytes of PROT_NONE, with the guest's page offset.  The
 *     good prefix always ends on a page boundary (the guest map is made of
 *     pages), so the host faults at the same byte as the guest's kernel.
 * Bounces and host copies live for one syscall, in a SysFix list; the
 * fast path (every range guest memory) allocates nothing.
 */
#include "syscall/uaccess.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-map.h"
#include "common/guest-mem.h"
#include "syscall/sys-internal.h"

#define PAGE 4096ull
#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))
/* TASK_SIZE_MAX of arm64 with 48-bit VAs (Debian's and most distributions'
 * kernels). */
#define A64_USER_TOP (1ull << 48)
/* Kernel code never writes far past the start of a buffer without
 * faulting at the start first (structures are filled at small offsets,
 * buffers in order), so this much PROT_NONE after a fault address covers
 * every access the host can make through it. */
#define FAULT_AREA (1ull << 20)
#define BOUNCE_GUARD (64ull << 10)
/* struct sockaddr_storage: the kernel's cap on msg_namelen. */
#define SOCKADDR_MAX 128
#define MMSG_SIZE 64 /* struct mmsghdr on LP64 */

_Static_assert(sizeof(struct iovec) == 16, "iovec is 16 bytes on LP64");
_Static_assert(sizeof(struct msghdr) == 56, "msghdr is 56 bytes on LP64");
_Static_assert(sizeof(struct mmsghdr) == MMSG_SIZE, "mmsghdr size");

enum { REC_BOUNCE, REC_HEAP, REC_MSG, REC_MMSG };

struct SysFixRec {
    SysFixRec *next;
    int kind;
    bool out;           /* REC_BOUNCE: copy back; REC_MSG/MMSG: recv */
    uint64_t guest;     /* guest address the record stands for */
    void *host;         /* what the host was given */
    uint64_t len;       /* REC_BOUNCE: bytes; REC_MMSG: entries */
    void *map;          /* mmap'd area to release, or NULL */
    size_t maplen;
};

static uint64_t fault_area;
static pthread_once_t fault_once = PTHREAD_ONCE_INIT;

static void fault_area_init(void)
{
    void *p = mmap(NULL, FAULT_AREA, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    fault_area = p == MAP_FAILED ? 0 : (uint64_t)(uintptr_t)p;
}

bool sys_a64_access_ok(uint64_t addr, uint64_t len)
{
    return len <= A64_USER_TOP && addr <= A64_USER_TOP - len;
}

uint64_t sys_fault_ptr(uint64_t addr, uint64_t len)
{
    if (!addr)
        return 0;
    uint64_t off = addr & (PAGE - 1);
    if (!sys_a64_access_ok(addr, len))
        return SYS_FAULT_ADDR + off;
    pthread_once(&fault_once, fault_area_init);
    return (fault_area ? fault_area : SYS_FAULT_ADDR) + off;
}

static SysFixRec *fix_rec(SysFix *f, int kind)
{
    SysFixRec *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->kind = kind;
    r->next = f->recs;
    f->recs = r;
    return r;
}

/* Host memory of n bytes freed by sys_fix_done (NULL if out of memory). */
static void *fix_alloc(SysFix *f, size_t n)
{
    void *p = calloc(1, n ? n : 1);
    SysFixRec *r = p ? fix_rec(f, REC_HEAP) : NULL;
    if (!r) {
        free(p);
        return NULL;
    }
    r->host = p;
    return p;
}

/* A mapping of `span` read-write bytes (page multiple) followed by
 * BOUNCE_GUARD bytes that fault. */
static void *guarded_map(size_t span, size_t *maplen)
{
    *maplen = span + BOUNCE_GUARD;
    void *m = mmap(NULL, *maplen, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    if (mprotect(m, span, PROT_READ | PROT_WRITE)) {
        munmap(m, *maplen);
        return NULL;
    }
    return m;
}

uint64_t sys_fix(SysFix *f, uint64_t addr, uint64_t len, int prot)
{
    /* Guest memory with any protection goes as is: the host pages carry
     * the guest's protection, so the host faults where the guest would. */
    if (!addr || !len || guest_range_ok(addr, len, 0))
        return sys_hptr(addr);
    if (!sys_a64_access_ok(addr, len))
        return SYS_FAULT_ADDR;
    uint64_t k = guest_range_prefix(addr, len, prot);
    if (!k)
        return sys_fault_ptr(addr, len);
    /* The kernel would use the first k bytes and fault at addr + k (a page
     * boundary): a copy of them, followed by pages that fault. */
    uint64_t off = addr & (PAGE - 1);
    size_t maplen;
    uint8_t *m = guarded_map(PAGE_UP(off + k), &maplen);
    SysFixRec *r = m ? fix_rec(f, REC_BOUNCE) : NULL;
    if (!r) {
        if (m)
            munmap(m, maplen);
        return sys_fault_ptr(addr, len);
    }
    memcpy(m + off, g2h(addr), k);
    r->out = prot & PROT_WRITE;
    r->guest = addr;
    r->host = m + off;
    r->len = k;
    r->map = m;
    r->maplen = maplen;
    return (uint64_t)(uintptr_t)r->host;
}

uint64_t sys_fix_str(uint64_t addr, uint64_t max)
{
    if (!addr)
        return 0;
    uint64_t lim = addr + max < addr ? UINT64_MAX : addr + max;
    for (uint64_t p = addr; p < lim;) {
        uint64_t end = (p | (PAGE - 1)) + 1;
        if (end == 0 || end > lim)
            end = lim;
        if (!guest_range_ok(p, end - p, PROT_READ))
            return sys_fault_ptr(addr, 1);
        if (memchr(g2h(p), 0, end - p))
            return sys_hptr(addr);
        p = end;
    }
    return sys_hptr(addr); /* max bytes without a NUL: the kernel stops */
}

static bool iov_good(const struct iovec *v, uint64_t cnt)
{
    for (uint64_t i = 0; i < cnt; i++)
        if (v[i].iov_len &&
            !guest_range_ok((uint64_t)(uintptr_t)v[i].iov_base, v[i].iov_len,
                            0))
            return false;
    return true;
}

uint64_t sys_fix_iov(SysFix *f, uint64_t iov, uint64_t cnt, int prot)
{
    /* lib/iov_iter.c: no segment is read for cnt 0, and more than
     * UIO_MAXIOV is EINVAL (EMSGSIZE in a msghdr) before the array is
     * read; the array is copied whole (EFAULT), then every segment checked
     * ((ssize_t)len < 0: EINVAL; access_ok: EFAULT). */
    if (!iov || !cnt)
        return sys_hptr(iov);
    if (cnt > IOV_MAX)
        return sys_fault_ptr(iov, 0);
    uint64_t bytes = cnt * sizeof(struct iovec);
    if (!guest_range_ok(iov, bytes, PROT_READ))
        return guest_range_ok(iov, bytes, 0) ? sys_hptr(iov)
                                             : sys_fault_ptr(iov, bytes);
    const struct iovec *g = g2h(iov);
    if (!guest_base && iov_good(g, cnt))
        return sys_hptr(iov);
    struct iovec *h = fix_alloc(f, bytes);
    if (!h)
        return sys_fault_ptr(iov, bytes);
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t base = (uint64_t)(uintptr_t)g[i].iov_base;
        h[i].iov_len = g[i].iov_len;
        h[i].iov_base = (void *)(uintptr_t)sys_fix(f, base, g[i].iov_len, prot);
    }
    return (uint64_t)(uintptr_t)h;
}

/* The bytes of msg_name the kernel uses (net/socket.c __copy_msghdr: none
 * for NULL, capped at sockaddr_storage; a negative length is EINVAL before
 * the name is touched). */
static uint64_t msg_namelen(const struct msghdr *m)
{
    int n = (int)m->msg_namelen;
    if (!m->msg_name || n <= 0)
        return 0;
    return n < SOCKADDR_MAX ? (uint64_t)n : SOCKADDR_MAX;
}

static bool msghdr_good(const struct msghdr *m)
{
    uint64_t name = (uint64_t)(uintptr_t)m->msg_name;
    uint64_t ctl = (uint64_t)(uintptr_t)m->msg_control;
    uint64_t iov = (uint64_t)(uintptr_t)m->msg_iov;
    if ((int)m->msg_namelen < 0 && name)
        return false;
    if (msg_namelen(m) && !guest_range_ok(name, msg_namelen(m), 0))
        return false;
    if (ctl && m->msg_controllen &&
        !guest_range_ok(ctl, m->msg_controllen, 0))
        return false;
    if (!iov || !m->msg_iovlen)
        return true;
    if (m->msg_iovlen > IOV_MAX ||
        !guest_range_ok(iov, m->msg_iovlen * sizeof(struct iovec),
                        PROT_READ))
        return false;
    return iov_good(g2h(iov), m->msg_iovlen);
}

/* h = the guest's msghdr g with every pointer in it fixed. */
static void msghdr_fix(SysFix *f, const struct msghdr *g, struct msghdr *h,
                       bool recv)
{
    int prot = recv ? PROT_WRITE : PROT_READ;
    uint64_t name = (uint64_t)(uintptr_t)g->msg_name;
    *h = *g;
    if ((int)g->msg_namelen < 0)
        h->msg_name = (void *)(uintptr_t)sys_fault_ptr(name, 0);
    else
        h->msg_name = (void *)(uintptr_t)sys_fix(f, name, msg_namelen(g),
                                                 prot);
    h->msg_control = (void *)(uintptr_t)sys_fix(
        f, (uint64_t)(uintptr_t)g->msg_control, g->msg_controllen, prot);
    h->msg_iov = (struct iovec *)(uintptr_t)sys_fix_iov(
        f, (uint64_t)(uintptr_t)g->msg_iov, g->msg_iovlen, prot);
}

uint64_t sys_fix_msghdr(SysFix *f, uint64_t msg, bool recv)
{
    const uint64_t size = sizeof(struct msghdr);
    if (!msg)
        return 0;
    if (!guest_range_ok(msg, size, PROT_READ))
        return guest_range_ok(msg, size, 0) ? sys_hptr(msg)
                                            : sys_fault_ptr(msg, size);
    struct msghdr g = *(const struct msghdr *)g2h(msg);
    if (!guest_base && msghdr_good(&g))
        return sys_hptr(msg);
    struct msghdr *h = fix_alloc(f, sizeof(*h));
    SysFixRec *r = h && recv ? fix_rec(f, REC_MSG) : NULL;
    if (!h || (recv && !r))
        return sys_fault_ptr(msg, size);
    msghdr_fix(f, &g, h, recv);
    if (r) {
        r->out = true;
        r->guest = msg;
        r->host = h;
    }
    return (uint64_t)(uintptr_t)h;
}

uint64_t sys_fix_mmsg(SysFix *f, uint64_t vec, uint64_t n, bool recv)
{
    if (!vec || !n)
        return sys_hptr(vec);
    /* The kernel copies one entry at a time and stops at the first it
     * cannot read (EFAULT for the first, else the count so far). */
    uint64_t bytes = n * MMSG_SIZE;
    if (n > UINT64_MAX / MMSG_SIZE || !sys_a64_access_ok(vec, bytes))
        bytes = UINT64_MAX - vec; /* whatever is readable from vec on */
    uint64_t nk = guest_range_prefix(vec, bytes, PROT_READ) / MMSG_SIZE;
    if (nk > n)
        nk = n;
    const struct mmsghdr *g = g2h(vec);
    bool good = nk == n && !guest_base;
    for (uint64_t i = 0; good && i < n; i++)
        good = msghdr_good(&g[i].msg_hdr);
    if (good)
        return sys_hptr(vec);
    if (!nk)
        return sys_fault_ptr(vec, MMSG_SIZE);
    /* nk entries, ending where the guard starts, so entry nk faults. */
    size_t span = PAGE_UP(nk * MMSG_SIZE), maplen;
    uint8_t *m = guarded_map(span, &maplen);
    SysFixRec *r = m ? fix_rec(f, REC_MMSG) : NULL;
    if (!r) {
        if (m)
            munmap(m, maplen);
        return sys_fault_ptr(vec, MMSG_SIZE);
    }
    struct mmsghdr *h = (struct mmsghdr *)(m + span - nk * MMSG_SIZE);
    for (uint64_t i = 0; i < nk; i++) {
        msghdr_fix(f, &g[i].msg_hdr, &h[i].msg_hdr, recv);
        h[i].msg_len = g[i].msg_len;
    }
    r->out = recv;
    r->guest = vec;
    r->host = h;
    r->len = nk;
    r->map = m;
    r->maplen = maplen;
    return (uint64_t)(uintptr_t)h;
}

/* recvmsg's results in a host msghdr copy, to the guest's: false when the
 * guest's cannot be written (the kernel's __put_user would fail). */
static bool msghdr_back(uint64_t guest, const struct msghdr *h)
{
    if (!guest_range_ok(guest, sizeof(*h), PROT_WRITE))
        return false;
    struct msghdr *g = g2h(guest);
    g->msg_namelen = h->msg_namelen;
    g->msg_controllen = h->msg_controllen;
    g->msg_flags = h->msg_flags;
    return true;
}

int64_t sys_fix_done(SysFix *f, int64_t r)
{
    int64_t ret = r;
    /* Records are undone newest first: a msghdr copy before the buffers
     * its pointers lead to (they are independent anyway). */
    for (SysFixRec *p = f->recs, *next; p; p = next) {
        next = p->next;
        switch (p->kind) {
        case REC_BOUNCE:
            if (p->out)
                memcpy(g2h(p->guest), p->host, p->len);
            break;
        case REC_MSG:
            if (r >= 0 && !msghdr_back(p->guest, p->host))
                ret = -EFAULT;
            break;
        case REC_MMSG: {
            /* msg_len of every entry the host processed (r of them). */
            const struct mmsghdr *h = p->host;
            struct mmsghdr *g = g2h(p->guest);
            for (int64_t i = 0; r > 0 && i < r && (uint64_t)i < p->len; i++) {
                uint64_t gi = p->guest + (uint64_t)i * MMSG_SIZE;
                if (!guest_range_ok(gi, MMSG_SIZE, PROT_WRITE))
                    break;
                g[i].msg_len = h[i].msg_len;
                if (p->out)
                    msghdr_back(gi + offsetof(struct mmsghdr, msg_hdr),
                                &h[i].msg_hdr);
            }
            break;
        }
        case REC_HEAP:
            free(p->host);
            break;
        }
        if (p->map)
            munmap(p->map, p->maplen);
        free(p);
    }
    f->recs = NULL;
    return ret;
}

int64_t sys_upath(uint64_t addr, char *buf, size_t n, const char **out)
{
    int64_t r = sys_path(addr, buf, n, out);
    if (r == -ENAMETOOLONG)
        *out = g2h(addr); /* all readable: the host says so */
    else if (r)
        *out = (const char *)(uintptr_t)sys_fix_str(addr, SYS_PATH_MAX);
    return r;
}

int64_t sys_fd_check(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || (fl & O_PATH) || emu_fd_private(fd))
        return -EBADF;
    return 0;
}
