/*
 * syscall/sys-proc.c - processes and threads: clone (fork-like and
 * threads), exit, wait, futex, ids, limits, scheduling, uname, prctl.
 *
 * clone uses arm64's and arm's argument order (CLONE_BACKWARDS: flags,
 * newsp, ptid, tls, ctid).  CLONE_VM|CLONE_THREAD becomes a host thread
 * (thread_clone, linux-user/thread.c).  Without CLONE_VM it is a host
 * fork(); the tid words and the guest sp/TLS of the child are set here,
 * because the host kernel would write the host thread's own words.
 * CLONE_VFORK (posix_spawn's CLONE_VM|CLONE_VFORK) runs as a fork whose
 * parent waits, through a close-on-exec pipe, until the child has exec'd
 * or exited - the vfork guarantee the guest relies on - but memory is not
 * shared, so a child that writes into its parent's memory is not seen.
 *
 * The host thread's clear-tid word belongs to the host libc, so the
 * guest's (set_tid_address, CLONE_CHILD_CLEARTID) is kept by
 * linux-user/thread.c and honoured on guest thread exit.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-mem.h"
#include "syscall/arm-compat.h"
#include "syscall/sys-os.h"
#include "syscall/signal-state.h"
#include "syscall/sys-internal.h"
#include "syscall/uaccess.h"

#define RW (PROT_READ | PROT_WRITE)

/* ---- exit ---- */

static int thread_count(void)
{
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    if (!d)
        return 1;
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

_Noreturn static void exit_process(int code)
{
    if (emu_opts.log)
        fflush(emu_opts.log);
    fflush(stderr);
    _exit(code);
}

int64_t sys_exit_group(SysCall *c)
{
    thread_group_exit_robust32();
    exit_process((int)c->a[0]);
}

int64_t sys_exit(SysCall *c)
{
    /* exit ends only the calling thread; the last one ends the process
     * with its status, as the kernel does.  mm_release(): the robust list
     * first, then the clear-tid word. */
    thread_exit_robust32();
    thread_exit_cleartid();
    if (thread_count() <= 1)
        exit_process((int)c->a[0]);
    pthread_exit(NULL);
}

int64_t sys_set_tid_address(SysCall *c)
{
    thread_set_cleartid(c->a[0]);
    return syscall(SYS_gettid);
}

/* ---- clone ---- */

static int64_t clone_fork(void *env, uint64_t flags, uint64_t newsp,
                          uint64_t ptid, uint64_t tls, uint64_t ctid)
{
    int vfork_pipe[2] = {-1, -1};
    if ((flags & CLONE_VFORK) && pipe2(vfork_pipe, O_CLOEXEC))
        return -errno;
    int exit_sig = (int)(flags & CSIGNAL);
    /* What the host kernel does for us as it would for the guest: new
     * namespaces (the child is the first process of a new PID namespace,
     * so unshare after a fork would not do), CLONE_PARENT, a pidfd, fd
     * table / fs / SysV undo sharing with the new process.  The tid words,
     * TLS and the stack are the guest's business (below). */
    const uint64_t host_flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC |
                                CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET |
                                CLONE_NEWCGROUP | CLONE_PARENT | CLONE_PIDFD |
                                CLONE_FILES | CLONE_FS | CLONE_SYSVSEM | CLONE_IO;
    uint64_t hf = flags & host_flags;
    pid_t pid = exit_sig == SIGCHLD && !hf
                    ? fork()
                    : (pid_t)syscall(SYS_clone, (uint64_t)exit_sig | hf, 0,
                                     (hf & CLONE_PIDFD) ? sys_hptr(ptid) : 0,
                                     0, 0);
    if (pid < 0) {
        int err = errno;
        if (vfork_pipe[0] >= 0)
            close(vfork_pipe[0]), close(vfork_pipe[1]);
        return -err;
    }
    if (pid == 0) {
        pid_t tid = (pid_t)syscall(SYS_gettid);
        if (vfork_pipe[0] >= 0)
            close(vfork_pipe[0]);
        if (flags & CLONE_CHILD_SETTID)
            *(uint32_t *)g2h(ctid) = (uint32_t)tid;
        thread_set_cleartid(flags & CLONE_CHILD_CLEARTID ? ctid : 0);
        thread_fork_child_robust32();
        guest_arch->clone_child(env, newsp, flags & CLONE_SETTLS, tls);
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID)
        *(uint32_t *)g2h(ptid) = (uint32_t)pid;
    if (vfork_pipe[0] >= 0) {
        char ch;
        close(vfork_pipe[1]);
        while (read(vfork_pipe[0], &ch, 1) < 0 && errno == EINTR)
            ;
        close(vfork_pipe[0]);
    }
    return pid;
}

int64_t sys_clone(SysCall *c)
{
    uint64_t flags = c->a[0], newsp = c->a[1], ptid = c->a[2], tls = c->a[3],
             ctid = c->a[4];
    /* kernel/fork.c copy_process(): the combinations it refuses */
    if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS) ||
        (flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
        return -EINVAL;
    if ((flags & CLONE_PIDFD) && (flags & CLONE_PARENT_SETTID))
        return -EINVAL;
    /* kernel/fork.c: CLONE_PIDFD's descriptor is stored before the child
     * runs (EFAULT), but the tid words are written with put_user() errors
     * ignored and CHILD_CLEARTID's address is only recorded: a bad address
     * there is no error, and emu never writes through it. */
    if (flags & CLONE_PIDFD)
        SYS_CHECK(ptid, 4, PROT_WRITE);
    if (!sys_ok(ptid, 4, PROT_WRITE))
        flags &= ~(uint64_t)CLONE_PARENT_SETTID;
    if (!sys_ok(ctid, 4, PROT_WRITE))
        flags &= ~(uint64_t)(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID);
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) {
        const uint64_t need = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND;
        if ((flags & need) != need) {
            if (emu_opts.dbg & DBG_UNIMP)
                emu_log("unsupported clone flags %#llx\n",
                        (unsigned long long)flags);
            return -EINVAL;
        }
        return thread_clone(c->env, flags, newsp, ptid, tls, ctid);
    }
    /* A new process: memory only shared by vfork; namespaces, a pidfd,
     * CLONE_PARENT and fd table / fs sharing go to the host (clone_fork). */
    const uint64_t ok = CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_SETTLS |
                        CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
                        CLONE_CHILD_CLEARTID | CLONE_NEWNS | CLONE_NEWUTS |
                        CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
                        CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_PARENT |
                        CLONE_PIDFD | CLONE_FILES | CLONE_FS | CLONE_SYSVSEM |
                        CLONE_IO | CLONE_UNTRACED | CLONE_DETACHED;
    if (flags & ~ok) {
        if (emu_opts.dbg & DBG_UNIMP)
            emu_log("unsupported clone flags %#llx\n",
                    (unsigned long long)flags);
        return -EINVAL;
    }
    return clone_fork(c->env, flags, newsp, ptid, tls, ctid);
}

/* EABI fork() and vfork(): clone with SIGCHLD (and CLONE_VM|CLONE_VFORK),
 * as kernel/fork.c defines them. */
int64_t sys_fork(SysCall *c)
{
    SysCall cc = *c;
    memset(cc.a, 0, sizeof(cc.a));
    cc.a[0] = SIGCHLD;
    return sys_clone(&cc);
}

int64_t sys_vfork(SysCall *c)
{
    SysCall cc = *c;
    memset(cc.a, 0, sizeof(cc.a));
    cc.a[0] = CLONE_VM | CLONE_VFORK | SIGCHLD;
    return sys_clone(&cc);
}

/* ---- wait ---- */

static int64_t wait4_32(SysCall *c);

/* kernel/exit.c: the options (EINVAL) and the children (ECHILD) first;
 * status, siginfo and rusage are written after a child was reaped (which
 * stays reaped when that fails with EFAULT). */
int64_t sys_wait4(SysCall *c)
{
    if (sys_abi32(c))
        return wait4_32(c);
    return sys_ret(sys_host_call(SYS_wait4, (int)c->a[0],
                                 sys_ptr(c->a[1], sizeof(int), PROT_WRITE),
                                 (int)c->a[2],
                                 sys_ptr(c->a[3], sizeof(struct rusage),
                                         PROT_WRITE)));
}

/* Copies a host result to a 32-bit guest's buffer after the call (the
 * child is reaped by then, as in the kernel, whose put_user comes last). */
static int64_t put32(uint64_t addr, const void *v, size_t n, int64_t r)
{
    if (r < 0 || !addr)
        return r;
    if (!sys_ok(addr, n, PROT_WRITE))
        return -EFAULT;
    memcpy(g2h(addr), v, n);
    return r;
}

static int64_t wait4_32(SysCall *c)
{
    struct rusage ru;
    int64_t r = sys_ret(sys_host_call(SYS_wait4, (int)c->a[0],
                                      sys_ptr(c->a[1], sizeof(int), PROT_WRITE),
                                      (int)c->a[2], c->a[3] ? &ru : NULL));
    if (r > 0 && c->a[3]) {
        ArmRusage g; /* put_compat_rusage truncates each field */
        arm_conv_rusage(&g, &ru);
        r = put32(c->a[3], &g, sizeof(g), r);
    }
    return r;
}

static int64_t waitid_32(SysCall *c)
{
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof(si));
    int64_t r = sys_ret(sys_host_call(SYS_waitid, (int)c->a[0], (int)c->a[1],
                                      c->a[2] ? &si : NULL, (int)c->a[3],
                                      c->a[4] ? &ru : NULL));
    if (c->a[2]) {
        GuestSiginfo32 g;
        sig_siginfo_to32(&si, &g);
        r = put32(c->a[2], &g, sizeof(g), r);
    }
    if (c->a[4]) {
        ArmRusage g; /* put_compat_rusage truncates each field */
        arm_conv_rusage(&g, &ru);
        r = put32(c->a[4], &g, sizeof(g), r);
    }
    return r;
}

int64_t sys_waitid(SysCall *c)
{
    if (sys_abi32(c))
        return waitid_32(c);
    return sys_ret(sys_host_call(SYS_waitid, (int)c->a[0], (int)c->a[1],
                                 sys_ptr(c->a[2], sizeof(siginfo_t),
                                         PROT_WRITE),
                                 (int)c->a[3],
                                 sys_ptr(c->a[4], sizeof(struct rusage),
                                         PROT_WRITE)));
}

/* ---- futex and robust lists: guest addresses are host addresses ---- */

int64_t sys_futex(SysCall *c)
{
    /* kernel/futex: the timeout is read first (EFAULT, EINVAL); a futex
     * word must be aligned (EINVAL) and pass access_ok (EFAULT), and is
     * read only by the operations that need its value: a private
     * FUTEX_WAKE on an unmapped word wakes nobody and returns 0.  The
     * fault pointers keep the word's alignment. */
    int cmd = (int)c->a[1] & FUTEX_CMD_MASK;
    uint64_t uaddr = sys_ptr(c->a[0], 4, PROT_READ);
    uint64_t tmo = c->a[3], uaddr2 = c->a[4];
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
        tmo = sys_ptr(tmo, sizeof(struct timespec), PROT_READ);
        break;
    case FUTEX_WAIT_REQUEUE_PI:
        tmo = sys_ptr(tmo, sizeof(struct timespec), PROT_READ);
        uaddr2 = sys_ptr(uaddr2, 4, PROT_READ);
        break;
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_CMP_REQUEUE_PI:
    case FUTEX_WAKE_OP:
        uaddr2 = sys_ptr(uaddr2, 4, PROT_READ);
        break;
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
    case FUTEX_UNLOCK_PI:
    case FUTEX_TRYLOCK_PI:
        break;
    default:
        return -ENOSYS;
    }
    return sys_ret(sys_host_call(SYS_futex, uaddr, (int)c->a[1],
                                 (uint32_t)c->a[2], tmo, uaddr2,
                                 (uint32_t)c->a[5]));
}

/* EABI: struct robust_list_head is three 32-bit words (12 bytes), which
 * the host kernel cannot walk: linux-user/thread.c records the head per
 * thread and walks the list when the thread, or the process, exits (also
 * by a fatal signal emu sees; not SIGKILL, which ends the host process at
 * once).  get_robust_list answers for the caller. */
static int64_t robust32_set(SysCall *c)
{
    if (c->a[1] != 12)
        return -EINVAL;
    thread_set_robust32((uint32_t)c->a[0]);
    return 0;
}

static int64_t robust32_get(SysCall *c)
{
    int pid = (int)c->a[0];
    if (pid && pid != (int)syscall(SYS_gettid))
        return -EPERM;
    uint32_t len = 12, head = thread_robust32();
    SYS_CHECK(c->a[1], 4, PROT_WRITE);
    SYS_CHECK(c->a[2], 4, PROT_WRITE);
    memcpy(g2h(c->a[1]), &head, 4);
    memcpy(g2h(c->a[2]), &len, 4);
    return 0;
}

int64_t sys_set_robust_list(SysCall *c)
{
    if (sys_abi32(c))
        return robust32_set(c);
    /* struct robust_list_head is three pointer-sized words on both; the
     * host kernel walks the guest's list on thread exit.  The kernel only
     * records the head (EINVAL for a wrong length, never EFAULT); a bad
     * one is recorded as an address that faults, so that walk stops. */
    return sys_ret(syscall(SYS_set_robust_list,
                           sys_ptr(c->a[0], 24, PROT_READ), c->a[1]));
}

int64_t sys_get_robust_list(SysCall *c)
{
    if (sys_abi32(c))
        return robust32_get(c);
    return sys_ret(syscall(SYS_get_robust_list, (int)c->a[0],
                           sys_ptr(c->a[1], 8, PROT_WRITE),
                           sys_ptr(c->a[2], 8, PROT_WRITE)));
}

/* ---- identity ---- */

static int64_t three_ids(SysCall *c, long host_nr)
{
    /* written in order, each EFAULT stopping the rest */
    return sys_ret(syscall(host_nr, sys_ptr(c->a[0], 4, PROT_WRITE),
                           sys_ptr(c->a[1], 4, PROT_WRITE),
                           sys_ptr(c->a[2], 4, PROT_WRITE)));
}

int64_t sys_getresuid(SysCall *c) { return three_ids(c, SYS_getresuid); }
int64_t sys_getresgid(SysCall *c) { return three_ids(c, SYS_getresgid); }

/* ---- system information and limits ---- */

int64_t sys_uname(SysCall *c)
{
    struct utsname u;
    SYS_CHECK(c->a[0], sizeof(u), PROT_WRITE);
    if (uname(&u))
        return -errno;
    /* The guest sees an arm64 kernel; release, version and node name are
     * the host's. */
    snprintf(u.machine, sizeof(u.machine), "%s", guest_arch->uname_machine);
    memcpy(g2h(c->a[0]), &u, sizeof(u));
    return 0;
}

/* The limits, usage and scheduling calls judge their ids, resources,
 * policies and lengths (EINVAL, ESRCH, EPERM) before they copy anything,
 * and write their results last: their pointers go to the host as sys_ptr()
 * makes them.  A NULL sched_param is EINVAL there, not EFAULT. */
#define IN(a, n) sys_ptr((a), (n), PROT_READ)
#define OUT(a, n) sys_ptr((a), (n), PROT_WRITE)

int64_t sys_sysinfo(SysCall *c)
{
    return sys_ret(syscall(SYS_sysinfo, OUT(c->a[0], sizeof(struct sysinfo))));
}

int64_t sys_getrlimit(SysCall *c)
{
    return sys_ret(syscall(SYS_getrlimit, (int)c->a[0],
                           OUT(c->a[1], sizeof(struct rlimit))));
}

int64_t sys_setrlimit(SysCall *c)
{
    return sys_ret(syscall(SYS_setrlimit, (int)c->a[0],
                           IN(c->a[1], sizeof(struct rlimit))));
}

int64_t sys_prlimit64(SysCall *c)
{
    return sys_ret(syscall(SYS_prlimit64, (int)c->a[0], (int)c->a[1],
                           IN(c->a[2], sizeof(struct rlimit)),
                           OUT(c->a[3], sizeof(struct rlimit))));
}

int64_t sys_getrusage(SysCall *c)
{
    return sys_ret(syscall(SYS_getrusage, (int)c->a[0],
                           OUT(c->a[1], sizeof(struct rusage))));
}

int64_t sys_getrandom(SysCall *c)
{
    /* drivers/char/random.c: the flags (EINVAL), then import_ubuf() (the
     * length capped at MAX_RW_COUNT, access_ok), bytes copied in order: a
     * buffer that is good at its start gets the bytes that fit. */
    uint64_t len = c->a[1] < 0x7ffff000u ? c->a[1] : 0x7ffff000u;
    SysFix f = {0};
    uint64_t buf = sys_fix(&f, c->a[0], len, PROT_WRITE);
    int64_t r = sys_ret(syscall(SYS_getrandom, buf, c->a[1],
                                (unsigned)c->a[2]));
    return sys_fix_done(&f, r);
}

int64_t sys_getcpu(SysCall *c)
{
    return sys_ret(syscall(SYS_getcpu, OUT(c->a[0], 4), OUT(c->a[1], 4), 0));
}

/* ---- scheduling (kernel/sched/syscalls.c) ---- */

int64_t sys_sched_setparam(SysCall *c)
{
    return sys_ret(syscall(SYS_sched_setparam, (int)c->a[0],
                           IN(c->a[1], sizeof(struct sched_param))));
}

int64_t sys_sched_getparam(SysCall *c)
{
    return sys_ret(syscall(SYS_sched_getparam, (int)c->a[0],
                           OUT(c->a[1], sizeof(struct sched_param))));
}

int64_t sys_sched_setscheduler(SysCall *c)
{
    return sys_ret(syscall(SYS_sched_setscheduler, (int)c->a[0],
                           (int)c->a[1],
                           IN(c->a[2], sizeof(struct sched_param))));
}

int64_t sys_sched_setaffinity(SysCall *c)
{
    /* the kernel reads min(len, its cpumask size) bytes */
    SysFix f = {0};
    uint64_t mask = sys_fix(&f, c->a[2], c->a[1], PROT_READ);
    int64_t r = sys_ret(syscall(SYS_sched_setaffinity, (int)c->a[0], c->a[1],
                                mask));
    return sys_fix_done(&f, r);
}

int64_t sys_sched_getaffinity(SysCall *c)
{
    /* len is judged first (EINVAL: too short or not a multiple of 8) */
    SysFix f = {0};
    uint64_t mask = sys_fix(&f, c->a[2], c->a[1], PROT_WRITE);
    int64_t r = sys_ret(syscall(SYS_sched_getaffinity, (int)c->a[0], c->a[1],
                                mask));
    return sys_fix_done(&f, r);
}

int64_t sys_sched_rr_get_interval(SysCall *c)
{
    return sys_ret(syscall(SYS_sched_rr_get_interval, (int)c->a[0],
                           OUT(c->a[1], sizeof(struct timespec))));
}

/* ---- prctl ---- */

int64_t sys_prctl(SysCall *c)
{
    int op = (int)c->a[0];
    uint64_t a2 = c->a[1];
    switch (op) {
    case PR_SET_NAME: /* a string: at most 15 bytes are read */
        a2 = sys_fix_str(a2, 15);
        break;
    case PR_GET_NAME:
        a2 = OUT(a2, 16);
        break;
    case PR_GET_PDEATHSIG:
    case PR_GET_CHILD_SUBREAPER:
        a2 = OUT(a2, 4);
        break;
    case PR_SET_PDEATHSIG:
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_CAPBSET_READ:
    case PR_CAPBSET_DROP:
    case PR_SET_TIMERSLACK:
    case PR_GET_TIMERSLACK:
    case PR_SET_CHILD_SUBREAPER:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_THP_DISABLE:
    case PR_GET_THP_DISABLE:
    case PR_CAP_AMBIENT:
    case PR_SET_PTRACER:
    case PR_GET_SECUREBITS:
    case PR_SET_SECUREBITS:
    case PR_SET_TIMING:
    case PR_GET_TIMING:
        break;
    default:
        /* The arm64-only ones (SVE/SME vector length, pointer auth keys,
         * tagged addresses, MTE) describe features this CPU lacks;
         * seccomp or PR_SET_MM would act on the emulator itself. */
        if (emu_opts.dbg & DBG_UNIMP)
            emu_log("unsupported prctl option %d\n", op);
        return -EINVAL;
    }
    return sys_ret(syscall(SYS_prctl, op, a2, c->a[2], c->a[3], c->a[4]));
}
