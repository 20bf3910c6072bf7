/*
 * tests/unit/test_arm_compat.c - the EABI compat converters (syscall/
 * arm-conv.c) and handlers (syscall/arm-*.c), with the rules of a native
 * 32-bit ARM kernel: EOVERFLOW where cp_new_stat / do_statfs_native /
 * filldir give it, 16-bit id overflow, RLIM_INFINITY and sysinfo scaling,
 * the time64 nsec padding, register-pair arguments, 32-bit flock, and the
 * 32-bit directory cookies (this host's /tmp is ext4, which gives a
 * 64-bit process 64-bit hash cookies).
 *
 * The layouts' sizes and offsets are _Static_asserts in arm-compat.h;
 * their values were checked against arm-linux-gnueabihf-gcc's own
 * offsetof() of the uapi structures (asm/stat.h, asm/statfs.h,
 * linux/sysinfo.h, asm-generic/siginfo.h sigevent, asm/fcntl.h flock).
 * Handlers are called directly with a SysCall of a 32-bit ABI; guest
 * buffers come from guest_mmap() so they are in the guest map.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/guest-map.h"
#include "syscall/arm-compat.h"
#include "syscall/arm-sys.h"
#include "syscall/signal-state.h"

static const SysAbi test_eabi = {.name = "eabi-test", .abi32 = true};

#define CALL(fn, ...)                                                       \
    fn(&(SysCall){.abi = &test_eabi, .a = {__VA_ARGS__}})

static char *gmem(size_t len)
{
    int64_t r = guest_mmap(0, len, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(r > 0, "guest_mmap: %lld", (long long)r);
    return (char *)(uintptr_t)r;
}

#define G(p) ((uint64_t)(uintptr_t)(p))

/* ---- converters ---- */

Test(arm_conv, stat_overflow_rules)
{
    struct stat h = {.st_dev = 0x803, .st_ino = 1234, .st_mode = 0100644,
                     .st_nlink = 2, .st_uid = 1000, .st_gid = 70000,
                     .st_size = 0x7fffffff, .st_blocks = 8};
    h.st_mtim.tv_sec = 0x123456789ll; /* past 2038: truncated, no error */
    ArmStat g;
    cr_assert_eq(arm_conv_stat(&g, &h), 0);
    cr_expect_eq(g.st_ino, 1234);
    cr_expect_eq(g.st_mode, 0100644);
    cr_expect_eq(g.st_uid, 1000);
    cr_expect_eq(g.st_gid, 65534, "gid above 16 bits is the overflow id");
    cr_expect_eq(g.st_size, 0x7fffffffu);
    cr_expect_eq(g.st_mtime_sec, 0x23456789u);
    h.st_size = 0x80000000ll;
    cr_expect_eq(arm_conv_stat(&g, &h), -EOVERFLOW, "size past MAX_NON_LFS");
    h.st_size = 1;
    h.st_ino = 1ull << 32;
    cr_expect_eq(arm_conv_stat(&g, &h), -EOVERFLOW, "inode past 32 bits");
    h.st_ino = 1;
    h.st_nlink = 70000;
    cr_expect_eq(arm_conv_stat(&g, &h), -EOVERFLOW, "nlink past 16 bits");
}

Test(arm_conv, stat64_fields)
{
    struct stat h = {.st_ino = 0x123456789abull, .st_size = 5ll << 32,
                     .st_uid = 70000, .st_blksize = 4096, .st_blocks = 99};
    h.st_atim.tv_nsec = 42;
    ArmStat64 g;
    arm_conv_stat64(&g, &h);
    cr_expect_eq(g.st_ino, 0x123456789abull);
    cr_expect_eq(g.st_ino32, 0x456789abu, "__st_ino: the low word");
    cr_expect_eq(g.st_size, 5ll << 32);
    cr_expect_eq(g.st_uid, 70000, "32-bit ids in stat64");
    cr_expect_eq(g.st_blocks, 99);
    cr_expect_eq(g.st_atime_nsec, 42);
}

Test(arm_conv, statfs_overflow_and_unknown_files)
{
    struct statfs h = {.f_type = 0xef53, .f_bsize = 4096,
                       .f_blocks = 1000, .f_files = -1, .f_ffree = -1};
    ArmStatfs g;
    cr_assert_eq(arm_conv_statfs(&g, &h), 0);
    cr_expect_eq(g.f_files, 0xffffffffu, "-1 (unknown) fits");
    h.f_bavail = 1ull << 32;
    cr_expect_eq(arm_conv_statfs(&g, &h), -EOVERFLOW);
    h.f_bavail = 0;
    h.f_files = 1ull << 33;
    cr_expect_eq(arm_conv_statfs(&g, &h), -EOVERFLOW);
    ArmStatfs64 g64;
    h.f_blocks = 1ull << 40;
    h.f_flags = 0x20;
    arm_conv_statfs64(&g64, &h);
    cr_expect_eq(g64.f_blocks, 1ull << 40);
    cr_expect_eq(((const uint8_t *)&g64)[64], 0x20, "f_flags at 64 (packed)");
}

Test(arm_conv, time64_nsec_padding_dropped)
{
    ArmTimespec64 g = {.tv_sec = 1ll << 33,
                       .tv_nsec = (int64_t)0xdeadbeef00000005ull};
    struct timespec h;
    arm_conv_ts64_in(&h, &g);
    cr_expect_eq(h.tv_sec, 1ll << 33);
    cr_expect_eq(h.tv_nsec, 5);
    g.tv_nsec = 0xffffffffll; /* low word -1: invalid, as natively */
    arm_conv_ts64_in(&h, &g);
    cr_expect_eq(h.tv_nsec, -1);
    ArmTimespec32 t = {.tv_sec = -2, .tv_nsec = 7};
    arm_conv_ts32_in(&h, &t);
    cr_expect_eq(h.tv_sec, -2, "timespec32 seconds are signed");
}

Test(arm_conv, rlimit_infinity)
{
    struct rlimit h = {.rlim_cur = RLIM_INFINITY, .rlim_max = 1ull << 33};
    ArmRlimit g;
    arm_conv_rlimit_out(&g, &h);
    cr_expect_eq(g.rlim_cur, 0xffffffffu);
    cr_expect_eq(g.rlim_max, 0xffffffffu, "past 32 bits is infinity");
    g = (ArmRlimit){.rlim_cur = 1024, .rlim_max = 0xffffffffu};
    arm_conv_rlimit_in(&h, &g);
    cr_expect_eq(h.rlim_cur, 1024);
    cr_expect_eq(h.rlim_max, RLIM_INFINITY);
}

Test(arm_conv, sysinfo_units)
{
    struct sysinfo h = {.totalram = 8ull << 30, .freeram = 1ull << 30,
                        .totalswap = 0, .procs = 123, .mem_unit = 1,
                        .uptime = 77};
    ArmSysinfo g;
    arm_conv_sysinfo(&g, &h);
    cr_expect_eq(g.mem_unit, 4096, "over 4 GiB: pages");
    cr_expect_eq(g.totalram, (8ull << 30) / 4096);
    cr_expect_eq(g.freeram, (1u << 30) / 4096);
    cr_expect_eq(g.procs, 123);
    cr_expect_eq(g.uptime, 77);
    h.totalram = 1ull << 30;
    arm_conv_sysinfo(&g, &h);
    cr_expect_eq(g.mem_unit, 1, "under 4 GiB: bytes");
    cr_expect_eq(g.totalram, 1u << 30);
}

Test(arm_conv, dirent_record)
{
    uint8_t b[64];
    memset(b, 0xaa, sizeof(b));
    int n = arm_conv_dirent(b, sizeof(b), 77, 0x7fffffff, DT_REG, "abc");
    cr_assert_eq(n, 16, "ALIGN(10 + 3 + 2, 4)");
    const ArmDirent *d = (const ArmDirent *)b;
    cr_expect_eq(d->d_ino, 77);
    cr_expect_eq(d->d_off, 0x7fffffffu);
    cr_expect_eq(d->d_reclen, 16);
    cr_expect_str_eq(d->d_name, "abc");
    cr_expect_eq(b[15], DT_REG, "d_type in the last byte");
    cr_expect_eq(arm_conv_dirent(b, 15, 77, 1, DT_REG, "abc"), 0);
    cr_expect_eq(arm_conv_dirent(b, 64, 1ull << 32, 1, DT_REG, "abc"),
                 -EOVERFLOW);
}

Test(arm_conv, sigevent_tid)
{
    ArmSigevent g = {.sigev_value = 0x1234, .sigev_signo = 10,
                     .sigev_notify = 4 /* SIGEV_THREAD_ID */};
    g.sigev_un[0] = 555;
    struct sigevent h;
    arm_conv_sigevent_in(&h, &g);
    cr_expect_eq((uintptr_t)h.sigev_value.sival_ptr, 0x1234);
    cr_expect_eq(h.sigev_signo, 10);
    cr_expect_eq(h.sigev_notify, 4);
    int tid;
    memcpy(&tid, (const char *)&h + 16, 4);
    cr_expect_eq(tid, 555, "thread id at 12 in the guest, 16 on the host");
}

/* ---- handlers ---- */

static int tmp_file(char *path, const char *content)
{
    strcpy(path, "/tmp/emu-arm-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, content, strlen(content)),
                 (ssize_t)strlen(content));
    return fd;
}

Test(arm_sys, pread64_register_pair)
{
    char path[32];
    int fd = tmp_file(path, "0123456789");
    char *buf = gmem(4096);
    /* (fd, buf, count, pad, off_lo, off_hi) */
    cr_expect_eq(CALL(sys_arm_pread64, fd, G(buf), 3, 0xdead, 5, 0), 3);
    cr_expect_eq(memcmp(buf, "567", 3), 0);
    cr_expect_eq(CALL(sys_arm_pread64, fd, G(buf), 3, 0, 0, 0x80000000u),
                 -EINVAL, "a negative loff_t");
    close(fd);
    unlink(path);
}

Test(arm_sys, lseek_eoverflow_llseek_ok)
{
    char path[32];
    int fd = tmp_file(path, "x");
    /* ftruncate64(fd, pad, lo, hi): 3 GiB */
    cr_assert_eq(CALL(sys_arm_ftruncate64, fd, 0, 0xc0000000u, 0), 0);
    cr_expect_eq(CALL(sys_arm_lseek, fd, 0, SEEK_END), -EOVERFLOW,
                 "3 GiB does not fit a 32-bit off_t");
    char *res = gmem(4096);
    cr_expect_eq(CALL(sys_arm__llseek, fd, 0, 0, G(res), SEEK_END), 0);
    uint64_t pos;
    memcpy(&pos, res, 8);
    cr_expect_eq(pos, 0xc0000000ull);
    /* lseek(fd, -1, SEEK_CUR): the offset is a signed 32-bit value */
    cr_expect_eq(CALL(sys_arm_lseek, fd, 0xffffffffu, SEEK_SET), -EINVAL);
    cr_expect_eq(CALL(sys_arm_lseek, fd, 10, SEEK_SET), 10);
    /* stat: non-LFS EOVERFLOW, stat64 fine */
    char *g = gmem(4096);
    strcpy(g, path);
    cr_expect_eq(CALL(sys_arm_stat, G(g), G(g + 256)), -EOVERFLOW);
    cr_expect_eq(CALL(sys_arm_stat64, G(g), G(g + 256)), 0);
    ArmStat64 st;
    memcpy(&st, g + 256, sizeof(st));
    cr_expect_eq(st.st_size, 0xc0000000ll);
    /* a non-LFS open of the big file is EOVERFLOW, with O_LARGEFILE not */
    cr_expect_eq(CALL(sys_arm_open, G(g), O_RDONLY, 0), -EOVERFLOW);
    int64_t fd2 = CALL(sys_arm_open, G(g), O_RDONLY | ARM_O_LARGEFILE, 0);
    cr_expect(fd2 >= 0);
    close((int)fd2);
    close(fd);
    unlink(path);
}

Test(arm_sys, statfs64_size_argument)
{
    char *g = gmem(4096);
    strcpy(g, "/");
    cr_expect_eq(CALL(sys_arm_statfs64, G(g), 84, G(g + 512)), 0);
    cr_expect_eq(CALL(sys_arm_statfs64, G(g), 88, G(g + 512)), 0,
                 "glibc passes 88: the arm entry code takes it as 84");
    cr_expect_eq(CALL(sys_arm_statfs64, G(g), 80, G(g + 512)), -EINVAL);
    cr_expect_eq(CALL(sys_arm_statfs64, G(g), 84, 0), -EFAULT);
}

Test(arm_sys, fcntl64_flock32_eoverflow)
{
    char path[32];
    int fd = tmp_file(path, "x");
    /* A lock held through another open file description (an OFD lock
     * conflicts with this process's own POSIX locks) beyond 2 GiB. */
    int other = open(path, O_RDWR);
    struct flock ofd = {.l_type = F_WRLCK, .l_whence = SEEK_SET,
                        .l_start = 0x90000000ll, .l_len = 10};
    cr_assert_eq(fcntl(other, F_OFD_SETLK, &ofd), 0);
    ArmFlock *g = (ArmFlock *)gmem(4096);
    *g = (ArmFlock){.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0,
                    .l_len = 0};
    cr_expect_eq(CALL(sys_arm_fcntl64, fd, F_GETLK, G(g)), -EOVERFLOW,
                 "the conflicting lock does not fit a 32-bit flock");
    /* flock64 (F_GETLK64 = 12) reports it */
    struct flock *g64 = (struct flock *)(g + 2);
    *g64 = (struct flock){.l_type = F_WRLCK, .l_whence = SEEK_SET};
    cr_expect_eq(CALL(sys_arm_fcntl64, fd, 12, G(g64)), 0);
    cr_expect_eq(g64->l_type, F_WRLCK);
    cr_expect_eq(g64->l_start, 0x90000000ll);
    /* F_SETLK with the 32-bit layout, a range below the conflict */
    *g = (ArmFlock){.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0,
                    .l_len = 100};
    cr_expect_eq(CALL(sys_arm_fcntl64, fd, F_SETLK, G(g)), 0);
    close(other);
    close(fd);
    unlink(path);
}

/* linux_dirent64 as the guest sees it. */
typedef struct {
    uint64_t ino;
    int64_t off;
    uint16_t reclen;
    uint8_t type;
    char name[];
} D64;

Test(arm_sys, getdents_32bit_cookies_and_seek)
{
    char dir[] = "/tmp/emu-arm-dir-XXXXXX";
    cr_assert(mkdtemp(dir));
    char p[64];
    for (int i = 0; i < 300; i++) {
        snprintf(p, sizeof(p), "%s/f%d", dir, i);
        close(open(p, O_CREAT | O_WRONLY, 0644));
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    cr_assert(fd >= 0);
    char *buf = gmem(65536);
    /* getdents64: every d_off fits 31 bits, as a native 32-bit process
     * gets them */
    int64_t n = CALL(sys_arm_getdents64, fd, G(buf), 65536);
    cr_assert(n > 0);
    int count = 0;
    int64_t off50 = -1;
    char name51[64] = "";
    for (int64_t pos = 0; pos < n; count++) {
        const D64 *d = (const D64 *)(buf + pos);
        cr_expect(d->off >= 0 && d->off <= 0x7fffffff, "d_off %llx",
                  (long long)d->off);
        if (count == 50)
            off50 = d->off;
        if (count == 51)
            strcpy(name51, d->name);
        pos += d->reclen;
    }
    cr_expect_eq(count, 302);
    /* seekdir(telldir) through _llseek: the next entry is the 52nd */
    char *res = gmem(4096);
    cr_assert_eq(CALL(sys_arm__llseek, fd, 0, (uint64_t)off50, G(res),
                      SEEK_SET),
                 0);
    n = CALL(sys_arm_getdents64, fd, G(buf), 4096);
    cr_assert(n > 0);
    cr_expect_str_eq(((const D64 *)buf)->name, name51);
    /* the old getdents from the start: 32-bit records, same entries */
    cr_assert_eq(CALL(sys_arm_lseek, fd, 0, SEEK_SET), 0);
    count = 0;
    while ((n = CALL(sys_arm_getdents, fd, G(buf), 1024)) > 0) {
        for (int64_t pos = 0; pos < n; count++) {
            const ArmDirent *d = (const ArmDirent *)(buf + pos);
            cr_expect(d->d_off <= 0x7fffffffu);
            pos += d->d_reclen;
        }
    }
    cr_expect_eq(n, 0);
    cr_expect_eq(count, 302, "small buffers lose no entry");
    close(fd);
    for (int i = 0; i < 300; i++) {
        snprintf(p, sizeof(p), "%s/f%d", dir, i);
        unlink(p);
    }
    rmdir(dir);
}

Test(arm_sys, iovec_compat)
{
    char path[32];
    int fd = tmp_file(path, "");
    /* compat iovecs hold 32-bit addresses: a buffer below 4 GiB */
    int64_t low = guest_mmap(0x30000000, 4096, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS |
                                 MAP_FIXED_NOREPLACE,
                             -1, 0);
    cr_assert_eq(low, 0x30000000, "guest_mmap: %lld", (long long)low);
    char *g = (char *)(uintptr_t)low;
    ArmIovec *iov = (ArmIovec *)g;
    strcpy(g + 100, "hello ");
    strcpy(g + 200, "world");
    iov[0] = (ArmIovec){.base = (uint32_t)G(g + 100), .len = 6};
    iov[1] = (ArmIovec){.base = (uint32_t)G(g + 200), .len = 5};
    cr_expect_eq(CALL(sys_arm_writev, fd, G(iov), 2), 11);
    char back[16] = "";
    cr_expect_eq(pread(fd, back, 11, 0), 11);
    cr_expect_str_eq(back, "hello world");
    iov[1].len = 0x80000000u;
    cr_expect_eq(CALL(sys_arm_writev, fd, G(iov), 2), -EINVAL,
                 "a negative compat_ssize_t length");
    /* preadv(fd, iov, cnt, pos_l, pos_h) */
    iov[1].len = 5;
    cr_expect_eq(CALL(sys_arm_preadv, fd, G(iov), 2, 0, 0), 11);
    close(fd);
    unlink(path);
}

/* Guest memory below 4 GiB, for structures that hold 32-bit pointers. */
static char *low_mem(void)
{
    int64_t low = guest_mmap(0x30000000, 65536, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS |
                                 MAP_FIXED_NOREPLACE,
                             -1, 0);
    cr_assert_eq(low, 0x30000000, "guest_mmap: %lld", (long long)low);
    return (char *)(uintptr_t)low;
}

#define U32(p) ((uint32_t)(uintptr_t)(p))

Test(arm_sys, sendmsg_recvmsg_scm_rights)
{
    int sv[2], pfd[2];
    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    cr_assert_eq(pipe(pfd), 0);
    char *g = low_mem();
    ArmIovec *iov = (ArmIovec *)g;
    ArmMsghdr *m = (ArmMsghdr *)(g + 64);
    char *ctl = g + 128, *data = g + 512;
    strcpy(data, "hi");
    iov[0] = (ArmIovec){U32(data), 2};
    /* a 4-byte aligned SCM_RIGHTS cmsg with two descriptors */
    ArmCmsghdr ch = {.cmsg_len = 12 + 8, .cmsg_level = SOL_SOCKET,
                     .cmsg_type = SCM_RIGHTS};
    memcpy(ctl, &ch, 12);
    memcpy(ctl + 12, &pfd[0], 4);
    memcpy(ctl + 16, &pfd[1], 4);
    *m = (ArmMsghdr){.msg_iov = U32(iov), .msg_iovlen = 1,
                     .msg_control = U32(ctl), .msg_controllen = 20};
    cr_assert_eq(CALL(sys_arm_sendmsg, sv[0], G(m), 0), 2);
    /* receive with room for one descriptor only: MSG_CTRUNC, one fd */
    memset(ctl, 0, 64);
    memset(data, 0, 8);
    *m = (ArmMsghdr){.msg_iov = U32(iov), .msg_iovlen = 1,
                     .msg_control = U32(ctl), .msg_controllen = 16};
    cr_assert_eq(CALL(sys_arm_recvmsg, sv[1], G(m), 0), 2);
    cr_expect_str_eq(data, "hi");
    cr_expect_eq(m->msg_controllen, 16);
    cr_expect(m->msg_flags & MSG_CTRUNC);
    memcpy(&ch, ctl, 12);
    cr_expect_eq(ch.cmsg_len, 16, "CMSG_LEN(4) with a 12-byte header");
    cr_expect_eq(ch.cmsg_type, SCM_RIGHTS);
    int got;
    memcpy(&got, ctl + 12, 4);
    struct stat st;
    cr_expect_eq(fstat(got, &st), 0);
    cr_expect(S_ISFIFO(st.st_mode));
    /* a cmsg_len past the control buffer is EINVAL (CMSG_OK) */
    ch = (ArmCmsghdr){.cmsg_len = 40, .cmsg_level = SOL_SOCKET,
                      .cmsg_type = SCM_RIGHTS};
    memcpy(ctl, &ch, 12);
    *m = (ArmMsghdr){.msg_iov = U32(iov), .msg_iovlen = 1,
                     .msg_control = U32(ctl), .msg_controllen = 20};
    cr_expect_eq(CALL(sys_arm_sendmsg, sv[0], G(m), 0), -EINVAL);
}

Test(arm_sys, socket_timeval_option)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    cr_assert(s >= 0);
    char *g = gmem(4096);
    ArmTimeval32 tv = {.tv_sec = 1, .tv_usec = 500000};
    memcpy(g, &tv, 8);
    cr_expect_eq(CALL(sys_arm_setsockopt, s, SOL_SOCKET, 20 /*RCVTIMEO*/,
                      G(g), 8),
                 0);
    struct timeval h;
    socklen_t hl = sizeof(h);
    cr_assert_eq(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &h, &hl), 0);
    cr_expect_eq(h.tv_sec, 1);
    cr_expect_eq(h.tv_usec, 500000);
    memset(g, 0, 64);
    int32_t len = 64;
    memcpy(g + 32, &len, 4);
    cr_expect_eq(CALL(sys_arm_getsockopt, s, SOL_SOCKET, 20, G(g),
                      G(g + 32)),
                 0);
    memcpy(&tv, g, 8);
    memcpy(&len, g + 32, 4);
    cr_expect_eq(len, 8, "a 32-bit timeval");
    cr_expect_eq(tv.tv_sec, 1);
    cr_expect_eq(tv.tv_usec, 500000);
    cr_expect_eq(CALL(sys_arm_setsockopt, s, SOL_SOCKET, 20, G(g), 4),
                 -EINVAL, "optlen below 8");
    close(s);
}

Test(arm_sys, sysv_msg_ipc64_and_mtype)
{
    int id = msgget(IPC_PRIVATE, 0600);
    cr_assert(id >= 0);
    char *g = gmem(4096);
    int32_t mtype = 7;
    memcpy(g, &mtype, 4);
    strcpy(g + 4, "abc");
    cr_expect_eq(CALL(sys_arm_msgsnd, id, G(g), 3, 0), 0);
    memset(g + 256, 0, 64);
    cr_expect_eq(CALL(sys_arm_msgrcv, id, G(g + 256), 16, 0, 0), 3);
    memcpy(&mtype, g + 256, 4);
    cr_expect_eq(mtype, 7, "a 4-byte long mtype");
    cr_expect_str_eq(g + 260, "abc");
    /* IPC_STAT | IPC_64: the 88-byte msqid64_ds of a 32-bit kernel */
    cr_expect_eq(CALL(sys_arm_msgctl, id, IPC_STAT | 0x100, G(g + 512)), 0);
    uint16_t mode;
    uint32_t qbytes;
    memcpy(&mode, g + 512 + 20, 2);
    memcpy(&qbytes, g + 512 + 36 + 24 + 8, 4);
    cr_expect_eq(mode & 0777, 0600);
    cr_expect(qbytes > 0);
    /* IPC_STAT without IPC_64: the old 56-byte msqid_ds, 16-bit mode at
     * 12, then ushort cbytes, qnum, qbytes at 44 */
    memset(g + 512, 0xa5, 64);
    cr_expect_eq(CALL(sys_arm_msgctl, id, IPC_STAT, G(g + 512)), 0);
    uint16_t cbytes, qnum, qb16;
    memcpy(&mode, g + 512 + 12, 2);
    memcpy(&cbytes, g + 512 + 44, 2);
    memcpy(&qnum, g + 512 + 46, 2);
    memcpy(&qb16, g + 512 + 48, 2);
    cr_expect_eq(mode & 0777, 0600);
    cr_expect_eq(cbytes, 0);
    cr_expect_eq(qnum, 0);
    cr_expect_eq(qb16, qbytes > 0xffff ? 0xffff : qbytes);
    cr_expect_eq(CALL(sys_arm_msgctl, id, IPC_STAT, 0xfffff000), -EFAULT,
                 "old IPC_STAT writes after the permission check");
    cr_expect_eq(CALL(sys_arm_msgctl, id, IPC_SET, 0xfffff000), -EFAULT,
                 "old IPC_SET reads first");
    cr_expect_eq(CALL(sys_arm_msgrcv, id, G(g + 256), 0xffffffff, 0,
                      IPC_NOWAIT),
                 -EINVAL, "a negative 32-bit size");
    msgctl(id, IPC_RMID, NULL);
}

Test(arm_conv, siginfo32_poll_code_on_any_signal)
{
    /* kernel/signal.c siginfo_layout(): a POLL_* code (1..NSIGPOLL) on a
     * signal without codes of its own is SIL_POLL, as dnotify's F_SETSIG
     * realtime signal carries (si_band, si_fd at words 0 and 1) */
    siginfo_t h;
    memset(&h, 0, sizeof(h));
    h.si_signo = 35;
    h.si_code = 3; /* POLL_MSG */
    h.si_band = 0x41;
    h.si_fd = 7;
    GuestSiginfo32 g;
    sig_siginfo_to32(&h, &g);
    cr_expect_eq(g.si_code, 3);
    cr_expect_eq(g.u[0], 0x41);
    cr_expect_eq(g.u[1], 7, "si_fd");
    h.si_signo = SIGUSR1;
    sig_siginfo_to32(&h, &g);
    cr_expect_eq(g.u[1], 7, "si_fd of a non-realtime F_SETSIG signal");
}

Test(arm_sys, mcast_group_req_132_bytes)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    cr_assert(s >= 0);
    char *g = gmem(4096);
    /* struct group_req of a 32-bit process: u32 interface, then a 4-byte
     * aligned sockaddr_storage at 4 (132 bytes; the host's is 136) */
    memset(g, 0, 132);
    uint32_t ifindex = 1; /* lo */
    struct sockaddr_in sin = {.sin_family = AF_INET,
                              .sin_addr.s_addr = htonl(0xe00000fb)};
    memcpy(g, &ifindex, 4);
    memcpy(g + 4, &sin, sizeof(sin));
    cr_expect_eq(CALL(sys_arm_setsockopt, s, IPPROTO_IP, MCAST_JOIN_GROUP,
                      G(g), 131),
                 -EINVAL, "optlen below 132");
    cr_expect_eq(CALL(sys_arm_setsockopt, s, IPPROTO_IP, MCAST_JOIN_GROUP,
                      0xfffff000, 132),
                 -EFAULT);
    cr_expect_eq(CALL(sys_arm_setsockopt, s, IPPROTO_IP, MCAST_JOIN_GROUP,
                      G(g), 132),
                 0);
    cr_expect_eq(CALL(sys_arm_setsockopt, s, IPPROTO_IP, MCAST_LEAVE_GROUP,
                      G(g), 132),
                 0);
    cr_expect_eq(CALL(sys_arm_setsockopt, s, IPPROTO_IP, MCAST_LEAVE_GROUP,
                      G(g), 132),
                 -EADDRNOTAVAIL, "the group read from offset 4 was left");
    close(s);
}

Test(arm_sys, adjtimex_32bit_timex)
{
    /* modes 0 only reads: the 32-bit struct timex comes back with the
     * kernel's tick (10000 us at USER_HZ 100) and a time past 2020 */
    char *g = gmem(4096);
    memset(g, 0, 128);
    int64_t r = CALL(sys_arm_adjtimex, G(g));
    cr_expect(r >= 0, "adjtimex: %lld", (long long)r);
    int32_t tick, sec;
    memcpy(&tick, g + 44, 4);
    memcpy(&sec, g + 36, 4);
    cr_expect_eq(tick, 10000);
    cr_expect(sec > 1577836800);
    cr_expect_eq(CALL(sys_arm_adjtimex, 0), -EFAULT);
}

Test(arm_conv, cmsg_timestamp_to_32bit)
{
    /* A host SCM_TIMESTAMP (SO_TIMESTAMP_OLD, 29) carries a 16-byte
     * timeval; a 32-bit process gets an 8-byte one in a 20-byte cmsg. */
    union {
        struct cmsghdr h;
        char b[CMSG_SPACE(16)];
    } host;
    memset(&host, 0, sizeof(host));
    host.h.cmsg_len = CMSG_LEN(16);
    host.h.cmsg_level = SOL_SOCKET;
    host.h.cmsg_type = 29;
    int64_t tv[2] = {1700000000, 123456};
    memcpy(CMSG_DATA(&host.h), tv, 16);
    uint8_t g[64];
    int flags = 0;
    size_t n = arm_cmsg_to_guest(g, sizeof(g), &host, CMSG_SPACE(16), &flags);
    cr_expect_eq(n, 20);
    cr_expect_eq(flags, 0);
    ArmCmsghdr gh;
    memcpy(&gh, g, 12);
    cr_expect_eq(gh.cmsg_len, 20);
    cr_expect_eq(gh.cmsg_type, 29);
    int32_t v[2];
    memcpy(v, g + 12, 8);
    cr_expect_eq(v[0], 1700000000);
    cr_expect_eq(v[1], 123456);
    /* no room: MSG_CTRUNC, the cmsg cut at the room left */
    n = arm_cmsg_to_guest(g, 16, &host, CMSG_SPACE(16), &flags);
    cr_expect_eq(n, 16);
    cr_expect(flags & MSG_CTRUNC);
    memcpy(&gh, g, 12);
    cr_expect_eq(gh.cmsg_len, 16);
}
