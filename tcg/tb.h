/*
 * tcg/tb.h - translation blocks and the translation cache.
 *
 * A TB is the translation of one guest block starting at `pc`.  TBs are
 * found by pc in a hash table that is read without locks and filled under
 * tb_lock (guest threads share it).  Translation calls the guest front end
 * registered with tb_set_frontend(), runs the IR passes and hands the IR
 * to the x86-64 back end (or keeps it for the IR interpreter when
 * emu_opts.no_jit is set).
 */
#ifndef EMU_TCG_TB_H
#define EMU_TCG_TB_H

#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include "tcg/ir.h"

typedef struct TB TB;

typedef void (*TBFrontend)(IRBlock *b, uint64_t pc);

/* One-time set up: the guest's front end and IR/env description. */
void tb_init(TBFrontend fe, const IRGuestInfo *gi);

/* Runs guest code from env's pc until something needs the cpu loop:
 * returns an IRExit kind other than IR_EXIT_LOOKUP (syscall, undef, brk,
 * yield) with env's pc set as that kind documents. */
int tb_run(void *env);

/* Drops every translation of guest code in [start, start+len) and
 * unchains jumps into it (munmap, mprotect, IC IVAU, cacheflush). */
void tb_invalidate_range(uint64_t start, uint64_t len);

/* From the host SIGSEGV/SIGBUS handler: if host_pc lies in generated code
 * or a helper called from it, write the precise guest state (registers,
 * NZCV, pc of the faulting guest instruction) back into env and return
 * true.  Async-signal-safe. */
bool tb_recover_state(void *env, ucontext_t *uc);

#endif
