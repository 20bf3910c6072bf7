#!/bin/sh
# Installs everything emu needs to build and test on Debian 12 (run as root).
# Cross compilers: aarch64 for emu-aarch64's guest tests, armhf (hard-float)
# and armel (soft-float EABI) for emu-arm's.
# qemu-user is the differential-test oracle only; --no-install-recommends keeps
# apt from pulling qemu-user-binfmt, which would register qemu as the
# binfmt_misc handler for ARM binaries (see docs/testing.md).
set -e
export DEBIAN_FRONTEND=noninteractive
PKGS="build-essential cmake pkg-config python3 \
 libcapstone-dev libelf-dev zlib1g-dev libzstd-dev liblzma-dev libbz2-dev libcriterion-dev \
 gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross \
 gcc-arm-linux-gnueabihf g++-arm-linux-gnueabihf \
 gcc-arm-linux-gnueabi g++-arm-linux-gnueabi \
 qemu-user"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  apt-get update -qq || true
  apt-get install -y -qq --no-install-recommends $missing
fi
