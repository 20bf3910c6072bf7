/*
 * loader/loader.h - loads an AArch64 or a 32-bit ARM Linux program into
 * this process.
 *
 * Loading means mapping the program's PT_LOAD segments at their guest
 * addresses (host address g2h(guest address), common/guest-mem.h), loading
 * its PT_INTERP dynamic linker (found through path_guest(), i.e. under the
 * -L prefix), and building the initial stack exactly as the Linux kernel of
 * the guest architecture does (argc, argv, envp, auxv, strings).  The
 * caller then starts a cpu at img->entry with sp = img->sp and every other
 * register zero, as the kernel does.
 *
 * Which executables are taken is the request's `guest`:
 *   LOADER_GUEST_AARCH64  ELF64 EM_AARCH64; guest_base is 0 and addresses
 *                         are host addresses (the rules below);
 *   LOADER_GUEST_ARM      ELF32 EM_ARM EABI (version 4 or 5, hard- or
 *                         soft-float); the caller has reserved the guest's
 *                         4 GiB at guest_base (PROT_NONE) before the load
 *                         (guest_space_init32(), linux-user/mmap.h), and
 *                         the loader maps over that reservation with
 *                         MAP_FIXED where guest_space_free() agrees, gives
 *                         unused parts back with guest_space_release()
 *                         (never munmap), and sets the top-down mmap start
 *                         (guest_space_set_mmap_top(img->mmap_base)).
 *                         Layout as an ARMv7 3G/1G kernel: see
 *                         loader/elf.c and stack.c; the
 *                         loader also maps the kuser helper page at
 *                         0xffff0000 ("[vectors]", loader/arm-kuser.c).
 *                         img->entry bit 0 is the Thumb bit of the first
 *                         instruction (the kernel's start_thread: T = pc &
 *                         1, pc &= ~1): the initial key is
 *                         arm_make_key(entry, entry & 1, 0).
 *
 * AArch64 placement (see loader/elf.c for the reasons):
 *   ET_EXEC     at its link addresses (refused if they clash with us);
 *   ET_DYN      the main program at LOADER_ET_DYN_BASE (qemu-user's choice
 *               for 64-bit guests), anywhere the host picks if occupied;
 *   interpreter wherever the host kernel places a hint-less mmap of its span;
 *   stack       8 MiB (+ a PROT_NONE guard page below), hint-less mmap;
 *   brk         page after the highest PT_LOAD end of the program.
 */
#ifndef EMU_LOADER_LOADER_H
#define EMU_LOADER_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOADER_ET_DYN_BASE 0x5500000000ull /* PIE main program load base */
#define LOADER_STACK_SIZE (8ull << 20)     /* guest stack, like ulimit -s */
#define LOADER_PAGE_SIZE 4096ull           /* AT_PAGESZ and host page size */

/* 32-bit ARM (3G/1G split): TASK_SIZE = PAGE_OFFSET - 16 MiB; the stack
 * top is TASK_SIZE minus a random page offset, mmap_base 128 MiB + a
 * random offset below it (mm/util.c mmap_base(): the gap is the stack
 * rlimit clamped to at least 128 MiB), a PIE with an interpreter at
 * ELF_ET_DYN_BASE, 0x400000 on arm since Linux 4.13
 * (arch/arm/include/asm/elf.h; not randomised here, as the AArch64 PIE
 * base is not). */
#define LOADER_ARM_TASK_SIZE 0xbf000000ull
#define LOADER_ARM_ET_DYN_BASE 0x400000ull
#define LOADER_ARM_KUSER_PAGE 0xffff0000ull

typedef enum LoaderGuest {
    LOADER_GUEST_AARCH64 = 0, /* ELF64 AArch64 at guest_base 0 */
    LOADER_GUEST_ARM,         /* ELF32 ARM EABI in the 4 GiB at guest_base */
} LoaderGuest;

typedef struct GuestImage {
    uint64_t entry;       /* first guest pc: interpreter's entry if dynamic */
    uint64_t sp;          /* initial sp (points at argc), 16-byte aligned */
    uint64_t brk;         /* initial program break (page aligned) */
    uint64_t load_bias;   /* program: guest address = p_vaddr + load_bias */
    uint64_t phdr;        /* AT_PHDR */
    uint64_t phnum;       /* AT_PHNUM */
    uint64_t prog_entry;  /* AT_ENTRY: program entry (biased) */
    uint64_t interp_base; /* AT_BASE: interpreter load bias, 0 if static */
    uint64_t stack_lo, stack_hi; /* usable stack [lo, hi), guard below lo */
    /* Page spans of the program's and the interpreter's segments (holes
     * between segments are unmapped); 0, 0 for no interpreter. */
    uint64_t prog_lo, prog_hi, interp_lo, interp_hi;
    uint64_t start_code, end_code, start_data, end_data; /* like mm_struct */
    /* Where the strings went, for /proc/self/cmdline and /proc/self/environ
     * (the kernel's mm->arg_start..env_end): */
    uint64_t arg_start, arg_end, env_start, env_end;
    uint64_t execfn;      /* AT_EXECFN: guest address of the file name */
    uint64_t auxv;        /* guest address of the auxv on the stack */
    char exe_path[4096];  /* absolute host path of the program (/proc/self/exe) */
    char interp_path[4096]; /* host path of the dynamic linker, "" if none */
    bool exec_stack;      /* program's PT_GNU_STACK has PF_X: stack is PROT_EXEC */
    LoaderGuest guest;    /* what was loaded */
    /* 32-bit guests: where top-down guest mmaps without a hint start (the
     * kernel's mm->mmap_base; the interpreter is the first of them and
     * sits just below it).  0 for AArch64 (the host picks). */
    uint64_t mmap_base;
    uint32_t arm_eflags;  /* 32-bit ARM: e_flags (EABI version, float ABI) */
    /* 32-bit ARM without PT_GNU_STACK or with an executable one: the
     * personality READ_IMPLIES_EXEC (PROT_READ mmaps also get PROT_EXEC). */
    bool read_implies_exec;
} GuestImage;

/*
 * Loads the program at host path `path` (opened as given; the caller applies
 * path_guest() where that is wanted, e.g. for a guest execve).  argv[0] is
 * what the guest sees as argv[0]; `path` is what AT_EXECFN names.  argv and
 * envp are NULL-terminated; argc is the number of argv entries used.
 *
 * On failure returns false with one line in err (no "emu-aarch64: " prefix,
 * no newline), e.g. "./prog: not an AArch64 ELF executable (machine X86_64)",
 * and leaves whatever it had mapped unmapped where it can.  Never crashes on
 * a corrupt file.
 */
bool loader_load(const char *path, int argc, char **argv, char **envp,
                 GuestImage *img, char *err, size_t errlen);

/* What loader_load_ex() loads and how; loader_load() is the common case
 * (fd -1, secure false). */
typedef struct LoaderRequest {
    const char *path; /* AT_EXECFN and error messages; opened unless fd >= 0 */
    int fd;           /* >= 0: read the program from this descriptor (the
                         binfmt_misc O flag's AT_EXECFD: the file may be
                         execute-only); the loader does not close it */
    int argc;
    char **argv, **envp;
    bool secure;      /* AT_SECURE for the guest (its exec changed
                         credentials: binfmt_misc C flag, setuid file) */
    LoaderGuest guest; /* which executables are taken; 0 (AArch64) means
                          "guest_arch's": LOADER_GUEST_ARM when
                          guest_arch->elf_machine is EM_ARM */
} LoaderRequest;
bool loader_load_ex(const LoaderRequest *rq, GuestImage *img, char *err,
                    size_t errlen);

/* The auxv written by the last successful loader_load as the guest sees
 * it (pairs of type/value in the guest's word size: 64-bit for AArch64,
 * 32-bit for ARM; AT_NULL pair included), for /proc/self/auxv.  *len gets
 * its size in bytes.  NULL / 0 before any load. */
const void *loader_auxv(size_t *len);

/* Maps the 32-bit ARM kuser helper page at guest 0xffff0000 (read+exec,
 * "[vectors]" in the guest map), as the arm kernel with
 * CONFIG_KUSER_HELPERS shows it to every process.  loader_load_ex() does it
 * for LOADER_GUEST_ARM; exported for tests.  false + err on failure. */
bool loader_arm_kuser_map(char *err, size_t errlen);

#endif
