/*
 * loader/stack.c - the guest's initial stack and auxiliary vector.
 *
 * Laid out byte for byte as the Linux arm64 kernel does it (fs/exec.c puts
 * the strings, create_elf_tables() in fs/binfmt_elf.c the rest), without
 * stack randomisation.  From the top of the stack down:
 *
 *     8 zero bytes                     (bprm_mm_init: p = vm_end - 8)
 *     AT_EXECFN file name string
 *     envp strings, envp[0] lowest
 *     argv strings, argv[0] lowest     <- arg_start; env_start after them
 *     (p rounded down to 16: arch_align_stack)
 *     "aarch64\0"                      AT_PLATFORM (arm64 ELF_PLATFORM)
 *     16 AT_RANDOM bytes
 *     (padding so that sp ends 16-byte aligned: STACK_ROUND)
 *     auxv pairs ... AT_NULL, 0
 *     NULL, envp pointers, NULL, argv pointers, argc  <- sp
 *
 * auxv order follows create_elf_tables(): ARCH_DLINFO (AT_MINSIGSTKSZ; no
 * AT_SYSINFO_EHDR until there is a vDSO), then HWCAP, PAGESZ, CLKTCK,
 * PHDR, PHENT, PHNUM, BASE, FLAGS, ENTRY, UID, EUID, GID, EGID, SECURE,
 * RANDOM, HWCAP2, EXECFN, PLATFORM, NULL.
 *
 * The stack is LOADER_STACK_SIZE bytes of anonymous memory wherever a
 * hint-less mmap puts it, with one PROT_NONE guard page below so that an
 * overflow faults instead of running into a neighbouring mapping.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "cpu/aarch64/features.h"
#include "common/emu.h"
#include "linux-user/mmap.h"
#include "loader/loader-int.h"

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif
#define A64_MINSIGSTKSZ 5120  /* arm64 signal_minsigstksz without SVE/SME */
#define A64_CLKTCK 100        /* CLOCKS_PER_SEC (USER_HZ) */
#define A64_PLATFORM "aarch64"
#define MAX_AUXV 32           /* pairs; create_elf_tables() writes ~20 */

static uint64_t saved_auxv[2 * MAX_AUXV];
static size_t saved_auxv_len; /* bytes */

const uint64_t *loader_auxv(size_t *len)
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
    memcpy((void *)*p, s, len);
    return *p;
}

bool loader_build_stack(GuestImage *img, const char *execfn, int argc,
                        char **argv, char **envp, bool secure, char *err,
                        size_t errlen)
{
    const uint64_t page = LOADER_PAGE_SIZE, size = LOADER_STACK_SIZE;
    int envc = 0;
    uint64_t strings = strlen(execfn) + 1;

    while (envp && envp[envc])
        strings += strlen(envp[envc++]) + 1;
    for (int i = 0; i < argc; i++)
        strings += strlen(argv[i]) + 1;
    /* The kernel caps argument + environment strings and their pointers at
     * a quarter of the stack limit (E2BIG, prepare_arg_pages()), which also
     * leaves the program room to run. */
    strings += ((uint64_t)argc + (uint64_t)envc) * sizeof(uint64_t);
    if (strings > size / 4)
        return loader_fail(err, errlen, "%s: argument list too long (%llu bytes of "
                           "arguments and environment)", execfn,
                           (unsigned long long)strings);

    void *m = mmap(NULL, size + page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED)
        return loader_fail(err, errlen, "%s: cannot map the guest stack: %s", execfn,
                           strerror(errno));
    mprotect(m, page, PROT_NONE); /* guard page */
    img->stack_lo = (uint64_t)m + page;
    img->stack_hi = img->stack_lo + size;

    /* Strings, placed where fs/exec.c's copy_strings() leaves them; their
     * pointers are written further down once sp is known. */
    uint64_t p = img->stack_hi - 8;
    memset((void *)p, 0, 8);
    img->execfn = push_string(&p, execfn);
    img->env_end = p;
    for (int i = 0; i < envc; i++)
        p -= strlen(envp[i]) + 1;
    img->env_start = img->arg_end = p;
    for (int i = 0; i < argc; i++)
        p -= strlen(argv[i]) + 1;
    img->arg_start = p;

    p &= ~15ull;
    uint64_t platform = push_string(&p, A64_PLATFORM);
    p -= 16;
    uint64_t random = p;
    fill_random((uint8_t *)random);

    uint64_t *a = saved_auxv;
    size_t k = 0;
#define AUX(t, v) (a[k++] = (t), a[k++] = (v))
    AUX(AT_MINSIGSTKSZ, A64_MINSIGSTKSZ);
    AUX(AT_HWCAP, a64_hwcap());
    AUX(AT_PAGESZ, page);
    AUX(AT_CLKTCK, A64_CLKTCK);
    AUX(AT_PHDR, img->phdr);
    AUX(AT_PHENT, sizeof(Elf64_Phdr));
    AUX(AT_PHNUM, img->phnum);
    AUX(AT_BASE, img->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, img->prog_entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, secure);
    AUX(AT_RANDOM, random);
    AUX(AT_HWCAP2, a64_hwcap2());
    AUX(AT_EXECFN, img->execfn);
    AUX(AT_PLATFORM, platform);
    AUX(AT_NULL, 0);
#undef AUX
    saved_auxv_len = k * sizeof(uint64_t);

    /* STACK_ROUND(sp, items): the whole pointer block ends 16-aligned. */
    uint64_t items = (uint64_t)argc + 1 + (uint64_t)envc + 1 + 1;
    uint64_t sp = (p - k * 8 - items * 8) & ~15ull;
    uint64_t *w = (uint64_t *)sp;
    uint64_t q = img->arg_start;
    *w++ = (uint64_t)argc;
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]) + 1;
        memcpy((void *)q, argv[i], len);
        *w++ = q, q += len;
    }
    *w++ = 0;
    for (int i = 0; i < envc; i++) {
        size_t len = strlen(envp[i]) + 1;
        memcpy((void *)q, envp[i], len);
        *w++ = q, q += len;
    }
    *w++ = 0;
    img->auxv = (uint64_t)w;
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
