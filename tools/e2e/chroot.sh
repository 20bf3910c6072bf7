#!/bin/bash
# tools/e2e/chroot.sh - the transparent-emulation workflow end to end, as a
# user of qemu-user and binfmt-support runs it, with emu-aarch64 (arm64)
# or emu-arm (armhf) as the binfmt_misc interpreter:
#
#   1. debootstrap --foreign --arch=ARCH bookworm ROOT      (host, cached)
#   2. chroot ROOT /debootstrap/debootstrap --second-stage   (under emu)
#   3. chroot ROOT apt-get install build-essential fakeroot dpkg-dev debhelper
#   4. dpkg-buildpackage -us -uc -b of a small package, as root and as an
#      ordinary user under fakeroot (SysV IPC), then dpkg -i and run it
#
# Everything under emu runs inside `emu-binfmt --namespace --pid`: a
# private binfmt_misc instance (Linux 6.7+) holding only emu's entry (flags
# POF), so the host's registrations, qemu's included, are neither used nor
# changed.  ROOT's /proc stays what debootstrap --foreign left (here a
# symlink to /proc, a loop inside the chroot); debootstrap mounts its own.
# container=lxc tells debootstrap it cannot mknod (a user namespace cannot),
# as in any unprivileged container.  Every emulator process logs
# unimplemented instructions and syscalls (EMU_LOG=unimp); the summary
# lists them.
#
#   sudo tools/e2e/chroot.sh [--arch arm64|armhf] [--build DIR] [--root DIR]
#                            [--mirror URL] [--keep]
#
# Needs root, debootstrap and network access to the Debian mirror; about
# 5 minutes of emulated work plus downloads.  Exit status 0 when every
# step worked and the built package runs.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
BUILD=$SRC/build
ARCH=arm64
ROOT=
MIRROR=${MIRROR:-http://deb.debian.org/debian}
KEEP=0
while [ $# -gt 0 ]; do
    case $1 in
    --arch) ARCH=$2; shift 2 ;;
    --build) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --root) ROOT=$2; shift 2 ;;
    --mirror) MIRROR=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h | --help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "chroot.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
case $ARCH in
arm64) EMU=emu-aarch64 ;;
armhf) EMU=emu-arm ;;
*) echo "chroot.sh: --arch takes arm64 or armhf" >&2; exit 2 ;;
esac
ROOT=${ROOT:-/srv/emu-e2e-$ARCH}
[ "$(id -u)" = 0 ] || { echo "chroot.sh: must run as root" >&2; exit 2; }
for t in $EMU emu-binfmt; do
    [ -x "$BUILD/$t" ] || { echo "chroot.sh: no $BUILD/$t (build first)" >&2; exit 2; }
done
command -v debootstrap >/dev/null || apt-get install -y -qq --no-install-recommends debootstrap

LOG=$ROOT.logs
mkdir -p "$LOG"
STAGE1=$ROOT.stage1.tar
step() { echo "== $*"; }
# inroot CMD: CMD (sh -c) as root in ROOT, under emu, in a private namespace
inroot() {
    container=lxc EMU_LOG=unimp "$BUILD/emu-binfmt" --namespace --pid --quiet \
        --path "$BUILD" -- sh -c '
            mount -t proc proc /proc
            cp /etc/resolv.conf "$1/etc/resolv.conf" 2>/dev/null || true
            exec chroot "$1" /bin/sh -c "$2"' sh "$ROOT" "$1"
}

if [ ! -s "$STAGE1" ]; then
    step "first stage (host): debootstrap --foreign --arch=$ARCH bookworm"
    rm -rf "$ROOT.stage1"
    debootstrap --foreign --arch=$ARCH bookworm "$ROOT.stage1" "$MIRROR" > "$LOG/stage1.log" 2>&1
    tar -C "$ROOT.stage1" -cf "$STAGE1" .
    rm -rf "$ROOT.stage1"
fi
rm -rf "$ROOT"
mkdir -p "$ROOT"
tar -C "$ROOT" -xf "$STAGE1"
if [ -L "$ROOT/proc" ]; then
    echo "   /proc in the new root: a symlink to $(readlink "$ROOT/proc")"
fi

step "second stage under $EMU (binfmt_misc POF)"
start=$(date +%s)
inroot '/debootstrap/debootstrap --second-stage' > "$LOG/stage2.log" 2>&1 ||
    { tail -20 "$LOG/stage2.log"; echo "FAIL: second stage"; exit 1; }
echo "   $(tail -1 "$LOG/stage2.log") ($(( $(date +%s) - start )) s)"

step "apt-get install build-essential fakeroot dpkg-dev debhelper"
inroot 'export DEBIAN_FRONTEND=noninteractive
        apt-get update && apt-get install -y --no-install-recommends build-essential fakeroot dpkg-dev debhelper' \
    > "$LOG/apt.log" 2>&1 || { tail -20 "$LOG/apt.log"; echo "FAIL: apt-get"; exit 1; }

step "dpkg-buildpackage as root, and as a user under fakeroot"
mkdir -p "$ROOT/src"
cp -a "$HERE/hello-emu" "$ROOT/src/"
inroot 'cd /src/hello-emu && dpkg-buildpackage -us -uc -b' > "$LOG/build-root.log" 2>&1 ||
    { tail -20 "$LOG/build-root.log"; echo "FAIL: dpkg-buildpackage as root"; exit 1; }
inroot 'adduser --disabled-password --gecos "" builder >/dev/null &&
        cp -a /src/hello-emu /home/builder/ && chown -R builder: /home/builder/hello-emu &&
        su builder -c "cd ~/hello-emu && dpkg-buildpackage -rfakeroot -us -uc -b"' \
    > "$LOG/build-user.log" 2>&1 ||
    { tail -20 "$LOG/build-user.log"; echo "FAIL: dpkg-buildpackage under fakeroot"; exit 1; }
grep -q "fakeroot debian/rules binary" "$LOG/build-user.log" ||
    { echo "FAIL: the user build did not go through fakeroot"; exit 1; }

step "install and run the package"
out=$(inroot 'dpkg -i /home/builder/hello-emu_1.0-1_'$ARCH'.deb >/dev/null && dpkg -c /home/builder/hello-emu_1.0-1_'$ARCH'.deb | grep -c root/root && hello-emu' 2>"$LOG/run.log") ||
    { cat "$LOG/run.log"; echo "FAIL: installing or running the package"; exit 1; }
echo "$out" | sed 's/^/   /'
[ "$(echo "$out" | tail -1)" = "hello from a package built under emu" ] || { echo "FAIL: wrong output"; exit 1; }
[ "$(echo "$out" | head -1)" -ge 5 ] || { echo "FAIL: fakeroot's package is not owned by root/root"; exit 1; }

step "unimplemented instructions and syscalls seen (EMU_LOG=unimp)"
grep -h "^emu: unimplemented" "$LOG"/*.log | sort | uniq -c | sort -rn || echo "   none"
[ $KEEP = 1 ] || rm -rf "$ROOT"
echo PASS
