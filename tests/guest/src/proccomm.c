/*
 * proccomm.c - the task name the kernel gives a program at exec (comm:
 * the basename of the executed file, at most 15 bytes) as the program
 * itself sees it in /proc/self/comm and /proc/self/stat, and as it
 * changes with prctl(PR_SET_NAME).  Tools such as ps, pidof and top
 * read these; under an emulator they must not name the emulator.
 *
 * qemu-aarch64 7.2 deviates from Linux here (it leaves comm as the
 * emulator's and fakes /proc/self/stat with state '0'), so the expected
 * output is Linux's (fs/exec.c __set_task_comm at exec, fs/proc/array.c
 * "pid (comm) state ..."), not qemu's: no oracle test for this one.
 */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

static void read_first_line(const char *path, char *buf, size_t n)
{
    buf[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    if (fgets(buf, (int)n, f))
        buf[strcspn(buf, "\n")] = 0;
    fclose(f);
}

static void check(const char *want)
{
    char comm[64], stat[256], paren[64];
    read_first_line("/proc/self/comm", comm, sizeof comm);
    read_first_line("/proc/self/stat", stat, sizeof stat);
    char *l = strchr(stat, '('), *r = strrchr(stat, ')');
    paren[0] = 0;
    if (l && r && r > l && (size_t)(r - l) < sizeof paren) {
        memcpy(paren, l + 1, (size_t)(r - l - 1));
        paren[r - l - 1] = 0;
    }
    printf("comm matches %d, stat matches %d, state after name '%c'\n",
           strcmp(comm, want) == 0, strcmp(paren, want) == 0,
           r && r[1] == ' ' ? r[2] : '?');
}

int main(int argc, char **argv)
{
    (void)argc;
    const char *base = strrchr(argv[0], '/');
    char want[16];
    snprintf(want, sizeof want, "%s", base ? base + 1 : argv[0]);
    check(want);
    prctl(PR_SET_NAME, "renamed-task-with-long-name");
    check("renamed-task-wi");
    return 0;
}
