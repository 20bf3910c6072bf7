/*
 * syscall/arm-time.c - EABI clocks, sleeps, timers and the 32-bit time
 * structures: the old calls take old_timespec32/old_timeval32 (32-bit
 * seconds, silently truncated on the way out as the kernel's
 * put_old_timespec32 does), the *_time64 ones struct __kernel_timespec,
 * the host's layout except that a 32-bit kernel drops the high word of
 * tv_nsec (glibc's padding, which it may leave unset).  So every input
 * timespec is converted into a host one; outputs go to a host structure
 * that is converted after the call (EFAULT then, after the call's own
 * errors, as copy_to_user at the end of the kernel's call gives it).
 *
 * The readiness calls with timeouts (select, pselect6, ppoll and their
 * time64 forms, poll, epoll_wait) are here too: fd_set words are 32-bit
 * on the guest (same bit order, a 4-byte rounding), pselect6's sigmask
 * argument is a pair of 32-bit words.
 */
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include "common/guest-mem.h"
#include "syscall/arm-sys.h"
#include "syscall/conv.h"
#include "syscall/signal-state.h"
#include "syscall/uaccess.h"

#define RW (PROT_READ | PROT_WRITE)

int64_t arm_ts_get(struct timespec *h, uint64_t g, int n, bool t64)
{
    size_t sz = (size_t)n * (t64 ? sizeof(ArmTimespec64)
                                 : sizeof(ArmTimespec32));
    if (!g || !sys_ok(g, sz, PROT_READ))
        return -EFAULT;
    for (int i = 0; i < n; i++) {
        if (t64)
            arm_conv_ts64_in(&h[i], (const ArmTimespec64 *)g2h(g) + i);
        else
            arm_conv_ts32_in(&h[i], (const ArmTimespec32 *)g2h(g) + i);
    }
    return 0;
}

/* n guest timespecs at g for the host: h filled and returned, NULL for
 * NULL, a fault pointer when they cannot be read (the host then says
 * EFAULT in its own order). */
static void *ts_in(uint64_t g, int n, bool t64, struct timespec *h)
{
    size_t sz = (size_t)n * (t64 ? sizeof(ArmTimespec64)
                                 : sizeof(ArmTimespec32));
    if (!g)
        return NULL;
    if (arm_ts_get(h, g, n, t64))
        return (void *)(uintptr_t)sys_fault_ptr(g, sz);
    return h;
}

/* n host timespecs to the guest at g: 0 or -EFAULT. */
static int64_t ts_out(uint64_t g, int n, bool t64, const struct timespec *h)
{
    if (t64) {
        ArmTimespec64 o[2];
        for (int i = 0; i < n; i++)
            o[i] = (ArmTimespec64){h[i].tv_sec, h[i].tv_nsec};
        return arm_put(g, o, (size_t)n * sizeof(o[0]));
    }
    ArmTimespec32 o[2];
    for (int i = 0; i < n; i++)
        arm_conv_ts32_out(&o[i], &h[i]);
    return arm_put(g, o, (size_t)n * sizeof(o[0]));
}

/* A call's result r with n timespecs at g written out when r is ok. */
static int64_t with_ts_out(int64_t r, uint64_t g, int n, bool t64,
                           const struct timespec *h)
{
    if (r < 0 || !g)
        return r;
    return ts_out(g, n, t64, h) ? -EFAULT : r;
}

/* ---- clocks ---- */

static int64_t clock_get(SysCall *c, long nr, bool t64)
{
    struct timespec h;
    return with_ts_out(sys_ret(syscall(nr, (int)c->a[0], &h)), c->a[1], 1,
                       t64, &h);
}

int64_t sys_arm_clock_gettime(SysCall *c)
{
    return clock_get(c, SYS_clock_gettime, false);
}
int64_t sys_arm_clock_gettime64(SysCall *c)
{
    return clock_get(c, SYS_clock_gettime, true);
}
int64_t sys_arm_clock_getres(SysCall *c)
{
    /* A NULL res is fine: the clock is still checked. */
    struct timespec h;
    return with_ts_out(sys_ret(syscall(SYS_clock_getres, (int)c->a[0],
                                       c->a[1] ? &h : NULL)),
                       c->a[1], 1, false, &h);
}
int64_t sys_arm_clock_getres_time64(SysCall *c)
{
    struct timespec h;
    return with_ts_out(sys_ret(syscall(SYS_clock_getres, (int)c->a[0],
                                       c->a[1] ? &h : NULL)),
                       c->a[1], 1, true, &h);
}

static int64_t clock_set(SysCall *c, bool t64)
{
    /* The time is read (EFAULT) before the clock is judged. */
    struct timespec h;
    void *p = ts_in(c->a[1], 1, t64, &h);
    if (!p || p != &h)
        return -EFAULT;
    return sys_ret(syscall(SYS_clock_settime, (int)c->a[0], p));
}

int64_t sys_arm_clock_settime(SysCall *c) { return clock_set(c, false); }
int64_t sys_arm_clock_settime64(SysCall *c) { return clock_set(c, true); }

static int64_t clock_sleep(SysCall *c, bool t64)
{
    /* kernel/time/posix-timers.c: the clock (EINVAL), then the request
     * (EFAULT, EINVAL); the remainder is written only for a relative
     * sleep that a signal interrupted. */
    struct timespec req, rem;
    int flags = (int)c->a[1];
    int64_t r = sys_ret(sys_host_call(SYS_clock_nanosleep, (int)c->a[0],
                                      flags, ts_in(c->a[2], 1, t64, &req),
                                      &rem));
    if (r == -EINTR && !(flags & TIMER_ABSTIME) && c->a[3] &&
        ts_out(c->a[3], 1, t64, &rem))
        return -EFAULT;
    return r;
}

int64_t sys_arm_clock_nanosleep(SysCall *c) { return clock_sleep(c, false); }
int64_t sys_arm_clock_nanosleep_time64(SysCall *c)
{
    return clock_sleep(c, true);
}

int64_t sys_arm_nanosleep(SysCall *c)
{
    struct timespec req, rem;
    int64_t r = sys_ret(sys_host_call(SYS_nanosleep,
                                      ts_in(c->a[0], 1, false, &req), &rem));
    if (r == -EINTR && c->a[1] && ts_out(c->a[1], 1, false, &rem))
        return -EFAULT;
    return r;
}

int64_t sys_arm_sched_rr_get_interval(SysCall *c)
{
    struct timespec h;
    return with_ts_out(sys_ret(syscall(SYS_sched_rr_get_interval,
                                       (int)c->a[0], &h)),
                       c->a[1] ? c->a[1] : SYS_FAULT_ADDR, 1, false, &h);
}

int64_t sys_arm_sched_rr_get_interval_time64(SysCall *c)
{
    struct timespec h;
    return with_ts_out(sys_ret(syscall(SYS_sched_rr_get_interval,
                                       (int)c->a[0], &h)),
                       c->a[1] ? c->a[1] : SYS_FAULT_ADDR, 1, true, &h);
}

/* ---- timeval calls ---- */

int64_t sys_arm_gettimeofday(SysCall *c)
{
    struct timeval tv;
    struct timezone tz;
    int64_t r = sys_ret(syscall(SYS_gettimeofday, &tv, &tz));
    if (r < 0)
        return r;
    ArmTimeval32 g;
    arm_conv_tv32_out(&g, &tv);
    if (c->a[0] && arm_put(c->a[0], &g, sizeof(g)))
        return -EFAULT;
    if (c->a[1] && arm_put(c->a[1], &tz, sizeof(tz)))
        return -EFAULT;
    return 0;
}

int64_t sys_arm_settimeofday(SysCall *c)
{
    /* kernel/time/time.c: both are read (EFAULT), then judged. */
    struct timeval tv;
    struct timezone tz;
    ArmTimeval32 g;
    if (c->a[0]) {
        if (arm_get(&g, c->a[0], sizeof(g)))
            return -EFAULT;
        arm_conv_tv32_in(&tv, &g);
    }
    if (c->a[1] && arm_get(&tz, c->a[1], sizeof(tz)))
        return -EFAULT;
    return sys_ret(syscall(SYS_settimeofday, c->a[0] ? &tv : NULL,
                           c->a[1] ? &tz : NULL));
}

int64_t sys_arm_times(SysCall *c)
{
    struct tms h;
    long r = syscall(SYS_times, &h);
    if (c->a[0]) {
        ArmTms g;
        arm_conv_tms(&g, &h);
        if (arm_put(c->a[0], &g, sizeof(g)))
            return -EFAULT;
    }
    return (int32_t)r; /* clock_t is a 32-bit long */
}

static void itv_in(struct itimerval *h, const ArmItimerval32 *g)
{
    arm_conv_tv32_in(&h->it_interval, &g->it_interval);
    arm_conv_tv32_in(&h->it_value, &g->it_value);
}

static int64_t itv_out(uint64_t g, const struct itimerval *h)
{
    ArmItimerval32 o;
    arm_conv_tv32_out(&o.it_interval, &h->it_interval);
    arm_conv_tv32_out(&o.it_value, &h->it_value);
    return arm_put(g, &o, sizeof(o));
}

int64_t sys_arm_getitimer(SysCall *c)
{
    struct itimerval h;
    int64_t r = sys_ret(syscall(SYS_getitimer, (int)c->a[0], &h));
    return r < 0 ? r : itv_out(c->a[1], &h);
}

int64_t sys_arm_setitimer(SysCall *c)
{
    /* A NULL new value is a disarm (kernel/time/itimer.c), read
     * first (EFAULT); the old value is written last. */
    struct itimerval n = {0}, o;
    ArmItimerval32 g;
    if (c->a[1]) {
        if (arm_get(&g, c->a[1], sizeof(g)))
            return -EFAULT;
        itv_in(&n, &g);
    }
    int64_t r = sys_ret(syscall(SYS_setitimer, (int)c->a[0], &n, &o));
    if (r < 0 || !c->a[2])
        return r;
    return itv_out(c->a[2], &o);
}

/* ---- utimes family ---- */

static int64_t tv_pair_in(uint64_t g, struct timeval h[2])
{
    /* fs/utimes.c: read (EFAULT), then each tv_usec must be in
     * [0, 1000000) (EINVAL) before the path is looked at. */
    ArmTimeval32 t[2];
    if (arm_get(t, g, sizeof(t)))
        return -EFAULT;
    for (int i = 0; i < 2; i++) {
        if (t[i].tv_usec < 0 || t[i].tv_usec >= 1000000)
            return -EINVAL;
        arm_conv_tv32_in(&h[i], &t[i]);
    }
    return 0;
}

int64_t sys_arm_utimes(SysCall *c)
{
    struct timeval h[2];
    if (c->a[1]) {
        int64_t r = tv_pair_in(c->a[1], h);
        if (r)
            return r;
    }
    char b[SYS_PATH_MAX];
    const char *p;
    sys_upath(c->a[0], b, sizeof(b), &p);
    return sys_ret(syscall(SYS_utimes, p, c->a[1] ? h : NULL));
}

int64_t sys_arm_futimesat(SysCall *c)
{
    struct timeval h[2];
    if (c->a[2]) {
        int64_t r = tv_pair_in(c->a[2], h);
        if (r)
            return r;
    }
    char b[SYS_PATH_MAX];
    const char *p = NULL;
    if (c->a[1])
        sys_upath(c->a[1], b, sizeof(b), &p);
    return sys_ret(syscall(SYS_futimesat, (int)c->a[0], p,
                           c->a[2] ? h : NULL));
}

static int64_t utimensat_common(SysCall *c, bool t64)
{
    struct timespec h[2];
    void *t = ts_in(c->a[2], 2, t64, h);
    char b[SYS_PATH_MAX];
    const char *p = NULL;
    if (c->a[1])
        sys_upath(c->a[1], b, sizeof(b), &p);
    return sys_ret(syscall(SYS_utimensat, (int)c->a[0], p, t,
                           (int)c->a[3]));
}

int64_t sys_arm_utimensat(SysCall *c) { return utimensat_common(c, false); }
int64_t sys_arm_utimensat_time64(SysCall *c)
{
    return utimensat_common(c, true);
}

/* ---- POSIX timers and timerfd (struct itimerspec: two timespecs) ---- */

int64_t sys_arm_timer_create(SysCall *c)
{
    /* The sigevent is read first (EFAULT), the clock judged, the id
     * (an int) written last. */
    struct sigevent h;
    void *sev = NULL;
    if (c->a[1]) {
        ArmSigevent g;
        if (arm_get(&g, c->a[1], sizeof(g)))
            return -EFAULT;
        arm_conv_sigevent_in(&h, &g);
        sev = &h;
    }
    return sys_ret(syscall(SYS_timer_create, (int)c->a[0], sev,
                           sys_ptr(c->a[2], 4, PROT_WRITE)));
}

static int64_t settime(SysCall *c, long nr, bool t64)
{
    /* (id or fd, flags, new, old): new is read first (EFAULT; NULL is
     * EINVAL for timer_settime, EFAULT for timerfd), old written last. */
    struct timespec n[2], o[2];
    void *np = ts_in(c->a[2], 2, t64, n);
    if (!np && nr == SYS_timerfd_settime)
        np = (void *)(uintptr_t)SYS_FAULT_ADDR;
    int64_t r = sys_ret(syscall(nr, (int)c->a[0], (int)c->a[1], np,
                                c->a[3] ? o : NULL));
    return with_ts_out(r, c->a[3], 2, t64, o);
}

static int64_t gettime(SysCall *c, long nr, bool t64)
{
    struct timespec o[2];
    int64_t r = sys_ret(syscall(nr, (int)c->a[0], o));
    return with_ts_out(r, c->a[1] ? c->a[1] : SYS_FAULT_ADDR, 2, t64, o);
}

int64_t sys_arm_timer_settime(SysCall *c)
{
    return settime(c, SYS_timer_settime, false);
}
int64_t sys_arm_timer_settime64(SysCall *c)
{
    return settime(c, SYS_timer_settime, true);
}
int64_t sys_arm_timer_gettime(SysCall *c)
{
    return gettime(c, SYS_timer_gettime, false);
}
int64_t sys_arm_timer_gettime64(SysCall *c)
{
    return gettime(c, SYS_timer_gettime, true);
}
int64_t sys_arm_timerfd_settime(SysCall *c)
{
    return settime(c, SYS_timerfd_settime, false);
}
int64_t sys_arm_timerfd_settime64(SysCall *c)
{
    return settime(c, SYS_timerfd_settime, true);
}
int64_t sys_arm_timerfd_gettime(SysCall *c)
{
    return gettime(c, SYS_timerfd_gettime, false);
}
int64_t sys_arm_timerfd_gettime64(SysCall *c)
{
    return gettime(c, SYS_timerfd_gettime, true);
}

/* ---- futex: the timeout is a timespec for the waiting operations ---- */

static int64_t futex_common(SysCall *c, bool t64)
{
    int cmd = (int)c->a[1] & FUTEX_CMD_MASK;
    struct timespec h;
    bool has_ts = cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET ||
                  cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 ||
                  cmd == FUTEX_WAIT_REQUEUE_PI;
    if (!has_ts || !c->a[3])
        return sys_futex(c);
    void *p = ts_in(c->a[3], 1, t64, &h);
    if (p != &h)
        return -EFAULT; /* the timeout is read first */
    /* The shared handler checks the words; it takes the host timespec
     * as is (emu's own memory is not guest memory, so it is handed on
     * only through this copy of the call). */
    uint64_t uaddr = sys_ptr(c->a[0], 4, PROT_READ);
    uint64_t uaddr2 = cmd == FUTEX_WAIT_REQUEUE_PI
                          ? sys_ptr(c->a[4], 4, PROT_READ)
                          : c->a[4];
    return sys_ret(sys_host_call(SYS_futex, uaddr, (int)c->a[1],
                                 (uint32_t)c->a[2], p, uaddr2,
                                 (uint32_t)c->a[5]));
}

int64_t sys_arm_futex(SysCall *c) { return futex_common(c, false); }
int64_t sys_arm_futex_time64(SysCall *c) { return futex_common(c, true); }

/* ---- readiness ---- */

int64_t sys_arm_poll(SysCall *c)
{
    /* struct pollfd is 8 bytes everywhere. */
    SysFix f = {0};
    unsigned nfds = (unsigned)c->a[1];
    uint64_t fds = sys_fix(&f, c->a[0], (uint64_t)nfds * 8, RW);
    return sys_fix_done(&f, sys_ret(sys_host_call(SYS_poll, fds, nfds,
                                                  (int)c->a[2])));
}

int64_t sys_arm_epoll_wait(SysCall *c)
{
    return arm_reuse(c, sys_epoll_pwait, c->a[0], c->a[1], c->a[2],
                     c->a[3], 0, 0);
}

/* The guest's sigset for a host call that waits under it (ppoll,
 * pselect6): NULL for none; a good one (size 8, readable) is copied to
 * *host without the signals emu keeps (*guest: the guest's own) and
 * *valid set; anything else goes to the host as a pointer that faults
 * with the guest's size (EINVAL for the size, then EFAULT). */
static uint64_t wait_mask(uint64_t addr, uint64_t size, uint64_t *host,
                          uint64_t *guest, bool *valid)
{
    *valid = false;
    if (!addr)
        return 0;
    if (size != 8 || !sys_ok(addr, 8, PROT_READ))
        return sys_fault_ptr(addr, 8);
    memcpy(guest, g2h(addr), 8);
    *host = *guest & ~SIG_EMU_RESERVED;
    *valid = true;
    return (uint64_t)(uintptr_t)host;
}

static int64_t ppoll_common(SysCall *c, bool t64)
{
    /* fs/select.c: the timeout (EFAULT, EINVAL), the mask, nfds, then the
     * pollfds; the time left is written back with faults ignored. */
    SysFix f = {0};
    unsigned nfds = (unsigned)c->a[1];
    uint64_t fds = sys_fix(&f, c->a[0], (uint64_t)nfds * 8, RW);
    struct timespec ts;
    void *tsp = ts_in(c->a[2], 1, t64, &ts);
    uint64_t mask, gmask = 0;
    bool valid;
    uint64_t pm = wait_mask(c->a[3], c->a[4], &mask, &gmask, &valid);
    uint64_t old = valid ? sys_tmpmask_begin(gmask) : 0;
    int64_t r = sys_ret(sys_host_call(SYS_ppoll, fds, nfds, tsp, pm,
                                      valid ? 8 : c->a[4]));
    r = sys_fix_done(&f, r);
    if (tsp == &ts && sys_ok(c->a[2], t64 ? 16 : 8, PROT_WRITE))
        ts_out(c->a[2], 1, t64, &ts);
    return valid ? sys_tmpmask_end(c, old, r) : r;
}

int64_t sys_arm_ppoll(SysCall *c) { return ppoll_common(c, false); }
int64_t sys_arm_ppoll_time64(SysCall *c) { return ppoll_common(c, true); }

/* Guest fd_sets (32-bit words) for n descriptors, as host ones (64-bit
 * words, the same bits in the same bytes on little-endian): copied into
 * h when readable and writable, else handed over as a fault pointer. */
typedef struct FdSets {
    uint64_t *h[3];
    uint64_t host[3];
    size_t gbytes;
} FdSets;

static void fdsets_in(FdSets *s, SysCall *c, int first, int n)
{
    uint64_t nbits = n > 0 ? (uint64_t)n : 0;
    size_t hbytes = (nbits + 63) / 64 * 8;
    s->gbytes = (nbits + 31) / 32 * 4;
    for (int i = 0; i < 3; i++) {
        uint64_t g = c->a[first + i];
        s->h[i] = NULL;
        s->host[i] = 0;
        if (!g)
            continue;
        if (!sys_ok(g, s->gbytes, RW) || !(s->h[i] = calloc(1, hbytes + 8))) {
            s->host[i] = sys_fault_ptr(g, s->gbytes);
            continue;
        }
        memcpy(s->h[i], g2h(g), s->gbytes);
        s->host[i] = (uint64_t)(uintptr_t)s->h[i];
    }
}

static void fdsets_out(FdSets *s, SysCall *c, int first, int64_t r)
{
    for (int i = 0; i < 3; i++) {
        if (s->h[i] && r >= 0)
            memcpy(g2h(c->a[first + i]), s->h[i], s->gbytes);
        free(s->h[i]);
    }
}

int64_t sys_arm__newselect(SysCall *c)
{
    /* select(n, in, out, ex, struct old_timeval32 *): the timeout is
     * read first (EFAULT, EINVAL) and the time left written back, faults
     * ignored. */
    int n = (int)c->a[0];
    struct timespec ts, *tsp = NULL;
    ArmTimeval32 tv;
    if (c->a[4]) {
        if (arm_get(&tv, c->a[4], sizeof(tv)))
            return -EFAULT;
        if (tv.tv_sec < 0 || tv.tv_usec < 0)
            return -EINVAL;
        /* poll_select_set_timeout: whole seconds from the microseconds */
        ts.tv_sec = tv.tv_sec + tv.tv_usec / 1000000;
        ts.tv_nsec = (long)(tv.tv_usec % 1000000) * 1000;
        tsp = &ts;
    }
    FdSets s;
    fdsets_in(&s, c, 1, n);
    int64_t r = sys_ret(sys_host_call(SYS_pselect6, n, s.host[0], s.host[1],
                                      s.host[2], tsp, NULL));
    fdsets_out(&s, c, 1, r);
    if (tsp && sys_ok(c->a[4], sizeof(tv), PROT_WRITE)) {
        tv.tv_sec = (int32_t)ts.tv_sec;
        tv.tv_usec = (int32_t)(ts.tv_nsec / 1000);
        memcpy(g2h(c->a[4]), &tv, sizeof(tv));
    }
    return r;
}

static int64_t pselect_common(SysCall *c, bool t64)
{
    /* The sixth argument, struct { u32 ss; u32 ss_len; }, is read first
     * (EFAULT); then the timeout, the mask, n < 0 (EINVAL), the sets. */
    int n = (int)c->a[0];
    uint64_t mask, gmask = 0, p6 = 0;
    bool valid = false;
    struct {
        uint64_t ss;
        uint64_t len;
    } sig6;
    if (c->a[5]) {
        uint32_t g[2];
        if (arm_get(g, c->a[5], sizeof(g)))
            return -EFAULT;
        sig6.ss = wait_mask(g[0], g[1], &mask, &gmask, &valid);
        sig6.len = valid ? 8 : g[1];
        p6 = (uint64_t)(uintptr_t)&sig6;
    }
    struct timespec ts;
    void *tsp = ts_in(c->a[4], 1, t64, &ts);
    FdSets s;
    fdsets_in(&s, c, 1, n);
    uint64_t old = valid ? sys_tmpmask_begin(gmask) : 0;
    int64_t r = sys_ret(sys_host_call(SYS_pselect6, n, s.host[0], s.host[1],
                                      s.host[2], tsp, p6));
    fdsets_out(&s, c, 1, r);
    if (tsp == &ts && sys_ok(c->a[4], t64 ? 16 : 8, PROT_WRITE))
        ts_out(c->a[4], 1, t64, &ts);
    return valid ? sys_tmpmask_end(c, old, r) : r;
}

int64_t sys_arm_pselect6(SysCall *c) { return pselect_common(c, false); }
int64_t sys_arm_pselect6_time64(SysCall *c)
{
    return pselect_common(c, true);
}

int64_t sys_arm_epoll_pwait2(SysCall *c)
{
    /* fs/eventpoll.c: the timeout first (EFAULT, then EINVAL), the mask
     * (EINVAL, EFAULT), maxevents (EINVAL), the events array (EFAULT),
     * the descriptor.  EABI's epoll_event is the 16-byte A64EpollEvent
     * layout (u64 data 8-byte aligned). */
    struct timespec ts;
    void *tsp = ts_in(c->a[3], 1, true, &ts);
    if (c->a[3] && tsp != &ts)
        return -EFAULT;
    if (tsp && (ts.tv_sec < 0 || (uint64_t)ts.tv_nsec >= 1000000000u))
        return -EINVAL;
    uint64_t mask, gmask = 0;
    bool valid;
    uint64_t pm = wait_mask(c->a[4], c->a[5], &mask, &gmask, &valid);
    if (c->a[4] && !valid)
        return c->a[5] != 8 ? -EINVAL : -EFAULT;
    int max = (int)c->a[2];
    if (max <= 0 || max > INT_MAX / (int)sizeof(A64EpollEvent))
        return -EINVAL;
    if (!sys_ok(c->a[1], (uint64_t)max * sizeof(A64EpollEvent), PROT_WRITE))
        return sys_fd_check((int)c->a[0]) ? -EBADF : -EFAULT;
    int n = max < 1024 ? max : 1024;
    struct epoll_event *ev = malloc((size_t)n * sizeof(*ev));
    if (!ev)
        return -ENOMEM;
    uint64_t old = valid ? sys_tmpmask_begin(gmask) : 0;
    int64_t r = sys_ret(sys_host_call(SYS_epoll_pwait2, (int)c->a[0], ev, n,
                                      tsp, pm, valid ? 8 : 0));
    A64EpollEvent *g = (A64EpollEvent *)g2h(c->a[1]);
    for (int64_t i = 0; i < r; i++)
        conv_epoll_to_a64(&g[i], &ev[i]);
    free(ev);
    return valid ? sys_tmpmask_end(c, old, r) : r;
}

/* clock_adjtime64: struct __kernel_timex is laid out (explicit padding,
 * 64-bit fields) as the x86-64 struct timex, 208 bytes; the kernel reads
 * it, adjusts, and writes it back. */
_Static_assert(sizeof(struct timex) == 208, "host struct timex");

int64_t sys_arm_clock_adjtime64(SysCall *c)
{
    return sys_ret(syscall(SYS_clock_adjtime, (int)c->a[0],
                           sys_ptr(c->a[1], sizeof(struct timex), RW)));
}

/* struct timex with 32-bit longs (linux/timex.h): 21 words, then eleven
 * reserved ints; 128 bytes. */
typedef struct ArmTimex {
    uint32_t modes;
    int32_t offset, freq, maxerror, esterror, status, constant, precision,
        tolerance;
    ArmTimeval32 time;
    int32_t tick, ppsfreq, jitter, shift, stabil, jitcnt, calcnt, errcnt,
        stbcnt, tai;
    int32_t reserved[11];
} ArmTimex;
ARM_ASSERT_SIZE(ArmTimex, 128);
ARM_ASSERT_OFF(ArmTimex, time, 36);
ARM_ASSERT_OFF(ArmTimex, tai, 80);

#define ARM_TIMEX_FIELDS(X)                                                 \
    X(offset) X(freq) X(maxerror) X(esterror) X(status) X(constant)        \
    X(precision) X(tolerance) X(tick) X(ppsfreq) X(jitter) X(shift)        \
    X(stabil) X(jitcnt) X(calcnt) X(errcnt) X(stbcnt) X(tai)

static int64_t adjtime_common(SysCall *c, bool clock)
{
    /* kernel/time/time.c: the whole structure is read (EFAULT), applied,
     * and written back (EFAULT); the result is the clock state. */
    uint64_t gp = clock ? c->a[1] : c->a[0];
    ArmTimex g;
    if (arm_get(&g, gp, sizeof(g)))
        return -EFAULT;
    struct timex h;
    memset(&h, 0, sizeof(h));
    h.modes = g.modes;
#define ARM_TX_IN(f) h.f = g.f;
    ARM_TIMEX_FIELDS(ARM_TX_IN)
#undef ARM_TX_IN
    arm_conv_tv32_in(&h.time, &g.time);
    int64_t r = clock ? sys_ret(syscall(SYS_clock_adjtime, (int)c->a[0], &h))
                      : sys_ret(syscall(SYS_adjtimex, &h));
    if (r < 0)
        return r;
    g.modes = h.modes;
#define ARM_TX_OUT(f) g.f = (int32_t)h.f;
    ARM_TIMEX_FIELDS(ARM_TX_OUT)
#undef ARM_TX_OUT
    arm_conv_tv32_out(&g.time, &h.time);
    return arm_put(gp, &g, sizeof(g)) ? -EFAULT : r;
}

int64_t sys_arm_adjtimex(SysCall *c) { return adjtime_common(c, false); }
int64_t sys_arm_clock_adjtime(SysCall *c) { return adjtime_common(c, true); }
