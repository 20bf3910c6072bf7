/*
 * forkpipe.c - processes without signal handlers: fork (clone with
 * SIGCHLD), pipe2, dup2, waitpid with exit statuses, a child killed by a
 * signal (SIGKILL sent with kill()), _exit, getpid/getppid, and data passed
 * both ways through pipes.  Output comes from the parent only, in a fixed
 * order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    fflush(stdout);
    int p[2];
    if (pipe(p) != 0) { perror("pipe"); return 1; }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        char msg[128];
        int n = snprintf(msg, sizeof msg, "child: ppid matches=%d pid differs=%d",
                         getppid() == parent, getpid() != parent);
        write(p[1], msg, (size_t)n);
        _exit(7);
    }
    close(p[1]);
    char buf[256];
    ssize_t got, total = 0;
    while ((got = read(p[0], buf + total, sizeof buf - 1 - (size_t)total)) > 0) total += got;
    buf[total] = 0;
    close(p[0]);
    printf("parent read: %s\n", buf);
    int st;
    pid_t w = waitpid(pid, &st, 0);
    printf("waitpid matched=%d exited=%d status=%d\n", w == pid, WIFEXITED(st), WEXITSTATUS(st));

    /* bidirectional: parent sends numbers, child (a filter) sums them */
    int to_child[2], from_child[2];
    pipe2(to_child, O_CLOEXEC);
    pipe2(from_child, O_CLOEXEC);
    fflush(stdout); /* the child must not inherit unflushed output */
    pid = fork();
    if (pid == 0) {
        dup2(to_child[0], 0);
        dup2(from_child[1], 1);
        close(to_child[1]);
        close(from_child[0]);
        long sum = 0, v;
        char line[64];
        FILE *in = fdopen(0, "r");
        while (fgets(line, sizeof line, in)) {
            v = strtol(line, NULL, 10);
            sum += v;
        }
        printf("sum=%ld\n", sum);
        fflush(stdout);
        _exit(0);
    }
    close(to_child[0]);
    close(from_child[1]);
    FILE *out = fdopen(to_child[1], "w");
    for (int i = 1; i <= 1000; i++) fprintf(out, "%d\n", i);
    fclose(out);
    total = 0;
    while ((got = read(from_child[0], buf + total, sizeof buf - 1 - (size_t)total)) > 0) total += got;
    buf[total] = 0;
    close(from_child[0]);
    waitpid(pid, &st, 0);
    printf("filter child said: %s", buf);
    printf("filter child exit: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

    /* several children, reaped in any order */
    int sum_status = 0;
    for (int i = 0; i < 5; i++) {
        fflush(stdout); /* the child must not inherit unflushed output */
    pid = fork();
        if (pid == 0) _exit(10 + i);
    }
    for (int i = 0; i < 5; i++) {
        if (wait(&st) < 0) printf("wait failed\n");
        else sum_status += WEXITSTATUS(st);
    }
    errno = 0;
    printf("five children exit sum=%d, extra wait gives ECHILD: %d\n", sum_status, wait(&st) == -1 && errno == ECHILD);

    /* a child killed by a signal */
    int sync_pipe[2];
    pipe(sync_pipe);
    fflush(stdout); /* the child must not inherit unflushed output */
    pid = fork();
    if (pid == 0) {
        close(sync_pipe[1]);
        char c;
        read(sync_pipe[0], &c, 1); /* blocks until killed */
        _exit(0);
    }
    close(sync_pipe[0]);
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    printf("killed child: signaled=%d sig=%d\n", WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    close(sync_pipe[1]);

    /* the child's memory is a copy */
    static int shared_value = 1;
    fflush(stdout); /* the child must not inherit unflushed output */
    pid = fork();
    if (pid == 0) { shared_value = 99; _exit(shared_value); }
    waitpid(pid, &st, 0);
    printf("copy-on-write: child saw %d, parent still %d\n", WEXITSTATUS(st), shared_value);
    return 0;
}
