#!/bin/sh
# Quick start, step 2 (and CI): install dependencies, build everything and
# run the whole test suite: unit tests, guest programs (static, dynamic,
# IR interpreter), bad-input checks, differential tests against
# qemu-aarch64, and Debian arm64 binaries from a debootstrapped root.
# EMU_SKIP_DEBIAN=1 skips fetching the arm64 root (those tests then report
# "skipped"); extra arguments go to ctest (e.g. -L guest).
set -e
cd "$(dirname "$0")/.."
./tools/setup.sh
ROOT=${EMU_ARM64_ROOT:-/srv/emu-arm64-root}
# The stamp records which version of the fetch script built the root, so a
# root made before packages were added to it is refreshed.
STAMP=$(sha256sum tools/fetch-arm64-root.sh | cut -c1-16)
if [ "${EMU_SKIP_DEBIAN:-0}" != 1 ] &&
   [ "$(cat "$ROOT/.emu-root-complete" 2>/dev/null)" != "$STAMP" ]; then
    if ./tools/fetch-arm64-root.sh "$ROOT"; then
        echo "$STAMP" > "$ROOT/.emu-root-complete"
    else
        echo "test.sh: could not build the arm64 root in $ROOT; Debian tests will be skipped" >&2
    fi
fi
cmake -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEMU_ARM64_ROOT="$ROOT" >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
