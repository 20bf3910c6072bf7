#!/bin/bash
# tests/binfmt/badinput.sh - each mistake gives one line on stderr naming
# it, a non-zero exit status, and registers nothing: bad options, a
# missing or wrong --path, emulators that are missing, not executable, not
# ELF or not static (the F flag needs a static emulator), no permission,
# binfmt_misc not mountable.
. "$(dirname "$0")/lib.sh"

# bad CMD... : exit status $want, one line on stderr holding $msg.
bad() {
    local out rc
    out=$("$@" 2>&1 >/dev/null)
    rc=$?
    [ "$rc" = "$want" ] || fail "$*: exit status $rc, wanted $want ($out)"
    [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "$*: not one line: $out"
    expect "$out" "$msg" "$* -> $out"
}

if [ $INNER = 0 ]; then
    require_private_instance
    # Command-line mistakes, found before anything is touched.
    want=2
    msg="unknown option '--bogus'; see emu-binfmt --help" bad "$BF" --bogus
    msg="unknown option '-x'; see emu-binfmt --help" bad "$BF" -x
    msg="--persistent takes yes or no, not 'maybe'" bad "$BF" --persistent maybe
    msg="option '--path' needs a value" bad "$BF" --path
    msg="unknown CPU 'mips'" bad "$BF" mips
    msg="exclude each other" bad "$BF" --remove --status
    msg="--pid goes with --namespace" bad "$BF" --pid
    "$BF" --help | grep -q -- '--preserve-argv0 yes|no' || fail "--help"
    ok "--help lists the options"

    # --namespace with nothing to register: the namespace is not entered.
    mkdir "$TMP/empty"
    want=125
    msg="emulator missing: no emu-aarch64 or emu-arm in $TMP/empty" bad "$BF" --namespace --path "$TMP/empty" -- true
    msg="--path $TMP/nonexistent: no such directory" bad "$BF" --namespace --path "$TMP/nonexistent" -- true
    want=127
    msg="cannot run $TMP/no-such-command: No such file or directory" bad "$BF" --namespace --quiet --path "$EMUDIR" "$TMP/no-such-command"

    inside || fail "inside the namespace"
    check_host_unchanged
    echo PASS
    exit 0
fi

# From here on inside a namespace with emu-aarch64 registered: each failed
# command must leave that entry as it was.
before=$(cat "$BFDIR/emu-aarch64")
same() { [ "$(cat "$BFDIR/emu-aarch64")" = "$before" ] || fail "$1 changed the entry"; }

want=1
mkdir -p "$TMP/empty"
msg="emulator missing: no emu-aarch64 or emu-arm in $TMP/empty; give their directory with --path DIR" bad "$BF" --path "$TMP/empty"
msg="emulator missing: $TMP/empty/emu-aarch64: No such file or directory" bad "$BF" --path "$TMP/empty" aarch64
msg="--path $TMP/nonexistent: no such directory" bad "$BF" --path "$TMP/nonexistent"
same "a missing emulator"

# A dynamic emulator: the F flag would start it where no loader exists.
mkdir "$TMP/dyn"
cp /bin/true "$TMP/dyn/emu-aarch64"
msg="$TMP/dyn/emu-aarch64 is dynamically linked (it needs /lib64/ld-linux-x86-64.so.2): the F flag needs a static or static-pie emulator (or use --persistent no)" \
    bad "$BF" --path "$TMP/dyn"
same "a dynamic emulator"
msg="is dynamically linked" bad "$BF" --systemd --exportdir "$TMP/out" --path "$TMP/dyn"
[ -e "$TMP/out" ] && fail "a file was written for a dynamic emulator"
ok "no binfmt.d file for a dynamic emulator"
# Without F it is allowed, with a warning.
out=$("$BF" --path "$TMP/dyn" --persistent no 2>&1) || fail "--persistent no with a dynamic emulator: $out"
expect "$out" "warning: $TMP/dyn/emu-aarch64 is dynamically linked" "a dynamic emulator without F: a warning"
"$BF" --quiet --path "$EMUDIR" aarch64 || fail "registering again"
before=$(cat "$BFDIR/emu-aarch64")

mkdir "$TMP/script" "$TMP/noexec"
printf '#!/bin/sh\n' >"$TMP/script/emu-aarch64"
chmod +x "$TMP/script/emu-aarch64"
msg="$TMP/script/emu-aarch64 is not an executable for this host" bad "$BF" --path "$TMP/script"
cp "$EMUDIR/emu-aarch64" "$TMP/noexec/emu-aarch64"
chmod -x "$TMP/noexec/emu-aarch64"
msg="$TMP/noexec/emu-aarch64 cannot be executed (no x permission, or a noexec mount): Permission denied" bad "$BF" --path "$TMP/noexec"
same "a bad emulator file"

# An interpreter path the register string cannot carry.
mkdir "$TMP/a:b"
cp "$EMUDIR/emu-aarch64" "$TMP/a:b/"
msg="holds ':' or a newline" bad "$BF" --path "$TMP/a:b"
same "a path with ':'"

mkdir "$TMP/noexecfs"
if mount -t tmpfs -o noexec tmpfs "$TMP/noexecfs" 2>/dev/null; then
    cp "$EMUDIR/emu-aarch64" "$TMP/noexecfs/"
    msg="$TMP/noexecfs/emu-aarch64 cannot be executed (no x permission, or a noexec mount): Permission denied" \
        bad "$BF" --path "$TMP/noexecfs"
    umount "$TMP/noexecfs"
fi

# The kernel cannot open the emulator (F: it is open for writing, so
# open_exec() fails with ETXTBSY): the error names it, and the entry that
# was there is put back.
mkdir "$TMP/busy"
cp "$EMUDIR/emu-aarch64" "$TMP/busy/"
exec 3>>"$TMP/busy/emu-aarch64"
out=$("$BF" --path "$TMP/busy" 2>&1)
[ $? = 1 ] || fail "registering an emulator the kernel cannot open succeeded"
exec 3>&-
expect "$out" "emu-binfmt: cannot register emu-aarch64: the kernel cannot open the interpreter $TMP/busy/emu-aarch64: Text file busy" "the kernel's refusal to open the emulator is named"
expect "$out" "emu-binfmt: warning: the previous entry emu-aarch64 ($EMUDIR/emu-aarch64, flags POF) was put back" "and the previous entry is put back"
same "a failed registration"

# Not root: an ordinary user of this namespace (needs the whole id range
# mapped, which --namespace does when started by root).
if grep -q '^ *0 *0 *4294967295' /proc/self/uid_map && command -v setpriv >/dev/null; then
    asuser() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    msg="permission denied writing $BFDIR/emu-aarch64: run emu-binfmt as root, or use 'emu-binfmt --namespace' for a private instance" \
        bad asuser "$BF" --path "$EMUDIR"
    msg="permission denied writing $BFDIR/emu-aarch64" bad asuser "$BF" --remove
    echo -1 >"$BFDIR/emu-aarch64"
    msg="permission denied writing $BFDIR/register" bad asuser "$BF" --path "$EMUDIR"
    "$BF" --quiet --path "$EMUDIR" aarch64 || fail "registering again"
    # binfmt_misc not mounted, and the user may not mount it (checked
    # where unmounting ours leaves nothing mounted there).
    unshare --mount sh -c 'umount "$BFDIR" && ! grep -qw binfmt_misc /proc/self/mountinfo' &&
    msg="binfmt_misc is not mounted on $BFDIR and mounting it needs root (or use 'emu-binfmt --namespace'): Operation not permitted" \
        bad unshare --mount sh -c 'umount "$BFDIR" && exec setpriv --reuid=65534 --regid=65534 --clear-groups "$BF" --path "$EMUDIR"'
else
    echo "note: not started as root: the not-root cases are not checked"
fi
same "an unprivileged user"
