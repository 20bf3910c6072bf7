/*
 * cpu/arm/neon-3same.c - Advanced SIMD "three registers of the same
 * length" (Arm ARM A32 1111 001U 0Dss nnnn dddd oooo NQMo mmmm, T32
 * 111U 1111 ...): integer arithmetic, halving, saturating (QC), rounding,
 * compares, abs-diff, min/max, pairwise, shifts by register, VMUL/VMLA/
 * VMLS/VMUL.P8, VQDMULH/VQRDMULH, VTST, the logical ops and the FP forms.
 * SHA1C/P/M/SU0 and SHA256H/H2/SU1 live in this space too; they are
 * executed by neon-crypto.c.
 *
 * Invariants: operands are copied before the destination is written;
 * Q=1 needs even register numbers (else UNDEF); pairwise ops exist only
 * with Q=0; 64-bit elements exist only for VADD/VSUB/VQADD/VQSUB and the
 * shifts by register.
 */
#include "cpu/arm/neon-internal.h"

/* Polynomial (carry-less) multiply of two 8-bit values, low 8 bits. */
static uint8_t neon_pmul8(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    for (int i = 0; i < 8; i++)
        if (b & (1u << i))
            r ^= (uint8_t)(a << i);
    return r;
}

/* One lane of an integer 3-same op.  a = Vn lane, b = Vm lane, d = old
 * Vd lane; key = opc << 1 | B. */
static uint64_t neon_int_lane(ArmState *env, int key, bool u, int eb,
                              uint64_t a, uint64_t b, uint64_t d)
{
    __int128 x = neon_int(a, eb, u), y = neon_int(b, eb, u);
    __int128 sx, sy;
    int sh;
    switch (key) {
    case 0x0: return (uint64_t)((x + y) >> 1);         /* VHADD */
    case 0x1: return neon_sat(env, x + y, eb, u);      /* VQADD */
    case 0x2: return (uint64_t)((x + y + 1) >> 1);     /* VRHADD */
    case 0x4: return (uint64_t)((x - y) >> 1);         /* VHSUB */
    case 0x5: return neon_sat(env, x - y, eb, u);      /* VQSUB */
    case 0x6: return x > y ? ~0ull : 0;                /* VCGT */
    case 0x7: return x >= y ? ~0ull : 0;               /* VCGE */
    case 0x8: case 0x9: case 0xa: case 0xb:
        /* VSHL/VQSHL/VRSHL/VQRSHL (register): the value is Vm, the
         * signed shift is the low byte of the Vn lane. */
        sh = (int)(int8_t)(uint8_t)a;
        sx = simd_shift(y, sh, key >= 0xa, eb);
        if (key & 1)
            return neon_sat(env, sx, eb, u);
        return (uint64_t)sx;
    case 0xc: return (uint64_t)(x > y ? x : y);        /* VMAX */
    case 0xd: return (uint64_t)(x < y ? x : y);        /* VMIN */
    case 0xe: return (uint64_t)(x > y ? x - y : y - x); /* VABD */
    case 0xf: return d + (uint64_t)(x > y ? x - y : y - x); /* VABA */
    case 0x10: return u ? a - b : a + b;               /* VADD / VSUB */
    case 0x11:                                         /* VTST / VCEQ */
        if (u)
            return (a & neon_ones(eb)) == (b & neon_ones(eb)) ? ~0ull : 0;
        return (a & b & neon_ones(eb)) ? ~0ull : 0;
    case 0x12: return u ? d - a * b : d + a * b;       /* VMLA / VMLS */
    case 0x13:                                         /* VMUL, VMUL.P8 */
        return u ? neon_pmul8((uint8_t)a, (uint8_t)b) : a * b;
    case 0x16:                                         /* VQDMULH/VQRDMULH */
        sx = neon_int(a, eb, false);
        sy = neon_int(b, eb, false);
        sx = 2 * sx * sy + (u ? (__int128)1 << (eb - 1) : 0);
        return neon_sat(env, sx >> eb, eb, false);
    default: return 0;
    }
}

/* Logical ops (opc 0001, B=1) on 64-bit chunks. */
static uint64_t neon_logic(int op, uint64_t n, uint64_t m, uint64_t d)
{
    switch (op) {
    case 0: return n & m;                    /* VAND */
    case 1: return n & ~m;                   /* VBIC */
    case 2: return n | m;                    /* VORR (VMOV) */
    case 3: return n | ~m;                   /* VORN */
    case 4: return n ^ m;                    /* VEOR */
    case 5: return (n & d) | (m & ~d);       /* VBSL */
    case 6: return (n & m) | (d & ~m);       /* VBIT */
    default: return (n & ~m) | (d & m);      /* VBIF */
    }
}

/* Pairwise integer ops (Q=0): lanes 0..h-1 from pairs of Vn, h.. from
 * pairs of Vm.  op: 0 VPMAX, 1 VPMIN, 2 VPADD. */
static void neon_pairwise(int op, bool u, int esz, const uint8_t *n,
                          const uint8_t *m, uint8_t *r)
{
    int eb = 8 << esz, h = 4 >> esz;
    for (int i = 0; i < 2 * h; i++) {
        const uint8_t *src = i < h ? n : m;
        int j = 2 * (i % h);
        /* lanes are at most 32 bits here: int64_t is exact */
        uint64_t a = simd_lane_get(src, esz, j), b = simd_lane_get(src, esz, j + 1);
        int64_t x = u ? (int64_t)a : neon_sext(a, eb);
        int64_t y = u ? (int64_t)b : neon_sext(b, eb);
        int64_t v = op == 2 ? x + y : op == 0 ? (x > y ? x : y)
                                              : (x < y ? x : y);
        simd_lane_put(r, esz, i, (uint64_t)v);
    }
}

/* Typed loops for the common non-saturating ops (the compiler turns them
 * into host SIMD code): same results as neon_int_lane/neon_pairwise, which
 * remain the reference for everything else.  Returns false if key/size
 * is not one of them. */
#define NEON_FAST3(UT, ST, EXPR)                                              \
    do {                                                                      \
        for (int i = 0; i < bytes / (int)sizeof(UT); i++) {                   \
            UT a, b, d;                                                       \
            memcpy(&a, n + i * sizeof(UT), sizeof(UT));                       \
            memcpy(&b, m + i * sizeof(UT), sizeof(UT));                       \
            memcpy(&d, dd + i * sizeof(UT), sizeof(UT));                      \
            ST sa = (ST)a, sb = (ST)b;                                        \
            (void)d; (void)sa; (void)sb;                                      \
            UT v = (UT)(EXPR);                                                \
            memcpy(r + i * sizeof(UT), &v, sizeof(UT));                       \
        }                                                                     \
    } while (0)
#define NEON_FAST_SIZES(EXPR)                                                 \
    switch (size) {                                                           \
    case 0: NEON_FAST3(uint8_t, int8_t, EXPR); break;                         \
    case 1: NEON_FAST3(uint16_t, int16_t, EXPR); break;                       \
    case 2: NEON_FAST3(uint32_t, int32_t, EXPR); break;                       \
    default: NEON_FAST3(uint64_t, int64_t, EXPR); break;                      \
    }
#define NEON_ONES ((uint64_t)-1)
static bool neon_3same_fast(int key, bool u, int size, int bytes,
                            const uint8_t *n, const uint8_t *m,
                            const uint8_t *dd, uint8_t *r)
{
    switch (key) {
    case 0x0: /* VHADD (size < 3 here: 64-bit lanes are UNDEF) */
        if (u) NEON_FAST_SIZES(((uint64_t)a + b) >> 1)
        else NEON_FAST_SIZES(((int64_t)sa + sb) >> 1)
        return true;
    case 0x2: /* VRHADD */
        if (u) NEON_FAST_SIZES(((uint64_t)a + b + 1) >> 1)
        else NEON_FAST_SIZES(((int64_t)sa + sb + 1) >> 1)
        return true;
    case 0x4: /* VHSUB */
        if (u) NEON_FAST_SIZES(((int64_t)a - (int64_t)b) >> 1)
        else NEON_FAST_SIZES(((int64_t)sa - sb) >> 1)
        return true;
    case 0xe: /* VABD */
        if (u) NEON_FAST_SIZES(a > b ? a - b : b - a)
        else NEON_FAST_SIZES(sa > sb ? (int64_t)sa - sb : (int64_t)sb - sa)
        return true;
    case 0xf: /* VABA */
        if (u) NEON_FAST_SIZES(d + (a > b ? a - b : b - a))
        else NEON_FAST_SIZES(d + (uint64_t)(sa > sb ? (int64_t)sa - sb
                                                    : (int64_t)sb - sa))
        return true;
    case 0x6: /* VCGT */
        if (u) NEON_FAST_SIZES(a > b ? NEON_ONES : 0)
        else NEON_FAST_SIZES(sa > sb ? NEON_ONES : 0)
        return true;
    case 0x7: /* VCGE */
        if (u) NEON_FAST_SIZES(a >= b ? NEON_ONES : 0)
        else NEON_FAST_SIZES(sa >= sb ? NEON_ONES : 0)
        return true;
    case 0xc: /* VMAX */
        if (u) NEON_FAST_SIZES(a > b ? a : b)
        else NEON_FAST_SIZES(sa > sb ? sa : sb)
        return true;
    case 0xd: /* VMIN */
        if (u) NEON_FAST_SIZES(a < b ? a : b)
        else NEON_FAST_SIZES(sa < sb ? sa : sb)
        return true;
    case 0x10: /* VADD / VSUB */
        if (u) NEON_FAST_SIZES(a - b)
        else NEON_FAST_SIZES(a + b)
        return true;
    case 0x11: /* VTST / VCEQ */
        if (u) NEON_FAST_SIZES(a == b ? NEON_ONES : 0)
        else NEON_FAST_SIZES((a & b) ? NEON_ONES : 0)
        return true;
    case 0x12: /* VMLA / VMLS */
        if (u) NEON_FAST_SIZES(d - (uint64_t)a * b)
        else NEON_FAST_SIZES(d + (uint64_t)a * b)
        return true;
    case 0x13: /* VMUL (integer) */
        if (u)
            return false;
        NEON_FAST_SIZES((uint64_t)a * b)
        return true;
    default:
        return false;
    }
}

bool neon_exec_3same(ArmState *env, uint32_t insn)
{
    int opc = (insn >> 8) & 15, bit = (insn >> 4) & 1;
    int key = opc << 1 | bit;
    bool u = NEON_U(insn);
    int size = NEON_SIZE(insn), q = NEON_Q(insn);
    int rd = NEON_VD(insn), rn = NEON_VN(insn), rm = NEON_VM(insn);
    if (opc >= 13 || key == 0x18 || key == 0x19)
        return neon_exec_3same_fp(env, insn);
    if (q && ((rd | rn | rm) & 1))
        return false;
    bool pairwise = key == 0x14 || key == 0x15 || key == 0x17;
    if (pairwise && (q || size == 3))
        return false;
    switch (key) {
    case 0x1: case 0x5: case 0x8: case 0x9: case 0xa: case 0xb: case 0x10:
        break; /* 64-bit lanes allowed */
    case 0x3:
        break; /* logical: size is the op */
    case 0x13:
        if (u && size != 0)
            return false; /* VMUL.P8 only */
        if (size == 3)
            return false;
        break;
    case 0x16:
        if (size == 0 || size == 3)
            return false;
        break;
    case 0x17:
        if (u)
            return false; /* v8.1 VQRDMLAH: not implemented (UNDEF) */
        break;
    default:
        if (size == 3)
            return false;
        break;
    }
    if (!env)
        return true;

    int regs = q ? 2 : 1, bytes = 8 * regs;
    /* lane i of the result depends on lane i only: in place */
    if (!pairwise && key != 0x3 &&
        neon_3same_fast(key, u, size, bytes, neon_dreg(env, rn),
                        neon_dreg(env, rm), neon_dreg(env, rd),
                        neon_dreg(env, rd)))
        return true;
    uint8_t n[16], m[16], d[16], r[16];
    neon_read(env, rn, regs, n);
    neon_read(env, rm, regs, m);
    neon_read(env, rd, regs, d);
    if (key == 0x3) {
        int op = (u ? 4 : 0) | size;
        for (int i = 0; i < regs; i++) {
            uint64_t x, y, z, v;
            memcpy(&x, n + 8 * i, 8);
            memcpy(&y, m + 8 * i, 8);
            memcpy(&z, d + 8 * i, 8);
            v = neon_logic(op, x, y, z);
            memcpy(r + 8 * i, &v, 8);
        }
    } else if (pairwise) {
        neon_pairwise(key == 0x14 ? 0 : key == 0x15 ? 1 : 2, u, size, n, m, r);
    } else {
        int eb = 8 << size, lanes = bytes >> size;
        for (int i = 0; i < lanes; i++)
            simd_lane_put(r, size, i,
                     neon_int_lane(env, key, u, eb, simd_lane_get(n, size, i),
                                   simd_lane_get(m, size, i), simd_lane_get(d, size, i)));
    }
    neon_write(env, rd, regs, r);
    return true;
}

/* One FP lane.  key = opc << 1 | B (opc 1100..1111), u, op = bit 21. */
static uint32_t neon_fp_lane(const FPStatus *st, int key, bool u, int op,
                             uint32_t a, uint32_t b, uint32_t d)
{
    switch (key) {
    case 0x19: /* VFMA / VFMS: Vd + (+-Vn) * Vm, fused */
        return fp32_muladd(st, d, op ? fp32_neg(a) : a, b);
    case 0x1a: /* VADD/VSUB; U: VPADD (pairwise, not here) / VABD */
        if (!u)
            return op ? fp32_sub(st, a, b) : fp32_add(st, a, b);
        return fp32_abs(fp32_sub(st, a, b));
    case 0x1b: /* VMLA/VMLS (product rounded, then the add); U: VMUL */
        if (u)
            return fp32_mul(st, a, b);
        {
            uint32_t p = fp32_mul(st, a, b);
            return fp32_add(st, d, op ? fp32_neg(p) : p);
        }
    case 0x1c: /* VCEQ; U: VCGE / VCGT */
        if (!u)
            return fp32_cmeq(st, a, b);
        return op ? fp32_cmgt(st, a, b) : fp32_cmge(st, a, b);
    case 0x1d: /* U: VACGE / VACGT */
        return op ? fp32_cmgt(st, fp32_abs(a), fp32_abs(b))
                  : fp32_cmge(st, fp32_abs(a), fp32_abs(b));
    case 0x1e: /* VMAX / VMIN; U: VPMAX / VPMIN (pairwise) */
        return op ? fp32_min(st, a, b) : fp32_max(st, a, b);
    case 0x1f:
        if (u) /* VMAXNM / VMINNM */
            return op ? fp32_minnm(st, a, b) : fp32_maxnm(st, a, b);
        /* VRECPS: 2 - a*b; VRSQRTS: (3 - a*b) / 2.  AArch32 rounds the
         * product first (FPRecipStep/FPRSqrtStep are not fused); inf * 0
         * (after flushing) gives exactly 2 or 1.5. */
        {
            uint32_t fa = (a & 0x7f800000u) ? a : (a & 0x80000000u);
            uint32_t fb = (b & 0x7f800000u) ? b : (b & 0x80000000u);
            bool inf_zero = (fp32_abs(fa) == 0x7f800000u && fp32_abs(fb) == 0) ||
                            (fp32_abs(fb) == 0x7f800000u && fp32_abs(fa) == 0);
            if (inf_zero) {
                if (fa != a || fb != b)
                    *st->fpsr |= FPSR_IDC;
                return op ? 0x3fc00000u : 0x40000000u;
            }
            uint32_t p = fp32_mul(st, a, b);
            if (!op)
                return fp32_sub(st, 0x40000000u, p);
            return fp32_div(st, fp32_sub(st, 0x40400000u, p), 0x40000000u);
        }
    default:
        return 0;
    }
}

bool neon_exec_3same_fp(ArmState *env, uint32_t insn)
{
    int opc = (insn >> 8) & 15, bit = (insn >> 4) & 1;
    int key = opc << 1 | bit;
    bool u = NEON_U(insn);
    int op = (insn >> 21) & 1, sz = (insn >> 20) & 1, q = NEON_Q(insn);
    int rd = NEON_VD(insn), rn = NEON_VN(insn), rm = NEON_VM(insn);
    if (key == 0x18)
        return neon_exec_crypto(env, insn);
    if (sz)
        return false; /* half-precision lanes (v8.2) */
    bool pairwise = u && ((key == 0x1a && !op) || key == 0x1e);
    switch (key) {
    case 0x19: if (u) return false; break;
    case 0x1b: if (u && op) return false; break;
    case 0x1c: if (!u && op) return false; break;
    case 0x1d: if (!u) return false; break;
    default: break;
    }
    if (pairwise && q)
        return false;
    if (q && ((rd | rn | rm) & 1))
        return false;
    if (!env)
        return true;

    int regs = q ? 2 : 1, lanes = 2 * regs;
    uint32_t n[4], m[4], d[4], r[4];
    neon_read(env, rn, regs, (uint8_t *)n);
    neon_read(env, rm, regs, (uint8_t *)m);
    neon_read(env, rd, regs, (uint8_t *)d);
    FPStatus fp = neon_fpst(env);
    if (pairwise) {
        int k = key == 0x1a ? 0x1a : 0x1e;
        /* VPADD is an add (u=0 form of the lane op), VPMAX/VPMIN the
         * max/min of each pair */
        r[0] = neon_fp_lane(&fp, k, false, key == 0x1a ? 0 : op, n[0], n[1], 0);
        r[1] = neon_fp_lane(&fp, k, false, key == 0x1a ? 0 : op, m[0], m[1], 0);
    } else {
        for (int i = 0; i < lanes; i++)
            r[i] = neon_fp_lane(&fp, key, u, op, n[i], m[i], d[i]);
    }
    neon_write(env, rd, regs, (uint8_t *)r);
    return true;
}
