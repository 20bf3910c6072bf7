/*
 * txtbsy.c - execve of a program that is open for writing fails with
 * ETXTBSY (fs/exec.c: do_open_execat -> deny_write_access), whoever holds
 * the writer; once it is closed the same execve runs the program.  The
 * program copies itself (/proc/self/exe) to a temporary file to have one
 * it may write.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int copy_self(const char *dst)
{
    int in = open("/proc/self/exe", O_RDONLY);
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    char buf[65536];
    ssize_t n;
    if (in < 0 || out < 0)
        return -1;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n)
            return -1;
    close(in);
    return out; /* still open for writing */
}

static void try_exec(const char *path, const char *what)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char *argv[] = {"txtbsy", "child", NULL};
        execv(path, argv);
        printf("%s: execve: %s\n", what, strerror(errno));
        fflush(stdout);
        _exit(1);
    }
    int st;
    waitpid(p, &st, 0);
    printf("%s: exit status %d\n", what, WEXITSTATUS(st));
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        printf("child runs\n");
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "%s/txtbsy.%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid());
    int w = copy_self(path);
    if (w < 0) {
        perror("copy");
        return 1;
    }
    try_exec(path, "open for writing");
    close(w);
    try_exec(path, "closed");
    unlink(path);
    return 0;
}
