/*
 * openat2.c - openat2 (struct open_how: flags converted between the arm64
 * and x86-64 O_* encodings, resolve flags, versioned size rules) and
 * process_vm_readv/writev on this process and on a forked child.
 *
 * qemu-aarch64 7.2 has neither call (ENOSYS), so the expected output is
 * Linux's (fs/open.c do_sys_openat2, mm/process_vm_access.c), not qemu's:
 * no oracle test for this one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void try_open(const char *what, const char *path, uint64_t flags,
                     uint64_t resolve, size_t size, const void *extra)
{
    unsigned char how[64] = {0};
    struct open_how h = {.flags = flags, .resolve = resolve};
    memcpy(how, &h, sizeof(h));
    if (extra)
        how[sizeof(h)] = 1;
    errno = 0;
    long fd = syscall(SYS_openat2, AT_FDCWD, path, how, size);
    printf("%-26s %s\n", what, fd >= 0 ? "ok" : strerrorname_np(errno));
    if (fd >= 0)
        close((int)fd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    close(open("file", O_CREAT | O_WRONLY, 0644));
    symlink("file", "link");
    try_open("plain", "file", O_RDONLY, 0, sizeof(struct open_how), NULL);
    try_open("O_DIRECTORY on a file", "file", O_RDONLY | O_DIRECTORY, 0,
             sizeof(struct open_how), NULL);
    try_open("O_DIRECTORY on a dir", ".", O_RDONLY | O_DIRECTORY, 0,
             sizeof(struct open_how), NULL);
    try_open("O_NOFOLLOW on a link", "link", O_RDONLY | O_NOFOLLOW, 0,
             sizeof(struct open_how), NULL);
    try_open("RESOLVE_NO_SYMLINKS", "link", O_RDONLY, RESOLVE_NO_SYMLINKS,
             sizeof(struct open_how), NULL);
    try_open("RESOLVE_BENEATH ..", "../x", O_RDONLY, RESOLVE_BENEATH,
             sizeof(struct open_how), NULL);
    try_open("size too small", "file", O_RDONLY, 0, 8, NULL);
    try_open("bigger, zero tail", "file", O_RDONLY, 0, 40, NULL);
    try_open("bigger, non-zero tail", "file", O_RDONLY, 0, 40, "x");
    try_open("flags above 32 bits", "file", O_RDONLY | (1ull << 40), 0,
             sizeof(struct open_how), NULL);
    unlink("link");
    unlink("file");

    static char secret[32] = "in this process";
    char got[32] = {0};
    struct iovec l = {got, sizeof(got)}, r = {secret, sizeof(secret)};
    printf("process_vm_readv self %zd '%s'\n",
           process_vm_readv(getpid(), &l, 1, &r, 1, 0), got);
    int p[2];
    pipe(p);
    pid_t c = fork();
    if (c == 0) {
        strcpy(secret, "in the child");
        write(p[1], "x", 1);
        pause();
        _exit(0);
    }
    char x;
    read(p[0], &x, 1);
    memset(got, 0, sizeof(got));
    printf("process_vm_readv child %zd '%s'\n",
           process_vm_readv(c, &l, 1, &r, 1, 0), got);
    struct iovec w = {"written", 8};
    printf("process_vm_writev child %zd\n",
           process_vm_writev(c, &w, 1, &r, 1, 0));
    memset(got, 0, sizeof(got));
    process_vm_readv(c, &l, 1, &r, 1, 0);
    printf("child now has '%s'\n", got);
    errno = 0;
    printf("bad flags %zd %s\n", process_vm_readv(c, &l, 1, &r, 1, 1),
           strerrorname_np(errno));
    kill(c, SIGKILL);
    waitpid(c, NULL, 0);
    return 0;
}
