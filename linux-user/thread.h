/*
 * linux-user/thread.h - guest threads are host threads.
 */
#ifndef EMU_LINUX_USER_THREAD_H
#define EMU_LINUX_USER_THREAD_H

#include <stdint.h>

#include "syscall/sys-os.h" /* thread_clone, thread_*_cleartid */

/* Runs the cpu loop for env forever (linux-user/cpu-loop.c). */
_Noreturn void cpu_loop(void *env);
/* A new zeroed CPU state of guest_arch->env_size bytes (exits on ENOMEM). */
void *cpu_env_new(void);

#endif
