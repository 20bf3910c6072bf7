/*
 * linux-user/thread.c - guest threads as host threads.
 *
 * Each guest thread gets its own CPU state and a host pthread running
 * cpu_loop().  The tid bookkeeping of clone() is done here rather than by
 * the host kernel, because the host thread's own clear-tid word belongs
 * to the host libc: CLONE_CHILD_CLEARTID is honoured by the guest-thread
 * exit path in the syscall layer (thread_exit_cleartid).
 */
#include "linux-user/thread.h"

#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-arch.h"
#include "common/guest-mem.h"
#include "common/guest-map.h"
#include "syscall/signal-state.h"

typedef struct ThreadStart {
    void *env;
    uint64_t flags, ptid, ctid;
    uint64_t sigmask; /* the creator's guest signal mask, inherited */
    sem_t ready;
    int64_t tid;
} ThreadStart;

static __thread uint64_t clear_tid_addr;

static void *thread_main(void *arg)
{
    ThreadStart *ts = arg;
    void *env = ts->env;
    pid_t tid = (pid_t)syscall(SYS_gettid);
    /* Both tid words are written before the child runs guest code, as the
     * kernel does: the child may exit (and clear ctid) before the parent
     * returns from clone. */
    if (ts->flags & CLONE_PARENT_SETTID)
        *(uint32_t *)g2h(ts->ptid) = (uint32_t)tid;
    if (ts->flags & CLONE_CHILD_SETTID)
        *(uint32_t *)g2h(ts->ctid) = (uint32_t)tid;
    if (ts->flags & CLONE_CHILD_CLEARTID)
        clear_tid_addr = ts->ctid;
    sig_state_set_mask(ts->sigmask);
    ts->tid = tid;
    sem_post(&ts->ready);
    cpu_loop(env);
}

void *cpu_env_new(void)
{
    void *env;
    size_t align = guest_arch->env_align < sizeof(void *) ? sizeof(void *)
                                                           : guest_arch->env_align;
    if (posix_memalign(&env, align, guest_arch->env_size))
        emu_fatal("out of memory");
    memset(env, 0, guest_arch->env_size);
    return env;
}

int64_t thread_clone(void *env, uint64_t flags, uint64_t newsp,
                     uint64_t ptid, uint64_t tls, uint64_t ctid)
{
    void *child;
    size_t align = guest_arch->env_align < sizeof(void *) ? sizeof(void *)
                                                           : guest_arch->env_align;
    if (posix_memalign(&child, align, guest_arch->env_size))
        return -ENOMEM;
    memcpy(child, env, guest_arch->env_size);
    guest_arch->clone_child(child, newsp, flags & CLONE_SETTLS, tls);

    ThreadStart ts = {.env = child, .flags = flags, .ptid = ptid, .ctid = ctid,
                      .sigmask = sig_state_mask()};
    sem_init(&ts.ready, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1 << 20);
    /* The child must not run guest code with signals the parent blocked
     * unblocked; pthread_create inherits the caller's mask. */
    pthread_t th;
    int e = pthread_create(&th, &attr, thread_main, &ts);
    pthread_attr_destroy(&attr);
    if (e) {
        free(child);
        return -e;
    }
    while (sem_wait(&ts.ready) != 0)
        ;
    sem_destroy(&ts.ready);
    return ts.tid;
}

void thread_exit_cleartid(void)
{
    /* the kernel's put_user() fails quietly on a bad address; ours must
     * not write emulator memory either */
    if (clear_tid_addr && guest_range_ok(clear_tid_addr, 4, PROT_WRITE)) {
        __atomic_store_n((uint32_t *)g2h(clear_tid_addr), 0,
                         __ATOMIC_SEQ_CST);
        syscall(SYS_futex, (uint32_t *)g2h(clear_tid_addr),
                FUTEX_WAKE, 1, NULL, NULL, 0);
    }
}

void thread_set_cleartid(uint64_t addr)
{
    clear_tid_addr = addr;
}
