#!/bin/bash
# tests/binfmt/status.sh - emu-binfmt --status names every entry that
# matches aarch64 programs (emu's, qemu's, others), in the order the kernel
# tries them, and the one the kernel uses; each claim is checked against
# what really runs the program.  The conflicting "qemu-aarch64" entry is a
# shell script in the private instance.
. "$(dirname "$0")/lib.sh"

if [ $INNER = 0 ]; then
    require_private_instance
    require_prog
    inside || fail "inside the namespace"
    check_host_unchanged
    echo PASS
    exit 0
fi

E=$(re "$EMUDIR/emu-aarch64")
cp "$PROG" "$TMP/prog"
printf '#!/bin/sh\necho "FAKE-QEMU $*"\n' >"$TMP/fake-qemu"
chmod +x "$TMP/fake-qemu"

s=$("$BF" --status) || fail "--status failed"
expect "$s" "binfmt_misc on $BFDIR: enabled" "the instance is enabled"
a=$(section "$s" aarch64)
expect "$a" "aarch64 programs (ELF64 little-endian, EM_AARCH64):" "an aarch64 section"
expect_re "$a" "^  emu-aarch64 +emu +enabled +flags POF +$E\$" "our entry, enabled, flags and interpreter"
expect "$a" "  kernel uses: emu-aarch64" "the kernel uses ours"
if [ -x "$EMUDIR/emu-arm" ]; then
    expect "$(section "$s" arm)" "kernel uses: emu-arm" "the arm entry is emu-arm's"
else
    expect "$(section "$s" arm)" "kernel uses: none" "no arm entry here"
fi

# A qemu entry with the same magic, registered after ours, wins.
echo ":qemu-aarch64:M::$A64_MAGIC_ESC:$ELF_MASK_ESC:$TMP/fake-qemu:" >"$BFDIR/register" ||
    fail "cannot register the fake qemu entry"
a=$(section "$("$BF" --status)" aarch64)
expect_re "$a" "^  qemu-aarch64 +qemu +enabled +flags - +$(re "$TMP/fake-qemu")\$" "qemu's entry is listed"
[ "$(echo "$a" | grep -E '^  (qemu|emu)-aarch64' | awk '{print $1}' | tr '\n' ' ')" = "qemu-aarch64 emu-aarch64 " ] ||
    fail "entries not in kernel order (newest first): $a"
ok "entries listed in the kernel's order, newest first"
expect "$a" "  kernel uses: qemu-aarch64" "status: the kernel uses the newer qemu entry"
out=$("$TMP/prog" x)
[ "$out" = "FAKE-QEMU $TMP/prog x" ] || fail "the program ran with '$out', not the fake qemu"
ok "and the kernel does run the fake qemu"

# Registering ours again: a warning naming qemu's entry; ours wins again.
out=$("$BF" --path "$EMUDIR" aarch64 2>&1) || fail "re-registration: $out"
expect "$out" "emu-binfmt: warning: entry qemu-aarch64 ($TMP/fake-qemu, enabled) also matches aarch64 programs; the kernel uses emu-aarch64" "the conflict warning names qemu-aarch64 and the winner"
[ "$(echo "$out" | grep -c warning)" = 1 ] || fail "one warning line: $out"
a=$(section "$("$BF" --status)" aarch64)
expect "$a" "  kernel uses: emu-aarch64" "status: ours, registered last"
out=$("$TMP/prog" x)
[ "$out" = "[$TMP/prog][x]" ] || fail "the program printed '$out', not run by emu"
ok "and the kernel runs emu-aarch64"

# Disabled entries are skipped by the kernel.
echo 0 >"$BFDIR/emu-aarch64"
a=$(section "$("$BF" --status)" aarch64)
expect_re "$a" "^  emu-aarch64 +emu +disabled " "ours shown disabled"
expect "$a" "  kernel uses: qemu-aarch64" "status: a disabled entry does not win"
[ "$("$TMP/prog" x)" = "FAKE-QEMU $TMP/prog x" ] || fail "the disabled entry ran"
ok "and the kernel skips the disabled entry"
echo 1 >"$BFDIR/emu-aarch64"

# An entry for PIE (ET_DYN) programs only: the winner depends on e_type.
pie_magic=${A64_MAGIC_ESC/\\x02\\x00\\xb7/\\x03\\x00\\xb7}
pie_mask=${ELF_MASK_ESC/\\xfe/\\xff}
echo ":pie-only:M::$pie_magic:$pie_mask:/bin/false:" >"$BFDIR/register" ||
    fail "cannot register the pie-only entry"
a=$(section "$("$BF" --status)" aarch64)
expect_re "$a" "^  pie-only +other +enabled .*\\(only ET_DYN \\(PIE\\), ET_DYN\\+ELFOSABI_GNU\\)\$" "a partial match says which programs it takes"
expect "$a" "  kernel uses: emu-aarch64 for ET_EXEC, ET_EXEC+ELFOSABI_GNU (static glibc); pie-only for ET_DYN (PIE), ET_DYN+ELFOSABI_GNU" "winners per kind of program"
[ "$("$TMP/prog" x)" = "[$TMP/prog][x]" ] || fail "the static (ET_EXEC) program did not run under emu"
ok "and the static program still runs under emu"

# --status FILE: the kernel's choice for that very file.
s=$("$BF" --status "$TMP/prog" /bin/true)
expect "$s" "$TMP/prog: kernel uses: emu-aarch64 ($EMUDIR/emu-aarch64, flags POF)" "--status FILE names the winner"
expect "$s" "$TMP/prog: also matches: qemu-aarch64 ($TMP/fake-qemu, enabled)" "--status FILE names the others"
expect_not "$s" "$TMP/prog: also matches: pie-only" "the ET_DYN-only entry does not match a static program"
expect "$s" "/bin/true: kernel uses: none" "a host program matches nothing"

# Extension entries match on the file name.
echo ":by-ext:E::xyz::/bin/true:" >"$BFDIR/register" || fail "cannot register an E entry"
printf 'not an ELF\n' >"$TMP/file.xyz"
chmod +x "$TMP/file.xyz"
expect "$("$BF" --status "$TMP/file.xyz")" "kernel uses: by-ext (/bin/true, flags -)" "--status FILE knows extension entries"
"$TMP/file.xyz" || fail "the kernel did not run file.xyz with /bin/true"
ok "and the kernel runs it so"

# The whole instance disabled: nothing runs.
echo 0 >"$BFDIR/status"
s=$("$BF" --status)
expect "$s" "binfmt_misc on $BFDIR: DISABLED" "status shows the instance disabled"
expect "$(section "$s" aarch64)" "  kernel uses: none" "and that no entry is used"
"$TMP/prog" x >/dev/null 2>&1 && fail "the program ran with binfmt_misc disabled"
ok "and the kernel runs nothing"
echo 1 >"$BFDIR/status"

# Not mounted (in a mount namespace of our own, where we unmount it).
s=$(unshare --mount sh -c 'umount "$BFDIR" && "$BF" --status' 2>&1)
if ! unshare --mount sh -c 'umount "$BFDIR" && grep -qw binfmt_misc /proc/self/mountinfo'; then
    expect "$s" "binfmt_misc is not mounted on $BFDIR" "--status says when binfmt_misc is not mounted"
fi
