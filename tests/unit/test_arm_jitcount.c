/*
 * tests/unit/test_arm_jitcount.c - golden host-instruction counts of
 * emu-arm NEON forms the JIT inlines (the FEX practice, STYLE.md 12): the
 * x86 code of a block "insn; b .+4" minus that of "b .+4" alone, counted
 * with capstone, for the crypto instructions done with SHA-NI, AES-NI
 * and PCLMULQDQ (tcg/x86-vec.c).  A change that makes one cost more, or
 * sends it back to its C helper (a call), shows here.  The operands are
 * not yet in the vector register cache, so the counts include their
 * loads from env and the store of the result.  Skipped on hosts without
 * those extensions (or AVX).
 *
 * The ARM front end is declared by hand: cpu/arm/cpu.h cannot share a
 * translation unit with <capstone/capstone.h>, whose arm.h defines the
 * ARM_REG_* names too.
 */
#include <capstone/capstone.h>
#include <criterion/criterion.h>
#include <string.h>
#include <sys/mman.h>

#include "common/guest-mem.h"
#include "linux-user/mmap.h"
#include "tcg/ir.h"
#include "tcg/x86-jit.h"

extern IRGuestInfo arm_guest_info;
void arm_frontend_init(void);
void arm_translate_block(IRBlock *b, uint64_t key);

#define CODE 0x00400000u /* A32 code; an A32 block key is its pc */

static void map_code(void)
{
    static bool done;
    if (done)
        return;
    void *p = mmap((void *)(uintptr_t)CODE, 0x1000,
                   PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    cr_assert(p == (void *)(uintptr_t)CODE, "cannot map the test code");
    guest_map_note(CODE, 0x1000, PROT_READ | PROT_EXEC, "test");
    guest_base = 0;
    arm_frontend_init();
    cr_assert(x86_jit_init(&arm_guest_info), "JIT init failed");
    done = true;
}

/* Host instructions of the block of the n A32 words w then "b .+4";
 * *calls gets how many are calls. */
static int host_insns(const uint32_t *w, int n, int *calls)
{
    map_code();
    uint32_t code[4];
    if (n)
        memcpy(code, w, 4 * (size_t)n);
    code[n] = 0xeaffffffu;
    memcpy((void *)(uintptr_t)CODE, code, 4 * (size_t)(n + 1));
    IRBlock b;
    ir_block_init(&b, &arm_guest_info, CODE);
    arm_translate_block(&b, CODE);
    ir_optimize(&b);
    TB tb;
    memset(&tb, 0, sizeof(tb));
    tb.pc = CODE;
    bool full = false;
    if (!x86_compile(&b, &tb, &full)) {
        x86_buf_flush();
        cr_assert(x86_compile(&b, &tb, &full), "compile");
    }
    csh h;
    cs_insn *ins;
    cr_assert_eq(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
    size_t cnt = cs_disasm(h, tb.code, tb.code_size, 0, 0, &ins);
    *calls = 0;
    for (size_t i = 0; i < cnt; i++)
        *calls += !strcmp(ins[i].mnemonic, "call");
    if (cnt)
        cs_free(ins, cnt);
    cs_close(&h);
    ir_block_free(&b);
    return (int)cnt;
}

Test(arm_jitcount, crypto)
{
    map_code();
    if (!x86_has_sha || !x86_has_aes || !x86_has_pclmul)
        cr_skip_test("host without SHA-NI/AES-NI/PCLMULQDQ (or AVX)");
    static const struct {
        uint32_t insn;
        int golden;
        const char *name;
    } g[] = {
        {0xf3020c44, 14, "sha256h.32 q0, q1, q2"},
        {0xf3120c44, 14, "sha256h2.32 q0, q1, q2"},
        {0xf3220c44, 10, "sha256su1.32 q0, q1, q2"},
        {0xf3ba03c2, 7, "sha256su0.32 q0, q1"},
        {0xf2020c44, 15, "sha1c.32 q0, q1, q2"},
        {0xf3b00302, 9, "aese.8 q0, q1"},
        {0xf3b00382, 6, "aesmc.8 q0, q1"},
        {0xf2a20e03, 4, "vmull.p64 q0, d2, d3"},
    };
    int calls0, base = host_insns(NULL, 0, &calls0);
    for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
        int calls, n = host_insns(&g[i].insn, 1, &calls) - base;
        cr_expect_eq(calls, calls0, "%s: a helper call", g[i].name);
        cr_expect_eq(n, g[i].golden, "%s: %d host instructions, golden %d",
                     g[i].name, n, g[i].golden);
    }
}
