#!/bin/bash
# tests/binfmt/register.sh - emu-binfmt registers emu-aarch64 with the right
# name, magic, mask, interpreter and flags; the option values change the
# flags; registering again replaces the entry (one entry, said so).
. "$(dirname "$0")/lib.sh"
require_private_instance

# The default registration, done by --namespace itself, with its report.
out=$("$BF" --namespace --path "$EMUDIR" -- cat "$BFDIR/emu-aarch64" 2>"$TMP/err") ||
    fail "emu-binfmt --namespace failed: $(cat "$TMP/err")"
err=$(cat "$TMP/err")
expect "$err" "emu-aarch64: registered $EMUDIR/emu-aarch64 for aarch64 programs, flags POF" "one line saying what was registered"
expected="enabled
interpreter $EMUDIR/emu-aarch64
flags: POF
offset 0
magic $A64_MAGIC
mask $ELF_MASK"
[ "$out" = "$expected" ] || { printf '%s\n' "$out" >&2; fail "the kernel's view of emu-aarch64"; }
ok "entry emu-aarch64: enabled, interpreter, flags POF, magic and mask"
if [ -x "$EMUDIR/emu-arm" ]; then
    out=$(ns -- cat "$BFDIR/emu-arm") || fail "no emu-arm entry"
    expect "$out" "magic $ARM_MAGIC" "emu-arm magic"
    expect "$out" "mask $ELF_MASK" "emu-arm mask"
else
    expect "$err" "emu-arm: skipped, no $EMUDIR/emu-arm" "a missing emu-arm is skipped, and said so"
fi

# The private instance holds only what emu-binfmt put there: no qemu.
out=$(ns -- ls "$BFDIR") || fail "ls $BFDIR"
[ "$(echo "$out" | grep -v -e '^register$' -e '^status$' -e '^emu-' | wc -l)" = 0 ] ||
    fail "unexpected entries in the private instance: $out"
ok "the private instance holds only emu's entries"

# Flags follow the options (C implies O; F off; O off).
flags() { ns "$@" -- sed -n 's/^flags: //p' "$BFDIR/emu-aarch64"; }
[ "$(flags --credential yes)" = POCF ] || fail "--credential yes: $(flags --credential yes)"
ok "--credential yes gives POCF"
[ "$(flags --open-binary no --credential yes)" = POCF ] || fail "C implies O"
ok "C implies O"
[ "$(flags --persistent no)" = PO ] || fail "--persistent no: $(flags --persistent no)"
ok "--persistent no drops F"
[ "$(flags --preserve-argv0 no)" = OF ] || fail "--preserve-argv0 no: $(flags --preserve-argv0 no)"
ok "--preserve-argv0 no drops P"
[ "$(flags --open-binary no)" = PF ] || fail "--open-binary no: $(flags --open-binary no)"
ok "--open-binary no drops O"
[ "$(flags --preserve-argv0=no --persistent=no --open-binary=no)" = "" ] || fail "no flags at all"
ok "--opt=value forms, no flags at all"

# Registering again (here with other flags) replaces the entry.
out=$(ns -- sh -c '"$BF" --path "$EMUDIR" --persistent no aarch64 && cat "$BFDIR/emu-aarch64" && ls "$BFDIR"') ||
    fail "second registration failed: $out"
expect "$out" "emu-aarch64: replaced the existing entry ($EMUDIR/emu-aarch64, flags POF): now $EMUDIR/emu-aarch64 for aarch64 programs, flags PO" "re-registering says it replaced the entry"
expect "$out" "flags: PO
" "the new flags are in force"
[ "$(echo "$out" | grep -c '^emu-aarch64$')" = 1 ] || fail "one entry named emu-aarch64"
ok "still one entry named emu-aarch64"

# Relative --path becomes an absolute interpreter path.
out=$(cd "$EMUDIR/.." && ns --path "$(basename "$EMUDIR")" -- sed -n 's/^interpreter //p' "$BFDIR/emu-aarch64") ||
    fail "relative --path"
[ "$out" = "$EMUDIR/emu-aarch64" ] || fail "relative --path gave interpreter $out"
ok "a relative --path is made absolute"

# Plain emu-binfmt where binfmt_misc is not mounted mounts it first.  Done
# in a user namespace, where that mount is a private instance; only where
# the host has none mounted (else the namespace would see the host's).
if ! grep -qw binfmt_misc /proc/self/mountinfo; then
    out=$(unshare --user --map-root-user --mount "$BF" --path "$EMUDIR" 2>&1) || fail "register with mount: $out"
    expect "$out" "mounted binfmt_misc on $BFDIR" "binfmt_misc is mounted when it is not"
    expect "$out" "emu-aarch64: registered $EMUDIR/emu-aarch64 for aarch64 programs, flags POF" "then the entry registered"
fi

check_host_unchanged
echo PASS
