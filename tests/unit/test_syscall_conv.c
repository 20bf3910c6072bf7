/*
 * tests/unit/test_syscall_conv.c - the arm64 <-> x86-64 structure and flag
 * converters of syscall/conv.c, checked against the kernel's own layout
 * definitions: asm-generic/stat.h is what arm64 uses for struct stat (the
 * copy under /usr/aarch64-linux-gnu/include is the same file), and the
 * arm64 asm/fcntl.h values are spelled out here from that header.
 */
/* The generic kernel struct stat, renamed so it does not clash with the
 * libc one; included before any libc header defines st_atime. */
#define stat kernel_generic_stat
#include <asm-generic/stat.h>
#undef stat

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/statfs.h>

#include "syscall/conv.h"

#define SAME_OFF(f, g)                                                      \
    cr_expect_eq(offsetof(A64Stat, f),                                      \
                 offsetof(struct kernel_generic_stat, g), #f)

Test(conv, stat_layout_matches_asm_generic)
{
    cr_expect_eq(sizeof(A64Stat), sizeof(struct kernel_generic_stat));
    cr_expect_eq(sizeof(A64Stat), 128);
    SAME_OFF(st_dev, st_dev);
    SAME_OFF(st_ino, st_ino);
    SAME_OFF(st_mode, st_mode);
    SAME_OFF(st_nlink, st_nlink);
    SAME_OFF(st_uid, st_uid);
    SAME_OFF(st_gid, st_gid);
    SAME_OFF(st_rdev, st_rdev);
    SAME_OFF(st_size, st_size);
    SAME_OFF(st_blksize, st_blksize);
    SAME_OFF(st_blocks, st_blocks);
    SAME_OFF(st_atime_nsec, st_atime_nsec);
    SAME_OFF(st_mtime_nsec, st_mtime_nsec);
    SAME_OFF(st_ctime_nsec, st_ctime_nsec);
    cr_expect_eq(offsetof(A64Stat, st_atime_sec), 72);
    cr_expect_eq(offsetof(A64Stat, st_mtime_sec), 88);
    cr_expect_eq(offsetof(A64Stat, st_ctime_sec), 104);
}

Test(conv, stat_values_round_trip)
{
    struct stat h;
    A64Stat g;
    memset(&h, 0, sizeof(h));
    h.st_dev = 0x1234567890ull;
    h.st_ino = 0xfedcba9876543210ull;
    h.st_mode = 0100755;
    h.st_nlink = 7;
    h.st_uid = 1000;
    h.st_gid = 0xfffffffe;
    h.st_rdev = 0x0801;
    h.st_size = 0x7fffffffffffll;
    h.st_blksize = 4096;
    h.st_blocks = 12345;
    h.st_atim.tv_sec = 1700000000;
    h.st_atim.tv_nsec = 1;
    h.st_mtim.tv_sec = -5;
    h.st_mtim.tv_nsec = 999999999;
    h.st_ctim.tv_sec = 42;
    h.st_ctim.tv_nsec = 500;
    memset(&g, 0xaa, sizeof(g));
    conv_stat_to_a64(&g, &h);
    cr_expect_eq(g.st_dev, h.st_dev);
    cr_expect_eq(g.st_ino, h.st_ino);
    cr_expect_eq(g.st_mode, 0100755);
    cr_expect_eq(g.st_nlink, 7);
    cr_expect_eq(g.st_uid, 1000);
    cr_expect_eq(g.st_gid, 0xfffffffe);
    cr_expect_eq(g.st_rdev, 0x0801);
    cr_expect_eq(g.st_size, 0x7fffffffffffll);
    cr_expect_eq(g.st_blksize, 4096);
    cr_expect_eq(g.st_blocks, 12345);
    cr_expect_eq(g.st_atime_sec, 1700000000);
    cr_expect_eq(g.st_atime_nsec, 1);
    cr_expect_eq(g.st_mtime_sec, -5);
    cr_expect_eq(g.st_mtime_nsec, 999999999);
    cr_expect_eq(g.st_ctime_sec, 42);
    cr_expect_eq(g.st_ctime_nsec, 500);
    cr_expect_eq(g.pad1, 0);
    cr_expect_eq(g.pad2, 0);
    cr_expect_eq(g.unused4, 0);
    cr_expect_eq(g.unused5, 0);
}

Test(conv, epoll_event_layout)
{
    /* arm64: natural alignment; x86-64: packed (EPOLL_PACKED). */
    cr_expect_eq(sizeof(A64EpollEvent), 16);
    cr_expect_eq(offsetof(A64EpollEvent, data), 8);
    cr_expect_eq(sizeof(struct epoll_event), 12);
    struct epoll_event h = {.events = EPOLLIN | EPOLLET,
                            .data.u64 = 0x1122334455667788ull};
    A64EpollEvent g;
    conv_epoll_to_a64(&g, &h);
    cr_expect_eq(g.events, EPOLLIN | EPOLLET);
    cr_expect_eq(g.data, 0x1122334455667788ull);
    cr_expect_eq(g.pad, 0);
    struct epoll_event back;
    conv_epoll_from_a64(&back, &g);
    cr_expect_eq(back.events, h.events);
    cr_expect_eq(back.data.u64, h.data.u64);
}

Test(conv, statfs_is_shared)
{
    /* asm-generic statfs with 64-bit words on both: passed through. */
    cr_expect_eq(sizeof(struct statfs), 120);
    cr_expect_eq(offsetof(struct statfs, f_fsid), 56);
    cr_expect_eq(offsetof(struct statfs, f_namelen), 64);
    cr_expect_eq(offsetof(struct statfs, f_flags), 80);
}

/* arm64 asm/fcntl.h */
#define A64_O_DIRECTORY 040000
#define A64_O_NOFOLLOW 0100000
#define A64_O_DIRECT 0200000
#define A64_O_LARGEFILE 0400000

Test(conv, open_flags)
{
    cr_expect_eq(conv_oflags_to_host(A64_O_DIRECTORY), O_DIRECTORY);
    cr_expect_eq(conv_oflags_to_host(A64_O_NOFOLLOW), O_NOFOLLOW);
    cr_expect_eq(conv_oflags_to_host(A64_O_DIRECT), O_DIRECT);
    cr_expect_eq(conv_oflags_to_host(A64_O_LARGEFILE), 0100000);
    int common = O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_APPEND |
                 O_NONBLOCK | O_CLOEXEC | O_SYNC | O_PATH | O_NOATIME;
    cr_expect_eq(conv_oflags_to_host(common), common);
    cr_expect_eq(conv_oflags_to_a64(common), common);
    /* the x86-64 kernel reports O_LARGEFILE (0100000) in F_GETFL */
    cr_expect_eq(conv_oflags_to_a64(0100000 | O_RDWR),
                 A64_O_LARGEFILE | O_RDWR);
    for (int bit = 0; bit < 31; bit++) {
        int g = 1 << bit;
        cr_expect_eq(conv_oflags_to_a64(conv_oflags_to_host(g)), g,
                     "bit %d", bit);
    }
}
