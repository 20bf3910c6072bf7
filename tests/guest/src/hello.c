/*
 * hello.c - the first thing a user runs: stdout, argv, envp, auxv basics
 * and the exit status of main's return.  The runner starts the guest with
 * a clean environment (env -i) plus EMU_TEST_VAR=hello, so envp is
 * deterministic apart from EMU_* options the emulator may be given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp)
{
    printf("Hello, world!\n");
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=\"%s\"\n", i, argv[i]);
    printf("argv[argc]=%s\n", argv[argc] ? "non-NULL" : "NULL");
    int n = 0;
    for (char **e = envp; *e; e++)
        if (strncmp(*e, "EMU_TEST_", 9) == 0)
            n++;
    printf("EMU_TEST_* in envp: %d\n", n);
    const char *v = getenv("EMU_TEST_VAR");
    printf("EMU_TEST_VAR=%s\n", v ? v : "(unset)");
    printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
    printf("sysconf(_SC_PAGESIZE)=%ld\n", sysconf(_SC_PAGESIZE));
    printf("AT_RANDOM %s\n", getauxval(AT_RANDOM) ? "present" : "missing");
    printf("AT_UID matches getuid: %s\n",
           getauxval(AT_UID) == getuid() ? "yes" : "no");
    /* argv strings sit on the initial stack, writable */
    if (argc > 1) {
        argv[1][0] = 'X';
        printf("argv[1] after write=\"%s\"\n", argv[1]);
    }
    return 0;
}
