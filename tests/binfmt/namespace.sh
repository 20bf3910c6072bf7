#!/bin/bash
# tests/binfmt/namespace.sh - emu-binfmt --namespace: the command runs as
# root of a new user namespace (the whole id range mapped when started by
# root, so chown works; the caller's own ids otherwise, also for an
# ordinary user), the private binfmt_misc holds emu's entries, the exit
# status comes back, --pid gives a PID namespace with its own /proc, and
# the host's entries stay as they were.
. "$(dirname "$0")/lib.sh"
require_private_instance

out=$(ns -- sh -c 'id -u; cat /proc/self/uid_map; ls "$BFDIR"') || fail "ns: $out"
expect "$out" "emu-aarch64" "the private instance has emu-aarch64"
[ "$(echo "$out" | head -1)" = 0 ] || fail "not uid 0 inside: $out"
ok "the command runs as uid 0 inside"
if [ "$(id -u)" = 0 ]; then
    expect_re "$out" "^ *0 +0 +4294967295\$" "root gets the whole id range mapped"
    touch "$TMP/owned"
    out=$(ns -- sh -c 'chown 1234:4321 "$TMP/owned" && stat -c %u:%g "$TMP/owned"') || fail "chown in the namespace: $out"
    [ "$out" = 1234:4321 ] || fail "chown gave $out"
    ok "chown to any id works in root's namespace"
else
    expect_re "$out" "^ *0 +$(id -u) +1\$" "an ordinary user is mapped to root"
fi

# Exit statuses.
ns -- sh -c 'exit 7'
[ $? = 7 ] || fail "the command's exit status did not come back"
ok "the command's exit status comes back"
ns --pid -- sh -c 'exit 9'
[ $? = 9 ] || fail "--pid: the command's exit status did not come back"
ok "--pid: the command's exit status comes back"

# The default command is $SHELL.
out=$(echo 'echo "shell-$(id -u)"' | SHELL=/bin/sh ns)
[ "$out" = shell-0 ] || fail "default command: $out"
ok "no command: \$SHELL runs"

# --pid: PID 1 of a new namespace, with its /proc, binfmt_misc on it.
out=$(ns --pid -- sh -c 'echo $$; ls /proc | grep -c "^[0-9]"; cat "$BFDIR/emu-aarch64" | head -1') ||
    fail "--pid: $out"
[ "$(echo "$out" | sed -n 1p)" = 1 ] || fail "--pid: the command is not PID 1: $out"
[ "$(echo "$out" | sed -n 2p)" -le 3 ] || fail "--pid: /proc shows other processes: $out"
[ "$(echo "$out" | sed -n 3p)" = enabled ] || fail "--pid: no emu-aarch64 on the new /proc: $out"
ok "--pid: PID 1, its own /proc, the private binfmt_misc on it"
if [ -n "$PROG" ] && [ -f "$PROG" ]; then
    cp "$PROG" "$TMP/prog"
    out=$(ns --pid -- "$TMP/prog" direct) || fail "--pid: running the program: $out"
    [ "$out" = "[$TMP/prog][direct]" ] || fail "--pid: the program printed $out"
    ok "--pid: an aarch64 program given as the command runs"
fi

# An ordinary user gets the same (when we can become one).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    asuser() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    out=$(asuser "$BF" --namespace --quiet --path "$EMUDIR" -- sh -c 'id -u; cat /proc/self/uid_map; cat "$BFDIR/emu-aarch64"' 2>&1) ||
        fail "an ordinary user's namespace: $out"
    expect_re "$out" "^ *0 +65534 +1\$" "an ordinary user: its uid mapped to root"
    expect "$out" "interpreter $EMUDIR/emu-aarch64" "an ordinary user: emu registered in its own instance"
    if [ -n "$PROG" ] && [ -f "$PROG" ]; then
        out=$(asuser "$BF" --namespace --quiet --path "$EMUDIR" -- "$TMP/prog" user) || fail "an ordinary user: running the program: $out"
        [ "$out" = "[$TMP/prog][user]" ] || fail "an ordinary user: the program printed $out"
        ok "an ordinary user runs ./prog through its own binfmt_misc"
    fi
fi
check_host_unchanged
echo PASS
