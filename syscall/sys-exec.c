/*
 * syscall/sys-exec.c - execve.
 *
 * An AArch64 program stays emulated even where binfmt_misc has no entry
 * for it (DESIGN.md): execve of an arm64 ELF, or of a #! script whose
 * interpreter is one, re-executes the emulator (/proc/self/exe) on it,
 * passing -L, -strace and the guest's argv[0] on as options.  Host-native
 * programs (and anything the host kernel should judge, such as a file
 * with no recognisable header) are exec'd directly, so the host kernel
 * gives the same errors the guest would see (ENOEXEC, EACCES, ...).
 *
 * fexecve: glibc runs execveat(fd, "", AT_EMPTY_PATH) or, without it,
 * execve("/proc/self/fd/N").  The kernel opens the file before it closes
 * the close-on-exec descriptors, so an O_CLOEXEC fd (Python's default)
 * works; our re-executed emulator opens the program only after the
 * host's exec, so such an fd is first duplicated without FD_CLOEXEC and
 * the new emulator is told (-closefd) to close the copy once it has
 * loaded the program: the guest sees no extra descriptor.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-map.h"
#include "common/path.h"
#include "syscall/sys-internal.h"

#define EM_AARCH64_NR 183
#define EM_ARM_NR 40
#define EXEC_MAX_ARGS (1 << 17)

/* EXEC_GUEST: an ELF of this emulator's guest; EXEC_SIBLING: of the other
 * ARM guest (AArch64 <-> 32-bit ARM), run by the sibling emulator. */
enum { EXEC_HOST, EXEC_GUEST, EXEC_SIBLING, EXEC_SCRIPT };

/* Reads a guest NULL-terminated pointer array (NULL array = empty) of
 * 8-byte pointers, or 4-byte ones when p32 (a 32-bit guest). */
static int64_t guest_strv(uint64_t addr, const char ***out, size_t *n,
                          bool p32)
{
    size_t psz = p32 ? 4 : 8;
    *n = 0;
    *out = NULL;
    if (!addr)
        return 0;
    size_t cap = 16;
    const char **v = malloc(cap * sizeof(*v));
    for (size_t i = 0;; i++) {
        if (!v)
            return -ENOMEM;
        if (i == EXEC_MAX_ARGS) {
            free(v);
            return -E2BIG;
        }
        if (!sys_ok(addr + psz * i, psz, PROT_READ)) {
            free(v);
            return -EFAULT;
        }
        uint64_t p = p32 ? ((const uint32_t *)g2h(addr))[i]
                         : ((const uint64_t *)g2h(addr))[i];
        if (!p)
            break;
        if (sys_str(p, &v[i])) {
            free(v);
            return -EFAULT;
        }
        *n = i + 1;
        if (*n + 1 >= cap) {
            cap *= 2;
            const char **nv = realloc(v, cap * sizeof(*v));
            if (!nv)
                free(v);
            v = nv;
        }
    }
    *out = v;
    return 0;
}

/* What kind of file host path p is; for a script, its interpreter and
 * optional argument (the rest of the #! line) go into interp/arg. */
static int exec_kind(const char *p, char *interp, size_t ilen, char *arg,
                     size_t alen)
{
    unsigned char h[256];
    int fd = open(p, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return EXEC_HOST;
    ssize_t n = read(fd, h, sizeof(h) - 1);
    close(fd);
    if (n >= 20 && !memcmp(h, "\177ELF", 4)) {
        int m = h[18] | h[19] << 8;
        if (m == guest_arch->elf_machine && h[4] == guest_arch->elf_class)
            return EXEC_GUEST;
        if ((m == EM_AARCH64_NR && h[4] == 2) || (m == EM_ARM_NR && h[4] == 1))
            return EXEC_SIBLING;
        return EXEC_HOST;
    }
    if (n < 3 || h[0] != '#' || h[1] != '!')
        return EXEC_HOST;
    h[n] = 0;
    char *s = (char *)h + 2, *nl = strchr(s, '\n');
    if (!nl)
        return EXEC_HOST; /* line longer than we read: let the host judge */
    *nl = 0;
    s += strspn(s, " \t");
    size_t il = strcspn(s, " \t");
    if (!il || il >= ilen)
        return EXEC_HOST;
    memcpy(interp, s, il);
    interp[il] = 0;
    s += il;
    s += strspn(s, " \t");
    size_t al = strlen(s);
    while (al && (s[al - 1] == ' ' || s[al - 1] == '\t' || s[al - 1] == '\r'))
        al--;
    if (al >= alen)
        al = alen - 1;
    memcpy(arg, s, al);
    arg[al] = 0;
    return EXEC_SCRIPT;
}

/* The descriptor N when guest path p names an open file of ours by
 * number (/proc/self/fd/N, /proc/<our pid>/fd/N, /dev/fd/N); else -1. */
static int exec_fd_of(const char *p)
{
    char self[32];
    snprintf(self, sizeof self, "/proc/%d/fd/", (int)getpid());
    static const char *const forms[] = {"/proc/self/fd/", "/dev/fd/"};
    const char *num = NULL;
    for (size_t i = 0; i < 2 && !num; i++)
        if (!strncmp(p, forms[i], strlen(forms[i])))
            num = p + strlen(forms[i]);
    if (!num && !strncmp(p, self, strlen(self)))
        num = p + strlen(self);
    if (!num || *num < '0' || *num > '9')
        return -1;
    char *end;
    long fd = strtol(num, &end, 10);
    return *end || fd > INT_MAX ? -1 : (int)fd;
}

/* Clears or sets FD_CLOEXEC on one of emu's descriptors around an exec
 * attempt (the new emulator inherits them). */
static void exec_keep_fd(int fd, bool keep)
{
    if (fd >= 0)
        fcntl(fd, F_SETFD, keep ? 0 : FD_CLOEXEC);
}

/* The kernel's own route: execve of the guest file itself, so that its
 * binfmt_misc entry (F flag: usable in any chroot) starts an emulator on
 * it.  Our options are not passed on this way.  fdn >= 0: the file is our
 * descriptor fdn (fexecve). */
static int64_t exec_direct(const char *prog, const char *const *argv,
                           char *const *envp, int fdn)
{
    if (fdn >= 0)
        syscall(SYS_execveat, fdn, "", argv, envp, AT_EMPTY_PATH);
    else
        execve(prog, (char *const *)argv, envp);
    int err = errno;
    if (err == ENOEXEC && (emu_opts.dbg & DBG_UNIMP))
        emu_log("emu: execve %s: emu cannot re-execute itself here (no "
                "usable /proc) and no binfmt_misc entry runs the file\n", prog);
    return -err;
}

/* execve of the emulator on host path prog with guest argv (argv0 is what
 * the guest sees as argv[0]); fdn >= 0: prog is our descriptor fdn.
 * emu is re-executed through its own descriptor (emu_opts.self_fd), else
 * /proc/self/exe; where neither works (a chroot without /proc, or whose
 * /proc is a symlink loop, as debootstrap --foreign leaves it), the file
 * is exec'd directly and binfmt_misc brings the emulator back. */
/* The sibling emulator (emu-arm next to emu-aarch64 and the other way
 * round): the host path of the file of that name in our own executable's
 * directory, or NULL. */
static const char *sibling_path(char *buf, size_t n)
{
    const char *name = guest_arch->elf_machine == EM_ARM_NR ? "emu-aarch64"
                                                             : "emu-arm";
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (len <= 0)
        return NULL;
    self[len] = 0;
    char *slash = strrchr(self, '/');
    if (!slash)
        return NULL;
    *slash = 0;
    if (snprintf(buf, n, "%s/%s", self, name) >= (int)n || access(buf, X_OK))
        return NULL;
    return buf;
}

static int64_t exec_emulated(const char *prog, const char *argv0,
                             const char *const *rest, size_t nrest,
                             char *const *envp, int fdn, bool sibling)
{
    size_t n = 0;
    char fdopt[16], selfopt[16];
    int execfd = -1;
    if (fdn >= 0) {
        /* fexecve: the new emulator reads the program from an inherited
         * copy of the descriptor (the guest's may be close-on-exec) and
         * closes it once loaded, so the guest sees no extra descriptor. */
        execfd = fcntl(fdn, F_DUPFD, 3);
        if (execfd < 0)
            return -errno;
        int fl = fcntl(execfd, F_GETFL);
        if (fl >= 0 && (fl & O_PATH)) {
            /* execveat of an O_PATH descriptor: the kernel opens the file
             * itself; the new emulator needs one it can read */
            char link[40];
            snprintf(link, sizeof link, "/proc/self/fd/%d", execfd);
            int rfd = open(link, O_RDONLY);
            int err = errno;
            close(execfd);
            execfd = -1;
            if (rfd >= 0) {
                execfd = fcntl(rfd, F_DUPFD, 3);
                err = errno;
                close(rfd);
            }
            if (execfd < 0)
                return -err;
        }
        snprintf(fdopt, sizeof fdopt, "%d", execfd);
    }
    const char **v = malloc((nrest + 28) * sizeof(*v));
    if (!v) {
        if (execfd >= 0)
            close(execfd);
        return -ENOMEM;
    }
    /* v[0..2]: "emu-aarch64 -selffd N" when re-executed through self_fd;
     * the /proc/self/exe route starts at v + 2 (its copy of emu opens
     * /proc/self/exe itself). */
    snprintf(selfopt, sizeof selfopt, "%d", emu_opts.self_fd);
    v[n++] = emu_prog;
    v[n++] = "-selffd";
    v[n++] = selfopt;
    if (emu_opts.ld_prefix) {
        v[n++] = "-L";
        v[n++] = emu_opts.ld_prefix;
    }
    if (emu_opts.strace)
        v[n++] = "-strace";
    /* The new program keeps this emulator's logging and CPU options: the
     * -d categories, the -D file (its descriptor is inherited), -cpu and
     * -seed. */
    char dmask[24], logfd[16], seed[24], base[24];
    int lfd = emu_opts.log && emu_opts.log != stderr ? fileno(emu_opts.log) : -1;
    if (emu_opts.dbg) {
        snprintf(dmask, sizeof dmask, "%u", emu_opts.dbg);
        v[n++] = "-dmask";
        v[n++] = dmask;
    }
    if (lfd >= 0) {
        snprintf(logfd, sizeof logfd, "%d", lfd);
        v[n++] = "-logfd";
        v[n++] = logfd;
    }
    if (emu_opts.cpu) {
        v[n++] = "-cpu";
        v[n++] = emu_opts.cpu;
    }
    if (emu_opts.seed) {
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)emu_opts.seed);
        v[n++] = "-seed";
        v[n++] = seed;
    }
    if (guest_space_fixed_base() && !sibling) {
        /* a -B the user chose holds for the programs the guest runs */
        snprintf(base, sizeof base, "%#llx", (unsigned long long)guest_base);
        v[n++] = "-B";
        v[n++] = base;
    }
    if (execfd >= 0) {
        v[n++] = "-execfd";
        v[n++] = fdopt;
    }
    v[n++] = "-0";
    v[n++] = argv0;
    v[n++] = "--";
    v[n++] = prog;
    for (size_t i = 0; i < nrest; i++)
        v[n++] = rest[i];
    v[n] = NULL;
    if (emu_opts.log)
        fflush(emu_opts.log);
    exec_keep_fd(lfd, true);
    int err = ENOENT;
    char sib[PATH_MAX];
    if (sibling) {
        /* the other emulator, with our options; without it (not
         * installed side by side, or no /proc) the kernel's binfmt_misc
         * entry for that architecture is the way */
        const char *sp = sibling_path(sib, sizeof(sib));
        if (sp) {
            v[2] = sp;
            execve(sp, (char *const *)v + 2, envp);
        }
        err = ENOENT;
    } else if (emu_opts.self_fd >= 0) {
        exec_keep_fd(emu_opts.self_fd, true);
        syscall(SYS_execveat, emu_opts.self_fd, "", v, envp, AT_EMPTY_PATH);
        err = errno;
        exec_keep_fd(emu_opts.self_fd, false);
    }
    if (!sibling && (err == ENOENT || err == EBADF || err == EACCES)) {
        /* no descriptor (or it went stale): try /proc, which a chroot may
         * have mounted since start-up; -selffd is dropped by the new
         * emulator if it names nothing useful */
        v[2] = emu_prog;
        execve("/proc/self/exe", (char *const *)v + 2, envp);
        err = errno;
    }
    exec_keep_fd(lfd, false);
    if (execfd >= 0)
        close(execfd);
    int64_t r = -err;
    if (err == ENOENT || err == ELOOP || err == EACCES || err == ENOTDIR) {
        /* /proc is missing or unusable: let the kernel and binfmt_misc
         * run the guest file (guest argv as given) */
        v[n - nrest - 1] = argv0;
        r = exec_direct(prog, &v[n - nrest - 1], envp, fdn);
    }
    free(v);
    return r;
}

/* execve of guest path gpath; hpath, when set, is the host path to use
 * instead of mapping gpath through the -L prefix (execveat). */
static int64_t exec_common(const char *gpath, const char *hpath,
                           uint64_t gargv, uint64_t genvp)
{
    const char **argv, **envp;
    size_t argc, envc;
    int64_t r;
    if ((r = guest_strv(gargv, &argv, &argc, guest_arch->addr32)))
        return r;
    if ((r = guest_strv(genvp, &envp, &envc, guest_arch->addr32))) {
        free(argv);
        return r;
    }
    const char *empty[1] = {NULL};
    char *const *henv = envp ? (char *const *)envp : (char *const *)empty;
    if (envp)
        envp[envc] = NULL;
    if (argv)
        argv[argc] = NULL;

    char pbuf[SYS_PATH_MAX], interp[PATH_MAX], ibuf[PATH_MAX], arg[PATH_MAX];
    const char *hp = hpath ? hpath : path_guest(gpath, pbuf, sizeof(pbuf));
    /* /proc/self/exe is the guest program, not the emulator */
    int64_t ln = proc_readlink(gpath, pbuf, sizeof(pbuf) - 1);
    if (ln >= 0) {
        pbuf[ln] = 0;
        hp = pbuf;
    }
    const char *argv0 = argc ? argv[0] : "";
    const char *const *rest = argc ? argv + 1 : empty;
    size_t nrest = argc ? argc - 1 : 0;

    if (access(hp, X_OK)) {
        r = -errno;
    } else {
        int kind = exec_kind(hp, interp, sizeof(interp), arg, sizeof(arg));
        switch (kind) {
        case EXEC_GUEST:
        case EXEC_SIBLING:
            /* the kernel's deny_write_access(): emu only opens the file
             * later, so the host's execve of emu cannot see the writer */
            if ((r = sys_exec_busy(hp)))
                break;
            r = exec_emulated(hp, argv0, rest, nrest, henv, exec_fd_of(gpath),
                              kind == EXEC_SIBLING);
            break;
        case EXEC_SCRIPT: {
            /* The kernel runs: interp [arg] path argv[1..]. */
            const char *ihp = path_guest(interp, ibuf, sizeof(ibuf));
            char i2[8], a2[8];
            int ikind = exec_kind(ihp, i2, sizeof(i2), a2, sizeof(a2));
            if (ikind != EXEC_GUEST && ikind != EXEC_SIBLING) {
                r = sys_ret(execve(hp, (char *const *)argv, henv));
                break;
            }
            if ((r = sys_exec_busy(hp)) || (r = sys_exec_busy(ihp)))
                break;
            const char **v = malloc((nrest + 3) * sizeof(*v));
            if (!v) {
                r = -ENOMEM;
                break;
            }
            size_t k = 0;
            if (arg[0])
                v[k++] = arg;
            v[k++] = gpath;
            for (size_t i = 0; i < nrest; i++)
                v[k++] = rest[i];
            r = exec_emulated(ihp, interp, v, k, henv, -1,
                              ikind == EXEC_SIBLING);
            free(v);
            break;
        }
        default:
            r = sys_ret(execve(hp, argv ? (char *const *)argv
                                        : (char *const *)empty,
                               henv));
        }
    }
    free(argv);
    free(envp);
    return r;
}

int64_t sys_execve(SysCall *c)
{
    const char *gpath;
    int64_t r = sys_str(c->a[0], &gpath);
    if (r)
        return r;
    return exec_common(gpath, NULL, c->a[1], c->a[2]);
}

/* execveat(dirfd, path, argv, envp, flags): an empty path with
 * AT_EMPTY_PATH runs dirfd itself (fexecve); a relative path is looked up
 * from dirfd (through its /proc/self/fd link, which names the directory
 * even after a later chdir); AT_SYMLINK_NOFOLLOW refuses a final symlink
 * with ELOOP (execveat(2)). */
int64_t sys_execveat(SysCall *c)
{
    const char *gpath;
    int dirfd = (int)c->a[0];
    int flags = (int)c->a[4];
    int64_t r = sys_str(c->a[1], &gpath);
    if (r)
        return r;
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
        return -EINVAL;
    char hbuf[SYS_PATH_MAX], lbuf[SYS_PATH_MAX];
    if (!gpath[0]) {
        if (!(flags & AT_EMPTY_PATH))
            return -ENOENT;
        if (fcntl(dirfd, F_GETFD) < 0)
            return -EBADF;
        snprintf(hbuf, sizeof hbuf, "/proc/self/fd/%d", dirfd);
        return exec_common(hbuf, hbuf, c->a[2], c->a[3]);
    }
    const char *hp = NULL;
    if (gpath[0] != '/' && dirfd != AT_FDCWD) {
        char link[40];
        snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
        ssize_t n = readlink(link, lbuf, sizeof lbuf - 1);
        if (n < 0)
            return -EBADF;
        lbuf[n] = 0;
        struct stat st;
        if (stat(link, &st))
            return -errno;
        if (!S_ISDIR(st.st_mode))
            return -ENOTDIR;
        if (snprintf(hbuf, sizeof hbuf, "%s/%s", lbuf, gpath) >= (int)sizeof hbuf)
            return -ENAMETOOLONG;
        hp = hbuf;
    }
    if (flags & AT_SYMLINK_NOFOLLOW) {
        char pb[SYS_PATH_MAX];
        struct stat st;
        const char *lp = hp ? hp : path_guest(gpath, pb, sizeof pb);
        if (!lstat(lp, &st) && S_ISLNK(st.st_mode))
            return -ELOOP;
    }
    return exec_common(gpath, hp, c->a[2], c->a[3]);
}
