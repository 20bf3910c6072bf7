/*
 * syscall/sys-net.c - sockets.  sockaddr, msghdr, cmsghdr, mmsghdr,
 * linger, timeval and ucred have the same LP64 layout on arm64 and x86-64,
 * and the SOL_SOCKET option numbers are the asm-generic ones on both, so
 * only the guest pointers need care.
 *
 * Error order (net/socket.c): the descriptor comes first (EBADF, then
 * ENOTSOCK for a file that is no socket), except for sendto/recvfrom,
 * whose buffer is access_ok()-checked even before that; socket addresses
 * are copied in after it (EINVAL for a length out of range, then EFAULT);
 * result addresses and lengths are written only after the call did its
 * work.  Every guest pointer therefore goes to the host through
 * syscall/uaccess.h, and the host kernel answers in that order.
 */
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/sys-internal.h"
#include "syscall/uaccess.h"

#define RW (PROT_READ | PROT_WRITE)
/* struct sockaddr_storage: move_addr_to_kernel()'s limit. */
#define SOCKADDR_MAX 128
/* MAX_RW_COUNT (INT_MAX & PAGE_MASK): import_ubuf() clamps a send/recv
 * length to it before access_ok(). */
#define MAX_RW_COUNT 0x7ffff000ull

/* The bytes of a socket address the kernel copies in: none when the
 * length is out of range (EINVAL before the copy). */
static uint64_t addr_in_len(uint64_t addrlen)
{
    int n = (int)addrlen;
    return n > 0 && n <= SOCKADDR_MAX ? (uint64_t)n : 0;
}

/* A (sockaddr *, socklen_t *) pair the kernel fills after the call did
 * its work (move_addr_to_user: it reads *lenp (EFAULT), fails a negative
 * one (EINVAL), copies min(*lenp, size) bytes (EFAULT) and writes the size
 * back (EFAULT)).  The host gets a copy of *lenp, so it cannot write more
 * of the address than emu checked, and the copy goes back afterwards. */
typedef struct AddrOut {
    SysFix f;
    uint64_t lenp;   /* the guest's, when `len` stands in for it */
    socklen_t len;
    uint64_t haddr, hlenp; /* for the host */
} AddrOut;

static void addr_out_begin(AddrOut *o, uint64_t addr, uint64_t lenp)
{
    *o = (AddrOut){.f = {0}};
    if (!lenp || !sys_ok(lenp, sizeof(socklen_t), PROT_READ)) {
        o->hlenp = sys_fault_ptr(lenp, sizeof(socklen_t));
        o->haddr = sys_fault_ptr(addr, 0); /* not reached */
        return;
    }
    o->lenp = lenp;
    o->len = *(const socklen_t *)g2h(lenp);
    o->hlenp = (uint64_t)(uintptr_t)&o->len;
    int n = (int)o->len;
    o->haddr = sys_fix(&o->f, addr, n > 0 ? (uint64_t)n : 0, PROT_WRITE);
}

static int64_t addr_out_end(AddrOut *o, int64_t r)
{
    r = sys_fix_done(&o->f, r);
    if (r >= 0 && o->lenp) {
        if (sys_ok(o->lenp, sizeof(socklen_t), PROT_WRITE))
            *(socklen_t *)g2h(o->lenp) = o->len;
        else
            r = -EFAULT;
    }
    return r;
}

int64_t sys_socketpair(SysCall *c)
{
    /* The descriptors go to user memory last (EFAULT, sockets closed). */
    return sys_ret(syscall(SYS_socketpair, (int)c->a[0], (int)c->a[1],
                           (int)c->a[2], sys_ptr(c->a[3], 8, PROT_WRITE)));
}

int64_t sys_bind(SysCall *c)
{
    return sys_ret(syscall(SYS_bind, (int)c->a[0],
                           sys_ptr(c->a[1], addr_in_len(c->a[2]), PROT_READ),
                           (int)c->a[2]));
}

int64_t sys_connect(SysCall *c)
{
    return sys_ret(sys_host_call(
        SYS_connect, (int)c->a[0],
        sys_ptr(c->a[1], addr_in_len(c->a[2]), PROT_READ), (int)c->a[2]));
}

int64_t sys_accept4(SysCall *c)
{
    /* The flags (EINVAL), the descriptor, the wait; the peer's address
     * last: when that fails the new connection is closed again. */
    AddrOut o;
    uint64_t addr = c->a[1], lenp = c->a[2];
    if (addr)
        addr_out_begin(&o, addr, lenp);
    else
        o = (AddrOut){.hlenp = sys_ptr(lenp, sizeof(socklen_t), RW)};
    int64_t r = sys_ret(sys_host_call(SYS_accept4, (int)c->a[0], o.haddr,
                                      o.hlenp, (int)c->a[3]));
    int64_t e = addr_out_end(&o, r);
    if (e < 0 && r >= 0)
        close((int)r);
    return e;
}

int64_t sys_accept(SysCall *c)
{
    c->a[3] = 0;
    return sys_accept4(c);
}

static int64_t sockname(SysCall *c, long host_nr)
{
    AddrOut o;
    addr_out_begin(&o, c->a[1], c->a[2]);
    return addr_out_end(&o, sys_ret(syscall(host_nr, (int)c->a[0], o.haddr,
                                            o.hlenp)));
}

int64_t sys_getsockname(SysCall *c) { return sockname(c, SYS_getsockname); }
int64_t sys_getpeername(SysCall *c) { return sockname(c, SYS_getpeername); }

int64_t sys_sendto(SysCall *c)
{
    uint64_t len = c->a[2] < MAX_RW_COUNT ? c->a[2] : MAX_RW_COUNT;
    SysFix f = {0};
    uint64_t buf = sys_fix(&f, c->a[1], len, PROT_READ);
    uint64_t to = sys_ptr(c->a[4], addr_in_len(c->a[5]), PROT_READ);
    int64_t r = sys_ret(sys_host_call(SYS_sendto, (int)c->a[0], buf, c->a[2],
                                      (int)c->a[3], to, (int)c->a[5]));
    return sys_fix_done(&f, r);
}

int64_t sys_recvfrom(SysCall *c)
{
    /* The source address (and *addrlen) only matter when addr is given,
     * and only after a datagram came. */
    uint64_t len = c->a[2] < MAX_RW_COUNT ? c->a[2] : MAX_RW_COUNT;
    AddrOut o;
    if (c->a[4])
        addr_out_begin(&o, c->a[4], c->a[5]);
    else
        o = (AddrOut){.hlenp = sys_ptr(c->a[5], sizeof(socklen_t), RW)};
    uint64_t buf = sys_fix(&o.f, c->a[1], len, PROT_WRITE);
    int64_t r = sys_ret(sys_host_call(SYS_recvfrom, (int)c->a[0], buf,
                                      c->a[2], (int)c->a[3], o.haddr,
                                      o.hlenp));
    return addr_out_end(&o, r);
}

int64_t sys_setsockopt(SysCall *c)
{
    /* optlen < 0 is EINVAL before the descriptor; the option's handler
     * reads what it needs of optval. */
    int optlen = (int)c->a[4];
    SysFix f = {0};
    uint64_t val = sys_fix(&f, c->a[3], optlen > 0 ? (uint64_t)optlen : 0,
                           PROT_READ);
    int64_t r = sys_ret(syscall(SYS_setsockopt, (int)c->a[0], (int)c->a[1],
                                (int)c->a[2], val, optlen));
    return sys_fix_done(&f, r);
}

int64_t sys_getsockopt(SysCall *c)
{
    /* The descriptor first; the option's handler reads *optlen (EFAULT,
     * EINVAL when negative), fills optval and writes *optlen back, even
     * on some errors (ERANGE with the size needed). */
    uint64_t lenp = c->a[4];
    SysFix f = {0};
    socklen_t len = 0;
    uint64_t hlenp, val;
    if (lenp && sys_ok(lenp, sizeof(socklen_t), PROT_READ)) {
        len = *(const socklen_t *)g2h(lenp);
        hlenp = (uint64_t)(uintptr_t)&len;
        int n = (int)len;
        val = sys_fix(&f, c->a[3], n > 0 ? (uint64_t)n : 0, PROT_WRITE);
    } else {
        hlenp = sys_fault_ptr(lenp, sizeof(socklen_t));
        val = sys_fault_ptr(c->a[3], 0);
    }
    socklen_t was = len;
    int64_t r = sys_ret(syscall(SYS_getsockopt, (int)c->a[0], (int)c->a[1],
                                (int)c->a[2], val, hlenp));
    r = sys_fix_done(&f, r);
    if (hlenp == (uint64_t)(uintptr_t)&len && len != was) {
        if (sys_ok(lenp, sizeof(socklen_t), PROT_WRITE))
            *(socklen_t *)g2h(lenp) = len;
        else
            r = -EFAULT;
    }
    return r;
}

int64_t sys_sendmsg(SysCall *c)
{
    SysFix f = {0};
    uint64_t msg = sys_fix_msghdr(&f, c->a[1], false);
    int64_t r = sys_ret(
        sys_host_call(SYS_sendmsg, (int)c->a[0], msg, (int)c->a[2]));
    return sys_fix_done(&f, r);
}

int64_t sys_recvmsg(SysCall *c)
{
    SysFix f = {0};
    uint64_t msg = sys_fix_msghdr(&f, c->a[1], true);
    int64_t r = sys_ret(
        sys_host_call(SYS_recvmsg, (int)c->a[0], msg, (int)c->a[2]));
    return sys_fix_done(&f, r);
}

/* struct mmsghdr: a msghdr and an unsigned int, 64 bytes on both.
 * sendmmsg caps vlen at UIO_MAXIOV (1024); recvmmsg does not. */
int64_t sys_sendmmsg(SysCall *c)
{
    unsigned vlen = (unsigned)c->a[2];
    SysFix f = {0};
    uint64_t vec = sys_fix_mmsg(&f, c->a[1], vlen < 1024 ? vlen : 1024, false);
    int64_t r = sys_ret(sys_host_call(SYS_sendmmsg, (int)c->a[0], vec, vlen,
                                      (int)c->a[3]));
    return sys_fix_done(&f, r);
}

int64_t sys_recvmmsg(SysCall *c)
{
    /* The timeout is read before the descriptor is looked at (EFAULT)
     * and written back at the end (EFAULT when read-only). */
    unsigned vlen = (unsigned)c->a[2];
    SysFix f = {0};
    uint64_t vec = sys_fix_mmsg(&f, c->a[1], vlen, true);
    uint64_t tmo = sys_ptr(c->a[4], sizeof(struct timespec), PROT_READ);
    int64_t r = sys_ret(sys_host_call(SYS_recvmmsg, (int)c->a[0], vec, vlen,
                                      (int)c->a[3], tmo));
    return sys_fix_done(&f, r);
}
