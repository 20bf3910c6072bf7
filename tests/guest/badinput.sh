#!/bin/bash
# badinput.sh - the emulator given something it cannot run must say so in
# exactly one line on stderr and exit with a non-zero status below 128
# (an error exit, not a crash or a signal).
#
#   badinput.sh COMMAND [ARGS...]
set -u
work=$(mktemp -d "${TMPDIR:-/tmp}/emu-bad.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
ulimit -c 0
timeout -k 5 30 "$@" >"$work/out" 2>"$work/err" </dev/null
status=$?
lines=$(wc -l <"$work/err")
# a last line without a newline still counts as a line
if [ -s "$work/err" ] && [ "$(tail -c 1 "$work/err" | od -An -c | tr -d ' ')" != '\n' ]; then
    lines=$((lines + 1))
fi
ok=1
if [ "$status" -eq 0 ]; then echo "FAIL: exit status 0 (must be non-zero)"; ok=0; fi
if [ "$status" -ge 124 ]; then echo "FAIL: exit status $status (timeout, crash or signal)"; ok=0; fi
if [ "$lines" -ne 1 ]; then echo "FAIL: $lines lines on stderr (must be exactly 1)"; ok=0; fi
echo "command: $*"
echo "exit status: $status"
echo "stderr:"
head -20 "$work/err"
[ -s "$work/out" ] && { echo "stdout:"; head -5 "$work/out"; }
[ $ok = 1 ] && exit 0 || exit 1
