#!/usr/bin/env python3
"""tests/unit/arm-oracle-gen.py - regenerates tests/unit/arm-oracle-cases.def,
the cases of tests/unit/test_arm_oracle.c.

Each case is a short A32 or Thumb snippet (no pc, sp or lr use) with
r0..r12 and APSR (NZCVQ, GE) inputs.  The snippets are assembled with
arm-linux-gnueabihf-as, run under the oracle /usr/bin/qemu-arm in a small
static program that loads the inputs, runs the snippet and records r0..r12
and APSR, and the results become the expected values of the C test, which
runs the same encodings through emu-arm's front end (tests/unit/arm-run.h).

usage: tests/unit/arm-oracle-gen.py > tests/unit/arm-oracle-cases.def
"""
import os, random, subprocess, sys, tempfile

AS = ["arm-linux-gnueabihf-as", "-march=armv8-a+crc", "-mfpu=neon"]
random.seed(12345)
POOL = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x8000,
        0x7fff, 0xffff, 0x10000, 0x80008000, 0x7fff7fff, 0x00ff00ff,
        0x12345678, 0x9abcdef0, 31, 32, 33, 255, 256 + 4, 0x80, 0x7f]


def rval():
    if random.random() < 0.6:
        return random.choice(POOL)
    return random.getrandbits(32)


def inputs():
    regs = [rval() for _ in range(13)]
    apsr = random.getrandbits(4) << 28 | random.getrandbits(1) << 27 | \
        random.getrandbits(4) << 16
    return regs, apsr


DP = ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "orr", "bic"]
A32_ONLY_DP = ["rsc"]
T32_ONLY_DP = ["orn"]
SHIFTS_IMM = ["lsl #1", "lsl #31", "lsr #1", "lsr #32", "asr #5", "asr #32",
              "ror #7", "rrx"]
SHIFTS_REG = ["lsl r3", "lsr r3", "asr r3", "ror r3"]
IMMS = ["#1", "#0xff000000", "#0x3fc", "#0", "#0x80000000"]


def dp_cases(arm):
    out = []
    ops = DP + (A32_ONLY_DP if arm else T32_ONLY_DP)
    for op in ops:
        for s in ["", "s"]:
            for imm in IMMS:
                out.append(f"{op}{s} r0, r1, {imm}")
            out.append(f"{op}{s} r0, r1, r2")
            for sh in SHIFTS_IMM:
                out.append(f"{op}{s} r0, r1, r2, {sh}")
            if arm:
                for sh in SHIFTS_REG:
                    out.append(f"{op}{s} r0, r1, r2, {sh}")
    for op in ["mov", "mvn"]:
        for s in ["", "s"]:
            for imm in IMMS:
                out.append(f"{op}{s} r0, {imm}")
            for sh in SHIFTS_IMM:
                out.append(f"{op}{s} r0, r2, {sh}")
            for sh in SHIFTS_REG:
                if arm or op == "mov":
                    out.append(f"{op}{s} r0, r2, {sh}" if arm else
                               f"{sh.split()[0]}{s} r0, r2, r3")
    for op in ["tst", "teq", "cmp", "cmn"]:
        for imm in IMMS:
            out.append(f"{op} r1, {imm}")
        for sh in SHIFTS_IMM:
            out.append(f"{op} r1, r2, {sh}")
        if arm:
            for sh in SHIFTS_REG:
                out.append(f"{op} r1, r2, {sh}")
    return out


MISC = """mul r0, r1, r2
A:muls r0, r1, r2
mla r0, r1, r2, r3
A:mlas r0, r1, r2, r3
mls r0, r1, r2, r3
umull r0, r1, r2, r3
smull r0, r1, r2, r3
umlal r0, r1, r2, r3
smlal r0, r1, r2, r3
A:umulls r0, r1, r2, r3
A:smlals r0, r1, r2, r3
umaal r0, r1, r2, r3
smulbb r0, r1, r2
smulbt r0, r1, r2
smultb r0, r1, r2
smultt r0, r1, r2
smlabb r0, r1, r2, r3
smlatt r0, r1, r2, r3
smlabt r0, r1, r2, r3
smulwb r0, r1, r2
smulwt r0, r1, r2
smlawb r0, r1, r2, r3
smlawt r0, r1, r2, r3
smlalbb r0, r1, r2, r3
smlaltb r0, r1, r2, r3
smuad r0, r1, r2
smuadx r0, r1, r2
smusd r0, r1, r2
smusdx r0, r1, r2
smlad r0, r1, r2, r3
smladx r0, r1, r2, r3
smlsd r0, r1, r2, r3
smlsdx r0, r1, r2, r3
smlald r0, r1, r2, r3
smlaldx r0, r1, r2, r3
smlsld r0, r1, r2, r3
smlsldx r0, r1, r2, r3
smmul r0, r1, r2
smmulr r0, r1, r2
smmla r0, r1, r2, r3
smmlar r0, r1, r2, r3
smmls r0, r1, r2, r3
smmlsr r0, r1, r2, r3
usad8 r0, r1, r2
usada8 r0, r1, r2, r3
sdiv r0, r1, r2
udiv r0, r1, r2
qadd r0, r1, r2
qsub r0, r1, r2
qdadd r0, r1, r2
qdsub r0, r1, r2
ssat r0, #8, r1
ssat r0, #32, r1, lsl #4
ssat r0, #1, r1, asr #3
usat r0, #8, r1
usat r0, #0, r1
usat r0, #31, r1, asr #31
ssat16 r0, #9, r1
usat16 r0, #7, r1
sel r0, r1, r2
pkhbt r0, r1, r2, lsl #8
pkhtb r0, r1, r2, asr #12
pkhtb r0, r1, r2, asr #32
sxtb r0, r1
sxth r0, r1, ror #8
uxtb r0, r1, ror #16
uxth r0, r1, ror #24
sxtab r0, r1, r2
sxtah r0, r1, r2, ror #8
uxtab r0, r1, r2, ror #24
uxtah r0, r1, r2
sxtb16 r0, r1
uxtb16 r0, r1, ror #8
sxtab16 r0, r1, r2
uxtab16 r0, r1, r2, ror #16
rev r0, r1
rev16 r0, r1
revsh r0, r1
rbit r0, r1
clz r0, r1
bfc r0, #4, #8
bfi r0, r1, #0, #32
bfi r0, r1, #12, #7
sbfx r0, r1, #3, #9
sbfx r0, r1, #0, #32
ubfx r0, r1, #31, #1
ubfx r0, r1, #8, #16
movw r0, #0xbeef
movt r0, #0xdead
mrs r0, APSR
msr APSR_nzcvq, r1
msr APSR_g, r1
msr APSR_nzcvqg, r1
crc32b r0, r1, r2
crc32h r0, r1, r2
crc32w r0, r1, r2
crc32cb r0, r1, r2
crc32ch r0, r1, r2
crc32cw r0, r1, r2
sadd16 r0, r1, r2; sel r3, r4, r5
usub8 r0, r1, r2; sel r3, r4, r5
uasx r0, r1, r2; sel r3, r1, r2
ssat r0, #4, r1; mrs r2, APSR"""

PAR = []
for pre in ["s", "q", "sh", "u", "uq", "uh"]:
    for op in ["add16", "asx", "sax", "sub16", "add8", "sub8"]:
        PAR.append(f"{pre}{op} r0, r1, r2")

COND_A32 = """addeq r0, r1, r2
movne r0, #5
subsgt r0, r1, r2
mvnle r0, r1
cmp r1, r2; movhi r0, #1; movls r0, #2
cmp r1, r2; addge r0, r0, #1; sublt r0, r0, #1
tst r1, #1; orrne r0, r0, #0x100
cmn r1, r2; adcvs r0, r1, r2
mulcc r0, r1, r2
umullcs r0, r1, r2, r3""".split("\n")

THUMB_ONLY = """adds r0, r1, r2
subs r0, r1, #3
adds r0, #200
subs r0, #1
movs r0, #0
cmp r1, #77
lsls r0, r1, #3
lsrs r0, r1, #32
asrs r0, r1, #1
lsls r0, r3
rors r0, r3
negs r0, r1
muls r0, r1, r0
mvns r0, r1
adcs r0, r1
sbcs r0, r1
add r0, r8
mov r9, r1
cmp r1, r10
cmp r1, r2; ite eq; moveq r0, #1; movne r0, #2
cmp r1, r2; itt hi; addhi r0, r1; subhi r0, #1
cmp r1, r2; itete lt; addlt r0, r1; addge r0, r2; sublt r0, #4; addge r0, #4
it ne; addne r0, r1, r2
it cs; lslcs r0, r1, #2
itt vc; movvc r0, r1; movvc r4, #7
cmp r1, #0; it eq; muleq r0, r1, r2
cmp r0, r1; it gt; addgt.w r0, r1, r2
addw r0, r1, #0xfff
subw r0, r1, #0x123
it eq; lsleq r0, r1, r3
it ne; rsbne r0, r1, #0
it mi; mulmi r0, r1, r0
cmp r1, r2; it lt; cmnlt r1, r2
cmp r1, r2; ittt ge; movge r0, r1; asrge r0, #3; eorge r0, r2
cmp r1, #0; itee pl; addpl r0, r1, r2; subsmi.w r0, r1, r2; movmi r3, #1""".split("\n")


def all_cases():
    cases = []
    for arm in (True, False):
        lines = dp_cases(arm) + MISC.split("\n") + PAR
        lines += COND_A32 if arm else THUMB_ONLY
        for l in lines:
            if l.startswith("A:"):
                if not arm:
                    continue
                l = l[2:]
            n = 3 if len(lines) < 400 else 2
            for _ in range(n):
                cases.append((arm, l, inputs()))
    return cases


def assemble(src, path):
    with open(path + ".s", "w") as f:
        f.write(src)
    subprocess.run(AS + [path + ".s", "-o", path + ".o"], check=True)


def snippet_bytes(tmp, arm, text):
    src = ".syntax unified\n" + (".arm\n" if arm else ".thumb\n") + \
        text.replace("; ", "\n") + "\n"
    p = os.path.join(tmp, "one")
    assemble(src, p)
    subprocess.run(["arm-linux-gnueabihf-objcopy", "-O", "binary",
                    "--only-section=.text", p + ".o", p + ".bin"], check=True)
    return open(p + ".bin", "rb").read()


def main():
    cases = all_cases()
    tmp = tempfile.mkdtemp()
    asm = [".syntax unified", ".data", ".global st", "st: .space 128",
           ".text"]
    for i, (arm, text, _) in enumerate(cases):
        asm += [".align 2", ".arm" if arm else ".thumb",
                f".global run{i}"] + ([] if arm else [".thumb_func"]) + [
            f"run{i}:", "push {r0-r12, lr}", "ldr r0, =st", "ldr r1, [r0, #52]",
            "msr APSR_nzcvqg, r1", "ldm r0, {r0-r12}"] + \
            text.split("; ") + [
            "push {r0-r12}", "mrs r0, APSR", "ldr r1, =st",
            "str r0, [r1, #120]", "mov r2, #0",
            "1: ldr r3, [sp, r2, lsl #2]", "add r4, r1, #64",
            "str r3, [r4, r2, lsl #2]", "add r2, r2, #1", "cmp r2, #13",
            "bne 1b", "add sp, sp, #52", "pop {r0-r12, pc}", ".ltorg"]
    assemble("\n".join(asm) + "\n", os.path.join(tmp, "runs"))
    c = ["#include <stdio.h>", "#include <stdint.h>",
         "extern uint32_t st[32];"]
    c += [f"void run{i}(void);" for i in range(len(cases))]
    c += ["static void (*const fns[])(void) = {" +
          ",".join(f"run{i}" for i in range(len(cases))) + "};",
          "static const uint32_t in[][14] = {"]
    for _, _, (regs, apsr) in cases:
        c.append("{" + ",".join(hex(v) for v in regs + [apsr]) + "},")
    c += ["};", "int main(void) {",
          " for (unsigned i = 0; i < sizeof(fns)/sizeof(fns[0]); i++) {",
          "  for (int k = 0; k < 14; k++) st[k] = in[i][k];",
          "  fns[i]();",
          "  for (int k = 0; k < 13; k++) printf(\"%x \", st[16 + k]);",
          "  printf(\"%x\\n\", st[30]);", " }", " return 0;", "}"]
    with open(os.path.join(tmp, "main.c"), "w") as f:
        f.write("\n".join(c) + "\n")
    exe = os.path.join(tmp, "oracle")
    subprocess.run(["arm-linux-gnueabihf-gcc", "-static", "-O1", "-o", exe,
                    os.path.join(tmp, "main.c"),
                    os.path.join(tmp, "runs.o")], check=True)
    res = subprocess.run(["/usr/bin/qemu-arm", exe], check=True,
                         capture_output=True, text=True).stdout.split("\n")
    out = []
    for i, (arm, text, (regs, apsr)) in enumerate(cases):
        got = [int(x, 16) for x in res[i].split()]
        code = snippet_bytes(tmp, arm, text)
        if arm:
            units = [int.from_bytes(code[k:k + 4], "little")
                     for k in range(0, len(code), 4)]
        else:
            units = [int.from_bytes(code[k:k + 2], "little")
                     for k in range(0, len(code), 2)]
        out.append((arm, text, units, regs, apsr, got[:13], got[13]))
    emit(out)


def emit(out):
    p = print
    p("/*\n * tests/unit/arm-oracle-cases.def - GENERATED by "
      "tests/unit/arm-oracle-gen.py;\n * do not edit.  The cases of "
      "tests/unit/test_arm_oracle.c, one per line:\n"
      " *   {text, arm, n, {code}, {r0..r12 in}, APSR in, {r0..r12 out}, APSR out},\n"
      " * the outputs recorded from qemu-arm 7.2 running the same encodings.\n */")
    for arm, text, units, regs, apsr, got, gapsr in out:
        h = lambda v: "0x%x" % v
        p("{\"%s\",%s,%d,{%s},{%s},%s,{%s},%s}," % (
            text.replace(", ", ","), "1" if arm else "0", len(units),
            ",".join(map(h, units)), ",".join(map(h, regs)), h(apsr),
            ",".join(map(h, got)), h(gapsr)))


if __name__ == "__main__":
    main()
