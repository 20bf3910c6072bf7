/*
 * cpu/arm/neon-3diff.c - Advanced SIMD three registers of different
 * lengths (A32 1111 001U 1Dss nnnn dddd oooo N0M0 mmmm, size != 11: the
 * long, wide and narrow forms VADDL VADDW VSUBL VSUBW VADDHN VRADDHN
 * VSUBHN VRSUBHN VABAL VABDL VMLAL VMLSL VMULL (incl. .P8 and v8 .P64)
 * VQDMLAL VQDMLSL VQDMULL) and two registers and a scalar
 * (1111 001Q 1Dss nnnn dddd oooo N1M0 mmmm: the by-scalar VMLA VMLS VMUL
 * (integer and F32), VMLAL VMLSL VMULL VQDMLAL VQDMLSL VQDMULL VQDMULH
 * VQRDMULH).
 *
 * Invariants: size is the narrow element; Q operands (Vd of the long and
 * wide forms, Vn of the wide and narrow forms, Vm of the narrow forms)
 * need even register numbers; the saturating doubling forms exist for 16-
 * and 32-bit elements only and saturate twice (product, then accumulate),
 * each setting QC.
 */
#include "cpu/arm/neon-internal.h"
#include "cpu/crypto.h"

/* One long lane op: x, y narrow lanes (already extended), d the wide
 * accumulator lane; opc 5 (VABAL) 7 (VABDL) 8 10 12 (VMLAL VMLSL VMULL)
 * 9 11 13 (VQDMLAL VQDMLSL VQDMULL). */
static uint64_t neon_long_lane(ArmState *env, int opc, int eb, __int128 x,
                               __int128 y, uint64_t d)
{
    __int128 p;
    switch (opc) {
    case 5: return d + (uint64_t)(x > y ? x - y : y - x);
    case 7: return (uint64_t)(x > y ? x - y : y - x);
    case 8: return d + (uint64_t)(x * y);
    case 10: return d - (uint64_t)(x * y);
    case 12: return (uint64_t)(x * y);
    default:
        p = (__int128)(int64_t)neon_sat(env, 2 * x * y, 2 * eb, false);
        p = (__int128)neon_sext((uint64_t)p, 2 * eb);
        if (opc == 13)
            return (uint64_t)p;
        {
            __int128 acc = neon_int(d, 2 * eb, false);
            return neon_sat(env, opc == 9 ? acc + p : acc - p, 2 * eb, false);
        }
    }
}

/* Typed loops for the long and wide non-saturating forms (opc 0-3, 5, 7,
 * 8, 10, 12): the results of the generic loop below, which stays the
 * reference.  x, y are the operands extended to int64_t (the wide Vn of
 * VADDW/VSUBW as is), d the wide accumulator. */
#define NEON_L(NT, NST, WT, WST, EXPR)                                        \
    do {                                                                      \
        for (int i = 0; i < lanes; i++) {                                     \
            NT b0;                                                            \
            WT d;                                                             \
            int64_t x, y;                                                     \
            memcpy(&b0, m + i * sizeof(NT), sizeof(NT));                      \
            memcpy(&d, dd + i * sizeof(WT), sizeof(WT));                      \
            if (wide) {                                                       \
                WT w;                                                         \
                memcpy(&w, n + i * sizeof(WT), sizeof(WT));                   \
                x = u ? (int64_t)w : (int64_t)(WST)w;                         \
            } else {                                                          \
                NT a0;                                                        \
                memcpy(&a0, n + i * sizeof(NT), sizeof(NT));                  \
                x = u ? (int64_t)a0 : (int64_t)(NST)a0;                       \
            }                                                                 \
            y = u ? (int64_t)b0 : (int64_t)(NST)b0;                           \
            (void)d;                                                          \
            WT v = (WT)(EXPR);                                                \
            memcpy(r + i * sizeof(WT), &v, sizeof(WT));                       \
        }                                                                     \
    } while (0)
#define NEON_L_SIZES(EXPR)                                                    \
    switch (size) {                                                           \
    case 0: NEON_L(uint8_t, int8_t, uint16_t, int16_t, EXPR); break;          \
    case 1: NEON_L(uint16_t, int16_t, uint32_t, int32_t, EXPR); break;        \
    default: NEON_L(uint32_t, int32_t, uint64_t, int64_t, EXPR); break;       \
    }
static bool neon_long_fast(int opc, bool u, bool wide, int size, int lanes,
                           const uint8_t *n, const uint8_t *m,
                           const uint8_t *dd, uint8_t *r)
{
    switch (opc) {
    case 0: case 1: NEON_L_SIZES((uint64_t)x + (uint64_t)y); return true;
    case 2: case 3: NEON_L_SIZES((uint64_t)x - (uint64_t)y); return true;
    case 5: NEON_L_SIZES(d + (uint64_t)(x > y ? x - y : y - x)); return true;
    case 7: NEON_L_SIZES((uint64_t)(x > y ? x - y : y - x)); return true;
    case 8: NEON_L_SIZES(d + (uint64_t)x * (uint64_t)y); return true;
    case 10: NEON_L_SIZES(d - (uint64_t)x * (uint64_t)y); return true;
    case 12: NEON_L_SIZES((uint64_t)x * (uint64_t)y); return true;
    default: return false;
    }
}

bool neon_exec_3diff(ArmState *env, uint32_t insn)
{
    int opc = (insn >> 8) & 15, size = NEON_SIZE(insn);
    bool u = NEON_U(insn);
    int rd = NEON_VD(insn), rn = NEON_VN(insn), rm = NEON_VM(insn);
    bool narrow = opc == 4 || opc == 6, wide = opc == 1 || opc == 3;
    if (opc == 15)
        return false;
    if ((opc == 9 || opc == 11 || opc == 13) && (u || size == 0))
        return false;
    if (opc == 14 && (u || size == 1))
        return false;
    if (narrow ? ((rn | rm) & 1) : (rd & 1))
        return false;
    if (wide && (rn & 1))
        return false;
    if (!env)
        return true;

    int eb = 8 << size, lanes = 8 >> size;
    /* in place unless a narrow source overlaps the wide destination */
    int nlast = rn + (wide ? 1 : 0);
    if (!narrow && opc != 14 && (nlast < rd || rn > rd + 1) &&
        (rm < rd || rm > rd + 1) &&
        neon_long_fast(opc, u, wide, size, lanes, neon_dreg(env, rn),
                       neon_dreg(env, rm), neon_dreg(env, rd),
                       neon_dreg(env, rd)))
        return true;
    uint8_t n[16], m[16], d[16], r[16];
    neon_read(env, rn, 2, n);
    neon_read(env, rm, 2, m);
    neon_read(env, rd, 2, d);
    if (opc == 14) {
        if (size == 2) { /* VMULL.P64 */
            uint64_t x, y;
            memcpy(&x, n, 8);
            memcpy(&y, m, 8);
            unsigned __int128 p = crypto_clmul64(x, y);
            memcpy(r, &p, 16);
        } else {
            for (int i = 0; i < 8; i++)
                simd_lane_put(r, 1, i, (uint64_t)crypto_clmul64(n[i], m[i]));
        }
        neon_write(env, rd, 2, r);
        return true;
    }
    if (narrow) { /* VADDHN/VSUBHN, U = rounding */
        for (int i = 0; i < lanes; i++) {
            uint64_t x = simd_lane_get(n, size + 1, i), y = simd_lane_get(m, size + 1, i);
            uint64_t v = opc == 4 ? x + y : x - y;
            if (u)
                v += 1ull << (eb - 1);
            simd_lane_put(r, size, i, v >> eb);
        }
        neon_write(env, rd, 1, r);
        return true;
    }
    if (neon_long_fast(opc, u, wide, size, lanes, n, m, d, r)) {
        neon_write(env, rd, 2, r);
        return true;
    }
    for (int i = 0; i < lanes; i++) {
        __int128 x = wide ? neon_int(simd_lane_get(n, size + 1, i), 2 * eb, u)
                          : neon_int(simd_lane_get(n, size, i), eb, u);
        __int128 y = neon_int(simd_lane_get(m, size, i), eb, u);
        uint64_t v;
        if (opc <= 3)
            v = (uint64_t)(opc & 2 ? x - y : x + y);
        else
            v = neon_long_lane(env, opc, eb, x, y, simd_lane_get(d, size + 1, i));
        simd_lane_put(r, size + 1, i, v);
    }
    neon_write(env, rd, 2, r);
    return true;
}

bool neon_exec_scalar(ArmState *env, uint32_t insn)
{
    int opc = (insn >> 8) & 15, size = NEON_SIZE(insn);
    bool bit24 = NEON_U(insn);
    int rd = NEON_VD(insn), rn = NEON_VN(insn);
    bool is_long = opc == 2 || opc == 3 || opc == 6 || opc == 7 ||
                   opc == 10 || opc == 11;
    bool fp = !is_long && (opc & 1) && opc < 12;
    if (size == 0 || opc >= 14)
        return false;
    if (fp && size != 2)
        return false;
    if ((opc == 3 || opc == 7 || opc == 11) && bit24)
        return false;
    if (is_long ? (rd & 1) : (bit24 && ((rd | rn) & 1)))
        return false;
    if (!env)
        return true;

    int esz = size, eb = 8 << size;
    int rm, idx;
    if (size == 1) {
        rm = (int)(insn & 7);
        idx = (int)(((insn >> 4) & 2) | ((insn >> 3) & 1));
    } else {
        rm = (int)(insn & 15);
        idx = (int)((insn >> 5) & 1);
    }
    uint8_t n[16], dm[8], d[16], r[16];
    neon_read(env, rn, 2, n);
    neon_read(env, rm, 1, dm);
    neon_read(env, rd, 2, d);
    uint64_t sc = simd_lane_get(dm, esz, idx);
    if (is_long) {
        bool u = bit24;
        /* the by-scalar long ops are the 3diff ones with opc 2 3 6 7 10 11
         * standing for 8 9 10 11 12 13 */
        static const int map[12] = {0, 0, 8, 9, 0, 0, 10, 11, 0, 0, 12, 13};
        for (int i = 0; i < 8 >> esz; i++) {
            __int128 x = neon_int(simd_lane_get(n, esz, i), eb, u);
            __int128 y = neon_int(sc, eb, u);
            simd_lane_put(r, esz + 1, i,
                     neon_long_lane(env, map[opc], eb, x, y,
                                    simd_lane_get(d, esz + 1, i)));
        }
        neon_write(env, rd, 2, r);
        return true;
    }
    int regs = bit24 ? 2 : 1, lanes = (8 * regs) >> esz;
    if (fp) {
        FPStatus f = neon_fpst(env);
        for (int i = 0; i < lanes; i++) {
            uint32_t x = (uint32_t)simd_lane_get(n, 2, i), v;
            v = fp32_mul(&f, x, (uint32_t)sc);
            if (opc != 9) {
                uint32_t acc = (uint32_t)simd_lane_get(d, 2, i);
                v = fp32_add(&f, acc, opc == 5 ? fp32_neg(v) : v);
            }
            simd_lane_put(r, 2, i, v);
        }
    } else {
        for (int i = 0; i < lanes; i++) {
            uint64_t x = simd_lane_get(n, esz, i), acc = simd_lane_get(d, esz, i), v;
            if (opc >= 12) { /* VQDMULH / VQRDMULH */
                __int128 p = 2 * neon_int(x, eb, false) * neon_int(sc, eb, false);
                if (opc == 13)
                    p += (__int128)1 << (eb - 1);
                v = neon_sat(env, p >> eb, eb, false);
            } else if (opc == 8) {
                v = x * sc;
            } else {
                v = opc == 4 ? acc - x * sc : acc + x * sc;
            }
            simd_lane_put(r, esz, i, v);
        }
    }
    neon_write(env, rd, regs, r);
    return true;
}
