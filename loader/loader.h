/*
 * loader/loader.h - loads an AArch64 Linux program into this process.
 *
 * Guest memory is host memory (guest_base 0), so loading means mapping the
 * program's PT_LOAD segments at their guest addresses in our own address
 * space, loading its PT_INTERP dynamic linker (found through path_guest(),
 * i.e. under the -L prefix), and building the initial stack exactly as the
 * Linux arm64 kernel does (argc, argv, envp, auxv, strings).  The caller
 * (linux-user/main.c) then starts a cpu at img->entry with sp = img->sp and
 * every other register zero, as the kernel does.
 *
 * Placement (see loader/elf.c for the reasons):
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
} LoaderRequest;
bool loader_load_ex(const LoaderRequest *rq, GuestImage *img, char *err,
                    size_t errlen);

/* The auxv written by the last successful loader_load (pairs of 64-bit
 * type/value, AT_NULL pair included), for /proc/self/auxv.  *len gets its
 * size in bytes.  NULL / 0 before any load. */
const uint64_t *loader_auxv(size_t *len);

#endif
