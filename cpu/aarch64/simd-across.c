/*
 * cpu/aarch64/simd-across.c - AdvSIMD across lanes (ADDV, SADDLV/UADDLV,
 * SMAXV/SMINV/UMAXV/UMINV) and the integer AdvSIMD scalar pairwise ADDP.
 * The FP reductions (FMAXV, FMINNMV, FADDP scalar, ...) are in
 * simd-fp.c.  Results are scalars: the rest of Vd is zeroed.
 */
#include "cpu/aarch64/simd-internal.h"

enum { ACR_ADD, ACR_ADDL, ACR_SMAX, ACR_SMIN, ACR_UMAX, ACR_UMIN };

static uint64_t across(A64State *env, uint32_t insn, int op, bool sign)
{
    int esize = 1 << SIMD_SIZE(insn), n = (SIMD_Q(insn) ? 16 : 8) / esize;
    const A64Vreg vn = env->v[SIMD_RN(insn)];
    int64_t acc = sign ? simd_selt(&vn, 0, esize) : (int64_t)simd_elt(&vn, 0, esize);
    for (int i = 1; i < n; i++) {
        int64_t x = sign ? simd_selt(&vn, i, esize) : (int64_t)simd_elt(&vn, i, esize);
        switch (op) {
        case ACR_SMAX: acc = x > acc ? x : acc; break;
        case ACR_SMIN: acc = x < acc ? x : acc; break;
        case ACR_UMAX: acc = (uint64_t)x > (uint64_t)acc ? x : acc; break;
        case ACR_UMIN: acc = (uint64_t)x < (uint64_t)acc ? x : acc; break;
        default: acc = (int64_t)((uint64_t)acc + (uint64_t)x); break;
        }
    }
    int rbytes = op == ACR_ADDL ? 2 * esize : esize;
    A64Vreg r = {.q = 0};
    simd_set_elt(&r, 0, rbytes, (uint64_t)acc);
    env->v[SIMD_RD(insn)] = r;
    return 0;
}

SIMD_HELPER(h_addv) { return across(env_, (uint32_t)insn_, ACR_ADD, false); }
SIMD_HELPER(h_saddlv) { return across(env_, (uint32_t)insn_, ACR_ADDL, true); }
SIMD_HELPER(h_uaddlv) { return across(env_, (uint32_t)insn_, ACR_ADDL, false); }
SIMD_HELPER(h_smaxv) { return across(env_, (uint32_t)insn_, ACR_SMAX, true); }
SIMD_HELPER(h_sminv) { return across(env_, (uint32_t)insn_, ACR_SMIN, true); }
SIMD_HELPER(h_umaxv) { return across(env_, (uint32_t)insn_, ACR_UMAX, false); }
SIMD_HELPER(h_uminv) { return across(env_, (uint32_t)insn_, ACR_UMIN, false); }

/* B and H with either Q; S only with Q=1 (4S); D never. */
#define ACR_VALID (F('s') < 2 || (F('s') == 2 && F('Q')))
SIMD_ROW(ADDV_v, h_addv, ACR_VALID)
SIMD_ROW(SADDLV_v, h_saddlv, ACR_VALID)
SIMD_ROW(UADDLV_v, h_uaddlv, ACR_VALID)
SIMD_ROW(SMAXV_v, h_smaxv, ACR_VALID)
SIMD_ROW(SMINV_v, h_sminv, ACR_VALID)
SIMD_ROW(UMAXV_v, h_umaxv, ACR_VALID)
SIMD_ROW(UMINV_v, h_uminv, ACR_VALID)

/* ADDP Dd, Vn.2D: inline IR, one add of the two halves. */
bool a64_trans_ADDP_vs(A64Ctx *s, const A64Fields *f)
{
    if (F('s') != 3)
        return false;
    IRRef v = ir_add(s->b, 8, simd_ir_ld64(s, F('n'), 0), simd_ir_ld64(s, F('n'), 1));
    simd_ir_set(s, F('d'), false, v, 0);
    return true;
}
