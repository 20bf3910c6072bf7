# tests/binfmt/lib.sh - sourced by the emu-binfmt tests.
#
#   TEST.sh EMU_BINFMT EMUDIR [PROG [CONFDIR [BINDIR]]]
#
# EMUDIR holds emu-aarch64 (the build dir), PROG is a static aarch64
# program printing its argv in brackets (may be empty), CONFDIR and BINDIR
# are the build's binfmt.d directory and the install bindir it names.
#
# Everything that registers, removes or reads entries runs inside
# `emu-binfmt --namespace` (function ns), i.e. against a private
# binfmt_misc instance; each test also checks at its end that the host's
# /proc/sys/fs/binfmt_misc looks as it did at its start.
set -u
# A test runs its stateful part inside one namespace by calling itself
# again with --inner first (function inside).
INNER=0
if [ "${1:-}" = --inner ]; then
    INNER=1
    shift
fi
ARGS=("$@")
BF=$1
EMUDIR=$2
PROG=${3:-}
CONFDIR=${4:-}
BINDIR=${5:-}
BFDIR=/proc/sys/fs/binfmt_misc
export BF EMUDIR PROG BFDIR
# The emulator must not pick up the caller's options.
for v in $(env | sed -n 's/^\(EMU_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done

# The magic and mask of an aarch64 / arm entry, as the kernel prints them:
# e_ident (class 2 = 64-bit / 1 = 32-bit, little-endian, version 1, any
# OS ABI), e_type 2 or 3, e_machine 183 / 40.
A64_MAGIC=7f454c460201010000000000000000000200b700
ARM_MAGIC=7f454c4601010100000000000000000002002800
ELF_MASK=ffffffffffffff00fffffffffffffffffeffffff
# The same as a register string (qemu's bytes for aarch64).
A64_MAGIC_ESC='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
ELF_MASK_ESC='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
export A64_MAGIC_ESC ELF_MASK_ESC

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }
ok() { echo "ok: $*"; }

host_state() {
    ls -a "$BFDIR" 2>&1
    grep -w binfmt_misc /proc/self/mountinfo | awk '{print $5, $9}'
}
if [ $INNER = 0 ]; then
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/emu-binfmt-test.XXXXXX") || exit 2
    chmod 755 "$TMP"
    export TMP
    trap 'rm -rf "$TMP"' EXIT
    HOST_BEFORE=$(host_state)
fi
check_host_unchanged() {
    [ "$(host_state)" = "$HOST_BEFORE" ] || fail "the host's $BFDIR changed"
    ok "the host's binfmt_misc is as it was"
}

# Skips the test unless a user namespace can mount its own binfmt_misc.
require_private_instance() {
    command -v unshare >/dev/null || skip "unshare(1) is not installed"
    local out
    out=$(unshare --user --map-root-user --mount sh -c \
        "mount -t binfmt_misc binfmt_misc $BFDIR && cat $BFDIR/status" 2>&1) ||
        skip "no private binfmt_misc for a user namespace here (needs unprivileged user namespaces and Linux 6.7+): $out"
    [ -x "$BF" ] || fail "no emu-binfmt at $BF"
    [ -x "$EMUDIR/emu-aarch64" ] || fail "no emu-aarch64 in $EMUDIR"
}

require_prog() {
    [ -n "$PROG" ] && [ -f "$PROG" ] ||
        skip "no aarch64 test program (aarch64-linux-gnu-gcc missing?)"
}

# ns [emu-binfmt options] [--] COMMAND...: COMMAND in a new namespace with
# emu's emulators registered in its private binfmt_misc.
ns() { "$BF" --namespace --quiet --path "$EMUDIR" "$@"; }

# inside [emu-binfmt options]: this script again, with --inner, in one
# namespace with emu registered.
inside() { ns "$@" -- "$0" --inner "${ARGS[@]}"; }

# section TEXT CPU: the lines of --status output about CPU's programs.
section() {
    printf '%s\n' "$1" | awk -v cpu="$2" '/^[a-z0-9_]+ programs \(/ { on = ($1 == cpu) } on'
}

# re STRING: STRING quoted for an extended regex.
re() { printf '%s' "$1" | sed 's/[][\\.*^$+?(){}|]/\\&/g'; }

# expect_re TEXT ERE WHAT: a line of TEXT matches the extended regex ERE.
expect_re() {
    if printf '%s\n' "$1" | grep -Eq -- "$2"; then
        ok "$3"
    else
        printf '%s\n--- wanted a line matching: %s\n' "$1" "$2" >&2
        fail "$3"
    fi
}

# expect TEXT NEEDLE WHAT: TEXT holds the fixed string NEEDLE.
expect() {
    case "$1" in
    *"$2"*) ok "$3" ;;
    *) printf '%s\n--- wanted: %s\n' "$1" "$2" >&2; fail "$3" ;;
    esac
}
expect_not() {
    case "$1" in
    *"$2"*) printf '%s\n--- unwanted: %s\n' "$1" "$2" >&2; fail "$3" ;;
    *) ok "$3" ;;
    esac
}
