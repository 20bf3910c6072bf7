/*
 * syscall/conv.c - converters between arm64 and x86-64 structure layouts
 * and flag encodings (see syscall/conv.h for what differs and why).
 * Pure functions: no guest memory checks here, the callers do those.
 */
#include "syscall/conv.h"

#include <fcntl.h>
#include <string.h>

void conv_stat_to_a64(A64Stat *g, const struct stat *h)
{
    memset(g, 0, sizeof(*g));
    g->st_dev = h->st_dev;
    g->st_ino = h->st_ino;
    g->st_mode = h->st_mode;
    g->st_nlink = (uint32_t)h->st_nlink;
    g->st_uid = h->st_uid;
    g->st_gid = h->st_gid;
    g->st_rdev = h->st_rdev;
    g->st_size = h->st_size;
    g->st_blksize = (int32_t)h->st_blksize;
    g->st_blocks = h->st_blocks;
    g->st_atime_sec = h->st_atim.tv_sec;
    g->st_atime_nsec = (uint64_t)h->st_atim.tv_nsec;
    g->st_mtime_sec = h->st_mtim.tv_sec;
    g->st_mtime_nsec = (uint64_t)h->st_mtim.tv_nsec;
    g->st_ctime_sec = h->st_ctim.tv_sec;
    g->st_ctime_nsec = (uint64_t)h->st_ctim.tv_nsec;
}

void conv_epoll_to_a64(A64EpollEvent *g, const struct epoll_event *h)
{
    g->events = h->events;
    g->pad = 0;
    g->data = h->data.u64;
}

void conv_epoll_from_a64(struct epoll_event *h, const A64EpollEvent *g)
{
    h->events = g->events;
    h->data.u64 = g->data;
}

/* arm64 values (asm/fcntl.h); the host's are the asm-generic ones. */
#define A64_O_DIRECTORY 040000
#define A64_O_NOFOLLOW 0100000
#define A64_O_DIRECT 0200000
#define A64_O_LARGEFILE 0400000
#define A64_O_DIFFER (A64_O_DIRECTORY | A64_O_NOFOLLOW | A64_O_DIRECT | \
                      A64_O_LARGEFILE)
/* x86-64 kernel values (asm-generic/fcntl.h).  Not the libc macros: glibc
 * defines O_LARGEFILE as 0 on x86-64, but the kernel still reports
 * 0100000 in F_GETFL. */
#define HOST_O_DIRECT 040000
#define HOST_O_LARGEFILE 0100000
#define HOST_O_DIRECTORY 0200000
#define HOST_O_NOFOLLOW 0400000
#define HOST_O_DIFFER (HOST_O_DIRECTORY | HOST_O_NOFOLLOW | HOST_O_DIRECT | \
                       HOST_O_LARGEFILE)

static const struct {
    int g, h;
} oflag_map[] = {
    {A64_O_DIRECTORY, HOST_O_DIRECTORY},
    {A64_O_NOFOLLOW, HOST_O_NOFOLLOW},
    {A64_O_DIRECT, HOST_O_DIRECT},
    {A64_O_LARGEFILE, HOST_O_LARGEFILE},
};

int conv_oflags_to_host(int g)
{
    int h = g & ~A64_O_DIFFER;
    for (size_t i = 0; i < sizeof(oflag_map) / sizeof(oflag_map[0]); i++)
        if (g & oflag_map[i].g)
            h |= oflag_map[i].h;
    return h;
}

int conv_oflags_to_a64(int h)
{
    int g = h & ~HOST_O_DIFFER;
    for (size_t i = 0; i < sizeof(oflag_map) / sizeof(oflag_map[0]); i++)
        if (h & oflag_map[i].h)
            g |= oflag_map[i].g;
    return g;
}
