#!/bin/sh
# Quick start, step 2 (and CI): install dependencies, build everything and
# run the whole test suite (unit tests, guest programs, differential tests).
set -e
cd "$(dirname "$0")/.."
./tools/setup.sh
cmake -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
