/*
 * syscall/sys-net.c - sockets.  sockaddr, msghdr, cmsghdr, mmsghdr,
 * linger, timeval and ucred have the same LP64 layout on arm64 and x86-64,
 * and the SOL_SOCKET option numbers are the asm-generic ones on both, so
 * only the guest pointers need checking.
 */
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/sys-internal.h"

#define RW (PROT_READ | PROT_WRITE)

/* An optional (sockaddr *, socklen_t *) pair the kernel fills. */
static int64_t check_addr_out(uint64_t addr, uint64_t lenp)
{
    if (!addr)
        return 0;
    SYS_CHECK(lenp, sizeof(socklen_t), RW);
    int len = *(const int *)(uintptr_t)lenp;
    if (len < 0)
        return -EINVAL;
    SYS_CHECK(addr, (uint64_t)len, PROT_WRITE);
    return 0;
}

int64_t sys_socketpair(SysCall *c)
{
    SYS_CHECK(c->a[3], 2 * sizeof(int), PROT_WRITE);
    return sys_ret(syscall(SYS_socketpair, (int)c->a[0], (int)c->a[1],
                           (int)c->a[2], c->a[3]));
}

int64_t sys_bind(SysCall *c)
{
    SYS_CHECK(c->a[1], (uint32_t)c->a[2], PROT_READ);
    return sys_ret(syscall(SYS_bind, (int)c->a[0], c->a[1], (int)c->a[2]));
}

int64_t sys_connect(SysCall *c)
{
    SYS_CHECK(c->a[1], (uint32_t)c->a[2], PROT_READ);
    return sys_ret(syscall(SYS_connect, (int)c->a[0], c->a[1], (int)c->a[2]));
}

int64_t sys_accept4(SysCall *c)
{
    int64_t r = check_addr_out(c->a[1], c->a[2]);
    if (r)
        return r;
    return sys_ret(syscall(SYS_accept4, (int)c->a[0], c->a[1], c->a[2],
                           (int)c->a[3]));
}

int64_t sys_accept(SysCall *c)
{
    c->a[3] = 0;
    return sys_accept4(c);
}

static int64_t sockname(SysCall *c, long host_nr)
{
    SYS_CHECK(c->a[2], sizeof(socklen_t), RW);
    int64_t r = check_addr_out(c->a[1], c->a[2]);
    if (r)
        return r;
    return sys_ret(syscall(host_nr, (int)c->a[0], c->a[1], c->a[2]));
}

int64_t sys_getsockname(SysCall *c) { return sockname(c, SYS_getsockname); }
int64_t sys_getpeername(SysCall *c) { return sockname(c, SYS_getpeername); }

int64_t sys_sendto(SysCall *c)
{
    SYS_CHECK(c->a[1], c->a[2], PROT_READ);
    SYS_CHECK_OPT(c->a[4], (uint32_t)c->a[5], PROT_READ);
    return sys_ret(syscall(SYS_sendto, (int)c->a[0], c->a[1], c->a[2],
                           (int)c->a[3], c->a[4], (int)c->a[5]));
}

int64_t sys_recvfrom(SysCall *c)
{
    SYS_CHECK(c->a[1], c->a[2], PROT_WRITE);
    int64_t r = check_addr_out(c->a[4], c->a[5]);
    if (r)
        return r;
    return sys_ret(syscall(SYS_recvfrom, (int)c->a[0], c->a[1], c->a[2],
                           (int)c->a[3], c->a[4], c->a[5]));
}

int64_t sys_setsockopt(SysCall *c)
{
    SYS_CHECK_OPT(c->a[3], (uint32_t)c->a[4], PROT_READ);
    return sys_ret(syscall(SYS_setsockopt, (int)c->a[0], (int)c->a[1],
                           (int)c->a[2], c->a[3], (int)c->a[4]));
}

int64_t sys_getsockopt(SysCall *c)
{
    SYS_CHECK(c->a[4], sizeof(socklen_t), RW);
    int len = *(const int *)(uintptr_t)c->a[4];
    if (len < 0)
        return -EINVAL;
    SYS_CHECK_OPT(c->a[3], (uint64_t)len, PROT_WRITE);
    return sys_ret(syscall(SYS_getsockopt, (int)c->a[0], (int)c->a[1],
                           (int)c->a[2], c->a[3], c->a[4]));
}

int64_t sys_sendmsg(SysCall *c)
{
    int64_t r = sys_check_msghdr(c->a[1], false);
    if (r)
        return r;
    return sys_ret(syscall(SYS_sendmsg, (int)c->a[0], c->a[1], (int)c->a[2]));
}

int64_t sys_recvmsg(SysCall *c)
{
    int64_t r = sys_check_msghdr(c->a[1], true);
    if (r)
        return r;
    return sys_ret(syscall(SYS_recvmsg, (int)c->a[0], c->a[1], (int)c->a[2]));
}

/* struct mmsghdr: a msghdr and an unsigned int, 64 bytes on both. */
static int64_t check_mmsg(uint64_t vec, uint64_t n, bool recv)
{
    if (n > 1024)
        n = 1024; /* UIO_MAXIOV: the kernel caps vlen there too */
    SYS_CHECK(vec, n * sizeof(struct mmsghdr), PROT_READ | PROT_WRITE);
    for (uint64_t i = 0; i < n; i++) {
        int64_t r = sys_check_msghdr(vec + i * sizeof(struct mmsghdr), recv);
        if (r)
            return r;
    }
    return 0;
}

int64_t sys_sendmmsg(SysCall *c)
{
    int64_t r = check_mmsg(c->a[1], (uint32_t)c->a[2], false);
    if (r)
        return r;
    return sys_ret(syscall(SYS_sendmmsg, (int)c->a[0], c->a[1],
                           (unsigned)c->a[2], (int)c->a[3]));
}

int64_t sys_recvmmsg(SysCall *c)
{
    int64_t r = check_mmsg(c->a[1], (uint32_t)c->a[2], true);
    if (r)
        return r;
    SYS_CHECK_OPT(c->a[4], sizeof(struct timespec), RW);
    return sys_ret(syscall(SYS_recvmmsg, (int)c->a[0], c->a[1],
                           (unsigned)c->a[2], (int)c->a[3], c->a[4]));
}
