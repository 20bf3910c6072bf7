/*
 * cpu/aarch64/ldst-atomic.c - A64 synchronisation loads and stores:
 * exclusives (LDXR/LDAXR/STXR/STLXR and the pair forms), load-acquire /
 * store-release (LDAR/STLR, LDLAR/STLLR, LDAPR, LDAPUR/STLUR) and the LSE
 * atomics (CAS, CASP, SWP, LDADD..LDUMIN and their ST* aliases).  Rows are
 * in cpu/aarch64/ldst.def.
 *
 * Exclusive monitor (docs: DESIGN.md "LL/SC via compare-and-swap"):
 *   LDXR records excl_addr, excl_size (bytes accessed) and excl_val[] (the
 *   value(s) it loaded, zero-extended) in A64State.  STXR succeeds iff the
 *   monitor holds the same address and size AND an atomic compare-and-swap
 *   of memory from excl_val to the new data succeeds.  Either way it
 *   clears the monitor (excl_size = 0) and writes 0 (success) or 1 to Ws.
 *   This admits ABA (a store of the same value between LDXR and STXR is
 *   not seen), which is harmless for every lock/atomic idiom that uses
 *   exclusives, and is what every LL/SC-on-CAS emulator does.
 *   When the monitor check fails no memory access is made at all (as the
 *   Arm ARM's AArch64.ExclusiveMonitorsPass: no abort when the check
 *   fails); the IR then leaves the block through a side exit to pc + 4.
 *   LDXP of two X registers reads the 128 bits with two 64-bit loads; the
 *   architecture only promises atomicity of the pair if the STXP succeeds,
 *   and the 128-bit CAS of STXP (cmpxchg16b) fails for a torn read.
 *
 * Ordering on the x86-64 TSO host: every load is an acquire and every
 * store a release already, and locked instructions (CAS, ATOMIC) are full
 * barriers.  The only reordering TSO allows is a later load passing an
 * earlier store, which ARM forbids for STLR followed by LDAR; so STLR,
 * STLLR and STLUR emit a FENCE after the store (correctness over speed:
 * a smarter pass could drop it when no LDAR follows).
 *
 * Alignment: the guest is an Armv8.0 CPU without FEAT_LSE2 (see
 * features.h), so every instruction here takes an Alignment fault when
 * its address is not a multiple of the access size - the whole access for
 * the pairs (LDXP/STXP/CASP: 8 or 16 bytes) - whatever the memory type
 * (Arm ARM AArch64.CheckAlignment: exclusive, atomic and ordered accesses
 * must be aligned).  Linux turns that into SIGBUS BUS_ADRALN with si_addr
 * = the address (arch/arm64/mm/fault.c, do_alignment_fault).  x86 locked
 * instructions accept misaligned addresses, so each translator starts with
 * CHKALIGN on the address, before any other effect of the instruction:
 * `test; jnz` to a cold exit.  A misaligned STXR faults even though its
 * monitor check would fail (AArch64.ExclusiveMonitorsPass checks the
 * alignment first).  Plain loads and stores to Normal memory may be
 * misaligned (SCTLR_EL1.A is 0 under Linux) and are not checked.
 */
#include "cpu/aarch64/translate.h"

/*
 * The base register Xn|SP of every instruction here.  Linux runs EL0 with
 * SCTLR_EL1.SA0 = 1, so with SP as the base an SP that is not a multiple
 * of 16 takes the SP alignment fault before the access is even formed:
 * SIGBUS BUS_ADRALN at the instruction, si_addr = sp (do_sp_pc_abort).
 * A 16-aligned SP also satisfies every access's own alignment (the JIT
 * then drops the second, implied check).  Plain loads and stores through
 * SP are not checked (cpu/aarch64/ldst*.c): stack traffic is too hot for
 * a test per access, and no working program misaligns SP.
 */
static IRRef base(A64Ctx *s, unsigned n)
{
    IRRef v = a64_reg_sp(s, (int)n, 1);
    if (n == A64_REG_SP)
        ir_chkalign(s->b, v, 16);
    return v;
}

/* Writes the exclusive monitor. */
static void excl_set(A64Ctx *s, IRRef addr, int size, IRRef v0, IRRef v1)
{
    ir_stenv(s->b, 8, ENV_OFF(excl_addr), addr);
    ir_stenv(s->b, 8, ENV_OFF(excl_val[0]), v0);
    if (v1)
        ir_stenv(s->b, 8, ENV_OFF(excl_val[1]), v1);
    ir_stenv(s->b, 4, ENV_OFF(excl_size), ir_const(s->b, size));
}

/*
 * The store half of STXR/STXP of up to 64 bits: check the monitor, clear
 * it, CAS.  Ws gets 1 and the block side-exits to pc + 4 when the monitor
 * does not match; otherwise Ws = (CAS failed).
 */
static void excl_store(A64Ctx *s, int rs, IRRef addr, int size, IRRef nv)
{
    IRBlock *b = s->b;
    IRRef ea = ir_ldenv(b, 8, ENV_OFF(excl_addr));
    IRRef es = ir_ldenv(b, 4, ENV_OFF(excl_size));
    IRRef ev = ir_ldenv(b, 8, ENV_OFF(excl_val[0]));
    IRRef ok = ir_and(b, 8, ir_setcc(b, IR_EQ, 8, ea, addr),
                      ir_setcc(b, IR_EQ, 4, es, ir_const(b, size)));
    ir_stenv(b, 4, ENV_OFF(excl_size), ir_const(b, 0));
    a64_set_reg(s, rs, 0, ir_const(b, 1));
    ir_br_z(b, ok, s->pc + 4);
    IRRef old = ir_cas(b, size, addr, ev, nv);
    a64_set_reg(s, rs, 0, ir_setcc(b, IR_NE, 8, old, ev));
}

/* LDXR/LDAXR/STXR/STLXR, all sizes. */
bool a64_trans_LDSTX(A64Ctx *s, const A64Fields *f)
{
    int size = 1 << F('z'), rt = F('t');
    IRRef addr = base(s, F('n'));
    ir_chkalign(s->b, addr, (unsigned)size);
    if (F('L')) {
        /* Acquire (o0 = 1) needs nothing on TSO. */
        IRRef v = ir_ld(s->b, size, false, addr);
        excl_set(s, addr, size, v, 0);
        a64_set_reg(s, rt, size == 8, v);
    } else {
        IRRef nv = a64_reg(s, rt, 1);
        if (size < 8)
            nv = ir_zext(s->b, size, nv);
        /* Release (o0 = 1): the locked CAS is a full barrier. */
        excl_store(s, F('s'), addr, size, nv);
    }
    return true;
}

/*
 * 128-bit compare-and-swap of mem[addr] from {e0,e1} to {n0,n1} with
 * lock cmpxchg16b (inline: the build has no -mcx16, and libatomic's
 * fallback is not lock-free).  Returns whether it swapped; *o0 and *o1 get the
 * old value.  addr is 16-byte aligned: the caller's CHKALIGN has made sure
 * (cmpxchg16b would raise #GP otherwise).
 */
static bool cas128(uint64_t addr, uint64_t e0, uint64_t e1, uint64_t n0,
                   uint64_t n1, uint64_t *o0, uint64_t *o1)
{
    bool ok;
    __asm__ volatile("lock cmpxchg16b %1"
                     : "=@ccz"(ok), "+m"(*(unsigned __int128 *)addr),
                       "+a"(e0), "+d"(e1)
                     : "b"(n0), "c"(n1)
                     : "memory");
    *o0 = e0; /* rdx:rax hold the old value whether or not it swapped */
    *o1 = e1;
    return ok;
}

/* STXP/STLXP of two X registers: returns the status for Ws. */
static uint64_t helper_stxp128(void *envp, uint64_t addr, uint64_t lo,
                               uint64_t hi, uint64_t unused)
{
    A64State *env = envp;
    bool pass = env->excl_size == 16 && env->excl_addr == addr;
    env->excl_size = 0;
    if (!pass)
        return 1;
    uint64_t o0, o1;
    return !cas128(addr, env->excl_val[0], env->excl_val[1], lo, hi, &o0,
                   &o1);
}

/* LDXP/LDAXP/STXP/STLXP.  sz = 0: two W (one 64-bit access), 1: two X. */
bool a64_trans_LDSTXP(A64Ctx *s, const A64Fields *f)
{
    IRBlock *b = s->b;
    int rt = F('t'), rt2 = F('u');
    bool x = F('z');
    IRRef addr = base(s, F('n'));
    ir_chkalign(b, addr, x ? 16 : 8); /* the pair as a whole */
    if (F('L')) {
        if (x) {
            IRRef v0 = ir_ld(b, 8, false, addr);
            IRRef v1 = ir_ld(b, 8, false, ir_addi(b, 8, addr, 8));
            excl_set(s, addr, 16, v0, v1);
            a64_set_reg(s, rt, 1, v0);
            a64_set_reg(s, rt2, 1, v1);
        } else {
            /* Little-endian: Rt is the word at the lower address. */
            IRRef v = ir_ld(b, 8, false, addr);
            excl_set(s, addr, 8, v, 0);
            a64_set_reg(s, rt, 0, v);
            a64_set_reg(s, rt2, 0, ir_shri(b, 8, v, 32));
        }
        return true;
    }
    int rs = F('s');
    if (x) {
        IRRef lo = a64_reg(s, rt, 1), hi = a64_reg(s, rt2, 1);
        IRRef st = ir_call(b, (void *)helper_stxp128, 0, 3, addr, lo, hi, 0);
        a64_set_reg(s, rs, 0, st);
    } else {
        IRRef nv = ir_or(b, 8, a64_reg(s, rt, 0),
                         ir_shli(b, 8, a64_reg(s, rt2, 0), 32));
        excl_store(s, rs, addr, 8, nv);
    }
    return true;
}

/* LDAR/LDLAR (o0 = 1/0) and STLR/STLLR. */
bool a64_trans_LDSTLR(A64Ctx *s, const A64Fields *f)
{
    int size = 1 << F('z'), rt = F('t');
    IRRef addr = base(s, F('n'));
    ir_chkalign(s->b, addr, (unsigned)size);
    if (F('L')) {
        a64_set_reg(s, rt, size == 8, ir_ld(s->b, size, false, addr));
    } else {
        ir_st(s->b, size, addr, a64_reg(s, rt, 1));
        ir_fence(s->b); /* STLR -> LDAR order (see header) */
    }
    return true;
}

/* LDAPR/LDAPRB/LDAPRH (RCpc): a plain load on TSO. */
bool a64_trans_LDAPR(A64Ctx *s, const A64Fields *f)
{
    int size = 1 << F('z');
    IRRef addr = base(s, F('n'));
    ir_chkalign(s->b, addr, (unsigned)size);
    a64_set_reg(s, F('t'), size == 8, ir_ld(s->b, size, false, addr));
    return true;
}

/* LDAPUR*, STLUR* (FEAT_LRCPC2): unscaled signed imm9, no writeback.
 * opc: 00 store, 01 load, 10 load signed to X, 11 load signed to W. */
bool a64_trans_LDAPUR(A64Ctx *s, const A64Fields *f)
{
    unsigned size = F('z'), opc = F('o');
    int bytes = 1 << size, rt = F('t');
    if ((opc == 2 && size == 3) || (opc == 3 && size >= 2))
        return false;
    int64_t off = (int64_t)((uint64_t)F('i') << 55) >> 55;
    IRRef addr = ir_addi(s->b, 8, base(s, F('n')), (uint64_t)off);
    ir_chkalign(s->b, addr, (unsigned)bytes);
    if (opc == 0) {
        ir_st(s->b, bytes, addr, a64_reg(s, rt, 1));
        ir_fence(s->b);
    } else {
        bool sign = opc >= 2;
        int sf = opc == 2 || (opc == 1 && size == 3);
        a64_set_reg(s, rt, sf, ir_ld(s->b, bytes, sign, addr));
    }
    return true;
}

/* CAS/CASA/CASL/CASAL B/H/W/X: Rs = old; store Rt if old == Rs. */
bool a64_trans_CAS(A64Ctx *s, const A64Fields *f)
{
    int size = 1 << F('z'), rs = F('s');
    IRRef addr = base(s, F('n'));
    ir_chkalign(s->b, addr, (unsigned)size);
    IRRef exp = a64_reg(s, rs, size == 8);
    if (size < 4)
        exp = ir_zext(s->b, size, exp);
    IRRef old = ir_cas(s->b, size, addr, exp, a64_reg(s, F('t'), 1));
    a64_set_reg(s, rs, size == 8, old);
    return true;
}

/* CASP of two X registers; register 31 of a pair is XZR. */
static uint64_t helper_casp128(void *envp, uint64_t insn, uint64_t addr,
                               uint64_t unused1, uint64_t unused2)
{
    A64State *env = envp;
    unsigned rs = (insn >> 16) & 31, rt = insn & 31;
#define XR(r) ((r) == 31 ? 0 : env->x[r])
    uint64_t o0, o1;
    cas128(addr, XR(rs), XR(rs + 1), XR(rt), XR(rt + 1), &o0, &o1);
#undef XR
    env->x[rs] = o0; /* rs is even, never 31 */
    if (rs + 1 != 31)
        env->x[rs + 1] = o1;
    return 0;
}

/* CASP/CASPA/CASPL/CASPAL: Rs and Rt must be even (else unallocated). */
bool a64_trans_CASP(A64Ctx *s, const A64Fields *f)
{
    IRBlock *b = s->b;
    int rs = F('s'), rt = F('t');
    if ((rs & 1) || (rt & 1))
        return false;
    IRRef addr = base(s, F('n'));
    ir_chkalign(b, addr, F('z') ? 16 : 8); /* the pair as a whole */
    if (F('z')) {
        a64_call_insn(s, (void *)helper_casp128, addr, 0, 0);
        return true;
    }
    IRRef exp = ir_or(b, 8, a64_reg(s, rs, 0),
                      ir_shli(b, 8, a64_reg(s, rs + 1, 0), 32));
    IRRef nv = ir_or(b, 8, a64_reg(s, rt, 0),
                     ir_shli(b, 8, a64_reg(s, rt + 1, 0), 32));
    IRRef old = ir_cas(b, 8, addr, exp, nv);
    a64_set_reg(s, rs, 0, old);
    a64_set_reg(s, rs + 1, 0, ir_shri(b, 8, old, 32));
    return true;
}

/*
 * LSE atomic memory operations: LDADD, LDCLR, LDEOR, LDSET, LDSMAX,
 * LDSMIN, LDUMAX, LDUMIN (o3 = 0, opc) and SWP (o3 = 1, opc = 000), with
 * A/R/size variants; Rt = 31 is the ST* alias (result discarded).  The
 * IR ATOMIC op works at the access size (signed compares included) and
 * returns the old value zero-extended.
 */
bool a64_trans_ATOMIC(A64Ctx *s, const A64Fields *f)
{
    static const IRAtomic ops[8] = {
        IR_AT_ADD,  IR_AT_CLR,  IR_AT_EOR,  IR_AT_SET,
        IR_AT_SMAX, IR_AT_SMIN, IR_AT_UMAX, IR_AT_UMIN,
    };
    unsigned opc = F('p');
    IRAtomic op;
    if (F('c')) {
        if (opc != 0)
            return false; /* LD64B/ST64B.. (FEAT_LS64) and unallocated */
        op = IR_AT_SWP;
    } else {
        op = ops[opc];
    }
    int size = 1 << F('z');
    IRRef addr = base(s, F('n'));
    ir_chkalign(s->b, addr, (unsigned)size);
    IRRef v = a64_reg(s, F('s'), size == 8);
    if (size < 4)
        v = ir_zext(s->b, size, v);
    IRRef old = ir_atomic(s->b, op, size, addr, v);
    a64_set_reg(s, F('t'), size == 8, old);
    return true;
}
