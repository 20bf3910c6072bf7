#!/bin/bash
# tests/binfmt/e2e.sh - end to end: in `emu-binfmt --namespace`, an aarch64
# program run directly as ./prog runs under OUR emulator (the private
# instance holds only emu's entry, and emu's own log option, read from
# EMU_* variables that qemu ignores, writes the trace), with the argv[0]
# each P setting promises, and with F also in a chroot holding no emulator.
. "$(dirname "$0")/lib.sh"

if [ $INNER = 0 ]; then
    require_private_instance
    require_prog
    mkdir "$TMP/run" "$TMP/root"
    cp "$PROG" "$TMP/run/prog"
    cp "$PROG" "$TMP/root/prog"
    inside --preserve-argv0 no || fail "inside the namespace (P off)"
    E2E_P=1 inside || fail "inside the namespace (P on)"
    # Without F the kernel opens the emulator at exec time, in the chroot,
    # where there is none.
    ns --persistent no -- chroot "$TMP/root" /prog 2>/dev/null &&
        fail "without F the program ran in a root without the emulator"
    ok "without F the program does not run in a root without the emulator"
    check_host_unchanged
    echo PASS
    exit 0
fi

entries=$(ls "$BFDIR" | grep -v -e '^register$' -e '^status$')
expect_not "$entries" qemu "no qemu entry in the private instance"
expect "$(cat "$BFDIR/emu-aarch64")" "interpreter $EMUDIR/emu-aarch64" "the entry runs our emulator"

cd "$TMP/run" || fail "cd"
out=$(EMU_STRACE=1 EMU_LOG_FILENAME="$TMP/run/trace" ./prog first "second arg")
if [ -n "${E2E_P:-}" ]; then
    [ "$out" = "[./prog][first][second arg]" ] || fail "P: ./prog printed $out"
    ok "P: ./prog runs and gets its own argv"
    out=$(bash -c 'exec -a custom0 ./prog x')
    [ "$out" = "[custom0][x]" ] || fail "P: exec -a custom0 gave $out (the emulator's handling of AT_FLAGS_PRESERVE_ARGV0)"
    ok "P: argv[0] is the one the program was started with"
else
    # Without P the kernel replaces argv[0] with the path it executed.
    [ "$out" = "[./prog][first][second arg]" ] || fail "./prog printed $out"
    ok "./prog runs and gets its argv"
    out=$(bash -c 'exec -a custom0 ./prog x')
    [ "$out" = "[$TMP/run/prog][x]" ] || fail "without P: exec -a custom0 gave $out"
    ok "without P: argv[0] is the program's path"
fi
grep -q 'write(1,' "$TMP/run/trace" || fail "emu's trace has no write(1, ...): $(head -3 "$TMP/run/trace")"
ok "emu-aarch64 ran it (its EMU_STRACE trace is there)"
rm -f "$TMP/run/trace"

# F: the emulator was opened at registration, so a root without it works.
out=$(chroot "$TMP/root" /prog in-chroot) || fail "F: the program did not run in a root without the emulator"
[ "$out" = "[/prog][in-chroot]" ] || fail "F: in the chroot it printed $out"
ok "F: the program runs in a root that holds no emulator"
