#!/bin/bash
# tests/binfmt/remove.sh - emu-binfmt --remove removes emu's entries and
# nothing else, says what it removed, and is harmless when there is none.
. "$(dirname "$0")/lib.sh"

if [ $INNER = 0 ]; then
    require_private_instance
    inside || fail "inside the namespace"
    check_host_unchanged
    echo PASS
    exit 0
fi

[ -e "$BFDIR/emu-aarch64" ] || fail "emu-aarch64 was not registered"
# Another tool's entry, for the same programs even.
echo ":qemu-aarch64:M::$A64_MAGIC_ESC:$ELF_MASK_ESC:/bin/false:" >"$BFDIR/register" ||
    fail "cannot register the other entry"
# An entry of another name with our interpreter is not ours either.
echo ":aarch64:M::$A64_MAGIC_ESC:$ELF_MASK_ESC:$EMUDIR/emu-aarch64:" >"$BFDIR/register" ||
    fail "cannot register the aarch64 entry"

out=$("$BF" --remove 2>&1) || fail "--remove failed: $out"
expect "$out" "emu-aarch64: removed (it was $EMUDIR/emu-aarch64, flags POF)" "--remove says what it removed"
if [ -x "$EMUDIR/emu-arm" ]; then
    expect "$out" "emu-arm: removed (it was $EMUDIR/emu-arm, flags POF)" "and emu-arm's entry"
else
    expect "$out" "emu-arm: not registered" "and what was not there"
fi
[ -e "$BFDIR/emu-aarch64" ] && fail "emu-aarch64 is still registered"
ok "emu-aarch64 is gone"
[ -e "$BFDIR/qemu-aarch64" ] && [ -e "$BFDIR/aarch64" ] || fail "--remove removed entries that are not emu's"
ok "the other entries stay"

out=$("$BF" --remove aarch64 2>&1) || fail "a second --remove failed: $out"
[ "$out" = "emu-aarch64: not registered" ] || fail "second --remove aarch64: $out"
ok "--remove CPU with nothing to remove"

"$BF" --path "$EMUDIR" --quiet aarch64 || fail "registering again"
out=$("$BF" --remove --quiet arm64 2>&1) || fail "--remove --quiet arm64: $out"
[ -z "$out" ] || fail "--quiet printed: $out"
[ -e "$BFDIR/emu-aarch64" ] && fail "--remove arm64 (Debian's name) left emu-aarch64"
ok "--remove arm64 --quiet"
