#include <stdio.h>
int main(void) { printf("hello from a package built under emu\n"); return 0; }
