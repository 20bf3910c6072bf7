/*
 * admin.c - the unprivileged side of the administration calls that
 * package tools use: capget/capset (libcap, the version query with NULL
 * data), sched_getattr/sched_setattr (the size field: E2BIG writing back
 * the kernel's size, a short or long struct), kcmp and pidfd_getfd on
 * dup'd descriptors, rt_tgsigqueueinfo/rt_sigqueueinfo to ourselves,
 * getgroups, extended attributes (size 0 queries, ERANGE, ENODATA, the
 * create/replace flags) and name_to_handle_at - with the kernel's errors
 * in the kernel's order.  Prints no ids, sizes or values that depend on
 * the machine.  admin_root.c has the privileged side.
 *
 * Built twice: admin (checked against qemu-aarch64 too) and, with
 * KERNEL_EDGES, admin_kernel, adding the error orders qemu 7.2 gets wrong
 * (it checks the buffers first): capget's ESRCH and capset's EPERM for
 * another pid come before the data is copied (kernel/capability.c),
 * sched_getattr rejects a size above a page and sched_setattr a negative
 * pid before touching the struct (kernel/sched/syscalls.c), and
 * name_to_handle_at looks the path up before it reads the handle
 * (fs/fhandle.c).  Built natively for x86-64 this file prints the same.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "result.h"

static void test_caps(void)
{
    struct __user_cap_header_struct h = {0, 0};
    struct __user_cap_data_struct d[2];
    res("capget version query (NULL data)", syscall(SYS_capget, &h, NULL));
    printf("  version %#x\n", h.version);
    h.version = 0x12345678;
    res("capget unknown version", syscall(SYS_capget, &h, d));
    printf("  version %#x\n", h.version);
    h = (struct __user_cap_header_struct){_LINUX_CAPABILITY_VERSION_3, 0};
    res("capget v3", syscall(SYS_capget, &h, d));
    res("capset v3, the same sets", syscall(SYS_capset, &h, d));
    res("capget v3 NULL data", syscall(SYS_capget, &h, NULL));
    res("capget v3 bad data", syscall(SYS_capget, &h, BAD));
    res("capget bad header", syscall(SYS_capget, BAD, d));
    h.pid = -1;
    res("capget pid -1", syscall(SYS_capget, &h, d));
    h.pid = 0x3ffffff0;
#ifdef KERNEL_EDGES
    res("capget no such pid, bad data", syscall(SYS_capget, &h, BAD));
#endif
    h.pid = 0;
    res("capset v3 bad data", syscall(SYS_capset, &h, BAD));
    h.pid = 0x3ffffff0;
#ifdef KERNEL_EDGES
    res("capset other pid, bad data", syscall(SYS_capset, &h, BAD));
#endif
}

/* struct sched_attr (linux/sched/types.h), 56 bytes in its second version */
struct sched_attr56 {
    uint32_t size, sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime, sched_deadline, sched_period;
    uint32_t sched_util_min, sched_util_max;
};

static void test_sched_attr(void)
{
    static union {
        struct sched_attr56 a;
        unsigned char b[4096];
    } u;
    memset(&u, 0xa5, sizeof(u));
    res("sched_getattr size 56", syscall(SYS_sched_getattr, 0, &u, 56, 0));
    printf("  size %u policy %u flags %llu nice-ok %d\n", u.a.size,
           u.a.sched_policy, (unsigned long long)u.a.sched_flags,
           u.a.sched_nice == getpriority(PRIO_PROCESS, 0));
    memset(&u, 0xa5, sizeof(u));
    res("sched_getattr size 48", syscall(SYS_sched_getattr, 0, &u, 48, 0));
    printf("  size %u, byte 48 untouched %d\n", u.a.size, u.b[48] == 0xa5);
    memset(&u, 0xa5, sizeof(u));
    res("sched_getattr size 4096", syscall(SYS_sched_getattr, 0, &u, 4096, 0));
    printf("  size %u\n", u.a.size); /* 6.13+ also zeroes bytes 56..4095 */
    res("sched_getattr size 47", syscall(SYS_sched_getattr, 0, &u, 47, 0));
#ifdef KERNEL_EDGES
    res("sched_getattr size 4097", syscall(SYS_sched_getattr, 0, &u, 4097, 0));
#endif
    res("sched_getattr flags 1", syscall(SYS_sched_getattr, 0, &u, 56, 1));
    res("sched_getattr NULL", syscall(SYS_sched_getattr, 0, NULL, 56, 0));
    res("sched_getattr bad pointer", syscall(SYS_sched_getattr, 0, BAD, 56, 0));
    res("sched_getattr pid -1, bad pointer",
        syscall(SYS_sched_getattr, -1, BAD, 56, 0));
    res("sched_getattr no such pid, bad pointer",
        syscall(SYS_sched_getattr, 0x3ffffff0, BAD, 56, 0));

    memset(&u, 0, sizeof(u));
    u.a.size = 56;
    u.a.sched_nice = getpriority(PRIO_PROCESS, 0);
    res("sched_setattr SCHED_OTHER, same nice",
        syscall(SYS_sched_setattr, 0, &u, 0));
    u.a.size = 0;
    res("sched_setattr size 0 (first version)",
        syscall(SYS_sched_setattr, 0, &u, 0));
    u.a.size = 64;
    res("sched_setattr size 64, zero tail",
        syscall(SYS_sched_setattr, 0, &u, 0));
    u.b[60] = 1;
    res("sched_setattr size 64, non-zero tail",
        syscall(SYS_sched_setattr, 0, &u, 0));
    printf("  size now %u\n", u.a.size);
    u.b[60] = 0;
    u.a.size = 4097;
    res("sched_setattr size 4097", syscall(SYS_sched_setattr, 0, &u, 0));
    printf("  size now %u\n", u.a.size);
    u.a.size = 20;
    res("sched_setattr size 20", syscall(SYS_sched_setattr, 0, &u, 0));
    printf("  size now %u\n", u.a.size);
    u.a.size = 56;
    u.a.sched_policy = 99;
    res("sched_setattr policy 99", syscall(SYS_sched_setattr, 0, &u, 0));
    u.a.sched_policy = 0;
    res("sched_setattr flags 1", syscall(SYS_sched_setattr, 0, &u, 1));
    res("sched_setattr NULL", syscall(SYS_sched_setattr, 0, NULL, 0));
    res("sched_setattr bad pointer", syscall(SYS_sched_setattr, 0, BAD, 0));
#ifdef KERNEL_EDGES
    res("sched_setattr pid -1, bad pointer",
        syscall(SYS_sched_setattr, -1, BAD, 0));
#endif
}

static void test_kcmp(void)
{
    int fd = open(".", O_RDONLY | O_DIRECTORY);
    int fd2 = dup(fd);
    int fd3 = open(".", O_RDONLY | O_DIRECTORY);
    pid_t me = getpid();
    res("kcmp KCMP_FILE dup'd", syscall(SYS_kcmp, me, me, KCMP_FILE, fd, fd2));
    printf("kcmp KCMP_FILE opened twice differs: %d\n",
           syscall(SYS_kcmp, me, me, KCMP_FILE, fd, fd3) > 0);
    res("kcmp KCMP_VM self", syscall(SYS_kcmp, me, me, KCMP_VM, 0, 0));
    res("kcmp KCMP_FILES self", syscall(SYS_kcmp, me, me, KCMP_FILES, 0, 0));
    res("kcmp KCMP_FILE bad fd", syscall(SYS_kcmp, me, me, KCMP_FILE, fd, 999));
    res("kcmp KCMP_EPOLL_TFD bad slot",
        syscall(SYS_kcmp, me, me, KCMP_EPOLL_TFD, fd, BAD));
    res("kcmp type 99", syscall(SYS_kcmp, me, me, 99, 0, 0));
    res("kcmp no such pid", syscall(SYS_kcmp, me, 0x3ffffff0, KCMP_VM, 0, 0));

    int pfd = (int)syscall(SYS_pidfd_open, me, 0);
    int got = (int)syscall(SYS_pidfd_getfd, pfd, fd, 0);
    printf("pidfd_getfd: %s, same file %d, close-on-exec %d\n",
           got >= 0 ? "ok" : strerrorname_np(errno),
           syscall(SYS_kcmp, me, me, KCMP_FILE, fd, got) == 0,
           (fcntl(got, F_GETFD) & FD_CLOEXEC) != 0);
    res("pidfd_getfd bad fd", syscall(SYS_pidfd_getfd, pfd, 999, 0));
    res("pidfd_getfd flags 1", syscall(SYS_pidfd_getfd, pfd, fd, 1));
    close(got);
    close(pfd);
    close(fd3);
    close(fd2);
    close(fd);
}

static void test_sigqueue(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = SIGUSR2;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = 7;
    res("rt_tgsigqueueinfo to this thread",
        syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGUSR2, &si));
    siginfo_t got;
    struct timespec ts = {2, 0};
    int sig = sigtimedwait(&set, &got, &ts);
    printf("  got %s si_code SI_QUEUE %d value %d\n",
           sig == SIGUSR2 ? "SIGUSR2" : "nothing", got.si_code == SI_QUEUE,
           got.si_value.sival_int);
    si.si_value.sival_int = 8;
    res("rt_sigqueueinfo to this process",
        syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR2, &si));
    sig = sigtimedwait(&set, &got, &ts);
    printf("  got %s value %d\n", sig == SIGUSR2 ? "SIGUSR2" : "nothing",
           got.si_value.sival_int);
    res("rt_tgsigqueueinfo bad info",
        syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGUSR2, BAD));
    res("rt_tgsigqueueinfo bad tid",
        syscall(SYS_rt_tgsigqueueinfo, getpid(), 0x3ffffff0, SIGUSR2, &si));
    res("rt_tgsigqueueinfo signal 0 (probe)",
        syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), 0, &si));
}

static void test_groups(void)
{
    gid_t g[65536];
    long n = syscall(SYS_getgroups, 0, NULL);
    printf("getgroups(0) = getgroups(n, list): %d\n",
           n >= 0 && syscall(SYS_getgroups, n, g) == n);
    printf("getgroups(n+5, list) = n: %d\n",
           syscall(SYS_getgroups, n + 5, g) == n);
    res("getgroups -1", syscall(SYS_getgroups, -1, g));
    res("getgroups 0, bad list", syscall(SYS_getgroups, 0, BAD));
    res("setgroups 65537", syscall(SYS_setgroups, 65537, BAD));
    res("setgroups -1", syscall(SYS_setgroups, -1, g));
}

static void test_xattr(void)
{
    int fd = open("xf", O_CREAT | O_RDWR, 0644);
    symlink("xf", "xl");
    char v[64];
    res("setxattr user.emu", setxattr("xf", "user.emu", "value", 5, 0));
    res("getxattr size 0", getxattr("xf", "user.emu", NULL, 0));
    res("getxattr size 2", getxattr("xf", "user.emu", v, 2));
    memset(v, 0, sizeof(v));
    res("getxattr", getxattr("xf", "user.emu", v, sizeof(v)));
    printf("  value %s\n", v);
    res("getxattr missing", getxattr("xf", "user.none", v, sizeof(v)));
    res("setxattr XATTR_CREATE existing",
        setxattr("xf", "user.emu", "x", 1, XATTR_CREATE));
    res("setxattr XATTR_REPLACE missing",
        setxattr("xf", "user.none", "x", 1, XATTR_REPLACE));
    res("fsetxattr user.two", fsetxattr(fd, "user.two", "2", 1, 0));
    res("fgetxattr user.two", fgetxattr(fd, "user.two", v, sizeof(v)));
    res("lgetxattr through the link", lgetxattr("xl", "user.emu", v, 64));
    res("getxattr through the link", getxattr("xl", "user.emu", v, 64));
    long ln = listxattr("xf", NULL, 0);
    res("listxattr size 0", ln);
    char list[256] = {0};
    res("listxattr size 1", listxattr("xf", list, 1));
    res("flistxattr", flistxattr(fd, list, sizeof(list)) == ln);
    int has_emu = 0, has_two = 0;
    for (char *p = list; p < list + ln; p += strlen(p) + 1) {
        has_emu |= !strcmp(p, "user.emu");
        has_two |= !strcmp(p, "user.two");
    }
    printf("  lists user.emu %d user.two %d\n", has_emu, has_two);
    res("removexattr", removexattr("xf", "user.emu"));
    res("removexattr again", removexattr("xf", "user.emu"));
    res("fremovexattr", fremovexattr(fd, "user.two"));
    res("listxattr empty", listxattr("xf", list, sizeof(list)));
    res("getxattr no such file", getxattr("nofile", "user.emu", v, 64));
    res("setxattr bad name", setxattr("xf", BAD, "v", 1, 0));
    res("setxattr empty name", setxattr("xf", "", "v", 1, 0));
    close(fd);
}

struct handle {
    unsigned handle_bytes;
    int handle_type;
    unsigned char f_handle[128];
};

static void test_handles(void)
{
    int fd = open("hf", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    write(fd, "handle data\n", 12);
    close(fd);
    struct handle h = {0};
    int mnt = -1;
    res("name_to_handle_at handle_bytes 0",
        syscall(SYS_name_to_handle_at, AT_FDCWD, "hf", &h, &mnt, 0));
    unsigned need = h.handle_bytes;
    printf("  needed bytes set %d\n", need > 0 && need <= 128);
    h.handle_bytes = 128;
    res("name_to_handle_at", syscall(SYS_name_to_handle_at, AT_FDCWD, "hf",
                                     &h, &mnt, 0));
    printf("  bytes as needed %d, mount id set %d\n", h.handle_bytes == need,
           mnt >= 0);
    struct handle h2 = {.handle_bytes = 128};
    int dfd = open(".", O_RDONLY | O_DIRECTORY);
    syscall(SYS_name_to_handle_at, dfd, "hf", &h2, &mnt, 0);
    printf("  same handle through a directory fd %d\n",
           h2.handle_bytes == h.handle_bytes &&
               !memcmp(h2.f_handle, h.f_handle, h.handle_bytes));
    int ffd = open("hf", O_RDONLY);
    memset(&h2, 0, sizeof(h2));
    h2.handle_bytes = 128;
    syscall(SYS_name_to_handle_at, ffd, "", &h2, &mnt, AT_EMPTY_PATH);
    printf("  same handle by AT_EMPTY_PATH %d\n",
           !memcmp(h2.f_handle, h.f_handle, h.handle_bytes));
    close(ffd);
    close(dfd);
    h2.handle_bytes = 129;
    res("name_to_handle_at handle_bytes 129",
        syscall(SYS_name_to_handle_at, AT_FDCWD, "hf", &h2, &mnt, 0));
    res("name_to_handle_at bad flags",
        syscall(SYS_name_to_handle_at, AT_FDCWD, "hf", &h2, &mnt, 0x4000));
#ifdef KERNEL_EDGES
    res("name_to_handle_at no such file, bad handle",
        syscall(SYS_name_to_handle_at, AT_FDCWD, "nofile", BAD, &mnt, 0));
#endif
    res("name_to_handle_at bad handle",
        syscall(SYS_name_to_handle_at, AT_FDCWD, "hf", BAD, &mnt, 0));
    h2.handle_bytes = 128;
    res("name_to_handle_at bad mount id",
        syscall(SYS_name_to_handle_at, AT_FDCWD, "hf", &h2, BAD, 0));
    res("name_to_handle_at bad path",
        syscall(SYS_name_to_handle_at, AT_FDCWD, BAD, &h2, &mnt, 0));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_caps();
    test_sched_attr();
    test_kcmp();
    test_sigqueue();
    test_groups();
    test_xattr();
    test_handles();
    return 0;
}
