#!/bin/bash
# tests/binfmt/export.sh - --systemd/--exportdir writes binfmt.d files that
# the kernel accepts as they are and that give the same entry as a direct
# registration; --debian writes update-binfmts templates; the build's own
# binfmt.d file names the install directory.
. "$(dirname "$0")/lib.sh"

if [ $INNER = 0 ]; then
    require_private_instance
    inside || fail "inside the namespace"
    check_host_unchanged
    echo PASS
    exit 0
fi

line=":emu-aarch64:M:0:$A64_MAGIC_ESC:$ELF_MASK_ESC:$EMUDIR/emu-aarch64:POF"
out=$("$BF" --exportdir "$TMP/d/binfmt.d" --path "$EMUDIR" 2>&1) || fail "--exportdir: $out"
expect "$out" "emu-aarch64: wrote $TMP/d/binfmt.d/emu-aarch64.conf (interpreter $EMUDIR/emu-aarch64, flags POF)" "one line per file written"
f="$TMP/d/binfmt.d/emu-aarch64.conf"
[ "$(grep -v '^#' "$f")" = "$line" ] || { cat "$f" >&2; fail "the register line in $f"; }
ok "the file holds the register line (and comments only)"
want=emu-aarch64.conf
[ -x "$EMUDIR/emu-arm" ] && want="emu-aarch64.conf
emu-arm.conf"
[ "$(ls "$TMP/d/binfmt.d")" = "$want" ] || fail "files written: $(ls "$TMP/d/binfmt.d")"
ok "one file per emulator found"

# What systemd-binfmt does with it: each non-comment line to register.
direct=$(cat "$BFDIR/emu-aarch64")
echo -1 >"$BFDIR/emu-aarch64"
grep -v '^#' "$f" >"$BFDIR/register" || fail "the kernel rejected $f"
[ "$(cat "$BFDIR/emu-aarch64")" = "$direct" ] || fail "the file's entry differs from emu-binfmt's own"
ok "the kernel takes the file, and the entry equals a direct registration"

out=$("$BF" --systemd --exportdir "$TMP/s" --path /nonexistent/bin --persistent no --credential yes aarch64 2>&1) ||
    fail "--systemd for an emulator not installed yet: $out"
expect "$out" "(emulator not there yet, not checked)" "a named CPU gets a file before the emulator is installed"
[ "$(grep -v '^#' "$TMP/s/emu-aarch64.conf")" = ":emu-aarch64:M:0:$A64_MAGIC_ESC:$ELF_MASK_ESC:/nonexistent/bin/emu-aarch64:POC" ] ||
    fail "flags or path in $(cat "$TMP/s/emu-aarch64.conf")"
ok "--systemd with other flags and a future path"

out=$("$BF" --debian --exportdir "$TMP/deb" --path "$EMUDIR" --preserve-argv0 no aarch64 2>&1) || fail "--debian: $out"
expected="package emu
interpreter $EMUDIR/emu-aarch64
magic $A64_MAGIC_ESC
mask $ELF_MASK_ESC
offset 0
credentials no
preserve no
fix_binary yes"
[ "$(cat "$TMP/deb/emu-aarch64")" = "$expected" ] || { cat "$TMP/deb/emu-aarch64" >&2; fail "update-binfmts template"; }
ok "--debian writes an update-binfmts template"

# The file the build installs into lib/binfmt.d.
if [ -n "$CONFDIR" ] && [ -n "$BINDIR" ]; then
    [ "$(grep -v '^#' "$CONFDIR/emu-aarch64.conf")" = ":emu-aarch64:M:0:$A64_MAGIC_ESC:$ELF_MASK_ESC:$BINDIR/emu-aarch64:POF" ] ||
        fail "the build's $CONFDIR/emu-aarch64.conf: $(cat "$CONFDIR/emu-aarch64.conf")"
    ok "the build's binfmt.d file names $BINDIR/emu-aarch64"
fi
