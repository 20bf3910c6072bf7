/*
 * segv.c - a write through a null pointer: the guest must die of SIGSEGV
 * (default action), so the emulator itself must end killed by SIGSEGV
 * (shell status 139), with no output after the fault.
 */
#include <stdio.h>

int main(void)
{
    printf("before the fault\n");
    fflush(stdout);
    volatile int *p = (volatile int *)0;
    *p = 42;
    printf("after the fault (must not appear)\n");
    return 0;
}
