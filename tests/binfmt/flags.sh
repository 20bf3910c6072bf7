#!/bin/bash
# tests/binfmt/flags.sh - the emulator as a binfmt_misc interpreter:
#   O  an execute-only guest (mode 0111) runs for a user who cannot read it;
#      without O the same user gets emu's one-line "cannot open" error;
#   C  a setuid-root guest run by an unprivileged user sees euid 0 and
#      AT_SECURE=1, and the user's EMU_* variables (a log file to write, a
#      prefix to load from) are ignored;
#   execve inside chroots: no /proc, /proc a symlink loop (as
#      debootstrap --foreign leaves it), and a chroot the guest entered
#      itself with chroot(2) — a guest exec'ing a guest works in each, and
#      /proc/self/exe fails there exactly as the kernel's would.
# PROG is tests/binfmt/probe.c built static (argument 3).
. "$(dirname "$0")/lib.sh"

run_as() { # run_as UID CMD...: CMD with that real uid/gid and no groups
    local u=$1
    shift
    setpriv --reuid="$u" --regid="$u" --clear-groups "$@"
}

if [ $INNER = 0 ]; then
    require_private_instance
    require_prog
    [ "$(id -u)" = 0 ] || skip "needs root (setuid and execute-only cases)"
    command -v setpriv >/dev/null || skip "setpriv(1) is not installed"
    cp "$PROG" "$TMP/xonly" && chmod 0111 "$TMP/xonly"
    cp "$PROG" "$TMP/suid" && chmod 4755 "$TMP/suid"
    for r in noproc loop self; do
        mkdir -p "$TMP/$r/bin" "$TMP/$r/inner/bin"
        cp "$PROG" "$TMP/$r/bin/probe"
        cp "$PROG" "$TMP/$r/inner/bin/probe"
    done
    ln -s /proc "$TMP/loop/proc"
    mkdir "$TMP/self/proc"

    # O, as a user who cannot read the file (its own user namespace).
    out=$(cd "$TMP" && run_as 65534 "$BF" --namespace --quiet --path "$EMUDIR" -- ./xonly a 2>&1)
    expect "$out" "[./xonly][a]" "O: an execute-only guest runs for a user who cannot read it"
    out=$(cd "$TMP" && run_as 65534 "$BF" --namespace --quiet --path "$EMUDIR" --open-binary no -- ./xonly a 2>&1)
    expect "$out" "cannot open: Permission denied" "without O: emu says it cannot open the file"

    # C: real root's namespace maps every id, so the file is owned by root
    # there and its setuid bit counts.
    ns --credential yes -- "$0" --inner "${ARGS[@]}" || fail "the C cases"
    [ -e "$TMP/pwned.log" ] && fail "C: emu wrote the log file the user asked for"
    ok "C: the user's EMU_LOG_FILENAME was ignored"

    # chroots without a usable /proc
    inside --pid || fail "the chroot cases"
    check_host_unchanged
    echo PASS
    exit 0
fi

if [ "$(grep -c . "$BFDIR/emu-aarch64")" -gt 0 ] && grep -q 'flags: .*C' "$BFDIR/emu-aarch64"; then
    out=$(cd "$TMP" && EMU_LOG_FILENAME="$TMP/pwned.log" EMU_STRACE=1 \
          EMU_LD_PREFIX=/nonexistent run_as 1000 ./suid x 2>&1)
    expect "$out" "uid=1000 euid=0 secure=1" "C: a setuid-root guest runs with euid 0 and AT_SECURE"
    expect_not "$out" "write(1," "C: EMU_STRACE is ignored for a privileged guest"
    out=$(cd "$TMP" && run_as 1000 ./xonly y 2>&1)
    expect "$out" "uid=1000 euid=1000 secure=0" "C: a plain guest keeps the user's ids and AT_SECURE=0"
    exit 0
fi

# /proc here is the namespace's own (--pid); the chroots have none.
for r in noproc loop; do
    out=$(chroot "$TMP/$r" /bin/probe exec /bin/probe exec /bin/probe end 2>&1)
    expect "$out" "[/bin/probe][end]" "$r: a guest exec'ing a guest exec'ing a guest works"
    [ "$(printf '%s\n' "$out" | grep -c '^\[/bin/probe\]')" = 3 ] || fail "$r: $out"
done
expect "$(chroot "$TMP/noproc" /bin/probe)" "exe=No such file or directory" \
    "no /proc: /proc/self/exe is ENOENT, as for a native program"
expect "$(chroot "$TMP/loop" /bin/probe)" "exe=Too many levels of symbolic links" \
    "/proc loop: /proc/self/exe is ELOOP, as for a native program"
# The guest enters a chroot without /proc itself: emu started with /proc.
mount --bind /proc "$TMP/self/proc" || fail "bind /proc"
out=$(chroot "$TMP/self" /bin/probe chroot /inner /bin/probe exec /bin/probe end 2>&1)
expect "$out" "[/bin/probe][end]" "a guest that entered a chroot itself execs a guest"
expect "$out" "exe=/bin/probe" "/proc/self/exe names the guest where /proc exists"
