/*
 * linux-user/thread.c - guest threads as host threads.
 *
 * Each guest thread gets its own CPU state and a host pthread running
 * cpu_loop().  The tid bookkeeping of clone() is done here rather than by
 * the host kernel, because the host thread's own clear-tid word belongs
 * to the host libc: CLONE_CHILD_CLEARTID is honoured by the guest-thread
 * exit path in the syscall layer (thread_exit_cleartid).
 *
 * Robust futex lists of 32-bit guests (the EABI robust_list_head of three
 * 32-bit words) are walked here, because the host kernel only knows the
 * 64-bit layout (an arm64 guest's list goes to the host kernel as is).
 * Every guest thread that registered a list has a node in `robust_nodes`,
 * a list that only grows (nodes are reused, never freed) so that a fatal
 * signal can walk every thread's list from a host signal handler without
 * a lock.  The walk follows kernel/futex/core.c: exit_robust_list (the
 * compat form: 32-bit entries whose bit 0 marks a PI futex, the futex word
 * at entry + futex_offset with 32-bit wrap-around, list_op_pending last
 * unless it is on the list, at most ROBUST_LIST_LIMIT entries, stop at the
 * first fault) and handle_futex_death (only a word whose TID bits are the
 * dying thread's gets FUTEX_OWNER_DIED, FUTEX_WAITERS kept, one waiter
 * woken with a shared FUTEX_WAKE - glibc waits on robust mutexes with
 * shared futex operations for that reason).
 */
#include "linux-user/thread.h"

#include <errno.h>
#include <stdbool.h>
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

/* ---- robust futex lists of 32-bit guests ---- */

#define ROBUST_LIST_LIMIT 2048 /* include/uapi/linux/futex.h */

typedef struct RobustNode {
    struct RobustNode *next; /* set once, before the node is published */
    int32_t tid;             /* 0: free for reuse */
    uint32_t head;           /* guest address of robust_list_head32 */
} RobustNode;

static RobustNode *robust_nodes;
static __thread RobustNode *robust_self;

/* A 32-bit guest word at addr, false if it is not readable. */
static bool robust_read(uint32_t addr, uint32_t *v)
{
    if (!guest_range_ok(addr, 4, PROT_READ))
        return false;
    *v = __atomic_load_n((uint32_t *)g2h(addr), __ATOMIC_RELAXED);
    return true;
}

/* handle_futex_death(): false stops the walk (misaligned or faulting
 * word). */
static bool robust_death(uint32_t uaddr, int32_t tid, bool pi, bool pending)
{
    uint32_t uval;
    if (uaddr & 3)
        return false;
    if (!robust_read(uaddr, &uval))
        return false;
    uint32_t *w = g2h(uaddr);
    for (;;) {
        uint32_t owner = uval & FUTEX_TID_MASK;
        /* An unlock (or a woken waiter) interrupted between releasing the
         * word and waking: wake one without touching the word. */
        if (pending && !pi && !owner) {
            syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
            return true;
        }
        if (owner != (uint32_t)tid)
            return true;
        if (!guest_range_ok(uaddr, 4, PROT_READ | PROT_WRITE))
            return false;
        uint32_t mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
        if (__atomic_compare_exchange_n(w, &uval, mval, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            break;
        /* uval now holds the word's current value: look again */
    }
    /* PI futexes are woken by the kernel's PI state (the host's, whose
     * owner is this host thread) */
    if (!pi && (uval & FUTEX_WAITERS))
        syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
    return true;
}

/* compat_exit_robust_list() for the list of thread tid at head. */
static void robust_walk(uint32_t head, int32_t tid)
{
    uint32_t next, off, pend;
    if (!head || !robust_read(head, &next) || !robust_read(head + 4, &off) ||
        !robust_read(head + 8, &pend))
        return;
    uint32_t entry = next & ~1u, pending = pend & ~1u;
    bool pi = next & 1, pip = pend & 1;
    for (unsigned limit = ROBUST_LIST_LIMIT; entry != head;) {
        bool ok = robust_read(entry, &next);
        if (entry != pending && !robust_death(entry + off, tid, pi, false))
            return;
        if (!ok)
            return;
        entry = next & ~1u;
        pi = next & 1;
        if (!--limit)
            break;
    }
    if (pending)
        robust_death(pending + off, tid, pip, true);
}

void thread_set_robust32(uint32_t head)
{
    RobustNode *n = robust_self;
    if (!n) {
        int32_t tid = (int32_t)syscall(SYS_gettid);
        for (n = __atomic_load_n(&robust_nodes, __ATOMIC_ACQUIRE); n;
             n = n->next) {
            int32_t free_tid = 0;
            if (__atomic_compare_exchange_n(&n->tid, &free_tid, tid, false,
                                            __ATOMIC_SEQ_CST,
                                            __ATOMIC_SEQ_CST))
                break;
        }
        if (!n) {
            n = calloc(1, sizeof(*n));
            if (!n)
                emu_fatal("out of memory");
            n->tid = tid;
            n->next = __atomic_load_n(&robust_nodes, __ATOMIC_ACQUIRE);
            while (!__atomic_compare_exchange_n(&robust_nodes, &n->next, n,
                                                false, __ATOMIC_SEQ_CST,
                                                __ATOMIC_SEQ_CST))
                ;
        }
        robust_self = n;
    }
    __atomic_store_n(&n->head, head, __ATOMIC_SEQ_CST);
}

uint32_t thread_robust32(void)
{
    return robust_self ? __atomic_load_n(&robust_self->head, __ATOMIC_SEQ_CST)
                       : 0;
}

void thread_exit_robust32(void)
{
    RobustNode *n = robust_self;
    if (!n)
        return;
    robust_walk(__atomic_exchange_n(&n->head, 0, __ATOMIC_SEQ_CST), n->tid);
    robust_self = NULL;
    __atomic_store_n(&n->tid, 0, __ATOMIC_SEQ_CST);
}

void thread_group_exit_robust32(void)
{
    /* The kernel kills the other threads first and each walks its own
     * list as it exits; here they may still run guest code while their
     * lists are walked, which only matters to a guest racing its own
     * exit_group. */
    for (RobustNode *n = __atomic_load_n(&robust_nodes, __ATOMIC_ACQUIRE); n;
         n = n->next) {
        int32_t tid = __atomic_load_n(&n->tid, __ATOMIC_SEQ_CST);
        uint32_t head = __atomic_exchange_n(&n->head, 0, __ATOMIC_SEQ_CST);
        if (tid)
            robust_walk(head, tid);
    }
}

void thread_fork_child_robust32(void)
{
    /* copy_process(): the child starts without a robust list (glibc
     * registers its own again); the parent's other threads are not in
     * the child. */
    for (RobustNode *n = robust_nodes; n; n = n->next) {
        n->head = 0;
        if (n != robust_self)
            n->tid = 0;
    }
    if (robust_self)
        robust_self->tid = (int32_t)syscall(SYS_gettid);
}

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
