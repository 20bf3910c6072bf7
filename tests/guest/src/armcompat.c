/*
 * armcompat.c - where a native 32-bit ARM kernel answers differently from
 * the 64-bit host emu runs on (arm-only source):
 *   - sched_getaffinity returns the bytes written, whole 32-bit longs
 *     (4 for up to 32 CPUs), and sched_setaffinity takes a 4-byte mask;
 *   - getdents fits the 32-bit linux_dirent (smaller than the host's
 *     dirent64): EINVAL only when the first 32-bit record does not fit;
 *   - F_GETFL shows O_LARGEFILE (0400000) only when the open passed it;
 *     arm's O_DIRECTORY/O_NOFOLLOW/O_DIRECT values in both directions;
 *   - MCAST_MSFILTER's struct group_filter with 4-byte aligned
 *     sockaddr_storage (GROUP_FILTER_SIZE(n) = 140 + 128 n).
 * Raw syscalls, so glibc adds nothing.  The expected values are the native
 * arm kernel's (kernel/sched/core.c, fs/readdir.c filldir, fs/open.c
 * without force_o_largefile, net/ipv4/ip_sockglue.c); qemu-arm 7.2 gives
 * 8, the host's EINVAL, O_LARGEFILE always and ENOPROTOOPT.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "result.h"

#define ARM_O_DIRECTORY 040000
#define ARM_O_NOFOLLOW 0100000
#define ARM_O_DIRECT 0200000
#define ARM_O_LARGEFILE 0400000

static void affinity(void)
{
    unsigned long m[32];
    memset(m, 0, sizeof(m));
    res("sched_getaffinity len 4", syscall(SYS_sched_getaffinity, 0, 4, m));
    uint32_t mask4 = (uint32_t)m[0];
    res("sched_getaffinity len 128", syscall(SYS_sched_getaffinity, 0, 128, m));
    res("sched_getaffinity len 6", syscall(SYS_sched_getaffinity, 0, 6, m));
    res("sched_getaffinity len 0", syscall(SYS_sched_getaffinity, 0, 0, m));
    uint32_t one = mask4 & -mask4; /* the lowest CPU we may run on */
    res("sched_setaffinity 4-byte mask", syscall(SYS_sched_setaffinity, 0, 4, &one));
    m[0] = 0;
    syscall(SYS_sched_getaffinity, 0, 4, m);
    printf("mask now the one CPU: %d\n", (uint32_t)m[0] == one);
    syscall(SYS_sched_setaffinity, 0, 4, &mask4);
}

static void dents(const char *dir)
{
    char name[300], path[600];
    memset(name, 'n', 200);
    name[200] = 0;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    close(open(path, O_CREAT | O_WRONLY, 0600));
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    char buf[512];
    /* the 200-byte name: 212 bytes as linux_dirent, 224 as dirent64 */
    int names = 0, longname = 0;
    long r;
    while ((r = syscall(SYS_getdents, fd, buf, 212)) > 0) {
        for (long pos = 0; pos < r;) {
            unsigned short reclen;
            memcpy(&reclen, buf + pos + 8, 2);
            names++;
            longname += strcmp(buf + pos + 10, name) == 0;
            pos += reclen;
        }
    }
    res("getdents 212-byte buffer to the end", r);
    printf("entries %d, the long name %d\n", names, longname);
    lseek(fd, 0, SEEK_SET);
    res("getdents 8-byte buffer", syscall(SYS_getdents, fd, buf, 8));
    close(fd);
    unlink(path);
}

static void getfl(const char *what, long fd)
{
    long fl = syscall(SYS_fcntl64, (int)fd, F_GETFL);
    printf("%s: fd %s, O_LARGEFILE %d O_DIRECTORY %d O_NOFOLLOW %d O_DIRECT %d acc %ld\n",
           what, fd >= 0 ? "ok" : strerrorname_np(errno), !!(fl & ARM_O_LARGEFILE),
           !!(fl & ARM_O_DIRECTORY), !!(fl & ARM_O_NOFOLLOW), !!(fl & ARM_O_DIRECT),
           fl & O_ACCMODE);
}

static void largefile(const char *dir)
{
    char path[600];
    snprintf(path, sizeof(path), "%s/f", dir);
    close(open(path, O_CREAT | O_WRONLY, 0600));
    long a = syscall(SYS_openat, AT_FDCWD, path, O_RDWR);
    getfl("openat without O_LARGEFILE", a);
    long b = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | ARM_O_LARGEFILE);
    getfl("openat with O_LARGEFILE", b);
    getfl("dup of the first", syscall(SYS_dup, (int)a));
    getfl("F_DUPFD of the first", syscall(SYS_fcntl64, (int)a, F_DUPFD, 50));
    getfl("dup3 of the second", syscall(SYS_dup3, (int)b, 60, 0));
    getfl("dup2 of the first onto it", syscall(SYS_dup2, (int)a, 60));
    getfl("open without O_LARGEFILE", syscall(SYS_open, path, O_RDONLY));
    getfl("O_DIRECTORY|O_NOFOLLOW", syscall(SYS_openat, AT_FDCWD, dir,
                                            O_RDONLY | ARM_O_DIRECTORY | ARM_O_NOFOLLOW));
    long d = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | ARM_O_LARGEFILE);
    res("F_SETFL O_DIRECT", syscall(SYS_fcntl64, (int)d, F_SETFL, ARM_O_DIRECT));
    getfl("after F_SETFL O_DIRECT", d);
    int p[2];
    pipe(p);
    getfl("pipe", p[0]);
    unlink(path);
}

static void ss_in(struct sockaddr_storage *ss, const char *a)
{
    struct sockaddr_in *s = (void *)ss;
    memset(ss, 0, sizeof(*ss));
    s->sin_family = AF_INET;
    inet_pton(AF_INET, a, &s->sin_addr);
}

static void msfilter(void)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    unsigned idx = if_nametoindex("lo");
    struct group_req gr = {.gr_interface = idx};
    ss_in(&gr.gr_group, "239.1.2.3");
    res("MCAST_JOIN_GROUP", setsockopt(fd, IPPROTO_IP, MCAST_JOIN_GROUP, &gr, sizeof(gr)));
    static char buf[2048], out[2048];
    struct group_filter *gf = (void *)buf;
    printf("GROUP_FILTER_SIZE(2) %u\n", (unsigned)GROUP_FILTER_SIZE(2));
    gf->gf_interface = idx;
    ss_in(&gf->gf_group, "239.1.2.3");
    gf->gf_fmode = MCAST_INCLUDE;
    gf->gf_numsrc = 2;
    ss_in(&gf->gf_slist[0], "10.0.0.1");
    ss_in(&gf->gf_slist[1], "10.0.0.2");
    res("MCAST_MSFILTER set, optlen one short",
        setsockopt(fd, IPPROTO_IP, MCAST_MSFILTER, gf, GROUP_FILTER_SIZE(2) - 1));
    res("MCAST_MSFILTER set", setsockopt(fd, IPPROTO_IP, MCAST_MSFILTER, gf, GROUP_FILTER_SIZE(2)));
    struct group_filter *g2 = (void *)out;
    memset(out, 0xff, sizeof(out));
    g2->gf_interface = idx;
    ss_in(&g2->gf_group, "239.1.2.3");
    g2->gf_numsrc = 4;
    socklen_t l = GROUP_FILTER_SIZE(4);
    long r = getsockopt(fd, IPPROTO_IP, MCAST_MSFILTER, g2, &l);
    res("MCAST_MSFILTER get", r);
    printf("len %u numsrc %u fmode %u\n", (unsigned)l, g2->gf_numsrc, g2->gf_fmode);
    for (unsigned i = 0; i < g2->gf_numsrc && i < 4; i++) {
        char a[32];
        inet_ntop(AF_INET, &((struct sockaddr_in *)&g2->gf_slist[i])->sin_addr, a, 32);
        printf(" source %s\n", a);
    }
    l = GROUP_FILTER_SIZE(0) - 1;
    res("MCAST_MSFILTER get, optlen short", getsockopt(fd, IPPROTO_IP, MCAST_MSFILTER, g2, &l));
    close(fd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char dir[] = "/tmp/armcompat.XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    affinity();
    dents(dir);
    largefile(dir);
    msfilter();
    rmdir(dir);
    return 0;
}
