/*
 * tcg/ir-interp.c - the reference interpreter for IR blocks.
 *
 * It defines what each op means at run time in the plainest C, so the
 * JIT can be checked against it (tests/unit/test_jit.c) and so front ends
 * can be tested before the back end exists (EMU_JIT=0 runs whole programs
 * with it).  It stores the guest pc of an instruction into env before
 * every op that may fault or call out, which is what tb_recover_state
 * relies on for faults outside generated code.
 */
#include "tcg/ir.h"

#include <stdlib.h>
#include <string.h>

#define ENV8(env, off) (*(uint64_t *)((char *)(env) + (off)))
#define ENV4(env, off) (*(uint32_t *)((char *)(env) + (off)))

static uint64_t host_addr(IRBlock *b, uint64_t a)
{
    if (b->gi->addr32)
        a = (uint32_t)a;
    return b->gi->guest_base + a;
}

static uint64_t load_n(uint64_t addr, int size)
{
    switch (size) {
    case 1: return *(volatile uint8_t *)addr;
    case 2: { uint16_t v; memcpy(&v, (void *)addr, 2); return v; }
    case 4: { uint32_t v; memcpy(&v, (void *)addr, 4); return v; }
    default: { uint64_t v; memcpy(&v, (void *)addr, 8); return v; }
    }
}

static void store_n(uint64_t addr, int size, uint64_t v)
{
    switch (size) {
    case 1: *(volatile uint8_t *)addr = (uint8_t)v; break;
    case 2: { uint16_t t = (uint16_t)v; memcpy((void *)addr, &t, 2); break; }
    case 4: { uint32_t t = (uint32_t)v; memcpy((void *)addr, &t, 4); break; }
    default: memcpy((void *)addr, &v, 8); break;
    }
}

static uint64_t sext_n(uint64_t v, int size)
{
    switch (size) {
    case 1: return (uint64_t)(int64_t)(int8_t)v;
    case 2: return (uint64_t)(int64_t)(int16_t)v;
    case 4: return (uint64_t)(int64_t)(int32_t)v;
    default: return v;
    }
}

/* A64 AddWithCarry: result and NZCV (bits 31:28). */
static uint64_t add_with_carry(int size, uint64_t x, uint64_t y, int cin,
                               uint32_t *nzcv)
{
    uint64_t m = size == 8 ? ~0ull : 0xffffffffull;
    x &= m, y &= m;
    unsigned __int128 us = (unsigned __int128)x + y + (unsigned)cin;
    uint64_t r = (uint64_t)us & m;
    int n, z, c, v;
    if (size == 8) {
        __int128 ss = (__int128)(int64_t)x + (int64_t)y + cin;
        c = (us >> 64) != 0;
        v = ss != (__int128)(int64_t)r;
        n = (int64_t)r < 0;
    } else {
        int64_t ss = (int64_t)(int32_t)x + (int32_t)y + cin;
        c = (us >> 32) != 0;
        v = ss != (int64_t)(int32_t)r;
        n = (int32_t)r < 0;
    }
    z = r == 0;
    *nzcv = (uint32_t)n << 31 | (uint32_t)z << 30 | (uint32_t)c << 29 |
            (uint32_t)v << 28;
    return r;
}

/* Atomic read-modify-write at the access size; the interpreter must be as
 * atomic as the JIT's locked instructions (guests share memory between
 * threads and processes). */
#define RMW_CASE(T)                                                          \
    do {                                                                     \
        T *p = (T *)(uintptr_t)addr, o = __atomic_load_n(p, __ATOMIC_SEQ_CST), n; \
        do {                                                                 \
            n = (T)rmw_apply(op, size, o, v);                                \
        } while (!__atomic_compare_exchange_n(p, &o, n, false,               \
                                              __ATOMIC_SEQ_CST,              \
                                              __ATOMIC_SEQ_CST));            \
        return (uint64_t)o;                                                  \
    } while (0)

static uint64_t rmw_apply(int op, int size, uint64_t old, uint64_t v)
{
    uint64_t m = size == 8 ? ~0ull : (1ull << (size * 8)) - 1;
    switch (op) {
    case IR_AT_ADD: return old + v;
    case IR_AT_CLR: return old & ~v;
    case IR_AT_EOR: return old ^ v;
    case IR_AT_SET: return old | v;
    case IR_AT_SMAX: return (int64_t)sext_n(old, size) > (int64_t)sext_n(v, size) ? old : v;
    case IR_AT_SMIN: return (int64_t)sext_n(old, size) < (int64_t)sext_n(v, size) ? old : v;
    case IR_AT_UMAX: return (old & m) > (v & m) ? old : v;
    case IR_AT_UMIN: return (old & m) < (v & m) ? old : v;
    default: return v; /* SWP */
    }
}

static uint64_t atomic_rmw(int op, int size, uint64_t addr, uint64_t v)
{
    switch (size) {
    case 1: RMW_CASE(uint8_t);
    case 2: RMW_CASE(uint16_t);
    case 4: RMW_CASE(uint32_t);
    default: RMW_CASE(uint64_t);
    }
}

static uint64_t atomic_cas(int size, uint64_t addr, uint64_t expect,
                           uint64_t nv)
{
#define CAS_CASE(T)                                                          \
    do {                                                                     \
        T e = (T)expect;                                                     \
        __atomic_compare_exchange_n((T *)(uintptr_t)addr, &e, (T)nv, false,  \
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);     \
        return (uint64_t)e;                                                  \
    } while (0)
    switch (size) {
    case 1: CAS_CASE(uint8_t);
    case 2: CAS_CASE(uint16_t);
    case 4: CAS_CASE(uint32_t);
    default: CAS_CASE(uint64_t);
    }
#undef CAS_CASE
}

int ir_interp(IRBlock *b, void *env)
{
    const IRGuestInfo *gi = b->gi;
    uint64_t stackv[512];
    uint64_t *v = b->n <= 512 ? stackv : malloc(b->n * sizeof(uint64_t));
    int ret = IR_EXIT_LOOKUP;
    uint32_t *nzcv = &ENV4(env, gi->env_nzcv);
    uint64_t *pc = &ENV8(env, gi->env_pc);
    v[0] = 0;

    for (uint32_t i = 1; i < b->n; i++) {
        IRInst *in = &b->ins[i];
        if (in->dead)
            continue;
        uint64_t x = v[in->a], y = v[in->b], z = v[in->c], r = 0;
        int sz = in->size;
        uint64_t m = sz >= 8 ? ~0ull : (1ull << (sz * 8)) - 1;
        switch ((IROp)in->op) {
        case IR_CONST: r = in->imm; break;
        case IR_GETREG: r = ENV8(env, 8 * in->imm); break;
        case IR_SETREG: ENV8(env, 8 * in->imm) = x; break;
        case IR_LDENV: r = load_n((uint64_t)env + in->imm, sz); break;
        case IR_STENV: store_n((uint64_t)env + in->imm, sz, x); break;
        case IR_ADDS: case IR_SUBS: case IR_ADCS: case IR_SBCS:
        case IR_ADC: case IR_SBC: {
            int cin = in->op == IR_SUBS ? 1 : (in->op == IR_ADDS ? 0 : (*nzcv >> 29) & 1);
            bool sub = in->op == IR_SUBS || in->op == IR_SBCS || in->op == IR_SBC;
            uint32_t f;
            r = add_with_carry(sz, x, sub ? ~y : y, cin, &f);
            if (in->op != IR_ADC && in->op != IR_SBC)
                *nzcv = f;
            break;
        }
        case IR_LOGICS:
            r = x & m;
            *nzcv = (uint32_t)((r >> (sz * 8 - 1)) & 1) << 31 |
                    (uint32_t)(r == 0) << 30;
            break;
        case IR_COND: r = ir_cond_holds(*nzcv, (unsigned)in->imm); break;
        case IR_CSEL:
            r = (ir_cond_holds(*nzcv, (unsigned)in->imm) ? x : y) & m;
            break;
        case IR_GETNZCV: r = *nzcv & 0xf0000000u; break;
        case IR_SETNZCV: *nzcv = (uint32_t)x & 0xf0000000u; break;
        case IR_SETNZ: case IR_SETNZC: {
            uint32_t f = *nzcv & 0x30000000u;
            if (in->op == IR_SETNZC)
                f = (f & 0x10000000u) | (uint32_t)(y & 1) << 29;
            *nzcv = f | (uint32_t)((x & m) >> (sz * 8 - 1) & 1) << 31 |
                    (uint32_t)((x & m) == 0) << 30;
            break;
        }
        case IR_LD:
            *pc = b->start_pc + in->pc_off;
            r = load_n(host_addr(b, x), sz);
            if (in->imm & IR_LD_SIGNED)
                r = sext_n(r, sz);
            break;
        case IR_ST:
            *pc = b->start_pc + in->pc_off;
            store_n(host_addr(b, x), sz, y);
            break;
        case IR_VLD: {
            uint8_t *vr = (uint8_t *)env + gi->env_vregs + 16 * in->imm;
            uint8_t tmp[16] = {0};
            *pc = b->start_pc + in->pc_off;
            memcpy(tmp, (void *)host_addr(b, x), sz);
            memcpy(vr, tmp, 16);
            break;
        }
        case IR_VST: {
            uint8_t *vr = (uint8_t *)env + gi->env_vregs + 16 * in->imm;
            *pc = b->start_pc + in->pc_off;
            memcpy((void *)host_addr(b, x), vr, sz);
            break;
        }
        case IR_CAS: {
            uint64_t a = host_addr(b, x);
            *pc = b->start_pc + in->pc_off;
            r = atomic_cas(sz, a, y & m, z);
            break;
        }
        case IR_ATOMIC:
            *pc = b->start_pc + in->pc_off;
            r = atomic_rmw((int)in->imm, sz, host_addr(b, x), y);
            break;
        case IR_FENCE: __atomic_thread_fence(__ATOMIC_SEQ_CST); break;
        case IR_CALL:
            *pc = b->start_pc + in->pc_off;
            r = ((IRHelper)(uintptr_t)in->imm)(env, x, y, z, v[in->d]);
            break;
        case IR_VOP: /* the helper is the reference semantics */
            *pc = b->start_pc + in->pc_off;
            ((IRHelper)(uintptr_t)in->imm)(env, (uint32_t)in->imm2, 0, 0, 0);
            break;
        case IR_BR_FLAGS:
            if (ir_cond_holds(*nzcv, (unsigned)in->imm2)) {
                *pc = in->imm;
                goto out;
            }
            break;
        case IR_BR_NZ:
        case IR_BR_Z:
            if ((x != 0) == (in->op == IR_BR_NZ)) {
                *pc = in->imm;
                goto out;
            }
            break;
        case IR_GOTO: *pc = in->imm; goto out;
        case IR_GOTO_IND: *pc = x; goto out;
        case IR_EXIT:
            *pc = in->imm;
            ret = (int)in->imm2;
            goto out;
        case IR_IF_FLAGS:
            if (ir_cond_holds(*nzcv, (unsigned)in->imm2))
                break;
            /* skip to the ENDIF; constants are still given their value
             * (harmless, and it keeps a sloppy front end deterministic) */
            for (i++; i < b->n && (b->ins[i].op != IR_ENDIF ||
                                   b->ins[i].dead); i++)
                if (b->ins[i].op == IR_CONST)
                    v[i] = b->ins[i].imm;
            continue;
        case IR_ENDIF:
            break;
        case IR_CHKALIGN:
            if (x & in->imm) {
                *pc = b->start_pc + in->pc_off;
                ENV8(env, gi->env_fault_addr) = x;
                ret = (int)in->imm2;
                goto out;
            }
            break;
        default:
            r = ir_eval_pure((IROp)in->op, sz, x, y, z, in->imm);
            break;
        }
        v[i] = r;
    }
out:
    if (v != stackv)
        free(v);
    return ret;
}
