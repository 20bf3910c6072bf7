#!/bin/bash
# tests/binfmt/e2e-arm.sh - emu-arm through binfmt_misc: in
# `emu-binfmt --namespace`, where emu-binfmt registered every emulator of
# the build, an armhf program run as ./prog runs under emu-arm with the P
# flag's argv[0], also in a chroot that holds no emulator (F), and an armhf
# program exec'ing an arm64 one (and the other way round) gets the right
# emulator for each.
#
#   e2e-arm.sh EMU_BINFMT EMUDIR A64_ARGV ARM_ARGV ARM_EXECV A64_EXECV
. "$(dirname "$0")/lib.sh"
ARM_PROG=${4:-}
ARM_EXECV=${5:-}
A64_EXECV=${6:-}

if [ $INNER = 0 ]; then
    require_private_instance
    require_prog
    [ -x "$EMUDIR/emu-arm" ] || skip "no emu-arm in $EMUDIR"
    [ -f "$ARM_PROG" ] && [ -f "$ARM_EXECV" ] ||
        skip "no armhf test programs (arm-linux-gnueabihf-gcc missing?)"
    mkdir "$TMP/run" "$TMP/root"
    cp "$ARM_PROG" "$TMP/run/prog"
    cp "$ARM_PROG" "$TMP/root/prog"
    cp "$ARM_EXECV" "$TMP/run/execv-arm"
    cp "$A64_EXECV" "$TMP/run/execv-a64"
    cp "$PROG" "$TMP/run/prog-a64"
    inside || fail "inside the namespace"
    check_host_unchanged
    echo PASS
    exit 0
fi

expect "$(cat "$BFDIR/emu-arm" 2>&1)" "interpreter $EMUDIR/emu-arm" "emu-binfmt registered emu-arm"
expect "$(cat "$BFDIR/emu-arm")" "flags: POF" "with the flags P, O and F"
expect "$(cat "$BFDIR/emu-arm")" "magic $ARM_MAGIC" "for 32-bit little-endian ARM ELF"

cd "$TMP/run" || fail "cd"
out=$(EMU_STRACE=1 EMU_LOG_FILENAME="$TMP/run/trace" ./prog first "second arg")
[ "$out" = "[./prog][first][second arg]" ] || fail "./prog printed $out"
ok "an armhf ./prog runs and gets its argv"
grep -q 'write(1,' "$TMP/run/trace" || fail "no EMU_STRACE trace of emu-arm: $(head -3 "$TMP/run/trace")"
ok "emu-arm ran it (its EMU_STRACE trace is there)"
rm -f "$TMP/run/trace"
out=$(bash -c 'exec -a custom0 ./prog x')
[ "$out" = "[custom0][x]" ] || fail "P: exec -a custom0 gave $out"
ok "P: argv[0] is the one the armhf program was started with"

out=$(./execv-arm ./prog-a64 from-arm) || fail "armhf -> arm64 exec failed: $out"
[ "$out" = "[./prog-a64][from-arm]" ] || fail "armhf -> arm64 exec printed $out"
ok "an armhf program execs an arm64 one"
out=$(./execv-a64 ./prog from-a64) || fail "arm64 -> armhf exec failed: $out"
[ "$out" = "[./prog][from-a64]" ] || fail "arm64 -> armhf exec printed $out"
ok "an arm64 program execs an armhf one"

out=$(chroot "$TMP/root" /prog in-chroot) || fail "F: the armhf program did not run in a root without the emulator"
[ "$out" = "[/prog][in-chroot]" ] || fail "F: in the chroot it printed $out"
ok "F: the armhf program runs in a root that holds no emulator"
