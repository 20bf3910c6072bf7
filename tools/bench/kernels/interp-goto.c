/* interp-goto.c - interpreter-dispatch kernel: the interp.h bytecode run
 * with GNU computed goto ("threaded code"): each handler ends with its own
 * indirect jump, so there are as many indirect-branch sites as opcodes.
 * Prints the same checksum as interp-switch.c.
 */
#include "interp.h"

__attribute__((noinline)) static void vm_run(const struct vm_insn *code, int64_t *r)
{
    static void *const labels[VM_NOPS] = {
        [VM_LI] = &&l_li, [VM_MOV] = &&l_mov, [VM_ADD] = &&l_add,
        [VM_ADDI] = &&l_addi, [VM_MULI] = &&l_muli, [VM_AND] = &&l_and,
        [VM_XOR] = &&l_xor, [VM_SHRI] = &&l_shri, [VM_JMP] = &&l_jmp,
        [VM_JNZ] = &&l_jnz, [VM_JEQ] = &&l_jeq, [VM_JLT] = &&l_jlt,
        [VM_HALT] = &&l_halt,
    };
    const struct vm_insn *i = code;
#define NEXT() goto *labels[(++i)->op]
#define JUMP(t) do { i = &code[t]; goto *labels[i->op]; } while (0)
    goto *labels[i->op];
l_li: r[i->a] = i->imm; NEXT();
l_mov: r[i->a] = r[i->b]; NEXT();
l_add: r[i->a] = r[i->b] + r[i->c]; NEXT();
l_addi: r[i->a] = r[i->b] + i->imm; NEXT();
l_muli: r[i->a] = r[i->b] * i->imm; NEXT();
l_and: r[i->a] = r[i->b] & r[i->c]; NEXT();
l_xor: r[i->a] = r[i->b] ^ r[i->c]; NEXT();
l_shri: r[i->a] = (int64_t)((uint64_t)r[i->b] >> i->imm); NEXT();
l_jmp: JUMP(i->imm);
l_jnz: if (r[i->a]) JUMP(i->imm); NEXT();
l_jeq: if (r[i->a] == r[i->b]) JUMP(i->imm); NEXT();
l_jlt: if (r[i->a] < r[i->b]) JUMP(i->imm); NEXT();
l_halt: return;
#undef NEXT
#undef JUMP
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
