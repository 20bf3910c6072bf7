/*
 * syscall/arm-compat.h - 32-bit ARM EABI layouts of the structures the
 * syscalls exchange, where they differ from the x86-64 host's, and their
 * converters (syscall/arm-conv.c: pure functions, unit-tested by
 * tests/unit/test_arm_compat.c).
 *
 * EABI: int, long and pointers are 4 bytes, long long and u64 are 8 bytes
 * and 8-byte aligned (so struct stat64 and flock64 have padding that OABI
 * lacks).  Layouts are from /usr/arm-linux-gnueabihf/include/asm/ (stat.h,
 * statfs.h with ARCH_PACK_STATFS64) and the asm-generic / linux headers
 * for the rest.  What a native 32-bit ARM kernel cannot represent gets the
 * errno that kernel gives (EOVERFLOW in stat, statfs, getdents); what it
 * silently truncates (times in struct stat, timespec32 seconds) is
 * truncated the same way.
 */
#ifndef EMU_SYSCALL_ARM_COMPAT_H
#define EMU_SYSCALL_ARM_COMPAT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

#define ARM_ASSERT_SIZE(t, n) _Static_assert(sizeof(t) == (n), #t " size")
#define ARM_ASSERT_OFF(t, f, n)                                             \
    _Static_assert(offsetof(t, f) == (n), #t "." #f " offset")

/* asm/stat.h struct stat (little-endian): the non-LFS stat/lstat/fstat. */
typedef struct ArmStat {
    uint32_t st_dev;
    uint32_t st_ino;
    uint16_t st_mode;
    uint16_t st_nlink;
    uint16_t st_uid;
    uint16_t st_gid;
    uint32_t st_rdev;
    uint32_t st_size;
    uint32_t st_blksize;
    uint32_t st_blocks;
    uint32_t st_atime_sec;
    uint32_t st_atime_nsec;
    uint32_t st_mtime_sec;
    uint32_t st_mtime_nsec;
    uint32_t st_ctime_sec;
    uint32_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
} ArmStat;
ARM_ASSERT_SIZE(ArmStat, 64);
ARM_ASSERT_OFF(ArmStat, st_mode, 8);
ARM_ASSERT_OFF(ArmStat, st_rdev, 16);
ARM_ASSERT_OFF(ArmStat, st_atime_sec, 32);

/* asm/stat.h struct stat64 (STAT64_HAS_BROKEN_ST_INO: the low 32 bits of
 * the inode at 12, all 64 at the end). */
typedef struct ArmStat64 {
    uint64_t st_dev;
    uint8_t pad0[4];
    uint32_t st_ino32;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint8_t pad3[4];
    int64_t st_size __attribute__((aligned(8)));
    uint32_t st_blksize;
    uint64_t st_blocks __attribute__((aligned(8)));
    uint32_t st_atime_sec;
    uint32_t st_atime_nsec;
    uint32_t st_mtime_sec;
    uint32_t st_mtime_nsec;
    uint32_t st_ctime_sec;
    uint32_t st_ctime_nsec;
    uint64_t st_ino;
} ArmStat64;
ARM_ASSERT_SIZE(ArmStat64, 104);
ARM_ASSERT_OFF(ArmStat64, st_ino32, 12);
ARM_ASSERT_OFF(ArmStat64, st_rdev, 32);
ARM_ASSERT_OFF(ArmStat64, st_size, 48);
ARM_ASSERT_OFF(ArmStat64, st_blksize, 56);
ARM_ASSERT_OFF(ArmStat64, st_blocks, 64);
ARM_ASSERT_OFF(ArmStat64, st_atime_sec, 72);
ARM_ASSERT_OFF(ArmStat64, st_ino, 96);

/* asm-generic/statfs.h struct statfs with a 32-bit __statfs_word. */
typedef struct ArmStatfs {
    uint32_t f_type;
    uint32_t f_bsize;
    uint32_t f_blocks;
    uint32_t f_bfree;
    uint32_t f_bavail;
    uint32_t f_files;
    uint32_t f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen;
    uint32_t f_frsize;
    uint32_t f_flags;
    uint32_t f_spare[4];
} ArmStatfs;
ARM_ASSERT_SIZE(ArmStatfs, 64);
ARM_ASSERT_OFF(ArmStatfs, f_fsid, 28);

/* struct statfs64 packed to 84 bytes (asm/statfs.h ARCH_PACK_STATFS64:
 * "with EABI there is 4 bytes of padding added... pack it"). */
typedef struct __attribute__((packed, aligned(4))) ArmStatfs64 {
    uint32_t f_type;
    uint32_t f_bsize;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_bavail;
    uint64_t f_files;
    uint64_t f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen;
    uint32_t f_frsize;
    uint32_t f_flags;
    uint32_t f_spare[4];
} ArmStatfs64;
ARM_ASSERT_SIZE(ArmStatfs64, 84);
ARM_ASSERT_OFF(ArmStatfs64, f_blocks, 8);
ARM_ASSERT_OFF(ArmStatfs64, f_fsid, 48);
ARM_ASSERT_OFF(ArmStatfs64, f_flags, 64);

/* struct flock with the 32-bit off_t (fcntl F_GETLK/F_SETLK/F_SETLKW).
 * struct flock64 (F_*LK64, F_OFD_*) is 32 bytes with l_start at 8: the
 * x86-64 struct flock exactly, so it passes through. */
typedef struct ArmFlock {
    int16_t l_type;
    int16_t l_whence;
    int32_t l_start;
    int32_t l_len;
    int32_t l_pid;
} ArmFlock;
ARM_ASSERT_SIZE(ArmFlock, 16);
ARM_ASSERT_OFF(ArmFlock, l_start, 4);

/* struct iovec / compat_iovec. */
typedef struct ArmIovec {
    uint32_t base;
    uint32_t len;
} ArmIovec;
ARM_ASSERT_SIZE(ArmIovec, 8);

/* old_timespec32, old_timeval32, old_itimerspec32, old_itimerval32. */
typedef struct ArmTimespec32 {
    int32_t tv_sec;
    int32_t tv_nsec;
} ArmTimespec32;
ARM_ASSERT_SIZE(ArmTimespec32, 8);
typedef struct ArmTimeval32 {
    int32_t tv_sec;
    int32_t tv_usec;
} ArmTimeval32;
ARM_ASSERT_SIZE(ArmTimeval32, 8);
typedef struct ArmItimerspec32 {
    ArmTimespec32 it_interval;
    ArmTimespec32 it_value;
} ArmItimerspec32;
ARM_ASSERT_SIZE(ArmItimerspec32, 16);
typedef struct ArmItimerval32 {
    ArmTimeval32 it_interval;
    ArmTimeval32 it_value;
} ArmItimerval32;
ARM_ASSERT_SIZE(ArmItimerval32, 16);

/* struct __kernel_timespec (the *_time64 calls): the host's struct
 * timespec layout, but a 32-bit kernel keeps only the low 32 bits of
 * tv_nsec (get_timespec64: "in 32-bit mode, this drops the padding"), and
 * glibc leaves that padding unset. */
typedef struct ArmTimespec64 {
    int64_t tv_sec;
    int64_t tv_nsec;
} ArmTimespec64;
ARM_ASSERT_SIZE(ArmTimespec64, 16);

/* struct tms: four clock_t (long). */
typedef struct ArmTms {
    int32_t tms_utime;
    int32_t tms_stime;
    int32_t tms_cutime;
    int32_t tms_cstime;
} ArmTms;
ARM_ASSERT_SIZE(ArmTms, 16);

/* struct rlimit with unsigned long (RLIM_INFINITY is ~0UL). */
typedef struct ArmRlimit {
    uint32_t rlim_cur;
    uint32_t rlim_max;
} ArmRlimit;
ARM_ASSERT_SIZE(ArmRlimit, 8);
#define ARM_RLIM_INFINITY 0xffffffffu

/* struct rusage: two timevals and fourteen longs. */
typedef struct ArmRusage {
    ArmTimeval32 ru_utime;
    ArmTimeval32 ru_stime;
    int32_t ru_long[14]; /* ru_maxrss .. ru_nivcsw */
} ArmRusage;
ARM_ASSERT_SIZE(ArmRusage, 72);

/* struct sysinfo with 32-bit longs (linux/sysinfo.h: _f pads to 64). */
typedef struct ArmSysinfo {
    int32_t uptime;
    uint32_t loads[3];
    uint32_t totalram;
    uint32_t freeram;
    uint32_t sharedram;
    uint32_t bufferram;
    uint32_t totalswap;
    uint32_t freeswap;
    uint16_t procs;
    uint16_t pad;
    uint32_t totalhigh;
    uint32_t freehigh;
    uint32_t mem_unit;
    char f[8];
} ArmSysinfo;
ARM_ASSERT_SIZE(ArmSysinfo, 64);
ARM_ASSERT_OFF(ArmSysinfo, procs, 40);
ARM_ASSERT_OFF(ArmSysinfo, mem_unit, 52);

/* struct linux_dirent (getdents): d_ino, d_off, d_reclen, d_name, then a
 * NUL and d_type in the record's last byte. */
typedef struct ArmDirent {
    uint32_t d_ino;
    uint32_t d_off;
    uint16_t d_reclen;
    char d_name[];
} ArmDirent;
#define ARM_DIRENT_NAME 10
ARM_ASSERT_OFF(ArmDirent, d_name, ARM_DIRENT_NAME);

/* struct sigevent (timer_create, mq_notify): a 4-byte sigval, so the
 * union (sigev_notify_thread_id first) is at 12, not 16 as on the host;
 * 64 bytes on both (SIGEV_MAX_SIZE). */
typedef struct ArmSigevent {
    uint32_t sigev_value;
    int32_t sigev_signo;
    int32_t sigev_notify;
    int32_t sigev_un[13];
} ArmSigevent;
ARM_ASSERT_SIZE(ArmSigevent, 64);
ARM_ASSERT_OFF(ArmSigevent, sigev_un, 12);

/* struct msghdr / compat_msghdr, struct cmsghdr (4-byte aligned data:
 * CMSG_ALIGN is sizeof(long)), struct mmsghdr. */
typedef struct ArmMsghdr {
    uint32_t msg_name;
    uint32_t msg_namelen;
    uint32_t msg_iov;
    uint32_t msg_iovlen;
    uint32_t msg_control;
    uint32_t msg_controllen;
    int32_t msg_flags;
} ArmMsghdr;
ARM_ASSERT_SIZE(ArmMsghdr, 28);
typedef struct ArmCmsghdr {
    uint32_t cmsg_len;
    int32_t cmsg_level;
    int32_t cmsg_type;
} ArmCmsghdr;
ARM_ASSERT_SIZE(ArmCmsghdr, 12);
#define ARM_CMSG_ALIGN(n) (((n) + 3) & ~(size_t)3)
typedef struct ArmMmsghdr {
    ArmMsghdr msg_hdr;
    uint32_t msg_len;
} ArmMmsghdr;
ARM_ASSERT_SIZE(ArmMmsghdr, 32);

/* ---- converters (0 or -EOVERFLOW where the arm kernel gives it) ---- */
int arm_conv_stat(ArmStat *g, const struct stat *h);
void arm_conv_stat64(ArmStat64 *g, const struct stat *h);
int arm_conv_statfs(ArmStatfs *g, const struct statfs *h);
void arm_conv_statfs64(ArmStatfs64 *g, const struct statfs *h);
void arm_conv_ts32_out(ArmTimespec32 *g, const struct timespec *h);
void arm_conv_ts32_in(struct timespec *h, const ArmTimespec32 *g);
void arm_conv_ts64_in(struct timespec *h, const ArmTimespec64 *g);
void arm_conv_tv32_out(ArmTimeval32 *g, const struct timeval *h);
void arm_conv_tv32_in(struct timeval *h, const ArmTimeval32 *g);
struct sigevent;
void arm_conv_sigevent_in(struct sigevent *h, const ArmSigevent *g);
void arm_conv_tms(ArmTms *g, const struct tms *h);
void arm_conv_rlimit_out(ArmRlimit *g, const struct rlimit *h);
void arm_conv_rlimit_in(struct rlimit *h, const ArmRlimit *g);
void arm_conv_rusage(ArmRusage *g, const struct rusage *h);
void arm_conv_sysinfo(ArmSysinfo *g, const struct sysinfo *h);
/* Control messages.  To the host (sendmsg): the guest's glen bytes of
 * cmsgs re-laid with host headers into h (room hcap): the host length,
 * or -EINVAL for a cmsg_len the kernel's CMSG_OK() refuses (a tail too
 * short for a header is ignored, as the kernel's CMSG_NXTHDR does).
 * To the guest (recvmsg): the host's hlen bytes into g (room gcap) as
 * put_cmsg() would have written them for a 32-bit process: the 32-bit
 * SO_TIMESTAMP(NS/ING)_OLD payloads, a cmsg cut at the room left (and
 * MSG_CTRUNC in *flags), SCM_RIGHTS descriptors that do not fit closed
 * (scm_detach_fds installs only those).  Returns the guest length. */
int64_t arm_cmsg_to_host(void *h, size_t hcap, const void *g, size_t glen);
size_t arm_cmsg_to_guest(void *g, size_t gcap, const void *h, size_t hlen,
                         int *flags);

/* One host dirent64 (ino, off, type, name) as an ArmDirent record at out
 * with room for room bytes: the record length, 0 when it does not fit,
 * -EOVERFLOW when d_ino does not fit 32 bits. */
int arm_conv_dirent(void *out, size_t room, uint64_t ino, uint32_t off,
                    uint8_t type, const char *name);

#endif
