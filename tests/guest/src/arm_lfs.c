/*
 * arm_lfs: what a native 32-bit ARM kernel gives a 32-bit process where a
 * 64-bit host would give more: 32-bit directory offsets (readdir without
 * large-file support works on ext4, telldir/seekdir round-trip), and
 * EOVERFLOW from the non-LFS calls for a file past 2 GiB (stat, lseek,
 * open without O_LARGEFILE), while the LFS forms (stat64, _llseek) work.
 * Built without _FILE_OFFSET_BITS=64 on purpose.
 */
#define _GNU_SOURCE 1
#define _LARGEFILE64_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char dir[64];

static void cleanup(int n)
{
    char p[128];
    for (int i = 0; i < n; i++) {
        snprintf(p, sizeof(p), "%s/entry%03d", dir, i);
        unlink(p);
    }
    snprintf(p, sizeof(p), "%s/big", dir);
    unlink(p);
    rmdir(dir);
}

int main(void)
{
    enum { N = 150 };
    snprintf(dir, sizeof(dir), "/tmp/arm_lfs.%d", (int)getpid());
    if (mkdir(dir, 0700)) {
        perror("mkdir");
        return 1;
    }
    char p[128];
    for (int i = 0; i < N; i++) {
        snprintf(p, sizeof(p), "%s/entry%03d", dir, i);
        close(open(p, O_CREAT | O_WRONLY, 0600));
    }

    /* readdir (struct dirent with a 32-bit d_off) sees every entry */
    DIR *d = opendir(dir);
    int n = 0, bad_off = 0;
    long pos40 = -1;
    char name41[64] = "";
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d))) {
        if (e->d_off < 0 || e->d_off > 0x7fffffffL)
            bad_off++;
        if (n == 40)
            pos40 = telldir(d);
        if (n == 41)
            snprintf(name41, sizeof(name41), "%s", e->d_name);
        n++;
    }
    printf("readdir: %d entries, errno %d, bad offsets %d\n", n, errno,
           bad_off);
    seekdir(d, pos40);
    e = readdir(d);
    printf("seekdir(telldir) continues at the next entry: %s\n",
           e && !strcmp(e->d_name, name41) ? "yes" : "no");
    rewinddir(d);
    e = readdir(d);
    printf("rewinddir: %s\n", e ? "first entry again" : "nothing");
    closedir(d);

    /* a sparse file of 3 GiB */
    snprintf(p, sizeof(p), "%s/big", dir);
    int fd = open(p, O_CREAT | O_RDWR | O_LARGEFILE, 0600);
    if (fd < 0 || syscall(SYS_ftruncate64, fd, 0, 0xc0000000u, 0)) {
        perror("ftruncate64");
        cleanup(N);
        return 1;
    }
    long r = syscall(SYS_lseek, fd, 0L, SEEK_END);
    printf("lseek to 3 GiB: %ld %s\n", r, r == -1 ? strerror(errno) : "");
    unsigned long long res = 0;
    r = syscall(SYS__llseek, fd, 0UL, 0UL, &res, SEEK_END);
    printf("_llseek to 3 GiB: %ld, position %llu\n", r, res);
    close(fd);

    char st[128];
    r = syscall(SYS_stat, p, st);
    printf("stat: %ld %s\n", r, r == -1 ? strerror(errno) : "");
    struct stat64 s64;
    r = syscall(SYS_stat64, p, &s64);
    printf("stat64: %ld, size %lld\n", r, (long long)s64.st_size);
    r = syscall(SYS_open, p, O_RDONLY);
    printf("open without O_LARGEFILE: %ld %s\n", r >= 0 ? 0 : r,
           r == -1 ? strerror(errno) : "");
    if (r > 0)
        close((int)r);
    r = syscall(SYS_open, p, O_RDONLY | O_LARGEFILE);
    printf("open with O_LARGEFILE: %s\n", r >= 0 ? "ok" : strerror(errno));
    if (r >= 0)
        close((int)r);
    cleanup(N);
    return 0;
}
