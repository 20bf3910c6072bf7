/*
 * probe.c - an aarch64 guest that reports what binfmt_misc's flags give a
 * program: its argv, real and effective uid, AT_SECURE, what
 * /proc/self/exe says; and, on request, runs further programs:
 *   probe exec PATH ARGS...         execv(PATH, ARGS...)
 *   probe chroot DIR PATH ARGS...   chroot(DIR), chdir("/"), execv(PATH, ...)
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        printf("[%s]", argv[i]);
    printf("\nuid=%d euid=%d secure=%lu\n", (int)getuid(), (int)geteuid(),
           getauxval(AT_SECURE));
    char b[512];
    ssize_t n = readlink("/proc/self/exe", b, sizeof b - 1);
    if (n >= 0)
        b[n] = 0;
    printf("exe=%s\n", n >= 0 ? b : strerror(errno));
    fflush(stdout);
    if (argc > 2 && !strcmp(argv[1], "exec")) {
        execv(argv[2], argv + 2);
        printf("execv %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    if (argc > 3 && !strcmp(argv[1], "chroot")) {
        if (chroot(argv[2]) || chdir("/")) {
            printf("chroot %s: %s\n", argv[2], strerror(errno));
            return 1;
        }
        execv(argv[3], argv + 3);
        printf("execv %s: %s\n", argv[3], strerror(errno));
        return 1;
    }
    return 0;
}
