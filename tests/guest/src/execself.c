/*
 * execself.c - execve of a guest program from a guest program: the
 * program runs itself again through /proc/self/exe (which names the guest
 * program, not the emulator) and the second run prints its argument.
 * Also used to check that -strace -D logs of the new program land in the
 * same file (tests/guest/CMakeLists.txt, guest/execself/log).
 */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1) {
        printf("second run: %s\n", argv[1]);
        return 0;
    }
    printf("first run\n");
    fflush(stdout);
    execl("/proc/self/exe", "execself", "child", (char *)NULL);
    perror("execl");
    return 1;
}
