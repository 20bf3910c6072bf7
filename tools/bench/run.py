#!/usr/bin/env python3
"""run.py - benchmark harness: build each kernel in tools/bench/kernels
three ways (x86-64 native, and a guest build - aarch64, or 32-bit ARM as
A32 or Thumb-2 code with --guest - run under emu and under qemu), run every configuration several times, check that all
runs print the same output, and report medians and ratios as a markdown
table (bench-out/results.md), JSON (results.json) and an SVG bar chart
(results.svg).

A run that crashes, times out or prints something other than the
reference (native) output is reported as a failure for that kernel and
configuration and never timed; the harness carries on with the rest.
Timings never decide a test: this is a command, not part of ctest.

Exit status: 0 every configuration of every kernel ran and agreed,
1 some failed (see the table), 2 the harness itself could not run
(missing compiler, a kernel failed to build, bad options).
"""
import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
KDIR = os.path.join(HERE, "kernels")
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
import svgchart  # noqa: E402

NATIVE_CC = "gcc"
# --guest: the guest build of the kernels, its emulator, oracle and sysroot.
GUESTS = {
    "aarch64": ("aarch64-linux-gnu-gcc", [], "emu-aarch64", "qemu-aarch64", "/usr/aarch64-linux-gnu"),
    "arm": ("arm-linux-gnueabihf-gcc", ["-marm"], "emu-arm", "qemu-arm", "/usr/arm-linux-gnueabihf"),
    "thumb": ("arm-linux-gnueabihf-gcc", ["-mthumb"], "emu-arm", "qemu-arm", "/usr/arm-linux-gnueabihf"),
}
# -ffp-contract=off: gcc fuses a*b+c into FMADD on AArch64 by default but
# not on baseline x86-64; a fused result differs in the last bit, and the
# checksums of the three builds must be identical.
COMMON_FLAGS = ["-ffp-contract=off", "-Wall", "-Wextra"]
CONFIGS = ("native", "qemu", "emu")


class Kernel:
    def __init__(self, name, src, group, opt="-O2", dynamic=False):
        self.name, self.src, self.group = name, src, group
        self.opt, self.dynamic = opt, dynamic

    @property
    def startup(self):
        return self.group == "startup"


KERNELS = [
    Kernel("int-crc", "int-crc.c", "integer"),
    Kernel("int-sieve", "int-sieve.c", "integer"),
    Kernel("int-matmul", "int-matmul.c", "integer"),
    Kernel("call-fib", "call-fib.c", "calls"),
    Kernel("call-indirect", "call-indirect.c", "calls"),
    Kernel("interp-switch", "interp-switch.c", "dispatch"),
    Kernel("interp-goto", "interp-goto.c", "dispatch"),
    Kernel("fp-nbody", "fp-nbody.c", "fp"),
    Kernel("fp-mandel", "fp-mandel.c", "fp"),
    Kernel("fp-float", "fp-float.c", "fp"),
    Kernel("vec-saxpy", "vec-saxpy.c", "simd", opt="-O3"),
    Kernel("vec-bytes", "vec-bytes.c", "simd", opt="-O3"),
    Kernel("start-static", "hello.c", "startup"),
    Kernel("start-dynamic", "hello.c", "startup", dynamic=True),
]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def parse_args():
    ap = argparse.ArgumentParser(
        description="Run the CPU benchmark kernels natively, under qemu and under emu "
        "(aarch64, or 32-bit ARM with --guest); report medians and ratios.")
    ap.add_argument("--runs", type=int, help="timed runs per configuration (default 5, quick 3)")
    ap.add_argument("--quick", action="store_true",
                    help="small workloads (scale 5%%, 3 runs unless --runs): checks the harness and "
                    "the emulator's correctness in minutes; timings are rough")
    ap.add_argument("--scale", type=int, help="workload in percent of the full size (default 100)")
    ap.add_argument("--guest", choices=sorted(GUESTS), default="aarch64",
                    help="guest build: aarch64 (default), arm (A32 code, -marm) or thumb "
                    "(Thumb-2, -mthumb); picks the emulator, qemu and sysroot defaults")
    ap.add_argument("--emu", help="emulator binary (default build/emu-aarch64 or build/emu-arm "
                    "for --guest, or $EMU)")
    ap.add_argument("--qemu", help="reference emulator (default qemu-aarch64 / qemu-arm)")
    ap.add_argument("--sysroot",
                    help="guest root passed with -L for the dynamic start-up kernel")
    ap.add_argument("--configs", default=",".join(CONFIGS),
                    help="comma-separated subset of native,qemu,emu (default all)")
    ap.add_argument("--only", help="comma-separated kernel names or groups "
                    "(integer, calls, dispatch, fp, simd, startup)")
    ap.add_argument("--metric", choices=("cpu", "wall"), default="cpu",
                    help="cpu: user+system time of the process (default; stable on a loaded "
                    "machine), wall: elapsed time")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before a run counts as hung")
    ap.add_argument("--launches", type=int,
                    help="process launches per start-up sample (default 20, quick 5)")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "bench"),
                    help="where the kernels are built (default build/bench)")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench-out"),
                    help="where results.md/.json/.svg go (default bench-out)")
    ap.add_argument("--emu-env", action="append", default=[], metavar="VAR=VAL",
                    help="environment for the emu runs only, e.g. EMU_JIT=0 (repeatable)")
    ap.add_argument("--list", action="store_true", help="list the kernels and exit")
    a = ap.parse_args()
    cc, gflags, emu, qemu, sysroot = GUESTS[a.guest]
    a.cross_cc, a.guest_flags = cc, gflags
    a.emu = a.emu or os.environ.get("EMU") or os.path.join(ROOT, "build", emu)
    a.qemu = a.qemu or qemu
    a.sysroot = a.sysroot or sysroot
    if a.guest != "aarch64" and a.build_dir == os.path.join(ROOT, "build", "bench"):
        a.build_dir = os.path.join(ROOT, "build", "bench-" + a.guest)
    if a.runs is None:
        a.runs = 3 if a.quick else 5
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    if a.scale is None:
        a.scale = 5 if a.quick else 100
    if a.launches is None:
        a.launches = 5 if a.quick else 20
    if not 1 <= a.scale <= 100000 or a.launches < 1 or a.timeout <= 0:
        ap.error("--scale takes 1..100000, --launches and --timeout positive numbers")
    asked = [c for c in a.configs.split(",") if c]
    bad = [c for c in asked if c not in CONFIGS]
    if bad or not asked:
        ap.error("--configs takes a subset of native,qemu,emu; got %r" % a.configs)
    a.configs = [c for c in CONFIGS if c in asked]  # native first: the reference output
    if any("=" not in e for e in a.emu_env):
        ap.error("--emu-env takes VAR=VAL")
    return a


def select_kernels(only):
    if not only:
        return KERNELS
    want = set(only.split(","))
    ks = [k for k in KERNELS if k.name in want or k.group in want]
    unknown = want - {k.name for k in KERNELS} - {k.group for k in KERNELS}
    if unknown:
        log("bench: unknown kernel or group %s; see --list" % ", ".join(sorted(unknown)))
        sys.exit(2)
    return ks


# ---- building ----------------------------------------------------------

def build_one(cc, flags, src, out):
    """Compile when out is older than any kernel source (they share
    headers); returns an error text or None."""
    newest = max(os.path.getmtime(os.path.join(KDIR, f)) for f in os.listdir(KDIR))
    newest = max(newest, os.path.getmtime(os.path.abspath(__file__)))
    if os.path.exists(out) and os.path.getmtime(out) >= newest:
        return None
    cmd = [cc] + flags + ["-o", out, os.path.join(KDIR, src), "-lm"]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        return "%s not found (run tools/setup.sh)" % cc
    if p.returncode:
        return "%s\n%s" % (" ".join(cmd), p.stderr.strip())
    return None


def build(kernels, bdir, configs, a):
    """Returns {(kernel, 'native'|'a64'): path} ('a64' is the guest build,
    whichever --guest is); exits 2 on a build error."""
    paths = {}
    for arch, cc in (("native", NATIVE_CC), ("a64", a.cross_cc)):
        if arch == "native" and "native" not in configs:
            continue
        if arch == "a64" and not ({"qemu", "emu"} & set(configs)):
            continue
        os.makedirs(os.path.join(bdir, arch), exist_ok=True)
        for k in kernels:
            out = os.path.join(bdir, arch, k.name)
            flags = [k.opt] + COMMON_FLAGS + ([] if k.dynamic else ["-static"])
            if arch == "a64":
                flags += a.guest_flags
            err = build_one(cc, flags, k.src, out)
            if err:
                log("bench: building %s (%s) failed:\n%s" % (k.name, arch, err))
                sys.exit(2)
            paths[(k.name, arch)] = out
    return paths


# ---- running -----------------------------------------------------------

def run_once(cmd, timeout, env=None):
    """Run cmd; returns (status_text or None, stdout, stderr, cpu_s, wall_s).
    os.wait4 gives this child's own rusage, unaffected by other children."""
    t0 = time.perf_counter()
    try:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    except OSError as e:
        return "cannot run: %s" % e, "", "", 0, 0
    timed_out = []

    def kill():
        # The whole process group: a hung guest may have children holding
        # our pipes open.
        timed_out.append(True)
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    timer = threading.Timer(timeout, kill)
    timer.start()
    out, err = [], []
    readers = [threading.Thread(target=lambda f=f, b=b: b.append(f.read()))
               for f, b in ((p.stdout, out), (p.stderr, err))]
    for r in readers:
        r.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    timer.cancel()
    if timed_out:  # the group leader is gone; make sure its children are
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for r in readers:
        r.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    stdout = out[0].decode(errors="replace")
    stderr = err[0].decode(errors="replace")
    cpu = ru.ru_utime + ru.ru_stime
    if timed_out:
        return "timeout after %gs" % timeout, stdout, stderr, cpu, wall
    if p.returncode < 0:
        try:
            name = signal.Signals(-p.returncode).name
        except ValueError:
            name = "signal %d" % -p.returncode
        return "crash (%s)" % name, stdout, stderr, cpu, wall
    if p.returncode:
        return "exit status %d" % p.returncode, stdout, stderr, cpu, wall
    return None, stdout, stderr, cpu, wall


def command(k, cfg, paths, a):
    if cfg == "native":
        base = [paths[(k.name, "native")]]
    else:
        emu = a.qemu if cfg == "qemu" else a.emu
        base = [emu] + (["-L", a.sysroot] if k.dynamic else []) + [paths[(k.name, "a64")]]
    return base if k.startup else base + [str(a.scale)]


def sample(k, cfg, paths, a):
    """One timed sample: one run, or a.launches runs for start-up kernels
    (reported per launch).  Returns (failure or None, stdout, stderr, t)."""
    cmd = command(k, cfg, paths, a)
    env = None
    if cfg == "emu" and a.emu_env:
        env = dict(os.environ, **dict(e.split("=", 1) for e in a.emu_env))
    n = a.launches if k.startup else 1
    total = 0.0
    for _ in range(n):
        fail, out, err, cpu, wall = run_once(cmd, a.timeout, env)
        if fail:
            return fail, out, err, None
        total += cpu if a.metric == "cpu" else wall
    return None, out, err, total / n


def save_log(k, cfg, paths, a, failure, out, err):
    """Keeps a failing run's command and output in <out>/logs/."""
    d = os.path.join(a.out, "logs")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "%s.%s.log" % (k.name, cfg)), "w") as f:
        env = "".join("env: %s\n" % e for e in a.emu_env) if cfg == "emu" else ""
        f.write("command: %s\n%sfailure: %s\n--- stdout ---\n%s\n--- stderr ---\n%s\n"
                % (" ".join(command(k, cfg, paths, a)), env, failure, out[-20000:], err[-20000:]))


def last_line(text):
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1][:160] if lines else ""


def bench_kernel(k, paths, a):
    """Runs every configuration a.runs times, interleaved so a change in
    machine load hits all of them alike.  Returns {cfg: result dict}."""
    res = {c: {"times": [], "failure": None, "output": None, "stderr": ""} for c in a.configs}
    for i in range(a.runs):
        for cfg in a.configs:
            r = res[cfg]
            if r["failure"]:
                continue
            fail, out, err, t = sample(k, cfg, paths, a)
            if fail:
                r["failure"], r["stderr"] = fail, last_line(err)
                save_log(k, cfg, paths, a, fail, out, err)
                log("  %-14s %-6s run %d: %s %s" % (k.name, cfg, i + 1, fail, r["stderr"]))
                continue
            if r["output"] is None:
                r["output"] = out
            elif out != r["output"]:
                r["failure"] = "output differs between runs"
                save_log(k, cfg, paths, a, r["failure"], out, err)
                continue
            r["times"].append(t)
    # The reference output is native's (the same C source on the host
    # compiler), else the first configuration that ran.
    ref = next((res[c]["output"] for c in a.configs if res[c]["output"] is not None
                and not res[c]["failure"]), None)
    for cfg in a.configs:
        r = res[cfg]
        if not r["failure"] and r["output"] != ref:
            r["failure"] = "mismatch: %s" % last_line(r["output"] or "(no output)")
            r["times"] = []
            save_log(k, cfg, paths, a, r["failure"] + "\nexpected: " + ref, r["output"], "")
        r["median"] = statistics.median(r["times"]) if r["times"] and not r["failure"] else None
        if r["median"]:
            r["spread"] = (max(r["times"]) - min(r["times"])) / r["median"]
    for cfg in a.configs:
        r = res[cfg]
        if r["failure"]:
            continue
        log("  %-14s %-6s %8.3fs  (%s)" % (k.name, cfg, r["median"],
                                           " ".join("%.3f" % t for t in r["times"])))
    return res


# ---- reporting ---------------------------------------------------------

RATIOS = (("emu", "native"), ("qemu", "native"), ("emu", "qemu"))


def ratio(res, num, den):
    if num not in res or den not in res:
        return None
    n, d = res[num]["median"], res[den]["median"]
    return n / d if n and d else None


def geomean(xs):
    xs = [x for x in xs if x]
    if not xs:
        return None
    return statistics.geometric_mean(xs)


def fmt_t(t, ms=False):
    """Seconds; milliseconds (with the unit) for the start-up kernels."""
    return "-" if t is None else "%.2fms" % (t * 1000) if ms else "%.3f" % t


def fmt_r(r):
    return "-" if r is None else ("%.2f" % r if r < 10 else "%.1f" % r)


def git_rev():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip() or "?"
    except OSError:
        return "?"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for ln in f:
                if ln.startswith("model name"):
                    return ln.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def make_table(kernels, results, a, meta):
    cfgs = a.configs
    ratios = [(n, d) for n, d in RATIOS if n in cfgs and d in cfgs]
    head = ["kernel"] + ["%s (s)" % c for c in cfgs] + ["%s/%s" % r for r in ratios] + ["notes"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    cpu_ks = [k for k in kernels if not k.startup]
    for k in kernels:
        res = results[k.name]
        notes = []
        for c in cfgs:
            r = res[c]
            if r["failure"]:
                notes.append("**%s: %s**%s" % (c, r["failure"],
                                               " (%s)" % r["stderr"] if r["stderr"] else ""))
            elif r.get("spread", 0) > 0.2:
                notes.append("%s noisy ±%d%%" % (c, round(50 * r["spread"])))
        if k.startup:
            notes.append("per launch")
        cells = [k.name] + [fmt_t(res[c]["median"], k.startup) for c in cfgs]
        cells += [fmt_r(ratio(res, n, d)) for n, d in ratios] + ["; ".join(notes)]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if ratios and cpu_ks:
        cells = ["**geomean (CPU kernels)**"] + [""] * len(cfgs)
        for n, d in ratios:
            vals = [ratio(results[k.name], n, d) for k in cpu_ks]
            g = geomean(vals)
            got = len([v for v in vals if v])
            cells.append("**%s**" % fmt_r(g) + ("" if got == len(cpu_ks) else
                                                " (%d of %d)" % (got, len(cpu_ks))))
        cells.append("")
        rows.append("| " + " | ".join(cells) + " |")
    lines = [
        "# emu benchmark results",
        "",
        "- date: %s, commit %s" % (meta["date"], meta["commit"]),
        "- host: %s, %d CPUs, load average %s at start, %s at end"
        % (meta["cpu"], os.cpu_count() or 0, meta["load_start"], meta["load_end"]),
        "- metric: %s, median of %d runs, scale %d%%%s"
        % ("user+system CPU seconds" if a.metric == "cpu" else "wall-clock seconds",
           a.runs, a.scale, " (quick mode)" if a.quick else ""),
        "- emu: `%s`%s; qemu: `%s`" % (a.emu, "".join(" " + e for e in a.emu_env), a.qemu),
        "- native: `gcc %s`, guest: `%s` with the same flags%s; -O3 for "
        "vec-*; all -static except start-dynamic (guest run with -L %s)"
        % (" ".join(["-O2"] + COMMON_FLAGS), a.cross_cc,
           "".join(" " + f for f in a.guest_flags), a.sysroot),
        "",
    ] + rows + [""]
    if any(r["failure"] for res in results.values() for r in res.values()):
        lines += ["Failing runs: command and output in `%s`." % os.path.join(a.out, "logs"), ""]
    return "\n".join(lines)


def chart_rows(kernels, results, configs):
    """(label, section, {series: ratio}) rows for svgchart: the CPU kernels,
    their geometric mean, then the start-up kernels in their own section.
    Series: emu/native and qemu/native, those whose configurations ran."""
    pairs = [(n, d) for n, d in RATIOS[:2] if n in configs and d in configs]

    def vals(res):
        return {"%s/%s" % p: ratio(res, *p) for p in pairs}
    cpu = [k for k in kernels if not k.startup]
    rows = [(k.name, None, vals(results[k.name])) for k in cpu]
    if len(cpu) > 1:
        rows.append(("geomean", "", {"%s/%s" % p: geomean([ratio(results[k.name], *p)
                                                           for k in cpu]) for p in pairs}))
    rows += [(k.name, "start-up, per launch", vals(results[k.name]))
             for k in kernels if k.startup]
    return rows


def loadavg():
    try:
        return "%.2f" % os.getloadavg()[0]
    except OSError:
        return "?"


def main():
    a = parse_args()
    kernels = select_kernels(a.only)
    if a.list:
        for k in KERNELS:
            print("%-14s %-9s %s%s" % (k.name, k.group, k.src, " (dynamic)" if k.dynamic else ""))
        return 0
    for cfg, path in (("emu", a.emu), ("qemu", a.qemu)):
        if cfg in a.configs and not shutil.which(path):
            log("bench: %s binary %s not found (build it, pass --%s PATH, or drop it with "
                "--configs)" % (cfg, path, cfg))
            return 2
    meta = {"date": time.strftime("%Y-%m-%d %H:%M"), "commit": git_rev(), "cpu": cpu_model(),
            "load_start": loadavg()}
    paths = build(kernels, a.build_dir, a.configs, a)
    logs = os.path.join(a.out, "logs")
    for f in os.listdir(logs) if os.path.isdir(logs) else []:
        if f.endswith(".log"):  # from an earlier run
            os.remove(os.path.join(logs, f))
    results = {}
    for k in kernels:
        log("%s:" % k.name)
        results[k.name] = bench_kernel(k, paths, a)
    meta["load_end"] = loadavg()

    os.makedirs(a.out, exist_ok=True)
    table = make_table(kernels, results, a, meta)
    with open(os.path.join(a.out, "results.md"), "w") as f:
        f.write(table)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump({"meta": meta, "metric": a.metric, "runs": a.runs, "scale": a.scale,
                   "results": {n: {c: {"times": r["times"], "median": r["median"],
                                       "failure": r["failure"]} for c, r in res.items()}
                               for n, res in results.items()}}, f, indent=1)
    svg = svgchart.render(chart_rows(kernels, results, a.configs),
                          "slowdown vs native (%s time, median of %d, log scale)" % (a.metric, a.runs))
    with open(os.path.join(a.out, "results.svg"), "w") as f:
        f.write(svg)
    print(table)
    print("wrote %s/results.{md,json,svg}" % a.out)
    failed = any(r["failure"] for res in results.values() for r in res.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
