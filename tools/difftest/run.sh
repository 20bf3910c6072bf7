#!/bin/sh
# run.sh - random-instruction differential test of emu-aarch64 against
# qemu-aarch64 (see difftest.py --help and tools/difftest/README.md).
#   tools/difftest/run.sh --class int                # small fixed-seed run (CI)
#   tools/difftest/run.sh --class fp --long 500      # soak: 500 random programs
#   tools/difftest/run.sh --class lse,cas --long 50  # subclasses
#   tools/difftest/run.sh --replay FILE              # a reproducer under both
# --emu defaults to build/emu-aarch64 (or $EMU).
here=$(dirname "$0")
root=$(cd "$here/../.." && pwd)
case " $* " in
*" --emu "*) exec python3 "$here/difftest.py" "$@" ;;
esac
emu=${EMU:-$root/build/emu-aarch64}
exec python3 "$here/difftest.py" --emu "$emu" "$@"
