/* interp-switch.c - interpreter-dispatch kernel: the interp.h bytecode run
 * by a loop around a switch (one shared indirect jump through a jump
 * table).  Exercises indirect branches with a data-dependent target and
 * a tight load/dispatch loop, the workload of CPython-style interpreters.
 */
#include "interp.h"

__attribute__((noinline)) static void vm_run(const struct vm_insn *code, int64_t *r)
{
    uint32_t pc = 0;
    for (;;) {
        const struct vm_insn *i = &code[pc++];
        switch (i->op) {
        case VM_LI: r[i->a] = i->imm; break;
        case VM_MOV: r[i->a] = r[i->b]; break;
        case VM_ADD: r[i->a] = r[i->b] + r[i->c]; break;
        case VM_ADDI: r[i->a] = r[i->b] + i->imm; break;
        case VM_MULI: r[i->a] = r[i->b] * i->imm; break;
        case VM_AND: r[i->a] = r[i->b] & r[i->c]; break;
        case VM_XOR: r[i->a] = r[i->b] ^ r[i->c]; break;
        case VM_SHRI: r[i->a] = (int64_t)((uint64_t)r[i->b] >> i->imm); break;
        case VM_JMP: pc = (uint32_t)i->imm; break;
        case VM_JNZ: if (r[i->a]) pc = (uint32_t)i->imm; break;
        case VM_JEQ: if (r[i->a] == r[i->b]) pc = (uint32_t)i->imm; break;
        case VM_JLT: if (r[i->a] < r[i->b]) pc = (uint32_t)i->imm; break;
        case VM_HALT: return;
        default: fprintf(stderr, "bad opcode %u\n", i->op); exit(1);
        }
    }
}

int main(int argc, char **argv)
{
    long scale = bench_scale(argc, argv);
    static struct vm_insn code[VM_PROG_LEN];
    int64_t r[8] = { 0 };

    vm_build(code, (int32_t)bench_iters(640000, scale));
    vm_run(code, r);
    bench_report("interp", scale, vm_checksum(r));
    return 0;
}
