#!/bin/sh
# fetch-armhf-root.sh - the armhf Debian root of the "debian" tests in DIR
# (default $EMU_ARMHF_ROOT or /srv/emu-armhf-root); see fetch-debian-root.sh.
#   sudo tools/fetch-armhf-root.sh [DIR]
exec "$(dirname "$0")/fetch-debian-root.sh" armhf "${1:-${EMU_ARMHF_ROOT:-/srv/emu-armhf-root}}"
