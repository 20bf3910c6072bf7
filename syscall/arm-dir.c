/*
 * syscall/arm-dir.c - directories for an EABI guest: getdents (struct
 * linux_dirent with 32-bit d_ino/d_off), getdents64, and the 32-bit
 * directory offsets a native 32-bit process gets.
 *
 * ext4 gives a 64-bit process 64-bit hash cookies as directory positions
 * ((major >> 1) << 32 | minor) and a 32-bit one 31-bit cookies (major >>
 * 1; 0x7fffffff at the end): fs/ext4/dir.c hash2pos, is_32bit_api().  As a
 * 64-bit host process emu gets the big ones, which 32-bit glibc's
 * non-LFS readdir turns into EOVERFLOW.  So each host offset above 31 bits
 * becomes, per open directory, the cookie a native 32-bit process would
 * see (its high word), remembered so that lseek/_llseek to it finds the
 * host position again.  An offset the map does not know (telldir() from
 * another descriptor of the same directory) goes back as the ext4 rule
 * has it: cookie << 32, the start of that hash group, which is where a
 * native seek lands too.  Two host positions with one cookie (a 31-bit
 * hash collision, which a native process has as well) keep the first of
 * the group.  Offsets that already fit (tmpfs, btrfs, xfs, linear ext4
 * directories) pass unchanged and need no map.
 *
 * Invariant: a map belongs to one (fd, st_dev, st_ino); it is checked
 * against fstat() before use, so a descriptor number reused for another
 * file never sees a stale map.  One mutex guards the maps (threads share
 * descriptors).
 */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/arm-sys.h"
#include "syscall/uaccess.h"

#define ARM_DIR_MAX_FD 65536
#define ARM_COOKIE_MAX 0x7fffffffu

typedef struct DirMap {
    dev_t dev;
    ino_t ino;
    size_t n, cap;   /* open addressing over keys (0 = empty slot) */
    uint32_t *keys;  /* guest cookie */
    uint64_t *vals;  /* host offset */
} DirMap;

static pthread_mutex_t dir_lock = PTHREAD_MUTEX_INITIALIZER;
static DirMap *dir_maps[ARM_DIR_MAX_FD];

static void dir_free(DirMap *m)
{
    if (m) {
        free(m->keys);
        free(m->vals);
        free(m);
    }
}

/* The map of fd, checked against the file fd is now (NULL if none and
 * !create).  Called with dir_lock held. */
static DirMap *dir_get(int fd, bool create)
{
    if (fd < 0 || fd >= ARM_DIR_MAX_FD)
        return NULL;
    DirMap *m = dir_maps[fd];
    if (!m && !create)
        return NULL;
    struct stat st;
    if (fstat(fd, &st))
        return NULL;
    if (m && (m->dev != st.st_dev || m->ino != st.st_ino)) {
        dir_free(m);
        dir_maps[fd] = m = NULL;
    }
    if (!m && create && (m = calloc(1, sizeof(*m)))) {
        m->dev = st.st_dev;
        m->ino = st.st_ino;
        dir_maps[fd] = m;
    }
    return m;
}

static size_t dir_slot(const DirMap *m, uint32_t key)
{
    size_t i = (key * 2654435761u) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static bool dir_grow(DirMap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    DirMap t = {.cap = cap, .keys = calloc(cap, 4), .vals = calloc(cap, 8)};
    if (!t.keys || !t.vals) {
        free(t.keys);
        free(t.vals);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i]) {
            size_t j = dir_slot(&t, m->keys[i]);
            t.keys[j] = m->keys[i];
            t.vals[j] = m->vals[i];
        }
    }
    free(m->keys);
    free(m->vals);
    m->keys = t.keys;
    m->vals = t.vals;
    m->cap = cap;
    return true;
}

/* The cookie for host offset off of directory fd; a map is made for fd
 * only when `create` (getdents), else only an existing one is used
 * (lseek, which may be on any file). */
static uint64_t dir_off_out(int fd, uint64_t off, bool create)
{
    if (off <= ARM_COOKIE_MAX)
        return off;
    uint32_t key = (uint32_t)(off >> 32) & ARM_COOKIE_MAX;
    if (!key)
        key = 1; /* (0 is the start of the directory) */
    pthread_mutex_lock(&dir_lock);
    DirMap *m = dir_get(fd, create);
    if (!m && !create) {
        pthread_mutex_unlock(&dir_lock);
        return off;
    }
    if (m && (m->n + 1) * 2 > m->cap && !dir_grow(m))
        m = NULL; /* out of memory: the cookie is still the native one */
    if (m) {
        size_t i = dir_slot(m, key);
        if (!m->keys[i]) {
            m->keys[i] = key;
            m->vals[i] = off;
            m->n++;
        }
    }
    pthread_mutex_unlock(&dir_lock);
    return key;
}

uint64_t arm_dir_off_out(int fd, uint64_t off)
{
    return dir_off_out(fd, off, true);
}

uint64_t arm_dir_seek_out(int fd, uint64_t off)
{
    return dir_off_out(fd, off, false);
}

uint64_t arm_dir_off_in(int fd, uint64_t off)
{
    if (off == 0 || off > ARM_COOKIE_MAX)
        return off;
    pthread_mutex_lock(&dir_lock);
    DirMap *m = dir_get(fd, false);
    if (m) {
        size_t i = m->cap ? dir_slot(m, (uint32_t)off) : 0;
        off = m->cap && m->keys[i] ? m->vals[i] : off << 32;
    }
    pthread_mutex_unlock(&dir_lock);
    return off;
}

/* struct linux_dirent64 as the host writes it. */
typedef struct HostDirent64 {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[];
} HostDirent64;

int64_t sys_arm_getdents64(SysCall *c)
{
    /* Same record layout as the host's; only d_off is 32-bit for a
     * native 32-bit process. */
    int fd = (int)c->a[0];
    int64_t r = sys_getdents64(c);
    for (int64_t pos = 0; pos < r;) {
        HostDirent64 *d = (HostDirent64 *)g2h(c->a[1] + pos);
        d->d_off = (int64_t)arm_dir_off_out(fd, (uint64_t)d->d_off);
        pos += d->d_reclen;
    }
    return r;
}

/* Host getdents64 records read per getdents call at most, and the host
 * buffer's least size: one record with a 255-byte name (fs/readdir.c
 * filldir64: ALIGN(offsetof(d_name) + 256, 8)). */
#define ARM_DENTS_BUF 65536
#define ARM_DENTS_MIN 280

int64_t sys_arm_getdents(SysCall *c)
{
    /* fs/readdir.c getdents/filldir on a 32-bit kernel: the descriptor
     * (EBADF) and the directory (ENOTDIR) first; records go out one by
     * one; the first whose d_ino does not fit 32 bits is EOVERFLOW if it
     * is the first of the call, else the call ends before it (and the
     * position stays at it, so the next call fails); a buffer too small
     * for the first 32-bit record is EINVAL. */
    int fd = (int)c->a[0];
    uint64_t gbuf = c->a[1];
    unsigned count = (unsigned)c->a[2];
    /* The host reads at least one record of any name length (its
     * dirent64 is up to 8 bytes longer than the 32-bit linux_dirent), so
     * a guest buffer that holds the 32-bit record but not the host's gets
     * it, as from a native kernel; what does not fit the guest's count
     * stays unread (the position goes back to it below). */
    unsigned room = count < ARM_DENTS_BUF ? count : ARM_DENTS_BUF;
    unsigned hsize = room < ARM_DENTS_MIN ? ARM_DENTS_MIN : room;
    off_t start = lseek(fd, 0, SEEK_CUR);
    char *hbuf = malloc(hsize);
    char *out = malloc(room ? room : 1);
    int64_t r = -ENOMEM;
    if (!hbuf || !out)
        goto done;
    int64_t got = sys_ret(syscall(SYS_getdents64, fd, hbuf, hsize));
    r = got;
    if (got <= 0)
        goto done;
    int64_t used = 0, len = 0, last_off = start;
    while (used < got) {
        HostDirent64 *d = (HostDirent64 *)(hbuf + used);
        uint32_t goff = (uint32_t)arm_dir_off_out(fd, (uint64_t)d->d_off);
        int n = arm_conv_dirent(out + len, room - len, d->d_ino, goff,
                                d->d_type, d->d_name);
        if (n <= 0) {
            if (!len)
                r = n ? n : -EINVAL;
            break;
        }
        len += n;
        used += d->d_reclen;
        last_off = d->d_off;
    }
    if (used < got && start >= 0)
        lseek(fd, used ? last_off : start, SEEK_SET);
    if (len)
        r = arm_put(gbuf, out, (size_t)len) ? -EFAULT : len;
done:
    free(hbuf);
    free(out);
    return r;
}
