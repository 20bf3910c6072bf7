/*
 * cpu/arm/ldst-excl.c - A32/T32 synchronization loads and stores:
 * LDREX/STREX and their B/H/D forms, LDAEX/STLEX (B/H/D), LDA/STL (B/H),
 * CLREX and SWP/SWPB.  Rows are in cpu/arm/ldst-excl.def; every
 * load/store-exclusive and acquire/release encoding reaches sync_load()
 * or sync_store().
 *
 * Exclusive monitor: the A64 rule set (cpu/aarch64/ldst-atomic.c).  A
 * load-exclusive records excl_addr, excl_size (bytes) and excl_val[0]
 * (the value it loaded, zero-extended; LDREXD's two words as one 64-bit
 * value, Rt at the lower address) in ArmState.  A store-exclusive
 * succeeds iff the monitor holds the same address and size AND a
 * compare-and-swap of memory from excl_val to the new data succeeds; it
 * clears the monitor either way and writes 0 (success) or 1 to Rd.  As in
 * every LL/SC-on-CAS emulator this admits ABA, harmless for the lock and
 * atomic idioms built on exclusives.
 * Unlike A64, a failed monitor check is not a side exit: the CAS is always
 * made, with the new value replaced by the expected one, so memory keeps
 * its value whatever happens (it writes back what it compared equal, or
 * nothing) and the block has no extra exit.  So a STREX with no
 * reservation touches memory (and can fault where the address is not
 * writable, as x86's failing cmpxchg itself does); the Arm ARM only
 * promises no access when the check fails in AArch64.ExclusiveMonitorsPass,
 * and no program relies on a STREX without LDREX not faulting.
 * The kernel's exception return clears the monitor (ARMv7 Linux does
 * CLREX/a dummy STREX on every return to user): signal delivery must set
 * excl_size to 0 (linux-user's job, as for A64).
 *
 * Ordering on the TSO host: loads are acquires and stores releases
 * already, and the locked CAS is a full barrier; the one reordering TSO
 * allows, a later load passing an earlier store, is forbidden for STL
 * followed by LDA, so STL emits a FENCE after its store (as A64's STLR).
 *
 * Alignment: exclusive and acquire/release accesses must be aligned to
 * their size (LDREXD/STREXD/LDAEXD/STLEXD: 8) whatever SCTLR.A says, and
 * the arm kernel does not fix them up (do_alignment() refuses LDREX/STREX
 * and friends), so a misaligned one is SIGBUS BUS_ADRALN at the
 * instruction: CHKALIGN on the address before any other effect, even
 * for a STREX whose monitor check would fail (the alignment check comes
 * first in AArch32.ExclusiveMonitorsPass; qemu-arm 7.2 instead returns
 * status 1 without the fault).
 *
 * SWP/SWPB (ARMv6, deprecated; SCTLR.SW = 0 makes them UNDEFINED on
 * ARMv7, and Linux built with CONFIG_SWP_EMULATE, as Debian's armmp is,
 * emulates them in arch/arm/kernel/swp_emulate.c; qemu-arm executes them):
 * Rt = the old word/byte at [Rn] and Rt2 stored there, as one atomic
 * exchange (x86 xchg, a full barrier like the kernel's smp_mb() on both
 * sides).  Rt may equal Rt2, and Rn may equal either: the address and
 * the data are read before Rt is written, as the kernel does.  A SWP on
 * an address that is not a multiple of 4 is refused by emulate_swpX()
 * with -EFAULT, and set_segfault() raises SIGSEGV with si_addr = the
 * instruction's pc and SEGV_ACCERR (find_vma finds a mapping at or above
 * every user address below the vectors page): CHKALIGN with
 * IR_EXIT_FETCH_FAULT, which the arm guest turns into exactly that.  A
 * SWPB has no alignment rule.  Deviation: an aligned SWP on an address
 * that faults gets the host fault's SIGSEGV (si_addr = the data
 * address), where the kernel reports the pc.  pc as Rt, Rt2 or Rn
 * (UNPREDICTABLE) is UNDEFINED here.
 *
 * UNDEFINED here (all UNPREDICTABLE in the Arm ARM): pc as Rt, Rt2, Rn or
 * Rd, an odd A32 doubleword Rt (or Rt = lr), T32 Rt == Rt2 for the
 * doubleword loads, a status register Rd that is also Rn, Rt or Rt2 (as
 * qemu-arm) and should-be-one fields that are not ones.
 */
#include "cpu/arm/translate.h"

/* The access of a load/store-exclusive or acquire/release. */
typedef struct SyncOp {
    int bytes;   /* 1, 2, 4, 8 (Rt, Rt2) */
    bool excl;   /* exclusive (else LDA/STL) */
    int rt, rt2, rn;
    int rd;      /* status register of a store-exclusive */
    uint32_t imm; /* T32 LDREX/STREX: offset */
} SyncOp;

static IRRef sync_addr(ArmCtx *s, const SyncOp *op)
{
    IRRef addr = arm_reg(s, op->rn); /* zero-extended: no add of 0 */
    if (op->imm)
        addr = ir_addi(s->b, 4, addr, op->imm);
    ir_chkalign(s->b, addr, (unsigned)op->bytes);
    return addr;
}

static void sync_load(ArmCtx *s, const SyncOp *op)
{
    IRBlock *b = s->b;
    IRRef addr = sync_addr(s, op);
    /* acquire: nothing on TSO */
    IRRef v = ir_ld(b, op->bytes, false, addr);
    if (op->excl) {
        ir_stenv(b, 8, ARM_ENV_OFF(excl_addr), addr);
        ir_stenv(b, 8, ARM_ENV_OFF(excl_val[0]), v);
        ir_stenv(b, 4, ARM_ENV_OFF(excl_size), ir_const(b, op->bytes));
    }
    arm_set_reg(s, op->rt, v);
    if (op->bytes == 8)
        arm_set_reg(s, op->rt2, ir_shri(b, 8, v, 32));
}

static void sync_store(ArmCtx *s, const SyncOp *op)
{
    IRBlock *b = s->b;
    IRRef addr = sync_addr(s, op);
    IRRef nv = arm_reg(s, op->rt);
    if (op->bytes == 8)
        nv = ir_or(b, 8, nv, ir_shli(b, 8, arm_reg(s, op->rt2), 32));
    else if (op->bytes < 4)
        nv = ir_zext(b, op->bytes, nv);
    if (!op->excl) {
        ir_st(b, op->bytes, addr, nv);
        ir_fence(b); /* STL -> LDA order (see header) */
        return;
    }
    IRRef ea = ir_ldenv(b, 8, ARM_ENV_OFF(excl_addr));
    IRRef es = ir_ldenv(b, 4, ARM_ENV_OFF(excl_size));
    IRRef ev = ir_ldenv(b, 8, ARM_ENV_OFF(excl_val[0]));
    IRRef ok = ir_and(b, 8, ir_setcc(b, IR_EQ, 8, ea, addr),
                      ir_setcc(b, IR_EQ, 4, es, ir_const(b, op->bytes)));
    ir_stenv(b, 4, ARM_ENV_OFF(excl_size), ir_const(b, 0));
    /* monitor lost: swap ev for ev, which leaves memory as it is */
    IRRef old = ir_cas(b, op->bytes, addr, ev, ir_sel(b, ok, nv, ev));
    IRRef fail = ir_setcc(b, IR_NE, 8, old, ev);
    arm_set_reg(s, op->rd, ir_sel(b, ok, fail, ir_const(b, 1)));
}

/* Checks shared by every encoding (see the header); rt2 < 0: none. */
static bool sync_ok(const SyncOp *op, bool load)
{
    if (op->rt == ARM_REG_PC || op->rn == ARM_REG_PC)
        return false;
    if (op->bytes == 8 &&
        (op->rt2 == ARM_REG_PC || (load && op->rt2 == op->rt)))
        return false;
    if (!load && op->excl &&
        (op->rd == ARM_REG_PC || op->rd == op->rn || op->rd == op->rt ||
         (op->bytes == 8 && op->rd == op->rt2)))
        return false;
    return true;
}

static bool sync_run(ArmCtx *s, const SyncOp *op, bool load)
{
    if (!sync_ok(op, load))
        return false;
    if (load)
        sync_load(s, op);
    else
        sync_store(s, op);
    return true;
}

/* ---- A32 ---- */

/* size field -> bytes: 00 word, 01 doubleword, 10 byte, 11 halfword. */
static const int a32_bytes[4] = {4, 8, 1, 2};

/* Decodes e:o and the size of an A32 row; false when unallocated. */
static bool a32_sync(const ArmFields *f, SyncOp *op, int rt)
{
    unsigned e = F('e'), o = F('o');
    if (!e && o)
        return false; /* 01: unallocated */
    op->bytes = a32_bytes[F('z')];
    op->excl = e;
    op->rt = rt;
    op->rt2 = rt + 1;
    op->rn = (int)F('n');
    if (op->bytes == 8 && (!e || (rt & 1) || rt == ARM_REG_LR))
        return false; /* no LDAD/STLD; Rt even and not lr */
    return true;
}

/* LDREX/LDREXB/LDREXH/LDREXD, LDAEX*, LDA/LDAB/LDAH (A1). */
bool arm_trans_A32_LDREX_ALL(ArmCtx *s, const ArmFields *f)
{
    SyncOp op = {0};
    if (!a32_sync(f, &op, (int)F('t')))
        return false;
    return sync_run(s, &op, true);
}

/* STREX*, STLEX*, STL/STLB/STLH (A1); STL has 1111 where Rd is. */
bool arm_trans_A32_STREX_ALL(ArmCtx *s, const ArmFields *f)
{
    SyncOp op = {0};
    if (!a32_sync(f, &op, (int)F('t')))
        return false;
    op.rd = (int)F('d');
    if (!op.excl && op.rd != ARM_REG_PC)
        return false;
    return sync_run(s, &op, false);
}

/* SWP/SWPB (A1): see the header for the kernel's rules. */
bool arm_trans_A32_SWP(ArmCtx *s, const ArmFields *f)
{
    IRBlock *b = s->b;
    int rt = (int)F('t'), rt2 = (int)F('u'), rn = (int)F('n');
    int bytes = F('b') ? 1 : 4;
    if (rt == ARM_REG_PC || rt2 == ARM_REG_PC || rn == ARM_REG_PC)
        return false;
    IRRef addr = arm_reg(s, rn);
    ir_chkalign_exit(b, addr, (unsigned)bytes, IR_EXIT_FETCH_FAULT);
    /* ATOMIC stores the low `bytes` of Rt2 and zero-extends the old value */
    arm_set_reg(s, rt, ir_atomic(b, IR_AT_SWP, bytes, addr, arm_reg(s, rt2)));
    return true;
}

/* CLREX: opens the monitor. */
static bool clrex(ArmCtx *s)
{
    ir_stenv(s->b, 4, ARM_ENV_OFF(excl_size), ir_const(s->b, 0));
    return true;
}

bool arm_trans_A32_CLREX(ArmCtx *s, const ArmFields *f)
{
    return clrex(s);
}

/* ---- T32 ---- */

/* LDREX T1 and STREX T1: word, Rn + imm8 * 4. */
bool arm_trans_T32_LDREX(ArmCtx *s, const ArmFields *f)
{
    SyncOp op = {.bytes = 4, .excl = true, .rt = (int)F('t'),
                 .rn = (int)F('n'), .imm = F('i') * 4};
    return sync_run(s, &op, true);
}

bool arm_trans_T32_STREX(ArmCtx *s, const ArmFields *f)
{
    SyncOp op = {.bytes = 4, .excl = true, .rt = (int)F('t'),
                 .rn = (int)F('n'), .rd = (int)F('d'), .imm = F('i') * 4};
    return sync_run(s, &op, false);
}

/* The exclusive B/H/W/D forms: z 00 B, 01 H, 10 W, 11 D (Rt2 = u, else
 * u = 1111). */
static bool t32_sync(const ArmFields *f, SyncOp *op)
{
    op->bytes = 1 << F('z');
    op->excl = true;
    op->rt = (int)F('t');
    op->rt2 = (int)F('u');
    op->rn = (int)F('n');
    return op->bytes == 8 || op->rt2 == ARM_REG_PC;
}

/* LDREXB/LDREXH/LDREXD (the word form is T32_LDREX). */
bool arm_trans_T32_LDREX_BHD(ArmCtx *s, const ArmFields *f)
{
    SyncOp op = {0};
    if (F('z') == 2 || !t32_sync(f, &op))
        return false;
    return sync_run(s, &op, true);
}

/* LDA/LDAB/LDAH (no doubleword form). */
bool arm_trans_T32_LDA(ArmCtx *s, const ArmFields *f)
{
    SyncOp op = {.rt2 = ARM_REG_PC};
    if (F('z') == 3)
        return false;
    op.bytes = 1 << F('z');
    op.rt = (int)F('t');
    op.rn = (int)F('n');
    return sync_run(s, &op, true);
}

/* LDAEX/LDAEXB/LDAEXH/LDAEXD. */
bool arm_trans_T32_LDAEX(ArmCtx *s, const ArmFields *f)
{
    SyncOp op = {0};
    if (!t32_sync(f, &op))
        return false;
    return sync_run(s, &op, true);
}

/* STREXB/STREXH/STREXD. */
bool arm_trans_T32_STREX_BHD(ArmCtx *s, const ArmFields *f)
{
    SyncOp op = {0};
    if (F('z') == 2 || !t32_sync(f, &op))
        return false;
    op.rd = (int)F('d');
    return sync_run(s, &op, false);
}

/* STL/STLB/STLH. */
bool arm_trans_T32_STL(ArmCtx *s, const ArmFields *f)
{
    if (F('z') == 3)
        return false;
    SyncOp op = {.bytes = 1 << F('z'), .rt = (int)F('t'),
                 .rt2 = ARM_REG_PC, .rn = (int)F('n')};
    return sync_run(s, &op, false);
}

/* STLEX/STLEXB/STLEXH/STLEXD. */
bool arm_trans_T32_STLEX(ArmCtx *s, const ArmFields *f)
{
    SyncOp op = {0};
    if (!t32_sync(f, &op))
        return false;
    op.rd = (int)F('d');
    return sync_run(s, &op, false);
}

bool arm_trans_T32_CLREX(ArmCtx *s, const ArmFields *f)
{
    return clrex(s);
}
