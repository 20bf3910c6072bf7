/*
 * setjmp.c - setjmp/longjmp and sigsetjmp/siglongjmp (no signal is
 * delivered): non-local jumps out of nested calls restore SP, FP, the
 * callee-saved x19-x28 and d8-d15; glibc mangles the saved SP/LR with the
 * pointer guard read from TLS, so a wrong TPIDR_EL0 or stack guard breaks it.
 */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int depth_reached;

static void dive(int depth)
{
    volatile char pad[256];
    pad[0] = (char)depth;
    depth_reached = depth + pad[0] - depth;
    if (depth == 50)
        longjmp(env, depth);
    dive(depth + 1);
}

static double fp_keep(int n)
{
    jmp_buf e;
    register double kept = 1.5 * n; /* in d8-d15 across the call */
    volatile int passes = 0;
    if (setjmp(e) == 0) {
        passes++;
        longjmp(e, 1);
    }
    passes++;
    return kept + passes;
}

int main(void)
{
    volatile int counter = 0;
    int r = setjmp(env);
    counter++;
    printf("setjmp returned %d (counter %d)\n", r, counter);
    if (r == 0)
        dive(0);
    printf("depth reached %d\n", depth_reached);

    /* longjmp with value 0 makes setjmp return 1 */
    jmp_buf e2;
    volatile int second = 0;
    int v = setjmp(e2);
    if (!second) {
        second = 1;
        longjmp(e2, 0);
    }
    printf("longjmp(.., 0) gives %d\n", v);

    sigjmp_buf sj;
    volatile int loops = 0;
    int s = sigsetjmp(sj, 1);
    if (loops < 5) {
        loops++;
        siglongjmp(sj, loops * 10);
    }
    printf("siglongjmp loops %d last value %d\n", loops, s);
    printf("fp register kept across longjmp: %g\n", fp_keep(4));

    /* callee-saved integer registers survive */
    volatile long a = 11, b = 22, c = 33;
    long sum = 0;
    for (int i = 0; i < 3; i++) {
        jmp_buf e3;
        if (setjmp(e3) == 0)
            longjmp(e3, 1);
        sum += a + b + c;
    }
    printf("sum %ld\n", sum);
    return 0;
}
