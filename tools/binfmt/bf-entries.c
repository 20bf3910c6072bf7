/*
 * tools/binfmt/bf-entries.c - the kernel's binfmt_misc entries as emu-binfmt
 * sees them: reading /proc/sys/fs/binfmt_misc/<name>, matching an entry
 * against a file header exactly as the kernel does, and --status.
 *
 * Which entry runs a program (fs/binfmt_misc.c, Linux 6.x, checked in its
 * source): bm_register_write() adds each new entry at the HEAD of the
 * instance's list (list_add), and search_binfmt_handler() walks the list
 * from the head and returns the first ENABLED entry whose magic (under its
 * mask) or extension matches.  So the most recently registered enabled
 * matching entry wins, whatever the names.  Nothing in the entry files
 * gives the registration order (ctime has a coarse clock tick, and two
 * registrations often share it), but the directory does: each entry's
 * dentry is created at registration (negative dentries are not kept,
 * simple_lookup's always_delete_dentry) and added at the head of its
 * parent's children, and dcache_readdir() lists the children from the head.
 * So readdir order is the kernel's search order; tests/binfmt checks this
 * against which interpreter really runs.
 *
 * If the whole instance is disabled (status file "disabled"),
 * load_misc_binary() uses no entry at all.  A user namespace without its
 * own instance uses its nearest ancestor's (load_binfmt_misc()), which is
 * the one mounted where such a namespace looks.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tools/binfmt/binfmt.h"

/* The kinds of program of one architecture that the status checks: the
 * kernel sees only the header, and an entry may accept some of them
 * (qemu's and ours accept all four). */
static const struct {
    int e_type, osabi;
    const char *what;
} bf_kinds[] = {
    {ET_EXEC, ELFOSABI_SYSV, "ET_EXEC"},
    {ET_DYN, ELFOSABI_SYSV, "ET_DYN (PIE)"},
    /* ld marks executables with IFUNCs ELFOSABI_GNU: every static glibc
     * program is one. */
    {ET_EXEC, ELFOSABI_GNU, "ET_EXEC+ELFOSABI_GNU (static glibc)"},
    {ET_DYN, ELFOSABI_GNU, "ET_DYN+ELFOSABI_GNU"},
};
#define BF_NKINDS (sizeof bf_kinds / sizeof bf_kinds[0])

static int bf_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the kernel's bin2hex() text; returns the byte count or -1. */
static int bf_unhex(const char *s, unsigned char *out, int max)
{
    int n = 0;
    while (s[0] && s[0] != '\n') {
        int hi = bf_hexval(s[0]), lo = hi < 0 ? -1 : bf_hexval(s[1]);
        if (lo < 0 || n == max)
            return -1;
        out[n++] = (unsigned char)(hi << 4 | lo);
        s += 2;
    }
    return n;
}

/* Parses the text of fs/binfmt_misc.c entry_status():
 *   enabled|disabled / interpreter PATH / flags: POCF /
 *   offset N / magic HEX [/ mask HEX]   or   extension .EXT */
static int bf_parse_entry(char *text, struct bf_entry *e)
{
    bool have_state = false, have_interp = false;
    e->offset = 0;
    e->size = 0;
    e->is_magic = false;
    e->has_mask = false;
    e->flags[0] = '\0';
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strcmp(line, "enabled") || !strcmp(line, "disabled")) {
            e->enabled = line[0] == 'e';
            have_state = true;
        } else if (!strncmp(line, "interpreter ", 12)) {
            snprintf(e->interpreter, sizeof e->interpreter, "%s", line + 12);
            have_interp = true;
        } else if (!strncmp(line, "flags:", 6)) {
            const char *p = line + 6;
            while (*p == ' ')
                p++;
            snprintf(e->flags, sizeof e->flags, "%s", p);
        } else if (!strncmp(line, "offset ", 7)) {
            e->offset = atoi(line + 7);
        } else if (!strncmp(line, "magic ", 6)) {
            e->size = bf_unhex(line + 6, e->magic, BF_BUF_SIZE);
            e->is_magic = true;
            if (e->size < 0)
                return -1;
        } else if (!strncmp(line, "mask ", 5)) {
            if (bf_unhex(line + 5, e->mask, BF_BUF_SIZE) != e->size)
                return -1;
            e->has_mask = true;
        } else if (!strncmp(line, "extension .", 11)) {
            snprintf(e->extension, sizeof e->extension, "%s", line + 11);
        }
    }
    if (!have_state || !have_interp)
        return -1;
    if (e->is_magic && e->offset + e->size > BF_BUF_SIZE)
        return -1;
    return 0;
}

int bf_read_entry(const char *dir, const char *name, struct bf_entry *e)
{
    char path[PATH_MAX], text[8192];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t len = 0, r;
    while (len < (ssize_t)sizeof text - 1 &&
           (r = read(fd, text + len, sizeof text - 1 - len)) > 0)
        len += r;
    int saved = errno;
    close(fd);
    if (len <= 0) {
        errno = len < 0 ? saved : EINVAL;
        return -1;
    }
    text[len] = '\0';
    memset(e, 0, sizeof *e);
    snprintf(e->name, sizeof e->name, "%s", name);
    if (bf_parse_entry(text, e) < 0) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

int bf_read_entries(const char *dir, struct bf_entry **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t cap = 0;
    struct dirent *de;
    /* readdir order = the kernel's search order (see the top comment). */
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || !strcmp(de->d_name, "register") ||
            !strcmp(de->d_name, "status"))
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            struct bf_entry *grown = realloc(*out, cap * sizeof **out);
            if (!grown) {
                closedir(d);
                return -1;
            }
            *out = grown;
        }
        /* An entry removed since readdir saw it is just skipped. */
        if (bf_read_entry(dir, de->d_name, &(*out)[*n]) == 0)
            (*n)++;
    }
    closedir(d);
    return 0;
}

bool bf_entry_matches(const struct bf_entry *e, const unsigned char *buf,
                      const char *filename)
{
    if (!e->is_magic) {
        /* The kernel takes everything after the path's last '.'. */
        const char *dot = filename ? strrchr(filename, '.') : NULL;
        return dot && !strcmp(e->extension, dot + 1);
    }
    for (int j = 0; j < e->size; j++) {
        unsigned char diff = buf[e->offset + j] ^ e->magic[j];
        if (e->has_mask ? (diff & e->mask[j]) : diff)
            return false;
    }
    return true;
}

void bf_sample_header(const struct bf_format *f, int e_type, int osabi,
                      unsigned char buf[BF_BUF_SIZE])
{
    memset(buf, 0, BF_BUF_SIZE);
    memcpy(buf, f->magic, BF_MAGIC_LEN);
    buf[EI_OSABI] = (unsigned char)osabi;
    buf[16] = (unsigned char)e_type; /* e_type, little-endian */
    buf[17] = 0;
    buf[20] = EV_CURRENT; /* e_version, the word after e_machine */
}

static bool bf_starts(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

const char *bf_entry_owner(const struct bf_entry *e)
{
    const char *base = strrchr(e->interpreter, '/');
    base = base ? base + 1 : e->interpreter;
    if (bf_starts(base, "emu-") || bf_starts(e->name, "emu-"))
        return "emu";
    if (strstr(base, "qemu") || bf_starts(e->name, "qemu"))
        return "qemu";
    return "other";
}

bool bf_globally_enabled(const char *dir)
{
    char path[PATH_MAX], buf[16] = "";
    snprintf(path, sizeof path, "%s/status", dir);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true;
    ssize_t r = read(fd, buf, sizeof buf - 1);
    close(fd);
    return r <= 0 || strncmp(buf, "disabled", 8) != 0;
}

/* The entry the kernel uses for a header (index into es), or -1. */
static int bf_winner(const struct bf_entry *es, size_t n,
                     const unsigned char *buf, const char *filename)
{
    for (size_t i = 0; i < n; i++)
        if (es[i].enabled && bf_entry_matches(&es[i], buf, filename))
            return (int)i;
    return -1;
}

/* Which kinds of f's programs es[i] matches: bit k = bf_kinds[k]. */
static unsigned bf_kinds_matched(const struct bf_format *f,
                                 const struct bf_entry *e)
{
    unsigned char buf[BF_BUF_SIZE];
    unsigned m = 0;
    if (!e->is_magic)
        return 0;
    for (size_t k = 0; k < BF_NKINDS; k++) {
        bf_sample_header(f, bf_kinds[k].e_type, bf_kinds[k].osabi, buf);
        if (bf_entry_matches(e, buf, NULL))
            m |= 1u << k;
    }
    return m;
}

static void bf_kind_list(unsigned kinds, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t k = 0; k < BF_NKINDS; k++)
        if (kinds & (1u << k)) {
            size_t len = strlen(out);
            snprintf(out + len, size - len, "%s%s", len ? ", " : "",
                     bf_kinds[k].what);
        }
}

/* Describes which entries the kernel uses for f's programs:
 * "emu-aarch64", or per kind when they differ, or "none". */
static void bf_describe_winners(const struct bf_format *f,
                                const struct bf_entry *es, size_t n,
                                bool enabled, char *out, size_t size)
{
    int win[BF_NKINDS];
    unsigned char buf[BF_BUF_SIZE];
    for (size_t k = 0; k < BF_NKINDS; k++) {
        bf_sample_header(f, bf_kinds[k].e_type, bf_kinds[k].osabi, buf);
        win[k] = enabled ? bf_winner(es, n, buf, NULL) : -1;
    }
    bool same = true;
    for (size_t k = 1; k < BF_NKINDS; k++)
        same = same && win[k] == win[0];
    if (same) {
        snprintf(out, size, "%s", win[0] < 0 ? "none" : es[win[0]].name);
        return;
    }
    out[0] = '\0';
    unsigned done = 0;
    for (size_t k = 0; k < BF_NKINDS; k++) {
        if (done & (1u << k))
            continue;
        unsigned group = 0;
        for (size_t j = k; j < BF_NKINDS; j++)
            if (win[j] == win[k])
                group |= 1u << j;
        done |= group;
        char kinds[256];
        bf_kind_list(group, kinds, sizeof kinds);
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%s for %s", len ? "; " : "",
                 win[k] < 0 ? "none" : es[win[k]].name, kinds);
    }
}

void bf_warn_conflicts(const struct bf_format *f)
{
    struct bf_entry *es;
    size_t n;
    if (bf_read_entries(BF_DIR, &es, &n) < 0)
        return;
    char who[1024];
    bf_describe_winners(f, es, n, bf_globally_enabled(BF_DIR), who, sizeof who);
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(es[i].name, f->name) || !bf_kinds_matched(f, &es[i]))
            continue;
        bf_warn("entry %s (%s, %s) also matches %s programs; the kernel "
                "uses %s (the most recently registered enabled entry wins)",
                es[i].name, es[i].interpreter,
                es[i].enabled ? "enabled" : "disabled", f->cpu, who);
    }
    free(es);
}

static void bf_print_entry(const struct bf_entry *e, const char *note)
{
    struct stat st;
    /* With F the kernel opened the interpreter at registration; without
     * it the file must exist where the program runs. */
    bool missing = !strchr(e->flags, 'F') && stat(e->interpreter, &st) < 0;
    printf("  %-16s %-5s %-8s flags %-4s  %s%s%s\n", e->name, bf_entry_owner(e),
           e->enabled ? "enabled" : "disabled", e->flags[0] ? e->flags : "-",
           e->interpreter, missing ? " (interpreter missing)" : "", note);
}

static int bf_status_file(const char *file, const struct bf_entry *es, size_t n,
                          bool enabled)
{
    unsigned char buf[BF_BUF_SIZE] = {0};
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        bf_error("cannot read %s: %s", file, strerror(errno));
        return 1;
    }
    /* The kernel reads the first BINPRM_BUF_SIZE bytes, rest zeroed. */
    ssize_t got = 0, r;
    while (got < BF_BUF_SIZE &&
           (r = read(fd, buf + got, BF_BUF_SIZE - got)) > 0)
        got += r;
    close(fd);
    int w = enabled ? bf_winner(es, n, buf, file) : -1;
    if (w < 0)
        printf("%s: kernel uses: none (no enabled binfmt_misc entry matches;"
               " the kernel runs it natively or fails)\n",
               file);
    else
        printf("%s: kernel uses: %s (%s, flags %s)\n", file, es[w].name,
               es[w].interpreter, es[w].flags[0] ? es[w].flags : "-");
    for (size_t i = 0; i < n; i++)
        if ((int)i != w && bf_entry_matches(&es[i], buf, file))
            printf("%s: also matches: %s (%s, %s)\n", file, es[i].name,
                   es[i].interpreter, es[i].enabled ? "enabled" : "disabled");
    return 0;
}

int bf_status(char **files, int nfiles)
{
    if (!bf_mounted()) {
        printf("binfmt_misc is not mounted on %s: no entry is active here "
               "(emu-binfmt mounts it when it registers)\n",
               BF_DIR);
        return 0;
    }
    struct bf_entry *es;
    size_t n;
    if (bf_read_entries(BF_DIR, &es, &n) < 0) {
        bf_error("cannot read %s: %s", BF_DIR, strerror(errno));
        return 1;
    }
    bool enabled = bf_globally_enabled(BF_DIR);
    printf("binfmt_misc on %s: %s, %zu entr%s%s\n", BF_DIR,
           enabled ? "enabled" : "DISABLED", n, n == 1 ? "y" : "ies",
           enabled ? "" : " (the kernel uses none of them)");
    int rc = 0;
    if (nfiles) {
        for (int i = 0; i < nfiles; i++)
            rc |= bf_status_file(files[i], es, n, enabled);
        free(es);
        return rc;
    }
    for (size_t fi = 0; fi < bf_nformats; fi++) {
        const struct bf_format *f = &bf_formats[fi];
        printf("%s programs (%s):\n", f->cpu, f->desc);
        bool any = false;
        /* Listed in the order the kernel tries them. */
        for (size_t i = 0; i < n; i++) {
            unsigned kinds = bf_kinds_matched(f, &es[i]);
            if (!kinds)
                continue;
            char note[300] = "";
            if (kinds != (1u << BF_NKINDS) - 1) {
                char list[256];
                bf_kind_list(kinds, list, sizeof list);
                snprintf(note, sizeof note, " (only %s)", list);
            }
            bf_print_entry(&es[i], note);
            any = true;
        }
        if (!any)
            printf("  no entry matches\n");
        char who[1024];
        bf_describe_winners(f, es, n, enabled, who, sizeof who);
        printf("  kernel uses: %s\n", who);
    }
    free(es);
    return rc;
}
