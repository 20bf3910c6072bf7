/*
 * linux-user/main.c - the command line of emu-aarch64 and emu-arm, then
 * hand-off to the loader and the cpu loop.
 *
 * Both executables link this file; each also links its guest description
 * (common/guest-arch.h), named by EMU_MAIN_GUEST at compile time
 * (a64_guest_arch by default, arm_guest_arch for emu-arm).  main() points
 * guest_arch at it first, so everything after knows the guest.
 *
 * Options follow qemu-user's (-L, -E, -U, -0, -cpu, -strace, -d, -D,
 * -seed, -B, -version, -h) and each has an EMU_* environment variable, so
 * binfmt_misc users can set them without a command line.  Options stop at
 * the first argument that is not an option: that is the guest program,
 * and everything after it belongs to the guest.
 *
 * Started by binfmt_misc (docs/binfmt.md), the command line is the
 * kernel's, not options: argv[1] is the program's path and, with the P
 * flag (AT_FLAGS_PRESERVE_ARGV0 in our auxv), argv[2] is the guest's own
 * argv[0]; without it the guest's argv[0] is the path.  With the O flag
 * the kernel has opened the program for us (AT_EXECFD), so execute-only
 * files run.  With the C flag the kernel gave us the program's setuid
 * credentials and AT_SECURE: then no EMU_* variable is read, so the user
 * cannot steer what the privileged guest loads or where emu writes, and
 * the guest gets AT_SECURE too.
 *
 * Nothing here needs /proc or a path outside a chroot: /proc/self/exe is
 * opened once if it can be (emu_opts.self_fd, for re-executing emu on a
 * guest execve) and its absence is not an error.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-arch.h"
#include "common/guest-map.h"
#include "linux-user/proc.h"
#include "linux-user/signal.h"
#include "linux-user/thread.h"
#include "loader/loader.h"
#include "tcg/tb.h"

#define EMU_VERSION "0.1"

#ifndef EMU_MAIN_GUEST
#define EMU_MAIN_GUEST a64_guest_arch
#endif
extern const GuestArch EMU_MAIN_GUEST;

extern char **environ;

#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 1 /* linux/binfmts.h, Linux 5.12+ */
#endif

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s [options] program [arguments...]\n"
            "Runs an %s Linux program on this x86-64 host.\n\n"
            "  -h                print this help\n"
            "  -version          print the version\n"
            "  -L path           guest root for absolute paths (EMU_LD_PREFIX)\n"
            "  -E var=value      set a variable in the guest environment (EMU_SET_ENV)\n"
            "  -U var            remove a variable from the guest environment (EMU_UNSET_ENV)\n"
            "  -0 argv0          argv[0] the guest sees (EMU_ARGV0)\n"
            "  -cpu model        CPU model (-cpu help lists the accepted names)\n"
            "  -strace           log system calls (EMU_STRACE)\n"
            "  -d item[,...]     log items: unimp,in_asm,op,out_asm,exec,page,signal (EMU_LOG)\n"
            "  -D file           write logs to file (EMU_LOG_FILENAME)\n"
            "  -seed n           seed for AT_RANDOM (EMU_RAND_SEED)\n"
            "  -B address        guest_base: host address of guest address 0, a\n"
            "                    multiple of 64 KiB (EMU_GUEST_BASE; emu-arm only)\n"
            "Environment: EMU_JIT=0 runs blocks in the IR interpreter.\n",
            emu_prog, guest_arch->addr32 ? "ARM (32-bit)" : "AArch64");
}

static unsigned parse_dbg(const char *s)
{
    static const struct { const char *name; unsigned bit; } items[] = {
        {"unimp", DBG_UNIMP}, {"in_asm", DBG_IN_ASM}, {"op", DBG_OP},
        {"out_asm", DBG_OUT_ASM}, {"exec", DBG_EXEC}, {"page", DBG_PAGE},
        {"signal", DBG_SIGNAL},
    };
    unsigned mask = 0;
    char *copy = strdup(s), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        size_t i;
        for (i = 0; i < sizeof(items) / sizeof(items[0]); i++)
            if (!strcmp(t, items[i].name))
                break;
        if (i == sizeof(items) / sizeof(items[0]))
            emu_fatal("unknown -d item '%s' (see -h)", t);
        mask |= items[i].bit;
    }
    free(copy);
    return mask;
}

static uint64_t parse_seed(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *end)
        emu_fatal("-seed expects a number, got '%s'", s);
    return v;
}

/* -cpu: emu implements one CPU per guest (AArch64: features in
 * cpu/aarch64/features.h); the names qemu users pass for it are
 * accepted, others are an error rather than silently ignored. */
static const char *parse_cpu(const char *s)
{
    const char *const *names = guest_arch->cpu_names;
    for (size_t i = 0; names[i]; i++)
        if (!strcmp(s, names[i]))
            return s;
    if (!strcmp(s, "help")) {
        printf("%s\n", guest_arch->cpu_help);
        for (size_t i = 0; names[i]; i++)
            printf("  %s\n", names[i]);
        exit(0);
    }
    emu_fatal("unknown CPU model '%s' (-cpu help lists them)", s);
}

/* The guest environment: the host's, edited by -E/-U in order. */
typedef struct EnvEdit { char **v; size_t n, cap; } EnvEdit;

static void env_push(EnvEdit *e, char *s)
{
    if (e->n + 2 > e->cap) {
        e->cap = e->cap ? e->cap * 2 : 64;
        e->v = realloc(e->v, e->cap * sizeof(char *));
    }
    e->v[e->n++] = s;
    e->v[e->n] = NULL;
}

static void env_unset(EnvEdit *e, const char *name)
{
    size_t len = strlen(name), j = 0;
    for (size_t i = 0; i < e->n; i++)
        if (!(strncmp(e->v[i], name, len) == 0 && e->v[i][len] == '='))
            e->v[j++] = e->v[i];
    e->n = j;
    if (e->v)
        e->v[j] = NULL;
}

static void env_set(EnvEdit *e, char *assign)
{
    char *eq = strchr(assign, '=');
    if (!eq)
        emu_fatal("-E expects var=value, got '%s'", assign);
    char *name = strndup(assign, (size_t)(eq - assign));
    env_unset(e, name);
    free(name);
    env_push(e, assign);
}

static void env_list(EnvEdit *e, const char *list, bool set)
{
    char *copy = strdup(list), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (set)
            env_set(e, strdup(t));
        else
            env_unset(e, t);
    }
    free(copy);
}

/* -D / EMU_LOG_FILENAME: the log lives on a hidden close-on-exec
 * descriptor (linux-user/log.c); a guest execve passes it on (-logfd). */
static FILE *open_log(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    FILE *f = fd >= 0 ? fdopen(emu_fd_hide(fd), "w") : NULL;
    if (!f)
        emu_fatal("cannot open log file %s: %s", path, strerror(errno));
    return f;
}

static const char *env_log_file; /* EMU_LOG_FILENAME */

/* -B / EMU_GUEST_BASE (qemu-user's -B / QEMU_GUEST_BASE): where emu-arm's
 * 4 GiB guest space lives in the host.  emu-aarch64's guest address is the
 * host address (design: guest_base 0), so it accepts only 0 on the
 * command line; it ignores the variable, which a 32-bit parent may have
 * passed down to a 64-bit child through the environment. */
static bool base_given;
static uint64_t base_value;

static void parse_guest_base(const char *s, bool from_env)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *end)
        emu_fatal("%s expects an address, got '%s'",
                  from_env ? "EMU_GUEST_BASE" : "-B", s);
    if (!guest_arch->addr32) {
        if (from_env)
            return;
        if (v)
            emu_fatal("-B %s: a guest base is not supported for 64-bit "
                      "guests (the guest address is the host address)", s);
        return;
    }
    base_given = true;
    base_value = v;
}

static void options_from_env(EnvEdit *genv)
{
    const char *s;
    if ((s = getenv("EMU_LD_PREFIX")) && *s)
        emu_opts.ld_prefix = s;
    if ((s = getenv("EMU_STRACE")) && *s)
        emu_opts.strace = true;
    if ((s = getenv("EMU_LOG")) && *s)
        emu_opts.dbg |= parse_dbg(s);
    if ((s = getenv("EMU_RAND_SEED")) && *s)
        emu_opts.seed = parse_seed(s);
    if ((s = getenv("EMU_JIT")) && !strcmp(s, "0"))
        emu_opts.no_jit = true;
    if ((s = getenv("EMU_ARGV0")) && *s)
        emu_opts.argv0 = s;
    if ((s = getenv("EMU_SET_ENV")) && *s)
        env_list(genv, s, true);
    if ((s = getenv("EMU_UNSET_ENV")) && *s)
        env_list(genv, s, false);
    if ((s = getenv("EMU_GUEST_BASE")) && *s)
        parse_guest_base(s, true);
    /* opened after the command line, which may name the log already
     * (-D, or -logfd from a parent emulator that opened this same file:
     * opening it again would truncate the parent's lines) */
    if ((s = getenv("EMU_LOG_FILENAME")) && *s)
        env_log_file = s;
}

static const char *need_arg(int argc, char **argv, int i)
{
    if (i + 1 >= argc)
        emu_fatal("option %s needs an argument (see -h)", argv[i]);
    return argv[i + 1];
}

/* -execfd N (internal, from syscall/sys-exec.c): read the program from
 * inherited descriptor N (fexecve of a guest descriptor, like the O
 * flag's AT_EXECFD) and close N once it is loaded. */
static int exec_fd = -1;

/* Parses options; returns the index of the guest program. */
static int parse_options(int argc, char **argv, EnvEdit *genv)
{
    int i;
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        const char *o = argv[i] + (argv[i][1] == '-' ? 2 : 1);
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        if (!strcmp(o, "h") || !strcmp(o, "help")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(o, "version")) {
            printf("%s version " EMU_VERSION "\n", emu_prog);
            exit(0);
        } else if (!strcmp(o, "L")) {
            emu_opts.ld_prefix = need_arg(argc, argv, i++);
        } else if (!strcmp(o, "E")) {
            env_list(genv, need_arg(argc, argv, i++), true);
        } else if (!strcmp(o, "U")) {
            env_list(genv, need_arg(argc, argv, i++), false);
        } else if (!strcmp(o, "0")) {
            emu_opts.argv0 = need_arg(argc, argv, i++);
        } else if (!strcmp(o, "cpu")) {
            emu_opts.cpu = parse_cpu(need_arg(argc, argv, i++));
        } else if (!strcmp(o, "strace")) {
            emu_opts.strace = true;
        } else if (!strcmp(o, "d")) {
            emu_opts.dbg |= parse_dbg(need_arg(argc, argv, i++));
        } else if (!strcmp(o, "D")) {
            emu_opts.log = open_log(need_arg(argc, argv, i++));
        } else if (!strcmp(o, "seed")) {
            emu_opts.seed = parse_seed(need_arg(argc, argv, i++));
        } else if (!strcmp(o, "execfd")) {
            exec_fd = (int)parse_seed(need_arg(argc, argv, i++));
        } else if (!strcmp(o, "selffd")) {
            /* internal (execve): the parent's descriptor of emu itself */
            int fd = (int)parse_seed(need_arg(argc, argv, i++));
            if (fcntl(fd, F_SETFD, FD_CLOEXEC) == 0)
                emu_opts.self_fd = emu_fd_hide(fd);
        } else if (!strcmp(o, "dmask")) {
            /* internal (execve): the parent's -d categories */
            emu_opts.dbg |= (unsigned)parse_seed(need_arg(argc, argv, i++));
        } else if (!strcmp(o, "logfd")) {
            /* internal (execve): keep appending to the parent's -D file,
             * inherited as this descriptor */
            int fd = (int)parse_seed(need_arg(argc, argv, i++));
            FILE *f = NULL;
            if (fcntl(fd, F_SETFD, FD_CLOEXEC) == 0)
                f = fdopen(emu_fd_hide(fd), "a");
            if (f)
                emu_opts.log = f;
        } else if (!strcmp(o, "B")) {
            parse_guest_base(need_arg(argc, argv, i++), false);
        } else if (!strcmp(o, "R")) {
            /* reserved VA size: the 32-bit space is always 4 GiB */
            need_arg(argc, argv, i++);
        } else if (!strcmp(o, "g")) {
            emu_fatal("-g: the gdb stub is not supported yet");
        } else {
            emu_fatal("unknown option '%s' (see -h)", argv[i]);
        }
    }
    return i;
}

/* Were we started by binfmt_misc with the O or P flag?  Then the kernel
 * wrote our command line (see the header comment). */
static bool from_binfmt(int *execfd, bool *preserve_argv0)
{
    errno = 0;
    unsigned long fd = getauxval(AT_EXECFD);
    bool have_fd = errno == 0; /* fd 0 is a valid AT_EXECFD */
    *execfd = have_fd ? (int)fd : -1;
    *preserve_argv0 = getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0;
    return have_fd || *preserve_argv0;
}

int main(int argc, char **argv)
{
    guest_arch = &EMU_MAIN_GUEST;
    emu_prog = guest_arch->prog;
    EnvEdit genv = {0};
    for (char **e = environ; *e; e++)
        env_push(&genv, *e);
    if (!genv.v)
        env_push(&genv, NULL), genv.n = 0;

    bool secure = getauxval(AT_SECURE) != 0;
    emu_opts.privileged =
        secure || getuid() != geteuid() || getgid() != getegid();
    if (!emu_opts.privileged)
        options_from_env(&genv);

    int execfd;
    bool preserve;
    const char *path;
    char **gargv;
    int gargc;
    if (from_binfmt(&execfd, &preserve)) {
        if (argc < 2)
            emu_fatal("started by binfmt_misc without a program name");
        path = argv[1];
        int first = preserve && argc >= 3 ? 2 : 1;
        gargv = &argv[first];
        gargc = argc - first;
    } else {
        int prog = parse_options(argc, argv, &genv);
        if (prog >= argc) {
            emu_fatal("no program given (usage: %s [options] program "
                      "[arguments...]; -h for help)", emu_prog);
        }
        path = argv[prog];
        gargv = &argv[prog];
        gargc = argc - prog;
        execfd = exec_fd;
    }
    emu_opts.exe_path = path;
    if (env_log_file && !emu_opts.log)
        emu_opts.log = open_log(env_log_file);
    if (emu_opts.self_fd < 0) {
        int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
        emu_opts.self_fd = fd >= 0 ? emu_fd_hide(fd) : -1;
    }

    if (guest_arch->addr32)
        guest_space_init32(base_given ? GUEST_BASE_FIXED : GUEST_BASE_AUTO,
                           base_value); /* the 4 GiB guest address space */
    sig_init();
    if (guest_arch->init)
        guest_arch->init();
    tb_init(guest_arch->translate, guest_arch->ir_info);
    guest_map_set_invalidate(tb_invalidate_range);

    if (emu_opts.argv0) {
        char **v = calloc((size_t)gargc + 1, sizeof(char *));
        memcpy(v, gargv, (size_t)gargc * sizeof(char *));
        v[0] = (char *)emu_opts.argv0;
        gargv = v;
    }

    static GuestImage img;
    char err[512];
    LoaderRequest rq = {.path = path, .fd = execfd, .argc = gargc,
                        .argv = gargv, .envp = genv.v, .secure = secure};
    if (!loader_load_ex(&rq, &img, err, sizeof(err)))
        emu_fatal("%s", err);
    if (execfd >= 0)
        close(execfd); /* the guest does not see the kernel's descriptor */
    emu_opts.real_exe = img.exe_path;
    proc_set_args(img.arg_start, img.arg_end, img.env_start, img.env_end);

    void *env = cpu_env_new();
    guest_arch->start(env, &img);
    cpu_loop(env);
}
