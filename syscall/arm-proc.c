/*
 * syscall/arm-proc.c - EABI process attributes: resource limits and
 * usage, sysinfo, nice, the 16-bit uid calls (CONFIG_UID16) and the *32
 * ones with pointers, and the legacy forms of eventfd, signalfd and
 * inotify_init, and sched_getaffinity's 32-bit mask size.
 *
 * The 16-bit calls (linux/highuid.h): ids above 65535 read back as the
 * overflow id 65534, and 0xffff given by the guest means -1 ("leave
 * unchanged").  glibc uses the *32 calls, which pass through.
 */
#include <sched.h>
#include <stdlib.h>
#include <sys/sysinfo.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "common/guest-mem.h"
#include "syscall/arm-sys.h"

#define ARM_OVERFLOW_ID 65534u

static uint32_t id16_in(uint64_t v)
{
    v &= 0xffff;
    return v == 0xffff ? (uint32_t)-1 : (uint32_t)v;
}

static int64_t id16_out(int64_t r)
{
    return r > 0xffff ? ARM_OVERFLOW_ID : r;
}

/* ---- limits, usage, sysinfo ---- */

int64_t sys_arm_ugetrlimit(SysCall *c)
{
    /* The resource is judged (EINVAL) before the result is written. */
    struct rlimit h;
    int64_t r = sys_ret(syscall(SYS_getrlimit, (int)c->a[0], &h));
    if (r < 0)
        return r;
    ArmRlimit g;
    arm_conv_rlimit_out(&g, &h);
    return arm_put(c->a[1], &g, sizeof(g));
}

int64_t sys_arm_setrlimit(SysCall *c)
{
    /* kernel/sys.c setrlimit: the limit is read first (EFAULT). */
    ArmRlimit g;
    if (arm_get(&g, c->a[1], sizeof(g)))
        return -EFAULT;
    struct rlimit h;
    arm_conv_rlimit_in(&h, &g);
    return sys_ret(syscall(SYS_setrlimit, (int)c->a[0], &h));
}

int64_t sys_arm_getrusage(SysCall *c)
{
    struct rusage h;
    int64_t r = sys_ret(syscall(SYS_getrusage, (int)c->a[0], &h));
    if (r < 0)
        return r;
    ArmRusage g;
    arm_conv_rusage(&g, &h);
    return arm_put(c->a[1], &g, sizeof(g));
}

int64_t sys_arm_sysinfo(SysCall *c)
{
    struct sysinfo h;
    int64_t r = sys_ret(syscall(SYS_sysinfo, &h));
    if (r < 0)
        return r;
    ArmSysinfo g;
    arm_conv_sysinfo(&g, &h);
    return arm_put(c->a[0], &g, sizeof(g));
}

int64_t sys_arm_nice(SysCall *c)
{
    /* kernel/sched/core.c sys_nice: the increment clamped to [-40, 40],
     * the new nice to [-20, 19]; lowering it without the right is EPERM
     * (setpriority says EACCES for the same). */
    int64_t inc = sys_sarg(c, 0);
    inc = inc < -40 ? -40 : inc > 40 ? 40 : inc;
    errno = 0;
    long cur = syscall(SYS_getpriority, PRIO_PROCESS, 0);
    if (cur < 0)
        return -errno;
    int64_t nice = 20 - cur + inc; /* the raw syscall returns 20 - nice */
    nice = nice < -20 ? -20 : nice > 19 ? 19 : nice;
    int64_t r = sys_ret(syscall(SYS_setpriority, PRIO_PROCESS, 0, (int)nice));
    return r == -EACCES ? -EPERM : r;
}

/* ---- credentials ---- */

int64_t sys_arm_getuid(SysCall *c) { return id16_out(getuid()); }
int64_t sys_arm_geteuid(SysCall *c) { return id16_out(geteuid()); }
int64_t sys_arm_getgid(SysCall *c) { return id16_out(getgid()); }
int64_t sys_arm_getegid(SysCall *c) { return id16_out(getegid()); }

int64_t sys_arm_setuid(SysCall *c)
{
    return sys_ret(syscall(SYS_setuid, id16_in(c->a[0])));
}

int64_t sys_arm_setgid(SysCall *c)
{
    return sys_ret(syscall(SYS_setgid, id16_in(c->a[0])));
}

int64_t sys_arm_setreuid(SysCall *c)
{
    return sys_ret(syscall(SYS_setreuid, id16_in(c->a[0]),
                           id16_in(c->a[1])));
}

int64_t sys_arm_setregid(SysCall *c)
{
    return sys_ret(syscall(SYS_setregid, id16_in(c->a[0]),
                           id16_in(c->a[1])));
}

int64_t sys_arm_setresuid(SysCall *c)
{
    return sys_ret(syscall(SYS_setresuid, id16_in(c->a[0]),
                           id16_in(c->a[1]), id16_in(c->a[2])));
}

int64_t sys_arm_setresgid(SysCall *c)
{
    return sys_ret(syscall(SYS_setresgid, id16_in(c->a[0]),
                           id16_in(c->a[1]), id16_in(c->a[2])));
}

int64_t sys_arm_setfsuid(SysCall *c)
{
    /* returns the previous fsuid, as 16 bits */
    return id16_out(syscall(SYS_setfsuid, id16_in(c->a[0])));
}

int64_t sys_arm_setfsgid(SysCall *c)
{
    return id16_out(syscall(SYS_setfsgid, id16_in(c->a[0])));
}

static int64_t three_ids16(SysCall *c, long nr)
{
    /* kernel/sys.c (uid16.c): all three read, then each put_user
     * (EFAULT). */
    uint32_t id[3];
    int64_t r = sys_ret(syscall(nr, &id[0], &id[1], &id[2]));
    if (r < 0)
        return r;
    for (int i = 0; i < 3; i++) {
        uint16_t v = (uint16_t)id16_out(id[i]);
        if (arm_put(c->a[i], &v, 2))
            return -EFAULT;
    }
    return 0;
}

int64_t sys_arm_getresuid(SysCall *c)
{
    return three_ids16(c, SYS_getresuid);
}

int64_t sys_arm_getresgid(SysCall *c)
{
    return three_ids16(c, SYS_getresgid);
}

int64_t sys_arm_getresuid32(SysCall *c) { return sys_getresuid(c); }
int64_t sys_arm_getresgid32(SysCall *c) { return sys_getresgid(c); }
int64_t sys_arm_getgroups32(SysCall *c) { return sys_getgroups(c); }
int64_t sys_arm_setgroups32(SysCall *c) { return sys_setgroups(c); }

/* NGROUPS_MAX (linux/limits.h). */
#define ARM_NGROUPS_MAX 65536

int64_t sys_arm_getgroups(SysCall *c)
{
    /* kernel/uid16.c: size < 0 is EINVAL; size 0 returns the count;
     * too small a size is EINVAL; the old_gid_t array is written. */
    int size = (int)c->a[0];
    if (size < 0)
        return -EINVAL;
    gid_t *g = malloc(ARM_NGROUPS_MAX * sizeof(*g));
    if (!g)
        return -ENOMEM;
    int64_t n = sys_ret(syscall(SYS_getgroups, ARM_NGROUPS_MAX, g));
    if (n > 0 && size) {
        if (size < n) {
            n = -EINVAL;
        } else if (!sys_ok(c->a[1], (uint64_t)n * 2, PROT_WRITE)) {
            n = -EFAULT;
        } else {
            uint16_t *out = (uint16_t *)g2h(c->a[1]);
            for (int64_t i = 0; i < n; i++)
                out[i] = (uint16_t)id16_out(g[i]);
        }
    }
    free(g);
    return n;
}

int64_t sys_arm_setgroups(SysCall *c)
{
    /* groups16_from_user: the count (EINVAL above NGROUPS_MAX) then the
     * array (EFAULT), each 16-bit id widened. */
    unsigned n = (unsigned)c->a[0];
    if (n > ARM_NGROUPS_MAX)
        return -EINVAL;
    if (n && !sys_ok(c->a[1], (uint64_t)n * 2, PROT_READ))
        return -EFAULT;
    gid_t *g = malloc((n ? n : 1) * sizeof(*g));
    if (!g)
        return -ENOMEM;
    const uint16_t *in = (const uint16_t *)g2h(c->a[1]);
    for (unsigned i = 0; i < n; i++)
        g[i] = id16_in(in[i]);
    int64_t r = sys_ret(syscall(SYS_setgroups, n, g));
    free(g);
    return r;
}

/* ---- legacy forms of the flag-taking calls ---- */

int64_t sys_arm_eventfd(SysCall *c)
{
    return arm_reuse(c, sys_eventfd2, c->a[0], 0, 0, 0, 0, 0);
}

int64_t sys_arm_inotify_init(SysCall *c)
{
    return arm_reuse(c, sys_inotify_init1, 0, 0, 0, 0, 0, 0);
}

int64_t sys_arm_signalfd(SysCall *c)
{
    return arm_reuse(c, sys_signalfd4, c->a[0], c->a[1], c->a[2], 0, 0, 0);
}

/* prctl: the shared handler, but PR_SET_PTRACER_ANY is (unsigned long)-1,
 * 0xffffffff in a 32-bit register. */
int64_t sys_arm_prctl(SysCall *c)
{
    if ((int)c->a[0] == 0x59616d61 /* PR_SET_PTRACER */ &&
        c->a[1] == 0xffffffffu)
        return arm_reuse(c, sys_prctl, c->a[0], ~0ull, c->a[2], c->a[3],
                         c->a[4], 0);
    return sys_prctl(c);
}

/* ---- sched_getaffinity ----
 * The value is the number of mask bytes written: min(len, cpumask_size()),
 * cpumask_size() being whole longs (kernel/sched/core.c).  emu answers as
 * a native 32-bit ARMv7 kernel built for at least as many CPUs as the
 * host has, in 32-bit longs (multi_v7_defconfig: NR_CPUS 16, one long):
 * 4 bytes for up to 32 CPUs.  An arm64 kernel running a compat task
 * answers with its own cpumask_size (compat_sys_sched_getaffinity: 8 or
 * more), as a 64-bit host does, which 32-bit programs passing a 4-byte
 * mask do not expect.  len is judged as that kernel judges it: EINVAL when it
 * holds fewer than nr_cpu_ids bits or is not a multiple of 4. */
int64_t sys_arm_sched_getaffinity(SysCall *c)
{
    uint32_t len = (uint32_t)c->a[1];
    uint64_t ncpu = (uint64_t)get_nprocs_conf();
    if ((uint64_t)len * 8 < ncpu || (len & 3))
        return -EINVAL;
    uint64_t host[128]; /* 8192 CPUs */
    uint32_t words = (uint32_t)((ncpu + 31) / 32);
    if (words > 2 * 128)
        return -EINVAL;
    int64_t r = sys_ret(syscall(SYS_sched_getaffinity, (int)c->a[0],
                                sizeof(host), host));
    if (r < 0)
        return r;
    uint32_t n = len < words * 4 ? len : words * 4;
    if (!sys_ok(c->a[2], n, PROT_WRITE))
        return -EFAULT;
    memcpy(g2h(c->a[2]), host, n); /* little endian: the low words */
    return n;
}
