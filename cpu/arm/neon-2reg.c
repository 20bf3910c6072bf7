/*
 * cpu/arm/neon-2reg.c - Advanced SIMD two registers and a shift amount
 * (A32 1111 001U 1Diiiiii dddd oooo LQM1 mmmm: VSHR VSRA VRSHR VRSRA VSRI
 * VSHL VSLI VQSHL VQSHLU, the narrowing VSHRN VRSHRN VQSHRN VQRSHRN
 * VQSHRUN VQRSHRUN, VSHLL/VMOVL and VCVT between FP and fixed point), one
 * register and a modified immediate (VMOV VMVN VORR VBIC), and the
 * permutes VEXT, VTBL/VTBX, VDUP (scalar and core register).
 *
 * Invariants: the element size comes from the highest set bit of L:imm6
 * (L=1: 64 bits); right shifts are 2*esize - imm, left shifts imm - esize;
 * Q=1 (or a Q operand of a long/narrow form) needs even register numbers.
 */
#include "cpu/arm/neon-internal.h"

/* Element size (log2 bytes) from L:imm6, or -1 (modified immediate). */
static int neon_shift_esz(uint32_t insn)
{
    if (insn & 0x80)
        return 3;
    unsigned imm6 = (insn >> 16) & 63;
    if (imm6 & 32)
        return 2;
    if (imm6 & 16)
        return 1;
    if (imm6 & 8)
        return 0;
    return -1;
}

/* VSHRN..VQRSHRUN: Qm (2*esize lanes) -> Dd.  kind: 0 VSHRN, 1 VRSHRN,
 * 2 VQSHRUN, 3 VQRSHRUN, 4 VQSHRN, 5 VQRSHRN; u: the unsigned VQ(R)SHRN. */
static void neon_narrow_shift(ArmState *env, int kind, bool u, int esz,
                              int sh, int rd, int rm)
{
    uint8_t m[16], r[8];
    int eb = 8 << esz;
    neon_read(env, rm, 2, m);
    for (int i = 0; i < 8 >> esz; i++) {
        /* VQSHRUN's source is signed; VSHRN's sign is irrelevant */
        bool src_u = kind >= 4 ? u : false;
        __int128 x = neon_int(simd_lane_get(m, esz + 1, i), 2 * eb, src_u);
        x = simd_shift(x, -sh, kind & 1, 2 * eb);
        uint64_t v;
        if (kind < 2)
            v = (uint64_t)x;
        else if (kind < 4)
            v = neon_sat(env, x, eb, true);
        else
            v = neon_sat(env, x, eb, u);
        simd_lane_put(r, esz, i, v);
    }
    neon_write(env, rd, 1, r);
}

/* One lane of the same-size shifts; opc as in the encoding. */
static uint64_t neon_shift_lane(ArmState *env, int opc, bool u, int eb,
                                int sh, uint64_t m, uint64_t d)
{
    __int128 x = neon_int(m, eb, u);
    uint64_t mask;
    switch (opc) {
    case 0: return (uint64_t)simd_shift(x, -sh, false, eb);      /* VSHR */
    case 1: return d + (uint64_t)simd_shift(x, -sh, false, eb);  /* VSRA */
    case 2: return (uint64_t)simd_shift(x, -sh, true, eb);       /* VRSHR */
    case 3: return d + (uint64_t)simd_shift(x, -sh, true, eb);   /* VRSRA */
    case 4: /* VSRI */
        if (sh >= eb)
            return d;
        mask = neon_ones(eb) >> sh;
        return (d & ~mask) | ((m & neon_ones(eb)) >> sh);
    case 5: /* VSHL / VSLI */
        if (!u)
            return m << sh;
        mask = neon_ones(eb) << sh;
        return (d & ~mask) | (m << sh);
    case 6: /* VQSHLU: signed in, unsigned saturation */
        x = neon_int(m, eb, false);
        return neon_sat(env, simd_shift(x, sh, false, eb), eb, true);
    default: /* VQSHL */
        return neon_sat(env, simd_shift(x, sh, false, eb), eb, u);
    }
}

/* Typed loops for VSHR, VSRA, VRSHR, VRSRA and VSHL (immediate): the
 * results of neon_shift_lane, which stays the reference.  A right shift
 * by the element size is done as two shifts (C leaves a shift by the
 * type's width undefined). */
#define NEON_SHF(UT, ST, EXPR)                                                \
    do {                                                                      \
        for (int i = 0; i < bytes / (int)sizeof(UT); i++) {                   \
            UT a, d;                                                          \
            memcpy(&a, m + i * sizeof(UT), sizeof(UT));                       \
            memcpy(&d, dd + i * sizeof(UT), sizeof(UT));                      \
            ST sa = (ST)a;                                                    \
            (void)sa; (void)d;                                                \
            UT v = (UT)(EXPR);                                                \
            memcpy(r + i * sizeof(UT), &v, sizeof(UT));                       \
        }                                                                     \
    } while (0)
#define NEON_SHF_SIZES(EXPR)                                                  \
    switch (esz) {                                                            \
    case 0: NEON_SHF(uint8_t, int8_t, EXPR); break;                           \
    case 1: NEON_SHF(uint16_t, int16_t, EXPR); break;                         \
    case 2: NEON_SHF(uint32_t, int32_t, EXPR); break;                         \
    default: NEON_SHF(uint64_t, int64_t, EXPR); break;                        \
    }
static bool neon_shift_fast(int opc, bool u, int esz, int sh, int bytes,
                            const uint8_t *m, const uint8_t *dd, uint8_t *r)
{
    int s1 = sh - 1; /* right shifts: sh = 1..esize, as (x >> s1) >> 1 */
    switch (opc) {
    case 0: case 1: /* VSHR / VSRA */
        if (u) NEON_SHF_SIZES((opc ? d : 0) + ((a >> s1) >> 1))
        else NEON_SHF_SIZES((opc ? d : 0) + (uint64_t)(int64_t)((sa >> s1) >> 1))
        return true;
    case 2: case 3: /* VRSHR / VRSRA: the last bit shifted out rounds */
        if (u) NEON_SHF_SIZES((opc & 1 ? d : 0) + ((a >> s1) >> 1) + ((a >> s1) & 1))
        else NEON_SHF_SIZES((opc & 1 ? d : 0) + (uint64_t)(int64_t)((sa >> s1) >> 1) + ((sa >> s1) & 1))
        return true;
    case 5: /* VSHL (VSLI is U=1) */
        if (u)
            return false;
        NEON_SHF_SIZES((uint64_t)a << sh)
        return true;
    default:
        return false;
    }
}

bool neon_exec_shift(ArmState *env, uint32_t insn)
{
    int esz = neon_shift_esz(insn);
    int opc = (insn >> 8) & 15, q = NEON_Q(insn);
    bool u = NEON_U(insn);
    int rd = NEON_VD(insn), rm = NEON_VM(insn);
    unsigned imm = ((insn >> 16) & 63) | ((insn >> 1) & 64); /* L:imm6 */
    if (esz < 0)
        return neon_exec_imm(env, insn);
    int eb = 8 << esz;
    int rsh = 2 * eb - (int)imm, lsh = (int)imm - eb;
    if (esz == 3) {
        rsh = 64 - (int)(imm & 63);
        lsh = (int)(imm & 63);
    }
    if (opc <= 7) {
        if ((opc == 4 || opc == 6) && !u)
            return false;
        if (q && ((rd | rm) & 1))
            return false;
        if (!env)
            return true;
        int sh = (opc == 5 || opc >= 6) ? lsh : rsh;
        int regs = q ? 2 : 1;
        /* lane i of the result depends on lane i only: in place */
        if (neon_shift_fast(opc, u, esz, sh, 8 * regs, neon_dreg(env, rm),
                            neon_dreg(env, rd), neon_dreg(env, rd)))
            return true;
        uint8_t m[16], d[16], r[16];
        neon_read(env, rm, regs, m);
        neon_read(env, rd, regs, d);
        for (int i = 0; i < (8 * regs) >> esz; i++)
            simd_lane_put(r, esz, i,
                     neon_shift_lane(env, opc, u, eb, sh, simd_lane_get(m, esz, i),
                                     simd_lane_get(d, esz, i)));
        neon_write(env, rd, regs, r);
        return true;
    }
    if (opc == 8 || opc == 9) {
        /* narrowing: esize is the destination lane; L=1 is UNDEF */
        if (esz == 3 || (rm & 1))
            return false;
        if (!env)
            return true;
        int kind = opc == 8 ? (u ? 2 : 0) + q : 4 + q;
        neon_narrow_shift(env, kind, u, esz, rsh, rd, rm);
        return true;
    }
    if (opc == 10) {
        /* VSHLL (shift < esize) / VMOVL (shift 0): Dm -> Qd */
        if (esz == 3 || q || (rd & 1))
            return false;
        if (!env)
            return true;
        uint8_t m[8], r[16];
        neon_read(env, rm, 1, m);
        for (int i = 0; i < 8 >> esz; i++) {
            uint64_t x;
            switch (esz) {
            case 0: x = u ? (uint64_t)m[i] : (uint64_t)(int64_t)(int8_t)m[i]; break;
            case 1: {
                uint16_t h;
                memcpy(&h, m + 2 * i, 2);
                x = u ? (uint64_t)h : (uint64_t)(int64_t)(int16_t)h;
                break;
            }
            default: {
                uint32_t w;
                memcpy(&w, m + 4 * i, 4);
                x = u ? (uint64_t)w : (uint64_t)(int64_t)(int32_t)w;
                break;
            }
            }
            simd_lane_put(r, esz + 1, i, x << lsh);
        }
        neon_write(env, rd, 2, r);
        return true;
    }
    if (opc >= 14) {
        /* VCVT between F32 and fixed point: imm6 = 1xxxxx, fbits =
         * 64 - imm6; bit 8: 0 = to FP, 1 = to fixed (round to zero) */
        if ((insn & 0x80) || !(imm & 32) || (q && ((rd | rm) & 1)))
            return false;
        if (!env)
            return true;
        int fbits = 64 - (int)imm, regs = q ? 2 : 1;
        uint32_t m[4], r[4];
        FPStatus fp = neon_fpst(env);
        neon_read(env, rm, regs, (uint8_t *)m);
        for (int i = 0; i < 2 * regs; i++)
            r[i] = opc & 1 ? (uint32_t)fp32_to_fixed(&fp, m[i], fbits, u,
                                                     FPR_ZERO, 32)
                           : fp32_from_fixed(&fp, m[i], fbits, u,
                                             FPR_TIEEVEN, 32);
        neon_write(env, rd, regs, (uint8_t *)r);
        return true;
    }
    return false;
}

/* AdvSIMDExpandImm (Arm ARM): the 64-bit constant of VMOV/VMVN/VORR/VBIC
 * (immediate); false for the reserved op=1 cmode=1111. */
bool neon_expand_imm(int op, int cmode, uint8_t imm8, uint64_t *out)
{
    uint64_t v = imm8;
    switch (cmode >> 1) {
    case 0: v = v * 0x0000000100000001ull; break;
    case 1: v = (v << 8) * 0x0000000100000001ull; break;
    case 2: v = (v << 16) * 0x0000000100000001ull; break;
    case 3: v = (v << 24) * 0x0000000100000001ull; break;
    case 4: v = v * 0x0001000100010001ull; break;
    case 5: v = (v << 8) * 0x0001000100010001ull; break;
    case 6:
        v = cmode & 1 ? (v << 16 | 0xffff) : (v << 8 | 0xff);
        v *= 0x0000000100000001ull;
        break;
    default:
        if (!(cmode & 1)) {
            if (!op) {
                v *= 0x0101010101010101ull;
            } else {
                v = 0;
                for (int i = 0; i < 8; i++)
                    if (imm8 & (1u << i))
                        v |= 0xffull << (8 * i);
            }
        } else {
            if (op)
                return false;
            /* imm8<7>:NOT(imm8<6>):Replicate(imm8<6>,5):imm8<5:0>:0(19) */
            uint32_t f = (uint32_t)(imm8 & 0x80) << 24 |
                         ((imm8 & 0x40) ? 0x3e000000u : 0x40000000u) |
                         (uint32_t)(imm8 & 0x3f) << 19;
            v = (uint64_t)f * 0x0000000100000001ull;
        }
        break;
    }
    *out = v;
    return true;
}

bool neon_exec_imm(ArmState *env, uint32_t insn)
{
    int cmode = (insn >> 8) & 15, op = (insn >> 5) & 1, q = NEON_Q(insn);
    int rd = NEON_VD(insn);
    uint8_t imm8 = (uint8_t)(((insn >> 17) & 0x80) | ((insn >> 12) & 0x70) |
                             (insn & 0xf));
    uint64_t imm;
    if (!neon_expand_imm(op, cmode, imm8, &imm) || (q && (rd & 1)))
        return false;
    if (!env)
        return true;
    /* VORR/VBIC are the odd cmodes below 12; the rest are VMOV/VMVN
     * (op=1 cmode=1110 is VMOV.I64) */
    bool logical = (cmode & 1) && cmode < 12;
    int regs = q ? 2 : 1;
    uint64_t d[2];
    neon_read(env, rd, regs, (uint8_t *)d);
    for (int i = 0; i < regs; i++) {
        if (logical)
            d[i] = op ? d[i] & ~imm : d[i] | imm;
        else
            d[i] = (op && cmode != 14) ? ~imm : imm;
    }
    neon_write(env, rd, regs, (uint8_t *)d);
    return true;
}

/* VEXT (U=0, size=11), VTBL/VTBX, VDUP (scalar). */
bool neon_exec_perm(ArmState *env, uint32_t insn)
{
    int rd = NEON_VD(insn), rn = NEON_VN(insn), rm = NEON_VM(insn);
    int q = NEON_Q(insn);
    if (!NEON_U(insn)) { /* VEXT */
        int imm4 = (insn >> 8) & 15;
        if ((q && ((rd | rn | rm) & 1)) || (!q && imm4 >= 8))
            return false;
        if (!env)
            return true;
        int regs = q ? 2 : 1, bytes = 8 * regs;
        uint8_t src[32], r[16];
        neon_read(env, rn, regs, src);
        neon_read(env, rm, regs, src + bytes);
        memcpy(r, src + imm4, (size_t)bytes);
        neon_write(env, rd, regs, r);
        return true;
    }
    if ((insn & 0xc00) == 0x800) { /* VTBL / VTBX */
        int len = ((insn >> 8) & 3) + 1;
        bool tbx = (insn >> 6) & 1;
        if (rn + len > 32)
            return false;
        if (!env)
            return true;
        uint8_t tab[32], idx[8], r[8];
        neon_read(env, rn, len, tab);
        neon_read(env, rm, 1, idx);
        neon_read(env, rd, 1, r);
        for (int i = 0; i < 8; i++) {
            if (idx[i] < 8 * len)
                r[i] = tab[idx[i]];
            else if (!tbx)
                r[i] = 0;
        }
        neon_write(env, rd, 1, r);
        return true;
    }
    if ((insn & 0xf90) == 0xc00) { /* VDUP (scalar) */
        int imm4 = (insn >> 16) & 15, esz, idx;
        if (imm4 & 1) {
            esz = 0;
            idx = imm4 >> 1;
        } else if (imm4 & 2) {
            esz = 1;
            idx = imm4 >> 2;
        } else if (imm4 & 4) {
            esz = 2;
            idx = imm4 >> 3;
        } else {
            return false;
        }
        rm = (int)(insn & 0xf) | (int)((insn >> 1) & 0x10);
        if (q && (rd & 1))
            return false;
        if (!env)
            return true;
        uint8_t m[8], r[16];
        neon_read(env, rm, 1, m);
        uint64_t v = simd_lane_get(m, esz, idx);
        for (int i = 0; i < (16 >> esz); i++)
            simd_lane_put(r, esz, i, v);
        neon_write(env, rd, q ? 2 : 1, r);
        return true;
    }
    return false;
}

/* VDUP (ARM core register): cond 1110 1BQ0 dddd tttt 1011 D0E1 0000. */
bool neon_exec_vdup_core(ArmState *env, uint32_t insn, uint32_t value)
{
    int be = (int)(((insn >> 21) & 2) | ((insn >> 5) & 1));
    int q = (insn >> 21) & 1;
    int rd = (int)(((insn >> 16) & 0xf) | ((insn >> 3) & 0x10));
    if (be == 3 || (q && (rd & 1)))
        return false;
    if (!env)
        return true;
    int esz = be == 0 ? 2 : be == 1 ? 1 : 0;
    uint8_t r[16];
    for (int i = 0; i < (16 >> esz); i++)
        simd_lane_put(r, esz, i, value);
    neon_write(env, rd, q ? 2 : 1, r);
    return true;
}
