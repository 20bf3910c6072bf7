/*
 * syscall/arm-ioctl.c - EABI ioctls whose argument layout is not the
 * host's; everything else goes to the shared sys_ioctl (termios, winsize,
 * int arguments and the _IOC-encoded requests the two share).
 *
 * What differs on a 32-bit process (the kernel's compat_ioctl tables
 * list the same set): SIOCGSTAMP/SIOCGSTAMPNS return a 32-bit
 * timeval/timespec (the _OLD forms), struct ifreq is 32 bytes (its union
 * holds struct ifmap with longs: 24 bytes on the host), struct ifconf is
 * 8 bytes and its records 32, the FS_IOC32_* flag requests encode an int
 * where the 64-bit numbers encode a long, and BLKGETSIZE writes a long.
 */
#include <linux/fs.h>
#include <net/if.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/arm-sys.h"
#include "syscall/uaccess.h"

#define ARM_SIOCGSTAMP_OLD 0x8906
#define ARM_SIOCGSTAMPNS_OLD 0x8907
#define ARM_SIOCGIFCONF 0x8912
#define ARM_IFREQ_SIZE 32
#define HOST_IFREQ_SIZE 40
#define ARM_FS_IOC32_GETFLAGS 0x80046601u
#define ARM_FS_IOC32_SETFLAGS 0x40046602u
#define ARM_FS_IOC32_GETVERSION 0x80047601u
#define ARM_FS_IOC32_SETVERSION 0x40047602u
#define ARM_BLKGETSIZE 0x1260u

_Static_assert(sizeof(struct ifreq) == HOST_IFREQ_SIZE, "host ifreq");

static int64_t ioctl_ifconf32(int fd, uint64_t arg)
{
    /* struct ifconf { int ifc_len; u32 ifc_buf; }: with a NULL buffer
     * the length needed comes back, else the records that fit. */
    int32_t g[2];
    if (sys_fd_check(fd))
        return -EBADF;
    if (arm_get(g, arg, sizeof(g)))
        return -EFAULT;
    int n = g[0] > 0 ? g[0] / ARM_IFREQ_SIZE : 0;
    struct ifconf h = {.ifc_len = n * HOST_IFREQ_SIZE};
    char *buf = NULL;
    if (g[1]) {
        if (n && !sys_ok((uint32_t)g[1], (uint64_t)n * ARM_IFREQ_SIZE,
                         PROT_WRITE))
            return -EFAULT;
        if (!(buf = calloc(n ? n : 1, HOST_IFREQ_SIZE)))
            return -ENOMEM;
        h.ifc_buf = buf;
    }
    int64_t r = sys_ret(syscall(SYS_ioctl, fd, SIOCGIFCONF, &h));
    if (r >= 0) {
        int got = h.ifc_len / HOST_IFREQ_SIZE;
        for (int i = 0; buf && i < got; i++)
            memcpy((char *)g2h((uint32_t)g[1]) + i * ARM_IFREQ_SIZE,
                   buf + i * HOST_IFREQ_SIZE, ARM_IFREQ_SIZE);
        g[0] = got * ARM_IFREQ_SIZE;
        if (arm_put(arg, g, 4))
            r = -EFAULT;
    }
    free(buf);
    return r;
}

static int64_t ioctl_ifreq32(int fd, unsigned cmd, uint64_t arg)
{
    /* The name and the sockaddr/int/short part are the first 32 bytes of
     * both layouts; the host's extra 8 stay zero. */
    if (sys_fd_check(fd))
        return -EBADF;
    char h[HOST_IFREQ_SIZE] = {0};
    if (arm_get(h, arg, ARM_IFREQ_SIZE))
        return -EFAULT;
    char before[ARM_IFREQ_SIZE];
    memcpy(before, h, sizeof(before));
    int64_t r = sys_ret(sys_host_call(SYS_ioctl, fd, cmd, h));
    if (r >= 0 && memcmp(before, h, sizeof(before)) &&
        arm_put(arg, h, ARM_IFREQ_SIZE))
        return -EFAULT;
    return r;
}

int64_t sys_arm_ioctl(SysCall *c)
{
    int fd = (int)c->a[0];
    unsigned cmd = (unsigned)c->a[1];
    uint64_t arg = c->a[2];
    switch (cmd) {
    case ARM_SIOCGSTAMP_OLD:
    case ARM_SIOCGSTAMPNS_OLD: {
        struct timespec ts; /* a timeval has the same two longs */
        int64_t r = sys_ret(syscall(SYS_ioctl, fd, cmd, &ts));
        if (r < 0)
            return r;
        ArmTimespec32 g;
        arm_conv_ts32_out(&g, &ts);
        return arm_put(arg, &g, sizeof(g)) ? -EFAULT : r;
    }
    case ARM_SIOCGIFCONF:
        return ioctl_ifconf32(fd, arg);
    case ARM_FS_IOC32_GETFLAGS:
        return sys_ret(syscall(SYS_ioctl, fd, FS_IOC_GETFLAGS,
                               sys_ptr(arg, 4, PROT_WRITE)));
    case ARM_FS_IOC32_SETFLAGS:
        return sys_ret(syscall(SYS_ioctl, fd, FS_IOC_SETFLAGS,
                               sys_ptr(arg, 4, PROT_READ)));
    case ARM_FS_IOC32_GETVERSION:
        return sys_ret(syscall(SYS_ioctl, fd, FS_IOC_GETVERSION,
                               sys_ptr(arg, 4, PROT_WRITE)));
    case ARM_FS_IOC32_SETVERSION:
        return sys_ret(syscall(SYS_ioctl, fd, FS_IOC_SETVERSION,
                               sys_ptr(arg, 4, PROT_READ)));
    case ARM_BLKGETSIZE: {
        /* block/ioctl.c: a size in sectors that does not fit the long is
         * EFBIG */
        unsigned long v;
        int64_t r = sys_ret(syscall(SYS_ioctl, fd, cmd, &v));
        if (r < 0)
            return r;
        if (v > 0xffffffffu)
            return -EFBIG;
        uint32_t g = (uint32_t)v;
        return arm_put(arg, &g, 4) ? -EFAULT : r;
    }
    default:
        if (cmd >= 0x8910 && cmd <= 0x8940)
            return ioctl_ifreq32(fd, cmd, arg);
        return sys_ioctl(c);
    }
}
