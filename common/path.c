/*
 * common/path.c - the -L prefix (EMU_LD_PREFIX): guest path -> host path.
 *
 * Rule (qemu-user's linux-user path()): with a prefix set, an absolute guest
 * path P becomes PREFIX/P when that exists (access(F_OK), which follows
 * symlinks), otherwise P itself.  Relative paths, and every path when no
 * prefix is set (or the prefix is "/"), are returned unchanged.
 *
 * Deviation from qemu: /dev, /proc and /sys (and everything under them)
 * are always the host's.  They are kernel file systems, and a root file
 * system used as prefix (debootstrap's) holds only static copies that do
 * not behave like the real ones: its dev/ptmx looks for the devpts
 * instance at "pts" next to itself and fails with ENODEV (so openpty()
 * breaks), its dev/shm is a plain directory not shared with the host, an
 * empty proc/ directory hides every process.  On hardware the guest sees
 * the live ones, so we give it those.
 *
 * Deviation from qemu: qemu caches each answer forever, so a file created
 * under the prefix later is never seen; we probe every time (one access()
 * per path syscall, cheap next to the syscall itself).
 *
 * The prefix is made absolute once (so a guest chdir() cannot change its
 * meaning) and re-read if emu_opts.ld_prefix changes (unit tests do).
 */
#include <limits.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/path.h"

static pthread_mutex_t path_lock = PTHREAD_MUTEX_INITIALIZER;
static char path_given[PATH_MAX]; /* emu_opts.ld_prefix as last seen */
static char path_abs[PATH_MAX];   /* its absolute form, "" = no prefix */

/* Copies the absolute prefix into out ("" when none); false if none. */
static bool path_prefix(char *out, size_t outlen)
{
    const char *given = emu_opts.ld_prefix;
    if (!given || !given[0]) {
        out[0] = '\0';
        return false;
    }
    pthread_mutex_lock(&path_lock);
    if (strcmp(given, path_given) != 0) {
        snprintf(path_given, sizeof path_given, "%s", given);
        if (!realpath(given, path_abs)) {
            /* Missing prefix: keep it (made absolute) so every probe simply
             * fails and paths fall through to the host's. */
            char cwd[PATH_MAX];
            int n = -1;
            if (given[0] != '/' && getcwd(cwd, sizeof cwd))
                n = snprintf(path_abs, sizeof path_abs, "%s/%s", cwd, given);
            if (n < 0 || (size_t)n >= sizeof path_abs)
                snprintf(path_abs, sizeof path_abs, "%s", given);
        }
        if (strcmp(path_abs, "/") == 0) /* prefix "/" means no prefix */
            path_abs[0] = '\0';
    }
    snprintf(out, outlen, "%s", path_abs);
    pthread_mutex_unlock(&path_lock);
    return out[0] != '\0';
}

/* Is absolute path p /dev, /proc or /sys or below (repeated slashes
 * allowed, as the kernel allows them)? */
static bool path_is_kernel_fs(const char *p)
{
    static const char *const dirs[] = {"dev", "proc", "sys"};
    p += strspn(p, "/");
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        size_t n = strlen(dirs[i]);
        if (!strncmp(p, dirs[i], n) && (p[n] == '/' || p[n] == '\0'))
            return true;
    }
    return false;
}

const char *path_guest(const char *p, char *buf, size_t buflen)
{
    char prefix[PATH_MAX];
    if (!p || p[0] != '/' || path_is_kernel_fs(p) ||
        !path_prefix(prefix, sizeof prefix))
        return p;
    int n = snprintf(buf, buflen, "%s%s", prefix, p);
    if (n < 0 || (size_t)n >= buflen)
        return p; /* too long to prefix: the host path is all we can offer */
    return access(buf, F_OK) == 0 ? buf : p;
}
