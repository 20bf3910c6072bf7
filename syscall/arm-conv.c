/*
 * syscall/arm-conv.c - host structures to and from their 32-bit ARM EABI
 * layouts (syscall/arm-compat.h).  Pure functions: no guest memory, and
 * no syscalls but closing SCM_RIGHTS descriptors a 32-bit process would
 * never have got, so tests/unit/test_arm_compat.c checks every rule.
 *
 * The rules are those of a native 32-bit ARM kernel (fs/stat.c
 * cp_new_stat/cp_new_stat64, fs/statfs.c do_statfs_native/do_statfs64,
 * fs/readdir.c filldir, kernel/sys.c do_sysinfo, the old_time32 helpers),
 * not of an arm64 kernel's compat layer where the two differ.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "syscall/arm-compat.h"

/* linux/highuid.h: a uid/gid that does not fit the 16-bit fields of the
 * old struct stat becomes the overflow id (default 65534,
 * /proc/sys/fs/overflowuid). */
#define ARM_OVERFLOW_ID 65534u

static uint16_t low_id(uint32_t id)
{
    return id > 0xffffu ? (uint16_t)ARM_OVERFLOW_ID : (uint16_t)id;
}

int arm_conv_stat(ArmStat *g, const struct stat *h)
{
    /* cp_new_stat on a 32-bit kernel: a size beyond MAX_NON_LFS, an inode
     * or link count that does not fit its field is EOVERFLOW; times and
     * blocks are truncated. */
    if (h->st_size > 0x7fffffff || h->st_ino > 0xffffffffu ||
        h->st_nlink > 0xffffu)
        return -EOVERFLOW;
    memset(g, 0, sizeof(*g));
    g->st_dev = (uint32_t)h->st_dev;
    g->st_ino = (uint32_t)h->st_ino;
    g->st_mode = (uint16_t)h->st_mode;
    g->st_nlink = (uint16_t)h->st_nlink;
    g->st_uid = low_id(h->st_uid);
    g->st_gid = low_id(h->st_gid);
    g->st_rdev = (uint32_t)h->st_rdev;
    g->st_size = (uint32_t)h->st_size;
    g->st_blksize = (uint32_t)h->st_blksize;
    g->st_blocks = (uint32_t)h->st_blocks;
    g->st_atime_sec = (uint32_t)h->st_atim.tv_sec;
    g->st_atime_nsec = (uint32_t)h->st_atim.tv_nsec;
    g->st_mtime_sec = (uint32_t)h->st_mtim.tv_sec;
    g->st_mtime_nsec = (uint32_t)h->st_mtim.tv_nsec;
    g->st_ctime_sec = (uint32_t)h->st_ctim.tv_sec;
    g->st_ctime_nsec = (uint32_t)h->st_ctim.tv_nsec;
    return 0;
}

void arm_conv_stat64(ArmStat64 *g, const struct stat *h)
{
    /* cp_new_stat64: 64-bit inode and size, the low inode word at
     * __st_ino too; 32-bit times are truncated, never EOVERFLOW. */
    memset(g, 0, sizeof(*g));
    g->st_dev = h->st_dev;
    g->st_ino32 = (uint32_t)h->st_ino;
    g->st_mode = h->st_mode;
    g->st_nlink = (uint32_t)h->st_nlink;
    g->st_uid = h->st_uid;
    g->st_gid = h->st_gid;
    g->st_rdev = h->st_rdev;
    g->st_size = h->st_size;
    g->st_blksize = (uint32_t)h->st_blksize;
    g->st_blocks = (uint64_t)h->st_blocks;
    g->st_atime_sec = (uint32_t)h->st_atim.tv_sec;
    g->st_atime_nsec = (uint32_t)h->st_atim.tv_nsec;
    g->st_mtime_sec = (uint32_t)h->st_mtim.tv_sec;
    g->st_mtime_nsec = (uint32_t)h->st_mtim.tv_nsec;
    g->st_ctime_sec = (uint32_t)h->st_ctim.tv_sec;
    g->st_ctime_nsec = (uint32_t)h->st_ctim.tv_nsec;
    g->st_ino = h->st_ino;
}

int arm_conv_statfs(ArmStatfs *g, const struct statfs *h)
{
    /* do_statfs_native with a 4-byte f_blocks: block counts and sizes
     * above 32 bits are EOVERFLOW; f_files/f_ffree may be -1 ("unknown"),
     * which fits. */
    const uint64_t hi = 0xffffffff00000000ull;
    uint64_t files = (uint64_t)h->f_files, ffree = (uint64_t)h->f_ffree;
    if (((uint64_t)h->f_blocks | (uint64_t)h->f_bfree |
         (uint64_t)h->f_bavail | (uint64_t)h->f_bsize |
         (uint64_t)h->f_frsize) & hi)
        return -EOVERFLOW;
    if ((files != ~0ull && (files & hi)) || (ffree != ~0ull && (ffree & hi)))
        return -EOVERFLOW;
    memset(g, 0, sizeof(*g));
    g->f_type = (uint32_t)h->f_type;
    g->f_bsize = (uint32_t)h->f_bsize;
    g->f_blocks = (uint32_t)h->f_blocks;
    g->f_bfree = (uint32_t)h->f_bfree;
    g->f_bavail = (uint32_t)h->f_bavail;
    g->f_files = (uint32_t)files;
    g->f_ffree = (uint32_t)ffree;
    memcpy(g->f_fsid, &h->f_fsid, sizeof(g->f_fsid));
    g->f_namelen = (uint32_t)h->f_namelen;
    g->f_frsize = (uint32_t)h->f_frsize;
    g->f_flags = (uint32_t)h->f_flags;
    return 0;
}

void arm_conv_statfs64(ArmStatfs64 *g, const struct statfs *h)
{
    memset(g, 0, sizeof(*g));
    g->f_type = (uint32_t)h->f_type;
    g->f_bsize = (uint32_t)h->f_bsize;
    g->f_blocks = h->f_blocks;
    g->f_bfree = h->f_bfree;
    g->f_bavail = h->f_bavail;
    g->f_files = h->f_files;
    g->f_ffree = h->f_ffree;
    memcpy(g->f_fsid, &h->f_fsid, sizeof(g->f_fsid));
    g->f_namelen = (uint32_t)h->f_namelen;
    g->f_frsize = (uint32_t)h->f_frsize;
    g->f_flags = (uint32_t)h->f_flags;
}

/* put_old_timespec32 and friends truncate seconds past 2038 silently. */
void arm_conv_ts32_out(ArmTimespec32 *g, const struct timespec *h)
{
    g->tv_sec = (int32_t)h->tv_sec;
    g->tv_nsec = (int32_t)h->tv_nsec;
}

void arm_conv_ts32_in(struct timespec *h, const ArmTimespec32 *g)
{
    h->tv_sec = g->tv_sec;
    h->tv_nsec = g->tv_nsec;
}

void arm_conv_ts64_in(struct timespec *h, const ArmTimespec64 *g)
{
    /* tv_nsec is a 32-bit long in the kernel's timespec64 there: the high
     * word (glibc's padding) is dropped, the low one is signed. */
    h->tv_sec = g->tv_sec;
    h->tv_nsec = (int32_t)(uint32_t)g->tv_nsec;
}

void arm_conv_tv32_out(ArmTimeval32 *g, const struct timeval *h)
{
    g->tv_sec = (int32_t)h->tv_sec;
    g->tv_usec = (int32_t)h->tv_usec;
}

void arm_conv_tv32_in(struct timeval *h, const ArmTimeval32 *g)
{
    h->tv_sec = g->tv_sec;
    h->tv_usec = g->tv_usec;
}

void arm_conv_sigevent_in(struct sigevent *h, const ArmSigevent *g)
{
    /* The kernel uses the value (zero-extended: it comes back truncated
     * in the 32-bit siginfo), signo, notify and, for SIGEV_THREAD_ID,
     * the thread id: glibc does SIGEV_THREAD itself. */
    memset(h, 0, sizeof(*h));
    h->sigev_value.sival_ptr = (void *)(uintptr_t)g->sigev_value;
    h->sigev_signo = g->sigev_signo;
    h->sigev_notify = g->sigev_notify;
    /* the host's union is one int shorter (48 bytes after a 16-byte
     * preamble) */
    memcpy(&h->_sigev_un, g->sigev_un, sizeof(h->_sigev_un));
}

void arm_conv_tms(ArmTms *g, const struct tms *h)
{
    g->tms_utime = (int32_t)h->tms_utime;
    g->tms_stime = (int32_t)h->tms_stime;
    g->tms_cutime = (int32_t)h->tms_cutime;
    g->tms_cstime = (int32_t)h->tms_cstime;
}

/* A 32-bit kernel's limits are unsigned longs: anything the host has
 * above 32 bits (its RLIM_INFINITY included) is the guest's infinity, and
 * the guest's infinity is the host's. */
static uint32_t rlim_out(rlim_t v)
{
    return v >= ARM_RLIM_INFINITY ? ARM_RLIM_INFINITY : (uint32_t)v;
}

static rlim_t rlim_in(uint32_t v)
{
    return v == ARM_RLIM_INFINITY ? RLIM_INFINITY : (rlim_t)v;
}

void arm_conv_rlimit_out(ArmRlimit *g, const struct rlimit *h)
{
    g->rlim_cur = rlim_out(h->rlim_cur);
    g->rlim_max = rlim_out(h->rlim_max);
}

void arm_conv_rlimit_in(struct rlimit *h, const ArmRlimit *g)
{
    h->rlim_cur = rlim_in(g->rlim_cur);
    h->rlim_max = rlim_in(g->rlim_max);
}

void arm_conv_rusage(ArmRusage *g, const struct rusage *h)
{
    arm_conv_tv32_out(&g->ru_utime, &h->ru_utime);
    arm_conv_tv32_out(&g->ru_stime, &h->ru_stime);
    /* glibc's struct rusage: the 14 longs follow the two timevals, each
     * in a union of one long. */
    const long *l = &h->ru_maxrss;
    for (int i = 0; i < 14; i++)
        g->ru_long[i] = (int32_t)l[i];
}

void arm_conv_sysinfo(ArmSysinfo *g, const struct sysinfo *h)
{
    /* do_sysinfo on a 32-bit kernel: sizes are in bytes (mem_unit 1) when
     * RAM + swap fits 32 bits, else they stay in pages (mem_unit =
     * PAGE_SIZE, 4096 on ARM). */
    uint64_t unit = h->mem_unit ? h->mem_unit : 1;
    uint64_t total = ((uint64_t)h->totalram + h->totalswap) * unit;
    uint64_t div = total > 0xffffffffull ? 4096 : 1;
    memset(g, 0, sizeof(*g));
    g->uptime = (int32_t)h->uptime;
    for (int i = 0; i < 3; i++)
        g->loads[i] = (uint32_t)h->loads[i];
#define ARM_MEM(f) g->f = (uint32_t)((uint64_t)h->f * unit / div)
    ARM_MEM(totalram);
    ARM_MEM(freeram);
    ARM_MEM(sharedram);
    ARM_MEM(bufferram);
    ARM_MEM(totalswap);
    ARM_MEM(freeswap);
    ARM_MEM(totalhigh);
    ARM_MEM(freehigh);
#undef ARM_MEM
    g->procs = h->procs;
    g->mem_unit = (uint32_t)div;
}

int arm_conv_dirent(void *out, size_t room, uint64_t ino, uint32_t off,
                    uint8_t type, const char *name)
{
    /* filldir: reclen = ALIGN(offsetof(d_name) + namlen + 2, sizeof(long));
     * an inode that does not fit d_ino is EOVERFLOW. */
    size_t n = strlen(name);
    size_t reclen = (ARM_DIRENT_NAME + n + 2 + 3) & ~(size_t)3;
    if (ino > 0xffffffffu)
        return -EOVERFLOW;
    if (reclen > room)
        return 0;
    ArmDirent *d = out;
    memset(d, 0, reclen);
    d->d_ino = (uint32_t)ino;
    d->d_off = off;
    d->d_reclen = (uint16_t)reclen;
    memcpy(d->d_name, name, n);
    ((uint8_t *)out)[reclen - 1] = type;
    return (int)reclen;
}

/* ---- control messages ---- */

int64_t arm_cmsg_to_host(void *h, size_t hcap, const void *g, size_t glen)
{
    /* __scm_send walks the cmsgs with CMSG_NXTHDR (stops when no header
     * fits) and refuses one whose length is not CMSG_OK (EINVAL). */
    size_t gp = 0, hp = 0;
    while (gp + sizeof(ArmCmsghdr) <= glen) {
        ArmCmsghdr gh;
        memcpy(&gh, (const char *)g + gp, sizeof(gh));
        if (gh.cmsg_len < sizeof(gh) || gh.cmsg_len > glen - gp)
            return -EINVAL;
        size_t dlen = gh.cmsg_len - sizeof(gh);
        size_t need = CMSG_SPACE(dlen);
        if (hp + need > hcap)
            return -ENOBUFS;
        struct cmsghdr *hc = (struct cmsghdr *)((char *)h + hp);
        memset(hc, 0, need);
        hc->cmsg_len = CMSG_LEN(dlen);
        hc->cmsg_level = gh.cmsg_level;
        hc->cmsg_type = gh.cmsg_type;
        memcpy(CMSG_DATA(hc), (const char *)g + gp + sizeof(gh), dlen);
        hp += need;
        gp += ARM_CMSG_ALIGN(gh.cmsg_len);
    }
    return (int64_t)hp;
}

/* SOL_SOCKET payloads with a 32-bit layout (asm-generic/socket.h: the
 * _OLD numbers are the ones a 32-bit time_t program uses). */
#define ARM_SCM_RIGHTS 1
#define ARM_SO_TIMESTAMP_OLD 29
#define ARM_SO_TIMESTAMPNS_OLD 35
#define ARM_SO_TIMESTAMPING_OLD 37

static size_t cmsg_payload32(int type, const uint8_t *d, size_t n,
                             uint8_t *out)
{
    int64_t v[6];
    size_t k = n / 8;
    if (!((type == ARM_SO_TIMESTAMP_OLD && n == 16) ||
          (type == ARM_SO_TIMESTAMPNS_OLD && n == 16) ||
          (type == ARM_SO_TIMESTAMPING_OLD && n == 48)))
        return 0;
    memcpy(v, d, n);
    for (size_t i = 0; i < k; i++) {
        int32_t w = (int32_t)v[i];
        memcpy(out + 4 * i, &w, 4);
    }
    return n / 2;
}

size_t arm_cmsg_to_guest(void *g, size_t gcap, const void *h, size_t hlen,
                         int *flags)
{
    size_t hp = 0, gp = 0;
    while (hp + sizeof(struct cmsghdr) <= hlen) {
        struct cmsghdr hc;
        memcpy(&hc, (const char *)h + hp, sizeof(hc));
        if (hc.cmsg_len < CMSG_LEN(0) || hc.cmsg_len > hlen - hp)
            break;
        const uint8_t *data = (const uint8_t *)h + hp + CMSG_LEN(0);
        size_t dlen = hc.cmsg_len - CMSG_LEN(0), olen = dlen;
        uint8_t conv[24];
        const uint8_t *out = data;
        size_t room = gcap - gp;
        hp += CMSG_ALIGN(hc.cmsg_len);
        if (hc.cmsg_level == SOL_SOCKET && hc.cmsg_type == ARM_SCM_RIGHTS) {
            /* scm_detach_fds: as many as fit after the header; the rest
             * are never installed (here: closed again). */
            size_t nfd = dlen / 4;
            size_t fit = room > sizeof(ArmCmsghdr)
                             ? (room - sizeof(ArmCmsghdr)) / 4 : 0;
            if (fit > nfd)
                fit = nfd;
            for (size_t i = fit; i < nfd; i++) {
                int fd;
                memcpy(&fd, data + 4 * i, 4);
                close(fd);
            }
            if (fit < nfd)
                *flags |= MSG_CTRUNC;
            if (!fit)
                continue;
            olen = fit * 4;
        } else if (hc.cmsg_level == SOL_SOCKET) {
            size_t n = cmsg_payload32(hc.cmsg_type, data, dlen, conv);
            if (n) {
                out = conv;
                olen = n;
            }
        }
        /* put_cmsg: no room for a header: MSG_CTRUNC, nothing written;
         * a cut cmsg has cmsg_len = the room left. */
        if (room < sizeof(ArmCmsghdr)) {
            *flags |= MSG_CTRUNC;
            continue;
        }
        size_t cmlen = sizeof(ArmCmsghdr) + olen;
        if (room < cmlen) {
            *flags |= MSG_CTRUNC;
            cmlen = room;
        }
        ArmCmsghdr gh = {.cmsg_len = (uint32_t)cmlen,
                         .cmsg_level = hc.cmsg_level,
                         .cmsg_type = hc.cmsg_type};
        memcpy((char *)g + gp, &gh, sizeof(gh));
        memcpy((char *)g + gp + sizeof(gh), out, cmlen - sizeof(gh));
        size_t space = ARM_CMSG_ALIGN(sizeof(ArmCmsghdr) + olen);
        gp += space < room ? space : room;
    }
    return gp;
}
