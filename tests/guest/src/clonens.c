/*
 * clonens.c - clone(2) of a new process with namespace and pidfd flags
 * (as unshare(1), container runtimes and LTP use it), run as root:
 *   CLONE_NEWUTS|CLONE_NEWNS  the child's hostname is its own;
 *   CLONE_NEWPID              the child is pid 1 of its namespace;
 *   CLONE_PIDFD               the parent gets a pidfd to wait on;
 *   CLONE_FILES               a descriptor the child opens is the parent's;
 *   CLONE_NEWNS|CLONE_FS      EINVAL (kernel/fork.c copy_process).
 * clone is called fork-style (no new stack), through syscall(2).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static long do_clone(unsigned long flags, int *pidfd)
{
    /* arm64/x86-64 order: flags, stack, parent_tid, tls, child_tid */
    return syscall(SYS_clone, flags, 0, pidfd, 0, 0);
}

static void wait_child(long pid, const char *what)
{
    int st;
    if (waitpid((pid_t)pid, &st, 0) != pid)
        printf("%s: waitpid: %s\n", what, strerror(errno));
    else
        printf("%s: child exit %d\n", what, WEXITSTATUS(st));
}

int main(void)
{
    struct utsname u;
    char before[65];
    uname(&u);
    snprintf(before, sizeof before, "%s", u.nodename);
    fflush(stdout);

    long pid = do_clone(CLONE_NEWUTS | CLONE_NEWNS | SIGCHLD, NULL);
    if (pid == 0) {
        sethostname("emu-clone-test", 14);
        uname(&u);
        printf("uts child: hostname %s\n", u.nodename);
        fflush(stdout);
        _exit(3);
    }
    if (pid < 0)
        printf("uts: clone: %s\n", strerror(errno));
    else
        wait_child(pid, "uts");
    uname(&u);
    printf("uts parent: hostname unchanged: %s\n", strcmp(u.nodename, before) ? "no" : "yes");
    fflush(stdout);

    pid = do_clone(CLONE_NEWPID | SIGCHLD, NULL);
    if (pid == 0) {
        printf("pid child: getpid() = %d, getppid() = %d\n", (int)getpid(), (int)getppid());
        fflush(stdout);
        _exit(4);
    }
    if (pid < 0)
        printf("pid: clone: %s\n", strerror(errno));
    else
        wait_child(pid, "pid");
    fflush(stdout);

    int pidfd = -1;
    pid = do_clone(CLONE_PIDFD | SIGCHLD, &pidfd);
    if (pid == 0)
        _exit(5);
    if (pid < 0) {
        printf("pidfd: clone: %s\n", strerror(errno));
    } else {
        siginfo_t si;
        memset(&si, 0, sizeof si);
        int r = (int)syscall(SYS_waitid, P_PIDFD, pidfd, &si, WEXITED, NULL);
        printf("pidfd: fd valid %s, cloexec %s, waitid %d, status %d, pid matches %s\n",
               pidfd >= 0 ? "yes" : "no",
               (fcntl(pidfd, F_GETFD) & FD_CLOEXEC) ? "yes" : "no", r,
               si.si_status, si.si_pid == pid ? "yes" : "no");
        close(pidfd);
    }
    fflush(stdout);

    pid = do_clone(CLONE_FILES | SIGCHLD, NULL);
    if (pid == 0) {
        int fd = open("/dev/null", O_RDONLY);
        _exit(fd);
    }
    if (pid > 0) {
        int st;
        waitpid((pid_t)pid, &st, 0);
        int fd = WEXITSTATUS(st);
        printf("files: the child's descriptor is open in the parent: %s\n",
               fcntl(fd, F_GETFD) >= 0 ? "yes" : "no");
        close(fd);
    }

    errno = 0;
    pid = do_clone(CLONE_NEWNS | CLONE_FS | SIGCHLD, NULL);
    if (pid == 0)
        _exit(0);
    printf("newns|fs: %ld %s\n", pid, strerror(errno));
    return 0;
}
