/* interp.h - the bytecode shared by interp-switch.c and interp-goto.c: a
 * small register VM (8 x int64 registers, fixed-size instructions) and a
 * program that sums the Collatz trajectory lengths of 1..n.  Both kernels
 * run the same program and must print the same checksum; they differ only
 * in dispatch (one indirect jump through a switch table vs. a computed
 * goto replicated after each handler).
 */
#ifndef INTERP_H
#define INTERP_H

#include "bench.h"

enum vm_op {
    VM_LI,   /* r[a] = imm */
    VM_MOV,  /* r[a] = r[b] */
    VM_ADD,  /* r[a] = r[b] + r[c] */
    VM_ADDI, /* r[a] = r[b] + imm */
    VM_MULI, /* r[a] = r[b] * imm */
    VM_AND,  /* r[a] = r[b] & r[c] */
    VM_XOR,  /* r[a] = r[b] ^ r[c] */
    VM_SHRI, /* r[a] = r[b] >> imm (logical) */
    VM_JMP,  /* pc = imm */
    VM_JNZ,  /* if (r[a]) pc = imm */
    VM_JEQ,  /* if (r[a] == r[b]) pc = imm */
    VM_JLT,  /* if (r[a] < r[b]) pc = imm (signed) */
    VM_HALT,
    VM_NOPS
};

struct vm_insn {
    uint8_t op, a, b, c;
    int32_t imm;
};

#define VM_PROG_LEN 19

/* r0 = n, r1 = limit, r2 = total steps, r3 = x, r4 = 1, r5 = tmp,
 * r6 = xor of the running totals at each n. */
static const struct vm_insn vm_prog[VM_PROG_LEN] = {
    /* 0 */ { VM_LI, 0, 0, 0, 1 },
    /* 1 */ { VM_LI, 1, 0, 0, 0 }, /* limit: patched by vm_build */
    /* 2 */ { VM_LI, 2, 0, 0, 0 },
    /* 3 */ { VM_LI, 4, 0, 0, 1 },
    /* 4 */ { VM_MOV, 3, 0, 0, 0 },   /* loop_n: x = n */
    /* 5 */ { VM_JEQ, 3, 4, 0, 15 },  /* loop_x: x == 1 -> next */
    /* 6 */ { VM_AND, 5, 3, 4, 0 },
    /* 7 */ { VM_JNZ, 5, 0, 0, 11 },  /* x odd -> odd */
    /* 8 */ { VM_SHRI, 3, 3, 0, 1 },
    /* 9 */ { VM_ADDI, 2, 2, 0, 1 },
    /* 10 */ { VM_JMP, 0, 0, 0, 5 },
    /* 11 */ { VM_MULI, 3, 3, 0, 3 }, /* odd: x = 3x + 1 */
    /* 12 */ { VM_ADDI, 3, 3, 0, 1 },
    /* 13 */ { VM_ADDI, 2, 2, 0, 1 },
    /* 14 */ { VM_JMP, 0, 0, 0, 5 },
    /* 15 */ { VM_XOR, 6, 6, 2, 0 },  /* next: */
    /* 16 */ { VM_ADDI, 0, 0, 0, 1 },
    /* 17 */ { VM_JLT, 0, 1, 0, 4 },
    /* 18 */ { VM_HALT, 0, 0, 0, 0 },
};

/* Copy the program with its limit; the code lives in writable memory so
 * the compiler cannot specialise the interpreter for it. */
static inline void vm_build(struct vm_insn *p, int32_t limit)
{
    memcpy(p, vm_prog, sizeof vm_prog);
    p[1].imm = limit;
}

/* Checksum of the final register file. */
static inline uint64_t vm_checksum(const int64_t *r)
{
    uint64_t h = 0;
    for (int i = 0; i < 8; i++)
        h = bench_mix(h, (uint64_t)r[i]);
    return h;
}

#endif
