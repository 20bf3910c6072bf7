/*
 * abort.c - abort() raises SIGABRT (after unblocking it); the emulator must
 * end killed by SIGABRT (shell status 134).
 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("before abort\n");
    fflush(stdout);
    abort();
}
