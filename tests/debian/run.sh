#!/bin/bash
# run.sh - run Debian's own arm64 binaries from an arm64 root (built by
# tools/fetch-arm64-root.sh) under emu-aarch64 and under qemu-aarch64 with
# the same -L ROOT, the same arguments, the same input files and working
# directory, and compare stdout and exit status.  With --arch armhf the
# same for Debian armhf binaries (tools/fetch-armhf-root.sh) under emu-arm
# and qemu-arm.
#
#   tests/debian/run.sh --list
#   tests/debian/run.sh [--arch arm64|armhf] [--emu EMU] [--root ROOT] CASE...
#
# ROOT defaults to $EMU_ARM64_ROOT, then /srv/emu-arm64-root (armhf:
# $EMU_ARMHF_ROOT, then /srv/emu-armhf-root).
# EMU_DEBIAN_KEEP=1 keeps each case's outputs for inspection.  Without a
# root every case exits 77 (CTest: skipped) with a message saying how to
# build one.  Cases run programs directly (never through a guest shell
# that would execve another guest binary: qemu-user without binfmt_misc
# cannot follow those, so it is no oracle for them).
set -u
here=$(cd "$(dirname "$0")" && pwd)
ARCH=arm64
EMU=${EMU:-}
ROOT=""
QEMU=${QEMU:-}

CASES="coreutils-ls coreutils-hash coreutils-text coreutils-misc sed grep gawk xz gzip bzip2 zstd tar
 sqlite3 lua python3 perl busybox file openssl dash bash find diff bc"

case_coreutils-ls() {
    g /usr/bin/ls -lA --time-style=+%s fixture fixture/sub
    g /usr/bin/ls -1 -R fixture
}
case_coreutils-hash() {
    g /usr/bin/sha256sum fixture/data.bin fixture/words.txt
    g /usr/bin/sha1sum fixture/data.bin
    g /usr/bin/sha512sum fixture/words.txt
    g /usr/bin/md5sum fixture/data.bin
    g /usr/bin/b2sum fixture/data.bin
    g /usr/bin/cksum fixture/data.bin
    g /usr/bin/base64 -w 76 fixture/small.bin
}
case_coreutils-text() {
    g /usr/bin/sort fixture/words.txt
    g /usr/bin/sort -n -r fixture/numbers.txt
    g /usr/bin/sort -u -k2,2 -t, fixture/table.csv
    g /usr/bin/uniq -c fixture/sorted.txt
    g /usr/bin/wc fixture/words.txt fixture/data.bin
    g /usr/bin/cut -d, -f1,3 fixture/table.csv
    g /usr/bin/tr a-z A-Z fixture/words.txt
    g /usr/bin/tac fixture/table.csv
    g /usr/bin/nl -ba fixture/table.csv
    g /usr/bin/fold -w 7 fixture/table.csv
    g /usr/bin/od -An -tx1 -N 64 fixture/data.bin
    g /usr/bin/head -c 100 fixture/words.txt
    g /usr/bin/tail -n 3 fixture/words.txt
}
case_coreutils-misc() {
    g /usr/bin/seq 1 3 100
    g /usr/bin/factor 1234567890123 600851475143 18446744073709551557
    g /usr/bin/date -u -d @1700000000 '+%Y-%m-%d %H:%M:%S %A %j'
    g /usr/bin/expr 123456789 \* 987654321
    g /usr/bin/printf '%d %x %.3f %e %s\n' 42 255 3.14159 1e100 str
    g /usr/bin/numfmt --to=iec 1048576 123456789
    g /usr/bin/echo hello from coreutils
    g /usr/bin/basename /a/b/c.txt .txt
    g /usr/bin/stat -c '%n %s %a %F' fixture/words.txt fixture
    g /usr/bin/true
    g /usr/bin/false
}
case_sed() {
    g /usr/bin/sed -E 's/([a-z]+)([0-9]*)/<\2:\1>/g; /^a/d; 5q' fixture/words.txt
    g /usr/bin/sed -n '$=' fixture/words.txt
    g /usr/bin/sed 'y/abc/xyz/; s/e/E/2' fixture/table.csv
}
case_grep() {
    g /usr/bin/grep -c e fixture/words.txt
    g /usr/bin/grep -E -n '^(a|b)[a-z]{3,}$' fixture/words.txt
    g /usr/bin/grep -v -i -w 'alpha' fixture/table.csv
}
case_gawk() {
    g /usr/bin/gawk -F, '{s += $2; n++} END {printf "%d rows, sum %d, avg %.6f\n", n, s, s/n}' fixture/table.csv
    g /usr/bin/gawk 'BEGIN { for (i = 1; i <= 20; i++) printf "%s%.10g", (i>1?" ":""), sin(i)*exp(i/3); print ""; print 2^53+1, int(-7/2), 7%3, substr("abcdef",2,3), toupper("x"), length("hello") }'
    g /usr/bin/gawk '{ c[length($0)]++ } END { PROCINFO["sorted_in"]="@ind_num_asc"; for (k in c) print k, c[k] }' fixture/words.txt
}
case_xz() {
    g /usr/bin/xz -9 -c fixture/data.bin >out.xz
    sha256sum <out.xz
    g /usr/bin/xz -d -c out.xz | sha256sum
    g /usr/bin/xz -l out.xz
    g /usr/bin/xz -t out.xz
}
case_gzip() {
    g /usr/bin/gzip -9 -n -c fixture/data.bin >out.gz
    sha256sum <out.gz
    g /usr/bin/gzip -d -c out.gz | sha256sum
}
case_bzip2() {
    g /usr/bin/bzip2 -9 -c fixture/data.bin >out.bz2
    sha256sum <out.bz2
    g /usr/bin/bzip2 -d -c out.bz2 | sha256sum
}
case_zstd() {
    g /usr/bin/zstd -q -19 -c fixture/data.bin >out.zst
    sha256sum <out.zst
    g /usr/bin/zstd -q -d -c out.zst | sha256sum
}
case_tar() {
    g /usr/bin/tar --sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner -cf - fixture | sha256sum
    g /usr/bin/tar --sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner -cf out.tar fixture
    g /usr/bin/tar -tvf out.tar
}
case_sqlite3() {
    g /usr/bin/sqlite3 :memory: "
      create table t(id integer primary key, name text, v real);
      with recursive c(x) as (select 1 union all select x+1 from c where x < 2000)
        insert into t(name, v) select 'n' || (x*7919 % 1000), x / 7.0 from c;
      create index ti on t(name);
      select count(*), count(distinct name), printf('%.6f', sum(v)), printf('%.6f', avg(v)), min(name), max(name) from t;
      select name, count(*) as k from t group by name order by k desc, name limit 5;
      select printf('%.15g', 1.0/3), 9223372036854775807 + 0, abs(-5), hex(zeroblob(3)), upper('abc'), length(x'00ff');
      select group_concat(id) from (select id from t where name = 'n7' order by id);"
    g /usr/bin/sqlite3 db.sqlite "create table k(a); insert into k values (1),(2),(3); select sum(a) from k;"
    g /usr/bin/sqlite3 db.sqlite "pragma integrity_check; select * from k order by a desc;"
}
case_lua() {
    g /usr/bin/lua5.4 -e '
      local t = {} for i = 1, 1000 do t[i] = (i * 7919) % 1009 end
      table.sort(t) print(t[1], t[500], t[1000])
      print(string.format("%.14g %.14g %5.2f %x %q", math.pi, math.exp(1), 2/3, 255, "a\nb"))
      print(math.maxinteger, math.mininteger, 7 // 2, -7 // 2, 7 % -3, 2^63, math.tointeger(3.0))
      local s = {} for w in ("the quick brown fox"):gmatch("%a+") do s[#s+1] = w:upper() end print(table.concat(s, ","))
      local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * i) end end)
      print(co(), co(), co())
      local ok, err = pcall(error, {code = 42}) print(ok, err.code)
      local f = 0 for i = 1, 200000 do f = f + i % 7 end print(f)'
}
case_python3() {
    g /usr/bin/python3.11 -S -c '
import sys, math, re, struct, collections
print(sys.version_info[:2], sys.byteorder, sys.maxsize)
print(2**200, 3**100 % 1000000007, math.factorial(30), (-7)//2, -7 % 3)
print(repr(0.1 + 0.2), 1e300 * 1e10, math.sqrt(2), math.fsum([0.1] * 10), round(2.675, 2))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "mail alice@example and bob@test"))
print(struct.pack("<IdH", 0xDEADBEEF, 1.5, 7).hex())
c = collections.Counter("mississippi"); print(sorted(c.items()))
d = {i: i * i for i in range(10)}; print(sum(d.values()), list(d)[:3])
print(sorted(["b", "a", "C"], key=str.lower), "-".join(map(str, range(5))))
print(f"{math.pi:.20f} {12345678:,} {255:#x} {3.5e-7:g}")
print(sum(i * i for i in range(100000)))
print(int("123456789" * 5) ** 3 % 97, hash(12345), (1 << 100).bit_length())
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e)
'
}
case_perl() {
    g /usr/bin/perl -e '
      print join(",", map { $_ ** 2 } 1 .. 10), "\n";
      printf "%.15f %e %d %s\n", atan2(1, 1) * 4, 1e100, 2**40, 10/3;
      my %h; $h{$_ % 7}++ for 1 .. 1000; print join(" ", map { "$_=$h{$_}" } sort keys %h), "\n";
      my $s = "The quick brown fox"; (my $r = $s) =~ s/(\w+)/\u\L$1/g; print "$r\n";
      print scalar(reverse("hello")), " ", lc("ABC"), " ", sprintf("%05.1f", 3.14159), "\n";
      my @a = sort { $b <=> $a } (5, 3, 9, 1); print "@a\n";
      print join(",", unpack("N n C", pack("N n C", 0xDEADBEEF, 513, 7))), "\n";
      my $x = 0; $x += $_ for 1 .. 100000; print "$x\n";'
}
case_busybox() {
    g /bin/busybox sha256sum fixture/data.bin
    g /bin/busybox sort -r fixture/words.txt
    g /bin/busybox awk -F, '{ s += $2 } END { print s, NR }' fixture/table.csv
    g /bin/busybox sed -e 's/a/A/g' fixture/table.csv
    g /bin/busybox wc -l fixture/words.txt
    g /bin/busybox seq 5 -1 1
    g /bin/busybox expr 6 \* 7
    g /bin/busybox od -x -N 32 fixture/data.bin
    g /bin/busybox ls -1 fixture
    g /bin/busybox md5sum fixture/small.bin
    g /bin/busybox sh -c 'i=0; s=0; while [ $i -lt 500 ]; do i=$((i+1)); s=$((s+i*i)); done; echo $s; echo ${#PATH}; printf "%s|%5d\n" abc 42'
}
case_file() {
    # the root's programs by host path: qemu-arm 7.2 does not apply -L to
    # statx (armhf glibc's stat), so /bin/busybox "does not exist" there
    g /usr/bin/file -b fixture/data.bin fixture/words.txt fixture/out-of-root.gz "$ROOT/usr/bin/ls" "$ROOT/bin/busybox"
}
case_openssl() {
    g /usr/bin/openssl dgst -sha256 fixture/data.bin
    g /usr/bin/openssl dgst -sha512 -r fixture/words.txt
    g /usr/bin/openssl dgst -md5 fixture/small.bin
    g /usr/bin/openssl enc -aes-256-cbc -K 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f \
        -iv 0f0e0d0c0b0a09080706050403020100 -in fixture/data.bin | sha256sum
    g /usr/bin/openssl enc -chacha20 -K 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f \
        -iv 00000000000000000000000000000000 -in fixture/small.bin | od -An -tx1
    g /usr/bin/openssl enc -base64 -in fixture/small.bin
    g /usr/bin/openssl prime 2305843009213693951
}
case_dash() {
    g /bin/dash -c 'i=0; s=0; while [ $i -lt 2000 ]; do i=$((i+1)); s=$((s+i)); done; echo "$s"; set -- a b c; echo "$# $2"; case foo in f*) echo match;; esac'
}
case_bash() {
    g /bin/bash -c 'declare -A m; for w in a b a c b a; do m[$w]=$(( ${m[$w]:-0} + 1 )); done; for k in a b c; do echo "$k=${m[$k]}"; done; x=({1..10}); echo "${#x[@]} ${x[*]:2:3}"; s="Hello World"; echo "${s,,} ${s^^} ${s/World/There}"; printf "%08.3f|%-5s|\n" 3.14159 ab; echo $((2**62 + 3 % 2))'
}
case_find() {
    g /usr/bin/find fixture -printf '%P %s %y\n' | sort
    g /usr/bin/find fixture -name '*.txt' -newer fixture/data.bin | sort
}
case_diff() {
    # sed reads all of diff's output (head would kill diff with SIGPIPE at random)
    g /usr/bin/diff -u fixture/words.txt fixture/sorted.txt | sed -n 3,42p
    g /usr/bin/cmp fixture/words.txt fixture/sorted.txt
}
case_bc() {
    g /usr/bin/bc -l -q <<'BC'
scale=50; 4*a(1)
e(1)
sqrt(2)
2^256
scale=0; 100!/98!
BC
}

# ---- fixtures: identical files, names and mtimes for every run ----
make_fixture() {
    local d=$1/fixture
    mkdir -p "$d/sub/deeper"
    python3 - "$d" <<'PY'
import sys, random
d = sys.argv[1]
r = random.Random(1234)
open(d + "/data.bin", "wb").write(bytes(r.getrandbits(8) if i % 3 else i % 251 for i in range(300000)))
open(d + "/small.bin", "wb").write(bytes(r.getrandbits(8) for _ in range(100)))
words = ["".join(r.choice("abcdefghij") for _ in range(r.randrange(1, 9))) + ("" if r.random() < 0.7 else str(r.randrange(100))) for _ in range(3000)]
open(d + "/words.txt", "w").write("\n".join(words) + "\n")
open(d + "/sorted.txt", "w").write("\n".join(sorted(words)) + "\n")
open(d + "/numbers.txt", "w").write("\n".join(str(r.randrange(-10**6, 10**6)) for _ in range(2000)) + "\n")
names = ["alpha", "beta", "gamma", "delta", "epsilon", "Alpha"]
open(d + "/table.csv", "w").write("".join(f"{r.choice(names)},{r.randrange(1000)},{r.random():.6f}\n" for _ in range(200)))
open(d + "/sub/deeper/note.txt", "w").write("nested\n")
PY
    gzip -9 -n -c "$d/words.txt" >"$d/out-of-root.gz"
    ln -s words.txt "$d/link.txt"
    chmod 640 "$d/table.csv"
    find "$d" -exec touch -h -d @1700000000 {} +
    touch -d @1600000000 "$d/data.bin"
}

# g PROGRAM ARGS...: run a guest program from the root under $RUNNER;
# its exit status is recorded on fd 3 (compared too)
g() {
    local prog=$1
    shift
    $RUNNER -L "$ROOT" "$ROOT$prog" "$@"
    # the status goes to fd 3 so stdout can be redirected to a file
    echo "${prog##*/}: [exit $?]" >&3
}

run_case() {
    local c=$1 who=$2 dir=$3
    mkdir -p "$dir"
    make_fixture "$dir"
    (
        cd "$dir" || exit 1
        if [ "$who" = qemu ]; then RUNNER=$QEMU; else RUNNER=$EMU; fi
        export -n RUNNER
        ulimit -c 0
        "case_$c"
    ) >"$dir.out" 2>"$dir.err" 3>"$dir.status"
    cat "$dir.status" >>"$dir.out"
}

if [ "${1:-}" = --list ]; then
    for c in $CASES; do echo "$c"; done
    exit 0
fi
while [ $# -gt 0 ]; do
    case "$1" in
    --arch) ARCH=$2; shift 2 ;;
    --emu) EMU=$2; shift 2 ;;
    --root) [ -n "$2" ] && ROOT=$2; shift 2 ;;
    --qemu) QEMU=$2; shift 2 ;;
    *) break ;;
    esac
done
case "$ARCH" in
arm64)
    ROOT=${ROOT:-${EMU_ARM64_ROOT:-/srv/emu-arm64-root}}
    EMU=${EMU:-$here/../../build/emu-aarch64} QEMU=${QEMU:-qemu-aarch64}
    LDSO=/lib/ld-linux-aarch64.so.1 ;;
armhf)
    ROOT=${ROOT:-${EMU_ARMHF_ROOT:-/srv/emu-armhf-root}}
    EMU=${EMU:-$here/../../build/emu-arm} QEMU=${QEMU:-qemu-arm}
    LDSO=/lib/ld-linux-armhf.so.3 ;;
*) echo "unknown --arch $ARCH (arm64 or armhf)"; exit 2 ;;
esac
if [ ! -e "$ROOT$LDSO" ] || [ ! -x "$ROOT/usr/bin/ls" ]; then
    ev=EMU_ARM64_ROOT; [ "$ARCH" = armhf ] && ev=EMU_ARMHF_ROOT
    echo "SKIP: no $ARCH root at $ROOT (build one with: sudo tools/fetch-$ARCH-root.sh $ROOT, or set $ev)"
    exit 77
fi
[ $# -gt 0 ] || set -- $CASES
export LC_ALL=C TZ=UTC
unset EMU_UPDATE_EXPECTED
status=0
for c in "$@"; do
    if ! declare -F "case_$c" >/dev/null; then
        echo "unknown case $c (see --list)"
        status=2
        continue
    fi
    work=$(mktemp -d "${TMPDIR:-/tmp}/emu-debian.XXXXXX")
    t0=$(date +%s.%N)
    run_case "$c" qemu "$work/q"
    t1=$(date +%s.%N)
    run_case "$c" emu "$work/e"
    t2=$(date +%s.%N)
    times=$(printf 'qemu %.2fs emu %.2fs' "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)")
    if cmp -s "$work/q.out" "$work/e.out"; then
        echo "ok   $c ($times)"
    else
        echo "FAIL $c ($times): output differs from ${QEMU##*/}"
        diff -u --label qemu --label emu "$work/q.out" "$work/e.out" | head -40
        echo "--- emu stderr (last 20 lines):"
        tail -20 "$work/e.err"
        status=1
    fi
    if grep -q '\[exit 12[67]\]' "$work/q.out"; then
        echo "note: some program of case $c is missing from $ROOT (exit 126/127 under qemu too)"
        grep "\[exit 12[67]\]" "$work/q.out" | head -5
    fi
    if [ "${EMU_DEBIAN_KEEP:-0}" = 1 ]; then echo "  outputs kept in $work/{q,e}.{out,err}"; else rm -rf "$work"; fi
done
exit $status
