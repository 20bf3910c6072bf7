/*
 * tests/unit/test_x86_emit.c - every encoder of tcg/x86-emit.h, checked
 * by disassembling its bytes with capstone and comparing the text, with
 * the REX corner cases: r12/r13 and rsp/rbp as bases (SIB byte, forced
 * displacement), SPL..DIL as byte registers, high registers everywhere.
 */
#include <capstone/capstone.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tcg/x86-emit.h"

static uint8_t buf[64];

/* Disassembles exactly one instruction filling [buf, end). */
static void expect(XE *e, const char *want)
{
    csh h;
    cs_insn *insn;
    cr_assert_eq(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
    size_t len = (size_t)(e->p - buf);
    size_t n = cs_disasm(h, buf, len, 0x1000, 0, &insn);
    char got[256] = "<invalid>";
    size_t used = 0;
    if (n >= 1) {
        snprintf(got, sizeof(got), "%s%s%s", insn[0].mnemonic,
                 insn[0].op_str[0] ? " " : "", insn[0].op_str);
        used = insn[0].size;
    }
    if (n)
        cs_free(insn, n);
    cs_close(&h);
    cr_expect_str_eq(got, want, "got \"%s\", want \"%s\"", got, want);
    cr_expect_eq(n, 1, "%s: %zu instructions in %zu bytes", want, n, len);
    cr_expect_eq(used, len, "%s: decoded %zu of %zu bytes", want, used, len);
}

#define T(stmt, text)        \
    do {                     \
        XE e_ = {buf};       \
        XE *e = &e_;         \
        stmt;                \
        expect(e, text);     \
    } while (0)

Test(x86_emit, moves)
{
    T(x86_mov_rr(e, 8, X86_RAX, X86_R13), "mov rax, r13");
    T(x86_mov_rr(e, 4, X86_R12, X86_RSI), "mov r12d, esi");
    T(x86_load(e, 8, X86_RAX, x86_mem(X86_RBP, 0x10)), "mov rax, qword ptr [rbp + 0x10]");
    T(x86_load(e, 8, X86_R9, x86_mem(X86_R13, 0)), "mov r9, qword ptr [r13]");
    T(x86_load(e, 8, X86_RDX, x86_mem(X86_R12, 0)), "mov rdx, qword ptr [r12]");
    T(x86_load(e, 8, X86_RCX, x86_mem(X86_RSP, 0x800)), "mov rcx, qword ptr [rsp + 0x800]");
    T(x86_load(e, 4, X86_RAX, x86_mem(X86_RBX, -8)), "mov eax, dword ptr [rbx - 8]");
    T(x86_load(e, 2, X86_R8, x86_mem(X86_RDI, 2)), "movzx r8d, word ptr [rdi + 2]");
    T(x86_load(e, 1, X86_RSI, x86_mem(X86_R15, 0x1c9)), "movzx esi, byte ptr [r15 + 0x1c9]");
    T(x86_loads(e, 1, 8, X86_R11, x86_mem(X86_RBP, 1)), "movsx r11, byte ptr [rbp + 1]");
    T(x86_loads(e, 2, 8, X86_RAX, x86_mem(X86_RAX, 0)), "movsx rax, word ptr [rax]");
    T(x86_loads(e, 4, 8, X86_RDI, x86_mem(X86_R12, 4)), "movsxd rdi, dword ptr [r12 + 4]");
    T(x86_load(e, 8, X86_RDX, x86_mem_idx(X86_RDX, X86_RAX, 8, 0)), "mov rdx, qword ptr [rdx + rax*8]");
    T(x86_load(e, 8, X86_RAX, x86_mem_idx(X86_R13, X86_R12, 4, 0x10)), "mov rax, qword ptr [r13 + r12*4 + 0x10]");
    T(x86_load(e, 8, X86_RAX, x86_mem(X86_NOREG, 0x1234)), "mov rax, qword ptr [0x1234]");
    T(x86_store(e, 8, x86_mem(X86_RSP, 8), X86_R10), "mov qword ptr [rsp + 8], r10");
    T(x86_store(e, 4, x86_mem(X86_RBP, 0x10), X86_RAX), "mov dword ptr [rbp + 0x10], eax");
    T(x86_store(e, 2, x86_mem(X86_RBX, 0), X86_R9), "mov word ptr [rbx], r9w");
    T(x86_store(e, 1, x86_mem(X86_RAX, 0), X86_RSI), "mov byte ptr [rax], sil");
    T(x86_store(e, 1, x86_mem(X86_RAX, 0), X86_RDI), "mov byte ptr [rax], dil");
    T(x86_store(e, 1, x86_mem(X86_R13, 0), X86_RCX), "mov byte ptr [r13], cl");
    T(x86_store_imm(e, 8, x86_mem(X86_RBX, 0x98), -1), "mov qword ptr [rbx + 0x98], -1");
    T(x86_store_imm(e, 2, x86_mem(X86_RBP, 0x1cf), 0x1234), "mov word ptr [rbp + 0x1cf], 0x1234");
    T(x86_store_imm(e, 1, x86_mem(X86_R12, 0), 7), "mov byte ptr [r12], 7");
    T(x86_mov_ri(e, X86_RAX, 0x400cf0), "mov eax, 0x400cf0");
    T(x86_mov_ri(e, X86_R11, 0xffffffffffffff00ull), "mov r11, -0x100");
    T(x86_mov_ri(e, X86_R8, 0x123456789abcull), "movabs r8, 0x123456789abc");
    T(x86_movzx_rr(e, 1, X86_RAX, X86_RSI), "movzx eax, sil");
    T(x86_movzx_rr(e, 2, X86_R9, X86_R10), "movzx r9d, r10w");
    T(x86_movzx_rr(e, 4, X86_RAX, X86_RCX), "mov eax, ecx");
    T(x86_movsx_rr(e, 1, 8, X86_R9, X86_R8), "movsx r9, r8b");
    T(x86_movsx_rr(e, 2, 4, X86_RDX, X86_RDI), "movsx edx, di");
    T(x86_movsx_rr(e, 4, 8, X86_RAX, X86_R15), "movsxd rax, r15d");
    T(x86_lea(e, 8, X86_RSI, x86_mem(X86_RDI, -16)), "lea rsi, [rdi - 0x10]");
    T(x86_lea(e, 4, X86_RAX, x86_mem_idx(X86_R13, X86_RBP, 1, 0)), "lea eax, [r13 + rbp]");
}

Test(x86_emit, alu)
{
    T(x86_alu_rr(e, X86_ADD, 8, X86_RAX, X86_R13), "add rax, r13");
    T(x86_alu_rr(e, X86_SUB, 4, X86_R8, X86_RDI), "sub r8d, edi");
    T(x86_alu_rr(e, X86_XOR, 4, X86_RDI, X86_R15), "xor edi, r15d");
    T(x86_alu_rr(e, X86_CMP, 8, X86_RSP, X86_RBP), "cmp rsp, rbp");
    T(x86_alu_rr(e, X86_ADC, 8, X86_RSI, X86_RDI), "adc rsi, rdi");
    T(x86_alu_rr(e, X86_SBB, 4, X86_RDI, X86_R15), "sbb edi, r15d");
    T(x86_alu_rr(e, X86_OR, 1, X86_RSI, X86_RAX), "or sil, al");
    T(x86_alu_ri(e, X86_AND, 8, X86_RSI, 0x800), "and rsi, 0x800");
    T(x86_alu_ri(e, X86_SUB, 4, X86_R8, 1), "sub r8d, 1");
    T(x86_alu_ri(e, X86_CMP, 8, X86_R9, -1), "cmp r9, -1");
    T(x86_alu_ri(e, X86_ADD, 1, X86_RAX, 0x7f), "add al, 0x7f");
    T(x86_alu_ri(e, X86_AND, 4, X86_RAX, (int32_t)0xf0000000u), "and eax, 0xf0000000");
    T(x86_alu_rm(e, X86_CMP, 8, X86_R12, x86_mem(X86_RDX, -8)), "cmp r12, qword ptr [rdx - 8]");
    T(x86_alu_mr(e, X86_ADD, 4, x86_mem(X86_RBX, 4), X86_RCX), "add dword ptr [rbx + 4], ecx");
    T(x86_alu_mi(e, X86_CMP, 4, x86_mem(X86_RBX, 0x10c), 0), "cmp dword ptr [rbx + 0x10c], 0");
    T(x86_alu_mi(e, X86_ADD, 8, x86_mem(X86_RSP, 0), 0x1000), "add qword ptr [rsp], 0x1000");
    T(x86_test_rr(e, 8, X86_RDI, X86_RDI), "test rdi, rdi");
    T(x86_test_rr(e, 4, X86_R11, X86_R11), "test r11d, r11d");
    T(x86_test_ri(e, 8, X86_RAX, 1), "test rax, 1");
    T(x86_unary(e, X86_NEG, 8, X86_R14), "neg r14");
    T(x86_unary(e, X86_NOT, 4, X86_RBP), "not ebp");
    T(x86_unary(e, X86_MUL, 8, X86_R9), "mul r9");
    T(x86_unary(e, X86_IMUL1, 8, X86_RSI), "imul rsi");
    T(x86_unary(e, X86_DIV, 4, X86_R12), "div r12d");
    T(x86_unary(e, X86_IDIV, 8, X86_R13), "idiv r13");
    T(x86_imul_rr(e, 8, X86_RDI, X86_R8), "imul rdi, r8");
    T(x86_imul_rri(e, 4, X86_RAX, X86_RCX, 10), "imul eax, ecx, 0xa");
    T(x86_imul_rri(e, 8, X86_R15, X86_R15, 0x12345), "imul r15, r15, 0x12345");
}

Test(x86_emit, shifts_and_bits)
{
    T(x86_shift_ri(e, X86_SHL, 8, X86_RDI, 0x3f), "shl rdi, 0x3f");
    T(x86_shift_ri(e, X86_SAR, 4, X86_R10, 1), "sar r10d, 1");
    T(x86_shift_ri(e, X86_SHR, 8, X86_RAX, 2), "shr rax, 2");
    T(x86_shift_cl(e, X86_ROR, 8, X86_RSI), "ror rsi, cl");
    T(x86_shift_cl(e, X86_SHL, 4, X86_R9), "shl r9d, cl");
    T(x86_shrd_ri(e, 8, X86_R8, X86_RDI, 0x1e), "shrd r8, rdi, 0x1e");
    T(x86_bswap(e, 8, X86_R12), "bswap r12");
    T(x86_bswap(e, 4, X86_RAX), "bswap eax");
    T(x86_lzcnt(e, 8, X86_R15, X86_R15), "lzcnt r15, r15");
    T(x86_lzcnt(e, 4, X86_R14, X86_RSI), "lzcnt r14d, esi");
    T(x86_bsr(e, 8, X86_RAX, X86_R13), "bsr rax, r13");
    T(x86_setcc(e, X86_CC_NE, X86_RSI), "setne sil");
    T(x86_setcc(e, X86_CC_O, X86_RAX), "seto al");
    T(x86_setcc(e, X86_CC_A, X86_R11), "seta r11b");
    T(x86_cmov(e, X86_CC_NE, 8, X86_R11, X86_R13), "cmovne r11, r13");
    T(x86_cmov(e, X86_CC_L, 4, X86_RCX, X86_RDX), "cmovl ecx, edx");
    T(x86_andn(e, 8, X86_RAX, X86_R9, X86_R12), "andn rax, r9, r12");
    T(x86_shlx(e, 8, X86_R14, X86_RBP, X86_RDI), "shlx r14, rbp, rdi");
    T(x86_shrx(e, 4, X86_R8, X86_R8, X86_R12), "shrx r8d, r8d, r12d");
    T(x86_sarx(e, 8, X86_R10, X86_R12, X86_R10), "sarx r10, r12, r10");
    T(x86_rorx(e, 8, X86_RSI, X86_R13, 7), "rorx rsi, r13, 7");
    T(x86_pext(e, 4, X86_RAX, X86_RAX, X86_RCX), "pext eax, eax, ecx");
    T(x86_pdep(e, 4, X86_RAX, X86_RAX, X86_RCX), "pdep eax, eax, ecx");
}

Test(x86_emit, atomics_and_sse)
{
    T(x86_xadd_mr(e, 8, x86_mem(X86_RBP, 0x38), X86_RAX), "lock xadd qword ptr [rbp + 0x38], rax");
    T(x86_xadd_mr(e, 1, x86_mem(X86_R12, 0), X86_RAX), "lock xadd byte ptr [r12], al");
    T(x86_xchg_mr(e, 4, x86_mem(X86_RSI, 4), X86_RAX), "xchg dword ptr [rsi + 4], eax");
    T(x86_cmpxchg_mr(e, 1, x86_mem(X86_RBP, 0xd3), X86_R8), "lock cmpxchg byte ptr [rbp + 0xd3], r8b");
    T(x86_cmpxchg_mr(e, 2, x86_mem(X86_RBP, 0x4c), X86_RCX), "lock cmpxchg word ptr [rbp + 0x4c], cx");
    T(x86_cmpxchg_mr(e, 8, x86_mem(X86_R13, 0), X86_RSI), "lock cmpxchg qword ptr [r13], rsi");
    T(x86_mfence(e), "mfence");
    T(x86_movdqu_load(e, 0, x86_mem(X86_R12, 0x10)), "movdqu xmm0, xmmword ptr [r12 + 0x10]");
    T(x86_movdqu_store(e, x86_mem(X86_RBX, 0x128), 0), "movdqu xmmword ptr [rbx + 0x128], xmm0");
}

Test(x86_emit, control_flow)
{
    T(x86_set_rel32(x86_jmp32(e), buf + 0x40), "jmp 0x1040");
    T(x86_set_rel32(x86_jcc32(e, X86_CC_NE), buf + 0x20), "jne 0x1020");
    T(x86_set_rel8(x86_jcc8(e, X86_CC_E), buf + 0x10), "je 0x1010");
    T(x86_set_rel8(x86_jmp8(e), buf + 0x7), "jmp 0x1007");
    T(x86_set_rel32(x86_call32(e), buf + 0x30), "call 0x1030");
    T(x86_jmp_r(e, X86_RDX), "jmp rdx");
    T(x86_jmp_r(e, X86_R11), "jmp r11");
    T(x86_call_r(e, X86_RAX), "call rax");
    T(x86_push(e, X86_R12), "push r12");
    T(x86_pop(e, X86_RBP), "pop rbp");
    T(x86_ret(e), "ret");
    T(x86_cqo(e), "cqo");
    T(x86_cdq(e), "cdq");
    T(x86_lahf(e), "lahf");
    T(x86_sahf(e), "sahf");
    T(x86_cmc(e), "cmc");
    T(x86_int3(e), "int3");
}

Test(x86_emit, nops)
{
    for (int n = 1; n <= 8; n++) {
        XE e = {buf};
        x86_nops(&e, n);
        cr_assert_eq(e.p - buf, n);
        csh h;
        cs_insn *insn;
        cs_open(CS_ARCH_X86, CS_MODE_64, &h);
        size_t cnt = cs_disasm(h, buf, (size_t)n, 0, 0, &insn);
        cr_expect_eq(cnt, 1, "%d-byte nop is %zu instructions", n, cnt);
        cr_expect(cnt && strstr(insn[0].mnemonic, "nop"), "%d-byte nop", n);
        if (cnt)
            cs_free(insn, cnt);
        cs_close(&h);
    }
}

/* VEX.128 encoders of the inline vector/FP lowering (tcg/x86-vec.c):
 * 2-byte and 3-byte VEX, high registers in every field, memory forms. */
Test(x86_emit, avx_vector)
{
    T(x86_v_rrr(e, X86V_PADDB, 0, 1, 2), "vpaddb xmm0, xmm1, xmm2");
    T(x86_v_rrr(e, X86V_PMULLD, 9, 10, 3), "vpmulld xmm9, xmm10, xmm3");
    T(x86_v_rrr(e, X86V_PANDN, 0, 1, 12), "vpandn xmm0, xmm1, xmm12");
    T(x86_v_rrr(e, X86V_PMULUDQ, 0, 0, 1), "vpmuludq xmm0, xmm0, xmm1");
    T(x86_v_rrr(e, X86V_PMULDQ, 0, 8, 1), "vpmuldq xmm0, xmm8, xmm1");
    T(x86_v_rrr(e, X86V_PACKSSWB, 0, 1, 1), "vpacksswb xmm0, xmm1, xmm1");
    T(x86_v_rrr(e, X86V_PMADDUBSW, 0, 1, 10), "vpmaddubsw xmm0, xmm1, xmm10");
    T(x86_v_rrr(e, X86V_PMADDWD, 0, 1, 2), "vpmaddwd xmm0, xmm1, xmm2");
    T(x86_v_rrr(e, X86V_PACKSSDW, 0, 9, 9), "vpackssdw xmm0, xmm9, xmm9");
    T(x86_v_rrr(e, X86V_PACKUSWB, 2, 2, 2), "vpackuswb xmm2, xmm2, xmm2");
    T(x86_v_rrr(e, X86V_PACKUSDW, 0, 1, 2), "vpackusdw xmm0, xmm1, xmm2");
    T(x86_v_rrr(e, X86V_PCMPGTQ, 2, 0, 1), "vpcmpgtq xmm2, xmm0, xmm1");
    T(x86_v_rrr(e, X86V_PUNPCKHQDQ, 1, 0, 1), "vpunpckhqdq xmm1, xmm0, xmm1");
    T(x86_v_rrr(e, X86V_PUNPCKLBW, 0, 1, 2), "vpunpcklbw xmm0, xmm1, xmm2");
    T(x86_v_rrr(e, X86V_PUNPCKLWD, 0, 11, 2), "vpunpcklwd xmm0, xmm11, xmm2");
    T(x86_v_rrr(e, X86V_PUNPCKLDQ, 0, 1, 12), "vpunpckldq xmm0, xmm1, xmm12");
    T(x86_v_rrr(e, X86V_PUNPCKHBW, 1, 0, 2), "vpunpckhbw xmm1, xmm0, xmm2");
    T(x86_v_rrr(e, X86V_PUNPCKHWD, 1, 0, 2), "vpunpckhwd xmm1, xmm0, xmm2");
    T(x86_v_rrr(e, X86V_PUNPCKHDQ, 1, 0, 2), "vpunpckhdq xmm1, xmm0, xmm2");
    T(x86_v_rrr(e, X86V_MOVQ_LD, 0, 0, 0), "vmovq xmm0, xmm0");
    T(x86_v_rrr(e, X86V_PTEST, 3, 0, 3), "vptest xmm3, xmm3");
    T(x86_v_rrr(e, X86V_ADDSD, 0, 1, 2), "vaddsd xmm0, xmm1, xmm2");
    T(x86_v_rrr(e, X86V_DIVPS, 0, 1, 2), "vdivps xmm0, xmm1, xmm2");
    T(x86_v_rrr(e, X86V_VFMADD231PD, 0, 1, 2), "vfmadd231pd xmm0, xmm1, xmm2");
    T(x86_v_rrr(e, X86V_VFNMSUB231SS, 0, 1, 2), "vfnmsub231ss xmm0, xmm1, xmm2");
    T(x86_v_rrm(e, X86V_MOVDQU_LD, 1, 0, x86_mem(X86_RBX, 0x190)), "vmovdqu xmm1, xmmword ptr [rbx + 0x190]");
    T(x86_v_rrm(e, X86V_MOVDQU_ST, 0, 0, x86_mem(X86_RBX, 0x1a0)), "vmovdqu xmmword ptr [rbx + 0x1a0], xmm0");
    T(x86_v_rrm(e, X86V_MOVQ_LD, 2, 0, x86_mem(X86_RBX, 0x1b0)), "vmovq xmm2, qword ptr [rbx + 0x1b0]");
    T(x86_v_rrm(e, X86V_MOVD_LD, 2, 0, x86_mem(X86_RBX, 0x1b0)), "vmovd xmm2, dword ptr [rbx + 0x1b0]");
    T(x86_v_rrm(e, X86V_PMOVZXBW, 1, 0, x86_mem(X86_RBX, 0x1b8)), "vpmovzxbw xmm1, qword ptr [rbx + 0x1b8]");
    T(x86_v_rrm(e, X86V_PSHUFB, 0, 0, x86_mem(X86_RAX, 0)), "vpshufb xmm0, xmm0, xmmword ptr [rax]");
    T(x86_v_rrm(e, X86V_PCMPGTD, 3, 3, x86_mem(X86_RAX, 32)), "vpcmpgtd xmm3, xmm3, xmmword ptr [rax + 0x20]");
    T(x86_v_shift_ri(e, 0x73, 3, 1, 0, 8), "vpsrldq xmm1, xmm0, 8");
    T(x86_v_shift_ri(e, 0x72, 6, 0, 0, 5), "vpslld xmm0, xmm0, 5");
    T((x86_v_rrr(e, X86V_PSHUFD, 0, 0, 9), x86_b(e, 0x1b)), "vpshufd xmm0, xmm9, 0x1b");
    T((x86_v_rrr(e, X86V_SHUFPS, 3, 2, 11), x86_b(e, 0xbb)), "vshufps xmm3, xmm2, xmm11, 0xbb");
    T((x86_v_rrr(e, X86V_PALIGNR, 1, 12, 2), x86_b(e, 4)), "vpalignr xmm1, xmm12, xmm2, 4");
    T(x86_v_rrr(e, X86V_AESENC, 0, 0, 1), "vaesenc xmm0, xmm0, xmm1");
    T(x86_v_rrr(e, X86V_AESENCLAST, 0, 7, 1), "vaesenclast xmm0, xmm7, xmm1");
    T(x86_v_rrr(e, X86V_AESDEC, 2, 3, 4), "vaesdec xmm2, xmm3, xmm4");
    T(x86_v_rrr(e, X86V_AESDECLAST, 0, 13, 1), "vaesdeclast xmm0, xmm13, xmm1");
    T(x86_v_rrr(e, X86V_AESIMC, 0, 0, 14), "vaesimc xmm0, xmm14");
    T((x86_v_rrr(e, X86V_PCLMULQDQ, 0, 6, 10), x86_b(e, 0x11)), "vpclmulqdq xmm0, xmm6, xmm10, 0x11");
    T(x86_test_mi(e, 4, x86_mem(X86_RBX, 0x120), 0x07c00000), "test dword ptr [rbx + 0x120], 0x7c00000");
    T(x86_test_mi(e, 1, x86_mem(X86_RBX, 0x124), 0x10), "test byte ptr [rbx + 0x124], 0x10");
}

Test(x86_emit, sha_ni)
{
    T(x86_sha_rr(e, X86_SHA256RNDS2, 4, 3), "sha256rnds2 xmm4, xmm3");
    T(x86_sha_rr(e, X86_SHA256RNDS2, 3, 12), "sha256rnds2 xmm3, xmm12");
    T(x86_sha_rr(e, X86_SHA256MSG1, 0, 9), "sha256msg1 xmm0, xmm9");
    T(x86_sha_rr(e, X86_SHA256MSG2, 8, 1), "sha256msg2 xmm8, xmm1");
    T(x86_sha_rr(e, X86_SHA1MSG1, 0, 1), "sha1msg1 xmm0, xmm1");
    T(x86_sha_rr(e, X86_SHA1MSG2, 0, 15), "sha1msg2 xmm0, xmm15");
    T(x86_sha_rr(e, X86_SHA1NEXTE, 2, 1), "sha1nexte xmm2, xmm1");
    T(x86_sha1rnds4(e, 0, 1, 2), "sha1rnds4 xmm0, xmm1, 2");
    T(x86_sha1rnds4(e, 10, 1, 3), "sha1rnds4 xmm10, xmm1, 3");
}
