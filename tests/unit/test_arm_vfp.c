/*
 * tests/unit/test_arm_vfp.c - VFP for the 32-bit ARM guest (cpu/arm/vfp*.c
 * on the shared FP core cpu/fp-ops.c), run through the real front end
 * (arm_translate_block on code in guest memory) and the IR interpreter.
 *
 * Two layers:
 *  1. Differential against the architecture: VFP_OPS lists ~90 VFP
 *     instructions (every arithmetic op, VCMP, VCVT in all its forms,
 *     VRINT, ARMv8 VMAXNM/VCVTA.. ); each runs on interesting operands
 *     (zeros, denormals, min/max normals, infinities, quiet/signalling NaNs
 *     with payloads, ties, integer limits, plus seeded random values)
 *     under 9 FPSCR settings (RN/RP/RM/RZ, FZ, DN, AHP, FZ+DN+RM, RN with
 *     IXC set).  The
 *     result bits and the whole FPSCR after the instruction are folded
 *     into one digest per instruction, in A32 (interpreter and JIT) and in
 *     T32 (interpreter).  The golden
 *     digests come from the same encodings run under qemu-arm (softfloat
 *     with Arm semantics); this file is the generator:
 *        arm-linux-gnueabihf-gcc -DVFP_GEN_GUEST -O1 -march=armv8-a \
 *            -mfpu=neon-fp-armv8 -static tests/unit/test_arm_vfp.c -o vfpgen
 *        qemu-arm ./vfpgen             # golden table
 *        qemu-arm ./vfpgen -v vadd_f32 # every case of one instruction
 *     (the host side prints the same -v listing with VFP_VERBOSE=name).
 *  2. Hand-checked cases of what the digests do not reach: register
 *     numbering (D16-D31, S31), VMOV in all its forms, VMRS/VMSR,
 *     VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP, VSEL, alignment faults, UNDEFINED
 *     encodings, with the Arm ARM rule next to each.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* X(name, kind, operand set, operands varied, encoding, assembly).
 * Kinds (where the operands a, b, c go; the result is read back from):
 *   S3 s0=a s1=b s2=c -> s2     D3 d0=a d1=b d2=c -> d2
 *   SD s0=a d2=c -> d2          DS d0=a s2=c -> s2
 *   SI s2=a -> s2               DI d2=a -> d2        (in-place fixed point)
 *   CS s0=a s1=b -> FPSCR only  CD d0=a d1=b -> FPSCR only
 * Operands not varied are fixed (b = 1.5, c = 0x12345678 pattern) so
 * VCVTB/VCVTT show which half they keep. */
#define VFP_OPS(X) \
 X(vadd_f32, S3, F32, 2, 0xee301a20, "vadd.f32 s2, s0, s1") \
 X(vsub_f32, S3, F32, 2, 0xee301a60, "vsub.f32 s2, s0, s1") \
 X(vmul_f32, S3, F32, 2, 0xee201a20, "vmul.f32 s2, s0, s1") \
 X(vnmul_f32, S3, F32, 2, 0xee201a60, "vnmul.f32 s2, s0, s1") \
 X(vdiv_f32, S3, F32, 2, 0xee801a20, "vdiv.f32 s2, s0, s1") \
 X(vmla_f32, S3, F32, 3, 0xee001a20, "vmla.f32 s2, s0, s1") \
 X(vmls_f32, S3, F32, 3, 0xee001a60, "vmls.f32 s2, s0, s1") \
 X(vnmla_f32, S3, F32, 3, 0xee101a60, "vnmla.f32 s2, s0, s1") \
 X(vnmls_f32, S3, F32, 3, 0xee101a20, "vnmls.f32 s2, s0, s1") \
 X(vfma_f32, S3, F32, 3, 0xeea01a20, "vfma.f32 s2, s0, s1") \
 X(vfms_f32, S3, F32, 3, 0xeea01a60, "vfms.f32 s2, s0, s1") \
 X(vfnma_f32, S3, F32, 3, 0xee901a60, "vfnma.f32 s2, s0, s1") \
 X(vfnms_f32, S3, F32, 3, 0xee901a20, "vfnms.f32 s2, s0, s1") \
 X(vmaxnm_f32, S3, F32, 2, 0xfe801a20, "vmaxnm.f32 s2, s0, s1") \
 X(vminnm_f32, S3, F32, 2, 0xfe801a60, "vminnm.f32 s2, s0, s1") \
 X(vadd_f64, D3, F64, 2, 0xee302b01, "vadd.f64 d2, d0, d1") \
 X(vsub_f64, D3, F64, 2, 0xee302b41, "vsub.f64 d2, d0, d1") \
 X(vmul_f64, D3, F64, 2, 0xee202b01, "vmul.f64 d2, d0, d1") \
 X(vnmul_f64, D3, F64, 2, 0xee202b41, "vnmul.f64 d2, d0, d1") \
 X(vdiv_f64, D3, F64, 2, 0xee802b01, "vdiv.f64 d2, d0, d1") \
 X(vmla_f64, D3, F64, 3, 0xee002b01, "vmla.f64 d2, d0, d1") \
 X(vmls_f64, D3, F64, 3, 0xee002b41, "vmls.f64 d2, d0, d1") \
 X(vnmla_f64, D3, F64, 3, 0xee102b41, "vnmla.f64 d2, d0, d1") \
 X(vnmls_f64, D3, F64, 3, 0xee102b01, "vnmls.f64 d2, d0, d1") \
 X(vfma_f64, D3, F64, 3, 0xeea02b01, "vfma.f64 d2, d0, d1") \
 X(vfms_f64, D3, F64, 3, 0xeea02b41, "vfms.f64 d2, d0, d1") \
 X(vfnma_f64, D3, F64, 3, 0xee902b41, "vfnma.f64 d2, d0, d1") \
 X(vfnms_f64, D3, F64, 3, 0xee902b01, "vfnms.f64 d2, d0, d1") \
 X(vmaxnm_f64, D3, F64, 2, 0xfe802b01, "vmaxnm.f64 d2, d0, d1") \
 X(vminnm_f64, D3, F64, 2, 0xfe802b41, "vminnm.f64 d2, d0, d1") \
 X(vsqrt_f32, S3, F32, 1, 0xeeb11ac0, "vsqrt.f32 s2, s0") \
 X(vabs_f32, S3, F32, 1, 0xeeb01ac0, "vabs.f32 s2, s0") \
 X(vneg_f32, S3, F32, 1, 0xeeb11a40, "vneg.f32 s2, s0") \
 X(vmov_f32, S3, F32, 1, 0xeeb01a40, "vmov.f32 s2, s0") \
 X(vrintr_f32, S3, F32, 1, 0xeeb61a40, "vrintr.f32 s2, s0") \
 X(vrintz_f32, S3, F32, 1, 0xeeb61ac0, "vrintz.f32 s2, s0") \
 X(vrintx_f32, S3, F32, 1, 0xeeb71a40, "vrintx.f32 s2, s0") \
 X(vrinta_f32, S3, F32, 1, 0xfeb81a40, "vrinta.f32 s2, s0") \
 X(vrintn_f32, S3, F32, 1, 0xfeb91a40, "vrintn.f32 s2, s0") \
 X(vrintp_f32, S3, F32, 1, 0xfeba1a40, "vrintp.f32 s2, s0") \
 X(vrintm_f32, S3, F32, 1, 0xfebb1a40, "vrintm.f32 s2, s0") \
 X(vsqrt_f64, D3, F64, 1, 0xeeb12bc0, "vsqrt.f64 d2, d0") \
 X(vabs_f64, D3, F64, 1, 0xeeb02bc0, "vabs.f64 d2, d0") \
 X(vneg_f64, D3, F64, 1, 0xeeb12b40, "vneg.f64 d2, d0") \
 X(vmov_f64, D3, F64, 1, 0xeeb02b40, "vmov.f64 d2, d0") \
 X(vrintr_f64, D3, F64, 1, 0xeeb62b40, "vrintr.f64 d2, d0") \
 X(vrintz_f64, D3, F64, 1, 0xeeb62bc0, "vrintz.f64 d2, d0") \
 X(vrintx_f64, D3, F64, 1, 0xeeb72b40, "vrintx.f64 d2, d0") \
 X(vrinta_f64, D3, F64, 1, 0xfeb82b40, "vrinta.f64 d2, d0") \
 X(vrintm_f64, D3, F64, 1, 0xfebb2b40, "vrintm.f64 d2, d0") \
 X(vcmp_f32, CS, F32, 2, 0xeeb40a60, "vcmp.f32 s0, s1") \
 X(vcmpe_f32, CS, F32, 2, 0xeeb40ae0, "vcmpe.f32 s0, s1") \
 X(vcmp_f32_z, CS, F32, 1, 0xeeb50a40, "vcmp.f32 s0, #0") \
 X(vcmpe_f32_z, CS, F32, 1, 0xeeb50ac0, "vcmpe.f32 s0, #0") \
 X(vcmp_f64, CD, F64, 2, 0xeeb40b41, "vcmp.f64 d0, d1") \
 X(vcmpe_f64, CD, F64, 2, 0xeeb40bc1, "vcmpe.f64 d0, d1") \
 X(vcmpe_f64_z, CD, F64, 1, 0xeeb50bc0, "vcmpe.f64 d0, #0") \
 X(vcvt_f64_f32, SD, F32, 1, 0xeeb72ac0, "vcvt.f64.f32 d2, s0") \
 X(vcvt_f32_f64, DS, F64, 1, 0xeeb71bc0, "vcvt.f32.f64 s2, d0") \
 X(vcvtb_f16_f32, S3, F32, 1, 0xeeb31a40, "vcvtb.f16.f32 s2, s0") \
 X(vcvtt_f16_f32, S3, F32, 1, 0xeeb31ac0, "vcvtt.f16.f32 s2, s0") \
 X(vcvtb_f32_f16, S3, H16B, 1, 0xeeb21a40, "vcvtb.f32.f16 s2, s0") \
 X(vcvtt_f32_f16, S3, H16T, 1, 0xeeb21ac0, "vcvtt.f32.f16 s2, s0") \
 X(vcvtb_f16_f64, DS, F64, 1, 0xeeb31b40, "vcvtb.f16.f64 s2, d0") \
 X(vcvtt_f64_f16, SD, H16T, 1, 0xeeb22bc0, "vcvtt.f64.f16 d2, s0") \
 X(vcvt_s32_f32, S3, F32, 1, 0xeebd1ac0, "vcvt.s32.f32 s2, s0") \
 X(vcvt_u32_f32, S3, F32, 1, 0xeebc1ac0, "vcvt.u32.f32 s2, s0") \
 X(vcvtr_s32_f32, S3, F32, 1, 0xeebd1a40, "vcvtr.s32.f32 s2, s0") \
 X(vcvtr_u32_f32, S3, F32, 1, 0xeebc1a40, "vcvtr.u32.f32 s2, s0") \
 X(vcvta_s32_f32, S3, F32, 1, 0xfebc1ac0, "vcvta.s32.f32 s2, s0") \
 X(vcvtn_u32_f32, S3, F32, 1, 0xfebd1a40, "vcvtn.u32.f32 s2, s0") \
 X(vcvtp_s32_f32, S3, F32, 1, 0xfebe1ac0, "vcvtp.s32.f32 s2, s0") \
 X(vcvtm_u32_f32, S3, F32, 1, 0xfebf1a40, "vcvtm.u32.f32 s2, s0") \
 X(vcvt_s32_f64, DS, F64, 1, 0xeebd1bc0, "vcvt.s32.f64 s2, d0") \
 X(vcvt_u32_f64, DS, F64, 1, 0xeebc1bc0, "vcvt.u32.f64 s2, d0") \
 X(vcvtr_s32_f64, DS, F64, 1, 0xeebd1b40, "vcvtr.s32.f64 s2, d0") \
 X(vcvta_u32_f64, DS, F64, 1, 0xfebc1b40, "vcvta.u32.f64 s2, d0") \
 X(vcvtm_s32_f64, DS, F64, 1, 0xfebf1bc0, "vcvtm.s32.f64 s2, d0") \
 X(vcvt_f32_s32, S3, I32, 1, 0xeeb81ac0, "vcvt.f32.s32 s2, s0") \
 X(vcvt_f32_u32, S3, I32, 1, 0xeeb81a40, "vcvt.f32.u32 s2, s0") \
 X(vcvt_f64_s32, SD, I32, 1, 0xeeb82bc0, "vcvt.f64.s32 d2, s0") \
 X(vcvt_f64_u32, SD, I32, 1, 0xeeb82b40, "vcvt.f64.u32 d2, s0") \
 X(vcvt_s32_f32_5, SI, F32, 1, 0xeebe1aed, "vcvt.s32.f32 s2, s2, #5") \
 X(vcvt_u16_f32_3, SI, F32, 1, 0xeebf1a66, "vcvt.u16.f32 s2, s2, #3") \
 X(vcvt_s16_f32_16, SI, F32, 1, 0xeebe1a40, "vcvt.s16.f32 s2, s2, #16") \
 X(vcvt_f32_s32_7, SI, I32, 1, 0xeeba1aec, "vcvt.f32.s32 s2, s2, #7") \
 X(vcvt_f32_u16_1, SI, I32, 1, 0xeebb1a67, "vcvt.f32.u16 s2, s2, #1") \
 X(vcvt_f32_s16_16, SI, I32, 1, 0xeeba1a40, "vcvt.f32.s16 s2, s2, #16") \
 X(vcvt_s32_f64_20, DI, F64, 1, 0xeebe2bc6, "vcvt.s32.f64 d2, d2, #20") \
 X(vcvt_u32_f64_1, DI, F64, 1, 0xeebf2bef, "vcvt.u32.f64 d2, d2, #1") \
 X(vcvt_s16_f64_4, DI, F64, 1, 0xeebe2b46, "vcvt.s16.f64 d2, d2, #4") \
 X(vcvt_f64_s32_32, DI, I64, 1, 0xeeba2bc0, "vcvt.f64.s32 d2, d2, #32") \
 X(vcvt_f64_u16_2, DI, I64, 1, 0xeebb2b47, "vcvt.f64.u16 d2, d2, #2") \
 X(vcvt_f64_s16_9, DI, I64, 1, 0xeeba2b63, "vcvt.f64.s16 d2, d2, #9")

enum { S3, D3, SD, DS, SI, DI, CS, CD };
enum { F32, F64, H16B, H16T, I32, I64 };

static const uint32_t v32[] = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40200000,
    0xc0200000, 0x3eaaaaab, 0x00800000, 0x007fffff, 0x00000001, 0x80400000, 0x7f7fffff,
    0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001, 0xff800002,
    0x4f000000, 0xcf000000, 0x4f800000, 0x3f000000, 0xbf000000, 0x3f800001, 0x4b7fffff,
    0x40400000, 0x3f7fffff, 0x4effffff, 0x477fe000, 0x477ff000, 0x33800000, 0x38800000,
    0x00c00000, 0xcf000001, 0x40000000};
static const uint64_t v64[] = {0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x3ff8000000000000, 0x4004000000000000, 0xc004000000000000, 0x3fd5555555555555,
    0x0010000000000000, 0x000fffffffffffff, 1, 0x8008000000000000, 0x7fefffffffffffff,
    0xffefffffffffffff, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
    0xfff8000000000001, 0x7ff0000000000001, 0xfff0000000000002, 0x41e0000000000000,
    0xc1e0000000000000, 0x41f0000000000000, 0x3fe0000000000000, 0xbfe0000000000000,
    0x3ff0000000000001, 0x433fffffffffffff, 0x4008000000000000, 0x3fefffffffffffff,
    0x41dfffffffc00000, 0xc1e0000000200000, 0x41efffffffe00000, 0x36a0000000000000,
    0x3810000000000000, 0x47efffffe0000000, 0x380fffffe0000000, 0x40effc0000000000,
    0x4000000000000000};
static const uint16_t v16[] = {0, 0x8000, 0x3c00, 0xbc00, 0x3e00, 0x4100, 0xc100, 0x3555,
    0x0400, 0x03ff, 0x0001, 0x8200, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7c01,
    0xfd02, 0x3800, 0xb800, 0x3c01};
static const uint64_t vint[] = {0, 1, ~0ull, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff,
    0x12345678, (1 << 24) + 1, 0x01000003, 3, 0xffff8000, 0x00007fff, 0x0000ffff,
    0x00018001, 0xfffffffd, 0xffffff81, 0x7fffffc0, 0x7fffffffffffffff, 0x8000000000000000,
    0xdeadbeef00008000};
/* FPSCR: RN, RP, RM, RZ, FZ, DN, AHP, FZ+DN+RM, and RN with IXC already
 * set (the state in which the JIT's inline paths run, tcg/x86-vec.c) */
static const uint32_t cfgs[] = {0, 1u << 22, 2u << 22, 3u << 22, 1u << 24, 1u << 25, 1u << 26,
                                (1u << 24) | (1u << 25) | (2u << 22), 1u << 4};
#define NCFG ((int)(sizeof cfgs / sizeof cfgs[0]))

static uint64_t rng;
static uint64_t rnd64(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

/* The operand values of a set: the table, then 16 seeded random ones
 * (every other one with a moderate exponent). */
static int vals(int set, uint64_t *out)
{
    int n = 0;
    rng = 0x9e3779b97f4a7c15ull ^ (uint64_t)set;
    switch (set) {
    case F32: for (size_t i = 0; i < sizeof v32 / 4; i++) out[n++] = v32[i]; break;
    case F64: for (size_t i = 0; i < sizeof v64 / 8; i++) out[n++] = v64[i]; break;
    case H16B: for (size_t i = 0; i < sizeof v16 / 2; i++) out[n++] = 0xabcd0000u | v16[i]; break;
    case H16T: for (size_t i = 0; i < sizeof v16 / 2; i++) out[n++] = (uint32_t)v16[i] << 16 | 0x1234; break;
    default: for (size_t i = 0; i < sizeof vint / 8; i++) out[n++] = vint[i]; break;
    }
    for (int i = 0; i < 16; i++) {
        uint64_t x = rnd64();
        int N = set == F64 ? 64 : 32;
        if (set == I32)
            x &= 0xffffffffu;
        if ((set == F32 || set == F64) && (i & 1)) {
            int E = N == 32 ? 8 : 11, F = N - E - 1;
            uint64_t bias = (1ull << (E - 1)) - 1, e = bias - 4 + (x >> F) % 40;
            x = (x & ((1ull << F) - 1)) | e << F | (x & (1ull << (N - 1)));
        }
        if (N == 32)
            x &= 0xffffffffu;
        out[n++] = x;
    }
    return n;
}

enum {
#define OPENUM(name, kind, set, nvar, enc, text) OP_##name,
    VFP_OPS(OPENUM)
    OP_N
};
static const struct {
    const char *name;
    int kind, set, nvar;
    uint32_t enc;
} info[] = {
#define OPINFO(name, kind, set, nvar, enc, text) {#name, kind, set, nvar, enc},
    VFP_OPS(OPINFO)
};

/* Runs one case: operands a b c, FPSCR cfg; returns the result (0 for
 * compares) and the FPSCR after it in *fpscr. */
static uint64_t run(int op, uint32_t cfg, uint64_t a, uint64_t b, uint64_t c,
                    uint32_t *fpscr);

static uint64_t fnv(uint64_t h, uint64_t x)
{
    for (int i = 0; i < 8; i++) {
        h ^= (x >> (8 * i)) & 0xff;
        h *= 0x100000001b3ull;
    }
    return h;
}

/* FNV-1a digest of every (result, FPSCR) of one instruction. */
static uint64_t op_digest(int op, FILE *dump)
{
    static uint64_t v[128];
    int n = vals(info[op].set, v), nv = info[op].nvar;
    if (nv == 3 && n > 24)
        n = 24;
    int nb = nv >= 2 ? n : 1, nc = nv == 3 ? n : 1;
    uint64_t h = 0xcbf29ce484222325ull;
    bool dp = info[op].set == F64;
    uint64_t b0 = dp ? 0x3ff8000000000000ull : 0x3fc00000u;
    uint64_t c0 = dp ? 0x123456789abcdef0ull : 0x12345678u;
    for (int k = 0; k < NCFG; k++)
        for (int i = 0; i < n; i++)
            for (int j = 0; j < nb; j++)
                for (int l = 0; l < nc; l++) {
                    uint64_t a = v[i], b = nv >= 2 ? v[j] : b0, c = nv == 3 ? v[l] : c0;
                    uint32_t fpscr;
                    uint64_t r = run(op, cfgs[k], a, b, c, &fpscr);
                    h = fnv(fnv(h, r), fpscr);
                    if (dump)
                        fprintf(dump, "%08x %016llx %016llx %016llx -> %016llx %08x\n", cfgs[k],
                                (unsigned long long)a, (unsigned long long)b,
                                (unsigned long long)c, (unsigned long long)r, fpscr);
                }
    return h;
}

#ifdef VFP_GEN_GUEST
/* ---- the generator: real VFP instructions (qemu-arm or hardware) ---- */
#define STR_(x) #x
#define STR(x) STR_(x)
#define LD_S3 "vldr s0, [%[p]]\n vldr s1, [%[p], #8]\n vldr s2, [%[p], #16]\n"
#define LD_D3 "vldr d0, [%[p]]\n vldr d1, [%[p], #8]\n vldr d2, [%[p], #16]\n"
#define LD_SD "vldr s0, [%[p]]\n vldr d2, [%[p], #16]\n"
#define LD_DS "vldr d0, [%[p]]\n vldr s2, [%[p], #16]\n"
#define LD_SI "vldr s2, [%[p]]\n"
#define LD_DI "vldr d2, [%[p]]\n"
#define LD_CS "vldr s0, [%[p]]\n vldr s1, [%[p], #8]\n"
#define LD_CD "vldr d0, [%[p]]\n vldr d1, [%[p], #8]\n"
#define ST_S3 "vstr s2, [%[p], #24]\n"
#define ST_D3 "vstr d2, [%[p], #24]\n"
#define ST_SD ST_D3
#define ST_DS ST_S3
#define ST_SI ST_S3
#define ST_DI ST_D3
#define ST_CS ""
#define ST_CD ""
#define OPCASE(name, kind, set, nvar, enc, text)                                  \
    case OP_##name:                                                               \
        __asm__ volatile("vmsr fpscr, %[f]\n" LD_##kind ".inst " STR(enc) "\n"    \
                         "vmrs %[fo], fpscr\n" ST_##kind                          \
                         : [fo] "=&r"(fo)                                          \
                         : [p] "r"(io), [f] "r"(cfg)                              \
                         : "d0", "d1", "d2", "memory");                           \
        break;

static uint64_t run(int op, uint32_t cfg, uint64_t a, uint64_t b, uint64_t c,
                    uint32_t *fpscr)
{
    uint64_t io[4] = {a, b, c, 0};
    uint32_t fo;
    switch (op) { VFP_OPS(OPCASE) }
    __asm__ volatile("vmsr fpscr, %0" : : "r"(0));
    *fpscr = fo;
    return io[3];
}

int main(int argc, char **argv)
{
    for (int op = 0; op < OP_N; op++) {
        if (argc == 3 && !strcmp(argv[1], "-v")) {
            if (!strcmp(argv[2], info[op].name))
                op_digest(op, stdout);
            continue;
        }
        printf("    {\"%s\", 0x%016llxull},\n", info[op].name,
               (unsigned long long)op_digest(op, NULL));
    }
    return 0;
}
#else
/* ---- host side: the same encodings through emu's ARM front end ---- */
#include <criterion/criterion.h>
#include <sys/mman.h>

#include "common/guest-mem.h"
#include "cpu/arm/cpu.h"
#include "cpu/arm/translate.h"
#include "cpu/arm/vfp-internal.h"
#include "linux-user/mmap.h"
#include "tcg/ir.h"
#include "tcg/tb.h"
#include "tcg/x86-jit.h"

/* Guest memory for the tests: code at CODE, data at DATA (guest_base is
 * 0 in the unit tests, so guest addresses are host addresses). */
#define AREA 0x20000000u
#define CODE AREA
#define DATA (AREA + 0x1000u)
#define AREA_LEN 0x3000u

static void area_init(void)
{
    static bool done;
    if (done)
        return;
    void *p = mmap((void *)(uintptr_t)AREA, AREA_LEN, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    cr_assert_eq(p, (void *)(uintptr_t)AREA, "cannot map the test area");
    guest_map_note(AREA, AREA_LEN, PROT_READ | PROT_WRITE | PROT_EXEC, "test");
    done = true;
}

/* Writes code (A32 words, or T32 32-bit encodings as in ArmCtx.insn)
 * followed by BX LR at CODE; returns the translated block (optimized
 * when opt). */
static IRBlock *translate(const uint32_t *code, int n, bool thumb, bool opt)
{
    area_init();
    uint8_t *p = (uint8_t *)(uintptr_t)CODE;
    for (int i = 0; i < n; i++) {
        if (thumb) {
            uint16_t hw[2] = {(uint16_t)(code[i] >> 16), (uint16_t)code[i]};
            memcpy(p, hw, 4);
        } else {
            memcpy(p, &code[i], 4);
        }
        p += 4;
    }
    if (thumb) {
        uint16_t bx = 0x4770;
        memcpy(p, &bx, 2);
    } else {
        uint32_t bx = 0xe12fff1e;
        memcpy(p, &bx, 4);
    }
    IRBlock *b = malloc(sizeof *b);
    uint64_t key = arm_make_key(CODE, thumb, 0);
    ir_block_init(b, &arm_guest_info, key);
    arm_translate_block(b, key);
    if (opt)
        ir_optimize(b);
    return b;
}

static void block_free(IRBlock *b)
{
    ir_block_free(b);
    free(b);
}

/* Compiles b with the x86 JIT; returns its entry point. */
static const uint8_t *jit(IRBlock *b)
{
    static bool init;
    if (!init) {
        cr_assert(x86_jit_init(&arm_guest_info), "JIT init failed");
        init = true;
    }
    static TB tb;
    bool full = false;
    memset(&tb, 0, sizeof tb);
    if (!x86_compile(b, &tb, &full)) {
        cr_assert(full, "block failed to compile");
        x86_buf_flush();
        cr_assert(x86_compile(b, &tb, &full), "compile after flush");
    }
    return tb.code;
}

/* The state a VFP instruction can change must agree between the
 * interpreter (the reference) and the JIT. */
static void same_state(const ArmState *a, const ArmState *b, const char *what)
{
    cr_assert(!memcmp(a->r, b->r, sizeof a->r) && !memcmp(a->v, b->v, sizeof a->v) &&
                  a->nzcv == b->nzcv && arm_fpscr(a) == arm_fpscr(b) &&
                  a->fault_addr == b->fault_addr,
              "state differs: %s", what);
}

static ArmState env, env_jit;
static IRBlock *cur_block;
static const uint8_t *cur_code; /* JIT code of cur_block, or NULL */

static void set_s(ArmState *e, int n, uint32_t v) { VFP_S(e, n) = v; }
static void set_d(ArmState *e, int n, uint64_t v) { VFP_D(e, n) = v; }

static uint64_t run(int op, uint32_t cfg, uint64_t a, uint64_t b, uint64_t c,
                    uint32_t *fpscr)
{
    ArmState *e = &env;
    memset(e->v, 0, sizeof e->v);
    e->fpcr = cfg & VFP_FPSCR_CTRL;
    e->fpsr = cfg & VFP_FPSCR_FLAGS;
    e->fpscr_nzcv = 0;
    switch (info[op].kind) {
    case S3: set_s(e, 0, (uint32_t)a); set_s(e, 1, (uint32_t)b); set_s(e, 2, (uint32_t)c); break;
    case D3: set_d(e, 0, a); set_d(e, 1, b); set_d(e, 2, c); break;
    case SD: set_s(e, 0, (uint32_t)a); set_d(e, 2, c); break;
    case DS: set_d(e, 0, a); set_s(e, 2, (uint32_t)c); break;
    case SI: set_s(e, 2, (uint32_t)a); break;
    case DI: set_d(e, 2, a); break;
    case CS: set_s(e, 0, (uint32_t)a); set_s(e, 1, (uint32_t)b); break;
    default: set_d(e, 0, a); set_d(e, 1, b); break;
    }
    e->r[ARM_REG_LR] = CODE + 0x100;
    if (cur_code)
        env_jit = *e;
    cr_assert_eq(ir_interp(cur_block, e), IR_EXIT_LOOKUP);
    if (cur_code) {
        cr_assert_eq(x86_jit_enter(&env_jit, cur_code).kind, IR_EXIT_LOOKUP);
        same_state(e, &env_jit, info[op].name);
    }
    *fpscr = arm_fpscr(e);
    switch (info[op].kind) {
    case S3: case DS: case SI: return VFP_S(e, 2);
    case D3: case SD: case DI: return VFP_D(e, 2);
    default: return 0;
    }
}

/* Golden digests: `qemu-arm ./vfpgen` (see the top of this file). */
static const struct {
    const char *name;
    uint64_t digest;
} golden[] = {
    {"vadd_f32", 0xdc8a028856e05c16ull},
    {"vsub_f32", 0x34a280b553efd802ull},
    {"vmul_f32", 0x7eddefa649f183e7ull},
    {"vnmul_f32", 0xce0ba83afee04c67ull},
    {"vdiv_f32", 0x962c9c0182f2f2f4ull},
    {"vmla_f32", 0xe4a43896630171b9ull},
    {"vmls_f32", 0xbab442a8e3293658ull},
    {"vnmla_f32", 0x71b9bf6e7d4e1c12ull},
    {"vnmls_f32", 0xce67fcd2a48cdbcbull},
    {"vfma_f32", 0xd1720bfdc59be0dfull},
    {"vfms_f32", 0xd2217345d7634842ull},
    {"vfnma_f32", 0x7ab6b82b90425e3full},
    {"vfnms_f32", 0xe00d5b058bbf6107ull},
    {"vmaxnm_f32", 0xc53f9f6bbbe7e6ceull},
    {"vminnm_f32", 0x17c2f82b87fe00caull},
    {"vadd_f64", 0xdffff2e4e6678369ull},
    {"vsub_f64", 0x94a027fe4ac29c43ull},
    {"vmul_f64", 0xcd14c48a0275c869ull},
    {"vnmul_f64", 0x7a97b0798d838769ull},
    {"vdiv_f64", 0xefb068bcb2ad5a64ull},
    {"vmla_f64", 0x64206b5736b0fec9ull},
    {"vmls_f64", 0xc0ee6e8d572b0f3cull},
    {"vnmla_f64", 0x0eb78e936394018full},
    {"vnmls_f64", 0x34d04c9e9d44bd32ull},
    {"vfma_f64", 0x1da2a2cfecc7395aull},
    {"vfms_f64", 0xcaf9e5d5458c1d1aull},
    {"vfnma_f64", 0x728c12df6db56cc3ull},
    {"vfnms_f64", 0x62f2a7945538bebfull},
    {"vmaxnm_f64", 0x3c4a8437b34add97ull},
    {"vminnm_f64", 0x776bfc1bdeafc7cfull},
    {"vsqrt_f32", 0x2b1e19ea8fd74ee4ull},
    {"vabs_f32", 0xb0c9a8524e597e38ull},
    {"vneg_f32", 0x2a0eab60860e1738ull},
    {"vmov_f32", 0x216ae07adf19ffb8ull},
    {"vrintr_f32", 0x2e5f6d0c3d375f78ull},
    {"vrintz_f32", 0x5412336d7d78f8c9ull},
    {"vrintx_f32", 0x0ab0ea1ba3ad3b78ull},
    {"vrinta_f32", 0x5dcf69e597d497f7ull},
    {"vrintn_f32", 0xfcbc4d1994cd4737ull},
    {"vrintp_f32", 0xf090203a87de2437ull},
    {"vrintm_f32", 0xafc8542ebeedd7eaull},
    {"vsqrt_f64", 0xc3f06a6fefecfbf4ull},
    {"vabs_f64", 0x9640736bf7dba905ull},
    {"vneg_f64", 0x232a66cdfc0bf685ull},
    {"vmov_f64", 0xbec81c270c604085ull},
    {"vrintr_f64", 0x01fa9f69f332b053ull},
    {"vrintz_f64", 0xff92cf7dce9b8cb7ull},
    {"vrintx_f64", 0x9f135bfd486db133ull},
    {"vrinta_f64", 0xdae1beec930a7e9full},
    {"vrintm_f64", 0x7efe416be36e2035ull},
    {"vcmp_f32", 0x77226fd078544f09ull},
    {"vcmpe_f32", 0xe8d60679dd63aba9ull},
    {"vcmp_f32_z", 0xea99bb893036e529ull},
    {"vcmpe_f32_z", 0x7d3cb0c2ee28cec9ull},
    {"vcmp_f64", 0x1f67af68ab7b2705ull},
    {"vcmpe_f64", 0x2d7b876790355c25ull},
    {"vcmpe_f64_z", 0xcb8f04fef4c849c5ull},
    {"vcvt_f64_f32", 0x3872975b33d99387ull},
    {"vcvt_f32_f64", 0xbaa98ba0bf679512ull},
    {"vcvtb_f16_f32", 0x9b2aebc5d8fb4b94ull},
    {"vcvtt_f16_f32", 0x1499d7d04fe0ef04ull},
    {"vcvtb_f32_f16", 0x14133ff94ab9cf5eull},
    {"vcvtt_f32_f16", 0x1986f9d4a935ce91ull},
    {"vcvtb_f16_f64", 0x76e3b92775aaf9e7ull},
    {"vcvtt_f64_f16", 0x75795b7885c7783aull},
    {"vcvt_s32_f32", 0x757cb95ca7ec9600ull},
    {"vcvt_u32_f32", 0x01531e164679fb23ull},
    {"vcvtr_s32_f32", 0x37a01f6fbf61d237ull},
    {"vcvtr_u32_f32", 0xa063cd43cb79ef71ull},
    {"vcvta_s32_f32", 0xf8e5ca9c77964fbbull},
    {"vcvtn_u32_f32", 0x9f715e38a5fdeb3bull},
    {"vcvtp_s32_f32", 0x2f9e6317d6be19f3ull},
    {"vcvtm_u32_f32", 0x41dc6c0541f2e64bull},
    {"vcvt_s32_f64", 0x549b63f67807dae4ull},
    {"vcvt_u32_f64", 0xf53da5f9335e1b68ull},
    {"vcvtr_s32_f64", 0xadf25462db090305ull},
    {"vcvta_u32_f64", 0xdbdb22898746ab98ull},
    {"vcvtm_s32_f64", 0xb84aa60f20f41723ull},
    {"vcvt_f32_s32", 0x351b95c95ebb9afbull},
    {"vcvt_f32_u32", 0xb72927e108ebfa82ull},
    {"vcvt_f64_s32", 0x1ccb4938f500a606ull},
    {"vcvt_f64_u32", 0x7c8506706ebd3731ull},
    {"vcvt_s32_f32_5", 0x06388b263640f3faull},
    {"vcvt_u16_f32_3", 0x25d1d7f223d39643ull},
    {"vcvt_s16_f32_16", 0x5ae80d4c5de32ba0ull},
    {"vcvt_f32_s32_7", 0x72d84b1becbff34eull},
    {"vcvt_f32_u16_1", 0xaf00a15b8a88224eull},
    {"vcvt_f32_s16_16", 0x29f1301d5895b5a1ull},
    {"vcvt_s32_f64_20", 0x2a1addd582b17cf8ull},
    {"vcvt_u32_f64_1", 0xb0c796b210163510ull},
    {"vcvt_s16_f64_4", 0xbe45b392f4b52574ull},
    {"vcvt_f64_s32_32", 0xdb10de6eb25dbac4ull},
    {"vcvt_f64_u16_2", 0x193f2fe746552f62ull},
    {"vcvt_f64_s16_9", 0x356d88c3f6da2bf6ull},
};

static void check_digests(bool thumb)
{
    const char *verbose = getenv("VFP_VERBOSE");
    int bad = 0;
    cr_assert_eq(sizeof golden / sizeof golden[0], (size_t)OP_N);
    for (int op = 0; op < OP_N; op++) {
        cr_assert_str_eq(golden[op].name, info[op].name);
        cur_block = translate(&info[op].enc, 1, thumb, true);
        cur_code = thumb ? NULL : jit(cur_block); /* A32: interpreter and JIT */
        FILE *dump = verbose && !strcmp(verbose, info[op].name) ? stdout : NULL;
        uint64_t h = op_digest(op, dump);
        block_free(cur_block);
        cur_code = NULL;
        if (h != golden[op].digest) {
            cr_log_error("%s (%s): digest %016llx, qemu-arm %016llx", info[op].name,
                         thumb ? "T32" : "A32", (unsigned long long)h,
                         (unsigned long long)golden[op].digest);
            bad++;
        }
    }
    cr_assert_eq(bad, 0, "%d VFP instructions differ from the Arm reference", bad);
}

Test(arm_vfp_ops, digests_a32) { check_digests(false); }
Test(arm_vfp_ops, digests_t32) { check_digests(true); }

/* ---- hand-checked rules ---------------------------------------------- */

/* Runs code + BX LR raw and optimized in the interpreter, and
 * optimized in the JIT (all must leave the same state; the stores the
 * tests make are idempotent); returns the exit kind. */
static int exec(ArmState *e, const uint32_t *code, int n, bool thumb)
{
    static ArmState copy, copy_jit;
    copy = *e;
    copy_jit = *e;
    IRBlock *b = translate(code, n, thumb, false);
    int r1 = ir_interp(b, &copy);
    block_free(b);
    b = translate(code, n, thumb, true);
    int r2 = ir_interp(b, e);
    int r3 = (int)x86_jit_enter(&copy_jit, jit(b)).kind;
    block_free(b);
    cr_assert(r1 == r2 && r2 == r3, "exit kinds %d %d %d", r1, r2, r3);
    same_state(&copy, e, "after ir_optimize");
    same_state(&copy_jit, e, "JIT");
    return r2;
}

#define EXEC(e, thumb, ...)                                                     \
    exec(e, (const uint32_t[]){__VA_ARGS__},                                    \
         (int)(sizeof((const uint32_t[]){__VA_ARGS__}) / 4), thumb)

static ArmState *fresh(void)
{
    ArmState *e = &env;
    memset(e, 0, sizeof *e);
    for (int i = 0; i < 15; i++)
        e->r[i] = 0xdead0000u + (uint32_t)i;
    e->r[ARM_REG_LR] = CODE + 0x100;
    for (int i = 0; i < 32; i++)
        VFP_D(e, i) = 0x0101010101010101ull * (uint64_t)(i + 1);
    return e;
}

static uint32_t *mem32(uint32_t addr) { return (uint32_t *)(uintptr_t)addr; }

Test(arm_vfp, register_numbering)
{
    for (int t = 0; t < 2; t++) {
        ArmState *e = fresh();
        VFP_S(e, 29) = 0x3f800000;
        VFP_S(e, 30) = 0x40000000;
        VFP_D(e, 30) = 0x4008000000000000ull; /* 3.0 */
        VFP_D(e, 16) = 0xc000000000000000ull; /* -2.0 */
        uint64_t d14 = VFP_D(e, 14);
        /* vadd.f32 s31, s30, s29: S = Vd:D, so s31 is Vd=15 D=1 */
        cr_assert_eq(EXEC(e, t, 0xee7ffa2e), IR_EXIT_LOOKUP);
        cr_assert_eq(VFP_S(e, 31), 0x40400000);
        cr_assert_eq(VFP_S(e, 30), 0x40000000);
        cr_assert_eq(VFP_D(e, 14), d14); /* S28/S29 */
        /* vmul.f64 d31, d30, d16: D = D:Vd, VFPv3-D32 registers */
        cr_assert_eq(EXEC(e, t, 0xee6efba0), IR_EXIT_LOOKUP);
        cr_assert_eq(VFP_D(e, 31), 0xc018000000000000ull);
    }
}

Test(arm_vfp, vmov_core)
{
    ArmState *e = fresh();
    e->r[0] = 0x11223344;
    e->r[1] = 0x55667788;
    e->r[2] = 0xcafef00d;
    EXEC(e, false, 0xee022a90, 0xee123a90); /* vmov s5, r2; vmov r3, s5 */
    cr_assert_eq(VFP_S(e, 5), 0xcafef00d);
    cr_assert_eq(e->r[3], 0xcafef00d);
    /* vmov d17, r0, r1 (Rt is the low word); vmov r4, r5, d17 */
    EXEC(e, false, 0xec410b31, 0xec554b31);
    cr_assert_eq(VFP_D(e, 17), 0x5566778811223344ull);
    cr_assert(e->r[4] == 0x11223344 && e->r[5] == 0x55667788);
    /* vmov s30, s31, r0, r1; vmov r2, r3, s30, s31 */
    EXEC(e, true, 0xec410a1f, 0xec532a1f);
    cr_assert(VFP_S(e, 30) == 0x11223344 && VFP_S(e, 31) == 0x55667788);
    cr_assert(e->r[2] == 0x11223344 && e->r[3] == 0x55667788);
}

Test(arm_vfp, vmov_scalar)
{
    ArmState *e = fresh();
    uint64_t d3 = VFP_D(e, 3);
    e->r[0] = 0x123480f0;
    /* vmov.8 d3[5], r0; vmov.s8 r1, d3[5]; vmov.u8 r6, d3[5] */
    EXEC(e, false, 0xee630b30, 0xee731b30, 0xeef36b30);
    cr_assert_eq(VFP_D(e, 3), (d3 & ~(0xffull << 40)) | 0xf0ull << 40);
    cr_assert_eq(e->r[1], 0xfffffff0); /* sign-extended */
    cr_assert_eq(e->r[6], 0xf0);
    /* vmov.16 d20[3], r0; vmov.s16 r7, d20[3]; vmov.u16 r8, d20[3] */
    EXEC(e, true, 0xee240bf0, 0xee347bf0, 0xeeb48bf0);
    cr_assert_eq(VFP_D(e, 20) >> 48, 0x80f0);
    cr_assert_eq(e->r[7], 0xffff80f0);
    cr_assert_eq(e->r[8], 0x80f0);
    /* vmov.32 d31[1], r0; vmov.32 r9, d31[1] */
    EXEC(e, false, 0xee2f0b90, 0xee3f9b90);
    cr_assert_eq(VFP_D(e, 31), 0x123480f000000000ull | (0x2020202020202020ull & 0xffffffff));
    cr_assert_eq(e->r[9], 0x123480f0);
    /* VFPExpandImm: vmov.f32 s3, #-1.25; vmov.f64 d20, #0.5 */
    EXEC(e, false, 0xeeff1a04, 0xeef64b00);
    cr_assert_eq(VFP_S(e, 3), 0xbfa00000);
    cr_assert_eq(VFP_D(e, 20), 0x3fe0000000000000ull);
}

Test(arm_vfp, fpscr)
{
    ArmState *e = fresh();
    e->r[0] = 0xffffffff;
    /* vmsr fpscr, r0; vmrs r1, fpscr: N Z C V QC AHP DN FZ RMode and the
     * cumulative flags stick; Len/Stride, the trap enables, FZ16 and the
     * reserved bits read as zero */
    EXEC(e, false, 0xeee10a10, 0xeef11a10);
    cr_assert_eq(e->r[1], 0xffc0009f);
    cr_assert_eq(e->fpcr, 0x07c00000);
    /* vcmp.f32 s0, s1 (1.0 < 2.0: N); vmrs APSR_nzcv, fpscr */
    VFP_S(e, 0) = 0x3f800000;
    VFP_S(e, 1) = 0x40000000;
    e->nzcv = 0x60000000;
    EXEC(e, true, 0xeeb40a60, 0xeef1fa10);
    cr_assert_eq(e->fpscr_nzcv, 0x80000000);
    cr_assert_eq(e->nzcv, 0x80000000);
    /* unordered: C V */
    VFP_S(e, 1) = 0x7fc00000;
    EXEC(e, false, 0xeeb40a60, 0xeef1fa10);
    cr_assert_eq(e->nzcv, 0x30000000);
}

Test(arm_vfp, load_store_multiple)
{
    ArmState *e = fresh();
    area_init();
    uint32_t sp = DATA + 0x800;
    e->r[ARM_REG_SP] = sp;
    /* vpush {d8-d10}: VSTMDB sp!, lowest register at the lowest address */
    EXEC(e, false, 0xed2d8b06);
    cr_assert_eq(e->r[ARM_REG_SP], sp - 24);
    cr_assert(!memcmp(mem32(sp - 24), &VFP_D(e, 8), 24));
    /* vpop {s0-s5}: VLDMIA sp! */
    EXEC(e, true, 0xecbd0a06);
    cr_assert_eq(e->r[ARM_REG_SP], sp);
    cr_assert(!memcmp(&VFP_S(e, 0), &VFP_D(e, 8), 24));
    for (int i = 0; i < 64; i++)
        mem32(DATA)[i] = 0xa0000000u + (uint32_t)i;
    e->r[0] = DATA;
    e->r[1] = DATA + 0x100;
    /* vldmia r0!, {d0-d3}; vstmdb r1!, {s4-s7} */
    EXEC(e, false, 0xecb00b08, 0xed212a04);
    cr_assert_eq(e->r[0], DATA + 32);
    cr_assert_eq(VFP_D(e, 3), 0xa0000007a0000006ull);
    cr_assert_eq(e->r[1], DATA + 0xf0);
    cr_assert(!memcmp(mem32(DATA + 0xf0), mem32(DATA + 16), 16));
    /* vldr d1, [r0, #-8]; vstr s3, [r0, #1020]; vldm r0, {d16-d31} */
    EXEC(e, true, 0xed101b02, 0xedc01aff, 0xecd00b20);
    cr_assert_eq(VFP_D(e, 1), 0xa0000007a0000006ull);
    cr_assert_eq(*mem32(DATA + 32 + 1020), 0xa0000007); /* S3 = D1<63:32> */
    cr_assert_eq(VFP_D(e, 31), 0xa0000027a0000026ull);
    cr_assert_eq(e->r[0], DATA + 32); /* no writeback */
}

Test(arm_vfp, vldr_literal)
{
    ArmState *e = fresh();
    area_init();
    /* vldr s1, [pc, #4]: A32 pc reads as the address + 8 */
    *mem32(CODE + 12) = 0x12345678;
    EXEC(e, false, 0xeddf0a01);
    cr_assert_eq(VFP_S(e, 1), 0x12345678);
    /* T32: Align(pc, 4) with pc = address + 4 */
    *mem32(CODE + 8) = 0x9abcdef0;
    EXEC(e, true, 0xeddf0a01);
    cr_assert_eq(VFP_S(e, 1), 0x9abcdef0);
}

Test(arm_vfp, vsel)
{
    ArmState *e = fresh();
    uint32_t s1 = VFP_S(e, 1), s2 = VFP_S(e, 2);
    e->nzcv = 0x90000000; /* N = V: GE holds */
    EXEC(e, false, 0xfe200a81); /* vselge.f32 s0, s1, s2 */
    cr_assert_eq(VFP_S(e, 0), s1);
    e->nzcv = 0x80000000;
    EXEC(e, true, 0xfe200a81);
    cr_assert_eq(VFP_S(e, 0), s2);
    e->nzcv = 0x10000000; /* vselvs.f64 d0, d1, d2 */
    EXEC(e, false, 0xfe110b02);
    cr_assert_eq(VFP_D(e, 0), VFP_D(e, 1));
}

Test(arm_vfp, faults_and_undefined)
{
    ArmState *e = fresh();
    area_init();
    uint64_t d1 = VFP_D(e, 1);
    /* VLDR is MemA: a word-unaligned address faults (SIGBUS) */
    e->r[0] = DATA + 2;
    cr_assert_eq(EXEC(e, false, 0xed901b00), IR_EXIT_ALIGN);
    cr_assert_eq(e->fault_addr, DATA + 2);
    cr_assert_eq(VFP_D(e, 1), d1);
    /* a doubleword-misaligned (word-aligned) D access is fine */
    e->r[0] = DATA + 4;
    cr_assert_eq(EXEC(e, false, 0xed901b00), IR_EXIT_LOOKUP);
    /* VMRS of FPSID: only FPSCR is accessible at PL0 */
    cr_assert_eq(EXEC(e, false, 0xeef00a10), IR_EXIT_UNDEF);
    /* vmov r0, r0, d0: UNPREDICTABLE (same register twice), SIGILL */
    cr_assert_eq(EXEC(e, false, 0xec500b10), IR_EXIT_UNDEF);
    /* VCMP #0.0 with nonzero (0) bits */
    cr_assert_eq(EXEC(e, false, 0xeeb50a41), IR_EXIT_UNDEF);
}
#endif
