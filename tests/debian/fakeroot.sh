#!/bin/bash
# fakeroot.sh - Debian's arm64 fakeroot (faked-sysv and libfakeroot, which
# talk over SysV message queues and semaphores) under emu-aarch64 with
# -L ROOT, as dpkg-buildpackage uses it: an ordinary user sees uid 0,
# chown to root "works" inside, and a package built by dpkg-deb lists
# root/root.  The fakeroot script execs faked-sysv and the shell again, so
# this is emu-only (qemu-user cannot follow a guest execve without
# binfmt_misc).  Exits 77 (skipped) without the root or its fakeroot.
#
#   tests/debian/fakeroot.sh --emu EMU [--root ROOT]
set -u
EMU=
ROOT=${EMU_ARM64_ROOT:-}
while [ $# -gt 0 ]; do
    case $1 in
    --emu) EMU=$2; shift 2 ;;
    --root) ROOT=$2; shift 2 ;;
    *) echo "fakeroot.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
ROOT=${ROOT:-/srv/emu-arm64-root}
FR=$ROOT/usr/bin/fakeroot-sysv
[ -x "$FR" ] || { echo "SKIP: no $FR (tools/fetch-arm64-root.sh fetches fakeroot)"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/emu-fakeroot.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
chmod 777 "$work"
user=()
if [ "$(id -u)" = 0 ]; then
    user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
mkdir -p "$work/pkg/DEBIAN" "$work/pkg/usr/bin"
cat > "$work/pkg/DEBIAN/control" <<'CTL'
Package: emu-fakeroot-test
Version: 1.0
Architecture: arm64
Maintainer: emu developers <emu@example.invalid>
Description: built by dpkg-deb under fakeroot under emu
CTL
printf '#!/bin/sh\necho hi\n' > "$work/pkg/usr/bin/hi"
chmod -R u+rwX,go+rX "$work/pkg"
[ ${#user[@]} = 0 ] || chown -R 65534:65534 "$work/pkg"
cd "$work" || exit 2
out=$(env -i PATH=/usr/bin:/bin HOME="$work" "${user[@]}" "$EMU" -L "$ROOT" "$ROOT/bin/sh" "$FR" -- \
    sh -c 'id -u; touch f; chown 0:0 f; chmod 4755 pkg/usr/bin/hi; stat -c "%u:%g" f
           dpkg-deb --root-owner-group --build pkg out.deb >/dev/null 2>&1 || dpkg-deb --build pkg out.deb >/dev/null
           dpkg-deb -c out.deb | sed -E "s/^([^ ]+) ([^ ]+) .* ([^ ]+)\$/\1 \2 \3/"' 2>&1)
rc=$?
expected="0
0:0
drwxr-xr-x root/root ./
drwxr-xr-x root/root ./usr/
drwxr-xr-x root/root ./usr/bin/
-rwsr-xr-x root/root ./usr/bin/hi"
if [ $rc != 0 ] || [ "$out" != "$expected" ]; then
    printf 'fakeroot under emu printed (status %s):\n%s\n--- expected:\n%s\n' "$rc" "$out" "$expected" >&2
    exit 1
fi
echo "PASS: fakeroot-sysv: uid 0 inside, chown kept in faked's books, the .deb lists root/root"
