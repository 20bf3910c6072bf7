"""gen_vec.py - SIMD&FP instruction generators for difftest (classes "fp",
"simd", "undef" and the vector part of "ldst"), and the initial V-register
values and FPCR settings the segments start from.

Three kinds of generator:
  - random words in an encoding space of the Arm ARM top-level decode
    table (scalar FP: op0 = x0x1111x; AdvSIMD vector/scalar; crypto).
    Every field value is reachable; the driver drops what GNU objdump
    cannot decode or the assembler rejects for the emulated feature set
    (Armv8.0 + AES/PMULL/SHA1/SHA256 + CRC32 + LSE, cpu/aarch64/features.h);
  - templates from forms.py (edge immediates), with their register fields
    varied;
  - field encoders for SIMD&FP loads/stores through x27 (gen_int's base()).
SIMD&FP data-processing instructions never read SP and never write memory,
so random register fields are safe; a GPR destination x28 (the buffer base)
is filtered out by the driver.
"""
from harness import Insn

# FPCR settings (AHP 26, DN 25, FZ 24, RMode 23:22): the FP unit tests' 9
# settings minus FZ16, which the emulated CPU does not have (no FP16).
FPCR_CHOICES = [0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25, 1 << 26,
                (1 << 24) | (1 << 25) | (2 << 22), (1 << 24) | (1 << 25)]

F16 = [0x0000, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7c01, 0x0001, 0x03ff,
       0x0400, 0x7bff, 0x3555, 0x5640, 0x3800]
F32 = [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0xffc00123, 0x3f800000,
       0xbf800000, 0x00000001, 0x807fffff, 0x00800000, 0x4f000000, 0xcf000000, 0x5f800000,
       0x3f000000, 0x3fc00000, 0x40200000, 0x7f7fffff, 0x4effffff, 0x3effffff, 0x4b000001,
       0xc0400000, 0x3eaaaaab, 0x3f7fffff, 0x4f800000, 0xdf000000, 0x477fe000, 0x33800000]
F64 = [0, 0x8000000000000000, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
       0x7ff0000000000001, 0xfff8000000000001, 0x3ff0000000000000, 0xbff8000000000000, 1,
       0x000fffffffffffff, 0x0010000000000000, 0x43e0000000000000, 0xc3e0000000000000,
       0x41e0000000000000, 0x3fe0000000000000, 0x4004000000000000, 0x7fefffffffffffff,
       0x47efffffe0000000, 0x36a0000000000000, 0x41dfffffffc00000, 0x3fd5555555555555,
       0x433fffffffffffff, 0x3ff0000010000001, 0xc1e0000000200000, 0x380fffffe0000000]
BYTES = [0, 1, 0x7f, 0x80, 0x81, 0xff, 0xfe, 0x40]


def _lanes(r, width, pick):
    v = 0
    for i in range(64 // width):
        v |= pick() << (width * i)
    return v


def _moderate(r, width):
    """A normal number with exponent near 1.0 (results stay finite and
    inexact: rounding is exercised)."""
    e_bits = {16: 5, 32: 8, 64: 11}[width]
    f_bits = width - e_bits - 1
    bias = (1 << (e_bits - 1)) - 1
    e = bias - 8 + r.randrange(20)
    return r.getrandbits(1) << (width - 1) | e << f_bits | r.getrandbits(f_bits)


def half64(r):
    """One 64-bit half of a V register: random, special bytes, FP specials
    or moderate FP numbers of each precision, or small integers."""
    k = r.randrange(9)
    if k == 0:
        return r.getrandbits(64)
    if k == 1:
        return _lanes(r, 8, lambda: r.choice(BYTES))
    if k == 2:
        return _lanes(r, 16, lambda: r.choice(F16) if r.random() < 0.6 else _moderate(r, 16))
    if k == 3:
        return _lanes(r, 32, lambda: r.choice(F32))
    if k == 4:
        return _lanes(r, 32, lambda: _moderate(r, 32))
    if k == 5:
        return r.choice(F64)
    if k == 6:
        return _moderate(r, 64)
    if k == 7:
        return (r.randrange(-70, 70)) & (2**64 - 1)
    return _lanes(r, 32, lambda: r.randrange(-40, 40) & 0xFFFFFFFF)


def init_vreg(r):
    return half64(r) | half64(r) << 64


class VecGen:
    forms = {}          # class -> [(word, nregs)], filled by the driver

    def _rand_word(self, fixed_mask, fixed_bits):
        return (self.r.getrandbits(32) & ~fixed_mask) | fixed_bits

    def _pick(self, make, k=8, want="ok"):
        """One of k candidate words from make(): the first whose status is
        want.  An unknown candidate is taken tentatively and all unknown
        candidates are queued for checking (self.pending), so generation
        converges in a few rounds although many random words are
        unallocated."""
        cands = [make() for _ in range(k)]
        for i, w in enumerate(cands):
            st = self.status(w)
            if st is None:
                self.pending.update(c for c in cands[i:] if self.status(c) is None)
                return [Insn(w, undef=want == "undef")]
            if st == want:
                return [Insn(w, undef=want == "undef")]
        return [Insn(cands[-1], undef=want == "undef")]

    def undef_rand(self):
        """A word of the FP, AdvSIMD or data-processing spaces that the
        emulated CPU must reject (unallocated, or a later extension)."""
        k = self.r.randrange(4)
        if k == 0:
            mask, bits = self.r.choice(self.FP_GROUPS)
        elif k == 1:
            mask, bits = self.r.choice(self.SIMD_SPACES)
        elif k == 2:
            mask, bits = 0x1C000000, 0x10000000
        else:
            mask, bits = 0x0E000000, 0x0A000000
        return self._pick(lambda: self._rand_word(mask, bits), 16, "undef")

    # ---- scalar floating point ------------------------------------------
    # Scalar FP groups (Arm ARM C4.1.95 "Data Processing -- Scalar
    # Floating-Point and Advanced SIMD"), as (fixed-bit mask, value); one is
    # picked uniformly so small groups (arithmetic) are not drowned by big
    # ones (FCSEL, FCCMP).
    FP_GROUPS = [
        (0x7F20FC00, 0x1E200000),   # FP <-> integer conversion (sf random)
        (0x7F200000, 0x1E000000),   # FP <-> fixed-point conversion
        (0xFF207C00, 0x1E204000),   # FP data processing, 1 source
        (0xFF203C00, 0x1E202000),   # FP compare
        (0xFF201FE0, 0x1E201000),   # FP immediate
        (0xFF200C00, 0x1E200400),   # FP conditional compare
        (0xFF200C00, 0x1E200800),   # FP data processing, 2 source
        (0xFF200C00, 0x1E200C00),   # FP conditional select
        (0xFF000000, 0x1F000000),   # FP data processing, 3 source
    ]

    SIMD_SPACES = [(0x9F000000, 0x0E000000), (0x9F000000, 0x0F000000), (0xDF000000, 0x5E000000),
                   (0xDF000000, 0x5F000000)]

    def fp_rand(self):
        mask, bits = self.r.choice(self.FP_GROUPS)

        def make():
            # type 00/01 mostly: 11 is half precision, which the emulated
            # CPU lacks (filtered), 10 is unallocated.
            w = self._rand_word(mask, bits)
            return w & ~(1 << 23) if self.r.random() < 0.9 else w
        return self._pick(make)

    def fp_forms(self):
        form = self.r.choice(self.forms["fp"])
        return self._pick(lambda: self._vary(form), 4)

    # ---- AdvSIMD ------------------------------------------------------------
    def simd_rand(self):
        # vector: three same/different, two-reg misc, across lanes, copy,
        # permute, EXT, TBL (0 Q U 01110); vector by element, shift by
        # immediate, modified immediate (0 Q U 01111); scalar: three
        # same/different, two-reg misc, pairwise, copy (01 U 11110); scalar by
        # element, shift by immediate (01 U 11111).
        mask, bits = self.r.choice(self.SIMD_SPACES)
        return self._pick(lambda: self._rand_word(mask, bits))

    def simd_forms(self):
        form = self.r.choice(self.forms["simd"])
        return self._pick(lambda: self._vary(form), 4)

    def crypto(self):
        rd, rn, rm = self.r.randrange(32), self.r.randrange(32), self.r.randrange(32)
        k = self.r.randrange(4)
        if k == 0:      # AESE/AESD/AESMC/AESIMC
            return [0x4E284800 | self.r.randrange(4, 8) << 12 | rn << 5 | rd]
        if k == 1:      # SHA1C/P/M/SU0, SHA256H/H2/SU1 (three register)
            return [0x5E000000 | rm << 16 | self.r.randrange(7) << 12 | rn << 5 | rd]
        if k == 2:      # SHA1H, SHA1SU1, SHA256SU0 (two register)
            return [0x5E280800 | self.r.randrange(3) << 12 | rn << 5 | rd]
        return [0x0EE0E000 | self.r.getrandbits(1) << 30 | rm << 16 | rn << 5 | rd]  # PMULL(2) .1q

    def _vary(self, form):
        """New register numbers in a template: Rd (4:0) and Rn (9:5) always,
        Rm (20:16) and Ra (14:10) when the form has a third/fourth register
        operand.  The driver re-checks the result."""
        word, nregs = form
        word = word & ~0x3FF | self.r.randrange(32) << 5 | self.r.randrange(32)
        if nregs >= 3 and self.r.random() < 0.7:
            word = word & ~(0x1F << 16) | self.r.randrange(32) << 16
        if nregs >= 4 and self.r.random() < 0.7:
            word = word & ~(0x1F << 10) | self.r.randrange(32) << 10
        return word

    # ---- SIMD&FP loads and stores -----------------------------------------
    def vldst(self):
        k = self.r.randrange(6)
        rt = self.r.randrange(32)
        if k == 0:      # LDR/STR (immediate, unsigned offset): B H S D Q
            size, opc = self.r.choice([(0, 0), (1, 0), (2, 0), (3, 0), (0, 2)])
            nbytes = 16 if opc == 2 else 1 << size
            imm12 = self.r.randrange(32)
            off = imm12 * nbytes
            w = size << 30 | 0b111101 << 24 | (opc | self.r.getrandbits(1)) << 22 | imm12 << 10 | 27 << 5 | rt
            return [self.base(off, off + nbytes), Insn(w)]
        if k == 1:      # LDUR/STUR, pre/post-index
            size, opc = self.r.choice([(0, 0), (1, 0), (2, 0), (3, 0), (0, 2)])
            nbytes = 16 if opc == 2 else 1 << size
            idx = self.r.choice([0, 1, 3])
            imm9 = self.r.randrange(-256, 256)
            eff = 0 if idx == 1 else imm9
            w = (size << 30 | 0b111100 << 24 | (opc | self.r.getrandbits(1)) << 22 | (imm9 & 0x1FF) << 12
                 | idx << 10 | 27 << 5 | rt)
            return [self.base(eff, eff + nbytes), Insn(w)]
        if k == 2:      # LDR/STR (register offset)
            size, opc = self.r.choice([(0, 0), (1, 0), (2, 0), (3, 0), (0, 2)])
            nbytes = 16 if opc == 2 else 1 << size
            shift = (4 if opc == 2 else size) if self.r.getrandbits(1) else 0
            kk = self.r.randrange(0, (256 >> shift) + 1)
            w = (size << 30 | 0b111100 << 24 | (opc | self.r.getrandbits(1)) << 22 | 1 << 21 | 26 << 16
                 | 0b011 << 13 | (shift != 0) << 12 | 0b10 << 10 | 27 << 5 | rt)
            return self.set_x26(kk) + [self.base(kk << shift, (kk << shift) + nbytes), Insn(w)]
        if k == 3:      # LDP/STP/LDNP/STNP S D Q
            opc = self.r.randrange(3)
            nbytes = 4 << opc
            mode = self.r.randrange(4)
            load = self.r.getrandbits(1)
            imm7 = self.r.randrange(-8, 8)
            rt2 = self.r.randrange(32)
            if load and rt2 == rt:      # LDP Rt == Rt2 is CONSTRAINED UNPREDICTABLE
                rt2 = (rt + 1) % 32
            off = 0 if mode == 1 else imm7 * nbytes
            w = (opc << 30 | 0b10110 << 25 | mode << 23 | load << 22 | (imm7 & 0x7F) << 15 | rt2 << 10
                 | 27 << 5 | rt)
            return [self.base(off, off + 2 * nbytes), Insn(w)]
        # LD1-4/ST1-4 multiple (k 4) or single structure / replicate (k 5),
        # no offset or post-index (Rm = 31: by the transfer size; else by a
        # register, x26 set small).  At most 64 bytes are touched.
        post = self.r.getrandbits(1)
        rm = self.r.choice([31, 26]) if post else 0
        q, load = self.r.getrandbits(1), self.r.getrandbits(1)
        if k == 4:
            opcode = self.r.choice([0b0000, 0b0010, 0b0100, 0b0110, 0b0111, 0b1000, 0b1010])
            w = (q << 30 | 0b0011000 << 23 | post << 23 | load << 22 | rm << 16 | opcode << 12
                 | self.r.getrandbits(2) << 10 | 27 << 5 | rt)
        else:
            w = (q << 30 | 0b0011010 << 23 | post << 23 | load << 22 | self.r.getrandbits(1) << 21
                 | rm << 16 | self.r.getrandbits(3) << 13 | self.r.getrandbits(3) << 10 | 27 << 5 | rt)
        setup = self.set_x26(self.r.randrange(-64, 65)) if rm == 26 else []
        return setup + [self.base(0, 64), Insn(w)]
