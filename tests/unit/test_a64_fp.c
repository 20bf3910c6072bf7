/*
 * tests/unit/test_a64_fp.c - the A64 scalar floating-point group:
 * element operations (cpu/fp-ops.c, fp-cvt.c) and translators
 * (cpu/aarch64/fp.c, run through the IR interpreter).
 *
 * Three layers:
 *  1. Differential against the architecture: FP_OPS lists ~100
 *     operations; each runs on a fixed set of interesting operands (zeros,
 *     denormals, min/max normals, infinities, quiet/signalling NaNs with
 *     payloads, ties, integer limits, plus seeded random values) under 9
 *     FPCR settings (RN/RP/RM/RZ, FZ, DN, FZ16, AHP, FZ+DN+RM).  Result
 *     bits and FPSR flags are folded into one digest per operation.  The
 *     golden digests come from real A64 instructions run under
 *     `qemu-aarch64 -cpu max` (softfloat, Arm semantics); this same file
 *     is the generator:
 *        aarch64-linux-gnu-gcc -DFP_GEN_GUEST -O1 -march=armv8.5-a+fp16 \
 *            -static -I. tests/unit/test_a64_fp.c -o fpgen
 *        qemu-aarch64 -cpu max ./fpgen            # golden table
 *        qemu-aarch64 -cpu max ./fpgen -v fadd_s  # every case of one op
 *     (build the host side with -DFP_GEN_HOST and the fp-ops sources to
 *     get the same -v listing from our code and diff the two).
 *  2. Hand-checked cases of the rules that matter most (NaN choice,
 *     default NaN sign, -0 in min/max, flush-to-zero, tininess before
 *     rounding, saturation), with the Arm ARM rule next to each.
 *  3. Decoded instructions run with ir_interp on an A64State: register
 *     fields, zeroing of the upper vector bits, XZR, NZCV from FCMP.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifndef __aarch64__
#include "cpu/fp-ops.h"
#endif

/* X(name, width, kind, A64 instruction, the same through fp-ops.h);
 * kinds: B binary, U unary, T ternary (a*b + c: FMADD d0, d0, d1, d2),
 * C compare (NZCV), FI float->int, IF int->float, FJ FJCVTZS. */
#define FP_OPS(X) \
 X(fadd_s, 32, B, "fadd s0, s0, s1", fp32_add(env, a, b)) \
 X(fsub_s, 32, B, "fsub s0, s0, s1", fp32_sub(env, a, b)) \
 X(fmul_s, 32, B, "fmul s0, s0, s1", fp32_mul(env, a, b)) \
 X(fdiv_s, 32, B, "fdiv s0, s0, s1", fp32_div(env, a, b)) \
 X(fmax_s, 32, B, "fmax s0, s0, s1", fp32_max(env, a, b)) \
 X(fmin_s, 32, B, "fmin s0, s0, s1", fp32_min(env, a, b)) \
 X(fmaxnm_s, 32, B, "fmaxnm s0, s0, s1", fp32_maxnm(env, a, b)) \
 X(fminnm_s, 32, B, "fminnm s0, s0, s1", fp32_minnm(env, a, b)) \
 X(fnmul_s, 32, B, "fnmul s0, s0, s1", fp32_neg(fp32_mul(env, a, b))) \
 X(fmulx_s, 32, B, "fmulx s0, s0, s1", fp32_mulx(env, a, b)) \
 X(frecps_s, 32, B, "frecps s0, s0, s1", fp32_recps(env, a, b)) \
 X(frsqrts_s, 32, B, "frsqrts s0, s0, s1", fp32_rsqrts(env, a, b)) \
 X(fcmeq_s, 32, B, "fcmeq s0, s0, s1", fp32_cmeq(env, a, b)) \
 X(fcmge_s, 32, B, "fcmge s0, s0, s1", fp32_cmge(env, a, b)) \
 X(fcmgt_s, 32, B, "fcmgt s0, s0, s1", fp32_cmgt(env, a, b)) \
 X(fsqrt_s, 32, U, "fsqrt s0, s0", fp32_sqrt(env, a)) \
 X(frecpe_s, 32, U, "frecpe s0, s0", fp32_recpe(env, a)) \
 X(frsqrte_s, 32, U, "frsqrte s0, s0", fp32_rsqrte(env, a)) \
 X(frecpx_s, 32, U, "frecpx s0, s0", fp32_recpx(env, a)) \
 X(frintn_s, 32, U, "frintn s0, s0", fp32_roundint(env, a, FPR_TIEEVEN, false)) \
 X(frintp_s, 32, U, "frintp s0, s0", fp32_roundint(env, a, FPR_POSINF, false)) \
 X(frintm_s, 32, U, "frintm s0, s0", fp32_roundint(env, a, FPR_NEGINF, false)) \
 X(frintz_s, 32, U, "frintz s0, s0", fp32_roundint(env, a, FPR_ZERO, false)) \
 X(frinta_s, 32, U, "frinta s0, s0", fp32_roundint(env, a, FPR_TIEAWAY, false)) \
 X(frintx_s, 32, U, "frintx s0, s0", fp32_roundint(env, a, fp_rmode(env), true)) \
 X(frint32x_s, 32, U, "frint32x s0, s0", fp32_roundint_n(env, a, fp_rmode(env), 32, true)) \
 X(frint64z_s, 32, U, "frint64z s0, s0", fp32_roundint_n(env, a, FPR_ZERO, 64, false)) \
 X(fcvt_ds, 32, U, "fcvt d0, s0", fp32_to_fp64(env, a)) \
 X(fcvt_hs, 32, U, "fcvt h0, s0", fp32_to_fp16(env, a)) \
 X(fmadd_s, 32, T, "fmadd s0, s0, s1, s2", fp32_muladd(env, c, a, b)) \
 X(fnmsub_s, 32, T, "fnmsub s0, s0, s1, s2", fp32_muladd(env, fp32_neg(c), a, b)) \
 X(fmsub_s, 32, T, "fmsub s0, s0, s1, s2", fp32_muladd(env, c, fp32_neg(a), b)) \
 X(fcmp_s, 32, C, "fcmp s0, s1", fp32_cmp(env, a, b, false)) \
 X(fcmpe_s, 32, C, "fcmpe s0, s1", fp32_cmp(env, a, b, true)) \
 X(fcvtzs_ws, 32, FI, "fcvtzs w0, s0", fp32_to_fixed(env, a, 0, false, FPR_ZERO, 32)) \
 X(fcvtzu_ws, 32, FI, "fcvtzu w0, s0", fp32_to_fixed(env, a, 0, true, FPR_ZERO, 32)) \
 X(fcvtzs_xs, 32, FI, "fcvtzs x0, s0", fp32_to_fixed(env, a, 0, false, FPR_ZERO, 64)) \
 X(fcvtzu_xs, 32, FI, "fcvtzu x0, s0", fp32_to_fixed(env, a, 0, true, FPR_ZERO, 64)) \
 X(fcvtns_ws, 32, FI, "fcvtns w0, s0", fp32_to_fixed(env, a, 0, false, FPR_TIEEVEN, 32)) \
 X(fcvtas_ws, 32, FI, "fcvtas w0, s0", fp32_to_fixed(env, a, 0, false, FPR_TIEAWAY, 32)) \
 X(fcvtmu_xs, 32, FI, "fcvtmu x0, s0", fp32_to_fixed(env, a, 0, true, FPR_NEGINF, 64)) \
 X(fcvtps_xs, 32, FI, "fcvtps x0, s0", fp32_to_fixed(env, a, 0, false, FPR_POSINF, 64)) \
 X(fcvtzs_ws5, 32, FI, "fcvtzs w0, s0, #5", fp32_to_fixed(env, a, 5, false, FPR_ZERO, 32)) \
 X(fcvtzu_xs40, 32, FI, "fcvtzu x0, s0, #40", fp32_to_fixed(env, a, 40, true, FPR_ZERO, 64)) \
 X(scvtf_sx, 32, IF, "scvtf s0, x1", fp32_from_fixed(env, a, 0, false, fp_rmode(env), 64)) \
 X(ucvtf_sx, 32, IF, "ucvtf s0, x1", fp32_from_fixed(env, a, 0, true, fp_rmode(env), 64)) \
 X(scvtf_sw, 32, IF, "scvtf s0, w1", fp32_from_fixed(env, a, 0, false, fp_rmode(env), 32)) \
 X(ucvtf_sx7, 32, IF, "ucvtf s0, x1, #7", fp32_from_fixed(env, a, 7, true, fp_rmode(env), 64)) \
 X(fadd_d, 64, B, "fadd d0, d0, d1", fp64_add(env, a, b)) \
 X(fsub_d, 64, B, "fsub d0, d0, d1", fp64_sub(env, a, b)) \
 X(fmul_d, 64, B, "fmul d0, d0, d1", fp64_mul(env, a, b)) \
 X(fdiv_d, 64, B, "fdiv d0, d0, d1", fp64_div(env, a, b)) \
 X(fmax_d, 64, B, "fmax d0, d0, d1", fp64_max(env, a, b)) \
 X(fminnm_d, 64, B, "fminnm d0, d0, d1", fp64_minnm(env, a, b)) \
 X(fmulx_d, 64, B, "fmulx d0, d0, d1", fp64_mulx(env, a, b)) \
 X(frecps_d, 64, B, "frecps d0, d0, d1", fp64_recps(env, a, b)) \
 X(frsqrts_d, 64, B, "frsqrts d0, d0, d1", fp64_rsqrts(env, a, b)) \
 X(fcmge_d, 64, B, "fcmge d0, d0, d1", fp64_cmge(env, a, b)) \
 X(fsqrt_d, 64, U, "fsqrt d0, d0", fp64_sqrt(env, a)) \
 X(frecpe_d, 64, U, "frecpe d0, d0", fp64_recpe(env, a)) \
 X(frsqrte_d, 64, U, "frsqrte d0, d0", fp64_rsqrte(env, a)) \
 X(frecpx_d, 64, U, "frecpx d0, d0", fp64_recpx(env, a)) \
 X(frintn_d, 64, U, "frintn d0, d0", fp64_roundint(env, a, FPR_TIEEVEN, false)) \
 X(frinta_d, 64, U, "frinta d0, d0", fp64_roundint(env, a, FPR_TIEAWAY, false)) \
 X(frinti_d, 64, U, "frinti d0, d0", fp64_roundint(env, a, fp_rmode(env), false)) \
 X(frint32z_d, 64, U, "frint32z d0, d0", fp64_roundint_n(env, a, FPR_ZERO, 32, false)) \
 X(fcvt_sd, 64, U, "fcvt s0, d0", fp64_to_fp32(env, a)) \
 X(fcvt_hd, 64, U, "fcvt h0, d0", fp64_to_fp16(env, a)) \
 X(fcvtxn_sd, 64, U, "fcvtxn s0, d0", fp64_to_fp32_rnd(env, a, FPR_ODD)) \
 X(fmadd_d, 64, T, "fmadd d0, d0, d1, d2", fp64_muladd(env, c, a, b)) \
 X(fnmadd_d, 64, T, "fnmadd d0, d0, d1, d2", fp64_muladd(env, fp64_neg(c), fp64_neg(a), b)) \
 X(fcmp_d, 64, C, "fcmp d0, d1", fp64_cmp(env, a, b, false)) \
 X(fcmpe_d, 64, C, "fcmpe d0, d1", fp64_cmp(env, a, b, true)) \
 X(fcvtzs_xd, 64, FI, "fcvtzs x0, d0", fp64_to_fixed(env, a, 0, false, FPR_ZERO, 64)) \
 X(fcvtzu_wd, 64, FI, "fcvtzu w0, d0", fp64_to_fixed(env, a, 0, true, FPR_ZERO, 32)) \
 X(fcvtau_xd, 64, FI, "fcvtau x0, d0", fp64_to_fixed(env, a, 0, true, FPR_TIEAWAY, 64)) \
 X(fcvtns_xd, 64, FI, "fcvtns x0, d0", fp64_to_fixed(env, a, 0, false, FPR_TIEEVEN, 64)) \
 X(fcvtzs_xd64, 64, FI, "fcvtzs x0, d0, #64", fp64_to_fixed(env, a, 64, false, FPR_ZERO, 64)) \
 X(fjcvtzs, 64, FJ, "fjcvtzs w0, d0", fp64_jcvtzs(env, a, &z)) \
 X(scvtf_dx, 64, IF, "scvtf d0, x1", fp64_from_fixed(env, a, 0, false, fp_rmode(env), 64)) \
 X(ucvtf_dx, 64, IF, "ucvtf d0, x1", fp64_from_fixed(env, a, 0, true, fp_rmode(env), 64)) \
 X(ucvtf_dw, 64, IF, "ucvtf d0, w1", fp64_from_fixed(env, a, 0, true, fp_rmode(env), 32)) \
 X(scvtf_dx64, 64, IF, "scvtf d0, x1, #64", fp64_from_fixed(env, a, 64, false, fp_rmode(env), 64)) \
 X(fadd_h, 16, B, "fadd h0, h0, h1", fp16_add(env, a, b)) \
 X(fmul_h, 16, B, "fmul h0, h0, h1", fp16_mul(env, a, b)) \
 X(fdiv_h, 16, B, "fdiv h0, h0, h1", fp16_div(env, a, b)) \
 X(fmin_h, 16, B, "fmin h0, h0, h1", fp16_min(env, a, b)) \
 X(frsqrts_h, 16, B, "frsqrts h0, h0, h1", fp16_rsqrts(env, a, b)) \
 X(fsqrt_h, 16, U, "fsqrt h0, h0", fp16_sqrt(env, a)) \
 X(frecpe_h, 16, U, "frecpe h0, h0", fp16_recpe(env, a)) \
 X(frsqrte_h, 16, U, "frsqrte h0, h0", fp16_rsqrte(env, a)) \
 X(frintx_h, 16, U, "frintx h0, h0", fp16_roundint(env, a, fp_rmode(env), true)) \
 X(fcvt_sh, 16, U, "fcvt s0, h0", fp16_to_fp32(env, a)) \
 X(fcvt_dh, 16, U, "fcvt d0, h0", fp16_to_fp64(env, a)) \
 X(fmadd_h, 16, T, "fmadd h0, h0, h1, h2", fp16_muladd(env, c, a, b)) \
 X(fcmpe_h, 16, C, "fcmpe h0, h1", fp16_cmp(env, a, b, true)) \
 X(fcvtzs_wh, 16, FI, "fcvtzs w0, h0", fp16_to_fixed(env, a, 0, false, FPR_ZERO, 32)) \
 X(fcvtzu_xh3, 16, FI, "fcvtzu x0, h0, #3", fp16_to_fixed(env, a, 3, true, FPR_ZERO, 64)) \
 X(scvtf_hx, 16, IF, "scvtf h0, x1", fp16_from_fixed(env, a, 0, false, fp_rmode(env), 64)) \
 X(ucvtf_hw9, 16, IF, "ucvtf h0, w1, #9", fp16_from_fixed(env, a, 9, true, fp_rmode(env), 32))

static const uint64_t v32[] = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40200000,
    0xc0200000, 0x3eaaaaab, 0x00800000, 0x007fffff, 0x00000001, 0x80400000, 0x7f7fffff,
    0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001, 0xff800002,
    0x4f000000, 0x5f000000, 0xcf000000, 0x3f000000, 0xbf000000, 0x3f800001, 0x4b7fffff,
    0x42f6e979, 0x3f7fffff, 0x4effffff, 0x5f800000, 0x7e800000, 0x3f3504f3, 0x40400000,
    0xc0400000, 0x00c00000, 0x4f800000, 0xdf000000, 0x3fffffff, 0x40000000};
static const uint64_t v64[] = {0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x3ff8000000000000, 0x4004000000000000, 0xc004000000000000, 0x3fd5555555555555,
    0x0010000000000000, 0x000fffffffffffff, 1, 0x8008000000000000, 0x7fefffffffffffff,
    0xffefffffffffffff, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
    0xfff8000000000001, 0x7ff0000000000001, 0xfff0000000000002, 0x41e0000000000000,
    0x43e0000000000000, 0xc1e0000000000000, 0x3fe0000000000000, 0xbfe0000000000000,
    0x3ff0000000000001, 0x433fffffffffffff, 0x405edd2f1a9fbe77, 0x3fefffffffffffff,
    0x41dfffffffc00000, 0x43f0000000000000, 0x7fd0000000000000, 0x3fe6a09e667f3bcd,
    0x4008000000000000, 0xc1e0000000200000, 0x41f0000000000000, 0x36a0000000000000,
    0x3810000000000000, 0x47efffffe0000000, 0x380fffffe0000000, 0xc3e0000000000001,
    0x3ff0000010000001, 0x3ff0000008000000, 0x4000000000000000};
static const uint64_t v16[] = {0, 0x8000, 0x3c00, 0xbc00, 0x3e00, 0x4100, 0xc100, 0x3555,
    0x0400, 0x03ff, 0x0001, 0x8200, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7c01,
    0xfd02, 0x3800, 0xb800, 0x3c01, 0x5640, 0x7800, 0x0200, 0x3bff, 0x4200, 0x3bfe, 0x4000};
static const uint64_t vint[] = {0, 1, ~0ull, 0x7fffffff, 0xffffffff80000000, (1ull << 53) + 1,
    0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001, 0xffffffff, 0x12345678,
    (1 << 24) + 1, 0x7fffff7fffffffff, 0x1fffffffffffff, 3, 0xfff0000000000001, 65519, 65520,
    2049, 0x80000001, 0x1000001, 0xfffffffffffffffd, 0x00000000ffffff81, 0x100000000000081};
static const uint32_t cfgs[] = {0, 1u << 22, 2u << 22, 3u << 22, 1u << 24, 1u << 25, 1u << 19,
                                1u << 26, (1u << 24) | (1u << 25) | (2u << 22)};

enum { B, U, T, C, FI, IF, FJ };

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd64(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

static int vals(int N, int kind, uint64_t *out)
{
    const uint64_t *v = N == 64 ? v64 : N == 32 ? v32 : v16;
    int n = N == 64 ? sizeof v64 / 8 : N == 32 ? sizeof v32 / 8 : sizeof v16 / 8;
    if (kind == IF) {
        v = vint;
        n = sizeof vint / 8;
    }
    memcpy(out, v, n * 8);
    rng = 0x9e3779b97f4a7c15ull ^ (uint64_t)(N * 7 + kind);
    for (int i = 0; i < 24; i++) {
        uint64_t x = rnd64();
        if (kind == IF) {
            out[n++] = i & 1 ? x : x >> (x & 63);
            continue;
        }
        if (N < 64)
            x &= (1ull << N) - 1;
        if (i & 1) { /* moderate exponent */
            int E = N == 16 ? 5 : N == 32 ? 8 : 11, F = N - E - 1;
            uint64_t bias = (1ull << (E - 1)) - 1;
            uint64_t e = bias - 4 + (x >> F) % 12;
            x = (x & ((1ull << F) - 1)) | e << F | (x & (1ull << (N - 1)));
        }
        out[n++] = x;
    }
    return n;
}

#ifdef __aarch64__
#define RUN_B(INSN) __asm__ volatile("fmov d0, %x1\n fmov d1, %x2\n" INSN "\n fmov %x0, d0" : "=r"(r) : "r"(a), "r"(b) : "v0", "v1", "v2")
#define RUN_U(INSN) __asm__ volatile("fmov d0, %x1\n" INSN "\n fmov %x0, d0" : "=r"(r) : "r"(a) : "v0", "v1", "v2")
#define RUN_T(INSN) __asm__ volatile("fmov d0, %x1\n fmov d1, %x2\n fmov d2, %x3\n" INSN "\n fmov %x0, d0" : "=r"(r) : "r"(a), "r"(b), "r"(c) : "v0", "v1", "v2")
#define RUN_C(INSN) __asm__ volatile("fmov d0, %x1\n fmov d1, %x2\n" INSN "\n mrs %x0, nzcv" : "=r"(r) : "r"(a), "r"(b) : "v0", "v1", "cc"); r >>= 28
#define RUN_FI(INSN) __asm__ volatile("fmov d0, %x1\n mov x0, xzr\n" INSN "\n mov %x0, x0" : "=r"(r) : "r"(a) : "v0", "x0")
#define RUN_IF(INSN) __asm__ volatile("mov x1, %x1\n" INSN "\n fmov %x0, d0" : "=r"(r) : "r"(a) : "v0", "x1")
#define RUN_FJ(INSN) { uint64_t zz; __asm__ volatile("fmov d0, %x2\n" INSN "\n mov %x0, x0\n mrs %x1, nzcv" : "=r"(r), "=r"(zz) : "r"(a) : "v0", "x0", "cc"); r |= (zz >> 30 & 1) << 32; }
#define OPCASE(name, N, kind, insn, host) case OP_##name: RUN_##kind(insn); break;
#else
#define OPCASE(name, N, kind, insn, host) case OP_##name: r = (uint64_t)(host); if (kind == FJ) r |= (uint64_t)z << 32; break;
#endif

enum {
#define OPENUM(name, N, kind, insn, host) OP_##name,
    FP_OPS(OPENUM)
    OP_N
};
static const struct { const char *name; int N, kind; } info[] = {
#define OPINFO(name, N, kind, insn, host) {#name, N, kind},
    FP_OPS(OPINFO)
};

static uint64_t run(int op, uint32_t cfg, uint64_t a, uint64_t b, uint64_t c, uint32_t *fpsr)
{
    uint64_t r = 0;
#ifdef __aarch64__
    uint64_t fs;
    __asm__ volatile("msr fpcr, %0\n msr fpsr, xzr" : : "r"((uint64_t)cfg));
    switch (op) { FP_OPS(OPCASE) }
    __asm__ volatile("mrs %0, fpsr\n msr fpcr, xzr" : "=r"(fs));
    *fpsr = (uint32_t)fs;
#else
    uint32_t flags = 0;
    const FPStatus *env = &(FPStatus){cfg, &flags};
    bool z = false;
    switch (op) { FP_OPS(OPCASE) }
    *fpsr = flags;
    (void)z;
#endif
    return r;
}


/* FNV-1a digest of every (result, FPSR) of one op over all cfgs. */
static uint64_t op_digest(int op, FILE *dump)
{
    static uint64_t v[256];
    int n = vals(info[op].N, info[op].kind, v);
    int kind = info[op].kind;
    int nb = kind == B || kind == C ? n : 1, nc = 1;
    if (kind == T) /* 28^3 cases per cfg is plenty */
        n = nb = nc = 28;
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned ci = 0; ci < sizeof cfgs / 4; ci++)
        for (int i = 0; i < n; i++)
            for (int j = 0; j < nb; j++)
                for (int k = 0; k < nc; k++) {
                    uint64_t a = v[i], b = nb > 1 ? v[j] : 0, c = nc > 1 ? v[k] : 0;
                    uint32_t fs;
                    uint64_t r = run(op, cfgs[ci], a, b, c, &fs);
                    fs &= 0x9f; /* IOC DZC OFC UFC IXC IDC */
                    if (dump)
                        fprintf(dump, "%s %08x %llx %llx %llx -> %llx %02x\n", info[op].name,
                                cfgs[ci], (unsigned long long)a, (unsigned long long)b,
                                (unsigned long long)c, (unsigned long long)r, fs);
                    h = (h ^ r) * 0x100000001b3ull;
                    h = (h ^ fs) * 0x100000001b3ull;
                }
    return h;
}

#if defined(FP_GEN_GUEST) || defined(FP_GEN_HOST)
int main(int argc, char **argv)
{
    bool verbose = argc > 1 && !strcmp(argv[1], "-v");
    const char *only = argc > 2 ? argv[2] : NULL;
    for (int op = 0; op < OP_N; op++) {
        if (only && strcmp(only, info[op].name))
            continue;
        uint64_t h = op_digest(op, verbose ? stdout : NULL);
        if (!verbose)
            printf("    {\"%s\", 0x%016llxull},\n", info[op].name, (unsigned long long)h);
    }
    return 0;
}
#else
#include <criterion/criterion.h>

#include "cpu/aarch64/decode.h"
#include "cpu/aarch64/translate.h"

/* Generated by the FP_GEN_GUEST build under qemu-aarch64 -cpu max. */
static const struct {
    const char *name;
    uint64_t digest;
} golden[] = {
    {"fadd_s", 0x0df4dab128959981ull},
    {"fsub_s", 0x3a3668751dfe34ecull},
    {"fmul_s", 0xeded4732c27f0d77ull},
    {"fdiv_s", 0x491b4bbfac424723ull},
    {"fmax_s", 0x9457b9de1b51f5f7ull},
    {"fmin_s", 0x9c6823c66d8cd347ull},
    {"fmaxnm_s", 0x026d1b458c335847ull},
    {"fminnm_s", 0x29149b25dcd08f17ull},
    {"fnmul_s", 0x776ad83fc27f0d77ull},
    {"fmulx_s", 0x25459d8ad42292a7ull},
    {"frecps_s", 0x748dd4ba4b3e5583ull},
    {"frsqrts_s", 0x3ba44fdc603ce4e1ull},
    {"fcmeq_s", 0xb293fd6a549abf8dull},
    {"fcmge_s", 0x49eb1927169c2c32ull},
    {"fcmgt_s", 0x7a73e1037f055daaull},
    {"fsqrt_s", 0x50c7cfa27283ec0full},
    {"frecpe_s", 0x24730c3a12044847ull},
    {"frsqrte_s", 0xaae14b833433efccull},
    {"frecpx_s", 0x065a400fb5f841c3ull},
    {"frintn_s", 0x0dc04c8a6ef15aeeull},
    {"frintp_s", 0x0bf32ea207d130eeull},
    {"frintm_s", 0x7e620da93b085aeeull},
    {"frintz_s", 0x6cc40a67177730eeull},
    {"frinta_s", 0x43163e2996715aeeull},
    {"frintx_s", 0xca7ef0477cb113deull},
    {"frint32x_s", 0xf4fa952e4d2a092aull},
    {"frint64z_s", 0x9bbcc27c4a14482full},
    {"fcvt_ds", 0xcfbf7bba5c998a6dull},
    {"fcvt_hs", 0x372c6024fd1f1491ull},
    {"fmadd_s", 0xea573509fa6c44ceull},
    {"fnmsub_s", 0xa9129e06e0e6895bull},
    {"fmsub_s", 0x5812239d1eef03f7ull},
    {"fcmp_s", 0x31cf683b30350967ull},
    {"fcmpe_s", 0x6ce3e85e09f125bfull},
    {"fcvtzs_ws", 0x41130a62817a5d49ull},
    {"fcvtzu_ws", 0x03f5544a5656fea3ull},
    {"fcvtzs_xs", 0x200f76a885d217b1ull},
    {"fcvtzu_xs", 0x3b83781d4908edd3ull},
    {"fcvtns_ws", 0xaa2eea8fe62d8581ull},
    {"fcvtas_ws", 0x2f194c5bdc87f47dull},
    {"fcvtmu_xs", 0x33175cbcc2395173ull},
    {"fcvtps_xs", 0xf0ca74721bd693d0ull},
    {"fcvtzs_ws5", 0x18c502e72fb2204aull},
    {"fcvtzu_xs40", 0x4adaaf38d38d6822ull},
    {"scvtf_sx", 0x940475c79ee8accaull},
    {"ucvtf_sx", 0x5017229bcd80c93dull},
    {"scvtf_sw", 0xb9343585e9406857ull},
    {"ucvtf_sx7", 0x0aada3bea900c93dull},
    {"fadd_d", 0xd789fc4ce687f2e5ull},
    {"fsub_d", 0x182fe6b0bce1bdf4ull},
    {"fmul_d", 0x73a90c6e0a1e36d6ull},
    {"fdiv_d", 0x74f8555c9c99b17dull},
    {"fmax_d", 0x81cd850c54f9c4ecull},
    {"fminnm_d", 0x7be227702cc0df84ull},
    {"fmulx_d", 0x7934af58693f8ec2ull},
    {"frecps_d", 0xcff912c0160e5919ull},
    {"frsqrts_d", 0x58a684dde54dd3dcull},
    {"fcmge_d", 0x59ba90e43c8083daull},
    {"fsqrt_d", 0xb06f230284198818ull},
    {"frecpe_d", 0x5ae11825f825e287ull},
    {"frsqrte_d", 0x97b033b36a51fa0cull},
    {"frecpx_d", 0x6215bb465846dce3ull},
    {"frintn_d", 0x18f65f29300e0d4aull},
    {"frinta_d", 0xe8e65f29300e0d4aull},
    {"frinti_d", 0x630e9f29300e0d4aull},
    {"frint32z_d", 0xb4e4c3066dce6e52ull},
    {"fcvt_sd", 0x20006a551d34e814ull},
    {"fcvt_hd", 0xf1dfff82a27ac5f4ull},
    {"fcvtxn_sd", 0xebf4e5f3094c574cull},
    {"fmadd_d", 0x145c29e1f3c01750ull},
    {"fnmadd_d", 0xb3acbb689d30117dull},
    {"fcmp_d", 0x22e0bcffff59d2bfull},
    {"fcmpe_d", 0xed1f5e11a532a74full},
    {"fcvtzs_xd", 0x43e043f767c66857ull},
    {"fcvtzu_wd", 0x67da906691a98a7aull},
    {"fcvtau_xd", 0x22244937b1d443f5ull},
    {"fcvtns_xd", 0x7401ad14784ff988ull},
    {"fcvtzs_xd64", 0xe06a5bea99c58902ull},
    {"fjcvtzs", 0x1ba8c00d019ff415ull},
    {"scvtf_dx", 0xe3334b55cb04d02dull},
    {"ucvtf_dx", 0x372f7a4994236a8aull},
    {"ucvtf_dw", 0x016a9bba389f16a5ull},
    {"scvtf_dx64", 0x47334b55cb04d02dull},
    {"fadd_h", 0x4c5ff4614bd6d523ull},
    {"fmul_h", 0x092d9772106760c6ull},
    {"fdiv_h", 0x1ac832b620aad0d1ull},
    {"fmin_h", 0xc847efbc64f77de3ull},
    {"frsqrts_h", 0x5c461071568c558eull},
    {"fsqrt_h", 0x08eaed508698b8abull},
    {"frecpe_h", 0x0d70aba766ed49d4ull},
    {"frsqrte_h", 0x2a7e466e196bec64ull},
    {"frintx_h", 0xa7d6fd3989ccba87ull},
    {"fcvt_sh", 0x812b3619e262f855ull},
    {"fcvt_dh", 0x2eb9b1221e861855ull},
    {"fmadd_h", 0xd02f9a8095cec79aull},
    {"fcmpe_h", 0x14228b6c9b496bc5ull},
    {"fcvtzs_wh", 0x3404a1738372c5d2ull},
    {"fcvtzu_xh3", 0xc90d14c714ea51b5ull},
    {"scvtf_hx", 0xfe7480f958c8748cull},
    {"ucvtf_hw9", 0xe33a6f90535d4498ull},
};

Test(a64_fp_ops, match_architecture_digests)
{
    cr_assert_eq(sizeof golden / sizeof golden[0], (size_t)OP_N);
    int bad = 0;
    for (int op = 0; op < OP_N; op++) {
        cr_assert_str_eq(golden[op].name, info[op].name);
        if (op_digest(op, NULL) != golden[op].digest) {
            fprintf(stderr, "%s differs from the architecture (qemu); list its cases "
                            "as the header comment says\n", info[op].name);
            bad++;
        }
    }
    cr_assert_eq(bad, 0, "%d operations differ", bad);
}

/* ---- hand-checked rules ---------------------------------------------- */

static uint32_t hflags;
static FPStatus hstatus;
/* A fresh FP status: control fpcr, cumulative flags cleared. */
static const FPStatus *env_fpcr(uint32_t fpcr)
{
    hflags = 0;
    hstatus = (FPStatus){fpcr, &hflags};
    return &hstatus;
}

#define F32_ONE 0x3f800000u
#define F32_INF 0x7f800000u
#define F64_INF 0x7ff0000000000000ull
#define RM_P (1u << FPCR_RMODE_SHIFT)
#define RM_M (2u << FPCR_RMODE_SHIFT)

Test(a64_fp_ops, nan_rules)
{
    const FPStatus *e = env_fpcr(0);
    /* FPProcessNaNs: a signalling NaN wins even as second operand */
    cr_assert_eq(fp32_add(e, 0x7fc00001, 0x7f800002), 0x7fc00002);
    cr_assert_eq(*e->fpsr, FPSR_IOC);
    /* two quiet NaNs: the first, payload and sign kept, no flag */
    e = env_fpcr(0);
    cr_assert_eq(fp32_add(e, 0xffc00003, 0x7fc00004), 0xffc00003);
    cr_assert_eq(*e->fpsr, 0);
    /* invalid operation: default NaN has sign 0 (x86 gives 0xffc00000) */
    cr_assert_eq(fp32_sub(e, F32_INF, F32_INF), FP32_DEFAULT_NAN);
    cr_assert_eq(fp64_mul(e, 0, F64_INF), FP64_DEFAULT_NAN);
    cr_assert_eq(*e->fpsr, FPSR_IOC);
    /* FPCR.DN replaces propagated NaNs */
    e = env_fpcr(FPCR_DN);
    cr_assert_eq(fp32_add(e, 0xffc00003, F32_ONE), FP32_DEFAULT_NAN);
    /* FPMulAdd: a quiet NaN addend with inf*0 is still Invalid */
    e = env_fpcr(0);
    cr_assert_eq(fp64_muladd(e, 0x7ff8000000000123ull, F64_INF, 0), FP64_DEFAULT_NAN);
    cr_assert_eq(*e->fpsr, FPSR_IOC);
    /* FMULX: inf * 0 = 2.0 with the product's sign, no flag */
    e = env_fpcr(0);
    cr_assert_eq(fp32_mulx(e, 0xff800000, 0), 0xc0000000);
    cr_assert_eq(*e->fpsr, 0);
}

Test(a64_fp_ops, min_max)
{
    const FPStatus *e = env_fpcr(0);
    cr_assert_eq(fp32_max(e, 0x80000000, 0), 0);          /* -0 < +0 */
    cr_assert_eq(fp32_min(e, 0, 0x80000000), 0x80000000);
    cr_assert_eq(fp64_min(e, 0, 0x8000000000000000ull), 0x8000000000000000ull);
    cr_assert_eq(fp32_maxnm(e, 0x7fc00000, F32_ONE), F32_ONE); /* quiet NaN ignored */
    cr_assert_eq(fp32_minnm(e, F32_ONE, 0xffc00000), F32_ONE);
    cr_assert_eq(*e->fpsr, 0);
    cr_assert_eq(fp32_maxnm(e, F32_ONE, 0x7f800001), 0x7fc00001); /* SNaN is not */
    cr_assert_eq(*e->fpsr, FPSR_IOC);
    cr_assert_eq(fp32_max(e, 0x7fc00000, F32_ONE), 0x7fc00000);
}

Test(a64_fp_ops, flush_to_zero_and_tininess)
{
    /* FZ: a denormal input reads as zero and raises IDC */
    const FPStatus *e = env_fpcr(FPCR_FZ);
    cr_assert_eq(fp32_add(e, 0x00000001, 0), 0);
    cr_assert_eq(*e->fpsr, FPSR_IDC);
    /* (1 - 2^-24) * 2^-126 rounds up to the minimum normal, but it was
     * tiny before rounding: FZ flushes it (UFC, no IXC) */
    e = env_fpcr(FPCR_FZ);
    cr_assert_eq(fp32_mul(e, 0x3f7fffff, 0x00800000), 0);
    cr_assert_eq(*e->fpsr, FPSR_UFC);
    e = env_fpcr(0);
    cr_assert_eq(fp32_mul(e, 0x3f7fffff, 0x00800000), 0x00800000);
    cr_assert_eq(*e->fpsr, FPSR_UFC | FPSR_IXC);
    /* (1 + 2^-23)(1 - 2^-23) 2^-126 = 2^-126 (1 - 2^-46): x86 (tininess
     * after rounding) sees no underflow, Arm (before rounding) does */
    e = env_fpcr(0);
    cr_assert_eq(fp32_mul(e, 0x3f800001, 0x007fffff), 0x00800000);
    cr_assert_eq(*e->fpsr, FPSR_UFC | FPSR_IXC);
    /* an exact denormal result raises nothing without FZ */
    e = env_fpcr(0);
    cr_assert_eq(fp32_mul(e, 0x3f000000, 0x00800000), 0x00400000);
    cr_assert_eq(*e->fpsr, 0);
    /* FZ16 flushes a half input without IDC */
    e = env_fpcr(FPCR_FZ16);
    cr_assert_eq(fp16_add(e, 0x0001, 0x0001), 0);
    cr_assert_eq(*e->fpsr, 0);
}

/* The inline fast paths (cpu/fp-fast.h) decide IXC in software
 * and hand small results to the exact path: check both sides of the
 * guards, and that a set IXC changes no result. */
Test(a64_fp_ops, fast_path_flags)
{
    const uint64_t one_ulp = 0x3ff0000000000001ull; /* 1 + 2^-52 */
    const FPStatus *e = env_fpcr(0);
    /* (1 + 2^-52)^2 is inexact; large exponents: residual by FMA */
    cr_assert_eq(fp64_mul(e, one_ulp, one_ulp), 0x3ff0000000000002ull);
    cr_assert_eq(*e->fpsr, FPSR_IXC);
    /* the same scaled to ~2^-1020: the residual would underflow, so the
     * exact path must still see the inexact product */
    e = env_fpcr(0);
    cr_assert_eq(fp64_mul(e, 0x1f70000000000001ull, 0x20b0000000000001ull),
                 0x0030000000000002ull);
    cr_assert_eq(*e->fpsr, FPSR_IXC);
    e = env_fpcr(0);
    cr_assert_eq(fp64_mul(e, 0x1f70000000000000ull, 0x20b0000000000000ull),
                 0x0030000000000000ull);
    cr_assert_eq(*e->fpsr, 0);
    /* sums: TwoSum; exact cancellation gives +0 and no flag */
    e = env_fpcr(0);
    cr_assert_eq(fp64_add(e, 0x3ff0000000000000ull, 0x3c90000000000000ull),
                 0x3ff0000000000000ull); /* 1 + 2^-54 */
    cr_assert_eq(*e->fpsr, FPSR_IXC);
    e = env_fpcr(0);
    cr_assert_eq(fp32_sub(e, 0x3fc00000, 0x3fc00000), 0);
    cr_assert_eq(fp32_add(e, 0x3fc00000, 0x3f000000), 0x40000000);
    cr_assert_eq(*e->fpsr, 0);
    /* quotients and roots: exact ones raise nothing */
    e = env_fpcr(0);
    cr_assert_eq(fp32_div(e, F32_ONE, 0x40800000), 0x3e800000); /* 1/4 */
    cr_assert_eq(fp64_sqrt(e, 0x4010000000000000ull), 0x4000000000000000ull);
    cr_assert_eq(fp32_sqrt(e, 0x40800000), 0x40000000);
    cr_assert_eq(*e->fpsr, 0);
    cr_assert_eq(fp32_div(e, F32_ONE, 0x40400000), 0x3eaaaaab); /* 1/3 */
    cr_assert_eq(*e->fpsr, FPSR_IXC);
    e = env_fpcr(0);
    cr_assert_eq(fp64_sqrt(e, 0x4000000000000000ull), 0x3ff6a09e667f3bcdull);
    cr_assert_eq(*e->fpsr, FPSR_IXC);
    /* conversions: exact integers, 2^53 + 1 rounds */
    e = env_fpcr(0);
    cr_assert_eq(fp64_from_fixed(e, (uint64_t)-3, 0, false, FPR_TIEEVEN, 64),
                 0xc008000000000000ull);
    cr_assert_eq(fp64_to_fixed(e, 0xc008000000000000ull, 0, false, FPR_ZERO, 32),
                 0xfffffffdu);
    cr_assert_eq(*e->fpsr, 0);
    cr_assert_eq(fp64_from_fixed(e, (1ull << 53) + 1, 0, false, FPR_TIEEVEN, 64),
                 0x4340000000000000ull);
    cr_assert_eq(*e->fpsr, FPSR_IXC);
    e = env_fpcr(0);
    cr_assert_eq(fp64_to_fixed(e, 0x41e0000000000000ull, 0, false, FPR_ZERO, 32),
                 0x7fffffffu); /* 2^31 saturates */
    cr_assert_eq(*e->fpsr, FPSR_IOC);
    e = env_fpcr(0);
    cr_assert_eq(fp64_to_fp32(e, 0x3ff0000010000000ull), 0x3f800000); /* tie to even */
    cr_assert_eq(*e->fpsr, FPSR_IXC);
    /* with IXC already set, results are the same and nothing else appears */
    e = env_fpcr(0);
    *e->fpsr = FPSR_IXC;
    cr_assert_eq(fp64_mul(e, 0x1f70000000000001ull, 0x20b0000000000001ull),
                 0x0030000000000002ull);
    cr_assert_eq(fp32_muladd(e, F32_ONE, 0x40400000, 0x3eaaaaab), 0x40000000);
    cr_assert_eq(fp64_muladd(e, 0, 0, 0x7fefffffffffffffull), 0);
    cr_assert_eq(*e->fpsr, FPSR_IXC);
}

Test(a64_fp_ops, rounding_modes)
{
    const FPStatus *e = env_fpcr(RM_P);
    cr_assert_eq(fp32_add(e, F32_ONE, 0x30800000), 0x3f800001); /* 1 + 2^-30 */
    cr_assert_eq(*e->fpsr, FPSR_IXC);
    e = env_fpcr(RM_M);
    cr_assert_eq(fp32_add(e, F32_ONE, 0x30800000), F32_ONE);
    cr_assert_eq(fp32_sub(e, F32_ONE, F32_ONE), 0x80000000); /* x - x = -0 in RM */
    /* FPRoundInt: a zero result keeps the operand's sign */
    cr_assert_eq(fp64_roundint(e, 0xbfe0000000000000ull, FPR_POSINF, false),
                 0x8000000000000000ull);
    e = env_fpcr(0);
    cr_assert_eq(fp32_roundint(e, 0x3fc00000, FPR_TIEEVEN, true), 0x40000000);
    cr_assert_eq(fp32_roundint(e, 0x40200000, FPR_TIEEVEN, true), 0x40000000);
    cr_assert_eq(fp32_roundint(e, 0x40200000, FPR_TIEAWAY, false), 0x40400000);
    cr_assert_eq(*e->fpsr, FPSR_IXC);
}

Test(a64_fp_ops, float_to_int)
{
    const FPStatus *e = env_fpcr(0);
    cr_assert_eq(fp32_to_fixed(e, 0x7fc00000, 0, false, FPR_ZERO, 32), 0); /* NaN -> 0 */
    cr_assert_eq(*e->fpsr, FPSR_IOC);
    e = env_fpcr(0);
    cr_assert_eq(fp32_to_fixed(e, 0x4f32d05e, 0, false, FPR_ZERO, 32), 0x7fffffff);
    cr_assert_eq(fp64_to_fixed(e, 0xc3e0000000000001ull, 0, false, FPR_ZERO, 64),
                 0x8000000000000000ull);
    cr_assert_eq(fp32_to_fixed(e, 0xbf800000, 0, true, FPR_ZERO, 64), 0);
    cr_assert_eq(*e->fpsr, FPSR_IOC); /* saturation: IOC, never IXC */
    e = env_fpcr(0);
    cr_assert_eq(fp32_to_fixed(e, 0xbf000000, 0, true, FPR_ZERO, 32), 0); /* -0.5 */
    cr_assert_eq(*e->fpsr, FPSR_IXC);
    cr_assert_eq(fp32_to_fixed(e, 0x40200000, 0, false, FPR_TIEEVEN, 32), 2);
    cr_assert_eq(fp32_to_fixed(e, 0x40200000, 0, false, FPR_TIEAWAY, 32), 3);
    cr_assert_eq(fp32_to_fixed(e, 0xbf000000, 0, false, FPR_NEGINF, 32), 0xffffffff);
    cr_assert_eq(fp32_to_fixed(e, 0x3fc00000, 4, false, FPR_ZERO, 32), 24); /* 1.5 * 16 */
    cr_assert_eq(fp64_from_fixed(e, 0x8000000000000000ull, 0, false, FPR_TIEEVEN, 64),
                 0xc3e0000000000000ull);
    cr_assert_eq(fp32_from_fixed(e, 0xffffffff, 0, true, FPR_ZERO, 32), 0x4f7fffff);
    cr_assert_eq(fp64_from_fixed(e, 3, 1, false, FPR_TIEEVEN, 64), 0x3ff8000000000000ull);
}

Test(a64_fp_ops, half_and_immediates)
{
    const FPStatus *e = env_fpcr(0);
    cr_assert_eq(fp32_to_fp16(e, F32_ONE), 0x3c00);
    cr_assert_eq(fp16_to_fp32(e, 0x0001), 0x33800000); /* 2^-24 */
    cr_assert_eq(fp16_to_fp64(e, 0xfc00), 0xfff0000000000000ull);
    cr_assert_eq(*e->fpsr, 0);
    cr_assert_eq(fp32_to_fp16(e, 0x477ff000), 0x7c00); /* 65520 overflows */
    cr_assert_eq(*e->fpsr, FPSR_OFC | FPSR_IXC);
    e = env_fpcr(FPCR_AHP); /* alternative half: no infinity or NaN */
    cr_assert_eq(fp32_to_fp16(e, F32_INF), 0x7fff);
    cr_assert_eq(fp16_to_fp32(e, 0x7c00), 0x47800000); /* 65536 */
    cr_assert_eq(*e->fpsr, FPSR_IOC);
    cr_assert_eq(fp_expand_imm(64, 0x70), 0x3ff0000000000000ull); /* 1.0 */
    cr_assert_eq(fp_expand_imm(32, 0xf4), 0xbfa00000);             /* -1.25 */
    cr_assert_eq(fp_expand_imm(16, 0x00), 0x4000);                 /* 2.0 */
}

/* ---- decoded instructions through the IR interpreter ---------------- */

#define PC0 0x400000ull

#include "a64-run.h"

/* Runs raw and optimized; both must leave the same state. */
static void run_code(A64State *env, const uint32_t *code, int n)
{
    static A64State copy;
    copy = *env;
    cr_assert_eq(a64_test_run_once(&copy, code, n, false), IR_EXIT_LOOKUP);
    cr_assert_eq(a64_test_run_once(env, code, n, true), IR_EXIT_LOOKUP);
    cr_assert(!memcmp(copy.x, env->x, sizeof env->x) && copy.nzcv == env->nzcv &&
                  !memcmp(copy.v, env->v, sizeof env->v) && copy.fpsr == env->fpsr,
              "state differs after ir_optimize");
}

#define RUN(env, ...)                                                          \
    run_code(env, (const uint32_t[]){__VA_ARGS__},                             \
             (int)(sizeof((const uint32_t[]){__VA_ARGS__}) / 4))

static A64State st;
static A64State *fresh(void)
{
    memset(&st, 0, sizeof st);
    for (int i = 0; i < 32; i++) {
        st.x[i] = 0xdead0000u + (uint64_t)i;
        st.v[i].d[0] = 0x1111111111111111ull * (uint64_t)(i % 15 + 1);
        st.v[i].d[1] = 0xa5a5a5a5a5a5a5a5ull;
    }
    return &st;
}

static uint64_t D(double x)
{
    uint64_t r;
    memcpy(&r, &x, 8);
    return r;
}

Test(a64_fp_insn, arithmetic_zeroes_upper_bits)
{
    A64State *e = fresh();
    e->v[1].s[0] = 0x3fc00000, e->v[2].s[0] = 0x40200000; /* 1.5, 2.5 */
    e->v[4].d[0] = D(1.0), e->v[5].d[0] = D(0.5);
    RUN(e, 0x1e222820,  /* fadd s0, s1, s2 */
           0x1e652883); /* fadd d3, d4, d5 */
    cr_assert_eq(e->v[0].s[0], 0x40800000);
    cr_assert_eq(e->v[0].s[1], 0);
    cr_assert_eq(e->v[0].d[1], 0);
    cr_assert_eq(e->v[3].d[0], D(1.5));
    cr_assert_eq(e->v[3].d[1], 0);
    e = fresh();
    e->v[1].d[0] = D(2.0), e->v[2].d[0] = D(3.0), e->v[3].d[0] = D(1.0);
    e->v[7].s[0] = 0x40000000, e->v[8].s[0] = 0x40400000, e->v[9].s[0] = 0x3f800000;
    RUN(e, 0x1f420c20,  /* fmadd d0, d1, d2, d3: 1 + 2*3 */
           0x1f28a4e6,  /* fnmsub s6, s7, s8, s9: 2*3 - 1 */
           0x1e718a0f); /* fnmul d15, d16, d17 */
    cr_assert_eq(e->v[0].d[0], D(7.0));
    cr_assert_eq(e->v[6].s[0], 0x40a00000);
    cr_assert_eq(e->v[6].d[1], 0);
}

Test(a64_fp_insn, compare_and_select)
{
    A64State *e = fresh();
    e->v[1].d[0] = D(1.0), e->v[2].d[0] = D(2.0);
    RUN(e, 0x1e622020); /* fcmp d1, d2 */
    cr_assert_eq(e->nzcv, 0x80000000u); /* less: N */
    e->v[1].d[0] = 0x7ff8000000000000ull;
    RUN(e, 0x1e622020);
    cr_assert_eq(e->nzcv, 0x30000000u); /* unordered: CV */
    cr_assert_eq(e->fpsr, 0);           /* FCMP is quiet */
    e->v[1].s[0] = 0x7fc00000;
    RUN(e, 0x1e202038); /* fcmpe s1, #0.0 */
    cr_assert_eq(e->fpsr, FPSR_IOC);
    e = fresh();
    e->v[1].s[0] = 0x3f800000, e->v[2].s[0] = 0x3f800000;
    e->nzcv = 0; /* ne: FCCMP takes #5 */
    RUN(e, 0x1e220425); /* fccmp s1, s2, #0x5, eq */
    cr_assert_eq(e->nzcv, 0x50000000u);
    e->nzcv = 0x40000000u; /* eq: compare, equal gives ZC */
    RUN(e, 0x1e220425);
    cr_assert_eq(e->nzcv, 0x60000000u);
    e->v[1].d[0] = D(1.0), e->v[2].d[0] = D(2.0);
    e->nzcv = 0x40000000u; /* Z set: ne false, picks d2 */
    RUN(e, 0x1e621c20); /* fcsel d0, d1, d2, ne */
    cr_assert_eq(e->v[0].d[0], D(2.0));
    cr_assert_eq(e->v[0].d[1], 0);
}

Test(a64_fp_insn, moves)
{
    A64State *e = fresh();
    e->x[1] = 0xffffffff3f800000ull, e->x[5] = 0x1234;
    RUN(e, 0x1e270020,  /* fmov s0, w1 */
           0x9e660062,  /* fmov x2, d3 */
           0x9eaf00a4,  /* fmov v4.d[1], x5 */
           0x9eae00e6,  /* fmov x6, v7.d[1] */
           0x1e7e9008,  /* fmov d8, #-1.25 */
           0x1e204149,  /* fmov s9, s10 */
           0x1e61418b,  /* fneg d11, d12 */
           0x1e20c1cd); /* fabs s13, s14 */
    cr_assert_eq(e->v[0].d[0], 0x3f800000);
    cr_assert_eq(e->v[0].d[1], 0);
    cr_assert_eq(e->x[2], 0x4444444444444444ull);
    cr_assert_eq(e->v[4].d[0], 0x5555555555555555ull); /* low half kept */
    cr_assert_eq(e->v[4].d[1], 0x1234);
    cr_assert_eq(e->x[6], 0xa5a5a5a5a5a5a5a5ull);
    cr_assert_eq(e->v[8].d[0], D(-1.25));
    cr_assert_eq(e->v[9].d[0], 0xbbbbbbbbull);
    cr_assert_eq(e->v[9].d[1], 0);
    cr_assert_eq(e->v[11].d[0], 0xdddddddddddddddd ^ 0x8000000000000000ull);
    cr_assert_eq(e->v[13].d[0], 0x7fffffffull & 0xffffffff);
}

Test(a64_fp_insn, conversions)
{
    A64State *e = fresh();
    e->x[1] = (uint64_t)-3;
    e->v[4].d[0] = D(-2.75);
    e->v[6].s[0] = 0x3fc00000;           /* 1.5 */
    e->v[8].d[0] = D(1.0);
    e->v[10].h[0] = 0x3c00;
    e->v[12].d[0] = D(-2.5);
    e->v[14].s[0] = 0x40800000;          /* 4.0 */
    e->v[22].d[0] = D(-7.0);
    RUN(e, 0x9e620020,  /* scvtf d0, x1 */
           0x1e2303e2,  /* ucvtf s2, wzr */
           0x1e780083,  /* fcvtzs w3, d4 */
           0x9e19e0c5,  /* fcvtzu x5, s6, #8 */
           0x1e63c107,  /* fcvt h7, d8 */
           0x1ee2c149,  /* fcvt d9, h10 */
           0x1e66418b,  /* frinta d11, d12 */
           0x1e21c1cd); /* fsqrt s13, s14 */
    cr_assert_eq(e->v[0].d[0], D(-3.0));
    cr_assert_eq(e->v[2].d[0], 0);
    cr_assert_eq(e->v[2].d[1], 0);
    cr_assert_eq(e->x[3], 0xfffffffe); /* W write zero-extends */
    cr_assert_eq(e->x[5], 384);
    cr_assert_eq(e->v[7].d[0], 0x3c00);
    cr_assert_eq(e->v[9].d[0], D(1.0));
    cr_assert_eq(e->v[11].d[0], D(-3.0));
    cr_assert_eq(e->v[13].d[0], 0x40000000);
    cr_assert_eq(e->fpsr, FPSR_IXC);    /* fcvtzs -2.75 and frinta are inexact */
    uint64_t sp = e->x[31];
    RUN(e, 0x9e78003f); /* fcvtzs xzr, d1: no write to SP */
    cr_assert_eq(e->x[31], sp);
}

/* Ends the block with SIGILL?  (decode emits EXIT UNDEF and sets end) */
static bool decodes_undef(uint32_t insn)
{
    IRBlock b;
    ir_block_init(&b, &a64_guest_info, PC0);
    A64Ctx s = {.b = &b, .pc = PC0, .insn = insn};
    bool r = !a64_decode(&s, insn) ||
             (s.end && b.ins[b.n - 1].op == IR_EXIT &&
              b.ins[b.n - 1].imm2 == IR_EXIT_UNDEF);
    ir_block_free(&b);
    return r;
}

Test(a64_fp_insn, half_precision_and_unallocated)
{
    A64State *e = fresh();
    e->v[2].h[0] = 0x3c00; /* 1.0 */
    e->v[3].s[0] = 0x40400000; /* 3.0f */
    RUN(e, 0x1ee24041,  /* fcvt s1, h2 */
           0x1e23c060); /* fcvt h0, s3 */
    cr_assert_eq(e->v[1].d[0], 0x3f800000);
    cr_assert_eq(e->v[0].d[0], 0x4200);
    /* Half-precision arithmetic and FMOV to/from general registers need
     * FEAT_FP16, which is not advertised: SIGILL as on an Armv8.0 CPU. */
    cr_assert(decodes_undef(0x1ee70020)); /* fmov h0, w1 */
    cr_assert(decodes_undef(0x1ee32841)); /* fadd h1, h2, h3 */
    /* FRINT32Z (FEAT_FRINTTS, Armv8.5) and FJCVTZS (FEAT_JSCVT) likewise */
    cr_assert(decodes_undef(0x1e7e02d5)); /* fjcvtzs w21, d22 */
    cr_assert(decodes_undef(0x1e2842c5)); /* frint32z s5, s22 */
    /* ftype 10 is unallocated for FADD */
    cr_assert(decodes_undef(0x1ea22820));
}
#endif
