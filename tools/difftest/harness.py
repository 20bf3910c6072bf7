"""harness.py - the one test-program harness of difftest: the architectural
state a segment starts from, the assembly that loads it, the dump that
writes it out, and the code that decodes and compares dumps.

A program is a list of segments.  Each segment
  1. copies a fixed random pattern into the 1 KiB scratch buffer `buf`,
  2. loads V0-V31, FPCR (FPSR = 0), NZCV, x0-x27, x29, x30 from a
     per-segment table and sets x28 = &buf (test instructions never write
     x28),
  3. runs its instructions,
  4. dumps the state with write(1): DUMP_BYTES = x0-x30, NZCV (256), V0-V31
     (512), FPSR, FPCR, the segment's SIGILL count, dump id (32), then the
     buffer (1024).  In trace mode the id of the dump after instruction n
     is n + 1 (0 before the first), so skipped dumps (a taken forward
     branch) are recognised.
A SIGILL handler (installed first) counts the signal and skips the
instruction, so an undefined encoding is checked like any other: both
emulators must raise it (class undef), and an instruction the emulator
lacks shows as a count difference at that instruction, not as a crash.
In trace mode one segment is emitted with a dump after every instruction,
so the first diverging instruction can be named.  The dump code itself
changes no state (it restores x0-x2, x8 and NZCV; FPSR and the V registers
are only read), so tracing does not perturb the run.
"""
import struct

BUFSZ = 1024
GPR_BYTES = 256                 # x0-x30 + NZCV
VREG_BYTES = 512                # V0-V31
FPST_BYTES = 32                 # FPSR, FPCR, SIGILL count, 0
STATE_BYTES = GPR_BYTES + VREG_BYTES + FPST_BYTES
DUMP_BYTES = STATE_BYTES + BUFSZ
FRAME = 800                     # stack frame of the dump code (>= STATE_BYTES, 16-aligned)

FPSR_BITS = [(27, "QC"), (7, "IDC"), (4, "IXC"), (3, "UFC"), (2, "OFC"), (1, "DZC"), (0, "IOC")]


class Insn:
    """One instruction word (or a setup word) with its role."""
    def __init__(self, word, setup=False, cls="", undef=False, branch=None):
        self.word = word & 0xFFFFFFFF
        self.setup = setup
        self.cls = cls
        self.undef = undef      # must raise SIGILL
        # (assembly text without target, n): a forward branch over the next
        # n instructions, emitted with a label (offsets change in trace mode)
        self.branch = branch


class Segment:
    """regs: 31 values (x28 is replaced by &buf); vregs: 32 128-bit ints."""
    def __init__(self, regs, nzcv, insns, vregs=None, fpcr=0):
        self.regs, self.nzcv, self.insns = regs, nzcv, insns
        self.vregs = vregs if vregs is not None else [0] * 32
        self.fpcr = fpcr


class State:
    """A decoded dump."""
    def __init__(self, d):
        q = struct.unpack_from("<32Q", d, 0)
        self.x, self.nzcv = list(q[:31]), q[31]
        self.v = [int.from_bytes(d[GPR_BYTES + 16 * i:GPR_BYTES + 16 * i + 16], "little") for i in range(32)]
        self.fpsr, self.fpcr, self.sigill, self.id = struct.unpack_from("<4Q", d, GPR_BYTES + VREG_BYTES)
        self.buf = d[STATE_BYTES:STATE_BYTES + BUFSZ]


def fpsr_text(v):
    names = [n for b, n in FPSR_BITS if v >> b & 1]
    return f"{v:08x}" + (f" ({','.join(names)})" if names else "")


def describe_diff(dq, de):
    """Lines naming every element that differs between two dumps."""
    q, e = State(dq), State(de)
    lines = []
    for i in range(31):
        if q.x[i] != e.x[i]:
            lines.append(f"    {'x' + str(i):>5}: qemu {q.x[i]:016x}  emu {e.x[i]:016x}")
    if q.nzcv != e.nzcv:
        lines.append(f"     nzcv: qemu {q.nzcv >> 28:04b}  emu {e.nzcv >> 28:04b}")
    for i in range(32):
        if q.v[i] != e.v[i]:
            lines.append(f"    {'v' + str(i):>5}: qemu {q.v[i]:032x}  emu {e.v[i]:032x}")
    if q.fpsr != e.fpsr:
        lines.append(f"     fpsr: qemu {fpsr_text(q.fpsr)}  emu {fpsr_text(e.fpsr)}")
    if q.fpcr != e.fpcr:
        lines.append(f"     fpcr: qemu {q.fpcr:08x}  emu {e.fpcr:08x}")
    if q.sigill != e.sigill:
        lines.append(f"   SIGILL: qemu {q.sigill} raised  emu {e.sigill} raised (in this segment so far)")
    diffs = [i for i in range(BUFSZ) if q.buf[i] != e.buf[i]]
    if diffs:
        lo, hi = diffs[0], diffs[-1]
        lines.append(f"    buffer differs in {len(diffs)} bytes, offsets {lo:#x}..{hi:#x}:")
        a = lo & ~15
        lines.append(f"      qemu [{a:#05x}] {q.buf[a:a + 32].hex()}")
        lines.append(f"      emu  [{a:#05x}] {e.buf[a:a + 32].hex()}")
    return lines


def split_dumps(out):
    n = DUMP_BYTES
    return [out[i:i + n] for i in range(0, len(out) - n + 1, n)]


# rt_sigaction(SIGILL, {handler, SA_SIGINFO | SA_RESTORER, restorer}, 0, 8)
SIGILL_SETUP = ["  mov x0, #4", "  adrp x1, sigact", "  add x1, x1, :lo12:sigact", "  mov x2, #0",
                "  mov x3, #8", "  mov x8, #134", "  svc #0"]
# The handler skips the faulting instruction: x2 = ucontext, whose
# uc_mcontext (struct sigcontext, 16-aligned) is at 176 and its pc at
# 176 + 8 + 31 * 8 + 8 = 440 (asm/ucontext.h, asm/sigcontext.h).  x9/x10
# are restored by rt_sigreturn.
SIGILL_HANDLER = ["sigill_handler:", "  ldr x9, [x2, #440]", "  add x9, x9, #4", "  str x9, [x2, #440]",
                  "  adrp x9, sigcount", "  add x9, x9, :lo12:sigcount", "  ldr x10, [x9]",
                  "  add x10, x10, #1", "  str x10, [x9]", "  ret",
                  "sigill_restorer:", "  mov x8, #139", "  svc #0"]


def dump_asm(ident=0):
    """Store x0-x30/NZCV, V0-V31, FPSR/FPCR, the SIGILL count and ident on
    the stack, write them and the buffer, restore the general registers and
    NZCV."""
    s = [f"  sub sp, sp, #{FRAME}"]
    for i in range(0, 30, 2):
        s.append(f"  stp x{i}, x{i+1}, [sp, #{8*i}]")
    s += ["  str x30, [sp, #240]", "  mrs x0, nzcv", "  str x0, [sp, #248]", "  add x0, sp, #256"]
    for i in range(0, 32, 2):
        s.append(f"  stp q{i}, q{i+1}, [x0, #{16*i}]")
    s += ["  mrs x1, fpsr", "  mrs x2, fpcr", f"  add x0, sp, #{GPR_BYTES + VREG_BYTES}", "  stp x1, x2, [x0]",
          "  adrp x1, sigcount", "  ldr x1, [x1, :lo12:sigcount]", f"  mov x2, #{ident}", "  stp x1, x2, [x0, #16]",
          "  mov x0, #1", "  mov x1, sp", f"  mov x2, #{STATE_BYTES}", "  mov x8, #64", "  svc #0",
          "  mov x0, #1", "  adrp x1, buf", "  add x1, x1, :lo12:buf", f"  mov x2, #{BUFSZ}",
          "  mov x8, #64", "  svc #0",
          "  ldr x0, [sp, #248]", "  msr nzcv, x0"]
    for i in range(0, 30, 2):
        s.append(f"  ldp x{i}, x{i+1}, [sp, #{8*i}]")
    s += ["  ldr x30, [sp, #240]", f"  add sp, sp, #{FRAME}"]
    return s


def seg_load_asm(k):
    """Load segment k's initial state (table regs{k}, layout as a dump)."""
    out = [f"seg{k}:", "  adrp x0, init_buf", "  add x0, x0, :lo12:init_buf",
           "  adrp x1, buf", "  add x1, x1, :lo12:buf", f"  mov x2, #{BUFSZ // 8}",
           "1: ldr x3, [x0], #8", "  str x3, [x1], #8", "  subs x2, x2, #1", "  b.ne 1b",
           "  adrp x0, sigcount", "  str xzr, [x0, :lo12:sigcount]",
           f"  adrp x30, regs{k}", f"  add x30, x30, :lo12:regs{k}", "  add x0, x30, #256"]
    for i in range(0, 32, 2):
        out.append(f"  ldp q{i}, q{i+1}, [x0, #{16*i}]")
    out += [f"  ldr x1, [x30, #{GPR_BYTES + VREG_BYTES + 8}]", "  msr fpcr, x1", "  msr fpsr, xzr",
            "  ldr x0, [x30, #248]", "  msr nzcv, x0"]
    for i in range(0, 28, 2):
        out.append(f"  ldp x{i}, x{i+1}, [x30, #{8*i}]")
    out += ["  ldr x29, [x30, #232]", "  ldr x30, [x30, #240]",
            "  adrp x28, buf", "  add x28, x28, :lo12:buf"]
    return out


def seg_data_asm(k, sg):
    regs = list(sg.regs)
    regs[28] = 0
    d = [".balign 16", f"regs{k}:"] + [f"  .quad 0x{v:016x}" for v in regs] + [f"  .quad 0x{sg.nzcv:016x}"]
    for v in sg.vregs:
        d.append(f"  .quad 0x{v & (2**64 - 1):016x}, 0x{v >> 64:016x}")
    d.append(f"  .quad 0, 0x{sg.fpcr:016x}")
    return d


def program_asm(segs, init_buf, trace=None):
    """trace=k: emit only segment k, dumping after every instruction."""
    out = [".text", ".global _start", "_start:"] + SIGILL_SETUP
    data = [".data", ".balign 16", "sigact:", "  .quad sigill_handler, 0x04000004, sigill_restorer, 0",
            "sigcount:", "  .quad 0", ".balign 16", "init_buf:"]
    data += ["  .byte " + ",".join(str(b) for b in init_buf[i:i + 32]) for i in range(0, BUFSZ, 32)]
    data += [".balign 16", "buf:", f"  .skip {BUFSZ}"]
    which = range(len(segs)) if trace is None else [trace]
    for k in which:
        sg = segs[k]
        out += seg_load_asm(k)
        if trace is not None:
            out += dump_asm(0)
        for n, ins in enumerate(sg.insns):
            out.append(f"L{k}_{n}:")
            if ins.branch:
                out.append(f"  {ins.branch[0]}L{k}_{n + 1 + ins.branch[1]}  // {k}.{n}")
            else:
                out.append(f"  .inst 0x{ins.word:08x}  // {k}.{n}{' setup' if ins.setup else ''}")
            if trace is not None:
                out += dump_asm(n + 1)
        out.append(f"L{k}_{len(sg.insns)}:")
        if trace is None:
            out += dump_asm()
        data += seg_data_asm(k, sg)
    out += ["  mov x0, #0", "  mov x8, #93", "  svc #0"] + SIGILL_HANDLER
    return "\n".join(out + data) + "\n"
