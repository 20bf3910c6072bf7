/*
 * linux-user/proc.h - the guest's view of the /proc files that would
 * otherwise describe the emulator: /proc/self/{maps,exe,auxv} and
 * /proc/cpuinfo.  Called by the syscall layer on open and readlink.
 */
#ifndef EMU_LINUX_USER_PROC_H
#define EMU_LINUX_USER_PROC_H

#include <stddef.h>
#include <stdint.h>

/* The guest's argument and environment strings (the kernel's
 * mm->arg_start..arg_end, env_start..env_end) for /proc/self/cmdline and
 * /proc/self/environ; main() sets them after loading. */
void proc_set_args(uint64_t arg_start, uint64_t arg_end, uint64_t env_start,
                   uint64_t env_end);

/* Returned when the path is not one proc.c emulates: use the host's. */
#define PROC_NOT_MINE (-100000)

/* open() of guest path `path` (before the -L prefix): a host fd, -errno,
 * or PROC_NOT_MINE.  host_flags are host O_* flags. */
int64_t proc_open(const char *path, int host_flags);
/* readlink() of guest path `path`: length written to buf (not
 * NUL-terminated, like readlink), -errno, or PROC_NOT_MINE. */
int64_t proc_readlink(const char *path, char *buf, size_t n);

#endif
