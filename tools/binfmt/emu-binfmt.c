/*
 * tools/binfmt/emu-binfmt.c - registers emu's emulators with the kernel's
 * binfmt_misc, so that ./arm64-prog runs under emu-aarch64, also inside
 * chroots and containers (F flag).  It owns the formats (magic and mask),
 * the command line, registration, removal and the files for systemd-binfmt
 * (binfmt.d) and Debian's update-binfmts.
 *
 * The options are those of qemu's scripts/qemu-binfmt-conf.sh (--path,
 * --persistent, --preserve-argv0, --credential, --systemd, --debian,
 * --exportdir, CPU names as arguments) plus --open-binary, --remove,
 * --status and --namespace.  Defaults are Debian's for qemu: flags P, O, F.
 *
 * Invariants: only entries named emu-<cpu> are ever written or removed;
 * nothing is registered unless every selected emulator passed its checks;
 * one line per entry on what was done, one line per error on stderr.
 * The register string uses ':' as its delimiter, so an interpreter path
 * holding ':' or a newline is refused rather than mangled.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/magic.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "tools/binfmt/binfmt.h"

#ifndef EMU_BINFMT_BINDIR
#define EMU_BINFMT_BINDIR "/usr/local/bin"
#endif

/* The machine the emulators must be built for: this tool's own. */
#if defined(__x86_64__)
#define BF_HOST_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define BF_HOST_MACHINE EM_AARCH64
#else
#define BF_HOST_MACHINE EM_NONE /* not checked */
#endif

/*
 * The magic and mask, bytes 0..19 of the ELF header (elf.h, the System V
 * gABI).  The kernel compares (file[i] ^ magic[i]) & mask[i] == 0:
 *
 *   0..3   e_ident[EI_MAG0..3]  \x7f 'E' 'L' 'F'          mask ff ff ff ff
 *   4      e_ident[EI_CLASS]    ELFCLASS64 / ELFCLASS32   mask ff
 *   5      e_ident[EI_DATA]     ELFDATA2LSB (little end.) mask ff
 *   6      e_ident[EI_VERSION]  EV_CURRENT                mask ff
 *   7      e_ident[EI_OSABI]    any                       mask 00
 *          (SYSV 0 for most programs, GNU 3 for those with IFUNCs, i.e.
 *          every static glibc program)
 *   8      e_ident[EI_ABIVERSION] 0                       mask ff
 *   9..15  e_ident[EI_PAD]      0                         mask ff
 *   16..17 e_type (LE)          ET_EXEC 2 or ET_DYN 3     mask fe ff
 *          (2 and 3 differ only in bit 0; ET_REL 1 and ET_CORE 4 do not
 *          match, so object files and core dumps are not "run")
 *   18..19 e_machine (LE)       EM_AARCH64 183 / EM_ARM 40 mask ff ff
 *
 * These are the same bytes qemu registers for aarch64 and arm.
 */
/* clang-format off */
#define BF_ELF_MAGIC(cls, machine)                                          \
    {ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, cls, ELFDATA2LSB, EV_CURRENT,      \
     ELFOSABI_SYSV, 0, 0, 0, 0, 0, 0, 0, 0, ET_EXEC, 0, (machine) & 0xff,   \
     (machine) >> 8}
#define BF_ELF_MASK                                                         \
    {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff,            \
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff}
/* clang-format on */

_Static_assert(EI_NIDENT == 16 && EI_OSABI == 7, "e_ident layout");
_Static_assert((ET_EXEC & 0xfe) == (ET_DYN & 0xfe) &&
                   (ET_REL & 0xfe) != (ET_EXEC & 0xfe) &&
                   (ET_CORE & 0xfe) != (ET_EXEC & 0xfe),
               "mask fe accepts ET_EXEC and ET_DYN only");
_Static_assert(EM_AARCH64 == 183 && EM_ARM == 40, "e_machine values");

const struct bf_format bf_formats[] = {
    {"aarch64", "emu-aarch64", "emu-aarch64", "ELF64 little-endian, EM_AARCH64",
     BF_ELF_MAGIC(ELFCLASS64, EM_AARCH64), BF_ELF_MASK},
    {"arm", "emu-arm", "emu-arm", "ELF32 little-endian, EM_ARM",
     BF_ELF_MAGIC(ELFCLASS32, EM_ARM), BF_ELF_MASK},
};
const size_t bf_nformats = sizeof bf_formats / sizeof bf_formats[0];

/* ---- messages ---- */

static void bf_vline(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
    fprintf(f, "emu-binfmt: %s", prefix);
    vfprintf(f, fmt, ap);
    fputc('\n', f);
    fflush(f);
}

void bf_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bf_vline(stderr, "", fmt, ap);
    va_end(ap);
}

void bf_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bf_vline(stderr, "warning: ", fmt, ap);
    va_end(ap);
}

void bf_info(const struct bf_opts *o, const char *fmt, ...)
{
    if (o->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(o->info, fmt, ap);
    va_end(ap);
    fputc('\n', o->info);
    fflush(o->info);
}

/* clang-format off */
static void usage(FILE *f)
{
    fprintf(f,
"usage: emu-binfmt [options] [CPU...]      register emu's emulators\n"
"       emu-binfmt --remove [CPU...]       remove emu's entries (only them)\n"
"       emu-binfmt --status [FILE...]      which entry runs which program\n"
"       emu-binfmt --systemd|--debian [--exportdir DIR] [options] [CPU...]\n"
"       emu-binfmt --namespace [--pid] [options] [--] [COMMAND [ARG...]]\n"
"Registers emu-aarch64 and emu-arm with the kernel's binfmt_misc, so ARM\n"
"Linux programs run directly (./prog), also in chroots and containers.\n"
"CPU: aarch64 or arm (default: every emulator found, ALL: the same).\n\n"
"  --path DIR               where the emulators are (default " EMU_BINFMT_BINDIR ",\n"
"                           else the directory of emu-binfmt)\n"
"  --persistent yes|no      F: the kernel opens the emulator now and uses that\n"
"                           file everywhere, also where no copy of it exists\n"
"                           (default yes; needs a static emulator)\n"
"  --preserve-argv0 yes|no  P: the program gets the argv[0] it was started\n"
"                           with, not its path (default yes)\n"
"  --open-binary yes|no     O: the kernel opens the program for the emulator\n"
"                           (AT_EXECFD), so execute-only programs run\n"
"                           (default yes)\n"
"  --credential yes|no      C: setuid/setgid programs get the file's\n"
"                           credentials (implies O; default no)\n"
"  --systemd                write binfmt.d files DIR/emu-CPU.conf instead of\n"
"                           registering (for systemd-binfmt)\n"
"  --debian                 write update-binfmts templates DIR/emu-CPU\n"
"  --exportdir DIR          where --systemd or --debian write (default\n"
"                           /etc/binfmt.d, /usr/share/binfmts; alone: --systemd)\n"
"  --remove                 remove the entries emu-aarch64 and emu-arm\n"
"  --status                 list the entries that match aarch64 and arm\n"
"                           programs (or FILEs) and the one the kernel uses\n"
"  --namespace              run COMMAND (default $SHELL) in a new user and\n"
"                           mount namespace whose private binfmt_misc holds\n"
"                           emu's entries (Linux 6.7+, no root needed); the\n"
"                           host's entries are untouched\n"
"  --pid                    with --namespace: also a new PID namespace and /proc\n"
"  -q, --quiet              no line per entry\n"
"  -h, --help               print this help\n\n"
"Exit status: 0 done, 1 failed, 2 bad command line; with --namespace the\n"
"command's status, or 125 if the namespace could not be set up.\n");
}
/* clang-format on */

/* ---- the emulators ---- */

static bool bf_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* path made absolute against the working directory, without trailing
 * slashes (no symlinks resolved: the path may not exist yet). */
static int bf_absolute(const char *path, char *out, size_t size)
{
    char cwd[PATH_MAX] = "";
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
        return -1;
    int n = snprintf(out, size, "%s%s%s", cwd, cwd[0] ? "/" : "", path);
    if (n < 0 || (size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    while (n > 1 && out[n - 1] == '/')
        out[--n] = '\0';
    return 0;
}

static bool bf_dir_has_emulator(const char *dir)
{
    char p[PATH_MAX + NAME_MAX + 2];
    for (size_t i = 0; i < bf_nformats; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, bf_formats[i].emulator);
        if (access(p, F_OK) == 0)
            return true;
    }
    return false;
}

/* The directory of the emulators: --path, else the install bindir when it
 * holds one, else this tool's own directory (a build tree). */
static int bf_emulator_dir(const struct bf_opts *o, bool must_exist, char *out,
                           size_t size)
{
    if (o->path) {
        if (must_exist && !bf_is_dir(o->path)) {
            bf_error("--path %s: no such directory", o->path);
            return -1;
        }
        if (bf_absolute(o->path, out, size) < 0) {
            bf_error("--path %s: %s", o->path, strerror(errno));
            return -1;
        }
        return 0;
    }
    snprintf(out, size, "%s", EMU_BINFMT_BINDIR);
    if (bf_dir_has_emulator(out))
        return 0;
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash && slash != self) {
            *slash = '\0';
            if (bf_dir_has_emulator(self))
                snprintf(out, size, "%s", self);
        }
    }
    return 0;
}

/*
 * Checks that path is an executable ELF file for this host and, when
 * need_static, has no PT_INTERP.  Why static: with F the kernel opens the
 * emulator once, at registration, and later starts it inside chroots and
 * containers that hold neither it nor a dynamic loader for it; an
 * emulator needing /lib64/ld-linux-x86-64.so.2 fails there.  Without F
 * a dynamic emulator works where its libraries are, so only a warning.
 */
static int bf_check_emulator(const char *path, bool need_static)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        bf_error("emulator missing: %s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        bf_error("%s is not a regular file", path);
        return -1;
    }
    if (access(path, X_OK) < 0) {
        bf_error("%s cannot be executed (no x permission, or a noexec "
                 "mount): %s",
                 path, strerror(errno));
        return -1;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        bf_error("cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    Elf64_Ehdr eh;
    int rc = -1;
    if (pread(fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh ||
        memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
        eh.e_ident[EI_CLASS] != ELFCLASS64 ||
        (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) ||
        (BF_HOST_MACHINE != EM_NONE && eh.e_machine != BF_HOST_MACHINE) ||
        eh.e_phentsize != sizeof(Elf64_Phdr)) {
        bf_error("%s is not an executable for this host (not a 64-bit "
                 "ELF program for its machine)",
                 path);
        goto out;
    }
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)) !=
            (ssize_t)sizeof ph) {
            bf_error("%s: truncated program headers", path);
            goto out;
        }
        if (ph.p_type != PT_INTERP)
            continue;
        char interp[256] = "?";
        size_t len =
            ph.p_filesz < sizeof interp - 1 ? ph.p_filesz : sizeof interp - 1;
        if (pread(fd, interp, len, (off_t)ph.p_offset) == (ssize_t)len)
            interp[len] = '\0';
        if (need_static) {
            bf_error("%s is dynamically linked (it needs %s): the F flag "
                     "needs a static or static-pie emulator (or use "
                     "--persistent no)",
                     path, interp);
            goto out;
        }
        bf_warn("%s is dynamically linked (it needs %s): it will not start "
                "in roots without that loader",
                path, interp);
        break;
    }
    rc = 0;
out:
    close(fd);
    return rc;
}

/* ---- entries and register strings ---- */

static void bf_flag_string(const struct bf_opts *o, char out[8])
{
    char *p = out;
    if (o->preserve_argv0)
        *p++ = 'P';
    if (o->open_binary || o->credential) /* the kernel sets O with C */
        *p++ = 'O';
    if (o->credential)
        *p++ = 'C';
    if (o->persistent)
        *p++ = 'F';
    *p = '\0';
}

static void bf_entry_from_format(const struct bf_format *f, const char *interp,
                                 const char *flags, struct bf_entry *e)
{
    memset(e, 0, sizeof *e);
    snprintf(e->name, sizeof e->name, "%s", f->name);
    snprintf(e->interpreter, sizeof e->interpreter, "%s", interp);
    snprintf(e->flags, sizeof e->flags, "%s", flags);
    e->enabled = true;
    e->is_magic = true;
    e->size = BF_MAGIC_LEN;
    e->has_mask = true;
    memcpy(e->magic, f->magic, BF_MAGIC_LEN);
    memcpy(e->mask, f->mask, BF_MAGIC_LEN);
}

static size_t bf_escape(char *out, const unsigned char *bytes, int n)
{
    /* Every byte as \xHH: the kernel unescapes them, and no byte can be
     * taken for the ':' delimiter. */
    for (int i = 0; i < n; i++)
        sprintf(out + 4 * i, "\\x%02x", bytes[i]);
    return 4 * (size_t)n;
}

/* The register string ":name:type:offset:magic:mask:interpreter:flags"
 * (Documentation/admin-guide/binfmt-misc.rst); -1 if it cannot be
 * written (the kernel takes at most 1920 bytes, MAX_REGISTER_LENGTH). */
static int bf_register_line(const struct bf_entry *e, char *out, size_t size)
{
    if (strpbrk(e->interpreter, ":\n") || strpbrk(e->name, ":/\n"))
        return -1;
    char magic[4 * BF_BUF_SIZE + 1] = "", mask[4 * BF_BUF_SIZE + 1] = "";
    int n;
    if (e->is_magic) {
        magic[bf_escape(magic, e->magic, e->size)] = '\0';
        if (e->has_mask)
            mask[bf_escape(mask, e->mask, e->size)] = '\0';
        n = snprintf(out, size, ":%s:M:%d:%s:%s:%s:%s\n", e->name, e->offset,
                     magic, mask, e->interpreter, e->flags);
    } else {
        n = snprintf(out, size, ":%s:E::%s::%s:%s\n", e->name, e->extension,
                     e->interpreter, e->flags);
    }
    if (n < 0 || (size_t)n >= size || n > 1920)
        return -1;
    return n;
}

static bool bf_in_initial_userns(void)
{
    char buf[128] = "";
    int fd = open("/proc/self/uid_map", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true;
    ssize_t r = read(fd, buf, sizeof buf - 1);
    close(fd);
    unsigned long a, b, c;
    return r > 0 && sscanf(buf, "%lu %lu %lu", &a, &b, &c) == 3 && a == 0 &&
           b == 0 && c == 4294967295UL;
}

/* Set once writing binfmt_misc was refused for lack of privilege: every
 * other entry would be refused the same way, so the loops stop there and
 * the user gets one message. */
static bool bf_denied;

static void bf_not_root(const char *what)
{
    bf_denied = true;
    if (bf_in_initial_userns())
        bf_error("permission denied writing %s: run emu-binfmt as root, or "
                 "use 'emu-binfmt --namespace' for a private instance",
                 what);
    else
        bf_error("permission denied writing %s: this binfmt_misc belongs to "
                 "another user namespace; mount a private one there first "
                 "(Linux 6.7+) or use 'emu-binfmt --namespace'",
                 what);
}

static int bf_write_file(const char *path, const char *text, size_t len)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t w = write(fd, text, len);
    int saved = errno;
    close(fd);
    if (w != (ssize_t)len) {
        errno = w < 0 ? saved : EIO;
        return -1;
    }
    return 0;
}

bool bf_mounted(void)
{
    struct stat st;
    struct statfs sfs;
    /* Walking into the directory triggers an automount there (systemd's
     * proc-sys-fs-binfmt_misc.automount); statfs then sees what is on it. */
    (void)stat(BF_DIR "/status", &st);
    return statfs(BF_DIR, &sfs) == 0 && sfs.f_type == BINFMTFS_MAGIC;
}

static int bf_ensure_mounted(const struct bf_opts *o)
{
    if (bf_mounted())
        return 0;
    if (mount("binfmt_misc", BF_DIR, "binfmt_misc",
              MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0) {
        bf_info(o, "mounted binfmt_misc on %s", BF_DIR);
        return 0;
    }
    if (errno == EPERM || errno == EACCES)
        bf_error("binfmt_misc is not mounted on %s and mounting it needs "
                 "root (or use 'emu-binfmt --namespace'): %s",
                 BF_DIR, strerror(errno));
    else if (errno == ENODEV)
        bf_error("binfmt_misc is not mounted on %s and this kernel has no "
                 "binfmt_misc (mount: %s)",
                 BF_DIR, strerror(errno));
    else
        bf_error("binfmt_misc is not mounted on %s and cannot be mounted "
                 "(is /proc mounted?): %s",
                 BF_DIR, strerror(errno));
    return -1;
}

/* Writes e to the register file; prints the error and returns -1. */
static int bf_register_entry(const struct bf_entry *e)
{
    char line[4096];
    int len = bf_register_line(e, line, sizeof line);
    if (len < 0) {
        bf_error("cannot register %s: the interpreter path %s holds ':' or "
                 "a newline, or is too long",
                 e->name, e->interpreter);
        return -1;
    }
    int fd = open(BF_DIR "/register", O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == EACCES || errno == EPERM)
            bf_not_root(BF_DIR "/register");
        else
            bf_error("cannot open %s: %s", BF_DIR "/register", strerror(errno));
        return -1;
    }
    ssize_t w = write(fd, line, (size_t)len);
    int err = errno;
    close(fd);
    if (w == len)
        return 0;
    if (w >= 0)
        err = EIO;
    if (err == EEXIST)
        bf_error("cannot register %s: an entry of that name appeared "
                 "meanwhile",
                 e->name);
    else if (err == EINVAL)
        bf_error("the kernel rejected the entry %s: %.*s", e->name, len - 1,
                 line);
    else if (strchr(e->flags, 'F'))
        /* With F, the write fails with open_exec()'s error. */
        bf_error("cannot register %s: the kernel cannot open the "
                 "interpreter %s: %s",
                 e->name, e->interpreter, strerror(err));
    else
        bf_error("cannot register %s: %s", e->name, strerror(err));
    return -1;
}

static int bf_register_one(const struct bf_opts *o, const struct bf_format *f,
                           const char *emulator)
{
    char flags[8], entry_path[PATH_MAX];
    struct bf_entry e, old;
    bf_flag_string(o, flags);
    bf_entry_from_format(f, emulator, flags, &e);
    snprintf(entry_path, sizeof entry_path, "%s/%s", BF_DIR, f->name);
    char line[4096];
    if (bf_register_line(&e, line, sizeof line) < 0) {
        bf_error("cannot register %s: the interpreter path %s holds ':' or "
                 "a newline, or is too long",
                 e.name, e.interpreter);
        return 1;
    }

    /* An entry of our name: remove it, then register ours (the kernel
     * refuses a second entry of one name with EEXIST). */
    bool had = bf_read_entry(BF_DIR, f->name, &old) == 0;
    if (had && bf_write_file(entry_path, "-1", 2) < 0) {
        if (errno == EACCES || errno == EPERM)
            bf_not_root(entry_path);
        else
            bf_error("cannot remove the existing entry %s: %s", f->name,
                     strerror(errno));
        return 1;
    }
    if (bf_register_entry(&e) < 0) {
        if (had && bf_register_entry(&old) == 0) {
            if (!old.enabled)
                bf_write_file(entry_path, "0", 1);
            bf_warn("the previous entry %s (%s, flags %s) was put back",
                    old.name, old.interpreter, old.flags);
        }
        return 1;
    }
    if (had)
        bf_info(o,
                "%s: replaced the existing entry (%s, flags %s): now %s "
                "for %s programs, flags %s",
                f->name, old.interpreter, old.flags[0] ? old.flags : "-",
                emulator, f->cpu, flags);
    else
        bf_info(o, "%s: registered %s for %s programs, flags %s", f->name,
                emulator, f->cpu, flags);
    bf_warn_conflicts(f);
    return 0;
}

static bool bf_selected(const struct bf_opts *o, size_t i)
{
    return !o->cpus || (o->cpus & (1u << i));
}

/* The emulators a command acts on, each checked. */
struct bf_plan {
    size_t n;
    const struct bf_format *f[8];
    char path[8][PATH_MAX];
    const char *note[8];
};

/*
 * Fills p with the selected formats whose emulator is in the emulator
 * directory: a CPU named on the command line must have one (exporting: it
 * may be missing, the build writes files for the install directory before
 * anything is installed); otherwise a missing one is skipped.  Every
 * emulator present is checked.  Returns -1 (messages printed) if anything
 * failed or nothing was found.
 */
static int bf_make_plan(const struct bf_opts *o, bool exporting,
                        struct bf_plan *p)
{
    char dir[PATH_MAX];
    size_t skipped[8], nskipped = 0;
    bool failed = false;
    _Static_assert(sizeof bf_formats / sizeof bf_formats[0] <= 8, "plan size");
    p->n = 0;
    if (bf_emulator_dir(o, !(exporting && o->cpus), dir, sizeof dir) < 0)
        return -1;
    for (size_t i = 0; i < bf_nformats; i++) {
        char *path = p->path[p->n];
        if (!bf_selected(o, i))
            continue;
        int len =
            snprintf(path, PATH_MAX, "%s/%s", dir, bf_formats[i].emulator);
        if (len < 0 || len >= PATH_MAX) {
            bf_error("--path %s: too long", dir);
            return -1;
        }
        p->note[p->n] = "";
        if (access(path, F_OK) < 0 && (!o->cpus || exporting)) {
            if (!o->cpus) {
                skipped[nskipped++] = i;
                continue;
            }
            p->note[p->n] = " (emulator not there yet, not checked)";
        } else if (bf_check_emulator(path, o->persistent) < 0) {
            failed = true;
        }
        p->f[p->n++] = &bf_formats[i];
    }
    if (failed)
        return -1;
    if (!p->n) {
        bf_error("emulator missing: no emu-aarch64 or emu-arm in %s; give "
                 "their directory with --path DIR",
                 dir);
        return -1;
    }
    for (size_t k = 0; k < nskipped; k++)
        bf_info(o, "%s: skipped, no %s/%s", bf_formats[skipped[k]].name, dir,
                bf_formats[skipped[k]].emulator);
    return 0;
}

int bf_register_all(const struct bf_opts *o)
{
    struct bf_plan p;
    if (bf_make_plan(o, false, &p) < 0 || bf_ensure_mounted(o) < 0)
        return 1;
    int rc = 0;
    for (size_t i = 0; i < p.n && !bf_denied; i++)
        rc |= bf_register_one(o, p.f[i], p.path[i]);
    return rc;
}

static int bf_remove_all(const struct bf_opts *o)
{
    if (!bf_mounted()) {
        bf_info(o, "binfmt_misc is not mounted on %s: no entry to remove",
                BF_DIR);
        return 0;
    }
    int rc = 0;
    for (size_t i = 0; i < bf_nformats; i++) {
        const struct bf_format *f = &bf_formats[i];
        struct bf_entry old;
        char path[PATH_MAX];
        if (!bf_selected(o, i))
            continue;
        if (bf_read_entry(BF_DIR, f->name, &old) < 0) {
            bf_info(o, "%s: not registered", f->name);
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", BF_DIR, f->name);
        if (bf_write_file(path, "-1", 2) < 0) {
            rc = 1;
            if (errno == EACCES || errno == EPERM) {
                bf_not_root(path);
                break;
            }
            bf_error("cannot remove %s: %s", f->name, strerror(errno));
            continue;
        }
        bf_info(o, "%s: removed (it was %s, flags %s)", f->name,
                old.interpreter, old.flags[0] ? old.flags : "-");
    }
    return rc;
}

/* ---- binfmt.d and update-binfmts files ---- */

static int bf_mkdirs(const char *dir)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s", dir);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0755) < 0 && errno != EEXIST)
                return -1;
            *s = '/';
        }
    return mkdir(p, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

/* Writes path through a temporary file, so a reader never sees half. */
static int bf_write_new_file(const char *path, const char *text)
{
    char tmp[PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    bool ok = fputs(text, f) >= 0;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) < 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        return -1;
    }
    return 0;
}

static int bf_export_one(const struct bf_opts *o, const struct bf_format *f,
                         const char *emulator, bool debian,
                         const char *exportdir, const char *note)
{
    char flags[8], text[8192], path[PATH_MAX];
    struct bf_entry e;
    bf_flag_string(o, flags);
    bf_entry_from_format(f, emulator, flags, &e);
    if (debian) {
        /* update-binfmts(8) format file.  It has no field for O alone: the
         * kernel gets O only with credentials yes. */
        char magic[4 * BF_MAGIC_LEN + 1], mask[4 * BF_MAGIC_LEN + 1];
        magic[bf_escape(magic, f->magic, BF_MAGIC_LEN)] = '\0';
        mask[bf_escape(mask, f->mask, BF_MAGIC_LEN)] = '\0';
        snprintf(text, sizeof text,
                 "package emu\ninterpreter %s\nmagic %s\nmask %s\noffset 0\n"
                 "credentials %s\npreserve %s\nfix_binary %s\n",
                 emulator, magic, mask, o->credential ? "yes" : "no",
                 o->preserve_argv0 ? "yes" : "no",
                 o->persistent ? "yes" : "no");
        snprintf(path, sizeof path, "%s/%s", exportdir, f->name);
    } else {
        char line[4096];
        if (bf_register_line(&e, line, sizeof line) < 0) {
            bf_error("cannot write an entry for %s: the interpreter path %s "
                     "holds ':' or a newline, or is too long",
                     f->name, emulator);
            return 1;
        }
        snprintf(text, sizeof text,
                 "# %s: run %s Linux programs (%s) with emu.\n"
                 "# Written by emu-binfmt; systemd-binfmt registers it "
                 "(binfmt.d(5)).\n%s",
                 f->name, f->cpu, f->desc, line);
        snprintf(path, sizeof path, "%s/%s.conf", exportdir, f->name);
    }
    if (bf_write_new_file(path, text) < 0) {
        bf_error("cannot write %s: %s", path, strerror(errno));
        return 1;
    }
    bf_info(o, "%s: wrote %s (interpreter %s, flags %s)%s", f->name, path,
            emulator, flags, note);
    return 0;
}

static int bf_export_all(const struct bf_opts *o, bool debian,
                         const char *exportdir)
{
    struct bf_plan p;
    if (bf_make_plan(o, true, &p) < 0)
        return 1;
    if (bf_mkdirs(exportdir) < 0) {
        bf_error("cannot create %s: %s", exportdir, strerror(errno));
        return 1;
    }
    int rc = 0;
    for (size_t i = 0; i < p.n; i++)
        rc |= bf_export_one(o, p.f[i], p.path[i], debian, exportdir, p.note[i]);
    return rc;
}

/* ---- command line ---- */

static int bf_yesno(const char *opt, const char *arg, bool *out)
{
    if (!strcmp(arg, "yes"))
        *out = true;
    else if (!strcmp(arg, "no"))
        *out = false;
    else {
        bf_error("%s takes yes or no, not '%s'; see emu-binfmt --help", opt,
                 arg);
        return -1;
    }
    return 0;
}

/* CPU names as qemu-binfmt-conf.sh and Debian spell them. */
static int bf_cpu_bits(const char *name, unsigned *bits)
{
    static const struct {
        const char *alias;
        const char *cpu;
    } aliases[] = {{"arm64", "aarch64"}, {"armhf", "arm"}, {"armel", "arm"}};
    if (!strcmp(name, "ALL") || !strcmp(name, "all")) {
        *bits = 0;
        return 0;
    }
    for (size_t a = 0; a < sizeof aliases / sizeof aliases[0]; a++)
        if (!strcmp(name, aliases[a].alias))
            name = aliases[a].cpu;
    for (size_t i = 0; i < bf_nformats; i++)
        if (!strcmp(name, bf_formats[i].cpu)) {
            *bits |= 1u << i;
            return 0;
        }
    bf_error("unknown CPU '%s' (emu has aarch64 and arm); see emu-binfmt "
             "--help",
             name);
    return -1;
}

enum {
    OPT_PATH = 256,
    OPT_PERSISTENT,
    OPT_PRESERVE,
    OPT_OPEN_BINARY,
    OPT_CREDENTIAL,
    OPT_SYSTEMD,
    OPT_DEBIAN,
    OPT_EXPORTDIR,
    OPT_REMOVE,
    OPT_STATUS,
    OPT_NAMESPACE,
    OPT_PID
};

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"path", required_argument, NULL, OPT_PATH},
        {"qemu-path", required_argument, NULL, OPT_PATH},
        {"persistent", required_argument, NULL, OPT_PERSISTENT},
        {"preserve-argv0", required_argument, NULL, OPT_PRESERVE},
        {"open-binary", required_argument, NULL, OPT_OPEN_BINARY},
        {"credential", required_argument, NULL, OPT_CREDENTIAL},
        {"systemd", no_argument, NULL, OPT_SYSTEMD},
        {"debian", no_argument, NULL, OPT_DEBIAN},
        {"exportdir", required_argument, NULL, OPT_EXPORTDIR},
        {"remove", no_argument, NULL, OPT_REMOVE},
        {"status", no_argument, NULL, OPT_STATUS},
        {"namespace", no_argument, NULL, OPT_NAMESPACE},
        {"pid", no_argument, NULL, OPT_PID},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct bf_opts o = {.persistent = true,
                        .preserve_argv0 = true,
                        .open_binary = true,
                        .info = stdout};
    bool systemd = false, debian = false, remove = false, status = false;
    bool ns = false;
    const char *exportdir = NULL;

    /* With --namespace the first non-option starts the command, whose own
     * options must not be taken for ours; otherwise options and CPU names
     * may come in any order. */
    const char *optstring = "hq";
    for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
        if (!strcmp(argv[i], "--namespace"))
            optstring = "+hq";
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
        int bad = 0;
        switch (c) {
        case OPT_PATH:
            o.path = optarg;
            break;
        case OPT_PERSISTENT:
            bad = bf_yesno("--persistent", optarg, &o.persistent);
            break;
        case OPT_PRESERVE:
            bad = bf_yesno("--preserve-argv0", optarg, &o.preserve_argv0);
            break;
        case OPT_OPEN_BINARY:
            bad = bf_yesno("--open-binary", optarg, &o.open_binary);
            break;
        case OPT_CREDENTIAL:
            bad = bf_yesno("--credential", optarg, &o.credential);
            break;
        case OPT_SYSTEMD:
            systemd = true;
            break;
        case OPT_DEBIAN:
            debian = true;
            break;
        case OPT_EXPORTDIR:
            exportdir = optarg;
            break;
        case OPT_REMOVE:
            remove = true;
            break;
        case OPT_STATUS:
            status = true;
            break;
        case OPT_NAMESPACE:
            ns = true;
            break;
        case OPT_PID:
            o.new_pid_ns = true;
            break;
        case 'q':
            o.quiet = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default: /* '?': optopt is 0 for an unknown long option, the
                  * short option's letter, or a long option's value when
                  * its argument is missing */
            if (optopt >= OPT_PATH)
                bf_error("option '%s' needs a value; see emu-binfmt --help",
                         argv[optind - 1]);
            else if (optopt)
                bf_error("unknown option '-%c'; see emu-binfmt --help", optopt);
            else
                bf_error("unknown option '%s'; see emu-binfmt --help",
                         argv[optind - 1]);
            return 2;
        }
        if (bad)
            return 2;
    }
    bool export = systemd || debian || exportdir;
    if (remove + status + export + ns > 1) {
        bf_error("--remove, --status, --systemd/--debian/--exportdir and "
                 "--namespace exclude each other; see emu-binfmt --help");
        return 2;
    }
    if (systemd && debian) {
        bf_error("--systemd and --debian exclude each other");
        return 2;
    }
    if (o.new_pid_ns && !ns) {
        bf_error("--pid goes with --namespace; see emu-binfmt --help");
        return 2;
    }
    if (ns)
        return bf_namespace_run(&o, argv + optind);
    if (status)
        return bf_status(argv + optind, argc - optind);
    for (int i = optind; i < argc; i++)
        if (bf_cpu_bits(argv[i], &o.cpus) < 0)
            return 2;
    if (remove)
        return bf_remove_all(&o);
    if (export) {
        if (!exportdir)
            exportdir = debian ? "/usr/share/binfmts" : "/etc/binfmt.d";
        return bf_export_all(&o, debian, exportdir);
    }
    return bf_register_all(&o);
}
