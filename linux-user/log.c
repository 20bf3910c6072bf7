/*
 * linux-user/log.c - -d/-D logging and the one-line fatal error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "linux-user/emu.h"

EmuOptions emu_opts;

void emu_log(const char *fmt, ...)
{
    va_list ap;
    FILE *f = emu_opts.log ? emu_opts.log : stderr;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fflush(f);
}

void emu_fatal(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("emu-aarch64: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}
