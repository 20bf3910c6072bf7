/*
 * tests/binfmt/argv.c - the aarch64 program the binfmt tests run as ./prog:
 * prints each argv string in brackets, so a test sees what argv[0] the
 * P flag (preserve-argv0) gave it.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        printf("[%s]", argv[i]);
    printf("\n");
    return 0;
}
