"""deviations.py - encodings where qemu-aarch64 (the oracle) is known to
deviate from the Arm ARM, or where the Arm ARM leaves the result open.
The generator never emits a word that matches an entry (word & mask ==
value), so such a case can neither hide an emulator bug nor fail the test
for qemu's mistake.  Each entry names the rule that decides it.  Add an
entry only with the Arm ARM reference; an emulator bug is fixed, not
listed here.

MNEMONIC_EXCLUDE lists instructions the assembler's feature flags do not
separate from the emulated set (binutils 2.40 accepts SHA512 under +sha2,
but FEAT_SHA512 is not advertised: ID_AA64ISAR0_EL1.SHA2 = 1, see
cpu/aarch64/features.h).
"""

DEVIATIONS = [
    # (mask, value, description with the deciding rule)
]

MNEMONIC_EXCLUDE = {"sha512h", "sha512h2", "sha512su0", "sha512su1"}


def qemu_wrong(word):
    return any(word & m == v for m, v, _ in DEVIATIONS)
