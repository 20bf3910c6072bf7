#!/usr/bin/env python3
"""gen.py - the instruction classes of difftest and the construction of
random test programs (segments, harness.py) from them.

Classes (--class): int (integer data processing: field encoders of each
group plus random words of the DP-immediate/DP-register spaces), ldst
(integer and SIMD&FP loads/stores, exclusives, LSE atomics, CAS), fp
(scalar floating point under one of 9 FPCR settings per segment), simd
(AdvSIMD and crypto).  Each is a list of subclasses (generator methods of
gen_int.IntGen / gen_vec.VecGen) that can also be named directly.
Everything is deterministic in (seed, segments, length, classes).
"""
import random

from gen_int import IntGen
from gen_vec import FPCR_CHOICES, VecGen, init_vreg
from harness import Insn, Segment

CLASS_GROUPS = {
    "int": ["addsub_imm", "logic_imm", "movewide", "bitfield", "extract", "adr", "logic_reg",
            "addsub_reg", "addsub_ext", "adc", "ccmp", "csel", "dp3", "dp2", "dp1", "crc", "nzcv",
            "dp_rand"],
    "ldst": ["ldst_imm", "ldst_reg", "ldst_pair", "exclusive", "lse", "cas", "vldst", "vldst"],
    "fp": ["fp_rand", "fp_rand", "fp_forms"],
    "simd": ["simd_rand", "simd_rand", "simd_forms", "crypto"],
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
    def __init__(self, rng, forms=None):
        self.r = rng
        self.forms = forms or {}

    def dp_rand(self):
        """A random word of the data-processing (immediate) space, op0 =
        100x, or the data-processing (register) space, op0 = x101."""
        if self.r.getrandbits(1):
            return [self.r.getrandbits(32) & ~0x1C000000 | 0x10000000]
        return [self.r.getrandbits(32) & ~0x0E000000 | 0x0A000000]

    def one(self, classes):
        cls = self.r.choice(classes)
        out = []
        for x in getattr(self, cls)():
            if not isinstance(x, Insn):
                x = Insn(x)
            x.cls = cls
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


def make_segments(seed, nseg, length, classes, valid=None, forms=None):
    """valid(word) -> bool filters encodings (disassembler and feature
    check); it must itself be deterministic."""
    r = random.Random(seed)
    g = Gen(r, forms)
    segs = []
    for _ in range(nseg):
        regs = [init_value(r) for _ in range(31)]
        nzcv = r.getrandbits(4) << 28
        vregs = [init_vreg(r) for _ in range(32)]
        fpcr = r.choice(FPCR_CHOICES)
        insns = []
        while len([i for i in insns if not i.setup]) < length:
            group = g.one(classes)
            if valid and not all(valid(i.word) for i in group):
                continue
            insns.extend(group)
        segs.append(Segment(regs, nzcv, insns, vregs, fpcr))
    return segs
