/*
 * tests/unit/test_syscall.c - the syscall dispatcher and the guest memory
 * map, driven as the cpu loop drives them: an A64State with the number in
 * x8 and arguments in x0..x5, real host syscalls underneath.  Guest buffers
 * come from guest_mmap(), so they are in the guest map; host buffers (this
 * test's stack and data) are not, and must give -EFAULT.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/emu.h"
#include "linux-user/mmap.h"
#include "syscall/conv.h"
#include "syscall/syscall.h"

#define AT_FDCWD_G ((uint64_t)-100)

#include "sys-run.h"

static char *gmem(size_t len)
{
    int64_t r = guest_mmap(0, len, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(r > 0, "guest_mmap: %lld", (long long)r);
    return (char *)(uintptr_t)r;
}

static char tmp_path[64];

static void mk_tmp(const char *content)
{
    strcpy(tmp_path, "/tmp/emu-sys-XXXXXX");
    int fd = mkstemp(tmp_path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    close(fd);
}

Test(syscall, getpid_and_unknown)
{
    cr_expect_eq(SC0(172), getpid());
    cr_expect_eq(SC0(178), gettid());
    cr_expect_eq(SC0(9999), -ENOSYS);
    cr_expect_eq(SC0(425), -ENOSYS); /* io_uring_setup: listed, NOSYS */
}

Test(syscall, openat_read_fstat)
{
    mk_tmp("hello, guest\n");
    char *g = gmem(8192);
    strcpy(g, tmp_path);
    int64_t fd = SC(56, AT_FDCWD_G, (uint64_t)g, O_RDONLY, 0);
    cr_assert(fd >= 0, "openat: %lld", (long long)fd);
    char *buf = g + 4096;
    cr_expect_eq(SC(63, (uint64_t)fd, (uint64_t)buf, 100), 13);
    cr_expect(!memcmp(buf, "hello, guest\n", 13));

    A64Stat *st = (A64Stat *)(g + 1024);
    struct stat hs;
    cr_assert_eq(stat(tmp_path, &hs), 0);
    cr_expect_eq(SC(79, AT_FDCWD_G, (uint64_t)g, (uint64_t)st, 0), 0);
    cr_expect_eq(st->st_size, 13);
    cr_expect_eq(st->st_ino, hs.st_ino);
    cr_expect_eq(st->st_mode, hs.st_mode);
    cr_expect_eq(st->st_nlink, 1);
    cr_expect_eq(st->st_mtime_sec, hs.st_mtim.tv_sec);
    memset(st, 0, sizeof(*st));
    cr_expect_eq(SC(80, (uint64_t)fd, (uint64_t)st), 0);
    cr_expect_eq(st->st_size, 13);
    cr_expect_eq(st->st_blksize, hs.st_blksize);

    /* F_GETFL answers in arm64 encoding: O_LARGEFILE is 0400000 there */
    int64_t fl = SC(25, (uint64_t)fd, F_GETFL, 0);
    cr_expect(fl & 0400000);
    cr_expect(!(fl & 0100000));
    cr_expect_eq(SC(57, (uint64_t)fd), 0);

    /* arm64 O_DIRECTORY (040000) on a regular file */
    cr_expect_eq(SC(56, AT_FDCWD_G, (uint64_t)g, 040000, 0), -ENOTDIR);
    unlink(tmp_path);
    cr_expect_eq(guest_munmap((uint64_t)g, 8192), 0);
}

Test(syscall, bad_pointers_are_efault)
{
    char host_buf[64];
    mk_tmp("x");
    char *g = gmem(4096);
    strcpy(g, tmp_path);
    int64_t fd = SC(56, AT_FDCWD_G, (uint64_t)g, O_RDONLY, 0);
    cr_assert(fd >= 0);
    /* host memory that the guest does not own */
    cr_expect_eq(SC(63, (uint64_t)fd, (uint64_t)host_buf, sizeof(host_buf)), -EFAULT);
    cr_expect_eq(SC(63, (uint64_t)fd, 0, 10), -EFAULT);
    cr_expect_eq(SC(63, (uint64_t)fd, 0x1000, 10), -EFAULT);
    /* a buffer running off the end of the guest mapping gets the bytes
     * that fit (the file holds one), as from the kernel */
    cr_expect_eq(SC(63, (uint64_t)fd, (uint64_t)g + 4000, 200), 1);
    lseek((int)fd, 0, SEEK_SET);
    cr_expect_eq(SC(56, AT_FDCWD_G, 0x1000, O_RDONLY, 0), -EFAULT);
    cr_expect_eq(SC(56, AT_FDCWD_G, (uint64_t)tmp_path, O_RDONLY, 0), -EFAULT);
    cr_expect_eq(SC(79, AT_FDCWD_G, (uint64_t)g, (uint64_t)host_buf, 0),
                 -EFAULT);
    /* a string that runs into unmapped memory; the kernel reads at most
     * PATH_MAX bytes of it, so a whole page of it is too long instead */
    memset(g, 'a', 4096);
    cr_expect_eq(SC(56, AT_FDCWD_G, (uint64_t)g + 4000, O_RDONLY, 0), -EFAULT);
    cr_expect_eq(SC(56, AT_FDCWD_G, (uint64_t)g, O_RDONLY, 0), -ENAMETOOLONG);
    /* read-only guest memory is not a valid read() target */
    cr_expect_eq(guest_mprotect((uint64_t)g, 4096, PROT_READ), 0);
    cr_expect_eq(SC(63, (uint64_t)fd, (uint64_t)g, 1), -EFAULT);
    SC(57, (uint64_t)fd);
    unlink(tmp_path);
    guest_munmap((uint64_t)g, 4096);
}

Test(mmap, map_bookkeeping)
{
    char *g = gmem(5 * 4096);
    uint64_t a = (uint64_t)g;
    cr_expect(guest_range_ok(a, 5 * 4096, PROT_READ | PROT_WRITE));
    cr_expect(!guest_range_ok(a, 5 * 4096 + 1, PROT_READ));
    /* punch a hole, re-protect a page */
    cr_expect_eq(guest_munmap(a + 4096, 4096), 0);
    cr_expect(!guest_range_ok(a, 2 * 4096, PROT_READ));
    cr_expect(guest_range_ok(a + 2 * 4096, 4096, PROT_WRITE));
    cr_expect_eq(guest_mprotect(a + 3 * 4096, 4096, PROT_READ), 0);
    cr_expect(!guest_range_ok(a + 3 * 4096, 1, PROT_WRITE));
    cr_expect(guest_range_ok(a + 3 * 4096, 1, PROT_READ));
    /* a range spanning two entries with different prot */
    cr_expect(guest_range_ok(a + 2 * 4096, 2 * 4096, PROT_READ));
    /* mprotect over the hole: ENOMEM, like the kernel */
    cr_expect_eq(guest_mprotect(a, 3 * 4096, PROT_READ), -ENOMEM);
    /* MAP_FIXED into the hole works; over emulator memory it must not */
    cr_expect_eq(guest_mmap(a + 4096, 4096, PROT_READ, MAP_PRIVATE |
                            MAP_ANONYMOUS | MAP_FIXED, -1, 0),
                 (int64_t)(a + 4096));
    static char host_page[8192];
    uint64_t hp = ((uint64_t)(uintptr_t)host_page + 4095) & ~4095ull;
    cr_expect_eq(guest_mmap(hp, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
                            MAP_FIXED, -1, 0),
                 -ENOMEM);
    host_page[4096] = 1; /* still ours */
    /* munmap of memory the guest does not own leaves it alone */
    cr_expect_eq(guest_munmap(hp, 4096), 0);
    host_page[4097] = 1;
    cr_expect_eq(guest_munmap(a, 5 * 4096), 0);
    cr_expect(!guest_range_ok(a, 1, 0));
    /* bad arguments */
    cr_expect_eq(guest_mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
                            0), -EINVAL);
    cr_expect_eq(guest_munmap(a + 1, 4096), -EINVAL);
}

Test(mmap, mremap_moves_bookkeeping)
{
    char *g = gmem(4096);
    g[0] = 42;
    int64_t r = guest_mremap((uint64_t)g, 4096, 64 * 4096, MREMAP_MAYMOVE, 0);
    cr_assert(r > 0);
    cr_expect_eq(((char *)(uintptr_t)r)[0], 42);
    cr_expect(guest_range_ok((uint64_t)r, 64 * 4096, PROT_WRITE));
    if ((uint64_t)r != (uint64_t)g)
        cr_expect(!guest_range_ok((uint64_t)g, 1, 0));
    guest_munmap((uint64_t)r, 64 * 4096);
}

Test(mmap, brk)
{
    /* find free address space, then let brk own it */
    void *p = mmap(NULL, 1 << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
                   0);
    cr_assert(p != MAP_FAILED);
    munmap(p, 1 << 20);
    /* the program's last (bss) page, with the break inside it */
    cr_assert_eq(guest_mmap((uint64_t)(uintptr_t)p, 4096,
                            PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
                 (int64_t)(uintptr_t)p);
    uint64_t start = (uint64_t)(uintptr_t)p + 100;
    guest_brk_init(start);
    cr_expect_eq(guest_brk(0), start);
    cr_expect_eq(guest_brk(start + 10000), start + 10000);
    cr_expect(guest_range_ok(start, 10000, PROT_READ | PROT_WRITE));
    memset((void *)(uintptr_t)start, 7, 10000);
    /* below the start: refused, the old break comes back */
    cr_expect_eq(guest_brk(start - 200), start + 10000);
    cr_expect_eq(guest_brk(start + 10), start + 10);
    cr_expect(!guest_range_ok(start + 8192, 1, 0));
    /* growing into another mapping fails and keeps the old break */
    int64_t blocker = guest_mmap((start & ~4095ull) + 8 * 4096, 4096,
                                 PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
                                 MAP_FIXED, -1, 0);
    cr_assert(blocker > 0);
    cr_expect_eq(guest_brk(start + 20 * 4096), start + 10);
    cr_expect_eq(guest_brk(start + 4 * 4096), start + 4 * 4096);
    guest_munmap((uint64_t)blocker, 4096);
}

Test(mmap, maps_dump)
{
    char *g = gmem(3 * 4096);
    char path[] = "/tmp/emu-maps-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    guest_map_dump(fd);
    lseek(fd, 0, SEEK_SET);
    static char text[1 << 16];
    ssize_t n = read(fd, text, sizeof(text) - 1);
    cr_assert(n > 0);
    text[n] = 0;
    char want[64];
    snprintf(want, sizeof(want), "%08llx-%08llx rw-p 00000000 00:00 0 \n",
             (unsigned long long)(uintptr_t)g,
             (unsigned long long)(uintptr_t)g + 3 * 4096);
    cr_expect(strstr(text, want), "missing '%s' in:\n%s", want, text);
    close(fd);
    unlink(path);
    guest_munmap((uint64_t)g, 3 * 4096);
}

Test(syscall, strace_line)
{
    char path[] = "/tmp/emu-strace-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w+");
    emu_opts.log = f;
    emu_opts.strace = true;
    char *g = gmem(4096);
    strcpy(g, "/nonexistent/file");
    SC0(172);
    SC(56, AT_FDCWD_G, (uint64_t)g, O_RDONLY, 0);
    emu_opts.strace = false;
    emu_opts.log = NULL;
    fflush(f);
    rewind(f);
    char text[1024] = {0};
    fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    unlink(path);
    char want[64];
    snprintf(want, sizeof(want), " getpid() = %d\n", getpid());
    cr_expect(strstr(text, want), "%s", text);
    cr_expect(strstr(text, " openat(AT_FDCWD,\"/nonexistent/file\",0x0,00) = "
                           "-1 ENOENT (No such file or directory)\n"),
              "%s", text);
    guest_munmap((uint64_t)g, 4096);
}
