/*
 * tests/unit/test_loader.c - the ELF loader on crafted, corrupt and real
 * AArch64 files.
 *
 * Crafted images are written from C into a temp dir: a minimal ET_EXEC at
 * 0x400000 (text + data with a bss tail), the same as ET_DYN, an ET_DYN
 * "dynamic linker", and corrupt variants.  loader_load() maps into this very
 * process (guest address == host address); Criterion runs every test in its
 * own process, so loads do not collide.  Real binaries are built with
 * aarch64-linux-gnu-gcc at test time when it is installed.
 */
#include <criterion/criterion.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/emu.h"
#include "loader/loader.h"

#define PAGE 4096ull
#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif

static char tmpdir[256];
static char err[1024];
static GuestImage img;
static char *targv[] = {"prog-argv0", "arg one", "", "3", NULL};
static char *tenvp[] = {"A=1", "EMPTY=", "LONGER=some longer value", NULL};

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/emu-test-loader-XXXXXX");
    cr_assert(mkdtemp(tmpdir));
    emu_opts.ld_prefix = NULL;
    emu_opts.seed = 0;
    memset(&img, 0, sizeof img);
    err[0] = 0;
}

static void teardown(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    (void)!system(cmd);
}

TestSuite(loader, .init = setup, .fini = teardown);

/* ---- crafted images ---- */

typedef struct TPh {
    uint32_t type, flags;
    uint64_t off, vaddr, filesz, memsz, align;
} TPh;

typedef struct TElf {
    uint8_t cls, data;
    uint16_t type, machine, phentsize;
    uint64_t entry, phoff, size;
    int nph;
    TPh ph[8];
    const char *interp; /* adds PT_INTERP at file offset 0x800 */
} TElf;

#define TEXT_OFF 0x1000
#define DATA_OFF 0x2000

/* text: [0, 0x1100) R-X; data: file [0x2000, 0x2100), memory 0x3000 RW. */
static TElf t_exec(void)
{
    TElf t = {ELFCLASS64, ELFDATA2LSB, ET_EXEC, EM_AARCH64, sizeof(Elf64_Phdr),
              0x401000, sizeof(Elf64_Ehdr), 0x3000, 3, {
        {PT_LOAD, PF_R | PF_X, 0, 0x400000, 0x1100, 0x1100, 0x10000},
        {PT_LOAD, PF_R | PF_W, DATA_OFF, 0x412000, 0x100, 0x3000, 0x10000},
        {PT_GNU_STACK, PF_R | PF_W | PF_X, 0, 0, 0, 0, 16}}, NULL};
    return t;
}

static TElf t_dyn(void)
{
    TElf t = t_exec();
    t.type = ET_DYN;
    t.entry -= 0x400000;
    for (int i = 0; i < 2; i++)
        t.ph[i].vaddr -= 0x400000;
    return t;
}

/* Writes t to tmpdir/name and returns the path (static buffer rotation). */
static const char *t_write(const TElf *t, const char *name)
{
    static char paths[4][512];
    static int k;
    char *path = paths[k++ & 3];
    snprintf(path, 512, "%s/%s", tmpdir, name);
    size_t cap = t->size > 0x3000 ? t->size : 0x3000;
    uint8_t *b = malloc(cap);
    memset(b, 0xcd, cap); /* junk the loader must zero in bss tails */
    memset(b + TEXT_OFF, 0x11, 0x100);
    memset(b + DATA_OFF, 0xab, 0x100);
    Elf64_Ehdr eh = {0};
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = t->cls;
    eh.e_ident[EI_DATA] = t->data;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = t->type;
    eh.e_machine = t->machine;
    eh.e_version = EV_CURRENT;
    eh.e_entry = t->entry;
    eh.e_phoff = t->phoff;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = t->phentsize;
    int nph = t->nph + (t->interp ? 1 : 0);
    eh.e_phnum = (uint16_t)nph;
    memcpy(b, &eh, sizeof eh);
    Elf64_Phdr ph[9];
    for (int i = 0; i < t->nph; i++)
        ph[i] = (Elf64_Phdr){t->ph[i].type, t->ph[i].flags, t->ph[i].off,
                             t->ph[i].vaddr, t->ph[i].vaddr, t->ph[i].filesz,
                             t->ph[i].memsz, t->ph[i].align};
    if (t->interp) {
        size_t len = strlen(t->interp) + 1;
        memcpy(b + 0x800, t->interp, len);
        ph[t->nph] = (Elf64_Phdr){PT_INTERP, PF_R, 0x800, 0x800, 0x800, len, len, 1};
    }
    if (t->phoff < cap && t->phoff + nph * sizeof(Elf64_Phdr) <= cap)
        memcpy(b + t->phoff, ph, nph * sizeof(Elf64_Phdr));
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    cr_assert(fd >= 0);
    cr_assert(write(fd, b, t->size) == (ssize_t)t->size);
    close(fd);
    free(b);
    return path;
}

static bool load(const char *path)
{
    memset(&img, 0, sizeof img);
    err[0] = 0;
    return loader_load(path, 4, targv, tenvp, &img, err, sizeof err);
}

static void unload(void)
{
    munmap((void *)img.prog_lo, img.prog_hi - img.prog_lo);
    if (img.interp_hi)
        munmap((void *)img.interp_lo, img.interp_hi - img.interp_lo);
    munmap((void *)(img.stack_lo - PAGE), img.stack_hi - img.stack_lo + PAGE);
}

static void expect_fail(const char *path, const char *msg)
{
    bool ok = load(path);
    cr_assert(!ok, "loaded %s, expected failure '%s'", path, msg);
    cr_assert(strstr(err, msg), "error '%s' lacks '%s'", err, msg);
    cr_assert(!strchr(err, '\n'), "error has a newline: '%s'", err);
}

/* Is the page at a mapped at all?  (mincore fails with ENOMEM if not.) */
static bool mapped(uint64_t a)
{
    unsigned char v;
    return mincore((void *)(a & ~(PAGE - 1)), PAGE, &v) == 0;
}

/* Host protections of a, from /proc/self/maps ("r-x" etc.), "" if none. */
static const char *perms(uint64_t a)
{
    static char out[4];
    char line[512];
    FILE *f = fopen("/proc/self/maps", "r");
    out[0] = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char p[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) == 3 && a >= lo && a < hi) {
            memcpy(out, p, 3), out[3] = 0;
            break;
        }
    }
    if (f)
        fclose(f);
    return out;
}

static bool all_bytes(uint64_t a, uint64_t len, uint8_t v)
{
    for (uint64_t i = 0; i < len; i++)
        if (((uint8_t *)a)[i] != v)
            return false;
    return true;
}

/* Checks the stack against the kernel's layout; returns the auxv value of
 * type t (and asserts the common entries). */
static uint64_t auxval(uint64_t t)
{
    uint64_t *w = (uint64_t *)img.sp;
    int argc = (int)*w++;
    w += argc + 1;
    while (*w)
        w++;
    w++;
    for (; w[0] != AT_NULL; w += 2)
        if (w[0] == t)
            return w[1];
    return ~0ull;
}

static void check_stack(const char *path, int argc, char **argv, char **envp)
{
    cr_assert_eq(img.sp % 16, 0);
    cr_assert(img.sp > img.stack_lo && img.sp < img.stack_hi);
    cr_assert_eq(img.stack_hi - img.stack_lo, LOADER_STACK_SIZE);
    uint64_t *w = (uint64_t *)img.sp;
    cr_assert_eq(*w++, (uint64_t)argc);
    uint64_t expect = img.arg_start;
    for (int i = 0; i < argc; i++, w++) {
        cr_assert_eq(*w, expect, "argv[%d] not contiguous", i);
        cr_assert_str_eq((char *)*w, argv[i]);
        expect += strlen(argv[i]) + 1;
    }
    cr_assert_eq(*w++, 0);
    cr_assert_eq(expect, img.env_start);
    int envc = 0;
    for (; *w; w++, envc++) {
        cr_assert_eq(*w, expect);
        cr_assert_str_eq((char *)*w, envp[envc]);
        expect += strlen(envp[envc]) + 1;
    }
    cr_assert_null(envp[envc]);
    w++;
    cr_assert_eq(expect, img.env_end);
    cr_assert_eq(img.execfn, img.env_end);
    cr_assert_str_eq((char *)img.execfn, path);
    cr_assert_eq(img.execfn + strlen(path) + 1 + 8, img.stack_hi);
    cr_assert_eq(*(uint64_t *)(img.stack_hi - 8), 0);
    /* auxv: kernel order, then AT_NULL */
    cr_assert_eq((uint64_t)w, img.auxv);
    static const uint64_t order[] = {
        AT_MINSIGSTKSZ, AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT,
        AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID, AT_GID,
        AT_EGID, AT_SECURE, AT_RANDOM, AT_HWCAP2, AT_EXECFN, AT_PLATFORM,
        AT_NULL};
    size_t n = sizeof order / sizeof order[0];
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(w[2 * i], order[i], "auxv[%zu] is %lu", i, (unsigned long)w[2 * i]);
    size_t len;
    const uint64_t *saved = loader_auxv(&len);
    cr_assert_eq(len, n * 16);
    cr_assert(memcmp(saved, w, len) == 0);
    cr_assert_eq(auxval(AT_PAGESZ), 4096);
    cr_assert_eq(auxval(AT_PHDR), img.phdr);
    cr_assert_eq(auxval(AT_PHENT), sizeof(Elf64_Phdr));
    cr_assert_eq(auxval(AT_PHNUM), img.phnum);
    cr_assert_eq(auxval(AT_BASE), img.interp_base);
    cr_assert_eq(auxval(AT_ENTRY), img.prog_entry);
    cr_assert_eq(auxval(AT_FLAGS), 0);
    cr_assert_eq(auxval(AT_SECURE), 0);
    cr_assert_eq(auxval(AT_CLKTCK), 100);
    cr_assert_eq(auxval(AT_MINSIGSTKSZ), 5120);
    cr_assert_eq(auxval(AT_UID), getuid());
    cr_assert_eq(auxval(AT_EGID), getegid());
    cr_assert_eq(auxval(AT_EXECFN), img.execfn);
    cr_assert_str_eq((char *)auxval(AT_PLATFORM), "aarch64");
    uint64_t rnd = auxval(AT_RANDOM);
    cr_assert(rnd > img.sp && rnd + 16 <= img.arg_start);
    cr_assert_eq(auxval(AT_PLATFORM), rnd + 16); /* platform right above */
    cr_assert_eq((rnd + 16 + 8) % 16, 0);       /* ...below the aligned p */
    cr_assert(img.arg_start - (rnd + 16 + 8) < 16);
    /* The pointer block ends right below the random bytes, modulo the
     * STACK_ROUND padding (< 16 bytes). */
    uint64_t end = (uint64_t)(w + 2 * n);
    cr_assert(end <= rnd && rnd - end < 16);
}

Test(loader, exec_maps_segments)
{
    TElf t = t_exec();
    const char *p = t_write(&t, "exec");
    cr_assert(load(p), "%s", err);
    cr_assert_eq(img.entry, 0x401000);
    cr_assert_eq(img.prog_entry, 0x401000);
    cr_assert_eq(img.load_bias, 0);
    cr_assert_eq(img.interp_base, 0);
    cr_assert_eq(img.phdr, 0x400040);
    cr_assert_eq(img.phnum, 3);
    cr_assert_eq(img.brk, 0x415000);
    cr_assert(memcmp((void *)0x400000, ELFMAG, 4) == 0);
    cr_assert(all_bytes(0x401000, 0x100, 0x11));
    cr_assert(all_bytes(0x412000, 0x100, 0xab));
    cr_assert(all_bytes(0x412100, 0x2f00, 0), "bss not zero");
    cr_assert(!mapped(0x402000), "hole between segments left mapped");
    cr_assert(!mapped(0x411000));
    cr_assert(!mapped(0x415000));
    cr_assert_str_eq(perms(0x400000), "r--"); /* guest X -> host R only */
    cr_assert_str_eq(perms(0x412000), "rw-");
    cr_assert_str_eq(perms(0x414000), "rw-");
    ((volatile uint8_t *)0x414fff)[0] = 1; /* bss writable */
    char rp[4096];
    cr_assert(realpath(p, rp));
    cr_assert_str_eq(img.exe_path, rp);
    check_stack(p, 4, targv, tenvp);
}

Test(loader, dyn_at_fixed_base)
{
    TElf t = t_dyn();
    const char *p = t_write(&t, "pie");
    cr_assert(load(p), "%s", err);
    cr_assert_eq(img.load_bias, LOADER_ET_DYN_BASE);
    cr_assert_eq(img.entry, LOADER_ET_DYN_BASE + 0x1000);
    cr_assert_eq(img.phdr, LOADER_ET_DYN_BASE + 0x40);
    cr_assert_eq(img.brk, LOADER_ET_DYN_BASE + 0x15000);
    cr_assert(all_bytes(LOADER_ET_DYN_BASE + 0x12100, 0x2f00, 0));
    check_stack(p, 4, targv, tenvp);
    /* A second load finds the base taken and goes elsewhere, 64K aligned. */
    GuestImage first = img;
    cr_assert(load(p), "%s", err);
    cr_assert_neq(img.load_bias, first.load_bias);
    cr_assert_eq(img.load_bias % 0x10000, 0);
    cr_assert(all_bytes(img.load_bias + 0x12000, 0x100, 0xab));
}

Test(loader, interp_loaded_and_entry)
{
    TElf ld = t_dyn();
    ld.entry = 0x1080;
    const char *ldp = t_write(&ld, "ld.so");
    char interp[512];
    snprintf(interp, sizeof interp, "%s", ldp);
    TElf t = t_exec();
    t.interp = interp;
    const char *p = t_write(&t, "dynexec");
    cr_assert(load(p), "%s", err);
    cr_assert_neq(img.interp_base, 0);
    cr_assert_eq(img.interp_base % 0x10000, 0, "interp not p_align aligned");
    cr_assert_eq(img.entry, img.interp_base + 0x1080);
    cr_assert_eq(img.prog_entry, 0x401000);
    cr_assert(all_bytes(img.interp_base + 0x1000, 0x100, 0x11));
    cr_assert(all_bytes(img.interp_base + 0x12100, 0x2f00, 0));
    cr_assert(!mapped(img.interp_base + 0x2000));
    cr_assert_eq(img.brk, 0x415000); /* the program's, not the interpreter's */
    char rp[4096];
    cr_assert(realpath(ldp, rp));
    cr_assert_str_eq(img.interp_path, rp);
    check_stack(p, 4, targv, tenvp);
}

Test(loader, interp_found_under_prefix)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/lib", tmpdir);
    cr_assert(mkdir(dir, 0755) == 0);
    TElf ld = t_dyn();
    t_write(&ld, "lib/ld-emu-test.so.1");
    TElf t = t_dyn();
    t.interp = "/lib/ld-emu-test.so.1";
    const char *p = t_write(&t, "pie");
    expect_fail(p, "cannot find dynamic linker /lib/ld-emu-test.so.1 (use -L prefix)");
    emu_opts.ld_prefix = tmpdir;
    cr_assert(load(p), "%s", err);
    cr_assert_neq(img.interp_base, 0);
    cr_assert_eq(img.entry, img.interp_base + 0x1000);
    check_stack(p, 4, targv, tenvp);
}

Test(loader, interp_missing_or_bad)
{
    TElf t = t_exec();
    t.interp = "/lib/ld-does-not-exist.so.1";
    const char *p = t_write(&t, "prog");
    expect_fail(p, "prog: cannot find dynamic linker /lib/ld-does-not-exist.so.1 "
                   "(use -L prefix)");
    emu_opts.ld_prefix = tmpdir;
    expect_fail(p, "not under -L");
    /* An interpreter that is not AArch64 */
    TElf ld = t_dyn();
    ld.machine = EM_X86_64;
    char interp[512];
    snprintf(interp, sizeof interp, "%s", t_write(&ld, "ld-x86.so"));
    t.interp = interp;
    p = t_write(&t, "prog2");
    expect_fail(p, "dynamic linker");
    expect_fail(p, "not an AArch64 ELF executable (machine X86_64)");
    cr_assert(!mapped(0x400000), "failed load left the program mapped");
}

Test(loader, seeded_random_is_reproducible)
{
    TElf t = t_dyn();
    const char *p = t_write(&t, "pie");
    emu_opts.seed = 42;
    cr_assert(load(p), "%s", err);
    uint8_t a[16];
    memcpy(a, (void *)auxval(AT_RANDOM), 16);
    cr_assert(load(p), "%s", err);
    cr_assert(memcmp(a, (void *)auxval(AT_RANDOM), 16) == 0);
    emu_opts.seed = 0;
    cr_assert(load(p), "%s", err);
    cr_assert(memcmp(a, (void *)auxval(AT_RANDOM), 16) != 0);
}

Test(loader, no_args_no_env)
{
    TElf t = t_exec();
    const char *p = t_write(&t, "exec");
    char *av[] = {NULL}, *ev[] = {NULL};
    cr_assert(loader_load(p, 0, av, ev, &img, err, sizeof err), "%s", err);
    check_stack(p, 0, av, ev);
}

Test(loader, argument_list_too_long)
{
    TElf t = t_exec();
    const char *p = t_write(&t, "exec");
    char *big = malloc(3 << 20);
    memset(big, 'x', (3 << 20) - 1);
    big[(3 << 20) - 1] = 0;
    char *av[] = {"prog", big, NULL}, *ev[] = {NULL};
    cr_assert(!loader_load(p, 2, av, ev, &img, err, sizeof err));
    cr_assert(strstr(err, "argument list too long"), "%s", err);
    cr_assert(!mapped(0x400000), "failed load left the program mapped");
    big[1 << 20] = 0; /* 1 MiB fits */
    cr_assert(loader_load(p, 2, av, ev, &img, err, sizeof err), "%s", err);
    check_stack(p, 2, av, ev);
    free(big);
}

Test(loader, shared_page_and_unaligned_offset)
{
    /* Data starts in the same page as text ends, at a file offset that does
     * not agree with its vaddr modulo the page size: both need the copy
     * path, and the text tail must survive. */
    TElf t = t_exec();
    t.ph[0].filesz = t.ph[0].memsz = 0x1800;
    t.ph[1].vaddr = 0x401900; /* same page as text's end, offset 0x2000 */
    t.ph[1].memsz = 0x200;
    const char *p = t_write(&t, "shared");
    cr_assert(load(p), "%s", err);
    cr_assert(all_bytes(0x401000, 0x100, 0x11), "text tail clobbered");
    cr_assert(all_bytes(0x401900, 0x100, 0xab));
    cr_assert(all_bytes(0x401a00, 0x100, 0));
    cr_assert_str_eq(perms(0x401000), "rw-"); /* union of both */
    cr_assert_eq(img.brk, 0x402000);
}

/* ---- refusals ---- */

Test(loader, missing_dir_script_nonelf)
{
    char path[512];
    snprintf(path, sizeof path, "%s/nope", tmpdir);
    expect_fail(path, "nope: cannot open: No such file or directory");
    expect_fail(tmpdir, "is a directory");
    snprintf(path, sizeof path, "%s/script", tmpdir);
    FILE *f = fopen(path, "w");
    fputs("#!/bin/sh\necho hi\n", f);
    fclose(f);
    expect_fail(path, "a script, not an ELF executable");
    snprintf(path, sizeof path, "%s/text", tmpdir);
    f = fopen(path, "w");
    fputs("hello world, this is not an ELF file at all", f);
    fclose(f);
    expect_fail(path, "text: not an ELF file");
    snprintf(path, sizeof path, "%s/empty", tmpdir);
    fclose(fopen(path, "w"));
    expect_fail(path, "not an ELF file");
    expect_fail("/dev/null", "not a regular file");
}

Test(loader, permission_denied)
{
    if (geteuid() == 0)
        cr_skip_test("root ignores file permissions");
    TElf t = t_exec();
    const char *p = t_write(&t, "noperm");
    chmod(p, 0);
    expect_fail(p, "cannot open: Permission denied");
}

Test(loader, foreign_elves)
{
    TElf t = t_exec();
    t.machine = EM_X86_64;
    expect_fail(t_write(&t, "x86"), "x86: not an AArch64 ELF executable (machine X86_64)");
    t = t_exec();
    t.cls = ELFCLASS32;
    t.machine = EM_ARM;
    expect_fail(t_write(&t, "arm"), "not an AArch64 ELF executable (32-bit ARM: run it "
                "with emu-arm)");
    t.machine = EM_386;
    expect_fail(t_write(&t, "i386"), "not an AArch64 ELF executable (32-bit ELF, machine 386)");
    t = t_exec();
    t.data = ELFDATA2MSB;
    expect_fail(t_write(&t, "be"), "big-endian");
    t = t_exec();
    t.cls = 7;
    expect_fail(t_write(&t, "cls"), "corrupt ELF header");
    t = t_exec();
    t.type = ET_REL;
    expect_fail(t_write(&t, "rel"), "not an executable: a relocatable object");
    t = t_exec();
    t.type = ET_CORE;
    expect_fail(t_write(&t, "core"), "core dump");
}

Test(loader, corrupt_headers)
{
    TElf t = t_exec();
    t.size = 40; /* ident ok, header cut */
    expect_fail(t_write(&t, "short"), "truncated ELF header");
    t = t_exec();
    t.size = sizeof(Elf64_Ehdr) + 30; /* phdr table cut */
    expect_fail(t_write(&t, "cutph"), "past the end of the file");
    t = t_exec();
    t.phoff = 0x100000;
    expect_fail(t_write(&t, "phoff"), "program headers lie past the end of the file");
    t = t_exec();
    t.phentsize = 32;
    expect_fail(t_write(&t, "phent"), "e_phentsize");
    t = t_exec();
    t.nph = 0;
    expect_fail(t_write(&t, "noph"), "no program headers");
    t = t_exec();
    t.nph = 1;
    t.ph[0] = (TPh){PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16};
    expect_fail(t_write(&t, "noload"), "no loadable segments");
}

Test(loader, corrupt_segments)
{
    TElf t = t_exec();
    t.ph[1].filesz = 0x4000;
    t.ph[1].memsz = 0x3000;
    expect_fail(t_write(&t, "fsz"), "file size 0x4000 > memory size 0x3000");
    t = t_exec();
    t.ph[1].off = 0x10000;
    expect_fail(t_write(&t, "off"), "segment 1 extends past the end of the file");
    t = t_exec();
    t.ph[1].off = ~0ull - 8; /* offset + size overflows */
    expect_fail(t_write(&t, "ovf"), "extends past the end of the file");
    t = t_exec();
    t.ph[1].vaddr = 0x400800; /* inside text */
    expect_fail(t_write(&t, "overlap"), "PT_LOAD segments overlap");
    t = t_exec();
    t.ph[1].vaddr = 0x800000000000ull;
    expect_fail(t_write(&t, "high"), "outside the 47-bit host user address space");
    t = t_exec();
    t.ph[1].vaddr = ~0ull - 0x1000;
    expect_fail(t_write(&t, "wrap"), "outside the 47-bit");
    t = t_exec();
    t.interp = "/lib/ld.so";
    t.ph[t.nph] = (TPh){PT_INTERP, PF_R, 0x800, 0, 3, 3, 1}; /* 2nd, no NUL */
    t.nph++;
    expect_fail(t_write(&t, "interp2"), "PT_INTERP");
    cr_assert(!mapped(0x400000));
}

Test(loader, clash_with_emulator)
{
    /* An ET_EXEC whose fixed addresses are already in use must be refused,
     * not mapped over us. */
    void *m = mmap((void *)0x400000, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
                   MAP_FIXED_NOREPLACE, -1, 0);
    cr_assert_eq(m, (void *)0x400000);
    TElf t = t_exec();
    expect_fail(t_write(&t, "clash"), "occupied by the emulator");
    cr_assert_str_eq(perms(0x400000), "r--");
}

/* Loads every prefix of the file at path; each must fail cleanly or load. */
static void truncation_sweep(const char *src, size_t step_after, size_t dense)
{
    int fd = open(src, O_RDONLY);
    cr_assert(fd >= 0);
    struct stat st;
    fstat(fd, &st);
    size_t size = (size_t)st.st_size;
    uint8_t *b = malloc(size);
    cr_assert(read(fd, b, size) == (ssize_t)size);
    close(fd);
    char cut[512];
    snprintf(cut, sizeof cut, "%s/cut", tmpdir);
    int loaded = 0, failed = 0;
    for (size_t len = 0; len <= size; len += len < dense ? 1 : step_after) {
        fd = open(cut, O_WRONLY | O_CREAT | O_TRUNC, 0755);
        cr_assert(write(fd, b, len) == (ssize_t)len);
        close(fd);
        if (load(cut)) {
            loaded++;
            unload();
        } else {
            failed++;
            cr_assert(err[0] && !strchr(err, '\n'), "len %zu: bad message", len);
        }
    }
    if (size % step_after) { /* the whole file must load */
        cr_assert(load(src), "%s", err);
        unload();
    }
    cr_assert(failed > 0);
    free(b);
}

Test(loader, truncated_crafted_files)
{
    TElf t = t_exec();
    const char *p = t_write(&t, "exec");
    truncation_sweep(p, 1, 0x3000);
}

Test(loader, header_bit_flips)
{
    /* Random corruption of the ELF and program headers: no crash, and a
     * clean message on failure. */
    TElf t = t_dyn();
    const char *p = t_write(&t, "pie");
    uint8_t b[0x3000];
    int fd = open(p, O_RDONLY);
    cr_assert(read(fd, b, sizeof b) == (ssize_t)sizeof b);
    close(fd);
    char q[512];
    snprintf(q, sizeof q, "%s/flip", tmpdir);
    uint64_t s = 12345;
    for (int it = 0; it < 1500; it++) {
        uint8_t c[0x3000];
        memcpy(c, b, sizeof c);
        for (int k = 0; k < 3; k++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            size_t at = (s >> 33) % (sizeof(Elf64_Ehdr) + 3 * sizeof(Elf64_Phdr));
            c[at] ^= (uint8_t)(1u << ((s >> 20) & 7));
        }
        fd = open(q, O_WRONLY | O_CREAT | O_TRUNC, 0755);
        cr_assert(write(fd, c, sizeof c) == (ssize_t)sizeof c);
        close(fd);
        if (load(q))
            unload();
        else
            cr_assert(err[0] && !strchr(err, '\n'));
    }
}

/* ---- real cross-compiled binaries ---- */

/* Every PT_LOAD of the file at path is in memory at bias + p_vaddr: file
 * bytes, then zeros up to p_memsz. */
static void check_segments(const char *path, uint64_t bias)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    uint8_t *b = malloc((size_t)size);
    rewind(f);
    cr_assert(fread(b, 1, (size_t)size, f) == (size_t)size);
    fclose(f);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
    int loads = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr *ph = (Elf64_Phdr *)(b + eh->e_phoff) + i;
        if (ph->p_type != PT_LOAD)
            continue;
        loads++;
        uint8_t *m = (uint8_t *)(bias + ph->p_vaddr);
        cr_assert(memcmp(m, b + ph->p_offset, ph->p_filesz) == 0,
                  "%s: segment %d differs from the file", path, i);
        cr_assert(all_bytes((uint64_t)m + ph->p_filesz, ph->p_memsz - ph->p_filesz, 0),
                  "%s: segment %d bss not zero", path, i);
    }
    cr_assert(loads > 0);
    free(b);
}

static bool build_guest(const char *out, const char *flags)
{
    if (system("command -v aarch64-linux-gnu-gcc >/dev/null 2>&1") != 0)
        return false;
    char src[512], cmd[2048];
    snprintf(src, sizeof src, "%s/hello.c", tmpdir);
    FILE *f = fopen(src, "w");
    fputs("#include <stdio.h>\nint data = 42; char bss[100000];\n"
          "int main(int c, char **v) { printf(\"%d %s\\n\", data + bss[5], v[0]); }\n", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "aarch64-linux-gnu-gcc -O1 %s %s -o %s 2>/dev/null",
             flags, src, out);
    return system(cmd) == 0;
}

Test(loader, real_static_binary)
{
    char out[512];
    snprintf(out, sizeof out, "%s/hello-static", tmpdir);
    if (!build_guest(out, "-static"))
        cr_skip_test("aarch64-linux-gnu-gcc not available");
    cr_assert(load(out), "%s", err);
    cr_assert_eq(img.interp_base, 0);
    cr_assert_eq(img.entry, img.prog_entry);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)img.prog_lo;
    cr_assert(memcmp(eh->e_ident, ELFMAG, 4) == 0);
    cr_assert_eq(img.entry, eh->e_entry);
    cr_assert_eq(img.phdr, img.prog_lo + eh->e_phoff);
    cr_assert_eq(img.phnum, eh->e_phnum);
    cr_assert_eq(img.brk % PAGE, 0);
    check_segments(out, 0);
    check_stack(out, 4, targv, tenvp);
    unload();
    truncation_sweep(out, 4093, 1024); /* dense over ehdr + phdrs */
}

Test(loader, real_static_pie_binary)
{
    char out[512];
    snprintf(out, sizeof out, "%s/hello-spie", tmpdir);
    if (!build_guest(out, "-static-pie"))
        cr_skip_test("aarch64-linux-gnu-gcc not available");
    cr_assert(load(out), "%s", err);
    cr_assert_eq(img.load_bias, LOADER_ET_DYN_BASE);
    cr_assert_eq(img.interp_base, 0);
    check_segments(out, img.load_bias);
    check_stack(out, 4, targv, tenvp);
}

Test(loader, real_dynamic_binary)
{
    char out[512];
    snprintf(out, sizeof out, "%s/hello-dyn", tmpdir);
    if (!build_guest(out, "") || access("/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1",
                                        F_OK) != 0)
        cr_skip_test("aarch64 cross toolchain / sysroot not available");
    if (access("/lib/ld-linux-aarch64.so.1", F_OK) != 0)
        expect_fail(out, "cannot find dynamic linker /lib/ld-linux-aarch64.so.1 "
                         "(use -L prefix)");
    emu_opts.ld_prefix = "/usr/aarch64-linux-gnu";
    cr_assert(load(out), "%s", err);
    cr_assert_eq(img.load_bias, LOADER_ET_DYN_BASE);
    cr_assert_neq(img.interp_base, 0);
    Elf64_Ehdr *ld = (Elf64_Ehdr *)img.interp_base;
    cr_assert(memcmp(ld->e_ident, ELFMAG, 4) == 0);
    cr_assert_eq(img.entry, img.interp_base + ld->e_entry);
    cr_assert(strstr(img.interp_path, "ld-linux-aarch64.so.1") ||
              strstr(img.interp_path, "/ld-"));
    check_segments(out, img.load_bias);
    check_segments(img.interp_path, img.interp_base);
    check_stack(out, 4, targv, tenvp);
}
