/*
 * tests/binfmt/execv.c - built for both guests: runs argv[1] with the rest
 * of argv (execv), so a test can make an armhf program exec an arm64 one and
 * the other way round.
 */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: execv PROGRAM [ARG...]\n");
        return 2;
    }
    execv(argv[1], argv + 1);
    perror(argv[1]);
    return 127;
}
