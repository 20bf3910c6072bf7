/*
 * common/path.h - the -L prefix (EMU_LD_PREFIX).
 *
 * An absolute guest path P is looked up as PREFIX/P first; when that
 * exists it is used, otherwise P itself (qemu-user's rule).  Every
 * path-taking syscall and the ELF loader go through path_guest().
 */
#ifndef EMU_COMMON_PATH_H
#define EMU_COMMON_PATH_H

#include <stddef.h>

/* Returns the host path for guest path p: either p or buf (filled). */
const char *path_guest(const char *p, char *buf, size_t buflen);

#endif
