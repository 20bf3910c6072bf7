/*
 * fileio.c - file-system syscalls through stdio and directly, inside a
 * fresh temporary directory (mkdtemp under $TMPDIR or /tmp) that is removed
 * at the end: openat/read/write/lseek/pread/pwrite, fstat/newfstatat
 * (struct stat layout differs between arm64 and x86-64), getdents64 via
 * readdir, rename, symlink/readlink, ftruncate, access, chdir/getcwd,
 * unlink/rmdir.  Only names relative to the directory are printed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) printf("FAILED line %d: %s (errno %d)\n", __LINE__, #c, errno); } while (0)

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    CHECK(d != NULL);
    if (!d) return;
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64) {
        char t = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_LNK ? 'l' : '?';
        names[n] = malloc(strlen(e->d_name) + 3);
        sprintf(names[n], "%c %s", t, e->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    printf("listing:");
    for (int i = 0; i < n; i++) { printf(" [%s]", names[i]); free(names[i]); }
    printf("\n");
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[256];
    snprintf(dir, sizeof dir, "%s/emu-fileio-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) { printf("mkdtemp failed: %s\n", strerror(errno)); return 1; }
    CHECK(chdir(dir) == 0);
    char cwd[512];
    CHECK(getcwd(cwd, sizeof cwd) != NULL && strcmp(cwd, dir) == 0);
    umask(022);

    /* stdio: write, seek, read back */
    FILE *f = fopen("data.txt", "w+");
    CHECK(f != NULL);
    for (int i = 0; i < 1000; i++) fprintf(f, "line %04d %s\n", i, i % 3 ? "abc" : "defgh");
    long end = ftell(f);
    printf("ftell after writing: %ld\n", end);
    CHECK(fseek(f, 10 * 14, SEEK_SET) == 0);
    char line[64];
    CHECK(fgets(line, sizeof line, f) != NULL);
    printf("line at 140: %s", line);
    CHECK(fseek(f, -16, SEEK_END) == 0);
    size_t got = fread(line, 1, 20, f);
    line[got] = 0;
    printf("last %zu bytes: %s", got, line);
    rewind(f);
    int lines = 0, c;
    while ((c = fgetc(f)) != EOF) lines += c == '\n';
    printf("lines counted: %d\n", lines);
    fclose(f);

    /* binary fwrite/fread of a large buffer */
    enum { BIG = 1 << 20 };
    unsigned char *buf = malloc(BIG), *buf2 = malloc(BIG);
    for (int i = 0; i < BIG; i++) buf[i] = (unsigned char)(i * 131 + (i >> 9));
    f = fopen("big.bin", "wb");
    CHECK(fwrite(buf, 1, BIG, f) == BIG);
    fclose(f);
    f = fopen("big.bin", "rb");
    CHECK(fread(buf2, 1, BIG, f) == BIG);
    CHECK(fgetc(f) == EOF && feof(f));
    fclose(f);
    printf("big file round trip: %s\n", memcmp(buf, buf2, BIG) == 0 ? "equal" : "DIFFERENT");

    /* stat */
    struct stat sb;
    CHECK(stat("big.bin", &sb) == 0);
    printf("stat big.bin: size=%lld mode=%o nlink=%lu regular=%d blksize_ok=%d blocks_ok=%d\n",
           (long long)sb.st_size, (unsigned)(sb.st_mode & 07777), (unsigned long)sb.st_nlink,
           S_ISREG(sb.st_mode), sb.st_blksize > 0, sb.st_blocks >= BIG / 512 || sb.st_blocks == 0);
    CHECK(sb.st_uid == getuid() && sb.st_gid == getgid());
    struct stat sd;
    CHECK(stat(".", &sd) == 0);
    printf("stat .: dir=%d mode=%o\n", S_ISDIR(sd.st_mode), (unsigned)(sd.st_mode & 07777));
    CHECK(sd.st_dev == sb.st_dev && sd.st_ino != sb.st_ino);
    CHECK(sb.st_mtim.tv_sec > 1600000000);

    /* low-level I/O */
    int fd = open("raw.bin", O_RDWR | O_CREAT | O_TRUNC, 0640);
    CHECK(fd >= 0);
    CHECK(write(fd, "0123456789", 10) == 10);
    CHECK(pwrite(fd, "AB", 2, 4) == 2);
    char r[16] = {0};
    CHECK(pread(fd, r, 10, 0) == 10);
    printf("pread: %s\n", r);
    CHECK(lseek(fd, 100, SEEK_SET) == 100);
    CHECK(write(fd, "Z", 1) == 1);
    struct stat sr;
    CHECK(fstat(fd, &sr) == 0);
    printf("sparse write: size=%lld mode=%o\n", (long long)sr.st_size, (unsigned)(sr.st_mode & 07777));
    CHECK(ftruncate(fd, 5) == 0);
    CHECK(fstat(fd, &sr) == 0);
    printf("after ftruncate: size=%lld\n", (long long)sr.st_size);
    CHECK(lseek(fd, 0, SEEK_END) == 5);
    CHECK(read(fd, r, 1) == 0);
    close(fd);
    errno = 0;
    CHECK(open("does-not-exist", O_RDONLY) == -1 && errno == ENOENT);
    errno = 0;
    CHECK(open("raw.bin", O_RDWR | O_CREAT | O_EXCL, 0600) == -1 && errno == EEXIST);
    CHECK(access("raw.bin", R_OK | W_OK) == 0);

    /* directories, links, rename */
    CHECK(mkdir("sub", 0755) == 0);
    CHECK(rename("raw.bin", "sub/moved.bin") == 0);
    CHECK(symlink("sub/moved.bin", "link") == 0);
    char target[64];
    ssize_t tl = readlink("link", target, sizeof target - 1);
    CHECK(tl > 0);
    target[tl > 0 ? tl : 0] = 0;
    printf("readlink: %s\n", target);
    struct stat sl;
    CHECK(lstat("link", &sl) == 0 && S_ISLNK(sl.st_mode));
    CHECK(stat("link", &sl) == 0 && S_ISREG(sl.st_mode) && sl.st_size == 5);
    CHECK(link("data.txt", "hard") == 0);
    CHECK(stat("hard", &sl) == 0 && sl.st_nlink == 2);
    int dfd = open("sub", O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0);
    CHECK(fstatat(dfd, "moved.bin", &sl, 0) == 0 && sl.st_size == 5);
    close(dfd);
    list_dir(".");
    list_dir("sub");

    /* clean up */
    CHECK(unlink("link") == 0);
    CHECK(unlink("hard") == 0);
    CHECK(unlink("sub/moved.bin") == 0);
    errno = 0;
    CHECK(rmdir("sub") == 0);
    CHECK(unlink("data.txt") == 0 && unlink("big.bin") == 0);
    CHECK(chdir("/") == 0);
    CHECK(rmdir(dir) == 0);
    errno = 0;
    CHECK(stat(dir, &sb) == -1 && errno == ENOENT);
    printf("cleanup done\n");
    return 0;
}
