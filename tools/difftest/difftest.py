#!/usr/bin/env python3
"""difftest.py - run random A64 integer-instruction programs (gen.py) under
qemu-aarch64 (the oracle) and under emu-aarch64, and compare x0-x30, NZCV
and the scratch buffer after every segment.  On a mismatch the segment is
re-run in trace mode (a dump after each instruction) to name the first
instruction whose result differs; instructions are shown as
aarch64-linux-gnu-objdump disassembles them.

Exit status: 0 all equal, 1 mismatch (emulator bug or qemu deviation to
triage against the Arm ARM), 2 the tester itself failed.
"""
import argparse
import os
import random
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

OBJDUMP = "aarch64-linux-gnu-objdump"
CC = "aarch64-linux-gnu-gcc"


def disassemble(words, workdir):
    """{word: text} for each word; text None when objdump cannot decode it."""
    words = sorted(set(words))
    path = os.path.join(workdir, "words.bin")
    with open(path, "wb") as f:
        f.write(b"".join(struct.pack("<I", w) for w in words))
    out = subprocess.run([OBJDUMP, "-D", "-b", "binary", "-m", "aarch64", path],
                         capture_output=True, text=True, check=True).stdout
    res = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].strip().endswith(":"):
            continue
        try:
            off = int(parts[0].strip()[:-1], 16)
        except ValueError:
            continue
        text = " ".join(p.strip() for p in parts[2:]).strip()
        bad = text.startswith(".inst") or "undefined" in text or "unallocated" in text
        res[words[off // 4]] = None if bad else text
    return res


def build_segments(seed, args, workdir, known):
    """Generate until every word used has been checked by objdump."""
    while True:
        segs = gen.make_segments(seed, args.segments, args.length, args.classes,
                                 valid=lambda w: known.get(w, "?") is not None)
        unknown = {i.word for s in segs for i in s.insns if i.word not in known}
        if not unknown:
            return segs
        known.update(disassemble(unknown, workdir))


def compile_prog(asm, path):
    with open(path + ".S", "w") as f:
        f.write(asm)
    subprocess.run([CC, "-nostdlib", "-static", "-no-pie", "-Wl,--build-id=none", "-o", path, path + ".S"],
                   check=True, capture_output=True)


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", e.stdout or b"", e.stderr or b""


def split_dumps(out):
    n = gen.DUMP_BYTES
    return [out[i:i + n] for i in range(0, len(out) - n + 1, n)]


def decode(d):
    regs = struct.unpack("<32Q", d[:256])
    return regs, d[256:]


def describe_diff(dq, de):
    lines = []
    rq, bq = decode(dq)
    re_, be = decode(de)
    for i in range(32):
        if rq[i] != re_[i]:
            name = "nzcv" if i == 31 else f"x{i}"
            lines.append(f"    {name:>4}: qemu {rq[i]:016x}  emu {re_[i]:016x}")
    diffs = [i for i in range(len(bq)) if bq[i] != be[i]]
    if diffs:
        lo, hi = diffs[0], diffs[-1]
        lines.append(f"    buffer differs in {len(diffs)} bytes, offsets {lo:#x}..{hi:#x}:")
        a = lo & ~15
        lines.append(f"      qemu [{a:#05x}] {bq[a:a + 32].hex()}")
        lines.append(f"      emu  [{a:#05x}] {be[a:a + 32].hex()}")
    return lines


def insn_line(k, n, ins, known):
    text = known.get(ins.word) or "?"
    return f"    {k}.{n:<3} {ins.word:08x}  {text:<40} {'(setup)' if ins.setup else ins.cls}"


def trace_segment(segs, k, init_buf, args, workdir, known):
    """Return the index of the first instruction after which states differ."""
    path = os.path.join(workdir, f"trace{k}")
    compile_prog(gen.program_asm(segs, init_buf, trace=k), path)
    sq, oq, _ = run(["qemu-aarch64", path], 60)
    se, oe, ee = run(args.emu + [path], 60)
    dq, de = split_dumps(oq), split_dumps(oe)
    for j in range(max(len(dq), len(de))):
        if j >= len(dq) or j >= len(de) or dq[j] != de[j]:
            return j - 1, (dq[j] if j < len(dq) else None), (de[j] if j < len(de) else None), se, ee
    return None, None, None, se, ee


def run_program(pseed, args, workdir, known, report):
    segs = build_segments(pseed, args, workdir, known)
    r = random.Random(pseed ^ 0x5EED)
    init_buf = bytes(r.getrandbits(8) for _ in range(gen.BUFSZ))
    path = os.path.join(workdir, f"prog-{pseed}")
    compile_prog(gen.program_asm(segs, init_buf), path)
    sq, oq, eq = run(["qemu-aarch64", path], 60)
    if sq != 0 or len(oq) != len(segs) * gen.DUMP_BYTES:
        report(f"ORACLE FAILED seed {pseed}: qemu status {sq}, {len(oq)} bytes: {eq.decode(errors='replace')[:300]}")
        return 2
    se, oe, ee = run(args.emu + [path], 60)
    dq, de = split_dumps(oq), split_dumps(oe)
    # segments after the one where the emulator stopped were never reached
    bad = [k for k in range(min(len(segs), len(de) + 1)) if k >= len(de) or dq[k] != de[k]]
    if not bad and se == 0 and len(oe) == len(oq):
        if not args.keep:
            for suffix in ("", ".S"):
                os.unlink(path + suffix)
        return 0
    report(f"MISMATCH program seed {pseed} ({path}): emu status {se}, {len(de)}/{len(segs)} segments dumped, "
           f"{len(bad)} segment(s) differ" + ("" if len(de) == len(segs) else f" (segment {len(de)} not completed)"))
    if ee:
        report("  emu stderr: " + ee.decode(errors="replace").strip().replace("\n", "\n    ")[:800])
    for k in bad[:args.max_report]:
        sg = segs[k]
        report(f"  segment {k}: initial nzcv {sg.nzcv >> 28:04b}")
        step, tq, te, tse, tee = trace_segment(segs, k, init_buf, args, workdir, known)
        if step is None:
            report("    (trace run shows no difference: depends on earlier state or is nondeterministic)")
        elif step < 0:
            report("    state differs before the first instruction (register/NZCV loading)")
        else:
            report("    first difference after:")
            report(insn_line(k, step, sg.insns[step], known))
            if tq is not None and te is not None:
                report("\n".join(describe_diff(tq, te)))
            elif te is None:
                report(f"    emu stopped here (status {tse}): {tee.decode(errors='replace').strip()[:300]}")
            ctx = range(max(0, step - 4), step)
            if ctx:
                report("    preceded by:")
                for n in ctx:
                    report(insn_line(k, n, sg.insns[n], known))
        if k < len(de):
            report("    final state difference:")
            report("\n".join(describe_diff(dq[k], de[k])))
    cls = "" if args.classes == gen.DEFAULT_CLASSES else " --classes " + ",".join(args.classes)
    report(f"  reproduce: tools/difftest/run.sh --emu '{' '.join(args.emu)}' --seed-exact {pseed} "
           f"--segments {args.segments} --length {args.length}{cls} --keep --workdir /tmp/difftest-repro")
    return 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--emu", required=True, help="emulator command (may include options, split on spaces)")
    ap.add_argument("--seed", type=int, default=1, help="base seed; program i uses seed*100003+i")
    ap.add_argument("--seed-exact", type=int, help="run exactly one program with this seed")
    ap.add_argument("--programs", type=int, default=4)
    ap.add_argument("--long", type=int, metavar="N", help="soak: N programs with random seeds")
    ap.add_argument("--segments", type=int, default=40)
    ap.add_argument("--length", type=int, default=24, help="random instructions per segment")
    ap.add_argument("--classes", default=",".join(gen.DEFAULT_CLASSES),
                    help="comma-separated; available: " + ",".join(gen.CLASSES))
    ap.add_argument("--workdir")
    ap.add_argument("--keep", action="store_true", help="keep passing programs too")
    ap.add_argument("--max-report", type=int, default=3, help="mismatching segments traced per program")
    ap.add_argument("--max-fail", type=int, default=5, help="stop after this many failing programs")
    args = ap.parse_args()
    args.classes = [c for c in args.classes.split(",") if c]
    for c in args.classes:
        if c not in gen.CLASSES:
            ap.error(f"unknown class {c}")
    args.emu = args.emu.split()
    workdir = args.workdir or tempfile.mkdtemp(prefix="difftest-")
    os.makedirs(workdir, exist_ok=True)
    if args.seed_exact is not None:
        seeds = [args.seed_exact]
    elif args.long:
        base = random.SystemRandom().getrandbits(40)
        seeds = [base + i for i in range(args.long)]
    else:
        seeds = [args.seed * 100003 + i for i in range(args.programs)]
    known = {}
    fails = 0
    worst = 0
    out = sys.stdout
    for n, s in enumerate(seeds):
        rc = run_program(s, args, workdir, known, lambda line: print(line, file=out, flush=True))
        worst = max(worst, rc)
        fails += rc != 0
        if fails >= args.max_fail:
            print(f"stopping after {fails} failing programs", flush=True)
            break
    total = sum(1 for _ in seeds[:n + 1])
    insns = total * args.segments * args.length
    print(f"difftest: {total} programs, ~{insns} random instructions, {fails} failing program(s); work dir {workdir}")
    return worst


if __name__ == "__main__":
    sys.exit(main())
