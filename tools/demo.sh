#!/bin/sh
# Quick start, step 1: install dependencies, build emu-aarch64 and emu-arm,
# then build a small C program with the AArch64 and the armhf cross
# compilers and run it under emu.
set -e
cd "$(dirname "$0")/.."
./tools/setup.sh
cmake -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target emu-aarch64 emu-arm
mkdir -p build/demo
cat > build/demo/hello.c <<'C'
#include <stdio.h>
#include <sys/utsname.h>
int main(int argc, char **argv)
{
    struct utsname u;
    uname(&u);
    printf("Hello from %s: %d argument(s)\n", u.machine, argc - 1);
    return 0;
}
C
aarch64-linux-gnu-gcc -O2 -static -o build/demo/hello-static build/demo/hello.c
aarch64-linux-gnu-gcc -O2 -o build/demo/hello-dynamic build/demo/hello.c
echo "+ build/emu-aarch64 build/demo/hello-static"
build/emu-aarch64 build/demo/hello-static
echo "+ build/emu-aarch64 -L /usr/aarch64-linux-gnu build/demo/hello-dynamic a b c"
build/emu-aarch64 -L /usr/aarch64-linux-gnu build/demo/hello-dynamic a b c
arm-linux-gnueabihf-gcc -O2 -static -o build/demo/hello-armhf build/demo/hello.c
echo "+ build/emu-arm build/demo/hello-armhf"
build/emu-arm build/demo/hello-armhf
