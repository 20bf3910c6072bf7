/*
 * linux-user/aarch64/guest-aarch64.c - emu-aarch64's guest description
 * (common/guest-arch.h): A64State accessors, the cpu-loop exits, clone's
 * child registers, the AArch64 syscall ABI, and the arm64 signal frame.
 *
 * Delivery follows arch/arm64/kernel/signal.c: a struct rt_sigframe
 * (siginfo + ucontext with the sigcontext and an fpsimd_context record)
 * below a 16-byte frame record, x0 = signal, x1 = &info, x2 = &uc,
 * x29 = &frame record, x30 = sa_restorer or our sigreturn trampoline.
 * The handler starts with PSTATE.NZCV as it was; FP state is kept.
 * The generic rules (which stack, masks, SA_RESETHAND) are
 * linux-user/signal.c's.
 */
#include <errno.h>
#include <elf.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-arch.h"
#include "common/guest-mem.h"
#include "cpu/aarch64/cpu.h"
#include "cpu/aarch64/features.h"
#include "cpu/aarch64/translate.h"
#include "common/guest-map.h"
#include "linux-user/aarch64/a64-guest.h"
#include "linux-user/signal.h"
#include "loader/loader.h"
#include "syscall/sys-internal.h"
#include "syscall/syscall.h"
#include "syscall/signal-state.h"

/* arm64 uapi (asm/sigcontext.h, asm/ucontext.h) */
#define FPSIMD_MAGIC 0x46508001u
#define A64_SIGCTX_RESERVED 4096
#define A64_SA_RESTORER 0x04000000u
#define A64_MINSIGSTKSZ 5120 /* arm64 asm/signal.h */

typedef struct A64Sigcontext {
    uint64_t fault_address;
    uint64_t regs[31];
    uint64_t sp, pc, pstate;
    uint8_t reserved[A64_SIGCTX_RESERVED] __attribute__((aligned(16)));
} A64Sigcontext;

typedef struct A64FpsimdContext {
    uint32_t magic, size;
    uint32_t fpsr, fpcr;
    unsigned __int128 vregs[32];
} A64FpsimdContext;

typedef struct A64Ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
    uint64_t uc_sigmask;
    uint8_t unused[1024 / 8 - 8];
    A64Sigcontext uc_mcontext __attribute__((aligned(16)));
} A64Ucontext;

typedef struct A64RtSigframe {
    uint8_t info[128]; /* siginfo_t: same layout on arm64 and x86-64 */
    A64Ucontext uc;
} A64RtSigframe;

_Static_assert(sizeof(A64Ucontext) == 4560, "arm64 ucontext size");
_Static_assert(offsetof(A64Ucontext, uc_mcontext) == 176, "uc_mcontext");

static uint64_t sigreturn_tramp; /* guest address of mov x8,#139; svc 0 */

static uint64_t a64_setup_frame(void *envp, int sig, const siginfo_t *info,
                                const GuestSigaction *ka, uint64_t sp,
                                uint64_t mask, uint64_t ss_sp,
                                uint64_t ss_size, int ss_flags)
{
    A64State *env = envp;
    uint64_t rec = (sp - 16) & ~15ull;
    uint64_t fa = (rec - sizeof(A64RtSigframe)) & ~15ull;
    if (!guest_range_ok(fa, rec + 16 - fa, PROT_READ | PROT_WRITE))
        return 0;

    A64RtSigframe *f = g2h(fa);
    memset(f, 0, sizeof(*f));
    memcpy(f->info, info, sizeof(f->info));
    A64Ucontext *uc = &f->uc;
    uc->ss_sp = ss_sp;
    uc->ss_size = ss_size;
    uc->ss_flags = ss_flags;
    uc->uc_sigmask = mask;
    A64Sigcontext *mc = &uc->uc_mcontext;
    if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
        sig == SIGTRAP)
        mc->fault_address = (uint64_t)(uintptr_t)info->si_addr;
    memcpy(mc->regs, env->x, sizeof(mc->regs));
    mc->sp = env->x[31];
    mc->pc = env->pc;
    mc->pstate = env->nzcv & 0xf0000000u;
    A64FpsimdContext *fp = (A64FpsimdContext *)mc->reserved;
    fp->magic = FPSIMD_MAGIC;
    fp->size = sizeof(*fp);
    fp->fpsr = env->fpsr;
    fp->fpcr = env->fpcr;
    memcpy(fp->vregs, env->v, sizeof(fp->vregs));
    /* the terminator record after it is already zero */

    uint64_t *frame_record = g2h(rec);
    frame_record[0] = env->x[29];
    frame_record[1] = env->x[30];

    env->x[0] = (uint64_t)sig;
    env->x[1] = fa;
    env->x[2] = fa + offsetof(A64RtSigframe, uc);
    env->x[29] = rec;
    env->x[30] = (ka->flags & A64_SA_RESTORER) ? ka->restorer : sigreturn_tramp;
    env->x[31] = fa;
    env->pc = ka->handler;
    env->excl_size = 0; /* exception entry clears the exclusive monitor */
    return fa + offsetof(A64RtSigframe, uc.uc_sigmask);
}

static int64_t a64_rt_sigreturn(void *envp)
{
    A64State *env = envp;
    uint64_t fa = env->x[31];
    if (!guest_range_ok(fa, sizeof(A64RtSigframe), PROT_READ))
        sig_die(SIGSEGV);
    A64RtSigframe *f = g2h(fa);
    A64Sigcontext *mc = &f->uc.uc_mcontext;
    memcpy(env->x, mc->regs, sizeof(mc->regs));
    env->x[31] = mc->sp;
    env->pc = mc->pc;
    env->nzcv = (uint32_t)mc->pstate & 0xf0000000u;
    /* Walk the records for the FP/SIMD state. */
    for (uint32_t off = 0; off + 8 <= A64_SIGCTX_RESERVED;) {
        A64FpsimdContext *rec = (A64FpsimdContext *)(mc->reserved + off);
        if (rec->magic == 0 || rec->size < 8 ||
            off + rec->size > A64_SIGCTX_RESERVED)
            break;
        if (rec->magic == FPSIMD_MAGIC && rec->size >= sizeof(*rec)) {
            env->fpsr = rec->fpsr;
            env->fpcr = rec->fpcr;
            memcpy(env->v, rec->vregs, sizeof(rec->vregs));
        }
        off += rec->size;
    }
    sig_restore_mask(f->uc.uc_sigmask);
    /* arch/arm64/kernel/signal.c: restore_altstack(&frame->uc.uc_stack) */
    sig_restore_altstack(env, f->uc.ss_sp, f->uc.ss_flags, f->uc.ss_size);
    env->excl_size = 0;
    return (int64_t)env->x[0];
}

/* The svc of an interrupted syscall is the 4-byte instruction before pc. */
static void a64_syscall_rewind(void *envp, uint64_t orig_a0)
{
    A64State *env = envp;
    env->x[0] = orig_a0;
    env->pc -= 4;
}

static void a64_syscall_unrewind(void *envp, int64_t r)
{
    A64State *env = envp;
    env->x[0] = (uint64_t)r;
    env->pc += 4;
}

static void a64_init(void)
{
    /* The sigreturn trampoline guest handlers return to when they have no
     * SA_RESTORER (arm64 Linux puts it in the vDSO). */
    int64_t page = guest_mmap(0, 4096, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page < 0)
        emu_fatal("cannot map the signal trampoline page");
    uint32_t *code = g2h((uint64_t)page);
    code[0] = 0xd2801168; /* mov x8, #139 (rt_sigreturn) */
    code[1] = 0xd4000001; /* svc #0 */
    guest_mprotect((uint64_t)page, 4096, PROT_READ | PROT_EXEC);
    sigreturn_tramp = (uint64_t)page;
}

static void a64_start(void *envp, const GuestImage *img)
{
    A64State *env = envp;
    env->pc = img->entry;
    env->x[A64_REG_SP] = img->sp;
}

static uint64_t a64_get_pc(const void *env)
{
    return ((const A64State *)env)->pc;
}

static uint64_t a64_get_sp(const void *env)
{
    return ((const A64State *)env)->x[A64_REG_SP];
}

static void a64_clone_child(void *envp, uint64_t newsp, bool settls,
                            uint64_t tls)
{
    A64State *env = envp;
    env->x[0] = 0;
    if (newsp)
        env->x[A64_REG_SP] = newsp;
    if (settls)
        env->tpidr_el0 = tls;
    env->excl_size = 0;
}

static void a64_cpu_exit(void *envp, int r)
{
    A64State *env = envp;
    switch (r) {
    case IR_EXIT_UNDEF:
    case IR_EXIT_HLT:
        sig_raise_sync(env, SIGILL, ILL_ILLOPC, env->pc);
        break;
    case IR_EXIT_BRK:
        sig_raise_sync(env, SIGTRAP, TRAP_BRKPT, env->pc);
        break;
    case IR_EXIT_FETCH_FAULT:
        /* mapped but not executable is a permission fault */
        sig_raise_sync(env, SIGSEGV,
                       guest_range_ok(env->pc, 4, 0) ? SEGV_ACCERR
                                                     : SEGV_MAPERR,
                       env->pc);
        break;
    case IR_EXIT_ALIGN:
        /* misaligned exclusive, acquire/release or atomic access */
        sig_raise_sync(env, SIGBUS, BUS_ADRALN, env->fault_addr);
        break;
    case IR_EXIT_PC_ALIGN:
        sig_raise_sync(env, SIGBUS, BUS_ADRALN, env->pc);
        break;
    default:
        break;
    }
}

static uint64_t a64_hwcap_fn(void) { return a64_hwcap(); }
static uint64_t a64_hwcap2_fn(void) { return a64_hwcap2(); }

/* arm64 hwcap names, bit order of arch/arm64/kernel/cpuinfo.c. */
static const char *const hwcap_names[] = {
    "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32",
    "atomics", "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma",
    "lrcpc", "dcpop", "sha3", "sm3", "sm4", "asimddp", "sha512", "sve",
    "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca",
    "pacg"};
static const char *const hwcap2_names[] = {
    "dcpodp", "sve2", "sveaes", "svepmull", "svebitperm", "svesha3",
    "svesm4", "flagm2", "frint", "svei8mm", "svef32mm", "svef64mm",
    "svebf16", "i8mm", "bf16", "dgh", "rng", "bti", "mte", "ecv", "afp",
    "rpres", "mte3", "sme", "smei16i64", "smef64f64", "smei8i32",
    "smef16f32", "smeb16f32", "smef32f32", "smefa64", "wfxt", "ebf16",
    "sveebf16", "cssc", "rprfm", "sve2p1"};

static void a64_cpuinfo(FILE *f)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t h1 = a64_hwcap(), h2 = a64_hwcap2();
    for (long c = 0; c < (ncpu > 0 ? ncpu : 1); c++) {
        fprintf(f, "processor\t: %ld\nBogoMIPS\t: 50.00\nFeatures\t:", c);
        for (unsigned i = 0; i < 32; i++)
            if (h1 & (1ull << i))
                fprintf(f, " %s", hwcap_names[i]);
        for (unsigned i = 0;
             i < sizeof(hwcap2_names) / sizeof(hwcap2_names[0]); i++)
            if (h2 & (1ull << i))
                fprintf(f, " %s", hwcap2_names[i]);
        /* the identity MRS MIDR_EL1 reports */
        fprintf(f,
                "\nCPU implementer\t: 0x%02llx\nCPU architecture: 8\n"
                "CPU variant\t: 0x%llx\nCPU part\t: 0x%03llx\n"
                "CPU revision\t: %llu\n\n",
                A64_MIDR_VALUE >> 24, (A64_MIDR_VALUE >> 20) & 0xf,
                (A64_MIDR_VALUE >> 4) & 0xfff, A64_MIDR_VALUE & 0xf);
    }
}

/* ---- the AArch64 ABI ---- */

/* The table, by arm64 (asm-generic) number: syscall/a64-table.def. */
static const SysEntry a64_sys_table[SYS_NR_MAX] = {
#define SYS(nr, name, ret, ...) [nr] = {#name, sys_##name, -1, ret, {__VA_ARGS__}},
#define PASS(nr, name, ret, ...) [nr] = {#name, NULL, SYS_##name, ret, {__VA_ARGS__}},
#define NOSYS(nr, name) [nr] = {#name, NULL, -1, R_INT, {A_NONE}},
#include "syscall/a64-table.def"
#undef SYS
#undef PASS
#undef NOSYS
};

static void a64_fetch(SysCall *c)
{
    A64State *env = c->env;
    c->nr = env->x[8] > 0x7fffffff ? -1 : (int)env->x[8];
    memcpy(c->a, env->x, 6 * sizeof(c->a[0]));
    c->a[6] = 0;
}

static void a64_set_result(void *env, int64_t r)
{
    ((A64State *)env)->x[0] = (uint64_t)r;
}

static int64_t a64_get_result(const void *env)
{
    return (int64_t)((const A64State *)env)->x[0];
}

const SysAbi sys_abi_a64 = {
    .get_result = a64_get_result,
    .name = "aarch64",
    .table = a64_sys_table,
    .abi32 = false,
    .fetch = a64_fetch,
    .set_result = a64_set_result,
};

void sys_a64_syscall(A64State *env)
{
    sys_syscall(&sys_abi_a64, env);
}

static const char *const a64_cpu_names[] = {
    "max", "any", "host", "cortex-a72", "cortex-a57", "cortex-a53", NULL};

const GuestArch a64_guest_arch = {
    .cpu_names = a64_cpu_names,
    .cpu_help = "emu-aarch64 CPU models (all the same Armv8.0 CPU with LSE, "
                "CRC32, AES, SHA1, SHA2):",
    .name = "aarch64",
    .prog = "emu-aarch64",
    .uname_machine = "aarch64",
    .elf_machine = EM_AARCH64,
    .elf_class = ELFCLASS64,
    .addr32 = false,
    .task_size = 1ull << 48,
    .env_size = sizeof(A64State),
    .env_align = 64,
    .ir_info = &a64_guest_info,
    .translate = a64_translate_block,
    .abi = &sys_abi_a64,
    .minsigstksz = A64_MINSIGSTKSZ,
    .init = a64_init,
    .start = a64_start,
    .get_pc = a64_get_pc,
    .get_sp = a64_get_sp,
    .clone_child = a64_clone_child,
    .cpu_exit = a64_cpu_exit,
    .setup_frame = a64_setup_frame,
    .rt_sigreturn = a64_rt_sigreturn,
    .sigreturn = NULL,
    .syscall_rewind = a64_syscall_rewind,
    .syscall_unrewind = a64_syscall_unrewind,
    .hwcap = a64_hwcap_fn,
    .hwcap2 = a64_hwcap2_fn,
    .cpuinfo = a64_cpuinfo,
};
