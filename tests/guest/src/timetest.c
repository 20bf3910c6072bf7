/*
 * timetest.c - clocks as programs use them.  Only properties are printed
 * (monotonic never goes back, nanosleep sleeps at least as long as asked,
 * the clocks agree with each other), never the times themselves.  Under
 * glibc these go through the vDSO when AT_SYSINFO_EHDR is given, through
 * the syscall otherwise: both must work.
 */
#include <stdio.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void)
{
    struct timespec a, b, res;
    int back = 0, bad_nsec = 0;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 10000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (ns(b) < ns(a)) back++;
        if (b.tv_nsec < 0 || b.tv_nsec >= 1000000000) bad_nsec++;
        a = b;
    }
    printf("monotonic went back %d times, bad tv_nsec %d\n", back, bad_nsec);

    printf("clock_getres monotonic: %s\n",
           clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0 && ns(res) <= 10000000 ? "ok" : "bad");

    struct timespec rt;
    clock_gettime(CLOCK_REALTIME, &rt);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    time_t t = time(NULL);
    printf("realtime after 2020: %s\n", rt.tv_sec > 1577836800 ? "yes" : "no");
    printf("gettimeofday/time/realtime agree within 2s: %s\n",
           (tv.tv_sec - rt.tv_sec) <= 2 && (t - rt.tv_sec) <= 2 && tv.tv_usec < 1000000 ? "yes" : "no");

    struct timespec s0, s1, req = {0, 20 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &s0);
    int rc = nanosleep(&req, NULL);
    clock_gettime(CLOCK_MONOTONIC, &s1);
    long long slept = ns(s1) - ns(s0);
    printf("nanosleep(20ms) rc=%d slept>=20ms: %s, <2s: %s\n", rc, slept >= 20000000 ? "yes" : "no",
           slept < 2000000000LL ? "yes" : "no");

    clock_gettime(CLOCK_MONOTONIC, &s0);
    usleep(10000);
    clock_gettime(CLOCK_MONOTONIC, &s1);
    printf("usleep(10ms) slept>=10ms: %s\n", ns(s1) - ns(s0) >= 10000000 ? "yes" : "no");

    /* CPU time advances with work */
    struct timespec c0, c1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    volatile unsigned long x = 0;
    for (unsigned long i = 0; i < 20000000; i++) x += i;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    printf("process cpu time advanced: %s\n", ns(c1) > ns(c0) ? "yes" : "no");
    clock_t ck = clock();
    printf("clock() non-negative: %s\n", ck >= 0 ? "yes" : "no");
    struct tms tb;
    printf("times() ok: %s\n", times(&tb) != (clock_t)-1 ? "yes" : "no");

    /* localtime/gmtime/strftime/mktime on a fixed instant (TZ unset -> UTC) */
    time_t fixed = 1700000000;
    struct tm g;
    gmtime_r(&fixed, &g);
    char buf[64];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %j", &g);
    printf("gmtime(1700000000) = %s\n", buf);
    printf("timegm round trip: %s\n", timegm(&g) == fixed ? "ok" : "bad");
    return 0;
}
