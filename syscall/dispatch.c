/*
 * syscall/dispatch.c - the syscall entry of every ABI: table lookup, the
 * pass-through rows and the guest-pointer helpers every handler uses.  The
 * ABIs (register fetch and result) live with their guests:
 * linux-user/aarch64/ (AArch64) and linux-user/arm/ (EABI).
 *
 * A table (syscall/a64-table.def, syscall/arm-table.def, each built in its
 * guest's library) is indexed by the guest number the ABI fetched (x8 / r7); the ABI's fetch and set_result
 * move arguments and result (sys-internal.h has the contract).  Linux
 * errno values are the same on arm, arm64 and x86-64 (asm-generic), so
 * host errnos are returned unchanged.
 *
 * Invariant: nothing here or in a handler dereferences a guest pointer that
 * has not passed sys_ok()/sys_str() (guest memory map check), so a bad
 * pointer gives -EFAULT and never touches emulator memory; and every
 * dereference and every pointer handed to the host goes through g2h()
 * (sys-internal.h, "Guest addresses").
 */
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/emu.h"
#include "common/guest-map.h"
#include "common/path.h"
#include "syscall/syscall.h"
#include "syscall/sys-internal.h"

static const SysEntry *sys_entry(const SysCall *c)
{
    const SysEntry *t = c->abi ? c->abi->table : NULL;
    if (!t || c->nr < 0 || c->nr >= SYS_NR_MAX || !t[c->nr].name)
        return NULL;
    return &t[c->nr];
}

const char *sys_call_name(const SysCall *c)
{
    const SysEntry *e = sys_entry(c);
    if (e)
        return strncmp(e->name, "arm_", 4) ? e->name : e->name + 4;
    if (c->abi && c->abi->private_name) {
        const char *n = c->abi->private_name(c->nr);
        if (n)
            return n;
    }
    return "?";
}

static int64_t sys_unimplemented(const SysCall *c)
{
    if (emu_opts.dbg & DBG_UNIMP)
        emu_log("emu: unimplemented syscall %d (%s)\n", c->nr,
                sys_call_name(c));
    return -ENOSYS;
}

int64_t sys_dispatch(SysCall *c)
{
    const SysEntry *e = sys_entry(c);
    if (!e) {
        SysHandler *h = c->abi && c->abi->private_call
                            ? c->abi->private_call(c->nr)
                            : NULL;
        return h ? h(c) : sys_unimplemented(c);
    }
    if (e->fn)
        return e->fn(c);
    if (e->host_nr >= 0)
        return sys_ret(sys_host_call(e->host_nr, c->a[0], c->a[1], c->a[2],
                                     c->a[3], c->a[4], c->a[5]));
    return sys_unimplemented(c);
}

int sys_ret_kind(const SysCall *c)
{
    const SysEntry *e = sys_entry(c);
    return e ? e->ret : R_INT;
}

void sys_syscall(const SysAbi *abi, void *env)
{
    SysCall c = {.env = env, .abi = abi};
    abi->fetch(&c);

    if (!emu_opts.strace) {
        sys_syscall_finish(&c, sys_dispatch(&c));
        return;
    }
    /* -strace: the arguments are formatted before the call (the handler
     * may overwrite input buffers), printed with the result after it;
     * calls that do not return on success are printed before. */
    char args[1024];
    strace_enter(&c, args, sizeof(args));
    bool noret = sys_ret_kind(&c) == R_NORET;
    if (noret)
        strace_print(&c, args, 0, true);
    int64_t r = sys_dispatch(&c);
    strace_print(&c, args, r, false);
    sys_syscall_finish(&c, r);
}

/* ---- guest pointer helpers ---- */

bool sys_ok(uint64_t addr, uint64_t len, int prot)
{
    return len == 0 || guest_range_ok(addr, len, prot);
}

int64_t sys_str(uint64_t addr, const char **out)
{
    uint64_t p = addr;
    if (!addr)
        return -EFAULT;
    for (;;) {
        uint64_t end = (p | (GUEST_PAGE - 1)) + 1;
        if (end == 0 || !guest_range_ok(p, end - p, PROT_READ))
            return -EFAULT;
        if (memchr(g2h(p), 0, end - p)) {
            *out = g2h(addr);
            return 0;
        }
        p = end;
    }
}

int64_t sys_path(uint64_t addr, char *buf, size_t n, const char **out)
{
    const char *s;
    int64_t r = sys_str(addr, &s);
    if (r)
        return r;
    if (strlen(s) >= SYS_PATH_MAX)
        return -ENAMETOOLONG;
    *out = path_guest(s, buf, n);
    return 0;
}
