/*
 * linux-user/arm/signal-arm.c - the 32-bit ARM signal frames, as
 * arch/arm/kernel/signal.c lays them out, and sigreturn/rt_sigreturn.
 *
 * A handler without SA_SIGINFO gets a struct sigframe (ucontext +
 * retcode[4]); with SA_SIGINFO a struct rt_sigframe (32-bit siginfo, then
 * the same sigframe).  The ucontext holds the sigcontext (trap_no,
 * error_code, oldmask, r0..r15, cpsr, fault_address), the 64-bit
 * uc_sigmask and uc_regspace with the VFP record (VFP_MAGIC, size, d0..d31,
 * fpscr, fpexc/fpinst/fpinst2) and a zero end marker.  The frame is below
 * sp (or the alternate stack) rounded down to 8 bytes.
 *
 * Entry (setup_return): r0 = signal, r1 = &info and r2 = &uc for the rt
 * frame, sp = frame, lr = sa_restorer (glibc always gives one) or else
 * the kernel's return code in the [sigpage], pc = handler; the T bit from
 * bit 0 of the handler, IT cleared, N Z C V Q and E cleared, GE kept.  The
 * kernel also writes its return code into retcode[] on the stack
 * whatever lr is ("to remain ABI compliant"); so do we.
 *
 * sigreturn: sp must be 8-byte aligned and the frame readable, the VFP
 * record must carry the magic and size; otherwise the frame is bad and the
 * process gets SIGSEGV.  The key (pc | T | IT) comes back from the saved
 * pc and CPSR.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

#include "common/emu.h"
#include "common/guest-mem.h"
#include "cpu/arm/cpu.h"
#include "linux-user/arm/arm-guest.h"
#include "common/guest-map.h"
#include "linux-user/signal.h"

#define ARM_SA_RESTORER 0x04000000u
#define VFP_MAGIC 0x56465001u
#define ARM_FPEXC_EN 0x40000000u

typedef struct ArmSigcontext {
    uint32_t trap_no, error_code, oldmask;
    uint32_t regs[16]; /* arm_r0..arm_r10, fp, ip, sp, lr, pc */
    uint32_t cpsr;
    uint32_t fault_address;
} ArmSigcontext;

typedef struct ArmVfpSigframe {
    uint32_t magic, size;
    uint64_t fpregs[32]; /* struct user_vfp */
    uint32_t fpscr, pad;
    uint32_t fpexc, fpinst, fpinst2; /* struct user_vfp_exc */
} __attribute__((aligned(8))) ArmVfpSigframe;

typedef struct ArmUcontext {
    uint32_t uc_flags, uc_link;
    uint32_t ss_sp;
    int32_t ss_flags;
    uint32_t ss_size;
    ArmSigcontext uc_mcontext;
    uint32_t uc_sigmask[2];
    uint32_t unused[30];
    uint32_t uc_regspace[128] __attribute__((aligned(8)));
} ArmUcontext;

typedef struct ArmSigframe {
    ArmUcontext uc;
    uint32_t retcode[4];
} ArmSigframe;

typedef struct ArmRtSigframe {
    GuestSiginfo32 info;
    ArmSigframe sig;
} ArmRtSigframe;

_Static_assert(sizeof(ArmSigcontext) == 84, "arm sigcontext");
_Static_assert(offsetof(ArmUcontext, uc_mcontext) == 20, "uc_mcontext");
_Static_assert(offsetof(ArmUcontext, uc_sigmask) == 104, "uc_sigmask");
_Static_assert(offsetof(ArmUcontext, uc_regspace) == 232, "uc_regspace");
_Static_assert(sizeof(ArmUcontext) == 744, "arm ucontext");
_Static_assert(sizeof(ArmVfpSigframe) == 288, "VFP_STORAGE_SIZE");
_Static_assert(sizeof(ArmSigframe) == 760, "arm sigframe");
_Static_assert(sizeof(ArmRtSigframe) == 888, "arm rt_sigframe");

/* arch/arm/kernel/sigreturn_codes.S: ARM and Thumb forms of
 * "mov r7, #NR; svc" for sigreturn (119) and rt_sigreturn (173); the
 * index is thumb * 2 + (SA_SIGINFO ? 3 : 0). */
static const uint32_t sigreturn_codes[6] = {
    0xe3a07077, /* mov r7, #119 */
    0xef900077, /* svc #0x900077 */
    0xdf002777, /* movs r7, #119; svc #0 (Thumb) */
    0xe3a070ad, /* mov r7, #173 */
    0xef9000ad, /* svc #0x9000ad */
    0xdf0027ad, /* movs r7, #173; svc #0 (Thumb) */
};

static uint64_t sigpage; /* guest address of the [sigpage] */

void arm_sig_init(void)
{
    /* The kernel maps one "[sigpage]" per process with the return codes
     * (at a random offset; here at 0). */
    int64_t page = guest_mmap(0, 4096, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page < 0)
        emu_fatal("cannot map the signal return page");
    memcpy(g2h((uint64_t)page), sigreturn_codes, sizeof(sigreturn_codes));
    guest_mprotect((uint64_t)page, 4096, PROT_READ | PROT_EXEC);
    guest_map_note((uint64_t)page, 4096, PROT_READ | PROT_EXEC, "[sigpage]");
    sigpage = (uint64_t)page;
}

/* The kernel's thread.trap_no for the exception behind a signal: 14 for a
 * data abort, 6 for an undefined instruction, 0 otherwise. */
static uint32_t trap_no(int sig, const siginfo_t *info)
{
    if (info->si_code <= 0)
        return 0;
    if (sig == SIGSEGV || sig == SIGBUS)
        return 14;
    if (sig == SIGILL)
        return 6;
    return 0;
}

static void save_sigframe(const ArmState *env, ArmSigframe *sf, int sig,
                          const siginfo_t *info, uint64_t mask)
{
    ArmSigcontext *mc = &sf->uc.uc_mcontext;
    for (int i = 0; i < 15; i++)
        mc->regs[i] = (uint32_t)env->r[i];
    mc->regs[15] = arm_key_pc(env->key);
    mc->cpsr = arm_cpsr(env);
    mc->trap_no = trap_no(sig, info);
    if (mc->trap_no)
        mc->fault_address = (uint32_t)(uintptr_t)info->si_addr;
    mc->oldmask = (uint32_t)mask;
    sf->uc.uc_sigmask[0] = (uint32_t)mask;
    sf->uc.uc_sigmask[1] = (uint32_t)(mask >> 32);
    ArmVfpSigframe *vfp = (ArmVfpSigframe *)sf->uc.uc_regspace;
    vfp->magic = VFP_MAGIC;
    vfp->size = sizeof(*vfp);
    memcpy(vfp->fpregs, env->v, sizeof(vfp->fpregs));
    vfp->fpscr = arm_fpscr(env);
    vfp->fpexc = ARM_FPEXC_EN;
    /* end_magic after the record: 0 (the frame was zeroed) */
}

uint64_t arm_setup_frame(void *envp, int sig, const siginfo_t *info,
                         const GuestSigaction *ka, uint64_t sp, uint64_t mask,
                         uint64_t ss_sp, uint64_t ss_size, int ss_flags)
{
    ArmState *env = envp;
    bool rt = ka->flags & SA_SIGINFO;
    uint64_t size = rt ? sizeof(ArmRtSigframe) : sizeof(ArmSigframe);
    uint64_t fa = ((uint32_t)sp - size) & ~7ull;
    if ((uint32_t)sp < size || !guest_range_ok(fa, size, PROT_READ | PROT_WRITE))
        return 0;
    ArmSigframe *sf;
    uint64_t sf_addr;
    if (rt) {
        ArmRtSigframe *f = g2h(fa);
        memset(f, 0, sizeof(*f));
        sig_siginfo_to32(info, &f->info);
        sf = &f->sig;
        sf_addr = fa + offsetof(ArmRtSigframe, sig);
        sf->uc.ss_sp = (uint32_t)ss_sp;
        sf->uc.ss_flags = ss_flags;
        sf->uc.ss_size = (uint32_t)ss_size;
    } else {
        sf = g2h(fa);
        memset(sf, 0, sizeof(*sf));
        sf_addr = fa;
        /* "a value which sc.trap_no would never have" */
        sf->uc.uc_flags = 0x5ac3c35a;
    }
    save_sigframe(env, sf, sig, info, mask);

    uint32_t handler = (uint32_t)ka->handler;
    bool thumb = handler & 1;
    unsigned idx = (thumb ? 2 : 0) + (rt ? 3 : 0);
    sf->retcode[0] = sigreturn_codes[idx];
    sf->retcode[1] = sigreturn_codes[idx + 1];
    uint32_t lr = (ka->flags & ARM_SA_RESTORER)
                      ? (uint32_t)ka->restorer
                      : (uint32_t)sigpage + idx * 4 + (thumb ? 1 : 0);

    env->r[0] = (uint32_t)sig;
    if (rt) {
        env->r[1] = (uint32_t)fa;
        env->r[2] = (uint32_t)(sf_addr + offsetof(ArmSigframe, uc));
    }
    env->r[ARM_REG_SP] = (uint32_t)fa;
    env->r[ARM_REG_LR] = lr;
    /* cpsr & ~(PSR_f | PSR_E_BIT), IT cleared, T from the handler: NZCVQ
     * clear, GE kept */
    env->nzcv = 0;
    env->q = 0;
    env->key = arm_make_key(handler, thumb, 0);
    env->excl_size = 0; /* exception entry clears the local monitor */
    return sf_addr + offsetof(ArmSigframe, uc.uc_sigmask);
}

/* restore_sigframe(): false for a bad frame. */
static bool restore_sigframe(ArmState *env, uint64_t sf_addr)
{
    if (!guest_range_ok(sf_addr, sizeof(ArmSigframe), PROT_READ))
        return false;
    const ArmSigframe *sf = g2h(sf_addr);
    const ArmVfpSigframe *vfp = (const ArmVfpSigframe *)sf->uc.uc_regspace;
    if (vfp->magic != VFP_MAGIC || vfp->size != sizeof(*vfp))
        return false;
    uint64_t mask = sf->uc.uc_sigmask[0] | (uint64_t)sf->uc.uc_sigmask[1] << 32;
    const ArmSigcontext *mc = &sf->uc.uc_mcontext;
    for (int i = 0; i < 15; i++)
        env->r[i] = mc->regs[i];
    uint32_t cpsr = mc->cpsr;
    env->nzcv = cpsr & 0xf0000000u;
    env->q = (cpsr >> 27) & 1;
    env->ge = cpsr & 0x000f0000u;
    uint32_t it = ((cpsr >> 25) & 3) | ((cpsr >> 10) & 0x3f) << 2;
    bool thumb = cpsr & (1u << 5);
    env->key = arm_make_key(mc->regs[15], thumb, thumb ? it : 0);
    memcpy(env->v, vfp->fpregs, sizeof(vfp->fpregs));
    uint32_t fpscr = vfp->fpscr;
    env->fpscr_nzcv = fpscr & 0xf0000000u;
    env->fpcr = fpscr & 0x07c00000u; /* AHP DN FZ RMode */
    env->fpsr = fpscr & 0x0800009fu; /* QC IDC IXC UFC OFC DZC IOC */
    env->excl_size = 0;
    sig_restore_mask(mask);
    return true;
}

int64_t arm_sigreturn(void *envp)
{
    ArmState *env = envp;
    uint32_t sp = (uint32_t)env->r[ARM_REG_SP];
    /* "Since we stacked the signal on a 64-bit boundary, then 'sp' should
     * be word aligned here." */
    if ((sp & 7) || !restore_sigframe(env, sp))
        sig_die(SIGSEGV);
    return (int32_t)env->r[0];
}

int64_t arm_rt_sigreturn(void *envp)
{
    ArmState *env = envp;
    uint32_t sp = (uint32_t)env->r[ARM_REG_SP];
    if ((sp & 7) || !restore_sigframe(env, sp + offsetof(ArmRtSigframe, sig)))
        sig_die(SIGSEGV);
    /* sys_rt_sigreturn: restore_altstack(&frame->sig.uc.uc_stack); the
     * old-style sigreturn frame has no uc_stack and keeps the setting */
    const ArmUcontext *uc = g2h(sp + offsetof(ArmRtSigframe, sig.uc));
    sig_restore_altstack(env, uc->ss_sp, uc->ss_flags, uc->ss_size);
    return (int32_t)env->r[0];
}
