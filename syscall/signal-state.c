/*
 * syscall/signal-state.c - storage behind syscall/signal-state.h.
 *
 * Dispositions are one process-wide table under a mutex (rt_sigaction from
 * several threads, reads from delivery).  Masks and altstacks are thread
 * local.  Everything starts as the kernel starts a process after execve:
 * SIG_DFL (or SIG_IGN where inherited), the inherited mask, SS_DISABLE.
 */
#include "syscall/signal-state.h"

#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

static GuestSigaction sig_actions[GUEST_NSIG];
static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread uint64_t sig_mask;
static __thread GuestAltStack sig_altstack = {.flags = SS_DISABLE};

/* A disposition of SIG_IGN survives execve (the kernel keeps it), so a
 * program started ignoring e.g. SIGHUP (nohup) sees SIG_IGN.  So does
 * the signal mask: the guest starts with the blocked set emu was started
 * with (linux-user/signal.c then keeps the host mask equal to it). */
__attribute__((constructor)) static void sig_state_inherit(void)
{
    for (int sig = 1; sig < 32; sig++) {
        struct sigaction sa;
        if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
            sig_actions[sig - 1].handler = 1;
    }
    uint64_t m = 0;
    if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8) == 0)
        sig_mask = m & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
}

bool sig_state_get(int sig, GuestSigaction *out)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return false;
    pthread_mutex_lock(&sig_lock);
    *out = sig_actions[sig - 1];
    pthread_mutex_unlock(&sig_lock);
    return true;
}

bool sig_state_set(int sig, const GuestSigaction *in)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return false;
    pthread_mutex_lock(&sig_lock);
    sig_actions[sig - 1] = *in;
    pthread_mutex_unlock(&sig_lock);
    return true;
}

uint64_t sig_state_mask(void) { return sig_mask; }
void sig_state_set_mask(uint64_t mask) { sig_mask = mask; }

void sig_state_altstack(GuestAltStack *out) { *out = sig_altstack; }
void sig_state_set_altstack(const GuestAltStack *in) { sig_altstack = *in; }
