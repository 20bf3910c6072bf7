#!/usr/bin/env python3
"""difftest.py - differential test of emu-aarch64 against qemu-aarch64 (the
oracle) with random instruction programs (gen.py, harness.py): x0-x30,
NZCV, V0-V31, FPSR, FPCR and the scratch buffer are compared after every
segment.  On a mismatch the segment is re-run with a dump after each
instruction to name the first instruction whose result differs (as objdump
disassembles it), with its input operands; a one-instruction program
starting from that state is written and re-checked (replay it with
--replay FILE).

Exit status: 0 all equal, 1 mismatch (emulator bug, or a qemu deviation to
triage against the Arm ARM and record in deviations.py), 2 the tester
itself failed.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import forms  # noqa: E402
import gen  # noqa: E402
import harness as H  # noqa: E402
from wordcheck import WordCheck, assemble_forms  # noqa: E402

CC = "aarch64-linux-gnu-gcc"
QEMU = ["qemu-aarch64"]


def compile_prog(asm, path):
    with open(path + ".S", "w") as f:
        f.write(asm)
    subprocess.run([CC, "-nostdlib", "-static", "-no-pie", "-Wl,--build-id=none", "-o", path, path + ".S"],
                   check=True, capture_output=True)


def run(cmd, timeout=60):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", e.stdout or b"", e.stderr or b""
    except OSError as e:        # e.g. the emulator is being relinked
        return f"not started ({e.strerror})", b"", str(e).encode()


class Tester:
    def __init__(self, args, workdir, report):
        self.args, self.workdir, self.report = args, workdir, report
        self.check = WordCheck(workdir)
        self.forms = {}
        if any(c == "fp_forms" for c in args.subclasses):
            self.forms["fp"] = assemble_forms(forms.fp_forms(), workdir, self.check)
        if any(c == "simd_forms" for c in args.subclasses):
            self.forms["simd"] = assemble_forms(forms.simd_forms(), workdir, self.check)

    def segments(self, seed):
        """Generate until every word used has been checked."""
        a = self.args
        while True:
            segs, unknown = gen.make_segments(seed, a.segments, a.length, a.subclasses,
                                              status=self.check.status, forms=self.forms)
            if not unknown:
                return segs
            self.check.add(unknown)

    def insn_line(self, k, n, ins):
        text = f"{ins.branch[0]}(over {ins.branch[1]})" if ins.branch else self.check.disasm(ins.word)
        return f"    {k}.{n:<3} {ins.word:08x}  {text:<44} {'(setup)' if ins.setup else ins.cls}"

    def operands(self, text, st):
        """Input values of the registers an instruction names, from state st."""
        out, seen = [], set()
        for m in re.finditer(r"\b([xw])(\d+)\b|\b([vqdshb])(\d+)\b", text.split(" ", 1)[-1]):
            if m.group(1):
                n = int(m.group(2))
                key = f"x{n}"
                val = f"{st.x[n]:016x}" if n < 31 else None
            else:
                n = int(m.group(4))
                key = f"v{n}"
                val = f"{st.v[n]:032x}"
            if val and key not in seen:
                seen.add(key)
                out.append(f"{key}={val}")
        out.append(f"nzcv={st.nzcv >> 28:04b} fpcr={st.fpcr:08x} fpsr={st.fpsr:08x}")
        return out

    def trace(self, segs, k, init_buf):
        """(step, pre-state dump, qemu dump, emu dump, emu status, emu stderr)
        for the first instruction after which the states differ."""
        path = os.path.join(self.workdir, f"trace{k}")
        compile_prog(H.program_asm(segs, init_buf, trace=k), path)
        _, oq, _ = run(self.args.qemu + [path])
        se, oe, ee = run(self.args.emu + [path])
        dq, de = H.split_dumps(oq), H.split_dumps(oe)
        for j in range(max(len(dq), len(de))):
            if j >= len(dq) or j >= len(de) or dq[j] != de[j]:
                if j == 0:
                    step = -1
                elif j < len(dq) and (j >= len(de) or H.State(dq[j]).id == H.State(de[j]).id):
                    step = H.State(dq[j]).id - 1    # the instruction before dump j
                else:
                    step = H.State(dq[j - 1]).id    # the paths split: the next one (a branch)
                self.trace_dumps = dq
                return (step, dq[j - 1] if j > 0 else None, dq[j] if j < len(dq) else None,
                        de[j] if j < len(de) else None, se, ee)
        return None, None, None, None, se, ee

    def repro(self, insns, step, name):
        """A program of instruction step alone (with the setup instructions
        before it: a load's base is recomputed from x28, since the buffer
        moves), started from qemu's traced state before them; its path if it
        still shows the difference."""
        first = step
        while first > 0 and insns[first - 1].setup:
            first -= 1
        pre = [d for d in self.trace_dumps if H.State(d).id == first]
        if not pre:
            return None
        st = H.State(pre[0])
        seg = H.Segment(st.x, st.nzcv, insns[first:step + 1], st.v, st.fpcr)
        path = os.path.join(self.workdir, name)
        compile_prog(H.program_asm([seg], st.buf), path)
        oq, oe = run(self.args.qemu + [path])[1], run(self.args.emu + [path])[1]
        return path if oq != oe else None

    def report_segment(self, pseed, segs, k, init_buf, final_q, final_e):
        rep, sg = self.report, segs[k]
        rep(f"  segment {k}: fpcr {sg.fpcr:08x}, initial nzcv {sg.nzcv >> 28:04b}")
        step, pre, tq, te, tse, tee = self.trace(segs, k, init_buf)
        if step is None:
            rep("    (trace run shows no difference: depends on earlier state or is nondeterministic)")
        elif step < 0:
            rep("    state differs before the first instruction (state loading)")
        else:
            ins = sg.insns[step]
            rep("    first difference after:")
            rep(self.insn_line(k, step, ins))
            text = ins.branch[0] if ins.branch else self.check.disasm(ins.word)
            rep("    inputs (qemu state before it): " + " ".join(self.operands(text, H.State(pre))))
            if tq is not None and te is not None and H.State(tq).id != H.State(te).id:
                rep(f"    control flow differs: next dump after instruction {H.State(tq).id - 1} in qemu, "
                    f"{H.State(te).id - 1} in emu")
            elif tq is not None and te is not None:
                rep("\n".join(H.describe_diff(tq, te)))
            elif te is None:
                rep(f"    emu stopped here (status {tse}): {tee.decode(errors='replace').strip()[:300]}")
            if step > 0:
                rep("    preceded by:")
                for n in range(max(0, step - 3), step):
                    rep(self.insn_line(k, n, sg.insns[n]))
            r = None if ins.branch else self.repro(sg.insns, step, f"repro-{pseed}-{k}")
            if r:
                rep(f"    reproducer (this instruction alone): {r} (.S beside it); "
                    f"tools/difftest/run.sh --emu '{' '.join(self.args.emu)}' --qemu-cpu {self.args.qemu_cpu} "
                    f"--replay {r}")
        if final_e is not None and step is None:
            rep("    final state difference:")
            rep("\n".join(H.describe_diff(final_q, final_e)))

    def program(self, pseed):
        a, rep = self.args, self.report
        segs = self.segments(pseed)
        r = random.Random(pseed ^ 0x5EED)
        init_buf = bytes(r.getrandbits(8) for _ in range(H.BUFSZ))
        path = os.path.join(self.workdir, f"prog-{pseed}")
        compile_prog(H.program_asm(segs, init_buf), path)
        sq, oq, eq = run(a.qemu + [path])
        if sq != 0 or len(oq) != len(segs) * H.DUMP_BYTES:
            rep(f"ORACLE FAILED seed {pseed}: qemu status {sq}, {len(oq)} bytes: {eq.decode(errors='replace')[:300]}")
            return 2
        se, oe, ee = run(a.emu + [path])
        if isinstance(se, str) and se.startswith("not started"):
            rep(f"EMULATOR FAILED to start: {ee.decode(errors='replace')}")
            return 2
        dq, de = H.split_dumps(oq), H.split_dumps(oe)
        bad = [k for k in range(min(len(segs), len(de) + 1)) if k >= len(de) or dq[k] != de[k]]
        if not bad and se == 0 and len(oe) == len(oq):
            if not a.keep:
                for suffix in ("", ".S"):
                    os.unlink(path + suffix)
            return 0
        rep(f"MISMATCH program seed {pseed} ({path}): emu status {se}, {len(de)}/{len(segs)} segments dumped, "
            f"{len(bad)} segment(s) differ" + ("" if len(de) == len(segs) else f" (segment {len(de)} not completed)"))
        if ee:
            rep("  emu stderr: " + ee.decode(errors="replace").strip().replace("\n", "\n    ")[:800])
        for k in bad[:a.max_report]:
            self.report_segment(pseed, segs, k, init_buf, dq[k], de[k] if k < len(de) else None)
        rep(f"  reproduce: tools/difftest/run.sh --emu '{' '.join(a.emu)}' --qemu-cpu {a.qemu_cpu} --class {','.join(a.classes)} "
            f"--seed-exact {pseed} --segments {a.segments} --length {a.length} --keep --workdir /tmp/difftest-repro")
        return 1


def replay(args, path):
    """Run one difftest binary under both and describe the differences."""
    sq, oq, _ = run(args.qemu + [path])
    se, oe, ee = run(args.emu + [path])
    dq, de = H.split_dumps(oq), H.split_dumps(oe)
    print(f"qemu status {sq}, {len(dq)} dumps; emu status {se}, {len(de)} dumps")
    if ee:
        print("emu stderr: " + ee.decode(errors="replace")[:800])
    for j in range(min(len(dq), len(de))):
        if dq[j] != de[j]:
            print(f"dump {j} differs:")
            print("\n".join(H.describe_diff(dq[j], de[j])))
    return 0 if oq == oe and sq == se else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--emu", required=True, help="emulator command (may include options, split on spaces)")
    ap.add_argument("--class", "--classes", dest="classes", default="int",
                    help="comma-separated: " + ",".join(gen.CLASS_GROUPS) + " or subclasses: "
                    + ",".join(gen.SUBCLASSES))
    ap.add_argument("--seed", type=int, default=1, help="base seed; program i uses seed*100003+i")
    ap.add_argument("--seed-exact", type=int, help="run exactly one program with this seed")
    ap.add_argument("--programs", type=int, default=4)
    ap.add_argument("--long", type=int, metavar="N", help="soak: N programs with random seeds")
    ap.add_argument("--segments", type=int, default=40)
    ap.add_argument("--length", type=int, default=24, help="random instructions per segment")
    ap.add_argument("--workdir")
    ap.add_argument("--keep", action="store_true", help="keep passing programs too")
    ap.add_argument("--max-report", type=int, default=3, help="mismatching segments traced per program")
    ap.add_argument("--max-fail", type=int, default=5, help="stop after this many failing programs")
    ap.add_argument("--replay", metavar="FILE", help="run one difftest binary under both and compare")
    ap.add_argument("--qemu-cpu", help="qemu -cpu model (default: max; cortex-a57 for class undef, an "
                    "Armv8.0 core with the emulated CPU's features except LSE, so later extensions raise SIGILL)")
    args = ap.parse_args()
    args.emu = args.emu.split()
    args.classes = [c for c in args.classes.split(",") if c]
    try:
        args.subclasses = gen.expand_classes(args.classes)
    except ValueError as e:
        ap.error(str(e))
    if not args.qemu_cpu:
        args.qemu_cpu = "cortex-a57" if "undef_rand" in args.subclasses else "max"
    if args.qemu_cpu == "cortex-a57" and {"lse", "cas"} & set(args.subclasses):
        ap.error("class undef (qemu -cpu cortex-a57) cannot be mixed with LSE (lse, cas)")
    args.qemu = QEMU + ["-cpu", args.qemu_cpu]
    if args.replay:
        return replay(args, args.replay)
    workdir = args.workdir or tempfile.mkdtemp(prefix="difftest-")
    os.makedirs(workdir, exist_ok=True)
    if args.seed_exact is not None:
        seeds = [args.seed_exact]
    elif args.long:
        base = random.SystemRandom().getrandbits(40)
        seeds = [base + i for i in range(args.long)]
    else:
        seeds = [args.seed * 100003 + i for i in range(args.programs)]
    t = Tester(args, workdir, lambda line: print(line, flush=True))
    fails = worst = done = 0
    for s in seeds:
        rc = t.program(s)
        done += 1
        worst = max(worst, rc)
        fails += rc != 0
        if fails >= args.max_fail:
            print(f"stopping after {fails} failing programs", flush=True)
            break
    insns = done * args.segments * args.length
    print(f"difftest [{','.join(args.classes)}]: {done} programs, ~{insns} random instructions, "
          f"{fails} failing program(s); work dir {workdir}")
    return worst


if __name__ == "__main__":
    sys.exit(main())
