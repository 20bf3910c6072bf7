/*
 * tools/binfmt/bf-namespace.c - emu-binfmt --namespace: a command in a new
 * user + mount namespace (and with --pid, a PID namespace) whose private
 * binfmt_misc instance holds emu's entries, for root or any user.
 *
 * Kernel facts this relies on:
 * - Since Linux 6.7 binfmt_misc may be mounted in a user namespace
 *   (FS_USERNS_MOUNT), and each user namespace gets its own instance
 *   (keyed by the namespace, fs/binfmt_misc.c bm_get_tree()).  Exec in the
 *   namespace uses that instance only, so the host's entries (qemu's
 *   included) neither apply nor change.  Older kernels refuse the mount.
 * - After unshare(CLONE_NEWUSER) the caller may write its own uid_map with
 *   one line mapping its euid, and gid_map likewise once setgroups is
 *   "deny" (user_namespaces(7)).  Mapping more (the whole range, so that
 *   chown and setuid work for real root) needs CAP_SETUID/CAP_SETGID in
 *   the PARENT namespace, held by the writer and the opener of the file,
 *   which the unshared process no longer has; so for root a helper child,
 *   forked before unshare and still in the parent namespace, writes the
 *   maps (new_idmap_permitted(), kernel/user_namespace.c).  The identity
 *   map copies our own ranges, so root inside a user namespace works too.
 * - A mount namespace created with a new user namespace turns shared
 *   mounts into slaves, and we make everything private besides, so the
 *   binfmt_misc and /proc mounts never propagate back to the host.
 * - With CLONE_NEWPID only the next child is in the new namespace, as its
 *   PID 1: we fork, the child mounts a /proc of its namespace and then
 *   binfmt_misc on top of that /proc (a /proc mounted later would hide it).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tools/binfmt/binfmt.h"

#define BF_SETUP_FAILED 125 /* as env(1) and chroot(1) report their own */

/* The identity map of the ranges in /proc/self/<file> ("first lower
 * count" lines: first is our id; it stays that id one level down). */
static int bf_identity_map(const char *file, char *out, size_t size)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/self/%s", file);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t len = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (len <= 0)
        return -1;
    buf[len] = '\0';
    out[0] = '\0';
    size_t used = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned long first, lower, count;
        if (sscanf(line, "%lu %lu %lu", &first, &lower, &count) != 3)
            continue;
        int n = snprintf(out + used, size - used, "%lu %lu %lu\n", first, first,
                         count);
        if (n < 0 || (size_t)n >= size - used)
            return -1;
        used += (size_t)n;
    }
    return used ? 0 : -1;
}

static int bf_write_proc(pid_t pid, const char *file, const char *text)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    size_t len = strlen(text);
    ssize_t w = write(fd, text, len); /* one write: the kernel's rule */
    int err = w == (ssize_t)len ? 0 : w < 0 ? errno : EIO;
    close(fd);
    return err;
}

/* Returns 0 or an errno value. */
static int bf_write_maps(pid_t pid, const char *uid_map, const char *gid_map,
                         bool deny_setgroups)
{
    int err;
    if (deny_setgroups && (err = bf_write_proc(pid, "setgroups", "deny")))
        return err;
    if ((err = bf_write_proc(pid, "uid_map", uid_map)))
        return err;
    return bf_write_proc(pid, "gid_map", gid_map);
}

/* A child in the parent user namespace writes the maps of parent once it
 * has unshared; returns its pid, with *go and *done the pipe ends. */
static pid_t bf_start_map_helper(pid_t parent, const char *uid_map,
                                 const char *gid_map, int *go, int *done)
{
    int p_go[2], p_done[2];
    if (pipe2(p_go, O_CLOEXEC) < 0)
        return -1;
    if (pipe2(p_done, O_CLOEXEC) < 0) {
        close(p_go[0]);
        close(p_go[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        char b;
        close(p_go[1]);
        close(p_done[0]);
        int err = EPIPE;
        if (read(p_go[0], &b, 1) == 1)
            err = bf_write_maps(parent, uid_map, gid_map, false);
        if (write(p_done[1], &err, sizeof err) < 0)
            _exit(1);
        _exit(0);
    }
    close(p_go[0]);
    close(p_done[1]);
    if (pid < 0) {
        close(p_go[1]);
        close(p_done[0]);
        return -1;
    }
    *go = p_go[1];
    *done = p_done[0];
    return pid;
}

/* unshare() and the id maps; returns 0 or -1 (message printed). */
static int bf_enter_namespaces(const struct bf_opts *o)
{
    uid_t euid = geteuid();
    gid_t egid = getegid();
    char uid_map[4096], gid_map[4096];
    bool full = euid == 0 &&
                bf_identity_map("uid_map", uid_map, sizeof uid_map) == 0 &&
                bf_identity_map("gid_map", gid_map, sizeof gid_map) == 0;
    int go = -1, done = -1;
    pid_t helper = -1;
    if (full)
        helper = bf_start_map_helper(getpid(), uid_map, gid_map, &go, &done);

    int flags =
        CLONE_NEWUSER | CLONE_NEWNS | (o->new_pid_ns ? CLONE_NEWPID : 0);
    if (unshare(flags) < 0) {
        int err = errno;
        if (helper > 0) {
            close(go); /* the helper reads EOF and leaves */
            close(done);
            waitpid(helper, NULL, 0);
        }
        if (err == EPERM || err == EACCES)
            bf_error("cannot create a user namespace: %s (unprivileged user "
                     "namespaces may be off: sysctl kernel."
                     "unprivileged_userns_clone, user.max_user_namespaces, "
                     "or a security policy)",
                     strerror(err));
        else if (err == ENOSPC || err == EUSERS)
            bf_error("cannot create a user namespace: %s (user."
                     "max_user_namespaces reached)",
                     strerror(err));
        else
            bf_error("cannot create a user and mount namespace: %s",
                     strerror(err));
        return -1;
    }

    int err = -1;
    if (helper > 0) {
        if (write(go, "g", 1) != 1 ||
            read(done, &err, sizeof err) != sizeof err)
            err = EPIPE;
        close(go);
        close(done);
        waitpid(helper, NULL, 0);
        if (err)
            bf_warn("cannot map every id into the namespace (%s): only root "
                    "is mapped",
                    strerror(err));
    }
    if (err) {
        /* The unprivileged rule: our own euid and egid, setgroups denied. */
        snprintf(uid_map, sizeof uid_map, "0 %u 1\n", (unsigned)euid);
        snprintf(gid_map, sizeof gid_map, "0 %u 1\n", (unsigned)egid);
        err = bf_write_maps(getpid(), uid_map, gid_map, true);
        if (err) {
            bf_error("cannot write the id maps of the new user namespace: %s",
                     strerror(err));
            return -1;
        }
    }
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
        bf_error("cannot make the new mount namespace private: %s",
                 strerror(errno));
        return -1;
    }
    return 0;
}

static int bf_mount_private_binfmt(void)
{
    if (mount("binfmt_misc", BF_DIR, "binfmt_misc",
              MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0)
        return 0;
    int err = errno;
    struct utsname u;
    if (uname(&u) < 0)
        strcpy(u.release, "unknown");
    if (err == ENOENT)
        bf_error("cannot mount a private binfmt_misc: %s does not exist "
                 "(is /proc mounted?)",
                 BF_DIR);
    else if (err == ENODEV)
        bf_error("cannot mount a private binfmt_misc: this kernel has no "
                 "binfmt_misc (%s)",
                 strerror(err));
    else
        bf_error("cannot mount a private binfmt_misc on %s: %s: the kernel "
                 "is too old (private instances need Linux 6.7 or later; "
                 "this is %s)",
                 BF_DIR, strerror(err), u.release);
    return -1;
}

static volatile pid_t bf_child;

static void bf_forward_signal(int sig)
{
    if (bf_child > 0)
        kill(bf_child, sig);
}

/* The parent outside the new PID namespace: waits for its PID 1 and
 * leaves as it did. */
static int bf_wait_child(pid_t child)
{
    struct sigaction sa = {.sa_handler = bf_forward_signal};
    bf_child = child;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* The terminal sends these to the whole foreground group, the child
     * included: the parent stays to report its status. */
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    int status;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR) {
            bf_error("waitpid: %s", strerror(errno));
            return BF_SETUP_FAILED;
        }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    int sig = WTERMSIG(status);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    kill(getpid(), sig);
    return 128 + sig;
}

int bf_namespace_run(const struct bf_opts *o_in, char **cmd)
{
    struct bf_opts o = *o_in;
    o.info = stderr; /* the command's stdout stays its own */
    if (bf_enter_namespaces(&o) < 0)
        return BF_SETUP_FAILED;
    if (o.new_pid_ns) {
        fflush(NULL);
        pid_t child = fork();
        if (child < 0) {
            bf_error("fork: %s", strerror(errno));
            return BF_SETUP_FAILED;
        }
        if (child > 0)
            return bf_wait_child(child);
        /* PID 1 of the new namespace: dies with the parent. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                  NULL) < 0) {
            bf_error("cannot mount a /proc for the new PID namespace: %s",
                     strerror(errno));
            _exit(BF_SETUP_FAILED);
        }
    }
    if (bf_mount_private_binfmt() < 0 || bf_register_all(&o) != 0)
        _exit(BF_SETUP_FAILED);

    char *shell[2] = {getenv("SHELL"), NULL};
    if (!cmd[0]) {
        if (!shell[0] || !shell[0][0])
            shell[0] = "/bin/sh";
        cmd = shell;
    }
    fflush(NULL);
    execvp(cmd[0], cmd);
    int err = errno;
    bf_error("cannot run %s: %s", cmd[0], strerror(err));
    _exit(err == ENOENT ? 127 : 126);
}
