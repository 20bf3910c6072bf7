/*
 * loader/stack.c - the guest's initial stack and auxiliary vector.
 *
 * Laid out byte for byte as the Linux arm64 or arm kernel does it
 * (fs/exec.c puts the strings, create_elf_tables() in fs/binfmt_elf.c the
 * rest), without the sub-page stack randomisation.  W is the guest word
 * size (8 for AArch64, 4 for ARM).  From the top of the stack down:
 *
 *     W zero bytes                     (bprm_mm_init: p = vm_end - W)
 *     AT_EXECFN file name string
 *     envp strings, envp[0] lowest
 *     argv strings, argv[0] lowest     <- arg_start; env_start after them
 *     (arm64: p rounded down to 16: arch_align_stack; arm's is (x))
 *     "aarch64\0" / "v7l\0"            AT_PLATFORM (ELF_PLATFORM)
 *     16 AT_RANDOM bytes
 *     (padding so that sp ends 16-byte aligned: STACK_ROUND)
 *     auxv pairs ... AT_NULL, 0         (W-byte words)
 *     NULL, envp pointers, NULL, argv pointers, argc  <- sp
 *
 * auxv order follows create_elf_tables(): ARCH_DLINFO (arm64:
 * AT_MINSIGSTKSZ; arm: only AT_SYSINFO_EHDR; none until there is a vDSO),
 * then HWCAP, PAGESZ, CLKTCK, PHDR, PHENT, PHNUM, BASE, FLAGS, ENTRY, UID,
 * EUID, GID, EGID, SECURE, RANDOM, HWCAP2, EXECFN, PLATFORM, NULL.
 *
 * The AArch64 stack is LOADER_STACK_SIZE bytes of anonymous memory
 * wherever a hint-less mmap puts it, with one PROT_NONE guard page below
 * so that an overflow faults instead of running into a neighbouring
 * mapping.  The ARM stack is the same size, ending at the (randomised)
 * stack top the caller chose, mapped over the guest reservation; the page
 * below it stays reserved (PROT_NONE) as its guard.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <stdio.h>
#include <sys/personality.h>
#include <sys/random.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-arch.h"
#include "common/guest-mem.h"
#include "linux-user/mmap.h"
#include "loader/loader-int.h"

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif
#define A64_MINSIGSTKSZ 5120  /* arm64 signal_minsigstksz without SVE/SME */
#define A64_CLKTCK 100        /* CLOCKS_PER_SEC (USER_HZ) */
#define A64_PLATFORM "aarch64"
#define MAX_AUXV 32           /* pairs; create_elf_tables() writes ~20 */

/* 32-bit ARM: AT_HWCAP / AT_HWCAP2 as an ARMv8 AArch32 (Cortex-A15 class
 * and the v8 crypto/CRC extensions) Linux shows them; the values are
 * those of the arm <asm/hwcap.h>.  VFPD32: the VFP has 32 D registers,
 * which NEON implies (the kernel sets it from MVFR0).  No SWP (ARMv8
 * dropped it), no EVTSTRM (no timer event stream to offer). */
#define ARM_HWCAP_HALF (1u << 1)
#define ARM_HWCAP_THUMB (1u << 2)
#define ARM_HWCAP_FAST_MULT (1u << 4)
#define ARM_HWCAP_VFP (1u << 6)
#define ARM_HWCAP_EDSP (1u << 7)
#define ARM_HWCAP_NEON (1u << 12)
#define ARM_HWCAP_VFPv3 (1u << 13)
#define ARM_HWCAP_TLS (1u << 15)
#define ARM_HWCAP_VFPv4 (1u << 16)
#define ARM_HWCAP_IDIVA (1u << 17)
#define ARM_HWCAP_IDIVT (1u << 18)
#define ARM_HWCAP_VFPD32 (1u << 19)
#define ARM_HWCAP_LPAE (1u << 20)
#define ARM_HWCAP2_AES (1u << 0)
#define ARM_HWCAP2_PMULL (1u << 1)
#define ARM_HWCAP2_SHA1 (1u << 2)
#define ARM_HWCAP2_SHA2 (1u << 3)
#define ARM_HWCAP2_CRC32 (1u << 4)
#define ARM_HWCAP                                                              \
    (ARM_HWCAP_HALF | ARM_HWCAP_THUMB | ARM_HWCAP_FAST_MULT | ARM_HWCAP_VFP |   \
     ARM_HWCAP_EDSP | ARM_HWCAP_NEON | ARM_HWCAP_VFPv3 | ARM_HWCAP_TLS |        \
     ARM_HWCAP_VFPv4 | ARM_HWCAP_IDIVA | ARM_HWCAP_IDIVT | ARM_HWCAP_VFPD32 |   \
     ARM_HWCAP_LPAE)
#define ARM_HWCAP2                                                             \
    (ARM_HWCAP2_AES | ARM_HWCAP2_PMULL | ARM_HWCAP2_SHA1 | ARM_HWCAP2_SHA2 |    \
     ARM_HWCAP2_CRC32)
/* ELF_PLATFORM of an arm kernel on an ARMv7 (or ARMv8 running a 32-bit
 * kernel: cpu_architecture() says v7): "v7" + 'l' for little-endian. */
#define ARM_PLATFORM "v7l"

/* The guest's auxv in its own word size, for /proc/self/auxv. */
static uint8_t saved_auxv[2 * MAX_AUXV * 8];
static size_t saved_auxv_len; /* bytes */

const void *loader_auxv(size_t *len)
{
    *len = saved_auxv_len;
    return saved_auxv_len ? saved_auxv : NULL;
}

/* splitmix64: -seed makes AT_RANDOM (hence the stack protector canary and
 * pointer guard) reproducible. */
static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void fill_random(uint8_t out[16])
{
    if (emu_opts.seed) {
        uint64_t s = emu_opts.seed, r[2] = {splitmix64(&s), splitmix64(&s)};
        memcpy(out, r, 16);
        return;
    }
    size_t got = 0;
    while (got < 16) {
        ssize_t n = getrandom(out + got, 16 - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    if (got < 16) { /* no getrandom (old kernel, seccomp): still vary it */
        uint64_t s = (uint64_t)getpid() ^ (uint64_t)(uintptr_t)&got, r[2];
        r[0] = splitmix64(&s), r[1] = splitmix64(&s);
        memcpy(out, r, 16);
    }
}

/* Copies s below *p and returns its guest address. */
static uint64_t push_string(uint64_t *p, const char *s)
{
    size_t len = strlen(s) + 1;
    *p -= len;
    memcpy(g2h(*p), s, len);
    return *p;
}

/* Stores a guest word (ws bytes, little-endian like both guests). */
static void put_word(void *dst, uint64_t v, unsigned ws)
{
    if (ws == 4) {
        uint32_t w = (uint32_t)v;
        memcpy(dst, &w, 4);
    } else {
        memcpy(dst, &v, 8);
    }
}

bool loader_randomize(void)
{
    int pers = personality(0xffffffff);
    if (pers != -1 && (pers & ADDR_NO_RANDOMIZE))
        return false;
    FILE *f = fopen("/proc/sys/kernel/randomize_va_space", "re");
    int v = 2;
    if (f) {
        if (fscanf(f, "%d", &v) != 1)
            v = 2;
        fclose(f);
    }
    return v != 0;
}

uint32_t loader_random32(void)
{
    static uint64_t state;
    static bool seeded;
    if (emu_opts.seed) { /* reproducible, and not the AT_RANDOM stream */
        if (!seeded)
            state = emu_opts.seed ^ 0x6c6f616465722e63ull, seeded = true;
        return (uint32_t)splitmix64(&state);
    }
    uint32_t v;
    if (getrandom(&v, sizeof v, 0) == (ssize_t)sizeof v)
        return v;
    if (!seeded)
        state = (uint64_t)getpid() ^ (uint64_t)(uintptr_t)&v, seeded = true;
    return (uint32_t)splitmix64(&state);
}

/* Maps the stack: AArch64 anywhere (+ guard page), ARM below
 * img->stack_hi over the reservation.  Sets stack_lo/hi. */
static bool map_stack(GuestImage *img, const char *execfn, char *err, size_t errlen)
{
    const uint64_t page = LOADER_PAGE_SIZE, size = LOADER_STACK_SIZE;
    if (img->guest == LOADER_GUEST_ARM) {
        uint64_t lo = img->stack_hi - size;
        if (mmap(g2h(lo), size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1,
                 0) == MAP_FAILED)
            return loader_fail(err, errlen, "%s: cannot map the guest stack: %s",
                               execfn, strerror(errno));
        img->stack_lo = lo;
        return true;
    }
    void *m = mmap(NULL, size + page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED)
        return loader_fail(err, errlen, "%s: cannot map the guest stack: %s", execfn,
                           strerror(errno));
    mprotect(m, page, PROT_NONE); /* guard page */
    img->stack_lo = h2g(m) + page;
    img->stack_hi = img->stack_lo + size;
    return true;
}

/* Fills a with the auxv pairs (create_elf_tables() order); returns the
 * number of words written, AT_NULL pair included. */
static size_t make_auxv(uint64_t *a, const GuestImage *img, bool secure,
                        uint64_t random, uint64_t platform)
{
    bool arm = img->guest == LOADER_GUEST_ARM;
    size_t k = 0;
    /* AArch64's hwcaps are its guest's (guest_arch hooks: what the A64
     * front end implements on this host); arm's are the fixed set above,
     * which its hooks read back from this auxv. */
#define AUX(t, v) (a[k++] = (t), a[k++] = (v))
    if (!arm)
        AUX(AT_MINSIGSTKSZ, A64_MINSIGSTKSZ); /* arm has no AT_MINSIGSTKSZ */
    AUX(AT_HWCAP, arm ? ARM_HWCAP : guest_arch->hwcap());
    AUX(AT_PAGESZ, LOADER_PAGE_SIZE);
    AUX(AT_CLKTCK, A64_CLKTCK); /* USER_HZ is 100 on arm too */
    AUX(AT_PHDR, img->phdr);
    AUX(AT_PHENT, arm ? sizeof(Elf32_Phdr) : sizeof(Elf64_Phdr));
    AUX(AT_PHNUM, img->phnum);
    AUX(AT_BASE, img->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, img->prog_entry); /* arm: bit 0 set for a Thumb entry */
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, secure);
    AUX(AT_RANDOM, random);
    AUX(AT_HWCAP2, arm ? ARM_HWCAP2 : guest_arch->hwcap2());
    AUX(AT_EXECFN, img->execfn);
    AUX(AT_PLATFORM, platform);
    AUX(AT_NULL, 0);
#undef AUX
    return k;
}

bool loader_build_stack(GuestImage *img, const char *execfn, int argc,
                        char **argv, char **envp, bool secure, char *err,
                        size_t errlen)
{
    const uint64_t size = LOADER_STACK_SIZE;
    const bool arm = img->guest == LOADER_GUEST_ARM;
    const unsigned ws = arm ? 4 : 8;
    int envc = 0;
    uint64_t strings = strlen(execfn) + 1;

    while (envp && envp[envc])
        strings += strlen(envp[envc++]) + 1;
    for (int i = 0; i < argc; i++)
        strings += strlen(argv[i]) + 1;
    /* The kernel caps argument + environment strings and their pointers at
     * a quarter of the stack limit (E2BIG, prepare_arg_pages()), which also
     * leaves the program room to run. */
    strings += ((uint64_t)argc + (uint64_t)envc) * ws;
    if (strings > size / 4)
        return loader_fail(err, errlen, "%s: argument list too long (%llu bytes of "
                           "arguments and environment)", execfn,
                           (unsigned long long)strings);
    if (!map_stack(img, execfn, err, errlen))
        return false;

    /* Strings, placed where fs/exec.c's copy_strings() leaves them; their
     * pointers are written further down once sp is known. */
    uint64_t p = img->stack_hi - ws;
    memset(g2h(p), 0, ws);
    img->execfn = push_string(&p, execfn);
    img->env_end = p;
    for (int i = 0; i < envc; i++)
        p -= strlen(envp[i]) + 1;
    img->env_start = img->arg_end = p;
    for (int i = 0; i < argc; i++)
        p -= strlen(argv[i]) + 1;
    img->arg_start = p;

    if (!arm)
        p &= ~15ull; /* arm64 arch_align_stack(); arm's leaves p alone */
    uint64_t platform = push_string(&p, arm ? ARM_PLATFORM : A64_PLATFORM);
    p -= 16;
    uint64_t random = p;
    fill_random(g2h(random));

    uint64_t a[2 * MAX_AUXV];
    size_t k = make_auxv(a, img, secure, random, platform);
    for (size_t i = 0; i < k; i++)
        put_word(saved_auxv + i * ws, a[i], ws);
    saved_auxv_len = k * ws;

    /* STACK_ROUND(sp, items): the whole pointer block ends 16-aligned. */
    uint64_t items = (uint64_t)argc + 1 + (uint64_t)envc + 1 + 1;
    uint64_t sp = (p - k * ws - items * ws) & ~15ull;
    uint8_t *w = g2h(sp);
    uint64_t q = img->arg_start;
    put_word(w, (uint64_t)argc, ws), w += ws;
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]) + 1;
        memcpy(g2h(q), argv[i], len);
        put_word(w, q, ws), w += ws, q += len;
    }
    put_word(w, 0, ws), w += ws;
    for (int i = 0; i < envc; i++) {
        size_t len = strlen(envp[i]) + 1;
        memcpy(g2h(q), envp[i], len);
        put_word(w, q, ws), w += ws, q += len;
    }
    put_word(w, 0, ws), w += ws;
    img->auxv = h2g(w);
    memcpy(w, saved_auxv, saved_auxv_len);
    img->sp = sp;
    return true;
}

void loader_stack_note(const GuestImage *img)
{
    guest_map_note(img->stack_lo, img->stack_hi - img->stack_lo,
                   PROT_READ | PROT_WRITE | (img->exec_stack ? PROT_EXEC : 0),
                   "[stack]");
}
