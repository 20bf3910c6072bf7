/*
 * linux-user/safe-syscall.h - moved to syscall/safe-syscall.h (the
 * syscall layer's blocking host calls).  Kept so that files not yet
 * switched over build.
 */
#include "syscall/safe-syscall.h"
