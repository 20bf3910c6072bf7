/*
 * syscall/sys-time.c - clocks, sleeps, interval timers, POSIX timers and
 * timerfd.  Every structure involved (timespec, timeval, itimerval,
 * itimerspec, sigevent, tms, timezone) has the same LP64 layout on arm64
 * and x86-64, so these only check pointers and pass through.
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

int64_t sys_nanosleep(SysCall *c)
{
    SYS_CHECK(c->a[0], TS, PROT_READ);
    SYS_CHECK_OPT(c->a[1], TS, PROT_WRITE);
    return sys_ret(syscall(SYS_nanosleep, c->a[0], c->a[1]));
}

int64_t sys_clock_nanosleep(SysCall *c)
{
    SYS_CHECK(c->a[2], TS, PROT_READ);
    SYS_CHECK_OPT(c->a[3], TS, PROT_WRITE);
    return sys_ret(syscall(SYS_clock_nanosleep, (int)c->a[0], (int)c->a[1],
                           c->a[2], c->a[3]));
}

int64_t sys_clock_gettime(SysCall *c)
{
    SYS_CHECK(c->a[1], TS, PROT_WRITE);
    return sys_ret(syscall(SYS_clock_gettime, (int)c->a[0], c->a[1]));
}

int64_t sys_clock_getres(SysCall *c)
{
    SYS_CHECK_OPT(c->a[1], TS, PROT_WRITE);
    return sys_ret(syscall(SYS_clock_getres, (int)c->a[0], c->a[1]));
}

int64_t sys_clock_settime(SysCall *c)
{
    SYS_CHECK(c->a[1], TS, PROT_READ);
    return sys_ret(syscall(SYS_clock_settime, (int)c->a[0], c->a[1]));
}

int64_t sys_gettimeofday(SysCall *c)
{
    SYS_CHECK_OPT(c->a[0], sizeof(struct timeval), PROT_WRITE);
    SYS_CHECK_OPT(c->a[1], sizeof(struct timezone), PROT_WRITE);
    return sys_ret(syscall(SYS_gettimeofday, c->a[0], c->a[1]));
}

int64_t sys_settimeofday(SysCall *c)
{
    SYS_CHECK_OPT(c->a[0], sizeof(struct timeval), PROT_READ);
    SYS_CHECK_OPT(c->a[1], sizeof(struct timezone), PROT_READ);
    return sys_ret(syscall(SYS_settimeofday, c->a[0], c->a[1]));
}

int64_t sys_times(SysCall *c)
{
    SYS_CHECK_OPT(c->a[0], sizeof(struct tms), PROT_WRITE);
    return sys_ret(syscall(SYS_times, c->a[0]));
}

int64_t sys_getitimer(SysCall *c)
{
    SYS_CHECK(c->a[1], ITV, PROT_WRITE);
    return sys_ret(syscall(SYS_getitimer, (int)c->a[0], c->a[1]));
}

int64_t sys_setitimer(SysCall *c)
{
    SYS_CHECK_OPT(c->a[1], ITV, PROT_READ);
    SYS_CHECK_OPT(c->a[2], ITV, PROT_WRITE);
    return sys_ret(syscall(SYS_setitimer, (int)c->a[0], c->a[1], c->a[2]));
}

int64_t sys_timer_create(SysCall *c)
{
    SYS_CHECK_OPT(c->a[1], sizeof(struct sigevent), PROT_READ);
    SYS_CHECK(c->a[2], sizeof(int), PROT_WRITE);
    return sys_ret(syscall(SYS_timer_create, (int)c->a[0], c->a[1], c->a[2]));
}

int64_t sys_timer_gettime(SysCall *c)
{
    SYS_CHECK(c->a[1], ITS, PROT_WRITE);
    return sys_ret(syscall(SYS_timer_gettime, (int)c->a[0], c->a[1]));
}

int64_t sys_timer_settime(SysCall *c)
{
    SYS_CHECK(c->a[2], ITS, PROT_READ);
    SYS_CHECK_OPT(c->a[3], ITS, PROT_WRITE);
    return sys_ret(syscall(SYS_timer_settime, (int)c->a[0], (int)c->a[1],
                           c->a[2], c->a[3]));
}

int64_t sys_timerfd_settime(SysCall *c)
{
    SYS_CHECK(c->a[2], ITS, PROT_READ);
    SYS_CHECK_OPT(c->a[3], ITS, PROT_WRITE);
    return sys_ret(syscall(SYS_timerfd_settime, (int)c->a[0], (int)c->a[1],
                           c->a[2], c->a[3]));
}

int64_t sys_timerfd_gettime(SysCall *c)
{
    SYS_CHECK(c->a[1], ITS, PROT_WRITE);
    return sys_ret(syscall(SYS_timerfd_gettime, (int)c->a[0], c->a[1]));
}
