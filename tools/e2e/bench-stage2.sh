#!/bin/bash
# tools/e2e/bench-stage2.sh - times `debootstrap --second-stage` of an arm64
# (or armhf) bookworm root under emu-aarch64 and qemu-aarch64 (emu-arm and
# qemu-arm), both as the
# binfmt_misc interpreter (flags POF) of a private instance
# (`emu-binfmt --namespace --pid`), the handlers swapped between the runs:
# emu, qemu, emu, qemu, ...  Each run starts from the same first-stage
# tarball (unpacking it is not timed).  Prints every run's wall and CPU
# seconds (user+sys of the whole process tree), the medians and the median
# of the pairwise ratios emu/qemu.  A timing, never a test.
#
#   sudo tools/e2e/bench-stage2.sh [--arch arm64|armhf] [--runs N] [--build DIR]
#                                  [--qemu PATH] [--root DIR]
#
# qemu must be static (F flag in a chroot): qemu-aarch64-static
# (qemu-arm-static) if installed, else it is unpacked from Debian's qemu-user-static package
# into a cache folder (not installed, so nothing registers itself).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
BUILD=$SRC/build
ARCH=arm64
ROOT=
RUNS=3
QEMU=
MIRROR=${MIRROR:-http://deb.debian.org/debian}
while [ $# -gt 0 ]; do
    case $1 in
    --arch) ARCH=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --build) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --qemu) QEMU=$2; shift 2 ;;
    --root) ROOT=$2; shift 2 ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "bench-stage2.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
# The guest: its emulators, binfmt_misc entry and ELF header match (the
# e_ident class and e_machine: AArch64 0xb7 ELFCLASS64, ARM 0x28 ELFCLASS32).
ELF_MASK='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
case $ARCH in
arm64) EMU=emu-aarch64 QNAME=qemu-aarch64
       MAGIC='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00' ;;
armhf) EMU=emu-arm QNAME=qemu-arm
       MAGIC='\x7f\x45\x4c\x46\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00' ;;
*) echo "bench-stage2.sh: --arch takes arm64 or armhf" >&2; exit 2 ;;
esac
ROOT=${ROOT:-/srv/emu-e2e-bench-$ARCH}
[ "$(id -u)" = 0 ] || { echo "bench-stage2.sh: must run as root" >&2; exit 2; }
for p in time bc debootstrap; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        apt-get install -y -qq --no-install-recommends "$p"
done
if [ -z "$QEMU" ]; then
    QEMU=$(command -v $QNAME-static || true)
fi
if [ -z "$QEMU" ]; then
    cache=/var/cache/emu-bench/qemu-user-static
    if [ ! -x "$cache/usr/bin/$QNAME-static" ]; then
        mkdir -p "$cache"
        (cd "$cache" && chmod 777 . && apt-get download -qq qemu-user-static &&
            dpkg -x qemu-user-static_*.deb .)
    fi
    QEMU=$cache/usr/bin/$QNAME-static
fi
[ -x "$QEMU" ] || { echo "bench-stage2.sh: no static $QNAME ($QEMU)" >&2; exit 2; }
STAGE1=$ROOT.stage1.tar
if [ ! -s "$STAGE1" ]; then
    rm -rf "$ROOT.stage1"
    debootstrap --foreign --arch=$ARCH bookworm "$ROOT.stage1" "$MIRROR" >/dev/null
    tar -C "$ROOT.stage1" -cf "$STAGE1" .
    rm -rf "$ROOT.stage1"
fi
# one WHICH: prints "wall cpu" of one second stage under emu or qemu
one() {
    rm -rf "$ROOT" && mkdir -p "$ROOT" && tar -C "$ROOT" -xf "$STAGE1"
    local swap=""
    if [ "$1" = qemu ]; then
        swap="echo 0 > /proc/sys/fs/binfmt_misc/$EMU &&
              echo ':$QNAME:M::$MAGIC:$ELF_MASK:$QEMU:POF' > /proc/sys/fs/binfmt_misc/register &&"
    fi
    # GNU time's figures cover the whole tree: every process of the
    # namespace is reaped by its init, which emu-binfmt waits for.
    /usr/bin/time -o "$ROOT.$1.time" -f "%e %U %S" env container=lxc \
        "$BUILD/emu-binfmt" --namespace --pid --quiet --path "$BUILD" -- sh -c "
        $swap mount -t proc proc /proc && exec chroot '$ROOT' /debootstrap/debootstrap --second-stage" \
        > "$ROOT.$1.log" 2>&1 || { tail -5 "$ROOT.$1.log" >&2; echo "run under $1 failed" >&2; exit 1; }
    grep -q "Base system installed successfully" "$ROOT.$1.log" || { echo "no success line under $1" >&2; exit 1; }
    awk '{print $1, $2 + $3}' "$ROOT.$1.time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "second stage of debootstrap ($ARCH bookworm), $RUNS runs each, alternating"
echo "emu: $BUILD/$EMU   qemu: $QEMU ($("$QEMU" --version | head -1))"
printf '%-4s %-5s %9s %9s\n' run emu wall cpu
ew=() ec=() qw=() qc=() rw=() rc=()
for i in $(seq "$RUNS"); do
    read -r w c < <(one emu)
    ew+=("$w") ec+=("$c")
    printf '%-4s %-5s %9.1f %9.1f\n' "$i" emu "$w" "$c"
    read -r w2 c2 < <(one qemu)
    qw+=("$w2") qc+=("$c2")
    printf '%-4s %-5s %9.1f %9.1f\n' "$i" qemu "$w2" "$c2"
    rw+=("$(echo "$w / $w2" | bc -l)") rc+=("$(echo "$c / $c2" | bc -l)")
done
rm -rf "$ROOT"
m() { printf '%s\n' "$@" | median; }
printf 'median wall: emu %.1f s, qemu %.1f s; emu/qemu %.2f (median of pairs)\n' \
    "$(m "${ew[@]}")" "$(m "${qw[@]}")" "$(m "${rw[@]}")"
printf 'median cpu:  emu %.1f s, qemu %.1f s; emu/qemu %.2f (median of pairs)\n' \
    "$(m "${ec[@]}")" "$(m "${qc[@]}")" "$(m "${rc[@]}")"
