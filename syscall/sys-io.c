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

#include "linux-user/emu.h"
#include "syscall/conv.h"
#include "syscall/signal-state.h"
#include "syscall/sys-internal.h"

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
    SYS_CHECK(arg, sizeof(IfConf), RW);
    const IfConf *ic = (const IfConf *)(uintptr_t)arg;
    if (ic->buf)
        SYS_CHECK(ic->buf, ic->len > 0 ? (uint64_t)ic->len : 0, PROT_WRITE);
    return sys_ret(syscall(SYS_ioctl, fd, cmd, arg));
}

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
            SYS_CHECK(arg, ioctl_old[i].size, ioctl_old[i].prot);
        return sys_ret(syscall(SYS_ioctl, fd, cmd, arg));
    }
    if (cmd == 0x8912) /* SIOCGIFCONF */
        return ioctl_ifconf(fd, cmd, arg);
    /* SIOCGIF* / SIOCSIF*: struct ifreq (40 bytes on both LP64 ABIs) */
    if (cmd >= 0x8910 && cmd <= 0x8940)
        SYS_CHECK(arg, 40, RW);
    else if (_IOC_SIZE(cmd)) {
        int prot = 0;
        if (_IOC_DIR(cmd) & _IOC_READ)
            prot |= PROT_WRITE;
        if (_IOC_DIR(cmd) & _IOC_WRITE)
            prot |= PROT_READ;
        SYS_CHECK(arg, _IOC_SIZE(cmd), prot);
    } else if (_IOC_TYPE(cmd) == 'T' || _IOC_TYPE(cmd) == 0x89 ||
               _IOC_DIR(cmd) != _IOC_NONE) {
        /* an old numbered request whose argument we do not know */
        if (emu_opts.dbg & DBG_UNIMP)
            emu_log("unimplemented ioctl %#x on fd %d\n", cmd, fd);
        return -ENOTTY;
    }
    /* _IO(type, nr): no argument, or a plain value, by convention. */
    return sys_ret(syscall(SYS_ioctl, fd, cmd, arg));
}

/* Reads the guest sigset at addr into *host (as a host kernel sigset)
 * without the signals emu needs; NULL stays NULL. */
static int64_t guest_sigmask(uint64_t addr, uint64_t size, uint64_t *host,
                             uint64_t **out)
{
    *out = NULL;
    if (!addr)
        return 0;
    if (size != 8)
        return -EINVAL;
    SYS_CHECK(addr, 8, PROT_READ);
    *host = *(const uint64_t *)(uintptr_t)addr & ~SIG_EMU_RESERVED;
    *out = host;
    return 0;
}

int64_t sys_ppoll(SysCall *c)
{
    if (c->a[1] > INT_MAX / 8)
        return -EINVAL;
    SYS_CHECK(c->a[0], c->a[1] * 8, RW); /* struct pollfd */
    SYS_CHECK_OPT(c->a[2], sizeof(struct timespec), RW);
    uint64_t mask, *pm;
    int64_t r = guest_sigmask(c->a[3], c->a[4], &mask, &pm);
    if (r)
        return r;
    if (!pm)
        return sys_ret(syscall(SYS_ppoll, c->a[0], c->a[1], c->a[2], NULL, 0));
    uint64_t old = sys_tmpmask_begin(*(const uint64_t *)(uintptr_t)c->a[3]);
    r = sys_ret(syscall(SYS_ppoll, c->a[0], c->a[1], c->a[2], pm, 8));
    return sys_tmpmask_end(c, old, r);
}

int64_t sys_pselect6(SysCall *c)
{
    int n = (int)c->a[0];
    if (n < 0)
        return -EINVAL;
    uint64_t setsz = ((uint64_t)n + 63) / 64 * 8;
    for (int i = 1; i <= 3; i++)
        SYS_CHECK_OPT(c->a[i], setsz, RW);
    SYS_CHECK_OPT(c->a[4], sizeof(struct timespec), RW);
    /* 6th argument: struct { const sigset_t *ss; size_t ss_len; } */
    uint64_t mask, *pm = NULL, gmask = 0;
    struct {
        uint64_t *ss;
        uint64_t len;
    } sig6, *ps = NULL;
    if (c->a[5]) {
        SYS_CHECK(c->a[5], 16, PROT_READ);
        const uint64_t *g = (const uint64_t *)(uintptr_t)c->a[5];
        int64_t r = guest_sigmask(g[0], g[1], &mask, &pm);
        if (r)
            return r;
        if (pm)
            gmask = *(const uint64_t *)(uintptr_t)g[0];
        sig6.ss = pm;
        sig6.len = 8;
        ps = &sig6;
    }
    if (!pm)
        return sys_ret(syscall(SYS_pselect6, n, c->a[1], c->a[2], c->a[3],
                               c->a[4], ps));
    uint64_t old = sys_tmpmask_begin(gmask);
    int64_t r = sys_ret(syscall(SYS_pselect6, n, c->a[1], c->a[2], c->a[3],
                                c->a[4], ps));
    return sys_tmpmask_end(c, old, r);
}

int64_t sys_epoll_ctl(SysCall *c)
{
    struct epoll_event ev, *pev = NULL;
    if (c->a[3]) {
        SYS_CHECK(c->a[3], sizeof(A64EpollEvent), PROT_READ);
        conv_epoll_from_a64(&ev, (const A64EpollEvent *)(uintptr_t)c->a[3]);
        pev = &ev;
    }
    return sys_ret(syscall(SYS_epoll_ctl, (int)c->a[0], (int)c->a[1],
                           (int)c->a[2], pev));
}

static int64_t epoll_wait_common(SysCall *c, long host_nr, uint64_t tmo)
{
    int max = (int)c->a[2];
    if (max <= 0 || max > INT_MAX / (int)sizeof(A64EpollEvent))
        return -EINVAL;
    SYS_CHECK(c->a[1], (uint64_t)max * sizeof(A64EpollEvent), PROT_WRITE);
    uint64_t mask, *pm;
    int64_t r = guest_sigmask(c->a[4], c->a[5], &mask, &pm);
    if (r)
        return r;
    struct epoll_event local[64];
    struct epoll_event *ev = max <= 64 ? local : malloc(max * sizeof(*ev));
    if (!ev)
        return -ENOMEM;
    uint64_t old = 0;
    if (pm)
        old = sys_tmpmask_begin(*(const uint64_t *)(uintptr_t)c->a[4]);
    r = sys_ret(syscall(host_nr, (int)c->a[0], ev, max, tmo, pm, pm ? 8 : 0));
    A64EpollEvent *g = (A64EpollEvent *)(uintptr_t)c->a[1];
    for (int64_t i = 0; i < r; i++)
        conv_epoll_to_a64(&g[i], &ev[i]);
    if (ev != local)
        free(ev);
    return pm ? sys_tmpmask_end(c, old, r) : r;
}

int64_t sys_epoll_pwait(SysCall *c)
{
    return epoll_wait_common(c, SYS_epoll_pwait, (uint64_t)(int)c->a[3]);
}

int64_t sys_epoll_pwait2(SysCall *c)
{
    SYS_CHECK_OPT(c->a[3], sizeof(struct timespec), PROT_READ);
    return epoll_wait_common(c, SYS_epoll_pwait2, c->a[3]);
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
    char b[SYS_PATH_MAX];
    const char *p;
    int64_t r = sys_path(c->a[1], b, sizeof(b), &p);
    if (r)
        return r;
    return sys_ret(syscall(SYS_inotify_add_watch, (int)c->a[0], p,
                           (unsigned)c->a[2]));
}

int64_t sys_signalfd4(SysCall *c)
{
    if (c->a[2] != 8)
        return -EINVAL;
    SYS_CHECK(c->a[1], 8, PROT_READ);
    return sys_ret(syscall(SYS_signalfd4, (int)c->a[0], c->a[1], 8,
                           (int)c->a[3]));
}
