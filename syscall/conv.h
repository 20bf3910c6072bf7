/*
 * syscall/conv.h - guest (arm64) layouts of structures that differ from
 * the x86-64 host's, and their converters.
 *
 * Only what really differs is here; everything else the two LP64 ABIs
 * share (statfs, statx, flock, timespec, iovec, msghdr, sockaddr, rlimit,
 * rusage, siginfo, sigset, termios, dirent64, ...) passes through.
 * Checked against /usr/aarch64-linux-gnu/include/asm/ and asm-generic/ headers by
 * tests/unit/test_syscall_conv.c.
 */
#ifndef EMU_SYSCALL_CONV_H
#define EMU_SYSCALL_CONV_H

#include <stdint.h>
#include <sys/epoll.h>
#include <sys/stat.h>

/* asm-generic struct stat (arm64 has no asm/stat.h of its own): 128 bytes,
 * 32-bit mode/nlink/uid/gid and a 32-bit blksize, unlike x86-64's. */
typedef struct A64Stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
} A64Stat;

/* struct epoll_event: x86-64 packs it to 12 bytes, arm64 has natural
 * alignment (16 bytes, data at offset 8). */
typedef struct A64EpollEvent {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
} A64EpollEvent;

void conv_stat_to_a64(A64Stat *g, const struct stat *h);
void conv_epoll_to_a64(A64EpollEvent *g, const struct epoll_event *h);
void conv_epoll_from_a64(struct epoll_event *h, const A64EpollEvent *g);

/* open()/fcntl(F_GETFL/F_SETFL)/pipe2 flags: arm64 has its own values for
 * O_DIRECTORY, O_NOFOLLOW, O_DIRECT and O_LARGEFILE (asm/fcntl.h); all
 * other O_* bits are the asm-generic ones on both. */
int conv_oflags_to_host(int g);
int conv_oflags_to_a64(int h);

#endif
