"""wordcheck.py - which instruction words difftest may emit, and their
disassembly.  A word is used when
  1. GNU objdump decodes it (not unallocated/undefined),
  2. the assembler accepts its disassembly for the emulated feature set
     (MARCH; only a "does not support" error rejects: other assembler
     complaints are about objdump's spelling, not the instruction),
  3. it does not read or write SP (SP differs between the emulators) and
     its first operand is not x28/w28 (the buffer base; conservative: for
     stores and compares it is a source),
  4. deviations.excluded() does not list it.
Results are cached per word, so generation stays deterministic.  A word
that fails 1, 2 or the mnemonic exclusion is "undef": the emulated CPU
must raise SIGILL for it (class undef).
"""
import os
import re
import struct
import subprocess

import deviations

OBJDUMP = "aarch64-linux-gnu-objdump"
AS = "aarch64-linux-gnu-as"
# Armv8.0 + the features cpu/aarch64/features.h advertises.
MARCH = "armv8-a+crc+aes+sha2+lse"

SP_RE = re.compile(r"\b(w?sp)\b")
X28_RE = re.compile(r"^[a-z0-9.]+\s+[xw]28\b")


def parse_objdump(out):
    """[(offset, word, text)] from objdump -d/-D output."""
    res = []
    for line in out.splitlines():
        m = re.match(r"\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$", line)
        if m:
            text = m.group(3).split("//")[0].split("<")[0].strip()
            res.append((int(m.group(1), 16), int(m.group(2), 16), re.sub(r"\s+", " ", text)))
    return res


def unsupported_lines(texts, workdir, any_error=False):
    """Indexes of texts the assembler rejects for MARCH's feature set (or
    for any reason)."""
    path = os.path.join(workdir, "feat.s")
    with open(path, "w") as f:
        f.write("\n".join(texts) + "\n")
    p = subprocess.run([AS, "-march=" + MARCH, "-o", path + ".o", path], capture_output=True, text=True)
    bad = set()
    for line in p.stderr.splitlines():
        m = re.match(r".*?:(\d+): Error: (.*)", line)
        if m and (any_error or "not support" in m.group(2)):
            bad.add(int(m.group(1)) - 1)
    return bad


class WordCheck:
    def __init__(self, workdir):
        self.workdir = workdir
        self.known = {}         # word -> text, or None when not usable
        self.text = {}          # word -> disassembly (also for unusable words)
        self.undef = set()      # words the emulated CPU does not implement

    def status(self, word):
        """"ok" usable, "undef" must raise SIGILL, "bad" neither, None not
        checked yet."""
        if word not in self.known:
            return None
        if self.known[word] is not None:
            return "ok"
        return "undef" if word in self.undef else "bad"

    def add(self, words):
        words = sorted(set(w for w in words if w not in self.known))
        if not words:
            return
        path = os.path.join(self.workdir, "words.bin")
        with open(path, "wb") as f:
            f.write(b"".join(struct.pack("<I", w) for w in words))
        out = subprocess.run([OBJDUMP, "-D", "-b", "binary", "-m", "aarch64", path],
                             capture_output=True, text=True, check=True).stdout
        texts = {}
        for off, _, text in parse_objdump(out):
            texts[words[off // 4]] = text
        cand = []
        for w in words:
            t = texts.get(w, ".inst")
            self.text[w] = t
            mnem = t.split(" ")[0]
            if deviations.qemu_wrong(w):
                self.known[w] = None
            elif (t.startswith(".inst") or "undefined" in t or "unallocated" in t or "reserved" in t
                    or mnem in deviations.MNEMONIC_EXCLUDE):
                self.known[w] = None
                self.undef.add(w)
            elif SP_RE.search(t) or X28_RE.match(t):
                self.known[w] = None
            else:
                cand.append(w)
        bad = unsupported_lines([self.text[w] for w in cand], self.workdir) if cand else set()
        for i, w in enumerate(cand):
            self.known[w] = None if i in bad else self.text[w]
            if i in bad:
                self.undef.add(w)

    def disasm(self, word):
        if word not in self.text:
            self.add([word])
        return self.text.get(word, "?")


def assemble_forms(texts, workdir, check):
    """Assemble template forms; [(word, number of register operands)] of
    those usable (unsupported or rejected lines are dropped)."""
    bad = unsupported_lines(texts, workdir, any_error=True)
    texts = [t for i, t in enumerate(texts) if i not in bad]
    path = os.path.join(workdir, "forms.s")
    with open(path, "w") as f:
        f.write("\n".join(texts) + "\n")
    p = subprocess.run([AS, "-march=" + MARCH, "-o", path + ".o", path], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("forms do not assemble: " + p.stderr[:500])
    out = subprocess.run([OBJDUMP, "-d", path + ".o"], capture_output=True, text=True, check=True).stdout
    words = [w for _, w, _ in parse_objdump(out)]
    check.add(words)
    res = []
    for w in words:
        t = check.known.get(w)
        if t:
            regs = len(re.findall(r"\b[vqdshbxw]\d+\b", t))
            res.append((w, regs))
    return res
