#!/usr/bin/env python3
"""gen.py - the instruction classes of difftest and the construction of
random test programs (segments, harness.py) from them.

Classes (--class): int (integer data processing: field encoders of each
group plus random words of the DP-immediate/DP-register spaces), ldst
(integer and SIMD&FP loads/stores, exclusives, LSE atomics, CAS), fp
(scalar floating point under one of 9 FPCR settings per segment), simd
(AdvSIMD and crypto), undef (encodings that must raise SIGILL, mixed with
valid ones).  Each is a list of subclasses (generator methods of
gen_int.IntGen / gen_vec.VecGen, and "branch": forward branches over other
groups) that can also be named directly.
Everything is deterministic in (seed, segments, length, classes).
"""
import random

from gen_int import IntGen
from gen_vec import FPCR_CHOICES, VecGen, init_vreg
from harness import Insn, Segment

CLASS_GROUPS = {
    "int": ["addsub_imm", "logic_imm", "movewide", "bitfield", "extract", "adr", "logic_reg",
            "addsub_reg", "addsub_ext", "adc", "ccmp", "csel", "dp3", "dp2", "dp1", "crc", "nzcv",
            "dp_rand", "branch"],
    "ldst": ["ldst_imm", "ldst_reg", "ldst_pair", "exclusive", "lse", "cas", "vldst", "vldst", "branch"],
    "fp": ["fp_rand", "fp_rand", "fp_rand", "fp_forms", "fp_forms", "branch"],
    "simd": ["simd_rand", "simd_rand", "simd_rand", "simd_forms", "simd_forms", "crypto", "branch"],
    "undef": ["undef_rand", "undef_rand", "dp_rand", "fp_rand", "simd_rand"],
}
SUBCLASSES = sorted({c for g in CLASS_GROUPS.values() for c in g})


def expand_classes(names):
    """'int,fp' or subclass names -> list of subclasses (repeats weight)."""
    out = []
    for n in names:
        if n in CLASS_GROUPS:
            out += CLASS_GROUPS[n]
        elif n in SUBCLASSES:
            out.append(n)
        else:
            raise ValueError(f"unknown class {n}; classes: {', '.join(CLASS_GROUPS)}; "
                             f"subclasses: {', '.join(SUBCLASSES)}")
    return out


class Gen(IntGen, VecGen):
    def __init__(self, rng, forms=None, status=None):
        self.r = rng
        self.forms = forms or {}
        self.status = status or (lambda w: "ok")   # "ok", "undef", "bad", None unknown
        self.pending = set()                       # unknown candidate words seen

    def dp_rand(self):
        """A random word of the data-processing (immediate) space, op0 =
        100x, or the data-processing (register) space, op0 = x101."""
        if self.r.getrandbits(1):
            return self._pick(lambda: self.r.getrandbits(32) & ~0x1C000000 | 0x10000000)
        return self._pick(lambda: self.r.getrandbits(32) & ~0x0E000000 | 0x0A000000)

    COND = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al"]

    def branch(self, classes):
        """A forward branch over the next 1-3 groups of the other classes
        (whole groups, so a load is never separated from its base setup):
        B.cond, CBZ/CBNZ, TBZ/TBNZ or B.  Conditions come from the random
        NZCV and register state, so JIT flag and block-exit handling is
        checked on both paths."""
        others = [c for c in classes if c != "branch"] or ["addsub_imm"]
        body = []
        for _ in range(self.r.randrange(1, 4)):
            body += self.one(others)
        k = self.r.randrange(5)
        rt = self.r.randrange(31)
        if k < 2:
            text = f"b.{self.r.choice(self.COND)} "
        elif k == 2:
            text = f"{self.r.choice(['cbz', 'cbnz'])} {self.r.choice('wx')}{rt}, "
        elif k == 3:
            text = f"{self.r.choice(['tbz', 'tbnz'])} x{rt}, #{self.r.randrange(64)}, "
        else:
            text = "b "
        return [Insn(0xD503201F, branch=(text, len(body)), cls="branch")] + body

    def one(self, classes):
        cls = self.r.choice(classes)
        if cls == "branch":
            return self.branch(classes)
        out = []
        for x in getattr(self, cls)():
            if not isinstance(x, Insn):
                x = Insn(x)
            x.cls = x.cls or cls
            out.append(x)
        return out


INIT_PATTERNS = [0, 1, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000,
                 0x8000000000000000, 0x7FFFFFFFFFFFFFFF, 0xFFFFFFFF80000000, 0x00000000FFFF0000]


def init_value(r):
    p = r.random()
    if p < 0.3:
        return r.choice(INIT_PATTERNS)
    if p < 0.45:
        return r.randrange(-64, 64) & 0xFFFFFFFFFFFFFFFF
    if p < 0.6:
        return r.getrandbits(32)
    if p < 0.7:
        return 1 << r.randrange(64)
    return r.getrandbits(64)


def make_segments(seed, nseg, length, classes, status=None, forms=None):
    """status(word) -> True (usable) / False / None (not checked yet) filters
    encodings (disassembler and feature check) and must be deterministic.
    Returns (segments, unknown words met); the caller checks the unknown
    words and calls again until there are none."""
    r = random.Random(seed)
    g = Gen(r, forms, status)

    def valid(i):
        if i.branch:
            return True
        st = g.status(i.word)
        return st is None or st == ("undef" if i.undef else "ok")
    segs = []
    for _ in range(nseg):
        regs = [init_value(r) for _ in range(31)]
        nzcv = r.getrandbits(4) << 28
        vregs = [init_vreg(r) for _ in range(32)]
        fpcr = r.choice(FPCR_CHOICES)
        insns = []
        while len([i for i in insns if not i.setup]) < length:
            group = g.one(classes)
            if status and not all(valid(i) for i in group):
                continue
            insns.extend(group)
        segs.append(Segment(regs, nzcv, insns, vregs, fpcr))
    unknown = set(g.pending) | {i.word for s in segs for i in s.insns
                                if status and not i.branch and status(i.word) is None}
    return segs, unknown
