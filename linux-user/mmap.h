/*
 * linux-user/mmap.h - moved: the guest memory map is common/guest-map.h
 * (loader/, syscall/ and linux-user/ all use it).  Kept so that files not
 * yet switched over build; include common/guest-map.h instead.
 */
#include "common/guest-map.h"
