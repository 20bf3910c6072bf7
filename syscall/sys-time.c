/*
 * syscall/sys-time.c - clocks, sleeps, interval timers, POSIX timers and
 * timerfd.  Every structure involved (timespec, timeval, itimerval,
 * itimerspec, sigevent, tms, timezone) has the same LP64 layout on arm64
 * and x86-64, so these pass through.  Their pointers go to the host as
 * sys_ptr() makes them (a bad one as an address that faults), so the
 * kernel's checks of clocks, timers, flags and descriptors come before
 * its EFAULT, in its order.
 */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "syscall/sys-internal.h"

#define TS sizeof(struct timespec)
#define ITS sizeof(struct itimerspec)
#define ITV sizeof(struct itimerval)

/* In, out and in-out pointers for the host (syscall/uaccess.h). */
#define IN(a, n) sys_ptr((a), (n), PROT_READ)
#define OUT(a, n) sys_ptr((a), (n), PROT_WRITE)

int64_t sys_nanosleep(SysCall *c)
{
    /* rmtp is written only when a signal interrupts the sleep. */
    return sys_ret(sys_host_call(SYS_nanosleep, IN(c->a[0], TS),
                                 OUT(c->a[1], TS)));
}

int64_t sys_clock_nanosleep(SysCall *c)
{
    /* kernel/time/posix-timers.c: the clock (EINVAL, EOPNOTSUPP) before
     * the request is read. */
    return sys_ret(sys_host_call(SYS_clock_nanosleep, (int)c->a[0],
                                 (int)c->a[1], IN(c->a[2], TS),
                                 OUT(c->a[3], TS)));
}

int64_t sys_clock_gettime(SysCall *c)
{
    return sys_ret(syscall(SYS_clock_gettime, (int)c->a[0], OUT(c->a[1], TS)));
}

int64_t sys_clock_getres(SysCall *c)
{
    return sys_ret(syscall(SYS_clock_getres, (int)c->a[0], OUT(c->a[1], TS)));
}

int64_t sys_clock_settime(SysCall *c)
{
    return sys_ret(syscall(SYS_clock_settime, (int)c->a[0], IN(c->a[1], TS)));
}

int64_t sys_gettimeofday(SysCall *c)
{
    return sys_ret(syscall(SYS_gettimeofday,
                           OUT(c->a[0], sizeof(struct timeval)),
                           OUT(c->a[1], sizeof(struct timezone))));
}

int64_t sys_settimeofday(SysCall *c)
{
    return sys_ret(syscall(SYS_settimeofday,
                           IN(c->a[0], sizeof(struct timeval)),
                           IN(c->a[1], sizeof(struct timezone))));
}

int64_t sys_times(SysCall *c)
{
    return sys_ret(syscall(SYS_times, OUT(c->a[0], sizeof(struct tms))));
}

int64_t sys_getitimer(SysCall *c)
{
    /* The timer (EINVAL) before the result is written. */
    return sys_ret(syscall(SYS_getitimer, (int)c->a[0], OUT(c->a[1], ITV)));
}

int64_t sys_setitimer(SysCall *c)
{
    return sys_ret(syscall(SYS_setitimer, (int)c->a[0], IN(c->a[1], ITV),
                           OUT(c->a[2], ITV)));
}

int64_t sys_timer_create(SysCall *c)
{
    /* The sigevent is read first, the clock judged next, the id written
     * last. */
    return sys_ret(syscall(SYS_timer_create, (int)c->a[0],
                           IN(c->a[1], sizeof(struct sigevent)),
                           OUT(c->a[2], sizeof(int))));
}

int64_t sys_timer_gettime(SysCall *c)
{
    return sys_ret(syscall(SYS_timer_gettime, (int)c->a[0],
                           OUT(c->a[1], ITS)));
}

int64_t sys_timer_settime(SysCall *c)
{
    /* A NULL new value is EINVAL, a bad one EFAULT, before the timer id
     * is looked up; the old value is written last. */
    return sys_ret(syscall(SYS_timer_settime, (int)c->a[0], (int)c->a[1],
                           IN(c->a[2], ITS), OUT(c->a[3], ITS)));
}

int64_t sys_timerfd_settime(SysCall *c)
{
    /* fs/timerfd.c: the new value is read first (EFAULT), then the flags
     * and the value judged (EINVAL), the descriptor looked up (EBADF; no
     * timerfd: EINVAL), the old value written last. */
    return sys_ret(syscall(SYS_timerfd_settime, (int)c->a[0], (int)c->a[1],
                           IN(c->a[2], ITS), OUT(c->a[3], ITS)));
}

int64_t sys_timerfd_gettime(SysCall *c)
{
    /* The descriptor (EBADF, EINVAL) before the value is written. */
    return sys_ret(syscall(SYS_timerfd_gettime, (int)c->a[0],
                           OUT(c->a[1], ITS)));
}
