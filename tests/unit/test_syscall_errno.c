/*
 * tests/unit/test_syscall_errno.c - the helpers that make errors come in
 * the kernel's order (syscall/uaccess.c), the execve ETXTBSY check
 * (sys_exec_busy), and the small kernel rules of the memory calls and of
 * openat2 on the emulated /proc files, driven through the dispatcher as
 * the cpu loop drives it.  Where the rule is the kernel's, the test asks
 * the host kernel too (same call on host memory) and wants the same
 * answer.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/emu.h"
#include "linux-user/mmap.h"
#include "syscall/sys-internal.h"
#include "syscall/syscall.h"
#include "syscall/uaccess.h"

#define PG 4096
#define AT_FDCWD_G ((uint64_t)-100)

#include "sys-run.h"

/* n guest pages, the page after them unmapped (returned in *hole). */
static char *gpages(int n, char **hole)
{
    int64_t r = guest_mmap(0, (uint64_t)(n + 1) * PG, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(r > 0, "guest_mmap: %lld", (long long)r);
    char *g = (char *)(uintptr_t)r;
    cr_assert_eq(guest_munmap((uint64_t)(uintptr_t)(g + n * PG), PG), 0);
    if (hole)
        *hole = g + n * PG;
    return g;
}

static int tmp_file(char *path, const char *content)
{
    strcpy(path, "/tmp/emu-errno-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    if (content)
        cr_assert_eq(write(fd, content, strlen(content)),
                     (ssize_t)strlen(content));
    lseek(fd, 0, SEEK_SET);
    return fd;
}

/* Can the host read one byte at p?  (write() into a pipe: EFAULT when not,
 * without a signal.) */
static bool host_readable(const void *p)
{
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    bool ok = write(fds[1], p, 1) == 1;
    close(fds[0]);
    close(fds[1]);
    return ok;
}

Test(uaccess, fault_pointers)
{
    char *hole;
    char *g = gpages(1, &hole);
    uint64_t h = (uint64_t)(uintptr_t)hole;
    cr_expect_eq(sys_fault_ptr(0, 8), 0, "NULL stays NULL");
    uint64_t f = sys_fault_ptr(h + 5, 8);
    cr_expect_eq(f & (PG - 1), 5, "the page offset is kept");
    cr_expect(!guest_range_ok(f, 1, 0), "not guest memory");
    cr_expect(!host_readable((void *)(uintptr_t)f), "the host faults on it");
    cr_expect_geq(sys_fault_ptr(1ull << 48, 1), SYS_FAULT_ADDR,
                  "above the arm64 user VA: fails access_ok");
    cr_expect_geq(sys_fault_ptr(h, (uint64_t)-1 / 2), SYS_FAULT_ADDR);
    cr_expect(sys_a64_access_ok((1ull << 48) - 8, 8));
    cr_expect(!sys_a64_access_ok((1ull << 48) - 8, 9));
    cr_expect_eq(sys_ptr(h, 8, PROT_READ), f - 5 + (h & (PG - 1)));
    cr_expect_eq(sys_ptr((uint64_t)(uintptr_t)g, 8, PROT_READ),
                 (uint64_t)(uintptr_t)g);
    guest_munmap((uint64_t)(uintptr_t)g, PG);
}

Test(uaccess, bounce_for_a_partly_good_buffer)
{
    char *hole;
    char *g = gpages(1, &hole);
    uint64_t a = (uint64_t)(uintptr_t)(g + PG - 8);
    memcpy(g + PG - 8, "12345678", 8);
    SysFix f = {0};
    cr_expect_eq(sys_fix(&f, (uint64_t)(uintptr_t)g, PG, PROT_WRITE),
                 (uint64_t)(uintptr_t)g, "good: as is");
    cr_expect_null(f.recs, "nothing made on the fast path");
    char *b = (char *)(uintptr_t)sys_fix(&f, a, 100, PROT_WRITE);
    cr_assert_neq((uint64_t)(uintptr_t)b, a);
    cr_expect_eq((uintptr_t)b & (PG - 1), a & (PG - 1), "same page offset");
    cr_expect(!memcmp(b, "12345678", 8), "the good prefix, copied");
    cr_expect(!host_readable(b + 8), "faults where the guest's does");
    memcpy(b, "abcdefgh", 8);
    cr_expect_eq(sys_fix_done(&f, 8), 8);
    cr_expect(!memcmp(g + PG - 8, "abcdefgh", 8), "copied back");
    cr_expect_null(f.recs);
    /* a read-only start is no good prefix for a write */
    cr_assert_eq(guest_mprotect((uint64_t)(uintptr_t)g, PG, PROT_READ), 0);
    uint64_t r = sys_fix(&f, a, 100, PROT_WRITE);
    cr_expect(!host_readable((void *)(uintptr_t)r), "a fault pointer");
    cr_expect_null(f.recs);
    guest_munmap((uint64_t)(uintptr_t)g, PG);
}

Test(uaccess, strings_are_read_as_far_as_the_kernel_reads)
{
    char *hole;
    char *g = gpages(1, &hole);
    memset(g, 'a', PG);
    uint64_t s = (uint64_t)(uintptr_t)g;
    cr_expect_eq(sys_fix_str(s, SYS_PATH_MAX), s, "PATH_MAX bytes readable");
    cr_expect_neq(sys_fix_str(s + 100, SYS_PATH_MAX), s + 100,
                  "runs into unmapped memory first");
    cr_expect_eq(sys_fix_str(s + PG - 16, 15), s + PG - 16,
                 "only 15 bytes are read (PR_SET_NAME)");
    g[PG - 1] = 0;
    cr_expect_eq(sys_fix_str(s + 100, SYS_PATH_MAX), s + 100, "terminated");
    cr_expect_eq(sys_fix_str(0, 10), 0);
    guest_munmap(s, PG);
}

Test(uaccess, range_prefix)
{
    char *g = gpages(3, NULL);
    uint64_t a = (uint64_t)(uintptr_t)g;
    cr_assert_eq(guest_mprotect(a + PG, PG, PROT_READ), 0);
    cr_expect_eq(guest_range_prefix(a, 3 * PG, 0), 3 * PG);
    cr_expect_eq(guest_range_prefix(a + 100, 3 * PG, 0), 3 * PG - 100);
    cr_expect_eq(guest_range_prefix(a, 3 * PG, PROT_WRITE), PG);
    cr_expect_eq(guest_range_prefix(a, 5 * PG, PROT_READ), 3 * PG);
    cr_expect_eq(guest_range_prefix(a + 3 * PG, PG, 0), 0);
    guest_munmap(a, 3 * PG);
}

Test(uaccess, readv_short_count_and_error_order)
{
    char path[64], *hole;
    int fd = tmp_file(path, "abcdefgh");
    char *g = gpages(1, &hole);
    struct iovec *v = (struct iovec *)(uintptr_t)g;
    char *buf = g + 1024;
    v[0] = (struct iovec){buf, 4};
    v[1] = (struct iovec){hole, 10};
    /* the kernel fills the first segment and stops at the fault */
    struct iovec hv[2] = {{malloc(4), 4}, {mmap(NULL, PG, PROT_NONE,
                                                MAP_PRIVATE | MAP_ANONYMOUS,
                                                -1, 0),
                                           10}};
    cr_expect_eq(readv(fd, hv, 2), 4, "the host kernel's answer");
    lseek(fd, 0, SEEK_SET);
    cr_expect_eq(SC(65, (uint64_t)fd, (uint64_t)(uintptr_t)v, 2), 4);
    cr_expect(!memcmp(buf, "abcd", 4));
    /* a bad descriptor first, whatever the array */
    cr_expect_eq(SC(65, 999, (uint64_t)(uintptr_t)hole, 2), -EBADF);
    v[0].iov_len = (size_t)-1;
    cr_expect_eq(SC(65, 999, (uint64_t)(uintptr_t)v, 2), -EBADF);
    cr_expect_eq(SC(65, (uint64_t)fd, (uint64_t)(uintptr_t)v, 2), -EINVAL);
    cr_expect_eq(SC(65, (uint64_t)fd, (uint64_t)(uintptr_t)hole, 1), -EFAULT);
    free(hv[0].iov_base);
    munmap(hv[1].iov_base, PG);
    close(fd);
    unlink(path);
    guest_munmap((uint64_t)(uintptr_t)g, PG);
}

Test(uaccess, recvmsg_results_reach_a_rewritten_msghdr)
{
    int sv[2];
    cr_assert_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
    char *hole;
    char *g = gpages(1, &hole);
    struct msghdr *m = (struct msghdr *)(uintptr_t)g;
    struct iovec *v = (struct iovec *)(uintptr_t)(g + 256);
    v[0] = (struct iovec){g + 512, 16};
    /* an unnamed peer: no address comes back, so the bad name is never
     * touched, and msg_namelen becomes 0 (the host's copy of the msghdr
     * goes back to the guest's) */
    *m = (struct msghdr){.msg_name = hole, .msg_namelen = 16, .msg_iov = v,
                         .msg_iovlen = 1, .msg_flags = 0x55};
    cr_assert_eq(send(sv[1], "ping", 4, 0), 4);
    cr_expect_eq(SC(212, (uint64_t)sv[0], (uint64_t)(uintptr_t)m, 0), 4);
    cr_expect_eq(m->msg_namelen, 0);
    cr_expect_eq(m->msg_flags, 0);
    cr_expect(!memcmp(g + 512, "ping", 4));
    /* the same on host memory, to the host kernel */
    char hb[16];
    struct iovec hv = {hb, sizeof(hb)};
    struct msghdr hm = {.msg_name = mmap(NULL, PG, PROT_NONE,
                                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                        .msg_namelen = 16, .msg_iov = &hv, .msg_iovlen = 1};
    cr_assert_eq(send(sv[1], "ping", 4, 0), 4);
    cr_expect_eq(recvmsg(sv[0], &hm, 0), 4);
    cr_expect_eq(hm.msg_namelen, 0);
    munmap(hm.msg_name, PG);
    close(sv[0]);
    close(sv[1]);
    guest_munmap((uint64_t)(uintptr_t)g, PG);
}

Test(memory, mlock_rounds_an_unaligned_start)
{
    char *hole;
    char *g = gpages(1, &hole);
    uint64_t a = (uint64_t)(uintptr_t)g, h = (uint64_t)(uintptr_t)hole;
    cr_expect_eq(SC(228, a + 100, 100), 0, "mlock");
    cr_expect_eq(SC(229, a + 100, 100), 0, "munlock");
    cr_expect_eq(SC(284, a + 1, 10, 0), 0, "mlock2");
    cr_expect_eq(SC(229, a, PG), 0);
    cr_expect_eq(SC(228, a + PG - 1, 2), -ENOMEM, "the next page is unmapped");
    cr_expect_eq(SC(228, h, PG), -ENOMEM);
    cr_expect_eq(SC(284, h, PG, (uint64_t)-1), -EINVAL, "flags first");
    cr_expect_eq(SC(228, h, 0), 0, "empty");
    cr_expect_eq(SC(233, h, PG, 999), -EINVAL, "madvise: the advice first");
    cr_expect_eq(SC(227, a, (uint64_t)-1, MS_ASYNC), 0,
                 "msync: the length rounds to 0");
    guest_munmap(a, PG);
}

Test(memory, munmap_range_rules)
{
    cr_expect_eq(guest_munmap(1ull << 48, PG), -EINVAL);
    cr_expect_eq(guest_munmap((1ull << 48) - PG, 2 * PG), -EINVAL);
    cr_expect_eq(guest_munmap((uint64_t)-PG, PG), -EINVAL);
    cr_expect_eq(guest_munmap(0x10000, 0), -EINVAL);
}

/* execve(2): ETXTBSY while the file is open for writing anywhere. */
static int exec_errno(const char *path)
{
    pid_t p = fork();
    if (p == 0) {
        char *argv[] = {(char *)path, NULL}, *envp[] = {NULL};
        execve(path, argv, envp);
        _exit(errno);
    }
    int st;
    waitpid(p, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(exec, busy_while_open_for_writing)
{
    char path[64];
    int fd = tmp_file(path, NULL);
    int src = open("/bin/true", O_RDONLY);
    cr_assert(src >= 0);
    char buf[65536];
    for (ssize_t n; (n = read(src, buf, sizeof(buf))) > 0;)
        cr_assert_eq(write(fd, buf, (size_t)n), n);
    close(src);
    fchmod(fd, 0755);
    close(fd);

    cr_expect_eq(sys_exec_busy(path), 0);
    cr_expect_eq(exec_errno(path), 0, "the kernel runs it");

    int w = open(path, O_WRONLY);
    cr_assert(w >= 0);
    cr_expect_eq(sys_exec_busy(path), -ETXTBSY);
    cr_expect_eq(exec_errno(path), ETXTBSY, "the kernel's answer");
    close(w);
    cr_expect_eq(sys_exec_busy(path), 0);
    /* the lease is gone: a writer does not wait for it */
    w = open(path, O_WRONLY | O_NONBLOCK);
    cr_expect(w >= 0, "open for writing: %s", strerror(errno));
    close(w);

    /* a writer in another process */
    int go[2];
    cr_assert_eq(pipe(go), 0);
    pid_t child = fork();
    if (child == 0) {
        int cw = open(path, O_WRONLY);
        char c = cw >= 0 ? 'y' : 'n';
        write(go[1], &c, 1);
        pause();
        _exit(0);
    }
    char c = 0;
    cr_assert_eq(read(go[0], &c, 1), 1);
    cr_assert_eq(c, 'y');
    cr_expect_eq(sys_exec_busy(path), -ETXTBSY);
    cr_expect_eq(exec_errno(path), ETXTBSY);
    /* without the right to a lease the answer is "not known" */
    if (geteuid() == 0) {
        pid_t n = fork();
        if (n == 0) {
            if (setgid(65534) || setuid(65534))
                _exit(2);
            _exit(sys_exec_busy(path) == 0 ? 0 : 1);
        }
        int st;
        waitpid(n, &st, 0);
        cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0,
                  "unprivileged, not the owner: 0");
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    close(go[0]);
    close(go[1]);
    cr_expect_eq(sys_exec_busy(path), 0);
    cr_expect_eq(sys_exec_busy("/tmp"), 0, "a directory: no lease, 0");
    cr_expect_eq(sys_exec_busy("/nonexistent/x"), 0);
    unlink(path);
}

Test(proc, openat2_resolve_rules_on_emulated_files)
{
    const char *saved = emu_opts.real_exe;
    emu_opts.real_exe = "/bin/true";
    char *g = gpages(1, NULL);
    strcpy(g, "/proc/self/exe");
    strcpy(g + 64, "/proc/self/maps");
    struct open_how *how = (struct open_how *)(uintptr_t)(g + 256);
    uint64_t exe = (uint64_t)(uintptr_t)g, maps = exe + 64;
    uint64_t h = (uint64_t)(uintptr_t)how;

    *how = (struct open_how){.flags = O_RDONLY};
    int64_t fd = SC(437, AT_FDCWD_G, exe, h, sizeof(*how));
    cr_expect_geq(fd, 0, "plain: %lld", (long long)fd);
    close((int)fd);
    how->resolve = RESOLVE_NO_MAGICLINKS;
    cr_expect_eq(SC(437, AT_FDCWD_G, exe, h, sizeof(*how)), -ELOOP);
    fd = SC(437, AT_FDCWD_G, maps, h, sizeof(*how));
    cr_expect_geq(fd, 0, "maps is no magic link: %lld", (long long)fd);
    close((int)fd);
    how->resolve = RESOLVE_NO_SYMLINKS;
    cr_expect_eq(SC(437, AT_FDCWD_G, maps, h, sizeof(*how)), -ELOOP,
                 "/proc/self is a symlink");
    how->resolve = 0;
    how->mode = 0644;
    cr_expect_eq(SC(437, AT_FDCWD_G, maps, h, sizeof(*how)), -EINVAL,
                 "mode without O_CREAT");
    cr_expect_eq(SC(56, AT_FDCWD_G, exe, 0100000 /* arm64 O_NOFOLLOW */, 0),
                 -ELOOP);
    cr_expect_eq(SC(56, AT_FDCWD_G, exe, O_WRONLY, 0), -ETXTBSY);
    emu_opts.real_exe = saved;
    guest_munmap(exe, PG);
}
