/*
 * cpu/arm/neon-2misc.c - Advanced SIMD two registers, miscellaneous
 * (A32 1111 0011 1D11 ssAA dddd 0BBB BQM0 mmmm): VREV*, VPADDL/VPADAL,
 * VCLS/VCLZ/VCNT, VMVN, VQABS/VQNEG, compares with #0 (integer and FP),
 * VABS/VNEG, VSWP, VTRN/VUZP/VZIP, VMOVN/VQMOVN/VQMOVUN, VSHLL (max
 * shift), VCVT F16<->F32, VRECPE/VRSQRTE, VCVT between F32 and integers,
 * the v8 VRINT* and VCVT{A,N,P,M}; AES*, SHA1H, SHA1SU1 and SHA256SU0 are
 * passed to neon-crypto.c.
 *
 * Invariants: A = bits 17:16 and B = bits 10:6 select the operation as in
 * the Arm ARM table (B's low bit is Q); Q=1 needs even Vd and Vm.
 */
#include "cpu/arm/neon-internal.h"

static int neon_clz(uint64_t v, int eb)
{
    int n = 0;
    for (int i = eb - 1; i >= 0 && !((v >> i) & 1); i--)
        n++;
    return n;
}

/* Same-size integer lane ops of A=00/01 (VCLS VCLZ VCNT VMVN VQABS
 * VQNEG, the compares with #0, VABS, VNEG); op = A << 5 | B << 1, B
 * without Q (bits 10:7). */
static uint64_t neon_misc_lane(ArmState *env, int op, int eb, uint64_t x)
{
    int64_t s = neon_sext(x, eb);
    switch (op) {
    case 0x10: return (uint64_t)neon_clz(s < 0 ? ~(uint64_t)s : (uint64_t)s,
                                         eb) - 1;                /* VCLS */
    case 0x12: return (uint64_t)neon_clz(x & neon_ones(eb), eb); /* VCLZ */
    case 0x14: return (uint64_t)__builtin_popcountll(x & 0xff);  /* VCNT */
    case 0x16: return ~x;                                        /* VMVN */
    case 0x1c: return neon_sat(env, s < 0 ? -(__int128)s : s, eb, false);
    case 0x1e: return neon_sat(env, -(__int128)s, eb, false);    /* VQNEG */
    case 0x20: return s > 0 ? ~0ull : 0;                         /* VCGT #0 */
    case 0x22: return s >= 0 ? ~0ull : 0;
    case 0x24: return s == 0 ? ~0ull : 0;
    case 0x26: return s <= 0 ? ~0ull : 0;
    case 0x28: return s < 0 ? ~0ull : 0;
    case 0x2c: return (uint64_t)(s < 0 ? -s : s);                /* VABS */
    case 0x2e: return (uint64_t)-s;                              /* VNEG */
    default: return 0;
    }
}

/* FP lanes of the compares with #0, VABS/VNEG, VRECPE/VRSQRTE, the
 * conversions and VRINT; B without Q. */
static uint32_t neon_misc_fp(const FPStatus *st, int a, int b, uint32_t x)
{
    if (a == 1) {
        switch (b & 7) {
        case 0: return fp32_cmgt(st, x, 0);
        case 1: return fp32_cmge(st, x, 0);
        case 2: return fp32_cmeq(st, x, 0);
        case 3: return fp32_cmge(st, 0, x);
        case 4: return fp32_cmgt(st, 0, x);
        case 6: return fp32_abs(x);
        default: return fp32_neg(x);
        }
    }
    if (a == 2) { /* VRINT: b = 1 op(3) */
        static const FPRounding rm[8] = {FPR_TIEEVEN, FPR_TIEEVEN, FPR_TIEAWAY,
                                         FPR_ZERO, 0, FPR_NEGINF, 0,
                                         FPR_POSINF};
        return fp32_roundint(st, x, rm[b & 7], (b & 7) == 1);
    }
    /* a == 3 */
    if (b < 8) { /* VCVT{A,N,P,M}: b = 0 RM op */
        static const FPRounding rm[4] = {FPR_TIEAWAY, FPR_TIEEVEN, FPR_POSINF,
                                         FPR_NEGINF};
        return (uint32_t)fp32_to_fixed(st, x, 0, b & 1, rm[(b >> 1) & 3], 32);
    }
    switch (b & 0xd) {
    case 0x8: /* VRECPE, b = 10F0 */
        return b & 2 ? fp32_recpe(st, x) : fp_urecpe32(x);
    case 0x9: /* VRSQRTE */
        return b & 2 ? fp32_rsqrte(st, x) : fp_ursqrte32(x);
    default:  /* VCVT: b = 11 op: s32->f32, u32->f32, f32->s32, f32->u32 */
        if (b & 2)
            return (uint32_t)fp32_to_fixed(st, x, 0, b & 1, FPR_ZERO, 32);
        return fp32_from_fixed(st, x, 0, b & 1, FPR_TIEEVEN, 32);
    }
}

/* VTRN, VUZP, VZIP on d and m (each `bytes` long). */
static void neon_permute(int kind, int esz, int bytes, uint8_t *d, uint8_t *m)
{
    int n = bytes >> esz;
    uint8_t cat[32], od[16], om[16];
    memcpy(cat, d, (size_t)bytes);
    memcpy(cat + bytes, m, (size_t)bytes);
    for (int i = 0; i < n; i++) {
        if (kind == 1) { /* VTRN */
            if (i & 1) {
                simd_lane_put(od, esz, i, simd_lane_get(m, esz, i - 1));
                simd_lane_put(om, esz, i, simd_lane_get(m, esz, i));
            } else {
                simd_lane_put(od, esz, i, simd_lane_get(d, esz, i));
                simd_lane_put(om, esz, i, simd_lane_get(d, esz, i + 1));
            }
        } else if (kind == 2) { /* VUZP */
            simd_lane_put(od, esz, i, simd_lane_get(cat, esz, 2 * i));
            simd_lane_put(om, esz, i, simd_lane_get(cat, esz, 2 * i + 1));
        } else { /* VZIP */
            int j = i;
            simd_lane_put(od, esz, i, simd_lane_get(j & 1 ? m : d, esz, j >> 1));
            j = i + n;
            simd_lane_put(om, esz, i, simd_lane_get(j & 1 ? m : d, esz, j >> 1));
        }
    }
    memcpy(d, od, (size_t)bytes);
    memcpy(m, om, (size_t)bytes);
}

/* Is the (A, B without Q, size) combination allocated? */
static bool neon_misc_ok(int a, int b, int size, int q, int rd, int rm)
{
    if (a == 0) {
        switch (b) {
        case 0: return size < 3;            /* VREV64 */
        case 1: return size < 2;            /* VREV32 */
        case 2: return size < 1;            /* VREV16 */
        case 4: case 5: case 12: case 13:   /* VPADDL, VPADAL */
        case 8: case 9: case 14: case 15:   /* VCLS VCLZ VQABS VQNEG */
            return size < 3;
        case 10: case 11: return size == 0; /* VCNT, VMVN */
        default: return false;
        }
    }
    if (a == 1) {
        if ((b & 7) == 5)
            return false;
        return (b & 8) ? size == 2 : size < 3;
    }
    if (a == 2) {
        switch (b) {
        case 0: return size == 0;                        /* VSWP */
        case 1: return size < 3;                         /* VTRN */
        case 2: case 3: return size < 3 && (q || size < 2); /* VUZP VZIP */
        case 4: return size < 3 && !(rm & 1);            /* VMOVN/VQMOVUN */
        case 5: return size < 3 && !(rm & 1);            /* VQMOVN */
        case 6: return size < 3 && !q && !(rd & 1);      /* VSHLL */
        case 8: case 9: case 10: case 11: case 13: case 15:
            return size == 2;                            /* VRINT */
        case 12: return size == 1 && !q && !(rm & 1);    /* VCVT f32->f16 */
        case 14: return size == 1 && !q && !(rd & 1);    /* VCVT f16->f32 */
        default: return false;
        }
    }
    return size == 2; /* VCVT{A,N,P,M}, VRECPE, VRSQRTE, VCVT */
}

bool neon_exec_2misc(ArmState *env, uint32_t insn)
{
    int a = (insn >> 16) & 3, bq = (insn >> 6) & 31, b = bq >> 1;
    int size = (insn >> 18) & 3, q = NEON_Q(insn);
    int rd = NEON_VD(insn), rm = NEON_VM(insn);
    if ((a == 0 && (bq >> 2) == 3) || (a == 1 && bq == 11) ||
        (a == 2 && (bq == 14 || bq == 15)))
        return neon_exec_crypto(env, insn); /* AES*, SHA1H, SHA1SU1/256SU0 */
    if (!neon_misc_ok(a, b, size, q, rd, rm))
        return false;
    /* the narrowing, widening and half conversions have their own shape */
    bool shaped = a == 2 && ((b >= 4 && b <= 6) || b == 12 || b == 14);
    if (!shaped && q && ((rd | rm) & 1))
        return false;
    if (!env)
        return true;

    int regs = q ? 2 : 1, bytes = 8 * regs, eb = 8 << size;
    uint8_t m[16], d[16], r[16];
    neon_read(env, rm, 2, m);
    neon_read(env, rd, 2, d);
    memset(r, 0, sizeof(r));
    if (a == 0 && b <= 2) { /* VREV64/32/16: reverse lanes within groups */
        int group = 8 >> b, per = group >> size;
        for (int i = 0; i < bytes >> size; i++) {
            int g = i / per, k = i % per;
            simd_lane_put(r, size, g * per + (per - 1 - k), simd_lane_get(m, size, i));
        }
    } else if (a == 0 && (b == 4 || b == 5 || b == 12 || b == 13)) {
        /* VPADDL / VPADAL: pairs of Vm widened; bit 7 (b & 1) = unsigned */
        bool u = b & 1, acc = b >= 12;
        for (int i = 0; i < bytes >> (size + 1); i++) {
            __int128 v = neon_int(simd_lane_get(m, size, 2 * i), eb, u) +
                         neon_int(simd_lane_get(m, size, 2 * i + 1), eb, u);
            if (acc)
                v += simd_lane_get(d, size + 1, i);
            simd_lane_put(r, size + 1, i, (uint64_t)v);
        }
    } else if (a == 2 && b == 0) { /* VSWP */
        neon_write(env, rd, regs, m);
        neon_write(env, rm, regs, d);
        return true;
    } else if (a == 2 && b <= 3) {
        /* Vd = Vm is UNPREDICTABLE; qemu's results: VTRN.32 swaps lanes
         * in place one pair at a time, the others leave Vd's result */
        if (b == 1 && size == 2) {
            for (int i = 0; i < bytes / 4; i += 2) {
                uint8_t *pd = neon_dreg(env, rd), *pm = neon_dreg(env, rm);
                uint32_t t = (uint32_t)simd_lane_get(pd, 2, i + 1);
                simd_lane_put(pd, 2, i + 1, simd_lane_get(pm, 2, i));
                simd_lane_put(pm, 2, i, t);
            }
            return true;
        }
        neon_permute(b, size, bytes, d, m);
        neon_write(env, rm, regs, m);
        neon_write(env, rd, regs, d);
        return true;
    } else if (a == 2 && (b == 4 || b == 5)) {
        /* VMOVN (op 00), VQMOVUN (01), VQMOVN signed (10) / unsigned (11):
         * Qm lanes of 2*esize -> Dd */
        int op = (b & 1) << 1 | q;
        for (int i = 0; i < 8 >> size; i++) {
            uint64_t x = simd_lane_get(m, size + 1, i);
            uint64_t v = op == 0 ? x
                       : neon_sat(env, neon_int(x, 2 * eb, op == 3), eb, op != 2);
            simd_lane_put(r, size, i, v);
        }
        regs = 1;
    } else if (a == 2 && b == 6) { /* VSHLL #esize */
        for (int i = 0; i < 8 >> size; i++)
            simd_lane_put(r, size + 1, i, simd_lane_get(m, size, i) << eb);
        regs = 2;
    } else if (a == 2 && (b == 12 || b == 14)) { /* VCVT f32 <-> f16 */
        FPStatus fp = neon_fpst(env);
        for (int i = 0; i < 4; i++) {
            if (b == 12)
                simd_lane_put(r, 1, i, fp32_to_fp16(&fp, (uint32_t)simd_lane_get(m, 2, i)));
            else
                simd_lane_put(r, 2, i, fp16_to_fp32(&fp, (uint16_t)simd_lane_get(m, 1, i)));
        }
        regs = b == 12 ? 1 : 2;
    } else if ((a == 1 && (b & 8)) || a >= 2) { /* FP lanes */
        FPStatus fp = neon_fpst(env);
        for (int i = 0; i < bytes >> 2; i++)
            simd_lane_put(r, 2, i, neon_misc_fp(&fp, a, b, (uint32_t)simd_lane_get(m, 2, i)));
    } else {
        int op = a << 5 | b << 1;
        for (int i = 0; i < bytes >> size; i++)
            simd_lane_put(r, size, i, neon_misc_lane(env, op, eb, simd_lane_get(m, size, i)));
    }
    neon_write(env, rd, regs, r);
    return true;
}
