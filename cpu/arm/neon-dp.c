/*
 * cpu/arm/neon-dp.c - the top-level decode of the Advanced SIMD
 * data-processing space (A32 1111 001U, T32 111U 1111; Arm ARM "Advanced
 * SIMD data-processing instructions"), from the A32 form of the encoding
 * to the group executors of neon-internal.h.
 *
 *   bit 23 = 0                                  three registers, same length
 *   bit 23 = 1, bit 4 = 1                       shift by immediate, or (imm3
 *                                               = 000 and L = 0) one register
 *                                               and a modified immediate
 *   bit 23 = 1, bit 4 = 0, size != 11, bit 6 = 0  three registers, different
 *   bit 23 = 1, bit 4 = 0, size != 11, bit 6 = 1  two registers and a scalar
 *   bit 23 = 1, bit 4 = 0, size = 11: U = 0 VEXT; U = 1: bit 11 = 0 two
 *                                     registers misc, else VTBL/VTBX/VDUP
 */
#include "cpu/arm/neon-internal.h"

bool neon_exec_dp(ArmState *env, uint32_t insn)
{
    if ((insn & 0xfe000000u) != 0xf2000000u)
        return false;
    if (!(insn & (1u << 23)))
        return neon_exec_3same(env, insn);
    if (insn & (1u << 4))
        return neon_exec_shift(env, insn);
    if (NEON_SIZE(insn) != 3)
        return insn & (1u << 6) ? neon_exec_scalar(env, insn)
                                : neon_exec_3diff(env, insn);
    if (NEON_U(insn) && !(insn & (1u << 11)))
        return neon_exec_2misc(env, insn);
    return neon_exec_perm(env, insn);
}
