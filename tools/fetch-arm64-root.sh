#!/bin/sh
# fetch-arm64-root.sh - the arm64 Debian root of the "debian" tests in DIR
# (default $EMU_ARM64_ROOT or /srv/emu-arm64-root); see fetch-debian-root.sh.
#   sudo tools/fetch-arm64-root.sh [DIR]
exec "$(dirname "$0")/fetch-debian-root.sh" arm64 "${1:-${EMU_ARM64_ROOT:-/srv/emu-arm64-root}}"
