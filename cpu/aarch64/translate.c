/*
 * cpu/aarch64/translate.c - turns a run of A64 instructions into one IR
 * block, and the register-access conventions every translator uses.
 *
 * A block ends at the first instruction that changes control flow (its
 * translator sets s->end), at an undefined instruction, before an
 * instruction that is not in executable guest memory, or after
 * A64_MAX_BLOCK_INSNS instructions.
 */
#include "cpu/aarch64/translate.h"

#include <stddef.h>
#include <sys/mman.h>

#include <capstone/capstone.h>

#include "cpu/aarch64/decode.h"
#include "common/emu.h"
#include "common/guest-mem.h"

#define A64_MAX_BLOCK_INSNS 128

const IRGuestInfo a64_guest_info = {
    .env_pc = offsetof(A64State, pc),
    .env_nzcv = offsetof(A64State, nzcv),
    .env_vregs = offsetof(A64State, v),
    .env_exit_request = offsetof(A64State, exit_request),
    .env_fault_addr = offsetof(A64State, fault_addr),
    .num_regs = 32,
    .guest_base = 0,
    .addr32 = false,
};

IRRef a64_reg(A64Ctx *s, int r, int sf)
{
    if (r == 31)
        return ir_const(s->b, 0);
    IRRef v = ir_getreg(s->b, r);
    return sf ? v : ir_zext(s->b, 4, v);
}

IRRef a64_reg_sp(A64Ctx *s, int r, int sf)
{
    IRRef v = ir_getreg(s->b, r);
    return sf ? v : ir_zext(s->b, 4, v);
}

void a64_set_reg(A64Ctx *s, int r, int sf, IRRef v)
{
    if (r == 31)
        return;
    ir_setreg(s->b, r, sf ? v : ir_zext(s->b, 4, v));
}

void a64_set_reg_sp(A64Ctx *s, int r, int sf, IRRef v)
{
    ir_setreg(s->b, r, sf ? v : ir_zext(s->b, 4, v));
}

bool a64_undef(A64Ctx *s, bool unimp)
{
    if (emu_opts.dbg & DBG_UNIMP) {
        const char *name = a64_decode_name(s->insn);
        emu_log("emu: %s instruction %08x at %#llx%s%s\n",
                unimp ? "unimplemented" : "undefined", s->insn,
                (unsigned long long)s->pc, name ? " row " : "",
                name ? name : "");
    }
    ir_exit(s->b, IR_EXIT_UNDEF, s->pc);
    s->end = true;
    return true;
}

IRRef a64_call_insn(A64Ctx *s, void *fn, IRRef a, IRRef b, IRRef c)
{
    return ir_call(s->b, fn, 0, 4, ir_const(s->b, s->insn), a, b, c);
}

/* -d in_asm: the guest instructions of a translated block. */
static void log_in_asm(uint64_t start, uint64_t end)
{
    static __thread csh cs;
    static __thread bool cs_ok;
    if (!cs_ok) {
        if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &cs) != CS_ERR_OK)
            return;
        cs_ok = true;
    }
    emu_log("IN: %#llx\n", (unsigned long long)start);
    for (uint64_t pc = start; pc < end; pc += 4) {
        cs_insn *insn;
        uint32_t w = *(const uint32_t *)(uintptr_t)pc;
        if (cs_disasm(cs, (const uint8_t *)&w, 4, pc, 1, &insn) == 1) {
            emu_log("  %#llx: %08x  %s %s\n", (unsigned long long)pc, w,
                    insn->mnemonic, insn->op_str);
            cs_free(insn, 1);
        } else {
            emu_log("  %#llx: %08x  (unknown)\n", (unsigned long long)pc, w);
        }
    }
}

static void translate_insns(IRBlock *b, uint64_t pc);

IRRef a64_call_insn_v(A64Ctx *s, void *fn, IRRef a, IRRef b, IRRef c)
{
    return ir_call(s->b, fn, IR_CALL_NOGPR, 4, ir_const(s->b, s->insn), a, b,
                   c);
}

void a64_translate_block(IRBlock *b, uint64_t pc)
{
    translate_insns(b, pc);
    if (emu_opts.dbg & DBG_IN_ASM)
        log_in_asm(b->start_pc, b->end_pc);
    if (emu_opts.dbg & DBG_OP)
        ir_dump(b, emu_opts.log ? emu_opts.log : stderr);
}

static void translate_insns(IRBlock *b, uint64_t pc)
{
    A64Ctx ctx = {.b = b};
    /* A BR/BLR/RET (or sigreturn) to a pc that is not a multiple of 4
     * completed; fetching there takes the PC alignment fault, which the
     * Arm ARM checks before the fetch itself (so before any instruction
     * abort): SIGBUS BUS_ADRALN with si_addr = pc = the target (Linux
     * do_sp_pc_abort).  Every later pc of the block is aligned. */
    if (pc & 3) {
        ir_set_pc(b, pc);
        ir_exit(b, IR_EXIT_PC_ALIGN, pc);
        b->end_pc = pc;
        return;
    }
    for (int n = 0; n < A64_MAX_BLOCK_INSNS; n++) {
        ir_set_pc(b, pc);
        if (!guest_exec_ok(pc, 4)) {
            ir_exit(b, IR_EXIT_FETCH_FAULT, pc);
            b->end_pc = pc;
            return;
        }
        ctx.pc = pc;
        ctx.insn = *(const uint32_t *)(uintptr_t)pc;
        ctx.end = false;
        if (!a64_decode(&ctx, ctx.insn))
            a64_undef(&ctx, true);
        pc += 4;
        b->guest_insns++;
        if (ctx.end) {
            b->end_pc = pc;
            return;
        }
    }
    ir_set_pc(b, pc);
    ir_goto(b, pc);
    b->end_pc = pc;
}
