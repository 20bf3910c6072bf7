/*
 * tests/unit/test_path.c - path_guest(), the -L prefix rule (qemu-user's):
 * absolute paths that exist under the prefix map there, everything else is
 * left alone.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/emu.h"
#include "linux-user/path.h"

static char root[256];
static char buf[PATH_MAX];

static void touch(const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s%s", root, rel);
    int fd = open(p, O_WRONLY | O_CREAT, 0644);
    cr_assert(fd >= 0, "%s", p);
    close(fd);
}

static void setup(void)
{
    snprintf(root, sizeof root, "/tmp/emu-test-path-XXXXXX");
    cr_assert(mkdtemp(root));
    char p[512];
    snprintf(p, sizeof p, "%s/lib", root);
    mkdir(p, 0755);
    touch("/lib/ld-test.so");
    emu_opts.ld_prefix = root;
}

static void teardown(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    (void)!system(cmd);
    emu_opts.ld_prefix = NULL;
}

TestSuite(path, .init = setup, .fini = teardown);

Test(path, existing_file_under_prefix)
{
    char want[512];
    snprintf(want, sizeof want, "%s/lib/ld-test.so", root);
    const char *r = path_guest("/lib/ld-test.so", buf, sizeof buf);
    cr_assert_eq(r, buf);
    cr_assert_str_eq(r, want);
    /* directories count too (qemu probes any absolute path) */
    snprintf(want, sizeof want, "%s/lib", root);
    cr_assert_str_eq(path_guest("/lib", buf, sizeof buf), want);
}

Test(path, missing_under_prefix_falls_back)
{
    const char *p = "/etc/passwd";
    cr_assert_eq(path_guest(p, buf, sizeof buf), p);
    const char *q = "/proc/self/maps";
    cr_assert_eq(path_guest(q, buf, sizeof buf), q);
}

Test(path, relative_and_null_unchanged)
{
    const char *p = "lib/ld-test.so";
    cr_assert_eq(path_guest(p, buf, sizeof buf), p);
    cr_assert_null(path_guest(NULL, buf, sizeof buf));
    const char *e = "";
    cr_assert_eq(path_guest(e, buf, sizeof buf), e);
}

Test(path, no_prefix_or_root_prefix)
{
    const char *p = "/lib/ld-test.so";
    emu_opts.ld_prefix = NULL;
    cr_assert_eq(path_guest(p, buf, sizeof buf), p);
    emu_opts.ld_prefix = "";
    cr_assert_eq(path_guest(p, buf, sizeof buf), p);
    emu_opts.ld_prefix = "/";
    const char *q = "/etc/passwd";
    cr_assert_eq(path_guest(q, buf, sizeof buf), q);
}

Test(path, relative_prefix_survives_chdir)
{
    char cwd[PATH_MAX], want[512];
    cr_assert(getcwd(cwd, sizeof cwd));
    cr_assert(chdir("/tmp") == 0);
    emu_opts.ld_prefix = strrchr(root, '/') + 1; /* relative to /tmp */
    snprintf(want, sizeof want, "%s/lib/ld-test.so", root);
    cr_assert_str_eq(path_guest("/lib/ld-test.so", buf, sizeof buf), want);
    cr_assert(chdir("/") == 0); /* the guest chdir()s: prefix keeps meaning */
    cr_assert_str_eq(path_guest("/lib/ld-test.so", buf, sizeof buf), want);
    cr_assert(chdir(cwd) == 0);
}

Test(path, new_files_are_seen)
{
    /* No negative caching (qemu caches forever; we do not). */
    const char *p = "/lib/later.so";
    cr_assert_eq(path_guest(p, buf, sizeof buf), p);
    touch("/lib/later.so");
    cr_assert_eq(path_guest(p, buf, sizeof buf), buf);
}

Test(path, prefix_change_is_noticed)
{
    const char *p = "/lib/ld-test.so";
    cr_assert_eq(path_guest(p, buf, sizeof buf), buf);
    emu_opts.ld_prefix = "/nonexistent-emu-prefix";
    cr_assert_eq(path_guest(p, buf, sizeof buf), p);
}

Test(path, too_long_falls_back)
{
    char small[8];
    const char *p = "/lib/ld-test.so";
    cr_assert_eq(path_guest(p, small, sizeof small), p);
}

/* The host's /dev, /proc and /sys always win over a root file system's
 * copies: a debootstrapped root's dev/ptmx is not a working pty master,
 * and /proc must describe this process (linux-user/path.c). */
Test(path, host_dev_proc_sys_are_not_redirected)
{
    char p[512];
    snprintf(p, sizeof p, "%s/dev", root);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/proc", root);
    mkdir(p, 0755);
    touch("/dev/ptmx");
    cr_assert_str_eq(path_guest("/dev/ptmx", buf, sizeof buf), "/dev/ptmx");
    cr_assert_str_eq(path_guest("/proc", buf, sizeof buf), "/proc");
    cr_assert_str_eq(path_guest("/proc/self/maps", buf, sizeof buf),
                     "/proc/self/maps");
}
