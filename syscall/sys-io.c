/*
 * syscall/sys-io.c - ioctl, readiness (ppoll, pselect6, epoll) and the
 * event-style descriptors (eventfd, inotify, signalfd).
 *
 * ioctl: arm64 and x86-64 both use the asm-generic _IOC encoding and the
 * asm-generic terminal ioctl numbers and struct termios, so requests pass
 * through once their argument is checked: _IOC-encoded requests by their
 * encoded size and direction, the old numbered ones (0x54xx terminal,
 * 0x89xx socket) from a table.  Anything else is -ENOTTY (logged with
 * -d unimp) rather than a guess about what the argument points to.
 *
 * epoll_event differs (x86-64 packs it) and is converted.  Signal masks
 * handed to the host (ppoll, pselect6, epoll_pwait) never block the
 * signals the emulator needs (SIG_EMU_RESERVED); the guest's books hold
 * the temporary mask while the call waits, and a signal that interrupts
 * it is delivered under that mask (sys_tmpmask_end, the kernel's
 * saved-sigmask rule).
 */
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-map.h"
#include "syscall/conv.h"
#include "syscall/signal-state.h"
#include "syscall/sys-internal.h"
#include "syscall/uaccess.h"

#define RW (PROT_READ | PROT_WRITE)

/* Old-style ioctls: number, argument size, prot the guest memory needs
 * (0 = the argument is a value, not a pointer). */
static const struct {
    unsigned cmd;
    unsigned size;
    int prot;
} ioctl_old[] = {
    {0x5401, 36, PROT_WRITE}, /* TCGETS: kernel struct termios */
    {0x5402, 36, PROT_READ},  /* TCSETS */
    {0x5403, 36, PROT_READ},  /* TCSETSW */
    {0x5404, 36, PROT_READ},  /* TCSETSF */
    {0x5405, 18, PROT_WRITE}, /* TCGETA: struct termio */
    {0x5406, 18, PROT_READ},  /* TCSETA */
    {0x5407, 18, PROT_READ},  /* TCSETAW */
    {0x5408, 18, PROT_READ},  /* TCSETAF */
    {0x5409, 0, 0},           /* TCSBRK */
    {0x540A, 0, 0},           /* TCXONC */
    {0x540B, 0, 0},           /* TCFLSH */
    {0x540C, 0, 0},           /* TIOCEXCL */
    {0x540D, 0, 0},           /* TIOCNXCL */
    {0x540E, 0, 0},           /* TIOCSCTTY */
    {0x540F, 4, PROT_WRITE},  /* TIOCGPGRP */
    {0x5410, 4, PROT_READ},   /* TIOCSPGRP */
    {0x5411, 4, PROT_WRITE},  /* TIOCOUTQ */
    {0x5412, 1, PROT_READ},   /* TIOCSTI */
    {0x5413, 8, PROT_WRITE},  /* TIOCGWINSZ */
    {0x5414, 8, PROT_READ},   /* TIOCSWINSZ */
    {0x5415, 4, PROT_WRITE},  /* TIOCMGET */
    {0x5416, 4, PROT_READ},   /* TIOCMBIS */
    {0x5417, 4, PROT_READ},   /* TIOCMBIC */
    {0x5418, 4, PROT_READ},   /* TIOCMSET */
    {0x541B, 4, PROT_WRITE},  /* FIONREAD / TIOCINQ */
    {0x541D, 0, 0},           /* TIOCCONS */
    {0x5421, 4, PROT_READ},   /* FIONBIO */
    {0x5422, 0, 0},           /* TIOCNOTTY */
    {0x5423, 4, PROT_READ},   /* TIOCSETD */
    {0x5424, 4, PROT_WRITE},  /* TIOCGETD */
    {0x5425, 0, 0},           /* TCSBRKP */
    {0x5427, 0, 0},           /* TIOCSBRK */
    {0x5428, 0, 0},           /* TIOCCBRK */
    {0x5429, 4, PROT_WRITE},  /* TIOCGSID */
    {0x5441, 0, 0},           /* TIOCGPTPEER: flags */
    {0x5450, 0, 0},           /* FIONCLEX */
    {0x5451, 0, 0},           /* FIOCLEX */
    {0x5452, 4, PROT_READ},   /* FIOASYNC */
    {0x5460, 8, PROT_WRITE},  /* FIOQSIZE */
    {0x8901, 4, PROT_READ},   /* FIOSETOWN */
    {0x8902, 4, PROT_READ},   /* SIOCSPGRP */
    {0x8903, 4, PROT_WRITE},  /* FIOGETOWN */
    {0x8904, 4, PROT_WRITE},  /* SIOCGPGRP */
    {0x8905, 4, PROT_WRITE},  /* SIOCATMARK */
    {0x8906, 16, PROT_WRITE}, /* SIOCGSTAMP: timeval */
    {0x8907, 16, PROT_WRITE}, /* SIOCGSTAMPNS: timespec */
};

/* FICLONE is _IOW-encoded but its argument is a descriptor, not a
 * pointer. */
#define IOCTL_FICLONE 0x40049409u

/* struct ifconf: int length, then a pointer (same on both LP64 ABIs). */
typedef struct IfConf {
    int len;
    uint64_t buf;
} IfConf;

static int64_t ioctl_ifconf(int fd, unsigned cmd, uint64_t arg)
{
    /* net/socket.c: struct ifconf is copied in (EFAULT), the entries go
     * to ifc_buf (EFAULT), ifc_len is copied back. */
    if (!sys_ok(arg, sizeof(IfConf), RW))
        return sys_ret(syscall(SYS_ioctl, fd, cmd, sys_ptr(arg, 16, RW)));
    IfConf *g = g2h(arg);
    uint64_t len = g->len > 0 ? (uint64_t)g->len : 0;
    if (!guest_base && (!g->buf || sys_ok(g->buf, len, PROT_WRITE)))
        return sys_ret(syscall(SYS_ioctl, fd, cmd, sys_hptr(arg)));
    /* a host copy whose ifc_buf is a host address */
    SysFix f = {0};
    IfConf h = {.len = g->len, .buf = sys_fix(&f, g->buf, len, PROT_WRITE)};
    int64_t r = sys_fix_done(&f, sys_ret(syscall(SYS_ioctl, fd, cmd, &h)));
    if (r >= 0)
        g->len = h.len;
    return r;
}

/* A request's argument is checked by the size and direction it encodes
 * (or the table above); a bad one reaches the host as a pointer that
 * faults, so the descriptor (EBADF) and the driver's own checks (ENOTTY,
 * EINVAL) come first, as they do in the kernel. */
int64_t sys_ioctl(SysCall *c)
{
    int fd = (int)c->a[0];
    unsigned cmd = (unsigned)c->a[1];
    uint64_t arg = c->a[2];

    if (cmd == IOCTL_FICLONE)
        return sys_ret(syscall(SYS_ioctl, fd, cmd, arg));
    for (size_t i = 0; i < sizeof(ioctl_old) / sizeof(ioctl_old[0]); i++) {
        if (ioctl_old[i].cmd != cmd)
            continue;
        if (ioctl_old[i].prot)
            arg = sys_ptr(arg, ioctl_old[i].size, ioctl_old[i].prot);
        return sys_ret(sys_host_call(SYS_ioctl, fd, cmd, arg)); /* TCSETSW */
    }
    if (cmd == 0x8912) /* SIOCGIFCONF */
        return ioctl_ifconf(fd, cmd, arg);
    /* userfaultfd (type 0xAA): its structures hold address ranges and its
     * messages report fault addresses, all host addresses to the host;
     * with a nonzero guest_base they would need translating both ways,
     * which emu does not do: refuse rather than register the wrong
     * range. */
    if (guest_base && _IOC_TYPE(cmd) == 0xAA) {
        if (emu_opts.dbg & DBG_UNIMP)
            emu_log("userfaultfd ioctl %#x with a nonzero guest base\n", cmd);
        return sys_fd_check(fd) ? -EBADF : -EINVAL;
    }
    /* SIOCGIF* / SIOCSIF*: struct ifreq (40 bytes on both LP64 ABIs) */
    if (cmd >= 0x8910 && cmd <= 0x8940)
        arg = sys_ptr(arg, 40, RW);
    else if (_IOC_SIZE(cmd)) {
        int prot = 0;
        if (_IOC_DIR(cmd) & _IOC_READ)
            prot |= PROT_WRITE;
        if (_IOC_DIR(cmd) & _IOC_WRITE)
            prot |= PROT_READ;
        arg = sys_ptr(arg, _IOC_SIZE(cmd), prot);
    } else if (_IOC_TYPE(cmd) == 'T' || _IOC_TYPE(cmd) == 0x89 ||
               _IOC_DIR(cmd) != _IOC_NONE) {
        /* an old numbered request whose argument we do not know: ENOTTY,
         * after the kernel's fdget() (EBADF) */
        if (emu_opts.dbg & DBG_UNIMP)
            emu_log("unimplemented ioctl %#x on fd %d\n", cmd, fd);
        return sys_fd_check(fd) ? -EBADF : -ENOTTY;
    }
    /* _IO(type, nr): no argument, or a plain value, by convention. */
    return sys_ret(sys_host_call(SYS_ioctl, fd, cmd, arg));
}

/* The sigset argument of ppoll, pselect6 and epoll_pwait for the host.
 * NULL stays NULL.  A good one (size 8, readable) is copied to *host
 * without the signals emu needs (*guest: the guest's own) and *valid set.
 * Anything else goes to the host as a pointer that faults, with the
 * guest's size, so the host fails as the kernel's set_user_sigmask() does
 * (EINVAL for the size, then EFAULT) at the point it does. */
static uint64_t guest_sigmask(uint64_t addr, uint64_t size, uint64_t *host,
                              uint64_t *guest, bool *valid)
{
    *valid = false;
    if (!addr)
        return 0;
    if (size != 8 || !sys_ok(addr, 8, PROT_READ))
        return sys_fault_ptr(addr, 8);
    *guest = *(const uint64_t *)g2h(addr);
    *host = *guest & ~SIG_EMU_RESERVED;
    *valid = true;
    return (uint64_t)(uintptr_t)host;
}

int64_t sys_ppoll(SysCall *c)
{
    /* fs/select.c: the timeout (EFAULT, EINVAL), the mask, nfds against
     * RLIMIT_NOFILE (EINVAL), then the pollfds, read and written back
     * (struct pollfd: 8 bytes).  The remaining time is written back with
     * faults ignored (a read-only timeout is fine). */
    SysFix f = {0};
    unsigned nfds = (unsigned)c->a[1];
    uint64_t fds = sys_fix(&f, c->a[0], (uint64_t)nfds * 8, RW);
    uint64_t tsp = sys_ptr(c->a[2], sizeof(struct timespec), PROT_READ);
    uint64_t mask, gmask;
    bool valid;
    uint64_t pm = guest_sigmask(c->a[3], c->a[4], &mask, &gmask, &valid);
    if (!valid)
        return sys_fix_done(&f, sys_ret(sys_host_call(SYS_ppoll, fds, nfds,
                                                      tsp, pm, c->a[4])));
    uint64_t old = sys_tmpmask_begin(gmask);
    int64_t r = sys_ret(sys_host_call(SYS_ppoll, fds, nfds, tsp, pm, 8));
    r = sys_fix_done(&f, r);
    return sys_tmpmask_end(c, old, r);
}

int64_t sys_pselect6(SysCall *c)
{
    /* fs/select.c: the 6th argument, struct { const sigset_t *ss; size_t
     * ss_len; }, is read first (EFAULT); then the timeout, the mask, n < 0
     * (EINVAL), and the fd sets last (the bytes for n descriptors). */
    int n = (int)c->a[0];
    uint64_t setsz = n > 0 ? ((uint64_t)n + 63) / 64 * 8 : 0;
    SysFix f = {0};
    uint64_t set[3];
    for (int i = 0; i < 3; i++)
        set[i] = sys_fix(&f, c->a[1 + i], setsz, RW);
    uint64_t tsp = sys_ptr(c->a[4], sizeof(struct timespec), PROT_READ);
    uint64_t mask, gmask = 0, p6 = 0;
    bool valid = false;
    struct {
        uint64_t ss;
        uint64_t len;
    } sig6;
    if (c->a[5] && !sys_ok(c->a[5], 16, PROT_READ)) {
        p6 = sys_fault_ptr(c->a[5], 16);
    } else if (c->a[5]) {
        const uint64_t *g = g2h(c->a[5]);
        sig6.ss = guest_sigmask(g[0], g[1], &mask, &gmask, &valid);
        sig6.len = valid ? 8 : g[1];
        p6 = (uint64_t)(uintptr_t)&sig6;
    }
    uint64_t old = valid ? sys_tmpmask_begin(gmask) : 0;
    int64_t r = sys_ret(sys_host_call(SYS_pselect6, n, set[0], set[1], set[2],
                                      tsp, p6));
    r = sys_fix_done(&f, r);
    return valid ? sys_tmpmask_end(c, old, r) : r;
}

int64_t sys_epoll_ctl(SysCall *c)
{
    /* fs/eventpoll.c: for every op but EPOLL_CTL_DEL the event is copied
     * in first (EFAULT), before the descriptors are looked at; DEL ignores
     * it. */
    int op = (int)c->a[1];
    struct epoll_event ev;
    uint64_t pev = 0;
    if (op != EPOLL_CTL_DEL) {
        if (c->a[3] && sys_ok(c->a[3], sizeof(A64EpollEvent), PROT_READ)) {
            conv_epoll_from_a64(&ev, g2h(c->a[3]));
            pev = (uint64_t)(uintptr_t)&ev;
        } else {
            pev = sys_fault_ptr(c->a[3], sizeof(A64EpollEvent));
        }
    }
    return sys_ret(syscall(SYS_epoll_ctl, (int)c->a[0], op, (int)c->a[2],
                           pev));
}

/* The host's (packed, 12-byte) events go to a local array and are
 * converted; more than this many at a time is never needed (epoll_wait
 * may return fewer events than are ready). */
#define EPOLL_BATCH 1024

static int64_t epoll_wait_common(SysCall *c, long host_nr, uint64_t tmo)
{
    /* fs/eventpoll.c epoll_pwait: the mask first (EINVAL, EFAULT); then
     * do_epoll_wait: maxevents against the arm64 EP_MAX_EVENTS (16-byte
     * events), access_ok on the events (EFAULT), the descriptor (EBADF,
     * EINVAL); events are written as they are reaped, so an array that is
     * good at its start gets the events that fit (none: EFAULT once an
     * event is ready). */
    uint64_t mask, gmask;
    bool valid;
    uint64_t pm = guest_sigmask(c->a[4], c->a[5], &mask, &gmask, &valid);
    if (c->a[4] && !valid)
        return c->a[5] != 8 ? -EINVAL : -EFAULT;
    int max = (int)c->a[2];
    if (max <= 0 || max > INT_MAX / (int)sizeof(A64EpollEvent))
        return -EINVAL;
    uint64_t bytes = (uint64_t)max * sizeof(A64EpollEvent);
    if (!sys_a64_access_ok(c->a[1], bytes))
        return -EFAULT;
    uint64_t fit = sys_ok(c->a[1], bytes, PROT_WRITE)
                       ? (uint64_t)max
                       : guest_range_prefix(c->a[1], bytes, PROT_WRITE) /
                             sizeof(A64EpollEvent);
    struct epoll_event local[64];
    struct epoll_event *ev = local;
    int n = fit < (uint64_t)max ? (int)fit : max;
    if (n > EPOLL_BATCH)
        n = EPOLL_BATCH;
    if (!n) {
        ev = (struct epoll_event *)(uintptr_t)sys_fault_ptr(c->a[1], bytes);
        n = max;
    } else if (n > 64 && !(ev = malloc(n * sizeof(*ev)))) {
        return -ENOMEM;
    }
    uint64_t old = 0;
    if (valid)
        old = sys_tmpmask_begin(gmask);
    int64_t r = sys_ret(
        sys_host_call(host_nr, (int)c->a[0], ev, n, tmo, pm, valid ? 8 : 0));
    A64EpollEvent *g = g2h(c->a[1]);
    for (int64_t i = 0; fit && i < r; i++)
        conv_epoll_to_a64(&g[i], &ev[i]);
    if (fit && ev != local)
        free(ev);
    return valid ? sys_tmpmask_end(c, old, r) : r;
}

int64_t sys_epoll_pwait(SysCall *c)
{
    return epoll_wait_common(c, SYS_epoll_pwait, (uint64_t)(int)c->a[3]);
}

int64_t sys_epoll_pwait2(SysCall *c)
{
    /* The timeout comes before everything (EFAULT, then EINVAL for a
     * timespec out of range). */
    if (c->a[3]) {
        if (!sys_ok(c->a[3], sizeof(struct timespec), PROT_READ))
            return -EFAULT;
        const struct timespec *ts = g2h(c->a[3]);
        if (ts->tv_sec < 0 || (uint64_t)ts->tv_nsec >= 1000000000u)
            return -EINVAL;
    }
    return epoll_wait_common(c, SYS_epoll_pwait2, sys_hptr(c->a[3]));
}

int64_t sys_eventfd2(SysCall *c)
{
    /* EFD_CLOEXEC/EFD_NONBLOCK are O_CLOEXEC/O_NONBLOCK: same on both. */
    return sys_ret(syscall(SYS_eventfd2, (unsigned)c->a[0], (int)c->a[1]));
}

int64_t sys_inotify_init1(SysCall *c)
{
    return sys_ret(syscall(SYS_inotify_init1, (int)c->a[0]));
}

int64_t sys_inotify_add_watch(SysCall *c)
{
    /* fs/notify/inotify: the mask (EINVAL), the descriptor (EBADF, EINVAL)
     * before the path. */
    char b[SYS_PATH_MAX];
    const char *p;
    sys_upath(c->a[1], b, sizeof(b), &p);
    return sys_ret(syscall(SYS_inotify_add_watch, (int)c->a[0], p,
                           (unsigned)c->a[2]));
}

int64_t sys_signalfd4(SysCall *c)
{
    if (c->a[2] != 8)
        return -EINVAL;
    SYS_CHECK(c->a[1], 8, PROT_READ);
    return sys_ret(syscall(SYS_signalfd4, (int)c->a[0], sys_hptr(c->a[1]), 8,
                           (int)c->a[3]));
}
