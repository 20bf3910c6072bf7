/*
 * syscall/strace.c - the -strace printer.
 *
 * One line per syscall on emu_opts.log, `tid name(args) = result`, with
 * arguments decoded from the table's kinds: strings quoted (reading only
 * memory the guest map says is readable), flags and addresses in hex, the
 * AT_FDCWD dirfd and signal numbers by name, errors as errno name and
 * text.  Calls that do not return (exit, execve) are printed before they
 * run, with `= ?`.  Each line is written with one stdio call so threads
 * do not interleave inside a line.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/emu.h"
#include "syscall/sys-internal.h"

#define STRACE_STR_MAX 64

typedef struct Out {
    char *p;
    size_t left;
} Out;

static void out(Out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void out(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->p, o->left, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= o->left)
        n = o->left ? (int)o->left - 1 : 0;
    o->p += n;
    o->left -= (size_t)n;
}

/* Quoted, escaped, at most STRACE_STR_MAX bytes of s[0..len). */
static void out_quoted(Out *o, const char *s, size_t len)
{
    size_t n = len < STRACE_STR_MAX ? len : STRACE_STR_MAX;
    out(o, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n')
            out(o, "\\n");
        else if (ch == '\t')
            out(o, "\\t");
        else if (ch == '"' || ch == '\\')
            out(o, "\\%c", ch);
        else if (ch < 0x20 || ch >= 0x7f)
            out(o, "\\%o", ch);
        else
            out(o, "%c", ch);
    }
    out(o, "\"%s", n < len ? "..." : "");
}

static void out_ptr(Out *o, uint64_t v)
{
    if (v)
        out(o, "0x%llx", (unsigned long long)v);
    else
        out(o, "NULL");
}

static void out_arg(Out *o, int kind, uint64_t v, uint64_t next)
{
    switch (kind) {
    case A_INT:
        out(o, "%d", (int)v);
        break;
    case A_LONG:
        out(o, "%lld", (long long)v);
        break;
    case A_OCT:
        out(o, "0%llo", (unsigned long long)v);
        break;
    case A_DIRFD:
        if ((int)v == AT_FDCWD)
            out(o, "AT_FDCWD");
        else
            out(o, "%d", (int)v);
        break;
    case A_SIG: {
        const char *n = (int)v > 0 && (int)v < 32 ? sigabbrev_np((int)v)
                                                   : NULL;
        if (n)
            out(o, "SIG%s", n);
        else
            out(o, "%d", (int)v);
        break;
    }
    case A_STR: {
        const char *s;
        if (v && sys_str(v, &s) == 0)
            out_quoted(o, s, strlen(s));
        else
            out_ptr(o, v);
        break;
    }
    case A_BUF:
        if (v && sys_ok(v, next < STRACE_STR_MAX ? next : STRACE_STR_MAX,
                        PROT_READ))
            out_quoted(o, (const char *)g2h(v), next);
        else
            out_ptr(o, v);
        break;
    case A_PTR:
        out_ptr(o, v);
        break;
    case A_HEX:
    default:
        out(o, "0x%llx", (unsigned long long)v);
        break;
    }
}

void strace_enter(const SysCall *c, char *buf, size_t n)
{
    Out o = {buf, n};
    buf[0] = 0;
    const SysEntry *t = c->abi ? c->abi->table : NULL;
    const SysEntry *e = t && c->nr >= 0 && c->nr < SYS_NR_MAX && t[c->nr].name
                            ? &t[c->nr]
                            : NULL;
    if (!e) {
        /* Unknown: show all six raw. */
        for (int i = 0; i < 6; i++)
            out(&o, "%s0x%llx", i ? "," : "", (unsigned long long)c->a[i]);
        return;
    }
    for (int i = 0; i < 7 && e->kinds[i] != A_NONE; i++) {
        if (i)
            out(&o, ",");
        /* a 32-bit ABI's long is its register width: sign-extend it */
        uint64_t v = e->kinds[i] == A_LONG ? (uint64_t)sys_sarg(c, i) : c->a[i];
        out_arg(&o, e->kinds[i], v, i < 6 ? c->a[i + 1] : 0);
    }
}

void strace_print(const SysCall *c, const char *args, int64_t ret,
                  bool before)
{
    char line[1400];
    Out o = {line, sizeof(line)};
    int ret_kind = sys_ret_kind(c);
    out(&o, "%ld %s(%s) = ", (long)syscall(SYS_gettid), sys_call_name(c),
        args);
    if (before)
        out(&o, "?");
    else if (ret == -EMU_ERESTARTNOINTR)
        /* interrupted by a signal; made again after the handler (if any) */
        out(&o, "? ERESTART (interrupted, to be restarted)");
    else if (ret < 0 && ret >= -4095) {
        const char *name = strerrorname_np((int)-ret);
        out(&o, "-1 %s (%s)", name ? name : "E?", strerror((int)-ret));
    } else if (ret_kind == R_HEX)
        out(&o, "0x%llx", (unsigned long long)ret);
    else
        out(&o, "%lld", (long long)ret);
    out(&o, "\n");
    FILE *f = emu_opts.log ? emu_opts.log : stderr;
    fputs(line, f);
    fflush(f);
}
