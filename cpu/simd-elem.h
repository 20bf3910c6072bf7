/*
 * cpu/simd-elem.h - element helpers of the Advanced SIMD semantics that
 * both front ends share (cpu/aarch64/simd-*.c through simd-internal.h,
 * cpu/arm/neon*.c through neon-internal.h): the cumulative saturation bit,
 * SignedSatQ/UnsignedSatQ, shifts with infinite precision and lane access
 * to a little-endian register image.  Guest-neutral: the saturation
 * helpers take a pointer to the FPSR-layout flags word (A64 FPSR, or the
 * AArch32 FPSCR's cumulative bits, which emu keeps in the same layout).
 */
#ifndef EMU_CPU_SIMD_ELEM_H
#define EMU_CPU_SIMD_ELEM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* FPSR.QC / FPSCR.QC: cumulative saturation (bit 27 of both). */
#define SIMD_FPSR_QC (1u << 27)

/* SignedSatQ (is_unsigned false) / UnsignedSatQ of the Arm ARM
 * pseudocode to `bits` bits, setting QC in *fpsr when it saturates. */
static inline uint64_t simd_sat(uint32_t *fpsr, __int128 v, int bits,
                                bool is_unsigned)
{
    __int128 max, min;
    if (is_unsigned) {
        max = ((__int128)1 << bits) - 1;
        min = 0;
    } else {
        max = ((__int128)1 << (bits - 1)) - 1;
        min = -max - 1;
    }
    if (v > max) {
        *fpsr |= SIMD_FPSR_QC;
        return (uint64_t)max;
    }
    if (v < min) {
        *fpsr |= SIMD_FPSR_QC;
        return (uint64_t)min;
    }
    return (uint64_t)v;
}

/* Shift of an EB-bit element by a signed amount with infinite precision
 * (SSHL/USHL/SRSHL/..., VSHL/VRSHL/VQSHL/VQRSHL, and the immediate
 * shifts).  A left shift that moves any set bit out of range returns a
 * value beyond every EB-bit range, so the saturating forms saturate and
 * the truncating forms (whose result is the low EB bits, 0) stay right. */
static inline __int128 simd_shift(__int128 x, int sh, bool round, int eb)
{
    if (sh >= 0) {
        if (sh >= eb)
            return x == 0
                       ? 0
                       : (x < 0 ? -((__int128)1 << 126) : ((__int128)1 << 126));
        return (__int128)((unsigned __int128)x << sh);
    }
    sh = -sh;
    if (sh > eb + 1)
        sh = eb + 1;
    if (round)
        x += (__int128)1 << (sh - 1);
    return x >> sh;
}

/* Lane i of 1 << esz bytes of a register image (host and guest are
 * little-endian: lane i is bytes [i << esz, (i + 1) << esz)). */
static inline uint64_t simd_lane_get(const uint8_t *p, int esz, int i)
{
    switch (esz) {
    case 0:
        return p[i];
    case 1: {
        uint16_t v;
        memcpy(&v, p + 2 * i, 2);
        return v;
    }
    case 2: {
        uint32_t v;
        memcpy(&v, p + 4 * i, 4);
        return v;
    }
    default: {
        uint64_t v;
        memcpy(&v, p + 8 * i, 8);
        return v;
    }
    }
}
static inline void simd_lane_put(uint8_t *p, int esz, int i, uint64_t v)
{
    switch (esz) {
    case 0:
        p[i] = (uint8_t)v;
        break;
    case 1: {
        uint16_t x = (uint16_t)v;
        memcpy(p + 2 * i, &x, 2);
        break;
    }
    case 2: {
        uint32_t x = (uint32_t)v;
        memcpy(p + 4 * i, &x, 4);
        break;
    }
    default:
        memcpy(p + 8 * i, &v, 8);
        break;
    }
}

#endif
