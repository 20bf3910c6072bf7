#!/bin/sh
# fetch-debian-root.sh - build a Debian root file system for the "debian"
# tests (tests/debian/run.sh [--arch armhf]): the first stage of
#   debootstrap --foreign --arch=ARCH --variant=minbase bookworm DIR
# (packages unpacked, not configured: configuring needs the emulator, see
# docs/TESTING layer 5) plus extra programs fetched with
#   apt-get download PKG:ARCH && dpkg -x PKG.deb DIR
#
#   sudo tools/fetch-debian-root.sh arm64|armhf DIR
# (tools/fetch-arm64-root.sh and tools/fetch-armhf-root.sh supply the
# default DIRs.)  Needs root (apt-get, debootstrap) and network access to
# deb.debian.org.  It enables ARCH in the host's dpkg (dpkg
# --add-architecture) so apt can download its packages; nothing of ARCH is
# installed on the host.  Re-running it refreshes the extra packages and
# leaves the debootstrap part alone.  Both architectures get the same
# package list: the same programs are tested on both.
set -eu
ARCH=${1:-}
DIR=${2:-}
case $ARCH in
arm64 | armhf) ;;
*) echo "fetch-debian-root.sh: usage: fetch-debian-root.sh arm64|armhf DIR" >&2; exit 2 ;;
esac
[ -n "$DIR" ] || { echo "fetch-debian-root.sh: no DIR given" >&2; exit 2; }
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
# Programs the tests run, and the libraries they need beyond minbase.
EXTRA="busybox-static sqlite3 libsqlite3-0 libreadline8 readline-common
 lua5.4 liblua5.4-0 python3.11-minimal libpython3.11-minimal libexpat1
 xz-utils liblzma5 openssl libssl3 file libmagic1 libmagic-mgc bzip2 libbz2-1.0
 zstd libzstd1 gawk libmpfr6 libgmp10 libsigsegv2 coreutils sed grep gzip tar findutils diffutils
 bc python3 python3-minimal python3.11 libpython3.11-stdlib libffi8 libncursesw6
 libtinfo6 libgdbm6 libdb5.3 media-types perl perl-modules-5.36 libperl5.36
 libgdbm-compat4 libcrypt1 fakeroot libfakeroot"

if [ "$(id -u)" != 0 ]; then
    echo "fetch-debian-root.sh: must run as root (apt-get, debootstrap)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v debootstrap >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends debootstrap
fi

if [ ! -x "$DIR/usr/bin/ls" ]; then
    mkdir -p "$DIR"
    debootstrap --foreign --arch="$ARCH" --variant=minbase "$SUITE" "$DIR" "$MIRROR"
else
    echo "fetch-debian-root.sh: $DIR already has a base system; refreshing extra packages only"
fi

if ! dpkg --print-foreign-architectures | grep -qx "$ARCH"; then
    dpkg --add-architecture "$ARCH"
fi
apt-get update -qq
debs=$(mktemp -d)
trap 'rm -rf "$debs"' EXIT
(
    cd "$debs"
    for p in $EXTRA; do
        # apt-get download runs as _apt when it can: let it write here
        chmod 777 "$debs"
        # Architecture: all packages (readline-common, libmagic-mgc) have no :$ARCH
        apt-get download -qq "$p:$ARCH" 2>/dev/null || apt-get download -qq "$p" ||
            echo "warning: could not download $p" >&2
    done
)
# dpkg -x (tar) would replace the merged-/usr links /bin -> usr/bin and
# /lib -> usr/lib by real directories, hiding the dynamic linker in /lib:
# unpack into a staging tree, fold its /bin, /sbin, /lib into /usr, then copy.
stage="$debs/stage"
mkdir -p "$stage"
for deb in "$debs"/*.deb; do
    [ -e "$deb" ] || continue
    dpkg -x "$deb" "$stage"
done
merge_usr() { # $1: tree whose /bin, /sbin, /lib must be links into /usr
    for d in bin sbin lib; do
        if [ -d "$1/$d" ] && [ ! -L "$1/$d" ]; then
            mkdir -p "$1/usr/$d"
            cp -a "$1/$d/." "$1/usr/$d/"
            rm -rf "${1:?}/$d"
        fi
    done
}
merge_usr "$stage"
cp -a "$stage/." "$DIR/"
merge_usr "$DIR"   # also repairs roots unpacked by older versions of this script
for d in bin sbin lib; do
    [ -e "$DIR/$d" ] || ln -s "usr/$d" "$DIR/$d"
done
echo "$ARCH root ready in $DIR ($(du -sh "$DIR" | cut -f1)); run: ctest -L debian"
