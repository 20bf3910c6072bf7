/*
 * tests/unit/test_arm_neon.c - Advanced SIMD (NEON) for the 32-bit ARM
 * guest (cpu/arm/neon*.c).
 *
 * 1. NEON_CASES lists ~300 instructions (every group: 3-same integer,
 *    logical and FP, 3-different, by-scalar, shifts by immediate, 2-misc,
 *    modified immediate, VEXT/VTBL/VDUP, crypto, and VLD1-4/VST1-4 of every
 *    kind with writeback), each as its A32 and its T32 encoding.  Each
 *    runs on a register file, FPSCR and 256 bytes of memory filled by a
 *    seeded generator (neon_fill: random bits mixed with FP specials, small
 *    shift counts and saturation edges; some FPSCRs with QC, flags, FZ/DN/
 *    RMode set, which NEON must ignore except AHP).  NEON_EXPECT holds
 *    what qemu-arm (7.2, -cpu max) computes for them: the D registers that
 *    change, the FPSCR, the base register's writeback and a hash of the
 *    memory.  This file is the generator of that table:
 *       arm-linux-gnueabihf-gcc -DNEON_GEN_GUEST -O1 -marm -static \
 *           -mfpu=crypto-neon-fp-armv8 -mfloat-abi=hard \
 *           tests/unit/test_arm_neon.c -o neongen
 *       qemu-arm -cpu max ./neongen > table
 *    Each case is checked on the executors directly and through the real
 *    front end (A32 and T32; IR interpreter raw, optimised, and the JIT).
 * 2. Hand-written cases of rules the table does not isolate: QC is sticky
 *    and set only on saturation, the standard FPSCR (round to nearest,
 *    flush-to-zero, default NaN whatever FPSCR says), UNDEFINED encodings,
 *    alignment faults of the :align qualifier, NEON inside a Thumb IT block.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* X(A32 encoding, T32 encoding (first halfword << 16 | second), asm);
 * registers r4 = base (data + 64), r5 = 24 (post-index), r6 = a random
 * value (VDUP). */
#define NEON_CASES(X) \
 X(0xf2010802, 0xef010802, "vadd.i8 d0, d1, d2") \
 X(0xf2320844, 0xef320844, "vadd.i64 q0, q1, q2") \
 X(0xf318684a, 0xff18684a, "vsub.i16 q3, q4, q5") \
 X(0xf3287809, 0xff287809, "vsub.i32 d7, d8, d9") \
 X(0xf3020854, 0xff020854, "vceq.i8 q0, q1, q2") \
 X(0xf3210811, 0xff210811, "vceq.i32 d0, d1, d1") \
 X(0xf2043815, 0xef043815, "vtst.8 d3, d4, d5") \
 X(0xf21ec870, 0xef1ec870, "vtst.16 q6, q7, q8") \
 X(0xf2010112, 0xef010112, "vand d0, d1, d2") \
 X(0xf2220154, 0xef220154, "vorr q0, q1, q2") \
 X(0xf26201f2, 0xef6201f2, "vmov q8, q9") \
 X(0xf23ba11c, 0xef3ba11c, "vorn d10, d11, d12") \
 X(0xf3042156, 0xff042156, "veor q1, q2, q3") \
 X(0xf2110112, 0xef110112, "vbic d0, d1, d2") \
 X(0xf3110112, 0xff110112, "vbsl d0, d1, d2") \
 X(0xf3220154, 0xff220154, "vbit q0, q1, q2") \
 X(0xf3310112, 0xff310112, "vbif d0, d1, d2") \
 X(0xf2010b12, 0xef010b12, "vpadd.i8 d0, d1, d2") \
 X(0xf2210b12, 0xef210b12, "vpadd.i32 d0, d1, d2") \
 X(0xf3010a02, 0xff010a02, "vpmax.u8 d0, d1, d2") \
 X(0xf3043a15, 0xff043a15, "vpmin.u8 d3, d4, d5") \
 X(0xf2110a02, 0xef110a02, "vpmax.s16 d0, d1, d2") \
 X(0xf2210a12, 0xef210a12, "vpmin.s32 d0, d1, d2") \
 X(0xf3010d02, 0xff010d02, "vpadd.f32 d0, d1, d2") \
 X(0xf3020644, 0xff020644, "vmax.u8 q0, q1, q2") \
 X(0xf2110612, 0xef110612, "vmin.s16 d0, d1, d2") \
 X(0xf3b70c01, 0xffb70c01, "vdup.8 d0, d1[3]") \
 X(0xf3ba0c41, 0xffba0c41, "vdup.16 q0, d1[2]") \
 X(0xf3bc4c45, 0xffbc4c45, "vdup.32 q2, d5[1]") \
 X(0xeee06b10, 0xeee06b10, "vdup.8 q0, r6") \
 X(0xee876b30, 0xee876b30, "vdup.16 d7, r6") \
 X(0xeeae6b90, 0xeeae6b90, "vdup.32 q15, r6") \
 X(0xf3870e1f, 0xff870e1f, "vmov.i8 d0, #0xff") \
 X(0xf2840e51, 0xef840e51, "vmov.i8 q0, #0x41") \
 X(0xf282225c, 0xef82225c, "vmov.i32 q1, #0x2c00") \
 X(0xf2845a1f, 0xef845a1f, "vmov.i16 d5, #0x4f00") \
 X(0xf2816c32, 0xef816c32, "vmvn.i32 d6, #0x12ff") \
 X(0xf3820e75, 0xff820e75, "vmov.i64 q0, #0xff00ff0000ff00ff") \
 X(0xf3876f58, 0xff876f58, "vmov.f32 q3, #-1.5") \
 X(0xf3800710, 0xff800710, "vorr.i32 d0, #0x80000000") \
 X(0xf387097f, 0xff87097f, "vbic.i16 q0, #0xff") \
 X(0xf2b10302, 0xefb10302, "vext.8 d0, d1, d2, #3") \
 X(0xf2b20f44, 0xefb20f44, "vext.8 q0, q1, q2, #15") \
 X(0xf2b10202, 0xefb10202, "vext.16 d0, d1, d2, #1") \
 X(0xf3b00001, 0xffb00001, "vrev64.8 d0, d1") \
 X(0xf3b80042, 0xffb80042, "vrev64.32 q0, q1") \
 X(0xf3b000c2, 0xffb000c2, "vrev32.8 q0, q1") \
 X(0xf3b43084, 0xffb43084, "vrev32.16 d3, d4") \
 X(0xf3b00101, 0xffb00101, "vrev16.8 d0, d1") \
 X(0xf3b20202, 0xffb20202, "vmovn.i16 d0, q1") \
 X(0xf3ba5206, 0xffba5206, "vmovn.i64 d5, q3") \
 X(0xf3880a12, 0xff880a12, "vmovl.u8 q0, d2") \
 X(0xf2904a13, 0xef904a13, "vmovl.s16 q2, d3") \
 X(0xf2a08a19, 0xefa08a19, "vmovl.s32 q4, d9") \
 X(0xf38d0011, 0xff8d0011, "vshr.u8 d0, d1, #3") \
 X(0xf2910052, 0xef910052, "vshr.s16 q0, q1, #15") \
 X(0xf38000d2, 0xff8000d2, "vshr.u64 q0, q1, #64") \
 X(0xf2a00011, 0xefa00011, "vshr.s32 d0, d1, #32") \
 X(0xf28f0511, 0xef8f0511, "vshl.i8 d0, d1, #7") \
 X(0xf2a90552, 0xefa90552, "vshl.i32 q0, q1, #9") \
 X(0xf2bf0591, 0xefbf0591, "vshl.i64 d0, d1, #63") \
 X(0xf39c0111, 0xff9c0111, "vsra.u16 d0, d1, #4") \
 X(0xf28f0211, 0xef8f0211, "vrshr.s8 d0, d1, #1") \
 X(0xf3a10352, 0xffa10352, "vrsra.u32 q0, q1, #31") \
 X(0xf38d0411, 0xff8d0411, "vsri.8 d0, d1, #3") \
 X(0xf3950552, 0xff950552, "vsli.16 q0, q1, #5") \
 X(0xf2880812, 0xef880812, "vshrn.i16 d0, q1, #8") \
 X(0xf29d0852, 0xef9d0852, "vrshrn.i32 d0, q1, #3") \
 X(0xf28e0912, 0xef8e0912, "vqshrn.s16 d0, q1, #2") \
 X(0xf39f0912, 0xff9f0912, "vqshrn.u32 d0, q1, #1") \
 X(0xf38c0852, 0xff8c0852, "vqrshrun.s16 d0, q1, #4") \
 X(0xf3af0812, 0xffaf0812, "vqshrun.s64 d0, q1, #17") \
 X(0xf28e0711, 0xef8e0711, "vqshl.s8 d0, d1, #6") \
 X(0xf39f0752, 0xff9f0752, "vqshl.u16 q0, q1, #15") \
 X(0xf3be0611, 0xffbe0611, "vqshlu.s32 d0, d1, #30") \
 X(0xf3b20302, 0xffb20302, "vshll.u8 q0, d2, #8") \
 X(0xf2970a12, 0xef970a12, "vshll.s16 q0, d2, #7") \
 X(0xf2020054, 0xef020054, "vqadd.s8 q0, q1, q2") \
 X(0xf3310012, 0xff310012, "vqadd.u64 d0, d1, d2") \
 X(0xf3110212, 0xff110212, "vqsub.u16 d0, d1, d2") \
 X(0xf2220254, 0xef220254, "vqsub.s32 q0, q1, q2") \
 X(0xf2010002, 0xef010002, "vhadd.s8 d0, d1, d2") \
 X(0xf3120144, 0xff120144, "vrhadd.u16 q0, q1, q2") \
 X(0xf3210202, 0xff210202, "vhsub.u32 d0, d1, d2") \
 X(0xf2010702, 0xef010702, "vabd.s8 d0, d1, d2") \
 X(0xf3120754, 0xff120754, "vaba.u16 q0, q1, q2") \
 X(0xf2010302, 0xef010302, "vcgt.s8 d0, d1, d2") \
 X(0xf3220354, 0xff220354, "vcge.u32 q0, q1, q2") \
 X(0xf2020401, 0xef020401, "vshl.s8 d0, d1, d2") \
 X(0xf3340442, 0xff340442, "vshl.u64 q0, q1, q2") \
 X(0xf2120501, 0xef120501, "vrshl.s16 d0, d1, d2") \
 X(0xf3240452, 0xff240452, "vqshl.u32 q0, q1, q2") \
 X(0xf2320511, 0xef320511, "vqrshl.s64 d0, d1, d2") \
 X(0xf2010912, 0xef010912, "vmul.i8 d0, d1, d2") \
 X(0xf2220954, 0xef220954, "vmul.i32 q0, q1, q2") \
 X(0xf2110902, 0xef110902, "vmla.i16 d0, d1, d2") \
 X(0xf3220944, 0xff220944, "vmls.i32 q0, q1, q2") \
 X(0xf3020954, 0xff020954, "vmul.p8 q0, q1, q2") \
 X(0xf2110b02, 0xef110b02, "vqdmulh.s16 d0, d1, d2") \
 X(0xf3220b44, 0xff220b44, "vqrdmulh.s32 q0, q1, q2") \
 X(0xf2020d44, 0xef020d44, "vadd.f32 q0, q1, q2") \
 X(0xf2210d02, 0xef210d02, "vsub.f32 d0, d1, d2") \
 X(0xf3020d54, 0xff020d54, "vmul.f32 q0, q1, q2") \
 X(0xf2010d12, 0xef010d12, "vmla.f32 d0, d1, d2") \
 X(0xf2220d54, 0xef220d54, "vmls.f32 q0, q1, q2") \
 X(0xf2020c54, 0xef020c54, "vfma.f32 q0, q1, q2") \
 X(0xf2210c12, 0xef210c12, "vfms.f32 d0, d1, d2") \
 X(0xf3220d44, 0xff220d44, "vabd.f32 q0, q1, q2") \
 X(0xf2010f02, 0xef010f02, "vmax.f32 d0, d1, d2") \
 X(0xf2220f44, 0xef220f44, "vmin.f32 q0, q1, q2") \
 X(0xf3010f02, 0xff010f02, "vpmax.f32 d0, d1, d2") \
 X(0xf3210f02, 0xff210f02, "vpmin.f32 d0, d1, d2") \
 X(0xf2020e44, 0xef020e44, "vceq.f32 q0, q1, q2") \
 X(0xf3010e02, 0xff010e02, "vcge.f32 d0, d1, d2") \
 X(0xf3220e44, 0xff220e44, "vcgt.f32 q0, q1, q2") \
 X(0xf3010e12, 0xff010e12, "vacge.f32 d0, d1, d2") \
 X(0xf3220e54, 0xff220e54, "vacgt.f32 q0, q1, q2") \
 X(0xf2020f54, 0xef020f54, "vrecps.f32 q0, q1, q2") \
 X(0xf2210f12, 0xef210f12, "vrsqrts.f32 d0, d1, d2") \
 X(0xf3020f54, 0xff020f54, "vmaxnm.f32 q0, q1, q2") \
 X(0xf3210f12, 0xff210f12, "vminnm.f32 d0, d1, d2") \
 X(0xf3820003, 0xff820003, "vaddl.u8 q0, d2, d3") \
 X(0xf2920104, 0xef920104, "vaddw.s16 q0, q1, d4") \
 X(0xf2a20203, 0xefa20203, "vsubl.s32 q0, d2, d3") \
 X(0xf3820304, 0xff820304, "vsubw.u8 q0, q1, d4") \
 X(0xf2820404, 0xef820404, "vaddhn.i16 d0, q1, q2") \
 X(0xf3920404, 0xff920404, "vraddhn.i32 d0, q1, q2") \
 X(0xf2a20604, 0xefa20604, "vsubhn.i64 d0, q1, q2") \
 X(0xf3820604, 0xff820604, "vrsubhn.i16 d0, q1, q2") \
 X(0xf2820503, 0xef820503, "vabal.s8 q0, d2, d3") \
 X(0xf3920703, 0xff920703, "vabdl.u16 q0, d2, d3") \
 X(0xf2920803, 0xef920803, "vmlal.s16 q0, d2, d3") \
 X(0xf3a20a03, 0xffa20a03, "vmlsl.u32 q0, d2, d3") \
 X(0xf3820c03, 0xff820c03, "vmull.u8 q0, d2, d3") \
 X(0xf2a20c03, 0xefa20c03, "vmull.s32 q0, d2, d3") \
 X(0xf2820e03, 0xef820e03, "vmull.p8 q0, d2, d3") \
 X(0xf2a20e03, 0xefa20e03, "vmull.p64 q0, d2, d3") \
 X(0xf2920903, 0xef920903, "vqdmlal.s16 q0, d2, d3") \
 X(0xf2a20b03, 0xefa20b03, "vqdmlsl.s32 q0, d2, d3") \
 X(0xf2920d03, 0xef920d03, "vqdmull.s16 q0, d2, d3") \
 X(0xf291004a, 0xef91004a, "vmla.i16 d0, d1, d2[1]") \
 X(0xf3a20442, 0xffa20442, "vmls.i32 q0, q1, d2[0]") \
 X(0xf3a20964, 0xffa20964, "vmul.f32 q0, q1, d4[1]") \
 X(0xf2a10142, 0xefa10142, "vmla.f32 d0, d1, d2[0]") \
 X(0xf392026b, 0xff92026b, "vmlal.u16 q0, d2, d3[3]") \
 X(0xf2a20b63, 0xefa20b63, "vqdmull.s32 q0, d2, d3[1]") \
 X(0xf3920c64, 0xff920c64, "vqdmulh.s16 q0, q1, d4[2]") \
 X(0xf2a10d62, 0xefa10d62, "vqrdmulh.s32 d0, d1, d2[1]") \
 X(0xf2920a47, 0xef920a47, "vmull.s16 q0, d2, d7[0]") \
 X(0xf3b00281, 0xffb00281, "vpaddl.u8 d0, d1") \
 X(0xf3b40242, 0xffb40242, "vpaddl.s16 q0, q1") \
 X(0xf3b80681, 0xffb80681, "vpadal.u32 d0, d1") \
 X(0xf3b00642, 0xffb00642, "vpadal.s8 q0, q1") \
 X(0xf3b00401, 0xffb00401, "vcls.s8 d0, d1") \
 X(0xf3b404c2, 0xffb404c2, "vclz.i16 q0, q1") \
 X(0xf3b80481, 0xffb80481, "vclz.i32 d0, d1") \
 X(0xf3b00542, 0xffb00542, "vcnt.8 q0, q1") \
 X(0xf3b00581, 0xffb00581, "vmvn d0, d1") \
 X(0xf3b00701, 0xffb00701, "vqabs.s8 d0, d1") \
 X(0xf3b807c2, 0xffb807c2, "vqneg.s32 q0, q1") \
 X(0xf3b10001, 0xffb10001, "vcgt.s8 d0, d1, #0") \
 X(0xf3b500c2, 0xffb500c2, "vcge.s16 q0, q1, #0") \
 X(0xf3b90101, 0xffb90101, "vceq.i32 d0, d1, #0") \
 X(0xf3b101c2, 0xffb101c2, "vcle.s8 q0, q1, #0") \
 X(0xf3b90201, 0xffb90201, "vclt.s32 d0, d1, #0") \
 X(0xf3b90442, 0xffb90442, "vcgt.f32 q0, q1, #0") \
 X(0xf3b90501, 0xffb90501, "vceq.f32 d0, d1, #0") \
 X(0xf3b90642, 0xffb90642, "vclt.f32 q0, q1, #0") \
 X(0xf3b10301, 0xffb10301, "vabs.s8 d0, d1") \
 X(0xf3b90742, 0xffb90742, "vabs.f32 q0, q1") \
 X(0xf3b50381, 0xffb50381, "vneg.s16 d0, d1") \
 X(0xf3b90781, 0xffb90781, "vneg.f32 d0, d1") \
 X(0xf3b20001, 0xffb20001, "vswp d0, d1") \
 X(0xf3b20042, 0xffb20042, "vswp q0, q1") \
 X(0xf3b20081, 0xffb20081, "vtrn.8 d0, d1") \
 X(0xf3ba00c2, 0xffba00c2, "vtrn.32 q0, q1") \
 X(0xf3b20101, 0xffb20101, "vuzp.8 d0, d1") \
 X(0xf3b60142, 0xffb60142, "vuzp.16 q0, q1") \
 X(0xf3b20181, 0xffb20181, "vzip.8 d0, d1") \
 X(0xf3ba01c2, 0xffba01c2, "vzip.32 q0, q1") \
 X(0xf3b20282, 0xffb20282, "vqmovn.s16 d0, q1") \
 X(0xf3b602c2, 0xffb602c2, "vqmovn.u32 d0, q1") \
 X(0xf3ba0242, 0xffba0242, "vqmovun.s64 d0, q1") \
 X(0xf3b20302, 0xffb20302, "vshll.i8 q0, d2, #8") \
 X(0xf3ba0302, 0xffba0302, "vshll.i32 q0, d2, #32") \
 X(0xf3b60602, 0xffb60602, "vcvt.f16.f32 d0, q1") \
 X(0xf3b60702, 0xffb60702, "vcvt.f32.f16 q0, d2") \
 X(0xf3bb0401, 0xffbb0401, "vrecpe.u32 d0, d1") \
 X(0xf3bb0542, 0xffbb0542, "vrecpe.f32 q0, q1") \
 X(0xf3bb04c2, 0xffbb04c2, "vrsqrte.u32 q0, q1") \
 X(0xf3bb0581, 0xffbb0581, "vrsqrte.f32 d0, d1") \
 X(0xf3bb0642, 0xffbb0642, "vcvt.f32.s32 q0, q1") \
 X(0xf3bb0681, 0xffbb0681, "vcvt.f32.u32 d0, d1") \
 X(0xf3bb0742, 0xffbb0742, "vcvt.s32.f32 q0, q1") \
 X(0xf3bb0781, 0xffbb0781, "vcvt.u32.f32 d0, d1") \
 X(0xf2b00e11, 0xefb00e11, "vcvt.f32.s32 d0, d1, #16") \
 X(0xf3bf0f52, 0xffbf0f52, "vcvt.u32.f32 q0, q1, #1") \
 X(0xf2a00f11, 0xefa00f11, "vcvt.s32.f32 d0, d1, #32") \
 X(0xf3ba0442, 0xffba0442, "vrintn.f32 q0, q1") \
 X(0xf3ba0481, 0xffba0481, "vrintx.f32 d0, d1") \
 X(0xf3ba0542, 0xffba0542, "vrinta.f32 q0, q1") \
 X(0xf3ba0581, 0xffba0581, "vrintz.f32 d0, d1") \
 X(0xf3ba06c2, 0xffba06c2, "vrintm.f32 q0, q1") \
 X(0xf3ba0781, 0xffba0781, "vrintp.f32 d0, d1") \
 X(0xf3bb0042, 0xffbb0042, "vcvta.s32.f32 q0, q1") \
 X(0xf3bb0181, 0xffbb0181, "vcvtn.u32.f32 d0, d1") \
 X(0xf3bb0242, 0xffbb0242, "vcvtp.s32.f32 q0, q1") \
 X(0xf3bb0381, 0xffbb0381, "vcvtm.u32.f32 d0, d1") \
 X(0xf3b10802, 0xffb10802, "vtbl.8 d0, {d1}, d2") \
 X(0xf3b10b05, 0xffb10b05, "vtbl.8 d0, {d1, d2, d3, d4}, d5") \
 X(0xf3b10943, 0xffb10943, "vtbx.8 d0, {d1, d2}, d3") \
 X(0xf3b00302, 0xffb00302, "aese.8 q0, q1") \
 X(0xf3b00342, 0xffb00342, "aesd.8 q0, q1") \
 X(0xf3b00382, 0xffb00382, "aesmc.8 q0, q1") \
 X(0xf3b003c2, 0xffb003c2, "aesimc.8 q0, q1") \
 X(0xf3b902c2, 0xffb902c2, "sha1h.32 q0, q1") \
 X(0xf3ba0382, 0xffba0382, "sha1su1.32 q0, q1") \
 X(0xf3ba03c2, 0xffba03c2, "sha256su0.32 q0, q1") \
 X(0xf2020c44, 0xef020c44, "sha1c.32 q0, q1, q2") \
 X(0xf2120c44, 0xef120c44, "sha1p.32 q0, q1, q2") \
 X(0xf2220c44, 0xef220c44, "sha1m.32 q0, q1, q2") \
 X(0xf2320c44, 0xef320c44, "sha1su0.32 q0, q1, q2") \
 X(0xf3020c44, 0xff020c44, "sha256h.32 q0, q1, q2") \
 X(0xf3120c44, 0xff120c44, "sha256h2.32 q0, q1, q2") \
 X(0xf3220c44, 0xff220c44, "sha256su1.32 q0, q1, q2") \
 X(0xf424070f, 0xf924070f, "vld1.8 {d0}, [r4]") \
 X(0xf4240a8d, 0xf9240a8d, "vld1.32 {d0, d1}, [r4]!") \
 X(0xf42406c5, 0xf92406c5, "vld1.64 {d0, d1, d2}, [r4], r5") \
 X(0xf424026d, 0xf924026d, "vld1.16 {d0-d3}, [r4:128]!") \
 X(0xf404070f, 0xf904070f, "vst1.8 {d0}, [r4]") \
 X(0xf4042aad, 0xf9042aad, "vst1.32 {d2, d3}, [r4:128]!") \
 X(0xf40402ff, 0xf90402ff, "vst1.64 {d0-d3}, [r4:256]") \
 X(0xf424080d, 0xf924080d, "vld2.8 {d0, d1}, [r4]!") \
 X(0xf424094f, 0xf924094f, "vld2.16 {d0, d2}, [r4]") \
 X(0xf424038f, 0xf924038f, "vld2.32 {d0-d3}, [r4]") \
 X(0xf404080f, 0xf904080f, "vst2.8 {d0, d1}, [r4]") \
 X(0xf424040d, 0xf924040d, "vld3.8 {d0, d1, d2}, [r4]!") \
 X(0xf424054f, 0xf924054f, "vld3.16 {d0, d2, d4}, [r4]") \
 X(0xf404048f, 0xf904048f, "vst3.32 {d0, d1, d2}, [r4]") \
 X(0xf424000d, 0xf924000d, "vld4.8 {d0-d3}, [r4]!") \
 X(0xf424014f, 0xf924014f, "vld4.16 {d0, d2, d4, d6}, [r4]") \
 X(0xf4040005, 0xf9040005, "vst4.8 {d0-d3}, [r4], r5") \
 X(0xf4a400af, 0xf9a400af, "vld1.8 {d0[5]}, [r4]") \
 X(0xf4a438bd, 0xf9a438bd, "vld1.32 {d3[1]}, [r4:32]!") \
 X(0xf484048d, 0xf984048d, "vst1.16 {d0[2]}, [r4]!") \
 X(0xf4a4054f, 0xf9a4054f, "vld2.16 {d0[1], d1[1]}, [r4]") \
 X(0xf4a402ed, 0xf9a402ed, "vld3.8 {d0[7], d1[7], d2[7]}, [r4]!") \
 X(0xf4a40bcf, 0xf9a40bcf, "vld4.32 {d0[1], d2[1], d4[1], d6[1]}, [r4]") \
 X(0xf484036f, 0xf984036f, "vst4.8 {d0[3], d1[3], d2[3], d3[3]}, [r4]") \
 X(0xf4a40c0f, 0xf9a40c0f, "vld1.8 {d0[]}, [r4]") \
 X(0xf4a40cad, 0xf9a40cad, "vld1.32 {d0[], d1[]}, [r4]!") \
 X(0xf4a40d4f, 0xf9a40d4f, "vld2.16 {d0[], d1[]}, [r4]") \
 X(0xf4a40e0f, 0xf9a40e0f, "vld3.8 {d0[], d1[], d2[]}, [r4]") \
 X(0xf4a40f8d, 0xf9a40f8d, "vld4.32 {d0[], d1[], d2[], d3[]}, [r4]!") \
 X(0xf3010112, 0xff010112, "veor d0, d1, d2") \
 X(0xf2243115, 0xef243115, "vorr d3, d4, d5") \
 X(0xf3210112, 0xff210112, "vbit d0, d1, d2") \
 X(0xf2254115, 0xef254115, "vmov d4, d5") \
 X(0xf2020154, 0xef020154, "vand q0, q1, q2") \
 X(0xf218615a, 0xef18615a, "vbic q3, q4, q5") \
 X(0xf23ec170, 0xef3ec170, "vorn q6, q7, q8") \
 X(0xf3120154, 0xff120154, "vbsl q0, q1, q2") \
 X(0xf3320154, 0xff320154, "vbif q0, q1, q2") \
 X(0xf3120344, 0xff120344, "vcgt.u16 q0, q1, q2") \
 X(0xf2220344, 0xef220344, "vcgt.s32 q0, q1, q2") \
 X(0xf2020354, 0xef020354, "vcge.s8 q0, q1, q2") \
 X(0xf2220644, 0xef220644, "vmax.s32 q0, q1, q2") \
 X(0xf3120654, 0xff120654, "vmin.u16 q0, q1, q2") \
 X(0xf2020654, 0xef020654, "vmin.s8 q0, q1, q2") \
 X(0xf2020944, 0xef020944, "vmla.i8 q0, q1, q2") \
 X(0xf2120954, 0xef120954, "vmul.i16 q0, q1, q2") \
 X(0xf2020844, 0xef020844, "vadd.i8 q0, q1, q2") \
 X(0xf2120844, 0xef120844, "vadd.i16 q0, q1, q2") \
 X(0xf2200840, 0xef200840, "vadd.i32 q0, q0, q0") \
 X(0xf3020844, 0xff020844, "vsub.i8 q0, q1, q2") \
 X(0xf3320844, 0xff320844, "vsub.i64 q0, q1, q2") \
 X(0xf2310802, 0xef310802, "vadd.i64 d0, d1, d2") \
 X(0xf2b20444, 0xefb20444, "vext.32 q0, q1, q2, #1") \
 X(0xf2b20844, 0xefb20844, "vext.64 q0, q1, q2, #1") \
 X(0xf2b00842, 0xefb00842, "vext.8 q0, q0, q1, #8") \
 X(0xf2b00700, 0xefb00700, "vext.8 d0, d0, d0, #7") \
 X(0xf2800010, 0xef800010, "vmov.i32 d0, #0") \
 X(0xf2800871, 0xef800871, "vmvn.i16 q0, #0x1") \
 X(0xf2800b11, 0xef800b11, "vorr.i16 d0, #0x100") \
 X(0xf387077f, 0xff87077f, "vbic.i32 q0, #0xff000000") \
 X(0xf3c0fe10, 0xffc0fe10, "vmov.i8 d31, #0x80") \
 X(0xf2c5ed75, 0xefc5ed75, "vmvn.i32 q15, #0x55ffff") \
 X(0xf3882a13, 0xff882a13, "vmovl.u8 q1, d3") \
 X(0xf2908a18, 0xef908a18, "vmovl.s16 q4, d8") \
 X(0xf3930a15, 0xff930a15, "vshll.u16 q0, d5, #3") \
 X(0xf4e400cf, 0xf9e400cf, "vld1.8 {d16[6]}, [r4]") \
 X(0xf4e40c4f, 0xf9e40c4f, "vld1.16 {d16[]}, [r4]") \
 X(0xf4e40cbf, 0xf9e40cbf, "vld1.32 {d16[], d17[]}, [r4:32]") \
 X(0xf4c41885, 0xf9c41885, "vst1.32 {d17[1]}, [r4], r5") \
 X(0xf464eae5, 0xf964eae5, "vld1.64 {d30, d31}, [r4:128], r5") \
 X(0xf444d65d, 0xf944d65d, "vst1.16 {d29, d30, d31}, [r4:64]!")

/* xorshift64*; the same sequence on the guest generator and the host. */
static uint64_t neon_rng;
static uint64_t neon_next(void)
{
    uint64_t x = neon_rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    neon_rng = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static const uint32_t neon_specials[16] = {
    0, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x7f800000u, 0xff800000u,
    0x7fc00000u, 0x7f800001u, 0x00000001u, 0x807fffffu, 0x7f7fffffu,
    0x00800000u, 0x3f000000u, 0x40000000u, 0x40400000u, 0x4b000000u};

/* The state of case i: buf = D0..D31 (256 bytes), FPSCR at 256, r6 at
 * 260; mem = the 256 bytes of data. */
static void neon_fill(uint8_t *buf, uint8_t *mem, unsigned i)
{
    neon_rng = (i + 1) * 0x9E3779B97F4A7C15ull;
    for (int w = 0; w < 64; w++) {
        uint64_t r = neon_next();
        uint32_t v;
        switch (r & 15) {
        case 0: case 1: v = neon_specials[(r >> 4) & 15]; break;
        case 2: v = (uint32_t)(r >> 40) & 0x3f3f3f3f; break;
        case 3: v = (uint32_t)(r >> 40) & 0x80ff00ffu; break;
        case 4: v = 0x7fff8000u ^ (uint32_t)((r >> 33) & 0x80018001u); break;
        case 5: v = ((uint32_t)(r >> 32) & 0x807fffffu) | 0x3f000000u; break;
        default: v = (uint32_t)(r >> 32); break;
        }
        memcpy(buf + 4 * w, &v, 4);
    }
    uint64_t fr = neon_next();
    uint32_t fpscr = (fr & 1) ? 0 : (uint32_t)(fr >> 32) & 0x07c0009fu;
    if (fr & 2)
        fpscr |= 0x08000000u;
    memcpy(buf + 256, &fpscr, 4);
    uint32_t r6 = (uint32_t)(neon_next() >> 32);
    memcpy(buf + 260, &r6, 4);
    for (int k = 0; k < 256; k++)
        mem[k] = (uint8_t)(neon_next() >> 56);
}

static uint64_t neon_fnv(const uint8_t *p, int n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (int i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

#define NEON_A32(a, t, s) a,
#define NEON_T32(a, t, s) t,
#define NEON_NAME(a, t, s) s,
static const uint32_t neon_a32s[] = {NEON_CASES(NEON_A32)};
static const uint32_t neon_t32s[] = {NEON_CASES(NEON_T32)};
static const char *const neon_names[] = {NEON_CASES(NEON_NAME)};
#define NEON_NCASES ((int)(sizeof(neon_a32s) / sizeof(neon_a32s[0])))

#ifdef NEON_GEN_GUEST
/* Guest side: run each A32 encoding in a patched copy of a trampoline
 * that loads the register file and FPSCR, executes it and stores them
 * back; print one NEON_EXPECT row per case. */
#include <sys/mman.h>
__asm__(".text\n.arm\n.fpu crypto-neon-fp-armv8\n.align 2\n"
        ".global neon_tramp\nneon_tramp:\n"
        "push {r4-r7, lr}\nvpush {d8-d15}\nmov r7, r0\nmov r4, r1\n"
        "ldr r6, [r7, #260]\nmov r5, #24\nvldm r7, {d0-d15}\n"
        "add r2, r7, #128\nvldm r2, {d16-d31}\nldr r3, [r7, #256]\n"
        "vmsr fpscr, r3\n.global neon_tramp_slot\nneon_tramp_slot: nop\n"
        "vmrs r3, fpscr\nvstm r7, {d0-d15}\nadd r2, r7, #128\n"
        "vstm r2, {d16-d31}\nstr r3, [r7, #256]\nsub r4, r4, r1\n"
        "str r4, [r7, #264]\nvpop {d8-d15}\npop {r4-r7, pc}\n"
        ".global neon_tramp_end\nneon_tramp_end:\n");
extern char neon_tramp[], neon_tramp_slot[], neon_tramp_end[];

int main(void)
{
    size_t len = (size_t)(neon_tramp_end - neon_tramp);
    char *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static uint8_t buf[272], in[272], mem[256], min[256];
    memcpy(code, neon_tramp, len);
    for (int i = 0; i < NEON_NCASES; i++) {
        memcpy(code + (neon_tramp_slot - neon_tramp), &neon_a32s[i], 4);
        __builtin___clear_cache(code, code + len);
        neon_fill(buf, mem, (unsigned)i);
        memcpy(in, buf, sizeof(buf));
        memcpy(min, mem, sizeof(mem));
        ((void (*)(uint8_t *, uint8_t *))code)(buf, mem + 64);
        uint32_t fpscr, wb;
        memcpy(&fpscr, buf + 256, 4);
        memcpy(&wb, buf + 264, 4);
        char regs[512];
        int n = 0, at = 0;
        for (int d = 0; d < 32; d++) {
            uint64_t v;
            memcpy(&v, buf + 8 * d, 8);
            if (memcmp(buf + 8 * d, in + 8 * d, 8))
                at += snprintf(regs + at, sizeof(regs) - (size_t)at,
                               "%s{%d, 0x%016llxull}", n++ ? ", " : "", d,
                               (unsigned long long)v);
        }
        regs[at] = 0;
        printf("    {0x%08x, %u, 0x%016llxull, %d, {%s}}, /* %s */\n", fpscr,
               wb, memcmp(mem, min, 256) ? (unsigned long long)neon_fnv(mem, 256)
                                         : 0ull,
               n, regs, neon_names[i]);
    }
    return 0;
}

#else
#include "tests/unit/arm-run.h"
#include "cpu/arm/neon-internal.h"

typedef struct NeonExpect {
    uint32_t fpscr;   /* FPSCR after */
    uint32_t wb;      /* r4 after - r4 before */
    uint64_t memhash; /* neon_fnv of the data after; 0 = unchanged */
    int n;            /* D registers that change */
    struct {
        int d;
        uint64_t v;
    } r[8];
} NeonExpect;

/* qemu-arm's results for NEON_CASES (see the top of the file). */
static const NeonExpect neon_expect[] = {
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x1a54da96679dc927ull}}}, /* vadd.i8 d0, d1, d2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0xfed34fd1c8c65e5bull}, {1, 0x6af87e36add52985ull}}}, /* vadd.i64 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{6, 0xffdee31f76427485ull}, {7, 0x9146de7d80148090ull}}}, /* vsub.i16 q3, q4, q5 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{7, 0x8aacc13c2a192b25ull}}}, /* vsub.i32 d7, d8, d9 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x000000000000ff00ull}, {1, 0x000000000000ff00ull}}}, /* vceq.i8 q0, q1, q2 */
    {0x0fc0001f, 0, 0x0000000000000000ull, 1, {{0, 0xffffffffffffffffull}}}, /* vceq.i32 d0, d1, d1 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{3, 0xffffffffffffffffull}}}, /* vtst.8 d3, d4, d5 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{12, 0xffffffffffff0000ull}, {13, 0xffffffffffff0000ull}}}, /* vtst.16 q6, q7, q8 */
    {0x03c00001, 0, 0x0000000000000000ull, 1, {{0, 0x2468410ea4084080ull}}}, /* vand d0, d1, d2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x7f7afb3997762b42ull}, {1, 0x7ffe8001bf75b0b5ull}}}, /* vorr q0, q1, q2 */
    {0x00c00007, 0, 0x0000000000000000ull, 2, {{16, 0x66dee2fa977784edull}, {17, 0x002100c5003d1801ull}}}, /* vmov q8, q9 */
    {0x08400001, 0, 0x0000000000000000ull, 1, {{10, 0x7fffffffb4fdd3ffull}}}, /* vorn d10, d11, d12 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{2, 0x398ddb7a9ddbd6fdull}, {3, 0x2467d5bd0aa2ff13ull}}}, /* veor q1, q2, q3 */
    {0x0c000000, 0, 0x0000000000000000ull, 1, {{0, 0x08110102808c5400ull}}}, /* vbic d0, d1, d2 */
    {0x02800080, 0, 0x0000000000000000ull, 1, {{0, 0x135825c5002a24c0ull}}}, /* vbsl d0, d1, d2 */
    {0x0c00009c, 0, 0x0000000000000000ull, 2, {{0, 0x9e1e8d0f071a0879ull}, {1, 0xadf8754146fe0c81ull}}}, /* vbit q0, q1, q2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x9e153f318dd4647full}}}, /* vbif d0, d1, d2 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0xca13e05e77a7b7e7ull}}}, /* vpadd.i8 d0, d1, d2 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0xeb2f3e1b63caa43eull}}}, /* vpadd.i32 d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x80015c5ee6f8b8f5ull}}}, /* vpmax.u8 d0, d1, d2 */
    {0x0ec0008a, 0, 0x0000000000000000ull, 1, {{3, 0x0d952d5b00005665ull}}}, /* vpmin.u8 d3, d4, d5 */
    {0x0400000b, 0, 0x0000000000000000ull, 1, {{0, 0x65767c14270b35c0ull}}}, /* vpmax.s16 d0, d1, d2 */
    {0x05c00085, 0, 0x0000000000000000ull, 1, {{0, 0x8802ae9cff800000ull}}}, /* vpmin.s32 d0, d1, d2 */
    {0x05800019, 0, 0x0000000000000000ull, 1, {{0, 0x7f7fffffb313c8c0ull}}}, /* vpadd.f32 d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0xbafe7e03ad77a6c9ull}, {1, 0x7fff0001f04af3a7ull}}}, /* vmax.u8 q0, q1, q2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0xb7e5a5468efa84d8ull}}}, /* vmin.s16 d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x3939393939393939ull}}}, /* vdup.8 d0, d1[3] */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x6a706a706a706a70ull}, {1, 0x6a706a706a706a70ull}}}, /* vdup.16 q0, d1[2] */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{4, 0x3f0000003f000000ull}, {5, 0x3f0000003f000000ull}}}, /* vdup.32 q2, d5[1] */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x2a2a2a2a2a2a2a2aull}, {1, 0x2a2a2a2a2a2a2a2aull}}}, /* vdup.8 q0, r6 */
    {0x0b800007, 0, 0x0000000000000000ull, 1, {{7, 0x4ca74ca74ca74ca7ull}}}, /* vdup.16 d7, r6 */
    {0x0d00009f, 0, 0x0000000000000000ull, 2, {{30, 0x25afaf6325afaf63ull}, {31, 0x25afaf6325afaf63ull}}}, /* vdup.32 q15, r6 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0xffffffffffffffffull}}}, /* vmov.i8 d0, #0xff */
    {0x0a400018, 0, 0x0000000000000000ull, 2, {{0, 0x4141414141414141ull}, {1, 0x4141414141414141ull}}}, /* vmov.i8 q0, #0x41 */
    {0x0b400095, 0, 0x0000000000000000ull, 2, {{2, 0x00002c0000002c00ull}, {3, 0x00002c0000002c00ull}}}, /* vmov.i32 q1, #0x2c00 */
    {0x0ac00010, 0, 0x0000000000000000ull, 1, {{5, 0x4f004f004f004f00ull}}}, /* vmov.i16 d5, #0x4f00 */
    {0x0180001f, 0, 0x0000000000000000ull, 1, {{6, 0xffffed00ffffed00ull}}}, /* vmvn.i32 d6, #0x12ff */
    {0x01c0001d, 0, 0x0000000000000000ull, 2, {{0, 0xff00ff0000ff00ffull}, {1, 0xff00ff0000ff00ffull}}}, /* vmov.i64 q0, #0xff00ff0000ff00ff */
    {0x03000097, 0, 0x0000000000000000ull, 2, {{6, 0xbfc00000bfc00000ull}, {7, 0xbfc00000bfc00000ull}}}, /* vmov.f32 q3, #-1.5 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0xe1421f42ffff8000ull}}}, /* vorr.i32 d0, #0x80000000 */
    {0x0e00008b, 0, 0x0000000000000000ull, 2, {{0, 0x3f000000f7002700ull}, {1, 0x7f0000007f000000ull}}}, /* vbic.i16 q0, #0xff */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x7fffff0033333ac9ull}}}, /* vext.8 d0, d1, d2, #3 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x18bae7441cfd65adull}, {1, 0xb14e9f3f79493f15ull}}}, /* vext.8 q0, q1, q2, #15 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x53de658e536a5abbull}}}, /* vext.16 d0, d1, d2, #1 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x0080ff7f02e625bfull}}}, /* vrev64.8 d0, d1 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x54393cb2fe7f0a7bull}, {1, 0x3f0000007ffe0001ull}}}, /* vrev64.32 q0, q1 */
    {0x0280008a, 0, 0x0000000000000000ull, 2, {{0, 0xae86d7f830684554ull}, {1, 0x89e9f8360180ff7full}}}, /* vrev32.8 q0, q1 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{3, 0x5ccdbc2000a300d3ull}}}, /* vrev32.16 d3, d4 */
    {0x0ac00017, 0, 0x0000000000000000ull, 1, {{0, 0xce5c3329c081e8feull}}}, /* vrev16.8 d0, d1 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x3e0a53c100008000ull}}}, /* vmovn.i16 d0, q1 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{5, 0x7ffe800181130a95ull}}}, /* vmovn.i64 d5, q3 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x009000b5009500b0ull}, {1, 0x00e50013005200b8ull}}}, /* vmovl.u8 q0, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{4, 0xffff8c1800000adbull}, {5, 0x0000008000000000ull}}}, /* vmovl.s16 q2, d3 */
    {0x0ac0001f, 0, 0x0000000000000000ull, 2, {{8, 0xffffffffd1133da2ull}, {9, 0x0000000000000001ull}}}, /* vmovl.s32 q4, d9 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x1d081f090f1f1000ull}}}, /* vshr.u8 d0, d1, #3 */
    {0x0dc00094, 0, 0x0000000000000000ull, 2, {{0, 0x000000000000ffffull}, {1, 0x0000ffffffffffffull}}}, /* vshr.s16 q0, q1, #15 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x0000000000000000ull}, {1, 0x0000000000000000ull}}}, /* vshr.u64 q0, q1, #64 */
    {0x05c0001d, 0, 0x0000000000000000ull, 1, {{0, 0x00000000ffffffffull}}}, /* vshr.s32 d0, d1, #32 */
    {0x0140000b, 0, 0x0000000000000000ull, 1, {{0, 0x0080008000800080ull}}}, /* vshl.i8 d0, d1, #7 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x8cf15400b7074000ull}, {1, 0x6d7312004200e600ull}}}, /* vshl.i32 q0, q1, #9 */
    {0x0e800016, 0, 0x0000000000000000ull, 1, {{0, 0x0000000000000000ull}}}, /* vshl.i64 d0, d1, #63 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x351406dc8abf01c3ull}}}, /* vsra.u16 d0, d1, #4 */
    {0x0580009e, 0, 0x0000000000000000ull, 1, {{0, 0x151106e4f6c8d129ull}}}, /* vrshr.s8 d0, d1, #1 */
    {0x0480001d, 0, 0x0000000000000000ull, 2, {{0, 0x0c1cccb900320c0aull}, {1, 0xbf5a52327fc00001ull}}}, /* vrsra.u32 q0, q1, #31 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0xc9c0804074e60e0bull}}}, /* vsri.8 d0, d1, #3 */
    {0x03c0009e, 0, 0x0000000000000000ull, 2, {{0, 0xaca0c701570a0cfcull}, {1, 0xe101fe082f944cbaull}}}, /* vsli.16 q0, q1, #5 */
    {0x0fc00088, 0, 0x0000000000000000ull, 1, {{0, 0xde16bbbf7f007f80ull}}}, /* vshrn.i16 d0, q1, #8 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x575500001d93001eull}}}, /* vrshrn.i32 d0, q1, #3 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x8080807f00007f80ull}}}, /* vqshrn.s16 d0, q1, #2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0xffffffffffffffffull}}}, /* vqshrn.u32 d0, q1, #1 */
    {0x0e00009b, 0, 0x0000000000000000ull, 1, {{0, 0xff00000000ff0c0cull}}}, /* vqrshrun.s16 d0, q1, #4 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x8001f040ffffffffull}}}, /* vqshrun.s64 d0, q1, #17 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x7f807f7f7f7f7f7full}}}, /* vqshl.s8 d0, d1, #6 */
    {0x0f400013, 0, 0x0000000000000000ull, 2, {{0, 0xffffffffffffffffull}, {1, 0xffffffffffff0000ull}}}, /* vqshl.u16 q0, q1, #15 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x00000000ffffffffull}}}, /* vqshlu.s32 d0, d1, #30 */
    {0x07c0009f, 0, 0x0000000000000000ull, 2, {{0, 0xc3008300a400a900ull}, {1, 0x1200860026005600ull}}}, /* vshll.u8 q0, d2, #8 */
    {0x0d000005, 0, 0x0000000000000000ull, 2, {{0, 0x00347e80fff6d580ull}, {1, 0xffd52e800017bb80ull}}}, /* vshll.s16 q0, d2, #7 */
    {0x0f40000a, 0, 0x0000000000000000ull, 2, {{0, 0x808ac3cdbe36e7a6ull}, {1, 0xa780427fee807177ull}}}, /* vqadd.s8 q0, q1, q2 */
    {0x0c000004, 0, 0x0000000000000000ull, 1, {{0, 0xffffffffffffffffull}}}, /* vqadd.u64 d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x000085b762c969e6ull}}}, /* vqsub.u16 d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x8025926680000000ull}, {1, 0x7fca5aca804f00e6ull}}}, /* vqsub.s32 q0, q1, q2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0xedce19481620fa32ull}}}, /* vhadd.s8 d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x9786d7aa96928cb1ull}, {1, 0x17ce47fe25f20049ull}}}, /* vrhadd.u16 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x12b3a3e1060e31d2ull}}}, /* vhsub.u32 d0, d1, d2 */
    {0x0e400084, 0, 0x0000000000000000ull, 1, {{0, 0x44683dbf1c305f09ull}}}, /* vabd.s8 d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x29211064eadb1cf2ull}, {1, 0xe4452c98fdbea6e3ull}}}, /* vaba.u16 q0, q1, q2 */
    {0x0840001a, 0, 0x0000000000000000ull, 1, {{0, 0x0000ffffffff00ffull}}}, /* vcgt.s8 d0, d1, d2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x00000000ffffffffull}, {1, 0x0000000000000000ull}}}, /* vcge.u32 q0, q1, q2 */
    {0x02400088, 0, 0x0000000000000000ull, 1, {{0, 0x00ffe000ffff109dull}}}, /* vshl.s8 d0, d1, d2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x00273a3fd89aa718ull}, {1, 0xecc6e54004276600ull}}}, /* vshl.u64 q0, q1, q2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x0000000000000000ull}}}, /* vrshl.s16 d0, d1, d2 */
    {0x0b40008a, 0, 0x0000000000000000ull, 2, {{0, 0x00291308ffffffffull}, {1, 0xffffffffffffffffull}}}, /* vqshl.u32 q0, q1, q2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x0000000000000000ull}}}, /* vqrshl.s64 d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x00f800443a642208ull}}}, /* vmul.i8 d0, d1, d2 */
    {0x0c400096, 0, 0x0000000000000000ull, 2, {{0, 0xeee71b54ac1ff7f8ull}, {1, 0x7f720000a4b86746ull}}}, /* vmul.i32 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0xc1e8cfbed2e7726full}}}, /* vmla.i16 d0, d1, d2 */
    {0x01800014, 0, 0x0000000000000000ull, 2, {{0, 0x32d52f12b30af67bull}, {1, 0x5bbf879c38c5051eull}}}, /* vmls.i32 q0, q1, q2 */
    {0x0bc00085, 0, 0x0000000000000000ull, 2, {{0, 0x00b2c29cf6286828ull}, {1, 0x18960000bcba14b4ull}}}, /* vmul.p8 q0, q1, q2 */
    {0x0240009b, 0, 0x0000000000000000ull, 1, {{0, 0xfc741ca200270000ull}}}, /* vqdmulh.s16 d0, d1, d2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0xff92890700076531ull}, {1, 0x358ed53e004ac266ull}}}, /* vqrdmulh.s32 q0, q1, q2 */
    {0x08000090, 0, 0x0000000000000000ull, 2, {{0, 0x6c28a68878491304ull}, {1, 0x6ea3403730822060ull}}}, /* vadd.f32 q0, q1, q2 */
    {0x00000001, 0, 0x0000000000000000ull, 1, {{0, 0x7fc000007fc00000ull}}}, /* vsub.f32 d0, d1, d2 */
    {0x0400009d, 0, 0x0000000000000000ull, 2, {{0, 0x939d0003aa255025ull}, {1, 0xe2c9793980000000ull}}}, /* vmul.f32 q0, q1, q2 */
    {0x05000096, 0, 0x0000000000000000ull, 0, {}}, /* vmla.f32 d0, d1, d2 */
    {0x00000094, 0, 0x0000000000000000ull, 2, {{0, 0xff8000000fe272e9ull}, {1, 0x5ccc39297fc00000ull}}}, /* vmls.f32 q0, q1, q2 */
    {0x0800009e, 0, 0x0000000000000000ull, 2, {{0, 0x343ed8b25519c68full}, {1, 0xac12b1f97fc00000ull}}}, /* vfma.f32 q0, q1, q2 */
    {0x00000010, 0, 0x0000000000000000ull, 0, {}}, /* vfms.f32 d0, d1, d2 */
    {0x06400018, 0, 0x0000000000000000ull, 2, {{0, 0x4a085a08102a04c9ull}, {1, 0x3fbcaa984c928635ull}}}, /* vabd.f32 q0, q1, q2 */
    {0x08000080, 0, 0x0000000000000000ull, 1, {{0, 0x18a2bab487c13bbaull}}}, /* vmax.f32 d0, d1, d2 */
    {0x00000080, 0, 0x0000000000000000ull, 2, {{0, 0x0000000018e5b948ull}, {1, 0x00800006a3221ddeull}}}, /* vmin.f32 q0, q1, q2 */
    {0x02c00000, 0, 0x0000000000000000ull, 1, {{0, 0x400000007f800000ull}}}, /* vpmax.f32 d0, d1, d2 */
    {0x08000080, 0, 0x0000000000000000ull, 1, {{0, 0x00000000a5950196ull}}}, /* vpmin.f32 d0, d1, d2 */
    {0x02800081, 0, 0x0000000000000000ull, 2, {{0, 0x0000000000000000ull}, {1, 0x0000000000000000ull}}}, /* vceq.f32 q0, q1, q2 */
    {0x08000001, 0, 0x0000000000000000ull, 1, {{0, 0xffffffff00000000ull}}}, /* vcge.f32 d0, d1, d2 */
    {0x0b00000f, 0, 0x0000000000000000ull, 2, {{0, 0xffffffff00000000ull}, {1, 0xffffffff00000000ull}}}, /* vcgt.f32 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x0000000000000000ull}}}, /* vacge.f32 d0, d1, d2 */
    {0x0780009e, 0, 0x0000000000000000ull, 2, {{0, 0x0000000000000000ull}, {1, 0xffffffffffffffffull}}}, /* vacgt.f32 q0, q1, q2 */
    {0x09400092, 0, 0x0000000000000000ull, 2, {{0, 0xedb47dc940000000ull}, {1, 0x4000000040000000ull}}}, /* vrecps.f32 q0, q1, q2 */
    {0x07400018, 0, 0x0000000000000000ull, 1, {{0, 0x3fc000007f800000ull}}}, /* vrsqrts.f32 d0, d1, d2 */
    {0x03c0009d, 0, 0x0000000000000000ull, 2, {{0, 0x6216e86e69d42bc2ull}, {1, 0x000000000139bdf4ull}}}, /* vmaxnm.f32 q0, q1, q2 */
    {0x00800011, 0, 0x0000000000000000ull, 1, {{0, 0xb707b5dc30a3d0c3ull}}}, /* vminnm.f32 d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x006c017900f600feull}, {1, 0x00af010d013800ceull}}}, /* vaddl.u8 q0, d2, d3 */
    {0x05c0008d, 0, 0x0000000000000000ull, 2, {{0, 0xd6651c92a3c01076ull}, {1, 0xedc65b37d1de0e8bull}}}, /* vaddw.s16 q0, q1, d4 */
    {0x0980008b, 0, 0x0000000000000000ull, 2, {{0, 0xfffffffff4c28739ull}, {1, 0x000000007f9da090ull}}}, /* vsubl.s32 q0, d2, d3 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x3e81ff02ffaa351aull}, {1, 0xb0ca6289a5d3e151ull}}}, /* vsubw.u8 q0, q1, d4 */
    {0x0c800000, 0, 0x0000000000000000ull, 1, {{0, 0xf8a67f00f7196d83ull}}}, /* vaddhn.i16 d0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x1c4dd408e8588a5dull}}}, /* vraddhn.i32 d0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x803c788b39787207ull}}}, /* vsubhn.i64 d0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0xb8f76eace2258289ull}}}, /* vrsubhn.i16 d0, q1, q2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0xe5058d22d22f79b8ull}, {1, 0x40270038802a8055ull}}}, /* vabal.s8 q0, d2, d3 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x00006d9200000c6dull}, {1, 0x0000be8600000c38ull}}}, /* vabdl.u16 q0, d2, d3 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x9dc6f0ea0d16d5d9ull}, {1, 0x85a09acfb475754aull}}}, /* vmlal.s16 q0, d2, d3 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x642e23bb09dfc95dull}, {1, 0x00dc504585167ea3ull}}}, /* vmlsl.u32 q0, d2, d3 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x06272910835f068bull}, {1, 0xd8364476781e0a5cull}}}, /* vmull.u8 q0, d2, d3 */
    {0x0f000004, 0, 0x0000000000000000ull, 2, {{0, 0x32eb58aef69a92feull}, {1, 0xde3e64c3bc47753cull}}}, /* vmull.s32 q0, d2, d3 */
    {0x0100001e, 0, 0x0000000000000000ull, 2, {{0, 0x3bf712c000000000ull}, {1, 0x060c676739800000ull}}}, /* vmull.p8 q0, d2, d3 */
    {0x0a000017, 0, 0x0000000000000000ull, 2, {{0, 0x1a46ce1c62be8570ull}, {1, 0x0847ca1cc48c2f90ull}}}, /* vmull.p64 q0, d2, d3 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0xf823dbf06d47ce97ull}, {1, 0xdfc34f70378f5f45ull}}}, /* vqdmlal.s16 q0, d2, d3 */
    {0x0a00009f, 0, 0x0000000000000000ull, 2, {{0, 0xbde7ba498dfc60edull}, {1, 0xb1915a1dfe5f5f75ull}}}, /* vqdmlsl.s32 q0, d2, d3 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x3bd49c80cadb2f9aull}, {1, 0x4824c00000000000ull}}}, /* vqdmull.s16 q0, d2, d3 */
    {0x0580009c, 0, 0x0000000000000000ull, 1, {{0, 0x1544d5648bac70b7ull}}}, /* vmla.i16 d0, d1, d2[1] */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x04ecb5f68cce0e0full}, {1, 0xaed897deef289038ull}}}, /* vmls.i32 q0, q1, d2[0] */
    {0x0f400014, 0, 0x0000000000000000ull, 2, {{0, 0x7af19111ff800000ull}, {1, 0x7f800000fb45dec3ull}}}, /* vmul.f32 q0, q1, d4[1] */
    {0x08000080, 0, 0x0000000000000000ull, 0, {}}, /* vmla.f32 d0, d1, d2[0] */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x86a9d99b24f991d7ull}, {1, 0x02fcacf27ffe8001ull}}}, /* vmlal.u16 q0, d2, d3[3] */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x06d28c827ea79c40ull}, {1, 0x26ff4c2a7a7a7e20ull}}}, /* vqdmull.s32 q0, d2, d3[1] */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0xce2b0000c4ad0000ull}, {1, 0x9b27ffffffe1d79full}}}, /* vqdmulh.s16 q0, q1, d4[2] */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x3f7fc080f9592e24ull}}}, /* vqrdmulh.s32 d0, d1, d2[1] */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x110081a019d8284cull}, {1, 0x1cd3dc0000000000ull}}}, /* vmull.s16 q0, d2, d7[0] */
    {0x09c00007, 0, 0x0000000000000000ull, 1, {{0, 0x013f000000800000ull}}}, /* vpaddl.u8 d0, d1 */
    {0x0740000d, 0, 0x0000000000000000ull, 2, {{0, 0xffffdf90ffff6ddeull}, {1, 0x000014a1000095e6ull}}}, /* vpaddl.s16 q0, q1 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0xa215f815000e152aull}}}, /* vpadal.u32 d0, d1 */
    {0x05c00091, 0, 0x0000000000000000ull, 2, {{0, 0x00312c0cb8377469ull}, {1, 0xab1e0568736e2047ull}}}, /* vpadal.s8 q0, q1 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x0000070700000706ull}}}, /* vcls.s8 d0, d1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x0000000000000000ull}, {1, 0x0002000200010001ull}}}, /* vclz.i16 q0, q1 */
    {0x0980001a, 0, 0x0000000000000000ull, 1, {{0, 0x0000000200000000ull}}}, /* vclz.i32 d0, d1 */
    {0x0c00009c, 0, 0x0000000000000000ull, 2, {{0, 0x0708010106030205ull}, {1, 0x0003010502040401ull}}}, /* vcnt.8 q0, q1 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x4295d5f8408afe2full}}}, /* vmvn d0, d1 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x10723b03504f525dull}}}, /* vqabs.s8 d0, d1 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x40edcca7ff4fffb4ull}, {1, 0xc266747280800000ull}}}, /* vqneg.s32 q0, q1 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x00ff00ff00ff0000ull}}}, /* vcgt.s8 d0, d1, #0 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0xffffffff00000000ull}, {1, 0xffff0000ffffffffull}}}, /* vcge.s16 q0, q1, #0 */
    {0x0080000f, 0, 0x0000000000000000ull, 1, {{0, 0x0000000000000000ull}}}, /* vceq.i32 d0, d1, #0 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0xff0000ff00ffffffull}, {1, 0x0000ff0000ff0000ull}}}, /* vcle.s8 q0, q1, #0 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x00000000ffffffffull}}}, /* vclt.s32 d0, d1, #0 */
    {0x0cc0009d, 0, 0x0000000000000000ull, 2, {{0, 0xffffffff00000000ull}, {1, 0x00000000ffffffffull}}}, /* vcgt.f32 q0, q1, #0 */
    {0x02c0000f, 0, 0x0000000000000000ull, 1, {{0, 0x0000000000000000ull}}}, /* vceq.f32 d0, d1, #0 */
    {0x08000001, 0, 0x0000000000000000ull, 2, {{0, 0xffffffff00000000ull}, {1, 0xffffffff00000000ull}}}, /* vclt.f32 q0, q1, #0 */
    {0x0a800081, 0, 0x0000000000000000ull, 1, {{0, 0x176c4e5a2c48057aull}}}, /* vabs.s8 d0, d1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x39f7483d6bf60621ull}, {1, 0x4f5415ee00000001ull}}}, /* vabs.f32 q0, q1 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x252e2a5cffd6c3d8ull}}}, /* vneg.s16 d0, d1 */
    {0x0ac00085, 0, 0x0000000000000000ull, 1, {{0, 0xffff0000bf36049eull}}}, /* vneg.f32 d0, d1 */
    {0x0e80009b, 0, 0x0000000000000000ull, 2, {{0, 0x001b0f14143f24f7ull}, {1, 0xf2b380fc4aabda3eull}}}, /* vswp d0, d1 */
    {0x0a800092, 0, 0x0000000000000000ull, 4, {{0, 0x0068002c5a232224ull}, {1, 0x7ffe80017378bd27ull}, {2, 0x21fdf6bcb22b32e8ull}, {3, 0x00000000181c1c44ull}}}, /* vswp q0, q1 */
    {0x0c80001d, 0, 0x0000000000000000ull, 2, {{0, 0x4ed5974b80400000ull}, {1, 0xf203fdde7f400000ull}}}, /* vtrn.8 d0, d1 */
    {0x00000000, 0, 0x0000000000000000ull, 4, {{0, 0x495191c343b14350ull}, {1, 0x3f4668739ba77f3full}, {2, 0xa8762d96fc6e2afcull}, {3, 0x01db707162819e98ull}}}, /* vtrn.32 q0, q1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x5342f451358e7fffull}, {1, 0x06904dcbbfa07fffull}}}, /* vuzp.8 d0, d1 */
    {0x0a000018, 0, 0x0000000000000000ull, 4, {{0, 0x8bc5051bea5b8000ull}, {1, 0xc35012179a7bb90aull}, {2, 0xc33c003d65b27fffull}, {3, 0xc856dedbb35b3f24ull}}}, /* vuzp.16 q0, q1 */
    {0x0e800090, 0, 0x0000000000000000ull, 2, {{0, 0x99e4e4fe7d5e6d7dull}, {1, 0xd37fe8fecf006901ull}}}, /* vzip.8 d0, d1 */
    {0x0d800017, 0, 0x0000000000000000ull, 4, {{0, 0x1526843cec04c6f5ull}, {1, 0xf53dcf64f960f391ull}, {2, 0x00000001ff800000ull}, {3, 0x3e5155fa7fc00000ull}}}, /* vzip.32 q0, q1 */
    {0x0a400016, 0, 0x0000000000000000ull, 1, {{0, 0x1c207f7f7f80807full}}}, /* vqmovn.s16 d0, q1 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0xffffffffffffffffull}}}, /* vqmovn.u32 d0, q1 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0xffffffff00000000ull}}}, /* vqmovun.s64 d0, q1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0xf600b800a100b300ull}, {1, 0xcd00030030008c00ull}}}, /* vshll.i8 q0, d2, #8 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x0db5f62f00000000ull}, {1, 0xca59f64d00000000ull}}}, /* vshll.i32 q0, d2, #32 */
    {0x08000094, 0, 0x0000000000000000ull, 1, {{0, 0x7c003bfc7e000000ull}}}, /* vcvt.f16.f32 d0, q1 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0xc445e00037a10000ull}, {1, 0x3fe8e00044b84000ull}}}, /* vcvt.f32.f16 q0, d2 */
    {0x0580000f, 0, 0x0000000000000000ull, 1, {{0, 0xffffffffaf000000ull}}}, /* vrecpe.u32 d0, d1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x69f98000769c8000ull}, {1, 0x66b30000978b0000ull}}}, /* vrecpe.f32 q0, q1 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0xffffffff8f000000ull}, {1, 0xff8000008f800000ull}}}, /* vrsqrte.u32 q0, q1 */
    {0x06400091, 0, 0x0000000000000000ull, 1, {{0, 0x7fc000007fc00000ull}}}, /* vrsqrte.f32 d0, d1 */
    {0x08000010, 0, 0x0000000000000000ull, 2, {{0, 0x4d06a09ccdc0ef0eull}, {1, 0xceb6e2a24dbc5b75ull}}}, /* vcvt.f32.s32 q0, q1 */
    {0x00000010, 0, 0x0000000000000000ull, 1, {{0, 0x4d8b228b4f524515ull}}}, /* vcvt.f32.u32 d0, d1 */
    {0x0a000015, 0, 0x0000000000000000ull, 2, {{0, 0x0000000000000000ull}, {1, 0x00000000ffffff69ull}}}, /* vcvt.s32.f32 q0, q1 */
    {0x0d40009b, 0, 0x0000000000000000ull, 1, {{0, 0x0000000000000000ull}}}, /* vcvt.u32.f32 d0, d1 */
    {0x08000010, 0, 0x0000000000000000ull, 1, {{0, 0x43a055c046fffd00ull}}}, /* vcvt.f32.s32 d0, d1, #16 */
    {0x03c0009f, 0, 0x0000000000000000ull, 2, {{0, 0x0000000000000000ull}, {1, 0x0000000000000000ull}}}, /* vcvt.u32.f32 q0, q1, #1 */
    {0x08000011, 0, 0x0000000000000000ull, 1, {{0, 0x0000000080000000ull}}}, /* vcvt.s32.f32 d0, d1, #32 */
    {0x00000080, 0, 0x0000000000000000ull, 2, {{0, 0x0000000000000000ull}, {1, 0x7fc0000000000000ull}}}, /* vrintn.f32 q0, q1 */
    {0x00000010, 0, 0x0000000000000000ull, 1, {{0, 0x80000000425c0000ull}}}, /* vrintx.f32 d0, d1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x7fc0000000000000ull}, {1, 0x8000000080000000ull}}}, /* vrinta.f32 q0, q1 */
    {0x07800094, 0, 0x0000000000000000ull, 1, {{0, 0x800000007fc00000ull}}}, /* vrintz.f32 d0, d1 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x62bdf4aa00000000ull}, {1, 0x0000000080000000ull}}}, /* vrintm.f32 q0, q1 */
    {0x06c00095, 0, 0x0000000000000000ull, 1, {{0, 0x3f8000003f800000ull}}}, /* vrintp.f32 d0, d1 */
    {0x08000091, 0, 0x0000000000000000ull, 2, {{0, 0x0000000000000000ull}, {1, 0x7fffffff80000000ull}}}, /* vcvta.s32.f32 q0, q1 */
    {0x0c800098, 0, 0x0000000000000000ull, 1, {{0, 0x0000000000000002ull}}}, /* vcvtn.u32.f32 d0, d1 */
    {0x0ec00097, 0, 0x0000000000000000ull, 2, {{0, 0x8000000000000000ull}, {1, 0x7fffffff80000000ull}}}, /* vcvtp.s32.f32 q0, q1 */
    {0x01c00093, 0, 0x0000000000000000ull, 1, {{0, 0xffffffff00000000ull}}}, /* vcvtm.u32.f32 d0, d1 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x1e001e0000000000ull}}}, /* vtbl.8 d0, {d1}, d2 */
    {0x0c00009c, 0, 0x0000000000000000ull, 1, {{0, 0x000000000000eeffull}}}, /* vtbl.8 d0, {d1, d2, d3, d4}, d5 */
    {0x0900000c, 0, 0x0000000000000000ull, 1, {{0, 0xa90e05b050b6ccccull}}}, /* vtbx.8 d0, {d1, d2}, d3 */
    {0x05800015, 0, 0x0000000000000000ull, 2, {{0, 0x29cba76afc2c1b21ull}, {1, 0x8d2250761998e411ull}}}, /* aese.8 q0, q1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0xf00ab36efebae65eull}, {1, 0x65b58759ab00ba0full}}}, /* aesd.8 q0, q1 */
    {0x03400010, 0, 0x0000000000000000ull, 2, {{0, 0x2305474fd2174b1dull}, {1, 0xc2210b889020be7cull}}}, /* aesmc.8 q0, q1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0xb434c67fec41f7daull}, {1, 0x6dafe36793bef183ull}}}, /* aesimc.8 q0, q1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x00000000dd647263ull}, {1, 0x0000000000000000ull}}}, /* sha1h.32 q0, q1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x2c120cc3fe800000ull}, {1, 0x79d04728a239da76ull}}}, /* sha1su1.32 q0, q1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x17202866ae3d0a7full}, {1, 0x7d53cbdf3391fd0full}}}, /* sha256su0.32 q0, q1 */
    {0x03c00094, 0, 0x0000000000000000ull, 2, {{0, 0xe4f351f5ef40bcfbull}, {1, 0xc86073bde128a302ull}}}, /* sha1c.32 q0, q1, q2 */
    {0x0180000e, 0, 0x0000000000000000ull, 2, {{0, 0x80a494d92026270eull}, {1, 0xf86cfd95a599f7ceull}}}, /* sha1p.32 q0, q1, q2 */
    {0x02400090, 0, 0x0000000000000000ull, 2, {{0, 0x15357f6a0f1890f3ull}, {1, 0x602107561aaa89e3ull}}}, /* sha1m.32 q0, q1, q2 */
    {0x0bc00018, 0, 0x0000000000000000ull, 2, {{0, 0xcdfeab5c58023ce3ull}, {1, 0x2b64ec5bfa8f1cf4ull}}}, /* sha1su0.32 q0, q1, q2 */
    {0x0380009b, 0, 0x0000000000000000ull, 2, {{0, 0xbe992dd8f93a4955ull}, {1, 0x93e75dad28e5591dull}}}, /* sha256h.32 q0, q1, q2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0xc02f20e738eff697ull}, {1, 0x1b4a76bf6cafdfceull}}}, /* sha256h2.32 q0, q1, q2 */
    {0x0c80000f, 0, 0x0000000000000000ull, 2, {{0, 0x07e41c0405d36c6dull}, {1, 0xdc440bce23de129full}}}, /* sha256su1.32 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0xf0c8a804e05ab041ull}}}, /* vld1.8 {d0}, [r4] */
    {0x0180001d, 16, 0x0000000000000000ull, 2, {{0, 0x3d4b0147a6b66613ull}, {1, 0x170cbdee1e1898c0ull}}}, /* vld1.32 {d0, d1}, [r4]! */
    {0x00000000, 24, 0x0000000000000000ull, 3, {{0, 0xe805eee216b5d7a9ull}, {1, 0xe32f8ab8150a5b92ull}, {2, 0x0e35c6f65e16f2e4ull}}}, /* vld1.64 {d0, d1, d2}, [r4], r5 */
    {0x0c80009e, 32, 0x0000000000000000ull, 4, {{0, 0xf9b0462325178837ull}, {1, 0x3a39880cddd4d7f8ull}, {2, 0xdc21f87844e73b81ull}, {3, 0x6f0163f9e38139cfull}}}, /* vld1.16 {d0-d3}, [r4:128]! */
    {0x08000000, 0, 0x4a1bed5ac62fb233ull, 0, {}}, /* vst1.8 {d0}, [r4] */
    {0x0e00000d, 16, 0xdc3616cde504436full, 0, {}}, /* vst1.32 {d2, d3}, [r4:128]! */
    {0x08000000, 0, 0xa7368b407f05134eull, 0, {}}, /* vst1.64 {d0-d3}, [r4:256] */
    {0x07c00011, 16, 0x0000000000000000ull, 2, {{0, 0xca715d53b5f576b8ull}, {1, 0x65d72e21710114f9ull}}}, /* vld2.8 {d0, d1}, [r4]! */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x2c6ded04411702d2ull}, {2, 0x52c473388d6bbc1bull}}}, /* vld2.16 {d0, d2}, [r4] */
    {0x0b400017, 0, 0x0000000000000000ull, 4, {{0, 0x0a0324afc9af020eull}, {1, 0xa0c9eb4c8caa454aull}, {2, 0xe01623ddfa568b44ull}, {3, 0xbc4e7db451b37569ull}}}, /* vld2.32 {d0-d3}, [r4] */
    {0x00000000, 0, 0x1774603e593904b9ull, 0, {}}, /* vst2.8 {d0, d1}, [r4] */
    {0x0000000f, 24, 0x0000000000000000ull, 3, {{0, 0xf5abf2178b1c9f4bull}, {1, 0x0428e529433be42aull}, {2, 0xc280e35168676558ull}}}, /* vld3.8 {d0, d1, d2}, [r4]! */
    {0x04c00085, 0, 0x0000000000000000ull, 3, {{0, 0x9a8eecb2181d1bcaull}, {2, 0xf917fdc68905aaafull}, {4, 0xbf2d81233f6f5280ull}}}, /* vld3.16 {d0, d2, d4}, [r4] */
    {0x00000000, 0, 0xc98518027b6a278aull, 0, {}}, /* vst3.32 {d0, d1, d2}, [r4] */
    {0x00000000, 32, 0x0000000000000000ull, 4, {{0, 0x24ae1f9210bc6a4dull}, {1, 0xfb4fa7f823461101ull}, {2, 0x4898a96c74a8e1aeull}, {3, 0xb6af5e5fd05fc9fbull}}}, /* vld4.8 {d0-d3}, [r4]! */
    {0x00000000, 0, 0x0000000000000000ull, 4, {{0, 0x30379c633dba6840ull}, {2, 0xe01928d1769a9353ull}, {4, 0x69286e6549e9d0efull}, {6, 0x94ff5b4f2975e2a5ull}}}, /* vld4.16 {d0, d2, d4, d6}, [r4] */
    {0x08000000, 24, 0x2689de79eb6479daull, 0, {}}, /* vst4.8 {d0-d3}, [r4], r5 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x0000b1160553c37eull}}}, /* vld1.8 {d0[5]}, [r4] */
    {0x00000000, 4, 0x0000000000000000ull, 1, {{3, 0x24eb9a5eb701ed08ull}}}, /* vld1.32 {d3[1]}, [r4:32]! */
    {0x02c00008, 2, 0x98baaafb64466ba6ull, 0, {}}, /* vst1.16 {d0[2]}, [r4]! */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x7fff0000e5490000ull}, {1, 0x271808d635d95398ull}}}, /* vld2.16 {d0[1], d1[1]}, [r4] */
    {0x02c0009c, 3, 0x0000000000000000ull, 3, {{0, 0x79ff00011c9f07b7ull}, {1, 0x900000013f0ee29aull}, {2, 0x840c3f2040000000ull}}}, /* vld3.8 {d0[7], d1[7], d2[7]}, [r4]! */
    {0x08000000, 0, 0x0000000000000000ull, 4, {{0, 0x88be01c6807fffffull}, {2, 0xc18293e63f4247a6ull}, {4, 0x948d820f642bc9ffull}, {6, 0x9e9130282b8ae5c4ull}}}, /* vld4.32 {d0[1], d2[1], d4[1], d6[1]}, [r4] */
    {0x08000000, 0, 0xd6c550e27cc245dbull, 0, {}}, /* vst4.8 {d0[3], d1[3], d2[3], d3[3]}, [r4] */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x0606060606060606ull}}}, /* vld1.8 {d0[]}, [r4] */
    {0x00000000, 4, 0x0000000000000000ull, 2, {{0, 0x583fa67e583fa67eull}, {1, 0x583fa67e583fa67eull}}}, /* vld1.32 {d0[], d1[]}, [r4]! */
    {0x0e800094, 0, 0x0000000000000000ull, 2, {{0, 0x4e994e994e994e99ull}, {1, 0xda10da10da10da10ull}}}, /* vld2.16 {d0[], d1[]}, [r4] */
    {0x00400080, 0, 0x0000000000000000ull, 3, {{0, 0x5656565656565656ull}, {1, 0x2626262626262626ull}, {2, 0x7575757575757575ull}}}, /* vld3.8 {d0[], d1[], d2[]}, [r4] */
    {0x00000000, 16, 0x0000000000000000ull, 4, {{0, 0xef0612f2ef0612f2ull}, {1, 0x8b0b46618b0b4661ull}, {2, 0xcc1957e0cc1957e0ull}, {3, 0x3d12da673d12da67ull}}}, /* vld4.32 {d0[], d1[], d2[], d3[]}, [r4]! */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x33d4c4d633f0a98bull}}}, /* veor d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{3, 0xf766bab57fb7eedfull}}}, /* vorr d3, d4, d5 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x7fff903038111541ull}}}, /* vbit d0, d1, d2 */
    {0x05400011, 0, 0x0000000000000000ull, 1, {{4, 0xfa78ae4f6aa3ebc5ull}}}, /* vmov d4, d5 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x497000827e4e1909ull}, {1, 0x197046012e00c0a9ull}}}, /* vand q0, q1, q2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{6, 0xaaa31f53000400a0ull}, {7, 0xc54344812180cc80ull}}}, /* vbic q3, q4, q5 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{12, 0xffffa8fb69ff9fffull}, {13, 0xbfffffffffffffffull}}}, /* vorn q6, q7, q8 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0xc08000d63f31c4c0ull}, {1, 0xd681118a0858903aull}}}, /* vbsl q0, q1, q2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x1a1000003ac9528eull}, {1, 0x954c493a34bdfa41ull}}}, /* vbif q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0xffff0000ffffffffull}, {1, 0x0000ffffffff0000ull}}}, /* vcgt.u16 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0xffffffffffffffffull}, {1, 0xffffffffffffffffull}}}, /* vcgt.s32 q0, q1, q2 */
    {0x09400091, 0, 0x0000000000000000ull, 2, {{0, 0xffff00ff00ffffffull}, {1, 0xff0000ffffff00ffull}}}, /* vcge.s8 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x7ffe00017fff8001ull}, {1, 0x003c39293a30556cull}}}, /* vmax.s32 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x004200184a7e4394ull}, {1, 0x00a1000000800000ull}}}, /* vmin.u16 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x00800000ff800000ull}, {1, 0xbf66cea4408400abull}}}, /* vmin.s8 q0, q1, q2 */
    {0x02400094, 0, 0x0000000000000000ull, 2, {{0, 0xdaf1a75a47986059ull}, {1, 0x2d627b5069585b38ull}}}, /* vmla.i8 q0, q1, q2 */
    {0x00c0008b, 0, 0x0000000000000000ull, 2, {{0, 0xecfa10ceff000000ull}, {1, 0xcfedbb5ec2800000ull}}}, /* vmul.i16 q0, q1, q2 */
    {0x0e800087, 0, 0x0000000000000000ull, 2, {{0, 0xe9844d33d1298d71ull}, {1, 0x777b27bd9dd182e0ull}}}, /* vadd.i8 q0, q1, q2 */
    {0x0f40009b, 0, 0x0000000000000000ull, 2, {{0, 0xbfbfffff93afc4d3ull}, {1, 0xbff489a5f9e1c865ull}}}, /* vadd.i16 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x00fffffec0f14d3eull}, {1, 0xc75f12e6969f550eull}}}, /* vadd.i32 q0, q0, q0 */
    {0x0240008a, 0, 0x0000000000000000ull, 2, {{0, 0x000106fbf6427d39ull}, {1, 0x2fd8aa903febbcc6ull}}}, /* vsub.i8 q0, q1, q2 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{0, 0x94f261e3a5cd4d52ull}, {1, 0x514ecb65574f201cull}}}, /* vsub.i64 q0, q1, q2 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{0, 0x2490bb92d05e4992ull}}}, /* vadd.i64 d0, d1, d2 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x3f7488b07ffe0000ull}, {1, 0x024c78d50032062aull}}}, /* vext.32 q0, q1, q2, #1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x3f8000000a11ae72ull}, {1, 0x00c400f70053004bull}}}, /* vext.64 q0, q1, q2, #1 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x5c091c3a63fd5a60ull}, {1, 0xa87b35eb3bad11f3ull}}}, /* vext.8 q0, q0, q1, #8 */
    {0x08000015, 0, 0x0000000000000000ull, 1, {{0, 0xb72659c298dfb8feull}}}, /* vext.8 d0, d0, d0, #7 */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{0, 0x0000000000000000ull}}}, /* vmov.i32 d0, #0 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0xfffefffefffefffeull}, {1, 0xfffefffefffefffeull}}}, /* vmvn.i16 q0, #0x1 */
    {0x0c400003, 0, 0x0000000000000000ull, 1, {{0, 0x237295391dc87dcdull}}}, /* vorr.i16 d0, #0x100 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{0, 0x00ed34fe002c131dull}, {1, 0x0032004700800000ull}}}, /* vbic.i32 q0, #0xff000000 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{31, 0x8080808080808080ull}}}, /* vmov.i8 d31, #0x80 */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{30, 0xffaa0000ffaa0000ull}, {31, 0xffaa0000ffaa0000ull}}}, /* vmvn.i32 q15, #0x55ffff */
    {0x08000000, 0, 0x0000000000000000ull, 2, {{2, 0x009000d200b60040ull}, {3, 0x0039000000de00acull}}}, /* vmovl.u8 q1, d3 */
    {0x00000000, 0, 0x0000000000000000ull, 2, {{8, 0x00004e04ffffd0fdull}, {9, 0x00000176ffffa335ull}}}, /* vmovl.s16 q4, d8 */
    {0x0200000b, 0, 0x0000000000000000ull, 2, {{0, 0x0003fff800000008ull}, {1, 0x0005f8d80000eb30ull}}}, /* vshll.u16 q0, d5, #3 */
    {0x08000000, 0, 0x0000000000000000ull, 1, {{16, 0x00bf0061b50ed38aull}}}, /* vld1.8 {d16[6]}, [r4] */
    {0x00000000, 0, 0x0000000000000000ull, 1, {{16, 0xdd0bdd0bdd0bdd0bull}}}, /* vld1.16 {d16[]}, [r4] */
    {0x0d00008c, 0, 0x0000000000000000ull, 2, {{16, 0x5d3824515d382451ull}, {17, 0x5d3824515d382451ull}}}, /* vld1.32 {d16[], d17[]}, [r4:32] */
    {0x00000000, 24, 0x1fe60373895d1026ull, 0, {}}, /* vst1.32 {d17[1]}, [r4], r5 */
    {0x00000000, 24, 0x0000000000000000ull, 2, {{30, 0x27d1aa014d409c4aull}, {31, 0x9fe97f45aef5e9ffull}}}, /* vld1.64 {d30, d31}, [r4:128], r5 */
    {0x00000000, 24, 0x5ddf3997525b91c5ull, 0, {}}, /* vst1.16 {d29, d30, d31}, [r4:64]! */
};

_Static_assert(sizeof(neon_expect) / sizeof(neon_expect[0]) ==
                   sizeof(neon_a32s) / sizeof(neon_a32s[0]),
               "one expectation per case");

#define NEON_DATA ((uint8_t *)(uintptr_t)ARM_DATA0)

/* The initial state of case i in env and guest memory at ARM_DATA0. */
static void neon_setup(ArmState *env, unsigned i)
{
    uint8_t buf[272];
    arm_test_map();
    memset(env, 0, sizeof(*env));
    neon_fill(buf, NEON_DATA, i);
    memcpy(env->v, buf, 256);
    uint32_t fpscr, r6;
    memcpy(&fpscr, buf + 256, 4);
    memcpy(&r6, buf + 260, 4);
    env->fpcr = fpscr & 0x07c00000u;
    env->fpsr = fpscr & 0x0800009fu;
    env->r[4] = ARM_DATA0 + 64;
    env->r[5] = 24;
    env->r[6] = r6;
}

static void neon_check(const ArmState *env, unsigned i, const char *how)
{
    const NeonExpect *e = &neon_expect[i];
    const char *name = neon_names[i];
    uint8_t buf[272], mem[256];
    neon_fill(buf, mem, i);
    for (int d = 0; d < 32; d++) {
        uint64_t want, got;
        memcpy(&want, buf + 8 * d, 8);
        for (int k = 0; k < e->n; k++)
            if (e->r[k].d == d)
                want = e->r[k].v;
        memcpy(&got, (const uint8_t *)env->v + 8 * d, 8);
        cr_expect_eq(got, want, "%s (%s): d%d = %#llx, want %#llx", name, how,
                     d, (unsigned long long)got, (unsigned long long)want);
    }
    cr_expect_eq(arm_fpscr(env), e->fpscr, "%s (%s): FPSCR %#x, want %#x",
                 name, how, arm_fpscr(env), e->fpscr);
    cr_expect_eq((uint32_t)env->r[4] - (ARM_DATA0 + 64), e->wb,
                 "%s (%s): writeback", name, how);
    uint64_t h = memcmp(NEON_DATA, mem, 256) ? neon_fnv(NEON_DATA, 256) : 0;
    cr_expect_eq(h, e->memhash, "%s (%s): memory", name, how);
}

/* The executors alone, on the A32 form and on the T32 form. */
Test(arm_neon, executors_match_qemu)
{
    for (int i = 0; i < NEON_NCASES; i++) {
        for (int t = 0; t < 2; t++) {
            ArmState env;
            uint32_t insn = neon_a32(t ? neon_t32s[i] : neon_a32s[i]);
            cr_assert_eq(insn, neon_a32s[i], "%s: T32 form", neon_names[i]);
            neon_setup(&env, (unsigned)i);
            if ((insn & 0xfe000000u) == 0xf2000000u) {
                cr_assert(neon_exec_dp(NULL, insn), "%s: UNDEF", neon_names[i]);
                neon_exec_dp(&env, insn);
            } else if ((insn & 0xff100000u) == 0xf4000000u) {
                int bytes, align, rm = (int)(insn & 15);
                cr_assert(neon_ldst_info(insn, &bytes, &align));
                neon_exec_ldst(&env, insn, (uint32_t)env.r[4]);
                env.r[4] += rm == 15 ? 0 : rm == 13 ? (uint32_t)bytes : 24;
            } else {
                cr_assert(neon_exec_vdup_core(NULL, insn & 0xffffff, 0));
                neon_exec_vdup_core(&env, insn & 0xffffff, (uint32_t)env.r[6]);
            }
            neon_check(&env, (unsigned)i, t ? "exec T32" : "exec A32");
        }
    }
}

/* Through arm_translate_block: interpreter raw and optimised, and JIT. */
Test(arm_neon, front_end_matches_qemu)
{
    static const char *const hows[3] = {"raw", "opt", "jit"};
    for (int i = 0; i < NEON_NCASES; i++) {
        for (int t = 0; t < 2; t++) {
            for (int how = 0; how < 3; how++) {
                ArmState env;
                neon_setup(&env, (unsigned)i);
                /* the instruction, then a branch to the next one (the
                 * block ends there) */
                if (t) {
                    uint16_t hw[3] = {(uint16_t)(neon_t32s[i] >> 16),
                                      (uint16_t)neon_t32s[i], 0xe7ff};
                    memcpy((void *)(uintptr_t)ARM_CODE0, hw, 6);
                } else {
                    uint32_t w[2] = {neon_a32s[i], 0xeaffffffu};
                    memcpy((void *)(uintptr_t)ARM_CODE0, w, 8);
                }
                int r = arm_test_exec(&env, t, ARM_CODE0 + (t ? 6 : 8), how);
                char what[32];
                snprintf(what, sizeof(what), "%s %s", t ? "T32" : "A32",
                         hows[how]);
                cr_assert_eq(r, IR_EXIT_LOOKUP, "%s (%s): exit %d",
                             neon_names[i], what, r);
                neon_check(&env, (unsigned)i, what);
            }
        }
    }
}

/* Runs one A32 instruction raw, optimised and in the JIT; the three must
 * agree on the vector file and FPSCR; env gets the raw run's state. */
static int neon_run1(ArmState *env, uint32_t insn)
{
    arm_test_map();
    uint32_t code[2] = {insn, 0xeaffffffu}; /* insn; b .+4 */
    memcpy((void *)(uintptr_t)ARM_CODE0, code, 8);
    ArmState opt = *env, jit = *env;
    int r = arm_test_exec(env, false, ARM_CODE0 + 8, ARM_RUN_RAW);
    cr_assert_eq(arm_test_exec(&opt, false, ARM_CODE0 + 8, ARM_RUN_OPT), r);
    cr_assert_eq(arm_test_exec(&jit, false, ARM_CODE0 + 8, ARM_RUN_JIT), r);
    cr_assert(!memcmp(env->v, opt.v, sizeof(env->v)), "%#x: opt vregs", insn);
    cr_assert(!memcmp(env->v, jit.v, sizeof(env->v)), "%#x: JIT vregs", insn);
    cr_assert_eq(env->fpsr, opt.fpsr);
    cr_assert_eq(env->fpsr, jit.fpsr);
    arm_test_same(env, &opt, "opt");
    arm_test_same(env, &jit, "jit");
    return r;
}

static void neon_setd(ArmState *env, int d, uint64_t v)
{
    memcpy((uint8_t *)env->v + 8 * d, &v, 8);
}

static uint64_t neon_d(const ArmState *env, int d)
{
    uint64_t v;
    memcpy(&v, (const uint8_t *)env->v + 8 * d, 8);
    return v;
}

/* FPSCR.QC (bit 27) is cumulative: a saturating op sets it only when some
 * lane saturates, and nothing but a write of FPSCR clears it. */
Test(arm_neon, qc_is_sticky)
{
    ArmState env;
    memset(&env, 0, sizeof(env));
    neon_setd(&env, 1, 0x7f7f7f7f7f7f7f01ull);
    neon_setd(&env, 2, 0x0101010101010101ull);
    cr_assert_eq(neon_run1(&env, 0xf2010012), IR_EXIT_LOOKUP); /* vqadd.s8 d0, d1, d2 */
    cr_expect_eq(neon_d(&env, 0), 0x7f7f7f7f7f7f7f02ull);
    cr_expect_eq(env.fpsr, SIMD_FPSR_QC);
    neon_run1(&env, 0xf2010802); /* vadd.i8 d0, d1, d2: wraps, QC stays */
    cr_expect_eq(neon_d(&env, 0), 0x8080808080808002ull);
    cr_expect_eq(env.fpsr, SIMD_FPSR_QC);
    env.fpsr = 0;
    neon_setd(&env, 1, 0x0102030405060708ull);
    neon_run1(&env, 0xf2010012); /* no lane saturates: QC stays clear */
    cr_expect_eq(neon_d(&env, 0), 0x0203040506070809ull);
    cr_expect_eq(env.fpsr, 0);
}

/* Advanced SIMD FP uses the standard FPSCR (Arm ARM StandardFPSCRValue):
 * round to nearest, flush-to-zero and default NaN, whatever FPSCR's
 * RMode/FZ/DN say; the cumulative flags still go to FPSCR. */
Test(arm_neon, standard_fpscr)
{
    ArmState env;
    memset(&env, 0, sizeof(env));
    env.fpcr = 3u << 22; /* RMode = RZ, FZ = 0, DN = 0 */
    /* lane 0: 1 + (2^-24 + 2^-47) rounds up to nearest (RZ would not);
     * lane 1: a denormal input is flushed to +0 (IDC) */
    neon_setd(&env, 1, 0x000000013f800000ull);
    neon_setd(&env, 2, 0x0000000033800001ull);
    neon_run1(&env, 0xf2010d02); /* vadd.f32 d0, d1, d2 */
    cr_expect_eq(neon_d(&env, 0), 0x000000003f800001ull);
    cr_expect_eq(env.fpsr, FPSR_IXC | FPSR_IDC);
    /* a signalling NaN gives the default NaN (not the quieted input) */
    env.fpsr = 0;
    neon_setd(&env, 1, 0x3f800000ff800001ull);
    neon_setd(&env, 2, 0x3f8000003f800000ull);
    neon_run1(&env, 0xf2010d02);
    cr_expect_eq(neon_d(&env, 0), 0x400000007fc00000ull);
    cr_expect_eq(env.fpsr, FPSR_IOC);
}

/* Encodings the architecture leaves UNDEFINED (or, for v8.1/v8.2
 * extensions, that an ARMv8.0 CPU without FEAT_RDM/FEAT_FP16 lacks). */
Test(arm_neon, undefined_encodings)
{
    static const uint32_t undef[] = {
        0xf2010b52, /* vpadd.i8 with Q=1: pairwise ops are D only */
        0xf2010842, /* vadd.i8 q, Vn odd: Q operands need even D numbers */
        0xf3110912, /* vmul.p16: polynomial VMUL is .P8 only */
        0xf464e20f, /* vld1.8 {d30-d33}: the list passes D31 */
        0xf4840f0f, /* "vst4.8 to all lanes": all-lanes is load only */
        0xf2b10802, /* vext.8 d0, d1, d2, #8: D form index 0..7 */
        0xf3890a52, /* vshll.u8 with bit 6 set */
        0xf2110d02, /* vadd.f16 (FEAT_FP16) */
        0xf3110b12, /* vqrdmlah.s16 (FEAT_RDM) */
    };
    for (size_t i = 0; i < sizeof(undef) / sizeof(undef[0]); i++) {
        ArmState env;
        memset(&env, 0, sizeof(env));
        env.r[4] = ARM_DATA0;
        cr_expect_eq(neon_run1(&env, undef[i]), IR_EXIT_UNDEF, "%#x", undef[i]);
        cr_expect(!neon_exec_dp(NULL, undef[i]) || (undef[i] >> 24) == 0xf4,
                  "%#x: executor accepts it", undef[i]);
    }
}

/* An :align qualifier is checked before any access (the arm kernel does
 * not fix NEON alignment faults up: SIGBUS BUS_ADRALN); without one, any
 * address is fine. */
Test(arm_neon, alignment)
{
    ArmState env;
    memset(&env, 0, sizeof(env));
    arm_test_map();
    memset(NEON_DATA, 0x5a, 64);
    env.r[4] = ARM_DATA0 + 8;
    neon_setd(&env, 0, 1);
    cr_expect_eq(neon_run1(&env, 0xf424026d), IR_EXIT_ALIGN); /* vld1.16 {d0-d3}, [r4:128]! */
    cr_expect_eq(env.fault_addr, ARM_DATA0 + 8);
    cr_expect_eq(env.r[4], ARM_DATA0 + 8, "no writeback");
    cr_expect_eq(neon_d(&env, 0), 1, "no register written");
    env.r[4] = ARM_DATA0 + 16;
    cr_expect_eq(neon_run1(&env, 0xf424026d), IR_EXIT_LOOKUP);
    cr_expect_eq(env.r[4], ARM_DATA0 + 48);
    cr_expect_eq(neon_d(&env, 3), 0x5a5a5a5a5a5a5a5aull);
    /* :256 is 32 bytes (Arm ARM: alignment = 4 << align); qemu 7.2
     * checks only 16 of them (its pow2_align caps at MO_ALIGN_16), so
     * this case is the architecture's, not the oracle's */
    env.r[4] = ARM_DATA0 + 16;
    cr_expect_eq(neon_run1(&env, 0xf40402ff), IR_EXIT_ALIGN); /* vst1.64 {d0-d3}, [r4:256] */
    cr_expect_eq(env.fault_addr, ARM_DATA0 + 16);
    env.r[4] = ARM_DATA0 + 32;
    cr_expect_eq(neon_run1(&env, 0xf40402ff), IR_EXIT_LOOKUP);
    env.r[4] = ARM_DATA0 + 2;
    cr_expect_eq(neon_run1(&env, 0xf48408bf), IR_EXIT_ALIGN); /* vst1.32 {d0[1]}, [r4:32] */
    env.r[4] = ARM_DATA0 + 1;
    neon_setd(&env, 0, 0);
    cr_expect_eq(neon_run1(&env, 0xf424078f), IR_EXIT_LOOKUP); /* vld1.32 {d0}, [r4] */
    cr_expect_eq(neon_d(&env, 0), 0x5a5a5a5a5a5a5a5aull);
}

/* The A32 encodings of 3-same (opc:B as key) and of the shifts by
 * immediate (L:imm6 from esz and the shift), register numbers as D. */
static uint32_t neon_enc3(int u, int size, int key, int q, int d, int n, int m)
{
    return 0xf2000000u | (uint32_t)u << 24 | (uint32_t)(d >> 4) << 22 |
           (uint32_t)size << 20 | (uint32_t)(n & 15) << 16 |
           (uint32_t)(d & 15) << 12 | (uint32_t)(key >> 1) << 8 |
           (uint32_t)(n >> 4) << 7 | (uint32_t)q << 6 | (uint32_t)(m >> 4) << 5 |
           (uint32_t)(key & 1) << 4 | (uint32_t)(m & 15);
}
static uint32_t neon_encsh(int u, int opc, int esz, int sh, bool left, int q,
                           int d, int m)
{
    int eb = 8 << esz;
    unsigned imm = left ? (unsigned)(eb + sh) : (unsigned)(2 * eb - sh);
    if (esz == 3)
        imm = left ? 64u + (unsigned)sh : 64u + (unsigned)(64 - sh);
    return 0xf2800010u | (uint32_t)u << 24 | (uint32_t)(d >> 4) << 22 |
           (imm & 63) << 16 | (uint32_t)(d & 15) << 12 | (uint32_t)opc << 8 |
           ((imm >> 6) & 1) << 7 | (uint32_t)q << 6 | (uint32_t)(m >> 4) << 5 |
           (uint32_t)(m & 15);
}

/* A random valid instruction of the forms the back end inlines (IR_VOP
 * on a Q register or on one D register, tcg/x86-vec.c): 3-same integer
 * lane ops, pairwise ops, VSHR/VSRA/VSHL by immediate, VMVN, VMOVN, the
 * crypto instructions and VMULL.P64, VMULL (integer), VREV, VDUP (scalar).
 * Registers come
 * from d0..d7 so that sequences hit the same Q registers through both
 * halves (the back end's register cache). */
static uint32_t neon_rand_vop(void)
{
    static const int keys[][2] = { /* key, U */
        {0x10, 0}, {0x10, 1}, {0x13, 0}, {0x12, 0}, {0x12, 1}, {0x6, 0},
        {0x6, 1}, {0x7, 0}, {0x7, 1}, {0xc, 0}, {0xc, 1}, {0xd, 0}, {0xd, 1},
        {0x11, 0}, {0x11, 1}, {0x14, 0}, {0x14, 1}, {0x15, 0}, {0x15, 1},
        {0x17, 0}, {0x3, 0}, {0x3, 1}};
    for (;;) {
        uint64_t r = neon_next();
        int q = (int)(r & 1), mask = q ? 6 : 7;
        int d = (int)(r >> 8) & mask, n = (int)(r >> 12) & mask,
            m = (int)(r >> 16) & mask;
        uint32_t insn;
        if ((r & 0x1800000000000000ull) == 0x1800000000000000ull) {
            /* crypto on q0..q3, VMULL.P64 (AES-NI, SHA-NI, PCLMULQDQ) */
            static const uint32_t cr[] = {
                0xf2000c40, 0xf2100c40, 0xf2200c40, 0xf2300c40, /* sha1c/p/m/su0 */
                0xf3000c40, 0xf3100c40, 0xf3200c40, /* sha256h/h2/su1 */
                0xf3b00300, 0xf3b00340, 0xf3b00380, 0xf3b003c0, /* aese/d/mc/imc */
                0xf3b902c0, 0xf3ba0380, 0xf3ba03c0, /* sha1h sha1su1 sha256su0 */
                0xf2a00e00}; /* vmull.p64 */
            int k = (int)((r >> 40) % (sizeof(cr) / sizeof(cr[0])));
            int qd = d & 6, qn = k == 14 ? n : n & 6, qm = k == 14 ? m : m & 6;
            insn = cr[k] | (uint32_t)qd << 12 | (uint32_t)qm;
            if (k < 7 || k == 14)
                insn |= (uint32_t)qn << 16;
        } else if ((r & 0x6000000000000000ull) == 0x6000000000000000ull) {
            /* VMULL.S/U (integer), VREV16/32/64, VDUP (scalar),
             * VPADDL/VPADAL, VTRN/VUZP/VZIP */
            int kind = (int)((r >> 40) % 5);
            if (kind == 0)
                insn = 0xf2800c00u | (uint32_t)((r >> 44) & 1) << 24 |
                       (uint32_t)((r >> 45) % 3) << 20 | (uint32_t)(d & 6) << 12 |
                       (uint32_t)n << 16 | (uint32_t)m;
            else if (kind == 1)
                insn = 0xf3b00000u | (uint32_t)((r >> 44) & 3) << 18 |
                       (uint32_t)((r >> 46) % 3) << 7 | (uint32_t)q << 6 |
                       (uint32_t)d << 12 | (uint32_t)m;
            else if (kind == 4)
                insn = 0xf3b20000u | (uint32_t)((r >> 44) % 3) << 18 |
                       (uint32_t)(1 + (r >> 46) % 3) << 7 | (uint32_t)q << 6 |
                       (uint32_t)d << 12 | (uint32_t)m;
            else if (kind == 3)
                insn = 0xf3b00200u | (uint32_t)((r >> 44) % 3) << 18 |
                       (uint32_t)((r >> 46) & 1) << 7 | (uint32_t)((r >> 47) & 1) << 10 |
                       (uint32_t)q << 6 | (uint32_t)d << 12 | (uint32_t)m;
            else
                insn = 0xf3b00c00u | (uint32_t)(1 + (r >> 44) % 15) << 16 |
                       (uint32_t)q << 6 | (uint32_t)d << 12 | (uint32_t)(r >> 48 & 7);
        } else if ((r & 0x600000000000000ull) == 0x600000000000000ull) {
            /* 2-misc: VMVN (Q or D), VMOVN Qm -> Dd */
            bool mvn = (r >> 40) & 1;
            int dd = mvn ? d : (int)(r >> 8) & 7, mm = mvn ? m : m & 6;
            /* ... and VQMOVUN/VQMOVN.S/VQMOVN.U (op = bits 7:6) */
            insn = (mvn ? 0xf3b00580u | (uint32_t)q << 6
                        : 0xf3b20200u | (uint32_t)((r >> 44) % 3) << 18 |
                              (uint32_t)((r >> 50) & 3) << 6) |
                   (uint32_t)(dd >> 4) << 22 | (uint32_t)(dd & 15) << 12 |
                   (uint32_t)(mm >> 4) << 5 | (uint32_t)(mm & 15);
        } else if ((r >> 1) & 1) {
            static const int opcs[3] = {0, 1, 5};
            int opc = opcs[(r >> 20) % 3], esz = (int)(r >> 24) & 3;
            int eb = 8 << esz, u = opc == 5 ? 0 : (int)(r >> 28) & 1;
            int sh = (int)((r >> 32) % (unsigned)eb) + (opc == 5 ? 0 : 1);
            insn = neon_encsh(u, opc, esz, sh, opc == 5, q, d, m);
        } else {
            int k = (int)((r >> 20) % (sizeof(keys) / sizeof(keys[0])));
            insn = neon_enc3(keys[k][1], (int)(r >> 28) & 3, keys[k][0], q, d, n, m);
        }
        if (neon_exec_dp(NULL, insn))
            return insn;
    }
}

/* Sequences of 4 inline-able instructions, JIT against the interpreter
 * (whose VOPs are the exact executors) and against the executors alone,
 * on lanes full of sign, carry and saturation edges. */
Test(arm_neon, inline_vops_match_executors)
{
    static const uint64_t edge[8] = {
        0, ~0ull, 0x8000000000000000ull, 0x7fffffffffffffffull,
        0x8080808080808080ull, 0x7f7f7f7f7f7f7f7full, 0x8000800080008000ull,
        0x0000ffff7fffffffull};
    arm_test_map();
    neon_rng = 0x1234567887654321ull;
    for (int t = 0; t < 3000; t++) {
        ArmState env;
        memset(&env, 0, sizeof(env));
        for (int d = 0; d < 8; d++) {
            uint64_t r = neon_next();
            neon_setd(&env, d, (r & 3) ? neon_next() ^ (r & 4 ? edge[(r >> 3) & 7] : 0)
                                       : edge[(r >> 3) & 7]);
        }
        uint32_t code[5];
        for (int i = 0; i < 4; i++)
            code[i] = neon_rand_vop();
        code[4] = 0xeaffffffu;
        memcpy((void *)(uintptr_t)ARM_CODE0, code, sizeof(code));
        ArmState ref = env, raw = env, jit = env;
        for (int i = 0; i < 4; i++)
            neon_exec_dp(&ref, code[i]);
        cr_assert_eq(arm_test_exec(&raw, false, ARM_CODE0 + 20, ARM_RUN_RAW),
                     IR_EXIT_LOOKUP);
        cr_assert_eq(arm_test_exec(&jit, false, ARM_CODE0 + 20, ARM_RUN_JIT),
                     IR_EXIT_LOOKUP);
        for (int d = 0; d < 32; d++) {
            cr_assert_eq(neon_d(&raw, d), neon_d(&ref, d),
                         "%#x %#x %#x %#x: raw d%d", code[0], code[1], code[2],
                         code[3], d);
            cr_assert_eq(neon_d(&jit, d), neon_d(&ref, d),
                         "%#x %#x %#x %#x: JIT d%d = %#llx, want %#llx", code[0],
                         code[1], code[2], code[3], d,
                         (unsigned long long)neon_d(&jit, d),
                         (unsigned long long)neon_d(&ref, d));
        }
        cr_assert_eq(jit.fpsr, ref.fpsr);
    }
}

/* A lane for the FP tests: specials, denormals, values near the
 * smallest normal and near overflow, and ordinary numbers. */
static uint32_t neon_rand_f32(void)
{
    static const uint32_t sp[] = {
        0, 0x80000000u, 0x00000001u, 0x807fffffu, 0x00400000u, 0x00800000u,
        0x80800000u, 0x00ffffffu, 0x01000000u, 0x01800001u, 0x7f7fffffu,
        0xff7fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7f800001u,
        0xffc01234u, 0x3f800000u, 0xbf800000u, 0x3f800001u, 0x33800000u,
        0x5f800000u, 0x1f800000u, 0x20000000u};
    uint64_t r = neon_next();
    switch (r & 7) {
    case 0: case 1: return sp[(r >> 8) % (sizeof(sp) / sizeof(sp[0]))];
    case 2: /* tiny exponents: results around the smallest normal */
        return ((uint32_t)(r >> 32) & 0x807fffffu) | ((uint32_t)(r >> 16) & 0x03800000u);
    case 3: /* small integers: many exact results (IXC clear stays clear) */
        return 0x3f800000u + ((uint32_t)(r >> 40) & 0x01f00000u) +
               ((uint32_t)(r >> 20) & 0x80000000u);
    default: /* moderate magnitudes */
        return ((uint32_t)(r >> 32) & 0x807fffffu) | 0x38000000u |
               ((uint32_t)(r >> 12) & 0x0f800000u);
    }
}

/* NEON F32 VADD/VSUB/VMUL/VMLA/VMLS/VFMA/VFMS/VCEQ/VCGE/VCGT, inlined under the
 * standard FPSCR (IR_VS_STD): sequences of 3, Q and D forms, on lanes
 * with NaNs, infinities, denormals (flushed: IDC) and results near the
 * underflow and overflow thresholds, with FPSCR's own FZ/DN/RMode set at
 * random (NEON must ignore them) and its flags, IXC among them, clear or
 * set: the JIT gives the executors' registers and FPSCR. */
Test(arm_neon, inline_fp_matches_executors)
{
    static const int ops[][3] = { /* key, U, op (bit 21) */
        {0x1a, 0, 0}, {0x1a, 0, 1}, {0x1b, 1, 0}, {0x1b, 0, 0}, {0x1b, 0, 1},
        {0x19, 0, 0}, {0x19, 0, 1}, {0x1c, 0, 0}, {0x1c, 1, 0}, {0x1c, 1, 1}};
    arm_test_map();
    neon_rng = 0x0f1e2d3c4b5a6978ull;
    for (int t = 0; t < 4000; t++) {
        ArmState env;
        memset(&env, 0, sizeof(env));
        for (int w = 0; w < 16; w++) {
            uint32_t v = neon_rand_f32();
            memcpy((uint8_t *)env.v + 4 * w, &v, 4);
        }
        uint64_t r = neon_next();
        env.fpcr = (r & 1) ? 0 : (uint32_t)(r >> 32) & 0x07c00000u;
        env.fpsr = (r & 2) ? 0 : (uint32_t)(r >> 40) & 0x0800009fu;
        uint32_t code[4];
        for (int i = 0; i < 3; i++) {
            uint64_t x = neon_next();
            int q = (int)(x & 1), mask = q ? 6 : 7;
            int k = (int)((x >> 4) % (sizeof(ops) / sizeof(ops[0])));
            code[i] = neon_enc3(ops[k][1], ops[k][2] << 1, ops[k][0], q,
                                (int)(x >> 8) & mask, (int)(x >> 12) & mask,
                                (int)(x >> 16) & mask);
            cr_assert(neon_exec_dp(NULL, code[i]), "%#x", code[i]);
        }
        code[3] = 0xeaffffffu;
        memcpy((void *)(uintptr_t)ARM_CODE0, code, sizeof(code));
        ArmState ref = env, jit = env;
        for (int i = 0; i < 3; i++)
            neon_exec_dp(&ref, code[i]);
        cr_assert_eq(arm_test_exec(&jit, false, ARM_CODE0 + 16, ARM_RUN_JIT),
                     IR_EXIT_LOOKUP);
        for (int d = 0; d < 8; d++)
            cr_assert_eq(neon_d(&jit, d), neon_d(&ref, d),
                         "%#x %#x %#x fpcr %#x: JIT d%d = %#llx, want %#llx",
                         code[0], code[1], code[2], env.fpcr, d,
                         (unsigned long long)neon_d(&jit, d),
                         (unsigned long long)neon_d(&ref, d));
        cr_assert_eq(jit.fpsr, ref.fpsr, "%#x %#x %#x: fpsr %#x, want %#x",
                     code[0], code[1], code[2], jit.fpsr, ref.fpsr);
    }
}

/* In Thumb an IT block makes NEON instructions conditional: inline (VOP,
 * VLD1 with writeback) and helper forms alike run only when the
 * condition holds. */
Test(arm_neon, thumb_it_block)
{
    static const uint32_t t32[] = {
        0xef020844, /* vadd.i8 q0, q1, q2 (VOP) */
        0xef020054, /* vqadd.s8 q0, q1, q2 (helper) */
        0xf9240a8d, /* vld1.32 {d0, d1}, [r4]! */
    };
    arm_test_map();
    memset(NEON_DATA, 0x11, 64);
    for (int i = 0; i < 3; i++) {
        for (int z = 0; z < 2; z++) {
            for (int how = 0; how < 3; how++) {
                /* it eq; <insn>; b.n next */
                uint16_t code[4] = {0xbf08, (uint16_t)(t32[i] >> 16),
                                    (uint16_t)t32[i], 0xe7ff};
                memcpy((void *)(uintptr_t)ARM_CODE0, code, sizeof(code));
                ArmState env;
                memset(&env, 0, sizeof(env));
                env.nzcv = z ? ARM_ZF : 0;
                env.r[4] = ARM_DATA0;
                neon_setd(&env, 2, 0x0102030405060708ull);
                neon_setd(&env, 4, 0x1010101010101010ull);
                int r = arm_test_exec(&env, true, ARM_CODE0 + 8, how);
                cr_assert_eq(r, IR_EXIT_LOOKUP);
                uint64_t want = !z ? 0 : i < 2 ? 0x1112131415161718ull
                                               : 0x1111111111111111ull;
                cr_expect_eq(neon_d(&env, 0), want, "insn %d Z=%d how %d", i, z, how);
                cr_expect_eq(env.r[4], ARM_DATA0 + (z && i == 2 ? 16 : 0));
            }
        }
    }
}

#endif
