/*
 * linux-user/arm/guest-arm.c - emu-arm's guest description
 * (common/guest-arch.h): ArmState accessors, the cpu-loop exits, clone's
 * child registers, /proc/cpuinfo, and the EABI syscall ABI with the
 * ARM-private calls.  The signal frames are in linux-user/arm/signal-arm.c.
 *
 * Registers: r[i] keep 32-bit values zero-extended; the pc and the
 * execution state (Thumb, ITSTATE) live in env->key (cpu/arm/cpu.h).
 *
 * The EABI (arch/arm/kernel/entry-common.S): svc with the number in r7
 * (the immediate is ignored), arguments r0..r6, the result in r0.
 * Numbers from 0xf0000 (__ARM_NR_BASE) are arm_syscall()'s private calls
 * (arch/arm/kernel/traps.c): breakpoint, cacheflush, usr26, usr32,
 * set_tls, get_tls; others up to 0xf07ff are -ENOSYS, anything else in
 * that space is a bad syscall (SIGILL ILL_ILLTRP at the svc).
 */
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-arch.h"
#include "common/guest-mem.h"
#include "cpu/arm/cpu.h"
#include "cpu/arm/translate.h"
#include "linux-user/arm/arm-guest.h"
#include "common/guest-map.h"
#include "linux-user/signal.h"
#include "loader/loader.h"
#include "syscall/sys-internal.h"
#include "tcg/tb.h"

/* ---- the EABI table (syscall/arm-table.def, owned by the EABI work) ---- */

const SysEntry sys_arm_table[SYS_NR_MAX] = {
#define SYS(nr, name, ret, ...) [nr] = {#name, sys_##name, -1, ret, {__VA_ARGS__}},
#define PASS(nr, name, ret, ...) [nr] = {#name, NULL, SYS_##name, ret, {__VA_ARGS__}},
#define NOSYS(nr, name) [nr] = {#name, NULL, -1, R_INT, {A_NONE}},
#include "syscall/arm-table.def"
#undef SYS
#undef PASS
#undef NOSYS
};

/* ---- registers ---- */

static uint64_t arm_get_pc(const void *env)
{
    return arm_key_pc(((const ArmState *)env)->key);
}

static uint64_t arm_get_sp(const void *env)
{
    return (uint32_t)((const ArmState *)env)->r[ARM_REG_SP];
}

/* Length of the instruction before the current key's pc, for an svc just
 * executed: 2 in Thumb (the 16-bit SVC), 4 in ARM. */
static uint32_t svc_len(const ArmState *env)
{
    return arm_key_thumb(env->key) ? 2 : 4;
}

static void set_pc_keep_state(ArmState *env, uint32_t pc)
{
    env->key = arm_make_key(pc, arm_key_thumb(env->key), arm_key_it(env->key));
}

static void arm_syscall_rewind(void *envp, uint64_t orig_a0)
{
    ArmState *env = envp;
    env->r[0] = (uint32_t)orig_a0;
    set_pc_keep_state(env, arm_key_pc(env->key) - svc_len(env));
}

static void arm_syscall_unrewind(void *envp, int64_t r)
{
    ArmState *env = envp;
    env->r[0] = (uint32_t)r;
    set_pc_keep_state(env, arm_key_pc(env->key) + svc_len(env));
}

/* The kernel starts a 32-bit process (start_thread) in USR mode with the
 * T bit from bit 0 of the entry point, sp = the stack, and r0 = 0 (the
 * dynamic linker's atexit pointer, ELF_PLAT_INIT). */
static void arm_start(void *envp, const GuestImage *img)
{
    ArmState *env = envp;
    uint32_t entry = (uint32_t)img->entry;
    env->key = arm_make_key(entry, entry & 1, 0);
    env->r[ARM_REG_SP] = (uint32_t)img->sp;
    /* the kernel's arch_setup_additional_pages(): the [sigpage] comes
     * after the program and its interpreter, below mmap_base */
    guest_space_set_read_implies_exec(img->read_implies_exec);
    arm_sig_init();
}

static void arm_clone_child(void *envp, uint64_t newsp, bool settls,
                            uint64_t tls)
{
    ArmState *env = envp;
    env->r[0] = 0;
    if (newsp)
        env->r[ARM_REG_SP] = (uint32_t)newsp;
    if (settls)
        env->tpidruro = (uint32_t)tls;
    env->excl_size = 0;
    env->exit_request = 0;
}

/* The Linux breakpoint instructions (arch/arm/kernel/ptrace.c break
 * hooks): ARM 0x07f001f0 in bits 27:0 (any condition), Thumb 0xde01 and
 * Thumb-2 0xf7f0a000; ptrace_break sends SIGTRAP TRAP_BRKPT at the
 * instruction. */
static bool is_linux_breakpoint(const ArmState *env)
{
    uint32_t pc = arm_key_pc(env->key);
    if (arm_key_thumb(env->key)) {
        uint16_t h[2];
        if (!guest_range_ok(pc, 2, PROT_READ))
            return false;
        memcpy(&h[0], g2h(pc), 2);
        if (h[0] == 0xde01)
            return true;
        if (!guest_range_ok(pc, 4, PROT_READ))
            return false;
        memcpy(&h[1], g2h(pc + 2), 2);
        return ((uint32_t)h[0] << 16 | h[1]) == 0xf7f0a000u;
    }
    uint32_t w;
    if (!guest_range_ok(pc, 4, PROT_READ))
        return false;
    memcpy(&w, g2h(pc), 4);
    return (w & 0x0fffffffu) == 0x07f001f0u;
}

static void arm_cpu_exit(void *envp, int r)
{
    ArmState *env = envp;
    uint32_t pc = arm_key_pc(env->key);
    switch (r) {
    case IR_EXIT_UNDEF:
    case IR_EXIT_HLT:
        /* do_undefinstr: SIGILL ILL_ILLOPC at the instruction */
        if (is_linux_breakpoint(env))
            sig_raise_sync(env, SIGTRAP, TRAP_BRKPT, pc);
        else
            sig_raise_sync(env, SIGILL, ILL_ILLOPC, pc);
        break;
    case IR_EXIT_BRK:
        /* BKPT: a prefetch abort debug event, SIGTRAP TRAP_BRKPT */
        sig_raise_sync(env, SIGTRAP, TRAP_BRKPT, pc);
        break;
    case IR_EXIT_FETCH_FAULT:
        /* a prefetch abort: mapped but not executable is a permission
         * fault */
        sig_raise_sync(env, SIGSEGV,
                       guest_range_ok(pc, 2, 0) ? SEGV_ACCERR : SEGV_MAPERR,
                       pc);
        break;
    case IR_EXIT_ALIGN:
        /* misaligned exclusive / LDRD-class access: SIGBUS BUS_ADRALN with
         * the data address */
        sig_raise_sync(env, SIGBUS, BUS_ADRALN, (uint32_t)env->fault_addr);
        break;
    case IR_EXIT_PC_ALIGN:
        sig_raise_sync(env, SIGBUS, BUS_ADRALN, pc);
        break;
    default:
        break;
    }
}

/* ---- the EABI syscall ABI ---- */

static void eabi_fetch(SysCall *c)
{
    ArmState *env = c->env;
    c->nr = (int)(uint32_t)env->r[7];
    if ((uint32_t)env->r[7] > 0x7fffffffu)
        c->nr = -1;
    for (int i = 0; i < 7; i++)
        c->a[i] = (uint32_t)env->r[i];
}

static void eabi_set_result(void *env, int64_t r)
{
    ((ArmState *)env)->r[0] = (uint32_t)r;
}

static int64_t eabi_get_result(const void *env)
{
    return (int32_t)((const ArmState *)env)->r[0];
}

#define ARM_NR_BASE 0xf0000
enum {
    ARM_NR_breakpoint = ARM_NR_BASE + 1,
    ARM_NR_cacheflush = ARM_NR_BASE + 2,
    ARM_NR_usr26 = ARM_NR_BASE + 3,
    ARM_NR_usr32 = ARM_NR_BASE + 4,
    ARM_NR_set_tls = ARM_NR_BASE + 5,
    ARM_NR_get_tls = ARM_NR_BASE + 6,
};

/* A private call that ends in a signal: pc back at the svc, the signal's
 * frame built; the returned value is r0 as the frame set it up. */
static int64_t priv_signal(SysCall *c, int sig, int code)
{
    ArmState *env = c->env;
    uint32_t svc = arm_key_pc(env->key) - svc_len(env);
    set_pc_keep_state(env, svc);
    sig_raise_sync(env, sig, code, svc);
    return (int32_t)env->r[0];
}

static int64_t priv_breakpoint(SysCall *c)
{
    return priv_signal(c, SIGTRAP, TRAP_BRKPT);
}

/* usr26/usr32: only for CPUs with 26-bit mode (HWCAP_26BIT): a bad
 * syscall here. */
static int64_t priv_bad(SysCall *c)
{
    return priv_signal(c, SIGILL, ILL_ILLTRP);
}

/* cacheflush(start, end, flags) (traps.c do_cache_op): flags must be 0
 * and end >= start (EINVAL), the range must pass access_ok (EFAULT), and
 * the cache maintenance of a page that is not mapped faults (EFAULT).
 * Self-modifying code calls it after writing instructions: drop the
 * translations of the range. */
static int64_t priv_cacheflush(SysCall *c)
{
    uint64_t start = c->a[0], end = c->a[1];
    if (end < start || c->a[2])
        return -EINVAL;
    if (end == start)
        return 0;
    tb_invalidate_range(start, end - start);
    if (!guest_range_ok(start, end - start, 0))
        return -EFAULT;
    return 0;
}

static int64_t priv_set_tls(SysCall *c)
{
    ((ArmState *)c->env)->tpidruro = (uint32_t)c->a[0];
    return 0;
}

static int64_t priv_get_tls(SysCall *c)
{
    return ((ArmState *)c->env)->tpidruro;
}

static int64_t priv_enosys(SysCall *c)
{
    return -ENOSYS;
}

static SysHandler *eabi_private_call(int nr)
{
    switch (nr) {
    case ARM_NR_breakpoint:
        return priv_breakpoint;
    case ARM_NR_cacheflush:
        return priv_cacheflush;
    case ARM_NR_usr26:
    case ARM_NR_usr32:
        return priv_bad;
    case ARM_NR_set_tls:
        return priv_set_tls;
    case ARM_NR_get_tls:
        return priv_get_tls;
    default:
        /* "Calls 9f00xx..9f07ff are defined to return -ENOSYS if not
         * implemented, rather than raising SIGILL" (traps.c); numbers
         * between the table and __ARM_NR_BASE are sys_ni_syscall. */
        if (nr >= ARM_NR_BASE && (nr & 0xffff) > 0x7ff)
            return priv_bad;
        return priv_enosys;
    }
}

static const char *eabi_private_name(int nr)
{
    static const char *const names[] = {"breakpoint", "cacheflush", "usr26",
                                        "usr32", "set_tls", "get_tls"};
    if (nr > ARM_NR_BASE && nr <= ARM_NR_get_tls)
        return names[nr - ARM_NR_BASE - 1];
    return NULL;
}

const SysAbi sys_abi_eabi = {
    .name = "eabi",
    .table = sys_arm_table,
    .abi32 = true,
    .fetch = eabi_fetch,
    .set_result = eabi_set_result,
    .get_result = eabi_get_result,
    .private_call = eabi_private_call,
    .private_name = eabi_private_name,
};

/* ---- /proc/cpuinfo ---- */

/* arch/arm/kernel/setup.c hwcap_str / hwcap2_str, in bit order. */
static const char *const arm_hwcap_names[] = {
    "swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp",
    "java", "iwmmxt", "crunch", "thumbee", "neon", "vfpv3", "vfpv3d16",
    "tls", "vfpv4", "idiva", "idivt", "vfpd32", "lpae", "evtstrm"};
static const char *const arm_hwcap2_names[] = {"aes", "pmull", "sha1",
                                               "sha2", "crc32"};

/* AT_HWCAP / AT_HWCAP2 as the loader gave them (its 32-bit auxv), so that
 * the Features line always matches what the program was told. */
static uint64_t auxv_value(uint32_t type)
{
    size_t len = 0;
    const uint8_t *a = (const uint8_t *)loader_auxv(&len);
    for (size_t i = 0; a && i + 8 <= len; i += 8) {
        uint32_t t, v;
        memcpy(&t, a + i, 4);
        memcpy(&v, a + i + 4, 4);
        if (t == type)
            return v;
        if (t == AT_NULL)
            break;
    }
    return 0;
}

static uint64_t arm_hwcap(void) { return auxv_value(AT_HWCAP); }
static uint64_t arm_hwcap2(void) { return auxv_value(AT_HWCAP2); }

/* The MIDR an ARMv8 core (Cortex-A53, r0p3: implementer 0x41, variant 0,
 * part 0xd03, revision 3) reports, as arch/arm/kernel/setup.c c_show
 * prints it with a 32-bit kernel: "ARMv7 Processor rev 3 (v7l)",
 * architecture 7 (cpu_architecture() of a v8 core is CPU_ARCH_ARMv7).
 * Hardware/Revision/Serial are those of a device-tree machine without a
 * board name: "Generic DT based system", 0000, all zeros. */
#define ARM_MIDR 0x410fd033u

static void arm_cpuinfo(FILE *f)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t h1 = arm_hwcap(), h2 = arm_hwcap2();
    for (long c = 0; c < (ncpu > 0 ? ncpu : 1); c++) {
        fprintf(f, "processor\t: %ld\nmodel name\t: ARMv7 Processor rev %u "
                   "(v7l)\nBogoMIPS\t: 50.00\nFeatures\t: ",
                c, ARM_MIDR & 15);
        for (unsigned i = 0; i < sizeof(arm_hwcap_names) / sizeof(char *); i++)
            if (h1 & (1ull << i))
                fprintf(f, "%s ", arm_hwcap_names[i]);
        for (unsigned i = 0; i < sizeof(arm_hwcap2_names) / sizeof(char *); i++)
            if (h2 & (1ull << i))
                fprintf(f, "%s ", arm_hwcap2_names[i]);
        fprintf(f,
                "\nCPU implementer\t: 0x%02x\nCPU architecture: 7\n"
                "CPU variant\t: 0x%x\nCPU part\t: 0x%03x\n"
                "CPU revision\t: %u\n\n",
                ARM_MIDR >> 24, (ARM_MIDR >> 20) & 15, (ARM_MIDR >> 4) & 0xfff,
                ARM_MIDR & 15);
    }
    fprintf(f, "Hardware\t: Generic DT based system\nRevision\t: 0000\n"
               "Serial\t\t: 0000000000000000\n");
}

/* ---- start-up ---- */

static void arm_init(void)
{
    arm_frontend_init(); /* the JIT's guest_base (main reserved the space) */
}

static const char *const arm_cpu_names[] = {
    "max", "any", "cortex-a53", "cortex-a15", "cortex-a7", "cortex-a9",
    "cortex-a8", NULL};

const GuestArch arm_guest_arch = {
    .name = "arm",
    .prog = "emu-arm",
    .uname_machine = "armv7l",
    .elf_machine = EM_ARM,
    .elf_class = ELFCLASS32,
    .addr32 = true,
    /* a 3G/1G kernel's TASK_SIZE (PAGE_OFFSET 0xc0000000 - 16 MiB for
     * modules) */
    .task_size = 0xbf000000ull,
    .env_size = sizeof(ArmState),
    .env_align = 64,
    .ir_info = &arm_guest_info,
    .translate = arm_translate_block,
    .abi = &sys_abi_eabi,
    .minsigstksz = 2048, /* arm asm/signal.h MINSIGSTKSZ */
    .cpu_names = arm_cpu_names,
    .cpu_help = "emu-arm CPU models (all the same ARMv8 CPU in AArch32 with "
                "VFPv4-D32, NEON, IDIV, AES, SHA1, SHA2, CRC32):",
    .init = arm_init,
    .start = arm_start,
    .get_pc = arm_get_pc,
    .get_sp = arm_get_sp,
    .clone_child = arm_clone_child,
    .cpu_exit = arm_cpu_exit,
    .setup_frame = arm_setup_frame,
    .rt_sigreturn = arm_rt_sigreturn,
    .sigreturn = arm_sigreturn,
    .syscall_rewind = arm_syscall_rewind,
    .syscall_unrewind = arm_syscall_unrewind,
    .hwcap = arm_hwcap,
    .hwcap2 = arm_hwcap2,
    .cpuinfo = arm_cpuinfo,
};
