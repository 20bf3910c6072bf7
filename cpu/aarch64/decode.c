/*
 * cpu/aarch64/decode.c - the A64 decoder: the rows of the declarative
 * tables (cpu/aarch64/<group>.def, one row per Arm ARM encoding, gathered
 * by a64-all.def) on the generic engine (cpu/decoder.c), built once at
 * first use.
 *
 * Groups are bits 28:25, the A64 top-level op0 field.  The second-level
 * key is bits 31:21 and 15:10: they hold the opcode fields of most groups,
 * SIMD included, so a bucket holds a few rows.  Rows are tried most
 * specific first, so where an alias or a special case shares bits with a
 * general row, the special row wins; two rows of equal specificity that
 * can match the same word are a table bug that a64_decoder_check()
 * reports (tests/unit/test_ir.c).  The static tables hold only what needs
 * relocating (name, pattern, handler: a few pages for the start-up's
 * static-pie relocation); parsed data is the engine's.
 */
#include "cpu/aarch64/decode.h"

#include <pthread.h>

#include "common/emu.h"
#include "cpu/decoder.h"

typedef bool (*A64Handler)(A64Ctx *s, const A64Fields *f);

static const DecPattern a64_pats[] = {
#define A64(n, pat) {#n, pat},
#include "cpu/aarch64/a64-all.def"
#undef A64
};
static const A64Handler a64_fns[] = {
#define A64(n, pat) a64_trans_##n,
#include "cpu/aarch64/a64-all.def"
#undef A64
};
#define NROWS (sizeof(a64_pats) / sizeof(a64_pats[0]))

#define A64_GROUP_MASK 0x1e000000u /* op0, bits 28:25 */
#define A64_KEY_MASK 0xffe0fc00u   /* bits 31:21 and 15:10 */

static DecTable table;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
    dec_table_init_ex(&table, "A64", 32, A64_GROUP_MASK, A64_KEY_MASK, 0,
                      a64_pats, NROWS);
}

static void init(void)
{
    pthread_once(&once, build);
    if (table.error)
        emu_fatal("internal error: malformed A64 decoder row %s", table.error);
}

const char *a64_decode_name(uint32_t insn)
{
    init();
    const DecRow *r = dec_lookup(&table, insn);
    return r ? a64_pats[r->index].name : NULL;
}

bool a64_decode(A64Ctx *s, uint32_t insn)
{
    init();
    const DecRow *r = dec_lookup(&table, insn);
    if (!r)
        return false;
    A64Fields f;
    dec_fields(r, insn, f.v);
    if (!a64_fns[r->index](s, &f))
        return a64_undef(s, false);
    return true;
}

int a64_decoder_check(FILE *out)
{
    init();
    return dec_table_check(&table, a64_pats, out);
}

size_t a64_decoder_rows(void)
{
    return NROWS;
}
