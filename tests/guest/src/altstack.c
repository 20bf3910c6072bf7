/*
 * altstack.c - the alternate signal stack across delivery and
 * rt_sigreturn (kernel/signal.c): a SA_ONSTACK handler runs on it; with
 * SS_AUTODISARM the stack is disarmed while the handler runs (sigaltstack
 * shows SS_DISABLE, a new one may be set from the handler) and uc_stack
 * keeps the setting, which rt_sigreturn puts back (restore_altstack);
 * whatever the handler writes into uc_stack becomes the alternate stack
 * after rt_sigreturn; without SS_AUTODISARM sigaltstack on the stack is
 * EPERM.  The output is also what the source prints built for x86-64 and
 * run natively.  Not asserted: a handler on a stack without SS_AUTODISARM
 * that rewrites uc_stack - the x86-64 host refuses that restore (as if sp
 * were still on the stack), while arm's and arm64's rt_sigreturn restore
 * sp before restore_altstack, so the rule there is not settled here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif
#define SZ (64 * 1024)

static char *stk1, *stk2;
static int mode;

static const char *which(const void *p)
{
    if (p == NULL)
        return "NULL";
    if (p == stk1)
        return "stack1";
    if (p == stk2)
        return "stack2";
    return "other";
}

static void show(const char *what, const stack_t *s)
{
    printf("%s: sp %s size %s flags", what, which(s->ss_sp),
           s->ss_size == SZ ? "SZ" : s->ss_size == 0 ? "0" : "other");
    if (s->ss_flags == 0)
        printf(" 0");
    if (s->ss_flags & SS_ONSTACK)
        printf(" SS_ONSTACK");
    if (s->ss_flags & SS_DISABLE)
        printf(" SS_DISABLE");
    if (s->ss_flags & SS_AUTODISARM)
        printf(" SS_AUTODISARM");
    printf("\n");
}

static void current(const char *what)
{
    stack_t o;
    if (sigaltstack(NULL, &o))
        perror("sigaltstack");
    show(what, &o);
}

static int on(const char *base)
{
    char here;
    return &here > base && &here <= base + SZ;
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)si;
    printf(" on stack1: %d\n", on(stk1));
    show(" uc_stack", &uc->uc_stack);
    current(" in handler");
    stack_t n = {.ss_sp = stk2, .ss_size = SZ, .ss_flags = 0};
    int r = sigaltstack(&n, NULL);
    printf(" set stack2 in handler: %s\n", r ? strerrorname_np(errno) : "0");
    if (!r)
        current(" after set");
    if (mode == 1) {
        /* what rt_sigreturn restores is uc_stack */
        uc->uc_stack.ss_sp = stk2;
        uc->uc_stack.ss_size = SZ;
        uc->uc_stack.ss_flags = 0;
    } else if (mode == 2) {
        uc->uc_stack.ss_flags = SS_DISABLE;
    } else if (mode == 3) {
        uc->uc_stack.ss_sp = stk2;
        uc->uc_stack.ss_size = 16;
    }
}

static void run(const char *what, int flags, int m)
{
    stack_t s = {.ss_sp = stk1, .ss_size = SZ, .ss_flags = flags};
    mode = m;
    printf("%s\n", what);
    if (sigaltstack(&s, NULL))
        perror("sigaltstack");
    raise(SIGUSR1);
    current(" after return");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    stk1 = malloc(SZ);
    stk2 = malloc(SZ);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    current("initial");

    run("autodisarm", SS_AUTODISARM, 0);
    run("autodisarm, handler writes stack2 into uc_stack", SS_AUTODISARM, 1);
    run("autodisarm, handler writes SS_DISABLE into uc_stack", SS_AUTODISARM, 2);
    run("plain", 0, 0);
    /* below MINSIGSTKSZ: refused (the ENOMEM squashed), the setting stays */
    run("plain, handler writes a 16-byte stack into uc_stack", 0, 3);
    return 0;
}
