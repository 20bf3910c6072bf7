/* hello.c - start-up kernel: prints one line and exits.  Built static and
 * dynamic; timing it measures process start, ELF loading, the dynamic
 * loader (dynamic build) and translating libc's start-up code.
 */
#include <stdio.h>

int main(void)
{
    puts("hello, world");
    return 0;
}
