#!/bin/bash
# run-guest.sh - run one guest program and compare what it did with a
# checked-in expectation.
#
#   run-guest.sh EXPECTED_FILE COMMAND [ARGS...]
#
# COMMAND is the emulator (or qemu-aarch64, for the oracle tests) with its
# options and the guest program.  The guest gets a clean environment
# (env -i) holding only PATH, LC_ALL=C, TMPDIR, EMU_TEST_VAR=hello and the
# caller's EMU_* emulator options, runs in a fresh empty directory with
# stdin from /dev/null, core dumps off, and a timeout.  Its stdout followed
# by the line "--- exit status N" (N as the shell reports it: 128+signal
# for a death by signal) must equal EXPECTED_FILE byte for byte.
#
# EMU_UPDATE_EXPECTED=1 writes EXPECTED_FILE instead of comparing (use it
# with the "oracle" tests, which run qemu-aarch64, then review the diff).
set -u
expected=$1
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/emu-guest.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
ulimit -c 0

envs=(PATH=/usr/bin:/bin LC_ALL=C "TMPDIR=${TMPDIR:-/tmp}" EMU_TEST_VAR=hello)
while IFS= read -r -d '' kv; do
    case "$kv" in
    EMU_TEST_* | EMU_UPDATE_EXPECTED=*) ;;
    EMU_*) envs+=("$kv") ;;
    esac
done < <(env -0)

(cd "$work" && exec env -i "${envs[@]}" timeout -k 5 "${EMU_TEST_TIMEOUT:-120}" "$@" \
    >"$work/stdout" 2>"$work/stderr" </dev/null)
status=$?

{
    cat "$work/stdout"
    if [ -s "$work/stdout" ] && [ "$(tail -c 1 "$work/stdout" | od -An -c | tr -d ' ')" != '\n' ]; then
        printf '\n[no newline at end of output]\n'
    fi
    echo "--- exit status $status"
} >"$work/actual"

if [ "${EMU_UPDATE_EXPECTED:-0}" = 1 ]; then
    cp "$work/actual" "$expected"
    echo "wrote $expected (exit status $status)"
    exit 0
fi
if [ ! -f "$expected" ]; then
    echo "no expected output $expected (run the oracle tests with EMU_UPDATE_EXPECTED=1)"
    cat "$work/actual"
    exit 1
fi
if cmp -s "$expected" "$work/actual"; then
    exit 0
fi
echo "FAIL: $* (exit status $status)"
echo "--- diff expected actual (first 60 lines):"
diff -u "$expected" "$work/actual" | head -60
if [ -s "$work/stderr" ]; then
    echo "--- guest/emulator stderr (last 30 lines):"
    tail -30 "$work/stderr"
fi
exit 1
