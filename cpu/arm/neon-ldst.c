/*
 * cpu/arm/neon-ldst.c - Advanced SIMD element and structure loads and
 * stores (A32 1111 0100 ADL0 nnnn dddd tttt ssaa mmmm, T32 1111 1001 ...):
 * VLD1-VLD4/VST1-VST4 of multiple structures (A=0), of a single lane
 * (A=1, size != 11) and VLD1-VLD4 to all lanes (A=1, size 11).
 *
 * neon_ldst_info() decodes an encoding into the transfer's byte count
 * and required alignment (the translator checks the alignment with
 * CHKALIGN, giving SIGBUS as the arm kernel does: it does not fix NEON
 * accesses up, and the writeback is done in IR after the transfer).
 * neon_exec_ldst() moves the data; a load reads all of memory before it
 * writes any register, so a fault leaves the registers unchanged.
 * Register lists that run past D31 are UNPREDICTABLE; they are UNDEF
 * here, as on qemu.  Guest addresses wrap at 32 bits.
 */
#include "cpu/arm/neon-internal.h"
#include "common/guest-mem.h"

bool neon_ldst_decode(uint32_t insn, NeonLdst *d)
{
    int type = (insn >> 8) & 15, size = (insn >> 6) & 3, al = (insn >> 4) & 3;
    memset(d, 0, sizeof(*d));
    d->load = (insn >> 21) & 1;
    d->rd = (int)(((insn >> 18) & 0x10) | ((insn >> 12) & 0xf));
    d->inc = 1;
    if (!(insn & (1u << 23))) { /* multiple structures */
        d->kind = 0;
        d->esz = size;
        d->align = al ? 4 << al : 1;
        switch (type) {
        case 7: d->nelem = 1; d->regs = 1; if (al & 2) return false; break;
        case 10: d->nelem = 1; d->regs = 2; if (al == 3) return false; break;
        case 6: d->nelem = 1; d->regs = 3; if (al & 2) return false; break;
        case 2: d->nelem = 1; d->regs = 4; break;
        case 8: case 9: case 3:
            d->nelem = 2;
            d->regs = type == 3 ? 2 : 1;
            d->inc = type == 8 ? 1 : 2;
            if (size == 3 || (type != 3 && al == 3))
                return false;
            break;
        case 4: case 5:
            d->nelem = 3; d->regs = 1; d->inc = type == 4 ? 1 : 2;
            if (size == 3 || (al & 2))
                return false;
            d->align = al ? 8 : 1;
            break;
        case 0: case 1:
            d->nelem = 4; d->regs = 1; d->inc = type == 0 ? 1 : 2;
            if (size == 3)
                return false;
            break;
        default:
            return false;
        }
        int last = d->rd + d->inc * (d->nelem - 1) + d->regs - 1;
        return last <= 31;
    }
    size = (insn >> 10) & 3;
    d->nelem = ((insn >> 8) & 3) + 1;
    if (size == 3) { /* all lanes */
        int sz = (insn >> 6) & 3, t = (insn >> 5) & 1, a = (insn >> 4) & 1;
        d->kind = 2;
        if (!d->load)
            return false;
        d->esz = sz;
        switch (d->nelem) {
        case 1:
            if (sz == 3 || (sz == 0 && a))
                return false;
            d->regs = t ? 2 : 1;
            d->align = a ? 1 << sz : 1;
            break;
        case 2:
            if (sz == 3)
                return false;
            d->regs = 1;
            d->inc = t ? 2 : 1;
            d->align = a ? 2 << sz : 1;
            break;
        case 3:
            if (sz == 3 || a)
                return false;
            d->regs = 1;
            d->inc = t ? 2 : 1;
            break;
        default:
            d->regs = 1;
            d->inc = t ? 2 : 1;
            if (sz == 3) {
                if (!a)
                    return false;
                d->esz = 2;
                d->align = 16;
            } else {
                d->align = !a ? 1 : sz == 2 ? 8 : 4 << sz;
            }
            break;
        }
        int last = d->rd + d->inc * (d->nelem - 1) + d->regs - 1;
        return last <= 31;
    }
    /* single lane */
    int ia = (insn >> 4) & 15;
    d->kind = 1;
    d->esz = size;
    d->regs = 1;
    d->index = ia >> (size + 1);
    d->align = 1;
    switch (d->nelem) {
    case 1:
        if (size == 0 && (ia & 1))
            return false;
        if (size == 1 && (ia & 2))
            return false;
        if (size == 2 && ((ia & 4) || ((ia & 3) != 0 && (ia & 3) != 3)))
            return false;
        if (size == 1 && (ia & 1))
            d->align = 2;
        if (size == 2 && (ia & 3) == 3)
            d->align = 4;
        break;
    case 2:
        if (size == 2 && (ia & 2))
            return false;
        if (size > 0 && (ia & (size == 1 ? 2 : 4)))
            d->inc = 2;
        if (ia & 1)
            d->align = 2 << size;
        break;
    case 3:
        if ((size < 2 && (ia & 1)) || (size == 2 && (ia & 3)))
            return false;
        if (size > 0 && (ia & (size == 1 ? 2 : 4)))
            d->inc = 2;
        break;
    default:
        if (size == 2 && (ia & 3) == 3)
            return false;
        if (size > 0 && (ia & (size == 1 ? 2 : 4)))
            d->inc = 2;
        if (size < 2)
            d->align = (ia & 1) ? 4 << size : 1;
        else
            d->align = (ia & 3) ? 4 << (ia & 3) : 1;
        break;
    }
    int last = d->rd + d->inc * (d->nelem - 1);
    return last <= 31;
}

bool neon_ldst_info(uint32_t insn, int *bytes, int *align)
{
    NeonLdst d;
    if (!neon_ldst_decode(insn, &d))
        return false;
    int eb = 1 << d.esz;
    if (d.kind == 0)
        *bytes = 8 * d.regs * d.nelem;
    else
        *bytes = eb * d.nelem;
    *align = d.align;
    return true;
}

/* Guest memory at a 32-bit address (wrapping). */
static inline uint8_t *neon_mem(uint32_t addr, int off)
{
    return g2h((uint32_t)(addr + (uint32_t)off));
}

static void neon_copy_in(uint8_t *dst, uint32_t addr, int off, int n)
{
    for (int i = 0; i < n; i++)
        dst[i] = *neon_mem(addr, off + i);
}

static void neon_copy_out(uint32_t addr, int off, const uint8_t *src, int n)
{
    for (int i = 0; i < n; i++)
        *neon_mem(addr, off + i) = src[i];
}

void neon_exec_ldst(ArmState *env, uint32_t insn, uint32_t addr)
{
    NeonLdst d;
    uint8_t buf[32];
    if (!neon_ldst_decode(insn, &d))
        return;
    int eb = 1 << d.esz, bytes;
    neon_ldst_info(insn, &bytes, &(int){0});
    /* a transfer that does not wrap the 4 GiB space is one copy */
    bool flat = (uint64_t)addr + (uint64_t)bytes <= 0x100000000ull;
    if (d.load) {
        if (flat)
            memcpy(buf, g2h(addr), (size_t)bytes);
        else
            neon_copy_in(buf, addr, 0, bytes);
    } else {
        memset(buf, 0, sizeof(buf));
    }
    if (d.kind == 0) {
        /* element e of member j of register r: memory order is r, e, j */
        int lanes = 8 >> d.esz, pos = 0;
        for (int r = 0; r < d.regs; r++)
            for (int e = 0; e < lanes; e++)
                for (int j = 0; j < d.nelem; j++, pos += eb) {
                    uint8_t *reg = neon_dreg(env, d.rd + r + j * d.inc);
                    if (d.load)
                        memcpy(reg + e * eb, buf + pos, (size_t)eb);
                    else
                        memcpy(buf + pos, reg + e * eb, (size_t)eb);
                }
    } else if (d.kind == 1) {
        for (int j = 0; j < d.nelem; j++) {
            uint8_t *reg = neon_dreg(env, d.rd + j * d.inc) + d.index * eb;
            if (d.load)
                memcpy(reg, buf + j * eb, (size_t)eb);
            else
                memcpy(buf + j * eb, reg, (size_t)eb);
        }
    } else {
        for (int j = 0; j < d.nelem; j++)
            for (int r = 0; r < d.regs; r++) {
                uint8_t *reg = neon_dreg(env, d.rd + j * d.inc + r);
                for (int e = 0; e < 8 / eb; e++)
                    memcpy(reg + e * eb, buf + j * eb, (size_t)eb);
            }
    }
    if (!d.load) {
        if (flat)
            memcpy(g2h(addr), buf, (size_t)bytes);
        else
            neon_copy_out(addr, 0, buf, bytes);
    }
}
