/*
 * cpu/arm/disas.c - -d in_asm for emu-arm: the guest instructions of a
 * translated block through capstone (ARM or Thumb mode).  Kept apart
 * from the translator because capstone's arm.h defines names (arm_reg,
 * ARM_REG_SP) that cpu/arm/cpu.h also uses.
 */
#include <stdbool.h>
#include <stdint.h>

#include <capstone/capstone.h>

#include "common/emu.h"
#include "common/guest-mem.h"

void arm_log_in_asm(uint32_t start, uint32_t end, bool thumb);

/* -d in_asm: the guest instructions of a translated block. */
void arm_log_in_asm(uint32_t start, uint32_t end, bool thumb)
{
    static __thread csh cs[2];
    static __thread bool cs_ok[2];
    if (!cs_ok[thumb]) {
        if (cs_open(CS_ARCH_ARM, thumb ? CS_MODE_THUMB : CS_MODE_ARM,
                    &cs[thumb]) != CS_ERR_OK)
            return;
        cs_ok[thumb] = true;
    }
    emu_log("IN: %#x%s\n", start, thumb ? " (thumb)" : "");
    for (uint32_t pc = start; pc < end;) {
        const uint8_t *p = g2h(pc);
        unsigned len = !thumb ? 4 : (*(const uint16_t *)p >> 11) >= 0x1d ? 4 : 2;
        uint32_t w = len == 2 ? *(const uint16_t *)p
                   : thumb ? (uint32_t)((const uint16_t *)p)[0] << 16 |
                                 ((const uint16_t *)p)[1]
                           : *(const uint32_t *)p;
        cs_insn *insn;
        if (cs_disasm(cs[thumb], p, len, pc, 1, &insn) == 1) {
            emu_log("  %#x: %0*x  %s %s\n", pc, len == 2 ? 4 : 8, w,
                    insn->mnemonic, insn->op_str);
            cs_free(insn, 1);
        } else {
            emu_log("  %#x: %0*x  (unknown)\n", pc, len == 2 ? 4 : 8, w);
        }
        pc += len;
    }
}

