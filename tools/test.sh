#!/bin/sh
# Quick start, step 2 (and CI): install dependencies, build everything and
# run the whole test suite: unit tests, guest programs (static, dynamic,
# IR interpreter), bad-input checks, differential tests against
# qemu-aarch64 and qemu-arm, and Debian arm64 and armhf binaries from
# debootstrapped roots.  EMU_SKIP_DEBIAN=1 skips fetching the roots (those
# tests then report "skipped"); extra arguments go to ctest (e.g. -L guest).
set -e
cd "$(dirname "$0")/.."
./tools/setup.sh
ROOT=${EMU_ARM64_ROOT:-/srv/emu-arm64-root}
ARMHF_ROOT=${EMU_ARMHF_ROOT:-/srv/emu-armhf-root}
# fetch_root SCRIPT DIR: the Debian root SCRIPT builds, unless DIR already
# holds one made by this version of SCRIPT and of fetch-debian-root.sh,
# which does the work (the stamp records which, so a root made before
# packages were added to it is refreshed).
fetch_root() {
    stamp=$(cat "$1" tools/fetch-debian-root.sh | sha256sum | cut -c1-16)
    [ "$(cat "$2/.emu-root-complete" 2>/dev/null)" = "$stamp" ] && return 0
    if "$1" "$2"; then
        echo "$stamp" > "$2/.emu-root-complete"
    else
        echo "test.sh: could not build the root in $2; its Debian tests will be skipped" >&2
    fi
}
if [ "${EMU_SKIP_DEBIAN:-0}" != 1 ]; then
    fetch_root ./tools/fetch-arm64-root.sh "$ROOT"
    fetch_root ./tools/fetch-armhf-root.sh "$ARMHF_ROOT"
fi
cmake -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEMU_ARM64_ROOT="$ROOT" \
    -DEMU_ARMHF_ROOT="$ARMHF_ROOT" >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
