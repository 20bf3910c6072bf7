/*
 * syscall/arm-net.c - EABI sockets where the 32-bit layouts differ:
 * struct msghdr (28 bytes) with compat iovecs and 4-byte aligned cmsgs,
 * struct mmsghdr (32 bytes), the old timeval socket options, sock_fprog,
 * struct group_req/group_source_req (4-byte aligned sockaddr_storage),
 * and the send/recv calls ARM still has.  sockaddr, socklen_t, linger,
 * ucred and int options are the host's and go to the shared handlers.
 *
 * sendmsg: the msghdr, iovecs and control messages are rebuilt for the
 * host (EINVAL for a cmsg the kernel's CMSG_OK refuses).  recvmsg: the
 * host receives into a control buffer twice the guest's (host cmsgs are
 * larger) and arm_cmsg_to_guest() lays the result out as put_cmsg() does
 * for a 32-bit process; msg_namelen, msg_controllen and msg_flags are
 * written back.  A bad msghdr reaches the host as a fault pointer, so the
 * descriptor's errors come first (net/socket.c looks the socket up
 * before it copies the msghdr).
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "syscall/arm-sys.h"
#include "syscall/uaccess.h"

#define RW (PROT_READ | PROT_WRITE)
#define ARM_CTL_MAX (256 * 1024)

int64_t sys_arm_send(SysCall *c)
{
    return arm_reuse(c, sys_sendto, c->a[0], c->a[1], c->a[2], c->a[3], 0,
                     0);
}

int64_t sys_arm_recv(SysCall *c)
{
    return arm_reuse(c, sys_recvfrom, c->a[0], c->a[1], c->a[2], c->a[3], 0,
                     0);
}

/* ---- socket options ---- */

#define ARM_SO_ATTACH_FILTER 26
#define ARM_SO_ATTACH_REUSEPORT_CBPF 51
#define ARM_SO_RCVTIMEO_OLD 20
#define ARM_SO_SNDTIMEO_OLD 21

/* The MCAST_* options of IPPROTO_IP and IPPROTO_IPV6 that take struct
 * group_req {u32 interface; sockaddr_storage group} (132 bytes on arm,
 * where sockaddr_storage is 4-byte aligned; 136 on the host) or struct
 * group_source_req (+ sockaddr_storage source: 260, host 264).
 * MCAST_MSFILTER's struct group_filter is converted by mcast_msfilter_*. */
static int mcast_group_len(int level, int name)
{
    if (level != IPPROTO_IP && level != IPPROTO_IPV6)
        return 0;
    switch (name) {
    case MCAST_JOIN_GROUP:
    case MCAST_LEAVE_GROUP:
        return 4 + 128;
    case MCAST_BLOCK_SOURCE:
    case MCAST_UNBLOCK_SOURCE:
    case MCAST_JOIN_SOURCE_GROUP:
    case MCAST_LEAVE_SOURCE_GROUP:
        return 4 + 2 * 128;
    }
    return 0;
}

static int64_t mcast_setsockopt(SysCall *c, int glen)
{
    int fd = (int)c->a[0], level = (int)c->a[1], name = (int)c->a[2];
    int optlen = (int)c->a[4];
    struct group_source_req h; /* group_req is its first two members */
    _Static_assert(offsetof(struct group_source_req, gsr_group) == 8 &&
                       offsetof(struct group_req, gr_group) == 8,
                   "host group_req layout");
    int hlen = glen == 4 + 128 ? (int)sizeof(struct group_req)
                               : (int)sizeof(h);
    /* the kernel: optlen < sizeof (EINVAL), then the copy (EFAULT); a
     * short optlen stays short for the host, a bad buffer reaches it as
     * a fault pointer so the socket's own errors come first */
    if (optlen < glen)
        return sys_ret(syscall(SYS_setsockopt, fd, level, name,
                               sys_ptr(c->a[3], 0, PROT_READ), optlen));
    uint8_t g[4 + 2 * 128];
    if (arm_get(g, c->a[3], (size_t)glen))
        return sys_ret(syscall(SYS_setsockopt, fd, level, name,
                               sys_fault_ptr(c->a[3], (uint64_t)glen),
                               hlen));
    memset(&h, 0, sizeof(h));
    memcpy(&h.gsr_interface, g, 4);
    memcpy(&h.gsr_group, g + 4, 128);
    if (glen > 4 + 128)
        memcpy(&h.gsr_source, g + 4 + 128, 128);
    return sys_ret(syscall(SYS_setsockopt, fd, level, name, &h, hlen));
}

/* struct group_filter {u32 interface; sockaddr_storage group; u32 fmode,
 * numsrc; sockaddr_storage slist[numsrc]} with arm's 4-byte aligned
 * sockaddr_storage (uapi linux/in.h; net/compat.c's compat_group_filter
 * is the same): the group at 4, fmode 132, numsrc 136, the sources from
 * 140; the host has 4 bytes of padding before the group, so every field
 * after the interface is 4 bytes further and GROUP_FILTER_SIZE(n) is
 * 144 + 128 n against arm's 140 + 128 n. */
#define ARM_GF_HDR 140
#define HOST_GF_HDR 144
#define ARM_GF_MAX (1 << 20) /* beyond any optmem_max: the host's ENOBUFS */
_Static_assert(offsetof(struct group_filter, gf_group) == 8 &&
                   offsetof(struct group_filter, gf_fmode) == 136 &&
                   offsetof(struct group_filter, gf_slist) == HOST_GF_HDR,
               "host group_filter layout");

static void gf_to_host(uint8_t *h, const uint8_t *g, size_t glen)
{
    memset(h, 0, HOST_GF_HDR);
    memcpy(h, g, 4);
    memcpy(h + 8, g + 4, glen - 4);
}

static void gf_to_guest(uint8_t *g, const uint8_t *h, size_t hlen)
{
    memcpy(g, h, 4);
    memcpy(g + 4, h + 8, hlen - 8);
}

/* ip_set_mcast_msfilter / ipv6's: optlen below GROUP_FILTER_SIZE(0) is
 * EINVAL, above optmem_max ENOBUFS, then the copy (EFAULT), then numsrc
 * against optlen - the host judges all of it on the converted buffer. */
static int64_t mcast_msfilter_set(SysCall *c)
{
    int fd = (int)c->a[0], level = (int)c->a[1], name = (int)c->a[2];
    int optlen = (int)c->a[4];
    if (optlen < ARM_GF_HDR || optlen > ARM_GF_MAX)
        return sys_ret(syscall(SYS_setsockopt, fd, level, name,
                               sys_ptr(c->a[3], 0, PROT_READ), optlen));
    size_t glen = (size_t)optlen, hlen = glen + 4;
    uint8_t *g = malloc(glen), *h = malloc(hlen);
    int64_t r = -ENOMEM;
    if (g && h) {
        if (arm_get(g, c->a[3], glen)) {
            r = sys_ret(syscall(SYS_setsockopt, fd, level, name,
                                sys_fault_ptr(c->a[3], glen), hlen));
        } else {
            gf_to_host(h, g, glen);
            r = sys_ret(syscall(SYS_setsockopt, fd, level, name, h, hlen));
        }
    }
    free(g);
    free(h);
    return r;
}

/* ip_get_mcast_msfilter: *optlen read (EFAULT; EINVAL when negative or
 * below GROUP_FILTER_SIZE(0)), the header read (EFAULT); the kernel then
 * writes up to numsrc sources, the header and the length
 * GROUP_FILTER_SIZE(sources written).  The host buffer holds the numsrc
 * the guest asked for, at most ARM_GF_MAX bytes (far above any
 * igmp_max_msf / mld_max_msf source count). */
static int64_t mcast_msfilter_get(SysCall *c)
{
    int fd = (int)c->a[0], level = (int)c->a[1], name = (int)c->a[2];
    int32_t len;
    if (sys_fd_check(fd))
        return -EBADF;
    if (arm_get(&len, c->a[4], 4))
        return -EFAULT;
    if (len < ARM_GF_HDR)
        return -EINVAL;
    uint8_t ghdr[ARM_GF_HDR];
    if (arm_get(ghdr, c->a[3], sizeof(ghdr)))
        return -EFAULT;
    uint32_t numsrc;
    memcpy(&numsrc, ghdr + 136, 4);
    if (numsrc > (ARM_GF_MAX - HOST_GF_HDR) / 128)
        numsrc = (ARM_GF_MAX - HOST_GF_HDR) / 128;
    socklen_t hl = HOST_GF_HDR + numsrc * 128;
    uint8_t *h = malloc(hl), *g = malloc(hl);
    int64_t r = -ENOMEM;
    if (h && g) {
        gf_to_host(h, ghdr, sizeof(ghdr));
        r = sys_ret(syscall(SYS_getsockopt, fd, level, name, h, &hl));
        if (r >= 0 && hl >= HOST_GF_HDR) {
            gf_to_guest(g, h, hl);
            int32_t glen = (int32_t)hl - 4;
            if (arm_put(c->a[3], g, (size_t)glen) ||
                arm_put(c->a[4], &glen, 4))
                r = -EFAULT;
        }
    }
    free(h);
    free(g);
    return r;
}

int64_t sys_arm_setsockopt(SysCall *c)
{
    int fd = (int)c->a[0], level = (int)c->a[1], name = (int)c->a[2];
    int optlen = (int)c->a[4];
    int glen = mcast_group_len(level, name);
    if (glen)
        return mcast_setsockopt(c, glen);
    if ((level == IPPROTO_IP || level == IPPROTO_IPV6) &&
        name == MCAST_MSFILTER)
        return mcast_msfilter_set(c);
    if (level != SOL_SOCKET)
        return sys_setsockopt(c);
    if (name == ARM_SO_RCVTIMEO_OLD || name == ARM_SO_SNDTIMEO_OLD) {
        /* sock_set_timeout: a 32-bit __kernel_old_timeval (EINVAL when
         * optlen is short, EFAULT) */
        if (sys_fd_check(fd))
            return -EBADF;
        if (optlen < (int)sizeof(ArmTimeval32))
            return -EINVAL;
        ArmTimeval32 g;
        if (arm_get(&g, c->a[3], sizeof(g)))
            return -EFAULT;
        struct timeval h;
        arm_conv_tv32_in(&h, &g);
        return sys_ret(syscall(SYS_setsockopt, fd, level, name, &h,
                               sizeof(h)));
    }
    if (name == ARM_SO_ATTACH_FILTER || name == ARM_SO_ATTACH_REUSEPORT_CBPF) {
        /* struct sock_fprog { u16 len; struct sock_filter *filter; }: 8
         * bytes here, and optlen must be exactly that. */
        if (sys_fd_check(fd))
            return -EBADF;
        if (optlen != 8)
            return -EINVAL;
        uint32_t g[2];
        if (arm_get(g, c->a[3], sizeof(g)))
            return -EFAULT;
        struct {
            uint16_t len;
            uint64_t filter;
        } h = {(uint16_t)g[0], g[1]};
        h.filter = sys_ptr(h.filter, (uint64_t)h.len * 8, PROT_READ);
        return sys_ret(syscall(SYS_setsockopt, fd, level, name, &h,
                               sizeof(h)));
    }
    return sys_setsockopt(c);
}

int64_t sys_arm_getsockopt(SysCall *c)
{
    int fd = (int)c->a[0], level = (int)c->a[1], name = (int)c->a[2];
    if ((level == IPPROTO_IP || level == IPPROTO_IPV6) &&
        name == MCAST_MSFILTER)
        return mcast_msfilter_get(c);
    if (level != SOL_SOCKET ||
        (name != ARM_SO_RCVTIMEO_OLD && name != ARM_SO_SNDTIMEO_OLD))
        return sys_getsockopt(c);
    /* sock_getsockopt: *optlen read (EFAULT, EINVAL when negative), then
     * min(len, 8) bytes of the 32-bit timeval and the length written. */
    int32_t len;
    if (sys_fd_check(fd))
        return -EBADF;
    if (arm_get(&len, c->a[4], 4))
        return -EFAULT;
    if (len < 0)
        return -EINVAL;
    struct timeval h;
    socklen_t hl = sizeof(h);
    int64_t r = sys_ret(syscall(SYS_getsockopt, fd, level, name, &h, &hl));
    if (r < 0)
        return r;
    ArmTimeval32 g;
    arm_conv_tv32_out(&g, &h);
    if (len > (int32_t)sizeof(g))
        len = sizeof(g);
    if (arm_put(c->a[3], &g, (size_t)len) || arm_put(c->a[4], &len, 4))
        return -EFAULT;
    return 0;
}

/* ---- msghdr ---- */

/* One guest msghdr as the host's, with what must be undone after. */
typedef struct ArmMsg {
    struct msghdr h;
    struct iovec *iov;
    void *ctl;
    uint64_t gmsg;   /* guest msghdr (0: the host got a fault pointer) */
    ArmMsghdr g;
} ArmMsg;

/* Builds m from the guest msghdr at gmsg: 0, or a negative errno the
 * kernel would give after its descriptor checks; *hostp is what to hand
 * the host (&m->h, or a fault pointer). */
static int64_t msg_in(ArmMsg *m, SysFix *f, uint64_t gmsg, bool recv,
                      uint64_t *hostp)
{
    memset(m, 0, sizeof(*m));
    if (arm_get(&m->g, gmsg, sizeof(m->g))) {
        *hostp = sys_fault_ptr(gmsg, sizeof(struct msghdr));
        return 0;
    }
    m->gmsg = gmsg;
    *hostp = (uint64_t)(uintptr_t)&m->h;
    int namelen = (int)m->g.msg_namelen;
    if (m->g.msg_name)
        m->h.msg_name = (void *)(uintptr_t)sys_fix(
            f, m->g.msg_name, namelen > 0 ? (uint64_t)namelen : 0,
            recv ? PROT_WRITE : PROT_READ);
    m->h.msg_namelen = m->g.msg_namelen;
    m->h.msg_iov = (void *)(uintptr_t)arm_iov(f, m->g.msg_iov,
                                              m->g.msg_iovlen,
                                              recv ? PROT_WRITE : PROT_READ,
                                              &m->iov);
    m->h.msg_iovlen = m->g.msg_iovlen;
    m->h.msg_flags = m->g.msg_flags;
    size_t glen = m->g.msg_controllen;
    if (!m->g.msg_control || !glen)
        return 0;
    if (glen > 0x7fffffff)
        return -ENOBUFS;
    if (!sys_ok(m->g.msg_control, glen, recv ? PROT_WRITE : PROT_READ))
        return -EFAULT;
    size_t hcap = glen * 2 + 64;
    if (hcap > ARM_CTL_MAX)
        hcap = ARM_CTL_MAX;
    if (!(m->ctl = calloc(1, hcap)))
        return -ENOMEM;
    m->h.msg_control = m->ctl;
    if (recv) {
        m->h.msg_controllen = hcap;
        return 0;
    }
    int64_t n = arm_cmsg_to_host(m->ctl, hcap,
                                 g2h(m->g.msg_control),
                                 glen);
    if (n < 0)
        return n;
    m->h.msg_controllen = (size_t)n;
    return 0;
}

/* After a host recvmsg that returned r: the control messages and the
 * written-back fields go to the guest (EFAULT when the msghdr cannot be
 * written, as __put_user would fail). */
static int64_t msg_out(ArmMsg *m, int64_t r)
{
    if (r < 0 || !m->gmsg)
        return r;
    int flags = m->h.msg_flags;
    size_t clen = 0;
    if (m->ctl)
        clen = arm_cmsg_to_guest(g2h(m->g.msg_control),
                                 m->g.msg_controllen, m->ctl,
                                 m->h.msg_controllen, &flags);
    m->g.msg_namelen = m->h.msg_namelen;
    m->g.msg_controllen = (uint32_t)clen;
    m->g.msg_flags = flags;
    return arm_put(m->gmsg, &m->g, sizeof(m->g)) ? -EFAULT : r;
}

static void msg_free(ArmMsg *m)
{
    free(m->iov);
    free(m->ctl);
}

int64_t sys_arm_sendmsg(SysCall *c)
{
    int fd = (int)c->a[0];
    SysFix f = {0};
    ArmMsg m;
    uint64_t hp;
    int64_t r = msg_in(&m, &f, c->a[1], false, &hp);
    if (r < 0)
        r = sys_fd_check(fd) ? -EBADF : r;
    else
        r = sys_ret(sys_host_call(SYS_sendmsg, fd, hp, (int)c->a[2]));
    r = sys_fix_done(&f, r);
    msg_free(&m);
    return r;
}

int64_t sys_arm_recvmsg(SysCall *c)
{
    int fd = (int)c->a[0];
    SysFix f = {0};
    ArmMsg m;
    uint64_t hp;
    int64_t r = msg_in(&m, &f, c->a[1], true, &hp);
    if (r < 0)
        r = sys_fd_check(fd) ? -EBADF : r;
    else
        r = sys_ret(sys_host_call(SYS_recvmsg, fd, hp, (int)c->a[2]));
    r = sys_fix_done(&f, r);
    r = msg_out(&m, r);
    msg_free(&m);
    return r;
}

/* ---- mmsghdr arrays ---- */

static int64_t mmsg_common(SysCall *c, bool recv, int tkind)
{
    /* sendmmsg caps vlen at UIO_MAXIOV; recvmmsg reads its timeout
     * (tkind 32: old_timespec32, 64: __kernel_timespec) first and writes
     * the time left back at the end. */
    int fd = (int)c->a[0];
    unsigned vlen = (unsigned)c->a[2];
    if (vlen > 1024)
        vlen = 1024;
    struct timespec ts, *tsp = NULL;
    if (recv && c->a[4]) {
        if (arm_ts_get(&ts, c->a[4], 1, tkind == 64))
            return -EFAULT;
        tsp = &ts;
    }
    if (!vlen)
        return sys_ret(sys_host_call(recv ? SYS_recvmmsg : SYS_sendmmsg, fd,
                                     NULL, 0, (int)c->a[3], tsp));
    if (!sys_ok(c->a[1], (uint64_t)vlen * sizeof(ArmMmsghdr), RW))
        return sys_fd_check(fd) ? -EBADF : -EFAULT;
    ArmMsg *m = calloc(vlen, sizeof(*m));
    struct mmsghdr *hv = calloc(vlen, sizeof(*hv));
    SysFix f = {0};
    int64_t r = m && hv ? 0 : -ENOMEM;
    for (unsigned i = 0; i < vlen && !r; i++) {
        uint64_t hp;
        r = msg_in(&m[i], &f, c->a[1] + (uint64_t)i * sizeof(ArmMmsghdr),
                   recv, &hp);
        if (!r)
            hv[i].msg_hdr = m[i].h;
    }
    if (r < 0)
        r = sys_fd_check(fd) ? -EBADF : r;
    else
        r = sys_ret(sys_host_call(recv ? SYS_recvmmsg : SYS_sendmmsg, fd,
                                  hv, vlen, (int)c->a[3], tsp));
    r = sys_fix_done(&f, r);
    ArmMmsghdr *gv = (ArmMmsghdr *)g2h(c->a[1]);
    for (int64_t i = 0; m && hv && i < r; i++) {
        m[i].h = hv[i].msg_hdr;
        if (recv && msg_out(&m[i], 0) < 0)
            r = i ? i : -EFAULT;
        gv[i].msg_len = hv[i].msg_len;
    }
    for (unsigned i = 0; m && i < vlen; i++)
        msg_free(&m[i]);
    free(m);
    free(hv);
    if (tsp && r >= 0) {
        if (tkind == 64) {
            ArmTimespec64 g = {ts.tv_sec, ts.tv_nsec};
            if (arm_put(c->a[4], &g, sizeof(g)))
                r = -EFAULT;
        } else {
            ArmTimespec32 g;
            arm_conv_ts32_out(&g, &ts);
            if (arm_put(c->a[4], &g, sizeof(g)))
                r = -EFAULT;
        }
    }
    return r;
}

int64_t sys_arm_sendmmsg(SysCall *c) { return mmsg_common(c, false, 0); }
int64_t sys_arm_recvmmsg(SysCall *c) { return mmsg_common(c, true, 32); }
int64_t sys_arm_recvmmsg_time64(SysCall *c)
{
    return mmsg_common(c, true, 64);
}
