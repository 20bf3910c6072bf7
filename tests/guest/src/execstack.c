/* Executable stacks: GCC nested functions whose address is taken run a
 * trampoline written on the stack.  Built with the default (GCC marks the
 * program PT_GNU_STACK RWE): the main stack and (glibc) thread stacks are
 * executable.  Built with -Wl,-z,noexecstack (NOEXEC defined): a
 * trampoline call faults (SIGSEGV, arm64 stacks are not executable by
 * default), until mprotect(PROT_GROWSDOWN | PROT_EXEC) on the page at
 * __libc_stack_end, as glibc's _dl_make_stack_executable() does when
 * dlopen() meets an execstack library, makes the whole stack below it
 * executable (mprotect(2): PROT_GROWSDOWN extends to the vma start). */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern void *__libc_stack_end;
static sigjmp_buf jb;

static void on_segv(int s) { (void)s; siglongjmp(jb, 1); }
static int __attribute__((noinline)) apply(int (*f)(int), int x) { return f(x); }

/* Recurses ~64 KiB deep before taking a trampoline's address, so it lives
 * well below the top page of the stack. */
static int __attribute__((noinline)) deep(int n, int k)
{
    volatile char pad[1024];
    pad[0] = (char)n;
    if (n)
        return deep(n - 1, k) + pad[0] - n;
    int add(int v) { return v + k; }
    return apply(add, 1);
}

static void try_deep(const char *what, int k)
{
    if (sigsetjmp(jb, 1) == 0)
        printf("%s: %d\n", what, deep(64, k));
    else
        printf("%s: SIGSEGV\n", what);
}

static void *thread_main(void *a)
{
    try_deep("thread trampoline", *(int *)a);
    return NULL;
}

static const char *stack_perms(void)
{
    static char perms[5];
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    snprintf(perms, sizeof perms, "none");
    while (fgets(line, sizeof line, f))
        if (strstr(line, "[stack]"))
            sscanf(line, "%*x-%*x %4s", perms);
    fclose(f);
    return perms;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = {.sa_handler = on_segv};
    sigaction(SIGSEGV, &sa, NULL);
    printf("stack %s\n", stack_perms());
    try_deep("main trampoline", 41);
    pthread_t t;
    int k = 99;
    pthread_create(&t, NULL, thread_main, &k);
    pthread_join(t, NULL);
#ifdef NOEXEC
    long pg = sysconf(_SC_PAGESIZE);
    void *top = (void *)((uintptr_t)__libc_stack_end & -(uintptr_t)pg);
    printf("mprotect growsdown: %d\n",
           mprotect(top, pg, PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN));
    printf("stack %s\n", stack_perms());
    try_deep("main trampoline after", 41);
#endif
    return 0;
}
