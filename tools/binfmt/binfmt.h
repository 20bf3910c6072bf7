/*
 * tools/binfmt/binfmt.h - what the parts of emu-binfmt share: the formats
 * emu registers (entry name, emulator file, magic and mask), the options,
 * and the reader of the kernel's binfmt_misc entries.
 *
 * emu-binfmt.c   options, registration, removal, binfmt.d / update-binfmts
 *                files
 * bf-entries.c   reading /proc/sys/fs/binfmt_misc/<entry>, matching an
 *                entry against a file header as the kernel does, --status
 * bf-namespace.c --namespace: a user + mount namespace with a private
 *                binfmt_misc instance (Linux 6.7+)
 *
 * A host tool: plain libc, no emu library.
 */
#ifndef EMU_TOOLS_BINFMT_H
#define EMU_TOOLS_BINFMT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define BF_DIR "/proc/sys/fs/binfmt_misc"

/* The magic covers e_ident[16], e_type and e_machine of the ELF header. */
#define BF_MAGIC_LEN 20

/* How many bytes of a file the kernel reads before choosing a handler
 * (BINPRM_BUF_SIZE, include/linux/binfmts.h: 256 since Linux 5.1), and so
 * the most an entry's offset + magic can cover. */
#define BF_BUF_SIZE 256

/* One guest architecture emu can register. */
struct bf_format {
    const char *cpu;      /* "aarch64": the CPU name on the command line */
    const char *name;     /* binfmt_misc entry name, also the .conf name */
    const char *emulator; /* file name of the emulator in --path */
    const char *desc;     /* what the magic selects, for messages */
    unsigned char magic[BF_MAGIC_LEN];
    unsigned char mask[BF_MAGIC_LEN];
};

extern const struct bf_format bf_formats[];
extern const size_t bf_nformats;

struct bf_opts {
    const char *path;    /* --path; NULL: the default directory */
    bool persistent;     /* F */
    bool preserve_argv0; /* P */
    bool open_binary;    /* O */
    bool credential;     /* C (the kernel sets O with it) */
    bool quiet;
    bool new_pid_ns; /* --namespace --pid */
    unsigned cpus;   /* bit i: bf_formats[i] named on the command line */
    FILE *info;      /* where the one line per entry goes */
};

/* One entry as the kernel shows it in /proc/sys/fs/binfmt_misc/<name>
 * (fs/binfmt_misc.c, entry_status()). */
struct bf_entry {
    char name[NAME_MAX + 1];
    bool enabled;
    bool is_magic; /* M type; otherwise E (file name extension) */
    char interpreter[PATH_MAX];
    char flags[8]; /* "POCF" subset, in the kernel's order */
    int offset, size;
    bool has_mask;
    unsigned char magic[BF_BUF_SIZE], mask[BF_BUF_SIZE];
    char extension[NAME_MAX + 1];
};

/* Reads every entry in kernel search order (the order exec tries them).
 * Returns 0, or -1 with errno set; *out is malloc'ed. */
int bf_read_entries(const char *dir, struct bf_entry **out, size_t *n);
/* Reads one entry; -1 with errno ENOENT when there is none. */
int bf_read_entry(const char *dir, const char *name, struct bf_entry *e);
/* Whether the kernel would pick e for a file whose first BF_BUF_SIZE
 * bytes are buf (zero-padded) and whose execve path is filename. */
bool bf_entry_matches(const struct bf_entry *e, const unsigned char *buf,
                      const char *filename);
/* Fills buf with the header of a typical program of format f. */
void bf_sample_header(const struct bf_format *f, int e_type, int osabi,
                      unsigned char buf[BF_BUF_SIZE]);
/* "emu", "qemu" or "other", from the interpreter's and entry's names. */
const char *bf_entry_owner(const struct bf_entry *e);
/* Whether the kernel's binfmt_misc is enabled as a whole (status file). */
bool bf_globally_enabled(const char *dir);

/* After registering f: warns on stderr about every other entry that also
 * matches f's programs, naming it and the entry the kernel uses. */
void bf_warn_conflicts(const struct bf_format *f);
/* --status [FILE...]; returns the exit status. */
int bf_status(char **files, int nfiles);

/* Whether binfmt_misc is mounted on BF_DIR (an automount is triggered). */
bool bf_mounted(void);
/* Registers the emulators o selects in the binfmt_misc on BF_DIR,
 * mounting it first when it is not; returns the exit status. */
int bf_register_all(const struct bf_opts *o);
/* --namespace: does not return on success (it executes cmd). */
int bf_namespace_run(const struct bf_opts *o, char **cmd);

/* One line on stderr, prefixed "emu-binfmt: ". */
void bf_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void bf_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A line on o->info unless --quiet. */
void bf_info(const struct bf_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
