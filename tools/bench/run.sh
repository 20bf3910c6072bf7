#!/bin/sh
# run.sh - CPU benchmarks: native vs qemu-aarch64 vs emu-aarch64 (see
# README.md and run.py --help).
#   tools/bench/run.sh                  # full: 5 runs, ~0.5-2 s native per kernel
#   tools/bench/run.sh --quick          # small workloads, 3 runs
#   tools/bench/run.sh --emu build-x/emu-aarch64 --only fp,call-fib
# Results: bench-out/results.md, results.json, results.svg.
exec python3 "$(dirname "$0")/run.py" "$@"
