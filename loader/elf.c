/*
 * loader/elf.c - reads the guest program and its dynamic linker with libelf,
 * maps their PT_LOAD segments into this process (host address g2h(guest
 * address)), and drives the whole load (loader_load()).
 *
 * Invariants and rules (Linux fs/binfmt_elf.c is the model):
 *  - Only little-endian ET_EXEC / ET_DYN files of the requested guest are
 *    taken: ELF64 EM_AARCH64, or ELF32 EM_ARM with EABI version 4 or 5 in
 *    e_flags (hard- or soft-float; old-ABI files would make OABI system
 *    calls).  The other guest's files get a message naming its emulator.
 *    Everything read from the file is checked before use (offsets against
 *    the file size, vaddr + memsz against the 47-bit host user space or the
 *    32-bit guest's TASK_SIZE, p_filesz <= p_memsz, overlapping PT_LOADs,
 *    phdr table size <= 64 KiB as the kernel demands), so a corrupt or
 *    truncated file gives one line in err, never a crash.
 *  - 32-bit ARM guests live in the caller's 4 GiB PROT_NONE reservation at
 *    guest_base: objects are placed by the loader itself as an ARMv7 3G/1G
 *    kernel places them (ET_EXEC at its link address, a PIE with an
 *    interpreter at ELF_ET_DYN_BASE, the interpreter and a static PIE top
 *    down below mmap_base), mapped over the reservation with MAP_FIXED, and
 *    whatever is unmapped again (holes, failures) goes back to the
 *    reservation as PROT_NONE instead of being munmapped (loader_vm_release).
 *  - Placement: an object's whole span [first page, last page) is reserved
 *    PROT_NONE first, then each segment is mapped into it with MAP_FIXED
 *    (over our own reservation only), then the holes between segments are
 *    unmapped as the kernel leaves them.  ET_EXEC is reserved at its link
 *    address with MAP_FIXED_NOREPLACE, so it can never clobber the
 *    emulator; the main ET_DYN at LOADER_ET_DYN_BASE (what qemu-user uses, so
 *    addresses in logs match the oracle), else anywhere; the interpreter
 *    wherever a hint-less mmap puts it (the kernel's rule for ld.so),
 *    aligned to its largest p_align as the kernel and glibc do.
 *  - A segment whose file offset and vaddr agree modulo the page size is
 *    mapped from the file (MAP_PRIVATE); its bss tail in the last file page
 *    is zeroed and pages beyond are anonymous.  Otherwise (offsets disagree,
 *    or the first page is shared with the previous segment, which the
 *    kernel would clobber) the segment is copied in with pread.
 *  - Host protections: guest PROT_EXEC becomes host PROT_READ (the
 *    translator reads guest code; the host never executes it).  The guest
 *    map (guest_map_note) records the guest's own protections.
 *  - Nothing is recorded in the guest map until the whole load succeeded;
 *    on failure every reservation is unmapped again.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-arch.h"
#include "common/guest-mem.h"
#include "linux-user/mmap.h"
#include "linux-user/path.h"
#include "loader/loader-int.h"

#define PAGE LOADER_PAGE_SIZE
#define USER_TOP (1ull << 47)    /* end of x86-64 user space (4-level paging) */
#define MAX_PHDR_BYTES 65536u    /* load_elf_phdrs() refuses bigger tables */
#define MAX_ALIGN (1ull << 30)   /* larger p_align is ignored for placement */
/* e_flags of an ARM ELF (the ARM ELF ABI, AAELF32 "ARM-specific e_flags"):
 * the EABI version in the top byte; 0 is the old ABI. */
#define ARM_EF_EABI_MASK 0xff000000u
#define ARM_EF_EABI_VER(f) (((f) & ARM_EF_EABI_MASK) >> 24)
#define ARM_EF_BE8 0x00800000u

typedef struct Seg {
    uint64_t vaddr, memsz, filesz, off, align;
    int prot; /* guest PROT_* */
} Seg;

typedef struct Note {
    uint64_t addr, len;
    int prot;
    bool file; /* named after the file, else anonymous (bss) */
} Note;

typedef struct ElfObj {
    const char *what; /* prefix of every error message */
    bool g32;         /* 32-bit ARM guest: ELF32 EM_ARM, guest_base addresses */
    int fd;
    uint64_t fsize;
    GElf_Ehdr eh;
    size_t phnum;
    Seg *seg;         /* PT_LOADs with p_memsz != 0, sorted by vaddr */
    size_t nseg;
    uint64_t phdr_vaddr; /* unbiased AT_PHDR, 0 when unknown */
    char *interp;     /* PT_INTERP string, NULL if none */
    bool exec_stack;  /* PT_GNU_STACK with PF_X (32-bit: or no PT_GNU_STACK) */
    /* Filled by elf_obj_map(): */
    uint64_t res_base, res_len; /* reservation, unmapped on failure */
    uint64_t bias;
    Note *notes;
    size_t nnotes;
} ElfObj;

static uint64_t page_down(uint64_t a) { return a & ~(PAGE - 1); }
static uint64_t page_up(uint64_t a) { return (a + PAGE - 1) & ~(PAGE - 1); }

bool loader_fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return false;
}

static const char *machine_name(unsigned m)
{
    static char buf[32];
    switch (m) {
    case EM_X86_64: return "X86_64";
    case EM_386: return "386";
    case EM_ARM: return "ARM";
    case EM_AARCH64: return "AARCH64";
    case EM_RISCV: return "RISCV";
    case EM_PPC: return "PPC";
    case EM_PPC64: return "PPC64";
    case EM_MIPS: return "MIPS";
    case EM_S390: return "S390";
    case EM_SPARCV9: return "SPARCV9";
    case EM_LOONGARCH: return "LOONGARCH";
    case EM_NONE: return "NONE";
    }
    snprintf(buf, sizeof buf, "%u", m);
    return buf;
}

static const char *type_name(unsigned t)
{
    switch (t) {
    case ET_REL: return "a relocatable object (ET_REL)";
    case ET_CORE: return "a core dump (ET_CORE)";
    case ET_NONE: return "of type ET_NONE";
    }
    return "of an unknown type";
}

/* pread that retries short reads; false on error or EOF before len. */
static bool pread_full(int fd, void *buf, uint64_t len, uint64_t off)
{
    char *p = buf;
    while (len) {
        ssize_t n = pread(fd, p, len > (1u << 30) ? (1u << 30) : len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n, len -= (uint64_t)n, off += (uint64_t)n;
    }
    return true;
}

static int host_prot(int gprot)
{
    int p = gprot & (PROT_READ | PROT_WRITE);
    return (gprot & PROT_EXEC) ? p | PROT_READ : p;
}

static int seg_prot(uint32_t flags)
{
    return ((flags & PF_R) ? PROT_READ : 0) | ((flags & PF_W) ? PROT_WRITE : 0) |
           ((flags & PF_X) ? PROT_EXEC : 0);
}

static void elf_obj_free(ElfObj *o)
{
    if (o->fd >= 0)
        close(o->fd);
    o->fd = -1;
    free(o->seg);
    free(o->interp);
    free(o->notes);
    o->seg = NULL, o->interp = NULL, o->notes = NULL;
}

void loader_vm_release(bool g32, uint64_t addr, uint64_t len)
{
    if (!len)
        return;
    if (g32 && guest_space32())
        guest_space_release(addr, len); /* emu-arm's own reservation */
    else if (g32) /* a reservation made by someone else (unit tests) */
        mmap(g2h(addr), len, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    else
        munmap(g2h(addr), len);
}

static void elf_obj_unmap(ElfObj *o)
{
    loader_vm_release(o->g32, o->res_base, o->res_len);
    o->res_len = 0;
}

/* The guest's highest address + 1 for segments. */
static uint64_t obj_top(const ElfObj *o)
{
    return o->g32 ? LOADER_ARM_TASK_SIZE : USER_TOP;
}

/* check_ident() for a 32-bit ARM guest. */
static bool check_ident32(ElfObj *o, const unsigned char *id, unsigned mach,
                          char *err, size_t n)
{
    if (id[EI_CLASS] == ELFCLASS64 && mach == EM_AARCH64)
        return loader_fail(err, n, "%s: not a 32-bit ARM ELF executable (64-bit "
                           "AArch64: run it with emu-aarch64)", o->what);
    if (id[EI_CLASS] == ELFCLASS64)
        return loader_fail(err, n, "%s: not a 32-bit ARM ELF executable "
                           "(64-bit ELF, machine %s)", o->what, machine_name(mach));
    if (id[EI_CLASS] != ELFCLASS32)
        return loader_fail(err, n, "%s: corrupt ELF header (class %u)", o->what,
                           id[EI_CLASS]);
    if (id[EI_DATA] != ELFDATA2LSB)
        return loader_fail(err, n, "%s: not a little-endian ARM ELF executable "
                           "(big-endian, machine %s)", o->what, machine_name(mach));
    if (mach != EM_ARM)
        return loader_fail(err, n, "%s: not a 32-bit ARM ELF executable (machine %s)",
                           o->what, machine_name(mach));
    if (o->fsize < sizeof(Elf32_Ehdr))
        return loader_fail(err, n, "%s: truncated ELF header", o->what);
    return true;
}

/* The ARM e_flags rules, once libelf has read the header.  The kernel's
 * elf_check_arch() takes any EM_ARM file and leaves the ABI to the
 * program; a file that is not EABI 4/5 would make old-ABI system calls
 * (swi #0x900000+n), which an EABI kernel without OABI_COMPAT kills, so it
 * is refused here with a message.  BE8 (big-endian data) is refused too. */
static bool check_arm_flags(const ElfObj *o, char *err, size_t n)
{
    uint32_t f = (uint32_t)o->eh.e_flags;
    unsigned v = ARM_EF_EABI_VER(f);
    if (f & ARM_EF_BE8)
        return loader_fail(err, n, "%s: big-endian (BE8) ARM code is not supported",
                           o->what);
    if (v == 0)
        return loader_fail(err, n, "%s: old-ABI (OABI) ARM executable: only EABI "
                           "programs are supported", o->what);
    if (v != 4 && v != 5)
        return loader_fail(err, n, "%s: unknown ARM EABI version %u (e_flags "
                           "0x%x)", o->what, v, f);
    return true;
}

/* Checks e_ident/e_type/e_machine by hand so that foreign files get a
 * precise message before libelf is involved. */
static bool check_ident(ElfObj *o, char *err, size_t n)
{
    unsigned char id[20];
    ssize_t got = pread(o->fd, id, sizeof id, 0);
    if (got < 0)
        return loader_fail(err, n, "%s: cannot read: %s", o->what, strerror(errno));
    if (got < SELFMAG || memcmp(id, ELFMAG, SELFMAG)) {
        if (got >= 2 && id[0] == '#' && id[1] == '!')
            return loader_fail(err, n, "%s: a script, not an ELF executable "
                               "(run its interpreter under emu instead)", o->what);
        return loader_fail(err, n, "%s: not an ELF file", o->what);
    }
    if (got < (ssize_t)sizeof id)
        return loader_fail(err, n, "%s: truncated ELF header", o->what);
    unsigned mach = id[EI_DATA] == ELFDATA2MSB ? (unsigned)id[18] << 8 | id[19]
                                               : (unsigned)id[19] << 8 | id[18];
    if (o->g32)
        return check_ident32(o, id, mach, err, n);
    if (id[EI_CLASS] == ELFCLASS32 && mach == EM_ARM)
        return loader_fail(err, n, "%s: not an AArch64 ELF executable (32-bit ARM: "
                           "run it with emu-arm)", o->what);
    if (id[EI_CLASS] == ELFCLASS32)
        return loader_fail(err, n, "%s: not an AArch64 ELF executable "
                           "(32-bit ELF, machine %s)", o->what, machine_name(mach));
    if (id[EI_CLASS] != ELFCLASS64)
        return loader_fail(err, n, "%s: corrupt ELF header (class %u)", o->what,
                           id[EI_CLASS]);
    if (id[EI_DATA] != ELFDATA2LSB)
        return loader_fail(err, n, "%s: not an AArch64 ELF executable "
                           "(big-endian, machine %s)", o->what, machine_name(mach));
    if (mach != EM_AARCH64)
        return loader_fail(err, n, "%s: not an AArch64 ELF executable (machine %s)",
                           o->what, machine_name(mach));
    if (o->fsize < sizeof(Elf64_Ehdr))
        return loader_fail(err, n, "%s: truncated ELF header", o->what);
    return true;
}

/* Validates one PT_LOAD and appends it to o->seg. */
static bool add_load(ElfObj *o, const GElf_Phdr *ph, size_t i, char *err, size_t n)
{
    if (ph->p_memsz == 0)
        return true; /* maps nothing; the kernel skips it too */
    if (ph->p_filesz > ph->p_memsz)
        return loader_fail(err, n, "%s: corrupt segment %zu (file size 0x%llx > "
                           "memory size 0x%llx)", o->what, i,
                           (unsigned long long)ph->p_filesz,
                           (unsigned long long)ph->p_memsz);
    if (ph->p_offset > o->fsize || o->fsize - ph->p_offset < ph->p_filesz)
        return loader_fail(err, n, "%s: segment %zu extends past the end of the "
                           "file (truncated?)", o->what, i);
    uint64_t top = obj_top(o);
    if (ph->p_vaddr >= top || top - ph->p_vaddr < ph->p_memsz)
        return loader_fail(err, n, "%s: segment %zu at 0x%llx (0x%llx bytes) lies "
                           "outside the %s", o->what, i,
                           (unsigned long long)ph->p_vaddr,
                           (unsigned long long)ph->p_memsz,
                           o->g32 ? "32-bit user address space (TASK_SIZE 0xbf000000)"
                                  : "47-bit host user address space");
    o->seg[o->nseg++] = (Seg){ph->p_vaddr, ph->p_memsz, ph->p_filesz, ph->p_offset,
                              ph->p_align, seg_prot(ph->p_flags)};
    return true;
}

static bool read_interp(ElfObj *o, const GElf_Phdr *ph, char *err, size_t n)
{
    if (o->interp)
        return loader_fail(err, n, "%s: more than one PT_INTERP", o->what);
    if (ph->p_filesz < 2 || ph->p_filesz > PATH_MAX || ph->p_offset > o->fsize ||
        o->fsize - ph->p_offset < ph->p_filesz)
        return loader_fail(err, n, "%s: corrupt PT_INTERP", o->what);
    o->interp = malloc(ph->p_filesz);
    if (!o->interp)
        return loader_fail(err, n, "%s: out of memory", o->what);
    if (!pread_full(o->fd, o->interp, ph->p_filesz, ph->p_offset))
        return loader_fail(err, n, "%s: cannot read PT_INTERP", o->what);
    /* The kernel insists on a terminating NUL and uses the string up to the
     * first one. */
    if (o->interp[ph->p_filesz - 1] != '\0' || o->interp[0] == '\0')
        return loader_fail(err, n, "%s: corrupt PT_INTERP (not a string)", o->what);
    return true;
}

/* Reads and checks the program headers through libelf. */
static bool read_phdrs(ElfObj *o, Elf *elf, char *err, size_t n)
{
    GElf_Ehdr *eh = &o->eh;
    if (eh->e_phentsize != (o->g32 ? sizeof(Elf32_Phdr) : sizeof(Elf64_Phdr)))
        return loader_fail(err, n, "%s: corrupt ELF header (e_phentsize %u)", o->what,
                           eh->e_phentsize);
    /* Bounds first: libelf's own checks give vaguer messages. */
    uint64_t phnum = eh->e_phnum;
    if (phnum != PN_XNUM && (eh->e_phoff > o->fsize ||
                             (o->fsize - eh->e_phoff) / eh->e_phentsize < phnum))
        return loader_fail(err, n, "%s: program headers lie past the end of the "
                           "file (truncated?)", o->what);
    if (elf_getphdrnum(elf, &o->phnum) != 0)
        return loader_fail(err, n, "%s: corrupt program header table (%s)", o->what,
                           elf_errmsg(-1));
    if (o->phnum == 0)
        return loader_fail(err, n, "%s: no program headers", o->what);
    size_t phent = o->g32 ? sizeof(Elf32_Phdr) : sizeof(Elf64_Phdr);
    if (o->phnum > MAX_PHDR_BYTES / phent)
        return loader_fail(err, n, "%s: too many program headers (%zu)", o->what,
                           o->phnum);
    if (eh->e_phoff > o->fsize || (o->fsize - eh->e_phoff) / phent < o->phnum)
        return loader_fail(err, n, "%s: program headers lie past the end of the "
                           "file (truncated?)", o->what);
    o->seg = calloc(o->phnum, sizeof *o->seg);
    if (!o->seg)
        return loader_fail(err, n, "%s: out of memory", o->what);
    uint64_t phdr_seg = 0, tab = o->phnum * phent;
    /* No PT_GNU_STACK: executable stack on 32-bit ARM (the arm kernel's
     * arm_elf_read_implies_exec() turns on READ_IMPLIES_EXEC for
     * EXSTACK_DEFAULT, and the stack then gets VM_EXEC); arm64 never. */
    o->exec_stack = o->g32;
    for (size_t i = 0; i < o->phnum; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(elf, (int)i, &ph))
            return loader_fail(err, n, "%s: corrupt program header %zu (%s)", o->what,
                               i, elf_errmsg(-1));
        if (ph.p_type == PT_LOAD && !add_load(o, &ph, i, err, n))
            return false;
        if (ph.p_type == PT_INTERP && !read_interp(o, &ph, err, n))
            return false;
        if (ph.p_type == PT_PHDR)
            phdr_seg = ph.p_vaddr;
        /* PT_GNU_STACK with PF_X: the program wants an executable stack
         * (GCC nested-function trampolines live there).  Without it, or
         * without PT_GNU_STACK at all, an arm64 stack is not executable
         * (VM_DATA_DEFAULT_FLAGS; READ_IMPLIES_EXEC is 32-bit only). */
        if (ph.p_type == PT_GNU_STACK)
            o->exec_stack = (ph.p_flags & PF_X) != 0;
    }
    if (o->nseg == 0)
        return loader_fail(err, n, "%s: no loadable segments", o->what);
    for (size_t i = 1; i < o->nseg; i++) /* the ELF spec wants them sorted */
        for (size_t j = i; j > 0 && o->seg[j].vaddr < o->seg[j - 1].vaddr; j--) {
            Seg t = o->seg[j];
            o->seg[j] = o->seg[j - 1], o->seg[j - 1] = t;
        }
    for (size_t i = 1; i < o->nseg; i++) {
        const Seg *a = &o->seg[i - 1], *b = &o->seg[i];
        if (a->vaddr + a->memsz > b->vaddr)
            return loader_fail(err, n, "%s: PT_LOAD segments overlap (0x%llx-0x%llx "
                               "and 0x%llx-0x%llx)", o->what,
                               (unsigned long long)a->vaddr,
                               (unsigned long long)(a->vaddr + a->memsz),
                               (unsigned long long)b->vaddr,
                               (unsigned long long)(b->vaddr + b->memsz));
    }
    /* AT_PHDR: the table's address inside a PT_LOAD that maps it from the
     * file (current kernels), else what PT_PHDR claims. */
    o->phdr_vaddr = phdr_seg;
    for (size_t i = 0; i < o->nseg; i++) {
        const Seg *s = &o->seg[i];
        if (s->off <= eh->e_phoff && eh->e_phoff - s->off <= s->filesz &&
            s->filesz - (eh->e_phoff - s->off) >= tab) {
            o->phdr_vaddr = s->vaddr + (eh->e_phoff - s->off);
            break;
        }
    }
    return true;
}

/* Opens path and reads and checks everything mapping will need. */
static bool elf_obj_open(ElfObj *o, const char *path, int fd, char *err,
                         size_t n)
{
    struct stat st;
    /* A given descriptor (AT_EXECFD) is duplicated so that elf_obj_free()
     * may close ours; the file offset is never used (pread/mmap). */
    o->fd = fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 0) : open(path, O_RDONLY | O_CLOEXEC);
    if (o->fd < 0)
        return loader_fail(err, n, "%s: cannot open: %s", o->what, strerror(errno));
    if (fstat(o->fd, &st) != 0)
        return loader_fail(err, n, "%s: cannot stat: %s", o->what, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return loader_fail(err, n, "%s: is a directory", o->what);
    if (!S_ISREG(st.st_mode))
        return loader_fail(err, n, "%s: not a regular file", o->what);
    o->fsize = (uint64_t)st.st_size;
    if (!check_ident(o, err, n))
        return false;
    Elf *elf = elf_begin(o->fd, ELF_C_READ, NULL);
    if (!elf || elf_kind(elf) != ELF_K_ELF) {
        if (elf)
            elf_end(elf);
        return loader_fail(err, n, "%s: corrupt ELF file (%s)", o->what, elf_errmsg(-1));
    }
    bool ok = false;
    if (!gelf_getehdr(elf, &o->eh))
        loader_fail(err, n, "%s: corrupt ELF header (%s)", o->what, elf_errmsg(-1));
    else if (o->eh.e_type != ET_EXEC && o->eh.e_type != ET_DYN)
        loader_fail(err, n, "%s: not an executable: %s", o->what,
                    type_name(o->eh.e_type));
    else if (!o->g32 || check_arm_flags(o, err, n))
        ok = read_phdrs(o, elf, err, n);
    elf_end(elf);
    return ok;
}

static void add_note(ElfObj *o, uint64_t addr, uint64_t len, int prot, bool file)
{
    if (len)
        o->notes[o->nnotes++] = (Note){addr, len, prot, file};
}

/* Maps one segment; prev is the segment below (NULL for the first). */
static bool map_segment(ElfObj *o, const Seg *s, const Seg *prev, char *err, size_t n)
{
    uint64_t start = s->vaddr + o->bias, fend = start + s->filesz;
    uint64_t mend = start + s->memsz;
    uint64_t pstart = page_down(start), pend = page_up(mend);
    uint64_t prev_end = prev ? page_up(prev->vaddr + prev->memsz + o->bias) : 0;
    bool shared = pstart < prev_end; /* first page holds the previous tail */
    uint64_t own = shared ? pstart + PAGE : pstart;
    const int rw = PROT_READ | PROT_WRITE;
    bool direct = !shared && s->filesz && (start - s->off) % PAGE == 0;
    uint64_t anon_from = own;

    if (shared && mprotect(g2h(pstart), PAGE, rw) != 0)
        goto fail;
    if (direct) {
        /* Writable at first so that the bss tail can be zeroed; MAP_PRIVATE
         * keeps the file untouched.  Final protections are set below. */
        uint64_t flen = page_up(fend) - pstart;
        if (mmap(g2h(pstart), flen, rw, MAP_PRIVATE | MAP_FIXED, o->fd,
                 (off_t)page_down(s->off)) == MAP_FAILED)
            goto fail;
        anon_from = pstart + flen;
        /* Like the kernel's padzero(): only when there is a bss. */
        if (s->memsz > s->filesz)
            memset(g2h(fend), 0, anon_from - fend);
    }
    if (pend > anon_from &&
        mmap(g2h(anon_from), pend - anon_from, rw,
             MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
        goto fail;
    if (shared) /* clear what the previous segment's file page left there */
        memset(g2h(start), 0, (mend < own ? mend : own) - start);
    if (!direct && s->filesz && !pread_full(o->fd, g2h(start), s->filesz, s->off))
        return loader_fail(err, n, "%s: cannot read segment at 0x%llx", o->what,
                           (unsigned long long)start);
    if (pend > own && mprotect(g2h(own), pend - own, host_prot(s->prot)) != 0)
        goto fail;
    if (shared && mprotect(g2h(pstart), PAGE, host_prot(s->prot | prev->prot)) != 0)
        goto fail;
    uint64_t file_end = s->filesz ? page_up(fend) : own;
    if (file_end < own)
        file_end = own;
    add_note(o, own, file_end - own, s->prot, true);
    add_note(o, file_end, pend - file_end, s->prot, false);
    return true;
fail:
    return loader_fail(err, n, "%s: cannot map segment at 0x%llx: %s", o->what,
                       (unsigned long long)start, strerror(errno));
}

/* Reserves len bytes aligned to align anywhere the host likes; returns
 * the guest address (64-bit guests: guest_base 0). */
static uint64_t reserve_anywhere(uint64_t len, uint64_t align)
{
    int fl = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    uint64_t extra = align > PAGE ? align - PAGE : 0;
    void *m = mmap(NULL, len + extra, PROT_NONE, fl, -1, 0);
    if (m == MAP_FAILED)
        return 0;
    uint64_t base = ((uint64_t)m + align - 1) & ~(align - 1);
    if (base > (uint64_t)m)
        munmap(m, base - (uint64_t)m);
    if ((uint64_t)m + len + extra > base + len)
        munmap((void *)(base + len), (uint64_t)m + len + extra - (base + len));
    return h2g((void *)base);
}

/* Where 32-bit objects go (the caller's Layout32, see loader_load_ex). */
typedef struct Layout32 {
    uint64_t stack_lo;  /* lowest stack address (its guard page included) */
    uint64_t next_down; /* top-down placement: next object ends here */
    uint64_t busy_lo, busy_hi; /* the main program, skipped top-down */
} Layout32;

/* Lowest guest address a 32-bit object may use: vm.mmap_min_addr of a
 * Debian armhf kernel (32 KiB), which old binaries linked at 0x8000 meet. */
#define ARM_MIN_ADDR 0x8000ull

/* 64-bit placement: reserves the span in the host address space. */
static bool place64(ElfObj *o, bool main_prog, uint64_t lo, uint64_t span,
                    uint64_t align, uint64_t *basep, char *err, size_t n)
{
    int fl = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    uint64_t base = 0;
    if (o->eh.e_type == ET_EXEC) {
        void *m = mmap(g2h(lo), span, PROT_NONE, fl | MAP_FIXED_NOREPLACE, -1, 0);
        if (m == MAP_FAILED || m != g2h(lo)) {
            int e = m == MAP_FAILED ? errno : EEXIST;
            if (m != MAP_FAILED)
                munmap(m, span);
            if (e == EEXIST)
                return loader_fail(err, n, "%s: its fixed addresses 0x%llx-0x%llx are "
                                   "occupied by the emulator", o->what,
                                   (unsigned long long)lo,
                                   (unsigned long long)(lo + span));
            return loader_fail(err, n, "%s: cannot map 0x%llx-0x%llx: %s%s", o->what,
                               (unsigned long long)lo, (unsigned long long)(lo + span),
                               strerror(e), e == EPERM ? " (below vm.mmap_min_addr?)" : "");
        }
        base = lo;
    } else {
        if (main_prog) {
            void *m = mmap(g2h(LOADER_ET_DYN_BASE), span, PROT_NONE,
                           fl | MAP_FIXED_NOREPLACE, -1, 0);
            if (m != MAP_FAILED && m == g2h(LOADER_ET_DYN_BASE))
                base = LOADER_ET_DYN_BASE;
            else if (m != MAP_FAILED)
                munmap(m, span);
        }
        if (!base)
            base = reserve_anywhere(span, align);
        if (!base)
            return loader_fail(err, n, "%s: cannot reserve 0x%llx bytes: %s", o->what,
                               (unsigned long long)span, strerror(errno));
    }
    *basep = base;
    return true;
}

/* 32-bit placement, as load_elf_binary() does it on arm: ET_EXEC at its
 * link address; a main ET_DYN with an interpreter (or aligned above a
 * page) at ELF_ET_DYN_BASE rounded down to its alignment; the interpreter
 * and a static PIE (the kernel's load_bias 0 case) where a top-down mmap
 * would go, i.e. just below mmap_base or the previous such object,
 * skipping the main program.  Then the span is taken over from the
 * reservation with MAP_FIXED. */
static bool place32(ElfObj *o, bool main_prog, uint64_t lo, uint64_t span,
                    uint64_t align, Layout32 *lay, uint64_t *basep, char *err,
                    size_t n)
{
    uint64_t base;
    if (o->eh.e_type == ET_EXEC) {
        base = lo;
    } else if (main_prog && (o->interp || align > PAGE)) {
        base = LOADER_ARM_ET_DYN_BASE & ~(align - 1);
    } else {
        uint64_t end = lay->next_down;
        base = end >= span ? (end - span) & ~(align - 1) : 0;
        /* step down past the main program and anything the guest already
         * has there (the emulator's own pages, mapped before the load) */
        for (int tries = 0; base >= ARM_MIN_ADDR && tries < 4096; tries++) {
            if (lay->busy_hi > base && lay->busy_lo < base + span)
                base = lay->busy_lo >= span ? (lay->busy_lo - span) & ~(align - 1) : 0;
            else if (!guest_space_free(base, span))
                base = base >= align ? base - align : 0;
            else
                break;
        }
        if (base < ARM_MIN_ADDR)
            return loader_fail(err, n, "%s: no room for 0x%llx bytes in the 32-bit "
                               "address space", o->what, (unsigned long long)span);
        lay->next_down = base;
    }
    if (base < ARM_MIN_ADDR)
        return loader_fail(err, n, "%s: its fixed addresses 0x%llx-0x%llx lie below "
                           "vm.mmap_min_addr (0x%llx)", o->what, (unsigned long long)base,
                           (unsigned long long)(base + span),
                           (unsigned long long)ARM_MIN_ADDR);
    if (base + span > lay->stack_lo ||
        (!main_prog && lay->busy_hi > base && lay->busy_lo < base + span) ||
        !guest_space_free(base, span))
        return loader_fail(err, n, "%s: its addresses 0x%llx-0x%llx overlap the "
                           "stack, the program or other guest memory", o->what,
                           (unsigned long long)base, (unsigned long long)(base + span));
    if (mmap(g2h(base), span, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) == MAP_FAILED)
        return loader_fail(err, n, "%s: cannot map 0x%llx-0x%llx: %s%s", o->what,
                           (unsigned long long)base, (unsigned long long)(base + span),
                           strerror(errno),
                           errno == EPERM ? " (below the host's vm.mmap_min_addr?)" : "");
    if (main_prog)
        lay->busy_lo = base, lay->busy_hi = base + span;
    *basep = base;
    return true;
}

/* Reserves the object's span and maps its segments.  main_prog selects the
 * placement rule for ET_DYN (fixed base vs. anywhere); lay is the 32-bit
 * layout (NULL for AArch64). */
static bool elf_obj_map(ElfObj *o, bool main_prog, Layout32 *lay, char *err, size_t n)
{
    uint64_t lo = page_down(o->seg[0].vaddr);
    const Seg *last = &o->seg[o->nseg - 1];
    uint64_t span = page_up(last->vaddr + last->memsz) - lo;
    uint64_t align = PAGE;

    o->notes = calloc(2 * o->nseg, sizeof *o->notes);
    if (!o->notes)
        return loader_fail(err, n, "%s: out of memory", o->what);
    /* ET_DYN objects keep their largest power-of-two p_align (the kernel's
     * maximum_alignment(), glibc does the same for libraries): 64 KiB
     * aligned AArch64 binaries then land where they would on arm64. */
    for (size_t i = 0; i < o->nseg; i++) {
        uint64_t a = o->seg[i].align;
        if (a > align && a <= MAX_ALIGN && (a & (a - 1)) == 0)
            align = a;
    }
    uint64_t base = 0;
    if (o->g32 ? !place32(o, main_prog, lo, span, align, lay, &base, err, n)
               : !place64(o, main_prog, lo, span, align, &base, err, n))
        return false;
    o->res_base = base, o->res_len = span;
    o->bias = base - lo;
    for (size_t i = 0; i < o->nseg; i++)
        if (!map_segment(o, &o->seg[i], i ? &o->seg[i - 1] : NULL, err, n))
            return false;
    /* Unmap the holes between segments, as the kernel leaves them. */
    uint64_t cur = base;
    for (size_t i = 0; i < o->nseg; i++) {
        uint64_t ps = page_down(o->seg[i].vaddr + o->bias);
        if (ps > cur)
            loader_vm_release(o->g32, cur, ps - cur);
        uint64_t pe = page_up(o->seg[i].vaddr + o->seg[i].memsz + o->bias);
        if (pe > cur)
            cur = pe;
    }
    return true;
}

/* Records o's segments in the guest memory map. */
static void elf_obj_note(const ElfObj *o, const char *name)
{
    for (size_t i = 0; i < o->nnotes; i++) {
        const Note *m = &o->notes[i];
        guest_map_note(m->addr, m->len, m->prot, m->file ? name : "");
    }
}

/* code/data bounds for /proc/self/stat, computed as load_elf_binary() does. */
static void set_code_data(GuestImage *img, const ElfObj *o)
{
    img->start_code = ~0ull;
    for (size_t i = 0; i < o->nseg; i++) {
        const Seg *s = &o->seg[i];
        uint64_t k = s->vaddr + o->bias;
        if ((s->prot & PROT_EXEC) && k < img->start_code)
            img->start_code = k;
        if (k > img->start_data)
            img->start_data = k;
        if ((s->prot & PROT_EXEC) && k + s->filesz > img->end_code)
            img->end_code = k + s->filesz;
        if (k + s->filesz > img->end_data)
            img->end_data = k + s->filesz;
    }
    if (img->start_code == ~0ull)
        img->start_code = 0;
}

/* Finds, opens and maps the dynamic linker named by prog's PT_INTERP. */
static bool load_interp(const char *path, ElfObj *prog, ElfObj *in, char *what,
                        size_t what_len, GuestImage *img, Layout32 *lay, char *err,
                        size_t n)
{
    char buf[PATH_MAX];
    const char *host = path_guest(prog->interp, buf, sizeof buf);
    snprintf(what, what_len, "%s: dynamic linker %s", path, prog->interp);
    in->what = what;
    if (access(host, F_OK) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
        if (emu_opts.ld_prefix)
            return loader_fail(err, n, "%s: cannot find dynamic linker %s (not under "
                               "-L %s either)", path, prog->interp, emu_opts.ld_prefix);
        return loader_fail(err, n, "%s: cannot find dynamic linker %s (use -L prefix)",
                           path, prog->interp);
    }
    if (!elf_obj_open(in, host, -1, err, n) || !elf_obj_map(in, false, lay, err, n))
        return false;
    if (!realpath(host, img->interp_path))
        snprintf(img->interp_path, sizeof img->interp_path, "%s", host);
    img->interp_base = in->bias;
    img->interp_lo = in->res_base, img->interp_hi = in->res_base + in->res_len;
    img->entry = in->eh.e_entry + in->bias;
    return true;
}

bool loader_load(const char *path, int argc, char **argv, char **envp,
                 GuestImage *img, char *err, size_t errlen)
{
    LoaderRequest rq = {.path = path, .fd = -1, .argc = argc, .argv = argv,
                        .envp = envp};
    return loader_load_ex(&rq, img, err, errlen);
}

bool loader_load_ex(const LoaderRequest *rq, GuestImage *img, char *err,
                    size_t errlen)
{
    const char *path = rq->path;
    /* Names handed to guest_map_note() must outlive this call. */
    static char prog_name[PATH_MAX], interp_name[PATH_MAX];
    char interp_what[PATH_MAX + 64];
    /* emu-arm's main() asks for the guest it emulates through guest_arch */
    LoaderGuest guest = rq->guest;
    if (guest == LOADER_GUEST_AARCH64 && guest_arch && guest_arch->elf_machine == EM_ARM)
        guest = LOADER_GUEST_ARM;
    bool g32 = guest == LOADER_GUEST_ARM;
    ElfObj prog = {.what = path, .fd = -1, .g32 = g32}, in = {.fd = -1, .g32 = g32};
    Layout32 lay = {0}, *layp = NULL;
    bool ok = false, kuser = false;

    memset(img, 0, sizeof *img);
    img->guest = guest;
    if (elf_version(EV_CURRENT) == EV_NONE)
        return loader_fail(err, errlen, "libelf: %s", elf_errmsg(-1));
    if (g32) {
        /* setup_new_exec(): mmap_base = STACK_TOP - gap - arch_mmap_rnd()
         * (gap: the 8 MiB stack limit + guard gap + stack randomisation,
         * raised to the 128 MiB minimum; 8 random bits of pages, the arm
         * default mmap_rnd_bits); setup_arg_pages(): the stack below
         * randomize_stack_top(STACK_TOP), up to 0x7ff pages lower. */
        bool rnd = loader_randomize();
        uint64_t stack_top = LOADER_ARM_TASK_SIZE - (rnd ? (loader_random32() & 0x7ff) * PAGE : 0);
        img->mmap_base = LOADER_ARM_TASK_SIZE - (128ull << 20) -
                         (rnd ? (loader_random32() & 0xff) * PAGE : 0);
        img->stack_hi = stack_top; /* loader_build_stack() maps below it */
        lay.stack_lo = stack_top - LOADER_STACK_SIZE - PAGE;
        lay.next_down = img->mmap_base;
        layp = &lay;
    }
    if (!elf_obj_open(&prog, path, rq->fd, err, errlen) ||
        !elf_obj_map(&prog, true, layp, err, errlen))
        goto out;
    img->arm_eflags = g32 ? (uint32_t)prog.eh.e_flags : 0;
    img->load_bias = prog.bias;
    img->prog_lo = prog.res_base, img->prog_hi = prog.res_base + prog.res_len;
    img->prog_entry = prog.eh.e_entry + prog.bias;
    img->entry = img->prog_entry;
    img->phdr = prog.phdr_vaddr ? prog.phdr_vaddr + prog.bias : 0;
    img->phnum = prog.phnum;
    img->exec_stack = prog.exec_stack; /* the kernel looks at the program's only */
    /* arm_elf_read_implies_exec(): anything but PT_GNU_STACK without PF_X
     * gives the process READ_IMPLIES_EXEC on an ARMv6+ kernel. */
    img->read_implies_exec = g32 && prog.exec_stack;
    const Seg *last = &prog.seg[prog.nseg - 1];
    img->brk = page_up(last->vaddr + last->memsz + prog.bias);
    /* A static PIE sits top-down below mmap_base where a growing brk would
     * soon meet the stack: with randomisation (randomize_va_space 2, the
     * default) the kernel moves its brk to ELF_ET_DYN_BASE
     * (load_elf_binary()). */
    if (g32 && prog.eh.e_type == ET_DYN && !prog.interp && loader_randomize())
        img->brk = page_up(LOADER_ARM_ET_DYN_BASE);
    set_code_data(img, &prog);
    char fdlink[40];
    if (rq->fd >= 0) { /* the file the kernel opened, wherever path leads */
        snprintf(fdlink, sizeof fdlink, "/proc/self/fd/%d", rq->fd);
        ssize_t l = readlink(fdlink, img->exe_path, sizeof img->exe_path - 1);
        img->exe_path[l > 0 ? l : 0] = 0;
    }
    if (img->exe_path[0]) {
        /* named by the descriptor */
    } else if (!realpath(path, img->exe_path)) {
        /* fexecve of a memfd or a deleted file: /proc/self/fd/N links to
         * "/memfd:NAME (deleted)", which is what the kernel's
         * /proc/self/exe shows too */
        ssize_t l = readlink(path, img->exe_path, sizeof img->exe_path - 1);
        if (l > 0)
            img->exe_path[l] = 0;
        else
            snprintf(img->exe_path, sizeof img->exe_path, "%s", path);
    }
    if (prog.interp && !load_interp(path, &prog, &in, interp_what, sizeof interp_what,
                                    img, layp, err, errlen))
        goto out;
    if (g32 && !(kuser = loader_arm_kuser_build(err, errlen)))
        goto out;
    /* Last: nothing fails after the stack is mapped. */
    if (!loader_build_stack(img, path, rq->argc, rq->argv, rq->envp, rq->secure,
                            err, errlen))
        goto out;
    /* Success: only now does the guest map learn about it all. */
    snprintf(prog_name, sizeof prog_name, "%s", img->exe_path);
    snprintf(interp_name, sizeof interp_name, "%s", img->interp_path);
    elf_obj_note(&prog, prog_name);
    elf_obj_note(&in, interp_name);
    loader_stack_note(img);
    if (kuser)
        loader_arm_kuser_note();
    if (g32) /* later hint-less guest mmaps go top-down below mmap_base */
        guest_space_set_mmap_top(img->mmap_base);
    guest_brk_init(img->brk);
    /* The kernel names the task after the file it executed (comm: the
     * basename, cut to 15 bytes, set by exec): /proc/self/comm, the second
     * field of /proc/self/stat, ps and pidof show it.  Without this they
     * would all say "emu-aarch64". */
    const char *base = strrchr(path, '/');
    prctl(PR_SET_NAME, base ? base + 1 : path, 0, 0, 0);
    ok = true;
out:
    if (!ok) {
        elf_obj_unmap(&in);
        elf_obj_unmap(&prog);
        if (kuser)
            loader_vm_release(true, LOADER_ARM_KUSER_PAGE, PAGE);
    }
    elf_obj_free(&in);
    elf_obj_free(&prog);
    return ok;
}
