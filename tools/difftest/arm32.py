#!/usr/bin/env python3
"""arm32.py - random-instruction differential test of emu-arm against
qemu-arm (the oracle), for A32, T32 (with IT blocks), VFP, NEON and
loads/stores.

A program is a list of segments.  Each segment runs in ARM or Thumb state:
  1. loads D0-D31, FPSCR, APSR (NZCV, Q, GE), r0-r12 and lr from its table
     (r11 = the segment's own 1 KiB buffer + 512 in the ldst class);
  2. runs its random instructions;
  3. stores r0-r12, lr, APSR, FPSCR, D0-D31 and the SIGILL count into its
     output record.
At the end the records and every segment's buffer are written to stdout,
and the two emulators' outputs are compared segment by segment.  A SIGILL
handler counts and skips, so an instruction one side rejects shows as a
count difference.  On a mismatch the segment is cut down (the shortest
prefix that still differs) to name the first instruction that differs, and
a one-segment reproducer is left in the work directory.

Instruction words come from the encoding spaces of each class and are used
only if GNU objdump decodes them as valid (not UNDEFINED/UNPREDICTABLE) and
they touch neither sp, pc nor (ldst) the buffer base, and are not control
flow, system or coprocessor instructions outside VFP/NEON.  Flags, Q, GE and
FPSCR (RMode, FZ, DN) start random per segment.

    tools/difftest/arm32.py --emu build/emu-arm --class dp --seed 1
    tools/difftest/arm32.py --emu build/emu-arm --class all --long 100
Exit status: 0 equal, 1 mismatch, 2 the tester or the oracle failed.
"""
import argparse
import os
import random
import re
import struct
import subprocess
import sys

CROSS = "arm-linux-gnueabihf-"
ASFLAGS = ["-march=armv8-a+crc", "-mfpu=crypto-neon-fp-armv8", "-mfloat-abi=hard"]
QEMU = os.environ.get("QEMU_ARM", "qemu-arm")

NREGS = 14                      # r0-r12, lr
REC_WORDS = NREGS + 4 + 64      # + APSR, FPSCR, SIGILL count, pad; D0-D31
REC_BYTES = REC_WORDS * 4
BUFSZ = 1024

FP_SPECIALS32 = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000,
                 0xff800000, 0x7fc00000, 0x7fa00001, 0xffc00123, 0x00000001,
                 0x807fffff, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x3effffff]
FP_SPECIALS64 = [0x0, 0x8000000000000000, 0x3ff0000000000000, 0x7ff0000000000000,
                 0xfff0000000000000, 0x7ff8000000000000, 0x7ff4000000000001,
                 0x0000000000000001, 0x800fffffffffffff, 0x41e0000000000000,
                 0xc1e0000000000000, 0x43e0000000000000, 0x3fe0000000000000]
INT_SPECIALS = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe,
                0x7fff, 0x8000, 0xffff, 0x7f, 0x80, 0xff, 31, 32, 33]

# ---- encoding spaces -------------------------------------------------------


def a32_cond(r):
    return r.randrange(15) << 28


def gen_a32_dp(r):
    """A32 data processing, multiplies, media (parallel, saturate, pack,
    bitfield, divide), misc (CLZ, saturating add, SMUL*)."""
    k = r.randrange(10)
    w = r.getrandbits(32)
    if k < 4:   # DP register / register-shifted / misc / multiply: 27:25 = 000
        w = (w & 0x01ffffff) | a32_cond(r)
    elif k < 6:  # DP immediate, MOVW/MOVT: 27:25 = 001
        w = (w & 0x01ffffff) | 0x02000000 | a32_cond(r)
    elif k < 9:  # media: 27:25 = 011, bit 4 = 1
        w = (w & 0x01ffffef) | 0x06000010 | a32_cond(r)
    else:        # multiplies: 27:24 = 0000, 7:4 = 1001
        w = (w & 0x00ffff0f) | 0x00000090 | a32_cond(r)
    return w


def gen_a32_vfp(r):
    """VFP data processing and moves: cond 1110 xxxx xxxx xxxx 101x xxx0 xxxx
    (and the core<->VFP transfers with bit 4 = 1)."""
    w = r.getrandbits(32)
    w = (w & 0x00ff0eff) | 0x0e000a00 | a32_cond(r)
    if r.random() < 0.7:
        w &= ~0x10       # data processing (bit 4 = 0)
    return w


# (mask, value) of NEON families the JIT inlines that uniform words reach
# rarely: crypto three-register, the 2-misc space (VREV, VPADDL/VPADAL,
# VQMOVN/VQMOVUN, AES, SHA1H, SHA1SU1, SHA256SU0), VDUP (scalar), VMULL
# (integer, .P8, .P64).  A32 forms; gen_t32_neon maps them.
NEON_FOCUS = [(0xfe800f10, 0xf2000c00), (0xffb00810, 0xf3b00000),
              (0xffb00f90, 0xf3b00c00), (0xfe800d50, 0xf2800c00)]


def gen_a32_neon(r):
    """NEON data processing: 1111 001x, and v8 VSEL/VMAXNM/VRINT space."""
    w = r.getrandbits(32)
    if r.random() < 0.25:
        mask, val = r.choice(NEON_FOCUS)
        return (w & ~mask & 0xffffffff) | val
    if r.random() < 0.9:
        return (w & 0x01ffffff) | 0xf2000000
    return (w & 0x00ff0fff) | 0xfe000a00   # 1111 1110 ... 101x: v8 VFP


def gen_t16(r):
    """T16 data processing, shifts, add/sub, moves, extends, REV, CBZ excluded
    by the filter."""
    pick = r.randrange(6)
    if pick < 2:
        return r.getrandbits(14)                        # 00xx xx: shift/add/sub/mov/cmp
    if pick < 4:
        return 0x4000 | r.getrandbits(10)               # 0100 00: DP register
    if pick == 4:
        return 0x4400 | r.getrandbits(10)               # 0100 01: hi-reg ops (bx filtered)
    return 0xb200 | r.getrandbits(8) if r.random() < 0.5 else 0xba00 | r.getrandbits(8)


def gen_t32_dp(r):
    """T32 data processing: modified immediate / plain immediate (11110),
    shifted register (1110 101), register + parallel + misc (1111 1010),
    multiplies (1111 1011 0/1)."""
    k = r.randrange(4)
    lo = r.getrandbits(16)
    if k == 0:
        hi = 0xf000 | r.getrandbits(11)
        lo &= 0x7fff                                     # bit 15 = 0: not a branch
    elif k == 1:
        hi = 0xea00 | r.getrandbits(9)
    elif k == 2:
        hi = 0xfa00 | r.getrandbits(8)
        lo |= 0xf000
    else:
        hi = 0xfb00 | r.getrandbits(8)
    return hi << 16 | lo


def gen_t32_vfp(r):
    w = gen_a32_vfp(r)
    return (w & 0x0fffffff) | 0xe0000000


def gen_t32_neon(r):
    w = r.getrandbits(32)
    if r.random() < 0.25:
        mask, val = r.choice(NEON_FOCUS)
        w = (w & ~mask & 0xffffffff) | val
    # A32 1111 001U xxxx -> T32 111U 1111 xxxx
    u = (w >> 24) & 1
    return (w & 0x00ffffff) | (0xef000000 if not u else 0xff000000)


# ---- filtering with objdump -----------------------------------------------

BAD_MNEM = re.compile(
    r"^(b|bl|blx|bx|bxj|cbz|cbnz|tbb|tbh|svc|swi|bkpt|udf|hvc|smc|cps\w*|setend|srs\w*|rfe\w*|"
    r"mcr\w*|mrc\w*|mcrr\w*|mrrc\w*|cdp\w*|ldc\w*|stc\w*|wfi|wfe|sev\w*|yield|dbg|eret|"
    r"it\w*|ldr\w*|str\w*|ldm\w*|stm\w*|push|pop|pld\w*|pli|swp\w*|lda\w*|stl\w*|clrex|"
    r"dmb|dsb|isb|sb|ssbb|pssbb|csdb|hlt|vld\w*|vst\w*|vpush|vpop|vldm\w*|vstm\w*|vldr\w*|"
    r"vstr\w*|msr|mrs|vmrs|vmsr|nop\w*|esb|tt\w*|sg|bf\w*|adr|addw|subw)"
    r"(eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?(\.\w+)*$")
REG_BAD = re.compile(r"\b(sp|pc|r13|r15)\b")


def objdump_words(words, thumb, workdir):
    """{word: text or None}: the disassembly of each word in the given state,
    None when it is not a usable instruction."""
    path = os.path.join(workdir, "chk.s")
    with open(path, "w") as f:
        f.write(".syntax unified\n" + (".thumb\n" if thumb else ".arm\n"))
        for w in words:
            if thumb and w < 0x10000:
                f.write(f".inst.n 0x{w:04x}\n")
            elif thumb:
                f.write(f".inst.w 0x{w:08x}\n")
            else:
                f.write(f".inst 0x{w:08x}\n")
    subprocess.run([CROSS + "as"] + ASFLAGS + ["-o", path + ".o", path], check=True)
    out = subprocess.run([CROSS + "objdump", "-d", path + ".o"], capture_output=True,
                         text=True, check=True).stdout
    res = {}
    lines = [l for l in out.splitlines() if re.match(r"\s*[0-9a-f]+:\t", l)]
    for w, line in zip(words, lines):
        parts = line.split("\t")
        text = " ".join(parts[2:]).split(";")[0].split("@")[0].strip() if len(parts) > 2 else ""
        text = re.sub(r"\s+", " ", text)
        res[w] = text
    return res


def canonical(words, texts, thumb, workdir):
    """The subset of words that the assembler encodes back to the same word
    from their disassembly.  This drops encodings with should-be-zero/one
    bits set wrong (UNPREDICTABLE: qemu raises SIGILL for many, a Cortex-A
    may not) and the rare non-canonical spelling of an immediate."""
    path = os.path.join(workdir, "canon.s")
    with open(path, "w") as f:
        f.write(".syntax unified\n" + (".thumb\n" if thumb else ".arm\n"))
        for t in texts:
            f.write(t + "\n")
    p = subprocess.run([CROSS + "as"] + ASFLAGS + ["-o", path + ".o", path],
                       capture_output=True, text=True)
    bad = set()
    for line in p.stderr.splitlines():
        # errors, and "implies use of ARMv8.1 AdvSIMD" (VQRDMLAH: not in the
        # emulated ARMv8.0 CPU)
        m = re.match(r".*?:(\d+): (Error|Warning: this instruction implies)", line)
        if m:
            bad.add(int(m.group(1)) - 3)
    if p.returncode and not bad:
        return set()
    if bad:
        # assemble again without the lines that failed, to get the words
        keep = [i for i in range(len(texts)) if i not in bad]
        with open(path, "w") as f:
            f.write(".syntax unified\n" + (".thumb\n" if thumb else ".arm\n"))
            for i in keep:
                f.write(texts[i] + "\n")
        subprocess.run([CROSS + "as"] + ASFLAGS + ["-o", path + ".o", path], check=True,
                       capture_output=True)
    else:
        keep = list(range(len(texts)))
    out = subprocess.run([CROSS + "objdump", "-d", path + ".o"], capture_output=True,
                         text=True, check=True).stdout
    got = []
    for line in out.splitlines():
        m = re.match(r"\s*[0-9a-f]+:\t([0-9a-f]{4,8})(?: ([0-9a-f]{4}))?\s", line)
        if m:
            got.append(int(m.group(1), 16) << 16 | int(m.group(2), 16) if m.group(2) else int(m.group(1), 16))
    return {words[i] for i, g in zip(keep, got) if words[i] == g}


def usable(text, cls):
    if not text or "UNDEFINED" in text or "UNPREDICTABLE" in text or "undefined" in text:
        return False
    if text.startswith(".") or "<" in text:
        return False
    mnem = text.split(" ")[0]
    if BAD_MNEM.match(mnem):
        return False
    if REG_BAD.search(text):
        return False
    if "fpexc" in text or "fpsid" in text or "mvfr" in text:
        return False
    # FP16 arithmetic is ARMv8.2 (FEAT_FP16), which the emulated CPU does not
    # have (qemu's default CPU does); conversions to/from f16 are v7.
    if ".f16" in mnem and not mnem.startswith("vcvt"):
        return False
    return True


# ---- load/store forms (assembly text; base r11 = buffer + 512) ------------------

def gen_ldst_text(r, thumb):
    rt = r.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 14])
    rtp = r.choice([0, 2, 4, 6])
    off = r.randrange(-255, 256)
    k = r.randrange(12)
    sz = r.choice(["", "b", "h", "sb", "sh"])
    if k < 3:
        op = r.choice(["ldr", "str"]) + sz
        if op.startswith("str") and sz in ("sb", "sh"):
            op = "str" + sz[1]
        return [f"{op} r{rt}, [fp, #{off}]"]
    if k < 5:   # pre/post-indexed writeback through r10
        op = r.choice(["ldr", "str"]) + r.choice(["", "b", "h"])
        rt2 = r.choice([0, 1, 2, 3, 4, 5])
        form = r.choice([f"[r10, #{off}]!", f"[r10], #{off}"])
        return ["mov r10, fp", f"{op} r{rt2}, {form}"]
    if k < 7:   # register offset
        op = r.choice(["ldr", "str", "ldrb", "strb", "ldrh", "strh"])
        sh = r.choice(["", ", lsl #2", ", lsl #1"]) if op in ("ldr", "str", "ldrb", "strb") else ""
        if thumb and sh == ", lsl #1":
            sh = ", lsl #2"
        neg = "-" if (not thumb and r.random() < 0.3) else ""
        return [f"mov r9, #{r.randrange(64)}", f"{op} r{rt}, [fp, {neg}r9{sh}]"]
    if k < 8:
        op = r.choice(["ldrd", "strd"])
        # A32 LDRD/STRD take an 8-bit offset: round toward zero (-255
        # must not become -256)
        return [f"{op} r{rtp}, r{rtp + 1}, [fp, #{int(off / 4) * 4}]"]
    if k < 9:
        regs = sorted(r.sample([0, 1, 2, 3, 4, 5, 6, 7, 8, 12], r.randrange(1, 6)))
        op = r.choice(["ldmia", "stmia", "ldmdb", "stmdb"])
        return ["mov r10, fp", f"{op} r10!, {{{', '.join('r%d' % x for x in regs)}}}"]
    if k < 10:  # exclusives, or (A32) SWP/SWPB, on an aligned address
        a = (off // 8) * 8
        setup = f"add r10, fp, #{a}" if a >= 0 else f"sub r10, fp, #{-a}"
        if not thumb and r.random() < 0.4:
            # swp{b} rt, rt2, [r10], as a word: -march=armv8-a has no SWP.
            # Word-aligned only: a misaligned SWP is SIGBUS under qemu-arm
            # but SIGSEGV under Linux's swp_emulate (emu follows Linux).
            rt2 = r.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 14])
            b = r.choice([0, 1])
            w = 0xe1000090 | b << 22 | 10 << 16 | rt << 12 | rt2
            return [setup, f".inst 0x{w:08x}"]
        return [setup,
                f"ldrex r{rt}, [r10]", f"strex r9, r{rt if rt != 9 else 0}, [r10]"]
    if k < 11:  # VFP loads/stores
        d = r.randrange(32)
        op = r.choice(["vldr", "vstr"])
        return [f"{op} d{d}, [fp, #{(off // 4) * 4}]"]
    d = r.randrange(28)
    n = r.choice([1, 2, 3, 4])
    op = r.choice(["vld1", "vst1", "vld2", "vst2", "vld4", "vst4"])
    if op[-1] in "24":
        n = int(op[-1]) if op[-1] == "4" else r.choice([2, 4])
    es = r.choice(["8", "16", "32"])
    regs = ", ".join(f"d{d + i}" for i in range(n))
    return ["mov r10, fp", f"{op}.{es} {{{regs}}}, [r10]"]


# ---- programs --------------------------------------------------------------

CLASSES = ["dp", "t32", "it", "vfp", "neon", "ldst"]


class Segment:
    def __init__(self, thumb, lines, regs, apsr, fpscr, dregs, descr):
        self.thumb, self.lines, self.regs = thumb, lines, regs
        self.apsr, self.fpscr, self.dregs, self.descr = apsr, fpscr, dregs, descr


def rand_state(r):
    regs = [r.choice(INT_SPECIALS) if r.random() < 0.3 else r.getrandbits(32) for _ in range(NREGS)]
    apsr = r.getrandbits(4) << 28 | r.getrandbits(1) << 27 | r.getrandbits(4) << 16
    fpscr = r.choice([0, 0, 0x00400000, 0x00800000, 0x00c00000, 0x01000000, 0x02000000, 0x03000000])
    dregs = []
    for _ in range(32):
        c = r.random()
        if c < 0.3:
            dregs.append(r.choice(FP_SPECIALS64))
        elif c < 0.6:
            dregs.append(r.choice(FP_SPECIALS32) | r.choice(FP_SPECIALS32) << 32)
        elif c < 0.8:
            dregs.append(struct.unpack("<Q", struct.pack("<d", r.uniform(-1e3, 1e3)))[0])
        else:
            dregs.append(r.getrandbits(64))
    return regs, apsr, fpscr, dregs


class Gen:
    def __init__(self, workdir):
        self.workdir = workdir
        self.cache = {}

    def words(self, r, n, fn, thumb, cls):
        """n usable instruction texts from generator fn."""
        out = []
        tries = 0
        while len(out) < n and tries < 50:
            tries += 1
            cand = [fn(r) for _ in range(4 * n)]
            todo = [w for w in cand if (w, thumb) not in self.cache]
            if todo:
                dis = objdump_words(todo, thumb, self.workdir)
                ok = [w for w in todo if usable(dis[w], cls)]
                canon = canonical(ok, [dis[w] for w in ok], thumb, self.workdir) if ok else set()
                for w in todo:
                    self.cache[(w, thumb)] = dis[w] if w in canon else None
            for w in cand:
                t = self.cache[(w, thumb)]
                if t is not None and len(out) < n:
                    out.append((w, t))
        return out

    def segment(self, r, cls, n):
        regs, apsr, fpscr, dregs = rand_state(r)
        thumb = cls in ("t32", "it") or (cls in ("vfp", "neon", "ldst") and r.random() < 0.5)
        lines = []
        if cls == "dp":
            for w, t in self.words(r, n, gen_a32_dp, False, cls):
                lines.append((f".inst 0x{w:08x}", t, False))
        elif cls == "t32":
            fn = lambda rr: gen_t16(rr) if rr.random() < 0.4 else gen_t32_dp(rr)
            for w, t in self.words(r, n, fn, True, cls):
                lines.append((f".inst.n 0x{w:04x}" if w < 0x10000 else f".inst.w 0x{w:08x}", t, False))
        elif cls == "it":
            fn = lambda rr: gen_t16(rr) if rr.random() < 0.5 else gen_t32_dp(rr)
            pool = self.words(r, n, fn, True, cls)
            i = 0
            while i < len(pool):
                k = min(r.randrange(1, 5), len(pool) - i)
                cond = r.choice(["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"])
                mask = "".join(r.choice("te") for _ in range(k - 1))
                lines.append((f"it{mask} {cond}", f"it{mask} {cond}", True))
                for j, (w, t) in enumerate(pool[i:i + k]):
                    lines.append((f".inst.n 0x{w:04x}" if w < 0x10000 else f".inst.w 0x{w:08x}", t,
                                  j < k - 1))
                i += k
        elif cls == "vfp":
            fn = gen_t32_vfp if thumb else gen_a32_vfp
            for w, t in self.words(r, n, fn, thumb, cls):
                lines.append((f".inst.w 0x{w:08x}" if thumb else f".inst 0x{w:08x}", t, False))
        elif cls == "neon":
            fn = gen_t32_neon if thumb else gen_a32_neon
            for w, t in self.words(r, n, fn, thumb, cls):
                lines.append((f".inst.w 0x{w:08x}" if thumb else f".inst 0x{w:08x}", t, False))
        elif cls == "ldst":
            while len(lines) < n:
                unit = gen_ldst_text(r, thumb)
                for j, t in enumerate(unit):
                    lines.append((t, t, j < len(unit) - 1))
        return Segment(thumb, lines, regs, apsr, fpscr, dregs, cls)


HEADER = """\
.syntax unified
.arch armv8-a
.fpu crypto-neon-fp-armv8
.text
.arm
.global _start
_start:
    @ rt_sigaction(SIGILL, &act, 0, 8)
    mov r0, #4
    ldr r1, =act
    mov r2, #0
    mov r3, #8
    mov r7, #174
    svc #0
"""

HANDLER = """\
.arm
ill_handler:            @ (sig, info, uc): skip the instruction, count it
    ldr r3, [r2, #92]   @ uc_mcontext.arm_pc
    ldr r1, [r2, #96]   @ arm_cpsr
    tst r1, #0x20
    addeq r3, r3, #4
    beq 1f
    ldrh r0, [r3]
    cmp r0, #0xe800
    addlo r3, r3, #2
    addhs r3, r3, #4
1:  str r3, [r2, #92]
    ldr r0, =ill_count
    ldr r1, [r0]
    add r1, r1, #1
    str r1, [r0]
    bx lr
ill_restorer:
    mov r7, #173
    svc #0
.data
.align 3
act: .word ill_handler, 0x04000004, ill_restorer, 0, 0
ill_count: .word 0
"""


def program_text(segs):
    out = [HEADER]
    for i in range(len(segs)):
        out.append(f"    ldr r0, =seg{i}\n    blx r0\n")
    out.append(f"""\
    mov r0, #1
    ldr r1, =records
    ldr r2, ={len(segs) * (REC_BYTES + BUFSZ)}
    mov r7, #4
    svc #0
    mov r0, #0
    mov r7, #1
    svc #0
.ltorg
""")
    for i, s in enumerate(segs):
        mode = ".thumb\n.thumb_func" if s.thumb else ".arm"
        out.append(f"""\
{mode}
seg{i}:
    push {{r4-r11, lr}}
    ldr r0, =tab{i}
    vldmia r0!, {{d0-d15}}
    vldmia r0!, {{d16-d31}}
    ldr r1, [r0], #4
    vmsr fpscr, r1
    ldr r1, [r0], #4
    msr APSR_nzcvqg, r1
    ldr lr, [r0, #52]
    ldmia r0, {{r0-r12}}
""")
        for text, _, _ in s.lines:
            out.append(f"    {text}\n")
        out.append(f"""\
    push {{r0}}
    ldr r0, =rec{i}
    stmia r0!, {{r1-r12, lr}}
    pop {{r1}}
    str r1, [r0], #4
    mrs r1, APSR
    str r1, [r0], #4
    vmrs r1, fpscr
    str r1, [r0], #4
    ldr r2, =ill_count
    ldr r1, [r2]
    str r1, [r0], #8
    mov r1, #0
    str r1, [r2]
    vstmia r0!, {{d0-d15}}
    vstmia r0!, {{d16-d31}}
    mov r1, #0
    vmsr fpscr, r1
    pop {{r4-r11, lr}}
    bx lr
.ltorg
""")
    out.append(HANDLER)
    for i, s in enumerate(segs):
        words = [d & 0xffffffff for d in s.dregs for d in (d, d >> 32)]
        regs = list(s.regs)
        if s.descr == "ldst":
            regs[11] = f"buf{i} + 512"
        out.append(f"tab{i}: .word {', '.join(str(x) for x in words)}\n")
        out.append(f"    .word {s.fpscr}, {s.apsr}, {', '.join(str(x) for x in regs)}\n")
    out.append(".align 4\nrecords:\n")
    for i in range(len(segs)):
        out.append(f"rec{i}: .space {REC_BYTES}\n")
    for i in range(len(segs)):
        pat = random.Random(i).randbytes(BUFSZ)
        out.append(f"buf{i}: .byte {', '.join(str(b) for b in pat)}\n")
    return "".join(out)


def build(segs, path):
    with open(path + ".s", "w") as f:
        f.write(program_text(segs))
    subprocess.run([CROSS + "as"] + ASFLAGS + ["-o", path + ".o", path + ".s"], check=True)
    subprocess.run([CROSS + "ld", "-static", "-o", path, path + ".o"], check=True)


def run(cmd, path, timeout=60):
    p = subprocess.run(cmd + [path], capture_output=True, timeout=timeout)
    return p.returncode, p.stdout


NAMES = [f"r{i}" for i in range(13)] + ["lr", "apsr", "fpscr", "sigill", "pad"]


def diff_record(q, e):
    lines = []
    qw = struct.unpack_from(f"<{REC_WORDS}I", q)
    ew = struct.unpack_from(f"<{REC_WORDS}I", e)
    # record order: r1-r12, lr, r0, apsr, fpscr, sigill, pad, d0..d31
    order = [f"r{i}" for i in range(1, 13)] + ["lr", "r0", "apsr", "fpscr", "sigill", "pad"]
    for i, n in enumerate(order):
        if qw[i] != ew[i]:
            lines.append(f"    {n:>6}: qemu {qw[i]:08x}  emu {ew[i]:08x}")
    for d in range(32):
        a = qw[18 + 2 * d] | qw[19 + 2 * d] << 32
        b = ew[18 + 2 * d] | ew[19 + 2 * d] << 32
        if a != b:
            lines.append(f"    {'d' + str(d):>6}: qemu {a:016x}  emu {b:016x}")
    return lines


def split(out, n):
    recs = [out[i * REC_BYTES:(i + 1) * REC_BYTES] for i in range(n)]
    base = n * REC_BYTES
    bufs = [out[base + i * BUFSZ:base + (i + 1) * BUFSZ] for i in range(n)]
    return recs, bufs


def compare(segs, path, emu):
    build(segs, path)
    rq, oq = run([QEMU], path)
    re_, oe = run(emu, path)
    n = len(segs)
    if rq != 0 or len(oq) != n * (REC_BYTES + BUFSZ):
        return "oracle", None
    if re_ != 0 or len(oe) != len(oq):
        return "crash", (re_, len(oe))
    rq_, bq = split(oq, n)
    re2, be = split(oe, n)
    bad = [i for i in range(n) if rq_[i] != re2[i] or bq[i] != be[i]]
    return ("diff", [(i, diff_record(rq_[i], re2[i]) + (["    buffer differs"] if bq[i] != be[i] else []))
                     for i in bad]) if bad else ("ok", None)


def groups(seg):
    """The segment's lines cut into units that must stay together (an IT
    instruction with the instructions it covers; a set-up line with its
    load/store)."""
    out, cur = [], []
    for ln in seg.lines:
        cur.append(ln)
        if not ln[2]:            # ln[2]: more lines of this unit follow
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def prefix(seg, units, k):
    return Segment(seg.thumb, [ln for u in units[:k] for ln in u], seg.regs, seg.apsr,
                   seg.fpscr, seg.dregs, seg.descr)


def first_bad(seg, path, emu):
    """The shortest prefix of seg (in units) whose result differs: its
    length in lines, the comparison status and details."""
    units = groups(seg)
    lo, hi = 1, len(units)
    while lo < hi:
        mid = (lo + hi) // 2
        st, _ = compare([prefix(seg, units, mid)], path, emu)
        if st == "ok":
            lo = mid + 1
        else:
            hi = mid
    s = prefix(seg, units, lo)
    st, det = compare([s], path, emu)
    return len(s.lines), st, det


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--emu", required=True, help="emu-arm command (may carry options)")
    ap.add_argument("--class", dest="cls", default="all", help="comma list of " + ",".join(CLASSES) + " or all")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--programs", type=int, default=4)
    ap.add_argument("--segments", type=int, default=16)
    ap.add_argument("--insns", type=int, default=12)
    ap.add_argument("--long", type=int, default=0, help="N programs with random seeds")
    ap.add_argument("--workdir", default="/tmp/difftest-arm32")
    a = ap.parse_args()
    classes = CLASSES if a.cls == "all" else a.cls.split(",")
    emu = a.emu.split()
    os.makedirs(a.workdir, exist_ok=True)
    gen = Gen(a.workdir)
    nprog = a.long or a.programs
    seeds = [random.randrange(1 << 30) for _ in range(nprog)] if a.long else \
        [a.seed * 1000 + i for i in range(nprog)]
    status = 0
    for seed in seeds:
        r = random.Random(seed)
        segs = [gen.segment(r, classes[j % len(classes)], a.insns) for j in range(a.segments)]
        path = os.path.join(a.workdir, f"prog-{seed}")
        try:
            st, det = compare(segs, path, emu)
        except subprocess.TimeoutExpired:
            st, det = "crash", "timeout"
        if st == "oracle":
            # a segment the oracle itself cannot run (qemu's own bug, or an
            # encoding that faults there): drop it, say so, go on
            keep = []
            for j, sg in enumerate(segs):
                st1, _ = compare([sg], path + f"-alone{j}", emu)
                if st1 == "oracle":
                    print(f"note: program seed {seed} segment {j} ({sg.descr}) does not run under "
                          f"{QEMU}; left out (reproducer {path}-alone{j})")
                else:
                    keep.append(sg)
            if len(keep) == len(segs):
                print(f"ORACLE FAILED program seed {seed} ({path})")
                return 2
            segs = keep
            st, det = compare(segs, path, emu)
        if st == "crash":
            print(f"MISMATCH program seed {seed}: emu exited {det} ({path})")
            status = 1
            continue
        if st == "diff":
            status = 1
            print(f"MISMATCH program seed {seed} ({path}): {len(det)} segment(s) differ")
            for i, lines in det[:3]:
                s = segs[i]
                k, st2, det2 = first_bad(s, path + f"-seg{i}", emu)
                print(f"  segment {i} ({s.descr}, {'thumb' if s.thumb else 'arm'}, apsr {s.apsr:08x}, "
                      f"fpscr {s.fpscr:08x}): first difference after instruction {k}:")
                for text, dis, _ in s.lines[max(0, k - 3):k]:
                    print(f"      {text:<24} {dis}")
                for l in (det2[0][1] if st2 == "diff" and det2 else lines):
                    print(l)
                print(f"    reproducer: {path}-seg{i} (.s beside it)")
    if status == 0:
        print(f"ok: {nprog} programs x {a.segments} segments, classes {','.join(classes)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
