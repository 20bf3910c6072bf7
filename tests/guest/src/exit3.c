/*
 * exit3.c - exit(3) must reach the host as status 3, after atexit handlers
 * ran in reverse order and stdio buffers were flushed.
 */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit first-registered (runs last)\n"); }
static void second(void) { printf("atexit second-registered (runs first)\n"); }

int main(void)
{
    atexit(first);
    atexit(second);
    printf("buffered line, flushed by exit\n");
    exit(3);
}
