/*
 * tests/unit/test_loader_arm.c - the loader for 32-bit ARM guests
 * (LOADER_GUEST_ARM): ELF32 acceptance and refusal, placement in the 4 GiB
 * guest reservation, the 32-bit initial stack and auxv, and the kuser
 * helper page.
 *
 * Each test reserves 4 GiB of host address space (PROT_NONE) and points
 * guest_base at it, as emu-arm's start-up does; every guest address is then
 * read through g2h().  Real binaries are built with arm-linux-gnueabihf-gcc
 * (and arm-linux-gnueabi-gcc for armel) at test time when installed;
 * crafted headers cover the refusals.  Criterion runs each test in its own
 * process.
 */
#include <criterion/criterion.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-mem.h"
#include "linux-user/mmap.h"
#include "loader/loader.h"

#define PAGE 4096ull
#define GIB4 (1ull << 32)

static char tmpdir[256];
static char err[1024];
static GuestImage img;
static char *targv[] = {"prog-argv0", "arg one", "", "3", NULL};
static char *tenvp[] = {"A=1", "EMPTY=", "LONGER=some longer value", NULL};
static void *reservation;

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/emu-test-loader-arm-XXXXXX");
    cr_assert(mkdtemp(tmpdir));
    emu_opts.ld_prefix = NULL;
    emu_opts.seed = 0;
    reservation = mmap(NULL, GIB4, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    cr_assert(reservation != MAP_FAILED);
    guest_base = (uint64_t)(uintptr_t)reservation;
    memset(&img, 0, sizeof img);
    err[0] = 0;
}

static void teardown(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    (void)!system(cmd);
}

TestSuite(loader_arm, .init = setup, .fini = teardown);

static bool load(const char *path)
{
    memset(&img, 0, sizeof img);
    err[0] = 0;
    LoaderRequest rq = {.path = path, .fd = -1, .argc = 4, .argv = targv,
                        .envp = tenvp, .guest = LOADER_GUEST_ARM};
    return loader_load_ex(&rq, &img, err, sizeof err);
}

static void expect_fail(const char *path, const char *msg)
{
    bool ok = load(path);
    cr_assert(!ok, "loaded %s, expected failure '%s'", path, msg);
    cr_assert(strstr(err, msg), "error '%s' lacks '%s'", err, msg);
    cr_assert(!strchr(err, '\n'), "error has a newline: '%s'", err);
}

static uint32_t rd32(uint64_t g)
{
    uint32_t v;
    memcpy(&v, g2h(g), 4);
    return v;
}

/* Host protections of guest address a, from /proc/self/maps, "" if none. */
static const char *perms(uint64_t a)
{
    static char out[4];
    char line[512];
    uint64_t h = guest_base + a;
    FILE *f = fopen("/proc/self/maps", "r");
    out[0] = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char p[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) == 3 && h >= lo && h < hi) {
            memcpy(out, p, 3), out[3] = 0;
            break;
        }
    }
    if (f)
        fclose(f);
    return out;
}

/* The auxv value of type t from the guest stack (32-bit words), ~0 if absent. */
static uint64_t auxval(uint32_t t)
{
    uint64_t w = img.sp;
    uint32_t argc = rd32(w);
    w += 4 * (argc + 2);
    while (rd32(w))
        w += 4;
    w += 4;
    for (; rd32(w) != AT_NULL; w += 8)
        if (rd32(w) == t)
            return rd32(w + 4);
    return ~0ull;
}

/* The layout of create_elf_tables() for a 32-bit arm kernel. */
static void check_stack(const char *execfn)
{
    cr_assert_eq(img.sp % 16, 0);
    cr_assert(img.stack_hi <= LOADER_ARM_TASK_SIZE && img.stack_hi % PAGE == 0);
    cr_assert(img.stack_hi >= LOADER_ARM_TASK_SIZE - 0x800 * PAGE);
    cr_assert_eq(img.stack_hi - img.stack_lo, LOADER_STACK_SIZE);
    cr_assert(img.sp > img.stack_lo && img.sp < img.stack_hi);
    cr_assert_str_eq(perms(img.stack_lo), "rw-");
    cr_assert_str_eq(perms(img.stack_lo - PAGE), "---"); /* guard */
    uint64_t w = img.sp;
    cr_assert_eq(rd32(w), 4);
    w += 4;
    uint64_t expect = img.arg_start;
    for (int i = 0; i < 4; i++, w += 4) {
        cr_assert_eq(rd32(w), expect);
        cr_assert_str_eq((char *)g2h(expect), targv[i]);
        expect += strlen(targv[i]) + 1;
    }
    cr_assert_eq(rd32(w), 0);
    w += 4;
    cr_assert_eq(expect, img.env_start);
    for (int i = 0; i < 3; i++, w += 4) {
        cr_assert_eq(rd32(w), expect);
        cr_assert_str_eq((char *)g2h(expect), tenvp[i]);
        expect += strlen(tenvp[i]) + 1;
    }
    cr_assert_eq(rd32(w), 0);
    w += 4;
    cr_assert_eq(w, img.auxv);
    cr_assert_eq(expect, img.env_end);
    cr_assert_eq(img.execfn, img.env_end);
    cr_assert_str_eq((char *)g2h(img.execfn), execfn);
    /* 4 zero bytes on top (bprm->p = vm_end - sizeof(void *)) */
    cr_assert_eq(img.execfn + strlen(execfn) + 1 + 4, img.stack_hi);
    cr_assert_eq(rd32(img.stack_hi - 4), 0);

    /* auxv: the first pair is AT_HWCAP (arm has no AT_MINSIGSTKSZ and no
     * vDSO), 32-bit pairs, and /proc/self/auxv gets the same bytes */
    cr_assert_eq(rd32(img.auxv), AT_HWCAP);
    size_t len;
    const void *saved = loader_auxv(&len);
    cr_assert(saved && len % 8 == 0 && len >= 8 * 19);
    cr_assert(memcmp(saved, g2h(img.auxv), len) == 0);
    cr_assert_eq(rd32(img.auxv + len - 8), AT_NULL);
    cr_assert_eq(auxval(51 /* AT_MINSIGSTKSZ */), ~0ull);
    cr_assert_eq(auxval(AT_SYSINFO_EHDR), ~0ull);
    /* half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae */
    cr_assert_eq(auxval(AT_HWCAP), 0x1fb0d6);
    cr_assert_eq(auxval(AT_HWCAP2), 0x1f); /* aes pmull sha1 sha2 crc32 */
    cr_assert_eq(auxval(AT_PAGESZ), 4096);
    cr_assert_eq(auxval(AT_CLKTCK), 100);
    cr_assert_eq(auxval(AT_PHENT), sizeof(Elf32_Phdr));
    cr_assert_eq(auxval(AT_PHDR), img.phdr);
    cr_assert_eq(auxval(AT_PHNUM), img.phnum);
    cr_assert_eq(auxval(AT_BASE), img.interp_base);
    cr_assert_eq(auxval(AT_ENTRY), img.prog_entry);
    cr_assert_eq(auxval(AT_FLAGS), 0);
    cr_assert_eq(auxval(AT_UID), getuid());
    cr_assert_eq(auxval(AT_EGID), getegid());
    cr_assert_eq(auxval(AT_SECURE), 0);
    cr_assert_eq(auxval(AT_EXECFN), img.execfn);
    uint64_t plat = auxval(AT_PLATFORM), rnd = auxval(AT_RANDOM);
    cr_assert_str_eq((char *)g2h(plat), "v7l");
    /* arm's arch_align_stack() is the identity: "v7l" sits right below the
     * argv strings and the 16 random bytes right below it */
    cr_assert_eq(plat + 4, img.arg_start);
    cr_assert_eq(rnd + 16, plat);
    cr_assert(rnd > img.sp);
}

/* The kuser page as the kernel lays it out. */
static void check_kuser(void)
{
    uint64_t k = LOADER_ARM_KUSER_PAGE;
    cr_assert_str_eq(perms(k), "r--"); /* guest r-x: the JIT only reads it */
    cr_assert_eq(rd32(k + 0xffc), 5);          /* __kuser_helper_version */
    cr_assert_eq(rd32(k + 0xfe0), 0xee1d0f70); /* get_tls: mrc TPIDRURO */
    cr_assert_eq(rd32(k + 0xfe4), 0xe12fff1e); /* bx lr */
    cr_assert_eq(rd32(k + 0xfa0), 0xf57ff05b); /* memory_barrier: dmb ish */
    cr_assert_eq(rd32(k + 0xfc4), 0xe1923f9f); /* cmpxchg: ldrex r3, [r2] */
    cr_assert_eq(rd32(k + 0xf70), 0xe1b20f9f); /* cmpxchg64: ldrexd r0, r1, [r2] */
    cr_assert_eq(rd32(k), 0xe7fddef1);         /* filler: undefined */
    cr_assert_eq(rd32(k + 0xf5c), 0xe7fddef1);
}

/* ---- crafted ELF32 headers ---- */

/* A minimal ELF32 ARM ET_EXEC: one R-X segment at 0x10000 mapping the
 * first page, entry 0x10100; flags, machine, class as given. */
static const char *write_elf32(const char *name, uint16_t machine, uint32_t flags,
                               size_t size)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    uint8_t b[4096] = {0};
    Elf32_Ehdr eh = {0};
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS32;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = machine;
    eh.e_version = EV_CURRENT;
    eh.e_entry = 0x10100;
    eh.e_phoff = sizeof eh;
    eh.e_flags = flags;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = sizeof(Elf32_Phdr);
    eh.e_phnum = 2;
    memcpy(b, &eh, sizeof eh);
    Elf32_Phdr ph[2] = {
        {PT_LOAD, 0, 0x10000, 0x10000, 4096, 4096, PF_R | PF_X, 4096},
        {PT_GNU_STACK, 0, 0, 0, 0, 0, PF_R | PF_W, 16}};
    memcpy(b + sizeof eh, ph, sizeof ph);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    cr_assert(fd >= 0);
    cr_assert(write(fd, b, size) == (ssize_t)size);
    close(fd);
    return path;
}

Test(loader_arm, crafted_exec_loads)
{
    const char *p = write_elf32("ok", EM_ARM, 0x05000400, 4096);
    cr_assert(load(p), "%s", err);
    cr_assert_eq(img.entry, 0x10100);
    cr_assert_eq(img.load_bias, 0);
    cr_assert_eq(img.brk, 0x11000);
    cr_assert_eq(img.phdr, 0x10000 + sizeof(Elf32_Ehdr));
    cr_assert_eq(img.phnum, 2);
    cr_assert(!img.exec_stack && !img.read_implies_exec);
    cr_assert_eq(img.arm_eflags, 0x05000400);
    cr_assert(img.mmap_base <= LOADER_ARM_TASK_SIZE - (128ull << 20));
    cr_assert(img.mmap_base > LOADER_ARM_TASK_SIZE - (129ull << 20));
    cr_assert(memcmp(g2h(0x10000), ELFMAG, 4) == 0);
    cr_assert_str_eq(perms(0x10000), "r--");
    check_stack(p);
    check_kuser();
}

Test(loader_arm, crafted_soft_float)
{
    cr_assert(load(write_elf32("soft", EM_ARM, 0x05000200, 4096)), "%s", err);
}

Test(loader_arm, crafted_eabi4)
{
    cr_assert(load(write_elf32("eabi4", EM_ARM, 0x04000000, 4096)), "%s", err);
}

/* The loader never maps over guest memory someone else already owns. */
Test(loader_arm, occupied_range_refused)
{
    cr_assert(load(write_elf32("first", EM_ARM, 0x05000400, 4096)), "%s", err);
    expect_fail(write_elf32("second", EM_ARM, 0x05000400, 4096),
                "overlap the stack, the program or other guest memory");
}

Test(loader_arm, refusals)
{
    expect_fail(write_elf32("oabi", EM_ARM, 0x00000002, 4096),
                "old-ABI (OABI) ARM executable");
    expect_fail(write_elf32("be8", EM_ARM, 0x05800000, 4096), "big-endian (BE8)");
    expect_fail(write_elf32("eabi9", EM_ARM, 0x09000000, 4096), "unknown ARM EABI version 9");
    expect_fail(write_elf32("i386", EM_386, 0x05000400, 4096),
                "not a 32-bit ARM ELF executable (machine 386)");
    expect_fail(write_elf32("trunc", EM_ARM, 0x05000400, 40), "truncated ELF header");
    expect_fail(write_elf32("trunc2", EM_ARM, 0x05000400, 80),
                "program headers lie past the end of the file");
    /* the emulator's own mapping of nothing is left behind */
    cr_assert_str_eq(perms(0x10000), "---");
    expect_fail("/bin/true", "not a 32-bit ARM ELF executable (64-bit ELF, machine X86_64)");
}

Test(loader_arm, aarch64_file_names_emu_aarch64)
{
    char path[512];
    snprintf(path, sizeof path, "%s/a64", tmpdir);
    uint8_t b[64] = {0};
    Elf64_Ehdr eh = {0};
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_AARCH64;
    memcpy(b, &eh, sizeof eh);
    FILE *f = fopen(path, "w");
    fwrite(b, 1, sizeof b, f);
    fclose(f);
    expect_fail(path, "not a 32-bit ARM ELF executable (64-bit AArch64: run it with "
                      "emu-aarch64)");
}

Test(loader_arm, segment_above_task_size)
{
    const char *p = write_elf32("high", EM_ARM, 0x05000400, 4096);
    int fd = open(p, O_RDWR);
    Elf32_Phdr ph;
    cr_assert(pread(fd, &ph, sizeof ph, sizeof(Elf32_Ehdr)) == sizeof ph);
    ph.p_vaddr = ph.p_paddr = 0xbf000000;
    cr_assert(pwrite(fd, &ph, sizeof ph, sizeof(Elf32_Ehdr)) == sizeof ph);
    close(fd);
    expect_fail(p, "outside the 32-bit user address space");
}

/* ---- real binaries ---- */

static bool build_guest(const char *cc, const char *out, const char *flags)
{
    char cmd[2048], src[512];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", cc);
    if (system(cmd) != 0)
        return false;
    snprintf(src, sizeof src, "%s/hello.c", tmpdir);
    FILE *f = fopen(src, "w");
    fputs("#include <stdio.h>\nint data = 42; char bss[100000];\n"
          "int main(int c, char **v) { printf(\"%d %s\\n\", data + bss[5], v[0]); }\n", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s -O1 %s %s -o %s 2>/dev/null", cc, flags, src, out);
    return system(cmd) == 0;
}

/* Every PT_LOAD of path is in guest memory at bias + p_vaddr with its file
 * bytes and a zero bss. */
static void check_segments(const char *path, uint64_t bias)
{
    int fd = open(path, O_RDONLY);
    cr_assert(fd >= 0);
    off_t size = lseek(fd, 0, SEEK_END);
    uint8_t *b = malloc((size_t)size);
    cr_assert(pread(fd, b, (size_t)size, 0) == size);
    close(fd);
    Elf32_Ehdr *eh = (Elf32_Ehdr *)b;
    int loads = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        Elf32_Phdr *ph = (Elf32_Phdr *)(b + eh->e_phoff + i * sizeof *ph);
        if (ph->p_type != PT_LOAD)
            continue;
        loads++;
        uint8_t *m = g2h(bias + ph->p_vaddr);
        cr_assert(memcmp(m, b + ph->p_offset, ph->p_filesz) == 0,
                  "%s: segment %d differs from the file", path, i);
        for (uint32_t j = ph->p_filesz; j < ph->p_memsz; j++)
            cr_assert_eq(m[j - ph->p_filesz + ph->p_filesz], 0, "bss not zero");
    }
    cr_assert(loads > 0);
    free(b);
}

Test(loader_arm, real_static_arm)
{
    char out[512];
    snprintf(out, sizeof out, "%s/hello-static", tmpdir);
    if (!build_guest("arm-linux-gnueabihf-gcc", out, "-static -marm"))
        cr_skip_test("arm-linux-gnueabihf-gcc not available");
    cr_assert(load(out), "%s", err);
    cr_assert_eq(img.interp_base, 0);
    cr_assert_eq(img.load_bias, 0);
    cr_assert_eq(img.guest, LOADER_GUEST_ARM);
    Elf32_Ehdr *eh = g2h(img.prog_lo);
    cr_assert(memcmp(eh->e_ident, ELFMAG, 4) == 0);
    cr_assert_eq(img.entry, eh->e_entry);
    cr_assert_eq(img.phdr, img.prog_lo + eh->e_phoff);
    cr_assert_eq(img.brk % PAGE, 0);
    check_segments(out, 0);
    check_stack(out);
    check_kuser();
}

Test(loader_arm, real_static_thumb_entry)
{
    char out[512];
    snprintf(out, sizeof out, "%s/hello-thumb", tmpdir);
    if (!build_guest("arm-linux-gnueabihf-gcc", out, "-static -mthumb"))
        cr_skip_test("arm-linux-gnueabihf-gcc not available");
    cr_assert(load(out), "%s", err);
    Elf32_Ehdr *eh = g2h(img.prog_lo);
    /* _start is Thumb code (glibc's armhf crt1.o is Thumb even for -marm
     * programs): e_entry bit 0, kept in entry and AT_ENTRY */
    cr_assert_eq(eh->e_entry & 1, 1);
    cr_assert_eq(img.entry, eh->e_entry);
    cr_assert_eq(auxval(AT_ENTRY), eh->e_entry);
}

Test(loader_arm, real_dynamic_pie)
{
    char out[512];
    snprintf(out, sizeof out, "%s/hello-dyn", tmpdir);
    if (!build_guest("arm-linux-gnueabihf-gcc", out, "") ||
        access("/usr/arm-linux-gnueabihf/lib/ld-linux-armhf.so.3", F_OK) != 0)
        cr_skip_test("armhf cross toolchain / sysroot not available");
    if (access("/lib/ld-linux-armhf.so.3", F_OK) != 0)
        expect_fail(out, "cannot find dynamic linker /lib/ld-linux-armhf.so.3 "
                         "(use -L prefix)");
    emu_opts.ld_prefix = "/usr/arm-linux-gnueabihf";
    cr_assert(load(out), "%s", err);
    cr_assert_eq(img.load_bias, LOADER_ARM_ET_DYN_BASE); /* 0x400000 */
    cr_assert_neq(img.interp_base, 0);
    /* ld.so is the first top-down mmap: it ends at mmap_base */
    cr_assert(img.interp_hi <= img.mmap_base && img.interp_hi > img.mmap_base - 0x10000,
              "interp %llx-%llx mmap_base %llx", (unsigned long long)img.interp_lo,
              (unsigned long long)img.interp_hi, (unsigned long long)img.mmap_base);
    Elf32_Ehdr *ld = g2h(img.interp_base);
    cr_assert(memcmp(ld->e_ident, ELFMAG, 4) == 0);
    cr_assert_eq(img.entry, img.interp_base + ld->e_entry);
    cr_assert(strstr(img.interp_path, "ld-linux-armhf.so.3") || strstr(img.interp_path, "/ld-"));
    check_segments(out, img.load_bias);
    check_segments(img.interp_path, img.interp_base);
    check_stack(out);
}

Test(loader_arm, real_armel_soft_float)
{
    char out[512];
    snprintf(out, sizeof out, "%s/hello-armel", tmpdir);
    if (!build_guest("arm-linux-gnueabi-gcc", out, "") ||
        access("/usr/arm-linux-gnueabi/lib/ld-linux.so.3", F_OK) != 0)
        cr_skip_test("armel cross toolchain / sysroot not available");
    emu_opts.ld_prefix = "/usr/arm-linux-gnueabi";
    cr_assert(load(out), "%s", err);
    cr_assert_eq(img.arm_eflags & 0xff000600, 0x05000200); /* EABI5 soft-float */
    cr_assert_neq(img.interp_base, 0);
    check_stack(out);
}

Test(loader_arm, aarch64_refuses_arm)
{
    char out[512];
    snprintf(out, sizeof out, "%s/hello-static", tmpdir);
    if (!build_guest("arm-linux-gnueabihf-gcc", out, "-static"))
        cr_skip_test("arm-linux-gnueabihf-gcc not available");
    guest_base = 0;
    bool ok = loader_load(out, 4, targv, tenvp, &img, err, sizeof err);
    cr_assert(!ok);
    cr_assert(strstr(err, "not an AArch64 ELF executable (32-bit ARM: run it with "
                          "emu-arm)"), "%s", err);
}

/* Loads p with -seed 1234 in a child process (fresh randomness state) and
 * sends back the stack top, mmap_base, sp and the AT_RANDOM bytes. */
static void seeded_child(const char *p, uint64_t v[3], uint8_t r[16])
{
    int pfd[2];
    cr_assert(pipe(pfd) == 0);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        uint64_t cv[3] = {0};
        uint8_t cr[16] = {0};
        emu_opts.seed = 1234;
        if (load(p)) {
            cv[0] = img.stack_hi, cv[1] = img.mmap_base, cv[2] = img.sp;
            memcpy(cr, g2h(auxval(AT_RANDOM)), 16);
        }
        (void)!write(pfd[1], cv, sizeof cv);
        (void)!write(pfd[1], cr, sizeof cr);
        _exit(0);
    }
    close(pfd[1]);
    cr_assert(read(pfd[0], v, 3 * sizeof *v) == 3 * sizeof *v);
    cr_assert(read(pfd[0], r, 16) == 16);
    close(pfd[0]);
}

Test(loader_arm, seed_makes_layout_reproducible)
{
    const char *p = write_elf32("ok", EM_ARM, 0x05000400, 4096);
    uint64_t a[3], b[3];
    uint8_t ra[16], rb[16];
    seeded_child(p, a, ra);
    seeded_child(p, b, rb);
    cr_assert_neq(a[0], 0, "seeded load failed");
    cr_assert_eq(a[0], b[0]);
    cr_assert_eq(a[1], b[1]);
    cr_assert_eq(a[2], b[2]);
    cr_assert(memcmp(ra, rb, 16) == 0);
}

/* Top-down placement steps past guest memory that exists before the load
 * (emu-arm maps pages of its own first) instead of failing or mapping
 * over it. */
Test(loader_arm, interpreter_avoids_existing_guest_memory)
{
    char out[512];
    snprintf(out, sizeof out, "%s/hello-dyn", tmpdir);
    if (!build_guest("arm-linux-gnueabihf-gcc", out, "") ||
        access("/usr/arm-linux-gnueabihf/lib/ld-linux-armhf.so.3", F_OK) != 0)
        cr_skip_test("armhf cross toolchain / sysroot not available");
    emu_opts.ld_prefix = "/usr/arm-linux-gnueabihf";
    guest_map_note(0xb6000000, 0x1000000, PROT_READ, "[busy]");
    cr_assert(load(out), "%s", err);
    cr_assert(img.interp_hi <= 0xb6000000, "interp at %llx-%llx",
              (unsigned long long)img.interp_lo, (unsigned long long)img.interp_hi);
    cr_assert(img.interp_hi > 0xb6000000 - 0x100000);
    check_segments(img.interp_path, img.interp_base);
}
