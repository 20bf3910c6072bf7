/* fexecve/execveat: running a program from a descriptor, including an
 * O_CLOEXEC one (the kernel opens the file before it closes close-on-exec
 * descriptors, execve(2)), and the child sees no extra descriptor. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int fd_cloexec, fd_plain, fd_max, fd_base;

static int is_open(int fd) { return fcntl(fd, F_GETFD) >= 0; }

/* Open descriptors above hi (the harness may pass some down to us). */
static int count_above(int hi)
{
    int n = 0;
    for (int fd = hi + 1; fd < 1024; fd++)
        n += is_open(fd);
    return n;
}

static void run(const char *what, int (*fn)(int, char **), int fd)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char tag[128];
        snprintf(tag, sizeof tag, "%s:%d:%d:%d:%d", what, fd_cloexec, fd_plain, fd_max, fd_base);
        char *av[] = {"fexecve", "child", tag, NULL};
        int r = fn(fd, av);
        printf("%s: exec failed: %s\n", what, strerrorname_np(errno));
        fflush(stdout);
        _exit(r == 0 ? 0 : 1);
    }
    int st;
    waitpid(p, &st, 0);
    printf("%s: status %d\n", what, WEXITSTATUS(st));
}

static int do_fexecve(int fd, char **av) { return fexecve(fd, av, environ); }
static int do_empty_path(int fd, char **av)
{
    return syscall(SYS_execveat, fd, "", av, environ, AT_EMPTY_PATH);
}
static char base[256];
static int do_dirfd(int dfd, char **av)
{
    return syscall(SYS_execveat, dfd, base, av, environ, 0);
}
static char link_name[64];
static int do_nofollow(int dfd, char **av)
{
    return syscall(SYS_execveat, dfd, link_name, av, environ, AT_SYMLINK_NOFOLLOW);
}
static int do_empty_noflag(int fd, char **av)
{
    return syscall(SYS_execveat, fd, "", av, environ, 0);
}

/* A copy of ourselves in a close-on-exec memfd (how runc and systemd
 * run a sealed binary): /proc/self/exe then names the memfd. */
static int memfd_copy(const char *self)
{
    int src = open(self, O_RDONLY), m = memfd_create("fexecve-copy", MFD_CLOEXEC);
    char buf[65536];
    ssize_t n;
    while ((n = read(src, buf, sizeof buf)) > 0)
        write(m, buf, n);
    close(src);
    return m;
}

static int do_memfd(int fd, char **av)
{
    av[1] = "memchild";
    return fexecve(fd, av, environ);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "memchild")) {
        char exe[256];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        exe[n > 0 ? n : 0] = 0;
        printf("child memfd: exe is %s\n", exe);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "child")) {
        /* what:cloexec fd:plain fd:parent's highest fd:count above it */
        char *what = strtok(argv[2], ":");
        int c = atoi(strtok(NULL, ":")), p = atoi(strtok(NULL, ":"));
        int hi = atoi(strtok(NULL, ":")), base = atoi(strtok(NULL, ":"));
        int extra = count_above(hi) - base;
        printf("child %s: argv0=%s cloexec fd open=%d plain fd open=%d extra fds=%d\n",
               what, argv[0], is_open(c), is_open(p), extra);
        return 0;
    }
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n] = 0;
    snprintf(base, sizeof base, "%s", basename(strdup(self)));
    int fd = open(self, O_RDONLY | O_CLOEXEC);
    int fd2 = open(self, O_RDONLY);
    int dfd = open(dirname(strdup(self)), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int tfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    fd_cloexec = fd;
    fd_plain = fd2;
    fd_max = tfd;
    fd_base = count_above(fd_max);
    run("fexecve-cloexec", do_fexecve, fd);
    run("fexecve-plain", do_fexecve, fd2);
    run("execveat-empty-path", do_empty_path, fd);
    run("execveat-empty-no-flag", do_empty_noflag, fd);
    run("execveat-dirfd", do_dirfd, dfd);
    /* a symlink to ourselves in the current (fresh) directory */
    snprintf(link_name, sizeof link_name, "fexecve-link-%d", (int)getpid());
    symlink(self, link_name);
    run("execveat-nofollow", do_nofollow, tfd);
    unlink(link_name);
    int mfd = memfd_copy(self);
    run("fexecve-memfd", do_memfd, mfd);
    /* an O_PATH descriptor (LTP execveat01): the kernel opens the file */
    int pfd = open(self, O_PATH | O_CLOEXEC);
    run("execveat-o-path", do_empty_path, pfd);
    return 0;
}
