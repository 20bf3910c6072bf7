"""gen_int.py - integer instruction generators for difftest (classes
"int" and "ldst"): each method returns the words of one random
instruction (plus setup words) built from its Arm ARM encoding fields, so
every field value is reachable.  Rules that keep the state deterministic:
  - no branches, no access to SP (its value differs between emulators),
    no writes to x28 (buffer base);
  - loads/stores go through x27 (set to buf+A right before the access by a
    setup instruction) and x26 (index for register-offset forms), with A
    chosen so every byte touched lies inside the buffer;
  - encodings the Arm ARM calls UNPREDICTABLE/CONSTRAINED UNPREDICTABLE
    are avoided: writeback with Rt==Rn, LDP with Rt==Rt2, STXR with Rs
    equal to Rt or Rn, odd CASP registers, unaligned exclusives/atomics.
"""
from harness import BUFSZ, Insn


class IntGen:
    # register pickers -------------------------------------------------
    def rd_zr(self):        # destination, 31 = XZR
        return self.r.choice([i for i in range(32) if i != 28])

    def rd_sp(self):        # destination, 31 = SP: never 31
        return self.r.choice([i for i in range(31) if i != 28])

    def rn_zr(self):        # source, 31 = XZR
        return self.r.randrange(32)

    def rn_sp(self):        # source, 31 = SP: never 31
        return self.r.randrange(31)

    def rt_load(self, avoid=()):
        return self.r.choice([i for i in range(32) if i != 28 and i not in avoid])

    # data processing (immediate) ---------------------------------------
    def addsub_imm(self):
        sf, op, s = self.r.getrandbits(1), self.r.getrandbits(1), self.r.getrandbits(1)
        rd = self.rd_zr() if s else self.rd_sp()
        imm = self.r.choice([self.r.getrandbits(12), self.r.randrange(8), 0xFFF])
        return [sf << 31 | op << 30 | s << 29 | 0b100010 << 23 | self.r.getrandbits(1) << 22
                | imm << 10 | self.rn_sp() << 5 | rd]

    @staticmethod
    def valid_bitmask(sf, n, imms):
        v = (n << 6) | (~imms & 0x3F)
        if v == 0:
            return False
        length = v.bit_length() - 1
        if length < 1 or (sf == 0 and n == 1):
            return False
        levels = (1 << length) - 1
        return (imms & levels) != levels

    def logic_imm(self):
        sf, opc = self.r.getrandbits(1), self.r.getrandbits(2)
        while True:
            n = self.r.getrandbits(1) if sf else 0
            immr, imms = self.r.getrandbits(6), self.r.getrandbits(6)
            if not sf:
                immr &= 0x1F if self.r.random() < 0.9 else 0x3F
            if self.valid_bitmask(sf, n, imms):
                break
        rd = self.rd_zr() if opc == 3 else self.rd_sp()
        return [sf << 31 | opc << 29 | 0b100100 << 23 | n << 22 | immr << 16 | imms << 10
                | self.rn_zr() << 5 | rd]

    def movewide(self):
        sf = self.r.getrandbits(1)
        opc = self.r.choice([0, 2, 3])
        hw = self.r.randrange(4 if sf else 2)
        imm = self.r.choice([self.r.getrandbits(16), 0, 0xFFFF, 1])
        return [sf << 31 | opc << 29 | 0b100101 << 23 | hw << 21 | imm << 5 | self.rd_zr()]

    def bitfield(self):
        sf, opc = self.r.getrandbits(1), self.r.randrange(3)
        w = 64 if sf else 32
        return [sf << 31 | opc << 29 | 0b100110 << 23 | sf << 22 | self.r.randrange(w) << 16
                | self.r.randrange(w) << 10 | self.rn_zr() << 5 | self.rd_zr()]

    def extract(self):
        sf = self.r.getrandbits(1)
        return [sf << 31 | 0b00100111 << 23 | sf << 22 | self.rn_zr() << 16
                | self.r.randrange(64 if sf else 32) << 10 | self.rn_zr() << 5 | self.rd_zr()]

    def adr(self):
        op = self.r.getrandbits(1)
        imm = self.r.getrandbits(21)
        return [op << 31 | (imm & 3) << 29 | 0b10000 << 24 | (imm >> 2) << 5 | self.rd_zr()]

    # data processing (register) ----------------------------------------
    def logic_reg(self):
        sf = self.r.getrandbits(1)
        imm6 = self.r.randrange(64 if sf else 32)
        return [sf << 31 | self.r.getrandbits(2) << 29 | 0b01010 << 24 | self.r.getrandbits(2) << 22
                | self.r.getrandbits(1) << 21 | self.rn_zr() << 16 | imm6 << 10 | self.rn_zr() << 5
                | self.rd_zr()]

    def addsub_reg(self):
        sf = self.r.getrandbits(1)
        imm6 = self.r.randrange(64 if sf else 32)
        return [sf << 31 | self.r.getrandbits(2) << 29 | 0b01011 << 24 | self.r.randrange(3) << 22
                | self.rn_zr() << 16 | imm6 << 10 | self.rn_zr() << 5 | self.rd_zr()]

    def addsub_ext(self):
        sf, op, s = self.r.getrandbits(1), self.r.getrandbits(1), self.r.getrandbits(1)
        rd = self.rd_zr() if s else self.rd_sp()
        return [sf << 31 | op << 30 | s << 29 | 0b01011001 << 21 | self.rn_zr() << 16
                | self.r.getrandbits(3) << 13 | self.r.randrange(5) << 10 | self.rn_sp() << 5 | rd]

    def adc(self):
        return [self.r.getrandbits(3) << 29 | 0b11010000 << 21 | self.rn_zr() << 16
                | self.rn_zr() << 5 | self.rd_zr()]

    def ccmp(self):
        imm = self.r.getrandbits(1)
        return [self.r.getrandbits(1) << 31 | self.r.getrandbits(1) << 30 | 1 << 29 | 0b11010010 << 21
                | self.r.getrandbits(5) << 16 | self.r.getrandbits(4) << 12 | imm << 11
                | self.rn_zr() << 5 | self.r.getrandbits(4)]

    def csel(self):
        return [self.r.getrandbits(1) << 31 | self.r.getrandbits(1) << 30 | 0b11010100 << 21
                | self.rn_zr() << 16 | self.r.getrandbits(4) << 12 | self.r.getrandbits(1) << 10
                | self.rn_zr() << 5 | self.rd_zr()]

    def dp3(self):
        sf = self.r.getrandbits(1)
        if sf:
            op31, o0 = self.r.choice([(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (5, 0), (5, 1), (6, 0)])
        else:
            op31, o0 = 0, self.r.getrandbits(1)
        ra = 31 if op31 in (2, 6) else self.rn_zr()
        return [sf << 31 | 0b11011 << 24 | op31 << 21 | self.rn_zr() << 16 | o0 << 15 | ra << 10
                | self.rn_zr() << 5 | self.rd_zr()]

    def dp2(self):
        sf = self.r.getrandbits(1)
        opcode = self.r.choice([0b000010, 0b000011, 0b001000, 0b001001, 0b001010, 0b001011])
        return [sf << 31 | 0b11010110 << 21 | self.rn_zr() << 16 | opcode << 10 | self.rn_zr() << 5
                | self.rd_zr()]

    def crc(self):
        sz, c = self.r.getrandbits(2), self.r.getrandbits(1)
        sf = 1 if sz == 3 else 0
        return [sf << 31 | 0b11010110 << 21 | self.rn_zr() << 16 | (0b010 << 3 | c << 2 | sz) << 10
                | self.rn_zr() << 5 | self.rd_zr()]

    def dp1(self):
        sf = self.r.getrandbits(1)
        opcode = self.r.choice([0, 1, 2, 4, 5] + ([3] if sf else []))
        return [sf << 31 | 1 << 30 | 0b11010110 << 21 | opcode << 10 | self.rn_zr() << 5 | self.rd_zr()]

    def nzcv(self):
        if self.r.getrandbits(1):
            return [0xD51B4200 | self.rn_zr()]          # MSR NZCV, Xt
        return [0xD53B4200 | self.rd_zr()]              # MRS Xt, NZCV

    # loads and stores ----------------------------------------------------
    def base(self, lo, hi, align=1):
        """Setup word(s): x27 = x28 + A with [A+lo, A+hi) inside buf."""
        amin, amax = max(0, -lo), BUFSZ - hi
        a = self.r.randrange(amin, amax + 1)
        a -= a % align
        if a < amin:
            a += align
        return Insn(0x91000000 | a << 10 | 28 << 5 | 27, setup=True)  # ADD x27, x28, #a

    def set_x26(self, value):
        """Setup words: x26 = value (64-bit) via MOVZ/MOVK."""
        value &= (1 << 64) - 1
        out = [Insn(0xD2800000 | (value & 0xFFFF) << 5 | 26, setup=True)]
        for hw in range(1, 4):
            part = (value >> (16 * hw)) & 0xFFFF
            if part:
                out.append(Insn(0xF2800000 | hw << 21 | part << 5 | 26, setup=True))
        return out

    def ldst_imm(self):
        size = self.r.getrandbits(2)
        nbytes = 1 << size
        opc = self.r.choice([0, 1, 2, 3] if size < 2 else ([0, 1, 2] if size == 2 else [0, 1]))
        load = opc != 0
        form = self.r.choice(["uimm", "unscaled", "post", "pre"])
        rt = self.rt_load(avoid=(27,)) if load else self.rn_zr()
        if form == "uimm":
            imm12 = self.r.randrange(64)
            off = imm12 * nbytes
            w = size << 30 | 0b111001 << 24 | opc << 22 | imm12 << 10 | 27 << 5 | rt
            return [self.base(off, off + nbytes), Insn(w)]
        imm9 = self.r.randrange(-256, 256)
        idx = {"unscaled": 0, "post": 1, "pre": 3}[form]
        if form != "unscaled" and rt == 27:
            rt = 0
        w = size << 30 | 0b111000 << 24 | opc << 22 | (imm9 & 0x1FF) << 12 | idx << 10 | 27 << 5 | rt
        eff = 0 if form == "post" else imm9
        return [self.base(eff, eff + nbytes), Insn(w)]

    def ldst_reg(self):
        size = self.r.getrandbits(2)
        nbytes = 1 << size
        opc = self.r.choice([0, 1, 2, 3] if size < 2 else ([0, 1, 2] if size == 2 else [0, 1]))
        option = self.r.choice([0b010, 0b011, 0b110, 0b111])
        s = self.r.getrandbits(1)
        shift = size if s else 0
        k = self.r.randrange(-(400 >> shift), (400 >> shift) + 1)
        if option == 0b010:
            k = abs(k)
        junk = self.r.getrandbits(32) << 32
        if option in (0b010, 0b110):       # only the low 32 bits count
            x26 = junk | (k & 0xFFFFFFFF)
        else:
            x26 = k
        off = k << shift
        rt = self.rt_load() if opc else self.rn_zr()
        w = (size << 30 | 0b111000 << 24 | opc << 22 | 1 << 21 | 26 << 16 | option << 13 | s << 12
             | 0b10 << 10 | 27 << 5 | rt)
        return self.set_x26(x26) + [self.base(off, off + nbytes), Insn(w)]

    def ldst_pair(self):
        load = self.r.getrandbits(1)
        opc = self.r.choice([0, 2, 1] if load else [0, 2])
        nbytes = 8 if opc == 2 else 4
        mode = self.r.choice([0b00, 0b01, 0b10, 0b11]) if opc != 1 else self.r.choice([0b01, 0b10, 0b11])
        imm7 = self.r.randrange(-24, 24)
        wb = mode in (0b01, 0b11)
        while True:
            rt, rt2 = (self.rt_load(), self.rt_load()) if load else (self.rn_zr(), self.rn_zr())
            if load and rt == rt2:
                continue
            if wb and 27 in (rt, rt2):
                continue
            break
        off = 0 if mode == 0b01 else imm7 * nbytes
        w = (opc << 30 | 0b101 << 27 | mode << 23 | load << 22 | (imm7 & 0x7F) << 15 | rt2 << 10
             | 27 << 5 | rt)
        return [self.base(off, off + 2 * nbytes), Insn(w)]

    def exclusive(self):
        size = self.r.getrandbits(2)
        nbytes = 1 << size
        kind = self.r.choice(["pair", "ldar", "stlr"])
        if kind == "ldar":
            w = size << 30 | 0b001000110 << 21 | 31 << 16 | 1 << 15 | 31 << 10 | 27 << 5 | self.rt_load()
            return [self.base(0, nbytes, nbytes), Insn(w)]
        if kind == "stlr":
            w = size << 30 | 0b001000100 << 21 | 31 << 16 | 1 << 15 | 31 << 10 | 27 << 5 | self.rn_zr()
            return [self.base(0, nbytes, nbytes), Insn(w)]
        # LD(A)XR then ST(L)XR to the same address: single-threaded, so
        # the store must succeed (status 0).
        rt = self.rt_load(avoid=(27,))
        while True:
            rs, rv = self.rd_zr(), self.rn_zr()
            if rs not in (rv, 27, 31):
                break
        ld = size << 30 | 0b001000010 << 21 | 31 << 16 | self.r.getrandbits(1) << 15 | 31 << 10 | 27 << 5 | rt
        st = size << 30 | 0b001000000 << 21 | rs << 16 | self.r.getrandbits(1) << 15 | 31 << 10 | 27 << 5 | rv
        return [self.base(0, nbytes, nbytes), Insn(ld), Insn(st)]

    def lse(self):
        size = self.r.getrandbits(2)
        nbytes = 1 << size
        a, rr = self.r.getrandbits(1), self.r.getrandbits(1)
        o3, opc = self.r.choice([(0, o) for o in range(8)] + [(1, 0)])
        rt = self.rt_load(avoid=(27,))
        w = (size << 30 | 0b111000 << 24 | a << 23 | rr << 22 | 1 << 21 | self.rn_zr() << 16
             | o3 << 15 | opc << 12 | 27 << 5 | rt)
        return [self.base(0, nbytes, nbytes), Insn(w)]

    def cas(self):
        out = []
        l, o0 = self.r.getrandbits(1), self.r.getrandbits(1)
        if self.r.random() < 0.25:
            sz = self.r.getrandbits(1)                  # CASP: 32- or 64-bit pairs
            nbytes = 8 << sz
            rs = self.r.choice([i for i in range(0, 27, 2) if i not in (26,)])
            rt = self.r.choice([i for i in range(0, 31, 2) if i not in (26, 28)])
            out.append(self.base(0, nbytes, nbytes))
            if self.r.getrandbits(1):                   # make it succeed: Rs:Rs+1 = memory
                opc = 0b01 if sz == 0 else 0b10         # LDP Wt/Xt (signed offset 0)
                out.append(Insn(opc << 30 | 0b10100101 << 22 | (rs + 1) << 10 | 27 << 5 | rs, setup=True))
            out.append(Insn(sz << 30 | 0b001000001 << 21 | l << 22 | rs << 16 | o0 << 15 | 31 << 10 | 27 << 5 | rt))
            return out
        size = self.r.getrandbits(2)
        nbytes = 1 << size
        rs = self.rt_load(avoid=(27,))
        out.append(self.base(0, nbytes, nbytes))
        if self.r.getrandbits(1) and rs != 31:          # make it succeed: Rs = memory
            out.append(Insn(size << 30 | 0b111001 << 24 | 1 << 22 | 27 << 5 | rs, setup=True))
        w = size << 30 | 0b001000101 << 21 | l << 22 | rs << 16 | o0 << 15 | 31 << 10 | 27 << 5 | self.rn_zr()
        out.append(Insn(w))
        return out
