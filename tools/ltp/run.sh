#!/bin/bash
# Run the Linux Test Project's syscalls suite (runtest/syscalls), built for
# the guest architecture (aarch64, or armhf with ARCH=armhf), under emu-ARCH
# and under qemu-ARCH, and compare.
#
#   run.sh [--arch A] COMMAND ...   (same as ARCH=A run.sh COMMAND ...)
#   run.sh build [LTP_SRC]   configure + build lib/ and testcases/kernel/syscalls
#                            statically for the guest, install into $WORK/install
#   run.sh list              write $WORK/tests.tsv (name, command) and
#                            $WORK/excluded.tsv (name, reason)
#   run.sh run [emu|qemu|both] [NAME-REGEX]
#                            run the listed tests (both emulators interleaved)
#   run.sh rerun-timeouts    rerun tests that timed out with $TIMEOUT2
#   run.sh confirm           rerun (both) each test whose status differs
#                            between emu and qemu; a changed status is
#                            reported as flaky
#   run.sh report            write results-{emu,qemu}.tsv and diff.md
#   run.sh all [LTP_SRC]     build, list, run both, rerun-timeouts, confirm,
#                            report
#
# Environment (defaults in brackets):
#   ARCH [aarch64]         guest: aarch64 (aarch64-linux-gnu-gcc, qemu-aarch64,
#                          emu-aarch64) or armhf (arm-linux-gnueabihf-gcc,
#                          qemu-arm, emu-arm)
#   WORK [$PWD/ltp-work]   output dir: install/, logs/{emu,qemu}/, *.tsv, diff.md
#   LTP_SRC                LTP source tree (a git clone; the build machine
#                          cannot download it)
#   EMU [$WORK/emu-ARCH, else build/emu-ARCH of this repo; emu-arm for armhf]
#   QEMU [/usr/bin/qemu-aarch64, /usr/bin/qemu-arm for armhf]
#   JOBS [2]  TIMEOUT [120]  TIMEOUT2 [0 = no rerun]
#   LTP_RUNTIME_MUL [0.1]    shortens LTP's runtime-bound tests (fuzzy-sync
#                            races etc.) equally for both emulators
#
# Each test runs as `cd $INSTALL/testcases/bin && EMULATOR ./cmd args` inside
# `unshare --ipc --uts --mount --pid --fork --mount-proc`, so mount, IPC,
# hostname and kill(-1) tests cannot touch the host, and every process the
# test leaves behind dies with the namespace. Needs root (as LTP does).
# Tests that change the whole host (clock, swap, modules, reboot, acct,
# quotas, users) or need block/loop devices are excluded: see cmd_list.
set -u

die() { echo "run.sh: $*" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if [ "${1:-}" = --arch ]; then
    [ $# -ge 2 ] || die "--arch needs aarch64 or armhf"
    ARCH=$2; shift 2
fi
ARCH=${ARCH:-aarch64}
# The guest: cross compiler triple (and its Debian package), emulator names.
case $ARCH in
aarch64|arm64) ARCH=aarch64; TRIPLE=aarch64-linux-gnu; EMU_NAME=emu-aarch64; QEMU_NAME=qemu-aarch64 ;;
armhf|arm) ARCH=armhf; TRIPLE=arm-linux-gnueabihf; EMU_NAME=emu-arm; QEMU_NAME=qemu-arm ;;
*) die "unknown ARCH $ARCH (aarch64 or armhf)" ;;
esac
WORK=${WORK:-$PWD/ltp-work}
INSTALL=$WORK/install
BIN=$INSTALL/testcases/bin
if [ -z "${EMU:-}" ]; then
    if [ -x "$WORK/$EMU_NAME" ]; then EMU=$WORK/$EMU_NAME
    else EMU=$repo/build/$EMU_NAME; fi
fi
QEMU=${QEMU:-/usr/bin/$QEMU_NAME}
JOBS=${JOBS:-2}
TIMEOUT=${TIMEOUT:-120}
TIMEOUT2=${TIMEOUT2:-0}
LTP_RUNTIME_MUL=${LTP_RUNTIME_MUL:-0.1}
export ARCH WORK INSTALL BIN EMU QEMU TIMEOUT LTP_RUNTIME_MUL

cmd_build() {
    local src=${1:-${LTP_SRC:-}}
    [ -n "$src" ] && [ -f "$src/configure.ac" ] || die "give the LTP source dir (argument or \$LTP_SRC)"
    src=$(cd "$src" && pwd)
    mkdir -p "$WORK"
    # Tests that use block/loop devices (tst_test flags or the loop helpers
    # directly): found from the sources, so cmd_list can exclude them.
    grep -rlE 'tst_find_free_loopdev|tst_acquire_device|tst_attach_device|TST_ALL_FILESYSTEMS|\.needs_device|\.mount_device|\.all_filesystems|\.format_device' \
        --include='*.c' "$src/testcases/kernel/syscalls" |
        xargs -n1 basename | sed 's/\.c$//' | sort -u >"$WORK/device-tests"
    for t in autoconf automake m4 bison flex pkg-config $TRIPLE-gcc; do
        command -v $t >/dev/null || die "missing $t (apt-get install autoconf automake m4 bison flex pkg-config gcc-$TRIPLE)"
    done
    (
        set -e
        cd "$src"
        [ -x configure ] || make autotools
        # (install with prefix=$INSTALL below, so a tree configured for
        # another prefix still installs here)
        [ -f include/mk/config.mk ] ||
            ./configure --host=$TRIPLE --prefix="$INSTALL" \
                LDFLAGS=-static CFLAGS="-O2 -g0"
        make -C lib -j"$JOBS"
        make -C testcases/lib -j"$JOBS" && make -C testcases/lib prefix="$INSTALL" install
        mkdir -p "$INSTALL/runtest"
        cp runtest/syscalls "$INSTALL/runtest/"
        # -k: a few tests need libraries the cross sysroot lacks (libnuma,
        # libaio, libcap...); the rest still builds. Each subdirectory is
        # built and installed in turn (logs in $WORK/buildlogs/, finished
        # ones appended to $WORK/built-dirs), so on a slow machine `list` and
        # `run` can start on the tests already installed.
        mkdir -p "$WORK/buildlogs"; : >"$WORK/built-dirs"
        for d in testcases/kernel/syscalls/*/; do
            [ -f "$d/Makefile" ] || continue
            n=$(basename "$d")
            { make -C "$d" -j"$JOBS" -k; make -C "$d" -k prefix="$INSTALL" install; } \
                >"$WORK/buildlogs/$n.log" 2>&1 || echo "$n: some tests did not build" >&2
            echo "$n" >>"$WORK/built-dirs"
        done
        # runtest/syscalls also names a few tests that live elsewhere.
        for d in testcases/kernel/ipc/msgstress testcases/kernel/ipc/pipeio \
            testcases/kernel/security/prot_hsymlinks \
            testcases/kernel/security/dirtyc0w \
            testcases/kernel/security/dirtyc0w_shmem \
            testcases/kernel/security/dirtypipe; do
            [ -d "$d" ] || continue
            make -C "$d" -j"$JOBS" -k && make -C "$d" prefix="$INSTALL" install || true
        done
        echo DONE >>"$WORK/built-dirs"
    ) || die "build failed"
}

# Host-wide effects that a namespace does not contain.
host_reason() {
    case $1 in
    settimeofday*|stime*|clock_settime*|adjtimex*|clock_adjtime*|leapsec*) echo "sets the host clock" ;;
    swapon*|swapoff*) echo "host swap" ;;
    init_module*|delete_module*|finit_module*) echo "kernel modules" ;;
    keyctl05) echo "runs modprobe" ;;
    reboot*) echo "reboot" ;;
    acct*) echo "process accounting is host-wide" ;;
    quotactl*) echo "quotas need a device" ;;
    add_key05|setpriority01|prot_hsymlinks) echo "runs useradd on the host" ;;
    ioctl_loop*) echo "host loop devices" ;;
    *) return 1 ;;
    esac
}

cmd_list() {
    local rt=$INSTALL/runtest/syscalls
    [ -f "$rt" ] || die "no $rt: run build first"
    : >"$WORK/tests.tsv"; : >"$WORK/excluded.tsv"
    grep -vE '^[[:space:]]*(#|$)' "$rt" | while read -r name cmd args; do
        local r
        if r=$(host_reason "$name") || r=$(host_reason "$cmd"); then
            printf '%s\t%s\n' "$name" "$r" >>"$WORK/excluded.tsv"
        elif grep -qxF -e "$cmd" -e "${cmd%_64}" -e "${cmd%_16}" "$WORK/device-tests" 2>/dev/null; then
            # (NAME_64 and NAME_16 are NAME.c built with other flags)
            printf '%s\t%s\n' "$name" "needs a block/loop device" >>"$WORK/excluded.tsv"
        elif [ ! -x "$BIN/$cmd" ]; then
            printf '%s\t%s\n' "$name" "not built" >>"$WORK/excluded.tsv"
        elif [ "$(head -c4 "$BIN/$cmd" | od -An -c | tr -d ' ')" != '177ELF' ]; then
            # a shell wrapper: the host's sh cannot exec the guest test
            printf '%s\t%s\n' "$name" "shell script, not an $ARCH program" >>"$WORK/excluded.tsv"
        else
            printf '%s\t%s%s\n' "$name" "$cmd" "${args:+ $args}" >>"$WORK/tests.tsv"
        fi
    done
    echo "$(wc -l <"$WORK/tests.tsv") tests, $(wc -l <"$WORK/excluded.tsv") excluded"
}

# classify LOG RC -> STATUS
classify() {
    local log=$1 rc=$2
    if [ "$rc" = 124 ] || [ "$rc" = 137 ] || grep -qE 'Test killed! \(timeout\?\)|Test timeouted' "$log"; then
        echo TIMEOUT
    elif [ "$rc" -ge 128 ] || grep -qE '^emu-(aarch64|arm): |Test killed by SIG|Assertion .* failed' "$log"; then
        echo CRASH
    elif [ "$rc" = 0 ]; then
        echo PASS
    elif [ "$rc" = 32 ]; then
        echo CONF
    else
        echo FAIL
    fi
}

# One test: _one KIND NAME CMD [ARGS...]; appends to $WORK/raw-KIND.tsv
cmd__one() {
    local kind=$1 name=$2; shift 2
    local wrap log tmp rc t0 t1 st extra="" first
    case $kind in
    emu) wrap=$EMU ;;
    qemu) wrap=$QEMU ;;
    esac
    log=$WORK/logs/$kind/$name.log
    tmp=$(mktemp -d "/tmp/ltp-$kind-$name.XXXXXX")
    chmod 777 "$tmp"
    t0=$(date +%s.%N)
    # Hide the host's loop devices inside the namespace: a test whose tmpfs
    # mount fails (or that wants a device) must not attach, format or mount
    # a host loop device; it gets "no free loop device" and gives up.
    # A private /dev/shm too: LTP names its shared results file
    # /dev/shm/ltp_TEST_PID, and in a fresh pid namespace the PID repeats, so
    # the emu and qemu runs of one test would collide on the host's /dev/shm.
    local hide_loop='for d in /dev/loop-control /dev/loop[0-9]*; do [ -e "$d" ] && mount --bind /dev/null "$d"; done 2>/dev/null; mount -t tmpfs -o mode=1777 tmpfs /dev/shm'
    # EMU_LOG=unimp makes emu name each syscall it answers ENOSYS for. The
    # shell stays as the namespace's pid 1: LTP's library treats a parent
    # with pid 1 as "main test process exited".
    # SIGKILL: unshare's parent ignores SIGTERM and the namespace's init
    # only dies of SIGKILL; --kill-child then takes the whole namespace down.
    timeout -s KILL "$TIMEOUT" \
        unshare --ipc --uts --mount --pid --fork --kill-child --mount-proc --propagation private \
        env LTPROOT="$INSTALL" TMPDIR="$tmp" PATH="$BIN:$PATH" \
            LTP_RUNTIME_MUL="$LTP_RUNTIME_MUL" LTP_TIMEOUT_MUL=10 EMU_LOG=unimp \
        sh -c "$hide_loop"'; cd "$1" && shift && "$@"; rc=$?; exit $rc' sh "$BIN" "$wrap" "./$@" \
        >"$log" 2>&1 </dev/null
    rc=$?
    t1=$(date +%s.%N)
    rm -rf "$tmp"
    st=$(classify "$log" "$rc")
    if [ "$kind" = qemu ] && [ "$st" != PASS ] && [ "$st" != CONF ] &&
        grep -qE 'ENOEXEC|Exec format error|/testcases/bin/[^:]*: [0-9]+: Syntax error' "$log"; then
        # ENOEXEC, or execlp/execvp fell back to running the ELF with /bin/sh
        extra="qemu cannot exec"
    fi
    first=$(grep -m1 -E 'TFAIL|TBROK' "$log" | tr '\t' ' ' | cut -c1-300)
    printf '%s\t%s\t%s\t%.1f\t%s\t%s\n' "$name" "$st" "$rc" \
        "$(awk "BEGIN{printf \"%.1f\", $t1 - $t0}")" "$extra" "$first" >>"$WORK/raw-$kind.tsv"
}

cmd_run() {
    local which=${1:-both} re=${2:-[^[:space:]]+}
    [ -f "$WORK/tests.tsv" ] || cmd_list
    [ -x "$EMU" ] || die "no emulator at $EMU"
    mkdir -p "$WORK/logs/emu" "$WORK/logs/qemu"
    grep -E "^($re)"$'\t' "$WORK/tests.tsv" | while IFS=$'\t' read -r name cmd; do
        case $which in
        both) echo "emu $name $cmd"; echo "qemu $name $cmd" ;;
        *) echo "$which $name $cmd" ;;
        esac
    done | xargs -r -P "$JOBS" -L1 "$here/run.sh" _one
}

cmd_rerun_timeouts() {
    [ "$TIMEOUT2" -gt 0 ] || return 0
    local kind names
    for kind in emu qemu; do
        [ -f "$WORK/raw-$kind.tsv" ] || continue
        names=$(latest "$kind" | awk -F'\t' '$2=="TIMEOUT"{print $1}' | paste -sd'|')
        [ -n "$names" ] && TIMEOUT=$TIMEOUT2 cmd_run "$kind" "$names"
    done
}

# Rerun once every test whose status differs between the two emulators,
# so a flaky result shows up as such in the report. Timeouts are left out:
# rerun-timeouts already ran them a second time.
cmd_confirm() {
    local names
    names=$(join -t $'\t' <(latest emu | cut -f1,2) <(latest qemu | cut -f1,2) |
        awk -F'\t' '$2!=$3 && $2!="TIMEOUT" && $3!="TIMEOUT"{print $1}' | paste -sd'|')
    [ -n "$names" ] && cmd_run both "$names"
}

# Last result per test (reruns append to raw-KIND.tsv).
latest() {
    tac "$WORK/raw-$1.tsv" | awk -F'\t' '!seen[$1]++' | sort
}

# diff.md from results-{emu,qemu}.tsv, the logs and excluded.tsv
REPORT_PY=$(cat <<'PY'
import sys, os, re, collections
work = sys.argv[1]
arch = sys.argv[2] if len(sys.argv) > 2 else 'aarch64'
EMU_NAME, QEMU_NAME = {'aarch64': ('emu-aarch64', 'qemu-aarch64'),
                       'armhf': ('emu-arm', 'qemu-arm')}[arch]

def load(kind):
    res = {}
    with open(os.path.join(work, 'results-%s.tsv' % kind)) as f:
        next(f)
        for line in f:
            p = line.rstrip('\n').split('\t')
            p += [''] * (6 - len(p))
            res[p[0]] = dict(status=p[1], rc=p[2], secs=p[3], note=p[4], first=p[5])
    return res

def log(kind, name):
    try:
        with open(os.path.join(work, 'logs', kind, name + '.log'), errors='replace') as f:
            return f.read()
    except OSError:
        return ''

emu, qemu = load('emu'), load('qemu')
# only the tests the current list runs (a test excluded later stays in raw-*.tsv)
tl = os.path.join(work, 'tests.tsv')
if os.path.exists(tl):
    keep = {l.split('\t')[0] for l in open(tl)}
    emu = {k: v for k, v in emu.items() if k in keep}
    qemu = {k: v for k, v in qemu.items() if k in keep}

def history(kind):
    h = collections.defaultdict(list)
    p = os.path.join(work, 'raw-%s.tsv' % kind)
    if os.path.exists(p):
        for line in open(p):
            f = line.split('\t')
            if len(f) > 1:
                h[f[0]].append(f[1])
    return h
hist = {'emu': history('emu'), 'qemu': history('qemu')}

def runs(kind, n):
    h = hist[kind].get(n, [])
    return '' if len(set(h)) < 2 else ' (runs: %s)' % ','.join(h)
excl = []
if os.path.exists(os.path.join(work, 'excluded.tsv')):
    excl = [l.rstrip('\n').split('\t') for l in open(os.path.join(work, 'excluded.tsv'))]
names = sorted(set(emu) | set(qemu))
ST = ['PASS', 'FAIL', 'CONF', 'TIMEOUT', 'CRASH']
out = []
w = out.append
w('# LTP syscalls (%s): %s vs %s\n' % (arch, EMU_NAME, QEMU_NAME))
w('Generated by tools/ltp/run.sh. Tests run: %d; excluded: %d.\n' % (len(names), len(excl)))
w('| emulator | ' + ' | '.join(ST) + ' |')
w('|---|' + '---|' * len(ST))
for k, r in ((EMU_NAME, emu), (QEMU_NAME, qemu)):
    c = collections.Counter(v['status'] for v in r.values())
    w('| %s | ' % k + ' | '.join(str(c[s]) for s in ST) + ' |')
nq = sum(1 for v in qemu.values() if v['note'])
w('\nqemu FAIL/CRASH/TIMEOUT with "qemu cannot exec" (an exec of an %s helper failed with ENOEXEC, no binfmt_misc): %d\n' % (arch, nq))
ec = collections.Counter(e[1] for e in excl if len(e) > 1)
w('Excluded: ' + '; '.join('%s: %d' % kv for kv in ec.most_common()) + '\n')

# glibc probes rseq (293 on aarch64, 398 on arm) at startup in every test
# and carries on without it, so rseq alone never explains a failure.
NOISE = {'293 (rseq)', '398 (rseq)'}

def unimp_of(n):
    seen = []
    for s in re.findall(r'emu: unimplemented syscall (\d+ \([^)]*\))', log('emu', n)):
        if s not in NOISE and s not in seen:
            seen.append(s)
    return seen

def emu_cause(n):
    v = emu[n]
    unimp = unimp_of(n)
    first = v['first']
    if v['status'] == 'TIMEOUT':
        return 'timeout', unimp
    if v['status'] == 'CRASH':
        return 'crash', unimp
    if unimp:
        # the syscall named in the first failure line if it is one of them,
        # else the first one emu answered ENOSYS for
        for s in unimp:
            if re.search(r'\b%s\(' % re.escape(s.split('(')[1].rstrip(')')), first):
                return 'ENOSYS of ' + s, unimp
        return 'ENOSYS of ' + unimp[0], unimp
    if v['status'] == 'CONF':
        return 'TCONF under emu', unimp
    if re.search(r'ENOSYS', first):
        return 'ENOSYS (no emu log line)', unimp
    if re.search(r'\bE[A-Z0-9]{2,}\b|errno', first):
        return 'wrong errno', unimp
    if re.search(r'TBROK', first):
        return 'TBROK (setup or unexpected error)', unimp
    return 'wrong result (other)', unimp

def firstline(kind, n):
    v = (emu if kind == 'emu' else qemu)[n]
    if v['first']:
        return v['first']
    lg = log(kind, n)
    m = re.search(r'^.*(TCONF|TFAIL|TBROK|emu-(?:aarch64|arm):|Test killed).*$', lg, re.M)
    if m:
        return m.group(0)[:300]
    tail = [l for l in lg.splitlines() if l.strip()]
    return (tail[-1][:300] if tail else '(no output)')

diff = [n for n in names if qemu.get(n, {}).get('status') == 'PASS' and emu.get(n, {}).get('status') != 'PASS']
groups = collections.defaultdict(list)
for n in diff:
    if n not in emu:
        groups['not run under emu'].append((n, []))
        continue
    g, u = emu_cause(n)
    groups[g].append((n, u))
w('## Pass under qemu, not under emu: %d\n' % len(diff))
fam = collections.Counter(('ENOSYS' if g.startswith('ENOSYS') else g) for g in groups for _ in groups[g])
w('By kind: ' + ', '.join('%s %d' % kv for kv in fam.most_common()) + '\n')
for g in sorted(groups, key=lambda g: (not g.startswith('ENOSYS'), -len(groups[g]), g)):
    w('- %s: %d' % (g, len(groups[g])))
w('')
enosys = collections.Counter()
for g in groups:
    for n, u in groups[g]:
        for s in u:
            enosys[s] += 1
if enosys:
    w('Unimplemented syscalls (EMU_LOG=unimp) in those tests, rseq left out (syscall: tests): ' +
      ', '.join('%s: %d' % kv for kv in enosys.most_common()) + '\n')
for g in sorted(groups, key=lambda g: (not g.startswith('ENOSYS'), -len(groups[g]), g)):
    w('### %s (%d)\n' % (g, len(groups[g])))
    w('| test | emu | emu first TFAIL/TBROK (or TCONF) line |')
    w('|---|---|---|')
    for n, u in groups[g]:
        v = emu.get(n, {})
        fl = firstline('emu', n).replace('|', '\\|')
        if u:
            fl = 'ENOSYS: ' + ', '.join(u) + '; ' + fl
        w('| %s | %s %ss%s | %s |' % (n, v.get('status', '-'), v.get('secs', ''), runs('emu', n) + runs('qemu', n).replace('runs', 'qemu runs'), fl))
    w('')
rev = [n for n in names if emu.get(n, {}).get('status') == 'PASS' and qemu.get(n, {}).get('status') not in ('PASS', None)]
w('## Pass under emu, not under qemu: %d\n' % len(rev))
w('| test | qemu | note | qemu first TFAIL/TBROK line |')
w('|---|---|---|---|')
for n in rev:
    v = qemu[n]
    w('| %s | %s%s | %s | %s |' % (n, v['status'], runs('qemu', n) + runs('emu', n).replace('runs', 'emu runs'), v['note'], firstline('qemu', n).replace('|', '\\|')))
w('')
# Neither passes: the oracle is no help there, but emu may still be wrong
# (qemu-arm 7.2 lacks several syscalls and ioctls), so list emu's first line.
neither = [n for n in names if emu.get(n, {}).get('status') in ('FAIL', 'CRASH') and qemu.get(n, {}).get('status') in ('FAIL', 'CRASH', 'TIMEOUT')]
w('## Fail under both: %d\n' % len(neither))
w('| test | emu | qemu | emu first TFAIL/TBROK line | qemu first TFAIL/TBROK line |')
w('|---|---|---|---|---|')
for n in neither:
    w('| %s | %s | %s%s | %s | %s |' % (n, emu[n]['status'], qemu[n]['status'], ' (' + qemu[n]['note'] + ')' if qemu[n]['note'] else '',
        firstline('emu', n).replace('|', '\\|'), firstline('qemu', n).replace('|', '\\|')))
w('')
both_to = [n for n in names if emu.get(n, {}).get('status') == 'TIMEOUT' and qemu.get(n, {}).get('status') == 'TIMEOUT']
w('## Timed out under both: %d\n' % len(both_to))
w(', '.join(both_to) + '\n')
w('## Excluded\n')
for e in excl:
    w('- %s: %s' % (e[0], e[1] if len(e) > 1 else ''))
print('\n'.join(out))
PY
)

cmd_report() {
    local k
    for k in emu qemu; do
        # only tests of the current list (one excluded later stays in raw-*.tsv)
        { printf 'name\tstatus\texit\tseconds\tnote\tfirst_tfail_tbrok\n'
          latest $k | awk -F'\t' 'NR==FNR{keep[$1]=1; next} keep[$1]' "$WORK/tests.tsv" -; } >"$WORK/results-$k.tsv"
    done
    python3 -c "$REPORT_PY" "$WORK" "$ARCH" >"$WORK/diff.md"
    sed -n '1,/^## /p' "$WORK/diff.md" | head -40
}

cmd_all() {
    cmd_build "${1:-${LTP_SRC:-}}"
    cmd_list
    rm -f "$WORK/raw-emu.tsv" "$WORK/raw-qemu.tsv"
    cmd_run both
    cmd_rerun_timeouts
    cmd_confirm
    cmd_report
}

c=${1:-}; shift || true
case $c in
build|list|run|confirm|report|all|_one) "cmd_$c" "$@" ;;
rerun-timeouts) cmd_rerun_timeouts ;;
*) sed -n '2,/^set -u/{/^set -u/!p}' "$0"; exit 2 ;;
esac
