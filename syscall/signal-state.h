/*
 * syscall/signal-state.h - the guest's signal dispositions, mask and
 * alternate stack, as set by rt_sigaction / rt_sigprocmask / sigaltstack.
 *
 * The syscall layer only keeps the books (syscall/signal-state.c); signal
 * delivery (linux-user/signal.c) reads them.  Dispositions are process
 * wide; the mask and the alternate stack are per guest thread (thread
 * local: a new guest thread starts with an empty mask and no altstack
 * unless its creator copies them with the setters).
 */
#ifndef EMU_SYSCALL_SIGNAL_STATE_H
#define EMU_SYSCALL_SIGNAL_STATE_H

#include <stdbool.h>
#include <signal.h>
#include <stdint.h>

#define GUEST_NSIG 64

/* arm64 struct sigaction as the kernel sees it (asm-generic layout with
 * SA_RESTORER): handler, flags, restorer, 64-bit mask. */
typedef struct GuestSigaction {
    uint64_t handler; /* SIG_DFL 0, SIG_IGN 1, or a guest address */
    uint64_t flags;   /* SA_* (same values as x86-64) */
    uint64_t restorer;
    uint64_t mask;    /* bit (sig - 1) */
} GuestSigaction;

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1u << 31) /* linux/signal.h (glibc lacks it) */
#endif

typedef struct GuestAltStack {
    uint64_t sp;
    int32_t flags; /* SS_DISABLE / SS_AUTODISARM */
    uint64_t size;
} GuestAltStack;

/* Signals the emulator itself needs delivered (synchronous faults of
 * guest code): never blocked on the host whatever the guest's mask. */
#define SIG_EMU_RESERVED                                                   \
    ((1ull << (SIGSEGV - 1)) | (1ull << (SIGBUS - 1)) |                    \
     (1ull << (SIGILL - 1)) | (1ull << (SIGFPE - 1)) |                     \
     (1ull << (SIGTRAP - 1)))

/* sig in 1..64; returns false for an invalid number. */
bool sig_state_get(int sig, GuestSigaction *out);
bool sig_state_set(int sig, const GuestSigaction *in);

/* The calling thread's guest mask (bit sig-1). */
uint64_t sig_state_mask(void);
void sig_state_set_mask(uint64_t mask);

/* The calling thread's alternate stack, kept as the kernel keeps it
 * (kernel/signal.c): flags are those the guest gave (mode | SS_AUTODISARM),
 * SS_DISABLE with sp = size = 0 when there is none.
 *   sig_state_altstack: the setting as stored (what __save_altstack puts
 *     in a frame's uc_stack);
 *   sig_state_altstack_mode: sas_ss_flags(sp): SS_DISABLE (no stack),
 *     SS_ONSTACK (sp on it, never while SS_AUTODISARM is armed) or 0;
 *   sig_state_disarm_altstack: sas_ss_reset (delivery with SS_AUTODISARM);
 *   sig_state_do_altstack: do_sigaltstack for sigaltstack(2) and for
 *     restore_altstack in rt_sigreturn: *oss (if oss) gets the old setting
 *     as sigaltstack reports it, then ss (if ss) is checked (EPERM while on
 *     the stack, EINVAL for a bad mode, ENOMEM below min_size) and set;
 *     returns 0 or -errno.  sp is the thread's guest stack pointer. */
void sig_state_altstack(GuestAltStack *out);
int sig_state_altstack_mode(uint64_t sp);
void sig_state_disarm_altstack(void);
int sig_state_do_altstack(const GuestAltStack *ss, GuestAltStack *oss,
                          uint64_t sp, uint64_t min_size);

/* siginfo as a 32-bit guest (arm EABI) sees it: 128 bytes, the union at
 * offset 12 in 4-byte words (asm-generic/siginfo.h with 32-bit int, long
 * and pointers; clock_t 32-bit).  The arm64 guest's siginfo is the host's
 * (same 64-bit layout).  The converters follow the kernel's
 * siginfo_layout(): the union member is chosen by signal and si_code. */
typedef struct GuestSiginfo32 {
    int32_t si_signo, si_errno, si_code;
    uint32_t u[29];
} GuestSiginfo32;
_Static_assert(sizeof(GuestSiginfo32) == 128, "32-bit siginfo size");
void sig_siginfo_to32(const siginfo_t *h, GuestSiginfo32 *g);
void sig_siginfo_from32(const GuestSiginfo32 *g, siginfo_t *h);

#endif
