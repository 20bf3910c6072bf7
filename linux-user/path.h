/*
 * linux-user/path.h - moved: the -L prefix rule is common/path.h (loader/,
 * syscall/ and linux-user/ all use it).  Kept so that files not yet
 * switched over build; include common/path.h instead.
 */
#include "common/path.h"
