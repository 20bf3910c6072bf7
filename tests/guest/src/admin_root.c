/*
 * admin_root.c - the privileged administration calls, as a root package
 * build or debootstrap in a container makes them: chroot (and getcwd
 * outside the new root), mount/umount2 of tmpfs (with options), proc,
 * sysfs and bind mounts in a private mount namespace, pivot_root,
 * sethostname/setdomainname in a private UTS namespace, setns,
 * setgroups, open_by_handle_at (CAP_DAC_READ_SEARCH), syslog - each in a
 * child process, so nothing outside this test changes.  Needs root (the
 * CMake file registers it only when the tests run as root).
 *
 * Built twice: admin_root (checked against qemu-aarch64 too) and, with
 * KERNEL_EDGES, admin_root_kernel, adding what qemu 7.2 checks in the
 * wrong order: sethostname's EINVAL for a length above 64 comes before
 * the name is copied (kernel/sys.c), syslog READ_ALL with a NULL buffer
 * is EINVAL (kernel/printk/printk.c do_syslog).  Built natively for
 * x86-64 this file prints the same except uname's machine.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "result.h"

/* Runs fn in a child and waits for it (its output is line-buffered). */
static void in_child(void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn();
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st))
        printf("child failed (status %#x)\n", st);
}

static const char *fs_name(const char *path)
{
    struct statfs sf;
    if (statfs(path, &sf))
        return strerrorname_np(errno);
    switch (sf.f_type) {
    case TMPFS_MAGIC: return "tmpfs";
    case PROC_SUPER_MAGIC: return "proc";
    case SYSFS_MAGIC: return "sysfs";
    default: return "other";
    }
}

static void t_chroot(void)
{
    char buf[4096];
    res("chroot croot", chroot("croot"));
    long n = syscall(SYS_getcwd, buf, sizeof(buf));
    printf("  getcwd syscall: %s\n",
           n > 0 && !strncmp(buf, "(unreachable)", 13) ? "(unreachable)..."
                                                       : buf);
    char *g = getcwd(buf, sizeof(buf));
    printf("  getcwd(): %s\n", g ? g : strerrorname_np(errno));
    res("  chdir /", chdir("/"));
    printf("  getcwd(): %s\n", getcwd(buf, sizeof(buf)));
    res("  access /inside", access("/inside", F_OK));
    res("  access /croot (outside)", access("/croot", F_OK));
    res("  chroot /", chroot("/"));
    res("  access /inside", access("/inside", F_OK));
}

static void t_chroot_errors(void)
{
    res("chroot bad pointer", chroot(BAD));
    res("chroot missing", chroot("nonexistent"));
    res("chroot a file", chroot("croot/inside"));
}

static void t_mounts(void)
{
    res("unshare CLONE_NEWNS", unshare(CLONE_NEWNS));
    res("mount / MS_REC|MS_PRIVATE", mount(NULL, "/", NULL, MS_REC | MS_PRIVATE,
                                           NULL));
    /* the option string at the very end of a page: the kernel copies what
     * it can read of a page and stops there */
    char *pg = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(pg + 4096, 4096);
    char *opts = pg + 4096 - sizeof("size=1m,mode=0711");
    strcpy(opts, "size=1m,mode=0711");
    res("mount tmpfs mnt size=1m,mode=0711",
        mount("tmpfs", "mnt", "tmpfs", 0, opts));
    struct stat st;
    stat("mnt", &st);
    printf("  %s, mode %o\n", fs_name("mnt"), st.st_mode & 07777);
    close(open("mnt/file", O_CREAT | O_WRONLY, 0644));
    res("  access mnt/file", access("mnt/file", F_OK));
    res("umount2 mnt", umount2("mnt", 0));
    res("  access mnt/file", access("mnt/file", F_OK));

    res("mount proc mnt", mount("proc", "mnt", "proc", 0, NULL));
    printf("  %s, self/status there %d\n", fs_name("mnt"),
           access("mnt/self/status", R_OK) == 0);
    res("umount2 mnt", umount2("mnt", 0));
    res("mount sysfs mnt", mount("sysfs", "mnt", "sysfs", 0, NULL));
    printf("  %s\n", fs_name("mnt"));
    res("umount2 mnt MNT_DETACH", umount2("mnt", MNT_DETACH));

    res("mount --bind croot mnt", mount("croot", "mnt", NULL, MS_BIND, NULL));
    res("  access mnt/inside", access("mnt/inside", F_OK));
    res("mount remount,bind,ro", mount(NULL, "mnt", NULL,
                                       MS_REMOUNT | MS_BIND | MS_RDONLY, NULL));
    res("  create in the read-only bind", open("mnt/new", O_CREAT | O_WRONLY,
                                               0644));
    res("umount2 mnt", umount2("mnt", 0));
    res("umount2 not a mount point", umount2("mnt", 0));
    res("umount2 bad flags", umount2("mnt", 0x100));
    res("umount2 bad pointer", umount2(BAD, 0));
    res("mount unknown type", mount("x", "mnt", "no-such-fs", 0, NULL));
    res("mount bad target", mount("tmpfs", BAD, "tmpfs", 0, NULL));
    res("mount bad type", mount("tmpfs", "mnt", BAD, 0, NULL));
    res("mount bad data", mount("tmpfs", "mnt", "tmpfs", 0, BAD));
    res("mount target missing",
        mount("tmpfs", "nonexistent", "tmpfs", 0, NULL));

    /* pivot_root into a fresh tmpfs; the old root is then detached */
    mount("tmpfs", "mnt", "tmpfs", 0, NULL);
    mkdir("mnt/old", 0755);
    close(open("mnt/marker", O_CREAT | O_WRONLY, 0644));
    res("pivot_root bad pointer", syscall(SYS_pivot_root, BAD, "mnt/old"));
    res("pivot_root not a mount point",
        syscall(SYS_pivot_root, "croot", "croot"));
    chdir("mnt");
    res("pivot_root . old", syscall(SYS_pivot_root, ".", "old"));
    chdir("/");
    char buf[256];
    printf("  getcwd %s, /marker there %d, old root under /old %d\n",
           getcwd(buf, sizeof(buf)), access("/marker", F_OK) == 0,
           access("/old/proc", F_OK) == 0);
    res("  umount2 /old MNT_DETACH", umount2("/old", MNT_DETACH));
    printf("  old root gone %d\n", access("/old/proc", F_OK) != 0);
}

static void t_uts(void)
{
    res("unshare CLONE_NEWUTS", unshare(CLONE_NEWUTS));
    res("sethostname emu-test", sethostname("emu-test", 8));
    res("setdomainname emu-domain", setdomainname("emu-domain", 10));
    struct utsname u;
    uname(&u);
    printf("  uname nodename %s domainname %s machine %s\n", u.nodename,
           u.domainname, u.machine);
    char h[65];
    gethostname(h, sizeof(h));
    printf("  gethostname %s\n", h);
    res("sethostname length 65", sethostname("x", 65));
    res("sethostname bad pointer", sethostname(BAD, 4));
#ifdef KERNEL_EDGES
    res("sethostname bad pointer, length 65", sethostname(BAD, 65));
#endif
    res("setdomainname bad pointer", setdomainname(BAD, 4));
    int fd = open("/proc/self/ns/uts", O_RDONLY);
    res("setns own UTS namespace", setns(fd, CLONE_NEWUTS));
    res("setns UTS fd as CLONE_NEWNET", setns(fd, CLONE_NEWNET));
    res("setns bad fd", setns(-1, 0));
    close(fd);
}

static void t_groups(void)
{
    gid_t g[2] = {0, 100}, out[8];
    res("setgroups 0 100", setgroups(2, g));
    int n = getgroups(8, out);
    printf("  getgroups %d:", n);
    for (int i = 0; i < n; i++)
        printf(" %u", out[i]);
    printf("\n");
    res("getgroups too short", getgroups(1, out));
    res("setgroups bad list", setgroups(1, BAD));
    res("setgroups none", setgroups(0, NULL));
    printf("  getgroups %d\n", getgroups(8, out));
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
    struct handle h = {.handle_bytes = 128};
    int mnt;
    res("name_to_handle_at", syscall(SYS_name_to_handle_at, AT_FDCWD, "hf",
                                     &h, &mnt, 0));
    int dfd = open(".", O_RDONLY | O_DIRECTORY);
    fd = (int)syscall(SYS_open_by_handle_at, dfd, &h, O_RDONLY);
    char buf[32] = {0};
    printf("open_by_handle_at: %s, reads %s", fd >= 0 ? "ok" : "failed",
           fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0 ? buf : "nothing\n");
    printf("  flags O_RDONLY %d\n",
           (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY);
    close(fd);
    fd = (int)syscall(SYS_open_by_handle_at, dfd, &h, O_WRONLY | O_APPEND);
    printf("open_by_handle_at O_WRONLY|O_APPEND: %s, appends %d\n",
           fd >= 0 ? "ok" : "failed", write(fd, "more\n", 5) == 5);
    close(fd);
    res("open_by_handle_at O_DIRECTORY on a file",
        syscall(SYS_open_by_handle_at, dfd, &h, O_RDONLY | O_DIRECTORY));
    res("open_by_handle_at bad handle",
        syscall(SYS_open_by_handle_at, dfd, BAD, O_RDONLY));
    res("open_by_handle_at bad mount fd, bad handle",
        syscall(SYS_open_by_handle_at, 999, BAD, O_RDONLY));
    struct handle z = {0};
    res("open_by_handle_at handle_bytes 0",
        syscall(SYS_open_by_handle_at, dfd, &z, O_RDONLY));
    close(dfd);
}

static void test_syslog(void)
{
    res("syslog SIZE_BUFFER > 0", syscall(SYS_syslog, 10, NULL, 0) > 0);
    static char buf[1 << 16];
    printf("syslog READ_ALL: %s\n",
           syscall(SYS_syslog, 3, buf, sizeof(buf)) >= 0 ? "ok" : "failed");
#ifdef KERNEL_EDGES
    res("syslog READ_ALL NULL", syscall(SYS_syslog, 3, NULL, 100));
#endif
    res("syslog READ_ALL length 0", syscall(SYS_syslog, 3, buf, 0));
    res("syslog type 99", syscall(SYS_syslog, 99, NULL, 0));
    res("acct missing file", acct("nonexistent"));
    res("acct bad pointer", acct(BAD));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (geteuid() != 0) {
        printf("needs root\n");
        return 1;
    }
    mkdir("croot", 0755);
    mkdir("mnt", 0755);
    close(open("croot/inside", O_CREAT | O_WRONLY, 0644));
    in_child(t_chroot);
    in_child(t_chroot_errors);
    in_child(t_mounts);
    in_child(t_uts);
    in_child(t_groups);
    test_handles();
    test_syslog();
    return 0;
}
